/*
 * scaffold.c - a new report from its schema (`tally new`): front matter
 * with the required keys and the schema's required figures left blank, and
 * the schema's sections as numbered headings, each holding a prompt to be
 * replaced.  The prompts are the schema's own `prompts`, so a report
 * committed with a prompt still in it is caught by S006.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"

static void
heading(struct tally_buf *b, int level, int index, const char *title)
{
	char num[32];
	int i;

	for (i = 0; i < level; i++)
		tally_buf_putc(b, '#');
	tally_buf_putc(b, ' ');
	if (level == 2)
		tally_numbering_format(TALLY_NUM_CN, index, num, sizeof(num));
	else if (level == 3)
		tally_numbering_format(TALLY_NUM_CN_PAREN, index, num, sizeof(num));
	else
		tally_numbering_format(TALLY_NUM_ARABIC, index, num, sizeof(num));
	tally_buf_printf(b, "%s%s\n\n", num, title);
}

#define PLACEHOLDER "（请填写本节内容）"

/* 1 when a section's title contains a sibling's title: a combined heading
 * ("主要经验及做法、存在的问题和建议") that a new report should not use. */
static int
combined(const struct tally_schema_section *s, size_t n, size_t i)
{
	size_t j;

	for (j = 0; j < n; j++)
		if (j != i && strstr(s[i].title, s[j].title) != NULL)
			return 1;
	return 0;
}

static void
sections(struct tally_buf *b, const struct tally_schema_section *s, size_t n,
    int level)
{
	size_t i;
	int k = 0;

	for (i = 0; i < n; i++) {
		if ((s[i].optional && level > 2) || combined(s, n, i))
			continue;
		heading(b, level, ++k, s[i].title);
		tally_buf_puts(b, PLACEHOLDER "\n\n");
		if (s[i].nsections)
			sections(b, s[i].sections, s[i].nsections, level + 1);
	}
}

static int
cmp_field(const void *a, const void *b)
{
	const struct tally_schema_field *x = *(const struct tally_schema_field *const *)a;
	const struct tally_schema_field *y = *(const struct tally_schema_field *const *)b;
	return strcmp(x->path, y->path);
}

/* Writes the required figures as nested YAML keys left blank, each with its
 * Chinese label as a comment.  Sorted, so shared prefixes nest once. */
static void
figure_paths(struct tally_buf *b, const struct tally_schema *s)
{
	const struct tally_schema_field **req;
	const char *prev[8] = {0};
	size_t prevlen[8] = {0};
	size_t i, n = 0;

	req = xcalloc(s->nfields + 1, sizeof(*req));
	for (i = 0; i < s->nfields; i++)
		if (s->fields[i].required &&
		    strncmp(s->fields[i].path, "figures.", 8) == 0)
			req[n++] = &s->fields[i];
	qsort(req, n, sizeof(*req), cmp_field);
	for (i = 0; i < n; i++) {
		const char *p = req[i]->path + 8, *dot;
		int depth = 0, same = 1;
		while ((dot = strchr(p, '.')) != NULL && depth < 7) {
			size_t len = (size_t)(dot - p);
			if (!(same && prev[depth] && prevlen[depth] == len &&
			    memcmp(prev[depth], p, len) == 0)) {
				same = 0;
				tally_buf_printf(b, "%*s%.*s:\n", 2 + depth * 2, "",
				    (int)len, p);
				prev[depth] = p;
				prevlen[depth] = len;
			}
			depth++;
			p = dot + 1;
		}
		prev[depth] = NULL;
		tally_buf_printf(b, "%*s%s:    # %s\n", 2 + depth * 2, "", p,
		    req[i]->label ? req[i]->label : "");
	}
	free(req);
}

void
tally_scaffold(const struct tally_schema *s, const char *unit_name, int year,
    const char *project, struct tally_buf *b)
{
	tally_buf_puts(b, "---\n");
	tally_buf_printf(b, "type: %s\n", s->id);
	if (project)
		tally_buf_printf(b, "title: %s%d年度%s项目支出绩效自评报告\n",
		    unit_name ? unit_name : "", year, project);
	else
		tally_buf_printf(b, "title: %s%d年度%s\n", unit_name ? unit_name : "",
		    year, s->name ? s->name : "");
	tally_buf_printf(b, "year: %d\n", year);
	tally_buf_puts(b, "published:           # 发布日期 YYYY-MM-DD\n");
	tally_buf_puts(b, "money_unit: 万元\n");
	if (project)
		tally_buf_printf(b, "project: %s\n", project);
	tally_buf_puts(b, "figures:\n");
	figure_paths(b, s);
	tally_buf_puts(b, "---\n\n");
	sections(b, s->sections, s->nsections, 2);
}
