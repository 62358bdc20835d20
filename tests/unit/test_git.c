/*
 * test_git.c - the libgit2 backend (src/load/git.c) against real
 * repositories built here with the git command line in a temporary
 * directory: the tree of a commit read without a checkout, revisions of
 * every kind, blob ids equal to git hash-object's, the history walk
 * through renames, deletions and a merge, a shallow clone, a repository
 * with no commits, and the changes since a revision.  Names, e-mails and
 * dates are fixed in the environment so that every id is the same on
 * every run; user and system git configuration are kept out.
 *
 * main() calls tally_git_init/tally_git_shutdown once, as tally's main()
 * does.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "diag/diag.h"
#include "load/load.h"

static char top[] = "/tmp/tally-test-git-XXXXXX";

/* --- helpers -------------------------------------------------------------- */

/* Runs a shell command in directory top/dir; fails the test on failure. */
static void
sh(const char *dir, const char *fmt, ...) TALLY_PRINTF(2, 3);

static void
sh(const char *dir, const char *fmt, ...)
{
	struct tally_buf b = TALLY_BUF_INIT;
	va_list ap;
	int rc;

	tally_buf_printf(&b, "cd '%s/%s' && { ", top, dir);
	va_start(ap, fmt);
	tally_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	tally_buf_puts(&b, "; } >/dev/null 2>&1");
	rc = system(b.data);
	if (rc != 0)
		fail_msg("command failed (%d): %s", rc, b.data);
	tally_buf_free(&b);
}

/* The output of a command run in top/dir, without its last newline;
 * caller frees. */
static char *
out_of(const char *dir, const char *fmt, ...) TALLY_PRINTF(2, 3);

static char *
out_of(const char *dir, const char *fmt, ...)
{
	struct tally_buf b = TALLY_BUF_INIT, o = TALLY_BUF_INIT;
	char chunk[512];
	va_list ap;
	size_t n;
	FILE *f;

	tally_buf_printf(&b, "cd '%s/%s' && ", top, dir);
	va_start(ap, fmt);
	tally_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	f = popen(b.data, "r");
	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		tally_buf_put(&o, chunk, n);
	assert_int_equal(pclose(f), 0);
	tally_buf_free(&b);
	while (o.len > 0 && o.data[o.len - 1] == '\n')
		o.data[--o.len] = '\0';
	return tally_buf_detach(&o);
}

static void
put(const char *dir, const char *rel, const char *text)
{
	char *path = xasprintf("%s/%s/%s", top, dir, rel);
	char *slash = strrchr(path, '/');
	FILE *f;

	*slash = '\0';
	sh(dir, "mkdir -p '%s'", path);
	*slash = '/';
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

/* Commits everything at day (of January 2023, 10:00 in Beijing) and tags
 * the commit. */
static void
commit(const char *dir, int day, const char *tag, const char *msg)
{
	sh(dir,
	    "git add -A && "
	    "GIT_AUTHOR_DATE='2023-01-%02dT10:00:00+08:00' "
	    "GIT_COMMITTER_DATE='2023-01-%02dT10:00:00+08:00' "
	    "git commit -q -m '%s' && git tag '%s'", day, day, msg, tag);
}

/* The short id of rev in top/dir. */
static char *
short_id(const char *dir, const char *rev)
{
	return out_of(dir, "git rev-parse --short=7 '%s^{commit}'", rev);
}

static void
init_repo(const char *dir)
{
	sh(".", "mkdir -p '%s'", dir);
	sh(dir, "git init -q -b main .");
}

static int
has_msg(const struct tally_diags *d, const char *needle)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strstr(tally_diag_msg(d, &d->items[i]), needle) != NULL)
			return 1;
	return 0;
}

/* Asserts that h's history of path is exactly the commits tagged by the
 * NULL-terminated list of tags, newest first. */
static void
assert_history(const char *dir, const struct tally_history *h,
    const char *path, int truncated, ...)
{
	const struct tally_file_history *fh = tally_history_find(h, path);
	struct tally_buf want = TALLY_BUF_INIT, got = TALLY_BUF_INIT;
	const char *tag;
	va_list ap;
	size_t i;

	assert_non_null(fh);
	va_start(ap, truncated);
	while ((tag = va_arg(ap, const char *)) != NULL) {
		char *id = short_id(dir, tag);
		tally_buf_printf(&want, "%s(%s) ", tag, id);
		free(id);
	}
	va_end(ap);
	for (i = 0; i < fh->n; i++) {
		char *tags = out_of(dir, "git tag --points-at %s | head -1",
		    fh->commits[i]->id);
		tally_buf_printf(&got, "%s(%s) ", tags, fh->commits[i]->short_id);
		free(tags);
	}
	if (strcmp(tally_buf_cstr(&want), tally_buf_cstr(&got)) != 0)
		fail_msg("%s: history\n  want %s\n  got  %s", path, want.data,
		    got.data);
	assert_int_equal(fh->truncated, truncated);
	tally_buf_free(&want);
	tally_buf_free(&got);
}

static struct tally_repo *
open_ok(const char *dir)
{
	struct tally_repo *r = NULL;
	struct tally_diags d;
	char *path = xasprintf("%s/%s", top, dir);

	tally_diags_init(&d, TALLY_LANG_EN);
	assert_int_equal(tally_repo_open(&r, path, 0, &d), 0);
	assert_int_equal(d.n, 0);
	assert_non_null(r);
	tally_diags_free(&d);
	free(path);
	return r;
}

/* --- repositories --------------------------------------------------------- */

/* "hist": the history fixture.
 *
 *   d1  add a b c (+ README outside content)
 *   d2  edit a
 *   d3  rename b → d (no edit)
 *   d4  edit d and README
 *   d5  rename a → e with an edit (similarity)
 *   d6  delete c
 *       branch feature: d7 edit d; d8 add f
 *   d9  (main) edit e
 *   d10 merge feature (--no-ff)
 *   d11 a new c
 */
static int
make_hist(void **state)
{
	static const char para[] =
	    "## 一、部门概况\n\n本部门主要职责是组织实施本级财政预算绩效管理工作，"
	    "负责部门整体支出和项目支出的绩效自评，按要求向社会公开。\n\n"
	    "## 二、预算执行情况\n\n年初预算 232.4 万元，全年支出 232.4 万元。\n";
	char *t;

	init_repo("hist");
	put("hist", "README", "readme\n");
	t = xasprintf("---\ntitle: A\n---\n%s", para);
	put("hist", "content/a.md", t);
	free(t);
	t = xasprintf("---\ntitle: B\n---\n%s", para);
	put("hist", "content/b.md", t);
	free(t);
	put("hist", "content/c.md", "---\ntitle: C\n---\n");
	commit("hist", 1, "d1", "add a b c");
	sh("hist", "printf 'more\\n' >> content/a.md");
	commit("hist", 2, "d2", "edit a");
	sh("hist", "git mv content/b.md content/d.md");
	commit("hist", 3, "d3", "rename b to d");
	sh("hist", "printf 'more\\n' >> content/d.md && echo x >> README");
	commit("hist", 4, "d4", "edit d");
	sh("hist", "git mv content/a.md content/e.md && "
	    "printf 'edit\\n' >> content/e.md");
	commit("hist", 5, "d5", "rename a to e, edited");
	sh("hist", "git rm -q content/c.md");
	commit("hist", 6, "d6", "delete c");
	sh("hist", "git checkout -q -b feature");
	sh("hist", "printf 'feature\\n' >> content/d.md");
	commit("hist", 7, "d7", "feature: edit d");
	put("hist", "content/f.md", "---\ntitle: F\n---\n");
	commit("hist", 8, "d8", "feature: add f");
	sh("hist", "git checkout -q main");
	sh("hist", "printf 'main\\n' >> content/e.md");
	commit("hist", 9, "d9", "edit e");
	sh("hist", "GIT_AUTHOR_DATE='2023-01-10T10:00:00+08:00' "
	    "GIT_COMMITTER_DATE='2023-01-10T10:00:00+08:00' "
	    "git merge -q --no-ff -m 'Merge feature' feature && git tag d10");
	put("hist", "content/c.md", "---\ntitle: another C\n---\n");
	commit("hist", 11, "d11", "a new c");
	(void)state;
	return 0;
}

/* "site": a site in a subdirectory of its repository, with links. */
static void
make_site(void)
{
	init_repo("site");
	put("site", "outside.md", "outside the site\n");
	put("site", "web/tally.yaml", "site:\n  title: t\n");
	put("site", "web/schemas/project.yaml", "id: project\n");
	put("site", "web/content/u/unit.yaml", "name: U\n");
	put("site", "web/content/u/2023/overall.md", "v1\n");
	put("site", "web/content/u/2023/project-x.md", "x\n");
	put("site", "web/content/u/2023/.hidden.md", "hidden\n");
	put("site", "web/content/u/2023/notes.txt", "txt\n");
	put("site", "web/content/w/2022/overall.md", "w\n");
	/* a link to a sibling, a linked directory, a link out of the site
	 * (still in the repository), an absolute link, a dangling one */
	sh("site", "ln -s overall.md web/content/u/2023/alias.md && "
	    "ln -s u web/content/v && "
	    "ln -s ../../../../outside.md web/content/u/2023/out.md && "
	    "ln -s /etc/passwd web/content/u/2023/abs.md && "
	    "ln -s nowhere.md web/content/u/2023/dangling.md");
	sh("site", "git add -A && "
	    "GIT_AUTHOR_DATE='2023-06-01T10:00:00+08:00' "
	    "GIT_COMMITTER_DATE='2023-06-01T10:00:00+08:00' "
	    "git commit -q -m 'first' && git tag -a -m 'release 1' v1");
	put("site", "web/content/u/2023/overall.md", "v2\n");
	/* 07:00 in Beijing on 1 January is still 31 December in UTC */
	sh("site", "git add -A && "
	    "GIT_AUTHOR_DATE='2023-06-02T10:00:00+08:00' "
	    "GIT_COMMITTER_DATE='2024-01-01T07:00:00+08:00' "
	    "git commit -q -m 'second' -m 'with a body'");
}

/* Builds the shared fixtures once for the group. */
static int
setup(void **state)
{
	make_hist(state);
	make_site();
	/* edited in the working tree, not committed */
	put("site", "web/content/u/2023/overall.md", "v3 uncommitted\n");
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of d's findings, sorted (the directory backend reports in
 * readdir order); caller frees the array. */
static char **
diag_files(const struct tally_diags *d)
{
	char **v = xcalloc(d->n + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < d->n; i++)
		v[i] = d->items[i].file;
	qsort(v, d->n, sizeof(*v), cmp_str);
	return v;
}

/* --- tests ---------------------------------------------------------------- */

static void
test_not_a_repo(void **state)
{
	struct tally_repo *r = NULL;
	struct tally_diags d;
	char *path;

	(void)state;
	sh(".", "mkdir -p plain");
	path = xasprintf("%s/plain", top);
	tally_diags_init(&d, TALLY_LANG_EN);
	assert_int_equal(tally_repo_open(&r, path, 0, &d), TALLY_GIT_NOREPO);
	assert_null(r);
	assert_int_equal(d.n, 1);
	assert_true(has_msg(&d, "not inside a git repository"));
	tally_diags_free(&d);

	tally_diags_init(&d, TALLY_LANG_EN);
	assert_int_equal(tally_repo_open(&r, path, TALLY_REPO_OPTIONAL, &d),
	    TALLY_GIT_NOREPO);
	assert_int_equal(d.n, 0);
	assert_int_equal(tally_repo_open(&r, "/nonexistent/x", 0, &d), -1);
	assert_int_equal(d.n, 1);
	tally_diags_free(&d);
	free(path);
}

static void
test_empty_repo(void **state)
{
	struct tally_repo *r;
	struct tally_tree *t = (void *)1;
	struct tally_history *h = NULL;
	struct tally_changes ch;
	struct tally_pathlist paths = {NULL, 0, 0};
	struct tally_diags d;

	(void)state;
	init_repo("empty");
	put("empty", "content/a.md", "a\n");
	r = open_ok("empty");
	assert_string_equal(tally_repo_prefix(r), "");
	tally_diags_init(&d, TALLY_LANG_EN);

	assert_int_equal(tally_tree_open(&t, r, "HEAD", &d), -1);
	assert_null(t);
	assert_true(has_msg(&d, "no commits yet"));

	/* no revision asked for: an empty history, no error */
	tally_pathlist_add(&paths, "content/a.md");
	assert_int_equal(tally_history_build(&h, r, NULL, "content", &paths,
	    &d), 0);
	assert_int_equal(tally_history_find(h, "content/a.md")->n, 0);
	assert_int_equal(tally_history_ncommits(h), 0);
	tally_history_free(h);
	assert_int_equal(tally_history_build(&h, r, "HEAD", "content",
	    &paths, &d), -1);
	assert_null(h);

	assert_int_equal(tally_repo_changed_since(r, "HEAD", NULL, &ch, &d),
	    -1);
	assert_int_equal(ch.changed.n, 0);
	assert_int_equal(d.n, 3);
	tally_changes_free(&ch);
	tally_pathlist_free(&paths);
	tally_diags_free(&d);
	tally_repo_free(r);
}

static void
test_tree_view(void **state)
{
	struct tally_repo *r;
	struct tally_tree *t;
	struct tally_pathlist l = {NULL, 0, 0}, wl = {NULL, 0, 0};
	struct tally_diags d, wd;
	const struct tally_commit *c;
	char *data, *want, *dir, id[41];
	size_t len, i;

	(void)state;
	r = open_ok("site/web/content");
	assert_string_equal(tally_repo_prefix(r), "web/content");
	tally_repo_free(r);
	r = open_ok("site/web");
	assert_string_equal(tally_repo_prefix(r), "web");
	want = out_of("site", "pwd -P");
	assert_string_equal(tally_repo_workdir(r), want);
	free(want);
	assert_int_equal(tally_repo_is_shallow(r), 0);

	tally_diags_init(&d, TALLY_LANG_EN);
	assert_int_equal(tally_tree_open(&t, r, "HEAD", &d), 0);
	c = tally_tree_commit(t);
	want = out_of("site", "git rev-parse HEAD");
	assert_string_equal(c->id, want);
	assert_memory_equal(c->short_id, want, 7);
	free(want);
	assert_string_equal(c->subject, "second");
	assert_int_equal(c->offset, 8 * 60);
	assert_string_equal(c->date, "2024-01-01");
	want = out_of("site", "git log -1 --format=%%cd --date=short");
	assert_string_equal(c->date, want);
	free(want);
	assert_int_equal(c->time, 1704063600);

	/* the listing equals the directory backend's on the same files */
	assert_int_equal(tally_tree_list(t, "content", ".md", &l, &d), 0);
	tally_diags_init(&wd, TALLY_LANG_EN);
	dir = xasprintf("%s/site/web", top);
	assert_int_equal(tally_list_files(dir, "content", ".md", &wl, &wd), 0);
	free(dir);
	assert_int_equal(l.n, wl.n);
	for (i = 0; i < l.n; i++)
		assert_string_equal(l.paths[i], wl.paths[i]);
	assert_int_equal(l.n, 7);
	assert_string_equal(l.paths[0], "content/u/2023/alias.md");
	assert_string_equal(l.paths[1], "content/u/2023/overall.md");
	assert_string_equal(l.paths[3], "content/v/2023/alias.md");
	assert_string_equal(l.paths[6], "content/w/2022/overall.md");
	/* out.md, abs.md and dangling.md refused under u and under v, as
	 * by the directory backend */
	assert_int_equal(d.n, 6);
	assert_int_equal(wd.n, 6);
	assert_true(has_msg(&d, "leaves the site"));
	{
		char **a = diag_files(&d), **b = diag_files(&wd);
		for (i = 0; i < d.n; i++)
			assert_string_equal(a[i], b[i]);
		assert_string_equal(a[0], "content/u/2023/abs.md");
		free(a);
		free(b);
	}
	tally_pathlist_free(&l);
	tally_pathlist_free(&wl);
	tally_diags_free(&wd);

	assert_int_equal(tally_tree_list(t, ".", NULL, &l, &d), 0);
	assert_int_equal(l.n, 13);
	assert_string_equal(l.paths[0], "content/u/2023/alias.md");
	assert_string_equal(l.paths[l.n - 1], "tally.yaml");
	tally_pathlist_free(&l);
	assert_int_equal(tally_tree_list(t, "tally.yaml", ".yaml", &l, &d), 0);
	assert_int_equal(l.n, 1);
	tally_pathlist_free(&l);
	errno = 0;
	assert_int_equal(tally_tree_list(t, "nope", ".md", &l, &d), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(l.n, 0);

	/* the committed bytes, not the working tree's */
	assert_int_equal(tally_tree_read(t, "content/u/2023/overall.md", &data,
	    &len, id), 0);
	assert_string_equal(data, "v2\n");
	assert_int_equal(len, 3);
	want = out_of("site", "git rev-parse HEAD:web/content/u/2023/overall.md");
	assert_string_equal(id, want);
	free(want);
	free(data);
	assert_int_equal(tally_tree_read(t, "content/v/2023/alias.md", &data,
	    &len, NULL), 0);
	assert_string_equal(data, "v2\n");
	free(data);

	errno = 0;
	assert_int_equal(tally_tree_read(t, "content/u/2023/out.md", &data,
	    &len, id), -1);
	assert_int_equal(errno, EACCES);
	assert_null(data);
	assert_int_equal(tally_tree_read(t, "content/u/2023/abs.md", &data,
	    &len, id), -1);
	assert_int_equal(errno, EACCES);
	assert_int_equal(tally_tree_read(t, "../outside.md", &data, &len, id),
	    -1);
	assert_int_equal(errno, EACCES);
	assert_int_equal(tally_tree_read(t, "content/u/2023/dangling.md", &data,
	    &len, id), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(tally_tree_read(t, "content/u", &data, &len, id), -1);
	assert_int_equal(errno, EISDIR);
	assert_int_equal(tally_tree_read(t, "tally.yaml/x", &data, &len, id),
	    -1);
	assert_int_equal(errno, ENOTDIR);
	assert_int_equal(tally_tree_read(t, "missing.yaml", &data, &len, id),
	    -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(d.n, 12); /* reads report through errno only */
	tally_tree_free(t);

	tally_diags_free(&d);
	tally_repo_free(r);
}

/* --rev REV with every kind of revision, and bad ones. */
static void
test_revisions(void **state)
{
	static const char *const revs[] = {
		"HEAD~1", "v1", "main~1", "HEAD^", "main",
	};
	struct tally_repo *r = open_ok("site/web");
	struct tally_tree *t;
	struct tally_diags d;
	char *want, *data, *shortid;
	size_t i, len;

	(void)state;
	tally_diags_init(&d, TALLY_LANG_EN);
	for (i = 0; i < sizeof(revs) / sizeof(revs[0]); i++) {
		assert_int_equal(tally_tree_open(&t, r, revs[i], &d), 0);
		want = out_of("site", "git rev-parse '%s^{commit}'", revs[i]);
		assert_string_equal(tally_tree_commit(t)->id, want);
		free(want);
		tally_tree_free(t);
	}
	/* a short id, and the tree of the first commit */
	shortid = short_id("site", "HEAD~1");
	assert_int_equal(tally_tree_open(&t, r, shortid, &d), 0);
	assert_string_equal(tally_tree_commit(t)->short_id, shortid);
	assert_string_equal(tally_tree_commit(t)->date, "2023-06-01");
	assert_int_equal(tally_tree_read(t, "content/u/2023/overall.md", &data,
	    &len, NULL), 0);
	assert_string_equal(data, "v1\n");
	free(data);
	free(shortid);
	tally_tree_free(t);
	assert_int_equal(d.n, 0);

	assert_int_equal(tally_tree_open(&t, r, "no-such-branch", &d), -1);
	assert_null(t);
	assert_true(has_msg(&d, "unknown revision: no-such-branch"));
	assert_int_equal(tally_tree_open(&t, r, "HEAD~5", &d), -1);
	assert_int_equal(tally_tree_open(&t, r, "HEAD^{", &d), -1);
	/* a tree is not a commit */
	assert_int_equal(tally_tree_open(&t, r, "HEAD^{tree}", &d), -1);
	assert_true(has_msg(&d, "does not name a commit"));
	assert_int_equal(d.n, 4);
	tally_diags_free(&d);
	tally_repo_free(r);
}

static void
test_blob_ids(void **state)
{
	char id[41], *path, *want;

	(void)state;
	init_repo("hash");
	sh("hash", "git config core.autocrlf true");
	put("hash", "plain.md", "# 标题\n\n正文 232.4 万元。\n");
	put("hash", "crlf.md", "line one\r\nline two\r\n");
	put("hash", "empty.md", "");

	path = xasprintf("%s/hash/plain.md", top);
	assert_int_equal(tally_git_hash_file(path, id), 0);
	want = out_of("hash", "git hash-object plain.md");
	assert_string_equal(id, want);
	free(want);
	want = out_of("hash", "git hash-object --no-filters plain.md");
	assert_string_equal(id, want);
	free(want);
	free(path);

	/* autocrlf converts when git hashes as it would add; tally hashes
	 * the bytes it reads, as --no-filters does */
	path = xasprintf("%s/hash/crlf.md", top);
	assert_int_equal(tally_git_hash_file(path, id), 0);
	want = out_of("hash", "git hash-object --no-filters crlf.md");
	assert_string_equal(id, want);
	free(want);
	want = out_of("hash", "git hash-object crlf.md");
	assert_string_not_equal(id, want);
	free(want);
	free(path);

	path = xasprintf("%s/hash/empty.md", top);
	assert_int_equal(tally_git_hash_file(path, id), 0);
	assert_string_equal(id, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
	free(path);
	assert_int_equal(tally_git_hash("", 0, id), 0);
	assert_string_equal(id, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");

	errno = 0;
	assert_int_equal(tally_git_hash_file("/nonexistent/x.md", id), -1);
	assert_int_equal(errno, ENOENT);
}

static void
test_history(void **state)
{
	struct tally_repo *r = open_ok("hist");
	struct tally_history *h;
	struct tally_pathlist paths = {NULL, 0, 0};
	struct tally_diags d;
	const struct tally_file_history *fh;

	(void)state;
	tally_diags_init(&d, TALLY_LANG_EN);
	tally_pathlist_add(&paths, "content/e.md");
	tally_pathlist_add(&paths, "content/d.md");
	tally_pathlist_add(&paths, "content/f.md");
	tally_pathlist_add(&paths, "content/c.md");
	tally_pathlist_add(&paths, "content/untracked.md");
	assert_int_equal(tally_history_build(&h, r, NULL, "content", &paths,
	    &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(tally_history_ncommits(h), 11);
	assert_int_equal(tally_history_truncated(h), 0);

	/* a → e with an edit at d5: followed by similarity */
	assert_history("hist", h, "content/e.md", 0, "d9", "d5", "d2", "d1",
	    NULL);
	/* b → d at d3, no edit; the branch's edit at d7 and the merge that
	 * brought it to main */
	assert_history("hist", h, "content/d.md", 0, "d10", "d7", "d4", "d3",
	    "d1", NULL);
	assert_history("hist", h, "content/f.md", 0, "d10", "d8", NULL);
	/* the old c, deleted at d6, is another file */
	assert_history("hist", h, "content/c.md", 0, "d11", NULL);
	assert_int_equal(tally_history_find(h, "content/untracked.md")->n, 0);
	assert_null(tally_history_find(h, "README"));
	assert_null(tally_history_find(h, "content/a.md"));

	fh = tally_history_find(h, "content/e.md");
	assert_string_equal(fh->commits[1]->subject, "rename a to e, edited");
	assert_string_equal(fh->commits[1]->date, "2023-01-05");
	assert_int_equal(fh->commits[1]->offset, 480);
	tally_history_free(h);

	/* from an older revision, with the paths as they were there */
	tally_pathlist_free(&paths);
	tally_pathlist_add(&paths, "content/a.md");
	tally_pathlist_add(&paths, "content/d.md");
	tally_pathlist_add(&paths, "content/c.md");
	assert_int_equal(tally_history_build(&h, r, "d4", "content", &paths,
	    &d), 0);
	assert_int_equal(tally_history_ncommits(h), 4);
	assert_history("hist", h, "content/a.md", 0, "d2", "d1", NULL);
	assert_history("hist", h, "content/d.md", 0, "d4", "d3", "d1", NULL);
	assert_history("hist", h, "content/c.md", 0, "d1", NULL);
	tally_history_free(h);

	/* the whole site as the walked directory: same result */
	tally_pathlist_add(&paths, "README");
	assert_int_equal(tally_history_build(&h, r, "d4", NULL, &paths, &d), 0);
	assert_history("hist", h, "content/d.md", 0, "d4", "d3", "d1", NULL);
	assert_history("hist", h, "README", 0, "d4", "d1", NULL);
	tally_history_free(h);

	assert_int_equal(tally_history_build(&h, r, "nope", "content", &paths,
	    &d), -1);
	assert_null(h);
	assert_int_equal(d.n, 1);
	tally_pathlist_free(&paths);
	tally_diags_free(&d);
	tally_repo_free(r);
}

/* Files of equal content moved together: each keeps its own history. */
static void
test_history_moves(void **state)
{
	struct tally_repo *r;
	struct tally_history *h;
	struct tally_pathlist paths = {NULL, 0, 0};
	struct tally_diags d;

	(void)state;
	init_repo("moves");
	put("moves", "site/content/old/x.md", "same\n");
	put("moves", "site/content/old/y.md", "same\n");
	put("moves", "site/content/old/z.md", "z\n");
	commit("moves", 1, "m1", "add");
	sh("moves", "echo y >> site/content/old/y.md");
	commit("moves", 2, "m2", "edit y");
	sh("moves", "echo same > site/content/old/y.md");
	commit("moves", 3, "m3", "y back");
	/* a/y.md is compared first and both old files match its blob id:
	 * the same file name decides */
	sh("moves", "cd site/content && mkdir a b && git mv old/y.md a/y.md && "
	    "git mv old/x.md b/x.md && git mv old new");
	commit("moves", 4, "m4", "reorganise");
	sh("moves", "echo z >> site/content/new/z.md");
	commit("moves", 5, "m5", "edit z");

	r = open_ok("moves/site");
	tally_diags_init(&d, TALLY_LANG_EN);
	tally_pathlist_add(&paths, "content/b/x.md");
	tally_pathlist_add(&paths, "content/a/y.md");
	tally_pathlist_add(&paths, "content/new/z.md");
	assert_int_equal(tally_history_build(&h, r, "HEAD", "content", &paths,
	    &d), 0);
	assert_history("moves", h, "content/b/x.md", 0, "m4", "m1", NULL);
	assert_history("moves", h, "content/a/y.md", 0, "m4", "m3", "m2",
	    "m1", NULL);
	assert_history("moves", h, "content/new/z.md", 0, "m5", "m4", "m1",
	    NULL);
	tally_history_free(h);
	tally_pathlist_free(&paths);
	tally_diags_free(&d);
	tally_repo_free(r);
}

static void
test_shallow(void **state)
{
	struct tally_repo *r;
	struct tally_history *h;
	struct tally_tree *t;
	struct tally_pathlist paths = {NULL, 0, 0};
	struct tally_diags d;
	char *data;
	size_t len;

	(void)state;
	sh(".", "git clone -q --depth 1 'file://%s/hist' shallow1 && "
	    "git clone -q --depth 2 'file://%s/hist' shallow2", top, top);
	tally_pathlist_add(&paths, "content/e.md");
	tally_pathlist_add(&paths, "content/c.md");
	tally_diags_init(&d, TALLY_LANG_EN);

	r = open_ok("shallow1");
	assert_int_equal(tally_repo_is_shallow(r), 1);
	assert_int_equal(tally_history_build(&h, r, NULL, "content", &paths,
	    &d), 0);
	assert_int_equal(tally_history_truncated(h), 1);
	assert_int_equal(tally_history_ncommits(h), 1);
	/* only known to exist at the cut */
	assert_history("hist", h, "content/e.md", 1, "d11", NULL);
	assert_history("hist", h, "content/c.md", 1, "d11", NULL);
	tally_history_free(h);
	assert_int_equal(tally_tree_open(&t, r, "HEAD", &d), 0);
	assert_int_equal(tally_tree_read(t, "content/c.md", &data, &len, NULL),
	    0);
	free(data);
	tally_tree_free(t);
	assert_int_equal(tally_tree_open(&t, r, "HEAD~1", &d), -1);
	tally_repo_free(r);

	r = open_ok("shallow2");
	assert_int_equal(tally_history_build(&h, r, NULL, "content", &paths,
	    &d), 0);
	assert_int_equal(tally_history_truncated(h), 1);
	/* c was added at d11, above the cut: complete */
	assert_history("hist", h, "content/c.md", 0, "d11", NULL);
	assert_history("hist", h, "content/e.md", 1, "d10", NULL);
	tally_history_free(h);
	tally_repo_free(r);

	assert_int_equal(d.n, 1); /* HEAD~1 of the depth-1 clone */
	tally_pathlist_free(&paths);
	tally_diags_free(&d);
}

static void
test_changed_since(void **state)
{
	struct tally_repo *r;
	struct tally_changes ch;
	struct tally_diags d;
	struct tally_buf b = TALLY_BUF_INIT;
	size_t i;

	(void)state;
	sh(".", "git clone -q 'file://%s/hist' work", top);
	put("work", ".gitignore", "*.tmp.md\n");
	put("work", "content/e.md", "edited, not committed\n");
	put("work", "content/g.md", "staged\n");
	sh("work", "git add content/g.md");
	put("work", "content/sub/h.md", "untracked\n");
	put("work", "content/i.tmp.md", "ignored\n");
	put("work", "content2/z.md", "another directory\n");
	sh("work", "rm content/d.md && mv content/f.md content/k.md");

	r = open_ok("work");
	tally_diags_init(&d, TALLY_LANG_EN);
	assert_int_equal(tally_repo_changed_since(r, "HEAD", "content", &ch,
	    &d), 0);
	for (i = 0; i < ch.changed.n; i++)
		tally_buf_printf(&b, "%s ", ch.changed.paths[i]);
	tally_buf_puts(&b, "| ");
	for (i = 0; i < ch.deleted.n; i++)
		tally_buf_printf(&b, "%s ", ch.deleted.paths[i]);
	assert_string_equal(b.data, "content/e.md content/g.md content/k.md "
	    "content/sub/h.md | content/d.md content/f.md ");
	tally_changes_free(&ch);

	/* since d9: the merge's files too; the whole site */
	tally_buf_reset(&b);
	assert_int_equal(tally_repo_changed_since(r, "d9", NULL, &ch, &d), 0);
	for (i = 0; i < ch.changed.n; i++)
		tally_buf_printf(&b, "%s ", ch.changed.paths[i]);
	tally_buf_puts(&b, "| ");
	for (i = 0; i < ch.deleted.n; i++)
		tally_buf_printf(&b, "%s ", ch.deleted.paths[i]);
	assert_string_equal(b.data, ".gitignore content/c.md content/e.md "
	    "content/g.md content/k.md content/sub/h.md content2/z.md "
	    "| content/d.md ");
	tally_changes_free(&ch);

	assert_int_equal(tally_repo_changed_since(r, "bad rev", NULL, &ch, &d),
	    -1);
	assert_int_equal(d.n, 1);
	tally_changes_free(&ch);
	tally_repo_free(r);

	/* a site in a subdirectory: site-relative paths */
	put("site", "web/content/u/2024/new.md", "new\n");
	put("site", "other.md", "outside the site\n");
	r = open_ok("site/web");
	tally_buf_reset(&b);
	assert_int_equal(tally_repo_changed_since(r, "v1", NULL, &ch, &d), 0);
	for (i = 0; i < ch.changed.n; i++)
		tally_buf_printf(&b, "%s ", ch.changed.paths[i]);
	assert_string_equal(b.data,
	    "content/u/2023/overall.md content/u/2024/new.md ");
	assert_int_equal(ch.deleted.n, 0);
	tally_changes_free(&ch);
	tally_repo_free(r);

	tally_buf_free(&b);
	tally_diags_free(&d);
}

/* Everything on a site that is not a repository but sits in one's
 * ignored directory still works: the repository is found upwards. */
static void
test_open_upwards(void **state)
{
	struct tally_repo *r;

	(void)state;
	r = open_ok("hist/content");
	assert_string_equal(tally_repo_prefix(r), "content");
	tally_repo_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_a_repo),
		cmocka_unit_test(test_empty_repo),
		cmocka_unit_test(test_tree_view),
		cmocka_unit_test(test_revisions),
		cmocka_unit_test(test_blob_ids),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_history_moves),
		cmocka_unit_test(test_shallow),
		cmocka_unit_test(test_changed_since),
		cmocka_unit_test(test_open_upwards),
	};
	char *cmd;
	int rc;

	if (mkdtemp(top) == NULL)
		return 1;
	/* deterministic ids; no user or system configuration */
	setenv("HOME", top, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	setenv("GIT_AUTHOR_NAME", "Tally Test", 1);
	setenv("GIT_AUTHOR_EMAIL", "test@example.org", 1);
	setenv("GIT_COMMITTER_NAME", "Tally Test", 1);
	setenv("GIT_COMMITTER_EMAIL", "test@example.org", 1);
	setenv("TZ", "UTC", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	tally_git_init();
	rc = cmocka_run_group_tests_name("git", tests, setup, NULL);
	tally_git_shutdown();
	cmd = xasprintf("rm -rf '%s'", top);
	if (system(cmd) != 0)
		rc = 1;
	free(cmd);
	return rc;
}
