/*
 * sections.c - the S family (not written yet).
 */
#include "internal.h"

void
tally_lint_sections(const struct tally_project *p, const struct tally_report *r,
    struct tally_diags *d)
{
	(void)p;
	(void)r;
	(void)d;
}
