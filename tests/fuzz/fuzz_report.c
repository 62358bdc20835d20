/*
 * fuzz_report.c - libFuzzer entry point for the load → model → lint path:
 * any bytes as a report file must give findings, never a crash, a hang or
 * a leak.  The schemas of the repository are loaded once (run from the
 * top of the repository); the input is linted as
 * content/fuzz-unit/2023/overall.md.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "diag/diag.h"
#include "lint/lint.h"
#include "load/load.h"
#include "model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct tally_project project;
static int opened;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tally_diags d;
	struct tally_report *r;
	struct tally_buf out = TALLY_BUF_INIT;

	if (!opened) {
		struct tally_diags cd;
		tally_diags_init(&cd, TALLY_LANG_EN);
		tally_git_init();
		tally_project_open(&project, ".", &cd);
		tally_diags_free(&cd);
		opened = 1;
	}
	tally_diags_init(&d, TALLY_LANG_ZH);
	tally_report_load(&r, "content/fuzz-unit/2023/overall.md",
	    (const char *)data, size, &project.schemas, &d);
	tally_lint_report(&project, r, &d);
	tally_report_dump(r, &out);
	tally_diags_sort(&d);
	tally_diags_print_text(&d, &out, 0, 0);
	tally_diags_print_sarif(&d, &out);
	if (r->parsed)
		tally_outline_render(&r->outline, &out);
	tally_buf_free(&out);
	tally_report_free(r);
	tally_diags_free(&d);
	return 0;
}
