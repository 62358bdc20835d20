/*
 * internal.h - what the rule families of src/lint share among themselves;
 * not for other stages.
 */
#ifndef TALLY_LINT_INTERNAL_H
#define TALLY_LINT_INTERNAL_H

#include "lint.h"

/* One entry point per family file, called in this order by lint.c. */
void tally_lint_front(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *d);    /* front.c: F003 M001-M003 */
void tally_lint_sections(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *d);    /* sections.c: S */
void tally_lint_arith(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *d);    /* arith.c: A */
void tally_lint_tables(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *d);    /* tables.c: T */
void tally_lint_numbers(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *d);    /* numbers.c: N */
void tally_lint_links(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *d);    /* links.c: L */

/* Applies the report's suppressions (comments, front-matter lint.disable)
 * to its findings in d, and reports D001/D002 (suppress.c). */
void tally_lint_suppress(const struct tally_report *r, struct tally_diags *d);

/* 1 when s is a valid date YYYY-MM-DD; stores its year. */
int tally_lint_valid_date(const char *s, int *year);

#endif
