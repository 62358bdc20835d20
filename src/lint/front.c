/*
 * front.c - the F and M families on front matter: unknown keys (F003),
 * required fields (M001), invalid values (M002) and year mismatches
 * (M003).  They read the fact tree and the schema; positions are those of
 * the keys and values in the YAML.
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "internal.h"

static const char *const known_keys[] = {
	"type", "title", "year", "published", "money_unit", "project",
	"evaluator", "score", "grade", "figures", "indicators", "funds",
	"goals", "checks", "lint", "draft", NULL,
};

static void
unknown_keys(const struct tally_report *r, struct tally_diags *d)
{
	const struct tally_fact *k;
	size_t i;

	for (k = r->front->child; k; k = k->next) {
		const char *best = NULL;
		int best_d = 3;
		for (i = 0; known_keys[i]; i++)
			if (k->key[0] == known_keys[i][0] &&
			    strcmp(k->key, known_keys[i]) == 0)
				break;
		if (known_keys[i] != NULL)
			continue;
		/* a suggestion only for a key that is not known */
		for (i = 0; known_keys[i]; i++) {
			int dist = tally_edit_distance(k->key, known_keys[i]);
			if (dist < best_d) {
				best_d = dist;
				best = known_keys[i];
			}
		}
		if (best)
			tally_diag_add(d, "F003", r->path, k->key_pos.line,
			    k->key_pos.col, "未知的前置元数据键 %s（是否想写 %s？）",
			    "unknown front-matter key %s (did you mean %s?)",
			    k->key, best);
		else
			tally_diag_add(d, "F003", r->path, k->key_pos.line,
			    k->key_pos.col, "未知的前置元数据键 %s%s",
			    "unknown front-matter key %s%s", k->key, "");
	}
}

static void
missing(const struct tally_report *r, struct tally_diags *d, const char *key,
    const char *why_zh, const char *why_en)
{
	tally_diag_add(d, "M001", r->path, r->front->pos.line ? 1 : 1, 1,
	    "缺少必填字段 %s%s", "required field %s missing%s", key,
	    d->lang == TALLY_LANG_EN ? why_en : why_zh);
}

/* A scalar that must be present and non-null. */
static const struct tally_fact *
need(const struct tally_report *r, struct tally_diags *d, const char *key)
{
	const struct tally_fact *f = tally_fact_get(r->front, key);

	if (f == NULL || f->is_null) {
		missing(r, d, key, "", "");
		return NULL;
	}
	return f;
}

static void
invalid(const struct tally_report *r, struct tally_diags *d,
    const struct tally_fact *f, const char *zh, const char *en)
{
	struct tally_buf path = TALLY_BUF_INIT;

	tally_fact_path_of(f, &path);
	tally_diag_add(d, "M002", r->path, f->pos.line, f->pos.col,
	    "%s 的值 “%s” 无效：%s", "invalid value \"%s\" of %s: %s",
	    d->lang == TALLY_LANG_EN ? f->text : tally_buf_cstr(&path),
	    d->lang == TALLY_LANG_EN ? tally_buf_cstr(&path) : f->text,
	    d->lang == TALLY_LANG_EN ? en : zh);
	tally_buf_free(&path);
}

/* What sscanf's %<width>d reads at s[*i]: white space (not counted in
 * the width), an optional sign, then at least one digit.  Returns 1 and
 * moves *i past it, or 0. */
static int
scan_int(const char *s, size_t *i, int width, int *out)
{
	size_t k = *i;
	int w = 0, neg = 0, v = 0, nd = 0;

	while (s[k] == ' ' || (s[k] >= '\t' && s[k] <= '\r'))
		k++;
	if (s[k] == '+' || s[k] == '-') {
		neg = s[k] == '-';
		k++;
		w++;
	}
	for (; w < width && s[k] >= '0' && s[k] <= '9'; k++, w++, nd++)
		v = v * 10 + (s[k] - '0');
	if (nd == 0)
		return 0;
	*out = neg ? -v : v;
	*i = k;
	return 1;
}

int
tally_lint_valid_date(const char *s, int *year)
{
	int y, m, dd;
	size_t i = 0;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	/* sscanf(s, "%4d-%2d-%2d%n") ending at s[10], read by hand: sscanf
	 * costs more than the rest of the front-matter checks */
	if (strlen(s) != 10 || !scan_int(s, &i, 4, &y) || s[i++] != '-' ||
	    !scan_int(s, &i, 2, &m) || s[i++] != '-' ||
	    !scan_int(s, &i, 2, &dd) || i != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	if (y < 1900 || m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1])
		return 0;
	if (m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	if (year)
		*year = y;
	return 1;
}

/* The first "NNNN年" in s, or 0. */
static int
first_year_in(const char *s)
{
	const char *p;

	for (p = s; p && *p; p++) {
		if (p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' &&
		    p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9' &&
		    strncmp(p + 4, "年", strlen("年")) == 0 &&
		    (p == s || p[-1] < '0' || p[-1] > '9'))
			return (p[0] - '0') * 1000 + (p[1] - '0') * 100 +
			    (p[2] - '0') * 10 + (p[3] - '0');
	}
	return 0;
}

static void
values(const struct tally_report *r, struct tally_diags *d)
{
	const struct tally_fact *f;
	int y;

	if ((f = need(r, d, "type")) != NULL && r->schema == NULL)
		tally_diag_add(d, "M002", r->path, f->pos.line, f->pos.col,
		    "类型 %s 没有对应的模式（schemas/%s.yaml）",
		    "type %s has no schema (schemas/%s.yaml)", f->text, f->text);
	need(r, d, "title");
	if ((f = need(r, d, "year")) != NULL && r->year == 0)
		invalid(r, d, f, "应为四位数年度", "must be a four-digit year");
	if ((f = need(r, d, "published")) != NULL &&
	    !tally_lint_valid_date(f->text, NULL))
		invalid(r, d, f, "应为 YYYY-MM-DD 格式的有效日期",
		    "must be a valid date YYYY-MM-DD");
	if ((f = tally_fact_get(r->front, "money_unit")) != NULL &&
	    !(tally_fact_is_scalar(f) && (!strcmp(f->text, "元") ||
	    !strcmp(f->text, "万元") || !strcmp(f->text, "亿元"))))
		invalid(r, d, f, "应为 元、万元 或 亿元", "must be 元, 万元 or 亿元");
	if ((f = tally_fact_get(r->front, "draft")) != NULL &&
	    !(tally_fact_is_scalar(f) && (!strcmp(f->text, "true") ||
	    !strcmp(f->text, "false"))))
		invalid(r, d, f, "应为 true 或 false", "must be true or false");
	if ((f = tally_fact_get(r->front, "score")) != NULL) {
		struct tally_dec v;
		if (!tally_fact_is_scalar(f) || tally_dec_parse_str(f->text, &v) != 0)
			invalid(r, d, f, "应为数值", "must be a number");
	}
	if ((f = tally_fact_get(r->front, "grade")) != NULL && r->schema &&
	    r->schema->ngrades > 0) {
		size_t i;
		int ok = 0;
		for (i = 0; i < r->schema->ngrades; i++)
			if (tally_fact_is_scalar(f) &&
			    strcmp(f->text, r->schema->grades[i].name) == 0)
				ok = 1;
		if (!ok)
			invalid(r, d, f, "应为模式中的等级（优、良、中、差）",
			    "must be a grade of the schema (优, 良, 中, 差)");
	}

	/* M003: the year stated in different places */
	if (r->year && r->dir_year && r->year != r->dir_year &&
	    (f = tally_fact_get(r->front, "year")) != NULL)
		tally_diag_add(d, "M003", r->path, f->pos.line, f->pos.col,
		    "年度 %d 与目录年度 %d 不一致", "year %d differs from the directory year %d",
		    r->year, r->dir_year);
	if (r->year && r->title && (y = first_year_in(r->title)) != 0 &&
	    y != r->year && (f = tally_fact_get(r->front, "title")) != NULL)
		tally_diag_add(d, "M003", r->path, f->pos.line, f->pos.col,
		    "标题中的年度 %d 与 year: %d 不一致",
		    "the title's year %d differs from year: %d", y, r->year);
	if (r->year && r->published && tally_lint_valid_date(r->published, &y) &&
	    y < r->year && (f = tally_fact_get(r->front, "published")) != NULL)
		tally_diag_add(d, "M003", r->path, f->pos.line, f->pos.col,
		    "发布日期 %s 早于所评价的年度 %d",
		    "published %s before the fiscal year %d it evaluates",
		    r->published, r->year);
}

static void
required_fields(const struct tally_report *r, struct tally_diags *d)
{
	const struct tally_schema *s = r->schema;
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nrequired; i++) {
		const struct tally_fact *f = tally_fact_get(r->front, s->required[i]);
		if (f == NULL || f->is_null)
			missing(r, d, s->required[i], "（该报告类型要求）",
			    " (the report type requires it)");
	}
	for (i = 0; i < s->nfields; i++) {
		const struct tally_schema_field *fd = &s->fields[i];
		const struct tally_fact *f;
		if (!fd->required)
			continue;
		f = tally_fact_path(r->front, fd->path);
		if (f == NULL || f->is_null) {
			char why[256];
			snprintf(why, sizeof(why), "（%s）", fd->label ? fd->label : "");
			missing(r, d, fd->path, fd->label ? why : "",
			    fd->label ? why : "");
		}
	}
}

void
tally_lint_front(const struct tally_project *p, const struct tally_report *r,
    struct tally_diags *d)
{
	(void)p;
	if (r->front == NULL)
		return;
	unknown_keys(r, d);
	values(r, d);
	required_fields(r, d);
}
