/*
 * publish.c - the output directory.  A build writes into a fresh
 * directory beside the output (<out>.tmp-XXXXXX, on the same file system)
 * and swaps it in with one rename when everything is written, so readers
 * of the site never see half a build and a build that fails or is killed
 * leaves the previous site as it was.  What a killed build left behind is
 * removed by the next one, under a lock on the parent directory so that
 * two builds do not remove each other's work.
 *
 * Because the swap removes what was there, the output directory is
 * checked first: never the repository, its content, schemas or theme, nor
 * a directory holding them, nor a non-empty directory that a tally build
 * did not make (its marker file .tally-site says it did).
 *
 * Every file goes through site_write: a path relative to the temporary
 * directory, with no "..", no absolute path and no symbolic link followed,
 * so nothing is written outside it.
 */
#define _GNU_SOURCE /* renameat2 (RENAME_EXCHANGE) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define MARKER ".tally-site"
#define STREAM_FLUSH (1u << 20)

void
site_syserr(struct site *s, const char *rel, const char *what_zh,
    const char *what_en)
{
	/* Both languages take the same arguments: the labels go into the
	 * formats (they hold no '%'), errno's text is the argument. */
	char *zh = xasprintf("%s：%%s", what_zh);
	char *en = xasprintf("%s: %%s", what_en);
	const char *e = strerror(errno);

	pthread_mutex_lock(&s->errlock);
	tally_diag_config(s->d, rel, 0, 0, zh, en, e);
	pthread_mutex_unlock(&s->errlock);
	free(zh);
	free(en);
}

/* --- removing a tree ------------------------------------------------------ */

/* Removes the entries of the directory open as dfd (closed here), never
 * following a symbolic link. */
static int
rm_entries(int dfd)
{
	DIR *dir = fdopendir(dfd);
	struct dirent *de;
	int rc = 0;

	if (dir == NULL) {
		close(dfd);
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		const char *n = de->d_name;
		struct stat st;
		if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0)
			continue;
		if (fstatat(dfd, n, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			rc = -1;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			int sub = openat(dfd, n, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
			if (sub < 0 || rm_entries(sub) < 0 ||
			    unlinkat(dfd, n, AT_REMOVEDIR) < 0)
				rc = -1;
		} else if (unlinkat(dfd, n, 0) < 0) {
			rc = -1;
		}
	}
	closedir(dir);
	return rc;
}

static int
rm_tree(const char *path)
{
	struct stat st;
	int fd;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || rm_entries(fd) < 0)
		return -1;
	return rmdir(path);
}

int
site_rm_tree(const char *path)
{
	return rm_tree(path);
}

/* --- checks --------------------------------------------------------------- */

/* 1 when b is a or lies inside a (both absolute, canonical). */
static int
path_within(const char *b, const char *a)
{
	size_t n = strlen(a);

	if (strcmp(a, "/") == 0)
		return 1;
	return strncmp(b, a, n) == 0 && (b[n] == '\0' || b[n] == '/');
}

/* The canonical form of root/rel when it exists, else NULL. */
static char *
real_of(const char *root, const char *rel)
{
	char *full = rel[0] == '/' ? xstrdup(rel) : xasprintf("%s/%s", root, rel);
	char *r = realpath(full, NULL);

	free(full);
	return r;
}

static int
dir_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	int empty = 1;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

static int
refuse(struct site *s, const char *out, const char *zh, const char *en)
{
	tally_diag_config(s->d, out, 0, 0, "%s", "%s", s->en ? en : zh);
	return -1;
}

/* Makes dir and its missing parents (a plain path). */
static int
mkdir_p(const char *dir)
{
	char *p = xstrdup(dir), *q;
	int rc = 0;

	for (q = p + 1; *q; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST)
			rc = -1;
		*q = '/';
	}
	if (rc == 0 && mkdir(p, 0777) < 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/* Splits out into its parent directory and last component. */
static void
split_out(const char *out, char **parent, char **name)
{
	const char *slash = strrchr(out, '/');

	if (slash == NULL) {
		*parent = xstrdup(".");
		*name = xstrdup(out);
	} else {
		*parent = slash == out ? xstrdup("/") : xstrndup(out,
		    (size_t)(slash - out));
		*name = xstrdup(slash + 1);
	}
}

/* Removes <name>.tmp-* and <name>.old-* in parent, left by builds that
 * were killed; first puts a previous site back if a kill came between
 * the two renames of the fallback swap. */
static void
clean_stale(const char *parent, const char *name, const char *out)
{
	DIR *d = opendir(parent);
	struct dirent *de;
	struct tally_pathlist stale = {NULL, 0, 0};
	char *tp = xasprintf("%s.tmp-", name), *op = xasprintf("%s.old-", name);
	struct stat st;
	size_t i;
	int have_out = lstat(out, &st) == 0;

	if (d == NULL)
		goto done;
	while ((de = readdir(d)) != NULL)
		if (tally_starts_with(de->d_name, tp) ||
		    tally_starts_with(de->d_name, op))
			tally_pathlist_add(&stale, de->d_name);
	closedir(d);
	tally_pathlist_sort(&stale);
	for (i = 0; i < stale.n; i++) {
		char *full = xasprintf("%s/%s", parent, stale.paths[i]);
		if (!have_out && tally_starts_with(stale.paths[i], op) &&
		    rename(full, out) == 0) {
			have_out = 1;
		} else {
			rm_tree(full);
		}
		free(full);
	}
done:
	tally_pathlist_free(&stale);
	free(tp);
	free(op);
}

int
site_out_begin(struct site *s, const char *outdir)
{
	const struct tally_config *c = &s->p->config;
	const char *const guarded[] = {".", c->content_dir, c->schemas_dir,
	    s->theme_dir, NULL};
	char *out, *parent = NULL, *name = NULL, *rparent = NULL, *full = NULL;
	char *content = NULL, *tmpl;
	struct stat st;
	size_t n, i;
	int rc = -1;

	s->tmpfd = -1;
	s->lockfd = -1;
	n = strlen(outdir);
	while (n > 1 && outdir[n - 1] == '/')
		n--;
	out = xstrndup(outdir, n);
	s->out = out;
	split_out(out, &parent, &name);
	if (!site_seg_ok(name)) {
		refuse(s, out, "输出目录不能是 “.”、“..” 或根目录",
		    "the output directory cannot be \".\", \"..\" or the root");
		goto out;
	}
	if (mkdir_p(parent) < 0 || (rparent = realpath(parent, NULL)) == NULL) {
		site_syserr(s, parent, "无法创建输出目录的上级目录",
		    "cannot make the output directory's parent");
		goto out;
	}
	full = strcmp(rparent, "/") == 0 ? xasprintf("/%s", name)
	    : xasprintf("%s/%s", rparent, name);
	/* The output must not be, or hold, the repository, its content,
	 * schemas or theme: the swap would delete them. */
	for (i = 0; guarded[i]; i++) {
		char *g = real_of(s->p->root, guarded[i]);
		int bad = g != NULL && path_within(g, full);
		free(g);
		if (bad) {
			refuse(s, out, "输出目录不能是仓库、内容、模式或主题目录，也不能包含它们",
			    "the output directory cannot be, or contain, the repository, "
			    "the content, the schemas or the theme");
			goto out;
		}
	}
	/* Nor lie inside the content: the next lint would read it. */
	content = real_of(s->p->root, c->content_dir);
	if (content != NULL && path_within(full, content)) {
		refuse(s, out, "输出目录不能位于内容目录之内",
		    "the output directory cannot lie inside the content directory");
		goto out;
	}
	if (lstat(out, &st) == 0) {
		char *marker = xasprintf("%s/%s", out, MARKER);
		int ours = access(marker, F_OK) == 0;
		free(marker);
		if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode)) {
			refuse(s, out, "输出路径已存在且不是目录（或是符号链接）",
			    "the output path exists and is not a directory (or is a symbolic link)");
			goto out;
		}
		if (!ours && !dir_empty(out)) {
			refuse(s, out, "输出目录非空且不是 tally 生成的站点（没有 .tally-site）；"
			    "请删除它或另选 -o 目录",
			    "the output directory is not empty and was not made by tally "
			    "(no .tally-site): remove it or choose another -o");
			goto out;
		}
	}
	/* One build at a time per output: the lock also tells stale
	 * temporary directories from those of a running build. */
	s->lockfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->lockfd < 0) {
		site_syserr(s, parent, "无法打开目录", "cannot open the directory");
		goto out;
	}
	if (flock(s->lockfd, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EWOULDBLOCK)
			refuse(s, out, "另一个 tally build 正在写这个目录",
			    "another tally build is writing to this directory");
		else
			site_syserr(s, parent, "无法加锁", "cannot lock");
		goto out;
	}
	clean_stale(parent, name, out);
	if (s->cache != NULL)
		site_cache_open(s, out);
	tmpl = xasprintf("%s.tmp-XXXXXX", out);
	if (mkdtemp(tmpl) == NULL) {
		site_syserr(s, tmpl, "无法创建临时目录",
		    "cannot make the temporary directory");
		free(tmpl);
		goto out;
	}
	s->tmp = tmpl;
	if (s->cache != NULL)
		site_cache_take_spare(s, tmpl);
	/* mkdtemp makes 0700; a site is for everyone to read. */
	{
		mode_t um = umask(0);
		umask(um);
		chmod(tmpl, 0777 & ~um);
	}
	s->tmpfd = open(tmpl, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->tmpfd < 0) {
		site_syserr(s, tmpl, "无法打开临时目录",
		    "cannot open the temporary directory");
		goto out;
	}
	rc = 0;
out:
	free(parent);
	free(name);
	free(rparent);
	free(full);
	free(content);
	return rc;
}

/* The previous site, now at path, is removed, or kept at keep (the
 * cache's older site: see cache.c).  Returns 2 when kept, 1 when it could
 * not all be removed, else 0. */
static int
discard(const char *path, const char *keep)
{
	if (keep != NULL && rename(path, keep) == 0)
		return 2;
	return rm_tree(path) < 0 ? 1 : 0;
}

static int
swap_in(const char *tmp, const char *out, const char *keep)
{
	struct stat st;
	char *old;
	int rc;

	if (lstat(out, &st) < 0)
		return rename(tmp, out) < 0 ? -1 : 0;
#ifdef RENAME_EXCHANGE
	/* One atomic step: the old site now sits at tmp. */
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, out, RENAME_EXCHANGE) == 0)
		return discard(tmp, keep);
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return -1;
#endif
	/* Two renames: a kill between them leaves <out>.old-*, which the
	 * next build puts back (clean_stale). */
	old = xstrdup(tmp);
	memcpy(strstr(old + strlen(out), ".tmp-"), ".old-", 5);
	if (rename(out, old) < 0) {
		free(old);
		return -1;
	}
	if (rename(tmp, out) < 0) {
		int e = errno;
		rename(old, out);
		free(old);
		errno = e;
		return -1;
	}
	rc = discard(old, keep);
	free(old);
	return rc;
}

int
site_out_commit(struct site *s)
{
	int rc;

	if (site_write(s, MARKER, "tally site\n", 11) < 0)
		return -1;
	if (s->cache != NULL && site_cache_seal(s) < 0)
		return -1;
	close(s->tmpfd);
	s->tmpfd = -1;
	rc = swap_in(s->tmp, s->out, s->cache ? site_cache_keep_path(s) : NULL);
	if (rc < 0) {
		site_syserr(s, s->out, "无法替换输出目录",
		    "cannot swap the output directory in");
		return -1;
	}
	if (s->cache != NULL) {
		if (rc == 2)
			site_cache_kept(s);
		site_cache_finish(s);
	}
	/* rc 1: the new site is in place, the old one half removed: the
	 * next build cleans it up. */
	free(s->tmp);
	s->tmp = NULL;
	if (s->lockfd >= 0)
		close(s->lockfd);
	s->lockfd = -1;
	return 0;
}

void
site_out_abort(struct site *s)
{
	if (s->tmpfd >= 0)
		close(s->tmpfd);
	s->tmpfd = -1;
	if (s->tmp != NULL)
		rm_tree(s->tmp);
	free(s->tmp);
	s->tmp = NULL;
	if (s->lockfd >= 0)
		close(s->lockfd);
	s->lockfd = -1;
}

/* --- writing -------------------------------------------------------------- */

/* 1 when rel is a safe relative path: no empty, "." or ".." segment, not
 * absolute, no control byte. */
static int
rel_ok(const char *rel)
{
	const char *p = rel, *seg;

	if (*p == '\0' || *p == '/')
		return 0;
	while (*p) {
		size_t n;
		seg = p;
		while (*p && *p != '/') {
			if ((unsigned char)*p < 0x20)
				return 0;
			p++;
		}
		n = (size_t)(p - seg);
		if (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
		if (*p == '/')
			p++;
		if (*p == '\0' && p[-1] == '/')
			return 0;
	}
	return 1;
}

int
site_mkdirs(struct site *s, const char *rel)
{
	char *p, *q;
	int rc = 0;

	if (!rel_ok(rel)) {
		errno = EINVAL;
		site_syserr(s, rel, "拒绝写入", "refusing to write");
		return -1;
	}
	p = xstrdup(rel);
	for (q = p;; q++) {
		if (*q != '/' && *q != '\0')
			continue;
		char c = *q;
		*q = '\0';
		if (mkdirat(s->tmpfd, p, 0777) < 0 && errno != EEXIST) {
			site_syserr(s, p, "无法创建目录", "cannot make the directory");
			rc = -1;
			break;
		}
		*q = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

static int
write_file(struct site *s, const char *rel, const void *data, size_t len,
    struct site_cslot *slot)
{
	const char *p = data;
	int fd;

	if (s->cache != NULL) {
		int placed = site_cache_place(s, &slot, rel, data, len);
		if (placed != 0)
			return placed < 0 ? -1 : 0;
	}
	fd = openat(s->tmpfd, rel, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0666);
	if (fd < 0) {
		site_syserr(s, rel, "无法写入", "cannot write");
		return -1;
	}
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			site_syserr(s, rel, "无法写入", "cannot write");
			close(fd);
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	if (s->cache != NULL)
		site_cache_placed(s, slot, fd);
	if (close(fd) < 0) {
		site_syserr(s, rel, "无法写入", "cannot write");
		return -1;
	}
	return 0;
}

int
site_write(struct site *s, const char *rel, const void *data, size_t len)
{
	const char *slash = strrchr(rel, '/');

	if (!rel_ok(rel)) {
		errno = EINVAL;
		site_syserr(s, rel, "拒绝写入", "refusing to write");
		return -1;
	}
	if (slash != NULL) {
		char *dir = xstrndup(rel, (size_t)(slash - rel));
		int rc = site_mkdirs(s, dir);
		free(dir);
		if (rc < 0)
			return -1;
	}
	return write_file(s, rel, data, len, NULL);
}

static int
write_w(struct site_worker *w, const char *rel, const void *data, size_t len,
    struct site_cslot *slot)
{
	const char *slash = strrchr(rel, '/');

	if (!rel_ok(rel)) {
		errno = EINVAL;
		site_syserr(w->s, rel, "拒绝写入", "refusing to write");
		return -1;
	}
	if (slash != NULL) {
		size_t n = (size_t)(slash - rel);
		if (w->lastdir == NULL || strlen(w->lastdir) != n ||
		    memcmp(w->lastdir, rel, n) != 0) {
			free(w->lastdir);
			w->lastdir = xstrndup(rel, n);
			if (site_mkdirs(w->s, w->lastdir) < 0)
				return -1;
		}
	}
	return write_file(w->s, rel, data, len, slot);
}

int
site_write_w(struct site_worker *w, const char *rel, const void *data,
    size_t len)
{
	return write_w(w, rel, data, len, NULL);
}

int
site_write_rep(struct site_worker *w, int k, const char *rel,
    const void *data, size_t len)
{
	return write_w(w, rel, data, len, w->s->cache != NULL ?
	    site_cache_slot(w, k) : NULL);
}

/* --- streams --------------------------------------------------------------- */

int
site_stream_open(struct site *s, struct site_stream *st, const char *rel)
{
	const char *slash = strrchr(rel, '/');

	memset(st, 0, sizeof(*st));
	st->fd = -1;
	if (slash != NULL) {
		char *dir = xstrndup(rel, (size_t)(slash - rel));
		int rc = site_mkdirs(s, dir);
		free(dir);
		if (rc < 0)
			return -1;
	}
	if (!rel_ok(rel)) {
		errno = EINVAL;
		site_syserr(s, rel, "拒绝写入", "refusing to write");
		return -1;
	}
	st->rel = rel;
	if (s->cache != NULL && site_cache_stream_open(s, rel) < 0)
		return -1;
	st->fd = openat(s->tmpfd, rel, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0666);
	if (st->fd < 0) {
		site_syserr(s, rel, "无法写入", "cannot write");
		return -1;
	}
	return 0;
}

static int
stream_flush(struct site *s, struct site_stream *st)
{
	const char *p = st->buf.data;
	size_t len = st->buf.len;

	while (len > 0) {
		ssize_t w = write(st->fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			site_syserr(s, "", "无法写入", "cannot write");
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	tally_buf_reset(&st->buf);
	return 0;
}

int
site_stream_put(struct site *s, struct site_stream *st, const void *p,
    size_t n)
{
	if (st->fd < 0)
		return -1;
	tally_buf_put(&st->buf, p, n);
	st->off += n;
	if (st->buf.len >= STREAM_FLUSH)
		return stream_flush(s, st);
	return 0;
}

int
site_stream_close(struct site *s, struct site_stream *st)
{
	int rc = 0;

	if (st->fd >= 0) {
		rc = stream_flush(s, st);
		if (s->cache != NULL && rc == 0)
			site_cache_stream_close(s, st->rel, st->fd);
		if (close(st->fd) < 0 && rc == 0) {
			site_syserr(s, "", "无法写入", "cannot write");
			rc = -1;
		}
	}
	st->fd = -1;
	tally_buf_free(&st->buf);
	return rc;
}

int
site_spool_read(struct site *s, struct site_stream *st, uint64_t off,
    size_t len, struct tally_buf *b)
{
	size_t got = 0;

	if (st->buf.len > 0 && stream_flush(s, st) < 0)
		return -1;
	tally_buf_grow(b, len + 1);
	while (got < len) {
		ssize_t r = pread(st->fd, b->data + b->len + got, len - got,
		    (off_t)(off + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = EIO;
			site_syserr(s, "", "无法读取临时文件",
			    "cannot read the spool file");
			return -1;
		}
		got += (size_t)r;
	}
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}
