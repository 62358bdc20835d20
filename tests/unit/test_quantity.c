/*
 * test_quantity.c - unit tests of reading front-matter scalars as
 * quantities (src/model/quantity.c): operators in their Chinese and
 * symbolic spellings, fullwidth numbers, units, and the malformed values
 * that must stay unread so that N001 can report them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/model.h"

static int
setup(void **state)
{
	struct tally_arena *a = test_calloc(1, sizeof *a);

	*state = a;
	return a == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	tally_arena_free(*state);
	test_free(*state);
	return 0;
}

/* Parses text and checks every field; op NULL means no operator. */
static void
check(void **state, const char *text, const char *value, enum tally_qunit unit,
      const char *op, const char *unit_text)
{
	struct tally_quantity q;
	char buf[TALLY_DEC_BUFSZ];

	assert_int_equal(tally_quantity_parse(*state, text, &q), 0);
	assert_string_equal(tally_dec_format(q.value, buf, sizeof buf), value);
	assert_int_equal(q.unit, unit);
	if (op == NULL)
		assert_null(q.op);
	else
		assert_string_equal(q.op, op);
	assert_non_null(q.unit_text);
	assert_string_equal(q.unit_text, unit_text);
}

static void
check_bad(void **state, const char *text)
{
	struct tally_quantity q;

	memset(&q, 0, sizeof q);
	q.unit = TALLY_Q_OTHER;
	assert_int_equal(tally_quantity_parse(*state, text, &q), -1);
	assert_int_equal(q.unit, TALLY_Q_OTHER); /* untouched */
}

static void
test_plain(void **state)
{
	check(state, "42", "42", TALLY_Q_PLAIN, NULL, "");
	check(state, "232.40", "232.40", TALLY_Q_PLAIN, NULL, "");
	check(state, "-0.08", "-0.08", TALLY_Q_PLAIN, NULL, "");
	check(state, "1,234.5", "1234.5", TALLY_Q_PLAIN, NULL, "");
	check(state, "  100  ", "100", TALLY_Q_PLAIN, NULL, "");
	check(state, "\t7\t", "7", TALLY_Q_PLAIN, NULL, "");
	check(state, "　８　", "8", TALLY_Q_PLAIN, NULL, ""); /* U+3000 */
	check(state, "１２３．４５", "123.45", TALLY_Q_PLAIN, NULL, "");
}

static void
test_units(void **state)
{
	check(state, "99.97%", "99.97", TALLY_Q_PERCENT, NULL, "%");
	check(state, "１２３．４５％", "123.45", TALLY_Q_PERCENT, NULL, "％");
	check(state, "-5%", "-5", TALLY_Q_PERCENT, NULL, "%");
	check(state, "90 %", "90", TALLY_Q_PERCENT, NULL, "%");
	check(state, "3‰", "3", TALLY_Q_PERMILLE, NULL, "‰");
	check(state, "1200元", "1200", TALLY_Q_YUAN, NULL, "元");
	check(state, "1,234.5万元", "1234.5", TALLY_Q_WANYUAN, NULL, "万元");
	check(state, "  250000.00 万元 ", "250000.00", TALLY_Q_WANYUAN, NULL,
	      "万元");
	check(state, "1.2亿元", "1.2", TALLY_Q_YIYUAN, NULL, "亿元");
	check(state, "120人", "120", TALLY_Q_OTHER, NULL, "人");
	check(state, "3500人次", "3500", TALLY_Q_OTHER, NULL, "人次");
	check(state, "12.5公顷", "12.5", TALLY_Q_OTHER, NULL, "公顷");
	check(state, "95分", "95", TALLY_Q_OTHER, NULL, "分");
	check(state, "30天", "30", TALLY_Q_OTHER, NULL, "天");
	check(state, "6个", "6", TALLY_Q_OTHER, NULL, "个");
	check(state, "2023年", "2023", TALLY_Q_OTHER, NULL, "年");
	check(state, "5 km/h", "5", TALLY_Q_OTHER, NULL, "km/h");
	check(state, "300元/人", "300", TALLY_Q_OTHER, NULL, "元/人");
}

static void
test_operators(void **state)
{
	check(state, "≥90%", "90", TALLY_Q_PERCENT, "≥", "%");
	check(state, "≥ 90%", "90", TALLY_Q_PERCENT, "≥", "%");
	check(state, ">=90", "90", TALLY_Q_PLAIN, "≥", "");
	check(state, "≤10天", "10", TALLY_Q_OTHER, "≤", "天");
	check(state, "<=10", "10", TALLY_Q_PLAIN, "≤", "");
	check(state, "＞0", "0", TALLY_Q_PLAIN, ">", "");
	check(state, ">0", "0", TALLY_Q_PLAIN, ">", "");
	check(state, "＜5%", "5", TALLY_Q_PERCENT, "<", "%");
	check(state, "<5", "5", TALLY_Q_PLAIN, "<", "");
	check(state, "=100%", "100", TALLY_Q_PERCENT, "=", "%");
	check(state, "＝100%", "100", TALLY_Q_PERCENT, "=", "%");
	check(state, "不低于 95 ％", "95", TALLY_Q_PERCENT, "≥", "％");
	check(state, "不高于5%", "5", TALLY_Q_PERCENT, "≤", "%");
	check(state, "不少于200人", "200", TALLY_Q_OTHER, "≥", "人");
	check(state, "不超过50万元", "50", TALLY_Q_WANYUAN, "≤", "万元");
	check(state, "大于80分", "80", TALLY_Q_OTHER, ">", "分");
	check(state, "小于3", "3", TALLY_Q_PLAIN, "<", "");
	check(state, "高于1.5", "1.5", TALLY_Q_PLAIN, ">", "");
	check(state, "低于0.5‰", "0.5", TALLY_Q_PERMILLE, "<", "‰");
	check(state, "达到100%", "100", TALLY_Q_PERCENT, "≥", "%");
	check(state, "约100人", "100", TALLY_Q_OTHER, "≈", "人");
	check(state, "≈3", "3", TALLY_Q_PLAIN, "≈", "");
}

static void
test_suffix_bounds(void **state)
{
	check(state, "90%以上", "90", TALLY_Q_PERCENT, "≥", "%");
	check(state, "90%及以上", "90", TALLY_Q_PERCENT, "≥", "%");
	check(state, "100人以下", "100", TALLY_Q_OTHER, "≤", "人");
	check(state, "3天以内", "3", TALLY_Q_OTHER, "≤", "天");
	check(state, "100人左右", "100", TALLY_Q_OTHER, "≈", "人");
	check(state, "90以上", "90", TALLY_Q_PLAIN, "≥", "");
	/* Said twice the same way is redundant; contradicting is not a
	 * quantity. */
	check(state, "不低于90%以上", "90", TALLY_Q_PERCENT, "≥", "%");
	check_bad(state, "≤90%以上");
	check_bad(state, "以上");
}

static void
test_malformed(void **state)
{
	check_bad(state, "121.93%%");
	check_bad(state, "69.49%万元");
	check_bad(state, "12.3.4");
	check_bad(state, "100%５");
	check_bad(state, "5％%");
	check_bad(state, "3‰%");
	check_bad(state, "100元%");
	check_bad(state, "2023-01-05");
	check_bad(state, "1,23");
	check_bad(state, "100万元，较上年增加");
	check_bad(state, "100 万 元");
	check_bad(state, "5≥");
	check_bad(state, "99999999999999999999");
	check_bad(state, "99999999999999999999%");
}

static void
test_not_a_number(void **state)
{
	struct tally_quantity q;

	check_bad(state, "及时有效");
	check_bad(state, "");
	check_bad(state, "   ");
	check_bad(state, "%");
	check_bad(state, "≥");
	check_bad(state, "不低于");
	check_bad(state, "万元");
	check_bad(state, "第3名");
	check_bad(state, ".5");
	check_bad(state, "≥≥5");
	assert_int_equal(tally_quantity_parse(*state, NULL, &q), -1);
}

static void
test_unit_text_is_copied(void **state)
{
	char text[] = "12人次";
	struct tally_quantity q;

	assert_int_equal(tally_quantity_parse(*state, text, &q), 0);
	memset(text, 'x', sizeof text - 1);
	assert_string_equal(q.unit_text, "人次");
	assert_int_equal(q.value.coef, 12);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_plain, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_units, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_operators, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_suffix_bounds, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_not_a_number, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unit_text_is_copied, setup,
	                                    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
