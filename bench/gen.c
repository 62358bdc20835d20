/*
 * gen.c - a deterministic generator of synthetic 绩效自评报告 for the
 * benchmark (DESIGN section 10) and for measuring the recall of the lint
 * rules on injected errors.
 *
 *   bench-gen -n N [-k K] [-s SEED] [-u UNITS] [--schemas PATH] -o DIR
 *
 * writes DIR/tally.yaml, DIR/content/<unit>/unit.yaml and
 * DIR/content/<unit>/<year>/{overall.md,project-<slug>.md}: N reports of
 * 10-17 KB (front matter, a numbered Chinese body, two GFM tables) whose
 * figures agree with each other everywhere they are stated: the figures
 * follow the `total` convention, every rate is the half-up rounding of its
 * ratio, every 合计 row adds up, the prose states the same numbers, and a
 * unit-year's project reports add up to no more than the 项目支出 of its
 * overall report.  With -k K, K of the reports carry one error each and
 * DIR/manifest.tsv lists them: file, line, rule id, description.
 *
 * Deterministic: the output depends on the arguments only (own PRNG,
 * splitmix64; no clock, no locale, no floating point: money is integer
 * cents of 万元).  Streaming: one unit-year is in memory at a time, so
 * N = 1 000 000 needs no more memory than N = 10.
 *
 * Plain C11 + POSIX (mkdir, realpath); no other dependency.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ======================================================================
 * Utilities: growable buffers, the PRNG, number formatting
 * ==================================================================== */

struct buf {
	char *p;
	size_t n, cap;
};

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("bench-gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void
bgrow(struct buf *b, size_t more)
{
	if (b->n + more + 1 <= b->cap)
		return;
	while (b->n + more + 1 > b->cap)
		b->cap = b->cap ? b->cap * 2 : 4096;
	if ((b->p = realloc(b->p, b->cap)) == NULL)
		die("out of memory");
}

static void
bput(struct buf *b, const char *s, size_t n)
{
	bgrow(b, n);
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
bputs(struct buf *b, const char *s)
{
	bput(b, s, strlen(s));
}

static void
bprintf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("vsnprintf failed");
	bgrow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
}

/* splitmix64: tiny, fast, and every seed gives a good stream. */
struct rng {
	uint64_t s;
};

static uint64_t
mix64(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
rnext(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return mix64(r->s);
}

static struct rng
rseed(uint64_t a, uint64_t b, uint64_t c)
{
	struct rng r;

	r.s = mix64(a ^ mix64(b ^ mix64(c + 0x1234567ULL)));
	return r;
}

/* [0, n); the modulo bias is far below what a benchmark can notice. */
static uint64_t
rbelow(struct rng *r, uint64_t n)
{
	return n ? rnext(r) % n : 0;
}

static int64_t
rrange(struct rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)rbelow(r, (uint64_t)(hi - lo + 1));
}

static int
rchance(struct rng *r, int pct)
{
	return (int)rbelow(r, 100) < pct;
}

#define RPICK(r, a) ((a)[rbelow((r), NELEM(a))])

/* Shuffled indices 0..n-1 into idx. */
static void
rperm(struct rng *r, int *idx, int n)
{
	int i, j, t;

	for (i = 0; i < n; i++)
		idx[i] = i;
	for (i = n - 1; i > 0; i--) {
		j = (int)rbelow(r, (uint64_t)i + 1);
		t = idx[i];
		idx[i] = idx[j];
		idx[j] = t;
	}
}

/* Half-up rounding of a / b for a, b >= 0 (b > 0), exact. */
static int64_t
div_half_up(int64_t a, int64_t b)
{
	return (2 * a + b) / (2 * b);
}

/* A rate in basis points of a percent (0.01 %): num ÷ den × 100 %,
 * rounded half-up at two decimals of a percent. */
static int64_t
rate_bp(int64_t num, int64_t den)
{
	return div_half_up(num * 10000, den);
}

/* Formatting into a ring of static buffers, so that several results can
 * be used in one printf. */
static char *
ring(void)
{
	static char bufs[64][48];
	static unsigned i;

	return bufs[i++ % 64];
}

/* Money scale of the report being written: 1 for 万元, 10000 for 元. */
static int64_t money_mult = 1;

/* c cents (of 万元) with two decimals; drop = drop trailing zeros as
 * writers do ("232.4", "74"). */
static const char *
fmt_money(int64_t c, int drop)
{
	char *s = ring();
	int64_t v = c * money_mult, a = v < 0 ? -v : v;
	size_t n;

	snprintf(s, 48, "%s%lld.%02lld", v < 0 ? "-" : "", (long long)(a / 100),
	    (long long)(a % 100));
	if (drop) {
		n = strlen(s);
		while (s[n - 1] == '0')
			s[--n] = '\0';
		if (s[n - 1] == '.')
			s[--n] = '\0';
	}
	return s;
}

#define M(c) fmt_money((c), 0)

/* A rate in basis points as "97.80" (no %); whole = write 100 as "100". */
static const char *
fmt_rate(int64_t bp, int whole)
{
	char *s = ring();

	if (whole && bp % 100 == 0)
		snprintf(s, 48, "%lld", (long long)(bp / 100));
	else
		snprintf(s, 48, "%lld.%02lld", (long long)(bp / 100),
		    (long long)(bp % 100));
	return s;
}

#define RT(bp) fmt_rate((bp), 0)

/* A score in hundredths: "93.5", "90", "8.75". */
static const char *
fmt_score(int64_t h)
{
	int64_t keep = money_mult;
	const char *s;

	money_mult = 1;
	s = fmt_money(h, 1);
	money_mult = keep;
	return s;
}

static const char *const cn_digit[] = {"", "一", "二", "三", "四", "五", "六",
    "七", "八", "九", "十"};

/* 1..29 as a Chinese numeral. */
static const char *
cn_num(int n)
{
	char *s = ring();

	if (n <= 10)
		snprintf(s, 48, "%s", cn_digit[n]);
	else if (n < 20)
		snprintf(s, 48, "十%s", cn_digit[n - 10]);
	else
		snprintf(s, 48, "%s十%s", cn_digit[n / 10], cn_digit[n % 10]);
	return s;
}

/* Splits total into n > 0 positive parts with random weights (each at
 * least `min`, when total allows). */
static void
split(struct rng *r, int64_t total, int n, int64_t min, int64_t *out)
{
	int64_t w[32], W = 0, s = 0;
	int i;

	if (total < min * n)
		min = 0;
	for (i = 0; i < n; i++) {
		w[i] = rrange(r, 20, 100);
		W += w[i];
	}
	for (i = 0; i < n; i++) {
		out[i] = min + (total - min * n) * w[i] / W;
		s += out[i];
	}
	out[rbelow(r, (uint64_t)n)] += total - s;
}

/* Splits `used` <= sum(alloc) over rows so that used[i] <= alloc[i]; the
 * shortfall falls on a few rows, as it does in real tables. */
static void
split_under(struct rng *r, const int64_t *alloc, int n, int64_t used,
    int64_t *out)
{
	int64_t gap = 0, take;
	int i, guard = 0;

	for (i = 0; i < n; i++) {
		out[i] = alloc[i];
		gap += alloc[i];
	}
	gap -= used;
	while (gap > 0 && guard++ < 1000) {
		i = (int)rbelow(r, (uint64_t)n);
		take = out[i] * rrange(r, 3, 25) / 100;
		if (take > gap || guard > 200)
			take = gap < out[i] ? gap : out[i];
		out[i] -= take;
		gap -= take;
	}
}

/* ======================================================================
 * Data: places, units, projects, and the prose the reports are made of.
 * The prose is drawn from the style of the sample corpus (content/): the
 * Kunming outline (摘要, 部门概况 (七项), 绩效目标, 评价思路和过程, 评价结论
 * 和绩效分析 ...), the Hunan outline (部门整体支出使用情况 / 管理情况 /
 * 绩效情况 ...), and the two project outlines.  Templates take {U} the
 * unit's short name, {N} its full name, {Y} the year, {Y1} the year after,
 * {D} the district, {Dk} its level (区/县/市), {C} the city, {G} the
 * district's party committee and government, {F} the finance bureau, {P}
 * the project, {X} a street of the unit.  No template states a figure:
 * figures are written by code, from the same integers as the front matter.
 * ==================================================================== */

struct region {
	const char *province, *city, *city_py, *district, *dshort, *district_py;
	const char *level; /* 区 县 市 */
	const char *abbr;  /* in document numbers: 盘财绩〔2024〕5号 */
	int hunan;         /* outline of the province */
};

static const struct region regions[] = {
	{"云南省", "昆明市", "km", "五华区", "五华", "wuhua", "区", "五", 0},
	{"云南省", "昆明市", "km", "盘龙区", "盘龙", "panlong", "区", "盘", 0},
	{"云南省", "昆明市", "km", "官渡区", "官渡", "guandu", "区", "官", 0},
	{"云南省", "昆明市", "km", "西山区", "西山", "xishan", "区", "西", 0},
	{"云南省", "昆明市", "km", "东川区", "东川", "dongchuan", "区", "东", 0},
	{"云南省", "昆明市", "km", "呈贡区", "呈贡", "chenggong", "区", "呈", 0},
	{"云南省", "昆明市", "km", "晋宁区", "晋宁", "jinning", "区", "晋", 0},
	{"云南省", "昆明市", "km", "安宁市", "安宁", "anning", "市", "安", 0},
	{"云南省", "昆明市", "km", "富民县", "富民", "fumin", "县", "富", 0},
	{"云南省", "昆明市", "km", "宜良县", "宜良", "yiliang", "县", "宜", 0},
	{"云南省", "昆明市", "km", "嵩明县", "嵩明", "songming", "县", "嵩", 0},
	{"云南省", "昆明市", "km", "石林彝族自治县", "石林", "shilin", "县", "石", 0},
	{"云南省", "昆明市", "km", "禄劝彝族苗族自治县", "禄劝", "luquan", "县", "禄", 0},
	{"云南省", "昆明市", "km", "寻甸回族彝族自治县", "寻甸", "xundian", "县", "寻", 0},
	{"云南省", "曲靖市", "qj", "麒麟区", "麒麟", "qilin", "区", "麒", 0},
	{"云南省", "曲靖市", "qj", "沾益区", "沾益", "zhanyi", "区", "沾", 0},
	{"云南省", "曲靖市", "qj", "马龙区", "马龙", "malong", "区", "马", 0},
	{"云南省", "曲靖市", "qj", "宣威市", "宣威", "xuanwei", "市", "宣", 0},
	{"云南省", "曲靖市", "qj", "陆良县", "陆良", "luliang", "县", "陆", 0},
	{"云南省", "曲靖市", "qj", "师宗县", "师宗", "shizong", "县", "师", 0},
	{"云南省", "曲靖市", "qj", "罗平县", "罗平", "luoping", "县", "罗", 0},
	{"云南省", "曲靖市", "qj", "会泽县", "会泽", "huize", "县", "会", 0},
	{"湖南省", "永州市", "yz", "零陵区", "零陵", "lingling", "区", "零", 1},
	{"湖南省", "永州市", "yz", "冷水滩区", "冷水滩", "lengshuitan", "区", "冷", 1},
	{"湖南省", "永州市", "yz", "祁阳市", "祁阳", "qiyang", "市", "祁", 1},
	{"湖南省", "永州市", "yz", "东安县", "东安", "dongan", "县", "东", 1},
	{"湖南省", "永州市", "yz", "双牌县", "双牌", "shuangpai", "县", "双", 1},
	{"湖南省", "永州市", "yz", "道县", "道县", "daoxian", "县", "道", 1},
	{"湖南省", "永州市", "yz", "江永县", "江永", "jiangyong", "县", "永", 1},
	{"湖南省", "永州市", "yz", "宁远县", "宁远", "ningyuan", "县", "宁", 1},
	{"湖南省", "永州市", "yz", "蓝山县", "蓝山", "lanshan", "县", "蓝", 1},
	{"湖南省", "永州市", "yz", "新田县", "新田", "xintian", "县", "新", 1},
	{"湖南省", "永州市", "yz", "江华瑶族自治县", "江华", "jianghua", "县", "华", 1},
	{"湖南省", "衡阳市", "hy", "珠晖区", "珠晖", "zhuhui", "区", "珠", 1},
	{"湖南省", "衡阳市", "hy", "雁峰区", "雁峰", "yanfeng", "区", "雁", 1},
	{"湖南省", "衡阳市", "hy", "石鼓区", "石鼓", "shigu", "区", "鼓", 1},
	{"湖南省", "衡阳市", "hy", "蒸湘区", "蒸湘", "zhengxiang", "区", "蒸", 1},
	{"湖南省", "衡阳市", "hy", "南岳区", "南岳", "nanyue", "区", "岳", 1},
	{"湖南省", "衡阳市", "hy", "衡南县", "衡南", "hengnan", "县", "衡", 1},
	{"湖南省", "衡阳市", "hy", "衡山县", "衡山", "hengshan", "县", "衡", 1},
	{"湖南省", "衡阳市", "hy", "衡东县", "衡东", "hengdong", "县", "衡", 1},
	{"湖南省", "衡阳市", "hy", "祁东县", "祁东", "qidong", "县", "祁", 1},
};

struct place {
	const char *name, *py;
};

static const struct place streets[] = {
	{"东华", "donghua"}, {"金辰", "jinchen"}, {"青云", "qingyun"},
	{"龙泉", "longquan"}, {"茨坝", "ciba"}, {"双龙", "shuanglong"},
	{"松华", "songhua"}, {"联盟", "lianmeng"}, {"鼓楼", "gulou"},
	{"拓东", "tuodong"}, {"太和", "taihe"}, {"翠湖", "cuihu"},
	{"华山", "huashan"}, {"护国", "huguo"}, {"大观", "daguan"},
	{"龙翔", "longxiang"}, {"丰宁", "fengning"}, {"莲华", "lianhua"},
	{"红云", "hongyun"}, {"普吉", "puji"}, {"厂口", "changkou"},
	{"沙朗", "shalang"}, {"关上", "guanshang"}, {"吴井", "wujing"},
	{"金马", "jinma"}, {"六甲", "liujia"}, {"矣六", "yiliu"},
	{"阿拉", "ala"}, {"洛龙", "luolong"}, {"吴家营", "wujiaying"},
	{"乌龙", "wulong"}, {"雨花", "yuhua"}, {"斗南", "dounan"},
	{"七甸", "qidian"}, {"白龙潭", "bailongtan"}, {"王家营", "wangjiaying"},
	{"碧潭", "bitan"}, {"南屏", "nanping"}, {"东风", "dongfeng"},
	{"西坝", "xiba"}, {"马街", "majie"}, {"碧鸡", "biji"},
	{"海口", "haikou"}, {"团结", "tuanjie"}, {"新城", "xincheng"},
	{"白沙", "baisha"}, {"河西", "hexi"}, {"梅溪", "meixi"},
};

enum org_kind {
	ORG_GRID, ORG_CGJ, ORG_ZFW, ORG_SHZL, ORG_STREET, ORG_SZCG, ORG_N
};

struct project_tpl {
	const char *name, *slug, *desc, *goal;
	const char *cats[6];
};

static const struct project_tpl projects[] = {
	{"网格化服务管理补助经费", "grid-subsidy",
	    "用于补助各街道（乡镇）、社区（村）开展网格化服务管理工作，保障网格员补助、培训及网格工作经费",
	    "保障全{Dk}网格化服务管理工作正常开展，网格员补助按时足额发放，网格基础信息采集及时准确",
	    {"网格员补助", "网格员培训", "网格工作经费", "网格装备购置", NULL}},
	{"网格中心运行维护经费", "center-maintenance",
	    "用于保障网格化指挥中心视频会议系统、大厅显示大屏、配电及照明等设施设备正常运行",
	    "及时对指挥中心大厅显示大屏、会议系统、配电柜、照明、空调等故障进行维修，保障视频调度和视频会议正常开展",
	    {"大屏及会议系统维护", "机房运行维护", "办公设备维修", "网络线路租赁", NULL}},
	{"“街道吹哨、部门报到”指挥系统以租代建经费", "whistle-system",
	    "用于租用“街道吹哨、部门报到”网格化综合指挥系统，实现吹哨事项全流程受理、调度、处置、反馈和监督",
	    "实现“吹哨全留痕”和“线上协同”，推动“吹哨报到”工作数据化、智能化和协同化，实现系统互联、数据共享和平台整合",
	    {"系统租赁服务", "平台对接", "数据服务", "运维保障", NULL}},
	{"业务工作补助经费", "business-subsidy",
	    "用于保障宣传工作、应急保障、视频调度、干部培训、指挥中心运行保障等业务工作",
	    "聚焦城市网格化管理和基层社会治理网格化，提高城市管理精细化水平，顺利完成{G}下达的目标任务",
	    {"宣传工作", "应急保障", "视频调度", "干部培训", "运行保障", NULL}},
	{"专职网格员工资经费", "grid-worker-wages",
	    "用于支付专职网格员工资、社会保险、住房公积金及劳务派遣服务费",
	    "保障专职网格员队伍稳定，工资福利按时足额发放，网格巡查、信息采集、问题上报等工作常态化开展",
	    {"基本工资", "社会保险", "住房公积金", "劳务派遣服务费", NULL}},
	{"网格化管理信息系统建设经费", "info-system",
	    "用于网格化管理信息系统的软件开发、硬件购置、系统集成及等级保护测评",
	    "建成覆盖全{Dk}的网格化管理信息平台，实现网格事件采集、派遣、处置、核查、结案全流程信息化管理",
	    {"软件开发", "硬件购置", "系统集成", "等级保护测评", NULL}},
	{"便民服务热线运行经费", "hotline",
	    "用于便民服务热线坐席外包、通信及系统维护，保障群众诉求“接诉即办”",
	    "群众诉求受理及时、转办准确、办理规范，群众满意度持续提升",
	    {"坐席外包服务", "通信费", "系统维护", NULL}},
	{"网格监督员购买服务经费", "supervisor-service",
	    "用于购买城市网格监督员巡查服务，保障监督员劳务费、巡查车辆运行及通讯装备",
	    "实现责任网格巡查全覆盖，城市管理问题发现及时、上报准确",
	    {"监督员劳务费", "巡查车辆运行", "通讯补贴", "服装及装备", NULL}},
	{"网格员教育培训经费", "training",
	    "用于组织开展网格员业务培训、实操演练和外出学习",
	    "网格员培训全覆盖，网格员发现问题、上报问题、协助处置问题的能力明显提升",
	    {"培训场地租赁", "师资费", "教材资料", "培训差旅", NULL}},
	{"“雪亮工程”视频监控运维经费", "xueliang",
	    "用于“雪亮工程”前端视频监控设备维护、传输链路租赁及平台运维",
	    "视频监控设备完好率和在线率保持较高水平，视频资源在网格化管理中得到有效应用",
	    {"前端设备维护", "链路租赁", "平台运维", NULL}},
	{"综治中心规范化建设经费", "zongzhi-center",
	    "用于乡镇（街道）、村（社区）综治中心场所改造、设备购置及标识标牌制作",
	    "综治中心按照“有场所、有设施、有制度、有人员、有工作流程”的标准建成并投入运行",
	    {"场所改造", "设备购置", "标识标牌", "制度建设", NULL}},
	{"网格化宣传及表彰经费", "publicity",
	    "用于网格化服务管理工作宣传品制作、媒体宣传及先进集体和个人表彰",
	    "群众对网格化服务管理工作的知晓率和参与度明显提高，先进典型示范带动作用充分发挥",
	    {"宣传品制作", "媒体宣传", "先进表彰", NULL}},
	{"城市管理专项整治经费", "special-rectification",
	    "用于占道经营、乱贴乱画、违规停车等城市管理突出问题专项整治",
	    "群众反映强烈的城市管理突出问题得到有效整治，城市环境面貌明显改善",
	    {"整治人员劳务", "机械租赁", "物资采购", NULL}},
	{"矛盾纠纷排查化解工作经费", "dispute-resolution",
	    "用于矛盾纠纷排查化解、人民调解员补贴及调解业务培训",
	    "矛盾纠纷早发现、早报告、早化解，防止矛盾纠纷激化升级",
	    {"调解员补贴", "排查工作经费", "业务培训", NULL}},
};

/* A project row for spending outside the named projects. */
static const struct project_tpl other_project = {"其他项目支出", "other",
    "用于保障单位其他业务工作正常开展", "保障各项业务工作顺利完成", {NULL}};

static const char *const duties[] = {
	"贯彻执行国家、省、市有关城市管理和社会服务方面的方针、政策和法律、法规、规章；研究拟定本{Dk}有关网格化监督、管理、服务的中长期发展规划，制定年度计划，并组织实施。",
	"负责落实本{Dk}网格化服务管理体系建设和拓展深化；负责督导各街道（乡镇）和{Dk}级部门网格化服务管理工作。",
	"负责网格化管理事项的采集、派遣、协调、督办；负责制定科学完善的监督、考核、评价方案，对各街道（乡镇）和{Dk}级部门网格化管理工作进行考核。",
	"负责建立本{Dk}网格化管理指挥大厅的指挥、调度体系；负责建立网格员联勤联动机制，对各街道（乡镇）和{Dk}级部门落实情况进行督导。",
	"负责推进本{Dk}监督员队伍市场化；负责统筹本{Dk}网格监督员队伍的招聘、培训工作；负责管理、考核本{Dk}网格监督员队伍。",
	"负责组织开展本{Dk}网格化管理相关信息系统的建设、运行、维护及基础数据更新。",
	"承担全{Dk}网格化管理综合协调、监督管理等工作，对乡镇（街道）、村（社区）“三级网格”建设及运行提出指导性意见。",
	"负责上报事件登记、受理、派发和核查等工作，对城市管理、社会治安、人口管理、信息采集等各类信息进行采集、分类和处理，并及时向{G}反馈社会管理中的相关情况。",
	"负责全{Dk}网格管理员的聘用、培训、考核、奖惩等日常管理工作。",
	"根据全{Dk}社会管理创新建设与发展规划，适时提出网格划分调整建议，实施动态管理。",
	"负责“接诉即办”“吹哨报到”等群众诉求的受理、转办、督办和回访工作，推动群众反映问题及时有效解决。",
};

static const char *const work_items[] = {
	"聚焦城市网格化管理，提品质、美环境。{Y}年，{U}以群众满意为导向，健全完善“横向到边、纵向到底、协调联动、无缝连接”的城市管理运行机制，推动提升城市管理科学化、智能化、精细化水平。建立全{Dk}窨井盖联动处置机制，有效处置一批民生关注的热点问题，城市运行秩序持续向好。",
	"聚焦基层社会治理网格化，强治理、优服务。{U}以打造基层社会治理“一张网”为总抓手，结合前期到部分街道、社区、部门开展的网格化工作调研，从网格管理机制、运行机制、联动机制方面完善相关制度，突出街道与部门、社区与街道的联动情况，侧重挖掘基层网格治理中的“微自治”“微治理”典型做法，形成示范带动效应。",
	"聚焦民生难点热点，优机制、破难题。{U}将“吹哨报到”“接诉即办”制度有效转化为破解网格民生难题的有力抓手，聚焦群众身边的操心事、烦心事、揪心事，依托网格精细化管理，充分调动各方力量，形成处置合力，有效化解网格内的民生难题。",
	"聚焦科技赋能基层治理，强调度、增效能。{U}不断完善网格基础信息，为{G}中心工作实现信息化调度统筹提供坚强保障；拓展网格案件来源，多渠道、多角度、多方式发现城市管理问题，运用视频监控等科技手段，建立多维空间监控体系，助力网格化管理工作。",
	"强化网格队伍建设，提升履职能力。围绕网格员“进得来、留得住、干得好”的目标，{U}健全网格员选聘、培训、考核、激励机制，定期组织业务培训和实操演练，网格员发现问题、上报问题、协助处置问题的能力明显提升。",
	"规范案件办理流程，提高处置效率。严格按照“信息采集、案件建立、任务派遣、任务处置、处理反馈、核查结案、综合评价”的闭环流程办理网格案件，对超期案件实行预警、督办和通报，案件按期结案率稳步提高。",
	"深化党建引领，凝聚治理合力。坚持以党建引领网格化服务管理，推动党组织向网格延伸，组织党员干部下沉网格、认领岗位，引导驻区单位、社会组织和志愿者参与网格治理，构建共建共治共享的基层治理格局。",
	"抓实矛盾纠纷排查化解，守护平安稳定。依托网格开展矛盾纠纷常态化排查，对邻里纠纷、婚恋家庭纠纷、劳资纠纷等做到早发现、早报告、早化解，对排查出的重点问题建立台账、专人跟踪，防止矛盾纠纷激化升级。",
	"推进数据共享应用，夯实信息基础。对辖区人口、房屋、单位、事件等基础信息数据开展分类采集和动态更新，推动网格数据与公安、民政、住建等部门数据比对共享，为精准服务和科学决策提供数据支撑。",
	"做好重大活动和重要节点保障，服务中心大局。在重要会议、重大节庆和汛期、森林防火期等关键时段，{U}实行领导带班和全天候值守，加强视频巡查和网格巡查，及时发现和处置各类风险隐患，为全{Dk}大局稳定提供有力保障。",
	"开展专项整治行动，攻坚突出问题。围绕占道经营、乱贴乱画、违规停车、垃圾乱堆等群众反映强烈的问题，会同相关部门开展专项整治，对反复发生的问题实行挂牌督办，城市环境面貌明显改善。",
	"完善考核评价机制，压实工作责任。修订完善网格化管理考核办法，将案件处置、按期结案、群众满意等指标纳入对街道（乡镇）和部门的考核，考核结果按月通报，有效压实了各方责任。",
	"强化视频会议保障，提升应急指挥能力。配合全{Dk}做好电子政务专线、高清视频专线、社会治安综合治理视频会议系统等视频会议保障工作，保障了普法宣传、市域社会治理、森林草原防火、防汛等重点工作视频会议顺利召开。",
	"加强宣传引导，营造良好氛围。通过政务新媒体、社区宣传栏、入户走访等方式宣传网格化服务管理工作，及时总结推广基层好经验、好做法，群众对网格化管理的知晓率和参与度不断提高。",
	"推动“网格+”服务延伸，提升群众获得感。将政策宣传、便民服务、安全隐患排查、特殊人群关爱等事项纳入网格服务内容，推行“网格员+楼栋长+单元长”服务模式，打通服务群众的“最后一公里”。",
	"健全联勤联动机制，形成工作闭环。建立健全网格化指挥中心与职能部门、街道（乡镇）之间的联勤联动机制，明确各类事项的责任主体和处置时限，对跨部门、跨区域的疑难问题实行联席会商，推动问题协同解决。",
	"加强特殊人群服务管理，防范化解风险。依托网格对社区矫正对象、严重精神障碍患者、社会面吸毒人员等特殊人群开展常态化走访和动态管控，落实“一人一档”管理措施，有效防范个人极端案事件发生。",
	"推进综治中心规范化建设，筑牢基层治理阵地。按照“有场所、有设施、有制度、有人员、有工作流程”的要求，推进乡镇（街道）、村（社区）综治中心规范化建设，实现综治中心与网格化服务管理中心一体化运行。",
	"开展安全隐患排查，守牢安全底线。组织网格员对辖区燃气、消防、自建房、老旧小区等开展安全隐患排查，对发现的问题及时上报、跟踪督办，推动隐患闭环整改，筑牢安全生产防线。",
	"加强内部管理，提升机关效能。严格执行中央八项规定精神，坚持过“紧日子”，从严控制一般性支出，健全完善财务、资产、公文、保密等内部管理制度，单位运行规范有序。",
	"推进便民热线工单办理，回应群众关切。对热线转办的群众诉求实行“接诉即办”，做到件件有回音、事事有着落，对群众不满意的工单开展回访和二次办理，群众诉求办理质效持续提升。",
	"深化“智慧网格”应用，提升管理精度。推广移动终端采集上报，实现案件现场拍照、定位、上报一体化，缩短了问题发现和处置时间，网格化管理由“人海战术”向“科技支撑”转变。",
	"加强网格案件质量管控，确保数据真实。建立案件抽查复核制度，定期对上报案件和结案案件进行随机抽查，对虚报、瞒报、错报问题严肃处理，确保网格案件数据真实准确。",
	"完成上级交办的各项任务，服务全{Dk}发展大局。认真完成{G}交办的文明城市创建、重点项目服务保障、人口普查协查等各项工作任务，为全{Dk}经济社会发展作出了积极贡献。",
};

static const char *const mgmt_paras[] = {
	"为规范单位各项工作，不断推进制度化建设，{Y}年度本单位对《{N}“三重一大”决策制度》《{N}工作会议制度及议事规则》《{N}财务管理制度》等各类管理制度进行修改完善，并在工作中严格执行。",
	"本单位建立健全了预算管理、收支管理、政府采购、资产管理、合同管理等内部控制制度，明确了各项经济业务的审批权限和流程，做到了有章可循、有据可依。",
	"严格执行《{N}差旅费管理办法》《{N}公务接待管理办法》等规定，各项支出严格履行审批程序，财务管理规范有序。",
};

static const char *const goal_paras[] = {
	"随着城市网格化管理工作不断丰富拓展，为深入贯彻{G}工作部署，进一步提升服务保障各项目标任务落实及重点工作开展的力度，{U}坚持过“紧日子”，严格落实党风廉政建设责任制，不断规范财政资金使用与管理，提高财政资金使用效益。",
	"合理配置资源，通过财政支出绩效评价获取有效的信息，节约财政资金，促进资源的有效配置，保障单位正常运转和各项业务工作顺利开展。",
	"以网格化服务管理为抓手，全面提升城市管理和社会治理的精细化、信息化、规范化水平，实现“小事不出网格、大事不出社区（村）”的工作目标。",
};

static const char *const eval_idea[] = {
	"为了更好落实绩效目标，督办自评、反馈问题和应用评价结果，进一步健全绩效管理工作机制，加强制度建设，{U}成立了绩效评价领导小组，组长由单位主要负责人担任，副组长由分管领导担任，相关科室负责人为成员，办公室设在综合科，并指定专人负责此项工作，将其作为日常性重要工作来抓，为单位的预算安排提供决策支持。",
	"本次自评以部门整体支出为对象，按照“全面自评、突出重点、客观公正”的原则，对照年初设定的绩效目标，从预算编制、预算执行、资金管理、资产管理、履职效果等方面逐项开展评价，进一步增强本单位支出管理的责任，优化支出结构，提升预算管理水平。",
};

static const char *const eval_purpose[] = {
	"通过评价本单位财政资金预算支出绩效状况，为今后预算安排提供决策支持。增强本单位支出管理责任，优化支出结构，提高财政资金使用的经济性、效率性和有效性。进一步节约财政资金，促进资源的有效配置。",
	"通过绩效自评，全面了解部门整体支出的使用情况和实施效果，发现预算管理中存在的问题，及时总结经验、改进管理，提升预算绩效管理水平。",
};

static const char *const results_generic[] = {
	"{Y}年度党风廉政建设责任制考核中被评为{Dk}级优秀等次。",
	"深化党建文化品牌建设，协同挂包社区开展共建活动，提高居民参与基层治理、社区事务的积极性，有效推进社区党组织与网格深度融合。",
	"{Y}年度党组织书记抓基层党建工作述职评议被评定为良好等次。",
	"配合全{Dk}做好重大活动、重要会议的视频会议保障工作，保障了防汛、森林防火、市域社会治理等重点工作视频会议顺利召开。",
	"网格化服务管理经验做法在全市相关会议上作交流发言，得到上级部门的肯定。",
};

static const char *const benefit_paras[] = {
	"{U}按照{G}工作要求，结合自身职能职责，积极做好前期的准备工作，按照年初计划和工作安排完成了各项工作。对全{Dk}发生的网格案件及时处理，有效提升辖区居民对市容市貌的良好印象，进一步提升了人民群众的认同度。",
	"通过网格化服务管理，辖区内各类矛盾纠纷和安全隐患得到及时发现和有效处置，基层社会治理能力明显提升，为辖区经济社会发展营造了安全稳定的环境。",
};

static const char *const satisfaction_paras[] = {
	"{U}坚持从群众需求、诉求出发，健全工作机制，建立群众诉求“接诉即办”扁平化派遣处置工作机制，以诉为件，切实解决市民关心、关注的重难点问题，进一步提升了居民的获得感、幸福感和认同感。",
	"通过发放调查问卷、电话回访等方式了解服务对象满意度，群众对网格化服务管理工作总体满意，对网格员的服务态度和办事效率评价较高。",
};

static const char *const experience_paras[] = {
	"党组高度重视，不断提高绩效管理认识，通过设立目标有利于项目决策的制定，有助于项目的实施管理。项目实施前结合本单位自身情况，设定明确、合理的绩效目标，并将目标量化、细化分解，与预算资金相匹配。",
	"坚持预算编制与绩效目标同步设定、同步审核，预算执行与绩效监控同步推进，做到花钱必问效、无效必问责。",
	"强化财务管理和内部控制，严格执行资金审批程序，确保每一笔资金使用规范、合理、有效。",
	"注重绩效评价结果应用，将评价中发现的问题作为改进预算管理的重要依据，及时调整和优化支出结构。",
};

static const char *const problems[] = {
	"需进一步加强预算绩效指标的精细化程度及预算执行进度。",
	"预算编制的精准性、合理性有待提高，部分支出项目的预算与实际需求衔接不够紧密。",
	"绩效目标设置不够细化、量化，部分指标难以准确衡量，绩效评价结果的应用还不够充分。",
	"部门预算与部门决算由于编制基础不一致，在进行决算分析时不能很好衔接。",
	"网格员队伍流动性较大，业务能力参差不齐，培训的系统性和针对性有待加强。",
	"信息系统建设相对滞后，部门间数据共享不够充分，网格数据的综合分析和应用水平有待提高。",
	"财务人员多为兼职，对预算绩效管理的理解和把握还不够深入。",
	"部分项目前期论证不够充分，实施进度与资金支付进度不完全匹配。",
};

static const char *const measures[] = {
	"进一步细化预算编制工作，严格按照预算编制的相关制度和要求进行预算编制，提高预算编制的科学性、严谨性和可控性。",
	"强化财政预算执行的刚性，严格按照预算项目设定目标执行，加快预算执行进度，提高资金的使用效益。",
	"在绩效管理体系运行中不断摸索和总结经验，完善单位的绩效评价指标体系框架，提高绩效指标的可衡量性。",
	"加强财务管理，严格财务审核，按照预算规定的费用项目和用途进行资金使用审核、列报支付、财务核算，杜绝超支现象的发生。",
	"持续抓好“三公”经费控制管理，严格控制“三公”经费的规模和比例，进一步细化“三公”经费的管理。",
	"加强网格员队伍建设，完善培训、考核和激励机制，稳定网格员队伍，提升履职能力。",
	"加快信息化建设，推动部门间数据共享和业务协同，提升网格化管理的智能化水平。",
	"加强绩效评价结果应用，将评价结果作为安排以后年度预算的重要依据。",
};

static const char *const proj_background[] = {
	"根据《中共{C}委办公厅 {C}人民政府办公厅关于推行网格化服务管理的实施意见》等文件精神，为进一步加强基层社会治理，提升城市精细化管理水平，{D}设立{P}项目。",
	"该项目在不打破现有行政区划、管理格局和基层民主自治的前提下，最大限度整合基层现有服务管理资源，将城乡社区合理划分为若干网格单元，对网格实行全方位、精细化的动态管理。",
	"项目旨在逐步建立以“人、地、物、事、情、组织”为核心的基础信息数据库，提升基层社会管理扁平化、精细化水平，筑牢维护社会稳定的第一道防线。",
};

static const char *const proj_impl[] = {
	"建立网格管理制度。按照{D}关于推进城市网格化管理工作深入开展的要求，全面建立“{Dk}、街道、社区、基础网格”四级网格长责任制，进一步落实网格化管理主体责任。网格长全面掌握工作网格的基本情况，负责网格内各类问题的组织、实施、协调、督办。",
	"建立案件处置机制。案件派遣按照属地管理原则及网格化案件处置流程，由街道管理处置中心派遣案件到各科室、各社区平台进行处置，进一步健全案件派遣及处置流程，并按照案件处置的难易程度实行分类处置。",
	"建立岗位职责制度。对网格监督员、社区工作人员、城管执法人员、环卫保洁人员、社区民警等人员制定相应的工作职责，形成全面的岗位职责制度，规范网格人员处置案件。",
	"建立绩效考核机制。将各科室、各社区网格化管理工作纳入绩效考核，考核结果每月进行排名及通报，年度综合考核结果作为评先评优的重要依据，有效激发了网格人员的工作动力。",
	"加强项目过程管理。项目实施过程中，{U}定期召开工作推进会，及时研究解决项目实施中遇到的困难和问题，对项目进度实行台账管理，确保项目按计划推进。",
	"严格政府采购程序。对项目涉及的货物和服务，严格按照政府采购相关规定执行，做到采购程序规范、采购资料完整，保证了采购质量，节约了财政资金。",
	"落实合同管理要求。项目实施严格按照合同约定执行，对服务内容、服务标准、付款方式等进行明确约定，按进度和考核结果支付资金，防范了资金支付风险。",
	"加强项目验收管理。项目完成后，组织相关人员对项目实施情况进行验收，对验收中发现的问题督促整改到位，确保项目质量达到预期要求。",
	"强化安全保密管理。对项目涉及的网格数据和视频监控资源，落实专人专管和保密责任，签订信息保密协议，确保数据安全和个人信息不被泄露。",
	"做好资料收集归档。对项目立项、采购、合同、验收、资金支付等资料进行整理归档，做到资料齐全、查阅方便，为绩效评价提供了依据。",
	"实行“五员驱动”。每个基础网格配置监督员、城管执法人员、环卫工人、社区民警、社区专职工作人员，实现重心下移、靠前服务，达到有人巡查、有人报告、有人负责、有人处置、有人督查。",
	"开展督查考评。对网格事项的全流程受理、调度、处置、反馈进行监督，并开展督查考评，全程记录处置流程和结果，推动工作数据化、智能化和协同化。",
	"强化部门协同配合。项目实施中加强与财政、城管、公安、住建等部门的沟通协调，建立信息互通、问题共商、成果共享的工作机制，形成了推进项目实施的工作合力。",
	"注重群众参与监督。通过公示栏、政务新媒体等渠道公开项目实施情况，主动接受群众监督，广泛听取群众意见建议，不断改进项目实施方式。",
	"健全风险防控机制。对项目实施中可能出现的进度滞后、质量不达标、资金支付不规范等风险进行梳理，制定防控措施，明确责任人员，确保项目平稳实施。",
};

static const char *const proj_fund_mgmt[] = {
	"资金的使用原则：依法管理原则、厉行节约原则、合理支出原则、专款专用原则。",
	"项目资金按照《{N}财务管理制度》管理和使用，实行专账核算，做到支出手续完备，凭证合规、齐全，账目清楚。",
	"资金支付严格履行审批程序，按照民主集中制的原则，大额资金支出经集体研究决定。",
	"项目资金未发现挤占、挪用、截留等违规情况。",
};

static const char *const proj_eval_paras[5][2] = {
	{"通过开展项目绩效评价，了解和掌握项目资金的使用情况和实施效果，总结经验，发现问题，为今后项目预算安排和管理提供参考依据。",
	 "评价项目绩效目标的实现程度，检验项目资金使用的经济性、效率性和效益性，提高财政资金使用效益。"},
	{"接到绩效评价任务后，{U}成立了项目绩效评价工作组，明确工作职责和时间安排，结合项目特点制定了绩效评价工作方案，确定了评价指标体系和评分标准。",
	 "评价工作组在充分了解项目背景、资金安排和实施情况的基础上，研究制定了评价工作方案，报经单位领导审定后组织实施。"},
	{"本次评价遵循科学规范、公正公开、分级分类、绩效相关的原则，采用比较法、因素分析法、公众评判法等方法，对项目决策、过程、产出和效益进行综合评价。",
	 "评价坚持定量与定性相结合、自评与核查相结合，主要采用成本效益分析法、比较法和公众评判法。"},
	{"评价工作分为前期准备、资料收集、现场核查、分析评价和撰写报告五个阶段。评价组通过查阅资料、实地查看、座谈访谈、问卷调查等方式收集评价所需数据。",
	 "评价组查阅了项目立项文件、预算批复、资金拨付凭证、合同及验收资料，实地查看了部分网格的工作开展情况，并对相关人员进行了访谈。"},
	{"由于评价时间较短，部分基础数据依赖项目单位提供，评价组未能对所有网格进行实地核查，评价结果可能存在一定局限性。",
	 "本次评价以项目单位提供的资料为主要依据，部分效益指标难以量化，评价结论可能存在一定局限性。"},
};

static const char *const proj_analysis[4][2] = {
	{"项目实施过程中严格控制成本，在保证质量的前提下合理压缩支出，各项支出均按预算执行，资金使用较为节约。",
	 "优化了辖区环境，提升了城市管理水平，推动了辖区经济的发展，项目成本控制在预算范围内。"},
	{"项目按计划有序推进，各项工作在规定时间内完成，网格案件的处置更加快捷，整体工作效率明显提高。",
	 "通过科学合理的网格划分，实现了城市管理工作的全覆盖，做到了不留死角、没有盲区，问题发现和处置时间明显缩短。"},
	{"项目的实施有效提升了辖区网格化管理水平，群众反映的问题得到及时解决，辖区环境秩序明显改善，社会效益良好。",
	 "网格案件的结案率及按期结案率明显提升，城市精细化管理质量和水平有了较大提升，群众的获得感、幸福感、安全感不断增强。"},
	{"网格化服务管理已形成较为完善的制度体系和运行机制，项目具备可持续实施的条件。",
	 "项目建立的工作机制和信息平台可长期发挥作用，为今后持续开展网格化服务管理奠定了基础。"},
};

static const char *const proj_analysis_titles[4] = {
	"经济性分析", "效率性分析", "效益性分析", "可持续性分析",
};

static const char *const unmet_reasons[] = {
	"偏差原因：受人员调整影响，部分工作推进较慢，下一步将加强统筹调度",
	"偏差原因：部分街道基础数据更新不及时，下一步将加强督导",
	"偏差原因：系统升级期间部分事项延后办理，已在次年一季度完成",
	"偏差原因：个别网格人员流动较大，下一步将完善网格员补充机制",
};

/* ======================================================================
 * Units, reports, injections
 * ==================================================================== */

struct unit {
	long idx;
	const struct region *rg;
	enum org_kind org;
	char id[128], name[256], shortn[128], parent[256];
	const char *kind;          /* 行政单位 / 事业单位 */
	const char *subsuffix;     /* 街道 or 社区: the rows of its tables */
	int nsub;
	const struct place *sub[10];
	int hunan;                 /* outline */
	int staff_auth, staff_act, ndept;
	int64_t prev_total;        /* last year's total spending, 0 = none yet */
	int cases_scale;
	int head_cost; /* personnel cost a head, cents of 万元 */
};

enum inj_kind {
	I_NONE,
	I_A001, I_A002, I_A003, I_A004, I_A005, I_A006, I_A007, I_A008,
	I_A010, I_A011, I_A012,
	I_T001, I_T002,
	I_N001_PCT, I_N001_UNIT,
	I_S001, I_S002, I_S003, I_S004, I_S006,
	I_M001, I_M002, I_M003, I_F003, I_L001,
	I_P001, I_P002, I_P003, I_P004, I_P005,
	I_COUNT
};

#define T_OV 1
#define T_PJ 2

static const struct {
	const char *rule;
	int types;
} inj_info[I_COUNT] = {
	[I_NONE] = {"-", 0},
	[I_A001] = {"A001", T_OV | T_PJ}, [I_A002] = {"A002", T_OV | T_PJ},
	[I_A003] = {"A003", T_OV | T_PJ}, [I_A004] = {"A004", T_OV | T_PJ},
	[I_A005] = {"A005", T_OV | T_PJ}, [I_A006] = {"A006", T_OV},
	[I_A007] = {"A007", T_OV | T_PJ}, [I_A008] = {"A008", T_OV},
	[I_A010] = {"A010", T_OV | T_PJ}, [I_A011] = {"A011", T_OV | T_PJ},
	[I_A012] = {"A012", T_OV | T_PJ},
	[I_T001] = {"T001", T_OV | T_PJ}, [I_T002] = {"T002", T_OV | T_PJ},
	[I_N001_PCT] = {"N001", T_OV | T_PJ}, [I_N001_UNIT] = {"N001", T_OV},
	[I_S001] = {"S001", T_OV | T_PJ}, [I_S002] = {"S002", T_OV | T_PJ},
	[I_S003] = {"S003", T_OV | T_PJ}, [I_S004] = {"S004", T_OV | T_PJ},
	[I_S006] = {"S006", T_OV | T_PJ},
	[I_M001] = {"M001", T_OV | T_PJ}, [I_M002] = {"M002", T_OV | T_PJ},
	[I_M003] = {"M003", T_OV | T_PJ}, [I_F003] = {"F003", T_OV | T_PJ},
	[I_L001] = {"L001", T_OV | T_PJ},
	[I_P001] = {"P001", T_OV | T_PJ}, [I_P002] = {"P002", T_OV | T_PJ},
	[I_P003] = {"P003", T_OV}, [I_P004] = {"P004", T_PJ},
	[I_P005] = {"P005", T_OV | T_PJ},
};

struct injrec {
	int set;
	int ch;
	size_t off;
	int line; /* fixed line (e.g. 1 for M001), else 0 */
	char desc[600];
};

/* One indicator of the 绩效指标 table. */
struct ind {
	int b; /* index in ind_bank */
	const char *l1, *l2, *name;
	char target[48], actual[48];
	int64_t weight, score; /* hundredths */
	const char *note;
	int met;
};

struct fundrow {
	const char *source;
	int64_t i, a, e, rate;
};

struct row {
	const char *name;
	const struct project_tpl *t; /* project rows */
	int64_t i, a, e;
};

/* A project report's figures. */
struct pj {
	const struct project_tpl *t;
	int64_t I, adj, A, E, R, U, F, arr, use;
	int ncat;
	int64_t ca[6], ce[6];
	int nal;
	int64_t al[10], au[10];
	int alloc_fig, alloc_balance_col;
	int has_survey;
	int64_t sv_n, sv_m, sv_r, sv_sat;
	int64_t carry; /* 上年结转资金 in the funds block, 0 = none */
};

/* An overall report's figures. */
struct ov {
	struct row rows[24]; /* 2 basic + up to 14 projects + extras */
	int nrows, nproj_rows;
	int64_t I, A, E, R, unspent;
	int64_t basic, project, basic_share, project_share, basic_rate, project_rate;
	int64_t rev_fiscal, rev_other;
	int has_change;
	int64_t prev, change, growth;
	int has_tp;
	int64_t tp_b, tp_a, tp_s, tp_r;
	int has_proc;
	int64_t proc;
	int has_assets;
	int64_t as_t, as_c, as_f, as_cs, as_fs;
	int64_t filed, closed, crate;
	int64_t sf[10], sc[10];
	int has_events;
	int64_t ev_rep, ev_arc, ev_rate;
	int has_hotline;
	int64_t hl_rec, hl_hd, hl_rate;
	int has_grids;
	int64_t gr_t, gr_u, gr_r;
	int64_t train_s, train_p;
};

/* A report being written: everything but its type-specific figures. */
struct rep {
	int overall;
	int year, pm, pd;
	int drop, pdrop; /* drop trailing zeros: figures, prose */
	int yuan;
	int64_t score;
	const char *grade;
	int nind;
	struct ind ind[12];
	int has_funds, nfr;
	struct fundrow fr[4];
	int64_t fweight, fscore, fscore_w; /* computed, written */
	int variant;
	int seq_dot; /* numbered items "1." (else "1、") */
	enum inj_kind inj;
	struct injrec rec;
	const char *slug;
	char path[512];
	const struct pj *p;
	const struct ov *o;
	const struct unit *u;
	struct rng *r;
};

/* The report text in chunks: 0 front matter, 1 body up to the section
 * that is grown to the target size, 2 that section's items (written
 * last), 3 the rest of the body.  Line numbers of injected errors are
 * computed across the chunks when the file is assembled. */
struct doc {
	struct buf ch[4];
	int cur;
	int n2, n3, n4;
	int skip2, skip3;   /* S003: the numbering skips here */
	int h2space;
	const char *sep4;
	int last_h_ch[5];       /* the last heading of each level: chunk, */
	size_t last_h_off[5];   /* offset (S001 is reported there) */
	struct rep *rp;
};

static struct buf *
cur(struct doc *d)
{
	return &d->ch[d->cur];
}

static void
mark(struct doc *d, const char *fmt, ...)
{
	struct injrec *ir = &d->rp->rec;
	va_list ap;

	ir->set = 1;
	ir->ch = d->cur;
	ir->off = cur(d)->n;
	va_start(ap, fmt);
	vsnprintf(ir->desc, sizeof(ir->desc), fmt, ap);
	va_end(ap);
}

/* ----------------------------------------------------------------------
 * Template expansion
 * -------------------------------------------------------------------- */

static const char *
dk(const struct unit *u)
{
	return u->rg->level;
}

static void
tpl(struct doc *d, const char *t)
{
	struct buf *b = cur(d);
	const struct rep *rp = d->rp;
	const struct unit *u = rp->u;
	const char *p, *e;

	for (p = t; *p; p++) {
		if (*p != '{' || (e = strchr(p, '}')) == NULL) {
			bput(b, p, 1);
			continue;
		}
#define KEY(k) ((size_t)(e - p - 1) == strlen(k) && memcmp(p + 1, k, strlen(k)) == 0)
		if (KEY("U"))
			bputs(b, u->shortn);
		else if (KEY("N"))
			bputs(b, u->name);
		else if (KEY("Y"))
			bprintf(b, "%d", rp->year);
		else if (KEY("Y1"))
			bprintf(b, "%d", rp->year + 1);
		else if (KEY("D"))
			bputs(b, u->rg->district);
		else if (KEY("Dk"))
			bputs(b, dk(u));
		else if (KEY("C"))
			bputs(b, u->rg->city);
		else if (KEY("G"))
			bprintf(b, "%s委、%s政府", dk(u), dk(u));
		else if (KEY("F"))
			bprintf(b, "%s财政局", u->rg->district);
		else if (KEY("P"))
			bputs(b, rp->p ? rp->p->t->name : "");
		else if (KEY("X"))
			bprintf(b, "%s%s", u->sub[rbelow(rp->r, (uint64_t)u->nsub)]->name,
			    u->subsuffix);
		else
			bput(b, p, (size_t)(e - p + 1));
#undef KEY
		p = e;
	}
}

static void
para(struct doc *d, const char *t)
{
	tpl(d, t);
	bputs(cur(d), "\n\n");
}

/* A numbered paragraph: "1.text" or "1、text". */
static void
item(struct doc *d, int n, const char *t)
{
	bprintf(cur(d), "%d%s", n, d->rp->seq_dot ? "." : "、");
	para(d, t);
}

static void
paren_item(struct doc *d, int n, const char *t)
{
	bprintf(cur(d), "（%d）", n);
	para(d, t);
}

static void
h2(struct doc *d, const char *title)
{
	d->last_h_ch[2] = d->cur;
	d->last_h_off[2] = cur(d)->n;
	d->n2++;
	if (d->skip2 && d->n2 == d->skip2) {
		d->n2++;
		mark(d, "numbering gap: heading %s、%s follows %s、", cn_num(d->n2),
		    title, cn_num(d->n2 - 2));
		d->skip2 = 0;
	}
	bprintf(cur(d), "## %s、%s%s\n\n", cn_num(d->n2), d->h2space ? " " : "",
	    title);
	d->n3 = d->n4 = 0;
}

static void
h3(struct doc *d, const char *title)
{
	d->last_h_ch[3] = d->cur;
	d->last_h_off[3] = cur(d)->n;
	d->n3++;
	if (d->skip3 && d->n3 == d->skip3) {
		d->n3++;
		mark(d, "numbering gap: heading （%s）%s follows （%s）",
		    cn_num(d->n3), title, cn_num(d->n3 - 2));
		d->skip3 = 0;
	}
	bprintf(cur(d), "### （%s）%s\n\n", cn_num(d->n3), title);
	d->n4 = 0;
}

static void
h4(struct doc *d, const char *title)
{
	d->n4++;
	bprintf(cur(d), "#### %d%s%s\n\n", d->n4, d->sep4, title);
}

/* Picks k distinct entries of a bank (k <= n), in bank order. */
static int
pick_k(struct rng *r, int n, int k, int *out)
{
	int idx[64], i, j, t;

	if (k > n)
		k = n;
	rperm(r, idx, n);
	/* sort the first k to keep the bank's order */
	for (i = 1; i < k; i++)
		for (j = i; j > 0 && idx[j - 1] > idx[j]; j--) {
			t = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
	for (i = 0; i < k; i++)
		out[i] = idx[i];
	return k;
}

/* Consistency of a stated rate S (basis points) with num ÷ den, as tally
 * reads them (DESIGN section 4): every written number is an interval of
 * half its last digit; ws, wn, wd are the half-widths in doubled units
 * (1 for two decimals, 10 for one, 0 for an exact count).  Used to make
 * sure an injected rate error is detectable at all. */
static int
ratio_overlaps(int64_t num, int64_t wn, int64_t den, int64_t wd, int64_t S,
    int64_t ws)
{
	int64_t nlo = 2 * num - wn, nhi = 2 * num + wn;
	int64_t dlo = 2 * den - wd, dhi = 2 * den + wd;

	if (dlo <= 0)
		return 1;
	return 20000 * nlo <= (2 * S + ws) * dhi &&
	    20000 * nhi >= (2 * S - ws) * dlo;
}

/* A wrong rate for num ÷ den that tally must catch: the truncation when
 * it differs detectably from the rounding (the classic error), else the
 * rate off by a few tenths.  *how says which. */
static int64_t
wrong_rate(struct rng *r, int64_t num, int64_t wn, int64_t den, int64_t wd,
    const char **how)
{
	int64_t good = rate_bp(num, den), t2 = num * 10000 / den, bad;
	int k;

	if (t2 != good && !ratio_overlaps(num, wn, den, wd, t2, 1)) {
		*how = "truncated instead of rounded";
		return t2;
	}
	for (k = 0; k < 100; k++) {
		bad = good + (rchance(r, 50) ? 1 : -1) * rrange(r, 10, 90);
		if (bad < 0)
			bad = good + rrange(r, 10, 90);
		if (!ratio_overlaps(num, wn, den, wd, bad, 1)) {
			*how = "miscopied";
			return bad;
		}
	}
	*how = "miscopied";
	return good + 500;
}

/* ======================================================================
 * Figures: all integers (cents of 万元, counts, basis points), chosen so
 * that every relation holds exactly as written.
 * ==================================================================== */

static void
unit_init(struct unit *u, long idx, uint64_t seed)
{
	struct rng r = rseed(seed, 0x756e6974ULL, (uint64_t)idx);
	int idxs[NELEM(streets)], i;
	const struct region *rg;
	const struct place *st;

	memset(u, 0, sizeof(*u));
	u->idx = idx;
	u->rg = rg = &regions[rbelow(&r, NELEM(regions))];
	u->org = (enum org_kind)rbelow(&r, ORG_N);
	if (rchance(&r, 35))
		u->org = ORG_GRID;
	u->hunan = rg->hunan;
	if (rchance(&r, 15))
		u->hunan = !u->hunan;
	rperm(&r, idxs, (int)NELEM(streets));
	st = &streets[idxs[0]];
	u->nsub = (int)rrange(&r, 4, 9);
	for (i = 0; i < u->nsub; i++)
		u->sub[i] = &streets[idxs[i + 1]];
	u->subsuffix = "街道";
	snprintf(u->parent, sizeof(u->parent), "%s%s人民政府", rg->city,
	    rg->district);
	switch (u->org) {
	case ORG_GRID:
		if (rg->hunan) {
			snprintf(u->name, sizeof(u->name), "%s网格事务中心",
			    rg->district);
			snprintf(u->shortn, sizeof(u->shortn), "%s网格事务中心",
			    rg->level);
		} else {
			snprintf(u->name, sizeof(u->name),
			    "%s网格化综合监督指挥中心%s分中心", rg->city, rg->dshort);
			snprintf(u->shortn, sizeof(u->shortn), "%s网格化指挥中心",
			    rg->level);
		}
		u->kind = "事业单位";
		snprintf(u->id, sizeof(u->id), "%s-%s-grid-%ld", rg->city_py,
		    rg->district_py, idx + 1);
		break;
	case ORG_CGJ:
		snprintf(u->name, sizeof(u->name), "%s%s城市管理局", rg->city,
		    rg->district);
		snprintf(u->shortn, sizeof(u->shortn), "%s城管局", rg->level);
		u->kind = "行政单位";
		snprintf(u->id, sizeof(u->id), "%s-%s-cgj-%ld", rg->city_py,
		    rg->district_py, idx + 1);
		break;
	case ORG_ZFW:
		snprintf(u->name, sizeof(u->name), "中共%s%s委员会政法委员会",
		    rg->city, rg->district);
		snprintf(u->shortn, sizeof(u->shortn), "%s委政法委", rg->level);
		u->kind = "行政单位";
		snprintf(u->id, sizeof(u->id), "%s-%s-zfw-%ld", rg->city_py,
		    rg->district_py, idx + 1);
		break;
	case ORG_SHZL:
		snprintf(u->name, sizeof(u->name), "%s%s社会治理综合服务中心",
		    rg->city, rg->district);
		snprintf(u->shortn, sizeof(u->shortn), "%s社会治理中心",
		    rg->level);
		u->kind = "事业单位";
		snprintf(u->id, sizeof(u->id), "%s-%s-shzl-%ld", rg->city_py,
		    rg->district_py, idx + 1);
		break;
	case ORG_STREET:
		snprintf(u->name, sizeof(u->name), "%s%s%s街道办事处", rg->city,
		    rg->district, st->name);
		snprintf(u->shortn, sizeof(u->shortn), "%s街道", st->name);
		u->kind = "行政单位";
		u->subsuffix = "社区";
		snprintf(u->id, sizeof(u->id), "%s-%s-street-%s-%ld", rg->city_py,
		    rg->district_py, st->py, idx + 1);
		break;
	default:
		snprintf(u->name, sizeof(u->name),
		    "%s%s数字化城市管理监督指挥中心", rg->city, rg->district);
		snprintf(u->shortn, sizeof(u->shortn), "%s数字城管中心",
		    rg->level);
		u->kind = "事业单位";
		snprintf(u->id, sizeof(u->id), "%s-%s-szcg-%ld", rg->city_py,
		    rg->district_py, idx + 1);
		break;
	}
	u->staff_auth = (int)rrange(&r, 8, 60);
	u->staff_act = u->staff_auth - (int)rrange(&r, 0, 3);
	u->ndept = (int)rrange(&r, 3, 7);
	u->cases_scale = (int)rrange(&r, 1, 6);
	u->head_cost = (int)rrange(&r, 900, 1700);
}

/* Indicators: a bank of {level1, level2, name, kind, unit, lo, hi}. */
enum ind_kind { K_PCT, K_CNT, K_LE, K_TEXT, K_FULL };

static const struct {
	const char *l1, *l2, *name;
	enum ind_kind k;
	const char *unit;
	int lo, hi;
	int types;
} ind_bank[] = {
	{"产出指标", "数量指标", "网格员培训场次", K_CNT, "场次", 6, 40, T_OV},
	{"产出指标", "数量指标", "覆盖网格数", K_CNT, "个", 40, 900, T_PJ},
	{"产出指标", "数量指标", "培训网格员人次", K_CNT, "人次", 120, 2800, T_OV | T_PJ},
	{"产出指标", "数量指标", "视频会议保障次数", K_CNT, "次", 10, 60, T_OV},
	{"产出指标", "质量指标", "案件按期结案率", K_PCT, "", 90, 98, T_OV},
	{"产出指标", "质量指标", "网格化管理制度建设覆盖率", K_PCT, "", 90, 98, T_OV},
	{"产出指标", "质量指标", "设备完好率", K_PCT, "", 90, 98, T_PJ},
	{"产出指标", "质量指标", "项目验收合格率", K_FULL, "", 100, 100, T_PJ},
	{"产出指标", "时效指标", "案件派遣时限", K_LE, "小时", 2, 24, T_OV},
	{"产出指标", "时效指标", "资金拨付及时率", K_PCT, "", 90, 98, T_PJ},
	{"产出指标", "时效指标", "问题处置时限", K_LE, "天", 3, 10, T_PJ},
	{"产出指标", "时效指标", "预算资金支付及时性", K_TEXT, "及时", 0, 0, T_OV},
	{"效益指标", "社会效益指标", "群众诉求办结率", K_PCT, "", 90, 98, T_OV | T_PJ},
	{"效益指标", "社会效益指标", "城市管理问题发现处置能力", K_TEXT, "明显提升", 0, 0, T_OV | T_PJ},
	{"效益指标", "社会效益指标", "事件处置率", K_PCT, "", 90, 98, T_OV},
	{"效益指标", "可持续影响指标", "网格化管理长效机制", K_TEXT, "建立健全", 0, 0, T_OV | T_PJ},
	{"满意度指标", "服务对象满意度指标", "群众满意度", K_PCT, "", 85, 95, T_OV | T_PJ},
	{"满意度指标", "服务对象满意度指标", "社区（村）满意度", K_PCT, "", 85, 95, T_OV},
};

/* One indicator's values.  met = 0 gives an actual below the target that
 * stays at or above 90 % of it (A010's threshold), a deducted score and
 * a stated reason. */
static void
ind_values(struct rng *r, struct ind *in, int b, int met)
{
	int T, a;
	const char *u = ind_bank[b].unit;
	static const char *const ge[] = {"≥", "≥", "不低于"};

	in->b = b;
	in->l1 = ind_bank[b].l1;
	in->l2 = ind_bank[b].l2;
	in->name = ind_bank[b].name;
	in->met = 1;
	in->note = NULL;
	switch (ind_bank[b].k) {
	case K_PCT:
		T = (int)rrange(r, ind_bank[b].lo, ind_bank[b].hi);
		snprintf(in->target, sizeof(in->target), "%s%d%%", RPICK(r, ge), T);
		if (met || T < 92) {
			a = (int)rrange(r, T * 10, 1000);
			if (a % 10 == 0 || rchance(r, 50))
				snprintf(in->actual, sizeof(in->actual), "%d%%", a / 10);
			else
				snprintf(in->actual, sizeof(in->actual), "%d.%d%%", a / 10,
				    a % 10);
		} else {
			a = (int)rrange(r, 910, T * 10 - 5);
			snprintf(in->actual, sizeof(in->actual), "%d.%d%%", a / 10, a % 10);
			in->met = 0;
		}
		break;
	case K_CNT:
		T = (int)rrange(r, ind_bank[b].lo, ind_bank[b].hi);
		snprintf(in->target, sizeof(in->target), "%s%d%s",
		    rchance(r, 60) ? "≥" : "不少于", T, u);
		if (met || T < 20) {
			snprintf(in->actual, sizeof(in->actual), "%d%s",
			    T + (int)rrange(r, 0, T / 4), u);
		} else {
			snprintf(in->actual, sizeof(in->actual), "%d%s",
			    (int)rrange(r, (T * 92 + 99) / 100, T - 1), u);
			in->met = 0;
		}
		break;
	case K_LE:
		T = (int)rrange(r, ind_bank[b].lo, ind_bank[b].hi);
		snprintf(in->target, sizeof(in->target), "≤%d%s", T, u);
		snprintf(in->actual, sizeof(in->actual), "%d%s",
		    (int)rrange(r, 1, T), u);
		break;
	case K_TEXT:
		snprintf(in->target, sizeof(in->target), "%s", u);
		snprintf(in->actual, sizeof(in->actual), "%s", u);
		break;
	case K_FULL:
		snprintf(in->target, sizeof(in->target), "100%%");
		snprintf(in->actual, sizeof(in->actual), "100%%");
		break;
	}
}

static const char *
grade_of(int64_t score)
{
	if (score >= 9000)
		return "优";
	if (score >= 8000)
		return "良";
	if (score >= 6000)
		return "中";
	return "差";
}

/* Indicators whose weights add up to W (hundredths), in steps of 5. */
static void
gen_indicators(struct rep *rp, int64_t W)
{
	struct rng *r = rp->r;
	int cand[NELEM(ind_bank)], nc = 0, pick[16], n, i, b;
	int64_t rest;
	int type = rp->overall ? T_OV : T_PJ;

	for (b = 0; b < (int)NELEM(ind_bank); b++)
		if (ind_bank[b].types & type)
			cand[nc++] = b;
	n = pick_k(r, nc, (int)rrange(r, 6, 10), pick);
	rp->nind = n;
	for (i = 0; i < n; i++) {
		ind_values(r, &rp->ind[i], cand[pick[i]], !rchance(r, 15));
		rp->ind[i].weight = 500;
	}
	rest = W - 500 * n;
	while (rest > 0) {
		rp->ind[rbelow(r, (uint64_t)n)].weight += 500;
		rest -= 500;
	}
	for (i = 0; i < n; i++) {
		struct ind *in = &rp->ind[i];
		if (in->met) {
			in->score = in->weight;
		} else {
			/* deduct 10-40 % of the weight, in half points */
			int64_t ded = in->weight * rrange(r, 10, 40) / 100;
			ded = ded / 50 * 50;
			if (ded < 50)
				ded = 50;
			in->score = in->weight - ded;
			in->note = RPICK(r, unmet_reasons);
		}
	}
}

/* The funds block's row 0 score: min(rate, 100 %) × weight, at two
 * decimals, rounded half-up. */
static int64_t
funds_score(int64_t rate, int64_t weight)
{
	if (rate > 10000)
		rate = 10000;
	return div_half_up(rate * weight, 10000);
}

/* Score and grade: the sum of the indicator scores (and the funds row's)
 * when there are indicators, else a stated score. */
static void
gen_score(struct rep *rp)
{
	int i;

	if (rp->nind) {
		rp->score = rp->has_funds ? rp->fscore_w : 0;
		for (i = 0; i < rp->nind; i++)
			rp->score += rp->ind[i].score;
	} else {
		rp->score = rrange(rp->r, 85, 98) * 100;
		if (rchance(rp->r, 40))
			rp->score += rrange(rp->r, 1, 9) * 10;
	}
	rp->grade = grade_of(rp->score);
}

/* A project's figures.  low = an execution rate below 90 % (A010). */
static void
gen_pj(struct rng *r, const struct unit *u, struct pj *p,
    const struct project_tpl *t, int low)
{
	int64_t rate;
	int i;

	memset(p, 0, sizeof(*p));
	p->t = t;
	p->I = rrange(r, 500, 80000); /* 5-800 万元 */
	if (rchance(r, 40))
		p->I = p->I / 100 * 100;
	p->adj = rchance(r, 45) ? p->I * rrange(r, 1, 20) / 100 : 0;
	p->A = p->I + p->adj;
	rate = low ? rrange(r, 7000, 8800) : (rchance(r, 40) ? 10000 : rrange(r, 9050, 9999));
	p->E = p->A * rate / 10000;
	p->R = rate_bp(p->E, p->A);
	p->U = p->A - p->E;
	p->F = rchance(r, 75) ? p->A : p->E + (p->A - p->E) / 2;
	p->arr = rate_bp(p->F, p->A);
	p->use = rate_bp(p->E, p->F);
	p->ncat = 0;
	while (p->ncat < 6 && t->cats[p->ncat])
		p->ncat++;
	split(r, p->A, p->ncat, 100, p->ca);
	split_under(r, p->ca, p->ncat, p->E, p->ce);
	p->nal = u->nsub;
	split(r, p->F, p->nal, 100, p->al);
	split_under(r, p->al, p->nal, p->E, p->au);
	p->alloc_fig = rchance(r, 40);
	p->alloc_balance_col = rchance(r, 50);
	p->has_survey = rchance(r, 60);
	p->sv_n = rrange(r, 40, 400);
	p->sv_m = p->sv_n - rrange(r, 0, p->sv_n / 10);
	p->sv_r = rate_bp(p->sv_m, p->sv_n);
	p->sv_sat = rrange(r, 9000, 9990);
	p->carry = rchance(r, 25) ? p->A * rrange(r, 5, 30) / 100 : 0;
	for (i = 0; i < p->nal; i++)
		if (p->al[i] <= 0)
			die("internal: empty allocation");
}

/* The overall report's figures for a unit-year whose project reports are
 * ps[0..np).  low = an execution rate below 90 % (A010). */
static void
gen_ov(struct rng *r, struct unit *u, struct ov *o, const struct pj *ps,
    int np, int low, int force_events, int force_change, int force_proc)
{
	int i, extra;
	int64_t pe, ue, s, want;
	int used[NELEM(projects)] = {0};

	memset(o, 0, sizeof(*o));
	/* 9-18 万元 a head, in cents of 万元 */
	pe = (int64_t)u->staff_act * u->head_cost * rrange(r, 95, 108) / 100 +
	    rrange(r, 0, 99);
	ue = pe * rrange(r, 5, 25) / 100;
	o->rows[0].name = "人员经费";
	o->rows[0].e = pe;
	o->rows[0].a = rchance(r, 70) ? pe : pe * 10000 / rrange(r, 9800, 9999);
	o->rows[1].name = "公用经费";
	o->rows[1].e = ue;
	o->rows[1].a = ue * 10000 / (low ? rrange(r, 6500, 8500) : rrange(r, 9100, 10000));
	if (o->rows[1].a < ue)
		o->rows[1].a = ue;
	if (low)
		o->rows[0].a = pe * 10000 / rrange(r, 7000, 8500);
	o->nrows = 2;
	for (i = 0; i < np; i++) {
		struct row *w = &o->rows[o->nrows++];
		w->name = ps[i].t->name;
		w->t = ps[i].t;
		w->i = ps[i].I;
		w->a = ps[i].A;
		w->e = ps[i].E;
		used[ps[i].t - projects] = 1;
	}
	extra = np == 0 ? (int)rrange(r, 1, 3) : (int)rrange(r, 0, 2);
	if (extra > (int)NELEM(projects) - np)
		extra = (int)NELEM(projects) - np;
	for (i = 0; i < extra; i++) {
		struct row *w = &o->rows[o->nrows];
		int k = (int)rbelow(r, NELEM(projects));
		while (used[k])
			k = (k + 1) % (int)NELEM(projects);
		used[k] = 1;
		w->name = projects[k].name;
		w->t = &projects[k];
		w->e = rrange(r, 300, 30000);
		w->a = w->e * 10000 / (low ? rrange(r, 6000, 8500) : rrange(r, 9100, 10000));
		if (w->a < w->e)
			w->a = w->e;
		w->i = w->a;
		o->nrows++;
	}
	o->nproj_rows = o->nrows - 2;
	for (i = 0; i < 2; i++)
		o->rows[i].i = rchance(r, 60) ? o->rows[i].a :
		    o->rows[i].a * rrange(r, 85, 105) / 100;
	for (i = 2 + np; i < o->nrows; i++)
		if (rchance(r, 40))
			o->rows[i].i = o->rows[i].a * rrange(r, 80, 100) / 100;
	for (i = 0; i < o->nrows; i++) {
		o->I += o->rows[i].i;
		o->A += o->rows[i].a;
		o->E += o->rows[i].e;
	}
	{
		/* a project of the unit-year executed below 90 % (an injected
		 * A010) must not drag the whole, or its project part, below
		 * 90 %: add a fully executed row when needed */
		int64_t pa = 0, pe2 = 0, x = 0, x1, x2;
		for (i = 2; i < o->nrows; i++) {
			pa += o->rows[i].a;
			pe2 += o->rows[i].e;
		}
		x1 = (o->A * 9150 - o->E * 10000) / 850 + 1;
		x2 = (pa * 9150 - pe2 * 10000) / 850 + 1;
		if (!low && o->E * 10000 < o->A * 9100)
			x = x1;
		if (!low && pe2 * 10000 < pa * 9100 && x2 > x)
			x = x2;
		if (x > 0 && o->nrows < 24) {
			struct row *w = &o->rows[o->nrows++];
			w->name = other_project.name;
			w->t = &other_project;
			w->i = w->a = w->e = x;
			o->I += x;
			o->A += x;
			o->E += x;
			o->nproj_rows++;
		}
	}
	if (low) {
		/* make sure the whole is below 90 %, whatever the projects do */
		want = o->E * 10000 / 8800 + 1;
		if (o->A < want) {
			int64_t d = want - o->A;
			o->rows[1].a += d;
			o->rows[1].i += d;
			o->A += d;
			o->I += d;
		}
	}
	o->R = rate_bp(o->E, o->A);
	o->unspent = o->A - o->E;
	o->basic = pe + ue;
	o->project = o->E - o->basic;
	o->basic_share = rate_bp(o->basic, o->E);
	o->project_share = rate_bp(o->project, o->E);
	o->basic_rate = rate_bp(o->basic, o->rows[0].a + o->rows[1].a);
	s = 0;
	for (i = 2; i < o->nrows; i++)
		s += o->rows[i].a;
	o->project_rate = rate_bp(o->project, s);
	o->rev_other = rchance(r, 40) ? o->A * rrange(r, 2, 15) / 100 : 0;
	o->rev_fiscal = o->A - o->rev_other;

	/* last year: the unit's previous report if there was one */
	o->prev = u->prev_total ? u->prev_total : o->E * rrange(r, 70, 125) / 100;
	o->change = o->E - o->prev;
	if (o->change == 0 && force_change) {
		o->prev -= 100;
		o->change = 100;
	}
	o->has_change = force_change || rchance(r, 55);
	if (o->change == 0)
		o->has_change = 0;
	o->growth = rate_bp(o->change < 0 ? -o->change : o->change, o->prev);

	o->has_tp = rchance(r, 75);
	o->tp_b = rrange(r, 40, 1500);
	o->tp_a = o->tp_b * rrange(r, 90, 100) / 100;
	o->tp_s = o->tp_b - o->tp_a;
	o->tp_r = rate_bp(o->tp_a, o->tp_b);
	o->has_proc = force_proc || rchance(r, 70);
	o->proc = rrange(r, 30, o->E / 5 > 40 ? o->E / 5 : 40);
	o->has_assets = rchance(r, 75);
	o->as_t = o->E * rrange(r, 15, 140) / 100 + rrange(r, 0, 99);
	o->as_c = o->as_t * rrange(r, 1500, 8000) / 10000;
	o->as_f = o->as_t - o->as_c;
	o->as_cs = rate_bp(o->as_c, o->as_t);
	o->as_fs = rate_bp(o->as_f, o->as_t);

	o->filed = rrange(r, 2000, 100000) * u->cases_scale;
	o->closed = o->filed - rrange(r, 0, o->filed * 3 / 100);
	o->crate = rate_bp(o->closed, o->filed);
	split(r, o->filed, u->nsub, 50, o->sf);
	{
		int64_t open[10], gap = o->filed - o->closed;
		for (i = 0; i < u->nsub; i++)
			open[i] = 0;
		while (gap > 0) {
			int k = (int)rbelow(r, (uint64_t)u->nsub);
			int64_t t = gap < 50 ? gap : rrange(r, 1, gap);
			if (t > o->sf[k] - open[k])
				t = o->sf[k] - open[k];
			open[k] += t;
			gap -= t;
		}
		for (i = 0; i < u->nsub; i++)
			o->sc[i] = o->sf[i] - open[i];
	}
	o->has_events = force_events || rchance(r, u->hunan ? 70 : 25);
	o->ev_rep = rrange(r, 5000, 150000);
	o->ev_arc = o->ev_rep - rrange(r, 0, o->ev_rep / 100);
	o->ev_rate = rate_bp(o->ev_arc, o->ev_rep);
	o->has_hotline = rchance(r, u->hunan ? 20 : 55);
	o->hl_rec = rrange(r, 300, 9000);
	o->hl_hd = rchance(r, 50) ? o->hl_rec : o->hl_rec - rrange(r, 1, o->hl_rec / 50 + 1);
	o->hl_rate = rate_bp(o->hl_hd, o->hl_rec);
	o->has_grids = rchance(r, u->hunan ? 75 : 35);
	o->gr_u = rrange(r, 20, 400);
	o->gr_r = rrange(r, 0, 1500);
	o->gr_t = o->gr_u + o->gr_r;
	o->train_s = rrange(r, 6, 40);
	o->train_p = o->train_s * rrange(r, 20, 90);
}

/* The funds block (自评表 资金一栏): row 0 is the total of the others. */
static void
gen_funds_ov(struct rep *rp, const struct ov *o)
{
	struct fundrow *f = rp->fr;

	f[0].source = "年度资金总额";
	f[0].i = o->I;
	f[0].a = o->A;
	f[0].e = o->E;
	rp->nfr = 2;
	f[1].source = "财政拨款";
	f[1].a = o->rev_fiscal;
	f[1].i = o->rev_other ? o->I * o->rev_fiscal / o->A : o->I;
	f[1].e = o->rev_other ? o->rev_fiscal * o->E / o->A : o->E;
	if (o->rev_other) {
		rp->nfr = 3;
		f[2].source = "其他资金";
		f[2].a = o->rev_other;
		f[2].i = o->I - f[1].i;
		f[2].e = (o->E * o->rev_other + o->A - 1) / o->A;
		if (f[2].e > f[2].a)
			f[2].e = f[2].a;
		f[1].e = o->E - f[2].e;
	}
	for (int i = 0; i < rp->nfr; i++)
		f[i].rate = rate_bp(f[i].e, f[i].a);
	rp->fweight = 1000;
	rp->fscore = funds_score(f[0].rate, rp->fweight);
}

static void
gen_funds_pj(struct rep *rp, const struct pj *p)
{
	struct fundrow *f = rp->fr;

	f[0].source = "年度资金总额";
	f[0].i = p->I;
	f[0].a = p->A;
	f[0].e = p->E;
	rp->nfr = 2;
	f[1].source = "当年财政拨款";
	f[1].a = p->A - p->carry;
	f[1].i = p->carry ? p->I - p->I * p->carry / p->A : p->I;
	f[1].e = p->carry ? p->E - p->E * p->carry / p->A : p->E;
	if (p->carry) {
		rp->nfr = 3;
		f[2].source = "上年结转资金";
		f[2].a = p->carry;
		f[2].i = p->I - f[1].i;
		/* round the small row's share up, so that its rate does not
		 * fall below the whole's */
		f[2].e = (p->E * p->carry + p->A - 1) / p->A;
		if (f[2].e > f[2].a)
			f[2].e = f[2].a;
		f[1].e = p->E - f[2].e;
	}
	for (int i = 0; i < rp->nfr; i++)
		f[i].rate = rate_bp(f[i].e, f[i].a);
	rp->fweight = 1000;
	rp->fscore = funds_score(f[0].rate, rp->fweight);
}

/* ======================================================================
 * Front matter
 * ==================================================================== */

static const char *const evaluators[] = {
	"云南恒信会计师事务所有限公司", "昆明明德会计师事务所有限公司",
	"湖南正衡会计师事务所有限公司", "永州中和会计师事务所有限公司",
};

/* A money figure; bad != 0 writes it off by bad cents (an injection). */
static void
y_money(struct doc *d, int ind, const char *key, int64_t c)
{
	bprintf(cur(d), "%*s%s: %s\n", ind, "", key, fmt_money(c, d->rp->drop));
}

static void
y_rate(struct doc *d, int ind, const char *key, int64_t bp)
{
	bprintf(cur(d), "%*s%s: \"%s%%\"\n", ind, "", key,
	    fmt_rate(bp, d->rp->drop));
}

static void
y_int(struct doc *d, int ind, const char *key, int64_t v)
{
	bprintf(cur(d), "%*s%s: %lld\n", ind, "", key, (long long)v);
}

static void
y_key(struct doc *d, int ind, const char *key)
{
	bprintf(cur(d), "%*s%s:\n", ind, "", key);
}

/* A money amount that tally must see as wrong: off by 1.00-9.99 万元. */
static int64_t
bad_delta(struct rng *r)
{
	return (rchance(r, 50) ? 1 : -1) * rrange(r, 100, 999);
}

static void
fm_head(struct doc *d, const char *type)
{
	struct rep *rp = d->rp;
	const struct unit *u = rp->u;
	struct buf *b = cur(d);
	int ty = rp->year;

	bprintf(b, "---\ntype: %s\n", type);
	if (rp->inj == I_M003) {
		ty = rp->year - 1;
		mark(d, "title states %d, year: is %d", ty, rp->year);
	}
	if (rp->overall) {
		if (rp->variant & 4)
			bprintf(b, "title: %d年度%s整体支出绩效评价报告\n", ty, u->shortn);
		else
			bprintf(b, "title: %s%d年度部门整体支出绩效自评报告\n", u->name, ty);
	} else {
		if (rp->variant & 4)
			bprintf(b, "title: %d年%s项目支出绩效评价报告\n", ty, rp->p->t->name);
		else
			bprintf(b, "title: %s%d年度%s项目支出绩效自评报告\n", u->name, ty,
			    rp->p->t->name);
	}
	bprintf(b, "year: %d\n", rp->year);
	if (rp->inj == I_M001) {
		mark(d, "published: omitted");
		rp->rec.line = 1;
	} else {
		bprintf(b, "published: %d-%02d-%02d\n", rp->year + 1, rp->pm, rp->pd);
	}
	if (rp->inj == I_M002) {
		mark(d, "money_unit: 千元 is not 元/万元/亿元");
		bputs(cur(d), "money_unit: 千元\n");
	} else {
		bprintf(b, "money_unit: %s\n", rp->yuan ? "元" : "万元");
	}
	if (!rp->overall)
		bprintf(b, "project: %s\n", rp->p->t->name);
	if (rp->inj == I_F003) {
		mark(d, "misspelt key evalutor (evaluator)");
		bprintf(cur(d), "evalutor: %s\n", RPICK(rp->r, evaluators));
	} else if (!rp->overall && (rp->variant & 8)) {
		bprintf(b, "evaluator: %s\n", evaluators[rp->u->idx % NELEM(evaluators)]);
	}
	if (rp->inj == I_A004) {
		int64_t s = rp->score, dlt = rrange(rp->r, 1, 3) * 100;
		s = (s + dlt <= 10000 && grade_of(s + dlt) == rp->grade) ? s + dlt : s - dlt;
		mark(d, "score %s but the indicator scores add up to %s",
		    fmt_score(s), fmt_score(rp->score));
		bprintf(cur(d), "score: %s\n", fmt_score(s));
	} else {
		bprintf(b, "score: %s\n", fmt_score(rp->score));
	}
	if (rp->inj == I_A007) {
		const char *g = strcmp(rp->grade, "优") == 0 ? "良" : "优";
		mark(d, "grade %s but score %s is %s", g, fmt_score(rp->score),
		    rp->grade);
		bprintf(cur(d), "grade: %s\n", g);
	} else {
		bprintf(b, "grade: %s\n", rp->grade);
	}
}

static void
fm_tail(struct doc *d)
{
	struct rep *rp = d->rp;
	int i;

	if (rp->has_funds) {
		y_key(d, 0, "funds");
		for (i = 0; i < rp->nfr; i++) {
			const struct fundrow *f = &rp->fr[i];
			bprintf(cur(d), "  - source: %s\n", f->source);
			y_money(d, 4, "initial", f->i);
			y_money(d, 4, "adjusted", f->a);
			y_money(d, 4, "executed", f->e);
			if (i == 0)
				y_int(d, 4, "weight", rp->fweight / 100);
			y_rate(d, 4, "rate", f->rate);
			if (i == 0) {
				if (rp->inj == I_A012)
					mark(d, "funds score %s ≠ min(%s%%, 100%%) × %lld = %s "
					    "(score: counts it)", fmt_score(rp->fscore_w),
					    RT(f->rate), (long long)(rp->fweight / 100),
					    fmt_score(rp->fscore));
				bprintf(cur(d), "    score: %s\n", fmt_score(rp->fscore_w));
			}
		}
	}
	if (rp->nind) {
		if (rp->inj == I_A006)
			mark(d, "indicator weights add up to %s, not 100 (the first "
			    "written 5 above its score's scale)",
			    rp->has_funds ? "95 + funds 10" : "105");
		y_key(d, 0, "indicators");
		for (i = 0; i < rp->nind; i++) {
			const struct ind *in = &rp->ind[i];
			int64_t w = in->weight, sc = in->score;
			bprintf(cur(d), "  - level1: %s\n    level2: %s\n    name: %s\n",
			    in->l1, in->l2, in->name);
			bprintf(cur(d), "    target: \"%s\"\n    actual: \"%s\"\n",
			    in->target, in->actual);
			if (rp->inj == I_A006 && i == 0)
				w += 500;
			bprintf(cur(d), "    weight: %s\n", fmt_score(w));
			if (rp->inj == I_A005 && sc > w)
				mark(d, "indicator %s scores %s above its weight %s",
				    in->name, fmt_score(sc), fmt_score(w));
			if (rp->inj == I_A011 && !in->met && in->score == in->weight)
				mark(d, "indicator %s: actual %s misses target %s, full marks %s",
				    in->name, in->actual, in->target, fmt_score(sc));
			bprintf(cur(d), "    score: %s\n", fmt_score(sc));
			if (in->note)
				bprintf(cur(d), "    note: %s\n", in->note);
		}
	}
	bputs(cur(d), "---\n\n");
}

static void
fm_overall(struct doc *d)
{
	struct rep *rp = d->rp;
	const struct ov *o = rp->o;
	struct rng *r = rp->r;

	fm_head(d, "department-overall");
	y_key(d, 0, "figures");
	y_key(d, 2, "expenditure");
	y_money(d, 4, "total", o->E);
	if (o->has_change && o->change > 0)
		bputs(cur(d), "    parts: [basic, project]\n");
	y_key(d, 4, "basic");
	if (rp->inj == I_A001) {
		int64_t bad = o->rows[0].e + bad_delta(r);
		mark(d, "figures.expenditure.basic: total %s ≠ personnel %s + public %s "
		    "(personnel miscopied, was %s) [also P002: the prose states %s]",
		    M(o->basic), M(bad), M(o->rows[1].e), M(o->rows[0].e),
		    M(o->rows[0].e));
		y_money(d, 6, "total", o->basic);
		y_money(d, 6, "personnel", bad);
	} else {
		y_money(d, 6, "total", o->basic);
		y_money(d, 6, "personnel", o->rows[0].e);
	}
	y_money(d, 6, "public", o->rows[1].e);
	y_money(d, 4, "project", o->project);
	y_rate(d, 4, "basic_share", o->basic_share);
	y_rate(d, 4, "project_share", o->project_share);
	if (o->has_change && o->change > 0) {
		y_key(d, 4, "change");
		y_money(d, 6, "amount", o->change);
		y_rate(d, 6, "rate", o->growth);
	}
	y_key(d, 2, "revenue");
	y_money(d, 4, "total", o->A);
	y_money(d, 4, "fiscal", o->rev_fiscal);
	if (o->rev_other)
		y_money(d, 4, "other", o->rev_other);
	y_key(d, 2, "budget");
	y_money(d, 4, "initial", o->I);
	y_money(d, 4, "adjusted", o->A);
	y_money(d, 4, "executed", o->E);
	if (rp->inj == I_A010)
		mark(d, "execution rate %s%% below 90%% and no reason stated", RT(o->R));
	y_rate(d, 4, "execution_rate", o->R);
	if (rp->inj == I_A003) {
		int64_t bad = o->unspent + (o->unspent > 1000 ? bad_delta(r) : rrange(r, 100, 999));
		mark(d, "unspent %s ≠ %s − %s = %s [also P002: the prose states %s]",
		    M(bad), M(o->A), M(o->E), M(o->unspent), M(o->unspent));
		y_money(d, 4, "unspent", bad);
	} else {
		y_money(d, 4, "unspent", o->unspent);
	}
	y_rate(d, 4, "basic_execution_rate", o->basic_rate);
	y_rate(d, 4, "project_execution_rate", o->project_rate);
	if (o->has_tp) {
		y_key(d, 2, "three_public");
		y_money(d, 4, "budget", o->tp_b);
		y_money(d, 4, "actual", o->tp_a);
		y_money(d, 4, "saved", o->tp_s);
		y_rate(d, 4, "completion_rate", o->tp_r);
	}
	if (o->has_proc)
		y_money(d, 2, "procurement", o->proc);
	if (o->has_assets) {
		y_key(d, 2, "assets");
		y_money(d, 4, "total", o->as_t);
		y_money(d, 4, "current", o->as_c);
		y_money(d, 4, "fixed", o->as_f);
		y_rate(d, 4, "current_share", o->as_cs);
		y_rate(d, 4, "fixed_share", o->as_fs);
	}
	y_key(d, 2, "staff");
	y_int(d, 4, "authorized", rp->u->staff_auth);
	y_int(d, 4, "actual", rp->u->staff_act);
	if (o->has_grids) {
		y_key(d, 2, "grids");
		y_int(d, 4, "total", o->gr_t);
		y_int(d, 4, "urban", o->gr_u);
		y_int(d, 4, "rural", o->gr_r);
	}
	y_key(d, 2, "cases");
	y_int(d, 4, "filed", o->filed);
	y_int(d, 4, "closed", o->closed);
	if (rp->inj == I_A002) {
		const char *how;
		int64_t bad = wrong_rate(r, o->closed, 0, o->filed, 0, &how);
		mark(d, "closure_rate %s%% ≠ %lld ÷ %lld = %s%% (%s) [also P002: "
		    "the prose states %s%%]", RT(bad), (long long)o->closed,
		    (long long)o->filed, RT(o->crate), how, RT(o->crate));
		bprintf(cur(d), "    closure_rate: \"%s%%\"\n", RT(bad));
	} else {
		y_rate(d, 4, "closure_rate", o->crate);
	}
	if (rp->inj == I_A008) {
		y_key(d, 2, "events");
		y_int(d, 4, "reported", 0);
		y_int(d, 4, "archived", 0);
		mark(d, "archive_rate of 0 archived ÷ 0 reported");
		bputs(cur(d), "    archive_rate: \"0%\"\n");
	} else if (o->has_events) {
		y_key(d, 2, "events");
		y_int(d, 4, "reported", o->ev_rep);
		y_int(d, 4, "archived", o->ev_arc);
		y_rate(d, 4, "archive_rate", o->ev_rate);
	}
	if (o->has_hotline) {
		y_key(d, 2, "hotline");
		y_int(d, 4, "received", o->hl_rec);
		y_int(d, 4, "handled", o->hl_hd);
		y_rate(d, 4, "handling_rate", o->hl_rate);
		bputs(cur(d), "checks:\n  - id: hotline-handling-rate\n"
		    "    ratio: [figures.hotline.handled, figures.hotline.received]\n"
		    "    equals: figures.hotline.handling_rate\n");
	}
	fm_tail(d);
}

static void
fm_project(struct doc *d)
{
	struct rep *rp = d->rp;
	const struct pj *p = rp->p;
	const struct unit *u = rp->u;
	struct rng *r = rp->r;
	int i;

	fm_head(d, "project");
	y_key(d, 0, "figures");
	y_key(d, 2, "budget");
	y_money(d, 4, "initial", p->I);
	if (p->adj)
		y_money(d, 4, "adjustment", p->adj);
	y_money(d, 4, "adjusted", p->A);
	y_money(d, 4, "executed", p->E);
	if (rp->inj == I_A002) {
		const char *how;
		int64_t bad = wrong_rate(r, p->E, 1, p->A, 1, &how);
		mark(d, "execution_rate %s%% ≠ %s ÷ %s = %s%% (%s) [also P002: the "
		    "prose states %s%%]", RT(bad), M(p->E), M(p->A), RT(p->R), how,
		    RT(p->R));
		bprintf(cur(d), "    execution_rate: \"%s%%\"\n", RT(bad));
	} else {
		if (rp->inj == I_A010)
			mark(d, "execution rate %s%% below 90%% and no reason stated",
			    RT(p->R));
		y_rate(d, 4, "execution_rate", p->R);
	}
	if (rp->inj == I_A003) {
		int64_t bad = p->U + (p->U > 1000 ? bad_delta(r) : rrange(r, 100, 999));
		mark(d, "unspent %s ≠ %s − %s = %s [also P002: the prose states %s]",
		    M(bad), M(p->A), M(p->E), M(p->U), M(p->U));
		y_money(d, 4, "unspent", bad);
	} else {
		y_money(d, 4, "unspent", p->U);
	}
	y_money(d, 2, "funds_received", p->F);
	y_rate(d, 2, "arrival_rate", p->arr);
	y_money(d, 2, "funds_used", p->E);
	y_rate(d, 2, "use_rate", p->use);
	if (p->alloc_fig) {
		y_key(d, 2, "allocation");
		if (rp->inj == I_A001) {
			int64_t bad = p->F + bad_delta(r);
			mark(d, "figures.allocation: the parts add up to %s, total %s",
			    M(p->F), M(bad));
			y_money(d, 4, "total", bad);
		} else {
			y_money(d, 4, "total", p->F);
		}
		for (i = 0; i < p->nal; i++)
			y_money(d, 4, u->sub[i]->py, p->al[i]);
	}
	if (p->has_survey) {
		y_key(d, 2, "surveys");
		y_int(d, 4, "issued", p->sv_n);
		y_int(d, 4, "returned", p->sv_m);
		y_rate(d, 4, "return_rate", p->sv_r);
		y_rate(d, 4, "satisfaction", p->sv_sat);
		bputs(cur(d), "checks:\n  - id: survey-return-rate\n"
		    "    ratio: [figures.surveys.returned, figures.surveys.issued]\n"
		    "    equals: figures.surveys.return_rate\n");
	}
	fm_tail(d);
}

/* ======================================================================
 * Tables
 * ==================================================================== */

static const char *
mu(const struct doc *d)
{
	return d->rp->yuan ? "元" : "万元";
}

/* The total row's first cells: "| 合计 |  |" or "|  | 合  计 |". */
static void
total_cells(struct doc *d, int seqcol, int style)
{
	if (!seqcol)
		bputs(cur(d), style ? "| 合  计 |" : "| 合计 |");
	else
		bputs(cur(d), style ? "|  | 合  计 |" : "| 合计 |  |");
}

/* A funds table: rows of {name, i, a, e}, a 合计 row, and a rate column
 * (执行率 = 全年执行数 ÷ 全年预算数).  with_i = a 年初预算数 column. */
static void
table_funds(struct doc *d, const char *col0, const char *ci, const char *ca,
    const char *ce, const char *cr, const struct row *rows, int n, int with_i)
{
	struct rep *rp = d->rp;
	struct rng *r = rp->r;
	int seqcol = rp->variant & 1, style = (rp->variant >> 1) & 1, i;
	int bad_row = -1;
	int64_t I = 0, A = 0, E = 0;

	if (rp->inj == I_T002 && !(rp->variant & 16)) {
		/* the largest row: wrong_rate() makes sure the error shows */
		for (i = 0; i < n; i++)
			if (rows[i].e > 0 && (bad_row < 0 || rows[i].a > rows[bad_row].a))
				bad_row = i;
	}
	bprintf(cur(d), "单位：%s\n\n", mu(d));
	if (seqcol)
		bputs(cur(d), "| 序号 ");
	bprintf(cur(d), "| %s |", col0);
	if (with_i)
		bprintf(cur(d), " %s |", ci);
	bprintf(cur(d), " %s | %s | %s |\n", ca, ce, cr);
	bputs(cur(d), seqcol ? "|---|---|" : "|---|");
	bputs(cur(d), with_i ? "---|---|---|---|\n" : "---|---|---|\n");
	for (i = 0; i < n; i++) {
		int64_t rate = rate_bp(rows[i].e, rows[i].a);
		if (seqcol)
			bprintf(cur(d), "| %d ", i + 1);
		bprintf(cur(d), "| %s |", rows[i].name);
		if (with_i)
			bprintf(cur(d), " %s |", M(rows[i].i));
		if (i == bad_row) {
			const char *how;
			int64_t bad = wrong_rate(r, rows[i].e, 1, rows[i].a, 1, &how);
			mark(d, "table row %s: %s%% ≠ %s ÷ %s = %s%% (%s)", rows[i].name,
			    RT(bad), M(rows[i].e), M(rows[i].a), RT(rate), how);
			rate = bad;
		}
		bprintf(cur(d), " %s | %s | %s%% |\n", M(rows[i].a), M(rows[i].e),
		    RT(rate));
		I += rows[i].i;
		A += rows[i].a;
		E += rows[i].e;
	}
	total_cells(d, seqcol, style);
	if (with_i) {
		if (rp->inj == I_T001) {
			int64_t bad = I + bad_delta(r);
			mark(d, "合计 row, column %s: %s ≠ sum of the rows %s", ci,
			    M(bad), M(I));
			I = bad;
		}
		bprintf(cur(d), " %s |", M(I));
	}
	if (rp->inj == I_T001 && !with_i) {
		int64_t bad = A + bad_delta(r);
		mark(d, "合计 row, column %s: %s ≠ sum of the rows %s", ca, M(bad),
		    M(A));
		A = bad;
	}
	bprintf(cur(d), " %s | %s | %s%% |\n\n", M(A), M(E), RT(rate_bp(E, A)));
}

/* The cases table of an overall report: 立案数, 结案数, 结案率 by street. */
static void
table_cases(struct doc *d, const struct ov *o)
{
	const struct unit *u = d->rp->u;
	int seqcol = d->rp->variant & 1, style = (d->rp->variant >> 1) & 1, i;

	bprintf(cur(d), "%s| %s | 立案数（件） | 结案数（件） | 结案率 |\n",
	    seqcol ? "| 序号 " : "", u->subsuffix);
	bputs(cur(d), seqcol ? "|---|---|---|---|---|\n" : "|---|---|---|---|\n");
	for (i = 0; i < u->nsub; i++) {
		if (seqcol)
			bprintf(cur(d), "| %d ", i + 1);
		bprintf(cur(d), "| %s%s | %lld | %lld | %s%% |\n", u->sub[i]->name,
		    u->subsuffix, (long long)o->sf[i], (long long)o->sc[i],
		    RT(rate_bp(o->sc[i], o->sf[i])));
	}
	total_cells(d, seqcol, style);
	bprintf(cur(d), " %lld | %lld | %s%% |\n\n", (long long)o->filed,
	    (long long)o->closed, RT(o->crate));
}

/* A project's allocation table: 拨付资金, [年末结余,] 实际使用资金,
 * 资金使用率 by street (the rate of non-adjacent columns, as in the
 * sample corpus). */
static void
table_alloc(struct doc *d, const struct pj *p)
{
	const struct unit *u = d->rp->u;
	struct rng *r = d->rp->r;
	int seqcol = d->rp->variant & 1, style = (d->rp->variant >> 1) & 1, i;
	int bal = p->alloc_balance_col, bad_row = -1;

	if (d->rp->inj == I_T002 && (d->rp->variant & 16)) {
		for (i = 0; i < p->nal; i++)
			if (p->au[i] > 0 && (bad_row < 0 || p->al[i] > p->al[bad_row]))
				bad_row = i;
	}
	bprintf(cur(d), "单位：%s\n\n", mu(d));
	bprintf(cur(d), "%s| %s | 实际拨付资金 |%s 实际使用资金 | 资金使用率 |\n",
	    seqcol ? "| 序号 " : "", u->subsuffix, bal ? " 年末结余 |" : "");
	bputs(cur(d), seqcol ? "|---|---|---|---|" : "|---|---|---|");
	bputs(cur(d), bal ? "---|---|\n" : "---|\n");
	for (i = 0; i < p->nal; i++) {
		int64_t rate = rate_bp(p->au[i], p->al[i]), left = p->al[i] - p->au[i];
		if (seqcol)
			bprintf(cur(d), "| %d ", i + 1);
		bprintf(cur(d), "| %s%s | %s |", u->sub[i]->name, u->subsuffix,
		    M(p->al[i]));
		if (bal)
			bprintf(cur(d), " %s |", left ? M(left) : "-");
		if (i == bad_row) {
			const char *how;
			int64_t bad = wrong_rate(r, p->au[i], 1, p->al[i], 1, &how);
			mark(d, "table row %s%s: %s%% ≠ %s ÷ %s = %s%% (%s)",
			    u->sub[i]->name, u->subsuffix, RT(bad), M(p->au[i]),
			    M(p->al[i]), RT(rate), how);
			rate = bad;
		}
		bprintf(cur(d), " %s | %s%% |\n", M(p->au[i]), RT(rate));
	}
	total_cells(d, seqcol, style);
	bprintf(cur(d), " %s |", M(p->F));
	if (bal)
		bprintf(cur(d), " %s |", p->F - p->E ? M(p->F - p->E) : "-");
	bprintf(cur(d), " %s | %s%% |\n\n", M(p->E), RT(p->use));
}

/* ======================================================================
 * Bodies
 * ==================================================================== */

/* Money in prose: the report's own habit of dropping zeros. */
static const char *
PM(const struct doc *d, int64_t c)
{
	return fmt_money(c, d->rp->pdrop);
}

static void
intro(struct doc *d, const char *what)
{
	struct rep *rp = d->rp;
	const struct unit *u = rp->u;
	struct rng *r = rp->r;

	if (rchance(r, 60)) {
		if (rchance(r, 50))
			tpl(d, "{F}：\n\n");
		else
			tpl(d, "{Dk}人大财经委、{F}：\n\n");
	}
	tpl(d, "根据《{C}{D}财政局关于开展{Y}年度{Dk}级预算支出绩效自评工作的通知》");
	bprintf(cur(d), "（%s财绩〔%d〕%d号）", u->rg->abbr, rp->year + 1,
	    (int)rrange(r, 2, 60));
	if (!rp->overall && (rp->variant & 8)) {
		bprintf(cur(d), "，受%s财政局委托，%s于%d年%d月对%s", u->rg->district,
		    evaluators[u->idx % NELEM(evaluators)], rp->year + 1,
		    rp->pm > 2 ? rp->pm - 1 : 1, u->name);
		tpl(d, "组织实施的{P}项目开展绩效评价。现将评价情况报告如下：\n\n");
		return;
	}
	tpl(d, "文件要求，{N}（以下简称{U}）认真开展");
	tpl(d, what);
	tpl(d, "绩效自评工作。现将自评情况报告如下：\n\n");
}

static void
signature(struct doc *d)
{
	struct rep *rp = d->rp;

	bprintf(cur(d), "%s\n\n%d年%d月%d日\n", rp->u->shortn, rp->year + 1, rp->pm,
	    rp->pd);
}

/* Money and rate sentences: each writes figures that agree with the
 * front matter; the P and N injections change one number here. */

static void
s_budget(struct doc *d, int64_t A, int64_t E, int64_t R)
{
	struct rep *rp = d->rp;

	if (rp->inj == I_N001_PCT) {
		mark(d, "doubled percent sign %s%%%% in prose", RT(R));
		bprintf(cur(d), "全年预算数%s%s，全年执行数%s%s，预算执行率为%s%%%%。",
		    PM(d, A), mu(d), PM(d, E), mu(d), RT(R));
		return;
	}
	bprintf(cur(d), "全年预算数%s%s，全年执行数%s%s，预算执行率为%s%%。",
	    PM(d, A), mu(d), PM(d, E), mu(d), RT(R));
}

static void
s_shares(struct doc *d, const struct ov *o)
{
	struct rep *rp = d->rp;

	if (rp->inj == I_N001_UNIT) {
		mark(d, "percentage followed by a money unit: %s%%万元",
		    RT(o->project_share));
		bprintf(cur(d), "基本支出占总支出的%s%%，项目支出占总支出的%s%%万元。",
		    RT(o->basic_share), RT(o->project_share));
		return;
	}
	bprintf(cur(d), "基本支出占总支出的%s%%，项目支出占总支出的%s%%。",
	    RT(o->basic_share), RT(o->project_share));
}

static void
s_change(struct doc *d, const struct ov *o)
{
	struct rep *rp = d->rp;
	int64_t g = o->growth;

	if (!o->has_change)
		return;
	if (rp->inj == I_P003) {
		/* the classic slip: divided by this year's figure; when that
		 * does not show (a small change), a miscopied rate */
		int64_t ch = o->change < 0 ? -o->change : o->change;
		const char *how = "divided by this year's figure";
		g = rate_bp(ch, o->E);
		if (ratio_overlaps(ch, 1, o->prev, 1, g, 1))
			g = wrong_rate(rp->r, ch, 1, o->prev, 1, &how);
		mark(d, "growth %s%% ≠ change %s ÷ last year %s = %s%% (%s)", RT(g),
		    PM(d, ch), PM(d, o->prev), RT(o->growth), how);
	}
	bprintf(cur(d), "部门支出总计%s%s，", PM(d, o->E), mu(d));
	if (o->change > 0)
		bprintf(cur(d), "较上年增加%s%s，增长%s%%。", PM(d, o->change), mu(d),
		    RT(g));
	else
		bprintf(cur(d), "较上年减少%s%s，下降%s%%。", PM(d, -o->change), mu(d),
		    RT(g));
}

static void
s_three_public(struct doc *d, const struct ov *o)
{
	if (!o->has_tp)
		return;
	tpl(d, "{Y}年“三公”经费年初预算");
	if (o->tp_s)
		bprintf(cur(d), "%s%s，决算支出%s%s，较预算减少%s%s，完成预算的%s%%。",
		    PM(d, o->tp_b), mu(d), PM(d, o->tp_a), mu(d), PM(d, o->tp_s),
		    mu(d), RT(o->tp_r));
	else
		bprintf(cur(d), "%s%s，决算支出%s%s，完成预算的%s%%。", PM(d, o->tp_b),
		    mu(d), PM(d, o->tp_a), mu(d), RT(o->tp_r));
	tpl(d, "主要原因是严格落实中央八项规定精神，从严控制公务接待和公务用车支出。\n\n");
}

static void
s_cases(struct doc *d, const struct ov *o, int paren, int n)
{
	struct rep *rp = d->rp;
	int64_t rate = o->crate;

	if (paren)
		bprintf(cur(d), "（%d）", n);
	else
		bprintf(cur(d), "%d%s", n, rp->seq_dot ? "." : "、");
	if (rp->inj == I_P001) {
		const char *how;
		rate = wrong_rate(rp->r, o->closed, 0, o->filed, 0, &how);
		mark(d, "prose: 结案率 %s%% ≠ %lld ÷ %lld = %s%% (%s) [also P002: "
		    "figures state %s%%]", RT(rate), (long long)o->closed,
		    (long long)o->filed, RT(o->crate), how, RT(o->crate));
	}
	if (rp->u->org == ORG_STREET)
		tpl(d, "{Y}年，{U}辖区共计立案");
	else
		tpl(d, "{Y}年，全{Dk}共计立案");
	bprintf(cur(d), "%lld件，结案%lld件，结案率达%s%%。各%s案件办理情况如下表：\n\n",
	    (long long)o->filed, (long long)o->closed, RT(rate), rp->u->subsuffix);
	table_cases(d, o);
}

/* Numbered stat paragraphs (events, hotline, grids, training); returns the
 * next number. */
static int
s_stats(struct doc *d, const struct ov *o, int paren, int n)
{
	struct rep *rp = d->rp;
	const char *sep = rp->seq_dot ? "." : "、";

#define NUM() (paren ? bprintf(cur(d), "（%d）", n++) : bprintf(cur(d), "%d%s", n++, sep))
	if (o->has_events && rp->inj != I_A008) {
		NUM();
		bprintf(cur(d), "依托社会治理综合平台，全年网格事件上报%lld件，归档%lld件，归档率%s%%。\n\n",
		    (long long)o->ev_rep, (long long)o->ev_arc, RT(o->ev_rate));
	}
	if (o->has_hotline) {
		NUM();
		tpl(d, "{Y}年，共接到上级直派的“接诉即办”案件");
		bprintf(cur(d), "%lld件，有效处置%lld件，处置率为%s%%。\n\n",
		    (long long)o->hl_rec, (long long)o->hl_hd, RT(o->hl_rate));
	}
	if (o->has_grids) {
		NUM();
		tpl(d, "全{Dk}共划分网格");
		if (o->gr_r)
			bprintf(cur(d), "%lld个，其中城区网格%lld个，农村网格%lld个，实现网格全覆盖。\n\n",
			    (long long)o->gr_t, (long long)o->gr_u, (long long)o->gr_r);
		else
			bprintf(cur(d), "%lld个，全部为城区网格，实现网格全覆盖。\n\n",
			    (long long)o->gr_t);
	}
	NUM();
	bprintf(cur(d), "加强网格员业务培训，全年共开展培训%lld场次，培训网格员%lld人次。\n\n",
	    (long long)o->train_s, (long long)o->train_p);
#undef NUM
	return n;
}

/* The 存在的问题 and 改进措施 sections with the S injections. lvl = 2 or 3. */
static void
problems_and_measures(struct doc *d, int lvl, const char *tp, const char *tm)
{
	struct rep *rp = d->rp;
	struct rng *r = rp->r;
	int pick[16], n, i, k;

	for (k = 0; k < 2; k++) {
		int which = (rp->inj == I_S002) ? 1 - k : k;
		const char *title = which == 0 ? tp : tm;
		if (which == 0 && rp->inj == I_S001) {
			/* reported at the heading it should follow */
			snprintf(rp->rec.desc, sizeof(rp->rec.desc),
			    "required section %s omitted (line: the heading it should "
			    "follow)", tp);
			rp->rec.set = 1;
			rp->rec.ch = d->last_h_ch[lvl];
			rp->rec.off = d->last_h_off[lvl];
			continue;
		}
		if (rp->inj == I_S002 && k == 0)
			mark(d, "section %s before %s", tm, tp);
		if (lvl == 2)
			h2(d, title);
		else
			h3(d, title);
		if (which == 0 && rp->inj == I_S006) {
			mark(d, "template prompt left in %s", tp);
			bputs(cur(d), "结合自评情况，分析存在的问题及原因。（200字以内）\n\n");
			continue;
		}
		if (which == 0) {
			n = pick_k(r, (int)NELEM(problems), (int)rrange(r, 1, 4), pick);
			if (n == 1)
				para(d, problems[pick[0]]);
			else
				for (i = 0; i < n; i++)
					item(d, i + 1, problems[pick[i]]);
		} else {
			n = pick_k(r, (int)NELEM(measures), (int)rrange(r, 2, 5), pick);
			if (rchance(r, 40))
				para(d, "针对上述存在的问题，拟采取以下改进措施：");
			for (i = 0; i < n; i++)
				item(d, i + 1, measures[pick[i]]);
		}
	}
}

static void
link_attachment(struct doc *d)
{
	struct rep *rp = d->rp;

	if (rp->inj != I_L001)
		return;
	mark(d, "link to attachments/self-evaluation-%d.pdf, which does not exist",
	    rp->year);
	bprintf(cur(d), "自评表详见附件：[%d年度绩效自评表](attachments/self-evaluation-%d.pdf)。\n\n",
	    rp->year, rp->year);
}

static void
s_score(struct doc *d)
{
	struct rep *rp = d->rp;

	tpl(d, "经综合评价，{U}{Y}年度");
	bprintf(cur(d), "%s绩效自评得分为%s分，评价等级为“%s”。", rp->overall ? "" : "该项目",
	    fmt_score(rp->score), rp->grade);
	if (rp->nind) {
		int met = 0, i;
		for (i = 0; i < rp->nind; i++)
			met += rp->ind[i].met;
		bprintf(cur(d), "本年度共设置绩效指标%d项，达到年度指标值的%d项", rp->nind,
		    met);
		if (met < rp->nind)
			bputs(cur(d), "，未达到年度指标值的指标已在自评表中说明原因");
		bputs(cur(d), "。");
	}
	bputs(cur(d), "\n\n");
}

/* Marks where the growable section starts and switches to chunk 3. */
static void
filler_here(struct doc *d)
{
	d->cur = 3;
}

static void
body_overall(struct doc *d, int *filler_start, const char *const **fbank,
    int *fbank_n)
{
	struct rep *rp = d->rp;
	const struct ov *o = rp->o;
	const struct unit *u = rp->u;
	struct rng *r = rp->r;
	int pick[32], n, i, k;
	int hunan = u->hunan;

	intro(d, hunan ? "{Y}年度部门整体支出" : "{Y}年度部门整体支出");
	*fbank = work_items;
	*fbank_n = (int)NELEM(work_items);
	if (!hunan) {
		if (rchance(r, 70)) {
			h2(d, "摘要");
			tpl(d, "{U}紧紧围绕{G}中心工作，切实履行各项职能职责，保障各项工作高效有序运转。{Y}年{U}整体预算总支出");
			bprintf(cur(d), "%s%s，其中：基本支出%s%s，项目支出%s%s，用于保障本单位正常运转和业务顺利开展。\n\n",
			    PM(d, o->E), mu(d), PM(d, o->basic), mu(d), PM(d, o->project),
			    mu(d));
		}
		h2(d, "部门概况");
		h3(d, "机构设置、编制");
		bprintf(cur(d), "%s为%s直属%s，内设综合科等%d个科室，核定编制%d名。",
		    u->name, u->parent, u->kind, u->ndept, u->staff_auth);
		tpl(d, "截至{Y}年12月底，单位实有人数为");
		bprintf(cur(d), "%d人。\n\n", u->staff_act);
		h3(d, "职责职能");
		n = pick_k(r, (int)NELEM(duties), (int)rrange(r, 4, 8), pick);
		for (i = 0; i < n; i++)
			item(d, i + 1, duties[pick[i]]);
		h3(d, "工作完成情况");
		para(d, "{Y}年{U}工作完成情况总结如下：");
		*filler_start = 1;
		filler_here(d);
		if (rp->inj == I_S004) {
			mark(d, "empty section （%s）管理制度", cn_num(d->n3 + 1));
			h3(d, "管理制度");
		} else if (rchance(r, 80)) {
			h3(d, "管理制度");
			n = pick_k(r, (int)NELEM(mgmt_paras), (int)rrange(r, 1, 2), pick);
			for (i = 0; i < n; i++)
				para(d, mgmt_paras[pick[i]]);
		}
		h3(d, "资金来源及使用情况");
		tpl(d, "{U}资金来源");
		if (o->rev_other)
			bprintf(cur(d), "主要为一般公共财政预算拨款，%d年部门决算财政总收入%s%s，其中：财政拨款收入%s%s，其他收入%s%s。",
			    rp->year, PM(d, o->A), mu(d), PM(d, o->rev_fiscal), mu(d),
			    PM(d, o->rev_other), mu(d));
		else
			bprintf(cur(d), "均为一般公共财政预算拨款，%d年部门决算财政总收入%s%s，全部为财政拨款收入。",
			    rp->year, PM(d, o->A), mu(d));
		bprintf(cur(d), "%d年部门决算财务总支出%s%s：基本支出%s%s，其中人员经费%s%s，日常公用经费%s%s；项目支出%s%s，",
		    rp->year, PM(d, o->E), mu(d), PM(d, o->basic), mu(d),
		    PM(d, o->rows[0].e), mu(d), PM(d, o->rows[1].e), mu(d),
		    PM(d, o->project), mu(d));
		if (o->unspent)
			bprintf(cur(d), "年末结余%s%s。\n\n", PM(d, o->unspent), mu(d));
		else
			bputs(cur(d), "年末无结余。\n\n");
		s_change(d, o);
		s_shares(d, o);
		s_budget(d, o->A, o->E, o->R);
		bputs(cur(d), "具体情况如下表：\n\n");
		table_funds(d, "项目", "年初预算数", "全年预算数", "全年执行数", "执行率",
		    o->rows, o->nrows, 1);
		s_three_public(d, o);
		if (o->has_proc) {
			h3(d, "政府采购情况");
			tpl(d, "{Y}年{U}根据《中华人民共和国政府采购法》等有关规定，通过政府采购平台对办公用品、办公设备等开展采购，");
			if (rp->inj == I_P005) {
				mark(d, "money unit slip: 政府采购 %s元 where figures have %s万元",
				    PM(d, o->proc), PM(d, o->proc));
				bprintf(cur(d), "合计金额%s元。\n\n", PM(d, o->proc));
			} else {
				bprintf(cur(d), "合计金额%s%s。\n\n", PM(d, o->proc), mu(d));
			}
		}
		if (o->has_assets) {
			h3(d, "固定资产情况");
			tpl(d, "截至{Y}年12月31日，{U}资产总额");
			bprintf(cur(d), "%s%s，其中流动资产%s%s，占资产总额的%s%%；固定资产%s%s，占资产总额的%s%%。资产管理严格执行《政府会计准则制度》，做到账实相符。\n\n",
			    PM(d, o->as_t), mu(d), PM(d, o->as_c), mu(d), RT(o->as_cs),
			    PM(d, o->as_f), mu(d), RT(o->as_fs));
		}
		h2(d, "绩效目标");
		h3(d, "总目标");
		n = pick_k(r, (int)NELEM(goal_paras), 2, pick);
		for (i = 0; i < n; i++)
			para(d, goal_paras[pick[i]]);
		h3(d, "项目具体计划目标");
		for (i = 2, k = 1; i < o->nrows; i++, k++) {
			bprintf(cur(d), "%d%s%s：", k, rp->seq_dot ? "." : "、", o->rows[i].name);
			tpl(d, o->rows[i].t->desc);
			bputs(cur(d), "，");
			tpl(d, o->rows[i].t->goal);
			bputs(cur(d), "。\n\n");
		}
		h2(d, "评价思路和过程");
		h3(d, "评价思路");
		para(d, RPICK(r, eval_idea));
		h3(d, "评价目的");
		para(d, RPICK(r, eval_purpose));
		h3(d, "评价依据");
		item(d, 1, "财务制度：《中华人民共和国预算法》《中华人民共和国会计法》《行政事业单位内部控制规范（试行）》《{D}部门预算绩效自评管理暂行办法》等；");
		item(d, 2, "财务资料：会计账簿、会计凭证、会计报表、决算报表等财务资料；");
		item(d, 3, "业务资料：年度工作计划、工作总结及相关业务统计资料。");
		h3(d, "评价对象及评价时段");
		item(d, 1, "评价对象：{Y}年部门整体支出；");
		item(d, 2, "评价时段：{Y}年1月至{Y}年12月。");
		h2(d, "评价结论和绩效分析");
		h3(d, "评价结论");
		h4(d, "评价结果");
		tpl(d, "{U}绩效评价工作按照{Y}年度整体支出绩效目标明确，符合法律法规及经济社会发展规划的要求，经对绩效目标设定、资金管理、资产管理、财务管理、各项目产出、社会效益等方面进行了绩效评价。");
		s_score(d);
		if (rp->inj == I_P002) {
			int64_t bad = o->E + bad_delta(r);
			mark(d, "prose: 整体支出 %s ≠ figures.expenditure.total %s",
			    PM(d, bad), PM(d, o->E));
			tpl(d, "{Y}年度{U}部门整体支出");
			bprintf(cur(d), "%s%s，资金使用规范。\n\n", PM(d, bad), mu(d));
		} else {
			tpl(d, "{Y}年度{U}部门整体支出");
			bprintf(cur(d), "%s%s，资金使用规范。\n\n", PM(d, o->E), mu(d));
		}
		link_attachment(d);
		h4(d, "主要绩效");
		k = 1;
		n = pick_k(r, (int)NELEM(results_generic), (int)rrange(r, 1, 3), pick);
		for (i = 0; i < n; i++)
			paren_item(d, k++, results_generic[pick[i]]);
		s_cases(d, o, 1, k++);
		k = s_stats(d, o, 1, k);
		h3(d, "具体绩效分析");
		h4(d, "产出指标分析");
		tpl(d, "{Y}年{U}");
		bprintf(cur(d), "基本支出预算执行率为%s%%，项目支出预算执行率为%s%%。",
		    RT(o->basic_rate), RT(o->project_rate));
		bputs(cur(d), "\n\n");
		h4(d, "效益指标分析");
		para(d, RPICK(r, benefit_paras));
		h4(d, "满意度分析");
		para(d, RPICK(r, satisfaction_paras));
		h2(d, "主要经验做法");
		n = pick_k(r, (int)NELEM(experience_paras), (int)rrange(r, 1, 3), pick);
		for (i = 0; i < n; i++)
			para(d, experience_paras[pick[i]]);
		problems_and_measures(d, 2, "存在的问题", "改进措施及建议");
	} else {
		h2(d, "部门概况");
		bprintf(cur(d), "%s属财政全额负担的%s，内设%d个股室，定编%d人，实有人员%d人。\n\n",
		    u->name, u->kind, u->ndept, u->staff_auth, u->staff_act);
		bputs(cur(d), "主要职责：");
		n = pick_k(r, (int)NELEM(duties), (int)rrange(r, 3, 5), pick);
		for (i = 0; i < n; i++)
			tpl(d, duties[pick[i]]);
		bputs(cur(d), "\n\n");
		h2(d, "部门整体支出使用情况");
		item(d, 1, "收入支出决算总体情况。");
		cur(d)->n -= 2;
		tpl(d, "{Y}年度收入总计");
		bprintf(cur(d), "%s%s，支出总计%s%s，其中基本支出%s%s，项目支出%s%s。",
		    PM(d, o->A), mu(d), PM(d, o->E), mu(d), PM(d, o->basic), mu(d),
		    PM(d, o->project), mu(d));
		s_change(d, o);
		s_shares(d, o);
		bputs(cur(d), "\n\n");
		s_budget(d, o->A, o->E, o->R);
		bprintf(cur(d), "基本支出用于保障部门正常运转，包括人员经费%s%s和日常公用经费%s%s。",
		    PM(d, o->rows[0].e), mu(d), PM(d, o->rows[1].e), mu(d));
		bputs(cur(d), "\n\n");
		table_funds(d, "项目", "年初预算数", "全年预算数", "全年执行数", "执行率",
		    o->rows, o->nrows, 1);
		if (o->has_tp) {
			item(d, 2, "“三公”经费支出情况。");
			cur(d)->n -= 2;
			s_three_public(d, o);
		}
		if (o->has_proc) {
			if (rp->inj == I_P005) {
				mark(d, "money unit slip: 政府采购 %s元 where figures have %s万元",
				    PM(d, o->proc), PM(d, o->proc));
				bprintf(cur(d), "全年政府采购合计金额%s元，均按规定程序执行。\n\n",
				    PM(d, o->proc));
			} else {
				bprintf(cur(d), "全年政府采购合计金额%s%s，均按规定程序执行。\n\n",
				    PM(d, o->proc), mu(d));
			}
		}
		if (o->has_assets) {
			tpl(d, "截至{Y}年12月31日，资产总额");
			bprintf(cur(d), "%s%s，其中流动资产%s%s，占资产总额的%s%%；固定资产%s%s，占资产总额的%s%%。\n\n",
			    PM(d, o->as_t), mu(d), PM(d, o->as_c), mu(d), RT(o->as_cs),
			    PM(d, o->as_f), mu(d), RT(o->as_fs));
		}
		if (rp->inj == I_S004) {
			mark(d, "empty section %s、部门整体支出管理情况", cn_num(d->n2 + 1));
			h2(d, "部门整体支出管理情况");
		} else {
			h2(d, "部门整体支出管理情况");
			para(d, "遵守厉行节约条例，科学地管理和服务，推动激励和约束机制建立，减少行政成本，提高工作效能。");
			para(d, "一是保障经费需求。统筹协调部门内部的资金需求和经费分配，通过分清轻重缓急，突出重点，合理保障部门运行及各项工作的顺利开展。");
			para(d, "二是坚持厉行节约。牢固树立“过紧日子”思想，落实中央八项规定精神，严控机关运行经费等一般性支出，确保厉行节约落到实处。");
		}
		h2(d, "部门整体支出绩效情况");
		para(d, "{Y}年，{U}以推动社会治理机制改革为抓手，努力打通服务群众“最后一公里”，全{Dk}城乡网格化服务管理工作取得了一定进展。");
		s_cases(d, o, 0, 1);
		*filler_start = s_stats(d, o, 0, 2);
		filler_here(d);
		h2(d, "结合《部门整体支出绩效评价指标表》的评价结果");
		tpl(d, "根据预算绩效管理要求，对{Y}年度一般公共预算整体支出全面开展绩效自评，");
		if (rp->inj == I_P002) {
			int64_t bad = o->E + bad_delta(r);
			mark(d, "prose: 整体支出 %s ≠ figures.expenditure.total %s",
			    PM(d, bad), PM(d, o->E));
			bprintf(cur(d), "部门整体支出%s%s。\n\n", PM(d, bad), mu(d));
		} else {
			bprintf(cur(d), "部门整体支出%s%s。\n\n", PM(d, o->E), mu(d));
		}
		para(d, "财务管理工作严格按照国家的相关财务管理制度执行，财务制度健全、会计核算规范，部门整体支出对保障各项工作的高效运行发挥了重要作用。");
		s_score(d);
		link_attachment(d);
		problems_and_measures(d, 2, "存在的主要问题", "改进措施和有关建议");
	}
	signature(d);
}

static void
s_project_budget(struct doc *d, const struct pj *p)
{
	tpl(d, "{Y}年{D}财政安排{P}");
	if (p->adj)
		bprintf(cur(d), "预算资金%s%s，其中年初预算%s%s，追加预算%s%s。",
		    PM(d, p->A), mu(d), PM(d, p->I), mu(d), PM(d, p->adj), mu(d));
	else
		bprintf(cur(d), "年初预算资金%s%s。", PM(d, p->I), mu(d));
}

static void
s_project_alloc(struct doc *d, const struct pj *p)
{
	struct rep *rp = d->rp;
	const struct unit *u = rp->u;
	int i, bad = -1;
	int64_t v;

	if (rp->inj == I_P004)
		bad = (int)rbelow(rp->r, (uint64_t)p->nal);
	bprintf(cur(d), "项目资金已按计划拨付至各%s，实际拨付资金%s%s，其中：", u->subsuffix,
	    PM(d, p->F), mu(d));
	for (i = 0; i < p->nal; i++) {
		v = p->al[i];
		if (i == bad) {
			v += p->al[i] > 1000 ? bad_delta(rp->r) : rrange(rp->r, 100, 999);
			mark(d, "prose: the 其中 parts add up to %s, not %s (%s%s "
			    "written %s for %s)", PM(d, p->F - p->al[i] + v), PM(d, p->F),
			    u->sub[i]->name, u->subsuffix, PM(d, v), PM(d, p->al[i]));
		}
		bprintf(cur(d), "%s%s%s%s%s", u->sub[i]->name, u->subsuffix, PM(d, v),
		    mu(d), i + 1 < p->nal ? "，" : "。");
	}
	bputs(cur(d), "具体使用情况如下表：\n\n");
}

static void
body_project(struct doc *d, int *filler_start, const char *const **fbank,
    int *fbank_n)
{
	struct rep *rp = d->rp;
	const struct pj *p = rp->p;
	struct rng *r = rp->r;
	struct row rows[6];
	int luolong = rp->variant & 32, combined = rp->variant & 64;
	int i, n, pick[16];

	intro(d, "{Y}年{P}项目支出");
	*fbank = proj_impl;
	*fbank_n = (int)NELEM(proj_impl);
	for (i = 0; i < p->ncat; i++) {
		rows[i].name = p->t->cats[i];
		rows[i].i = 0;
		rows[i].a = p->ca[i];
		rows[i].e = p->ce[i];
	}
	h2(d, "项目基本情况");
	h3(d, luolong ? "基本情况" : "项目概况");
	if (!luolong && rchance(r, 40)) {
		h4(d, "项目立项背景及目的");
		n = pick_k(r, (int)NELEM(proj_background), 2, pick);
		for (i = 0; i < n; i++)
			para(d, proj_background[pick[i]]);
		h4(d, "项目主要内容");
		tpl(d, "该项目");
		tpl(d, p->t->desc);
		bputs(cur(d), "。\n\n");
		h4(d, "资金来源及使用情况");
		s_project_budget(d, p);
		bputs(cur(d), "\n\n");
	} else {
		n = pick_k(r, (int)NELEM(proj_background), 2, pick);
		for (i = 0; i < n; i++)
			para(d, proj_background[pick[i]]);
		tpl(d, "该项目");
		tpl(d, p->t->desc);
		bputs(cur(d), "。");
		s_project_budget(d, p);
		bputs(cur(d), "\n\n");
	}
	h3(d, luolong ? "绩效目标设定及指标完成情况" : "项目绩效目标");
	tpl(d, "项目总体目标：");
	tpl(d, p->t->goal);
	bputs(cur(d), "。\n\n");
	paren_item(d, 1, "产出目标：按计划完成项目各项建设和服务内容，项目验收合格，资金按进度拨付使用。");
	paren_item(d, 2, "效益目标：基层社会治理和城市管理水平明显提升，群众反映的问题得到及时有效解决。");
	paren_item(d, 3, "满意度目标：服务对象对项目实施效果总体满意。");
	if (!luolong && rchance(r, 30)) {
		h3(d, "项目实施情况");
		para(d, "项目于{Y}年初启动实施，{U}按照年度工作计划有序推进各项工作，截至{Y}年12月底，项目各项内容已按计划实施完成。");
	}
	if (!luolong && rchance(r, 70)) {
		static const char *const t[] = {"绩效评价目的", "绩效评价工作方案制定过程",
		    "绩效评价原则、评价方法", "绩效评价实施过程", "本次绩效评价的局限性"};
		int nt = rchance(r, 50) ? 5 : 4;
		h2(d, "绩效评价工作情况");
		for (i = 0; i < nt; i++) {
			h3(d, t[i]);
			para(d, proj_eval_paras[i][rbelow(r, 2)]);
		}
	}
	h2(d, "项目资金使用及管理情况");
	h3(d, "项目资金的到位情况");
	tpl(d, "截至{Y}年12月31日，");
	bprintf(cur(d), "项目全年预算数%s%s，实际到位资金%s%s，资金到位率为%s%%。\n\n",
	    PM(d, p->A), mu(d), PM(d, p->F), mu(d), RT(p->arr));
	h3(d, "项目资金的使用情况");
	s_budget(d, p->A, p->E, p->R);
	if (p->U && rp->inj == I_A010)
		; /* "资金结余" is one of tally's reason words: state no reason */
	else if (p->U)
		bprintf(cur(d), "资金结余%s%s。", PM(d, p->U), mu(d));
	else
		bputs(cur(d), "项目资金已全部支出。");
	if (rp->inj == I_P005) {
		mark(d, "money unit slip: 已使用资金 %s元 where figures have %s万元",
		    PM(d, p->E), PM(d, p->E));
		bprintf(cur(d), "已使用资金%s元，", PM(d, p->E));
	} else {
		bprintf(cur(d), "已使用资金%s%s，", PM(d, p->E), mu(d));
	}
	bprintf(cur(d), "资金使用率为%s%%。具体支出情况如下表：\n\n", RT(p->use));
	table_funds(d, "支出内容", "", "预算数", "实际支出", "执行率", rows, p->ncat, 0);
	if (rp->inj == I_S004) {
		mark(d, "empty section （%s）项目资金的管理情况", cn_num(d->n3 + 1));
		h3(d, "项目资金的管理情况");
	} else {
		h3(d, "项目资金的管理情况");
		for (i = 0; i < (int)NELEM(proj_fund_mgmt); i++)
			item(d, i + 1, proj_fund_mgmt[i]);
	}
	h2(d, "项目组织和实施情况");
	*filler_start = 1;
	filler_here(d);
	h2(d, luolong ? "项目绩效情况" : "绩效分析及评价结论");
	h3(d, "评价结论");
	s_score(d);
	if (rp->inj == I_P002) {
		int64_t bad = p->A + bad_delta(r);
		mark(d, "prose: 全年预算数 %s ≠ figures.budget.adjusted %s",
		    PM(d, bad), PM(d, p->A));
		tpl(d, "{Y}年{P}");
		bprintf(cur(d), "全年预算数%s%s，项目实施达到预期目标。\n\n", PM(d, bad), mu(d));
	} else {
		tpl(d, "{Y}年{P}");
		bprintf(cur(d), "全年预算数%s%s，项目实施达到预期目标。\n\n", PM(d, p->A), mu(d));
	}
	link_attachment(d);
	h3(d, "具体绩效分析");
	s_project_alloc(d, p);
	table_alloc(d, p);
	if (p->has_survey) {
		if (rp->inj == I_P001) {
			const char *how;
			int64_t bad = wrong_rate(r, p->sv_m, 0, p->sv_n, 0, &how);
			mark(d, "prose: 有效回收率 %s%% ≠ %lld ÷ %lld = %s%% (%s)", RT(bad),
			    (long long)p->sv_m, (long long)p->sv_n, RT(p->sv_r), how);
			bprintf(cur(d), "项目实施过程中共发放满意度调查问卷%lld份，收回有效问卷%lld份，有效回收率为%s%%。",
			    (long long)p->sv_n, (long long)p->sv_m, RT(bad));
		} else {
			bprintf(cur(d), "项目实施过程中共发放满意度调查问卷%lld份，收回有效问卷%lld份，有效回收率为%s%%。",
			    (long long)p->sv_n, (long long)p->sv_m, RT(p->sv_r));
		}
		bprintf(cur(d), "经统计，服务对象总体满意度为%s%%。\n\n", RT(p->sv_sat));
	}
	for (i = 0; i < 4; i++) {
		if (i == 3 && rchance(r, 50))
			break;
		item(d, i + 1, proj_analysis_titles[i]);
		cur(d)->n -= 2;
		bputs(cur(d), "：");
		para(d, proj_analysis[i][rbelow(r, 2)]);
	}
	if (luolong) {
		problems_and_measures(d, 2, "存在的问题", "建议和改进措施");
	} else if (combined) {
		h2(d, "主要经验及做法、存在的问题和建议");
		h3(d, "主要经验及做法");
		para(d, RPICK(r, experience_paras));
		problems_and_measures(d, 3, "存在的问题", "建议和改进措施");
	} else {
		h2(d, "主要经验及做法");
		para(d, RPICK(r, experience_paras));
		problems_and_measures(d, 2, "存在的问题", "建议和改进措施");
	}
	if (!luolong && rchance(r, 20)) {
		h2(d, "其他需要说明的问题");
		para(d, "本项目无其他需要说明的问题。");
	}
	signature(d);
}

/* ======================================================================
 * Reports: setup, assembly, files
 * ==================================================================== */

struct opts {
	long n, k, units;
	uint64_t seed;
	const char *out, *schemas, *theme;
};

struct run {
	struct opts o;
	FILE *manifest;
	long written, injected;
	long k_left, n_left;
	struct rng inj_rng;
	int kind_cursor;
	uint64_t bytes, min_bytes, max_bytes;
	long counts[I_COUNT];
	struct doc doc;
	char *root; /* DIR */
};

/* The injection (or none) for the next report of type ty. */
static enum inj_kind
choose_injection(struct run *R, int ty)
{
	int i;

	if (R->n_left <= 0)
		return I_NONE;
	if ((long)rbelow(&R->inj_rng, (uint64_t)R->n_left--) >= R->k_left)
		return I_NONE;
	R->k_left--;
	for (i = 0; i < I_COUNT; i++) {
		int k = 1 + (R->kind_cursor++ % (I_COUNT - 1));
		if (inj_info[k].types & ty)
			return (enum inj_kind)k;
	}
	return I_NONE;
}

/* Everything but the type-specific figures, and the changes of the
 * injections that touch indicators and the funds block. */
static void
setup_report(struct rep *rp, int overall, int year, const struct unit *u,
    struct rng *r, enum inj_kind inj)
{
	memset(rp, 0, sizeof(*rp));
	rp->overall = overall;
	rp->year = year;
	rp->u = u;
	rp->r = r;
	rp->inj = inj;
	rp->pm = (int)rrange(r, 2, 6);
	rp->pd = (int)rrange(r, 1, 28);
	rp->variant = (int)rbelow(r, 128);
	if (overall)
		rp->variant &= ~(8 | 16 | 32 | 64);
	if (inj == I_S002)
		rp->variant &= ~64; /* see README: order within a combined heading */
	rp->seq_dot = rchance(r, 70);
	rp->drop = inj == I_NONE && rchance(r, 30);
	rp->pdrop = inj == I_NONE && rchance(r, 50);
	rp->yuan = !overall && inj == I_NONE && rchance(r, 5);
}

static void
setup_scores(struct rep *rp, int want_ind, int want_funds)
{
	struct rng *r = rp->r;
	int i, j;

	switch (rp->inj) {
	case I_A004: case I_A005: case I_A006: case I_A011:
		want_ind = 1;
		break;
	case I_A012:
		want_ind = want_funds = 1;
		break;
	case I_A010:
		/* no notes that could pass for a stated reason */
		want_ind = want_funds = 0;
		break;
	default:
		break;
	}
	rp->has_funds = want_ind && want_funds;
	if (rp->has_funds) {
		if (rp->overall)
			gen_funds_ov(rp, rp->o);
		else
			gen_funds_pj(rp, rp->p);
		rp->fscore_w = rp->fscore;
		if (rp->inj == I_A012)
			rp->fscore_w = rp->fscore - rrange(r, 1, 4) * 100;
	}
	if (want_ind) {
		gen_indicators(rp, rp->has_funds ? 9000 : 10000);
		if (rp->overall) {
			/* the indicators that the prose states too */
			for (i = 0; i < rp->nind; i++) {
				struct ind *in = &rp->ind[i];
				int64_t v = strcmp(in->name, "网格员培训场次") == 0 ?
				    rp->o->train_s : strcmp(in->name, "培训网格员人次") == 0 ?
				    rp->o->train_p : -1;
				if (v < 0)
					continue;
				snprintf(in->target, sizeof(in->target), "≥%lld%s",
				    (long long)(v * rrange(r, 80, 100) / 100),
				    ind_bank[in->b].unit);
				snprintf(in->actual, sizeof(in->actual), "%lld%s",
				    (long long)v, ind_bank[in->b].unit);
				in->met = 1;
				in->score = in->weight;
				in->note = NULL;
			}
		}
	}
	if (rp->inj == I_A005) {
		/* one indicator 2 points above its weight, another 2 below:
		 * the total stays */
		for (i = 0; i < rp->nind && rp->ind[i].score < 200; i++)
			;
		j = rp->nind - 1;
		if (i == j)
			i = 0;
		rp->ind[i].score -= 200;
		rp->ind[j].score = rp->ind[j].weight + 200;
		rp->ind[j].met = 1;
		rp->ind[j].note = NULL;
	}
	if (rp->inj == I_A011) {
		/* an indicator that misses its percentage target, full marks */
		for (i = 0; i < rp->nind; i++)
			if (ind_bank[rp->ind[i].b].k == K_PCT)
				break;
		if (i == rp->nind) {
			i = 0;
			rp->ind[0].b = 4; /* 案件按期结案率 / any K_PCT entry */
			rp->ind[0].l1 = ind_bank[4].l1;
			rp->ind[0].l2 = ind_bank[4].l2;
			rp->ind[0].name = rp->overall ? ind_bank[4].name : ind_bank[12].name;
		}
		snprintf(rp->ind[i].target, sizeof(rp->ind[i].target), "≥95%%");
		snprintf(rp->ind[i].actual, sizeof(rp->ind[i].actual), "%d.%d%%",
		    (int)rrange(r, 91, 94), (int)rrange(r, 0, 9));
		rp->ind[i].met = 0;
		rp->ind[i].score = rp->ind[i].weight;
		rp->ind[i].note = NULL;
	}
	gen_score(rp);
}

static size_t
count_nl(const char *s, size_t n)
{
	size_t k = 0;
	const char *p = s, *e = s + n;

	while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

static void
mkdir_p(char *path)
{
	char *p;

	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) < 0 && errno != EEXIST)
			die("mkdir %s: %s", path, strerror(errno));
		*p = '/';
	}
	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		die("mkdir %s: %s", path, strerror(errno));
}

static void
write_file(const char *path, const struct buf *parts, int n)
{
	FILE *f = fopen(path, "wb");
	int i;

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	for (i = 0; i < n; i++)
		if (parts[i].n && fwrite(parts[i].p, 1, parts[i].n, f) != parts[i].n)
			die("%s: write error", path);
	if (fclose(f) != 0)
		die("%s: %s", path, strerror(errno));
}

/* Writes the report rp (figures ready) to its file. */
static void
emit_report(struct run *R, struct rep *rp)
{
	struct doc *d = &R->doc;
	const char *const *fbank = NULL;
	int fbank_n = 0, start = 1, i, idx[64], k, n;
	size_t base, target, total;
	char path[1024];

	for (i = 0; i < 4; i++) {
		d->ch[i].n = 0;
		if (d->ch[i].p)
			d->ch[i].p[0] = '\0';
	}
	d->cur = 0;
	d->n2 = d->n3 = d->n4 = 0;
	d->skip2 = d->skip3 = 0;
	d->rp = rp;
	d->h2space = rchance(rp->r, 15);
	d->sep4 = rchance(rp->r, 60) ? "." : "、";
	money_mult = rp->yuan ? 10000 : 1;
	if (rp->inj == I_S003) {
		if (rchance(rp->r, 50) && !(rp->overall && rp->u->hunan))
			d->skip3 = 2;
		else
			d->skip2 = 3;
	}

	if (rp->overall)
		fm_overall(d);
	else
		fm_project(d);
	d->cur = 1;
	if (rp->overall)
		body_overall(d, &start, &fbank, &fbank_n);
	else
		body_project(d, &start, &fbank, &fbank_n);

	/* grow the filler section to this report's target size: 10-17 KB */
	base = d->ch[0].n + d->ch[1].n + d->ch[3].n;
	target = 10300 + (size_t)rbelow(rp->r, 5900);
	d->cur = 2;
	n = (int)NELEM(work_items);
	rperm(rp->r, idx, fbank_n);
	for (k = 0; k < fbank_n && (k < 2 || base + d->ch[2].n < target); k++)
		item(d, start + k, fbank[idx[k]]);
	if (fbank != work_items) {
		/* projects: more from the general bank when needed */
		int j = 0;
		rperm(rp->r, idx, n);
		while (j < n && base + d->ch[2].n < target)
			item(d, start + k++, work_items[idx[j++]]);
	}

	snprintf(path, sizeof(path), "%s/%s", R->root, rp->path);
	write_file(path, d->ch, 4);
	total = base + d->ch[2].n;
	R->bytes += total;
	if (R->min_bytes == 0 || total < R->min_bytes)
		R->min_bytes = total;
	if (total > R->max_bytes)
		R->max_bytes = total;
	R->written++;

	if (rp->inj != I_NONE) {
		long line = rp->rec.line;
		if (!rp->rec.set)
			die("internal: injection %s not placed in %s",
			    inj_info[rp->inj].rule, rp->path);
		if (line == 0) {
			line = 1;
			for (i = 0; i < rp->rec.ch; i++)
				line += (long)count_nl(d->ch[i].p, d->ch[i].n);
			line += (long)count_nl(d->ch[rp->rec.ch].p, rp->rec.off);
		}
		fprintf(R->manifest, "%s\t%ld\t%s\t%s\n", rp->path, line,
		    inj_info[rp->inj].rule, rp->rec.desc);
		R->injected++;
		R->counts[rp->inj]++;
	}
}

/* Relative path from directory `from` to `to` (both must exist). */
static char *
relpath(const char *from, const char *to)
{
	char a[PATH_MAX], b[PATH_MAX];
	static char out[PATH_MAX * 2];
	size_t i = 0, common = 0;
	const char *p;

	if (realpath(from, a) == NULL || realpath(to, b) == NULL)
		return NULL;
	while (a[i] && a[i] == b[i]) {
		if (a[i] == '/')
			common = i;
		i++;
	}
	if (a[i] == '\0' && (b[i] == '/' || b[i] == '\0'))
		common = i;
	else if (b[i] == '\0' && a[i] == '/')
		common = i;
	out[0] = '\0';
	for (p = a + common; *p; p++)
		if (*p == '/')
			strcat(out, "../");
	if (b[common] == '/')
		strcat(out, b + common + 1);
	else if (out[0])
		out[strlen(out) - 1] = '\0';
	else
		strcpy(out, ".");
	return out;
}

static void
write_site_files(struct run *R)
{
	char path[PATH_MAX];
	const char *sch, *thm;
	struct stat st;
	FILE *f;

	sch = relpath(R->root, R->o.schemas);
	if (sch == NULL)
		die("--schemas %s: %s", R->o.schemas, strerror(errno));
	sch = strdup(sch);
	thm = stat(R->o.theme, &st) == 0 ? relpath(R->root, R->o.theme) : NULL;
	snprintf(path, sizeof(path), "%s/tally.yaml", R->root);
	if ((f = fopen(path, "w")) == NULL)
		die("%s: %s", path, strerror(errno));
	fprintf(f, "# Generated by bench-gen -n %ld -k %ld -s %llu -u %ld: a synthetic\n"
	    "# corpus for the benchmark (bench/README.md).  The schemas are the\n"
	    "# repository's, referred to, not copied.\n",
	    R->o.n, R->o.k, (unsigned long long)R->o.seed, R->o.units);
	fprintf(f, "site:\n  title: 绩效自评报告基准语料\n  base_url: /\n"
	    "  language: zh-CN\ncontent: content\nschemas: %s\n", sch);
	if (thm)
		fprintf(f, "theme: %s\n", thm);
	fprintf(f, "output: public\n");
	if (fclose(f) != 0)
		die("%s: %s", path, strerror(errno));
	free((char *)sch);
}

static void
write_unit_yaml(struct run *R, const struct unit *u)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/content/%s", R->root, u->id);
	mkdir_p(path);
	snprintf(path, sizeof(path), "%s/content/%s/unit.yaml", R->root, u->id);
	if ((f = fopen(path, "w")) == NULL)
		die("%s: %s", path, strerror(errno));
	fprintf(f, "name: %s\nshort_name: %s\nregion: %s%s%s\nparent: %s\nkind: %s\n",
	    u->name, u->shortn, u->rg->province, u->rg->city, u->rg->district,
	    u->parent, u->kind);
	if (fclose(f) != 0)
		die("%s: %s", path, strerror(errno));
}

/* One unit: its years, and each year's project reports and overall
 * report.  Everything of a unit-year lives on the stack. */
static void
gen_unit(struct run *R, long ui, long count)
{
	struct unit u;
	struct rng ur = rseed(R->o.seed, 0x706c616eULL, (uint64_t)ui);
	int ny, y0, y, i, per[6], left, maxper = (int)NELEM(projects);
	char dir[1024];

	unit_init(&u, ui, R->o.seed);
	write_unit_yaml(R, &u);
	ny = (int)rrange(&ur, (count + maxper) / (maxper + 1), count < 6 ? count : 6);
	if (ny < 1)
		ny = 1;
	y0 = 2019 + (int)rbelow(&ur, (uint64_t)(6 - ny + 1));
	for (i = 0; i < ny; i++)
		per[i] = 0;
	left = (int)(count - ny);
	while (left > 0) {
		i = (int)rbelow(&ur, (uint64_t)ny);
		if (per[i] < maxper) {
			per[i]++;
			left--;
		}
	}
	for (y = 0; y < ny; y++) {
		int year = y0 + y, np = per[y], tix[NELEM(projects)];
		struct pj ps[NELEM(projects)];
		struct rep rp;
		struct rng rr[NELEM(projects) + 1];
		enum inj_kind inj[NELEM(projects) + 1];
		struct ov o;

		snprintf(dir, sizeof(dir), "%s/content/%s/%d", R->root, u.id, year);
		mkdir_p(dir);
		for (i = 0; i <= np; i++) {
			rr[i] = rseed(R->o.seed ^ 0x7265706f7274ULL, (uint64_t)ui,
			    (uint64_t)(year * 64 + i));
			inj[i] = choose_injection(R, i < np ? T_PJ : T_OV);
		}
		rperm(&ur, tix, (int)NELEM(projects));
		for (i = 0; i < np; i++)
			gen_pj(&rr[i], &u, &ps[i], &projects[tix[i]], inj[i] == I_A010);
		/* project reports */
		for (i = 0; i < np; i++) {
			struct pj *p = &ps[i];
			setup_report(&rp, 0, year, &u, &rr[i], inj[i]);
			rp.p = p;
			if (inj[i] == I_A001)
				p->alloc_fig = 1;
			if (inj[i] == I_P001)
				p->has_survey = 1;
			setup_scores(&rp, rchance(&rr[i], 45), rchance(&rr[i], 60));
			snprintf(rp.path, sizeof(rp.path), "content/%s/%d/project-%s.md",
			    u.id, year, p->t->slug);
			emit_report(R, &rp);
		}
		/* the overall report */
		gen_ov(&rr[np], &u, &o, ps, np, inj[np] == I_A010,
		    inj[np] == I_A008, inj[np] == I_P003, inj[np] == I_P005);
		setup_report(&rp, 1, year, &u, &rr[np], inj[np]);
		rp.o = &o;
		setup_scores(&rp, rchance(&rr[np], 40), rchance(&rr[np], 60));
		snprintf(rp.path, sizeof(rp.path), "content/%s/%d/overall.md", u.id,
		    year);
		emit_report(R, &rp);
		u.prev_total = o.E;
	}
}

static void
usage(void)
{
	fputs("usage: bench-gen -n N [-k K] [-s SEED] [-u UNITS] [--schemas PATH]\n"
	    "                 [--theme PATH] -o DIR\n"
	    "  -n N            reports to write (10-17 KB each)\n"
	    "  -k K            inject K errors, one per report; list them in\n"
	    "                  DIR/manifest.tsv (file, line, rule, description)\n"
	    "  -s SEED         PRNG seed (default 1); same arguments, same bytes\n"
	    "  -u UNITS        units (default N/4), spread over 2019-2024\n"
	    "  --schemas PATH  schema directory tally.yaml refers to (default schemas)\n"
	    "  --theme PATH    theme directory (default themes/default, if present)\n"
	    "  -o DIR          output directory; DIR/content must not exist\n",
	    stderr);
	exit(2);
}

static long
num_arg(const char *s, const char *opt)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 0 || v > 100000000LL)
		die("%s: invalid number %s", opt, s);
	return (long)v;
}

int
main(int argc, char **argv)
{
	static struct run R;
	char path[PATH_MAX];
	struct stat st;
	long ui;
	int a, i;

	R.o.n = -1;
	R.o.seed = 1;
	R.o.schemas = "schemas";
	R.o.theme = "themes/default";
	for (a = 1; a < argc; a += 2) {
		const char *s = argv[a], *v = a + 1 < argc ? argv[a + 1] : NULL;
		if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0)
			usage();
		if (v == NULL)
			usage();
		if (strcmp(s, "-n") == 0)
			R.o.n = num_arg(v, s);
		else if (strcmp(s, "-k") == 0)
			R.o.k = num_arg(v, s);
		else if (strcmp(s, "-s") == 0)
			R.o.seed = (uint64_t)num_arg(v, s);
		else if (strcmp(s, "-u") == 0)
			R.o.units = num_arg(v, s);
		else if (strcmp(s, "-o") == 0)
			R.o.out = v;
		else if (strcmp(s, "--schemas") == 0)
			R.o.schemas = v;
		else if (strcmp(s, "--theme") == 0)
			R.o.theme = v;
		else
			usage();
	}
	if (R.o.n < 1 || R.o.out == NULL)
		usage();
	if (R.o.units == 0)
		R.o.units = R.o.n / 4 ? R.o.n / 4 : 1;
	if (R.o.units > R.o.n)
		R.o.units = R.o.n;
	if (R.o.n / R.o.units > 6 * ((long)NELEM(projects) + 1))
		die("-u %ld: too few units for %ld reports (at most %ld a unit)",
		    R.o.units, R.o.n, 6 * ((long)NELEM(projects) + 1));
	if (R.o.k > R.o.n)
		die("-k %ld: more errors than reports", R.o.k);
	if (stat(R.o.schemas, &st) < 0 || !S_ISDIR(st.st_mode))
		die("--schemas %s: not a directory", R.o.schemas);

	snprintf(path, sizeof(path), "%s/content", R.o.out);
	if (stat(path, &st) == 0)
		die("%s exists: remove it first (the corpus is written from scratch)",
		    path);
	R.root = strdup(R.o.out);
	mkdir_p(path);
	write_site_files(&R);
	snprintf(path, sizeof(path), "%s/manifest.tsv", R.o.out);
	if (R.o.k > 0) {
		if ((R.manifest = fopen(path, "w")) == NULL)
			die("%s: %s", path, strerror(errno));
	} else if (unlink(path) < 0 && errno != ENOENT) {
		die("%s: %s", path, strerror(errno));
	}
	R.k_left = R.o.k;
	R.n_left = R.o.n;
	R.inj_rng = rseed(R.o.seed, 0x696e6a656374ULL, 0);

	for (ui = 0; ui < R.o.units; ui++) {
		long c = (ui + 1) * R.o.n / R.o.units - ui * R.o.n / R.o.units;
		if (c > 0)
			gen_unit(&R, ui, c);
	}
	if (R.manifest && fclose(R.manifest) != 0)
		die("manifest: %s", strerror(errno));
	fprintf(stderr, "bench-gen: %ld reports in %ld units, %llu KB (%llu-%llu bytes "
	    "a report), %ld errors injected\n", R.written, R.o.units,
	    (unsigned long long)(R.bytes / 1024), (unsigned long long)R.min_bytes,
	    (unsigned long long)R.max_bytes, R.injected);
	for (i = 0; i < 4; i++)
		free(R.doc.ch[i].p);
	free(R.root);
	return 0;
}
