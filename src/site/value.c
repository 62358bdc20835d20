/*
 * value.c - the value tree that templates render, and HTML escaping.  The
 * site builds one tree per page, thousands of times a build, so every
 * value lives in the page's arena (one free per page) and lists and maps
 * grow by doubling inside it.  Maps keep insertion order (the site's JSON
 * and tables follow it) and get a hash index once they outgrow a few
 * keys, so building or reading a map of n keys costs O(n), not O(n²).
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "tpl.h"

/* Below this many keys a linear scan beats hashing. */
#define MAP_SMALL 8

/* Stands in for a NULL pointer given to push or set, so readers never
 * meet NULL inside a tree. */
static const struct tally_val null_val = {.kind = TALLY_VAL_NULL};

static struct tally_val *
val_new(struct tally_arena *a, enum tally_val_kind kind)
{
	struct tally_val *v = tally_arena_alloc(a, sizeof(*v));

	v->kind = kind;
	return v;
}

struct tally_val *
tally_val_null(struct tally_arena *a)
{
	return val_new(a, TALLY_VAL_NULL);
}

struct tally_val *
tally_val_bool(struct tally_arena *a, int b)
{
	struct tally_val *v = val_new(a, TALLY_VAL_BOOL);

	v->u.b = b != 0;
	return v;
}

struct tally_val *
tally_val_strref(struct tally_arena *a, const char *s, size_t n)
{
	struct tally_val *v = val_new(a, TALLY_VAL_STRING);

	v->u.str.s = s != NULL ? s : "";
	v->u.str.len = s != NULL ? n : 0;
	return v;
}

struct tally_val *
tally_val_strn(struct tally_arena *a, const char *s, size_t n)
{
	if (s == NULL)
		return tally_val_strref(a, "", 0);
	return tally_val_strref(a, tally_arena_strndup(a, s, n), n);
}

struct tally_val *
tally_val_str(struct tally_arena *a, const char *s)
{
	return tally_val_strn(a, s, s != NULL ? strlen(s) : 0);
}

struct tally_val *
tally_val_printf(struct tally_arena *a, const char *fmt, ...)
{
	struct tally_buf b = TALLY_BUF_INIT;
	struct tally_val *v;
	va_list ap;

	va_start(ap, fmt);
	tally_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	v = tally_val_strn(a, tally_buf_cstr(&b), b.len);
	tally_buf_free(&b);
	return v;
}

struct tally_val *
tally_val_list(struct tally_arena *a)
{
	struct tally_val *v = val_new(a, TALLY_VAL_LIST);

	v->u.list.arena = a;
	return v;
}

struct tally_val *
tally_val_map(struct tally_arena *a)
{
	struct tally_val *v = val_new(a, TALLY_VAL_MAP);

	v->u.map.arena = a;
	return v;
}

/* Doubles an arena array of n used elements of size `size` (cap 0 starts
 * at `first`).  The old array stays in the arena: the waste is at most the
 * final size, the price of never freeing piecemeal. */
static void *
grow_array(struct tally_arena *a, void *old, size_t n, size_t *cap,
    size_t size, size_t first)
{
	size_t ncap = *cap ? *cap * 2 : first;
	void *p;

	if (ncap < *cap || ncap > SIZE_MAX / size)
		tally_die_oom();
	p = tally_arena_alloc(a, ncap * size);
	if (n)
		memcpy(p, old, n * size);
	*cap = ncap;
	return p;
}

void
tally_val_push(struct tally_val *list, const struct tally_val *v)
{
	if (list == NULL || list->kind != TALLY_VAL_LIST)
		return;
	if (list->u.list.n == list->u.list.cap)
		list->u.list.items = grow_array(list->u.list.arena,
		    list->u.list.items, list->u.list.n, &list->u.list.cap,
		    sizeof(*list->u.list.items), 8);
	list->u.list.items[list->u.list.n++] = v != NULL ? v : &null_val;
}

/* FNV-1a: short keys, no adversary (templates and data are ours). */
static uint32_t
hash_key(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--) {
		h ^= (unsigned char)*s++;
		h *= 16777619u;
	}
	return h;
}

static void
index_put(uint32_t *index, size_t icap, const struct tally_val_pair *p,
    uint32_t slot_val)
{
	size_t mask = icap - 1;
	size_t i = hash_key(p->key, p->keylen) & mask;

	while (index[i] != 0)
		i = (i + 1) & mask;
	index[i] = slot_val;
}

/* Rebuilds the index at twice the size needed, keeping the load below
 * one half so probes stay short. */
static void
index_rebuild(struct tally_val *map, size_t want)
{
	size_t icap = 16;
	size_t i;

	while (icap < want * 2) {
		if (icap > SIZE_MAX / 4)
			tally_die_oom();
		icap *= 2;
	}
	map->u.map.index = tally_arena_alloc(map->u.map.arena,
	    icap * sizeof(*map->u.map.index));
	map->u.map.icap = icap;
	for (i = 0; i < map->u.map.n; i++)
		index_put(map->u.map.index, icap, &map->u.map.pairs[i],
		    (uint32_t)(i + 1));
}

/* Position of key in map->u.map.pairs, or -1. */
static long long
map_find(const struct tally_val *map, const char *key, size_t klen)
{
	const struct tally_val_pair *pairs = map->u.map.pairs;
	size_t i;

	if (map->u.map.icap == 0) {
		for (i = 0; i < map->u.map.n; i++)
			if (pairs[i].keylen == klen &&
			    memcmp(pairs[i].key, key, klen) == 0)
				return (long long)i;
		return -1;
	}
	size_t mask = map->u.map.icap - 1;
	for (i = hash_key(key, klen) & mask; map->u.map.index[i] != 0;
	    i = (i + 1) & mask) {
		const struct tally_val_pair *p =
		    &pairs[map->u.map.index[i] - 1];
		if (p->keylen == klen && memcmp(p->key, key, klen) == 0)
			return (long long)(map->u.map.index[i] - 1);
	}
	return -1;
}

void
tally_val_set(struct tally_val *map, const char *key,
    const struct tally_val *v)
{
	struct tally_val_pair *p;
	size_t klen;
	long long at;

	if (map == NULL || map->kind != TALLY_VAL_MAP || key == NULL)
		return;
	if (v == NULL)
		v = &null_val;
	klen = strlen(key);
	at = map_find(map, key, klen);
	if (at >= 0) {
		map->u.map.pairs[at].val = v;
		return;
	}
	if (map->u.map.n >= UINT32_MAX - 1)
		tally_die_oom();
	if (map->u.map.n == map->u.map.cap)
		map->u.map.pairs = grow_array(map->u.map.arena,
		    map->u.map.pairs, map->u.map.n, &map->u.map.cap,
		    sizeof(*map->u.map.pairs), 8);
	p = &map->u.map.pairs[map->u.map.n++];
	p->key = tally_arena_strndup(map->u.map.arena, key, klen);
	p->keylen = klen;
	p->val = v;
	if (map->u.map.icap != 0 && map->u.map.n * 2 <= map->u.map.icap)
		index_put(map->u.map.index, map->u.map.icap, p,
		    (uint32_t)map->u.map.n);
	else if (map->u.map.n > MAP_SMALL)
		index_rebuild(map, map->u.map.n);
}

const struct tally_val *
tally_val_get(const struct tally_val *map, const char *key)
{
	long long at;

	if (map == NULL || map->kind != TALLY_VAL_MAP || key == NULL)
		return NULL;
	at = map_find(map, key, strlen(key));
	return at >= 0 ? map->u.map.pairs[at].val : NULL;
}

size_t
tally_val_len(const struct tally_val *v)
{
	if (v == NULL)
		return 0;
	if (v->kind == TALLY_VAL_LIST)
		return v->u.list.n;
	if (v->kind == TALLY_VAL_MAP)
		return v->u.map.n;
	return 0;
}

const struct tally_val *
tally_val_at(const struct tally_val *list, size_t i)
{
	if (list == NULL || list->kind != TALLY_VAL_LIST ||
	    i >= list->u.list.n)
		return NULL;
	return list->u.list.items[i];
}

int
tally_val_truthy(const struct tally_val *v)
{
	if (v == NULL)
		return 0;
	switch (v->kind) {
	case TALLY_VAL_NULL:
		return 0;
	case TALLY_VAL_BOOL:
		return v->u.b;
	case TALLY_VAL_STRING:
		return v->u.str.len > 0;
	case TALLY_VAL_LIST:
		return v->u.list.n > 0;
	case TALLY_VAL_MAP:
		return 1;
	}
	return 0;
}

void
tally_html_escape(struct tally_buf *out, const char *s, size_t n)
{
	size_t i, run = 0;
	const char *rep;

	/* Copy runs of plain bytes at once: most text has nothing to
	 * escape, and Chinese text never does. */
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		tally_buf_put(out, s + run, i - run);
		tally_buf_puts(out, rep);
		run = i + 1;
	}
	tally_buf_put(out, s + run, n - run);
}

/* One value as bytes: a kind byte, then the string's length and bytes, a
 * list's length and items, or a map's length and pairs in order.  A value
 * that is one of opaque[] is written as its number there instead of its
 * contents. */
static void
encode(const struct tally_val *v, const struct tally_val *const *opaque,
    size_t nopaque, struct tally_buf *out)
{
	size_t i, n;

	if (v == NULL)
		v = &null_val;
	for (i = 0; i < nopaque; i++)
		if (v == opaque[i]) {
			tally_buf_putc(out, 'O');
			tally_buf_put(out, &i, sizeof(i));
			return;
		}
	switch (v->kind) {
	case TALLY_VAL_NULL:
		tally_buf_putc(out, 'N');
		return;
	case TALLY_VAL_BOOL:
		tally_buf_putc(out, v->u.b ? 'T' : 'F');
		return;
	case TALLY_VAL_STRING:
		tally_buf_putc(out, 'S');
		tally_buf_put(out, &v->u.str.len, sizeof(v->u.str.len));
		tally_buf_put(out, v->u.str.s, v->u.str.len);
		return;
	case TALLY_VAL_LIST:
		n = v->u.list.n;
		tally_buf_putc(out, 'L');
		tally_buf_put(out, &n, sizeof(n));
		for (i = 0; i < n; i++)
			encode(v->u.list.items[i], opaque, nopaque, out);
		return;
	case TALLY_VAL_MAP:
		n = v->u.map.n;
		tally_buf_putc(out, 'M');
		tally_buf_put(out, &n, sizeof(n));
		for (i = 0; i < n; i++) {
			const struct tally_val_pair *p = &v->u.map.pairs[i];
			tally_buf_put(out, &p->keylen, sizeof(p->keylen));
			tally_buf_put(out, p->key, p->keylen);
			encode(p->val, opaque, nopaque, out);
		}
		return;
	}
}

void
tally_val_encode(const struct tally_val *v, const struct tally_val *const *opaque,
    size_t nopaque, struct tally_buf *out)
{
	encode(v, opaque, nopaque, out);
}

struct tally_val *
tally_val_int(struct tally_arena *a, long long n)
{
	char tmp[TALLY_INT_CHARS];
	size_t len;
	const char *p = tally_fmt_int(tmp, n, &len);

	return tally_val_strn(a, p, len);
}
