/*
 * arena.c - bump allocation for a report's model.  A report is parsed into
 * one arena and freed at once, so the model's many small nodes need no
 * individual frees and cannot leak one by one.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define CHUNK_MIN (64 * 1024)

struct tally_arena_chunk {
	struct tally_arena_chunk *next;
	size_t used;
	size_t cap;
	alignas(max_align_t) unsigned char mem[];
};

void *
tally_arena_alloc(struct tally_arena *a, size_t n)
{
	struct tally_arena_chunk *c = a->head;
	const size_t al = alignof(max_align_t);
	size_t off;
	void *p;

	if (n > SIZE_MAX - al * 2)
		tally_die_oom();
	if (c != NULL) {
		off = (c->used + al - 1) & ~(al - 1);
		if (off <= c->cap && c->cap - off >= n) {
			p = c->mem + off;
			c->used = off + n;
			return p;
		}
	}
	size_t cap = n > CHUNK_MIN ? n : CHUNK_MIN;
	c = xmalloc(sizeof(*c) + cap);
	memset(c->mem, 0, cap);
	c->cap = cap;
	c->used = n;
	c->next = a->head;
	a->head = c;
	return c->mem;
}

char *
tally_arena_strndup(struct tally_arena *a, const char *s, size_t n)
{
	char *p = tally_arena_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
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
		free(c);
	}
	a->head = NULL;
}
