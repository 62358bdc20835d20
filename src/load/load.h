/*
 * load.h - the sources stage: what a site repository holds.  It finds
 * tally.yaml, the schema files, the units and the report files of a site,
 * reads their bytes, and hands them to the model.  Today the sources come
 * from a directory; a git tree is the other backend (DESIGN section 8).
 */
#ifndef TALLY_LOAD_H
#define TALLY_LOAD_H

#include <stddef.h>

#include "../model/model.h"
#include "../diag/diag.h"

/* A sorted list of paths relative to the site root ("content/x/2023/a.md"). */
struct tally_pathlist {
	char **paths;
	size_t n, cap;
};

void tally_pathlist_add(struct tally_pathlist *l, const char *path);
void tally_pathlist_sort(struct tally_pathlist *l);
void tally_pathlist_free(struct tally_pathlist *l);

/* Lists the regular files under root/sub whose names end in ext (e.g.
 * ".md"), recursively, as paths relative to root, sorted.  sub may be a
 * single file.  Symbolic links that resolve outside root are refused with
 * a diagnostic.  Returns 0, or -1 when root/sub cannot be read (errno). */
int tally_list_files(const char *root, const char *sub, const char *ext,
    struct tally_pathlist *out, struct tally_diags *diags);

/* The same listing, kept in the file memo_path between runs: directories
 * unchanged since the last run (identity and mtime) are not read again.
 * The file is rewritten after a successful listing.  memo_path NULL is
 * tally_list_files. */
int tally_list_files_memo(const char *root, const char *sub, const char *ext,
    const char *memo_path, struct tally_pathlist *out,
    struct tally_diags *diags);

/* Reads root/rel into a malloc'd NUL-terminated buffer; caller frees.
 * Returns 0 or -1 with errno. */
int tally_source_read(const char *root, const char *rel, char **data,
    size_t *len);

/* An opened site: its configuration and schemas, loaded once per run. */
struct tally_repo;
struct tally_tree;

struct tally_project {
	char *root;            /* the site directory ("." by default) */
	const char *rev;       /* --rev: sources come from this commit's tree */
	struct tally_repo *repo; /* the repository (opened on first use) */
	int no_repo;             /* root is in no repository */
	struct tally_tree *tree; /* the tree of rev, or NULL: the working dir */
	struct tally_arena arena;
	struct tally_config config;
	struct tally_schemaset schemas;
	struct tally_pathlist schema_files;
	/* the content listing kept between runs (tally_list_files_memo), or
	 * NULL: set by the site build when it holds its cache */
	const char *list_memo;
};

/* Opens the site at root: reads tally.yaml (defaults when absent) and
 * every schema file.  Problems go to diags.  Returns 0; -1 when the
 * configuration or a schema is unusable (the project is still filled as
 * far as possible and must be freed). */
int tally_project_open(struct tally_project *p, const char *root,
    struct tally_diags *diags);
/* Like tally_project_open, but every source (tally.yaml, schemas, theme,
 * content) is read from the tree of git revision rev (any revision git
 * understands), ignoring uncommitted edits.  rev NULL is the working
 * directory.  A clear error when root is not in a repository or rev does
 * not resolve. */
int tally_project_open_rev(struct tally_project *p, const char *root,
    const char *rev, struct tally_diags *diags);
void tally_project_free(struct tally_project *p);

/* The repository that holds the site, opened on first use; NULL outside
 * any repository (then there is no history). */
struct tally_repo *tally_project_repo(struct tally_project *p,
    struct tally_diags *diags);

/* Reads a source of the project (path relative to the site root) from the
 * working directory or the revision's tree.  blob_id (41 bytes, may be
 * NULL) receives the git blob id of the bytes.  Returns 0, or -1 with
 * errno (ENOENT when there is no such file). */
int tally_project_read(const struct tally_project *p, const char *rel,
    char **data, size_t *len, char *blob_id);
/* Lists the project's files under sub ending in ext, like tally_list_files,
 * from the working directory or the revision's tree. */
int tally_project_list(const struct tally_project *p, const char *sub,
    const char *ext, struct tally_pathlist *out, struct tally_diags *diags);
/* 1 when the project has a file (or directory) at rel. */
int tally_project_exists(const struct tally_project *p, const char *rel);

/* Lists the report files (*.md) of the given paths (relative to the site
 * root; files or directories), or of the content directory when npaths is
 * 0.  Units without unit.yaml are reported (M004) once each.  Returns 0 or
 * -1 when a path cannot be read (reported to diags). */
int tally_project_reports(struct tally_project *p, char **paths, size_t npaths,
    struct tally_pathlist *out, struct tally_diags *diags);

/* --- Git (git.c) -----------------------------------------------------------
 * The libgit2 backend (DESIGN section 8): a site read from a commit instead
 * of the working directory, each report's history, and the paths a pull
 * request changed.  No libgit2 type leaves git.c; a libgit2 failure becomes
 * a diagnostic (tally_diag_config) there, never a crash.
 *
 * Library lifetime: main() calls tally_git_init() once before any other
 * function of this section and tally_git_shutdown() once before it exits;
 * unit tests do the same around their test groups.
 *
 * Threads: a repository handle and everything opened from it (trees,
 * histories) are used by one thread at a time (libgit2's rule).  To read
 * with several threads, open one repository handle per thread.
 *
 * Paths: every path given to or returned by these functions is relative
 * to the site root, like tally_list_files' paths, even when the site is a
 * subdirectory of the repository.
 */

/* Returned by tally_repo_open when no repository contains the directory. */
#define TALLY_GIT_NOREPO (-2)

/* tally_repo_open flags: no repository is not a finding (tally build shows
 * no history then; tally lint --rev needs one and leaves the flag off). */
#define TALLY_REPO_OPTIONAL 1

/* Initialises libgit2 for the process and sizes its object cache for
 * sites (big directory trees kept parsed, 16 MiB in all); returns 0 or
 * -1. */
int tally_git_init(void);
/* Releases what tally_git_init set up; after the last repository is freed. */
void tally_git_shutdown(void);

struct tally_repo;

/* Opens the repository whose working tree contains dir, searching upwards
 * from it, and records where the site root (dir) lies inside it.  Returns
 * 0 and *out (free with tally_repo_free); TALLY_GIT_NOREPO when no
 * repository contains dir (reported to diags unless flags has
 * TALLY_REPO_OPTIONAL); -1 on any other failure (a bare repository, an
 * unreadable one), reported to diags. */
int tally_repo_open(struct tally_repo **out, const char *dir, int flags,
    struct tally_diags *diags);
void tally_repo_free(struct tally_repo *r);
/* The working tree's absolute real path, without a trailing slash. */
const char *tally_repo_workdir(const struct tally_repo *r);
/* The site root relative to the working tree: "" when the site is the
 * whole repository, else "a/b" (no trailing slash). */
const char *tally_repo_prefix(const struct tally_repo *r);
/* 1 when the repository is a shallow clone (its history is cut off). */
int tally_repo_is_shallow(const struct tally_repo *r);

/* A commit as pages show it.  Dates are the committer's: the day a change
 * landed on the branch, which is what a published page's history means
 * (the author date of a rebased or cherry-picked change can be older). */
struct tally_commit {
	char id[41];         /* full hexadecimal id */
	char short_id[8];    /* its first 7 digits */
	int64_t time;        /* committer time, seconds since the epoch */
	int offset;          /* committer time zone, minutes east of UTC */
	char date[11];       /* YYYY-MM-DD in the committer's own zone, as
	                      * `git log --date=short` prints it: fixed by the
	                      * commit, not by the machine that builds */
	const char *subject; /* first paragraph of the message, one line */
};

/* A commit's tree, read without checking anything out. */
struct tally_tree;

/* Resolves rev (anything git understands: HEAD, HEAD~1, a branch, a tag, a
 * short id) to a commit and opens its tree.  Returns 0 and *out (free with
 * tally_tree_free, before r); -1 with a diagnostic when rev is unknown,
 * ambiguous, not a commit, or the repository has no commits yet. */
int tally_tree_open(struct tally_tree **out, struct tally_repo *r,
    const char *rev, struct tally_diags *diags);
void tally_tree_free(struct tally_tree *t);
/* The commit the tree belongs to; lives as long as t. */
const struct tally_commit *tally_tree_commit(const struct tally_tree *t);

/* tally_list_files over the tree: the files under sub (a directory or a
 * single file; "" or "." for the site root) whose names end in ext (NULL:
 * every file), recursively, sorted by path in byte order.  Names starting
 * with '.' and submodules are skipped.  Symbolic links are followed inside
 * the tree; one whose target lies outside the site root, is absolute, or
 * does not resolve is refused with a diagnostic and skipped, as in the
 * directory backend (same paths, same findings for the same files).
 * Returns 0, or -1 with errno (ENOENT when sub does not exist). */
int tally_tree_list(struct tally_tree *t, const char *sub, const char *ext,
    struct tally_pathlist *out, struct tally_diags *diags);

/* tally_source_read over the tree: the bytes of rel as committed (no
 * checkout filter such as end-of-line conversion), in a malloc'd
 * NUL-terminated buffer; caller frees.  When blob_id is not NULL it
 * receives the blob's 40-digit id (41 bytes with the NUL).  Returns 0, or
 * -1 with errno: ENOENT (no such path), EISDIR, ENOTDIR, ELOOP (too many
 * links), EACCES (a link that leaves the site root), EIO (libgit2). */
int tally_tree_read(struct tally_tree *t, const char *rel, char **data,
    size_t *len, char *blob_id);

/* The blob id git gives these bytes: the SHA-1 of "blob <len>\0" + data,
 * into blob_id (41 bytes).  Equal to `git hash-object --no-filters`, and to
 * `git hash-object` unless .gitattributes or core.autocrlf convert the
 * file: tally keys its cache by the bytes it reads, so no filter applies.
 * Needs no repository.  Returns 0 or -1. */
int tally_git_hash(const void *data, size_t len, char *blob_id);
/* The same for the file at path (symbolic links followed).  Returns 0 or
 * -1 with errno. */
int tally_git_hash_file(const char *path, char *blob_id);

/* The history of a site's files, from one walk over the commits. */
struct tally_history;

/* One file's history: the commits that changed it, newest first
 * (`git log --date-order`), continuing under its old name across renames.
 * truncated is 1 when the history reaches the cut of a shallow clone: its
 * oldest entry is then the boundary commit, where the file is only known
 * to exist, not to have changed. */
struct tally_file_history {
	const struct tally_commit *const *commits;
	size_t n;
	int truncated;
};

/* Walks the history that leads to rev (NULL: HEAD) once and attributes
 * each commit's changes under sub (the content directory; NULL, "" or "."
 * for the whole site) to the files of paths (site-relative, as listed at
 * rev; any order).  A commit counts for a file when the file differs
 * between the commit and its first parent; every commit reachable through
 * any parent is walked, so a merged branch's commits count for what they
 * changed, and the merge too when it brought a change onto the first-
 * parent line.  Renames inside sub are followed: blob ids equal between a
 * deleted and an added path, then libgit2's similarity (50%) for the rest
 * (up to 1 000 such paths in one commit).  Names are carried along first
 * parents, so a side branch's edits under a name that main has since
 * renamed show through the merge only.  A deletion ends a history: a file
 * re-created later under the same name starts afresh.  A path not in the
 * tree at rev (an uncommitted report) gets an empty history.  Returns 0
 * and *out (free with tally_history_free); an empty history when rev is
 * NULL and the repository has no commits yet; -1 with a diagnostic when
 * rev cannot be resolved or the repository cannot be read. */
int tally_history_build(struct tally_history **out, struct tally_repo *r,
    const char *rev, const char *sub, const struct tally_pathlist *paths,
    struct tally_diags *diags);
/* The history of path, or NULL when path was not among the paths given;
 * lives as long as h. */
const struct tally_file_history *tally_history_find(
    const struct tally_history *h, const char *path);
/* 1 when the walk met missing history (a shallow clone). */
int tally_history_truncated(const struct tally_history *h);
/* Number of commits walked. */
size_t tally_history_ncommits(const struct tally_history *h);
void tally_history_free(struct tally_history *h);

/* What changed between a commit and the working tree (lint
 * --changed-since).  Paths are site-relative and sorted. */
struct tally_changes {
	/* added, modified, type-changed, renamed (the new path), untracked
	 * but not ignored: every path that exists now and may differ */
	struct tally_pathlist changed;
	/* paths that existed at the commit and no longer do: deletions and
	 * the old names of renames */
	struct tally_pathlist deleted;
};

/* Compares rev's tree with the working tree, staged and unstaged changes
 * alike, restricted to sub (site-relative; NULL, "" or "." for the whole
 * site), with rename detection.  Returns 0 with *out filled (free with
 * tally_changes_free); -1 with a diagnostic. */
int tally_repo_changed_since(struct tally_repo *r, const char *rev,
    const char *sub, struct tally_changes *out, struct tally_diags *diags);
void tally_changes_free(struct tally_changes *c);

#endif
