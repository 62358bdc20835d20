/*
 * test_rules.c - the rule table (src/diag/rules.c): its order, which
 * tally_rule_find's binary search relies on; that every row is complete
 * and its explain texts have the four parts `tally explain` promises,
 * wrapped for a terminal; the look-up; the default severities DESIGN.md
 * gives; and the severity names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "diag/diag.h"

static const char family_order[] = "FMSATPXNLD";

static int
rank(char family)
{
	const char *p = family != '\0' ? strchr(family_order, family) : NULL;

	return p ? (int)(p - family_order) : -1;
}

/* Display width of a UTF-8 line: East Asian wide and fullwidth characters
 * count two columns, everything else one. */
static size_t
display_width(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t w = 0;

	while (p < end) {
		uint32_t c;
		int len;

		if (*p < 0x80) {
			c = *p;
			len = 1;
		} else if ((*p & 0xE0) == 0xC0) {
			c = *p & 0x1F;
			len = 2;
		} else if ((*p & 0xF0) == 0xE0) {
			c = *p & 0x0F;
			len = 3;
		} else {
			c = *p & 0x07;
			len = 4;
		}
		for (int i = 1; i < len && p + i < end; i++)
			c = (c << 6) | (p[i] & 0x3F);
		p += len;
		if ((c >= 0x1100 && c <= 0x115F) ||
		    (c >= 0x2E80 && c <= 0x303E) ||
		    (c >= 0x3041 && c <= 0xA4CF) ||
		    (c >= 0xAC00 && c <= 0xD7A3) ||
		    (c >= 0xF900 && c <= 0xFAFF) ||
		    (c >= 0xFE30 && c <= 0xFE4F) ||
		    (c >= 0xFF00 && c <= 0xFF60) ||
		    (c >= 0xFFE0 && c <= 0xFFE6) ||
		    (c >= 0x20000 && c <= 0x3FFFD))
			w += 2;
		else
			w += 1;
	}
	return w;
}

static void
test_ids_unique_and_sorted(void **state)
{
	(void)state;
	assert_true(tally_nrules > 0);
	for (size_t i = 0; i < tally_nrules; i++) {
		const struct tally_rule_info *r = &tally_rules[i];

		assert_non_null(r->id);
		assert_int_equal(strlen(r->id), 4);
		assert_int_equal(r->id[0], r->family);
		assert_true(rank(r->family) >= 0);
		for (int k = 1; k < 4; k++)
			assert_true(r->id[k] >= '0' && r->id[k] <= '9');
		if (i == 0)
			continue;
		const struct tally_rule_info *p = &tally_rules[i - 1];
		int rp = rank(p->family), rr = rank(r->family);

		if (rp == rr) {
			if (strcmp(p->id, r->id) >= 0)
				fail_msg("%s is not after %s", r->id, p->id);
		} else if (rp > rr) {
			fail_msg("family of %s is before %s's", r->id, p->id);
		}
	}
	for (size_t i = 0; i < tally_nrules; i++)
		for (size_t j = i + 1; j < tally_nrules; j++)
			if (strcmp(tally_rules[i].id, tally_rules[j].id) == 0)
				fail_msg("duplicate id %s", tally_rules[i].id);
}

static void
test_design_ids_present(void **state)
{
	static const char *const ids[] = {
		"F001", "F002", "F003", "M001", "M002", "M003", "M004",
		"S001", "S002", "S003", "S004", "S006",
		"A001", "A002", "A003", "A004", "A005", "A006", "A007",
		"A008", "A009", "A010", "A011", "A012",
		"T001", "T002", "T003",
		"P001", "P002", "P003", "P004", "P005",
		"X001", "X002", "N001", "L001", "D001", "D002",
	};
	size_t n = sizeof(ids) / sizeof(ids[0]);

	(void)state;
	assert_int_equal(tally_nrules, n);
	for (size_t i = 0; i < n; i++)
		if (tally_rule_find(ids[i]) == NULL)
			fail_msg("rule %s missing", ids[i]);
}

static void
test_rows_complete(void **state)
{
	(void)state;
	for (size_t i = 0; i < tally_nrules; i++) {
		const struct tally_rule_info *r = &tally_rules[i];
		const char *s[] = {r->id, r->title_zh, r->title_en,
		    r->explain_zh, r->explain_en};

		for (size_t k = 0; k < sizeof(s) / sizeof(s[0]); k++)
			if (s[k] == NULL || s[k][0] == '\0')
				fail_msg("%s: empty string %zu", r->id, k);
		assert_true(r->family != '\0');
		assert_true(r->severity == TALLY_SEV_ERROR ||
		    r->severity == TALLY_SEV_WARNING);
	}
}

/* The four headings each on a line of their own, in order, each followed
 * by one to four indented lines; the text ends with one newline and no
 * line is wider than 76 columns. */
static void
check_explain(const char *id, const char *text, const char *const heads[4])
{
	const char *p = text;
	size_t h = 0, body = 0;
	int seen_head = 0;

	assert_true(strlen(text) > 0);
	if (text[strlen(text) - 1] != '\n')
		fail_msg("%s: explain text does not end with a newline", id);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		if (display_width(p, n) > 76)
			fail_msg("%s: line wider than 76 columns: %.*s", id,
			    (int)n, p);
		if (n == 0) {
			/* a blank line ends a part */
		} else if (p[0] != ' ') {
			if (h >= 4 || n != strlen(heads[h]) ||
			    memcmp(p, heads[h], n) != 0)
				fail_msg("%s: unexpected heading line: %.*s", id,
				    (int)n, p);
			if (seen_head && (body < 1 || body > 4))
				fail_msg("%s: part %s has %zu lines", id,
				    heads[h - 1], body);
			h++;
			body = 0;
			seen_head = 1;
		} else {
			if (!seen_head)
				fail_msg("%s: text before the first heading", id);
			body++;
		}
		p += n + (nl != NULL);
	}
	if (h != 4)
		fail_msg("%s: %zu headings, expected 4", id, h);
	if (body < 1 || body > 4)
		fail_msg("%s: part %s has %zu lines", id, heads[3], body);
}

static void
test_explain_parts(void **state)
{
	static const char *const zh[4] = {
		"检查内容", "为何重要", "错误示例", "如何修正",
	};
	static const char *const en[4] = {
		"What it checks", "Why it matters", "Example that fails",
		"How to fix",
	};

	(void)state;
	for (size_t i = 0; i < tally_nrules; i++) {
		const struct tally_rule_info *r = &tally_rules[i];

		for (int k = 0; k < 4; k++) {
			assert_non_null(strstr(r->explain_zh, zh[k]));
			assert_non_null(strstr(r->explain_en, en[k]));
		}
		check_explain(r->id, r->explain_zh, zh);
		check_explain(r->id, r->explain_en, en);
	}
}

static void
test_find(void **state)
{
	(void)state;
	for (size_t i = 0; i < tally_nrules; i++)
		assert_ptr_equal(tally_rule_find(tally_rules[i].id),
		    &tally_rules[i]);
	assert_null(tally_rule_find("Z999"));
	assert_null(tally_rule_find("A999"));
	assert_null(tally_rule_find("A00"));
	assert_null(tally_rule_find("A0021"));
	assert_null(tally_rule_find("a002"));
	assert_null(tally_rule_find("S005"));
	assert_null(tally_rule_find(""));
	assert_null(tally_rule_find(NULL));
}

static void
test_severities(void **state)
{
	static const struct {
		const char *id;
		enum tally_severity sev;
	} want[] = {
		{"F001", TALLY_SEV_ERROR}, {"F003", TALLY_SEV_WARNING},
		{"M003", TALLY_SEV_WARNING}, {"M004", TALLY_SEV_ERROR},
		{"S001", TALLY_SEV_ERROR}, {"S003", TALLY_SEV_WARNING},
		{"A002", TALLY_SEV_ERROR}, {"A009", TALLY_SEV_WARNING},
		{"A011", TALLY_SEV_WARNING}, {"A012", TALLY_SEV_ERROR},
		{"T003", TALLY_SEV_WARNING}, {"P001", TALLY_SEV_WARNING},
		{"X001", TALLY_SEV_WARNING}, {"N001", TALLY_SEV_ERROR},
		{"L001", TALLY_SEV_ERROR}, {"D001", TALLY_SEV_WARNING},
		{"D002", TALLY_SEV_WARNING},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct tally_rule_info *r = tally_rule_find(want[i].id);

		assert_non_null(r);
		if (r->severity != want[i].sev)
			fail_msg("%s: severity %s, DESIGN says %s", r->id,
			    tally_severity_name(r->severity),
			    tally_severity_name(want[i].sev));
	}
}

static void
test_severity_names(void **state)
{
	static const enum tally_severity all[] = {
		TALLY_SEV_OFF, TALLY_SEV_NOTE, TALLY_SEV_WARNING,
		TALLY_SEV_ERROR,
	};

	(void)state;
	assert_string_equal(tally_severity_name(TALLY_SEV_ERROR), "error");
	assert_string_equal(tally_severity_name(TALLY_SEV_WARNING), "warning");
	assert_string_equal(tally_severity_name(TALLY_SEV_NOTE), "note");
	assert_string_equal(tally_severity_name(TALLY_SEV_OFF), "off");
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		assert_int_equal(
		    tally_severity_parse(tally_severity_name(all[i])), all[i]);
	assert_int_equal(tally_severity_parse("fatal"), -1);
	assert_int_equal(tally_severity_parse(""), -1);
	assert_int_equal(tally_severity_parse("errors"), -1);
	assert_int_equal(tally_severity_parse(NULL), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_unique_and_sorted),
		cmocka_unit_test(test_design_ids_present),
		cmocka_unit_test(test_rows_complete),
		cmocka_unit_test(test_explain_parts),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_severities),
		cmocka_unit_test(test_severity_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
