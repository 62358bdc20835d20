/*
 * diag.c - collecting findings.  tally_diag_add is the one door every
 * finding goes through: it applies the run's overrides (lint.disable,
 * lint.severity), formats the message in both languages and counts it, so
 * the worst severity seen can decide the exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

void
tally_diags_init(struct tally_diags *d, enum tally_lang lang)
{
	memset(d, 0, sizeof(*d));
	d->lang = lang;
}

void
tally_diags_free(struct tally_diags *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].msg_zh);
		free(d->items[i].msg_en);
	}
	free(d->items);
	d->items = NULL;
	d->n = d->cap = 0;
	memset(d->count, 0, sizeof(d->count));
}

static int
is_disabled(const struct tally_diags *d, const char *rule)
{
	size_t i;

	for (i = 0; i < d->ndisabled; i++)
		if (strcmp(d->disabled[i], rule) == 0)
			return 1;
	return 0;
}

static enum tally_severity
severity_for(const struct tally_diags *d, const char *rule)
{
	const struct tally_rule_info *r;
	size_t i;

	for (i = 0; i < d->nsev; i++)
		if (strcmp(d->sev_rules[i], rule) == 0)
			return d->sev_values[i];
	r = tally_rule_find(rule);
	return r ? r->severity : TALLY_SEV_ERROR;
}

static void
push(struct tally_diags *d, const char *rule, enum tally_severity sev,
    const char *file, uint32_t line, uint32_t col, char *zh, char *en)
{
	struct tally_diag *g;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->items = xrealloc(d->items, d->cap * sizeof(*d->items));
	}
	g = &d->items[d->n];
	g->rule = rule ? (tally_rule_find(rule) ? tally_rule_find(rule)->id
	    : "????") : NULL;
	g->severity = sev;
	g->file = xstrdup(file ? file : "");
	g->line = line;
	g->col = col;
	g->msg_zh = zh;
	g->msg_en = en;
	g->seq = d->n;
	d->n++;
	d->count[sev]++;
}

void
tally_diag_vadd(struct tally_diags *d, const char *rule, const char *file,
    uint32_t line, uint32_t col, const char *fmt_zh, const char *fmt_en,
    va_list ap)
{
	struct tally_buf zh = TALLY_BUF_INIT, en = TALLY_BUF_INIT;
	enum tally_severity sev;
	va_list cp;

	if (is_disabled(d, rule))
		return;
	sev = severity_for(d, rule);
	if (sev == TALLY_SEV_OFF)
		return;
	va_copy(cp, ap);
	tally_buf_vprintf(&zh, fmt_zh, cp);
	va_end(cp);
	tally_buf_vprintf(&en, fmt_en, ap);
	push(d, rule, sev, file, line, col, tally_buf_detach(&zh),
	    tally_buf_detach(&en));
}

void
tally_diag_add(struct tally_diags *d, const char *rule, const char *file,
    uint32_t line, uint32_t col, const char *fmt_zh, const char *fmt_en, ...)
{
	va_list ap;

	va_start(ap, fmt_en);
	tally_diag_vadd(d, rule, file, line, col, fmt_zh, fmt_en, ap);
	va_end(ap);
}

void
tally_diag_config(struct tally_diags *d, const char *file, uint32_t line,
    uint32_t col, const char *fmt_zh, const char *fmt_en, ...)
{
	struct tally_buf zh = TALLY_BUF_INIT, en = TALLY_BUF_INIT;
	va_list ap, cp;

	va_start(ap, fmt_en);
	va_copy(cp, ap);
	tally_buf_vprintf(&zh, fmt_zh, cp);
	va_end(cp);
	tally_buf_vprintf(&en, fmt_en, ap);
	va_end(ap);
	push(d, NULL, TALLY_SEV_ERROR, file, line, col, tally_buf_detach(&zh),
	    tally_buf_detach(&en));
}

void
tally_diags_move(struct tally_diags *dst, struct tally_diags *src)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		struct tally_diag *g = &src->items[i];
		if (dst->n == dst->cap) {
			dst->cap = dst->cap ? dst->cap * 2 : 16;
			dst->items = xrealloc(dst->items,
			    dst->cap * sizeof(*dst->items));
		}
		dst->items[dst->n] = *g;
		dst->items[dst->n].seq = dst->n;
		dst->count[g->severity]++;
		dst->n++;
	}
	free(src->items);
	src->items = NULL;
	src->n = src->cap = 0;
	memset(src->count, 0, sizeof(src->count));
}

void
tally_diags_filter(struct tally_diags *d,
    int (*keep)(const struct tally_diag *g, void *ctx), void *ctx)
{
	size_t i, o = 0;

	memset(d->count, 0, sizeof(d->count));
	for (i = 0; i < d->n; i++) {
		struct tally_diag *g = &d->items[i];
		if (!keep(g, ctx)) {
			free(g->file);
			free(g->msg_zh);
			free(g->msg_en);
			continue;
		}
		d->items[o] = *g;
		d->count[g->severity]++;
		o++;
	}
	d->n = o;
}

void
tally_diags_init_like(struct tally_diags *d, const struct tally_diags *parent)
{
	tally_diags_init(d, parent->lang);
	d->disabled = parent->disabled;
	d->ndisabled = parent->ndisabled;
	d->sev_rules = parent->sev_rules;
	d->sev_values = parent->sev_values;
	d->nsev = parent->nsev;
}

static int
cmp_diag(const void *a, const void *b)
{
	const struct tally_diag *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
tally_diags_sort(struct tally_diags *d)
{
	if (d->n > 1)
		qsort(d->items, d->n, sizeof(*d->items), cmp_diag);
}

enum tally_severity
tally_diags_worst(const struct tally_diags *d)
{
	int s;

	for (s = TALLY_SEV_ERROR; s > TALLY_SEV_OFF; s--)
		if (d->count[s])
			return (enum tally_severity)s;
	return TALLY_SEV_OFF;
}

const char *
tally_diag_msg(const struct tally_diags *d, const struct tally_diag *g)
{
	return d->lang == TALLY_LANG_EN ? g->msg_en : g->msg_zh;
}

static const char *
level_word(enum tally_severity s, enum tally_lang lang)
{
	/* Levels stay in English in both languages, as compilers and the
	 * problem matchers of CI systems expect them. */
	(void)lang;
	return tally_severity_name(s);
}

void
tally_diags_print_text(const struct tally_diags *d, struct tally_buf *out,
    int color, int quiet)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct tally_diag *g = &d->items[i];
		const char *c_on = "", *c_off = "";
		if (color) {
			c_on = g->severity == TALLY_SEV_ERROR ? "\033[1;31m"
			    : g->severity == TALLY_SEV_WARNING ? "\033[1;35m"
			    : "\033[1;36m";
			c_off = "\033[0m";
		}
		if (color)
			tally_buf_puts(out, "\033[1m");
		tally_buf_puts(out, g->file);
		if (g->line) {
			tally_buf_printf(out, ":%u", (unsigned)g->line);
			if (g->col)
				tally_buf_printf(out, ":%u", (unsigned)g->col);
		}
		tally_buf_printf(out, ":%s %s%s:%s ", color ? "\033[0m" : "",
		    c_on, level_word(g->severity, d->lang), c_off);
		if (g->rule)
			tally_buf_printf(out, "[%s] ", g->rule);
		tally_buf_puts(out, tally_diag_msg(d, g));
		tally_buf_putc(out, '\n');
	}
	if (quiet)
		return;
	if (d->lang == TALLY_LANG_EN)
		tally_buf_printf(out, "%zu error(s), %zu warning(s)\n",
		    d->count[TALLY_SEV_ERROR], d->count[TALLY_SEV_WARNING]);
	else
		tally_buf_printf(out, "%zu 个错误，%zu 个警告\n",
		    d->count[TALLY_SEV_ERROR], d->count[TALLY_SEV_WARNING]);
}

enum tally_lang
tally_lang_from_env(void)
{
	const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (v == NULL || *v == '\0')
			continue;
		if (strncmp(v, "en", 2) == 0)
			return TALLY_LANG_EN;
		return TALLY_LANG_ZH;
	}
	return TALLY_LANG_ZH;
}
