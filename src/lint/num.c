/*
 * num.c - front-matter figures read as numbers for the rules that compute
 * with them (the A family).  A scalar becomes a value as written (an exact
 * decimal with its written precision), a kind (an amount, a percentage, a
 * quantity in another unit), an exactness (a count is exact, anything else
 * stands for its rounding interval, DESIGN section 4) and the power of ten
 * that brings it to a comparison unit, so that "26942600.00元" beside
 * 万元 figures and "5‰" beside percentages can be compared exactly.
 *
 * What a figure means depends on the schema (a field's kind) and on the
 * report (money_unit), so the reading goes through a context made once per
 * report: it resolves every schema field to its fact once, and looks facts
 * up by address afterwards, so that reading a figure costs no path walk and
 * no allocation beyond the context's arena.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "internal.h"

/* Units that count things.  A figure written with one is a count: exact
 * when written as an integer.  分 (points) is not here: scores are rounded
 * (57.2分). */
static const char *const counters[] = {
	"件", "人", "个", "次", "人次", "户次", "份", "项", "台", "辆", "名",
	"户", "家", "起", "套", "部", "张", "条", "所", "座", "批", "篇", "场",
	"期", "类", "处", "间", "本", "册", "位", "支", "只", "块", "宗", "笔",
	"栋", "幢", "架", "艘", "头", "匹", "株", "棵", "盏", "根", "片", "口",
	"村", "组", "队", "届", "轮", "趟", "班", "例", "单", "封", "卷", "盒",
	NULL,
};

static int
is_counter(const char *u)
{
	size_t i;

	for (i = 0; counters[i]; i++)
		if (strcmp(u, counters[i]) == 0)
			return 1;
	return 0;
}

int
tally_money_exp(const char *unit)
{
	if (unit == NULL || strcmp(unit, "万元") == 0)
		return 4;
	if (strcmp(unit, "元") == 0)
		return 0;
	if (strcmp(unit, "亿元") == 0)
		return 8;
	return 4;
}

/* --- fact -> field index ---------------------------------------------- */

static size_t
slot_of(const struct tally_fact *f, size_t mask)
{
	uintptr_t h = (uintptr_t)f;

	/* Facts are arena nodes of one size class: the low bits carry little,
	 * so mix before masking. */
	h ^= h >> 17;
	h *= (uintptr_t)0x9E3779B97F4A7C15ull;
	h ^= h >> 29;
	return (size_t)h & mask;
}

static void
index_put(struct tally_numctx *c, const struct tally_fact *f,
    const struct tally_schema_field *fd)
{
	size_t i = slot_of(f, c->mask);

	while (c->keys[i] != NULL) {
		if (c->keys[i] == f)
			return; /* the fact's own field wins */
		i = (i + 1) & c->mask;
	}
	c->keys[i] = f;
	c->vals[i] = fd;
}

/* --- paths ------------------------------------------------------------ */

/* Follows a dotted path like tally_fact_path, remembering the nodes of
 * the previous path: schema fields and rules come grouped by prefix
 * (figures.budget.initial, figures.budget.adjusted, …), so most look-ups
 * start from the parent found last time instead of from the root.  The
 * segments shared with the previous path are found in one pass over
 * their common prefix. */
const struct tally_fact *
tally_num_path(struct tally_numctx *c, const char *path)
{
	const struct tally_fact *f = c->r->front;
	const char *p = path;
	size_t depth = 0;

	if (c->memo_path != NULL && c->memo_depth > 0) {
		const char *q = c->memo_path;
		size_t l = 0, shared = 0, cut = 0;

		while (path[l] != '\0' && path[l] == q[l]) {
			if (path[l] == '.') {
				shared++;
				cut = l + 1;
			}
			l++;
		}
		/* the segment the common prefix ends with, when it ends
		 * both paths' segments there */
		if (l > 0 && (path[l] == '.' || path[l] == '\0') &&
		    (q[l] == '.' || q[l] == '\0')) {
			shared++;
			cut = path[l] == '.' ? l + 1 : l;
		}
		if (shared > c->memo_depth) {
			/* only the first memo_depth segments were kept:
			 * step back to the end of the last of them */
			shared = c->memo_depth;
			for (cut = 0, l = 0; l < shared; cut++)
				if (path[cut] == '.')
					l++;
		}
		if (shared > 0) {
			f = c->memo_node[shared - 1];
			p = path + cut;
			depth = shared;
		}
	}
	c->memo_path = path;
	while (f != NULL && *p) {
		size_t n = 0;

		while (p[n] != '\0' && p[n] != '.')
			n++;
		if (n == 0 || n >= 128) {
			f = NULL;
			break;
		}
		f = tally_fact_segment(f, p, n);
		if (depth < TALLY_NUM_MEMO)
			c->memo_node[depth] = f;
		depth++;
		p += n;
		if (*p == '.')
			p++;
	}
	c->memo_depth = depth < TALLY_NUM_MEMO ? depth : TALLY_NUM_MEMO;
	return f;
}

void
tally_numctx_init(struct tally_numctx *c, const struct tally_report *r)
{
	const struct tally_schema *s = r->schema;
	const struct tally_fact **at;
	size_t i, cap = 16;

	memset(c, 0, sizeof(*c));
	c->r = r;
	c->money_exp = tally_money_exp(r->money_unit);
	c->money_unit = r->money_unit ? r->money_unit : "万元";
	if (s == NULL || s->nfields == 0 || r->front == NULL)
		return;
	while (cap < s->nfields * 4)
		cap *= 2;
	c->mask = cap - 1;
	c->keys = tally_arena_alloc(&c->arena, cap * sizeof(*c->keys));
	c->vals = tally_arena_alloc(&c->arena, cap * sizeof(*c->vals));
	at = tally_arena_alloc(&c->arena, s->nfields * sizeof(*at));
	c->field_fact = at;
	c->nfield_fact = s->nfields;
	/* Fields that name a fact directly first, so that they win over a
	 * field that reaches the same fact as its mapping's total. */
	tally_schema_resolve(s, r->front, at);
	for (i = 0; i < s->nfields; i++) {
		const struct tally_fact *f = at[i];
		if (f != NULL && f->kind == TALLY_FACT_SCALAR)
			index_put(c, f, &s->fields[i]);
	}
	for (i = 0; i < s->nfields; i++) {
		const struct tally_fact *f = at[i];
		if (f != NULL && f->kind == TALLY_FACT_MAP &&
		    (f = tally_fact_segment(f, "total", 5)) != NULL)
			index_put(c, f, &s->fields[i]);
	}
}

void
tally_numctx_free(struct tally_numctx *c)
{
	tally_arena_free(&c->arena);
}

const struct tally_fact *
tally_num_field_fact(const struct tally_numctx *c, size_t i)
{
	return i < c->nfield_fact ? c->field_fact[i] : NULL;
}

const struct tally_schema_field *
tally_num_field(const struct tally_numctx *c, const struct tally_fact *f)
{
	size_t i;

	if (c->keys == NULL || f == NULL)
		return NULL;
	i = slot_of(f, c->mask);
	while (c->keys[i] != NULL) {
		if (c->keys[i] == f)
			return c->vals[i];
		i = (i + 1) & c->mask;
	}
	return NULL;
}

/* --- reading ---------------------------------------------------------- */

static int
has_digit(const char *s)
{
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			return 1;
		/* fullwidth ０-９ */
		if ((unsigned char)s[0] == 0xEF &&
		    (unsigned char)s[1] == 0xBC &&
		    (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99)
			return 1;
	}
	return 0;
}

/* The common case read without the general reader: a bare ASCII number,
 * or one followed by "%" ("232.4", "99.6%", "1,234.5").  Gives what
 * tally_quantity_parse would; returns 0 for anything else (spaces, signs
 * written in words, units, operators) so that reader decides. */
static int
plain_quantity(const char *s, size_t n, struct tally_quantity *q)
{
	size_t used;

	if (n == 0 || !((s[0] >= '0' && s[0] <= '9') || s[0] == '-') ||
	    tally_dec_parse(s, n, &q->value, &used) != TALLY_DEC_OK)
		return 0;
	q->op = NULL;
	if (used == n) {
		q->unit = TALLY_Q_PLAIN;
		q->unit_text = "";
		return 1;
	}
	if (used + 1 == n && s[used] == '%') {
		q->unit = TALLY_Q_PERCENT;
		q->unit_text = "%";
		return 1;
	}
	return 0;
}

int
tally_num_quantity(struct tally_numctx *c, const char *text,
    struct tally_quantity *q)
{
	if (text != NULL && plain_quantity(text, strlen(text), q))
		return 0;
	return tally_quantity_parse(&c->arena, text, q);
}

/* tally_num_read of a scalar f, without the cache. */
static enum tally_nkind
read_scalar(struct tally_numctx *c, const struct tally_fact *f,
    struct tally_num *out)
{
	const struct tally_schema_field *fd;
	struct tally_quantity q;

	out->text = f->text;
	fd = out->field = tally_num_field(c, f);
	if (fd != NULL && (fd->kind == TALLY_FIELD_TEXT ||
	    fd->kind == TALLY_FIELD_DATE))
		return out->kind;
	if (!plain_quantity(f->text, f->len, &q) &&
	    tally_quantity_parse(&c->arena, f->text, &q) != 0) {
		/* A digit means someone wrote a number and it does not read:
		 * "121.93%%".  Such a figure is N001's; relations using it
		 * are skipped rather than computed with half of it. */
		if (has_digit(f->text))
			out->kind = TALLY_N_BAD;
		return out->kind;
	}
	out->v = q.value;
	/* A bound is a target, not a figure: "≥95%" has no single value. */
	if (q.op != NULL && strcmp(q.op, "=") != 0) {
		out->kind = TALLY_N_BAD;
		return out->kind;
	}
	out->exact = TALLY_NX_NONE;
	switch (q.unit) {
	case TALLY_Q_PLAIN:
		out->kind = TALLY_N_PLAIN;
		out->exp = c->money_exp;
		if (fd == NULL) {
			/* An undeclared integer is a count unless the
			 * relation it takes part in says otherwise. */
			if (q.value.scale == 0)
				out->exact = TALLY_NX_WEAK;
		} else if (fd->kind == TALLY_FIELD_COUNT) {
			if (q.value.scale == 0)
				out->exact = TALLY_NX_STRONG;
		} else if (fd->kind == TALLY_FIELD_PERCENT) {
			out->kind = TALLY_N_PERCENT;
			out->exp = 0;
		}
		break;
	case TALLY_Q_PERCENT:
		out->kind = TALLY_N_PERCENT;
		out->unit = "%";
		break;
	case TALLY_Q_PERMILLE:
		out->kind = TALLY_N_PERCENT;
		out->unit = "‰";
		out->exp = -1;
		break;
	case TALLY_Q_YUAN:
	case TALLY_Q_WANYUAN:
	case TALLY_Q_YIYUAN:
		out->kind = TALLY_N_MONEY;
		out->unit = q.unit_text;
		out->exp = tally_money_exp(q.unit_text);
		break;
	case TALLY_Q_OTHER:
		out->kind = TALLY_N_UNIT;
		out->unit = q.unit_text;
		out->exp = c->money_exp;
		if (is_counter(q.unit_text) && q.value.scale == 0)
			out->exact = TALLY_NX_STRONG;
		break;
	}
	return out->kind;
}

/* The cache slot of f: where it is, or the empty slot it would take. */
static size_t
read_slot(const struct tally_numctx *c, const struct tally_fact *f)
{
	size_t i = slot_of(f, c->read_mask);

	while (c->read_keys[i] != NULL && c->read_keys[i] != f)
		i = (i + 1) & c->read_mask;
	return i;
}

/* Makes room for one more reading: a table at most half full. */
static void
read_grow(struct tally_numctx *c)
{
	const struct tally_fact **keys = c->read_keys;
	struct tally_num *vals = c->read_vals;
	size_t i, old = keys != NULL ? c->read_mask + 1 : 0;
	size_t cap = old ? 2 * old : 128;

	if (keys != NULL && 2 * (c->nread + 1) <= old)
		return;
	c->read_keys = tally_arena_alloc(&c->arena, cap * sizeof(*keys));
	c->read_vals = tally_arena_alloc_raw(&c->arena, cap * sizeof(*vals));
	c->read_mask = cap - 1;
	for (i = 0; i < old; i++) {
		if (keys[i] != NULL) {
			size_t k = read_slot(c, keys[i]);

			c->read_keys[k] = keys[i];
			c->read_vals[k] = vals[i];
		}
	}
}

enum tally_nkind
tally_num_read(struct tally_numctx *c, const struct tally_fact *f,
    struct tally_num *out)
{
	size_t k;

	/* tally_fact_is_scalar(f), inline: most figures are read again */
	if (f != NULL && f->kind == TALLY_FACT_SCALAR && !f->is_null &&
	    c->read_keys != NULL) {
		k = read_slot(c, f);
		if (c->read_keys[k] == f) {
			*out = c->read_vals[k];
			return out->kind;
		}
	}
	memset(out, 0, sizeof(*out));
	out->kind = TALLY_N_TEXT;
	out->fact = f;
	out->unit = "";
	if (f == NULL || f->kind != TALLY_FACT_SCALAR || f->is_null)
		return out->kind;
	read_scalar(c, f, out);
	read_grow(c);
	k = read_slot(c, f);
	c->read_keys[k] = f;
	c->read_vals[k] = *out;
	c->nread++;
	return out->kind;
}

/* --- formatting ------------------------------------------------------- */

char *
tally_num_fmt_trim(struct tally_dec d, int min_scale, char *buf, size_t n)
{
	struct tally_dec t = d;

	while (t.scale > min_scale && t.scale > 0 && t.coef % 10 == 0) {
		t.coef /= 10;
		t.scale--;
	}
	return tally_dec_format(t, buf, n);
}

struct tally_dec
tally_num_half_ulp(int scale)
{
	struct tally_dec h;

	h.coef = 5;
	h.scale = scale + 1;
	return h;
}
