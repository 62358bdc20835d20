/*
 * test_yamlfast.c - the fast YAML reader against libyaml: wherever the fast
 * reader accepts a text, libyaml must accept it too and build the same
 * fact tree, node by node (kinds, keys, text, positions, flags).  Checked
 * on hand-written snippets, on every front matter and YAML file of the
 * repository, and on a deterministic stream of mutated texts.
 *
 * Extra arguments: directories whose .md and .yaml files are compared too
 * (e.g. a bench corpus), and --iters=N for a longer mutation run.
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
#include "model/yamlfast.h"

static char **extra_dirs;
static int nextra;
static long fuzz_iters = 30000;

/* ---------------------------------------------------------------------
 * Comparison
 * ------------------------------------------------------------------- */

static char why[512];

static int
same_node(const struct tally_fact *a, const struct tally_fact *b,
    const struct tally_fact *pa, const struct tally_fact *pb)
{
	const struct tally_fact *x, *y;

#define DIFF(...) do { snprintf(why, sizeof(why), __VA_ARGS__); return 0; } while (0)
	if (a->kind != b->kind)
		DIFF("kind %d vs %d at %u:%u", a->kind, b->kind,
		    a->pos.line, a->pos.col);
	if ((a->key == NULL) != (b->key == NULL) ||
	    (a->key && strcmp(a->key, b->key) != 0))
		DIFF("key \"%s\" vs \"%s\"", a->key ? a->key : "(null)",
		    b->key ? b->key : "(null)");
	if (a->key_pos.line != b->key_pos.line ||
	    a->key_pos.col != b->key_pos.col)
		DIFF("key_pos of \"%s\": %u:%u vs %u:%u", a->key ? a->key : "",
		    a->key_pos.line, a->key_pos.col, b->key_pos.line,
		    b->key_pos.col);
	if (a->pos.line != b->pos.line || a->pos.col != b->pos.col)
		DIFF("pos of \"%s\"/\"%.40s\": %u:%u vs %u:%u",
		    a->key ? a->key : "", a->text, a->pos.line, a->pos.col,
		    b->pos.line, b->pos.col);
	if (a->len != b->len || memcmp(a->text, b->text, a->len + 1) != 0)
		DIFF("text \"%.60s\" (%zu) vs \"%.60s\" (%zu) at %u:%u",
		    a->text, a->len, b->text, b->len, a->pos.line, a->pos.col);
	if (a->quoted != b->quoted || a->is_null != b->is_null)
		DIFF("flags of \"%s\" at %u:%u", a->text, a->pos.line,
		    a->pos.col);
	if (a->index != b->index || a->nchild != b->nchild)
		DIFF("index/nchild at %u:%u", a->pos.line, a->pos.col);
	if (a->parent != pa || b->parent != pb)
		DIFF("parent link at %u:%u", a->pos.line, a->pos.col);
	for (x = a->child, y = b->child; x && y; x = x->next, y = y->next)
		if (!same_node(x, y, a, b))
			return 0;
	if (x || y)
		DIFF("children count at %u:%u", a->pos.line, a->pos.col);
#undef DIFF
	return 1;
}

struct stats {
	long texts, fast, slow_ok, slow_err;
};

/* Parses text both ways; fails the test when the fast reader accepts
 * something libyaml reads differently or refuses.  Returns 1 when the fast
 * reader accepted. */
static int
check_text(const char *what, const char *text, size_t len, uint32_t line,
    struct stats *st)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_fact *fr = NULL, *sr = NULL;
	struct tally_yaml_error err;
	int frc, src;

	frc = tally_facts_parse_fast(&a, text, len, line, &fr);
	src = tally_facts_parse_libyaml(&a, text, len, line, &sr, &err);
	{
		/* the reader for text known to be UTF-8 decides the same */
		struct tally_fact *ur = NULL;
		size_t bad;
		if (tally_utf8_valid(text, len, &bad)) {
			int urc = tally_facts_parse_fast_utf8(&a, text, len, line,
			    &ur);
			if (urc != frc || (frc == 0 && !same_node(fr, ur, NULL,
			    NULL))) {
				fprintf(stderr, "%s: the UTF-8 reader differs\n"
				    "--- text ---\n%.*s\n------\n", what,
				    (int)len, text);
				fail();
			}
		}
	}
	if (st) {
		st->texts++;
		st->fast += frc == 0;
		st->slow_ok += src == 0;
		st->slow_err += src != 0;
	}
	if (frc == 0) {
		if (src != 0) {
			fprintf(stderr, "%s: fast reader accepted, libyaml: "
			    "%u:%u %s\n--- text ---\n%.*s\n------\n", what,
			    err.pos.line, err.pos.col, err.msg, (int)len, text);
			fail();
		}
		if (!same_node(fr, sr, NULL, NULL)) {
			fprintf(stderr, "%s: trees differ: %s\n--- text ---\n"
			    "%.*s\n------\n", what, why, (int)len, text);
			fail();
		}
	}
	tally_arena_free(&a);
	return frc == 0;
}

/* ---------------------------------------------------------------------
 * Snippets
 * ------------------------------------------------------------------- */

struct snippet {
	int fast; /* 1: the fast reader must take it */
	const char *text;
};

static const struct snippet snippets[] = {
	{1, ""},
	{1, "\n\n"},
	{1, "# only a comment\n"},
	{1, "a: 1"},
	{1, "a: 1\n"},
	{1, "a: 1\nb: two words\nc: 3.50\n"},
	{1, "type: department-overall\ntitle: 2023年度区社会治理中心整体支出绩效评价报告\n"
	    "year: 2023\npublished: 2024-03-22\n"},
	{1, "figures:\n  expenditure:\n    total: 426.65\n    basic:\n"
	    "      total: 227.74\n  budget: 1\nnext: 2\n"},
	{1, "rate: \"96.56%\"\nshare: '53.38%'\n"},
	{1, "q: \"a \\\"quoted\\\" word\\\\ and \\t tab \\n nl\"\n"},
	{1, "q: \"\\x41\\u4e2d\\U0001F600 \\N\\_\\L\\P\\e\\a\\b\\v\\f\\r\\ \"\n"},
	{1, "s: 'it''s ''quoted'''\n"},
	{1, "s: ''\nd: \"\"\n"},
	{1, "h: \"# not a comment\"\ni: '#also not'\nj: a#b\nk: a # c\n"},
	{1, "url: http://example.com:8080/a?b=c\ntime: 12:30\n"},
	{1, "a:\nb:   \nc: # comment\nd: ~\ne: null\nf: Null\ng: NULL\nh: nulls\n"},
	{1, "a:\n"},
	{1, "a:"},
	{1, "list:\n  - a\n  - b\n  -\n  - 'c'\n"},
	{1, "list:\n- a\n- b\nnext: 1\n"},
	{1, "list:\n-\n- b\n"},
	{1, "checks:\n  - id: x\n    ratio: [a.b, c.d]\n    equals: e.f\n"
	    "  - id: y\n    sum: [a, b, c]\n"},
	{1, "- a\n- b: 1\n  c: 2\n-\n  d: 3\n- [x, y]\n"},
	{1, "items:\n  - a: 1\n    b:\n      - x\n      - y\n  - c:\n    - z\n"},
	{1, "items:\n  - a:\n  - b:\n    c: 1\n"},
	{1, "e: {total: 232.4, basic: 209.52}\nf: {}\ng: []\n"},
	{1, "e: {a: \"≥95%\", b: [1, 2], c: {d: e}}\n"},
	{1, "e: [ a , b c ,  'd e' , \"f\" ]\n"},
	{1, "- {level1: 项目管理, name: 项目管理, target: \"≥95%\", weight: 20}\n"},
	{1, "标题: 盘龙分中心\n单位: {名称: 昆明市, 级别: 区级}\n列表: [甲, 乙]\n"},
	{1, "k: 中文值 # 注释\n中文键: x\n"},
	{1, "a: 1   \nb: 'x'   \nc: [1]   \n"},
	{1, "   # indented comment\na: 1\n      # odd comment\nb:\n  # c\n  c: 2\n# end\n"},
	{1, "  a: 1\n  b: 2\n"},
	{1, "\"quoted key\": 1\n'single key': 2\n\"k\" : 3\n"},
	{1, "a b: 1\na  : 2\n"},
	{1, "neg: -3.2\nsign: +4\npct: 99.97%\ndash: a-b\n"},
	{1, "a: x, y\nb: x] y\nc: x} {y\nd: ok?\n"},
	{0, "a: -\"x\"\n"},
	{1, "deep:\n  a:\n    b:\n      c:\n        d: [[1, 2], [3]]\n"},
	{0, "a:\n  - - x\n"},
	/* outside the subset: libyaml decides */
	{0, "a: |\n  block\n"},
	{0, "a: >\n  folded\n"},
	{0, "a: &x 1\nb: *x\n"},
	{0, "a: !!str 1\n"},
	{0, "%YAML 1.1\n---\na: 1\n"},
	{0, "---\na: 1\n"},
	{0, "a: 1\n---\nb: 2\n"},
	{0, "a: 1\n...\n"},
	{0, "a: multi\n  line\n"},
	{0, "a: 'multi\n  line'\n"},
	{0, "a: \"multi\n  line\"\n"},
	{0, "a: [1,\n  2]\n"},
	{0, "a:\tb\n"},
	{0, "a: 1\r\nb: 2\r\n"},
	{0, "a: 1\nb: 2\na: 3\n"},
	{0, "? a\n: b\n"},
	{0, "a: b: c\n"},
	{0, "a: 1\n b: 2\n"},
	{0, "a:\n  b: 1\n c: 2\n"},
	{0, "a: [1, 2\n"},
	{0, "a: {b}\n"},
	{0, "a: [1, 2,]\n"},
	{0, "a: [b: c]\n"},
	{0, "a: \"\\0\"\n"},
	{0, "a: \"\\/\"\n"},
	{0, "a: \"\\q\"\n"},
	{0, "\"\\x00\": 1\n"},
	{0, "a: 'x'y\n"},
	{0, "a: \"x\"#c\n"},
	{0, "- a\nb: 1\n"},
	{0, "a: 1\n- b\n"},
	{0, "just a scalar\n"},
	{0, "a: - b\n"},
	{0, "a: @x\n"},
	{0, "a: `x`\n"},
	{0, "a: 1\n\xef\xbb\xbf"},
	{0, "a: \xc2\x85\n"},
	{0, "a: \xe2\x80\xa8\n"},
	{0, "a: \xff\n"},
	{0, "a: \x01\n"},
	{0, "[a, b]\n"},
	{0, "{a: 1}\n"},
	{0, "a: {b: [c, {d: e}], f: g}  # c\n"},
	{0, "a:\n  - x\n - y\n"},
	{0, "a:\n  - x\n  y: 1\n"},
	{0, "a:\n- x\n  - y\n"},
	{0, "a: x\n    # more indented comment\nb: y\n"},
	{0, "a: [x] y\n"},
	{0, "a: 'x' 'y'\n"},
	{0, "a:b\n"},
	{0, "-a: 1\n"},
	{0, "- -1\n- -a\n"},
	{0, "a: [-1, -b, - c]\n"},
	{0, "a: {\"x\":1}\n"},
	{0, "a: {x: }\n"},
	{0, "a: [x #c\n  ]\n"},
};

/* Characters the readers decline, or take, by their bytes, at every
 * offset of a sixteen-byte block and across blocks, after ASCII and after
 * Chinese: the reader for text known to be UTF-8 checks them a block at a
 * time and must decide as the other does (check_text). */
static void
test_utf8_reader(void **state)
{
	static const char *const chars[] = {
	    "\xc2\x85", "\xc2\x9f", "\xc2\xa0", "\xe2\x80\xa8",
	    "\xe2\x80\xa9", "\xe2\x80\x94", "\xe2\x80\xa6", "\xef\xbb\xbf",
	    "\xef\xbc\x88", "\xef\xbf\xbe", "\xef\xbf\xbf", "\xef\xbf\xa5",
	    "\xef\xbb\xbe", "\t", "\x7f", "\x01", "\xf0\x9f\x98\x80", "a",
	};
	static const char *const fill[] = {"x", "\xe4\xb8\xad", "\xef\xbc\x8c"};
	size_t c, f, k, at;
	char text[256];

	(void)state;
	for (c = 0; c < sizeof(chars) / sizeof(chars[0]); c++)
		for (f = 0; f < 3; f++)
			for (at = 0; at < 40; at++) {
				size_t n = 0;
				memcpy(text, "key: ", 5);
				n = 5;
				for (k = 0; k < at; k++) {
					size_t l = strlen(fill[f]);
					if ((k + 1) * l > at)
						break;
					memcpy(text + n, fill[f], l);
					n += l;
				}
				memcpy(text + n, chars[c], strlen(chars[c]));
				n += strlen(chars[c]);
				memcpy(text + n, "\nnext: value with more bytes\n", 29);
				n += 29;
				check_text("utf8 reader", text, n, 1, NULL);
			}
}

static void
test_snippets(void **state)
{
	size_t i;
	char what[32];

	(void)state;
	for (i = 0; i < sizeof(snippets) / sizeof(snippets[0]); i++) {
		const char *t = snippets[i].text;
		int took;

		snprintf(what, sizeof(what), "snippet %zu", i);
		took = check_text(what, t, strlen(t), 3, NULL);
		if (snippets[i].fast && !took) {
			fprintf(stderr, "%s: the fast reader declined:\n%s\n",
			    what, t);
			fail();
		}
	}
}

/* Texts the fast reader must decline although libyaml accepts them or
 * errs: errors are libyaml's to word. */
static void
test_errors_from_libyaml(void **state)
{
	static const char *const bad[] = {
		"a: 1\nb: 2\na: 3\n",
		"a: [1, 2\n",
		"a: b: c\n",
		"a: &x 1\nb: *x\n",
		"a: 1\n---\nb: 2\n",
		"a:\n  b: 1\n c: 2\n",
		"a: \"\\x00\"\n",
		"\"a\\0\": 1\n",
	};
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_fact *root, *r2;
	struct tally_yaml_error e1, e2;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc1, rc2;
		assert_int_not_equal(tally_facts_parse_fast(&a, bad[i],
		    strlen(bad[i]), 1, &root), 0);
		rc1 = tally_facts_parse(&a, bad[i], strlen(bad[i]), 1, &root,
		    &e1);
		rc2 = tally_facts_parse_libyaml(&a, bad[i], strlen(bad[i]), 1,
		    &r2, &e2);
		assert_int_equal(rc1, rc2);
		if (rc1 < 0) {
			assert_string_equal(e1.msg, e2.msg);
			assert_int_equal(e1.pos.line, e2.pos.line);
			assert_int_equal(e1.pos.col, e2.pos.col);
		}
	}
	tally_arena_free(&a);
}

/* ---------------------------------------------------------------------
 * Files of the repository
 * ------------------------------------------------------------------- */

static char *
read_all(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	if (n > 0 && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		free(buf);
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

static int
ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && strcmp(s + n - m, suf) == 0;
}

static void
check_file(const char *path, struct stats *md, struct stats *yml)
{
	size_t len;
	char *src = read_all(path, &len);

	if (src == NULL)
		return;
	if (ends_with(path, ".md")) {
		struct tally_split sp;
		len = tally_text_normalize(src, len);
		tally_frontmatter_split(src, len, &sp);
		if (sp.has_front && !sp.unterminated)
			check_text(path, sp.yaml, sp.yaml_len, sp.yaml_line, md);
	} else {
		check_text(path, src, len, 1, yml);
	}
	free(src);
}

static void
walk(const char *dir, struct stats *md, struct stats *yml)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		struct stat sb;

		if (e->d_name[0] == '.' || strcmp(e->d_name, "node_modules") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode))
			walk(path, md, yml);
		else if (ends_with(path, ".md") || ends_with(path, ".yaml") ||
		    ends_with(path, ".yml"))
			check_file(path, md, yml);
	}
	closedir(d);
}

static void
report(const char *name, const struct stats *s)
{
	fprintf(stderr, "yamlfast %s: %ld texts, fast %ld, libyaml ok %ld, "
	    "libyaml errors %ld\n", name, s->texts, s->fast, s->slow_ok,
	    s->slow_err);
}

static void
test_repository_files(void **state)
{
	struct stats md = {0}, yml = {0};
	int i;

	(void)state;
	walk("content", &md, &yml);
	walk("tests/cases", &md, &yml);
	walk("schemas", &md, &yml);
	walk("themes", &md, &yml);
	check_file("tally.yaml", &md, &yml);
	report("repository front matter", &md);
	report("repository yaml files", &yml);
	/* the sample corpus is all in the subset */
	assert_true(md.texts > 50);
	assert_true(md.fast * 100 >= md.slow_ok * 95);
	for (i = 0; i < nextra; i++) {
		struct stats xm = {0}, xy = {0};
		walk(extra_dirs[i], &xm, &xy);
		report(extra_dirs[i], &xm);
		report(extra_dirs[i], &xy);
	}
}

/* ---------------------------------------------------------------------
 * Mutations
 * ------------------------------------------------------------------- */

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static const char *const pieces[] = {
	" ", "  ", ":", ": ", "-", "- ", "#", " #", "'", "\"", "''", "\\",
	"\\\"", "\\x4", "\\u4e2d", "[", "]", "{", "}", ",", ", ", "\n", "\n  ",
	"\n- ", "\t", "|", ">", "&a", "*a", "!", "?", "%", "@", "`", "~",
	"null", "a", "Z", "0", "9", ".", "---", "...", "中", "文", "\xc2\x85",
	"\xe2\x80\xa8", "\xef\xbb\xbf", "\r", "\r\n", "\x01", "\xff", "k: v",
	"\n  k: v", "[a, b]", "{a: b}",
};

static void
mutate(struct tally_buf *b)
{
	int k, nmut = 1 + (int)rnd(4);

	for (k = 0; k < nmut; k++) {
		size_t at = b->len ? rnd((uint32_t)b->len + 1) : 0;
		const char *piece = pieces[rnd(sizeof(pieces) / sizeof(pieces[0]))];
		size_t pl = strlen(piece);
		struct tally_buf t = TALLY_BUF_INIT;
		size_t cut = 0;

		switch (rnd(4)) {
		case 0: /* insert */
			break;
		case 1: /* replace */
			cut = b->len - at < pl ? b->len - at : pl;
			break;
		case 2: /* delete */
			cut = b->len - at < 4 ? b->len - at : 1 + rnd(3);
			pl = 0;
			break;
		default: /* duplicate a slice */
			cut = 0;
			if (b->len > 0) {
				size_t from = rnd((uint32_t)b->len);
				size_t n = 1 + rnd(20);
				if (n > b->len - from)
					n = b->len - from;
				tally_buf_put(&t, b->data, at);
				tally_buf_put(&t, b->data + from, n);
				tally_buf_put(&t, b->data + at, b->len - at);
				tally_buf_reset(b);
				tally_buf_put(b, t.data, t.len);
				tally_buf_free(&t);
				continue;
			}
			break;
		}
		tally_buf_put(&t, b->data, at);
		tally_buf_put(&t, piece, pl);
		tally_buf_put(&t, b->data + at + cut, b->len - at - cut);
		tally_buf_reset(b);
		tally_buf_put(b, t.data, t.len);
		tally_buf_free(&t);
	}
}

static void
test_mutations(void **state)
{
	struct stats st = {0};
	struct tally_buf b = TALLY_BUF_INIT;
	size_t nsn = sizeof(snippets) / sizeof(snippets[0]);
	long i;
	size_t flen = 0;
	char *front = read_all("content/km-panlong-grid/2023/overall.md", &flen);

	(void)state;
	for (i = 0; i < fuzz_iters; i++) {
		char what[48];
		tally_buf_reset(&b);
		if (front != NULL && rnd(8) == 0) {
			struct tally_split sp;
			tally_frontmatter_split(front, flen, &sp);
			tally_buf_put(&b, sp.yaml, sp.yaml_len);
		} else {
			const char *t = snippets[rnd((uint32_t)nsn)].text;
			tally_buf_put(&b, t, strlen(t));
			if (rnd(3) == 0) {
				t = snippets[rnd((uint32_t)nsn)].text;
				tally_buf_put(&b, t, strlen(t));
			}
		}
		mutate(&b);
		snprintf(what, sizeof(what), "mutation %ld", i);
		check_text(what, b.len ? b.data : "", b.len, 1 + rnd(3), &st);
	}
	report("mutations", &st);
	/* the stream must exercise the fast reader, and libyaml's errors */
	assert_true(st.fast * 20 > st.texts);
	assert_true(st.slow_err * 10 > st.texts);
	tally_buf_free(&b);
	free(front);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_snippets),
		cmocka_unit_test(test_utf8_reader),
		cmocka_unit_test(test_errors_from_libyaml),
		cmocka_unit_test(test_repository_files),
		cmocka_unit_test(test_mutations),
	};
	int i;

	extra_dirs = calloc((size_t)argc + 1, sizeof(*extra_dirs));
	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--iters=", 8) == 0)
			fuzz_iters = strtol(argv[i] + 8, NULL, 10);
		else
			extra_dirs[nextra++] = argv[i];
	}
	i = cmocka_run_group_tests_name("yamlfast", tests, NULL, NULL);
	free(extra_dirs);
	return i;
}
