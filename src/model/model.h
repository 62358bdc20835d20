/*
 * model.h - the report model: what every later stage reads.
 *
 * A report is parsed once into one arena: its front matter becomes a fact
 * tree (every key and value with line and column, scalars kept as the text
 * that was written), its Markdown body becomes an outline (sections with
 * their numbering, paragraphs, tables), and its numbers are exact decimals.
 * Lint rules and the site read this model and never change it.  No cmark,
 * yaml or git type appears here: each library stays inside its wrapper.
 *
 * Positions are 1-based.  Columns count Unicode code points (a Chinese
 * character is one column), as GitHub annotations and editors do.
 */
#ifndef TALLY_MODEL_H
#define TALLY_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "../util/util.h"

struct tally_diags;

struct tally_pos {
	uint32_t line; /* 1-based; 0 = unknown */
	uint32_t col;  /* 1-based, in code points; 0 = unknown */
};

/* ======================================================================
 * Exact decimals (decimal.c)
 *
 * value = coef × 10^-scale.  scale is the number of decimals as written:
 * "232.4" is {2324, 1}, "250000.00" is {25000000, 2}.  Never a float.
 * ==================================================================== */

#define TALLY_DEC_MAX_SCALE 18

struct tally_dec {
	int64_t coef;
	int32_t scale; /* 0..TALLY_DEC_MAX_SCALE */
};

enum {
	TALLY_DEC_OK = 0,
	TALLY_DEC_EINVAL = -1,   /* not a number */
	TALLY_DEC_EOVERFLOW = -2, /* does not fit: refused, never wrapped */
	TALLY_DEC_EDIVZERO = -3,
};

enum tally_round {
	TALLY_ROUND_FLOOR,   /* towards -inf */
	TALLY_ROUND_CEIL,    /* towards +inf */
	TALLY_ROUND_HALF_UP, /* half away from zero: 86.185 -> 86.19 */
	TALLY_ROUND_TRUNC,   /* towards zero */
};

/* Parses a number at the start of s[0..n): optional sign (+ - − ＋ －),
 * ASCII or fullwidth digits (０-９), an optional decimal point (. or ．)
 * and ASCII thousands separators (1,234.5: groups of exactly three
 * digits).  Stops at the first byte that cannot continue the number and
 * stores the bytes consumed in *used (may be NULL).  Returns TALLY_DEC_OK,
 * TALLY_DEC_EINVAL when no digit starts s, TALLY_DEC_EOVERFLOW when the
 * value or its scale does not fit. */
int tally_dec_parse(const char *s, size_t n, struct tally_dec *out,
    size_t *used);
/* Like tally_dec_parse, but the whole of s (NUL-terminated, surrounding
 * ASCII spaces allowed) must be the number. */
int tally_dec_parse_str(const char *s, struct tally_dec *out);
struct tally_dec tally_dec_from_int(int64_t v);
/* Formats d in ASCII with exactly d.scale decimals ("232.40", "-0.08").
 * Writes at most n bytes including the NUL; returns buf. */
char *tally_dec_format(struct tally_dec d, char *buf, size_t n);
#define TALLY_DEC_BUFSZ 48
/* Exact comparison: <0, 0, >0 (232.4 == 232.40). */
int tally_dec_cmp(struct tally_dec a, struct tally_dec b);
int tally_dec_is_zero(struct tally_dec d);
int tally_dec_sign(struct tally_dec d);
struct tally_dec tally_dec_neg(struct tally_dec d);
struct tally_dec tally_dec_abs(struct tally_dec d);
/* Arithmetic.  Each returns TALLY_DEC_OK or a negative error and leaves
 * *out untouched on error.  add/sub: scale = max of the scales; mul:
 * scale = sum of the scales (an error if above the maximum after dropping
 * trailing zeros is impossible); div: the quotient rounded at `scale`
 * decimals by mode. */
int tally_dec_add(struct tally_dec a, struct tally_dec b, struct tally_dec *out);
int tally_dec_sub(struct tally_dec a, struct tally_dec b, struct tally_dec *out);
int tally_dec_mul(struct tally_dec a, struct tally_dec b, struct tally_dec *out);
int tally_dec_div(struct tally_dec a, struct tally_dec b, int scale,
    enum tally_round mode, struct tally_dec *out);
/* Changes the scale, rounding by mode when it drops digits. */
int tally_dec_rescale(struct tally_dec d, int scale, enum tally_round mode,
    struct tally_dec *out);
/* Multiplies by 10^k (k may be negative: exact division by a power of ten
 * that increases the scale), e.g. to convert 万元 to 元 (k = 4).  The
 * result's scale is d.scale - k, at least 0: 1.2345 万元 is 12345 元. */
int tally_dec_shift(struct tally_dec d, int k, struct tally_dec *out);

/* ----------------------------------------------------------------------
 * Intervals: a written number stands for every value that rounds to it
 * (DESIGN section 4).  A relation holds when the computed interval overlaps
 * the stated one.
 * -------------------------------------------------------------------- */

struct tally_ival {
	struct tally_dec lo, hi; /* lo <= hi */
};

/* [d, d]: counts and other exact values. */
struct tally_ival tally_ival_exact(struct tally_dec d);
/* [d - ½ulp, d + ½ulp] with ulp = 10^-d.scale: "232.4" -> [232.35, 232.45]. */
int tally_ival_written(struct tally_dec d, struct tally_ival *out);
/* The same read at a finer precision `scale` >= d.scale ("30" among parts
 * written to two decimals is 30.00 -> [29.995, 30.005]). */
int tally_ival_written_at(struct tally_dec d, int scale, struct tally_ival *out);
int tally_ival_add(struct tally_ival a, struct tally_ival b, struct tally_ival *out);
int tally_ival_sub(struct tally_ival a, struct tally_ival b, struct tally_ival *out);
int tally_ival_mul(struct tally_ival a, struct tally_ival b, struct tally_ival *out);
/* Outward-rounded quotient at `scale` decimals (lo floored, hi ceiled).
 * TALLY_DEC_EDIVZERO when b contains zero. */
int tally_ival_div(struct tally_ival a, struct tally_ival b, int scale,
    struct tally_ival *out);
/* The interval of a sum of written parts: each part read at the finest
 * precision among them ("30" beside "29.99" is 30.00) and widened by its
 * half-ulp, as tally_ival_written_at.  n = 0 gives [0, 0]. */
int tally_ival_sum_parts(const struct tally_dec *parts, size_t n,
    struct tally_ival *out);
/* 1 when the intervals share a value.  Ends are closed, but two intervals
 * of non-zero width that only meet at one end do not overlap: 30 + 30 +
 * 29.99 = [89.975, 90.005] stated as 89.97 = [89.965, 89.975] fails, while
 * an exact 89.975 (a tie) holds against both 89.97 and 89.98. */
int tally_ival_overlaps(struct tally_ival a, struct tally_ival b);
/* 1 when v lies in [iv.lo, iv.hi]. */
int tally_ival_contains(struct tally_ival iv, struct tally_dec v);

/* ======================================================================
 * Numbering of headings and items (numbering.c)
 * ==================================================================== */

enum tally_numstyle {
	TALLY_NUM_NONE = 0,
	TALLY_NUM_CN,           /* 一、 二、 … 二十、 (also "一 、", "一．") */
	TALLY_NUM_CN_PAREN,     /* （一） or (一) */
	TALLY_NUM_ARABIC,       /* 1.  1、  1． */
	TALLY_NUM_ARABIC_PAREN, /* （1） or (1) */
	TALLY_NUM_PAREN_DIGIT,  /* ⑴ ⑵ … ⒇ (U+2474..U+2487) */
	TALLY_NUM_CIRCLED,      /* ① ② … ⑳ (U+2460..U+2473) */
	TALLY_NUM_LATIN,        /* a.  b、  C、 (a = 1) */
};

struct tally_numbering {
	enum tally_numstyle style;
	int value;  /* 1-based ordinal: 一 = 1, 十二 = 12, ⑶ = 3 */
	size_t len; /* bytes of the numbering with its separator and any
	             * spaces after it; 0 when style is NONE */
};

/* Reads the numbering at the start of s[0..n).  Returns the bytes it
 * covers (also stored in out->len): spaces before it (ASCII, U+3000),
 * the numbering, its separator and the spaces after it; or 0 with
 * out->style = NONE. */
size_t tally_numbering_parse(const char *s, size_t n, struct tally_numbering *out);
/* The numbering as it should be written for style/value ("（三）"), for
 * messages.  Writes into buf (at least 32 bytes); returns buf. */
char *tally_numbering_format(enum tally_numstyle style, int value, char *buf,
    size_t n);
/* Short English name of a style ("cn", "cn-paren", …) for dumps. */
const char *tally_numstyle_name(enum tally_numstyle style);

/* ======================================================================
 * Front matter (frontmatter.c)
 * ==================================================================== */

struct tally_split {
	int has_front;       /* a front-matter block was found */
	int unterminated;    /* an opening --- with no closing line */
	const char *yaml;    /* the YAML text between the delimiters */
	size_t yaml_len;
	uint32_t yaml_line;  /* file line of the first YAML line */
	const char *body;    /* the Markdown body after the front matter */
	size_t body_len;
	uint32_t body_line;  /* file line of the first body line */
};

/* Splits src (UTF-8, LF line ends: see tally_text_normalize) into YAML
 * front matter and body.  Front matter starts with a line "---" on the
 * first line and ends at the next line "---" or "..."; a later "---" is
 * part of the body.  Never fails: without front matter, the whole text is
 * the body. */
void tally_frontmatter_split(const char *src, size_t len, struct tally_split *out);

/* Makes a report's text ready to parse: drops a UTF-8 BOM and turns CRLF
 * and lone CR into LF, in place.  Returns the new length. */
size_t tally_text_normalize(char *src, size_t len);

/* ======================================================================
 * The fact tree: YAML with positions (yaml.c)
 * ==================================================================== */

enum tally_fact_kind {
	TALLY_FACT_SCALAR,
	TALLY_FACT_MAP,
	TALLY_FACT_SEQ,
};

struct tally_fact {
	enum tally_fact_kind kind;
	const char *key;          /* member name in a map, else NULL */
	struct tally_pos key_pos; /* of the key */
	struct tally_pos pos;     /* of the value */
	const char *text;         /* scalar as written (NUL-terminated); "" for
	                           * collections */
	size_t len;
	int quoted;               /* scalar was written in quotes */
	int is_null;              /* plain ~, null or empty value */
	size_t index;             /* position among its siblings */
	struct tally_fact *parent;
	struct tally_fact *child; /* first member or item */
	struct tally_fact *next;  /* next sibling */
	size_t nchild;
};

struct tally_yaml_error {
	struct tally_pos pos;
	char msg[256];
};

/* Parses YAML text into a fact tree allocated in arena.  first_line is the
 * file line where text starts, so positions are file positions.  An empty
 * document gives an empty map.  Returns 0, or -1 with *err filled (syntax
 * error, duplicate key, anchors/aliases, several documents). */
int tally_facts_parse(struct tally_arena *arena, const char *text, size_t len,
    uint32_t first_line, struct tally_fact **root, struct tally_yaml_error *err);
/* Member `key` of a map, or NULL. */
const struct tally_fact *tally_fact_get(const struct tally_fact *map,
    const char *key);
/* Item `i` of a sequence, or NULL. */
const struct tally_fact *tally_fact_item(const struct tally_fact *seq, size_t i);
/* One segment key[0..n) of a dotted path, without copying it: the member
 * of a map (the first of that name, as tally_fact_get finds it), or the
 * item of a sequence when the segment is a decimal index (as
 * tally_fact_path reads one); NULL otherwise. */
const struct tally_fact *tally_fact_segment(const struct tally_fact *f,
    const char *key, size_t n);
/* Follows a dotted path ("figures.budget.total", "funds.0.rate"): names
 * select map members, decimal integers select sequence items. */
const struct tally_fact *tally_fact_path(const struct tally_fact *root,
    const char *path);
/* Writes the dotted path of f from the root into b. */
void tally_fact_path_of(const struct tally_fact *f, struct tally_buf *b);
/* 1 for a non-null scalar. */
int tally_fact_is_scalar(const struct tally_fact *f);

/* ======================================================================
 * Quantities: a scalar read as a number (quantity.c)
 * ==================================================================== */

enum tally_qunit {
	TALLY_Q_PLAIN = 0, /* a bare number */
	TALLY_Q_PERCENT,   /* 99.97% / ％ */
	TALLY_Q_PERMILLE,  /* ‰ */
	TALLY_Q_YUAN,      /* 元 */
	TALLY_Q_WANYUAN,   /* 万元 */
	TALLY_Q_YIYUAN,    /* 亿元 */
	TALLY_Q_OTHER,     /* another unit written after it: 公顷, 人, 分 … */
};

struct tally_quantity {
	struct tally_dec value;
	enum tally_qunit unit;
	const char *op;      /* comparison written with it, canonical: "≥"
	                      * "≤" ">" "<" "=" "≈" (不低于 and 90%以上 are
	                      * both "≥"); NULL when none (static string) */
	const char *unit_text; /* the unit as written, "" when none */
};

/* Reads a scalar's text as a quantity: an optional operator, a number, an
 * optional unit.  Returns 0, or -1 when the text is not a quantity. */
int tally_quantity_parse(struct tally_arena *arena, const char *text,
    struct tally_quantity *out);

/* ======================================================================
 * The outline: the Markdown body (markdown.c)
 * ==================================================================== */

struct tally_span {
	size_t off;           /* offset into the block's text */
	struct tally_pos pos; /* source position of text[off] */
};

struct tally_cell {
	const char *text; /* plain text, trimmed */
	struct tally_pos pos;
};

struct tally_table {
	size_t nrows; /* including the header row (row 0) */
	size_t ncols;
	struct tally_cell *cells; /* nrows × ncols, row-major */
};

enum tally_block_kind {
	TALLY_BLOCK_PARA,  /* a paragraph */
	TALLY_BLOCK_ITEM,  /* a paragraph that is a list item's first */
	TALLY_BLOCK_TABLE,
	TALLY_BLOCK_CODE,
	TALLY_BLOCK_HTML,  /* a raw HTML block (comments included), or an
	                    * inline HTML comment, placed after the block
	                    * that holds it */
};

struct tally_section;

struct tally_block {
	enum tally_block_kind kind;
	struct tally_pos pos;     /* first character */
	uint32_t end_line;
	struct tally_section *section; /* innermost enclosing section */
	struct tally_numbering num;    /* leading numbering of the text; an
	                                * ordered list item without one gets
	                                * its marker's number (ARABIC, len 0) */
	const char *text;  /* plain text: inline markup dropped, soft and
	                    * hard breaks as '\n'; raw text for CODE/HTML;
	                    * for TABLE the cells, '\t' between cells and
	                    * '\n' between rows */
	size_t len;
	struct tally_span *spans; /* sorted by off; spans[0].off == 0 */
	size_t nspans;
	struct tally_table *table; /* TALLY_BLOCK_TABLE only */
	struct tally_block *next;  /* document order */
};

struct tally_section {
	int level;                  /* heading level 1..6; 0 for the root */
	struct tally_numbering num;
	const char *heading;        /* heading text as written (plain) */
	const char *title;          /* with the numbering stripped, trimmed */
	struct tally_pos pos;       /* of the heading line */
	uint32_t end_line;          /* last line before the next heading of
	                             * the same or a higher level */
	struct tally_section *parent;
	struct tally_section *child; /* first subsection */
	struct tally_section *next;  /* next sibling */
	size_t nchild;
	struct tally_block *first;   /* first block directly in the section
	                              * (before its first subsection) */
	size_t nblocks;              /* blocks directly in the section */
};

struct tally_link {
	const char *url;
	int image;
	struct tally_pos pos;
	struct tally_link *next;
};

struct tally_outline {
	struct tally_section root;   /* level 0: the text before any heading */
	struct tally_block *blocks;  /* every block, document order */
	size_t nblocks;
	struct tally_link *links;
	void *doc;                   /* parsed document, for rendering (opaque) */
};

/* Parses a Markdown body once with cmark-gfm (tables, strikethrough,
 * autolinks; source positions) into an outline allocated in arena.
 * first_line is the file line of the body's first line.  The parsed
 * document is kept in out->doc for tally_outline_render; release it with
 * tally_outline_release.  Returns 0, or -1 when cmark cannot parse.
 * A plain body (headings, paragraphs of plain text, pipe tables) is
 * outlined without cmark, the same outline; body must then outlive out,
 * for tally_outline_render parses it when it renders it. */
int tally_outline_parse(struct tally_arena *arena, const char *body, size_t len,
    uint32_t first_line, struct tally_outline *out);
/* The same through cmark-gfm for every body (tests compare the two). */
int tally_outline_parse_cmark(struct tally_arena *arena, const char *body,
    size_t len, uint32_t first_line, struct tally_outline *out);
/* 1 when the outline was made without cmark (a plain body). */
int tally_outline_plain(const struct tally_outline *o);
void tally_outline_release(struct tally_outline *o);
/* The source position of byte offset `off` of a block's text. */
struct tally_pos tally_block_pos(const struct tally_block *b, size_t off);
/* Cell (r, c) of a table. */
const struct tally_cell *tally_table_cell(const struct tally_table *t,
    size_t r, size_t c);
/* Renders the parsed body as safe HTML (raw HTML dropped, unsafe links
 * dropped) into out. */
void tally_outline_render(const struct tally_outline *o, struct tally_buf *out);

/* ======================================================================
 * Schemas (schema.c)
 * ==================================================================== */

struct tally_schema_index;

enum tally_field_kind {
	TALLY_FIELD_MONEY,
	TALLY_FIELD_COUNT,
	TALLY_FIELD_PERCENT,
	TALLY_FIELD_NUMBER,
	TALLY_FIELD_TEXT,
	TALLY_FIELD_DATE,
};

struct tally_schema_section {
	const char *title;
	const char **aliases;
	size_t naliases;
	int optional;
	struct tally_pos pos;
	struct tally_schema_section *sections; /* nested, in order */
	size_t nsections;
};

struct tally_schema_field {
	const char *path; /* dotted path into the front matter */
	const char *label;
	const char **aliases;
	size_t naliases;
	enum tally_field_kind kind;
	int required;
	struct tally_pos pos;
};

enum tally_rule_kind {
	TALLY_RULE_RATIO,      /* operands[0] ÷ operands[1] = equals */
	TALLY_RULE_SUM,        /* Σ operands = equals */
	TALLY_RULE_DIFFERENCE, /* operands[0] − operands[1] = equals */
	TALLY_RULE_EQUAL,      /* operands[0] = operands[1] */
	TALLY_RULE_SHARES,     /* percentages of one whole: Σ operands = 100% */
};

struct tally_schema_rule {
	const char *id; /* may be NULL */
	enum tally_rule_kind kind;
	const char **operands;
	size_t noperands;
	const char *equals; /* NULL for EQUAL and SHARES */
	struct tally_pos pos;
};

struct tally_grade {
	const char *name;      /* 优 */
	struct tally_dec min;  /* lower bound of the band */
};

struct tally_schema {
	const char *id;
	const char *name;
	const char *path; /* file it came from */
	struct tally_schema_section *sections;
	size_t nsections;
	const char **required;  /* top-level front-matter keys the type needs
	                         * (e.g. funds, indicators for a form) */
	size_t nrequired;
	struct tally_schema_field *fields;
	size_t nfields;
	struct tally_schema_rule *rules;
	size_t nrules;
	struct tally_grade *grades; /* sorted by min, highest first */
	size_t ngrades;
	int has_execution_threshold;
	struct tally_dec execution_threshold; /* in percent: 90 */
	int has_indicator_weights;
	struct tally_dec indicator_weights;
	const char *funds_score; /* A012 formula: "capped" (default) */
	const char **prompts;    /* template prompt phrases (S006) */
	size_t nprompts;
	const struct tally_schema_index *index; /* look-up tables made by
	                                         * tally_schema_load */
};

/* Loads and validates one schema file (YAML text src) into arena.  Every
 * problem (unknown key, malformed path, duplicate section, bad value) is
 * reported to diags with the file's line and column.  Returns 0 when the
 * schema is usable, -1 otherwise (*out is then NULL). */
int tally_schema_load(struct tally_arena *arena, const char *path,
    const char *src, size_t len, struct tally_schema **out,
    struct tally_diags *diags);
/* Loads a list of rules (a schema's `rules` or a report's `checks`) from
 * a fact list; problems go to diags under path.  Returns 0, or -1 when any
 * rule was malformed (the good ones are still returned). */
int tally_rules_load(struct tally_arena *arena, const char *path,
    const struct tally_fact *list, struct tally_schema_rule **out, size_t *n,
    struct tally_diags *diags);
/* The field declared for path, or NULL. */
const struct tally_schema_field *tally_schema_field(const struct tally_schema *s,
    const char *path);
/* tally_schema_field of operand k of s->rules[rule] (k == noperands: its
 * equals), looked up once by tally_schema_load; NULL when none. */
const struct tally_schema_field *tally_schema_rule_field(
    const struct tally_schema *s, size_t rule, size_t k);
/* Writes the normalized form of the title s[0..n) into out (at least
 * n + 1 bytes; out may be s) and returns its length: spaces dropped, （）
 * written as (), a trailing 。 ． . ： : ， , ； ; stripped.  Headings
 * match schema sections by it (S001, S002). */
size_t tally_title_normalize(const char *s, size_t n, char *out);
/* A hash of s[0..n) (FNV-1a) for comparing normalized titles. */
uint32_t tally_title_hash(const char *s, size_t n);
/* The names of section ss of s (its title, then its aliases),
 * normalized, in *keys, with their tally_title_hash in *hashes; returns
 * how many (0 when ss is not s's).  Made once by tally_schema_load. */
size_t tally_schema_section_names(const struct tally_schema *s,
    const struct tally_schema_section *ss, const char *const **keys,
    const uint32_t **hashes);
/* Resolves every field of s in the fact tree front: facts[i] (of
 * s->nfields) is tally_fact_path(front, s->fields[i].path), found with one
 * look-up per distinct prefix of the paths. */
void tally_schema_resolve(const struct tally_schema *s,
    const struct tally_fact *front, const struct tally_fact **facts);
/* The offset of the first of s's prompts in text[0..n), and its index in
 * *which; SIZE_MAX when none.  At one offset a prompt of nine bytes or
 * more wins over a shorter one, and among either the first listed.
 * Prompts shorter than three bytes are never found. */
size_t tally_schema_find_prompt(const struct tally_schema *s,
    const char *text, size_t n, size_t *which);
/* 1 when a dotted path is well formed: names [A-Za-z_][A-Za-z0-9_-]* and
 * integers, separated by single dots. */
int tally_path_valid(const char *path);

/* ======================================================================
 * Site configuration (config.c)
 * ==================================================================== */

struct tally_severity_override {
	const char *rule;
	const char *severity; /* error, warning, note, off */
	struct tally_pos pos;
};

struct tally_config {
	const char *path;       /* tally.yaml, or NULL when defaults */
	const char *title;
	const char *base_url;
	const char *language;
	const char *content_dir;
	const char *schemas_dir;
	const char *theme_dir;
	const char *output_dir;
	const char **disable;   /* lint.disable */
	size_t ndisable;
	struct tally_severity_override *severity; /* lint.severity */
	size_t nseverity;
};

/* Reads tally.yaml text into a configuration (defaults for what is
 * missing).  src may be NULL for all defaults.  Problems go to diags with
 * positions; returns 0, or -1 when the file cannot be used. */
int tally_config_load(struct tally_arena *arena, const char *path,
    const char *src, size_t len, struct tally_config *out,
    struct tally_diags *diags);

/* ======================================================================
 * Numbers in Chinese text (prose.c)
 *
 * The prose rules (P001-P005) read the numbers a paragraph states: "立案
 * 市、区级案件510966件，结案510829件，结案率达99.97%".  tally_prose_scan
 * reads a block's text once, left to right, into sentences, their clauses
 * and the numbers in them, each number with its value exactly as written,
 * its unit, the words that name it (its label) and the direction word
 * that governs it.  Every number-like token is reported with a kind, so a
 * rule computes only with TALLY_PNUM_QUANTITY and never mistakes a year,
 * a date, a document number or a hotline for an amount.  The reader is a
 * heuristic: when in doubt it marks a quantity approximate (rules skip
 * those) rather than guess.
 *
 * Offsets are bytes into the text that was scanned (a block's text, so
 * tally_block_pos gives line and column).
 * ==================================================================== */

enum tally_pnum_kind {
	TALLY_PNUM_QUANTITY = 0, /* an amount, count or rate: 232.4万元, 3件,
	                          * 99.97%, 两个, 百分之九十五 */
	TALLY_PNUM_YEAR,    /* 2023年, 2023年度; year is set */
	TALLY_PNUM_DATE,    /* 2018年9月29日, 2017年10月, 7月28日, 2023-01-05 */
	TALLY_PNUM_TIME,    /* 8时30分, 9:30 */
	TALLY_PNUM_DOCNO,   /* 〔2018〕56号, [2016]71号, 105号, 2号楼 */
	TALLY_PNUM_ORDINAL, /* 第8次, 第56次 */
	TALLY_PNUM_LISTNUM, /* （2） or a note [3] inside a sentence */
	TALLY_PNUM_PHONE,   /* 12345, 12319, 110, 67169110: a service number */
	TALLY_PNUM_FORMULA, /* 1+1>2, 1+N+X, 3/4, 三分之一 */
	TALLY_PNUM_CODE,    /* digits in a Latin word: 5G, G20, OFO2 */
	TALLY_PNUM_NAME,    /* an amount, year or date inside 《…》 or
	                     * quotes: “1768”民生广场, 《…(2021年版)》,
	                     * “五个一”: part of a name */
};

/* Flags of a number. */
#define TALLY_PNUM_APPROX    0x001u /* not an exact statement: 约 近 余 多
                                     * 左右 以上 以下 不低于 ≥ …, or a range;
                                     * op says which bound when there is
                                     * one */
#define TALLY_PNUM_NEGATIVE  0x002u /* written with a minus sign */
#define TALLY_PNUM_CN        0x004u /* written in Chinese numerals */
#define TALLY_PNUM_MALFORMED 0x008u /* 69.49%万元, 121.93%%, 12.3.4: the
                                     * value is what precedes the fault;
                                     * rules skip it, N001 reports it */
#define TALLY_PNUM_OVERFLOW  0x010u /* does not fit a tally_dec: value 0 */
#define TALLY_PNUM_RANGE     0x020u /* one end of 3-5次, 90%～95% (also
                                     * APPROX) */
#define TALLY_PNUM_IMPLIED   0x040u /* unit completed from the label:
                                     * 人员经费201.82万 is 万元 */
#define TALLY_PNUM_MONEY     0x080u /* a money unit: 元 万元 亿元 千元 … */
#define TALLY_PNUM_RATE      0x100u /* the label names a rate: 结案率,
                                     * 增长率, 增幅, 比例, 占比 */
#define TALLY_PNUM_SHARE     0x200u /* a percentage whose label is a
                                     * share: 占总支出的30.51% */

struct tally_prose_num {
	enum tally_pnum_kind kind;
	unsigned flags;          /* TALLY_PNUM_* */
	struct tally_dec value;  /* as written, its precision kept: 99.97 for
	                          * 99.97%, 0.08 for 0.08万元, 30000 for 三万;
	                          * for the other kinds the first integer
	                          * written (2023 for 2023年, 5 for 〔2024〕5号,
	                          * 12345 for a hotline); {0, 0} for FORMULA
	                          * and on OVERFLOW */
	enum tally_qunit unit;   /* PLAIN when none; WANYUAN also for an
	                          * implied 万 */
	const char *unit_text;   /* canonical unit, never NULL: "" "%" "‰"
	                          * "元" "万元" "亿元" "件" "人次" "平方米"
	                          * "万人次" …; fullwidth ％ reads as "%" */
	int exp10;               /* power of ten in the unit: 万元 and 万人 4,
	                          * 亿元 8, 千元 3, else 0.  Chinese numerals
	                          * fold it into the value: 三万人 is 30000 人 */
	const char *op;          /* bound written with it, canonical as in
	                          * tally_quantity ("≥" "≤" ">" "<" "≈"), or
	                          * NULL; set only with APPROX */
	int direction;           /* +1 after 增加 增长 上升 提高 (较上年)多 …,
	                          * -1 after 减少 下降 降低 节约 节省 (比…)少
	                          * 结余 …, also in a rate named by it
	                          * (增长率为85% is +1); 0 when none */
	const char *dir_word;    /* the direction word ("减少"), or NULL */
	size_t off, len;         /* the whole token in the text: sign,
	                          * number, unit, 余/多/左右 … */
	size_t label_off, label_len; /* the label as written, trimmed: the
	                          * words before the number in its clause,
	                          * after the previous number and after 共计/
	                          * 累计 and a leading 其中/以及/含/共 …:
	                          * "立案市、区级案件", "结案率达".  A number
	                          * alone in parentheses takes the words before
	                          * them ("管理体制（10分）"); the far end of a
	                          * range has none.  QUANTITY only; may be
	                          * empty */
	const char *key;         /* the label normalized, never NULL: the
	                          * verbs and particles at its end dropped
	                          * (达 为 是 了 共 共计 合计 累计 约 近 达到
	                          * 实现 分别为 ≥ 不低于 …): "结案率",
	                          * "决算支出", "较预算减少", "完成预算的" */
	int year, month, day;    /* of a YEAR or DATE (or a NAME that is one,
	                          * and a DOCNO's year); 0 when not written */
	size_t sentence, clause; /* indexes into tally_prose */
};

struct tally_prose_clause {
	size_t off, len;          /* trimmed */
	size_t sentence;
	size_t first_num, nnums;  /* its numbers in tally_prose.nums */
};

struct tally_prose_sentence {
	size_t off, len;          /* trimmed; includes its end mark (。) and
	                           * any closing quotes after it, not a
	                           * numbering in front of it (1. （一）) */
	size_t first_clause, nclauses;
	size_t first_num, nnums;
};

struct tally_prose {
	const char *text;         /* the text scanned (not copied) */
	size_t len;
	struct tally_prose_sentence *sentences; /* in order */
	size_t nsentences;
	struct tally_prose_clause *clauses;     /* in order, all sentences */
	size_t nclauses;
	struct tally_prose_num *nums;           /* in order, every kind */
	size_t nnums;
};

/* Scans text[0..len) (UTF-8; invalid bytes, NUL and any length are
 * read without harm) into sentences, clauses and numbers, all allocated
 * in arena; text must outlive the result.
 *
 * Sentences end at 。！？； ! ? ; (； and ; inside parentheses do not),
 * at a full stop . or ． that is not a decimal point or inside a Latin
 * word, and at a line break before a numbered line ("1." "（二）").
 * Clauses end at ，：, : tab and line breaks, and at 、 once the clause
 * holds an amount ("重点哨1件、常规哨157件" is two clauses, "立案市、区级
 * 案件510966件" one); inside brackets （…） […] 【…】 they do not end, so
 * a parenthesis stays in its clause.  A numbering at the start of a line
 * or sentence is skipped, not read as a number.
 *
 * One linear pass; no allocation per number beyond the arena.  Returns 0
 * with *out set (never NULL), or -1 when text is NULL with len > 0. */
int tally_prose_scan(struct tally_arena *arena, const char *text, size_t len,
    struct tally_prose **out);
/* 0 when tally_prose_scan surely finds no number in text[0..len) (its
 * nnums would be 0): after a numbering at the start, the text holds no
 * digit and no Chinese numeral but a 一 standing alone (进一步).  1
 * otherwise, when it may find one.
 * Reads the text once, far faster than the scan. */
int tally_prose_may_have_numbers(const char *text, size_t len);
/* The same, for a text whose numbering tally_numbering_parse reads as
 * num (a block's: the outline read it), which is not read again. */
int tally_prose_may_have_numbers_num(const char *text, size_t len,
    const struct tally_numbering *num);
/* Where tally_prose_scan starts reading that text: after its spaces and
 * its numbering (num, as for tally_prose_may_have_numbers_num).  No
 * number the scan finds starts before it, and it reads every
 * TALLY_PNUM_QUANTITY without TALLY_PNUM_CN from digits: ASCII or
 * fullwidth (EF BC 90..99) ones at or after it. */
size_t tally_prose_start_num(const char *text, size_t len,
    const struct tally_numbering *num);
/* The first byte at or after i of text[0..n) that is an ASCII digit or
 * starts a fullwidth one (EF BC 90..99), or n: sixteen bytes at a time. */
size_t tally_prose_next_digit(const char *text, size_t i, size_t n);
/* 0 when every TALLY_PNUM_QUANTITY tally_prose_scan finds in text (whose
 * numbering is num, as for tally_prose_may_have_numbers_num) is written
 * in Chinese numerals (TALLY_PNUM_CN): after its numbering the text holds
 * no digit but in years and dates (2023年, 2023年度, 2023年9月29日) and
 * document numbers (〔2018〕56号).  1 otherwise. */
int tally_prose_may_have_figures_num(const char *text, size_t len,
    const struct tally_numbering *num);
/* Short English name of a kind ("quantity", "year", …) for dumps. */
const char *tally_pnum_kind_name(enum tally_pnum_kind kind);

/* ======================================================================
 * Units and reports (report.c)
 * ==================================================================== */

struct tally_unit {
	const char *id;      /* directory name */
	const char *path;    /* of unit.yaml */
	const char *name;
	const char *short_name;
	const char *region;
	const char *parent;
	const char *kind;
	struct tally_fact *facts;
};

/* Reads unit.yaml text; problems go to diags.  Returns 0 or -1. */
int tally_unit_load(struct tally_arena *arena, const char *id, const char *path,
    const char *src, size_t len, struct tally_unit *out,
    struct tally_diags *diags);

struct tally_schemaset {
	struct tally_schema **items;
	size_t n;
};

const struct tally_schema *tally_schemaset_find(const struct tally_schemaset *s,
    const char *id);

struct tally_report {
	struct tally_arena arena;
	const char *path;     /* as given (relative to the site root) */
	const char *unit_id;  /* from the path: content/<unit>/<year>/x.md */
	int dir_year;         /* 0 when the path has no year directory */
	const char *slug;     /* file name without .md */
	char *src;            /* normalized text (owned) */
	size_t len;
	struct tally_split split;
	struct tally_fact *front; /* NULL without usable front matter */
	struct tally_outline outline;
	int parsed;           /* front matter and body were read */
	/* Front matter read for convenience (NULL / 0 when absent): */
	const char *type;
	const char *title;
	int year;
	const char *published;
	const char *money_unit; /* "万元" by default */
	const char *project;
	int draft;
	const struct tally_schema *schema; /* NULL when type is unknown */
};

/* Builds the model of one report from its bytes (copied; data need not
 * outlive the report).  Load problems are findings (F001 not UTF-8, F002
 * front matter) reported to diags under `path`; the report is still
 * returned so other checks can run on what was read.  Returns 0, or -1
 * only for system failures. */
int tally_report_load(struct tally_report **out, const char *path,
    const char *data, size_t len, const struct tally_schemaset *schemas,
    struct tally_diags *diags);
/* The same, taking data over instead of copying it: malloc'ed, with room
 * for len + 1 bytes; the report frees it. */
int tally_report_load_own(struct tally_report **out, const char *path,
    char *data, size_t len, const struct tally_schemaset *schemas,
    struct tally_diags *diags);
void tally_report_free(struct tally_report *r);

/* Writes a new report of schema s (`tally new`): front matter with the
 * required keys and figures left blank, and the schema's sections as
 * numbered headings holding the placeholder （请填写本节内容） (listed in
 * the shipped schemas' prompts, so S006 catches an unfinished report).  project is NULL for a department report. */
void tally_scaffold(const struct tally_schema *s, const char *unit_name,
    int year, const char *project, struct tally_buf *out);

/* Writes the model (fact tree and outline, with positions) as text. */
void tally_report_dump(const struct tally_report *r, struct tally_buf *out);

#endif
