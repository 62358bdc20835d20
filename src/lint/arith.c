/*
 * arith.c - the A family: the arithmetic a report's figures state.  Parts
 * add up to their total (A001), a rate is its ratio (A002), a difference
 * is its difference and a figure stated twice agrees with itself (A003),
 * the self-evaluation form's scores, weights and grade agree (A004-A007),
 * a ratio has a denominator (A008), shares make 100% (A009), a shortfall
 * has a reason (A010), a missed target does not get full marks (A011) and
 * the funds block adds up and scores by its formula (A012).
 *
 * Every relation is checked the way DESIGN section 4 says: a written
 * number stands for every value that rounds to it, the parts of a sum are
 * read at the finest precision among them, a stated result keeps its own
 * precision, and a relation holds when the interval computed from the
 * operands overlaps the stated one.  Counts are exact.  The decimals and
 * intervals come from model/decimal.c; this file only decides what is
 * compared with what, and says so in the finding: the stated value, the
 * computed value (a range when the operands' rounding is wider than the
 * stated's last digit) and the tolerance.
 *
 * Decisions a reader of the findings needs to know:
 *
 * - Parts of a total (A001).  In `figures`, a mapping with `total` has as
 *   parts its other members that are amounts or counts; percentages, words
 *   and sequences are not parts; a nested mapping is a part through its own
 *   `total` and is no part without one (`change: {amount, rate}` beside a
 *   total is a change, not a share of it).  `parts: [a, b]` names the parts
 *   and then only those.  A member that is null, unreadable ("69.49%万元")
 *   or of another unit than the rest (公顷 beside 万元) makes the mapping
 *   unverifiable: it is skipped rather than summed without that member.
 * - Exactness.  A declared count, a figure with a counter unit (件 人 …)
 *   and an undeclared integer are exact, except that an undeclared integer
 *   among written decimals is itself a written number ("19 + 18 + 57.2"
 *   reads 19 as 19.0), and a stated result that is such an integer is read
 *   as written unless all its operands are exact ("94" for 94.2 holds).
 *   Indicator and funds scores are points: exact when all are integers.
 *   Weights are definitions and always exact.
 * - Ratio operands keep their own written precision (the parts rule is for
 *   sums); sums and differences read their operands at the finest
 *   precision among them.
 * - `equal` rules report a mismatch as A003: a difference that should be
 *   0.  Each side keeps its own written precision.
 * - The funds block's 执行率 (executed ÷ adjusted = rate, row by row) is
 *   A012; a schema ratio rule of exactly that shape is left to A012 so a
 *   mismatch is reported once.
 * - A010 looks for a reason in the indicator's note, a funds row's note,
 *   any paragraph that speaks of 偏差原因 or 未完成原因, and the paragraph
 *   (or table row) that mentions the figure or the indicator, with the
 *   paragraph after it, when it says why (原因 由于 因为 导致 …).  It only
 *   warns when the figure is below the threshold by more than its rounding
 *   and, for an indicator, when the indicator also misses its own target.
 * - The tolerance printed is the slack actually allowed around the
 *   computed value printed: for sums and differences the stated value's
 *   half unit in the last place plus the parts'; for ratios the stated
 *   value's, the operands' rounding being shown as a range when it
 *   matters.  All-exact relations say so instead.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "internal.h"

/* A sum or difference term. */
struct term {
	struct tally_num n;
	int neg;
};

struct actx {
	const struct tally_report *r;
	const struct tally_schema *s;
	struct tally_diags *d;
	struct tally_numctx *nc; /* the report's, shared with cross.c */
	struct term *terms; /* scratch, reused by every relation */
	size_t nterms, capterms;
	struct tally_dec *decs; /* scratch for tally_ival_sum_parts */
	size_t capdecs;
	struct tally_buf zh, en, expr, tmp, path;
	int general_reason; /* -1 unknown, 0/1: the body states 偏差原因 */
	struct tally_dec warned[8]; /* rates A010 has reported */
	size_t nwarned;
};

/* What a relation computed, ready to print. */
struct calc {
	struct tally_ival iv;     /* computed interval, comparison unit */
	struct tally_dec point;   /* the operation on the written values */
	int point_exact;          /* point is not rounded */
	struct tally_dec slack;   /* operands' share of the tolerance */
	int exact;                /* operands exact */
	int E;                    /* comparison unit (see tally_num.exp) */
};

#define MAX_LISTED 8 /* terms printed before the list is shortened */

/* --- small helpers ---------------------------------------------------- */

static void
terms_reset(struct actx *c)
{
	c->nterms = 0;
}

static struct term *
terms_push(struct actx *c)
{
	if (c->nterms == c->capterms) {
		c->capterms = c->capterms ? c->capterms * 2 : 32;
		c->terms = xrealloc(c->terms, c->capterms * sizeof(*c->terms));
	}
	memset(&c->terms[c->nterms], 0, sizeof(c->terms[0]));
	return &c->terms[c->nterms++];
}

static struct tally_dec *
decs_for(struct actx *c, size_t n)
{
	if (n > c->capdecs) {
		c->capdecs = n < 32 ? 32 : n;
		c->decs = xrealloc(c->decs, c->capdecs * sizeof(*c->decs));
	}
	return c->decs;
}

static const char *
path_of(struct actx *c, const struct tally_fact *f)
{
	tally_buf_reset(&c->path);
	tally_fact_path_of(f, &c->path);
	return tally_buf_cstr(&c->path);
}

/* The name of a figure in a zh message: its field's label, else its path. */
static const char *
label_of(const struct tally_num *n)
{
	if (n->field && n->field->label && *n->field->label)
		return n->field->label;
	return NULL;
}

/* Reports the finding whose messages are in c->zh and c->en at f. */
static void
emit_at(struct actx *c, const char *id, struct tally_pos pos)
{
	/* Both messages are built beforehand (names and tolerances differ
	 * by language); each format prints its own and skips the other. */
	tally_diag_add(c->d, id, c->r->path, pos.line ? pos.line : 1,
	    pos.col ? pos.col : 1, "%s%.0s", "%.0s%s", tally_buf_cstr(&c->zh),
	    tally_buf_cstr(&c->en));
	tally_buf_reset(&c->zh);
	tally_buf_reset(&c->en);
}

static void
emit(struct actx *c, const char *id, const struct tally_fact *f)
{
	struct tally_pos none = {1, 1};

	emit_at(c, id, f ? f->pos : none);
}

/* Puts the name of n: label (zh) or path (en). */
static void
put_names(struct actx *c, const struct tally_num *n)
{
	const char *p = path_of(c, n->fact), *l = label_of(n);

	tally_buf_puts(&c->zh, l ? l : p);
	tally_buf_puts(&c->en, p);
}

static void
put_both(struct actx *c, const char *s)
{
	tally_buf_puts(&c->zh, s);
	tally_buf_puts(&c->en, s);
}

static void
put_fmt(struct actx *c, const char *zh, const char *en, const char *arg)
{
	tally_buf_printf(&c->zh, zh, arg);
	tally_buf_printf(&c->en, en, arg);
}

static int
is_exact(const struct tally_num *n)
{
	return n->exact != TALLY_NX_NONE;
}

static int
all_exact(const struct term *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_exact(&t[i].n))
			return 0;
	return 1;
}

/* A stated result is exact when it is a count, or an undeclared integer
 * computed from exact operands only. */
static int
stated_exact(const struct tally_num *s, int operands_exact)
{
	return s->exact == TALLY_NX_STRONG ||
	    (s->exact == TALLY_NX_WEAK && operands_exact);
}

/* Units that can meet in one sum or equality: percentages only with
 * percentages; amounts in 元/万元/亿元 not with counted or measured
 * quantities; two explicit other units only when the same; a bare number
 * with any non-percentage.  Fed one figure at a time. */
struct units {
	const char *unit; /* the other unit seen, if any */
	int pct, other, money, bad;
};

static void
units_add(struct units *u, const struct tally_num *n)
{
	switch (n->kind) {
	case TALLY_N_PERCENT:
		u->pct = 1;
		break;
	case TALLY_N_MONEY:
		u->money = u->other = 1;
		break;
	case TALLY_N_UNIT:
		if (u->unit && strcmp(u->unit, n->unit) != 0)
			u->bad = 1;
		u->unit = n->unit;
		u->other = 1;
		break;
	case TALLY_N_PLAIN:
		u->other = 1;
		break;
	default:
		u->bad = 1;
	}
}

static int
units_ok(const struct units *u)
{
	return !u->bad && !(u->pct && u->other) && !(u->money && u->unit);
}

static int
compatible2(const struct tally_num *a, const struct tally_num *b)
{
	struct units u = {NULL, 0, 0, 0, 0};

	units_add(&u, a);
	units_add(&u, b);
	return units_ok(&u);
}

static int
terms_compatible(struct actx *c, const struct tally_num *stated)
{
	struct units u = {NULL, 0, 0, 0, 0};
	size_t i;

	units_add(&u, stated);
	for (i = 0; i < c->nterms; i++)
		units_add(&u, &c->terms[i].n);
	return units_ok(&u);
}

/* The value of n in comparison unit E (E >= n->exp, so the shift only adds
 * decimals and keeps the written precision). */
static int
in_unit(const struct tally_num *n, int E, struct tally_dec *out)
{
	return tally_dec_shift(n->v, n->exp - E, out);
}

/* The coarsest unit among the operands: converting to it is exact and
 * keeps every written precision. */
static int
common_exp(const struct term *t, size_t n, const struct tally_num *stated)
{
	int E = stated ? stated->exp : -100;
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].n.exp > E)
			E = t[i].n.exp;
	return E;
}

/* The interval of a stated value in unit E. */
static int
stated_ival(const struct tally_num *s, int E, int exact, struct tally_ival *iv,
    struct tally_dec *half)
{
	struct tally_dec v;
	int rc;

	if ((rc = in_unit(s, E, &v)) != TALLY_DEC_OK)
		return rc;
	if (exact) {
		*iv = tally_ival_exact(v);
		*half = tally_dec_from_int(0);
		return TALLY_DEC_OK;
	}
	if (v.scale + 1 > TALLY_DEC_MAX_SCALE)
		return TALLY_DEC_EOVERFLOW;
	*half = tally_num_half_ulp(v.scale);
	return tally_ival_written(v, iv);
}

/* --- sums and differences --------------------------------------------- */

/* Σ ±terms in unit E.  Exact terms add exactly; the others are read at the
 * finest precision among them, a subtrahend as a negated part.  "Finest"
 * counts the decimals as written, each in its own unit: writers drop
 * trailing zeros within a column, so "30" beside "29.99" is 30.00, but
 * "21.1" (万元) beside "3698689.12元" is 21.10, not 21.100000.  With one
 * unit this is tally_ival_sum_parts.  Returns TALLY_DEC_OK or an error
 * (then the relation is not checked). */
static int
calc_sum(struct actx *c, int E, int operands_exact, struct calc *out)
{
	struct tally_ival acc, iv;
	struct tally_dec *decs = decs_for(c, c->nterms), v, half;
	size_t i, m = 0;
	int rc, F = 0, one_unit = 1, unit_exp = 0, first = 1;

	memset(out, 0, sizeof(*out));
	out->E = E;
	out->exact = operands_exact;
	out->point_exact = 1;
	out->point = tally_dec_from_int(0);
	out->slack = tally_dec_from_int(0);
	acc = tally_ival_exact(tally_dec_from_int(0));
	for (i = 0; i < c->nterms; i++) {
		const struct term *t = &c->terms[i];
		if ((rc = in_unit(&t->n, E, &v)) != TALLY_DEC_OK)
			return rc;
		if (t->neg)
			v = tally_dec_neg(v);
		rc = tally_dec_add(out->point, v, &out->point);
		if (rc != TALLY_DEC_OK)
			return rc;
		if (operands_exact || t->n.exact == TALLY_NX_STRONG) {
			rc = tally_ival_add(acc, tally_ival_exact(v), &acc);
			if (rc != TALLY_DEC_OK)
				return rc;
			continue;
		}
		decs[m++] = v;
		if (t->n.v.scale > F)
			F = t->n.v.scale;
		if (first)
			unit_exp = t->n.exp;
		else if (t->n.exp != unit_exp)
			one_unit = 0;
		first = 0;
	}
	if (m == 0) {
		out->iv = acc;
		return TALLY_DEC_OK;
	}
	if (F + 1 > TALLY_DEC_MAX_SCALE)
		return TALLY_DEC_EOVERFLOW;
	if (one_unit) {
		if ((rc = tally_ival_sum_parts(decs, m, &iv)) != TALLY_DEC_OK ||
		    (rc = tally_ival_add(acc, iv, &acc)) != TALLY_DEC_OK)
			return rc;
		/* m half-ulps at the finest scale, in unit E */
		half = tally_num_half_ulp(F);
		half.coef *= (int64_t)m;
		if ((rc = tally_dec_shift(half, unit_exp - E, &out->slack)) !=
		    TALLY_DEC_OK)
			return rc;
		out->iv = acc;
		return TALLY_DEC_OK;
	}
	for (i = 0; i < c->nterms; i++) {
		const struct term *t = &c->terms[i];
		struct tally_dec w = t->n.v;
		if (operands_exact || t->n.exact == TALLY_NX_STRONG)
			continue;
		if (t->neg)
			w = tally_dec_neg(w);
		if ((rc = tally_ival_written_at(w, F, &iv)) != TALLY_DEC_OK ||
		    (rc = tally_dec_shift(iv.lo, t->n.exp - E, &iv.lo)) !=
		    TALLY_DEC_OK ||
		    (rc = tally_dec_shift(iv.hi, t->n.exp - E, &iv.hi)) !=
		    TALLY_DEC_OK ||
		    (rc = tally_ival_add(acc, iv, &acc)) != TALLY_DEC_OK)
			return rc;
		if ((rc = tally_dec_shift(tally_num_half_ulp(F), t->n.exp - E,
		    &half)) != TALLY_DEC_OK ||
		    (rc = tally_dec_add(out->slack, half, &out->slack)) !=
		    TALLY_DEC_OK)
			return rc;
	}
	out->iv = acc;
	return TALLY_DEC_OK;
}

/* Where a relation's numbers are printed: in the unit they share when they
 * all carry the same one ("元" sums stay in 元), else in the report's money
 * unit (bare, as figures are written); percentages in %.  Sets the power
 * of ten and the suffix. */
static void
display_unit(struct actx *c, const struct tally_num *stated, int *dexp,
    const char **suffix)
{
	const char *u = NULL;
	int same = 1;
	size_t i;

	if (stated->kind == TALLY_N_PERCENT) {
		*dexp = stated->exp;
		*suffix = stated->unit[0] ? stated->unit : "%";
		return;
	}
	if (stated->kind == TALLY_N_MONEY || stated->kind == TALLY_N_UNIT)
		u = stated->unit;
	else
		same = 0;
	for (i = 0; same && i < c->nterms; i++) {
		const struct tally_num *n = &c->terms[i].n;
		if (!(n->kind == TALLY_N_MONEY || n->kind == TALLY_N_UNIT) ||
		    strcmp(n->unit, u) != 0)
			same = 0;
	}
	if (same) {
		*dexp = stated->exp;
		*suffix = u;
		return;
	}
	*dexp = c->nc->money_exp;
	*suffix = "";
	for (i = 0; i < c->nterms; i++)
		if (c->terms[i].n.kind == TALLY_N_UNIT)
			*suffix = c->terms[i].n.unit;
	if (stated->kind == TALLY_N_UNIT)
		*suffix = stated->unit;
}

/* Formats d (in unit E) in display unit dexp, keeping at least min_scale
 * decimals, into b. */
static void
put_dec(struct tally_buf *b, struct tally_dec d, int E, int dexp, int min_scale,
    const char *suffix)
{
	char buf[TALLY_DEC_BUFSZ];
	struct tally_dec v;

	if (tally_dec_shift(d, E - dexp, &v) != TALLY_DEC_OK)
		v = d;
	tally_num_fmt_trim(v, min_scale, buf, sizeof(buf));
	tally_buf_puts(b, buf);
	tally_buf_puts(b, suffix);
}

/* The expression of the terms as written: "209.52 + 28.88", "0.94 − 0.86";
 * a long list keeps its first three and its last term. */
static void
put_expr(struct actx *c, struct tally_buf *b)
{
	size_t i;

	for (i = 0; i < c->nterms; i++) {
		const struct term *t = &c->terms[i];
		if (c->nterms > MAX_LISTED && i >= 3 && i < c->nterms - 1) {
			if (i == 3)
				tally_buf_puts(b, " + …");
			continue;
		}
		if (i > 0)
			tally_buf_puts(b, t->neg ? " − " : " + ");
		else if (t->neg)
			tally_buf_puts(b, "−");
		tally_buf_puts(b, t->n.text);
	}
}

/* The finest written scale of the terms in display unit dexp. */
static int
terms_scale(const struct actx *c, int dexp)
{
	int s = 0, k;
	size_t i;

	for (i = 0; i < c->nterms; i++) {
		k = c->terms[i].n.v.scale - (c->terms[i].n.exp - dexp);
		if (k > s)
			s = k;
	}
	return s;
}

/* Appends the tolerance clause: " (允许误差 ±t)" / " (tolerance ±t)", or
 * that the comparison was exact. */
static void
put_tolerance(struct actx *c, int exact, struct tally_dec tol, int E, int dexp)
{
	if (exact) {
		tally_buf_puts(&c->zh, " (精确值，须完全相等)");
		tally_buf_puts(&c->en, " (exact values: must be equal)");
		return;
	}
	tally_buf_reset(&c->tmp);
	put_dec(&c->tmp, tol, E, dexp, 0, "");
	put_fmt(c, " (允许误差 ±%s)", " (tolerance ±%s)",
	    tally_buf_cstr(&c->tmp));
}

/* Checks Σ ±c->terms = stated and reports `id` at the stated value when it
 * fails: "name stated ≠ [what] expr = computed (tolerance)", what_zh and
 * what_en saying what the terms are when not NULL.  Returns 1 when the
 * relation holds, 0 when it fails, -1 when it cannot be checked. */
static int
check_sum(struct actx *c, const char *id, const struct tally_num *stated,
    const char *what_zh, const char *what_en)
{
	struct tally_ival siv;
	struct tally_dec half, tol;
	struct calc k;
	const char *suffix;
	int E, dexp, opx, sx;

	if (c->nterms == 0 || !terms_compatible(c, stated))
		return -1;
	E = common_exp(c->terms, c->nterms, stated);
	opx = all_exact(c->terms, c->nterms);
	sx = stated_exact(stated, opx);
	if (calc_sum(c, E, opx, &k) != TALLY_DEC_OK ||
	    stated_ival(stated, E, sx, &siv, &half) != TALLY_DEC_OK)
		return -1;
	if (tally_ival_overlaps(k.iv, siv))
		return 1;
	if (tally_dec_add(half, k.slack, &tol) != TALLY_DEC_OK)
		return -1;

	display_unit(c, stated, &dexp, &suffix);
	put_names(c, stated);
	put_both(c, " ");
	put_both(c, stated->text);
	tally_buf_puts(&c->zh, " ≠ ");
	tally_buf_puts(&c->en, " != ");
	if (what_zh) {
		tally_buf_puts(&c->zh, what_zh);
		tally_buf_puts(&c->en, what_en);
	}
	tally_buf_reset(&c->expr);
	put_expr(c, &c->expr);
	tally_buf_puts(&c->expr, " = ");
	put_dec(&c->expr, k.point, E, dexp, terms_scale(c, dexp), suffix);
	put_both(c, tally_buf_cstr(&c->expr));
	put_tolerance(c, opx && sx, tol, E, dexp);
	emit(c, id, stated->fact);
	return 0;
}

/* --- ratios ----------------------------------------------------------- */

/* What a ratio rule computed. */
struct ratio {
	struct calc k;
	int zero;              /* the denominator is zero */
	int pct;               /* compared as a percentage (×100 or ×1000) */
	struct tally_ival siv; /* the stated interval */
	struct tally_dec half;
	int holds;
};

/* a ÷ b (× 100 when the stated value is a percentage, × 1000 for ‰)
 * against stated.  Returns TALLY_DEC_OK, or an error when it cannot be
 * checked (then nothing is reported).  A zero denominator is r->zero.
 * The printed point (r->k.point, point_exact) is computed only when the
 * ratio fails or want_point asks for it. */
static int
calc_ratio(const struct tally_num *a, const struct tally_num *b,
    const struct tally_num *stated, struct ratio *r, int want_point)
{
	struct tally_dec av, bv, f, lo, hi;
	struct tally_ival ai, bi;
	int E, rc, scale, opx;

	memset(r, 0, sizeof(*r));
	/* Units of the two operands must cancel; percentages of percentages
	 * and counts of money are left alone. */
	if (!compatible2(a, b))
		return TALLY_DEC_EINVAL;
	if (stated->kind == TALLY_N_PERCENT) {
		r->pct = 1;
		f = tally_dec_from_int(strcmp(stated->unit, "‰") == 0 ? 1000 :
		    100);
	} else if (stated->kind == TALLY_N_PLAIN) {
		f = tally_dec_from_int(1);
	} else {
		return TALLY_DEC_EINVAL;
	}
	E = a->exp > b->exp ? a->exp : b->exp;
	if ((rc = in_unit(a, E, &av)) != TALLY_DEC_OK ||
	    (rc = in_unit(b, E, &bv)) != TALLY_DEC_OK)
		return rc;
	if (tally_dec_is_zero(bv)) {
		r->zero = 1;
		return TALLY_DEC_OK;
	}
	opx = is_exact(a) && is_exact(b);
	if (opx) {
		ai = tally_ival_exact(av);
		bi = tally_ival_exact(bv);
	} else if ((rc = tally_ival_written(av, &ai)) != TALLY_DEC_OK ||
	    (rc = tally_ival_written(bv, &bi)) != TALLY_DEC_OK) {
		return rc;
	}
	if ((rc = tally_ival_mul(ai, tally_ival_exact(f), &ai)) != TALLY_DEC_OK)
		return rc;
	/* Six decimals past the stated's: outward rounding then moves the
	 * ends by far less than any written digit. */
	scale = stated->v.scale + 6;
	if (scale > TALLY_DEC_MAX_SCALE - 2)
		scale = TALLY_DEC_MAX_SCALE - 2;
	rc = tally_ival_div(ai, bi, scale, &r->k.iv);
	if (rc == TALLY_DEC_EDIVZERO) {
		r->zero = 1;
		return TALLY_DEC_OK;
	}
	if (rc != TALLY_DEC_OK)
		return rc;
	r->k.exact = opx;
	r->k.E = stated->exp;
	if ((rc = stated_ival(stated, stated->exp, stated_exact(stated, opx),
	    &r->siv, &r->half)) != TALLY_DEC_OK)
		return rc;
	r->holds = tally_ival_overlaps(r->k.iv, r->siv);
	/* A ratio that holds is not printed (unless the caller prints it):
	 * a point that would not compute then changes nothing either. */
	if (r->holds && !want_point)
		return TALLY_DEC_OK;
	/* The value printed: the written values divided, two decimals past
	 * the stated's. */
	if ((rc = tally_dec_mul(av, f, &av)) != TALLY_DEC_OK ||
	    (rc = tally_dec_div(av, bv, stated->v.scale + 2,
	    TALLY_ROUND_HALF_UP, &r->k.point)) != TALLY_DEC_OK ||
	    (rc = tally_dec_div(av, bv, stated->v.scale + 2, TALLY_ROUND_FLOOR,
	    &lo)) != TALLY_DEC_OK ||
	    (rc = tally_dec_div(av, bv, stated->v.scale + 2, TALLY_ROUND_CEIL,
	    &hi)) != TALLY_DEC_OK)
		return rc;
	r->k.point_exact = tally_dec_cmp(lo, hi) == 0;
	return TALLY_DEC_OK;
}

/* Prints the computed side of a ratio: the point value, or "lo–hi" when
 * the operands' rounding spreads it wider than the stated's last digit. */
static void
put_ratio_value(struct tally_buf *b, const struct ratio *r,
    const struct tally_num *stated, const char *suffix)
{
	struct tally_dec w, ulp, lo, hi;
	char buf[TALLY_DEC_BUFSZ];
	int s = stated->v.scale;

	ulp.coef = 1;
	ulp.scale = s;
	if (tally_dec_sub(r->k.iv.hi, r->k.iv.lo, &w) == TALLY_DEC_OK &&
	    tally_dec_cmp(w, ulp) > 0 &&
	    tally_dec_rescale(r->k.iv.lo, s + 1, TALLY_ROUND_FLOOR, &lo) ==
	    TALLY_DEC_OK &&
	    tally_dec_rescale(r->k.iv.hi, s + 1, TALLY_ROUND_CEIL, &hi) ==
	    TALLY_DEC_OK) {
		tally_buf_puts(b, tally_dec_format(lo, buf, sizeof(buf)));
		tally_buf_puts(b, suffix);
		tally_buf_puts(b, "–");
		tally_buf_puts(b, tally_dec_format(hi, buf, sizeof(buf)));
		tally_buf_puts(b, suffix);
		return;
	}
	tally_num_fmt_trim(r->k.point, r->k.point_exact ? s : s + 2, buf,
	    sizeof(buf));
	tally_buf_puts(b, buf);
	tally_buf_puts(b, suffix);
}

static void
report_zero(struct actx *c, const struct tally_num *a,
    const struct tally_num *b, const struct tally_num *stated)
{
	tally_buf_printf(&c->zh, "比率的分母为零：%s ÷ %s（", a->text, b->text);
	tally_buf_printf(&c->en, "ratio with a zero denominator: %s ÷ %s (",
	    a->text, b->text);
	put_names(c, stated);
	tally_buf_puts(&c->zh, "）");
	tally_buf_puts(&c->en, ")");
	emit(c, "A008", stated->fact);
}

/* Checks a ÷ b = stated and reports `id` (A002, or A012 for the funds
 * block) at the stated value, or A008 for a zero denominator.  Returns 1
 * when it holds, 0 when not, -1 when it cannot be checked. */
static int
check_ratio(struct actx *c, const char *id, const struct tally_num *a,
    const struct tally_num *b, const struct tally_num *stated)
{
	struct ratio r;
	const char *suffix;

	if (calc_ratio(a, b, stated, &r, 0) != TALLY_DEC_OK)
		return -1;
	if (r.zero) {
		report_zero(c, a, b, stated);
		return 0;
	}
	if (r.holds)
		return 1;
	suffix = r.pct ? (strcmp(stated->unit, "‰") == 0 ? "‰" : "%") : "";
	put_names(c, stated);
	put_both(c, " ");
	put_both(c, stated->text);
	tally_buf_puts(&c->zh, " ≠ ");
	tally_buf_puts(&c->en, " != ");
	tally_buf_reset(&c->expr);
	tally_buf_printf(&c->expr, "%s ÷ %s = ", a->text, b->text);
	put_ratio_value(&c->expr, &r, stated, suffix);
	put_both(c, tally_buf_cstr(&c->expr));
	put_tolerance(c, tally_dec_is_zero(r.half) && r.k.exact, r.half,
	    r.k.E, r.k.E);
	emit(c, id, stated->fact);
	return 0;
}

/* --- equal and shares ------------------------------------------------- */

/* a = b: the same figure stated twice; each keeps its own precision. */
static void
check_equal(struct actx *c, const struct tally_num *a,
    const struct tally_num *b)
{
	struct tally_ival ai, bi;
	struct tally_dec ha, hb, tol;
	const char *la, *lb;
	int E, ex;

	if (!compatible2(a, b))
		return;
	E = a->exp > b->exp ? a->exp : b->exp;
	ex = is_exact(a) && is_exact(b);
	if (stated_ival(a, E, ex, &ai, &ha) != TALLY_DEC_OK ||
	    stated_ival(b, E, ex, &bi, &hb) != TALLY_DEC_OK ||
	    tally_ival_overlaps(ai, bi) ||
	    tally_dec_add(ha, hb, &tol) != TALLY_DEC_OK)
		return;
	/* Two figures under one label (全年预算数 in the text and on the
	 * form) are told apart by their paths. */
	la = label_of(a);
	lb = label_of(b);
	if (la && lb && strcmp(la, lb) == 0) {
		put_both(c, path_of(c, a->fact));
	} else {
		put_names(c, a);
	}
	put_both(c, " ");
	put_both(c, a->text);
	tally_buf_puts(&c->zh, " ≠ ");
	tally_buf_puts(&c->en, " != ");
	if (la && lb && strcmp(la, lb) == 0)
		put_both(c, path_of(c, b->fact));
	else
		put_names(c, b);
	put_both(c, " ");
	put_both(c, b->text);
	tally_buf_puts(&c->zh, " (同一数字两处不一致");
	tally_buf_puts(&c->en, " (the same figure stated twice");
	if (ex) {
		tally_buf_puts(&c->zh, "，精确值须完全相等)");
		tally_buf_puts(&c->en, "; exact values: must be equal)");
	} else {
		/* In the unit both carry ("元"), else as figures are
		 * written. */
		int same = a->unit[0] && strcmp(a->unit, b->unit) == 0;
		int dexp = a->kind == TALLY_N_PERCENT ? E :
		    same ? a->exp : c->nc->money_exp;
		tally_buf_reset(&c->tmp);
		put_dec(&c->tmp, tol, E, dexp, 0,
		    same && a->kind != TALLY_N_PERCENT ? a->unit : "");
		put_fmt(c, "，允许误差 ±%s)", "; tolerance ±%s)",
		    tally_buf_cstr(&c->tmp));
	}
	emit(c, "A003", b->fact);
}

/* Σ c->terms (percentages) = 100%. */
static void
check_shares(struct actx *c)
{
	struct tally_num hundred;
	struct tally_ival siv;
	struct tally_dec half, tol;
	struct calc k;
	size_t i;
	int E;

	for (i = 0; i < c->nterms; i++)
		if (c->terms[i].n.kind != TALLY_N_PERCENT)
			return;
	memset(&hundred, 0, sizeof(hundred));
	hundred.kind = TALLY_N_PERCENT;
	hundred.exact = TALLY_NX_STRONG;
	E = common_exp(c->terms, c->nterms, NULL);
	hundred.exp = E;
	hundred.v = tally_dec_from_int(E == -1 ? 1000 : 100);
	hundred.unit = E == -1 ? "‰" : "%";
	if (calc_sum(c, E, 0, &k) != TALLY_DEC_OK ||
	    stated_ival(&hundred, E, 1, &siv, &half) != TALLY_DEC_OK)
		return;
	if (tally_ival_overlaps(k.iv, siv))
		return;
	tol = k.slack;
	tally_buf_puts(&c->zh, "占比之和 ");
	tally_buf_puts(&c->en, "shares ");
	tally_buf_reset(&c->expr);
	put_expr(c, &c->expr);
	tally_buf_puts(&c->expr, " = ");
	put_dec(&c->expr, k.point, E, E, terms_scale(c, E), hundred.unit);
	put_both(c, tally_buf_cstr(&c->expr));
	tally_buf_printf(&c->zh, " ≠ %s%s", E == -1 ? "1000" : "100",
	    hundred.unit);
	tally_buf_printf(&c->en, " != %s%s", E == -1 ? "1000" : "100",
	    hundred.unit);
	put_tolerance(c, 0, tol, E, E);
	emit(c, "A009", c->terms[0].n.fact);
}

/* --- rules (schema `rules`, report `checks`) -------------------------- */

/* Reads the figure at operand k of a rule (k == noperands: its equals);
 * a mapping stands for its total.  ri is the rule's index among the
 * schema's rules, SIZE_MAX for a report's own check.  Returns 1 when it is
 * a number, 0 when the rule must be skipped. */
static int
operand(struct actx *c, const struct tally_schema_rule *rule, size_t ri,
    size_t k, struct tally_num *n)
{
	const char *path = k < rule->noperands ? rule->operands[k] :
	    rule->equals;
	/* A rule's operand is most often a declared field, already
	 * resolved: the same fact tally_num_path would find. */
	const struct tally_schema_field *fd = ri != SIZE_MAX ?
	    tally_schema_rule_field(c->s, ri, k) :
	    tally_schema_field(c->s, path);
	const struct tally_fact *f = fd != NULL ?
	    tally_num_field_fact(c->nc, (size_t)(fd - c->s->fields)) :
	    tally_num_path(c->nc, path);

	if (f != NULL && f->kind == TALLY_FACT_MAP)
		f = tally_fact_get(f, "total");
	if (f == NULL)
		return 0;
	return tally_num_read(c->nc, f, n) >= TALLY_N_PLAIN;
}

/* 1 for "funds.N.<what>", storing N. */
static int
funds_path(const char *path, const char *what, unsigned long *row)
{
	const char *p;
	unsigned long v = 0;

	/* the first two bytes inline: most paths are figures.… */
	if (path[0] != 'f' || path[1] != 'u' || strncmp(path, "funds.", 6) != 0)
		return 0;
	p = path + 6;
	if (*p < '0' || *p > '9')
		return 0;
	/* strtoul's value: every digit read, ULONG_MAX past it */
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');
		v = v > (ULONG_MAX - d) / 10 ? ULONG_MAX : v * 10 + d;
	}
	*row = v;
	return *p == '.' && strcmp(p + 1, what) == 0;
}

/* The funds block's own ratio (executed ÷ adjusted = rate on one row) is
 * A012's; a rule that restates it is not checked twice. */
static int
is_funds_rate_rule(const struct tally_schema_rule *rule)
{
	unsigned long a, b, e;

	return rule->kind == TALLY_RULE_RATIO && rule->noperands == 2 &&
	    funds_path(rule->operands[0], "executed", &a) &&
	    funds_path(rule->operands[1], "adjusted", &b) &&
	    funds_path(rule->equals, "rate", &e) && a == b && b == e;
}

static void
run_rule(struct actx *c, const struct tally_schema_rule *rule, size_t ri)
{
	struct tally_num stated, a, b;
	size_t i;

	if (is_funds_rate_rule(rule))
		return;
	switch (rule->kind) {
	case TALLY_RULE_RATIO:
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		memset(&stated, 0, sizeof(stated));
		if (operand(c, rule, ri, 0, &a) &&
		    operand(c, rule, ri, 1, &b) &&
		    operand(c, rule, ri, rule->noperands, &stated))
			check_ratio(c, "A002", &a, &b, &stated);
		break;
	case TALLY_RULE_SUM:
	case TALLY_RULE_DIFFERENCE:
		memset(&stated, 0, sizeof(stated));
		if (!operand(c, rule, ri, rule->noperands, &stated))
			return;
		terms_reset(c);
		for (i = 0; i < rule->noperands; i++) {
			struct term *t = terms_push(c);
			if (!operand(c, rule, ri, i, &t->n))
				return;
			t->neg = rule->kind == TALLY_RULE_DIFFERENCE && i > 0;
		}
		check_sum(c, rule->kind == TALLY_RULE_SUM ? "A001" : "A003",
		    &stated, NULL, NULL);
		break;
	case TALLY_RULE_EQUAL:
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		if (operand(c, rule, ri, 0, &a) &&
		    operand(c, rule, ri, 1, &b))
			check_equal(c, &a, &b);
		break;
	case TALLY_RULE_SHARES:
		terms_reset(c);
		for (i = 0; i < rule->noperands; i++)
			if (!operand(c, rule, ri, i, &terms_push(c)->n))
				return;
		check_shares(c);
		break;
	}
}

static void
run_rules(struct actx *c)
{
	const struct tally_fact *checks;
	struct tally_schema_rule *rules;
	size_t i, n;

	for (i = 0; c->s && i < c->s->nrules; i++)
		run_rule(c, &c->s->rules[i], i);
	checks = tally_fact_get(c->r->front, "checks");
	if (checks == NULL || checks->is_null)
		return;
	/* A malformed check is reported (under the report's path) and the
	 * well-formed ones still run. */
	tally_rules_load(&c->nc->arena, c->r->path, checks, &rules, &n, c->d);
	for (i = 0; i < n; i++)
		run_rule(c, &rules[i], SIZE_MAX);
}

/* --- the total convention (A001) -------------------------------------- */

/* Adds the part that member m of a totals mapping contributes.  Returns 1
 * when added, 0 when m is no part, -1 when m makes the sum unverifiable. */
static int
add_part(struct actx *c, const struct tally_fact *m, int named)
{
	struct tally_num n;
	enum tally_nkind k;

	if (m->kind == TALLY_FACT_MAP) {
		const struct tally_fact *t = tally_fact_get(m, "total");
		if (t == NULL)
			return named ? -1 : 0;
		m = t;
	} else if (m->kind == TALLY_FACT_SEQ) {
		return named ? -1 : 0;
	}
	if (m->is_null)
		return -1; /* a blank part is unknown, not zero */
	k = tally_num_read(c->nc, m, &n);
	if (k == TALLY_N_BAD)
		return -1;
	if (k == TALLY_N_TEXT || k == TALLY_N_PERCENT)
		return named ? -1 : 0;
	terms_push(c)->n = n;
	return 1;
}

static void
check_total(struct actx *c, const struct tally_fact *map,
    const struct tally_fact *total)
{
	const struct tally_fact *parts, *m, *p;
	struct tally_num stated;

	if (tally_num_read(c->nc, total, &stated) < TALLY_N_PLAIN ||
	    stated.kind == TALLY_N_PERCENT)
		return;
	terms_reset(c);
	parts = tally_fact_get(map, "parts");
	if (parts != NULL) {
		if (parts->kind != TALLY_FACT_SEQ)
			return;
		for (p = parts->child; p; p = p->next) {
			if (!tally_fact_is_scalar(p) ||
			    (m = tally_fact_get(map, p->text)) == NULL ||
			    m == total || add_part(c, m, 1) < 0)
				return;
		}
	} else {
		for (m = map->child; m; m = m->next)
			if (m != total && add_part(c, m, 0) < 0)
				return;
	}
	check_sum(c, "A001", &stated, NULL, NULL);
}

/* --- A010: a shortfall needs a reason --------------------------------- */

static const char *const reason_words[] = {
	"原因", "由于", "因为", "导致", "造成", "未及时", "滞后", "结余",
	"结转", "尚未", "未能", "影响", NULL,
};

/* 1 when needle occurs in s[0..n) (memmem is not C11 nor POSIX). */
static int
has(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	if (k == 0)
		return 1;
	for (i = 0; i + k <= n; i++)
		if (s[i] == needle[0] && memcmp(s + i, needle, k) == 0)
			return 1;
	return 0;
}

static int
has_reason_word(const char *s, size_t n)
{
	size_t i;

	for (i = 0; reason_words[i]; i++)
		if (has(s, n, reason_words[i]))
			return 1;
	return 0;
}

/* 1 when the body says 偏差原因 or 未完成原因 anywhere in its text. */
static int
general_reason(struct actx *c)
{
	const struct tally_block *b;

	if (c->general_reason >= 0)
		return c->general_reason;
	c->general_reason = 0;
	for (b = c->r->outline.blocks; b; b = b->next)
		if ((b->kind == TALLY_BLOCK_PARA ||
		    b->kind == TALLY_BLOCK_ITEM) &&
		    (has(b->text, b->len, "偏差原因") ||
		    has(b->text, b->len, "未完成原因"))) {
			c->general_reason = 1;
			break;
		}
	return c->general_reason;
}

/* A cell that says something: not blank, not a dash or "无". */
static int
cell_says(const char *s)
{
	return s && *s && strcmp(s, "-") != 0 && strcmp(s, "—") != 0 &&
	    strcmp(s, "/") != 0 && strcmp(s, "无") != 0;
}

/* 1 when a table row that mentions needle gives a reason: a reason word
 * in the row, or a non-blank cell under a 原因 column. */
static int
table_reason(const struct tally_table *t, const char *needle)
{
	size_t r, k, why = (size_t)-1;

	for (k = 0; k < t->ncols; k++) {
		const char *h = tally_table_cell(t, 0, k)->text;
		if (h && strstr(h, "原因"))
			why = k;
	}
	for (r = 1; r < t->nrows; r++) {
		int hit = 0, word = 0;
		for (k = 0; k < t->ncols; k++) {
			const char *s = tally_table_cell(t, r, k)->text;
			if (s == NULL)
				continue;
			if (strstr(s, needle))
				hit = 1;
			if (has_reason_word(s, strlen(s)))
				word = 1;
		}
		if (hit && (word || (why != (size_t)-1 &&
		    cell_says(tally_table_cell(t, r, why)->text))))
			return 1;
	}
	return 0;
}

/* 1 when the body gives a reason near needle (a figure as written, or an
 * indicator's name). */
static int
reason_near(struct actx *c, const char *needle)
{
	const struct tally_block *b, *n;

	if (general_reason(c))
		return 1;
	if (needle == NULL || *needle == '\0')
		return 0;
	for (b = c->r->outline.blocks; b; b = b->next) {
		if (b->kind == TALLY_BLOCK_TABLE && b->table) {
			if (table_reason(b->table, needle))
				return 1;
			continue;
		}
		if (b->kind != TALLY_BLOCK_PARA && b->kind != TALLY_BLOCK_ITEM)
			continue;
		if (!has(b->text, b->len, needle))
			continue;
		if (has_reason_word(b->text, b->len))
			return 1;
		for (n = b->next; n && n->kind == TALLY_BLOCK_HTML; n = n->next)
			;
		if (n && (n->kind == TALLY_BLOCK_PARA ||
		    n->kind == TALLY_BLOCK_ITEM) &&
		    has_reason_word(n->text, n->len))
			return 1;
	}
	return 0;
}

/* 1 when a note-like member of a row says something. */
static int
note_says(const struct tally_fact *row)
{
	const struct tally_fact *f = tally_fact_get(row, "note");

	return tally_fact_is_scalar(f) && cell_says(f->text);
}

/* 1 when iv lies wholly below the schema's threshold (percent). */
static int
below_threshold(const struct actx *c, struct tally_ival iv)
{
	return c->s && c->s->has_execution_threshold &&
	    tally_dec_cmp(iv.hi, c->s->execution_threshold) < 0;
}

static void
put_threshold(struct actx *c)
{
	char buf[TALLY_DEC_BUFSZ];

	tally_dec_format(c->s->execution_threshold, buf, sizeof(buf));
	put_both(c, buf);
	put_both(c, "%");
}

/* A stated execution rate (percent) below the threshold, with no reason. */
static void
rate_shortfall(struct actx *c, const struct tally_num *rate,
    const struct tally_fact *row)
{
	struct tally_ival iv;
	struct tally_dec v, half;
	char needle[TALLY_DEC_BUFSZ];
	size_t i;

	if (rate->kind != TALLY_N_PERCENT ||
	    stated_ival(rate, 0, 0, &iv, &half) != TALLY_DEC_OK ||
	    !below_threshold(c, iv))
		return;
	if (row && note_says(row))
		return;
	/* The same rate in the text and on the form is one shortfall. */
	for (i = 0; i < c->nwarned; i++)
		if (tally_dec_cmp(c->warned[i], rate->v) == 0)
			return;
	if (c->nwarned < sizeof(c->warned) / sizeof(c->warned[0]))
		c->warned[c->nwarned++] = rate->v;
	v = rate->v;
	tally_dec_format(v, needle, sizeof(needle));
	if (reason_near(c, needle))
		return;
	put_names(c, rate);
	put_both(c, " ");
	put_both(c, rate->text);
	tally_buf_puts(&c->zh, " 低于 ");
	tally_buf_puts(&c->en, " is below ");
	put_threshold(c);
	tally_buf_puts(&c->zh, "，未说明原因（偏差原因）");
	tally_buf_puts(&c->en, " and no reason is stated");
	emit(c, "A010", rate->fact);
}

/* 1 when an execution rate lives at f: a key ending in execution_rate, or
 * a field whose label or alias says 执行率. */
static int
is_execution_rate(struct actx *c, const struct tally_fact *f)
{
	const struct tally_schema_field *fd;
	size_t n, k = strlen("execution_rate"), i;

	if (f->key && (n = strlen(f->key)) >= k &&
	    strcmp(f->key + n - k, "execution_rate") == 0)
		return 1;
	if ((fd = tally_num_field(c->nc, f)) == NULL)
		return 0;
	if (fd->label && strstr(fd->label, "执行率"))
		return 1;
	for (i = 0; i < fd->naliases; i++)
		if (strstr(fd->aliases[i], "执行率"))
			return 1;
	return 0;
}

/* --- the figures walk ------------------------------------------------- */

static void
walk_figures(struct actx *c, const struct tally_fact *f)
{
	const struct tally_fact *m, *total = NULL;

	for (m = f->child; m; m = m->next) {
		if (m->kind == TALLY_FACT_SCALAR) {
			struct tally_num n;

			if (m->key && m->key[0] == 't' &&
			    strcmp(m->key, "total") == 0)
				total = m;
			/* the reading first: it is cached for the sums, and
			 * few figures are percentages */
			if (c->s && c->s->has_execution_threshold &&
			    !m->is_null &&
			    tally_num_read(c->nc, m, &n) == TALLY_N_PERCENT &&
			    is_execution_rate(c, m))
				rate_shortfall(c, &n, NULL);
		} else {
			walk_figures(c, m);
		}
	}
	if (f->kind == TALLY_FACT_MAP && total != NULL)
		check_total(c, f, total);
}

/* --- the indicators and the score (A004-A007, A010, A011) ------------- */

/* Reads a score or weight: points, exact when an integer. */
static int
read_points(struct actx *c, const struct tally_fact *f, struct tally_num *n)
{
	if (f == NULL || tally_num_read(c->nc, f, n) != TALLY_N_PLAIN)
		return 0;
	n->exact = n->v.scale == 0 ? TALLY_NX_WEAK : TALLY_NX_NONE;
	return 1;
}

static const char *
item_name(const struct tally_fact *row)
{
	const struct tally_fact *f = tally_fact_get(row, "name");

	if (!tally_fact_is_scalar(f))
		f = tally_fact_get(row, "source");
	return tally_fact_is_scalar(f) ? f->text : NULL;
}

/* "name" (zh) and "path (name)" (en) of an indicator or funds row. */
static void
put_item(struct actx *c, const struct tally_fact *row)
{
	const char *name = item_name(row), *p = path_of(c, row);

	if (name) {
		tally_buf_puts(&c->zh, name);
		tally_buf_printf(&c->en, "%s (%s)", p, name);
	} else {
		tally_buf_puts(&c->zh, p);
		tally_buf_puts(&c->en, p);
	}
}

/* A005: score above weight, compared as written (points are given, not
 * measured). */
/* The members of an indicator row the checks read, found in one pass:
 * each the first of its key, as fact_get finds it. */
struct irow {
	const struct tally_fact *score, *weight, *target, *actual;
};

static void
irow_read(const struct tally_fact *row, struct irow *x)
{
	const struct tally_fact *m;

	memset(x, 0, sizeof(*x));
	if (row == NULL || row->kind != TALLY_FACT_MAP)
		return;
	for (m = row->child; m; m = m->next) {
		const char *k = m->key;

		if (k[0] == 's' && x->score == NULL && strcmp(k, "score") == 0)
			x->score = m;
		else if (k[0] == 'w' && x->weight == NULL &&
		    strcmp(k, "weight") == 0)
			x->weight = m;
		else if (k[0] == 't' && x->target == NULL &&
		    strcmp(k, "target") == 0)
			x->target = m;
		else if (k[0] == 'a' && x->actual == NULL &&
		    strcmp(k, "actual") == 0)
			x->actual = m;
	}
}

static void
score_over_weight(struct actx *c, const struct tally_fact *row,
    const struct irow *x)
{
	struct tally_num s, w;

	if (!read_points(c, x->score, &s) ||
	    !read_points(c, x->weight, &w) ||
	    tally_dec_cmp(s.v, w.v) <= 0)
		return;
	put_item(c, row);
	tally_buf_printf(&c->zh, "：得分 %s 超过分值 %s", s.text, w.text);
	tally_buf_printf(&c->en, ": score %s exceeds weight %s", s.text,
	    w.text);
	emit(c, "A005", s.fact);
}

/* 1 when actual misses target under target's operator (none: a floor). */
static int
misses(const struct tally_quantity *target, const struct tally_quantity *actual)
{
	int k = tally_dec_cmp(actual->value, target->value);
	const char *op = target->op;

	if (op == NULL || strcmp(op, "≥") == 0)
		return k < 0;
	if (strcmp(op, ">") == 0)
		return k <= 0;
	if (strcmp(op, "≤") == 0)
		return k > 0;
	if (strcmp(op, "<") == 0)
		return k >= 0;
	if (strcmp(op, "=") == 0)
		return k != 0;
	return 0; /* ≈: no line to miss */
}

/* Reads target and actual of an indicator; 1 when both are quantities of
 * the same unit and actual misses target. */
static int
indicator_missed(struct actx *c, const struct irow *x,
    struct tally_quantity *t, struct tally_quantity *a)
{
	const struct tally_fact *tf = x->target;
	const struct tally_fact *af = x->actual;

	if (!tally_fact_is_scalar(tf) || !tally_fact_is_scalar(af) ||
	    tally_num_quantity(c->nc, tf->text, t) != 0 ||
	    tally_num_quantity(c->nc, af->text, a) != 0)
		return 0;
	if (a->op != NULL && strcmp(a->op, "=") != 0)
		return 0;
	if (t->unit != a->unit || strcmp(t->unit_text, a->unit_text) != 0)
		return 0;
	return misses(t, a);
}

static void
indicator_checks(struct actx *c, const struct tally_fact *row)
{
	struct tally_quantity t, a;
	struct tally_num s, w;
	const struct tally_fact *af, *tf;
	struct irow x;

	if (row->kind != TALLY_FACT_MAP)
		return;
	irow_read(row, &x);
	af = x.actual;
	tf = x.target;
	score_over_weight(c, row, &x);
	if (!indicator_missed(c, &x, &t, &a))
		return;
	/* A011: full marks for a missed target. */
	if (read_points(c, x.score, &s) &&
	    read_points(c, x.weight, &w) &&
	    tally_dec_cmp(s.v, w.v) == 0) {
		put_item(c, row);
		tally_buf_printf(&c->zh, " %s 未达到 %s，却得满分 %s 分",
		    af->text, tf->text, s.text);
		tally_buf_printf(&c->en,
		    ": %s misses %s but scores the full %s", af->text,
		    tf->text, s.text);
		emit(c, "A011", s.fact);
	}
	/* A010: a rate indicator below the threshold with no reason. */
	if (a.unit == TALLY_Q_PERCENT && c->s &&
	    c->s->has_execution_threshold) {
		struct tally_ival iv;
		if (tally_ival_written(a.value, &iv) != TALLY_DEC_OK ||
		    !below_threshold(c, iv) || note_says(row) ||
		    reason_near(c, item_name(row)))
			return;
		put_item(c, row);
		tally_buf_printf(&c->zh, " 实际完成值 %s 未达到 %s，低于 ",
		    af->text, tf->text);
		tally_buf_printf(&c->en, ": %s misses %s and is below ",
		    af->text, tf->text);
		put_threshold(c);
		tally_buf_puts(&c->zh, "，未说明偏差原因");
		tally_buf_puts(&c->en, " with no stated reason");
		emit(c, "A010", af);
	}
}

/* 1 when the funds block's first row states `key` (its 分值 or 得分): the
 * form's 100 points then count it with the indicators'. */
static int
funds_points(const struct tally_fact *funds0, const char *key)
{
	const struct tally_fact *f;

	if (funds0 == NULL)
		return 0;
	f = tally_fact_get(funds0, key);
	return f != NULL && !f->is_null;
}

/* A004 and A006: the form's scores and weights add up, the funds row's
 * with the indicators'. */
static void
form_totals(struct actx *c, const struct tally_fact *inds,
    const struct tally_fact *funds0)
{
	const struct tally_fact *row;
	const struct tally_fact *sf = tally_fact_get(c->r->front, "score");
	struct tally_num stated;
	struct tally_dec sum, iw;
	int ok;

	/* A004: the indicators' scores, then the funds row's (the form
	 * lists it first; the sum reads better as indicators + funds). */
	terms_reset(c);
	ok = sf != NULL && tally_num_read(c->nc, sf, &stated) == TALLY_N_PLAIN;
	for (row = inds->child; ok && row; row = row->next)
		if (row->kind != TALLY_FACT_MAP ||
		    !read_points(c, tally_fact_get(row, "score"),
		    &terms_push(c)->n))
			ok = 0;
	if (ok && funds_points(funds0, "score"))
		ok = read_points(c, tally_fact_get(funds0, "score"),
		    &terms_push(c)->n);
	if (ok)
		check_sum(c, "A004", &stated, NULL, NULL);

	/* A006: weights are definitions, compared exactly. */
	if (c->s == NULL || !c->s->has_indicator_weights)
		return;
	terms_reset(c);
	ok = 1;
	sum = tally_dec_from_int(0);
	for (row = inds->child; ok && row; row = row->next) {
		struct term *t = terms_push(c);
		ok = row->kind == TALLY_FACT_MAP &&
		    read_points(c, tally_fact_get(row, "weight"), &t->n) &&
		    tally_dec_add(sum, t->n.v, &sum) == TALLY_DEC_OK;
	}
	if (ok && funds_points(funds0, "weight")) {
		struct term *t = terms_push(c);
		ok = read_points(c, tally_fact_get(funds0, "weight"), &t->n) &&
		    tally_dec_add(sum, t->n.v, &sum) == TALLY_DEC_OK;
	}
	iw = c->s->indicator_weights;
	if (!ok || c->nterms == 0 || tally_dec_cmp(sum, iw) == 0)
		return;
	{
		char a[TALLY_DEC_BUFSZ], b[TALLY_DEC_BUFSZ];
		tally_buf_reset(&c->expr);
		put_expr(c, &c->expr);
		tally_num_fmt_trim(sum, 0, a, sizeof(a));
		tally_num_fmt_trim(iw, 0, b, sizeof(b));
		tally_buf_printf(&c->zh, "分值之和 %s = %s ≠ %s",
		    tally_buf_cstr(&c->expr), a, b);
		tally_buf_printf(&c->en, "weights %s = %s != %s",
		    tally_buf_cstr(&c->expr), a, b);
		tally_buf_puts(&c->zh, " (分值为定义值，须完全相等)");
		tally_buf_puts(&c->en, " (weights are exact)");
		emit_at(c, "A006", inds->key_pos);
	}
}

/* A007: the grade is the band of the score (as written). */
static void
grade_band(struct actx *c)
{
	const struct tally_fact *sf = tally_fact_get(c->r->front, "score");
	const struct tally_fact *gf = tally_fact_get(c->r->front, "grade");
	const struct tally_grade *band = NULL, *above = NULL;
	struct tally_num s;
	char lo[TALLY_DEC_BUFSZ], hi[TALLY_DEC_BUFSZ];
	size_t i;
	int known = 0;

	if (c->s == NULL || c->s->ngrades == 0 || !tally_fact_is_scalar(gf) ||
	    sf == NULL || tally_num_read(c->nc, sf, &s) != TALLY_N_PLAIN)
		return;
	for (i = 0; i < c->s->ngrades; i++) {
		if (strcmp(gf->text, c->s->grades[i].name) == 0)
			known = 1;
		if (band == NULL &&
		    tally_dec_cmp(s.v, c->s->grades[i].min) >= 0) {
			band = &c->s->grades[i];
			above = i > 0 ? &c->s->grades[i - 1] : NULL;
		}
	}
	/* An unknown grade is M002's; a score below every band has none. */
	if (!known || band == NULL || strcmp(band->name, gf->text) == 0)
		return;
	tally_num_fmt_trim(band->min, 0, lo, sizeof(lo));
	if (above) {
		tally_num_fmt_trim(above->min, 0, hi, sizeof(hi));
		tally_buf_printf(&c->zh,
		    "%s 分属于“%s”（%s ≤ %s < %s），而不是“%s”", s.text,
		    band->name, lo, s.text, hi, gf->text);
		tally_buf_printf(&c->en,
		    "%s is in band %s (%s <= %s < %s), not %s", s.text,
		    band->name, lo, s.text, hi, gf->text);
	} else {
		tally_buf_printf(&c->zh, "%s 分属于“%s”（%s ≥ %s），而不是“%s”",
		    s.text, band->name, s.text, lo, gf->text);
		tally_buf_printf(&c->en, "%s is in band %s (%s >= %s), not %s",
		    s.text, band->name, s.text, lo, gf->text);
	}
	emit(c, "A007", gf);
}

/* --- the funds block (A012, A010) ------------------------------------- */

static const char *const fund_columns[] = {"initial", "adjusted", "executed"};

/* 1 when a funds row states any amount. */
static int
row_states_amount(const struct tally_fact *row)
{
	size_t k;

	for (k = 0; k < sizeof(fund_columns) / sizeof(fund_columns[0]); k++) {
		const struct tally_fact *f;
		f = tally_fact_get(row, fund_columns[k]);
		if (f != NULL && !f->is_null)
			return 1;
	}
	return 0;
}

/* Rows after the first add up to it, column by column.  A blank cell is
 * not a zero: a column is checked only when every row that states any
 * amount states this one (the 东安 form fills only 全年执行数 on its
 * 一般公共预算 row and leaves the other sources blank). */
static void
funds_columns(struct actx *c, const struct tally_fact *funds)
{
	const struct tally_fact *row0 = funds->child, *row, *f;
	struct tally_num stated;
	size_t k;

	for (k = 0; k < sizeof(fund_columns) / sizeof(fund_columns[0]); k++) {
		int ok = 1;
		f = tally_fact_get(row0, fund_columns[k]);
		if (f == NULL || tally_num_read(c->nc, f, &stated) <
		    TALLY_N_PLAIN || stated.kind == TALLY_N_PERCENT)
			continue;
		terms_reset(c);
		for (row = row0->next; ok && row; row = row->next) {
			struct tally_num *n;
			if (row->kind != TALLY_FACT_MAP ||
			    !row_states_amount(row))
				continue;
			f = tally_fact_get(row, fund_columns[k]);
			n = &terms_push(c)->n;
			ok = f != NULL && tally_num_read(c->nc, f, n) >=
			    TALLY_N_PLAIN && n->kind != TALLY_N_PERCENT;
			/* The schema declares row 0; the other rows' amounts
			 * are money as well, not counts. */
			if (n->exact == TALLY_NX_WEAK)
				n->exact = TALLY_NX_NONE;
		}
		if (!ok || c->nterms == 0)
			continue;
		check_sum(c, "A012", &stated, "各来源之和 ", "the sources' ");
	}
}

/* A funds row's rate in percent, read (when it reads) or computed from
 * executed ÷ adjusted: its interval, its value as printed (*point) and its
 * text for the message.  Returns 0 when there is none. */
static int
funds_rate(struct actx *c, const struct tally_fact *row, struct tally_ival *iv,
    struct tally_dec *point, struct tally_buf *shown)
{
	struct tally_num rate, ex, adj, pct;
	struct tally_dec half;
	struct ratio r;
	char buf[TALLY_DEC_BUFSZ];

	if (tally_num_read(c->nc, tally_fact_get(row, "rate"), &rate) ==
	    TALLY_N_PERCENT) {
		if (stated_ival(&rate, 0, 0, iv, &half) != TALLY_DEC_OK ||
		    in_unit(&rate, 0, point) != TALLY_DEC_OK)
			return 0;
		tally_buf_puts(shown, rate.text);
		return 1;
	}
	if (tally_num_read(c->nc, tally_fact_get(row, "executed"), &ex) <
	    TALLY_N_PLAIN ||
	    tally_num_read(c->nc, tally_fact_get(row, "adjusted"), &adj) <
	    TALLY_N_PLAIN)
		return 0;
	/* As rates on the form are written: two decimals. */
	memset(&pct, 0, sizeof(pct));
	pct.kind = TALLY_N_PERCENT;
	pct.unit = "%";
	pct.v.scale = 2;
	pct.text = "";
	if (calc_ratio(&ex, &adj, &pct, &r, 1) != TALLY_DEC_OK || r.zero ||
	    tally_dec_rescale(r.k.point, 2, TALLY_ROUND_HALF_UP, point) !=
	    TALLY_DEC_OK)
		return 0;
	*iv = r.k.iv;
	tally_num_fmt_trim(*point, 2, buf, sizeof(buf));
	tally_buf_printf(shown, "%s ÷ %s = %s%%", ex.text, adj.text, buf);
	return 1;
}

/* min(v, 100) */
static struct tally_dec
cap100(struct tally_dec v)
{
	struct tally_dec hundred = tally_dec_from_int(100);

	return tally_dec_cmp(v, hundred) > 0 ? hundred : v;
}

/* 得分 = min(rate, 100%) × 分值 (funds_score: capped).  The rate is the
 * stated one when it reads, else executed ÷ adjusted: "121.93%%" on the
 * 东安 form still gives min(74 ÷ 60.69, 100%) × 10 = 10. */
static void
funds_score(struct actx *c, const struct tally_fact *row)
{
	struct tally_num score, weight;
	struct tally_ival rate, comp, siv;
	struct tally_dec point, half, w, ulp;
	struct tally_buf shown = TALLY_BUF_INIT;
	char buf[TALLY_DEC_BUFSZ];

	if (c->s && c->s->funds_score &&
	    strcmp(c->s->funds_score, "capped") != 0)
		return;
	if (tally_num_read(c->nc, tally_fact_get(row, "score"), &score) !=
	    TALLY_N_PLAIN ||
	    !read_points(c, tally_fact_get(row, "weight"), &weight) ||
	    !funds_rate(c, row, &rate, &point, &shown))
		goto out;
	rate.lo = cap100(rate.lo);
	rate.hi = cap100(rate.hi);
	point = cap100(point);
	if (tally_ival_mul(rate, tally_ival_exact(weight.v), &comp) !=
	    TALLY_DEC_OK ||
	    tally_dec_shift(comp.lo, -2, &comp.lo) != TALLY_DEC_OK ||
	    tally_dec_shift(comp.hi, -2, &comp.hi) != TALLY_DEC_OK ||
	    tally_dec_mul(point, weight.v, &point) != TALLY_DEC_OK ||
	    tally_dec_shift(point, -2, &point) != TALLY_DEC_OK ||
	    stated_ival(&score, score.exp, 0, &siv, &half) != TALLY_DEC_OK ||
	    tally_ival_overlaps(comp, siv))
		goto out;
	put_names(c, &score);
	tally_buf_printf(&c->zh, " %s ≠ min(%s, 100%%) × %s = ", score.text,
	    tally_buf_cstr(&shown), weight.text);
	tally_buf_printf(&c->en, " %s != min(%s, 100%%) × %s = ", score.text,
	    tally_buf_cstr(&shown), weight.text);
	/* A range only when the rate's rounding spreads the score wider
	 * than the stated score's last digit. */
	ulp.coef = 1;
	ulp.scale = score.v.scale;
	if (tally_dec_sub(comp.hi, comp.lo, &w) == TALLY_DEC_OK &&
	    tally_dec_cmp(w, ulp) > 0 &&
	    tally_dec_rescale(comp.lo, score.v.scale + 1, TALLY_ROUND_FLOOR,
	    &comp.lo) == TALLY_DEC_OK &&
	    tally_dec_rescale(comp.hi, score.v.scale + 1, TALLY_ROUND_CEIL,
	    &comp.hi) == TALLY_DEC_OK) {
		put_both(c, tally_dec_format(comp.lo, buf, sizeof(buf)));
		put_both(c, "–");
		put_both(c, tally_dec_format(comp.hi, buf, sizeof(buf)));
	} else {
		put_both(c, tally_num_fmt_trim(point, score.v.scale, buf,
		    sizeof(buf)));
	}
	tally_num_fmt_trim(half, 0, buf, sizeof(buf));
	put_fmt(c, " (允许误差 ±%s)", " (tolerance ±%s)", buf);
	emit(c, "A012", score.fact);
out:
	tally_buf_free(&shown);
}

static void
funds_checks(struct actx *c, const struct tally_fact *funds)
{
	const struct tally_fact *row;

	if (funds->kind != TALLY_FACT_SEQ || funds->child == NULL ||
	    funds->child->kind != TALLY_FACT_MAP)
		return;
	funds_columns(c, funds);
	for (row = funds->child; row; row = row->next) {
		struct tally_num ex, adj, rate;
		int have_rate, have_ex, have_adj;
		if (row->kind != TALLY_FACT_MAP)
			continue;
		have_rate = tally_num_read(c->nc, tally_fact_get(row, "rate"),
		    &rate) == TALLY_N_PERCENT;
		have_ex = tally_num_read(c->nc,
		    tally_fact_get(row, "executed"), &ex) >= TALLY_N_PLAIN;
		have_adj = tally_num_read(c->nc,
		    tally_fact_get(row, "adjusted"), &adj) >= TALLY_N_PLAIN;
		if (have_rate && have_ex && have_adj)
			check_ratio(c, "A012", &ex, &adj, &rate);
		/* No budget, no shortfall: a rate over a zero 全年预算数 is
		 * A008's. */
		if (have_rate && c->s && c->s->has_execution_threshold &&
		    !(have_adj && tally_dec_is_zero(adj.v)))
			rate_shortfall(c, &rate, row);
		if (tally_fact_get(row, "score") != NULL)
			funds_score(c, row);
	}
}

/* --- entry point ------------------------------------------------------ */

void
tally_lint_arith(const struct tally_project *p, const struct tally_report *r,
    struct tally_diags *d, struct tally_numctx *nc)
{
	const struct tally_fact *figures, *inds, *funds, *funds0 = NULL;
	struct actx c;

	(void)p;
	if (r->front == NULL || r->front->kind != TALLY_FACT_MAP)
		return;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.s = r->schema;
	c.d = d;
	c.general_reason = -1;
	c.nc = nc;

	figures = tally_fact_get(r->front, "figures");
	if (figures && figures->kind == TALLY_FACT_MAP)
		walk_figures(&c, figures);
	run_rules(&c);

	funds = tally_fact_get(r->front, "funds");
	if (funds && funds->kind == TALLY_FACT_SEQ) {
		funds_checks(&c, funds);
		if (funds->child && funds->child->kind == TALLY_FACT_MAP)
			funds0 = funds->child;
	}
	inds = tally_fact_get(r->front, "indicators");
	if (inds && inds->kind == TALLY_FACT_SEQ && inds->nchild > 0) {
		const struct tally_fact *row;
		for (row = inds->child; row; row = row->next)
			indicator_checks(&c, row);
		form_totals(&c, inds, funds0);
	}
	grade_band(&c);

	free(c.terms);
	free(c.decs);
	tally_buf_free(&c.zh);
	tally_buf_free(&c.en);
	tally_buf_free(&c.expr);
	tally_buf_free(&c.tmp);
	tally_buf_free(&c.path);
}
