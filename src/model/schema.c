/*
 * schema.c - report types as data.  A schema file (schemas/<type>.yaml)
 * declares a type's sections, fields, rules, grade bands and thresholds
 * (DESIGN section 3).  Loading validates it strictly, because a typo in a
 * schema silently disables checks: unknown keys, malformed paths, duplicate
 * sections and bad values are errors with the file's line and column.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "../diag/diag.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif
/* x86-64 machines with AVX2 (checked once a schema is indexed) look for
 * the anchors of the short prompts 32 bytes at a time; the results are
 * those of the SSE2 code, which -DTALLY_NO_AVX2 keeps alone (to test
 * it). */
#if defined(__GNUC__) && defined(__x86_64__) && defined(__SSE2__) && \
    !defined(TALLY_NO_AVX2)
#include <immintrin.h>
#define RUN_AVX2 1
#endif

struct sctx {
	struct tally_arena *arena;
	const char *path;
	struct tally_diags *diags;
	int errors;
};

static void
err_at(struct sctx *c, struct tally_pos pos, const char *zh, const char *en,
    const char *arg)
{
	tally_diag_config(c->diags, c->path, pos.line, pos.col, zh, en,
	    arg ? arg : "");
	c->errors++;
}

/* Checks that every key of map is one of allowed (NULL-terminated). */
static void
check_keys(struct sctx *c, const struct tally_fact *map, const char *const *allowed,
    const char *where)
{
	const struct tally_fact *k;
	size_t i;

	for (k = map->child; k; k = k->next) {
		int ok = 0;
		for (i = 0; allowed[i]; i++)
			if (strcmp(k->key, allowed[i]) == 0)
				ok = 1;
		if (!ok) {
			char msg[200];
			snprintf(msg, sizeof(msg), "%s (%s)", k->key, where);
			err_at(c, k->key_pos, "未知的键 %s", "unknown key %s", msg);
		}
	}
}

int
tally_path_valid(const char *path)
{
	const char *p = path;

	if (path == NULL || *path == '\0')
		return 0;
	for (;;) {
		if (isdigit((unsigned char)*p)) {
			while (isdigit((unsigned char)*p))
				p++;
		} else if (isalpha((unsigned char)*p) || *p == '_') {
			while (isalnum((unsigned char)*p) || *p == '_' ||
			    *p == '-')
				p++;
		} else {
			return 0;
		}
		if (*p == '\0')
			return 1;
		if (*p != '.')
			return 0;
		p++;
	}
}

static const char *
scalar_text(struct sctx *c, const struct tally_fact *f, const char *what)
{
	if (!tally_fact_is_scalar(f)) {
		err_at(c, f->pos, "%s 应为文本", "%s must be a scalar", what);
		return NULL;
	}
	return f->text;
}

static int
parse_bool(struct sctx *c, const struct tally_fact *f, int *out)
{
	if (tally_fact_is_scalar(f)) {
		if (!strcmp(f->text, "true") || !strcmp(f->text, "yes")) {
			*out = 1;
			return 0;
		}
		if (!strcmp(f->text, "false") || !strcmp(f->text, "no")) {
			*out = 0;
			return 0;
		}
	}
	err_at(c, f->pos, "%s 应为 true 或 false", "%s must be true or false",
	    f->key ? f->key : "value");
	return -1;
}

/* A list of strings (or a single string) into an arena array. */
static const char **
string_list(struct sctx *c, const struct tally_fact *f, size_t *n, const char *what)
{
	const char **v;
	const struct tally_fact *i;
	size_t k = 0;

	*n = 0;
	if (tally_fact_is_scalar(f)) {
		v = tally_arena_alloc(c->arena, sizeof(*v));
		v[0] = f->text;
		*n = 1;
		return v;
	}
	if (f->kind != TALLY_FACT_SEQ) {
		err_at(c, f->pos, "%s 应为列表", "%s must be a list", what);
		return NULL;
	}
	v = tally_arena_alloc(c->arena, (f->nchild + 1) * sizeof(*v));
	for (i = f->child; i; i = i->next) {
		const char *s = scalar_text(c, i, what);
		if (s)
			v[k++] = s;
	}
	*n = k;
	return v;
}

static int
title_taken(const struct tally_schema_section *secs, size_t n, const char *t)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (strcmp(secs[i].title, t) == 0)
			return 1;
		for (j = 0; j < secs[i].naliases; j++)
			if (strcmp(secs[i].aliases[j], t) == 0)
				return 1;
	}
	return 0;
}

static void load_sections(struct sctx *c, const struct tally_fact *list,
    struct tally_schema_section **out, size_t *n, int depth);

static void
load_section(struct sctx *c, const struct tally_fact *f,
    struct tally_schema_section *secs, size_t *k, int depth)
{
	static const char *const keys[] = {"title", "aliases", "optional",
	    "sections", NULL};
	struct tally_schema_section *s = &secs[*k];
	const struct tally_fact *t, *a, *o, *sub;
	size_t j;

	if (tally_fact_is_scalar(f)) {
		/* shorthand: a bare title */
		if (title_taken(secs, *k, f->text)) {
			err_at(c, f->pos, "重复的章节 %s", "duplicate section %s",
			    f->text);
			return;
		}
		s->title = f->text;
		s->pos = f->pos;
		(*k)++;
		return;
	}
	if (f->kind != TALLY_FACT_MAP) {
		err_at(c, f->pos, "章节应为映射%s", "a section must be a mapping%s",
		    "");
		return;
	}
	check_keys(c, f, keys, "sections");
	t = tally_fact_get(f, "title");
	if (t == NULL || !tally_fact_is_scalar(t)) {
		err_at(c, f->pos, "章节缺少 title%s", "section without a title%s",
		    "");
		return;
	}
	s->title = t->text;
	s->pos = t->pos;
	if ((a = tally_fact_get(f, "aliases")) != NULL)
		s->aliases = string_list(c, a, &s->naliases, "aliases");
	if ((o = tally_fact_get(f, "optional")) != NULL)
		parse_bool(c, o, &s->optional);
	if (title_taken(secs, *k, s->title)) {
		err_at(c, t->pos, "重复的章节 %s", "duplicate section %s", s->title);
		return;
	}
	for (j = 0; j < s->naliases; j++)
		if (title_taken(secs, *k, s->aliases[j]) ||
		    strcmp(s->aliases[j], s->title) == 0) {
			err_at(c, a->pos, "别名 %s 与其他章节重复",
			    "alias %s duplicates another section",
			    s->aliases[j]);
		}
	if ((sub = tally_fact_get(f, "sections")) != NULL)
		load_sections(c, sub, &s->sections, &s->nsections, depth + 1);
	(*k)++;
}

static void
load_sections(struct sctx *c, const struct tally_fact *list,
    struct tally_schema_section **out, size_t *n, int depth)
{
	const struct tally_fact *f;
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (list->kind != TALLY_FACT_SEQ) {
		err_at(c, list->pos, "sections 应为列表%s",
		    "sections must be a list%s", "");
		return;
	}
	if (depth > 6) {
		err_at(c, list->pos, "章节嵌套过深%s", "sections nested too deep%s",
		    "");
		return;
	}
	*out = tally_arena_alloc(c->arena, (list->nchild + 1) * sizeof(**out));
	for (f = list->child; f; f = f->next)
		load_section(c, f, *out, &k, depth);
	*n = k;
}

static const struct {
	const char *name;
	enum tally_field_kind kind;
} field_kinds[] = {
	{"money", TALLY_FIELD_MONEY}, {"count", TALLY_FIELD_COUNT},
	{"percent", TALLY_FIELD_PERCENT}, {"number", TALLY_FIELD_NUMBER},
	{"text", TALLY_FIELD_TEXT}, {"date", TALLY_FIELD_DATE},
};

static void
load_fields(struct sctx *c, const struct tally_fact *map, struct tally_schema *s)
{
	static const char *const keys[] = {"label", "aliases", "kind",
	    "required", NULL};
	const struct tally_fact *f, *v;
	size_t k = 0, i;

	if (map->kind != TALLY_FACT_MAP) {
		err_at(c, map->pos, "fields 应为映射%s", "fields must be a mapping%s",
		    "");
		return;
	}
	s->fields = tally_arena_alloc(c->arena, (map->nchild + 1) * sizeof(*s->fields));
	for (f = map->child; f; f = f->next) {
		struct tally_schema_field *fd = &s->fields[k];
		if (!tally_path_valid(f->key)) {
			err_at(c, f->key_pos, "路径格式错误：%s",
			    "malformed path: %s", f->key);
			continue;
		}
		fd->path = f->key;
		fd->pos = f->key_pos;
		fd->kind = TALLY_FIELD_NUMBER;
		if (tally_fact_is_scalar(f)) {
			fd->label = f->text; /* shorthand: path: label */
			k++;
			continue;
		}
		if (f->kind != TALLY_FACT_MAP) {
			err_at(c, f->pos, "字段 %s 应为映射", "field %s must be a mapping",
			    f->key);
			continue;
		}
		check_keys(c, f, keys, "fields");
		if ((v = tally_fact_get(f, "label")) != NULL)
			fd->label = scalar_text(c, v, "label");
		if ((v = tally_fact_get(f, "aliases")) != NULL)
			fd->aliases = string_list(c, v, &fd->naliases, "aliases");
		if ((v = tally_fact_get(f, "required")) != NULL)
			parse_bool(c, v, &fd->required);
		if ((v = tally_fact_get(f, "kind")) != NULL) {
			int found = 0;
			for (i = 0; i < sizeof(field_kinds) / sizeof(field_kinds[0]); i++)
				if (tally_fact_is_scalar(v) &&
				    strcmp(v->text, field_kinds[i].name) == 0) {
					fd->kind = field_kinds[i].kind;
					found = 1;
				}
			if (!found)
				err_at(c, v->pos,
				    "未知的字段类型 %s（可用：money、count、percent、number、text、date）",
				    "unknown field kind %s (money, count, percent, number, text, date)",
				    v->text);
		}
		k++;
	}
	s->nfields = k;
}

static const struct {
	const char *key;
	enum tally_rule_kind kind;
	size_t min, max; /* operand count */
	int needs_equals;
} rule_kinds[] = {
	{"ratio", TALLY_RULE_RATIO, 2, 2, 1},
	{"sum", TALLY_RULE_SUM, 1, 64, 1},
	{"difference", TALLY_RULE_DIFFERENCE, 2, 2, 1},
	{"equal", TALLY_RULE_EQUAL, 2, 2, 0},
	{"shares", TALLY_RULE_SHARES, 2, 64, 0},
};

/* Loads one rule (schema `rules` item or report `checks` item).  Shared
 * with the report loader through tally_rule_parse in report.c's use. */
static int
load_rule(struct sctx *c, const struct tally_fact *f, struct tally_schema_rule *r)
{
	static const char *const keys[] = {"id", "ratio", "sum", "difference",
	    "equal", "shares", "equals", NULL};
	const struct tally_fact *v, *ops = NULL;
	size_t i, which = 0, found = 0;

	if (f->kind != TALLY_FACT_MAP) {
		err_at(c, f->pos, "规则应为映射%s", "a rule must be a mapping%s", "");
		return -1;
	}
	check_keys(c, f, keys, "rules");
	r->pos = f->pos;
	if ((v = tally_fact_get(f, "id")) != NULL)
		r->id = scalar_text(c, v, "id");
	for (i = 0; i < sizeof(rule_kinds) / sizeof(rule_kinds[0]); i++)
		if ((v = tally_fact_get(f, rule_kinds[i].key)) != NULL) {
			ops = v;
			which = i;
			found++;
		}
	if (found != 1) {
		err_at(c, f->pos,
		    "规则须恰好含 ratio、sum、difference、equal、shares 之一%s",
		    "a rule needs exactly one of ratio, sum, difference, equal, shares%s",
		    "");
		return -1;
	}
	r->kind = rule_kinds[which].kind;
	r->operands = string_list(c, ops, &r->noperands, rule_kinds[which].key);
	if (r->operands == NULL)
		return -1;
	if (r->noperands < rule_kinds[which].min ||
	    r->noperands > rule_kinds[which].max) {
		err_at(c, ops->pos, "%s 的操作数个数不对",
		    "%s has the wrong number of operands", rule_kinds[which].key);
		return -1;
	}
	for (i = 0; i < r->noperands; i++)
		if (!tally_path_valid(r->operands[i]))
			err_at(c, ops->pos, "路径格式错误：%s", "malformed path: %s",
			    r->operands[i]);
	v = tally_fact_get(f, "equals");
	if (rule_kinds[which].needs_equals) {
		if (v == NULL || !tally_fact_is_scalar(v)) {
			err_at(c, f->pos, "%s 规则缺少 equals",
			    "%s rule without equals", rule_kinds[which].key);
			return -1;
		}
		r->equals = v->text;
		if (!tally_path_valid(r->equals))
			err_at(c, v->pos, "路径格式错误：%s", "malformed path: %s",
			    r->equals);
	} else if (v != NULL) {
		err_at(c, v->pos, "%s 规则不用 equals", "%s rule takes no equals",
		    rule_kinds[which].key);
	}
	return 0;
}

static void
load_rules(struct sctx *c, const struct tally_fact *list,
    struct tally_schema_rule **out, size_t *n)
{
	const struct tally_fact *f;
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (list->kind != TALLY_FACT_SEQ) {
		err_at(c, list->pos, "rules 应为列表%s", "rules must be a list%s", "");
		return;
	}
	*out = tally_arena_alloc(c->arena, (list->nchild + 1) * sizeof(**out));
	for (f = list->child; f; f = f->next)
		if (load_rule(c, f, &(*out)[k]) == 0)
			k++;
	*n = k;
}

int
tally_rules_load(struct tally_arena *arena, const char *path,
    const struct tally_fact *list, struct tally_schema_rule **out, size_t *n,
    struct tally_diags *diags)
{
	struct sctx c = {arena, path, diags, 0};

	load_rules(&c, list, out, n);
	return c.errors ? -1 : 0;
}

/* Reads a number, allowing a trailing % ("90%"). */
static int
number_value(struct sctx *c, const struct tally_fact *f, struct tally_dec *out)
{
	size_t used = 0, n;

	if (tally_fact_is_scalar(f)) {
		n = strlen(f->text);
		if (tally_dec_parse(f->text, n, out, &used) == TALLY_DEC_OK &&
		    (used == n || (strcmp(f->text + used, "%") == 0)))
			return 0;
	}
	err_at(c, f->pos, "%s 应为数值", "%s must be a number",
	    f->key ? f->key : "value");
	return -1;
}

static int
cmp_grade(const void *a, const void *b)
{
	const struct tally_grade *x = a, *y = b;
	return tally_dec_cmp(y->min, x->min);
}

static void
load_grades(struct sctx *c, const struct tally_fact *map, struct tally_schema *s)
{
	const struct tally_fact *f;
	size_t k = 0;

	if (map->kind != TALLY_FACT_MAP) {
		err_at(c, map->pos, "grades 应为映射%s", "grades must be a mapping%s",
		    "");
		return;
	}
	s->grades = tally_arena_alloc(c->arena, (map->nchild + 1) * sizeof(*s->grades));
	for (f = map->child; f; f = f->next) {
		if (number_value(c, f, &s->grades[k].min) < 0)
			continue;
		s->grades[k].name = f->key;
		k++;
	}
	s->ngrades = k;
	qsort(s->grades, k, sizeof(*s->grades), cmp_grade);
}

static const char *
basename_noext(struct tally_arena *a, const char *path)
{
	const char *b = strrchr(path, '/');
	const char *dot;

	b = b ? b + 1 : path;
	dot = strrchr(b, '.');
	return tally_arena_strndup(a, b, dot ? (size_t)(dot - b) : strlen(b));
}

/* --------------------------------------------------------------------
 * Titles as they are matched (headings against schema sections)
 * ------------------------------------------------------------------ */

/* Writes the normalized form of s[0..n) into out (at least n + 1 bytes:
 * normalizing never lengthens, so out may be s) and returns its length:
 * spaces dropped (U+0020, tab, U+3000, U+00A0), （） written as (), and
 * what a title may end with and still be the same title stripped: 。 ．
 * . ： : ， , ； ; ("（三）部门工作完成情况。", "(一)评价结论.", "项目
 * 资金的到位情况：").  It works on bytes, not code points: it runs over
 * every heading of every report. */
size_t
tally_title_normalize(const char *s, size_t n, char *out)
{
	const unsigned char *u;
	size_t i = 0, o = 0, keep = 0, l;
	int punct;

	while (i < n) {
		u = (const unsigned char *)s + i;
		punct = 0;
		if (u[0] < 0x80) {
			if (u[0] == ' ' || u[0] == '\t') {
				i++;
				continue;
			}
			punct = u[0] == '.' || u[0] == ':' || u[0] == ',' ||
			    u[0] == ';';
			out[o++] = (char)u[0];
			i++;
			if (!punct)
				keep = o;
			continue;
		}
		if (u[0] >= 0xE4 && u[0] <= 0xE9 && n - i >= 3) {
			/* A CJK ideograph, most of every title: kept. */
			out[o] = s[i];
			out[o + 1] = s[i + 1];
			out[o + 2] = s[i + 2];
			o += 3;
			i += 3;
			keep = o;
			continue;
		}
		l = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 1;
		if (l > n - i)
			l = n - i;
		if (l == 2 && u[0] == 0xC2 && u[1] == 0xA0) {
			i += 2;
			continue;
		}
		if (l == 3 && u[0] == 0xE3 && u[1] == 0x80) {
			if (u[2] == 0x80) {
				i += 3;
				continue;
			}
			punct = u[2] == 0x82; /* 。 */
		} else if (l == 3 && u[0] == 0xEF && u[1] == 0xBC) {
			if (u[2] == 0x88 || u[2] == 0x89) {
				out[o++] = u[2] == 0x88 ? '(' : ')';
				keep = o;
				i += 3;
				continue;
			}
			/* ． ： ， ； */
			punct = u[2] == 0x8E || u[2] == 0x9A || u[2] == 0x8C ||
			    u[2] == 0x9B;
		}
		/* Forward, byte by byte: out may be s, never ahead of it. */
		while (l-- > 0)
			out[o++] = s[i++];
		if (!punct)
			keep = o;
	}
	out[keep] = '\0';
	return keep;
}

uint32_t
tally_title_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}


/* --------------------------------------------------------------------
 * Look-up tables made once per schema (struct tally_schema_index)
 * ------------------------------------------------------------------ */

/*
 * Field paths.  Every report resolves every field of its schema to a fact
 * (the figure rules read them all), and the paths share their prefixes
 * (figures.budget.initial, figures.budget.adjusted, …).  The paths are
 * kept as a tree of segments, parents before children, so that a report
 * resolves each distinct prefix once with one member look-up and no
 * string is split or compared beyond the segment itself.
 *
 * Prompts.  The template prompts are looked for in every block of every
 * report, so the search must not cost a look at every character.  The
 * long prompts (most of them) are found together by Wu-Manber's method,
 * which slides a window as long as the shortest of them and skips ahead
 * by what a table of three-byte blocks allows: in Chinese text it looks
 * at about one byte in (window - 2).  The shorter ones ("XXX", "×××", "请填
 * 写", "此处填写") would shorten that window, so they are found by one
 * of their bytes instead, an anchor chosen to be rare in Chinese text (an
 * ASCII letter or bracket, a Latin-1 lead byte, else the last byte of
 * their last ideograph): up to three anchor bytes are looked for together,
 * sixteen bytes at a time with SSE2.  The window grows as long as the
 * prompts it leaves out need no more than three anchors.  Prompts shorter
 * than three bytes are not looked for: they would be found everywhere.
 *
 * The answer is the earliest start; at one start, the earlier prompt of
 * schema order among those of PROMPT_LONG bytes or more, else the earlier
 * of the shorter ones (the order the two searches once ran in).
 */
#define PROMPT_LONG 9    /* bytes: the shorter rank after the longer */
#define ANCHOR_MAX 3     /* anchor bytes looked for together */
#define PROMPT_M_MAX 64  /* window cap, so that a shift fits a byte */
#define SHIFT_BITS 15
#define SEGMENT_MAX 128  /* a longer segment names nothing (as in
                          * tally_fact_path) */

struct path_node {
	size_t parent;       /* index of the parent node; node 0 is the root */
	const char *seg;     /* the segment (not NUL-terminated) */
	size_t len;          /* 0: a segment that names nothing */
};

/* The names of one schema section, normalized. */
struct names_entry {
	const struct tally_schema_section *ss;
	const char **keys;
	uint32_t *hashes;
	size_t n;
};

struct tally_schema_index {
	size_t *field_at;    /* open hash of field paths: index + 1, 0 empty */
	size_t field_mask;
	/* the field of each rule operand: rule i's operand k (k = noperands:
	 * its equals) at rule_field[rule_first[i] + k], index + 1, 0 none */
	size_t *rule_first;
	size_t *rule_field;
	struct names_entry *names; /* open hash on the section's address */
	size_t names_mask;
	struct path_node *nodes;
	size_t nnodes;
	size_t *field_node;  /* node of each field */
	size_t *plen;        /* length of each prompt */
	uint16_t *tail;      /* block hash of a long prompt's window end */
	size_t *longs;       /* the window's prompts, in schema order */
	size_t nlong;
	size_t *shorts;      /* the anchored ones (3 to m - 1 bytes) */
	size_t nshort;
	size_t *aoff;        /* offset of each anchored prompt's anchor */
	size_t aoff_max;     /* the largest of them */
	size_t m;            /* window: the shortest long prompt; 0: none */
	unsigned char anchor[ANCHOR_MAX]; /* the anchor bytes (repeated) */
	size_t nanchor;
	unsigned char is_anchor[256];
	/* bit (b << 8 | a): an anchored prompt has anchor byte a after byte
	 * b (every b when its anchor is its first byte) */
	uint64_t anchor_pair[65536 / 64];
	unsigned char shift[1u << SHIFT_BITS];
	/* bit h: shift[h] is below the default (m - 2), that is the block
	 * is one of a long prompt's.  An eighth of shift's size, it stays in
	 * the first-level cache, where shift (read for one block in many)
	 * would not: the scan is a chain of these loads. */
	uint64_t near[(1u << SHIFT_BITS) / 64];
	int avx2;            /* the anchors looked for 32 bytes at a time */
};

/* Three bytes hashed to SHIFT_BITS bits: the block that ends at u[2],
 * read with the byte before it (w, low byte first), which the hash
 * drops.  A block of three bytes is a whole Chinese character at one
 * offset in three, which few of a report's characters share with the
 * prompts (a block of two, half a character, stopped the skipping at one
 * window in five). */
static unsigned
block_hash_w(uint32_t w)
{
	return (unsigned)(((w >> 8) * UINT32_C(0x9E3779B1)) >> (32 - SHIFT_BITS));
}

/* The block ending at u[i], 3 <= i: one load where the bytes allow. */
static unsigned
block_hash(const unsigned char *u, size_t i)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t w;

	memcpy(&w, u + i - 3, sizeof(w));
	return block_hash_w(w);
#else
	return block_hash_w((uint32_t)u[i - 3] | (uint32_t)u[i - 2] << 8 |
	    (uint32_t)u[i - 1] << 16 | (uint32_t)u[i] << 24);
#endif
}

/* The block t[0..3) of a prompt (nothing read before it). */
static unsigned
prompt_block_hash(const char *t)
{
	const unsigned char *u = (const unsigned char *)t;

	return block_hash_w((uint32_t)u[0] << 8 | (uint32_t)u[1] << 16 |
	    (uint32_t)u[2] << 24);
}

static void
index_paths(struct tally_arena *arena, const struct tally_schema *s,
    struct tally_schema_index *x)
{
	size_t i, k, cap = 1, n;
	const char *p;

	for (i = 0; i < s->nfields; i++)
		for (cap++, p = s->fields[i].path; *p; p++)
			cap += *p == '.';
	x->nodes = tally_arena_alloc(arena, cap * sizeof(*x->nodes));
	x->field_node = tally_arena_alloc(arena,
	    (s->nfields + 1) * sizeof(*x->field_node));
	x->nnodes = 1; /* the root */
	for (i = 0; i < s->nfields; i++) {
		size_t at = 0;

		for (p = s->fields[i].path; *p;) {
			for (n = 0; p[n] != '\0' && p[n] != '.'; n++)
				;
			for (k = 1; k < x->nnodes; k++)
				if (x->nodes[k].parent == at &&
				    x->nodes[k].len == n &&
				    memcmp(x->nodes[k].seg, p, n) == 0)
					break;
			if (k == x->nnodes) {
				x->nodes[k].parent = at;
				x->nodes[k].seg = p;
				x->nodes[k].len = n < SEGMENT_MAX ? n : 0;
				x->nnodes++;
			}
			at = k;
			p += n;
			if (*p == '.')
				p++;
		}
		x->field_node[i] = at;
	}
}

/* The byte a prompt of n bytes is found by (its offset): the first byte
 * that is rare in Chinese text (ASCII but digits and spaces, a lead byte
 * of two), else the last byte of its last ideograph (lead E4..E9), else
 * its last byte. */
static size_t
anchor_of(const char *t, size_t n)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t i, last = n - 1;

	for (i = 0; i < n; i++)
		if ((u[i] < 0x80 && u[i] != ' ' && u[i] != '\t' &&
		    !(u[i] >= '0' && u[i] <= '9')) ||
		    (u[i] >= 0xC2 && u[i] <= 0xDF))
			return i;
	for (i = n; i >= 3; i--)
		if (u[i - 3] >= 0xE4 && u[i - 3] <= 0xE9)
			return i - 1;
	return last;
}

/* Distinct anchor bytes of the prompts of 3 to m - 1 bytes. */
static size_t
anchors_below(const struct tally_schema *s, const size_t *plen, size_t m,
    unsigned char *seen)
{
	size_t k, count = 0;
	unsigned char c;

	memset(seen, 0, 256);
	for (k = 0; k < s->nprompts; k++) {
		if (plen[k] < 3 || plen[k] >= m)
			continue;
		c = (unsigned char)s->prompts[k][anchor_of(s->prompts[k],
		    plen[k])];
		if (!seen[c]) {
			seen[c] = 1;
			count++;
		}
	}
	return count;
}

static void
index_prompts(struct tally_arena *arena, const struct tally_schema *s,
    struct tally_schema_index *x)
{
	size_t k, j, i, n = s->nprompts, m;
	unsigned char seen[256];
	const char *t;
	unsigned h;

	if (n == 0)
		return;
	x->plen = tally_arena_alloc(arena, 4 * n * sizeof(*x->plen));
	x->longs = x->plen + n;
	x->shorts = x->longs + n;
	x->aoff = x->shorts + n;
	x->tail = tally_arena_alloc(arena, n * sizeof(*x->tail));
	for (k = 0; k < n; k++)
		x->plen[k] = strlen(s->prompts[k]);
	/* The window: the longest prompt length from PROMPT_LONG on (at
	 * most PROMPT_M_MAX) that leaves no more anchors than can be
	 * looked for together; the prompts of PROMPT_LONG bytes or more
	 * are all in the window when that cannot be. */
	m = PROMPT_LONG;
	for (;;) {
		size_t next = SIZE_MAX;

		for (k = 0; k < n; k++)
			if (x->plen[k] > m && x->plen[k] < next)
				next = x->plen[k];
		if (next == SIZE_MAX || next > PROMPT_M_MAX ||
		    anchors_below(s, x->plen, next, seen) > ANCHOR_MAX)
			break;
		m = next;
	}
	for (k = 0; k < n; k++) {
		if (x->plen[k] >= m) {
			x->longs[x->nlong++] = k;
			if (x->m == 0 || x->plen[k] < x->m)
				x->m = x->plen[k];
		}
	}
	for (k = 0; k < n; k++)
		if (x->plen[k] >= 3 && x->plen[k] < m) {
			x->aoff[k] = anchor_of(s->prompts[k], x->plen[k]);
			if (x->aoff[k] > x->aoff_max)
				x->aoff_max = x->aoff[k];
			x->shorts[x->nshort++] = k;
		}
	for (j = 0; j < x->nshort; j++) {
		k = x->shorts[j];
		h = (unsigned char)s->prompts[k][x->aoff[k]];
		if (!x->is_anchor[h]) {
			x->is_anchor[h] = 1;
			if (x->nanchor < ANCHOR_MAX)
				x->anchor[x->nanchor] = (unsigned char)h;
			x->nanchor++;
		}
	}
	for (j = 0; j < x->nshort; j++) {
		unsigned lo, hi;

		k = x->shorts[j];
		h = (unsigned char)s->prompts[k][x->aoff[k]];
		lo = x->aoff[k] > 0 ?
		    (unsigned char)s->prompts[k][x->aoff[k] - 1] : 0;
		hi = x->aoff[k] > 0 ? lo : 255;
		for (i = lo; i <= hi; i++)
			x->anchor_pair[(i << 8 | h) / 64] |=
			    UINT64_C(1) << ((i << 8 | h) % 64);
	}
	for (j = x->nanchor; j < ANCHOR_MAX && x->nanchor > 0; j++)
		x->anchor[j] = x->anchor[0];
#ifdef RUN_AVX2
	x->avx2 = __builtin_cpu_supports("avx2");
#endif
	if (x->m > PROMPT_M_MAX)
		x->m = PROMPT_M_MAX;
	memset(x->shift, (int)(x->m ? x->m - 2 : 0), sizeof(x->shift));
	for (j = 0; j < x->nlong; j++) {
		k = x->longs[j];
		t = s->prompts[k];
		for (i = 2; i < x->m; i++) {
			h = prompt_block_hash(t + i - 2);
			/* every value below the default m - 2: near */
			if (x->shift[h] > x->m - 1 - i) {
				x->shift[h] = (unsigned char)(x->m - 1 - i);
				x->near[h / 64] |= UINT64_C(1) << (h % 64);
			}
		}
		x->tail[k] = (uint16_t)prompt_block_hash(t + x->m - 3);
	}
}

static size_t
names_slot(const struct tally_schema_section *ss, size_t mask)
{
	uintptr_t h = (uintptr_t)ss;

	h ^= h >> 17;
	h *= (uintptr_t)0x9E3779B97F4A7C15ull;
	h ^= h >> 29;
	return (size_t)h & mask;
}

static size_t
count_sections(const struct tally_schema_section *ss, size_t n)
{
	size_t k, total = n;

	for (k = 0; k < n; k++)
		total += count_sections(ss[k].sections, ss[k].nsections);
	return total;
}

static void
index_names_of(struct tally_arena *arena, struct tally_schema_index *x,
    const struct tally_schema_section *ss, size_t n)
{
	size_t k, j, len, i;

	for (k = 0; k < n; k++) {
		struct names_entry *e;

		i = names_slot(&ss[k], x->names_mask);
		while (x->names[i].ss != NULL)
			i = (i + 1) & x->names_mask;
		e = &x->names[i];
		e->ss = &ss[k];
		e->n = ss[k].naliases + 1;
		e->keys = tally_arena_alloc(arena, e->n * sizeof(*e->keys));
		e->hashes = tally_arena_alloc(arena, e->n * sizeof(*e->hashes));
		for (j = 0; j < e->n; j++) {
			const char *name = j == 0 ? ss[k].title :
			    ss[k].aliases[j - 1];
			char *key;

			len = strlen(name);
			key = tally_arena_alloc(arena, len + 1);
			len = tally_title_normalize(name, len, key);
			e->keys[j] = key;
			e->hashes[j] = tally_title_hash(key, len);
		}
		index_names_of(arena, x, ss[k].sections, ss[k].nsections);
	}
}

static void
index_names(struct tally_arena *arena, const struct tally_schema *s,
    struct tally_schema_index *x)
{
	size_t cap = 16, n = count_sections(s->sections, s->nsections);

	while (cap < 2 * n)
		cap *= 2;
	x->names_mask = cap - 1;
	x->names = tally_arena_alloc(arena, cap * sizeof(*x->names));
	index_names_of(arena, x, s->sections, s->nsections);
}

size_t
tally_schema_section_names(const struct tally_schema *s,
    const struct tally_schema_section *ss, const char *const **keys,
    const uint32_t **hashes)
{
	const struct tally_schema_index *x = s->index;
	size_t i = names_slot(ss, x->names_mask);

	while (x->names[i].ss != NULL) {
		if (x->names[i].ss == ss) {
			*keys = x->names[i].keys;
			*hashes = x->names[i].hashes;
			return x->names[i].n;
		}
		i = (i + 1) & x->names_mask;
	}
	*keys = NULL;
	*hashes = NULL;
	return 0;
}

static void
index_fields(struct tally_arena *arena, const struct tally_schema *s,
    struct tally_schema_index *x)
{
	size_t cap = 16, i, k;

	while (cap < 2 * s->nfields)
		cap *= 2;
	x->field_mask = cap - 1;
	x->field_at = tally_arena_alloc(arena, cap * sizeof(*x->field_at));
	for (i = 0; i < s->nfields; i++) {
		const char *p = s->fields[i].path;

		k = tally_title_hash(p, strlen(p)) & x->field_mask;
		while (x->field_at[k] != 0) {
			/* the first field of a path wins, as in a scan */
			if (strcmp(s->fields[x->field_at[k] - 1].path, p) == 0)
				break;
			k = (k + 1) & x->field_mask;
		}
		if (x->field_at[k] == 0)
			x->field_at[k] = i + 1;
	}
}

static const struct tally_schema_field *field_lookup(
    const struct tally_schema *s, const struct tally_schema_index *x,
    const char *path);

/* The field of every rule operand, looked up once. */
static void
index_rules(struct tally_arena *arena, const struct tally_schema *s,
    struct tally_schema_index *x)
{
	size_t i, k, total = 0;

	x->rule_first = NULL;
	x->rule_field = NULL;
	if (s->nrules == 0)
		return;
	x->rule_first = tally_arena_alloc(arena, s->nrules *
	    sizeof(*x->rule_first));
	for (i = 0; i < s->nrules; i++) {
		x->rule_first[i] = total;
		total += s->rules[i].noperands + 1;
	}
	x->rule_field = tally_arena_alloc(arena, total * sizeof(*x->rule_field));
	for (i = 0; i < s->nrules; i++) {
		const struct tally_schema_rule *rule = &s->rules[i];

		for (k = 0; k <= rule->noperands; k++) {
			const char *path = k < rule->noperands ?
			    rule->operands[k] : rule->equals;
			const struct tally_schema_field *fd = path != NULL ?
			    field_lookup(s, x, path) : NULL;

			x->rule_field[x->rule_first[i] + k] = fd != NULL ?
			    (size_t)(fd - s->fields) + 1 : 0;
		}
	}
}

static const struct tally_schema_index *
index_build(struct tally_arena *arena, const struct tally_schema *s)
{
	struct tally_schema_index *x = tally_arena_alloc(arena, sizeof(*x));

	index_fields(arena, s, x);
	index_rules(arena, s, x);
	index_names(arena, s, x);
	index_paths(arena, s, x);
	index_prompts(arena, s, x);
	return x;
}

void
tally_schema_resolve(const struct tally_schema *s,
    const struct tally_fact *front, const struct tally_fact **facts)
{
	const struct tally_schema_index *x = s->index;
	const struct tally_fact *local[128], **nf = local, *p;
	size_t k, i;

	if (x->nnodes > sizeof(local) / sizeof(local[0]))
		nf = xmalloc(x->nnodes * sizeof(*nf));
	nf[0] = front;
	for (k = 1; k < x->nnodes; k++) {
		const struct path_node *nd = &x->nodes[k];

		p = nf[nd->parent];
		if (p == NULL || nd->len == 0)
			nf[k] = NULL;
		else
			nf[k] = tally_fact_segment(p, nd->seg, nd->len);
	}
	for (i = 0; i < s->nfields; i++)
		facts[i] = nf[x->field_node[i]];
	if (nf != local)
		free(nf);
}

/* The rank of prompt k among those found at one start: the earlier wins. */
static size_t
prompt_rank(const struct tally_schema *s, size_t k)
{
	return (s->index->plen[k] >= PROMPT_LONG ? 0 : s->nprompts) + k;
}

/* Whether text[i] and the byte before it can be an anchor and the byte
 * before it in some anchored prompt: most anchor bytes of Chinese text are
 * the last byte of another ideograph. */
static inline int
anchor_pair_at(const struct tally_schema_index *x, const unsigned char *u,
    size_t i)
{
	unsigned b;

	if (i == 0)
		return 1;
	b = (unsigned)u[i - 1] << 8 | u[i];
	return (int)(x->anchor_pair[b / 64] >> (b % 64)) & 1;
}

/* Tries the anchored prompts whose anchor is text[i]: lowers *best (with
 * *which) to a start before it, or to one at it that ranks before *which. */
static void
try_anchor(const struct tally_schema *s, const char *text, size_t n,
    size_t i, size_t *best, size_t *which)
{
	const struct tally_schema_index *x = s->index;
	size_t j, k, start;

	for (j = 0; j < x->nshort; j++) {
		k = x->shorts[j];
		if (s->prompts[k][x->aoff[k]] != text[i] || x->aoff[k] > i)
			continue;
		start = i - x->aoff[k];
		if (start > *best || x->plen[k] > n - start ||
		    memcmp(text + start, s->prompts[k], x->plen[k]) != 0)
			continue;
		if (start < *best || prompt_rank(s, k) < prompt_rank(s, *which)) {
			*best = start;
			*which = k;
		}
	}
}

#ifdef RUN_AVX2
/* find_anchored's scan over the whole 32-byte blocks of text[0..n), in
 * order: returns where it stopped (n when nothing after can lower
 * *best).  x->nanchor <= ANCHOR_MAX. */
__attribute__((target("avx2"))) static size_t
find_anchored_avx2(const struct tally_schema *s, const char *text, size_t n,
    size_t *best, size_t *which)
{
	const struct tally_schema_index *x = s->index;
	const unsigned char *u = (const unsigned char *)text;
	const __m256i a0 = _mm256_set1_epi8((char)x->anchor[0]);
	const __m256i a1 = _mm256_set1_epi8((char)x->anchor[1]);
	const __m256i a2 = _mm256_set1_epi8((char)x->anchor[2]);
	size_t at, i;
	uint32_t hit;

	for (at = 0; at + 32 <= n; at += 32) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)
		    (u + at));

		hit = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(
		    _mm256_or_si256(_mm256_cmpeq_epi8(v, a0),
		    _mm256_cmpeq_epi8(v, a1)), _mm256_cmpeq_epi8(v, a2)));
		for (; hit != 0; hit &= hit - 1) {
			i = at + (size_t)__builtin_ctz(hit);
			if (*best != SIZE_MAX && i > *best + x->aoff_max)
				return n;
			if (anchor_pair_at(x, u, i))
				try_anchor(s, text, n, i, best, which);
		}
	}
	return at;
}
#endif

/* Lowers *best (with *which) to the earliest start of an anchored prompt
 * in text[0..n), or to one at *best that ranks before *which.  Anchors
 * are looked at in order; none after *best + aoff_max can start a prompt
 * before *best. */
static void
find_anchored(const struct tally_schema *s, const char *text, size_t n,
    size_t *best, size_t *which)
{
	const struct tally_schema_index *x = s->index;
	const unsigned char *u = (const unsigned char *)text;
	size_t i = 0;

#if defined(__SSE2__) && defined(__GNUC__)
	if (x->nanchor <= ANCHOR_MAX && n >= 16) {
		const __m128i a0 = _mm_set1_epi8((char)x->anchor[0]);
		const __m128i a1 = _mm_set1_epi8((char)x->anchor[1]);
		const __m128i a2 = _mm_set1_epi8((char)x->anchor[2]);

		size_t at = 0;
		unsigned hit, seen = 0;

#ifdef RUN_AVX2
		if (x->avx2)
			at = find_anchored_avx2(s, text, n, best, which);
#endif
		for (;;) {
			__m128i v;

			if (at + 16 > n) {
				if (at >= n)
					return;
				/* the last sixteen bytes, those seen masked off */
				seen = (unsigned)(at - (n - 16));
				at = n - 16;
			}
			v = _mm_loadu_si128((const __m128i *)(const void *)(u + at));
			hit = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			    _mm_or_si128(_mm_cmpeq_epi8(v, a0),
			    _mm_cmpeq_epi8(v, a1)),
			    _mm_cmpeq_epi8(v, a2)));
			if (hit != 0) {
				hit &= 0xFFFFu << seen;
				for (; hit != 0; hit &= hit - 1) {
					i = at + (size_t)__builtin_ctz(hit);
					if (*best != SIZE_MAX &&
					    i > *best + x->aoff_max)
						return;
					if (anchor_pair_at(x, u, i))
						try_anchor(s, text, n, i, best,
						    which);
				}
			}
			at += 16;
		}
	}
#endif
	for (; i < n; i++) {
		if (!x->is_anchor[u[i]])
			continue;
		if (*best != SIZE_MAX && i > *best + x->aoff_max)
			return;
		if (anchor_pair_at(x, u, i))
			try_anchor(s, text, n, i, best, which);
	}
}

size_t
tally_schema_find_prompt(const struct tally_schema *s, const char *text,
    size_t n, size_t *which)
{
	const struct tally_schema_index *x = s->index;
	size_t i, j, k, start, far, best = SIZE_MAX;
	unsigned h;

	if (x->plen == NULL)
		return SIZE_MAX;
	/* Windows are tried in order, so the first match is the earliest. */
	far = x->m >= 2 ? x->m - 2 : 0;
	for (i = x->m ? x->m - 1 : n; i < n;) {
		h = block_hash((const unsigned char *)text, i);
		if (!(x->near[h / 64] >> (h % 64) & 1) && far > 0) {
			i += far;
			continue;
		}
		if (x->shift[h] > 0) {
			i += x->shift[h];
			continue;
		}
		start = i + 1 - x->m;
		for (j = 0; j < x->nlong; j++) {
			k = x->longs[j];
			if (x->tail[k] == h && x->plen[k] <= n - start &&
			    memcmp(text + start, s->prompts[k], x->plen[k]) == 0) {
				best = start;
				*which = k;
				break;
			}
		}
		if (best != SIZE_MAX)
			break;
		i++;
	}
	if (x->nshort > 0)
		find_anchored(s, text, n, &best, which);
	return best;
}

int
tally_schema_load(struct tally_arena *arena, const char *path, const char *src,
    size_t len, struct tally_schema **out, struct tally_diags *diags)
{
	static const char *const keys[] = {"id", "name", "sections", "required",
	    "fields", "rules", "grades", "execution_threshold",
	    "indicator_weights", "funds_score", "prompts", NULL};
	struct sctx c = {arena, path, diags, 0};
	struct tally_yaml_error yerr;
	struct tally_fact *root;
	const struct tally_fact *v;
	struct tally_schema *s;
	const char *stem;

	*out = NULL;
	if (tally_facts_parse(arena, src, len, 1, &root, &yerr) < 0) {
		tally_diag_config(diags, path, yerr.pos.line, yerr.pos.col,
		    "YAML 语法错误：%s", "YAML syntax error: %s", yerr.msg);
		return -1;
	}
	if (root->kind != TALLY_FACT_MAP) {
		err_at(&c, root->pos, "模式文件应为映射%s",
		    "a schema file must be a mapping%s", "");
		return -1;
	}
	s = tally_arena_alloc(arena, sizeof(*s));
	s->path = tally_arena_strdup(arena, path);
	s->funds_score = "capped";
	check_keys(&c, root, keys, "schema");

	stem = basename_noext(arena, path);
	v = tally_fact_get(root, "id");
	if (v == NULL || !tally_fact_is_scalar(v)) {
		err_at(&c, root->pos, "缺少 id%s", "missing id%s", "");
	} else {
		s->id = v->text;
		if (strcmp(s->id, stem) != 0)
			err_at(&c, v->pos, "id 应与文件名一致：%s",
			    "id must match the file name: %s", stem);
	}
	if ((v = tally_fact_get(root, "name")) != NULL)
		s->name = scalar_text(&c, v, "name");
	if ((v = tally_fact_get(root, "sections")) != NULL)
		load_sections(&c, v, &s->sections, &s->nsections, 0);
	if ((v = tally_fact_get(root, "required")) != NULL)
		s->required = string_list(&c, v, &s->nrequired, "required");
	if ((v = tally_fact_get(root, "fields")) != NULL)
		load_fields(&c, v, s);
	if ((v = tally_fact_get(root, "rules")) != NULL)
		load_rules(&c, v, &s->rules, &s->nrules);
	if ((v = tally_fact_get(root, "grades")) != NULL)
		load_grades(&c, v, s);
	if ((v = tally_fact_get(root, "execution_threshold")) != NULL &&
	    number_value(&c, v, &s->execution_threshold) == 0)
		s->has_execution_threshold = 1;
	if ((v = tally_fact_get(root, "indicator_weights")) != NULL &&
	    number_value(&c, v, &s->indicator_weights) == 0)
		s->has_indicator_weights = 1;
	if ((v = tally_fact_get(root, "funds_score")) != NULL) {
		const char *t = scalar_text(&c, v, "funds_score");
		if (t && strcmp(t, "capped") != 0)
			err_at(&c, v->pos, "未知的 funds_score 公式 %s（可用：capped）",
			    "unknown funds_score formula %s (known: capped)", t);
		else if (t)
			s->funds_score = t;
	}
	if ((v = tally_fact_get(root, "prompts")) != NULL)
		s->prompts = string_list(&c, v, &s->nprompts, "prompts");

	if (c.errors)
		return -1;
	s->index = index_build(arena, s);
	*out = s;
	return 0;
}

const struct tally_schema_field *
tally_schema_field(const struct tally_schema *s, const char *path)
{
	if (s == NULL || s->nfields == 0)
		return NULL;
	return field_lookup(s, s->index, path);
}

const struct tally_schema_field *
tally_schema_rule_field(const struct tally_schema *s, size_t rule, size_t k)
{
	const struct tally_schema_index *x = s->index;
	size_t at;

	if (rule >= s->nrules || k > s->rules[rule].noperands ||
	    x->rule_field == NULL)
		return NULL;
	at = x->rule_field[x->rule_first[rule] + k];
	return at != 0 ? &s->fields[at - 1] : NULL;
}

static const struct tally_schema_field *
field_lookup(const struct tally_schema *s,
    const struct tally_schema_index *x, const char *path)
{
	size_t k;

	if (s->nfields == 0)
		return NULL;
	k = tally_title_hash(path, strlen(path)) & x->field_mask;
	while (x->field_at[k] != 0) {
		const struct tally_schema_field *fd = &s->fields[x->field_at[k] - 1];
		if (strcmp(fd->path, path) == 0)
			return fd;
		k = (k + 1) & x->field_mask;
	}
	return NULL;
}

const struct tally_schema *
tally_schemaset_find(const struct tally_schemaset *set, const char *id)
{
	size_t i;

	for (i = 0; set && id && i < set->n; i++)
		if (set->items[i]->id && strcmp(set->items[i]->id, id) == 0)
			return set->items[i];
	return NULL;
}
