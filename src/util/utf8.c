/*
 * utf8.c - UTF-8 decoding and validation, plus small text helpers.  Reports
 * are Chinese text: columns in diagnostics count code points, not bytes,
 * so every stage needs the same decoder.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif
/* x86-64 machines with AVX2 (checked at run time) validate 32 bytes a
 * block (blocks_avx2); -DTALLY_NO_AVX2 leaves SSE2 alone (to test it). */
#if defined(__GNUC__) && defined(__x86_64__) && defined(__SSE2__) && \
    !defined(TALLY_NO_AVX2)
#include <immintrin.h>
#define UTF8_AVX2 1
#endif

int
tally_utf8_decode(const char *str, size_t n, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	int32_t c;
	int len, i;

	if (n == 0) {
		*cp = -1;
		return 1;
	}
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		len = 2;
		c = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3;
		c = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		*cp = -1;
		return 1;
	}
	if ((size_t)len > n) {
		*cp = -1;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = -1;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates, out of range */
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return len;
}

void
tally_utf8_put(struct tally_buf *b, int32_t cp)
{
	char s[4];

	if (cp < 0x80) {
		s[0] = (char)cp;
		tally_buf_put(b, s, 1);
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		tally_buf_put(b, s, 2);
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		tally_buf_put(b, s, 3);
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		tally_buf_put(b, s, 4);
	}
}

#if defined(__SSE2__) && defined(__GNUC__)
/* Sixteen bytes from s[0], with the two before them (s[-2], s[-1]) read
 * for context: 1 when every byte is a continuation byte exactly where
 * the lead before it wants one and none is a byte the rest of the
 * text must look at more closely (C0, C1, E0, ED: overlong and surrogate
 * forms; F0 and up: four-byte sequences and invalid bytes).  Then every
 * sequence that starts in the block and ends in it or earlier is valid. */
static inline __attribute__((always_inline)) __m128i
block_bad(const unsigned char *s)
{
	const __m128i x0 = _mm_loadu_si128((const __m128i *)(const void *)s);
	const __m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)(s - 1));
	const __m128i x2 = _mm_loadu_si128((const __m128i *)(const void *)(s - 2));
	__m128i cont, want, rare;

	cont = _mm_cmpeq_epi8(_mm_and_si128(x0, _mm_set1_epi8((char)0xC0)),
	    _mm_set1_epi8((char)0x80));
	want = _mm_or_si128(
	    _mm_cmpeq_epi8(_mm_max_epu8(x1, _mm_set1_epi8((char)0xC0)), x1),
	    _mm_cmpeq_epi8(_mm_max_epu8(x2, _mm_set1_epi8((char)0xE0)), x2));
	rare = _mm_or_si128(
	    _mm_or_si128(_mm_cmpeq_epi8(_mm_and_si128(x0,
	    _mm_set1_epi8((char)0xFE)), _mm_set1_epi8((char)0xC0)),
	    _mm_cmpeq_epi8(x0, _mm_set1_epi8((char)0xE0))),
	    _mm_or_si128(_mm_cmpeq_epi8(x0, _mm_set1_epi8((char)0xED)),
	    _mm_cmpeq_epi8(_mm_max_epu8(x0, _mm_set1_epi8((char)0xF0)), x0)));
	return _mm_or_si128(_mm_xor_si128(cont, want), rare);
}

static int
block_ok(const unsigned char *s)
{
	return _mm_movemask_epi8(block_bad(s)) == 0;
}

/* block_ok for the 32 bytes from s[0]. */
static int
block2_ok(const unsigned char *s)
{
	return _mm_movemask_epi8(_mm_or_si128(block_bad(s),
	    block_bad(s + 16))) == 0;
}

#ifdef UTF8_AVX2
/* block_bad for the 32 bytes from s[0] (s[-2] and s[-1] read too). */
__attribute__((target("avx2"))) static inline __m256i
block32_bad(const unsigned char *s)
{
	const __m256i x0 = _mm256_loadu_si256((const __m256i *)(const void *)s);
	const __m256i x1 = _mm256_loadu_si256(
	    (const __m256i *)(const void *)(s - 1));
	const __m256i x2 = _mm256_loadu_si256(
	    (const __m256i *)(const void *)(s - 2));
	__m256i cont, want, rare;

	cont = _mm256_cmpeq_epi8(_mm256_and_si256(x0,
	    _mm256_set1_epi8((char)0xC0)), _mm256_set1_epi8((char)0x80));
	want = _mm256_or_si256(
	    _mm256_cmpeq_epi8(_mm256_max_epu8(x1, _mm256_set1_epi8((char)0xC0)),
	    x1),
	    _mm256_cmpeq_epi8(_mm256_max_epu8(x2, _mm256_set1_epi8((char)0xE0)),
	    x2));
	rare = _mm256_or_si256(
	    _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_and_si256(x0,
	    _mm256_set1_epi8((char)0xFE)), _mm256_set1_epi8((char)0xC0)),
	    _mm256_cmpeq_epi8(x0, _mm256_set1_epi8((char)0xE0))),
	    _mm256_or_si256(_mm256_cmpeq_epi8(x0, _mm256_set1_epi8((char)0xED)),
	    _mm256_cmpeq_epi8(_mm256_max_epu8(x0, _mm256_set1_epi8((char)0xF0)),
	    x0)));
	return _mm256_or_si256(_mm256_xor_si256(cont, want), rare);
}

/* The blocks from s[e] (e >= 2) that block_ok would pass, 64 and then
 * 32 bytes at a time: the offset of the first that fails, or of the
 * last under 32 bytes from n. */
__attribute__((target("avx2"), noinline)) static size_t
blocks_avx2(const unsigned char *s, size_t e, size_t n)
{
	while (n - e >= 64 && _mm256_movemask_epi8(_mm256_or_si256(
	    block32_bad(s + e), block32_bad(s + e + 32))) == 0)
		e += 64;
	while (n - e >= 32 && _mm256_movemask_epi8(block32_bad(s + e)) == 0)
		e += 32;
	return e;
}
#endif

/* Validates whole sequences from s[i], a sequence start with only valid
 * text before it, to the first sequence start at or after stop (or n).
 * Returns that offset, or SIZE_MAX with *bad_off set at the first
 * invalid sequence. */
static size_t
valid_part(const unsigned char *s, size_t n, size_t i, size_t stop,
    size_t *bad_off)
{
	if (stop > n)
		stop = n;
	while (i < stop) {
		unsigned char c = s[i];

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			if (i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
				i += 2;
				continue;
			}
		} else if (c >= 0xE0 && c <= 0xEF) {
			if (i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
			    (s[i + 2] & 0xC0) == 0x80 &&
			    !(c == 0xE0 && s[i + 1] < 0xA0) &&  /* overlong */
			    !(c == 0xED && s[i + 1] >= 0xA0)) { /* surrogate */
				i += 3;
				continue;
			}
		} else if (c >= 0xF0 && c <= 0xF4) {
			if (i + 3 < n && (s[i + 1] & 0xC0) == 0x80 &&
			    (s[i + 2] & 0xC0) == 0x80 && (s[i + 3] & 0xC0) == 0x80 &&
			    !(c == 0xF0 && s[i + 1] < 0x90) &&  /* overlong */
			    !(c == 0xF4 && s[i + 1] >= 0x90)) { /* > U+10FFFF */
				i += 4;
				continue;
			}
		}
		if (bad_off)
			*bad_off = i;
		return SIZE_MAX;
	}
	return i;
}

/* Every report passes through here.  Sixteen-byte blocks are checked at
 * once (block_ok) from a sequence start; where a block needs a closer
 * look, or at the end, the bytes are decoded one sequence at a time from
 * the start of the sequence the blocks stopped in, which finds the same
 * first invalid sequence as decoding from the beginning would. */
int
tally_utf8_valid(const char *str, size_t n, size_t *bad_off)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, e, stop;

	while (i < n) {
		stop = i + 16;
		if (i >= 2 && n - i >= 16) {
			e = i;
#ifdef UTF8_AVX2
			if (__builtin_cpu_supports("avx2"))
				e = blocks_avx2(s, e, n);
#endif
			for (; n - e >= 32 && block2_ok(s + e); e += 32)
				;
			for (; n - e >= 16 && block_ok(s + e); e += 16)
				;
			/* Back to the start of the sequence e is in: the
			 * blocks left it unchecked if it runs past e. */
			stop = e + 16;
			while (e > i && (s[e - 1] & 0xC0) == 0x80)
				e--;
			if (e > i && s[e - 1] >= 0xC0)
				e--;
			i = e;
		}
		i = valid_part(s, n, i, stop, bad_off);
		if (i == SIZE_MAX)
			return 0;
	}
	return 1;
}
#else
int
tally_utf8_valid(const char *str, size_t n, size_t *bad_off)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	/* Every report passes through here: a byte-level state check, with
	 * ASCII runs taken eight bytes at a time. */
	while (i < n) {
		unsigned char c = s[i];
		if (c < 0x80) {
			while (i + 8 <= n) {
				uint64_t w;
				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			while (i < n && s[i] < 0x80)
				i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			if (i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
				i += 2;
				continue;
			}
		} else if (c >= 0xE0 && c <= 0xEF) {
			if (i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
			    (s[i + 2] & 0xC0) == 0x80 &&
			    !(c == 0xE0 && s[i + 1] < 0xA0) &&  /* overlong */
			    !(c == 0xED && s[i + 1] >= 0xA0)) { /* surrogate */
				i += 3;
				/* Chinese text is long runs of these: the leads
				 * with no overlong or surrogate form to refuse
				 * (E1-EC, EE, EF) in a tight loop; anything
				 * else goes round the checks above. */
				while (i + 2 < n) {
					uint32_t w = (uint32_t)s[i] |
					    (uint32_t)s[i + 1] << 8 |
					    (uint32_t)s[i + 2] << 16;
					if ((w & 0xC0C0F0) != 0x8080E0 ||
					    (w & 0x0F) == 0x00 || (w & 0x0F) == 0x0D)
						break;
					i += 3;
				}
				continue;
			}
		} else if (c >= 0xF0 && c <= 0xF4) {
			if (i + 3 < n && (s[i + 1] & 0xC0) == 0x80 &&
			    (s[i + 2] & 0xC0) == 0x80 && (s[i + 3] & 0xC0) == 0x80 &&
			    !(c == 0xF0 && s[i + 1] < 0x90) &&  /* overlong */
			    !(c == 0xF4 && s[i + 1] >= 0x90)) { /* > U+10FFFF */
				i += 4;
				continue;
			}
		}
		if (bad_off)
			*bad_off = i;
		return 0;
	}
	return 1;
}
#endif

/* Code points are the bytes that are not continuation bytes (10xxxxxx).
 * Columns are counted this way all over (mostly a few bytes, sometimes a
 * line of Chinese): sixteen bytes at a time where SSE2 is there. */
size_t
tally_utf8_count(const char *s, size_t n)
{
	size_t i = 0, count = n;

#if defined(__SSE2__) && defined(__GNUC__)
	/* As signed bytes, continuation bytes are -128..-65: those below
	 * -64.  Each block subtracts its continuation bytes (a compare
	 * gives -1 for each) from per-byte counters, summed before any of
	 * them can pass 255. */
	const __m128i lim = _mm_set1_epi8(-64);

	while (n - i >= 16) {
		__m128i acc = _mm_setzero_si128();
		size_t stop = n - i >= 16 * 255 ? i + 16 * 255 : n - ((n - i) & 15);

		for (; i < stop; i += 16) {
			__m128i x = _mm_loadu_si128(
			    (const __m128i *)(const void *)(s + i));
			acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(x, lim));
		}
		acc = _mm_sad_epu8(acc, _mm_setzero_si128());
		count -= (size_t)_mm_cvtsi128_si32(acc) +
		    (size_t)_mm_cvtsi128_si32(_mm_srli_si128(acc, 8));
	}
#endif
	/* The rest eight bytes at a time: a continuation byte has bit 7
	 * set and bit 6 clear (bit 6 shifted into bit 7's place); the
	 * marks, one a byte, summed by a multiply. */
	while (n - i >= 8) {
		uint64_t x;

		memcpy(&x, s + i, 8);
		x = (x & ~(x << 1) & 0x8080808080808080ULL) >> 7;
		count -= (size_t)((x * 0x0101010101010101ULL) >> 56);
		i += 8;
	}
#if defined(__BYTE_ORDER__)
	if (i < n && n >= 8) {
		/* The last eight bytes, less the marks of those counted
		 * (the first bytes in memory). */
		uint64_t x;

		memcpy(&x, s + n - 8, 8);
		x = (x & ~(x << 1) & 0x8080808080808080ULL) >> 7;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		x <<= 8 * (8 - (n - i));
#else
		x >>= 8 * (8 - (n - i));
#endif
		return count - (size_t)((x * 0x0101010101010101ULL) >> 56);
	}
#endif
	for (; i < n; i++)
		count -= ((unsigned char)s[i] & 0xC0) == 0x80;
	return count;
}

int
tally_read_file(const char *path, char **data, size_t *len)
{
	struct tally_buf b = TALLY_BUF_INIT;
	char tmp[65536];
	size_t n;
	FILE *f;

	f = fopen(path, "rb");
	if (f == NULL)
		return -1;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		tally_buf_put(&b, tmp, n);
	if (ferror(f)) {
		int e = errno ? errno : EIO;
		fclose(f);
		tally_buf_free(&b);
		errno = e;
		return -1;
	}
	fclose(f);
	*len = b.len;
	*data = tally_buf_detach(&b);
	return 0;
}

int
tally_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static size_t
to_cps(const char *s, int32_t *out, size_t max)
{
	size_t n = 0, len = strlen(s), i = 0;
	int32_t cp;

	while (i < len && n < max) {
		i += (size_t)tally_utf8_decode(s + i, len - i, &cp);
		out[n++] = cp;
	}
	return n;
}

int
tally_edit_distance(const char *a, const char *b)
{
	int32_t x[64], y[64];
	int row[65];
	size_t n = to_cps(a, x, 64), m = to_cps(b, y, 64), i, j;

	for (j = 0; j <= m; j++)
		row[j] = (int)j;
	for (i = 1; i <= n; i++) {
		int prev = row[0];
		row[0] = (int)i;
		for (j = 1; j <= m; j++) {
			int cur = row[j];
			int best = prev + (x[i - 1] != y[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[m] > 255 ? 255 : row[m];
}
