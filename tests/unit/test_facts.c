/*
 * test_facts.c - YAML into the fact tree: positions of keys and values,
 * nesting, scalars kept as written, and errors with positions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/model.h"

static struct tally_fact *
parse(struct tally_arena *a, const char *y, uint32_t line)
{
	struct tally_fact *root = NULL;
	struct tally_yaml_error err;

	assert_int_equal(tally_facts_parse(a, y, strlen(y), line, &root, &err), 0);
	assert_non_null(root);
	return root;
}

static void
test_positions_and_text(void **state)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	const char *y =
	    "type: department-overall\n"
	    "figures:\n"
	    "  expenditure:\n"
	    "    total: 232.4\n"
	    "    basic: {total: 209.52, personnel: 201.82}\n"
	    "  budget: 250000.00\n"
	    "  rate: \"99.97%\"\n"
	    "标题: 盘龙分中心\n";
	struct tally_fact *root = parse(&a, y, 2);
	const struct tally_fact *f;

	(void)state;
	assert_int_equal(root->kind, TALLY_FACT_MAP);
	assert_int_equal(root->nchild, 3);
	f = tally_fact_get(root, "type");
	assert_string_equal(f->text, "department-overall");
	assert_int_equal(f->key_pos.line, 2);
	assert_int_equal(f->key_pos.col, 1);
	assert_int_equal(f->pos.line, 2);
	assert_int_equal(f->pos.col, 7);

	f = tally_fact_path(root, "figures.expenditure.total");
	assert_non_null(f);
	assert_string_equal(f->text, "232.4");
	assert_int_equal(f->pos.line, 5);
	assert_int_equal(f->pos.col, 12);
	assert_int_equal(f->quoted, 0);

	f = tally_fact_path(root, "figures.expenditure.basic.personnel");
	assert_string_equal(f->text, "201.82");
	assert_int_equal(f->pos.line, 6);
	assert_int_equal(f->key_pos.col, 28);

	/* never through a float: trailing zeros stay */
	f = tally_fact_path(root, "figures.budget");
	assert_string_equal(f->text, "250000.00");

	f = tally_fact_path(root, "figures.rate");
	assert_string_equal(f->text, "99.97%");
	assert_int_equal(f->quoted, 1);

	/* columns count code points: value after a Chinese key */
	f = tally_fact_get(root, "标题");
	assert_int_equal(f->pos.col, 5);
	assert_int_equal(f->pos.line, 9);
	tally_arena_free(&a);
}

static void
test_sequences_and_paths(void **state)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	const char *y =
	    "funds:\n"
	    "  - {source: 年度资金总额, initial: 60.69, rate: \"121.93%%\"}\n"
	    "  - source: 一般公共预算\n"
	    "    executed: 74\n"
	    "empty:\n"
	    "tilde: ~\n";
	struct tally_fact *root = parse(&a, y, 1);
	const struct tally_fact *f;
	struct tally_buf b = TALLY_BUF_INIT;

	(void)state;
	f = tally_fact_get(root, "funds");
	assert_int_equal(f->kind, TALLY_FACT_SEQ);
	assert_int_equal(f->nchild, 2);
	f = tally_fact_path(root, "funds.0.rate");
	assert_string_equal(f->text, "121.93%%");
	assert_int_equal(f->pos.line, 2);
	f = tally_fact_path(root, "funds.1.executed");
	assert_string_equal(f->text, "74");
	assert_int_equal(f->pos.line, 4);
	assert_int_equal(f->parent->index, 1);
	tally_fact_path_of(f, &b);
	assert_string_equal(tally_buf_cstr(&b), "funds.1.executed");
	assert_null(tally_fact_path(root, "funds.2"));
	assert_null(tally_fact_path(root, "funds.x"));
	assert_null(tally_fact_path(root, "nothing.here"));
	assert_true(tally_fact_get(root, "empty")->is_null);
	assert_true(tally_fact_get(root, "tilde")->is_null);
	assert_false(tally_fact_is_scalar(tally_fact_get(root, "tilde")));
	tally_buf_free(&b);
	tally_arena_free(&a);
}

static void
test_errors(void **state)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_fact *root;
	struct tally_yaml_error err;
	const char *bad = "a: 1\nb: [1, 2\nc: 3\n";
	const char *dup = "a: 1\nb: 2\na: 3\n";
	const char *alias = "a: &x 1\nb: *x\n";

	(void)state;
	assert_int_equal(tally_facts_parse(&a, bad, strlen(bad), 10, &root, &err), -1);
	assert_true(err.pos.line >= 11);
	assert_true(strlen(err.msg) > 0);

	assert_int_equal(tally_facts_parse(&a, dup, strlen(dup), 1, &root, &err), -1);
	assert_int_equal(err.pos.line, 3);
	assert_non_null(strstr(err.msg, "duplicate key"));

	assert_int_equal(tally_facts_parse(&a, alias, strlen(alias), 1, &root, &err), -1);
	assert_non_null(strstr(err.msg, "anchors"));
	tally_arena_free(&a);
}

static void
test_empty_document(void **state)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_fact *root = parse(&a, "", 2);

	(void)state;
	assert_int_equal(root->kind, TALLY_FACT_MAP);
	assert_int_equal(root->nchild, 0);
	root = parse(&a, "# only a comment\n", 2);
	assert_int_equal(root->kind, TALLY_FACT_MAP);
	tally_arena_free(&a);
}

static void
test_deep_nesting_refused(void **state)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_buf b = TALLY_BUF_INIT;
	struct tally_fact *root;
	struct tally_yaml_error err;
	int i;

	(void)state;
	for (i = 0; i < 100; i++)
		tally_buf_putc(&b, '[');
	for (i = 0; i < 100; i++)
		tally_buf_putc(&b, ']');
	assert_int_equal(tally_facts_parse(&a, b.data, b.len, 1, &root, &err), -1);
	assert_non_null(strstr(err.msg, "nesting"));
	tally_buf_free(&b);
	tally_arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions_and_text),
		cmocka_unit_test(test_sequences_and_paths),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_empty_document),
		cmocka_unit_test(test_deep_nesting_refused),
	};
	return cmocka_run_group_tests_name("facts", tests, NULL, NULL);
}
