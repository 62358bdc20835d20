/*
 * frontmatter.c - splits a report into YAML front matter and Markdown body.
 *
 * The text is first normalized (BOM dropped, CRLF and lone CR to LF) so
 * that every later stage sees one line-end convention and line numbers stay
 * those of the file.  Front matter is the block between a first line "---"
 * and the next "---" (or "...") line; anything after that, including further
 * "---" lines (thematic breaks), is body.
 */
#include <string.h>

#include "model.h"

size_t
tally_text_normalize(char *src, size_t len)
{
	size_t i = 0, o = 0;
	const char *cr;

	if (len >= 3 && (unsigned char)src[0] == 0xEF &&
	    (unsigned char)src[1] == 0xBB && (unsigned char)src[2] == 0xBF)
		i = 3;
	/* Most files have no CR: then only a BOM, if any, moves the text. */
	cr = memchr(src + i, '\r', len - i);
	if (cr == NULL) {
		if (i > 0) {
			memmove(src, src + i, len - i);
			src[len - i] = '\0';
		}
		return len - i;
	}
	if (i == 0)
		i = o = (size_t)(cr - src);
	for (; i < len; i++) {
		if (src[i] == '\r') {
			src[o++] = '\n';
			if (i + 1 < len && src[i + 1] == '\n')
				i++;
		} else {
			src[o++] = src[i];
		}
	}
	if (o < len)
		src[o] = '\0';
	return o;
}

/* 1 when the line at s (up to the next '\n' or end) is three times ch
 * ("---" or "..."), allowing trailing spaces and tabs. */
static int
is_delim_line(const char *s, const char *end, char ch)
{
	if (end - s < 3 || s[0] != ch || s[1] != ch || s[2] != ch)
		return 0;
	for (s += 3; s < end && *s != '\n'; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

static const char *
next_line(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	return nl ? nl + 1 : end;
}

void
tally_frontmatter_split(const char *src, size_t len, struct tally_split *out)
{
	const char *end = src + len, *p, *yaml;
	uint32_t line;

	memset(out, 0, sizeof(*out));
	out->body = src;
	out->body_len = len;
	out->body_line = 1;
	if (len == 0 || !is_delim_line(src, end, '-'))
		return;

	out->has_front = 1;
	yaml = next_line(src, end);
	line = 2;
	for (p = yaml; p < end; p = next_line(p, end), line++) {
		/* most lines start with neither */
		if (*p != '-' && *p != '.')
			continue;
		if (is_delim_line(p, end, *p)) {
			out->yaml = yaml;
			out->yaml_len = (size_t)(p - yaml);
			out->yaml_line = 2;
			out->body = next_line(p, end);
			out->body_len = (size_t)(end - out->body);
			out->body_line = line + 1;
			return;
		}
	}
	/* No closing line: the YAML runs to the end and there is no body. */
	out->unterminated = 1;
	out->yaml = yaml;
	out->yaml_len = (size_t)(end - yaml);
	out->yaml_line = 2;
	out->body = end;
	out->body_len = 0;
	out->body_line = line;
}
