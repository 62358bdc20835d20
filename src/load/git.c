/*
 * git.c - sources from git, through libgit2: a site read from a commit's
 * tree without checking it out, the history of every report from one walk
 * over the commits, and the paths changed since a commit (lint
 * --changed-since).  This is the only file that includes git2.h: libgit2's
 * negative returns and git_error_last() become diagnostics or errno here,
 * and no git_ type leaves it.
 *
 * The history walk is the part that must scale (10 000 reports, thousands
 * of commits).  It visits each commit once, children before parents, and
 * compares the commit's content directory with its first parent's by tree
 * id, descending only into subtrees whose ids differ, so a commit costs
 * what it changed, not the size of the site.  File identity across renames
 * is a map from name to report, carried from child to parent; it changes
 * only at renames and deletions, so it is kept as a chain of small
 * overlays shared between commits rather than copied for each.
 */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <git2.h>
#include <threads.h>

#include "load.h"

/* --- loading libgit2 -------------------------------------------------------
 * libgit2 is opened with dlopen on first use, not linked: loading it and
 * what it pulls in (libcrypto, krb5, mbedtls, libssh2) costs every run a
 * few milliseconds, which a lint of one file outside any repository (a
 * pre-commit hook) should not pay.  Each function used here has a pointer
 * in git_api, filled from the library; after the table, each name stands
 * for its pointer, so the code below calls libgit2 as if it were linked. */

#ifdef LIBGIT2_SOVERSION
#define GIT_LIBRARY "libgit2.so." LIBGIT2_SOVERSION
#else
#define GIT_LIBRARY "libgit2.so"
#endif

#define GIT_FUNCS(X) \
	X(git_blob_free) \
	X(git_blob_lookup) \
	X(git_blob_rawcontent) \
	X(git_blob_rawsize) \
	X(git_commit_free) \
	X(git_commit_id) \
	X(git_commit_lookup) \
	X(git_commit_parent_id) \
	X(git_commit_parentcount) \
	X(git_commit_summary) \
	X(git_commit_time) \
	X(git_commit_time_offset) \
	X(git_commit_tree) \
	X(git_commit_tree_id) \
	X(git_diff_find_options_init) \
	X(git_diff_find_similar) \
	X(git_diff_free) \
	X(git_diff_get_delta) \
	X(git_diff_num_deltas) \
	X(git_diff_options_init) \
	X(git_diff_tree_to_tree) \
	X(git_diff_tree_to_workdir_with_index) \
	X(git_error_last) \
	X(git_libgit2_init) \
	X(git_libgit2_opts) \
	X(git_libgit2_shutdown) \
	X(git_object_free) \
	X(git_object_peel) \
	X(git_odb_hash) \
	X(git_oid_cmp) \
	X(git_oid_equal) \
	X(git_oid_fromstrn) \
	X(git_oid_tostr) \
	X(git_repository_free) \
	X(git_repository_head_unborn) \
	X(git_repository_is_bare) \
	X(git_repository_is_shallow) \
	X(git_repository_open_ext) \
	X(git_repository_path) \
	X(git_repository_workdir) \
	X(git_revparse_single) \
	X(git_tree_dup) \
	X(git_tree_entry_byindex) \
	X(git_tree_entry_byname) \
	X(git_tree_entry_bypath) \
	X(git_tree_entry_filemode) \
	X(git_tree_entry_free) \
	X(git_tree_entry_id) \
	X(git_tree_entry_name) \
	X(git_tree_entrycount) \
	X(git_tree_free) \
	X(git_tree_id) \
	X(git_tree_lookup)

static struct {
#define X(f) __typeof__(&f) f;
	GIT_FUNCS(X)
#undef X
} git_api;

/* Why libgit2 could not be loaded, for the diagnostics. */
static char git_load_error[256];

static void
set_load_error(void)
{
	const char *e = dlerror();

	snprintf(git_load_error, sizeof(git_load_error), "%s",
	    e != NULL ? e : "cannot load " GIT_LIBRARY);
}

/* Opens libgit2 (the version tally was built with, else whichever the
 * unversioned name gives) and fills git_api; returns 0 or -1 with
 * git_load_error. */
static int
load_git(void)
{
	void *h = dlopen(GIT_LIBRARY, RTLD_NOW | RTLD_LOCAL);

	if (h == NULL) {
		set_load_error(); /* the first failure says the most */
		h = dlopen("libgit2.so", RTLD_NOW | RTLD_LOCAL);
		if (h == NULL)
			return -1;
	}
#define X(f) \
	if ((git_api.f = (__typeof__(git_api.f))dlsym(h, #f)) == NULL) { \
		set_load_error(); \
		dlclose(h); \
		return -1; \
	}
	GIT_FUNCS(X)
#undef X
	return 0;
}

/* From here on, each name calls through its pointer. */
#define git_blob_free git_api.git_blob_free
#define git_blob_lookup git_api.git_blob_lookup
#define git_blob_rawcontent git_api.git_blob_rawcontent
#define git_blob_rawsize git_api.git_blob_rawsize
#define git_commit_free git_api.git_commit_free
#define git_commit_id git_api.git_commit_id
#define git_commit_lookup git_api.git_commit_lookup
#define git_commit_parent_id git_api.git_commit_parent_id
#define git_commit_parentcount git_api.git_commit_parentcount
#define git_commit_summary git_api.git_commit_summary
#define git_commit_time git_api.git_commit_time
#define git_commit_time_offset git_api.git_commit_time_offset
#define git_commit_tree git_api.git_commit_tree
#define git_commit_tree_id git_api.git_commit_tree_id
#define git_diff_find_options_init git_api.git_diff_find_options_init
#define git_diff_find_similar git_api.git_diff_find_similar
#define git_diff_free git_api.git_diff_free
#define git_diff_get_delta git_api.git_diff_get_delta
#define git_diff_num_deltas git_api.git_diff_num_deltas
#define git_diff_options_init git_api.git_diff_options_init
#define git_diff_tree_to_tree git_api.git_diff_tree_to_tree
#define git_diff_tree_to_workdir_with_index git_api.git_diff_tree_to_workdir_with_index
#define git_error_last git_api.git_error_last
#define git_libgit2_init git_api.git_libgit2_init
#define git_libgit2_opts git_api.git_libgit2_opts
#define git_libgit2_shutdown git_api.git_libgit2_shutdown
#define git_object_free git_api.git_object_free
#define git_object_peel git_api.git_object_peel
#define git_odb_hash git_api.git_odb_hash
#define git_oid_cmp git_api.git_oid_cmp
#define git_oid_equal git_api.git_oid_equal
#define git_oid_fromstrn git_api.git_oid_fromstrn
#define git_oid_tostr git_api.git_oid_tostr
#define git_repository_free git_api.git_repository_free
#define git_repository_head_unborn git_api.git_repository_head_unborn
#define git_repository_is_bare git_api.git_repository_is_bare
#define git_repository_is_shallow git_api.git_repository_is_shallow
#define git_repository_open_ext git_api.git_repository_open_ext
#define git_repository_path git_api.git_repository_path
#define git_repository_workdir git_api.git_repository_workdir
#define git_revparse_single git_api.git_revparse_single
#define git_tree_dup git_api.git_tree_dup
#define git_tree_entry_byindex git_api.git_tree_entry_byindex
#define git_tree_entry_byname git_api.git_tree_entry_byname
#define git_tree_entry_bypath git_api.git_tree_entry_bypath
#define git_tree_entry_filemode git_api.git_tree_entry_filemode
#define git_tree_entry_free git_api.git_tree_entry_free
#define git_tree_entry_id git_api.git_tree_entry_id
#define git_tree_entry_name git_api.git_tree_entry_name
#define git_tree_entrycount git_api.git_tree_entrycount
#define git_tree_free git_api.git_tree_free
#define git_tree_id git_api.git_tree_id
#define git_tree_lookup git_api.git_tree_lookup

/* Links followed while resolving one path, as Linux's MAXSYMLINKS. */
#define MAX_LINKS 40
/* Directory depth of a listing, as in dir.c (stops link cycles too). */
#define MAX_DEPTH 32
/* Deleted + added files left after exact matching above which a commit's
 * renames are not looked for by similarity (git's diff.renameLimit
 * spirit: a reorganisation of thousands of files that also edits them is
 * rare, and comparing every pair would dominate the walk). */
#define SIMILAR_LIMIT 1000
/* libgit2's object cache, bytes (its default is 256 MiB). */
#ifndef GIT_CACHE_MAX
#define GIT_CACHE_MAX (16 << 20)
#endif
/* Overlays in a name-map chain before it is flattened, which bounds the
 * cost of a look-up. */
#define MAP_MAX_DEPTH 16

/* --- errors --------------------------------------------------------------- */

static const char *
git_msg(void)
{
	const git_error *e = git_error_last();

	return e != NULL && e->message != NULL ? e->message
	    : "unknown libgit2 error";
}

/* Reports the last libgit2 error as a configuration problem of file,
 * after what failed (both languages; libgit2 speaks English only).
 * Returns -1 so that callers can `return fail(...)`. */
static int
fail(struct tally_diags *d, const char *file, const char *what_zh,
    const char *what_en)
{
	tally_diag_config(d, file, 0, 0, "%s：%.0s%s", "%.0s%s: %s", what_zh,
	    what_en, git_msg());
	return -1;
}

/* --- library and repository ----------------------------------------------- */

struct tally_repo {
	git_repository *git;
	char *workdir;   /* real path, no trailing slash */
	char *prefix;    /* site root inside the working tree: "" or "a/b" */
	char *prefix_sl; /* the same with a trailing slash, "" for the root */
	int shallow;
};

/* libgit2 is loaded and started on first use, not at every run: its
 * start-up reads the system's certificates (tens of milliseconds), which a
 * lint of a few files outside any repository should not pay. */
static once_flag git_once = ONCE_FLAG_INIT;
static int git_started; /* written once, inside call_once */

static void
start_git(void)
{
	if (load_git() < 0)
		return;
	if (git_libgit2_init() < 0) {
		const git_error *e = git_error_last();

		snprintf(git_load_error, sizeof(git_load_error), "%s",
		    e != NULL && e->message != NULL ? e->message
		    : "libgit2 failed to start");
		return;
	}
	/* libgit2 caches trees up to 4 KiB only: a content directory of a
	 * few hundred units is bigger, and would be inflated and parsed
	 * again for every report read and every commit compared.  Keep
	 * trees up to 1 MiB (30 000 entries); cap the whole cache well
	 * inside the build's memory budget (DESIGN section 10). */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE,
	    (size_t)1 << 20);
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)GIT_CACHE_MAX);
	git_started = 1;
}

int
tally_git_init(void)
{
	call_once(&git_once, start_git);
	return git_started ? 0 : -1;
}

void
tally_git_shutdown(void)
{
	if (git_started)
		git_libgit2_shutdown();
}

int
tally_repo_open(struct tally_repo **out, const char *dir, int flags,
    struct tally_diags *diags)
{
	char real[PATH_MAX], wd[PATH_MAX];
	git_repository *git = NULL;
	struct tally_repo *r;
	const char *w, *rest;
	size_t n;
	int rc;

	*out = NULL;
	if (tally_git_init() < 0) {
		tally_diag_config(diags, dir, 0, 0, "无法加载 libgit2：%s",
		    "cannot load libgit2: %s", git_load_error);
		return -1;
	}
	if (realpath(dir, real) == NULL) {
		tally_diag_config(diags, dir, 0, 0, "无法打开目录：%s",
		    "cannot open the directory: %s", strerror(errno));
		return -1;
	}
	rc = git_repository_open_ext(&git, real, 0, NULL);
	if (rc == GIT_ENOTFOUND) {
		if (!(flags & TALLY_REPO_OPTIONAL))
			tally_diag_config(diags, dir, 0, 0,
			    "不在 git 仓库中（已自此目录向上查找）%s",
			    "not inside a git repository (searched from this "
			    "directory upwards)%s", "");
		return TALLY_GIT_NOREPO;
	}
	if (rc < 0)
		return fail(diags, dir, "无法打开 git 仓库",
		    "cannot open the git repository");
	if (git_repository_is_bare(git) ||
	    (w = git_repository_workdir(git)) == NULL) {
		tally_diag_config(diags, dir, 0, 0,
		    "裸仓库没有工作区，无法确定站点目录%s",
		    "a bare repository has no working tree to hold the site%s",
		    "");
		git_repository_free(git);
		return -1;
	}
	if (realpath(w, wd) == NULL) {
		tally_diag_config(diags, w, 0, 0, "无法打开工作区：%s",
		    "cannot open the working tree: %s", strerror(errno));
		git_repository_free(git);
		return -1;
	}
	/* the prefix is computed on real paths: /tmp may be a link */
	n = strcmp(wd, "/") == 0 ? 0 : strlen(wd);
	if (strncmp(real, wd, n) != 0 || (real[n] != '/' && real[n] != '\0')) {
		tally_diag_config(diags, dir, 0, 0, "站点目录不在工作区 %s 内",
		    "the site directory is not inside the working tree %s",
		    wd);
		git_repository_free(git);
		return -1;
	}
	rest = real + n;
	while (*rest == '/')
		rest++;
	r = xcalloc(1, sizeof(*r));
	r->git = git;
	r->workdir = xstrdup(wd);
	r->prefix = xstrdup(rest);
	r->prefix_sl = rest[0] ? xasprintf("%s/", rest) : xstrdup("");
	r->shallow = git_repository_is_shallow(git) == 1;
	*out = r;
	return 0;
}

void
tally_repo_free(struct tally_repo *r)
{
	if (r == NULL)
		return;
	git_repository_free(r->git);
	free(r->workdir);
	free(r->prefix);
	free(r->prefix_sl);
	free(r);
}

const char *
tally_repo_workdir(const struct tally_repo *r)
{
	return r->workdir;
}

const char *
tally_repo_prefix(const struct tally_repo *r)
{
	return r->prefix;
}

int
tally_repo_is_shallow(const struct tally_repo *r)
{
	return r->shallow;
}

/* "content/x/" → "content/x"; "./content" → "content"; NULL, "." → "".
 * Caller frees. */
static char *
norm_sub(const char *sub)
{
	size_t n;

	if (sub == NULL)
		return xstrdup("");
	while (sub[0] == '.' && sub[1] == '/')
		sub += 2;
	if (strcmp(sub, ".") == 0)
		return xstrdup("");
	n = strlen(sub);
	while (n > 0 && sub[n - 1] == '/')
		n--;
	return xstrndup(sub, n);
}

/* The repository path of a site-relative path; caller frees. */
static char *
repo_path(const struct tally_repo *r, const char *rel)
{
	if (rel[0] == '\0')
		return xstrdup(r->prefix);
	return xasprintf("%s%s", r->prefix_sl, rel);
}

/* --- commits -------------------------------------------------------------- */

/* YYYY-MM-DD of t in the zone offset minutes east of UTC. */
static void
format_date(char *buf, int64_t t, int offset)
{
	struct tm tm;
	time_t tt;

	/* a corrupt or hostile commit may carry any time */
	if (t < -(INT64_C(1) << 40) || t > (INT64_C(1) << 40) ||
	    offset < -24 * 60 || offset > 24 * 60) {
		strcpy(buf, "0000-00-00");
		return;
	}
	tt = (time_t)(t + (int64_t)offset * 60);
	if (gmtime_r(&tt, &tm) == NULL || tm.tm_year < -1900 ||
	    tm.tm_year > 9999 - 1900 ||
	    strftime(buf, 11, "%Y-%m-%d", &tm) != 10)
		strcpy(buf, "0000-00-00");
}

static void
commit_info(struct tally_commit *out, git_commit *c, struct tally_arena *a)
{
	const char *s = git_commit_summary(c);

	git_oid_tostr(out->id, sizeof(out->id), git_commit_id(c));
	memcpy(out->short_id, out->id, 7);
	out->short_id[7] = '\0';
	out->time = (int64_t)git_commit_time(c);
	out->offset = git_commit_time_offset(c);
	format_date(out->date, out->time, out->offset);
	out->subject = tally_arena_strdup(a, s != NULL ? s : "");
}

/* Resolves rev to a commit; caller frees *out with git_commit_free.
 * Failures are reported to diags (file: the working tree). */
static int
lookup_rev(struct tally_repo *r, const char *rev, git_commit **out,
    struct tally_diags *diags)
{
	git_object *obj = NULL, *peeled = NULL;
	int rc;

	*out = NULL;
	rc = git_revparse_single(&obj, r->git, rev);
	if (rc < 0) {
		if (git_repository_head_unborn(r->git) == 1)
			tally_diag_config(diags, r->workdir, 0, 0,
			    "无法解析修订版本 %s：仓库还没有任何提交",
			    "cannot resolve revision %s: the repository has no "
			    "commits yet", rev);
		else if (rc == GIT_EAMBIGUOUS)
			tally_diag_config(diags, r->workdir, 0, 0,
			    "修订版本 %s 有歧义（多个对象以此开头），请写长一些",
			    "revision %s is ambiguous (several objects start "
			    "so): give more digits", rev);
		else if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC)
			tally_diag_config(diags, r->workdir, 0, 0,
			    "未知的修订版本：%s", "unknown revision: %s", rev);
		else
			fail(diags, r->workdir, "无法解析修订版本",
			    "cannot resolve the revision");
		return -1;
	}
	rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (rc < 0) {
		tally_diag_config(diags, r->workdir, 0, 0,
		    "修订版本 %s 不指向提交", "revision %s does not name a commit",
		    rev);
		return -1;
	}
	*out = (git_commit *)peeled;
	return 0;
}

/* --- a commit's tree ------------------------------------------------------ */

struct tally_tree {
	struct tally_repo *r;
	git_tree *root;
	struct tally_commit commit;
	struct tally_arena arena;
};

/* Where a path leads in the tree. */
struct node {
	git_oid id;
	git_filemode_t mode; /* TREE, BLOB or BLOB_EXECUTABLE */
};

int
tally_tree_open(struct tally_tree **out, struct tally_repo *r, const char *rev,
    struct tally_diags *diags)
{
	struct tally_tree *t;
	git_commit *c;

	*out = NULL;
	if (lookup_rev(r, rev, &c, diags) < 0)
		return -1;
	t = xcalloc(1, sizeof(*t));
	t->r = r;
	if (git_commit_tree(&t->root, c) < 0) {
		fail(diags, r->workdir, "无法读取提交的目录树",
		    "cannot read the commit's tree");
		git_commit_free(c);
		free(t);
		return -1;
	}
	commit_info(&t->commit, c, &t->arena);
	git_commit_free(c);
	*out = t;
	return 0;
}

void
tally_tree_free(struct tally_tree *t)
{
	if (t == NULL)
		return;
	git_tree_free(t->root);
	tally_arena_free(&t->arena);
	free(t);
}

const struct tally_commit *
tally_tree_commit(const struct tally_tree *t)
{
	return &t->commit;
}

static void
buf_trunc(struct tally_buf *b, size_t n)
{
	b->len = n;
	if (b->data != NULL)
		b->data[n] = '\0';
}

static void
buf_push_name(struct tally_buf *b, const char *name)
{
	if (b->len > 0)
		tally_buf_putc(b, '/');
	tally_buf_puts(b, name);
}

/* The target of the link blob id; caller frees. */
static int
link_target(struct tally_tree *t, const git_oid *id, char **out)
{
	git_blob *b;

	if (git_blob_lookup(&b, t->r->git, id) < 0)
		return -1;
	*out = xstrndup(git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
	git_blob_free(b);
	return 0;
}

/* The tree at repository path dir ("" the root); caller frees. */
static int
dir_tree(struct tally_tree *t, const char *dir, git_tree **out)
{
	git_tree_entry *e;
	int rc;

	if (dir[0] == '\0')
		return git_tree_dup(out, t->root);
	if (git_tree_entry_bypath(&e, t->root, dir) < 0)
		return -1;
	rc = git_tree_lookup(out, t->r->git, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return rc;
}

/* Resolves the repository path `path` in the tree as realpath(3) would on
 * a checkout: "." and ".." are handled and every symbolic link is
 * followed, the last component's too.  cur receives the resolved path.
 * The result must lie inside the site root: a link out of it, an absolute
 * link, or ".." above the repository root is EACCES, which is how the
 * directory backend's confinement reads here.  Returns 0 or -1 with errno
 * (ENOENT, ENOTDIR, ELOOP, EACCES, EIO).
 *
 * One tree is looked up per component, from the directory reached so
 * far: reading every report costs about one tree look-up each, the
 * parents being in libgit2's cache. */
static int
resolve(struct tally_tree *t, const char *path, struct node *out,
    struct tally_buf *cur)
{
	char *rest = xstrdup(path), *name = NULL;
	git_tree *dir = NULL;
	size_t pos = 0, start, len;
	int links = 0, err = 0;
	const char *pre = t->r->prefix;
	size_t npre = strlen(pre);

	tally_buf_reset(cur);
	tally_buf_cstr(cur);
	out->id = *git_tree_id(t->root);
	out->mode = GIT_FILEMODE_TREE;
	if (git_tree_dup(&dir, t->root) < 0)
		err = EIO;
	while (err == 0) {
		const git_tree_entry *e;
		git_filemode_t mode;
		char *target, *next;

		while (rest[pos] == '/')
			pos++;
		if (rest[pos] == '\0')
			break;
		start = pos;
		while (rest[pos] != '/' && rest[pos] != '\0')
			pos++;
		len = pos - start;
		if (len == 1 && rest[start] == '.')
			continue;
		if (out->mode != GIT_FILEMODE_TREE) {
			err = ENOTDIR;
			break;
		}
		if (len == 2 && rest[start] == '.' && rest[start + 1] == '.') {
			char *slash;
			if (cur->len == 0) {
				err = EACCES; /* above the repository root */
				break;
			}
			slash = strrchr(cur->data, '/');
			buf_trunc(cur, slash ? (size_t)(slash - cur->data) : 0);
			git_tree_free(dir);
			dir = NULL;
			if (dir_tree(t, cur->data, &dir) < 0) {
				err = EIO;
				break;
			}
			out->id = *git_tree_id(dir);
			continue;
		}
		free(name);
		name = xstrndup(rest + start, len);
		if ((e = git_tree_entry_byname(dir, name)) == NULL) {
			err = ENOENT;
			break;
		}
		mode = git_tree_entry_filemode(e);
		if (mode == GIT_FILEMODE_COMMIT) {
			err = ENOENT; /* a submodule: nothing to read here */
			break;
		}
		if (mode == GIT_FILEMODE_LINK) {
			if (++links > MAX_LINKS) {
				err = ELOOP;
				break;
			}
			if (link_target(t, git_tree_entry_id(e), &target) < 0) {
				err = EIO;
				break;
			}
			if (target[0] == '/' || target[0] == '\0') {
				free(target);
				err = EACCES;
				break;
			}
			/* the target replaces the link; resolution goes on
			 * from the link's directory */
			next = xasprintf("%s/%s", target, rest + pos);
			free(target);
			free(rest);
			rest = next;
			pos = 0;
			continue;
		}
		buf_push_name(cur, name);
		out->id = *git_tree_entry_id(e);
		out->mode = mode;
		if (mode == GIT_FILEMODE_TREE) {
			git_tree *sub;
			if (git_tree_lookup(&sub, t->r->git, &out->id) < 0) {
				err = EIO;
				break;
			}
			git_tree_free(dir);
			dir = sub;
		}
	}
	git_tree_free(dir);
	free(name);
	free(rest);
	if (err == 0 && npre > 0 &&
	    (strncmp(cur->data, pre, npre) != 0 ||
	    (cur->data[npre] != '/' && cur->data[npre] != '\0')))
		err = EACCES;
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}

static int
ends_with(const char *s, const char *ext)
{
	size_t n = strlen(s), m = strlen(ext);

	return n >= m && strcmp(s + n - m, ext) == 0;
}

struct lister {
	struct tally_tree *t;
	const char *ext;
	struct tally_pathlist *out;
	struct tally_diags *diags;
};

static void
refuse_link(struct lister *L, const char *rel)
{
	tally_diag_config(L->diags, rel, 0, 0,
	    "符号链接指向站点目录之外，已拒绝%s",
	    "symbolic link leaves the site directory: refused%s", "");
}

/* Lists the tree id, shown as rel (site-relative) and found at phys (its
 * resolved repository path, against which its links resolve). */
static int
list_dir(struct lister *L, const git_oid *id, struct tally_buf *rel,
    struct tally_buf *phys, int depth)
{
	git_tree *tree;
	size_t i, n, rl = rel->len, pl = phys->len;
	int rc = 0;

	if (depth > MAX_DEPTH)
		return 0;
	if (git_tree_lookup(&tree, L->t->r->git, id) < 0) {
		errno = EIO;
		return -1;
	}
	n = git_tree_entrycount(tree);
	for (i = 0; i < n && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);
		git_filemode_t mode = git_tree_entry_filemode(e);

		if (name[0] == '.')
			continue; /* hidden, as in the directory backend */
		buf_push_name(rel, name);
		buf_push_name(phys, name);
		if (mode == GIT_FILEMODE_TREE) {
			rc = list_dir(L, git_tree_entry_id(e), rel, phys,
			    depth + 1);
		} else if (mode == GIT_FILEMODE_BLOB ||
		    mode == GIT_FILEMODE_BLOB_EXECUTABLE) {
			if (L->ext == NULL || ends_with(name, L->ext))
				tally_pathlist_add(L->out, rel->data);
		} else if (mode == GIT_FILEMODE_LINK) {
			struct tally_buf real = TALLY_BUF_INIT;
			struct node nd;
			if (resolve(L->t, phys->data, &nd, &real) < 0) {
				/* dangling and looping links too: dir.c
				 * refuses what realpath(3) cannot resolve,
				 * and both backends must agree */
				if (errno == EIO)
					rc = -1;
				else
					refuse_link(L, rel->data);
			} else if (nd.mode == GIT_FILEMODE_TREE) {
				rc = list_dir(L, &nd.id, rel, &real, depth + 1);
			} else if (L->ext == NULL || ends_with(name, L->ext)) {
				tally_pathlist_add(L->out, rel->data);
			}
			tally_buf_free(&real);
		}
		buf_trunc(rel, rl);
		buf_trunc(phys, pl);
	}
	git_tree_free(tree);
	return rc;
}

int
tally_tree_list(struct tally_tree *t, const char *sub, const char *ext,
    struct tally_pathlist *out, struct tally_diags *diags)
{
	struct lister L = {t, ext, out, diags};
	struct tally_buf rel = TALLY_BUF_INIT, phys = TALLY_BUF_INIT;
	char *s = norm_sub(sub), *p = repo_path(t->r, s);
	struct node nd;
	int rc = 0;

	if (resolve(t, p, &nd, &phys) < 0) {
		if (errno == EACCES) {
			refuse_link(&L, s[0] ? s : ".");
		} else {
			rc = -1;
		}
	} else if (nd.mode == GIT_FILEMODE_TREE) {
		tally_buf_puts(&rel, s);
		rc = list_dir(&L, &nd.id, &rel, &phys, 0);
	} else if (ext == NULL || ends_with(s, ext)) {
		tally_pathlist_add(out, s);
	}
	tally_pathlist_sort(out);
	tally_buf_free(&rel);
	tally_buf_free(&phys);
	free(s);
	free(p);
	return rc;
}

int
tally_tree_read(struct tally_tree *t, const char *rel, char **data,
    size_t *len, char *blob_id)
{
	struct tally_buf real = TALLY_BUF_INIT;
	char *p = repo_path(t->r, rel);
	struct node nd;
	git_blob *b;
	size_t n;
	int rc;

	*data = NULL;
	*len = 0;
	rc = resolve(t, p, &nd, &real);
	free(p);
	tally_buf_free(&real);
	if (rc < 0)
		return -1;
	if (nd.mode == GIT_FILEMODE_TREE) {
		errno = EISDIR;
		return -1;
	}
	if (git_blob_lookup(&b, t->r->git, &nd.id) < 0) {
		errno = EIO;
		return -1;
	}
	n = (size_t)git_blob_rawsize(b);
	*data = xmalloc(n + 1);
	memcpy(*data, git_blob_rawcontent(b), n);
	(*data)[n] = '\0';
	*len = n;
	if (blob_id != NULL)
		git_oid_tostr(blob_id, 41, &nd.id);
	git_blob_free(b);
	return 0;
}

/* --- blob ids of working files -------------------------------------------- */

static void
say_load_error(void)
{
	fprintf(stderr, "tally: cannot load libgit2: %s\n", git_load_error);
}

/* Blob ids have no diagnostics to go to: a library that cannot be loaded
 * is said once on the standard error. */
static void
report_load_error(void)
{
	static once_flag said = ONCE_FLAG_INIT;

	call_once(&said, say_load_error);
}

int
tally_git_hash(const void *data, size_t len, char *blob_id)
{
	git_oid id;

	blob_id[0] = '\0';
	if (tally_git_init() < 0) {
		report_load_error();
		return -1;
	}
	if (git_odb_hash(&id, data, len, GIT_OBJECT_BLOB) < 0)
		return -1;
	git_oid_tostr(blob_id, 41, &id);
	return 0;
}

int
tally_git_hash_file(const char *path, char *blob_id)
{
	char *data;
	size_t len;
	int rc;

	/* the bytes tally reads, not git_odb_hash_file's view of a link */
	if (tally_read_file(path, &data, &len) < 0)
		return -1;
	rc = tally_git_hash(data, len, blob_id);
	free(data);
	if (rc < 0)
		errno = EIO;
	return rc;
}

/* --- name maps --------------------------------------------------------------
 * An open-addressing table from a path to a report index (or -1: the name
 * is known not to be a tracked report at this point of history).  Keys are
 * not owned: they live in the walk's arena or the history's paths. */

struct smap {
	const char **keys;
	uint32_t *hashes;
	int *vals;
	size_t n, cap; /* cap: 0 or a power of two */
};

static uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static long
smap_find(const struct smap *m, const char *k, uint32_t h)
{
	size_t i;

	if (m->cap == 0)
		return -1;
	for (i = h & (m->cap - 1); m->keys[i] != NULL; i = (i + 1) & (m->cap - 1))
		if (m->hashes[i] == h && strcmp(m->keys[i], k) == 0)
			return (long)i;
	return -1;
}

static void smap_put(struct smap *m, const char *k, uint32_t h, int v);

static void
smap_grow(struct smap *m)
{
	struct smap old = *m;
	size_t i;

	m->cap = old.cap ? old.cap * 2 : 16;
	m->n = 0;
	m->keys = xcalloc(m->cap, sizeof(*m->keys));
	m->hashes = xcalloc(m->cap, sizeof(*m->hashes));
	m->vals = xcalloc(m->cap, sizeof(*m->vals));
	for (i = 0; i < old.cap; i++)
		if (old.keys[i] != NULL)
			smap_put(m, old.keys[i], old.hashes[i], old.vals[i]);
	free(old.keys);
	free(old.hashes);
	free(old.vals);
}

static void
smap_put(struct smap *m, const char *k, uint32_t h, int v)
{
	size_t i;
	long at = smap_find(m, k, h);

	if (at >= 0) {
		m->vals[at] = v;
		return;
	}
	if ((m->n + 1) * 4 > m->cap * 3)
		smap_grow(m);
	for (i = h & (m->cap - 1); m->keys[i] != NULL; i = (i + 1) & (m->cap - 1))
		;
	m->keys[i] = k;
	m->hashes[i] = h;
	m->vals[i] = v;
	m->n++;
}

static void
smap_free(struct smap *m)
{
	free(m->keys);
	free(m->hashes);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* Names at one commit: an overlay of entries on a base map.  The root (no
 * base) maps the paths asked for at the start commit.  Shared by every
 * commit whose names are the same, hence the reference count. */
struct namemap {
	struct namemap *base;
	unsigned refs, depth;
	struct smap tab;
};

static int
map_get(const struct namemap *m, const char *k, uint32_t h)
{
	long at;

	for (; m != NULL; m = m->base)
		if ((at = smap_find(&m->tab, k, h)) >= 0)
			return m->tab.vals[at];
	return -1;
}

static struct namemap *
map_ref(struct namemap *m)
{
	m->refs++;
	return m;
}

static void
map_release(struct namemap *m)
{
	while (m != NULL && --m->refs == 0) {
		struct namemap *base = m->base;
		smap_free(&m->tab);
		free(m);
		m = base;
	}
}

/* A new map: base with the entries of tab (taken) over it.  A chain
 * deeper than MAP_MAX_DEPTH is flattened onto the root. */
static struct namemap *
map_overlay(struct namemap *base, struct smap *tab)
{
	struct namemap *m = xcalloc(1, sizeof(*m)), *x, *root;
	size_t i;

	m->refs = 1;
	m->base = map_ref(base);
	m->depth = base->depth + 1;
	m->tab = *tab;
	memset(tab, 0, sizeof(*tab));
	if (m->depth <= MAP_MAX_DEPTH)
		return m;
	for (root = base; root->base != NULL; root = root->base)
		;
	x = xcalloc(1, sizeof(*x));
	x->refs = 1;
	x->base = map_ref(root);
	x->depth = 1;
	/* nearest overlay first: it wins */
	for (base = m; base != root; base = base->base)
		for (i = 0; i < base->tab.cap; i++)
			if (base->tab.keys[i] != NULL &&
			    smap_find(&x->tab, base->tab.keys[i],
			    base->tab.hashes[i]) < 0)
				smap_put(&x->tab, base->tab.keys[i],
				    base->tab.hashes[i], base->tab.vals[i]);
	map_release(m);
	return x;
}

/* Adds to add the names of the overlays of from (not the root) that a
 * leaves without a report and b gives one. */
static void
union_scan(const struct namemap *from, const struct namemap *a,
    const struct namemap *b, struct smap *add)
{
	size_t i;
	int v;

	for (; from != NULL && from->base != NULL; from = from->base)
		for (i = 0; i < from->tab.cap; i++) {
			const char *k = from->tab.keys[i];
			uint32_t h = from->tab.hashes[i];
			if (k == NULL || smap_find(add, k, h) >= 0)
				continue;
			if (map_get(a, k, h) < 0 && (v = map_get(b, k, h)) >= 0)
				smap_put(add, k, h, v);
		}
}

/* The names of a commit reached from two children with different maps:
 * a, plus every name b tracks that a does not (which one wins when both
 * track a name does not matter for any history git can produce short of
 * a file renamed differently on two branches).  Takes a's and b's refs. */
static struct namemap *
map_union(struct namemap *a, struct namemap *b)
{
	struct smap add = {0};
	struct namemap *m;

	if (a == b) {
		map_release(b);
		return a;
	}
	/* only names in overlays can differ: the root is common */
	union_scan(b, a, b, &add);
	union_scan(a, a, b, &add);
	if (add.n == 0) {
		smap_free(&add);
		map_release(b);
		return a;
	}
	m = map_overlay(a, &add);
	map_release(a);
	map_release(b);
	return m;
}

/* --- the history walk ----------------------------------------------------- */

#define NONE UINT32_MAX

struct hcommit {
	git_oid id;
	git_oid tree;
	git_oid sub;         /* the content directory's tree id */
	int64_t time;
	uint32_t parents;    /* offset in walk.edges */
	uint32_t nparents;
	uint32_t pending;    /* children not yet processed */
	unsigned absent : 1; /* not in the repository: a shallow cut */
	unsigned cut : 1;    /* listed in .git/shallow: parents cut off */
	unsigned has_sub : 1;
	unsigned sub_known : 1;
	struct namemap *map; /* names at this commit, from its children */
	struct tally_commit *pub;
};

struct change {
	char status;        /* 'A', 'D', 'M' */
	size_t path;        /* offset in walk.names */
	git_oid old_id, new_id;
	long pair;          /* the change it pairs with in a rename, or -1 */
};

struct filehist {
	uint32_t *idx;
	size_t n, cap;
	int truncated;
};

struct tally_history {
	struct tally_arena arena;
	char **paths; /* sorted, in the arena */
	struct tally_file_history *files;
	size_t npaths;
	size_t ncommits;
	int truncated;
};

struct walk {
	struct tally_repo *r;
	struct tally_history *h;
	struct tally_diags *diags;
	struct hcommit *c;
	size_t n, cap;
	uint32_t *edges;
	size_t nedges, capedges;
	uint32_t *set; /* oid → index + 1, open addressing */
	size_t setcap;
	uint32_t *heap;
	size_t nheap;
	char *subdir;            /* the content directory, repository path */
	char *site_sub;          /* the same, site-relative */
	struct tally_buf path;   /* the path being compared, site-relative */
	struct change *ch;
	size_t nch, capch;
	struct tally_buf names;  /* the changes' paths, NUL-separated */
	struct tally_arena keys; /* names put in maps */
	struct filehist *files;
	struct namemap *root;
	git_oid *shallow;        /* .git/shallow, sorted */
	size_t nshallow;
};

static uint32_t
oid_hash(const git_oid *id)
{
	uint32_t h;

	memcpy(&h, id->id, sizeof(h)); /* an id is already uniform */
	return h;
}

static uint32_t commit_index(struct walk *w, const git_oid *id);

static void
set_grow(struct walk *w)
{
	size_t i, cap = w->setcap ? w->setcap * 2 : 1024;

	free(w->set);
	w->set = xcalloc(cap, sizeof(*w->set));
	w->setcap = cap;
	for (i = 0; i < w->n; i++) {
		size_t j = oid_hash(&w->c[i].id) & (cap - 1);
		while (w->set[j] != 0)
			j = (j + 1) & (cap - 1);
		w->set[j] = (uint32_t)i + 1;
	}
}

/* The index of commit id in the walk, added (unread) when new. */
static uint32_t
commit_index(struct walk *w, const git_oid *id)
{
	size_t j;

	if ((w->n + 1) * 2 > w->setcap)
		set_grow(w);
	for (j = oid_hash(id) & (w->setcap - 1); w->set[j] != 0;
	    j = (j + 1) & (w->setcap - 1))
		if (git_oid_equal(&w->c[w->set[j] - 1].id, id))
			return w->set[j] - 1;
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->c = xrealloc(w->c, w->cap * sizeof(*w->c));
	}
	memset(&w->c[w->n], 0, sizeof(w->c[w->n]));
	w->c[w->n].id = *id;
	w->set[j] = (uint32_t)w->n + 1;
	return (uint32_t)w->n++;
}

static void
edge_add(struct walk *w, uint32_t to)
{
	if (w->nedges == w->capedges) {
		w->capedges = w->capedges ? w->capedges * 2 : 256;
		w->edges = xrealloc(w->edges, w->capedges * sizeof(*w->edges));
	}
	w->edges[w->nedges++] = to;
}

static int
cmp_oid(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

/* Reads .git/shallow: the commits whose parents a shallow clone cut off.
 * libgit2 1.5 does not apply it (the parents are listed but missing, and
 * collect() sees that too); later versions hide those parents, and only
 * this list then tells a cut from a root commit. */
static void
load_shallow(struct walk *w)
{
	char *path, *data, *p;
	size_t len;

	path = xasprintf("%sshallow", git_repository_path(w->r->git));
	if (tally_read_file(path, &data, &len) < 0) {
		free(path);
		return;
	}
	free(path);
	w->shallow = xmalloc((len / 40 + 1) * sizeof(*w->shallow));
	for (p = data; (size_t)(p - data) + 40 <= len; p++) {
		if (git_oid_fromstrn(&w->shallow[w->nshallow], p, 40) == 0)
			w->nshallow++;
		p += 40;
		while (*p != '\n' && *p != '\0')
			p++;
	}
	free(data);
	qsort(w->shallow, w->nshallow, sizeof(*w->shallow), cmp_oid);
}

/* Reads every commit reachable from the start (index 0), breadth first:
 * their times, trees and parents, and how many children each has. */
static int
collect(struct walk *w)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		git_commit *gc;
		unsigned k, np;
		int rc = git_commit_lookup(&gc, w->r->git, &w->c[i].id);

		if (rc == GIT_ENOTFOUND) {
			/* a parent a shallow clone does not have */
			w->c[i].absent = 1;
			continue;
		}
		if (rc < 0)
			return fail(w->diags, w->r->workdir,
			    "无法读取提交", "cannot read a commit");
		w->c[i].time = (int64_t)git_commit_time(gc);
		w->c[i].tree = *git_commit_tree_id(gc);
		np = git_commit_parentcount(gc);
		if (w->nshallow > 0 && bsearch(&w->c[i].id, w->shallow,
		    w->nshallow, sizeof(*w->shallow), cmp_oid) != NULL) {
			w->c[i].cut = 1;
			np = 0;
		}
		w->c[i].parents = (uint32_t)w->nedges;
		w->c[i].nparents = np;
		for (k = 0; k < np; k++) {
			uint32_t p = commit_index(w, git_commit_parent_id(gc, k));
			edge_add(w, p);
			w->c[p].pending++;
		}
		git_commit_free(gc);
	}
	return 0;
}

/* Heap order: newer first, then by id, so that the walk is the same on
 * every machine (git log --date-order). */
static int
heap_before(const struct walk *w, uint32_t a, uint32_t b)
{
	if (w->c[a].time != w->c[b].time)
		return w->c[a].time > w->c[b].time;
	return git_oid_cmp(&w->c[a].id, &w->c[b].id) < 0;
}

static void
heap_push(struct walk *w, uint32_t x)
{
	size_t i = w->nheap++;

	while (i > 0) {
		size_t up = (i - 1) / 2;
		if (!heap_before(w, x, w->heap[up]))
			break;
		w->heap[i] = w->heap[up];
		i = up;
	}
	w->heap[i] = x;
}

static uint32_t
heap_pop(struct walk *w)
{
	uint32_t top = w->heap[0], x = w->heap[--w->nheap];
	size_t i = 0;

	for (;;) {
		size_t l = 2 * i + 1, best = i;
		uint32_t bx = x;
		if (l < w->nheap && heap_before(w, w->heap[l], bx))
			best = l, bx = w->heap[l];
		if (l + 1 < w->nheap && heap_before(w, w->heap[l + 1], bx))
			best = l + 1;
		if (best == i)
			break;
		w->heap[i] = w->heap[best];
		i = best;
	}
	if (w->nheap > 0)
		w->heap[i] = x;
	return top;
}

/* The content directory's tree in commit i (0 when it has none). */
static int
sub_tree(struct walk *w, uint32_t i, const git_oid **out)
{
	struct hcommit *c = &w->c[i];

	if (!c->sub_known) {
		c->sub_known = 1;
		if (w->subdir[0] == '\0') {
			c->sub = c->tree;
			c->has_sub = 1;
		} else {
			git_tree *t;
			git_tree_entry *e;
			int rc;
			if (git_tree_lookup(&t, w->r->git, &c->tree) < 0)
				return fail(w->diags, w->r->workdir,
				    "无法读取目录树", "cannot read a tree");
			rc = git_tree_entry_bypath(&e, t, w->subdir);
			git_tree_free(t);
			if (rc < 0 && rc != GIT_ENOTFOUND)
				return fail(w->diags, w->r->workdir,
				    "无法读取目录树", "cannot read a tree");
			if (rc == 0) {
				if (git_tree_entry_filemode(e) ==
				    GIT_FILEMODE_TREE) {
					c->sub = *git_tree_entry_id(e);
					c->has_sub = 1;
				}
				git_tree_entry_free(e);
			}
		}
	}
	*out = c->has_sub ? &w->c[i].sub : NULL;
	return 0;
}

static void
change_add(struct walk *w, char status, const git_oid *old_id,
    const git_oid *new_id)
{
	struct change *x;

	if (w->nch == w->capch) {
		w->capch = w->capch ? w->capch * 2 : 64;
		w->ch = xrealloc(w->ch, w->capch * sizeof(*w->ch));
	}
	x = &w->ch[w->nch++];
	memset(x, 0, sizeof(*x));
	x->status = status;
	x->path = w->names.len;
	tally_buf_put(&w->names, w->path.data, w->path.len + 1);
	if (old_id)
		x->old_id = *old_id;
	if (new_id)
		x->new_id = *new_id;
	x->pair = -1;
}

static int
is_tree_mode(git_filemode_t m)
{
	return m == GIT_FILEMODE_TREE;
}

/* git's order of tree entries: names compared bytewise, a tree's name as
 * if it ended in '/'.  Both trees are in this order, so one merge pass
 * pairs their entries. */
static int
entry_cmp(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *na = git_tree_entry_name(a), *nb = git_tree_entry_name(b);
	size_t la = strlen(na), lb = strlen(nb), n = la < lb ? la : lb;
	int c = memcmp(na, nb, n);
	unsigned char ca, cb;

	if (c != 0)
		return c;
	ca = la > n ? (unsigned char)na[n]
	    : is_tree_mode(git_tree_entry_filemode(a)) ? '/' : '\0';
	cb = lb > n ? (unsigned char)nb[n]
	    : is_tree_mode(git_tree_entry_filemode(b)) ? '/' : '\0';
	return (int)ca - (int)cb;
}

static int diff_trees(struct walk *w, const git_oid *a, const git_oid *b);

/* An entry present on one side only: status 'A' or 'D'. */
static int
diff_one(struct walk *w, const git_tree_entry *e, char status)
{
	git_filemode_t m = git_tree_entry_filemode(e);
	size_t keep = w->path.len;
	int rc = 0;

	if (m == GIT_FILEMODE_COMMIT)
		return 0; /* submodules hold no reports */
	buf_push_name(&w->path, git_tree_entry_name(e));
	if (m == GIT_FILEMODE_TREE)
		rc = diff_trees(w, status == 'D' ? git_tree_entry_id(e) : NULL,
		    status == 'A' ? git_tree_entry_id(e) : NULL);
	else
		change_add(w, status,
		    status == 'D' ? git_tree_entry_id(e) : NULL,
		    status == 'A' ? git_tree_entry_id(e) : NULL);
	buf_trunc(&w->path, keep);
	return rc;
}

/* An entry present on both sides (both trees or both not). */
static int
diff_two(struct walk *w, const git_tree_entry *a, const git_tree_entry *b)
{
	git_filemode_t ma = git_tree_entry_filemode(a);
	git_filemode_t mb = git_tree_entry_filemode(b);
	size_t keep = w->path.len;
	int rc = 0;

	/* the whole point: an unchanged subtree costs one comparison */
	if (ma == mb && git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)))
		return 0;
	if (ma == GIT_FILEMODE_COMMIT && mb == GIT_FILEMODE_COMMIT)
		return 0;
	if (ma == GIT_FILEMODE_COMMIT)
		return diff_one(w, b, 'A');
	if (mb == GIT_FILEMODE_COMMIT)
		return diff_one(w, a, 'D');
	buf_push_name(&w->path, git_tree_entry_name(a));
	if (ma == GIT_FILEMODE_TREE)
		rc = diff_trees(w, git_tree_entry_id(a), git_tree_entry_id(b));
	else
		change_add(w, 'M', git_tree_entry_id(a), git_tree_entry_id(b));
	buf_trunc(&w->path, keep);
	return rc;
}

/* Records the files that differ between trees a and b (either may be
 * NULL: empty) under w->path. */
static int
diff_trees(struct walk *w, const git_oid *a, const git_oid *b)
{
	git_tree *ta = NULL, *tb = NULL;
	size_t i = 0, j = 0, na, nb;
	int rc = 0;

	if ((a && git_tree_lookup(&ta, w->r->git, a) < 0) ||
	    (b && git_tree_lookup(&tb, w->r->git, b) < 0)) {
		git_tree_free(ta);
		return fail(w->diags, w->r->workdir, "无法读取目录树",
		    "cannot read a tree");
	}
	na = ta ? git_tree_entrycount(ta) : 0;
	nb = tb ? git_tree_entrycount(tb) : 0;
	while (rc == 0 && (i < na || j < nb)) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(ta, i)
		    : NULL;
		const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(tb, j)
		    : NULL;
		int c = ea == NULL ? 1 : eb == NULL ? -1 : entry_cmp(ea, eb);
		if (c < 0) {
			rc = diff_one(w, ea, 'D');
			i++;
		} else if (c > 0) {
			rc = diff_one(w, eb, 'A');
			j++;
		} else {
			rc = diff_two(w, ea, eb);
			i++;
			j++;
		}
	}
	git_tree_free(ta);
	git_tree_free(tb);
	return rc;
}

static const char *
change_path(const struct walk *w, const struct change *x)
{
	return w->names.data + x->path;
}

static const char *
base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/* A deletion, for the exact rename pass: sorted by blob id, then path. */
struct del {
	git_oid id;
	const char *path;
	size_t idx;
};

static int
cmp_del(const void *pa, const void *pb)
{
	const struct del *a = pa, *b = pb;
	int c = git_oid_cmp(&a->id, &b->id);

	return c != 0 ? c : strcmp(a->path, b->path);
}

/* Pairs deleted and added paths with the same blob id: a rename without
 * an edit, which is most renames and costs no blob read.  Among several
 * deletions of the same content, the one with the same file name wins. */
static void
pair_exact(struct walk *w)
{
	size_t i, nd = 0, lo, hi;
	struct del *del;

	for (i = 0; i < w->nch; i++)
		if (w->ch[i].status == 'D')
			nd++;
	if (nd == 0 || nd == w->nch)
		return;
	del = xmalloc(nd * sizeof(*del));
	nd = 0;
	for (i = 0; i < w->nch; i++)
		if (w->ch[i].status == 'D') {
			del[nd].id = w->ch[i].old_id;
			del[nd].path = change_path(w, &w->ch[i]);
			del[nd++].idx = i;
		}
	qsort(del, nd, sizeof(*del), cmp_del);
	for (i = 0; i < w->nch; i++) {
		struct change *a = &w->ch[i];
		size_t k, pick = nd;
		if (a->status != 'A')
			continue;
		lo = 0;
		hi = nd;
		while (lo < hi) { /* the first deletion with a's id */
			size_t mid = lo + (hi - lo) / 2;
			if (git_oid_cmp(&del[mid].id, &a->new_id) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (k = lo; k < nd && git_oid_equal(&del[k].id, &a->new_id);
		    k++) {
			if (w->ch[del[k].idx].pair >= 0)
				continue;
			if (pick == nd)
				pick = k;
			if (strcmp(base_name(del[k].path),
			    base_name(change_path(w, a))) == 0) {
				pick = k;
				break;
			}
		}
		if (pick < nd) {
			a->pair = (long)del[pick].idx;
			w->ch[del[pick].idx].pair = (long)i;
		}
	}
	free(del);
}

/* Pairs what the exact pass left with libgit2's similarity (git's -M50%),
 * for renames with an edit.  Only commits that delete and add files in
 * the content directory get here. */
static int
pair_similar(struct walk *w, uint32_t ci, uint32_t parent)
{
	struct smap left = {0};
	git_tree *ta = NULL, *tb = NULL;
	git_diff *diff = NULL;
	git_diff_options opts;
	git_diff_find_options fo;
	char *spec[1];
	size_t i, nd = 0, na = 0, np = strlen(w->r->prefix_sl);
	int rc = 0;

	for (i = 0; i < w->nch; i++) {
		struct change *x = &w->ch[i];
		if (x->status == 'D' && x->pair < 0)
			nd++;
		else if (x->status == 'A' && x->pair < 0)
			na++;
	}
	if (nd == 0 || na == 0 || nd + na > SIMILAR_LIMIT)
		return 0;
	for (i = 0; i < w->nch; i++) {
		struct change *x = &w->ch[i];
		/* a path is either deleted or added, never both: a file
		 * replaced by a directory adds paths below it */
		if (x->status != 'M' && x->pair < 0)
			smap_put(&left, change_path(w, x),
			    hash_str(change_path(w, x)), (int)i);
	}
	/* the _init functions: the INIT macros leave fields out, which
	 * -Wextra reports */
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
	spec[0] = w->subdir;
	opts.pathspec.strings = spec;
	opts.pathspec.count = w->subdir[0] ? 1 : 0;
	fo.flags = GIT_DIFF_FIND_RENAMES; /* whatever diff.renames says */
	if (git_tree_lookup(&ta, w->r->git, &w->c[parent].tree) < 0 ||
	    git_tree_lookup(&tb, w->r->git, &w->c[ci].tree) < 0 ||
	    git_diff_tree_to_tree(&diff, w->r->git, ta, tb, &opts) < 0 ||
	    git_diff_find_similar(diff, &fo) < 0) {
		rc = fail(w->diags, w->r->workdir, "无法比较提交",
		    "cannot compare commits");
		goto out;
	}
	for (i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		const char *op = d->old_file.path, *nw = d->new_file.path;
		long a, b;
		if (d->status != GIT_DELTA_RENAMED ||
		    strncmp(op, w->r->prefix_sl, np) != 0 ||
		    strncmp(nw, w->r->prefix_sl, np) != 0)
			continue;
		op += np;
		nw += np;
		a = smap_find(&left, op, hash_str(op));
		b = smap_find(&left, nw, hash_str(nw));
		if (a < 0 || b < 0)
			continue;
		a = left.vals[a];
		b = left.vals[b];
		if (w->ch[a].status != 'D' || w->ch[b].status != 'A' ||
		    w->ch[a].pair >= 0 || w->ch[b].pair >= 0)
			continue;
		w->ch[a].pair = b;
		w->ch[b].pair = a;
	}
out:
	git_diff_free(diff);
	git_tree_free(ta);
	git_tree_free(tb);
	smap_free(&left);
	return rc;
}

/* Adds commit ci to report f's history (once). */
static int
record(struct walk *w, int f, uint32_t ci, int boundary)
{
	struct filehist *fh;

	if (f < 0)
		return 0;
	fh = &w->files[f];
	if (boundary)
		fh->truncated = 1;
	if (fh->n > 0 && fh->idx[fh->n - 1] == ci)
		return 0;
	if (w->c[ci].pub == NULL) {
		git_commit *gc;
		if (git_commit_lookup(&gc, w->r->git, &w->c[ci].id) < 0)
			return fail(w->diags, w->r->workdir, "无法读取提交",
			    "cannot read a commit");
		w->c[ci].pub = tally_arena_alloc(&w->h->arena,
		    sizeof(*w->c[ci].pub));
		commit_info(w->c[ci].pub, gc, &w->h->arena);
		git_commit_free(gc);
	}
	if (fh->n == fh->cap) {
		fh->cap = fh->cap ? fh->cap * 2 : 4;
		fh->idx = xrealloc(fh->idx, fh->cap * sizeof(*fh->idx));
	}
	fh->idx[fh->n++] = ci;
	return 0;
}

static void
mods_put(struct walk *w, struct smap *mods, const char *path, int v)
{
	uint32_t h = hash_str(path);

	smap_put(mods, tally_arena_strdup(&w->keys, path), h, v);
}

/* Hands map m (a reference the caller keeps) to parent p. */
static void
give(struct walk *w, uint32_t p, struct namemap *m)
{
	if (w->c[p].map == NULL)
		w->c[p].map = map_ref(m);
	else
		w->c[p].map = map_union(w->c[p].map, map_ref(m));
}

/* Compares commit ci with its first parent, attributes the changes to the
 * reports its names map to, and hands the names on to its parents. */
static int
visit(struct walk *w, uint32_t ci)
{
	struct hcommit *c = &w->c[ci];
	struct namemap *m = c->map, *m1;
	struct smap mods = {0};
	const git_oid *old = NULL, *now = NULL;
	uint32_t fp = c->nparents > 0 ? w->edges[c->parents] : NONE, k;
	int boundary = c->cut || (fp != NONE && w->c[fp].absent);
	size_t i;
	int rc = 0;

	w->nch = 0;
	tally_buf_reset(&w->names);
	/* w->c no longer moves: collect() is over */
	if (sub_tree(w, ci, &now) < 0 ||
	    (fp != NONE && !boundary && sub_tree(w, fp, &old) < 0))
		return -1;
	if (old == NULL || now == NULL || !git_oid_equal(old, now)) {
		tally_buf_reset(&w->path);
		tally_buf_puts(&w->path, w->site_sub);
		if (diff_trees(w, old, now) < 0)
			return -1;
	}
	if (boundary)
		w->h->truncated = 1;
	if (!boundary && fp != NONE) {
		pair_exact(w);
		if (pair_similar(w, ci, fp) < 0)
			return -1;
	}
	for (i = 0; i < w->nch && rc == 0; i++) {
		struct change *x = &w->ch[i];
		const char *p = change_path(w, x);
		int f = map_get(m, p, hash_str(p));
		if (x->status == 'M') {
			rc = record(w, f, ci, 0);
		} else if (x->status == 'A') {
			rc = record(w, f, ci, boundary);
			if (f >= 0 && x->pair >= 0) {
				/* before this commit the report had the
				 * old name, and this name was not it */
				mods_put(w, &mods, change_path(w,
				    &w->ch[x->pair]), f);
				mods_put(w, &mods, p, -1);
			}
		} else if (x->pair < 0 && f >= 0) {
			/* a name deleted here was not this report above */
			mods_put(w, &mods, p, -1);
		}
	}
	if (rc < 0) {
		smap_free(&mods);
		return -1;
	}
	m1 = mods.n > 0 ? map_overlay(m, &mods) : map_ref(m);
	smap_free(&mods);
	for (k = 0; k < c->nparents; k++) {
		uint32_t p = w->edges[c->parents + k];
		/* names follow renames along the first parent only: a merge
		 * is compared with its first parent alone */
		give(w, p, k == 0 ? m1 : m);
		if (--w->c[p].pending == 0)
			heap_push(w, p);
	}
	map_release(m1);
	map_release(c->map);
	c->map = NULL;
	return 0;
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
walk_free(struct walk *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		map_release(w->c[i].map);
	if (w->files != NULL)
		for (i = 0; i < w->h->npaths; i++)
			free(w->files[i].idx);
	free(w->files);
	map_release(w->root);
	free(w->c);
	free(w->edges);
	free(w->set);
	free(w->heap);
	free(w->subdir);
	free(w->site_sub);
	free(w->ch);
	free(w->shallow);
	tally_buf_free(&w->path);
	tally_buf_free(&w->names);
	tally_arena_free(&w->keys);
}

int
tally_history_build(struct tally_history **out, struct tally_repo *r,
    const char *rev, const char *sub, const struct tally_pathlist *paths,
    struct tally_diags *diags)
{
	struct tally_history *h = xcalloc(1, sizeof(*h));
	struct walk w;
	git_commit *start = NULL;
	size_t i, o, np = paths != NULL ? paths->n : 0;
	int rc = 0;

	*out = NULL;
	memset(&w, 0, sizeof(w));
	w.r = r;
	w.h = h;
	w.diags = diags;

	/* the reports, sorted for tally_history_find */
	h->paths = tally_arena_alloc(&h->arena, (np + 1) * sizeof(*h->paths));
	for (i = 0; i < np; i++)
		h->paths[i] = tally_arena_strdup(&h->arena, paths->paths[i]);
	if (np > 1)
		qsort(h->paths, np, sizeof(*h->paths), cmp_path);
	for (i = o = 0; i < np; i++)
		if (o == 0 || strcmp(h->paths[o - 1], h->paths[i]) != 0)
			h->paths[o++] = h->paths[i];
	h->npaths = o;
	h->files = tally_arena_alloc(&h->arena,
	    (h->npaths + 1) * sizeof(*h->files));

	if (rev == NULL && git_repository_head_unborn(r->git) == 1) {
		*out = h; /* nothing committed yet: no history, no error */
		return 0;
	}
	if (lookup_rev(r, rev ? rev : "HEAD", &start, diags) < 0) {
		tally_history_free(h);
		return -1;
	}

	w.root = xcalloc(1, sizeof(*w.root));
	w.root->refs = 1;
	for (i = 0; i < h->npaths; i++)
		smap_put(&w.root->tab, h->paths[i], hash_str(h->paths[i]),
		    (int)i);
	w.files = xcalloc(h->npaths + 1, sizeof(*w.files));
	w.site_sub = norm_sub(sub);
	w.subdir = repo_path(r, w.site_sub);

	if (r->shallow)
		load_shallow(&w);
	commit_index(&w, git_commit_id(start));
	git_commit_free(start);
	if (collect(&w) < 0) {
		rc = -1;
		goto out;
	}
	w.heap = xmalloc((w.n + 1) * sizeof(*w.heap));
	w.c[0].map = map_ref(w.root);
	heap_push(&w, 0);
	while (w.nheap > 0) {
		uint32_t ci = heap_pop(&w);
		if (w.c[ci].absent) {
			w.h->truncated = 1;
			map_release(w.c[ci].map);
			w.c[ci].map = NULL;
			continue;
		}
		h->ncommits++;
		if (visit(&w, ci) < 0) {
			rc = -1;
			goto out;
		}
	}
	for (i = 0; i < h->npaths; i++) {
		struct filehist *fh = &w.files[i];
		const struct tally_commit **list = tally_arena_alloc(&h->arena,
		    (fh->n + 1) * sizeof(*list));
		size_t k;
		for (k = 0; k < fh->n; k++)
			list[k] = w.c[fh->idx[k]].pub;
		h->files[i].commits = list;
		h->files[i].n = fh->n;
		h->files[i].truncated = fh->truncated;
	}
out:
	walk_free(&w);
	if (rc < 0) {
		tally_history_free(h);
		return -1;
	}
	*out = h;
	return 0;
}

const struct tally_file_history *
tally_history_find(const struct tally_history *h, const char *path)
{
	size_t lo = 0, hi = h->npaths;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(h->paths[mid], path);
		if (c == 0)
			return &h->files[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int
tally_history_truncated(const struct tally_history *h)
{
	return h->truncated;
}

size_t
tally_history_ncommits(const struct tally_history *h)
{
	return h->ncommits;
}

void
tally_history_free(struct tally_history *h)
{
	if (h == NULL)
		return;
	tally_arena_free(&h->arena);
	free(h);
}

/* --- changes since a commit ----------------------------------------------- */

/* Adds repository path p to l as a site-relative path when it lies under
 * the site root and sub. */
static void
add_changed(struct tally_repo *r, const char *sub, struct tally_pathlist *l,
    const char *p)
{
	size_t np = strlen(r->prefix_sl), ns = strlen(sub);

	if (p == NULL || strncmp(p, r->prefix_sl, np) != 0)
		return;
	p += np;
	/* libgit2's pathspec is a glob: check the prefix exactly */
	if (ns > 0 && (strncmp(p, sub, ns) != 0 || (p[ns] != '/' && p[ns] != '\0')))
		return;
	tally_pathlist_add(l, p);
}

int
tally_repo_changed_since(struct tally_repo *r, const char *rev,
    const char *sub, struct tally_changes *out, struct tally_diags *diags)
{
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_diff *diff = NULL;
	git_diff_options opts;
	git_diff_find_options fo;
	char *s = norm_sub(sub), *spec = repo_path(r, s);
	size_t i;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
	if (lookup_rev(r, rev, &c, diags) < 0) {
		rc = -1;
		goto done;
	}
	/* untracked files count: a new report not yet added is what
	 * a pre-commit lint must see */
	opts.flags = GIT_DIFF_INCLUDE_UNTRACKED |
	    GIT_DIFF_RECURSE_UNTRACKED_DIRS | GIT_DIFF_INCLUDE_TYPECHANGE;
	opts.pathspec.strings = &spec;
	opts.pathspec.count = spec[0] ? 1 : 0;
	fo.flags = GIT_DIFF_FIND_RENAMES | GIT_DIFF_FIND_FOR_UNTRACKED;
	if (git_commit_tree(&tree, c) < 0 ||
	    git_diff_tree_to_workdir_with_index(&diff, r->git, tree, &opts) < 0 ||
	    git_diff_find_similar(diff, &fo) < 0) {
		rc = fail(diags, r->workdir, "无法比较工作区与修订版本",
		    "cannot compare the working tree with the revision");
		goto done;
	}
	for (i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		switch (d->status) {
		case GIT_DELTA_ADDED:
		case GIT_DELTA_MODIFIED:
		case GIT_DELTA_TYPECHANGE:
		case GIT_DELTA_UNTRACKED:
		case GIT_DELTA_COPIED:
		case GIT_DELTA_CONFLICTED:
			add_changed(r, s, &out->changed, d->new_file.path);
			break;
		case GIT_DELTA_RENAMED:
			add_changed(r, s, &out->changed, d->new_file.path);
			add_changed(r, s, &out->deleted, d->old_file.path);
			break;
		case GIT_DELTA_DELETED:
			add_changed(r, s, &out->deleted, d->old_file.path);
			break;
		default: /* unmodified, ignored, unreadable */
			break;
		}
	}
	tally_pathlist_sort(&out->changed);
	tally_pathlist_sort(&out->deleted);
done:
	git_diff_free(diff);
	git_tree_free(tree);
	git_commit_free(c);
	free(s);
	free(spec);
	if (rc < 0)
		tally_changes_free(out);
	return rc;
}

void
tally_changes_free(struct tally_changes *c)
{
	if (c == NULL)
		return;
	tally_pathlist_free(&c->changed);
	tally_pathlist_free(&c->deleted);
}
