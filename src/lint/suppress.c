/*
 * suppress.c - suppressions, applied to one report's findings before they
 * join the run's.  In Markdown:
 *
 *   <!-- tally-disable-next-line P001 A002 -- reason -->
 *   <!-- tally-disable P001 -- reason -->  …  <!-- tally-enable P001 -->
 *
 * (no rule ids: every rule), and in front matter `lint: {disable: [P001,
 * {rule: A002, reason: …}]}` for the whole report.  A suppression without
 * a reason is itself a finding (D001): a reviewer must see why a number
 * was let through.  An unknown rule id is D002.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_RULES 16

struct supp {
	uint32_t from, to;            /* lines, inclusive */
	const char *rules[MAX_RULES]; /* none: every rule */
	int nrules;
};

struct supp_set {
	const char *path;
	struct supp *items;
	size_t n, cap;
	struct tally_diags *d; /* for D001/D002 */
};

static struct supp *
add_supp(struct supp_set *s)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->items = xrealloc(s->items, s->cap * sizeof(*s->items));
	}
	memset(&s->items[s->n], 0, sizeof(s->items[0]));
	return &s->items[s->n++];
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* The first non-blank line after `line` in the report's text, or line+1. */
static uint32_t
next_content_line(const struct tally_report *r, uint32_t line)
{
	const char *p = r->src, *end = r->src + r->len;
	uint32_t l = 1;

	while (p < end && l <= line) {
		if (*p++ == '\n')
			l++;
	}
	while (p < end) {
		const char *q = p;
		int blank = 1;
		while (q < end && *q != '\n') {
			if (!is_space(*q))
				blank = 0;
			q++;
		}
		if (!blank)
			return l;
		p = q < end ? q + 1 : q;
		l++;
	}
	return line + 1;
}

enum dir_kind { DIR_NONE, DIR_NEXT_LINE, DIR_DISABLE, DIR_ENABLE };

struct directive {
	enum dir_kind kind;
	const char *rules[MAX_RULES];
	int nrules;
	int has_reason;
};

/* Parses "tally-xxx RULE… -- reason" inside one comment; rule ids are
 * copied into buf (NUL-separated).  Unknown ids are reported (D002) and
 * left out. */
static enum dir_kind
parse_directive(struct supp_set *s, const struct tally_block *b, const char *t,
    size_t n, struct directive *out, char *buf, size_t bufsz)
{
	static const struct {
		const char *word;
		enum dir_kind kind;
	} words[] = {
		{"tally-disable-next-line", DIR_NEXT_LINE},
		{"tally-disable", DIR_DISABLE},
		{"tally-enable", DIR_ENABLE},
	};
	const char *p = t, *end = t + n, *open;
	size_t i, w, used = 0;

	memset(out, 0, sizeof(*out));
	open = NULL;
	for (; p + 4 <= end; p++)
		if (memcmp(p, "<!--", 4) == 0) {
			open = p + 4;
			break;
		}
	if (open == NULL)
		return DIR_NONE;
	p = open;
	while (p < end && is_space(*p))
		p++;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		w = strlen(words[i].word);
		if ((size_t)(end - p) >= w && memcmp(p, words[i].word, w) == 0 &&
		    (p + w == end || is_space(p[w]) || p[w] == '-')) {
			out->kind = words[i].kind;
			p += w;
			break;
		}
	}
	if (out->kind == DIR_NONE)
		return DIR_NONE;
	/* rule ids up to "--" (the reason) or "-->" */
	for (;;) {
		const char *q;
		while (p < end && is_space(*p))
			p++;
		if (p >= end || (end - p >= 3 && memcmp(p, "-->", 3) == 0))
			break;
		if (end - p >= 2 && memcmp(p, "--", 2) == 0) {
			const char *r = p + 2;
			while (r < end && is_space(*r))
				r++;
			out->has_reason = r < end && !(end - r >= 3 &&
			    memcmp(r, "-->", 3) == 0);
			break;
		}
		q = p;
		while (q < end && !is_space(*q) && *q != ',' &&
		    !(end - q >= 2 && memcmp(q, "--", 2) == 0))
			q++;
		if (q > p && used + (size_t)(q - p) + 1 < bufsz) {
			char *id = buf + used;
			memcpy(id, p, (size_t)(q - p));
			id[q - p] = '\0';
			used += (size_t)(q - p) + 1;
			if (tally_rule_find(id) == NULL)
				tally_diag_add(s->d, "D002", s->path, b->pos.line,
				    b->pos.col, "抑制注释中的规则 %s 不存在",
				    "suppression names an unknown rule %s", id);
			else if (out->nrules < MAX_RULES)
				out->rules[out->nrules++] = tally_rule_find(id)->id;
		}
		p = q;
		while (p < end && *p == ',')
			p++;
	}
	return out->kind;
}

static void
collect_comments(const struct tally_report *r, struct supp_set *s)
{
	const struct tally_block *b;
	struct supp *open_all = NULL;
	char buf[512];

	for (b = r->outline.blocks; b; b = b->next) {
		struct directive dv;
		struct supp *x = NULL;
		int i;
		if (b->kind != TALLY_BLOCK_HTML || b->text == NULL ||
		    strstr(b->text, "tally-") == NULL)
			continue;
		switch (parse_directive(s, b, b->text, b->len, &dv, buf,
		    sizeof(buf))) {
		case DIR_NONE:
			continue;
		case DIR_NEXT_LINE:
			x = add_supp(s);
			x->from = x->to = next_content_line(r, b->end_line ?
			    b->end_line : b->pos.line);
			break;
		case DIR_DISABLE:
			x = add_supp(s);
			x->from = b->pos.line;
			x->to = UINT32_MAX;
			open_all = x;
			break;
		case DIR_ENABLE:
			/* closes the open ranges of the same rules (all, when
			 * none are named) */
			for (size_t k = 0; k < s->n; k++) {
				struct supp *o = &s->items[k];
				int match = dv.nrules == 0;
				if (o->to != UINT32_MAX)
					continue;
				for (i = 0; i < dv.nrules && !match; i++)
					for (int j = 0; j < o->nrules; j++)
						if (strcmp(o->rules[j], dv.rules[i]) == 0)
							match = 1;
				if (match)
					o->to = b->pos.line;
			}
			(void)open_all;
			continue;
		}
		if (x == NULL)
			continue;
		x->nrules = dv.nrules;
		for (i = 0; i < dv.nrules; i++)
			x->rules[i] = dv.rules[i];
		if (!dv.has_reason)
			tally_diag_add(s->d, "D001", s->path, b->pos.line, b->pos.col,
			    "抑制注释没有说明理由（在 -- 之后写明为何放过）%s",
			    "suppression without a reason (write why after --)%s", "");
	}
}

static void
collect_front(const struct tally_report *r, struct supp_set *s)
{
	const struct tally_fact *lint = tally_fact_get(r->front, "lint");
	const struct tally_fact *list = tally_fact_get(lint, "disable");
	const struct tally_fact *e;

	if (list == NULL)
		return;
	if (list->kind != TALLY_FACT_SEQ) {
		tally_diag_add(s->d, "M002", s->path, list->pos.line, list->pos.col,
		    "lint.disable 应为列表%s", "lint.disable must be a list%s", "");
		return;
	}
	for (e = list->child; e; e = e->next) {
		const struct tally_fact *id = e, *reason = NULL;
		struct supp *x;
		if (e->kind == TALLY_FACT_MAP) {
			id = tally_fact_get(e, "rule");
			reason = tally_fact_get(e, "reason");
		}
		if (!tally_fact_is_scalar(id) || tally_rule_find(id->text) == NULL) {
			tally_diag_add(s->d, "D002", s->path, e->pos.line, e->pos.col,
			    "lint.disable 中的规则 %s 不存在",
			    "lint.disable names an unknown rule %s",
			    tally_fact_is_scalar(id) ? id->text : "?");
			continue;
		}
		x = add_supp(s);
		x->from = 0;
		x->to = UINT32_MAX;
		x->rules[0] = tally_rule_find(id->text)->id;
		x->nrules = 1;
		if (!tally_fact_is_scalar(reason))
			tally_diag_add(s->d, "D001", s->path, e->pos.line, e->pos.col,
			    "lint.disable 中的 %s 没有说明理由（写成 {rule: %s, reason: …}）",
			    "lint.disable entry %s without a reason (write {rule: %s, reason: …})",
			    id->text, id->text);
	}
}

static int
keep(const struct tally_diag *g, void *ctx)
{
	const struct supp_set *s = ctx;
	size_t i;
	int k;

	if (g->rule == NULL || g->rule[0] == 'D' || strcmp(g->file, s->path) != 0)
		return 1;
	for (i = 0; i < s->n; i++) {
		const struct supp *x = &s->items[i];
		if (g->line < x->from || g->line > x->to)
			continue;
		if (x->nrules == 0)
			return 0;
		for (k = 0; k < x->nrules; k++)
			if (strcmp(x->rules[k], g->rule) == 0)
				return 0;
	}
	return 1;
}

void
tally_lint_suppress(const struct tally_report *r, struct tally_diags *d)
{
	struct supp_set s;

	memset(&s, 0, sizeof(s));
	s.path = r->path;
	s.d = d;
	if (r->front)
		collect_front(r, &s);
	if (r->parsed)
		collect_comments(r, &s);
	if (s.n)
		tally_diags_filter(d, keep, &s);
	free(s.items);
}
