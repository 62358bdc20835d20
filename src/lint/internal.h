/*
 * internal.h - what the rule families of src/lint share among themselves;
 * not for other stages.
 */
#ifndef TALLY_LINT_INTERNAL_H
#define TALLY_LINT_INTERNAL_H

#include "lint.h"

/* One entry point per family file. */
void tally_lint_front(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *d);

/* 1 when s is a valid date YYYY-MM-DD; stores its year. */
int tally_lint_valid_date(const char *s, int *year);

#endif
