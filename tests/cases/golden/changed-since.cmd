# tally lint --changed-since REV lints only what a branch changed: an
# edited report, a renamed one, an untracked new one; a deleted report is
# no error; a changed schema brings in every report of its type.
top=$(pwd)
d=$(mktemp -d)
cp -r content schemas tally.yaml "$d/"
cd "$d"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
export GIT_AUTHOR_DATE='2024-01-01T00:00:00+08:00' GIT_COMMITTER_DATE='2024-01-01T00:00:00+08:00'
git init -q -b main . && git add -A && git commit -qm base
git checkout -q -b edit
sed -i 's/归档率99.6%/归档率99.66%/' content/dongan-grid/2023/overall.md
echo "== one edited report"
"$top/$TALLY" lint --no-color --changed-since main
echo "exit $?"
git rm -q content/km-zfw/2018/project-grid-subsidy.md
git mv content/km-luolong-street/2019/project-wujin-grid.md content/km-luolong-street/2019/project-renamed.md
echo "== plus a deletion and a rename"
"$top/$TALLY" lint --no-color -q --changed-since main | cut -d: -f1 | sort -u
echo "== a changed schema brings in its type"
git checkout -q -- . 2>/dev/null; git reset -q --hard
echo "# touched" >> schemas/project.yaml
"$top/$TALLY" lint --no-color -q --changed-since main | cut -d: -f1 | sort -u
echo "== nothing changed"
git reset -q --hard
"$top/$TALLY" lint --no-color --changed-since main
echo "exit $?"
echo "== an unknown revision"
"$top/$TALLY" lint --no-color --changed-since no-such-branch 2>&1 | sed "s|$d|SITE|"
cd "$top"
rm -rf "$d"
