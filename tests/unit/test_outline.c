/*
 * test_outline.c - the outline of a Markdown body: sections nested by
 * heading level with their numbering and titles, blocks with plain text
 * and exact source positions (file lines, code-point columns), tables,
 * list items, HTML comments, links, safe rendering, and bodies that must
 * not crash the parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/model.h"

struct parsed {
	struct tally_arena arena;
	struct tally_outline o;
};

static struct parsed *
parse_n(const char *md, size_t n, uint32_t first_line)
{
	struct parsed *p = calloc(1, sizeof(*p));

	assert_non_null(p);
	assert_int_equal(tally_outline_parse(&p->arena, md, n, first_line, &p->o),
	    0);
	return p;
}

static struct parsed *
parse(const char *md, uint32_t first_line)
{
	return parse_n(md, strlen(md), first_line);
}

static void
done(struct parsed *p)
{
	tally_outline_release(&p->o);
	tally_arena_free(&p->arena);
	free(p);
}

static const struct tally_block *
block(const struct parsed *p, size_t i)
{
	const struct tally_block *b = p->o.blocks;

	while (b && i-- > 0)
		b = b->next;
	assert_non_null(b);
	return b;
}

static const struct tally_section *
child(const struct tally_section *s, size_t i)
{
	const struct tally_section *c = s->child;

	while (c && i-- > 0)
		c = c->next;
	assert_non_null(c);
	return c;
}

static void
assert_pos(struct tally_pos pos, uint32_t line, uint32_t col)
{
	if (pos.line != line || pos.col != col)
		print_error("position %u:%u, want %u:%u\n", (unsigned)pos.line,
		    (unsigned)pos.col, (unsigned)line, (unsigned)col);
	assert_int_equal(pos.line, line);
	assert_int_equal(pos.col, col);
}

/* The position of the first occurrence of needle in a block's text. */
static struct tally_pos
pos_of(const struct tally_block *b, const char *needle)
{
	const char *f = strstr(b->text, needle);

	assert_non_null(f);
	return tally_block_pos(b, (size_t)(f - b->text));
}

static int
contains(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
test_sections_nesting(void **state)
{
	static const char md[] =
	    "前言\n"                  /* 1 */
	    "\n"                      /* 2 */
	    "## 一、摘要\n"           /* 3 */
	    "正文\n"                  /* 4 */
	    "## 二、 概况\n"          /* 5 */
	    "### （一）机构设置、编制\n" /* 6 */
	    "#### 1.评价结果\n"       /* 7 */
	    "内容\n"                  /* 8 */
	    "### (二)部门机构设置\n"  /* 9 */
	    "## 三、问题\n"           /* 10 */
	    "#### ⑴ 跳级\n"           /* 11 */
	    "### （一）回到三级\n"    /* 12 */
	    "# 总\n"                  /* 13 */
	    "尾\n";                   /* 14 */
	struct parsed *p = parse(md, 1);
	const struct tally_section *root = &p->o.root, *s1, *s2, *s3, *s, *t;

	(void)state;
	assert_int_equal(root->level, 0);
	assert_string_equal(root->title, "");
	assert_pos(root->pos, 1, 1);
	assert_int_equal(root->end_line, 14);
	assert_int_equal(root->nblocks, 1);
	assert_string_equal(root->first->text, "前言");
	assert_int_equal(root->nchild, 4);

	s1 = child(root, 0);
	assert_int_equal(s1->level, 2);
	assert_int_equal(s1->num.style, TALLY_NUM_CN);
	assert_int_equal(s1->num.value, 1);
	assert_string_equal(s1->heading, "一、摘要");
	assert_string_equal(s1->title, "摘要");
	assert_pos(s1->pos, 3, 1);
	assert_int_equal(s1->end_line, 4);
	assert_int_equal(s1->nblocks, 1);
	assert_string_equal(s1->first->text, "正文");
	assert_ptr_equal(s1->first->section, s1);
	assert_ptr_equal(s1->parent, root);

	s2 = child(root, 1);
	assert_string_equal(s2->heading, "二、 概况");
	assert_string_equal(s2->title, "概况");
	assert_int_equal(s2->num.value, 2);
	assert_int_equal(s2->end_line, 9);
	assert_int_equal(s2->nchild, 2);
	assert_int_equal(s2->nblocks, 0);
	assert_null(s2->first);

	s = child(s2, 0);
	assert_int_equal(s->level, 3);
	assert_int_equal(s->num.style, TALLY_NUM_CN_PAREN);
	assert_int_equal(s->num.value, 1);
	assert_string_equal(s->title, "机构设置、编制");
	assert_int_equal(s->end_line, 8);
	t = child(s, 0);
	assert_int_equal(t->level, 4);
	assert_int_equal(t->num.style, TALLY_NUM_ARABIC);
	assert_int_equal(t->num.value, 1);
	assert_string_equal(t->title, "评价结果");
	assert_pos(t->pos, 7, 1);
	assert_int_equal(t->end_line, 8);
	assert_string_equal(t->first->text, "内容");
	assert_ptr_equal(t->parent, s);

	s = child(s2, 1);
	assert_int_equal(s->num.style, TALLY_NUM_CN_PAREN);
	assert_int_equal(s->num.value, 2);
	assert_string_equal(s->title, "部门机构设置");
	assert_int_equal(s->end_line, 9);
	assert_null(s->next);

	/* ## then ####: the #### is still a child of the ##, and the ###
	 * after it closes the #### and is the ##'s second child. */
	s3 = child(root, 2);
	assert_string_equal(s3->title, "问题");
	assert_int_equal(s3->nchild, 2);
	assert_int_equal(child(s3, 0)->level, 4);
	assert_int_equal(child(s3, 0)->num.style, TALLY_NUM_PAREN_DIGIT);
	assert_string_equal(child(s3, 0)->title, "跳级");
	assert_int_equal(child(s3, 0)->end_line, 11);
	assert_int_equal(child(s3, 1)->level, 3);
	assert_string_equal(child(s3, 1)->title, "回到三级");
	assert_int_equal(s3->end_line, 12);

	/* A # after them all closes everything back to the root. */
	s = child(root, 3);
	assert_int_equal(s->level, 1);
	assert_int_equal(s->num.style, TALLY_NUM_NONE);
	assert_string_equal(s->title, "总");
	assert_int_equal(s->end_line, 14);
	assert_string_equal(s->first->text, "尾");

	assert_int_equal(p->o.nblocks, 4);
	done(p);
}

static void
test_heading_titles(void **state)
{
	static const char md[] =
	    "# 一、摘要\n"
	    "# 一、 摘要\n"
	    "# 一 、摘要\n"
	    "# （一）机构设置、编制\n"
	    "# (一)部门机构设置\n"
	    "# 1.评价结果\n"
	    "# 2. 评价结果\n"
	    "# ⑴ 细项\n"
	    "# ①细项\n"
	    "# 部门整体支出绩效自评报告\n"
	    "# 十、**其他**事项 #\n"
	    "#\n"
	    "# 一是\n";
	static const struct {
		enum tally_numstyle style;
		int value;
		const char *heading, *title;
	} want[] = {
		{TALLY_NUM_CN, 1, "一、摘要", "摘要"},
		{TALLY_NUM_CN, 1, "一、 摘要", "摘要"},
		{TALLY_NUM_CN, 1, "一 、摘要", "摘要"},
		{TALLY_NUM_CN_PAREN, 1, "（一）机构设置、编制", "机构设置、编制"},
		{TALLY_NUM_CN_PAREN, 1, "(一)部门机构设置", "部门机构设置"},
		{TALLY_NUM_ARABIC, 1, "1.评价结果", "评价结果"},
		{TALLY_NUM_ARABIC, 2, "2. 评价结果", "评价结果"},
		{TALLY_NUM_PAREN_DIGIT, 1, "⑴ 细项", "细项"},
		{TALLY_NUM_CIRCLED, 1, "①细项", "细项"},
		{TALLY_NUM_NONE, 0, "部门整体支出绩效自评报告",
		    "部门整体支出绩效自评报告"},
		{TALLY_NUM_CN, 10, "十、其他事项", "其他事项"},
		{TALLY_NUM_NONE, 0, "", ""},
		{TALLY_NUM_NONE, 0, "一是", "一是"},
	};
	struct parsed *p = parse(md, 1);
	const struct tally_section *s = p->o.root.child;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++, s = s->next) {
		assert_non_null(s);
		assert_int_equal(s->level, 1);
		assert_int_equal(s->num.style, want[i].style);
		assert_int_equal(s->num.value, want[i].value);
		assert_string_equal(s->heading, want[i].heading);
		assert_string_equal(s->title, want[i].title);
		assert_int_equal(s->pos.line, i + 1);
		assert_int_equal(s->end_line, i + 1);
	}
	assert_null(s);
	done(p);
}

static void
test_setext_and_nested_headings(void **state)
{
	static const char md[] =
	    "二、概况\n"   /* 5 */
	    "====\n"       /* 6 */
	    "正文\n"       /* 7 */
	    "\n"           /* 8 */
	    "> ## 引用里的标题\n" /* 9 */
	    "\n";
	struct parsed *p = parse(md, 5);
	const struct tally_section *s = p->o.root.child;

	(void)state;
	assert_non_null(s);
	assert_int_equal(s->level, 1);
	assert_int_equal(s->num.style, TALLY_NUM_CN);
	assert_string_equal(s->title, "概况");
	assert_pos(s->pos, 5, 1);
	assert_string_equal(s->first->text, "正文");
	/* The body ends with an empty line 10: sections run to it. */
	assert_int_equal(s->end_line, 10);
	assert_null(s->next);
	/* A heading in a block quote is a section like any other. */
	assert_int_equal(s->nchild, 1);
	assert_int_equal(s->child->level, 2);
	assert_string_equal(s->child->title, "引用里的标题");
	assert_pos(s->child->pos, 9, 3);
	assert_int_equal(s->child->end_line, 10);
	assert_int_equal(p->o.root.end_line, 10);
	done(p);
}


static void
test_positions(void **state)
{
	static const char md[] =
	    "## 一、摘要\n"                                          /* 20 */
	    "\n"                                                     /* 21 */
	    "区网格化**指挥中心**紧紧围绕盘龙区委、区政府中心工作，\n" /* 22 */
	    "整体预算总支出232.4万元，其中：基本支出209.52万元。\n"   /* 23 */
	    "\n"                                                     /* 24 */
	    "　　缩进的段落*强调*之后\n";                            /* 25 */
	struct parsed *p = parse(md, 20);
	const struct tally_block *b;

	(void)state;
	assert_pos(p->o.root.child->pos, 20, 1);
	b = block(p, 0);
	assert_int_equal(b->kind, TALLY_BLOCK_PARA);
	assert_string_equal(b->text,
	    "区网格化指挥中心紧紧围绕盘龙区委、区政府中心工作，\n"
	    "整体预算总支出232.4万元，其中：基本支出209.52万元。");
	assert_int_equal(b->len, strlen(b->text));
	assert_pos(b->pos, 22, 1);
	assert_int_equal(b->end_line, 23);
	assert_int_equal(b->spans[0].off, 0);
	assert_pos(tally_block_pos(b, 0), 22, 1);
	assert_pos(pos_of(b, "网格"), 22, 2);
	/* Inside and after **bold**: the asterisks take columns 5-6 and
	 * 11-12, and columns count characters, not bytes. */
	assert_pos(pos_of(b, "指挥"), 22, 7);
	assert_pos(pos_of(b, "紧紧"), 22, 13);
	assert_pos(pos_of(b, "区政府"), 22, 22);
	assert_pos(pos_of(b, "中心工作"), 22, 25);
	assert_pos(pos_of(b, "，\n"), 22, 29);
	assert_pos(pos_of(b, "整体"), 23, 1);
	assert_pos(pos_of(b, "232.4"), 23, 8);
	assert_pos(pos_of(b, "209.52"), 23, 23);
	/* An offset past the end is clamped to the end. */
	assert_pos(tally_block_pos(b, b->len + 100), 23, 32);

	b = block(p, 1);
	assert_string_equal(b->text, "　　缩进的段落强调之后");
	assert_int_equal(b->num.style, TALLY_NUM_NONE);
	assert_pos(b->pos, 25, 1);
	assert_pos(pos_of(b, "缩进"), 25, 3);
	assert_pos(pos_of(b, "强调"), 25, 9);
	assert_pos(pos_of(b, "之后"), 25, 12);
	done(p);
}

static void
test_positions_markup(void **state)
{
	static const char md[] =
	    "> 引用**粗**后\n"             /* 1 */
	    "> 第二行`代码`尾\n"           /* 2 */
	    "\n"                           /* 3 */
	    "- 项目一\n"                   /* 4 */
	    "  续行**粗**尾\n"             /* 5 */
	    "\n"                           /* 6 */
	    "跨行`代码\n"                  /* 7 */
	    "跨行`之后 &amp; 实体 \\*星\n"; /* 8 */
	struct parsed *p = parse(md, 1);
	const struct tally_block *b;

	(void)state;
	b = block(p, 0);
	assert_string_equal(b->text, "引用粗后\n第二行代码尾");
	assert_pos(b->pos, 1, 3);
	assert_pos(pos_of(b, "引用"), 1, 3);
	assert_pos(pos_of(b, "后"), 1, 10);
	assert_pos(pos_of(b, "第二行"), 2, 3);
	assert_pos(pos_of(b, "代码"), 2, 7);
	assert_pos(pos_of(b, "尾"), 2, 10);

	b = block(p, 1);
	assert_int_equal(b->kind, TALLY_BLOCK_ITEM);
	assert_string_equal(b->text, "项目一\n续行粗尾");
	assert_pos(b->pos, 4, 3);
	assert_pos(pos_of(b, "续行"), 5, 3);
	assert_pos(pos_of(b, "尾"), 5, 10);

	/* A code span across lines: cmark's own positions go wrong after
	 * it; ours follow the source. */
	b = block(p, 2);
	assert_string_equal(b->text, "跨行代码 跨行之后 & 实体 *星");
	assert_pos(pos_of(b, "代码"), 7, 4);
	assert_pos(tally_block_pos(b, strlen("跨行代码 ")), 8, 1);
	assert_pos(pos_of(b, "之后"), 8, 4);
	assert_pos(pos_of(b, "&"), 8, 7);
	assert_pos(pos_of(b, "实体"), 8, 13);
	assert_pos(pos_of(b, "*星"), 8, 17);
	assert_pos(pos_of(b, "星"), 8, 18);
	done(p);
}

static void
test_paragraph_numbering(void **state)
{
	static const char md[] =
	    "1.根据《昆明市盘龙区机构编制委员会》文件精神。\n\n"
	    "2.2019年6月20日，更名。\n\n"
	    "一是加强管理。\n\n"
	    "（三）其他\n\n"
	    "1.5万元用于办公。\n\n"
	    "　　二、缩进\n\n"
	    "⑵负责落实\n\n"
	    "a. 因公出国（境）费0支出；\n";
	static const struct {
		enum tally_numstyle style;
		int value;
		size_t len;
	} want[] = {
		{TALLY_NUM_ARABIC, 1, 2},
		{TALLY_NUM_ARABIC, 2, 2},
		{TALLY_NUM_NONE, 0, 0},
		{TALLY_NUM_CN_PAREN, 3, 9},
		{TALLY_NUM_NONE, 0, 0},
		{TALLY_NUM_CN, 2, 12},
		{TALLY_NUM_PAREN_DIGIT, 2, 3},
		{TALLY_NUM_LATIN, 1, 3},
	};
	struct parsed *p = parse(md, 1);
	size_t i;

	(void)state;
	assert_int_equal(p->o.nblocks, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct tally_block *b = block(p, i);

		assert_int_equal(b->kind, TALLY_BLOCK_PARA);
		assert_int_equal(b->num.style, want[i].style);
		assert_int_equal(b->num.value, want[i].value);
		assert_int_equal(b->num.len, want[i].len);
		assert_pos(b->pos, 2 * i + 1, 1);
	}
	assert_string_equal(block(p, 0)->text + block(p, 0)->num.len,
	    "根据《昆明市盘龙区机构编制委员会》文件精神。");
	done(p);
}

static void
test_lists(void **state)
{
	static const char md[] =
	    "- 第一项\n"      /* 1 */
	    "- 第二项\n"      /* 2 */
	    "\n"              /* 3 */
	    "  第二段\n"      /* 4 */
	    "\n"              /* 5 */
	    "3. 三\n"         /* 6 */
	    "4. （五）四\n"   /* 7 */
	    "6. 六\n"         /* 8 */
	    "   - 嵌套\n";    /* 9 */
	struct parsed *p = parse(md, 1);
	const struct tally_block *b;

	(void)state;
	assert_int_equal(p->o.nblocks, 7);
	b = block(p, 0);
	assert_int_equal(b->kind, TALLY_BLOCK_ITEM);
	assert_string_equal(b->text, "第一项");
	assert_int_equal(b->num.style, TALLY_NUM_NONE);
	assert_pos(b->pos, 1, 3);
	assert_int_equal(block(p, 1)->kind, TALLY_BLOCK_ITEM);
	/* An item's later paragraphs are paragraphs. */
	b = block(p, 2);
	assert_int_equal(b->kind, TALLY_BLOCK_PARA);
	assert_string_equal(b->text, "第二段");
	assert_pos(b->pos, 4, 3);
	/* Ordered items carry the number written in their marker, so a
	 * gap (4 -> 6) stays visible; len 0: it is not in the text. */
	b = block(p, 3);
	assert_int_equal(b->kind, TALLY_BLOCK_ITEM);
	assert_string_equal(b->text, "三");
	assert_int_equal(b->num.style, TALLY_NUM_ARABIC);
	assert_int_equal(b->num.value, 3);
	assert_int_equal(b->num.len, 0);
	assert_pos(b->pos, 6, 4);
	/* Numbering in the item's text wins over the marker. */
	b = block(p, 4);
	assert_int_equal(b->num.style, TALLY_NUM_CN_PAREN);
	assert_int_equal(b->num.value, 5);
	assert_int_equal(b->num.len, 9);
	b = block(p, 5);
	assert_int_equal(b->num.value, 6);
	b = block(p, 6);
	assert_int_equal(b->kind, TALLY_BLOCK_ITEM);
	assert_string_equal(b->text, "嵌套");
	assert_int_equal(b->num.style, TALLY_NUM_NONE);
	assert_pos(b->pos, 9, 6);
	done(p);
}

static void
test_tables(void **state)
{
	static const char md[] =
	    "前文\n"                                  /* 1 */
	    "\n"                                      /* 2 */
	    "| 项目 | 年初预算 | 执行数 |\n"          /* 3 */
	    "|:---|---:|---|\n"                       /* 4 */
	    "| 基本支出 | 209.52 | **200** |\n"      /* 5 */
	    "| 项目支出 |  |\n"                       /* 6 */
	    "| 合计 \\| 总 | 232.4 | 1 | 多余 |\n"    /* 7 */
	    "\n"                                      /* 8 */
	    "后文\n";                                 /* 9 */
	struct parsed *p = parse(md, 11);
	const struct tally_block *b;
	const struct tally_table *t;
	const struct tally_cell *c;

	(void)state;
	assert_int_equal(p->o.nblocks, 3);
	b = block(p, 1);
	assert_int_equal(b->kind, TALLY_BLOCK_TABLE);
	assert_pos(b->pos, 13, 1);
	assert_int_equal(b->end_line, 17);
	t = b->table;
	assert_non_null(t);
	assert_int_equal(t->nrows, 4);
	assert_int_equal(t->ncols, 3);

	assert_string_equal(tally_table_cell(t, 0, 0)->text, "项目");
	assert_pos(tally_table_cell(t, 0, 0)->pos, 13, 3);
	assert_string_equal(tally_table_cell(t, 0, 1)->text, "年初预算");
	assert_pos(tally_table_cell(t, 0, 1)->pos, 13, 8);
	assert_string_equal(tally_table_cell(t, 0, 2)->text, "执行数");
	assert_pos(tally_table_cell(t, 0, 2)->pos, 13, 15);

	assert_string_equal(tally_table_cell(t, 1, 0)->text, "基本支出");
	assert_string_equal(tally_table_cell(t, 1, 1)->text, "209.52");
	assert_pos(tally_table_cell(t, 1, 1)->pos, 15, 10);
	/* A cell's position is its text's, after markup. */
	c = tally_table_cell(t, 1, 2);
	assert_string_equal(c->text, "200");
	assert_pos(c->pos, 15, 21);

	/* A short row: an empty cell sits after its pipe, a missing one
	 * after the row. */
	assert_string_equal(tally_table_cell(t, 2, 0)->text, "项目支出");
	assert_pos(tally_table_cell(t, 2, 0)->pos, 16, 3);
	assert_string_equal(tally_table_cell(t, 2, 1)->text, "");
	assert_pos(tally_table_cell(t, 2, 1)->pos, 16, 9);
	assert_string_equal(tally_table_cell(t, 2, 2)->text, "");
	assert_pos(tally_table_cell(t, 2, 2)->pos, 16, 12);

	/* An escaped pipe is text; cells beyond the header are dropped. */
	assert_string_equal(tally_table_cell(t, 3, 0)->text, "合计 | 总");
	assert_pos(tally_table_cell(t, 3, 0)->pos, 17, 3);
	assert_string_equal(tally_table_cell(t, 3, 1)->text, "232.4");
	assert_pos(tally_table_cell(t, 3, 1)->pos, 17, 13);
	assert_string_equal(tally_table_cell(t, 3, 2)->text, "1");
	assert_pos(tally_table_cell(t, 3, 2)->pos, 17, 21);

	assert_null(tally_table_cell(t, 4, 0));
	assert_null(tally_table_cell(t, 0, 3));
	assert_null(tally_table_cell(NULL, 0, 0));

	/* The block's text: cells by tabs, rows by line ends. */
	assert_string_equal(b->text, "项目\t年初预算\t执行数\n"
	    "基本支出\t209.52\t200\n项目支出\t\t\n合计 | 总\t232.4\t1");
	assert_pos(pos_of(b, "209.52"), 15, 10);
	assert_pos(pos_of(b, "200\n"), 15, 21);
	assert_pos(pos_of(b, "00\n"), 15, 22);
	assert_pos(pos_of(b, "232.4"), 17, 13);
	/* After an escaped pipe the column is still exact. */
	assert_pos(pos_of(b, "总"), 17, 9);
	assert_int_equal(b->num.style, TALLY_NUM_NONE);

	assert_string_equal(block(p, 2)->text, "后文");
	assert_pos(block(p, 2)->pos, 19, 1);
	done(p);
}

static void
test_table_in_quote_and_alone(void **state)
{
	struct parsed *p;
	const struct tally_table *t;

	(void)state;
	p = parse("> | a | b |\n> |---|---|\n> | 1 | 2 |\n", 1);
	assert_int_equal(p->o.nblocks, 1);
	t = block(p, 0)->table;
	assert_int_equal(t->nrows, 2);
	assert_pos(tally_table_cell(t, 0, 1)->pos, 1, 9);
	assert_pos(tally_table_cell(t, 1, 0)->pos, 3, 5);
	assert_pos(tally_table_cell(t, 1, 1)->pos, 3, 9);
	assert_string_equal(tally_table_cell(t, 1, 1)->text, "2");
	done(p);

	/* A body that is only a header row. */
	p = parse("| 指标 |\n|---|", 1);
	assert_int_equal(p->o.nblocks, 1);
	assert_int_equal(p->o.root.nblocks, 1);
	t = block(p, 0)->table;
	assert_int_equal(t->nrows, 1);
	assert_int_equal(t->ncols, 1);
	assert_string_equal(tally_table_cell(t, 0, 0)->text, "指标");
	assert_pos(tally_table_cell(t, 0, 0)->pos, 1, 3);
	assert_int_equal(p->o.root.end_line, 2);
	done(p);
}

static void
test_table_after_paragraph(void **state)
{
	/* No blank line: the table interrupts the paragraph, and cmark-gfm
	 * loses the paragraph's position and misplaces the header. */
	static const char md[] =
	    "前文\n"                    /* 1 */
	    "\n"                        /* 2 */
	    "单位：**万元**\n"          /* 3 */
	    "第二行\n"                  /* 4 */
	    "| 项目 | 金额 |\n"         /* 5 */
	    "|---|---|\n"               /* 6 */
	    "| 基本 | 1 |\n"            /* 7 */
	    "\n"                        /* 8 */
	    "> 引用\n"                  /* 9 */
	    "> | a | b |\n"             /* 10 */
	    "> |---|---|\n";            /* 11 */
	struct parsed *p = parse(md, 1);
	const struct tally_block *b;
	const struct tally_table *t;

	(void)state;
	assert_int_equal(p->o.nblocks, 5);
	b = block(p, 1);
	assert_int_equal(b->kind, TALLY_BLOCK_PARA);
	assert_string_equal(b->text, "单位：万元\n第二行");
	assert_pos(b->pos, 3, 1);
	assert_int_equal(b->end_line, 4);
	assert_pos(pos_of(b, "万元"), 3, 6);
	assert_pos(pos_of(b, "第二行"), 4, 1);

	b = block(p, 2);
	assert_int_equal(b->kind, TALLY_BLOCK_TABLE);
	assert_pos(b->pos, 5, 1);
	assert_int_equal(b->end_line, 7);
	t = b->table;
	assert_string_equal(tally_table_cell(t, 0, 1)->text, "金额");
	assert_pos(tally_table_cell(t, 0, 1)->pos, 5, 8);
	assert_pos(tally_table_cell(t, 1, 0)->pos, 7, 3);

	b = block(p, 3);
	assert_string_equal(b->text, "引用");
	assert_pos(b->pos, 9, 3);
	assert_int_equal(b->end_line, 9);
	b = block(p, 4);
	assert_pos(b->pos, 10, 3);
	assert_int_equal(b->table->nrows, 1);
	assert_pos(tally_table_cell(b->table, 0, 1)->pos, 10, 9);
	done(p);
}

static void
test_code_blocks(void **state)
{
	static const char md[] =
	    "正文\n"           /* 1 */
	    "\n"               /* 2 */
	    "  ```c\n"         /* 3 */
	    "  int x;\n"       /* 4 */
	    "   y\n"           /* 5 */
	    "  ```\n"          /* 6 */
	    "\n"               /* 7 */
	    "    缩进代码\n"   /* 8 */
	    "    第二行\n";    /* 9 */
	struct parsed *p = parse(md, 1);
	const struct tally_block *b;

	(void)state;
	assert_int_equal(p->o.nblocks, 3);
	b = block(p, 1);
	assert_int_equal(b->kind, TALLY_BLOCK_CODE);
	assert_string_equal(b->text, "int x;\n y\n");
	assert_pos(b->pos, 3, 3);
	assert_int_equal(b->end_line, 6);
	assert_pos(pos_of(b, "int"), 4, 3);
	assert_pos(pos_of(b, "y"), 5, 4);
	b = block(p, 2);
	assert_int_equal(b->kind, TALLY_BLOCK_CODE);
	assert_string_equal(b->text, "缩进代码\n第二行\n");
	assert_pos(b->pos, 8, 5);
	assert_pos(pos_of(b, "第二行"), 9, 5);
	done(p);
}

static void
test_html_comments(void **state)
{
	static const char md[] =
	    "<!-- tally-disable-next-line P001 -- 口径不同 -->\n"          /* 1 */
	    "结案率达99.97%<!-- tally-disable-line P001 -- 见附表 -->。\n" /* 2 */
	    "\n"                                                           /* 3 */
	    "## 标题<!-- h -->\n"                                          /* 4 */
	    "<div>\n"                                                      /* 5 */
	    "x\n"                                                          /* 6 */
	    "</div>\n";                                                    /* 7 */
	struct parsed *p = parse(md, 1);
	struct tally_buf h = TALLY_BUF_INIT;
	const struct tally_section *s;
	const struct tally_block *b;

	(void)state;
	assert_int_equal(p->o.nblocks, 5);
	b = block(p, 0);
	assert_int_equal(b->kind, TALLY_BLOCK_HTML);
	assert_string_equal(b->text,
	    "<!-- tally-disable-next-line P001 -- 口径不同 -->\n");
	assert_pos(b->pos, 1, 1);
	assert_int_equal(b->end_line, 1);
	assert_ptr_equal(b->section, &p->o.root);

	b = block(p, 1);
	assert_int_equal(b->kind, TALLY_BLOCK_PARA);
	assert_string_equal(b->text, "结案率达99.97%。");
	assert_pos(b->pos, 2, 1);
	assert_pos(pos_of(b, "。"), 2, 50);

	/* The inline comment follows its paragraph, with its position. */
	b = block(p, 2);
	assert_int_equal(b->kind, TALLY_BLOCK_HTML);
	assert_string_equal(b->text,
	    "<!-- tally-disable-line P001 -- 见附表 -->");
	assert_pos(b->pos, 2, 11);
	assert_int_equal(b->end_line, 2);
	assert_ptr_equal(b->section, &p->o.root);

	s = p->o.root.child;
	assert_string_equal(s->heading, "标题");
	assert_string_equal(s->title, "标题");
	b = block(p, 3);
	assert_int_equal(b->kind, TALLY_BLOCK_HTML);
	assert_string_equal(b->text, "<!-- h -->");
	assert_pos(b->pos, 4, 6);
	assert_ptr_equal(b->section, s);

	b = block(p, 4);
	assert_int_equal(b->kind, TALLY_BLOCK_HTML);
	assert_string_equal(b->text, "<div>\nx\n</div>\n");
	assert_pos(b->pos, 5, 1);
	assert_int_equal(b->end_line, 7);
	assert_pos(pos_of(b, "x"), 6, 1);
	assert_ptr_equal(b->section, s);
	assert_int_equal(s->nblocks, 2);
	assert_ptr_equal(s->first, block(p, 3));

	/* No comment shows on the page, the directive with its " -- "
	 * (text for CommonMark 0.29) included. */
	tally_outline_render(&p->o, &h);
	assert_false(contains(tally_buf_cstr(&h), "tally-disable"));
	assert_false(contains(tally_buf_cstr(&h), "&lt;!--"));
	assert_true(contains(tally_buf_cstr(&h), "<p>结案率达99.97%"));
	assert_true(contains(tally_buf_cstr(&h), "。</p>"));
	tally_buf_free(&h);
	done(p);
}

static void
test_links(void **state)
{
	static const char md[] =
	    "见[附件1](files/a.pdf \"附件\")和![图一](img/1.png)。\n" /* 1 */
	    "<https://example.com/x> www.example.org 与 [引用][r]\n"  /* 2 */
	    "\n"                                                       /* 3 */
	    "[r]: ../b.md\n";                                          /* 4 */
	struct parsed *p = parse(md, 1);
	const struct tally_link *l = p->o.links;
	const struct tally_block *b;

	(void)state;
	assert_non_null(l);
	assert_string_equal(l->url, "files/a.pdf");
	assert_int_equal(l->image, 0);
	assert_pos(l->pos, 1, 2);
	l = l->next;
	assert_string_equal(l->url, "img/1.png");
	assert_int_equal(l->image, 1);
	assert_pos(l->pos, 1, 26);
	l = l->next;
	assert_string_equal(l->url, "https://example.com/x");
	assert_pos(l->pos, 2, 1);
	l = l->next;
	assert_string_equal(l->url, "http://www.example.org");
	assert_int_equal(l->image, 0);
	assert_pos(l->pos, 2, 25);
	l = l->next;
	assert_string_equal(l->url, "../b.md");
	assert_pos(l->pos, 2, 43);
	assert_null(l->next);

	/* Link text and alt text are text; destinations are not. */
	b = block(p, 0);
	assert_string_equal(b->text, "见附件1和图一。\n"
	    "https://example.com/x www.example.org 与 引用");
	assert_pos(pos_of(b, "附件1"), 1, 3);
	assert_pos(pos_of(b, "和"), 1, 25);
	assert_pos(pos_of(b, "图一"), 1, 28);
	assert_pos(pos_of(b, "。"), 1, 42);
	assert_pos(pos_of(b, "与"), 2, 41);
	assert_int_equal(p->o.nblocks, 1);
	done(p);

	/* An image inside a link; a link whose text ends a line. */
	p = parse("前[![图](i.png)](a.md)后\n[跨\n行](b.md)尾\n", 1);
	l = p->o.links;
	assert_string_equal(l->url, "a.md");
	assert_pos(l->pos, 1, 2);
	assert_string_equal(l->next->url, "i.png");
	assert_int_equal(l->next->image, 1);
	assert_pos(l->next->pos, 1, 3);
	assert_string_equal(l->next->next->url, "b.md");
	assert_pos(l->next->next->pos, 2, 1);
	b = block(p, 0);
	assert_string_equal(b->text, "前图后\n跨\n行尾");
	assert_pos(pos_of(b, "图"), 1, 5);
	assert_pos(pos_of(b, "后"), 1, 21);
	assert_pos(pos_of(b, "行"), 3, 1);
	assert_pos(pos_of(b, "尾"), 3, 9);
	done(p);
}


static void
test_render(void **state)
{
	struct tally_buf h = TALLY_BUF_INIT;
	struct parsed *p;

	(void)state;
	p = parse("# 一、摘要\n\n正文 **粗** ~~删~~\n\n| a | b |\n|---|---|\n"
	    "| 1 | 2 |\n", 1);
	tally_outline_render(&p->o, &h);
	assert_string_equal(tally_buf_cstr(&h),
	    "<h1>一、摘要</h1>\n"
	    "<p>正文 <strong>粗</strong> <del>删</del></p>\n"
	    "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n"
	    "<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n");
	done(p);
	tally_buf_free(&h);
}

static void
test_render_safety(void **state)
{
	static const char md[] =
	    "<script>alert(1)</script>\n"
	    "\n"
	    "正文<script>x</script>[坏](javascript:alert(1))"
	    "[坏2](JAVA&#x09;script:1)[坏3](vbscript:x)\n"
	    "[好](https://example.com/a) ![图](data:image/png;base64,AAAA) "
	    "[d](data:text/html,x) [f](file:///etc/passwd) [r](a/b:c)\n"
	    "[长](averyveryverylongfilename.pdf)"
	    "[长2](averyveryverylongscheme:x)\n"
	    "<iframe src=\"x\"></iframe>\n"
	    "\n"
	    "看<javascript:alert(2)>\n";
	struct tally_buf h = TALLY_BUF_INIT;
	struct parsed *p = parse(md, 1);
	const struct tally_link *l;
	const char *html;
	int n = 0;

	(void)state;
	tally_outline_render(&p->o, &h);
	html = tally_buf_cstr(&h);
	assert_false(contains(html, "<script"));
	assert_false(contains(html, "alert(1)"));
	assert_false(contains(html, "<iframe"));
	assert_false(contains(html, "href=\"\""));
	assert_false(contains(html, "<img"));
	/* Exactly the three safe links are links; the rest, the autolink
	 * to javascript: included, is text. */
	assert_int_equal(count(html, "<a "), 3);
	assert_int_equal(count(html, "href="), 3);
	assert_true(contains(html, "<p>看javascript:alert(2)</p>"));
	/* What the links said is kept as text; safe links stay links. */
	assert_true(contains(html, "坏"));
	assert_true(contains(html, "坏3"));
	assert_true(contains(html, "图"));
	assert_true(contains(html, "<a href=\"https://example.com/a\">好</a>"));
	assert_true(contains(html, "<a href=\"a/b:c\">r</a>"));
	assert_true(contains(html,
	    "<a href=\"averyveryverylongfilename.pdf\">长</a>"));
	/* The outline still lists every link as written. */
	for (l = p->o.links; l; l = l->next)
		n++;
	assert_int_equal(n, 11);
	assert_string_equal(p->o.links->url, "javascript:alert(1)");
	done(p);
	tally_buf_free(&h);
}

static void
test_release(void **state)
{
	struct tally_outline o;
	struct tally_buf h = TALLY_BUF_INIT;
	struct parsed *p;

	(void)state;
	memset(&o, 0, sizeof(o));
	tally_outline_release(&o);
	tally_outline_release(&o);
	tally_outline_release(NULL);
	tally_outline_render(&o, &h);
	assert_int_equal(h.len, 0);

	p = parse("正文\n", 1);
	tally_outline_release(&p->o);
	assert_null(p->o.doc);
	tally_outline_release(&p->o);
	/* The outline itself outlives the document. */
	assert_string_equal(p->o.blocks->text, "正文");
	tally_outline_render(&p->o, &h);
	assert_int_equal(h.len, 0);
	done(p);
}

/* Structural invariants every outline must keep, whatever the input. */
static void
check_outline(const struct tally_outline *o, uint32_t first_line)
{
	const struct tally_block *b;
	size_t n = 0, i;

	for (b = o->blocks; b; b = b->next, n++) {
		assert_non_null(b->section);
		assert_non_null(b->text);
		assert_int_equal(strlen(b->text), b->len);
		assert_true(b->nspans >= 1);
		assert_int_equal(b->spans[0].off, 0);
		for (i = 1; i < b->nspans; i++)
			assert_true(b->spans[i].off > b->spans[i - 1].off);
		for (i = 0; i < b->nspans; i++)
			assert_true(b->spans[i].off <= b->len);
		assert_true(b->pos.line >= first_line);
		assert_true(b->end_line >= b->pos.line);
		assert_true(b->end_line <= o->root.end_line);
		if (b->kind == TALLY_BLOCK_TABLE) {
			assert_non_null(b->table);
			assert_true(b->table->ncols >= 1);
		}
		(void)tally_block_pos(b, b->len / 2);
	}
	assert_int_equal(n, o->nblocks);
}

static void
test_edge_bodies(void **state)
{
	static const char nul[] = "正\0文\n**\0**\n";
	struct tally_buf big = TALLY_BUF_INIT, h = TALLY_BUF_INIT;
	struct parsed *p;
	int i;

	(void)state;
	/* Empty body (and no body at all). */
	p = parse("", 7);
	assert_int_equal(p->o.nblocks, 0);
	assert_null(p->o.blocks);
	assert_null(p->o.links);
	assert_null(p->o.root.child);
	assert_pos(p->o.root.pos, 7, 1);
	assert_int_equal(p->o.root.end_line, 7);
	tally_outline_render(&p->o, &h);
	assert_int_equal(h.len, 0);
	done(p);
	p = parse_n(NULL, 0, 1);
	assert_int_equal(p->o.nblocks, 0);
	done(p);

	/* Headings without text. */
	p = parse("##\n#\n###   \n", 1);
	assert_int_equal(p->o.root.nchild, 2);
	assert_string_equal(p->o.root.child->title, "");
	assert_int_equal(p->o.root.child->next->nchild, 1);
	done(p);

	/* NUL bytes (cmark reads them as U+FFFD, one column each). */
	p = parse_n(nul, sizeof(nul) - 1, 1);
	assert_string_equal(p->o.blocks->text,
	    "正\xEF\xBF\xBD文\n\xEF\xBF\xBD");
	assert_pos(pos_of(p->o.blocks, "文"), 1, 3);
	check_outline(&p->o, 1);
	done(p);

	/* Invalid UTF-8 does not crash. */
	p = parse("\xff\xfe 正文 \xe4\xb8\n## \xe4\n| \xff | a |\n|-|-|\n", 1);
	check_outline(&p->o, 1);
	done(p);

	/* Deep nesting: lists, quotes, brackets and emphasis. */
	for (i = 0; i < 3000; i++)
		tally_buf_puts(&big, "- ");
	tally_buf_puts(&big, "底\n\n");
	for (i = 0; i < 3000; i++)
		tally_buf_puts(&big, ">");
	tally_buf_puts(&big, " 引\n\n");
	for (i = 0; i < 3000; i++)
		tally_buf_puts(&big, "[*");
	tally_buf_puts(&big, "中");
	for (i = 0; i < 3000; i++)
		tally_buf_puts(&big, "*](x)");
	tally_buf_puts(&big, "\n");
	p = parse(tally_buf_cstr(&big), 1);
	check_outline(&p->o, 1);
	assert_true(p->o.nblocks >= 3);
	assert_string_equal(p->o.blocks->text, "底");
	tally_outline_render(&p->o, &h);
	done(p);
	tally_buf_free(&big);
	tally_buf_free(&h);
}

/* Every prefix of a body that uses every construct: truncated markup of
 * every kind must parse, keep the invariants and render. */
static void
test_prefixes(void **state)
{
	static const char md[] =
	    "前言 &amp; \\*转义\\*\n\n"
	    "## 一、摘要 ##\n"
	    "区网格化**指挥中心**`代 码`[链接](http://x.cn \"t\")![图](a.png)\n"
	    "第二行<!-- c -->尾 <b>粗</b> www.example.com\n\n"
	    "> 引用\n> | a | b |\n> |---|---|\n> | 1 | \\| |\n\n"
	    "1. 一\n2. 二\n   - 嵌套 [r]\n\n"
	    "```\ncode\n```\n\n"
	    "<div>\nhtml\n</div>\n\n"
	    "[r]: /b.md\n"
	    "二、标题\n---\n";
	struct tally_buf h = TALLY_BUF_INIT;
	size_t n;

	(void)state;
	for (n = 0; n <= sizeof(md) - 1; n++) {
		struct parsed *p = parse_n(md, n, 3);

		check_outline(&p->o, 3);
		tally_buf_reset(&h);
		tally_outline_render(&p->o, &h);
		done(p);
	}
	tally_buf_free(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections_nesting),
		cmocka_unit_test(test_heading_titles),
		cmocka_unit_test(test_setext_and_nested_headings),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_positions_markup),
		cmocka_unit_test(test_paragraph_numbering),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_table_in_quote_and_alone),
		cmocka_unit_test(test_table_after_paragraph),
		cmocka_unit_test(test_code_blocks),
		cmocka_unit_test(test_html_comments),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_render_safety),
		cmocka_unit_test(test_release),
		cmocka_unit_test(test_edge_bodies),
		cmocka_unit_test(test_prefixes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
