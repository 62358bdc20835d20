/*
 * internal.h - what the files of src/site share: the build's state (units,
 * report summaries, the output directory, the ordered streams), the text
 * encoders every output format needs, and the entry points of each file.
 * Not for other stages: they see site.h only.
 *
 * Division of labour:
 *   site.c        the pipeline: options, units, the worker threads, the
 *                 ordered streams, the order of the pages, publishing
 *   publish.c     the output directory: safety checks, the temporary
 *                 directory, writing files, the atomic swap, clean-up
 *   theme.c       templates, i18n strings and assets of a theme
 *   escape.c      URL, JSON, CSV and XML encoding; numbers for display
 *   reportpage.c  one report: its page, JSON, data rows, search entry and
 *                 consistency group
 *   pages.c       index, unit, year, type, consistency, rules, data and
 *                 404 pages
 *   chart.c       the SVG chart of a unit's pages
 *   cache.c       the incremental build: what the last build made, reused
 *   feed.c        feed.xml and sitemap.xml
 */
#ifndef TALLY_SITE_INTERNAL_H
#define TALLY_SITE_INTERNAL_H

#include <pthread.h>
#include <stdint.h>

#include "site.h"
#include "tpl.h"
#include "../model/model.h"

#define SITE_NOUNIT UINT32_MAX
/* Rows of a year or type listing, and report groups of a consistency
 * page, per page: a listing of 100 000 reports must stay a page a browser
 * can open. */
#define SITE_LIST_PER_PAGE 200
#define SITE_CONS_PER_PAGE 100
#define SITE_UNITS_PER_PAGE 500
/* Newest reports on the index page and entries in the feed. */
#define SITE_NEWEST 10
#define SITE_FEED_MAX 50
/* Units listed on the index page itself; more go to units/ only. */
#define SITE_INDEX_UNITS 60

struct site_unit {
	const char *id;         /* directory name */
	const char *name;       /* unit.yaml name, else the id */
	const char *short_name; /* NULL when absent */
	const char *region;
	const char *parent;
	const char *kind;
	int ok;                 /* unit.yaml was read */
	char blob[41];          /* git blob id of unit.yaml, or "" */
	size_t first, n;        /* its paths: reps[first .. first + n) */
	size_t published;       /* of which have a page */
};

struct site_type {
	const char *id;   /* schema id */
	const char *name; /* schema name, else the id */
	int listed;       /* id is safe as a directory name */
	size_t count;     /* published reports */
	struct tally_dec budget, executed; /* sums, 万元 */
	int budget_bad, executed_bad;      /* a sum overflowed */
	size_t nbudget, nexecuted;         /* reports that state them */
};

/* What the site keeps of a report once its page is written: enough for
 * the listings, the unit chart, the feed and the sitemap. */
struct site_report {
	const char *title;     /* title, else the file name */
	const char *type_text; /* type as written; NULL when absent */
	const char *score;     /* as written; NULL when absent */
	const char *grade;
	uint32_t unit;         /* SITE_NOUNIT when not placed */
	int32_t type;          /* index into types; -1 when unknown */
	int32_t year;          /* the directory year */
	char published[11];    /* YYYY-MM-DD, or "" */
	char first[11];        /* first commit of its file (git), or "" */
	char revised[11];      /* last commit of its file (git), or "" */
	struct tally_dec budget, executed, score_dec; /* money in 万元 */
	uint32_t count[TALLY_SEV_ERROR + 1];
	uint32_t cons_len;     /* its group in the consistency spool (groups
	                        * follow each other in path order) */
	unsigned has_budget : 1, has_executed : 1, has_score : 1;
	unsigned page : 1;     /* it has a page on the site */
	unsigned draft : 1;    /* left out as a draft */
	unsigned done : 1;     /* processed */
};

/* An output file written in pieces, in report order. */
struct site_stream {
	int fd;
	uint64_t off;          /* bytes written so far */
	int started;           /* an item was written (put_items) */
	struct tally_buf buf;
	const char *rel;       /* its path in the site */
};

/* Consecutive reports handled by one worker; what they add to the
 * streams waits here until every earlier block has been written, so the
 * streams come out in report order whatever the number of threads. */
struct site_block {
	size_t first, n;
	int state; /* 0 waiting, 1 taken, 2 done */
	struct tally_buf csv, json, search, cons;
	struct tally_diags errs;  /* --strict: the error findings */
	uint32_t *rule_count;     /* per row of tally_rules, or NULL */
	uint32_t other_count;     /* findings without a known rule */
	struct site_cblock *cache; /* its reports' cache records (cache.c) */
};

struct site {
	const struct tally_project *p;
	const struct tally_site_opts *o;
	struct tally_diags *d;
	struct tally_arena arena;   /* lives for the build */
	const char *lang;           /* site.language */
	int en;                     /* messages in English */
	char *base;                 /* base URL, ends in '/' */
	int base_abs;               /* base starts with a scheme */
	const char *theme_dir;
	int theme_in_tree; /* --rev without --theme: the theme is read from
	                    * the revision's tree, like every other source */
	struct tally_tplset *tpl;
	struct site_cache *cache;   /* the incremental cache, or NULL */
	struct tally_val *sitev;    /* {title, base, lang} */
	struct tally_val *t;        /* the i18n strings */

	struct tally_pathlist files;
	struct tally_history *hist; /* each report's commits; NULL outside git */
	struct site_report *reps;   /* one per file, same order */
	size_t nreps;
	struct site_unit *units;    /* sorted by id */
	size_t nunits;
	struct site_type *types;    /* the schemas, in their order */
	size_t ntypes;
	struct tally_diags sited;   /* findings of no report (M004, unit.yaml) */

	/* output */
	char *out;       /* the output directory as given */
	char *tmp;       /* the temporary directory beside it */
	int tmpfd;
	int lockfd;
	struct tally_pathlist pages; /* HTML pages written, besides reports */
	struct site_stream csv, json, search, cons;

	/* the run: shared by the workers under lock */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_mutex_t errlock;    /* d, from any thread */
	struct site_block *blocks;
	size_t nblocks, next_block, next_write, block_size, window;
	size_t done;          /* reports processed (progress) */
	int failed;           /* a system error: stop */
	uint32_t *rule_count; /* per row of tally_rules */
	uint32_t other_count;
	size_t count[TALLY_SEV_ERROR + 1];
	size_t npublished, ndrafts, cons_groups;
	size_t progress_shown;
	/* distinct headings of the search index (writer only) */
	char **heads;
	size_t nheads, capheads;
	uint32_t *hslots;   /* open addressing: heading number + 1, 0 free */
	size_t nhslots;
};

/* A worker's reusable buffers and its arena for summary strings. */
struct site_worker {
	struct site *s;
	struct tally_arena keep; /* chunks of the pool: freed after the build */
	char *pool;              /* free space of the current chunk */
	size_t pool_left;
	struct tally_buf page, body, aux, path;
	char *lastdir;           /* last directory made, to skip mkdir */
	struct site_crep *cache; /* the report in hand's cache state */
};

/* The source path of a report (the path list's string). */
#define SITE_REP_PATH(s, rep) ((s)->files.paths[(rep) - (s)->reps])
/* Its file name without ".md" (not NUL-terminated: *n bytes). */
const char *site_slug(const struct site *s, const struct site_report *rep,
    size_t *n);
/* Copies s into the worker's pool of summary strings (no alignment, no
 * per-string overhead: a million summaries must fit in memory). */
const char *site_keep(struct site_worker *w, const char *s, size_t n);

/* --- escape.c ----------------------------------------------------------- */

/* Appends s with every byte outside A-Z a-z 0-9 - . _ ~ written %XX: a
 * path segment of a URL. */
void site_put_seg(struct tally_buf *b, const char *s);
/* The same for the n bytes at s (no NUL needed). */
void site_put_segn(struct tally_buf *b, const char *s, size_t n);
/* Appends s as a JSON string with its quotes; NULL gives null. */
void site_put_json(struct tally_buf *b, const char *s);
/* Appends s as one CSV field (RFC 4180: quoted when it holds a comma,
 * quote, CR or LF, quotes doubled); NULL gives an empty field. */
void site_put_csv(struct tally_buf *b, const char *s);
/* The same for free text (titles, names): a field that a spreadsheet
 * would run as a formula (it starts with = + - @ or a tab) gets a leading
 * apostrophe, as OWASP advises for CSV downloads. */
void site_put_csv_text(struct tally_buf *b, const char *s);
/* Appends s escaped for XML text and attribute values. */
void site_put_xml(struct tally_buf *b, const char *s);
/* 1 when s can name a directory of the site: not empty, not "." or "..",
 * no '/', '\\' or control byte. */
int site_seg_ok(const char *s);
/* 1 when s is a date YYYY-MM-DD with a plausible month and day. */
int site_date_ok(const char *s);
/* The decimal's text ("232.40"), in a. */
char *site_dec_text(struct tally_arena *a, struct tally_dec d);
/* A money figure's text read in 万元: a bare number is in money_unit, a
 * number with 元/万元/亿元 in that unit.  Returns 0, or -1 when the text is
 * not an amount of money. */
int site_money(struct tally_arena *a, const char *text, const char *money_unit,
    struct tally_dec *out);
/* A percentage's value ("99.97%" -> 99.97).  Returns 0 or -1. */
int site_percent(struct tally_arena *a, const char *text, struct tally_dec *out);
/* A plain number ("95" -> 95).  Returns 0 or -1. */
int site_number(const char *text, struct tally_dec *out);

/* --- publish.c ---------------------------------------------------------- */

/* Checks the output directory, takes the build lock, cleans up what
 * killed builds left, opens the cache (unless --no-cache) and makes the
 * temporary directory (the cache's spare site when it has one).  Problems
 * go to s->d.  Returns 0 or -1. */
int site_out_begin(struct site *s, const char *outdir);
/* Swaps the finished temporary directory in.  Returns 0 or -1. */
int site_out_commit(struct site *s);
/* Removes the temporary directory (failure or --strict). */
void site_out_abort(struct site *s);
/* Writes data as the file rel (relative to the site, '/'-separated, its
 * directory made first) in one write.  Returns 0, or -1 after reporting
 * the error. */
int site_write(struct site *s, const char *rel, const void *data, size_t len);
/* The same, for workers: skips mkdir when the directory is the last one
 * this worker made. */
int site_write_w(struct site_worker *w, const char *rel, const void *data,
    size_t len);
/* The same for output k (0 page, 1 JSON, 2 Markdown) of the report in
 * hand, so that the cache knows which of its files it is. */
int site_write_rep(struct site_worker *w, int k, const char *rel,
    const void *data, size_t len);
/* Removes the tree at path, never following a symbolic link.  Returns 0
 * or -1. */
int site_rm_tree(const char *path);
/* Makes the directory rel and its parents in the temporary directory. */
int site_mkdirs(struct site *s, const char *rel);
int site_stream_open(struct site *s, struct site_stream *st, const char *rel);
int site_stream_put(struct site *s, struct site_stream *st, const void *p,
    size_t n);
int site_stream_close(struct site *s, struct site_stream *st);
/* Reports a problem (one %s argument) to s->d; any thread may. */
void site_diag(struct site *s, const char *file, uint32_t line, uint32_t col,
    const char *fmt_zh, const char *fmt_en, const char *arg);
/* Reports a system error on rel with errno's text; any thread may. */
void site_syserr(struct site *s, const char *rel, const char *what_zh,
    const char *what_en);
/* Reads the spool range [off, off+len) into b. */
int site_spool_read(struct site *s, struct site_stream *st, uint64_t off,
    size_t len, struct tally_buf *b);

/* --- theme.c ------------------------------------------------------------ */

/* Loads the theme's templates and its i18n file for s->lang.  Returns 0
 * or -1 (reported). */
int site_theme_load(struct site *s);
/* Copies the theme's assets/ into the site.  Returns 0 or -1. */
int site_theme_assets(struct site *s);
/* The i18n string at a dotted key, or the key itself when missing (so a
 * gap shows on the page rather than an empty label). */
const char *site_t(const struct site *s, const char *key);
/* Appends the i18n string at key with each {name} replaced by the value
 * of that name in names/vals (n pairs). */
void site_tf(const struct site *s, struct tally_buf *b, const char *key,
    const char *const *names, const char *const *vals, size_t n);
/* Renders template name with ctx into out (reset first).  Returns 0 or -1
 * (reported). */
int site_render(struct site *s, const char *name, const struct tally_val *ctx,
    struct tally_buf *out);

/* --- reportpage.c ------------------------------------------------------- */

/* One report between its reading and its page (reportpage.c). */
struct site_rstate {
	struct tally_report *r; /* NULL: unreadable, or not read */
	struct tally_diags rd;  /* its findings */
	char *src;
	size_t len;
	char blob[41];
	int live;               /* read (the fields above are set) */
	int draft;              /* a draft left out of the site */
};

/* Reads, lints and publishes reports first .. first + n, the reports of
 * one unit (or one report outside any unit): the cross-report rules see
 * them together.  Their stream pieces go to blk.  Returns 0, or -1 on a
 * system error (reported). */
int site_report_group(struct site_worker *w, size_t first, size_t n,
    struct site_block *blk);
/* The site path of a report's page without ".html" (raw bytes, for the
 * file system) or its URL (percent-encoded, base prepended when
 * with_base). */
void site_report_rel(const struct site *s, const struct site_report *rep,
    struct tally_buf *b);
void site_report_url(const struct site *s, const struct site_report *rep,
    const char *ext, int with_base, struct tally_buf *b);
/* The value map of a report summary for listings. */
struct tally_val *site_report_val(const struct site *s, struct tally_arena *a,
    const struct site_report *rep);
/* A page's root map: {site, t, nav: {<current>: true}}. */
struct tally_val *site_page_root(const struct site *s, struct tally_arena *a,
    const char *nav);
/* URL helpers: base + rel, in a. */
const char *site_url(const struct site *s, struct tally_arena *a,
    const char *rel);
const char *site_unit_url(const struct site *s, struct tally_arena *a,
    const struct site_unit *u);
const char *site_year_url(const struct site *s, struct tally_arena *a, int year);
const char *site_type_url(const struct site *s, struct tally_arena *a,
    const struct site_type *t);
const char *site_type_name(const struct site *s, const struct site_report *rep);
const char *site_sev_key(enum tally_severity sev);

/* Appends the search entry of a placed report up to its headings:
 * ",\n[title,unit,type,year,\"file\",\x1d" (see search_row). */
void site_search_head(const struct site *s, const struct site_report *rep,
    struct tally_buf *b);

/* --- cache.c ------------------------------------------------------------ *
 * The incremental build (DESIGN section 7): a report whose sources, unit,
 * neighbours, history, schemas, theme, options and tally binary are those
 * of the last build is not read, linted or rendered: its summary and
 * stream pieces come from the cache and its files from the last output.
 * Every function below is a no-op (or says "miss") when s->cache is NULL,
 * which is --no-cache. */

struct site_cache;
struct site_cblock;
struct site_crep;
struct site_cslot;

/* Starts the cache (unless --no-cache): takes its lock and, on a thread
 * of its own while the reports are listed, reads what the last build
 * left and checks it.  Sets s->cache, or leaves it NULL (no cache). */
void site_cache_start(struct site *s);
/* Where the content listing is kept between builds (the cache's, held
 * by this build), or NULL. */
const char *site_cache_listing(struct site *s);
/* Opens the started cache for a build into outdir (checked and locked by
 * site_out_begin) and works out which sources are unchanged.  Any
 * problem with the cache turns it off (s->cache NULL): never an error of
 * the build. */
void site_cache_open(struct site *s, const char *outdir);
/* The temporary directory tmp was just made: when the cache holds a
 * verified copy of an older site, it takes tmp's place, so that only
 * what changed is written. */
void site_cache_take_spare(struct site *s, const char *tmp);
/* Under the run's lock, when a worker takes blk: attaches the last
 * build's records of blk's reports. */
void site_cache_fetch(struct site *s, struct site_block *blk);
/* Under the run's lock, when blk's pieces are written: appends its
 * records to the new cache index. */
void site_cache_flush(struct site *s, struct site_block *blk);
void site_cache_block_free(struct site_block *blk);
/* Report ix (its place: unit and year, or SITE_NOUNIT) is about to be
 * built.  Returns 1 when it came from the cache (summary, stream pieces
 * and files in place: nothing more to do), 0 when it must be built (the
 * cache then watches its writes), -1 on a system error (reported). */
int site_cache_lookup(struct site_worker *w, size_t ix, struct site_block *blk,
    uint32_t unit, int year);
/* Report ix was built: records it (r and rd may be NULL when it could
 * not be read; blob is its git blob id or NULL).  Returns 0 or -1. */
int site_cache_store(struct site_worker *w, size_t ix, struct site_block *blk,
    const struct tally_report *r, const struct tally_diags *rd,
    const char *blob);
/* The slot of output k of the report in hand, for site_write_rep. */
struct site_cslot *site_cache_slot(struct site_worker *w, int k);
/* Before data is written as rel (slot: a report's output, or NULL for
 * any other file): 1 when the same bytes are already in place (kept from
 * the older site or linked from the current one), 0 when the caller must
 * write them (whatever was at rel is gone), -1 on a system error. */
int site_cache_place(struct site *s, struct site_cslot **slot,
    const char *rel, const void *data, size_t len);
/* After the caller wrote rel through fd (still open). */
void site_cache_placed(struct site *s, struct site_cslot *slot, int fd);
/* A stream is opened (rel removed if there) or closed (fd still open). */
int site_cache_stream_open(struct site *s, const char *rel);
void site_cache_stream_close(struct site *s, const char *rel, int fd);
/* Page rel is to be made from template tpl and value root (values in
 * opaque[] are covered by the build key and not looked into): notes the
 * digest of what it shows, and returns 1 when the last build made it from
 * the same (the file is in place: nothing to render or write), 0 when the
 * caller must render and write it, -1 on a system error. */
int site_cache_page_reuse(struct site *s, const char *rel, const char *tpl,
    const struct tally_val *root, const struct tally_val *const *opaque,
    size_t nopaque);
/* Unit u's page rel: 1 when nothing it is made from changed since the
 * last build and its file is in place (nothing to make), 0 when the
 * caller makes it (with emit, as any page), -1 on a system error. */
int site_cache_unit_page(struct site *s, const struct site_unit *u,
    const char *rel);
/* The same for a page listing reports ix[0..n): own is what the caller
 * makes the page from besides the reports (place, heading, page). */
int site_cache_list_page(struct site *s, const char *rel, const void *own,
    size_t ownlen, const size_t *ix, size_t n);
/* Every report is done: when nothing that the pages made from the
 * summaries show (listings, unit pages, consistency and rules pages, the
 * feed, the sitemap, the assets) changed since the last build, puts the
 * last build's files in place and returns 1; 0 when they must be made,
 * -1 on a system error. */
int site_cache_pages(struct site *s);
/* The site is complete: removes what the older site had and this one
 * does not, and notes the state of every directory.  Returns 0 or -1. */
int site_cache_seal(struct site *s);
/* Where the site that the swap replaces should go rather than be
 * deleted (NULL: delete it), and whether it went there. */
const char *site_cache_keep_path(struct site *s);
void site_cache_kept(struct site *s);
/* The new site is in place: writes the cache's index. */
void site_cache_finish(struct site *s);
void site_cache_free(struct site *s);

/* --- pages.c ------------------------------------------------------------ */

/* Writes every page made from the summaries.  Returns 0 or -1. */
int site_pages(struct site *s);

/* --- chart.c ------------------------------------------------------------ */

/* One point of a unit's chart: a year and what it shows. */
struct site_point {
	int year;
	const struct site_report *rep; /* where the figures come from */
	int has_budget, has_executed, has_score;
	struct tally_dec budget, executed, score;
};

/* Appends the SVG chart of points (ascending years) to b: budget and
 * execution as bars on a 万元 axis, the score as a line on a 0-100
 * axis, with <title> and <desc>. */
void site_chart_svg(const struct site *s, const char *unit_name,
    const struct site_point *pts, size_t n, struct tally_buf *b);

/* --- feed.c ------------------------------------------------------------- */

int site_feed(struct site *s);
int site_sitemap(struct site *s);

#endif
