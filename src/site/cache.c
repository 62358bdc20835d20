/*
 * cache.c - the incremental build (DESIGN section 7).  A report is not
 * read, linted or rendered again when nothing it depends on changed since
 * the last build: its summary and its pieces of the ordered streams come
 * from the cache's index, and its page, JSON and Markdown copy are already
 * in place.  The cache lives in .tally-cache/ at the site root, never in
 * the output:
 *
 *   meta        the last build: its key, the identity (device, inode) of
 *               the output it made and of the spare, the key of each unit,
 *               the state of every file that is not a report's (listings,
 *               data, assets) and of every directory, a digest of what the
 *               listings show, the pages of the sitemap
 *   records     one record a report, in path order: its source's blob id
 *               and stat, its key, its summary, its stream pieces, the
 *               state of its three files in the site and in the spare
 *   spare/      the site before the last one (see below)
 *   lock        flock: one build at a time uses the cache
 *
 * What a report's outputs depend on, and so what decides a hit:
 *   - the build key: tally's version and binary (a rebuilt tally has other
 *     rules), tally.yaml (title, base URL, lint settings), every schema
 *     file, every theme file (templates, i18n, assets), the options that
 *     change output (base URL, language, drafts, theme);
 *   - its own key: the build key, its path, its git blob id (the working
 *     tree's file hashed as git would, or the blob of --rev), and the
 *     commits of its history when the site shows history;
 *   - its unit's key: unit.yaml's blob id and the path and blob id of
 *     every report of the unit, since the cross-report rules (X001: the
 *     previous year, X002: a unit-year's projects against its overall
 *     report) compare reports of one unit.  A change to one report
 *     rebuilds its unit (a few reports), never more;
 *   - its number in the path list when it has a group on the consistency
 *     pages (the group's anchor is that number);
 *   - a report with a relative link is never taken from the cache: L001
 *     depends on which files exist, which no key captures.
 * Blob ids are not recomputed for files whose stat (device, inode, size,
 * mtime, ctime) is the recorded one, as git's index does; a file changed
 * within two seconds of the build that recorded it is hashed again.  The
 * pages made from the summaries (listings, unit, consistency and rules
 * pages, feed, sitemap) are made again only when the digest of what they
 * show (every summary, consistency group and finding count, the units,
 * the site's own findings) changed: an edit to a report's text leaves
 * them as they are, an edit to its score does not.
 *
 * Where the files come from.  Writing 30 000 unchanged files, or even
 * hard-linking them into a fresh directory, costs more than the rest of a
 * rebuild: creating an inode or a directory is the expensive part of a
 * build.  So the site that a build replaces is not deleted but kept as
 * .tally-cache/spare (same file system as the output, else deleted as
 * before), and the next build takes it as its temporary directory: that
 * tree holds the site of two builds ago, mostly the same inodes as the
 * current one, and the build removes, links or writes only what differs.
 * A report's file is kept when the spare's file is the current site's
 * (one inode) and untouched (inode, size, mtime as recorded); another
 * file is kept when its bytes equal what is to be written (compared, not
 * hashed, and only when the sizes agree); either is hard-linked from the
 * current site when that holds it, else written.  No file is changed in
 * place (a kept file shares its inode with the live site): a file to
 * write replaces the old one by unlink and create.
 *
 * Trust.  Everything read from the cache is checked: checksums on the
 * index (a damaged record and everything after it are misses), the
 * identity of the output and the spare, the stat of every file kept or
 * linked, the mtime of every directory of the spare (a file added,
 * removed or renamed shows there) and the list of its top directory.
 * When something does not match, the spare is deleted and the build
 * writes a fresh directory; when the index does not, the build is a full
 * one.  The index is written to new files and renamed into place, and the
 * spare is taken (renamed away) before it is changed: a build killed at
 * any point leaves a cache that is valid or ignored.  The index holds the
 * reports, units and files of the last build only (and, for one more
 * build, the files of those that went): its size follows the site's.
 *
 * Speed.  A thread reads and checks the index, the spare's directories
 * and the sources' stat while the main thread lists the reports (the
 * listing itself kept in .tally-cache/listing: see tally_list_files_memo);
 * the workers then check a hit's files and copy what the records say.
 * The pages made from the summaries each carry a digest of what they are
 * made from (site_cache_unit_page, site_cache_list_page) and of the value
 * they render (site_cache_page_reuse): a page that would show what it
 * showed is kept, not made.  Keys are hashed with XXH3 (128 bits); blob
 * ids stay git's SHA-1.  The output is byte-identical to a build
 * without the cache (tests/site/run.sh compares them after every kind of
 * change).  Concurrent builds sharing a cache: the second one finds the
 * lock taken and builds without it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xxhash.h>

#include "internal.h"

#ifndef TALLY_VERSION
#define TALLY_VERSION "0.0.0"
#endif

/* Every field of a report's summary is in its record (rec_put, restore,
 * listing_part): a new field must be added there too. */
_Static_assert(sizeof(void *) != 8 || sizeof(struct site_report) == 152,
    "struct site_report changed: update cache.c (records and listings)");

#define CACHE_DIR ".tally-cache"
#define CACHE_FORMAT 4u
#define META_MAGIC "tally-cache-meta\n"
#define RECS_MAGIC "tally-cache-recs\n"
#define MAGIC_LEN 17
#define ENDIAN_MARK 0x01020304u
#define REC_MAX (64u << 20)    /* a record larger than this is corrupt */
#define WBUF_FLUSH (1u << 20)
/* A source changed this close to the build that recorded its stat may
 * have changed again within the same timestamp tick: hash it again. */
#define RACY_NS 2000000000LL

#define NSLOT 3
static const char *const slot_ext[NSLOT] = {".html", ".json", ".md"};

enum { REC_NONE = 0, REC_ENTRY = 1, REC_TOMB = 2 };
enum {
	F_BUDGET = 1, F_EXECUTED = 2, F_SCORE = 4, F_PAGE = 8, F_DRAFT = 16,
};

/* An output file as one tree of the site holds it. */
struct fst {
	uint8_t present;
	uint64_t ino, size;
	int64_t mtime;  /* ns */
};

/* A directory of the site in one tree. */
struct dst {
	uint8_t present;
	uint64_t ino;
	int64_t mtime;
};

/* A source file's stat, as recorded beside its blob id. */
struct srcst {
	uint64_t dev, ino, size;
	int64_t mtime, ctime;
	uint8_t ok;
};

/* What a file to place is: its states in the current site and in the
 * spare (NULL: unknown there), and what it becomes in the new one. */
struct site_cslot {
	const struct fst *cur, *prev;
	struct fst out;
	int touched;
};

/* A report's record (see the top); strings point into the buffer it was
 * read from and are NUL-terminated. */
struct site_crec {
	const char *path, *rel; /* rel: units/<u>/<y>/<slug>, NULL: no files */
	uint32_t pathlen, rellen;
	struct srcst src;       /* ok: stat recorded and not racy */
	uint8_t has_blob, kind, flags;
	uint8_t blob[20], key[20];
	uint32_t ix;
	const char *title, *type_text, *score, *grade;
	uint32_t title_len, type_len, score_len, grade_len;
	int32_t type;
	char published[11], first[11], revised[11];
	struct tally_dec budget, executed, score_dec;
	uint32_t count[TALLY_SEV_ERROR + 1];
	uint32_t cons_len, other, nrules;
	const uint8_t *rules;   /* nrules x (string rule id, u32 count) */
	uint32_t rules_len;
	const char *piece[4];   /* csv, json, search headings, consistency */
	uint32_t plen[4];
	struct fst cur[NSLOT], prev[NSLOT];
};

/* A file of the site that is not a report's. */
struct fent {
	char *rel;
	struct fst cur, prev;
	struct site_cslot slot;
	int track;              /* 0: the spool, never recorded */
	/* a page made from a value (site_cache_page_reuse): the digest of
	 * what the live file shows, and of what this build's shows */
	uint8_t has_dig, has_newdig;
	uint8_t dig[20], newdig[20];
	/* a unit page: the digest of what its value is made from */
	uint8_t has_pre, has_newpre;
	uint8_t pre[16], newpre[16];
};

/* A directory of the site. */
struct dent {
	char *rel;
	struct dst cur, prev, now;
	unsigned used : 1, dirty : 1;
};

/* Entries by path (open addressing; each entry starts with its char *). */
struct smap {
	void **v;
	size_t n, cap;
};

/* Sequential reading of the records file. */
struct rdr {
	int fd;
	uint8_t *buf;
	size_t len, off, cap;
	int eof, done, bad;
	int trusted;      /* checked once already: no checksums, and no more
	                   * than limit records */
	uint64_t n, limit;
};

/* A block's records: the last build's (by report), the records of
 * reports that are gone (tombstones, in path order), and the new ones. */
struct site_cblock {
	struct tally_buf raw;
	size_t *offs, *lens, *dest; /* dest: report index, or SIZE_MAX + tomb */
	size_t nraw, capraw;
	struct site_crec *recs;
	struct site_crec **byrep;
	struct site_crec **tombs;
	size_t *tomb_before, ntomb, next_tomb;
	struct tally_buf out;
	uint64_t nout;              /* records in out */
};

/* A worker's state for the report in hand. */
struct site_crep {
	struct site_crep *next;
	const struct site_crec *old;
	size_t mark[4];
	struct site_cslot slot[NSLOT];
	struct tally_buf scratch, rules, lbuf;
	uint32_t *rcount;
};

/* A source of the last build, as the background thread found it. */
struct pre {
	const char *path;
	uint8_t blob[20];
	struct srcst st;  /* its stat now */
	uint8_t usable;   /* unchanged since its record: blob is its blob */
};

struct site_cache {
	struct site *s;
	int rootfd, dirfd, lockfd, livefd, wfd;
	char *dir, *spare, *meta_path;
	char *listing;    /* site_cache_listing's */
	uint8_t gkey[20];
	uint64_t gen, newgen;
	int64_t t0;
	int rev;          /* sources from a git tree: no stat */
	int live_ok;      /* the output is the one the index describes */
	int live_tracked; /* ... and every file of it is in the index */
	int spare_ok;     /* the spare is verified */
	int reuse_spare;  /* the temporary directory is the spare */
	int same_fs;      /* cache and output share a file system */
	int kept, wfail;
	struct { uint64_t dev, ino; int has; } live, sparei;
	/* the last build's units */
	char **uid;
	uint8_t (*ukey)[20];
	size_t nu;
	struct fent **fv;
	size_t nf, capf;
	struct smap fmap;
	struct dent **dv;
	size_t nd, capd;
	struct smap dmap;
	/* this build's sources */
	size_t nreps;
	struct srcst *st;
	uint8_t (*blob)[20];
	uint8_t *known;
	uint32_t *repunit;
	uint8_t *unit_ok;
	uint8_t (*newukey)[20];
	uint8_t *newuok;
	/* what the listings show: a digest a report, and of the whole */
	uint8_t (*ldig)[16];
	uint8_t lsig[20], old_lsig[20];
	int has_lsig, has_old_lsig;
	struct tally_pathlist old_pages; /* the last build's sitemap pages */
	/* what the background thread found (site_cache_start) */
	pthread_t bg;
	int bg_running, meta_ok, key_ok, spare_seen, pre_ok;
	struct pre *pre;
	size_t npre, cappre;
	struct tally_arena pre_arena; /* its paths, freed once merged */
	uint64_t nrecs_ok;
	/* the last build's records, for the blocks */
	struct rdr rd;
	int rd_live;
	struct tally_buf pend;
	struct tally_buf pagebuf; /* site_cache_page_reuse's */
	int have_pend;
	/* the new records */
	struct tally_buf wbuf;
	uint64_t nrec;
	pthread_mutex_t lock; /* tables, dirty list, creps */
	struct tally_pathlist dirty;
	struct site_crep *creps;
	struct tally_arena arena;
};

/* --- hashing ---------------------------------------------------------------- */

/* The finalizer of MurmurHash3. */
static uint64_t
mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

/* A checksum of cache data: it finds damage (a torn or truncated file, a
 * flipped bit), not forgery, since only tally writes the cache.  Eight
 * bytes a step, multiply and fold. */
static uint64_t
sum64(const void *p, size_t n)
{
	const uint8_t *q = p;
	uint64_t h[4] = {0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL,
	    0xa4093822299f31d0ULL, 0x082efa98ec4e6c89ULL};
	uint64_t w, r;
	size_t i, len = n;

	/* four independent lanes: the multiplications overlap */
	for (; n >= 32; n -= 32, q += 32)
		for (i = 0; i < 4; i++) {
			memcpy(&w, q + 8 * i, 8);
			h[i] = (h[i] ^ w) * 0x9e3779b97f4a7c15ULL;
			h[i] ^= h[i] >> 31;
		}
	for (i = 0; n >= 8; n -= 8, q += 8, i = (i + 1) & 3) {
		memcpy(&w, q, 8);
		h[i] = (h[i] ^ w) * 0x9e3779b97f4a7c15ULL;
		h[i] ^= h[i] >> 31;
	}
	w = 0;
	memcpy(&w, q, n);
	r = mix64(h[0] ^ w) ^ mix64(h[1] + 1) ^ mix64(h[2] + 2) * 3 ^
	    mix64(h[3] + 3) * 5;
	return mix64(r ^ (uint64_t)len);
}

static int
unhex(const char *hex, uint8_t out[20])
{
	size_t i;

	for (i = 0; i < 20; i++) {
		int hi, lo;
		char a = hex[2 * i], b = hex[2 * i + 1];
		hi = a >= '0' && a <= '9' ? a - '0' : a >= 'a' && a <= 'f' ?
		    a - 'a' + 10 : -1;
		lo = b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ?
		    b - 'a' + 10 : -1;
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

static void put_be64(uint8_t *p, uint64_t v);

/* The digest of a key (what decides a hit): XXH3's 128 bits, in 20 bytes
 * beside the git blob ids.  Keys are compared with the same key of the
 * last build, not with adversarial input; SHA-1 with collision detection
 * (git's) costs more than all else of a rebuild that changed nothing. */
static int
key_hash(const void *p, size_t n, uint8_t out[20])
{
	XXH128_hash_t h = XXH3_128bits(p, n);

	put_be64(out, h.high64);
	put_be64(out + 8, h.low64);
	memset(out + 16, 0, 4);
	return 0;
}

static int64_t
ns_of(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000LL + t->tv_nsec;
}

/* The path of output k of a report whose files are base.* (the caller
 * checked that it fits: n + 6 < 4096). */
static void
slot_rel(char *out, const char *base, size_t n, size_t k)
{
	size_t e = strlen(slot_ext[k]);

	memcpy(out, base, n);
	memcpy(out + n, slot_ext[k], e + 1);
}

/* --- serializing ------------------------------------------------------------ */

static void
put_be64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

static void
put8(struct tally_buf *b, uint8_t v)
{
	tally_buf_put(b, &v, 1);
}

static void
put32(struct tally_buf *b, uint32_t v)
{
	tally_buf_put(b, &v, 4);
}

static void
put64(struct tally_buf *b, uint64_t v)
{
	tally_buf_put(b, &v, 8);
}

/* A string: its length (UINT32_MAX for NULL), its bytes and a NUL. */
static void
putstr(struct tally_buf *b, const char *s, size_t n)
{
	if (s == NULL) {
		put32(b, UINT32_MAX);
		return;
	}
	put32(b, (uint32_t)n);
	tally_buf_put(b, s, n);
	put8(b, 0);
}

static void
putcstr(struct tally_buf *b, const char *s)
{
	putstr(b, s, s ? strlen(s) : 0);
}

static void
putfst(struct tally_buf *b, const struct fst *f)
{
	put8(b, f->present);
	put64(b, f->ino);
	put64(b, f->size);
	put64(b, (uint64_t)f->mtime);
}

static void
putdst(struct tally_buf *b, const struct dst *d)
{
	put8(b, d->present);
	put64(b, d->ino);
	put64(b, (uint64_t)d->mtime);
}

struct rd {
	const uint8_t *p, *end;
	int bad;
};

static void
getmem(struct rd *r, void *out, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		memset(out, 0, n);
		return;
	}
	memcpy(out, r->p, n);
	r->p += n;
}

static uint8_t
get8(struct rd *r)
{
	uint8_t v;

	getmem(r, &v, 1);
	return v;
}

static uint32_t
get32(struct rd *r)
{
	uint32_t v;

	getmem(r, &v, 4);
	return v;
}

static uint64_t
get64(struct rd *r)
{
	uint64_t v;

	getmem(r, &v, 8);
	return v;
}

static const char *
getstr(struct rd *r, uint32_t *len)
{
	uint32_t n = get32(r);
	const char *s;

	*len = 0;
	if (r->bad || n == UINT32_MAX)
		return NULL;
	if ((size_t)(r->end - r->p) < (size_t)n + 1 || r->p[n] != '\0') {
		r->bad = 1;
		return NULL;
	}
	s = (const char *)r->p;
	r->p += (size_t)n + 1;
	*len = n;
	return s;
}

static void
getfst(struct rd *r, struct fst *f)
{
	f->present = get8(r);
	f->ino = get64(r);
	f->size = get64(r);
	f->mtime = (int64_t)get64(r);
}

static void
getdst(struct rd *r, struct dst *d)
{
	d->present = get8(r);
	d->ino = get64(r);
	d->mtime = (int64_t)get64(r);
}

/* Appends record r, framed: length, payload, checksum; counts it in *n. */
static void
rec_put(struct tally_buf *b, uint64_t *n, const struct site_crec *r)
{
	size_t at = b->len, start, k;
	uint32_t len;

	(*n)++;
	put32(b, 0);
	start = b->len;
	putstr(b, r->path, r->pathlen);
	putstr(b, r->rel, r->rellen);
	put64(b, r->src.dev);
	put64(b, r->src.ino);
	put64(b, r->src.size);
	put64(b, (uint64_t)r->src.mtime);
	put64(b, (uint64_t)r->src.ctime);
	put8(b, r->src.ok);
	put8(b, r->has_blob);
	put8(b, r->kind);
	put8(b, r->flags);
	tally_buf_put(b, r->blob, 20);
	tally_buf_put(b, r->key, 20);
	put32(b, r->ix);
	putstr(b, r->title, r->title_len);
	putstr(b, r->type_text, r->type_len);
	putstr(b, r->score, r->score_len);
	putstr(b, r->grade, r->grade_len);
	put32(b, (uint32_t)r->type);
	tally_buf_put(b, r->published, 11);
	tally_buf_put(b, r->first, 11);
	tally_buf_put(b, r->revised, 11);
	put64(b, (uint64_t)r->budget.coef);
	put32(b, (uint32_t)r->budget.scale);
	put64(b, (uint64_t)r->executed.coef);
	put32(b, (uint32_t)r->executed.scale);
	put64(b, (uint64_t)r->score_dec.coef);
	put32(b, (uint32_t)r->score_dec.scale);
	for (k = 0; k <= TALLY_SEV_ERROR; k++)
		put32(b, r->count[k]);
	put32(b, r->cons_len);
	put32(b, r->other);
	put32(b, r->nrules);
	put32(b, r->rules_len);
	tally_buf_put(b, r->rules, r->rules_len);
	for (k = 0; k < 4; k++)
		putstr(b, r->piece[k] ? r->piece[k] : "", r->plen[k]);
	for (k = 0; k < NSLOT; k++) {
		putfst(b, &r->cur[k]);
		putfst(b, &r->prev[k]);
	}
	len = (uint32_t)(b->len - start);
	memcpy(b->data + at, &len, 4);
	put64(b, sum64(b->data + start, len));
}

/* Reads the payload of a record into r (pointing into p).  0 or -1. */
static int
rec_parse(const uint8_t *p, size_t n, struct site_crec *r)
{
	struct rd d = {p, p + n, 0};
	size_t k;

	memset(r, 0, sizeof(*r));
	r->path = getstr(&d, &r->pathlen);
	r->rel = getstr(&d, &r->rellen);
	r->src.dev = get64(&d);
	r->src.ino = get64(&d);
	r->src.size = get64(&d);
	r->src.mtime = (int64_t)get64(&d);
	r->src.ctime = (int64_t)get64(&d);
	r->src.ok = get8(&d);
	r->has_blob = get8(&d);
	r->kind = get8(&d);
	r->flags = get8(&d);
	getmem(&d, r->blob, 20);
	getmem(&d, r->key, 20);
	r->ix = get32(&d);
	r->title = getstr(&d, &r->title_len);
	r->type_text = getstr(&d, &r->type_len);
	r->score = getstr(&d, &r->score_len);
	r->grade = getstr(&d, &r->grade_len);
	r->type = (int32_t)get32(&d);
	getmem(&d, r->published, 11);
	getmem(&d, r->first, 11);
	getmem(&d, r->revised, 11);
	r->budget.coef = (int64_t)get64(&d);
	r->budget.scale = (int32_t)get32(&d);
	r->executed.coef = (int64_t)get64(&d);
	r->executed.scale = (int32_t)get32(&d);
	r->score_dec.coef = (int64_t)get64(&d);
	r->score_dec.scale = (int32_t)get32(&d);
	for (k = 0; k <= TALLY_SEV_ERROR; k++)
		r->count[k] = get32(&d);
	r->cons_len = get32(&d);
	r->other = get32(&d);
	r->nrules = get32(&d);
	r->rules_len = get32(&d);
	if (!d.bad && (size_t)(d.end - d.p) >= r->rules_len) {
		r->rules = d.p;
		d.p += r->rules_len;
	} else {
		d.bad = 1;
	}
	for (k = 0; k < 4; k++)
		r->piece[k] = getstr(&d, &r->plen[k]);
	for (k = 0; k < NSLOT; k++) {
		getfst(&d, &r->cur[k]);
		getfst(&d, &r->prev[k]);
	}
	if (d.bad || d.p != d.end || r->path == NULL || r->kind > REC_TOMB ||
	    (r->rel == NULL && r->flags & F_PAGE))
		return -1;
	for (k = 0; k < 4; k++)
		if (r->piece[k] == NULL)
			return -1;
	/* the published / first / revised dates are NUL-terminated */
	if (r->published[10] || r->first[10] || r->revised[10])
		return -1;
	return 0;
}

/* --- the records file ------------------------------------------------------- */

static int
rdr_fill(struct rdr *r, size_t need)
{
	if (r->len - r->off >= need)
		return 0;
	if (r->off > 0) {
		memmove(r->buf, r->buf + r->off, r->len - r->off);
		r->len -= r->off;
		r->off = 0;
	}
	if (r->cap < need) {
		r->cap = need > (1u << 20) ? need : (1u << 20);
		r->buf = xrealloc(r->buf, r->cap);
	}
	while (!r->eof && r->len < need) {
		ssize_t got = read(r->fd, r->buf + r->len, r->cap - r->len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			r->eof = 1;
			break;
		}
		r->len += (size_t)got;
	}
	return r->len - r->off >= need ? 0 : -1;
}

/* The next record's payload (valid until the next call): 1; 0 at the end
 * marker; -1 when the file is damaged or cut short. */
static int
rdr_next(struct rdr *r, const uint8_t **p, size_t *n)
{
	uint32_t len;
	uint64_t sum;

	if (r->done || r->bad)
		return r->bad ? -1 : 0;
	if (rdr_fill(r, 4) < 0)
		goto bad;
	memcpy(&len, r->buf + r->off, 4);
	if (len == UINT32_MAX) {
		uint64_t nrec;
		if (rdr_fill(r, 20) < 0)
			goto bad;
		memcpy(&nrec, r->buf + r->off + 4, 8);
		memcpy(&sum, r->buf + r->off + 12, 8);
		if (sum != sum64(&nrec, 8) || nrec != r->n)
			goto bad;
		r->done = 1;
		return 0;
	}
	if (r->trusted && r->n >= r->limit) {
		r->done = 1;
		return 0;
	}
	if (len > REC_MAX || rdr_fill(r, (size_t)len + 12) < 0)
		goto bad;
	memcpy(&sum, r->buf + r->off + 4 + len, 8);
	if (!r->trusted && sum != sum64(r->buf + r->off + 4, len))
		goto bad;
	r->n++;
	*p = r->buf + r->off + 4;
	*n = len;
	r->off += (size_t)len + 12;
	return 1;
bad:
	r->bad = 1;
	return -1;
}

/* Opens the records of generation gen.  0 or -1. */
static int
rdr_open(struct rdr *r, struct site_cache *c)
{
	uint8_t head[MAGIC_LEN + 12];
	uint32_t fmt;
	uint64_t gen;

	memset(r, 0, sizeof(*r));
	r->fd = openat(c->dirfd, "records", O_RDONLY | O_CLOEXEC);
	if (r->fd < 0)
		return -1;
	if (rdr_fill(r, sizeof(head)) < 0)
		return -1;
	memcpy(head, r->buf, sizeof(head));
	memcpy(&fmt, head + MAGIC_LEN, 4);
	memcpy(&gen, head + MAGIC_LEN + 4, 8);
	if (memcmp(head, RECS_MAGIC, MAGIC_LEN) != 0 || fmt != CACHE_FORMAT ||
	    gen != c->gen)
		return -1;
	r->off = sizeof(head);
	return 0;
}

static void
rdr_close(struct rdr *r)
{
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	free(r->buf);
	r->buf = NULL;
}

static void
wflush(struct site_cache *c)
{
	const char *p = c->wbuf.data;
	size_t n = c->wbuf.len;

	while (n > 0 && !c->wfail) {
		ssize_t w = write(c->wfd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			c->wfail = 1;
			break;
		}
		p += w;
		n -= (size_t)w;
	}
	tally_buf_reset(&c->wbuf);
}

static void
wput(struct site_cache *c, const void *p, size_t n)
{
	tally_buf_put(&c->wbuf, p, n);
	if (c->wbuf.len >= WBUF_FLUSH)
		wflush(c);
}

/* --- tables ------------------------------------------------------------------- */

static uint64_t
hstr(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h ^ (h >> 29);
}

static void **
smap_find(const struct smap *m, const char *k, size_t n)
{
	size_t mask = m->cap - 1, i = (size_t)hstr(k, n) & mask;

	while (m->v[i] != NULL) {
		const char *r = *(char *const *)m->v[i];
		if (strncmp(r, k, n) == 0 && r[n] == '\0')
			return &m->v[i];
		i = (i + 1) & mask;
	}
	return &m->v[i];
}

static void *
smap_get(const struct smap *m, const char *k, size_t n)
{
	return m->cap ? *smap_find(m, k, n) : NULL;
}

static void
smap_add(struct smap *m, void *e)
{
	const char *k = *(char **)e;

	if ((m->n + 1) * 2 > m->cap) {
		struct smap g = {NULL, 0, m->cap ? m->cap * 2 : 256};
		size_t i;
		g.v = xcalloc(g.cap, sizeof(*g.v));
		for (i = 0; i < m->cap; i++)
			if (m->v[i] != NULL) {
				const char *r = *(char **)m->v[i];
				*smap_find(&g, r, strlen(r)) = m->v[i];
			}
		g.n = m->n;
		free(m->v);
		*m = g;
	}
	*smap_find(m, k, strlen(k)) = e;
	m->n++;
}

static struct fent *
fent_get(struct site_cache *c, const char *rel, int create)
{
	struct fent *e = smap_get(&c->fmap, rel, strlen(rel));

	if (e != NULL || !create)
		return e;
	e = tally_arena_alloc(&c->arena, sizeof(*e));
	e->rel = tally_arena_strdup(&c->arena, rel);
	e->track = 1;
	if (c->nf == c->capf) {
		c->capf = c->capf ? c->capf * 2 : 256;
		c->fv = xrealloc(c->fv, c->capf * sizeof(*c->fv));
	}
	c->fv[c->nf++] = e;
	smap_add(&c->fmap, e);
	return e;
}

static struct dent *
dent_get(struct site_cache *c, const char *rel, size_t n, int create)
{
	struct dent *e = smap_get(&c->dmap, rel, n);

	if (e != NULL || !create)
		return e;
	e = tally_arena_alloc(&c->arena, sizeof(*e));
	e->rel = tally_arena_strndup(&c->arena, rel, n);
	if (c->nd == c->capd) {
		c->capd = c->capd ? c->capd * 2 : 256;
		c->dv = xrealloc(c->dv, c->capd * sizeof(*c->dv));
	}
	c->dv[c->nd++] = e;
	smap_add(&c->dmap, e);
	return e;
}

/* The directory of rel changed in the new site (its mtime must be read
 * again).  Any thread. */
static void
mark_dirty(struct site_cache *c, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	char *dir;

	if (slash == NULL)
		return; /* the top directory is checked by listing it */
	dir = xstrndup(rel, (size_t)(slash - rel));
	pthread_mutex_lock(&c->lock);
	tally_pathlist_add(&c->dirty, dir);
	pthread_mutex_unlock(&c->lock);
	free(dir);
}

/* --- files ------------------------------------------------------------------- */

/* 1 when rel in the tree at dfd is the regular file f describes. */
static int
verify(int dfd, const char *rel, const struct fst *f)
{
	struct stat st;

	return dfd >= 0 && f != NULL && f->present &&
	    fstatat(dfd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode) && (uint64_t)st.st_ino == f->ino &&
	    (uint64_t)st.st_size == f->size && ns_of(&st.st_mtim) == f->mtime;
}

static void
fst_of(struct fst *f, const struct stat *st)
{
	f->present = 1;
	f->ino = (uint64_t)st->st_ino;
	f->size = (uint64_t)st->st_size;
	f->mtime = ns_of(&st->st_mtim);
}

/* Removes rel from the temporary directory when the spare put one
 * there.  0, or -1 (reported). */
static int
unlink_tmp(struct site *s, const char *rel)
{
	struct site_cache *c = s->cache;

	if (!c->reuse_spare)
		return 0;
	if (unlinkat(s->tmpfd, rel, 0) == 0) {
		mark_dirty(c, rel);
		return 0;
	}
	if (errno == ENOENT)
		return 0;
	site_syserr(s, rel, "无法删除", "cannot remove");
	return -1;
}

/* Copies rel from the live site into the temporary directory (when a
 * hard link is refused).  0, or -1 (errno). */
static int
copy_live(struct site *s, const char *rel, struct fst *out)
{
	struct site_cache *c = s->cache;
	char buf[65536];
	struct stat st;
	int in, fd, rc = -1;

	in = openat(c->livefd, rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0)
		return -1;
	fd = openat(s->tmpfd, rel, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0666);
	if (fd < 0) {
		close(in);
		return -1;
	}
	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf)), w = 0;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto out;
		if (n == 0)
			break;
		while (w < n) {
			ssize_t k = write(fd, buf + w, (size_t)(n - w));
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				goto out;
			w += k;
		}
	}
	if (fstat(fd, &st) == 0) {
		fst_of(out, &st);
		rc = 0;
	}
out:
	close(in);
	if (close(fd) < 0)
		rc = -1;
	if (rc < 0)
		unlinkat(s->tmpfd, rel, 0);
	return rc;
}

/* Puts the live site's rel (state f, already verified) into the
 * temporary directory: a hard link, else a copy.  out gets its state.
 * 0, or -1 when neither worked (the caller writes the file instead). */
static int
from_live(struct site *s, const char *rel, const struct fst *f,
    struct fst *out)
{
	struct site_cache *c = s->cache;

	if (unlink_tmp(s, rel) < 0)
		return -1;
	*out = *f;
	if (linkat(c->livefd, rel, s->tmpfd, rel, 0) == 0) {
		mark_dirty(c, rel);
		return 0;
	}
	if (errno == ENOENT) {
		/* the directory is new to the temporary tree */
		const char *slash = strrchr(rel, '/');
		if (slash != NULL) {
			char *dir = xstrndup(rel, (size_t)(slash - rel));
			int rc = site_mkdirs(s, dir);
			free(dir);
			if (rc < 0)
				return -1;
		}
		if (linkat(c->livefd, rel, s->tmpfd, rel, 0) == 0) {
			mark_dirty(c, rel);
			return 0;
		}
	}
	if (copy_live(s, rel, out) == 0) {
		mark_dirty(c, rel);
		return 0;
	}
	return -1;
}

/* 1 when rel in the tree at dfd is the file f describes (stat) and holds
 * the len bytes at data. */
static int
same_file(int dfd, const char *rel, const struct fst *f, const void *data,
    size_t len)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd, same = 0;

	if (dfd < 0 || f == NULL || !f->present || f->size != len)
		return 0;
	fd = openat(dfd, rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_ino != f->ino || (uint64_t)st.st_size != len ||
	    ns_of(&st.st_mtim) != f->mtime) {
		close(fd);
		return 0;
	}
	buf = xmalloc(len + 1);
	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	same = got == len && memcmp(buf, data, len) == 0;
	free(buf);
	close(fd);
	return same;
}

int
site_cache_place(struct site *s, struct site_cslot **slotp, const char *rel,
    const void *data, size_t len)
{
	struct site_cache *c = s->cache;
	struct site_cslot *sl = *slotp;

	if (sl == NULL) {
		struct fent *e;
		pthread_mutex_lock(&c->lock);
		e = fent_get(c, rel, 1);
		pthread_mutex_unlock(&c->lock);
		sl = &e->slot;
		if (!sl->touched) {
			sl->cur = e->cur.present ? &e->cur : NULL;
			sl->prev = e->prev.present ? &e->prev : NULL;
		}
		*slotp = sl;
	}
	if (sl->touched && sl->out.present) {
		/* put in place earlier in this build (site_cache_pages) */
		if (same_file(s->tmpfd, rel, &sl->out, data, len))
			return 1;
		if (unlinkat(s->tmpfd, rel, 0) < 0 && errno != ENOENT) {
			site_syserr(s, rel, "无法删除", "cannot remove");
			return -1;
		}
	}
	sl->touched = 1;
	/* the older site already holds these bytes (compared, not hashed:
	 * no collision to fear, and nothing to do when the sizes differ) */
	if (c->reuse_spare && same_file(s->tmpfd, rel, sl->prev, data, len)) {
		sl->out = *sl->prev;
		return 1;
	}
	/* the current site does */
	if (c->live_ok && same_file(c->livefd, rel, sl->cur, data, len) &&
	    from_live(s, rel, sl->cur, &sl->out) == 0)
		return 1;
	memset(&sl->out, 0, sizeof(sl->out));
	if (unlink_tmp(s, rel) < 0)
		return -1;
	mark_dirty(c, rel);
	return 0;
}

void
site_cache_placed(struct site *s, struct site_cslot *slot, int fd)
{
	struct stat st;

	if (slot == NULL)
		return;
	if (fstat(fd, &st) == 0)
		fst_of(&slot->out, &st);
	else
		slot->out.present = 0; /* unknown: never reused */
	(void)s;
}

int
site_cache_stream_open(struct site *s, const char *rel)
{
	struct site_cache *c = s->cache;
	struct fent *e;

	pthread_mutex_lock(&c->lock);
	e = fent_get(c, rel, 1);
	pthread_mutex_unlock(&c->lock);
	/* the spool is deleted before the swap: not part of any site */
	e->track = strcmp(rel, ".consistency.spool") != 0;
	e->slot.touched = 1;
	memset(&e->slot.out, 0, sizeof(e->slot.out));
	if (unlink_tmp(s, rel) < 0)
		return -1;
	mark_dirty(c, rel);
	return 0;
}

void
site_cache_stream_close(struct site *s, const char *rel, int fd)
{
	struct fent *e;
	struct stat st;

	pthread_mutex_lock(&s->cache->lock);
	e = fent_get(s->cache, rel, 1);
	pthread_mutex_unlock(&s->cache->lock);
	memset(&e->slot.out, 0, sizeof(e->slot.out));
	if (fstat(fd, &st) == 0)
		fst_of(&e->slot.out, &st);
}

/* --- keys ---------------------------------------------------------------------- */

/* Appends the files under dir (a directory of the file system) as
 * "rel\tblob" lines, skipping hidden names and symbolic links as theme.c
 * does. */
static int
theme_walk(const char *dir, const char *rel, struct tally_pathlist *out,
    int depth)
{
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if (depth > 16 || (d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL && rc == 0) {
		struct stat st;
		char *full, *sub;
		if (de->d_name[0] == '.' ||
		    fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		full = xasprintf("%s/%s", dir, de->d_name);
		sub = *rel ? xasprintf("%s/%s", rel, de->d_name) :
		    xstrdup(de->d_name);
		if (S_ISDIR(st.st_mode)) {
			rc = theme_walk(full, sub, out, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			char blob[41], *line;
			if (tally_git_hash_file(full, blob) < 0) {
				rc = -1;
			} else {
				line = xasprintf("%s\t%s", sub, blob);
				tally_pathlist_add(out, line);
				free(line);
			}
		}
		free(full);
		free(sub);
	}
	closedir(d);
	return rc;
}

/* The build key (see the top).  0, or -1 when something it needs cannot
 * be read (then there is no cache). */
static int
build_key(struct site_cache *c)
{
	struct site *s = c->s;
	const struct tally_project *p = s->p;
	struct tally_buf b = TALLY_BUF_INIT;
	struct tally_pathlist th = {NULL, 0, 0};
	struct stat st;
	char blob[41], *src;
	size_t len, i;
	int rc = -1;

	tally_buf_printf(&b, "tally-cache %u\n%s\n", CACHE_FORMAT, TALLY_VERSION);
	/* the binary: a rebuilt tally (other rules, other rendering) must not
	 * reuse what another one made */
	if (stat("/proc/self/exe", &st) < 0)
		goto out;
	tally_buf_printf(&b, "exe %llu %llu %llu %lld\n",
	    (unsigned long long)st.st_dev, (unsigned long long)st.st_ino,
	    (unsigned long long)st.st_size, (long long)ns_of(&st.st_mtim));
	if (tally_project_read(p, "tally.yaml", &src, &len, blob) == 0) {
		tally_buf_printf(&b, "config %s\n", blob);
		free(src);
	} else if (errno == ENOENT) {
		tally_buf_puts(&b, "config none\n");
	} else {
		goto out;
	}
	for (i = 0; i < p->schema_files.n; i++) {
		if (tally_project_read(p, p->schema_files.paths[i], &src, &len,
		    blob) < 0)
			goto out;
		free(src);
		tally_buf_printf(&b, "schema %s %s\n", p->schema_files.paths[i],
		    blob);
	}
	tally_buf_printf(&b, "theme %s %d\n", s->theme_dir, s->theme_in_tree);
	if (s->theme_in_tree) {
		struct tally_pathlist l = {NULL, 0, 0};
		struct tally_diags tmp;
		tally_diags_init_like(&tmp, s->d);
		rc = tally_project_list(p, s->theme_dir, NULL, &l, &tmp);
		tally_diags_free(&tmp);
		for (i = 0; rc == 0 && i < l.n; i++) {
			if (tally_project_read(p, l.paths[i], &src, &len, blob) < 0) {
				rc = -1;
				break;
			}
			free(src);
			tally_buf_printf(&b, "%s\t%s\n", l.paths[i], blob);
		}
		tally_pathlist_free(&l);
		if (rc < 0)
			goto out;
		rc = -1;
	} else {
		char *dir = s->theme_dir[0] == '/' ? xstrdup(s->theme_dir) :
		    xasprintf("%s/%s", p->root, s->theme_dir);
		int wrc = theme_walk(dir, "", &th, 0);
		free(dir);
		if (wrc < 0)
			goto out;
		tally_pathlist_sort(&th);
		for (i = 0; i < th.n; i++)
			tally_buf_printf(&b, "%s\n", th.paths[i]);
	}
	tally_buf_printf(&b, "base %s\nlang %s\ndrafts %d\ncontent %s\n"
	    "msglang %d\n", s->base, s->lang, s->o->drafts,
	    p->config.content_dir, (int)s->d->lang);
	rc = key_hash(b.data, b.len, c->gkey);
out:
	tally_pathlist_free(&th);
	tally_buf_free(&b);
	return rc;
}

/* A report's own key: the build key, its path, its blob id and its
 * history (the commits shown on its page). */
static void
own_key(struct site_cache *c, size_t ix, struct tally_buf *b, uint8_t out[20])
{
	const struct site *s = c->s;
	const char *path = s->files.paths[ix];

	tally_buf_reset(b);
	tally_buf_puts(b, "report\n");
	tally_buf_put(b, c->gkey, 20);
	tally_buf_put(b, path, strlen(path) + 1);
	tally_buf_put(b, c->blob[ix], 20);
	if (s->hist == NULL) {
		tally_buf_puts(b, "nohistory");
	} else {
		const struct tally_file_history *fh =
		    tally_history_find(s->hist, path);
		size_t k;
		if (fh == NULL) {
			tally_buf_puts(b, "none");
		} else {
			tally_buf_printf(b, "%zu %d", fh->n, fh->truncated);
			for (k = 0; k < fh->n; k++)
				tally_buf_puts(b, fh->commits[k]->id);
		}
	}
	key_hash(b->data, b->len, out);
}

/* A unit's key: unit.yaml and the path and blob id of each of its
 * reports.  -1 when a blob id is unknown. */
static int
unit_key(struct site_cache *c, const struct site_unit *u, uint8_t out[20])
{
	struct tally_buf b = TALLY_BUF_INIT;
	size_t k;
	int rc;

	tally_buf_printf(&b, "unit\n%s\n%s\n", u->id, u->blob[0] ? u->blob : "-");
	for (k = u->first; k < u->first + u->n; k++) {
		const char *path = c->s->files.paths[k];
		if (!c->known[k]) {
			tally_buf_free(&b);
			return -1;
		}
		tally_buf_put(&b, path, strlen(path) + 1);
		tally_buf_put(&b, c->blob[k], 20);
	}
	rc = key_hash(b.data, b.len, out);
	tally_buf_free(&b);
	return rc;
}

/* --- opening ------------------------------------------------------------------- */

static void
random_bytes(void *p, size_t n)
{
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	size_t got = 0;

	if (fd >= 0) {
		while (got < n) {
			ssize_t r = read(fd, (char *)p + got, n - got);
			if (r <= 0)
				break;
			got += (size_t)r;
		}
		close(fd);
	}
	if (got < n) {
		/* no /dev/urandom: the key only has to be unknown to report
		 * authors, not to the machine's users */
		struct timespec t;
		uint64_t x;
		size_t i;
		clock_gettime(CLOCK_REALTIME, &t);
		x = (uint64_t)ns_of(&t) ^ ((uint64_t)getpid() << 32);
		for (i = got; i < n; i++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			((uint8_t *)p)[i] = (uint8_t)(x >> 56);
		}
	}
}

/* Reads the meta file into the tables.  0, or -1 when there is none or it
 * does not check out. */
static int
read_meta(struct site_cache *c)
{
	char *data;
	size_t len, i;
	struct rd d;
	uint64_t sum;
	uint32_t fmt, endian, n;
	int rc = -1;

	if (tally_read_file(c->meta_path, &data, &len) < 0)
		return -1;
	if (len < MAGIC_LEN + 8 || memcmp(data, META_MAGIC, MAGIC_LEN) != 0)
		goto out;
	memcpy(&sum, data + len - 8, 8);
	if (sum != sum64(data, len - 8))
		goto out;
	d.p = (const uint8_t *)data + MAGIC_LEN;
	d.end = (const uint8_t *)data + len - 8;
	d.bad = 0;
	fmt = get32(&d);
	endian = get32(&d);
	if (fmt != CACHE_FORMAT || endian != ENDIAN_MARK)
		goto out;
	c->gen = get64(&d);
	{
		uint8_t gkey[20]; /* the last build's: reports' keys hold it */
		getmem(&d, gkey, 20);
	}
	(void)get64(&d);
	c->live.has = get8(&d);
	c->live.dev = get64(&d);
	c->live.ino = get64(&d);
	c->sparei.has = get8(&d);
	c->sparei.dev = get64(&d);
	c->sparei.ino = get64(&d);
	n = get32(&d);
	if (d.bad || n > len)
		goto out;
	c->nu = n;
	c->uid = tally_arena_alloc(&c->arena, (n + 1) * sizeof(*c->uid));
	c->ukey = tally_arena_alloc(&c->arena, (n + 1) * sizeof(*c->ukey));
	for (i = 0; i < n && !d.bad; i++) {
		uint32_t l;
		const char *id = getstr(&d, &l);
		c->uid[i] = tally_arena_strndup(&c->arena, id ? id : "", l);
		getmem(&d, c->ukey[i], 20);
	}
	n = get32(&d);
	if (d.bad || n > len)
		goto out;
	for (i = 0; i < n && !d.bad; i++) {
		uint32_t l;
		const char *rel = getstr(&d, &l);
		struct fent *e;
		if (rel == NULL || smap_get(&c->fmap, rel, l) != NULL) {
			d.bad = 1;
			break;
		}
		e = fent_get(c, rel, 1);
		getfst(&d, &e->cur);
		getfst(&d, &e->prev);
		e->has_dig = get8(&d) == 1;
		getmem(&d, e->dig, 20);
		e->has_pre = get8(&d) == 1;
		getmem(&d, e->pre, 16);
	}
	n = get32(&d);
	if (d.bad || n > len)
		goto out;
	for (i = 0; i < n && !d.bad; i++) {
		uint32_t l;
		const char *rel = getstr(&d, &l);
		struct dent *e;
		if (rel == NULL || smap_get(&c->dmap, rel, l) != NULL) {
			d.bad = 1;
			break;
		}
		e = dent_get(c, rel, l, 1);
		getdst(&d, &e->cur);
		getdst(&d, &e->prev);
	}
	c->has_old_lsig = get8(&d);
	getmem(&d, c->old_lsig, 20);
	n = get32(&d);
	if (d.bad || n > len)
		goto out;
	for (i = 0; i < n && !d.bad; i++) {
		uint32_t l;
		const char *rel = getstr(&d, &l);
		if (rel != NULL)
			tally_pathlist_add(&c->old_pages, rel);
	}
	if (!d.bad && d.p == d.end)
		rc = 0;
out:
	free(data);
	return rc;
}

static void
forget_meta(struct site_cache *c)
{
	size_t i;

	for (i = 0; i < c->nf; i++) {
		memset(&c->fv[i]->cur, 0, 2 * sizeof(struct fst));
		c->fv[i]->has_dig = 0;
		c->fv[i]->has_pre = 0;
	}
	for (i = 0; i < c->nd; i++) {
		memset(&c->dv[i]->cur, 0, sizeof(struct dst));
		memset(&c->dv[i]->prev, 0, sizeof(struct dst));
	}
	c->nu = 0;
	c->live.has = c->sparei.has = 0;
	c->has_old_lsig = 0;
}

static const uint8_t *
old_unit_key(const struct site_cache *c, const char *id)
{
	size_t lo = 0, hi = c->nu;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(c->uid[mid], id);
		if (cmp == 0)
			return c->ukey[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void
stat_src(int rootfd, const char *path, struct srcst *out)
{
	struct stat st;

	memset(out, 0, sizeof(*out));
	if (fstatat(rootfd, path, &st, 0) == 0) {
		out->dev = (uint64_t)st.st_dev;
		out->ino = (uint64_t)st.st_ino;
		out->size = (uint64_t)st.st_size;
		out->mtime = ns_of(&st.st_mtim);
		out->ctime = ns_of(&st.st_ctim);
		out->ok = 1;
	}
}

/* Background: reads the last build's records to their end (checking
 * them) and stats each source they name: a source whose stat is the
 * recorded one keeps its blob id.  0, or -1 when the records are missing
 * or damaged (what was read before the damage is still used). */
static int
preread(struct site_cache *c)
{
	struct rdr r;
	const uint8_t *p;
	size_t n;
	int rc;
	char last[4096] = "";

	if (rdr_open(&r, c) < 0) {
		rdr_close(&r);
		return -1;
	}
	while ((rc = rdr_next(&r, &p, &n)) == 1) {
		struct site_crec rec;
		struct pre *e;
		if (rec_parse(p, n, &rec) < 0 || rec.pathlen >= sizeof(last) ||
		    strcmp(last, rec.path) >= 0) {
			rc = -1;
			break;
		}
		memcpy(last, rec.path, rec.pathlen + 1);
		c->nrecs_ok++;
		if (rec.kind == REC_TOMB || c->rev)
			continue;
		if (c->npre == c->cappre) {
			c->cappre = c->cappre ? c->cappre * 2 : 1024;
			c->pre = xrealloc(c->pre, c->cappre * sizeof(*c->pre));
		}
		e = &c->pre[c->npre++];
		e->path = tally_arena_strndup(&c->pre_arena, rec.path, rec.pathlen);
		memcpy(e->blob, rec.blob, 20);
		stat_src(c->rootfd, rec.path, &e->st);
		e->usable = rec.has_blob && rec.src.ok && e->st.ok &&
		    rec.src.dev == e->st.dev && rec.src.ino == e->st.ino &&
		    rec.src.size == e->st.size && rec.src.mtime == e->st.mtime &&
		    rec.src.ctime == e->st.ctime;
	}
	rdr_close(&r);
	return rc == 0 ? 0 : -1;
}

/* This build's sources: stat and blob id of each, from what the
 * background thread found, the rest stat'ed (or, from a git tree, read)
 * here. */
static void
merge_sources(struct site_cache *c)
{
	struct site *s = c->s;
	size_t i, k = 0;

	for (i = 0; i < c->nreps; i++) {
		const char *path = s->files.paths[i];
		int cmp = 1;
		while (k < c->npre && (cmp = strcmp(c->pre[k].path, path)) < 0)
			k++;
		if (k < c->npre && cmp == 0) {
			c->st[i] = c->pre[k].st;
			if (c->pre[k].usable) {
				memcpy(c->blob[i], c->pre[k].blob, 20);
				c->known[i] = 1;
			}
			k++;
		} else if (!c->rev) {
			stat_src(c->rootfd, path, &c->st[i]);
		}
	}
	if (c->rev) {
		/* a git tree has no stat to trust: its blob ids are read */
		for (i = 0; i < c->nreps; i++) {
			char hex[41], *src;
			size_t len;
			if (tally_project_read(s->p, s->files.paths[i], &src, &len,
			    hex) == 0) {
				free(src);
				c->known[i] = unhex(hex, c->blob[i]) == 0;
			}
		}
	}
}

/* 1 when the spare is the tree the index describes: same directory, and
 * nothing added, removed or renamed in any of its directories. */
static int
spare_verify(struct site_cache *c)
{
	struct stat st;
	DIR *d;
	struct dirent *de;
	int fd, ok = 1;
	size_t i;

	fd = open(c->spare, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) < 0 || !c->sparei.has ||
	    (uint64_t)st.st_dev != c->sparei.dev ||
	    (uint64_t)st.st_ino != c->sparei.ino) {
		close(fd);
		return 0;
	}
	for (i = 0; i < c->nd && ok; i++) {
		const struct dent *e = c->dv[i];
		struct stat ds;
		if (!e->prev.present)
			continue;
		if (fstatat(fd, e->rel, &ds, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISDIR(ds.st_mode) || (uint64_t)ds.st_ino != e->prev.ino ||
		    ns_of(&ds.st_mtim) != e->prev.mtime)
			ok = 0;
	}
	/* the top directory's own mtime moves with the renames: list it */
	if (ok && (d = fdopendir(fd)) != NULL) {
		while ((de = readdir(d)) != NULL && ok) {
			const char *n = de->d_name;
			const struct fent *f;
			const struct dent *e;
			if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0)
				continue;
			f = smap_get(&c->fmap, n, strlen(n));
			e = smap_get(&c->dmap, n, strlen(n));
			if (!(f != NULL && f->prev.present) &&
			    !(e != NULL && e->prev.present))
				ok = 0;
		}
		closedir(d);
	} else {
		close(fd);
		ok = 0;
	}
	return ok;
}

static void
cache_close(struct site_cache *c)
{
	struct site_crep *cr, *next;

	if (c == NULL)
		return;
	if (c->bg_running)
		pthread_join(c->bg, NULL);
	free(c->pre);
	tally_arena_free(&c->pre_arena);
	rdr_close(&c->rd);
	if (c->wfd >= 0) {
		close(c->wfd);
		unlinkat(c->dirfd, "records.new", 0);
	}
	if (c->livefd >= 0)
		close(c->livefd);
	if (c->rootfd >= 0)
		close(c->rootfd);
	if (c->dirfd >= 0)
		close(c->dirfd);
	if (c->lockfd >= 0)
		close(c->lockfd); /* releases the lock */
	for (cr = c->creps; cr; cr = next) {
		next = cr->next;
		tally_buf_free(&cr->scratch);
		tally_buf_free(&cr->rules);
		tally_buf_free(&cr->lbuf);
		free(cr->rcount);
		free(cr);
	}
	free(c->dir);
	free(c->spare);
	free(c->meta_path);
	free(c->listing);
	free(c->fv);
	free(c->fmap.v);
	free(c->dv);
	free(c->dmap.v);
	free(c->st);
	free(c->blob);
	free(c->known);
	free(c->repunit);
	free(c->unit_ok);
	free(c->newukey);
	free(c->newuok);
	free(c->ldig);
	tally_pathlist_free(&c->old_pages);
	tally_buf_free(&c->pend);
	tally_buf_free(&c->pagebuf);
	tally_buf_free(&c->wbuf);
	tally_pathlist_free(&c->dirty);
	tally_arena_free(&c->arena);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* 1 when path lies inside dir (both real paths). */
static int
within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* The background part of opening: what needs neither the list of
 * reports nor the output, done while the main thread lists the reports
 * and reads the units. */
static void *
bg_main(void *arg)
{
	struct site_cache *c = arg;

	c->meta_ok = c->dirfd >= 0 && read_meta(c) == 0;
	if (!c->rev) /* a git tree is read by one thread at a time */
		c->key_ok = build_key(c) == 0;
	if (c->meta_ok) {
		c->spare_seen = spare_verify(c);
		c->pre_ok = preread(c) == 0;
	}
	return NULL;
}

/* Takes the cache's lock.  0, or -1 when another build holds it. */
static int
lock_dir(struct site_cache *c)
{
	c->lockfd = openat(c->dirfd, "lock", O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	return c->lockfd >= 0 && flock(c->lockfd, LOCK_EX | LOCK_NB) == 0 ? 0 : -1;
}

void
site_cache_start(struct site *s)
{
	struct site_cache *c;
	struct timespec now;

	if (s->o->no_cache)
		return;
	c = xcalloc(1, sizeof(*c));
	c->s = s;
	c->rootfd = c->dirfd = c->lockfd = c->livefd = c->wfd = -1;
	c->rd.fd = -1;
	pthread_mutex_init(&c->lock, NULL);
	c->rev = s->p->tree != NULL;
	clock_gettime(CLOCK_REALTIME, &now);
	c->t0 = ns_of(&now);
	c->dir = s->p->root[0] && strcmp(s->p->root, ".") != 0 ?
	    xasprintf("%s/%s", s->p->root, CACHE_DIR) : xstrdup(CACHE_DIR);
	c->spare = xasprintf("%s/spare", c->dir);
	c->meta_path = xasprintf("%s/meta", c->dir);

	c->rootfd = open(s->p->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (c->rootfd < 0)
		goto off;
	/* the cache directory, locked: a second build shares nothing; made
	 * only once the output is accepted (site_cache_open) */
	c->dirfd = open(c->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (c->dirfd >= 0 && lock_dir(c) < 0)
		goto off;
	if (c->dirfd < 0 && errno != ENOENT)
		goto off;
	/* libgit2 (blob ids) started here, not first on the thread */
	tally_git_init();
	if (pthread_create(&c->bg, NULL, bg_main, c) == 0)
		c->bg_running = 1;
	else
		bg_main(c);
	s->cache = c;
	return;
off:
	cache_close(c);
}

const char *
site_cache_listing(struct site *s)
{
	struct site_cache *c = s->cache;

	if (c == NULL || c->rev || c->dirfd < 0)
		return NULL;
	if (c->listing == NULL)
		c->listing = xasprintf("%s/listing", c->dir);
	return c->listing;
}

void
site_cache_open(struct site *s, const char *outdir)
{
	struct site_cache *c = s->cache;
	struct stat st, ost;
	char *parent = NULL, *rdir = NULL, *rparent = NULL;
	const char *slash;
	size_t i, k;
	uint8_t head[MAGIC_LEN + 12];
	uint32_t fmt = CACHE_FORMAT;

	if (c->bg_running)
		pthread_join(c->bg, NULL);
	c->bg_running = 0;
	if (c->rev)
		c->key_ok = build_key(c) == 0;
	if (!c->key_ok)
		goto off;
	if (c->dirfd < 0) {
		/* the first build with a cache */
		if (mkdir(c->dir, 0777) < 0 && errno != EEXIST)
			goto off;
		c->dirfd = open(c->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (c->dirfd < 0 || lock_dir(c) < 0)
			goto off;
	}
	/* never inside the output, nor the output inside the cache */
	slash = strrchr(outdir, '/');
	parent = slash ? xstrndup(outdir, (size_t)(slash - outdir)) :
	    xstrdup(".");
	if (*parent == '\0') {
		free(parent);
		parent = xstrdup("/");
	}
	rdir = realpath(c->dir, NULL);
	rparent = realpath(parent, NULL);
	if (rdir == NULL)
		goto off;
	if (rparent != NULL && within(rparent, rdir))
		goto off;
	c->same_fs = rparent != NULL && stat(rparent, &ost) == 0 &&
	    fstat(c->dirfd, &st) == 0 && st.st_dev == ost.st_dev;

	/* the last build, and the output it made */
	if (c->meta_ok) {
		c->livefd = open(outdir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		c->live_ok = c->livefd >= 0 && c->live.has &&
		    fstat(c->livefd, &st) == 0 &&
		    (uint64_t)st.st_dev == c->live.dev &&
		    (uint64_t)st.st_ino == c->live.ino;
	}
	if (!c->live_ok) {
		if (c->livefd >= 0)
			close(c->livefd);
		c->livefd = -1;
		forget_meta(c);
		c->npre = 0;
		c->pre_ok = 0;
	}

	/* this build's sources */
	c->nreps = s->nreps;
	c->st = xcalloc(c->nreps + 1, sizeof(*c->st));
	c->blob = xcalloc(c->nreps + 1, sizeof(*c->blob));
	c->known = xcalloc(c->nreps + 1, 1);
	c->repunit = xmalloc((c->nreps + 1) * sizeof(*c->repunit));
	c->unit_ok = xcalloc(s->nunits + 1, 1);
	c->ldig = xcalloc(c->nreps + 1, sizeof(*c->ldig));
	for (i = 0; i < c->nreps; i++)
		c->repunit[i] = SITE_NOUNIT;
	for (i = 0; i < s->nunits; i++)
		for (k = s->units[i].first; k < s->units[i].first + s->units[i].n;
		    k++)
			c->repunit[k] = (uint32_t)i;
	merge_sources(c);
	free(c->pre);
	c->pre = NULL;
	tally_arena_free(&c->pre_arena);
	c->live_tracked = c->live_ok && c->pre_ok;
	for (i = 0; i < s->nunits; i++) {
		uint8_t key[20];
		const uint8_t *old = old_unit_key(c, s->units[i].id);
		c->unit_ok[i] = old != NULL && unit_key(c, &s->units[i], key) == 0 &&
		    memcmp(key, old, 20) == 0;
	}

	/* the spare: verified, else deleted */
	c->spare_ok = c->live_tracked && c->same_fs && c->spare_seen;
	if (!c->spare_ok && lstat(c->spare, &st) == 0)
		site_rm_tree(c->spare);
	if (!c->spare_ok)
		for (i = 0; i < c->nd; i++)
			memset(&c->dv[i]->prev, 0, sizeof(struct dst));

	/* the last build's records again, for the blocks (checked by the
	 * background thread: as far as it read them); the new ones */
	if (c->live_ok && rdr_open(&c->rd, c) == 0) {
		c->rd.trusted = 1;
		c->rd.limit = c->nrecs_ok;
		c->rd_live = 1;
	} else {
		rdr_close(&c->rd);
	}
	random_bytes(&c->newgen, sizeof(c->newgen));
	if (c->newgen == c->gen)
		c->newgen++;
	c->wfd = openat(c->dirfd, "records.new", O_WRONLY | O_CREAT | O_TRUNC |
	    O_CLOEXEC, 0666);
	if (c->wfd < 0)
		goto off;
	memcpy(head, RECS_MAGIC, MAGIC_LEN);
	memcpy(head + MAGIC_LEN, &fmt, 4);
	memcpy(head + MAGIC_LEN + 4, &c->newgen, 8);
	wput(c, head, sizeof(head));
	goto out;
off:
	cache_close(c);
	s->cache = NULL;
out:
	free(parent);
	free(rdir);
	free(rparent);
}

void
site_cache_take_spare(struct site *s, const char *tmp)
{
	struct site_cache *c = s->cache;

	if (c->spare_ok && rename(c->spare, tmp) == 0)
		c->reuse_spare = 1;
	c->spare_ok = 0;
}

/* --- blocks -------------------------------------------------------------------- */

void
site_cache_fetch(struct site *s, struct site_block *blk)
{
	struct site_cache *c = s->cache;
	struct site_cblock *cb;
	const char *last;
	size_t i = blk->first, end = blk->first + blk->n, j, nt = 0;

	if (c == NULL)
		return;
	cb = xcalloc(1, sizeof(*cb));
	blk->cache = cb;
	cb->byrep = xcalloc(blk->n + 1, sizeof(*cb->byrep));
	if (!c->rd_live || blk->n == 0)
		return;
	last = s->files.paths[end - 1];
	for (;;) {
		const char *path;
		if (!c->have_pend) {
			const uint8_t *p;
			size_t n;
			if (rdr_next(&c->rd, &p, &n) != 1) {
				c->rd_live = 0;
				break;
			}
			tally_buf_reset(&c->pend);
			tally_buf_put(&c->pend, p, n);
			c->have_pend = 1;
		}
		/* the path is the record's first field */
		if (c->pend.len < 5) {
			c->rd_live = 0;
			break;
		}
		path = c->pend.data + 4;
		if (strnlen(path, c->pend.len - 4) == c->pend.len - 4 ||
		    strcmp(path, last) > 0)
			break;
		while (i < end && strcmp(s->files.paths[i], path) < 0)
			i++;
		if (cb->nraw == cb->capraw) {
			cb->capraw = cb->capraw ? cb->capraw * 2 : 16;
			cb->offs = xrealloc(cb->offs, cb->capraw * sizeof(*cb->offs));
			cb->lens = xrealloc(cb->lens, cb->capraw * sizeof(*cb->lens));
			cb->dest = xrealloc(cb->dest, cb->capraw * sizeof(*cb->dest));
		}
		cb->offs[cb->nraw] = cb->raw.len;
		cb->lens[cb->nraw] = c->pend.len;
		/* dest: the report, or where a gone report's tombstone goes
		 * (before report i), marked by the high bit */
		if (i < end && strcmp(s->files.paths[i], path) == 0) {
			cb->dest[cb->nraw] = i;
		} else {
			cb->dest[cb->nraw] = i | ((size_t)1 << (sizeof(size_t) * 8 - 1));
			nt++;
		}
		cb->nraw++;
		tally_buf_put(&cb->raw, c->pend.data, c->pend.len);
		c->have_pend = 0;
	}
	cb->recs = xcalloc(cb->nraw + 1, sizeof(*cb->recs));
	cb->tombs = xcalloc(nt + 1, sizeof(*cb->tombs));
	cb->tomb_before = xcalloc(nt + 1, sizeof(*cb->tomb_before));
	for (j = 0; j < cb->nraw; j++) {
		size_t d = cb->dest[j], hb = (size_t)1 << (sizeof(size_t) * 8 - 1);
		struct site_crec *r = &cb->recs[j];
		if (rec_parse((const uint8_t *)cb->raw.data + cb->offs[j],
		    cb->lens[j], r) < 0)
			continue; /* checked once already: cannot happen */
		if (d & hb) {
			cb->tomb_before[cb->ntomb] = d & ~hb;
			cb->tombs[cb->ntomb++] = r;
		} else {
			/* a tombstone too: its files may still be in the spare */
			cb->byrep[d - blk->first] = r;
		}
	}
}

void
site_cache_flush(struct site *s, struct site_block *blk)
{
	struct site_cache *c = s->cache;

	if (c == NULL || blk->cache == NULL)
		return;
	wput(c, blk->cache->out.data, blk->cache->out.len);
	c->nrec += blk->cache->nout;
}

void
site_cache_block_free(struct site_block *blk)
{
	struct site_cblock *cb = blk->cache;

	if (cb == NULL)
		return;
	tally_buf_free(&cb->raw);
	tally_buf_free(&cb->out);
	free(cb->offs);
	free(cb->lens);
	free(cb->dest);
	free(cb->recs);
	free(cb->byrep);
	free(cb->tombs);
	free(cb->tomb_before);
	free(cb);
	blk->cache = NULL;
}

/* --- reports ------------------------------------------------------------------- */

/* A report that is gone (rec): its files leave the spare, and the site
 * that becomes the spare (the current one) still has them: a tombstone
 * says so to the next build.  Any thread; out gets the tombstone. */
static int
tomb(struct site *s, const struct site_crec *rec, struct tally_buf *out,
    uint64_t *nout)
{
	struct site_cache *c = s->cache;
	struct site_crec t;
	char rel[4096];
	size_t k;
	int any = 0;

	for (k = 0; k < NSLOT && rec->rel != NULL; k++) {
		if (rec->rellen + 6 >= sizeof(rel))
			break;
		slot_rel(rel, rec->rel, rec->rellen, k);
		if (c->reuse_spare && rec->prev[k].present &&
		    unlink_tmp(s, rel) < 0)
			return -1;
		any |= rec->cur[k].present;
	}
	if (!any || !c->live_tracked)
		return 0;
	memset(&t, 0, sizeof(t));
	t.path = rec->path;
	t.pathlen = rec->pathlen;
	t.rel = rec->rel;
	t.rellen = rec->rellen;
	t.kind = REC_TOMB;
	for (k = 0; k < NSLOT; k++)
		t.prev[k] = rec->cur[k];
	rec_put(out, nout, &t);
	return 0;
}

/* Emits the tombstones that come before report ix in path order. */
static int
tombs_before(struct site *s, struct site_cblock *cb, size_t ix)
{
	while (cb->next_tomb < cb->ntomb && cb->tomb_before[cb->next_tomb] <= ix) {
		if (tomb(s, cb->tombs[cb->next_tomb], &cb->out, &cb->nout) < 0)
			return -1;
		cb->next_tomb++;
	}
	return 0;
}

static struct site_crep *
crep_of(struct site_worker *w)
{
	struct site_cache *c = w->s->cache;

	if (w->cache == NULL) {
		struct site_crep *cr = xcalloc(1, sizeof(*cr));
		cr->rcount = xcalloc(tally_nrules + 1, sizeof(*cr->rcount));
		pthread_mutex_lock(&c->lock);
		cr->next = c->creps;
		c->creps = cr;
		pthread_mutex_unlock(&c->lock);
		w->cache = cr;
	}
	return w->cache;
}

struct site_cslot *
site_cache_slot(struct site_worker *w, int k)
{
	if (w->s->cache == NULL || w->cache == NULL || k < 0 || k >= NSLOT)
		return NULL;
	return &w->cache->slot[k];
}

/* The source stat recorded for report ix: not trusted when it is recent
 * enough that a change might not show in it. */
static struct srcst
src_of(const struct site_cache *c, size_t ix)
{
	struct srcst st = c->st[ix];

	if (st.ok && (st.mtime > c->t0 - RACY_NS || st.ctime > c->t0 - RACY_NS))
		st.ok = 0;
	return st;
}

/* Fills the summary of rec into rep (strings kept in the worker's pool). */
static void
restore(struct site_worker *w, const struct site_crec *rec,
    struct site_report *rep)
{
	rep->title = rec->title ? site_keep(w, rec->title, rec->title_len) : NULL;
	rep->type_text = rec->type_text ? site_keep(w, rec->type_text,
	    rec->type_len) : NULL;
	rep->score = rec->score ? site_keep(w, rec->score, rec->score_len) : NULL;
	rep->grade = rec->grade ? site_keep(w, rec->grade, rec->grade_len) : NULL;
	rep->type = rec->type;
	memcpy(rep->published, rec->published, 11);
	memcpy(rep->first, rec->first, 11);
	memcpy(rep->revised, rec->revised, 11);
	rep->budget = rec->budget;
	rep->executed = rec->executed;
	rep->score_dec = rec->score_dec;
	memcpy(rep->count, rec->count, sizeof(rep->count));
	rep->cons_len = rec->cons_len;
	rep->has_budget = (rec->flags & F_BUDGET) != 0;
	rep->has_executed = (rec->flags & F_EXECUTED) != 0;
	rep->has_score = (rec->flags & F_SCORE) != 0;
	rep->page = (rec->flags & F_PAGE) != 0;
	rep->draft = (rec->flags & F_DRAFT) != 0;
	rep->done = 1;
}

static uint8_t
flags_of(const struct site_report *rep)
{
	return (uint8_t)((rep->has_budget ? F_BUDGET : 0) |
	    (rep->has_executed ? F_EXECUTED : 0) | (rep->has_score ? F_SCORE : 0) |
	    (rep->page ? F_PAGE : 0) | (rep->draft ? F_DRAFT : 0));
}

/* Adds rec's findings by rule to the block's counts. */
static void
add_rules(const struct site_crec *rec, struct site_block *blk)
{
	struct rd d = {rec->rules, rec->rules + rec->rules_len, 0};
	uint32_t i;

	if (blk->rule_count == NULL)
		blk->rule_count = xcalloc(tally_nrules, sizeof(*blk->rule_count));
	for (i = 0; i < rec->nrules && !d.bad; i++) {
		uint32_t l, n;
		const char *id = getstr(&d, &l);
		const struct tally_rule_info *ri = id ? tally_rule_find(id) : NULL;
		n = get32(&d);
		if (ri != NULL)
			blk->rule_count[ri - tally_rules] += n;
		else
			blk->other_count += n;
	}
	blk->other_count += rec->other;
}

/* What the listings (index, unit, year, type, consistency and rules
 * pages, the feed and the sitemap) show of report ix: its summary, its
 * consistency group and its findings by rule, as a digest.  Any thread. */
static void
listing_part(struct site_cache *c, struct site_crep *cr, size_t ix,
    const struct site_report *rep, const char *cons, uint32_t cons_len,
    const uint8_t *rules, uint32_t rules_len, uint32_t other)
{
	struct tally_buf *b = &cr->lbuf;
	XXH128_hash_t h;
	size_t k;

	tally_buf_reset(b);
	putcstr(b, c->s->files.paths[ix]);
	putcstr(b, rep->title);
	putcstr(b, rep->type_text);
	putcstr(b, rep->score);
	putcstr(b, rep->grade);
	put32(b, rep->unit);
	put32(b, (uint32_t)rep->type);
	put32(b, (uint32_t)rep->year);
	putstr(b, rep->published, strnlen(rep->published, 11));
	putstr(b, rep->first, strnlen(rep->first, 11));
	putstr(b, rep->revised, strnlen(rep->revised, 11));
	put64(b, (uint64_t)rep->budget.coef);
	put32(b, (uint32_t)rep->budget.scale);
	put64(b, (uint64_t)rep->executed.coef);
	put32(b, (uint32_t)rep->executed.scale);
	put64(b, (uint64_t)rep->score_dec.coef);
	put32(b, (uint32_t)rep->score_dec.scale);
	for (k = 0; k <= TALLY_SEV_ERROR; k++)
		put32(b, rep->count[k]);
	put32(b, rep->cons_len);
	put8(b, flags_of(rep));
	putstr(b, cons, cons_len);
	put32(b, rules_len);
	tally_buf_put(b, rules, rules_len);
	put32(b, other);
	h = XXH3_128bits(b->data, b->len); /* see site_cache_page_reuse */
	put_be64(c->ldig[ix], h.high64);
	put_be64(c->ldig[ix] + 8, h.low64);
}

int
site_cache_lookup(struct site_worker *w, size_t ix, struct site_block *blk,
    uint32_t unit, int year)
{
	struct site *s = w->s;
	struct site_cache *c = s->cache;
	struct site_cblock *cb = blk->cache;
	struct site_crep *cr = crep_of(w);
	const struct site_crec *old = cb ? cb->byrep[ix - blk->first] : NULL;
	struct site_report *rep = &s->reps[ix];
	struct site_crec nr;
	uint8_t key[20];
	int how[NSLOT] = {0, 0, 0}; /* 1 keep from the spare, 2 from live */
	char rel[4096];
	size_t k;

	cr->old = old;
	cr->mark[0] = blk->csv.len;
	cr->mark[1] = blk->json.len;
	cr->mark[2] = blk->search.len;
	cr->mark[3] = blk->cons.len;
	for (k = 0; k < NSLOT; k++) {
		memset(&cr->slot[k], 0, sizeof(cr->slot[k]));
		cr->slot[k].cur = old && c->live_ok && old->cur[k].present ?
		    &old->cur[k] : NULL;
		cr->slot[k].prev = old && c->reuse_spare && old->prev[k].present ?
		    &old->prev[k] : NULL;
	}
	if (cb != NULL && tombs_before(s, cb, ix) < 0)
		return -1;

	/* a hit: same sources, same unit, same place, and its files at hand */
	if (old == NULL || old->kind != REC_ENTRY || !c->known[ix] ||
	    !old->has_blob || memcmp(old->blob, c->blob[ix], 20) != 0 ||
	    (c->repunit[ix] != SITE_NOUNIT && !c->unit_ok[c->repunit[ix]]) ||
	    (old->cons_len > 0 && old->ix != ix) ||
	    (s->o->strict && old->count[TALLY_SEV_ERROR] > 0) ||
	    ((old->flags & F_PAGE) != 0) != (unit != SITE_NOUNIT &&
	    !(old->flags & F_DRAFT)) ||
	    (old->rel != NULL && old->rellen + 6 >= sizeof(rel)))
		return 0;
	own_key(c, ix, &cr->scratch, key);
	if (memcmp(key, old->key, 20) != 0)
		return 0;
	for (k = 0; k < NSLOT && (old->flags & F_PAGE); k++) {
		const struct fst *want = &old->cur[k];
		slot_rel(rel, old->rel, old->rellen, k);
		if (!want->present)
			return 0;
		/* the spare's file is the live one (one inode, linked by an
		 * earlier build): the bytes this key makes */
		if (c->reuse_spare && old->prev[k].present &&
		    old->prev[k].ino == want->ino &&
		    verify(s->tmpfd, rel, &old->prev[k]))
			how[k] = 1;
		else if (c->live_ok && verify(c->livefd, rel, want))
			how[k] = 2;
		else
			return 0;
	}
	for (k = 0; k < NSLOT && (old->flags & F_PAGE); k++) {
		struct site_cslot *sl = &cr->slot[k];
		slot_rel(rel, old->rel, old->rellen, k);
		if (how[k] == 1) {
			sl->out = old->prev[k];
		} else if (from_live(s, rel, &old->cur[k], &sl->out) < 0) {
			/* build it after all, from a clean slate */
			for (k = 0; k < NSLOT; k++) {
				slot_rel(rel, old->rel, old->rellen, k);
				if (unlinkat(s->tmpfd, rel, 0) == 0)
					mark_dirty(c, rel);
				cr->slot[k].touched = 0;
				cr->slot[k].prev = NULL;
			}
			return 0;
		}
		sl->touched = 1;
	}

	/* the summary and the stream pieces */
	restore(w, old, rep);
	rep->unit = rep->page ? unit : SITE_NOUNIT;
	rep->year = rep->page ? year : 0;
	if (!rep->draft) {
		tally_buf_put(&blk->csv, old->piece[0], old->plen[0]);
		tally_buf_put(&blk->json, old->piece[1], old->plen[1]);
		if (rep->page) {
			site_search_head(s, rep, &blk->search);
			tally_buf_put(&blk->search, old->piece[2], old->plen[2]);
			tally_buf_puts(&blk->search, "\x1e]");
		}
		tally_buf_put(&blk->cons, old->piece[3], old->plen[3]);
		add_rules(old, blk);
	}
	listing_part(c, cr, ix, rep, old->piece[3], old->plen[3], old->rules,
	    old->rules_len, old->other);

	/* its record for the next build */
	nr = *old;
	nr.src = src_of(c, ix);
	nr.ix = (uint32_t)ix;
	for (k = 0; k < NSLOT; k++) {
		nr.cur[k] = cr->slot[k].touched ? cr->slot[k].out :
		    (struct fst){0};
		nr.prev[k] = c->live_tracked ? old->cur[k] : (struct fst){0};
	}
	rec_put(&cb->out, &cb->nout, &nr);
	return 1;
}

/* 1 when a report's findings depend on files other than its sources: a
 * relative link (L001 checks that its target exists). */
static int
volatile_links(const struct tally_report *r)
{
	const struct tally_link *l;

	for (l = r->outline.links; l; l = l->next) {
		const char *u = l->url, *q;
		if (u == NULL || u[0] == '\0' || u[0] == '#' ||
		    strncmp(u, "//", 2) == 0)
			continue;
		for (q = u; (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
		    (q > u && ((*q >= '0' && *q <= '9') || *q == '+' || *q == '-' ||
		    *q == '.')); q++)
			;
		if (q > u && *q == ':')
			continue; /* a scheme */
		return 1;
	}
	return 0;
}

int
site_cache_store(struct site_worker *w, size_t ix, struct site_block *blk,
    const struct tally_report *r, const struct tally_diags *rd,
    const char *blob)
{
	struct site *s = w->s;
	struct site_cache *c = s->cache;
	struct site_cblock *cb = blk->cache;
	struct site_crep *cr = crep_of(w);
	const struct site_crec *old = cr->old;
	const struct site_report *rep = &s->reps[ix];
	struct site_crec nr;
	struct tally_buf relb = TALLY_BUF_INIT;
	char rel[4096];
	size_t k, i;
	int rc = 0;

	if (cb == NULL)
		return 0;
	memset(&nr, 0, sizeof(nr));
	nr.path = s->files.paths[ix];
	nr.pathlen = (uint32_t)strlen(nr.path);
	nr.src = c->rev ? (struct srcst){0} : src_of(c, ix);
	if (blob != NULL && blob[0] && unhex(blob, c->blob[ix]) == 0) {
		c->known[ix] = 1;
	} else {
		c->known[ix] = 0; /* not read: its unit cannot be trusted */
		nr.src.ok = 0;
	}
	nr.has_blob = c->known[ix];
	memcpy(nr.blob, c->blob[ix], 20);
	nr.kind = nr.has_blob && r != NULL && (rep->draft || !volatile_links(r)) ?
	    REC_ENTRY : REC_NONE;
	if (nr.kind == REC_ENTRY)
		own_key(c, ix, &cr->scratch, nr.key);
	nr.ix = (uint32_t)ix;
	if (rep->page) {
		site_report_rel(s, rep, &relb);
		nr.rel = relb.data;
		nr.rellen = (uint32_t)relb.len;
	}
	nr.title = rep->title;
	nr.title_len = rep->title ? (uint32_t)strlen(rep->title) : 0;
	nr.type_text = rep->type_text;
	nr.type_len = rep->type_text ? (uint32_t)strlen(rep->type_text) : 0;
	nr.score = rep->score;
	nr.score_len = rep->score ? (uint32_t)strlen(rep->score) : 0;
	nr.grade = rep->grade;
	nr.grade_len = rep->grade ? (uint32_t)strlen(rep->grade) : 0;
	nr.type = rep->type;
	memcpy(nr.published, rep->published, 11);
	memcpy(nr.first, rep->first, 11);
	memcpy(nr.revised, rep->revised, 11);
	nr.budget = rep->budget;
	nr.executed = rep->executed;
	nr.score_dec = rep->score_dec;
	memcpy(nr.count, rep->count, sizeof(nr.count));
	nr.cons_len = rep->cons_len;
	nr.flags = flags_of(rep);
	/* findings by rule, as count_findings counts them */
	tally_buf_reset(&cr->rules);
	if (rd != NULL && !rep->draft) {
		memset(cr->rcount, 0, tally_nrules * sizeof(*cr->rcount));
		for (i = 0; i < rd->n; i++) {
			const struct tally_diag *g = &rd->items[i];
			const struct tally_rule_info *ri = g->rule ?
			    tally_rule_find(g->rule) : NULL;
			if (ri != NULL)
				cr->rcount[ri - tally_rules]++;
			else
				nr.other++;
		}
		for (i = 0; i < tally_nrules; i++)
			if (cr->rcount[i] > 0) {
				putcstr(&cr->rules, tally_rules[i].id);
				put32(&cr->rules, cr->rcount[i]);
				nr.nrules++;
			}
	}
	nr.rules = (const uint8_t *)cr->rules.data;
	nr.rules_len = (uint32_t)cr->rules.len;
	/* the stream pieces it added */
	nr.piece[0] = blk->csv.data ? blk->csv.data + cr->mark[0] : "";
	nr.plen[0] = (uint32_t)(blk->csv.len - cr->mark[0]);
	nr.piece[1] = blk->json.data ? blk->json.data + cr->mark[1] : "";
	nr.plen[1] = (uint32_t)(blk->json.len - cr->mark[1]);
	nr.piece[2] = "";
	if (blk->search.len > cr->mark[2]) {
		/* its headings: between \x1d and the closing "\x1e]" */
		const char *p = blk->search.data + cr->mark[2];
		const char *m = memchr(p, '\x1d', blk->search.len - cr->mark[2]);
		const char *e = blk->search.data + blk->search.len - 2;
		if (m != NULL && m < e && e[0] == '\x1e') {
			nr.piece[2] = m + 1;
			nr.plen[2] = (uint32_t)(e - m - 1);
		} else {
			nr.kind = REC_NONE; /* not the shape search_row writes */
		}
	}
	nr.piece[3] = blk->cons.data ? blk->cons.data + cr->mark[3] : "";
	nr.plen[3] = (uint32_t)(blk->cons.len - cr->mark[3]);
	for (k = 0; k < NSLOT; k++) {
		nr.cur[k] = cr->slot[k].touched ? cr->slot[k].out : (struct fst){0};
		nr.prev[k] = old && c->live_tracked ? old->cur[k] : (struct fst){0};
	}
	/* the spare's files of this report that the new site does not have */
	for (k = 0; k < NSLOT && old && old->rel && c->reuse_spare; k++) {
		if (!old->prev[k].present || old->rellen + 6 >= sizeof(rel))
			continue;
		if (cr->slot[k].touched && nr.rel != NULL &&
		    strcmp(nr.rel, old->rel) == 0)
			continue;
		slot_rel(rel, old->rel, old->rellen, k);
		if (unlink_tmp(s, rel) < 0)
			rc = -1;
	}
	if (old && old->rel && nr.rel == NULL && c->live_tracked)
		nr.rel = old->rel, nr.rellen = old->rellen; /* prev files' place */
	listing_part(c, cr, ix, rep, nr.piece[3], nr.plen[3], nr.rules,
	    nr.rules_len, nr.other);
	rec_put(&cb->out, &cb->nout, &nr);
	for (k = 0; k < NSLOT; k++)
		cr->slot[k].touched = 0;
	cr->old = NULL;
	tally_buf_free(&relb);
	return rc;
}

/* --- the end of a build -------------------------------------------------------- */

static int pre_keep(struct site *s, const char *rel);

/* Puts the last build's file of page e in place when it is still there
 * as it was made: 1, else 0 (the caller makes it). */
static int
keep_page(struct site *s, struct fent *e)
{
	struct site_cache *c = s->cache;
	struct site_cslot *sl = &e->slot;

	if (!e->track || sl->touched || !e->cur.present || !c->live_ok)
		return 0;
	sl->cur = &e->cur;
	sl->prev = e->prev.present ? &e->prev : NULL;
	if (c->reuse_spare && e->prev.present &&
	    e->prev.ino == e->cur.ino && verify(s->tmpfd, e->rel, &e->prev))
		sl->out = e->prev;
	else if (!verify(c->livefd, e->rel, &e->cur) ||
	    from_live(s, e->rel, &e->cur, &sl->out) < 0)
		return 0; /* render it after all */
	sl->touched = 1;
	return 1;
}

int
site_cache_page_reuse(struct site *s, const char *rel, const char *tpl,
    const struct tally_val *root, const struct tally_val *const *opaque,
    size_t nopaque)
{
	struct site_cache *c = s->cache;
	struct tally_buf *b = &c->pagebuf;
	uint8_t dig[20] = {0};
	struct fent *e;
	XXH128_hash_t h;

	/* what the page is made of: the build key (tally, theme, options,
	 * tally.yaml: and so the opaque values), the template, the value.
	 * XXH3's 128 bits: a page is compared with the same page of the last
	 * build, not with adversarial input, and SHA-1 with collision
	 * detection would cost more than rendering the page. */
	tally_buf_reset(b);
	tally_buf_put(b, c->gkey, 20);
	putcstr(b, tpl);
	tally_val_encode(root, opaque, nopaque, b);
	h = XXH3_128bits(b->data, b->len);
	put_be64(dig, h.high64);
	put_be64(dig + 8, h.low64);
	pthread_mutex_lock(&c->lock);
	e = fent_get(c, rel, 1);
	pthread_mutex_unlock(&c->lock);
	memcpy(e->newdig, dig, 20);
	e->has_newdig = 1;
	if (!e->has_dig || memcmp(e->dig, dig, 20) != 0)
		return 0;
	return keep_page(s, e);
}

int
site_cache_unit_page(struct site *s, const struct site_unit *u,
    const char *rel)
{
	struct site_cache *c = s->cache;
	struct tally_buf *b = &c->pagebuf;
	size_t i;

	/* Everything unit_page (pages.c) makes the page from: the build key
	 * (tally, theme, options, schemas and so the types), whether there
	 * is history, the unit, and the summaries of its reports as the
	 * listings see them (listing_part: path, title, type, year, dates,
	 * figures, findings).  The same: the page is what it was, and its
	 * value need not even be made. */
	tally_buf_reset(b);
	tally_buf_puts(b, "unit page 1\n");
	tally_buf_put(b, c->gkey, 20);
	put8(b, s->hist != NULL);
	{
		const char *f[] = {u->id, u->name, u->short_name, u->region,
		    u->parent, u->kind};
		for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
			put8(b, f[i] != NULL); /* absent is not empty */
			putcstr(b, f[i]);
		}
	}
	put32(b, (uint32_t)u->ok);
	put64(b, u->n);
	put64(b, u->published);
	for (i = u->first; i < u->first + u->n && i < s->nreps; i++)
		tally_buf_put(b, c->ldig[i], 16);
	return pre_keep(s, rel);
}

int
site_cache_list_page(struct site *s, const char *rel, const void *own,
    size_t ownlen, const size_t *ix, size_t n)
{
	struct site_cache *c = s->cache;
	struct tally_buf *b = &c->pagebuf;
	size_t i, k;

	/* What a listing page (pages.c: listing) is made from: the build
	 * key, what the caller says of the page (its place, heading, page
	 * number), and per report its summary (listing_part) and what
	 * site_report_val shows of its unit. */
	tally_buf_reset(b);
	tally_buf_puts(b, "listing page 1\n");
	tally_buf_put(b, c->gkey, 20);
	put8(b, s->hist != NULL);
	putstr(b, own, ownlen);
	put64(b, n);
	for (i = 0; i < n; i++) {
		const struct site_report *rep = &s->reps[ix[i]];
		tally_buf_put(b, c->ldig[ix[i]], 16);
		if (rep->unit < s->nunits) {
			const struct site_unit *u = &s->units[rep->unit];
			const char *f[] = {u->id, u->name, u->short_name};
			put8(b, 1);
			for (k = 0; k < 3; k++) {
				put8(b, f[k] != NULL);
				putcstr(b, f[k]);
			}
		} else {
			put8(b, 0);
		}
	}
	return pre_keep(s, rel);
}

/* The page rel made from what c->pagebuf holds: 1 when that is what the
 * last build made it from and its file is in place, else 0. */
static int
pre_keep(struct site *s, const char *rel)
{
	struct site_cache *c = s->cache;
	struct tally_buf *b = &c->pagebuf;
	XXH128_hash_t h = XXH3_128bits(b->data, b->len);
	struct fent *e;

	pthread_mutex_lock(&c->lock);
	e = fent_get(c, rel, 1);
	pthread_mutex_unlock(&c->lock);
	put_be64(e->newpre, h.high64);
	put_be64(e->newpre + 8, h.low64);
	e->has_newpre = 1;
	if (!e->has_pre || memcmp(e->pre, e->newpre, 16) != 0 || !e->has_dig)
		return 0;
	if (!keep_page(s, e))
		return 0;
	e->has_newdig = 1;
	memcpy(e->newdig, e->dig, 20);
	return 1;
}

int
site_cache_pages(struct site *s)
{
	struct site_cache *c = s->cache;
	struct tally_buf b = TALLY_BUF_INIT;
	size_t i;

	/* what every page made from the summaries is made of */
	tally_buf_printf(&b, "listings\nhistory %d\n", s->hist != NULL);
	tally_buf_put(&b, c->gkey, 20);
	put64(&b, s->nreps);
	for (i = 0; i < s->nreps; i++)
		tally_buf_put(&b, c->ldig[i], 16);
	put64(&b, s->nunits);
	for (i = 0; i < s->nunits; i++) {
		const struct site_unit *u = &s->units[i];
		putcstr(&b, u->id);
		putcstr(&b, u->name);
		putcstr(&b, u->short_name);
		putcstr(&b, u->region);
		putcstr(&b, u->parent);
		putcstr(&b, u->kind);
		put32(&b, (uint32_t)u->ok);
		put64(&b, u->first);
		put64(&b, u->n);
	}
	put64(&b, s->sited.n);
	for (i = 0; i < s->sited.n; i++) {
		const struct tally_diag *g = &s->sited.items[i];
		putcstr(&b, g->rule);
		put32(&b, (uint32_t)g->severity);
		putcstr(&b, g->file);
		put32(&b, g->line);
		put32(&b, g->col);
		putcstr(&b, g->msg_zh);
		putcstr(&b, g->msg_en);
	}
	c->has_lsig = key_hash(b.data, b.len, c->lsig) == 0;
	tally_buf_free(&b);
	if (!c->has_lsig || !c->has_old_lsig || !c->live_ok ||
	    memcmp(c->lsig, c->old_lsig, 20) != 0)
		return 0;

	/* the same pages: the last build's files, kept or linked */
	for (i = 0; i < c->nf; i++) {
		struct fent *e = c->fv[i];
		struct site_cslot *sl = &e->slot;
		if (!e->track || sl->touched || !e->cur.present)
			continue;
		sl->cur = &e->cur;
		sl->prev = e->prev.present ? &e->prev : NULL;
		if (c->reuse_spare && e->prev.present &&
		    e->prev.ino == e->cur.ino && verify(s->tmpfd, e->rel, &e->prev))
			sl->out = e->prev;
		else if (!verify(c->livefd, e->rel, &e->cur) ||
		    from_live(s, e->rel, &e->cur, &sl->out) < 0)
			return 0; /* render them after all */
		sl->touched = 1;
		e->has_newdig = e->has_dig;
		memcpy(e->newdig, e->dig, 20);
		e->has_newpre = e->has_pre;
		memcpy(e->newpre, e->pre, 16);
	}
	for (i = 0; i < c->old_pages.n; i++)
		tally_pathlist_add(&s->pages, c->old_pages.paths[i]);
	return 1;
}

static int
cmp_dent_rev(const void *a, const void *b)
{
	return -strcmp((*(struct dent *const *)a)->rel,
	    (*(struct dent *const *)b)->rel);
}

/* Marks dir and its parents used. */
static void
use_dirs(struct site_cache *c, const char *rel)
{
	const char *p = rel + strlen(rel);

	while (p > rel) {
		struct dent *e;
		while (p > rel && *p != '/')
			p--;
		if (p == rel)
			break;
		e = dent_get(c, rel, (size_t)(p - rel), 1);
		if (e->used)
			break; /* and its parents already */
		e->used = 1;
		p--;
	}
}

static void
dirty_parent(struct site_cache *c, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	struct dent *e;

	if (slash != NULL && (e = dent_get(c, rel, (size_t)(slash - rel), 0)))
		e->dirty = 1;
}

int
site_cache_seal(struct site *s)
{
	struct site_cache *c = s->cache;
	struct tally_buf b = TALLY_BUF_INIT, path = TALLY_BUF_INIT;
	struct dent **gone;
	size_t i, ngone = 0;
	uint32_t end = UINT32_MAX;
	uint64_t sum;
	int rc = 0;

	/* the last build's reports after the last one of this build */
	while (c->rd_live || c->have_pend) {
		struct site_crec rec;
		if (!c->have_pend) {
			const uint8_t *p;
			size_t n;
			if (rdr_next(&c->rd, &p, &n) != 1)
				break;
			tally_buf_reset(&c->pend);
			tally_buf_put(&c->pend, p, n);
		}
		c->have_pend = 0;
		if (rec_parse((const uint8_t *)c->pend.data, c->pend.len, &rec) == 0 &&
		    tomb(s, &rec, &b, &c->nrec) < 0)
			rc = -1;
	}
	c->rd_live = 0;
	wput(c, b.data, b.len);
	wput(c, &end, 4);
	wput(c, &c->nrec, 8);
	sum = sum64(&c->nrec, 8);
	wput(c, &sum, 8);
	wflush(c);
	if (close(c->wfd) < 0)
		c->wfail = 1;
	c->wfd = -1;

	/* other files that the spare has and the new site does not */
	for (i = 0; i < c->nf; i++) {
		struct fent *e = c->fv[i];
		if (!e->slot.touched && c->reuse_spare && e->prev.present &&
		    unlink_tmp(s, e->rel) < 0)
			rc = -1;
	}

	/* the directories of the new site */
	for (i = 0; i < s->nreps; i++) {
		if (!s->reps[i].page)
			continue;
		tally_buf_reset(&path);
		site_report_rel(s, &s->reps[i], &path);
		use_dirs(c, tally_buf_cstr(&path));
	}
	for (i = 0; i < c->nf; i++)
		if (c->fv[i]->slot.touched && c->fv[i]->track)
			use_dirs(c, c->fv[i]->rel);
	for (i = 0; i < c->dirty.n; i++) {
		struct dent *e = dent_get(c, c->dirty.paths[i],
		    strlen(c->dirty.paths[i]), 0);
		if (e != NULL)
			e->dirty = 1;
	}
	gone = xcalloc(c->nd + 1, sizeof(*gone));
	for (i = 0; i < c->nd; i++) {
		struct dent *e = c->dv[i];
		int in_spare = c->reuse_spare && e->prev.present;
		if (e->used && !in_spare)
			dirty_parent(c, e->rel); /* made by this build */
		else if (!e->used && in_spare)
			gone[ngone++] = e;
	}
	qsort(gone, ngone, sizeof(*gone), cmp_dent_rev);
	for (i = 0; i < ngone; i++) {
		if (unlinkat(s->tmpfd, gone[i]->rel, AT_REMOVEDIR) < 0 &&
		    errno != ENOENT) {
			/* something the index did not know: cannot happen
			 * after spare_verify, but never publish it */
			char *full = xasprintf("%s/%s", s->tmp, gone[i]->rel);
			if (site_rm_tree(full) < 0) {
				site_syserr(s, gone[i]->rel, "无法删除", "cannot remove");
				rc = -1;
			}
			free(full);
		}
		dirty_parent(c, gone[i]->rel);
	}
	free(gone);
	for (i = 0; i < c->nd && rc == 0; i++) {
		struct dent *e = c->dv[i];
		struct stat st;
		memset(&e->now, 0, sizeof(e->now));
		if (!e->used)
			continue;
		if (c->reuse_spare && e->prev.present && !e->dirty) {
			e->now = e->prev;
		} else if (fstatat(s->tmpfd, e->rel, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISDIR(st.st_mode)) {
			e->now.present = 1;
			e->now.ino = (uint64_t)st.st_ino;
			e->now.mtime = ns_of(&st.st_mtim);
		} else {
			c->wfail = 1; /* a directory the cache cannot vouch for */
		}
	}

	/* the units' keys, from the blob ids of this build */
	c->newukey = xcalloc(s->nunits + 1, sizeof(*c->newukey));
	c->newuok = xcalloc(s->nunits + 1, 1);
	for (i = 0; i < s->nunits; i++)
		c->newuok[i] = unit_key(c, &s->units[i], c->newukey[i]) == 0;
	tally_buf_free(&b);
	tally_buf_free(&path);
	return rc;
}

const char *
site_cache_keep_path(struct site *s)
{
	struct site_cache *c = s->cache;
	struct stat st;

	if (!c->live_tracked || !c->same_fs || c->wfail)
		return NULL;
	if (lstat(c->spare, &st) == 0 && site_rm_tree(c->spare) < 0)
		return NULL;
	return c->spare;
}

void
site_cache_kept(struct site *s)
{
	s->cache->kept = 1;
}

void
site_cache_finish(struct site *s)
{
	struct site_cache *c = s->cache;
	struct tally_buf b = TALLY_BUF_INIT;
	struct stat st;
	uint32_t fmt = CACHE_FORMAT, endian = ENDIAN_MARK, n;
	uint64_t sum;
	size_t i;
	int fd = -1, ok = 0, spare = c->kept && c->live_tracked;

	if (c->wfail)
		goto out;
	tally_buf_put(&b, META_MAGIC, MAGIC_LEN);
	put32(&b, fmt);
	put32(&b, endian);
	put64(&b, c->newgen);
	tally_buf_put(&b, c->gkey, 20);
	put64(&b, (uint64_t)c->t0);
	if (stat(s->out, &st) < 0)
		goto out;
	put8(&b, 1);
	put64(&b, (uint64_t)st.st_dev);
	put64(&b, (uint64_t)st.st_ino);
	if (spare && stat(c->spare, &st) == 0) {
		put8(&b, 1);
		put64(&b, (uint64_t)st.st_dev);
		put64(&b, (uint64_t)st.st_ino);
	} else {
		spare = 0;
		put8(&b, 0);
		put64(&b, 0);
		put64(&b, 0);
	}
	for (i = n = 0; i < s->nunits; i++)
		n += c->newuok[i];
	put32(&b, n);
	for (i = 0; i < s->nunits; i++)
		if (c->newuok[i]) {
			putcstr(&b, s->units[i].id);
			tally_buf_put(&b, c->newukey[i], 20);
		}
	/* other files: the new site's, and the old one's (now the spare) */
	for (i = n = 0; i < c->nf; i++) {
		const struct fent *e = c->fv[i];
		if (e->track && ((e->slot.touched && e->slot.out.present) ||
		    (spare && e->cur.present)))
			n++;
	}
	put32(&b, n);
	for (i = 0; i < c->nf; i++) {
		const struct fent *e = c->fv[i];
		struct fst none = {0};
		if (!(e->track && ((e->slot.touched && e->slot.out.present) ||
		    (spare && e->cur.present))))
			continue;
		putcstr(&b, e->rel);
		putfst(&b, e->slot.touched ? &e->slot.out : &none);
		putfst(&b, spare ? &e->cur : &none);
		/* the digest goes with the file the new site holds */
		put8(&b, e->slot.touched && e->has_newdig);
		tally_buf_put(&b, e->newdig, 20);
		put8(&b, e->slot.touched && e->has_newpre);
		tally_buf_put(&b, e->newpre, 16);
	}
	for (i = n = 0; i < c->nd; i++)
		if (c->dv[i]->now.present || (spare && c->dv[i]->cur.present))
			n++;
	put32(&b, n);
	for (i = 0; i < c->nd; i++) {
		const struct dent *e = c->dv[i];
		struct dst none = {0};
		if (!(e->now.present || (spare && e->cur.present)))
			continue;
		putcstr(&b, e->rel);
		putdst(&b, &e->now);
		putdst(&b, spare ? &e->cur : &none);
	}
	put8(&b, (uint8_t)c->has_lsig);
	tally_buf_put(&b, c->lsig, 20);
	put32(&b, (uint32_t)s->pages.n);
	for (i = 0; i < s->pages.n; i++)
		putcstr(&b, s->pages.paths[i]);
	sum = sum64(b.data, b.len);
	put64(&b, sum);
	fd = openat(c->dirfd, "meta.new", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666);
	if (fd < 0 || write(fd, b.data, b.len) != (ssize_t)b.len)
		goto out;
	if (close(fd) < 0) {
		fd = -1;
		goto out;
	}
	fd = -1;
	if (renameat(c->dirfd, "records.new", c->dirfd, "records") < 0 ||
	    renameat(c->dirfd, "meta.new", c->dirfd, "meta") < 0)
		goto out;
	ok = 1;
out:
	if (fd >= 0)
		close(fd);
	if (!ok) {
		/* the next build starts afresh */
		unlinkat(c->dirfd, "meta.new", 0);
		unlinkat(c->dirfd, "meta", 0);
	}
	tally_buf_free(&b);
}

void
site_cache_free(struct site *s)
{
	cache_close(s->cache);
	s->cache = NULL;
}
