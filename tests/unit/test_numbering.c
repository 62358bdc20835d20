/*
 * test_numbering.c - reading the numbering at the start of headings and
 * paragraphs (一、 （一） 1. （1） ⑴ ① a.), refusing the numerals of
 * ordinary prose (一是, 1.5万元, 2017年), and writing numbering back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/model.h"

/* Parses s and checks style, value and the text left after the
 * numbering (which is what a title is made of). */
static void
check(const char *s, enum tally_numstyle style, int value, const char *rest)
{
	struct tally_numbering num;
	size_t n = strlen(s), used;

	used = tally_numbering_parse(s, n, &num);
	if (num.style != style || num.value != value)
		print_error("%s: got %s %d\n", s, tally_numstyle_name(num.style),
		    num.value);
	assert_int_equal(num.style, style);
	assert_int_equal(num.value, value);
	assert_int_equal(used, num.len);
	assert_string_equal(s + used, rest);
}

static void
none(const char *s)
{
	struct tally_numbering num;

	num.style = TALLY_NUM_CN;
	num.value = 7;
	num.len = 3;
	if (tally_numbering_parse(s, strlen(s), &num) != 0)
		print_error("%s: read as %s %d\n", s,
		    tally_numstyle_name(num.style), num.value);
	assert_int_equal(tally_numbering_parse(s, strlen(s), &num), 0);
	assert_int_equal(num.style, TALLY_NUM_NONE);
	assert_int_equal(num.value, 0);
	assert_int_equal(num.len, 0);
}

static void
test_cn(void **state)
{
	(void)state;
	check("一、摘要", TALLY_NUM_CN, 1, "摘要");
	check("一、 摘要", TALLY_NUM_CN, 1, "摘要");
	check("一、\xE3\x80\x80摘要", TALLY_NUM_CN, 1, "摘要");
	check("一 、摘要", TALLY_NUM_CN, 1, "摘要");
	check("二．概况", TALLY_NUM_CN, 2, "概况");
	check("三.绩效", TALLY_NUM_CN, 3, "绩效");
	check("四. 问题", TALLY_NUM_CN, 4, "问题");
	check("九、x", TALLY_NUM_CN, 9, "x");
	check("十、其他", TALLY_NUM_CN, 10, "其他");
	check("十一、a", TALLY_NUM_CN, 11, "a");
	check("十九、a", TALLY_NUM_CN, 19, "a");
	check("二十、a", TALLY_NUM_CN, 20, "a");
	check("二十一、a", TALLY_NUM_CN, 21, "a");
	check("三十五、a", TALLY_NUM_CN, 35, "a");
	check("九十九、a", TALLY_NUM_CN, 99, "a");
	check("五、", TALLY_NUM_CN, 5, "");
	/* Indentation with ideographic spaces belongs to the numbering. */
	check("\xE3\x80\x80\xE3\x80\x80六、内容", TALLY_NUM_CN, 6, "内容");
}

static void
test_cn_paren(void **state)
{
	(void)state;
	check("（一）机构设置、编制", TALLY_NUM_CN_PAREN, 1, "机构设置、编制");
	check("(一)部门机构设置", TALLY_NUM_CN_PAREN, 1, "部门机构设置");
	check("（二) 混合", TALLY_NUM_CN_PAREN, 2, "混合");
	check("(三）混合", TALLY_NUM_CN_PAREN, 3, "混合");
	check("（十二）职责", TALLY_NUM_CN_PAREN, 12, "职责");
	check("（二十）x", TALLY_NUM_CN_PAREN, 20, "x");
	check("（ 四 ）x", TALLY_NUM_CN_PAREN, 4, "x");
	check("（五）、x", TALLY_NUM_CN_PAREN, 5, "x");
	check("（六）\xE3\x80\x80x", TALLY_NUM_CN_PAREN, 6, "x");
}

static void
test_arabic(void **state)
{
	(void)state;
	check("1.评价结果", TALLY_NUM_ARABIC, 1, "评价结果");
	check("1. 评价结果", TALLY_NUM_ARABIC, 1, "评价结果");
	check("2、预算", TALLY_NUM_ARABIC, 2, "预算");
	check("3．决算", TALLY_NUM_ARABIC, 3, "决算");
	check("4 、x", TALLY_NUM_ARABIC, 4, "x");
	check("12.x", TALLY_NUM_ARABIC, 12, "x");
	check("20、x", TALLY_NUM_ARABIC, 20, "x");
	check("１２．全角", TALLY_NUM_ARABIC, 12, "全角");
	check("1.根据《文件》", TALLY_NUM_ARABIC, 1, "根据《文件》");
	/* An item that begins with a year, as the reports write it. */
	check("2.2019年6月20日，根据", TALLY_NUM_ARABIC, 2, "2019年6月20日，根据");
	check("2.2023年“三公经费”", TALLY_NUM_ARABIC, 2, "2023年“三公经费”");
	/* After 、 a digit is no decimal. */
	check("3、2023年", TALLY_NUM_ARABIC, 3, "2023年");
}

static void
test_arabic_paren(void **state)
{
	(void)state;
	check("（1）预算执行", TALLY_NUM_ARABIC_PAREN, 1, "预算执行");
	check("(2)预算执行", TALLY_NUM_ARABIC_PAREN, 2, "预算执行");
	check("(3) x", TALLY_NUM_ARABIC_PAREN, 3, "x");
	check("（14）x", TALLY_NUM_ARABIC_PAREN, 14, "x");
	check("（１）全角", TALLY_NUM_ARABIC_PAREN, 1, "全角");
}

static void
test_enclosed(void **state)
{
	(void)state;
	check("⑴贯彻执行", TALLY_NUM_PAREN_DIGIT, 1, "贯彻执行");
	check("⑵ 负责", TALLY_NUM_PAREN_DIGIT, 2, "负责");
	check("⒇x", TALLY_NUM_PAREN_DIGIT, 20, "x");
	check("①第一", TALLY_NUM_CIRCLED, 1, "第一");
	check("③、第三", TALLY_NUM_CIRCLED, 3, "第三");
	check("⑳ x", TALLY_NUM_CIRCLED, 20, "x");
	check("㉑x", TALLY_NUM_CIRCLED, 21, "x");
	check("㊿x", TALLY_NUM_CIRCLED, 50, "x");
}

static void
test_latin(void **state)
{
	(void)state;
	check("a. 因公出国（境）费0支出", TALLY_NUM_LATIN, 1, "因公出国（境）费0支出");
	check("b、公务用车", TALLY_NUM_LATIN, 2, "公务用车");
	check("C、公务接待", TALLY_NUM_LATIN, 3, "公务接待");
	check("d．x", TALLY_NUM_LATIN, 4, "x");
	check("z. x", TALLY_NUM_LATIN, 26, "x");
	check("z.中文", TALLY_NUM_LATIN, 26, "中文");
}

static void
test_not_numbering(void **state)
{
	(void)state;
	none("");
	none("一是加强预算管理");
	none("一方面");
	none("十分重要");
	none("一般公共预算");
	none("十一五规划");
	none("一二、");
	none("1.5万元");
	none("1．5万元");
	none("1 .5");
	none("2017年");
	none("2023、2024年");  /* four digits: a year, not an item */
	none("0.98");
	none("0、");
	none("区网格化指挥中心");
	none("（万元）");
	none("(1分)");
	none("（一");
	none("(2023)");
	none("e.g. 例如");
	none("a.b");
	none("A股");
	none("abc.");
	none("\xE3\x80\x80\xE3\x80\x80正文");
	none("\xFF\xFE invalid");
	none("\xE4\xB8");   /* a truncated 一 */
	none("\xE2\x91");   /* a truncated ① */
	none("（");
}

static void
test_length_bounded(void **state)
{
	struct tally_numbering num;

	(void)state;
	/* Only n bytes are read: "一、" cut before its separator is not
	 * numbering, "12." cut after the 1 is a 1 without separator. */
	assert_int_equal(tally_numbering_parse("一、", 3, &num), 0);
	assert_int_equal(tally_numbering_parse("12.", 1, &num), 0);
	assert_int_equal(tally_numbering_parse("1.5", 2, &num), 2);
	assert_int_equal(num.style, TALLY_NUM_ARABIC);
	assert_int_equal(tally_numbering_parse(NULL, 0, &num), 0);
	assert_int_equal(num.style, TALLY_NUM_NONE);
}

/* Formats style/value; when back is set, checks that what is written
 * reads back as the same numbering. */
static void
fmt(enum tally_numstyle style, int value, const char *want, int back)
{
	char buf[32];
	struct tally_numbering num;

	assert_string_equal(tally_numbering_format(style, value, buf,
	    sizeof(buf)), want);
	if (back) {
		assert_int_equal(tally_numbering_parse(buf, strlen(buf), &num),
		    strlen(buf));
		assert_int_equal(num.style, style);
		assert_int_equal(num.value, value);
	}
}

static void
test_format(void **state)
{
	(void)state;
	fmt(TALLY_NUM_CN, 3, "三、", 1);
	fmt(TALLY_NUM_CN, 10, "十、", 1);
	fmt(TALLY_NUM_CN, 14, "十四、", 1);
	fmt(TALLY_NUM_CN, 20, "二十、", 1);
	fmt(TALLY_NUM_CN, 99, "九十九、", 1);
	fmt(TALLY_NUM_CN_PAREN, 3, "（三）", 1);
	fmt(TALLY_NUM_CN_PAREN, 21, "（二十一）", 1);
	fmt(TALLY_NUM_ARABIC, 3, "3.", 1);
	fmt(TALLY_NUM_ARABIC, 117, "117.", 1);
	fmt(TALLY_NUM_ARABIC_PAREN, 3, "（3）", 1);
	fmt(TALLY_NUM_PAREN_DIGIT, 3, "⑶", 1);
	fmt(TALLY_NUM_PAREN_DIGIT, 20, "⒇", 1);
	fmt(TALLY_NUM_CIRCLED, 3, "③", 1);
	fmt(TALLY_NUM_CIRCLED, 36, "㊱", 1);
	fmt(TALLY_NUM_LATIN, 3, "c.", 1);
	fmt(TALLY_NUM_LATIN, 26, "z.", 1);
	fmt(TALLY_NUM_NONE, 3, "", 0);
	/* Beyond what the style can write: the number, still readable. */
	fmt(TALLY_NUM_PAREN_DIGIT, 21, "(21)", 0);
	fmt(TALLY_NUM_CN, 100, "100、", 0);
}

static void
test_format_round_trip(void **state)
{
	static const enum tally_numstyle styles[] = {
		TALLY_NUM_CN, TALLY_NUM_CN_PAREN, TALLY_NUM_ARABIC,
		TALLY_NUM_ARABIC_PAREN, TALLY_NUM_PAREN_DIGIT, TALLY_NUM_CIRCLED,
		TALLY_NUM_LATIN,
	};
	char buf[32], line[64];
	struct tally_numbering num;
	size_t i;
	int v, max;

	(void)state;
	for (i = 0; i < sizeof(styles) / sizeof(styles[0]); i++) {
		max = styles[i] == TALLY_NUM_LATIN ? 26 :
		    styles[i] == TALLY_NUM_PAREN_DIGIT ? 20 :
		    styles[i] == TALLY_NUM_CIRCLED ? 50 : 99;
		for (v = 1; v <= max; v++) {
			tally_numbering_format(styles[i], v, buf, sizeof(buf));
			snprintf(line, sizeof(line), "%s标题", buf);
			tally_numbering_parse(line, strlen(line), &num);
			assert_int_equal(num.style, styles[i]);
			assert_int_equal(num.value, v);
			assert_string_equal(line + num.len, "标题");
		}
	}
}

static void
test_format_small_buffer(void **state)
{
	char buf[5];

	(void)state;
	/* "（三）" is 9 bytes: cut at a character boundary, NUL-terminated. */
	assert_string_equal(tally_numbering_format(TALLY_NUM_CN_PAREN, 3, buf,
	    sizeof(buf)), "（");
	assert_string_equal(tally_numbering_format(TALLY_NUM_ARABIC, 7, buf,
	    sizeof(buf)), "7.");
}

static void
test_style_names(void **state)
{
	(void)state;
	assert_string_equal(tally_numstyle_name(TALLY_NUM_NONE), "none");
	assert_string_equal(tally_numstyle_name(TALLY_NUM_CN), "cn");
	assert_string_equal(tally_numstyle_name(TALLY_NUM_CN_PAREN), "cn-paren");
	assert_string_equal(tally_numstyle_name(TALLY_NUM_ARABIC), "arabic");
	assert_string_equal(tally_numstyle_name(TALLY_NUM_ARABIC_PAREN),
	    "arabic-paren");
	assert_string_equal(tally_numstyle_name(TALLY_NUM_PAREN_DIGIT),
	    "paren-digit");
	assert_string_equal(tally_numstyle_name(TALLY_NUM_CIRCLED), "circled");
	assert_string_equal(tally_numstyle_name(TALLY_NUM_LATIN), "latin");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cn),
		cmocka_unit_test(test_cn_paren),
		cmocka_unit_test(test_arabic),
		cmocka_unit_test(test_arabic_paren),
		cmocka_unit_test(test_enclosed),
		cmocka_unit_test(test_latin),
		cmocka_unit_test(test_not_numbering),
		cmocka_unit_test(test_length_bounded),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_format_small_buffer),
		cmocka_unit_test(test_style_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
