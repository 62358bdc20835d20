#!/bin/sh
# Runs tally over the sample corpus under valgrind; any leak or memory
# error fails.
set -eu
tally=${1:?usage: run-valgrind.sh TALLY}
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
for f in $(find content -name '*.md' | sort); do
	$vg "$tally" dump "$f" >/dev/null || [ $? -ne 99 ] || { echo "valgrind: $f" >&2; exit 1; }
done
$vg "$tally" lint >/dev/null || [ $? -ne 99 ] || { echo "valgrind: lint" >&2; exit 1; }
$vg "$tally" schemas >/dev/null || [ $? -ne 99 ] || { echo "valgrind: schemas" >&2; exit 1; }
echo "valgrind: clean"
