/*
 * test_util.c - the shared toolbox: UTF-8 validation (against a reference
 * built on the decoder, on fixed and random inputs), buffers, arena, edit
 * distance.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/util.h"

/* The reference: a decode loop. */
static int
ref_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	int32_t cp;

	while (i < n) {
		int k = tally_utf8_decode(s + i, n - i, &cp);
		if (cp < 0) {
			*bad = i;
			return 0;
		}
		i += (size_t)k;
	}
	return 1;
}

static void
test_utf8_fixed(void **state)
{
	static const struct {
		const char *s;
		size_t n;
		int ok;
		size_t bad;
	} cases[] = {
		{"", 0, 1, 0},
		{"plain ascii text, longer than eight bytes", 41, 1, 0},
		{"结案率达99.97%", 18, 1, 0},
		{"\xC0\xAF", 2, 0, 0},               /* overlong / */
		{"ab\xE0\x80\xAF", 5, 0, 2},          /* overlong 3-byte */
		{"\xED\xA0\x80", 3, 0, 0},            /* surrogate */
		{"\xF4\x90\x80\x80", 4, 0, 0},        /* above U+10FFFF */
		{"\xF0\x9F\x98\x80", 4, 1, 0},        /* emoji */
		{"\xE4\xB8", 2, 0, 0},                /* truncated */
		{"abcdefgh\xFF", 9, 0, 8},            /* after an 8-byte run */
		{"\x80", 1, 0, 0},                    /* lone continuation */
	};
	size_t i, bad;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bad = 999;
		assert_int_equal(tally_utf8_valid(cases[i].s, cases[i].n, &bad),
		    cases[i].ok);
		if (!cases[i].ok)
			assert_int_equal(bad, cases[i].bad);
	}
}

static void
test_utf8_random(void **state)
{
	unsigned char buf[64];
	uint64_t x = 88172645463325252ULL;
	int t;
	size_t i;

	(void)state;
	for (t = 0; t < 200000; t++) {
		size_t n = (size_t)(t % 64), b1 = 0, b2 = 0;
		for (i = 0; i < n; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* bias towards valid CJK and ASCII */
			buf[i] = (unsigned char)((x & 3) == 0 ? 0x41 + (x >> 8) % 26
			    : (x >> 8) & 0xFF);
		}
		int a = tally_utf8_valid((const char *)buf, n, &b1);
		int r = ref_valid((const char *)buf, n, &b2);
		assert_int_equal(a, r);
		if (!a)
			assert_int_equal(b1, b2);
	}
}

/* Text as reports hold it (long runs of CJK and ASCII, some two- and
 * four-byte sequences, Hangul and U+0800.. with the leads E0 and ED that
 * need a closer look), cut short or with a few bytes changed, in heap
 * buffers of the exact size: the sixteen-byte checks must agree with the
 * reference on where the first invalid sequence starts. */
static void
test_utf8_random_text(void **state)
{
	static const uint32_t base[] = {0x20, 0x80, 0x800, 0xD000, 0x3000,
	    0x4E00, 0x4E00, 0x4E00, 0xFF00, 0x10000};
	static const uint32_t span[] = {95, 0x780, 0x800, 0x7A0, 0x40,
	    0x5000, 0x5000, 0x5000, 0xF0, 0xFFFFF};
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	unsigned char buf[420];
	struct tally_buf b = TALLY_BUF_INIT;
	int t, k;

	(void)state;
	for (t = 0; t < 40000; t++) {
		size_t n, lim, b1 = 0, b2 = 0;
		char *h;
		int a, r;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		lim = (size_t)(x % 400);
		tally_buf_reset(&b);
		while (b.len < lim) {
			unsigned v;

			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			v = (unsigned)((x >> 8) % (t % 3 == 0 ? 10 : 8));
			tally_utf8_put(&b, (int32_t)(base[v] + (x >> 24) % span[v]));
		}
		n = b.len;
		memcpy(buf, b.data, n);
		k = (int)(x >> 50) % 5;
		for (; k < 3 && n > 0; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[(x >> 16) % n] = (unsigned char)(x >> 40);
		}
		if (k == 3 && n > 0)
			n -= (size_t)(x >> 30) % (n < 3 ? n : 3);
		h = malloc(n ? n : 1);
		assert_non_null(h);
		memcpy(h, buf, n);
		a = tally_utf8_valid(h, n, &b1);
		r = ref_valid(h, n, &b2);
		assert_int_equal(a, r);
		if (!a)
			assert_int_equal(b1, b2);
		free(h);
	}
	tally_buf_free(&b);
}

/* tally_utf8_count against a byte-at-a-time count, on every length up
 * to 80 at every alignment of a heap buffer of the exact size (so that
 * ASan sees a read past either end). */
static void
test_utf8_count(void **state)
{
	static const unsigned char pick[] = {'a', ' ', 0xE4, 0xB8, 0xAD, 0x80,
	    0xBF, 0xC2, 0xA0, 0xF0, 0x9F, 0xFF};
	uint64_t x = 0x2545F4914F6CDD1DULL;
	size_t n, i, off, ref;
	int t;

	(void)state;
	for (t = 0; t < 20; t++) {
		for (n = 0; n <= 80; n++) {
			for (off = 0; off < 8; off++) {
				unsigned char *h = malloc(off + n + 1);

				assert_non_null(h);
				for (i = 0; i < off + n; i++) {
					x ^= x << 13;
					x ^= x >> 7;
					x ^= x << 17;
					h[i] = pick[(x >> 20) % sizeof(pick)];
				}
				for (ref = 0, i = off; i < off + n; i++)
					ref += (h[i] & 0xC0) != 0x80;
				assert_int_equal(tally_utf8_count((const char *)h + off,
				    n), ref);
				free(h);
			}
		}
	}
}

static void
test_buf_and_arena(void **state)
{
	struct tally_buf b = TALLY_BUF_INIT;
	struct tally_arena a = TALLY_ARENA_INIT;
	char *p, *big;
	int i;

	(void)state;
	assert_string_equal(tally_buf_cstr(&b), "");
	for (i = 0; i < 1000; i++)
		tally_buf_printf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.data));
	assert_true(tally_starts_with(b.data, "0,1,2,"));
	p = tally_buf_detach(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	free(p);
	p = tally_arena_strdup(&a, "盘龙");
	assert_string_equal(p, "盘龙");
	big = tally_arena_alloc(&a, 200000); /* bigger than a chunk */
	assert_int_equal(big[199999], 0);
	assert_string_equal(tally_arena_printf(&a, "%s-%d", "a", 7), "a-7");
	tally_arena_free(&a);
	tally_arena_free(&a); /* idempotent */
	tally_buf_free(NULL);
}

static void
test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(tally_edit_distance("project", "projcet"), 2);
	assert_int_equal(tally_edit_distance("figures", "figure"), 1);
	assert_int_equal(tally_edit_distance("总支出", "总支付"), 1);
	assert_int_equal(tally_edit_distance("", "abc"), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_fixed),
		cmocka_unit_test(test_utf8_random),
		cmocka_unit_test(test_utf8_random_text),
		cmocka_unit_test(test_utf8_count),
		cmocka_unit_test(test_buf_and_arena),
		cmocka_unit_test(test_edit_distance),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
