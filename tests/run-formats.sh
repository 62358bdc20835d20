#!/bin/sh
# The machine-readable outputs of tally lint validate: SARIF 2.1.0 against
# the official schema, tally's JSON and reviewdog's rdjson against their
# schemas, and --format github as workflow commands GitHub parses.  A
# tampered document must fail, so the validator is shown to bite.
set -u
tally=${1:?usage: run-formats.sh TALLY}
out=tests/out/formats
mkdir -p "$out"
if [ ! -d tests/js/node_modules/ajv ]; then
	(cd tests/js && npm ci --no-audit --no-fund --loglevel=error) || {
		echo "formats: npm ci failed" >&2
		exit 1
	}
fi
pass=0
fail=0
check() { # description command...
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
for target in content tests/cases; do
	name=$(echo "$target" | tr '/' '_')
	for f in sarif json rdjson github; do
		"$tally" lint --format "$f" "$target" >"$out/$name.$f" 2>"$out/$name.$f.err"
		rc=$?
		check "$target --format $f exit status ($rc)" test "$rc" -le 1
		check "$target --format $f validates" node tests/js/validate.js "$f" "$out/$name.$f"
	done
	"$tally" --lang en lint --format sarif "$target" >"$out/$name.en.sarif"
	check "$target --lang en sarif validates" node tests/js/validate.js sarif "$out/$name.en.sarif"
done
# The validators must reject broken documents.
sed 's/"version": "2.1.0"/"version": "2.0"/' "$out/content.sarif" >"$out/bad.sarif"
check "tampered SARIF is rejected" sh -c "! node tests/js/validate.js sarif $out/bad.sarif"
sed 's/"startLine": [0-9]*/"startLine": 0/' "$out/tests_cases.sarif" >"$out/bad2.sarif"
check "SARIF with line 0 is rejected" sh -c "! node tests/js/validate.js sarif $out/bad2.sarif"
sed 's/"severity": "error"/"severity": "fatal"/' "$out/content.json" >"$out/bad.json"
check "tampered JSON is rejected" sh -c "! node tests/js/validate.js json $out/bad.json"
printf '::error file=a.md,line=1::ok\n::bogus::x\n' >"$out/bad.github"
check "malformed workflow command is rejected" sh -c "! node tests/js/validate.js github $out/bad.github"
echo "formats: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
