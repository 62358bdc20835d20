/*
 * decimal.c - exact decimals and the rounding intervals of written numbers
 * (DESIGN section 4).  A report's figures are checked against each other,
 * so 0.1 + 0.2 must be 0.3: every number is a scaled 64-bit integer and no
 * floating point is used anywhere.  Intermediates are 128-bit; a result
 * that does not fit is refused with TALLY_DEC_EOVERFLOW, never wrapped, so
 * a hostile report cannot turn a wrong sum into a right one.
 *
 * Coefficients are kept in the symmetric range ±INT64_MAX: INT64_MIN is
 * never produced, so negation and absolute value cannot overflow.
 */
#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "model.h"

/* __extension__ keeps -Wpedantic quiet about the GCC/Clang 128-bit types. */
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

/* 10^k for 0 <= k <= 19, the powers that fit in 64 bits. */
static const uint64_t pow10_64[20] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
	10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
	100000000000ULL, 1000000000000ULL, 10000000000000ULL,
	100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL,
	10000000000000000000ULL,
};

/* 10^k for 0 <= k <= 38, exact in unsigned 128 bits.  A table look-up:
 * comparisons and divisions align scales all the time. */
static u128
pow10u(int k)
{
	assert(k >= 0 && k <= 38);
	if (k <= 19)
		return pow10_64[k];
	return (u128)pow10_64[19] * pow10_64[k - 19];
}

static int
fits(i128 v)
{
	return v >= -(i128)INT64_MAX && v <= (i128)INT64_MAX;
}

static int
valid(struct tally_dec d)
{
	return d.coef != INT64_MIN && d.scale >= 0 &&
	       d.scale <= TALLY_DEC_MAX_SCALE;
}

/* Stores coef × 10^-scale, dropping trailing zeros only as far as needed
 * to make it fit: a product or a shift may carry more decimals than a
 * tally_dec holds while its value is still representable (1.5 × 2.0 at
 * scale 20 is 3). */
static int
make_fit(i128 coef, int64_t scale, struct tally_dec *out)
{
	if (fits(coef) && scale >= 0 && scale <= TALLY_DEC_MAX_SCALE) {
		out->coef = (int64_t)coef;
		out->scale = (int32_t)scale;
		return TALLY_DEC_OK;
	}
	if (coef == 0) {
		/* Zero at any scale is zero; clamp so huge shifts stay cheap.
		 */
		if (scale > TALLY_DEC_MAX_SCALE)
			scale = TALLY_DEC_MAX_SCALE;
		if (scale < 0)
			scale = 0;
	}
	while ((!fits(coef) || scale > TALLY_DEC_MAX_SCALE) && scale > 0 &&
	       coef % 10 == 0) {
		coef /= 10;
		scale--;
	}
	if (!fits(coef) || scale > TALLY_DEC_MAX_SCALE || scale < 0)
		return TALLY_DEC_EOVERFLOW;
	out->coef = (int64_t)coef;
	out->scale = (int32_t)scale;
	return TALLY_DEC_OK;
}

/* The truncated quotient of n × 10^e / d on magnitudes (d != 0, |n| and
 * |d| within int64, -36 <= e <= 38) into *q and *r, with the sign of the
 * exact quotient in *neg.  For e > 0 beyond what one 128-bit product
 * holds it is long division one digit at a time, which keeps the
 * remainder below |d| and stops as soon as the quotient is too big, where
 * n × 10^e itself would not fit even in 128 bits. */
static int
div_trunc(i128 n, i128 d, int e, u128 *q, u128 *r, u128 *ud_out, int *neg)
{
	u128 un = n < 0 ? (u128)-n : (u128)n;
	u128 ud = d < 0 ? (u128)-d : (u128)d;
	u128 qq, rr;

	*neg = (n < 0) != (d < 0);
	if (e < 0)
		ud *= pow10u(-e);
	if (e > 0 && e <= 19 && un <= (u128)UINT64_MAX) {
		/* n × 10^e fits in 128 bits (both factors below 2^64): one
		 * division gives the quotient and remainder the digits below
		 * would, and a quotient too big for them is too big here. */
		un *= pow10_64[e];
		e = 0;
	}
	if ((un >> 64) == 0 && (ud >> 64) == 0) {
		/* The usual case: one 64-bit division. */
		uint64_t a = (uint64_t)un, b = (uint64_t)ud;
		qq = a / b;
		rr = a % b;
	} else {
		qq = un / ud;
		rr = un % ud;
	}
	for (; e > 0; e--) {
		if (qq > (u128)INT64_MAX)
			return TALLY_DEC_EOVERFLOW;
		rr *= 10;
		qq = qq * 10 + rr / ud;
		rr %= ud;
	}
	*q = qq;
	*r = rr;
	*ud_out = ud;
	return TALLY_DEC_OK;
}

/* The truncated quotient q (remainder r, divisor ud, sign neg) rounded by
 * mode into *out. */
static int
round_quot(u128 q, u128 r, u128 ud, int neg, enum tally_round mode,
    int64_t *out)
{
	if (r != 0) {
		switch (mode) {
		case TALLY_ROUND_FLOOR:
			q += (u128)neg;
			break;
		case TALLY_ROUND_CEIL:
			q += (u128)!neg;
			break;
		case TALLY_ROUND_HALF_UP:
			/* The tie goes away from zero: on magnitudes, up. */
			q += (u128)(r >= ud - r);
			break;
		case TALLY_ROUND_TRUNC:
			break;
		}
	}
	if (q > (u128)INT64_MAX)
		return TALLY_DEC_EOVERFLOW;
	*out = neg ? -(int64_t)q : (int64_t)q;
	return TALLY_DEC_OK;
}

/* The common case of div_trunc in 64 bits: 0 <= e <= 19 and |n| × 10^e
 * below 2^64.  Returns 0 when it does not apply. */
static int
div_trunc64(int64_t n, int64_t d, int e, u128 *q, u128 *r, u128 *ud,
    int *neg)
{
	uint64_t un = n < 0 ? 0 - (uint64_t)n : (uint64_t)n;
	uint64_t dd = d < 0 ? 0 - (uint64_t)d : (uint64_t)d;
	uint64_t prod;

	if (e < 0 || e > 19 || __builtin_mul_overflow(un, pow10_64[e], &prod))
		return 0;
	*q = prod / dd;
	*r = prod % dd;
	*ud = dd;
	*neg = (n < 0) != (d < 0);
	return 1;
}

/* Rounds n × 10^e / d to an integer by mode (d != 0, |n| and |d| within
 * int64, -36 <= e <= 38).  Works on magnitudes so that no signed operation
 * can overflow. */
static int
div_round(i128 n, i128 d, int e, enum tally_round mode, int64_t *out)
{
	u128 q, r, ud;
	int neg, rc;

	if ((rc = div_trunc(n, d, e, &q, &r, &ud, &neg)) != TALLY_DEC_OK)
		return rc;
	return round_quot(q, r, ud, neg, mode, out);
}

/* --- parsing and formatting --------------------------------------------- */

/* The value of the digit at s[i] (ASCII or fullwidth ０-９, U+FF10..FF19)
 * with its length in *len, or -1. */
static int
digit_at(const char *s, size_t n, size_t i, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (i < n && u[i] >= '0' && u[i] <= '9') {
		*len = 1;
		return u[i] - '0';
	}
	if (i + 3 <= n && u[i] == 0xEF && u[i + 1] == 0xBC &&
	    u[i + 2] >= 0x90 && u[i + 2] <= 0x99) {
		*len = 3;
		return u[i + 2] - 0x90;
	}
	return -1;
}

/* Bytes of the sign at s[i] (+ - − ＋ －), 0 when none; *neg set. */
static size_t
sign_at(const char *s, size_t n, size_t i, int *neg)
{
	const unsigned char *u = (const unsigned char *)s;

	if (i < n && (u[i] == '+' || u[i] == '-')) {
		*neg = u[i] == '-';
		return 1;
	}
	if (i + 3 <= n && u[i] == 0xE2 && u[i + 1] == 0x88 &&
	    u[i + 2] == 0x92) {
		*neg = 1; /* U+2212 MINUS SIGN */
		return 3;
	}
	if (i + 3 <= n && u[i] == 0xEF && u[i + 1] == 0xBC &&
	    (u[i + 2] == 0x8B || u[i + 2] == 0x8D)) {
		*neg = u[i + 2] == 0x8D; /* ＋ U+FF0B, － U+FF0D */
		return 3;
	}
	return 0;
}

/* Bytes of the decimal point at s[i] (. or ．U+FF0E), 0 when none. */
static size_t
point_at(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;

	if (i < n && u[i] == '.')
		return 1;
	if (i + 3 <= n && u[i] == 0xEF && u[i + 1] == 0xBC && u[i + 2] == 0x8E)
		return 3;
	return 0;
}

/* 1 when a thousands separator at s[i] (a ',') is followed by exactly
 * three digits and then something that is not a digit. */
static int
group_follows(const char *s, size_t n, size_t i)
{
	size_t len;
	int k;

	if (i >= n || s[i] != ',')
		return 0;
	i++;
	for (k = 0; k < 3; k++) {
		if (digit_at(s, n, i, &len) < 0)
			return 0;
		i += len;
	}
	return digit_at(s, n, i, &len) < 0;
}

/* Appends digit dv to the magnitude *coef, or sets *over once it passes
 * INT64_MAX (the magnitude is then left as it was). */
static void
push_digit(uint64_t *coef, int dv, int *over)
{
	/* Up to this, coef × 10 + 9 fits in 64 bits; above it the value
	 * is past INT64_MAX whatever the digit. */
	if (*coef > (uint64_t)INT64_MAX / 10) {
		*over = 1;
		return;
	}
	*coef = *coef * 10u + (uint64_t)dv;
	*over = *coef > (uint64_t)INT64_MAX;
}

/* The digit at s[i], ASCII tried inline before the general reader. */
#define DIGIT_AT(s, n, i, len) \
	((i) < (n) && (unsigned)((unsigned char)(s)[i] - '0') < 10u ? \
	    (*(len) = 1, (s)[i] - '0') : digit_at(s, n, i, len))

/* The usual number read in one pass: an optional ASCII sign, ASCII
 * digits, an optional '.' and ASCII digits, at most 18 digits in all (so
 * nothing can overflow).  Returns 0 when anything else is at hand (a
 * comma, a fullwidth form, a long number), for tally_dec_parse's general
 * reader to decide. */
static inline int
parse_plain(const char *s, size_t n, struct tally_dec *out, size_t *used)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t coef = 0;
	size_t i = 0, start, nd, fd = 0;
	unsigned d;
	int neg = 0;

	if (n > 0 && (u[0] == '-' || u[0] == '+')) {
		neg = u[0] == '-';
		i = 1;
	}
	start = i;
	while (i < n && (d = (unsigned)u[i] - '0') < 10u) {
		coef = coef * 10u + d;
		i++;
	}
	nd = i - start;
	if (nd == 0 || nd > 18)
		return 0;
	if (i + 1 < n && u[i] == '.' && (unsigned)u[i + 1] - '0' < 10u) {
		start = ++i;
		while (i < n && (d = (unsigned)u[i] - '0') < 10u) {
			coef = coef * 10u + d;
			i++;
		}
		fd = i - start;
		if (nd + fd > 18)
			return 0;
	} else if (i < n && (u[i] == '.' || u[i] == ',')) {
		return 0; /* "3." before a fullwidth digit, or a group */
	}
	/* a fullwidth digit or point may continue the number */
	if (i < n && u[i] == 0xEF)
		return 0;
	if (used != NULL)
		*used = i;
	out->coef = neg ? -(int64_t)coef : (int64_t)coef;
	out->scale = (int32_t)fd;
	return 1;
}

/* tally_dec_parse past the usual number: commas, fullwidth forms, long
 * numbers.  Kept out of line so that the usual one costs no spills. */
__attribute__((noinline)) static int
parse_general(const char *s, size_t n, struct tally_dec *out, size_t *used);

int
tally_dec_parse(const char *s, size_t n, struct tally_dec *out, size_t *used)
{
	if (s != NULL && parse_plain(s, n, out, used))
		return TALLY_DEC_OK;
	return parse_general(s, n, out, used);
}

static int
parse_general(const char *s, size_t n, struct tally_dec *out, size_t *used)
{
	uint64_t coef = 0;
	int64_t scale = 0;
	int neg = 0, over = 0, grouped = 0, dv, lead;
	size_t i, len, p, group = 0;

	if (used != NULL)
		*used = 0;
	if (s == NULL)
		return TALLY_DEC_EINVAL;
	i = sign_at(s, n, 0, &neg);
	lead = DIGIT_AT(s, n, i, &len);
	if (lead < 0)
		return TALLY_DEC_EINVAL;

	/* The whole number is consumed even when it overflows, so a caller
	 * can report it and skip it as one token. */
	for (;;) {
		dv = DIGIT_AT(s, n, i, &len);
		if (dv >= 0) {
			if (!over)
				push_digit(&coef, dv, &over);
			group++;
			i += len;
			continue;
		}
		/* A comma separates thousands only after a first group of one
		 * to three digits that does not start with 0 ("0,500" is a
		 * European 0.5, not 500), and only before exactly three more:
		 * "1,23" is 1 followed by text. */
		if (i < n && s[i] == ',' && group_follows(s, n, i) &&
		    (grouped ? group == 3
		             : group >= 1 && group <= 3 && lead != 0)) {
			grouped = 1;
			group = 0;
			i++;
			continue;
		}
		break;
	}
	/* A point is part of the number only with a digit after it: in "共3."
	 * it ends a sentence. */
	p = point_at(s, n, i);
	if (p > 0 && DIGIT_AT(s, n, i + p, &len) >= 0) {
		i += p;
		while ((dv = DIGIT_AT(s, n, i, &len)) >= 0) {
			if (!over) {
				push_digit(&coef, dv, &over);
				scale++;
				over = over || scale > TALLY_DEC_MAX_SCALE;
			}
			i += len;
		}
	}
	if (used != NULL)
		*used = i;
	if (over)
		return TALLY_DEC_EOVERFLOW;
	out->coef = neg ? -(int64_t)coef : (int64_t)coef;
	out->scale = (int32_t)scale;
	return TALLY_DEC_OK;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t';
}

int
tally_dec_parse_str(const char *s, struct tally_dec *out)
{
	struct tally_dec d;
	size_t n, used;
	int rc;

	if (s == NULL)
		return TALLY_DEC_EINVAL;
	while (is_space(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_space(s[n - 1]))
		n--;
	rc = tally_dec_parse(s, n, &d, &used);
	if (rc != TALLY_DEC_OK)
		return rc;
	if (used != n)
		return TALLY_DEC_EINVAL;
	*out = d;
	return TALLY_DEC_OK;
}

struct tally_dec
tally_dec_from_int(int64_t v)
{
	struct tally_dec d;

	/* INT64_MIN is outside the symmetric range every operation keeps. */
	assert(v != INT64_MIN);
	d.coef = v;
	d.scale = 0;
	return d;
}

char *
tally_dec_format(struct tally_dec d, char *buf, size_t n)
{
	char tmp[TALLY_DEC_BUFSZ];
	char digits[24];
	uint64_t mag;
	size_t nd = 0, k = 0, i;
	int scale = d.scale;

	if (n == 0)
		return buf;
	if (scale < 0 || scale > TALLY_DEC_MAX_SCALE)
		scale = 0; /* not a tally_dec any operation made */
	/* Unsigned negation is defined for every int64 value. */
	mag = d.coef < 0 ? 0 - (uint64_t)d.coef : (uint64_t)d.coef;
	do {
		digits[nd++] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag > 0);
	while (nd <= (size_t)scale)
		digits[nd++] = '0'; /* at least one digit before the point */
	if (d.coef < 0)
		tmp[k++] = '-';
	for (i = nd; i > 0; i--) {
		if (i == (size_t)scale)
			tmp[k++] = '.';
		tmp[k++] = digits[i - 1];
	}
	tmp[k] = '\0';
	if (k >= n)
		k = n - 1;
	memcpy(buf, tmp, k);
	buf[k] = '\0';
	return buf;
}

/* --- comparison and arithmetic ------------------------------------------ */

/* The coefficients of a and b brought to the larger scale; exact, since
 * 10^18 × INT64_MAX fits in 128 bits. */
static int
align(struct tally_dec a, struct tally_dec b, i128 *ca, i128 *cb)
{
	if (a.scale >= b.scale) {
		*ca = a.coef;
		*cb = (i128)b.coef * (i128)pow10u(a.scale - b.scale);
		return a.scale;
	}
	*ca = (i128)a.coef * (i128)pow10u(b.scale - a.scale);
	*cb = b.coef;
	return b.scale;
}

/* tally_dec_cmp without the call: the interval operations compare all
 * the time, mostly at one scale or at scales a 64-bit product aligns. */
static inline int
cmp(struct tally_dec a, struct tally_dec b)
{
	i128 ca, cb;
	int64_t x;

	assert(a.scale >= 0 && a.scale <= TALLY_DEC_MAX_SCALE);
	assert(b.scale >= 0 && b.scale <= TALLY_DEC_MAX_SCALE);
	if (a.scale == b.scale)
		return (a.coef > b.coef) - (a.coef < b.coef);
	/* 10^k fits in int64 for k <= 18 = TALLY_DEC_MAX_SCALE */
	if (a.scale < b.scale) {
		if (!__builtin_mul_overflow(a.coef,
		    (int64_t)pow10_64[b.scale - a.scale], &x))
			return (x > b.coef) - (x < b.coef);
	} else if (!__builtin_mul_overflow(b.coef,
	    (int64_t)pow10_64[a.scale - b.scale], &x)) {
		return (a.coef > x) - (a.coef < x);
	}
	align(a, b, &ca, &cb);
	return (ca > cb) - (ca < cb);
}

int
tally_dec_cmp(struct tally_dec a, struct tally_dec b)
{
	return cmp(a, b);
}

int
tally_dec_is_zero(struct tally_dec d)
{
	return d.coef == 0;
}

int
tally_dec_sign(struct tally_dec d)
{
	return (d.coef > 0) - (d.coef < 0);
}

struct tally_dec
tally_dec_neg(struct tally_dec d)
{
	assert(d.coef != INT64_MIN);
	d.coef = -d.coef;
	return d;
}

struct tally_dec
tally_dec_abs(struct tally_dec d)
{
	assert(d.coef != INT64_MIN);
	if (d.coef < 0)
		d.coef = -d.coef;
	return d;
}

/* tally_dec_add, inline in the interval sums. */
static inline int
dec_add(struct tally_dec a, struct tally_dec b, struct tally_dec *out)
{
	i128 ca, cb, sum;
	int scale;

	int64_t x, y;

	if (!valid(a) || !valid(b))
		return TALLY_DEC_EINVAL;
	/* The usual case in 64 bits: aligned without overflow, a sum
	 * within ±INT64_MAX. */
	if (a.scale >= b.scale) {
		x = a.coef;
		if (__builtin_mul_overflow(b.coef,
		    (int64_t)pow10_64[a.scale - b.scale], &y))
			goto wide;
		scale = a.scale;
	} else {
		y = b.coef;
		if (__builtin_mul_overflow(a.coef,
		    (int64_t)pow10_64[b.scale - a.scale], &x))
			goto wide;
		scale = b.scale;
	}
	if (!__builtin_add_overflow(x, y, &x) && x != INT64_MIN) {
		out->coef = x;
		out->scale = scale;
		return TALLY_DEC_OK;
	}
wide:
	scale = align(a, b, &ca, &cb);
	sum = ca + cb;
	if (!fits(sum))
		return TALLY_DEC_EOVERFLOW;
	out->coef = (int64_t)sum;
	out->scale = scale;
	return TALLY_DEC_OK;
}

int
tally_dec_add(struct tally_dec a, struct tally_dec b, struct tally_dec *out)
{
	return dec_add(a, b, out);
}

int
tally_dec_sub(struct tally_dec a, struct tally_dec b, struct tally_dec *out)
{
	if (!valid(b))
		return TALLY_DEC_EINVAL;
	return tally_dec_add(a, tally_dec_neg(b), out);
}

int
tally_dec_mul(struct tally_dec a, struct tally_dec b, struct tally_dec *out)
{
	if (!valid(a) || !valid(b))
		return TALLY_DEC_EINVAL;
	/* |a| × |b| < 2^126: exact in 128 bits. */
	return make_fit((i128)a.coef * b.coef, (int64_t)a.scale + b.scale, out);
}

int
tally_dec_div(struct tally_dec a, struct tally_dec b, int scale,
              enum tally_round mode, struct tally_dec *out)
{
	u128 uq, ur, ud;
	int64_t q;
	int rc, e, neg;

	if (!valid(a) || !valid(b) || scale < 0)
		return TALLY_DEC_EINVAL;
	if (scale > TALLY_DEC_MAX_SCALE)
		return TALLY_DEC_EOVERFLOW;
	if (b.coef == 0)
		return TALLY_DEC_EDIVZERO;
	/* a/b at `scale` decimals is a.coef × 10^(scale + b.scale - a.scale)
	 * / b.coef, the exponent lying in [-18, 36]. */
	e = scale + b.scale - a.scale;
	if (e >= 0 && e <= 19) {
		/* The usual case, all in 64 bits (as round_quot rounds). */
		uint64_t un = a.coef < 0 ? 0 - (uint64_t)a.coef :
		    (uint64_t)a.coef;
		uint64_t dd = b.coef < 0 ? 0 - (uint64_t)b.coef :
		    (uint64_t)b.coef;
		uint64_t prod, q64, r64;

		if (!__builtin_mul_overflow(un, pow10_64[e], &prod)) {
			neg = (a.coef < 0) != (b.coef < 0);
			q64 = prod / dd;
			r64 = prod % dd;
			if (round_quot(q64, r64, dd, neg, mode, &out->coef) < 0)
				return TALLY_DEC_EOVERFLOW;
			out->scale = scale;
			return TALLY_DEC_OK;
		}
	}
	if (div_trunc64(a.coef, b.coef, e, &uq, &ur, &ud, &neg))
		rc = round_quot(uq, ur, ud, neg, mode, &q);
	else
		rc = div_round(a.coef, b.coef, e, mode, &q);
	if (rc != TALLY_DEC_OK)
		return rc;
	out->coef = q;
	out->scale = scale;
	return TALLY_DEC_OK;
}

/* tally_dec_div by TALLY_ROUND_FLOOR into *lo and by TALLY_ROUND_CEIL
 * into *hi with one division; the error is the one the floor division
 * would return, else the ceiling's. */
static int
dec_div_floor_ceil(struct tally_dec a, struct tally_dec b, int scale,
    struct tally_dec *lo, struct tally_dec *hi)
{
	u128 q, r, ud;
	int64_t qlo, qhi;
	int neg, rc;

	if (!valid(a) || !valid(b) || scale < 0)
		return TALLY_DEC_EINVAL;
	if (scale > TALLY_DEC_MAX_SCALE)
		return TALLY_DEC_EOVERFLOW;
	if (b.coef == 0)
		return TALLY_DEC_EDIVZERO;
	if (div_trunc64(a.coef, b.coef, scale + b.scale - a.scale, &q, &r, &ud,
	    &neg))
		rc = TALLY_DEC_OK;
	else
		rc = div_trunc(a.coef, b.coef, scale + b.scale - a.scale, &q,
		    &r, &ud, &neg);
	if (rc == TALLY_DEC_OK)
		rc = round_quot(q, r, ud, neg, TALLY_ROUND_FLOOR, &qlo);
	if (rc == TALLY_DEC_OK)
		rc = round_quot(q, r, ud, neg, TALLY_ROUND_CEIL, &qhi);
	if (rc != TALLY_DEC_OK)
		return rc;
	lo->coef = qlo;
	lo->scale = scale;
	hi->coef = qhi;
	hi->scale = scale;
	return TALLY_DEC_OK;
}

int
tally_dec_rescale(struct tally_dec d, int scale, enum tally_round mode,
                  struct tally_dec *out)
{
	i128 c;
	int64_t q;
	int rc;

	if (!valid(d) || scale < 0)
		return TALLY_DEC_EINVAL;
	if (scale > TALLY_DEC_MAX_SCALE)
		return TALLY_DEC_EOVERFLOW;
	if (scale >= d.scale) {
		if (!__builtin_mul_overflow(d.coef,
		    (int64_t)pow10_64[scale - d.scale], &q) && q != INT64_MIN) {
			out->coef = q;
			out->scale = scale;
			return TALLY_DEC_OK;
		}
		c = (i128)d.coef * (i128)pow10u(scale - d.scale);
		if (!fits(c))
			return TALLY_DEC_EOVERFLOW;
		out->coef = (int64_t)c;
		out->scale = scale;
		return TALLY_DEC_OK;
	}
	rc = div_round(d.coef, (i128)pow10u(d.scale - scale), 0, mode, &q);
	if (rc != TALLY_DEC_OK)
		return rc;
	out->coef = q;
	out->scale = scale;
	return TALLY_DEC_OK;
}

int
tally_dec_shift(struct tally_dec d, int k, struct tally_dec *out)
{
	int64_t up;

	if (!valid(d))
		return TALLY_DEC_EINVAL;
	if (k <= 0 && (int64_t)d.scale - k <= TALLY_DEC_MAX_SCALE) {
		out->coef = d.coef;
		out->scale = (int32_t)(d.scale - k);
		return TALLY_DEC_OK;
	}
	if (k <= 0)
		return make_fit(d.coef, (int64_t)d.scale - k, out);
	/* Shifting left first uses up the decimals, so 1.2345 万元 becomes
	 * 12345 元 rather than 12345.0000: the scale keeps saying how many
	 * decimals the value really carries. */
	if (k <= d.scale) {
		out->coef = d.coef;
		out->scale = d.scale - k;
		return TALLY_DEC_OK;
	}
	up = (int64_t)k - d.scale;
	if (d.coef == 0) {
		out->coef = 0;
		out->scale = 0;
		return TALLY_DEC_OK;
	}
	if (up > 18) /* |coef| >= 1 times 10^19 never fits */
		return TALLY_DEC_EOVERFLOW;
	return make_fit((i128)d.coef * (i128)pow10u((int)up), 0, out);
}

/* --- intervals ----------------------------------------------------------- */

struct tally_ival
tally_ival_exact(struct tally_dec d)
{
	struct tally_ival iv;

	iv.lo = d;
	iv.hi = d;
	return iv;
}

int
tally_ival_written(struct tally_dec d, struct tally_ival *out)
{
	return tally_ival_written_at(d, d.scale, out);
}

int
tally_ival_written_at(struct tally_dec d, int scale, struct tally_ival *out)
{
	struct tally_dec at;
	int64_t c;
	int rc;

	if (!valid(d) || scale < d.scale)
		return TALLY_DEC_EINVAL;
	/* Half a unit in the last place is 5 at one decimal more. */
	if (scale + 1 > TALLY_DEC_MAX_SCALE)
		return TALLY_DEC_EOVERFLOW;
	/* tally_dec_rescale, inline for its usual cases: the same scale,
	 * or more decimals without overflow */
	if (scale == d.scale) {
		at = d;
	} else if (!__builtin_mul_overflow(d.coef,
	    (int64_t)pow10_64[scale - d.scale], &at.coef) &&
	    at.coef != INT64_MIN) {
		at.scale = scale;
	} else {
		rc = tally_dec_rescale(d, scale, TALLY_ROUND_TRUNC, &at);
		if (rc != TALLY_DEC_OK)
			return rc;
	}
	/* c ± 5 within ±INT64_MAX, in 64 bits: a c = 10 × coef past int64
	 * has one of them past it as well */
	if (__builtin_mul_overflow(at.coef, (int64_t)10, &c) ||
	    c > INT64_MAX - 5 || c < -INT64_MAX + 5)
		return TALLY_DEC_EOVERFLOW;
	out->lo.coef = c - 5;
	out->hi.coef = c + 5;
	out->lo.scale = out->hi.scale = scale + 1;
	return TALLY_DEC_OK;
}

/*
 * The parts of one sum, as DESIGN section 4 reads them.  Each part is a
 * rounded number, so it stands for its whole rounding interval: totals in
 * real reports are computed from unrounded amounts, and reading the parts
 * as exact values would report "123.45 + 56.78 = 180.24" as an error when
 * it is only rounding.  Writers drop trailing zeros ("30" beside "29.99"),
 * so every part is read at the finest precision among them: 30 is 30.00,
 * [29.995, 30.005], not [29.5, 30.5].
 *
 * With 30 + 30 + 29.99 the parts give [89.975, 90.005] and 89.97 stands
 * for [89.965, 89.975]: they only meet at 89.975, which
 * tally_ival_overlaps does not count (see there), so the relation fails
 * as DESIGN requires, while 19 + 18 + 57.2 = [94.05, 94.35] overlaps
 * "94" = [93.5, 94.5].
 */
int
tally_ival_sum_parts(const struct tally_dec *parts, size_t n,
                     struct tally_ival *out)
{
	struct tally_ival sum, iv;
	int scale = 0, rc;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!valid(parts[i]))
			return TALLY_DEC_EINVAL;
		if (parts[i].scale > scale)
			scale = parts[i].scale;
	}
	sum = tally_ival_exact(tally_dec_from_int(0));
	for (i = 0; i < n; i++) {
		rc = tally_ival_written_at(parts[i], scale, &iv);
		if (rc == TALLY_DEC_OK)
			rc = tally_ival_add(sum, iv, &sum);
		if (rc != TALLY_DEC_OK)
			return rc;
	}
	*out = sum;
	return TALLY_DEC_OK;
}

int
tally_ival_add(struct tally_ival a, struct tally_ival b, struct tally_ival *out)
{
	struct tally_ival r;
	int rc;

	rc = dec_add(a.lo, b.lo, &r.lo);
	if (rc == TALLY_DEC_OK)
		rc = dec_add(a.hi, b.hi, &r.hi);
	if (rc == TALLY_DEC_OK)
		*out = r;
	return rc;
}

int
tally_ival_sub(struct tally_ival a, struct tally_ival b, struct tally_ival *out)
{
	struct tally_ival r;
	int rc;

	/* The smallest difference takes the largest subtrahend. */
	rc = tally_dec_sub(a.lo, b.hi, &r.lo);
	if (rc == TALLY_DEC_OK)
		rc = tally_dec_sub(a.hi, b.lo, &r.hi);
	if (rc == TALLY_DEC_OK)
		*out = r;
	return rc;
}

/* Sets *lo and *hi to the least and greatest of v[0..4). */
static void
min_max4(const struct tally_dec v[4], struct tally_dec *lo,
         struct tally_dec *hi)
{
	int i;

	*lo = *hi = v[0];
	for (i = 1; i < 4; i++) {
		if (cmp(v[i], *lo) < 0)
			*lo = v[i];
		if (cmp(v[i], *hi) > 0)
			*hi = v[i];
	}
}

int
tally_ival_mul(struct tally_ival a, struct tally_ival b, struct tally_ival *out)
{
	struct tally_dec p[4];
	int rc;

	/* An exact factor (a scale like 100 for a percentage): the corner
	 * products repeat in pairs, so two of them are the four. */
	if (b.lo.coef == b.hi.coef && b.lo.scale == b.hi.scale) {
		if ((rc = tally_dec_mul(a.lo, b.lo, &p[0])) != TALLY_DEC_OK ||
		    (rc = tally_dec_mul(a.hi, b.lo, &p[2])) != TALLY_DEC_OK)
			return rc;
		out->lo = out->hi = p[0];
		if (cmp(p[2], p[0]) < 0)
			out->lo = p[2];
		if (cmp(p[2], p[0]) > 0)
			out->hi = p[2];
		return TALLY_DEC_OK;
	}
	/* With signs unknown, the extremes are among the four corner
	 * products (interval arithmetic). */
	if ((rc = tally_dec_mul(a.lo, b.lo, &p[0])) != TALLY_DEC_OK ||
	    (rc = tally_dec_mul(a.lo, b.hi, &p[1])) != TALLY_DEC_OK ||
	    (rc = tally_dec_mul(a.hi, b.lo, &p[2])) != TALLY_DEC_OK ||
	    (rc = tally_dec_mul(a.hi, b.hi, &p[3])) != TALLY_DEC_OK)
		return rc;
	min_max4(p, &out->lo, &out->hi);
	return TALLY_DEC_OK;
}

int
tally_ival_div(struct tally_ival a, struct tally_ival b, int scale,
               struct tally_ival *out)
{
	struct tally_dec lo[4], hi[4], x;
	const struct tally_dec *na[2] = {&a.lo, &a.hi};
	const struct tally_dec *nb[2] = {&b.lo, &b.hi};
	int i, rc;

	if (tally_dec_sign(b.lo) <= 0 && tally_dec_sign(b.hi) >= 0)
		return TALLY_DEC_EDIVZERO;
	/* The usual case, ordered intervals of one sign (amounts): the
	 * least quotient is a.lo / b.hi and the greatest a.hi / b.lo, and
	 * floor and ceiling keep that order, so two divisions give what the
	 * four corners would.  Only an overflow can fail here, and it fails
	 * the greatest quotient whichever corner overflows. */
	if (a.lo.coef >= 0 && b.lo.coef > 0 && valid(a.lo) && valid(a.hi) &&
	    valid(b.lo) && valid(b.hi) && scale >= 0 &&
	    scale <= TALLY_DEC_MAX_SCALE && cmp(a.lo, a.hi) <= 0 &&
	    cmp(b.lo, b.hi) <= 0) {
		struct tally_dec qlo, qhi;

		if ((rc = tally_dec_div(a.hi, b.lo, scale, TALLY_ROUND_CEIL,
		    &qhi)) != TALLY_DEC_OK ||
		    (rc = tally_dec_div(a.lo, b.hi, scale, TALLY_ROUND_FLOOR,
		    &qlo)) != TALLY_DEC_OK)
			return rc;
		out->lo = qlo;
		out->hi = qhi;
		return TALLY_DEC_OK;
	}
	/* Each corner quotient is floored for the low end and ceiled for the
	 * high end, so the result always contains the exact interval. */
	for (i = 0; i < 4; i++) {
		rc = dec_div_floor_ceil(*na[i / 2], *nb[i % 2], scale, &lo[i],
		    &hi[i]);
		if (rc != TALLY_DEC_OK)
			return rc;
	}
	min_max4(lo, &out->lo, &x);
	min_max4(hi, &x, &out->hi);
	return TALLY_DEC_OK;
}

/*
 * Closed intervals that merely meet at one end do not overlap (Allen's
 * interval algebra keeps "meets" apart from "overlaps").  Two rounding
 * intervals meet only where one value was a tie rounded up and the other a
 * tie rounded down, which no single rounding rule does for the operands of
 * one relation: 30 + 30 + 29.99 = [89.975, 90.005] meeting 89.97 =
 * [89.965, 89.975] is an error (DESIGN section 4).  A single exact value on
 * an end still counts: 89.975 computed from counts may be written 89.97 or
 * 89.98, since writers round ties half up or half to even (GB/T 8170).
 */
int
tally_ival_overlaps(struct tally_ival a, struct tally_ival b)
{
	struct tally_dec lo, hi;
	int c;

	if (a.lo.scale == b.lo.scale && a.hi.scale == b.hi.scale &&
	    a.lo.scale == a.hi.scale) {
		/* one scale: the same comparisons on the coefficients */
		int64_t l = a.lo.coef >= b.lo.coef ? a.lo.coef : b.lo.coef;
		int64_t h = a.hi.coef <= b.hi.coef ? a.hi.coef : b.hi.coef;

		if (l != h)
			return l < h;
		return a.lo.coef == a.hi.coef || b.lo.coef == b.hi.coef;
	}
	lo = cmp(a.lo, b.lo) >= 0 ? a.lo : b.lo;
	hi = cmp(a.hi, b.hi) <= 0 ? a.hi : b.hi;
	c = cmp(lo, hi);
	if (c < 0)
		return 1;
	if (c > 0)
		return 0;
	return cmp(a.lo, a.hi) == 0 || cmp(b.lo, b.hi) == 0;
}

int
tally_ival_contains(struct tally_ival iv, struct tally_dec v)
{
	return cmp(iv.lo, v) <= 0 && cmp(v, iv.hi) <= 0;
}
