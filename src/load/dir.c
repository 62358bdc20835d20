/*
 * dir.c - sources from a directory: listing and reading files under the
 * site root.  Listings are sorted so that every run, and every build, sees
 * the files in the same order whatever the file system returns.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load.h"

void
tally_pathlist_add(struct tally_pathlist *l, const char *path)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->paths = xrealloc(l->paths, l->cap * sizeof(*l->paths));
	}
	l->paths[l->n++] = xstrdup(path);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
tally_pathlist_sort(struct tally_pathlist *l)
{
	size_t i, o = 0;

	if (l->n > 1)
		qsort(l->paths, l->n, sizeof(*l->paths), cmp_str);
	/* drop duplicates (a file named twice on the command line) */
	for (i = 0; i < l->n; i++) {
		if (o > 0 && strcmp(l->paths[o - 1], l->paths[i]) == 0) {
			free(l->paths[i]);
			continue;
		}
		l->paths[o++] = l->paths[i];
	}
	l->n = o;
}

void
tally_pathlist_free(struct tally_pathlist *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	l->paths = NULL;
	l->n = l->cap = 0;
}

static int
ends_with(const char *s, const char *ext)
{
	size_t n = strlen(s), m = strlen(ext);
	return n >= m && strcmp(s + n - m, ext) == 0;
}

static char *
join(const char *a, const char *b)
{
	if (a[0] == '\0' || strcmp(a, ".") == 0)
		return xstrdup(b);
	return xasprintf("%s/%s", a, b);
}

/* 1 when the real path of full lies inside the real root. */
static int
inside(const char *real_root, const char *full)
{
	char buf[PATH_MAX];
	size_t n = strlen(real_root);

	if (realpath(full, buf) == NULL)
		return 0;
	return strncmp(buf, real_root, n) == 0 &&
	    (buf[n] == '/' || buf[n] == '\0');
}

static int walk(const char *root, const char *real_root, const char *rel,
    const char *ext, struct tally_pathlist *out, struct tally_diags *diags,
    int depth);

/* The entries of directory d (rel under root, at depth).  The type that
 * readdir gives spares a stat a file, and a subdirectory is opened from
 * its parent rather than by its whole path: listing 10 000 reports is a
 * walk of 10 000 directories.  Links, and entries of a type the file
 * system does not tell, go through walk(). */
static int
walk_entries(const char *root, const char *real_root, const char *rel,
    DIR *d, const char *ext, struct tally_pathlist *out,
    struct tally_diags *diags, int depth)
{
	struct dirent *e;
	int rc = 0;

	while ((e = readdir(d)) != NULL) {
		char *child;
		if (e->d_name[0] == '.')
			continue; /* ., .., and hidden files */
		if (depth + 1 > 32)
			continue;
		child = join(rel, e->d_name);
		if (e->d_type == DT_REG) {
			if (ext == NULL || ends_with(child, ext))
				tally_pathlist_add(out, child);
		} else if (e->d_type == DT_DIR) {
			int fd = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
			DIR *sd = fd >= 0 ? fdopendir(fd) : NULL;
			if (sd == NULL) {
				if (fd >= 0)
					close(fd);
				rc = -1;
			} else {
				if (walk_entries(root, real_root, child, sd, ext, out,
				    diags, depth + 1) < 0)
					rc = -1;
				closedir(sd);
			}
		} else if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
			if (walk(root, real_root, child, ext, out, diags,
			    depth + 1) < 0)
				rc = -1;
		}
		/* devices, pipes, sockets: not sources */
		free(child);
	}
	return rc;
}

static int
walk(const char *root, const char *real_root, const char *rel, const char *ext,
    struct tally_pathlist *out, struct tally_diags *diags, int depth)
{
	char *full = join(root, rel);
	struct stat st;
	DIR *d;
	int rc;

	if (depth > 32) {
		free(full);
		return 0;
	}
	if (lstat(full, &st) < 0) {
		free(full);
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		if (!inside(real_root, full)) {
			tally_diag_config(diags, rel, 0, 0,
			    "符号链接指向站点目录之外，已拒绝%s",
			    "symbolic link leaves the site directory: refused%s", "");
			free(full);
			return 0;
		}
		if (stat(full, &st) < 0) {
			free(full);
			return 0;
		}
	}
	if (S_ISREG(st.st_mode)) {
		if (ext == NULL || ends_with(rel, ext))
			tally_pathlist_add(out, rel);
		free(full);
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		free(full);
		return 0;
	}
	if ((d = opendir(full)) == NULL) {
		free(full);
		return -1;
	}
	rc = walk_entries(root, real_root, rel, d, ext, out, diags, depth);
	closedir(d);
	free(full);
	return rc;
}

int
tally_list_files(const char *root, const char *sub, const char *ext,
    struct tally_pathlist *out, struct tally_diags *diags)
{
	char real_root[PATH_MAX];
	int rc;

	if (realpath(root, real_root) == NULL)
		return -1;
	rc = walk(root, real_root, sub, ext, out, diags, 0);
	tally_pathlist_sort(out);
	return rc;
}

int
tally_source_read(const char *root, const char *rel, char **data, size_t *len)
{
	char *full = join(root, rel);
	int rc = tally_read_file(full, data, len);
	int e = errno;

	free(full);
	errno = e;
	return rc;
}
