/*
 * test_schema.c - the schema loader: a good schema file loads with its
 * sections, fields, rules and grades; bad ones are refused with the line
 * and column of each problem.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "diag/diag.h"
#include "model/model.h"

static const char good[] =
    "id: demo\n"
    "name: 示例报告\n"
    "sections:\n"
    "  - title: 摘要\n"
    "    optional: true\n"
    "  - title: 部门概况\n"
    "    aliases: [概况, 基本情况]\n"
    "    sections:\n"
    "      - {title: 机构设置、编制, aliases: [部门机构设置、编制]}\n"
    "      - 职责职能\n"
    "  - title: 存在的问题\n"
    "required: [figures]\n"
    "fields:\n"
    "  figures.expenditure.total: {label: 总支出, aliases: [支出总计], kind: money, required: true}\n"
    "  figures.cases.closure_rate: {label: 结案率, kind: percent}\n"
    "rules:\n"
    "  - id: closure-rate\n"
    "    ratio: [figures.cases.closed, figures.cases.filed]\n"
    "    equals: figures.cases.closure_rate\n"
    "  - sum: [figures.expenditure.basic, figures.expenditure.project]\n"
    "    equals: figures.expenditure.total\n"
    "  - equal: [figures.budget.execution_rate, funds.0.rate]\n"
    "  - shares: [figures.expenditure.basic_share, figures.expenditure.project_share]\n"
    "grades: {良: 80, 优: 90, 差: 0, 中: 60}\n"
    "execution_threshold: 90%\n"
    "indicator_weights: 100\n"
    "prompts: [\"(200字以内)\"]\n";

static void
test_good_schema(void **state)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_diags d;
	struct tally_schema *s = NULL;
	char buf[TALLY_DEC_BUFSZ];

	(void)state;
	tally_diags_init(&d, TALLY_LANG_EN);
	assert_int_equal(tally_schema_load(&a, "schemas/demo.yaml", good,
	    strlen(good), &s, &d), 0);
	assert_int_equal(d.n, 0);
	assert_non_null(s);
	assert_string_equal(s->id, "demo");
	assert_int_equal(s->nsections, 3);
	assert_int_equal(s->sections[0].optional, 1);
	assert_string_equal(s->sections[1].title, "部门概况");
	assert_int_equal(s->sections[1].naliases, 2);
	assert_int_equal(s->sections[1].nsections, 2);
	assert_string_equal(s->sections[1].sections[1].title, "职责职能");
	assert_int_equal(s->sections[1].pos.line, 6);
	assert_int_equal(s->nfields, 2);
	assert_non_null(tally_schema_field(s, "figures.expenditure.total"));
	assert_int_equal(tally_schema_field(s, "figures.expenditure.total")->required, 1);
	assert_int_equal(tally_schema_field(s, "figures.cases.closure_rate")->kind,
	    TALLY_FIELD_PERCENT);
	assert_int_equal(s->nrules, 4);
	assert_int_equal(s->rules[0].kind, TALLY_RULE_RATIO);
	assert_string_equal(s->rules[0].id, "closure-rate");
	assert_string_equal(s->rules[0].equals, "figures.cases.closure_rate");
	assert_int_equal(s->rules[2].kind, TALLY_RULE_EQUAL);
	assert_int_equal(s->rules[3].kind, TALLY_RULE_SHARES);
	assert_int_equal(s->rules[3].noperands, 2);
	/* rule operands' fields, looked up at load */
	assert_ptr_equal(tally_schema_rule_field(s, 0, 2),
	    tally_schema_field(s, "figures.cases.closure_rate"));
	assert_null(tally_schema_rule_field(s, 0, 0));
	assert_ptr_equal(tally_schema_rule_field(s, 1, 2),
	    tally_schema_field(s, "figures.expenditure.total"));
	assert_null(tally_schema_rule_field(s, 2, 2)); /* no equals */
	assert_null(tally_schema_rule_field(s, 1, 3)); /* past the rule */
	assert_null(tally_schema_rule_field(s, 4, 0)); /* no such rule */
	/* grades sorted from the highest band */
	assert_int_equal(s->ngrades, 4);
	assert_string_equal(s->grades[0].name, "优");
	assert_string_equal(s->grades[3].name, "差");
	assert_int_equal(s->has_execution_threshold, 1);
	assert_string_equal(tally_dec_format(s->execution_threshold, buf,
	    sizeof(buf)), "90");
	assert_int_equal(s->nprompts, 1);
	tally_diags_free(&d);
	tally_arena_free(&a);
}

/* Loads src, expects failure, and checks that a diagnostic at `line`
 * mentions `word` (English messages). */
static void
expect_error(const char *src, uint32_t line, const char *word)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_diags d;
	struct tally_schema *s = NULL;
	size_t i;
	int found = 0;

	tally_diags_init(&d, TALLY_LANG_EN);
	assert_int_equal(tally_schema_load(&a, "schemas/demo.yaml", src,
	    strlen(src), &s, &d), -1);
	assert_null(s);
	for (i = 0; i < d.n; i++)
		if (d.items[i].line == line && strstr(d.items[i].msg_en, word))
			found = 1;
	if (!found)
		for (i = 0; i < d.n; i++)
			print_error("got %u: %s\n", d.items[i].line,
			    d.items[i].msg_en);
	assert_true(found);
	assert_int_equal(tally_diags_worst(&d), TALLY_SEV_ERROR);
	tally_diags_free(&d);
	tally_arena_free(&a);
}

static void
test_bad_schemas(void **state)
{
	(void)state;
	expect_error("id: demo\nsectons: []\n", 2, "unknown key sectons");
	expect_error("id: demo\nsections:\n  - title: 摘要\n    optinal: true\n", 4,
	    "unknown key optinal");
	expect_error("id: demo\nsections:\n  - 摘要\n  - title: 摘要\n", 4,
	    "duplicate section");
	expect_error("id: demo\nsections:\n  - title: 概况\n  - {title: 部门概况, aliases: [概况]}\n",
	    4, "duplicates another section");
	expect_error("id: demo\nfields:\n  figures..total: {label: 总支出}\n", 3,
	    "malformed path");
	expect_error("id: demo\nfields:\n  figures.total: {label: 总支出, kind: cash}\n",
	    3, "unknown field kind");
	expect_error("id: demo\nrules:\n  - ratio: [a.b, c d]\n    equals: e\n", 3,
	    "malformed path");
	expect_error("id: demo\nrules:\n  - ratio: [a, b]\n", 3, "without equals");
	expect_error("id: demo\nrules:\n  - ratio: [a, b]\n    sum: [a]\n    equals: c\n",
	    3, "exactly one of");
	expect_error("id: other\n", 1, "must match the file name");
	expect_error("id: demo\ngrades: {优: ninety}\n", 2, "must be a number");
	expect_error("id: demo\nsections: [\n", 3, "YAML syntax error");
	expect_error("id: demo\nfunds_score: linear\n", 2, "unknown funds_score");
}

static void
test_path_valid(void **state)
{
	(void)state;
	assert_true(tally_path_valid("figures.budget.total"));
	assert_true(tally_path_valid("funds.0.rate"));
	assert_true(tally_path_valid("a_b.c-d"));
	assert_false(tally_path_valid(""));
	assert_false(tally_path_valid("a..b"));
	assert_false(tally_path_valid(".a"));
	assert_false(tally_path_valid("a."));
	assert_false(tally_path_valid("a b"));
	assert_false(tally_path_valid("总支出"));
}

/* The naive search tally_schema_find_prompt must agree with: the earliest
 * start, and at one start the prompt of 9 bytes or more first in schema
 * order, else the shorter one first in schema order. */
static size_t
naive_find(const struct tally_schema *s, const char *t, size_t n,
    size_t *which)
{
	size_t i, pass, k, l;

	for (i = 0; i < n; i++)
		for (pass = 0; pass < 2; pass++)
			for (k = 0; k < s->nprompts; k++) {
				l = strlen(s->prompts[k]);
				if (l < 3 || (l >= 9) != (pass == 0) ||
				    l > n - i ||
				    memcmp(t + i, s->prompts[k], l) != 0)
					continue;
				*which = k;
				return i;
			}
	return SIZE_MAX;
}

static void
check_prompts_against_naive(const char *src)
{
	static const char *const bits[] = {
		"请", "填写", "此处", "写", "（", "(", "）", ")", "X", "XX",
		"×", "×X", "说明", "简要", "200", "字以内", "可另附页", "，",
		"本节内容", "a", "的", "问题", "结合", "情况", "包括但不限于",
	};
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_diags d;
	struct tally_schema *s = NULL;
	char text[512];
	size_t round, n, k, w1, w2, o1, o2;
	unsigned seed = 12345;

	tally_diags_init(&d, TALLY_LANG_EN);
	assert_int_equal(tally_schema_load(&a, "schemas/p.yaml", src,
	    strlen(src), &s, &d), 0);
	for (round = 0; round < 20000; round++) {
		n = 0;
		seed = seed * 1103515245u + 12345u;
		for (k = (seed >> 16) % 24; k > 0; k--) {
			const char *b;

			seed = seed * 1103515245u + 12345u;
			b = bits[(seed >> 16) % (sizeof(bits) / sizeof(bits[0]))];
			if ((seed >> 8) % 9 == 0)
				b = s->prompts[(seed >> 12) % s->nprompts];
			if (n + strlen(b) >= sizeof(text))
				break;
			memcpy(text + n, b, strlen(b));
			n += strlen(b);
		}
		w1 = w2 = SIZE_MAX;
		o1 = tally_schema_find_prompt(s, text, n, &w1);
		o2 = naive_find(s, text, n, &w2);
		assert_int_equal(o1, o2);
		if (o2 != SIZE_MAX)
			assert_int_equal(w1, w2);
	}
	tally_diags_free(&d);
	tally_arena_free(&a);
}

static void
test_find_prompt(void **state)
{
	(void)state;
	/* the shipped prompts: a window of 13 bytes, three anchors */
	check_prompts_against_naive("id: p\nname: P\nsections: [甲]\n"
	    "prompts: [（请填写本节内容）, 结合自评情况，分析存在的问题及原因, "
	    "（200字以内）, (200字以内), （简要说明, (简要说明, 请简要说明, "
	    "请填写, 此处填写, （可另附页）, (可另附页), （包括但不限于, "
	    "(包括但不限于, ×××, XXX]\n");
	/* prefixes of each other, in both orders, short and long */
	check_prompts_against_naive("id: p\nname: P\nsections: [甲]\n"
	    "prompts: [请填写, 请填写本节内容, XX, XXX, XXXX×, 此处填写, "
	    "写此处, (200字以内, 200字以内), 说明（, ×X×]\n");
	/* more anchors than are looked for together */
	check_prompts_against_naive("id: p\nname: P\nsections: [甲]\n"
	    "prompts: [请填写, 此处, 的问题, 简要说明, 可另附页, 结合情况, "
	    "字以内, 本节内容, XXX, (简要, ×××, 包括但不限于]\n");
	/* no window at all */
	check_prompts_against_naive("id: p\nname: P\nsections: [甲]\n"
	    "prompts: [XXX, ×××, (a), 写]\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_schema),
		cmocka_unit_test(test_bad_schemas),
		cmocka_unit_test(test_path_valid),
		cmocka_unit_test(test_find_prompt),
	};
	return cmocka_run_group_tests_name("schema", tests, NULL, NULL);
}
