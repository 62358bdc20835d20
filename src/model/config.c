/*
 * config.c - tally.yaml, the site's configuration (DESIGN section 2).
 * Missing keys take defaults, so a repository without tally.yaml still
 * works; unknown keys are errors, because a misspelt "lint.disable" would
 * otherwise silently lint what the user meant to switch off.
 */
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "../diag/diag.h"

static int
unknown_keys(const char *path, const struct tally_fact *map,
    const char *const *allowed, struct tally_diags *diags)
{
	const struct tally_fact *k;
	int bad = 0;
	size_t i;

	for (k = map->child; k; k = k->next) {
		int ok = 0;
		for (i = 0; allowed[i]; i++)
			if (strcmp(k->key, allowed[i]) == 0)
				ok = 1;
		if (!ok) {
			tally_diag_config(diags, path, k->key_pos.line,
			    k->key_pos.col, "未知的配置键 %s", "unknown key %s",
			    k->key);
			bad++;
		}
	}
	return bad;
}

static const char *
str_at(const char *path, const struct tally_fact *map, const char *key,
    const char *def, struct tally_diags *diags, int *bad)
{
	const struct tally_fact *v = tally_fact_get(map, key);

	if (v == NULL || v->is_null)
		return def;
	if (v->kind != TALLY_FACT_SCALAR) {
		tally_diag_config(diags, path, v->pos.line, v->pos.col,
		    "%s 应为文本", "%s must be a string", key);
		(*bad)++;
		return def;
	}
	return v->text;
}

int
tally_config_load(struct tally_arena *arena, const char *path, const char *src,
    size_t len, struct tally_config *out, struct tally_diags *diags)
{
	static const char *const top[] = {"site", "content", "schemas", "theme",
	    "output", "lint", NULL};
	static const char *const site_keys[] = {"title", "base_url", "language",
	    NULL};
	static const char *const lint_keys[] = {"disable", "severity", NULL};
	struct tally_yaml_error yerr;
	struct tally_fact *root;
	const struct tally_fact *site, *lint, *v, *i;
	int bad = 0;

	memset(out, 0, sizeof(*out));
	out->path = path;
	out->title = "绩效自评报告公开";
	out->base_url = "/";
	out->language = "zh-CN";
	out->content_dir = "content";
	out->schemas_dir = "schemas";
	out->theme_dir = "themes/default";
	out->output_dir = "public";
	if (src == NULL)
		return 0;

	if (tally_facts_parse(arena, src, len, 1, &root, &yerr) < 0) {
		tally_diag_config(diags, path, yerr.pos.line, yerr.pos.col,
		    "YAML 语法错误：%s", "YAML syntax error: %s", yerr.msg);
		return -1;
	}
	if (root->kind != TALLY_FACT_MAP) {
		tally_diag_config(diags, path, root->pos.line, root->pos.col,
		    "tally.yaml 应为映射%s", "tally.yaml must be a mapping%s", "");
		return -1;
	}
	bad += unknown_keys(path, root, top, diags);
	if ((site = tally_fact_get(root, "site")) != NULL &&
	    site->kind == TALLY_FACT_MAP) {
		bad += unknown_keys(path, site, site_keys, diags);
		out->title = str_at(path, site, "title", out->title, diags, &bad);
		out->base_url = str_at(path, site, "base_url", out->base_url,
		    diags, &bad);
		out->language = str_at(path, site, "language", out->language,
		    diags, &bad);
	}
	out->content_dir = str_at(path, root, "content", out->content_dir, diags, &bad);
	out->schemas_dir = str_at(path, root, "schemas", out->schemas_dir, diags, &bad);
	out->theme_dir = str_at(path, root, "theme", out->theme_dir, diags, &bad);
	out->output_dir = str_at(path, root, "output", out->output_dir, diags, &bad);

	if ((lint = tally_fact_get(root, "lint")) != NULL &&
	    lint->kind == TALLY_FACT_MAP) {
		bad += unknown_keys(path, lint, lint_keys, diags);
		if ((v = tally_fact_get(lint, "disable")) != NULL &&
		    v->kind == TALLY_FACT_SEQ) {
			size_t k = 0;
			out->disable = tally_arena_alloc(arena,
			    (v->nchild + 1) * sizeof(*out->disable));
			for (i = v->child; i; i = i->next) {
				const char *id = i->kind == TALLY_FACT_MAP
				    ? (tally_fact_get(i, "rule")
				    ? tally_fact_get(i, "rule")->text : NULL)
				    : i->text;
				if (id == NULL || tally_rule_find(id) == NULL) {
					tally_diag_config(diags, path, i->pos.line,
					    i->pos.col, "未知的规则 %s",
					    "unknown rule %s", id ? id : "?");
					bad++;
					continue;
				}
				out->disable[k++] = id;
			}
			out->ndisable = k;
		}
		if ((v = tally_fact_get(lint, "severity")) != NULL &&
		    v->kind == TALLY_FACT_MAP) {
			size_t k = 0;
			out->severity = tally_arena_alloc(arena,
			    (v->nchild + 1) * sizeof(*out->severity));
			for (i = v->child; i; i = i->next) {
				if (tally_rule_find(i->key) == NULL ||
				    !tally_fact_is_scalar(i) ||
				    tally_severity_parse(i->text) < 0) {
					tally_diag_config(diags, path,
					    i->key_pos.line, i->key_pos.col,
					    "无效的严重级别设置 %s",
					    "invalid severity override %s", i->key);
					bad++;
					continue;
				}
				out->severity[k].rule = i->key;
				out->severity[k].severity = i->text;
				out->severity[k].pos = i->pos;
				k++;
			}
			out->nseverity = k;
		}
	}
	return bad ? -1 : 0;
}
