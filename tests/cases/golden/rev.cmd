# --rev reads content, schemas and tally.yaml from a commit's tree:
# uncommitted edits are ignored; HEAD~1, a tag and a short id resolve;
# outside a repository and with an unknown revision, a clear error.
top=$(pwd)
d=$(mktemp -d)
mkdir -p "$d/site"
cp -r content schemas tally.yaml "$d/site/"
cd "$d/site"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
export GIT_AUTHOR_DATE='2024-01-01T00:00:00+08:00' GIT_COMMITTER_DATE='2024-01-01T00:00:00+08:00'
git init -q -b main . && git add -A && git commit -qm first && git tag v1
sed -i 's/^published: 2024-05-17$/published: 2024-13-45/' content/dongan-grid/2023/overall.md
git commit -qam "a bad date"
sed -i 's/^year: 2023$/year: 2022/' content/dongan-grid/2023/overall.md
echo "== working tree (uncommitted year edit shows)"
"$top/$TALLY" lint --no-color -q content/dongan-grid | grep -E 'M002|M003'
echo "== --rev HEAD (the committed bad date, not the uncommitted year)"
"$top/$TALLY" --rev HEAD lint --no-color -q content/dongan-grid | grep -E 'M002|M003'
echo "== --rev HEAD~1, v1 and a short id: clean of both"
for r in HEAD~1 v1 $(git rev-parse --short HEAD~1); do
	"$top/$TALLY" --rev "$r" lint --no-color -q content/dongan-grid | grep -cE 'M002|M003'
done
echo "== an unknown revision"
"$top/$TALLY" --rev nope lint -q 2>&1 | sed "s|$d|DIR|"
echo "== outside a repository"
mkdir "$d/plain" && cp -r "$top/schemas" "$d/plain/" && cd "$d/plain"
"$top/$TALLY" --rev HEAD lint 2>&1 | sed "s|$d|DIR|"
cd "$top"
rm -rf "$d"
