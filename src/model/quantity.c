/*
 * quantity.c - reads a front-matter scalar such as "≥90%", "不低于 95 ％",
 * "1,234.5万元" or "120人次" as a quantity: a comparison, an exact decimal
 * and a unit.  Indicator targets and figures are written by hand, so the
 * reader accepts the operators, fullwidth forms and units people use, but
 * refuses what only looks like a number ("121.93%%", "69.49%万元",
 * "12.3.4"): those must stay unread so the N001 rule can report them
 * rather than a rule computing with half of what was written.
 */
#include <string.h>

#include "model.h"

/* Canonical operators: one static string per meaning, whatever was
 * written, so rules compare a handful of spellings. */
static const char OP_GE[] = "≥";
static const char OP_LE[] = "≤";
static const char OP_GT[] = ">";
static const char OP_LT[] = "<";
static const char OP_EQ[] = "=";
static const char OP_APPROX[] = "≈";

struct spelling {
	const char *text;
	const char *op;
	size_t len; /* of text, filled by SP */
};

#define SP(t, o) {t, o, sizeof(t) - 1}

/* Longer spellings first: "不低于" before "低于", ">=" before ">".
 * 以上/以下 include the number itself in Chinese usage (as in law), hence
 * ≥ and ≤; 达到 ("reaches") is the usual way to write a floor. */
static const struct spelling prefixes[] = {
    SP("大于等于", OP_GE),   SP("小于等于", OP_LE), SP("大于或等于", OP_GE),
    SP("小于或等于", OP_LE), SP("不低于", OP_GE),   SP("不少于", OP_GE),
    SP("不小于", OP_GE),     SP("不高于", OP_LE),   SP("不超过", OP_LE),
    SP("不多于", OP_LE),     SP("不大于", OP_LE),   SP("大于", OP_GT),
    SP("高于", OP_GT),       SP("超过", OP_GT),     SP("多于", OP_GT),
    SP("小于", OP_LT),       SP("低于", OP_LT),     SP("少于", OP_LT),
    SP("达到", OP_GE),       SP("约", OP_APPROX),   SP(">=", OP_GE),
    SP("<=", OP_LE),         SP("≥", OP_GE),        SP("≧", OP_GE),
    SP("≤", OP_LE),          SP("≦", OP_LE),        SP("＞", OP_GT),
    SP(">", OP_GT),          SP("＜", OP_LT),       SP("<", OP_LT),
    SP("＝", OP_EQ),         SP("=", OP_EQ),        SP("≈", OP_APPROX),
};

static const struct spelling suffixes[] = {
    SP("及以上", OP_GE), SP("及以下", OP_LE), SP("以上", OP_GE),
    SP("以下", OP_LE),   SP("以内", OP_LE),   SP("左右", OP_APPROX),
};

struct unit_name {
	const char *text;
	enum tally_qunit unit;
	size_t len; /* of text, filled by UN */
};

#define UN(t, u) {t, u, sizeof(t) - 1}

static const struct unit_name units[] = {
    UN("%", TALLY_Q_PERCENT), UN("％", TALLY_Q_PERCENT),
    UN("‰", TALLY_Q_PERMILLE), UN("元", TALLY_Q_YUAN),
    UN("万元", TALLY_Q_WANYUAN), UN("亿元", TALLY_Q_YIYUAN),
};

/* Characters that cannot be part of a unit's name: digits, signs, points
 * and separators, percent signs, comparisons and sentence punctuation.
 * One of them after the number means the text is a malformed number or a
 * phrase, not a quantity. */
static const char *const not_in_unit[] = {
    "%",  "％", "‰",  ".",  "．", ",", "，", "。", "；", ";",  "：", ":",
    "、", "！", "!",  "？", "?",  "+", "-",  "−",  "＋", "－", "=",  "＝",
    "<",  ">",  "＜", "＞", "≥",  "≤", "≧",  "≦",  "≈",  " ",  "\t", "　",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int
has_prefix(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return k <= n && memcmp(s, p, k) == 0;
}

static int
has_suffix(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return k <= n && memcmp(s + n - k, p, k) == 0;
}

/* Bytes of the space at s (ASCII space, tab or U+3000), 0 when none. */
static size_t
space_at(const char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	if (has_prefix(s, n, "　"))
		return 3;
	return 0;
}

static size_t
space_before(const char *s, size_t n)
{
	if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		return 1;
	if (has_suffix(s, n, "　"))
		return 3;
	return 0;
}

/* Drops spaces on both ends of s[0..*n). */
static const char *
trim(const char *s, size_t *n)
{
	size_t k;

	while ((k = space_at(s, *n)) > 0) {
		s += k;
		*n -= k;
	}
	while ((k = space_before(s, *n)) > 0)
		*n -= k;
	return s;
}

static int
digit_in(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
		/* Fullwidth ０-９: EF BC 90..99. */
		if (i + 3 <= n && (unsigned char)s[i] == 0xEF &&
		    (unsigned char)s[i + 1] == 0xBC &&
		    (unsigned char)s[i + 2] >= 0x90 &&
		    (unsigned char)s[i + 2] <= 0x99)
			return 1;
	}
	return 0;
}

static int
valid_unit_name(const char *s, size_t n)
{
	size_t i, k;

	if (digit_in(s, n))
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		/* Every multibyte entry leads with E2, E3 or EF: the
		 * letters of a unit's name are passed over at a glance. */
		if (c >= 0x80 && c != 0xE2 && c != 0xE3 && c != 0xEF)
			continue;
		for (k = 0; k < NELEM(not_in_unit); k++)
			if ((unsigned char)not_in_unit[k][0] == c &&
			    has_prefix(s + i, n - i, not_in_unit[k]))
				return 0;
	}
	return 1;
}

int
tally_quantity_parse(struct tally_arena *arena, const char *text,
                     struct tally_quantity *out)
{
	struct tally_quantity q;
	const char *s, *u;
	size_t n, un, used, i, k;

	if (text == NULL)
		return -1;
	n = strlen(text);
	s = trim(text, &n);

	q.op = NULL;
	/* No spelling starts with a digit, and most values do. */
	for (i = 0; n > 0 && (s[0] < '0' || s[0] > '9') &&
	    i < NELEM(prefixes); i++) {
		k = prefixes[i].len;
		if (prefixes[i].text[0] == s[0] && k <= n &&
		    memcmp(s, prefixes[i].text, k) == 0) {
			q.op = prefixes[i].op;
			s += k;
			n -= k;
			s = trim(s, &n);
			break;
		}
	}

	if (tally_dec_parse(s, n, &q.value, &used) != TALLY_DEC_OK)
		return -1;
	u = s + used;
	un = n - used;

	/* "90%以上": a trailing bound word is the operator written after.
	 * Written on both sides it must agree ("不低于90%以上" is merely
	 * redundant; "≤90%以上" contradicts itself). */
	for (i = 0; i < NELEM(suffixes); i++) {
		k = suffixes[i].len;
		/* the last byte first: most values end in a digit or a unit */
		if (k <= un && u[un - 1] == suffixes[i].text[k - 1] &&
		    memcmp(u + un - k, suffixes[i].text, k) == 0) {
			if (q.op != NULL && q.op != suffixes[i].op)
				return -1;
			q.op = suffixes[i].op;
			un -= k;
			break;
		}
	}
	u = trim(u, &un);

	q.unit = TALLY_Q_PLAIN;
	q.unit_text = "";
	if (un == 0) {
		*out = q;
		return 0;
	}
	for (i = 0; i < NELEM(units); i++) {
		if (un == units[i].len && memcmp(u, units[i].text, un) == 0) {
			q.unit = units[i].unit;
			break;
		}
	}
	if (q.unit == TALLY_Q_PLAIN) {
		/* Nothing may follow a percent sign ("121.93%%", "69.49%万元"),
		 * and the rest ("12.3.4") must look like a unit's name. */
		if (!valid_unit_name(u, un))
			return -1;
		q.unit = TALLY_Q_OTHER;
	}
	q.unit_text = tally_arena_strndup(arena, u, un);
	*out = q;
	return 0;
}
