/*
 * fuzz_plain.c - libFuzzer differential target for the outline's plain
 * path (markdown.c, parse_plain): any body it takes must give the
 * outline cmark's tree gives (tests/outline_same.h), and the same HTML.
 * Built with clang and -fsanitize=fuzzer,address,undefined -Isrc from
 * this file and the library's sources; seeded with the bodies of the
 * sample corpus and the cases (make fuzz-plain).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "../outline_same.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tally_arena a1 = TALLY_ARENA_INIT, a2 = TALLY_ARENA_INIT;
	struct tally_outline o1, o2;
	struct tally_buf h1 = TALLY_BUF_INIT, h2 = TALLY_BUF_INIT;
	const char *body = size ? (const char *)data : "";
	int r1, r2;

	r1 = tally_outline_parse(&a1, body, size, 7, &o1);
	if (r1 == 0 && tally_outline_plain(&o1)) {
		r2 = tally_outline_parse_cmark(&a2, body, size, 7, &o2);
		if (r2 != 0 || !same_outline(&o1, &o2)) {
			fprintf(stderr, "fuzz_plain: %s\n", outline_why);
			abort(); /* the plain path read it otherwise */
		}
		tally_outline_render(&o1, &h1);
		tally_outline_render(&o2, &h2);
		if (strcmp(tally_buf_cstr(&h1), tally_buf_cstr(&h2)) != 0)
			abort();
		tally_outline_release(&o2);
	}
	tally_buf_free(&h1);
	tally_buf_free(&h2);
	tally_outline_release(&o1);
	tally_arena_free(&a1);
	tally_arena_free(&a2);
	return 0;
}
