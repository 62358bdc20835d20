/*
 * lint.c - runs the rule families over a report.  The families live one
 * per file (front matter, sections, arithmetic, tables, numbers, prose,
 * links);
 * they run in a fixed order.
 */
#include "lint.h"
#include "internal.h"

/* Runs the families on r, and adds r to run when run is not NULL. */
static void
lint_one(const struct tally_project *p, const struct tally_report *r,
    struct tally_diags *diags, struct tally_lint_run *run)
{
	struct tally_diags local;
	struct tally_numctx nc;

	if (!r->parsed)
		return;
	/* The report's figures are read once, for the arithmetic and for
	 * the run's summary. */
	tally_numctx_init(&nc, r);
	/* A report's findings are collected apart so that its suppressions
	 * apply to them alone. */
	tally_diags_init_like(&local, diags);
	tally_lint_front(p, r, &local);
	tally_lint_sections(p, r, &local);
	tally_lint_arith(p, r, &local, &nc);
	tally_lint_tables(p, r, &local);
	tally_lint_numbers(p, r, &local);
	tally_lint_prose(p, r, &local);
	tally_lint_links(p, r, &local);
	tally_lint_suppress(r, &local);
	tally_diags_move(diags, &local);
	if (run != NULL)
		tally_lint_run_add_nc(run, p, r, &nc);
	tally_numctx_free(&nc);
}

void
tally_lint_report(const struct tally_project *p, const struct tally_report *r,
    struct tally_diags *diags)
{
	lint_one(p, r, diags, NULL);
}

void
tally_lint_report_run(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *diags,
    struct tally_lint_run *run)
{
	lint_one(p, r, diags, run);
}
