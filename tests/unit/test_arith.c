/*
 * test_arith.c - unit tests of the A family (src/lint/arith.c) and of how
 * it reads figures (src/lint/num.c).  The regression cases in
 * tests/cases/A0* check the Chinese messages of whole reports; here the
 * reading of single scalars (kind, exactness, unit conversion) is checked
 * directly, and the English messages of a few findings, so that both
 * languages of every format string are exercised.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lint/internal.h"

static const char schema_src[] =
    "id: demo\n"
    "name: demo\n"
    "sections: []\n"
    "fields:\n"
    "  figures.budget.adjusted: {label: 全年预算数, kind: money}\n"
    "  figures.cases.filed: {label: 立案, kind: count}\n"
    "  figures.cases.closed: {label: 结案, kind: count}\n"
    "  figures.cases.closure_rate: {label: 结案率, kind: percent}\n"
    "  figures.plain_rate: {label: 比率, kind: percent}\n"
    "  figures.note: {label: 说明, kind: text}\n"
    "rules:\n"
    "  - ratio: [figures.cases.closed, figures.cases.filed]\n"
    "    equals: figures.cases.closure_rate\n"
    "grades: {优: 90, 良: 80, 中: 60, 差: 0}\n"
    "execution_threshold: 90%\n"
    "indicator_weights: 100\n";

struct fixture {
	struct tally_arena arena;
	struct tally_schemaset set;
	struct tally_schema *schema;
	struct tally_diags d;
	struct tally_report *r;
};

static void
load(struct fixture *fx, const char *front, enum tally_lang lang)
{
	char *src;

	memset(fx, 0, sizeof(*fx));
	tally_diags_init(&fx->d, lang);
	assert_int_equal(tally_schema_load(&fx->arena, "schemas/demo.yaml",
	    schema_src, strlen(schema_src), &fx->schema, &fx->d), 0);
	fx->set.items = &fx->schema;
	fx->set.n = 1;
	src = xasprintf("---\ntype: demo\ntitle: t\nyear: 2023\n"
	    "published: 2024-01-01\n%s---\n\n正文。\n", front);
	assert_int_equal(tally_report_load(&fx->r, "r.md", src, strlen(src),
	    &fx->set, &fx->d), 0);
	free(src);
	assert_non_null(fx->r->front);
}

static void
unload(struct fixture *fx)
{
	tally_report_free(fx->r);
	tally_diags_free(&fx->d);
	tally_arena_free(&fx->arena);
}

static void
read_at(struct fixture *fx, struct tally_numctx *c, const char *path,
    struct tally_num *n)
{
	const struct tally_fact *f = tally_fact_path(fx->r->front, path);

	assert_non_null(f);
	tally_num_read(c, f, n);
}

static void
assert_dec(struct tally_dec d, const char *want)
{
	char buf[TALLY_DEC_BUFSZ];

	assert_string_equal(tally_dec_format(d, buf, sizeof buf), want);
}

/* --- reading figures ------------------------------------------------------ */

static void
test_read_kinds(void **state)
{
	struct fixture fx;
	struct tally_numctx c;
	struct tally_num n;

	(void)state;
	load(&fx, "figures:\n"
	    "  budget: {adjusted: 60.69}\n"
	    "  cases: {filed: 116532, closed: 116130,"
	    " closure_rate: \"99.6%\"}\n"
	    "  plain_rate: 95\n"
	    "  note: 123\n"
	    "  permille: \"5‰\"\n"
	    "  yuan: \"26942600.00元\"\n"
	    "  yi: \"1.2亿元\"\n"
	    "  people: \"35人次\"\n"
	    "  area: \"17.76平方公里\"\n"
	    "  bad: \"121.93%%\"\n"
	    "  bad2: \"69.49%万元\"\n"
	    "  bound: \"≥95%\"\n"
	    "  words: 及时有效\n"
	    "  int: 74\n"
	    "  dec: 7.70\n"
	    "  blank: ~\n", TALLY_LANG_ZH);
	tally_numctx_init(&c, fx.r);

	read_at(&fx, &c, "figures.budget.adjusted", &n);
	assert_int_equal(n.kind, TALLY_N_PLAIN);
	assert_int_equal(n.exact, TALLY_NX_NONE); /* declared money */
	assert_int_equal(n.exp, 4);
	assert_string_equal(n.field->label, "全年预算数");

	read_at(&fx, &c, "figures.cases.filed", &n);
	assert_int_equal(n.exact, TALLY_NX_STRONG);
	read_at(&fx, &c, "figures.cases.closure_rate", &n);
	assert_int_equal(n.kind, TALLY_N_PERCENT);
	assert_dec(n.v, "99.6");
	read_at(&fx, &c, "figures.plain_rate", &n);
	assert_int_equal(n.kind, TALLY_N_PERCENT); /* declared percent */
	assert_int_equal(n.exact, TALLY_NX_NONE);
	read_at(&fx, &c, "figures.note", &n);
	assert_int_equal(n.kind, TALLY_N_TEXT); /* declared text */

	read_at(&fx, &c, "figures.permille", &n);
	assert_int_equal(n.kind, TALLY_N_PERCENT);
	assert_int_equal(n.exp, -1);
	read_at(&fx, &c, "figures.yuan", &n);
	assert_int_equal(n.kind, TALLY_N_MONEY);
	assert_int_equal(n.exp, 0);
	assert_dec(n.v, "26942600.00");
	read_at(&fx, &c, "figures.yi", &n);
	assert_int_equal(n.exp, 8);
	read_at(&fx, &c, "figures.people", &n);
	assert_int_equal(n.kind, TALLY_N_UNIT);
	assert_int_equal(n.exact, TALLY_NX_STRONG);
	assert_string_equal(n.unit, "人次");
	read_at(&fx, &c, "figures.area", &n);
	assert_int_equal(n.kind, TALLY_N_UNIT);
	assert_int_equal(n.exact, TALLY_NX_NONE);

	read_at(&fx, &c, "figures.bad", &n);
	assert_int_equal(n.kind, TALLY_N_BAD);
	read_at(&fx, &c, "figures.bad2", &n);
	assert_int_equal(n.kind, TALLY_N_BAD);
	read_at(&fx, &c, "figures.bound", &n);
	assert_int_equal(n.kind, TALLY_N_BAD);
	read_at(&fx, &c, "figures.words", &n);
	assert_int_equal(n.kind, TALLY_N_TEXT);
	read_at(&fx, &c, "figures.blank", &n);
	assert_int_equal(n.kind, TALLY_N_TEXT);

	read_at(&fx, &c, "figures.int", &n);
	assert_int_equal(n.kind, TALLY_N_PLAIN);
	assert_int_equal(n.exact, TALLY_NX_WEAK);
	read_at(&fx, &c, "figures.dec", &n);
	assert_int_equal(n.exact, TALLY_NX_NONE);
	assert_dec(n.v, "7.70");

	/* a second reading is the first one's copy */
	read_at(&fx, &c, "figures.yuan", &n);
	assert_int_equal(n.kind, TALLY_N_MONEY);
	assert_int_equal(n.exp, 0);
	assert_dec(n.v, "26942600.00");
	assert_string_equal(n.unit, "元");
	assert_ptr_equal(n.fact, tally_fact_path(fx.r->front, "figures.yuan"));
	read_at(&fx, &c, "figures.bad", &n);
	assert_int_equal(n.kind, TALLY_N_BAD);
	read_at(&fx, &c, "figures.budget.adjusted", &n);
	assert_string_equal(n.field->label, "全年预算数");

	tally_numctx_free(&c);
	unload(&fx);
}

/* Many figures: the reading cache grows and still gives each its own. */
static void
test_read_cache_grows(void **state)
{
	struct tally_buf src = TALLY_BUF_INIT;
	struct fixture fx;
	struct tally_numctx c;
	struct tally_num n;
	char path[64], want[32];
	int i, round;

	(void)state;
	tally_buf_puts(&src, "figures:\n");
	for (i = 0; i < 300; i++)
		tally_buf_printf(&src, "  f%d: %d.%d\n", i, i, i % 10);
	load(&fx, tally_buf_cstr(&src), TALLY_LANG_ZH);
	tally_numctx_init(&c, fx.r);
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 300; i++) {
			snprintf(path, sizeof(path), "figures.f%d", i);
			snprintf(want, sizeof(want), "%d.%d", i, i % 10);
			read_at(&fx, &c, path, &n);
			assert_int_equal(n.kind, TALLY_N_PLAIN);
			assert_dec(n.v, want);
			assert_string_equal(n.text, want);
		}
	}
	tally_numctx_free(&c);
	unload(&fx);
	tally_buf_free(&src);
}

/* tally_lint_valid_date reads as sscanf("%4d-%2d-%2d%n") did. */
static void
test_valid_date(void **state)
{
	int y = 0;

	(void)state;
	assert_int_equal(tally_lint_valid_date("2023-01-05", &y), 1);
	assert_int_equal(y, 2023);
	assert_int_equal(tally_lint_valid_date("2024-02-29", NULL), 1);
	assert_int_equal(tally_lint_valid_date("2023-02-29", NULL), 0);
	assert_int_equal(tally_lint_valid_date("2023-13-01", NULL), 0);
	assert_int_equal(tally_lint_valid_date("1899-12-31", NULL), 0);
	/* what %2d takes: white space before, a sign */
	assert_int_equal(tally_lint_valid_date("2023- 1-05", NULL), 1);
	assert_int_equal(tally_lint_valid_date("2023-+1-05", NULL), 1);
	assert_int_equal(tally_lint_valid_date("2023-01-\t5", NULL), 1);
	assert_int_equal(tally_lint_valid_date("2023-1--05", NULL), 0);
	assert_int_equal(tally_lint_valid_date("2023-01-5 ", NULL), 0);
	assert_int_equal(tally_lint_valid_date("2023-01-05 ", NULL), 0);
	assert_int_equal(tally_lint_valid_date("2023/01/05", NULL), 0);
	assert_int_equal(tally_lint_valid_date("", NULL), 0);
}

static void
test_money_unit(void **state)
{
	struct fixture fx;
	struct tally_numctx c;
	struct tally_num n;

	(void)state;
	load(&fx, "money_unit: 元\nfigures: {a: 12.5}\n", TALLY_LANG_ZH);
	tally_numctx_init(&c, fx.r);
	read_at(&fx, &c, "figures.a", &n);
	assert_int_equal(n.exp, 0);
	tally_numctx_free(&c);
	unload(&fx);

	assert_int_equal(tally_money_exp("万元"), 4);
	assert_int_equal(tally_money_exp(NULL), 4);
	assert_int_equal(tally_money_exp("亿元"), 8);
}

static void
test_format_helpers(void **state)
{
	char buf[TALLY_DEC_BUFSZ];
	struct tally_dec d = {99655000, 6};

	(void)state;
	assert_string_equal(tally_num_fmt_trim(d, 1, buf, sizeof buf),
	    "99.655");
	d.coef = 9500000;
	assert_string_equal(tally_num_fmt_trim(d, 1, buf, sizeof buf), "9.5");
	assert_string_equal(tally_num_fmt_trim(d, 0, buf, sizeof buf), "9.5");
	d.coef = 9000000;
	assert_string_equal(tally_num_fmt_trim(d, 0, buf, sizeof buf), "9");
	assert_dec(tally_num_half_ulp(1), "0.05");
	assert_dec(tally_num_half_ulp(0), "0.5");
}

/* --- findings, in English ---------------------------------------------- */

/* Lints front matter with the A family alone; returns the findings'
 * "ID line:col message" lines, one a line (caller frees). */
static char *
lint_en(const char *front)
{
	struct fixture fx;
	struct tally_buf out = TALLY_BUF_INIT;
	struct tally_numctx c;
	size_t i;

	load(&fx, front, TALLY_LANG_EN);
	tally_numctx_init(&c, fx.r);
	tally_lint_arith(NULL, fx.r, &fx.d, &c);
	tally_numctx_free(&c);
	for (i = 0; i < fx.d.n; i++) {
		const struct tally_diag *g = &fx.d.items[i];
		tally_buf_printf(&out, "%s %u:%u %s\n", g->rule ? g->rule : "-",
		    g->line, g->col, tally_diag_msg(&fx.d, g));
	}
	unload(&fx);
	return tally_buf_detach(&out);
}

static void
expect_en(const char *front, const char *want)
{
	char *got = lint_en(front);

	assert_string_equal(got, want);
	free(got);
}

static void
test_messages_en(void **state)
{
	(void)state;
	/* DESIGN section 4: truncated, not rounded */
	expect_en("figures:\n"
	    "  cases: {filed: 116532, closed: 116130,"
	    " closure_rate: \"99.6%\"}\n",
	    "A002 7:56 figures.cases.closure_rate 99.6% != 116130 ÷ 116532 = "
	    "99.655% (tolerance ±0.05)\n");
	expect_en("figures:\n"
	    "  cases: {filed: 116532, closed: 116130,"
	    " closure_rate: \"99.66%\"}\n",
	    "");
	/* parts at the finest precision */
	expect_en("figures:\n  x: {total: 89.97, a: 30, b: 30, c: 29.99}\n",
	    "A001 7:14 figures.x.total 89.97 != 30 + 30 + 29.99 = 89.99 "
	    "(tolerance ±0.02)\n");
	expect_en("figures:\n  x: {total: 94, a: 19, b: 18, c: 57.2}\n", "");
	expect_en("figures:\n  x: {total: 0.3, a: 0.1, b: 0.2}\n", "");
	expect_en("figures:\n  x: {total: 3, a: 1, b: 1}\n",
	    "A001 7:14 figures.x.total 3 != 1 + 1 = 2"
	    " (exact values: must be equal)\n");
	/* zero denominator */
	expect_en("figures:\n"
	    "  cases: {filed: 0, closed: 0, closure_rate: \"0%\"}\n",
	    "A008 7:46 ratio with a zero denominator: 0 ÷ 0 "
	    "(figures.cases.closure_rate)\n");
	/* the form: 50 + 45 = 95 holds (A004), the rest does not */
	expect_en("score: 95\ngrade: 良\n"
	    "indicators:\n"
	    "  - {name: a, target: \"≥95%\", actual: \"90%\","
	    " weight: 50, score: 50}\n"
	    "  - {name: b, target: \"≥95%\", actual: \"96%\","
	    " weight: 40, score: 45}\n",
	    "A011 9:65 indicators.0 (a): 90% misses ≥95%"
	    " but scores the full 50\n"
	    "A005 10:65 indicators.1 (b): score 45 exceeds weight 40\n"
	    "A006 8:1 weights 50 + 40 = 90 != 100 (weights are exact)\n"
	    "A007 7:8 95 is in band 优 (95 >= 90), not 良\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_kinds),
		cmocka_unit_test(test_read_cache_grows),
		cmocka_unit_test(test_valid_date),
		cmocka_unit_test(test_money_unit),
		cmocka_unit_test(test_format_helpers),
		cmocka_unit_test(test_messages_en),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
