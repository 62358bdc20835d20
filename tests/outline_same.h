/*
 * outline_same.h - compares two outlines field by field (texts, every
 * span, every cell and its position, sections and their tree, numbering,
 * end lines, links); for tests/unit/test_plain.c and
 * tests/fuzz/fuzz_plain.c, which compare the plain path of markdown.c
 * with cmark's.  same_outline returns 1 when they are the same, else 0
 * with the first difference in outline_why.
 */
#ifndef TALLY_TESTS_OUTLINE_SAME_H
#define TALLY_TESTS_OUTLINE_SAME_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/model.h"

/* Where two outlines first differ, for the failure message. */
static char outline_why[512];

static int
differ(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(outline_why, sizeof(outline_why), fmt, ap);
	va_end(ap);
	return 0;
}

static int
same_pos(struct tally_pos a, struct tally_pos b)
{
	return a.line == b.line && a.col == b.col;
}

static int
same_num(const struct tally_numbering *a, const struct tally_numbering *b)
{
	return a->style == b->style && a->value == b->value && a->len == b->len;
}

/* Index of section want in a pre-order walk of the tree from s, where
 * *i is the index of s; -1 when it is not in it.  Blocks are in the same
 * section when the indexes are the same. */
static long
section_index(const struct tally_section *s, const struct tally_section *want,
    long *i)
{
	const struct tally_section *k;
	long r;

	if (s == want)
		return *i;
	(*i)++;
	for (k = s->child; k != NULL; k = k->next)
		if ((r = section_index(k, want, i)) >= 0)
			return r;
	return -1;
}

static int
same_section(const struct tally_section *a, const struct tally_section *b)
{
	const struct tally_section *x, *y;

	if (a->level != b->level || !same_num(&a->num, &b->num) ||
	    strcmp(a->heading, b->heading) != 0 ||
	    strcmp(a->title, b->title) != 0 || !same_pos(a->pos, b->pos) ||
	    a->end_line != b->end_line || a->nchild != b->nchild ||
	    a->nblocks != b->nblocks)
		return differ("section \"%s\" @%u:%u-%u (%zu, %zu) vs \"%s\" "
		    "@%u:%u-%u (%zu, %zu)", a->heading, a->pos.line, a->pos.col,
		    a->end_line, a->nchild, a->nblocks, b->heading, b->pos.line,
		    b->pos.col, b->end_line, b->nchild, b->nblocks);
	if ((a->first == NULL) != (b->first == NULL))
		return differ("section \"%s\": first block", a->heading);
	for (x = a->child, y = b->child; x && y; x = x->next, y = y->next)
		if (!same_section(x, y))
			return 0;
	return x == NULL && y == NULL ? 1 : differ("children of \"%s\"",
	    a->heading);
}

static int
same_block(const struct tally_block *a, const struct tally_block *b,
    const struct tally_outline *oa, const struct tally_outline *ob)
{
	size_t i;
	long ia = 0, ib = 0;

	if (a->kind != b->kind || !same_pos(a->pos, b->pos) ||
	    a->end_line != b->end_line || !same_num(&a->num, &b->num) ||
	    a->len != b->len || memcmp(a->text, b->text, a->len) != 0 ||
	    a->text[a->len] != '\0' || b->text[b->len] != '\0')
		return differ("block @%u:%u-%u kind %d \"%.60s\" vs @%u:%u-%u "
		    "kind %d \"%.60s\"", a->pos.line, a->pos.col, a->end_line,
		    (int)a->kind, a->text, b->pos.line, b->pos.col, b->end_line,
		    (int)b->kind, b->text);
	if (section_index(&oa->root, a->section, &ia) !=
	    section_index(&ob->root, b->section, &ib))
		return differ("block @%u: section", a->pos.line);
	if (a->nspans != b->nspans)
		return differ("block @%u: %zu spans vs %zu", a->pos.line,
		    a->nspans, b->nspans);
	for (i = 0; i < a->nspans; i++)
		if (a->spans[i].off != b->spans[i].off ||
		    !same_pos(a->spans[i].pos, b->spans[i].pos))
			return differ("block @%u: span %zu (%zu @%u:%u) vs (%zu "
			    "@%u:%u)", a->pos.line, i, a->spans[i].off,
			    a->spans[i].pos.line, a->spans[i].pos.col,
			    b->spans[i].off, b->spans[i].pos.line,
			    b->spans[i].pos.col);
	if ((a->table == NULL) != (b->table == NULL))
		return differ("block @%u: table", a->pos.line);
	if (a->table != NULL) {
		const struct tally_table *s = a->table, *t = b->table;

		if (s->nrows != t->nrows || s->ncols != t->ncols)
			return differ("table @%u: %zux%zu vs %zux%zu", a->pos.line,
			    s->nrows, s->ncols, t->nrows, t->ncols);
		for (i = 0; i < s->nrows * s->ncols; i++)
			if (strcmp(s->cells[i].text, t->cells[i].text) != 0 ||
			    !same_pos(s->cells[i].pos, t->cells[i].pos))
				return differ("table @%u: cell %zu \"%s\" @%u:%u vs "
				    "\"%s\" @%u:%u", a->pos.line, i, s->cells[i].text,
				    s->cells[i].pos.line, s->cells[i].pos.col,
				    t->cells[i].text, t->cells[i].pos.line,
				    t->cells[i].pos.col);
	}
	return 1;
}

static int
same_outline(const struct tally_outline *a, const struct tally_outline *b)
{
	const struct tally_block *x, *y;
	const struct tally_link *k, *l;

	if (a->nblocks != b->nblocks)
		return differ("%zu blocks vs %zu", a->nblocks, b->nblocks);
	for (x = a->blocks, y = b->blocks; x && y; x = x->next, y = y->next)
		if (!same_block(x, y, a, b))
			return 0;
	if (x != NULL || y != NULL)
		return differ("block lists");
	for (k = a->links, l = b->links; k && l; k = k->next, l = l->next)
		if (strcmp(k->url, l->url) != 0 || k->image != l->image ||
		    !same_pos(k->pos, l->pos))
			return differ("link %s", k->url);
	if (k != NULL || l != NULL)
		return differ("link lists");
	return same_section(&a->root, &b->root);
}

#endif
