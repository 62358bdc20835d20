/*
 * test_frontmatter.c - splitting a report into front matter and body, and
 * the normalization that comes first (BOM, CRLF, lone CR).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/model.h"

static void
split_str(const char *s, struct tally_split *sp, char *buf, size_t cap)
{
	size_t n = strlen(s);
	assert_true(n < cap);
	memcpy(buf, s, n + 1);
	n = tally_text_normalize(buf, n);
	tally_frontmatter_split(buf, n, sp);
}

static void
test_basic(void **state)
{
	char buf[256];
	struct tally_split sp;

	(void)state;
	split_str("---\ntype: project\nyear: 2023\n---\n## 一、摘要\n", &sp, buf,
	    sizeof(buf));
	assert_int_equal(sp.has_front, 1);
	assert_int_equal(sp.unterminated, 0);
	assert_int_equal(sp.yaml_line, 2);
	assert_int_equal(sp.yaml_len, strlen("type: project\nyear: 2023\n"));
	assert_memory_equal(sp.yaml, "type: project\n", 14);
	assert_int_equal(sp.body_line, 5);
	assert_string_equal(sp.body, "## 一、摘要\n");
}

static void
test_no_front_matter(void **state)
{
	char buf[256];
	struct tally_split sp;

	(void)state;
	split_str("## 一、摘要\n正文\n", &sp, buf, sizeof(buf));
	assert_int_equal(sp.has_front, 0);
	assert_int_equal(sp.body_line, 1);
	assert_int_equal(sp.body_len, strlen("## 一、摘要\n正文\n"));
}

static void
test_empty_file(void **state)
{
	char buf[8];
	struct tally_split sp;

	(void)state;
	split_str("", &sp, buf, sizeof(buf));
	assert_int_equal(sp.has_front, 0);
	assert_int_equal(sp.body_len, 0);
	assert_int_equal(sp.body_line, 1);
}

static void
test_crlf_and_bom(void **state)
{
	char buf[256];
	struct tally_split sp;

	(void)state;
	split_str("\xEF\xBB\xBF---\r\ntitle: 报告\r\n---\r\n正文\r\n第二行\r", &sp,
	    buf, sizeof(buf));
	assert_int_equal(sp.has_front, 1);
	assert_int_equal(sp.yaml_len, strlen("title: 报告\n"));
	assert_memory_equal(sp.yaml, "title: 报告\n", sp.yaml_len);
	assert_int_equal(sp.body_line, 4);
	assert_string_equal(sp.body, "正文\n第二行\n");
	assert_null(strchr(buf, '\r'));
}

static void
test_dashes_in_body(void **state)
{
	char buf[256];
	struct tally_split sp;

	(void)state;
	split_str("---\na: 1\n---\n正文\n\n---\n\n后文\n---\n", &sp, buf, sizeof(buf));
	assert_int_equal(sp.has_front, 1);
	assert_int_equal(sp.yaml_len, 5);
	assert_int_equal(sp.body_line, 4);
	assert_string_equal(sp.body, "正文\n\n---\n\n后文\n---\n");
}

static void
test_unterminated(void **state)
{
	char buf[256];
	struct tally_split sp;

	(void)state;
	split_str("---\na: 1\nb: 2\n", &sp, buf, sizeof(buf));
	assert_int_equal(sp.has_front, 1);
	assert_int_equal(sp.unterminated, 1);
	assert_int_equal(sp.body_len, 0);
}

static void
test_dots_close_and_trailing_space(void **state)
{
	char buf[256];
	struct tally_split sp;

	(void)state;
	split_str("---  \na: 1\n...\nbody\n", &sp, buf, sizeof(buf));
	assert_int_equal(sp.has_front, 1);
	assert_int_equal(sp.unterminated, 0);
	assert_string_equal(sp.body, "body\n");
	/* "----" is not a delimiter: no front matter */
	split_str("----\na: 1\n---\n", &sp, buf, sizeof(buf));
	assert_int_equal(sp.has_front, 0);
}

static void
test_empty_front_matter(void **state)
{
	char buf[64];
	struct tally_split sp;

	(void)state;
	split_str("---\n---\nbody", &sp, buf, sizeof(buf));
	assert_int_equal(sp.has_front, 1);
	assert_int_equal(sp.yaml_len, 0);
	assert_string_equal(sp.body, "body");
	assert_int_equal(sp.body_line, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_no_front_matter),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_crlf_and_bom),
		cmocka_unit_test(test_dashes_in_body),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_dots_close_and_trailing_space),
		cmocka_unit_test(test_empty_front_matter),
	};
	return cmocka_run_group_tests_name("frontmatter", tests, NULL, NULL);
}
