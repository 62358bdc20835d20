#!/bin/sh
# Regenerates the rule list in README.md from the rule table
# (`tally explain --format markdown`), between the two marker lines.
# With --check, only reports whether README.md is up to date.
set -eu
tally=${TALLY:-build/tally}
check=0
[ "${1:-}" = "--check" ] && check=1
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.new"' EXIT
"$tally" explain --format markdown >"$tmp"
awk -v table="$tmp" '
	/<!-- rules:begin -->/ { print; while ((getline l < table) > 0) print l; skip = 1; next }
	/<!-- rules:end -->/ { skip = 0 }
	!skip { print }
' README.md >"$tmp.new"
if [ "$check" -eq 1 ]; then
	if cmp -s README.md "$tmp.new"; then
		echo "README rule list: up to date"
	else
		echo "README rule list is stale: run scripts/readme-rules.sh" >&2
		diff -u README.md "$tmp.new" >&2 || true
		exit 1
	fi
else
	cp "$tmp.new" README.md
fi
