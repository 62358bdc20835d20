/*
 * prose.c - the P family: the arithmetic that Chinese sentences state.
 * Most figures of a real report live in sentences, not tables: "立案
 * 市、区级案件510966件，结案510829件，结案率达99.97%".  These rules read
 * each paragraph once with tally_prose_scan (model/prose.c) and check
 *
 *   P001  a rate stated with the counts it derives from (结案率 from 立案
 *         and 结案, 执行率 from 预算 and 执行 …), and a share (占总支出的
 *         30.51%, 完成预算的91.49%) against its part and whole;
 *   P002  a figure named by a schema field's label or alias (总支出, 基本
 *         支出 …) against that field in `figures`;
 *   P003  a change (较预算减少0.08万元) against the two levels it
 *         compares, and a growth rate (增长率为85%) against the change and
 *         the level it grew to;
 *   P004  the parts a 其中 lists (or a bracket right after a total, a
 *         colon after it, numbered items announced by "具体内容为：")
 *         against the total they break down;
 *   P005  an amount written in 元 in a report that counts in 万元, when
 *         the report itself shows it means 万元 (a rate that only holds in
 *         万元, the same digits as a 万元 figure, or a 万元 table).
 *
 * It also reads, for the X family (cross.c), what a report says of the
 * previous year (tally_prose_prev_claims).
 *
 * They are heuristics over hand-typed text, so they are warnings and they
 * are written to be precise rather than thorough (DESIGN section 5): a
 * relation is checked only when the sentence says plainly which numbers
 * it relates; an approximate number (约, 余, 以上), a range, a malformed
 * number, a target (目标值95%), a per-unit amount (每人, 各配备) or a
 * list that may be partial (等, 主要有) is never computed with.  A 其中
 * list that is not provably all the parts (基本支出 and 项目支出, a list
 * closed by 其他) must not exceed its total, and is reported short only
 * when one slip of the pen explains the gap; a figure stated rightly
 * elsewhere in the prose is reported wrong only for such a slip too.
 * When in doubt, the rule stays silent.
 *
 * Arithmetic is DESIGN section 4's, as in the A family: a written number
 * stands for its rounding interval, counts written as integers are
 * exact, the parts of a sum are read at the finest precision among them,
 * and a relation holds when the computed interval overlaps the stated
 * one.  Money in 元, 万元 and 亿元 is compared in the coarsest unit
 * involved, so no written precision is invented.  Every finding points at
 * the number it doubts, states stated, computed and tolerance, and quotes
 * the words it read.
 *
 * The rules were written against the sample corpus and then measured on
 * real reports they had not seen; tests/prose/ holds the labelled corpus
 * and the evaluator (make prose-eval).
 *
 * Cost: each paragraph with a digit is scanned once, and what the rules
 * ask of each number (its reading as an amount, its bracket depth, the
 * kind of words naming it) is worked out once; a relation looks back at
 * most a few sentences of its own paragraph; the report-wide look-ups (a
 * label's figure, a budget stated elsewhere, 万元 amounts for P005) go
 * through tables built once per report, figures read only when a mention
 * names them.  Nothing is quadratic in the report.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "lint.h"
#include "internal.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* How far a relation looks back for its total or level: sentences of the
 * same paragraph.  Far enough for "…收、支总计74万元。与上一年度相比…增加
 * 34万元，增长率为85%。主要是…。其中工资福利支出35万元" and no further:
 * beyond that the link between the numbers is a guess. */
#define LOOK_BACK 3

/* Sentences longer than this (in bytes; some 700 characters) are not
 * read: no real sentence states a relation over that length, and the
 * bracket and list scans stay linear in practice on hostile input. */
#define MAX_SENTENCE 2048

/* ======================================================================
 * Text helpers
 * ==================================================================== */

#if defined(__SSE2__) && defined(__GNUC__)
/* The places i..i+15 of s where w (k bytes) may start: its first and
 * last bytes are there (f and l hold them sixteen times).  s must hold
 * i + 15 + k bytes. */
static inline unsigned
find_window(const char *s, size_t i, size_t k, __m128i f, __m128i l)
{
	return (unsigned)_mm_movemask_epi8(_mm_and_si128(
	    _mm_cmpeq_epi8(_mm_loadu_si128(
		(const __m128i *)(const void *)(s + i)), f),
	    _mm_cmpeq_epi8(_mm_loadu_si128(
		(const __m128i *)(const void *)(s + i + k - 1)), l)));
}
#endif

/* Byte offset of w in s[0..n), or -1.  The places w may start at are
 * read sixteen at a time by its first and last bytes (the last of the
 * windows overlaps the one before it: its places were turned away
 * already); a text with fewer places a byte at a time. */
static long
find(const char *s, size_t n, const char *w, size_t k)
{
	size_t i = 0, m;

	if (k == 0 || k > n)
		return -1;
	m = n - k + 1; /* places */
#if defined(__SSE2__) && defined(__GNUC__)
	if (m >= 16) {
		const __m128i f = _mm_set1_epi8(w[0]), l = _mm_set1_epi8(w[k - 1]);
		const size_t last = m - 16;

		for (;; i += 16) {
			unsigned c;
			if (i > last)
				i = last;
			c = find_window(s, i, k, f, l);
			for (; c != 0; c &= c - 1u) {
				size_t p = i + (size_t)__builtin_ctz(c);
				if (memcmp(s + p, w, k) == 0)
					return (long)p;
			}
			if (i == last)
				return -1;
		}
	}
	if (n >= 16) {
		/* fewer places than sixteen: the first bytes of the first
		 * sixteen, the last bytes of the last sixteen */
		unsigned c = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)s),
		    _mm_set1_epi8(w[0])));
		c &= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16)),
		    _mm_set1_epi8(w[k - 1]))) >> (16 - m);
		for (; c != 0; c &= c - 1u) {
			size_t p = (size_t)__builtin_ctz(c);
			if (memcmp(s + p, w, k) == 0)
				return (long)p;
		}
		return -1;
	}
#endif
	for (; i < m; i++)
		if (s[i + k - 1] == w[k - 1] && s[i] == w[0] &&
		    memcmp(s + i, w, k) == 0)
			return (long)i;
	return -1;
}

static inline int
has(const char *s, size_t n, const char *w)
{
	return find(s, n, w, strlen(w)) >= 0;
}

static int
has_any(const char *s, size_t n, const char *const *ws)
{
	for (; *ws; ws++)
		if (has(s, n, *ws))
			return 1;
	return 0;
}

/* Inline, so the length of a literal w is known where it is asked; the
 * last bytes are compared first: most texts end otherwise. */
static inline int
ends(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return k <= n && (k == 0 || s[n - 1] == w[k - 1]) &&
	    memcmp(s + n - k, w, k) == 0;
}

static int
starts(const char *s, size_t n, const char *w)
{
	size_t i;

	for (i = 0; w[i]; i++)
		if (i >= n || s[i] != w[i])
			return 0;
	return 1;
}

static int
starts_any(const char *s, size_t n, const char *const *ws)
{
	for (; *ws; ws++)
		if (starts(s, n, *ws))
			return 1;
	return 0;
}

/* Last occurrence of w in s[0..n), or -1: as find, from the end. */
static long
rfind(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w), m, i;

	if (k == 0 || k > n)
		return -1;
	m = n - k + 1;
#if defined(__SSE2__) && defined(__GNUC__)
	if (m >= 16) {
		const __m128i f = _mm_set1_epi8(w[0]), l = _mm_set1_epi8(w[k - 1]);

		for (i = m - 16;;) {
			unsigned c = find_window(s, i, k, f, l);
			while (c != 0) {
				unsigned b = 31u - (unsigned)__builtin_clz(c);
				if (memcmp(s + i + b, w, k) == 0)
					return (long)(i + b);
				c &= ~(1u << b);
			}
			if (i == 0)
				return -1;
			i = i > 16 ? i - 16 : 0;
		}
	}
#endif
	for (i = m; i-- > 0;)
		if (s[i + k - 1] == w[k - 1] && s[i] == w[0] &&
		    memcmp(s + i, w, k) == 0)
			return (long)i;
	return -1;
}

/* Bytes of the UTF-8 sequence starting with byte c. */
static size_t
u8len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xF0)
		return 4;
	if (c >= 0xE0)
		return 3;
	if (c >= 0xC0)
		return 2;
	return 1;
}

/* 1 when the code points of w appear in s in order, the last ones equal:
 * "实际支出" in "下拨资金实际发生总支出".  For a subject named in short
 * ("实际支出占预算…") whose figure was stated in full a sentence before. */
static int
subsequence(const char *s, size_t n, const char *w, size_t wn)
{
	size_t i = 0, j = 0, last = 0;

	if (wn == 0 || wn > n)
		return 0;
	while (j < wn && i < n) {
		size_t cl = u8len((unsigned char)w[j]);
		if (j + cl <= wn && i + cl <= n && memcmp(s + i, w + j, cl) == 0) {
			j += cl;
			i += cl;
			last = i;
		} else {
			i += u8len((unsigned char)s[i]);
		}
	}
	if (j < wn)
		return 0;
	/* the last character of w ends s */
	return last == n;
}

/* ======================================================================
 * Word lists
 * ==================================================================== */

/* A percentage in a clause with one of these is a goal, not a result:
 * "目标值95%", "力争结案率达到98%". */
static const char *const target_words[] = {
	"目标", "计划", "预计", "预期", "力争", "争取", "要求", "确保",
	"指标值", "标准", "应达", "应不低于", "不低于", "不少于", "考核要求",
	"任务数", NULL,
};

/* A label with one of these names a change, not a level. */
static const char *const change_words[] = {
	"增加", "减少", "增长", "下降", "降低", "上升", "提高", "提升",
	"节约", "节省", "持平", "增幅", "降幅", "增减", "变动", "差额",
	"超支", "压缩", "缩减", "增收", "减收", "增支", "减支", NULL,
};

/* A label that starts with one of these explains something else: the
 * amount is not a total of what follows. */
static const char *const cause_words[] = {
	"主要是", "主要为", "主要原因", "主要用于", "用于", "因为", "由于",
	"原因", "其原因", "系", NULL,
};

/* An amount per something cannot be summed with totals: 每人, 人均,
 * 五个社区各配备1台.  各 alone is not one: 各类诉求, 各项支出 are all of
 * them, so 各 counts only before a verb of giving or doing. */
static const char *const per_words[] = {
	"每", "平均", "人均", "户均", "均为", "单价", "标准为", "/人", "/月",
	"各配备", "各配置", "各开展", "各安排", "各补助", "各发放", "各拨付",
	"各奖励", "各为", "各有", "各设", "各派驻", "各下达", "各分配",
	"各培训", "各建", "各召开", "各举办", "各增加", "各减少", "各提高",
	"各下降", "各增长", "各是", "各支付", "各购置", NULL,
};

/* A list with one of these admits it is not all the parts. */
static const char *const partial_words[] = {
	"等", "主要", "如", "包括", "部分", "以及其他", NULL,
};

/* Words in a bracket that make it a remark, not a breakdown: 核定编制8名
 * (现实有人员10人,超编2人). */
static const char *const remark_words[] = {
	"实有", "现有", "超编", "缺编", "空编", "在编", "在岗", "超出", "超过",
	"缺", "差", "比", "较", "同比", "增", "减", "即", "约", "累计",
	"其中", NULL,
};

/* A part that closes a list: the rest, so the list is all the parts. */
static const char *const rest_words[] = {
	"其他", "其它", "其余", "剩余", "余下", NULL,
};

/* Words that make a mention about another year. */
static const char *const other_year_words[] = {
	"上年", "上一年", "去年", "上年度", "同期", "下年", "明年", "次年",
	"前年", NULL,
};

/* The words that make a change one against the previous year (上年 上一
 * 年 去年 上年度 上一年度 同期 同比) are read by prev_year_named. */

/* Qualifiers that make a figure another figure than the field its label
 * ends with ("三公经费年初预算" is not the budget, "上年项目支出" not this
 * year's). */
static const char *const scope_words[] = {
	"上年", "上一年", "去年", "同期", "下年", "明年", "三公", "政府性基金",
	"国有资本", "专项", "每", "各", "平均", "人均", "其他", "其它", "月",
	"季度", "半年", "累计", "结转", "追加", "调增", "调减", "抽查", "其中",
	"含", "不含", "占", "较", "比", "与", NULL,
};

/* The lists a number's label is read against once (change_words and
 * per_words), indexed by the first character of each word so that a
 * label is read in one pass, not once a word: every paragraph's every
 * number goes through it.  Built once per process, immutable after. */
#define KW_CHANGE 0x01
#define KW_PER    0x02

struct kw {
	const char *w;
	unsigned char len, bits;
};

static struct kw kw_table[128];
static unsigned short kw_start[257]; /* bucket b is [kw_start[b], [b+1]) */
/* kw_first[b & 63] has bit c & 63 when a word starts with a character
 * whose second and third bytes are b and c */
static uint64_t kw_first[64];
static int kw_ascii;       /* a word starts with a byte 80..DF, or with
                            * E0..FF and is shorter than three bytes */
static uint64_t kw_ascii_first[2]; /* the ASCII bytes words start with */
/* The same bits for the first characters of cause_words and cmp_words
 * (a label that starts with one of them has its third byte). */
static uint64_t cause_third, cmp_third, subset_third;
static once_flag kw_once = ONCE_FLAG_INIT;

/* Words that make an amount a comparison base (base_named). */
static const char *const cmp_words[] = {"较", "比", "与", "相比", "同比",
    "对比", NULL};

/* Words that make a count a subset of what a rate counts. */
static const char *const subsets[] = {"按时", "按期", "超时", "超期", "逾期",
    "提前", "及时", "当日", "当天", "直接", "一次性", "首次", NULL};

/* The low six bits of the third bytes of the words (all of three bytes
 * or more, starting with a lead byte). */
static uint64_t
third_bits(const char *const *ws)
{
	uint64_t m = 0;

	for (; *ws; ws++) {
		if ((unsigned char)(*ws)[0] < 0xE0 || strlen(*ws) < 3)
			abort(); /* a static list that breaks the rule: a bug */
		m |= UINT64_C(1) << ((unsigned char)(*ws)[2] & 63);
	}
	return m;
}

static unsigned
kw_hash(const unsigned char *s, size_t n)
{
	if (n >= 3 && s[0] >= 0xE0)
		return (unsigned)(s[0] * 31u + s[1] * 7u + s[2]) & 255u;
	return s[0];
}

static void
kw_build(void)
{
	static const struct {
		const char *const *list;
		unsigned char bits;
	} lists[] = {{change_words, KW_CHANGE}, {per_words, KW_PER}};
	struct kw all[NELEM(kw_table)];
	unsigned count[257] = {0};
	size_t n = 0;

	for (size_t l = 0; l < NELEM(lists); l++)
		for (size_t i = 0; lists[l].list[i] && n < NELEM(all); i++) {
			all[n].w = lists[l].list[i];
			all[n].len = (unsigned char)strlen(all[n].w);
			all[n].bits = lists[l].bits;
			count[kw_hash((const unsigned char *)all[n].w,
			    all[n].len)]++;
			n++;
		}
	kw_start[0] = 0;
	for (size_t b = 0; b < 256; b++)
		kw_start[b + 1] = (unsigned short)(kw_start[b] + count[b]);
	memset(count, 0, sizeof(count));
	for (size_t i = 0; i < n; i++) {
		unsigned b = kw_hash((const unsigned char *)all[i].w, all[i].len);
		kw_table[kw_start[b] + count[b]++] = all[i];
		if ((unsigned char)all[i].w[0] < 0x80)
			kw_ascii_first[(unsigned char)all[i].w[0] >> 6] |=
			    UINT64_C(1) << ((unsigned char)all[i].w[0] & 63);
		else if ((unsigned char)all[i].w[0] < 0xE0 || all[i].len < 3)
			kw_ascii = 1;
		else
			kw_first[(unsigned char)all[i].w[1] & 63] |=
			    UINT64_C(1) << ((unsigned char)all[i].w[2] & 63);
	}
	cause_third = third_bits(cause_words);
	cmp_third = third_bits(cmp_words);
	subset_third = third_bits(subsets);
}

/* The KW_* bits of the words s[0..n) contains.  A character whose second
 * and third bytes no word's first character has starts none of them.
 * (The tables are built by tables_build.) */
static unsigned
kw_scan(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned bits = 0;

	for (size_t i = 0; i < n; i += u8len(u[i])) {
		unsigned b;
		if (u[i] < 0x80) {
			/* "/人": the few ASCII bytes a word starts with */
			if (!((kw_ascii_first[u[i] >> 6] >> (u[i] & 63)) & 1))
				continue;
		} else if (!kw_ascii && (u[i] < 0xE0 || n - i < 3 ||
		    !((kw_first[u[i + 1] & 63] >> (u[i + 2] & 63)) & 1))) {
			continue;
		}
		b = kw_hash(u + i, n - i);
		for (unsigned k = kw_start[b]; k < kw_start[b + 1]; k++)
			if (kw_table[k].len <= n - i &&
			    memcmp(s + i, kw_table[k].w, kw_table[k].len) == 0)
				bits |= kw_table[k].bits;
	}
	return bits;
}

/* The word lists asked of every number's label or clause, read in one
 * pass.  has_any reads the text once a word; these lists (target_words
 * has 16 words, scope_words 31) are compiled once into buckets by
 * kw_hash of their first character, so that a short text is read once,
 * a character at a time, whatever the list.  A word that holds another
 * word of its list is dropped: it cannot be there without the other.  A
 * long text (a paragraph) is still searched a word at a time, which
 * memchr does faster than a loop over its characters.  Built once per
 * process with the KW_* table, immutable after. */
#define WS_MAX 48

struct wordset {
	const char *const *list;
	size_t n;                 /* words kept */
	const char *w[WS_MAX];    /* in bucket order */
	unsigned char len[WS_MAX];
	unsigned char start[257]; /* bucket b is [start[b], start[b + 1]) */
	uint64_t third;           /* low bits of the words' third bytes */
	uint64_t first[64];       /* as kw_first, for these words */
	int ascii;                /* a word starts with a byte below E0 */
};

static struct wordset ws_target = {.list = target_words};
static struct wordset ws_other_year = {.list = other_year_words};
static struct wordset ws_scope = {.list = scope_words};
static struct wordset ws_remark = {.list = remark_words};
static struct wordset ws_partial = {.list = partial_words};
static struct wordset *const wordsets[] = {
	&ws_target, &ws_other_year, &ws_scope, &ws_remark, &ws_partial,
};
static once_flag ws_once = ONCE_FLAG_INIT;

static void
ws_build(struct wordset *ws)
{
	const char *kept[WS_MAX];
	unsigned count[257] = {0}, b;
	size_t n = 0, i, j;

	for (i = 0; ws->list[i]; i++) {
		const char *w = ws->list[i];
		int dropped = 0;
		for (j = 0; ws->list[j] && !dropped; j++) {
			const char *o = ws->list[j];
			/* o inside w (the earlier of two equal words stays) */
			dropped = j != i && strlen(o) <= strlen(w) &&
			    strstr(w, o) != NULL && (strcmp(o, w) != 0 || j < i);
		}
		/* a static list longer than the table, or a word that is
		 * not whole characters, is a bug here */
		if (n == WS_MAX || w[0] == '\0' ||
		    ((unsigned char)w[0] >= 0xE0 && strlen(w) < 3))
			abort();
		if (!dropped)
			kept[n++] = w;
	}
	for (i = 0; i < n; i++)
		count[kw_hash((const unsigned char *)kept[i], strlen(kept[i]))]++;
	ws->start[0] = 0;
	for (b = 0; b < 256; b++)
		ws->start[b + 1] = (unsigned char)(ws->start[b] + count[b]);
	memset(count, 0, sizeof(count));
	for (i = 0; i < n; i++) {
		b = kw_hash((const unsigned char *)kept[i], strlen(kept[i]));
		j = ws->start[b] + count[b]++;
		ws->w[j] = kept[i];
		ws->len[j] = (unsigned char)strlen(kept[i]);
		if ((unsigned char)kept[i][0] < 0xE0)
			ws->ascii = 1;
		else {
			ws->third |= UINT64_C(1) << ((unsigned char)kept[i][2] & 63);
			ws->first[(unsigned char)kept[i][1] & 63] |=
			    UINT64_C(1) << ((unsigned char)kept[i][2] & 63);
		}
	}
	ws->n = n;
}

static void
ws_build_all(void)
{
	for (size_t i = 0; i < NELEM(wordsets); i++)
		ws_build(wordsets[i]);
}

/* Builds the word tables once per process: asked at each entry point
 * (tally_lint_prose, tally_prose_prev_claims), not at each lookup. */
static void
tables_build(void)
{
	call_once(&kw_once, kw_build);
	call_once(&ws_once, ws_build_all);
}

/* has_any(s, n, ws->list), in one pass when s is short. */
static int
ws_has(struct wordset *ws, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n >= 32 * ws->n) {
		for (size_t k = 0; k < ws->n; k++)
			if (find(s, n, ws->w[k], ws->len[k]) >= 0)
				return 1;
		return 0;
	}
	if (!ws->ascii) {
		/* Every word starts with a lead byte E0..FF: the bytes below
		 * are passed, and a character's two other bytes with it; a
		 * word is looked for only where its first character's second
		 * and third bytes stand. */
		for (size_t i = 0; n - i >= 3;) {
			unsigned b;
			if (u[i] < 0xE0) {
				i++;
				continue;
			}
			if ((ws->first[u[i + 1] & 63] >> (u[i + 2] & 63)) & 1) {
				b = kw_hash(u + i, n - i);
				for (unsigned k = ws->start[b]; k < ws->start[b + 1];
				    k++)
					if (ws->len[k] <= n - i &&
					    memcmp(s + i, ws->w[k], ws->len[k]) == 0)
						return 1;
			}
			i += u[i + 1] < 0xE0 && u[i + 2] < 0xE0 ? 3 : 1;
		}
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned b;
		/* no word starts inside a character */
		if ((u[i] & 0xC0) == 0x80)
			continue;
		/* words of three bytes or more that start with a lead byte:
		 * the third byte must be one of theirs */
		if (!ws->ascii && (n - i < 3 ||
		    !((ws->third >> (u[i + 2] & 63)) & 1)))
			continue;
		b = kw_hash(u + i, n - i);
		for (unsigned k = ws->start[b]; k < ws->start[b + 1]; k++)
			if (ws->len[k] <= n - i &&
			    memcmp(s + i, ws->w[k], ws->len[k]) == 0)
				return 1;
	}
	return 0;
}

/* 1 when u[p] ends a word of the previous year: 上年 上一年 去年 (and
 * 上年度 上一年度, which hold them) end in 年 (E5 B9 B4), 同期 and 同比
 * start with 同 and end in 期 (E6 9C 9F) or 比 (E6 AF 94). */
static int
prev_year_at(const unsigned char *u, size_t p)
{
	switch (u[p]) {
	case 0xB4:
		if (p < 2 || u[p - 2] != 0xE5 || u[p - 1] != 0xB9)
			return 0;
		p -= 2; /* the 年 */
		return (p >= 3 && (memcmp(u + p - 3, "上", 3) == 0 ||
		    memcmp(u + p - 3, "去", 3) == 0)) ||
		    (p >= 6 && memcmp(u + p - 6, "上一", 6) == 0);
	case 0x9F:
		return p >= 5 && memcmp(u + p - 5, "同期", 6) == 0;
	case 0x94:
		return p >= 5 && memcmp(u + p - 5, "同比", 6) == 0;
	default:
		return 0;
	}
}

#if defined(__SSE2__) && defined(__GNUC__)
/* The bytes B4, 9F and 94 in u[j..j+16), bit k for u[j + k]. */
static inline unsigned
prev_year_mask(const unsigned char *u, size_t j)
{
	const __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(u + j));

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
	    _mm_cmpeq_epi8(a, _mm_set1_epi8((char)0xB4)),
	    _mm_cmpeq_epi8(a, _mm_set1_epi8((char)0x9F))),
	    _mm_cmpeq_epi8(a, _mm_set1_epi8((char)0x94))));
}

/* prev_year_at of the bytes m tells (bit k for u[j + k], j > 0). */
static inline int
prev_year_hits(const unsigned char *u, size_t j, uint32_t m)
{
	for (; m != 0; m &= m - 1u) {
		size_t p = j + (size_t)__builtin_ctz(m);
		unsigned x = u[p - 1];
		/* the byte before: B9 in 年, 9C in 期, AF in 比 */
		if ((x == 0xB9 || x == 0x9C || x == 0xAF) && prev_year_at(u, p))
			return 1;
	}
	return 0;
}
#endif

/* 1 when s[0..n) holds a word of the previous year (prev_year_at).  So
 * the text is searched for the last bytes of 年, 期 and 比 only, sixteen
 * bytes at a time (the last sixteen overlap the ones before them), and
 * the words checked around each: every report paragraph asks this
 * (tally_prose_prev_claims), and those bytes are rarer than the ones a
 * search word by word stops at. */
static int
prev_year_named(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j = 1;

	if (n < 6)
		return 0;
#if defined(__SSE2__) && defined(__GNUC__)
	/* no word ends at byte 0 */
	if (n >= 17) {
		uint32_t m;

		/* thirty-two bytes a turn, then sixteen */
		for (; j + 32 <= n; j += 32)
			if ((m = prev_year_mask(u, j) |
			    (uint32_t)prev_year_mask(u, j + 16) << 16) != 0 &&
			    prev_year_hits(u, j, m))
				return 1;
		for (; j + 16 <= n; j += 16)
			if (prev_year_hits(u, j, prev_year_mask(u, j)))
				return 1;
		return j < n && prev_year_hits(u, n - 16,
		    prev_year_mask(u, n - 16));
	}
#endif
	for (; j < n; j++)
		if ((u[j] == 0xB4 || u[j] == 0x9F || u[j] == 0x94) &&
		    prev_year_at(u, j))
			return 1;
	return 0;
}

/* ======================================================================
 * Amounts
 * ==================================================================== */

enum cls {
	CLS_NONE = 0,
	CLS_MONEY,  /* 元 万元 亿元 (or 万 implied by the label) */
	CLS_PCT,    /* % ‰ */
	CLS_COUNT,  /* a counter: 件 人 个 … */
	CLS_POINTS, /* 分: scores, rounded */
	CLS_OTHER,  /* a measure: 平方米, 公里 … */
};

struct amt {
	const struct tally_prose_num *n;
	enum cls cls;
	int exp;   /* value × 10^exp in the base unit: 元 for money, % for
	            * percentages (‰ is -1), the unit itself otherwise */
	int exact; /* a count written as an integer */
};

/* Counters, as num.c reads them in figures (分 is not one: scores are
 * rounded).  Persons are one class however they are counted. */
static const char *const counters[] = {
	"件", "人", "个", "次", "人次", "户次", "份", "项", "台", "辆", "名",
	"户", "家", "起", "套", "部", "张", "条", "所", "座", "批", "篇", "场",
	"场次", "期", "类", "处", "间", "本", "册", "位", "支", "只", "块", "宗",
	"笔", "栋", "幢", "架", "艘", "头", "匹", "株", "棵", "盏", "根", "片",
	"口", "村", "组", "队", "届", "轮", "趟", "班", "例", "单", "封", "卷",
	"盒", "天", NULL,
};

static int
is_counter(const char *u)
{
	/* every counter starts with a character of three bytes: its first
	 * byte turns most of them away without a call */
	for (size_t i = 0; counters[i]; i++)
		if (u[0] == counters[i][0] && u[1] == counters[i][1] &&
		    u[2] == counters[i][2] && strcmp(u + 3, counters[i] + 3) == 0)
			return 1;
	return 0;
}

static int
is_person(const char *u)
{
	return strcmp(u, "人") == 0 || strcmp(u, "名") == 0 ||
	    strcmp(u, "位") == 0;
}

/* Reads n as an amount a relation may compute with.  Returns 0 for
 * anything else: another kind of number, an approximate or malformed
 * one, a range, a bare number without a unit, Chinese numerals (两个,
 * 五个社区: names and counts of things, not figures). */
static int
amt_read(const struct tally_prose_num *n, struct amt *a)
{
	memset(a, 0, sizeof(*a));
	if (n->kind != TALLY_PNUM_QUANTITY ||
	    (n->flags & (TALLY_PNUM_APPROX | TALLY_PNUM_RANGE |
	    TALLY_PNUM_MALFORMED | TALLY_PNUM_OVERFLOW | TALLY_PNUM_NEGATIVE |
	    TALLY_PNUM_CN)))
		return 0;
	a->n = n;
	if (n->flags & TALLY_PNUM_MONEY) {
		a->cls = CLS_MONEY;
		a->exp = n->exp10;
	} else if (strcmp(n->unit_text, "%") == 0) {
		a->cls = CLS_PCT;
	} else if (strcmp(n->unit_text, "‰") == 0) {
		a->cls = CLS_PCT;
		a->exp = -1;
	} else if (n->unit_text[0] == '\0') {
		return 0;
	} else if (strcmp(n->unit_text, "分") == 0) {
		a->cls = CLS_POINTS;
	} else if (is_counter(n->unit_text)) {
		a->cls = CLS_COUNT;
		a->exact = n->value.scale == 0;
	} else {
		a->cls = CLS_OTHER;
		a->exp = n->exp10;
	}
	return 1;
}

/* 1 when a and b measure the same kind of thing. */
static int
same_cls(const struct amt *a, const struct amt *b)
{
	if (a->cls != b->cls)
		return 0;
	if (a->cls == CLS_COUNT)
		return strcmp(a->n->unit_text, b->n->unit_text) == 0 ||
		    (is_person(a->n->unit_text) && is_person(b->n->unit_text));
	if (a->cls == CLS_OTHER)
		return strcmp(a->n->unit_text, b->n->unit_text) == 0;
	return 1;
}

/* The value of a in base unit E (E >= a->exp: only decimals are added, the
 * written precision is kept). */
static int
amt_value(const struct amt *a, int E, struct tally_dec *out)
{
	return tally_dec_shift(a->n->value, a->exp - E, out);
}

/* The interval a stands for, in unit E. */
static int
amt_ival(const struct amt *a, int E, struct tally_ival *out)
{
	struct tally_ival iv;
	int rc;

	if (a->exact) {
		struct tally_dec v;
		if ((rc = amt_value(a, E, &v)) != TALLY_DEC_OK)
			return rc;
		*out = tally_ival_exact(v);
		return TALLY_DEC_OK;
	}
	if (a->n->value.scale + 1 > TALLY_DEC_MAX_SCALE)
		return TALLY_DEC_EOVERFLOW;
	if ((rc = tally_ival_written(a->n->value, &iv)) != TALLY_DEC_OK ||
	    (rc = tally_dec_shift(iv.lo, a->exp - E, &out->lo)) != TALLY_DEC_OK ||
	    (rc = tally_dec_shift(iv.hi, a->exp - E, &out->hi)) != TALLY_DEC_OK)
		return rc;
	return TALLY_DEC_OK;
}

/* ======================================================================
 * The report's prose
 * ==================================================================== */

/* What the rules ask of each number, worked out once per paragraph: its
 * reading as an amount, the bracket depth it stands at, and the kind of
 * words that name it. */
struct ninfo {
	struct amt a;
	unsigned char ok;     /* an amount (amt_read) */
	unsigned char flags;  /* NI_* */
	signed char depth;    /* brackets open around it in its sentence */
};

#define NI_CHANGE 0x01 /* named as a change: 增加, 较上年减少 */
#define NI_CAUSE  0x02 /* an aside: 主要用于, 由于 */
#define NI_PER    0x04 /* per something: 每人, 各配备 */
#define NI_BASE   0x08 /* a comparison base: 较2024年的2190万元 */

struct pblock {
	const struct tally_block *b;
	struct tally_prose *pr;
	struct ninfo *info; /* one per number of pr */
	unsigned char *depth_read; /* per sentence: its numbers' depths set */
};

/* An amount found by its words, and where it is. */
struct found {
	struct amt a;
	const struct pblock *pb;
	size_t si;
};

/* A figure of `figures` named by a field's label, read when a mention
 * needs it. */
struct fig {
	const struct tally_schema_field *fd;
	int state;          /* 0 unread, 1 a number, -1 absent or words */
	struct tally_num n;
	const char *path;
	int exp;            /* of n, as tally_num */
};

/* A label or alias of a figure field, for P002; chained by last byte. */
struct lab {
	const char *w;
	size_t len;
	size_t fig;
	size_t next;  /* next label ending in the same byte, or SIZE_MAX */
};

struct pctx {
	const struct tally_report *r;
	struct tally_diags *d;
	struct tally_arena arena;
	struct pblock *blocks;
	size_t nblocks;
	int year;
	int money_exp;     /* of the report's money_unit */
	struct tally_buf zh, en, tmp, expr;
	/* P002: figures with labels, and their labels by last byte */
	struct tally_numctx nc;
	int nc_ready;
	struct fig *figs;
	size_t nfigs;
	struct lab *labs;
	size_t nlabs;
	size_t lab_first[256]; /* first label ending in each byte */
	/* every numeric figure value (the "another figure" guard), in 元 or
	 * as written */
	struct tally_num *allfigs;
	size_t nallfigs, capallfigs;
	int allfigs_read;
	/* P005: amounts the report states in 万元 outside this sentence
	 * (table cells of 万元 tables, figures), as written */
	struct tally_dec *wan;
	size_t nwan, capwan;
	int wan_read;
	/* find_unique's answers: the words asked for are static lists */
	struct memo {
		const char *const *words;
		int min, contains, ok;
		struct found f;
	} memo[8];
	size_t nmemo;
	/* numbers already reported, by rule */
	struct done {
		const struct tally_prose_num *n;
		const char *rule;
	} *done;
	size_t ndone, capdone;
};

/* 1 when n was reported by `rule` (one of P001-P005): a number is
 * reported once per rule; P005 names the root of what P001 would say. */
static int
was_reported(const struct pctx *c, const struct tally_prose_num *n,
    const char *rule)
{
	for (size_t i = 0; i < c->ndone; i++)
		if (c->done[i].n == n && c->done[i].rule[3] == rule[3])
			return 1;
	return 0;
}

static void
mark_reported(struct pctx *c, const struct tally_prose_num *n,
    const char *rule)
{
	if (c->ndone == c->capdone) {
		c->capdone = c->capdone ? 2 * c->capdone : 16;
		c->done = xrealloc(c->done, c->capdone * sizeof(*c->done));
	}
	c->done[c->ndone].n = n;
	c->done[c->ndone].rule = rule;
	c->ndone++;
}

/* The words a number was named by, as written. */
static const char *
lab_of(const struct pblock *pb, const struct tally_prose_num *n, size_t *len)
{
	*len = n->label_len;
	return pb->pr->text + n->label_off;
}

static const struct tally_prose_sentence *
sent(const struct pblock *pb, size_t si)
{
	return &pb->pr->sentences[si];
}

/* The bracket byte at p (of text u ending at end) on the depth *d: ( [ （
 * 【 open, ) ] ） 】 close; any other byte leaves it. */
static inline void
bracket_step(const unsigned char *u, size_t p, size_t end, int *d)
{
	switch (u[p]) {
	case '(':
	case '[':
		(*d)++;
		break;
	case ')':
	case ']':
		if (*d > 0)
			(*d)--;
		break;
	case 0xEF: /* （ ） */
		if (end - p >= 3 && u[p + 1] == 0xBC) {
			if (u[p + 2] == 0x88)
				(*d)++;
			else if (u[p + 2] == 0x89 && *d > 0)
				(*d)--;
		}
		break;
	case 0xE3: /* 【 】 */
		if (end - p >= 3 && u[p + 1] == 0x80) {
			if (u[p + 2] == 0x90)
				(*d)++;
			else if (u[p + 2] == 0x91 && *d > 0)
				(*d)--;
		}
		break;
	default:
		break;
	}
}

/* The brackets （ ( [ 【 opened and ） ) ] 】 closed in t[i..stop) of a
 * sentence that ends at end: *d is the nesting, never below 0.  Returns
 * where it stopped: stop, or up to two bytes past it when stop falls
 * inside a character (whose other bytes hold no bracket).  A character of
 * three bytes is read at once: only its first byte can be a bracket's. */
static size_t
bracket_walk(const char *t, size_t i, size_t stop, size_t end, int *d)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t lim = stop < end ? stop : end;

#if defined(__SSE2__) && defined(__GNUC__)
	/* Sixteen bytes at a time: the walk below lands on every byte that
	 * is not a continuation byte (it passes over continuation bytes
	 * only), and every byte it acts on is one of those.  So the bracket
	 * bytes before the window's last such byte h are taken in order,
	 * and the walk goes on from h, where it would have landed. */
	while (lim - i >= 16 && i < lim) {
		const __m128i v =
		    _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		unsigned lead = 0xFFFFu & ~(unsigned)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xC0)),
		    _mm_set1_epi8((char)0x80)));
		unsigned m, h;
		if ((lead >> 1) == 0)
			break;
		h = 31u - (unsigned)__builtin_clz(lead);
		m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('(')),
		    _mm_cmpeq_epi8(v, _mm_set1_epi8(')'))),
		    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('[')),
		    _mm_cmpeq_epi8(v, _mm_set1_epi8(']')))),
		    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF)),
		    _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE3)))));
		for (m &= (1u << h) - 1u; m != 0; m &= m - 1u)
			bracket_step(u, i + (size_t)__builtin_ctz(m), end, d);
		i += h;
	}
#endif
	while (i < lim) {
		unsigned c0 = u[i];
		bracket_step(u, i, end, d);
		if (c0 - 0xE0u < 16u && end - i >= 3 &&
		    ((u[i + 1] ^ 0x80u) | (u[i + 2] ^ 0x80u)) < 0x40u)
			i += 3;
		else
			i++;
	}
	return i;
}

/* Nesting of brackets at byte `at` of the sentence: （ ( [ 【 open,
 * ） ) ] 】 close.  A parenthesis in the middle of a list is not part of
 * the list ("169件（重点哨1件…），其中：区级哨1件…"). */
static int
depth_at(const struct pblock *pb, size_t si, size_t at)
{
	const struct tally_prose_sentence *s = sent(pb, si);
	int d = 0;

	bracket_walk(pb->pr->text, s->off, at, s->off + s->len, &d);
	return d;
}

/* Sets the depth of every number of sentence si, in one walk over it:
 * asked for only by the rules that need it (P004's lists and brackets). */
static void
read_depths(const struct pblock *pb, size_t si)
{
	const struct tally_prose *pr = pb->pr;
	const struct tally_prose_sentence *s = &pr->sentences[si];
	size_t i = s->off, end = s->off + s->len;
	int d = 0;

	pb->depth_read[si] = 1;
	for (size_t k = s->first_num; k < s->first_num + s->nnums; k++) {
		i = bracket_walk(pr->text, i, pr->nums[k].off, end, &d);
		pb->info[k].depth = (signed char)(d > 100 ? 100 : d);
	}
}

static int cause_named(const struct pblock *pb,
    const struct tally_prose_num *n);
static int base_named(const struct pblock *pb, const struct tally_prose_num *n);

/* Works out pb->info: the word lists once per number; the depths when a
 * rule first asks (read_depths). */
static void
prepare_block(struct tally_arena *arena, struct pblock *pb)
{
	const struct tally_prose *pr = pb->pr;

	pb->info = pr->nnums ? tally_arena_alloc(arena, pr->nnums *
	    sizeof(*pb->info)) : NULL;
	pb->depth_read = pr->nsentences ? tally_arena_alloc(arena,
	    pr->nsentences) : NULL;
	for (size_t si = 0; si < pr->nsentences; si++) {
		const struct tally_prose_sentence *s = &pr->sentences[si];
		for (size_t k = s->first_num; k < s->first_num + s->nnums; k++) {
			const struct tally_prose_num *n = &pr->nums[k];
			struct ninfo *x = &pb->info[k];
			x->ok = (unsigned char)amt_read(n, &x->a);
			if (n->kind != TALLY_PNUM_QUANTITY)
				continue;
			{
				size_t ll;
				const char *l = lab_of(pb, n, &ll);
				unsigned kw = kw_scan(l, ll);
				x->flags = (unsigned char)(
				    (n->direction != 0 || (kw & KW_CHANGE) ?
				    NI_CHANGE : 0) |
				    (cause_named(pb, n) ? NI_CAUSE : 0) |
				    ((kw & KW_PER) ? NI_PER : 0) |
				    (base_named(pb, n) ? NI_BASE : 0));
			}
		}
	}
}

/* The amounts of sentence si, in order. */
static size_t
amts_of(const struct pblock *pb, size_t si, struct amt *out, size_t cap)
{
	const struct tally_prose_sentence *s = sent(pb, si);
	size_t k = 0;

	for (size_t i = s->first_num; i < s->first_num + s->nnums && k < cap;
	    i++)
		if (pb->info[i].ok)
			out[k++] = pb->info[i].a;
	return k;
}

#define MAX_AMTS 64

/* A level: an amount that is neither a change, a rate nor an aside. */

static int
cause_named(const struct pblock *pb, const struct tally_prose_num *n)
{
	size_t ll;
	const char *l = lab_of(pb, n, &ll);

	/* the key is the label's start: reading the label is enough */
	return ll >= 3 && ((cause_third >> ((unsigned char)l[2] & 63)) & 1) &&
	    starts_any(l, ll, cause_words);
}

/* A comparison base: "较2024年的2190万元减少221万元" states 2190 only as
 * what 1969 is compared with. */
static int
base_named(const struct pblock *pb, const struct tally_prose_num *n)
{
	const struct tally_prose_clause *cl = &pb->pr->clauses[n->clause];
	const char *t = pb->pr->text + cl->off;

	return n->off >= cl->off + 3 &&
	    ((cmp_third >> ((unsigned char)t[2] & 63)) & 1) &&
	    starts_any(t, n->off - cl->off, cmp_words);
}

static const struct ninfo *
ni(const struct pblock *pb, const struct tally_prose_num *n)
{
	return &pb->info[n - pb->pr->nums];
}

static int
is_change(const struct pblock *pb, const struct tally_prose_num *n)
{
	return ni(pb, n)->flags & NI_CHANGE;
}

static int
is_cause(const struct pblock *pb, const struct tally_prose_num *n)
{
	return ni(pb, n)->flags & NI_CAUSE;
}

static int
is_base(const struct pblock *pb, const struct tally_prose_num *n)
{
	return ni(pb, n)->flags & NI_BASE;
}

static int
is_per(const struct pblock *pb, const struct tally_prose_num *n)
{
	return ni(pb, n)->flags & NI_PER;
}

/* The bracket depth of n in its sentence (0 for a number outside every
 * sentence's list, as prepare_block left it). */
static int
num_depth(const struct pblock *pb, const struct tally_prose_num *n)
{
	if (n->sentence < pb->pr->nsentences && !pb->depth_read[n->sentence])
		read_depths(pb, n->sentence);
	return ni(pb, n)->depth;
}

static int
is_level(const struct pblock *pb, const struct amt *a)
{
	return a->cls != CLS_PCT && !is_change(pb, a->n) &&
	    !is_cause(pb, a->n) && !is_base(pb, a->n);
}



/* The whole of a share stated inline: "占预算36890100.00元的10.59%",
 * "完成年初预算数60999万元的40.4%" (the percentage follows in the same
 * clause).  It is what a part is compared with, never the part. */
static int
is_reference(const struct pblock *pb, const struct amt *as, size_t na,
    size_t k)
{
	size_t ll;
	const char *l = lab_of(pb, as[k].n, &ll);

	if (has(l, ll, "占"))
		return 1;
	if (!starts(l, ll, "完成") && !starts(l, ll, "相当于"))
		return 0;
	return k + 1 < na && as[k + 1].cls == CLS_PCT &&
	    as[k + 1].n->clause == as[k].n->clause;
}

/* ======================================================================
 * Findings
 * ==================================================================== */

static void
put_both(struct pctx *c, const char *s)
{
	tally_buf_puts(&c->zh, s);
	tally_buf_puts(&c->en, s);
}

/* The words a finding read, as written, between byte offsets from and to
 * of a block's text: at most about 60 characters, the middle elided. */
static void
put_quote(struct pctx *c, const struct pblock *pb, size_t from, size_t to)
{
	const char *t = pb->pr->text;
	size_t n, head = 0, tail, cps = 0, i;

	if (to > pb->pr->len)
		to = pb->pr->len;
	if (from >= to)
		return;
	for (i = from; i < to; i += u8len((unsigned char)t[i]))
		cps++;
	tally_buf_puts(&c->zh, "：“");
	tally_buf_puts(&c->en, ": “");
	if (cps <= 64) {
		tally_buf_put(&c->zh, t + from, to - from);
		tally_buf_put(&c->en, t + from, to - from);
	} else {
		/* 24 characters, an ellipsis, the last 36 (where the number
		 * the finding is about usually is). */
		for (i = from, n = 0; i < to && n < 24; n++)
			i += u8len((unsigned char)t[i]);
		head = i;
		for (i = from, n = 0; i < to && n < cps - 36; n++)
			i += u8len((unsigned char)t[i]);
		tail = i;
		tally_buf_put(&c->zh, t + from, head - from);
		tally_buf_put(&c->en, t + from, head - from);
		put_both(c, "…");
		tally_buf_put(&c->zh, t + tail, to - tail);
		tally_buf_put(&c->en, t + tail, to - tail);
	}
	put_both(c, "”");
}

/* Reports the finding whose messages are in c->zh and c->en at byte off
 * of block pb. */
static void
emit(struct pctx *c, const char *id, const struct pblock *pb, size_t off)
{
	struct tally_pos pos = tally_block_pos(pb->b, off);

	tally_diag_add(c->d, id, c->r->path, pos.line ? pos.line : 1,
	    pos.col ? pos.col : 1, "%s%.0s", "%.0s%s", tally_buf_cstr(&c->zh),
	    tally_buf_cstr(&c->en));
	tally_buf_reset(&c->zh);
	tally_buf_reset(&c->en);
}

/* The number as written: digits only ("510829"), or with its unit when
 * units differ in the expression ("299元"). */
static void
put_num(struct tally_buf *b, const struct amt *a, int with_unit)
{
	char buf[TALLY_DEC_BUFSZ];

	tally_buf_puts(b, tally_dec_format(a->n->value, buf, sizeof(buf)));
	if (with_unit)
		tally_buf_puts(b, a->n->unit_text);
}

/* d (in unit E) shown in unit dexp with at least min_scale decimals. */
static void
put_dec(struct tally_buf *b, struct tally_dec d, int E, int dexp, int min_scale)
{
	char buf[TALLY_DEC_BUFSZ];
	struct tally_dec v;

	if (tally_dec_shift(d, E - dexp, &v) != TALLY_DEC_OK)
		v = d;
	tally_num_fmt_trim(v, min_scale, buf, sizeof(buf));
	tally_buf_puts(b, buf);
}

/* " (允许误差 ±t)" / " (tolerance ±t)", or that the values were exact. */
static void
put_tol(struct pctx *c, int exact, struct tally_dec tol, int E, int dexp)
{
	if (exact) {
		tally_buf_puts(&c->zh, " (精确值，须完全相等)");
		tally_buf_puts(&c->en, " (exact values: must be equal)");
		return;
	}
	tally_buf_reset(&c->tmp);
	put_dec(&c->tmp, tol, E, dexp, 0);
	tally_buf_printf(&c->zh, " (允许误差 ±%s)", tally_buf_cstr(&c->tmp));
	tally_buf_printf(&c->en, " (tolerance ±%s)", tally_buf_cstr(&c->tmp));
}

/* ======================================================================
 * Relations: ratios and sums as intervals
 * ==================================================================== */

/* num ÷ den × 100 (× 1000 for ‰) against the percentage stated. */
struct ratio {
	struct tally_ival iv;     /* computed, in percent of stated's unit */
	struct tally_dec point;   /* the written values divided */
	int point_exact;
	struct tally_ival siv;    /* stated */
	struct tally_dec half;    /* stated's half ulp (0 when exact) */
	int exact;                /* operands exact */
	int holds;
};

/* The interval of a sum of amounts (some maybe negated), one unit class.
 * Exact amounts add exactly; the others are read at the finest precision
 * among them when they share a unit (DESIGN section 4), each at its own
 * otherwise.  *slack gets the operands' share of the tolerance. */
static int
sum_ival(const struct amt *const *parts, const int *neg, size_t n, int E,
    struct tally_ival *out, struct tally_dec *point, struct tally_dec *slack,
    int *all_exact)
{
	struct tally_dec decs[MAX_AMTS], v, half;
	struct tally_ival acc = tally_ival_exact(tally_dec_from_int(0)), iv;
	size_t m = 0;
	int rc, F = 0, one_unit = 1, uexp = 0, first = 1;

	*point = tally_dec_from_int(0);
	*slack = tally_dec_from_int(0);
	*all_exact = 1;
	if (n > MAX_AMTS)
		return TALLY_DEC_EOVERFLOW;
	for (size_t i = 0; i < n; i++) {
		const struct amt *a = parts[i];
		if ((rc = amt_value(a, E, &v)) != TALLY_DEC_OK)
			return rc;
		if (neg && neg[i])
			v = tally_dec_neg(v);
		if ((rc = tally_dec_add(*point, v, point)) != TALLY_DEC_OK)
			return rc;
		if (a->exact) {
			if ((rc = tally_ival_add(acc, tally_ival_exact(v), &acc)) !=
			    TALLY_DEC_OK)
				return rc;
			continue;
		}
		*all_exact = 0;
		if (first)
			uexp = a->exp;
		else if (a->exp != uexp)
			one_unit = 0;
		first = 0;
		decs[m++] = (neg && neg[i]) ? tally_dec_neg(a->n->value) :
		    a->n->value;
		if (a->n->value.scale > F)
			F = a->n->value.scale;
	}
	if (m == 0) {
		*out = acc;
		return TALLY_DEC_OK;
	}
	if (F + 1 > TALLY_DEC_MAX_SCALE)
		return TALLY_DEC_EOVERFLOW;
	if (one_unit) {
		if ((rc = tally_ival_sum_parts(decs, m, &iv)) != TALLY_DEC_OK ||
		    (rc = tally_dec_shift(iv.lo, uexp - E, &iv.lo)) !=
		    TALLY_DEC_OK ||
		    (rc = tally_dec_shift(iv.hi, uexp - E, &iv.hi)) !=
		    TALLY_DEC_OK ||
		    (rc = tally_ival_add(acc, iv, &acc)) != TALLY_DEC_OK)
			return rc;
		half = tally_num_half_ulp(F);
		half.coef *= (int64_t)m;
		if ((rc = tally_dec_shift(half, uexp - E, slack)) != TALLY_DEC_OK)
			return rc;
		*out = acc;
		return TALLY_DEC_OK;
	}
	for (size_t i = 0; i < n; i++) {
		const struct amt *a = parts[i];
		struct tally_dec h;
		if (a->exact)
			continue;
		if ((rc = amt_ival(a, E, &iv)) != TALLY_DEC_OK)
			return rc;
		if (neg && neg[i]) {
			struct tally_dec lo = tally_dec_neg(iv.hi);
			iv.hi = tally_dec_neg(iv.lo);
			iv.lo = lo;
		}
		if ((rc = tally_ival_add(acc, iv, &acc)) != TALLY_DEC_OK ||
		    (rc = tally_dec_shift(tally_num_half_ulp(a->n->value.scale),
		    a->exp - E, &h)) != TALLY_DEC_OK ||
		    (rc = tally_dec_add(*slack, h, slack)) != TALLY_DEC_OK)
			return rc;
	}
	*out = acc;
	return TALLY_DEC_OK;
}

/* The interval of the stated percentage and its half ulp. */
static int
pct_ival(const struct amt *stated, int exact, struct tally_ival *iv,
    struct tally_dec *half)
{
	if (exact) {
		*iv = tally_ival_exact(stated->n->value);
		*half = tally_dec_from_int(0);
		return TALLY_DEC_OK;
	}
	if (stated->n->value.scale + 1 > TALLY_DEC_MAX_SCALE)
		return TALLY_DEC_EOVERFLOW;
	*half = tally_num_half_ulp(stated->n->value.scale);
	return tally_ival_written(stated->n->value, iv);
}

/* num ÷ den (den given as an interval and a point: it may be a sum) in
 * the stated percentage's unit.  Returns TALLY_DEC_OK, or an error when it
 * cannot be checked (a zero denominator included: prose is not the place
 * for A008). */
static int
calc_ratio(const struct tally_ival *ni, struct tally_dec np,
    const struct tally_ival *di, struct tally_dec dp, int exact,
    const struct amt *stated, struct ratio *r)
{
	struct tally_dec f, lo, hi, a;
	struct tally_ival ai;
	int rc, scale;

	memset(r, 0, sizeof(*r));
	f = tally_dec_from_int(stated->exp == -1 ? 1000 : 100);
	if (tally_dec_sign(di->lo) <= 0 || tally_dec_is_zero(dp))
		return TALLY_DEC_EDIVZERO;
	if ((rc = tally_ival_mul(*ni, tally_ival_exact(f), &ai)) != TALLY_DEC_OK)
		return rc;
	scale = stated->n->value.scale + 6;
	if (scale > TALLY_DEC_MAX_SCALE - 2)
		scale = TALLY_DEC_MAX_SCALE - 2;
	if ((rc = tally_ival_div(ai, *di, scale, &r->iv)) != TALLY_DEC_OK)
		return rc;
	if ((rc = tally_dec_mul(np, f, &a)) != TALLY_DEC_OK ||
	    (rc = tally_dec_div(a, dp, stated->n->value.scale + 2,
	    TALLY_ROUND_HALF_UP, &r->point)) != TALLY_DEC_OK ||
	    (rc = tally_dec_div(a, dp, stated->n->value.scale + 2,
	    TALLY_ROUND_FLOOR, &lo)) != TALLY_DEC_OK ||
	    (rc = tally_dec_div(a, dp, stated->n->value.scale + 2,
	    TALLY_ROUND_CEIL, &hi)) != TALLY_DEC_OK)
		return rc;
	r->point_exact = tally_dec_cmp(lo, hi) == 0;
	r->exact = exact;
	/* A percentage is a rounded figure even of exact counts. */
	if ((rc = pct_ival(stated, 0, &r->siv, &r->half)) != TALLY_DEC_OK)
		return rc;
	r->holds = tally_ival_overlaps(r->iv, r->siv);
	return TALLY_DEC_OK;
}

/* The computed side of a ratio: its value, or "lo–hi" when the operands'
 * rounding spreads it wider than the stated's last digit. */
static void
put_ratio_value(struct tally_buf *b, const struct ratio *r,
    const struct amt *stated)
{
	struct tally_dec w, ulp, lo, hi;
	char buf[TALLY_DEC_BUFSZ];
	int s = stated->n->value.scale;
	const char *suffix = stated->exp == -1 ? "‰" : "%";

	ulp.coef = 1;
	ulp.scale = s;
	if (tally_dec_sub(r->iv.hi, r->iv.lo, &w) == TALLY_DEC_OK &&
	    tally_dec_cmp(w, ulp) > 0 &&
	    tally_dec_rescale(r->iv.lo, s + 1, TALLY_ROUND_FLOOR, &lo) ==
	    TALLY_DEC_OK &&
	    tally_dec_rescale(r->iv.hi, s + 1, TALLY_ROUND_CEIL, &hi) ==
	    TALLY_DEC_OK) {
		tally_buf_puts(b, tally_dec_format(lo, buf, sizeof(buf)));
		tally_buf_puts(b, suffix);
		tally_buf_puts(b, "–");
		tally_buf_puts(b, tally_dec_format(hi, buf, sizeof(buf)));
		tally_buf_puts(b, suffix);
		return;
	}
	tally_num_fmt_trim(r->point, r->point_exact ? s : s + 2, buf,
	    sizeof(buf));
	tally_buf_puts(b, buf);
	tally_buf_puts(b, suffix);
}

/* ======================================================================
 * Finding numbers by their words
 * ==================================================================== */

/* One side of a ratio: an amount, or the sum of two (总支出 as 基本支出
 * plus 项目支出 when only the parts are stated). */
struct side {
	const struct amt *a[2];
	size_t n;
};


/* Amount i of sentence si read into f. */
static int
found_at(const struct pblock *pb, size_t si, size_t numi, struct found *f)
{
	if (!pb->info[numi].ok)
		return 0;
	f->a = pb->info[numi].a;
	f->pb = pb;
	f->si = si;
	return 1;
}

/* key ends with w, or w read without its trailing 总额/总数/总量/合计/总计
 * ends key read the same way: "固定资产总额" names "本单位固定资产总量". */
static const struct {
	const char *w;
	size_t len;
} total_suffixes[] = {
#define TS(w) {w, sizeof(w) - 1}
	TS("总额"), TS("总数"), TS("总量"), TS("合计"), TS("总计"), TS("总"),
#undef TS
};

static size_t
strip_total(const char *s, size_t n)
{
	for (size_t i = 0; i < NELEM(total_suffixes); i++) {
		size_t k = total_suffixes[i].len;
		if (k < n && s[n - 1] == total_suffixes[i].w[k - 1] &&
		    memcmp(s + n - k, total_suffixes[i].w, k) == 0)
			return n - k;
	}
	return n;
}

static int
key_names(const char *key, const char *w, size_t wn)
{
	size_t kn = strlen(key), k2, w2;

	if (wn == 0 || kn == 0)
		return 0;
	if (wn <= kn && memcmp(key + kn - wn, w, wn) == 0)
		return 1;
	/* both named as totals, in other words: 固定资产总额 is 本单位固定
	 * 资产总量, but 资产总额 is not 流动资产 */
	k2 = strip_total(key, kn);
	w2 = strip_total(w, wn);
	return k2 < kn && w2 < wn && w2 >= 6 && w2 <= k2 &&
	    memcmp(key + k2 - w2, w, w2) == 0;
}

/* The latest level of class like `like` before byte `before` in sentence
 * si and then in up to LOOK_BACK sentences before it in the block, whose
 * key names w (key_names, or the characters of w in order when fuzzy).
 * Returns 1 and *out. */
static int
find_named(const struct pblock *pb, size_t si, size_t before, const char *w,
    size_t wn, const struct amt *like, int fuzzy, const struct tally_prose_num
    *not, struct found *out)
{
	for (size_t back = 0; back <= LOOK_BACK && back <= si; back++) {
		const struct tally_prose_sentence *s = sent(pb, si - back);
		for (size_t i = s->first_num + s->nnums; i-- > s->first_num;) {
			const struct tally_prose_num *n = &pb->pr->nums[i];
			struct found f;
			if (n->off >= before || n == not ||
			    !found_at(pb, si - back, i, &f) ||
			    (like && !same_cls(&f.a, like)) ||
			    !is_level(pb, &f.a))
				continue;
			if (key_names(n->key, w, wn) || (fuzzy &&
			    subsequence(n->key, strlen(n->key), w, wn))) {
				*out = f;
				return 1;
			}
		}
	}
	return 0;
}

/* Every level in the report whose key ends with one of words and has no
 * scope word in it, when there are at least `min` of them and they all
 * state the same value: "the" budget of a report that states it
 * repeatedly.  Returns 1 and the first in *out. */
static int
find_unique_scan(const struct pctx *c, const char *const *words, enum cls cls,
    int min, int contains, struct found *out)
{
	struct tally_dec v0 = {0, 0};
	int count = 0, E0 = 0;

	for (size_t b = 0; b < c->nblocks; b++) {
		const struct pblock *pb = &c->blocks[b];
		for (size_t si = 0; si < pb->pr->nsentences; si++) {
			const struct tally_prose_sentence *s = sent(pb, si);
			for (size_t i = s->first_num;
			    i < s->first_num + s->nnums; i++) {
				const struct tally_prose_num *n = &pb->pr->nums[i];
				size_t kn, w;
				struct found f;
				int hit = 0;
				if (!pb->info[i].ok || pb->info[i].a.cls != cls)
					continue;
				kn = strlen(n->key);
				for (w = 0; words[w] && !hit; w++)
					hit = contains ? has(n->key, kn, words[w]) :
					    ends(n->key, kn, words[w]);
				if (!hit || !found_at(pb, si, i, &f) ||
				    !is_level(pb, &f.a) ||
				    ws_has(&ws_scope, n->key, kn))
					continue;
				/* compare in the coarser unit, exactly */
				if (count == 0) {
					*out = f;
					v0 = n->value;
					E0 = f.a.exp;
				} else {
					int E = E0 > f.a.exp ? E0 : f.a.exp;
					struct tally_dec a, b2;
					if (tally_dec_shift(v0, E0 - E, &a) !=
					    TALLY_DEC_OK ||
					    tally_dec_shift(n->value, f.a.exp - E,
					    &b2) != TALLY_DEC_OK ||
					    tally_dec_cmp(a, b2) != 0)
						return 0;
				}
				count++;
			}
		}
	}
	return count >= min;
}

/* find_unique_scan, remembered per report: the answer depends on the
 * words only, and a report may ask for its budget at every rate. */
static int
find_unique(struct pctx *c, const char *const *words, enum cls cls, int min,
    int contains, struct found *out)
{
	for (size_t i = 0; i < c->nmemo; i++)
		if (c->memo[i].words == words && c->memo[i].min == min &&
		    c->memo[i].contains == contains) {
			if (c->memo[i].ok)
				*out = c->memo[i].f;
			return c->memo[i].ok;
		}
	if (c->nmemo == NELEM(c->memo))
		return find_unique_scan(c, words, cls, min, contains, out);
	c->memo[c->nmemo].words = words;
	c->memo[c->nmemo].min = min;
	c->memo[c->nmemo].contains = contains;
	c->memo[c->nmemo].ok = find_unique_scan(c, words, cls, min, contains,
	    &c->memo[c->nmemo].f);
	if (c->memo[c->nmemo].ok)
		*out = c->memo[c->nmemo].f;
	return c->memo[c->nmemo++].ok;
}

/* ======================================================================
 * P001: rates and shares
 * ==================================================================== */

/* What a rate's counts are called: the numerator's key contains one of
 * num, the denominator's one of den.  The stem is the two characters
 * before 率. */
struct ratedef {
	const char *stem;
	const char *num[6];
	const char *den[12];
};

static const struct ratedef ratedefs[] = {
	{"结案", {"结案", "办结", NULL},
	    {"立案", "受理", "接到", "接收", "案件", "派遣", "派单", "派发",
	    "上报", "交办", NULL}},
	{"办结", {"办结", "结案", "办理", NULL},
	    {"受理", "接到", "接收", "交办", "派遣", "派单", "转办", "案件",
	    "立案", NULL}},
	{"处置", {"处置", "处理", "办结", NULL},
	    {"接到", "受理", "派遣", "派单", "上报", "发现", "立案", "交办",
	    "接收", NULL}},
	{"归档", {"归档", NULL}, {"上报", "受理", "立案", "录入", NULL}},
	{"调成", {"调成", "调解成功", "化解", NULL},
	    {"录入", "排查", "受理", "调解", "纠纷", NULL}},
	{"化解", {"化解", "调成", NULL},
	    {"排查", "受理", "录入", "纠纷", NULL}},
	{"办理", {"办理", "办结", NULL}, {"受理", "接到", "交办", NULL}},
	{"执行", {"执行", "支出", "决算", "使用", NULL}, {"预算", NULL}},
	{"使用", {"使用", "支出", NULL},
	    {"到位", "拨付", "下达", "预算", NULL}},
	{"支付", {"支付", "支出", NULL},
	    {"到位", "拨付", "下达", "预算", NULL}},
	{"到位", {"到位", "收到", "拨付", "下达", NULL},
	    {"预算", "批复", "安排", NULL}},
	{"得分", {"得分", NULL}, {"满分", "分值", "总分", NULL}},
	{"完成", {"完成", NULL}, {"计划", "目标", "任务", NULL}},
	{"回收", {"回收", "收回", NULL}, {"发放", "发出", NULL}},
	{"合格", {"合格", NULL}, {"检查", "抽查", "检测", "抽检", NULL}},
};

/* The length of a rate's name in its key: up to 率, past the words a
 * writer adds after it ("结案率稳定维持在99.5%" is 结案率); 0 when the key
 * does not name a rate. */
static size_t
rate_len(const char *key)
{
	static const char *const adverbs[] = {"稳定", "维持", "保持", "始终",
	    "一直", "均", "都", "达到", "达", "在", "为", "已", "分别", NULL};
	size_t n = strlen(key);
	long r = rfind(key, n, "率");
	size_t e;

	if (r < 0)
		return 0;
	e = (size_t)r + 3;
	for (size_t i = e; i < n;) {
		size_t k;
		for (k = 0; adverbs[k]; k++)
			if (starts(key + i, n - i, adverbs[k]))
				break;
		if (adverbs[k] == NULL)
			return 0;
		i += strlen(adverbs[k]);
	}
	return e;
}

static const struct ratedef *
ratedef_of(const char *key)
{
	size_t n = rate_len(key);

	/* two CJK characters and 率 */
	if (n < 9)
		return NULL;
	for (size_t i = 0; i < NELEM(ratedefs); i++)
		if (memcmp(key + n - 9, ratedefs[i].stem, 6) == 0)
			return &ratedefs[i];
	return NULL;
}

/* Words of a clause before a percentage that make it a goal. */
static int
is_target(const struct pblock *pb, const struct tally_prose_num *r)
{
	const struct tally_prose_clause *cl = &pb->pr->clauses[r->clause];
	size_t ll;
	const char *l = lab_of(pb, r, &ll);

	if (ws_has(&ws_target, l, ll))
		return 1;
	if (r->off > cl->off && ws_has(&ws_target, pb->pr->text + cl->off,
	    r->off - cl->off))
		return 1;
	return 0;
}

/* Full marks are a definition: exact. */
static void
exact_if_full_marks(struct amt *a)
{
	if (a->cls == CLS_POINTS && (has(a->n->key, strlen(a->n->key),
	    "满分") || has(a->n->key, strlen(a->n->key), "分值")))
		a->exact = 1;
}

/* The interval and written value of one side of a ratio in unit E. */
static int
side_ival(const struct side *s, int E, struct tally_ival *iv,
    struct tally_dec *point, int *exact)
{
	struct tally_dec slack;

	return sum_ival(s->a, NULL, s->n, E, iv, point, &slack, exact);
}

static int
side_exp(const struct side *s, int E)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->a[i]->exp > E)
			E = s->a[i]->exp;
	return E;
}

static void
put_side(struct tally_buf *b, const struct side *s, int units)
{
	if (s->n > 1)
		tally_buf_puts(b, "(");
	for (size_t i = 0; i < s->n; i++) {
		if (i > 0)
			tally_buf_puts(b, " + ");
		put_num(b, s->a[i], units);
	}
	if (s->n > 1)
		tally_buf_puts(b, ")");
}

static int
sides_mixed_units(const struct side *a, const struct side *b)
{
	const char *u = a->a[0]->n->unit_text;

	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->a[i]->n->unit_text, u) != 0)
			return 1;
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->a[i]->n->unit_text, u) != 0)
			return 1;
	return 0;
}

/* num ÷ den against the stated percentage.  Returns 1 when it holds, 0
 * when not, -1 when it cannot be checked; fills r. */
static int
ratio_of(const struct side *num, const struct side *den,
    const struct amt *stated, struct ratio *r)
{
	struct tally_ival ni, di;
	struct tally_dec np, dp;
	int E, nx, dx;

	E = side_exp(den, side_exp(num, -100));
	if (side_ival(num, E, &ni, &np, &nx) != TALLY_DEC_OK ||
	    side_ival(den, E, &di, &dp, &dx) != TALLY_DEC_OK ||
	    calc_ratio(&ni, np, &di, dp, nx && dx, stated, r) != TALLY_DEC_OK)
		return -1;
	return r->holds;
}

/* A money slip (P005) as the reason a ratio fails: one operand in 元 in a
 * report that counts in 万元, beside 万元 amounts, with which read as 万元
 * the ratio holds.  Reports P005 and returns 1; 0 when that is not it. */
static int p005_ratio(struct pctx *c, const struct pblock *pb,
    const struct side *num, const struct side *den, const struct amt *stated);

/* Checks num ÷ den = stated and reports P001 at the stated rate.  name is
 * the rate's words ("结案率"); from is where the quote starts. */
static void
check_ratio(struct pctx *c, const struct pblock *pb, const char *name,
    size_t namelen, const struct side *num, const struct side *den,
    const struct amt *stated, size_t from)
{
	struct ratio r;
	int units;

	if (was_reported(c, stated->n, "P001") ||
	    was_reported(c, stated->n, "P005"))
		return;
	/* a part over itself says nothing (the part may be in a sum that
	 * stands for the whole) */
	if (num->n == 1 && den->n == 1 && num->a[0]->n == den->a[0]->n)
		return;
	if (ratio_of(num, den, stated, &r) != 0)
		return;
	if (p005_ratio(c, pb, num, den, stated))
		return;
	units = sides_mixed_units(num, den);
	tally_buf_put(&c->zh, name, namelen);
	tally_buf_put(&c->en, name, namelen);
	tally_buf_reset(&c->expr);
	tally_buf_puts(&c->expr, " ");
	put_num(&c->expr, stated, 1);
	put_both(c, tally_buf_cstr(&c->expr));
	tally_buf_puts(&c->zh, " ≠ ");
	tally_buf_puts(&c->en, " != ");
	tally_buf_reset(&c->expr);
	put_side(&c->expr, num, units);
	tally_buf_puts(&c->expr, " ÷ ");
	put_side(&c->expr, den, units);
	tally_buf_puts(&c->expr, " = ");
	put_ratio_value(&c->expr, &r, stated);
	put_both(c, tally_buf_cstr(&c->expr));
	put_tol(c, 0, r.half, 0, 0);
	put_quote(c, pb, from, stated->n->off + stated->n->len);
	mark_reported(c, stated->n, "P001");
	emit(c, "P001", pb, stated->n->off);
}

/* The earliest byte a quote about amounts of sentence si should start
 * at: the label of the first of them in the sentence. */
static size_t
quote_from(const struct pblock *pb, size_t si, const struct amt *const *as,
    size_t n, size_t dflt)
{
	size_t from = dflt;
	const struct tally_prose_sentence *s = sent(pb, si);

	for (size_t i = 0; i < n; i++) {
		const struct tally_prose_num *x = as[i]->n;
		size_t o = x->label_len ? x->label_off : x->off;
		if (x->off >= s->off && x->off < s->off + s->len && o < from)
			from = o;
	}
	return from;
}

/* The subsets words key holds, a bit each (bit i for subsets[i]).  All
 * start with a byte E4..E9: the key is read once, and the words are
 * compared only where one of those stands. */
static unsigned
subset_words(const char *key)
{
	size_t n = strlen(key);
	unsigned bits = 0;

	for (size_t p = 0; p + 6 <= n; p++) {
		if ((unsigned char)key[p] - 0xE4u >= 6u ||
		    !((subset_third >> ((unsigned char)key[p + 2] & 63)) & 1))
			continue;
		for (size_t i = 0; subsets[i]; i++) {
			const char *w = subsets[i];
			size_t k = w[6] == '\0' ? 6 : 9;
			if (key[p + 1] == w[1] && key[p + 2] == w[2] &&
			    key[p] == w[0] && k <= n - p &&
			    memcmp(key + p + 3, w + 3, k - 3) == 0)
				bits |= 1u << i;
		}
	}
	return bits;
}

/* A rate named by its key (结案率, 资金使用率) with its counts in the same
 * sentence. */
static void
rate_counts(struct pctx *c, const struct pblock *pb, size_t si,
    struct amt *as, size_t ri, size_t lo)
{
	const struct amt *R = &as[ri];
	const struct ratedef *rd = ratedef_of(R->n->key);
	const struct amt *num = NULL, *den = NULL, *q[2];
	struct side ns, ds;
	struct found uf;
	size_t i;
	char due[16];

	if (rd == NULL)
		return;
	/* 应结案972件: what should have been closed, the base of 结案率 */
	{
		/* snprintf(due, sizeof(due), "应%s", rd->stem), without the
		 * format */
		size_t sl = strlen(rd->stem);
		if (sl > sizeof(due) - 4)
			sl = sizeof(due) - 4;
		memcpy(due, "应", 3);
		memcpy(due + 3, rd->stem, sl);
		due[3 + sl] = '\0';
	}
	/* the numerator: the latest count named by the rate's own verb
	 * (办结 for 办结率), else by a synonym; not one still in progress
	 * (办理中) */
	for (int pass = 0; pass < 2 && num == NULL; pass++)
		for (i = ri; i-- > lo;) {
			const char *k = as[i].n->key;
			size_t kn = strlen(k);
			if (as[i].cls == CLS_PCT || !is_level(pb, &as[i]) ||
			    is_per(pb, as[i].n) || ends(k, kn, "中") ||
			    has(k, kn, "正在") || has(k, kn, due))
				continue;
			if (pass == 0 ? has(k, kn, rd->stem) :
			    has_any(k, kn, rd->num)) {
				num = &as[i];
				break;
			}
		}
	if (num == NULL)
		return;
	/* 按时结案597件 is not what 结案率 counts (按时 and 超时 both are),
	 * nor 结案 what 按时结案率 does */
	if (subset_words(R->n->key) != subset_words(num->n->key))
		return;
	/* the denominator: what was due (应结案), else named by the rate's
	 * base, the latest first; else the one count just before the
	 * numerator */
	for (i = ri; i-- > 0 && den == NULL;)
		if (&as[i] != num && as[i].cls != CLS_PCT &&
		    same_cls(&as[i], num) && !is_per(pb, as[i].n) &&
		    has(as[i].n->key, strlen(as[i].n->key), due))
			den = &as[i];
	for (i = ri; i-- > 0 && den == NULL;) {
		if (&as[i] == num || as[i].cls == CLS_PCT ||
		    !same_cls(&as[i], num) || !is_level(pb, &as[i]) ||
		    is_per(pb, as[i].n))
			continue;
		if (has_any(as[i].n->key, strlen(as[i].n->key), rd->den) &&
		    !has_any(as[i].n->key, strlen(as[i].n->key), rd->num))
			den = &as[i];
	}
	if (den == NULL && num > as + lo) {
		const struct amt *p = num - 1;
		if (p->cls != CLS_PCT && same_cls(p, num) && is_level(pb, p) &&
		    !is_per(pb, p->n) && p->n->clause + 1 >= num->n->clause)
			den = p;
	}
	ns.a[0] = num;
	ns.n = 1;
	if (den == NULL) {
		/* Money rates (执行率, 到位率) against a budget the report
		 * states more than once, always the same. */
		if (num->cls != CLS_MONEY || strcmp(rd->stem, "得分") == 0 ||
		    !find_unique(c, rd->den, CLS_MONEY, 2, 1, &uf))
			return;
		ds.a[0] = &uf.a;
		ds.n = 1;
		q[0] = num;
		check_ratio(c, pb, R->n->key, rate_len(R->n->key), &ns, &ds, R,
		    quote_from(pb, si, q, 1, R->n->off));
		return;
	}
	{
		struct amt nn = *num, dd = *den;
		exact_if_full_marks(&nn);
		exact_if_full_marks(&dd);
		if (nn.cls == CLS_POINTS && dd.exact && nn.n->value.scale == 0)
			nn.exact = 1;
		ns.a[0] = &nn;
		ds.a[0] = &dd;
		ds.n = 1;
		q[0] = num;
		q[1] = den;
		check_ratio(c, pb, R->n->key, rate_len(R->n->key), &ns, &ds, R,
		    quote_from(pb, si, q, 2, R->n->off));
	}
}

/* Words that stand for the whole a 其中 list breaks down. */
static const char *const generic_wholes[] = {
	"总数", "总额", "总量", "合计", "总计", "总体", "全部", "整体", "总和",
	NULL,
};

/* Names of total expenditure, which is 基本支出 + 项目支出 when only the
 * parts are stated. */
static const char *const expenditure_wholes[] = {
	"总支出", "支出", "整体支出", "部门整体支出", "支出总额", "支出总计",
	"财务总支出", NULL,
};
static const char *const basic_names[] = {"基本支出", "基本支出数", NULL};
static const char *const project_names[] = {"项目支出", "项目支出数", NULL};

static int qizhong_total(const struct pblock *pb, size_t si, size_t at,
    struct found *out);

/* The total of the 其中 list that byte `off` of sentence si is in: a 其中
 * before it in the sentence, or in the sentences before it that the list
 * runs through (they end with ；). */
static int
enclosing_total(const struct pblock *pb, size_t si, size_t off,
    struct found *out)
{
	const char *t = pb->pr->text;

	for (size_t back = 0; back <= 24 && back <= si; back++) {
		const struct tally_prose_sentence *s = sent(pb, si - back);
		size_t end = back == 0 ? off : s->off + s->len;
		long q;
		if (back > 0 && !(ends(t + s->off, s->len, "；") ||
		    ends(t + s->off, s->len, ";")))
			return 0;
		if (end > s->off &&
		    (q = rfind(t + s->off, end - s->off, "其中")) >= 0)
			return qizhong_total(pb, si - back, s->off + (size_t)q,
			    out);
	}
	return 0;
}

/* A share: "基本支出数为128.93万元，占总支出的30.51%", "占预算36890100.00
 * 元的10.59%", "完成预算的91.49%". */
static void
share(struct pctx *c, const struct pblock *pb, size_t si, struct amt *as,
    size_t ri, const struct amt *prev_num, int after_share,
    struct amt *used_num, int *used)
{
	const struct amt *R = &as[ri], *num = NULL;
	struct found dn, nm, bs, pj;
	struct side ns, ds;
	const struct amt *q[3];
	size_t ll, wl = 0, subl = 0, i;
	const char *l = lab_of(pb, R->n, &ll), *w = NULL, *sub = NULL;
	long at;
	int explicit_den = 0;

	memset(&ds, 0, sizeof(ds));
	/* "…占预算36890100.00元的10.59%": the whole is the amount before,
	 * in the same clause, whose label has 占 */
	if ((ll == 0 || strcmp(R->n->key, "的") == 0 || ll <= 3) && ri > 0 &&
	    as[ri - 1].n->clause == R->n->clause &&
	    as[ri - 1].cls != CLS_PCT) {
		size_t ql;
		const char *ql_s = lab_of(pb, as[ri - 1].n, &ql);
		/* "…占预算36890100.00元的10.59%", "累计完成24627万元，完成
		 * 年初预算数60999万元的40.4%" */
		if ((at = rfind(ql_s, ql, "占")) < 0 &&
		    !starts(ql_s, ql, "完成") && !starts(ql_s, ql, "相当于"))
			return;
		sub = ql_s;
		subl = at < 0 ? 0 : (size_t)at;
		ds.a[0] = &as[ri - 1];
		ds.n = 1;
		explicit_den = 1;
	} else if ((at = rfind(l, ll, "占")) >= 0) {
		sub = l;
		subl = (size_t)at;
		w = l + at + 3;
		wl = ll - (size_t)at - 3;
	} else if (starts(l, ll, "完成") || starts(l, ll, "相当于")) {
		size_t k = starts(l, ll, "完成") ? 6 : 9;
		if (!ends(l, ll, "的"))
			return;
		w = l + k;
		wl = ll - k;
	} else {
		return;
	}
	/* the whole's words without 的 and 比例 */
	if (w != NULL) {
		static const char *const tails[] = {"的比例为", "的比重为",
		    "的比例", "的比重", "比例为", "比重为", "比例", "比重", "的",
		    "比", NULL};
		for (i = 0; tails[i]; i++)
			if (ends(w, wl, tails[i])) {
				wl -= strlen(tails[i]);
				break;
			}
	}
	/* the part: named before 占, else the amount just before */
	while (subl > 0 && (sub[subl - 1] == ' '))
		subl--;
	if (sub != NULL && subl >= 6) {
		if (find_named(pb, si, R->n->off, sub, subl, NULL, 1,
		    ds.n ? ds.a[0]->n : NULL, &nm))
			num = &nm.a;
		if (num != NULL && ds.n && !same_cls(num, ds.a[0]))
			return;
	} else if (explicit_den && (prev_num != NULL || after_share)) {
		/* "…占预算…的10.59%，占已下达额度…的14.50%": the same part
		 * as the share before, when that one was known */
		if (prev_num == NULL)
			return;
		num = prev_num;
	} else {
		for (i = ri - (explicit_den ? 1 : 0); i-- > 0;) {
			if (as[i].cls == CLS_PCT || is_change(pb, as[i].n))
				continue;
			/* the whole of another share is not a part */
			if (is_reference(pb, as, ri + 1, i))
				continue;
			if (is_cause(pb, as[i].n) || is_per(pb, as[i].n))
				break;
			if (ds.n && &as[i] == ds.a[0])
				continue;
			/* the part is near: at most a change between */
			if (as[i].n->clause + 3 >= R->n->clause)
				num = &as[i];
			break;
		}
	}
	if (num == NULL)
		return;
	*used_num = *num;
	*used = 1;
	if (ds.n == 0) {
		if (wl == 0 || (has_any(w, wl, generic_wholes) && wl <= 9)) {
			/* 占总数的, 占93.54%: the total of the 其中 list the
			 * part is in */
			if (!enclosing_total(pb, si, num->n->off, &dn))
				return;
			ds.a[0] = &dn.a;
			ds.n = 1;
		} else if (find_named(pb, si, num->n->off, w, wl, num, 0,
		    num->n, &dn)) {
			ds.a[0] = &dn.a;
			ds.n = 1;
		} else {
			int k, whole = 0;
			for (k = 0; expenditure_wholes[k]; k++)
				if (wl == strlen(expenditure_wholes[k]) &&
				    memcmp(w, expenditure_wholes[k], wl) == 0)
					whole = 1;
			if (!whole || num->cls != CLS_MONEY ||
			    !find_unique(c, basic_names, CLS_MONEY, 1, 0, &bs) ||
			    !find_unique(c, project_names, CLS_MONEY, 1, 0, &pj))
				return;
			ds.a[0] = &bs.a;
			ds.a[1] = &pj.a;
			ds.n = 2;
		}
	}
	for (i = 0; i < ds.n; i++)
		if (!same_cls(ds.a[i], num))
			return;
	ns.a[0] = num;
	ns.n = 1;
	q[0] = num;
	q[1] = ds.a[0];
	/* "占63.72%" is named by its one character: say 占比 */
	if (ll <= 3) {
		l = "占比";
		ll = strlen(l);
	}
	check_ratio(c, pb, l, ll, &ns, &ds, R, quote_from(pb, si, q, 2,
	    R->n->off));
}

static void
p001_sentence(struct pctx *c, const struct pblock *pb, size_t si)
{
	struct amt as[MAX_AMTS], prev;
	size_t na = amts_of(pb, si, as, MAX_AMTS), lo = 0;
	int has_prev = 0, shares = 0;

	for (size_t i = 0; i < na; i++) {
		const struct tally_prose_num *n = as[i].n;
		struct amt used;
		int u = 0;
		if (as[i].cls != CLS_PCT)
			continue;
		if (n->direction != 0) {
			lo = i + 1;
			continue;
		}
		if (ratedef_of(n->key)) {
			if (!is_target(pb, n))
				rate_counts(c, pb, si, as, i, lo);
			lo = i + 1;
		} else if (n->label_len > 0 && !is_target(pb, n)) {
			share(c, pb, si, as, i, has_prev ? &prev : NULL,
			    shares > 0, &used, &u);
			has_prev = u;
			if (u)
				prev = used;
			shares++;
		}
	}
}

/* ======================================================================
 * P004: 其中 breakdowns and parenthetical ones
 * ==================================================================== */

/* Sets of parts that are all the parts of their whole: a list naming one
 * of each is complete even without 其他 at its end.  Each member lists
 * the words its part's key may contain. */
struct part_set {
	const char *members[3][6];
	int n;
};

static const struct part_set part_sets[] = {
	{{{"基本支出", NULL}, {"项目支出", NULL}}, 2},
	{{{"人员经费", "人员支出", NULL},
	    {"公用经费", "公用支出", NULL}}, 2},
	{{{"城区", "城镇", "城市", NULL}, {"农村", "乡村", NULL}}, 2},
	{{{"男", NULL}, {"女", NULL}}, 2},
	{{{"财政拨款收入", "财政拨款", NULL}, {"其他收入", NULL}}, 2},
	{{{"流动资产", NULL}, {"非流动资产", NULL}}, 2},
	{{{"部件", NULL}, {"事件", NULL}}, 2},
	{{{"有效", NULL}, {"无效", NULL}}, 2},
	/* 三公经费 */
	{{{"因公出国", "出国", NULL}, {"公务接待", NULL},
	    {"公务用车", "公车", NULL}}, 3},
	{{{"购置", NULL}, {"运行", NULL}}, 2},
};

/* The set and member a part's key belongs to, or -1. */
static int
set_member(const char *key, int *member)
{
	size_t kn = strlen(key);

	for (size_t k = 0; k < NELEM(part_sets); k++)
		for (int m = 0; m < part_sets[k].n; m++)
			if (has_any(key, kn, part_sets[k].members[m])) {
				*member = m;
				return (int)k;
			}
	return -1;
}

static int
is_complete_set(const struct found *parts, size_t n)
{
	for (size_t k = 0; k < NELEM(part_sets); k++) {
		const struct part_set *ps = &part_sets[k];
		int seen[3] = {0, 0, 0}, ok = 1;
		if ((size_t)ps->n != n)
			continue;
		for (size_t i = 0; i < n && ok; i++) {
			const char *key = parts[i].a.n->key;
			size_t kn = strlen(key);
			int hit = -1;
			for (int m = 0; m < ps->n && hit < 0; m++)
				if (!seen[m] && has_any(key, kn, ps->members[m]))
					hit = m;
			if (hit < 0)
				ok = 0;
			else
				seen[hit] = 1;
		}
		if (ok)
			return 1;
	}
	return 0;
}

/* The latest level of sentence si before byte `at` at bracket depth d,
 * or NULL; *any says whether any amount was seen before `at`. */
static int
last_level(const struct pblock *pb, size_t si, size_t at, int d,
    struct found *out, int *any)
{
	const struct tally_prose_sentence *s = sent(pb, si);

	*any = 0;
	for (size_t i = s->first_num + s->nnums; i-- > s->first_num;) {
		const struct tally_prose_num *n = &pb->pr->nums[i];
		struct found f;
		if (n->off >= at || !found_at(pb, si, i, &f))
			continue;
		*any = 1;
		if (num_depth(pb, n) != d)
			continue;
		if (!is_level(pb, &f.a) || is_per(pb, n))
			continue;
		*out = f;
		return 1;
	}
	return 0;
}

static size_t common_tail(const char *a, const char *b);

/* The first amount after byte `at` in sentence si, or in the next one
 * when 其中 ends its sentence ("…下降0.2%。其中:\n工资福利支出…"). */
static int
first_after(const struct pblock *pb, size_t si, size_t at, struct found *out)
{
	for (size_t k = si; k <= si + 1 && k < pb->pr->nsentences; k++) {
		const struct tally_prose_sentence *s = sent(pb, k);
		for (size_t i = s->first_num; i < s->first_num + s->nnums; i++)
			if (pb->pr->nums[i].off > at && found_at(pb, k, i, out))
				return 1;
	}
	return 0;
}

/* The total that a 其中 at byte `at` of sentence si breaks down: the
 * last level before it in the sentence (at its bracket depth).  When 其中
 * opens the sentence, the total is in the nearest sentence before it that
 * states a level of the parts' kind ("收、支总计74万元。…增加34万元…。
 * 其中工资福利支出35万元…"; changes and asides are passed over): the one
 * named like the first part ("派单601件…。其中热线派单532件"), else that
 * sentence's only level.  A sentence with several levels and none named
 * like the parts leaves the total unknown. */
static int
qizhong_total(const struct pblock *pb, size_t si, size_t at,
    struct found *out)
{
	struct found part0;
	int any, d = depth_at(pb, si, at);

	if (last_level(pb, si, at, d, out, &any))
		return 1;
	if (any || d != 0 || !first_after(pb, si, at, &part0))
		return 0;
	/* sentences of rates only ("结案率99.99%，同比上升0.04%；") are
	 * passed over without counting */
	for (size_t back = 1, seen = 0; seen < LOOK_BACK && back <= si &&
	    back <= 4 * LOOK_BACK; back++) {
		const struct tally_prose_sentence *s = sent(pb, si - back);
		struct found only;
		size_t nlev = 0, nany = 0;
		for (size_t i = s->first_num + s->nnums; i-- > s->first_num;) {
			struct found f;
			if (found_at(pb, si - back, i, &f) && f.a.cls != CLS_PCT)
				nany++;
			if (!found_at(pb, si - back, i, &f) ||
			    !same_cls(&f.a, &part0.a) || !is_level(pb, &f.a) ||
			    is_per(pb, f.a.n) ||
			    num_depth(pb, f.a.n) != 0)
				continue;
			if (common_tail(f.a.n->key, part0.a.n->key) >= 2) {
				*out = f;
				return 1;
			}
			if (nlev++ == 0)
				only = f;
		}
		if (nany > 0)
			seen++;
		if (nlev == 0)
			continue;
		if (nlev == 1) {
			*out = only;
			return 1;
		}
		return 0;
	}
	return 0;
}

/* Code points two keys share at their ends ("吴家营社区划分" and "洛龙社区
 * 划分" share 社区划分). */
static size_t
common_tail(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), k = 0, cps = 0;

	while (k < na && k < nb && a[na - 1 - k] == b[nb - 1 - k])
		k++;
	for (size_t i = na - k; i < na; i++)
		if (((unsigned char)a[i] & 0xC0) != 0x80)
			cps++;
	return cps;
}

struct plist {
	struct found parts[MAX_AMTS];
	size_t n;
	int abort;
	int nested;      /* the sentence's last part is being broken down */
	size_t end_off;  /* byte after the last part (in its block) */
};

/* Adds the amounts of sentence si from byte `from` (to `to`) at depth d to
 * the list; returns 0 when the list ended in it. */
static int
collect_parts(const struct pblock *pb, size_t si, size_t from, size_t to,
    int d, const struct found *total, struct plist *pl)
{
	const struct tally_prose_sentence *s = sent(pb, si);

	for (size_t i = s->first_num; i < s->first_num + s->nnums; i++) {
		const struct tally_prose_num *n = &pb->pr->nums[i];
		struct found f;
		size_t ll;
		const char *l;
		int nd;
		if (n->off < from)
			continue;
		if (n->off >= to)
			return 0;
		if (pl->nested)
			continue;
		nd = num_depth(pb, n);
		if (nd > d)
			continue;	/* a breakdown of the part */
		if (nd < d)
			return 0;	/* the bracket closed */
		if (!found_at(pb, si, i, &f)) {
			if (n->kind == TALLY_PNUM_QUANTITY &&
			    (n->flags & (TALLY_PNUM_APPROX | TALLY_PNUM_MALFORMED |
			    TALLY_PNUM_RANGE | TALLY_PNUM_OVERFLOW)))
				pl->abort = 1;	/* a part we cannot read */
			if (n->kind == TALLY_PNUM_QUANTITY &&
			    (n->flags & TALLY_PNUM_CN))
				pl->abort = 1;
			continue;
		}
		l = lab_of(pb, n, &ll);
		if (f.a.cls == CLS_PCT) {
			if (has(l, ll, "占"))
				continue;	/* each part's share */
			if (is_change(pb, n) && pl->n > 0)
				continue;	/* a part's change: 增长7.5% */
			if (has(n->key, strlen(n->key), "率")) {
				/* "其中立案996件，应结案972件，结案911件，
				 * 结案率93.72%": counts that feed a rate are
				 * stages, not parts */
				pl->abort = 1;
				return 0;
			}
			return 0;
		}
		if (is_cause(pb, n))
			return 0;
		if (is_change(pb, n) || is_base(pb, n)) {
			/* "…242万元，较上年减少12万元" comments on a part */
			if (pl->n > 0)
				continue;
			return 0;
		}
		if (has(l, ll, "涉及") && pl->n > 0) {
			/* "部件类案件932件，涉及更换井盖204个，…": the rest
			 * of the sentence breaks the last part down */
			pl->nested = 1;
			return 1;
		}
		if (is_per(pb, n) || has(l, ll, "涉及") || has(l, ll, "包括")) {
			pl->abort = 1;
			return 0;
		}
		if (!same_cls(&f.a, &total->a)) {
			pl->abort = 1;
			return 0;
		}
		if (pl->n == MAX_AMTS) {
			pl->abort = 1;
			return 0;
		}
		pl->parts[pl->n++] = f;
		pl->end_off = n->off + n->len;
	}
	return 1;
}

static int near_miss(struct tally_dec a, struct tally_dec b, int min_digits);

/* A list short of its total that one slip of the pen explains: a part
 * whose value, with one digit changed (or two swapped), makes the sum
 * exact, or a total that is such a slip of the sum ("35 + 29" under 74:
 * 29 for 39).  A list that only names some parts is short by an amount no
 * digit slip makes.  Sets *which (a part's index, or n for the total) and
 * the value that would add up, when one number alone explains it;
 * returns 1 when any does. */
static int
typo_explains(const struct amt *const *parts, size_t n, const struct amt *total,
    int E, struct tally_dec sum, int *which, struct tally_dec *want)
{
	struct tally_dec tv, pv, need, rest;
	int found = 0;

	*which = -1;
	if (n < 2 || amt_value(total, E, &tv) != TALLY_DEC_OK)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (amt_value(parts[i], E, &pv) != TALLY_DEC_OK ||
		    tally_dec_sub(sum, pv, &rest) != TALLY_DEC_OK ||
		    tally_dec_sub(tv, rest, &need) != TALLY_DEC_OK ||
		    tally_dec_sign(need) <= 0)
			continue;
		if (near_miss(pv, need, 2)) {
			*which = found ? -1 : (int)i;
			*want = need;
			found++;
		}
	}
	if (near_miss(tv, sum, 2)) {
		*which = found ? -1 : (int)n;
		*want = sum;
		found++;
	}
	if (found > 1)
		*which = -1;
	return found > 0;
}

/* Checks parts against total: all of them (complete) or some (they must
 * not exceed it).  what_zh/what_en name the parts.  Reports P004 at the
 * total. */
static void p005_sum(struct pctx *c, const struct pblock *pb,
    const struct found *total, const struct plist *pl, int complete,
    int *reported);

static void
check_parts(struct pctx *c, const struct pblock *pb, const struct found *total,
    const struct plist *pl, int complete, const char *what_zh,
    const char *what_en)
{
	const struct amt *parts[MAX_AMTS];
	struct tally_ival siv, piv;
	struct tally_dec point, slack, half, tol;
	struct tally_buf *b = &c->expr;
	int E, px, rc, units = 0, holds, reported = 0, hint = -1;
	char buf[TALLY_DEC_BUFSZ];
	size_t i;
	const struct pblock *tpb = total->pb;
	struct tally_dec hint_v = {0, 0};

	if (pl->n == 0 || pl->abort || was_reported(c, total->a.n, "P004"))
		return;
	E = total->a.exp;
	for (i = 0; i < pl->n; i++) {
		parts[i] = &pl->parts[i].a;
		if (parts[i]->exp > E)
			E = parts[i]->exp;
		if (strcmp(parts[i]->n->unit_text, total->a.n->unit_text) != 0)
			units = 1;
	}
	if (sum_ival(parts, NULL, pl->n, E, &piv, &point, &slack, &px) !=
	    TALLY_DEC_OK)
		return;
	if (total->a.exact && px) {
		if (amt_value(&total->a, E, &siv.lo) != TALLY_DEC_OK)
			return;
		siv.hi = siv.lo;
		half = tally_dec_from_int(0);
	} else {
		struct amt t = total->a;
		t.exact = 0;
		if (amt_ival(&t, E, &siv) != TALLY_DEC_OK ||
		    tally_dec_shift(tally_num_half_ulp(t.n->value.scale),
		    t.exp - E, &half) != TALLY_DEC_OK)
			return;
	}
	if (complete || tally_ival_overlaps(piv, siv))
		holds = tally_ival_overlaps(piv, siv);
	else if (tally_dec_cmp(piv.lo, siv.hi) > 0)
		holds = 0;	/* even a partial list cannot exceed */
	else
		holds = !typo_explains(parts, pl->n, &total->a, E, point, &hint,
		    &hint_v);
	if (holds)
		return;
	p005_sum(c, pb, total, pl, complete, &reported);
	if (reported)
		return;
	if ((rc = tally_dec_add(half, slack, &tol)) != TALLY_DEC_OK)
		return;
	tally_buf_puts(&c->zh, what_zh);
	tally_buf_puts(&c->en, what_en);
	tally_buf_reset(b);
	tally_buf_puts(b, " ");
	for (i = 0; i < pl->n; i++) {
		if (pl->n > 8 && i >= 3 && i < pl->n - 1) {
			if (i == 3)
				tally_buf_puts(b, " + …");
			continue;
		}
		if (i > 0)
			tally_buf_puts(b, " + ");
		put_num(b, parts[i], units);
	}
	tally_buf_puts(b, " = ");
	{
		/* the sum in the total's unit, at the parts' finest digits */
		int s = 0;
		for (i = 0; i < pl->n; i++) {
			int k = parts[i]->n->value.scale -
			    (parts[i]->exp - total->a.exp);
			if (k > s)
				s = k;
		}
		put_dec(b, point, E, total->a.exp, s);
		if (units)
			tally_buf_puts(b, total->a.n->unit_text);
	}
	put_both(c, tally_buf_cstr(b));
	if (tally_dec_cmp(piv.lo, siv.hi) > 0 && !complete) {
		put_both(c, " > ");
	} else {
		tally_buf_puts(&c->zh, " ≠ ");
		tally_buf_puts(&c->en, " != ");
	}
	tally_buf_puts(&c->zh, "总数 ");
	tally_buf_puts(&c->en, "total ");
	tally_buf_reset(b);
	put_num(b, &total->a, units);
	put_both(c, tally_buf_cstr(b));
	if (total->a.exact && px && !complete) {
		/* counts, and a bound rather than an equality */
		tally_buf_puts(&c->zh, " (精确值)");
		tally_buf_puts(&c->en, " (exact values)");
	} else {
		put_tol(c, total->a.exact && px, tol, E, total->a.exp);
	}
	if (hint >= 0 && (size_t)hint <= pl->n) {
		/* which number one slip of the pen explains */
		const struct amt *h = (size_t)hint < pl->n ? parts[hint] :
		    &total->a;
		tally_buf_reset(b);
		put_dec(b, hint_v, E, h->exp, h->n->value.scale);
		tally_buf_printf(&c->zh, "；若 %s 应为 %s 则相符",
		    tally_dec_format(h->n->value, buf, sizeof(buf)),
		    tally_buf_cstr(b));
		tally_buf_printf(&c->en, "; it adds up if %s is %s",
		    tally_dec_format(h->n->value, buf, sizeof(buf)),
		    tally_buf_cstr(b));
	} else if (!complete && tally_dec_cmp(piv.lo, siv.hi) > 0) {
		tally_buf_puts(&c->zh, "（分项未必列全，但不应超过总数）");
		tally_buf_puts(&c->en, " (the list may be partial, but it "
		    "cannot exceed its total)");
	}
	{
		/* from the total's words to the last part, when they are in
		 * one paragraph; else the total alone */
		size_t from = total->a.n->label_len ? total->a.n->label_off :
		    total->a.n->off, to = total->a.n->off + total->a.n->len;
		int one = 1;
		for (i = 0; i < pl->n; i++)
			if (pl->parts[i].pb != tpb)
				one = 0;
		if (one && pl->end_off > to)
			to = pl->end_off;
		put_quote(c, tpb, from, to);
	}
	mark_reported(c, total->a.n, "P004");
	emit(c, "P004", tpb, total->a.n->off);
}

/* The shape of a sentence's amounts from byte `from`: their classes, a
 * share marked apart ("咨询类诉求124599件，占63.72%" is count, share). */
static size_t
shape_of(const struct pblock *pb, size_t si, size_t from, char *out,
    size_t cap)
{
	const struct tally_prose_sentence *s = sent(pb, si);
	size_t k = 0;

	for (size_t i = s->first_num; i < s->first_num + s->nnums && k + 1 < cap;
	    i++) {
		struct found f;
		size_t ll;
		const char *l;
		if (pb->pr->nums[i].off < from || !found_at(pb, si, i, &f))
			continue;
		l = lab_of(pb, f.a.n, &ll);
		out[k++] = (char)('a' + f.a.cls) - (f.a.cls == CLS_PCT &&
		    has(l, ll, "占") ? 32 : 0);
	}
	out[k] = '\0';
	return k;
}

/* 1 when amount f of sentence si reads as one more part of the list:
 * named alike (its key ends as a part's does: "吴家营社区划分" and "洛龙
 * 社区划分"), or both unnamed and described alike ("30万元用于基建工程…"),
 * or stated in a sentence of the same shape as the first part's. */
static int
alike(const struct pblock *pb, const struct plist *pl, size_t si,
    const struct found *f, const char *shape0, const char *total_key)
{
	const char *t = pb->pr->text;
	char shape[16];

	if (!same_cls(&f->a, &pl->parts[0].a) || num_depth(pb, f->a.n))
		return 0;
	{
		/* the total's sibling ends its list: "基本支出4566793元，其中
		 * …；项目支出2897260元" */
		int mt, mf, st = set_member(total_key, &mt);
		if (st >= 0 && set_member(f->a.n->key, &mf) == st && mf != mt)
			return 0;
	}
	for (size_t k = 0; k < pl->n; k++)
		if (common_tail(f->a.n->key, pl->parts[k].a.n->key) >= 2)
			return 1;
	{
		/* another member of a known whole: 因公出国…，公务接待… */
		int m0, m1, s0 = set_member(pl->parts[0].a.n->key, &m0);
		if (s0 >= 0 && set_member(f->a.n->key, &m1) == s0 && m1 != m0)
			return 1;
	}
	if (f->a.n->key[0] == '\0' && pl->parts[0].a.n->key[0] == '\0') {
		size_t a = f->a.n->off + f->a.n->len;
		size_t b = pl->parts[0].a.n->off + pl->parts[0].a.n->len;
		if (a + 6 <= pb->pr->len && b + 6 <= pb->pr->len &&
		    memcmp(t + a, t + b, 6) == 0 && (unsigned char)t[a] >= 0x80)
			return 1;
	}
	return shape0[0] != '\0' && strlen(shape0) >= 2 &&
	    shape_of(pb, si, f->a.n->off, shape, sizeof(shape)) > 0 &&
	    strcmp(shape, shape0) == 0;
}

/* 1 when sentence si starts a line of the paragraph. */
static int
starts_line(const struct pblock *pb, size_t si)
{
	size_t o = sent(pb, si)->off;

	while (o > 0 && (pb->pr->text[o - 1] == ' ' ||
	    pb->pr->text[o - 1] == '\t'))
		o--;
	return o == 0 || pb->pr->text[o - 1] == '\n';
}

/* 1 when a 其中 at byte q of sentence si breaks a part down and the list
 * it starts takes the next sentence too ("…1618万元，其中：公务用车购置费
 * 决算414万元…；公务用车运行费决算1204万元…"), so that an enclosing list
 * ends with it; not when the next sentence goes on with the enclosing list
 * ("基本支出209.52万元，其中人员经费…；项目支出22.88万元"). */
static int
nested_goes_on(const struct pblock *pb, size_t si, size_t q)
{
	struct plist nl;
	struct found f;
	char shape[1] = "";

	memset(&nl, 0, sizeof(nl));
	if (!first_after(pb, si, q, &nl.parts[0]) || nl.parts[0].si != si ||
	    si + 1 >= pb->pr->nsentences)
		return 0;
	nl.n = 1;
	for (size_t i = sent(pb, si + 1)->first_num;
	    i < sent(pb, si + 1)->first_num + sent(pb, si + 1)->nnums; i++)
		if (found_at(pb, si + 1, i, &f))
			return alike(pb, &nl, si + 1, &f, shape, "");
	return 0;
}

/* A list may go on past a ；: "其中，吴家营社区划分为4个，…；洛龙社区
 * 划分为3个，…；…" while its parts read alike; sentences without amounts
 * in between ("浣园、沁园片区网格；") are passed over.  A list laid out one
 * part a line ("其中:\n工资福利支出…。\n商品和服务支出…。") goes on past
 * a 。 too, while each part starts a line. */
static void
continue_list(const struct pblock *pb, size_t si, const struct found *total,
    struct plist *pl, int lines)
{
	size_t cur = si, idle = 0;
	char shape0[16] = "";

	if (pl->n > 0)
		shape_of(pb, pl->parts[0].si, pl->parts[0].a.n->off, shape0,
		    sizeof(shape0));
	while (!pl->abort && pl->n > 0 && cur + 1 < pb->pr->nsentences) {
		const struct tally_prose_sentence *cs = sent(pb, cur);
		const struct tally_prose_sentence *ns = sent(pb, cur + 1);
		const char *t = pb->pr->text + cs->off;
		struct found f;
		size_t i, before = pl->n;
		int ok = 0, any = 0;
		if (!(ends(t, cs->len, "；") || ends(t, cs->len, ";")) &&
		    !(lines && starts_line(pb, cur + 1)))
			break;
		for (i = ns->first_num; i < ns->first_num + ns->nnums; i++)
			if (found_at(pb, cur + 1, i, &f)) {
				any = 1;
				ok = alike(pb, pl, cur + 1, &f, shape0,
				    total->a.n->key);
				break;
			}
		{
			/* "…1618万元，比上年下降1.2%，其中：…": the part,
			 * then its own breakdown, which may end this list */
			long q = rfind(pb->pr->text + ns->off, ns->len, "其中");
			if (q >= 0) {
				size_t qo = ns->off + (size_t)q;
				if (!ok)
					break;
				collect_parts(pb, cur + 1, ns->off, qo, 0, total,
				    pl);
				if (nested_goes_on(pb, cur + 1, qo))
					break;
				cur++;
				pl->nested = 0;
				continue;
			}
		}
		cur++;
		if (!any && ns->nnums == 0 && ++idle <= 4)
			continue;
		if (!ok)
			break;
		idle = 0;
		pl->nested = 0;
		/* a part's own line may go on with its change and its share;
		 * the list goes on with the next line */
		if ((!collect_parts(pb, cur, ns->off, ns->off + ns->len, 0,
		    total, pl) && !lines) || pl->n == before)
			break;
	}
}

/* The 其中 at byte `at` of sentence si; `next` is where the next 其中 of
 * the sentence is (or its end). */
static void
p004_qizhong(struct pctx *c, const struct pblock *pb, size_t si, size_t at,
    size_t next)
{
	struct found total;
	struct plist pl;
	const struct tally_prose_sentence *s = sent(pb, si);
	size_t ll;
	int d = depth_at(pb, si, at), complete;
	const char *l;

	if (!qizhong_total(pb, si, at, &total) || total.a.cls == CLS_PCT)
		return;
	memset(&pl, 0, sizeof(pl));
	{
		/* "其中:" ending its line: one part a line */
		const char *t = pb->pr->text;
		size_t e = at + 6;
		int lines, more;
		if (e < pb->pr->len && (t[e] == ':' || (e + 3 <= pb->pr->len &&
		    memcmp(t + e, "：", 3) == 0)))
			e += t[e] == ':' ? 1 : 3;
		while (e < pb->pr->len && t[e] == ' ')
			e++;
		lines = d == 0 && e < pb->pr->len && t[e] == '\n';
		more = collect_parts(pb, si, at, next, d, &total, &pl);
		if (d == 0 && next >= s->off + s->len && (more || lines) &&
		    !pl.abort) {
			if (pl.n == 0 && si + 1 < pb->pr->nsentences &&
			    s->off + s->len <= e) {
				/* "…下降0.2%。其中:" ends its sentence: the
				 * parts start the next */
				const struct tally_prose_sentence *ns =
				    sent(pb, si + 1);
				more = collect_parts(pb, si + 1, ns->off, ns->off +
				    ns->len, 0, &total, &pl);
				if (more || lines)
					continue_list(pb, si + 1, &total, &pl,
					    lines);
			} else {
				continue_list(pb, si, &total, &pl, lines);
			}
		}
	}
	if (pl.abort || pl.n == 0)
		return;
	/* complete: closed by 其他 or a known set of all the parts */
	l = lab_of(pb, pl.parts[pl.n - 1].a.n, &ll);
	complete = (pl.n >= 2 && (starts_any(l, ll, rest_words) ||
	    starts_any(pl.parts[pl.n - 1].a.n->key,
	    strlen(pl.parts[pl.n - 1].a.n->key), rest_words))) ||
	    is_complete_set(pl.parts, pl.n);
	/* 等 after the last part, 主要有 before the first: partial */
	if (complete && (has(pb->pr->text + at, pl.end_off > at ?
	    pl.end_off - at : 0, "主要") || (pl.end_off + 3 <= pb->pr->len &&
	    memcmp(pb->pr->text + pl.end_off, "等", 3) == 0)))
		complete = 0;
	check_parts(c, pb, &total, &pl, complete, "其中各项", "parts");
}


/* A bracket right after a total that lists its parts: "发起并结哨169件
 * （重点哨1件、常规哨157件、应急处置哨11件）", "…700.00万元，拨付于全市
 * 19个县区（五华区40.00万元，…倘甸两区41.00万元）" (19 parts: all). */
static void
p004_paren(struct pctx *c, const struct pblock *pb, size_t si, size_t open,
    size_t close)
{
	const struct tally_prose_sentence *s = sent(pb, si);
	const char *t = pb->pr->text;
	const struct tally_prose_num *prev = NULL;
	struct found total, cnt;
	struct plist pl;
	int d = depth_at(pb, si, open), have_total = 0;
	size_t gap;

	if (ws_has(&ws_remark, t + open, close - open) ||
	    ws_has(&ws_partial, t + open, close - open))
		return;
	/* the number just before the bracket */
	for (size_t i = s->first_num + s->nnums; i-- > s->first_num;) {
		const struct tally_prose_num *n = &pb->pr->nums[i];
		if (n->off + n->len <= open) {
			prev = n;
			break;
		}
	}
	if (prev == NULL || num_depth(pb, prev) != d)
		return;
	/* at most a few characters between it and the bracket, no comma */
	gap = open - (prev->off + prev->len);
	if (gap > 12 || has(t + prev->off + prev->len, gap, "，") ||
	    has(t + prev->off + prev->len, gap, ",") ||
	    has(t + prev->off + prev->len, gap, "、"))
		return;
	memset(&pl, 0, sizeof(pl));
	for (size_t i = s->first_num; i < s->first_num + s->nnums; i++)
		if (&pb->pr->nums[i] == prev &&
		    found_at(pb, si, i, &total) && is_level(pb, &total.a) &&
		    !is_per(pb, prev))
			have_total = 1;
	if (!have_total)
		return;
	/* the parts: what the bracket holds at its own depth */
	{
		struct found probe = total;
		struct plist tmp;
		memset(&tmp, 0, sizeof(tmp));
		/* collect with the total's class first */
		collect_parts(pb, si, open, close, d + 1, &probe, &tmp);
		if (!tmp.abort && tmp.n >= 2) {
			pl = tmp;
		} else if (total.a.cls == CLS_COUNT &&
		    total.a.n->value.scale == 0) {
			/* "19个县区（…19 amounts…）": the count proves the
			 * list whole; the total is the amount of the parts'
			 * class before it */
			size_t k;
			int any;
			memset(&tmp, 0, sizeof(tmp));
			cnt = total;
			for (k = s->first_num; k < s->first_num + s->nnums; k++)
				if (pb->pr->nums[k].off > open &&
				    found_at(pb, si, k, &probe))
					break;
			if (k == s->first_num + s->nnums ||
			    !last_level(pb, si, cnt.a.n->off, d, &total, &any) ||
			    !same_cls(&total.a, &probe.a))
				return;
			collect_parts(pb, si, open, close, d + 1, &total, &tmp);
			if (tmp.abort || tmp.n < 2 ||
			    (int64_t)tmp.n != cnt.a.n->value.coef)
				return;
			pl = tmp;
		} else {
			return;
		}
	}
	check_parts(c, pb, &total, &pl, 1, "括号内各项", "parts");
}

/* 1 when the parts are provably all of their total: closed by 其他, or a
 * known set (基本支出 and 项目支出). */
static int
provably_all(const struct pblock *pb, const struct plist *pl)
{
	size_t ll;
	const char *l;

	if (pl->n < 2)
		return 0;
	l = lab_of(pb, pl->parts[pl->n - 1].a.n, &ll);
	return starts_any(l, ll, rest_words) ||
	    starts_any(pl->parts[pl->n - 1].a.n->key,
	    strlen(pl->parts[pl->n - 1].a.n->key), rest_words) ||
	    is_complete_set(pl->parts, pl->n);
}

/* A total followed by a colon and its parts: "财务总支出232.4万元：基本支出
 * 209.52万元，其中人员经费…；项目支出22.88万元".  A colon introduces all
 * sorts of things, so only a list that is provably all the parts is
 * checked; a 其中 inside it breaks its part down and is passed over. */
static void
p004_colon(struct pctx *c, const struct pblock *pb, size_t si,
    const struct found *total, size_t from)
{
	const struct tally_prose_sentence *s = sent(pb, si);
	const char *t = pb->pr->text;
	size_t end = s->off + s->len, to = end;
	long q;
	struct plist pl;

	memset(&pl, 0, sizeof(pl));
	/* a 其中 breaks the last part down: the list ends there */
	if (from < end && (q = rfind(t + from, end - from, "其中")) >= 0) {
		long first = q;
		while (first > 0 && (q = rfind(t + from, (size_t)first,
		    "其中")) >= 0)
			first = q;
		to = from + (size_t)first;
	}
	collect_parts(pb, si, from, to, 0, total, &pl);
	if (!pl.abort && pl.n > 0 && (to == end || !nested_goes_on(pb, si, to)))
		continue_list(pb, si, total, &pl, 0);
	if (pl.abort || !provably_all(pb, &pl))
		return;
	check_parts(c, pb, total, &pl, 1, "各项", "parts");
}

/* Words before a colon that announce the parts of the total stated just
 * before: "…决算总额2771万元。分项情况是：…". */
static const char *const announce_words[] = {
	"分项", "具体", "如下", "分别", "构成", "明细", "组成", "分类", NULL,
};

/* Every 其中 and every bracket of sentence si. */
/* Whether s[0..n) holds ：(*colon) and where its first 其中 is, or -1
 * (*qz): find(s, n, "：", 3) >= 0 and find(s, n, "其中", 6) in one pass,
 * sixteen places at a time by the three bytes of ： and of 其 (the 中 is
 * then looked at). */
static void
colon_and_qizhong(const char *s, size_t n, int *colon, long *qz)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	*colon = 0;
	*qz = -1;
#if defined(__SSE2__) && defined(__GNUC__)
	if (n >= 18) {
		const size_t last = n - 18;

		for (;;) {
			const size_t at = i < last ? i : last;
			const __m128i v = _mm_loadu_si128(
			    (const __m128i *)(const void *)(u + at));
			const __m128i w = _mm_loadu_si128(
			    (const __m128i *)(const void *)(u + at + 1));
			const __m128i x = _mm_loadu_si128(
			    (const __m128i *)(const void *)(u + at + 2));
			unsigned mc = (unsigned)_mm_movemask_epi8(_mm_and_si128(
			    _mm_and_si128(
			    _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF)),
			    _mm_cmpeq_epi8(w, _mm_set1_epi8((char)0xBC))),
			    _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x9A))));
			unsigned mq = *qz >= 0 ? 0 :
			    (unsigned)_mm_movemask_epi8(_mm_and_si128(
			    _mm_and_si128(
			    _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE5)),
			    _mm_cmpeq_epi8(w, _mm_set1_epi8((char)0x85))),
			    _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xB6))));
			/* the last window: only the places from i on */
			mc &= 0xFFFFu << (i - at);
			mq &= 0xFFFFu << (i - at);
			if (mc != 0)
				*colon = 1;
			for (; mq != 0; mq &= mq - 1u) {
				size_t p = at + (size_t)__builtin_ctz(mq);
				if (n - p >= 6 && u[p + 3] == 0xE4 &&
				    u[p + 4] == 0xB8 && u[p + 5] == 0xAD) {
					*qz = (long)p;
					break;
				}
			}
			if ((*colon && *qz >= 0) || at == last)
				return;
			i = at + 16;
		}
	}
#endif
	for (; i + 3 <= n; i++) {
		if (u[i] == 0xEF && u[i + 1] == 0xBC && u[i + 2] == 0x9A)
			*colon = 1;
		if (*qz < 0 && n - i >= 6 && memcmp(u + i, "其中", 6) == 0)
			*qz = (long)i;
	}
}

static void
p004_sentence(struct pctx *c, const struct pblock *pb, size_t si)
{
	const struct tally_prose_sentence *s = sent(pb, si);
	const char *t = pb->pr->text;
	size_t i, end = s->off + s->len;
	int fcolon;
	long q;

	if (s->nnums == 0)
		return;
	/* a total and a colon */
	for (size_t k = s->first_num; k < s->first_num + s->nnums; k++) {
		const struct tally_prose_num *n = &pb->pr->nums[k];
		size_t e = n->off + n->len;
		struct found f;
		if (e < end && (t[e] == ':' || (e + 3 <= end &&
		    memcmp(t + e, "：", 3) == 0)) && found_at(pb, si, k, &f) &&
		    is_level(pb, &f.a) && num_depth(pb, n) == 0)
			p004_colon(c, pb, si, &f, e);
	}
	colon_and_qizhong(t + s->off, s->len, &fcolon, &q);
	/* "分项情况是：" opening a sentence: the total is the level the
	 * sentence before states */
	if (fcolon || memchr(t + s->off, ':', s->len) != NULL) {
		long cp = rfind(t + s->off, s->len, "：");
		long ca = rfind(t + s->off, s->len, ":");
		size_t co;
		struct found f;
		if (cp < 0 || (ca >= 0 && ca < cp))
			cp = ca;
		co = cp < 0 ? 0 : s->off + (size_t)cp;
		if (cp >= 0 && (s->nnums == 0 || pb->pr->nums[s->first_num].off >
		    co) && has_any(t + s->off, co - s->off, announce_words) &&
		    qizhong_total(pb, si, co, &f) && f.a.cls != CLS_PCT)
			p004_colon(c, pb, si, &f, co);
	}
	/* each 其中 up to the next one: the next is looked for once */
	if (s->len >= 6) {
		i = q < 0 ? end : s->off + (size_t)q;
		while (i < end) {
			long q2 = find(t + i + 6, end - i - 6, "其中", 6);
			size_t next = q2 < 0 ? end : i + 6 + (size_t)q2;
			p004_qizhong(c, pb, si, i, next);
			i = next;
		}
	}
	if (s->nnums < 3)
		return;
	/* every opening bracket: ( or （ (EF BC 88), the first of the two
	 * (a （ before a ( ends before it).  Neither starts with a
	 * continuation byte, so none is inside another character: they are
	 * searched for, not read a character at a time. */
	for (i = s->off; i < end; i++) {
		const char *pa = memchr(t + i, '(', end - i);
		long pf = find(t + i, pa != NULL ? (size_t)(pa - (t + i)) :
		    end - i, "（", 3);
		size_t j;
		int depth = 0;
		if (pf >= 0)
			i += (size_t)pf;
		else if (pa != NULL)
			i = (size_t)(pa - t);
		else
			break;
		/* its closing bracket */
		for (j = i; j < end; j++) {
			if (t[j] == '(' || ((unsigned char)t[j] == 0xEF &&
			    j + 3 <= end && memcmp(t + j, "（", 3) == 0))
				depth++;
			else if (t[j] == ')' || ((unsigned char)t[j] == 0xEF &&
			    j + 3 <= end && memcmp(t + j, "）", 3) == 0)) {
				if (--depth == 0)
					break;
			}
		}
		if (j < end)
			p004_paren(c, pb, si, i, j);
	}
}

/* A paragraph that ends announcing a breakdown and numbered items that
 * give it, each naming its amount as the total is named: "资产总额51.77
 * 万元，具体内容为：" then "1.设备类数量共计40项，资产总额27.98万元；"
 * "2.…资产总额4.88万元；" "3.…资产总额18.91万元。" (the total's name may
 * say more: 本单位资产总额). */
static void
p004_items(struct pctx *c, size_t bi)
{
	static const char *const leads[] = {"如下", "具体", "分别", "明细",
	    "构成", "组成", NULL};
	const struct pblock *pb = &c->blocks[bi];
	const struct tally_prose_sentence *s;
	const char *t = pb->pr->text;
	struct found total;
	struct plist pl;
	size_t e, k;
	int any;

	if (pb->pr->nsentences == 0)
		return;
	s = sent(pb, pb->pr->nsentences - 1);
	e = s->off + s->len;
	if (!(ends(t + s->off, s->len, "：") || ends(t + s->off, s->len, ":")) ||
	    !last_level(pb, pb->pr->nsentences - 1, e, 0, &total, &any) ||
	    total.a.cls == CLS_PCT || total.a.n->key[0] == '\0' ||
	    !has_any(t + total.a.n->off, e - total.a.n->off, leads))
		return;
	memset(&pl, 0, sizeof(pl));
	for (k = bi + 1; k < c->nblocks && pl.n < MAX_AMTS; k++) {
		const struct pblock *ib = &c->blocks[k];
		struct found f, hit;
		size_t nhit = 0;
		if (ib->b != c->blocks[k - 1].b->next ||
		    ib->b->num.style == TALLY_NUM_NONE)
			break;
		for (size_t si = 0; si < ib->pr->nsentences; si++) {
			const struct tally_prose_sentence *is = sent(ib, si);
			for (size_t i = is->first_num;
			    i < is->first_num + is->nnums; i++)
				if (found_at(ib, si, i, &f) &&
				    same_cls(&f.a, &total.a) &&
				    strlen(f.a.n->key) >= 6 &&
				    key_names(total.a.n->key, f.a.n->key,
				    strlen(f.a.n->key))) {
					hit = f;
					nhit++;
				}
		}
		if (nhit != 1)
			break;
		pl.parts[pl.n++] = hit;
		pl.end_off = hit.a.n->off + hit.a.n->len;
	}
	if (pl.n < 2)
		return;
	check_parts(c, pb, &total, &pl, provably_all(pb, &pl), "各项",
	    "parts");
}

/* ======================================================================
 * P003: changes and growth rates
 * ==================================================================== */

/* What a change amount says: the subject that changed, what it is
 * compared with (a level named ref, or the previous year). */
struct change {
	const char *subj;
	size_t subjl;
	const char *ref;
	size_t refl;
	int prev_year;
};

static void
read_change(const struct pblock *pb, size_t si, const struct tally_prose_num *n,
    const char *dir_word, struct change *ch)
{
	static const char *const fillers[] = {"各", "均", "分别", "都", "共",
	    "又", "还", "也", NULL};
	static const char *const markers[] = {"同比", "较", "比", "与", NULL};
	const struct tally_prose_sentence *s = sent(pb, si);
	size_t ll, k;
	const char *l = lab_of(pb, n, &ll);
	long at = dir_word ? rfind(l, ll, dir_word) : -1;
	int again = 1;

	memset(ch, 0, sizeof(*ch));
	if (at < 0)
		at = (long)ll;
	ll = (size_t)at;
	while (again) {
		again = 0;
		for (k = 0; fillers[k]; k++)
			if (ends(l, ll, fillers[k]) && ll > strlen(fillers[k])) {
				ll -= strlen(fillers[k]);
				again = 1;
			}
	}
	ch->subj = l;
	ch->subjl = ll;
	for (k = 0; markers[k]; k++) {
		long m = rfind(l, ll, markers[k]);
		if (m >= 0) {
			ch->subj = l;
			ch->subjl = (size_t)m;
			ch->ref = l + m + strlen(markers[k]);
			ch->refl = ll - (size_t)m - strlen(markers[k]);
			if (strcmp(markers[k], "同比") == 0)
				ch->prev_year = 1;
			break;
		}
	}
	if (ch->ref && prev_year_named(ch->ref, ch->refl))
		ch->prev_year = 1;
	/* "与上一年度相比，收、支总计各增加…": the comparison in an earlier
	 * clause of the sentence */
	if (ch->ref == NULL && n->off > s->off &&
	    prev_year_named(pb->pr->text + s->off, n->off - s->off))
		ch->prev_year = 1;
	if (ch->ref != NULL && ch->refl == 0 && !ch->prev_year)
		ch->ref = NULL;
}

/* The direction of a change amount, and its word: the scanner's, or one
 * of the budget's own (比上年增收1284万元, 减支9240万元). */
static int
dir_of(const struct pblock *pb, const struct tally_prose_num *n,
    const char **word)
{
	static const struct {
		const char *w;
		int d;
	} extra[] = {
		{"增收", 1}, {"增支", 1}, {"多收", 1}, {"多支", 1},
		{"减收", -1}, {"减支", -1}, {"少收", -1}, {"少支", -1},
	};
	size_t ll;
	const char *l;

	*word = n->dir_word;
	if (n->direction != 0)
		return n->direction;
	l = lab_of(pb, n, &ll);
	/* all end in 收 (E6 94 B6) or 支 (E6 94 AF) */
	if (ll < 6 || (unsigned char)l[ll - 3] != 0xE6 ||
	    (unsigned char)l[ll - 2] != 0x94 ||
	    ((unsigned char)l[ll - 1] != 0xB6 && (unsigned char)l[ll - 1] != 0xAF))
		return 0;
	for (size_t i = 0; i < NELEM(extra); i++)
		if (ends(l, ll, extra[i].w)) {
			*word = extra[i].w;
			return extra[i].d;
		}
	return 0;
}

/* The level a subjectless change is about: the nearest level before it,
 * in the clause before (a share of it may stand between: "基本支出预算
 * 2476260.58元，占…84.06%，同比减少4966.66元"). */
static const struct amt *
level_before(const struct pblock *pb, const struct amt *as, size_t i,
    const struct amt *not)
{
	size_t slack = 1;

	for (size_t k = i; k-- > 0;) {
		if (as[k].cls == CLS_PCT) {
			slack++;
			continue;
		}
		/* the whole of a share is its reference, not the subject:
		 * "累计完成24627万元，完成年初预算数60999万元的40.4%，比上年
		 * 减收1070万元" is about 24627 */
		if (is_reference(pb, as, i + 1, k)) {
			slack++;
			continue;
		}
		if (&as[k] != not && same_cls(&as[k], &as[i]) &&
		    is_level(pb, &as[k]) && !is_per(pb, as[k].n) &&
		    as[k].n->clause + slack >= as[i].n->clause)
			return &as[k];
		return NULL;
	}
	return NULL;
}

/* The growth rate stated with a change: the next percentage after it in
 * the sentence, before any other amount, named by a change word or a
 * rate of change. */
static const struct amt *
growth_after(const struct pblock *pb, struct amt *as, size_t na, size_t ci)
{
	for (size_t i = ci + 1; i < na; i++) {
		const struct tally_prose_num *n = as[i].n;
		size_t kn = strlen(n->key);
		if (as[i].cls != CLS_PCT)
			return NULL;
		if (is_target(pb, n) || (n->flags & TALLY_PNUM_SHARE))
			return NULL;
		if (n->direction != 0 || ends(n->key, kn, "增长率") ||
		    ends(n->key, kn, "增幅") || ends(n->key, kn, "降幅") ||
		    ends(n->key, kn, "下降率") || ends(n->key, kn, "减幅"))
			return &as[i];
		return NULL;
	}
	return NULL;
}

/* Reports P003 at `at` (the change or the rate), the message built. */
static void
p003_emit(struct pctx *c, const struct pblock *pb,
    const struct tally_prose_num *at, size_t qfrom)
{
	put_quote(c, pb, qfrom, at->off + at->len);
	mark_reported(c, at, "P003");
	emit(c, "P003", pb, at->off);
}

/* L0 + dir × C = L1: "年初预算0.94万元，决算支出共0.86万元，较预算减少
 * 0.08万元". */
static void
check_difference(struct pctx *c, const struct pblock *pb, size_t si,
    const struct amt *L0, const struct amt *L1, const struct amt *C, int dir)
{
	const struct amt *t[2];
	int neg[2] = {0, 1}, E, px, units;
	struct tally_ival iv, siv;
	struct tally_dec point, slack, half, tol;
	struct amt cc = *C;
	size_t ll;
	const char *l = lab_of(pb, C->n, &ll);

	/* dir +1: L1 − L0 = C; dir −1: L0 − L1 = C */
	t[0] = dir > 0 ? L1 : L0;
	t[1] = dir > 0 ? L0 : L1;
	E = L0->exp > L1->exp ? L0->exp : L1->exp;
	if (C->exp > E)
		E = C->exp;
	if (sum_ival(t, neg, 2, E, &iv, &point, &slack, &px) != TALLY_DEC_OK)
		return;
	cc.exact = px && C->exact;
	if (amt_ival(&cc, E, &siv) != TALLY_DEC_OK ||
	    tally_ival_overlaps(iv, siv) || was_reported(c, C->n, "P003"))
		return;
	half = cc.exact ? tally_dec_from_int(0) :
	    tally_num_half_ulp(C->n->value.scale);
	if (tally_dec_shift(half, C->exp - E, &half) != TALLY_DEC_OK ||
	    tally_dec_add(half, slack, &tol) != TALLY_DEC_OK)
		return;
	units = strcmp(L0->n->unit_text, L1->n->unit_text) != 0 ||
	    strcmp(C->n->unit_text, L0->n->unit_text) != 0;
	tally_buf_reset(&c->expr);
	tally_buf_put(&c->expr, l, ll);
	tally_buf_puts(&c->expr, " ");
	put_num(&c->expr, C, units);
	put_both(c, tally_buf_cstr(&c->expr));
	tally_buf_puts(&c->zh, " ≠ ");
	tally_buf_puts(&c->en, " != ");
	tally_buf_reset(&c->expr);
	put_num(&c->expr, t[0], units);
	tally_buf_puts(&c->expr, " − ");
	put_num(&c->expr, t[1], units);
	tally_buf_puts(&c->expr, " = ");
	{
		int s = t[0]->n->value.scale > t[1]->n->value.scale ?
		    t[0]->n->value.scale : t[1]->n->value.scale;
		put_dec(&c->expr, point, E, C->exp, s);
	}
	put_both(c, tally_buf_cstr(&c->expr));
	put_tol(c, cc.exact, tol, E, C->exp);
	{
		const struct amt *q[3] = {L0, L1, C};
		p003_emit(c, pb, C->n, quote_from(pb, si, q, 3,
		    C->n->off));
	}
}

/* C ÷ (L1 − dir × C) = G: "收、支总计74万元。…各增加34万元，增长率为
 * 85%"; or C ÷ L0 = G when the sentence states the base: "1969万元，较
 * 2024年的2190万元减少221万元，下降10.1%". */
static void
check_growth(struct pctx *c, const struct pblock *pb, size_t si,
    const struct amt *L0, const struct amt *L1, const struct amt *C,
    const struct amt *G, int dir)
{
	const struct amt *t[2] = {L1, C};
	int neg[2] = {0, dir > 0}, E, px;
	struct tally_ival prev, ci;
	struct tally_dec pp, slack, cp;
	struct ratio r;
	struct amt cc = *C;
	const char *l = G->n->key;
	size_t ll = strlen(l);
	int units;

	if (L0 != NULL) {
		t[0] = L0;
		E = L0->exp > C->exp ? L0->exp : C->exp;
		if (sum_ival(t, NULL, 1, E, &prev, &pp, &slack, &px) !=
		    TALLY_DEC_OK)
			return;
		px = px && C->exact;
	} else {
		E = L1->exp > C->exp ? L1->exp : C->exp;
		if (sum_ival(t, neg, 2, E, &prev, &pp, &slack, &px) !=
		    TALLY_DEC_OK)
			return;
	}
	cc.exact = px;
	if (amt_ival(&cc, E, &ci) != TALLY_DEC_OK ||
	    amt_value(&cc, E, &cp) != TALLY_DEC_OK ||
	    calc_ratio(&ci, cp, &prev, pp, px, G, &r) != TALLY_DEC_OK ||
	    r.holds || was_reported(c, G->n, "P003"))
		return;
	units = strcmp(t[0]->n->unit_text, C->n->unit_text) != 0;
	tally_buf_reset(&c->expr);
	tally_buf_put(&c->expr, l, ll);
	tally_buf_puts(&c->expr, " ");
	put_num(&c->expr, G, 1);
	put_both(c, tally_buf_cstr(&c->expr));
	tally_buf_puts(&c->zh, " ≠ ");
	tally_buf_puts(&c->en, " != ");
	tally_buf_reset(&c->expr);
	put_num(&c->expr, C, units);
	if (L0 != NULL) {
		tally_buf_puts(&c->expr, " ÷ ");
		put_num(&c->expr, L0, units);
	} else {
		tally_buf_puts(&c->expr, " ÷ (");
		put_num(&c->expr, L1, units);
		tally_buf_puts(&c->expr, dir > 0 ? " − " : " + ");
		put_num(&c->expr, C, units);
		tally_buf_puts(&c->expr, ")");
	}
	tally_buf_puts(&c->expr, " = ");
	put_ratio_value(&c->expr, &r, G);
	put_both(c, tally_buf_cstr(&c->expr));
	put_tol(c, 0, r.half, 0, 0);
	{
		const struct amt *q[3] = {L0 ? L0 : L1, C, G};
		p003_emit(c, pb, G->n, quote_from(pb, si, q, 3,
		    G->n->off));
	}
}

static void
p003_sentence(struct pctx *c, const struct pblock *pb, size_t si)
{
	struct amt as[MAX_AMTS];
	size_t na = amts_of(pb, si, as, MAX_AMTS);

	for (size_t i = 0; i < na; i++) {
		const struct amt *C = &as[i], *G, *L0 = NULL, *L1 = NULL;
		struct change ch;
		struct found f1;
		const char *dw;
		int dir = dir_of(pb, C->n, &dw);
		if (C->cls == CLS_PCT || dir == 0 || is_target(pb, C->n))
			continue;
		if (is_per(pb, C->n)) {
			/* "收、支总计各增加34万元": each of a pair changed */
			size_t ll;
			const char *l = lab_of(pb, C->n, &ll);
			long e = dw ? rfind(l, ll, dw) : -1;
			if (e < 3 || memcmp(l + e - 3, "各", 3) != 0 ||
			    has(l, (size_t)e - 3, "各") || has(l, ll, "每") ||
			    has(l, ll, "均"))
				continue;
		}
		read_change(pb, si, C->n, dw, &ch);
		G = growth_after(pb, as, na, i);
		if (G != NULL && G->n->direction != 0 && G->n->direction != dir)
			G = NULL;
		/* the level compared with, when named: 较预算减少 */
		if (ch.ref != NULL && !ch.prev_year && ch.refl >= 3) {
			for (size_t k = i; k-- > 0;) {
				if (as[k].cls == CLS_PCT || !same_cls(&as[k], C) ||
				    !is_level(pb, &as[k]))
					continue;
				if (key_names(as[k].n->key, ch.ref, ch.refl) ||
				    (has(as[k].n->key, strlen(as[k].n->key),
				    "预算") && has(ch.ref, ch.refl, "预算"))) {
					L0 = &as[k];
					break;
				}
			}
		}
		/* the level that changed: named by the subject, else the
		 * level just before */
		if (ch.subjl >= 6 && find_named(pb, si, C->n->off, ch.subj,
		    ch.subjl, C, 0, L0 ? L0->n : NULL, &f1)) {
			L1 = &f1.a;
		} else if (ch.subjl == 0) {
			L1 = level_before(pb, as, i, L0);
		}
		/* "1969万元，较2024年的2190万元减少221万元": the base just
		 * before the change, the level before the base */
		if (L0 == NULL && L1 == NULL && ch.subjl == 0 && i >= 2 &&
		    as[i - 1].cls != CLS_PCT && same_cls(&as[i - 1], C) &&
		    is_base(pb, as[i - 1].n) &&
		    as[i - 1].n->clause == C->n->clause) {
			L0 = &as[i - 1];
			L1 = level_before(pb, as, i - 1, NULL);
		}
		if (L0 != NULL && L1 != NULL && L0 != L1) {
			check_difference(c, pb, si, L0, L1, C, dir);
			if (G != NULL)
				check_growth(c, pb, si, L0, NULL, C, G, dir);
		} else if (ch.prev_year && L1 != NULL && G != NULL) {
			check_growth(c, pb, si, NULL, L1, C, G, dir);
		}
	}
}

/* ======================================================================
 * P002: figures named in the prose
 * ==================================================================== */

static void ensure_allfigs(struct pctx *c);

/* Digits of d at `scale` decimals without trailing zeros, into buf. */
static int
digits_of(struct tally_dec d, int scale, char *buf, size_t n)
{
	struct tally_dec v;
	char tmp[TALLY_DEC_BUFSZ];
	size_t k = 0;

	if (tally_dec_rescale(tally_dec_abs(d), scale, TALLY_ROUND_HALF_UP,
	    &v) != TALLY_DEC_OK)
		return 0;
	tally_dec_format(v, tmp, sizeof(tmp));
	for (const char *p = tmp; *p && k + 1 < n; p++)
		if (*p >= '0' && *p <= '9' && !(k == 0 && *p == '0'))
			buf[k++] = *p;
	while (k > 0 && buf[k - 1] == '0')
		k--;
	buf[k] = '\0';
	return (int)k;
}

/* A typing slip between the figure and the prose: one digit changed,
 * added or dropped, two neighbours swapped, or the point moved; with at
 * least three significant digits, so that small counts, which differ by
 * one digit from everything, never count. */
static int
near_miss(struct tally_dec a, struct tally_dec b, int min_digits)
{
	char x[64], y[64];
	int s = a.scale > b.scale ? a.scale : b.scale, nx, ny, i, j, diff = 0;

	if ((nx = digits_of(a, s, x, sizeof(x))) < min_digits ||
	    (ny = digits_of(b, s, y, sizeof(y))) < min_digits)
		return 0;
	if (nx == ny) {
		int first = -1, second = -1;
		for (i = 0; i < nx; i++)
			if (x[i] != y[i]) {
				if (diff == 0)
					first = i;
				else if (diff == 1)
					second = i;
				diff++;
			}
		if (diff <= 1)
			return 1; /* one digit, or the point moved */
		return diff == 2 && second == first + 1 &&
		    x[first] == y[second] && x[second] == y[first];
	}
	if (nx - ny == 1 || ny - nx == 1) {
		const char *l = nx > ny ? x : y, *sh = nx > ny ? y : x;
		int nl = nx > ny ? nx : ny;
		for (i = 0, j = 0; i < nl; i++) {
			if (sh[j] == l[i]) {
				j++;
				continue;
			}
			if (++diff > 1)
				return 0;
		}
		return 1;
	}
	return 0;
}

static enum tally_field_kind
fig_kind(const struct fig *f)
{
	return f->n.field ? f->n.field->kind : TALLY_FIELD_NUMBER;
}

/* The figure's interval in unit E. */
static int
fig_ival(const struct fig *f, int E, int mention_exact, struct tally_ival *iv)
{
	struct tally_dec v;
	int rc;

	if (f->n.exact == TALLY_NX_STRONG ||
	    (f->n.exact == TALLY_NX_WEAK && mention_exact)) {
		if ((rc = tally_dec_shift(f->n.v, f->exp - E, &v)) !=
		    TALLY_DEC_OK)
			return rc;
		*iv = tally_ival_exact(v);
		return TALLY_DEC_OK;
	}
	if (f->n.v.scale + 1 > TALLY_DEC_MAX_SCALE)
		return TALLY_DEC_EOVERFLOW;
	if ((rc = tally_ival_written(f->n.v, iv)) != TALLY_DEC_OK ||
	    (rc = tally_dec_shift(iv->lo, f->exp - E, &iv->lo)) !=
	    TALLY_DEC_OK ||
	    (rc = tally_dec_shift(iv->hi, f->exp - E, &iv->hi)) != TALLY_DEC_OK)
		return rc;
	return TALLY_DEC_OK;
}

/* 1 when mention a may name figure f: compatible kinds and units. */
static int
fig_fits(const struct fig *f, const struct amt *a)
{
	switch (fig_kind(f)) {
	case TALLY_FIELD_MONEY:
		return a->cls == CLS_MONEY && (f->n.kind == TALLY_N_PLAIN ||
		    f->n.kind == TALLY_N_MONEY);
	case TALLY_FIELD_PERCENT:
		return a->cls == CLS_PCT && f->n.kind == TALLY_N_PERCENT;
	case TALLY_FIELD_COUNT:
		return a->cls == CLS_COUNT && (f->n.kind == TALLY_N_PLAIN ||
		    (f->n.kind == TALLY_N_UNIT && strcmp(f->n.unit,
		    a->n->unit_text) == 0));
	case TALLY_FIELD_NUMBER:
		return a->cls == CLS_POINTS && f->n.kind == TALLY_N_PLAIN;
	default:
		return 0;
	}
}

/* The exponent of a figure in the comparison with a (percent ‰ -1). */
static int
fig_agrees(const struct fig *f, const struct amt *a, int *ok)
{
	struct tally_ival fi, ai;
	int E = f->exp > a->exp ? f->exp : a->exp;

	*ok = 0;
	if (fig_ival(f, E, a->exact, &fi) != TALLY_DEC_OK ||
	    amt_ival(a, E, &ai) != TALLY_DEC_OK)
		return 0;
	*ok = 1;
	return tally_ival_overlaps(fi, ai);
}

/* a is, value for value, some figure of the report other than f (a sub-
 * total named like the total: 设备类…资产总额27.98万元 is
 * figures.assets.equipment, not figures.assets.total). */
static void collect_allfigs(struct pctx *c, const struct tally_fact *f);

static int
is_other_figure(struct pctx *c, const struct fig *f, const struct amt *a)
{
	ensure_allfigs(c);
	for (size_t i = 0; i < c->nallfigs; i++) {
		struct tally_num *n = &c->allfigs[i];
		struct tally_dec x, y;
		int E;
		if (n->fact == f->n.fact)
			continue;
		if ((a->cls == CLS_PCT) != (n->kind == TALLY_N_PERCENT))
			continue;
		/* money is compared with money: an amount, a money field, or
		 * an undeclared figure written with decimals (a headcount of
		 * 1 is not 1万元) */
		if (a->cls == CLS_MONEY && n->kind != TALLY_N_MONEY &&
		    !(n->field && n->field->kind == TALLY_FIELD_MONEY) &&
		    !(n->field == NULL && n->v.scale > 0))
			continue;
		E = n->exp > a->exp ? n->exp : a->exp;
		if (a->cls != CLS_MONEY && a->cls != CLS_PCT)
			E = 0;
		if (tally_dec_shift(n->v, (a->cls == CLS_MONEY ||
		    a->cls == CLS_PCT ? n->exp : 0) - E, &x) != TALLY_DEC_OK ||
		    tally_dec_shift(a->n->value, (a->cls == CLS_MONEY ||
		    a->cls == CLS_PCT ? a->exp : 0) - E, &y) != TALLY_DEC_OK)
			continue;
		if (tally_dec_cmp(x, y) == 0)
			return 1;
	}
	return 0;
}

static void
collect_allfigs(struct pctx *c, const struct tally_fact *f)
{
	for (; f; f = f->next) {
		if (f->kind == TALLY_FACT_SCALAR) {
			struct tally_num n;
			if (tally_num_read(&c->nc, f, &n) >= TALLY_N_PLAIN) {
				if (c->nallfigs == c->capallfigs) {
					c->capallfigs = c->capallfigs ?
					    2 * c->capallfigs : 32;
					c->allfigs = xrealloc(c->allfigs,
					    c->capallfigs * sizeof(*c->allfigs));
				}
				c->allfigs[c->nallfigs++] = n;
			}
		} else {
			collect_allfigs(c, f->child);
		}
	}
}

/* The labels of the schema's figure fields, once per report.  Figures
 * are read only when a mention names them (fig_ready). */
static void
prepare_figs(struct pctx *c)
{
	const struct tally_schema *s = c->r->schema;
	size_t capl = 0;

	if (s == NULL || c->r->front == NULL ||
	    tally_fact_get(c->r->front, "figures") == NULL)
		return;
	c->figs = xcalloc(s->nfields ? s->nfields : 1, sizeof(*c->figs));
	for (size_t b = 0; b < 256; b++)
		c->lab_first[b] = SIZE_MAX;
	for (size_t i = 0; i < s->nfields; i++) {
		const struct tally_schema_field *fd = &s->fields[i];
		if (fd->label == NULL || strncmp(fd->path, "figures.", 8) != 0 ||
		    (fd->kind != TALLY_FIELD_MONEY && fd->kind !=
		    TALLY_FIELD_PERCENT && fd->kind != TALLY_FIELD_COUNT &&
		    fd->kind != TALLY_FIELD_NUMBER))
			continue;
		c->figs[c->nfigs].fd = fd;
		c->figs[c->nfigs].path = fd->path;
		for (size_t k = 0; k <= fd->naliases; k++) {
			const char *w = k == 0 ? fd->label : fd->aliases[k - 1];
			if (w == NULL || *w == '\0')
				continue;
			if (c->nlabs == capl) {
				capl = capl ? 2 * capl : 32;
				c->labs = xrealloc(c->labs, capl *
				    sizeof(*c->labs));
			}
			c->labs[c->nlabs].w = w;
			c->labs[c->nlabs].len = strlen(w);
			c->labs[c->nlabs].fig = c->nfigs;
			{
				unsigned char last = (unsigned char)
				    w[c->labs[c->nlabs].len - 1];
				c->labs[c->nlabs].next = c->lab_first[last];
				c->lab_first[last] = c->nlabs;
			}
			c->nlabs++;
		}
		c->nfigs++;
	}
}

/* The context for reading figures.  They are read by path, each with the
 * field it is read for: the context's fact-to-field index (all of the
 * schema's fields resolved) is not needed, and costs more than the prose
 * rules' whole reading of figures. */
static void
ensure_nc(struct pctx *c)
{
	if (c->nc_ready)
		return;
	memset(&c->nc, 0, sizeof(c->nc));
	c->nc.r = c->r;
	c->nc.money_exp = tally_money_exp(c->r->money_unit);
	c->nc.money_unit = c->r->money_unit ? c->r->money_unit : "万元";
	c->nc_ready = 1;
}

/* Every numeric figure of the front matter, read once when asked. */
static void
ensure_allfigs(struct pctx *c)
{
	const struct tally_fact *figures;

	if (c->allfigs_read)
		return;
	c->allfigs_read = 1;
	if (c->r->front == NULL ||
	    (figures = tally_fact_get(c->r->front, "figures")) == NULL)
		return;
	ensure_nc(c);
	collect_allfigs(c, figures->child);
}

/* Reads figure i on first use; 1 when it is a number. */
static int
fig_ready(struct pctx *c, size_t i)
{
	struct fig *g = &c->figs[i];
	const struct tally_fact *f;

	if (g->state != 0)
		return g->state > 0;
	g->state = -1;
	ensure_nc(c);
	f = tally_num_path(&c->nc, g->fd->path);
	if (f != NULL && f->kind == TALLY_FACT_MAP)
		f = tally_fact_get(f, "total");
	if (f == NULL || tally_num_read(&c->nc, f, &g->n) < TALLY_N_PLAIN)
		return 0;
	/* what tally_num_read would have made of the field's kind */
	if (g->n.kind == TALLY_N_PLAIN && g->fd->kind == TALLY_FIELD_PERCENT) {
		g->n.kind = TALLY_N_PERCENT;
		g->n.exp = 0;
	}
	if (g->n.kind == TALLY_N_PLAIN && g->fd->kind == TALLY_FIELD_COUNT)
		g->n.exact = g->n.v.scale == 0 ? TALLY_NX_STRONG : TALLY_NX_NONE;
	else if (g->n.kind == TALLY_N_PLAIN)
		g->n.exact = TALLY_NX_NONE;
	g->n.field = g->fd;
	g->exp = g->n.exp;
	if (g->n.kind == TALLY_N_PERCENT || g->fd->kind == TALLY_FIELD_COUNT ||
	    g->fd->kind == TALLY_FIELD_NUMBER)
		g->exp = g->n.kind == TALLY_N_PERCENT ? g->n.exp : 0;
	g->state = 1;
	return 1;
}

/* A mention that names a figure. */
struct mention {
	const struct pblock *pb;
	struct amt a;
	const char *lab;   /* the label it matched */
	size_t fig;        /* first figure with that label */
	int agrees;
};

/* 1 when the sentence puts the mention in another year than the
 * report's: a year written before it in its sentence, or 上年 words in
 * its clause. */
static int
other_year(const struct pctx *c, const struct pblock *pb,
    const struct tally_prose_num *n)
{
	const struct tally_prose_sentence *s = &pb->pr->sentences[n->sentence];
	const struct tally_prose_clause *cl = &pb->pr->clauses[n->clause];
	int y = c->year;

	for (size_t i = s->first_num; i < s->first_num + s->nnums; i++) {
		const struct tally_prose_num *x = &pb->pr->nums[i];
		if (x->off >= n->off)
			break;
		if ((x->kind == TALLY_PNUM_YEAR || x->kind == TALLY_PNUM_DATE) &&
		    x->year != 0 && y != 0 && x->year != y)
			return 1;
	}
	/* 较上年增加34万元 is this year's change, not last year's figure */
	if (n->direction != 0)
		return 0;
	return n->off > cl->off && ws_has(&ws_other_year,
	    pb->pr->text + cl->off, n->off - cl->off);
}

static void
p002_emit(struct pctx *c, const struct mention *m)
{
	const struct fig *f = &c->figs[m->fig];
	const char *name = f->n.field && f->n.field->label ?
	    f->n.field->label : f->path;
	struct tally_dec tol, h1, h2;
	int E = f->exp > m->a.exp ? f->exp : m->a.exp, dexp = m->a.exp;
	const struct tally_prose_num *n = m->a.n;

	if (was_reported(c, n, "P002") || was_reported(c, n, "P005"))
		return;
	tally_buf_reset(&c->expr);
	tally_buf_printf(&c->expr, "%s ", name);
	put_num(&c->expr, &m->a, 1);
	put_both(c, tally_buf_cstr(&c->expr));
	tally_buf_printf(&c->zh, " 与 %s %s 不一致", f->path, f->n.text);
	tally_buf_printf(&c->en, " disagrees with %s %s", f->path, f->n.text);
	h1 = m->a.exact ? tally_dec_from_int(0) :
	    tally_num_half_ulp(n->value.scale);
	h2 = f->n.exact == TALLY_NX_STRONG ? tally_dec_from_int(0) :
	    tally_num_half_ulp(f->n.v.scale);
	if (tally_dec_shift(h1, m->a.exp - E, &h1) != TALLY_DEC_OK ||
	    tally_dec_shift(h2, f->exp - E, &h2) != TALLY_DEC_OK ||
	    tally_dec_add(h1, h2, &tol) != TALLY_DEC_OK)
		return;
	put_tol(c, tally_dec_is_zero(tol), tol, E, dexp);
	put_quote(c, m->pb, n->label_len ? n->label_off : n->off,
	    n->off + n->len);
	mark_reported(c, n, "P002");
	emit(c, "P002", m->pb, n->off);
}

static void p005_figure(struct pctx *c, const struct mention *m);

static void
p002(struct pctx *c)
{
	struct mention *ms = NULL;
	size_t nm = 0, capm = 0;

	if (c->nlabs == 0)
		return;
	for (size_t b = 0; b < c->nblocks; b++) {
		const struct pblock *pb = &c->blocks[b];
		for (size_t i = 0; i < pb->pr->nnums; i++) {
			const struct tally_prose_num *n = &pb->pr->nums[i];
			const char *key = n->key;
			size_t kn, best = 0, bi = 0;
			struct amt a;
			int ok;
			if (!pb->info[i].ok || pb->info[i].a.cls == CLS_OTHER ||
			    (kn = strlen(key)) == 0)
				continue;
			a = pb->info[i].a;
			for (size_t k = c->lab_first[(unsigned char)key[kn - 1]];
			    k != SIZE_MAX; k = c->labs[k].next) {
				const struct lab *lb = &c->labs[k];
				if (lb->len <= best || lb->len > kn ||
				    (lb->len >= 3 &&
				    (key[kn - 2] != lb->w[lb->len - 2] ||
				    key[kn - lb->len + 2] != lb->w[2])) ||
				    memcmp(key + kn - lb->len, lb->w, lb->len) ||
				    !fig_ready(c, lb->fig) ||
				    !fig_fits(&c->figs[lb->fig], &a))
					continue;
				best = lb->len;
				bi = k;
			}
			if (best == 0 || ws_has(&ws_scope, key, kn - best) ||
			    is_per(pb, n) || other_year(c, pb, n))
				continue;
			if (nm == capm) {
				capm = capm ? 2 * capm : 16;
				ms = xrealloc(ms, capm * sizeof(*ms));
			}
			ms[nm].pb = pb;
			ms[nm].a = a;
			ms[nm].lab = c->labs[bi].w;
			ms[nm].fig = c->labs[bi].fig;
			ms[nm].agrees = 0;
			/* agrees with any figure of that label */
			/* (labels with those words end in its last byte) */
			for (size_t k = c->lab_first[(unsigned char)key[kn - 1]];
			    k != SIZE_MAX; k = c->labs[k].next)
				if (c->labs[k].len == best &&
				    memcmp(c->labs[k].w, ms[nm].lab, best) == 0 &&
				    fig_ready(c, c->labs[k].fig) &&
				    fig_fits(&c->figs[c->labs[k].fig], &a) &&
				    fig_agrees(&c->figs[c->labs[k].fig], &a, &ok))
					ms[nm].agrees = 1;
			nm++;
		}
	}
	for (size_t i = 0; i < nm; i++) {
		struct mention *m = &ms[i];
		const struct fig *f = &c->figs[m->fig];
		int any_agree = 0, one_value = 1, unit_slip = 0;
		struct tally_dec sv;
		if (m->agrees)
			continue;
		for (size_t k = 0; k < nm; k++) {
			if (ms[k].fig != m->fig)
				continue;
			if (ms[k].agrees)
				any_agree = 1;
			else if (tally_dec_cmp(ms[k].a.n->value, m->a.n->value) !=
			    0 || ms[k].a.exp != m->a.exp)
				one_value = 0;
		}
		/* 86.91元 where the figure is 86.91 (万元): P005's */
		if (m->a.cls == CLS_MONEY && tally_dec_shift(m->a.n->value,
		    4, &sv) == TALLY_DEC_OK) {
			struct amt t = m->a;
			int ok;
			t.exp += 4;
			unit_slip = fig_agrees(f, &t, &ok) && m->a.exp == 0;
		}
		if (unit_slip) {
			p005_figure(c, m);
			continue;
		}
		if (is_other_figure(c, f, &m->a))
			continue;
		if ((!any_agree && one_value) ||
		    near_miss(m->a.n->value, f->n.v, 2))
			p002_emit(c, m);
	}
	free(ms);
}

/* ======================================================================
 * P005: 元 written for 万元
 * ==================================================================== */

/* 1 when a is an amount in 元 in a report that counts in 万元 (or 亿元). */
static int
yuan_in_wan(const struct pctx *c, const struct amt *a)
{
	return c->money_exp >= 4 && a->cls == CLS_MONEY && a->exp == 0 &&
	    !(a->n->flags & TALLY_PNUM_IMPLIED);
}

static void
p005_head(struct pctx *c, const struct amt *a)
{
	char buf[TALLY_DEC_BUFSZ];

	tally_dec_format(a->n->value, buf, sizeof(buf));
	tally_buf_printf(&c->zh, "%s元 疑为 %s万元", buf, buf);
	tally_buf_printf(&c->en, "%s元 is likely %s万元", buf, buf);
}

static int
p005_ratio(struct pctx *c, const struct pblock *pb, const struct side *num,
    const struct side *den, const struct amt *stated)
{
	struct side ns = *num, ds = *den;
	struct amt fixed;
	struct ratio r, r0;
	const struct amt *slip = NULL;
	int wan = 0;

	for (size_t i = 0; i < num->n + den->n; i++) {
		const struct amt *a = i < num->n ? num->a[i] :
		    den->a[i - num->n];
		if (yuan_in_wan(c, a)) {
			if (slip != NULL)
				return 0;
			slip = a;
		} else if (a->cls == CLS_MONEY && a->exp >= 4) {
			wan = 1;
		}
	}
	if (slip == NULL || !wan || was_reported(c, slip->n, "P005"))
		return 0;
	fixed = *slip;
	fixed.exp = 4;
	for (size_t i = 0; i < ns.n; i++)
		if (ns.a[i] == slip)
			ns.a[i] = &fixed;
	for (size_t i = 0; i < ds.n; i++)
		if (ds.a[i] == slip)
			ds.a[i] = &fixed;
	if (ratio_of(&ns, &ds, stated, &r) != 1 ||
	    ratio_of(num, den, stated, &r0) != 0)
		return 0;
	p005_head(c, slip);
	tally_buf_reset(&c->expr);
	put_side(&c->expr, &ns, 0);
	tally_buf_puts(&c->expr, " ÷ ");
	put_side(&c->expr, &ds, 0);
	tally_buf_puts(&c->expr, " = ");
	put_ratio_value(&c->expr, &r, stated);
	tally_buf_printf(&c->zh, "：按万元计 %s，与所述 ",
	    tally_buf_cstr(&c->expr));
	tally_buf_printf(&c->en, ": read as 万元, %s, as stated (",
	    tally_buf_cstr(&c->expr));
	tally_buf_reset(&c->expr);
	put_num(&c->expr, stated, 1);
	tally_buf_printf(&c->zh, "%s 相符；按元计只有 ", tally_buf_cstr(&c->expr));
	tally_buf_printf(&c->en, "%s); read as 元 it is ",
	    tally_buf_cstr(&c->expr));
	tally_buf_reset(&c->expr);
	put_ratio_value(&c->expr, &r0, stated);
	put_both(c, tally_buf_cstr(&c->expr));
	put_tol(c, 0, r.half, 0, 0);
	{
		const struct amt *q[4];
		size_t k = 0;
		for (size_t i = 0; i < num->n && k < 3; i++)
			q[k++] = num->a[i];
		for (size_t i = 0; i < den->n && k < 3; i++)
			q[k++] = den->a[i];
		put_quote(c, pb, quote_from(pb, stated->n->sentence, q, k,
		    slip->n->off), stated->n->off + stated->n->len);
	}
	mark_reported(c, slip->n, "P005");
	mark_reported(c, stated->n, "P005");
	emit(c, "P005", pb, slip->n->off);
	return 1;
}

static void
p005_sum(struct pctx *c, const struct pblock *pb, const struct found *total,
    const struct plist *pl, int complete, int *reported)
{
	const struct amt *parts[MAX_AMTS], *slip = NULL;
	struct amt fixed;
	struct tally_ival piv, siv;
	struct tally_dec point, slack;
	int px, wan = yuan_in_wan(c, &total->a) ? 0 : total->a.exp >= 4, E;

	*reported = 0;
	if (yuan_in_wan(c, &total->a))
		slip = &total->a;
	for (size_t i = 0; i < pl->n; i++) {
		parts[i] = &pl->parts[i].a;
		if (yuan_in_wan(c, parts[i])) {
			if (slip != NULL)
				return;
			slip = parts[i];
		} else if (parts[i]->cls == CLS_MONEY && parts[i]->exp >= 4) {
			wan = 1;
		}
	}
	if (slip == NULL || !wan || was_reported(c, slip->n, "P005"))
		return;
	fixed = *slip;
	fixed.exp = 4;
	for (size_t i = 0; i < pl->n; i++)
		if (parts[i] == slip)
			parts[i] = &fixed;
	E = 4;
	if (sum_ival(parts, NULL, pl->n, E, &piv, &point, &slack, &px) !=
	    TALLY_DEC_OK || amt_ival(slip == &total->a ? &fixed : &total->a, E,
	    &siv) != TALLY_DEC_OK)
		return;
	if (!(complete ? tally_ival_overlaps(piv, siv) :
	    tally_dec_cmp(piv.lo, siv.hi) <= 0))
		return;
	p005_head(c, slip);
	tally_buf_puts(&c->zh, "：按万元计，其中各项与总数相符");
	tally_buf_puts(&c->en, ": read as 万元, the parts agree with their "
	    "total");
	put_quote(c, pb, slip->n->label_len ? slip->n->label_off :
	    slip->n->off, slip->n->off + slip->n->len);
	mark_reported(c, slip->n, "P005");
	emit(c, "P005", pb, slip->n->off);
	*reported = 1;
}

/* An amount in 元 named by a field's label, whose figure is the same
 * amount in 万元: "全年政府采购合计金额86.91元" where figures.procurement
 * is 86.91 (万元).  The label and the digits agreeing is the evidence. */
static void
p005_figure(struct pctx *c, const struct mention *m)
{
	const struct fig *f = &c->figs[m->fig];
	const struct tally_prose_num *n = m->a.n;

	if (!yuan_in_wan(c, &m->a) || was_reported(c, n, "P005") ||
	    is_per(m->pb, n))
		return;
	p005_head(c, &m->a);
	tally_buf_printf(&c->zh, "：%s 为 %s（%s）", f->path, f->n.text,
	    f->n.kind == TALLY_N_MONEY ? f->n.unit : c->r->money_unit ?
	    c->r->money_unit : "万元");
	tally_buf_printf(&c->en, ": %s is %s (%s)", f->path, f->n.text,
	    f->n.kind == TALLY_N_MONEY ? f->n.unit : c->r->money_unit ?
	    c->r->money_unit : "万元");
	put_quote(c, m->pb, n->label_len ? n->label_off : n->off,
	    n->off + n->len);
	mark_reported(c, n, "P005");
	emit(c, "P005", m->pb, n->off);
}

/* "单位：万元" just before a table, or 万元 in its header row. */
static int
wan_table(const struct tally_block *prev, const struct tally_block *b)
{
	const struct tally_table *t = b->table;

	if (prev != NULL && (prev->kind == TALLY_BLOCK_PARA ||
	    prev->kind == TALLY_BLOCK_ITEM)) {
		const char *s = prev->len > 90 ? prev->text + prev->len - 90 :
		    prev->text;
		size_t n = prev->len > 90 ? 90 : prev->len;
		if (has(s, n, "单位") && has(s, n, "万元"))
			return 1;
	}
	if (t != NULL)
		for (size_t k = 0; k < t->ncols; k++) {
			const struct tally_cell *cell = tally_table_cell(t, 0, k);
			if (cell && strstr(cell->text, "万元"))
				return 1;
		}
	return 0;
}

/* The amounts of 万元 tables, as written. */
static void
collect_wan(struct pctx *c)
{
	const struct tally_block *b, *prev = NULL;

	for (b = c->r->outline.blocks; b; prev = b, b = b->next) {
		const struct tally_table *t = b->table;
		if (b->kind != TALLY_BLOCK_TABLE || t == NULL ||
		    !wan_table(prev, b))
			continue;
		for (size_t i = t->ncols; i < t->nrows * t->ncols; i++) {
			struct tally_dec v;
			if (tally_dec_parse_str(t->cells[i].text, &v) !=
			    TALLY_DEC_OK || tally_dec_sign(v) <= 0)
				continue;
			if (c->nwan == c->capwan) {
				c->capwan = c->capwan ? 2 * c->capwan : 32;
				c->wan = xrealloc(c->wan, c->capwan *
				    sizeof(*c->wan));
			}
			c->wan[c->nwan++] = v;
		}
	}
}

/* A money figure of the front matter stating, in 万元, the digits of an
 * amount the prose writes in 元: "政府采购合计金额86.91元" beside
 * figures.procurement: 86.91.  Amounts that are not whole, of three
 * digits or more: round amounts meet by chance. */
static const struct tally_num *
figure_in_wan(struct pctx *c, const struct amt *a)
{
	char d[64];

	struct tally_dec whole;

	/* not a whole number (30.40 is not, 30.00 is), three digits */
	if (a->n->value.scale == 0 || tally_dec_rescale(a->n->value, 0,
	    TALLY_ROUND_TRUNC, &whole) != TALLY_DEC_OK ||
	    tally_dec_cmp(whole, a->n->value) == 0 ||
	    digits_of(a->n->value, a->n->value.scale, d, sizeof(d)) < 3)
		return NULL;
	ensure_allfigs(c);
	for (size_t i = 0; i < c->nallfigs; i++) {
		const struct tally_num *n = &c->allfigs[i];
		if (!(n->kind == TALLY_N_MONEY || (n->kind == TALLY_N_PLAIN &&
		    n->field && n->field->kind == TALLY_FIELD_MONEY) ||
		    (n->kind == TALLY_N_PLAIN && n->field == NULL)) ||
		    n->exp < 4 || tally_dec_cmp(n->v, a->n->value) != 0)
			continue;
		return n;
	}
	return NULL;
}

/* An amount in 元 that the report states in 万元 elsewhere: in figures
 * (figure_in_wan), or, in a sentence that otherwise counts in 万元, in a
 * 万元 table: "实际使用资金299元" above a table whose 合计 is 299.00. */
static void
p005_sentence(struct pctx *c, const struct pblock *pb, size_t si)
{
	struct amt as[MAX_AMTS];
	size_t na = amts_of(pb, si, as, MAX_AMTS);
	int wan = 0, yuan = 0;

	if (c->money_exp < 4)
		return;
	for (size_t i = 0; i < na; i++) {
		if (as[i].cls == CLS_MONEY && as[i].exp >= 4)
			wan = 1;
		if (yuan_in_wan(c, &as[i]))
			yuan = 1;
	}
	if (!yuan)
		return;
	for (size_t i = 0; i < na; i++) {
		const struct amt *a = &as[i];
		const struct tally_num *fg;
		char buf[TALLY_DEC_BUFSZ];
		if (!yuan_in_wan(c, a) || is_per(pb, a->n) ||
		    was_reported(c, a->n, "P005"))
			continue;
		if ((fg = figure_in_wan(c, a)) != NULL) {
			struct tally_buf path = TALLY_BUF_INIT;
			tally_fact_path_of(fg->fact, &path);
			p005_head(c, a);
			tally_buf_printf(&c->zh, "：%s 为 %s（%s）",
			    tally_buf_cstr(&path), fg->text, fg->kind ==
			    TALLY_N_MONEY ? fg->unit : c->nc.money_unit);
			tally_buf_printf(&c->en, ": %s is %s (%s)",
			    tally_buf_cstr(&path), fg->text, fg->kind ==
			    TALLY_N_MONEY ? fg->unit : c->nc.money_unit);
			tally_buf_free(&path);
			put_quote(c, pb, a->n->label_len ? a->n->label_off :
			    a->n->off, a->n->off + a->n->len);
			mark_reported(c, a->n, "P005");
			emit(c, "P005", pb, a->n->off);
			continue;
		}
		if (!wan || tally_dec_cmp(a->n->value,
		    tally_dec_from_int(10)) < 0)
			continue;
		if (!c->wan_read) {
			c->wan_read = 1;
			collect_wan(c);
		}
		for (size_t k = 0; k < c->nwan; k++) {
			if (tally_dec_cmp(c->wan[k], a->n->value) != 0)
				continue;
			p005_head(c, a);
			tally_dec_format(c->wan[k], buf, sizeof(buf));
			tally_buf_printf(&c->zh, "：同一金额在以万元计的表中为 %s",
			    buf);
			tally_buf_printf(&c->en, ": the same amount is %s in a "
			    "table in 万元", buf);
			put_quote(c, pb, a->n->label_len ? a->n->label_off :
			    a->n->off, a->n->off + a->n->len);
			mark_reported(c, a->n, "P005");
			emit(c, "P005", pb, a->n->off);
			break;
		}
	}
}

/* ======================================================================
 * The family
 * ==================================================================== */


/* 1 when s[0..n) holds an ASCII or a fullwidth digit (EF BC 90..99).
 * Every paragraph asks, most of them twice (tally_lint_prose,
 * may_state_amounts). */
static int
has_digit(const char *s, size_t n)
{
	return tally_prose_next_digit(s, 0, n) < n;
}

/* 0 when tally_prose_scan surely finds no amount in the paragraph: its
 * only digits are in its numbering ("1、贯彻执行国家、省、市有关…",
 * "（三）加强三级网格建设…") and in years ("2023年，我局…"), which is
 * most paragraphs.  Every quantity the scan would find is then written in
 * Chinese numerals (tally_prose_may_have_figures_num), and amt_read
 * takes none of those. */
static int
may_state_amounts(const struct tally_block *b)
{
	return tally_prose_may_have_figures_num(b->text, b->len, &b->num);
}

/* tally_prose_scan of a paragraph, but a paragraph without amounts
 * (may_state_amounts) is not scanned: it gets no sentences.  Every rule
 * reads a sentence for its amounts only (found_at, amts_of, info.ok; a
 * paragraph's last sentence announcing a list, too, is read for the
 * level it states), so sentences without amounts read as no sentences. */
static int
scan_block(struct tally_arena *arena, const struct tally_block *b,
    struct tally_prose **out)
{
	struct tally_prose *pr;

	if (may_state_amounts(b))
		return tally_prose_scan(arena, b->text, b->len, out);
	pr = tally_arena_alloc(arena, sizeof(*pr));
	pr->text = b->text != NULL ? b->text : "";
	pr->len = b->len;
	*out = pr;
	return 0;
}

void
tally_lint_prose(const struct tally_project *p, const struct tally_report *r,
    struct tally_diags *d)
{
	struct pctx c;
	const struct tally_block *b;
	size_t cap = 0;

	(void)p;
	if (!r->parsed)
		return;
	tables_build();
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.d = d;
	c.year = r->year ? r->year : r->dir_year;
	c.money_exp = tally_money_exp(r->money_unit);
	/* Paragraphs and list items that hold a digit: the rest states no
	 * figure a rule could check. */
	for (b = r->outline.blocks; b; b = b->next) {
		struct tally_prose *pr;
		if ((b->kind != TALLY_BLOCK_PARA && b->kind != TALLY_BLOCK_ITEM) ||
		    !has_digit(b->text, b->len) ||
		    scan_block(&c.arena, b, &pr) != 0)
			continue;
		if (c.nblocks == cap) {
			cap = cap ? 2 * cap : 32;
			c.blocks = xrealloc(c.blocks, cap * sizeof(*c.blocks));
		}
		c.blocks[c.nblocks].b = b;
		c.blocks[c.nblocks].pr = pr;
		prepare_block(&c.arena, &c.blocks[c.nblocks]);
		c.nblocks++;
	}
	for (size_t i = 0; i < c.nblocks; i++) {
		const struct pblock *pb = &c.blocks[i];
		for (size_t si = 0; si < pb->pr->nsentences; si++) {
			if (sent(pb, si)->nnums == 0 ||
			    sent(pb, si)->len > MAX_SENTENCE)
				continue;
			p001_sentence(&c, pb, si);
			p003_sentence(&c, pb, si);
			p004_sentence(&c, pb, si);
			p005_sentence(&c, pb, si);
		}
	}
	for (size_t i = 0; i < c.nblocks; i++)
		p004_items(&c, i);
	prepare_figs(&c);
	p002(&c);
	if (c.nc_ready)
		tally_numctx_free(&c.nc);
	free(c.figs);
	free(c.labs);
	free(c.allfigs);
	free(c.wan);
	free(c.done);
	free(c.blocks);
	tally_buf_free(&c.zh);
	tally_buf_free(&c.en);
	tally_buf_free(&c.tmp);
	tally_buf_free(&c.expr);
	tally_arena_free(&c.arena);
}

/* ======================================================================
 * What a report says of the previous year (for X001, cross.c)
 * ==================================================================== */

/* The figure fields the words w name: the longest label or alias that
 * ends them ("收、支总计" names both 收入总计 and 支出总计). */
static size_t
fields_named(const struct tally_schema *s, const char *w, size_t wn,
    const char **out, size_t cap)
{
	size_t best = 0, n = 0;

	if (s == NULL || wn == 0)
		return 0;
	if (starts(w, wn, "收、支") || starts(w, wn, "收支")) {
		/* a pair stated at once: each side by itself */
		size_t k = starts(w, wn, "收、支") ? 9 : 6;
		char buf[128];
		if (wn - k + 6 >= sizeof(buf))
			return 0;
		memcpy(buf, "收入", 6);
		memcpy(buf + 6, w + k, wn - k);
		n = fields_named(s, buf, wn - k + 6, out, cap);
		memcpy(buf, "支出", 6);
		if (n < cap)
			n += fields_named(s, buf, wn - k + 6, out + n, cap - n);
		return n;
	}
	for (size_t i = 0; i < s->nfields; i++) {
		const struct tally_schema_field *fd = &s->fields[i];
		if (strncmp(fd->path, "figures.", 8) != 0 ||
		    (fd->kind != TALLY_FIELD_MONEY && fd->kind != TALLY_FIELD_COUNT))
			continue;
		for (size_t k = 0; k <= fd->naliases; k++) {
			const char *l = k == 0 ? fd->label : fd->aliases[k - 1];
			size_t ln = l ? strlen(l) : 0;
			if (ln == 0 || ln < best || !ends(w, wn, l) ||
			    ws_has(&ws_scope, w, wn - ln))
				continue;
			if (ln > best) {
				best = ln;
				n = 0;
			}
			if (n < cap)
				out[n++] = fd->path;
		}
	}
	return n;
}

static void
claim_add(struct tally_arena *a, struct tally_prev_claim **v, size_t *n,
    size_t *cap, const struct tally_prev_claim *c)
{
	if (*n == *cap) {
		size_t nc = *cap ? 2 * *cap : 8;
		struct tally_prev_claim *p = tally_arena_alloc(a, nc * sizeof(*p));
		if (*n)
			memcpy(p, *v, *n * sizeof(*p));
		*v = p;
		*cap = nc;
	}
	(*v)[(*n)++] = *c;
}

size_t
tally_prose_prev_claims(const struct tally_report *r, struct tally_arena *arena,
    struct tally_prev_claim **out)
{
	const struct tally_block *b;
	struct pctx c;
	size_t n = 0, cap = 0;

	*out = NULL;
	if (!r->parsed || r->schema == NULL)
		return 0;
	tables_build();
	memset(&c, 0, sizeof(c));
	c.r = r;
	for (b = r->outline.blocks; b; b = b->next) {
		struct pblock pb;
		if ((b->kind != TALLY_BLOCK_PARA && b->kind != TALLY_BLOCK_ITEM) ||
		    !prev_year_named(b->text, b->len) ||
		    scan_block(&c.arena, b, &pb.pr) != 0)
			continue;
		pb.b = b;
		prepare_block(&c.arena, &pb);
		for (size_t si = 0; si < pb.pr->nsentences; si++) {
			struct amt as[MAX_AMTS];
			size_t na;
			if (sent(&pb, si)->len > MAX_SENTENCE)
				continue;
			na = amts_of(&pb, si, as, MAX_AMTS);
			for (size_t i = 0; i < na; i++) {
				const struct amt *C = &as[i], *L1 = NULL;
				const struct amt *t[2];
				struct tally_prev_claim cl;
				struct change ch;
				struct found f1;
				struct tally_dec point, slack;
				const char *subj;
				size_t subjl, nf;
				const char *dw;
				int neg[2], px, dir = dir_of(&pb, C->n, &dw);
				if (C->cls == CLS_PCT || dir == 0 ||
				    is_target(&pb, C->n))
					continue;
				read_change(&pb, si, C->n, dw, &ch);
				if (!ch.prev_year)
					continue;
				if (ch.subjl >= 6 && find_named(&pb, si, C->n->off,
				    ch.subj, ch.subjl, C, 0, NULL, &f1)) {
					L1 = &f1.a;
				} else if (ch.subjl == 0) {
					L1 = level_before(&pb, as, i, NULL);
				}
				if (L1 == NULL)
					continue;
				subj = ch.subjl >= 6 ? ch.subj : L1->n->key;
				subjl = ch.subjl >= 6 ? ch.subjl : strlen(L1->n->key);
				memset(&cl, 0, sizeof(cl));
				nf = fields_named(r->schema, subj, subjl, cl.fields,
				    2);
				if (nf == 0)
					continue;
				cl.nfields = nf;
				t[0] = L1;
				t[1] = C;
				neg[0] = 0;
				neg[1] = dir > 0;
				cl.exp = L1->exp > C->exp ? L1->exp : C->exp;
				if (sum_ival(t, neg, 2, cl.exp, &cl.prev, &point,
				    &slack, &px) != TALLY_DEC_OK)
					continue;
				cl.point = point;
				cl.exact = px;
				cl.cls_money = C->cls == CLS_MONEY;
				cl.subject = tally_arena_strndup(arena, subj, subjl);
				{
					struct tally_buf e = TALLY_BUF_INIT;
					int s = L1->n->value.scale > C->n->value.scale ?
					    L1->n->value.scale : C->n->value.scale;
					put_num(&e, L1, 0);
					tally_buf_puts(&e, dir > 0 ? " − " : " + ");
					put_num(&e, C, 0);
					tally_buf_puts(&e, " = ");
					put_dec(&e, point, cl.exp, L1->exp, s);
					cl.expr = tally_arena_strdup(arena,
					    tally_buf_cstr(&e));
					tally_buf_free(&e);
				}
				{
					const struct amt *q[2] = {L1, C};
					size_t from = quote_from(&pb, si, q, 2,
					    C->n->off);
					/* the quote, through the message buffer */
					put_quote(&c, &pb, from, C->n->off +
					    C->n->len);
					cl.quote = tally_arena_strdup(arena,
					    tally_buf_cstr(&c.zh));
					tally_buf_reset(&c.zh);
					tally_buf_reset(&c.en);
				}
				cl.pos = tally_block_pos(b, C->n->off);
				cl.unit = C->cls == CLS_MONEY ? "" :
				    C->n->unit_text;
				claim_add(arena, out, &n, &cap, &cl);
			}
		}
	}
	tally_buf_free(&c.zh);
	tally_buf_free(&c.en);
	tally_arena_free(&c.arena);
	return n;
}
