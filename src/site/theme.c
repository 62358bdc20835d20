/*
 * theme.c - a theme: templates/NAME.mustache compiled once per build (a
 * template's name is its file name without .mustache, which is also how
 * partials and parents name it), i18n/<language>.yaml read into the value
 * tree `t` that every page gets (so templates say {{t.nav.home}} and no UI
 * string is written in C or in a template), and assets/ copied as they
 * are.  The C side formats the few sentences it writes itself (the chart's
 * description) from the same file, with {name} placeholders.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

/* The templates a theme must have: the pages of DESIGN section 7. */
static const char *const required[] = {
	"base", "index", "report", "unit", "units", "listing", "listing-index",
	"consistency", "consistency-group", "rules", "data", "404", NULL,
};

static char *
theme_path(const struct site *s, const char *sub)
{
	if (s->theme_dir[0] == '/')
		return xasprintf("%s/%s", s->theme_dir, sub);
	return xasprintf("%s/%s/%s", s->p->root, s->theme_dir, sub);
}

/* Reads a file of the theme (rel inside it) from the file system, or from
 * the revision's tree under --rev.  path is for messages; caller frees. */
static int
theme_read(const struct site *s, const char *rel, char **data, size_t *len,
    char **path)
{
	*path = theme_path(s, rel);
	if (s->theme_in_tree) {
		char *in_tree = xasprintf("%s/%s", s->theme_dir, rel);
		int rc = tally_project_read(s->p, in_tree, data, len, NULL);
		free(in_tree);
		return rc;
	}
	return tally_read_file(*path, data, len);
}

/* The files under the theme's sub (recursively, sorted), as paths
 * relative to sub; only under --rev. */
static int
tree_files(const struct site *s, const char *sub, struct tally_pathlist *out)
{
	struct tally_pathlist l = {NULL, 0, 0};
	char *dir = xasprintf("%s/%s", s->theme_dir, sub);
	size_t i, n = strlen(dir);
	int rc = tally_project_list(s->p, dir, NULL, &l, s->d);

	for (i = 0; i < l.n; i++)
		if (strncmp(l.paths[i], dir, n) == 0 && l.paths[i][n] == '/')
			tally_pathlist_add(out, l.paths[i] + n + 1);
	tally_pathlist_free(&l);
	free(dir);
	return rc;
}

/* The names in dir (sorted), regular files and directories only: a
 * symbolic link in a theme is not followed. */
static int
list_dir(const char *dir, struct tally_pathlist *out)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		if (de->d_name[0] == '.' ||
		    fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
			continue;
		tally_pathlist_add(out, de->d_name);
	}
	closedir(d);
	tally_pathlist_sort(out);
	return 0;
}

static struct tally_val *
fact_val(struct tally_arena *a, const struct tally_fact *f)
{
	const struct tally_fact *c;
	struct tally_val *v;

	switch (f->kind) {
	case TALLY_FACT_MAP:
		v = tally_val_map(a);
		for (c = f->child; c; c = c->next)
			tally_val_set(v, c->key, fact_val(a, c));
		return v;
	case TALLY_FACT_SEQ:
		v = tally_val_list(a);
		for (c = f->child; c; c = c->next)
			tally_val_push(v, fact_val(a, c));
		return v;
	case TALLY_FACT_SCALAR:
		break;
	}
	if (f->is_null)
		return tally_val_str(a, "");
	return tally_val_strref(a, f->text, f->len);
}

static int
load_i18n(struct site *s)
{
	struct tally_yaml_error yerr;
	struct tally_fact *root;
	char *rel = xasprintf("i18n/%s.yaml", s->lang), *path, *src = NULL;
	size_t len;
	int rc = -1;

	if (theme_read(s, rel, &src, &len, &path) < 0) {
		site_syserr(s, path, "无法读取界面文字文件", "cannot read the i18n file");
		goto out;
	}
	/* The fact tree points into the arena, which lives for the build. */
	if (tally_facts_parse(&s->arena, src, len, 1, &root, &yerr) < 0) {
		tally_diag_config(s->d, path, yerr.pos.line, yerr.pos.col,
		    "YAML 语法错误：%s", "YAML syntax error: %s", yerr.msg);
		goto out;
	}
	if (root->kind != TALLY_FACT_MAP) {
		site_diag(s, path, 1, 1, "界面文字文件应为映射%s",
		    "the i18n file must be a mapping%s", "");
		goto out;
	}
	s->t = fact_val(&s->arena, root);
	rc = 0;
out:
	free(src);
	free(path);
	free(rel);
	return rc;
}

int
site_theme_load(struct site *s)
{
	struct tally_pathlist names = {NULL, 0, 0};
	char *dir = theme_path(s, "templates");
	size_t i;
	int rc = 0;

	s->tpl = tally_tplset_new();
	if (s->theme_in_tree ? tree_files(s, "templates", &names) < 0 ||
	    names.n == 0 : list_dir(dir, &names) < 0) {
		site_syserr(s, dir, "无法读取模板目录",
		    "cannot read the template directory");
		free(dir);
		return -1;
	}
	for (i = 0; i < names.n; i++) {
		const char *n = names.paths[i];
		size_t nl = strlen(n);
		struct tally_tpl_error err;
		char *path, *src, *name;
		size_t len;

		if (nl <= 9 || strcmp(n + nl - 9, ".mustache") != 0 ||
		    strchr(n, '/') != NULL)
			continue;
		{
			char *rel = xasprintf("templates/%s", n);
			int rrc = theme_read(s, rel, &src, &len, &path);
			free(rel);
			if (rrc < 0)
				src = NULL;
		}
		if (src == NULL) {
			site_syserr(s, path, "无法读取模板", "cannot read the template");
			free(path);
			rc = -1;
			continue;
		}
		name = xstrndup(n, nl - 9);
		if (tally_tplset_add(s->tpl, name, src, len, &err) < 0) {
			tally_diag_config(s->d, path, err.line, err.col,
			    "模板错误：%s", "template error: %s", err.msg);
			rc = -1;
		}
		free(name);
		free(src);
		free(path);
	}
	for (i = 0; required[i]; i++)
		if (!tally_tplset_has(s->tpl, required[i])) {
			char *want = xasprintf("%s/%s.mustache", dir, required[i]);
			site_diag(s, want, 0, 0, "主题缺少模板%s",
			    "the theme lacks this template%s", "");
			free(want);
			rc = -1;
		}
	tally_pathlist_free(&names);
	free(dir);
	if (rc == 0)
		rc = load_i18n(s);
	return rc;
}

/* Copies the tree at src (a theme path) to rel in the site. */
static int
copy_tree(struct site *s, const char *src, const char *rel)
{
	struct tally_pathlist names = {NULL, 0, 0};
	size_t i;
	int rc = 0;

	if (list_dir(src, &names) < 0) {
		site_syserr(s, src, "无法读取目录", "cannot read the directory");
		return -1;
	}
	for (i = 0; i < names.n && rc == 0; i++) {
		char *from = xasprintf("%s/%s", src, names.paths[i]);
		char *to = xasprintf("%s/%s", rel, names.paths[i]);
		struct stat st;
		if (lstat(from, &st) < 0) {
			site_syserr(s, from, "无法读取", "cannot read");
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			rc = copy_tree(s, from, to);
		} else if (S_ISREG(st.st_mode)) {
			char *data;
			size_t len;
			if (tally_read_file(from, &data, &len) < 0) {
				site_syserr(s, from, "无法读取", "cannot read");
				rc = -1;
			} else {
				rc = site_write(s, to, data, len);
				free(data);
			}
		}
		/* anything else (a symbolic link) is not followed */
		free(from);
		free(to);
	}
	tally_pathlist_free(&names);
	return rc;
}

int
site_theme_assets(struct site *s)
{
	char *dir = theme_path(s, "assets");
	struct stat st;
	int rc = 0;

	if (s->theme_in_tree) {
		struct tally_pathlist l = {NULL, 0, 0};
		size_t i;
		tree_files(s, "assets", &l);
		for (i = 0; i < l.n && rc == 0; i++) {
			char *rel = xasprintf("assets/%s", l.paths[i]), *path;
			char *data;
			size_t len;
			if (theme_read(s, rel, &data, &len, &path) < 0) {
				site_syserr(s, path, "无法读取", "cannot read");
				rc = -1;
			} else {
				rc = site_write(s, rel, data, len);
				free(data);
			}
			free(path);
			free(rel);
		}
		tally_pathlist_free(&l);
		free(dir);
		return rc;
	}

	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		rc = copy_tree(s, dir, "assets");
	free(dir);
	return rc;
}

static const struct tally_val *
t_get(const struct site *s, const char *key)
{
	const struct tally_val *v = s->t;
	char part[64];

	while (v != NULL && *key) {
		const char *dot = strchr(key, '.');
		size_t n = dot ? (size_t)(dot - key) : strlen(key);
		if (n >= sizeof(part))
			return NULL;
		memcpy(part, key, n);
		part[n] = '\0';
		v = tally_val_get(v, part);
		key += n + (dot != NULL);
	}
	return v;
}

const char *
site_t(const struct site *s, const char *key)
{
	const struct tally_val *v = t_get(s, key);

	if (v == NULL || v->kind != TALLY_VAL_STRING)
		return key;
	return v->u.str.s;
}

void
site_tf(const struct site *s, struct tally_buf *b, const char *key,
    const char *const *names, const char *const *vals, size_t n)
{
	const char *p = site_t(s, key);

	while (*p) {
		const char *close;
		size_t i;
		if (*p == '{' && (close = strchr(p, '}')) != NULL) {
			for (i = 0; i < n; i++)
				if (strlen(names[i]) == (size_t)(close - p - 1) &&
				    memcmp(names[i], p + 1, (size_t)(close - p - 1)) == 0)
					break;
			if (i < n) {
				tally_buf_puts(b, vals[i] ? vals[i] : "");
				p = close + 1;
				continue;
			}
		}
		tally_buf_putc(b, *p++);
	}
}

int
site_render(struct site *s, const char *name, const struct tally_val *ctx,
    struct tally_buf *out)
{
	struct tally_tpl_error err;

	tally_buf_reset(out);
	if (tally_tpl_render(s->tpl, name, ctx, out, &err) < 0) {
		char *file = xasprintf("%s/templates/%s.mustache", s->theme_dir,
		    err.tpl[0] ? err.tpl : name);
		pthread_mutex_lock(&s->errlock);
		tally_diag_config(s->d, file, err.line, err.col,
		    "模板错误：%s", "template error: %s", err.msg);
		pthread_mutex_unlock(&s->errlock);
		free(file);
		return -1;
	}
	return 0;
}
