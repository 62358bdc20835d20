/*
 * numbering.c - the numbering written at the start of a heading or a
 * paragraph: 一、 （一） 1. （1） ⑴ ① a.  Reports number their sections and
 * items by hand, so the outline records which style and which ordinal each
 * one carries and rule S003 checks that they run in sequence.  The reader
 * must be strict: Chinese prose is full of numerals that are not numbering
 * (一是, 一方面, 十分, 1.5万元, 2017年), and a false numbering would make
 * S003 cry wolf.  A separator (、 ． . or a closing parenthesis) is always
 * required.
 */
#include <stdio.h>
#include <string.h>

#include "model.h"

/* UTF-8 of the characters we look for. */
#define U_DUNHAO   "\xE3\x80\x81" /* 、 U+3001 */
#define U_FW_STOP  "\xEF\xBC\x8E" /* ． U+FF0E */
#define U_FW_LPAR  "\xEF\xBC\x88" /* （ U+FF08 */
#define U_FW_RPAR  "\xEF\xBC\x89" /* ） U+FF09 */
#define U_IDSP     "\xE3\x80\x80" /* ideographic space U+3000 */
#define U_NBSP     "\xC2\xA0"     /* no-break space U+00A0 */
#define U_SHI      "\xE5\x8D\x81" /* 十 */
#define U_NIAN     "\xE5\xB9\xB4" /* 年 */

/* Arabic numbering longer than this is a year or an amount ("2023、2024
 * 年"), not an item number. */
#define ARABIC_MAX_DIGITS 3

static const char *const cn_digits[10] = {
	NULL,
	"\xE4\xB8\x80", /* 一 */
	"\xE4\xBA\x8C", /* 二 */
	"\xE4\xB8\x89", /* 三 */
	"\xE5\x9B\x9B", /* 四 */
	"\xE4\xBA\x94", /* 五 */
	"\xE5\x85\xAD", /* 六 */
	"\xE4\xB8\x83", /* 七 */
	"\xE5\x85\xAB", /* 八 */
	"\xE4\xB9\x9D", /* 九 */
};

/* 1 when s[0..n) starts with the NUL-terminated lit. */
static int
has(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);

	return n >= l && memcmp(s, lit, l) == 0;
}

/* Bytes of the space character at s, or 0: ASCII space and tab, U+3000
 * (the ideographic space Chinese documents indent with) and U+00A0. */
static size_t
space_len(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	switch ((unsigned char)s[0]) {
	case ' ':
	case '\t':
		return 1;
	case 0xE3: /* the lead byte of U+3000 */
		return has(s, n, U_IDSP) ? 3 : 0;
	case 0xC2: /* and of U+00A0 */
		return has(s, n, U_NBSP) ? 2 : 0;
	default:
		return 0;
	}
}

static size_t
skip_spaces(const char *s, size_t n, size_t i)
{
	size_t l;

	while (i < n && (l = space_len(s + i, n - i)) > 0)
		i += l;
	return i;
}

/* The Chinese digit 一..九 at s, or 0. */
static int
cn_digit(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	/* 一..九 all start with E4 or E5 (cn_digits). */
	if (n < 3)
		return 0;
	if (u[0] == 0xE4) {
		switch (u[1] << 8 | u[2]) {
		case 0xB880: return 1; /* 一 */
		case 0xBA8C: return 2; /* 二 */
		case 0xB889: return 3; /* 三 */
		case 0xBA94: return 5; /* 五 */
		case 0xB883: return 7; /* 七 */
		case 0xB99D: return 9; /* 九 */
		default: return 0;
		}
	}
	if (u[0] == 0xE5) {
		switch (u[1] << 8 | u[2]) {
		case 0x9B9B: return 4; /* 四 */
		case 0x85AD: return 6; /* 六 */
		case 0x85AB: return 8; /* 八 */
		default: return 0;
		}
	}
	return 0;
}

/* Reads a Chinese numeral 1..99 at s: 三, 十, 十二, 二十, 二十三.  Returns
 * its value and stores its length in *used, or returns 0. */
static int
parse_cn(const char *s, size_t n, size_t *used)
{
	size_t i = 0;
	int tens = 0, units;

	units = cn_digit(s, n);
	if (units)
		i += 3;
	if (has(s + i, n - i, U_SHI)) {
		/* "一十" is unusual but unambiguous; 十 alone is ten. */
		tens = units ? units : 1;
		i += 3;
		units = cn_digit(s + i, n - i);
		if (units)
			i += 3;
	}
	if (i == 0)
		return 0;
	*used = i;
	return tens * 10 + units;
}

/* An ASCII or fullwidth (０-９) digit at s: its value, or -1. */
static int
digit_at(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n >= 1 && u[0] >= '0' && u[0] <= '9') {
		*len = 1;
		return u[0] - '0';
	}
	/* U+FF10..U+FF19 are EF BC 90..99 */
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 &&
	    u[2] <= 0x99) {
		*len = 3;
		return u[2] - 0x90;
	}
	return -1;
}

/* Reads 1..ARABIC_MAX_DIGITS digits at s.  Returns the value (>= 1) and
 * the length in *used, or 0. */
static int
parse_arabic(const char *s, size_t n, size_t *used)
{
	size_t i = 0, l;
	int v = 0, nd = 0, d;

	while ((d = digit_at(s + i, n - i, &l)) >= 0) {
		if (++nd > ARABIC_MAX_DIGITS)
			return 0;
		v = v * 10 + d;
		i += l;
	}
	if (nd == 0 || v == 0)
		return 0;
	*used = i;
	return v;
}

/* The separator after a bare numeral: 、 ． or '.'.  Returns its length
 * and sets *dot when it is a full stop (which a decimal also uses). */
static size_t
separator(const char *s, size_t n, int *dot)
{
	*dot = 0;
	if (has(s, n, U_DUNHAO))
		return 3;
	*dot = 1;
	if (has(s, n, U_FW_STOP))
		return 3;
	if (n >= 1 && s[0] == '.')
		return 1;
	*dot = 0;
	return 0;
}

/* After "N." a digit means a decimal ("1.5万元") — except the numbering of
 * an item that begins with a year, "2.2019年6月20日…", which the reports
 * really write. */
static int
decimal_follows(const char *s, size_t n)
{
	size_t i = 0, l;
	int nd = 0;

	while (digit_at(s + i, n - i, &l) >= 0) {
		nd++;
		i += l;
	}
	if (nd == 0)
		return 0;
	return !(nd == 4 && has(s + i, n - i, U_NIAN));
}

/* The code point at s when it is in [lo, hi] (3-byte UTF-8), else -1. */
static int32_t
cp_in(const char *s, size_t n, int32_t lo, int32_t hi)
{
	int32_t cp;
	int l = tally_utf8_decode(s, n, &cp);

	if (l != 3 || cp < lo || cp > hi)
		return -1;
	return cp;
}

static size_t
finish(struct tally_numbering *out, enum tally_numstyle style, int value,
    const char *s, size_t n, size_t i)
{
	i = skip_spaces(s, n, i);
	out->style = style;
	out->value = value;
	out->len = i;
	return i;
}

/* "（一）", "(1)", mixed "（一)"; an optional 、 after the closing
 * parenthesis ("（一）、") belongs to the numbering too. */
static size_t
parse_paren(const char *s, size_t n, size_t i, struct tally_numbering *out)
{
	enum tally_numstyle style;
	size_t used = 0;
	int v;

	if (has(s + i, n - i, U_FW_LPAR))
		i += 3;
	else if (i < n && s[i] == '(')
		i++;
	else
		return 0;
	i = skip_spaces(s, n, i);
	if ((v = parse_cn(s + i, n - i, &used)) > 0)
		style = TALLY_NUM_CN_PAREN;
	else if ((v = parse_arabic(s + i, n - i, &used)) > 0)
		style = TALLY_NUM_ARABIC_PAREN;
	else
		return 0;
	i = skip_spaces(s, n, i + used);
	if (has(s + i, n - i, U_FW_RPAR))
		i += 3;
	else if (i < n && s[i] == ')')
		i++;
	else
		return 0;
	if (has(s + skip_spaces(s, n, i), n - skip_spaces(s, n, i), U_DUNHAO))
		i = skip_spaces(s, n, i) + 3;
	return finish(out, style, v, s, n, i);
}

/* ⑴..⒇ and ①..⑳ (and ㉑..㊿), with an optional 、 after them. */
static size_t
parse_enclosed(const char *s, size_t n, size_t i, struct tally_numbering *out)
{
	enum tally_numstyle style;
	int32_t cp;
	int v;

	/* Every range below is encoded with the lead byte E2 or E3. */
	if (i >= n || (s[i] != '\xE2' && s[i] != '\xE3'))
		return 0;
	if ((cp = cp_in(s + i, n - i, 0x2474, 0x2487)) >= 0) {
		style = TALLY_NUM_PAREN_DIGIT;
		v = cp - 0x2473;
	} else if ((cp = cp_in(s + i, n - i, 0x2460, 0x2473)) >= 0) {
		style = TALLY_NUM_CIRCLED;
		v = cp - 0x245F;
	} else if ((cp = cp_in(s + i, n - i, 0x3251, 0x325F)) >= 0) {
		style = TALLY_NUM_CIRCLED;
		v = cp - 0x3251 + 21;
	} else if ((cp = cp_in(s + i, n - i, 0x32B1, 0x32BF)) >= 0) {
		style = TALLY_NUM_CIRCLED;
		v = cp - 0x32B1 + 36;
	} else {
		return 0;
	}
	i += 3;
	if (has(s + skip_spaces(s, n, i), n - skip_spaces(s, n, i), U_DUNHAO))
		i = skip_spaces(s, n, i) + 3;
	return finish(out, style, v, s, n, i);
}

/* 0 when no numbering can start at s: most paragraphs and sentences
 * start with a character none of the readers below takes, and are sent
 * away after a look at one or two bytes. */
static int
may_start(const char *s, size_t n)
{
	unsigned char c;

	if (n == 0)
		return 0;
	c = (unsigned char)s[0];
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '(')
		return 1;
	switch (c) {
	case 0xEF: /* （ and the fullwidth digits */
	case 0xE2: /* ⑴ ① */
	case 0xE3: /* ㉑ ㊱ */
		return 1;
	case 0xE4:
	case 0xE5: /* 一..九 十 */
		return cn_digit(s, n) > 0 || has(s, n, U_SHI);
	default:
		return 0;
	}
}

size_t
tally_numbering_parse(const char *s, size_t n, struct tally_numbering *out)
{
	size_t i, used = 0, sl, r;
	int v, dot;

	out->style = TALLY_NUM_NONE;
	out->value = 0;
	out->len = 0;
	if (s == NULL || n == 0)
		return 0;
	/* Paragraphs are often indented with ideographic spaces, which
	 * Markdown keeps; the numbering after them is still numbering. */
	i = skip_spaces(s, n, 0);
	if (!may_start(s + i, n - i))
		return 0;

	if ((r = parse_paren(s, n, i, out)) > 0)
		return r;
	if ((r = parse_enclosed(s, n, i, out)) > 0)
		return r;

	if ((v = parse_cn(s + i, n - i, &used)) > 0) {
		size_t j = skip_spaces(s, n, i + used);

		if ((sl = separator(s + j, n - j, &dot)) > 0)
			return finish(out, TALLY_NUM_CN, v, s, n, j + sl);
		return 0;
	}

	if ((v = parse_arabic(s + i, n - i, &used)) > 0) {
		size_t j = skip_spaces(s, n, i + used);

		sl = separator(s + j, n - j, &dot);
		if (sl == 0)
			return 0;
		/* "1 .5" is as much a decimal as "1.5". */
		if (dot && decimal_follows(s + j + sl, n - j - sl))
			return 0;
		return finish(out, TALLY_NUM_ARABIC, v, s, n, j + sl);
	}

	if (i < n && ((s[i] >= 'a' && s[i] <= 'z') ||
	    (s[i] >= 'A' && s[i] <= 'Z'))) {
		size_t j = i + 1;
		unsigned char c;

		sl = separator(s + j, n - j, &dot);
		if (sl == 0)
			return 0;
		/* "e.g." and "a.b" are words, not items (an ASCII full stop
		 * only: "d．x" is Chinese typesetting). */
		c = j + sl < n ? (unsigned char)s[j + sl] : 0;
		if (dot && sl == 1 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9')))
			return 0;
		v = (s[i] | 0x20) - 'a' + 1;
		return finish(out, TALLY_NUM_LATIN, v, s, n, j + sl);
	}
	return 0;
}

/* Writes the Chinese numeral for 1..99 into buf (at least 10 bytes). */
static void
format_cn(int v, char *buf)
{
	int tens = v / 10, units = v % 10;

	buf[0] = '\0';
	if (tens > 1)
		strcat(buf, cn_digits[tens]);
	if (tens > 0)
		strcat(buf, U_SHI);
	if (units > 0)
		strcat(buf, cn_digits[units]);
}

char *
tally_numbering_format(enum tally_numstyle style, int value, char *buf,
    size_t n)
{
	struct tally_buf b = TALLY_BUF_INIT;
	char cn[16];

	if (buf == NULL || n == 0)
		return buf;
	switch (style) {
	case TALLY_NUM_NONE:
		break;
	case TALLY_NUM_CN:
		if (value >= 1 && value <= 99) {
			format_cn(value, cn);
			tally_buf_printf(&b, "%s" U_DUNHAO, cn);
		} else {
			tally_buf_printf(&b, "%d" U_DUNHAO, value);
		}
		break;
	case TALLY_NUM_CN_PAREN:
		if (value >= 1 && value <= 99) {
			format_cn(value, cn);
			tally_buf_printf(&b, U_FW_LPAR "%s" U_FW_RPAR, cn);
		} else {
			tally_buf_printf(&b, U_FW_LPAR "%d" U_FW_RPAR, value);
		}
		break;
	case TALLY_NUM_ARABIC:
		tally_buf_printf(&b, "%d.", value);
		break;
	case TALLY_NUM_ARABIC_PAREN:
		tally_buf_printf(&b, U_FW_LPAR "%d" U_FW_RPAR, value);
		break;
	case TALLY_NUM_PAREN_DIGIT:
		if (value >= 1 && value <= 20)
			tally_utf8_put(&b, 0x2473 + value);
		else
			tally_buf_printf(&b, "(%d)", value);
		break;
	case TALLY_NUM_CIRCLED:
		if (value >= 1 && value <= 20)
			tally_utf8_put(&b, 0x245F + value);
		else if (value >= 21 && value <= 35)
			tally_utf8_put(&b, 0x3251 + value - 21);
		else if (value >= 36 && value <= 50)
			tally_utf8_put(&b, 0x32B1 + value - 36);
		else
			tally_buf_printf(&b, "(%d)", value);
		break;
	case TALLY_NUM_LATIN:
		if (value >= 1 && value <= 26)
			tally_buf_printf(&b, "%c.", 'a' + value - 1);
		else
			tally_buf_printf(&b, "%d.", value);
		break;
	}
	/* Truncate only at a code point boundary, so a short buffer never
	 * holds half a character. */
	{
		const char *t = tally_buf_cstr(&b);
		size_t l = b.len;

		if (l >= n) {
			l = n - 1;
			while (l > 0 && ((unsigned char)t[l] & 0xC0) == 0x80)
				l--;
		}
		memcpy(buf, t, l);
		buf[l] = '\0';
	}
	tally_buf_free(&b);
	return buf;
}

const char *
tally_numstyle_name(enum tally_numstyle style)
{
	switch (style) {
	case TALLY_NUM_NONE:
		return "none";
	case TALLY_NUM_CN:
		return "cn";
	case TALLY_NUM_CN_PAREN:
		return "cn-paren";
	case TALLY_NUM_ARABIC:
		return "arabic";
	case TALLY_NUM_ARABIC_PAREN:
		return "arabic-paren";
	case TALLY_NUM_PAREN_DIGIT:
		return "paren-digit";
	case TALLY_NUM_CIRCLED:
		return "circled";
	case TALLY_NUM_LATIN:
		return "latin";
	}
	return "none";
}
