/*
 * site.c - `tally build`, the pipeline: check the options, load the theme,
 * list the reports and their units, open the output, run the reports
 * through worker threads, write the pages made from the summaries, and
 * swap the new site in.
 *
 * Reports are cut into blocks of consecutive paths.  Workers take blocks
 * in order; a finished block's pieces of the ordered streams (CSV and JSON
 * rows, search entries, consistency groups) are appended by whichever
 * worker finds it next in line, so the streams are in path order whatever
 * the number of threads and whichever thread finishes first: the output
 * is byte-identical with --jobs 1 and --jobs 8.  A worker waits rather
 * than run far ahead of the oldest unwritten block, which bounds the
 * pieces held in memory.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define MAX_JOBS 64

void
site_diag(struct site *s, const char *file, uint32_t line, uint32_t col,
    const char *fmt_zh, const char *fmt_en, const char *arg)
{
	pthread_mutex_lock(&s->errlock);
	tally_diag_config(s->d, file, line, col, fmt_zh, fmt_en, arg);
	pthread_mutex_unlock(&s->errlock);
}

/* --- options -------------------------------------------------------------- */

/* Checks and normalizes the base URL: "/" or "/path/" (root-relative
 * links) or http(s)://host/path/ (absolute links); a trailing '/' is
 * added.  Characters that would need escaping in a URL are refused, so
 * the base can be put in front of percent-encoded paths as it is. */
static int
set_base(struct site *s, const char *url)
{
	const unsigned char *p;
	size_t n;

	if (url == NULL || *url == '\0')
		url = "/";
	for (p = (const unsigned char *)url; *p; p++)
		if (*p <= 0x20 || *p >= 0x7f || strchr("\"'<>\\^`{|}", *p))
			goto bad;
	if (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0) {
		const char *host = strstr(url, "//") + 2;
		if (*host == '\0' || *host == '/')
			goto bad;
		s->base_abs = 1;
	} else if (url[0] != '/' || url[1] == '/') {
		goto bad;
	}
	if (strstr(url, "/../") || strstr(url, "/./"))
		goto bad;
	n = strlen(url);
	s->base = url[n - 1] == '/' ? xstrdup(url) : xasprintf("%s/", url);
	if (s->base_abs && strchr(strstr(s->base, "//") + 2, '/') == NULL) {
		free(s->base);
		s->base = xasprintf("%s/", url);
	}
	return 0;
bad:
	site_diag(s, "--base-url", 0, 0,
	    "无效的基础网址 %s：应为 “/”、“/路径/” 或 http(s)://主机/路径/",
	    "invalid base URL %s: use \"/\", \"/path/\" or http(s)://host/path/",
	    url);
	return -1;
}

/* --- units ----------------------------------------------------------------- */

static int
cmp_unit(const void *a, const void *b)
{
	return strcmp(((const struct site_unit *)a)->id,
	    ((const struct site_unit *)b)->id);
}

/* The unit directory name of a content path: where it starts in path and
 * its length; NULL when the path is not inside a unit directory. */
static const char *
unit_seg(const struct site *s, const char *path, size_t *len)
{
	const char *cd = s->p->config.content_dir, *u, *slash;
	size_t n = strlen(cd);

	if (strncmp(path, cd, n) != 0 || path[n] != '/')
		return NULL;
	u = path + n + 1;
	if ((slash = strchr(u, '/')) == NULL)
		return NULL;
	*len = (size_t)(slash - u);
	return u;
}

/* The same, in the site's arena (once a unit, not once a report). */
static const char *
unit_of(struct site *s, const char *path)
{
	size_t n;
	const char *u = unit_seg(s, path, &n);

	return u ? tally_arena_strndup(&s->arena, u, n) : NULL;
}

/* 1 when paths a and b are in the same unit directory (both inside one). */
static int
same_unit(const struct site *s, const char *a, const char *b)
{
	const char *cd = s->p->config.content_dir, *sa, *sb;
	size_t n = strlen(cd);

	if (strncmp(a, cd, n) != 0 || a[n] != '/' || strncmp(b, cd, n) != 0 ||
	    b[n] != '/')
		return 0;
	a += n + 1;
	b += n + 1;
	if ((sa = strchr(a, '/')) == NULL || (sb = strchr(b, '/')) == NULL)
		return 0;
	return sa - a == sb - b && memcmp(a, b, (size_t)(sa - a)) == 0;
}

static const char *
keep_str(struct site *s, const char *v)
{
	return v != NULL ? tally_arena_strdup(&s->arena, v) : NULL;
}

static void
load_units(struct site *s)
{
	size_t i, cap = 16, k;
	const char *last = NULL;

	s->units = xcalloc(cap, sizeof(*s->units));
	for (i = 0; i < s->files.n; i++) {
		size_t ul;
		const char *u = unit_seg(s, s->files.paths[i], &ul);
		if (u == NULL || (last && strlen(last) == ul &&
		    memcmp(last, u, ul) == 0))
			continue;
		u = unit_of(s, s->files.paths[i]);
		if (!site_seg_ok(u))
			continue;
		last = u;
		if (s->nunits == cap) {
			cap *= 2;
			s->units = xrealloc(s->units, cap * sizeof(*s->units));
		}
		memset(&s->units[s->nunits], 0, sizeof(*s->units));
		s->units[s->nunits++].id = u;
	}
	qsort(s->units, s->nunits, sizeof(*s->units), cmp_unit);
	/* paths of one unit are contiguous, but a unit may have been seen
	 * twice if another's paths came between (they cannot: a shared
	 * prefix "content/<id>/" keeps them together); drop duplicates
	 * anyway */
	for (i = k = 0; i < s->nunits; i++)
		if (k == 0 || strcmp(s->units[k - 1].id, s->units[i].id) != 0)
			s->units[k++] = s->units[i];
	s->nunits = k;
	for (i = 0; i < s->nunits; i++) {
		struct site_unit *su = &s->units[i];
		struct tally_arena tmp = TALLY_ARENA_INIT;
		struct tally_unit tu;
		char *rel = xasprintf("%s/%s/unit.yaml", s->p->config.content_dir,
		    su->id), *src;
		size_t len;

		su->name = su->id;
		/* The unit's fact tree lives in a scratch arena: only its
		 * strings are kept, a few dozen bytes a unit. */
		if (tally_project_read(s->p, rel, &src, &len, su->blob) == 0) {
			if (tally_unit_load(&tmp, su->id, rel, src, len, &tu,
			    &s->sited) == 0) {
				su->ok = 1;
				su->name = keep_str(s, tu.name);
				su->short_name = keep_str(s, tu.short_name);
				su->region = keep_str(s, tu.region);
				su->parent = keep_str(s, tu.parent);
				su->kind = keep_str(s, tu.kind);
			}
			free(src);
		}
		/* a missing unit.yaml was reported as M004 by the listing */
		tally_arena_free(&tmp);
		free(rel);
	}
	for (i = 0; i < s->files.n; i++) {
		size_t ul;
		const char *u = unit_seg(s, s->files.paths[i], &ul);
		struct site_unit key, *su;
		char id[256];
		if (u == NULL || ul >= sizeof(id))
			continue;
		memcpy(id, u, ul);
		id[ul] = '\0';
		key.id = id;
		su = bsearch(&key, s->units, s->nunits, sizeof(*s->units), cmp_unit);
		if (su == NULL)
			continue;
		if (su->n == 0)
			su->first = i;
		su->n = i + 1 - su->first;
	}
}

static void
load_types(struct site *s)
{
	const struct tally_schemaset *set = &s->p->schemas;
	size_t i;

	s->ntypes = set->n;
	s->types = xcalloc(set->n + 1, sizeof(*s->types));
	for (i = 0; i < set->n; i++) {
		const char *id = set->items[i]->id, *q;
		int ok = site_seg_ok(id) && id[0] != '.';
		for (q = id; ok && *q; q++)
			if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
			    (*q >= '0' && *q <= '9') || *q == '-' || *q == '_' ||
			    *q == '.'))
				ok = 0;
		s->types[i].id = id;
		s->types[i].name = set->items[i]->name ? set->items[i]->name : id;
		s->types[i].listed = ok;
	}
}

/* --- streams ---------------------------------------------------------------- */

static const char *const csv_cols[] = {
	"unit_id", "unit_name", "year", "type_id", "type_name", "title",
	"project", "published", "budget", "executed", "execution_rate",
	"expenditure", "score", "grade", "errors", "warnings", "notes", "url",
	NULL,
};

static int
open_streams(struct site *s)
{
	struct tally_buf b = TALLY_BUF_INIT;
	size_t i;
	int rc = 0;

	if (site_stream_open(s, &s->csv, "data/reports.csv") < 0 ||
	    site_stream_open(s, &s->json, "data/reports.json") < 0 ||
	    site_stream_open(s, &s->search, "search-index.json") < 0 ||
	    site_stream_open(s, &s->cons, ".consistency.spool") < 0)
		return -1;
	/* A BOM, so that spreadsheet programs read the file as UTF-8. */
	tally_buf_puts(&b, "\xEF\xBB\xBF");
	for (i = 0; csv_cols[i]; i++) {
		char key[64];
		snprintf(key, sizeof(key), "csv.%s", csv_cols[i]);
		if (i)
			tally_buf_putc(&b, ',');
		site_put_csv(&b, site_t(s, key));
	}
	tally_buf_puts(&b, "\r\n");
	rc |= site_stream_put(s, &s->csv, b.data, b.len);
	tally_buf_reset(&b);
	tally_buf_puts(&b, "{\"generator\":\"tally\",\"money_unit\":\"万元\",\"reports\":[");
	rc |= site_stream_put(s, &s->json, b.data, b.len);
	tally_buf_reset(&b);
	tally_buf_puts(&b, "{\"version\":2,\"docs\":[");
	rc |= site_stream_put(s, &s->search, b.data, b.len);
	tally_buf_free(&b);
	return rc ? -1 : 0;
}

static int
close_streams(struct site *s)
{
	struct tally_buf b = TALLY_BUF_INIT;
	size_t i;
	int rc = 0;

	rc |= site_stream_put(s, &s->json, "\n]}\n", 4);
	tally_buf_puts(&b, "\n],\n\"units\":[");
	for (i = 0; i < s->nunits; i++) {
		const struct site_unit *u = &s->units[i];
		tally_buf_puts(&b, i ? ",\n[" : "\n[");
		site_put_json(&b, u->name);
		tally_buf_putc(&b, ',');
		site_put_json(&b, u->short_name ? u->short_name : "");
		tally_buf_puts(&b, ",\"units/");
		site_put_seg(&b, u->id);
		tally_buf_puts(&b, "/\"]");
		if (b.len >= 65536) { /* a quarter of a million units */
			rc |= site_stream_put(s, &s->search, b.data, b.len);
			tally_buf_reset(&b);
		}
	}
	tally_buf_puts(&b, "],\n\"types\":[");
	for (i = 0; i < s->ntypes; i++) {
		tally_buf_puts(&b, i ? ",\n" : "\n");
		site_put_json(&b, s->types[i].name);
	}
	tally_buf_puts(&b, "],\n\"headings\":[");
	for (i = 0; i < s->nheads; i++) {
		tally_buf_puts(&b, i ? ",\n" : "\n");
		site_put_json(&b, s->heads[i]);
	}
	tally_buf_puts(&b, "]}\n");
	rc |= site_stream_put(s, &s->search, b.data, b.len);
	tally_buf_free(&b);
	rc |= site_stream_close(s, &s->csv);
	rc |= site_stream_close(s, &s->json);
	rc |= site_stream_close(s, &s->search);
	return rc ? -1 : 0;
}

/* --- the workers -------------------------------------------------------------- */

/* Appends a stream piece whose items each start with ",\n", dropping the
 * comma before the stream's first item. */
static int
put_items(struct site *s, struct site_stream *st, const struct tally_buf *b)
{
	if (b->len == 0)
		return 0;
	if (!st->started) {
		st->started = 1;
		return site_stream_put(s, st, b->data + 1, b->len - 1);
	}
	return site_stream_put(s, st, b->data, b->len);
}

/* --- the search index's headings ------------------------------------------ */

/* More distinct headings than this are written as text where they occur:
 * the table must not grow without bound on a corpus of unique headings. */
#define HEADS_MAX (1u << 18)

static uint64_t
hash(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	while (n--)
		h = (h ^ (unsigned char)*p++) * 1099511628211ull;
	return h;
}

/* The number of heading p[0..n), added when new; -1 when the table is
 * full and p is not in it. */
static long
head_id(struct site *s, const char *p, size_t n)
{
	size_t i, mask;

	if (s->nhslots == 0 || (s->nheads + 1) * 2 > s->nhslots) {
		size_t ns = s->nhslots ? s->nhslots * 2 : 1024, k;
		if (s->nheads >= HEADS_MAX)
			goto look;
		free(s->hslots);
		s->hslots = xcalloc(ns, sizeof(*s->hslots));
		s->nhslots = ns;
		for (k = 0; k < s->nheads; k++) {
			i = hash(s->heads[k], strlen(s->heads[k])) & (ns - 1);
			while (s->hslots[i])
				i = (i + 1) & (ns - 1);
			s->hslots[i] = (uint32_t)k + 1;
		}
	}
look:
	mask = s->nhslots - 1;
	for (i = hash(p, n) & mask; s->hslots[i]; i = (i + 1) & mask) {
		const char *k = s->heads[s->hslots[i] - 1];
		if (strncmp(k, p, n) == 0 && k[n] == '\0')
			return (long)s->hslots[i] - 1;
	}
	if (s->nheads >= HEADS_MAX)
		return -1;
	if (s->nheads == s->capheads) {
		s->capheads = s->capheads ? s->capheads * 2 : 256;
		s->heads = xrealloc(s->heads, s->capheads * sizeof(*s->heads));
	}
	s->heads[s->nheads] = xstrndup(p, n);
	s->hslots[i] = (uint32_t)++s->nheads;
	return (long)s->nheads - 1;
}

/* Writes a block's search entries with their headings as numbers (see
 * search_row in reportpage.c). */
static int
put_search(struct site *s, const struct tally_buf *in)
{
	struct tally_buf b = TALLY_BUF_INIT;
	const char *p = in->data, *end = in->data + in->len;
	int rc;

	if (in->len == 0)
		return 0;
	while (p < end) {
		const char *m = memchr(p, '\x1d', (size_t)(end - p));
		int first = 1;
		if (m == NULL) {
			tally_buf_put(&b, p, (size_t)(end - p));
			break;
		}
		tally_buf_put(&b, p, (size_t)(m - p));
		tally_buf_putc(&b, '[');
		for (p = m + 1; p < end && *p != '\x1e';) {
			const char *e = memchr(p, '\x1f', (size_t)(end - p));
			long id;
			char *t;
			if (e == NULL)
				e = end;
			if (!first)
				tally_buf_putc(&b, ',');
			first = 0;
			if ((id = head_id(s, p, (size_t)(e - p))) >= 0) {
				tally_buf_put_int(&b, id);
			} else {
				t = xstrndup(p, (size_t)(e - p));
				site_put_json(&b, t);
				free(t);
			}
			p = e + 1;
		}
		tally_buf_putc(&b, ']');
		p++; /* the \x1e */
	}
	rc = put_items(s, &s->search, &b);
	tally_buf_free(&b);
	return rc;
}

static void
block_free(struct site_block *blk)
{
	tally_buf_free(&blk->csv);
	tally_buf_free(&blk->json);
	tally_buf_free(&blk->search);
	tally_buf_free(&blk->cons);
	tally_diags_free(&blk->errs);
	free(blk->rule_count);
	blk->rule_count = NULL;
	site_cache_block_free(blk);
}

static void
progress(struct site *s)
{
	size_t n = s->nreps;

	if (!s->o->progress || n == 0)
		return;
	/* a few hundred updates at most, whatever the size */
	if (s->done != n && s->done * 200 / n == s->progress_shown * 200 / n)
		return;
	s->progress_shown = s->done;
	fprintf(stderr, s->en ? "\rbuilding %zu/%zu" : "\r正在生成 %zu/%zu",
	    s->done, n);
	fflush(stderr);
}

/* Writes the finished blocks that are next in line.  Called under the
 * lock. */
static void
flush_blocks(struct site *s)
{
	while (s->next_write < s->nblocks &&
	    s->blocks[s->next_write].state == 2) {
		struct site_block *blk = &s->blocks[s->next_write];
		size_t i, k;
		int rc = 0;

		for (i = blk->first; i < blk->first + blk->n; i++) {
			struct site_report *rep = &s->reps[i];
			if (rep->draft) {
				s->ndrafts++;
				continue;
			}
			for (k = 0; k <= TALLY_SEV_ERROR; k++)
				s->count[k] += rep->count[k];
			s->npublished += rep->page;
			if (rep->page)
				s->units[rep->unit].published++;
			if (rep->cons_len > 0)
				s->cons_groups++;
		}
		if (!s->failed) {
			site_cache_flush(s, blk);
			rc |= site_stream_put(s, &s->csv, blk->csv.data, blk->csv.len);
			rc |= put_items(s, &s->json, &blk->json);
			rc |= put_search(s, &blk->search);
			rc |= site_stream_put(s, &s->cons, blk->cons.data,
			    blk->cons.len);
			if (rc)
				s->failed = 1;
		}
		if (blk->rule_count != NULL)
			for (k = 0; k < tally_nrules; k++)
				s->rule_count[k] += blk->rule_count[k];
		s->other_count += blk->other_count;
		if (blk->errs.n > 0) {
			pthread_mutex_lock(&s->errlock);
			tally_diags_move(s->d, &blk->errs);
			pthread_mutex_unlock(&s->errlock);
		}
		block_free(blk);
		s->next_write++;
	}
	progress(s);
}

static void
worker_init(struct site_worker *w, struct site *s)
{
	memset(w, 0, sizeof(*w));
	w->s = s;
}

static void
worker_free(struct site_worker *w)
{
	tally_buf_free(&w->page);
	tally_buf_free(&w->body);
	tally_buf_free(&w->aux);
	tally_buf_free(&w->path);
	free(w->lastdir);
	/* w->keep holds summary strings: freed with the site */
}

static void *
worker_main(void *arg)
{
	struct site_worker *w = arg;
	struct site *s = w->s;

	for (;;) {
		struct site_block *blk;
		size_t i;
		int rc = 0;

		pthread_mutex_lock(&s->lock);
		while (!s->failed && s->next_block < s->nblocks &&
		    s->next_block >= s->next_write + s->window)
			pthread_cond_wait(&s->cond, &s->lock);
		if (s->failed || s->next_block >= s->nblocks) {
			pthread_mutex_unlock(&s->lock);
			break;
		}
		blk = &s->blocks[s->next_block++];
		blk->state = 1;
		site_cache_fetch(s, blk);
		pthread_mutex_unlock(&s->lock);

		/* a unit's reports together: the cross-report rules */
		for (i = blk->first; i < blk->first + blk->n && rc == 0;) {
			size_t j = i + 1;
			while (j < blk->first + blk->n &&
			    same_unit(s, s->files.paths[j - 1], s->files.paths[j]))
				j++;
			rc = site_report_group(w, i, j - i, blk);
			i = j;
		}

		pthread_mutex_lock(&s->lock);
		if (rc < 0)
			s->failed = 1;
		blk->state = 2;
		s->done += blk->n;
		flush_blocks(s);
		pthread_cond_broadcast(&s->cond);
		pthread_mutex_unlock(&s->lock);
	}
	return NULL;
}

static int
run_workers(struct site *s, struct site_worker *ws, size_t jobs)
{
	pthread_t th[MAX_JOBS];
	size_t i, started = 0;

	if (jobs <= 1) {
		worker_main(&ws[0]);
	} else {
		for (i = 0; i < jobs; i++) {
			if (pthread_create(&th[i], NULL, worker_main, &ws[i]) != 0)
				break;
			started++;
		}
		if (started == 0)
			worker_main(&ws[0]);
		for (i = 0; i < started; i++)
			pthread_join(th[i], NULL);
	}
	if (s->progress_shown > 0 || (s->o->progress && s->nreps > 0))
		fputs("\r\033[K", stderr);
	return s->failed || s->next_write < s->nblocks ? -1 : 0;
}

static size_t
jobs_of(const struct tally_site_opts *o)
{
	long n = o->jobs;

	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	if (n > MAX_JOBS)
		n = MAX_JOBS;
	return (size_t)n;
}

static void
setup_blocks(struct site *s, size_t jobs)
{
	size_t bs = s->nreps / (jobs * 16), i;

	if (bs < 1)
		bs = 1;
	if (bs > 64)
		bs = 64;
	s->block_size = bs;
	/* bs reports a block, or more so as not to cut a unit in two */
	s->blocks = xcalloc((s->nreps + bs - 1) / bs + 1, sizeof(*s->blocks));
	s->nblocks = 0;
	for (i = 0; i < s->nreps;) {
		size_t end = i + bs < s->nreps ? i + bs : s->nreps;
		while (end < s->nreps && same_unit(s, s->files.paths[end - 1],
		    s->files.paths[end]))
			end++;
		s->blocks[s->nblocks].first = i;
		s->blocks[s->nblocks].n = end - i;
		tally_diags_init(&s->blocks[s->nblocks].errs, s->d->lang);
		s->nblocks++;
		i = end;
	}
	s->window = jobs * 4;
}

static int
is_error(const struct tally_diag *g, void *ctx)
{
	(void)ctx;
	return g->severity == TALLY_SEV_ERROR;
}

/* --- the build -------------------------------------------------------------------- */

static void
site_free(struct site *s, struct site_worker *ws, size_t nw)
{
	size_t i;

	for (i = 0; i < nw; i++)
		tally_arena_free(&ws[i].keep);
	for (i = 0; i < s->nblocks; i++)
		block_free(&s->blocks[i]);
	free(s->blocks);
	free(s->reps);
	free(s->units);
	free(s->types);
	free(s->rule_count);
	for (i = 0; i < s->nheads; i++)
		free(s->heads[i]);
	free(s->heads);
	free(s->hslots);
	free(s->base);
	free(s->out);
	tally_pathlist_free(&s->files);
	tally_pathlist_free(&s->pages);
	tally_diags_free(&s->sited);
	tally_tplset_free(s->tpl);
	tally_buf_free(&s->csv.buf);
	tally_buf_free(&s->json.buf);
	tally_buf_free(&s->search.buf);
	tally_buf_free(&s->cons.buf);
	tally_arena_free(&s->arena);
	pthread_mutex_destroy(&s->lock);
	pthread_mutex_destroy(&s->errlock);
	pthread_cond_destroy(&s->cond);
}

int
tally_site_build(const struct tally_project *p, const struct tally_site_opts *o,
    struct tally_site_stats *stats, struct tally_diags *d)
{
	struct site s;
	struct site_worker ws[MAX_JOBS];
	size_t jobs = jobs_of(o), nw = 0, i, k;
	int rc = TALLY_SITE_EFAIL, began = 0;
	const char *outdir = o->output_dir ? o->output_dir : p->config.output_dir;

	memset(&s, 0, sizeof(s));
	s.p = p;
	s.o = o;
	s.d = d;
	s.tmpfd = -1;
	s.lockfd = -1;
	s.csv.fd = s.json.fd = s.search.fd = s.cons.fd = -1;
	pthread_mutex_init(&s.lock, NULL);
	pthread_mutex_init(&s.errlock, NULL);
	pthread_cond_init(&s.cond, NULL);
	s.lang = p->config.language ? p->config.language : "zh-CN";
	s.en = strncmp(s.lang, "en", 2) == 0;
	s.theme_dir = o->theme_dir ? o->theme_dir : p->config.theme_dir;
	s.theme_in_tree = p->tree != NULL && o->theme_dir == NULL;
	tally_diags_init_like(&s.sited, d);
	s.rule_count = xcalloc(tally_nrules + 1, sizeof(*s.rule_count));
	if (stats != NULL) {
		memset(stats, 0, sizeof(*stats));
		stats->output_dir = outdir;
	}

	if (set_base(&s, o->base_url ? o->base_url : p->config.base_url) < 0 ||
	    !site_seg_ok(s.lang) || site_theme_load(&s) < 0)
		goto out;
	s.sitev = tally_val_map(&s.arena);
	tally_val_set(s.sitev, "title", tally_val_str(&s.arena, p->config.title));
	tally_val_set(s.sitev, "base", tally_val_str(&s.arena, s.base));
	tally_val_set(s.sitev, "lang", tally_val_str(&s.arena, s.lang));
	load_types(&s);
	site_cache_start(&s);

	/* the listing kept in the cache: unchanged directories not read */
	((struct tally_project *)p)->list_memo = site_cache_listing(&s);
	k = (size_t)(tally_project_reports((struct tally_project *)p, NULL, 0,
	    &s.files, &s.sited) < 0);
	((struct tally_project *)p)->list_memo = NULL;
	if (k) {
		tally_diags_move(d, &s.sited);
		goto out;
	}
	s.nreps = s.files.n;
	s.reps = xcalloc(s.nreps + 1, sizeof(*s.reps));
	load_units(&s);
	/* History: one walk over the commits for every report of the site
	 * (DESIGN 8); none outside a repository. */
	{
		struct tally_repo *repo = tally_project_repo(
		    (struct tally_project *)p, &s.sited);
		if (repo != NULL && s.files.n > 0 &&
		    tally_history_build(&s.hist, repo, p->rev,
		    p->config.content_dir, &s.files, &s.sited) < 0)
			s.hist = NULL; /* said why; the site is built without */
	}

	if (site_out_begin(&s, outdir) < 0)
		goto out;
	began = 1;
	if (open_streams(&s) < 0)
		goto out;
	if (jobs > s.nreps / 4 + 1)
		jobs = s.nreps / 4 + 1; /* threads for a handful of reports
		                          * cost more than they save */
	setup_blocks(&s, jobs);
	for (nw = 0; nw < jobs; nw++)
		worker_init(&ws[nw], &s);
	if (run_workers(&s, ws, jobs) < 0 || close_streams(&s) < 0)
		goto out;
	for (k = 0; k <= TALLY_SEV_ERROR; k++)
		s.count[k] += s.sited.count[k];
	for (i = 0; i < s.sited.n; i++) {
		const struct tally_rule_info *ri = s.sited.items[i].rule ?
		    tally_rule_find(s.sited.items[i].rule) : NULL;
		if (ri != NULL)
			s.rule_count[ri - tally_rules]++;
	}
	if (o->strict && s.count[TALLY_SEV_ERROR] > 0) {
		/* the error findings: the reports' are in d already */
		tally_diags_filter(&s.sited, is_error, NULL);
		tally_diags_move(d, &s.sited);
		rc = TALLY_SITE_EFINDINGS;
		goto out;
	}
	tally_diags_sort(&s.sited);
	{
		/* the cache keeps the pages when nothing they show changed */
		int kept = s.cache != NULL ? site_cache_pages(&s) : 0;
		if (kept < 0 || (kept == 0 && (site_pages(&s) < 0 ||
		    site_feed(&s) < 0 || site_sitemap(&s) < 0 ||
		    site_theme_assets(&s) < 0)))
			goto out;
	}
	site_stream_close(&s, &s.cons);
	if (unlinkat(s.tmpfd, ".consistency.spool", 0) < 0) {
		site_syserr(&s, ".consistency.spool", "无法删除", "cannot remove");
		goto out;
	}
	if (site_out_commit(&s) < 0)
		goto out;
	rc = TALLY_SITE_OK;
out:
	tally_history_free(s.hist);
	site_cache_free(&s);
	if (rc != TALLY_SITE_OK && began) {
		site_stream_close(&s, &s.csv);
		site_stream_close(&s, &s.json);
		site_stream_close(&s, &s.search);
		site_stream_close(&s, &s.cons);
		site_out_abort(&s);
	} else if (s.lockfd >= 0) {
		site_out_abort(&s);
	}
	if (stats != NULL) {
		stats->reports = s.npublished;
		stats->drafts = s.ndrafts;
		for (i = 0; i < s.nunits; i++)
			if (s.units[i].published > 0)
				stats->units++;
		stats->pages = s.pages.n + s.npublished;
		memcpy(stats->count, s.count, sizeof(stats->count));
	}
	for (i = 0; i < nw; i++)
		worker_free(&ws[i]);
	site_free(&s, ws, nw);
	return rc;
}
