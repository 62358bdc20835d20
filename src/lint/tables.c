/*
 * tables.c - the T family on the GFM tables of the body: a 合计/总计/小计
 * row that is not the sum of the rows it covers (T001), a percentage
 * column that is not the ratio of the two columns it derives from (T002),
 * and a cell that is not a number in a column of numbers (T003).
 *
 * Tables in these reports are copied from spreadsheets and forms, so the
 * rules first read what a table is before checking anything:
 *
 *  - A cell is blank, a zero written as a dash (- — – －), not applicable
 *    (/), a number with an optional unit (40.00, 1,234.5, 83.99%, 35人次,
 *    17万元), a number with a comparison (≥95%: a target, not a value), a
 *    malformed number (121.93%%: N001's, not ours) or text.  A blank cell
 *    is not a zero and not an error: a total over a column with a blank
 *    covered cell is not checked, and T003 does not report it.
 *  - A column is numeric when at least two thirds of its non-blank cells
 *    are numbers, all in one unit; it is a rate column when its numbers
 *    carry % (or its header does, or names a 率/占比/比例/比重), an amount
 *    column otherwise.  A 序号 column (by header, or 1, 2, 3 … down the
 *    rows) and columns of identifiers are neither.
 *  - A row is a total when one of its first three cells reads 合计, 总计
 *    or 小计 (spaces inside do not matter: "合  计"), a heading when it
 *    has no number at all ("二、项目支出" over its rows), a data row
 *    otherwise.  Rows above the first number continue the header.
 *
 * T001.  A 小计 covers the data rows since the previous 小计 or heading
 * row (or since the previous total, when only that reading adds up: a
 * form lists the sources it did not use as rows without numbers); a
 * 合计/总计 covers, since the previous 合计/总计, the 小计 rows and the
 * data rows no 小计 covers.  Labels such as "本年收入合计" close a group
 * like 小计.  Each amount column is checked with the interval semantics
 * of DESIGN section 4: the covered cells read at their finest precision,
 * the total as written; integers are exact unless the column is money.
 * Budget tables often write their outline without 小计, so a total that
 * does not add up as a flat list is also read as an outline before it is
 * reported: rows immediately followed by rows that add up to them are
 * parents; with 科目编码 (201 ⊃ 20101) or numbered labels (一、 over
 * （一）), only the top level counts.  A finding states the sum in the
 * table's own outline when it has one.  When no reading holds and the
 * covered rows include a "其中" breakdown (which need not be complete),
 * the rule stays silent.
 *
 * T002.  A rate column says nothing of where it comes from, so the rule
 * finds out from the rows: every ordered pair of amount columns (a, b)
 * is tried as a ÷ b × 100 on every row, and the pair that matches most
 * rows wins, preferring pairs named by the header (使用率 = 使用 ÷ 拨付).
 * It must match at least two rows and two thirds of the rows it can be
 * computed on, and no other pair may explain the column as well with a
 * different set of rows: when no pair clearly explains the column, the
 * rule is silent.  Operands are intervals as written (exact when
 * integers), the rate as written.
 *
 * T003.  A text cell in a numeric column, except in the header, in label
 * and total-label cells, and in columns of indicator values and notes
 * (年度指标值 holds "95%" beside "及时有效" by design).
 *
 * Each table is read once into one temporary array (cells, then column
 * and row facts); nothing else is allocated.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "internal.h"

/* tally_table_cell, inline: the checks ask for cells all the time. */
static inline const struct tally_cell *
cell_at(const struct tally_table *t, size_t r, size_t col)
{
	if (t == NULL || r >= t->nrows || col >= t->ncols)
		return NULL;
	return &t->cells[r * t->ncols + col];
}

/* --- reading cells -------------------------------------------------------- */

enum cell_class {
	C_BLANK = 0,
	C_NA,    /* "/": not applicable, like a blank */
	C_DASH,  /* "-", "—": zero */
	C_NUM,   /* a number, maybe with a unit */
	C_QUAL,  /* a number with a comparison: "≥95%", "90%以上" */
	C_BAD,   /* a malformed number, reported by N001 */
	C_TEXT,
};

enum unit {
	U_NONE = 0,
	U_PERCENT,
	U_PERMILLE,
	U_MONEY,  /* 元 万元 亿元 (utext tells which) */
	U_OTHER,  /* 人 个 人次 公顷 … */
};

struct cellv {
	struct tally_dec v;
	const char *utext; /* the unit as written, inside the cell's text */
	unsigned char ulen;
	unsigned char cls;
	unsigned char unit;
};

enum col_kind {
	K_NONE = 0, /* text, identifiers, mixed units */
	K_AMOUNT,
	K_RATE,
};

/* A set of header words (hwords below), one bit each. */
#define HW_MAX 128
struct hset {
	uint64_t w[HW_MAX / 64];
};

struct colv {
	unsigned char kind;
	unsigned char sum;      /* T001 checks it */
	unsigned char money;    /* integers are rounded amounts, not counts */
	unsigned char t003;     /* T003 looks at it */
	unsigned char permille; /* a rate in ‰ */
	const char *header;
	struct hset words;      /* the header words it contains */
};

enum row_kind {
	R_DATA = 0,
	R_HEADING,
	R_SUB,
	R_TOTAL,
};

struct rowv {
	unsigned char kind;
	unsigned char qizhong;  /* a "其中" breakdown row */
	unsigned char in_sub;   /* covered by a 小计 */
	unsigned char label_col;
	unsigned char level;    /* depth of the label's numbering: 一、 is 1,
	                         * （一） 2, 1. 3 …; 0 when none */
	unsigned char codelen;
	unsigned char outlined; /* level and code have been read */
	const char *code;       /* 科目编码 "20101": digits, or NULL */
	const char *word;       /* 合计, 总计, 小计 */
};

struct table_ctx {
	const struct tally_report *r;
	struct tally_diags *d;
	const struct tally_table *t;
	size_t nrows, ncols;
	struct cellv *cells; /* nrows × ncols; row 0 (the header) unused */
	struct colv *cols;
	struct rowv *rows;
	const struct cellv **items; /* nrows: one column's covered cells */
	size_t *item_rows;          /* nrows: the rows they are in */
	unsigned char *flags;      /* nrows bytes */
	int money_table;           /* "单位：万元" above the table */
	size_t body;               /* first row holding a number: the rows
	                            * above it continue the header */
};

static int
at(const char *s, size_t n, size_t i, const char *lit)
{
	size_t k = strlen(lit);

	return i <= n && n - i >= k && memcmp(s + i, lit, k) == 0;
}

/* Bytes of a space at s[i]: ASCII, U+3000 or U+00A0; 0 when none. */
static size_t
space_len(const char *s, size_t n, size_t i)
{
	if (i < n && (s[i] == ' ' || s[i] == '\t'))
		return 1;
	if (at(s, n, i, "　"))
		return 3;
	if (at(s, n, i, "\xC2\xA0"))
		return 2;
	return 0;
}

/* The text without spaces into buf (cap bytes); 0 when it does not fit. */
static int
squeeze(const char *s, char *buf, size_t cap)
{
	size_t n = strlen(s), i = 0, k = 0, sp;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		/* only ' ', '\t' and the leads of U+3000 and U+00A0 can
		 * start a space */
		if ((c == ' ' || c == '\t' || c == 0xE3 || c == 0xC2) &&
		    (sp = space_len(s, n, i)) > 0) {
			i += sp;
			continue;
		}
		if (k + 1 >= cap)
			return 0;
		buf[k++] = s[i++];
	}
	buf[k] = '\0';
	return 1;
}

/* "-", "—", "–", "－", "――": zero. */
static int
is_dash(const char *s)
{
	static const char *const dashes[] = {"-", "—", "–", "－", "―", "─"};
	size_t n = strlen(s), i = 0, k, sp, count = 0;

	while (i < n) {
		if ((sp = space_len(s, n, i)) > 0) {
			i += sp;
			continue;
		}
		for (k = 0; k < sizeof(dashes) / sizeof(dashes[0]); k++)
			if (at(s, n, i, dashes[k]))
				break;
		if (k == sizeof(dashes) / sizeof(dashes[0]))
			return 0;
		i += strlen(dashes[k]);
		count++;
	}
	return count > 0 && count <= 3;
}

/* A unit's name after a number: up to four characters, no digits, no
 * punctuation ("人", "人次", "公顷", "km"). */
static int
unit_name(const char *s, size_t n)
{
	size_t i = 0, chars = 0;
	int32_t cp;

	while (i < n) {
		int k = tally_utf8_decode(s + i, n - i, &cp);
		if (!((cp >= 0x4E00 && cp <= 0x9FFF) ||
		    (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    cp == 0xB2 || cp == 0xB3 /* m² m³ */))
			return 0;
		i += (size_t)k;
		chars++;
	}
	return chars >= 1 && chars <= 4;
}

static const char *const op_prefixes[] = {
	"≥", "≤", ">", "<", "＞", "＜", "≧", "≦", "≈", "约", "不低于", "不少于",
	"不高于", "不超过", "不大于", "不小于", "大于", "小于", "高于", "低于",
	"达到", NULL,
};

static const char *const op_suffixes[] = {
	"及以上", "及以下", "以上", "以下", "以内", "左右", NULL,
};

static int
is_op_suffix(const char *s, size_t n)
{
	size_t k;

	for (k = 0; op_suffixes[k] != NULL; k++)
		if (n == strlen(op_suffixes[k]) && memcmp(s, op_suffixes[k], n) == 0)
			return 1;
	return 0;
}

/* 1 when s starts with a Chinese word that is no comparison: most text
 * cells ("五华区", "网格化管理制度建设覆盖率") are known at once. */
static int
word_start(const char *s, size_t n)
{
	static const int32_t ops[] = {
		0x7EA6 /* 约 */, 0x4E0D /* 不 */, 0x5927 /* 大 */, 0x5C0F /* 小 */,
		0x9AD8 /* 高 */, 0x4F4E /* 低 */, 0x8FBE /* 达 */,
	};
	int32_t cp;
	size_t k;

	if ((unsigned char)s[0] < 0xE3)
		return 0;
	tally_utf8_decode(s, n, &cp);
	if (cp < 0x4E00 || cp > 0x9FFF)
		return 0;
	for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
		if (cp == ops[k])
			return 0;
	return 1;
}

static void
read_cell(const char *s, struct cellv *cv)
{
	size_t n = strlen(s), used = 0, k, rn;
	const char *rest;
	int rc;

	memset(cv, 0, sizeof(*cv));
	if (n == 0) {
		cv->cls = C_BLANK;
		return;
	}
	if (word_start(s, n)) {
		cv->cls = C_TEXT;
		return;
	}
	if (s[0] >= '0' && s[0] <= '9')
		goto number; /* no dash, no comparison */
	if (is_dash(s)) {
		cv->cls = C_DASH;
		cv->v = tally_dec_from_int(0);
		return;
	}
	if (!strcmp(s, "/") || !strcmp(s, "／") || !strcmp(s, "\\")) {
		cv->cls = C_NA;
		return;
	}
	for (k = 0; op_prefixes[k] != NULL; k++) {
		if (at(s, n, 0, op_prefixes[k])) {
			size_t p = strlen(op_prefixes[k]);
			while (space_len(s, n, p) > 0)
				p += space_len(s, n, p);
			cv->cls = tally_dec_parse(s + p, n - p, &cv->v, NULL) ==
			    TALLY_DEC_OK ? C_QUAL : C_TEXT;
			return;
		}
	}
number:
	rc = tally_dec_parse(s, n, &cv->v, &used);
	if (rc == TALLY_DEC_EOVERFLOW) {
		cv->cls = C_BAD;
		return;
	}
	if (rc != TALLY_DEC_OK) {
		cv->cls = C_TEXT;
		return;
	}
	rest = s + used;
	rn = n - used;
	while ((k = space_len(rest, rn, 0)) > 0) {
		rest += k;
		rn -= k;
	}
	cv->cls = C_NUM;
	if (rn == 0)
		return;
	if (at(rest, rn, 0, "%") || at(rest, rn, 0, "％") ||
	    at(rest, rn, 0, "‰")) {
		k = rest[0] == '%' ? 1 : 3;
		cv->unit = at(rest, rn, 0, "‰") ? U_PERMILLE : U_PERCENT;
		cv->utext = rest;
		cv->ulen = (unsigned char)k;
		if (rn == k)
			return;
		/* "90%以上" is a bound; anything else after a percent sign
		 * ("121.93%%", "69.49%万元") is malformed. */
		cv->cls = is_op_suffix(rest + k, rn - k) ? C_QUAL : C_BAD;
		return;
	}
	if (rest[0] == '.' || rest[0] == ',' || at(rest, rn, 0, "．")) {
		/* "12.3.4", "1,23,456": N001 reports these. */
		size_t p = rest[0] == '.' || rest[0] == ',' ? 1 : 3;
		struct tally_dec d;

		cv->cls = tally_dec_parse(rest + p, rn - p, &d, NULL) ==
		    TALLY_DEC_OK && rest[p] != '-' && rest[p] != '+' ?
		    C_BAD : C_TEXT;
		return;
	}
	if (is_op_suffix(rest, rn)) {
		cv->cls = C_QUAL;
		return;
	}
	if (rn < 256 && (!strcmp(rest, "元") || !strcmp(rest, "万元") ||
	    !strcmp(rest, "亿元") || !strcmp(rest, "千元"))) {
		cv->unit = U_MONEY;
		cv->utext = rest;
		cv->ulen = (unsigned char)rn;
		return;
	}
	if (rn < 256 && unit_name(rest, rn)) {
		cv->unit = U_OTHER;
		cv->utext = rest;
		cv->ulen = (unsigned char)rn;
		return;
	}
	cv->cls = C_TEXT;
}

/* --- reading columns and rows ------------------------------------------------ */

/* Headers of identifier columns: never summed, never a rate's operand. */
static const char *const id_headers[] = {
	"序号", "编号", "排序", "代码", "编码", "代号", "排名", "名次", "行次",
	"栏次", NULL,
};
/* Headers of columns that are numbers but do not add up. */
static const char *const nosum_headers[] = {
	"单价", "均价", "平均", "人均", "标准", "限额", "定额", NULL,
};
/* Whole headers of date columns. */
static const char *const date_headers[] = {
	"年度", "年份", "年", "月份", "日期", "时间", NULL,
};
/* Headers of rate columns whose cells carry no % sign. */
static const char *const rate_headers[] = {
	"率", "占比", "比例", "比重", "百分比", "增幅", "%", "％", "‰", NULL,
};
/* Columns that mix numbers and words by design: indicator values, notes. */
static const char *const mixed_headers[] = {
	"指标", "目标", "完成值", "实际值", "完成情况", "备注", "说明", "原因",
	"标准", "依据", "内容", NULL,
};

/* The ratio's words: a header naming the rate names its operands. */
struct rate_words {
	const char *rate;
	const char *const *num;
	const char *const *den;
};

static const char *const use_num[] = {"使用", "支出", "支付", NULL};
static const char *const use_den[] = {"拨付", "到位", "下达", "安排", "预算",
	"收到", NULL};
static const char *const exec_num[] = {"执行", "支出", "决算", "实际", NULL};
static const char *const exec_den[] = {"预算", "调整", "全年", "年初", "计划",
	NULL};
static const char *const arrive_num[] = {"到位", "实际", NULL};
static const char *const arrive_den[] = {"预算", "计划", "下达", "安排", "应",
	NULL};
static const char *const done_num[] = {"完成", "实际", NULL};
static const char *const done_den[] = {"计划", "目标", "预算", "任务", NULL};
static const char *const left_num[] = {"结余", "结转", NULL};
static const char *const left_den[] = {"拨付", "到位", "预算", "收入", NULL};
static const char *const pay_num[] = {"支付", "拨付", NULL};
static const char *const pay_den[] = {"预算", "下达", "安排", NULL};

static const struct rate_words rate_words[] = {
	{"使用率", use_num, use_den},
	{"执行率", exec_num, exec_den},
	{"到位率", arrive_num, arrive_den},
	{"完成率", done_num, done_den},
	{"结余率", left_num, left_den},
	{"支付率", pay_num, pay_den},
	{"拨付率", pay_num, pay_den},
};
#define NRATE_WORDS (sizeof(rate_words) / sizeof(rate_words[0]))

/* --- header words --------------------------------------------------------------
 * A column's header is searched for every word of the lists above and of
 * rate_words below in one pass, not one strstr a word: the words are
 * numbered once (hw_start), and a header's are found by the third byte of
 * each character, which tells Chinese words apart well enough that a
 * position rarely has more than one candidate.  A word is found wherever
 * strstr would find it. */

static struct {
	const char *word[HW_MAX];
	size_t len[HW_MAX];
	uint32_t key[HW_MAX];     /* a non-ASCII word's first three bytes */
	size_t n;
	unsigned char head[64];   /* first word (index + 1) by third byte */
	unsigned char next[HW_MAX];
	unsigned char ascii[HW_MAX]; /* words led by an ASCII byte, +1 */
	size_t nascii;
	/* the lists' sets */
	struct hset id, nosum, rate, mixed, yuan, permille;
	struct hset rw_rate[NRATE_WORDS], rw_num[NRATE_WORDS], rw_den[NRATE_WORDS];
	size_t date_max; /* bytes of the longest of date_headers */
} hw;
static once_flag hw_once = ONCE_FLAG_INIT;

/* Three bytes as one number, to compare a word's start in one test. */
static uint32_t
key3(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16;
}

/* The index of word w, numbered on first sight (a word already numbered
 * is in its bucket's chain, or among the ASCII-led ones). */
static size_t
hw_index(const char *w)
{
	size_t i, k, len = strlen(w);
	unsigned b = len >= 3 ? (unsigned char)w[2] & 63 : 0;
	int ascii = (unsigned char)w[0] < 0x80 || len < 3;

	if (ascii) {
		for (k = 0; k < hw.nascii; k++)
			if (strcmp(hw.word[hw.ascii[k] - 1], w) == 0)
				return hw.ascii[k] - 1u;
	} else {
		for (k = hw.head[b]; k != 0; k = hw.next[k - 1])
			if (strcmp(hw.word[k - 1], w) == 0)
				return k - 1;
	}
	if (hw.n == HW_MAX)
		abort(); /* the lists are fixed: cannot happen */
	i = hw.n++;
	hw.word[i] = w;
	hw.len[i] = len;
	if (ascii) {
		hw.ascii[hw.nascii++] = (unsigned char)(i + 1);
	} else {
		hw.key[i] = key3(w);
		hw.next[i] = hw.head[b];
		hw.head[b] = (unsigned char)(i + 1);
	}
	return i;
}

static void
hset_add(struct hset *s, size_t i)
{
	s->w[i / 64] |= (uint64_t)1 << (i % 64);
}

/* The set of a list of words, numbering them. */
static struct hset
hset_of(const char *const *words)
{
	struct hset s;

	memset(&s, 0, sizeof(s));
	for (; *words != NULL; words++)
		hset_add(&s, hw_index(*words));
	return s;
}

static void
hw_start(void)
{
	static const char *const yuan[] = {"元", NULL};
	static const char *const permille[] = {"‰", NULL};
	size_t k;

	hw.id = hset_of(id_headers);
	hw.nosum = hset_of(nosum_headers);
	hw.rate = hset_of(rate_headers);
	hw.mixed = hset_of(mixed_headers);
	hw.yuan = hset_of(yuan);
	hw.permille = hset_of(permille);
	for (k = 0; date_headers[k] != NULL; k++)
		if (strlen(date_headers[k]) > hw.date_max)
			hw.date_max = strlen(date_headers[k]);
	for (k = 0; k < NRATE_WORDS; k++) {
		const char *const one[] = {rate_words[k].rate, NULL};

		hw.rw_rate[k] = hset_of(one);
		hw.rw_num[k] = hset_of(rate_words[k].num);
		hw.rw_den[k] = hset_of(rate_words[k].den);
	}
}

static int
hset_meets(const struct hset *a, const struct hset *b)
{
	size_t k;

	for (k = 0; k < HW_MAX / 64; k++)
		if (a->w[k] & b->w[k])
			return 1;
	return 0;
}

/* The numbered words h contains. */
static struct hset
header_words(const char *h)
{
	struct hset s;
	size_t i, k, n;

	memset(&s, 0, sizeof(s));
	call_once(&hw_once, hw_start);
	if (h == NULL)
		return s;
	n = strlen(h);
	/* A non-ASCII word starts with a lead byte (0xC0 and up), so only
	 * those positions can start one. */
	for (i = 0; i + 3 <= n; i++) {
		uint32_t key;

		if ((unsigned char)h[i] < 0xC0)
			continue;
		k = hw.head[(unsigned char)h[i + 2] & 63];
		if (k == 0)
			continue;
		key = key3(h + i);
		for (; k != 0; k = hw.next[k - 1])
			if (hw.key[k - 1] == key && hw.len[k - 1] <= n - i &&
			    memcmp(h + i + 3, hw.word[k - 1] + 3,
			    hw.len[k - 1] - 3) == 0)
				hset_add(&s, k - 1);
	}
	for (k = 0; k < hw.nascii; k++)
		if (strstr(h, hw.word[hw.ascii[k] - 1]) != NULL)
			hset_add(&s, hw.ascii[k] - 1);
	return s;
}

/* 1 when a header whose words are hs contains a word of the list whose
 * set is ws (one of hw's). */
static int
has_any(const struct hset *hs, const struct hset *ws)
{
	return hset_meets(hs, ws);
}

/* 1 when h without its spaces is one of words, none longer than max
 * bytes (a longer header is none of them: squeeze stops there). */
static int
header_is(const char *h, const char *const *words, size_t max)
{
	char buf[64];
	size_t k;

	if (!squeeze(h, buf, max + 1 < sizeof(buf) ? max + 1 : sizeof(buf)))
		return 0;
	for (k = 0; words[k] != NULL; k++)
		if (!strcmp(buf, words[k]))
			return 1;
	return 0;
}

static const struct cellv *
cellv_at(const struct table_ctx *c, size_t r, size_t col)
{
	return &c->cells[r * c->ncols + col];
}

/* 1, 2, 3 … down the data rows: a 序号 column without its header. */
static int
is_sequence(const struct table_ctx *c, size_t col)
{
	size_t r;
	int64_t next = 1;

	for (r = c->body; r < c->nrows; r++) {
		const struct cellv *cv = cellv_at(c, r, col);
		if (cv->cls == C_BLANK || cv->cls == C_TEXT)
			continue;
		if (cv->cls != C_NUM || cv->unit != U_NONE || cv->v.scale != 0 ||
		    cv->v.coef != next)
			return 0;
		next++;
	}
	return next > 3;
}

static void
read_column(struct table_ctx *c, size_t col)
{
	struct colv *k = &c->cols[col];
	const char *h = cell_at(c->t, 0, col)->text;
	size_t r, nnum = 0, ndash = 0, ntext = 0, nqual = 0, nplain = 0;
	size_t npct = 0;
	const struct cellv *unit = NULL;
	int mixed = 0;

	memset(k, 0, sizeof(*k));
	k->header = h;
	k->words = header_words(h);
	for (r = c->body; r < c->nrows; r++) {
		const struct cellv *cv = cellv_at(c, r, col);
		switch (cv->cls) {
		case C_NUM:
			nnum++;
			if (cv->unit == U_NONE) {
				nplain++;
			} else if (unit == NULL) {
				unit = cv;
			} else if (cv->unit != unit->unit || cv->ulen != unit->ulen ||
			    memcmp(cv->utext, unit->utext, cv->ulen) != 0) {
				mixed = 1;
			}
			if (cv->unit == U_PERCENT || cv->unit == U_PERMILLE)
				npct++;
			break;
		case C_DASH:
			ndash++;
			break;
		case C_QUAL:
			nqual++;
			break;
		case C_BAD:
		case C_TEXT:
			ntext++;
			break;
		default:
			break;
		}
	}
	/* the counts before the header's words: they settle most columns */
	if (mixed || nnum < 1 || nnum + ndash < 2 ||
	    nnum + ndash < 2 * (ntext + nqual))
		return;
	if (has_any(&k->words, &hw.id) ||
	    header_is(h, date_headers, hw.date_max))
		return;
	if (npct > 0) {
		/* "95%" beside plain "100" is a rate only when the header
		 * says so; beside "35人次" it is an indicator value. */
		if (nplain > 0 && !has_any(&k->words, &hw.rate))
			return;
		k->kind = K_RATE;
		k->permille = unit->unit == U_PERMILLE;
	} else if (has_any(&k->words, &hw.rate)) {
		k->kind = K_RATE;
		k->permille = (unsigned char)has_any(&k->words, &hw.permille);
	} else {
		if (is_sequence(c, col))
			return;
		k->kind = K_AMOUNT;
		k->sum = !has_any(&k->words, &hw.nosum);
		k->money = c->money_table || has_any(&k->words, &hw.yuan) ||
		    (unit != NULL && unit->unit == U_MONEY);
	}
	k->t003 = !has_any(&k->words, &hw.mixed) && nnum >= 2 &&
	    ntext > 0 &&
	    nnum + ndash >= 3 * (ntext + nqual);
}

/* A total label: 合计, 总计, 小计, also "合  计", "合计（万元）" and
 * "基本支出小计" (a group's total, read as 小计).  Returns the kind. */
static int
total_label(const char *s, const char **word)
{
	static const char *const words[] = {"合计", "总计", "小计"};
	char buf[64];
	size_t k, n, w;

	*word = NULL;
	if (strstr(s, "计") == NULL || !squeeze(s, buf, sizeof(buf)))
		return R_DATA;
	n = strlen(buf);
	for (k = 0; k < 3; k++) {
		w = strlen(words[k]);
		*word = words[k];
		if (n < w)
			continue;
		if (!memcmp(buf, words[k], w) && (n == w ||
		    at(buf, n, w, "（") || at(buf, n, w, "(") ||
		    at(buf, n, w, "：") || at(buf, n, w, ":")))
			return k == 2 ? R_SUB : R_TOTAL;
		/* "基本支出合计": a short prefix without digits; findings
		 * name it as written. */
		if (!memcmp(buf + n - w, words[k], w) && n - w <= 8 * 3 &&
		    strpbrk(buf, "0123456789") == NULL) {
			*word = s;
			return R_SUB;
		}
	}
	*word = NULL;
	return R_DATA;
}

/* The depth of a numbering style in the outline of a budget table. */
static unsigned char
style_level(enum tally_numstyle st)
{
	switch (st) {
	case TALLY_NUM_CN:
		return 1;
	case TALLY_NUM_CN_PAREN:
		return 2;
	case TALLY_NUM_ARABIC:
		return 3;
	case TALLY_NUM_ARABIC_PAREN:
	case TALLY_NUM_PAREN_DIGIT:
		return 4;
	case TALLY_NUM_CIRCLED:
		return 5;
	case TALLY_NUM_LATIN:
		return 6;
	default:
		return 0;
	}
}

/* What a data row's label says of its place in an outline: a numbering
 * ("一、基本支出", "（一）人员经费") or a 科目编码 of three digits or more
 * ("201", "2010101 行政运行").  The label is the first non-empty cell
 * among the first lim columns that are not numeric. */
static void
label_outline(struct table_ctx *c, size_t r)
{
	struct rowv *rv = &c->rows[r];
	size_t col, k, lim = c->ncols < 3 ? c->ncols : 3;

	/* Read only when a total does not add up as a flat list. */
	if (rv->outlined)
		return;
	rv->outlined = 1;
	for (col = 0; col < lim; col++) {
		const char *s = cell_at(c->t, r, col)->text;
		struct tally_numbering num;

		if (c->cols[col].kind != K_NONE || s[0] == '\0')
			continue;
		for (k = 0; s[k] >= '0' && s[k] <= '9'; k++)
			;
		if (k >= 3 && k < 256 && s[k] != '.' && s[k] != ',') {
			rv->code = s;
			rv->codelen = (unsigned char)k;
			continue; /* the name may follow in the next column */
		}
		if (rv->level == 0 &&
		    tally_numbering_parse(s, strlen(s), &num) > 0)
			rv->level = style_level(num.style);
		if (k == 0)
			break;
	}
}

static void
read_rows(struct table_ctx *c)
{
	size_t r, col, lim = c->ncols < 3 ? c->ncols : 3;

	for (r = 1; r < c->body; r++)
		c->rows[r].kind = R_HEADING;
	for (r = c->body; r < c->nrows; r++) {
		struct rowv *rv = &c->rows[r];
		int any = 0;

		memset(rv, 0, sizeof(*rv));
		for (col = 0; col < lim; col++) {
			const char *s = cell_at(c->t, r, col)->text;
			const char *word = NULL;
			int kind;

			if (c->cols[col].kind != K_NONE)
				continue;
			kind = total_label(s, &word);
			if (kind != R_DATA) {
				rv->kind = (unsigned char)kind;
				rv->word = word;
				rv->label_col = (unsigned char)col;
				break;
			}
			if ((unsigned char)s[0] == 0xE5 &&
			    (tally_starts_with(s, "其中") ||
			    tally_starts_with(s, "含：") ||
			    tally_starts_with(s, "包括")))
				rv->qizhong = 1;
		}
		if (rv->kind != R_DATA)
			continue;
		for (col = 0; col < c->ncols; col++) {
			unsigned char cls = cellv_at(c, r, col)->cls;
			if (c->cols[col].kind != K_NONE &&
			    (cls == C_NUM || cls == C_DASH))
				any = 1;
		}
		if (!any)
			rv->kind = R_HEADING;
	}
}

/* --- T001 ------------------------------------------------------------------------ */

/* The interval of one covered cell: a dash is an exact zero, integers of
 * a count column are exact, the rest is written at the finest scale. */
static int
part_ival(const struct cellv *cv, int scale, int exact, struct tally_ival *out)
{
	if (cv->cls == C_DASH || exact) {
		*out = tally_ival_exact(cv->cls == C_DASH ?
		    tally_dec_from_int(0) : cv->v);
		return TALLY_DEC_OK;
	}
	return tally_ival_written_at(cv->v, scale, out);
}

static int
stated_ival(const struct cellv *cv, int exact, struct tally_ival *out)
{
	if (cv->cls == C_DASH || exact) {
		*out = tally_ival_exact(cv->cls == C_DASH ?
		    tally_dec_from_int(0) : cv->v);
		return TALLY_DEC_OK;
	}
	return tally_ival_written(cv->v, out);
}

/* Σ of the items whose flag is set. */
static int
sum_items(const struct cellv *const *items, const unsigned char *alive,
    size_t m, int scale, int exact, struct tally_ival *out)
{
	struct tally_ival sum = tally_ival_exact(tally_dec_from_int(0)), iv;
	size_t i;
	int rc;

	for (i = 0; i < m; i++) {
		if (!alive[i])
			continue;
		if ((rc = part_ival(items[i], scale, exact, &iv)) != 0 ||
		    (rc = tally_ival_add(sum, iv, &sum)) != 0)
			return rc;
	}
	*out = sum;
	return TALLY_DEC_OK;
}

/* The reading of a numbered outline: only the rows of the shallowest
 * numbering count ("一、" rows, not the "（一）" rows under them).  Sets
 * c->flags and returns 1 when it applies: every covered row numbered. */
static int
levels_reading(struct table_ctx *c, size_t m)
{
	unsigned char top = 255;
	size_t i;

	for (i = 0; i < m; i++) {
		unsigned char lv;
		label_outline(c, c->item_rows[i]);
		lv = c->rows[c->item_rows[i]].level;
		if (lv == 0)
			return 0;
		if (lv < top)
			top = lv;
	}
	for (i = 0; i < m; i++)
		c->flags[i] = c->rows[c->item_rows[i]].level == top;
	return 1;
}

/* The reading of 科目编码: a row whose code extends another covered row's
 * code (20101 under 201) is part of it.  Sets c->flags and returns 1 when
 * it applies: every covered row has a code. */
static int
codes_reading(struct table_ctx *c, size_t m)
{
	size_t i, j;

	for (i = 0; i < m; i++) {
		label_outline(c, c->item_rows[i]);
		if (c->rows[c->item_rows[i]].code == NULL)
			return 0;
	}
	for (i = 0; i < m; i++) {
		const struct rowv *ri = &c->rows[c->item_rows[i]];
		c->flags[i] = 1;
		for (j = 0; j < m; j++) {
			const struct rowv *rj = &c->rows[c->item_rows[j]];
			if (rj->codelen < ri->codelen &&
			    memcmp(rj->code, ri->code, rj->codelen) == 0) {
				c->flags[i] = 0;
				break;
			}
		}
	}
	return 1;
}

/* Sets c->flags for the reading a finding is stated in: the table's own
 * outline (codes, then numbering) when it has one, else every row. */
static void
stated_reading(struct table_ctx *c, size_t m)
{
	if (!codes_reading(c, m) && !levels_reading(c, m))
		memset(c->flags, 1, m);
}

#define MAX_OUTLINE 64

/* The outline reading: repeatedly, a row immediately followed by two or
 * more rows that add up to it is a parent and its children drop out (the
 * deepest level first, so 100 = (50 + 30) + 20 collapses in two passes).
 * Returns 1 when the remaining rows add up to the total. */
static int
outline_holds(const struct cellv *const *items, size_t m, int scale,
    int exact, struct tally_ival total)
{
	unsigned char alive[MAX_OUTLINE];
	struct tally_ival sum, parent, iv;
	size_t i, j, pass;
	int changed = 1, kids;

	if (m < 3 || m > MAX_OUTLINE)
		return 0;
	memset(alive, 1, m);
	for (pass = 0; changed && pass < m; pass++) {
		changed = 0;
		for (i = 0; i < m; i++) {
			if (!alive[i] || items[i]->cls == C_DASH ||
			    stated_ival(items[i], exact, &parent) != 0)
				continue;
			sum = tally_ival_exact(tally_dec_from_int(0));
			kids = 0;
			for (j = i + 1; j < m; j++) {
				if (!alive[j])
					continue;
				if (part_ival(items[j], scale, exact, &iv) != 0 ||
				    tally_ival_add(sum, iv, &sum) != 0)
					break;
				kids++;
				if (kids >= 2 && tally_ival_overlaps(sum, parent)) {
					size_t q;
					for (q = i + 1; q <= j; q++)
						alive[q] = 0;
					changed = 1;
					break;
				}
			}
		}
	}
	if (sum_items(items, alive, m, scale, exact, &sum) != 0)
		return 0;
	return tally_ival_overlaps(sum, total);
}

/* Formats d as the table writes it: with thousands separators when the
 * cell it stands beside has them ("1,470,000.50"). */
static char *
format_like(struct tally_dec d, const char *like, char *buf, size_t n)
{
	char tmp[TALLY_DEC_BUFSZ];
	const char *p, *dot;
	size_t k = 0, digits;

	tally_dec_format(d, tmp, sizeof(tmp));
	if (like == NULL || strchr(like, ',') == NULL) {
		snprintf(buf, n, "%s", tmp);
		return buf;
	}
	p = tmp;
	if (*p == '-' && k + 1 < n)
		buf[k++] = *p++;
	dot = strchr(p, '.');
	digits = dot ? (size_t)(dot - p) : strlen(p);
	for (; *p != '\0' && k + 1 < n; p++) {
		buf[k++] = *p;
		/* after each digit of the integer part, a comma when a
		 * multiple of three digits is left */
		if (digits > 0 && --digits > 0 && digits % 3 == 0 && k + 1 < n)
			buf[k++] = ',';
	}
	buf[k] = '\0';
	return buf;
}

/* Formats a non-negative decimal without trailing zeros ("0.1", "0"). */
static char *
format_short(struct tally_dec d, char *buf, size_t n)
{
	size_t k;

	tally_dec_format(d, buf, n);
	if (strchr(buf, '.') == NULL)
		return buf;
	k = strlen(buf);
	while (k > 0 && buf[k - 1] == '0')
		buf[--k] = '\0';
	if (k > 0 && buf[k - 1] == '.')
		buf[--k] = '\0';
	return buf;
}

/* Half the width of an interval, added to *acc. */
static void
add_half_width(struct tally_ival iv, struct tally_dec *acc)
{
	struct tally_dec w, half;
	static const struct tally_dec one_half = {5, 1};

	if (tally_dec_sub(iv.hi, iv.lo, &w) == 0 &&
	    tally_dec_mul(w, one_half, &half) == 0)
		tally_dec_add(*acc, half, acc);
}

/* The label of the total in column col: the nearest to its left, since
 * a 收支总表 puts 本年收入合计 and 本年支出合计 on one row. */
static const char *
label_for(const struct table_ctx *c, size_t tr, size_t col)
{
	const char *word;

	while (col-- > 0)
		if (c->cols[col].kind == K_NONE &&
		    total_label(cell_at(c->t, tr, col)->text, &word) !=
		    R_DATA)
			return word;
	return c->rows[tr].word;
}

/* The total's name in a finding: 合计 is "total" in English, a label
 * such as 本年支出合计 stays as written. */
static const char *
total_name(const char *word, enum tally_lang lang)
{
	if (lang != TALLY_LANG_EN)
		return word;
	if (!strcmp(word, "小计"))
		return "subtotal";
	if (!strcmp(word, "合计") || !strcmp(word, "总计"))
		return "total";
	return word;
}

/* Checks column col of total row tr over the rows from `from`; reports
 * unless quiet.  Returns 1 when the total holds, 0 when it is wrong, -1
 * when it cannot be checked (nothing covered, a blank or text cell). */
static int
check_total(struct table_ctx *c, size_t tr, size_t from, int grand,
    size_t col, int quiet)
{
	const struct cellv *tot = cellv_at(c, tr, col);
	const struct cellv **items = c->items;
	struct tally_ival sum, stated;
	struct tally_dec point = tally_dec_from_int(0), tol;
	char sbuf[TALLY_DEC_BUFSZ], cbuf[TALLY_DEC_BUFSZ], tbuf[TALLY_DEC_BUFSZ];
	size_t r, m = 0;
	int scale = 0, exact, qizhong = 0, has_sub = 0;
	const struct tally_cell *cell;

	if (tot->cls != C_NUM && tot->cls != C_DASH)
		return -1;
	if (grand)
		for (r = from; r < tr; r++)
			if (c->rows[r].kind == R_SUB)
				has_sub = 1;
	for (r = from; r < tr; r++) {
		const struct rowv *rv = &c->rows[r];
		const struct cellv *cv = cellv_at(c, r, col);

		if (rv->kind == R_HEADING || rv->kind == R_TOTAL)
			continue;
		if (rv->kind == R_SUB ? !grand :
		    (grand && has_sub && rv->in_sub))
			continue;
		if (cv->cls != C_NUM && cv->cls != C_DASH)
			return -1; /* a blank, text or malformed cell: unknown */
		if (cv->cls == C_NUM && cv->v.scale > scale)
			scale = cv->v.scale;
		if (rv->qizhong)
			qizhong = 1;
		c->item_rows[m] = r;
		items[m++] = cv;
	}
	if (m == 0)
		return -1;
	/* Whole numbers of a count column are exact; money is rounded. */
	exact = !c->cols[col].money && scale == 0 &&
	    (tot->cls == C_DASH || tot->v.scale == 0);
	memset(c->flags, 1, m);
	if (sum_items(items, c->flags, m, scale, exact, &sum) != 0 ||
	    stated_ival(tot, exact, &stated) != 0)
		return -1;
	/* The flat reading, then the outlines a table may be written in;
	 * a "其中" breakdown need not be complete, so nothing is certain. */
	if (tally_ival_overlaps(sum, stated) ||
	    outline_holds(items, m, scale, exact, stated))
		return 1;
	if (codes_reading(c, m) &&
	    sum_items(items, c->flags, m, scale, exact, &sum) == 0 &&
	    tally_ival_overlaps(sum, stated))
		return 1;
	if (levels_reading(c, m) &&
	    sum_items(items, c->flags, m, scale, exact, &sum) == 0 &&
	    tally_ival_overlaps(sum, stated))
		return 1;
	if (qizhong)
		return -1;
	if (quiet)
		return 0;

	stated_reading(c, m);
	if (sum_items(items, c->flags, m, scale, exact, &sum) != 0)
		return -1;
	for (r = 0; r < m; r++)
		if (c->flags[r] && items[r]->cls == C_NUM &&
		    tally_dec_add(point, items[r]->v, &point) != 0)
			return -1;
	tol = tally_dec_from_int(0);
	add_half_width(sum, &tol);
	add_half_width(stated, &tol);
	cell = cell_at(c->t, tr, col);
	if (tot->cls == C_DASH)
		strcpy(sbuf, "-");
	else
		format_like(tot->v, cell->text, sbuf, sizeof(sbuf));
	format_like(point, cell->text, cbuf, sizeof(cbuf));
	format_short(tol, tbuf, sizeof(tbuf));
	tally_diag_add(c->d, "T001", c->r->path, cell->pos.line, cell->pos.col,
	    "%s %s ≠ 各行之和 %s (允许误差 ±%s)",
	    "%s %s != sum of rows %s (tolerance ±%s)",
	    total_name(label_for(c, tr, col), c->d->lang), sbuf, cbuf, tbuf);
	return 0;
}

/* 1 when the amount columns of total row tr that can be checked over
 * the rows from `from` all hold (and one at least can), 0 when one does
 * not, -1 when none can be checked. */
static int
total_holds(struct table_ctx *c, size_t tr, size_t from, int grand)
{
	size_t col;
	int st = -1, k;

	for (col = 0; col < c->ncols; col++) {
		if (!c->cols[col].sum)
			continue;
		k = check_total(c, tr, from, grand, col, 1);
		if (k == 0)
			return 0;
		if (k == 1)
			st = 1;
	}
	return st;
}

/*
 * A 小计 covers the rows since the previous heading row (a label with no
 * numbers, "二、项目支出") or 小计, as the brief of the rule says.  A row
 * with no numbers is also how a form lists a source it did not use
 * ("二、政府性基金预算财政拨款收入" with blank cells, then 本年收入合计):
 * when the rows since the previous 小计 or total add up and the rows since
 * the heading do not (or cannot be checked at all), that wider group is
 * the one meant.
 */
static void
check_totals(struct table_ctx *c)
{
	size_t r, q, col, heading = c->body, group = c->body;
	size_t since_total = c->body, from;

	for (r = c->body; r < c->nrows; r++) {
		struct rowv *rv = &c->rows[r];

		if (rv->kind == R_HEADING) {
			heading = r + 1;
			continue;
		}
		if (rv->kind != R_SUB && rv->kind != R_TOTAL)
			continue;
		from = rv->kind == R_SUB ? heading : since_total;
		if (rv->kind == R_SUB && group < heading) {
			int sh = total_holds(c, r, heading, 0), sg;
			if (sh != 1 && ((sg = total_holds(c, r, group, 0)) == 1 ||
			    (sh == -1 && sg == 0)))
				from = group;
		}
		for (col = 0; col < c->ncols; col++)
			if (c->cols[col].sum)
				check_total(c, r, from, rv->kind == R_TOTAL, col, 0);
		if (rv->kind == R_SUB)
			for (q = from; q < r; q++)
				c->rows[q].in_sub = 1;
		else
			since_total = r + 1;
		heading = group = r + 1;
	}
}

/* --- T002 ------------------------------------------------------------------------ */

struct pair_score {
	size_t a, b;
	size_t match, eval, small; /* small: rows with a ≤ b */
	int named;
	uint64_t misses;           /* hash of the rows that disagree */
};

static int
named_pair(const struct colv *rate, const struct colv *a, const struct colv *b)
{
	size_t k;

	for (k = 0; k < NRATE_WORDS; k++)
		if (hset_meets(&rate->words, &hw.rw_rate[k]) &&
		    hset_meets(&a->words, &hw.rw_num[k]) &&
		    hset_meets(&b->words, &hw.rw_den[k]))
			return 1;
	return 0;
}

static int
operand_ival(const struct cellv *cv, struct tally_ival *out)
{
	if (cv->cls == C_DASH || cv->v.scale == 0) {
		*out = tally_ival_exact(cv->cls == C_DASH ?
		    tally_dec_from_int(0) : cv->v);
		return TALLY_DEC_OK;
	}
	return tally_ival_written(cv->v, out);
}

/* The operands of one rate column's rows, read once for all the pairs
 * of columns tried: each amount cell as a numerator (scaled to the
 * rate's percent or per mille) and as a denominator, and the rate. */
struct opcell {
	signed char num_ok, den_ok;
	struct tally_ival num, den;
};

struct rate_cache {
	struct opcell *cells;   /* nrows × ncols */
	struct tally_ival *stated; /* nrows */
	/* stated at the quotient's scale, where stated_ok is 2 */
	struct tally_ival *stated_q;
	unsigned char *stated_ok;
};

static const uint64_t pow10_small[19] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
	10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
	100000000000ULL, 1000000000000ULL, 10000000000000ULL,
	100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL,
};

/* tally_dec_div of a >= 0 by b > 0 rounded down (up when ceil), in 64
 * bits when a's coefficient times the power of ten fits; else the general
 * division.  The same quotient either way. */
static inline int
div_pos(struct tally_dec a, struct tally_dec b, int scale, int ceil,
    struct tally_dec *out)
{
	int e = scale + b.scale - a.scale;
	uint64_t prod, q;

	if (e >= 0 && e <= 18 && a.coef >= 0 && b.coef > 0 &&
	    scale <= TALLY_DEC_MAX_SCALE && a.scale <= TALLY_DEC_MAX_SCALE &&
	    b.scale <= TALLY_DEC_MAX_SCALE && a.scale >= 0 && b.scale >= 0 &&
	    !__builtin_mul_overflow((uint64_t)a.coef, pow10_small[e],
	    &prod)) {
		q = prod / (uint64_t)b.coef;
		if (ceil && prod % (uint64_t)b.coef != 0)
			q++;
		if (q <= (uint64_t)INT64_MAX) {
			out->coef = (int64_t)q;
			out->scale = scale;
			return TALLY_DEC_OK;
		}
	}
	return tally_dec_div(a, b, scale,
	    ceil ? TALLY_ROUND_CEIL : TALLY_ROUND_FLOOR, out);
}

/* d at a scale no smaller than its own, exactly (more zeros); 0 when
 * that does not fit. */
static inline int
upscale(struct tally_dec d, int scale, struct tally_dec *out)
{
	int k = scale - d.scale;

	if (k < 0 || k > 18 || d.coef == INT64_MIN ||
	    __builtin_mul_overflow(d.coef, (int64_t)pow10_small[k],
	    &out->coef) || out->coef == INT64_MIN)
		return 0;
	out->scale = scale;
	return 1;
}

/* tally_dec_shift(d, k, out) == TALLY_DEC_OK for 0 < k <= 18 (a
 * percentage's × 100), its usual cases inline. */
static inline int
shift_up(struct tally_dec d, int k, struct tally_dec *out)
{
	int64_t x;

	if (d.coef == INT64_MIN || d.scale < 0 ||
	    d.scale > TALLY_DEC_MAX_SCALE || k <= 0 || k > 18)
		return tally_dec_shift(d, k, out) == TALLY_DEC_OK;
	if (k <= d.scale) {
		out->coef = d.coef;
		out->scale = d.scale - k;
		return 1;
	}
	if (d.coef == 0) {
		out->coef = 0;
		out->scale = 0;
		return 1;
	}
	if (__builtin_mul_overflow(d.coef, (int64_t)pow10_small[k - d.scale],
	    &x) || x == INT64_MIN)
		return 0; /* tally_dec_shift: TALLY_DEC_EOVERFLOW */
	out->coef = x;
	out->scale = 0;
	return 1;
}

/* tally_ival_overlaps of intervals whose ends share one scale. */
static inline int
overlaps_same_scale(struct tally_ival a, struct tally_ival b)
{
	int64_t lo = a.lo.coef >= b.lo.coef ? a.lo.coef : b.lo.coef;
	int64_t hi = a.hi.coef <= b.hi.coef ? a.hi.coef : b.hi.coef;

	if (lo != hi)
		return lo < hi;
	return a.lo.coef == a.hi.coef || b.lo.coef == b.hi.coef;
}

static void
rate_cache_make(const struct table_ctx *c, size_t p, struct rate_cache *rc,
    void *stack, size_t stack_size)
{
	int shift = c->cols[p].permille ? 3 : 2;
	size_t r, col, size = c->nrows * (c->ncols * sizeof(*rc->cells) +
	    2 * sizeof(*rc->stated) + 1);

	/* the caller's buffer when the table is small, as most are */
	rc->cells = size <= stack_size ? stack : xmalloc(size);
	rc->stated = (struct tally_ival *)(rc->cells + c->nrows * c->ncols);
	rc->stated_q = rc->stated + c->nrows;
	rc->stated_ok = (unsigned char *)(rc->stated_q + c->nrows);
	for (r = c->body; r < c->nrows; r++) {
		const struct cellv *pv = cellv_at(c, r, p);

		rc->stated_ok[r] = pv->cls == C_DASH ||
		    (pv->cls == C_NUM &&
		    tally_ival_written(pv->v, &rc->stated[r]) == 0);
		if (pv->cls == C_DASH)
			rc->stated[r] = tally_ival_exact(tally_dec_from_int(0));
		/* At the scale ratio_row divides to, so that the overlap is
		 * decided on integers (the same values: no rounding). */
		if (rc->stated_ok[r]) {
			int qs = (pv->cls == C_DASH ? 0 : pv->v.scale) + 3;
			struct tally_ival *st = &rc->stated[r];
			struct tally_ival *sq = &rc->stated_q[r];

			if (upscale(st->lo, qs, &sq->lo) &&
			    upscale(st->hi, qs, &sq->hi))
				rc->stated_ok[r] = 2;
		}
		for (col = 0; col < c->ncols; col++) {
			const struct cellv *cv = cellv_at(c, r, col);
			struct opcell *o = &rc->cells[r * c->ncols + col];
			struct tally_ival iv;

			o->num_ok = o->den_ok = 0;
			if (c->cols[col].kind != K_AMOUNT ||
			    (cv->cls != C_NUM && cv->cls != C_DASH) ||
			    operand_ival(cv, &iv) != 0)
				continue;
			o->den = iv;
			o->den_ok = cv->cls == C_NUM;
			o->num_ok = shift_up(iv.lo, shift, &o->num.lo) &&
			    shift_up(iv.hi, shift, &o->num.hi);
		}
	}
}

/* Evaluates row r of rate column p against a ÷ b (a and b amount
 * columns).  Returns -1 when it cannot be computed, else 1 when it holds
 * and 0 when it does not. */
static int
ratio_row(const struct table_ctx *c, const struct rate_cache *rc, size_t r,
    size_t p, size_t a, size_t b)
{
	const struct cellv *pv = cellv_at(c, r, p);
	const struct opcell *oa = &rc->cells[r * c->ncols + a];
	const struct opcell *ob = &rc->cells[r * c->ncols + b];
	struct tally_ival ai, bi, q;
	int scale;

	if ((pv->cls != C_NUM && pv->cls != C_DASH) || !oa->num_ok ||
	    !ob->den_ok)
		return -1;
	ai = oa->num;
	bi = ob->den;
	scale = (pv->cls == C_DASH ? 0 : pv->v.scale) + 3;
	if (ai.lo.coef >= 0 && bi.lo.coef > 0) {
		/* The usual case, amounts of one sign: two corners, not
		 * four, bound the quotient. */
		if (div_pos(ai.lo, bi.hi, scale, 0, &q.lo) != 0 ||
		    div_pos(ai.hi, bi.lo, scale, 1, &q.hi) != 0)
			return -1;
	} else if (tally_ival_div(ai, bi, scale, &q) != 0) {
		return -1; /* zero denominator: not this rule's */
	}
	if (!rc->stated_ok[r])
		return -1;
	if (rc->stated_ok[r] == 2)
		return overlaps_same_scale(q, rc->stated_q[r]);
	return tally_ival_overlaps(q, rc->stated[r]);
}

static void
score_pair(const struct table_ctx *c, const struct rate_cache *rc, size_t p,
    struct pair_score *s)
{
	const struct tally_dec *av, *bv;
	size_t r;

	s->match = s->eval = s->small = 0;
	s->misses = 1469598103934665603ULL;
	for (r = c->body; r < c->nrows; r++) {
		int ok = ratio_row(c, rc, r, p, s->a, s->b);
		if (ok < 0)
			continue;
		s->eval++;
		if (ok) {
			s->match++;
		} else {
			s->misses ^= (uint64_t)r;
			s->misses *= 1099511628211ULL;
		}
		av = &cellv_at(c, r, s->a)->v;
		bv = &cellv_at(c, r, s->b)->v;
		if (av->scale == bv->scale ? av->coef <= bv->coef :
		    tally_dec_cmp(*av, *bv) <= 0)
			s->small++;
	}
}

/* 1 when s explains the column better than best. */
static int
better(const struct pair_score *s, const struct pair_score *best)
{
	if (s->match != best->match)
		return s->match > best->match;
	if (s->named != best->named)
		return s->named > best->named;
	return s->small > best->small;
}

static void
report_ratio(struct table_ctx *c, size_t r, size_t p, size_t a, size_t b)
{
	const struct cellv *pv = cellv_at(c, r, p);
	const struct cellv *av = cellv_at(c, r, a), *bv = cellv_at(c, r, b);
	const struct tally_cell *cell = cell_at(c->t, r, p);
	const char *sign = c->cols[p].permille ? "‰" : "%";
	char sbuf[TALLY_DEC_BUFSZ], abuf[TALLY_DEC_BUFSZ], bbuf[TALLY_DEC_BUFSZ];
	char qbuf[TALLY_DEC_BUFSZ], tbuf[TALLY_DEC_BUFSZ], sall[64];
	struct tally_dec num = av->cls == C_DASH ? tally_dec_from_int(0) : av->v;
	struct tally_dec q, tol;
	int scale = pv->cls == C_DASH ? 0 : pv->v.scale;

	/* The ratio with a digit more than the rate, and at least three
	 * (DESIGN's 99.6% ≠ 99.655%), so the reader sees the rounding. */
	if (tally_dec_shift(num, c->cols[p].permille ? 3 : 2, &num) != 0 ||
	    tally_dec_div(num, bv->v, scale + 1 > 3 ? scale + 1 : 3,
	    TALLY_ROUND_HALF_UP, &q) != 0)
		return;
	tol.coef = 5;
	tol.scale = scale + 1;
	if (pv->cls == C_DASH)
		strcpy(sbuf, "0");
	else
		tally_dec_format(pv->v, sbuf, sizeof(sbuf));
	snprintf(sall, sizeof(sall), "%s%s", sbuf, sign);
	if (av->cls == C_DASH)
		strcpy(abuf, "0");
	else
		tally_dec_format(av->v, abuf, sizeof(abuf));
	tally_dec_format(bv->v, bbuf, sizeof(bbuf));
	tally_dec_format(q, qbuf, sizeof(qbuf));
	tally_dec_format(tol, tbuf, sizeof(tbuf));
	tally_diag_add(c->d, "T002", c->r->path, cell->pos.line, cell->pos.col,
	    "%s ≠ %s ÷ %s = %s%s (允许误差 ±%s)",
	    "%s != %s ÷ %s = %s%s (tolerance ±%s)",
	    sall, abuf, bbuf, qbuf, sign, tbuf);
}

#define MAX_PAIRS 64

static void
check_rate_column(struct table_ctx *c, size_t p)
{
	struct pair_score best, s, kept[MAX_PAIRS];
	struct rate_cache rc;
	union {
		max_align_t align;
		unsigned char bytes[8192];
	} stack;
	size_t a, b, r, nkept = 0, i;
	int have = 0, ambiguous = 0;

	memset(&best, 0, sizeof(best));
	rate_cache_make(c, p, &rc, &stack, sizeof(stack));
	for (a = 0; a < c->ncols; a++) {
		if (c->cols[a].kind != K_AMOUNT)
			continue;
		for (b = 0; b < c->ncols; b++) {
			if (b == a || c->cols[b].kind != K_AMOUNT)
				continue;
			s.a = a;
			s.b = b;
			s.named = named_pair(&c->cols[p], &c->cols[a],
			    &c->cols[b]);
			score_pair(c, &rc, p, &s);
			kept[nkept < MAX_PAIRS ? nkept : MAX_PAIRS - 1] = s;
			nkept++;
			if (!have || better(&s, &best)) {
				/* A rival as good as the old best is judged
				 * against the new one below. */
				best = s;
				have = 1;
			}
		}
	}
	if (!have || best.match < 2 || best.match * 3 < best.eval * 2 ||
	    best.match == best.eval)
		goto done;
	/* Another pair that explains as many rows, as well named, but
	 * blames other rows: the column is not clearly explained.  The
	 * scores are kept when there are few pairs, as there usually are. */
	for (i = 0; nkept <= MAX_PAIRS && i < nkept; i++)
		if ((kept[i].a != best.a || kept[i].b != best.b) &&
		    kept[i].named >= best.named &&
		    kept[i].match == best.match &&
		    kept[i].misses != best.misses)
			ambiguous = 1;
	for (a = 0; nkept > MAX_PAIRS && a < c->ncols && !ambiguous; a++) {
		if (c->cols[a].kind != K_AMOUNT)
			continue;
		for (b = 0; b < c->ncols; b++) {
			if (b == a || c->cols[b].kind != K_AMOUNT ||
			    (a == best.a && b == best.b))
				continue;
			s.a = a;
			s.b = b;
			s.named = named_pair(&c->cols[p], &c->cols[a],
			    &c->cols[b]);
			if (s.named < best.named)
				continue;
			score_pair(c, &rc, p, &s);
			if (s.match == best.match && s.misses != best.misses) {
				ambiguous = 1;
				break;
			}
		}
	}
	if (ambiguous)
		goto done;
	for (r = c->body; r < c->nrows; r++)
		if (ratio_row(c, &rc, r, p, best.a, best.b) == 0)
			report_ratio(c, r, p, best.a, best.b);
done:
	if ((void *)rc.cells != (void *)&stack)
		free(rc.cells);
}

/* --- T003 ------------------------------------------------------------------------ */

static void
check_cells(struct table_ctx *c)
{
	size_t r, col;
	char name[32];

	for (col = 0; col < c->ncols; col++) {
		const char *h = c->cols[col].header;

		if (!c->cols[col].t003)
			continue;
		if (h[0] == '\0') {
			snprintf(name, sizeof(name),
			    c->d->lang == TALLY_LANG_EN ? "%zu" : "第%zu",
			    col + 1);
			h = name;
		}
		for (r = c->body; r < c->nrows; r++) {
			const struct tally_cell *cell;

			if (cellv_at(c, r, col)->cls != C_TEXT ||
			    (c->rows[r].kind >= R_SUB &&
			    c->rows[r].label_col == col))
				continue;
			cell = cell_at(c->t, r, col);
			tally_diag_add(c->d, "T003", c->r->path, cell->pos.line,
			    cell->pos.col, "“%s”列中的“%s”不是数值",
			    "\"%s\" in column %s is not a number",
			    c->d->lang == TALLY_LANG_EN ? cell->text : h,
			    c->d->lang == TALLY_LANG_EN ? h : cell->text);
		}
	}
}

/* --- the family ---------------------------------------------------------------- */

/* "单位：万元" in the paragraph just before a table (or at its end: a
 * caption line "表1 … 单位：万元"). */
static int
money_caption(const struct tally_block *prev)
{
	const char *s, *u;

	if (prev == NULL || (prev->kind != TALLY_BLOCK_PARA &&
	    prev->kind != TALLY_BLOCK_ITEM))
		return 0;
	s = prev->len > 90 ? prev->text + prev->len - 90 : prev->text;
	u = strstr(s, "单位");
	return u != NULL && strstr(u, "元") != NULL;
}

static void
check_table(const struct tally_report *r, struct tally_diags *d,
    const struct tally_block *b, const struct tally_block *prev)
{
	struct table_ctx c;
	const struct tally_table *t = b->table;
	size_t nc, i, col;
	char *mem;

	if (t == NULL || t->nrows < 3 || t->ncols < 2)
		return;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.d = d;
	c.t = t;
	c.nrows = t->nrows;
	c.ncols = t->ncols;
	c.money_table = money_caption(prev);
	nc = t->nrows * t->ncols;
	if (nc / t->ncols != t->nrows)
		return;
	/* One block: cells, columns, rows, one column's items, flags. */
	mem = xmalloc(nc * sizeof(struct cellv) +
	    t->ncols * sizeof(struct colv) + t->nrows * sizeof(struct rowv) +
	    t->nrows * sizeof(*c.items) + t->nrows * sizeof(*c.item_rows) +
	    t->nrows + 16);
	c.cells = (struct cellv *)(void *)mem;
	c.items = (const struct cellv **)(void *)(c.cells + nc);
	c.item_rows = (size_t *)(void *)(c.items + t->nrows);
	c.cols = (struct colv *)(void *)(c.item_rows + t->nrows);
	c.rows = (struct rowv *)(void *)(c.cols + t->ncols);
	c.flags = (unsigned char *)(c.rows + t->nrows);
	memset(c.rows, 0, t->nrows * sizeof(struct rowv));

	for (i = t->ncols; i < nc; i++)
		read_cell(t->cells[i].text, &c.cells[i]);
	/* A second header row ("| | 小计 | 市级 |") holds no number. */
	for (c.body = 1; c.body < c.nrows; c.body++) {
		for (col = 0; col < c.ncols; col++) {
			unsigned char cls = c.cells[c.body * c.ncols + col].cls;
			if (cls == C_NUM || cls == C_DASH)
				break;
		}
		if (col < c.ncols)
			break;
	}
	if (c.body >= c.nrows)
		goto done;
	for (col = 0; col < t->ncols; col++)
		read_column(&c, col);
	read_rows(&c);

	check_totals(&c);
	for (col = 0; col < t->ncols; col++)
		if (c.cols[col].kind == K_RATE)
			check_rate_column(&c, col);
	check_cells(&c);
done:
	free(mem);
}

void
tally_lint_tables(const struct tally_project *p, const struct tally_report *r,
    struct tally_diags *d)
{
	const struct tally_block *b, *prev = NULL;

	(void)p;
	for (b = r->outline.blocks; b != NULL; prev = b, b = b->next)
		if (b->kind == TALLY_BLOCK_TABLE)
			check_table(r, d, b, prev);
}
