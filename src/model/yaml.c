/*
 * yaml.c - the libyaml wrapper: YAML text into a fact tree.
 *
 * Every scalar is kept as the text that was written (never converted to a
 * float, so "250000.00" keeps its two decimals) with the line and column of
 * its key and value.  libyaml counts lines and columns from 0 and columns
 * in characters; this file converts once to the 1-based positions users
 * see.  No yaml_ type leaves this file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include <yaml.h>

#include "model.h"
#include "yamlfast.h"

#define MAX_DEPTH 64

struct builder {
	struct tally_arena *arena;
	uint32_t first_line;
	struct tally_fact *stack[MAX_DEPTH];
	struct tally_fact *last[MAX_DEPTH]; /* last child of stack[i] */
	int depth;
	/* a map's pending key, per depth */
	const char *key[MAX_DEPTH];
	struct tally_pos key_pos[MAX_DEPTH];
	int have_key[MAX_DEPTH];
	struct tally_fact *root;
	struct tally_yaml_error *err;
};

static struct tally_pos
mark_pos(const struct builder *b, yaml_mark_t m)
{
	struct tally_pos p;

	p.line = (uint32_t)m.line + b->first_line;
	p.col = (uint32_t)m.column + 1;
	return p;
}

static int
fail(struct builder *b, struct tally_pos pos, const char *msg)
{
	b->err->pos = pos;
	snprintf(b->err->msg, sizeof(b->err->msg), "%s", msg);
	return -1;
}

static int
is_null_text(const char *s, size_t n, yaml_scalar_style_t style)
{
	if (style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return n == 0 || (n == 1 && s[0] == '~') ||
	    (n == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) ||
	    !memcmp(s, "NULL", 4)));
}

/* Links a new node under the current container (as an item, or as the
 * value of the pending key).  Returns -1 on a key that is not a scalar. */
static int
attach(struct builder *b, struct tally_fact *f)
{
	struct tally_fact *parent;
	int d = b->depth;

	if (d == 0) {
		b->root = f;
		return 0;
	}
	parent = b->stack[d - 1];
	if (parent->kind == TALLY_FACT_MAP) {
		if (!b->have_key[d - 1])
			return fail(b, f->pos,
			    "mapping keys must be plain scalars");
		f->key = b->key[d - 1];
		f->key_pos = b->key_pos[d - 1];
		b->have_key[d - 1] = 0;
	}
	f->parent = parent;
	f->index = parent->nchild++;
	if (b->last[d - 1])
		b->last[d - 1]->next = f;
	else
		parent->child = f;
	b->last[d - 1] = f;
	return 0;
}

static int
on_scalar(struct builder *b, const yaml_event_t *ev)
{
	const char *val = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	struct tally_pos pos = mark_pos(b, ev->start_mark);
	struct tally_fact *f;
	int d = b->depth;

	/* A scalar in key position of a map is a key. */
	if (d > 0 && b->stack[d - 1]->kind == TALLY_FACT_MAP &&
	    !b->have_key[d - 1]) {
		const struct tally_fact *c;
		char *key = tally_arena_strndup(b->arena, val, len);
		if (memchr(val, '\0', len) != NULL)
			return fail(b, pos, "NUL byte in a key");
		for (c = b->stack[d - 1]->child; c; c = c->next)
			if (strcmp(c->key, key) == 0) {
				char msg[200];
				snprintf(msg, sizeof(msg),
				    "duplicate key \"%.60s\" (first at line %u)",
				    key, (unsigned)c->key_pos.line);
				return fail(b, pos, msg);
			}
		b->key[d - 1] = key;
		b->key_pos[d - 1] = pos;
		b->have_key[d - 1] = 1;
		return 0;
	}
	f = tally_arena_alloc(b->arena, sizeof(*f));
	f->kind = TALLY_FACT_SCALAR;
	f->pos = pos;
	f->text = tally_arena_strndup(b->arena, val, len);
	f->len = len;
	f->quoted = ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	    ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	f->is_null = is_null_text(val, len, ev->data.scalar.style);
	return attach(b, f);
}

static int
on_start(struct builder *b, const yaml_event_t *ev, enum tally_fact_kind kind)
{
	struct tally_fact *f;

	if (b->depth >= MAX_DEPTH)
		return fail(b, mark_pos(b, ev->start_mark),
		    "nesting deeper than 64 levels");
	f = tally_arena_alloc(b->arena, sizeof(*f));
	f->kind = kind;
	f->pos = mark_pos(b, ev->start_mark);
	f->text = "";
	if (attach(b, f) < 0)
		return -1;
	b->stack[b->depth] = f;
	b->last[b->depth] = NULL;
	b->have_key[b->depth] = 0;
	b->depth++;
	return 0;
}

int
tally_facts_parse_libyaml(struct tally_arena *arena, const char *text,
    size_t len, uint32_t first_line, struct tally_fact **root,
    struct tally_yaml_error *err)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct builder b;
	int rc = 0, done = 0, docs = 0;

	memset(&b, 0, sizeof(b));
	memset(err, 0, sizeof(*err));
	b.arena = arena;
	b.first_line = first_line ? first_line : 1;
	b.err = err;
	*root = NULL;

	if (!yaml_parser_initialize(&parser))
		tally_die_oom();
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!done && rc == 0) {
		if (!yaml_parser_parse(&parser, &ev)) {
			struct tally_pos pos = mark_pos(&b, parser.problem_mark);
			char msg[256];
			if (parser.context)
				snprintf(msg, sizeof(msg), "%s %s (from line %u, column %u)",
				    parser.problem ? parser.problem : "syntax error",
				    parser.context,
				    (unsigned)(parser.context_mark.line + b.first_line),
				    (unsigned)parser.context_mark.column + 1);
			else
				snprintf(msg, sizeof(msg), "%s",
				    parser.problem ? parser.problem : "syntax error");
			rc = fail(&b, pos, msg);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				rc = fail(&b, mark_pos(&b, ev.start_mark),
				    "more than one YAML document");
			break;
		case YAML_ALIAS_EVENT:
			rc = fail(&b, mark_pos(&b, ev.start_mark),
			    "YAML aliases (*name) are not supported");
			break;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.anchor)
				rc = fail(&b, mark_pos(&b, ev.start_mark),
				    "YAML anchors (&name) are not supported");
			else
				rc = on_scalar(&b, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			rc = on_start(&b, &ev, TALLY_FACT_SEQ);
			break;
		case YAML_MAPPING_START_EVENT:
			rc = on_start(&b, &ev, TALLY_FACT_MAP);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (b.depth > 0)
				b.depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (rc < 0)
		return -1;
	if (b.root == NULL) {
		/* an empty document is an empty map */
		b.root = tally_arena_alloc(arena, sizeof(*b.root));
		b.root->kind = TALLY_FACT_MAP;
		b.root->text = "";
		b.root->pos.line = b.first_line;
		b.root->pos.col = 1;
	}
	*root = b.root;
	return 0;
}

/* The fast reader (yamlfast.c) takes the usual front matter; whatever it
 * is not sure about, errors included, is read by libyaml. */
int
tally_facts_parse(struct tally_arena *arena, const char *text, size_t len,
    uint32_t first_line, struct tally_fact **root, struct tally_yaml_error *err)
{
	if (tally_facts_parse_fast(arena, text, len, first_line, root) == 0) {
		memset(err, 0, sizeof(*err));
		return 0;
	}
	return tally_facts_parse_libyaml(arena, text, len, first_line, root,
	    err);
}

int
tally_facts_parse_utf8(struct tally_arena *arena, const char *text,
    size_t len, uint32_t first_line, struct tally_fact **root,
    struct tally_yaml_error *err)
{
	if (tally_facts_parse_fast_utf8(arena, text, len, first_line, root) == 0) {
		memset(err, 0, sizeof(*err));
		return 0;
	}
	return tally_facts_parse_libyaml(arena, text, len, first_line, root,
	    err);
}

const struct tally_fact *
tally_fact_get(const struct tally_fact *map, const char *key)
{
	const struct tally_fact *c;

	if (map == NULL || map->kind != TALLY_FACT_MAP)
		return NULL;
	/* the first byte tells most keys apart without a call */
	for (c = map->child; c; c = c->next)
		if (c->key[0] == key[0] && strcmp(c->key, key) == 0)
			return c;
	return NULL;
}

const struct tally_fact *
tally_fact_item(const struct tally_fact *seq, size_t i)
{
	const struct tally_fact *c;

	if (seq == NULL || seq->kind != TALLY_FACT_SEQ || i >= seq->nchild)
		return NULL;
	for (c = seq->child; c && i > 0; c = c->next, i--)
		;
	return c;
}

const struct tally_fact *
tally_fact_segment(const struct tally_fact *f, const char *key, size_t n)
{
	const struct tally_fact *m;
	size_t i, v = 0;

	if (f == NULL || n == 0)
		return NULL;
	if (f->kind == TALLY_FACT_MAP) {
		/* keys are short: compared here, byte by byte (key[0..n)
		 * holds no NUL, so a shorter m->key stops at its own) */
		for (m = f->child; m; m = m->next) {
			const char *k = m->key;

			if (k[0] != key[0])
				continue;
			for (i = 1; i < n && k[i] == key[i]; i++)
				;
			if (i == n && k[n] == '\0')
				return m;
		}
		return NULL;
	}
	if (f->kind != TALLY_FACT_SEQ)
		return NULL;
	for (i = 0; i < n; i++) {
		if (key[i] < '0' || key[i] > '9')
			return NULL;
		/* past any sequence's length: saturate, as strtoul does */
		v = v > SIZE_MAX / 10 - 1 ? SIZE_MAX :
		    v * 10 + (size_t)(key[i] - '0');
	}
	return tally_fact_item(f, v);
}

const struct tally_fact *
tally_fact_path(const struct tally_fact *root, const char *path)
{
	const struct tally_fact *f = root;
	char part[128];
	const char *p = path;

	while (f != NULL && *p) {
		size_t n = strcspn(p, ".");
		if (n == 0 || n >= sizeof(part))
			return NULL;
		memcpy(part, p, n);
		part[n] = '\0';
		if (f->kind == TALLY_FACT_SEQ) {
			char *end;
			unsigned long i = strtoul(part, &end, 10);
			if (*end != '\0')
				return NULL;
			f = tally_fact_item(f, (size_t)i);
		} else {
			f = tally_fact_get(f, part);
		}
		p += n;
		if (*p == '.')
			p++;
	}
	return f;
}

void
tally_fact_path_of(const struct tally_fact *f, struct tally_buf *b)
{
	const struct tally_fact *chain[MAX_DEPTH + 2];
	int n = 0, i;

	for (; f != NULL && f->parent != NULL && n < MAX_DEPTH + 2; f = f->parent)
		chain[n++] = f;
	for (i = n - 1; i >= 0; i--) {
		if (i != n - 1)
			tally_buf_putc(b, '.');
		if (chain[i]->key)
			tally_buf_puts(b, chain[i]->key);
		else
			tally_buf_printf(b, "%zu", chain[i]->index);
	}
}

int
tally_fact_is_scalar(const struct tally_fact *f)
{
	return f != NULL && f->kind == TALLY_FACT_SCALAR && !f->is_null;
}
