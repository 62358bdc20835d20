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

/* A run over many reports, for the cross-report rules (X001, X002):
 *
 *	run = tally_lint_run_new();
 *	for each report r:
 *		tally_lint_report(p, r, diags);
 *		tally_lint_run_add(run, p, r);
 *		tally_report_free(r);
 *	tally_lint_run_finish(run, diags);
 *	tally_lint_run_free(run);
 *
 * tally_lint_run_add keeps a compact summary of r (unit, year, type, the
 * figures the rules compare, what r says of the previous year, and where
 * r suppresses X findings), never the model; it takes reports in any
 * order, and memory stays that of one unit when they come sorted by path
 * (as tally_project_reports lists them).  tally_lint_run_finish reports
 * the findings into diags (suppressions already applied).  Never fails;
 * tally_lint_run_free accepts NULL. */
struct tally_lint_run;
struct tally_lint_run *tally_lint_run_new(void);
void tally_lint_run_add(struct tally_lint_run *run,
    const struct tally_project *p, const struct tally_report *r);
void tally_lint_run_finish(struct tally_lint_run *run,
    struct tally_diags *diags);
void tally_lint_run_free(struct tally_lint_run *run);
/* tally_lint_report then tally_lint_run_add (run not NULL), reading r's
 * figures once for both. */
void tally_lint_report_run(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *diags,
    struct tally_lint_run *run);

#endif
