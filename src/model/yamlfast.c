/*
 * yamlfast.c - a fast reader for the YAML that front matter is written in.
 *
 * libyaml costs some 300 instructions a byte; front matter uses a small,
 * regular part of YAML.  This reader takes exactly that part and builds the
 * same fact tree as the libyaml wrapper (yaml.c): the same keys, the same
 * text, the same 1-based positions in code points.  Everything else makes
 * it decline (return 1) so that libyaml reads the text instead: anchors,
 * aliases, tags, directives, block scalars, explicit keys, scalars or flow
 * collections over several lines, tabs, CR, control characters, escapes
 * it does not know, duplicate keys, and every error.  Declining is always
 * safe; accepting is only done where libyaml's result is known.
 *
 * The subset:
 *   - block mappings whose keys are single-line plain or quoted scalars
 *     followed by ": " or ":" at the end of the line;
 *   - block sequences ("- item"), also without indentation under a key,
 *     with a mapping started on the entry's line ("- id: x");
 *   - single-line plain scalars, single-quoted ('' for '), double-quoted
 *     with the usual escapes (not \0 or anything giving NUL);
 *   - flow sequences and mappings ([a, b], {k: v}) on one line, nested;
 *   - comment lines and comments after a value (" #").
 */
#include <stdalign.h>
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define FAST_SSE2 1
#endif

#include "model.h"
#include "yamlfast.h"

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#define INLINE inline __attribute__((always_inline))
#else
#define NOINLINE
#define INLINE inline
#endif

#define FAST_MAX_DEPTH 48    /* well under yaml.c's 64 */
#define FAST_MAX_KEY 1000    /* libyaml: a simple key spans <= 1024 chars */

#define DECLINE 1
#define TRY(x) do { if ((x) != 0) return DECLINE; } while (0)

struct scal {
	const char *text; /* NUL-terminated when owned */
	size_t len;
	int quoted;
	int owned;        /* text is an arena copy already */
};

struct fp {
	struct tally_arena *arena;
	const char *text;
	const char *end;
	/* an arena copy of the text: a node's key and text are their bytes in
	 * it, each ended by a NUL put over the byte after it (a separator,
	 * never part of another scalar) */
	char *copy;
	uint32_t first_line;
	/* the current content line */
	const char *ls;   /* its first byte */
	const char *le;   /* its '\n', or end */
	uint32_t line;    /* 0-based line of ls */
	size_t indent;    /* leading spaces */
	int eof;          /* no content line left */
	int depth;
	/* the last position asked (pos_of) */
	const char *cline, *cptr;
	uint32_t ccol;
	/* the key of the next node, checked (take_key) */
	struct scal key;
	struct tally_pos key_pos;
	int has_key;
	/* nodes are cut from pieces of the arena (see node_mem) */
	char *pool, *pool_end;
};


/* ---------------------------------------------------------------------
 * Characters
 * ------------------------------------------------------------------- */

/* 1 when every character of s[0..n) is one libyaml reads without
 * complaint and that this reader treats like libyaml: printable ASCII,
 * '\n', and UTF-8 for U+00A0..U+10FFFF minus the surrogates, U+2028,
 * U+2029, U+FEFF, U+FFFE and U+FFFF.  Tabs, CR, NEL and other controls
 * make the reader decline. */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Some byte of the word x is neither printable ASCII nor '\n'.  Exact:
 * no carry crosses a byte. */
static int
word_not_printable(uint64_t x)
{
	uint64_t lo7 = x & ~HIGHS;
	uint64_t ge20 = (lo7 + ONES * 0x60) & HIGHS;   /* low 7 bits >= 0x20 */
	uint64_t is7f = (lo7 + ONES * 0x01) & HIGHS;   /* low 7 bits == 0x7f */
	uint64_t z = x ^ (ONES * '\n');
	uint64_t nz = ((z & ~HIGHS) + ~HIGHS) | z;      /* high bit: byte != '\n' */

	return ((x & HIGHS) | is7f | (~ge20 & nz & HIGHS)) != 0;
}

/* Some byte of the word x is c (exact as a whole: a borrow only follows
 * a byte that matched). */
static int
word_has(uint64_t x, unsigned char c)
{
	uint64_t z = x ^ (ONES * c);

	return ((z - ONES) & ~z & HIGHS) != 0;
}

static uint64_t
load64(const unsigned char *s)
{
	uint64_t x;

	memcpy(&x, s, 8);
	return x;
}

/* Reads one character that is not printable ASCII at s[*i]; 0 when this
 * reader declines it. */
static int
char_ok(const unsigned char *s, size_t n, size_t *i)
{
	size_t k = *i;
	unsigned c = s[k];
	uint32_t cp;

	if (c >= 0x20 && c < 0x7f) {
		*i = k + 1;
		return 1;
	}
	if (c == '\n') {
		*i = k + 1;
		return 1;
	}
	if (c >= 0xe3 && c <= 0xec && k + 2 < n) {
		/* U+3000..U+CFFF (CJK): any continuation bytes will do */
		if ((s[k + 1] & 0xc0) != 0x80 || (s[k + 2] & 0xc0) != 0x80)
			return 0;
		*i = k + 3;
		return 1;
	}
	if (c < 0xc2)
		return 0;
	if (c < 0xe0) {
		if (k + 1 >= n || (s[k + 1] & 0xc0) != 0x80)
			return 0;
		if (c == 0xc2 && s[k + 1] < 0xa0)
			return 0; /* C1 controls, NEL */
		*i = k + 2;
		return 1;
	}
	if (c < 0xf0) {
		if (k + 2 >= n || (s[k + 1] & 0xc0) != 0x80 ||
		    (s[k + 2] & 0xc0) != 0x80)
			return 0;
		cp = ((uint32_t)(c & 0x0f) << 12) |
		    ((uint32_t)(s[k + 1] & 0x3f) << 6) | (s[k + 2] & 0x3f);
		if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff) ||
		    cp == 0x2028 || cp == 0x2029 || cp == 0xfeff || cp >= 0xfffe)
			return 0;
		*i = k + 3;
		return 1;
	}
	if (c < 0xf5) {
		if (k + 3 >= n || (s[k + 1] & 0xc0) != 0x80 ||
		    (s[k + 2] & 0xc0) != 0x80 || (s[k + 3] & 0xc0) != 0x80)
			return 0;
		cp = ((uint32_t)(c & 0x07) << 18) |
		    ((uint32_t)(s[k + 1] & 0x3f) << 12) |
		    ((uint32_t)(s[k + 2] & 0x3f) << 6) | (s[k + 3] & 0x3f);
		if (cp < 0x10000 || cp > 0x10ffff)
			return 0;
		*i = k + 4;
		return 1;
	}
	return 0;
}

/* 1 when every character of s[0..n) is one libyaml reads without
 * complaint and that this reader treats like libyaml: printable ASCII,
 * '\n', and UTF-8 for U+00A0..U+10FFFF minus the surrogates, U+2028,
 * U+2029, U+FEFF, U+FFFE and U+FFFF.  Tabs, CR, NEL and other controls
 * make the reader decline.  Eight bytes at a time while they are
 * printable ASCII. */
static int
text_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t stop;

#ifdef FAST_SSE2
		/* Sixteen bytes at a time: 0x20..0x7e (as signed bytes, the
		 * UTF-8 bytes are negative) or '\n'. */
		if (n - i >= 16) {
			__m128i x = _mm_loadu_si128(
			    (const __m128i *)(const void *)(s + i));
			__m128i ok = _mm_or_si128(_mm_and_si128(
			    _mm_cmpgt_epi8(x, _mm_set1_epi8(0x1f)),
			    _mm_cmplt_epi8(x, _mm_set1_epi8(0x7f))),
			    _mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));

			unsigned m = (unsigned)_mm_movemask_epi8(ok);

			if (m == 0xffff) {
				i += 16;
				continue;
			}
			/* character by character from the first byte that
			 * is not printable ASCII to the end of the block
			 * (text with some Chinese in it is mostly such
			 * blocks: a word would seldom pass) */
			stop = i + 16;
			i += (size_t)__builtin_ctz(~m);
		} else
#endif
		if (n - i >= 8 && !word_not_printable(load64(s + i))) {
			i += 8;
			continue;
		} else {
			/* character by character to the end of this word */
			stop = i + 8 < n ? i + 8 : n;
		}
		while (i < stop)
			if (!char_ok(s, n, &i))
				return 0;
	}
	return 1;
}

/* text_ok for text known to be valid UTF-8 (tally_utf8_valid passed):
 * a character is then refused for its bytes alone (an ASCII control; C2
 * 80..C2 9F: C1 controls; E2 80 A8, E2 80 A9: U+2028, U+2029; EF BB BF:
 * U+FEFF; EF BF BE, EF BF BF: U+FFFE, U+FFFF), looked for in sixteen
 * bytes at once with the two bytes after each, so a block with none of
 * them passes whole, Chinese included.  A block with one is read
 * character by character, from the end of the character the last whole
 * block ended in. */
static int
text_ok_valid(const unsigned char *s, size_t n)
{
#ifdef FAST_SSE2
	size_t i = 0, stop;

#define EQ8(v, c) _mm_cmpeq_epi8((v), _mm_set1_epi8((char)(c)))
	while (n - i >= 18) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i ascii = _mm_or_si128(_mm_and_si128(
		    _mm_cmpgt_epi8(x, _mm_set1_epi8(0x1f)),
		    _mm_cmplt_epi8(x, _mm_set1_epi8(0x7f))), EQ8(x, '\n'));
		unsigned ma = (unsigned)_mm_movemask_epi8(ascii);
		unsigned mh = (unsigned)_mm_movemask_epi8(x);

		/* printable ASCII and '\n', and the bytes of characters of
		 * the leads that need no look at the bytes after them */
		if ((ma | mh) == 0xffff) {
			__m128i lead = _mm_or_si128(_mm_or_si128(EQ8(x, 0xc2),
			    EQ8(x, 0xe2)), EQ8(x, 0xef));
			__m128i x1, x2, bad;

			if (_mm_movemask_epi8(lead) == 0) {
				i += 16;
				continue;
			}
			x1 = _mm_loadu_si128(
			    (const __m128i *)(const void *)(s + i + 1));
			x2 = _mm_loadu_si128(
			    (const __m128i *)(const void *)(s + i + 2));
			/* C2 80..9F: as a signed byte, the second is below
			 * -96 */
			bad = _mm_and_si128(EQ8(x, 0xc2),
			    _mm_cmplt_epi8(x1, _mm_set1_epi8((char)0xa0)));
			bad = _mm_or_si128(bad, _mm_and_si128(
			    _mm_and_si128(EQ8(x, 0xe2), EQ8(x1, 0x80)),
			    _mm_or_si128(EQ8(x2, 0xa8), EQ8(x2, 0xa9))));
			bad = _mm_or_si128(bad, _mm_and_si128(EQ8(x, 0xef),
			    _mm_or_si128(_mm_and_si128(EQ8(x1, 0xbb),
			    EQ8(x2, 0xbf)), _mm_and_si128(EQ8(x1, 0xbf),
			    _mm_or_si128(EQ8(x2, 0xbe), EQ8(x2, 0xbf))))));
			if (_mm_movemask_epi8(bad) == 0) {
				i += 16;
				continue;
			}
		}
		stop = i + 16;
		while (i < stop && (s[i] & 0xc0) == 0x80)
			i++;
		while (i < stop)
			if (!char_ok(s, n, &i))
				return 0;
	}
#undef EQ8
	while (i < n && (s[i] & 0xc0) == 0x80)
		i++;
	return text_ok(s + i, n - i);
#else
	return text_ok(s, n);
#endif
}

static const char *
skip_spaces(const char *p, const char *le)
{
	while (p < le && *p == ' ')
		p++;
	return p;
}

/* skip_spaces for the indentation of a line: eight bytes at a time where
 * the text holds eight more (end), stopping at le. */
static const char *
skip_indent(const char *p, const char *le, const char *end)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (end - p >= 8) {
		uint64_t x = load64((const unsigned char *)p) ^ (ONES * ' ');
		if (x != 0) {
			p += __builtin_ctzll(x) / 8;
			return p < le ? p : le;
		}
		p += 8;
		if (p >= le)
			return le;
	}
#endif
	return skip_spaces(p, le);
}

/* A block sequence entry: "-" followed by a space or the end of line. */
static int
is_entry(const char *p, const char *le)
{
	return p < le && *p == '-' && (p + 1 == le || p[1] == ' ');
}

/* The bytes a plain scalar may not start with (1), and '-' (2), which it
 * may start with before some (plain_start_dash). */
static const unsigned char plain_start_no[256] = {
	['?'] = 1, [':'] = 1, [','] = 1, ['['] = 1, [']'] = 1, ['{'] = 1,
	['}'] = 1, ['#'] = 1, ['&'] = 1, ['*'] = 1, ['!'] = 1, ['|'] = 1,
	['>'] = 1, ['\''] = 1, ['"'] = 1, ['%'] = 1, ['@'] = 1, ['`'] = 1,
	[' '] = 1, ['-'] = 2,
};

static int
plain_start_dash(const char *p, const char *le)
{
	unsigned char d;

	if (p + 1 >= le)
		return 0;
	d = (unsigned char)p[1];
	return (d >= '0' && d <= '9') || (d >= 'a' && d <= 'z') ||
	    (d >= 'A' && d <= 'Z') || d == '.' || d >= 0x80;
}

/* 1 when a plain scalar may start at p.  Indicators decline, except '-'
 * before a character that cannot end or split the scalar. */
static inline int
plain_start_ok(const char *p, const char *le)
{
	unsigned char v = plain_start_no[(unsigned char)*p];

	if (v == 0)
		return 1;
	return v == 2 && plain_start_dash(p, le);
}

/* ---------------------------------------------------------------------
 * Lines and positions
 * ------------------------------------------------------------------- */

/* The '\n' that ends the line at p, or end: sixteen bytes a load (lines
 * of front matter are short: memchr's call costs more than it saves). */
static INLINE const char *
line_end(const char *p, const char *end)
{
#ifdef FAST_SSE2
	while (end - p >= 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)p),
		    _mm_set1_epi8('\n')));
		if (m != 0)
			return p + __builtin_ctz(m);
		p += 16;
	}
#endif
	p = memchr(p, '\n', (size_t)(end - p));
	return p ? p : end;
}

/* Finds the first content line at or after `from` (the start of line
 * f->line): blank lines and comment lines are skipped. */
static int
seek_content(struct fp *f, const char *from)
{
	while (from < f->end) {
		const char *le = line_end(from, f->end);
		const char *p;

		p = skip_indent(from, le, f->end);
		if (p < le && *p != '#') {
			/* document markers */
			if (p == from && le - from >= 3 &&
			    (memcmp(from, "---", 3) == 0 ||
			    memcmp(from, "...", 3) == 0))
				return DECLINE;
			f->ls = from;
			f->le = le;
			f->indent = (size_t)(p - from);
			return 0;
		}
		if (le == f->end)
			break;
		from = le + 1;
		f->line++;
	}
	f->eof = 1;
	f->ls = f->le = f->end;
	f->indent = 0;
	return 0;
}

static int
next_line(struct fp *f)
{
	if (f->le >= f->end) {
		f->eof = 1;
		f->ls = f->le = f->end;
		f->indent = 0;
		return 0;
	}
	f->line++;
	return seek_content(f, f->le + 1);
}

/* Position of p on the current line; columns count code points.  Counts
 * from the last position asked on the line when p is after it, eight bytes
 * at a time where they hold no UTF-8 continuation byte. */
static NOINLINE struct tally_pos
pos_count(struct fp *f, const char *p)
{
	struct tally_pos pos;
	const char *q;
	uint32_t col;

	if (f->cline == f->ls && f->cptr <= p) {
		q = f->cptr;
		col = f->ccol;
	} else {
		q = f->ls + f->indent;
		col = (uint32_t)f->indent + 1;
		if (p < q) {
			q = p;
			col = (uint32_t)(p - f->ls) + 1;
		}
	}
#ifdef FAST_SSE2
	/* Sixteen bytes a load, the last few masked off at p while the text
	 * still holds sixteen bytes: every byte that is not a continuation
	 * byte (as a signed byte, -128..-65) is a code point. */
	while (q < p && f->end - q >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
		unsigned m = (unsigned)_mm_movemask_epi8(
		    _mm_cmplt_epi8(x, _mm_set1_epi8(-64)));
		size_t k = p - q < 16 ? (size_t)(p - q) : 16;

		m &= (1u << k) - 1;
		col += (uint32_t)k;
		if (m != 0) {
			m = m - ((m >> 1) & 0x5555u);
			m = (m & 0x3333u) + ((m >> 2) & 0x3333u);
			m = (m + (m >> 4)) & 0x0f0fu;
			col -= (m + (m >> 8)) & 0x1fu;
		}
		q += k;
	}
#endif
	while (p - q >= 8 && (load64((const unsigned char *)q) & HIGHS) == 0) {
		q += 8;
		col += 8;
	}
	for (; q < p; q++)
		col += ((unsigned char)*q & 0xc0) != 0x80;
	f->cline = f->ls;
	f->cptr = p;
	f->ccol = col;
	pos.line = f->line + f->first_line;
	pos.col = col;
	return pos;
}

/* The first content of a line (a key, an entry) is at its indentation;
 * a value is mostly a few ASCII bytes after the last position asked (its
 * key), counted here from one load. */
static INLINE struct tally_pos
pos_of(struct fp *f, const char *p)
{
	struct tally_pos pos;

	if (p == f->ls + f->indent) {
		f->cline = f->ls;
		f->cptr = p;
		f->ccol = (uint32_t)f->indent + 1;
	} else {
#ifdef FAST_SSE2
		const char *q = f->cptr;
		if (f->cline == f->ls && q <= p && p - q <= 16 &&
		    f->end - q >= 16) {
			__m128i x = _mm_loadu_si128(
			    (const __m128i *)(const void *)q);
			unsigned m = (unsigned)_mm_movemask_epi8(x) &
			    ((1u << (p - q)) - 1);
			if (m != 0)
				return pos_count(f, p);
			f->ccol += (uint32_t)(p - q);
			f->cptr = p;
		} else
#endif
			return pos_count(f, p);
	}
	pos.line = f->line + f->first_line;
	pos.col = f->ccol;
	return pos;
}

/* ---------------------------------------------------------------------
 * Scalars
 * ------------------------------------------------------------------- */

/* Bytes that may end a plain scalar: in block context ':' and '#', in a
 * flow collection also , [ ] { }. */
static const unsigned char stop_block[256] = {[':'] = 1, ['#'] = 1};
static const unsigned char stop_flow[256] = {[':'] = 1, ['#'] = 1,
    [','] = 1, ['['] = 1, [']'] = 1, ['{'] = 1, ['}'] = 1};

static size_t
trimmed_len(const char *p, const char *q)
{
	while (q > p && q[-1] == ' ')
		q--;
	return (size_t)(q - p);
}

/* A plain scalar in block context from p: it ends at ": ", at ':' before
 * the end of the line, at " #" or at the end of the line; trailing spaces
 * are not part of it.  Returns where it stopped.  end: the end of the
 * text (le <= end), up to which bytes may be read. */
static INLINE const char *
scan_plain_block(const char *p, const char *le, const char *end,
    struct scal *sc)
{
	const char *q = p;

	for (;;) {
#ifdef FAST_SSE2
		/* To the first ':' or '#' sixteen bytes at a time, reading
		 * no further than the line end; the last part of the line
		 * (most keys and values are shorter than sixteen bytes)
		 * from one more load that the text still holds, the bytes
		 * past the line end masked off. */
		while (le - q >= 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			    _mm_cmpeq_epi8(x, _mm_set1_epi8(':')),
			    _mm_cmpeq_epi8(x, _mm_set1_epi8('#'))));

			if (m != 0) {
				q += __builtin_ctz(m);
				goto found;
			}
			q += 16;
		}
		if (q < le && end - q >= 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			    _mm_cmpeq_epi8(x, _mm_set1_epi8(':')),
			    _mm_cmpeq_epi8(x, _mm_set1_epi8('#'))));

			m &= (1u << (le - q)) - 1; /* le - q < 16 */
			if (m == 0) {
				q = le; /* the whole rest of the line */
				break;
			}
			q += __builtin_ctz(m);
			goto found;
		}
#endif
		while (le - q >= 8) {
			uint64_t x = load64((const unsigned char *)q);
			if (word_has(x, ':') || word_has(x, '#'))
				break;
			q += 8;
		}
		while (q < le && !stop_block[(unsigned char)*q])
			q++;
#ifdef FAST_SSE2
found:
#endif
		if (q >= le)
			break;
		if (*q == ':' && (q + 1 == le || q[1] == ' '))
			break;
		if (*q == '#' && q > p && q[-1] == ' ')
			break;
		q++;
	}
	sc->text = p;
	sc->len = trimmed_len(p, q);
	sc->quoted = 0;
	sc->owned = 0;
	return q;
}

/* A plain scalar in a flow collection: it ends at , [ ] { }, at ": " or
 * at the end of the line.  Any other ':' and " #" decline. */
static int
scan_plain_flow(const char *p, const char *le, struct scal *sc,
    const char **after)
{
	const char *q = p;

	for (;;) {
		while (q < le && !stop_flow[(unsigned char)*q])
			q++;
		if (q >= le || (*q != ':' && *q != '#'))
			break;
		if (*q == ':') {
			if (q + 1 < le && q[1] == ' ')
				break;
			return DECLINE;
		}
		if (q > p && q[-1] == ' ')
			return DECLINE; /* a comment */
		q++;
	}
	sc->text = p;
	sc->len = trimmed_len(p, q);
	sc->quoted = 0;
	sc->owned = 0;
	*after = q;
	return 0;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static char *
put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xc0 | (cp >> 6));
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xe0 | (cp >> 12));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*o++ = (char)(0xf0 | (cp >> 18));
		*o++ = (char)(0x80 | ((cp >> 12) & 0x3f));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	}
	return o;
}

/* Decodes the body of a double-quoted scalar s[0..n) (its escapes) into
 * the arena. */
static int
decode_double(struct fp *f, const char *s, size_t n, struct scal *sc)
{
	/* an escape of 2 bytes gives at most 3 (\L, \P) */
	char *out = tally_arena_alloc_raw(f->arena, n * 2 + 1);
	char *o = out;
	const char *p = s, *e = s + n;

	while (p < e) {
		uint32_t cp;
		int k, digits;

		if (*p != '\\') {
			*o++ = *p++;
			continue;
		}
		if (p + 1 >= e)
			return DECLINE;
		digits = 0;
		switch (p[1]) {
		case 'a': *o++ = '\a'; break;
		case 'b': *o++ = '\b'; break;
		case 't': *o++ = '\t'; break;
		case 'n': *o++ = '\n'; break;
		case 'v': *o++ = '\v'; break;
		case 'f': *o++ = '\f'; break;
		case 'r': *o++ = '\r'; break;
		case 'e': *o++ = '\x1b'; break;
		case ' ': *o++ = ' '; break;
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case 'N': o = put_utf8(o, 0x85); break;
		case '_': o = put_utf8(o, 0xa0); break;
		case 'L': o = put_utf8(o, 0x2028); break;
		case 'P': o = put_utf8(o, 0x2029); break;
		case 'x': digits = 2; break;
		case 'u': digits = 4; break;
		case 'U': digits = 8; break;
		default:
			return DECLINE; /* \0, \/, line breaks, unknown */
		}
		p += 2;
		if (digits == 0)
			continue;
		if (e - p < digits)
			return DECLINE;
		cp = 0;
		for (k = 0; k < digits; k++) {
			int v = hexval(p[k]);
			if (v < 0)
				return DECLINE;
			cp = (cp << 4) | (uint32_t)v;
		}
		if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return DECLINE;
		o = put_utf8(o, cp);
		p += digits;
	}
	*o = '\0';
	sc->text = out;
	sc->len = (size_t)(o - out);
	sc->owned = 1;
	return 0;
}

/* A quoted scalar starting at p (the quote), closed on the same line. */
static int
scan_quoted(struct fp *f, const char *p, const char *le, struct scal *sc,
    const char **after)
{
	const char *s = p + 1, *q = s;

	sc->quoted = 1;
	sc->owned = 0;
	if (*p == '\'') {
		int twice = 0;
		for (;;) {
			q = memchr(q, '\'', (size_t)(le - q));
			if (q == NULL)
				return DECLINE;
			if (q + 1 < le && q[1] == '\'') {
				twice = 1;
				q += 2;
				continue;
			}
			break;
		}
		*after = q + 1;
		if (!twice) {
			sc->text = s;
			sc->len = (size_t)(q - s);
		} else {
			char *out = tally_arena_alloc_raw(f->arena,
			    (size_t)(q - s) + 1);
			char *o = out;
			const char *r;
			for (r = s; r < q; r++) {
				*o++ = *r;
				if (*r == '\'')
					r++;
			}
			*o = '\0';
			sc->text = out;
			sc->len = (size_t)(o - out);
			sc->owned = 1;
		}
		return 0;
	} else {
		int esc = 0;
		while (q < le && *q != '"') {
			if (*q == '\\') {
				esc = 1;
				q++;
				if (q >= le)
					return DECLINE;
			}
			q++;
		}
		if (q >= le)
			return DECLINE;
		*after = q + 1;
		if (!esc) {
			sc->text = s;
			sc->len = (size_t)(q - s);
			return 0;
		}
		return decode_double(f, s, (size_t)(q - s), sc);
	}
}

/* ---------------------------------------------------------------------
 * Facts
 * ------------------------------------------------------------------- */

/* Nodes (new_node): the pending key, if any, becomes the key of the next
 * node made, as the value of a key is always the first node made after
 * it. */
#define POOL_PIECE 4096
#define POOL_ALIGN (alignof(struct tally_fact) > sizeof(void *) ? \
	alignof(struct tally_fact) : sizeof(void *))

/* n bytes for a node and its text: a front matter makes a hundred
 * nodes, cut from a few pieces of the arena rather than an arena call
 * each.  A piece's unused end stays unused (the arena frees it with the
 * rest). */
static char *
node_mem(struct fp *f, size_t n)
{
	char *m;

	n = (n + POOL_ALIGN - 1) & ~(size_t)(POOL_ALIGN - 1);
	if ((size_t)(f->pool_end - f->pool) >= n) {
		m = f->pool;
		f->pool += n;
		return m;
	}
	if (n > POOL_PIECE / 4)
		return tally_arena_alloc_raw(f->arena, n);
	m = tally_arena_alloc_raw(f->arena, POOL_PIECE);
	f->pool = m + n;
	f->pool_end = m + POOL_PIECE;
	return m;
}

/* The scalar text sc as a NUL-terminated string of the arena. */
static const char *
scal_text(struct fp *f, const struct scal *sc)
{
	char *t;

	if (sc->owned)
		return sc->text;
	t = f->copy + (sc->text - f->text);
	t[sc->len] = '\0';
	return t;
}

static INLINE struct tally_fact *
new_node(struct fp *f, enum tally_fact_kind kind, struct tally_pos pos)
{
	struct tally_fact *x = (struct tally_fact *)(void *)node_mem(f,
	    sizeof(struct tally_fact));

	*x = (struct tally_fact){.kind = kind, .pos = pos, .text = ""};
	if (f->has_key) {
		x->key = scal_text(f, &f->key);
		x->key_pos = f->key_pos;
		f->has_key = 0;
	}
	return x;
}

static struct tally_fact *
scalar_node(struct fp *f, const struct scal *sc, struct tally_pos pos)
{
	const char *s = sc->text;
	size_t n = sc->len;
	struct tally_fact *x = new_node(f, TALLY_FACT_SCALAR, pos);

	x->text = scal_text(f, sc);
	x->len = n;
	x->quoted = sc->quoted;
	if (!sc->quoted)
		x->is_null = n == 0 || (n == 1 && s[0] == '~') ||
		    (n == 4 && (!memcmp(s, "null", 4) ||
		    !memcmp(s, "Null", 4) || !memcmp(s, "NULL", 4)));
	return x;
}

static void
add_child(struct tally_fact *parent, struct tally_fact **last,
    struct tally_fact *c)
{
	c->parent = parent;
	c->index = parent->nchild++;
	if (*last)
		(*last)->next = c;
	else
		parent->child = c;
	*last = c;
}

/* The lengths of a map's first keys, for the duplicate check, and a bit
 * for each of its keys (key_bit): a key whose bit is not set yet has no
 * earlier equal, with no key to compare. */
#define KEYSET_MAX 64
struct keyset {
	uint32_t len[KEYSET_MAX];
	size_t n;
	uint64_t bits;
};

static uint64_t
key_bit(const struct scal *sc)
{
	size_t n = sc->len;
	unsigned h = (unsigned)n * 7u;

	if (n > 0)
		h += (unsigned char)sc->text[0] * 3u +
		    (unsigned char)sc->text[n - 1];
	return (uint64_t)1 << (h & 63);
}

/* Makes sc the key of the next node, or declines on a duplicate key of
 * map (yaml.c words that error).  Keys hold no NUL: text_ok and the
 * escapes refuse it. */
static NOINLINE int
key_taken(const struct tally_fact *map, const struct keyset *ks,
    const struct scal *sc)
{
	const struct tally_fact *c;
	size_t i = 0, n = sc->len;

	for (c = map->child; c; c = c->next, i++) {
		size_t cl = i < KEYSET_MAX ? ks->len[i] : strlen(c->key);
		if (cl == n && (n == 0 || c->key[0] == sc->text[0]) &&
		    memcmp(c->key, sc->text, n) == 0)
			return 1;
	}
	return 0;
}

static INLINE int
take_key(struct fp *f, const struct tally_fact *map, struct keyset *ks,
    const struct scal *sc, struct tally_pos kpos)
{
	uint64_t bit = key_bit(sc);

	/* The keys are compared (out of line) only when one may be equal. */
	if ((ks->bits & bit) != 0 && key_taken(map, ks, sc))
		return DECLINE;
	if (ks->n < KEYSET_MAX)
		ks->len[ks->n] = (uint32_t)sc->len;
	ks->n++;
	ks->bits |= bit;
	f->key = *sc;
	f->key_pos = kpos;
	f->has_key = 1;
	return 0;
}

/* ---------------------------------------------------------------------
 * Flow collections (on one line)
 * ------------------------------------------------------------------- */

static int parse_flow(struct fp *f, const char *p, struct tally_fact **out,
    const char **after);

/* One flow scalar or collection at p. */
static int
flow_item(struct fp *f, const char *p, struct tally_fact **out,
    const char **after)
{
	struct scal sc;
	struct tally_pos pos;

	if (p >= f->le)
		return DECLINE;
	if (*p == '[' || *p == '{')
		return parse_flow(f, p, out, after);
	pos = pos_of(f, p);
	if (*p == '"' || *p == '\'') {
		TRY(scan_quoted(f, p, f->le, &sc, after));
	} else {
		if (!plain_start_ok(p, f->le))
			return DECLINE;
		TRY(scan_plain_flow(p, f->le, &sc, after));
	}
	*out = scalar_node(f, &sc, pos);
	return 0;
}

static int
parse_flow(struct fp *f, const char *p, struct tally_fact **out,
    const char **after)
{
	const char *le = f->le;
	int is_map = *p == '{';
	char close = is_map ? '}' : ']';
	struct tally_fact *node, *last = NULL, *item;
	struct keyset ks;

	ks.n = 0;
	ks.bits = 0;
	if (++f->depth > FAST_MAX_DEPTH)
		return DECLINE;
	node = new_node(f, is_map ? TALLY_FACT_MAP : TALLY_FACT_SEQ,
	    pos_of(f, p));
	p = skip_spaces(p + 1, le);
	if (p < le && *p == close) {
		p++;
		goto done;
	}
	for (;;) {
		if (is_map) {
			struct scal k;
			struct tally_pos kpos;
			const char *q;

			if (p >= le)
				return DECLINE;
			kpos = pos_of(f, p);
			if (*p == '"' || *p == '\'') {
				TRY(scan_quoted(f, p, le, &k, &q));
				q = skip_spaces(q, le);
			} else {
				if (!plain_start_ok(p, le))
					return DECLINE;
				TRY(scan_plain_flow(p, le, &k, &q));
			}
			if (q + 1 >= le || q[0] != ':' || q[1] != ' ' ||
			    q - p > FAST_MAX_KEY)
				return DECLINE;
			TRY(take_key(f, node, &ks, &k, kpos));
			p = skip_spaces(q + 1, le);
			if (p < le && (*p == ',' || *p == close))
				return DECLINE; /* empty value */
			TRY(flow_item(f, p, &item, &p));
		} else {
			TRY(flow_item(f, p, &item, &p));
		}
		add_child(node, &last, item);
		p = skip_spaces(p, le);
		if (p >= le)
			return DECLINE;
		if (*p == close) {
			p++;
			break;
		}
		if (*p != ',')
			return DECLINE;
		p = skip_spaces(p + 1, le);
		if (p >= le || *p == close || *p == ',')
			return DECLINE;
	}
done:
	f->depth--;
	*out = node;
	*after = p;
	return 0;
}

/* ---------------------------------------------------------------------
 * Block collections
 * ------------------------------------------------------------------- */

static int parse_block_node(struct fp *f, struct tally_fact **out);
static int parse_seq(struct fp *f, size_t n, int indentless,
    struct tally_fact **out);
static int parse_map(struct fp *f, size_t n, const char *p,
    struct tally_fact **out);

/* The rest of a line after a value at q: spaces and an optional comment
 * (a '#' after a space: q follows a non-empty value). */
static int
line_rest_ok(const char *q, const char *le)
{
	const char *r = skip_spaces(q, le);

	return r == le || (*r == '#' && r[-1] == ' ');
}

/* A plain scalar value at p (pos), which may start one, to the end of
 * the line; leaves f on the next content line.  The usual value: parse_map
 * reads it without a call to parse_value. */
static INLINE int
plain_value(struct fp *f, const char *p, struct tally_pos pos,
    struct tally_fact **out)
{
	const char *le = f->le, *q;
	struct scal sc;

	q = scan_plain_block(p, le, f->end, &sc);
	if (q < le && *q == ':')
		return DECLINE; /* "a: b: c" */
	*out = scalar_node(f, &sc, pos);
	if (!line_rest_ok(q, le))
		return DECLINE;
	return next_line(f);
}

/* The value after "key:" or "- " at v on the current line, in a mapping
 * (in_map) or a sequence at indentation n.  Leaves f on the next content
 * line after the value. */
static int
parse_value(struct fp *f, size_t n, const char *v, int in_map,
    struct tally_fact **out)
{
	const char *le = f->le;
	const char *p = skip_spaces(v, le), *q;
	struct tally_pos pos;
	struct scal sc;

	if (p < le && *p != '#') {
		pos = pos_of(f, p);
		if (plain_start_no[(unsigned char)*p] == 0)
			return plain_value(f, p, pos, out);
		if (*p == '[' || *p == '{') {
			TRY(parse_flow(f, p, out, &q));
		} else if (*p == '"' || *p == '\'') {
			TRY(scan_quoted(f, p, le, &sc, &q));
			*out = scalar_node(f, &sc, pos);
		} else {
			if (!plain_start_ok(p, le))
				return DECLINE;
			q = scan_plain_block(p, le, f->end, &sc);
			if (q < le && *q == ':')
				return DECLINE; /* "a: b: c" */
			*out = scalar_node(f, &sc, pos);
		}
		if (!line_rest_ok(q, le))
			return DECLINE;
		return next_line(f);
	}
	/* nothing on the line: a node on the next lines, or null just
	 * after the indicator */
	pos = pos_of(f, v);
	TRY(next_line(f));
	if (!f->eof && f->indent > n)
		return parse_block_node(f, out);
	if (!f->eof && f->indent == n && in_map &&
	    is_entry(f->ls + n, f->le))
		return parse_seq(f, n, 1, out); /* not indented under its key */
	sc.text = "";
	sc.len = 0;
	sc.quoted = 0;
	sc.owned = 1;
	*out = scalar_node(f, &sc, pos);
	return 0;
}

/* 1 when a key ("name:" or "'name':") starts at p on the current line. */
static int
key_at(struct fp *f, const char *p)
{
	const char *le = f->le, *q;
	struct scal sc;

	if (*p == '"' || *p == '\'') {
		const char *s = p + 1;
		char qc = *p;
		/* the closing quote, without decoding */
		for (q = s; q < le; q++) {
			if (qc == '"' && *q == '\\') {
				q++;
				continue;
			}
			if (*q == qc) {
				if (qc == '\'' && q + 1 < le && q[1] == '\'') {
					q++;
					continue;
				}
				break;
			}
		}
		if (q >= le)
			return 0;
		q = skip_spaces(q + 1, le);
	} else {
		if (!plain_start_ok(p, le))
			return 0;
		q = scan_plain_block(p, le, f->end, &sc);
	}
	return q < le && *q == ':' && (q + 1 == le || q[1] == ' ');
}

/* A block sequence whose entries' '-' are at column n of the current and
 * following lines.  An indentless one (the value of a key at column n)
 * ends at the next key. */
static int
parse_seq(struct fp *f, size_t n, int indentless, struct tally_fact **out)
{
	struct tally_fact *seq, *last = NULL, *item;

	if (++f->depth > FAST_MAX_DEPTH)
		return DECLINE;
	seq = new_node(f, TALLY_FACT_SEQ, pos_of(f, f->ls + n));
	for (;;) {
		const char *d = f->ls + n;
		const char *p = skip_spaces(d + 1, f->le);

		if (p < f->le && *p != '#' && is_entry(p, f->le))
			return DECLINE; /* "- - x" */
		if (p < f->le && *p != '#' && key_at(f, p))
			TRY(parse_map(f, (size_t)(p - f->ls), p, &item));
		else
			TRY(parse_value(f, n, d + 1, 0, &item));
		add_child(seq, &last, item);
		if (f->eof || f->indent < n)
			break;
		if (f->indent > n)
			return DECLINE;
		if (!is_entry(f->ls + n, f->le)) {
			if (indentless)
				break;
			return DECLINE;
		}
	}
	f->depth--;
	*out = seq;
	return 0;
}

/* A block mapping whose keys are at column n; the first key starts at p
 * on the current line (after "- " for a mapping in a sequence entry). */
static int
parse_map(struct fp *f, size_t n, const char *p, struct tally_fact **out)
{
	struct tally_fact *map, *last = NULL, *val;
	struct keyset ks;

	ks.n = 0;
	ks.bits = 0;
	if (++f->depth > FAST_MAX_DEPTH)
		return DECLINE;
	map = new_node(f, TALLY_FACT_MAP, pos_of(f, p));
	for (;;) {
		const char *le = f->le, *q;
		struct tally_pos kpos = pos_of(f, p);
		struct scal k;

		if (*p == '"' || *p == '\'') {
			TRY(scan_quoted(f, p, le, &k, &q));
			q = skip_spaces(q, le);
		} else {
			if (!plain_start_ok(p, le))
				return DECLINE;
			q = scan_plain_block(p, le, f->end, &k);
		}
		if (q >= le || *q != ':' || (q + 1 < le && q[1] != ' ') ||
		    q - p > FAST_MAX_KEY)
			return DECLINE;
		TRY(take_key(f, map, &ks, &k, kpos));
		/* ": value" (a plain one) read here, the rest by parse_value */
		if (q + 2 < le && q[1] == ' ' && q[2] != ' ' &&
		    plain_start_no[(unsigned char)q[2]] == 0) {
			TRY(plain_value(f, q + 2, pos_of(f, q + 2), &val));
		} else {
			TRY(parse_value(f, n, q + 1, 1, &val));
		}
		add_child(map, &last, val);
		if (f->eof || f->indent < n)
			break;
		if (f->indent > n)
			return DECLINE;
		p = f->ls + n;
		if (is_entry(p, f->le))
			return DECLINE;
	}
	f->depth--;
	*out = map;
	return 0;
}

/* The block node that starts on the current line. */
static int
parse_block_node(struct fp *f, struct tally_fact **out)
{
	const char *p = f->ls + f->indent;

	if (is_entry(p, f->le))
		return parse_seq(f, f->indent, 0, out);
	return parse_map(f, f->indent, p, out);
}

static int
parse_fast(struct tally_arena *arena, const char *text, size_t len,
    uint32_t first_line, int utf8, struct tally_fact **root)
{
	struct fp f;
	struct tally_fact *node;

	if (len > 0 && text == NULL)
		return DECLINE;
	if (!(utf8 ? text_ok_valid : text_ok)((const unsigned char *)text, len))
		return DECLINE;
	memset(&f, 0, sizeof(f));
	f.arena = arena;
	f.text = text;
	f.end = text + len;
	f.copy = tally_arena_alloc_raw(arena, len + 1);
	if (len > 0)
		memcpy(f.copy, text, len);
	f.first_line = first_line ? first_line : 1;
	TRY(seek_content(&f, text));
	if (f.eof) {
		/* an empty document is an empty map */
		struct tally_pos pos;
		pos.line = f.first_line;
		pos.col = 1;
		*root = new_node(&f, TALLY_FACT_MAP, pos);
		return 0;
	}
	TRY(parse_block_node(&f, &node));
	if (!f.eof)
		return DECLINE;
	*root = node;
	return 0;
}

int
tally_facts_parse_fast(struct tally_arena *arena, const char *text,
    size_t len, uint32_t first_line, struct tally_fact **root)
{
	return parse_fast(arena, text, len, first_line, 0, root);
}

int
tally_facts_parse_fast_utf8(struct tally_arena *arena, const char *text,
    size_t len, uint32_t first_line, struct tally_fact **root)
{
	return parse_fast(arena, text, len, first_line, 1, root);
}
