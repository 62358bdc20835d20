#!/bin/sh
# The GitHub workflows validate against the workflow schema (action-
# validator, from npm; actionlint is not installable here), the
# pre-commit manifest against pre-commit's format, and a broken workflow
# and manifest are rejected, so the validators are shown to bite.
set -u
out=tests/out/workflows
mkdir -p "$out"
if [ ! -x tests/js/node_modules/.bin/action-validator ]; then
	(cd tests/js && npm ci --no-audit --no-fund --loglevel=error) || exit 1
fi
av=tests/js/node_modules/.bin/action-validator
pass=0
fail=0
check() {
	d=$1
	shift
	if "$@" >"$out/last.log" 2>&1; then
		pass=$((pass + 1))
	else
		echo "FAIL: $d" >&2
		cat "$out/last.log" >&2
		fail=$((fail + 1))
	fi
}
for wf in .github/workflows/*.yml; do
	check "$wf validates" "$av" "$wf"
done
check ".pre-commit-hooks.yaml validates" node tests/js/check-hooks.js .pre-commit-hooks.yaml
printf 'name: x\non: push\njobs:\n  a:\n    runs-onn: ubuntu-latest\n    steps:\n      - run: true\n' >"$out/bad.yml"
check "a broken workflow is rejected" sh -c "! $av $out/bad.yml"
printf -- '- id: x\n  name: x\n  entry: x\n  language: sistem\n' >"$out/bad-hooks.yaml"
check "a broken hook manifest is rejected" sh -c "! node tests/js/check-hooks.js $out/bad-hooks.yaml"
echo "workflows: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
