/*
 * test_plain.c - the plain path of the outline (markdown.c, parse_plain)
 * against cmark's: for every body it takes, the outline must be the one
 * the walk over cmark's tree gives, field by field (texts, every span,
 * every cell and its position, sections, numbering, end lines).
 *
 * Bodies: every report under content/ and tests/cases/ (the test runs
 * from the repository's root), generated ones (lines of the plain subset
 * and lines just outside it, mixed at random with a fixed seed), and the
 * files listed, one a line, in the file named by $TALLY_PLAIN_FILES
 * (to compare a generated corpus: see bench/README.md).  Each body is
 * also checked to take the path it should: plain bodies must not all go
 * to cmark, and near misses must.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "model/model.h"
#include "../outline_same.h"

/* Outlines body both ways and compares the outlines and their HTML;
 * returns 1 when the plain path took it. */
static int
check_body(const char *name, const char *body, size_t len, uint32_t first)
{
	struct tally_arena a1 = TALLY_ARENA_INIT, a2 = TALLY_ARENA_INIT;
	struct tally_outline o1, o2;
	struct tally_buf h1 = TALLY_BUF_INIT, h2 = TALLY_BUF_INIT;
	int r1, r2, plain;

	r1 = tally_outline_parse(&a1, body, len, first, &o1);
	r2 = tally_outline_parse_cmark(&a2, body, len, first, &o2);
	assert_int_equal(r1, r2);
	outline_why[0] = '\0';
	if (!same_outline(&o1, &o2))
		fail_msg("%s: the outlines differ: %s", name, outline_why);
	tally_outline_render(&o1, &h1);
	tally_outline_render(&o2, &h2);
	if (strcmp(tally_buf_cstr(&h1), tally_buf_cstr(&h2)) != 0)
		fail_msg("%s: the HTML differs", name);
	plain = tally_outline_plain(&o1);
	assert_false(tally_outline_plain(&o2));
	tally_buf_free(&h1);
	tally_buf_free(&h2);
	tally_outline_release(&o1);
	tally_outline_release(&o2);
	tally_arena_free(&a1);
	tally_arena_free(&a2);
	return plain;
}

static size_t nplain; /* files whose body was plain */

/* A report file: its body after the front matter. */
static void
check_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct tally_split sp;
	char *buf;
	size_t n;
	long size;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)size + 1);
	assert_non_null(buf);
	n = fread(buf, 1, (size_t)size, f);
	fclose(f);
	buf[n] = '\0';
	n = tally_text_normalize(buf, n);
	tally_frontmatter_split(buf, n, &sp);
	nplain += check_body(path, sp.body, sp.body_len, sp.body_line);
	free(buf);
}

static size_t
walk_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;
	char path[4096];
	struct stat st;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			n += walk_dir(path);
		} else if (l > 3 && strcmp(e->d_name + l - 3, ".md") == 0) {
			check_file(path);
			n++;
		}
	}
	closedir(d);
	return n;
}

static void
test_corpus(void **state)
{
	size_t n;

	(void)state;
	nplain = 0;
	assert_true(walk_dir("content") >= 6);
	/* Most of the sample corpus is plain (not the report with a
	 * numbered list, nor the ones with a link). */
	print_message("content: %zu plain\n", nplain);
	assert_true(nplain >= 3);
	nplain = 0;
	n = walk_dir("tests/cases");
	print_message("tests/cases: %zu of %zu plain\n", nplain, n);
	assert_true(n > 100);
}

static void
test_listed_files(void **state)
{
	const char *list = getenv("TALLY_PLAIN_FILES");
	char line[4096];
	FILE *f;
	size_t n = 0;

	(void)state;
	if (list == NULL || *list == '\0')
		skip();
	nplain = 0;
	f = fopen(list, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] != '\0') {
			check_file(line);
			n++;
		}
	}
	fclose(f);
	print_message("compared %zu listed files, %zu plain\n", n, nplain);
}

/* Bodies are made of blocks of the plain subset (headings, paragraphs,
 * tables, separated by blank lines or not), and now and then a line
 * just outside it, or a block joined to the next. */
static const char *const headings[] = {
	"# 一、部门基本情况", "## （一）项目概况", "### 1.资金", "####  四、 多个空格",
	"###### 六级", "## 2021年[补]", "# 三、 绩效:目标", "## 　全角空格标题",
};
static const char *const texts[] = {
	"根据《关于开展2021年度绩效评价的通知》（财绩〔2022〕3号）文件精神。",
	"预算执行率为95.88%，资金到位率100%。", "官办通[2016]71号文件",
	"1.资金不是列表", "10、第十", "（五）其他", "单位：万元", "时间 10:30 开会",
	"　全角空格开头", "全角空格结尾　", "中间  两个空格", "wifi 与 W 字母",
	"1,234.5万元", "a > b 与 c! 感叹", "(1)括号", "#不是标题",
};
static const char *const rows[] = {
	"| 1 | 办公费 | 12.5 |", "| 2 | 差旅费 | 3 |", "|  | 合  计 | 15.5 |",
	"| 3 |  | |", "|　全角　| 值 | 1 |", "|1|2|3|", "| a:b | [x] | 5% |",
	"|---|---|---|", "| # | > | - |",
};
static const char *const delims[] = {
	"|---|---|---|", "| :--- | :---: | ---: |", "|-|-|-|", "|  ---  |--|:-|",
};
/* Lines just outside the subset, or at its edge. */
static const char *const odd[] = {
	"####### 七级不是标题", "# 结尾井号 #", "# ", "#", "见[附件](a.md)说明",
	"见[附件][1]说明", "[1]: http://example.com", "访问 www.example.com 查询",
	"访问 http://example.com 查询", "联系 a@b.cn", "**加粗**的文字",
	"下划线_文字_", "代码 `x` 段",
	"含 <!-- tally-disable-next-line P001 -- 理由 --> 注释", "实体 &amp; 字符",
	"转义 \\* 星号", "删除 ~~线~~ 文字", "1. 有序列表", "2)列表", "- 无序列表",
	"* 星号列表", "+ 加号列表", "> 引用", "    缩进代码", " 一个空格",
	"结尾空格 ", "结尾两个空格  ", "\t制表符", "===", "---", "```",
	"<div>html</div>", "a | b 竖线", "|", "| 1 | 2 |", "| a | b | c | d |",
	"||||", "|---|---|", "| x |", "|-|", "   ", "\xEF\xBB\xBF带BOM",
	"\r回车", "無效\xff字节", ":--", ":-:", "a|b", "|a", "x\0y",
};

#define PICK(a) (a)[next() % (sizeof(a) / sizeof((a)[0]))]

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint32_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

static void
line(struct tally_buf *b, const char *s)
{
	/* One line in fifty is just outside the subset. */
	tally_buf_puts(b, next() % 50 == 0 ? PICK(odd) : s);
	tally_buf_puts(b, "\n");
}

static void
test_generated(void **state)
{
	struct tally_buf b = TALLY_BUF_INIT;
	char name[64];
	size_t plain = 0, i, k, n, r;

	(void)state;
	for (i = 0; i < 6000; i++) {
		tally_buf_reset(&b);
		n = 1 + next() % 10;
		for (k = 0; k < n; k++) {
			if (next() % 40 == 0) {
				/* Long lines: a cell far from its pipe, a long
				 * paragraph line. */
				size_t m = 1000 + next() % 100;

				tally_buf_puts(&b, next() % 2 ? "| 1 |" : "很长");
				while (m-- > 0)
					tally_buf_puts(&b, next() % 2 ? " " : "字");
				tally_buf_puts(&b, next() % 2 ? "x | 2 |\n" : "x\n");
			}
			switch (next() % 4) {
			case 0:
				line(&b, PICK(headings));
				break;
			case 1:
				for (r = 1 + next() % 3; r > 0; r--)
					line(&b, PICK(texts));
				break;
			default:
				line(&b, "| 序号 | 项目 | 金额 |");
				line(&b, PICK(delims));
				for (r = next() % 4; r > 0; r--)
					line(&b, PICK(rows));
				break;
			}
			/* Mostly a blank line between blocks. */
			if (next() % 6 != 0)
				line(&b, next() % 8 ? "" : "  ");
		}
		/* Sometimes no line end at the end. */
		if (b.len > 0 && next() % 3 == 0)
			b.data[--b.len] = '\0';
		snprintf(name, sizeof(name), "generated body %zu", i);
		plain += check_body(name, tally_buf_cstr(&b), b.len,
		    1 + next() % 40);
	}
	tally_buf_free(&b);
	/* Both paths are exercised: a good share of the bodies is plain,
	 * and a good share is not. */
	print_message("%zu of %zu generated bodies plain\n", plain, i);
	assert_true(plain > i / 5);
	assert_true(plain < i - i / 5);
}

/* Bodies at the edges of what locate does in one step: a cell whose
 * text is past MARKUP_GAP_MAX spaces, very long lines. */
static void
test_edges(void **state)
{
	struct tally_buf b = TALLY_BUF_INIT;
	size_t k, pad[] = {10, 1000, 1023, 1024, 1025, 3000};

	(void)state;
	for (k = 0; k < sizeof(pad) / sizeof(pad[0]); k++) {
		size_t i;

		tally_buf_reset(&b);
		tally_buf_puts(&b, "# 表\n\n| a | b |\n|---|---|\n|");
		for (i = 0; i < pad[k]; i++)
			tally_buf_puts(&b, " ");
		tally_buf_puts(&b, "文字 | 2 |\n\n");
		for (i = 0; i < pad[k]; i++)
			tally_buf_puts(&b, "长");
		tally_buf_puts(&b, "\n");
		for (i = 0; i < pad[k]; i++)
			tally_buf_puts(&b, i % 7 ? " " : "段");
		tally_buf_puts(&b, "尾\n");
		/* Rows of a kilobyte or more go to cmark (the row is
		 * pad + 13 bytes). */
		assert_int_equal(check_body("edge body", tally_buf_cstr(&b), b.len,
		    3), pad[k] + 13 < 1024);
	}
	tally_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_generated),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_listed_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
