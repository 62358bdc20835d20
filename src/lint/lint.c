/*
 * lint.c - runs the rule families over a report.  The families live one
 * per file (front matter, sections, arithmetic, tables, numbers, prose,
 * links);
 * this table dispatches to them in a fixed order.
 */
#include "lint.h"
#include "internal.h"

typedef void (*family_fn)(const struct tally_project *,
    const struct tally_report *, struct tally_diags *);

static const family_fn families[] = {
	tally_lint_front,
	tally_lint_sections,
	tally_lint_arith,
	tally_lint_tables,
	tally_lint_numbers,
	tally_lint_prose,
	tally_lint_links,
};

void
tally_lint_report(const struct tally_project *p, const struct tally_report *r,
    struct tally_diags *diags)
{
	struct tally_diags local;
	size_t i;

	if (!r->parsed)
		return;
	/* A report's findings are collected apart so that its suppressions
	 * apply to them alone. */
	tally_diags_init_like(&local, diags);
	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		families[i](p, r, &local);
	tally_lint_suppress(r, &local);
	tally_diags_move(diags, &local);
}
