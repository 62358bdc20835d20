/*
 * rules.c - the rule table: one row per rule, the only place a rule's id,
 * family, default severity, titles and explain text are written.  Every
 * other part of tally reads it: tally_diag_add takes the severity from it,
 * `tally explain ID` prints the explain text, the SARIF emitter lists it as
 * tool.driver.rules, and the README's rule list is generated from it.
 *
 * Rows are sorted by family in pipeline order (F file, M metadata,
 * S structure, A arithmetic on figures, T tables, P prose, X cross-report,
 * N number syntax, L links, D suppressions) and by id within a family;
 * tally_rule_find relies on that order and tests/unit/test_rules.c checks
 * it.  An explain text has four parts under fixed headings (检查内容 /
 * 为何重要 / 错误示例 / 如何修正, and What it checks / Why it matters /
 * Example that fails / How to fix), is wrapped under 76 columns counting a
 * Chinese character as two, and ends with a newline.  The texts are
 * printed as they are, never used as a format string: "121.93%%" in them
 * is the malformed number N001 finds, not an escaped percent sign.
 *
 * The examples are taken from the real reports of the sample corpus; where
 * the published figure happens to be right, the example says so and shows
 * the variant that fails.
 */
#include <stddef.h>
#include <string.h>

#include "diag.h"

/* The table is laid out by hand, one output line per source line. */
/* clang-format off */
const struct tally_rule_info tally_rules[] = {

/* --- F: the file itself ------------------------------------------------ */

	/* F001: a content file cannot be read, is not valid UTF-8, or is a
	 * Markdown file in a year directory not named like a report. */
	{
		"F001", 'F', TALLY_SEV_ERROR,
		"文件无法读取、不是 UTF-8 或不是报告",
		"file unreadable, not UTF-8, or not a report",
		"检查内容\n"
		"  报告文件能否读取、是否为合法的 UTF-8 文本；年度目录下的 .md\n"
		"  文件名须为 overall.md 或 project-<slug>.md。\n"
		"\n"
		"为何重要\n"
		"  读不出的文件无法核对，也无法发布。从 Word、WPS 另存的文本常为\n"
		"  GBK 编码，不转换就发布，公众看到的是乱码。\n"
		"\n"
		"错误示例\n"
		"  content/dongan-grid/2023/overall.md 以 GBK 编码保存：\n"
		"  overall.md:1:1: error: [F001] 不是合法的 UTF-8 文本\n"
		"\n"
		"如何修正\n"
		"  转为 UTF-8 后重新提交：\n"
		"    iconv -f GBK -t UTF-8 overall.md > t.md && mv t.md overall.md\n"
		"  报告按类型命名；草稿、附件等非报告文件移出年度目录。\n",
		"What it checks\n"
		"  That a report file can be read and is valid UTF-8 text, and that\n"
		"  a .md file in a year directory is named overall.md or\n"
		"  project-<slug>.md.\n"
		"\n"
		"Why it matters\n"
		"  A file that cannot be read cannot be checked or published. Text\n"
		"  saved from Word or WPS is often GBK: published as is, the public\n"
		"  reads mojibake.\n"
		"\n"
		"Example that fails\n"
		"  content/dongan-grid/2023/overall.md saved in GBK:\n"
		"  overall.md:1:1: error: [F001] not valid UTF-8 text\n"
		"\n"
		"How to fix\n"
		"  Convert to UTF-8 and commit again:\n"
		"    iconv -f GBK -t UTF-8 overall.md > t.md && mv t.md overall.md\n"
		"  Name reports by type; move drafts and other files out of the\n"
		"  year directory.\n",
	},

	/* F002: no front matter between --- lines, or the YAML does not
	 * parse (reported at the parser's line and column). */
	{
		"F002", 'F', TALLY_SEV_ERROR,
		"前置元数据缺失或格式错误",
		"front matter missing or malformed",
		"检查内容\n"
		"  文件须以 --- 行开始、以另一 --- 行结束的 YAML 前置元数据开头，\n"
		"  且能被解析；语法错误报告解析器给出的行号和列号（从 1 起计）。\n"
		"\n"
		"为何重要\n"
		"  前置元数据是报告的数据（类型、年度、figures、指标）。解析失败，\n"
		"  其余核对都无法进行，网站上也没有这份报告的关键数字。\n"
		"\n"
		"错误示例\n"
		"  evaluator: 评价机构: 昆明中意银会计师事务所有限公司\n"
		"  overall.md:6:16: error: [F002] YAML 语法错误：此处不允许映射值\n"
		"\n"
		"如何修正\n"
		"  值中含“: ”或“ #”、或以 % @ 等开头时，给值加引号：\n"
		"    evaluator: \"评价机构: 昆明中意银会计师事务所有限公司\"\n"
		"  缩进只用空格；首行须为 ---，正文前还须有一行 ---。\n",
		"What it checks\n"
		"  That the file opens with YAML front matter between two --- lines\n"
		"  and that the YAML parses; a syntax error is reported at the\n"
		"  parser's line and column, counted from 1.\n"
		"\n"
		"Why it matters\n"
		"  The front matter is the report's data (type, year, figures,\n"
		"  indicators). If it does not parse, no other check can run and the\n"
		"  site has no key figures for the report.\n"
		"\n"
		"Example that fails\n"
		"  evaluator: 评价机构: 昆明中意银会计师事务所有限公司\n"
		"  overall.md:6:16: error: [F002] YAML syntax error: mapping values\n"
		"  are not allowed in this context\n"
		"\n"
		"How to fix\n"
		"  Quote a value that holds \": \" or \" #\", or starts with % or @:\n"
		"    evaluator: \"评价机构: 昆明中意银会计师事务所有限公司\"\n"
		"  Indent with spaces only; the first line must be --- and another\n"
		"  --- line must close the front matter before the body.\n",
	},

	/* F003: a front-matter key that neither the report format nor the
	 * report's schema defines. */
	{
		"F003", 'F', TALLY_SEV_WARNING,
		"未知的前置元数据键",
		"unknown front-matter key",
		"检查内容\n"
		"  报告格式和该类型 schema 都未定义的前置元数据键；与某个已知键\n"
		"  相近时，提示“是否应为”。\n"
		"\n"
		"为何重要\n"
		"  拼错的键会被静默忽略：money_unit 拼错，金额就按默认的万元读；\n"
		"  published 拼错，报告没有发布日期，而作者以为都已填写。\n"
		"\n"
		"错误示例\n"
		"  money-unit: 元\n"
		"  [F003] 未知的键 money-unit，是否应为 money_unit？\n"
		"\n"
		"如何修正\n"
		"  按提示改正键名（money_unit: 元）；格式中没有含义的键删去，\n"
		"  需要公开的信息写入正文。\n",
		"What it checks\n"
		"  Front-matter keys that neither the report format nor the report's\n"
		"  schema defines; when a known key is close, it is suggested.\n"
		"\n"
		"Why it matters\n"
		"  A misspelt key is silently ignored: with money_unit misspelt,\n"
		"  money is read in the default 万元; with published misspelt, the\n"
		"  report has no date, while the author believes both are set.\n"
		"\n"
		"Example that fails\n"
		"  money-unit: 元\n"
		"  [F003] unknown key money-unit; did you mean money_unit?\n"
		"\n"
		"How to fix\n"
		"  Rename the key as suggested (money_unit: 元); delete keys that\n"
		"  mean nothing in the format and put what the public should read\n"
		"  in the body.\n",
	},

/* --- M: metadata ------------------------------------------------------- */

	/* M001: a field the format or the schema requires is absent. */
	{
		"M001", 'M', TALLY_SEV_ERROR,
		"缺少必填字段",
		"required field missing",
		"检查内容\n"
		"  必填字段是否齐全：type、title、year、published，项目报告的\n"
		"  project，以及 schema 标为 required 的 figures 字段。\n"
		"\n"
		"为何重要\n"
		"  缺少这些字段，报告无法归类、排序和汇总，网站的合计和图表会漏掉\n"
		"  它，依赖这些字段的核对规则也会被跳过。\n"
		"\n"
		"错误示例\n"
		"  部门整体支出报告的 figures 中没有总支出：\n"
		"  [M001] 缺少必填字段 figures.expenditure.total（总支出）\n"
		"\n"
		"如何修正\n"
		"  从正文或决算报表取数补上，如盘龙分中心“整体预算总支出\n"
		"  232.4万元”：\n"
		"    figures: {expenditure: {total: 232.4}}\n",
		"What it checks\n"
		"  That the required fields are present: type, title, year,\n"
		"  published, project for a project report, and every figures field\n"
		"  the schema marks required.\n"
		"\n"
		"Why it matters\n"
		"  Without them a report cannot be classified, sorted or totalled:\n"
		"  the site's totals and charts leave it out, and the rules that need\n"
		"  those fields are skipped.\n"
		"\n"
		"Example that fails\n"
		"  A department-overall report whose figures lack the total spent:\n"
		"  [M001] required field figures.expenditure.total (总支出) missing\n"
		"\n"
		"How to fix\n"
		"  Take the figure from the body or the final accounts (决算), e.g.\n"
		"  \"整体预算总支出232.4万元\":\n"
		"    figures: {expenditure: {total: 232.4}}\n",
	},

	/* M002: a metadata value is not valid: type without a schema, a bad
	 * year or date, a grade outside the schema's bands, a bad money_unit. */
	{
		"M002", 'M', TALLY_SEV_ERROR,
		"字段值无效",
		"invalid field value",
		"检查内容\n"
		"  type 须有对应的 schema；year 为四位年份；published 为真实日期\n"
		"  YYYY-MM-DD；grade 须为 schema 所列等级（优、良、中、差）；\n"
		"  money_unit 只能是元、万元或亿元。\n"
		"\n"
		"为何重要\n"
		"  网站按这些值分组、排序和统计；值无效，报告会归错类别、\n"
		"  排错顺序，等级统计失真。\n"
		"\n"
		"错误示例\n"
		"  盘龙分中心报告写“自评为优秀”，转换时照抄为 grade: 优秀\n"
		"  [M002] grade 的值“优秀”无效，应为 优、良、中、差 之一\n"
		"\n"
		"如何修正\n"
		"  写规定的值：grade: 优；published: 2024-05-17（不写 2024-5-17\n"
		"  或 2024年5月17日）。正文保持原文，不必改动。\n",
		"What it checks\n"
		"  type must name a schema; year is a four-digit year; published is\n"
		"  a real date written YYYY-MM-DD; grade is one of the schema's bands\n"
		"  (优, 良, 中, 差); money_unit is 元, 万元 or 亿元.\n"
		"\n"
		"Why it matters\n"
		"  The site groups, sorts and counts reports by these values: an\n"
		"  invalid one files the report in the wrong place and skews the\n"
		"  grade statistics.\n"
		"\n"
		"Example that fails\n"
		"  The report says \"自评为优秀\", copied as grade: 优秀\n"
		"  [M002] invalid grade \"优秀\": expected one of 优, 良, 中, 差\n"
		"\n"
		"How to fix\n"
		"  Write the prescribed value: grade: 优; published: 2024-05-17 (not\n"
		"  2024-5-17 or 2024年5月17日). The body keeps its published text.\n",
	},

	/* M003: the fiscal year differs between the directory, year, the
	 * title and the dates in the body. */
	{
		"M003", 'M', TALLY_SEV_WARNING,
		"年度不一致",
		"year mismatch",
		"检查内容\n"
		"  目录年度、前置元数据 year、标题中的年度和正文所述年度是否一致。\n"
		"\n"
		"为何重要\n"
		"  年度错了，报告会归入错误的年度，与上年的对比（X001）也随之出错；\n"
		"  年度混杂常说明报告由别的年度改写而来，其他数字也可能没有更新。\n"
		"\n"
		"错误示例\n"
		"  content/km-zhengfawei/2018/ 下的报告，标题为“2018年网格化服务管理\n"
		"  补助经费”，依据的却是“关于开展2017年度……自评工作的通知”，\n"
		"  正文写“2017年实际到位项目资金700.00万元”。\n"
		"\n"
		"如何修正\n"
		"  依据通知和决算确定评价的财政年度，改正目录名和 year；已发布\n"
		"  正文中的错误年度保留原文，在该行前加带理由的抑制：\n"
		"    <!-- tally-disable-next-line M003 -- 原文如此，应为2017年 -->\n",
		"What it checks\n"
		"  That the year of the directory, the year key, the year in the\n"
		"  title and the year the body speaks of agree.\n"
		"\n"
		"Why it matters\n"
		"  A wrong year files the report under the wrong year and breaks the\n"
		"  comparison with last year (X001); mixed years often mean the text\n"
		"  was adapted from another year's and other figures were not updated.\n"
		"\n"
		"Example that fails\n"
		"  In content/km-zhengfawei/2018/, the title says 2018年网格化服务管理\n"
		"  补助经费, yet it answers the notice on the 2017年度 self-evaluation\n"
		"  and the body says \"2017年实际到位项目资金700.00万元\".\n"
		"\n"
		"How to fix\n"
		"  Settle the fiscal year from the notice and the final accounts, and\n"
		"  fix the directory and year. Keep a wrong year in the published body\n"
		"  and put before its line a suppression with a reason:\n"
		"    <!-- tally-disable-next-line M003 -- 原文如此，应为2017年 -->\n",
	},

	/* M004: a unit directory under content/ has no unit.yaml. */
	{
		"M004", 'M', TALLY_SEV_ERROR,
		"单位目录缺少 unit.yaml",
		"unit directory without unit.yaml",
		"检查内容\n"
		"  content/ 下的每个单位目录是否有 unit.yaml（全称、简称、地区、\n"
		"  主管部门、单位性质）。\n"
		"\n"
		"为何重要\n"
		"  没有 unit.yaml，网站无法显示单位全称，也无法按地区、主管部门\n"
		"  汇总；单位目录名拼错、另建了一个目录，也由此暴露。\n"
		"\n"
		"错误示例\n"
		"  有 content/dongan-grid/2023/overall.md，\n"
		"  却没有 content/dongan-grid/unit.yaml。\n"
		"\n"
		"如何修正\n"
		"  新建 unit.yaml，写明 name: 东安县网格事务中心、short_name、\n"
		"  region、parent 和 kind: 事业单位；若是目录名拼错，\n"
		"  把报告移入已有的单位目录。\n",
		"What it checks\n"
		"  That every unit directory under content/ has a unit.yaml (full\n"
		"  name, short name, region, supervising department, kind).\n"
		"\n"
		"Why it matters\n"
		"  Without it the site cannot show the unit's full name or total by\n"
		"  region and department; a misspelt unit directory, which starts a\n"
		"  new unit by mistake, shows up here.\n"
		"\n"
		"Example that fails\n"
		"  content/dongan-grid/2023/overall.md exists,\n"
		"  content/dongan-grid/unit.yaml does not.\n"
		"\n"
		"How to fix\n"
		"  Create unit.yaml with name: 东安县网格事务中心, short_name,\n"
		"  region, parent and kind: 事业单位; if the directory name is a\n"
		"  typo, move the report into the existing unit directory.\n",
	},

/* --- S: structure of the body ------------------------------------------ */

	/* S001: a section the schema requires is missing (titles matched
	 * without their numbering, aliases included). */
	{
		"S001", 'S', TALLY_SEV_ERROR,
		"缺少必备章节",
		"required section missing",
		"检查内容\n"
		"  schema 规定的必备章节是否齐全。章节按去掉编号（一、（一）1.）后的\n"
		"  标题识别，schema 中的别名（aliases）视为同一章节。\n"
		"\n"
		"为何重要\n"
		"  自评报告的提纲由财政部门规定；缺少“存在的问题”或“改进措施”，\n"
		"  自评就不完整，审核时可能被退回。\n"
		"\n"
		"错误示例\n"
		"  洛龙街道2019年项目自评报告止于“五、存在的问题”：\n"
		"  [S001] 缺少必备章节“建议和改进措施”，应在“存在的问题”之后\n"
		"\n"
		"如何修正\n"
		"  补写该章节；只是标题措辞不同时，在 schema 中加别名。已发布的\n"
		"  报告确实缺写时，保留原文，在前置元数据中写明理由：\n"
		"    lint: {disable: [{rule: S001, reason: 原报告未写改进措施}]}\n",
		"What it checks\n"
		"  That every section the schema requires is present. A section is\n"
		"  known by its title without numbering (一、（一）1.); the schema's\n"
		"  aliases count as the same section.\n"
		"\n"
		"Why it matters\n"
		"  The finance bureau prescribes the outline; a report without its\n"
		"  problems (存在的问题) or improvements (改进措施) is incomplete and\n"
		"  may be sent back.\n"
		"\n"
		"Example that fails\n"
		"  洛龙街道's 2019 project report ends at 五、存在的问题:\n"
		"  [S001] required section 建议和改进措施 missing, after 存在的问题\n"
		"\n"
		"How to fix\n"
		"  Write the section; if only the wording differs, add an alias to\n"
		"  the schema. If the published report lacks it, keep the text and\n"
		"  give the reason in the front matter:\n"
		"    lint: {disable: [{rule: S001, reason: 原报告未写改进措施}]}\n",
	},

	/* S002: sections appear in another order than the schema's. */
	{
		"S002", 'S', TALLY_SEV_WARNING,
		"章节顺序错误",
		"sections out of order",
		"检查内容\n"
		"  章节的先后是否与 schema 的顺序一致；缺省的可选章节不影响顺序。\n"
		"\n"
		"为何重要\n"
		"  读者和审核人按规定提纲查找内容；顺序颠倒还常说明某一章节被放到了\n"
		"  错误的层级下。\n"
		"\n"
		"错误示例\n"
		"  “七、改进措施及建议”在前，“八、存在的问题”在后：\n"
		"  [S002] “存在的问题”应在“改进措施及建议”之前\n"
		"\n"
		"如何修正\n"
		"  按 schema 的顺序调整章节并重新编号；已发布的报告保留原文，\n"
		"  在前置元数据中写 lint: {disable: [{rule: S002, reason: …}]}。\n",
		"What it checks\n"
		"  That sections come in the schema's order; an optional section that\n"
		"  is absent does not affect the order.\n"
		"\n"
		"Why it matters\n"
		"  Readers and reviewers look for content by the prescribed outline;\n"
		"  an inversion often means a section sits at the wrong level.\n"
		"\n"
		"Example that fails\n"
		"  七、改进措施及建议 comes before 八、存在的问题:\n"
		"  [S002] 存在的问题 should come before 改进措施及建议\n"
		"\n"
		"How to fix\n"
		"  Reorder the sections as the schema lists them and renumber. A\n"
		"  published report keeps its text and states why in its front\n"
		"  matter: lint: {disable: [{rule: S002, reason: ...}]}\n",
	},

	/* S003: numbering skips, repeats, or a list switches numbering
	 * style (一、二、四; （一）（三）; 1. to 4. then （五）). */
	{
		"S003", 'S', TALLY_SEV_WARNING,
		"编号不连续",
		"numbering out of sequence",
		"检查内容\n"
		"  同一层级的编号是否连续：一、二、三，（一）（二）（三），1. 2. 3.；\n"
		"  跳号、重号或同一列表中途换用另一级编号都会报告。\n"
		"\n"
		"为何重要\n"
		"  编号错乱说明内容被删改或层级放错；读者无法按编号引用，\n"
		"  也容易掩盖漏写的部分。\n"
		"\n"
		"错误示例\n"
		"  洛龙街道报告“三、项目组织和实施情况”下列 1. 至 4. 四项，\n"
		"  第五项却写作“（五）实行‘5员驱动’”：\n"
		"  [S003] 编号“（五）”与前项“4.”不连续\n"
		"\n"
		"如何修正\n"
		"  下次修订时改为“5.实行‘5员驱动’”；已发布的文本保持原样，\n"
		"  在该标题前一行加：\n"
		"    <!-- tally-disable-next-line S003 -- 原文编号如此，应为5. -->\n",
		"What it checks\n"
		"  That numbers at one level run in sequence: 一、二、三,\n"
		"  （一）（二）（三）, 1. 2. 3.; a skip, a repeat, or a list that\n"
		"  switches to another level's style midway is reported.\n"
		"\n"
		"Why it matters\n"
		"  Broken numbering means content was cut or put at the wrong level;\n"
		"  readers cannot cite by number, and a missing part goes unseen.\n"
		"\n"
		"Example that fails\n"
		"  Under 三、项目组织和实施情况, 洛龙街道's report lists items 1.\n"
		"  to 4., then numbers the fifth （五）实行“5员驱动”:\n"
		"  [S003] numbering （五） does not follow 4.\n"
		"\n"
		"How to fix\n"
		"  Renumber it 5. in the next revision; while the published text\n"
		"  stands, put on the line before the heading:\n"
		"    <!-- tally-disable-next-line S003 -- 原文编号如此，应为5. -->\n",
	},

	/* S004: a section with no text, table or subsection under it. */
	{
		"S004", 'S', TALLY_SEV_WARNING,
		"章节内容为空",
		"empty section",
		"检查内容\n"
		"  标题下没有任何正文、表格或下级章节的章节。\n"
		"\n"
		"为何重要\n"
		"  空章节让读者以为内容漏印；由目录转换来的标题还会让 S001\n"
		"  误以为该章节已经写了。\n"
		"\n"
		"错误示例\n"
		"  官渡分中心2017年报告开头的目录被转换成了标题：\n"
		"    ## 一、摘要\n"
		"    ## 二、部门概况\n"
		"  “一、摘要”下没有内容，正文里也没有摘要。\n"
		"\n"
		"如何修正\n"
		"  删去由目录转换来的标题（目录由网站生成）；确属漏写的，\n"
		"  在下次修订中补写，或写明“无”及原因。\n",
		"What it checks\n"
		"  Sections with no text, table or subsection under their heading.\n"
		"\n"
		"Why it matters\n"
		"  An empty section looks like a printing error; headings converted\n"
		"  from a table of contents also make S001 believe a section exists.\n"
		"\n"
		"Example that fails\n"
		"  The table of contents of 官渡分中心's 2017 report became headings:\n"
		"    ## 一、摘要\n"
		"    ## 二、部门概况\n"
		"  Nothing follows 一、摘要, and the body has no summary.\n"
		"\n"
		"How to fix\n"
		"  Delete headings converted from a table of contents (the site makes\n"
		"  its own). If content is really missing, write it in the next\n"
		"  revision, or state \"无\" and why.\n",
	},

	/* S006: a section still holds the template's prompt text. */
	{
		"S006", 'S', TALLY_SEV_WARNING,
		"章节仍为模板提示语",
		"section still holds the template prompt",
		"检查内容\n"
		"  章节中是否还留着模板的填写提示，如“结合自评情况，分析存在的问题\n"
		"  及原因。(200字以内)”。\n"
		"\n"
		"为何重要\n"
		"  留着提示语，说明这一部分实际没有写；公开后也有损报告的严肃性。\n"
		"\n"
		"错误示例\n"
		"  七、存在的问题\n"
		"  结合自评情况，分析存在的问题及原因。(200字以内)\n"
		"\n"
		"如何修正\n"
		"  用实际内容替换提示语，如盘龙分中心写的“需进一步加强预算绩效\n"
		"  指标的精细化程度及预算执行进度。”；已发布的报告保留原文，\n"
		"  加带理由的抑制，并在下次修订中补写。\n",
		"What it checks\n"
		"  Whether a section still holds the template's prompt, such as\n"
		"  \"结合自评情况，分析存在的问题及原因。(200字以内)\".\n"
		"\n"
		"Why it matters\n"
		"  A prompt left in means the part was never written, and it is\n"
		"  embarrassing in a published document.\n"
		"\n"
		"Example that fails\n"
		"  七、存在的问题\n"
		"  结合自评情况，分析存在的问题及原因。(200字以内)\n"
		"\n"
		"How to fix\n"
		"  Replace the prompt with the content, e.g. \"需进一步加强预算绩效\n"
		"  指标的精细化程度及预算执行进度。\". A published report keeps its\n"
		"  text with a suppression giving the reason until the next revision.\n",
	},

/* --- A: arithmetic on the figures -------------------------------------- */

	/* A001: the parts of a figures mapping with a total key, or the
	 * operands of a schema sum rule, do not add up to the total. */
	{
		"A001", 'A', TALLY_SEV_ERROR,
		"分项之和不等于合计",
		"parts do not add up to their total",
		"检查内容\n"
		"  figures 中带 total 键的映射：其余的金额和数量成员是分项，之和须\n"
		"  等于 total（嵌套映射以自身的 total 参与），schema 的 sum 规则同。\n"
		"  分项按其中最细的精度计（30 与 29.99 并列即 30.00），合计按区间比。\n"
		"\n"
		"为何重要\n"
		"  合计对不上，说明某个分项或合计抄错了；总支出是报告最重要的\n"
		"  数字，网站据此汇总。\n"
		"\n"
		"错误示例\n"
		"  盘龙分中心 total: 232.4，basic: {total: 209.52}，project: 22.88\n"
		"  相符；若 project 误抄为 28.88：\n"
		"  [A001] 总支出 232.4 ≠ 209.52 + 28.88 = 238.40 (允许误差 ±0.06)\n"
		"\n"
		"如何修正\n"
		"  对照原文和决算报表改正抄错的数字。原文本身不平时照录原数，\n"
		"  在前置元数据写 lint: {disable: [{rule: A001, reason: …}]}；\n"
		"  合计下还有非分项的数字（如增减额）时，用 parts: 指明分项。\n",
		"What it checks\n"
		"  A figures mapping with a total key: its other money and count\n"
		"  members are parts and must add up to total (a nested mapping takes\n"
		"  part through its own total); schema sum rules likewise. Parts are\n"
		"  read at their finest precision (30 beside 29.99 is 30.00).\n"
		"\n"
		"Why it matters\n"
		"  A total that does not add up means a part or the total was copied\n"
		"  wrong; total spending is the report's key figure and the site\n"
		"  totals it.\n"
		"\n"
		"Example that fails\n"
		"  total: 232.4, basic: {total: 209.52}, project: 22.88 adds up; with\n"
		"  project mistyped as 28.88:\n"
		"  [A001] 232.4 != 209.52 + 28.88 = 238.40 (tolerance ±0.06)\n"
		"\n"
		"How to fix\n"
		"  Correct the mistyped figure against the text and the accounts. If\n"
		"  the published text itself does not add up, keep its numbers and\n"
		"  add lint: {disable: [{rule: A001, reason: ...}]}; if the mapping\n"
		"  holds non-parts (a change on last year), name parts: explicitly.\n",
	},

	/* A002: a stated rate or percentage lies outside the interval of
	 * its ratio (schema ratio rule). */
	{
		"A002", 'A', TALLY_SEV_ERROR,
		"比率与其分子分母不符",
		"rate does not match its ratio",
		"检查内容\n"
		"  执行率、结案率、归档率等比率是否等于分子 ÷ 分母。按区间比较：\n"
		"  写出的数代表四舍五入后等于它的所有值，99.6% 即 [99.55%, 99.65%]；\n"
		"  四舍五入可以接受，截断不行。\n"
		"\n"
		"为何重要\n"
		"  比率是审核人最先看的数字；与分子分母不符，说明抄错、算错或\n"
		"  截断，公开后读者自己就能算出来。\n"
		"\n"
		"错误示例\n"
		"  东安县：上报116532件，归档116130件，归档率99.6%。\n"
		"  116130 ÷ 116532 = 99.655%，四舍五入为99.7%，99.6% 是截断：\n"
		"  [A002] 归档率 99.6% ≠ 116130 ÷ 116532 = 99.655% (允许误差 ±0.05)\n"
		"\n"
		"如何修正\n"
		"  写四舍五入的值：99.7%（或两位小数 99.66%）。已发布的报告照录\n"
		"  99.6%，在前置元数据中写明理由，并在下次修订中更正：\n"
		"    lint: {disable: [{rule: A002, reason: 原文截断，应为99.7%}]}\n",
		"What it checks\n"
		"  That a rate (执行率, 结案率, 归档率...) equals numerator ÷\n"
		"  denominator, as intervals: a written number stands for every value\n"
		"  that rounds to it, so 99.6% is [99.55%, 99.65%]. Rounding is\n"
		"  accepted, truncation is not.\n"
		"\n"
		"Why it matters\n"
		"  Rates are what a reviewer reads first. One that does not follow\n"
		"  from its counts was copied, computed or truncated wrongly, and any\n"
		"  reader can redo the division.\n"
		"\n"
		"Example that fails\n"
		"  东安县: 116532 events reported, 116130 archived, 归档率99.6%.\n"
		"  116130 ÷ 116532 = 99.655% rounds to 99.7%; 99.6% is truncated:\n"
		"  [A002] 99.6% != 116130 ÷ 116532 = 99.655% (tolerance ±0.05)\n"
		"\n"
		"How to fix\n"
		"  Round: 99.7% (or 99.66% with two decimals). A published report\n"
		"  keeps 99.6%, says why in its front matter, and is corrected in the\n"
		"  next revision:\n"
		"    lint: {disable: [{rule: A002, reason: 原文截断，应为99.7%}]}\n",
	},

	/* A003: a stated difference is not the difference of its operands
	 * (schema difference rule). */
	{
		"A003", 'A', TALLY_SEV_ERROR,
		"差额不符",
		"difference does not match",
		"检查内容\n"
		"  差额是否等于两数之差，如 结余 = 调整预算数 − 执行数，\n"
		"  较预算减少额 = 预算数 − 决算数；按区间比较。\n"
		"\n"
		"为何重要\n"
		"  结余和节约额说明资金去向；差额算错，读者会质疑资金是否\n"
		"  如实列支。\n"
		"\n"
		"错误示例\n"
		"  东安县“三公”经费年初预算0.94万元，决算0.86万元，较预算减少\n"
		"  0.08万元，相符；若写成减少0.18万元：\n"
		"  [A003] 减少额 0.18 ≠ 0.94 − 0.86 = 0.08\n"
		"\n"
		"如何修正\n"
		"  重新计算差额并改正；原文有误而须保留时照录原数，\n"
		"  在前置元数据的 lint.disable 中写明理由。\n",
		"What it checks\n"
		"  That a stated difference is the difference of its two figures,\n"
		"  e.g. unspent = adjusted budget − executed, or savings = budget −\n"
		"  final spending; compared as intervals.\n"
		"\n"
		"Why it matters\n"
		"  Balances and savings say where the money went; a wrong difference\n"
		"  makes readers doubt the spending was reported truly.\n"
		"\n"
		"Example that fails\n"
		"  东安县's 三公 budget was 0.94万元, spent 0.86万元, 0.08万元 less:\n"
		"  that holds. Written as 0.18万元 less:\n"
		"  [A003] 0.18 != 0.94 − 0.86 = 0.08\n"
		"\n"
		"How to fix\n"
		"  Recompute the difference and correct it; when the published text\n"
		"  must stay, keep its number and give the reason in lint.disable.\n",
	},

	/* A004: the indicators' scores do not add up to the report's score. */
	{
		"A004", 'A', TALLY_SEV_ERROR,
		"指标得分之和不等于总分",
		"indicator scores do not add up to the score",
		"检查内容\n"
		"  indicators 各项得分之和（自评表连同资金一行的得分）是否等于\n"
		"  前置元数据的总分 score；按区间比较，94.2 写作 94 可以接受。\n"
		"\n"
		"为何重要\n"
		"  总分决定等级，并在财政部门的考核中使用；各项得分加不出总分，\n"
		"  总分就没有依据。\n"
		"\n"
		"错误示例\n"
		"  市委政法委报告：项目决策19分、项目管理18分、项目绩效57.2分，\n"
		"  写“得分94分”相符；若 score: 95：\n"
		"  [A004] 总分 95 ≠ 19 + 18 + 57.2 = 94.2\n"
		"\n"
		"如何修正\n"
		"  逐项核对得分后重算总分，并一并核对等级（A007）；\n"
		"  已发布的报告照录原数，在 lint.disable 中写明理由。\n",
		"What it checks\n"
		"  That the indicators' scores (on a 自评表, together with the funds\n"
		"  row's score) add up to the front matter's score, as intervals:\n"
		"  94.2 stated as 94 holds.\n"
		"\n"
		"Why it matters\n"
		"  The score decides the grade and is used in the finance bureau's\n"
		"  assessment; a score its parts do not give has no basis.\n"
		"\n"
		"Example that fails\n"
		"  市委政法委: 项目决策 19, 项目管理 18, 项目绩效 57.2; \"得分94分\"\n"
		"  holds. With score: 95:\n"
		"  [A004] score 95 != 19 + 18 + 57.2 = 94.2\n"
		"\n"
		"How to fix\n"
		"  Check each score, recompute the total, and check the grade (A007)\n"
		"  with it; a published report keeps its numbers and gives the\n"
		"  reason in lint.disable.\n",
	},

	/* A005: an indicator's score is greater than its weight. */
	{
		"A005", 'A', TALLY_SEV_ERROR,
		"指标得分超过分值",
		"indicator score exceeds its weight",
		"检查内容\n"
		"  每个指标的得分 score 是否不超过其分值 weight。\n"
		"\n"
		"为何重要\n"
		"  得分超过分值在评分规则上不可能；通常是分值、得分两列抄反，\n"
		"  或者得分被抬高了。\n"
		"\n"
		"错误示例\n"
		"  东安县自评表“人民群众满意度”分值5、得分5；若转换时错位为\n"
		"    {name: 人民群众满意度, weight: 5, score: 10}\n"
		"  [A005] 得分 10 超过分值 5\n"
		"\n"
		"如何修正\n"
		"  对照原表改正 weight 和 score；原表本身有误时照录原数，\n"
		"  在 lint.disable 中写明理由。\n",
		"What it checks\n"
		"  That no indicator scores more than its weight.\n"
		"\n"
		"Why it matters\n"
		"  A score above the weight is impossible under the scoring rules;\n"
		"  usually the two columns were swapped, or the score was inflated.\n"
		"\n"
		"Example that fails\n"
		"  东安县's 人民群众满意度 has weight 5 and score 5; shifted in\n"
		"  conversion to {name: 人民群众满意度, weight: 5, score: 10}:\n"
		"  [A005] score 10 exceeds weight 5\n"
		"\n"
		"How to fix\n"
		"  Correct weight and score against the original form; if the form\n"
		"  itself is wrong, keep its numbers and give the reason in\n"
		"  lint.disable.\n",
	},

	/* A006: the indicators' weights do not add up to the schema's
	 * indicator_weights. */
	{
		"A006", 'A', TALLY_SEV_ERROR,
		"指标分值之和不符",
		"indicator weights do not add up",
		"检查内容\n"
		"  indicators 的分值 weight 之和是否等于 schema 的 indicator_weights\n"
		"  （通常为 100；自评表中资金一行另占 10 分时为 90）。\n"
		"\n"
		"为何重要\n"
		"  分值之和不对，总分就不在百分制内，等级评定失去依据。\n"
		"\n"
		"错误示例\n"
		"  市委政法委报告：项目决策20、项目管理20、项目绩效60，合计100；\n"
		"  若项目绩效误写为65：\n"
		"  [A006] 分值之和 20 + 20 + 65 = 105 ≠ 100\n"
		"\n"
		"如何修正\n"
		"  对照评价指标体系改正分值；本省模板的分值另有规定时，\n"
		"  改 schema 的 indicator_weights，而不是改报告。\n",
		"What it checks\n"
		"  That the indicators' weights add up to the schema's\n"
		"  indicator_weights (usually 100; 90 on a 自评表 whose funds row\n"
		"  carries the other 10).\n"
		"\n"
		"Why it matters\n"
		"  If the weights are off, the score is not out of 100 and the grade\n"
		"  has no basis.\n"
		"\n"
		"Example that fails\n"
		"  市委政法委: 项目决策 20, 项目管理 20, 项目绩效 60 = 100; with\n"
		"  项目绩效 mistyped as 65:\n"
		"  [A006] weights 20 + 20 + 65 = 105 != 100\n"
		"\n"
		"How to fix\n"
		"  Correct the weights against the indicator framework; if the\n"
		"  province's template weighs differently, change indicator_weights\n"
		"  in the schema, not the report.\n",
	},

	/* A007: grade is not the band that score falls in. */
	{
		"A007", 'A', TALLY_SEV_ERROR,
		"等级与总分不符",
		"grade does not match the score",
		"检查内容\n"
		"  grade 是否为 score 所在的等级；等级下限由 schema 的 grades 规定\n"
		"  （如 优 90、良 80、中 60、差 0，各省不同）。\n"
		"\n"
		"为何重要\n"
		"  等级是公众最先看到的结论；与得分不符会误导读者，也影响评价结果\n"
		"  的运用。\n"
		"\n"
		"错误示例\n"
		"  score: 88，grade: 优\n"
		"  [A007] 88 分属于“良”（80 ≤ 88 < 90），而不是“优”\n"
		"\n"
		"如何修正\n"
		"  核实得分后按等级区间改正 grade；本省的等级划分不同时，\n"
		"  改 schema 的 grades。\n",
		"What it checks\n"
		"  That grade is the band score falls in; the schema's grades give\n"
		"  each band's lower bound (e.g. 优 90, 良 80, 中 60, 差 0; provinces\n"
		"  differ).\n"
		"\n"
		"Why it matters\n"
		"  The grade is the conclusion the public reads first; one that does\n"
		"  not match the score misleads and affects how results are used.\n"
		"\n"
		"Example that fails\n"
		"  score: 88, grade: 优\n"
		"  [A007] 88 is in band 良 (80 <= 88 < 90), not 优\n"
		"\n"
		"How to fix\n"
		"  Check the score, then set the grade of its band; if the province\n"
		"  draws the bands elsewhere, change grades in the schema.\n",
	},

	/* A008: a ratio rule whose denominator is zero. */
	{
		"A008", 'A', TALLY_SEV_ERROR,
		"比率的分母为零",
		"ratio with a zero denominator",
		"检查内容\n"
		"  比率规则的分母为零的情形。这是一条单独的发现：不会崩溃，\n"
		"  也不会把比率当作 0% 处理。\n"
		"\n"
		"为何重要\n"
		"  分母为零，比率没有意义；写出“占……的0%”会让读者以为有数可比。\n"
		"\n"
		"错误示例\n"
		"  东安县：“政府性基金预算项目支出……共涉及资金0万元，占政府性\n"
		"  基金预算项目支出总额的0%”——总额为 0：\n"
		"  [A008] 比率的分母为零：0 ÷ 0\n"
		"\n"
		"如何修正\n"
		"  没有这类资金时，figures 中不写这一比率（操作数缺省的规则会被\n"
		"  跳过）；正文照录原文。\n",
		"What it checks\n"
		"  Ratio rules whose denominator is zero. This is a finding of its\n"
		"  own: never a crash, and the rate is not taken as 0%.\n"
		"\n"
		"Why it matters\n"
		"  A ratio over zero means nothing; writing \"0% of ...\" suggests\n"
		"  there was something to compare.\n"
		"\n"
		"Example that fails\n"
		"  东安县: government-fund project spending \"共涉及资金0万元，占政府性\n"
		"  基金预算项目支出总额的0%\" - the total is 0:\n"
		"  [A008] ratio with a zero denominator: 0 ÷ 0\n"
		"\n"
		"How to fix\n"
		"  When there is no such money, leave the rate out of figures (a rule\n"
		"  whose operands are absent is skipped); the body keeps its text.\n",
	},

	/* A009: shares of one whole do not add up to 100%. */
	{
		"A009", 'A', TALLY_SEV_WARNING,
		"各部分占比之和不等于100%",
		"shares do not add up to 100%",
		"检查内容\n"
		"  同一整体各部分的占比（如基本支出、项目支出占总支出的比重）之和\n"
		"  是否为 100%；按区间比较，各占比的舍入误差可以累加。\n"
		"\n"
		"为何重要\n"
		"  占比加起来不是 100%，说明某个占比算错、抄错，或漏列了一部分。\n"
		"\n"
		"错误示例\n"
		"  官渡分中心：基本支出占总支出的30.51%，项目支出占69.49%，相符；\n"
		"  若项目支出误写为69.94%：\n"
		"  [A009] 占比之和 30.51% + 69.94% = 100.45% ≠ 100%\n"
		"\n"
		"如何修正\n"
		"  用金额重算各占比：128.93 ÷ 422.6 = 30.51%，293.67 ÷ 422.6 =\n"
		"  69.49%；确有未列出的部分时补列。\n",
		"What it checks\n"
		"  That the shares of one whole (e.g. basic and project spending as\n"
		"  shares of the total) add up to 100%, as intervals: each share's\n"
		"  rounding may add up.\n"
		"\n"
		"Why it matters\n"
		"  Shares that do not make 100% mean one was computed or copied\n"
		"  wrongly, or a part was left out.\n"
		"\n"
		"Example that fails\n"
		"  官渡分中心: basic 30.51%, project 69.49% of the total - it holds.\n"
		"  With the project share mistyped as 69.94%:\n"
		"  [A009] 30.51% + 69.94% = 100.45% != 100%\n"
		"\n"
		"How to fix\n"
		"  Recompute each share from the amounts: 128.93 ÷ 422.6 = 30.51%,\n"
		"  293.67 ÷ 422.6 = 69.49%; list any part that is missing.\n",
	},

	/* A010: an execution rate or indicator below the schema's threshold
	 * with no stated reason (偏差原因/未完成原因). */
	{
		"A010", 'A', TALLY_SEV_WARNING,
		"低于阈值而未说明原因",
		"below threshold with no stated reason",
		"检查内容\n"
		"  预算执行率或指标完成值低于 schema 的 execution_threshold（默认\n"
		"  90%）时，是否写明原因：自评表“偏差原因分析及改进措施”一栏，\n"
		"  或正文中的“偏差原因”“未完成原因”。\n"
		"\n"
		"为何重要\n"
		"  财政部门要求对执行偏差说明原因并提出改进措施；没有原因，\n"
		"  审核人无法判断是进度推迟、预算偏高还是管理问题。\n"
		"\n"
		"错误示例\n"
		"  资金行：全年预算数356，全年执行数299，执行率83.99%，低于90%，\n"
		"  “偏差原因分析及改进措施”一栏为空。\n"
		"\n"
		"如何修正\n"
		"  在该行 note 或正文中写明原因，如“禄劝县年末结余17万元未及时\n"
		"  下拨”；原报告没写原因的，保留原文，加带理由的抑制。\n",
		"What it checks\n"
		"  When a budget execution rate or an indicator's result is below the\n"
		"  schema's execution_threshold (90% by default), that a reason is\n"
		"  given: in the 偏差原因分析及改进措施 column, or as 偏差原因 or\n"
		"  未完成原因 in the text.\n"
		"\n"
		"Why it matters\n"
		"  The finance bureau requires a reason and a remedy for a shortfall;\n"
		"  without one a reviewer cannot tell delay from an inflated budget\n"
		"  or poor management.\n"
		"\n"
		"Example that fails\n"
		"  Funds row: budget 356, executed 299, 执行率 83.99%, below 90%, and\n"
		"  the 偏差原因分析及改进措施 cell is empty.\n"
		"\n"
		"How to fix\n"
		"  State the reason in the row's note or the text, e.g. \"禄劝县年末\n"
		"  结余17万元未及时下拨\"; if the published report gives none, keep\n"
		"  the text and add a suppression with a reason.\n",
	},

	/* A011: an indicator whose actual misses its target gets full marks,
	 * or the text calls an unmet target met. */
	{
		"A011", 'A', TALLY_SEV_WARNING,
		"未达目标却得满分",
		"unmet target given full marks",
		"检查内容\n"
		"  指标实际完成值未达到年度指标值（按运算符比较，如 ≥95%）却得满分；\n"
		"  或正文称“均已完成”“无偏离”，而有指标未达标。\n"
		"\n"
		"为何重要\n"
		"  未达标而得满分会抬高总分和等级，是财政部门复核自评结果时的\n"
		"  重点。\n"
		"\n"
		"错误示例\n"
		"  {name: 事件处置率, target: \"≥95%\", actual: \"90%\",\n"
		"   weight: 10, score: 10}\n"
		"  [A011] 事件处置率 90% 未达到 ≥95%，却得满分 10 分\n"
		"\n"
		"如何修正\n"
		"  按评分办法扣分（如按完成比例 90 ÷ 95 × 10 = 9.47 分），在 note 中\n"
		"  写明偏差原因，并重算总分（A004）和等级（A007）。\n",
		"What it checks\n"
		"  An indicator whose actual result misses its target (compared with\n"
		"  the target's operator, e.g. ≥95%) yet gets full marks; or text that\n"
		"  calls all targets met (均已完成, 无偏离) while one is not.\n"
		"\n"
		"Why it matters\n"
		"  Full marks for a missed target inflate the score and the grade;\n"
		"  finance bureaus look for it first when they review self-scores.\n"
		"\n"
		"Example that fails\n"
		"  {name: 事件处置率, target: \"≥95%\", actual: \"90%\",\n"
		"   weight: 10, score: 10}\n"
		"  [A011] 90% misses ≥95% but scores the full 10\n"
		"\n"
		"How to fix\n"
		"  Deduct as the scoring rules say (e.g. in proportion: 90 ÷ 95 × 10\n"
		"  = 9.47), give the reason in note, and recompute the score (A004)\n"
		"  and the grade (A007).\n",
	},

	/* A012: a funds row's 得分 does not follow from its 执行率 and 分值
	 * (schema formula; default min(rate, 100%) × weight). */
	{
		"A012", 'A', TALLY_SEV_ERROR,
		"资金得分与执行率不符",
		"funds score does not follow from the execution rate",
		"检查内容\n"
		"  自评表资金一行的得分是否由执行率和分值算出：默认公式为\n"
		"  min(执行率, 100%) × 分值，schema 可改为本省的公式。\n"
		"\n"
		"为何重要\n"
		"  资金执行得分计入总分；算错直接改变总分和等级。\n"
		"\n"
		"错误示例\n"
		"  东安县自评表：全年预算数60.69，执行数74，执行率121.93%，\n"
		"  分值10，得分5：\n"
		"  [A012] 得分 5 ≠ min(121.93%, 100%) × 10 = 10\n"
		"\n"
		"如何修正\n"
		"  按公式改正得分；本省对超预算执行扣分时，在 schema 中写明公式。\n"
		"  已发布的自评表照录原数，在 lint.disable 中写明理由。\n",
		"What it checks\n"
		"  That a 自评表 funds row's score follows from its execution rate\n"
		"  and weight: by default min(rate, 100%) × weight; a schema may give\n"
		"  the province's own formula.\n"
		"\n"
		"Why it matters\n"
		"  The funds score is part of the total; a wrong one changes the\n"
		"  score and the grade.\n"
		"\n"
		"Example that fails\n"
		"  东安县's form: budget 60.69, executed 74, 执行率 121.93%,\n"
		"  weight 10, score 5:\n"
		"  [A012] score 5 != min(121.93%, 100%) × 10 = 10\n"
		"\n"
		"How to fix\n"
		"  Correct the score; if the province deducts for overspending, write\n"
		"  its formula in the schema. A published form keeps its numbers and\n"
		"  gives the reason in lint.disable.\n",
	},

/* --- T: tables in the body --------------------------------------------- */

	/* T001: a table's 合计/总计/小计 row is not the sum of the rows it
	 * covers. */
	{
		"T001", 'T', TALLY_SEV_ERROR,
		"合计行不等于各行之和",
		"total row does not match its rows",
		"检查内容\n"
		"  表格中“合计”“总计”“小计”行的每个数值列，是否等于它所覆盖各行\n"
		"  之和；各行按最细的精度计，合计按区间比较。\n"
		"\n"
		"为何重要\n"
		"  合计行是读者核对表格的入口；合计不符，说明某行抄错或漏行。\n"
		"\n"
		"错误示例\n"
		"  市委政法委抽查表（单位：万元）“实际使用资金”列合计299.00，\n"
		"  与各行之和相符；若禄劝县一行误写为75.00：\n"
		"  [T001] 合计 299.00 ≠ 各行之和 317.00 (允许误差 ±0.035)\n"
		"\n"
		"如何修正\n"
		"  对照原表改正抄错的行或合计。原表不平而须保留时，在表格前后加\n"
		"  <!-- tally-disable T001 -- 原表合计如此 --> 和\n"
		"  <!-- tally-enable T001 -->。\n",
		"What it checks\n"
		"  That each numeric column of a 合计, 总计 or 小计 row equals the\n"
		"  sum of the rows it covers; rows are read at their finest\n"
		"  precision, the total as an interval.\n"
		"\n"
		"Why it matters\n"
		"  The total row is where readers check a table; a wrong total means\n"
		"  a row was copied wrong or left out.\n"
		"\n"
		"Example that fails\n"
		"  市委政法委's sample table (万元): 实际使用资金 totals 299.00, which\n"
		"  holds; with 禄劝县's row mistyped as 75.00:\n"
		"  [T001] total 299.00 ≠ sum of rows 317.00 (tolerance ±0.035)\n"
		"\n"
		"How to fix\n"
		"  Correct the row or the total. If the published table must stay,\n"
		"  put <!-- tally-disable T001 -- 原表合计如此 --> before it and\n"
		"  <!-- tally-enable T001 --> after it.\n",
	},

	/* T002: a percentage column is not the ratio of the two columns it
	 * derives from. */
	{
		"T002", 'T', TALLY_SEV_ERROR,
		"百分比列与两列之比不符",
		"percentage column does not match its ratio",
		"检查内容\n"
		"  表格中的百分比列是否等于同一行两列之比（如 资金使用率 = 实际\n"
		"  使用资金 ÷ 实际拨付资金）；按区间比较，四舍五入可以，截断不行。\n"
		"\n"
		"为何重要\n"
		"  表中的比率逐行公开，读者可以逐行验算；错一行就损及整表的可信度。\n"
		"\n"
		"错误示例\n"
		"  抽查表禄劝县：实际拨付74.00，实际使用57.00，资金使用率77.03%，\n"
		"  相符；若写成77.30%：\n"
		"  [T002] 77.30% ≠ 57.00 ÷ 74.00 = 77.027% (允许误差 ±0.005)\n"
		"\n"
		"如何修正\n"
		"  用该行两列重算比率并四舍五入；原表须保留时，用\n"
		"  <!-- tally-disable T002 -- 理由 --> … <!-- tally-enable T002 -->\n"
		"  把表格括起来。\n",
		"What it checks\n"
		"  That a percentage column equals the ratio of two columns of the\n"
		"  same row (e.g. 资金使用率 = 实际使用资金 ÷ 实际拨付资金), as\n"
		"  intervals: rounding is accepted, truncation is not.\n"
		"\n"
		"Why it matters\n"
		"  A table's rates are published row by row and readers can redo\n"
		"  each; one wrong row costs the whole table its credibility.\n"
		"\n"
		"Example that fails\n"
		"  禄劝县: allocated 74.00, used 57.00, 77.03% - it holds. Written\n"
		"  as 77.30%:\n"
		"  [T002] 77.30% != 57.00 ÷ 74.00 = 77.027% (tolerance ±0.005)\n"
		"\n"
		"How to fix\n"
		"  Recompute the row's rate and round it. If the published table must\n"
		"  stay, enclose it in <!-- tally-disable T002 -- reason --> and\n"
		"  <!-- tally-enable T002 -->.\n",
	},

	/* T003: a cell that is not a number in a column of numbers ("-" and
	 * "—" read as 0). */
	{
		"T003", 'T', TALLY_SEV_WARNING,
		"数值列中有非数值单元格",
		"non-numeric cell in a numeric column",
		"检查内容\n"
		"  数值列（其余单元格都是数字的列）中不是数字的单元格；“-”“—”\n"
		"  按 0 读，空单元格不是 0。\n"
		"\n"
		"为何重要\n"
		"  非数值单元格使合计和比率无法核对，T001、T002 只能跳过这一行。\n"
		"\n"
		"错误示例\n"
		"  抽查表五华区一行“实际使用资金”写“-”可以（按 0 读）；\n"
		"  若写成“暂未使用”：\n"
		"  [T003] “实际使用资金”列中的“暂未使用”不是数值\n"
		"\n"
		"如何修正\n"
		"  写数字，或用“-”表示零；说明文字移到表下或“备注”列。\n",
		"What it checks\n"
		"  Cells that are not numbers in a column whose other cells are;\n"
		"  \"-\" and \"—\" read as 0, and an empty cell is not a zero.\n"
		"\n"
		"Why it matters\n"
		"  A non-numeric cell cannot be added or divided: T001 and T002 have\n"
		"  to skip its row.\n"
		"\n"
		"Example that fails\n"
		"  五华区's 实际使用资金 written \"-\" is fine (read as 0); written\n"
		"  \"暂未使用\":\n"
		"  [T003] \"暂未使用\" in column 实际使用资金 is not a number\n"
		"\n"
		"How to fix\n"
		"  Write the number, or \"-\" for zero; move the explanation under the\n"
		"  table or into a 备注 column.\n",
	},

/* --- P: figures in the prose (heuristics: warnings, tuned for precision) */

	/* P001: a rate in a sentence does not match the two counts stated
	 * beside it. */
	{
		"P001", 'P', TALLY_SEV_WARNING,
		"正文中的比率与并列的数量不符",
		"rate in prose does not match its counts",
		"检查内容\n"
		"  正文同一句中的比率（结案率、处置率、得分率……）与并列的两个数量是否\n"
		"  相符，占比（“占总支出的30.51%”“完成预算的91.49%”）与部分、整体\n"
		"  是否相符；按区间比较，四舍五入可以，截断不行。只在数量与比率明确\n"
		"  对应时报告；目标值（“目标值95%”“力争达到”）不核对。\n"
		"\n"
		"为何重要\n"
		"  正文是公众阅读的部分；比率与数量不符，读者自己就能算出。\n"
		"\n"
		"错误示例\n"
		"  “立案510966件，结案510829件，结案率达99.97%”相符：99.973%。\n"
		"  若写成“结案率达99.98%”，它代表 [99.975%, 99.985%]，不含 99.973%：\n"
		"  [P001] 结案率 99.98% ≠ 510829 ÷ 510966 = 99.9732% (允许误差 ±0.005)：\n"
		"  “立案市、区级案件510966件，结案510829件，结案率达99.98%”\n"
		"\n"
		"如何修正\n"
		"  重算并四舍五入后改正；已发布的报告保持原文，在该句所在行前加\n"
		"    <!-- tally-disable-next-line P001 -- 原文如此，应为99.97% -->\n"
		"  并在下次修订中更正。\n",
		"What it checks\n"
		"  That a rate in a sentence (结案率, 处置率, 得分率...) matches the two\n"
		"  counts stated beside it, and a share (占总支出的30.51%, 完成预算的\n"
		"  91.49%) its part and whole, as intervals: rounding is accepted,\n"
		"  truncation is not. Only clear pairs are reported; targets are not.\n"
		"\n"
		"Why it matters\n"
		"  The prose is what the public reads; a rate that does not follow\n"
		"  from its counts is one any reader can catch.\n"
		"\n"
		"Example that fails\n"
		"  \"立案510966件，结案510829件，结案率达99.97%\" holds (99.973%).\n"
		"  Written \"结案率达99.98%\", i.e. [99.975%, 99.985%], it fails:\n"
		"  [P001] 结案率 99.98% != 510829 ÷ 510966 = 99.9732% (tolerance\n"
		"  ±0.005): “立案市、区级案件510966件，结案510829件，结案率达99.98%”\n"
		"\n"
		"How to fix\n"
		"  Recompute, round and correct. A published report keeps its text\n"
		"  with, on the line before the sentence,\n"
		"    <!-- tally-disable-next-line P001 -- 原文如此，应为99.97% -->\n"
		"  and is corrected in the next revision.\n",
	},

	/* P002: a figure in the prose, found by its field label or alias,
	 * disagrees with the same field in figures. */
	{
		"P002", 'P', TALLY_SEV_WARNING,
		"正文数字与 figures 不一致",
		"figure in prose disagrees with figures",
		"检查内容\n"
		"  正文中带字段标签或别名的数字（如“总支出”“支出总计”），是否与\n"
		"  figures 中的同一字段一致（字段与标签由 schema 的 fields 对应）。同一\n"
		"  标签在正文中另有相符的数时，只报告像笔误的不符（一位之差、两位\n"
		"  颠倒）；别年、别项的数（“上年”“设备类……资产总额”）不核对。\n"
		"\n"
		"为何重要\n"
		"  网站的关键数字卡片和开放数据取自 figures；与正文不一致，\n"
		"  读者会看到同一份报告里的两个数。\n"
		"\n"
		"错误示例\n"
		"  figures.expenditure.total: 232.4；若正文把“部门决算财务总支出\n"
		"  232.4万元”误写为234.2万元：\n"
		"  [P002] 总支出 234.2万元 与 figures.expenditure.total 232.4 不一致\n"
		"  (允许误差 ±0.1)：“部门决算财务总支出234.2万元”\n"
		"\n"
		"如何修正\n"
		"  查明哪一处正确：figures 抄错的改 figures；原文前后矛盾的，\n"
		"  figures 取决算报表的数，正文保留原文并加带理由的抑制。\n",
		"What it checks\n"
		"  That a number in the prose named by a field's label or alias (总支\n"
		"  出, 支出总计...) agrees with that field in figures. When the label's\n"
		"  figure is also stated rightly, only a slip of the pen is reported;\n"
		"  figures of another year or item (上年, 设备类…资产总额) are not.\n"
		"\n"
		"Why it matters\n"
		"  The site's key-figure card and open data come from figures; if\n"
		"  they disagree with the text, readers see two numbers for one thing.\n"
		"\n"
		"Example that fails\n"
		"  figures.expenditure.total: 232.4, and the text mistypes\n"
		"  \"部门决算财务总支出232.4万元\" as 234.2万元:\n"
		"  [P002] 总支出 234.2万元 disagrees with figures.expenditure.total 232.4\n"
		"  (tolerance ±0.1): “部门决算财务总支出234.2万元”\n"
		"\n"
		"How to fix\n"
		"  Find which is right: fix figures if it was mistyped; if the text\n"
		"  contradicts itself, take the final accounts' number for figures\n"
		"  and keep the text with a suppression giving the reason.\n",
	},

	/* P003: a stated change or growth rate does not match the figures
	 * around it (growth = change ÷ last year's figure). */
	{
		"P003", 'P', TALLY_SEV_WARNING,
		"增减额或增长率不符",
		"change or growth rate does not match",
		"检查内容\n"
		"  正文中的增减额和增长率：增长率 = 增减额 ÷ 上年数，上年数 =\n"
		"  本年数 − 增减额；增减额也与它比较的两个数核对（“年初预算0.94万元，\n"
		"  决算0.86万元，较预算减少0.08万元”）；按区间比较。\n"
		"\n"
		"为何重要\n"
		"  增长率是解读预算变化的依据；常见的错误是拿本年数作分母。\n"
		"\n"
		"错误示例\n"
		"  东安县“收、支总计74万元……各增加34万元，增长率为85%”相符：\n"
		"  34 ÷ (74 − 34) = 85%。若写“增长率为45.95%”，是用了本年数：\n"
		"  [P003] 增长率 45.95% ≠ 34 ÷ (74 − 34) = 81.707%–88.462% (允许误差\n"
		"  ±0.005)（74、34 只写到整数万元，计算值是区间）：“…增长率为45.95%”\n"
		"\n"
		"如何修正\n"
		"  以上年数为分母重算增长率；已发布的报告保持原文，加带理由的\n"
		"  抑制，并在下次修订中更正。\n",
		"What it checks\n"
		"  A change and growth rate in the prose: growth = change ÷ last\n"
		"  year's figure, last year's = this year's − change; a change is also\n"
		"  checked against the two levels it compares (较预算减少0.08万元).\n"
		"\n"
		"Why it matters\n"
		"  Growth rates are how budget changes are read; a common slip is\n"
		"  dividing by this year's figure.\n"
		"\n"
		"Example that fails\n"
		"  东安县 \"收、支总计74万元……各增加34万元，增长率为85%\" holds:\n"
		"  34 ÷ (74 − 34) = 85%. \"增长率为45.95%\" divides by this year:\n"
		"  [P003] 增长率 45.95% != 34 ÷ (74 − 34) = 81.707%–88.462% (tolerance\n"
		"  ±0.005) (74 and 34 are whole 万元: a range): “…增长率为45.95%”\n"
		"\n"
		"How to fix\n"
		"  Divide by last year's figure. A published report keeps its text\n"
		"  with a suppression giving the reason until the next revision.\n",
	},

	/* P004: a "其中" breakdown in the prose does not add up to the total
	 * it breaks down. */
	{
		"P004", 'P', TALLY_SEV_WARNING,
		"“其中”分项之和不等于总数",
		"\"其中\" breakdown does not add up",
		"检查内容\n"
		"  “其中”引出的分项（或紧跟总数的括号、冒号、编号列表）之和是否等于\n"
		"  总数；按区间比较。可证明是全部分项时（基本支出与项目支出、以“其他”\n"
		"  收尾、“19个县区”后19项）须相等；否则只要求不超过总数，短少的差额\n"
		"  恰是一处笔误时也报告。分项明示不全（“等”“主要有”）时不报告。\n"
		"\n"
		"为何重要\n"
		"  “其中”列出的是总数的去向；加不出总数，说明漏列或抄错。\n"
		"\n"
		"错误示例\n"
		"  东安县“收、支总计74万元……其中工资福利支出35万元……商品和服务\n"
		"  支出39万元”相符；若写成“商品和服务支出29万元”：\n"
		"  [P004] 其中各项 35 + 29 = 64 ≠ 总数 74 (允许误差 ±1.5)：\n"
		"  “收、支总计74万元。…商品和服务支出29万元”\n"
		"\n"
		"如何修正\n"
		"  补上漏列的分项或改正抄错的数字；已发布的报告保持原文，\n"
		"  加带理由的抑制。\n",
		"What it checks\n"
		"  That the parts a \"其中\" (or a bracket, colon or numbered list after\n"
		"  a total) lists add up to the total, as intervals. Parts provably all\n"
		"  (基本支出 and 项目支出, closed by 其他) must; others must not exceed\n"
		"  it, and are reported short only when one slip of the pen explains it.\n"
		"\n"
		"Why it matters\n"
		"  A 其中 list says where a total went; if it does not add up, a part\n"
		"  was left out or miscopied.\n"
		"\n"
		"Example that fails\n"
		"  东安县 \"收、支总计74万元……其中工资福利支出35万元……商品和服务\n"
		"  支出39万元\" holds; with \"商品和服务支出29万元\":\n"
		"  [P004] parts 35 + 29 = 64 != total 74 (tolerance ±1.5):\n"
		"  “收、支总计74万元。…商品和服务支出29万元”\n"
		"\n"
		"How to fix\n"
		"  Add the missing part or correct the number; a published report\n"
		"  keeps its text with a suppression giving the reason.\n",
	},

	/* P005: an amount written in 元 where the report counts in 万元 and
	 * the same amount appears in 万元 (off by 10 000). */
	{
		"P005", 'P', TALLY_SEV_WARNING,
		"金额单位错写（元与万元）",
		"money unit slip (元 for 万元)",
		"检查内容\n"
		"  以万元计的报告中写成“元”的金额，且报告本身表明它应是万元：按万元计\n"
		"  比率才相符，或同一金额出现在以万元计的表中。按人、按月的标准\n"
		"  （“每人每月1500元”）不算。\n"
		"\n"
		"为何重要\n"
		"  漏一个“万”字，金额就小了一万倍；公众据此会得出完全错误的结论。\n"
		"\n"
		"错误示例\n"
		"  “实际到位资金356万元，……实际使用资金299元，资金使用率为83.99%”：\n"
		"  [P005] 299元 疑为 299万元：按万元计 299 ÷ 356 = 83.730%–84.248%，\n"
		"  与所述 83.99% 相符；按元计只有 0.0084% (允许误差 ±0.005)：“…”\n"
		"\n"
		"如何修正\n"
		"  下次修订时改为“299万元”；已发布的文本保持原样，在该行前加\n"
		"    <!-- tally-disable-next-line P005 -- 原文漏“万”，应为299万元 -->\n",
		"What it checks\n"
		"  An amount written in 元 in a report that counts in 万元, when the\n"
		"  report shows it means 万元: a rate only holds in 万元, or the same\n"
		"  amount stands in a table in 万元. Per-person standards are not.\n"
		"\n"
		"Why it matters\n"
		"  One missing 万 makes an amount ten thousand times smaller; readers\n"
		"  draw entirely wrong conclusions from it.\n"
		"\n"
		"Example that fails\n"
		"  \"实际到位资金356万元，……实际使用资金299元，资金使用率为83.99%\":\n"
		"  [P005] 299元 is likely 299万元: read as 万元, 299 ÷ 356 =\n"
		"  83.730%–84.248%, as stated (83.99%); read as 元 it is 0.0084% (…)\n"
		"\n"
		"How to fix\n"
		"  Write 299万元 in the next revision; while the published text\n"
		"  stands, put on the line before it\n"
		"    <!-- tally-disable-next-line P005 -- 原文漏“万”，应为299万元 -->\n",
	},

/* --- X: across the reports of a unit ----------------------------------- */

	/* X001: what a report says of the previous year disagrees with that
	 * year's report of the same unit. */
	{
		"X001", 'X', TALLY_SEV_WARNING,
		"与上年报告不一致",
		"disagrees with the previous year's report",
		"检查内容\n"
		"  报告中关于上一年度的表述（“较上年增加34万元”），与同一单位上一\n"
		"  年度报告 figures 中同一字段（按标签或别名对应）是否一致；按区间比较。\n"
		"\n"
		"为何重要\n"
		"  上年数字已在上年报告中公开；两份报告矛盾，必有一份有误。\n"
		"  仓库中存有多年的报告，才能做这项核对。\n"
		"\n"
		"错误示例\n"
		"  东安县2023年：“收、支总计74万元。与上一年度相比，收、支总计各增加\n"
		"  34万元”，即上年为40万元；若2022年报告写42万元：\n"
		"  [X001] 上年数 74 − 34 = 40 ≠ 2022年报告的 42 (figures.revenue.total，\n"
		"  允许误差 ±1.5)：“收、支总计各增加34万元”\n"
		"\n"
		"如何修正\n"
		"  对照上年决算查明哪一份有误，在下次修订中更正那一份；已发布而\n"
		"  暂不修订的，在本年报告中加抑制，理由写明以哪份为准、正确数是多少。\n",
		"What it checks\n"
		"  That what a report says of the previous year (较上年增加34万元)\n"
		"  agrees with the same field (by label or alias) in the figures of the\n"
		"  same unit's report for that year, as intervals.\n"
		"\n"
		"Why it matters\n"
		"  Last year's figures were published in last year's report; if two\n"
		"  reports disagree, one is wrong. Only a repository of many years\n"
		"  makes this check possible.\n"
		"\n"
		"Example that fails\n"
		"  东安县 2023: 收、支总计74万元, 34万元 up on last year, so last year\n"
		"  was 40; if the 2022 report states 42:\n"
		"  [X001] last year 74 − 34 = 40 != 42 in the 2022 report\n"
		"  (figures.revenue.total, tolerance ±1.5): “收、支总计各增加34万元”\n"
		"\n"
		"How to fix\n"
		"  Check last year's final accounts to see which report is wrong and\n"
		"  correct that one in its next revision; until then, suppress here\n"
		"  with a reason saying which report holds and what the right figure is.\n",
	},

	/* X002: the project reports of a unit-year add up to more than the
	 * department-overall report's 项目支出. */
	{
		"X002", 'X', TALLY_SEV_WARNING,
		"项目报告合计超过整体报告的项目支出",
		"project reports exceed the overall project spending",
		"检查内容\n"
		"  同一单位同一年度各项目支出报告的执行数（标签为“全年执行数”的字段）\n"
		"  之和，是否超过该年度部门整体支出报告中的项目支出（标签“项目支出”）。\n"
		"\n"
		"为何重要\n"
		"  项目支出是部门整体支出的一部分；项目报告合计更大，说明口径不一\n"
		"  （预算数与执行数、含上年结转）或有数字抄错。\n"
		"\n"
		"错误示例\n"
		"  盘龙分中心2023年整体报告项目支出22.88万元；若三个项目报告为\n"
		"  12.50、6.20、8.00万元：\n"
		"  [X002] 项目报告合计 26.70 > 整体报告项目支出 22.88 (允许误差 ±0.02)：\n"
		"  3 份项目报告 …\n"
		"\n"
		"如何修正\n"
		"  统一口径：各报告都用执行数，或在 schema 中比较相同的字段；\n"
		"  确有跨年度资金时，加抑制并写明理由。\n",
		"What it checks\n"
		"  That a unit-year's project reports together (their fields labelled\n"
		"  全年执行数) do not exceed the project spending (the field labelled\n"
		"  项目支出) of its department-overall report.\n"
		"\n"
		"Why it matters\n"
		"  Project spending is part of the department's; larger project\n"
		"  reports mean mixed bases (budget vs. executed, carry-overs\n"
		"  included) or a miscopied figure.\n"
		"\n"
		"Example that fails\n"
		"  盘龙分中心's 2023 overall report: 项目支出 22.88万元; if its three\n"
		"  project reports state 12.50, 6.20 and 8.00万元:\n"
		"  [X002] project reports 26.70 > overall 项目支出 22.88 (tolerance\n"
		"  ±0.02): 3 project reports …\n"
		"\n"
		"How to fix\n"
		"  Use one basis (executed amounts in every report, or compare the\n"
		"  same fields in the schema); for funds that span years, suppress\n"
		"  with a reason.\n",
	},

/* --- N: number syntax -------------------------------------------------- */

	/* N001: a malformed number or unit: doubled %, a % followed by a money
	 * unit, several decimal points. */
	{
		"N001", 'N', TALLY_SEV_ERROR,
		"数字或单位格式错误",
		"malformed number or unit",
		"检查内容\n"
		"  格式错误的数字或单位：重复的百分号（121.93%%）、百分号后又接金额\n"
		"  单位（69.49%万元）、多个小数点（12.3.4）等。\n"
		"\n"
		"为何重要\n"
		"  格式错误的数字无法可靠读出，其他规则只能跳过它；公开文本中\n"
		"  也显得粗疏。\n"
		"\n"
		"错误示例\n"
		"  东安县自评表执行率“121.93%%”；官渡分中心“项目支出数为293.67\n"
		"  万元，占总支出的69.49%万元”：\n"
		"  [N001] “69.49%万元”：百分数后不应再有金额单位\n"
		"\n"
		"如何修正\n"
		"  figures 中写规范的值（rate: \"121.93%\"）；已发布的正文保持原文，\n"
		"  在该行前加 <!-- tally-disable-next-line N001 -- 原文如此 -->，\n"
		"  并在下次修订中改正。\n",
		"What it checks\n"
		"  Malformed numbers and units: a doubled percent sign (121.93%%), a\n"
		"  percentage followed by a money unit (69.49%万元), several decimal\n"
		"  points (12.3.4).\n"
		"\n"
		"Why it matters\n"
		"  A malformed number cannot be read reliably, so the other rules\n"
		"  skip it; in a published text it also looks careless.\n"
		"\n"
		"Example that fails\n"
		"  东安县's form gives 执行率 \"121.93%%\"; 官渡分中心 writes\n"
		"  \"占总支出的69.49%万元\":\n"
		"  [N001] \"69.49%万元\": a percentage takes no money unit\n"
		"\n"
		"How to fix\n"
		"  Write the proper value in figures (rate: \"121.93%\"); the published\n"
		"  body keeps its text with, on the line before,\n"
		"  <!-- tally-disable-next-line N001 -- 原文如此 --> until revised.\n",
	},

/* --- L: links ---------------------------------------------------------- */

	/* L001: a relative link or image points to a file that does not
	 * exist. */
	{
		"L001", 'L', TALLY_SEV_ERROR,
		"链接或图片指向不存在的文件",
		"link or image to a missing file",
		"检查内容\n"
		"  正文中的相对链接和图片，是否指向仓库中存在的文件（相对于报告\n"
		"  所在目录）。\n"
		"\n"
		"为何重要\n"
		"  缺失的图片在网站上显示为破图；附件链接失效，公众就看不到\n"
		"  报告所依据的材料。\n"
		"\n"
		"错误示例\n"
		"  ![2023年资金执行情况](images/funds-2023.png)\n"
		"  [L001] 文件 content/km-panlong-grid/2023/images/funds-2023.png\n"
		"  不存在\n"
		"\n"
		"如何修正\n"
		"  把文件提交到该路径，或改正文件名；注意大小写，Funds-2023.PNG\n"
		"  与 funds-2023.png 在网站服务器上是两个不同的文件。\n",
		"What it checks\n"
		"  That relative links and images in the body point to files that\n"
		"  exist in the repository, relative to the report's directory.\n"
		"\n"
		"Why it matters\n"
		"  A missing image shows as broken on the site; a dead attachment\n"
		"  link hides the material the report rests on.\n"
		"\n"
		"Example that fails\n"
		"  ![2023年资金执行情况](images/funds-2023.png)\n"
		"  [L001] content/km-panlong-grid/2023/images/funds-2023.png does\n"
		"  not exist\n"
		"\n"
		"How to fix\n"
		"  Commit the file at that path or correct the name; mind the case:\n"
		"  Funds-2023.PNG and funds-2023.png are different files on the\n"
		"  web server.\n",
	},

/* --- D: suppressions --------------------------------------------------- */

	/* D001: a suppression comment or lint.disable entry gives no reason. */
	{
		"D001", 'D', TALLY_SEV_WARNING,
		"抑制未写明理由",
		"suppression without a reason",
		"检查内容\n"
		"  没有写理由的抑制：注释中“--”后没有理由，或前置元数据、tally.yaml\n"
		"  中 lint.disable 的条目不是 {rule: …, reason: …} 形式（YAML 注释\n"
		"  tally 读不到，不能当作理由）。\n"
		"\n"
		"为何重要\n"
		"  抑制让一个数字不经核对就通过；审核人必须看到为什么放行。\n"
		"\n"
		"错误示例\n"
		"  <!-- tally-disable-next-line P001 -->\n"
		"  lint: {disable: [A002]}   # 原文截断\n"
		"\n"
		"如何修正\n"
		"  在“--”后写理由：\n"
		"    <!-- tally-disable-next-line P001 -- 原文如此，应为99.97% -->\n"
		"  前置元数据用映射形式：lint: {disable: [{rule: A002, reason: 原文截断}]}\n",
		"What it checks\n"
		"  Suppressions with no reason after \"--\", and lint.disable entries\n"
		"  (front matter or tally.yaml) not written {rule: ..., reason: ...}:\n"
		"  tally cannot see YAML comments, so they do not count as reasons.\n"
		"\n"
		"Why it matters\n"
		"  A suppression lets a number through unchecked; a reviewer must see\n"
		"  why it was let through.\n"
		"\n"
		"Example that fails\n"
		"  <!-- tally-disable-next-line P001 -->\n"
		"  lint: {disable: [A002]}   # 原文截断\n"
		"\n"
		"How to fix\n"
		"  Write the reason after \"--\":\n"
		"    <!-- tally-disable-next-line P001 -- 原文如此，应为99.97% -->\n"
		"  In front matter use the mapping form:\n"
		"    lint: {disable: [{rule: A002, reason: 原文截断，应为99.7%}]}\n",
	},

	/* D002: a suppression comment or lint.disable entry names a rule id
	 * that does not exist. */
	{
		"D002", 'D', TALLY_SEV_WARNING,
		"抑制了未知的规则",
		"suppression names an unknown rule",
		"检查内容\n"
		"  抑制注释或 lint.disable 中写了不存在的规则编号。\n"
		"\n"
		"为何重要\n"
		"  编号写错，抑制不起作用，原来的发现照样报告；规则改名后\n"
		"  留下的抑制也成了无用的残留。\n"
		"\n"
		"错误示例\n"
		"  <!-- tally-disable-next-line P01 -- 原文如此 -->\n"
		"  [D002] 未知的规则 P01，是否应为 P001？\n"
		"\n"
		"如何修正\n"
		"  改为正确的编号（tally explain ID 可查看规则）；\n"
		"  删去不再需要的抑制。\n",
		"What it checks\n"
		"  Suppression comments and lint.disable entries that name a rule id\n"
		"  that does not exist.\n"
		"\n"
		"Why it matters\n"
		"  A misspelt id suppresses nothing, so the finding is still\n"
		"  reported; one left over from a renamed rule is dead weight.\n"
		"\n"
		"Example that fails\n"
		"  <!-- tally-disable-next-line P01 -- 原文如此 -->\n"
		"  [D002] unknown rule P01; did you mean P001?\n"
		"\n"
		"How to fix\n"
		"  Write the right id (tally explain ID shows a rule); delete\n"
		"  suppressions that are no longer needed.\n",
	},
};
/* clang-format on */

const size_t tally_nrules = sizeof(tally_rules) / sizeof(tally_rules[0]);

/* Position of a family in the table's order, or -1 for a letter that is
 * not a family. */
static int
family_rank(char family)
{
	static const char order[] = "FMSATPXNLD";
	const char *p;

	if (family == '\0' || (p = strchr(order, family)) == NULL)
		return -1;
	return (int)(p - order);
}

/* Orders an id against a row as the table is sorted: family, then id. */
static int
rule_cmp(const char *id, int rank, const struct tally_rule_info *r)
{
	int rr = family_rank(r->family);

	if (rank != rr)
		return rank < rr ? -1 : 1;
	return strcmp(id, r->id);
}

/* Binary search over the sorted table; NULL for NULL, an unknown family
 * or an unknown id. */
const struct tally_rule_info *
tally_rule_find(const char *id)
{
	size_t lo = 0, hi = tally_nrules;
	int rank, c;

	if (id == NULL || (rank = family_rank(id[0])) < 0)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		c = rule_cmp(id, rank, &tally_rules[mid]);
		if (c == 0)
			return &tally_rules[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const char *const severity_names[] = {
	[TALLY_SEV_OFF] = "off",
	[TALLY_SEV_NOTE] = "note",
	[TALLY_SEV_WARNING] = "warning",
	[TALLY_SEV_ERROR] = "error",
};

/* The lowercase name of a severity, as printed in diagnostics and written
 * in tally.yaml; "unknown" for a value outside the enum.  Static storage. */
const char *
tally_severity_name(enum tally_severity s)
{
	if ((unsigned)s >= sizeof(severity_names) / sizeof(severity_names[0]))
		return "unknown";
	return severity_names[s];
}

/* Returns the severity named exactly (lowercase) "error", "warning",
 * "note" or "off", or -1 for anything else, NULL included. */
int
tally_severity_parse(const char *s)
{
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < sizeof(severity_names) / sizeof(severity_names[0]); i++)
		if (strcmp(s, severity_names[i]) == 0)
			return (int)i;
	return -1;
}
