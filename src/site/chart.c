/*
 * chart.c - the SVG chart on a unit's page: for each year, the budget and
 * the execution as two bars on a 万元 axis (left) and the self-evaluation
 * score as a line on a 0-100 axis (right).  It is written at build time,
 * needs no script, and carries a <title> and a <desc> that say in words
 * what it shows; the page puts the same numbers in a table beside it.
 *
 * Labels are placed by their middle or their top (dominant-baseline), not
 * by a baseline guessed for one font size, and the plot leaves room above
 * and below: the theme may draw them larger (it does on a phone, where
 * the chart is scaled down) without their running into each other.
 *
 * Coordinates are computed in integers from the exact decimals (money in
 * hundredths of 万元, scores in hundredths of a point), so the SVG is
 * byte-identical on every machine: no float ever meets a figure.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define W 640
#define H 300
#define LEFT 76
#define RIGHT 48
#define TOP 56
#define BOTTOM 36
#define PW (W - LEFT - RIGHT)
#define PH (H - TOP - BOTTOM)

#define C_BUDGET "#1f5f99"
#define C_EXEC "#a64d00"
#define C_SCORE "#2e7031"
#define C_GRID "#d0d7de"
#define C_TEXT "#1f2328"

/* d in hundredths; 0 when it does not fit or is negative (a bar cannot
 * go below the axis). */
static int64_t
hundredths(struct tally_dec d)
{
	struct tally_dec r;

	if (tally_dec_rescale(d, 2, TALLY_ROUND_HALF_UP, &r) != TALLY_DEC_OK ||
	    r.coef < 0)
		return 0;
	return r.coef;
}

/* Writes v (hundredths) without trailing zeros: 12.50 -> "12.5". */
static void
put_hundredths(struct tally_buf *b, int64_t v)
{
	tally_buf_printf(b, "%lld", (long long)(v / 100));
	if (v % 100 != 0) {
		int f = (int)(v % 100);
		if (f % 10 == 0)
			tally_buf_printf(b, ".%d", f / 10);
		else
			tally_buf_printf(b, ".%02d", f);
	}
}

/* The smallest 1-2-5 step that covers max in at most five steps. */
static int64_t
nice_step(int64_t max)
{
	int64_t e = 1;
	static const int m[] = {1, 2, 5};

	for (;;) {
		for (int i = 0; i < 3; i++) {
			int64_t st = m[i] * e;
			if ((max + st - 1) / st <= 5)
				return st;
		}
		if (e > INT64_MAX / 100)
			return max;
		e *= 10;
	}
}

/* y of value v on an axis whose top is top_value. */
static int64_t
y_of(int64_t v, int64_t top_value)
{
	/* keep v * PH in range by dropping precision both sides */
	while (top_value > INT64_MAX / PH) {
		v /= 10;
		top_value /= 10;
	}
	if (top_value <= 0)
		return TOP + PH;
	return TOP + PH - (v * PH + top_value / 2) / top_value;
}

/* base: the dominant-baseline ("central", "hanging"), or NULL for the
 * alphabetic baseline */
static void
put_text(struct tally_buf *b, int x, int y, const char *anchor,
    const char *base, const char *fill, const char *text)
{
	tally_buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" ",
	    x, y, anchor);
	if (base)
		tally_buf_printf(b, "dominant-baseline=\"%s\" ", base);
	tally_buf_printf(b, "fill=\"%s\">", fill);
	site_put_xml(b, text);
	tally_buf_puts(b, "</text>\n");
}

static void
desc_text(const struct site *s, const struct site_point *pts, size_t n,
    struct tally_buf *b)
{
	const char *names[] = {"year", "budget", "executed", "score"};
	size_t i;

	for (i = 0; i < n; i++) {
		char y[16];
		const char *vals[4];
		struct tally_buf v[3] = {TALLY_BUF_INIT, TALLY_BUF_INIT,
		    TALLY_BUF_INIT};
		char num[TALLY_DEC_BUFSZ];

		snprintf(y, sizeof(y), "%d", pts[i].year);
		vals[0] = y;
		tally_buf_puts(&v[0], pts[i].has_budget ? tally_dec_format(
		    pts[i].budget, num, sizeof(num)) : site_t(s, "chart.none"));
		tally_buf_puts(&v[1], pts[i].has_executed ? tally_dec_format(
		    pts[i].executed, num, sizeof(num)) : site_t(s, "chart.none"));
		tally_buf_puts(&v[2], pts[i].has_score ? tally_dec_format(
		    pts[i].score, num, sizeof(num)) : site_t(s, "chart.none"));
		vals[1] = tally_buf_cstr(&v[0]);
		vals[2] = tally_buf_cstr(&v[1]);
		vals[3] = tally_buf_cstr(&v[2]);
		if (i)
			tally_buf_putc(b, ' ');
		site_tf(s, b, "chart.desc_year", names, vals, 4);
		tally_buf_free(&v[0]);
		tally_buf_free(&v[1]);
		tally_buf_free(&v[2]);
	}
}

void
site_chart_svg(const struct site *s, const char *unit_name,
    const struct site_point *pts, size_t n, struct tally_buf *b)
{
	struct tally_buf t = TALLY_BUF_INIT;
	const char *names[] = {"unit"}, *vals[] = {unit_name};
	int64_t max = 0, step, top, gw;
	size_t i;
	int has_money = 0, k, nscore = 0;

	for (i = 0; i < n; i++) {
		int64_t v;
		if (pts[i].has_budget && (v = hundredths(pts[i].budget)) > max)
			max = v;
		if (pts[i].has_executed && (v = hundredths(pts[i].executed)) > max)
			max = v;
		has_money |= pts[i].has_budget || pts[i].has_executed;
	}
	if (max <= 0)
		max = 100;
	step = nice_step(max);
	top = (max + step - 1) / step * step;
	gw = PW / (int64_t)n;

	tally_buf_printf(b, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" "
	    "role=\"img\" aria-labelledby=\"chart-title chart-desc\" "
	    "xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">\n", W, H);
	site_tf(s, &t, "chart.title", names, vals, 1);
	tally_buf_puts(b, "<title id=\"chart-title\">");
	site_put_xml(b, tally_buf_cstr(&t));
	tally_buf_puts(b, "</title>\n<desc id=\"chart-desc\">");
	tally_buf_reset(&t);
	desc_text(s, pts, n, &t);
	site_put_xml(b, tally_buf_cstr(&t));
	tally_buf_puts(b, "</desc>\n");
	tally_buf_free(&t);

	/* legend */
	tally_buf_printf(b, "<rect x=\"%d\" y=\"10\" width=\"12\" height=\"12\" "
	    "fill=\"" C_BUDGET "\"/>\n", LEFT);
	put_text(b, LEFT + 16, 16, "start", "central", C_TEXT,
	    site_t(s, "chart.budget"));
	tally_buf_printf(b, "<rect x=\"%d\" y=\"10\" width=\"12\" height=\"12\" "
	    "fill=\"" C_EXEC "\"/>\n", LEFT + 150);
	put_text(b, LEFT + 166, 16, "start", "central", C_TEXT,
	    site_t(s, "chart.executed"));
	tally_buf_printf(b, "<line x1=\"%d\" y1=\"16\" x2=\"%d\" y2=\"16\" "
	    "stroke=\"" C_SCORE "\" stroke-width=\"2\"/><circle cx=\"%d\" "
	    "cy=\"16\" r=\"4\" fill=\"" C_SCORE "\"/>\n", LEFT + 300,
	    LEFT + 318, LEFT + 309);
	put_text(b, LEFT + 324, 16, "start", "central", C_TEXT,
	    site_t(s, "chart.score"));

	/* money axis: grid and labels */
	for (k = 0; (int64_t)k * step <= top; k++) {
		int64_t y = y_of((int64_t)k * step, top);
		struct tally_buf lab = TALLY_BUF_INIT;
		tally_buf_printf(b, "<line x1=\"%d\" y1=\"%lld\" x2=\"%d\" "
		    "y2=\"%lld\" stroke=\"" C_GRID "\"/>\n", LEFT, (long long)y,
		    W - RIGHT, (long long)y);
		if (has_money) {
			put_hundredths(&lab, (int64_t)k * step);
			put_text(b, LEFT - 6, (int)y, "end", "central", C_TEXT,
			    tally_buf_cstr(&lab));
		}
		tally_buf_free(&lab);
	}
	if (has_money)
		put_text(b, 4, TOP - 14, "start", NULL, C_TEXT,
		    site_t(s, "chart.axis_money"));
	/* score axis */
	put_text(b, W - 4, TOP - 14, "end", NULL, C_TEXT,
	    site_t(s, "chart.axis_score"));
	for (k = 0; k <= 100; k += 50)
		tally_buf_printf(b, "<text x=\"%d\" y=\"%lld\" text-anchor=\"start\" "
		    "dominant-baseline=\"central\" fill=\"" C_TEXT "\">%d</text>\n",
		    W - RIGHT + 6, (long long)y_of(k, 100), k);

	/* bars and year labels */
	for (i = 0; i < n; i++) {
		int64_t gx = LEFT + (int64_t)i * gw, mid = gx + gw / 2;
		int64_t bw = gw * 3 / 10 > 40 ? 40 : gw * 3 / 10;
		char y[16];
		if (bw < 4)
			bw = 4;
		if (pts[i].has_budget) {
			int64_t yy = y_of(hundredths(pts[i].budget), top);
			tally_buf_printf(b, "<rect x=\"%lld\" y=\"%lld\" width=\"%lld\" "
			    "height=\"%lld\" fill=\"" C_BUDGET "\"/>\n",
			    (long long)(mid - bw - 2), (long long)yy, (long long)bw,
			    (long long)(TOP + PH - yy));
		}
		if (pts[i].has_executed) {
			int64_t yy = y_of(hundredths(pts[i].executed), top);
			tally_buf_printf(b, "<rect x=\"%lld\" y=\"%lld\" width=\"%lld\" "
			    "height=\"%lld\" fill=\"" C_EXEC "\"/>\n",
			    (long long)(mid + 2), (long long)yy, (long long)bw,
			    (long long)(TOP + PH - yy));
		}
		snprintf(y, sizeof(y), "%d", pts[i].year);
		put_text(b, (int)mid, H - BOTTOM + 6, "middle", "hanging", C_TEXT, y);
		if (pts[i].has_score)
			nscore++;
	}
	tally_buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"" C_TEXT "\"/>\n", LEFT, TOP + PH, W - RIGHT, TOP + PH);

	/* the score line */
	if (nscore > 1) {
		int first = 1;
		tally_buf_puts(b, "<polyline fill=\"none\" stroke=\"" C_SCORE
		    "\" stroke-width=\"2\" points=\"");
		for (i = 0; i < n; i++) {
			int64_t v;
			if (!pts[i].has_score)
				continue;
			v = hundredths(pts[i].score);
			if (v > 10000)
				v = 10000;
			tally_buf_printf(b, "%s%lld,%lld", first ? "" : " ",
			    (long long)(LEFT + (int64_t)i * gw + gw / 2),
			    (long long)y_of(v, 10000));
			first = 0;
		}
		tally_buf_puts(b, "\"/>\n");
	}
	for (i = 0; i < n; i++) {
		int64_t v;
		if (!pts[i].has_score)
			continue;
		v = hundredths(pts[i].score);
		if (v > 10000)
			v = 10000;
		tally_buf_printf(b, "<circle cx=\"%lld\" cy=\"%lld\" r=\"4\" "
		    "fill=\"" C_SCORE "\"/>\n",
		    (long long)(LEFT + (int64_t)i * gw + gw / 2),
		    (long long)y_of(v, 10000));
	}
	tally_buf_puts(b, "</svg>");
}
