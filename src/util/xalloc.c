/*
 * xalloc.c - allocation wrappers.  Out of memory is a system failure, not an
 * input problem: the run ends with status 2, so no caller checks for NULL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
tally_die_oom(void)
{
	fputs("tally: out of memory\n", stderr);
	exit(2);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		tally_die_oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		tally_die_oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (q == NULL)
		tally_die_oom();
	return q;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xasprintf(const char *fmt, ...)
{
	struct tally_buf b = TALLY_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	tally_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return tally_buf_detach(&b);
}
