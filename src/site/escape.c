/*
 * escape.c - the encoders every output of the site needs: URL path
 * segments, JSON strings, CSV fields, XML text; and numbers read from the
 * front matter for the data files and the chart.  Each output format has
 * one encoder, used everywhere, so that no value reaches a page, a feed or
 * a data file unescaped by oversight.
 *
 * Numbers stay exact decimals from the text that was written to the text
 * that is printed: money is converted to 万元 by shifting the decimal
 * point, never through a float.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char hex[] = "0123456789ABCDEF";

void
site_put_seg(struct tally_buf *b, const char *s)
{
	site_put_segn(b, s, strlen(s));
}

void
site_put_segn(struct tally_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	for (; p < end; p++) {
		unsigned char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
		    c == '~') {
			tally_buf_putc(b, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			tally_buf_put(b, e, 3);
		}
	}
}

void
site_put_json(struct tally_buf *b, const char *s)
{
	const char *run;

	if (s == NULL) {
		tally_buf_puts(b, "null");
		return;
	}
	tally_buf_putc(b, '"');
	/* Copy runs of plain bytes at once: most text needs no escape. */
	for (run = s; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		tally_buf_put(b, run, (size_t)(s - run));
		switch (c) {
		case '"': tally_buf_puts(b, "\\\""); break;
		case '\\': tally_buf_puts(b, "\\\\"); break;
		case '\n': tally_buf_puts(b, "\\n"); break;
		case '\t': tally_buf_puts(b, "\\t"); break;
		case '\r': tally_buf_puts(b, "\\r"); break;
		default: tally_buf_printf(b, "\\u%04x", c); break;
		}
		run = s + 1;
	}
	tally_buf_put(b, run, (size_t)(s - run));
	tally_buf_putc(b, '"');
}

void
site_put_csv(struct tally_buf *b, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		tally_buf_puts(b, s);
		return;
	}
	tally_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			tally_buf_putc(b, '"');
		tally_buf_putc(b, *s);
	}
	tally_buf_putc(b, '"');
}

void
site_put_csv_text(struct tally_buf *b, const char *s)
{
	if (s != NULL && (*s == '=' || *s == '+' || *s == '-' || *s == '@' ||
	    *s == '\t' || *s == '\r')) {
		char *t = xasprintf("'%s", s);
		site_put_csv(b, t);
		free(t);
		return;
	}
	site_put_csv(b, s);
}

void
site_put_xml(struct tally_buf *b, const char *s)
{
	if (s != NULL)
		tally_html_escape(b, s, strlen(s));
}

int
site_seg_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (s == NULL || *s == '\0' || strcmp(s, ".") == 0 ||
	    strcmp(s, "..") == 0)
		return 0;
	for (; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\')
			return 0;
	return 1;
}

int
site_date_ok(const char *s)
{
	int i, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

char *
site_dec_text(struct tally_arena *a, struct tally_dec d)
{
	char buf[TALLY_DEC_BUFSZ];

	return tally_arena_strdup(a, tally_dec_format(d, buf, sizeof(buf)));
}

int
site_money(struct tally_arena *a, const char *text, const char *money_unit,
    struct tally_dec *out)
{
	struct tally_quantity q;
	int shift;

	if (text == NULL || tally_quantity_parse(a, text, &q) < 0 || q.op != NULL)
		return -1;
	switch (q.unit) {
	case TALLY_Q_PLAIN:
		if (money_unit == NULL || strcmp(money_unit, "万元") == 0)
			shift = 0;
		else if (strcmp(money_unit, "元") == 0)
			shift = -4;
		else if (strcmp(money_unit, "亿元") == 0)
			shift = 4;
		else
			return -1;
		break;
	case TALLY_Q_YUAN:
		shift = -4;
		break;
	case TALLY_Q_WANYUAN:
		shift = 0;
		break;
	case TALLY_Q_YIYUAN:
		shift = 4;
		break;
	default:
		return -1;
	}
	if (shift == 0) {
		*out = q.value;
		return 0;
	}
	return tally_dec_shift(q.value, shift, out) == TALLY_DEC_OK ? 0 : -1;
}

int
site_percent(struct tally_arena *a, const char *text, struct tally_dec *out)
{
	struct tally_quantity q;

	if (text == NULL || tally_quantity_parse(a, text, &q) < 0 ||
	    q.op != NULL || q.unit != TALLY_Q_PERCENT)
		return -1;
	*out = q.value;
	return 0;
}

int
site_number(const char *text, struct tally_dec *out)
{
	if (text == NULL)
		return -1;
	return tally_dec_parse_str(text, out) == TALLY_DEC_OK ? 0 : -1;
}
