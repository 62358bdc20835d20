/*
 * main.c - the command line: a thin dispatcher over the commands of DESIGN
 * section 6.  Global options (-C DIR, --lang) may come before or after the
 * command name.  Exit status: 0 clean, 1 findings at error level, 2 usage,
 * configuration or I/O error.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>

#include "diag/diag.h"
#include "lint/lint.h"
#include "load/load.h"
#include "model/model.h"
#include "site/site.h"

#ifndef TALLY_VERSION
#define TALLY_VERSION "0.0.0"
#endif

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

struct opts {
	const char *dir;
	enum tally_lang lang;
	int color;       /* -1 auto */
	int quiet;
	int werror;
	const char *format;
	const char *unit, *year, *type, *project; /* tally new */
	const char *rev;           /* --rev REV */
	const char *changed_since; /* lint --changed-since REV */
	char **args;     /* positional arguments after the command */
	int nargs;
	int help;
};

static struct opts opt;

static const char *
L(const char *zh, const char *en)
{
	return opt.lang == TALLY_LANG_EN ? en : zh;
}

static void
usage_main(FILE *f)
{
	fputs(L(
	    "用法：tally [-C 目录] [--lang zh|en] 命令 [参数…]\n"
	    "\n"
	    "tally 检查并发布预算绩效自评报告（Markdown + YAML）。\n"
	    "\n"
	    "命令：\n"
	    "  lint [路径…]     检查报告（默认：内容目录）\n"
	    "  new              按模式新建报告（--unit --year [--type] [--project]）\n"
	    "  explain [规则]   说明一条规则：检查什么、为何重要、如何修正\n"
	    "  schemas [文件…]  列出报告类型，校验模式文件\n"
	    "  dump 文件        输出解析后的模型（前置元数据与大纲，含位置）\n"
	    "  build            检查后把公开站点写入输出目录\n"
	    "  version          显示版本\n"
	    "\n"
	    "选项：\n"
	    "  -C 目录          在该目录（站点仓库）中运行\n"
	    "  --lang zh|en     消息语言（默认中文；LANG=en* 时为英文）\n"
	    "  -h, --help       显示帮助；“tally 命令 --help”显示该命令的帮助\n"
	    "\n"
	    "退出状态：0 无错误（可有警告），1 有错误级别的发现，2 用法、配置或读写错误。\n",
	    "usage: tally [-C DIR] [--lang zh|en] COMMAND [ARGS…]\n"
	    "\n"
	    "tally lints and publishes budget-performance self-evaluation reports\n"
	    "(Markdown + YAML).\n"
	    "\n"
	    "commands:\n"
	    "  lint [PATH…]     lint reports (default: the content directory)\n"
	    "  new              scaffold a report from its schema (--unit --year [--type] [--project])\n"
	    "  explain [RULE]   what a rule checks, why, and how to fix a finding\n"
	    "  schemas [FILE…]  list report types; validate schema files\n"
	    "  dump FILE        the parsed model: front matter and outline, with positions\n"
	    "  build            lint, then write the public site to the output directory\n"
	    "  version          print the version\n"
	    "\n"
	    "options:\n"
	    "  -C DIR           run in DIR (the site repository)\n"
	    "  --lang zh|en     language of messages (default Chinese; English when LANG=en*)\n"
	    "  -h, --help       help; \"tally COMMAND --help\" for a command\n"
	    "\n"
	    "exit status: 0 clean (warnings allowed), 1 findings at error level,\n"
	    "2 usage, configuration or I/O error.\n"), f);
}

struct command {
	const char *name;
	int (*run)(void);
	const char *help_zh;
	const char *help_en;
};

static int
usage_error(const char *zh, const char *en, const char *arg)
{
	fprintf(stderr, "tally: ");
	fprintf(stderr, L(zh, en), arg);
	fprintf(stderr, "\n%s\n", L("运行 “tally --help” 查看用法。",
	    "Run \"tally --help\" for usage."));
	return EXIT_USAGE;
}

static int
format_known(const char *f)
{
	static const char *const known[] = {"text", "json", "github", "sarif",
	    "rdjson"};
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(f, known[i]) == 0)
			return 1;
	return 0;
}

static int
print_diags(struct tally_diags *d)
{
	struct tally_buf out = TALLY_BUF_INIT;
	int color = opt.color < 0 ? isatty(STDOUT_FILENO) : opt.color;
	const char *f = opt.format ? opt.format : "text";

	tally_diags_sort(d);
	if (strcmp(f, "json") == 0)
		tally_diags_print_json(d, &out);
	else if (strcmp(f, "github") == 0)
		tally_diags_print_github(d, &out);
	else if (strcmp(f, "sarif") == 0)
		tally_diags_print_sarif(d, &out);
	else if (strcmp(f, "rdjson") == 0)
		tally_diags_print_rdjson(d, &out);
	else
		tally_diags_print_text(d, &out, color, opt.quiet);
	fwrite(out.data ? out.data : "", 1, out.len, stdout);
	tally_buf_free(&out);
	return 0;
}

/* Opens the project and reports configuration problems.  Returns 0, or
 * EXIT_USAGE after printing them. */
static int
open_project(struct tally_project *p, struct tally_diags *d)
{
	if (tally_project_open_rev(p, ".", opt.rev, d) < 0) {
		print_diags(d);
		return EXIT_USAGE;
	}
	d->disabled = p->config.disable;
	d->ndisabled = p->config.ndisable;
	if (p->config.nseverity) {
		size_t i;
		d->nsev = p->config.nseverity;
		d->sev_rules = tally_arena_alloc(&p->arena,
		    d->nsev * sizeof(*d->sev_rules));
		d->sev_values = tally_arena_alloc(&p->arena,
		    d->nsev * sizeof(*d->sev_values));
		for (i = 0; i < d->nsev; i++) {
			d->sev_rules[i] = p->config.severity[i].rule;
			d->sev_values[i] = (enum tally_severity)
			    tally_severity_parse(p->config.severity[i].severity);
		}
	}
	return 0;
}

static char *
clean_path(const char *s)
{
	size_t n;

	while (s[0] == '.' && s[1] == '/')
		s += 2;
	n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		n--;
	return xstrndup(s, n);
}

/* --- tally version -------------------------------------------------------- */

static int
cmd_version(void)
{
	printf("tally %s\n", TALLY_VERSION);
	return EXIT_CLEAN;
}

/* --- tally schemas -------------------------------------------------------- */

static int
cmd_schemas(void)
{
	struct tally_diags d;
	struct tally_project p;
	int rc, i;
	size_t k;

	tally_diags_init(&d, opt.lang);
	rc = tally_project_open(&p, ".", &d);
	/* Files named on the command line are validated too. */
	for (i = 0; i < opt.nargs; i++) {
		char *path = clean_path(opt.args[i]), *src;
		struct tally_schema *s;
		size_t len;
		if (tally_source_read(".", path, &src, &len) < 0) {
			tally_diag_config(&d, path, 0, 0, "无法读取：%s",
			    "cannot read: %s", strerror(errno));
			rc = -1;
		} else {
			if (tally_schema_load(&p.arena, path, src, len, &s, &d) < 0)
				rc = -1;
			free(src);
		}
		free(path);
	}
	for (k = 0; k < p.schemas.n; k++) {
		const struct tally_schema *s = p.schemas.items[k];
		printf("%-20s %s  (%s: %zu %s, %zu %s, %zu %s)\n", s->id,
		    s->name ? s->name : "", s->path, s->nsections,
		    L("个章节", "sections"), s->nfields, L("个字段", "fields"),
		    s->nrules, L("条规则", "rules"));
	}
	if (d.n)
		print_diags(&d);
	else if (!opt.quiet && p.schemas.n == 0)
		printf("%s\n", L("没有找到模式文件。", "no schema files found."));
	tally_diags_free(&d);
	tally_project_free(&p);
	return rc < 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* --- tally dump ----------------------------------------------------------- */

static int
cmd_dump(void)
{
	struct tally_diags d;
	struct tally_project p;
	struct tally_report *r;
	struct tally_buf out = TALLY_BUF_INIT;
	char *src, *path;
	size_t len;
	int rc;

	if (opt.nargs != 1)
		return usage_error("dump 需要一个文件参数%s",
		    "dump takes exactly one FILE%s", "");
	tally_diags_init(&d, opt.lang);
	if ((rc = open_project(&p, &d)) != 0) {
		tally_diags_free(&d);
		tally_project_free(&p);
		return rc;
	}
	path = clean_path(opt.args[0]);
	if (tally_source_read(".", path, &src, &len) < 0) {
		fprintf(stderr, "tally: %s: %s\n", path, strerror(errno));
		free(path);
		tally_diags_free(&d);
		tally_project_free(&p);
		return EXIT_USAGE;
	}
	tally_report_load(&r, path, src, len, &p.schemas, &d);
	free(src);
	tally_report_dump(r, &out);
	fwrite(out.data ? out.data : "", 1, out.len, stdout);
	tally_buf_free(&out);
	print_diags(&d);
	rc = tally_diags_worst(&d) == TALLY_SEV_ERROR ? EXIT_FINDINGS : EXIT_CLEAN;
	tally_report_free(r);
	free(path);
	tally_diags_free(&d);
	tally_project_free(&p);
	return rc;
}

/* --- tally lint ----------------------------------------------------------- */

/* Narrows files to what changed between REV and the working tree (or the
 * --rev tree): changed reports, every report of a type whose schema
 * changed, everything when tally.yaml changed.  Deleted reports are simply
 * gone.  Returns 0 or -1 (reported). */
struct changed_filter {
	struct tally_pathlist paths;  /* changed reports */
	struct tally_pathlist types;  /* ids of changed schemas */
	int all;
};

static int
changed_since(struct tally_project *p, struct changed_filter *cf,
    struct tally_diags *d)
{
	struct tally_changes ch;
	size_t i, n = strlen(p->config.schemas_dir);

	memset(cf, 0, sizeof(*cf));
	if (tally_project_repo(p, d) == NULL) {
		tally_diag_config(d, ".", 0, 0,
		    "--changed-since %s：该目录不在 git 仓库中",
		    "--changed-since %s: this directory is not in a git repository",
		    opt.changed_since);
		return -1;
	}
	if (tally_repo_changed_since(p->repo, opt.changed_since, NULL, &ch, d) < 0)
		return -1;
	for (i = 0; i < ch.changed.n; i++) {
		const char *c = ch.changed.paths[i];
		size_t len = strlen(c);
		if (strcmp(c, "tally.yaml") == 0)
			cf->all = 1;
		else if (strncmp(c, p->config.schemas_dir, n) == 0 && c[n] == '/' &&
		    len > 5 && strcmp(c + len - 5, ".yaml") == 0) {
			const char *b = c + n + 1;
			char *id = xstrndup(b, strlen(b) - 5);
			tally_pathlist_add(&cf->types, id);
			free(id);
		} else if (len > 3 && strcmp(c + len - 3, ".md") == 0)
			tally_pathlist_add(&cf->paths, c);
	}
	/* a deleted schema changes the type of its reports too */
	for (i = 0; i < ch.deleted.n; i++) {
		const char *c = ch.deleted.paths[i];
		size_t len = strlen(c);
		if (strncmp(c, p->config.schemas_dir, n) == 0 && c[n] == '/' &&
		    len > 5 && strcmp(c + len - 5, ".yaml") == 0) {
			char *id = xstrndup(c + n + 1, strlen(c + n + 1) - 5);
			tally_pathlist_add(&cf->types, id);
			free(id);
		}
	}
	tally_pathlist_sort(&cf->paths);
	tally_pathlist_sort(&cf->types);
	tally_changes_free(&ch);
	return 0;
}

static int
in_list(const struct tally_pathlist *l, const char *s)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(l->paths[mid], s);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* A report's bytes for the lint loop, in a buffer that load_report hands
 * over to the report (or that is kept for the next report when the report
 * copies).  From the working directory the file is read with one read(2)
 * into a buffer of READ_CHUNK bytes, without an fstat(2) for its size: the
 * listing gave regular files only, and a regular file's read stops short
 * only at its end, so a read that leaves room in the buffer found the end
 * (a larger file is read on in larger buffers).  From --rev, through the
 * project.  Returns 0, or -1 with errno. */
struct readbuf {
	char *data;
	size_t cap;
	struct tally_buf path;
};

#define READ_CHUNK ((size_t)64 * 1024)

static int
read_report(const struct tally_project *p, const char *rel,
    struct readbuf *rb, size_t *len)
{
	size_t n = 0, want;
	ssize_t got;
	int fd, e;

	if (p->tree != NULL) {
		char *d;
		if (tally_project_read(p, rel, &d, len, NULL) < 0)
			return -1;
		free(rb->data);
		rb->data = d;
		rb->cap = *len;
		return 0;
	}
	tally_buf_reset(&rb->path);
	if (p->root[0] != '\0' && strcmp(p->root, ".") != 0) {
		tally_buf_puts(&rb->path, p->root);
		tally_buf_puts(&rb->path, "/");
	}
	tally_buf_puts(&rb->path, rel);
	if ((fd = open(tally_buf_cstr(&rb->path), O_RDONLY)) < 0)
		return -1;
	for (;;) {
		/* room for a page at least, and always for the NUL the
		 * report puts after the bytes */
		if (rb->cap < n + 4096 + 1) {
			size_t cap = rb->cap < READ_CHUNK ? READ_CHUNK : rb->cap * 2;
			rb->data = xrealloc(rb->data, cap);
			rb->cap = cap;
		}
		want = rb->cap - n - 1;
		got = read(fd, rb->data + n, want);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		n += (size_t)got;
		if ((size_t)got < want)
			break; /* the end (0 at the end, or a short read) */
	}
	close(fd);
	*len = n;
	return 0;
fail:
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

/* The report of the bytes read_report read: the buffer itself is handed
 * over when it has room for the NUL the report puts after them (from the
 * working directory, always), and the next read_report allocates another;
 * else the report copies them. */
static void
load_report(struct tally_report **r, const char *path, struct readbuf *rb,
    size_t len, const struct tally_schemaset *schemas,
    struct tally_diags *diags)
{
	if (rb->data != NULL && rb->cap > len) {
		tally_report_load_own(r, path, rb->data, len, schemas, diags);
		rb->data = NULL;
		rb->cap = 0;
		return;
	}
	tally_report_load(r, path, rb->data, len, schemas, diags);
}

static int
cmd_lint(void)
{
	struct tally_diags d;
	struct tally_project p;
	struct tally_pathlist files = {NULL, 0, 0};
	struct changed_filter cf;
	struct tally_lint_run *run;
	struct readbuf rb = {NULL, 0, TALLY_BUF_INIT};
	char **paths = NULL;
	size_t i, nlinted = 0;
	int rc, io_error = 0, progress;
	enum tally_severity worst;

	memset(&cf, 0, sizeof(cf));
	if (opt.format && !format_known(opt.format))
		return usage_error("不支持的输出格式：%s",
		    "unsupported output format: %s", opt.format);
	tally_diags_init(&d, opt.lang);
	if ((rc = open_project(&p, &d)) != 0) {
		tally_diags_free(&d);
		tally_project_free(&p);
		return rc;
	}
	if (opt.changed_since && changed_since(&p, &cf, &d) < 0) {
		print_diags(&d);
		tally_diags_free(&d);
		tally_project_free(&p);
		return EXIT_USAGE;
	}
	if (opt.nargs > 0) {
		paths = xcalloc((size_t)opt.nargs, sizeof(*paths));
		for (i = 0; i < (size_t)opt.nargs; i++)
			paths[i] = clean_path(opt.args[i]);
	}
	if (tally_project_reports(&p, paths, (size_t)opt.nargs, &files, &d) < 0)
		io_error = 1;
	/* the cross-report rules see a summary of every report linted */
	run = tally_lint_run_new();
	progress = isatty(STDERR_FILENO) && files.n >= 500 && !opt.quiet;
	for (i = 0; i < files.n; i++) {
		if (progress && i % 250 == 0)
			fprintf(stderr, L("\r检查中 %zu/%zu", "\rlinting %zu/%zu"), i,
			    files.n);
		struct tally_report *r;
		size_t len;
		int selected = !opt.changed_since || cf.all ||
		    in_list(&cf.paths, files.paths[i]);
		/* Without a changed schema, unchanged reports are not read. */
		if (!selected && cf.types.n == 0)
			continue;
		if (read_report(&p, files.paths[i], &rb, &len) < 0) {
			tally_diag_add(&d, "F001", files.paths[i], 0, 0,
			    "无法读取：%s", "cannot read: %s", strerror(errno));
			continue;
		}
		if (selected) {
			load_report(&r, files.paths[i], &rb, len, &p.schemas, &d);
		} else {
			/* an unchanged report counts only when its schema
			 * changed: its load findings are kept then */
			struct tally_diags scratch;
			tally_diags_init_like(&scratch, &d);
			load_report(&r, files.paths[i], &rb, len, &p.schemas,
			    &scratch);
			if (r->type && in_list(&cf.types, r->type)) {
				tally_diags_move(&d, &scratch);
				selected = 1;
			}
			tally_diags_free(&scratch);
		}
		if (selected) {
			tally_lint_report_run(&p, r, &d, run);
			nlinted++;
		}
		tally_report_free(r);
	}
	free(rb.data);
	tally_buf_free(&rb.path);
	if (progress)
		fputs("\r\033[K", stderr);
	tally_lint_run_finish(run, &d);
	tally_lint_run_free(run);
	print_diags(&d);
	if (opt.changed_since && !opt.quiet && (!opt.format ||
	    strcmp(opt.format, "text") == 0))
		fprintf(stderr, L("tally: 自 %s 以来改动的报告，检查了 %zu 份\n",
		    "tally: reports changed since %s: %zu linted\n"),
		    opt.changed_since, nlinted);
	worst = tally_diags_worst(&d);
	if (io_error)
		rc = EXIT_USAGE;
	else if (worst == TALLY_SEV_ERROR ||
	    (opt.werror && worst >= TALLY_SEV_WARNING))
		rc = EXIT_FINDINGS;
	else
		rc = EXIT_CLEAN;
	for (i = 0; i < (size_t)opt.nargs; i++)
		free(paths[i]);
	free(paths);
	tally_pathlist_free(&cf.paths);
	tally_pathlist_free(&cf.types);
	tally_pathlist_free(&files);
	tally_diags_free(&d);
	tally_project_free(&p);
	return rc;
}

/* --- tally explain -------------------------------------------------------- */

static int
cmd_explain(void)
{
	size_t i;

	if (opt.format && strcmp(opt.format, "markdown") == 0) {
		/* The README's rule list is generated from here. */
		printf("| %s | %s | %s |\n|---|---|---|\n", L("规则", "rule"),
		    L("级别", "severity"), L("检查内容", "finding"));
		for (i = 0; i < tally_nrules; i++)
			printf("| %s | %s | %s / %s |\n", tally_rules[i].id,
			    tally_severity_name(tally_rules[i].severity),
			    tally_rules[i].title_zh, tally_rules[i].title_en);
		return EXIT_CLEAN;
	}
	if (opt.format && strcmp(opt.format, "text") != 0)
		return usage_error("不支持的输出格式：%s（text 或 markdown）",
		    "unsupported format: %s (text or markdown)", opt.format);
	if (opt.nargs == 0) {
		for (i = 0; i < tally_nrules; i++) {
			const struct tally_rule_info *r = &tally_rules[i];
			printf("%s  %-7s  %s\n", r->id,
			    tally_severity_name(r->severity),
			    L(r->title_zh, r->title_en));
		}
		return EXIT_CLEAN;
	}
	for (i = 0; i < (size_t)opt.nargs; i++) {
		const struct tally_rule_info *r = tally_rule_find(opt.args[i]);
		if (r == NULL)
			return usage_error("未知的规则：%s（“tally explain” 列出全部规则）",
			    "unknown rule: %s (\"tally explain\" lists them all)",
			    opt.args[i]);
		printf("%s  %s  [%s]\n\n%s\n", r->id, L(r->title_zh, r->title_en),
		    tally_severity_name(r->severity),
		    L(r->explain_zh, r->explain_en));
		if (i + 1 < (size_t)opt.nargs)
			putchar('\n');
	}
	return EXIT_CLEAN;
}

/* --- tally new ------------------------------------------------------------ */

static int
valid_id(const char *s)
{
	if (s == NULL || *s == '\0' || *s == '-')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

/* Writes data to path only if it does not exist yet. */
static int
write_new(const char *path, const char *data, size_t len)
{
	FILE *f;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);

	if (fd < 0)
		return -1;
	f = fdopen(fd, "wb");
	if (f == NULL) {
		close(fd);
		return -1;
	}
	if (fwrite(data, 1, len, f) != len) {
		fclose(f);
		unlink(path);
		return -1;
	}
	return fclose(f);
}

static int
mkdirs(const char *path)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0755) < 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

static int
cmd_new(void)
{
	struct tally_diags d;
	struct tally_project p;
	const struct tally_schema *s;
	struct tally_buf out = TALLY_BUF_INIT;
	struct tally_unit unit;
	char *dir = NULL, *file = NULL, *uy = NULL, *src;
	size_t len;
	int rc, year = 0;

	if (!valid_id(opt.unit))
		return usage_error("需要 --unit 单位标识（小写字母、数字和 -）%s",
		    "--unit ID is required (lowercase letters, digits and -)%s", "");
	if (opt.year == NULL || strlen(opt.year) != 4 ||
	    strspn(opt.year, "0123456789") != 4)
		return usage_error("需要 --year 四位数年度%s",
		    "--year YYYY is required%s", "");
	year = atoi(opt.year);
	if (opt.project && !valid_id(opt.project))
		return usage_error("--project 应为小写字母、数字和 -：%s",
		    "--project must be lowercase letters, digits and -: %s",
		    opt.project);
	tally_diags_init(&d, opt.lang);
	if ((rc = open_project(&p, &d)) != 0) {
		tally_diags_free(&d);
		tally_project_free(&p);
		return rc;
	}
	rc = EXIT_USAGE;
	if (opt.type == NULL)
		opt.type = opt.project ? "project" : "department-overall";
	if ((s = tally_schemaset_find(&p.schemas, opt.type)) == NULL) {
		usage_error("未知的报告类型：%s（“tally schemas” 列出全部类型）",
		    "unknown report type: %s (\"tally schemas\" lists them)", opt.type);
		goto out;
	}
	dir = xasprintf("%s/%s/%d", p.config.content_dir, opt.unit, year);
	file = opt.project ? xasprintf("%s/project-%s.md", dir, opt.project)
	    : xasprintf("%s/overall.md", dir);
	uy = xasprintf("%s/%s/unit.yaml", p.config.content_dir, opt.unit);
	memset(&unit, 0, sizeof(unit));
	if (tally_source_read(".", uy, &src, &len) == 0) {
		tally_unit_load(&p.arena, opt.unit, uy, src, len, &unit, &d);
		free(src);
	}
	if (mkdirs(dir) < 0) {
		fprintf(stderr, "tally: %s: %s\n", dir, strerror(errno));
		goto out;
	}
	if (unit.name == NULL && access(uy, F_OK) != 0) {
		const char *tmpl = "# 单位信息：请填写单位全称等\nname: \nshort_name: \n"
		    "region: \nparent: \nkind: \n";
		if (write_new(uy, tmpl, strlen(tmpl)) == 0)
			printf("%s %s\n", L("已创建", "created"), uy);
	}
	tally_scaffold(s, unit.name, year, opt.project, &out);
	if (write_new(file, out.data, out.len) < 0) {
		fprintf(stderr, "tally: %s: %s\n", file, errno == EEXIST
		    ? L("文件已存在，未覆盖", "already exists, not overwritten")
		    : strerror(errno));
		goto out;
	}
	printf("%s %s\n", L("已创建", "created"), file);
	rc = EXIT_CLEAN;
out:
	free(dir);
	free(file);
	free(uy);
	tally_buf_free(&out);
	tally_diags_free(&d);
	tally_project_free(&p);
	return rc;
}

/* --- tally build ---------------------------------------------------------- */

/* build takes its own options, passed through by main's loop in order:
 * -o DIR, --base-url URL, --theme DIR, --jobs N (also as --opt=VALUE),
 * --strict, --drafts, --no-cache. */
static int
cmd_build(void)
{
	struct tally_site_opts so;
	struct tally_site_stats st;
	struct tally_diags d;
	struct tally_project p;
	int i, rc;

	memset(&so, 0, sizeof(so));
	so.lang = opt.lang;
	for (i = 0; i < opt.nargs; i++) {
		const char *a = opt.args[i], *eq = strchr(a, '='), *v = NULL;
		static const char *const valued[] = {"-o", "--output", "--base-url",
		    "--theme", "--jobs", "-j", NULL};
		size_t k, n = eq && a[0] == '-' && a[1] == '-' ? (size_t)(eq - a)
		    : strlen(a);
		for (k = 0; valued[k]; k++)
			if (strlen(valued[k]) == n && strncmp(a, valued[k], n) == 0)
				break;
		if (valued[k] != NULL) {
			if (a[n] == '=')
				v = a + n + 1;
			else if (i + 1 < opt.nargs)
				v = opt.args[++i];
			else
				return usage_error("%s 需要一个参数",
				    "%s needs an argument", valued[k]);
			if (valued[k][1] == 'o' || valued[k][2] == 'o')
				so.output_dir = v;
			else if (valued[k][2] == 'b')
				so.base_url = v;
			else if (valued[k][2] == 't')
				so.theme_dir = v;
			else {
				char *end;
				long j = strtol(v, &end, 10);
				if (*v == '\0' || *end != '\0' || j < 0 || j > 1024)
					return usage_error("无效的 --jobs 值：%s",
					    "invalid --jobs value: %s", v);
				so.jobs = (int)j;
			}
		} else if (strcmp(a, "--strict") == 0) {
			so.strict = 1;
		} else if (strcmp(a, "--drafts") == 0) {
			so.drafts = 1;
		} else if (strcmp(a, "--no-cache") == 0) {
			so.no_cache = 1;
		} else if (a[0] == '-') {
			return usage_error("未知的选项：%s", "unknown option: %s", a);
		} else {
			return usage_error("build 不接受路径参数：%s",
			    "build takes no PATH arguments: %s", a);
		}
	}
	/* progress on a terminal only: a log or a pipe gets the summary */
	so.progress = !opt.quiet && isatty(STDERR_FILENO);
	tally_diags_init(&d, opt.lang);
	if ((rc = open_project(&p, &d)) != 0) {
		tally_diags_free(&d);
		tally_project_free(&p);
		return rc;
	}
	rc = tally_site_build(&p, &so, &st, &d);
	if (d.n)
		print_diags(&d);
	if (rc == TALLY_SITE_OK && !opt.quiet) {
		printf(L("已生成站点 %s：%zu 份报告，%zu 个单位，%zu 个页面",
		    "built %s: %zu reports, %zu units, %zu pages"), st.output_dir,
		    st.reports, st.units, st.pages);
		if (st.drafts)
			printf(L("（未发布草稿 %zu 份）", " (%zu drafts left out)"),
			    st.drafts);
		printf(L("；站点显示 %zu 个错误、%zu 个警告、%zu 个提示"
		    "（见 consistency/index.html）\n",
		    "; the site shows %zu errors, %zu warnings, %zu notes "
		    "(see consistency/index.html)\n"), st.count[TALLY_SEV_ERROR],
		    st.count[TALLY_SEV_WARNING], st.count[TALLY_SEV_NOTE]);
	} else if (rc == TALLY_SITE_EFINDINGS) {
		fprintf(stderr, "%s\n", L("tally: --strict：有错误级别的发现，未发布站点，"
		    "原有输出未改动。", "tally: --strict: findings at error level; "
		    "nothing was published and the previous output is untouched."));
	} else if (rc != TALLY_SITE_OK) {
		fprintf(stderr, "%s\n", L("tally: 未能生成站点，原有输出未改动。",
		    "tally: the site was not built; the previous output is untouched."));
	}
	tally_diags_free(&d);
	tally_project_free(&p);
	if (rc == TALLY_SITE_OK)
		return EXIT_CLEAN;
	return rc == TALLY_SITE_EFINDINGS ? EXIT_FINDINGS : EXIT_USAGE;
}

static const struct command commands[] = {
	{"new", cmd_new,
	    "用法：tally new --unit 单位标识 --year 年度 [--type 类型] [--project 项目标识]\n\n"
	    "按模式新建一份报告：content/<单位>/<年度>/overall.md 或 project-<项目>.md，\n"
	    "含前置元数据与各章节标题；单位目录没有 unit.yaml 时一并创建。不覆盖已有文件。\n"
	    "类型默认为 department-overall（给出 --project 时为 project）。\n",
	    "usage: tally new --unit ID --year YYYY [--type TYPE] [--project SLUG]\n\n"
	    "Scaffolds a report from its schema: content/<unit>/<year>/overall.md or\n"
	    "project-<slug>.md, with front matter and the schema's section headings;\n"
	    "creates the unit's unit.yaml when missing.  Never overwrites a file.\n"
	    "TYPE defaults to department-overall (project with --project).\n"},
	{"lint", cmd_lint,
	    "用法：tally lint [选项] [路径…]\n\n"
	    "检查报告：前置元数据、章节、算术、表格、数字与链接。路径可以是文件或目录，\n"
	    "默认为内容目录。\n\n"
	    "选项：\n"
	    "  --format 格式    输出格式：text（默认）、json、github（工作流注释）、\n"
	    "                   sarif（SARIF 2.1.0）、rdjson（reviewdog）\n"
	    "  --werror         警告也视为错误（退出状态 1）\n"
	    "  -q               不输出汇总行\n"
	    "  --color, --no-color  强制或关闭颜色（默认仅在终端上着色）\n",
	    "usage: tally lint [OPTIONS] [PATH…]\n\n"
	    "Lint reports: front matter, sections, arithmetic, tables, numbers and\n"
	    "links.  PATHs are files or directories; default: the content directory.\n\n"
	    "options:\n"
	    "  --format FORMAT  text (default), json, github (workflow commands),\n"
	    "                   sarif (SARIF 2.1.0), rdjson (reviewdog)\n"
	    "  --werror         treat warnings as errors (exit status 1)\n"
	    "  -q               no summary line\n"
	    "  --color, --no-color  force or disable colour (default: only on a terminal)\n"},
	{"build", cmd_build,
	    "用法：tally build [选项]\n\n"
	    "检查全部报告，然后把公开站点写入输出目录：首页、单位页（含历年图表）、\n"
	    "报告页（正文、关键数据、绩效指标、检查发现）、年度与类型列表、一致性检查页、\n"
	    "开放数据（data/reports.csv、data/reports.json、每份报告的 JSON）、\n"
	    "搜索索引、feed.xml 与 sitemap.xml。站点先写入输出目录旁的临时目录，\n"
	    "完成后整体替换；中途失败或中断时原有站点不变。\n\n"
	    "选项：\n"
	    "  -o 目录          输出目录（默认：tally.yaml 的 output）\n"
	    "  --base-url 网址  站点的基础网址：“/”、“/路径/” 或 https://主机/路径/\n"
	    "                   （默认：site.base_url；feed 与 sitemap 需要完整网址）\n"
	    "  --theme 目录     主题目录（默认：tally.yaml 的 theme）\n"
	    "  --strict         有错误级别的发现时不发布（退出状态 1）\n"
	    "  --drafts         也发布 draft: true 的报告\n"
	    "  --jobs N         并行线程数（默认：CPU 数）\n"
	    "  --no-cache       不使用增量缓存\n"
	    "  -q               不输出汇总行\n\n"
	    "退出状态：0 已生成（发现显示在站点上），1 --strict 且有错误，2 用法、配置或读写错误。\n",
	    "usage: tally build [OPTIONS]\n\n"
	    "Lint every report, then write the public site to the output directory:\n"
	    "the index, unit pages (with a chart across years), report pages (text,\n"
	    "key figures, indicators, findings), year and type listings, the\n"
	    "consistency page, open data (data/reports.csv, data/reports.json, a JSON\n"
	    "per report), the search index, feed.xml and sitemap.xml.  The site is\n"
	    "written beside the output directory and swapped in when complete: a\n"
	    "failed or interrupted build leaves the previous site as it was.\n\n"
	    "options:\n"
	    "  -o DIR           output directory (default: output in tally.yaml)\n"
	    "  --base-url URL   base of every link: \"/\", \"/path/\" or https://host/path/\n"
	    "                   (default: site.base_url; feed and sitemap want a full URL)\n"
	    "  --theme DIR      theme directory (default: theme in tally.yaml)\n"
	    "  --strict         do not publish when lint finds errors (exit status 1)\n"
	    "  --drafts         publish reports marked draft: true too\n"
	    "  --jobs N         worker threads (default: one per CPU)\n"
	    "  --no-cache       do not use the incremental cache\n"
	    "  -q               no summary line\n\n"
	    "exit status: 0 built (findings are shown on the site), 1 --strict and\n"
	    "errors, 2 usage, configuration or I/O error.\n"},
	{"explain", cmd_explain,
	    "用法：tally explain [--format markdown] [规则…]\n\n不带参数时列出全部规则；否则说明每条规则：\n"
	    "检查内容、为何重要、错误示例、如何修正。--format markdown 输出规则表（README 用）。\n",
	    "usage: tally explain [--format markdown] [RULE…]\n\nWithout arguments, lists every rule; otherwise explains\n"
	    "each rule: what it checks, why it matters, an example that fails, how to fix it.\n"
	    "--format markdown prints the rule table (the README's list is made from it).\n"},
	{"schemas", cmd_schemas,
	    "用法：tally schemas [文件…]\n\n列出站点的报告类型（schemas/*.yaml），并校验这些模式文件\n"
	    "及命令行给出的文件：未知的键、格式错误的路径、重复的章节都报告为错误（退出状态 1）。\n",
	    "usage: tally schemas [FILE…]\n\nLists the site's report types (schemas/*.yaml) and validates\n"
	    "them and any FILE given: unknown keys, malformed paths and duplicate\n"
	    "sections are errors (exit status 1).\n"},
	{"dump", cmd_dump,
	    "用法：tally dump 文件\n\n输出报告的解析模型：前置元数据的事实树（每个键和值的行列号、\n"
	    "数值的精度）与正文大纲（章节、编号、段落、表格），用于回归测试与排查。\n",
	    "usage: tally dump FILE\n\nPrints the parsed model of a report: the front-matter fact tree\n"
	    "(line and column of every key and value, numbers with their precision)\n"
	    "and the body outline (sections, numbering, paragraphs, tables).\n"},
	{"version", cmd_version, "用法：tally version\n", "usage: tally version\n"},
};

int
main(int argc, char **argv)
{
	const struct command *cmd = NULL;
	int i;
	size_t k;

	opt.lang = tally_lang_from_env();
	opt.color = -1;
	opt.args = xcalloc((size_t)argc + 1, sizeof(*opt.args));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (strcmp(a, "--rev") == 0)
			slot = &opt.rev;
		else if (strcmp(a, "--changed-since") == 0)
			slot = &opt.changed_since;
		else if (strcmp(a, "--unit") == 0)
			slot = &opt.unit;
		else if (strcmp(a, "--year") == 0)
			slot = &opt.year;
		else if (strcmp(a, "--type") == 0)
			slot = &opt.type;
		else if (strcmp(a, "--project") == 0)
			slot = &opt.project;
		if (slot != NULL) {
			if (i + 1 >= argc) {
				free(opt.args);
				return usage_error("%s 需要一个参数",
				    "%s needs an argument", a);
			}
			*slot = argv[++i];
		} else if (strcmp(a, "-C") == 0 || strcmp(a, "--lang") == 0 ||
		    strcmp(a, "--format") == 0) {
			if (i + 1 >= argc) {
				free(opt.args);
				return usage_error("%s 需要一个参数",
				    "%s needs an argument", a);
			}
			if (a[1] == 'C')
				opt.dir = argv[++i];
			else if (a[2] == 'f')
				opt.format = argv[++i];
			else {
				const char *l = argv[++i];
				if (strcmp(l, "zh") == 0 || strncmp(l, "zh-", 3) == 0 ||
				    strncmp(l, "zh_", 3) == 0)
					opt.lang = TALLY_LANG_ZH;
				else if (strncmp(l, "en", 2) == 0)
					opt.lang = TALLY_LANG_EN;
				else {
					free(opt.args);
					return usage_error("不支持的语言：%s（zh 或 en）",
					    "unsupported language: %s (zh or en)", l);
				}
			}
		} else if (strncmp(a, "--format=", 9) == 0) {
			opt.format = a + 9;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			opt.help = 1;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			opt.quiet = 1;
		} else if (strcmp(a, "--werror") == 0) {
			opt.werror = 1;
		} else if (strcmp(a, "--color") == 0) {
			opt.color = 1;
		} else if (strcmp(a, "--no-color") == 0) {
			opt.color = 0;
		} else if (strcmp(a, "--version") == 0 && cmd == NULL) {
			cmd = &commands[sizeof(commands) / sizeof(commands[0]) - 1];
		} else if (a[0] == '-' && a[1] != '\0' && strcmp(a, "--") != 0) {
			if (cmd != NULL && cmd->run == cmd_build) {
				/* build reads its own options (-o DIR …) */
				opt.args[opt.nargs++] = argv[i];
				continue;
			}
			free(opt.args);
			return usage_error("未知的选项：%s", "unknown option: %s", a);
		} else if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				opt.args[opt.nargs++] = argv[i];
		} else if (cmd == NULL) {
			for (k = 0; k < sizeof(commands) / sizeof(commands[0]); k++)
				if (strcmp(commands[k].name, a) == 0)
					cmd = &commands[k];
			if (cmd == NULL) {
				free(opt.args);
				return usage_error("未知的命令：%s", "unknown command: %s", a);
			}
		} else {
			opt.args[opt.nargs++] = argv[i];
		}
	}
	if (cmd == NULL) {
		free(opt.args);
		usage_main(opt.help ? stdout : stderr);
		return opt.help ? EXIT_CLEAN : EXIT_USAGE;
	}
	if (opt.help) {
		fputs(L(cmd->help_zh, cmd->help_en), stdout);
		free(opt.args);
		return EXIT_CLEAN;
	}
	if (opt.dir && chdir(opt.dir) < 0) {
		fprintf(stderr, "tally: -C %s: %s\n", opt.dir, strerror(errno));
		free(opt.args);
		return EXIT_USAGE;
	}
	i = cmd->run();
	tally_git_shutdown();
	free(opt.args);
	return i;
}
