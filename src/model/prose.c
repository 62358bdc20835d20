/*
 * prose.c - the numbers stated in Chinese text.  The prose rules compare
 * what a paragraph says with itself, with the front matter and with other
 * years ("立案510966件，结案510829件，结案率达99.97%"), so they need every
 * figure with its exact value, its unit, the words that name it and the
 * word that makes it a change (增加, 减少).  Reports are typed by hand:
 * digits may be fullwidth, percentages spelt out (百分之九十五), counts
 * written in Chinese numerals (两个, 十余次), and the text is full of
 * numbers that are not amounts at all: years, dates, document numbers
 * (〔2018〕56号), hotlines (12345), ordinals (第8次), slogans (1+1>2).  The
 * reader tells each kind apart and marks what is only approximate, because
 * a prose rule that cries wolf is worse than none (DESIGN section 5).
 *
 * It is one left-to-right pass over the bytes with a little state: the
 * open sentence and clause, the parentheses, quotes and book-title marks
 * around the current position, and where the current label began.
 * Results are collected in small vectors (on the stack until they grow)
 * and copied into the arena once at the end, so a block costs a handful
 * of arena allocations whatever it holds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "model.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Nesting deeper than this is not tracked frame by frame (only counted):
 * real prose never comes close, hostile input must not cost memory. */
#define MAX_FRAMES 8

/* Canonical operators, as tally_quantity writes them. */
static const char OP_GE[] = "≥";
static const char OP_LE[] = "≤";
static const char OP_GT[] = ">";
static const char OP_LT[] = "<";
static const char OP_APPROX[] = "≈";

/* ----------------------------------------------------------------------
 * Growable arrays: on the stack first, on the heap when they outgrow it,
 * in the arena at the end.
 * -------------------------------------------------------------------- */

struct vec {
	char *p;
	size_t n, cap, size;
	int heap;
};

static void
vec_init(struct vec *v, void *buf, size_t cap, size_t size)
{
	v->p = buf;
	v->n = 0;
	v->cap = cap;
	v->size = size;
	v->heap = 0;
}

/* A new element at the end, not initialised: the callers write every
 * field. */
static void *
vec_push(struct vec *v)
{
	char *p;

	if (v->n == v->cap) {
		if (v->heap) {
			p = xrealloc(v->p, 2 * v->cap * v->size);
		} else {
			p = xmalloc(2 * v->cap * v->size);
			memcpy(p, v->p, v->n * v->size);
		}
		v->p = p;
		v->cap *= 2;
		v->heap = 1;
	}
	p = v->p + v->n++ * v->size;
	return p;
}

static void
vec_free(struct vec *v)
{
	if (v->heap)
		free(v->p);
	v->p = NULL;
	v->heap = 0;
}

/* ----------------------------------------------------------------------
 * Characters
 * -------------------------------------------------------------------- */

/* The code point at s[i] and its length; -1 (length 1) for an invalid
 * byte, -1 (length 0) at the end. */
static inline int32_t
cp_at(const char *s, size_t n, size_t i, size_t *len)
{
	int32_t cp;

	if (i >= n) {
		*len = 0;
		return -1;
	}
	if ((unsigned char)s[i] < 0x80) {
		*len = 1;
		return (unsigned char)s[i];
	}
	/* Chinese text is three-byte sequences: decode those inline (E1-EC,
	 * EE-EF leads have no overlong or surrogate forms to refuse). */
	if (i + 3 <= n) {
		const unsigned char *u = (const unsigned char *)s + i;

		if (u[0] - 0xE1u < 15u && u[0] != 0xED &&
		    ((u[1] ^ 0x80u) | (u[2] ^ 0x80u)) < 0x40u) {
			*len = 3;
			return ((int32_t)(u[0] & 0x0F) << 12) |
			       ((int32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
		}
	}
	*len = (size_t)tally_utf8_decode(s + i, n - i, &cp);
	return cp;
}

/* The code point that ends just before s[i], not looking before lo; -1
 * when there is none or it is invalid.  *start gets its offset. */
static int32_t
cp_before(const char *s, size_t lo, size_t i, size_t *start)
{
	size_t j, l;
	int32_t cp;

	*start = i;
	if (i <= lo)
		return -1;
	/* ASCII and the three-byte sequences of Chinese text first: what
	 * the steps below make of them */
	{
		const unsigned char *u = (const unsigned char *)s + i;

		if (u[-1] < 0x80) {
			*start = i - 1;
			return u[-1];
		}
		if (i - lo >= 3 && u[-3] - 0xE1u < 15u && u[-3] != 0xED &&
		    ((u[-2] ^ 0x80u) | (u[-1] ^ 0x80u)) < 0x40u) {
			*start = i - 3;
			return ((int32_t)(u[-3] & 0x0F) << 12) |
			       ((int32_t)(u[-2] & 0x3F) << 6) | (u[-1] & 0x3F);
		}
	}
	j = i - 1;
	while (j > lo && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	cp = cp_at(s, i, j, &l);
	if (j + l != i)
		return -1;
	*start = j;
	return cp;
}

/* Value of the ASCII or fullwidth digit at s[i], or -1. */
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
	*len = 0;
	return -1;
}

static int
is_digit_cp(int32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static int
is_latin(int32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

static int
is_alnum_cp(int32_t c)
{
	return is_digit_cp(c) || is_latin(c);
}

/* Spaces that may stand between a number and its unit or around a label:
 * ASCII space, the ideographic space and the no-break space. */
static size_t
inline_space(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (i >= n)
		return 0;
	switch (u[0]) {
	case ' ':
		return 1;
	case 0xE3:
		return n - i >= 3 && u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
	case 0xC2:
		return n - i >= 2 && u[1] == 0xA0 ? 2 : 0;
	default:
		return 0;
	}
}

static size_t
skip_inline(const char *s, size_t n, size_t i)
{
	size_t k;

	while ((k = inline_space(s, n, i)) > 0)
		i += k;
	return i;
}

/* Any white space, line breaks and tabs included. */
static size_t
space_len(const char *s, size_t n, size_t i)
{
	if (i < n && (unsigned char)s[i] <= ' ' &&
	    (s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
		return 1;
	return inline_space(s, n, i);
}

/* Length of the word w (wl bytes) when s[i..n) starts with it, else 0.
 * The first byte is compared before memcmp: this runs for every entry of
 * the word tables at every number. */
static inline size_t
lit(const char *s, size_t n, size_t i, const char *w, size_t wl)
{
	if (i >= n || wl > n - i || s[i] != w[0])
		return 0;
	/* Chinese words share their first byte: the third decides. */
	if (wl >= 3 && (s[i + 1] != w[1] || s[i + 2] != w[2]))
		return 0;
	return memcmp(s + i, w, wl) == 0 ? wl : 0;
}

/* Length of w when s[lo..i) ends with it, else 0. */
static inline size_t
lit_before(const char *s, size_t lo, size_t i, const char *w, size_t wl)
{
	if (i < lo || wl == 0 || wl > i - lo || s[i - 1] != w[wl - 1])
		return 0;
	if (wl >= 3 && (s[i - 2] != w[wl - 2] || s[i - 3] != w[wl - 3]))
		return 0;
	return memcmp(s + i - wl, w, wl) == 0 ? wl : 0;
}

#define LIT(s, n, i, w) lit((s), (n), (i), (w), sizeof(w) - 1)
#define LIT_BEFORE(s, lo, i, w) lit_before((s), (lo), (i), (w), sizeof(w) - 1)

/* 1 when s[lo..hi) contains w (wl bytes). */
static int
contains(const char *s, size_t lo, size_t hi, const char *w, size_t wl)
{
	size_t i;

	if (hi < lo || wl == 0 || wl > hi - lo)
		return 0;
	for (i = lo; i + wl <= hi; i++)
		if (s[i] == w[0] && memcmp(s + i, w, wl) == 0)
			return 1;
	return 0;
}

/* 1 when the code point c is one of the characters of the UTF-8 set.
 * The sets are Chinese characters, three bytes each: c is compared by its
 * three-byte encoding, and nothing else can be in them. */
static int
cp_in_set(int32_t c, const char *set)
{
	const unsigned char *u = (const unsigned char *)set;
	unsigned char b0, b1, b2;

	if (c < 0x800 || c > 0xFFFF)
		return 0;
	b0 = (unsigned char)(0xE0 | (c >> 12));
	b1 = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
	b2 = (unsigned char)(0x80 | (c & 0x3F));
	for (; *u; u += 3) {
		if (u[0] < 0xE0 || u[0] > 0xEF || u[1] == 0 || u[2] == 0)
			abort(); /* a set of other characters is a bug here */
		if (u[2] == b2 && u[1] == b1 && u[0] == b0)
			return 1;
	}
	return 0;
}

/* ----------------------------------------------------------------------
 * Word lists
 * -------------------------------------------------------------------- */

/* Units read after a number, longest first where one is the start of
 * another (人次 before 人, 个月 before 个).  cn = 0 for units that never
 * follow a Chinese numeral as a count: 十分 is "very", 三月 is March. */
struct counter {
	const char *text;
	size_t len;
	int cn;
	uint32_t head; /* HEAD3(text) */
};

/* The word tables are laid out by hand. */
/* clang-format off */
/* Table rows carry their lengths, and the hot tables the first (HEAD3)
 * or last (TAIL3) three bytes of the word packed in an integer: they are
 * searched at every number, and one compare rejects a row.  Every such
 * word is at least three bytes long.  GCC and Clang fold a literal's
 * bytes in a constant expression, as C11 6.6p10 lets them. */
#define B(w, i) ((uint32_t)(unsigned char)(w)[i])
#define BIT(k) (UINT64_C(1) << (k))
#define HEAD3(w) (B(w, 0) << 16 | B(w, 1) << 8 | B(w, 2))
#define TAIL3(w) \
	(B(w, sizeof(w) - 4) << 16 | B(w, sizeof(w) - 3) << 8 | B(w, sizeof(w) - 2))
#define C(w, cn) {w, sizeof(w) - 1, cn, HEAD3(w)}
#define S(w, op, approx, not_after) \
	{w, sizeof(w) - 1, op, approx, not_after, TAIL3(w)}
#define S_ASCII(w, op) {w, sizeof(w) - 1, op, 1, "", 0}
#define W(w) {w, sizeof(w) - 1}

struct word {
	const char *w;
	size_t len;
};

static const struct counter counters[] = {
    C("平方公里", 1), C("平方千米", 1), C("平方米", 1), C("立方米", 1),
    C("个百分点", 1), C("个工作日", 1), C("个季度", 1), C("个月", 1),
    C("百分点", 1),   C("公顷", 1),     C("公里", 1),   C("千米", 1),
    C("公斤", 1),     C("千克", 1),     C("人次", 1),   C("场次", 1),
    C("户次", 1),     C("车次", 1),     C("架次", 1),   C("批次", 1),
    C("班次", 1),     C("小时", 1),     C("分钟", 1),   C("英寸", 1),
    C("周年", 1),     C("季度", 1),     C("工作日", 1), C("人", 1),
    C("个", 1),       C("件", 1),       C("次", 1),     C("份", 1),
    C("项", 1),       C("台", 1),       C("辆", 1),     C("名", 1),
    C("分", 0),       C("家", 1),       C("条", 1),     C("场", 1),
    C("户", 1),       C("套", 1),       C("天", 1),     C("年", 1),
    C("周", 1),       C("所", 1),       C("块", 1),     C("处", 1),
    C("座", 1),       C("期", 1),       C("批", 1),     C("类", 1),
    C("篇", 1),       C("册", 1),       C("本", 1),     C("支", 1),
    C("位", 1),       C("起", 1),       C("宗", 1),     C("例", 1),
    C("间", 1),       C("栋", 1),       C("层", 1),     C("倍", 1),
    C("岁", 1),       C("亩", 1),       C("吨", 1),     C("米", 1),
    C("株", 1),       C("棵", 1),       C("只", 1),     C("张", 1),
    C("页", 1),       C("字", 1),       C("轮", 1),
    C("秒", 1),       C("度", 0),       C("点", 0),
};

/* The rows of counters by the low six bits of their third byte, in two
 * words of 64 rows.  Built once (tables_init). */
static uint64_t counter_rows[64][2];

static inline unsigned
lowest_bit(uint64_t m)
{
#if defined(__GNUC__)
	return (unsigned)__builtin_ctzll(m);
#else
	unsigned k = 0;

	while (!(m & 1)) {
		m >>= 1;
		k++;
	}
	return k;
#endif
}

/* The longest counter at s[i], or NULL. */
static const struct counter *
counter_at(const char *s, size_t n, size_t i, int cn, size_t *len)
{
	const struct counter *best = NULL;
	size_t bl = 0;
	uint32_t head;

	*len = 0;
	if (i > n || n - i < 3)
		return NULL;
	head = B(s + i, 0) << 16 | B(s + i, 1) << 8 | B(s + i, 2);
	for (unsigned w = 0; w < 2; w++) {
		uint64_t rows;

		for (rows = counter_rows[head & 63][w]; rows != 0;
		     rows &= rows - 1) {
			const struct counter *c =
			    &counters[64 * w + lowest_bit(rows)];

			if (c->head != head || (cn && !c->cn) || c->len <= bl ||
			    c->len > n - i ||
			    memcmp(s + i, c->text, c->len) != 0)
				continue;
			bl = c->len;
			best = c;
		}
	}
	*len = bl;
	return best;
}

/* Words stripped from the end of a label to make its key.  An op makes
 * the number a bound, hence approximate; approx alone marks 约 近 ….
 * not_after lists characters that turn the word into part of another
 * (节约 is a saving, not "about"; 下达 is "allocated", not "reaches"). */
struct strip {
	const char *w;
	size_t len;
	const char *op;
	int approx;
	const char *not_after;
	uint32_t tail; /* TAIL3(w), 0 for the ASCII ones */
};

#define STRIPS(X)                                                      \
	X("不低于", OP_GE, 1, "")   X("不少于", OP_GE, 1, "")              \
	X("不小于", OP_GE, 1, "")   X("不高于", OP_LE, 1, "")              \
	X("不超过", OP_LE, 1, "")   X("不多于", OP_LE, 1, "")              \
	X("不大于", OP_LE, 1, "")   X("大于等于", OP_GE, 1, "")            \
	X("小于等于", OP_LE, 1, "") X("超过", OP_GT, 1, "")                \
	X("多于", OP_GT, 1, "")     X("高于", OP_GT, 1, "")                \
	X("大于", OP_GT, 1, "")     X("低于", OP_LT, 1, "")                \
	X("少于", OP_LT, 1, "")     X("小于", OP_LT, 1, "")                \
	X("不足", OP_LT, 1, "")     X("不到", OP_LT, 1, "")                \
	X("逾", OP_GT, 1, "")       X("≥", OP_GE, 1, "")                   \
	X("≧", OP_GE, 1, "")        X("≤", OP_LE, 1, "")                   \
	X("≦", OP_LE, 1, "")        X("＞", OP_GT, 1, "")                  \
	X("﹥", OP_GT, 1, "")        X("＜", OP_LT, 1, "")                  \
	X("﹤", OP_LT, 1, "")        X("≈", OP_APPROX, 1, "")               \
	X("大约", OP_APPROX, 1, "")                                        \
	X("约为", OP_APPROX, 1, "节制签合预契条履违特简")                  \
	X("约", OP_APPROX, 1, "节制签合预契条履违特简邀相")                \
	X("将近", OP_APPROX, 1, "") X("接近", OP_APPROX, 1, "")            \
	X("近", OP_APPROX, 1, "附最就亲贴临")                              \
	X("共计", NULL, 0, "")      X("合计", NULL, 0, "")                 \
	X("累计", NULL, 0, "")      X("共有", NULL, 0, "")                 \
	X("仅有", NULL, 0, "")      X("只有", NULL, 0, "")                 \
	X("还有", NULL, 0, "")      X("尚有", NULL, 0, "")                 \
	X("另有", NULL, 0, "")      X("分别为", NULL, 0, "")               \
	X("分别是", NULL, 0, "")    X("分别", NULL, 0, "")                 \
	X("均为", NULL, 0, "")      X("达到", NULL, 0, "")                 \
	X("实现", NULL, 0, "")      X("共", NULL, 0, "公总")               \
	X("达", NULL, 0, "下到传送抵发直表通转上雷")                       \
	X("为", NULL, 0, "作成认行因称视更较最极")                         \
	X("是", NULL, 0, "但就于还或可总凡")                               \
	X("了", NULL, 0, "为除")    X("已", NULL, 0, "而")                 \
	X("仅", NULL, 0, "")        X("各", NULL, 0, "")                   \
	X("＝", NULL, 0, "")

#define STRIP_ROW(w, op, approx, not_after) S(w, op, approx, not_after),
/* Bits of the last two bytes of the words (six low bits each): a label
 * whose end has a byte not among them ends in no word of the table. */
#define STRIP_LAST(w, op, approx, not_after) | BIT(B(w, sizeof(w) - 2) & 63)
#define STRIP_PREV(w, op, approx, not_after) | BIT(B(w, sizeof(w) - 3) & 63)

static const struct strip strips[] = {STRIPS(STRIP_ROW)};
static const uint64_t strip_last = 0 STRIPS(STRIP_LAST);
static const uint64_t strip_prev = 0 STRIPS(STRIP_PREV);

/* The rows of strips by the low six bits of their last and of their
 * second last byte: bit k of strip_rows_last[b] is set when strips[k]'s
 * last byte has low bits b.  A label's end is looked up in both, and only
 * the rows in both are read, in table order.  Built once (tables_init). */
static uint64_t strip_rows_last[64], strip_rows_prev[64];

_Static_assert(NELEM(strips) <= 64, "strip_rows_* hold 64 rows");
_Static_assert(NELEM(counters) <= 128, "counter_rows holds 128 rows");

static once_flag tables_once = ONCE_FLAG_INIT;

static void
tables_init(void)
{
	size_t k;

	for (k = 0; k < NELEM(strips); k++) {
		const char *w = strips[k].w;
		size_t l = strips[k].len;

		strip_rows_last[B(w, l - 1) & 63] |= BIT(k);
		strip_rows_prev[B(w, l - 2) & 63] |= BIT(k);
	}
	for (k = 0; k < NELEM(counters); k++)
		counter_rows[counters[k].head & 63][k / 64] |= BIT(k % 64);
}

/* The ASCII spellings, looked at only when a label ends in ASCII. */
static const struct strip strips_ascii[] = {
    S_ASCII(">=", OP_GE), S_ASCII("<=", OP_LE), S_ASCII(">", OP_GT),
    S_ASCII("<", OP_LT),  {"=", 1, NULL, 0, "", 0},
};

/* Words that start a label's span when met inside it: what comes before
 * them is the subject ("盘龙区共计立案…" is labelled "立案…"). */
static const struct word scope_words[] = {W("共计"), W("累计"), W("总共"),
                                          W("一共")};

/* Connectives dropped from the start of a label; not_before lists the
 * characters after them that make them part of a word (及时, 共同). */
struct lead {
	const char *w;
	size_t len;
	const char *not_before;
};

#define LEADS(X)                                                       \
	X("其中", "")   X("以及", "")         X("并且", "")                \
	X("同时", "")   X("另外", "")         X("另有", "")                \
	X("包括", "")   X("包含", "")         X("含", "")                  \
	X("及", "时格") X("和", "谐平睦")     X("并", "非列入")            \
	X("共", "同享建治管性产识赢商青用")

#define LEAD_ROW(w, not_before) {w, sizeof(w) - 1, not_before},
/* Bits of the second and third bytes of the words (six low bits each): a
 * label whose first character has a byte not among them starts with none
 * of them.  Every word is at least one three-byte character. */
#define LEAD_B1(w, not_before) | BIT(B(w, 1) & 63)
#define LEAD_B2(w, not_before) | BIT(B(w, 2) & 63)

static const struct lead leads[] = {LEADS(LEAD_ROW)};
static const uint64_t lead_b1 = 0 LEADS(LEAD_B1);
static const uint64_t lead_b2 = 0 LEADS(LEAD_B2);

/* Direction words, read at the end of a key.  cmp: only with a
 * comparison in the key (较上年多, 比预算少), since 多 and 少 alone are
 * everywhere (多渠道, 至少). */
struct direction {
	const char *w;
	size_t len;
	int dir;
	int cmp;
};

#define D(w, dir, cmp) {w, sizeof(w) - 1, dir, cmp}
#define DIRECTIONS(X)                                                  \
	X("增加", 1, 0)  X("增长", 1, 0)  X("上升", 1, 0)  X("提高", 1, 0)  \
	X("提升", 1, 0)  X("增多", 1, 0)  X("上涨", 1, 0)  X("超支", 1, 0)  \
	X("多", 1, 1)    X("减少", -1, 0) X("下降", -1, 0) X("降低", -1, 0) \
	X("节约", -1, 0) X("节省", -1, 0) X("结余", -1, 0) X("压缩", -1, 0) \
	X("缩减", -1, 0) X("下滑", -1, 0) X("少", -1, 1)
#define DIR_ROW(w, dir, cmp) D(w, dir, cmp),
/* Bits of the last two bytes of the words, as for strips: a key whose
 * end has a byte not among them ends in none of them. */
#define DIR_LAST(w, dir, cmp) | BIT(B(w, sizeof(w) - 2) & 63)
#define DIR_PREV(w, dir, cmp) | BIT(B(w, sizeof(w) - 3) & 63)

static const struct direction directions[] = {DIRECTIONS(DIR_ROW)};
static const uint64_t dir_last = 0 DIRECTIONS(DIR_LAST);
static const uint64_t dir_prev = 0 DIRECTIONS(DIR_PREV);

/* The same, shortened, before a rate word: 增幅, 降幅, 涨幅. */
static const struct direction rate_directions[] = {
    D("增", 1, 0), D("涨", 1, 0), D("降", -1, 0), D("减", -1, 0),
};

/* Words that name a rate at the end of a key. */
#define RATE_WORDS(X) X("率") X("幅度") X("幅") X("比例") X("比重") X("占比")
#define RATE_ROW(w) W(w),
#define RATE_LAST(w) | BIT(B(w, sizeof(w) - 2) & 63)
#define RATE_PREV(w) | BIT(B(w, sizeof(w) - 3) & 63)

static const struct word rate_words[] = {RATE_WORDS(RATE_ROW)};
static const uint64_t rate_last = 0 RATE_WORDS(RATE_LAST);
static const uint64_t rate_prev = 0 RATE_WORDS(RATE_PREV);

/* Words that make a bare 万 after a number money (经费7.7万). */
static const struct word money_words[] = {
    W("费"),   W("款"),   W("资金"), W("预算"), W("决算"), W("支出"),
    W("收入"), W("金额"), W("资产"), W("投入"), W("成本"), W("工资"),
    W("补助"), W("补贴"), W("结余"), W("余额"), W("总额"), W("额度"),
    W("奖金"), W("价"),
};

/* Bounds written after a number: 90%以上, 300平方米左右. */
static const struct strip suffixes[] = {
    S("及以上", OP_GE, 1, ""), S("及以下", OP_LE, 1, ""),
    S("以上", OP_GE, 1, ""),   S("以下", OP_LE, 1, ""),
    S("以内", OP_LE, 1, ""),   S("左右", OP_APPROX, 1, ""),
    S("上下", OP_APPROX, 1, ""), S("之多", OP_APPROX, 1, ""),
};

/* clang-format on */

/* Emergency and public-service numbers written without a unit. */
static int
is_hotline(uint64_t v, int ndig)
{
	if (ndig == 3)
		return v == 110 || v == 119 || v == 120 || v == 122;
	if (ndig == 5)
		return (v >= 12300 && v <= 12399) || (v >= 95000 && v <= 96999);
	return ndig >= 7;
}

/* ----------------------------------------------------------------------
 * The scanner's state
 * -------------------------------------------------------------------- */

struct frame {
	size_t outer; /* label start before the parenthesis */
	size_t open;  /* offset of the opening parenthesis */
	size_t inner; /* offset just after it */
	int had_num;  /* a number was read inside */
};

/* A number while scanning: its key is a span of the text until the end,
 * when all keys are copied into one arena block. */
struct tok {
	struct tally_prose_num num;
	size_t key_len;
	int labelled;   /* make_label ran: the key is a span of the text */
	int range_next; /* a range connector follows: the next number is
	                 * the other end */
};

struct scan {
	struct tally_arena *a;
	const char *s;
	size_t n;
	struct vec sents, clauses, toks;
	size_t sent_off, sent_first_clause, sent_first_num;
	size_t cl_off, cl_first_num;
	int cl_has_num;
	size_t label_start;
	int depth; /* parentheses open */
	struct frame frames[MAX_FRAMES];
	int quote, title;  /* quotes and 《》 open */
	int pending_range; /* the next number ends a range */
	size_t keys_len;   /* bytes of all keys with their NULs */
};

static int
in_name(const struct scan *sc)
{
	return sc->quote > 0 || sc->title > 0;
}

static struct frame *
top_frame(struct scan *sc)
{
	if (sc->depth <= 0 || sc->depth > MAX_FRAMES)
		return NULL;
	return &sc->frames[sc->depth - 1];
}

/* ----------------------------------------------------------------------
 * Labels
 * -------------------------------------------------------------------- */

/* Bytes of the white space or clause separator at s[i] that a label
 * does not start with: spaces, 、，：； and their ASCII forms. */
static size_t
lead_junk(const char *s, size_t hi, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (i >= hi)
		return 0;
	switch (u[0]) {
	case ' ':
	case '\t':
	case '\n':
	case '\r':
	case ',':
	case ':':
	case ';':
		return 1;
	case 0xC2: /* U+00A0 */
		return hi - i >= 2 && u[1] == 0xA0 ? 2 : 0;
	case 0xE3: /* U+3000 ideographic space, 、 */
		return hi - i >= 3 && u[1] == 0x80 &&
		               (u[2] == 0x80 || u[2] == 0x81)
		           ? 3
		           : 0;
	case 0xEF: /* ，：； */
		return hi - i >= 3 && u[1] == 0xBC &&
		               (u[2] == 0x8C || u[2] == 0x9A || u[2] == 0x9B)
		           ? 3
		           : 0;
	default:
		return 0;
	}
}

static size_t
trim_front(const char *s, size_t lo, size_t hi)
{
	size_t k;

	while ((k = lead_junk(s, hi, lo)) > 0)
		lo += k;
	return lo;
}

/* Drops white space from the end of s[lo..hi). */
static size_t
trim_back(const char *s, size_t lo, size_t hi)
{
	const unsigned char *u = (const unsigned char *)s;

	for (;;) {
		if (hi > lo && (u[hi - 1] == ' ' || u[hi - 1] == '\t' ||
		                u[hi - 1] == '\n' || u[hi - 1] == '\r'))
			hi--;
		else if (hi - lo >= 3 && u[hi - 3] == 0xE3 &&
		         u[hi - 2] == 0x80 && u[hi - 1] == 0x80)
			hi -= 3;
		else if (hi - lo >= 2 && u[hi - 2] == 0xC2 && u[hi - 1] == 0xA0)
			hi -= 2;
		else
			return hi;
	}
}

/* 1 when the word ending at s[..i) of length k may be stripped: the
 * character before it is not one of not_after. */
static int
free_before(const char *s, size_t lo, size_t i, size_t k, const char *not_after)
{
	size_t st;
	int32_t c;

	if (*not_after == '\0')
		return 1;
	c = cp_before(s, lo, i - k, &st);
	return c < 0 || !cp_in_set(c, not_after);
}

static int
free_after(const char *s, size_t hi, size_t i, const char *not_before)
{
	size_t l;
	int32_t c;

	if (*not_before == '\0')
		return 1;
	c = cp_at(s, hi, i, &l);
	return c < 0 || !cp_in_set(c, not_before);
}

/* 0 when no word of at least three bytes whose last two bytes' low bits
 * are in last and prev ends s[lo..hi). */
static inline int
may_end_with(const char *s, size_t lo, size_t hi, uint64_t last, uint64_t prev)
{
	return hi >= lo + 3 && ((last >> (s[hi - 1] & 63)) & 1) &&
	       ((prev >> (s[hi - 2] & 63)) & 1);
}

static void
find_direction(const char *s, size_t lo, size_t hi, struct tally_prose_num *t)
{
	size_t k, l, end = hi;
	int rate = 0;

	for (k = 0; k < NELEM(rate_words) &&
	            may_end_with(s, lo, hi, rate_last, rate_prev);
	     k++) {
		if ((l = lit_before(s, lo, hi, rate_words[k].w,
		                    rate_words[k].len)) > 0) {
			rate = 1;
			end = hi - l;
			break;
		}
	}
	if (rate)
		t->flags |= TALLY_PNUM_RATE;
	for (k = 0; k < NELEM(directions) &&
	            may_end_with(s, lo, end, dir_last, dir_prev);
	     k++) {
		const struct direction *d = &directions[k];

		if (lit_before(s, lo, end, d->w, d->len) == 0)
			continue;
		/* 较上年多 but not 至少, 最多, 很多. */
		if (d->cmp && !contains(s, lo, end, "较", 3) &&
		    !contains(s, lo, end, "比", 3))
			continue;
		t->direction = d->dir;
		t->dir_word = d->w;
		return;
	}
	if (!rate)
		return;
	for (k = 0; k < NELEM(rate_directions); k++) {
		if (lit_before(s, lo, end, rate_directions[k].w,
		               rate_directions[k].len) > 0) {
			t->direction = rate_directions[k].dir;
			t->dir_word = rate_directions[k].w;
			return;
		}
	}
}

/* Sets the label, key and the flags the label implies for the number
 * that starts at t->num.off. */
static void
make_label(struct scan *sc, struct tok *t)
{
	const char *s = sc->s;
	struct tally_prose_num *p = &t->num;
	struct frame *f = top_frame(sc);
	size_t lo = sc->label_start, hi = p->off, kend, k, l, i, w;
	int again;

	/* The far end of a range (3-5次) has no words of its own. */
	if (lo > hi || sc->pending_range)
		lo = hi;
	lo = trim_front(s, lo, hi);
	hi = trim_back(s, lo, hi);
	/* A number alone in parentheses is named by what precedes them:
	 * "管理体制（10分）". */
	if (lo == hi && f != NULL && !f->had_num &&
	    sc->label_start == f->inner) {
		lo = trim_front(s, f->outer < f->open ? f->outer : f->open,
		                f->open);
		hi = trim_back(s, lo, f->open);
	}

	/* The key: particles and bounds off the end, repeatedly ("约达"). */
	kend = hi;
	while (kend > lo) {
		const struct strip *tab = strips, *st;
		size_t ntab = NELEM(strips);
		uint32_t tail = 0;
		unsigned char z = (unsigned char)s[kend - 1];

		if (z < 0x80) {
			tab = strips_ascii;
			ntab = NELEM(strips_ascii);
		} else {
			if (kend - lo < 3 || !((strip_last >> (z & 63)) & 1) ||
			    !((strip_prev >> (s[kend - 2] & 63)) & 1))
				break;
			tail = B(s + kend - 3, 0) << 16 |
			       B(s + kend - 3, 1) << 8 | z;
		}
		if (z < 0x80) {
			for (k = 0; k < ntab; k++) {
				st = &tab[k];
				if (st->tail != tail)
					continue;
				l = lit_before(s, lo, kend, st->w, st->len);
				if (l > 0 &&
				    free_before(s, lo, kend, l, st->not_after))
					break;
			}
			if (k == ntab)
				break;
		} else {
			uint64_t rows = strip_rows_last[z & 63] &
			                strip_rows_prev[s[kend - 2] & 63];

			for (st = NULL; rows != 0; rows &= rows - 1) {
				st = &strips[lowest_bit(rows)];
				if (st->tail == tail &&
				    (l = lit_before(s, lo, kend, st->w,
				                    st->len)) > 0 &&
				    free_before(s, lo, kend, l, st->not_after))
					break;
			}
			if (rows == 0)
				break;
		}
		kend = trim_back(s, lo, kend - l);
		if (st->approx)
			p->flags |= TALLY_PNUM_APPROX;
		if (st->op != NULL && p->op == NULL)
			p->op = st->op;
	}

	/* The subject before 共计 is not part of the label: "盘龙区共计立案
	 * 市、区级案件510966件" is labelled "立案市、区级案件".  Every scope
	 * word ends in 计 or 共, so only those are looked for. */
	for (i = lo; i + 3 <= kend; i++) {
		/* the next 计 (E8 AE A1) or 共 (E5 85 B1), by their last
		 * bytes */
		const char *a = memchr(s + i + 2, 0xA1, kend - i - 2),
		           *b = memchr(s + i + 2, 0xB1,
		                       (a != NULL ? (size_t)(a - s) : kend) - i - 2);

		if (b != NULL)
			a = b;
		if (a == NULL)
			break;
		i = (size_t)(a - s) - 2;
		if (!LIT(s, kend, i, "计") && !LIT(s, kend, i, "共"))
			continue;
		for (k = 0; k < NELEM(scope_words); k++) {
			w = scope_words[k].len;
			if (i + 3 >= lo + w &&
			    lit(s, i + 3, i + 3 - w, scope_words[k].w, w) > 0)
				lo = i + 3;
		}
	}

	/* Connectives at the front ("其中", "含"). */
	do {
		again = 0;
		lo = trim_front(s, lo, kend);
		if (kend - lo < 3 || !((lead_b1 >> (s[lo + 1] & 63)) & 1) ||
		    !((lead_b2 >> (s[lo + 2] & 63)) & 1))
			break;
		for (k = 0; k < NELEM(leads); k++) {
			l = lit(s, kend, lo, leads[k].w, leads[k].len);
			if (l == 0 || lo + l > kend ||
			    !free_after(s, kend, lo + l, leads[k].not_before))
				continue;
			lo += l;
			again = 1;
			break;
		}
	} while (again && lo < kend);
	if (lo > kend)
		lo = kend;

	p->label_off = lo;
	p->label_len = hi - lo;
	t->key_len = kend - lo;
	t->labelled = 1;
	sc->keys_len += t->key_len + 1;
	find_direction(s, lo, kend, p);
	if (LIT(s, kend, lo, "占") > 0)
		p->flags |= TALLY_PNUM_SHARE;
}

/* 1 when the key of t names money (经费, 资金 …). */
static int
key_is_money(const struct scan *sc, const struct tok *t)
{
	size_t k, lo = t->num.label_off, hi = lo + t->key_len;

	for (k = 0; k < NELEM(money_words); k++)
		if (contains(sc->s, lo, hi, money_words[k].w,
		             money_words[k].len))
			return 1;
	return 0;
}

/* ----------------------------------------------------------------------
 * Units
 * -------------------------------------------------------------------- */

/* A bound or "about" after the number and its unit (以上, 左右). */
static size_t
read_suffix(const char *s, size_t n, size_t j, struct tally_prose_num *p)
{
	size_t k, l, i = skip_inline(s, n, j);

	/* every suffix starts with 及 以 左 上 or 之: E4 or E5 */
	if (i >= n || ((unsigned char)s[i] != 0xE4 && (unsigned char)s[i] != 0xE5))
		return j;
	for (k = 0; k < NELEM(suffixes); k++) {
		if ((l = lit(s, n, i, suffixes[k].w, suffixes[k].len)) > 0) {
			p->flags |= TALLY_PNUM_APPROX;
			if (p->op == NULL)
				p->op = suffixes[k].op;
			return i + l;
		}
	}
	return j;
}

/* 余 多 after a number or its multiplier: 10余次, 300多平方米, 5万余元. */
static size_t
read_about(const char *s, size_t n, size_t j, struct tally_prose_num *p)
{
	size_t l;

	if ((l = LIT(s, n, j, "余")) > 0 || (l = LIT(s, n, j, "多")) > 0) {
		p->flags |= TALLY_PNUM_APPROX;
		if (p->op == NULL)
			p->op = OP_GT;
		return j + l;
	}
	return j;
}

/* A multiplier before a unit: 万 亿 千万 百万 万亿 (千 only in 千元). */
static size_t
read_multiplier(const char *s, size_t n, size_t j, int *exp10)
{
	size_t l;

	/* 万 亿 (E4), 千 (E5) and 百 (E7) */
	if (j >= n || ((unsigned char)s[j] != 0xE4 &&
	               (unsigned char)s[j] != 0xE5 && (unsigned char)s[j] != 0xE7)) {
		*exp10 = 0;
		return 0;
	}
	if ((l = LIT(s, n, j, "万亿")) > 0) {
		*exp10 = 12;
		return l;
	}
	if ((l = LIT(s, n, j, "千万")) > 0) {
		*exp10 = 7;
		return l;
	}
	if ((l = LIT(s, n, j, "百万")) > 0) {
		*exp10 = 6;
		return l;
	}
	if ((l = LIT(s, n, j, "亿")) > 0) {
		*exp10 = 8;
		return l;
	}
	if ((l = LIT(s, n, j, "万")) > 0) {
		*exp10 = 4;
		return l;
	}
	if (LIT(s, n, j, "千元") > 0) {
		*exp10 = 3;
		return 3; /* the 千 alone: 元 is read as the unit */
	}
	*exp10 = 0;
	return 0;
}

static const char *
money_text(int exp10)
{
	switch (exp10) {
	case 0:
		return "元";
	case 3:
		return "千元";
	case 4:
		return "万元";
	case 6:
		return "百万元";
	case 7:
		return "千万元";
	case 8:
		return "亿元";
	default:
		return "万亿元";
	}
}

static const char *
multiplier_text(int exp10)
{
	switch (exp10) {
	case 4:
		return "万";
	case 6:
		return "百万";
	case 7:
		return "千万";
	case 8:
		return "亿";
	default:
		return "万亿";
	}
}

/* a followed by b (bl bytes) in the arena: "万" "人次" is "万人次". */
static const char *
join(struct tally_arena *arena, const char *a, const char *b, size_t bl)
{
	size_t al = strlen(a);
	char *p = tally_arena_alloc(arena, al + bl + 1);

	memcpy(p, a, al);
	memcpy(p + al, b, bl);
	p[al + bl] = '\0';
	return p;
}

/* Reads the unit after the number that ends at j: percent, money with
 * its multiplier, a counter, and 余/多/左右/以上 around them.  cn: the
 * number was written in Chinese numerals (its multiplier already read).
 * Returns the end of the token. */
static size_t
read_unit(struct scan *sc, size_t j, struct tok *t, int cn)
{
	const char *s = sc->s;
	size_t n = sc->n, i, l, m;
	struct tally_prose_num *p = &t->num;
	const struct counter *c;
	int exp10 = 0;

	i = skip_inline(s, n, j);
	if ((l = LIT(s, n, i, "%")) > 0 || (l = LIT(s, n, i, "％")) > 0) {
		p->unit = TALLY_Q_PERCENT;
		p->unit_text = "%";
		i += l;
		/* "121.93%%", "69.49%万元": keep the whole fault in the token
		 * so N001 can point at it. */
		m = i;
		while ((l = LIT(s, n, m, "%")) > 0 ||
		       (l = LIT(s, n, m, "％")) > 0)
			m += l;
		if (m == i) {
			if ((l = read_multiplier(s, n, i, &exp10)) > 0)
				m = i + l;
			if ((l = LIT(s, n, m, "元")) > 0)
				m += l;
		}
		if (m > i) {
			p->flags |= TALLY_PNUM_MALFORMED;
			return m;
		}
		return read_suffix(s, n, i, p);
	}
	if ((l = LIT(s, n, i, "‰")) > 0) {
		p->unit = TALLY_Q_PERMILLE;
		p->unit_text = "‰";
		return read_suffix(s, n, i + l, p);
	}

	m = read_about(s, n, i, p);
	if (!cn && (l = read_multiplier(s, n, m, &exp10)) > 0)
		m = read_about(s, n, m + l, p);
	if ((l = LIT(s, n, m, "元")) > 0) {
		p->flags |= TALLY_PNUM_MONEY;
		p->exp10 = exp10;
		p->unit_text = money_text(exp10);
		p->unit = exp10 == 0   ? TALLY_Q_YUAN
		          : exp10 == 4 ? TALLY_Q_WANYUAN
		          : exp10 == 8 ? TALLY_Q_YIYUAN
		                       : TALLY_Q_OTHER;
		return read_suffix(s, n, m + l, p);
	}
	c = counter_at(s, n, m, cn, &l);
	if (c == NULL && m == i && exp10 == 0 && LIT(s, n, m, "来") > 0) {
		/* 十来次: 来 means "about" only before a counter. */
		c = counter_at(s, n, m + 3, cn, &l);
		if (c != NULL) {
			p->flags |= TALLY_PNUM_APPROX;
			if (p->op == NULL)
				p->op = OP_APPROX;
			m += 3;
		}
	}
	if (c != NULL) {
		/* 三分之一 and 3分之1 are fractions, not scores. */
		if (LIT(s, n, m, "分之") > 0)
			return j;
		p->unit = TALLY_Q_OTHER;
		p->exp10 = exp10;
		p->unit_text = exp10 == 0 ? c->text
		                          : join(sc->a, multiplier_text(exp10),
		                                 c->text, c->len);
		return read_suffix(s, n, m + l, p);
	}
	if (exp10 > 0) {
		/* "人员经费201.82万": a bare 万 after money words is 万元. */
		if ((exp10 == 4 || exp10 == 8) && key_is_money(sc, t)) {
			p->flags |= TALLY_PNUM_MONEY | TALLY_PNUM_IMPLIED;
			p->unit = exp10 == 4 ? TALLY_Q_WANYUAN : TALLY_Q_YIYUAN;
			p->unit_text = money_text(exp10);
		} else {
			p->unit = TALLY_Q_OTHER;
			p->unit_text = multiplier_text(exp10);
		}
		p->exp10 = exp10;
		return read_suffix(s, n, m, p);
	}
	/* No unit: 余/多 still count ("10余"), spaces do not. */
	if (m > i)
		return read_suffix(s, n, m, p);
	return read_suffix(s, n, j, p);
}

/* ----------------------------------------------------------------------
 * Numbers written in digits
 * -------------------------------------------------------------------- */

/* Reads a run of digits at j into *v (saturating past 19 digits) and
 * their count into *nd.  Returns the end of the run. */
static size_t
read_int(const char *s, size_t n, size_t j, uint64_t *v, int *nd)
{
	size_t l;
	int d;

	*v = 0;
	*nd = 0;
	while ((d = digit_at(s, n, j, &l)) >= 0) {
		if (*nd < 19)
			*v = *v * 10 + (uint64_t)d;
		(*nd)++;
		j += l;
	}
	return j;
}

/* "9月29日", "10月", "12月份", "5号" after j; returns j when no month. */
static size_t
read_month_day(const char *s, size_t n, size_t j, int *month, int *day)
{
	uint64_t v;
	int nd;
	size_t k, l;

	k = read_int(s, n, j, &v, &nd);
	if (nd < 1 || nd > 2 || v < 1 || v > 12 ||
	    (l = LIT(s, n, k, "月")) == 0)
		return j;
	*month = (int)v;
	k += l;
	k += LIT(s, n, k, "份");
	j = k;
	k = read_int(s, n, j, &v, &nd);
	if (nd >= 1 && nd <= 2 && v >= 1 && v <= 31 &&
	    ((l = LIT(s, n, k, "日")) > 0 || (l = LIT(s, n, k, "号")) > 0)) {
		*day = (int)v;
		return k + l;
	}
	return j;
}

/* 底 末 初 after a date belong to it ("2023年末", "12月底"). */
static size_t
date_tail(const char *s, size_t n, size_t j)
{
	size_t l;

	if ((l = LIT(s, n, j, "底")) > 0 || (l = LIT(s, n, j, "末")) > 0 ||
	    (l = LIT(s, n, j, "初")) > 0)
		return j + l;
	return j;
}

/* A date written with - / or . between its parts: 2023-01-05, 2023/1/5,
 * 2023.1.5, 2023-01.  k is the end of the year's digits. */
static size_t
read_numeric_date(const char *s, size_t n, size_t k, struct tally_prose_num *p)
{
	uint64_t m, d;
	int nm, ndd;
	char sep;
	size_t a, b;

	if (k >= n || (s[k] != '-' && s[k] != '/' && s[k] != '.'))
		return 0;
	sep = s[k];
	a = read_int(s, n, k + 1, &m, &nm);
	if (nm < 1 || nm > 2 || m < 1 || m > 12)
		return 0;
	if (a < n && s[a] == sep) {
		b = read_int(s, n, a + 1, &d, &ndd);
		if (ndd >= 1 && ndd <= 2 && d >= 1 && d <= 31) {
			p->month = (int)m;
			p->day = (int)d;
			return b + LIT(s, n, b, "日");
		}
	}
	/* 2023.12 is a decimal; 2023-12 a month. */
	if (sep == '.' || (a < n && (s[a] == '.' || s[a] == sep)))
		return 0;
	p->month = (int)m;
	return a;
}

/* Bytes of a decimal point (. or ．) at j when a digit follows it. */
static size_t
point_then_digit(const char *s, size_t n, size_t j)
{
	size_t l = j < n && s[j] == '.' ? 1 : LIT(s, n, j, "．"), dl;

	return l > 0 && digit_at(s, n, j + l, &dl) >= 0 ? l : 0;
}

/* 1 when the code point is an arithmetic operator of a formula. */
static int
is_operator(int32_t c)
{
	/* most characters asked lie between ÷ and ﹤ */
	if (c > 0xF7 && c < 0xFE64)
		return 0;
	return c == '+' || c == '>' || c == '<' || c == '=' || c == '*' ||
	       c == '/' || c == 0xFF0B || c == 0xFF1E || c == 0xFF1C ||
	       c == 0xFF1D || c == 0xFE65 || c == 0xFE64 || c == 0xD7 ||
	       c == 0xF7;
}

/* The end of a formula that continues at j ("+1>2", "+N+X"), or j. */
static size_t
read_formula(const char *s, size_t n, size_t j)
{
	size_t l, l2;
	int32_t c, d;

	for (;;) {
		c = cp_at(s, n, j, &l);
		if (l == 0)
			return j;
		if (is_alnum_cp(c) || c == '.') {
			j += l;
			continue;
		}
		d = cp_at(s, n, j + l, &l2);
		if (is_operator(c) && is_alnum_cp(d)) {
			j += l;
			continue;
		}
		return j;
	}
}

/* Range connectors: 3-5次, 90%～95%, 3至5人. */
static size_t
range_connector(const char *s, size_t n, size_t j)
{
	static const struct word conn[] = {W("-"), W("－"), W("–"),  W("—"),
	                                   W("~"), W("～"), W("至"), W("到")};
	size_t k, l, dl;

	/* their first bytes: - ~, EF (－ ～), E2 (– —), E8 (至), E5 (到) */
	if (j >= n)
		return 0;
	switch ((unsigned char)s[j]) {
	case '-':
	case '~':
	case 0xEF:
	case 0xE2:
	case 0xE8:
	case 0xE5:
		break;
	default:
		return 0;
	}
	for (k = 0; k < NELEM(conn); k++)
		if ((l = lit(s, n, j, conn[k].w, conn[k].len)) > 0 &&
		    digit_at(s, n, j + l, &dl) >= 0)
			return l;
	return 0;
}

static void
tok_init(struct tok *t, size_t off)
{
	memset(t, 0, sizeof *t);
	t->num.off = off;
	t->num.unit = TALLY_Q_PLAIN;
	t->num.unit_text = "";
	t->num.key = "";
}

/* Reads the number whose digits start at i + sign (sign: bytes of a sign
 * before them, 0 when none) into t.  Returns the end of the token. */
static size_t
read_digits(struct scan *sc, size_t i, size_t sign, struct tok *t)
{
	const char *s = sc->s;
	size_t n = sc->n, d0 = i + sign, k, kint, e, used, l, st, st2;
	struct tally_prose_num *p = &t->num;
	uint64_t v, v2;
	int nd, nd2, r, year;
	int32_t prev, prev2, c;

	tok_init(t, i);
	k = read_int(s, n, d0, &v, &nd);
	prev = cp_before(s, 0, i, &st);
	if (nd <= 18)
		p->value.coef = (int64_t)v;

	/* What stands before the number decides first: 第8次, G20, N+1. */
	if (sign == 0 && prev == 0x7B2C) { /* 第 */
		const struct counter *cnt = counter_at(s, n, k, 0, &l);

		p->kind = TALLY_PNUM_ORDINAL;
		if (cnt == NULL)
			l = LIT(s, n, k, "届");
		return k + l;
	}
	if (sign == 0 && is_latin(prev)) {
		p->kind = TALLY_PNUM_CODE;
		return read_formula(s, n, k);
	}
	prev2 = cp_before(s, 0, st, &st2);
	if (sign == 0 && is_operator(prev) && is_alnum_cp(prev2)) {
		p->kind = TALLY_PNUM_FORMULA;
		p->value.coef = 0;
		return read_formula(s, n, k);
	}

	/* Years and dates. */
	if (sign == 0 && nd == 4 && v >= 1900 && v <= 2099) {
		year = (int)v;
		if ((l = LIT(s, n, k, "年")) > 0) {
			p->year = year;
			e = k + l;
			e += LIT(s, n, e, "度");
			k = read_month_day(s, n, e, &p->month, &p->day);
			p->kind = k > e ? TALLY_PNUM_DATE : TALLY_PNUM_YEAR;
			return date_tail(s, n, k);
		}
		if ((e = read_numeric_date(s, n, k, p)) > 0) {
			p->year = year;
			p->kind = TALLY_PNUM_DATE;
			return e;
		}
	}
	if (sign == 0 && nd >= 1 && nd <= 2) {
		if ((e = read_month_day(s, n, d0, &p->month, &p->day)) > d0) {
			p->kind = TALLY_PNUM_DATE;
			return date_tail(s, n, e);
		}
		if (v >= 1 && v <= 31 && (l = LIT(s, n, k, "日")) > 0) {
			p->day = (int)v;
			p->kind = TALLY_PNUM_DATE;
			return k + l;
		}
		/* 8时30分, 9点30分, 9:30 (点 alone is a counter: 3点建议). */
		if (v <= 24 &&
		    ((l = LIT(s, n, k, "时")) > 0 ||
		     ((l = LIT(s, n, k, "点")) > 0 &&
		      (digit_at(s, n, k + l, &used) >= 0 ||
		       LIT(s, n, k + l, "钟") || LIT(s, n, k + l, "整") ||
		       LIT(s, n, k + l, "半"))))) {
			p->kind = TALLY_PNUM_TIME;
			e = k + l;
			e += LIT(s, n, e, "钟") + LIT(s, n, e, "整") +
			     LIT(s, n, e, "半");
			k = read_int(s, n, e, &v2, &nd2);
			if (nd2 >= 1 && nd2 <= 2 &&
			    (l = LIT(s, n, k, "分")) > 0)
				e = k + l;
			return e;
		}
		c = cp_at(s, n, k, &l);
		if (v <= 24 && (c == ':' || c == 0xFF1A)) {
			e = read_int(s, n, k + l, &v2, &nd2);
			if (nd2 == 2 && v2 < 60 &&
			    digit_at(s, n, e, &used) < 0) {
				p->kind = TALLY_PNUM_TIME;
				return e;
			}
		}
	}
	if (sign == 0 && (l = LIT(s, n, k, "号")) > 0) {
		p->kind = TALLY_PNUM_DOCNO;
		return k + l;
	}
	if (is_latin(cp_at(s, n, k, &l))) {
		p->kind = TALLY_PNUM_CODE;
		return read_formula(s, n, k);
	}

	/* An amount, a count or a rate. */
	r = tally_dec_parse(s + i, n - i, &p->value, &used);
	e = i + used;
	if (r == TALLY_DEC_EOVERFLOW) {
		p->flags |= TALLY_PNUM_OVERFLOW;
		p->value.coef = 0;
		p->value.scale = 0;
	}
	if (p->value.coef < 0 ||
	    (sign > 0 && s[i] != '+' && LIT(s, n, i, "＋") == 0))
		p->flags |= TALLY_PNUM_NEGATIVE;
	/* "12.3.4": a second point is a fault, not a new number; the token
	 * runs to the last digit. */
	if ((l = point_then_digit(s, n, e)) > 0) {
		p->flags |= TALLY_PNUM_MALFORMED;
		for (;;) {
			if (digit_at(s, n, e, &l) >= 0)
				e += l;
			else if ((l = point_then_digit(s, n, e)) > 0)
				e += l;
			else
				return e;
		}
	}
	c = cp_at(s, n, e, &l);
	if (is_operator(c) && is_alnum_cp(cp_at(s, n, e + l, &used))) {
		p->kind = TALLY_PNUM_FORMULA;
		p->value.coef = 0;
		p->value.scale = 0;
		p->flags &= ~TALLY_PNUM_NEGATIVE;
		return read_formula(s, n, e);
	}
	if (!in_name(sc))
		make_label(sc, t);
	kint = k;
	k = read_unit(sc, e, t, 0);

	/* A service number is written bare: 12345市长热线, 110转接. */
	if (k == e && e == kint && sign == 0 && p->unit == TALLY_Q_PLAIN &&
	    !(p->flags & TALLY_PNUM_OVERFLOW) && is_hotline(v, nd)) {
		p->kind = TALLY_PNUM_PHONE;
		return k;
	}
	if (LIT(s, n, k, "分之") > 0) {
		p->kind = TALLY_PNUM_FORMULA;
		p->value.coef = 0;
		p->value.scale = 0;
		return read_formula(s, n, k + 6);
	}
	if ((l = range_connector(s, n, k)) > 0) {
		p->flags |= TALLY_PNUM_RANGE | TALLY_PNUM_APPROX;
		t->range_next = 1;
		/* 2017-2019年: both ends are years. */
		e = read_int(s, n, k + l, &v2, &nd2);
		if (p->unit == TALLY_Q_PLAIN && nd == 4 && v >= 1900 &&
		    v <= 2099 && nd2 == 4 && LIT(s, n, e, "年") &&
		    p->value.scale == 0) {
			p->kind = TALLY_PNUM_YEAR;
			p->year = (int)v;
			p->flags &= ~(TALLY_PNUM_RANGE | TALLY_PNUM_APPROX);
			t->range_next = 0;
		}
	}
	return k;
}

/* 〔2018〕56号, [2016]71号, ﹝2018﹞110号 at an opening bracket, and a
 * numbering (2) or a note [3] inside a sentence.  Returns the end, or
 * 0. */
static size_t
read_bracket(struct scan *sc, size_t i, size_t ol, int32_t open, struct tok *t)
{
	const char *s = sc->s;
	size_t n = sc->n, k, e, l;
	uint64_t v, v2;
	int nd, nd2;
	int32_t c;

	k = read_int(s, n, i + ol, &v, &nd);
	c = cp_at(s, n, k, &l);
	if (nd == 0 || l == 0)
		return 0;
	/* (2) numbers an item, [3] a note. */
	if ((open == '(' || open == 0xFF08 || open == '[' || open == 0xFF3B) &&
	    nd <= 2 && (c == ')' || c == 0xFF09 || c == ']' || c == 0xFF3D)) {
		tok_init(t, i);
		t->num.kind = TALLY_PNUM_LISTNUM;
		t->num.value.coef = (int64_t)v;
		return k + l;
	}
	if (open == '(' || open == 0xFF08 || nd != 4 || v < 1900 || v > 2099 ||
	    (c != ']' && c != 0xFF3D && c != 0x3015 && c != 0xFE5E &&
	     c != 0x3011))
		return 0;
	tok_init(t, i);
	t->num.kind = TALLY_PNUM_DOCNO;
	t->num.year = (int)v;
	t->num.value.coef = (int64_t)v;
	e = k + l;
	k = read_int(s, n, skip_inline(s, n, e), &v2, &nd2);
	if (nd2 > 0 && nd2 <= 18 && (l = LIT(s, n, k, "号")) > 0) {
		t->num.value.coef = (int64_t)v2;
		return k + l;
	}
	return e;
}

/* ----------------------------------------------------------------------
 * Numbers written in Chinese numerals
 * -------------------------------------------------------------------- */

static int
cn_digit(int32_t c)
{
	switch (c) {
	case 0x96F6: /* 零 */
	case 0x3007: /* 〇 */
		return 0;
	case 0x4E00:
		return 1; /* 一 */
	case 0x4E8C:      /* 二 */
	case 0x4E24:
		return 2; /* 两 */
	case 0x4E09:
		return 3; /* 三 */
	case 0x56DB:
		return 4; /* 四 */
	case 0x4E94:
		return 5; /* 五 */
	case 0x516D:
		return 6; /* 六 */
	case 0x4E03:
		return 7; /* 七 */
	case 0x516B:
		return 8; /* 八 */
	case 0x4E5D:
		return 9; /* 九 */
	default:
		return -1;
	}
}

static int
cn_power(int32_t c)
{
	switch (c) {
	case 0x5341:
		return 1; /* 十 */
	case 0x767E:
		return 2; /* 百 */
	case 0x5343:
		return 3; /* 千 */
	case 0x4E07:
		return 4; /* 万 */
	case 0x4EBF:
		return 8; /* 亿 */
	default:
		return 0;
	}
}

/* The Chinese numerals (一…九 两 十 百 千 万 亿 零), by the bytes of
 * their UTF-8: entry (lead - 0xE4) * 64 + (second & 63) is a mask of the
 * third byte's low six bits.  The scanner asks this of every ideograph,
 * so one load and one shift answer it. */
static const uint64_t cn_numeral_mask[6 * 64] = {
    [0 * 64 + 0x38] = BIT(0) | BIT(3) | BIT(7) | BIT(9) | BIT(36),
    /* E4 B8: 一 七 万 三 两 */
    [0 * 64 + 0x39] = BIT(29),                /* E4 B9: 九 */
    [0 * 64 + 0x3A] = BIT(12) | BIT(20) | BIT(63), /* E4 BA: 二 五 亿 */
    [1 * 64 + 0x05] = BIT(43) | BIT(45),      /* E5 85: 八 六 */
    [1 * 64 + 0x0D] = BIT(1) | BIT(3),        /* E5 8D: 十 千 */
    [1 * 64 + 0x1B] = BIT(27),                /* E5 9B: 四 */
    [3 * 64 + 0x19] = BIT(62),                /* E7 99: 百 */
    [5 * 64 + 0x1B] = BIT(54),                /* E9 9B: 零 */
};

/* 1 when the three bytes at u are a well-formed sequence with lead byte
 * E4..E9 (an ideograph) that is not a Chinese numeral. */
static inline int
plain_ideograph(const unsigned char *u)
{
	unsigned lead = (unsigned)u[0] - 0xE4u;

	return lead < 6u && ((u[1] ^ 0x80u) | (u[2] ^ 0x80u)) < 0x40u &&
	       !((cn_numeral_mask[lead << 6 | (u[1] & 63u)] >> (u[2] & 63u)) &
	         1u);
}

/* 1 when the three bytes at u encode a Chinese numeral. */
static inline int
cn_numeral_bytes(const unsigned char *u)
{
	unsigned lead = (unsigned)u[0] - 0xE4u;

	return lead < 6u && ((u[1] ^ 0x80u) | (u[2] ^ 0x80u)) < 0x40u &&
	       (cn_numeral_mask[lead << 6 | (u[1] & 63u)] >> (u[2] & 63u)) & 1u;
}

#define CN_MAX INT64_C(1000000000000000) /* 10^15: beyond, not a count */

/* Reads a Chinese numeral at j (一百二十, 两千, 三万五千, 十) into *v.
 * Returns the end of the numerals (j when there are none); *v is -1 when
 * the value is too large to be a count, and the whole run is still
 * consumed so the caller never reads its tail again.  *units tells
 * whether a 十/百/千/万/亿 was used (二〇二三 has none). */
static size_t
read_cn_int(const char *s, size_t n, size_t j, int64_t *v, int *units,
            int *ndigits)
{
	int64_t total = 0, section = 0, digit = -1, positional = 0, p10;
	size_t l, k = j;
	int32_t c;
	int d, pw, e, over = 0, adjacent = 0;

	*units = 0;
	*ndigits = 0;
	for (;; k += l) {
		c = cp_at(s, n, k, &l);
		if (l == 0)
			break;
		if ((d = cn_digit(c)) >= 0) {
			/* 十一五, 三五个: two digits in a row are a name or a
			 * guess, unless the first is the 零 of 一百零五. */
			if (digit > 0)
				adjacent = 1;
			digit = d;
			(*ndigits)++;
			if (positional < CN_MAX)
				positional = positional * 10 + d;
			else
				over = 1;
			continue;
		}
		if ((pw = cn_power(c)) == 0)
			break;
		(*units)++;
		if (over)
			continue;
		for (p10 = 1, e = 0; e < pw; e++)
			p10 *= 10;
		if (pw < 4) {
			section += (digit < 0 ? 1 : digit) * p10;
		} else if (total + section + (digit < 0 ? 0 : digit) >
		           CN_MAX / p10) {
			over = 1;
		} else {
			/* 万 and 亿 scale all that came before them. */
			total =
			    (total + section + (digit < 0 ? 0 : digit)) * p10;
			section = 0;
		}
		digit = -1;
		if (section > CN_MAX || total > CN_MAX)
			over = 1;
	}
	if (over || (*units > 0 && adjacent))
		*v = -1;
	else
		*v = *units ? total + section + (digit < 0 ? 0 : digit)
		            : positional;
	return k;
}

/* 百分之九十五, 百分之95, 百分之九十五点五, 千分之三 at i.  Returns the
 * end, or 0. */
static size_t
read_cn_percent(struct scan *sc, size_t i, struct tok *t)
{
	const char *s = sc->s;
	size_t n = sc->n, j, k, l, used;
	struct tally_prose_num *p = &t->num;
	int64_t v, f;
	int units, nd, permille;
	int32_t c;

	if (LIT(s, n, i, "百分之") > 0)
		permille = 0;
	else if (LIT(s, n, i, "千分之") > 0)
		permille = 1;
	else
		return 0;
	j = i + 9;
	tok_init(t, i);
	p->unit = permille ? TALLY_Q_PERMILLE : TALLY_Q_PERCENT;
	p->unit_text = permille ? "‰" : "%";
	if (digit_at(s, n, j, &l) >= 0) {
		if (tally_dec_parse(s + j, n - j, &p->value, &used) ==
		    TALLY_DEC_EOVERFLOW) {
			p->flags |= TALLY_PNUM_OVERFLOW;
			p->value.coef = 0;
			p->value.scale = 0;
		}
		k = j + used;
	} else {
		/* 百分之百 is 100: 百 reads as one hundred. */
		k = read_cn_int(s, n, j, &v, &units, &nd);
		if (k == j || v < 0)
			return 0;
		p->flags |= TALLY_PNUM_CN;
		p->value.coef = v;
		p->value.scale = 0;
		/* 点五: decimals are read digit by digit. */
		if ((l = LIT(s, n, k, "点")) > 0) {
			size_t m = k + l;
			int sc10 = 0;

			f = v;
			for (;;) {
				c = cp_at(s, n, m, &l);
				if (l == 0 || cn_digit(c) < 0 ||
				    sc10 >= TALLY_DEC_MAX_SCALE || f > CN_MAX)
					break;
				f = f * 10 + cn_digit(c);
				sc10++;
				m += l;
			}
			if (sc10 > 0) {
				p->value.coef = f;
				p->value.scale = sc10;
				k = m;
			}
		}
	}
	if (!in_name(sc))
		make_label(sc, t);
	return read_suffix(s, n, k, p);
}

/* A count in Chinese numerals at i: 三项, 两个, 十余次, 三万人.  Returns
 * the end, or 0 with *skip at the end of the numerals so the caller does
 * not read the rest of the same numeral again. */
static size_t
read_cn(struct scan *sc, size_t i, struct tok *t, size_t *skip)
{
	const char *s = sc->s;
	size_t n = sc->n, j, k, l, st;
	int64_t v;
	int units, nd;
	int32_t c, prev;

	*skip = i + 3;
	if ((j = read_cn_percent(sc, i, t)) > 0)
		return j;
	k = read_cn_int(s, n, i, &v, &units, &nd);
	if (k == i)
		return 0;
	*skip = k;
	if (v < 0)
		return 0;
	c = cp_at(s, n, i, &l);
	prev = cp_before(s, 0, i, &st);
	/* Not counts: 二〇二三 (a year spelt out), 第三, 百姓 and 千家万户
	 * (a run must start with a digit or 十), and a bare 一, which is
	 * mostly the article "a" (一个平台, 一项制度). */
	if ((units == 0 && nd > 1) || prev == 0x7B2C || cn_digit(c) == 0 ||
	    (cn_digit(c) < 0 && cn_power(c) != 1) || (v == 1 && k - i == 3))
		return 0;
	/* 三分之一: a fraction, not a count. */
	if ((l = LIT(s, n, k, "分之")) > 0) {
		int64_t v2;
		int u2, nd2;
		size_t e = read_cn_int(s, n, k + l, &v2, &u2, &nd2);

		if (e == k + l)
			return 0;
		*skip = e;
		tok_init(t, i);
		t->num.kind = TALLY_PNUM_FORMULA;
		t->num.flags |= TALLY_PNUM_CN;
		return e;
	}
	j = k;
	if ((l = LIT(s, n, j, "余")) > 0 || (l = LIT(s, n, j, "多")) > 0 ||
	    (l = LIT(s, n, j, "来")) > 0)
		j += l;
	if (counter_at(s, n, j, 1, &l) == NULL && LIT(s, n, j, "元") == 0)
		return 0;
	tok_init(t, i);
	t->num.kind = TALLY_PNUM_QUANTITY;
	t->num.flags |= TALLY_PNUM_CN;
	t->num.value.coef = v;
	if (!in_name(sc))
		make_label(sc, t);
	return read_unit(sc, k, t, 1);
}

/* ----------------------------------------------------------------------
 * Sentences and clauses
 * -------------------------------------------------------------------- */

static void
emit(struct scan *sc, struct tok *t)
{
	struct frame *f = top_frame(sc);
	struct tally_prose_num *p = &t->num;
	struct tok *d;

	if (in_name(sc) &&
	    (p->kind == TALLY_PNUM_QUANTITY || p->kind == TALLY_PNUM_YEAR ||
	     p->kind == TALLY_PNUM_DATE)) {
		p->kind = TALLY_PNUM_NAME;
		p->flags &=
		    ~(TALLY_PNUM_RANGE | TALLY_PNUM_RATE | TALLY_PNUM_SHARE);
		t->range_next = 0;
	} else if (sc->pending_range && p->kind == TALLY_PNUM_QUANTITY) {
		p->flags |= TALLY_PNUM_RANGE | TALLY_PNUM_APPROX;
	}
	/* 占…的 names a share only when a percentage follows: "占已下达额度
	 * 26942600.00元的14.50%" states an amount first. */
	if (p->unit != TALLY_Q_PERCENT && p->unit != TALLY_Q_PERMILLE)
		p->flags &= ~TALLY_PNUM_SHARE;
	sc->pending_range = t->range_next;
	p->sentence = sc->sents.n;
	p->clause = sc->clauses.n;
	d = vec_push(&sc->toks);
	*d = *t;
	/* A number inside a name is a word of it: the label runs on. */
	if (p->kind == TALLY_PNUM_NAME)
		return;
	/* Only amounts make 、 a clause break: "2023年度收、支总计74万元"
	 * is one clause. */
	if (p->kind == TALLY_PNUM_QUANTITY)
		sc->cl_has_num = 1;
	sc->label_start = p->off + p->len;
	if (f != NULL)
		f->had_num = 1;
}

static void
reset_nesting(struct scan *sc)
{
	sc->depth = 0;
	sc->quote = 0;
	sc->title = 0;
}

/* Ends the open clause at `end` (exclusive); the next starts at next. */
static void
close_clause(struct scan *sc, size_t end, size_t next)
{
	struct tally_prose_clause *c;
	size_t lo, hi = end;

	/* Separators left over at the front ("，、") make no clause. */
	lo = trim_front(sc->s, sc->cl_off < end ? sc->cl_off : end, end);
	hi = trim_back(sc->s, lo, hi);
	if (hi > lo) {
		c = vec_push(&sc->clauses);
		c->off = lo;
		c->len = hi - lo;
		c->sentence = sc->sents.n;
		c->first_num = sc->cl_first_num;
		c->nnums = sc->toks.n - sc->cl_first_num;
	}
	sc->cl_off = next;
	sc->cl_first_num = sc->toks.n;
	sc->cl_has_num = 0;
	sc->label_start = next;
}

/* Ends the open sentence: its clause text ends at `end`, the sentence
 * (with its end mark) at `mark_end`. */
static void
close_sentence(struct scan *sc, size_t end, size_t mark_end)
{
	struct tally_prose_sentence *st;
	size_t lo = sc->sent_off, hi = mark_end, k;

	close_clause(sc, end, mark_end);
	while (lo < hi && (k = space_len(sc->s, hi, lo)) > 0)
		lo += k;
	if (sc->clauses.n > sc->sent_first_clause) {
		st = vec_push(&sc->sents);
		st->off = lo;
		st->len = hi > lo ? hi - lo : 0;
		st->first_clause = sc->sent_first_clause;
		st->nclauses = sc->clauses.n - sc->sent_first_clause;
		st->first_num = sc->sent_first_num;
		st->nnums = sc->toks.n - sc->sent_first_num;
	}
	sc->sent_first_clause = sc->clauses.n;
	sc->sent_first_num = sc->toks.n;
	reset_nesting(sc);
	sc->pending_range = 0;
}

/* Bytes of the separator a numbering ends with at s[i]: 、 ． or '.'. */
static size_t
numbering_sep(const unsigned char *u, size_t n, size_t i)
{
	if (i < n && u[i] == '.')
		return 1;
	if (n - i >= 3 && ((u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x81) ||
	                   (u[i] == 0xEF && u[i + 1] == 0xBC && u[i + 2] == 0x8E)))
		return 3;
	return 0;
}

/* 0 when tally_numbering_parse (numbering.c) finds no numbering at
 * s[i..n).  After spaces (ASCII, tab, U+3000, U+00A0) it reads one only
 * at an opening parenthesis or an enclosed numeral (⑴ ① ㉑ ㊱: leads E2
 * and E3), at an ASCII letter right before a separator (、 ． .), or at
 * digits or Chinese numerals followed, after spaces, by a separator.
 * Every sentence start and line break asks, and most start with a word
 * or with "2023年", which this turns away before the full parser runs. */
static int
may_number(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j;

	for (;;) {
		if (i >= n)
			return 0;
		if (u[i] == ' ' || u[i] == '\t')
			i++;
		else if (n - i >= 3 && u[i] == 0xE3 && u[i + 1] == 0x80 &&
		         u[i + 2] == 0x80)
			i += 3;
		else if (n - i >= 2 && u[i] == 0xC2 && u[i + 1] == 0xA0)
			i += 2;
		else
			break;
	}
	if (u[i] == '(' || u[i] == 0xE2 || u[i] == 0xE3 ||
	    (n - i >= 3 && u[i] == 0xEF && u[i + 1] == 0xBC && u[i + 2] == 0x88))
		return 1;
	if ((u[i] | 0x20) >= 'a' && (u[i] | 0x20) <= 'z')
		return numbering_sep(u, n, i + 1) > 0;
	/* the numerals: any run of digits and Chinese numerals, the parser
	 * reads a few of them */
	for (j = i; j < n;) {
		if (u[j] >= '0' && u[j] <= '9')
			j++;
		else if (n - j >= 3 && ((u[j] == 0xEF && u[j + 1] == 0xBC &&
		                         u[j + 2] >= 0x90 && u[j + 2] <= 0x99) ||
		                        cn_numeral_bytes(u + j)))
			j += 3;
		else
			break;
	}
	if (j == i)
		return 0;
	for (;;) {
		if (j < n && (u[j] == ' ' || u[j] == '\t'))
			j++;
		else if (n - j >= 3 && u[j] == 0xE3 && u[j + 1] == 0x80 &&
		         u[j + 2] == 0x80)
			j += 3;
		else if (n - j >= 2 && u[j] == 0xC2 && u[j + 1] == 0xA0)
			j += 2;
		else
			break;
	}
	return numbering_sep(u, n, j) > 0;
}

/* Starts a sentence at i: white space and a numbering ("1." "（二）"
 * "a.") in front of it are not part of it.  Returns where reading goes
 * on. */
static size_t
start_sentence(struct scan *sc, size_t i)
{
	struct tally_numbering num;
	size_t k;

	while ((k = space_len(sc->s, sc->n, i)) > 0)
		i += k;
	if (may_number(sc->s, sc->n, i))
		i += tally_numbering_parse(sc->s + i, sc->n - i, &num);
	sc->sent_off = sc->cl_off = sc->label_start = i;
	return i;
}

/* The end of a sentence's mark at i: more marks and closing quotes or
 * parentheses right after it belong to it ("。”", "？！"). */
static size_t
mark_end(const char *s, size_t n, size_t i)
{
	size_t l;

	for (;;) {
		switch (cp_at(s, n, i, &l)) {
		case 0x3002:
		case 0xFF01:
		case 0xFF1F:
		case '!':
		case '?':
		case 0x201D:
		case 0x2019:
		case 0xFF09:
		case ')':
		case 0x300D:
		case 0x300F:
		case 0x300B:
		case '"':
			i += l;
			break;
		default:
			return i;
		}
	}
}

/* 1 when the full stop at i (of length l) ends a sentence: not inside a
 * Latin word or a file name ("doc.docx", "e.g"). */
static int
stop_ends(const char *s, size_t n, size_t i, size_t l)
{
	size_t st, l2;
	int32_t a = cp_before(s, 0, i, &st), b = cp_at(s, n, i + l, &l2);

	return !(is_alnum_cp(a) && is_alnum_cp(b));
}

/* ASCII bytes the scanner must look at: digits, signs, punctuation
 * that ends a sentence or a clause, brackets and quotes. */
static const unsigned char ascii_special[128] = {
    ['\t'] = 1, ['\n'] = 1, ['!'] = 1, ['"'] = 1, ['('] = 1,
    [')'] = 1,  ['+'] = 1,  [','] = 1, ['-'] = 1, ['.'] = 1,
    [':'] = 1,  [';'] = 1,  ['?'] = 1, ['['] = 1, [']'] = 1,
    ['0'] = 1,  ['1'] = 1,  ['2'] = 1, ['3'] = 1, ['4'] = 1,
    ['5'] = 1,  ['6'] = 1,  ['7'] = 1, ['8'] = 1, ['9'] = 1,
};

#if defined(__SSE2__) && defined(__GNUC__)
/* 1 when the fifteen bytes at u (sixteen readable) are five ideographs
 * that skip_plain passes over: each a lead byte E4..E9 and two
 * continuation bytes, none a numeral.  The bytes' kinds are told sixteen
 * at a time; the numerals' mask is then asked of the five at once. */
static inline int
five_plain(const unsigned char *u)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)u);
	const __m128i zero = _mm_setzero_si128();
	unsigned lead = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
	    _mm_subs_epu8(_mm_sub_epi8(v, _mm_set1_epi8((char)0xE4)),
	    _mm_set1_epi8(5)), zero));
	unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
	    _mm_and_si128(v, _mm_set1_epi8((char)0xC0)),
	    _mm_set1_epi8((char)0x80)));
	uint64_t hit;

	/* leads at 0 3 6 9 12, continuation bytes after each */
	if ((lead & 0x1249u) != 0x1249u || (cont & 0x6DB6u) != 0x6DB6u)
		return 0;
	hit = cn_numeral_mask[(u[0] - 0xE4u) << 6 | (u[1] & 63u)] >>
	      (u[2] & 63u);
	hit |= cn_numeral_mask[(u[3] - 0xE4u) << 6 | (u[4] & 63u)] >>
	       (u[5] & 63u);
	hit |= cn_numeral_mask[(u[6] - 0xE4u) << 6 | (u[7] & 63u)] >>
	       (u[8] & 63u);
	hit |= cn_numeral_mask[(u[9] - 0xE4u) << 6 | (u[10] & 63u)] >>
	       (u[11] & 63u);
	hit |= cn_numeral_mask[(u[12] - 0xE4u) << 6 | (u[13] & 63u)] >>
	       (u[14] & 63u);
	return !(hit & 1u);
}
#endif

/* The first byte at or after i that the scanner must look at: plain
 * ASCII and ideographs that are not numerals are passed over here, in a
 * loop that reads each character once (five ideographs at a time where
 * five_plain can tell, then up to fifteen bytes one by one). */
static size_t
skip_plain(const unsigned char *u, size_t i, size_t n)
{
	size_t lim = n > 2 ? n - 2 : 0, stop;

	while (i < lim) {
#if defined(__SSE2__) && defined(__GNUC__)
		if (n - i >= 16 && five_plain(u + i)) {
			i += 15;
			continue;
		}
		stop = lim - i > 15 ? i + 15 : lim;
#else
		stop = lim;
#endif
		while (i < stop) {
			unsigned b = u[i];

			if (b < 0x80) {
				if (ascii_special[b])
					return i;
				i++;
			} else {
				/* an ideograph that is not a numeral: lead
				 * E4..E9, two continuation bytes (x1, x2 <
				 * 64), not in the numerals' mask */
				unsigned lead = b - 0xE4u,
				         x1 = u[i + 1] ^ 0x80u,
				         x2 = u[i + 2] ^ 0x80u;

				if (lead >= 6u || (x1 | x2) >= 0x40u ||
				    ((cn_numeral_mask[lead << 6 | x1] >> x2) &
				     1u))
					return i;
				i += 3;
			}
		}
	}
	while (i < n && u[i] < 0x80 && !ascii_special[u[i]])
		i++;
	return i;
}

static int
is_sign(int32_t c)
{
	return c == '+' || c == '-' || c == 0x2212 || c == 0xFF0B ||
	       c == 0xFF0D;
}

int
tally_prose_scan(struct tally_arena *arena, const char *text, size_t len,
                 struct tally_prose **out)
{
	struct tally_prose_sentence sbuf[16];
	struct tally_prose_clause cbuf[32];
	struct tok tbuf[32];
	struct tally_numbering nb;
	struct tally_prose *pr;
	struct scan sc;
	struct tok t;
	struct frame *f;
	size_t i, l, e, skip, st, dl, k;
	int32_t c;
	char *keys;

	call_once(&tables_once, tables_init);
	pr = tally_arena_alloc(arena, sizeof *pr);
	*out = pr;
	if (text == NULL) {
		pr->text = "";
		return len > 0 ? -1 : 0;
	}
	memset(&sc, 0, sizeof sc);
	sc.a = arena;
	sc.s = text;
	sc.n = len;
	vec_init(&sc.sents, sbuf, NELEM(sbuf), sizeof sbuf[0]);
	vec_init(&sc.clauses, cbuf, NELEM(cbuf), sizeof cbuf[0]);
	vec_init(&sc.toks, tbuf, NELEM(tbuf), sizeof tbuf[0]);

	i = start_sentence(&sc, 0);
	while (i < len) {
		unsigned char b;

		/* Most of the text is letters and ideographs that neither
		 * start a number nor end a clause: skip them at once. */
		i = skip_plain((const unsigned char *)text, i, len);
		if (i >= len)
			break;
		b = (unsigned char)text[i];
		if (b < 0x80) {
			c = b;
			l = 1;
		} else {
			c = cp_at(text, len, i, &l);
		}
		if (is_digit_cp(c) ||
		    (is_sign(c) && digit_at(text, len, i + l, &dl) >= 0 &&
		     !is_alnum_cp(cp_before(text, 0, i, &st)))) {
			e = read_digits(&sc, i, is_digit_cp(c) ? 0 : l, &t);
			t.num.len = e - i;
			emit(&sc, &t);
			i = e;
			continue;
		}
		/* the numerals but 零 and 〇 lie in 一 (4E00) .. 百 (767E) */
		if (c >= 0x4E00 && c <= 0x767E &&
		    (cn_digit(c) > 0 || cn_power(c) > 0)) {
			e = read_cn(&sc, i, &t, &skip);
			if (e > 0) {
				t.num.len = e - i;
				emit(&sc, &t);
				i = e;
			} else {
				i = skip;
			}
			continue;
		}
		switch (c) {
		case 0x3002: /* 。 */
		case 0xFF01: /* ！ */
		case 0xFF1F: /* ？ */
		case '!':
		case '?':
			e = mark_end(text, len, i + l);
			close_sentence(&sc, i, e);
			i = start_sentence(&sc, e);
			continue;
		case 0xFF1B: /* ； */
		case ';':
			if (sc.depth > 0) {
				sc.label_start = i + l;
				break;
			}
			e = mark_end(text, len, i + l);
			close_sentence(&sc, i, e);
			i = start_sentence(&sc, e);
			continue;
		case '.':
		case 0xFF0E: /* ． */
			if (!stop_ends(text, len, i, l))
				break;
			e = mark_end(text, len, i + l);
			close_sentence(&sc, i, e);
			i = start_sentence(&sc, e);
			continue;
		case '\n':
			if (may_number(text, len, i + 1) &&
			    tally_numbering_parse(text + i + 1, len - i - 1,
			                          &nb) > 0) {
				close_sentence(&sc, i, i);
				i = start_sentence(&sc, i + 1);
				continue;
			}
			close_clause(&sc, i, i + 1);
			reset_nesting(&sc);
			break;
		case 0xFF0C: /* ， */
		case 0xFF1A: /* ： */
		case ',':
		case ':':
		case '\t':
			if (sc.depth > 0)
				sc.label_start = i + l;
			else
				close_clause(&sc, i, i + l);
			break;
		case 0x3001: /* 、 */
			if (sc.depth == 0 && sc.cl_has_num)
				close_clause(&sc, i, i + l);
			break;
		case '(':
		case 0xFF08: /* （ */
		case '[':
		case 0xFF3B: /* ［ */
		case 0x3014: /* 〔 */
		case 0xFE5D: /* ﹝ */
		case 0x3010: /* 【 */
			if ((e = read_bracket(&sc, i, l, c, &t)) > 0) {
				t.num.len = e - i;
				emit(&sc, &t);
				i = e;
				continue;
			}
			if (sc.depth < MAX_FRAMES) {
				f = &sc.frames[sc.depth];
				f->outer = sc.label_start;
				f->open = i;
				f->inner = i + l;
				f->had_num = 0;
			}
			if (sc.depth < INT32_MAX)
				sc.depth++;
			sc.label_start = i + l;
			break;
		case ')':
		case 0xFF09: /* ） */
		case ']':
		case 0xFF3D: /* ］ */
		case 0x3015: /* 〕 */
		case 0xFE5E: /* ﹞ */
		case 0x3011: /* 】 */
			if (sc.depth == 0)
				break;
			f = top_frame(&sc);
			sc.depth--;
			/* "乡镇(街道)138个": a parenthesis without numbers is
			 * part of the label that runs on after it. */
			if (f != NULL && !f->had_num)
				sc.label_start = f->outer;
			else
				sc.label_start = i + l;
			if (f != NULL && f->had_num &&
			    (f = top_frame(&sc)) != NULL)
				f->had_num = 1;
			break;
		case 0x201C: /* “ */
		case 0x2018: /* ‘ */
		case 0x300C: /* 「 */
		case 0x300E: /* 『 */
			if (sc.quote < INT32_MAX)
				sc.quote++;
			break;
		case 0x201D: /* ” */
		case 0x2019: /* ’ */
		case 0x300D: /* 」 */
		case 0x300F: /* 』 */
			if (sc.quote > 0)
				sc.quote--;
			break;
		case '"':
			/* Straight quotes pair with either kind ("“五员"入网").
			 */
			if (sc.quote > 0)
				sc.quote--;
			else
				sc.quote++;
			break;
		case 0x300A: /* 《 */
		case 0x3008: /* 〈 */
			if (sc.title < INT32_MAX)
				sc.title++;
			break;
		case 0x300B: /* 》 */
		case 0x3009: /* 〉 */
			if (sc.title > 0)
				sc.title--;
			break;
		default:
			break;
		}
		i += l > 0 ? l : 1;
	}
	close_sentence(&sc, len, len);

	pr->text = text;
	pr->len = len;
	pr->nsentences = sc.sents.n;
	pr->nclauses = sc.clauses.n;
	pr->nnums = sc.toks.n;
	/* Sentences, clauses, numbers and every key in one block, each part
	 * written in full (a part is NULL when empty). */
	{
		size_t ss = sc.sents.n * sizeof *pr->sentences;
		size_t cs = sc.clauses.n * sizeof *pr->clauses;
		size_t ns = sc.toks.n * sizeof *pr->nums;
		char *m = ss + cs + ns + sc.keys_len > 0
		              ? tally_arena_alloc_raw(arena, ss + cs + ns +
		                                                 sc.keys_len)
		              : NULL;

		if (ss > 0) {
			pr->sentences = (void *)m;
			memcpy(m, sc.sents.p, ss);
		}
		if (cs > 0) {
			pr->clauses = (void *)(m + ss);
			memcpy(m + ss, sc.clauses.p, cs);
		}
		if (ns > 0)
			pr->nums = (void *)(m + ss + cs);
		keys = sc.keys_len > 0 ? m + ss + cs + ns : NULL;
		vec_free(&sc.sents);
		vec_free(&sc.clauses);
	}
	for (k = 0; k < sc.toks.n; k++) {
		struct tok *tk =
		    (struct tok *)(void *)(sc.toks.p + k * sc.toks.size);

		pr->nums[k] = tk->num;
		if (tk->labelled && tk->num.kind == TALLY_PNUM_QUANTITY) {
			memcpy(keys, text + tk->num.label_off, tk->key_len);
			keys[tk->key_len] = '\0';
			pr->nums[k].key = keys;
			keys += tk->key_len + 1;
		} else {
			pr->nums[k].key = "";
			pr->nums[k].label_off = tk->num.off;
			pr->nums[k].label_len = 0;
		}
	}
	vec_free(&sc.toks);
	return 0;
}

/* 1 unless the Chinese numeral c[0..3) is a 一 standing alone (left
 * bytes from c): read_cn turns a bare 一 away (进一步, 一张网: the
 * article "a"), and a run of numerals goes on only with another numeral
 * or 〇. */
static inline int
numeral_may_count(const unsigned char *c, size_t left)
{
	if (c[0] != 0xE4 || c[1] != 0xB8 || c[2] != 0x80)
		return 1;
	return left >= 6 &&
	       (cn_numeral_bytes(c + 3) ||
	        (c[3] == 0xE3 && c[4] == 0x80 && c[5] == 0x87));
}

#if defined(__SSE2__) && defined(__GNUC__)
/* The bytes of the sixteen at u + i that may start a number for
 * may_hold_number (u holds i + 18 bytes at least), bit k for u[i + k]: a
 * digit, or a numeral's or a fullwidth digit's first two bytes (E4
 * B8..BA, E5 85 8D 9B, E7 99, E9 9B, EF BC); candidates_hold_number then
 * looks at their three bytes. */
static inline unsigned
window_candidates(const unsigned char *u, size_t i)
{
	const __m128i zero = _mm_setzero_si128();
	const __m128i v =
	    _mm_loadu_si128((const __m128i *)(const void *)(u + i));
	const __m128i w =
	    _mm_loadu_si128((const __m128i *)(const void *)(u + i + 1));
	__m128i dg, np;

	dg = _mm_cmpeq_epi8(_mm_subs_epu8(_mm_sub_epi8(v,
	    _mm_set1_epi8('0')), _mm_set1_epi8(9)), zero);
	np = _mm_or_si128(
	    _mm_or_si128(
		_mm_and_si128(_mm_cmpeq_epi8(v,
		    _mm_set1_epi8((char)0xE4)),
		    _mm_cmpeq_epi8(_mm_subs_epu8(_mm_sub_epi8(w,
		    _mm_set1_epi8((char)0xB8)), _mm_set1_epi8(2)),
		    zero)),
		_mm_and_si128(_mm_cmpeq_epi8(v,
		    _mm_set1_epi8((char)0xE5)),
		    _mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(w, _mm_set1_epi8((char)0x85)),
		    _mm_cmpeq_epi8(w, _mm_set1_epi8((char)0x8D))),
		    _mm_cmpeq_epi8(w, _mm_set1_epi8((char)0x9B))))),
	    _mm_or_si128(
		_mm_or_si128(
		    _mm_and_si128(_mm_cmpeq_epi8(v,
			_mm_set1_epi8((char)0xE7)),
			_mm_cmpeq_epi8(w, _mm_set1_epi8((char)0x99))),
		    _mm_and_si128(_mm_cmpeq_epi8(v,
			_mm_set1_epi8((char)0xE9)),
			_mm_cmpeq_epi8(w, _mm_set1_epi8((char)0x9B)))),
		_mm_and_si128(_mm_cmpeq_epi8(v,
		    _mm_set1_epi8((char)0xEF)),
		    _mm_cmpeq_epi8(w, _mm_set1_epi8((char)0xBC)))));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(dg, np));
}

/* 1 when one of the candidates m (bit k for byte i + k, from
 * window_candidates) starts a number. */
static inline int
candidates_hold_number(const unsigned char *u, size_t n, size_t i,
    uint32_t m)
{
	while (m != 0) {
		size_t f = i + (size_t)__builtin_ctz(m);
		const unsigned char *c = u + f;

		if (c[0] < 0x80 ||
		    (c[0] == 0xEF ? c[2] - 0x90u < 10u
		                  : cn_numeral_bytes(c) &&
		                        numeral_may_count(c, n - f)))
			return 1;
		m &= m - 1u;
	}
	return 0;
}
#endif

/* 1 when u[0..n) holds an ASCII or a fullwidth digit or the bytes of a
 * Chinese numeral (零 included, a 一 standing alone not) anywhere, even
 * across characters.  The bytes are read sixteen at a time
 * (window_candidates), two windows a turn; the last window overlaps the
 * one before it (a
 * candidate looked at twice answers the same) and ends two bytes before
 * the end, where only a digit can start. */
static int
may_hold_number(const unsigned char *u, size_t n)
{
	size_t i = 0;

#if defined(__SSE2__) && defined(__GNUC__)
	if (n >= 18) {
		const size_t last = n - 18;

		/* two windows a turn while they fit before the last one */
		for (; last - i > 32; i += 32) {
			uint32_t m = window_candidates(u, i) |
			             (uint32_t)window_candidates(u, i + 16) << 16;
			if (m != 0 && candidates_hold_number(u, n, i, m))
				return 1;
		}
		for (; i < last; i += 16)
			if (candidates_hold_number(u, n, i,
			    window_candidates(u, i)))
				return 1;
		if (candidates_hold_number(u, n, last,
		    window_candidates(u, last)))
			return 1;
		i = n - 2;
	}
#endif
	for (; i < n; i++) {
		if (u[i] - (unsigned)'0' < 10u)
			return 1;
		if (n - i >= 3 &&
		    ((u[i] == 0xEF && u[i + 1] == 0xBC && u[i + 2] - 0x90u < 10u) ||
		     (cn_numeral_bytes(u + i) && numeral_may_count(u + i, n - i))))
			return 1;
	}
	return 0;
}

/* Where tally_prose_scan starts reading text: after start_sentence's
 * spaces and numbering (the same steps). */
static size_t
scan_start(const char *text, size_t len)
{
	struct tally_numbering num;
	size_t i = 0, k;

	while ((k = space_len(text, len, i)) > 0)
		i += k;
	if (may_number(text, len, i))
		i += tally_numbering_parse(text + i, len - i, &num);
	return i;
}

int
tally_prose_may_have_numbers(const char *text, size_t len)
{
	size_t i;

	if (text == NULL)
		return len > 0;
	i = scan_start(text, len);
	/* Every number the scan finds starts at a digit (after a sign or a
	 * bracket, too) or at a Chinese numeral other than 零 at or after
	 * there, a run of more than a bare 一 (read_cn); the scan never
	 * reads before where it starts. */
	return may_hold_number((const unsigned char *)text + i, len - i);
}

size_t
tally_prose_start_num(const char *text, size_t len,
    const struct tally_numbering *num)
{
	size_t i = 0, k;

	if (text == NULL)
		return 0;
	/* tally_numbering_parse skips the spaces space_len does but line
	 * breaks: after spaces alone its numbering is the one scan_start
	 * reads after them, which num already tells. */
	while ((k = space_len(text, len, i)) > 0) {
		if (text[i] == '\n' || text[i] == '\r')
			return scan_start(text, len);
		i += k;
	}
	if (num->len > 0 && may_number(text, len, i))
		i = num->len;
	return i;
}

#if defined(__SSE2__) && defined(__GNUC__)
/* The bytes of the sixteen at u that are ASCII digits or start a
 * fullwidth one (EF BC 90..99), bit k for u[k]; u holds eighteen bytes
 * at least. */
static inline unsigned
digit_mask(const unsigned char *u)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)u);
	const __m128i w =
	    _mm_loadu_si128((const __m128i *)(const void *)(u + 1));
	const __m128i x =
	    _mm_loadu_si128((const __m128i *)(const void *)(u + 2));
	const __m128i zero = _mm_setzero_si128();
	__m128i dg = _mm_cmpeq_epi8(_mm_subs_epu8(_mm_sub_epi8(v,
	    _mm_set1_epi8('0')), _mm_set1_epi8(9)), zero);
	__m128i fw = _mm_and_si128(_mm_and_si128(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF)),
	    _mm_cmpeq_epi8(w, _mm_set1_epi8((char)0xBC))),
	    _mm_cmpeq_epi8(_mm_subs_epu8(_mm_sub_epi8(x,
	    _mm_set1_epi8((char)0x90)), _mm_set1_epi8(9)), zero));

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(dg, fw));
}
#endif

/* The first byte at or after i of u[0..n) that is an ASCII digit or
 * starts a fullwidth one, or n. */
static size_t
next_digit(const unsigned char *u, size_t i, size_t n)
{
#if defined(__SSE2__) && defined(__GNUC__)
	if (n >= 18 && i < n - 2) {
		const size_t last = n - 18;
		unsigned m;

		for (; i < last; i += 16)
			if ((m = digit_mask(u + i)) != 0)
				return i + (size_t)__builtin_ctz(m);
		/* the last window, but the bytes before i in it */
		if ((m = digit_mask(u + last) & (0xFFFFu << (i - last))) != 0)
			return last + (size_t)__builtin_ctz(m);
		i = n - 2;
	}
#endif
	for (; i < n; i++)
		if (u[i] - (unsigned)'0' < 10u ||
		    (n - i >= 3 && u[i] == 0xEF && u[i + 1] == 0xBC &&
		    u[i + 2] - 0x90u < 10u))
			return i;
	return n;
}

size_t
tally_prose_next_digit(const char *text, size_t i, size_t n)
{
	return next_digit((const unsigned char *)text, i, n);
}

int
tally_prose_may_have_figures_num(const char *text, size_t len,
    const struct tally_numbering *num)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t i, q;

	if (text == NULL)
		return len > 0;
	i = tally_prose_start_num(text, len, num);
	/* Every number the scan reads from digits starts at a digit (or a
	 * sign, 百分之 or a bracket right before one) at or after i, and the
	 * runs of digits are told apart here as read_digits and read_bracket
	 * tell them: four digits (1900..2099) and 年 after them read as a
	 * YEAR or a DATE (its month and day with it), or, after 第, a Latin
	 * letter or an operator, as an ORDINAL, a CODE or a FORMULA; 〔2018〕
	 * (and 56号 after it) as a DOCNO.  Any other run may be a quantity.
	 * A numbering holds three digits at most: none of those runs. */
	while ((i = next_digit(u, i, len)) < len) {
		unsigned v = 0;
		size_t st, st2, e, k;
		int32_t prev, prev2;
		uint64_t v2;
		int nd2, month, day;

		if (u[i] >= 0x80)
			return 1; /* fullwidth */
		for (q = i; q < len && u[q] - (unsigned)'0' < 10u; q++)
			if (q - i < 4)
				v = v * 10 + (u[q] - (unsigned)'0');
		if (q - i != 4 || v < 1900 || v > 2099 || len - q < 3)
			return 1;
		/* not after a sign (+ - − ＋ －) nor after 之 (百分之) */
		if (i >= 1 && (u[i - 1] == '+' || u[i - 1] == '-'))
			return 1;
		if (i >= 3 &&
		    ((u[i - 3] == 0xE2 && u[i - 2] == 0x88 && u[i - 1] == 0x92) ||
		     (u[i - 3] == 0xEF && u[i - 2] == 0xBC &&
		      (u[i - 1] == 0x8B || u[i - 1] == 0x8D)) ||
		     (u[i - 3] == 0xE4 && u[i - 2] == 0xB9 && u[i - 1] == 0x8B)))
			return 1;
		if (u[q] == 0xE5 && u[q + 1] == 0xB9 && u[q + 2] == 0xB4) {
			/* 年: read_digits */
			prev = cp_before(text, 0, i, &st);
			prev2 = cp_before(text, 0, st, &st2);
			if (prev == 0x7B2C || is_latin(prev) ||
			    (is_operator(prev) && is_alnum_cp(prev2))) {
				i = q;
				continue;
			}
			e = q + 3;
			e += LIT(text, len, e, "度");
			k = read_month_day(text, len, e, &month, &day);
			i = date_tail(text, len, k);
			continue;
		}
		if (i >= 3 && u[i - 3] == 0xE3 && u[i - 2] == 0x80 &&
		    u[i - 1] == 0x94 && u[q] == 0xE3 && u[q + 1] == 0x80 &&
		    u[q + 2] == 0x95) {
			/* 〔2018〕56号: read_bracket */
			e = q + 3;
			k = read_int(text, len, skip_inline(text, len, e), &v2,
			    &nd2);
			i = nd2 > 0 && nd2 <= 18 && LIT(text, len, k, "号") > 0 ?
			    k + 3 : e;
			continue;
		}
		return 1;
	}
	return 0;
}

int
tally_prose_may_have_numbers_num(const char *text, size_t len,
    const struct tally_numbering *num)
{
	size_t i;

	if (text == NULL)
		return len > 0;
	i = tally_prose_start_num(text, len, num);
	return may_hold_number((const unsigned char *)text + i, len - i);
}

const char *
tally_pnum_kind_name(enum tally_pnum_kind kind)
{
	switch (kind) {
	case TALLY_PNUM_QUANTITY:
		return "quantity";
	case TALLY_PNUM_YEAR:
		return "year";
	case TALLY_PNUM_DATE:
		return "date";
	case TALLY_PNUM_TIME:
		return "time";
	case TALLY_PNUM_DOCNO:
		return "docno";
	case TALLY_PNUM_ORDINAL:
		return "ordinal";
	case TALLY_PNUM_LISTNUM:
		return "listnum";
	case TALLY_PNUM_PHONE:
		return "phone";
	case TALLY_PNUM_FORMULA:
		return "formula";
	case TALLY_PNUM_CODE:
		return "code";
	case TALLY_PNUM_NAME:
		return "name";
	}
	return "?";
}
