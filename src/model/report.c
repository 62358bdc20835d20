/*
 * report.c - one report's model, built once from its bytes: the text is
 * checked and normalized, split into front matter and body, the front
 * matter read into a fact tree and the body into an outline.  Problems
 * with the input are findings (F001, F002) and the model is still returned
 * with whatever could be read, so one broken report never stops a run.
 * Also: unit.yaml, and the text dump of a model (`tally dump`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "yamlfast.h"
#include "../diag/diag.h"

/* Fills unit_id, dir_year and slug from a path ending in
 * <unit>/<year>/<slug>.md. */
static void
path_parts(struct tally_report *r)
{
	const char *p = r->path, *parts[3] = {NULL, NULL, NULL};
	size_t lens[3] = {0, 0, 0};
	const char *end = p + strlen(p), *s = end, *e = end;
	int k = 0;

	while (k < 3 && s > p) {
		const char *q = s;
		while (q > p && q[-1] != '/')
			q--;
		parts[k] = q;
		lens[k] = (size_t)(e - q);
		k++;
		if (q == p)
			break;
		e = q - 1;
		s = e;
	}
	if (parts[0]) {
		size_t n = lens[0];
		if (n > 3 && memcmp(parts[0] + n - 3, ".md", 3) == 0)
			n -= 3;
		r->slug = tally_arena_strndup(&r->arena, parts[0], n);
	}
	if (parts[1] && lens[1] == 4) {
		int y = 0, i, ok = 1;
		for (i = 0; i < 4; i++) {
			char c = parts[1][i];
			if (c < '0' || c > '9')
				ok = 0;
			else
				y = y * 10 + (c - '0');
		}
		if (ok) {
			r->dir_year = y;
			if (parts[2])
				r->unit_id = tally_arena_strndup(&r->arena,
				    parts[2], lens[2]);
		}
	}
}

static const char *
front_str(const struct tally_report *r, const char *key)
{
	const struct tally_fact *f = tally_fact_get(r->front, key);
	return tally_fact_is_scalar(f) ? f->text : NULL;
}

/* Position (line, column in code points) of byte offset off in src. */
static struct tally_pos
offset_pos(const char *src, size_t off)
{
	struct tally_pos p = {1, 1};
	size_t i, ls = 0;

	for (i = 0; i < off; i++)
		if (src[i] == '\n') {
			p.line++;
			ls = i + 1;
		}
	p.col = (uint32_t)tally_utf8_count(src + ls, off - ls) + 1;
	return p;
}

static int load(struct tally_report **out, const char *path, char *src,
    size_t len, const struct tally_schemaset *schemas,
    struct tally_diags *diags);

int
tally_report_load(struct tally_report **out, const char *path,
    const char *data, size_t len, const struct tally_schemaset *schemas,
    struct tally_diags *diags)
{
	char *src = xmalloc(len + 1);

	memcpy(src, data, len);
	return load(out, path, src, len, schemas, diags);
}

int
tally_report_load_own(struct tally_report **out, const char *path,
    char *data, size_t len, const struct tally_schemaset *schemas,
    struct tally_diags *diags)
{
	return load(out, path, data, len, schemas, diags);
}

/* The report of src[0..len) (the report's own: it frees it), with room
 * for a NUL at src[len]. */
static int
load(struct tally_report **out, const char *path, char *src, size_t len,
    const struct tally_schemaset *schemas, struct tally_diags *diags)
{
	struct tally_report *r = xcalloc(1, sizeof(*r));
	struct tally_yaml_error yerr;
	size_t bad;
	const char *s;

	*out = r;
	r->path = tally_arena_strdup(&r->arena, path);
	r->money_unit = "万元";
	path_parts(r);
	r->src = src;
	r->src[len] = '\0';

	if (!tally_utf8_valid(r->src, len, &bad)) {
		struct tally_pos p = offset_pos(r->src, bad);
		tally_diag_add(diags, "F001", path, p.line, p.col,
		    "不是有效的 UTF-8 文本（第 %zu 字节）",
		    "not valid UTF-8 (byte %zu)", bad + 1);
		return 0;
	}
	if (memchr(r->src, '\0', len) != NULL) {
		struct tally_pos p = offset_pos(r->src,
		    (size_t)((char *)memchr(r->src, '\0', len) - r->src));
		tally_diag_add(diags, "F001", path, p.line, p.col,
		    "文件含有 NUL 字节，不是文本%s", "file contains a NUL byte: not text%s",
		    "");
		return 0;
	}
	r->len = tally_text_normalize(r->src, len);
	tally_frontmatter_split(r->src, r->len, &r->split);

	if (!r->split.has_front) {
		tally_diag_add(diags, "F002", path, 1, 1,
		    "缺少 YAML 前置元数据（文件应以 --- 行开始）%s",
		    "missing YAML front matter (the file must start with a --- line)%s",
		    "");
	} else if (r->split.unterminated) {
		tally_diag_add(diags, "F002", path, 1, 1,
		    "前置元数据没有结束的 --- 行%s",
		    "front matter has no closing --- line%s", "");
	} else if (tally_facts_parse_utf8(&r->arena, r->split.yaml,
	    r->split.yaml_len, r->split.yaml_line, &r->front, &yerr) < 0) {
		r->front = NULL;
		tally_diag_add(diags, "F002", path, yerr.pos.line, yerr.pos.col,
		    "YAML 语法错误：%s", "YAML syntax error: %s", yerr.msg);
	} else if (r->front->kind != TALLY_FACT_MAP) {
		tally_diag_add(diags, "F002", path, r->front->pos.line,
		    r->front->pos.col, "前置元数据应为键值映射%s",
		    "front matter must be a mapping of keys to values%s", "");
		r->front = NULL;
	}

	if (r->front) {
		r->type = front_str(r, "type");
		r->title = front_str(r, "title");
		r->published = front_str(r, "published");
		r->project = front_str(r, "project");
		if ((s = front_str(r, "money_unit")) != NULL)
			r->money_unit = s;
		if ((s = front_str(r, "year")) != NULL) {
			char *end;
			long y = strtol(s, &end, 10);
			if (*end == '\0' && y > 0 && y < 10000)
				r->year = (int)y;
		}
		if ((s = front_str(r, "draft")) != NULL)
			r->draft = strcmp(s, "true") == 0 || strcmp(s, "yes") == 0;
		r->schema = tally_schemaset_find(schemas, r->type);
	}
	if (tally_outline_parse(&r->arena, r->split.body, r->split.body_len,
	    r->split.body_line, &r->outline) < 0) {
		tally_diag_add(diags, "F001", path, r->split.body_line, 1,
		    "无法解析 Markdown 正文%s", "cannot parse the Markdown body%s", "");
		return 0;
	}
	r->parsed = 1;
	return 0;
}

void
tally_report_free(struct tally_report *r)
{
	if (r == NULL)
		return;
	tally_outline_release(&r->outline);
	tally_arena_free(&r->arena);
	free(r->src);
	free(r);
}

int
tally_unit_load(struct tally_arena *arena, const char *id, const char *path,
    const char *src, size_t len, struct tally_unit *out,
    struct tally_diags *diags)
{
	struct tally_yaml_error yerr;
	struct tally_fact *root;
	char *copy;
	size_t bad;
	const struct tally_fact *f;

	memset(out, 0, sizeof(*out));
	out->id = id;
	out->path = path;
	if (!tally_utf8_valid(src, len, &bad)) {
		tally_diag_add(diags, "F001", path, 1, 1,
		    "不是有效的 UTF-8 文本（第 %zu 字节）",
		    "not valid UTF-8 (byte %zu)", bad + 1);
		return -1;
	}
	copy = tally_arena_strndup(arena, src, len);
	len = tally_text_normalize(copy, len);
	if (tally_facts_parse_utf8(arena, copy, len, 1, &root, &yerr) < 0) {
		tally_diag_add(diags, "F002", path, yerr.pos.line, yerr.pos.col,
		    "YAML 语法错误：%s", "YAML syntax error: %s", yerr.msg);
		return -1;
	}
	if (root->kind != TALLY_FACT_MAP) {
		tally_diag_add(diags, "F002", path, root->pos.line, root->pos.col,
		    "unit.yaml 应为键值映射%s", "unit.yaml must be a mapping%s", "");
		return -1;
	}
	out->facts = root;
#define UNIT_STR(k) \
	((f = tally_fact_get(root, #k)) != NULL && tally_fact_is_scalar(f) \
	    ? f->text : NULL)
	out->name = UNIT_STR(name);
	out->short_name = UNIT_STR(short_name);
	out->region = UNIT_STR(region);
	out->parent = UNIT_STR(parent);
	out->kind = UNIT_STR(kind);
#undef UNIT_STR
	if (out->name == NULL) {
		tally_diag_add(diags, "M001", path, 1, 1,
		    "缺少必填字段 %s（单位全称）", "required field %s missing (the unit's full name)",
		    "name");
		return -1;
	}
	return 0;
}

/* --- dump ---------------------------------------------------------------- */

static void
indent(struct tally_buf *b, int n)
{
	while (n-- > 0)
		tally_buf_puts(b, "  ");
}

/* Writes s as a double-quoted string, cut after max code points. */
static void
quoted(struct tally_buf *b, const char *s, size_t len, size_t max)
{
	size_t i = 0, cps = 0;

	tally_buf_putc(b, '"');
	while (i < len && cps < max) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		int k = tally_utf8_decode(s + i, len - i, &cp);
		if (c == '"' || c == '\\')
			tally_buf_printf(b, "\\%c", c);
		else if (c == '\n')
			tally_buf_puts(b, "\\n");
		else if (c == '\t')
			tally_buf_puts(b, "\\t");
		else if (c < 0x20)
			tally_buf_printf(b, "\\x%02x", c);
		else
			tally_buf_put(b, s + i, (size_t)k);
		i += (size_t)k;
		cps++;
	}
	tally_buf_putc(b, '"');
	if (i < len)
		tally_buf_printf(b, "…(%zu chars)", tally_utf8_count(s, len));
}

static const char *const qunit_names[] = {
	"", "%", "‰", "元", "万元", "亿元", "",
};

static void
dump_fact(struct tally_buf *b, struct tally_arena *a, const struct tally_fact *f,
    int depth)
{
	const struct tally_fact *c;

	indent(b, depth);
	if (f->key)
		tally_buf_printf(b, "%s", f->key);
	else if (f->parent)
		tally_buf_printf(b, "[%zu]", f->index);
	else
		tally_buf_puts(b, "(root)");
	if (f->key)
		tally_buf_printf(b, " @%u:%u", (unsigned)f->key_pos.line,
		    (unsigned)f->key_pos.col);
	switch (f->kind) {
	case TALLY_FACT_MAP:
		tally_buf_printf(b, " map(%zu)\n", f->nchild);
		break;
	case TALLY_FACT_SEQ:
		tally_buf_printf(b, " list(%zu)\n", f->nchild);
		break;
	case TALLY_FACT_SCALAR: {
		struct tally_quantity q;
		tally_buf_puts(b, " = ");
		if (f->is_null) {
			tally_buf_puts(b, "null");
		} else {
			quoted(b, f->text, f->len, 60);
		}
		tally_buf_printf(b, " @%u:%u", (unsigned)f->pos.line,
		    (unsigned)f->pos.col);
		if (!f->is_null && tally_quantity_parse(a, f->text, &q) == 0) {
			char num[TALLY_DEC_BUFSZ];
			tally_buf_printf(b, " [%s%s%s scale %d]",
			    q.op ? q.op : "",
			    tally_dec_format(q.value, num, sizeof(num)),
			    q.unit == TALLY_Q_OTHER ? q.unit_text
			    : qunit_names[q.unit], (int)q.value.scale);
		}
		tally_buf_putc(b, '\n');
		break;
	}
	}
	for (c = f->child; c; c = c->next)
		dump_fact(b, a, c, depth + 1);
}

static void
dump_block(struct tally_buf *b, const struct tally_block *k, int depth)
{
	size_t r, c;

	indent(b, depth);
	switch (k->kind) {
	case TALLY_BLOCK_PARA:
		tally_buf_puts(b, "para");
		break;
	case TALLY_BLOCK_ITEM:
		tally_buf_puts(b, "item");
		break;
	case TALLY_BLOCK_TABLE:
		tally_buf_printf(b, "table %zux%zu", k->table->nrows,
		    k->table->ncols);
		break;
	case TALLY_BLOCK_CODE:
		tally_buf_puts(b, "code");
		break;
	case TALLY_BLOCK_HTML:
		tally_buf_puts(b, "html");
		break;
	}
	tally_buf_printf(b, " @%u:%u-%u", (unsigned)k->pos.line,
	    (unsigned)k->pos.col, (unsigned)k->end_line);
	if (k->num.style != TALLY_NUM_NONE)
		tally_buf_printf(b, " %s %d", tally_numstyle_name(k->num.style),
		    k->num.value);
	if (k->kind != TALLY_BLOCK_TABLE) {
		tally_buf_putc(b, ' ');
		quoted(b, k->text, k->len, 24);
		tally_buf_putc(b, '\n');
		return;
	}
	tally_buf_putc(b, '\n');
	for (r = 0; r < k->table->nrows; r++) {
		indent(b, depth + 1);
		tally_buf_printf(b, "row %zu:", r);
		for (c = 0; c < k->table->ncols; c++) {
			const struct tally_cell *cell = tally_table_cell(k->table, r, c);
			tally_buf_printf(b, " %u:", (unsigned)cell->pos.col);
			quoted(b, cell->text, strlen(cell->text), 12);
		}
		tally_buf_printf(b, " @%u\n",
		    (unsigned)tally_table_cell(k->table, r, 0)->pos.line);
	}
}

static void
dump_section(struct tally_buf *b, const struct tally_section *s, int depth)
{
	const struct tally_section *c;
	const struct tally_block *k;
	size_t i;

	if (s->level > 0) {
		indent(b, depth);
		tally_buf_printf(b, "section h%d", s->level);
		if (s->num.style != TALLY_NUM_NONE)
			tally_buf_printf(b, " %s %d", tally_numstyle_name(s->num.style),
			    s->num.value);
		tally_buf_puts(b, " ");
		quoted(b, s->title, strlen(s->title), 40);
		tally_buf_printf(b, " @%u:%u-%u\n", (unsigned)s->pos.line,
		    (unsigned)s->pos.col, (unsigned)s->end_line);
	}
	for (k = s->first, i = 0; k && i < s->nblocks; k = k->next, i++)
		dump_block(b, k, depth + 1);
	for (c = s->child; c; c = c->next)
		dump_section(b, c, depth + 1);
}

void
tally_report_dump(const struct tally_report *r, struct tally_buf *b)
{
	struct tally_arena tmp = TALLY_ARENA_INIT;
	const struct tally_link *l;

	tally_buf_printf(b, "report %s\n", r->path);
	if (r->unit_id)
		tally_buf_printf(b, "  unit %s, directory year %d, slug %s\n",
		    r->unit_id, r->dir_year, r->slug);
	if (r->type)
		tally_buf_printf(b, "  type %s%s%s%s\n", r->type,
		    r->schema ? " (" : " (unknown type)",
		    r->schema && r->schema->name ? r->schema->name : "",
		    r->schema ? ")" : "");
	if (r->front) {
		tally_buf_printf(b, "front matter, lines %u-%u\n",
		    (unsigned)r->split.yaml_line,
		    (unsigned)(r->split.body_line > 1 ? r->split.body_line - 1 : 1));
		dump_fact(b, &tmp, r->front, 1);
	} else {
		tally_buf_puts(b, "front matter: none\n");
	}
	tally_arena_free(&tmp);
	if (!r->parsed)
		return;
	tally_buf_printf(b, "outline, body from line %u, %zu blocks\n",
	    (unsigned)r->split.body_line, r->outline.nblocks);
	dump_section(b, &r->outline.root, 0);
	for (l = r->outline.links; l; l = l->next)
		tally_buf_printf(b, "  %s %s @%u:%u\n", l->image ? "image" : "link",
		    l->url, (unsigned)l->pos.line, (unsigned)l->pos.col);
}
