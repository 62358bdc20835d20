/*
 * diag.h - findings: the rule table, collection, suppression, sorting and
 * the emitters.  One function (tally_diag_add) reports a finding; nothing
 * else writes one.  The worst severity seen decides the exit status.
 */
#ifndef TALLY_DIAG_H
#define TALLY_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/util.h"

enum tally_severity {
	TALLY_SEV_OFF = 0,
	TALLY_SEV_NOTE,
	TALLY_SEV_WARNING,
	TALLY_SEV_ERROR,
};

enum tally_lang {
	TALLY_LANG_ZH = 0,
	TALLY_LANG_EN,
};

/* A row of the rule table. */
struct tally_rule_info {
	const char *id;          /* "A002" */
	char family;             /* 'A' */
	enum tally_severity severity;
	const char *title_zh;
	const char *title_en;
	const char *explain_zh;  /* what, why, failing example, fix */
	const char *explain_en;
};

extern const struct tally_rule_info tally_rules[];
extern const size_t tally_nrules;

/* The rule with this id, or NULL. */
const struct tally_rule_info *tally_rule_find(const char *id);
const char *tally_severity_name(enum tally_severity s);
/* Parses "error", "warning", "note", "off"; -1 when unknown. */
int tally_severity_parse(const char *s);

/* A finding.  rule is NULL for configuration problems that have no rule
 * (a bad schema file).  Strings are owned by the collection. */
struct tally_diag {
	const char *rule;
	enum tally_severity severity;
	char *file;
	uint32_t line, col;
	char *msg_zh;
	char *msg_en;
	size_t seq; /* order of arrival, for stable sorting */
};

struct tally_diags {
	struct tally_diag *items;
	size_t n, cap;
	size_t count[TALLY_SEV_ERROR + 1];
	enum tally_lang lang;
	/* run-wide overrides (tally.yaml lint.disable / lint.severity) */
	const char **disabled;
	size_t ndisabled;
	const char **sev_rules;
	enum tally_severity *sev_values;
	size_t nsev;
};

void tally_diags_init(struct tally_diags *d, enum tally_lang lang);
void tally_diags_free(struct tally_diags *d);

/* Reports a finding of `rule` at file:line:col.  The message is given in
 * both languages with the same arguments (zh first).  Dropped when the
 * rule is disabled for the run. */
void tally_diag_add(struct tally_diags *d, const char *rule, const char *file,
    uint32_t line, uint32_t col, const char *fmt_zh, const char *fmt_en, ...);
void tally_diag_vadd(struct tally_diags *d, const char *rule, const char *file,
    uint32_t line, uint32_t col, const char *fmt_zh, const char *fmt_en,
    va_list ap);
/* A problem without a rule (configuration, schema file) at error level. */
void tally_diag_config(struct tally_diags *d, const char *file, uint32_t line,
    uint32_t col, const char *fmt_zh, const char *fmt_en, ...);
/* Moves every finding of src to the end of dst (src is left empty). */
void tally_diags_move(struct tally_diags *dst, struct tally_diags *src);
/* Drops every finding for which keep(g, ctx) returns 0 (suppressions).
 * The counts follow. */
void tally_diags_filter(struct tally_diags *d,
    int (*keep)(const struct tally_diag *g, void *ctx), void *ctx);
/* A collection with the same language and run-wide overrides as parent,
 * for one report's findings before suppression. */
void tally_diags_init_like(struct tally_diags *d, const struct tally_diags *parent);
/* Sorts by file, line, column, then arrival. */
void tally_diags_sort(struct tally_diags *d);
/* Worst severity present (TALLY_SEV_OFF when none). */
enum tally_severity tally_diags_worst(const struct tally_diags *d);
/* The message in the run's language. */
const char *tally_diag_msg(const struct tally_diags *d, const struct tally_diag *g);

/* Writes findings compiler-style: "file:line:col: level: [ID] message",
 * with colour when `color`, then a summary line unless quiet. */
void tally_diags_print_text(const struct tally_diags *d, struct tally_buf *out,
    int color, int quiet);

/* The machine-readable forms (emit.c): tally's JSON document, GitHub
 * workflow commands, SARIF 2.1.0 with the rule table as
 * tool.driver.rules, and reviewdog's rdjson. */
void tally_diags_print_json(const struct tally_diags *d, struct tally_buf *out);
void tally_diags_print_github(const struct tally_diags *d, struct tally_buf *out);
void tally_diags_print_sarif(const struct tally_diags *d, struct tally_buf *out);
void tally_diags_print_rdjson(const struct tally_diags *d, struct tally_buf *out);

#ifndef TALLY_VERSION
#define TALLY_VERSION "0.0.0"
#endif
#define TALLY_VERSION_STRING TALLY_VERSION

/* The run's language from --lang or the environment (LANG/LC_ALL). */
enum tally_lang tally_lang_from_env(void);

#endif
