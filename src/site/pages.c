/*
 * pages.c - the pages made from the summaries once every report is done:
 * the index, the unit pages with their charts, the year and type
 * listings, the consistency pages, the rules, the open-data page and the
 * 404 page.  Each listing is built from index arrays sorted once (by
 * year, by type, by date), never by scanning all reports per page, and
 * long listings are cut into pages (SITE_LIST_PER_PAGE rows) so that a
 * page stays small whatever the size of the site.  The consistency pages
 * splice the report groups the workers rendered (the spool) into the
 * page template, SITE_CONS_PER_PAGE groups a page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct pg {
	struct site *s;
	struct tally_buf out;
	size_t *pub;   /* published reports, path order */
	size_t npub;
};

static void
set_s(struct tally_arena *a, struct tally_val *m, const char *k, const char *v)
{
	if (v != NULL)
		tally_val_set(m, k, tally_val_strref(a, v, strlen(v)));
}

static void
set_n(struct tally_arena *a, struct tally_val *m, const char *k, size_t n)
{
	tally_val_set(m, k, tally_val_int(a, (long long)n));
}

/* Renders template tpl with root and writes it as rel; the page joins
 * the sitemap unless it is the 404 page.  With the cache, a page that
 * shows what it showed in the last build is not rendered again: one
 * report's new score changes its unit page, the listing pages it is on
 * and the index, not the other two thousand unit pages. */
static int
emit(struct pg *g, const char *rel, const char *tpl, struct tally_val *root,
    int in_sitemap)
{
	struct site *s = g->s;
	int kept = 0;

	if (s->cache != NULL) {
		/* the site's title and translations: in the build key */
		const struct tally_val *opaque[2] = {s->sitev, s->t};
		kept = site_cache_page_reuse(s, rel, tpl, root, opaque, 2);
		if (kept < 0)
			return -1;
	}
	if (!kept && (site_render(s, tpl, root, &g->out) < 0 ||
	    site_write(s, rel, g->out.data, g->out.len) < 0))
		return -1;
	if (in_sitemap)
		tally_pathlist_add(&g->s->pages, rel);
	return 0;
}

/* The file of page k (1-based) of a listing whose first page is
 * dir/index.html, and its URL: page k is dir/k/index.html, or dir/k.html
 * when flat (the units index: units/2/ could be a unit's directory, and
 * no unit id holds a dot). */
static char *
page_rel(const char *dir, size_t k, int flat)
{
	if (k <= 1)
		return xasprintf("%sindex.html", dir);
	if (flat)
		return xasprintf("%s%zu.html", dir, k);
	return xasprintf("%s%zu/index.html", dir, k);
}

static const char *
page_url(struct tally_arena *a, const char *dir_url, size_t k, int flat)
{
	if (k <= 1)
		return dir_url;
	if (flat)
		return tally_arena_printf(a, "%s%zu.html", dir_url, k);
	return tally_arena_printf(a, "%s%zu/", dir_url, k);
}

/* {has, prev, next, pages: [{num, url, current} or {gap}]}: the first
 * and last pages and two on each side of the current one. */
static struct tally_val *
pager_val(struct tally_arena *a, const char *dir_url, size_t k, size_t n,
    int flat)
{
	struct tally_val *m = tally_val_map(a), *list = tally_val_list(a);
	size_t i;
	int gap = 0;

	tally_val_set(m, "has", tally_val_bool(a, n > 1));
	if (n <= 1)
		return m;
	if (k > 1)
		set_s(a, m, "prev", page_url(a, dir_url, k - 1, flat));
	if (k < n)
		set_s(a, m, "next", page_url(a, dir_url, k + 1, flat));
	for (i = 1; i <= n; i++) {
		struct tally_val *e;
		if (i != 1 && i != n && (i + 2 < k || i > k + 2)) {
			if (!gap) {
				e = tally_val_map(a);
				tally_val_set(e, "gap", tally_val_bool(a, 1));
				tally_val_push(list, e);
			}
			gap = 1;
			continue;
		}
		gap = 0;
		e = tally_val_map(a);
		set_n(a, e, "num", i);
		set_s(a, e, "url", page_url(a, dir_url, i, flat));
		tally_val_set(e, "current", tally_val_bool(a, i == k));
		tally_val_push(list, e);
	}
	tally_val_set(m, "pages", list);
	return m;
}

static struct tally_val *
crumb(struct tally_arena *a, const char *name, const char *url)
{
	struct tally_val *m = tally_val_map(a);

	set_s(a, m, "name", name);
	set_s(a, m, "url", url);
	return m;
}

/* --- orders ------------------------------------------------------------------ */

/* A report's sort keys, copied out so that comparators need no global
 * state. */
struct key {
	int32_t year, type;
	char date[12]; /* publication date; undated: the next year, "-00-00" */
	size_t ix;
};

static int
cmp_ix(const struct key *x, const struct key *y)
{
	return x->ix < y->ix ? -1 : x->ix > y->ix;
}

static int
cmp_year(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->year != y->year)
		return x->year < y->year ? 1 : -1; /* newest year first */
	return cmp_ix(x, y);
}

static int
cmp_type(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return cmp_year(a, b);
}

/* Newest first by date of publication; a report without a date counts
 * as published early in the year after its fiscal year. */
static int
cmp_date(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->date, y->date);

	if (c != 0)
		return -c;
	return cmp_ix(x, y);
}

static size_t *
sorted(struct pg *g, int (*cmp)(const void *, const void *))
{
	struct key *k = xcalloc(g->npub + 1, sizeof(*k));
	size_t *v = xcalloc(g->npub + 1, sizeof(*v)), i;

	for (i = 0; i < g->npub; i++) {
		const struct site_report *r = &g->s->reps[g->pub[i]];
		k[i].year = r->year;
		k[i].type = r->type;
		k[i].ix = g->pub[i];
		if (r->published[0])
			memcpy(k[i].date, r->published, 11);
		else
			snprintf(k[i].date, sizeof(k[i].date), "%04d-00-00",
			    (int)(r->year + 1) % 10000);
	}
	qsort(k, g->npub, sizeof(*k), cmp);
	for (i = 0; i < g->npub; i++)
		v[i] = k[i].ix;
	free(k);
	return v;
}

/* --- listings ------------------------------------------------------------------ */

static struct tally_val *
report_list(const struct site *s, struct tally_arena *a, const size_t *ix,
    size_t n)
{
	struct tally_val *list = tally_val_list(a);
	size_t i;

	for (i = 0; i < n; i++)
		tally_val_push(list, site_report_val(s, a, &s->reps[ix[i]]));
	return list;
}

/* Writes the pages of one listing (reports ix[0..n) under dir). */
static int
listing(struct pg *g, const char *dir, const char *heading, const char *nav,
    const size_t *ix, size_t n, struct tally_val *(*extra)(struct pg *,
    struct tally_arena *, void *), void *ctx)
{
	struct site *s = g->s;
	size_t npages = (n + SITE_LIST_PER_PAGE - 1) / SITE_LIST_PER_PAGE, k;
	int rc = 0;

	if (npages == 0)
		npages = 1;
	for (k = 1; k <= npages && rc == 0; k++) {
		struct tally_arena a = TALLY_ARENA_INIT;
		struct tally_val *root, *crumbs;
		size_t from = (k - 1) * SITE_LIST_PER_PAGE;
		size_t cnt = n - from < SITE_LIST_PER_PAGE ? n - from
		    : SITE_LIST_PER_PAGE;
		const char *dir_url;
		char *rel = page_rel(dir, k, 0);

		if (s->cache != NULL && extra == NULL) {
			/* all that this page is made from besides its reports */
			struct tally_buf own = TALLY_BUF_INIT;
			int kept;
			tally_buf_printf(&own, "%s%c%s%c%s%c%zu %zu %zu", dir, 0,
			    heading, 0, nav, 0, k, npages, n);
			kept = site_cache_list_page(s, rel, own.data, own.len,
			    ix + from, cnt);
			tally_buf_free(&own);
			if (kept != 0) {
				if (kept > 0)
					tally_pathlist_add(&s->pages, rel);
				free(rel);
				if (kept < 0)
					rc = -1;
				continue;
			}
		}
		root = site_page_root(s, &a, nav);
		dir_url = site_url(s, &a, dir);
		crumbs = tally_val_list(&a);
		set_s(&a, root, "heading", heading);
		set_n(&a, root, "count", n);
		if (npages > 1)
			tally_val_set(root, "page_num", tally_val_int(&a, (long long)k));
		tally_val_set(root, "reports", report_list(s, &a, ix + from, cnt));
		tally_val_set(root, "pager", pager_val(&a, dir_url, k, npages, 0));
		tally_val_push(crumbs, crumb(&a, site_t(s, strcmp(nav, "years") == 0
		    ? "nav.years" : "nav.types"), site_url(s, &a, strcmp(nav,
		    "years") == 0 ? "years/" : "types/")));
		tally_val_set(root, "crumbs", crumbs);
		if (extra != NULL)
			tally_val_set(root, "extra", extra(g, &a, ctx));
		rc = emit(g, rel, "listing", root, 1);
		free(rel);
		tally_arena_free(&a);
	}
	return rc;
}

static int
years_pages(struct pg *g)
{
	struct site *s = g->s;
	size_t *v = sorted(g, cmp_year), i = 0, j;
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_val *root = site_page_root(s, &a, "years");
	struct tally_val *items = tally_val_list(&a);
	int rc = 0;

	while (i < g->npub && rc == 0) {
		int y = s->reps[v[i]].year;
		struct tally_buf h = TALLY_BUF_INIT;
		char ys[16], *dir;
		const char *names[] = {"year"}, *vals[] = {ys};
		struct tally_val *e;

		for (j = i; j < g->npub && s->reps[v[j]].year == y; j++)
			;
		snprintf(ys, sizeof(ys), "%d", y);
		site_tf(s, &h, "listing.year_heading", names, vals, 1);
		dir = xasprintf("years/%d/", y);
		rc = listing(g, dir, tally_buf_cstr(&h), "years", v + i, j - i,
		    NULL, NULL);
		e = tally_val_map(&a);
		tally_val_set(e, "name", tally_val_strn(&a, h.data, h.len));
		set_s(&a, e, "url", site_year_url(s, &a, y));
		set_n(&a, e, "count", j - i);
		tally_val_push(items, e);
		free(dir);
		tally_buf_free(&h);
		i = j;
	}
	if (rc == 0) {
		set_s(&a, root, "heading", site_t(s, "nav.years"));
		tally_val_set(root, "items", items);
		rc = emit(g, "years/index.html", "listing-index", root, 1);
	}
	tally_arena_free(&a);
	free(v);
	return rc;
}

static int
types_pages(struct pg *g)
{
	struct site *s = g->s;
	size_t *v = sorted(g, cmp_type), i = 0, j;
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_val *root = site_page_root(s, &a, "types");
	struct tally_val *items = tally_val_list(&a);
	int rc = 0;

	while (i < g->npub && rc == 0) {
		int32_t t = s->reps[v[i]].type;
		for (j = i; j < g->npub && s->reps[v[j]].type == t; j++)
			;
		if (t >= 0 && s->types[t].listed) {
			const struct site_type *st = &s->types[t];
			struct tally_buf dir = TALLY_BUF_INIT;
			struct tally_val *e;
			tally_buf_printf(&dir, "types/%s/", st->id);
			rc = listing(g, dir.data, st->name, "types", v + i, j - i,
			    NULL, NULL);
			e = tally_val_map(&a);
			set_s(&a, e, "name", st->name);
			set_s(&a, e, "url", site_type_url(s, &a, st));
			set_n(&a, e, "count", j - i);
			tally_val_push(items, e);
			tally_buf_free(&dir);
		}
		i = j;
	}
	if (rc == 0) {
		set_s(&a, root, "heading", site_t(s, "nav.types"));
		tally_val_set(root, "items", items);
		rc = emit(g, "types/index.html", "listing-index", root, 1);
	}
	tally_arena_free(&a);
	free(v);
	return rc;
}

/* --- units ---------------------------------------------------------------------- */

static const char *
dec_or_null(struct tally_arena *a, int has, struct tally_dec d)
{
	return has ? site_dec_text(a, d) : NULL;
}

static int
unit_page(struct pg *g, const struct site_unit *u)
{
	struct site *s = g->s;
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_val *root, *um, *years;
	struct tally_val *yr = NULL, *list = NULL, *table, *crumbs;
	struct site_point *pts;
	size_t *mine;
	struct tally_buf svg = TALLY_BUF_INIT;
	size_t i, np = 0, nm = 0;
	int rc;
	char *rel = xasprintf("units/%s/index.html", u->id);

	/* What the page is made of is known to the cache (it must be all
	 * that this function reads: the unit, its reports' summaries, the
	 * history flag and what the build key covers). */
	if (s->cache != NULL && (rc = site_cache_unit_page(s, u, rel)) != 0) {
		if (rc > 0)
			tally_pathlist_add(&s->pages, rel);
		free(rel);
		return rc > 0 ? 0 : -1;
	}
	root = site_page_root(s, &a, "units");
	um = tally_val_map(&a);
	years = tally_val_list(&a);
	table = tally_val_list(&a);
	crumbs = tally_val_list(&a);
	pts = xcalloc(u->n + 1, sizeof(*pts));
	mine = xcalloc(u->n + 1, sizeof(*mine));
	set_s(&a, um, "id", u->id);
	set_s(&a, um, "name", u->name);
	set_s(&a, um, "short_name", u->short_name);
	set_s(&a, um, "region", u->region);
	set_s(&a, um, "parent", u->parent);
	set_s(&a, um, "kind", u->kind);
	set_n(&a, um, "count", u->published);
	tally_val_set(root, "unit", um);
	/* when each report was first published and last revised (git) */
	tally_val_set(root, "show_revisions", tally_val_bool(&a, s->hist != NULL));

	/* The unit's pages, in path order: by year, oldest first. */
	for (i = 0; i < u->n; i++)
		if (s->reps[u->first + i].page)
			mine[nm++] = u->first + i;
	/* Reports by year, newest year first. */
	for (i = nm; i > 0;) {
		size_t end = i, k;
		int y = s->reps[mine[i - 1]].year;
		while (i > 0 && s->reps[mine[i - 1]].year == y)
			i--;
		yr = tally_val_map(&a);
		list = tally_val_list(&a);
		tally_val_set(yr, "year", tally_val_int(&a, y));
		set_s(&a, yr, "year_url", site_year_url(s, &a, y));
		{
			struct tally_buf h = TALLY_BUF_INIT;
			char ys[16];
			const char *names[] = {"year"}, *vals[] = {ys};
			snprintf(ys, sizeof(ys), "%d", y);
			site_tf(s, &h, "listing.year_heading", names, vals, 1);
			tally_val_set(yr, "heading", tally_val_strn(&a, h.data, h.len));
			tally_buf_free(&h);
		}
		for (k = i; k < end; k++)
			tally_val_push(list, site_report_val(s, &a, &s->reps[mine[k]]));
		tally_val_set(yr, "reports", list);
		tally_val_push(years, yr);
	}
	tally_val_set(root, "years", years);

	/* Chart points, oldest year first: per year the report with the
	 * largest budget (a department's overall report includes its
	 * projects), else the first with a score. */
	for (i = 0; i < nm; i++) {
		const struct site_report *r = &s->reps[mine[i]];
		struct site_point *pt;
		if (!r->has_budget && !r->has_score)
			continue;
		if (np > 0 && pts[np - 1].year == r->year) {
			pt = &pts[np - 1];
			if (!r->has_budget || (pt->has_budget &&
			    tally_dec_cmp(r->budget, pt->budget) <= 0))
				continue;
		} else {
			pt = &pts[np++];
		}
		pt->year = r->year;
		pt->rep = r;
		pt->has_budget = r->has_budget;
		pt->budget = r->budget;
		pt->has_executed = r->has_executed;
		pt->executed = r->executed;
		pt->has_score = r->has_score;
		pt->score = r->score_dec;
	}
	for (i = 0; i < np; i++) {
		struct tally_val *row = tally_val_map(&a);
		tally_val_set(row, "year", tally_val_int(&a, pts[i].year));
		set_s(&a, row, "budget", dec_or_null(&a, pts[i].has_budget,
		    pts[i].budget));
		set_s(&a, row, "executed", dec_or_null(&a, pts[i].has_executed,
		    pts[i].executed));
		set_s(&a, row, "score", dec_or_null(&a, pts[i].has_score,
		    pts[i].score));
		tally_val_set(row, "report", site_report_val(s, &a, pts[i].rep));
		tally_val_push(table, row);
	}
	tally_val_set(root, "points", table);
	if (np > 0) {
		site_chart_svg(s, u->name, pts, np, &svg);
		tally_val_set(root, "chart", tally_val_strref(&a,
		    tally_buf_cstr(&svg), svg.len));
	}
	tally_val_push(crumbs, crumb(&a, site_t(s, "nav.units"),
	    site_url(s, &a, "units/")));
	tally_val_set(root, "crumbs", crumbs);
	rc = emit(g, rel, "unit", root, 1);
	free(rel);
	free(pts);
	free(mine);
	tally_buf_free(&svg);
	tally_arena_free(&a);
	return rc;
}

/* Writes one page of the units index: units ix[from .. from + n). */
static int
units_index_page(struct pg *g, const size_t *ix, size_t nall, size_t k,
    size_t npages)
{
	struct site *s = g->s;
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_val *root = site_page_root(s, &a, "units");
	struct tally_val *list = tally_val_list(&a);
	size_t from = (k - 1) * SITE_UNITS_PER_PAGE, i;
	char *rel = page_rel("units/", k, 1);
	int rc;

	for (i = from; i < nall && i < from + SITE_UNITS_PER_PAGE; i++) {
		const struct site_unit *u = &s->units[ix[i]];
		struct tally_val *e = tally_val_map(&a);
		set_s(&a, e, "name", u->name);
		set_s(&a, e, "short_name", u->short_name);
		set_s(&a, e, "region", u->region);
		set_s(&a, e, "url", site_unit_url(s, &a, u));
		set_n(&a, e, "count", u->published);
		tally_val_push(list, e);
	}
	tally_val_set(root, "units", list);
	set_n(&a, root, "count", nall);
	if (npages > 1)
		tally_val_set(root, "page_num", tally_val_int(&a, (long long)k));
	tally_val_set(root, "pager", pager_val(&a, site_url(s, &a, "units/"),
	    k, npages, 1));
	rc = emit(g, rel, "units", root, 1);
	free(rel);
	tally_arena_free(&a);
	return rc;
}

static int
units_pages(struct pg *g)
{
	struct site *s = g->s;
	size_t *ix = xcalloc(s->nunits + 1, sizeof(*ix)), n = 0, i, npages;
	int rc = 0;

	for (i = 0; i < s->nunits && rc == 0; i++) {
		if (s->units[i].published == 0)
			continue;
		rc = unit_page(g, &s->units[i]);
		ix[n++] = i;
	}
	/* the index of units, in pages: a country has hundreds of
	 * thousands of budget units */
	npages = (n + SITE_UNITS_PER_PAGE - 1) / SITE_UNITS_PER_PAGE;
	if (npages == 0)
		npages = 1;
	for (i = 1; i <= npages && rc == 0; i++)
		rc = units_index_page(g, ix, n, i, npages);
	free(ix);
	return rc;
}

/* --- the index ------------------------------------------------------------------- */

static void
add_sum(struct tally_dec *sum, int *bad, size_t *n, struct tally_dec v)
{
	struct tally_dec r;

	if (*n == 0) {
		*sum = v;
	} else if (tally_dec_add(*sum, v, &r) == TALLY_DEC_OK) {
		*sum = r;
	} else {
		*bad = 1;
	}
	(*n)++;
}

static int
index_page(struct pg *g)
{
	struct site *s = g->s;
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_val *root = site_page_root(s, &a, "home");
	struct tally_val *totals = tally_val_map(&a);
	struct tally_val *by_type = tally_val_list(&a), *years = tally_val_list(&a);
	struct tally_val *units = tally_val_list(&a);
	size_t *v = sorted(g, cmp_date), *vy = sorted(g, cmp_year);
	size_t i, j, nyears = 0, nunits = 0;
	int rc;

	for (i = 0; i < s->ntypes; i++) {
		memset(&s->types[i].budget, 0, sizeof(s->types[i].budget));
		s->types[i].count = s->types[i].nbudget = s->types[i].nexecuted = 0;
	}
	for (i = 0; i < g->npub; i++) {
		const struct site_report *r = &s->reps[g->pub[i]];
		struct site_type *t;
		if (r->type < 0)
			continue;
		t = &s->types[r->type];
		t->count++;
		if (r->has_budget)
			add_sum(&t->budget, &t->budget_bad, &t->nbudget, r->budget);
		if (r->has_executed)
			add_sum(&t->executed, &t->executed_bad, &t->nexecuted,
			    r->executed);
	}
	for (i = 0; i < s->ntypes; i++) {
		const struct site_type *t = &s->types[i];
		struct tally_val *e;
		if (t->count == 0)
			continue;
		e = tally_val_map(&a);
		set_s(&a, e, "name", t->name);
		set_s(&a, e, "url", site_type_url(s, &a, t));
		set_n(&a, e, "count", t->count);
		if (t->nbudget > 0 && !t->budget_bad)
			set_s(&a, e, "budget", site_dec_text(&a, t->budget));
		if (t->nexecuted > 0 && !t->executed_bad)
			set_s(&a, e, "executed", site_dec_text(&a, t->executed));
		set_n(&a, e, "nbudget", t->nbudget);
		set_n(&a, e, "nexecuted", t->nexecuted);
		tally_val_push(by_type, e);
	}
	tally_val_set(root, "by_type", by_type);

	for (i = 0; i < g->npub; i = j) {
		int y = s->reps[vy[i]].year;
		struct tally_val *e = tally_val_map(&a);
		for (j = i; j < g->npub && s->reps[vy[j]].year == y; j++)
			;
		tally_val_set(e, "name", tally_val_int(&a, y));
		set_s(&a, e, "url", site_year_url(s, &a, y));
		set_n(&a, e, "count", j - i);
		tally_val_push(years, e);
		nyears++;
	}
	tally_val_set(root, "years", years);
	for (i = 0; i < s->nunits; i++) {
		const struct site_unit *u = &s->units[i];
		if (u->published == 0)
			continue;
		nunits++;
		if (nunits <= SITE_INDEX_UNITS) {
			struct tally_val *e = tally_val_map(&a);
			set_s(&a, e, "name", u->name);
			set_s(&a, e, "url", site_unit_url(s, &a, u));
			set_n(&a, e, "count", u->published);
			tally_val_push(units, e);
		}
	}
	tally_val_set(root, "units", units);
	tally_val_set(root, "units_more", tally_val_bool(&a,
	    nunits > SITE_INDEX_UNITS));
	{
		struct tally_val *types = tally_val_list(&a);
		for (i = 0; i < s->ntypes; i++) {
			struct tally_val *e;
			if (s->types[i].count == 0 || !s->types[i].listed)
				continue;
			e = tally_val_map(&a);
			set_s(&a, e, "name", s->types[i].name);
			set_s(&a, e, "url", site_type_url(s, &a, &s->types[i]));
			set_n(&a, e, "count", s->types[i].count);
			tally_val_push(types, e);
		}
		tally_val_set(root, "types", types);
	}

	set_n(&a, totals, "units", nunits);
	set_n(&a, totals, "reports", g->npub);
	set_n(&a, totals, "years", nyears);
	if (g->npub > 0) {
		tally_val_set(totals, "first_year", tally_val_printf(&a, "%d",
		    (int)s->reps[vy[g->npub - 1]].year));
		tally_val_set(totals, "last_year", tally_val_printf(&a, "%d",
		    (int)s->reps[vy[0]].year));
	}
	set_n(&a, totals, "errors", s->count[TALLY_SEV_ERROR]);
	set_n(&a, totals, "warnings", s->count[TALLY_SEV_WARNING]);
	set_n(&a, totals, "notes", s->count[TALLY_SEV_NOTE]);
	tally_val_set(root, "totals", totals);
	tally_val_set(root, "reports", report_list(s, &a, v,
	    g->npub < SITE_NEWEST ? g->npub : SITE_NEWEST));
	set_s(&a, root, "search_index", site_url(s, &a, "search-index.json"));
	tally_val_set(root, "has_reports", tally_val_bool(&a, g->npub > 0));
	rc = emit(g, "index.html", "index", root, 1);
	free(v);
	free(vy);
	tally_arena_free(&a);
	return rc;
}

/* --- consistency ------------------------------------------------------------------ */

static struct tally_val *
site_findings(struct site *s, struct tally_arena *a)
{
	struct tally_val *list = tally_val_list(a);
	size_t i;
	char key[32];

	for (i = 0; i < s->sited.n; i++) {
		const struct tally_diag *g = &s->sited.items[i];
		const struct tally_rule_info *ri = g->rule ? tally_rule_find(g->rule)
		    : NULL;
		struct tally_val *m = tally_val_map(a);
		const char *sev = site_sev_key(g->severity);
		snprintf(key, sizeof(key), "severity.%s", sev);
		set_s(a, m, "severity", sev);
		set_s(a, m, "sev_label", site_t(s, key));
		set_s(a, m, "rule", g->rule);
		if (ri != NULL) {
			set_s(a, m, "rule_title", s->en ? ri->title_en : ri->title_zh);
			tally_val_set(m, "rule_url", tally_val_printf(a,
			    "%srules/#%s", s->base, ri->id));
		}
		set_s(a, m, "message", s->en ? g->msg_en : g->msg_zh);
		set_s(a, m, "file", g->file);
		if (g->line > 0)
			tally_val_set(m, "line", tally_val_printf(a, "%u",
			    (unsigned)g->line));
		tally_val_push(list, m);
	}
	return list;
}

static struct tally_val *
rule_summary(struct site *s, struct tally_arena *a)
{
	struct tally_val *list = tally_val_list(a);
	size_t i;

	for (i = 0; i < tally_nrules; i++) {
		const struct tally_rule_info *ri = &tally_rules[i];
		struct tally_val *m;
		char key[32];
		if (s->rule_count[i] == 0)
			continue;
		m = tally_val_map(a);
		snprintf(key, sizeof(key), "severity.%s",
		    site_sev_key(ri->severity));
		set_s(a, m, "rule", ri->id);
		set_s(a, m, "title", s->en ? ri->title_en : ri->title_zh);
		set_s(a, m, "sev_label", site_t(s, key));
		tally_val_set(m, "url", tally_val_printf(a, "%srules/#%s", s->base,
		    ri->id));
		set_n(a, m, "count", s->rule_count[i]);
		tally_val_push(list, m);
	}
	return list;
}

static int
consistency_pages(struct pg *g)
{
	struct site *s = g->s;
	size_t *groups = xcalloc(s->nreps + 1, sizeof(*groups)), ng = 0, i, k;
	size_t npages;
	struct tally_buf spool = TALLY_BUF_INIT;
	int rc = 0;

	uint64_t *offs = xcalloc(s->nreps + 1, sizeof(*offs)), off = 0;

	/* the spool holds the groups in path order, one after another */
	for (i = 0; i < s->nreps; i++)
		if (s->reps[i].cons_len > 0 && !s->reps[i].draft) {
			offs[ng] = off;
			off += s->reps[i].cons_len;
			groups[ng++] = i;
		}
	npages = (ng + SITE_CONS_PER_PAGE - 1) / SITE_CONS_PER_PAGE;
	if (npages == 0)
		npages = 1;
	for (k = 1; k <= npages && rc == 0; k++) {
		struct tally_arena a = TALLY_ARENA_INIT;
		struct tally_val *root = site_page_root(s, &a, "consistency");
		struct tally_val *totals = tally_val_map(&a);
		size_t from = (k - 1) * SITE_CONS_PER_PAGE, to = from +
		    SITE_CONS_PER_PAGE;
		char *rel = page_rel("consistency/", k, 0);

		if (to > ng)
			to = ng;
		tally_buf_reset(&spool);
		if (from < to) {
			const struct site_report *l = &s->reps[groups[to - 1]];
			rc = site_spool_read(s, &s->cons, offs[from],
			    (size_t)(offs[to - 1] + l->cons_len - offs[from]), &spool);
		}
		tally_val_set(root, "groups", tally_val_strref(&a,
		    tally_buf_cstr(&spool), spool.len));
		tally_val_set(root, "has_groups", tally_val_bool(&a, from < to));
		if (k == 1) {
			struct tally_val *rl = rule_summary(s, &a);
			tally_val_set(root, "site_findings", site_findings(s, &a));
			tally_val_set(root, "has_site_findings", tally_val_bool(&a,
			    s->sited.n > 0));
			tally_val_set(root, "rules", rl);
			tally_val_set(root, "has_rules", tally_val_bool(&a,
			    tally_val_len(rl) > 0));
		}
		set_n(&a, totals, "reports", ng);
		set_n(&a, totals, "errors", s->count[TALLY_SEV_ERROR]);
		set_n(&a, totals, "warnings", s->count[TALLY_SEV_WARNING]);
		set_n(&a, totals, "notes", s->count[TALLY_SEV_NOTE]);
		tally_val_set(root, "totals", totals);
		tally_val_set(root, "clean", tally_val_bool(&a, ng == 0 &&
		    s->sited.n == 0));
		if (npages > 1)
			tally_val_set(root, "page_num", tally_val_int(&a, (long long)k));
		tally_val_set(root, "pager", pager_val(&a,
		    site_url(s, &a, "consistency/"), k, npages, 0));
		if (rc == 0)
			rc = emit(g, rel, "consistency", root, 1);
		free(rel);
		tally_arena_free(&a);
	}
	tally_buf_free(&spool);
	free(groups);
	free(offs);
	return rc;
}

/* --- rules, data, 404 -------------------------------------------------------------- */

static int
rules_page(struct pg *g)
{
	struct site *s = g->s;
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_val *root = site_page_root(s, &a, "rules");
	struct tally_val *list = tally_val_list(&a);
	size_t i;
	int rc;

	for (i = 0; i < tally_nrules; i++) {
		const struct tally_rule_info *ri = &tally_rules[i];
		struct tally_val *m = tally_val_map(&a);
		const char *sev = site_sev_key(ri->severity);
		char key[32];
		snprintf(key, sizeof(key), "severity.%s", sev);
		set_s(&a, m, "id", ri->id);
		set_s(&a, m, "severity", sev);
		set_s(&a, m, "sev_label", site_t(s, key));
		set_s(&a, m, "title", s->en ? ri->title_en : ri->title_zh);
		set_s(&a, m, "explain", s->en ? ri->explain_en : ri->explain_zh);
		set_n(&a, m, "count", s->rule_count[i]);
		tally_val_push(list, m);
	}
	tally_val_set(root, "rules", list);
	rc = emit(g, "rules/index.html", "rules", root, 1);
	tally_arena_free(&a);
	return rc;
}

static int
simple_page(struct pg *g, const char *rel, const char *tpl, const char *nav,
    int in_sitemap)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_val *root = site_page_root(g->s, &a, nav);
	int rc;

	set_n(&a, root, "reports", g->npub);
	rc = emit(g, rel, tpl, root, in_sitemap);
	tally_arena_free(&a);
	return rc;
}

int
site_pages(struct site *s)
{
	struct pg g;
	size_t i;
	int rc = 0;

	memset(&g, 0, sizeof(g));
	g.s = s;
	g.pub = xcalloc(s->nreps + 1, sizeof(*g.pub));
	for (i = 0; i < s->nreps; i++)
		if (s->reps[i].page)
			g.pub[g.npub++] = i;
	if (index_page(&g) < 0 || units_pages(&g) < 0 || years_pages(&g) < 0 ||
	    types_pages(&g) < 0 || consistency_pages(&g) < 0 ||
	    rules_page(&g) < 0 ||
	    simple_page(&g, "data/index.html", "data", "data", 1) < 0 ||
	    simple_page(&g, "404.html", "404", NULL, 0) < 0)
		rc = -1;
	tally_buf_free(&g.out);
	free(g.pub);
	return rc;
}
