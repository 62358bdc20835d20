/*
 * links.c - the L family: a relative link or image in a report's body that
 * points to no file (L001).  Links with a scheme (https:, mailto: …),
 * fragments and protocol-relative URLs are left alone: a static check
 * cannot reach them, and an offline linter must not try.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

static int
has_scheme(const char *u)
{
	const char *p = u;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':';
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The file part of a URL: query and fragment cut, %XX decoded. */
static char *
url_path(const char *u)
{
	size_t n = strcspn(u, "?#"), i, o = 0;
	char *s = xmalloc(n + 1);

	for (i = 0; i < n; i++) {
		if (u[i] == '%' && i + 2 < n + 0 + 1 && hexval(u[i + 1]) >= 0 &&
		    hexval(u[i + 2]) >= 0) {
			s[o++] = (char)(hexval(u[i + 1]) * 16 + hexval(u[i + 2]));
			i += 2;
		} else {
			s[o++] = u[i];
		}
	}
	s[o] = '\0';
	return s;
}

void
tally_lint_links(const struct tally_project *p, const struct tally_report *r,
    struct tally_diags *d)
{
	const struct tally_link *l;
	const char *slash = strrchr(r->path, '/');
	size_t dirlen = slash ? (size_t)(slash - r->path) : 0;

	for (l = r->outline.links; l; l = l->next) {
		char *path, *full;
		struct stat st;
		if (l->url == NULL || l->url[0] == '\0' || l->url[0] == '#' ||
		    has_scheme(l->url) || strncmp(l->url, "//", 2) == 0)
			continue;
		path = url_path(l->url);
		if (path[0] == '\0') {
			free(path);
			continue;
		}
		if (path[0] == '/')
			full = xasprintf("%s%s", p->root, path);
		else if (dirlen)
			full = xasprintf("%s/%.*s/%s", p->root, (int)dirlen, r->path,
			    path);
		else
			full = xasprintf("%s/%s", p->root, path);
		if (stat(full, &st) != 0)
			tally_diag_add(d, "L001", r->path, l->pos.line, l->pos.col,
			    l->image ? "图片 %s 指向的文件不存在" : "链接 %s 指向的文件不存在",
			    l->image ? "image %s points to a file that does not exist"
			    : "link %s points to a file that does not exist",
			    l->url);
		free(full);
		free(path);
	}
}
