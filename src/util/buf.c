/*
 * buf.c - the growable byte buffer every emitter writes into.  The caller
 * owns the struct; the data leaves it only through tally_buf_detach.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
tally_buf_grow(struct tally_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t cap;

	if (need < b->len)
		tally_die_oom();
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			tally_die_oom();
		cap *= 2;
	}
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void
tally_buf_put(struct tally_buf *b, const void *p, size_t n)
{
	tally_buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
tally_buf_puts(struct tally_buf *b, const char *s)
{
	tally_buf_put(b, s, strlen(s));
}

void
tally_buf_putc(struct tally_buf *b, char c)
{
	tally_buf_put(b, &c, 1);
}

void
tally_buf_vprintf(struct tally_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	tally_buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
tally_buf_printf(struct tally_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tally_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
tally_buf_cstr(struct tally_buf *b)
{
	if (b->data == NULL)
		tally_buf_grow(b, 0), b->data[0] = '\0';
	return b->data;
}

void
tally_buf_reset(struct tally_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *
tally_buf_detach(struct tally_buf *b)
{
	char *p;

	tally_buf_cstr(b);
	p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
tally_buf_free(struct tally_buf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

const char *
tally_fmt_int(char tmp[TALLY_INT_CHARS], long long n, size_t *len)
{
	char *p = tmp + TALLY_INT_CHARS;
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n
	    : (unsigned long long)n;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (n < 0)
		*--p = '-';
	*len = (size_t)(tmp + TALLY_INT_CHARS - p);
	return p;
}

void
tally_buf_put_int(struct tally_buf *b, long long n)
{
	char tmp[TALLY_INT_CHARS];
	size_t len;
	const char *p = tally_fmt_int(tmp, n, &len);

	tally_buf_put(b, p, len);
}
