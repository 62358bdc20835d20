/*
 * dir.c - sources from a directory: listing and reading files under the
 * site root.  Listings are sorted so that every run, and every build, sees
 * the files in the same order whatever the file system returns.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

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

/* --- reading a directory -----------------------------------------------------
 * A walk of 10 000 reports opens some 9 000 directories.  opendir and
 * fdopendir check the descriptor (fcntl, fstat) before reading; the walk
 * opens every directory with O_DIRECTORY itself, so on Linux its entries
 * are read with getdents64 straight into one buffer: an open, the reads and
 * a close a directory.  Elsewhere through fdopendir. */

#if defined(__linux__) && defined(SYS_getdents64)
#define RAW_DENTS 1
#define DENTS_BUF 32768

struct raw_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};
#endif

struct dread {
	int fd;
#ifdef RAW_DENTS
	char *buf;
	size_t pos, len;
	int done;
#else
	DIR *d;
#endif
};

/* Starts reading the directory open as fd (taken over: closed by
 * dread_close, or here on failure).  Returns 0, or -1 with errno. */
static int
dread_start(struct dread *r, int fd)
{
	if (fd < 0)
		return -1;
	r->fd = fd;
#ifdef RAW_DENTS
	r->buf = xmalloc(DENTS_BUF);
	r->pos = r->len = 0;
	r->done = 0;
#else
	if ((r->d = fdopendir(fd)) == NULL) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
#endif
	return 0;
}

/* The next entry's name and d_type, or NULL at the end (a read error
 * ends the listing, as readdir's NULL does). */
static const char *
dread_next(struct dread *r, unsigned char *type)
{
#ifdef RAW_DENTS
	const struct raw_dirent64 *e;

	if (r->pos >= r->len) {
		long n;
		if (r->done)
			return NULL;
		do
			n = syscall(SYS_getdents64, r->fd, r->buf, DENTS_BUF);
		while (n < 0 && errno == EINTR);
		if (n <= 0) {
			r->done = 1;
			return NULL;
		}
		r->pos = 0;
		r->len = (size_t)n;
	}
	e = (const struct raw_dirent64 *)(const void *)(r->buf + r->pos);
	r->pos += e->d_reclen;
	*type = e->d_type;
	return e->d_name;
#else
	struct dirent *e = readdir(r->d);

	if (e == NULL)
		return NULL;
	*type = e->d_type;
	return e->d_name;
#endif
}

static int
dread_fd(const struct dread *r)
{
#ifdef RAW_DENTS
	return r->fd;
#else
	return dirfd(r->d);
#endif
}

static void
dread_close(struct dread *r)
{
#ifdef RAW_DENTS
	free(r->buf);
	close(r->fd);
#else
	closedir(r->d);
#endif
}

/* Opens the directory path (following a link, as opendir does). */
static int
dread_open(struct dread *r, const char *path)
{
	return dread_start(r, open(path, O_RDONLY | O_NONBLOCK | O_DIRECTORY |
	    O_CLOEXEC));
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
    struct dread *d, const char *ext, struct tally_pathlist *out,
    struct tally_diags *diags, int depth)
{
	const char *name;
	unsigned char type;
	int rc = 0;

	while ((name = dread_next(d, &type)) != NULL) {
		char *child;
		if (name[0] == '.')
			continue; /* ., .., and hidden files */
		if (depth + 1 > 32)
			continue;
		child = join(rel, name);
		if (type == DT_REG) {
			if (ext == NULL || ends_with(child, ext))
				tally_pathlist_add(out, child);
		} else if (type == DT_DIR) {
			struct dread sd;
			if (dread_start(&sd, openat(dread_fd(d), name,
			    O_RDONLY | O_NONBLOCK | O_DIRECTORY | O_NOFOLLOW |
			    O_CLOEXEC)) < 0) {
				rc = -1;
			} else {
				if (walk_entries(root, real_root, child, &sd, ext, out,
				    diags, depth + 1) < 0)
					rc = -1;
				dread_close(&sd);
			}
		} else if (type == DT_UNKNOWN || type == DT_LNK) {
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
	struct dread d;
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
	if (dread_open(&d, full) < 0) {
		free(full);
		return -1;
	}
	rc = walk_entries(root, real_root, rel, &d, ext, out, diags, depth);
	dread_close(&d);
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

/* --- a listing kept between runs ---------------------------------------------
 * Listing the content of a large site reads every directory (10 000
 * reports: 8 700 directories, a tenth of a second), though between two
 * builds hardly one changed.  A directory's mtime moves whenever an entry
 * is added, removed or renamed in it, so a directory whose identity and
 * mtime are the recorded ones still has the recorded entries: it is
 * stat'ed, not read.  The memo file (written by the site's cache) is a
 * text file:
 *
 *   tally-listing 1
 *   <t0> <ext> <sub>               the recording walk's start (ns)
 *   D <dev> <ino> <mtime> <rel>    a directory, then its entries:
 *   f <name>                       a file ending in ext
 *   d <name>                       a directory
 *   o <name>                       anything else (a link: walked as usual)
 *
 * A directory changed within two seconds before the walk that recorded it
 * may have changed again within the same timestamp tick: it is read
 * again, as git's index treats racy files.  Names with a newline are not
 * recorded (no memo is written then). */

#define MEMO_RACY_NS 2000000000LL

struct mdir {
	char *rel;
	uint64_t dev, ino;
	int64_t mtime;
	size_t first, n;    /* its entries: ents[first .. first + n) */
};

struct memo {
	/* the last run's */
	struct mdir *dirs;
	size_t ndirs;
	char **ents;        /* "f name", "d name", "o name" */
	size_t nents;
	int64_t t0;
	/* this run's, written at the end */
	struct tally_buf out;
	int ok;             /* nothing prevents writing it */
};

static int64_t
ns_of(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static int
cmp_mdir(const void *a, const void *b)
{
	return strcmp(((const struct mdir *)a)->rel, ((const struct mdir *)b)->rel);
}

/* Reads the memo at path for (ext, sub); an absent, damaged or other
 * memo is an empty one. */
static void
memo_read(struct memo *m, const char *path, const char *ext, const char *sub)
{
	char *data = NULL, *p, *end, *nl;
	size_t len, capd = 0, cape = 0;
	long long t0;
	int hdr = 0;

	if (tally_read_file(path, &data, &len) < 0)
		return;
	p = data;
	end = data + len;
	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		*nl = '\0';
		if (hdr == 0) {
			if (strcmp(p, "tally-listing 1") != 0)
				break;
			hdr = 1;
		} else if (hdr == 1) {
			char e[64], s[4096];
			if (sscanf(p, "%lld %63s %4095[^\n]", &t0, e, s) != 3 ||
			    strcmp(e, ext) != 0 || strcmp(s, sub) != 0)
				break;
			m->t0 = t0;
			hdr = 2;
		} else if (p[0] == 'D' && p[1] == ' ') {
			unsigned long long dev, ino;
			long long mt;
			char *q = p + 2, *r;
			/* three numbers and the path: read by hand, not sscanf
			 * (8 700 lines for 10 000 reports) */
			dev = strtoull(q, &r, 10);
			if (r == q || *r != ' ')
				break;
			ino = strtoull(q = r + 1, &r, 10);
			if (r == q || *r != ' ')
				break;
			mt = strtoll(q = r + 1, &r, 10);
			if (r == q || *r != ' ')
				break;
			q = r + 1;
			if (m->ndirs == capd) {
				capd = capd ? capd * 2 : 256;
				m->dirs = xrealloc(m->dirs, capd * sizeof(*m->dirs));
			}
			m->dirs[m->ndirs].rel = xstrdup(q);
			m->dirs[m->ndirs].dev = dev;
			m->dirs[m->ndirs].ino = ino;
			m->dirs[m->ndirs].mtime = mt;
			m->dirs[m->ndirs].first = m->nents;
			m->dirs[m->ndirs].n = 0;
			m->ndirs++;
		} else if ((p[0] == 'f' || p[0] == 'd' || p[0] == 'o') &&
		    p[1] == ' ' && p[2] != '\0' && m->ndirs > 0) {
			if (m->nents == cape) {
				cape = cape ? cape * 2 : 1024;
				m->ents = xrealloc(m->ents, cape * sizeof(*m->ents));
			}
			m->ents[m->nents++] = xstrdup(p);
			m->dirs[m->ndirs - 1].n++;
		} else {
			break;
		}
		p = nl + 1;
	}
	if (p != end || hdr != 2) {
		/* damaged: forget all of it */
		size_t i;
		for (i = 0; i < m->ndirs; i++)
			free(m->dirs[i].rel);
		for (i = 0; i < m->nents; i++)
			free(m->ents[i]);
		free(m->dirs);
		free(m->ents);
		m->dirs = NULL;
		m->ents = NULL;
		m->ndirs = m->nents = 0;
	}
	free(data);
	if (m->ndirs > 1)
		qsort(m->dirs, m->ndirs, sizeof(*m->dirs), cmp_mdir);
}

static void
memo_free(struct memo *m)
{
	size_t i;

	for (i = 0; i < m->ndirs; i++)
		free(m->dirs[i].rel);
	for (i = 0; i < m->nents; i++)
		free(m->ents[i]);
	free(m->dirs);
	free(m->ents);
	tally_buf_free(&m->out);
}

static const struct mdir *
memo_find(const struct memo *m, const char *rel)
{
	struct mdir key;

	if (m->ndirs == 0)
		return NULL;
	key.rel = (char *)rel;
	return bsearch(&key, m->dirs, m->ndirs, sizeof(*m->dirs), cmp_mdir);
}

static void
memo_put(struct memo *m, char kind, const char *name)
{
	if (strchr(name, '\n') != NULL) {
		m->ok = 0;
		return;
	}
	tally_buf_putc(&m->out, kind);
	tally_buf_putc(&m->out, ' ');
	tally_buf_puts(&m->out, name);
	tally_buf_putc(&m->out, '\n');
}

/* One entry of a directory as walk_memo handles it. */
struct ment {
	char kind; /* f, d or o */
	int own;   /* name is ours to free (else the memo's) */
	char *name;
};

/* The directory rel (under root, at depth; st its stat), through the memo
 * where it is unchanged, else read; either way recorded for the next run
 * (a directory's line and all its entries, then its subdirectories). */
static int
walk_memo(struct memo *m, const char *root, const char *real_root,
    const char *rel, const struct stat *st, const char *ext,
    struct tally_pathlist *out, struct tally_diags *diags, int depth)
{
	const struct mdir *md = memo_find(m, rel);
	int64_t mt = ns_of(&st->st_mtim);
	struct ment *ents = NULL;
	size_t i, n = 0, cap = 0;
	int rc = 0;

	if (md != NULL && md->dev == (uint64_t)st->st_dev &&
	    md->ino == (uint64_t)st->st_ino && md->mtime == mt &&
	    mt < m->t0 - MEMO_RACY_NS) {
		ents = xcalloc(md->n + 1, sizeof(*ents));
		for (i = md->first; i < md->first + md->n; i++) {
			ents[n].kind = m->ents[i][0];
			ents[n].own = 0;
			ents[n++].name = m->ents[i] + 2;
		}
	} else {
		char *full = join(root, rel);
		struct dread d;
		const char *name;
		unsigned char type;
		int orc = dread_open(&d, full);
		free(full);
		if (orc < 0)
			return -1;
		while ((name = dread_next(&d, &type)) != NULL) {
			char kind;
			if (name[0] == '.')
				continue;
			if (type == DT_REG)
				kind = 'f';
			else if (type == DT_DIR)
				kind = 'd';
			else if (type == DT_UNKNOWN || type == DT_LNK)
				kind = 'o';
			else
				continue; /* devices, pipes, sockets: not sources */
			if (kind == 'f' && ext != NULL && !ends_with(name, ext))
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				ents = xrealloc(ents, cap * sizeof(*ents));
			}
			ents[n].kind = kind;
			ents[n].own = 1;
			ents[n++].name = xstrdup(name);
		}
		dread_close(&d);
	}
	if (strchr(rel, '\n') != NULL)
		m->ok = 0;
	tally_buf_printf(&m->out, "D %llu %llu %lld %s\n",
	    (unsigned long long)st->st_dev, (unsigned long long)st->st_ino,
	    (long long)mt, rel);
	for (i = 0; i < n; i++)
		memo_put(m, ents[i].kind, ents[i].name);
	for (i = 0; i < n; i++) {
		char *child;
		if (depth + 1 > 32)
			break;
		child = join(rel, ents[i].name);
		if (ents[i].kind == 'f') {
			tally_pathlist_add(out, child);
		} else if (ents[i].kind == 'd') {
			char *full = join(root, child);
			struct stat cs;
			if (lstat(full, &cs) == 0 && S_ISDIR(cs.st_mode)) {
				if (walk_memo(m, root, real_root, child, &cs, ext, out,
				    diags, depth + 1) < 0)
					rc = -1;
			} else if (walk(root, real_root, child, ext, out, diags,
			    depth + 1) < 0) {
				rc = -1; /* changed under us: as walk finds it */
			}
			free(full);
		} else if (walk(root, real_root, child, ext, out, diags,
		    depth + 1) < 0) {
			rc = -1;
		}
		free(child);
	}
	for (i = 0; i < n; i++)
		if (ents[i].own)
			free(ents[i].name);
	free(ents);
	return rc;
}

int
tally_list_files_memo(const char *root, const char *sub, const char *ext,
    const char *memo_path, struct tally_pathlist *out,
    struct tally_diags *diags)
{
	char real_root[PATH_MAX], *full, *tmp;
	struct memo m;
	struct stat st;
	struct timespec now;
	int rc, fd;

	if (memo_path == NULL || ext == NULL || strchr(ext, ' ') != NULL ||
	    strchr(sub, '\n') != NULL)
		return tally_list_files(root, sub, ext, out, diags);
	full = join(root, sub);
	rc = lstat(full, &st);
	free(full);
	if (rc < 0 || !S_ISDIR(st.st_mode))
		return tally_list_files(root, sub, ext, out, diags);
	if (realpath(root, real_root) == NULL)
		return -1;
	memset(&m, 0, sizeof(m));
	m.ok = 1;
	memo_read(&m, memo_path, ext, sub);
	clock_gettime(CLOCK_REALTIME, &now);
	tally_buf_printf(&m.out, "tally-listing 1\n%lld %s %s\n",
	    (long long)ns_of(&now), ext, sub);
	rc = walk_memo(&m, root, real_root, sub, &st, ext, out, diags, 0);
	tally_pathlist_sort(out);
	if (rc == 0 && m.ok) {
		/* written whole, then renamed: a reader sees the old or new */
		tmp = xasprintf("%s.tmp", memo_path);
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (fd >= 0 && write(fd, m.out.data, m.out.len) ==
		    (ssize_t)m.out.len && close(fd) == 0) {
			fd = -1;
			if (rename(tmp, memo_path) < 0)
				unlink(tmp);
		} else {
			if (fd >= 0)
				close(fd);
			unlink(tmp);
		}
		free(tmp);
	}
	memo_free(&m);
	return rc;
}
