/*
 * test_mustache.c - unit tests of the template engine (src/site/tpl.c,
 * src/site/value.c).  Every case of the official Mustache spec files in
 * tests/data/mustache-spec/ (or $TALLY_MUSTACHE_SPEC) becomes one cmocka
 * test, lambdas excepted: the engine has none.  The spec's data is YAML;
 * it is turned into values here, numbers printed the way JSON prints them
 * (1.210 as "1.21"), since the engine itself only knows strings.  Our own
 * tests follow: error positions, the recursion caps, escaping, the
 * deliberate deviations, growth of big maps and lists, linear rendering,
 * and random templates that must never crash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <dirent.h>
#include <yaml.h>

#include "site/tpl.h"

/* --- helpers ------------------------------------------------------------- */

/* Compiles `src` as `name` into set; fails the test on error. */
static void
add(struct tally_tplset *set, const char *name, const char *src)
{
	struct tally_tpl_error err;

	if (tally_tplset_add(set, name, src, strlen(src), &err) != 0)
		fail_msg("%s:%u:%u: %s", err.tpl, err.line, err.col, err.msg);
}

/* Renders template `src` with ctx and checks the output. */
static void
expect(const char *src, const struct tally_val *ctx, const char *want)
{
	struct tally_tplset *set = tally_tplset_new();
	struct tally_buf out = TALLY_BUF_INIT;
	struct tally_tpl_error err;
	int rc;

	add(set, "t", src);
	rc = tally_tpl_render(set, "t", ctx, &out, &err);
	tally_tplset_free(set);
	if (rc != 0) {
		tally_buf_free(&out);
		fail_msg("render: %s:%u:%u: %s", err.tpl, err.line, err.col,
		    err.msg);
	}
	if (strcmp(tally_buf_cstr(&out), want) != 0) {
		print_error("template: \"%s\"\nwant: \"%s\"\ngot:  \"%s\"\n",
		    src, want, tally_buf_cstr(&out));
		tally_buf_free(&out);
		fail();
	}
	tally_buf_free(&out);
}

/* --- the spec ------------------------------------------------------------ */

struct spec_case {
	char *file;  /* "sections" */
	char *title; /* "sections: Context" */
	char *tpl;
	size_t tpllen;
	char *expected;
	size_t explen;
	const struct tally_val *data;
	size_t npartials;
	char **pnames;
	char **psrcs;
	size_t *plens;
	int passed;
};

static struct spec_case *cases;
static size_t ncases;
static size_t ncap;
static struct tally_arena spec_arena;
static char **spec_files;
static size_t nspec_files;

/* A plain scalar that reads as a JSON number. */
static int
is_number(const char *s)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

static const struct tally_val *
yaml_val(yaml_document_t *doc, yaml_node_t *n)
{
	struct tally_val *v;
	yaml_node_item_t *it;
	yaml_node_pair_t *pr;

	if (n == NULL)
		return tally_val_null(&spec_arena);
	switch (n->type) {
	case YAML_SCALAR_NODE: {
		const char *s = (const char *)n->data.scalar.value;
		size_t len = n->data.scalar.length;

		if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
			if (len == 0 || strcmp(s, "~") == 0 ||
			    strcmp(s, "null") == 0)
				return tally_val_null(&spec_arena);
			if (strcmp(s, "true") == 0)
				return tally_val_bool(&spec_arena, 1);
			if (strcmp(s, "false") == 0)
				return tally_val_bool(&spec_arena, 0);
			if (is_number(s))
				return tally_val_printf(&spec_arena, "%.15g",
				    strtod(s, NULL));
		}
		return tally_val_strn(&spec_arena, s, len);
	}
	case YAML_SEQUENCE_NODE:
		v = tally_val_list(&spec_arena);
		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++)
			tally_val_push(v,
			    yaml_val(doc, yaml_document_get_node(doc, *it)));
		return v;
	case YAML_MAPPING_NODE:
		v = tally_val_map(&spec_arena);
		for (pr = n->data.mapping.pairs.start;
		    pr < n->data.mapping.pairs.top; pr++) {
			yaml_node_t *k = yaml_document_get_node(doc, pr->key);
			if (k == NULL || k->type != YAML_SCALAR_NODE)
				continue;
			tally_val_set(v, (const char *)k->data.scalar.value,
			    yaml_val(doc,
				yaml_document_get_node(doc, pr->value)));
		}
		return v;
	default:
		return tally_val_null(&spec_arena);
	}
}

static yaml_node_t *
yaml_get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *pr;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (pr = map->data.mapping.pairs.start;
	    pr < map->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = yaml_document_get_node(doc, pr->key);
		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(doc, pr->value);
	}
	return NULL;
}

static char *
yaml_str(yaml_node_t *n, size_t *len)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE) {
		*len = 0;
		return xstrdup("");
	}
	*len = n->data.scalar.length;
	return xstrndup((const char *)n->data.scalar.value, *len);
}

static void
load_spec_file(const char *dir, const char *fname)
{
	char *path = xasprintf("%s/%s", dir, fname);
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *tests;
	yaml_node_item_t *it;
	char *text;
	size_t len;

	if (tally_read_file(path, &text, &len) != 0) {
		fprintf(stderr, "cannot read %s\n", path);
		free(path);
		return;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	if (!yaml_parser_load(&parser, &doc)) {
		fprintf(stderr, "%s: YAML error: %s\n", path,
		    parser.problem ? parser.problem : "?");
		yaml_parser_delete(&parser);
		free(text);
		free(path);
		return;
	}
	tests = yaml_get(&doc, yaml_document_get_root_node(&doc), "tests");
	if (tests != NULL && tests->type == YAML_SEQUENCE_NODE) {
		for (it = tests->data.sequence.items.start;
		    it < tests->data.sequence.items.top; it++) {
			yaml_node_t *t = yaml_document_get_node(&doc, *it);
			yaml_node_t *p = yaml_get(&doc, t, "partials");
			struct spec_case *sc;
			size_t nlen;
			char *name;

			if (ncases == ncap) {
				ncap = ncap ? ncap * 2 : 256;
				cases = xrealloc(cases, ncap * sizeof(*cases));
			}
			sc = &cases[ncases++];
			memset(sc, 0, sizeof(*sc));
			sc->file = xstrndup(fname, strlen(fname) - 4);
			name = yaml_str(yaml_get(&doc, t, "name"), &nlen);
			sc->title = xasprintf("%s: %s", sc->file, name);
			free(name);
			sc->tpl = yaml_str(yaml_get(&doc, t, "template"),
			    &sc->tpllen);
			sc->expected = yaml_str(yaml_get(&doc, t, "expected"),
			    &sc->explen);
			sc->data = yaml_val(&doc, yaml_get(&doc, t, "data"));
			if (p != NULL && p->type == YAML_MAPPING_NODE) {
				size_t n = (size_t)(p->data.mapping.pairs.top -
				    p->data.mapping.pairs.start), i;
				sc->pnames = xcalloc(n + 1, sizeof(char *));
				sc->psrcs = xcalloc(n + 1, sizeof(char *));
				sc->plens = xcalloc(n + 1, sizeof(size_t));
				for (i = 0; i < n; i++) {
					yaml_node_pair_t *pr =
					    &p->data.mapping.pairs.start[i];
					sc->pnames[i] = yaml_str(
					    yaml_document_get_node(&doc,
						pr->key), &nlen);
					sc->psrcs[i] = yaml_str(
					    yaml_document_get_node(&doc,
						pr->value), &sc->plens[i]);
				}
				sc->npartials = n;
			}
		}
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	free(text);
	free(path);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
load_specs(void)
{
	const char *dir = getenv("TALLY_MUSTACHE_SPEC");
	struct dirent *de;
	size_t cap = 0, i;
	DIR *d;

	if (dir == NULL || *dir == '\0')
		dir = "tests/data/mustache-spec";
	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "cannot open %s\n", dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		/* Lambdas need code in the data; our templates have none. */
		if (n < 5 || strcmp(de->d_name + n - 4, ".yml") != 0 ||
		    strstr(de->d_name, "lambdas") != NULL)
			continue;
		if (nspec_files == cap) {
			cap = cap ? cap * 2 : 16;
			spec_files = xrealloc(spec_files,
			    cap * sizeof(*spec_files));
		}
		spec_files[nspec_files++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(spec_files, nspec_files, sizeof(*spec_files), cmp_str);
	for (i = 0; i < nspec_files; i++)
		load_spec_file(dir, spec_files[i]);
}

static void
free_specs(void)
{
	size_t i, j;

	for (i = 0; i < ncases; i++) {
		struct spec_case *sc = &cases[i];
		for (j = 0; j < sc->npartials; j++) {
			free(sc->pnames[j]);
			free(sc->psrcs[j]);
		}
		free(sc->pnames);
		free(sc->psrcs);
		free(sc->plens);
		free(sc->file);
		free(sc->title);
		free(sc->tpl);
		free(sc->expected);
	}
	free(cases);
	for (i = 0; i < nspec_files; i++)
		free(spec_files[i]);
	free(spec_files);
	tally_arena_free(&spec_arena);
}

/* The name the spec's own template gets: no spec partial uses it. */
#define SPEC_MAIN "spec:template"

static void
spec_case(void **state)
{
	struct spec_case *sc = *state;
	struct tally_tplset *set = tally_tplset_new();
	struct tally_buf out = TALLY_BUF_INIT;
	struct tally_tpl_error err;
	char why[512] = "";
	size_t i;
	int ok = 1;

	for (i = 0; i < sc->npartials && ok; i++)
		if (tally_tplset_add(set, sc->pnames[i], sc->psrcs[i],
			sc->plens[i], &err) != 0) {
			snprintf(why, sizeof(why), "partial %s:%u:%u: %s",
			    err.tpl, err.line, err.col, err.msg);
			ok = 0;
		}
	if (ok && tally_tplset_add(set, SPEC_MAIN, sc->tpl, sc->tpllen,
		      &err) != 0) {
		snprintf(why, sizeof(why), "compile %u:%u: %s", err.line,
		    err.col, err.msg);
		ok = 0;
	}
	if (ok && tally_tpl_render(set, SPEC_MAIN, sc->data, &out, &err) !=
	    0) {
		snprintf(why, sizeof(why), "render %s:%u:%u: %s", err.tpl,
		    err.line, err.col, err.msg);
		ok = 0;
	}
	if (ok && (out.len != sc->explen ||
		      memcmp(tally_buf_cstr(&out), sc->expected, out.len) !=
			  0)) {
		print_error("%s\ntemplate: \"%s\"\nwant: \"%s\"\ngot:  \"%s\"\n",
		    sc->title, sc->tpl, sc->expected, tally_buf_cstr(&out));
		snprintf(why, sizeof(why), "output differs");
		ok = 0;
	}
	tally_buf_free(&out);
	tally_tplset_free(set);
	if (!ok)
		fail_msg("%s: %s", sc->title, why);
	sc->passed = 1;
}

/* Runs last: one line per spec file, and fails when a case failed or no
 * spec was found (a missing directory must not pass silently). */
static void
spec_summary(void **state)
{
	size_t f, i, total = 0, passed = 0;

	(void)state;
	for (f = 0; f < nspec_files; f++) {
		size_t n = 0, p = 0;
		size_t flen = strlen(spec_files[f]) - 4;
		for (i = 0; i < ncases; i++)
			if (strlen(cases[i].file) == flen &&
			    strncmp(cases[i].file, spec_files[f], flen) == 0) {
				n++;
				p += cases[i].passed;
			}
		print_message("spec %-22s %3zu/%3zu passed\n", spec_files[f],
		    p, n);
		total += n;
		passed += p;
	}
	print_message("spec total %zu/%zu passed\n", passed, total);
	assert_true(nspec_files > 0);
	assert_true(total > 0);
	assert_int_equal(passed, total);
}

/* --- escaping ------------------------------------------------------------ */

static void
test_escape(void **state)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_buf b = TALLY_BUF_INIT;
	struct tally_val *m = tally_val_map(&a);

	(void)state;
	tally_html_escape(&b, "a&b<c>d\"e'f 预算", strlen("a&b<c>d\"e'f 预算"));
	assert_string_equal(tally_buf_cstr(&b),
	    "a&amp;b&lt;c&gt;d&quot;e&#39;f 预算");
	tally_buf_free(&b);
	tally_val_set(m, "x", tally_val_str(&a, "<'&'>"));
	expect("{{x}}|{{{x}}}|{{&x}}", m,
	    "&lt;&#39;&amp;&#39;&gt;|<'&'>|<'&'>");
	tally_arena_free(&a);
}

/* --- values -------------------------------------------------------------- */

static void
test_values(void **state)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_val *m = tally_val_map(&a);
	struct tally_val *l = tally_val_list(&a);
	char key[] = "temp";

	(void)state;
	tally_val_set(m, "b", tally_val_str(&a, "1"));
	tally_val_set(m, "a", tally_val_str(&a, "2"));
	tally_val_set(m, "b", tally_val_str(&a, "3"));
	tally_val_set(m, key, NULL);
	key[0] = 'X'; /* keys are copied */
	assert_int_equal(tally_val_len(m), 3);
	assert_string_equal(m->u.map.pairs[0].key, "b");
	assert_string_equal(m->u.map.pairs[0].val->u.str.s, "3");
	assert_string_equal(m->u.map.pairs[1].key, "a");
	assert_int_equal(tally_val_get(m, "temp")->kind, TALLY_VAL_NULL);
	assert_null(tally_val_get(m, "Xemp"));
	assert_null(tally_val_get(l, "a"));
	assert_null(tally_val_get(NULL, "a"));
	tally_val_push(l, NULL);
	tally_val_push(m, l); /* not a list: ignored */
	assert_int_equal(tally_val_len(l), 1);
	assert_int_equal(tally_val_at(l, 0)->kind, TALLY_VAL_NULL);
	assert_null(tally_val_at(l, 1));

	assert_false(tally_val_truthy(NULL));
	assert_false(tally_val_truthy(tally_val_null(&a)));
	assert_false(tally_val_truthy(tally_val_bool(&a, 0)));
	assert_false(tally_val_truthy(tally_val_str(&a, "")));
	assert_false(tally_val_truthy(tally_val_list(&a)));
	assert_true(tally_val_truthy(tally_val_map(&a)));
	assert_true(tally_val_truthy(tally_val_str(&a, "0")));
	assert_true(tally_val_truthy(l));
	assert_string_equal(tally_val_printf(&a, "%d%%", 85)->u.str.s, "85%");
	tally_arena_free(&a);
}

static double
cpu_seconds(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

/* 200 000 keys and items: with a linear map this would take minutes. */
static void
test_big_values(void **state)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_val *m = tally_val_map(&a);
	struct tally_val *l = tally_val_list(&a);
	const size_t n = 200000;
	double t0 = cpu_seconds();
	char key[32];
	size_t i;

	(void)state;
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		tally_val_set(m, key, tally_val_printf(&a, "%zu", i));
		tally_val_push(l, tally_val_printf(&a, "%zu", i));
	}
	for (i = 0; i < n; i += 2) {
		snprintf(key, sizeof(key), "k%zu", i);
		tally_val_set(m, key, tally_val_str(&a, "even"));
	}
	assert_int_equal(tally_val_len(m), n);
	assert_int_equal(tally_val_len(l), n);
	for (i = 0; i < n; i++) {
		char want[32];
		snprintf(key, sizeof(key), "k%zu", i);
		snprintf(want, sizeof(want), "%zu", i);
		assert_string_equal(tally_val_get(m, key)->u.str.s,
		    i % 2 ? want : "even");
		assert_string_equal(m->u.map.pairs[i].key, key);
		assert_string_equal(tally_val_at(l, i)->u.str.s, want);
	}
	assert_null(tally_val_get(m, "k200000"));
	assert_true(cpu_seconds() - t0 < 10.0);
	tally_arena_free(&a);
}

/* Builds a page of n rows, renders it through a layout and a row partial,
 * checks it and returns the CPU time taken. */
static double
render_rows(size_t n)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_tplset *set = tally_tplset_new();
	struct tally_buf out = TALLY_BUF_INIT;
	struct tally_tpl_error err;
	struct tally_val *page = tally_val_map(&a);
	struct tally_val *rows = tally_val_list(&a);
	double t0;
	size_t i, count = 0;
	const char *p;

	add(set, "layout", "<html>\n  <body>\n    {{$body}}\n    {{/body}}\n"
	    "  </body>\n</html>\n");
	add(set, "row", "<li id=\"r{{id}}\">{{name}}</li>\n");
	add(set, "page", "{{<layout}}{{$body}}\n<ul>\n{{#rows}}\n"
	    "  {{>row}}\n{{/rows}}\n</ul>\n{{/body}}{{/layout}}\n");
	for (i = 0; i < n; i++) {
		struct tally_val *r = tally_val_map(&a);
		tally_val_set(r, "id", tally_val_printf(&a, "%zu", i));
		tally_val_set(r, "name", tally_val_printf(&a, "项目 <%zu>", i));
		tally_val_push(rows, r);
	}
	tally_val_set(page, "rows", rows);
	t0 = cpu_seconds();
	assert_int_equal(tally_tpl_render(set, "page", page, &out, &err), 0);
	t0 = cpu_seconds() - t0;
	/* Not strstr in a loop: ASan's strstr measures the whole haystack
	 * each call, which would make this count quadratic. */
	for (p = out.data; p + 4 <= out.data + out.len; p++)
		count += memcmp(p, "<li ", 4) == 0;
	assert_int_equal(count, n);
	assert_non_null(strstr(tally_buf_cstr(&out),
	    "<html>\n  <body>\n    <ul>\n      <li id=\"r0\">项目 &lt;0&gt;"
	    "</li>\n      <li id=\"r1\">"));
	assert_non_null(strstr(tally_buf_cstr(&out),
	    "</li>\n    </ul>\n  </body>\n</html>\n"));
	tally_buf_free(&out);
	tally_tplset_free(set);
	tally_arena_free(&a);
	return t0;
}

static void
test_render_linear(void **state)
{
	double t1, t4;

	(void)state;
	t1 = render_rows(10000);
	t4 = render_rows(40000);
	/* Linear: 4 times the rows, about 4 times the time; quadratic would
	 * be 16.  Generous bounds keep a loaded machine from failing it. */
	assert_true(t1 < 5.0);
	assert_true(t4 < 10 * t1 + 0.1);
}

/* --- errors -------------------------------------------------------------- */

struct bad_tpl {
	const char *src;
	uint32_t line, col;
	const char *msg; /* a substring of the message */
};

static void
test_errors(void **state)
{
	static const struct bad_tpl bad[] = {
		{"ab\n  {{#x}}\nc\n", 2, 3, "never closed"},
		{"{{#a}}{{/b}}", 1, 7, "does not match"},
		{"{{#a}}\n{{^b}}\n{{/a}}", 3, 1, "opened at line 2"},
		{"x {{y", 1, 3, "unclosed tag"},
		{"预算{{y}\n", 1, 3, "unclosed tag"},
		{"\n\n  执行率 {{{y}}\n", 3, 7, "unclosed tag"},
		{"{{/a}}", 1, 1, "no section is open"},
		{"a\n{{=a=}}", 2, 1, "set-delimiter"},
		{"{{=<% %>=}}\n<%x%>\n<%=a b c=%>", 3, 1, "set-delimiter"},
		{"{{=<% %>=}}\n{{x}}<%/x%>", 2, 6, "no section is open"},
		{"{{}}", 1, 1, "empty tag name"},
		{"{{#}}", 1, 1, "empty tag name"},
		{"{{a b}}", 1, 1, "white space"},
		{"{{a..b}}", 1, 1, "dotted"},
		{"{{.a}}", 1, 1, "dotted"},
		{"{{#*a}}{{/*a}}", 1, 1, "dynamic"},
		{"{{>*}}", 1, 1, "empty tag name"},
		{"{{<p}}{{$b}}{{/p}}", 1, 13, "does not match"},
		{"{{{", 1, 1, "unclosed"},
		{"{{", 1, 1, "unclosed"},
	};
	struct tally_tplset *set = tally_tplset_new();
	struct tally_tpl_error err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&err, 0, sizeof(err));
		if (tally_tplset_add(set, "bad.mustache", bad[i].src,
			strlen(bad[i].src), &err) != -1)
			fail_msg("\"%s\" compiled", bad[i].src);
		if (err.line != bad[i].line || err.col != bad[i].col ||
		    strstr(err.msg, bad[i].msg) == NULL ||
		    strcmp(err.tpl, "bad.mustache") != 0)
			fail_msg("\"%s\": got %s:%u:%u: %s", bad[i].src,
			    err.tpl, err.line, err.col, err.msg);
	}
	/* A failed add leaves the set as it was. */
	add(set, "t", "old");
	assert_int_equal(tally_tplset_add(set, "t", "{{#x}}", 6, &err), -1);
	assert_int_equal(tally_tplset_add(set, "t", "{{#x}}", 6, NULL), -1);
	{
		struct tally_buf out = TALLY_BUF_INIT;
		assert_int_equal(tally_tpl_render(set, "t", NULL, &out, NULL),
		    0);
		assert_string_equal(tally_buf_cstr(&out), "old");
		assert_int_equal(tally_tpl_render(set, "nope", NULL, &out,
		    &err), -1);
		assert_int_equal(err.line, 0);
		assert_string_equal(err.tpl, "nope");
		assert_non_null(strstr(err.msg, "no template"));
		tally_buf_free(&out);
	}
	tally_tplset_free(set);
	tally_tplset_free(NULL);
}

/* Sections nested 100 deep compile; 101 do not, and 100 000 neither
 * crash nor take long. */
static void
test_nesting(void **state)
{
	struct tally_tplset *set = tally_tplset_new();
	struct tally_buf src = TALLY_BUF_INIT;
	struct tally_tpl_error err;
	int i;

	(void)state;
	for (i = 0; i < 100; i++)
		tally_buf_puts(&src, "{{#a}}");
	for (i = 0; i < 100; i++)
		tally_buf_puts(&src, "{{/a}}");
	assert_int_equal(tally_tplset_add(set, "ok", src.data, src.len, &err),
	    0);
	tally_buf_reset(&src);
	for (i = 0; i < 101; i++)
		tally_buf_puts(&src, "{{^a}}");
	assert_int_equal(tally_tplset_add(set, "deep", src.data, src.len,
	    &err), -1);
	assert_int_equal(err.col, 601);
	assert_non_null(strstr(err.msg, "nested"));
	tally_buf_reset(&src);
	for (i = 0; i < 100000; i++)
		tally_buf_puts(&src, "{{#a}}");
	assert_int_equal(tally_tplset_add(set, "deeper", src.data, src.len,
	    &err), -1);
	tally_buf_free(&src);
	tally_tplset_free(set);
}

static void
expect_recursion_error(const char *name, const char *const *tpls,
    const char *want_tpl)
{
	struct tally_tplset *set = tally_tplset_new();
	struct tally_buf out = TALLY_BUF_INIT;
	struct tally_tpl_error err;
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_val *m = tally_val_map(&a);
	size_t i;

	tally_val_set(m, "a", tally_val_bool(&a, 1));
	for (i = 0; tpls[i] != NULL; i += 2)
		add(set, tpls[i], tpls[i + 1]);
	memset(&err, 0, sizeof(err));
	assert_int_equal(tally_tpl_render(set, name, m, &out, &err), -1);
	assert_string_equal(err.tpl, want_tpl);
	assert_true(err.line > 0);
	assert_non_null(strstr(err.msg, "deep"));
	tally_buf_free(&out);
	tally_tplset_free(set);
	tally_arena_free(&a);
}

static void
test_recursion_cap(void **state)
{
	static const char *const self[] = {"p", "x{{>p}}", NULL};
	static const char *const pair[] = {"p", "{{>q}}", "q", "\n  {{>p}}",
	    NULL};
	static const char *const parent[] = {"p", "{{<p}}{{/p}}", NULL};
	static const char *const dyn[] = {"p", "{{>*n}}", "main",
	    "{{#a}}{{>p}}{{/a}}", NULL};
	static const char *const block[] = {"main",
	    "{{<l}}{{$a}}[{{$a}}{{/a}}]{{/a}}{{/l}}", "l", "{{$a}}{{/a}}",
	    NULL};
	static const char *const sections[] = {"p",
	    "{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}"
	    "{{>p}}"
	    "{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}",
	    NULL};
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_val *m = tally_val_map(&a);
	struct tally_val *node = m;
	int i;

	(void)state;
	expect_recursion_error("p", self, "p");
	expect_recursion_error("p", pair, "p");
	expect_recursion_error("p", parent, "p");
	expect_recursion_error("main", block, "main");
	expect_recursion_error("p", sections, "p");
	/* {{>*n}} with n missing renders nothing: no recursion at all. */
	{
		struct tally_tplset *set = tally_tplset_new();
		struct tally_buf out = TALLY_BUF_INIT;
		add(set, dyn[0], dyn[1]);
		add(set, dyn[2], dyn[3]);
		assert_int_equal(tally_tpl_render(set, "main", NULL, &out,
		    NULL), 0);
		tally_buf_free(&out);
		tally_tplset_free(set);
	}
	/* Data-driven recursion 40 deep is fine. */
	for (i = 0; i < 40; i++) {
		struct tally_val *kids = tally_val_list(&a);
		struct tally_val *kid = tally_val_map(&a);
		tally_val_set(node, "c", tally_val_printf(&a, "%d", i % 10));
		tally_val_set(node, "kids", kids);
		tally_val_push(kids, kid);
		node = kid;
	}
	/* Without its own (empty) values the last node would find its
	 * parent's "kids" and "c" up the stack, and recurse until the cap. */
	tally_val_set(node, "kids", tally_val_list(&a));
	tally_val_set(node, "c", tally_val_str(&a, ""));
	{
		struct tally_tplset *set = tally_tplset_new();
		struct tally_buf out = TALLY_BUF_INIT;
		add(set, "n", "{{c}}{{#kids}}{{>n}}{{/kids}}");
		assert_int_equal(tally_tpl_render(set, "n", m, &out, NULL), 0);
		assert_string_equal(tally_buf_cstr(&out),
		    "0123456789012345678901234567890123456789");
		tally_buf_free(&out);
		tally_tplset_free(set);
	}
	tally_arena_free(&a);
}

/* --- deliberate choices -------------------------------------------------- */

static void
test_empty_string_falsey(void **state)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_val *m = tally_val_map(&a);

	(void)state;
	tally_val_set(m, "s", tally_val_str(&a, ""));
	tally_val_set(m, "t", tally_val_str(&a, "x"));
	tally_val_set(m, "e", tally_val_map(&a));
	tally_val_set(m, "b", tally_val_bool(&a, 1));
	tally_val_set(m, "l", tally_val_list(&a));
	expect("{{#s}}yes{{/s}}{{^s}}no{{/s}}|{{#t}}<{{.}}>{{/t}}"
	       "|{{#e}}map{{/e}}|{{b}}|{{l}}{{e}}|{{missing}}",
	    m, "no|<x>|map|true||");
	tally_arena_free(&a);
}

static void
test_indentation(void **state)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_val *m = tally_val_map(&a);
	struct tally_val *l = tally_val_list(&a);
	struct tally_tplset *set = tally_tplset_new();
	struct tally_buf out = TALLY_BUF_INIT;

	(void)state;
	tally_val_push(l, tally_val_str(&a, "1"));
	tally_val_push(l, tally_val_str(&a, "2"));
	tally_val_set(m, "l", l);
	tally_val_set(m, "v", tally_val_str(&a, "a\nb"));
	/* Every template line of a standalone partial is indented: lines of
	 * an inline partial inside it and each repetition of a section too;
	 * empty lines and lines of values are not. */
	add(set, "main", "<div>\n  {{>list}}\n</div>\n");
	add(set, "list", "<ul>{{>items}}</ul>\n\n{{v}}\n");
	add(set, "items", "\n{{#l}}<li>{{.}}</li>\n{{/l}}");
	assert_int_equal(tally_tpl_render(set, "main", m, &out, NULL), 0);
	assert_string_equal(tally_buf_cstr(&out),
	    "<div>\n  <ul>\n  <li>1</li>\n  <li>2</li>\n  </ul>\n\n  a\nb\n"
	    "</div>\n");
	tally_buf_free(&out);
	tally_tplset_free(set);
	tally_arena_free(&a);
}

/* A block in a partial of the layout still takes the page's override: a
 * partial is a parent without arguments. */
static void
test_block_in_partial(void **state)
{
	struct tally_tplset *set = tally_tplset_new();
	struct tally_buf out = TALLY_BUF_INIT;

	(void)state;
	add(set, "layout", "<title>{{>head}}</title>\n{{$body}}{{/body}}");
	add(set, "head", "{{$title}}站点{{/title}}");
	add(set, "page",
	    "{{<layout}}\n{{$title}}报告 · 站点{{/title}}\n{{$body}}\n"
	    "<p>正文</p>\n{{/body}}\n{{/layout}}\n");
	add(set, "plain", "{{<layout}}{{/layout}}");
	assert_int_equal(tally_tpl_render(set, "page", NULL, &out, NULL), 0);
	assert_string_equal(tally_buf_cstr(&out),
	    "<title>报告 · 站点</title>\n<p>正文</p>\n");
	tally_buf_reset(&out);
	assert_int_equal(tally_tpl_render(set, "plain", NULL, &out, NULL), 0);
	assert_string_equal(tally_buf_cstr(&out), "<title>站点</title>\n");
	/* Replacing a template takes effect for later renders. */
	add(set, "head", "[{{$title}}{{/title}}]");
	tally_buf_reset(&out);
	assert_int_equal(tally_tpl_render(set, "plain", NULL, &out, NULL), 0);
	assert_string_equal(tally_buf_cstr(&out), "<title>[]</title>\n");
	assert_true(tally_tplset_has(set, "head"));
	assert_false(tally_tplset_has(set, "nope"));
	tally_buf_free(&out);
	tally_tplset_free(set);
}

/* --- robustness ---------------------------------------------------------- */

/* Random templates from the pieces that matter to the parser: whatever
 * compiles must render, and nothing may crash or leak (ASan watches). */
static void
test_random_templates(void **state)
{
	static const char *const piece[] = {
		"{{", "}}", "{{{", "}}}", "#", "^", "/", ">", "<", "$", "!",
		"=", "&", "*", "a", "b", ".", "a.b", " ", "\n", "\r\n", "\t",
		"{{#a}}", "{{/a}}", "{{^b}}", "{{/b}}", "{{>p}}", "{{<p}}",
		"{{/p}}", "{{$a}}", "{{$b}}", "{{.}}", "{{a}}", "{{=<% %>=}}",
		"<%", "%>", "{{! x }}", "  {{>q}}\n", "{{>*a}}", "预算",
	};
	const size_t npiece = sizeof(piece) / sizeof(piece[0]);
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_val *m = tally_val_map(&a);
	struct tally_val *l = tally_val_list(&a);
	struct tally_tplset *set = tally_tplset_new();
	struct tally_buf src = TALLY_BUF_INIT, out = TALLY_BUF_INIT;
	uint32_t seed = 12345;
	int iter, compiled = 0;

	(void)state;
	tally_val_push(l, m);
	tally_val_push(l, tally_val_str(&a, "x"));
	tally_val_set(m, "a", l);
	tally_val_set(m, "b", tally_val_str(&a, "p"));
	add(set, "q", "{{#a}}{{b}}{{>q}}{{/a}}");
	for (iter = 0; iter < 20000; iter++) {
		int n, k;

		seed = seed * 1103515245u + 12345u;
		n = (int)((seed >> 16) % 24);
		tally_buf_reset(&src);
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			tally_buf_puts(&src, piece[(seed >> 16) % npiece]);
		}
		if (tally_tplset_add(set, iter % 2 ? "p" : "main",
			tally_buf_cstr(&src), src.len, NULL) != 0)
			continue;
		compiled++;
		tally_buf_reset(&out);
		(void)tally_tpl_render(set, "main", m, &out, NULL);
		(void)tally_tpl_render(set, "p", l, &out, NULL);
	}
	assert_true(compiled > 1000);
	tally_buf_free(&src);
	tally_buf_free(&out);
	tally_tplset_free(set);
	tally_arena_free(&a);
}

/* tally_val_int prints what printf's %lld does. */
static void
test_val_int(void **state)
{
	static const long long vals[] = {0, 7, -7, 10, 2024, 999999,
	    -1000000, 9223372036854775807LL, -9223372036854775807LL - 1};
	struct tally_arena a = TALLY_ARENA_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		char want[32];
		const struct tally_val *v = tally_val_int(&a, vals[i]);
		snprintf(want, sizeof(want), "%lld", vals[i]);
		assert_int_equal(v->kind, TALLY_VAL_STRING);
		assert_string_equal(v->u.str.s, want);
		assert_int_equal(v->u.str.len, strlen(want));
	}
	tally_arena_free(&a);
}

/* Encodes v and returns the bytes (in a). */
static const char *
enc(struct tally_arena *a, const struct tally_val *v,
    const struct tally_val *const *opaque, size_t nopaque, size_t *len)
{
	struct tally_buf b = TALLY_BUF_INIT;
	char *r;

	tally_val_encode(v, opaque, nopaque, &b);
	*len = b.len;
	r = tally_arena_alloc(a, b.len + 1);
	memcpy(r, b.data, b.len);
	tally_buf_free(&b);
	return r;
}

static int
same_enc(struct tally_arena *a, const struct tally_val *x,
    const struct tally_val *y, const struct tally_val *const *opaque,
    size_t nopaque)
{
	size_t nx, ny;
	const char *ex = enc(a, x, opaque, nopaque, &nx);
	const char *ey = enc(a, y, opaque, nopaque, &ny);

	return nx == ny && memcmp(ex, ey, nx) == 0;
}

/* The encoding behind the page digests of the incremental build tells
 * apart what renders differently, and only that. */
static void
test_val_encode(void **state)
{
	struct tally_arena a = TALLY_ARENA_INIT;
	struct tally_val *l1 = tally_val_list(&a), *l2 = tally_val_list(&a);
	struct tally_val *m1 = tally_val_map(&a), *m2 = tally_val_map(&a);
	struct tally_val *m3 = tally_val_map(&a), *big = tally_val_map(&a);
	struct tally_val *big2 = tally_val_map(&a);
	const struct tally_val *opaque[1];

	(void)state;
	/* ["ab"] and ["a", "b"]; a string and a list of it */
	tally_val_push(l1, tally_val_str(&a, "ab"));
	tally_val_push(l2, tally_val_str(&a, "a"));
	tally_val_push(l2, tally_val_str(&a, "b"));
	assert_false(same_enc(&a, l1, l2, NULL, 0));
	assert_false(same_enc(&a, tally_val_str(&a, "ab"), l1, NULL, 0));
	/* null, false, "" and an empty list differ */
	assert_false(same_enc(&a, tally_val_null(&a), tally_val_bool(&a, 0),
	    NULL, 0));
	assert_false(same_enc(&a, tally_val_str(&a, ""), tally_val_list(&a),
	    NULL, 0));
	assert_false(same_enc(&a, tally_val_list(&a), tally_val_map(&a),
	    NULL, 0));
	/* a key's name against its value's text: {"ab": "c"} vs {"a": "bc"} */
	tally_val_set(m1, "ab", tally_val_str(&a, "c"));
	tally_val_set(m2, "a", tally_val_str(&a, "bc"));
	assert_false(same_enc(&a, m1, m2, NULL, 0));
	/* equal values built apart encode alike */
	tally_val_set(m3, "ab", tally_val_str(&a, "c"));
	assert_true(same_enc(&a, m1, m3, NULL, 0));
	/* one score changed among many */
	for (int i = 0; i < 100; i++) {
		char k[16];
		snprintf(k, sizeof(k), "k%d", i);
		tally_val_set(big, k, tally_val_int(&a, i));
		tally_val_set(big2, k, tally_val_int(&a, i == 57 ? 58 : i));
	}
	assert_false(same_enc(&a, big, big2, NULL, 0));
	tally_val_set(big2, "k57", tally_val_int(&a, 57));
	assert_true(same_enc(&a, big, big2, NULL, 0));
	/* an opaque value is not looked into: its contents do not count */
	opaque[0] = m1;
	tally_val_push(l2, m1);
	{
		size_t n1, n2, n3, n4;
		const char *e1 = enc(&a, l2, opaque, 1, &n1);
		const char *p1 = enc(&a, l2, NULL, 0, &n3);
		const char *e2, *p2;
		tally_val_set(m1, "more", tally_val_str(&a, "z"));
		e2 = enc(&a, l2, opaque, 1, &n2);
		p2 = enc(&a, l2, NULL, 0, &n4);
		assert_true(n1 == n2 && memcmp(e1, e2, n1) == 0);
		assert_false(n3 == n4 && memcmp(p1, p2, n3) == 0);
	}
	tally_arena_free(&a);
}

/* --- main ---------------------------------------------------------------- */

static const struct CMUnitTest own_tests[] = {
	cmocka_unit_test(test_escape),
	cmocka_unit_test(test_values),
	cmocka_unit_test(test_big_values),
	cmocka_unit_test(test_render_linear),
	cmocka_unit_test(test_errors),
	cmocka_unit_test(test_nesting),
	cmocka_unit_test(test_recursion_cap),
	cmocka_unit_test(test_empty_string_falsey),
	cmocka_unit_test(test_indentation),
	cmocka_unit_test(test_block_in_partial),
	cmocka_unit_test(test_random_templates),
	cmocka_unit_test(test_val_int),
	cmocka_unit_test(test_val_encode),
};

int
main(void)
{
	const size_t nown = sizeof(own_tests) / sizeof(own_tests[0]);
	struct CMUnitTest *tests;
	size_t i, n = 0;
	int rc;

	load_specs();
	tests = xcalloc(nown + ncases + 1, sizeof(*tests));
	for (i = 0; i < nown; i++)
		tests[n++] = own_tests[i];
	for (i = 0; i < ncases; i++) {
		tests[n].name = cases[i].title;
		tests[n].test_func = spec_case;
		tests[n].initial_state = &cases[i];
		n++;
	}
	tests[n].name = "spec_summary";
	tests[n].test_func = spec_summary;
	n++;
	rc = _cmocka_run_group_tests("mustache", tests, n, NULL, NULL);
	free(tests);
	free_specs();
	return rc;
}
