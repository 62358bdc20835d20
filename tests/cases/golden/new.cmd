# tally new scaffolds a report from its schema, never overwrites, and the
# scaffold's placeholders are caught by the linter (S006).
top=$(pwd)
d=$(mktemp -d)
cp -r schemas "$d/"
cd "$d"
"$top/$TALLY" new --unit demo-unit --year 2024 --project grid-ops
cat content/demo-unit/2024/project-grid-ops.md
"$top/$TALLY" new --unit demo-unit --year 2024 --project grid-ops
echo "second run: exit $?"
"$top/$TALLY" new --unit Bad_Unit --year 2024
echo "bad unit: exit $?"
"$top/$TALLY" lint --no-color -q content/demo-unit/2024/project-grid-ops.md | grep -c S006
cd "$top"
rm -rf "$d"
