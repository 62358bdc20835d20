/*
 * cross.c - the X family: what a repository of many years makes possible.
 * A report is checked against its unit's reports of other years and types:
 *
 *   X001  what a report says of the previous year ("收、支总计74万元。与
 *         上一年度相比，收、支总计各增加34万元": last year's was 40)
 *         against the figure the unit's report of that year states;
 *   X002  the project reports of a unit-year adding up to more than the
 *         项目支出 of its department-overall report.
 *
 * A lint run calls tally_lint_run_add after tally_lint_report for each
 * report, while the model is alive; the run keeps only a compact summary
 * (unit, year, type, the figures the rules compare, the claims about the
 * previous year with their positions, and whether the report suppresses
 * X001/X002 where they would be reported), never the model.  Reports are
 * listed sorted by path, so a unit's reports arrive together: when the
 * next unit starts, the previous one is checked and its summaries freed,
 * and memory stays that of one unit whatever the size of the repository.
 * Out of order input is still checked, at the end.
 *
 * Which figures: the schema says, not this file.  The overall report's
 * project spending is the field labelled 项目支出; a project report's
 * spending the field labelled 全年执行数 (its executed amount: budgets
 * would compare unlike with like).  A claim names its figure by the
 * labels and aliases of the schema's fields (prose.c).
 */
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "internal.h"

enum role {
	ROLE_OTHER = 0,
	ROLE_OVERALL, /* states 项目支出 */
	ROLE_PROJECT, /* states 全年执行数 and no 项目支出 */
};

/* A figure kept for other reports. */
struct xfig {
	const char *path;
	const char *text;   /* as written */
	struct tally_dec v;
	int exp;            /* money: 10^exp 元; else 0 */
	int exact;          /* a count */
	int money;
	struct tally_pos pos;
};

struct xclaim {
	struct tally_prev_claim c;
	int suppressed;
};

struct xrep {
	const char *path, *unit, *type, *slug;
	int year;
	enum role role;
	struct xfig *figs;
	size_t nfigs;
	struct xclaim *claims;
	size_t nclaims;
	int has_amount;
	struct xfig amount;  /* overall: 项目支出; project: 全年执行数 */
	int x002_suppressed;
};

/* The reports of one unit, in their own arena so they go at once. */
struct group {
	const char *unit;
	struct tally_arena arena;
	struct xrep *reps;
	size_t n, cap;
};

struct pending {
	char *rule, *file, *zh, *en;
	uint32_t line, col;
};

struct tally_lint_run {
	struct group *groups;
	size_t ngroups, capgroups;
	char *last_path;      /* to know whether input is sorted */
	int unsorted;
	struct pending *pend;
	size_t npend, cappend;
};

struct tally_lint_run *
tally_lint_run_new(void)
{
	return xcalloc(1, sizeof(struct tally_lint_run));
}

static void
group_free(struct group *g)
{
	for (size_t i = 0; i < g->n; i++) {
		free(g->reps[i].figs);
		free(g->reps[i].claims);
	}
	free(g->reps);
	tally_arena_free(&g->arena);
}

void
tally_lint_run_free(struct tally_lint_run *run)
{
	if (run == NULL)
		return;
	for (size_t i = 0; i < run->ngroups; i++)
		group_free(&run->groups[i]);
	free(run->groups);
	for (size_t i = 0; i < run->npend; i++) {
		free(run->pend[i].rule);
		free(run->pend[i].file);
		free(run->pend[i].zh);
		free(run->pend[i].en);
	}
	free(run->pend);
	free(run->last_path);
	free(run);
}

static void
pend(struct tally_lint_run *run, const char *rule, const char *file,
    struct tally_pos pos, struct tally_buf *zh, struct tally_buf *en)
{
	struct pending *p;

	if (run->npend == run->cappend) {
		run->cappend = run->cappend ? 2 * run->cappend : 8;
		run->pend = xrealloc(run->pend, run->cappend * sizeof(*p));
	}
	p = &run->pend[run->npend++];
	p->rule = xstrdup(rule);
	p->file = xstrdup(file);
	p->zh = xstrdup(tally_buf_cstr(zh));
	p->en = xstrdup(tally_buf_cstr(en));
	p->line = pos.line ? pos.line : 1;
	p->col = pos.col ? pos.col : 1;
	tally_buf_reset(zh);
	tally_buf_reset(en);
}

/* --- reading a report ------------------------------------------------- */

static const struct tally_schema_field *
field_labelled(const struct tally_schema *s, const char *label)
{
	if (s == NULL)
		return NULL;
	for (size_t i = 0; i < s->nfields; i++)
		if (s->fields[i].label && strcmp(s->fields[i].label, label) == 0)
			return &s->fields[i];
	return NULL;
}

/* Reads the figure at a field into x (a mapping stands for its total).
 * Returns 1 when it is a number. */
static int
read_fig(struct tally_numctx *nc, struct group *g,
    const struct tally_schema_field *fd, struct xfig *x)
{
	const struct tally_fact *f = tally_num_field_fact(nc,
	    (size_t)(fd - nc->r->schema->fields));
	struct tally_num n;

	if (f != NULL && f->kind == TALLY_FACT_MAP)
		f = tally_fact_get(f, "total");
	if (f == NULL || tally_num_read(nc, f, &n) < TALLY_N_PLAIN)
		return 0;
	memset(x, 0, sizeof(*x));
	if (fd->kind == TALLY_FIELD_MONEY) {
		if (n.kind != TALLY_N_PLAIN && n.kind != TALLY_N_MONEY)
			return 0;
		x->money = 1;
		x->exp = n.exp;
	} else if (fd->kind == TALLY_FIELD_COUNT) {
		if (n.kind != TALLY_N_PLAIN && n.kind != TALLY_N_UNIT)
			return 0;
		x->exact = n.v.scale == 0;
	} else {
		return 0;
	}
	x->path = fd->path;	/* schemas live as long as the project */
	x->text = tally_arena_strdup(&g->arena, f->text);
	x->v = n.v;
	x->pos = f->pos;
	return 1;
}

/* Which claims and X002 positions the report suppresses: the report's own
 * suppression pass, run on findings placed where the X rules would put
 * them. */
static void
probe_suppressions(const struct tally_report *r, struct xrep *x)
{
	struct tally_diags l;
	const struct tally_block *b;
	int may = r->front != NULL && r->front->kind == TALLY_FACT_MAP &&
	    tally_fact_get(r->front, "lint") != NULL;

	/* Without a lint key in the front matter and a tally- comment (what
	 * tally_lint_suppress reads), nothing is suppressed: the findings
	 * need not be made to see that. */
	for (b = r->outline.blocks; b && !may; b = b->next)
		may = b->kind == TALLY_BLOCK_HTML && b->text != NULL &&
		    strstr(b->text, "tally-") != NULL;
	if (!may)
		return;
	tally_diags_init(&l, TALLY_LANG_ZH);
	for (size_t i = 0; i < x->nclaims; i++)
		tally_diag_add(&l, "X001", r->path, x->claims[i].c.pos.line,
		    x->claims[i].c.pos.col, "%s", "%s", "");
	if (x->role == ROLE_OVERALL && x->has_amount)
		tally_diag_add(&l, "X002", r->path, x->amount.pos.line,
		    x->amount.pos.col, "%s", "%s", "");
	tally_lint_suppress(r, &l);
	for (size_t i = 0; i < x->nclaims; i++) {
		int kept = 0;
		for (size_t k = 0; k < l.n; k++)
			if (l.items[k].rule && strcmp(l.items[k].rule,
			    "X001") == 0 && l.items[k].line ==
			    x->claims[i].c.pos.line && l.items[k].col ==
			    x->claims[i].c.pos.col)
				kept = 1;
		x->claims[i].suppressed = !kept;
	}
	if (x->role == ROLE_OVERALL && x->has_amount) {
		int kept = 0;
		for (size_t k = 0; k < l.n; k++)
			if (l.items[k].rule && strcmp(l.items[k].rule,
			    "X002") == 0)
				kept = 1;
		x->x002_suppressed = !kept;
	}
	tally_diags_free(&l);
}

static void check_group(struct tally_lint_run *run, struct group *g);

void
tally_lint_run_add(struct tally_lint_run *run, const struct tally_project *p,
    const struct tally_report *r)
{
	tally_lint_run_add_nc(run, p, r, NULL);
}

void
tally_lint_run_add_nc(struct tally_lint_run *run, const struct tally_project *p,
    const struct tally_report *r, struct tally_numctx *shared)
{
	const struct tally_schema *s = r->schema;
	const struct tally_schema_field *fd;
	struct tally_prev_claim *cl = NULL;
	struct tally_numctx own, *nc = shared;
	struct group *g = NULL;
	struct xrep *x;
	size_t ncl, capf = 0;
	int year = r->year ? r->year : r->dir_year;

	(void)p;
	if (run == NULL || !r->parsed || r->unit_id == NULL || s == NULL ||
	    year == 0 || r->front == NULL)
		return;
	/* sorted input: a new unit closes the previous ones */
	if (run->last_path && strcmp(r->path, run->last_path) < 0)
		run->unsorted = 1;
	free(run->last_path);
	run->last_path = xstrdup(r->path);
	for (size_t i = 0; i < run->ngroups; i++)
		if (strcmp(run->groups[i].unit, r->unit_id) == 0)
			g = &run->groups[i];
	if (g == NULL && !run->unsorted) {
		for (size_t i = 0; i < run->ngroups; i++) {
			check_group(run, &run->groups[i]);
			group_free(&run->groups[i]);
		}
		run->ngroups = 0;
	}
	if (g == NULL) {
		if (run->ngroups == run->capgroups) {
			run->capgroups = run->capgroups ? 2 * run->capgroups : 4;
			run->groups = xrealloc(run->groups, run->capgroups *
			    sizeof(*run->groups));
		}
		g = &run->groups[run->ngroups++];
		memset(g, 0, sizeof(*g));
		g->unit = tally_arena_strdup(&g->arena, r->unit_id);
	}
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 4;
		g->reps = xrealloc(g->reps, g->cap * sizeof(*g->reps));
	}
	x = &g->reps[g->n++];
	memset(x, 0, sizeof(*x));
	x->path = tally_arena_strdup(&g->arena, r->path);
	x->unit = g->unit;
	x->type = tally_arena_strdup(&g->arena, r->type ? r->type : "");
	x->slug = tally_arena_strdup(&g->arena, r->slug ? r->slug : "");
	x->year = year;
	if (field_labelled(s, "项目支出"))
		x->role = ROLE_OVERALL;
	else if (field_labelled(s, "全年执行数"))
		x->role = ROLE_PROJECT;

	if (nc == NULL) {
		nc = &own;
		tally_numctx_init(nc, r);
	}
	/* the figures a claim of next year's report may name */
	for (size_t i = 0; i < s->nfields; i++) {
		struct xfig f;
		fd = &s->fields[i];
		if (strncmp(fd->path, "figures.", 8) != 0 ||
		    !read_fig(nc, g, fd, &f))
			continue;
		if (x->nfigs == capf) {
			capf = capf ? 2 * capf : 16;
			x->figs = xrealloc(x->figs, capf * sizeof(*x->figs));
		}
		x->figs[x->nfigs++] = f;
	}
	/* X002's amount */
	if (x->role == ROLE_OVERALL)
		x->has_amount = (fd = field_labelled(s, "项目支出")) != NULL &&
		    fd->kind == TALLY_FIELD_MONEY &&
		    read_fig(nc, g, fd, &x->amount);
	else if (x->role == ROLE_PROJECT)
		for (size_t i = 0; i < s->nfields && !x->has_amount; i++)
			if (s->fields[i].label && strcmp(s->fields[i].label,
			    "全年执行数") == 0 && s->fields[i].kind ==
			    TALLY_FIELD_MONEY)
				x->has_amount = read_fig(nc, g, &s->fields[i],
				    &x->amount);
	if (nc == &own)
		tally_numctx_free(&own);

	/* X001's claims */
	ncl = tally_prose_prev_claims(r, &g->arena, &cl);
	if (ncl > 0) {
		x->claims = xcalloc(ncl, sizeof(*x->claims));
		for (size_t i = 0; i < ncl; i++)
			x->claims[i].c = cl[i];
		x->nclaims = ncl;
	}
	if (x->nclaims > 0 || (x->role == ROLE_OVERALL && x->has_amount))
		probe_suppressions(r, x);
}

/* --- checking ---------------------------------------------------------- */

static int
fig_ival(const struct xfig *f, int E, struct tally_ival *iv)
{
	int rc;

	if (f->exact) {
		struct tally_dec v;
		if ((rc = tally_dec_shift(f->v, f->exp - E, &v)) != TALLY_DEC_OK)
			return rc;
		*iv = tally_ival_exact(v);
		return TALLY_DEC_OK;
	}
	if (f->v.scale + 1 > TALLY_DEC_MAX_SCALE)
		return TALLY_DEC_EOVERFLOW;
	if ((rc = tally_ival_written(f->v, iv)) != TALLY_DEC_OK ||
	    (rc = tally_dec_shift(iv->lo, f->exp - E, &iv->lo)) !=
	    TALLY_DEC_OK ||
	    (rc = tally_dec_shift(iv->hi, f->exp - E, &iv->hi)) != TALLY_DEC_OK)
		return rc;
	return TALLY_DEC_OK;
}

static int
ival_shift(struct tally_ival iv, int k, struct tally_ival *out)
{
	int rc;

	if ((rc = tally_dec_shift(iv.lo, k, &out->lo)) != TALLY_DEC_OK ||
	    (rc = tally_dec_shift(iv.hi, k, &out->hi)) != TALLY_DEC_OK)
		return rc;
	return TALLY_DEC_OK;
}

/* d in unit E shown in unit dexp, trimmed to at least min decimals. */
static void
put_dec(struct tally_buf *b, struct tally_dec d, int E, int dexp, int min)
{
	char buf[TALLY_DEC_BUFSZ];
	struct tally_dec v;

	if (tally_dec_shift(d, E - dexp, &v) != TALLY_DEC_OK)
		v = d;
	tally_buf_puts(b, tally_num_fmt_trim(v, min, buf, sizeof(buf)));
}

/* Half the width of iv, in unit E. */
static struct tally_dec
half_width(struct tally_ival iv)
{
	struct tally_dec w, h;

	if (tally_dec_sub(iv.hi, iv.lo, &w) != TALLY_DEC_OK ||
	    tally_dec_div(w, tally_dec_from_int(2), w.scale + 1,
	    TALLY_ROUND_HALF_UP, &h) != TALLY_DEC_OK)
		return tally_dec_from_int(0);
	return h;
}

static void
x001(struct tally_lint_run *run, const struct xrep *cur, const struct xrep *prev)
{
	struct tally_buf zh = TALLY_BUF_INIT, en = TALLY_BUF_INIT,
	    t = TALLY_BUF_INIT;

	for (size_t i = 0; i < cur->nclaims; i++) {
		const struct xclaim *xc = &cur->claims[i];
		const struct tally_prev_claim *c = &xc->c;
		if (xc->suppressed)
			continue;
		for (size_t k = 0; k < c->nfields; k++) {
			const struct xfig *f = NULL;
			struct tally_ival fi, ci;
			struct tally_dec tol;
			int E;
			for (size_t j = 0; j < prev->nfigs; j++)
				if (strcmp(prev->figs[j].path, c->fields[k]) == 0)
					f = &prev->figs[j];
			if (f == NULL || f->money != c->cls_money)
				continue;
			E = f->exp > c->exp ? f->exp : c->exp;
			if (fig_ival(f, E, &fi) != TALLY_DEC_OK ||
			    ival_shift(c->prev, c->exp - E, &ci) != TALLY_DEC_OK)
				continue;
			if (tally_ival_overlaps(fi, ci))
				continue;
			/* the tolerance: the claim's spread and the
			 * figure's rounding, in the claim's unit */
			if (tally_dec_add(half_width(ci), half_width(fi), &tol) !=
			    TALLY_DEC_OK)
				continue;
			tally_buf_reset(&t);
			put_dec(&t, tol, E, c->exp, 0);
			tally_buf_printf(&zh, "上年数 %s ≠ %d年报告的 %s (%s，"
			    "允许误差 ±%s)", c->expr, prev->year, f->text, f->path,
			    tally_buf_cstr(&t));
			tally_buf_printf(&en, "last year %s != %s in the %d report "
			    "(%s, tolerance ±%s)", c->expr, f->text, prev->year,
			    f->path, tally_buf_cstr(&t));
			tally_buf_puts(&zh, c->quote);
			/* the quote comes in zh punctuation */
			if (strncmp(c->quote, "：", 3) == 0) {
				tally_buf_puts(&en, ": ");
				tally_buf_puts(&en, c->quote + 3);
			} else {
				tally_buf_puts(&en, c->quote);
			}
			pend(run, "X001", cur->path, c->pos, &zh, &en);
			break;
		}
	}
	tally_buf_free(&zh);
	tally_buf_free(&en);
	tally_buf_free(&t);
}

static void
x002(struct tally_lint_run *run, struct group *g, const struct xrep *o)
{
	struct tally_ival sum = tally_ival_exact(tally_dec_from_int(0)), oi, iv;
	struct tally_dec point = tally_dec_from_int(0), v, tol;
	struct tally_buf zh = TALLY_BUF_INIT, en = TALLY_BUF_INIT,
	    t = TALLY_BUF_INIT, list = TALLY_BUF_INIT, list_en = TALLY_BUF_INIT;
	int E = o->amount.exp, scale = o->amount.v.scale, n = 0;

	for (size_t i = 0; i < g->n; i++) {
		const struct xrep *x = &g->reps[i];
		if (x->role == ROLE_PROJECT && x->year == o->year &&
		    x->has_amount && x->amount.exp > E)
			E = x->amount.exp;
	}
	for (size_t i = 0; i < g->n; i++) {
		const struct xrep *x = &g->reps[i];
		int s;
		if (x->role != ROLE_PROJECT || x->year != o->year ||
		    !x->has_amount)
			continue;
		if (fig_ival(&x->amount, E, &iv) != TALLY_DEC_OK ||
		    tally_ival_add(sum, iv, &sum) != TALLY_DEC_OK ||
		    tally_dec_shift(x->amount.v, x->amount.exp - E, &v) !=
		    TALLY_DEC_OK || tally_dec_add(point, v, &point) !=
		    TALLY_DEC_OK)
			goto out;
		s = x->amount.v.scale - (x->amount.exp - o->amount.exp);
		if (s > scale)
			scale = s;
		n++;
	}
	if (n == 0 || fig_ival(&o->amount, E, &oi) != TALLY_DEC_OK ||
	    tally_dec_cmp(sum.lo, oi.hi) <= 0)
		goto out;
	if (tally_dec_add(half_width(sum), half_width(oi), &tol) != TALLY_DEC_OK)
		goto out;
	/* the project reports named, only for a finding: the same ones the
	 * sum above took, in the same order */
	for (size_t i = 0, k = 0; i < g->n; i++) {
		const struct xrep *x = &g->reps[i];
		if (x->role != ROLE_PROJECT || x->year != o->year ||
		    !x->has_amount)
			continue;
		if (k++ > 0) {
			tally_buf_puts(&list, "、");
			tally_buf_puts(&list_en, ", ");
		}
		tally_buf_printf(&list, "%s %s", x->slug, x->amount.text);
		tally_buf_printf(&list_en, "%s %s", x->slug, x->amount.text);
	}
	tally_buf_reset(&t);
	put_dec(&t, point, E, o->amount.exp, scale);
	tally_buf_printf(&zh, "项目报告合计 %s > 整体报告项目支出 %s",
	    tally_buf_cstr(&t), o->amount.text);
	tally_buf_printf(&en, "project reports %s > overall 项目支出 %s",
	    tally_buf_cstr(&t), o->amount.text);
	tally_buf_reset(&t);
	put_dec(&t, tol, E, o->amount.exp, 0);
	tally_buf_printf(&zh, " (允许误差 ±%s)：%d 份项目报告 %s",
	    tally_buf_cstr(&t), n, tally_buf_cstr(&list));
	tally_buf_printf(&en, " (tolerance ±%s): %d project reports %s",
	    tally_buf_cstr(&t), n, tally_buf_cstr(&list_en));
	pend(run, "X002", o->path, o->amount.pos, &zh, &en);
out:
	tally_buf_free(&zh);
	tally_buf_free(&en);
	tally_buf_free(&t);
	tally_buf_free(&list);
	tally_buf_free(&list_en);
}

/* Both rules over one unit's reports. */
static void
check_group(struct tally_lint_run *run, struct group *g)
{
	for (size_t i = 0; i < g->n; i++) {
		const struct xrep *x = &g->reps[i];
		if (x->nclaims > 0)
			for (size_t k = 0; k < g->n; k++) {
				const struct xrep *p = &g->reps[k];
				if (p->year == x->year - 1 &&
				    strcmp(p->type, x->type) == 0 &&
				    (x->role != ROLE_PROJECT ||
				    strcmp(p->slug, x->slug) == 0)) {
					x001(run, x, p);
					break;
				}
			}
		if (x->role == ROLE_OVERALL && x->has_amount &&
		    !x->x002_suppressed)
			x002(run, g, x);
	}
}

void
tally_lint_run_finish(struct tally_lint_run *run, struct tally_diags *diags)
{
	if (run == NULL)
		return;
	for (size_t i = 0; i < run->ngroups; i++) {
		check_group(run, &run->groups[i]);
		group_free(&run->groups[i]);
	}
	run->ngroups = 0;
	for (size_t i = 0; i < run->npend; i++) {
		struct pending *p = &run->pend[i];
		tally_diag_add(diags, p->rule, p->file, p->line, p->col,
		    "%s%.0s", "%.0s%s", p->zh, p->en);
		free(p->rule);
		free(p->file);
		free(p->zh);
		free(p->en);
	}
	run->npend = 0;
}
