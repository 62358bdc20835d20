/*
 * tpl.c - the Mustache engine: compile a template once into a tree of
 * nodes, render it as often as there are pages.  Compiling runs in four
 * passes over the source: the lexer cuts it into text (one piece per
 * line) and tags, honouring set-delimiter tags; matching pairs every
 * section, parent and block with its end tag; the standalone pass removes
 * lines that hold only tags that print nothing (the spec's "standalone"
 * rule, widened to the pairs of parent and block tags the inheritance
 * spec treats as one); the builder turns the tokens into nodes in the
 * template's arena.  Rendering walks the nodes with the context stack and
 * the chain of block overrides on the C stack, so it allocates nothing
 * but output.
 *
 * Indentation: a standalone partial, parent or block indents what it
 * expands.  The renderer carries the current indentation and a flag
 * saying the output is at the start of a template line; template text and
 * values owe the indentation when they start such a line.  A block's
 * content is re-indented where it lands: the common indentation of its
 * source lines is stripped (at the start of each line) and the
 * indentation of the block it replaces is added, as the inheritance spec
 * asks.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpl.h"

/* Sections, parents and blocks nested inside one template. */
#define MAX_NEST 100
/* Partials, parents and block overrides expanded inside each other: real
 * layouts use a handful; more is a template including itself. */
#define MAX_EXPAND 64
/* Node lists rendered inside each other, whatever the cause; bounds the
 * C stack. */
#define MAX_DEPTH 512

/* --- compiled form ------------------------------------------------------- */

enum node_kind {
	N_TEXT,
	N_VAR,      /* {{x}}: escaped */
	N_RAW,      /* {{{x}}}, {{&x}} */
	N_SECTION,  /* {{#x}} */
	N_INVERTED, /* {{^x}} */
	N_PARTIAL,  /* {{>x}} */
	N_PARENT,   /* {{<x}}: kids are its block overrides */
	N_BLOCK,    /* {{$x}}: kids are its content */
};

struct node {
	enum node_kind kind;
	unsigned bol : 1;        /* TEXT starts a source line */
	unsigned standalone : 1; /* tag on a standalone line: ind applies */
	unsigned dynamic : 1;    /* {{>*x}}: the name is looked up */
	uint32_t line, col;
	const char *s; /* text (in the source copy, len bytes), or the
	                * tag's name (NUL-terminated) */
	size_t len;
	const char **segs; /* dotted name parts; nsegs 0 means "." */
	size_t nsegs;
	const char *ind; /* PARTIAL, PARENT: the line's indentation;
	                  * BLOCK: its content's indentation */
	size_t indlen;
	struct node *kids;
	size_t nkids;
	const char *tname; /* template name, for error messages */
};

struct tpl {
	char *name;
	size_t namelen;
	struct tally_arena arena; /* source copy, names, nodes */
	struct node *nodes;
	size_t n;
};

struct tally_tplset {
	/* A site has a few dozen templates: a linear search costs less than
	 * keeping a hash table in step. */
	struct tpl **v;
	size_t n, cap;
};

/* --- errors -------------------------------------------------------------- */

static void
set_error(struct tally_tpl_error *err, const char *tname, uint32_t line,
    uint32_t col, const char *fmt, va_list ap)
{
	if (err == NULL)
		return;
	snprintf(err->tpl, sizeof(err->tpl), "%s", tname);
	err->line = line;
	err->col = col;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
}

/* --- lexer --------------------------------------------------------------- */

enum tok_kind {
	TK_TEXT,
	TK_VAR,
	TK_RAW,
	TK_SECTION,
	TK_INVERTED,
	TK_CLOSE,
	TK_PARTIAL,
	TK_PARENT,
	TK_BLOCK,
	TK_COMMENT,
	TK_DELIM,
};

struct tok {
	enum tok_kind kind;
	size_t start, end;      /* source span: the text or the whole tag */
	size_t name, namelen;   /* span of the name, after any '*' */
	uint32_t line, col;     /* of start (tags only) */
	unsigned dynamic : 1;
	unsigned standalone : 1;
	unsigned drop : 1;      /* text of a removed standalone line */
	size_t match;           /* opener <-> its end tag */
	size_t grp_last;        /* last token of the tag's line */
	size_t ind, indlen;     /* span of the line's leading blanks */
	size_t bind, bindlen;   /* BLOCK: span of its content's indentation */
};

struct compiler {
	const char *tname;
	const char *src;
	size_t len;
	struct tally_tpl_error *err;
	struct tok *toks;
	size_t ntoks, cap;
	/* position bookkeeping, moving forward only */
	size_t scanned;    /* newlines counted before this offset */
	uint32_t line;
	size_t bol;        /* start of the line of `scanned` */
	size_t cpos;       /* code points counted from bol up to here */
	uint32_t ccol;
};

static int
cerr(struct compiler *c, uint32_t line, uint32_t col, const char *fmt, ...)
    TALLY_PRINTF(4, 5);

static int
cerr(struct compiler *c, uint32_t line, uint32_t col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_error(c->err, c->tname, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

/* Line and column of offset `at`, which never goes backwards: counting
 * from where the last call stopped keeps long one-line templates linear. */
static void
locate(struct compiler *c, size_t at, uint32_t *line, uint32_t *col)
{
	for (; c->scanned < at; c->scanned++)
		if (c->src[c->scanned] == '\n') {
			c->line++;
			c->bol = c->cpos = c->scanned + 1;
			c->ccol = 0;
		}
	c->ccol += (uint32_t)tally_utf8_count(c->src + c->cpos, at - c->cpos);
	c->cpos = at;
	*line = c->line;
	*col = c->ccol + 1;
}

static int
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	    ch == '\v' || ch == '\f';
}

static int
is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

static struct tok *
push_tok(struct compiler *c, enum tok_kind kind, size_t start, size_t end)
{
	struct tok *t;

	if (c->ntoks == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		if (c->cap > SIZE_MAX / sizeof(*c->toks))
			tally_die_oom();
		c->toks = xrealloc(c->toks, c->cap * sizeof(*c->toks));
	}
	t = &c->toks[c->ntoks++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->start = start;
	t->end = end;
	return t;
}

/* Text is cut after each newline so that every line can be judged
 * standalone on its own and the renderer knows where lines start. */
static void
push_text(struct compiler *c, size_t start, size_t end)
{
	while (start < end) {
		const char *nl = memchr(c->src + start, '\n', end - start);
		size_t stop = nl != NULL ? (size_t)(nl - c->src) + 1 : end;

		push_tok(c, TK_TEXT, start, stop);
		start = stop;
	}
}

/* memmem is a GNU extension; delimiters are a few bytes, so memchr on the
 * first byte and a compare is as fast in practice. */
static const char *
find(const char *hay, size_t hn, const char *needle, size_t nn)
{
	const char *end = hay + hn;

	while ((size_t)(end - hay) >= nn) {
		const char *p = memchr(hay, needle[0], (size_t)(end - hay));
		if (p == NULL || (size_t)(end - p) < nn)
			return NULL;
		if (memcmp(p, needle, nn) == 0)
			return p;
		hay = p + 1;
	}
	return NULL;
}

/* Offset of the closing delimiter of a tag whose content starts at
 * `from`; when `before` is not 0 the delimiter must follow that character
 * ("}}}" and "=}}").  Returns `len` when there is none. */
static size_t
find_close(const struct compiler *c, size_t from, const char *ctag,
    size_t clen, char before)
{
	size_t at = from;

	for (;;) {
		const char *p = find(c->src + at, c->len - at, ctag, clen);
		if (p == NULL)
			return c->len;
		at = (size_t)(p - c->src);
		if (before == 0 || (at > from && c->src[at - 1] == before))
			return at;
		at++;
	}
}

static void
trim(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && is_space(s[*a]))
		(*a)++;
	while (*b > *a && is_space(s[*b - 1]))
		(*b)--;
}

/* Checks a name for a lookup: "." or non-empty parts joined by dots. */
static int
valid_dotted(const char *s, size_t n)
{
	size_t i, part = 0;

	if (n == 1 && s[0] == '.')
		return 1;
	for (i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (part == 0)
				return 0;
			part = 0;
		} else {
			part++;
		}
	}
	return part > 0;
}

/* Parses the content of a tag, s[a..b) already trimmed, into t's name. */
static int
parse_name(struct compiler *c, struct tok *t, size_t a, size_t b)
{
	const char *s = c->src;
	size_t i;

	if (a < b && s[a] == '*') {
		if (t->kind != TK_PARTIAL && t->kind != TK_PARENT &&
		    t->kind != TK_CLOSE)
			return cerr(c, t->line, t->col, "dynamic names (*) "
			    "are allowed only in partial and parent tags");
		t->dynamic = 1;
		a++;
		trim(s, &a, &b);
	}
	if (a == b)
		return cerr(c, t->line, t->col, "empty tag name");
	for (i = a; i < b; i++)
		if (is_space(s[i]))
			return cerr(c, t->line, t->col,
			    "tag name \"%.*s\" contains white space",
			    (int)(b - a), s + a);
	if ((t->dynamic || t->kind == TK_VAR || t->kind == TK_RAW ||
	    t->kind == TK_SECTION || t->kind == TK_INVERTED) &&
	    !valid_dotted(s + a, b - a))
		return cerr(c, t->line, t->col,
		    "malformed dotted name \"%.*s\"", (int)(b - a), s + a);
	t->name = a;
	t->namelen = b - a;
	return 0;
}

static int
lex(struct compiler *c)
{
	const char *otag = "{{", *ctag = "}}";
	size_t olen = 2, clen = 2;
	size_t pos = 0;

	while (pos < c->len) {
		const char *p = find(c->src + pos, c->len - pos, otag, olen);
		size_t at = p != NULL ? (size_t)(p - c->src) : c->len;
		size_t q, close, a, b;
		enum tok_kind kind;
		char before = 0;
		struct tok *t;

		push_text(c, pos, at);
		if (p == NULL)
			break;
		q = at + olen;
		switch (q < c->len ? c->src[q] : '\0') {
		case '{':
			kind = TK_RAW;
			before = '}';
			break;
		case '&':
			kind = TK_RAW;
			break;
		case '#':
			kind = TK_SECTION;
			break;
		case '^':
			kind = TK_INVERTED;
			break;
		case '/':
			kind = TK_CLOSE;
			break;
		case '>':
			kind = TK_PARTIAL;
			break;
		case '<':
			kind = TK_PARENT;
			break;
		case '$':
			kind = TK_BLOCK;
			break;
		case '!':
			kind = TK_COMMENT;
			break;
		case '=':
			kind = TK_DELIM;
			before = '=';
			break;
		default:
			kind = TK_VAR;
			q--; /* no sigil to skip */
			break;
		}
		q++;
		t = push_tok(c, kind, at, at);
		locate(c, at, &t->line, &t->col);
		close = find_close(c, q, ctag, clen, before);
		if (close == c->len)
			return cerr(c, t->line, t->col, "unclosed tag: no "
			    "\"%.*s%.*s\" after \"%.*s\"", before ? 1 : 0,
			    &before, (int)clen, ctag,
			    (int)(q - at), c->src + at);
		t->end = close + clen;
		pos = t->end;
		a = q;
		b = before ? close - 1 : close;
		trim(c->src, &a, &b);
		if (kind == TK_COMMENT)
			continue;
		if (kind == TK_DELIM) {
			/* Two words, neither with '=' nor blanks. */
			size_t m = a, n;
			while (m < b && !is_space(c->src[m]))
				m++;
			n = m;
			while (n < b && is_space(c->src[n]))
				n++;
			if (m == a || n == b ||
			    memchr(c->src + a, '=', m - a) != NULL ||
			    memchr(c->src + n, '=', b - n) != NULL)
				return cerr(c, t->line, t->col,
				    "malformed set-delimiter tag: want "
				    "{{=open close=}}");
			for (size_t i = n; i < b; i++)
				if (is_space(c->src[i]))
					return cerr(c, t->line, t->col,
					    "malformed set-delimiter tag: "
					    "want {{=open close=}}");
			otag = c->src + a;
			olen = m - a;
			ctag = c->src + n;
			clen = b - n;
			continue;
		}
		if (parse_name(c, t, a, b) < 0)
			return -1;
	}
	return 0;
}

/* --- matching ------------------------------------------------------------ */

static int
is_opener(enum tok_kind k)
{
	return k == TK_SECTION || k == TK_INVERTED || k == TK_PARENT ||
	    k == TK_BLOCK;
}

static const char *
sigil(const struct tok *t)
{
	switch (t->kind) {
	case TK_SECTION:
		return "#";
	case TK_INVERTED:
		return "^";
	case TK_PARENT:
		return t->dynamic ? "<*" : "<";
	case TK_BLOCK:
		return "$";
	case TK_CLOSE:
		return t->dynamic ? "/*" : "/";
	default:
		return "";
	}
}

static int
match(struct compiler *c)
{
	size_t stack[MAX_NEST];
	size_t depth = 0, i;

	for (i = 0; i < c->ntoks; i++) {
		struct tok *t = &c->toks[i];

		if (is_opener(t->kind)) {
			if (depth == MAX_NEST)
				return cerr(c, t->line, t->col,
				    "sections nested more than %d deep",
				    MAX_NEST);
			stack[depth++] = i;
		} else if (t->kind == TK_CLOSE) {
			struct tok *o;

			if (depth == 0)
				return cerr(c, t->line, t->col,
				    "unexpected end tag {{%s%.*s}}: no section "
				    "is open", sigil(t), (int)t->namelen,
				    c->src + t->name);
			o = &c->toks[stack[depth - 1]];
			if (o->dynamic != t->dynamic ||
			    o->namelen != t->namelen ||
			    memcmp(c->src + o->name, c->src + t->name,
				t->namelen) != 0)
				return cerr(c, t->line, t->col,
				    "end tag {{%s%.*s}} does not match "
				    "{{%s%.*s}} opened at line %u column %u",
				    sigil(t), (int)t->namelen, c->src + t->name,
				    sigil(o), (int)o->namelen, c->src + o->name,
				    o->line, o->col);
			depth--;
			o->match = i;
			t->match = stack[depth];
		}
	}
	if (depth > 0) {
		struct tok *o = &c->toks[stack[depth - 1]];
		return cerr(c, o->line, o->col,
		    "{{%s%.*s}} is never closed", sigil(o),
		    (int)o->namelen, c->src + o->name);
	}
	return 0;
}

/* --- standalone lines ---------------------------------------------------- */

/* Text of a would-be standalone line: blanks only, and the line's newline
 * ("\n" or "\r\n") when it is the line's last token. */
static int
blank_text(const struct compiler *c, const struct tok *t)
{
	size_t end = t->end, i;

	if (end > t->start && c->src[end - 1] == '\n') {
		end--;
		if (end > t->start && c->src[end - 1] == '\r')
			end--;
	}
	for (i = t->start; i < end; i++)
		if (!is_blank(c->src[i]))
			return 0;
	return 1;
}

/* 1 for tags of the inheritance family: parents, blocks and their ends. */
static int
inheritance_tag(const struct compiler *c, const struct tok *t)
{
	if (t->kind == TK_CLOSE)
		t = &c->toks[t->match];
	return t->kind == TK_PARENT || t->kind == TK_BLOCK;
}

/*
 * Judges the line of tokens [first, last].  The spec's rule: a line with
 * one tag that prints nothing (section, end, partial, comment, delimiter,
 * parent, block) and only blanks besides is removed, its blanks becoming
 * the indentation of a partial.  The inheritance spec also treats
 * "{{<p}}{{/p}}", "{{<p}}{{$b}}" and "{{/b}}{{/p}}" as one tag, so a line
 * of several tags counts when all are parents, blocks and their ends with
 * at most one parent opening.  "{{$b}}{{/b}}" alone is the exception the
 * spec keeps: its blanks go but its newline stays, so an override without
 * a final newline still ends the line.
 */
static void
judge_line(struct compiler *c, size_t first, size_t last)
{
	size_t ntags = 0, nparents = 0, k;
	int all_inh = 1, pair_block = 0;
	size_t ind = 0, indlen = 0;

	for (k = first; k <= last; k++) {
		const struct tok *t = &c->toks[k];

		switch (t->kind) {
		case TK_TEXT:
			if (!blank_text(c, t))
				return;
			break;
		case TK_VAR:
		case TK_RAW:
			return;
		default:
			ntags++;
			if (t->kind == TK_PARENT)
				nparents++;
			if (!inheritance_tag(c, t))
				all_inh = 0;
			break;
		}
	}
	if (ntags == 0 || (ntags > 1 && (!all_inh || nparents > 1)))
		return;
	for (k = first; k < last; k++)
		if (c->toks[k].kind == TK_BLOCK && c->toks[k].match == k + 1)
			pair_block = ntags == 2;
	if (c->toks[first].kind == TK_TEXT) {
		ind = c->toks[first].start;
		indlen = c->toks[first].end - c->toks[first].start;
	}
	for (k = first; k <= last; k++) {
		struct tok *t = &c->toks[k];

		if (t->kind != TK_TEXT) {
			t->standalone = 1;
			t->grp_last = last;
			t->ind = ind;
			t->indlen = indlen;
		} else if (pair_block && k == last &&
		    c->src[t->end - 1] == '\n') {
			/* keep the line's "\n" or "\r\n", drop its blanks */
			size_t nl = t->end - 1;
			if (nl > t->start && c->src[nl - 1] == '\r')
				nl--;
			t->start = nl;
		} else {
			t->drop = 1;
		}
	}
}

/* Judges every line; a line ends after a text token ending in '\n'. */
static void
standalone(struct compiler *c)
{
	size_t i = 0;

	while (i < c->ntoks) {
		size_t j = i;

		while (j + 1 < c->ntoks && !(c->toks[j].kind == TK_TEXT &&
		    c->src[c->toks[j].end - 1] == '\n'))
			j++;
		judge_line(c, i, j);
		i = j + 1;
	}
}

/*
 * The indentation of a standalone block's content: the blanks common to
 * its non-blank source lines, from the line after the opening tag to the
 * end tag.  With no such line (an empty block) it is the opening tag's
 * own indentation.  Overrides are dedented by it and slots re-indent by
 * it.
 */
static void
block_indent(struct compiler *c, struct tok *t)
{
	const struct tok *close = &c->toks[t->match];
	size_t from, to, best = 0, bestlen = 0;
	int found = 0;

	t->bind = t->ind;
	t->bindlen = t->indlen;
	if (t->match <= t->grp_last)
		return;
	from = c->toks[t->grp_last].end;
	to = close->start;
	while (from < to) {
		const char *nl = memchr(c->src + from, '\n', to - from);
		size_t eol = nl != NULL ? (size_t)(nl - c->src) : to;
		size_t ws = from, i;
		int blank = 1;

		while (ws < eol && is_blank(c->src[ws]))
			ws++;
		for (i = ws; i < eol; i++)
			if (c->src[i] != '\r' && !is_blank(c->src[i]))
				blank = 0;
		if (!blank) {
			if (!found) {
				best = from;
				bestlen = ws - from;
				found = 1;
			} else {
				size_t n = 0;
				while (n < bestlen && from + n < ws &&
				    c->src[best + n] == c->src[from + n])
					n++;
				bestlen = n;
			}
		}
		from = eol + 1;
	}
	if (found) {
		t->bind = best;
		t->bindlen = bestlen;
	}
}

/* --- building nodes ------------------------------------------------------ */

/* 1 when token t becomes a node; inside a parent tag only its blocks
 * count (the spec ignores everything else there). */
static int
emits_node(const struct tok *t, int blocks_only)
{
	if (blocks_only)
		return t->kind == TK_BLOCK;
	switch (t->kind) {
	case TK_TEXT:
		return !t->drop && t->end > t->start;
	case TK_COMMENT:
	case TK_DELIM:
	case TK_CLOSE:
		return 0;
	default:
		return 1;
	}
}

static void build(struct compiler *c, struct tally_arena *a, size_t from,
    size_t to, int blocks_only, struct node **out, size_t *nout);

static void
fill_node(struct compiler *c, struct tally_arena *a, const struct tok *t,
    size_t i, struct node *nd)
{
	static const enum node_kind kinds[] = {
		[TK_VAR] = N_VAR,
		[TK_RAW] = N_RAW,
		[TK_SECTION] = N_SECTION,
		[TK_INVERTED] = N_INVERTED,
		[TK_PARTIAL] = N_PARTIAL,
		[TK_PARENT] = N_PARENT,
		[TK_BLOCK] = N_BLOCK,
	};

	nd->tname = c->tname;
	if (t->kind == TK_TEXT) {
		nd->kind = N_TEXT;
		nd->s = c->src + t->start;
		nd->len = t->end - t->start;
		nd->bol = t->start == 0 || c->src[t->start - 1] == '\n';
		return;
	}
	nd->kind = kinds[t->kind];
	nd->line = t->line;
	nd->col = t->col;
	nd->dynamic = t->dynamic;
	nd->standalone = t->standalone;
	nd->s = tally_arena_strndup(a, c->src + t->name, t->namelen);
	nd->len = t->namelen;
	if (nd->kind == N_BLOCK) {
		nd->ind = c->src + t->bind;
		nd->indlen = t->bindlen;
	} else {
		nd->ind = c->src + t->ind;
		nd->indlen = t->indlen;
	}
	if (t->dynamic || nd->kind == N_VAR || nd->kind == N_RAW ||
	    nd->kind == N_SECTION || nd->kind == N_INVERTED) {
		size_t k, n = 1, start = 0;

		if (strcmp(nd->s, ".") != 0) {
			for (k = 0; k < nd->len; k++)
				n += nd->s[k] == '.';
			nd->segs = tally_arena_alloc(a, n * sizeof(*nd->segs));
			n = 0;
			for (k = 0; k <= nd->len; k++)
				if (k == nd->len || nd->s[k] == '.') {
					nd->segs[n++] = tally_arena_strndup(a,
					    nd->s + start, k - start);
					start = k + 1;
				}
			nd->nsegs = n;
		}
	}
	if (is_opener(t->kind))
		build(c, a, i + 1, t->match, t->kind == TK_PARENT, &nd->kids,
		    &nd->nkids);
}

/* Builds the nodes of tokens [from, to) at one level; nested levels
 * recurse, at most MAX_NEST deep (checked by match). */
static void
build(struct compiler *c, struct tally_arena *a, size_t from, size_t to,
    int blocks_only, struct node **out, size_t *nout)
{
	size_t i, n = 0;

	for (i = from; i < to;
	    i = is_opener(c->toks[i].kind) ? c->toks[i].match + 1 : i + 1)
		n += emits_node(&c->toks[i], blocks_only);
	*out = NULL;
	*nout = n;
	if (n == 0)
		return;
	*out = tally_arena_alloc(a, n * sizeof(**out));
	n = 0;
	for (i = from; i < to;
	    i = is_opener(c->toks[i].kind) ? c->toks[i].match + 1 : i + 1)
		if (emits_node(&c->toks[i], blocks_only))
			fill_node(c, a, &c->toks[i], i, &(*out)[n++]);
}

static int
compile(struct tpl *t, const char *src, size_t len,
    struct tally_tpl_error *err)
{
	struct compiler c;
	char *copy = tally_arena_strndup(&t->arena, src, len);
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	c.tname = t->name;
	c.src = copy;
	c.len = len;
	c.err = err;
	c.line = 1;
	rc = lex(&c);
	if (rc == 0)
		rc = match(&c);
	if (rc == 0) {
		standalone(&c);
		for (i = 0; i < c.ntoks; i++)
			if (c.toks[i].kind == TK_BLOCK && c.toks[i].standalone)
				block_indent(&c, &c.toks[i]);
		build(&c, &t->arena, 0, c.ntoks, 0, &t->nodes, &t->n);
	}
	free(c.toks);
	return rc;
}

/* --- the set ------------------------------------------------------------- */

struct tally_tplset *
tally_tplset_new(void)
{
	return xcalloc(1, sizeof(struct tally_tplset));
}

static void
tpl_free(struct tpl *t)
{
	if (t == NULL)
		return;
	tally_arena_free(&t->arena);
	free(t);
}

void
tally_tplset_free(struct tally_tplset *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++)
		tpl_free(set->v[i]);
	free(set->v);
	free(set);
}

static struct tpl *
tpl_find(const struct tally_tplset *set, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (set->v[i]->namelen == len &&
		    memcmp(set->v[i]->name, name, len) == 0)
			return set->v[i];
	return NULL;
}

int
tally_tplset_has(const struct tally_tplset *set, const char *name)
{
	return set != NULL && name != NULL &&
	    tpl_find(set, name, strlen(name)) != NULL;
}

int
tally_tplset_add(struct tally_tplset *set, const char *name,
    const char *src, size_t len, struct tally_tpl_error *err)
{
	struct tpl *t, *old;
	size_t i;

	if (set == NULL || name == NULL || (src == NULL && len > 0)) {
		if (err != NULL) {
			memset(err, 0, sizeof(*err));
			snprintf(err->tpl, sizeof(err->tpl), "%s",
			    name != NULL ? name : "");
			snprintf(err->msg, sizeof(err->msg),
			    "invalid arguments");
		}
		return -1;
	}
	t = xcalloc(1, sizeof(*t));
	t->name = tally_arena_strdup(&t->arena, name);
	t->namelen = strlen(name);
	if (compile(t, src != NULL ? src : "", len, err) < 0) {
		tpl_free(t);
		return -1;
	}
	old = tpl_find(set, name, strlen(name));
	if (old != NULL) {
		for (i = 0; set->v[i] != old; i++)
			;
		set->v[i] = t;
		tpl_free(old);
		return 0;
	}
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 16;
		set->v = xrealloc(set->v, set->cap * sizeof(*set->v));
	}
	set->v[set->n++] = t;
	return 0;
}

/* --- rendering ----------------------------------------------------------- */

/* A frame of the context stack. */
struct ctx {
	const struct tally_val *v;
	const struct ctx *up;
};

/* A parent tag being expanded: its blocks override the parent's. */
struct ovr {
	const struct node *parent;
	const struct ovr *up;
};

struct render {
	const struct tally_tplset *set;
	struct tally_buf *out;
	struct tally_tpl_error *err;
	struct tally_buf ind; /* indentation owed at each template line */
	int pending;          /* output is at the start of a template line */
	int depth;            /* node lists being rendered */
	int expand;           /* partials, parents, overrides being expanded */
};

static int
rerr(struct render *r, const struct node *nd, const char *fmt, ...)
    TALLY_PRINTF(3, 4);

static int
rerr(struct render *r, const struct node *nd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (nd != NULL)
		set_error(r->err, nd->tname, nd->line, nd->col, fmt, ap);
	else
		set_error(r->err, "", 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * Resolves a name against the context stack.  The first part is looked
 * up from the top of the stack down, in maps only; the other parts only
 * inside what the first found (the spec's rule: {{a.b}} never falls back
 * to an outer "b").  Returns NULL on a miss.
 */
static const struct tally_val *
lookup(const struct ctx *cx, const struct node *nd)
{
	const struct tally_val *v = NULL;
	size_t i;

	if (nd->nsegs == 0)
		return cx != NULL ? cx->v : NULL;
	for (; cx != NULL; cx = cx->up)
		if ((v = tally_val_get(cx->v, nd->segs[0])) != NULL)
			break;
	for (i = 1; v != NULL && i < nd->nsegs; i++)
		v = tally_val_get(v, nd->segs[i]);
	return v;
}

static void
owe_indent(struct render *r)
{
	if (r->pending) {
		if (r->ind.len > 0)
			tally_buf_put(r->out, r->ind.data, r->ind.len);
		r->pending = 0;
	}
}

/* Length of the blanks a and b start with in common. */
static size_t
common_blanks(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0;

	while (i < an && i < bn && a[i] == b[i] && is_blank(a[i]))
		i++;
	return i;
}

static void
put_text(struct render *r, const struct node *nd, const char *strip,
    size_t striplen)
{
	const char *s = nd->s;
	size_t n = nd->len;

	if (nd->bol && striplen > 0) {
		size_t k = common_blanks(s, n, strip, striplen);
		s += k;
		n -= k;
	}
	if (n == 0)
		return;
	if (r->pending) {
		/* An empty line gets no indentation: no trailing blanks. */
		if (s[0] == '\n' || (s[0] == '\r' && n > 1 && s[1] == '\n'))
			r->pending = 0;
		else
			owe_indent(r);
	}
	tally_buf_put(r->out, s, n);
	if (s[n - 1] == '\n')
		r->pending = 1;
}

static void
put_value(struct render *r, const struct tally_val *v, int escape)
{
	const char *s;
	size_t n;

	if (v == NULL)
		return;
	switch (v->kind) {
	case TALLY_VAL_STRING:
		s = v->u.str.s;
		n = v->u.str.len;
		break;
	case TALLY_VAL_BOOL:
		s = v->u.b ? "true" : "false";
		n = strlen(s);
		break;
	default:
		return;
	}
	if (n == 0)
		return;
	owe_indent(r);
	if (escape)
		tally_html_escape(r->out, s, n);
	else
		tally_buf_put(r->out, s, n);
}

static int render_list(struct render *r, const struct node *site,
    const struct node *nodes, size_t n, const struct ctx *cx,
    const struct ovr *ov, const char *strip, size_t striplen);

/* The template a partial or parent tag names, or NULL (renders nothing). */
static const struct tpl *
target(struct render *r, const struct node *nd, const struct ctx *cx)
{
	const struct tally_val *v;

	if (!nd->dynamic)
		return tpl_find(r->set, nd->s, nd->len);
	v = lookup(cx, nd);
	if (v == NULL || v->kind != TALLY_VAL_STRING)
		return NULL;
	return tpl_find(r->set, v->u.str.s, v->u.str.len);
}

/*
 * Expands nodes from elsewhere (a partial, a parent, a block override) at
 * nd.  When nd stands alone on its line, the expansion is indented by the
 * line's indentation, less what the current region strips, and starts at
 * the start of a line.
 */
static int
expand(struct render *r, const struct node *nd, const struct node *nodes,
    size_t n, const struct ctx *cx, const struct ovr *ov,
    const char *strip, size_t striplen, const char *inner,
    size_t innerlen)
{
	size_t saved = r->ind.len;
	int rc;

	if (r->expand >= MAX_EXPAND)
		return rerr(r, nd, "partials, parents and blocks nested more "
		    "than %d deep (does a template include itself?)",
		    MAX_EXPAND);
	if (nd->standalone) {
		size_t k = common_blanks(nd->ind, nd->indlen, strip, striplen);
		tally_buf_put(&r->ind, nd->ind + k, nd->indlen - k);
		r->pending = 1;
	}
	r->expand++;
	rc = render_list(r, nd, nodes, n, cx, ov, inner, innerlen);
	r->expand--;
	r->ind.len = saved;
	if (r->ind.data != NULL)
		r->ind.data[saved] = '\0';
	return rc;
}

/* The override of block `name`: the outermost parent tag defining it wins,
 * so a page's blocks beat its layout's defaults for its own layout. */
static const struct node *
find_override(const struct ovr *ov, const char *name)
{
	const struct node *found = NULL;
	size_t i;

	for (; ov != NULL; ov = ov->up)
		for (i = 0; i < ov->parent->nkids; i++)
			if (strcmp(ov->parent->kids[i].s, name) == 0) {
				found = &ov->parent->kids[i];
				break;
			}
	return found;
}

static int
render_section(struct render *r, const struct node *nd,
    const struct ctx *cx, const struct ovr *ov, const char *strip,
    size_t striplen)
{
	const struct tally_val *v = lookup(cx, nd);
	struct ctx frame;
	size_t i;

	if (nd->kind == N_INVERTED)
		return tally_val_truthy(v) ? 0
		                           : render_list(r, nd, nd->kids,
		                                 nd->nkids, cx, ov, strip,
		                                 striplen);
	if (!tally_val_truthy(v))
		return 0;
	frame.up = cx;
	if (v->kind != TALLY_VAL_LIST) {
		frame.v = v;
		return render_list(r, nd, nd->kids, nd->nkids, &frame, ov,
		    strip, striplen);
	}
	for (i = 0; i < v->u.list.n; i++) {
		frame.v = v->u.list.items[i];
		if (render_list(r, nd, nd->kids, nd->nkids, &frame, ov, strip,
			striplen) < 0)
			return -1;
	}
	return 0;
}

/*
 * Renders a list of nodes of one region of template source.  `strip` is
 * the indentation that region's lines lose (a block override's own), and
 * `site` the node that caused the rendering, for errors.
 */
static int
render_list(struct render *r, const struct node *site,
    const struct node *nodes, size_t n, const struct ctx *cx,
    const struct ovr *ov, const char *strip, size_t striplen)
{
	size_t i;
	int rc = 0;

	if (n == 0)
		return 0;
	if (r->depth >= MAX_DEPTH)
		return rerr(r, site, "sections and partials nested more than "
		    "%d deep", MAX_DEPTH);
	r->depth++;
	for (i = 0; i < n && rc == 0; i++) {
		const struct node *nd = &nodes[i];
		const struct tpl *t;
		const struct node *o;
		struct ovr frame;

		switch (nd->kind) {
		case N_TEXT:
			put_text(r, nd, strip, striplen);
			break;
		case N_VAR:
		case N_RAW:
			put_value(r, lookup(cx, nd), nd->kind == N_VAR);
			break;
		case N_SECTION:
		case N_INVERTED:
			rc = render_section(r, nd, cx, ov, strip, striplen);
			break;
		case N_PARTIAL:
			/* Blocks in a partial still see the overrides in
			 * force: a partial is a parent without arguments. */
			if ((t = target(r, nd, cx)) != NULL)
				rc = expand(r, nd, t->nodes, t->n, cx, ov,
				    strip, striplen, "", 0);
			break;
		case N_PARENT:
			frame.parent = nd;
			frame.up = ov;
			if ((t = target(r, nd, cx)) != NULL)
				rc = expand(r, nd, t->nodes, t->n, cx, &frame,
				    strip, striplen, "", 0);
			break;
		case N_BLOCK:
			o = find_override(ov, nd->s);
			if (o == NULL)
				rc = render_list(r, nd, nd->kids, nd->nkids,
				    cx, ov, strip, striplen);
			else
				rc = expand(r, nd, o->kids, o->nkids, cx, ov,
				    strip, striplen,
				    o->standalone ? o->ind : "",
				    o->standalone ? o->indlen : 0);
			break;
		}
	}
	r->depth--;
	return rc;
}

int
tally_tpl_render(const struct tally_tplset *set, const char *name,
    const struct tally_val *ctx, struct tally_buf *out,
    struct tally_tpl_error *err)
{
	struct render r;
	struct ctx root = {ctx, NULL};
	const struct tpl *t;
	int rc;

	if (set == NULL || name == NULL ||
	    (t = tpl_find(set, name, strlen(name))) == NULL) {
		if (err != NULL) {
			memset(err, 0, sizeof(*err));
			snprintf(err->tpl, sizeof(err->tpl), "%s",
			    name != NULL ? name : "");
			snprintf(err->msg, sizeof(err->msg),
			    "no template named \"%s\"",
			    name != NULL ? name : "");
		}
		return -1;
	}
	memset(&r, 0, sizeof(r));
	r.set = set;
	r.out = out;
	r.err = err;
	r.pending = 1;
	rc = render_list(&r, NULL, t->nodes, t->n, ctx != NULL ? &root : NULL,
	    NULL, "", 0);
	tally_buf_free(&r.ind);
	return rc;
}
