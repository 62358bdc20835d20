/*
 * site.h - `tally build`: the public disclosure site (DESIGN section 7).
 *
 * One entry point reads every report of an opened project once, lints it,
 * writes its page, its JSON and a copy of its Markdown, and keeps only a
 * compact summary of it; the listings, the consistency pages, the open
 * data, the feed and the sitemap are made from those summaries and from
 * streams written in report order.  Memory therefore grows with the number
 * of reports (a few hundred bytes each), never with their size.
 *
 * The site is written into a temporary directory beside the output
 * directory and swapped in only when complete, so a failed or killed build
 * leaves the previous site as it was.  The output is a function of the
 * sources alone: no clock, no absolute path, no hash order.
 */
#ifndef TALLY_SITE_H
#define TALLY_SITE_H

#include <stddef.h>

#include "../diag/diag.h"
#include "../load/load.h"

struct tally_site_opts {
	const char *output_dir; /* NULL: the configuration's output */
	const char *base_url;   /* NULL: the configuration's site.base_url */
	const char *theme_dir;  /* NULL: the configuration's theme */
	int strict;             /* refuse to publish when lint has errors */
	int drafts;             /* publish reports marked draft: true */
	int jobs;               /* worker threads; 0 = one per CPU */
	int no_cache;           /* build everything: neither read nor write
	                         * the incremental cache (.tally-cache/) */
	int progress;           /* show "building n/N" on stderr (the caller
	                         * decides: a terminal only) */
	enum tally_lang lang;   /* language of progress messages */
};

/* What a build did, for the command's summary line. */
struct tally_site_stats {
	size_t reports;   /* published report pages */
	size_t drafts;    /* drafts left out */
	size_t units;
	size_t pages;     /* HTML pages written */
	size_t count[TALLY_SEV_ERROR + 1]; /* findings on the site, by level */
	const char *output_dir; /* where it went (the project's string or
	                         * the option's) */
};

enum {
	TALLY_SITE_OK = 0,
	TALLY_SITE_EFINDINGS = -1, /* --strict and lint found errors: nothing
	                            * was published */
	TALLY_SITE_EFAIL = -2,     /* configuration, theme, template or I/O
	                            * problem: nothing was published */
};

/* Builds the site of project p into the output directory.  Findings that
 * stop the build (--strict: the error-level ones) and problems with the
 * configuration, the theme or the file system go to d; the findings shown
 * on the site are only counted in *stats (which may be NULL).  Returns
 * TALLY_SITE_OK when the new site is in place, or TALLY_SITE_EFINDINGS or
 * TALLY_SITE_EFAIL, in which case the previous output is untouched. */
int tally_site_build(const struct tally_project *p,
    const struct tally_site_opts *o, struct tally_site_stats *stats,
    struct tally_diags *d);

#endif
