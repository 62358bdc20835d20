/*
 * yamlfast.h - the two readers behind tally_facts_parse (internal to the
 * model; the unit tests call them directly to compare them).
 *
 * tally_facts_parse tries the fast reader first and, when it declines,
 * parses the text again with libyaml.  Both build the same fact tree.
 */
#ifndef TALLY_YAMLFAST_H
#define TALLY_YAMLFAST_H

#include "model.h"

/* The hand-written reader of the YAML that front matter uses: block
 * mappings and sequences, single-line plain and quoted scalars, single-line
 * flow collections, comments.  Returns 0 with *root set, or 1 when the
 * text holds anything it is not sure about (anything else, and every
 * error): the caller then uses libyaml, which also words the errors.  On 1
 * the arena may hold unused memory. */
int tally_facts_parse_fast(struct tally_arena *arena, const char *text,
    size_t len, uint32_t first_line, struct tally_fact **root);

/* The same for text known to be valid UTF-8 (tally_utf8_valid passed),
 * which is then checked for the characters this reader declines only. */
int tally_facts_parse_fast_utf8(struct tally_arena *arena, const char *text,
    size_t len, uint32_t first_line, struct tally_fact **root);

/* tally_facts_parse for text known to be valid UTF-8 (the reports and
 * unit.yaml files, checked when loaded). */
int tally_facts_parse_utf8(struct tally_arena *arena, const char *text,
    size_t len, uint32_t first_line, struct tally_fact **root,
    struct tally_yaml_error *err);

/* The libyaml reader: the same contract as tally_facts_parse. */
int tally_facts_parse_libyaml(struct tally_arena *arena, const char *text,
    size_t len, uint32_t first_line, struct tally_fact **root,
    struct tally_yaml_error *err);

#endif
