/*
 * internal.h - what the rule families of src/lint share among themselves;
 * not for other stages.
 */
#ifndef TALLY_LINT_INTERNAL_H
#define TALLY_LINT_INTERNAL_H

#include "lint.h"

struct tally_numctx;

/* One entry point per family file, called in this order by lint.c.  The
 * arithmetic reads figures through the report's context (num.c), which
 * lint.c makes once and passes on to the cross-report summary. */
void tally_lint_front(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *d);    /* front.c: F003 M001-M003 */
void tally_lint_sections(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *d);    /* sections.c: S */
void tally_lint_arith(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *d,
    struct tally_numctx *nc);                                /* arith.c: A */
void tally_lint_tables(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *d);    /* tables.c: T */
void tally_lint_numbers(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *d);    /* numbers.c: N */
void tally_lint_links(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *d);    /* links.c: L */
void tally_lint_prose(const struct tally_project *p,
    const struct tally_report *r, struct tally_diags *d);    /* prose.c: P */

/* ---- prose.c: what a report says of the previous year (for cross.c) ----
 * "收、支总计74万元。与上一年度相比，收、支总计各增加34万元" says last
 * year's 收、支总计 was 74 − 34 = 40.  A claim names the figure fields its
 * words name (by the schema's labels and aliases) and the value it
 * implies, as an interval in the unit 10^exp (元 for money). */
struct tally_prev_claim {
	const char *subject;     /* the words naming the figure */
	const char *fields[2];   /* schema field paths they name */
	size_t nfields;
	struct tally_ival prev;  /* implied previous-year value */
	struct tally_dec point;  /* the same from the values as written */
	int exp;                 /* its unit: 10^exp 元 for money */
	int exact;               /* computed from exact counts */
	int cls_money;           /* money (else a count in `unit`) */
	const char *unit;        /* the count's unit; "" for money */
	const char *expr;        /* how it was computed: "74 − 34 = 40" */
	const char *quote;       /* "：“…”", the words read */
	struct tally_pos pos;    /* of the change amount */
};

/* The claims about the previous year of r's prose, allocated in arena
 * (strings too); returns how many.  Reads only the paragraphs that speak
 * of 上年/上一年度/同比. */
size_t tally_prose_prev_claims(const struct tally_report *r,
    struct tally_arena *arena, struct tally_prev_claim **out);

/* tally_lint_run_add reading r's figures through nc (made for r), or
 * through a context of its own when nc is NULL (cross.c). */
void tally_lint_run_add_nc(struct tally_lint_run *run,
    const struct tally_project *p, const struct tally_report *r,
    struct tally_numctx *nc);

/* Applies the report's suppressions (comments, front-matter lint.disable)
 * to its findings in d, and reports D001/D002 (suppress.c). */
void tally_lint_suppress(const struct tally_report *r, struct tally_diags *d);

/* 1 when s is a valid date YYYY-MM-DD; stores its year. */
int tally_lint_valid_date(const char *s, int *year);

/* ---- num.c: front-matter figures read as numbers (the A family) --------
 * A scalar read as a figure: its value as written, its kind, whether it is
 * exact (a count) or stands for its rounding interval, and the power of
 * ten that converts it to the report's money unit (money) or to percent
 * (‰).  See num.c. */

/* Kinds from TALLY_N_PLAIN on are numbers one can compute with. */
enum tally_nkind {
	TALLY_N_TEXT = 0, /* absent, null, a text field, words: no figure */
	TALLY_N_BAD,      /* a number that does not read ("121.93%%") or a
	                   * bound ("≥95%"): relations using it are skipped */
	TALLY_N_PLAIN,    /* a bare number: money in money_unit, a count, … */
	TALLY_N_MONEY,    /* an amount with its own unit: 元 万元 亿元 */
	TALLY_N_PERCENT,  /* % or ‰ (or a bare number declared percent) */
	TALLY_N_UNIT,     /* another unit: counters (人 件), measures (公顷) */
};

enum tally_nexact {
	TALLY_NX_NONE = 0, /* stands for its rounding interval */
	TALLY_NX_WEAK,     /* an undeclared integer: a count, unless the
	                    * relation mixes it with written decimals */
	TALLY_NX_STRONG,   /* a count: declared count or a counter unit */
};

struct tally_num {
	enum tally_nkind kind;
	enum tally_nexact exact;
	struct tally_dec v; /* as written, in its own unit */
	int exp;            /* money: unit as a power of ten of 元 (元 0, 万元
	                     * 4, 亿元 8; a bare number has the report's);
	                     * percent: 0 for %, -1 for ‰ */
	const char *unit;   /* as written ("元", "%", "人"); "" when none */
	const char *text;   /* the scalar as written */
	const struct tally_fact *fact;
	const struct tally_schema_field *field; /* NULL when undeclared */
};

struct tally_numctx {
	const struct tally_report *r;
	struct tally_arena arena; /* scratch for this report's reading */
	int money_exp;            /* of the report's money_unit */
	const char *money_unit;
	const struct tally_fact **keys; /* fact -> schema field, open hash */
	const struct tally_schema_field **vals;
	size_t mask;
	/* the fact of each schema field, by index (NULL when absent) */
	const struct tally_fact **field_fact;
	size_t nfield_fact;
	/* the nodes of the first memo_depth segments of the last path
	 * followed (tally_num_path) */
#define TALLY_NUM_MEMO 8
	const char *memo_path;
	const struct tally_fact *memo_node[TALLY_NUM_MEMO];
	size_t memo_depth;
	/* what tally_num_read made of each scalar read so far (an open
	 * hash in the arena, made on first use; zero before) */
	const struct tally_fact **read_keys;
	struct tally_num *read_vals;
	size_t read_mask, nread;
};

/* Prepares reading r's figures: resolves every schema field once. */
void tally_numctx_init(struct tally_numctx *c, const struct tally_report *r);
void tally_numctx_free(struct tally_numctx *c);
/* tally_fact_path from r's front matter, faster for paths that share a
 * prefix with the previous one.  The memo points into path strings that
 * must outlive the context (schema and rule paths do). */
const struct tally_fact *tally_num_path(struct tally_numctx *c,
    const char *path);
/* The fact of r's schema field i (tally_num_path of its path, resolved
 * by tally_numctx_init), or NULL. */
const struct tally_fact *tally_num_field_fact(const struct tally_numctx *c,
    size_t i);
/* The schema field declared for fact f (or for the mapping whose total f
 * is), or NULL. */
const struct tally_schema_field *tally_num_field(const struct tally_numctx *c,
    const struct tally_fact *f);
/* Reads f as a figure into *out and returns its kind; never fails (an
 * unreadable scalar is TALLY_N_BAD, words are TALLY_N_TEXT).  A scalar is
 * read once per context: later calls copy the first reading. */
enum tally_nkind tally_num_read(struct tally_numctx *c,
    const struct tally_fact *f, struct tally_num *out);
/* tally_quantity_parse with the scratch arena, and a fast path for bare
 * numbers and percentages. */
int tally_num_quantity(struct tally_numctx *c, const char *text,
    struct tally_quantity *q);
/* 元 0, 万元 4 (also the default for NULL or an unknown unit), 亿元 8. */
int tally_money_exp(const char *unit);
/* Formats d dropping trailing zeros down to min_scale decimals. */
char *tally_num_fmt_trim(struct tally_dec d, int min_scale, char *buf,
    size_t n);
/* Half a unit in the last place of `scale` decimals: 0.05 for 1. */
struct tally_dec tally_num_half_ulp(int scale);
/* ---- end of num.c ------------------------------------------------------ */

#endif
