/*
 * project.c - opening a site repository: tally.yaml, the schemas, and the
 * list of reports to read.  This is the only place that knows the layout
 * of DESIGN section 2 (content/<unit>/<year>/<report>.md).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load.h"

int
tally_project_read(const struct tally_project *p, const char *rel, char **data,
    size_t *len, char *blob_id)
{
	if (p->tree != NULL)
		return tally_tree_read(p->tree, rel, data, len, blob_id);
	if (tally_source_read(p->root, rel, data, len) < 0)
		return -1;
	if (blob_id != NULL)
		tally_git_hash(*data, *len, blob_id);
	return 0;
}

int
tally_project_list(const struct tally_project *p, const char *sub,
    const char *ext, struct tally_pathlist *out, struct tally_diags *diags)
{
	if (p->tree != NULL)
		return tally_tree_list(p->tree, sub, ext, out, diags);
	return tally_list_files(p->root, sub, ext, out, diags);
}

int
tally_project_exists(const struct tally_project *p, const char *rel)
{
	struct tally_pathlist l = {NULL, 0, 0};
	struct stat st;
	char *full;
	int ok;

	if (p->tree == NULL) {
		full = xasprintf("%s/%s", p->root, rel);
		ok = stat(full, &st) == 0;
		free(full);
		return ok;
	}
	ok = tally_tree_list(p->tree, rel, NULL, &l, NULL) == 0 && l.n > 0;
	tally_pathlist_free(&l);
	return ok;
}

struct tally_repo *
tally_project_repo(struct tally_project *p, struct tally_diags *diags)
{
	if (p->repo == NULL && !p->no_repo &&
	    tally_repo_open(&p->repo, p->root, TALLY_REPO_OPTIONAL, diags) != 0) {
		p->repo = NULL; /* outside a repository: no history */
		p->no_repo = 1;
	}
	return p->repo;
}

int
tally_project_open(struct tally_project *p, const char *root,
    struct tally_diags *diags)
{
	return tally_project_open_rev(p, root, NULL, diags);
}

int
tally_project_open_rev(struct tally_project *p, const char *root,
    const char *rev, struct tally_diags *diags)
{
	char *src = NULL;
	size_t len = 0, i;
	int rc = 0;

	memset(p, 0, sizeof(*p));
	p->root = xstrdup(root ? root : ".");
	p->rev = rev;
	if (rev != NULL) {
		int orc = tally_repo_open(&p->repo, p->root, 0, diags);
		/* tally_repo_open has said why (not a repository, bare …) */
		if (orc != 0 || tally_tree_open(&p->tree, p->repo, rev, diags) < 0)
			return -1;
	}
	if (tally_project_read(p, "tally.yaml", &src, &len, NULL) == 0) {
		if (tally_config_load(&p->arena, "tally.yaml", src, len,
		    &p->config, diags) < 0)
			rc = -1;
		/* the fact tree points into the arena, not into src */
		free(src);
	} else if (errno == ENOENT) {
		tally_config_load(&p->arena, NULL, NULL, 0, &p->config, diags);
	} else {
		tally_diag_config(diags, "tally.yaml", 0, 0, "无法读取：%s",
		    "cannot read: %s", strerror(errno));
		return -1;
	}

	if (tally_project_list(p, p->config.schemas_dir, ".yaml",
	    &p->schema_files, diags) < 0) {
		tally_diag_config(diags, p->config.schemas_dir, 0, 0,
		    "无法读取模式目录：%s", "cannot read the schema directory: %s",
		    strerror(errno));
		return -1;
	}
	p->schemas.items = tally_arena_alloc(&p->arena,
	    (p->schema_files.n + 1) * sizeof(*p->schemas.items));
	for (i = 0; i < p->schema_files.n; i++) {
		const char *path = p->schema_files.paths[i];
		struct tally_schema *s;
		if (tally_project_read(p, path, &src, &len, NULL) < 0) {
			tally_diag_config(diags, path, 0, 0, "无法读取：%s",
			    "cannot read: %s", strerror(errno));
			rc = -1;
			continue;
		}
		if (tally_schema_load(&p->arena, path, src, len, &s, diags) < 0) {
			rc = -1;
		} else if (tally_schemaset_find(&p->schemas, s->id)) {
			tally_diag_config(diags, path, 1, 1, "重复的类型 id：%s",
			    "duplicate type id: %s", s->id);
			rc = -1;
		} else {
			p->schemas.items[p->schemas.n++] = s;
		}
		free(src);
	}
	return rc;
}

void
tally_project_free(struct tally_project *p)
{
	if (p == NULL)
		return;
	tally_tree_free(p->tree);
	tally_repo_free(p->repo);
	p->tree = NULL;
	p->repo = NULL;
	tally_pathlist_free(&p->schema_files);
	tally_arena_free(&p->arena);
	free(p->root);
	p->root = NULL;
}

/* The unit directory ("content/<unit>") of a report path, or NULL. */
static char *
unit_dir_of(const struct tally_project *p, const char *path)
{
	const char *cd = p->config.content_dir;
	size_t n = strlen(cd);
	const char *rest, *slash;

	if (strncmp(path, cd, n) != 0 || path[n] != '/')
		return NULL;
	rest = path + n + 1;
	slash = strchr(rest, '/');
	if (slash == NULL)
		return NULL;
	return xstrndup(path, (size_t)(slash - path));
}

/* A path named on the command line that gave no report: a directory
 * without one is fine (nothing to check), but a file that is not a .md
 * report, or a FIFO, device or socket, was asked for and is not checked,
 * which the user is told (an error: exit status 2).  Returns 1 when so. */
static int
not_a_report(const struct tally_project *p, const char *path,
    struct tally_diags *diags)
{
	struct stat st;
	char *full;
	int rc;

	if (p->tree != NULL)
		return 0; /* a commit's tree holds files and directories only */
	full = path[0] == '/' ? xstrdup(path) : xasprintf("%s/%s", p->root, path);
	rc = stat(full, &st);
	free(full);
	if (rc < 0 || S_ISDIR(st.st_mode))
		return 0;
	if (S_ISREG(st.st_mode))
		tally_diag_config(diags, path, 0, 0,
		    "不是报告文件（报告是 .md 文件），未检查%s",
		    "not a report (reports are .md files): not checked%s", "");
	else
		tally_diag_config(diags, path, 0, 0,
		    "不是普通文件或目录，未检查%s",
		    "not a regular file or a directory: not checked%s", "");
	return 1;
}

int
tally_project_reports(struct tally_project *p, char **paths, size_t npaths,
    struct tally_pathlist *out, struct tally_diags *diags)
{
	struct tally_pathlist units = {NULL, 0, 0};
	size_t i;
	int rc = 0;

	if (npaths == 0) {
		int lrc = p->tree == NULL && p->list_memo != NULL ?
		    tally_list_files_memo(p->root, p->config.content_dir, ".md",
		    p->list_memo, out, diags) :
		    tally_project_list(p, p->config.content_dir, ".md", out, diags);
		if (lrc < 0) {
			tally_diag_config(diags, p->config.content_dir, 0, 0,
			    "无法读取内容目录：%s", "cannot read the content directory: %s",
			    strerror(errno));
			return -1;
		}
	}
	for (i = 0; i < npaths; i++) {
		const char *path = paths[i];
		size_t before = out->n;

		while (path[0] == '.' && path[1] == '/')
			path += 2;
		if (tally_project_list(p, path, ".md", out, diags) < 0) {
			tally_diag_config(diags, path, 0, 0, "无法读取：%s",
			    "cannot read: %s", strerror(errno));
			rc = -1;
		} else if (out->n == before && not_a_report(p, path, diags)) {
			rc = -1;
		}
	}
	tally_pathlist_sort(out);

	for (i = 0; i < out->n; i++) {
		char *u = unit_dir_of(p, out->paths[i]);
		if (u == NULL)
			continue;
		if (units.n == 0 || strcmp(units.paths[units.n - 1], u) != 0) {
			char *uy = xasprintf("%s/unit.yaml", u);
			tally_pathlist_add(&units, u);
			if (!tally_project_exists(p, uy))
				tally_diag_add(diags, "M004", u, 0, 0,
				    "单位目录缺少 unit.yaml（单位名称等信息）%s",
				    "unit directory without unit.yaml (the unit's name and details)%s",
				    "");
			free(uy);
		}
		free(u);
	}
	tally_pathlist_free(&units);
	return rc;
}
