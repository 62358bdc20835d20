/*
 * markdown.c - the outline of a report's Markdown body, and its HTML.
 *
 * The body is parsed once with cmark-gfm (tables, strikethrough, autolinks,
 * tagfilter) and turned into the outline every rule reads: sections nested
 * by heading level with their numbering, and blocks (paragraphs, list items,
 * tables, code, raw HTML) in document order with their plain text and the
 * source position of every piece of it.  This is the only file that sees a
 * cmark type; the parsed document stays behind an opaque pointer for
 * tally_outline_render.
 *
 * Positions.  cmark counts columns in bytes and its inline positions go
 * wrong after a construct that spans lines (a code span, an HTML tag), so
 * block positions come from cmark and inline positions are found again in
 * the source: each text literal is aligned with the source at or after a
 * cursor that only moves forward, allowing for what Markdown drops between
 * and inside literals (delimiters, backslash escapes, entities, link
 * destinations, line prefixes).  Every aligned piece records a span, so a
 * column after **bold** or after an entity is exact (an entity or an
 * escape sits at its '&' or at the escaped character), and columns count
 * code points as the rest of tally does.  When a table interrupts a
 * paragraph, cmark-gfm gives the paragraph no position and the table its
 * first line; node_extent puts both back.  Table cells are found between
 * the pipes of their source row.
 *
 * List items.  The first paragraph of a list item is TALLY_BLOCK_ITEM; an
 * ordered item whose text has no numbering of its own gets the number of
 * its marker as written (ARABIC, len 0), so that "1. 2. 4." stays visible
 * to rule S003 although cmark renumbers it.
 *
 * Inline HTML comments.  Suppression directives
 * (<!-- tally-disable-next-line P001 -- reason -->) may sit inside a
 * paragraph.  Each inline comment becomes a TALLY_BLOCK_HTML block of its
 * own, with its exact position, placed right after the block (paragraph,
 * heading or table) that holds it, and is left out of that block's text;
 * other inline HTML (<span>, <br>) is markup and leaves no block.  A
 * directive's " -- " makes it text, not a comment, for CommonMark 0.29;
 * such comments are found in the text and treated the same (see
 * text_node), so that they neither reach the prose rules nor show on the
 * page.
 *
 * Rendering safety.  tally_outline_render renders without CMARK_OPT_UNSAFE,
 * so raw HTML is replaced by a comment and cmark's own filter blanks
 * javascript:, vbscript:, file: and data: URLs - but it lets
 * data:image/png|gif|jpeg|webp through, and a blanked link still renders as
 * <a href="">.  So at parse time every link or image whose URL names a
 * scheme other than http, https, mailto, ftp or tel is replaced in the
 * document by its content (an image by its alt text); the outline's link
 * list still records it with its URL as written.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif
/* x86-64 machines with AVX2 (checked at run time) compare a literal with
 * the source and find line ends 32 bytes at a time; the
 * results are those of the SSE2 code, which -DTALLY_NO_AVX2 keeps
 * alone (to test it). */
#if defined(__GNUC__) && defined(__x86_64__) && defined(__SSE2__) && \
    !defined(TALLY_NO_AVX2)
#include <immintrin.h>
#define RUN_AVX2 1
#endif

#ifdef RUN_AVX2
static int use_avx2; /* set once, with the extensions */
#endif

/* Plain bodies are outlined without cmark (parse_plain); TALLY_PLAIN=0
 * in the environment sends every body to cmark (to compare the two). */
static int plain_on = 1;

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

/* The node's fields, read directly.  cmark_node_get_* and the tree links
 * are calls into the library, and cmark_node_get_literal copies a text
 * literal into a new NUL-terminated block the first time: tens of
 * thousands of each a run.  The library's own node.h (installed with
 * it) gives the layout; it is used only for the exact version it
 * describes (the shared library's name carries that version), else the
 * accessors below call the public API. */
#include <cmark-gfm_version.h>
#if defined(__has_include)
#if __has_include(<cmark-gfm/node.h>) && \
    CMARK_GFM_VERSION == ((0 << 24) | (29 << 16) | (0 << 8) | 6)
#include <cmark-gfm/node.h>
#define NODE_DIRECT 1
#endif
#endif

#include "model.h"

#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#define NOINLINE __attribute__((noinline))
#else
#define ALWAYS_INLINE inline
#define NOINLINE
#endif

/* ---------------------------------------------------------------------
 * Reading nodes (never NULL here unless said)
 * ------------------------------------------------------------------- */

#ifdef NODE_DIRECT
static inline cmark_node_type nd_type(cmark_node *n) { return (cmark_node_type)n->type; }
static inline cmark_node *nd_first(cmark_node *n) { return n->first_child; }
static inline cmark_node *nd_last(cmark_node *n) { return n->last_child; }
static inline cmark_node *nd_next(cmark_node *n) { return n->next; }
static inline cmark_node *nd_prev(cmark_node *n) { return n->prev; }
static inline cmark_node *nd_parent(cmark_node *n) { return n->parent; }
static inline int nd_line(cmark_node *n) { return n->start_line; }
static inline int nd_col(cmark_node *n) { return n->start_column; }
static inline int nd_end(cmark_node *n) { return n->end_line; }

static inline int
nd_heading_level(cmark_node *n)
{
	return n->type == CMARK_NODE_HEADING ? n->as.heading.level : 0;
}

static inline cmark_list_type
nd_list_type(cmark_node *n)
{
	return n->type == CMARK_NODE_LIST ? n->as.list.list_type : CMARK_NO_LIST;
}

static inline int
nd_list_start(cmark_node *n)
{
	return n->type == CMARK_NODE_LIST ? n->as.list.start : 0;
}

/* The literal of a text, code, HTML or code block node and its length,
 * as cmark_node_get_literal gives it but without its copy: the bytes
 * are not NUL-terminated.  "" for another node. */
static inline const char *
nd_literal(cmark_node *n, size_t *len)
{
	const cmark_chunk *ch;

	switch (n->type) {
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_TEXT:
	case CMARK_NODE_HTML_INLINE:
	case CMARK_NODE_CODE:
		ch = &n->as.literal;
		break;
	case CMARK_NODE_CODE_BLOCK:
		ch = &n->as.code.literal;
		break;
	default:
		*len = 0;
		return "";
	}
	if (ch->data == NULL || ch->len <= 0) {
		*len = 0;
		return "";
	}
	*len = (size_t)ch->len;
	return (const char *)ch->data;
}
#else
static inline cmark_node_type nd_type(cmark_node *n) { return cmark_node_get_type(n); }
static inline cmark_node *nd_first(cmark_node *n) { return cmark_node_first_child(n); }
static inline cmark_node *nd_last(cmark_node *n) { return cmark_node_last_child(n); }
static inline cmark_node *nd_next(cmark_node *n) { return cmark_node_next(n); }
static inline cmark_node *nd_prev(cmark_node *n) { return cmark_node_previous(n); }
static inline cmark_node *nd_parent(cmark_node *n) { return cmark_node_parent(n); }
static inline int nd_line(cmark_node *n) { return cmark_node_get_start_line(n); }
static inline int nd_col(cmark_node *n) { return cmark_node_get_start_column(n); }
static inline int nd_end(cmark_node *n) { return cmark_node_get_end_line(n); }
static inline int nd_heading_level(cmark_node *n) { return cmark_node_get_heading_level(n); }
static inline cmark_list_type nd_list_type(cmark_node *n) { return cmark_node_get_list_type(n); }
static inline int nd_list_start(cmark_node *n) { return cmark_node_get_list_start(n); }

static inline const char *
nd_literal(cmark_node *n, size_t *len)
{
	const char *lit = cmark_node_get_literal(n);

	if (lit == NULL)
		lit = "";
	*len = strlen(lit);
	return lit;
}
#endif

/* cmark keeps offsets in 32-bit ints; a larger body is not a report. */
#define BODY_MAX ((size_t)1 << 30)
/* Bounds on the search for a literal (besides the work budget in
 * locate): the markup between two literals (a link's destination and an
 * HTML tag are skipped elsewhere) and the places tried when a literal is
 * not where expected. */
#define MARKUP_GAP_MAX 1024
#define RECOVER_TRIES 64

static const char *const ext_names[] = {
	"table", "strikethrough", "autolink", "tagfilter",
};

/* cmark-gfm registers its extensions in a global list behind an unlocked
 * flag; reports may be parsed on several threads, so register once. */
static once_flag registered = ONCE_FLAG_INIT;

/* cmark-gfm 0.29 also keeps the inline parser's table of special
 * characters in one global array: cmark_parser_finish adds the
 * extensions' characters ('~', ':', 'w') before it parses inlines and
 * removes them after.  Two documents finished at once on two threads
 * (tally build's workers) could then lose a strikethrough or an
 * autolink, now and then, so finishing is serialized. */
static mtx_t finish_lock;

static void
register_extensions(void)
{
	const char *e = getenv("TALLY_PLAIN");

	cmark_gfm_core_extensions_ensure_registered();
	plain_on = !(e != NULL && strcmp(e, "0") == 0);
#ifdef RUN_AVX2
	use_avx2 = __builtin_cpu_supports("avx2");
#endif
	if (mtx_init(&finish_lock, mtx_plain) != thrd_success)
		abort();
}

/* ---------------------------------------------------------------------
 * cmark's memory: one region a document.
 *
 * cmark-gfm allocates every node, literal and buffer by itself (about a
 * thousand blocks a report) and frees them one by one: for `tally lint`
 * that was a tenth of the run.  So a document's memory comes from an
 * arena of its own, freed at once by tally_outline_release; cmark's free
 * does nothing.  cmark_mem's callbacks take no context, so the arena is
 * found through a thread-local pointer, set only while this file calls
 * into cmark for that document (parse, render).  Every node of the
 * document uses this allocator (cmark will not link nodes of two), and a
 * call with no region set is a bug in this file: it aborts rather than
 * leak.  Each block starts with a header that holds its size, which
 * realloc copies and TALLY_POISON needs.
 * ------------------------------------------------------------------- */

/* The size header, a multiple of the arena's alignment. */
#define ALIGN alignof(max_align_t)
#define HDR ((sizeof(size_t) + ALIGN - 1) & ~(ALIGN - 1))
/* Blocks are cut from slabs of this size taken from the arena (four to
 * one of its chunks); a larger block gets its own piece of the arena. */
#define SLAB (16 * 1024)
#define SLAB_BLOCK_MAX (SLAB / 4)

struct region {
	struct tally_arena mem;
	unsigned char *cur, *end; /* the free part of the current slab */
	unsigned char *last;      /* the last block cut from it (header) */
};

struct doc {
	cmark_node *root;
	struct region reg;
	/* A plain body's (see parse_plain): no tree yet, the body to parse
	 * when it is rendered; the struct is in the outline's arena. */
	int plain;
	const char *body;
	size_t len;
	uint32_t first_line;
};

/* No document's: its slab has no room and no last block, so every call
 * reaches region_get, which aborts (see above).  doc_reg is never NULL,
 * one test less in each call. */
static struct region no_region;
static thread_local struct region *doc_reg = &no_region;

static size_t
round_up(size_t n)
{
	return (n + ALIGN - 1) & ~(ALIGN - 1);
}

/* A block of n bytes, zeroed when zero is set.  cmark asks for a few
 * hundred thousand small blocks a run: they are cut from a slab by
 * bumping a pointer, here, without a call into the arena for each. */
static void *
region_get(size_t n, int zero)
{
	struct region *r = doc_reg;
	unsigned char *h;
	size_t need;

	if (r == &no_region)
		abort();
	if (n > SLAB_BLOCK_MAX) {
		if (n > SIZE_MAX - HDR - ALIGN)
			tally_die_oom();
		h = tally_arena_alloc_raw(&r->mem, HDR + n);
	} else {
		need = HDR + round_up(n);
		if ((size_t)(r->end - r->cur) < need) {
			r->cur = tally_arena_alloc_raw(&r->mem, SLAB);
			r->end = r->cur + SLAB;
			TALLY_POISON(r->cur, SLAB);
		}
		h = r->cur;
		r->cur += need;
		r->last = h;
		TALLY_UNPOISON(h, HDR + n);
	}
	if (zero)
		memset(h + HDR, 0, n);
	memcpy(h, &n, sizeof(n));
	return h + HDR;
}

static size_t
region_size(const void *p)
{
	size_t n;

	memcpy(&n, (const char *)p - HDR, sizeof(n));
	return n;
}

/* A block of n bytes, zeroed when zero is set: the common case inline,
 * room in the slab (this is most of cmark's allocations); else
 * region_get.  calloc'd blocks are cleared one by one, not the slab
 * beforehand: most of a slab goes to buffers that realloc fills, and
 * clearing a whole slab when it was taken wrote lines that had left the
 * first-level cache by the time cmark used them. */
static ALWAYS_INLINE void *
region_cut(size_t n, int zero)
{
	struct region *r = doc_reg;
	unsigned char *h;
	size_t need = HDR + round_up(n);

	if (n > SLAB_BLOCK_MAX || (size_t)(r->end - r->cur) < need)
		return region_get(n, zero);
	h = r->cur;
	r->cur += need;
	r->last = h;
	TALLY_UNPOISON(h, HDR + n);
	memcpy(h, &n, sizeof(n));
	if (zero) {
#ifndef TALLY_ASAN
		/* Most are small (table cells' data): cleared up to the
		 * block's rounded size, with a store or two.  (n - 1
		 * wraps for 0: a block of no bytes has no room.) */
		if (n - 1 < ALIGN)
			memset(h + HDR, 0, ALIGN);
		else if (n - 1 < 2 * ALIGN)
			memset(h + HDR, 0, 2 * ALIGN);
		else
#endif
			memset(h + HDR, 0, n);
	}
	return h + HDR;
}

#if defined(NODE_DIRECT) && defined(__SSE2__) && defined(__GNUC__) && \
    !defined(TALLY_ASAN)
/* Eleven stores clear 176 bytes, a node's rounded size. */
_Static_assert(sizeof(cmark_node) <= 176 && sizeof(cmark_node) > 160,
    "NODE_CLEAR writes as many bytes as a node's block holds");
#define NODE_STORE(p, z, i) _mm_storeu_si128((__m128i *)(void *)((p) + 16 * (i)), (z))
#define NODE_CLEAR(p, z)                                                       \
	do {                                                                   \
		NODE_STORE(p, z, 0); NODE_STORE(p, z, 1); NODE_STORE(p, z, 2);       \
		NODE_STORE(p, z, 3); NODE_STORE(p, z, 4); NODE_STORE(p, z, 5);       \
		NODE_STORE(p, z, 6); NODE_STORE(p, z, 7); NODE_STORE(p, z, 8);       \
		NODE_STORE(p, z, 9); NODE_STORE(p, z, 10);                          \
	} while (0)
#endif

static void *
region_calloc(size_t n, size_t size)
{
	size_t bytes;

#if defined(__GNUC__)
	if (__builtin_mul_overflow(n, size, &bytes))
		tally_die_oom();
#else
	if (size != 0 && n > SIZE_MAX / size)
		tally_die_oom();
	bytes = n * size;
#endif
#if defined(NODE_DIRECT) && defined(__SSE2__) && defined(__GNUC__) && \
    !defined(TALLY_ASAN)
	/* Nodes (a few hundred a report): cleared with 16-byte stores up
	 * to the block's rounded size (GCC makes a memset of this size a
	 * "rep stos", slow to start). */
	if (bytes == sizeof(cmark_node)) {
		unsigned char *p = region_cut(sizeof(cmark_node), 0);
		const __m128i z = _mm_setzero_si128();

		NODE_CLEAR(p, z);
		return p;
	}
#endif
	return region_cut(bytes, 1);
}

/* realloc's other case, out of line so that its common cases save no
 * registers: a new block, and the old one's bytes copied. */
static NOINLINE void *
region_move(void *p, size_t n, size_t old)
{
	void *q = region_get(n, 0);

	memcpy(q, p, old < n ? old : n);
	TALLY_POISON(p, old);
	return q;
}

/* A buffer that grows (cmark's strbufs) is most often the last block cut
 * from the slab: it grows in place when the slab has room. */
static void *
region_realloc(void *p, size_t n)
{
	struct region *r = doc_reg;
	unsigned char *h;
	size_t old;

	if (p == NULL)
		return region_cut(n, 0);
	h = (unsigned char *)p - HDR;
	old = region_size(p);
	if (h == r->last && n <= SLAB_BLOCK_MAX &&
	    (size_t)(r->end - h) >= HDR + round_up(n)) {
		/* A block that shrinks keeps its room (cmark's buffers
		 * seldom do). */
		if (h + HDR + round_up(n) > r->cur)
			r->cur = h + HDR + round_up(n);
		if (n < old)
			TALLY_POISON(h + HDR + n, old - n);
		else
			TALLY_UNPOISON(h, HDR + n);
		memcpy(h, &n, sizeof(n));
		return p;
	}
	return region_move(p, n, old);
}

static void
region_free(void *p)
{
	if (p != NULL)
		TALLY_POISON(p, region_size(p));
}

static cmark_mem region_mem = {region_calloc, region_realloc, region_free};

/* ---------------------------------------------------------------------
 * The source: line starts and byte offset -> (line, code-point column).
 * ------------------------------------------------------------------- */

struct src {
	const char *s;
	size_t len;
	size_t *line;     /* start offset of each line (0-based index) */
	size_t nlines;
	uint32_t first_line;
	/* The last conversion: offsets mostly grow along a line, so the
	 * next column is counted from here rather than the line start.
	 * c_lo and c_hi: the start and the end of line c_idx (its '\n',
	 * or the end of the body).  src_init sets it to offset 0. */
	size_t c_idx, c_off, c_lo, c_hi;
	uint32_t c_col;
};

/* Room for k more line starts. */
static ALWAYS_INLINE void
src_line_room(struct src *sr, size_t k, size_t *cap)
{
	if (*cap - sr->nlines < k) {
		*cap = *cap * 2 + k;
		sr->line = xrealloc(sr->line, *cap * sizeof(*sr->line));
	}
}

/* Notes a line starting at offset k. */
static void
src_line_add(struct src *sr, size_t k, size_t *cap)
{
	src_line_room(sr, 1, cap);
	sr->line[sr->nlines++] = k;
}

#ifdef RUN_AVX2
/* The line ends of s[i..len) 64 and 32 bytes at a time; returns where
 * it stopped (under 32 bytes from len). */
__attribute__((target("avx2"))) static size_t
src_lines_avx2(struct src *sr, size_t i, size_t *cap)
{
	const __m256i nl = _mm256_set1_epi8('\n');
	const char *s = sr->s;

	for (; sr->len - i >= 64; i += 64) {
		__m256i x = _mm256_cmpeq_epi8(_mm256_loadu_si256(
		    (const __m256i *)(const void *)(s + i)), nl);
		__m256i y = _mm256_cmpeq_epi8(_mm256_loadu_si256(
		    (const __m256i *)(const void *)(s + i + 32)), nl);
		__m256i xy = _mm256_or_si256(x, y);
		uint64_t m;

		if (_mm256_testz_si256(xy, xy))
			continue; /* most blocks of 64 have no line end */
		m = (uint64_t)(unsigned)_mm256_movemask_epi8(x) |
		    (uint64_t)(unsigned)_mm256_movemask_epi8(y) << 32;
		src_line_room(sr, 64, cap);
		for (; m != 0; m &= m - 1)
			sr->line[sr->nlines++] = i + (size_t)__builtin_ctzll(m) + 1;
	}
	for (; sr->len - i >= 32; i += 32) {
		unsigned m = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(
		    _mm256_loadu_si256((const __m256i *)(const void *)(s + i)), nl));

		if (m == 0)
			continue;
		src_line_room(sr, 32, cap);
		for (; m != 0; m &= m - 1)
			sr->line[sr->nlines++] = i + (size_t)__builtin_ctz(m) + 1;
	}
	return i;
}
#endif

static void
src_init(struct src *sr, const char *s, size_t len, uint32_t first_line)
{
	size_t cap = len / 32 + 16, i = 0;

	memset(sr, 0, sizeof(*sr));
	sr->s = s;
	sr->len = len;
	sr->first_line = first_line;
	sr->line = xmalloc(cap * sizeof(*sr->line));
	sr->line[0] = 0;
	sr->nlines = 1;
	/* Lines are some eighty bytes: a block compare finds their ends
	 * for less than a memchr call each. */
#ifdef RUN_AVX2
	if (use_avx2)
		i = src_lines_avx2(sr, i, &cap);
#endif
#if defined(__SSE2__) && defined(__GNUC__)
	for (; len - i >= 16; i += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)(s + i)),
		    _mm_set1_epi8('\n')));

		for (; m != 0; m &= m - 1)
			src_line_add(sr, i + (size_t)__builtin_ctz(m) + 1, &cap);
	}
#endif
	for (; i < len; i++)
		if (s[i] == '\n')
			src_line_add(sr, i + 1, &cap);
	sr->c_col = 1; /* offset 0: line 0, column 1 */
	sr->c_hi = sr->nlines > 1 ? sr->line[1] - 1 : len; /* src_line_end */
}

/* Offset of the end of line idx (its '\n', or the end of the body). */
static size_t
src_line_end(const struct src *sr, size_t idx)
{
	return idx + 1 < sr->nlines ? sr->line[idx + 1] - 1 : sr->len;
}

static size_t
src_line_of(const struct src *sr, size_t off)
{
	size_t lo = 0, hi = sr->nlines - 1, mid;

	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		if (sr->line[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

static struct tally_pos
src_pos(struct src *sr, size_t off)
{
	struct tally_pos p;
	size_t idx, k;

	if (off > sr->len)
		off = sr->len;
	if (off >= sr->c_lo && off <= sr->c_hi) {
		/* On the same line (mostly further on, or where it was: a
		 * cell's text where the cell starts): count from whichever
		 * is nearer, the last offset or the line start (a long
		 * one-line body must not make this quadratic). */
		if (off > sr->c_off)
			sr->c_col += (uint32_t)tally_utf8_count(sr->s + sr->c_off,
			    off - sr->c_off);
		else if (off == sr->c_off)
			;
		else if (sr->c_off - off < off - sr->c_lo)
			sr->c_col -= (uint32_t)tally_utf8_count(sr->s + off,
			    sr->c_off - off);
		else
			sr->c_col = 1 + (uint32_t)tally_utf8_count(sr->s + sr->c_lo,
			    off - sr->c_lo);
	} else {
		/* Mostly a line or two further on: looked for from the last
		 * line before a binary search. */
		idx = off > sr->c_lo ? sr->c_idx : 0;
		for (k = 0; k < 8 && idx + 1 < sr->nlines && sr->line[idx + 1] <= off;
		    k++)
			idx++;
		if (idx + 1 < sr->nlines && sr->line[idx + 1] <= off)
			idx = src_line_of(sr, off);
		sr->c_idx = idx;
		sr->c_lo = sr->line[idx];
		sr->c_hi = src_line_end(sr, idx);
		sr->c_col = 1 + (off == sr->c_lo ? 0 :
		    (uint32_t)tally_utf8_count(sr->s + sr->c_lo, off - sr->c_lo));
	}
	sr->c_off = off;
	p.line = sr->first_line + (uint32_t)sr->c_idx;
	p.col = sr->c_col;
	return p;
}

/* Offset of cmark's (line, byte column), both 1-based, clamped to the
 * line; SIZE_MAX when cmark gave no position. */
static ALWAYS_INLINE size_t
src_offset(const struct src *sr, int line, int col)
{
	size_t idx, off, end;

	if (line < 1)
		return SIZE_MAX;
	idx = (size_t)line - 1;
	if (idx >= sr->nlines)
		return sr->len;
	end = src_line_end(sr, idx);
	off = sr->line[idx] + (col > 1 ? (size_t)col - 1 : 0);
	return off > end ? end : off;
}

/* Offset just past cmark line `line` (the start of the next line). */
static size_t
src_after_line(const struct src *sr, int line)
{
	if (line < 1)
		return 0;
	if ((size_t)line >= sr->nlines)
		return sr->len;
	return sr->line[line];
}

static uint32_t
file_line(const struct src *sr, int line)
{
	return sr->first_line + (uint32_t)(line > 1 ? line - 1 : 0);
}

/* ---------------------------------------------------------------------
 * Small growable arrays (freed by the parse)
 * ------------------------------------------------------------------- */

struct spanvec {
	struct tally_span *v;
	size_t n, cap;
};

/* A later span at the same offset replaces the earlier one: it is the
 * more precise of the two (an alignment after a fallback). */
static NOINLINE void
span_grow(struct spanvec *sv)
{
	sv->cap = sv->cap ? sv->cap * 2 : 16;
	sv->v = xrealloc(sv->v, sv->cap * sizeof(*sv->v));
}

static ALWAYS_INLINE void
span_push(struct spanvec *sv, size_t off, struct tally_pos pos)
{
	if (sv->n > 0 && sv->v[sv->n - 1].off == off) {
		sv->v[sv->n - 1].pos = pos;
		return;
	}
	if (sv->n == sv->cap)
		span_grow(sv);
	sv->v[sv->n].off = off;
	sv->v[sv->n].pos = pos;
	sv->n++;
}

/* The position of text[off] from spans sorted by offset: the last span
 * at or before it, plus the code points between. */
static struct tally_pos
spans_pos(const struct tally_span *sp, size_t n, const char *text,
    size_t len, size_t off)
{
	struct tally_pos p = {0, 0};
	size_t lo = 0, hi, mid;

	if (n == 0)
		return p;
	if (off > len)
		off = len;
	hi = n - 1;
	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		if (sp[mid].off <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	p = sp[lo].pos;
	if (p.line != 0 && off > sp[lo].off)
		p.col += (uint32_t)tally_utf8_count(text + sp[lo].off,
		    off - sp[lo].off);
	return p;
}

struct ptrvec {
	void **v;
	size_t n, cap;
};

static void
ptr_push(struct ptrvec *pv, void *p)
{
	if (pv->n == pv->cap) {
		pv->cap = pv->cap ? pv->cap * 2 : 8;
		pv->v = xrealloc(pv->v, pv->cap * sizeof(*pv->v));
	}
	pv->v[pv->n++] = p;
}

/* ---------------------------------------------------------------------
 * The parse state
 * ------------------------------------------------------------------- */

struct open_section {
	struct tally_section *s;
	struct tally_section *last_child;
};

struct ctx {
	struct tally_arena *arena;
	struct tally_outline *out;
	struct src src;
	/* The plain text being collected and its spans. */
	struct tally_buf text;
	struct spanvec spans;
	struct spanvec hspans; /* for an inline HTML literal */
	struct mark {
		size_t off, src;   /* literal offset, source offset */
	} *marks;              /* of the alignment being tried */
	size_t nmarks, capmarks;
	size_t budget;         /* comparisons left for locate */
	size_t cur;            /* alignment cursor (source offset) */
	size_t limit;          /* end of the current block in the source */
	struct tally_link *pending_link; /* waits for its first text */
	struct tally_link *link_tail;
	struct tally_block *block_tail;
	struct ptrvec queued;  /* inline HTML comment blocks to append */
	struct ptrvec unsafe;  /* cmark link/image nodes to unwrap */
	struct ptrvec split;   /* text nodes holding a comment */
	/* A table's text, its spans and a row's cells (kept for the next
	 * table). */
	struct tally_buf tt;
	struct spanvec ts;
	struct segment *segs;
	size_t capsegs;
	size_t *cpos;          /* where each cell's text starts in the table's */
	size_t capcpos;
	struct open_section stack[8]; /* levels 0..6 */
	int depth;
	uint32_t doc_end;      /* file line of the body's last line */
};

static int
is_ascii_punct(unsigned char c)
{
	return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
	    (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

/* What Markdown may drop between two literals: ASCII that is not a
 * letter or digit (delimiters, spaces, line ends, quote markers). */
static int
is_markup(unsigned char c)
{
	return c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'));
}

/* Length of an entity or numeric character reference at s, or 0. */
static size_t
entity_len(const char *s, size_t n)
{
	size_t i = 1, start;

	if (n < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		i = 2;
		if (i < n && (s[i] == 'x' || s[i] == 'X')) {
			i++;
			start = i;
			while (i < n && i - start < 6 &&
			    ((s[i] >= '0' && s[i] <= '9') ||
			    (s[i] >= 'a' && s[i] <= 'f') ||
			    (s[i] >= 'A' && s[i] <= 'F')))
				i++;
		} else {
			start = i;
			while (i < n && i - start < 7 && s[i] >= '0' && s[i] <= '9')
				i++;
		}
	} else {
		start = i;
		while (i < n && i - start < 32 &&
		    ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z')))
			i++;
	}
	if (i == start || i >= n || s[i] != ';')
		return 0;
	return i + 1;
}

/* After a line end: the next line's container prefix and indentation,
 * which block parsing stripped from the literal. */
static size_t
skip_prefix(const struct ctx *c, size_t p, const char *lit, size_t n, size_t i)
{
	const char *s = c->src.s;

	while (p < c->limit && (s[p] == ' ' || s[p] == '\t' || s[p] == '>') &&
	    (i >= n || s[p] != lit[i]))
		p++;
	return p;
}

/* Notes that literal offset i is at source offset p.  Alignments are
 * tried and dropped; positions are computed only for the one kept. */
static void
mark(struct ctx *c, size_t i, size_t p)
{
	if (c->nmarks == c->capmarks) {
		c->capmarks = c->capmarks ? c->capmarks * 2 : 16;
		c->marks = xrealloc(c->marks, c->capmarks * sizeof(*c->marks));
	}
	c->marks[c->nmarks].off = i;
	c->marks[c->nmarks].src = p;
	c->nmarks++;
}

/* A byte of word x is zero: exact, with no false positives. */
#define HAS_ZERO(x) (((x) - 0x0101010101010101ULL) & ~(x) & \
	0x8080808080808080ULL)
#define BYTES(c) (0x0101010101010101ULL * (unsigned char)(c))

#if defined(__SSE2__) && defined(__GNUC__)
/* Bit j for each of the sixteen bytes where a[j] == b[j] and a[j] is not
 * '\\', '&' or a line end, nor '<' when lt is set (same16: all of them). */
static ALWAYS_INLINE unsigned
same16_mask(const char *a, const char *b, int lt)
{
	__m128i u = _mm_loadu_si128((const __m128i *)(const void *)a);
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)b);
	__m128i stop = _mm_or_si128(_mm_or_si128(
	    _mm_cmpeq_epi8(u, _mm_set1_epi8('\\')),
	    _mm_cmpeq_epi8(u, _mm_set1_epi8('&'))),
	    _mm_cmpeq_epi8(u, _mm_set1_epi8('\n')));

	if (lt)
		stop = _mm_or_si128(stop, _mm_cmpeq_epi8(u, _mm_set1_epi8('<')));
	return (unsigned)_mm_movemask_epi8(
	    _mm_andnot_si128(stop, _mm_cmpeq_epi8(u, v)));
}
#endif

/* The length of the run from k < m where a[] and b[] agree and hold no
 * '\\', '&' or line end (the bytes align must look at), nor '<' when lt
 * is set.  Most literals are such runs as long as themselves: they are
 * compared sixteen or eight bytes at a time, the rest byte by byte.  lt
 * is a constant at each call (same_run: align's runs; verbatim asks
 * same_all whether a whole literal is one). */
static ALWAYS_INLINE size_t
same_run_x(const char *a, const char *b, size_t k, size_t m, int lt)
{
	uint64_t x, y;

#if defined(__SSE2__) && defined(__GNUC__)
	/* Sixteen bytes at a time where SSE2 is there (every x86-64). */
	unsigned ok;

	while (m - k >= 16) {
		if ((ok = same16_mask(a + k, b + k, lt)) != 0xFFFF)
			return k + (size_t)__builtin_ctz(~ok);
		k += 16;
	}
	if (k < m && m >= 16) {
		/* The last sixteen bytes, overlapping those already
		 * compared (taken as agreeing). */
		size_t t = m - 16;

		ok = same16_mask(a + t, b + t, lt) | ((1u << (k - t)) - 1);
		if (ok != 0xFFFF)
			return t + (size_t)__builtin_ctz(~ok);
		return m;
	}
#endif
	while (m - k >= 8) {
		memcpy(&x, a + k, 8);
		memcpy(&y, b + k, 8);
		if (x != y || HAS_ZERO(x ^ BYTES('\\')) ||
		    HAS_ZERO(x ^ BYTES('&')) || HAS_ZERO(x ^ BYTES('\n')) ||
		    (lt && HAS_ZERO(x ^ BYTES('<'))))
			break;
		k += 8;
	}
	while (k < m && a[k] == b[k] && a[k] != '\\' && a[k] != '&' &&
	    a[k] != '\n' && !(lt && a[k] == '<'))
		k++;
	return k;
}

static size_t
same_run(const char *a, const char *b, size_t k, size_t m)
{
	return same_run_x(a, b, k, m, 0);
}


/* verbatim's test, where only the answer counts (not where a run
 * stops): 1 when a[0..n) and b[0..n) agree and hold no '\\', '&' or
 * line end (nor '<' when lt is set).  Blocks overlap at the end rather
 * than leaving a rest to take byte by byte. */
#define PLAIN_WORD(x, lt) (!HAS_ZERO((x) ^ BYTES('\\')) && \
	!HAS_ZERO((x) ^ BYTES('&')) && !HAS_ZERO((x) ^ BYTES('\n')) && \
	!((lt) && HAS_ZERO((x) ^ BYTES('<'))))

static ALWAYS_INLINE int
same8(const char *a, const char *b, int lt)
{
	uint64_t x, y;

	memcpy(&x, a, 8);
	memcpy(&y, b, 8);
	return x == y && PLAIN_WORD(x, lt);
}

/* same8 for four bytes. */
#define HAS_ZERO4(x) (((x) - 0x01010101u) & ~(x) & 0x80808080u)
#define BYTES4(c) (0x01010101u * (unsigned char)(c))

static ALWAYS_INLINE int
same4(const char *a, const char *b, int lt)
{
	uint32_t x, y;

	memcpy(&x, a, 4);
	memcpy(&y, b, 4);
	return x == y && !HAS_ZERO4(x ^ BYTES4('\\')) &&
	    !HAS_ZERO4(x ^ BYTES4('&')) && !HAS_ZERO4(x ^ BYTES4('\n')) &&
	    !(lt && HAS_ZERO4(x ^ BYTES4('<')));
}

#if defined(__SSE2__) && defined(__GNUC__)
static ALWAYS_INLINE int
same16(const char *a, const char *b, int lt)
{
	return same16_mask(a, b, lt) == 0xFFFF;
}
#endif

#ifdef RUN_AVX2
/* same_all for n >= 32, 32 bytes at a time. */
__attribute__((target("avx2"))) static inline int
same_all_avx2_x(const char *a, const char *b, size_t n, int lt)
{
	const __m256i bs = _mm256_set1_epi8('\\'), amp = _mm256_set1_epi8('&'),
	    nl = _mm256_set1_epi8('\n'), ltc = _mm256_set1_epi8('<');
	size_t k = 0;
	__m256i u, v, stop;

	/* Blocks up to the last, then the last 32 bytes (overlapping). */
	for (;;) {
		u = _mm256_loadu_si256((const __m256i *)(const void *)(a + k));
		v = _mm256_loadu_si256((const __m256i *)(const void *)(b + k));
		stop = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(u, bs),
		    _mm256_cmpeq_epi8(u, amp)), _mm256_cmpeq_epi8(u, nl));
		if (lt)
			stop = _mm256_or_si256(stop, _mm256_cmpeq_epi8(u, ltc));
		if ((unsigned)_mm256_movemask_epi8(_mm256_andnot_si256(stop,
		    _mm256_cmpeq_epi8(u, v))) != 0xFFFFFFFFu)
			return 0;
		if (k == n - 32)
			return 1;
		k += 32;
		if (n - k < 32)
			k = n - 32;
	}
}

__attribute__((target("avx2"), noinline)) static int
same_all_avx2(const char *a, const char *b, size_t n)
{
	return same_all_avx2_x(a, b, n, 0);
}

__attribute__((target("avx2"), noinline)) static int
same_all_avx2_lt(const char *a, const char *b, size_t n)
{
	return same_all_avx2_x(a, b, n, 1);
}
#endif

static ALWAYS_INLINE int
same_all(const char *a, const char *b, size_t n, int lt)
{
	size_t k;

#ifdef RUN_AVX2
	if (n >= 32 && use_avx2)
		return lt ? same_all_avx2_lt(a, b, n) : same_all_avx2(a, b, n);
#endif
#if defined(__SSE2__) && defined(__GNUC__)
	if (n >= 16) {
		for (k = 0; n - k > 16; k += 16)
			if (!same16(a + k, b + k, lt))
				return 0;
		return same16(a + n - 16, b + n - 16, lt);
	}
#endif
	if (n >= 8) {
		for (k = 0; n - k > 8; k += 8)
			if (!same8(a + k, b + k, lt))
				return 0;
		return same8(a + n - 8, b + n - 8, lt);
	}
	if (n >= 4)
		return same4(a, b, lt) && same4(a + n - 4, b + n - 4, lt);
	for (k = 0; k < n; k++)
		if (a[k] != b[k] || a[k] == '\\' || a[k] == '&' || a[k] == '\n' ||
		    (lt && a[k] == '<'))
			return 0;
	return 1;
}

/* Aligns literal lit[0..n) with the source from offset q, marking
 * (c->marks) wherever the correspondence of columns changes.  raw: code spans and HTML, where escapes and entities are not
 * decoded and a line end may have become a space.  Returns the source
 * offset after the literal, or SIZE_MAX when it does not align there. */
static size_t
align(struct ctx *c, const char *lit, size_t n, size_t q, int raw)
{
	const char *s = c->src.s;
	const unsigned char *u = (const unsigned char *)lit;
	size_t i = 0, p = q, el;
	int need = 1;

	while (i < n) {
		if (p >= c->limit || c->budget == 0)
			return SIZE_MAX;
		c->budget--;
		/* The common case, a run of bytes as written: compared in a
		 * tight loop that stops where an escape, an entity or a line
		 * end may need the cases below. */
		if (s[p] == lit[i] && s[p] != '\\' && s[p] != '&' && s[p] != '\n') {
			size_t k = 1, m = n - i;

			if (m > c->limit - p)
				m = c->limit - p;
			if (need && (i == 0 || (u[i] & 0xC0) != 0x80)) {
				mark(c, i, p);
				need = 0;
			}
			k = same_run(s + p, lit + i, k, m);
			c->budget = c->budget > k ? c->budget - k : 0;
			i += k;
			p += k;
			continue;
		}
		if (!raw && s[p] == '\\' && p + 1 < c->limit &&
		    is_ascii_punct((unsigned char)s[p + 1])) {
			if (s[p + 1] != lit[i])
				return SIZE_MAX;
			/* The escaped character itself carries the span. */
			mark(c, i, p + 1);
			need = 0;
			i++;
			p += 2;
			continue;
		}
		if (!raw && s[p] == '&' &&
		    (el = entity_len(s + p, c->limit - p)) > 0 &&
		    !(n - i >= el && memcmp(lit + i, s + p, el) == 0)) {
			int32_t cp;

			mark(c, i, p);
			i += (size_t)tally_utf8_decode(lit + i, n - i, &cp);
			p += el;
			need = 1;
			continue;
		}
		if (s[p] == lit[i]) {
			/* Spans start at code points; the literal's first byte
			 * always gets one, even a stray continuation byte. */
			if (need && (i == 0 || (u[i] & 0xC0) != 0x80)) {
				mark(c, i, p);
				need = 0;
			}
			i++;
			p++;
			if (lit[i - 1] == '\n') {
				p = skip_prefix(c, p, lit, n, i);
				need = 1;
			}
			continue;
		}
		if (raw && lit[i] == ' ' && s[p] == '\n') {
			i++;
			p = skip_prefix(c, p + 1, lit, n, i);
			need = 1;
			continue;
		}
		/* cmark turns NUL into U+FFFD: one code point for one. */
		if (s[p] == '\0' && n - i >= 3 && u[i] == 0xEF && u[i + 1] == 0xBF &&
		    u[i + 2] == 0xBD) {
			if (need) {
				mark(c, i, p);
				need = 0;
			}
			i += 3;
			p++;
			continue;
		}
		return SIZE_MAX;
	}
	return p;
}

/* 0 when align cannot get past the first byte: a source byte that is
 * not the literal's first and could not stand for it (an escape, an
 * entity, a line end, a NUL). */
static int
may_align(char s0, char l0)
{
	return s0 == l0 || s0 == '\\' || s0 == '&' || s0 == '\n' || s0 == '\0';
}

/* 1 when literal lit[0..n) (n > 0) is as written, byte for byte, at the
 * first place locate tries it (past markup that cannot stand for its
 * first byte), with nothing in it that align must look at: then align
 * would place it there with one span, at *at.  Most literals are, and
 * this finds them without align's bookkeeping. */
static ALWAYS_INLINE int
verbatim_x(const struct ctx *c, const char *lit, size_t n, size_t *at, int lt)
{
	const char *s = c->src.s;
	size_t q = c->cur, lim = c->limit;

	if (q >= lim)
		return 0;
	/* Mostly the literal starts at the cursor. */
	while (q < lim && s[q] != lit[0] && q - c->cur < MARKUP_GAP_MAX &&
	    !may_align(s[q], lit[0]) && is_markup((unsigned char)s[q]))
		q++;
	if (q >= lim || q - c->cur >= MARKUP_GAP_MAX || s[q] != lit[0] ||
	    n > lim - q || !same_all(s + q, lit, n, lt))
		return 0;
	*at = q;
	return 1;
}

static int
verbatim(const struct ctx *c, const char *lit, size_t n, size_t *at)
{
	return verbatim_x(c, lit, n, at, 0);
}

/* verbatim for the literal of a block's one text node (only_text): 0 as
 * well when the literal holds a '<' (a comment may need cutting out, see
 * text_node), found in the same pass as the comparison. */
static ALWAYS_INLINE int
verbatim_text(const struct ctx *c, const char *lit, size_t n, size_t *at)
{
	return verbatim_x(c, lit, n, at, 1);
}

/* Finds where literal lit[0..n) is in the source at or after the cursor
 * and records its spans (text offset base) in sv.  First only markup may
 * lie between the cursor and the literal; failing that, the first place
 * in the block where it aligns (this recovers after a literal that could
 * not be placed); failing that, a span at the cursor.  Returns the
 * position of the literal's first character. */
static struct tally_pos
locate(struct ctx *c, struct spanvec *sv, size_t base, const char *lit,
    size_t n, int raw)
{
	const char *s = c->src.s;
	size_t saved, q, end = SIZE_MAX, tries = 0, i;

	/* A span already at this offset (an empty literal before) is
	 * superseded by this literal's. */
	if (sv->n > 0 && sv->v[sv->n - 1].off == base)
		sv->n--;
	saved = sv->n;
	if (c->cur > c->limit)
		c->cur = c->limit;
	/* Work allowed for all attempts: a literal that is where it should
	 * be costs about n; no input may make the search quadratic. */
	c->budget = 4 * n + 1024;
	if (n > 0 && verbatim(c, lit, n, &q)) {
		span_push(sv, base, src_pos(&c->src, q));
		c->cur = q + n;
		return sv->v[saved].pos;
	}
	if (n > 0) {
		for (q = c->cur; q < c->limit && q - c->cur < MARKUP_GAP_MAX; q++) {
			c->nmarks = 0;
			if (!may_align(s[q], lit[0])) {
				/* What align would spend on this try. */
				if (c->budget > 0)
					c->budget--;
			} else if ((end = align(c, lit, n, q, raw)) != SIZE_MAX) {
				break;
			}
			if (!is_markup((unsigned char)s[q]))
				break;
		}
		for (; end == SIZE_MAX && q < c->limit && tries < RECOVER_TRIES;
		    q++, tries++) {
			const char *f = memchr(s + q, lit[0], c->limit - q);

			if (f == NULL)
				break;
			q = (size_t)(f - s);
			c->nmarks = 0;
			end = align(c, lit, n, q, raw);
			if (end != SIZE_MAX)
				break;
		}
	}
	if (end != SIZE_MAX && c->nmarks > 0) {
		for (i = 0; i < c->nmarks; i++)
			span_push(sv, base + c->marks[i].off,
			    src_pos(&c->src, c->marks[i].src));
		c->cur = end;
		return sv->v[saved].pos;
	}
	for (q = c->cur; q < c->limit && is_markup((unsigned char)s[q]); q++)
		;
	span_push(sv, base, src_pos(&c->src, q));
	return sv->v[sv->n - 1].pos;
}

/* ---------------------------------------------------------------------
 * Links
 * ------------------------------------------------------------------- */

/* 1 when a URL may be rendered as a link: a relative reference or one of
 * a few schemes.  Browsers ignore tabs and line ends inside a scheme and
 * spaces before it, so this does too. */
static int
safe_url(const char *url)
{
	static const char *const ok[] = {"http", "https", "mailto", "ftp", "tel"};
	const unsigned char *p = (const unsigned char *)url;
	char scheme[16];
	size_t k = 0, i;
	int too_long = 0;

	while (*p != '\0' && *p <= 0x20)
		p++;
	for (; *p != '\0' && *p != ':'; p++) {
		unsigned char ch = *p;

		if (ch == '\t' || ch == '\n' || ch == '\r')
			continue;
		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch + 32);
		if (!((ch >= 'a' && ch <= 'z') ||
		    (k > 0 && ((ch >= '0' && ch <= '9') || ch == '+' ||
		    ch == '-' || ch == '.'))))
			return 1; /* no scheme: a relative reference */
		if (k + 1 < sizeof(scheme))
			scheme[k] = (char)ch;
		else
			too_long = 1; /* not one we allow, if a colon follows */
		k++;
	}
	if (*p == '\0' || k == 0)
		return 1;
	if (too_long)
		return 0;
	scheme[k] = '\0';
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(scheme, ok[i]) == 0)
			return 1;
	return 0;
}

static void
link_enter(struct ctx *c, cmark_node *node, int image)
{
	struct tally_link *l = tally_arena_alloc(c->arena, sizeof(*l));
	const char *url = cmark_node_get_url(node);
	const char *s = c->src.s;
	size_t p;

	l->url = tally_arena_strdup(c->arena, url ? url : "");
	l->image = image;
	if (c->link_tail)
		c->link_tail->next = l;
	else
		c->out->links = l;
	c->link_tail = l;
	if (!safe_url(l->url))
		ptr_push(&c->unsafe, node);

	for (p = c->cur; p < c->limit && s[p] != '\0' && strchr(" \t\n>*_~", s[p]);
	    p++)
		;
	if (p < c->limit && (s[p] == '[' || s[p] == '<' ||
	    (s[p] == '!' && p + 1 < c->limit && s[p + 1] == '['))) {
		l->pos = src_pos(&c->src, p);
		/* Past the opening bracket, so that an image inside the
		 * link text finds its own. */
		c->cur = p + (s[p] == '!' ? 2 : 1);
	} else {
		c->pending_link = l; /* an extended autolink: its text */
	}
}

static size_t
skip_space(const struct ctx *c, size_t p)
{
	while (p < c->limit && c->src.s[p] != '\0' && strchr(" \t\n>", c->src.s[p]))
		p++;
	return p;
}

/* Skips an inline link's "(destination "title")" at p ('('). */
static size_t
skip_destination(const struct ctx *c, size_t p)
{
	const char *s = c->src.s;
	size_t lim = c->limit;
	int depth = 0;
	char close;

	p = skip_space(c, p + 1);
	if (p < lim && s[p] == '<') {
		for (p++; p < lim && s[p] != '>' && s[p] != '\n'; p++)
			if (s[p] == '\\' && p + 1 < lim)
				p++;
		if (p < lim && s[p] == '>')
			p++;
	} else {
		for (; p < lim; p++) {
			if (s[p] == '\\' && p + 1 < lim) {
				p++;
				continue;
			}
			if (s[p] == ' ' || s[p] == '\t' || s[p] == '\n')
				break;
			if (s[p] == '(')
				depth++;
			else if (s[p] == ')' && depth-- == 0)
				break;
		}
	}
	p = skip_space(c, p);
	if (p < lim && (s[p] == '"' || s[p] == '\'' || s[p] == '(')) {
		close = s[p] == '(' ? ')' : s[p];
		for (p++; p < lim && s[p] != close; p++)
			if (s[p] == '\\' && p + 1 < lim)
				p++;
		if (p < lim)
			p++;
		p = skip_space(c, p);
	}
	if (p < lim && s[p] == ')')
		p++;
	return p;
}

/* Moves the cursor past the end of a link: "](url)", "][ref]", "]" or the
 * ">" of an autolink, so that the URL is never taken for text. */
static void
link_exit(struct ctx *c)
{
	const char *s = c->src.s;
	size_t p = c->cur, lim = c->limit;

	if (c->pending_link != NULL) {
		c->pending_link->pos = src_pos(&c->src, c->cur);
		c->pending_link = NULL;
	}
	while (p < lim && s[p] != '\0' && strchr(" \t\n*_~`", s[p]))
		p++;
	if (p < lim && s[p] == '>') {
		c->cur = p + 1;
		return;
	}
	if (p >= lim || s[p] != ']')
		return;
	p++;
	if (p < lim && s[p] == '(') {
		p = skip_destination(c, p);
	} else if (p < lim && s[p] == '[') {
		for (p++; p < lim && s[p] != ']'; p++)
			if (s[p] == '\\' && p + 1 < lim)
				p++;
		if (p < lim)
			p++;
	}
	c->cur = p;
}

/* ---------------------------------------------------------------------
 * Blocks and sections
 * ------------------------------------------------------------------- */

/* tally_arena_alloc for a struct: the clearing inline (its size is
 * known), not a call to memset.  A block's or a section's size (88 to
 * 104 bytes) GCC clears with a "rep stos", slow to start: 16-byte stores
 * instead, written out (GCC makes a loop of them a memset again). */
static ALWAYS_INLINE void *
zalloc(struct tally_arena *a, size_t n)
{
	unsigned char *p = tally_arena_alloc_raw(a, n);

#if defined(__SSE2__) && defined(__GNUC__)
	if (__builtin_constant_p(n) && n % 8 == 0 && n <= 128) {
		const __m128i z = _mm_setzero_si128();

#define ZSTORE(i)                                                              \
	do {                                                                   \
		if (16 * (i) + 16 <= n)                                        \
			_mm_storeu_si128((__m128i *)(void *)(p + 16 * (i)), z);      \
		else if (16 * (i) + 8 <= n)                                    \
			_mm_storel_epi64((__m128i *)(void *)(p + 16 * (i)), z);      \
	} while (0)
		ZSTORE(0); ZSTORE(1); ZSTORE(2); ZSTORE(3);
		ZSTORE(4); ZSTORE(5); ZSTORE(6); ZSTORE(7);
#undef ZSTORE
		return p;
	}
#endif
	return memset(p, 0, n);
}

static struct tally_section *
current_section(struct ctx *c)
{
	return c->stack[c->depth - 1].s;
}

static void
append_block(struct ctx *c, struct tally_block *b)
{
	struct tally_section *s = current_section(c);

	b->section = s;
	if (c->block_tail)
		c->block_tail->next = b;
	else
		c->out->blocks = b;
	c->block_tail = b;
	c->out->nblocks++;
	if (s->first == NULL)
		s->first = b;
	s->nblocks++;
}

/* Appends the inline HTML comments met in the block just appended. */
static void
flush_queued(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->queued.n; i++)
		append_block(c, c->queued.v[i]);
	c->queued.n = 0;
}

/* Copies spans into the arena, making sure the first is at offset 0. */
static void
set_spans(struct ctx *c, struct tally_block *b, const struct spanvec *sv)
{
	size_t extra = sv->n == 0 || sv->v[0].off != 0;

	b->nspans = sv->n + extra;
	b->spans = tally_arena_alloc(c->arena, b->nspans * sizeof(*b->spans));
	if (extra) {
		b->spans[0].off = 0;
		b->spans[0].pos = b->pos;
	}
	if (sv->n)
		memcpy(b->spans + extra, sv->v, sv->n * sizeof(*sv->v));
}

static uint32_t
count_lines(const char *s, size_t n)
{
	uint32_t k = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\n' && i + 1 < n)
			k++;
	return k;
}

/* Inline HTML at the cursor: located so that the cursor moves past it,
 * and queued as a block of its own when it is a comment.  raw: the
 * literal is as written (an HTML node), not decoded text. */
static void
inline_html(struct ctx *c, const char *lit, size_t n, int raw)
{
	struct tally_block *b;
	struct tally_pos pos;

	c->hspans.n = 0;
	pos = locate(c, &c->hspans, 0, lit, n, raw);
	if (n < 4 || memcmp(lit, "<!--", 4) != 0)
		return;
	b = tally_arena_alloc(c->arena, sizeof(*b));
	b->kind = TALLY_BLOCK_HTML;
	b->pos = pos;
	b->end_line = pos.line + count_lines(lit, n);
	b->text = tally_arena_strndup(c->arena, lit, n);
	b->len = n;
	set_spans(c, b, &c->hspans);
	ptr_push(&c->queued, b);
}

/* tally_buf_put with no call when there is room: once a literal. */
static void
text_put(struct tally_buf *b, const char *s, size_t n)
{
	if (b->cap - b->len <= n)
		tally_buf_grow(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* Appends literal text to the block's text and places it. */
static void
place_text(struct ctx *c, const char *lit, size_t len, int code)
{
	size_t base = c->text.len, k = c->spans.n;
	struct tally_pos pos;

	text_put(&c->text, lit, len);
	pos = locate(c, &c->spans, base, lit, len, code);
	if (c->pending_link != NULL) {
		c->pending_link->pos = c->spans.n > k ? c->spans.v[k].pos : pos;
		c->pending_link = NULL;
	}
}

/* The first occurrence of needle[0..k) in s[0..n), or NULL (memmem is
 * not POSIX). */
static const char *
find(const char *s, size_t n, const char *needle, size_t k)
{
	const char *p = s, *end = s + n;

	while ((size_t)(end - p) >= k &&
	    (p = memchr(p, needle[0], (size_t)(end - p) - k + 1)) != NULL) {
		if (memcmp(p, needle, k) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* The next "<!-- ... -->" in lit[0..n): 1 with its bounds, else 0. */
static int
find_comment(const char *lit, size_t n, size_t *start, size_t *end)
{
	const char *a, *z;

	if (lit == NULL || memchr(lit, '<', n) == NULL ||
	    (a = find(lit, n, "<!--", 4)) == NULL)
		return 0;
	z = find(a + 4, n - (size_t)(a + 4 - lit), "-->", 3);
	if (z == NULL)
		return 0;
	*start = (size_t)(a - lit);
	*end = (size_t)(z + 3 - lit);
	return 1;
}

/* A text node.  CommonMark 0.29 does not take "<!-- a -- b -->" for a
 * comment (its text contains "--"), yet that is exactly the form of our
 * suppression directives, and newer CommonMark (0.31) and GitHub do read
 * it as one.  So a comment inside a text literal is cut out of the text,
 * becomes an HTML block like any inline comment, and the node is marked
 * to be split in the document so that the page does not show it. */
static void
text_node(struct ctx *c, cmark_node *n, const char *lit, size_t len)
{
	size_t a, z;
	int split = 0;

	if (memchr(lit, '<', len) == NULL) {
		place_text(c, lit, len, 0); /* the usual case: no comment */
		return;
	}
	while (find_comment(lit, len, &a, &z)) {
		if (a > 0)
			place_text(c, lit, a, 0);
		inline_html(c, lit + a, z - a, 0);
		lit += z;
		len -= z;
		split = 1;
	}
	if (len > 0 || !split)
		place_text(c, lit, len, 0);
	if (split)
		ptr_push(&c->split, n);
}

static NOINLINE int
is_table_named(cmark_node *node)
{
	const char *t = cmark_node_get_type_string(node);

	return t != NULL && strcmp(t, "table") == 0;
}

/* 1 for a table node: a type of the table extension, not numbered in
 * cmark-gfm.h, so known by name (core types are ruled out first). */
static ALWAYS_INLINE int
is_table(cmark_node *node)
{
	switch (nd_type(node)) {
	case CMARK_NODE_DOCUMENT:
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_LIST:
	case CMARK_NODE_ITEM:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
	case CMARK_NODE_THEMATIC_BREAK:
		return 0;
	default:
		return is_table_named(node);
	}
}

/* Where a block node is, in cmark lines and byte column. */
struct extent {
	int line, col, end;
};

/* The line of a table's header row.  When a table interrupts a paragraph
 * ("单位：万元" right above it), cmark-gfm starts the table, and its
 * header row, at the paragraph's first line and gives the paragraph no
 * position at all.  The body rows are right: the header is two lines
 * above the first of them, or, without body rows, the line before the
 * delimiter row that ends the table. */
static int
table_header_line(cmark_node *table)
{
	int start = nd_line(table), h, nbody = 0;
	cmark_node *row = nd_first(table), *k;

	for (k = row ? nd_next(row) : NULL; k; k = nd_next(k))
		nbody++;
	if (nbody > 0 && nd_line(nd_next(row)) > 0)
		h = nd_line(nd_next(row)) - 2;
	else
		h = nd_end(table) - 1 - nbody;
	return h < start ? start : h;
}

static struct extent
node_extent(cmark_node *node)
{
	struct extent e;
	cmark_node *k;

	e.line = nd_line(node);
	e.col = nd_col(node);
	e.end = nd_end(node);
	if (is_table(node)) {
		e.line = table_header_line(node);
	} else if (e.line < 1) {
		k = nd_next(node);
		if (k != NULL && is_table(k)) {
			/* The paragraph a table interrupted (see above). */
			e.line = nd_line(k);
			e.col = nd_col(k);
			e.end = table_header_line(k) - 1;
		} else {
			for (k = nd_parent(node); k &&
			    nd_line(k) < 1; k = nd_parent(k))
				;
			e.line = k ? nd_line(k) : 1;
			e.col = k ? nd_col(k) : 1;
			e.end = e.line;
		}
	}
	if (e.line < 1)
		e.line = 1;
	if (e.end < e.line)
		e.end = e.line;
	return e;
}

/* Starts collecting the text of a block. */
static ALWAYS_INLINE void
text_begin(struct ctx *c, struct extent e)
{
	size_t off = src_offset(&c->src, e.line, e.col);

	c->text.len = 0; /* tally_buf_reset */
	if (c->text.data != NULL)
		c->text.data[0] = '\0';
	c->spans.n = 0;
	c->pending_link = NULL;
	c->cur = off == SIZE_MAX ? 0 : off;
	c->limit = src_after_line(&c->src, e.end);
	if (c->cur > c->limit)
		c->cur = c->limit;
}

/* Entering an inline node. */
static void
inline_enter(struct ctx *c, cmark_node *n)
{
	cmark_node_type t = nd_type(n);
	const char *lit;
	size_t len;

	switch (t) {
	case CMARK_NODE_TEXT:
		lit = nd_literal(n, &len);
		text_node(c, n, lit, len);
		break;
	case CMARK_NODE_CODE:
		lit = nd_literal(n, &len);
		place_text(c, lit, len, 1);
		break;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		text_put(&c->text, "\n", 1);
		break;
	case CMARK_NODE_HTML_INLINE:
		lit = nd_literal(n, &len);
		inline_html(c, lit, len, 1);
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		link_enter(c, n, t == CMARK_NODE_IMAGE);
		break;
	default:
		break;
	}
}

/* Leaving an inline node (only links and images care). */
static void
inline_exit(struct ctx *c, cmark_node *n)
{
	cmark_node_type t = nd_type(n);

	if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE)
		link_exit(c);
}

/* The literal of node's one inline when that is a text node, not empty;
 * its length in *len.  Else NULL.  Most blocks and cells are such: with
 * verbatim_text (which refuses a literal with a '<', that may hold a
 * comment to cut out), they are placed without collecting their text and
 * spans in c->text and c->spans first. */
static const char *
only_text(cmark_node *node, size_t *len)
{
	cmark_node *k = nd_first(node);
	const char *lit;

	if (k == NULL || nd_next(k) != NULL || nd_type(k) != CMARK_NODE_TEXT)
		return NULL;
	lit = nd_literal(k, len);
	if (*len == 0)
		return NULL;
	return lit;
}

/* Collects the plain text of node's inlines into c->text with spans: a
 * walk in document order by the nodes' own links, with the ENTER and
 * EXIT events cmark_iter would give (a link without children is entered
 * and left), but no iterator to allocate. */
static void
walk_inlines(struct ctx *c, cmark_node *node)
{
	cmark_node *n = nd_first(node), *k;

	while (n != NULL) {
		inline_enter(c, n);
		if ((k = nd_first(n)) != NULL) {
			n = k;
			continue;
		}
		inline_exit(c, n);
		while ((k = nd_next(n)) == NULL) {
			n = nd_parent(n);
			if (n == node || n == NULL)
				return;
			inline_exit(c, n);
		}
		n = k;
	}
}

static ALWAYS_INLINE struct tally_pos
extent_pos(struct ctx *c, struct extent e)
{
	return src_pos(&c->src, src_offset(&c->src, e.line, e.col));
}

static int
is_space(char ch)
{
	return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

/* ASCII white space, U+3000 and U+00A0 around a title or cell. */
static ALWAYS_INLINE void
trim(const char **s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)*s;
	size_t len = *n;

	/* Each case looks at the outermost byte first: most texts start
	 * and end with a byte that none of them wants. */
	while (len > 0) {
		if (is_space((char)p[0])) {
			p++;
			len--;
		} else if (p[0] == 0xE3 && len >= 3 && p[1] == 0x80 &&
		    p[2] == 0x80) {
			p += 3;
			len -= 3;
		} else if (p[0] == 0xC2 && len >= 2 && p[1] == 0xA0) {
			p += 2;
			len -= 2;
		} else {
			break;
		}
	}
	while (len > 0) {
		if (is_space((char)p[len - 1])) {
			len--;
		} else if (p[len - 1] == 0x80 && len >= 3 &&
		    p[len - 3] == 0xE3 && p[len - 2] == 0x80) {
			len -= 3;
		} else if (p[len - 1] == 0xA0 && len >= 2 && p[len - 2] == 0xC2) {
			len -= 2;
		} else {
			break;
		}
	}
	*s = (const char *)p;
	*n = len;
}

static void
close_sections(struct ctx *c, int level, uint32_t end_line)
{
	struct tally_section *s;

	while (c->depth > 0 && c->stack[c->depth - 1].s->level >= level) {
		s = c->stack[c->depth - 1].s;
		s->end_line = end_line < s->pos.line ? s->pos.line : end_line;
		c->depth--;
	}
}

/* Opens the section of a heading at pos whose plain text is lit[0..len). */
static void
section_open(struct ctx *c, int level, struct tally_pos pos, const char *lit,
    size_t len)
{
	struct tally_section *s = zalloc(c->arena, sizeof(*s));
	struct open_section *parent;
	const char *t;
	size_t n;

	s->level = level;
	s->pos = pos;
	s->heading = tally_arena_strndup(c->arena, lit, len);
	tally_numbering_parse(s->heading, len, &s->num);
	t = s->heading + s->num.len;
	n = len - s->num.len;
	trim(&t, &n);
	s->title = tally_arena_strndup(c->arena, t, n);

	close_sections(c, level, s->pos.line > 0 ? s->pos.line - 1 : 0);
	parent = &c->stack[c->depth - 1];
	s->parent = parent->s;
	if (parent->last_child)
		parent->last_child->next = s;
	else
		parent->s->child = s;
	parent->last_child = s;
	parent->s->nchild++;
	c->stack[c->depth].s = s;
	c->stack[c->depth].last_child = NULL;
	c->depth++;
	flush_queued(c);
}

static void
do_heading(struct ctx *c, cmark_node *node)
{
	struct extent e = node_extent(node);
	const char *lit;
	size_t len, q;
	int level = nd_heading_level(node);

	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	text_begin(c, e);
	if ((lit = only_text(node, &len)) == NULL ||
	    !verbatim_text(c, lit, len, &q)) {
		walk_inlines(c, node);
		lit = tally_buf_cstr(&c->text);
		len = c->text.len;
	}
	section_open(c, level, extent_pos(c, e), lit, len);
}

/* The number written in an ordered list item's marker ("3." -> 3): the
 * item's own, not the list's start, so that "1. 2. 4." shows the gap. */
static int
item_marker(struct ctx *c, cmark_node *item)
{
	size_t p = src_offset(&c->src, nd_line(item),
	    nd_col(item));
	const char *s = c->src.s;
	cmark_node *k;
	int v = 0, nd = 0;

	if (p != SIZE_MAX) {
		while (p < c->src.len && (s[p] == ' ' || s[p] == '\t' || s[p] == '>'))
			p++;
		while (p < c->src.len && s[p] >= '0' && s[p] <= '9' && nd < 9) {
			v = v * 10 + (s[p++] - '0');
			nd++;
		}
		if (nd > 0 && p < c->src.len && (s[p] == '.' || s[p] == ')'))
			return v;
	}
	v = nd_list_start(nd_parent(item));
	for (k = nd_prev(item); k; k = nd_prev(k))
		v++;
	return v;
}

/* A paragraph's kind, end (cmark line) and numbering, its text set. */
static void
para_close(struct ctx *c, struct tally_block *b, int end)
{
	b->kind = TALLY_BLOCK_PARA;
	b->end_line = file_line(&c->src, end);
	tally_numbering_parse(b->text, b->len, &b->num);
}

static void
do_paragraph(struct ctx *c, cmark_node *node)
{
	struct tally_block *b = zalloc(c->arena, sizeof(*b));
	cmark_node *parent = nd_parent(node);
	struct extent e = node_extent(node);
	const char *lit;
	size_t len, q;

	text_begin(c, e);
	if ((lit = only_text(node, &len)) != NULL &&
	    verbatim_text(c, lit, len, &q)) {
		/* What locate would find: the text as written, one span. */
		b->text = tally_arena_strndup(c->arena, lit, len);
		b->len = len;
		b->spans = tally_arena_alloc_raw(c->arena, sizeof(*b->spans));
		b->spans[0].off = 0;
		b->spans[0].pos = src_pos(&c->src, q);
		b->nspans = 1;
		b->pos = extent_pos(c, e);
	} else {
		walk_inlines(c, node);
		b->pos = extent_pos(c, e);
		b->text = tally_arena_strndup(c->arena, tally_buf_cstr(&c->text),
		    c->text.len);
		b->len = c->text.len;
		set_spans(c, b, &c->spans);
	}
	para_close(c, b, e.end);
	if (parent && nd_type(parent) == CMARK_NODE_ITEM &&
	    nd_prev(node) == NULL) {
		cmark_node *list = nd_parent(parent);

		b->kind = TALLY_BLOCK_ITEM;
		if (b->num.style == TALLY_NUM_NONE && list &&
		    nd_list_type(list) == CMARK_ORDERED_LIST) {
			b->num.style = TALLY_NUM_ARABIC;
			b->num.value = item_marker(c, parent);
			b->num.len = 0;
		}
	}
	append_block(c, b);
	flush_queued(c);
}

/* Code and HTML blocks: the literal as written.  Each literal line is the
 * end of its source line (block parsing removed only a prefix), which
 * gives its exact column. */
static void
do_raw(struct ctx *c, cmark_node *node, enum tally_block_kind kind)
{
	struct tally_block *b = zalloc(c->arena, sizeof(*b));
	size_t n, i, k, ln, off, idx;
	const char *lit = nd_literal(node, &n);
	struct extent e = node_extent(node);
	int line = e.line;

	b->kind = kind;
	b->pos = extent_pos(c, e);
	b->text = tally_arena_strndup(c->arena, lit, n);
	b->len = n;
	if (kind == TALLY_BLOCK_CODE) {
		/* A fenced block's content starts on the line after the
		 * fence; an indented block's on its first line. */
		size_t p = src_offset(&c->src, line, e.col);
		const char *nl = memchr(lit, '\n', n);
		size_t l0 = nl ? (size_t)(nl - lit) : n;

		if (p != SIZE_MAX && c->src.len - p >= 3 &&
		    (memcmp(c->src.s + p, "```", 3) == 0 ||
		    memcmp(c->src.s + p, "~~~", 3) == 0) &&
		    !(src_line_end(&c->src, (size_t)line - 1) - p == l0 &&
		    memcmp(c->src.s + p, lit, l0) == 0))
			line++;
		b->end_line = file_line(&c->src, e.end);
	} else {
		/* cmark's end line of an HTML block can be before its start. */
		b->end_line = b->pos.line + count_lines(lit, n);
	}
	/* One span a literal line; an empty literal still gets one. */
	c->spans.n = 0;
	for (i = 0, ln = 0; line >= 1; ln++) {
		const char *nl = memchr(lit + i, '\n', n - i);

		k = nl ? (size_t)(nl - (lit + i)) : n - i;
		idx = (size_t)line - 1 + ln;
		if (idx >= c->src.nlines)
			break;
		off = src_line_end(&c->src, idx);
		if (off - c->src.line[idx] >= k &&
		    memcmp(c->src.s + off - k, lit + i, k) == 0) {
			off -= k;
		} else {
			for (off = c->src.line[idx]; off < src_line_end(&c->src, idx) &&
			    (c->src.s[off] == ' ' || c->src.s[off] == '\t'); off++)
				;
		}
		span_push(&c->spans, i, src_pos(&c->src, off));
		if (nl == NULL || nl + 1 == lit + n)
			break;
		i += k + 1;
	}
	set_spans(c, b, &c->spans);
	append_block(c, b);
}

struct segment {
	size_t start, end; /* source offsets of a cell's text between pipes */
};

/* The first unescaped '|' in s[q..end), or end. */
static size_t
find_pipe(const char *s, size_t q, size_t end)
{
	for (;;) {
#if defined(__SSE2__) && defined(__GNUC__)
		/* Cells are mostly text with no '|' or '\\' in it. */
		while (end - q >= 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + q));
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			    _mm_cmpeq_epi8(x, _mm_set1_epi8('|')),
			    _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));

			if (m != 0) {
				q += (size_t)__builtin_ctz(m);
				break;
			}
			q += 16;
		}
#endif
		while (q < end && s[q] != '|' && s[q] != '\\')
			q++;
		if (q >= end || s[q] == '|')
			return q;
		q += q + 1 < end ? 2 : 1; /* an escaped character */
	}
}

/* Splits the source row at offset p into its cells at unescaped pipes.
 * Returns the number of segments stored in *segs (a growing array). */
static size_t
row_segments(const struct ctx *c, size_t p, size_t end, struct segment **segs,
    size_t *cap)
{
	const char *s = c->src.s;
	size_t n = 0, q;

	while (p < end && (s[p] == ' ' || s[p] == '\t'))
		p++;
	if (p < end && s[p] == '|')
		p++;
	while (p < end) {
		q = find_pipe(s, p, end);
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*segs = xrealloc(*segs, *cap * sizeof(**segs));
		}
		(*segs)[n].start = p;
		(*segs)[n].end = q;
		n++;
		if (q >= end)
			break;
		p = q + 1;
		for (q = p; q < end && (s[q] == ' ' || s[q] == '\t'); q++)
			;
		if (q >= end)
			break; /* a trailing pipe */
	}
	return n;
}

/* A row of a table being placed: its cells' segments in the source, its
 * end and its last character, and where its missing cells go. */
struct trow {
	size_t nseg, end, last;
	struct tally_pos endpos; /* line 0 until found */
};

/* Finds the segments of the row on cmark line rl (byte column col). */
static void
row_begin(struct ctx *c, int rl, int col, struct trow *w)
{
	size_t p = src_offset(&c->src, rl, col), idx;

	if (p == SIZE_MAX)
		p = 0;
	idx = src_line_of(&c->src, p);
	w->end = src_line_end(&c->src, idx);
	w->nseg = row_segments(c, p, w->end, &c->segs, &c->capsegs);
	/* Missing cells are placed after the row's last character. */
	for (w->last = w->end; w->last > p && (c->src.s[w->last - 1] == ' ' ||
	    c->src.s[w->last - 1] == '\t'); w->last--)
		;
	w->endpos.line = 0;
	w->endpos.col = 0;
}

/* Places cell i (column col) of a table and appends its text to the
 * table's (c->tt, spans c->ts).  present: the row has the cell (cmark
 * pads a short row); lit: its one text literal (only_text), or NULL;
 * node: the cell, walked when its literal is not as written (NULL: a
 * cell with no inlines). */
static void
cell_put(struct ctx *c, struct tally_table *t, size_t i, size_t col,
    struct trow *w, int present, const char *lit, size_t ln,
    cmark_node *node)
{
	struct tally_cell *tc = &t->cells[i];
	const struct segment *segs = c->segs;
	const char *txt = "";
	size_t tn = 0, q;
	int verb = 0;

	if (present) {
		c->cur = col < w->nseg ? segs[col].start : w->last;
		c->limit = col < w->nseg ? segs[col].end : w->end;
		if (lit != NULL && verbatim_text(c, lit, ln, &q)) {
			/* One span, at q (see do_paragraph); the cell is at
			 * its first character after trimming. */
			txt = lit;
			tn = ln;
			trim(&txt, &tn);
			if (tn > 0) {
				tc->pos = src_pos(&c->src, q);
				if (txt > lit)
					tc->pos.col += (uint32_t)tally_utf8_count(lit,
					    (size_t)(txt - lit));
			}
			verb = 1;
		} else {
			tally_buf_reset(&c->text);
			c->spans.n = 0;
			c->pending_link = NULL;
			if (node != NULL)
				walk_inlines(c, node);
			txt = tally_buf_cstr(&c->text);
			tn = c->text.len;
			trim(&txt, &tn);
		}
	}
	if (tn == 0) {
		/* Where the cell is, when it has no text. */
		if (col < w->nseg) {
			for (q = segs[col].start; q < segs[col].end &&
			    (c->src.s[q] == ' ' || c->src.s[q] == '\t'); q++)
				;
			tc->pos = src_pos(&c->src,
			    q < segs[col].end ? q : segs[col].start);
		} else {
			/* Found once a row. */
			if (w->endpos.line == 0)
				w->endpos = src_pos(&c->src, w->last);
			tc->pos = w->endpos;
		}
	}
	if (col > 0)
		text_put(&c->tt, "\t", 1);
	c->cpos[i] = c->tt.len;
	if (tn > 0 && verb) {
		span_push(&c->ts, c->tt.len, tc->pos);
	} else if (tn > 0) {
		/* The text's own spans, so that a cell written "**200**" is
		 * placed at its 2. */
		size_t lead = (size_t)(txt - c->text.data), k;

		tc->pos = spans_pos(c->spans.v, c->spans.n, c->text.data,
		    c->text.len, lead);
		span_push(&c->ts, c->tt.len, tc->pos);
		for (k = 0; k < c->spans.n; k++)
			if (c->spans.v[k].off > lead &&
			    c->spans.v[k].off < lead + tn)
				span_push(&c->ts, c->tt.len +
				    c->spans.v[k].off - lead, c->spans.v[k].pos);
	} else {
		span_push(&c->ts, c->tt.len, tc->pos);
	}
	text_put(&c->tt, txt, tn);
}

/* A table block of nrows x ncols cells, its cells to be placed
 * (cell_put) and the block closed by table_close. */
static struct tally_block *
table_open(struct ctx *c, size_t nrows, size_t ncols, struct tally_pos pos,
    uint32_t end_line)
{
	struct tally_block *b = zalloc(c->arena, sizeof(*b));
	struct tally_table *t = zalloc(c->arena, sizeof(*t));

	t->nrows = nrows;
	t->ncols = ncols == 0 ? 1 : ncols;
	if (t->nrows > SIZE_MAX / t->ncols / sizeof(*t->cells))
		tally_die_oom();
	t->cells = tally_arena_alloc(c->arena,
	    t->nrows * t->ncols * sizeof(*t->cells));
	if (c->capcpos < t->nrows * t->ncols) {
		c->capcpos = t->nrows * t->ncols;
		free(c->cpos);
		c->cpos = xmalloc(c->capcpos * sizeof(*c->cpos));
	}
	b->kind = TALLY_BLOCK_TABLE;
	b->pos = pos;
	b->end_line = end_line;
	b->table = t;
	return b;
}

static void
table_close(struct ctx *c, struct tally_block *b)
{
	struct tally_table *t = b->table;
	/* The cells' texts: one copy of the table's, each cell cut at the
	 * tab or line end after it (the last at the end). */
	size_t i, ncell = t->nrows * t->ncols;
	char *all;

	b->text = tally_arena_strndup(c->arena, tally_buf_cstr(&c->tt),
	    c->tt.len);
	all = tally_arena_strndup(c->arena, b->text, c->tt.len);
	for (i = 0; i < ncell; i++) {
		if (i + 1 < ncell)
			all[c->cpos[i + 1] - 1] = '\0';
		t->cells[i].text = all + c->cpos[i];
	}
	b->len = c->tt.len;
	set_spans(c, b, &c->ts);
	append_block(c, b);
	flush_queued(c);
	tally_buf_reset(&c->tt);
	c->ts.n = 0;
}

static void
do_table(struct ctx *c, cmark_node *node)
{
	struct tally_block *b;
	struct tally_table *t;
	size_t nrows = 0, ncols, r, col;
	cmark_node *row, *cell;
	struct extent e = node_extent(node);

	ncols = cmark_gfm_extensions_get_table_columns(node);
	for (row = nd_first(node); row; row = nd_next(row)) {
		size_t k = 0;

		nrows++;
		for (cell = nd_first(row); cell; cell = nd_next(cell))
			k++;
		if (k > ncols)
			ncols = k; /* never: cmark drops excess cells */
	}
	b = table_open(c, nrows, ncols, extent_pos(c, e),
	    file_line(&c->src, e.end));
	t = b->table;

	for (row = nd_first(node), r = 0; row;
	    row = nd_next(row), r++) {
		int rl = r > 0 ? nd_line(row) : e.line;
		struct trow w;

		/* The delimiter row is not a node: body row r is on the
		 * header's line r + 1 when cmark gives no line. */
		if (rl < 1)
			rl = e.line + (int)r + 1;
		row_begin(c, rl, nd_col(row), &w);
		cell = nd_first(row);
		for (col = 0; col < t->ncols; col++) {
			const char *lit = NULL;
			size_t ln = 0;

			if (cell != NULL)
				lit = only_text(cell, &ln);
			cell_put(c, t, r * t->ncols + col, col, &w, cell != NULL,
			    lit, ln, cell);
			if (cell != NULL)
				cell = nd_next(cell);
		}
		if (row != nd_last(node))
			text_put(&c->tt, "\n", 1);
	}
	table_close(c, b);
}

static void
insert_piece(cmark_node *before, cmark_node_type type, const char *s, size_t n)
{
	cmark_node *k;
	char *t;

	if (n == 0)
		return;
	if ((k = cmark_node_new_with_mem(type, &region_mem)) == NULL)
		tally_die_oom();
	t = xstrndup(s, n);
	cmark_node_set_literal(k, t);
	free(t);
	cmark_node_insert_before(before, k);
}

/* Splits each text node that holds a comment into text and inline HTML
 * nodes, so that rendering drops the comment as it drops all raw HTML. */
static void
split_comments(struct ctx *c)
{
	size_t i, a, z, len;
	cmark_node *node;
	const char *lit;

	for (i = 0; i < c->split.n; i++) {
		node = c->split.v[i];
		lit = cmark_node_get_literal(node);
		len = lit ? strlen(lit) : 0;
		while (find_comment(lit, len, &a, &z)) {
			insert_piece(node, CMARK_NODE_TEXT, lit, a);
			insert_piece(node, CMARK_NODE_HTML_INLINE, lit + a, z - a);
			lit += z;
			len -= z;
		}
		insert_piece(node, CMARK_NODE_TEXT, lit, len);
		cmark_node_unlink(node);
		cmark_node_free(node);
	}
}

/* Replaces each unsafe link or image by its content, so the renderer
 * never emits it as a link. */
static void
unwrap_unsafe(struct ctx *c)
{
	size_t i;
	cmark_node *node, *ch;

	for (i = 0; i < c->unsafe.n; i++) {
		node = c->unsafe.v[i];
		while ((ch = cmark_node_first_child(node)) != NULL)
			cmark_node_insert_before(node, ch);
		cmark_node_unlink(node);
		cmark_node_free(node);
	}
}

/* The blocks of the document in order: a walk by the nodes' own links
 * (no iterator to allocate) that goes into containers (the document,
 * quotes, lists, items) and not into what it hands to do_* whole. */
static void
walk_blocks(struct ctx *c, cmark_node *doc)
{
	cmark_node *n = doc, *k;
	int inside;

	for (;;) {
		inside = 0;
		switch (nd_type(n)) {
		case CMARK_NODE_HEADING:
			do_heading(c, n);
			break;
		case CMARK_NODE_PARAGRAPH:
			do_paragraph(c, n);
			break;
		case CMARK_NODE_CODE_BLOCK:
			do_raw(c, n, TALLY_BLOCK_CODE);
			break;
		case CMARK_NODE_HTML_BLOCK:
			do_raw(c, n, TALLY_BLOCK_HTML);
			break;
		default:
			if (is_table(n))
				do_table(c, n);
			else
				inside = 1;
			break;
		}
		if (inside && (k = nd_first(n)) != NULL) {
			n = k;
			continue;
		}
		while ((k = nd_next(n)) == NULL) {
			n = nd_parent(n);
			if (n == NULL || n == doc)
				return;
		}
		n = k;
	}
}

/* Sets up the walk's state for a body of len bytes (not empty: "" when
 * there is none). */
static void
ctx_init(struct ctx *c, struct tally_arena *arena, const struct src *sr,
    struct tally_outline *out)
{
	size_t last;

	memset(c, 0, sizeof(*c));
	c->src = *sr;
	c->arena = arena;
	c->out = out;
	/* Room for what a report mostly needs: one allocation each rather
	 * than a few reallocations. */
	tally_buf_grow(&c->text, 1023);
	tally_buf_grow(&c->tt, 4095);
	c->spans.cap = 64;
	c->spans.v = xmalloc(c->spans.cap * sizeof(*c->spans.v));
	c->ts.cap = 256;
	c->ts.v = xmalloc(c->ts.cap * sizeof(*c->ts.v));
	c->stack[0].s = &out->root;
	c->depth = 1;
	/* The body's last line: a final line end does not start a line. */
	last = sr->nlines;
	if (sr->len > 0 && sr->s[sr->len - 1] == '\n')
		last--;
	c->doc_end = sr->first_line + (uint32_t)(last > 0 ? last - 1 : 0);
}

static void
ctx_free(struct ctx *c)
{
	free(c->src.line);
	tally_buf_free(&c->text);
	free(c->spans.v);
	free(c->hspans.v);
	free(c->queued.v);
	free(c->unsafe.v);
	free(c->split.v);
	free(c->marks);
	tally_buf_free(&c->tt);
	free(c->ts.v);
	free(c->segs);
	free(c->cpos);
}

static void
outline_begin(struct tally_outline *out, uint32_t first_line)
{
	memset(out, 0, sizeof(*out));
	out->root.heading = "";
	out->root.title = "";
	out->root.pos.line = first_line;
	out->root.pos.col = 1;
}

/* ---------------------------------------------------------------------
 * Plain bodies
 *
 * Most report bodies are ATX headings, paragraphs of plain text and pipe
 * tables, with no emphasis, link, code, HTML, list, quote or escape: for
 * them cmark's parse (some forty per cent of tally lint) gives nothing
 * the lines do not show.  So a body is first checked line by line
 * against a subset of GFM whose reading is unambiguous (plain_body), and
 * when it is in it, its outline is built here from the lines, with the
 * same helpers and exactly as the walk above builds it from cmark's tree
 * (tests/unit/test_outline.c compares the two on every body of the
 * sample corpus, the test cases and generated ones).  Anything else goes
 * to cmark.  A plain body's document is parsed by cmark when it is
 * rendered.
 * ------------------------------------------------------------------- */

/* A byte plain_scan stops at. */
static ALWAYS_INLINE int
plain_stop(unsigned char ch)
{
	switch (ch) {
	case '\\': case '`': case '*': case '_': case '<': case '&': case '~':
	case '@': case '[': case ']': case ':': case 'w': case 'W':
		return 1;
	default:
		return ch < 0x20;
	}
}

/* 1 when byte j of line s[0..n), a byte plain_scan stopped at, is plain
 * text here: a bracket that no "(" or "[" follows (with no definitions
 * in a plain body, "[2016]" is text), a colon not in "://", a w not in
 * "www." (autolinks).  Control bytes, escapes, code, emphasis, HTML,
 * entities, strikethrough and e-mail autolinks are not. */
static int
plain_byte(const char *s, size_t n, size_t j)
{
	switch (s[j]) {
	case '[':
		return 1;
	case ']':
		return j + 1 >= n || (s[j + 1] != '(' && s[j + 1] != '[');
	case ':':
		return n - j < 3 || s[j + 1] != '/' || s[j + 2] != '/';
	case 'w':
	case 'W':
		return n - j < 4 || (s[j + 1] | 0x20) != 'w' ||
		    (s[j + 2] | 0x20) != 'w' || s[j + 3] != '.';
	default:
		return 0;
	}
}

/* 1 when line s[0..n) has no inline markup (plain_byte). */
static int
plain_scan(const char *s, size_t n)
{
	size_t i = 0;

#if defined(__SSE2__) && defined(__GNUC__)
	for (; n - i >= 16; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i m = _mm_and_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
		    _mm_cmpgt_epi8(x, _mm_set1_epi8(-1)));
		unsigned bits;

#define PLAIN_EQ(ch) m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8(ch)))
		PLAIN_EQ('\\'); PLAIN_EQ('`'); PLAIN_EQ('*'); PLAIN_EQ('_');
		PLAIN_EQ('<'); PLAIN_EQ('&'); PLAIN_EQ('~'); PLAIN_EQ('@');
		PLAIN_EQ('['); PLAIN_EQ(']'); PLAIN_EQ(':'); PLAIN_EQ('w');
		PLAIN_EQ('W');
#undef PLAIN_EQ
		for (bits = (unsigned)_mm_movemask_epi8(m); bits != 0;
		    bits &= bits - 1)
			if (!plain_byte(s, n, i + (size_t)__builtin_ctz(bits)))
				return 0;
	}
#endif
	for (; i < n; i++)
		if (plain_stop((unsigned char)s[i]) && !plain_byte(s, n, i))
			return 0;
	return 1;
}

static int
plain_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && s[i] == ' '; i++)
		;
	return i == n;
}

/* The level of ATX heading line s[0..n) ("## text", one space or more,
 * no closing #), its text from *t; 0 when it is not one. */
static int
plain_heading(const char *s, size_t n, size_t *t)
{
	size_t k = 0, i;

	while (k < n && s[k] == '#')
		k++;
	if (k > 6 || k >= n || s[k] != ' ')
		return 0;
	for (i = k; i < n && s[i] == ' '; i++)
		;
	if (i >= n || s[n - 1] == '#')
		return 0;
	*t = i;
	return (int)k;
}

/* The cells of table row s[0..n) written "|a|b|": its pipes less one;
 * 0 when it is not written so. */
static size_t
plain_cells(const char *s, size_t n)
{
	size_t k = 0, i;

	if (n < 2 || s[0] != '|' || s[n - 1] != '|')
		return 0;
	for (i = 0; i < n; i++)
		k += s[i] == '|';
	return k - 1;
}

/* The cells of delimiter row s[0..n) ("|---|:--:|"), or 0. */
static size_t
plain_delim(const char *s, size_t n)
{
	size_t i = 1, k = 0, d;

	if (n < 2 || s[0] != '|' || s[n - 1] != '|')
		return 0;
	/* Every loop stops at the last '|'. */
	while (i < n) {
		while (s[i] == ' ')
			i++;
		if (s[i] == ':')
			i++;
		for (d = 0; s[i] == '-'; i++)
			d++;
		if (s[i] == ':')
			i++;
		while (s[i] == ' ')
			i++;
		if (d == 0 || s[i] != '|')
			return 0;
		k++;
		i++;
	}
	return k;
}

/* 1 when line s[0..n) starts with an ordered list marker ("1. ", "2)"). */
static int
plain_ordered(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && k < 10 && s[k] >= '0' && s[k] <= '9')
		k++;
	return k > 0 && k <= 9 && k < n && (s[k] == '.' || s[k] == ')') &&
	    (k + 1 == n || s[k + 1] == ' ');
}

/* 1 when the body is in the plain subset: every line blank (spaces), an
 * ATX heading, a paragraph line, or a row of a table whose header starts
 * a paragraph and whose rows are written "|a|b|" with as many cells as
 * its header and delimiter row, and a blank line or the end after it;
 * no line indented, none with trailing spaces, none that could start
 * another block, none with inline markup (plain_scan), no '|' outside
 * tables; valid UTF-8 with no byte order mark. */
static int
plain_body(const struct src *sr)
{
	const char *s = sr->s;
	size_t idx, ncols = 0, t;
	enum { AT_START, IN_PARA, IN_TABLE } st = AT_START;

	if (sr->len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		return 0;
	if (!tally_utf8_valid(s, sr->len, &t))
		return 0;
	for (idx = 0; idx < sr->nlines; idx++) {
		const char *l = s + sr->line[idx];
		size_t n = src_line_end(sr, idx) - sr->line[idx];

		if (plain_blank(l, n)) {
			st = AT_START;
			continue;
		}
		if (l[n - 1] == ' ' || !plain_scan(l, n))
			return 0;
		/* A cell's text is found (locate) at most MARKUP_GAP_MAX
		 * bytes after its pipe: longer rows are left to cmark. */
		if (l[0] == '|' && n >= MARKUP_GAP_MAX)
			return 0;
		if (st == IN_TABLE) {
			if (plain_cells(l, n) != ncols)
				return 0;
			continue;
		}
		switch (l[0]) {
		case '#':
			if (plain_heading(l, n, &t) == 0 || memchr(l, '|', n))
				return 0;
			st = AT_START;
			continue;
		case '|':
			if (st != AT_START || (ncols = plain_cells(l, n)) == 0 ||
			    idx + 1 >= sr->nlines)
				return 0;
			idx++;
			if (plain_delim(s + sr->line[idx], src_line_end(sr, idx) -
			    sr->line[idx]) != ncols)
				return 0;
			st = IN_TABLE;
			continue;
		case ' ': case '>': case '-': case '+': case '*': case '=':
		case '_': case '`': case '~': case '<': case '[':
		case ':': /* ":--" under a line makes a table of it */
			return 0;
		default:
			if (plain_ordered(l, n) || memchr(l, '|', n))
				return 0;
			st = IN_PARA;
			continue;
		}
	}
	return 1;
}

/* The paragraph from line idx (0-based) to a blank line, a heading or
 * the end: its lines joined by '\n', a span at each line's start.
 * Returns the index of the line after it. */
static size_t
plain_para(struct ctx *c, size_t idx)
{
	struct tally_block *b = zalloc(c->arena, sizeof(*b));
	const struct src *sr = &c->src;
	size_t k, nl, size = 0, off = 0, a, n;
	char *t;

	for (k = idx; k < sr->nlines; k++) {
		a = sr->line[k];
		n = src_line_end(sr, k) - a;
		if (plain_blank(sr->s + a, n) || sr->s[a] == '#')
			break;
		size += n + 1;
	}
	nl = k - idx;
	t = tally_arena_alloc_raw(c->arena, size);
	b->spans = tally_arena_alloc_raw(c->arena, nl * sizeof(*b->spans));
	for (k = 0; k < nl; k++) {
		a = sr->line[idx + k];
		n = src_line_end(sr, idx + k) - a;
		memcpy(t + off, sr->s + a, n);
		b->spans[k].off = off;
		b->spans[k].pos = src_pos(&c->src, a);
		off += n;
		if (k + 1 < nl)
			t[off++] = '\n';
	}
	t[off] = '\0';
	b->text = t;
	b->len = off;
	b->nspans = nl;
	b->pos = b->spans[0].pos;
	para_close(c, b, (int)(idx + nl));
	append_block(c, b);
	return idx + nl;
}

/* The table whose header is line idx: its rows run from line idx + 2 to
 * a blank line or the end.  Returns the index of the line after it. */
static size_t
plain_table(struct ctx *c, size_t idx)
{
	const struct src *sr = &c->src;
	size_t k, nrows, ncols, r, col, a;
	struct tally_block *b;

	a = sr->line[idx];
	ncols = plain_cells(sr->s + a, src_line_end(sr, idx) - a);
	for (k = idx + 2; k < sr->nlines && !plain_blank(sr->s + sr->line[k],
	    src_line_end(sr, k) - sr->line[k]); k++)
		;
	nrows = 1 + (k - (idx + 2));
	b = table_open(c, nrows, ncols, src_pos(&c->src, a),
	    file_line(sr, (int)k));
	for (r = 0; r < nrows; r++) {
		struct trow w;

		row_begin(c, (int)(r == 0 ? idx : idx + 1 + r) + 1, 1, &w);
		for (col = 0; col < b->table->ncols; col++) {
			const char *lit = NULL;
			size_t ln = 0;

			/* cmark's literal: the cell trimmed of spaces. */
			if (col < w.nseg) {
				lit = c->src.s + c->segs[col].start;
				ln = c->segs[col].end - c->segs[col].start;
				while (ln > 0 && lit[0] == ' ') {
					lit++;
					ln--;
				}
				while (ln > 0 && lit[ln - 1] == ' ')
					ln--;
				if (ln == 0)
					lit = NULL;
			}
			cell_put(c, b->table, r * b->table->ncols + col, col, &w,
			    1, lit, ln, NULL);
		}
		if (r + 1 < nrows)
			text_put(&c->tt, "\n", 1);
	}
	table_close(c, b);
	return k;
}

/* The outline of a plain body (plain_body), without cmark: 1 when it
 * was one, else 0 with nothing done. */
static int
parse_plain(struct tally_arena *arena, const char *body, size_t len,
    uint32_t first_line, struct tally_outline *out)
{
	struct ctx c;
	struct src sr;
	struct doc *d;
	size_t idx, n, t;

	if (len == 0)
		return 0;
	src_init(&sr, body, len, first_line);
	if (!plain_body(&sr)) {
		free(sr.line);
		return 0;
	}
	outline_begin(out, first_line);
	ctx_init(&c, arena, &sr, out);
	for (idx = 0; idx < sr.nlines;) {
		const char *l = body + sr.line[idx];

		n = src_line_end(&sr, idx) - sr.line[idx];
		if (plain_blank(l, n)) {
			idx++;
		} else if (l[0] == '#') {
			int level = plain_heading(l, n, &t);

			section_open(&c, level, src_pos(&c.src, sr.line[idx]),
			    l + t, n - t);
			idx++;
		} else if (l[0] == '|') {
			idx = plain_table(&c, idx);
		} else {
			idx = plain_para(&c, idx);
		}
	}
	close_sections(&c, 0, c.doc_end);
	d = tally_arena_alloc(arena, sizeof(*d));
	d->plain = 1;
	d->body = body;
	d->len = len;
	d->first_line = first_line;
	out->doc = d;
	ctx_free(&c);
	return 1;
}

/* cmark's document of a body, in a region of its own, which is left
 * current (doc_reg); NULL when cmark cannot parse. */
static struct doc *
cmark_doc(const char *body, size_t len)
{
	cmark_parser *parser;
	cmark_node *root;
	struct doc *d;
	size_t i;

	d = xcalloc(1, sizeof(*d));
	doc_reg = &d->reg;
	parser = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS, &region_mem);
	if (parser == NULL)
		tally_die_oom();
	for (i = 0; i < sizeof(ext_names) / sizeof(ext_names[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(ext_names[i]);

		if (e != NULL)
			cmark_parser_attach_syntax_extension(parser, e);
	}
	if (len > 0)
		cmark_parser_feed(parser, body, len);
	mtx_lock(&finish_lock);
	root = cmark_parser_finish(parser);
	mtx_unlock(&finish_lock);
	cmark_parser_free(parser);
	if (root == NULL) {
		doc_reg = &no_region;
		tally_arena_free(&d->reg.mem);
		free(d);
		return NULL;
	}
	d->root = root;
	return d;
}

static void
doc_free(struct doc *d)
{
	/* Every block of the document is in its region. */
	tally_arena_free(&d->reg.mem);
	free(d);
}

/* The outline from cmark's tree (any body). */
static int
parse_cmark(struct tally_arena *arena, const char *body, size_t len,
    uint32_t first_line, struct tally_outline *out)
{
	struct ctx c;
	struct src sr;
	struct doc *d;

	outline_begin(out, first_line);
	if ((d = cmark_doc(body, len)) == NULL)
		return -1;
	src_init(&sr, len ? body : "", len, first_line);
	ctx_init(&c, arena, &sr, out);
	walk_blocks(&c, d->root);
	close_sections(&c, 0, c.doc_end);
	split_comments(&c);
	unwrap_unsafe(&c);

	doc_reg = &no_region;
	out->doc = d;
	ctx_free(&c);
	return 0;
}

/* Both entry points: the plain path when plain is set and the body is
 * plain, else cmark's. */
static int
outline_parse(struct tally_arena *arena, const char *body, size_t len,
    uint32_t first_line, struct tally_outline *out, int plain)
{
	if (first_line == 0)
		first_line = 1;
	if (body == NULL)
		len = 0;
	if (len > BODY_MAX) {
		outline_begin(out, first_line);
		return -1;
	}
	call_once(&registered, register_extensions);
	if (plain && plain_on && parse_plain(arena, body, len, first_line, out))
		return 0;
	return parse_cmark(arena, body, len, first_line, out);
}

int
tally_outline_parse_cmark(struct tally_arena *arena, const char *body,
    size_t len, uint32_t first_line, struct tally_outline *out)
{
	return outline_parse(arena, body, len, first_line, out, 0);
}

int
tally_outline_parse(struct tally_arena *arena, const char *body, size_t len,
    uint32_t first_line, struct tally_outline *out)
{
	return outline_parse(arena, body, len, first_line, out, 1);
}

int
tally_outline_plain(const struct tally_outline *o)
{
	const struct doc *d = o ? o->doc : NULL;

	return d != NULL && d->plain;
}

void
tally_outline_release(struct tally_outline *o)
{
	struct doc *d;

	if (o == NULL || o->doc == NULL)
		return;
	d = o->doc;
	o->doc = NULL;
	if (!d->plain) /* else in the outline's arena */
		doc_free(d);
}

struct tally_pos
tally_block_pos(const struct tally_block *b, size_t off)
{
	struct tally_pos p = {0, 0};

	if (b == NULL)
		return p;
	if (b->nspans == 0)
		return b->pos;
	return spans_pos(b->spans, b->nspans, b->text, b->len, off);
}

const struct tally_cell *
tally_table_cell(const struct tally_table *t, size_t r, size_t c)
{
	if (t == NULL || r >= t->nrows || c >= t->ncols)
		return NULL;
	return &t->cells[r * t->ncols + c];
}

/* Renders document d, whose region is current. */
static void
render_doc(struct doc *d, struct tally_buf *out)
{
	cmark_mem *mem = cmark_get_default_mem_allocator();
	cmark_llist *exts = NULL;
	char *html;
	size_t i;

	/* The same extensions as the parser had: tagfilter acts here. */
	for (i = 0; i < sizeof(ext_names) / sizeof(ext_names[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(ext_names[i]);

		if (e != NULL)
			exts = cmark_llist_append(mem, exts, e);
	}
	/* The renderer's buffers are the caller's (mem); whatever it asks
	 * of the nodes' allocator belongs to the document. */
	html = cmark_render_html_with_mem(d->root, CMARK_OPT_DEFAULT, exts, mem);
	if (html != NULL) {
		tally_buf_puts(out, html);
		mem->free(html);
	}
	cmark_llist_free(mem, exts);
}

void
tally_outline_render(const struct tally_outline *o, struct tally_buf *out)
{
	struct doc *d;

	if (o == NULL || o->doc == NULL)
		return;
	call_once(&registered, register_extensions);
	d = o->doc;
	if (d->plain) {
		/* Parsed now: a plain body has no link to unwrap and no
		 * comment to split (see parse_cmark), so the document is
		 * cmark's as it parses it. */
		if ((d = cmark_doc(d->body, d->len)) == NULL)
			return;
		render_doc(d, out);
		doc_reg = &no_region;
		doc_free(d);
		return;
	}
	doc_reg = &d->reg;
	render_doc(d, out);
	doc_reg = &no_region;
}
