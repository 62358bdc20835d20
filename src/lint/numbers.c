/*
 * numbers.c - the N family: numbers and units that are malformed as
 * written (N001), wherever they stand: in paragraphs and list items, in
 * table cells and in front-matter scalars that hold a number.
 *
 * A malformed number cannot be read reliably, so the model's readers
 * (tally_quantity_parse, the table and prose rules) leave it unread; this
 * rule is where it is reported instead.  It reports what is certainly
 * wrong and nothing that merely looks unusual:
 *
 *   121.93%%     a doubled percent sign
 *   69.49%万元   a percentage followed by a money unit (and 12万元%)
 *   12.3.4       several decimal points, but not dates (2019.12.31),
 *                section numbers at the start of a paragraph or cell
 *                (1.2.3 项目概况), references (第3.2.1条), versions
 *                (V1.2.3) or addresses (192.168.1.1)
 *   1,23,456.78  thousands separators in the wrong place, only when a
 *                decimal part and two separators make it unambiguous:
 *                with ASCII commas used as sentence commas, "12,34" may
 *                be a list of two numbers
 *   执行率%      a percent sign after a word, where a number was dropped
 *                (not in a table's header row, where 占比% names a unit,
 *                nor after 、：（ as in "单位：万元、%")
 *
 * Percent ranges (90%-100%), ±5%, document numbers (〔2018〕56号), phone
 * numbers, times (8:30) and "0 %" are not malformed.  Headings are not
 * scanned (they carry section numbers, not figures), nor are code and
 * HTML blocks (suppression comments live there).
 *
 * Each text is scanned once, left to right, with no allocation; positions
 * are computed only for a finding.
 */
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
/* x86-64 machines with AVX2 (checked once, at start) look for the signs
 * of a loud text 32 bytes at a time; the result is the SSE2 code's, which
 * -DTALLY_NO_AVX2 keeps alone (to test it). */
#if defined(__GNUC__) && defined(__x86_64__) && defined(__SSE2__) && \
    !defined(TALLY_NO_AVX2)
#include <immintrin.h>
#define RUN_AVX2 1
#endif

#include "internal.h"

#ifdef RUN_AVX2
static int use_avx2;

__attribute__((constructor)) static void
numbers_init(void)
{
	__builtin_cpu_init();
	use_avx2 = __builtin_cpu_supports("avx2");
}
#endif

enum problem {
	BAD_NONE = 0,
	BAD_DOUBLE_PERCENT,
	BAD_PERCENT_MONEY,
	BAD_MONEY_PERCENT,
	BAD_DOTS,
	BAD_GROUPING,
	BAD_LONE_PERCENT,
};

/* Where a text came from, for positions and for what it allows. */
struct source {
	const struct tally_report *r;
	struct tally_diags *d;
	const struct tally_block *block; /* NULL for a front-matter scalar */
	const struct tally_fact *fact;
	int table;     /* cells separated by '\t', rows by '\n' */
	int numbering; /* a number at the start may be a section number */
};

/* --- characters ----------------------------------------------------------- */

/* 1 when s[i] starts a fullwidth digit ０-９ (EF BC 90-99). */
static inline int
fw_digit(const char *s, size_t n, size_t i)
{
	return i + 3 <= n && (unsigned char)s[i] == 0xEF &&
	    (unsigned char)s[i + 1] == 0xBC &&
	    (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99;
}

/* Bytes of a digit at s[i] (ASCII or fullwidth ０-９), 0 when none. */
static inline size_t
digit_len(const char *s, size_t n, size_t i)
{
	if (i < n && (unsigned char)(s[i] - '0') <= 9)
		return 1;
	return fw_digit(s, n, i) ? 3 : 0;
}

static int
at(const char *s, size_t n, size_t i, const char *lit)
{
	size_t k = strlen(lit);

	return i <= n && n - i >= k && memcmp(s + i, lit, k) == 0;
}

/* Bytes of a decimal point (. or ．, EF BC 8E) at s[i], 0 when none. */
static inline size_t
point_len(const char *s, size_t n, size_t i)
{
	if (i >= n)
		return 0;
	if (s[i] == '.')
		return 1;
	return i + 3 <= n && (unsigned char)s[i] == 0xEF &&
	    (unsigned char)s[i + 1] == 0xBC && (unsigned char)s[i + 2] == 0x8E
	    ? 3 : 0;
}

/* Bytes of a percent sign (% or ％, EF BC 85) at s[i], 0 when none. */
static inline size_t
percent_len(const char *s, size_t n, size_t i)
{
	if (i >= n)
		return 0;
	if (s[i] == '%')
		return 1;
	return i + 3 <= n && (unsigned char)s[i] == 0xEF &&
	    (unsigned char)s[i + 1] == 0xBC && (unsigned char)s[i + 2] == 0x85
	    ? 3 : 0;
}

/* Bytes of ASCII spaces at s[i]. */
static size_t
spaces_len(const char *s, size_t n, size_t i)
{
	size_t k = i;

	while (k < n && s[k] == ' ')
		k++;
	return k - i;
}

/* Bytes of a money unit at s[i], 0 when none.  元 alone is a unit only
 * when it does not start a word: 5%元旦 is a percentage and a holiday. */
static size_t
money_len(const char *s, size_t n, size_t i)
{
	static const char *const not_unit[] = {
		"元旦", "元月", "元素", "元件", "元宵", "元器件",
	};
	size_t k;
	unsigned char c = i < n ? (unsigned char)s[i] : 0;

	/* 万 亿 lead with E4, 千 元 with E5: most text is sent away here */
	if (c != 0xE4 && c != 0xE5)
		return 0;
	if (at(s, n, i, "万元") || at(s, n, i, "亿元") || at(s, n, i, "千元"))
		return strlen("万元");
	if (!at(s, n, i, "元"))
		return 0;
	for (k = 0; k < sizeof(not_unit) / sizeof(not_unit[0]); k++)
		if (at(s, n, i, not_unit[k]))
			return 0;
	return strlen("元");
}

/* The code point that ends just before s[i], or -1 at the start; its
 * first byte in *start. */
static int32_t
prev_cp(const char *s, size_t i, size_t *start)
{
	size_t k = i;
	int32_t cp;

	if (i == 0) {
		*start = 0;
		return -1;
	}
	k--;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80 && i - k < 4)
		k--;
	tally_utf8_decode(s + k, i - k, &cp);
	*start = k;
	return cp;
}

static int
is_ideograph(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

static int
is_ascii_alpha(int32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || cp == '_';
}

/* --- numbers ---------------------------------------------------------------- */

#define MAX_GROUPS 8

/* The shape of a run of digit groups: "12.3.4", "1,234.5". */
struct token {
	size_t start, end;
	size_t ngroups;
	long value[MAX_GROUPS]; /* capped: only small groups matter */
	size_t len[MAX_GROUPS]; /* digits in each group */
	char sep[MAX_GROUPS];   /* separator before group i: '.' or ',' */
	int ndots, ncommas;
	int double_dot;          /* "12..5" */
};

/* Reads digit groups joined by single points or commas from s[i].  A
 * separator belongs to the number only with a digit after it ("共3." ends
 * a sentence); a comma after a point separates list items ("1.5,2.5"). */
static void
read_token(const char *s, size_t n, size_t i, struct token *t)
{
	size_t p;

	t->start = i;
	t->ngroups = 0;
	t->ndots = t->ncommas = t->double_dot = 0;
	t->sep[0] = 0;
	for (;;) {
		size_t g = t->ngroups < MAX_GROUPS ? t->ngroups : MAX_GROUPS - 1;
		long v = 0;
		size_t nd = 0;

		for (;;) {
			unsigned d;

			if (i < n && (d = (unsigned char)s[i] - '0') <= 9) {
				i++;
			} else if (fw_digit(s, n, i)) {
				d = (unsigned char)s[i + 2] - 0x90;
				i += 3;
			} else {
				break;
			}
			if (v < 100000000L)
				v = v * 10 + (long)d;
			nd++;
		}
		t->value[g] = v;
		t->len[g] = nd;
		t->ngroups++;
		p = point_len(s, n, i);
		if (p > 0 && digit_len(s, n, i + p)) {
			t->ndots++;
			if (t->ngroups < MAX_GROUPS)
				t->sep[t->ngroups] = '.';
			i += p;
			continue;
		}
		if (p > 0 && point_len(s, n, i + p) > 0 &&
		    digit_len(s, n, i + p + point_len(s, n, i + p))) {
			/* "12..5": two points where one was meant; three
			 * are an ellipsis and end the number. */
			t->double_dot = 1;
			t->ndots += 2;
			i += p + point_len(s, n, i + p);
			if (t->ngroups < MAX_GROUPS)
				t->sep[t->ngroups] = '.';
			continue;
		}
		if (i < n && s[i] == ',' && t->ndots == 0 &&
		    digit_len(s, n, i + 1)) {
			t->ncommas++;
			if (t->ngroups < MAX_GROUPS)
				t->sep[t->ngroups] = ',';
			i++;
			continue;
		}
		break;
	}
	t->end = i;
}

/* The end of the token read_token would read from s[i], when it has at
 * most one point and at most one comma (then only its end matters: the
 * shapes that need its groups have two); 0 when it has more. */
static size_t
simple_token_end(const char *s, size_t n, size_t i)
{
	size_t p;
	int dots = 0, commas = 0;

	for (;;) {
		for (;;) {
			if (i < n && (unsigned char)(s[i] - '0') <= 9)
				i++;
			else if (fw_digit(s, n, i))
				i += 3;
			else
				break;
		}
		p = point_len(s, n, i);
		if (p > 0 && digit_len(s, n, i + p)) {
			if (++dots >= 2)
				return 0;
			i += p;
			continue;
		}
		if (p > 0 && point_len(s, n, i + p) > 0 &&
		    digit_len(s, n, i + p + point_len(s, n, i + p)))
			return 0; /* "12..5" counts two points */
		if (i < n && s[i] == ',' && dots == 0 &&
		    digit_len(s, n, i + 1)) {
			if (++commas >= 2)
				return 0;
			i++;
			continue;
		}
		return i;
	}
}

static int
plausible_ymd(long y, size_t ylen, long m, long d)
{
	return ylen == 4 && y >= 1900 && y <= 2100 && m >= 1 && m <= 12 &&
	    d >= 1 && d <= 31;
}

/* 2019.12.31, 2023.1.5, and 12.31.2019 / 31.12.2019. */
static int
is_date(const struct token *t)
{
	if (t->ngroups != 3 || t->ncommas > 0 || t->double_dot)
		return 0;
	if (plausible_ymd(t->value[0], t->len[0], t->value[1], t->value[2]))
		return 1;
	return t->len[2] == 4 && t->value[2] >= 1900 && t->value[2] <= 2100 &&
	    t->len[0] <= 2 && t->len[1] <= 2 &&
	    ((t->value[0] >= 1 && t->value[0] <= 12 && t->value[1] >= 1 &&
	    t->value[1] <= 31) || (t->value[1] >= 1 && t->value[1] <= 12 &&
	    t->value[0] >= 1 && t->value[0] <= 31));
}

static int
is_address(const struct token *t)
{
	size_t g;

	if (t->ngroups != 4 || t->ncommas > 0 || t->double_dot)
		return 0;
	for (g = 0; g < 4; g++)
		if (t->len[g] == 0 || t->len[g] > 3 || t->value[g] > 255)
			return 0;
	return 1;
}

/* Words after a dotted number that make it a reference: 第3.2.1条,
 * 3.2.1节, V1.2版. */
static int
reference_after(const char *s, size_t n, size_t i)
{
	static const char *const words[] = {
		"条", "款", "项", "节", "章", "版", "部分",
	};
	size_t k;

	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (at(s, n, i, words[k]))
			return 1;
	return 0;
}

/* 1,23,456.78 or 12,3456,789.00: two separators, a decimal part, and
 * groups that are not all three digits. */
static int
misgrouped(const struct token *t)
{
	size_t g;
	int bad = 0;

	if (t->ncommas < 2 || t->ndots != 1 || t->double_dot ||
	    t->ngroups > MAX_GROUPS || t->sep[t->ngroups - 1] != '.')
		return 0;
	if (t->len[0] < 1 || t->len[0] > 3)
		return 0;
	for (g = 1; g + 1 < t->ngroups; g++) {
		if (t->len[g] < 2 || t->len[g] > 4)
			return 0; /* "1,2,3.5" reads as a list */
		if (t->len[g] != 3)
			bad = 1;
	}
	return bad;
}

/* --- reporting ---------------------------------------------------------------- */

/* Reports s[from..to) as malformed. */
static void
report(const struct source *src, const char *s, size_t from, size_t to,
    enum problem what)
{
	static const char *const zh[] = {
		"",
		"“%s”：百分号重复",
		"“%s”：百分数后不应再有金额单位",
		"“%s”：金额单位后不应再有百分号",
		"“%s”：数字中有多个小数点",
		"“%s”：千位分隔符的位置不对",
		"“%s”：百分号前没有数字",
	};
	static const char *const en[] = {
		"",
		"\"%s\": doubled percent sign",
		"\"%s\": a percentage takes no money unit",
		"\"%s\": a money amount takes no percent sign",
		"\"%s\": a number with several decimal points",
		"\"%s\": misplaced thousands separator",
		"\"%s\": a percent sign with no number before it",
	};
	struct tally_pos pos;
	char quote[96];
	size_t len = to - from;

	if (len >= sizeof(quote))
		len = sizeof(quote) - 1;
	while (len > 0 && len < to - from &&
	    ((unsigned char)s[from + len] & 0xC0) == 0x80)
		len--; /* never cut a character in two */
	memcpy(quote, s + from, len);
	quote[len] = '\0';

	if (src->block != NULL) {
		pos = tally_block_pos(src->block, from);
	} else {
		const struct tally_fact *f = src->fact;
		pos = f->pos;
		/* Inside a one-line scalar the column is exact; escapes or
		 * folded lines would shift it, so those keep the value's. */
		if (memchr(f->text, '\n', from) == NULL &&
		    (!f->quoted || (memchr(f->text, '\\', from) == NULL &&
		    memchr(f->text, '\'', from) == NULL)))
			pos.col += (uint32_t)(f->quoted +
			    tally_utf8_count(f->text, from));
	}
	tally_diag_add(src->d, "N001", src->r->path, pos.line, pos.col,
	    zh[what], en[what], quote);
}

/* After a number ending at s[i]: a doubled percent sign, a percent sign
 * and a money unit, or a money unit and a percent sign.  Returns the
 * problem and the end of the text to quote in *end. */
static enum problem
suffix_problem(const char *s, size_t n, size_t i, size_t *end)
{
	size_t k = i + spaces_len(s, n, i), p, q, m;
	unsigned char c = k < n ? (unsigned char)s[k] : 0;

	/* Only % and the leads of ％ 万 亿 千 元 can follow wrongly. */
	if (c != '%' && c != 0xEF && c != 0xE4 && c != 0xE5)
		return BAD_NONE;
	if ((p = percent_len(s, n, k)) > 0) {
		q = k + p;
		if (percent_len(s, n, q) > 0) {
			while ((p = percent_len(s, n, q)) > 0)
				q += p;
			*end = q;
			return BAD_DOUBLE_PERCENT;
		}
		q += spaces_len(s, n, q);
		if ((m = money_len(s, n, q)) > 0) {
			*end = q + m;
			return BAD_PERCENT_MONEY;
		}
		return BAD_NONE;
	}
	if ((m = money_len(s, n, k)) > 0) {
		q = k + m;
		q += spaces_len(s, n, q);
		if ((p = percent_len(s, n, q)) > 0) {
			*end = q + p;
			return BAD_MONEY_PERCENT;
		}
	}
	return BAD_NONE;
}

/* A percent sign at s[i] not after a number.  Returns the start of the
 * text to quote (the word before it), or (size_t)-1 when it is fine. */
static size_t
lone_percent(const char *s, size_t i, int header)
{
	size_t start, k, from;
	int32_t cp;
	int words = 0;

	cp = prev_cp(s, i, &start);
	if (header || !(is_ideograph(cp) || cp == 0x3002 /* 。 */))
		return (size_t)-1;
	/* Quote the sign with up to three characters before it. */
	from = start;
	while (words < 2 && from > 0) {
		cp = prev_cp(s, from, &k);
		if (!is_ideograph(cp))
			break;
		from = k;
		words++;
	}
	return from;
}

/* The bytes that need a look: digits, percent signs, and 0xEF, the lead
 * byte of ０-９ ％ and of the fullwidth punctuation （，：） that is
 * stepped over whole.  A table's cell and row separators do not: where a
 * number stands in its table is worked out when it matters (cell_of). */
static const unsigned char wakes[256] = {
	['%'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
	['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	[0xEF] = 1,
};

/* Whether the 0xEF at s[i] needs a look: a fullwidth digit or percent
 * sign does; other fullwidth forms are stepped over whole (three bytes),
 * which is the same as not waking for them unless one of the two bytes
 * stepped over would wake the scanner (not in valid UTF-8, but the scan
 * does not rely on it). */
static inline int
ef_wakes(const char *s, size_t n, size_t i)
{
	unsigned char b1, b2;

	if (i + 3 > n)
		return 1;
	b1 = (unsigned char)s[i + 1];
	b2 = (unsigned char)s[i + 2];
	if (b1 == 0xBC && ((b2 >= 0x90 && b2 <= 0x99) || b2 == 0x85))
		return 1;
	return wakes[b1] | wakes[b2];
}

/* Whether s[i] needs a look (see wakes and ef_wakes). */
static inline int
wakes_at(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	return wakes[c] && (c != 0xEF || ef_wakes(s, n, i));
}

/* Where the scan stands in its text: the candidates among the sixteen
 * bytes from base, found together, so that a text is loaded once however
 * many numbers it holds. */
struct waker {
	size_t base;
	unsigned mask; /* bit k: s[base + k] may need a look */
};

#define WAKER_INIT {(size_t)0 - 16, 0}

#ifdef __SSE2__
/* The candidates among p[0..16): every byte up to '9' (digits, '%', tab
 * and newline, and the ASCII punctuation and spaces that Chinese text
 * seldom has) and 0xEF; wakes_at decides. */
static inline unsigned
block_mask(const char *p, __m128i nine, __m128i ef)
{
	const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(
	    _mm_cmpeq_epi8(_mm_min_epu8(x, nine), x), _mm_cmpeq_epi8(x, ef)));
}
#endif

/* The next byte from i on that needs a look (n when none); i never goes
 * back.  Spaces and everything else are stepped over: whether a number
 * stands at the start of a text or cell is worked out when one is found
 * (blank_before). */
static inline size_t
next_wake(struct waker *w, const char *s, size_t i, size_t n)
{
#ifdef __SSE2__
	if (n >= 16) {
		const __m128i nine = _mm_set1_epi8('9');
		const __m128i ef = _mm_set1_epi8((char)0xEF);
		unsigned m;

		for (;;) {
			if (i - w->base < 16) {
				for (m = w->mask >> (i - w->base); m != 0;
				    m &= m - 1) {
					size_t k = i + (size_t)__builtin_ctz(m);

					if (wakes_at(s, n, k))
						return k;
				}
				i = w->base + 16;
			}
			while (i + 16 <= n &&
			    (m = block_mask(s + i, nine, ef)) == 0)
				i += 16;
			if (i >= n)
				return n;
			/* the last sixteen bytes overlap those seen: the
			 * shift above leaves the seen ones out */
			if (i + 16 > n) {
				w->base = n - 16;
				m = block_mask(s + w->base, nine, ef);
			} else {
				w->base = i;
			}
			w->mask = m;
		}
	}
#endif
	(void)w;
	for (; i < n; i++)
		if (wakes_at(s, n, i))
			return i;
	return n;
}

/* 1 when s[from..to) holds only what leaves a number "at the start":
 * spaces, and in a text that is not a table, line breaks and tabs. */
static int
blank_before(const char *s, size_t from, size_t to, int table)
{
	for (; from < to; from++) {
		char c = s[from];

		if (c != ' ' && (table || (c != '\n' && c != '\t')))
			return 0;
	}
	return 1;
}

/* In a table's text, where the cell holding s[i] starts, and in *cell its
 * index in its row (the tabs since the row's start). */
static size_t
cell_of(const char *s, size_t i, size_t *cell)
{
	size_t k = i, start = (size_t)-1, c = 0;

	for (; k > 0 && s[k - 1] != '\n'; k--)
		if (s[k - 1] == '\t') {
			if (start == (size_t)-1)
				start = k;
			c++;
		}
	*cell = c;
	return start == (size_t)-1 ? k : start;
}

/* Bytes of a separator a number can hold (. ． ,) at s[i], 0 when none. */
static inline size_t
sep_len(const char *s, size_t n, size_t i)
{
	if (i < n && s[i] == ',')
		return 1;
	return point_len(s, n, i);
}

/* Whether s[i] rules out a quiet text: a percent sign (% or ％), or a
 * separator that another one follows with nothing but digits (ASCII or
 * fullwidth) between. */
static inline int
loud_at(const char *s, size_t n, size_t i)
{
	size_t j, k;

	if (s[i] == '%' || (i + 3 <= n && (unsigned char)s[i] == 0xEF &&
	    (unsigned char)s[i + 1] == 0xBC && (unsigned char)s[i + 2] == 0x85))
		return 1;
	if ((j = sep_len(s, n, i)) == 0)
		return 0;
	for (j += i; (k = digit_len(s, n, j)) > 0; j += k)
		;
	return sep_len(s, n, j) > 0;
}

/* The bytes loud_at looks at. */
static const unsigned char loud_lead[256] = {
	['%'] = 1, ['.'] = 1, [','] = 1, [0xEF] = 1,
};

#ifdef __SSE2__
/* The candidates of loud_at among s[i..i + 16), s[i + 17] being in the
 * text: % , . (with $ & ' - /: the bytes that are 0x2F once 0x0B is
 * or-ed in), and an 0xEF when the byte two on is 85 or 8E (％ ．; the
 * fullwidth punctuation ，（）： is not). */
static inline unsigned
loud_mask(const char *s, size_t i)
{
	const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
	const __m128i x2 = _mm_loadu_si128(
	    (const __m128i *)(const void *)(s + i + 2));
	const __m128i third = _mm_or_si128(
	    _mm_cmpeq_epi8(x2, _mm_set1_epi8((char)0x85)),
	    _mm_cmpeq_epi8(x2, _mm_set1_epi8((char)0x8E)));

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(
	    _mm_and_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xEF)), third),
	    _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(0x0B)),
	    _mm_set1_epi8(0x2F))));
}
#endif

#ifdef RUN_AVX2
/* quiet's look at s[0..n) thirty-two bytes at a time, while s[i + 33] is
 * in the text (loud_mask's candidates, from two loads).  Returns where it
 * stopped, with *loud set when it found a sign of a finding. */
__attribute__((target("avx2"), noinline)) static size_t
quiet_avx2(const char *s, size_t n, int *loud)
{
	const __m256i ef = _mm256_set1_epi8((char)0xEF);
	const __m256i c85 = _mm256_set1_epi8((char)0x85);
	const __m256i c8e = _mm256_set1_epi8((char)0x8E);
	const __m256i b0b = _mm256_set1_epi8(0x0B);
	const __m256i b2f = _mm256_set1_epi8(0x2F);
	size_t i;

	for (i = 0; i + 34 <= n; i += 32) {
		const __m256i x = _mm256_loadu_si256(
		    (const __m256i *)(const void *)(s + i));
		const __m256i x2 = _mm256_loadu_si256(
		    (const __m256i *)(const void *)(s + i + 2));
		const __m256i third = _mm256_or_si256(
		    _mm256_cmpeq_epi8(x2, c85), _mm256_cmpeq_epi8(x2, c8e));
		unsigned m = (unsigned)_mm256_movemask_epi8(_mm256_or_si256(
		    _mm256_and_si256(_mm256_cmpeq_epi8(x, ef), third),
		    _mm256_cmpeq_epi8(_mm256_or_si256(x, b0b), b2f)));

		for (; m != 0; m &= m - 1)
			if (loud_at(s, n, i + (size_t)__builtin_ctz(m))) {
				*loud = 1;
				return i;
			}
	}
	*loud = 0;
	return i;
}
#endif

/* 1 when the text can hold no finding, so that it need not be scanned:
 * every finding but N001's dots and grouping needs a percent sign (% or
 * ％), and those two need a number with two separators (points or
 * commas), one following the other with nothing but digits between.  Most paragraphs are like that; the
 * look is one pass, sixteen bytes at a time, stopping at the first sign
 * of anything else. */
static int
quiet(const char *s, size_t n)
{
	size_t i = 0;

#ifdef __SSE2__
	if (n >= 18) {
		unsigned m;

#ifdef RUN_AVX2
		if (n >= 34 && use_avx2) {
			int loud;

			i = quiet_avx2(s, n, &loud);
			if (loud)
				return 0;
		}
#endif
		for (; i + 18 <= n; i += 16)
			for (m = loud_mask(s, i); m != 0; m &= m - 1)
				if (loud_at(s, n, i + (size_t)__builtin_ctz(m)))
					return 0;
		/* the last sixteen (and two) bytes overlap those seen:
		 * the shift leaves the seen ones out */
		if (i + 2 < n) {
			m = loud_mask(s, n - 18) >> (i - (n - 18));
			for (; m != 0; m &= m - 1)
				if (loud_at(s, n, i + (size_t)__builtin_ctz(m)))
					return 0;
			i = n - 2;
		}
	}
#endif
	for (; i < n; i++)
		if (loud_lead[(unsigned char)s[i]] && loud_at(s, n, i))
			return 0;
	return 1;
}

/* Whether a number at s[i] may be a section number: at the start of a
 * paragraph, or of a table's first or second cell, after blanks only. */
static int
numbering_at(const struct source *src, const char *s, size_t i)
{
	size_t cell = 0, start = 0;

	if (!src->numbering)
		return 0;
	if (src->table && (start = cell_of(s, i, &cell), cell > 1))
		return 0;
	return blank_before(s, start, i, src->table);
}

/* Scans one text (a block's, a cell row's or a scalar's) in one pass. */
static void
scan(const struct source *src, const char *s, size_t n)
{
	size_t i = 0, k, end, pstart;
	struct waker w = WAKER_INIT;
	enum problem what;
	int32_t cp;

	if (quiet(s, n))
		return;
	while ((i = next_wake(&w, s, i, n)) < n) {
		unsigned char c = (unsigned char)s[i];

		/* Most wakes are digits: they are looked at first (no branch
		 * below takes a digit). */
		if (digit_len(s, n, i)) {
			struct token t;

			if ((k = simple_token_end(s, n, i)) > 0) {
				/* one point and one comma at most: only
				 * what follows can be wrong, and only a
				 * space, % or the lead of ％ 万 亿 千 元
				 * can start it (as in suffix_problem) */
				c = k < n ? (unsigned char)s[k] : 0;
				if (c != ' ' && c != '%' && c != 0xEF &&
				    c != 0xE4 && c != 0xE5) {
					i = k;
					continue;
				}
				what = suffix_problem(s, n, k, &end);
				if (what != BAD_NONE) {
					report(src, s, i, end, what);
					i = end;
				} else {
					i = k;
				}
				continue;
			}
			read_token(s, n, i, &t);
			what = suffix_problem(s, n, t.end, &end);
			/* What stands before matters only for odd shapes. */
			cp = t.ndots >= 2 || t.ncommas >= 2 ?
			    prev_cp(s, i, &pstart) : -1;
			if (what == BAD_NONE && t.ndots >= 2 &&
			    !is_ascii_alpha(cp) && cp != 0x7B2C /* 第 */ &&
			    cp != 0x89C1 /* 见 */ &&
			    !numbering_at(src, s, i) &&
			    !is_date(&t) &&
			    !is_address(&t) && !reference_after(s, n, t.end)) {
				what = BAD_DOTS;
				end = t.end;
			}
			if (what == BAD_NONE && t.ncommas >= 2 && misgrouped(&t) &&
			    !is_ascii_alpha(cp)) {
				what = BAD_GROUPING;
				end = t.end;
			}
			if (what != BAD_NONE) {
				report(src, s, t.start, end, what);
				i = end;
			} else {
				i = t.end;
			}
			continue;
		}
		if (c == 0xEF && !(i + 3 <= n && (unsigned char)s[i + 1] == 0xBC &&
		    (((unsigned char)s[i + 2] >= 0x90 &&
		    (unsigned char)s[i + 2] <= 0x99) ||
		    (unsigned char)s[i + 2] == 0x85))) {
			/* Fullwidth punctuation （，：）: neither a digit nor
			 * ％ (woken only in text that is not valid UTF-8). */
			i += 3;
			continue;
		}
		if ((k = percent_len(s, n, i)) > 0) {
			/* (a table's header row names units: 占比%) */
			size_t from = lone_percent(s, i, 0);

			if (from != (size_t)-1 && src->table &&
			    memchr(s, '\n', i) == NULL)
				from = (size_t)-1;

			end = i + k;
			while ((k = percent_len(s, n, end)) > 0)
				end += k;
			if (from != (size_t)-1)
				report(src, s, from, end, BAD_LONE_PERCENT);
			i = end;
			continue;
		}
		/* not reached: every waking byte is one of the above */
		i++;
	}
}

/* --- front matter --------------------------------------------------------------- */

/* Scalars that hold a number: they start with a digit, a sign or a
 * comparison ("≥95%").  Names and prose in the front matter are not
 * figures. */
static int
numeric_scalar(const char *s)
{
	static const char *const leads[] = {
		"+", "-", "−", "＋", "－", "≥", "≤", ">", "<", "≈", "＞", "＜",
	};
	size_t n, k;

	if ((s[0] >= '0' && s[0] <= '9') || s[0] == '+' || s[0] == '-' ||
	    s[0] == '<' || s[0] == '>')
		return 1;
	/* The rest lead with E2 (− ≥ ≤ ≈) or EF (＋ － ＞ ＜ ０-９): words
	 * are sent away before their length is taken. */
	if ((unsigned char)s[0] != 0xE2 && (unsigned char)s[0] != 0xEF)
		return 0;
	n = strlen(s);
	if (digit_len(s, n, 0))
		return 1;
	for (k = 0; k < sizeof(leads) / sizeof(leads[0]); k++)
		if (at(s, n, 0, leads[k]))
			return 1;
	return 0;
}

static void
scan_facts(const struct tally_report *r, struct tally_diags *d,
    const struct tally_fact *f)
{
	for (; f != NULL; f = f->next) {
		if (f->kind == TALLY_FACT_SCALAR) {
			struct source src = {r, d, NULL, f, 0, 0};

			if (!f->is_null && f->text && numeric_scalar(f->text))
				scan(&src, f->text, f->len);
			continue;
		}
		scan_facts(r, d, f->child);
	}
}

void
tally_lint_numbers(const struct tally_project *p, const struct tally_report *r,
    struct tally_diags *d)
{
	const struct tally_block *b;

	(void)p;
	if (r->front != NULL)
		scan_facts(r, d, r->front->child);
	for (b = r->outline.blocks; b != NULL; b = b->next) {
		struct source src = {r, d, b, NULL, 0, 1};

		switch (b->kind) {
		case TALLY_BLOCK_PARA:
		case TALLY_BLOCK_ITEM:
			break;
		case TALLY_BLOCK_TABLE:
			src.table = 1;
			break;
		default:
			continue; /* code is literal; HTML holds directives */
		}
		scan(&src, b->text, b->len);
	}
}
