/*
 * feed.c - feed.xml (Atom 1.0: the newest reports by date of
 * publication) and sitemap.xml (every page).  Both carry the base URL in
 * front of every link: absolute with a base such as https://example.org/,
 * root-relative with "/".  An entry's id does not depend on the base, so
 * moving a site to another host does not make every report new to feed
 * readers: it is urn:tally:report:<unit>/<year>/<file>.  Dates come from
 * the reports' `published`, never from the clock; a report without one is
 * not in the feed.  Sitemaps hold at most 50 000 URLs (sitemaps.org): a
 * larger site gets sitemap-1.xml, sitemap-2.xml … and sitemap.xml as their
 * index.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define SITEMAP_MAX 50000

struct dkey {
	char date[11];
	size_t ix;
};

static int
cmp_dkey(const void *a, const void *b)
{
	const struct dkey *x = a, *y = b;
	int c = strcmp(x->date, y->date);

	if (c != 0)
		return -c;
	return x->ix < y->ix ? -1 : x->ix > y->ix;
}

int
site_feed(struct site *s)
{
	struct dkey *k = xcalloc(s->nreps + 1, sizeof(*k));
	struct tally_buf b = TALLY_BUF_INIT, u = TALLY_BUF_INIT;
	size_t n = 0, i;
	int rc;

	for (i = 0; i < s->nreps; i++)
		if (s->reps[i].page && s->reps[i].published[0]) {
			memcpy(k[n].date, s->reps[i].published, 11);
			k[n++].ix = i;
		}
	qsort(k, n, sizeof(*k), cmp_dkey);
	if (n > SITE_FEED_MAX)
		n = SITE_FEED_MAX;

	tally_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
	site_put_xml(&b, s->lang);
	tally_buf_puts(&b, "\">\n<title>");
	site_put_xml(&b, s->p->config.title);
	tally_buf_puts(&b, "</title>\n<subtitle>");
	site_put_xml(&b, site_t(s, "feed.subtitle"));
	tally_buf_puts(&b, "</subtitle>\n<link rel=\"self\" href=\"");
	site_put_xml(&b, s->base);
	tally_buf_puts(&b, "feed.xml\"/>\n<link rel=\"alternate\" type=\"text/html\" "
	    "href=\"");
	site_put_xml(&b, s->base);
	tally_buf_puts(&b, "\"/>\n<id>");
	site_put_xml(&b, s->base_abs ? s->base : "urn:tally:feed");
	tally_buf_printf(&b, "</id>\n<updated>%sT00:00:00Z</updated>\n"
	    "<generator>tally</generator>\n",
	    n > 0 ? k[0].date : "1970-01-01");
	for (i = 0; i < n; i++) {
		const struct site_report *r = &s->reps[k[i].ix];
		const struct site_unit *un = &s->units[r->unit];
		const char *names[] = {"unit", "year", "type"};
		char year[16];
		const char *vals[3];

		snprintf(year, sizeof(year), "%d", (int)r->year);
		vals[0] = un->name;
		vals[1] = year;
		vals[2] = site_type_name(s, r);
		tally_buf_puts(&b, "<entry>\n<title>");
		site_put_xml(&b, r->title);
		tally_buf_puts(&b, "</title>\n<link rel=\"alternate\" type=\"text/html\" "
		    "href=\"");
		tally_buf_reset(&u);
		site_report_url(s, r, ".html", 1, &u);
		site_put_xml(&b, tally_buf_cstr(&u));
		tally_buf_puts(&b, "\"/>\n<id>urn:tally:report:");
		tally_buf_reset(&u);
		site_put_seg(&u, un->id);
		tally_buf_printf(&u, "/%d/", (int)r->year);
		{
			size_t sn;
			const char *sl = site_slug(s, r, &sn);
			site_put_segn(&u, sl, sn);
		}
		site_put_xml(&b, tally_buf_cstr(&u));
		tally_buf_printf(&b, "</id>\n<published>%sT00:00:00Z</published>\n"
		    "<updated>%sT00:00:00Z</updated>\n<author><name>", r->published,
		    r->published);
		site_put_xml(&b, un->name);
		tally_buf_puts(&b, "</name></author>\n<summary>");
		tally_buf_reset(&u);
		site_tf(s, &u, "feed.summary", names, vals, 3);
		site_put_xml(&b, tally_buf_cstr(&u));
		tally_buf_puts(&b, "</summary>\n</entry>\n");
	}
	tally_buf_puts(&b, "</feed>\n");
	rc = site_write(s, "feed.xml", b.data, b.len);
	tally_buf_free(&b);
	tally_buf_free(&u);
	free(k);
	return rc;
}

static void
url_entry(struct site *s, struct tally_buf *b, const char *rel_url,
    const char *lastmod)
{
	tally_buf_puts(b, "<url><loc>");
	site_put_xml(b, s->base);
	site_put_xml(b, rel_url);
	tally_buf_puts(b, "</loc>");
	if (lastmod != NULL && lastmod[0])
		tally_buf_printf(b, "<lastmod>%s</lastmod>", lastmod);
	tally_buf_puts(b, "</url>\n");
}

static const char sm_head[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
static const char sm_tail[] = "</urlset>\n";

/* Page URLs are the page paths with "index.html" dropped and each
 * segment percent-encoded. */
static void
page_url(struct tally_buf *b, const char *rel)
{
	const char *p = rel;
	size_t n = strlen(rel);

	if (n >= 10 && strcmp(rel + n - 10, "index.html") == 0)
		n -= 10;
	while (p < rel + n) {
		const char *slash = memchr(p, '/', (size_t)(rel + n - p));
		size_t len = slash ? (size_t)(slash - p) : (size_t)(rel + n - p);
		char *seg = xstrndup(p, len);
		site_put_seg(b, seg);
		free(seg);
		if (slash == NULL)
			break;
		tally_buf_putc(b, '/');
		p = slash + 1;
	}
}

int
site_sitemap(struct site *s)
{
	struct tally_buf b = TALLY_BUF_INIT, u = TALLY_BUF_INIT;
	size_t total = s->pages.n, i, inpart = 0, part = 0;
	int rc = 0, split;

	for (i = 0; i < s->nreps; i++)
		total += s->reps[i].page;
	split = total > SITEMAP_MAX;
	tally_buf_puts(&b, sm_head);
	/* the other pages, then the reports in path order */
	for (i = 0; i < s->pages.n + s->nreps && rc == 0; i++) {
		const char *lastmod = NULL;
		tally_buf_reset(&u);
		if (i < s->pages.n) {
			page_url(&u, s->pages.paths[i]);
		} else {
			const struct site_report *r = &s->reps[i - s->pages.n];
			if (!r->page)
				continue;
			site_report_url(s, r, ".html", 0, &u);
			lastmod = r->published;
		}
		url_entry(s, &b, tally_buf_cstr(&u), lastmod);
		if (split && ++inpart == SITEMAP_MAX) {
			char *name = xasprintf("sitemap-%zu.xml", ++part);
			tally_buf_puts(&b, sm_tail);
			rc = site_write(s, name, b.data, b.len);
			free(name);
			tally_buf_reset(&b);
			tally_buf_puts(&b, sm_head);
			inpart = 0;
		}
	}
	tally_buf_puts(&b, sm_tail);
	if (rc == 0 && split) {
		if (inpart > 0) {
			char *name = xasprintf("sitemap-%zu.xml", ++part);
			rc = site_write(s, name, b.data, b.len);
			free(name);
		}
		tally_buf_reset(&b);
		tally_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		    "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
		for (i = 1; i <= part; i++) {
			tally_buf_puts(&b, "<sitemap><loc>");
			site_put_xml(&b, s->base);
			tally_buf_printf(&b, "sitemap-%zu.xml</loc></sitemap>\n", i);
		}
		tally_buf_puts(&b, "</sitemapindex>\n");
	}
	if (rc == 0)
		rc = site_write(s, "sitemap.xml", b.data, b.len);
	tally_buf_free(&b);
	tally_buf_free(&u);
	return rc;
}
