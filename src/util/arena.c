/*
 * arena.c - bump allocation for a report's model.  A report is parsed into
 * one arena and freed at once, so the model's many small nodes need no
 * individual frees and cannot leak one by one.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "util.h"

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

#define CHUNK_MIN (64 * 1024)
/* Free chunks of CHUNK_MIN kept per thread (see the cache below). */
#define CACHE_MAX 16

struct tally_arena_chunk {
	struct tally_arena_chunk *next;
	size_t used;
	size_t cap;
	alignas(max_align_t) unsigned char mem[];
};

/* A run makes and frees several arenas a report (the model, cmark's
 * document, rules' scratch).  Handing their chunks back to malloc each
 * time made it give the top of the heap back to the system and fault it
 * in again for the next report, which cost as much as the work saved by
 * the arenas.  So chunks of the usual size go to a small per-thread
 * cache instead, which the next arena of the thread takes from; a
 * thread's cache is freed when the thread ends.  A cached chunk is
 * poisoned for AddressSanitizer until it is taken again. */
static thread_local struct tally_arena_chunk *cache;
static thread_local size_t ncache;
static thread_local int cache_registered;
static tss_t cache_key;
static once_flag cache_once = ONCE_FLAG_INIT;
static int cache_ok;

static void
cache_drop(void *unused)
{
	struct tally_arena_chunk *c, *next;

	(void)unused;
	for (c = cache; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	cache = NULL;
	ncache = 0;
}

static void
cache_init(void)
{
	cache_ok = tss_create(&cache_key, cache_drop) == thrd_success;
}

static struct tally_arena_chunk *
chunk_get(size_t cap)
{
	struct tally_arena_chunk *c;

	if (cap == CHUNK_MIN && cache != NULL) {
		c = cache;
		cache = c->next;
		ncache--;
		TALLY_UNPOISON(c->mem, c->cap);
		return c;
	}
	c = xmalloc(sizeof(*c) + cap);
	c->cap = cap;
	return c;
}

static void
chunk_put(struct tally_arena_chunk *c)
{
	if (c->cap == CHUNK_MIN && ncache < CACHE_MAX && !cache_registered) {
		/* The key's value only makes the thread's end call
		 * cache_drop; without it nothing is cached. */
		call_once(&cache_once, cache_init);
		cache_registered = cache_ok &&
		    tss_set(cache_key, &cache) == thrd_success;
	}
	if (c->cap == CHUNK_MIN && ncache < CACHE_MAX && cache_registered) {
		TALLY_POISON(c->mem, c->cap);
		c->next = cache;
		cache = c;
		ncache++;
		return;
	}
	free(c);
}

/* A chunk is not cleared when it is made: a report's model uses a
 * fraction of its last chunk, and every short-lived arena (a rule's
 * scratch) would clear a whole chunk for a few hundred bytes.  What is
 * handed out is cleared by tally_arena_alloc, or written in full by the
 * caller of tally_arena_alloc_raw. */
/* tally_arena_alloc_raw when the current chunk has no room: out of line,
 * so that the common case saves no registers. */
static NOINLINE void *
alloc_new_chunk(struct tally_arena *a, size_t n)
{
	struct tally_arena_chunk *c;

	if (n > SIZE_MAX - alignof(max_align_t) * 2)
		tally_die_oom();
	c = chunk_get(n > CHUNK_MIN ? n : CHUNK_MIN);
	c->used = n;
	c->next = a->head;
	a->head = c;
	return c->mem;
}

/* n bytes from the current chunk, or NULL when it has no room (a huge n
 * never fits). */
static inline void *
bump(struct tally_arena *a, size_t n)
{
	struct tally_arena_chunk *c = a->head;
	const size_t al = alignof(max_align_t);
	size_t off;

	if (c == NULL)
		return NULL;
	off = (c->used + al - 1) & ~(al - 1);
	if (off > c->cap || c->cap - off < n)
		return NULL;
	c->used = off + n;
	return c->mem + off;
}

/* The callers' cases with no room: out of line, so that their common
 * cases make no call but a tail call and save no registers. */
static NOINLINE void *
alloc_zeroed_new(struct tally_arena *a, size_t n)
{
	return memset(alloc_new_chunk(a, n), 0, n);
}

static NOINLINE char *
strndup_new(struct tally_arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX)
		tally_die_oom();
	p = alloc_new_chunk(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *
tally_arena_alloc_raw(struct tally_arena *a, size_t n)
{
	void *p = bump(a, n);

	return p != NULL ? p : alloc_new_chunk(a, n);
}

void *
tally_arena_alloc(struct tally_arena *a, size_t n)
{
	void *p = bump(a, n);

	if (p == NULL)
		return alloc_zeroed_new(a, n);
	return memset(p, 0, n); /* a tail call */
}

char *
tally_arena_strndup(struct tally_arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX || (p = bump(a, n + 1)) == NULL)
		return strndup_new(a, s, n);
	p[n] = '\0';
	if (n == 0)
		return p;
	return memcpy(p, s, n); /* a tail call */
}

char *
tally_arena_strdup(struct tally_arena *a, const char *s)
{
	return tally_arena_strndup(a, s, strlen(s));
}

char *
tally_arena_printf(struct tally_arena *a, const char *fmt, ...)
{
	struct tally_buf b = TALLY_BUF_INIT;
	va_list ap;
	char *p;

	va_start(ap, fmt);
	tally_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	p = tally_arena_strndup(a, tally_buf_cstr(&b), b.len);
	tally_buf_free(&b);
	return p;
}

void
tally_arena_free(struct tally_arena *a)
{
	struct tally_arena_chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		chunk_put(c);
	}
	a->head = NULL;
}
