#!/bin/sh
# Site tests (STYLE 16): `tally build` on the sample corpus and on a
# hostile fixture.  Run from the repository root:
#
#   sh tests/site/run.sh [--regen] TALLY
#
#   determinism  the sample site built twice (one thread, then two) is
#                byte-identical
#   golden       a few pages match tests/site/golden/ (--regen rewrites
#                them: review the diff before committing)
#   checks       tests/site/check.py: well-formed pages, unique ids,
#                heading order, no script or handler, every internal link
#                and #fragment resolves and carries the base URL (with
#                base "/" and with https://example.org/sub/)
#   search       tests/site/search-test.js: search.js on the sample index
#                (node, no browser)
#   xss          tests/site/xss: markup in every field comes out as text
#   atomicity    a build that fails (--strict with errors, a broken theme)
#                leaves the previous output byte-identical; stale
#                temporary directories are cleaned up
#   safety       the output may not be the repository or its content, nor
#                a non-empty directory tally did not make
#   drafts       draft: true is left out unless --drafts
#   cache        the incremental cache: a build that reuses it is
#                byte-identical to a --no-cache build after each kind of
#                change (a report's text, its figures, unit.yaml, the
#                theme, reports added, removed, made drafts, a relative
#                link's target appearing), with --jobs 1 and 2, with a
#                damaged cache and after the published site was changed by
#                hand; unchanged files are not written again; a failed
#                build leaves the site and the cache usable
set -u
regen=0
if [ "${1:-}" = "--regen" ]; then
	regen=1
	shift
fi
tally=${1:?usage: run.sh [--regen] TALLY}
case $tally in /*) ;; *) tally=$(pwd)/$tally ;; esac
top=$(pwd)
out=tests/out/site
golden=tests/site/golden
rm -rf "$out"
mkdir -p "$out"
pass=0
fail=0
have_py=0
command -v python3 >/dev/null 2>&1 && have_py=1

ok() { pass=$((pass + 1)); }
bad() {
	echo "FAIL: $*" >&2
	fail=$((fail + 1))
}
check() { # name command...
	name=$1
	shift
	if "$@" >"$out/last.log" 2>&1; then ok; else
		bad "$name"
		sed 's/^/    /' "$out/last.log" >&2
	fi
}
expect_exit() { # name status command...
	name=$1
	want=$2
	shift 2
	"$@" >"$out/last.log" 2>&1
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else
		bad "$name: exit $got, expected $want"
		sed 's/^/    /' "$out/last.log" >&2
	fi
}
# Prints every file of a tree with its checksum, for "byte-identical".
snapshot() {
	(cd "$1" && find . -type f | LC_ALL=C sort | xargs -d '\n' cksum)
}

# The sample site is built from a copy outside any git repository, so the
# golden pages do not depend on this repository's history (history has
# its own tests below).
sample=$(mktemp -d)
# copies of the fixtures for builds that keep a cache (.tally-cache/ at
# the site root): the repository's own stay clean
xroot=$(mktemp -d)
cs=$(mktemp -d)
trap 'rm -rf "$sample" "$xroot" "$cs"' EXIT
cp -r content schemas themes tally.yaml "$sample/"
mkdir -p "$xroot/tests/site"
cp -r tests/site/xss "$xroot/tests/site/"
cp -r themes "$xroot/" # the fixture's theme: ../../../themes/default
xsrc=$xroot/tests/site/xss

# --- determinism ------------------------------------------------------------
expect_exit "build sample (--jobs 1)" 0 "$tally" -C "$sample" build -o "$top/$out/a" --jobs 1
expect_exit "build sample (--jobs 2)" 0 "$tally" -C "$sample" build -o "$top/$out/b" --jobs 2
check "determinism: two builds are byte-identical" diff -r "$out/a" "$out/b"
# A rebuild over an existing site (the swap path) gives the same bytes.
expect_exit "rebuild in place" 0 "$tally" -C "$sample" build -q -o "$top/$out/b"
check "determinism: rebuild in place" diff -r "$out/a" "$out/b"
check "no temporary directory left" sh -c "! ls -d $out/b.tmp-* $out/b.old-* 2>/dev/null"

# --- golden pages -----------------------------------------------------------
for pair in index.html:index.html \
    units/km-guandu-grid/index.html:unit.html \
    units/dongan-grid/2023/overall.html:report.html \
    data/reports.csv:reports.csv; do
	src=${pair%%:*}
	dst=$golden/${pair#*:}
	if [ "$regen" -eq 1 ]; then
		mkdir -p "$golden"
		cp "$out/a/$src" "$dst"
		ok
	elif [ -f "$dst" ] && diff -u "$dst" "$out/a/$src" >"$out/golden.diff"; then
		ok
	else
		bad "golden $dst differs from $src"
		head -40 "$out/golden.diff" >&2
	fi
done

# --- page checks ------------------------------------------------------------
if [ "$have_py" -eq 1 ]; then
	check "check.py sample (base /)" python3 tests/site/check.py "$out/a" /
	expect_exit "build with --base-url" 0 "$tally" -C "$sample" build -q -o "$top/$out/c" \
	    --base-url https://example.org/sub/
	check "check.py sample (base https://example.org/sub/)" \
	    python3 tests/site/check.py "$out/c" https://example.org/sub/
else
	echo "site: python3 not found: page checks skipped" >&2
fi
if command -v node >/dev/null 2>&1; then
	check "search.js finds Chinese queries" node tests/site/search-test.js \
	    "$out/a" themes/default/assets/search.js
fi
check "every page says lang=zh-CN" sh -c \
    "! grep -rL '<html lang=\"zh-CN\">' --include=*.html $out/a | grep ."
check "reports.csv starts with a BOM" sh -c \
    "head -c 3 $out/a/data/reports.csv | od -An -tx1 | grep -q 'ef bb bf'"
check "source Markdown copied as is" cmp content/dongan-grid/2023/overall.md \
    "$out/a/units/dongan-grid/2023/overall.md"

# --- XSS ----------------------------------------------------------------------
x=$top/$out/xss
expect_exit "build xss fixture" 0 "$tally" -C "$xsrc" build -o "$x"
for pat in '<script>alert' 'onmouseover="alert' "onmouseover='alert" \
    'href="javascript:' 'src="javascript:' '<img src=x onerror' \
    'onerror=alert(1)>' "onfocus='alert" '<div onmouseover'; do
	grep -rlF --include='*.html' --include='*.xml' --include='*.svg' \
	    -e "$pat" "$x" >"$out/xss.hits"
	case $? in
	0) bad "xss: '$pat' unescaped in $(tr '\n' ' ' <"$out/xss.hits")" ;;
	1) ok ;;
	*) bad "xss: grep failed for '$pat'" ;;
	esac
done
check "xss: the title is shown, escaped" grep -qF \
    '标题&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;alert(1)' \
    "$x/units/evil-unit/2023/overall.html"
check "xss: a quoted file name is percent-encoded in links" grep -qF \
    'href="/units/evil-unit/2023/project-q%22x%3Cy%3E.html"' "$x/index.html"
check "csv: a title that looks like a formula is quoted" grep -qF \
    ",'=cmd|' /C calc'!A0" "$x/data/reports.csv"
if [ "$have_py" -eq 1 ]; then
	check "check.py xss" python3 tests/site/check.py "$x" /
fi

# --- drafts -------------------------------------------------------------------
check "drafts are left out" test ! -e "$x/units/evil-unit/2022/draft.html"
expect_exit "build with --drafts" 0 "$tally" -C "$xsrc" build -q \
    --drafts -o "$top/$out/drafts"
check "--drafts publishes them" test -f "$out/drafts/units/evil-unit/2022/draft.html"

# --- atomicity ----------------------------------------------------------------
snapshot "$x" >"$out/xss.before"
expect_exit "--strict with errors fails" 1 "$tally" -C "$xsrc" build \
    --strict -o "$x"
snapshot "$x" >"$out/xss.after"
check "--strict leaves the previous site byte-identical" \
    cmp "$out/xss.before" "$out/xss.after"
mkdir -p "$out/broken-theme"
cp -r themes/default/. "$out/broken-theme/"
rm "$out/broken-theme/templates/report.mustache"
expect_exit "a broken theme fails" 2 "$tally" -C "$xsrc" build \
    --theme "$top/$out/broken-theme" -o "$x"
snapshot "$x" >"$out/xss.after"
check "a failed build leaves the previous site byte-identical" \
    cmp "$out/xss.before" "$out/xss.after"
check "a failed build leaves no temporary directory" \
    sh -c "! ls -d $x.tmp-* 2>/dev/null"
# What a killed build leaves behind is removed by the next one.
mkdir -p "$x.tmp-KILLED/units" "$x.old-KILLED"
echo stale >"$x.tmp-KILLED/units/x.html"
expect_exit "build after a killed one" 0 "$tally" -C "$xsrc" build -q -o "$x"
check "stale temporary directories are removed" \
    sh -c "! ls -d $x.tmp-* $x.old-* 2>/dev/null"

# --- the site shows what tally lint reports ------------------------------------
# Every report page's findings are lint's for its file, the cross-report
# rules (X001: the previous year; X002: a unit-year's projects) included,
# with one worker or two, and after an edit with the cache.
if [ "$have_py" -eq 1 ]; then
	agree() { # name source-dir [build options]
		name=$1
		src=$2
		shift 2
		rm -rf "$top/$out/agree"
		"$tally" -C "$src" lint --format json >"$out/agree.json" 2>/dev/null
		expect_exit "agree: build ($name)" 0 "$tally" -C "$src" build -q \
		    --theme "$top/themes/default" -o "$top/$out/agree" "$@"
		check "agree: the site's findings are lint's ($name)" \
		    python3 tests/site/agree.py "$out/agree.json" "$out/agree"
	}
	# (--no-cache: nothing written into the source tree)
	agree "sample" "$sample"
	agree "X001" tests/cases/X001/site --no-cache
	agree "X001, --jobs 2" tests/cases/X001/site --jobs 2 --no-cache
	agree "X002" tests/cases/X002/site --no-cache
	check "agree: nothing written into the test sources" sh -c \
	    "! ls -d tests/cases/X001/site/.tally-cache tests/cases/X002/site/.tally-cache 2>/dev/null"
	check "agree: X002 is on the overall report's page" \
	    grep -q X002 "$out/agree/units/panlong/2023/overall.json"
	xc=$top/$out/agree-cache
	rm -rf "$xc" "$top/$out/agree-c" "$top/$out/agree-r"
	cp -r tests/cases/X001/site "$xc"
	"$tally" -C "$xc" build -q --theme "$top/themes/default" -o "$top/$out/agree-c"
	check "agree: X001 before the edit" \
	    grep -q X001 "$out/agree-c/units/dongan/2023/overall.json"
	# last year's revenue now agrees with this year's claim (its
	# spending still does not): this year's finding changes, though only
	# last year's report was edited
	sed -i 's/revenue: {total: 42}/revenue: {total: 40}/' \
	    "$xc/content/dongan/2022/overall.md"
	expect_exit "agree: cached build after the edit" 0 "$tally" -C "$xc" build -q \
	    --theme "$top/themes/default" -o "$top/$out/agree-c"
	check "agree: the other year's page follows the edit (cache)" \
	    grep -q 'figures.expenditure.total' "$out/agree-c/units/dongan/2023/overall.json"
	"$tally" -C "$xc" lint --format json >"$out/agree.json" 2>/dev/null
	check "agree: the site's findings are lint's after the edit (cache)" \
	    python3 tests/site/agree.py "$out/agree.json" "$out/agree-c"
	# a report without a title is named after its file
	sed -i '/^title:/d' "$xc/content/alone/2023/overall.md"
	"$tally" -C "$xc" build -q --theme "$top/themes/default" -o "$top/$out/agree-c"
	check "a report without a title is named after its file" \
	    grep -q '<title>overall - ' "$out/agree-c/units/alone/2023/overall.html"
	"$tally" -C "$xc" build -q --no-cache --theme "$top/themes/default" \
	    -o "$top/$out/agree-r"
	check "agree: cached = --no-cache after the edit" diff -r "$out/agree-c" "$out/agree-r"
fi

# --- safety -------------------------------------------------------------------
expect_exit "refuse -o ." 2 "$tally" build -o .
expect_exit "refuse -o content" 2 "$tally" build -o content
expect_exit "refuse -o content/x" 2 "$tally" build -o content/sub
expect_exit "refuse -o .." 2 "$tally" build -o ..
mkdir -p "$out/foreign"
echo keep >"$out/foreign/file.txt"
expect_exit "refuse a foreign non-empty directory" 2 "$tally" build -o "$out/foreign"
check "the foreign directory is untouched" grep -q keep "$out/foreign/file.txt"
expect_exit "unknown build option" 2 "$tally" build --frobnicate
expect_exit "bad --base-url" 2 "$tally" build -o "$out/d" --base-url 'javascript:alert(1)'

# --- what is listed ------------------------------------------------------------
# Regular files and links that stay inside the site are sources; hidden
# files, links that leave the site and other kinds of file (a pipe, which
# would block a reader) are not.
ls_src=$top/$out/listing
ls_out=$top/$out/listing-site
mkdir -p "$ls_src" "$top/$out/outside"
cp -r content schemas themes tally.yaml "$ls_src/"
z=$ls_src/content/km-zfw
mkdir -p "$z/2020"
ln -s ../2018/project-grid-subsidy.md "$z/2020/project-linked.md"
ln -s 2018 "$z/2021"
cp content/km-zfw/2018/project-grid-subsidy.md "$z/2018/.hidden.md"
cp content/km-zfw/2018/project-grid-subsidy.md "$top/$out/outside/x.md"
ln -s "$top/$out/outside/x.md" "$z/2018/outside.md"
mkfifo "$z/2018/pipe.md"
expect_exit "listing: build" 0 timeout 120 "$tally" -C "$ls_src" build -q -o "$ls_out"
check "listing: a linked file is a report" test -f "$ls_out/units/km-zfw/2020/project-linked.html"
check "listing: a linked directory is walked" test -f "$ls_out/units/km-zfw/2021/project-grid-subsidy.html"
check "listing: hidden files are not reports" test ! -e "$ls_out/units/km-zfw/2018/.hidden.html"
check "listing: a pipe is not a report" test ! -e "$ls_out/units/km-zfw/2018/pipe.html"
check "listing: a link out of the site is not a report" test ! -e "$ls_out/units/km-zfw/2018/outside.html"
"$tally" -C "$ls_src" lint >"$out/listing.lint" 2>&1
check "listing: a link out of the site is refused with its path" \
    grep -q '^content/km-zfw/2018/outside.md: error: 符号链接指向站点目录之外' "$out/listing.lint"

# --- the incremental cache ------------------------------------------------------
# Each step changes the site's sources, builds with the cache into co and
# without it into cr, and compares the two.
cp -r content schemas themes tally.yaml "$cs/"
co=$top/$out/cache
cr=$top/$out/cache-ref
cached() { # name [build options]: built with the cache = built without
	name=$1
	shift
	expect_exit "cache: build ($name)" 0 "$tally" -C "$cs" build -q -o "$co" "$@"
	rm -rf "$cr"
	expect_exit "cache: reference build ($name)" 0 "$tally" -C "$cs" build -q \
	    --no-cache -o "$cr" "$@"
	check "cache: identical to --no-cache ($name)" diff -r "$co" "$cr"
}
inode() { ls -i "$1" | awk '{print $1}'; }
cached "cold"
check "cache: kept in .tally-cache at the site root" test -f "$cs/.tally-cache/meta"
check "cache: nothing of it in the output" sh -c \
    "! find '$co' -name '.tally-cache' -o -name '*.tmp-*' | grep -q ."
kept=units/km-zfw/2018/project-grid-subsidy.html
ino=$(inode "$co/$kept")
cached "unchanged: linked from the site"
check "cache: an unchanged page is linked, not written" test "$ino" = "$(inode "$co/$kept")"
cached "unchanged: the older site reused"
check "cache: the older site is kept" test -d "$cs/.tally-cache/spare"
check "cache: an unchanged page is kept, not written" test "$ino" = "$(inode "$co/$kept")"
cached "unchanged, --jobs 2" --jobs 2
# a report's text, then its figures
printf '\n追加的一段说明文字。\n' >>"$cs/content/km-panlong-grid/2023/overall.md"
edited=units/km-panlong-grid/2023/overall.html
ino_e=$(inode "$co/$edited")
cached "a report's text"
check "cache: the edited report's page is written" test "$ino_e" != "$(inode "$co/$edited")"
check "cache: the other reports' pages are not" test "$ino" = "$(inode "$co/$kept")"
uown=units/dongan-grid/index.html
uother=units/km-zfw/index.html
ino_uo=$(inode "$co/$uother")
ino_un=$(inode "$co/$uown")
ino_y18=$(inode "$co/years/2018/index.html")
ino_y23=$(inode "$co/years/2023/index.html")
ino_tp=$(inode "$co/types/project/index.html")
sed -i 's/^score: 95$/score: 90/' "$cs/content/dongan-grid/2023/overall.md"
cached "a report's score (listings change)" --jobs 1
check "cache: the changed report's unit page is made again" \
    test "$ino_un" != "$(inode "$co/$uown")"
check "cache: another unit's page is not (it shows what it showed)" \
    test "$ino_uo" = "$(inode "$co/$uother")"
check "cache: the listing of the report's year is made again" \
    test "$ino_y23" != "$(inode "$co/years/2023/index.html")"
check "cache: other years' and types' listings are not" \
    test "$ino_y18" = "$(inode "$co/years/2018/index.html")" -a \
    "$ino_tp" = "$(inode "$co/types/project/index.html")"
# unit.yaml and the theme
sed -i '0,/^name:/s/^name: \(.*\)$/name: \1（改）/' "$cs/content/km-zfw/unit.yaml"
cached "unit.yaml"
sed -i 's/^skip: .*/skip: 跳到正文内容/' "$cs/themes/default/i18n/zh-CN.yaml"
cached "a theme string"
# reports added, made a draft, removed
mkdir -p "$cs/content/km-zfw/2019"
cp "$cs/content/km-zfw/2018/project-grid-subsidy.md" "$cs/content/km-zfw/2019/project-new.md"
sed -i 's/^year: 2018$/year: 2019/' "$cs/content/km-zfw/2019/project-new.md"
cached "a report added"
sed -i '0,/^title:/s/^title:/draft: true\ntitle:/' "$cs/content/km-zfw/2019/project-new.md"
cached "a report made a draft"
cached "drafts published" --drafts
rm -r "$cs/content/km-zfw/2019"
cached "a report removed"
# the content listing kept in the cache: a directory whose mtime is the
# recorded one is not read again; one that changed is
sleep 3 # every directory now older than the next listing's racy window
cached "the listing recorded"
check "cache: the listing is kept" test -s "$cs/.tally-cache/listing"
cached "the listing used"
cp "$cs/content/km-zfw/2018/project-grid-subsidy.md" "$cs/content/km-zfw/2018/project-listed.md"
cached "a report added to a listed directory"
check "cache: the added report is listed" test -f "$co/units/km-zfw/2018/project-listed.html"
mkdir -p "$cs/content/km-zfw/2017"
mv "$cs/content/km-zfw/2018/project-listed.md" "$cs/content/km-zfw/2017/project-listed.md"
sed -i 's/^year: 2018$/year: 2017/' "$cs/content/km-zfw/2017/project-listed.md"
cached "a report moved to a new directory"
check "cache: the moved report is listed where it went" sh -c \
    "test -f '$co/units/km-zfw/2017/project-listed.html' && ! test -e '$co/units/km-zfw/2018/project-listed.html'"
rm -r "$cs/content/km-zfw/2017"
cached "and removed"
printf 'garbage\n' >"$cs/.tally-cache/listing"
cached "a damaged listing"
# a relative link: whether its target exists is not in any key
printf '\n见[附件](attachments/a.pdf)。\n' >>"$cs/content/km-luolong-street/2019/project-wujin-grid.md"
cached "a relative link to nothing"
mkdir -p "$cs/content/km-luolong-street/2019/attachments"
echo pdf >"$cs/content/km-luolong-street/2019/attachments/a.pdf"
cached "the link's target appears"
check "cache: L001 gone once the target exists" sh -c \
    "! grep -q L001 '$co/units/km-luolong-street/2019/project-wujin-grid.json'"
# damage: the index cut short, a byte of it changed, the published site
# changed by hand (a page rewritten in place, a file added)
recs=$cs/.tally-cache/records
head -c "$(($(wc -c <"$recs") / 2))" "$recs" >"$recs.cut" && mv "$recs.cut" "$recs"
cached "records cut short"
printf 'X' | dd of="$cs/.tally-cache/meta" bs=1 seek=40 conv=notrunc 2>/dev/null
cached "meta damaged"
cached "after the damage"
echo '<p>changed by hand</p>' >>"$co/$kept"
echo stray >"$co/units/km-zfw/stray.html"
cached "a page changed by hand"
cached "a file added by hand (now in the older site)"
cached "and once more"
# --no-cache leaves the cache as it was; a failed build leaves the site
# and the cache usable
sum=$(cksum <"$cs/.tally-cache/meta")
expect_exit "cache: --no-cache build" 0 "$tally" -C "$cs" build -q --no-cache -o "$top/$out/cache-nc"
check "cache: --no-cache does not touch the cache" test "$sum" = "$(cksum <"$cs/.tally-cache/meta")"
snapshot "$co" >"$out/cache.before"
expect_exit "cache: --strict with errors fails" 1 "$tally" -C "$cs" build -q --strict -o "$co"
snapshot "$co" >"$out/cache.after"
check "cache: --strict leaves the site byte-identical" cmp "$out/cache.before" "$out/cache.after"
check "cache: no temporary directory left" sh -c "! ls -d $co.tmp-* 2>/dev/null"
printf '\n又一段。\n' >>"$cs/content/km-panlong-grid/2023/overall.md"
cached "after a failed build"
mkdir "$top/$out/cache-empty"
cp -r "$cs/content" "$cs/schemas" "$cs/themes" "$cs/tally.yaml" "$top/$out/cache-empty/"
expect_exit "cache: --no-cache build of a fresh copy" 0 "$tally" -C "$top/$out/cache-empty" \
    build -q --no-cache -o "$top/$out/cache-nc2"
check "cache: --no-cache makes no cache" test ! -e "$top/$out/cache-empty/.tally-cache"

# --- history and reproducibility (git) ---------------------------------------
# A repository made here with fixed dates: the report page lists the
# commits of its file (renames followed), the unit page the first and last
# dates; two clones at different paths, built at different times, give
# byte-identical sites; a shallow clone says its history is cut.
if command -v git >/dev/null 2>&1; then
	g=$(mktemp -d)
	(
		cd "$g" && mkdir repo && cd repo &&
		cp -r "$sample"/content "$sample"/schemas "$sample"/themes "$sample"/tally.yaml . &&
		export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
		    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org &&
		git init -q -b main . &&
		git config core.autocrlf false &&
		GIT_AUTHOR_DATE='2024-05-17T10:00:00+08:00' GIT_COMMITTER_DATE='2024-05-17T10:00:00+08:00' \
		    git add -A && GIT_AUTHOR_DATE='2024-05-17T10:00:00+08:00' \
		    GIT_COMMITTER_DATE='2024-05-17T10:00:00+08:00' git commit -qm "首次发布" &&
		git mv content/km-zfw/2018/project-grid-subsidy.md content/km-zfw/2018/project-subsidy.md &&
		GIT_AUTHOR_DATE='2024-06-01T09:00:00+08:00' GIT_COMMITTER_DATE='2024-06-01T09:00:00+08:00' \
		    git commit -qm "重命名报告文件" &&
		sed -i 's/实际使用资金299元/实际使用资金299元 /' content/km-zfw/2018/project-subsidy.md &&
		GIT_AUTHOR_DATE='2024-07-02T09:00:00+08:00' GIT_COMMITTER_DATE='2024-07-02T09:00:00+08:00' \
		    git commit -qam "修订：正文空格"
	) >"$out/git.log" 2>&1 || bad "make the history repository"
	expect_exit "build from a repository" 0 "$tally" -C "$g/repo" build -q -o "$g/site1"
	page="$g/site1/units/km-zfw/2018/project-subsidy.html"
	check "history lists the three commits, renames followed" sh -c \
	    "grep -c '<time datetime=\"2024-0[567]-[0-9]*\">' '$page' | grep -qx 4"
	check "history subjects shown" grep -q '修订：正文空格' "$page"
	check "first commit (before the rename) shown" grep -q '首次发布' "$page"
	check "unit page: first published and last revised" sh -c \
	    "grep -q '2024-05-17' '$g/site1/units/km-zfw/index.html' && grep -q '2024-07-02' '$g/site1/units/km-zfw/index.html'"
	# reproducible: another clone, another path, another time
	git clone -q "$g/repo" "$g/other-clone" 2>>"$out/git.log"
	sleep 1
	expect_exit "build another clone" 0 "$tally" -C "$g/other-clone" build -q -o "$g/site2"
	check "two clones build byte-identical sites" diff -r "$g/site1" "$g/site2"
	expect_exit "build --rev HEAD~1 (before the edit)" 0 "$tally" -C "$g/repo" --rev HEAD~1 build -q -o "$g/site3"
	check "--rev HEAD~1: the page of that commit" sh -c \
	    "! grep -q '修订：正文空格' '$g/site3/units/km-zfw/2018/project-subsidy.html'"
	git clone -q --depth 1 "file://$g/repo" "$g/shallow" 2>>"$out/git.log"
	expect_exit "build a shallow clone" 0 "$tally" -C "$g/shallow" build -q -o "$g/site4"
	check "a shallow clone says its history is cut" grep -q 'shallow\|浅克隆' "$g/site4/units/km-zfw/2018/project-subsidy.html"
	# the cache across commits: a page's history is in its key
	expect_exit "cache: build before a commit" 0 "$tally" -C "$g/repo" build -q -o "$g/site1"
	(
		cd "$g/repo" && export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
		    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org \
		    GIT_AUTHOR_DATE='2024-08-01T09:00:00+08:00' \
		    GIT_COMMITTER_DATE='2024-08-01T09:00:00+08:00' &&
		printf '\n补充说明。\n' >>content/dongan-grid/2023/overall.md &&
		git commit -qam "补充说明"
	) >>"$out/git.log" 2>&1 || bad "commit for the cache"
	expect_exit "cache: rebuild after a commit" 0 "$tally" -C "$g/repo" build -q -o "$g/site1"
	expect_exit "cache: reference after a commit" 0 "$tally" -C "$g/repo" build -q --no-cache -o "$g/site1ref"
	check "cache: a commit's history shown as without the cache" diff -r "$g/site1" "$g/site1ref"
	check "cache: the new commit is on the page" grep -q '补充说明' "$g/site1/units/dongan-grid/2023/overall.html"
	expect_exit "cache: --rev HEAD~1 again" 0 "$tally" -C "$g/repo" --rev HEAD~1 build -q -o "$g/site3"
	expect_exit "cache: --rev HEAD~1, from the cache" 0 "$tally" -C "$g/repo" --rev HEAD~1 build -q -o "$g/site3"
	expect_exit "cache: --rev HEAD~1 reference" 0 "$tally" -C "$g/repo" --rev HEAD~1 build -q --no-cache -o "$g/site3ref"
	check "cache: --rev with the cache as without" diff -r "$g/site3" "$g/site3ref"
	rm -rf "$g"
else
	echo "site: git not found: history checks skipped" >&2
fi

echo "site: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
