#!/bin/sh
# Runs every cmocka unit test binary given on the command line (built with
# AddressSanitizer and UndefinedBehaviorSanitizer) and prints one summary.
set -u
pass=0
fail=0
for t in "$@"; do
	if "$t"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $t" >&2
		fail=$((fail + 1))
	fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
