/*
 * lint.h - the rule families.  Rules read the model, never re-parse it and
 * never change it; every finding goes through tally_diag_add.
 */
#ifndef TALLY_LINT_H
#define TALLY_LINT_H

#include "../model/model.h"
#include "../diag/diag.h"
#include "../load/load.h"

/* Runs every rule on one loaded report. */
void tally_lint_report(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *diags);

#endif
