/*
 * fuzz_yaml.c - libFuzzer differential target for the YAML readers: any
 * bytes the fast reader (yamlfast.c) accepts, libyaml must accept too and
 * read into the same fact tree.  Built with clang and
 * -fsanitize=fuzzer,address,undefined -Isrc from this file, yaml.c,
 * yamlfast.c and the sources of src/util, linked with libyaml; seeded with
 * front matter and run with -dict=tests/fuzz/yaml.dict.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model/yamlfast.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
same(const struct tally_fact *a, const struct tally_fact *b)
{
	const struct tally_fact *x, *y;

	if (a->kind != b->kind || a->len != b->len ||
	    a->quoted != b->quoted || a->is_null != b->is_null ||
	    a->index != b->index || a->nchild != b->nchild ||
	    a->pos.line != b->pos.line || a->pos.col != b->pos.col ||
	    a->key_pos.line != b->key_pos.line ||
	    a->key_pos.col != b->key_pos.col ||
	    (a->key == NULL) != (b->key == NULL) ||
	    (a->key && strcmp(a->key, b->key) != 0) ||
	    memcmp(a->text, b->text, a->len + 1) != 0)
		return 0;
	for (x = a->child, y = b->child; x && y; x = x->next, y = y->next)
		if (x->parent != a || y->parent != b || !same(x, y))
			return 0;
	return x == NULL && y == NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_fact *fr, *sr;
	struct tally_yaml_error err;
	const char *text = size ? (const char *)data : "";

	if (tally_facts_parse_fast(&a, text, size, 1, &fr) == 0) {
		if (tally_facts_parse_libyaml(&a, text, size, 1, &sr, &err) != 0)
			abort(); /* accepted what libyaml refuses */
		if (!same(fr, sr))
			abort(); /* read differently */
	}
	tally_arena_free(&a);
	return 0;
}
