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

/* Reads root/rel into a malloc'd NUL-terminated buffer; caller frees.
 * Returns 0 or -1 with errno. */
int tally_source_read(const char *root, const char *rel, char **data,
    size_t *len);

/* An opened site: its configuration and schemas, loaded once per run. */
struct tally_project {
	char *root;            /* the site directory ("." by default) */
	struct tally_arena arena;
	struct tally_config config;
	struct tally_schemaset schemas;
	struct tally_pathlist schema_files;
};

/* Opens the site at root: reads tally.yaml (defaults when absent) and
 * every schema file.  Problems go to diags.  Returns 0; -1 when the
 * configuration or a schema is unusable (the project is still filled as
 * far as possible and must be freed). */
int tally_project_open(struct tally_project *p, const char *root,
    struct tally_diags *diags);
void tally_project_free(struct tally_project *p);

/* Lists the report files (*.md) of the given paths (relative to the site
 * root; files or directories), or of the content directory when npaths is
 * 0.  Units without unit.yaml are reported (M004) once each.  Returns 0 or
 * -1 when a path cannot be read (reported to diags). */
int tally_project_reports(struct tally_project *p, char **paths, size_t npaths,
    struct tally_pathlist *out, struct tally_diags *diags);

#endif
