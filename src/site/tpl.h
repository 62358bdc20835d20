/*
 * tpl.h - the site's Mustache engine: a tree of values to render (built
 * per page in an arena) and a set of named templates compiled once and
 * rendered many times.  It follows the official Mustache spec (comments,
 * delimiters, interpolation, sections, inverted sections, partials,
 * inheritance with parents and blocks, dynamic names); lambdas are not
 * supported, since our templates are logic-less by design and data is
 * plain values.
 *
 * Deviations from the spec, on purpose:
 *  - the empty string is falsey in sections ({{#s}} skips it, {{^s}}
 *    renders), so a template need not test for "present and non-empty"
 *    separately; no spec test depends on the opposite;
 *  - {{x}} also escapes ' (as &#39;), so values are safe in attributes
 *    quoted either way;
 *  - a list or map interpolated as {{x}} renders as nothing; a boolean
 *    as "true" or "false";
 *  - inside a standalone partial, every line of template text is indented,
 *    including lines produced by a non-standalone partial it includes and
 *    every repetition of a section (the spec only says "each line of the
 *    partial"); lines of interpolated values are never indented, and empty
 *    template lines are not, so no trailing blanks appear.
 */
#ifndef TALLY_SITE_TPL_H
#define TALLY_SITE_TPL_H

#include <stddef.h>
#include <stdint.h>

#include "../util/util.h"

/* --- values -------------------------------------------------------------
 * Template data.  Every value lives in the arena given to its builder and
 * dies with it; a value may be shared by several lists and maps.  Numbers
 * are strings holding their text: the site formats them, the engine only
 * prints.  The fields are readable; change values only through the
 * functions below. */

enum tally_val_kind {
	TALLY_VAL_NULL = 0,
	TALLY_VAL_BOOL,
	TALLY_VAL_STRING,
	TALLY_VAL_LIST,
	TALLY_VAL_MAP,
};

struct tally_val;

struct tally_val_pair {
	const char *key;             /* NUL-terminated, in the arena */
	size_t keylen;
	const struct tally_val *val; /* never NULL */
};

struct tally_val {
	enum tally_val_kind kind;
	union {
		int b; /* BOOL: 0 or 1 */
		struct {
			const char *s; /* NUL-terminated */
			size_t len;
		} str;
		struct {
			struct tally_arena *arena;
			const struct tally_val **items;
			size_t n, cap;
		} list;
		struct {
			struct tally_arena *arena;
			struct tally_val_pair *pairs; /* insertion order */
			size_t n, cap;
			uint32_t *index; /* hash slots: pair number + 1, 0 free */
			size_t icap;     /* 0 while the map is small */
		} map;
	} u;
};

/* Builders.  Each returns a new value allocated in `a` (never NULL:
 * allocation failure exits).  tally_val_str and tally_val_strn copy the
 * text into the arena; tally_val_strref borrows it: s[n] must be '\0' and
 * the caller keeps s alive and unchanged as long as the value is used. */
struct tally_val *tally_val_null(struct tally_arena *a);
struct tally_val *tally_val_bool(struct tally_arena *a, int b);
struct tally_val *tally_val_str(struct tally_arena *a, const char *s);
struct tally_val *tally_val_strn(struct tally_arena *a, const char *s,
    size_t n);
struct tally_val *tally_val_strref(struct tally_arena *a, const char *s,
    size_t n);
/* A string from printf-style formatting, e.g. a number's text. */
struct tally_val *tally_val_printf(struct tally_arena *a, const char *fmt,
    ...) TALLY_PRINTF(2, 3);
/* The decimal text of n (what printf's %lld gives, without its cost). */
struct tally_val *tally_val_int(struct tally_arena *a, long long n);
/* An empty list or map; it grows in `a` (amortised doubling). */
struct tally_val *tally_val_list(struct tally_arena *a);
struct tally_val *tally_val_map(struct tally_arena *a);

/* Appends v (NULL means a null value) to list.  Does nothing when list is
 * not a LIST.  The list keeps the pointer: v must live in an arena that
 * lives at least as long. */
void tally_val_push(struct tally_val *list, const struct tally_val *v);
/* Sets key (copied) to v (NULL means a null value) in map.  A new key goes
 * last; an existing key keeps its place and gets the new value.  Does
 * nothing when map is not a MAP.  Amortised O(1). */
void tally_val_set(struct tally_val *map, const char *key,
    const struct tally_val *v);
/* The value of key in map, or NULL when map is NULL, not a MAP, or has no
 * such key.  O(1) on average. */
const struct tally_val *tally_val_get(const struct tally_val *map,
    const char *key);
/* Number of items of a LIST or pairs of a MAP; 0 for anything else. */
size_t tally_val_len(const struct tally_val *v);
/* Item i of a LIST, or NULL when out of range or not a LIST. */
const struct tally_val *tally_val_at(const struct tally_val *list, size_t i);
/* 1 when v counts as true in a section: not NULL, not false, not an empty
 * list, not an empty string.  Maps, even empty, are true. */
int tally_val_truthy(const struct tally_val *v);

/* Appends v to out as bytes that tell any two different values apart
 * (kinds, strings, list items, map pairs in their order), for a digest of
 * what a page shows.  A value that is (pointer-equal to) one of
 * opaque[0..nopaque) is written as its index there, not its contents: for
 * values that one key already covers, such as the site's translations. */
void tally_val_encode(const struct tally_val *v,
    const struct tally_val *const *opaque, size_t nopaque,
    struct tally_buf *out);

/* Appends s[0..n) to out with & < > " ' escaped as &amp; &lt; &gt; &quot;
 * &#39;.  Safe for element content and for attribute values quoted with
 * either quote. */
void tally_html_escape(struct tally_buf *out, const char *s, size_t n);

/* --- templates ----------------------------------------------------------- */

/* Where and why compiling or rendering failed.  Positions are 1-based,
 * columns in code points; line 0 means no position applies (e.g. an
 * unknown template name). */
struct tally_tpl_error {
	char tpl[128]; /* template name, truncated if longer */
	uint32_t line, col;
	char msg[256];
};

/* A set of named templates.  Partials ({{>name}}) and parents
 * ({{<name}}) are looked up by name in the same set when rendering, so
 * templates may be added in any order. */
struct tally_tplset;

/* Returns an empty set; free it with tally_tplset_free. */
struct tally_tplset *tally_tplset_new(void);
/* Frees the set and every template in it.  Accepts NULL. */
void tally_tplset_free(struct tally_tplset *set);

/* Compiles src[0..len) (UTF-8, copied) and adds it under `name`
 * (copied), replacing a template of the same name.  Returns 0, or -1 with
 * *err filled (when err is not NULL) on a malformed template: unclosed
 * tag, empty or malformed tag name, bad set-delimiter tag, unclosed
 * section, mismatched or unexpected end tag, nesting deeper than 100.  On
 * failure the set is unchanged. */
int tally_tplset_add(struct tally_tplset *set, const char *name,
    const char *src, size_t len, struct tally_tpl_error *err);
/* 1 when the set holds a template called name, else 0. */
int tally_tplset_has(const struct tally_tplset *set, const char *name);

/* Renders template `name` with ctx (may be NULL: every name misses) as the
 * bottom of the context stack, appending to out.  An unknown partial or
 * parent renders as nothing, as the spec says.  Returns 0, or -1 with *err
 * filled (when err is not NULL) when `name` is not in the set or
 * expansion nests too deeply (partials, parents or blocks more than 64
 * deep, or sections and expansions together more than 512: a template
 * that includes itself without end).  On failure out holds partial
 * output; the caller decides whether to keep it.  Rendering changes
 * neither the set nor the values, so threads may render from one set at
 * once, each into its own buffer. */
int tally_tpl_render(const struct tally_tplset *set, const char *name,
    const struct tally_val *ctx, struct tally_buf *out,
    struct tally_tpl_error *err);

#endif
