/*
 * lint.c - runs the rule families over a report.  The families live one
 * per file (front matter, sections, arithmetic, tables, numbers, links);
 * this table dispatches to them in a fixed order.
 */
#include "lint.h"
#include "internal.h"

typedef void (*family_fn)(const struct tally_project *,
    const struct tally_report *, struct tally_diags *);

static const family_fn families[] = {
	tally_lint_front,
};

void
tally_lint_report(const struct tally_project *p, const struct tally_report *r,
    struct tally_diags *diags)
{
	size_t i;

	if (!r->parsed)
		return;
	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		families[i](p, r, diags);
}
