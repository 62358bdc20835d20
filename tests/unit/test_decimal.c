/*
 * test_decimal.c - unit tests of exact decimals and rounding intervals
 * (src/model/decimal.c).  Besides parsing, formatting, rounding and
 * overflow, every example of DESIGN section 4 is checked here with the
 * same operations the arithmetic rules use, so a change of semantics shows
 * up as a failing example rather than as a wrong finding in a report.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/model.h"

/* --- helpers ------------------------------------------------------------- */

static struct tally_dec
dec(const char *s)
{
	struct tally_dec d = {0, 0};

	assert_int_equal(tally_dec_parse_str(s, &d), TALLY_DEC_OK);
	return d;
}

static void
assert_dec(struct tally_dec d, const char *want)
{
	char buf[TALLY_DEC_BUFSZ];

	assert_string_equal(tally_dec_format(d, buf, sizeof buf), want);
}

static void
assert_ival(struct tally_ival iv, const char *lo, const char *hi)
{
	assert_dec(iv.lo, lo);
	assert_dec(iv.hi, hi);
}

static struct tally_ival
written(const char *s)
{
	struct tally_ival iv;

	assert_int_equal(tally_ival_written(dec(s), &iv), TALLY_DEC_OK);
	return iv;
}

static struct tally_ival
exact(const char *s)
{
	return tally_ival_exact(dec(s));
}

/* a ÷ b × 100 as an interval, six decimals of percent, outward rounded:
 * what a rate rule computes before comparing with the stated rate. */
static struct tally_ival
percent(struct tally_ival a, struct tally_ival b)
{
	struct tally_ival scaled, q;

	assert_int_equal(tally_ival_mul(a, exact("100"), &scaled),
	                 TALLY_DEC_OK);
	assert_int_equal(tally_ival_div(scaled, b, 6, &q), TALLY_DEC_OK);
	return q;
}

/* Parses s[0..strlen) and checks the value and the bytes used. */
static void
check_parse(const char *s, const char *want, size_t want_used)
{
	struct tally_dec d;
	size_t used = 99;

	assert_int_equal(tally_dec_parse(s, strlen(s), &d, &used),
	                 TALLY_DEC_OK);
	assert_dec(d, want);
	assert_int_equal(used, want_used);
}

static void
check_parse_err(const char *s, int want_rc, size_t want_used)
{
	struct tally_dec d = {77, 0};
	size_t used = 99;

	assert_int_equal(tally_dec_parse(s, strlen(s), &d, &used), want_rc);
	assert_int_equal(used, want_used);
	assert_int_equal(d.coef, 77); /* untouched */
}

/* --- parsing ------------------------------------------------------------- */

static void
test_parse_basic(void **state)
{
	struct tally_dec d;

	(void)state;
	d = dec("232.4");
	assert_int_equal(d.coef, 2324);
	assert_int_equal(d.scale, 1);
	d = dec("250000.00");
	assert_int_equal(d.coef, 25000000);
	assert_int_equal(d.scale, 2);
	d = dec("-0.08");
	assert_int_equal(d.coef, -8);
	assert_int_equal(d.scale, 2);
	d = dec("0");
	assert_int_equal(d.coef, 0);
	assert_int_equal(d.scale, 0);
	d = dec("007");
	assert_int_equal(d.coef, 7);
	assert_int_equal(d.scale, 0);
	d = dec("-0.00");
	assert_true(tally_dec_is_zero(d));
	assert_int_equal(d.scale, 2);
}

static void
test_parse_signs(void **state)
{
	(void)state;
	check_parse("+5", "5", 1 + 1);
	check_parse("-5", "-5", 2);
	check_parse("\xe2\x88\x92"
	            "3.5",
	            "-3.5", 3 + 3); /* − U+2212 */
	check_parse("＋7", "7", 3 + 1);
	check_parse("－7", "-7", 3 + 1);
	check_parse_err("-", TALLY_DEC_EINVAL, 0);
	check_parse_err("+-5", TALLY_DEC_EINVAL, 0);
	check_parse_err("- 5", TALLY_DEC_EINVAL, 0);
}

static void
test_parse_fullwidth(void **state)
{
	struct tally_dec d;

	(void)state;
	d = dec("１２３");
	assert_int_equal(d.coef, 123);
	assert_int_equal(d.scale, 0);
	d = dec("１２３．４５");
	assert_int_equal(d.coef, 12345);
	assert_int_equal(d.scale, 2);
	check_parse("１２３．４５", "123.45", 18);
	/* Mixed widths, as copy-paste produces. */
	check_parse("1２.３4", "12.34", 1 + 3 + 1 + 3 + 1);
	check_parse("－０．５", "-0.5", 12);
	check_parse("99.97％", "99.97", 5);
}

static void
test_parse_thousands(void **state)
{
	(void)state;
	check_parse("1,234.5", "1234.5", 7);
	check_parse("12,345,678", "12345678", 10);
	check_parse("-1,000", "-1000", 6);
	check_parse("1,２３４", "1234", 1 + 1 + 9);
	/* Bad groups end the number before the comma. */
	check_parse("1,23", "1", 1);
	check_parse("1,2345", "1", 1);
	check_parse("1234,567", "1234", 4);
	check_parse("1,234,56", "1234", 5);
	check_parse("1,234,", "1234", 5);
	check_parse("1,234.5,678", "1234.5", 7);
	/* "0,500" is a European 0.5, never five hundred. */
	check_parse("0,500", "0", 1);
	/* A fullwidth comma is prose punctuation, not a separator. */
	check_parse("1，234", "1", 1);
}

static void
test_parse_prefix(void **state)
{
	struct tally_dec d;
	size_t used;

	(void)state;
	check_parse("12.3.4", "12.3", 4);
	check_parse("3.", "3", 1);
	check_parse("3.x", "3", 1);
	check_parse("3．", "3", 1);
	check_parse("99.97%", "99.97", 5);
	check_parse("１２３％", "123", 9);
	check_parse("510966件", "510966", 6);
	check_parse("3。", "3", 1);
	check_parse_err("abc", TALLY_DEC_EINVAL, 0);
	check_parse_err(".5", TALLY_DEC_EINVAL, 0);
	check_parse_err("", TALLY_DEC_EINVAL, 0);
	check_parse_err("约5", TALLY_DEC_EINVAL, 0);

	/* n bounds the input, not the NUL. */
	assert_int_equal(tally_dec_parse("12345", 3, &d, &used), TALLY_DEC_OK);
	assert_dec(d, "123");
	assert_int_equal(used, 3);
	assert_int_equal(tally_dec_parse("1.25", 2, &d, &used), TALLY_DEC_OK);
	assert_dec(d, "1");
	assert_int_equal(used, 1);
	/* A truncated fullwidth digit is not a digit. */
	assert_int_equal(tally_dec_parse("1２", 3, &d, &used), TALLY_DEC_OK);
	assert_dec(d, "1");
	assert_int_equal(used, 1);
	/* used may be NULL. */
	assert_int_equal(tally_dec_parse("42", 2, &d, NULL), TALLY_DEC_OK);
	assert_dec(d, "42");
	assert_int_equal(tally_dec_parse(NULL, 0, &d, &used), TALLY_DEC_EINVAL);
}

static void
test_parse_overflow(void **state)
{
	struct tally_dec d;

	(void)state;
	check_parse_err("99999999999999999999", TALLY_DEC_EOVERFLOW, 20);
	check_parse_err("99999999999999999999.5", TALLY_DEC_EOVERFLOW, 22);
	check_parse("9223372036854775807", "9223372036854775807", 19);
	check_parse("-9223372036854775807", "-9223372036854775807", 20);
	check_parse_err("9223372036854775808", TALLY_DEC_EOVERFLOW, 19);
	/* INT64_MIN is refused too: the range is symmetric. */
	check_parse_err("-9223372036854775808", TALLY_DEC_EOVERFLOW, 20);
	check_parse("0.000000000000000001", "0.000000000000000001", 20);
	check_parse_err("0.0000000000000000001", TALLY_DEC_EOVERFLOW, 21);
	check_parse_err("1.0000000000000000000", TALLY_DEC_EOVERFLOW, 21);
	assert_int_equal(tally_dec_parse_str("99999999999999999999", &d),
	                 TALLY_DEC_EOVERFLOW);
}

static void
test_parse_str(void **state)
{
	struct tally_dec d = {5, 0};

	(void)state;
	assert_int_equal(tally_dec_parse_str("  42.50\t", &d), TALLY_DEC_OK);
	assert_dec(d, "42.50");
	assert_int_equal(tally_dec_parse_str("42x", &d), TALLY_DEC_EINVAL);
	assert_int_equal(tally_dec_parse_str("12.3.4", &d), TALLY_DEC_EINVAL);
	assert_int_equal(tally_dec_parse_str("1,23", &d), TALLY_DEC_EINVAL);
	assert_int_equal(tally_dec_parse_str("3.", &d), TALLY_DEC_EINVAL);
	assert_int_equal(tally_dec_parse_str("", &d), TALLY_DEC_EINVAL);
	assert_int_equal(tally_dec_parse_str("   ", &d), TALLY_DEC_EINVAL);
	assert_int_equal(tally_dec_parse_str("4 2", &d), TALLY_DEC_EINVAL);
	assert_int_equal(tally_dec_parse_str(NULL, &d), TALLY_DEC_EINVAL);
	assert_dec(d, "42.50"); /* failures leave *out alone */
}

/* --- formatting ---------------------------------------------------------- */

static void
test_format_round_trip(void **state)
{
	static const char *const cases[] = {
	    "0",
	    "0.5",
	    "-0.08",
	    "232.4",
	    "232.40",
	    "250000.00",
	    "1",
	    "-1",
	    "10",
	    "0.000000000000000001",
	    "-0.000000000000000001",
	    "9223372036854775807",
	    "-9223372036854775807",
	    "922337203.6854775807",
	    "0.00",
	    "100",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_dec(dec(cases[i]), cases[i]);
	/* Fullwidth and grouped input comes back plain ASCII. */
	assert_dec(dec("1,234.5"), "1234.5");
	assert_dec(dec("－０．０８"), "-0.08");
	assert_dec(dec("+3"), "3");
}

static void
test_format_buffer(void **state)
{
	char small[4];
	char one[1];
	struct tally_dec odd = {INT64_MIN, 0};
	struct tally_dec neg0 = {-5, 3};

	(void)state;
	assert_string_equal(
	    tally_dec_format(dec("232.40"), small, sizeof small), "232");
	one[0] = 'x';
	assert_string_equal(tally_dec_format(dec("5"), one, sizeof one), "");
	/* Hand-built values print without undefined behaviour. */
	assert_dec(odd, "-9223372036854775808");
	assert_dec(neg0, "-0.005");
	assert_dec(tally_dec_from_int(-42), "-42");
}

/* --- comparison and arithmetic ------------------------------------------ */

static void
test_cmp(void **state)
{
	(void)state;
	assert_int_equal(tally_dec_cmp(dec("232.4"), dec("232.40")), 0);
	assert_true(tally_dec_cmp(dec("232.4"), dec("232.41")) < 0);
	assert_true(tally_dec_cmp(dec("232.41"), dec("232.4")) > 0);
	assert_true(tally_dec_cmp(dec("-1"), dec("0.5")) < 0);
	assert_true(tally_dec_cmp(dec("-0.5"), dec("-0.25")) < 0);
	assert_int_equal(tally_dec_cmp(dec("-0.0"), dec("0")), 0);
	assert_true(tally_dec_cmp(dec("9223372036854775807"),
	                          dec("0.000000000000000001")) > 0);
	assert_true(tally_dec_cmp(dec("-9223372036854775807"),
	                          dec("-922337203685477580.7")) < 0);
	assert_int_equal(tally_dec_cmp(dec("1"), dec("1.000000000000000000")),
	                 0);
}

static void
test_sign_neg_abs(void **state)
{
	struct tally_dec d;

	(void)state;
	assert_int_equal(tally_dec_sign(dec("-0.08")), -1);
	assert_int_equal(tally_dec_sign(dec("0.00")), 0);
	assert_int_equal(tally_dec_sign(dec("3")), 1);
	assert_true(tally_dec_is_zero(dec("0.000")));
	assert_false(tally_dec_is_zero(dec("0.001")));
	d = tally_dec_neg(dec("1.50"));
	assert_dec(d, "-1.50");
	assert_dec(tally_dec_neg(d), "1.50");
	assert_dec(tally_dec_abs(dec("-0.08")), "0.08");
	assert_dec(tally_dec_abs(dec("0.08")), "0.08");
	d = tally_dec_from_int(116532);
	assert_int_equal(d.coef, 116532);
	assert_int_equal(d.scale, 0);
}

static void
test_add_sub(void **state)
{
	struct tally_dec r = {1, 0};
	struct tally_dec max = {INT64_MAX, 0};
	struct tally_dec bad = {INT64_MIN, 0};

	(void)state;
	/* DESIGN: 0.1 + 0.2 is 0.3, exactly. */
	assert_int_equal(tally_dec_add(dec("0.1"), dec("0.2"), &r),
	                 TALLY_DEC_OK);
	assert_int_equal(tally_dec_cmp(r, dec("0.3")), 0);
	assert_dec(r, "0.3");

	assert_int_equal(tally_dec_add(dec("1.5"), dec("0.25"), &r), 0);
	assert_dec(r, "1.75");
	assert_int_equal(tally_dec_add(dec("30"), dec("29.99"), &r), 0);
	assert_dec(r, "59.99");
	assert_int_equal(tally_dec_sub(dec("1"), dec("2.50"), &r), 0);
	assert_dec(r, "-1.50");
	assert_int_equal(tally_dec_sub(dec("-0.08"), dec("-0.08"), &r), 0);
	assert_dec(r, "0.00");

	/* Overflow is refused and *out left alone. */
	assert_int_equal(tally_dec_add(dec("4"), dec("5"), &r), 0);
	assert_int_equal(tally_dec_add(max, dec("1"), &r), TALLY_DEC_EOVERFLOW);
	assert_int_equal(tally_dec_sub(tally_dec_neg(max), dec("1"), &r),
	                 TALLY_DEC_EOVERFLOW);
	/* Aligning scales can overflow too. */
	assert_int_equal(tally_dec_add(max, dec("0.1"), &r),
	                 TALLY_DEC_EOVERFLOW);
	assert_dec(r, "9");
	assert_int_equal(tally_dec_add(max, tally_dec_neg(max), &r), 0);
	assert_dec(r, "0");
	/* A hand-built INT64_MIN is rejected, not negated. */
	assert_int_equal(tally_dec_sub(dec("1"), bad, &r), TALLY_DEC_EINVAL);
	assert_int_equal(tally_dec_add(bad, dec("1"), &r), TALLY_DEC_EINVAL);
}

static void
test_mul(void **state)
{
	struct tally_dec r = {1, 0};
	struct tally_dec max = {INT64_MAX, 0};
	struct tally_dec tiny = {1, 10};
	struct tally_dec tiny10 = {10, 10};

	(void)state;
	assert_int_equal(tally_dec_mul(dec("1.5"), dec("2.25"), &r), 0);
	assert_dec(r, "3.375");
	assert_int_equal(tally_dec_mul(dec("-0.5"), dec("4"), &r), 0);
	assert_dec(r, "-2.0");
	assert_int_equal(tally_dec_mul(dec("-0.5"), dec("-0.5"), &r), 0);
	assert_dec(r, "0.25");
	assert_int_equal(tally_dec_mul(max, dec("-1"), &r), 0);
	assert_dec(r, "-9223372036854775807");

	/* Two huge values: refused, no wrap, no UB. */
	assert_int_equal(
	    tally_dec_mul(dec("9999999999"), dec("9999999999"), &r),
	    TALLY_DEC_EOVERFLOW);
	assert_int_equal(tally_dec_mul(max, max, &r), TALLY_DEC_EOVERFLOW);
	assert_int_equal(tally_dec_mul(max, tally_dec_neg(max), &r),
	                 TALLY_DEC_EOVERFLOW);
	assert_int_equal(tally_dec_mul(max, dec("2"), &r), TALLY_DEC_EOVERFLOW);
	assert_dec(r, "-9223372036854775807");

	/* Scale above the maximum: an error unless trailing zeros can go. */
	assert_int_equal(tally_dec_mul(tiny, tiny, &r), TALLY_DEC_EOVERFLOW);
	assert_int_equal(tally_dec_mul(tiny10, tiny10, &r), TALLY_DEC_OK);
	assert_int_equal(r.coef, 1);
	assert_int_equal(r.scale, 18);
	/* A coefficient too big but ending in zeros at a high scale fits. */
	assert_int_equal(tally_dec_mul(dec("3000000000.00000000"),
	                               dec("3000000000.00000000"), &r),
	                 TALLY_DEC_OK);
	assert_dec(r, "9000000000000000000");
	assert_int_equal(tally_dec_mul(dec("4000000000.00000000"),
	                               dec("3000000000.00000000"), &r),
	                 TALLY_DEC_EOVERFLOW);
}

static void
test_div_modes(void **state)
{
	struct tally_dec r;

	(void)state;
	assert_int_equal(
	    tally_dec_div(dec("1"), dec("3"), 4, TALLY_ROUND_FLOOR, &r), 0);
	assert_dec(r, "0.3333");
	assert_int_equal(
	    tally_dec_div(dec("1"), dec("3"), 4, TALLY_ROUND_CEIL, &r), 0);
	assert_dec(r, "0.3334");
	assert_int_equal(
	    tally_dec_div(dec("1"), dec("3"), 4, TALLY_ROUND_HALF_UP, &r), 0);
	assert_dec(r, "0.3333");
	assert_int_equal(
	    tally_dec_div(dec("1"), dec("3"), 4, TALLY_ROUND_TRUNC, &r), 0);
	assert_dec(r, "0.3333");

	assert_int_equal(
	    tally_dec_div(dec("-1"), dec("3"), 4, TALLY_ROUND_FLOOR, &r), 0);
	assert_dec(r, "-0.3334");
	assert_int_equal(
	    tally_dec_div(dec("1"), dec("-3"), 4, TALLY_ROUND_CEIL, &r), 0);
	assert_dec(r, "-0.3333");
	assert_int_equal(
	    tally_dec_div(dec("-2"), dec("3"), 4, TALLY_ROUND_HALF_UP, &r), 0);
	assert_dec(r, "-0.6667");
	assert_int_equal(
	    tally_dec_div(dec("-2"), dec("-3"), 4, TALLY_ROUND_TRUNC, &r), 0);
	assert_dec(r, "0.6666");

	/* Half away from zero, both signs. */
	assert_int_equal(
	    tally_dec_div(dec("1"), dec("8"), 2, TALLY_ROUND_HALF_UP, &r), 0);
	assert_dec(r, "0.13");
	assert_int_equal(
	    tally_dec_div(dec("-1"), dec("8"), 2, TALLY_ROUND_HALF_UP, &r), 0);
	assert_dec(r, "-0.13");
	assert_int_equal(
	    tally_dec_div(dec("86.185"), dec("1"), 2, TALLY_ROUND_HALF_UP, &r),
	    0);
	assert_dec(r, "86.19");
	assert_int_equal(
	    tally_dec_div(dec("-86.185"), dec("1"), 2, TALLY_ROUND_HALF_UP, &r),
	    0);
	assert_dec(r, "-86.19");

	/* Exact quotients keep the requested scale. */
	assert_int_equal(
	    tally_dec_div(dec("34"), dec("40"), 4, TALLY_ROUND_HALF_UP, &r), 0);
	assert_dec(r, "0.8500");
	assert_int_equal(
	    tally_dec_div(dec("1"), dec("-4"), 2, TALLY_ROUND_FLOOR, &r), 0);
	assert_dec(r, "-0.25");
	assert_int_equal(tally_dec_div(dec("232.4"), dec("0.02"), 0,
	                               TALLY_ROUND_HALF_UP, &r),
	                 0);
	assert_dec(r, "11620");
	assert_int_equal(tally_dec_div(dec("0.000000000000000001"), dec("7"), 0,
	                               TALLY_ROUND_CEIL, &r),
	                 0);
	assert_dec(r, "1");
}

static void
test_div_errors(void **state)
{
	struct tally_dec r = {3, 0};

	(void)state;
	assert_int_equal(
	    tally_dec_div(dec("1"), dec("0"), 2, TALLY_ROUND_HALF_UP, &r),
	    TALLY_DEC_EDIVZERO);
	assert_int_equal(
	    tally_dec_div(dec("0"), dec("0.00"), 2, TALLY_ROUND_HALF_UP, &r),
	    TALLY_DEC_EDIVZERO);
	assert_int_equal(
	    tally_dec_div(dec("1"), dec("3"), -1, TALLY_ROUND_HALF_UP, &r),
	    TALLY_DEC_EINVAL);
	assert_int_equal(
	    tally_dec_div(dec("1"), dec("3"), 19, TALLY_ROUND_HALF_UP, &r),
	    TALLY_DEC_EOVERFLOW);
	/* 10^18 at 18 decimals needs a coefficient of 10^36. */
	assert_int_equal(tally_dec_div(dec("1"), dec("0.000000000000000001"),
	                               18, TALLY_ROUND_HALF_UP, &r),
	                 TALLY_DEC_EOVERFLOW);
	assert_int_equal(
	    tally_dec_div(dec("10"), dec("1"), 18, TALLY_ROUND_HALF_UP, &r),
	    TALLY_DEC_EOVERFLOW);
	assert_int_equal(tally_dec_div(dec("9223372036854775807"), dec("0.1"),
	                               0, TALLY_ROUND_HALF_UP, &r),
	                 TALLY_DEC_EOVERFLOW);
	assert_dec(r, "3");
	/* Just inside the range. */
	assert_int_equal(
	    tally_dec_div(dec("9"), dec("1"), 18, TALLY_ROUND_HALF_UP, &r), 0);
	assert_dec(r, "9.000000000000000000");
	assert_int_equal(tally_dec_div(dec("9223372036854775807"), dec("1"), 0,
	                               TALLY_ROUND_CEIL, &r),
	                 0);
	assert_dec(r, "9223372036854775807");
	/* 6456360425798343065 / 0.7 = 9223372036854775807.142...: rounding
	 * down fits, rounding up past the range is refused. */
	assert_int_equal(tally_dec_div(dec("6456360425798343065"), dec("0.7"),
	                               0, TALLY_ROUND_HALF_UP, &r),
	                 0);
	assert_dec(r, "9223372036854775807");
	assert_int_equal(tally_dec_div(dec("-6456360425798343065"), dec("0.7"),
	                               0, TALLY_ROUND_CEIL, &r),
	                 0);
	assert_dec(r, "-9223372036854775807");
	assert_int_equal(tally_dec_div(dec("6456360425798343065"), dec("0.7"),
	                               0, TALLY_ROUND_CEIL, &r),
	                 TALLY_DEC_EOVERFLOW);
	assert_int_equal(tally_dec_div(dec("-6456360425798343065"), dec("0.7"),
	                               0, TALLY_ROUND_FLOOR, &r),
	                 TALLY_DEC_EOVERFLOW);
	assert_dec(r, "-9223372036854775807");
}

static void
test_rescale(void **state)
{
	struct tally_dec r = {0, 0};
	struct tally_dec max = {INT64_MAX, 0};

	(void)state;
	assert_int_equal(
	    tally_dec_rescale(dec("232.4"), 2, TALLY_ROUND_HALF_UP, &r), 0);
	assert_dec(r, "232.40");
	assert_int_equal(
	    tally_dec_rescale(dec("232.45"), 1, TALLY_ROUND_HALF_UP, &r), 0);
	assert_dec(r, "232.5");
	assert_int_equal(
	    tally_dec_rescale(dec("-232.45"), 1, TALLY_ROUND_HALF_UP, &r), 0);
	assert_dec(r, "-232.5");
	assert_int_equal(
	    tally_dec_rescale(dec("-232.45"), 1, TALLY_ROUND_FLOOR, &r), 0);
	assert_dec(r, "-232.5");
	assert_int_equal(
	    tally_dec_rescale(dec("-232.45"), 1, TALLY_ROUND_CEIL, &r), 0);
	assert_dec(r, "-232.4");
	assert_int_equal(
	    tally_dec_rescale(dec("-232.45"), 1, TALLY_ROUND_TRUNC, &r), 0);
	assert_dec(r, "-232.4");
	assert_int_equal(
	    tally_dec_rescale(dec("232.44"), 1, TALLY_ROUND_HALF_UP, &r), 0);
	assert_dec(r, "232.4");
	assert_int_equal(
	    tally_dec_rescale(dec("1.5"), 0, TALLY_ROUND_HALF_UP, &r), 0);
	assert_dec(r, "2");
	assert_int_equal(
	    tally_dec_rescale(dec("-1.5"), 0, TALLY_ROUND_HALF_UP, &r), 0);
	assert_dec(r, "-2");
	assert_int_equal(
	    tally_dec_rescale(dec("-1.4"), 0, TALLY_ROUND_HALF_UP, &r), 0);
	assert_dec(r, "-1");
	assert_int_equal(tally_dec_rescale(dec("0.000000000000000001"), 0,
	                                   TALLY_ROUND_CEIL, &r),
	                 0);
	assert_dec(r, "1");
	assert_int_equal(
	    tally_dec_rescale(dec("-0.999"), 0, TALLY_ROUND_TRUNC, &r), 0);
	assert_dec(r, "0");

	assert_int_equal(tally_dec_rescale(max, 1, TALLY_ROUND_HALF_UP, &r),
	                 TALLY_DEC_EOVERFLOW);
	assert_int_equal(
	    tally_dec_rescale(dec("1"), 19, TALLY_ROUND_HALF_UP, &r),
	    TALLY_DEC_EOVERFLOW);
	assert_int_equal(
	    tally_dec_rescale(dec("1"), -1, TALLY_ROUND_HALF_UP, &r),
	    TALLY_DEC_EINVAL);
	assert_dec(r, "0");
}

static void
test_shift(void **state)
{
	struct tally_dec r = {0, 0};

	(void)state;
	/* 万元 to 元 and back. */
	assert_int_equal(tally_dec_shift(dec("1.2345"), 4, &r), 0);
	assert_int_equal(r.coef, 12345);
	assert_int_equal(r.scale, 0);
	assert_int_equal(tally_dec_shift(dec("1.23"), 4, &r), 0);
	assert_dec(r, "12300");
	assert_int_equal(tally_dec_shift(dec("1.234567"), 4, &r), 0);
	assert_dec(r, "12345.67");
	assert_int_equal(tally_dec_shift(dec("12345"), -4, &r), 0);
	assert_dec(r, "1.2345");
	assert_int_equal(tally_dec_shift(dec("-0.5"), -2, &r), 0);
	assert_dec(r, "-0.005");
	assert_int_equal(tally_dec_shift(dec("232.4"), 0, &r), 0);
	assert_dec(r, "232.4");
	assert_int_equal(tally_dec_shift(dec("0"), 100, &r), 0);
	assert_dec(r, "0");
	assert_int_equal(tally_dec_shift(dec("0.0"), -100, &r), 0);
	assert_true(tally_dec_is_zero(r));
	assert_int_equal(tally_dec_shift(dec("1"), -18, &r), 0);
	assert_dec(r, "0.000000000000000001");
	/* Too many decimals: fine only if trailing zeros can go. */
	assert_int_equal(tally_dec_shift(dec("10"), -19, &r), 0);
	assert_dec(r, "0.000000000000000001");
	assert_int_equal(tally_dec_shift(dec("1"), -19, &r),
	                 TALLY_DEC_EOVERFLOW);
	assert_int_equal(tally_dec_shift(dec("1"), -2000000000, &r),
	                 TALLY_DEC_EOVERFLOW);
	/* Too big. */
	assert_int_equal(tally_dec_shift(dec("5"), 18, &r), 0);
	assert_dec(r, "5000000000000000000");
	assert_int_equal(tally_dec_shift(dec("5"), 19, &r),
	                 TALLY_DEC_EOVERFLOW);
	assert_int_equal(tally_dec_shift(dec("10"), 18, &r),
	                 TALLY_DEC_EOVERFLOW);
	assert_int_equal(tally_dec_shift(dec("1"), 2000000000, &r),
	                 TALLY_DEC_EOVERFLOW);
	assert_dec(r, "5000000000000000000");
}

/* --- intervals ----------------------------------------------------------- */

static void
test_ival_written(void **state)
{
	struct tally_ival iv;
	struct tally_dec fine = {1, 18};

	(void)state;
	assert_ival(written("232.4"), "232.35", "232.45");
	assert_ival(written("94"), "93.5", "94.5");
	assert_ival(written("99.97"), "99.965", "99.975");
	assert_ival(written("-0.08"), "-0.085", "-0.075");
	assert_ival(written("0"), "-0.5", "0.5");
	assert_int_equal(tally_ival_written_at(dec("30"), 2, &iv), 0);
	assert_ival(iv, "29.995", "30.005");
	assert_int_equal(tally_ival_written_at(dec("29.99"), 2, &iv), 0);
	assert_ival(iv, "29.985", "29.995");
	assert_int_equal(tally_ival_written_at(dec("-3"), 1, &iv), 0);
	assert_ival(iv, "-3.05", "-2.95");
	/* A finer reading cannot be coarser than what was written. */
	assert_int_equal(tally_ival_written_at(dec("29.99"), 1, &iv),
	                 TALLY_DEC_EINVAL);
	/* The half-ulp of an 18-decimal number needs 19. */
	assert_int_equal(tally_ival_written(fine, &iv), TALLY_DEC_EOVERFLOW);
	assert_int_equal(tally_ival_written(dec("922337203685477581"), &iv),
	                 TALLY_DEC_EOVERFLOW);
	assert_int_equal(tally_ival_written(dec("922337203685477580"), &iv), 0);
	assert_ival(iv, "922337203685477579.5", "922337203685477580.5");
	iv = exact("116130");
	assert_ival(iv, "116130", "116130");
}

static void
test_ival_add_sub(void **state)
{
	struct tally_ival r;

	(void)state;
	assert_int_equal(tally_ival_add(written("1.5"), written("-2"), &r), 0);
	assert_ival(r, "-1.05", "0.05");
	assert_int_equal(tally_ival_sub(exact("1"), written("2.5"), &r), 0);
	assert_ival(r, "-1.55", "-1.45");
	/* [1, 2] - [-1, 3] = [-2, 3]. */
	r.lo = dec("1");
	r.hi = dec("2");
	{
		struct tally_ival b = {dec("-1"), dec("3")};

		assert_int_equal(tally_ival_sub(r, b, &r), 0);
		assert_ival(r, "-2", "3");
	}
	{
		struct tally_ival max = {{INT64_MAX, 0}, {INT64_MAX, 0}};

		assert_int_equal(tally_ival_add(max, exact("1"), &r),
		                 TALLY_DEC_EOVERFLOW);
		assert_ival(r, "-2", "3"); /* untouched */
	}
}

static void
test_ival_mul(void **state)
{
	struct tally_ival a = {dec("-2"), dec("3")};
	struct tally_ival b = {dec("-5"), dec("4")};
	struct tally_ival c = {dec("-3"), dec("-2")};
	struct tally_ival d = {dec("4"), dec("5")};
	struct tally_ival big = {dec("0"), {INT64_MAX, 0}};
	struct tally_ival r;

	(void)state;
	assert_int_equal(tally_ival_mul(a, b, &r), 0);
	assert_ival(r, "-15", "12");
	assert_int_equal(tally_ival_mul(c, d, &r), 0);
	assert_ival(r, "-15", "-8");
	assert_int_equal(tally_ival_mul(c, c, &r), 0);
	assert_ival(r, "4", "9");
	assert_int_equal(tally_ival_mul(written("2.5"), exact("100"), &r), 0);
	assert_ival(r, "245.00", "255.00");
	assert_int_equal(tally_ival_mul(big, d, &r), TALLY_DEC_EOVERFLOW);
}

static void
test_ival_div(void **state)
{
	struct tally_ival a = {dec("1"), dec("2")};
	struct tally_ival neg = {dec("-4"), dec("-2")};
	struct tally_ival m = {dec("-1"), dec("2")};
	struct tally_ival pos = {dec("3"), dec("4")};
	struct tally_ival r;

	(void)state;
	assert_int_equal(tally_ival_div(a, neg, 4, &r), 0);
	assert_ival(r, "-1.0000", "-0.2500");
	/* Outward: lo floored, hi ceiled. */
	assert_int_equal(tally_ival_div(m, pos, 4, &r), 0);
	assert_ival(r, "-0.3334", "0.6667");
	assert_int_equal(tally_ival_div(exact("1"), exact("3"), 2, &r), 0);
	assert_ival(r, "0.33", "0.34");
	assert_int_equal(tally_ival_div(exact("-1"), exact("3"), 2, &r), 0);
	assert_ival(r, "-0.34", "-0.33");
	assert_int_equal(tally_ival_div(exact("34"), exact("40"), 2, &r), 0);
	assert_ival(r, "0.85", "0.85");
}

static void
test_ival_div_zero(void **state)
{
	struct tally_ival z1 = {dec("0"), dec("1")};
	struct tally_ival z2 = {dec("-1"), dec("1")};
	struct tally_ival z3 = {dec("-1"), dec("0.0")};
	struct tally_ival r = {dec("7"), dec("7")};

	(void)state;
	assert_int_equal(tally_ival_div(exact("1"), exact("0"), 2, &r),
	                 TALLY_DEC_EDIVZERO);
	assert_int_equal(tally_ival_div(exact("1"), z1, 2, &r),
	                 TALLY_DEC_EDIVZERO);
	assert_int_equal(tally_ival_div(exact("1"), z2, 2, &r),
	                 TALLY_DEC_EDIVZERO);
	assert_int_equal(tally_ival_div(exact("1"), z3, 2, &r),
	                 TALLY_DEC_EDIVZERO);
	/* "0" as written is [-0.5, 0.5]: it may be zero. */
	assert_int_equal(tally_ival_div(exact("1"), written("0.00"), 2, &r),
	                 TALLY_DEC_EDIVZERO);
	assert_ival(r, "7", "7");
}

static void
test_ival_overlaps(void **state)
{
	struct tally_ival a = {dec("1"), dec("2")};
	struct tally_ival b = {dec("1.5"), dec("3")};
	struct tally_ival c = {dec("2.0"), dec("3")};
	struct tally_ival d = {dec("2.01"), dec("3")};
	struct tally_ival in = {dec("1.2"), dec("1.3")};
	struct tally_ival n1 = {dec("-3"), dec("-1")};
	struct tally_ival n2 = {dec("-1.5"), dec("0")};

	(void)state;
	assert_true(tally_ival_overlaps(a, b));
	assert_true(tally_ival_overlaps(b, a));
	assert_true(tally_ival_overlaps(a, in));
	assert_true(tally_ival_overlaps(in, a));
	assert_true(tally_ival_overlaps(n1, n2));
	assert_false(tally_ival_overlaps(a, d));
	assert_false(tally_ival_overlaps(d, a));
	assert_false(tally_ival_overlaps(n1, a));
	/* Meeting at one end is not overlapping ... */
	assert_false(tally_ival_overlaps(a, c));
	assert_false(tally_ival_overlaps(c, a));
	/* ... unless one side is a single exact value. */
	assert_true(tally_ival_overlaps(a, exact("2")));
	assert_true(tally_ival_overlaps(exact("1.00"), a));
	assert_true(tally_ival_overlaps(exact("2"), exact("2.000")));
	assert_false(tally_ival_overlaps(exact("2"), exact("2.001")));
	assert_false(tally_ival_overlaps(a, exact("2.001")));

	assert_true(tally_ival_contains(a, dec("2")));
	assert_true(tally_ival_contains(a, dec("1.0")));
	assert_true(tally_ival_contains(n1, dec("-2.5")));
	assert_false(tally_ival_contains(a, dec("0.99")));
	assert_false(tally_ival_contains(a, dec("2.01")));
}

static void
test_ival_sum_parts(void **state)
{
	struct tally_dec parts[3];
	struct tally_dec bad[1] = {{INT64_MIN, 0}};
	struct tally_ival r;

	(void)state;
	assert_int_equal(tally_ival_sum_parts(NULL, 0, &r), 0);
	assert_ival(r, "0", "0");
	parts[0] = dec("123.45");
	parts[1] = dec("56.78");
	assert_int_equal(tally_ival_sum_parts(parts, 2, &r), 0);
	assert_ival(r, "180.220", "180.240");
	/* Rounding alone: 180.23 stated as 180.24 holds. */
	assert_true(tally_ival_overlaps(r, written("180.24")));
	assert_true(tally_ival_overlaps(r, written("180.22")));
	assert_false(tally_ival_overlaps(r, written("180.25")));
	parts[0] = dec("-1.5");
	parts[1] = dec("2");
	assert_int_equal(tally_ival_sum_parts(parts, 2, &r), 0);
	assert_ival(r, "0.40", "0.60");
	assert_int_equal(tally_ival_sum_parts(bad, 1, &r), TALLY_DEC_EINVAL);
}

/* --- DESIGN section 4, example by example -------------------------------- */

static void
test_design_point_one_plus_point_two(void **state)
{
	struct tally_dec r;

	(void)state;
	assert_int_equal(tally_dec_add(dec("0.1"), dec("0.2"), &r), 0);
	assert_int_equal(tally_dec_cmp(r, dec("0.3")), 0);
}

static void
test_design_94(void **state)
{
	struct tally_dec parts[3] = {dec("19"), dec("18"), dec("57.2")};
	struct tally_dec s;
	struct tally_ival sum;

	(void)state;
	/* The exact sum is 94.2 ... */
	assert_int_equal(tally_dec_add(parts[0], parts[1], &s), 0);
	assert_int_equal(tally_dec_add(s, parts[2], &s), 0);
	assert_dec(s, "94.2");
	assert_true(tally_ival_overlaps(tally_ival_exact(s), written("94")));
	/* ... and the parts read as written agree: 94.2 stated as 94 holds. */
	assert_int_equal(tally_ival_sum_parts(parts, 3, &sum), 0);
	assert_ival(sum, "94.05", "94.35");
	assert_true(tally_ival_overlaps(sum, written("94")));
	assert_true(tally_ival_overlaps(sum, written("94.2")));
	assert_false(tally_ival_overlaps(sum, written("95")));
	assert_false(tally_ival_overlaps(sum, written("94.5")));
}

static void
test_design_89_97(void **state)
{
	struct tally_dec parts[3] = {dec("30"), dec("30"), dec("29.99")};
	struct tally_ival sum;

	(void)state;
	/* 30 beside 29.99 is 30.00: [29.995, 30.005]. */
	assert_int_equal(tally_ival_sum_parts(parts, 3, &sum), 0);
	assert_ival(sum, "89.975", "90.005");
	assert_ival(written("89.97"), "89.965", "89.975");
	/* They meet at 89.975 only: stated as 89.97, it fails. */
	assert_false(tally_ival_overlaps(sum, written("89.97")));
	assert_false(tally_ival_overlaps(written("89.97"), sum));
	/* Within rounding: 89.98, 89.99, 90.00 hold; 90.01 meets and fails. */
	assert_true(tally_ival_overlaps(sum, written("89.98")));
	assert_true(tally_ival_overlaps(sum, written("89.99")));
	assert_true(tally_ival_overlaps(sum, written("90.00")));
	assert_true(tally_ival_overlaps(sum, written("90")));
	assert_false(tally_ival_overlaps(sum, written("90.01")));
	/* Not read at the finest precision, 30 would be [29.5, 30.5] and
	 * 89.97 would wrongly hold. */
	{
		struct tally_ival loose;

		assert_int_equal(
		    tally_ival_add(written("30"), written("30"), &loose), 0);
		assert_int_equal(
		    tally_ival_add(loose, written("29.99"), &loose), 0);
		assert_true(tally_ival_overlaps(loose, written("89.97")));
	}
	/* An exact 89.975 may be written either way (tie). */
	assert_true(tally_ival_overlaps(exact("89.975"), written("89.97")));
	assert_true(tally_ival_overlaps(exact("89.975"), written("89.98")));
}

static void
test_design_99_6(void **state)
{
	struct tally_ival rate;

	(void)state;
	/* Counts are exact: 116130 / 116532 = 99.6550...%. */
	rate = percent(exact("116130"), exact("116532"));
	assert_ival(rate, "99.655030", "99.655031");
	/* "99.6%" was truncated, not rounded: it fails. */
	assert_ival(written("99.6"), "99.55", "99.65");
	assert_false(tally_ival_overlaps(rate, written("99.6")));
	assert_true(tally_ival_overlaps(rate, written("99.66")));
	assert_true(tally_ival_overlaps(rate, written("99.7")));
	assert_true(tally_ival_overlaps(rate, written("99.655")));
	assert_false(tally_ival_overlaps(rate, written("99.65")));
}

static void
test_design_99_97(void **state)
{
	struct tally_ival rate;

	(void)state;
	/* 立案510966件，结案510829件，结案率达99.97% */
	rate = percent(exact("510829"), exact("510966"));
	assert_ival(rate, "99.973188", "99.973189");
	assert_true(tally_ival_overlaps(rate, written("99.97")));
	assert_false(tally_ival_overlaps(rate, written("99.98")));
	assert_false(tally_ival_overlaps(rate, written("99.96")));
}

static void
test_design_97_80(void **state)
{
	struct tally_ival rate;

	(void)state;
	/* Both inputs are written: [31.685, 31.695] / [32.35, 32.45]. */
	rate = percent(written("31.69"), written("32.4"));
	assert_ival(rate, "97.642526", "97.975271");
	assert_true(tally_ival_overlaps(rate, written("97.80")));
	assert_true(tally_ival_overlaps(rate, written("97.64")));
	assert_false(tally_ival_overlaps(rate, written("97.63")));
	assert_true(tally_ival_overlaps(rate, written("97.98")));
	assert_false(tally_ival_overlaps(rate, written("97.99")));
	/* Taken as exact, 31.69 / 32.4 = 97.8086...% would fail 97.80. */
	assert_false(tally_ival_overlaps(percent(exact("31.69"), exact("32.4")),
	                                 written("97.80")));
}

static void
test_design_86_19(void **state)
{
	struct tally_ival rate;

	(void)state;
	rate = percent(written("215457.6"), written("250000.00"));
	assert_ival(rate, "86.183018", "86.183062");
	/* Only 86.18% is possible. */
	assert_false(tally_ival_overlaps(rate, written("86.19")));
	assert_true(tally_ival_overlaps(rate, written("86.18")));
	assert_false(tally_ival_overlaps(rate, written("86.17")));
}

static void
test_design_other_rates(void **state)
{
	struct tally_ival rate;
	struct tally_dec q;

	(void)state;
	/* 0.86 / 0.94 = 91.489...% stated as 91.49% holds, exact or as
	 * written. */
	rate = percent(exact("0.86"), exact("0.94"));
	assert_ival(rate, "91.489361", "91.489362");
	assert_true(tally_ival_overlaps(rate, written("91.49")));
	rate = percent(written("0.86"), written("0.94"));
	assert_true(tally_ival_overlaps(rate, written("91.49")));

	/* 26942600 / 36890100 = 73.0348...%: 73.03% holds. */
	rate = percent(exact("26942600"), exact("36890100"));
	assert_ival(rate, "73.034770", "73.034771");
	assert_true(tally_ival_overlaps(rate, written("73.03")));
	assert_false(tally_ival_overlaps(rate, written("73.04")));

	/* 34 / 40 = 85% exactly. */
	rate = percent(exact("34"), exact("40"));
	assert_ival(rate, "85.000000", "85.000000");
	assert_true(tally_ival_overlaps(rate, written("85")));
	assert_true(tally_ival_overlaps(rate, exact("85")));
	assert_int_equal(
	    tally_dec_div(dec("34"), dec("40"), 2, TALLY_ROUND_HALF_UP, &q), 0);
	assert_int_equal(tally_dec_cmp(q, dec("0.85")), 0);
}

static void
test_design_zero_denominator(void **state)
{
	struct tally_ival r;

	(void)state;
	assert_int_equal(tally_ival_div(exact("5"), exact("0"), 6, &r),
	                 TALLY_DEC_EDIVZERO);
	assert_int_equal(tally_ival_div(written("5"), written("0.0"), 6, &r),
	                 TALLY_DEC_EDIVZERO);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_basic),
	    cmocka_unit_test(test_parse_signs),
	    cmocka_unit_test(test_parse_fullwidth),
	    cmocka_unit_test(test_parse_thousands),
	    cmocka_unit_test(test_parse_prefix),
	    cmocka_unit_test(test_parse_overflow),
	    cmocka_unit_test(test_parse_str),
	    cmocka_unit_test(test_format_round_trip),
	    cmocka_unit_test(test_format_buffer),
	    cmocka_unit_test(test_cmp),
	    cmocka_unit_test(test_sign_neg_abs),
	    cmocka_unit_test(test_add_sub),
	    cmocka_unit_test(test_mul),
	    cmocka_unit_test(test_div_modes),
	    cmocka_unit_test(test_div_errors),
	    cmocka_unit_test(test_rescale),
	    cmocka_unit_test(test_shift),
	    cmocka_unit_test(test_ival_written),
	    cmocka_unit_test(test_ival_add_sub),
	    cmocka_unit_test(test_ival_mul),
	    cmocka_unit_test(test_ival_div),
	    cmocka_unit_test(test_ival_div_zero),
	    cmocka_unit_test(test_ival_overlaps),
	    cmocka_unit_test(test_ival_sum_parts),
	    cmocka_unit_test(test_design_point_one_plus_point_two),
	    cmocka_unit_test(test_design_94),
	    cmocka_unit_test(test_design_89_97),
	    cmocka_unit_test(test_design_99_6),
	    cmocka_unit_test(test_design_99_97),
	    cmocka_unit_test(test_design_97_80),
	    cmocka_unit_test(test_design_86_19),
	    cmocka_unit_test(test_design_other_rates),
	    cmocka_unit_test(test_design_zero_denominator),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
