/*
 * sections.c - the S family: the outline of a report against its schema.
 *
 * S001 (a required section is missing) and S002 (sections out of order)
 * match the headings of the body to the schema's sections by title; S003
 * checks that the numbering written by hand (一、 （一） 1. （1） ① …) runs
 * in sequence; S004 finds headings with nothing under them; S006 finds the
 * template's prompt text left in the body.
 *
 * Matching.  A heading is known by its title with the numbering stripped
 * (the outline does that), compared after normalizing what writers vary
 * without meaning to: spaces, fullwidth or ASCII parentheses, a trailing
 * 。 ： or full stop.  The schema's sections are matched level by level:
 * first among the direct subsections of the matched parent (or the top
 * level of the body), then, for those still unmatched, at any depth under
 * it, because real reports fold sections together ("五、主要经验及做法、
 * 存在的问题和建议" with 存在的问题 as its second subsection).  Nested
 * schema levels claim their headings before a deep search of the level
 * above may take them.  A required child is required only when its
 * parent is present.
 *
 * Numbering.  Headings and numbered paragraphs under one parent form one
 * sequence per numbering style, in document order: "1.资金的使用原则…" as
 * a paragraph followed by the heading "2.资金的管理办法" is in sequence.
 * Styles interleave freely (1. （1）（2） 2. …), and a style may restart at
 * 1 once something else came between (the sub-items of the next item).
 * The rules must not cry wolf, so only what the numbering reader accepts
 * as numbering counts (一是/二是 and 1.5万元 are prose).
 *
 * Cost: one pass over the blocks for S003, S004 and S006 each, a table of
 * headings allocated once per report, and no allocation per heading.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "internal.h"

/* --------------------------------------------------------------------
 * Normalized titles
 * ------------------------------------------------------------------ */

static int
is_space_cp(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0x00A0;
}

/* --------------------------------------------------------------------
 * Template prompts (S006; also cut from titles before matching): the
 * schema finds them (tally_schema_find_prompt, with tables made once per
 * schema).
 * ------------------------------------------------------------------ */

/* The first prompt in the title of s (its n bytes), given the first in
 * its heading (hoff, SIZE_MAX for none, and hwhich; hlen bytes): the
 * title is a piece of the heading, so a heading without a prompt has a
 * title without one, and the heading's first prompt, when it lies within
 * the title, is the title's first too (any earlier one in the title would
 * be an earlier one in the heading).  Else the title is searched. */
static size_t
title_prompt(const struct tally_schema *sc, const struct tally_section *s,
    size_t n, size_t hlen, size_t hoff, size_t hwhich, size_t *which)
{
	size_t t0;

	if (hoff == SIZE_MAX)
		return SIZE_MAX;
	for (t0 = s->num.len; t0 <= hlen && hlen - t0 >= n; t0++)
		if (memcmp(s->heading + t0, s->title, n) == 0) {
			if (hoff >= t0 && hoff - t0 <= n &&
			    strlen(sc->prompts[hwhich]) <= n - (hoff - t0)) {
				*which = hwhich;
				return hoff - t0;
			}
			break;
		}
	return tally_schema_find_prompt(sc, s->title, n, which);
}

/* The key a heading is matched by: its title without any template prompt
 * ("建议和改进措施（200字以内）" is still 建议和改进措施: S006 reports the
 * prompt, S001 need not report the section too), normalized, into out
 * (strlen(title) + 1 bytes).  Returns its length.  hlen, hoff, hwhich:
 * as for title_prompt. */
static size_t
title_key(const struct tally_schema *sc, const struct tally_section *s,
    size_t hlen, size_t hoff, size_t hwhich, char *out)
{
	const char *title = s->title;
	size_t n = strlen(title), o = 0, off, which, len;

	off = n > 0 ? title_prompt(sc, s, n, hlen, hoff, hwhich, &which) :
	    SIZE_MAX;
	while (off != SIZE_MAX) {
		len = strlen(sc->prompts[which]);
		memcpy(out + o, title, off);
		o += off;
		title += off + len;
		n -= off + len;
		off = n > 0 ? tally_schema_find_prompt(sc, title, n, &which) :
		    SIZE_MAX;
	}
	memcpy(out + o, title, n);
	o += n;
	return tally_title_normalize(out, o, out);
}

/* --------------------------------------------------------------------
 * The headings of a report, in document order
 * ------------------------------------------------------------------ */

struct head {
	const struct tally_section *s;
	const char *key;   /* normalized title (in the pool) */
	uint32_t hash;
	size_t poff;       /* the first prompt in the heading, SIZE_MAX none */
	size_t pwhich;     /* which prompt it is */
	size_t end;        /* one past the last heading of its subtree */
	int used;          /* claimed by a schema section */
};

struct ctx {
	const struct tally_report *r;
	struct tally_diags *d;
	struct head *h;    /* every heading, preorder = document order */
	size_t n;
	char *pool;        /* heading keys */
};

static size_t
count_sections(const struct tally_section *s, size_t *bytes)
{
	const struct tally_section *c;
	size_t n = 0;

	for (c = s->child; c; c = c->next) {
		*bytes += strlen(c->title) + 1;
		n += 1 + count_sections(c, bytes);
	}
	return n;
}

/* Appends the subsections of s in preorder; headings nest at most six
 * deep, so the recursion is shallow. */
static void
collect(struct ctx *x, const struct tally_section *s, size_t *fill,
    size_t *pool_used)
{
	const struct tally_schema *sc = x->r->schema;
	const struct tally_section *c;
	size_t i, len, hlen;

	for (c = s->child; c; c = c->next) {
		i = (*fill)++;
		x->h[i].s = c;
		x->h[i].key = x->pool + *pool_used;
		/* The heading is searched once, for S006 and for its key. */
		hlen = strlen(c->heading);
		x->h[i].pwhich = 0;
		x->h[i].poff = sc->nprompts == 0 ? SIZE_MAX :
		    tally_schema_find_prompt(sc, c->heading, hlen,
		    &x->h[i].pwhich);
		len = title_key(sc, c, hlen, x->h[i].poff, x->h[i].pwhich,
		    x->pool + *pool_used);
		x->h[i].hash = tally_title_hash(x->h[i].key, len);
		*pool_used += len + 1;
		x->h[i].used = 0;
		collect(x, c, fill, pool_used);
		x->h[i].end = *fill;
	}
}

static void
headings_build(struct ctx *x)
{
	size_t bytes = 0, fill = 0, used = 0;

	x->n = count_sections(&x->r->outline.root, &bytes);
	x->h = x->n ? xmalloc(x->n * sizeof(*x->h)) : NULL;
	x->pool = bytes ? xmalloc(bytes) : NULL;
	collect(x, &x->r->outline.root, &fill, &used);
}

/* --------------------------------------------------------------------
 * S001, S002: the schema's sections
 * ------------------------------------------------------------------ */

/* At most this many names (title and aliases) of one schema section are
 * looked for; schemas list a handful. */
#define MAX_NAMES 64

/* The first unclaimed heading in [lo, hi), in document order, that bears
 * one of the names of ss; with `direct`, only the subsections of the
 * heading whose subtree [lo, hi) is (or of the body).
 * SIZE_MAX when none.  The schema keeps each name normalized, and
 * headings are compared by hash first. */
static size_t
find(struct ctx *x, const struct tally_schema_section *ss, size_t lo,
    size_t hi, int direct)
{
	const char *const *keys;
	const uint32_t *hashes;
	size_t nn, k, i;

	nn = tally_schema_section_names(x->r->schema, ss, &keys, &hashes);
	if (nn > MAX_NAMES)
		nn = MAX_NAMES;
	/* Direct subsections: jump over each one's subtree. */
	for (i = lo; i < hi; i = direct ? x->h[i].end : i + 1) {
		if (x->h[i].used)
			continue;
		for (k = 0; k < nn; k++)
			if (x->h[i].hash == hashes[k] &&
			    strcmp(x->h[i].key, keys[k]) == 0)
				return i;
	}
	return SIZE_MAX;
}

/* The aliases of ss, each quoted, joined with 、 (the same in both
 * languages: they are Chinese titles, and some hold a 、 themselves). */
static void
join_aliases(const struct tally_schema_section *ss, struct tally_buf *b)
{
	size_t k;

	tally_buf_reset(b);
	for (k = 0; k < ss->naliases; k++) {
		if (k > 0)
			tally_buf_puts(b, "、");
		tally_buf_printf(b, "“%s”", ss->aliases[k]);
	}
	tally_buf_cstr(b);
}

/* S001 messages, by [has aliases][placement]; each takes the section's
 * title, its aliases and where it belongs, printing nothing ("%.0s") for
 * what it does not say, so both languages take the same arguments. */
enum { AT_AFTER, AT_UNDER, AT_BEFORE, AT_NOWHERE };

static const char *const missing_fmt[2][4][2] = {
	{
		{"缺少必备章节“%s”%.0s，应在“%s”之后",
		    "required section %s missing%.0s; it belongs after %s"},
		{"缺少必备章节“%s”%.0s，应在“%s”之下",
		    "required section %s missing%.0s; it belongs under %s"},
		{"缺少必备章节“%s”%.0s，应在“%s”之前",
		    "required section %s missing%.0s; it belongs before %s"},
		{"缺少必备章节“%s”%.0s%.0s",
		    "required section %s missing%.0s%.0s"},
	},
	{
		{"缺少必备章节“%s”（也可写作%s），应在“%s”之后",
		    "required section %s missing (also accepted: %s); it belongs "
		    "after %s"},
		{"缺少必备章节“%s”（也可写作%s），应在“%s”之下",
		    "required section %s missing (also accepted: %s); it belongs "
		    "under %s"},
		{"缺少必备章节“%s”（也可写作%s），应在“%s”之前",
		    "required section %s missing (also accepted: %s); it belongs "
		    "before %s"},
		{"缺少必备章节“%s”（也可写作%s）%.0s",
		    "required section %s missing (also accepted: %s)%.0s"},
	},
};

/* S001: ss is missing.  It belongs after the heading `after` (its nearest
 * present predecessor in the schema), else first under the parent
 * heading `parent`, else at the start of the body, before `before` (its
 * nearest present successor) when there is one. */
static void
report_missing(struct ctx *x, const struct tally_schema_section *ss,
    size_t after, size_t parent, size_t before)
{
	struct tally_buf al = TALLY_BUF_INIT;
	struct tally_pos pos = x->r->outline.root.pos;
	const char *where = "";
	int at = AT_NOWHERE, has = ss->naliases > 0;

	if (after != SIZE_MAX) {
		pos = x->h[after].s->pos;
		where = x->h[after].s->title;
		at = AT_AFTER;
	} else if (parent != SIZE_MAX) {
		pos = x->h[parent].s->pos;
		where = x->h[parent].s->title;
		at = AT_UNDER;
	} else if (before != SIZE_MAX) {
		where = x->h[before].s->title;
		at = AT_BEFORE;
	}
	join_aliases(ss, &al);
	tally_diag_add(x->d, "S001", x->r->path, pos.line, pos.col,
	    missing_fmt[has][at][0], missing_fmt[has][at][1], ss->title,
	    tally_buf_cstr(&al), where);
	tally_buf_free(&al);
}

/* S002 on one schema level: at[k] is the heading matched to section k
 * among the direct subsections of the parent (SIZE_MAX when absent or
 * found only deeper: a heading found inside a sibling, such as "2.项目
 * 实施情况" under "（一）项目概况", is placed by that sibling, not out of
 * order).  The sections that keep their places are a longest run in
 * increasing document order; each other one is out of place and reported
 * once, so one moved section is one finding, not a cascade.  Levels hold
 * a handful of sections: quadratic is nothing. */
static void
check_order(struct ctx *x, size_t n, const size_t *at)
{
	size_t *len, *prev, k, j, best = SIZE_MAX;
	unsigned char *keep;

	len = xmalloc(n * (2 * sizeof(size_t) + 1));
	prev = len + n;
	keep = (unsigned char *)(prev + n);
	memset(keep, 0, n);
	for (k = 0; k < n; k++) {
		len[k] = 0;
		prev[k] = SIZE_MAX;
		if (at[k] == SIZE_MAX)
			continue;
		len[k] = 1;
		for (j = 0; j < k; j++)
			if (at[j] != SIZE_MAX && at[j] < at[k] &&
			    len[j] + 1 > len[k]) {
				len[k] = len[j] + 1;
				prev[k] = j;
			}
		if (best == SIZE_MAX || len[k] > len[best])
			best = k;
	}
	for (k = best; k != SIZE_MAX; k = prev[k])
		keep[k] = 1;
	for (k = 0; k < n; k++) {
		size_t y = SIZE_MAX;
		const struct tally_section *early, *late;

		if (at[k] == SIZE_MAX || keep[k])
			continue;
		/* The first heading before this one that the schema puts
		 * after it: report there, "k should come before y". */
		for (j = k + 1; j < n; j++)
			if (at[j] != SIZE_MAX && at[j] < at[k] &&
			    (y == SIZE_MAX || at[j] < at[y]))
				y = j;
		if (y != SIZE_MAX) {
			early = x->h[at[k]].s;
			late = x->h[at[y]].s;
		} else {
			/* Else it comes too early: the first heading after it
			 * that the schema puts before it. */
			for (j = 0; j < k; j++)
				if (at[j] != SIZE_MAX && at[j] > at[k] &&
				    (y == SIZE_MAX || at[j] < at[y]))
					y = j;
			if (y == SIZE_MAX)
				continue;
			early = x->h[at[y]].s;
			late = x->h[at[k]].s;
		}
		tally_diag_add(x->d, "S002", x->r->path, late->pos.line,
		    late->pos.col, "“%s”应在“%s”之前",
		    "%s should come before %s", early->title, late->title);
	}
	free(len);
}

/* Matches the schema sections ss[0..n) to the headings under scope
 * (SIZE_MAX: the body), reports what is missing and out of order, and
 * descends into each section found. */
/* Sections of one schema level handled without allocation. */
#define MATCH_LOCAL 32

static void
match_level(struct ctx *x, const struct tally_schema_section *ss, size_t n,
    size_t scope)
{
	size_t lo = scope == SIZE_MAX ? 0 : scope + 1;
	size_t hi = scope == SIZE_MAX ? x->n : x->h[scope].end;
	size_t local[MATCH_LOCAL + MATCH_LOCAL / sizeof(size_t)];
	size_t *at, k, after;
	unsigned char *found_in;
	int pass;

	if (n == 0)
		return;
	/* Schema levels are short: no allocation for them. */
	at = n <= MATCH_LOCAL ? local : xmalloc(n * (sizeof(*at) + 1));
	found_in = (unsigned char *)(at + n);
	for (k = 0; k < n; k++) {
		at[k] = SIZE_MAX;
		found_in[k] = 0;
	}
	/* Pass 1: the direct subsections, then the schema levels under
	 * them, claim their headings first; pass 2: what is still missing,
	 * at any depth under scope. */
	for (pass = 1; pass <= 2; pass++) {
		for (k = 0; k < n; k++) {
			if (at[k] != SIZE_MAX)
				continue;
			at[k] = find(x, &ss[k], lo, hi, pass == 1);
			if (at[k] != SIZE_MAX) {
				x->h[at[k]].used = 1;
				found_in[k] = (unsigned char)pass;
			}
		}
		for (k = 0; k < n; k++)
			if (found_in[k] == pass)
				match_level(x, ss[k].sections, ss[k].nsections,
				    at[k]);
	}
	after = SIZE_MAX;
	for (k = 0; k < n; k++) {
		size_t before = SIZE_MAX, j;

		if (at[k] != SIZE_MAX) {
			after = at[k];
			continue;
		}
		if (ss[k].optional)
			continue;
		for (j = k + 1; j < n && before == SIZE_MAX; j++)
			before = at[j];
		report_missing(x, &ss[k], after, scope, before);
	}
	for (k = 0; k < n; k++)
		if (found_in[k] != 1)
			at[k] = SIZE_MAX;
	check_order(x, n, at);
	if (at != local)
		free(at);
}

/* --------------------------------------------------------------------
 * S003: numbering in sequence
 * ------------------------------------------------------------------ */

/* A numbered heading, paragraph, or line of a paragraph. */
struct item {
	const char *text;            /* starts with the numbering */
	struct tally_numbering num;
	struct tally_pos pos;
};

/* Nested ordered lists: an item further right than its predecessors
 * that starts at 1 opens a sublist, one further left closes sublists. */
#define MAX_NEST 4
#define NSTYLES (TALLY_NUM_LATIN + 1)

struct level {
	uint32_t col;
	int prev;            /* last value; 0 before the first item */
	uint32_t tick;       /* when the last item came */
	struct item first;   /* first item of the current run */
	struct item last;
};

struct seq {
	struct level lv[MAX_NEST];
	int depth;
};

/* The sequences of one parent section, one per style. */
struct numstate {
	struct seq st[NSTYLES];
	uint32_t tick;       /* counts items and other content in order */
};

/* The numbering of it as written ("（五）", "4.", "1、"), trimmed, into
 * buf; the canonical form for an ordered list marker. */
static const char *
written(const struct item *it, char *buf, size_t n)
{
	const char *s = it->text;
	size_t a = 0, b = it->num.len;
	int32_t cp;
	int l;

	if (b == 0)
		return tally_numbering_format(it->num.style, it->num.value,
		    buf, n);
	while (a < b && (l = tally_utf8_decode(s + a, b - a, &cp)) > 0 &&
	    is_space_cp(cp))
		a += (size_t)l;
	/* Trailing spaces: ASCII, U+3000 (E3 80 80), U+00A0 (C2 A0). */
	for (;;) {
		if (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		else if (b >= a + 3 && memcmp(s + b - 3, "\xE3\x80\x80", 3) == 0)
			b -= 3;
		else if (b >= a + 2 && memcmp(s + b - 2, "\xC2\xA0", 2) == 0)
			b -= 2;
		else
			break;
	}
	if (b - a >= n)
		b = a + n - 1;
	memcpy(buf, s + a, b - a);
	buf[b - a] = '\0';
	return buf;
}

static void
report_numbering(struct ctx *x, struct numstate *ns, const struct item *it,
    const struct level *lv)
{
	char got[48], want[48], prev[48], first[48], other[48];
	int v = it->num.value, t, best = -1;
	uint32_t best_tick = 0;

	written(it, got, sizeof(got));
	if (lv->prev > 0) {
		tally_numbering_format(it->num.style, lv->prev + 1, want,
		    sizeof(want));
		written(&lv->last, prev, sizeof(prev));
		if (v == lv->prev)
			tally_diag_add(x->d, "S003", x->r->path, it->pos.line,
			    it->pos.col, "编号“%s”与前项“%s”重复：应为“%s”",
			    "numbering %s repeats %s: expected %s", got, prev,
			    want);
		else
			tally_diag_add(x->d, "S003", x->r->path, it->pos.line,
			    it->pos.col, "编号“%s”与前项“%s”不连续：应为“%s”",
			    "numbering %s does not follow %s: expected %s", got,
			    prev, want);
		return;
	}
	/* The first of its style, and not 1.  Most often it continues the
	 * list of another style just before it ("1.–4." then "（五）"): name
	 * that list, the latest run of two or more that ends at v - 1. */
	tally_numbering_format(it->num.style, 1, want, sizeof(want));
	for (t = 0; t < NSTYLES; t++) {
		const struct seq *q = &ns->st[t];
		const struct level *o;

		if (t == (int)it->num.style || q->depth == 0)
			continue;
		o = &q->lv[q->depth - 1];
		/* A run of one ("a." then "(2)") says too little to guess. */
		if (o->prev == v - 1 && o->first.num.value < o->prev &&
		    (best < 0 || o->tick > best_tick)) {
			best = t;
			best_tick = o->tick;
		}
	}
	if (best >= 0) {
		const struct level *o = &ns->st[best].lv[ns->st[best].depth - 1];
		char range[100];

		written(&o->last, prev, sizeof(prev));
		snprintf(range, sizeof(range), "%s–%s",
		    written(&o->first, first, sizeof(first)), prev);
		tally_numbering_format(o->last.num.style, v, other,
		    sizeof(other));
		tally_diag_add(x->d, "S003", x->r->path, it->pos.line,
		    it->pos.col,
		    "编号“%s”与前项“%s”不连续：前面是 %s，应为“%s”；"
		    "若另起一级，应从“%s”开始",
		    "numbering %s does not follow %s: %s comes before it, so "
		    "%s was meant; a new list would start at %s",
		    got, prev, range, other, want);
	} else {
		tally_diag_add(x->d, "S003", x->r->path, it->pos.line,
		    it->pos.col, "编号“%s”不连续：应从“%s”开始",
		    "numbering %s out of sequence: expected %s first", got, want);
	}
}

/* Moves the nesting of q's sequence to where an item of value v at column
 * col belongs, and returns that level.  Further right: a sublist when it
 * starts at 1, else the same list written with another indent ("1.xx"
 * then "2. yy"); further left: back to the list it closes. */
static struct level *
seq_level(struct seq *q, int v, uint32_t col)
{
	if (q->depth == 0) {
		q->depth = 1;
		memset(&q->lv[0], 0, sizeof(q->lv[0]));
		q->lv[0].col = col;
	} else if (col > q->lv[q->depth - 1].col) {
		if (v == 1 && q->lv[q->depth - 1].prev != 0 &&
		    q->depth < MAX_NEST) {
			q->depth++;
			memset(&q->lv[q->depth - 1], 0, sizeof(q->lv[0]));
		}
		q->lv[q->depth - 1].col = col;
	} else if (col < q->lv[q->depth - 1].col) {
		while (q->depth > 1 && col <= q->lv[q->depth - 2].col)
			q->depth--;
		if (col < q->lv[q->depth - 1].col)
			q->lv[q->depth - 1].col = col;
	}
	return &q->lv[q->depth - 1];
}

/* 1 when an item of value v continues lv, tick being its own tick: the
 * next number, or a restart at 1 once anything came between (sub-items
 * restart under each item of the style above them). */
static int
in_sequence(const struct level *lv, int v, uint32_t tick)
{
	return v == lv->prev + 1 ||
	    (v == 1 && lv->prev > 0 && tick - lv->tick > 1);
}

/* Something that is not a numbered item came between items. */
static void
numstate_other(struct numstate *ns)
{
	ns->tick++;
}

/* Takes the next item of a parent.  A `quiet` item (a numbered line
 * inside a paragraph) is never reported: it is taken only when it is in
 * sequence, else it is prose that happens to start a line ("3、4月份…"
 * wrapped onto a new line). */
static void
numstate_item(struct ctx *x, struct numstate *ns, const struct item *it,
    uint32_t col, int quiet)
{
	struct seq *q = &ns->st[it->num.style];
	struct level *lv;
	int v = it->num.value;

	if (quiet) {
		/* Try it on a copy: taking it may move the nesting. */
		struct seq probe = *q;

		if (!in_sequence(seq_level(&probe, v, col), v, ns->tick + 1))
			return;
	}
	ns->tick++;
	lv = seq_level(q, v, col);
	/* A lone "B、" or "I." first of its kind is more likely a word than
	 * a list: Latin letters are held to sequence only once they start. */
	if (!in_sequence(lv, v, ns->tick) &&
	    !(lv->prev == 0 && it->num.style == TALLY_NUM_LATIN))
		report_numbering(x, ns, it, lv);
	/* A new run: the first item, a restart, or after a break. */
	if (lv->prev == 0 || v != lv->prev + 1)
		lv->first = *it;
	lv->prev = v;
	lv->last = *it;
	lv->tick = ns->tick;
}

/* The lines of a paragraph after its first: "1.xx" and "2.yy" on two
 * lines without a blank line between are one paragraph in Markdown, and
 * "3.zz" in the next paragraph follows them. */
static void
check_lines(struct ctx *x, struct numstate *ns, const struct tally_block *b)
{
	const char *p = b->text, *end = b->text + b->len;
	struct item it;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		p++;
		if (tally_numbering_parse(p, (size_t)(end - p), &it.num) == 0)
			continue;
		it.text = p;
		it.pos = tally_block_pos(b, (size_t)(p - b->text));
		numstate_item(x, ns, &it, b->pos.col, 1);
	}
}

/* One parent: its own blocks, then its subsections' headings, in
 * document order. */
static void
check_numbering(struct ctx *x, const struct tally_section *s)
{
	struct numstate ns;
	const struct tally_section *c;
	const struct tally_block *b;
	struct item it;
	size_t k;

	/* Only what says which levels are live: seq_level clears a level
	 * when it opens it, and nothing reads above the depth. */
	ns.tick = 0;
	for (k = 0; k < NSTYLES; k++)
		ns.st[k].depth = 0;
	for (b = s->first, k = 0; b && k < s->nblocks; b = b->next, k++) {
		if (b->kind == TALLY_BLOCK_HTML)
			continue;
		if ((b->kind != TALLY_BLOCK_PARA && b->kind != TALLY_BLOCK_ITEM) ||
		    b->num.style == TALLY_NUM_NONE) {
			numstate_other(&ns);
		} else {
			it.text = b->text;
			it.num = b->num;
			it.pos = b->pos;
			numstate_item(x, &ns, &it, b->pos.col, 0);
		}
		if (b->kind == TALLY_BLOCK_PARA || b->kind == TALLY_BLOCK_ITEM)
			check_lines(x, &ns, b);
	}
	for (c = s->child; c; c = c->next) {
		if (c->num.style == TALLY_NUM_NONE) {
			numstate_other(&ns);
			continue;
		}
		it.text = c->heading;
		it.num = c->num;
		it.pos = c->pos;
		/* A heading starts at the margin, as a paragraph does. */
		numstate_item(x, &ns, &it, 1, 0);
	}
}

/* --------------------------------------------------------------------
 * S004: empty sections
 * ------------------------------------------------------------------ */

static void
check_empty(struct ctx *x, const struct tally_section *s)
{
	const struct tally_block *b;
	size_t k;

	if (s->nchild > 0)
		return;
	/* A comment (a suppression directive) is not content. */
	for (b = s->first, k = 0; b && k < s->nblocks; b = b->next, k++)
		if (b->kind != TALLY_BLOCK_HTML)
			return;
	tally_diag_add(x->d, "S004", x->r->path, s->pos.line, s->pos.col,
	    "章节“%s”内容为空：标题下没有正文、表格或下级章节",
	    "section %s is empty: no text, table or subsection under its "
	    "heading", s->heading);
}

/* --------------------------------------------------------------------
 * S006: template prompts left in
 * ------------------------------------------------------------------ */

static void
report_prompt(struct ctx *x, const struct tally_section *s,
    struct tally_pos pos, const char *prompt)
{
	if (s == NULL || s->level == 0)
		tally_diag_add(x->d, "S006", x->r->path, pos.line, pos.col,
		    "正文开头仍留有模板提示语“%s”",
		    "the start of the body still holds the template prompt "
		    "\"%s\"", prompt);
	else
		tally_diag_add(x->d, "S006", x->r->path, pos.line, pos.col,
		    "章节“%s”仍留有模板提示语“%s”",
		    "section %s still holds the template prompt \"%s\"",
		    s->heading, prompt);
}

/* Where a prompt found in a heading's text is in the source: the outline
 * keeps only the heading line's position, so look for the prompt on that
 * line of the report's text.  Only run for a finding. */
static struct tally_pos
heading_prompt_pos(const struct tally_report *r, const struct tally_section *s,
    const char *prompt)
{
	struct tally_pos pos = s->pos;
	const char *p = r->src, *end = r->src + r->len, *eol, *q;
	size_t plen = strlen(prompt);
	uint32_t line;

	if (p == NULL || pos.line == 0)
		return pos;
	for (line = 1; line < pos.line && p < end; line++) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			return pos;
		p++;
	}
	eol = memchr(p, '\n', (size_t)(end - p));
	if (eol == NULL)
		eol = end;
	for (q = p; q + plen <= eol; q++)
		if (memcmp(q, prompt, plen) == 0) {
			pos.col = (uint32_t)tally_utf8_count(p, (size_t)(q - p)) + 1;
			break;
		}
	return pos;
}

static void
check_prompts(struct ctx *x)
{
	const struct tally_schema *sc = x->r->schema;
	const struct tally_block *b;
	size_t i, off, which;

	if (sc->nprompts == 0)
		return;
	for (i = 0; i < x->n; i++) {
		const struct tally_section *s = x->h[i].s;

		if (x->h[i].poff != SIZE_MAX)
			report_prompt(x, s, heading_prompt_pos(x->r, s,
			    sc->prompts[x->h[i].pwhich]),
			    sc->prompts[x->h[i].pwhich]);
	}
	for (b = x->r->outline.blocks; b; b = b->next) {
		/* Code is quoted, and a comment is not shown. */
		if (b->kind == TALLY_BLOCK_HTML || b->kind == TALLY_BLOCK_CODE)
			continue;
		off = tally_schema_find_prompt(sc, b->text, b->len, &which);
		if (off != SIZE_MAX)
			report_prompt(x, b->section, tally_block_pos(b, off),
			    sc->prompts[which]);
	}
}

/* --------------------------------------------------------------------
 * The family
 * ------------------------------------------------------------------ */

void
tally_lint_sections(const struct tally_project *p, const struct tally_report *r,
    struct tally_diags *d)
{
	struct ctx x;
	size_t i;

	(void)p;
	/* Without a schema there is no outline to hold the report to (M002
	 * says so); its numbering is left alone too, as one family. */
	if (r->schema == NULL)
		return;
	memset(&x, 0, sizeof(x));
	x.r = r;
	x.d = d;
	headings_build(&x);
	match_level(&x, r->schema->sections, r->schema->nsections, SIZE_MAX);
	check_numbering(&x, &r->outline.root);
	for (i = 0; i < x.n; i++) {
		check_numbering(&x, x.h[i].s);
		check_empty(&x, x.h[i].s);
	}
	check_prompts(&x);
	free(x.h);
	free(x.pool);
}
