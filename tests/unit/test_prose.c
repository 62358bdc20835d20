/*
 * test_prose.c - unit tests of the reader of numbers in Chinese text
 * (src/model/prose.c).  The sentences come from the sample reports
 * (shared/seeds, content/): what each number is worth, its unit, the
 * words that label it, the direction word that governs it and where it
 * is, and the numbers that are not amounts at all (years, dates, document
 * numbers, hotlines, slogans).  The last tests feed it broken and hostile
 * text and check that every offset it returns stays inside the text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/model.h"

static int
setup(void **state)
{
	struct tally_arena *a = test_calloc(1, sizeof *a);

	*state = a;
	return a == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	tally_arena_free(*state);
	test_free(*state);
	return 0;
}

static const struct tally_prose *
scan_n(void **state, const char *text, size_t len)
{
	struct tally_prose *p = NULL;

	assert_int_equal(tally_prose_scan(*state, text, len, &p), 0);
	assert_non_null(p);
	/* a text said to hold no number holds none */
	if (!tally_prose_may_have_numbers(text, len))
		assert_int_equal(p->nnums, 0);
	/* a text said to hold no figure holds quantities in Chinese
	 * numerals only */
	{
		struct tally_numbering num;
		memset(&num, 0, sizeof(num));
		if (text != NULL)
			tally_numbering_parse(text, len, &num);
		if (!tally_prose_may_have_figures_num(text, len, &num))
			for (size_t k = 0; k < p->nnums; k++)
				if (p->nums[k].kind == TALLY_PNUM_QUANTITY)
					assert_true(p->nums[k].flags &
					    TALLY_PNUM_CN);
	}
	return p;
}

static const struct tally_prose *
scan(void **state, const char *text)
{
	return scan_n(state, text, strlen(text));
}

/* The i-th number of the given kind. */
static const struct tally_prose_num *
nth(const struct tally_prose *p, enum tally_pnum_kind kind, size_t i)
{
	size_t k;

	for (k = 0; k < p->nnums; k++)
		if (p->nums[k].kind == kind && i-- == 0)
			return &p->nums[k];
	fail_msg("no %s number %zu", tally_pnum_kind_name(kind), i);
	return NULL;
}

static const struct tally_prose_num *
q(const struct tally_prose *p, size_t i)
{
	return nth(p, TALLY_PNUM_QUANTITY, i);
}

static size_t
count(const struct tally_prose *p, enum tally_pnum_kind kind)
{
	size_t k, n = 0;

	for (k = 0; k < p->nnums; k++)
		n += p->nums[k].kind == kind;
	return n;
}

static void
assert_span(const struct tally_prose *p, size_t off, size_t len,
            const char *want)
{
	assert_true(off + len <= p->len);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(p->text + off, want, len);
}

/* Checks a quantity: its token, value as written, canonical unit, label
 * and key; NULL skips a check. */
static void
check(const struct tally_prose *p, const struct tally_prose_num *x,
      const char *token, const char *value, const char *unit, const char *label,
      const char *key)
{
	char buf[TALLY_DEC_BUFSZ];

	assert_non_null(x);
	if (token != NULL)
		assert_span(p, x->off, x->len, token);
	if (value != NULL)
		assert_string_equal(tally_dec_format(x->value, buf, sizeof buf),
		                    value);
	if (unit != NULL)
		assert_string_equal(x->unit_text, unit);
	if (label != NULL)
		assert_span(p, x->label_off, x->label_len, label);
	if (key != NULL)
		assert_string_equal(x->key, key);
}

/* ---------------------------------------------------------------------
 * The seeds' sentences
 * ------------------------------------------------------------------- */

static void
test_cases_and_rate(void **state)
{
	const char *text = "2023年，盘龙区共计立案市、区级案件510966件，结案"
	                   "510829件，结案率达99.97%。";
	const struct tally_prose *p = scan(state, text);
	const struct tally_prose_num *y;

	/* 2023年 is a year, not one of the three amounts. */
	assert_int_equal(p->nnums, 4);
	assert_int_equal(count(p, TALLY_PNUM_QUANTITY), 3);
	y = &p->nums[0];
	assert_int_equal(y->kind, TALLY_PNUM_YEAR);
	assert_int_equal(y->year, 2023);
	assert_int_equal(y->month, 0);
	assert_span(p, y->off, y->len, "2023年");

	check(p, q(p, 0), "510966件", "510966", "件", "立案市、区级案件",
	      "立案市、区级案件");
	check(p, q(p, 1), "510829件", "510829", "件", "结案", "结案");
	check(p, q(p, 2), "99.97%", "99.97", "%", "结案率达", "结案率");
	/* Byte offsets into the text, for tally_block_pos. */
	assert_int_equal(q(p, 0)->off,
	                 strlen("2023年，盘龙区共计立案市、区级案件"));
	assert_int_equal(q(p, 0)->len, strlen("510966件"));
	assert_int_equal(q(p, 0)->label_off, strlen("2023年，盘龙区共计"));
	assert_int_equal(
	    q(p, 2)->off,
	    strlen("2023年，盘龙区共计立案市、区级案件510966件，结案510829件，"
	           "结案率达"));
	assert_int_equal(q(p, 2)->len, 6);
	assert_int_equal(q(p, 0)->unit, TALLY_Q_OTHER);
	assert_int_equal(q(p, 2)->unit, TALLY_Q_PERCENT);
	assert_int_equal(q(p, 2)->value.coef, 9997);
	assert_int_equal(q(p, 2)->value.scale, 2);
	assert_true(q(p, 2)->flags & TALLY_PNUM_RATE);
	assert_false(q(p, 0)->flags & TALLY_PNUM_RATE);
	assert_int_equal(q(p, 0)->direction, 0);
	assert_null(q(p, 2)->op);
	assert_false(q(p, 2)->flags & TALLY_PNUM_APPROX);

	/* One sentence, four clauses; the 、 in the label splits nothing. */
	assert_int_equal(p->nsentences, 1);
	assert_span(p, p->sentences[0].off, p->sentences[0].len, text);
	assert_int_equal(p->sentences[0].nnums, 4);
	assert_int_equal(p->nclauses, 4);
	assert_span(p, p->clauses[1].off, p->clauses[1].len,
	            "盘龙区共计立案市、区级案件510966件");
	assert_span(p, p->clauses[3].off, p->clauses[3].len, "结案率达99.97%");
	assert_int_equal(q(p, 0)->clause, 1);
	assert_int_equal(q(p, 2)->clause, 3);
	assert_int_equal(q(p, 2)->sentence, 0);
	assert_int_equal(p->clauses[1].first_num, 1);
	assert_int_equal(p->clauses[1].nnums, 1);
}

static void
test_three_public_items(void **state)
{
	const char *text =
	    "2.2023年“三公经费”年初预算0.94万元，决算支出共 0.86万元，"
	    "较预算减少0.08万元，完成预算的91.49%，主要原因为精简了"
	    "不必要的公务接待活动。";
	const struct tally_prose *p = scan(state, text);
	const struct tally_prose_num *x;

	/* The item number "2." is skipped; 三公 is no count. */
	assert_int_equal(p->nums[0].kind, TALLY_PNUM_YEAR);
	assert_int_equal(p->nnums, 5);
	check(p, q(p, 0), "0.94万元", "0.94", "万元", "“三公经费”年初预算",
	      "“三公经费”年初预算");
	check(p, q(p, 1), "0.86万元", "0.86", "万元", "决算支出共", "决算支出");
	x = q(p, 2);
	check(p, x, "0.08万元", "0.08", "万元", "较预算减少", "较预算减少");
	assert_int_equal(x->unit, TALLY_Q_WANYUAN);
	assert_int_equal(x->exp10, 4);
	assert_true(x->flags & TALLY_PNUM_MONEY);
	assert_false(x->flags & TALLY_PNUM_IMPLIED);
	assert_int_equal(x->direction, -1);
	assert_string_equal(x->dir_word, "减少");
	x = q(p, 3);
	check(p, x, "91.49%", "91.49", "%", "完成预算的", "完成预算的");
	assert_int_equal(x->direction, 0);
	assert_null(x->dir_word);
	/* The sentence starts after the numbering. */
	assert_int_equal(p->nsentences, 1);
	assert_int_equal(p->sentences[0].off, 2);
}

static void
test_growth_rate(void **state)
{
	const char *text =
	    "与上一年度相比，收、支总计各增加34万元，增长率为85%。";
	const struct tally_prose *p = scan(state, text);
	const struct tally_prose_num *x;

	/* 上一年度 holds no number: a bare 一 is not a count. */
	assert_int_equal(p->nnums, 2);
	x = q(p, 0);
	check(p, x, "34万元", "34", "万元", "收、支总计各增加",
	      "收、支总计各增加");
	assert_int_equal(x->direction, 1);
	assert_string_equal(x->dir_word, "增加");
	x = q(p, 1);
	check(p, x, "85%", "85", "%", "增长率为", "增长率");
	assert_int_equal(x->direction, 1);
	assert_string_equal(x->dir_word, "增长");
	assert_true(x->flags & TALLY_PNUM_RATE);
	assert_int_equal(p->nclauses, 3);
	assert_span(p, p->clauses[1].off, p->clauses[1].len,
	            "收、支总计各增加34万元");
}

static void
test_directions(void **state)
{
	const struct tally_prose *p;

	p = scan(state,
	         "比上年增加了6.47万元，较上年多2人，较上年少3人，"
	         "同比下降5%，降幅为2%，节约资金5万元，年末结余17.00万元，"
	         "至少3次，增加到5人。");
	assert_int_equal(q(p, 0)->direction, 1);
	assert_string_equal(q(p, 0)->key, "比上年增加");
	assert_int_equal(q(p, 1)->direction, 1);
	assert_string_equal(q(p, 1)->dir_word, "多");
	assert_int_equal(q(p, 2)->direction, -1);
	assert_string_equal(q(p, 2)->dir_word, "少");
	assert_int_equal(q(p, 3)->direction, -1);
	assert_int_equal(q(p, 4)->direction, -1);
	assert_true(q(p, 4)->flags & TALLY_PNUM_RATE);
	/* 节约 governs only when it ends the label. */
	assert_int_equal(q(p, 5)->direction, 0);
	assert_string_equal(q(p, 5)->key, "节约资金");
	assert_int_equal(q(p, 6)->direction, -1);
	assert_string_equal(q(p, 6)->dir_word, "结余");
	/* 至少 is a bound, not 少; 增加到 states a level, not a change. */
	assert_int_equal(q(p, 7)->direction, 0);
	assert_int_equal(q(p, 8)->direction, 0);
}

static void
test_archive_rate(void **state)
{
	const struct tally_prose *p =
	    scan(state,
	         "网格事件上报116532件，归档116130件，归档率99.6%；录入矛盾纠纷"
	         "16076件，调成16076件，调成率100%。");

	assert_int_equal(p->nsentences, 2);
	check(p, q(p, 0), "116532件", "116532", "件", "网格事件上报",
	      "网格事件上报");
	check(p, q(p, 1), "116130件", "116130", "件", "归档", "归档");
	check(p, q(p, 2), "99.6%", "99.6", "%", "归档率", "归档率");
	assert_int_equal(q(p, 2)->value.scale, 1);
	assert_int_equal(q(p, 2)->sentence, 0);
	assert_int_equal(q(p, 3)->sentence, 1);
	assert_string_equal(q(p, 5)->key, "调成率");
	assert_int_equal(p->sentences[1].first_num, 3);
	assert_int_equal(p->sentences[1].nnums, 3);
}

static void
test_funds_used(void **state)
{
	const char *text =
	    "抽查区（县）实际到位资金356万元，截至2018年12月31日实际"
	    "使用资金299元，资金使用率为83.99%。";
	const struct tally_prose *p = scan(state, text);
	const struct tally_prose_num *d = nth(p, TALLY_PNUM_DATE, 0);

	check(p, q(p, 0), "356万元", "356", "万元", "抽查区（县）实际到位资金",
	      NULL);
	assert_int_equal(d->year, 2018);
	assert_int_equal(d->month, 12);
	assert_int_equal(d->day, 31);
	assert_span(p, d->off, d->len, "2018年12月31日");
	check(p, q(p, 1), "299元", "299", "元", "实际使用资金", "实际使用资金");
	assert_int_equal(q(p, 1)->unit, TALLY_Q_YUAN);
	assert_int_equal(q(p, 1)->exp10, 0);
	check(p, q(p, 2), "83.99%", "83.99", "%", "资金使用率为", "资金使用率");
}

static void
test_ascii_commas_and_shares(void **state)
{
	const char *text = "2017年我局基本支出数为128.93万元,占总支出的30.51%,"
	                   "主要支出用于工资";
	const struct tally_prose *p = scan(state, text);

	assert_int_equal(p->nclauses, 3);
	check(p, q(p, 0), "128.93万元", "128.93", "万元", "我局基本支出数为",
	      "我局基本支出数");
	check(p, q(p, 1), "30.51%", "30.51", "%", "占总支出的", "占总支出的");
	assert_true(q(p, 1)->flags & TALLY_PNUM_SHARE);
	assert_false(q(p, 0)->flags & TALLY_PNUM_SHARE);
	/* A thousands separator is no clause break. */
	p = scan(state, "工资3,698,689.12元,信息费193,657.00元");
	assert_int_equal(p->nclauses, 2);
	check(p, q(p, 0), "3,698,689.12元", "3698689.12", "元", "工资", NULL);
	check(p, q(p, 1), "193,657.00元", "193657.00", "元", "信息费", NULL);
}

static void
test_malformed(void **state)
{
	const char *text =
	    "2017年度项目支出数为293.67万元,占总支出的69.49%万元。";
	const struct tally_prose *p = scan(state, text);

	check(p, q(p, 0), "293.67万元", "293.67", "万元", NULL, "项目支出数");
	assert_false(q(p, 0)->flags & TALLY_PNUM_MALFORMED);
	check(p, q(p, 1), "69.49%万元", "69.49", "%", "占总支出的", NULL);
	assert_true(q(p, 1)->flags & TALLY_PNUM_MALFORMED);
	assert_int_equal(q(p, 1)->unit, TALLY_Q_PERCENT);

	p = scan(state, "执行率121.93%%，版本12.3.4，共3.");
	check(p, q(p, 0), "121.93%%", "121.93", "%", NULL, "执行率");
	assert_true(q(p, 0)->flags & TALLY_PNUM_MALFORMED);
	check(p, q(p, 1), "12.3.4", "12.3", "", NULL, NULL);
	assert_true(q(p, 1)->flags & TALLY_PNUM_MALFORMED);
	/* The point after 3 ends the sentence. */
	check(p, q(p, 2), "3", "3", "", NULL, NULL);
	assert_false(q(p, 2)->flags & TALLY_PNUM_MALFORMED);
	assert_int_equal(p->nsentences, 1);
	assert_int_equal(p->sentences[0].off + p->sentences[0].len,
	                 strlen("执行率121.93%%，版本12.3.4，共3."));
}

static void
test_fullwidth(void **state)
{
	const struct tally_prose *p =
	    scan(state, "共受理１２３件，满意度达到９５％，"
	                "结余１．５万元");

	/* A leading 共 is no part of the label. */
	check(p, q(p, 0), "１２３件", "123", "件", "受理", "受理");
	check(p, q(p, 1), "９５％", "95", "%", "满意度达到", "满意度");
	assert_int_equal(q(p, 1)->unit, TALLY_Q_PERCENT);
	check(p, q(p, 2), "１．５万元", "1.5", "万元", "结余", "结余");
	assert_int_equal(q(p, 2)->direction, -1);
}

static void
test_spelled_percent(void **state)
{
	const struct tally_prose *p = scan(
	    state,
	    "满意度达百分之九十五，优良率百分之九十五点五，覆盖率百分之百，"
	    "差错率千分之三，到位率百分之98.5");

	check(p, q(p, 0), "百分之九十五", "95", "%", "满意度达", "满意度");
	assert_int_equal(q(p, 0)->unit, TALLY_Q_PERCENT);
	assert_true(q(p, 0)->flags & TALLY_PNUM_CN);
	check(p, q(p, 1), "百分之九十五点五", "95.5", "%", NULL, "优良率");
	check(p, q(p, 2), "百分之百", "100", "%", NULL, "覆盖率");
	check(p, q(p, 3), "千分之三", "3", "‰", NULL, "差错率");
	assert_int_equal(q(p, 3)->unit, TALLY_Q_PERMILLE);
	check(p, q(p, 4), "百分之98.5", "98.5", "%", NULL, "到位率");
	assert_false(q(p, 4)->flags & TALLY_PNUM_CN);
}

static void
test_approximate(void **state)
{
	const struct tally_prose *p = scan(
	    state,
	    "先后保障视频会议召开10余次。县级综治网格中心总面积300多平方米，"
	    "主会场总面积约达1000平方米，网格员配备数量已达3500个以上，"
	    "满意度不低于95%，耗时2小时左右，近3年，约为5万元，节约5万元。");

	check(p, q(p, 0), "10余次", "10", "次", "先后保障视频会议召开", NULL);
	assert_true(q(p, 0)->flags & TALLY_PNUM_APPROX);
	assert_string_equal(q(p, 0)->op, ">");
	check(p, q(p, 1), "300多平方米", "300", "平方米", NULL,
	      "县级综治网格中心总面积");
	assert_true(q(p, 1)->flags & TALLY_PNUM_APPROX);
	check(p, q(p, 2), "1000平方米", "1000", "平方米", "主会场总面积约达",
	      "主会场总面积");
	assert_true(q(p, 2)->flags & TALLY_PNUM_APPROX);
	assert_string_equal(q(p, 2)->op, "≈");
	check(p, q(p, 3), "3500个以上", "3500", "个", NULL, NULL);
	assert_string_equal(q(p, 3)->op, "≥");
	check(p, q(p, 4), "95%", "95", "%", "满意度不低于", "满意度");
	assert_string_equal(q(p, 4)->op, "≥");
	check(p, q(p, 5), "2小时左右", "2", "小时", NULL, "耗时");
	assert_string_equal(q(p, 5)->op, "≈");
	assert_true(q(p, 6)->flags & TALLY_PNUM_APPROX);
	assert_true(q(p, 7)->flags & TALLY_PNUM_APPROX);
	/* 节约 is a saving, not 约 "about". */
	assert_false(q(p, 8)->flags & TALLY_PNUM_APPROX);
	assert_int_equal(q(p, 8)->direction, -1);
}

static void
test_chinese_numerals(void **state)
{
	const struct tally_prose *p = scan(
	    state, "完成三项任务，配备两个办公室，开展十余次培训，三万人参加，"
	           "共二十五名，一百零五件，十分钟");

	assert_int_equal(count(p, TALLY_PNUM_QUANTITY), 7);
	check(p, q(p, 0), "三项", "3", "项", "完成", "完成");
	assert_true(q(p, 0)->flags & TALLY_PNUM_CN);
	check(p, q(p, 1), "两个", "2", "个", NULL, NULL);
	check(p, q(p, 2), "十余次", "10", "次", NULL, NULL);
	assert_true(q(p, 2)->flags & TALLY_PNUM_APPROX);
	check(p, q(p, 3), "三万人", "30000", "人", NULL, NULL);
	assert_int_equal(q(p, 3)->exp10, 0);
	check(p, q(p, 4), "二十五名", "25", "名", NULL, NULL);
	check(p, q(p, 5), "一百零五件", "105", "件", NULL, NULL);
	check(p, q(p, 6), "十分钟", "10", "分钟", NULL, NULL);

	/* Numerals that are no count. */
	p = scan(state, "建立一个平台，十分重要，排名第三名，占三分之一，"
	                "十一五规划，二〇二三年，三公经费，一是加强，"
	                "十一届官渡区委，三五个人");
	assert_int_equal(count(p, TALLY_PNUM_QUANTITY), 0);
	assert_int_equal(count(p, TALLY_PNUM_FORMULA), 1);
	assert_span(p, nth(p, TALLY_PNUM_FORMULA, 0)->off,
	            nth(p, TALLY_PNUM_FORMULA, 0)->len, "三分之一");
}

static void
test_document_numbers(void **state)
{
	const char *text =
	    "根据《通知》（盘财绩〔2024〕5号）文件，（昆政办[2010]146号）"
	    "（呈政办发﹝2018﹞110号），公文处理笺105号，区国投大厦2号楼";
	const struct tally_prose *p = scan(state, text);
	const struct tally_prose_num *d;

	assert_int_equal(count(p, TALLY_PNUM_QUANTITY), 0);
	assert_int_equal(count(p, TALLY_PNUM_DOCNO), 5);
	d = nth(p, TALLY_PNUM_DOCNO, 0);
	assert_span(p, d->off, d->len, "〔2024〕5号");
	assert_int_equal(d->year, 2024);
	assert_int_equal(d->value.coef, 5);
	d = nth(p, TALLY_PNUM_DOCNO, 1);
	assert_span(p, d->off, d->len, "[2010]146号");
	assert_int_equal(d->value.coef, 146);
	d = nth(p, TALLY_PNUM_DOCNO, 2);
	assert_int_equal(d->year, 2018);
	assert_int_equal(d->value.coef, 110);
	assert_int_equal(nth(p, TALLY_PNUM_DOCNO, 3)->value.coef, 105);
}

static void
test_hotlines(void **state)
{
	const struct tally_prose *p = scan(
	    state,
	    "来自12345市长热线和110转接的问题，通过12319和67169110公众投诉渠道"
	    "受理投诉案件5475件，立案12345件");

	assert_int_equal(count(p, TALLY_PNUM_PHONE), 4);
	assert_int_equal(nth(p, TALLY_PNUM_PHONE, 0)->value.coef, 12345);
	assert_int_equal(nth(p, TALLY_PNUM_PHONE, 1)->value.coef, 110);
	assert_int_equal(nth(p, TALLY_PNUM_PHONE, 3)->value.coef, 67169110);
	/* With a unit the same digits are a count. */
	assert_int_equal(count(p, TALLY_PNUM_QUANTITY), 2);
	check(p, q(p, 0), "5475件", "5475", "件", NULL, NULL);
	check(p, q(p, 1), "12345件", "12345", "件", "立案", "立案");
}

static void
test_dates_and_years(void **state)
{
	const struct tally_prose *p =
	    scan(state,
	         "2018年9月29日，2017年10月，于7月28日，2023-01-05，2023.1.5，"
	         "2023年12月底，2017年1月至12月，2023年度，2017-2019年，3年，"
	         "8时30分，9:30，1000年");
	const struct tally_prose_num *d;

	d = nth(p, TALLY_PNUM_DATE, 0);
	assert_span(p, d->off, d->len, "2018年9月29日");
	assert_int_equal(d->year, 2018);
	assert_int_equal(d->month, 9);
	assert_int_equal(d->day, 29);
	d = nth(p, TALLY_PNUM_DATE, 1);
	assert_span(p, d->off, d->len, "2017年10月");
	assert_int_equal(d->month, 10);
	assert_int_equal(d->day, 0);
	d = nth(p, TALLY_PNUM_DATE, 2);
	assert_int_equal(d->year, 0);
	assert_int_equal(d->month, 7);
	assert_int_equal(d->day, 28);
	d = nth(p, TALLY_PNUM_DATE, 3);
	assert_span(p, d->off, d->len, "2023-01-05");
	assert_int_equal(d->day, 5);
	d = nth(p, TALLY_PNUM_DATE, 4);
	assert_span(p, d->off, d->len, "2023.1.5");
	d = nth(p, TALLY_PNUM_DATE, 5);
	assert_span(p, d->off, d->len, "2023年12月底");
	assert_span(p, nth(p, TALLY_PNUM_DATE, 7)->off,
	            nth(p, TALLY_PNUM_DATE, 7)->len, "12月");
	assert_int_equal(count(p, TALLY_PNUM_YEAR), 3);
	d = nth(p, TALLY_PNUM_YEAR, 0);
	assert_span(p, d->off, d->len, "2023年度");
	assert_int_equal(nth(p, TALLY_PNUM_YEAR, 1)->year, 2017);
	assert_int_equal(nth(p, TALLY_PNUM_YEAR, 2)->year, 2019);
	assert_int_equal(count(p, TALLY_PNUM_TIME), 2);
	/* Durations and years outside 1900-2099 are counts. */
	assert_int_equal(count(p, TALLY_PNUM_QUANTITY), 2);
	check(p, q(p, 0), "3年", "3", "年", NULL, NULL);
	check(p, q(p, 1), "1000年", "1000", "年", NULL, NULL);
}

static void
test_not_amounts(void **state)
{
	const struct tally_prose *p = scan(
	    state,
	    "形成“1+1﹥2”的工作效率，整体工作效率实现1+1>2，创新实行“1+N+X”"
	    "模式，召开第8次会议，建设5G网络，协同共建“1768”民生广场，"
	    "根据《云南省政府集中采购目录及标准（2021年版）》，（2）项目立项，"
	    "详见[3]。");

	assert_int_equal(count(p, TALLY_PNUM_QUANTITY), 0);
	assert_int_equal(count(p, TALLY_PNUM_FORMULA), 3);
	assert_span(p, nth(p, TALLY_PNUM_FORMULA, 0)->off,
	            nth(p, TALLY_PNUM_FORMULA, 0)->len, "1+1﹥2");
	assert_span(p, nth(p, TALLY_PNUM_FORMULA, 1)->off,
	            nth(p, TALLY_PNUM_FORMULA, 1)->len, "1+1>2");
	assert_span(p, nth(p, TALLY_PNUM_FORMULA, 2)->off,
	            nth(p, TALLY_PNUM_FORMULA, 2)->len, "1+N+X");
	assert_int_equal(nth(p, TALLY_PNUM_ORDINAL, 0)->value.coef, 8);
	assert_span(p, nth(p, TALLY_PNUM_ORDINAL, 0)->off,
	            nth(p, TALLY_PNUM_ORDINAL, 0)->len, "8次");
	assert_int_equal(count(p, TALLY_PNUM_CODE), 1);
	assert_int_equal(count(p, TALLY_PNUM_NAME), 2);
	assert_int_equal(nth(p, TALLY_PNUM_NAME, 0)->value.coef, 1768);
	assert_int_equal(nth(p, TALLY_PNUM_NAME, 1)->year, 2021);
	assert_int_equal(count(p, TALLY_PNUM_LISTNUM), 2);
	assert_int_equal(nth(p, TALLY_PNUM_LISTNUM, 0)->value.coef, 2);
	assert_int_equal(nth(p, TALLY_PNUM_LISTNUM, 1)->value.coef, 3);
}

static void
test_counters(void **state)
{
	const struct tally_prose *p = scan(
	    state, "共开展了34场次（16个乡镇各开展了2次），培训网格员2855人次。"
	           "五个社区工作站各配备1台，共配备电脑7台；公务车保有量 0辆，"
	           "共涉及资金 0 万元，为五个社区配备处置通30台，通报11期，"
	           "提高2个百分点，6个月");

	check(p, q(p, 0), "34场次", "34", "场次", "开展了", "开展");
	check(p, q(p, 1), "16个", "16", "个", "", "");
	check(p, q(p, 2), "2次", "2", "次", "乡镇各开展了", "乡镇各开展");
	check(p, q(p, 3), "2855人次", "2855", "人次", "培训网格员",
	      "培训网格员");
	check(p, q(p, 4), "五个", "5", "个", NULL, NULL);
	check(p, q(p, 5), "1台", "1", "台", "社区工作站各配备", NULL);
	check(p, q(p, 6), "7台", "7", "台", "配备电脑", "配备电脑");
	check(p, q(p, 7), "0辆", "0", "辆", "公务车保有量", NULL);
	check(p, q(p, 8), "0 万元", "0", "万元", "涉及资金", "涉及资金");
	assert_string_equal(q(p, 11)->unit_text, "期");
	assert_string_equal(q(p, 12)->unit_text, "个百分点");
	assert_int_equal(q(p, 12)->direction, 1);
	assert_string_equal(q(p, 13)->unit_text, "个月");
	/* The parenthesis stays in its clause. */
	assert_int_equal(q(p, 0)->clause, q(p, 2)->clause);
}

static void
test_implied_wan(void **state)
{
	const struct tally_prose *p =
	    scan(state,
	         "基本支出209.52万元，其中人员经费201.82万，日常公用经费7.7万；"
	         "服务3.2万人次，覆盖12万户，2.78亿元，5千元，200余万元");

	check(p, q(p, 1), "201.82万", "201.82", "万元", "人员经费", "人员经费");
	assert_int_equal(q(p, 1)->unit, TALLY_Q_WANYUAN);
	assert_true(q(p, 1)->flags & TALLY_PNUM_IMPLIED);
	assert_true(q(p, 1)->flags & TALLY_PNUM_MONEY);
	check(p, q(p, 2), "7.7万", "7.7", "万元", "日常公用经费", NULL);
	check(p, q(p, 3), "3.2万人次", "3.2", "万人次", "服务", NULL);
	assert_int_equal(q(p, 3)->unit, TALLY_Q_OTHER);
	assert_int_equal(q(p, 3)->exp10, 4);
	assert_false(q(p, 3)->flags & TALLY_PNUM_MONEY);
	check(p, q(p, 4), "12万户", "12", "万户", NULL, NULL);
	check(p, q(p, 5), "2.78亿元", "2.78", "亿元", NULL, NULL);
	assert_int_equal(q(p, 5)->unit, TALLY_Q_YIYUAN);
	assert_int_equal(q(p, 5)->exp10, 8);
	check(p, q(p, 6), "5千元", "5", "千元", NULL, NULL);
	assert_int_equal(q(p, 6)->exp10, 3);
	assert_true(q(p, 6)->flags & TALLY_PNUM_MONEY);
	check(p, q(p, 7), "200余万元", "200", "万元", NULL, NULL);
	assert_true(q(p, 7)->flags & TALLY_PNUM_APPROX);
}

static void
test_ranges_and_signs(void **state)
{
	const struct tally_prose *p =
	    scan(state,
	         "每月3-5次，目标90%～95%，同比增长-5%，下降－3.5%，增加+2人");

	check(p, q(p, 0), "3", "3", "", NULL, NULL);
	check(p, q(p, 1), "5次", "5", "次", "", NULL);
	assert_true(q(p, 0)->flags & TALLY_PNUM_RANGE);
	assert_true(q(p, 1)->flags & TALLY_PNUM_RANGE);
	assert_true(q(p, 1)->flags & TALLY_PNUM_APPROX);
	assert_true(q(p, 2)->flags & TALLY_PNUM_RANGE);
	assert_true(q(p, 3)->flags & TALLY_PNUM_RANGE);
	check(p, q(p, 4), "-5%", "-5", "%", "同比增长", NULL);
	assert_true(q(p, 4)->flags & TALLY_PNUM_NEGATIVE);
	assert_int_equal(q(p, 4)->direction, 1);
	check(p, q(p, 5), "－3.5%", "-3.5", "%", "下降", NULL);
	assert_true(q(p, 5)->flags & TALLY_PNUM_NEGATIVE);
	check(p, q(p, 6), "+2人", "2", "人", NULL, NULL);
	assert_false(q(p, 6)->flags & TALLY_PNUM_NEGATIVE);
	assert_false(q(p, 4)->flags & TALLY_PNUM_RANGE);
}

static void
test_overflow(void **state)
{
	const struct tally_prose *p =
	    scan(state,
	         "立案99999999999999999999999件，结案1.0000000000000000001件，"
	         "九亿九亿九亿九亿九亿人，百分之99999999999999999999");

	check(p, q(p, 0), "99999999999999999999999件", "0", "件", "立案", NULL);
	assert_true(q(p, 0)->flags & TALLY_PNUM_OVERFLOW);
	assert_true(q(p, 1)->flags & TALLY_PNUM_OVERFLOW);
	assert_string_equal(q(p, 1)->unit_text, "件");
	/* Too large for a count in Chinese numerals: no number at all. */
	assert_int_equal(count(p, TALLY_PNUM_QUANTITY), 3);
	assert_true(q(p, 2)->flags & TALLY_PNUM_OVERFLOW);
	assert_int_equal(q(p, 2)->unit, TALLY_Q_PERCENT);
}

/* ---------------------------------------------------------------------
 * Sentences and clauses
 * ------------------------------------------------------------------- */

static void
test_sentences(void **state)
{
	const char *text =
	    "资产总额51.77万元，具体内容为：\n"
	    "1.设备类数量共计40项，资产总额27.98万元；\n"
	    "2.家具用具数量共计46项，资产总额4.88万元！是否完成？"
	    "是的.下载doc.docx文件\n继续";
	const struct tally_prose *p = scan(state, text);

	/* The item numbers 1. and 2. are no numbers. */
	check(p, q(p, 1), "40项", "40", "项", "设备类数量共计", "设备类数量");
	check(p, q(p, 3), "46项", "46", "项", NULL, "家具用具数量");
	assert_int_equal(count(p, TALLY_PNUM_QUANTITY), 5);
	assert_int_equal(p->nsentences, 6);
	assert_span(p, p->sentences[0].off, p->sentences[0].len,
	            "资产总额51.77万元，具体内容为：");
	assert_span(p, p->sentences[1].off, p->sentences[1].len,
	            "设备类数量共计40项，资产总额27.98万元；");
	assert_span(p, p->sentences[2].off, p->sentences[2].len,
	            "家具用具数量共计46项，资产总额4.88万元！");
	assert_span(p, p->sentences[3].off, p->sentences[3].len, "是否完成？");
	assert_span(p, p->sentences[4].off, p->sentences[4].len, "是的.");
	/* A line break is a clause break, not a sentence break, unless a
	 * numbered line follows. */
	assert_span(p, p->sentences[5].off, p->sentences[5].len,
	            "下载doc.docx文件\n继续");
	assert_int_equal(p->sentences[5].nclauses, 2);
	assert_int_equal(q(p, 1)->sentence, 1);
	assert_int_equal(p->sentences[1].first_num, 1);
	assert_int_equal(p->sentences[1].nnums, 2);
}

static void
test_parentheses(void **state)
{
	const char *text =
	    "共计通过系统发起并结哨169件（重点哨1件、常规哨157件；"
	    "应急处置哨11件），其中：区级哨1件、街道哨91件、社区哨77件。"
	    "考核内容包括：管理体制（10分）、案件处置（67分）。"
	    "共辖乡镇(街道)138个(含托管的阳宗镇),核定编制15名（含市编委"
	    "下达的5名，区中心的5名）。";
	const struct tally_prose *p = scan(state, text);
	size_t c;

	check(p, q(p, 0), "169件", "169", "件", "通过系统发起并结哨", NULL);
	check(p, q(p, 1), "1件", "1", "件", "重点哨", "重点哨");
	check(p, q(p, 2), "157件", "157", "件", "常规哨", NULL);
	check(p, q(p, 3), "11件", "11", "件", "应急处置哨", NULL);
	/* The parenthesis, ； and all, is one clause with 169件. */
	c = q(p, 0)->clause;
	assert_int_equal(q(p, 3)->clause, c);
	assert_int_equal(q(p, 3)->sentence, 0);
	assert_span(p, p->clauses[c].off, p->clauses[c].len,
	            "共计通过系统发起并结哨169件（重点哨1件、常规哨157件；应急"
	            "处置哨11件）");
	/* After a number, 、 ends a clause. */
	assert_int_equal(q(p, 5)->clause, q(p, 4)->clause + 1);
	assert_string_equal(q(p, 5)->key, "街道哨");
	assert_string_equal(q(p, 6)->key, "社区哨");
	/* A number alone in parentheses is named by what precedes them. */
	check(p, q(p, 7), "10分", "10", "分", "管理体制", "管理体制");
	check(p, q(p, 8), "67分", "67", "分", "案件处置", "案件处置");
	check(p, q(p, 9), "138个", "138", "个", "辖乡镇(街道)", NULL);
	check(p, q(p, 10), "15名", "15", "名", "核定编制", NULL);
	check(p, q(p, 11), "5名", "5", "名", "市编委下达的", "市编委下达的");
	check(p, q(p, 12), NULL, "5", "名", "区中心的", NULL);
	assert_int_equal(p->nsentences, 3);
}

static void
test_block_positions(void **state)
{
	const char *body = "# 标题\n\n盘龙区结案510829件，结案率达99.97%。\n";
	struct tally_outline o;
	const struct tally_block *b;
	const struct tally_prose *p;
	struct tally_pos pos;

	assert_int_equal(
	    tally_outline_parse(*state, body, strlen(body), 10, &o), 0);
	for (b = o.blocks; b != NULL && b->kind != TALLY_BLOCK_PARA;
	     b = b->next)
		;
	assert_non_null(b);
	p = scan_n(state, b->text, b->len);
	pos = tally_block_pos(b, q(p, 0)->off);
	assert_int_equal(pos.line, 12);
	assert_int_equal(pos.col, 6);
	pos = tally_block_pos(b, q(p, 1)->off);
	assert_int_equal(pos.line, 12);
	assert_int_equal(pos.col, 18);
	tally_outline_release(&o);
}

/* ---------------------------------------------------------------------
 * Broken and hostile input
 * ------------------------------------------------------------------- */

/* Every span inside the text, in order, each number in its clause and
 * sentence, each key the start of its label. */
static void
check_invariants(const struct tally_prose *p)
{
	size_t k, prev = 0;

	for (k = 0; k < p->nsentences; k++) {
		const struct tally_prose_sentence *s = &p->sentences[k];

		assert_true(s->off >= prev && s->off + s->len <= p->len);
		assert_true(s->nclauses > 0);
		assert_true(s->first_clause + s->nclauses <= p->nclauses);
		assert_true(s->first_num + s->nnums <= p->nnums);
		prev = s->off + s->len;
	}
	prev = 0;
	for (k = 0; k < p->nclauses; k++) {
		const struct tally_prose_clause *c = &p->clauses[k];
		const struct tally_prose_sentence *s =
		    &p->sentences[c->sentence];

		assert_true(c->sentence < p->nsentences);
		assert_true(c->off >= prev && c->len > 0);
		assert_true(c->off >= s->off &&
		            c->off + c->len <= s->off + s->len);
		assert_true(c->first_num + c->nnums <= p->nnums);
		prev = c->off + c->len;
	}
	prev = 0;
	for (k = 0; k < p->nnums; k++) {
		const struct tally_prose_num *x = &p->nums[k];
		const struct tally_prose_clause *c = &p->clauses[x->clause];

		assert_true(x->off >= prev && x->len > 0);
		assert_true(x->off + x->len <= p->len);
		assert_true(x->clause < p->nclauses &&
		            x->sentence < p->nsentences);
		assert_int_equal(c->sentence, x->sentence);
		assert_true(k >= c->first_num && k < c->first_num + c->nnums);
		assert_true(x->off >= c->off &&
		            x->off + x->len <= c->off + c->len);
		assert_true(x->label_off + x->label_len <= x->off);
		assert_non_null(x->key);
		assert_non_null(x->unit_text);
		assert_true(strlen(x->key) <= x->label_len);
		assert_memory_equal(x->key, p->text + x->label_off,
		                    strlen(x->key));
		assert_true(x->value.scale >= 0 &&
		            x->value.scale <= TALLY_DEC_MAX_SCALE);
		prev = x->off + x->len;
	}
}

static void
test_empty_and_null(void **state)
{
	struct tally_prose *p;

	assert_int_equal(tally_prose_scan(*state, NULL, 0, &p), 0);
	assert_int_equal(p->nsentences, 0);
	assert_int_equal(p->nnums, 0);
	assert_int_equal(tally_prose_scan(*state, NULL, 5, &p), -1);
	assert_int_equal(tally_prose_scan(*state, "", 0, &p), 0);
	assert_int_equal(p->nsentences + p->nclauses + p->nnums, 0);
	assert_int_equal(tally_prose_scan(*state, "。，、；\n", 13, &p), 0);
	assert_int_equal(p->nsentences, 0);
	assert_int_equal(p->nclauses, 0);
}

static void
test_broken_bytes(void **state)
{
	static const char text[] = "立案12件\0结案5件，\xE4\xB8，\xFF\xFE"
	                           "率达9\xE5%。十\xE5\x8D共3\xEF\xBC";
	const struct tally_prose *p = scan_n(state, text, sizeof text - 1);

	check_invariants(p);
	check(p, q(p, 0), NULL, "12", "件", "立案", NULL);
	check(p, q(p, 1), NULL, "5", "件", NULL, NULL);
	/* A truncated character ends a number at the end of the text. */
	p = scan_n(state, "共3\xEF\xBC", 6);
	check_invariants(p);
	assert_int_equal(q(p, 0)->value.coef, 3);
}

/* Fragments to build hostile text from: numbers, units, separators,
 * brackets, quotes, numerals and broken bytes. */
static const char *const frags[] = {
    "1",      "23",     "4.5",      "0",
    "１２",   "．",     ".",        ",",
    "，",     "、",     "：",       ":",
    "。",     "；",     ";",        "\n",
    "\t",     " ",      "　",       "%",
    "％",     "%%",     "‰",        "元",
    "万",     "万元",   "亿",       "千元",
    "件",     "人次",   "个",       "分",
    "分之",   "年",     "月",       "日",
    "号",     "时",     "点",       "第",
    "（",     "）",     "(",        ")",
    "〔",     "〕",     "[",        "]",
    "“",      "”",      "\"",       "《",
    "》",     "一",     "两",       "十",
    "百",     "千",     "零",       "余",
    "多",     "来",     "约",       "达",
    "为",     "共计",   "其中",     "增加",
    "减少",   "较",     "率",       "占",
    "的",     "以上",   "左右",     "-",
    "－",     "+",      ">",        "~",
    "至",     "G",      "N",        "\xE4",
    "\xB8",   "\xFF",   "\xE5\x8D", "\0",
    "百分之", "2023",   "12345",    "99999999999999999999",
    "1.",     "（一）", "a.",
};

static void
test_fuzz(void **state)
{
	char buf[512];
	uint32_t seed = 12345;
	int round, k;

	for (round = 0; round < 3000; round++) {
		size_t len = 0;
		int nfrag;

		seed = seed * 1103515245u + 12345u;
		nfrag = (int)(seed >> 16) % 60;
		for (k = 0; k < nfrag; k++) {
			const char *f;
			size_t fl;

			seed = seed * 1103515245u + 12345u;
			f = frags[(seed >> 16) %
			          (sizeof frags / sizeof frags[0])];
			fl = f[0] == '\0' ? 1 : strlen(f);
			if (len + fl > sizeof buf)
				break;
			memcpy(buf + len, f, fl);
			len += fl;
		}
		check_invariants(scan_n(state, buf, len));
		/* A fresh arena now and then keeps memory flat. */
		if (round % 200 == 199) {
			tally_arena_free(*state);
		}
	}
}

/* tally_prose_may_have_numbers: 0 only for a text without digits or
 * Chinese numerals after its numbering, wherever they stand. */
static void
test_may_have_numbers(void **state)
{
	static const char *const none[] = {
	    "",
	    "贯彻执行国家、省、市有关方针、政策。",
	    "1、贯彻执行国家、省、市有关方针、政策和法律、法规、规章；研究拟定"
	    "本区有关网格化监督、管理、服务的中长期发展规划。",
	    "  （2）配合全区做好重大活动、重要会议的视频会议保障工作。",
	    "a. plain words, no figure at all; 〇 is not read",
	    "进一步统一思想，一张网，一",
	    "一、进一步加强管理。",
	};
	static const char *const some[] = {
	    "1、负责三项工作。",
	    "1、2023年",
	    "工作１项",
	    "一一",
	    "一〇",
	    "一十",
	    "一万",
	    "进一步两个",
	    "共计十",
	    "百分之",
	    "零",
	    "1.\n2. 两",
	    "（一）负责网格化管理事项的采集、派遣、协调、督办工作万",
	    "负责网格化管理事项的采集、派遣、协调、督办工作和考核9",
	};
	char buf[256];
	size_t i, k;

	assert_int_equal(tally_prose_may_have_numbers(NULL, 0), 0);
	assert_int_equal(tally_prose_may_have_numbers(NULL, 3), 1);
	for (i = 0; i < sizeof none / sizeof none[0]; i++) {
		assert_int_equal(tally_prose_may_have_numbers(none[i],
		                     strlen(none[i])), 0);
		assert_int_equal(scan(state, none[i])->nnums, 0);
	}
	for (i = 0; i < sizeof some / sizeof some[0]; i++)
		assert_int_equal(tally_prose_may_have_numbers(some[i],
		                     strlen(some[i])), 1);
	/* a numeral or a digit at every offset, across every 16-byte
	 * boundary, and cut short at the end */
	for (k = 0; k < 40; k++) {
		size_t len;

		memset(buf, 'x', k);
		memcpy(buf + k, "三", 3);
		memcpy(buf + k + 3, "yyyyyyyyyyyyyyyyyyyy", 20);
		len = k + 23;
		assert_int_equal(tally_prose_may_have_numbers(buf, len), 1);
		assert_int_equal(tally_prose_may_have_numbers(buf, k + 2), 0);
		memcpy(buf + k, "\xEF\xBC\x99", 3);
		assert_int_equal(tally_prose_may_have_numbers(buf, len), 1);
		assert_int_equal(tally_prose_may_have_numbers(buf, k + 2), 0);
		buf[k + 2] = (char)0x9A; /* Ｚ's neighbour, not a digit */
		assert_int_equal(tally_prose_may_have_numbers(buf, len), 0);
		buf[k] = '7';
		assert_int_equal(tally_prose_may_have_numbers(buf, len), 1);
		/* a 一 alone is not read, one before a numeral is */
		memcpy(buf + k, "一", 3);
		assert_int_equal(tally_prose_may_have_numbers(buf, len), 0);
		assert_int_equal(scan_n(state, buf, len)->nnums, 0);
		memcpy(buf + k + 3, "十", 3);
		assert_int_equal(tally_prose_may_have_numbers(buf, len), 1);
		assert_int_equal(tally_prose_may_have_numbers(buf, k + 5), 0);
	}
}

/* tally_prose_may_have_numbers_num, given the numbering the outline reads
 * (tally_numbering_parse), answers as tally_prose_may_have_numbers: after
 * spaces, before a line break, with and without a numbering. */
static void
test_may_have_numbers_num(void **state)
{
	static const char *const texts[] = {
	    "", "1、贯彻执行国家、省、市有关方针。", "1、负责三项工作。",
	    "1、2023年", "  （2）配合全区做好保障工作。", "　　（二）两项",
	    "　　（二）进一步", "\n1、进一步", "\n1、三", " \r1、三", "一、进一步",
	    "一、十", "1.5万元", "2.2019年6月20日", "a. plain", "a.1", "①三",
	    "⑴进一步", "\xC2\xA0" "1、三", "\t1、进一步", "1 、一", "（1）、三",
	};
	struct tally_numbering num;
	size_t i, n;

	(void)state;
	memset(&num, 0, sizeof(num));
	assert_int_equal(tally_prose_may_have_numbers_num(NULL, 0, &num), 0);
	assert_int_equal(tally_prose_may_have_numbers_num(NULL, 3, &num), 1);
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		for (n = 0; n <= strlen(texts[i]); n++) {
			tally_numbering_parse(texts[i], n, &num);
			assert_int_equal(
			    tally_prose_may_have_numbers_num(texts[i], n, &num),
			    tally_prose_may_have_numbers(texts[i], n));
		}
}

/* tally_prose_may_have_figures_num: 0 only when the digits after the
 * numbering are years (2023年, with a month and a day) and 〔2018〕56号;
 * the scan then finds no quantity but in Chinese numerals (scan_n). */
static void
test_may_have_figures(void **state)
{
	static const char *const none[] = {
	    "", "1、贯彻执行国家、省、市有关方针。", "1、负责三项工作。",
	    "2023年，我局完成三项工作。", "1、2023年9月29日召开会议。",
	    "2023年度部门预算，2024年初启动。", "依据〔2018〕56号文件。",
	    "〔2019〕号", "第2023年", "G2023年", "2023年12月底前",
	    "2023年2024年", "2023年9月至2024年3月", "2023年9月份10日",
	    "2023年９月", "（1）项",
	};
	static const char *const some[] = {
	    "2023年完成1件。", "2022-2023年", "-2023年", "＋2023年",
	    "百分之2023年", "2023年13月", "2023年9月32日", "〔2018〕56",
	    "12023年", "2100年", "１", "〔2018〕56号3件", "2023", "立案1件",
	};
	struct tally_numbering num;
	size_t i;

	memset(&num, 0, sizeof(num));
	assert_int_equal(tally_prose_may_have_figures_num(NULL, 0, &num), 0);
	assert_int_equal(tally_prose_may_have_figures_num(NULL, 3, &num), 1);
	for (i = 0; i < sizeof none / sizeof none[0]; i++) {
		tally_numbering_parse(none[i], strlen(none[i]), &num);
		assert_int_equal(tally_prose_may_have_figures_num(none[i],
		    strlen(none[i]), &num), 0);
		scan(state, none[i]);
	}
	for (i = 0; i < sizeof some / sizeof some[0]; i++) {
		tally_numbering_parse(some[i], strlen(some[i]), &num);
		assert_int_equal(tally_prose_may_have_figures_num(some[i],
		    strlen(some[i]), &num), 1);
		scan(state, some[i]);
	}
}

static void
test_long_input(void **state)
{
	static const char *const units[] = {"立案1件、", "十",   "一", "（",
	                                    "“",         "九亿", "1+", "１"};
	size_t u, n = 200000, len, k, nnums_expected;
	char *buf = malloc(n + 8);
	const struct tally_prose *p;

	assert_non_null(buf);
	for (u = 0; u < sizeof units / sizeof units[0]; u++) {
		size_t ul = strlen(units[u]);

		for (len = 0; len + ul <= n; len += ul)
			memcpy(buf + len, units[u], ul);
		p = scan_n(state, buf, len);
		check_invariants(p);
		if (u == 0) {
			nnums_expected = len / ul;
			assert_int_equal(p->nnums, nnums_expected);
			for (k = 0; k < p->nnums; k++)
				assert_string_equal(p->nums[k].key, "立案");
		}
		tally_arena_free(*state);
	}
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_cases_and_rate, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_three_public_items, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_growth_rate, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_directions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_archive_rate, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_funds_used, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ascii_commas_and_shares, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fullwidth, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_spelled_percent, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_approximate, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_chinese_numerals, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_document_numbers, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_hotlines, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_dates_and_years, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_not_amounts, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_counters, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_implied_wan, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ranges_and_signs, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_overflow, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sentences, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_parentheses, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_block_positions, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_empty_and_null, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_broken_bytes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fuzz, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_may_have_numbers, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_may_have_numbers_num, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_may_have_figures, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_long_input, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
