/*
 * reportpage.c - one report, start to finish, on a worker thread: read,
 * model, lint, then its page (units/<unit>/<year>/<slug>.html), its JSON
 * (front matter as written, and its findings), a copy of its Markdown,
 * and its pieces of the ordered streams: a row of reports.csv and
 * reports.json, an entry of search-index.json and its group of the
 * consistency pages.  Then the model is freed; what stays is the summary.
 *
 * Findings are tied to the text by headings: the rendered body's headings
 * get ids from their place in the outline ("s-2-1" is the first
 * subsection of the second section), and a finding links to the nearest
 * heading at or before its line, where a marker links back to it.  A
 * finding in the front matter links to the card that shows that part of
 * it (key figures, funds, indicators) or to the report's header.  Ids by
 * place survive edits inside a section, and cmark's rendering of a body
 * without raw HTML makes "<hN>" in its output a heading and nothing else,
 * so the ids are inserted by a scan, not a second parse.  The same scan
 * renumbers headings by depth (h2 for a top section) so that headings on
 * the page never skip a level, wraps tables in a scrolling region and
 * gives header cells their scope.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "../lint/lint.h"

/* A heading of the body: its section, id, depth and finding markers. */
struct sec {
	const struct tally_section *sec;
	const char *id;
	int depth;
	size_t *marks; /* finding numbers */
	size_t nmarks, capmarks;
};

struct rctx {
	struct site *s;
	struct site_worker *w;
	const struct tally_report *r;
	struct site_report *rep;
	struct tally_diags *rd;
	struct tally_arena *a;
	struct sec *secs;
	size_t nsec;
	int has_figures, has_funds, has_indicators;
};

const char *
site_sev_key(enum tally_severity sev)
{
	switch (sev) {
	case TALLY_SEV_ERROR: return "error";
	case TALLY_SEV_WARNING: return "warning";
	case TALLY_SEV_NOTE: return "note";
	default: return "off";
	}
}

/* --- URLs -------------------------------------------------------------------- */

const char *
site_slug(const struct site *s, const struct site_report *rep, size_t *n)
{
	const char *path = SITE_REP_PATH(s, rep), *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	*n = strlen(base);
	if (*n > 3 && strcmp(base + *n - 3, ".md") == 0)
		*n -= 3;
	return base;
}

const char *
site_keep(struct site_worker *w, const char *s, size_t n)
{
	char *p;

	if (w->pool_left < n + 1) {
		size_t want = n + 1 > 60000 ? n + 1 : 60000;
		w->pool = tally_arena_alloc(&w->keep, want);
		w->pool_left = want;
	}
	p = w->pool;
	memcpy(p, s, n);
	p[n] = '\0';
	w->pool += n + 1;
	w->pool_left -= n + 1;
	return p;
}

void
site_report_rel(const struct site *s, const struct site_report *rep,
    struct tally_buf *b)
{
	size_t n;
	const char *sl = site_slug(s, rep, &n);

	tally_buf_printf(b, "units/%s/%d/%.*s", s->units[rep->unit].id,
	    (int)rep->year, (int)n, sl);
}

void
site_report_url(const struct site *s, const struct site_report *rep,
    const char *ext, int with_base, struct tally_buf *b)
{
	if (with_base)
		tally_buf_puts(b, s->base);
	tally_buf_puts(b, "units/");
	site_put_seg(b, s->units[rep->unit].id);
	if (rep->year < 0) {
		tally_buf_printf(b, "/%d/", (int)rep->year);
	} else {
		char tmp[16], *p = tmp + sizeof(tmp);
		unsigned y = (unsigned)rep->year;
		*--p = '/';
		do {
			*--p = (char)('0' + y % 10);
			y /= 10;
		} while (y != 0);
		*--p = '/';
		tally_buf_put(b, p, (size_t)(tmp + sizeof(tmp) - p));
	}
	{
		size_t n;
		const char *sl = site_slug(s, rep, &n);
		site_put_segn(b, sl, n);
	}
	tally_buf_puts(b, ext);
}

/* a, b, c and d (NULL: none) one after the other, in the arena: the URLs
 * of the listings are made tens of thousands of times a build. */
static const char *
cat4(struct tally_arena *ar, const char *a, const char *b, const char *c,
    const char *d)
{
	size_t na = strlen(a), nb = strlen(b), nc = c ? strlen(c) : 0,
	    nd = d ? strlen(d) : 0;
	char *r = tally_arena_alloc_raw(ar, na + nb + nc + nd + 1);

	memcpy(r, a, na);
	memcpy(r + na, b, nb);
	if (nc)
		memcpy(r + na + nb, c, nc);
	if (nd)
		memcpy(r + na + nb + nc, d, nd);
	r[na + nb + nc + nd] = '\0';
	return r;
}

/* 1 when site_put_seg writes s as it is. */
static int
plain_seg(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
		    c == '~'))
			return 0;
	}
	return 1;
}

const char *
site_url(const struct site *s, struct tally_arena *a, const char *rel)
{
	return cat4(a, s->base, rel, NULL, NULL);
}

const char *
site_unit_url(const struct site *s, struct tally_arena *a,
    const struct site_unit *u)
{
	struct tally_buf b = TALLY_BUF_INIT;
	const char *r;

	if (plain_seg(u->id))
		return cat4(a, s->base, "units/", u->id, "/");
	tally_buf_puts(&b, s->base);
	tally_buf_puts(&b, "units/");
	site_put_seg(&b, u->id);
	tally_buf_putc(&b, '/');
	r = tally_arena_strndup(a, b.data, b.len);
	tally_buf_free(&b);
	return r;
}

const char *
site_year_url(const struct site *s, struct tally_arena *a, int year)
{
	char y[16];

	snprintf(y, sizeof(y), "%d/", year);
	return cat4(a, s->base, "years/", y, NULL);
}

const char *
site_type_url(const struct site *s, struct tally_arena *a,
    const struct site_type *t)
{
	struct tally_buf b = TALLY_BUF_INIT;
	const char *r;

	if (!t->listed)
		return NULL;
	if (plain_seg(t->id))
		return cat4(a, s->base, "types/", t->id, "/");
	tally_buf_puts(&b, s->base);
	tally_buf_puts(&b, "types/");
	site_put_seg(&b, t->id);
	tally_buf_putc(&b, '/');
	r = tally_arena_strndup(a, b.data, b.len);
	tally_buf_free(&b);
	return r;
}

const char *
site_type_name(const struct site *s, const struct site_report *rep)
{
	if (rep->type >= 0)
		return s->types[rep->type].name;
	return rep->type_text;
}

/* --- values ------------------------------------------------------------------ */

/* Sets key to the text v (borrowed: it must outlive the render); absent
 * when v is NULL. */
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

struct tally_val *
site_page_root(const struct site *s, struct tally_arena *a, const char *nav)
{
	struct tally_val *root = tally_val_map(a), *nv = tally_val_map(a);

	tally_val_set(root, "site", s->sitev);
	tally_val_set(root, "t", s->t);
	if (nav != NULL)
		tally_val_set(nv, nav, tally_val_bool(a, 1));
	tally_val_set(root, "nav", nv);
	return root;
}

struct tally_val *
site_report_val(const struct site *s, struct tally_arena *a,
    const struct site_report *rep)
{
	struct tally_val *m = tally_val_map(a);
	struct tally_buf b = TALLY_BUF_INIT;
	const struct site_unit *u = &s->units[rep->unit];

	set_s(a, m, "title", rep->title);
	site_report_url(s, rep, ".html", 1, &b);
	tally_val_set(m, "url", tally_val_strn(a, b.data, b.len));
	tally_buf_free(&b);
	set_s(a, m, "unit_name", u->name);
	set_s(a, m, "unit_short", u->short_name ? u->short_name : u->name);
	set_s(a, m, "unit_url", site_unit_url(s, a, u));
	tally_val_set(m, "year", tally_val_int(a, (int)rep->year));
	set_s(a, m, "year_url", site_year_url(s, a, rep->year));
	set_s(a, m, "type_name", site_type_name(s, rep));
	if (rep->type >= 0)
		set_s(a, m, "type_url", site_type_url(s, a, &s->types[rep->type]));
	if (rep->published[0])
		set_s(a, m, "published", rep->published);
	if (rep->first[0])
		set_s(a, m, "first", rep->first);
	if (rep->revised[0])
		set_s(a, m, "revised", rep->revised);
	set_s(a, m, "score", rep->score);
	set_s(a, m, "grade", rep->grade);
	set_n(a, m, "errors", rep->count[TALLY_SEV_ERROR]);
	set_n(a, m, "warnings", rep->count[TALLY_SEV_WARNING]);
	set_n(a, m, "notes", rep->count[TALLY_SEV_NOTE]);
	tally_val_set(m, "has_errors",
	    tally_val_bool(a, rep->count[TALLY_SEV_ERROR] > 0));
	tally_val_set(m, "has_warnings",
	    tally_val_bool(a, rep->count[TALLY_SEV_WARNING] > 0));
	tally_val_set(m, "has_findings", tally_val_bool(a,
	    rep->count[TALLY_SEV_ERROR] + rep->count[TALLY_SEV_WARNING] +
	    rep->count[TALLY_SEV_NOTE] > 0));
	return m;
}

/* --- front matter -------------------------------------------------------------- */

static const char *
front(const struct tally_report *r, const char *key)
{
	const struct tally_fact *f = r->front ? tally_fact_get(r->front, key) : NULL;

	return tally_fact_is_scalar(f) ? f->text : NULL;
}

static const char *
front_path(const struct tally_report *r, const char *path)
{
	const struct tally_fact *f = r->front ? tally_fact_path(r->front, path)
	    : NULL;

	return tally_fact_is_scalar(f) ? f->text : NULL;
}

/* A figure's text for the card: a bare money amount gets the report's
 * money unit. */
static const char *
figure_text(struct rctx *c, const struct tally_fact *f,
    const struct tally_schema_field *fd)
{
	struct tally_quantity q;

	if (fd != NULL && fd->kind == TALLY_FIELD_MONEY &&
	    tally_quantity_parse(c->a, f->text, &q) == 0 &&
	    q.unit == TALLY_Q_PLAIN && q.op == NULL)
		return tally_arena_printf(c->a, "%s %s", f->text,
		    c->r->money_unit ? c->r->money_unit : "万元");
	return f->text;
}

static void
figures_walk(struct rctx *c, const struct tally_fact *map, struct tally_buf *path,
    int total_used, struct tally_val *card, struct tally_val *other)
{
	const struct tally_fact *f;
	size_t at = path->len;
	const struct tally_schema *sc = c->r->schema;

	for (f = map->child; f; f = f->next) {
		const struct tally_schema_field *fd;
		struct tally_val *e;

		path->len = at;
		if (f->key != NULL) {
			if (strcmp(f->key, "parts") == 0)
				continue;
			if (total_used && strcmp(f->key, "total") == 0)
				continue;
			tally_buf_printf(path, ".%s", f->key);
		} else {
			tally_buf_printf(path, ".%zu", f->index);
		}
		tally_buf_cstr(path);
		fd = sc ? tally_schema_field(sc, path->data) : NULL;
		if (f->kind == TALLY_FACT_SCALAR) {
			if (f->is_null)
				continue;
			e = tally_val_map(c->a);
			if (fd != NULL) {
				set_s(c->a, e, "label", fd->label);
				set_s(c->a, e, "value", figure_text(c, f, fd));
				tally_val_push(card, e);
			} else {
				/* the path without "figures." */
				tally_val_set(e, "path", tally_val_strn(c->a,
				    path->data + 8, path->len - 8));
				set_s(c->a, e, "value", f->text);
				tally_val_push(other, e);
			}
			continue;
		}
		if (f->kind == TALLY_FACT_MAP && fd != NULL) {
			const struct tally_fact *t = tally_fact_get(f, "total");
			if (tally_fact_is_scalar(t)) {
				e = tally_val_map(c->a);
				set_s(c->a, e, "label", fd->label);
				set_s(c->a, e, "value", figure_text(c, t, fd));
				tally_val_push(card, e);
				figures_walk(c, f, path, 1, card, other);
				continue;
			}
		}
		figures_walk(c, f, path, 0, card, other);
	}
	path->len = at;
}

/* Rows of a list of maps (funds, indicators) with the given columns. */
static struct tally_val *
rows_of(struct rctx *c, const char *key, const char *const *cols)
{
	const struct tally_fact *list = c->r->front ?
	    tally_fact_get(c->r->front, key) : NULL, *it;
	struct tally_val *rows = tally_val_list(c->a);
	size_t i;

	if (list == NULL || list->kind != TALLY_FACT_SEQ)
		return rows;
	for (it = list->child; it; it = it->next) {
		struct tally_val *row = tally_val_map(c->a);
		if (it->kind != TALLY_FACT_MAP)
			continue;
		for (i = 0; cols[i]; i++) {
			const struct tally_fact *v = tally_fact_get(it, cols[i]);
			set_s(c->a, row, cols[i], tally_fact_is_scalar(v) ? v->text
			    : "");
		}
		tally_val_push(rows, row);
	}
	return rows;
}

/* --- sections and anchors -------------------------------------------------------- */

static void
collect_secs(struct rctx *c)
{
	const struct tally_section *stack[64];
	const char *ids[64];
	int idx[64];
	size_t n = 0, cap = 16;
	int depth = 0;
	const struct tally_section *s;

	c->secs = tally_arena_alloc(c->a, cap * sizeof(*c->secs));
	if (!c->r->parsed)
		return;
	/* Pre-order: the document order of the headings. */
	s = c->r->outline.root.child;
	idx[0] = 1;
	ids[0] = "s";
	while (s != NULL) {
		struct sec *e;
		if (n == cap) {
			struct sec *g = tally_arena_alloc(c->a, 2 * cap * sizeof(*g));
			memcpy(g, c->secs, n * sizeof(*g));
			c->secs = g;
			cap *= 2;
		}
		e = &c->secs[n++];
		e->sec = s;
		e->depth = depth + 1;
		e->id = tally_arena_printf(c->a, "%s-%d", ids[depth], idx[depth]);
		if (s->child != NULL && depth + 1 < 64) {
			stack[depth] = s;
			ids[depth + 1] = e->id;
			idx[depth + 1] = 1;
			depth++;
			s = s->child;
			continue;
		}
		/* next sibling, else climb */
		while (s != NULL && s->next == NULL && depth > 0) {
			depth--;
			s = stack[depth];
		}
		if (s == NULL || s->next == NULL)
			break;
		idx[depth]++;
		s = s->next;
	}
	c->nsec = n;
}

/* The anchor a finding at `line` links to, and the heading it names. */
static const char *
anchor_of(struct rctx *c, uint32_t line, size_t *sec_out,
    const char **where)
{
	const struct tally_report *r = c->r;
	size_t lo = 0, hi = c->nsec;

	*sec_out = SIZE_MAX;
	*where = NULL;
	if (line == 0 || r == NULL || !c->rep->page)
		return NULL;
	if (r->front != NULL && line < r->split.body_line) {
		const struct tally_fact *f, *top = NULL;
		*where = site_t(c->s, "report.front_matter");
		for (f = r->front->child; f; f = f->next)
			if (f->key_pos.line <= line)
				top = f;
		if (top != NULL && strcmp(top->key, "figures") == 0 &&
		    c->has_figures)
			return "figures";
		if (top != NULL && strcmp(top->key, "funds") == 0 && c->has_funds)
			return "funds";
		if (top != NULL && strcmp(top->key, "indicators") == 0 &&
		    c->has_indicators)
			return "indicators";
		return "meta";
	}
	/* the last heading at or before the line */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->secs[mid].sec->pos.line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return "content";
	*sec_out = lo - 1;
	*where = c->secs[lo - 1].sec->heading;
	return c->secs[lo - 1].id;
}

static void
add_mark(struct rctx *c, size_t sec, size_t finding)
{
	struct sec *e = &c->secs[sec];

	if (e->nmarks == e->capmarks) {
		size_t nc = e->capmarks ? e->capmarks * 2 : 4;
		size_t *g = tally_arena_alloc(c->a, nc * sizeof(*g));
		if (e->nmarks)
			memcpy(g, e->marks, e->nmarks * sizeof(*g));
		e->marks = g;
		e->capmarks = nc;
	}
	e->marks[e->nmarks++] = finding;
}

/* --- the body -------------------------------------------------------------------- */

static void
put_marks(struct rctx *c, const struct sec *e, struct tally_buf *out)
{
	size_t i;

	if (e->nmarks == 0)
		return;
	tally_buf_puts(out, "<p class=\"finding-marks\">");
	for (i = 0; i < e->nmarks; i++) {
		const struct tally_diag *g = &c->rd->items[e->marks[i]];
		const char *sev = site_sev_key(g->severity);
		char key[32];
		snprintf(key, sizeof(key), "severity.%s", sev);
		tally_buf_printf(out, "<a class=\"mark sev-%s\" href=\"#f-%zu\">", sev,
		    e->marks[i] + 1);
		site_put_xml(out, site_t(c->s, key));
		if (g->rule != NULL) {
			tally_buf_putc(out, ' ');
			site_put_xml(out, g->rule);
		}
		tally_buf_puts(out, "</a>");
	}
	tally_buf_puts(out, "</p>\n");
}

#define OMITTED "<!-- raw HTML omitted -->"
#define OMITTED_LEN (sizeof(OMITTED) - 1)

/* Copies cmark's HTML to out with heading ids and levels, finding
 * markers, scrolling tables and scoped header cells (see the top). */
static void
body_html(struct rctx *c, const char *h, size_t n, struct tally_buf *out)
{
	const char *p = h, *end = h + n, *run = h;
	size_t k = 0;
	int open_level = 0, ntables = 0;
	const struct sec *cur = NULL;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		size_t left = (size_t)(end - p);
		if (left >= 4 && p[1] == 'h' && p[2] >= '1' && p[2] <= '6' &&
		    p[3] == '>') {
			int level = p[2] - '0';
			tally_buf_put(out, run, (size_t)(p - run));
			cur = k < c->nsec ? &c->secs[k] : NULL;
			k++;
			if (cur != NULL) {
				level = cur->depth + 1;
				if (level > 6)
					level = 6;
				tally_buf_printf(out, "<h%d id=\"%s\">", level, cur->id);
			} else {
				tally_buf_printf(out, "<h%d>", level);
			}
			open_level = level;
			p += 4;
			run = p;
		} else if (left >= 5 && p[1] == '/' && p[2] == 'h' && p[3] >= '1' &&
		    p[3] <= '6' && p[4] == '>' && open_level) {
			tally_buf_put(out, run, (size_t)(p - run));
			tally_buf_printf(out, "</h%d>\n", open_level);
			p += 5;
			if (p < end && *p == '\n')
				p++;
			if (cur != NULL)
				put_marks(c, cur, out);
			open_level = 0;
			cur = NULL;
			run = p;
		} else if (left >= 7 && memcmp(p, "<table>", 7) == 0) {
			tally_buf_put(out, run, (size_t)(p - run));
			char num[16];
			const char *names[] = {"n"}, *vals[] = {num};
			struct tally_buf lab = TALLY_BUF_INIT;
			/* numbered: regions on one page need distinct names */
			snprintf(num, sizeof(num), "%d", ++ntables);
			site_tf(c->s, &lab, "report.table_label", names, vals, 1);
			tally_buf_puts(out, "<div class=\"table-wrap\" role=\"region\" "
			    "tabindex=\"0\" aria-label=\"");
			site_put_xml(out, tally_buf_cstr(&lab));
			tally_buf_puts(out, "\"><table>");
			tally_buf_free(&lab);
			p += 7;
			run = p;
		} else if (left >= 8 && memcmp(p, "</table>", 8) == 0) {
			tally_buf_put(out, run, (size_t)(p - run));
			tally_buf_puts(out, "</table></div>");
			p += 8;
			run = p;
		} else if (left >= OMITTED_LEN && memcmp(p, OMITTED, OMITTED_LEN) == 0) {
			/* what cmark leaves where raw HTML was: nothing to show */
			tally_buf_put(out, run, (size_t)(p - run));
			p += OMITTED_LEN;
			run = p;
		} else if (left >= 4 && memcmp(p, "<th", 3) == 0 &&
		    (p[3] == '>' || p[3] == ' ')) {
			tally_buf_put(out, run, (size_t)(p - run));
			tally_buf_puts(out, "<th scope=\"col\"");
			p += 3;
			run = p;
		} else {
			p++;
		}
	}
	tally_buf_put(out, run, (size_t)(end - run));
}

/* --- the per-report JSON --------------------------------------------------------- */

static void
json_fact(struct tally_buf *b, const struct tally_fact *f)
{
	const struct tally_fact *c;

	switch (f->kind) {
	case TALLY_FACT_MAP:
		tally_buf_putc(b, '{');
		for (c = f->child; c; c = c->next) {
			site_put_json(b, c->key);
			tally_buf_putc(b, ':');
			json_fact(b, c);
			if (c->next)
				tally_buf_putc(b, ',');
		}
		tally_buf_putc(b, '}');
		return;
	case TALLY_FACT_SEQ:
		tally_buf_putc(b, '[');
		for (c = f->child; c; c = c->next) {
			json_fact(b, c);
			if (c->next)
				tally_buf_putc(b, ',');
		}
		tally_buf_putc(b, ']');
		return;
	case TALLY_FACT_SCALAR:
		site_put_json(b, f->is_null ? NULL : f->text);
		return;
	}
}

static void
json_findings(const struct tally_diags *rd, struct tally_buf *b)
{
	size_t i;

	tally_buf_putc(b, '[');
	for (i = 0; i < rd->n; i++) {
		const struct tally_diag *g = &rd->items[i];
		if (i)
			tally_buf_putc(b, ',');
		tally_buf_puts(b, "\n{\"rule\":");
		site_put_json(b, g->rule);
		tally_buf_puts(b, ",\"severity\":");
		site_put_json(b, site_sev_key(g->severity));
		tally_buf_printf(b, ",\"line\":%u,\"column\":%u,\"message\":",
		    (unsigned)g->line, (unsigned)g->col);
		site_put_json(b, g->msg_zh);
		tally_buf_puts(b, ",\"message_en\":");
		site_put_json(b, g->msg_en);
		tally_buf_putc(b, '}');
	}
	tally_buf_puts(b, "]");
}

static void
report_json(struct rctx *c, struct tally_buf *b)
{
	const struct site_report *rep = c->rep;
	const struct tally_diags *rd = c->rd;

	tally_buf_reset(b);
	tally_buf_puts(b, "{\"path\":");
	site_put_json(b, SITE_REP_PATH(c->s, rep));
	tally_buf_puts(b, ",\"unit\":");
	site_put_json(b, c->s->units[rep->unit].id);
	tally_buf_printf(b, ",\"year\":%d,\"slug\":", (int)rep->year);
	{
		size_t n;
		const char *sl = site_slug(c->s, rep, &n);
		site_put_json(b, tally_arena_strndup(c->a, sl, n));
	}
	tally_buf_puts(b, ",\n\"front_matter\":");
	if (c->r->front != NULL)
		json_fact(b, c->r->front);
	else
		tally_buf_puts(b, "null");
	tally_buf_printf(b, ",\n\"counts\":{\"error\":%zu,\"warning\":%zu,"
	    "\"note\":%zu},\n\"findings\":", rd->count[TALLY_SEV_ERROR],
	    rd->count[TALLY_SEV_WARNING], rd->count[TALLY_SEV_NOTE]);
	json_findings(rd, b);
	tally_buf_puts(b, "}\n");
}

/* --- the page -------------------------------------------------------------------- */

static struct tally_val *
findings_val(struct rctx *c, int link_marks)
{
	struct tally_val *list = tally_val_list(c->a);
	size_t i;
	char key[32];

	for (i = 0; i < c->rd->n; i++) {
		const struct tally_diag *g = &c->rd->items[i];
		const struct tally_rule_info *ri = g->rule ? tally_rule_find(g->rule)
		    : NULL;
		struct tally_val *m = tally_val_map(c->a);
		const char *where, *anchor, *sev = site_sev_key(g->severity);
		size_t sec;

		anchor = anchor_of(c, g->line, &sec, &where);
		if (link_marks && sec != SIZE_MAX)
			add_mark(c, sec, i);
		tally_val_set(m, "id", tally_val_printf(c->a, "f-%zu", i + 1));
		set_s(c->a, m, "severity", sev);
		snprintf(key, sizeof(key), "severity.%s", sev);
		set_s(c->a, m, "sev_label", site_t(c->s, key));
		set_s(c->a, m, "rule", g->rule);
		if (ri != NULL) {
			set_s(c->a, m, "rule_title", c->s->en ? ri->title_en
			    : ri->title_zh);
			tally_val_set(m, "rule_url", tally_val_printf(c->a,
			    "%srules/#%s", c->s->base, ri->id));
		}
		set_s(c->a, m, "message", c->s->en ? g->msg_en : g->msg_zh);
		if (g->line > 0)
			tally_val_set(m, "line", tally_val_printf(c->a, "%u",
			    (unsigned)g->line));
		set_s(c->a, m, "anchor", anchor);
		set_s(c->a, m, "where", where);
		tally_val_push(list, m);
	}
	return list;
}

static struct tally_val *
toc_val(struct rctx *c)
{
	struct tally_val *list = tally_val_list(c->a);
	size_t i;

	for (i = 0; i < c->nsec; i++) {
		struct tally_val *m;
		if (c->secs[i].depth > 2)
			continue;
		m = tally_val_map(c->a);
		set_s(c->a, m, "id", c->secs[i].id);
		set_s(c->a, m, "title", c->secs[i].sec->heading);
		tally_val_set(m, "sub", tally_val_bool(c->a, c->secs[i].depth > 1));
		tally_val_push(list, m);
	}
	return list;
}

static const char *const fund_cols[] = {"source", "initial", "adjusted",
	"executed", "weight", "rate", "score", NULL};
static const char *const ind_cols[] = {"level1", "level2", "name", "target",
	"actual", "weight", "score", "note", NULL};

/* The report's value map: the summary's and what only its page shows. */
static struct tally_val *
report_map(struct rctx *c)
{
	struct tally_val *m = site_report_val(c->s, c->a, c->rep);
	struct tally_buf b = TALLY_BUF_INIT;

	set_s(c->a, m, "project", front(c->r, "project"));
	set_s(c->a, m, "evaluator", front(c->r, "evaluator"));
	set_s(c->a, m, "money_unit", c->r->money_unit);
	tally_val_set(m, "draft", tally_val_bool(c->a, c->r->draft));
	site_report_url(c->s, c->rep, ".md", 1, &b);
	tally_val_set(m, "source_url", tally_val_strn(c->a, b.data, b.len));
	tally_buf_reset(&b);
	site_report_url(c->s, c->rep, ".json", 1, &b);
	tally_val_set(m, "json_url", tally_val_strn(c->a, b.data, b.len));
	tally_buf_free(&b);
	set_s(c->a, m, "source_path", SITE_REP_PATH(c->s, c->rep));
	return m;
}

static int
render_page(struct rctx *c, struct tally_val *report, struct tally_val *findings)
{
	struct site *s = c->s;
	struct site_worker *w = c->w;
	struct tally_val *root = site_page_root(s, c->a, NULL);
	struct tally_val *card = tally_val_list(c->a);
	struct tally_val *other = tally_val_list(c->a);
	struct tally_val *crumbs = tally_val_list(c->a), *cr, *rows;
	const struct tally_fact *fig;
	const struct site_unit *u = &s->units[c->rep->unit];

	tally_val_set(root, "report", report);
	tally_val_set(root, "findings", findings);
	if (c->r->front != NULL &&
	    (fig = tally_fact_get(c->r->front, "figures")) != NULL &&
	    fig->kind == TALLY_FACT_MAP) {
		tally_buf_reset(&w->path);
		tally_buf_puts(&w->path, "figures");
		figures_walk(c, fig, &w->path, 0, card, other);
	}
	tally_val_set(root, "figures", card);
	tally_val_set(root, "figures_other", other);
	tally_val_set(root, "has_figures", tally_val_bool(c->a,
	    tally_val_len(card) + tally_val_len(other) > 0));
	tally_val_set(root, "has_card", tally_val_bool(c->a,
	    tally_val_len(card) > 0));
	tally_val_set(root, "has_other", tally_val_bool(c->a,
	    tally_val_len(other) > 0));
	rows = rows_of(c, "funds", fund_cols);
	tally_val_set(root, "funds", rows);
	tally_val_set(root, "has_funds", tally_val_bool(c->a,
	    tally_val_len(rows) > 0));
	rows = rows_of(c, "indicators", ind_cols);
	tally_val_set(root, "indicators", rows);
	tally_val_set(root, "has_indicators", tally_val_bool(c->a,
	    tally_val_len(rows) > 0));
	rows = toc_val(c);
	tally_val_set(root, "toc", rows);
	/* a table of contents for one or two headings is noise */
	tally_val_set(root, "has_toc", tally_val_bool(c->a,
	    tally_val_len(rows) > 2));
	tally_val_set(root, "has_findings", tally_val_bool(c->a,
	    tally_val_len(findings) > 0));
	/* The commits that changed the file, newest first, from one walk
	 * over history for the whole site (site.c). */
	{
		const struct tally_file_history *fh = s->hist
		    ? tally_history_find(s->hist, c->r->path) : NULL;
		struct tally_val *hl = tally_val_list(c->a);
		size_t k;
		for (k = 0; fh && k < fh->n; k++) {
			struct tally_val *e = tally_val_map(c->a);
			set_s(c->a, e, "date", fh->commits[k]->date);
			set_s(c->a, e, "id", fh->commits[k]->short_id);
			set_s(c->a, e, "subject", fh->commits[k]->subject);
			tally_val_push(hl, e);
		}
		tally_val_set(root, "history", hl);
		tally_val_set(root, "has_history", tally_val_bool(c->a,
		    fh && fh->n > 0));
		tally_val_set(root, "history_truncated", tally_val_bool(c->a,
		    fh && fh->truncated));
		if (fh && fh->n > 0) {
			set_s(c->a, root, "revised", fh->commits[0]->date);
			set_s(c->a, root, "first", fh->commits[fh->n - 1]->date);
		}
	}

	cr = tally_val_map(c->a);
	set_s(c->a, cr, "name", u->name);
	set_s(c->a, cr, "url", site_unit_url(s, c->a, u));
	tally_val_push(crumbs, cr);
	cr = tally_val_map(c->a);
	tally_val_set(cr, "name", tally_val_int(c->a, (int)c->rep->year));
	set_s(c->a, cr, "url", site_year_url(s, c->a, c->rep->year));
	tally_val_push(crumbs, cr);
	tally_val_set(root, "crumbs", crumbs);

	tally_buf_reset(&w->body);
	tally_buf_reset(&w->aux);
	if (c->r->parsed)
		tally_outline_render(&c->r->outline, &w->aux);
	body_html(c, w->aux.data ? w->aux.data : "", w->aux.len, &w->body);
	tally_val_set(root, "body", tally_val_strref(c->a,
	    tally_buf_cstr(&w->body), w->body.len));
	return site_render(s, "report", root, &w->page);
}

/* --- streams ----------------------------------------------------------------------- */

static void
csv_dec(struct tally_buf *b, int has, struct tally_dec d)
{
	char num[TALLY_DEC_BUFSZ];

	if (has)
		tally_buf_puts(b, tally_dec_format(d, num, sizeof(num)));
	tally_buf_putc(b, ',');
}

static void
json_dec(struct tally_buf *b, const char *key, int has, struct tally_dec d)
{
	char num[TALLY_DEC_BUFSZ];

	tally_buf_printf(b, ",\"%s\":", key);
	if (has)
		site_put_json(b, tally_dec_format(d, num, sizeof(num)));
	else
		tally_buf_puts(b, "null");
}

static void
data_rows(struct rctx *c, struct site_block *blk)
{
	const struct site_report *rep = c->rep;
	const struct site *s = c->s;
	const struct site_unit *u = &s->units[rep->unit];
	const struct tally_report *r = c->r;
	struct tally_dec rate = {0, 0}, spend = {0, 0};
	int has_rate, has_spend;
	const char *t;
	struct tally_buf *b;

	t = front_path(r, "figures.budget.execution_rate");
	if (t == NULL)
		t = front_path(r, "funds.0.rate");
	has_rate = site_percent(c->a, t, &rate) == 0;
	has_spend = site_money(c->a, front_path(r, "figures.expenditure.total"),
	    r->money_unit, &spend) == 0;

	b = &blk->csv;
	site_put_csv(b, u->id);
	tally_buf_putc(b, ',');
	site_put_csv_text(b, u->name);
	tally_buf_printf(b, ",%d,", (int)rep->year);
	site_put_csv_text(b, rep->type >= 0 ? s->types[rep->type].id
	    : rep->type_text);
	tally_buf_putc(b, ',');
	site_put_csv_text(b, site_type_name(s, rep));
	tally_buf_putc(b, ',');
	site_put_csv_text(b, rep->title);
	tally_buf_putc(b, ',');
	site_put_csv_text(b, front(r, "project"));
	tally_buf_putc(b, ',');
	site_put_csv(b, rep->published);
	tally_buf_putc(b, ',');
	csv_dec(b, rep->has_budget, rep->budget);
	csv_dec(b, rep->has_executed, rep->executed);
	csv_dec(b, has_rate, rate);
	csv_dec(b, has_spend, spend);
	if (rep->has_score) /* a number: as written, even when negative */
		site_put_csv(b, rep->score);
	else
		site_put_csv_text(b, rep->score);
	tally_buf_putc(b, ',');
	site_put_csv_text(b, rep->grade);
	tally_buf_printf(b, ",%u,%u,%u,", (unsigned)rep->count[TALLY_SEV_ERROR],
	    (unsigned)rep->count[TALLY_SEV_WARNING],
	    (unsigned)rep->count[TALLY_SEV_NOTE]);
	{
		struct tally_buf url = TALLY_BUF_INIT;
		site_report_url(s, rep, ".html", 1, &url);
		site_put_csv(b, tally_buf_cstr(&url));
		tally_buf_free(&url);
	}
	tally_buf_puts(b, "\r\n");

	b = &blk->json;
	tally_buf_puts(b, ",\n{\"unit\":");
	site_put_json(b, u->id);
	tally_buf_puts(b, ",\"unit_name\":");
	site_put_json(b, u->name);
	tally_buf_printf(b, ",\"year\":%d,\"type\":", (int)rep->year);
	site_put_json(b, rep->type >= 0 ? s->types[rep->type].id : rep->type_text);
	tally_buf_puts(b, ",\"type_name\":");
	site_put_json(b, site_type_name(s, rep));
	tally_buf_puts(b, ",\"title\":");
	site_put_json(b, rep->title);
	tally_buf_puts(b, ",\"project\":");
	site_put_json(b, front(r, "project"));
	tally_buf_puts(b, ",\"published\":");
	site_put_json(b, rep->published[0] ? rep->published : NULL);
	json_dec(b, "budget", rep->has_budget, rep->budget);
	json_dec(b, "executed", rep->has_executed, rep->executed);
	json_dec(b, "execution_rate", has_rate, rate);
	json_dec(b, "expenditure", has_spend, spend);
	tally_buf_puts(b, ",\"score\":");
	site_put_json(b, rep->score);
	tally_buf_puts(b, ",\"grade\":");
	site_put_json(b, rep->grade);
	tally_buf_printf(b, ",\"findings\":{\"error\":%u,\"warning\":%u,"
	    "\"note\":%u},\"page\":\"", (unsigned)rep->count[TALLY_SEV_ERROR],
	    (unsigned)rep->count[TALLY_SEV_WARNING],
	    (unsigned)rep->count[TALLY_SEV_NOTE]);
	site_report_url(s, rep, ".html", 0, b);
	tally_buf_puts(b, "\",\"data\":\"");
	site_report_url(s, rep, ".json", 0, b);
	tally_buf_puts(b, "\",\"source\":\"");
	site_report_url(s, rep, ".md", 0, b);
	tally_buf_puts(b, "\"}");
}

/* The search entry: [title, unit, type, year, file, headings].  unit and
 * type index the tables written at the end of the index; the page is
 * <unit's URL><year>/<file>.html.  The headings (top two levels, numbering
 * stripped) are written raw between \x1d and \x1e, each ended by \x1f:
 * the writer replaces them by numbers into the index's table of distinct
 * headings (reports of one type share most of theirs), in stream order so
 * that the numbers do not depend on the threads. */
void
site_search_head(const struct site *s, const struct site_report *rep,
    struct tally_buf *b)
{
	size_t n;
	const char *sl = site_slug(s, rep, &n);

	tally_buf_puts(b, ",\n[");
	site_put_json(b, rep->title);
	tally_buf_putc(b, ',');
	tally_buf_put_int(b, (unsigned)rep->unit);
	tally_buf_putc(b, ',');
	if (rep->type >= 0)
		tally_buf_put_int(b, (int)rep->type);
	else
		tally_buf_puts(b, "null");
	tally_buf_putc(b, ',');
	tally_buf_put_int(b, (int)rep->year);
	tally_buf_puts(b, ",\"");
	site_put_segn(b, sl, n);
	tally_buf_puts(b, "\",\x1d");
}

static void
search_row(struct rctx *c, struct site_block *blk)
{
	struct tally_buf *b = &blk->search;
	size_t i;

	site_search_head(c->s, c->rep, b);
	for (i = 0; i < c->nsec; i++) {
		const char *t = c->secs[i].sec->title;
		if (c->secs[i].depth > 2 || t[0] == '\0')
			continue;
		for (; *t; t++)
			tally_buf_putc(b, *t >= 0x1d && *t <= 0x1f ? ' ' : *t);
		tally_buf_putc(b, '\x1f');
	}
	tally_buf_puts(b, "\x1e]");
}

/* --- one report -------------------------------------------------------------------- */

/* The unit and year of a path content/<unit>/<year>/<slug>.md; 0 when
 * the path has another shape. */
static int
place(const struct site *s, const char *path, uint32_t *unit, int *year)
{
	const char *cd = s->p->config.content_dir;
	size_t n = strlen(cd), lo = 0, hi = s->nunits, ul;
	const char *u, *y, *f;
	int i, v = 0;

	if (strncmp(path, cd, n) != 0 || path[n] != '/')
		return 0;
	u = path + n + 1;
	if ((y = strchr(u, '/')) == NULL)
		return 0;
	ul = (size_t)(y - u);
	y++;
	if ((f = strchr(y, '/')) == NULL || f - y != 4 || strchr(f + 1, '/'))
		return 0;
	for (i = 0; i < 4; i++) {
		if (y[i] < '0' || y[i] > '9')
			return 0;
		v = v * 10 + (y[i] - '0');
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strncmp(s->units[mid].id, u, ul);
		if (cmp == 0 && s->units[mid].id[ul] != '\0')
			cmp = 1;
		if (cmp == 0) {
			*unit = (uint32_t)mid;
			*year = v;
			return 1;
		}
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static void
summarize(struct rctx *c)
{
	struct site_report *rep = c->rep;
	const struct tally_report *r = c->r;
	struct site_worker *w = c->w;
	const char *t;
	size_t i;

	if (r->title != NULL)
		rep->title = site_keep(w, r->title, strlen(r->title));
	if (r->type != NULL) {
		for (i = 0; i < c->s->ntypes; i++)
			if (strcmp(c->s->types[i].id, r->type) == 0)
				rep->type = (int32_t)i;
		if (rep->type < 0)
			rep->type_text = site_keep(w, r->type, strlen(r->type));
	}
	if ((t = front(r, "score")) != NULL) {
		rep->score = site_keep(w, t, strlen(t));
		rep->has_score = site_number(t, &rep->score_dec) == 0;
	}
	if ((t = front(r, "grade")) != NULL)
		rep->grade = site_keep(w, t, strlen(t));
	if (site_date_ok(r->published))
		memcpy(rep->published, r->published, 11);
	if (c->s->hist != NULL) {
		const struct tally_file_history *fh =
		    tally_history_find(c->s->hist, r->path);
		if (fh != NULL && fh->n > 0) {
			memcpy(rep->revised, fh->commits[0]->date, 11);
			memcpy(rep->first, fh->commits[fh->n - 1]->date, 11);
		}
	}
	t = front_path(r, "figures.budget.adjusted");
	if (t == NULL)
		t = front_path(r, "funds.0.adjusted");
	rep->has_budget = site_money(c->a, t, r->money_unit, &rep->budget) == 0;
	t = front_path(r, "figures.budget.executed");
	if (t == NULL)
		t = front_path(r, "funds.0.executed");
	rep->has_executed = site_money(c->a, t, r->money_unit,
	    &rep->executed) == 0;
}

static void
count_findings(const struct tally_diags *rd, struct site_block *blk)
{
	size_t i;

	if (blk->rule_count == NULL)
		blk->rule_count = xcalloc(tally_nrules, sizeof(*blk->rule_count));
	for (i = 0; i < rd->n; i++) {
		const struct tally_diag *g = &rd->items[i];
		const struct tally_rule_info *ri = g->rule ? tally_rule_find(g->rule)
		    : NULL;
		if (ri != NULL)
			blk->rule_count[ri - tally_rules]++;
		else
			blk->other_count++;
	}
}

static int
is_error(const struct tally_diag *g, void *ctx)
{
	(void)ctx;
	return g->severity == TALLY_SEV_ERROR;
}

/* The group of a report that has no page (its path is not
 * content/<unit>/<year>/<file>.md, or it could not be read): its findings
 * without links. */
static int
orphan_group(struct rctx *c, size_t ix, struct site_block *blk)
{
	struct tally_val *root = site_page_root(c->s, c->a, NULL);
	struct tally_val *report = tally_val_map(c->a);

	set_s(c->a, report, "title", c->rep->title);
	set_s(c->a, report, "source_path", SITE_REP_PATH(c->s, c->rep));
	tally_val_set(root, "report", report);
	tally_val_set(root, "findings", findings_val(c, 0));
	tally_val_set(root, "group_id", tally_val_printf(c->a, "r-%zu", ix + 1));
	tally_val_set(root, "id_prefix", tally_val_printf(c->a, "r-%zu-", ix + 1));
	if (site_render(c->s, "consistency-group", root, &c->w->aux) < 0)
		return -1;
	c->rep->cons_len = (uint32_t)c->w->aux.len;
	tally_buf_put(&blk->cons, c->w->aux.data, c->w->aux.len);
	return 0;
}

/* Reads, models and lints report ix into st (no summary, no cache: see
 * site_report_group).  A draft left out of the site is linted all the
 * same, for the cross-report rules, as tally lint has it; its own
 * findings stay those of its loading. */
static void
model_load(struct site_worker *w, size_t ix, struct site_rstate *st)
{
	struct site *s = w->s;
	const struct tally_project *p = s->p;
	const char *path = s->files.paths[ix];

	memset(st, 0, sizeof(*st));
	st->live = 1;
	tally_diags_init_like(&st->rd, s->d);
	if (tally_project_read(p, path, &st->src, &st->len,
	    s->cache ? st->blob : NULL) < 0) {
		tally_diag_add(&st->rd, "F001", path, 0, 0, "无法读取：%s",
		    "cannot read: %s", strerror(errno));
		st->src = NULL;
		return;
	}
	tally_report_load(&st->r, path, st->src, st->len, &p->schemas, &st->rd);
	if (st->r->draft && !s->o->drafts) {
		struct tally_diags scratch;
		st->draft = 1;
		tally_diags_init_like(&scratch, s->d);
		tally_lint_report(p, st->r, &scratch);
		tally_diags_free(&scratch);
		return;
	}
	tally_lint_report(p, st->r, &st->rd);
}

static void
state_free(struct site_rstate *st)
{
	if (!st->live)
		return;
	tally_report_free(st->r);
	free(st->src);
	tally_diags_free(&st->rd);
	memset(st, 0, sizeof(*st));
}

/* The cross-report rules (X001, X002) over reports first .. first + n,
 * one unit's (or one report outside any unit), every one of them read
 * into st: run as tally lint runs them, their findings join each
 * report's own. */
static void
report_cross(struct site_worker *w, size_t first, size_t n,
    struct site_rstate *st)
{
	struct site *s = w->s;
	const struct tally_project *p = s->p;
	struct tally_lint_run *run = tally_lint_run_new();
	struct tally_diags xd;
	size_t i, j;

	for (i = 0; i < n; i++)
		if (st[i].r != NULL)
			tally_lint_run_add(run, p, st[i].r);
	tally_diags_init_like(&xd, s->d);
	tally_lint_run_finish(run, &xd);
	tally_lint_run_free(run);
	for (i = 0; i < xd.n; i++) {
		const struct tally_diag *g = &xd.items[i];
		for (j = 0; j < n; j++)
			if (st[j].r != NULL && !st[j].draft &&
			    strcmp(g->file, s->files.paths[first + j]) == 0) {
				/* the same arguments for both formats: each
				 * takes its own and skips the other */
				tally_diag_add(&st[j].rd, g->rule, g->file, g->line,
				    g->col, "%s%.0s", "%.0s%s", g->msg_zh, g->msg_en);
				break;
			}
	}
	tally_diags_free(&xd);
}

/* Publishes report ix that report_load read: its page, JSON, Markdown
 * copy and stream pieces.  Frees what st holds.  Returns 0, or -1 on a
 * system error (reported). */
static int
report_finish(struct site_worker *w, size_t ix, struct site_block *blk,
    struct site_rstate *st)
{
	struct site *s = w->s;
	const char *path = s->files.paths[ix];
	struct site_report *rep = &s->reps[ix];
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_report *r = st->r;
	struct tally_diags *rd = &st->rd;
	struct rctx c;
	char *src = st->src;
	const char *base;
	size_t len = st->len, n, k;
	int year = 0, rc = 0, placed;
	uint32_t unit = SITE_NOUNIT;

	if (!st->live)
		return 0;
	memset(&c, 0, sizeof(c));
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 3 && strcmp(base + n - 3, ".md") == 0)
		n -= 3;
	if (rep->draft)
		goto out;
	tally_diags_sort(rd);
	for (k = 0; k <= TALLY_SEV_ERROR; k++)
		rep->count[k] = (uint32_t)rd->count[k];
	count_findings(rd, blk);

	c.s = s;
	c.w = w;
	c.r = r;
	c.rep = rep;
	c.rd = rd;
	c.a = &a;
	placed = r != NULL && place(s, path, &unit, &year);
	if (r != NULL)
		summarize(&c);
	if (rep->title == NULL)
		rep->title = site_keep(w, base, n);
	if (placed) {
		struct tally_val *report, *findings;
		const struct tally_fact *fig = r->front ?
		    tally_fact_get(r->front, "figures") : NULL;
		rep->unit = unit;
		rep->year = year;
		rep->page = 1;
		collect_secs(&c);
		c.has_figures = fig != NULL && fig->kind == TALLY_FACT_MAP &&
		    fig->nchild > 0;
		c.has_funds = r->front && tally_fact_get(r->front, "funds");
		c.has_indicators = r->front && tally_fact_get(r->front, "indicators");
		report = report_map(&c);
		findings = findings_val(&c, 1);
		if (render_page(&c, report, findings) < 0) {
			rc = -1;
			goto out;
		}
		tally_buf_reset(&w->path);
		site_report_rel(s, rep, &w->path);
		tally_buf_puts(&w->path, ".html");
		if (site_write_rep(w, 0, tally_buf_cstr(&w->path), w->page.data,
		    w->page.len) < 0) {
			rc = -1;
			goto out;
		}
		report_json(&c, &w->aux);
		w->path.len -= 5;
		tally_buf_puts(&w->path, ".json");
		if (site_write_rep(w, 1, w->path.data, w->aux.data, w->aux.len) < 0) {
			rc = -1;
			goto out;
		}
		w->path.len -= 5;
		tally_buf_puts(&w->path, ".md");
		if (site_write_rep(w, 2, w->path.data, src, len) < 0) {
			rc = -1;
			goto out;
		}
		data_rows(&c, blk);
		search_row(&c, blk);
		if (rd->n > 0) {
			struct tally_val *root = site_page_root(s, &a, NULL);
			tally_val_set(root, "report", report);
			tally_val_set(root, "findings", findings);
			tally_val_set(root, "group_id", tally_val_printf(&a, "r-%zu",
			    ix + 1));
			tally_val_set(root, "id_prefix", tally_val_printf(&a, "r-%zu-",
			    ix + 1));
			tally_val_set(root, "link", tally_val_get(report, "url"));
			if (site_render(s, "consistency-group", root, &w->aux) < 0) {
				rc = -1;
				goto out;
			}
			rep->cons_len = (uint32_t)w->aux.len;
			tally_buf_put(&blk->cons, w->aux.data, w->aux.len);
		}
	} else if (rd->n > 0 && orphan_group(&c, ix, blk) < 0) {
		rc = -1;
	}
	if (rc == 0 && s->cache != NULL)
		rc = site_cache_store(w, ix, blk, r, rd, src ? st->blob : NULL);
	if (s->o->strict && rd->count[TALLY_SEV_ERROR] > 0) {
		/* kept for the command to print when --strict refuses */
		tally_diags_filter(rd, is_error, NULL);
		tally_diags_move(&blk->errs, rd);
	}
out:
	if (rc == 0 && rep->draft && s->cache != NULL)
		rc = site_cache_store(w, ix, blk, r, rd, st->blob);
	tally_report_free(r);
	free(src);
	tally_diags_free(rd);
	tally_arena_free(&a);
	memset(st, 0, sizeof(*st));
	return rc;
}

int
site_report_group(struct site_worker *w, size_t first, size_t n,
    struct site_block *blk)
{
	struct site *s = w->s;
	struct site_rstate one, *st = n > 1 ? xcalloc(n, sizeof(*st)) : &one;
	size_t i, j;
	int rc = 0, crossed = 0;

	memset(&one, 0, sizeof(one));
	/* Report by report, in path order (the cache's records and the
	 * streams follow it): a report the cache has is done; the first
	 * that must be built has the whole unit read, for the cross-report
	 * rules, and the models wait for their turn. */
	for (i = 0; i < n && rc == 0; i++) {
		size_t ix = first + i;
		struct site_report *rep = &s->reps[ix];
		rep->unit = SITE_NOUNIT;
		rep->type = -1;
		rep->done = 1;
		if (s->cache != NULL) {
			uint32_t unit = SITE_NOUNIT;
			int year = 0;
			if (!place(s, s->files.paths[ix], &unit, &year))
				unit = SITE_NOUNIT;
			rc = site_cache_lookup(w, ix, blk, unit, year);
			if (rc != 0) {
				state_free(&st[i]);
				rc = rc < 0 ? -1 : 0;
				continue;
			}
		}
		if (!crossed) {
			for (j = 0; j < n; j++)
				if (!st[j].live)
					model_load(w, first + j, &st[j]);
			report_cross(w, first, n, st);
			crossed = 1;
		}
		if (st[i].draft)
			rep->draft = 1;
		rc = report_finish(w, ix, blk, &st[i]);
	}
	for (i = 0; i < n; i++)
		state_free(&st[i]);
	if (st != &one)
		free(st);
	return rc;
}
