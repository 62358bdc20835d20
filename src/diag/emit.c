/*
 * emit.c - the machine-readable forms of the findings: JSON (tally's own
 * stable document), GitHub workflow commands (annotations on a pull
 * request), SARIF 2.1.0 (code scanning) and reviewdog's rdjson.  Text
 * output lives in diag.c.  jansson builds every JSON document, so strings
 * are always escaped correctly.
 */
#include <string.h>

#include <jansson.h>

#include "diag.h"

#define TALLY_URI "https://github.com/tally-reports/tally"

static void
dump_json(json_t *doc, struct tally_buf *out)
{
	char *s = json_dumps(doc, JSON_INDENT(2));

	if (s == NULL)
		tally_die_oom();
	tally_buf_puts(out, s);
	tally_buf_putc(out, '\n');
	free(s);
	json_decref(doc);
}

static json_t *
jstr(const char *s)
{
	json_t *j = json_string(s ? s : "");

	if (j == NULL) /* not UTF-8: keep what can be shown */
		j = json_string("(invalid UTF-8)");
	return j;
}

void
tally_diags_print_json(const struct tally_diags *d, struct tally_buf *out)
{
	json_t *doc = json_object(), *list = json_array(), *sum = json_object();
	size_t i;

	json_object_set_new(doc, "tool", jstr("tally"));
	json_object_set_new(doc, "version", jstr(TALLY_VERSION_STRING));
	for (i = 0; i < d->n; i++) {
		const struct tally_diag *g = &d->items[i];
		json_t *o = json_object();
		json_object_set_new(o, "file", jstr(g->file));
		json_object_set_new(o, "line", json_integer(g->line));
		json_object_set_new(o, "column", json_integer(g->col));
		json_object_set_new(o, "rule", g->rule ? jstr(g->rule) : json_null());
		json_object_set_new(o, "severity",
		    jstr(tally_severity_name(g->severity)));
		json_object_set_new(o, "message", jstr(tally_diag_msg(d, g)));
		json_object_set_new(o, "message_zh", jstr(g->msg_zh));
		json_object_set_new(o, "message_en", jstr(g->msg_en));
		json_array_append_new(list, o);
	}
	json_object_set_new(doc, "findings", list);
	json_object_set_new(sum, "errors", json_integer((json_int_t)d->count[TALLY_SEV_ERROR]));
	json_object_set_new(sum, "warnings", json_integer((json_int_t)d->count[TALLY_SEV_WARNING]));
	json_object_set_new(sum, "notes", json_integer((json_int_t)d->count[TALLY_SEV_NOTE]));
	json_object_set_new(doc, "summary", sum);
	dump_json(doc, out);
}

/* Workflow-command escaping: data escapes %, CR, LF; properties also
 * escape : and ,. */
static void
gh_escape(struct tally_buf *out, const char *s, int property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%':
			tally_buf_puts(out, "%25");
			break;
		case '\r':
			tally_buf_puts(out, "%0D");
			break;
		case '\n':
			tally_buf_puts(out, "%0A");
			break;
		case ':':
			tally_buf_puts(out, property ? "%3A" : ":");
			break;
		case ',':
			tally_buf_puts(out, property ? "%2C" : ",");
			break;
		default:
			tally_buf_putc(out, *s);
		}
	}
}

void
tally_diags_print_github(const struct tally_diags *d, struct tally_buf *out)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct tally_diag *g = &d->items[i];
		const struct tally_rule_info *r = g->rule ? tally_rule_find(g->rule) : NULL;
		tally_buf_printf(out, "::%s file=",
		    g->severity == TALLY_SEV_ERROR ? "error"
		    : g->severity == TALLY_SEV_WARNING ? "warning" : "notice");
		gh_escape(out, g->file, 1);
		if (g->line) {
			tally_buf_printf(out, ",line=%u", (unsigned)g->line);
			if (g->col)
				tally_buf_printf(out, ",col=%u", (unsigned)g->col);
		}
		if (g->rule) {
			tally_buf_puts(out, ",title=");
			gh_escape(out, g->rule, 1);
			if (r) {
				tally_buf_puts(out, " ");
				gh_escape(out, d->lang == TALLY_LANG_EN ? r->title_en
				    : r->title_zh, 1);
			}
		}
		tally_buf_puts(out, "::");
		gh_escape(out, tally_diag_msg(d, g), 0);
		tally_buf_putc(out, '\n');
	}
}

static const char *
sarif_level(enum tally_severity s)
{
	return s == TALLY_SEV_ERROR ? "error" : s == TALLY_SEV_WARNING ? "warning"
	    : "note";
}

void
tally_diags_print_sarif(const struct tally_diags *d, struct tally_buf *out)
{
	json_t *doc = json_object(), *runs = json_array(), *run = json_object();
	json_t *tool = json_object(), *driver = json_object();
	json_t *rules = json_array(), *results = json_array();
	int en = d->lang == TALLY_LANG_EN;
	size_t i;

	json_object_set_new(doc, "$schema",
	    jstr("https://json.schemastore.org/sarif-2.1.0.json"));
	json_object_set_new(doc, "version", jstr("2.1.0"));
	json_object_set_new(driver, "name", jstr("tally"));
	json_object_set_new(driver, "version", jstr(TALLY_VERSION_STRING));
	json_object_set_new(driver, "informationUri", jstr(TALLY_URI));
	for (i = 0; i < tally_nrules; i++) {
		const struct tally_rule_info *r = &tally_rules[i];
		json_t *o = json_object(), *t, *cfg = json_object();
		json_object_set_new(o, "id", jstr(r->id));
		t = json_object();
		json_object_set_new(t, "text", jstr(en ? r->title_en : r->title_zh));
		json_object_set_new(o, "shortDescription", t);
		t = json_object();
		json_object_set_new(t, "text", jstr(en ? r->explain_en : r->explain_zh));
		json_object_set_new(o, "fullDescription", t);
		t = json_object();
		json_object_set_new(t, "text", jstr(en ? r->explain_en : r->explain_zh));
		json_object_set_new(o, "help", t);
		json_object_set_new(cfg, "level", jstr(sarif_level(r->severity)));
		json_object_set_new(o, "defaultConfiguration", cfg);
		json_array_append_new(rules, o);
	}
	json_object_set_new(driver, "rules", rules);
	json_object_set_new(tool, "driver", driver);
	json_object_set_new(run, "tool", tool);

	for (i = 0; i < d->n; i++) {
		const struct tally_diag *g = &d->items[i];
		json_t *o = json_object(), *msg = json_object();
		json_t *locs = json_array(), *loc = json_object();
		json_t *phys = json_object(), *art = json_object();
		if (g->rule) {
			const struct tally_rule_info *r = tally_rule_find(g->rule);
			json_object_set_new(o, "ruleId", jstr(g->rule));
			if (r)
				json_object_set_new(o, "ruleIndex",
				    json_integer((json_int_t)(r - tally_rules)));
		}
		json_object_set_new(o, "level", jstr(sarif_level(g->severity)));
		json_object_set_new(msg, "text", jstr(tally_diag_msg(d, g)));
		json_object_set_new(o, "message", msg);
		json_object_set_new(art, "uri", jstr(g->file));
		json_object_set_new(phys, "artifactLocation", art);
		if (g->line) {
			json_t *reg = json_object();
			json_object_set_new(reg, "startLine", json_integer(g->line));
			if (g->col)
				json_object_set_new(reg, "startColumn",
				    json_integer(g->col));
			json_object_set_new(phys, "region", reg);
		}
		json_object_set_new(loc, "physicalLocation", phys);
		json_array_append_new(locs, loc);
		json_object_set_new(o, "locations", locs);
		json_array_append_new(results, o);
	}
	json_object_set_new(run, "results", results);
	json_object_set_new(run, "columnKind", jstr("unicodeCodePoints"));
	json_array_append_new(runs, run);
	json_object_set_new(doc, "runs", runs);
	dump_json(doc, out);
}

void
tally_diags_print_rdjson(const struct tally_diags *d, struct tally_buf *out)
{
	json_t *doc = json_object(), *src = json_object(), *list = json_array();
	size_t i;

	json_object_set_new(src, "name", jstr("tally"));
	json_object_set_new(src, "url", jstr(TALLY_URI));
	json_object_set_new(doc, "source", src);
	for (i = 0; i < d->n; i++) {
		const struct tally_diag *g = &d->items[i];
		json_t *o = json_object(), *loc = json_object();
		json_object_set_new(o, "message", jstr(tally_diag_msg(d, g)));
		json_object_set_new(loc, "path", jstr(g->file));
		if (g->line) {
			json_t *range = json_object(), *start = json_object();
			json_object_set_new(start, "line", json_integer(g->line));
			if (g->col)
				json_object_set_new(start, "column",
				    json_integer(g->col));
			json_object_set_new(range, "start", start);
			json_object_set_new(loc, "range", range);
		}
		json_object_set_new(o, "location", loc);
		json_object_set_new(o, "severity",
		    jstr(g->severity == TALLY_SEV_ERROR ? "ERROR"
		    : g->severity == TALLY_SEV_WARNING ? "WARNING" : "INFO"));
		if (g->rule) {
			json_t *code = json_object();
			json_object_set_new(code, "value", jstr(g->rule));
			json_object_set_new(o, "code", code);
		}
		json_array_append_new(list, o);
	}
	json_object_set_new(doc, "diagnostics", list);
	dump_json(doc, out);
}
