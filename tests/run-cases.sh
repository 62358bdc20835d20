#!/bin/sh
# Regression corpus (STYLE 15).  Each tests/cases/<GROUP>/<name>.md has a
# <name>.expected beside it:
#   tests/cases/dump/*      `tally dump FILE`
#   tests/cases/<RULE>/*    `tally lint FILE` (one diagnostic a line)
#   tests/cases/golden/*    a command listed in <name>.cmd, run from the top
# `--regen` rewrites the expected files instead of comparing: review the
# diff before committing it.
set -u
regen=0
if [ "${1:-}" = "--regen" ]; then
	regen=1
	shift
fi
tally=${1:?usage: run-cases.sh [--regen] TALLY}
out=tests/out/cases
rm -rf "$out"
mkdir -p "$out"
pass=0
fail=0

run_one() { # expected-file command...
	exp=$1
	shift
	got="$out/$(echo "$exp" | tr '/' '_').got"
	"$@" >"$got" 2>&1
	echo "exit $?" >>"$got"
	if [ "$regen" -eq 1 ]; then
		cp "$got" "$exp"
		pass=$((pass + 1))
	elif [ -f "$exp" ] && diff -u "$exp" "$got" >"$got.diff"; then
		pass=$((pass + 1))
	else
		[ -f "$exp" ] || echo "missing $exp" >"$got.diff"
		echo "FAIL: $exp" >&2
		cat "$got.diff" >&2
		fail=$((fail + 1))
	fi
}

for dir in tests/cases/*/; do
	group=$(basename "$dir")
	for md in "$dir"*.md; do
		[ -f "$md" ] || continue
		exp="${md%.md}.expected"
		case "$group" in
		dump) run_one "$exp" "$tally" dump "$md" ;;
		golden) ;;
		*) run_one "$exp" "$tally" lint --no-color "$md" ;;
		esac
	done
	for cmd in "$dir"*.cmd; do
		[ -f "$cmd" ] || continue
		exp="${cmd%.cmd}.expected"
		# shellcheck disable=SC2046
		run_one "$exp" sh -c "TALLY=$tally; . ./$cmd"
	done
done
echo "cases: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
