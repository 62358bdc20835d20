/*
 * util.h - the small shared toolbox every stage uses: allocation that
 * never returns NULL, a growable byte buffer, a bump arena that frees a
 * report's model at once, and UTF-8 helpers.  Nothing here knows about
 * reports, rules or libraries.
 */
#ifndef TALLY_UTIL_H
#define TALLY_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define TALLY_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define TALLY_NORETURN __attribute__((noreturn))
#else
#define TALLY_PRINTF(a, b)
#define TALLY_NORETURN
#endif

/* --- allocation: exits with status 2 on out-of-memory ----------------- */

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh string; caller frees. */
char *xasprintf(const char *fmt, ...) TALLY_PRINTF(1, 2);
TALLY_NORETURN void tally_die_oom(void);

/* --- growable buffer ----------------------------------------------------
 * The struct never moves; data is always NUL-terminated once anything has
 * been put (or after tally_buf_cstr).  Ownership of data leaves only
 * through tally_buf_detach. */

struct tally_buf {
	char *data;
	size_t len;
	size_t cap;
};

#define TALLY_BUF_INIT {NULL, 0, 0}

void tally_buf_grow(struct tally_buf *b, size_t extra);
void tally_buf_put(struct tally_buf *b, const void *p, size_t n);
void tally_buf_puts(struct tally_buf *b, const char *s);
void tally_buf_putc(struct tally_buf *b, char c);
void tally_buf_printf(struct tally_buf *b, const char *fmt, ...)
    TALLY_PRINTF(2, 3);
void tally_buf_vprintf(struct tally_buf *b, const char *fmt, va_list ap);
/* Appends the decimal text of n (what printf's %lld gives). */
void tally_buf_put_int(struct tally_buf *b, long long n);
/* The decimal text of n, written at the end of tmp: returns its start,
 * its length in *len (not NUL-terminated). */
#define TALLY_INT_CHARS 24
const char *tally_fmt_int(char tmp[TALLY_INT_CHARS], long long n,
    size_t *len);
/* Returns the contents as a C string (never NULL; "" when empty). */
const char *tally_buf_cstr(struct tally_buf *b);
void tally_buf_reset(struct tally_buf *b);
/* Returns the data (never NULL) and empties b; caller frees. */
char *tally_buf_detach(struct tally_buf *b);
void tally_buf_free(struct tally_buf *b);

/* --- arena --------------------------------------------------------------
 * Bump allocation in chunks; everything is freed by tally_arena_free. */

struct tally_arena_chunk;
struct tally_arena {
	struct tally_arena_chunk *head;
};

#define TALLY_ARENA_INIT {NULL}

/* Zeroed, max-aligned memory that lives until tally_arena_free. */
void *tally_arena_alloc(struct tally_arena *a, size_t n);
/* The same, not zeroed: for memory the caller writes in full. */
void *tally_arena_alloc_raw(struct tally_arena *a, size_t n);
char *tally_arena_strndup(struct tally_arena *a, const char *s, size_t n);
char *tally_arena_strdup(struct tally_arena *a, const char *s);
char *tally_arena_printf(struct tally_arena *a, const char *fmt, ...)
    TALLY_PRINTF(2, 3);
void tally_arena_free(struct tally_arena *a);

/* --- AddressSanitizer -----------------------------------------------------
 * Memory that one of our allocators keeps after it was handed back (an
 * arena's cached chunk, a block cmark freed in a document's region) is
 * poisoned under AddressSanitizer, so that a use after free is still
 * caught; without it these do nothing. */

#if defined(__SANITIZE_ADDRESS__)
#define TALLY_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TALLY_ASAN 1
#endif
#endif
#ifdef TALLY_ASAN
#include <sanitizer/asan_interface.h>
#define TALLY_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define TALLY_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define TALLY_POISON(p, n) ((void)(p), (void)(n))
#define TALLY_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* --- UTF-8 -------------------------------------------------------------- */

/* Decodes one code point at s (n bytes available).  Returns its length in
 * bytes (1-4) and stores the code point in *cp; on invalid input returns
 * 1 and stores -1. */
int tally_utf8_decode(const char *s, size_t n, int32_t *cp);
/* Appends the UTF-8 encoding of cp to b. */
void tally_utf8_put(struct tally_buf *b, int32_t cp);
/* 1 when s[0..n) is valid UTF-8; else 0 and *bad_off = first bad byte. */
int tally_utf8_valid(const char *s, size_t n, size_t *bad_off);
/* Number of code points in s[0..n). */
size_t tally_utf8_count(const char *s, size_t n);

/* --- files --------------------------------------------------------------- */

/* Reads a whole file.  Returns 0 and a NUL-terminated malloc'd buffer in
 * *data (caller frees) with its length in *len; -1 with errno set. */
int tally_read_file(const char *path, char **data, size_t *len);

/* --- text helpers -------------------------------------------------------- */

/* 1 when s starts with prefix. */
int tally_starts_with(const char *s, const char *prefix);
/* Edit distance between two short strings (code points), capped at 255. */
int tally_edit_distance(const char *a, const char *b);

#endif
