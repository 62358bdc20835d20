#!/bin/sh
# Browser test (DESIGN section 7): the sample site in headless Chromium.
# Run from the repository root:
#
#   sh tests/browser/run.sh TALLY
#
# Builds the sample site with TALLY into a temporary directory, then runs
# tests/browser/run.js on it: navigation by clicking, the search box,
# every internal link and #fragment, no console errors, axe-core (WCAG
# 2.1 A and AA), the phone layout, Chinese fonts and the print style.
# Screenshots (1280 and 390 px) and a PDF of a report go to
# tests/out/browser/ for a person to look at.
#
# Needs Debian's chromium and fonts-noto-cjk (scripts/install-deps.sh
# check installs them) and playwright-core + axe-core from tests/js
# (npm ci here when they are missing; no browser is ever downloaded).
# CHROMIUM=/path overrides /usr/bin/chromium; VERBOSE=1 lists every check.
set -u
tally=${1:?usage: run.sh TALLY}
case $tally in /*) ;; *) tally=$(pwd)/$tally ;; esac
out=tests/out/browser
summary() { # failed-step message
	echo "FAIL: $1" >&2
	echo "browser: 0 passed, 1 failed"
	exit 1
}
command -v node >/dev/null 2>&1 || summary "node not found (scripts/install-deps.sh check)"
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || summary "$chromium not found (apt-get install chromium)"
if [ ! -d tests/js/node_modules/playwright-core ] || [ ! -d tests/js/node_modules/axe-core ]; then
	(cd tests/js && npm ci --no-audit --no-fund --loglevel=error) ||
	    summary "npm ci in tests/js failed"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
"$tally" build -q -o "$tmp/site" >"$tmp/build.log" 2>&1 || {
	sed 's/^/    /' "$tmp/build.log" >&2
	summary "tally build"
}
rm -rf "$out"
mkdir -p "$out"

# run.js bounds itself (BROWSER_TEST_TIMEOUT, 110 s); timeout(1) is the
# backstop should node itself hang: on its TERM playwright ends the
# browser it started (and Chromium quits when its control pipe closes).
BROWSER_TEST_TIMEOUT=${BROWSER_TEST_TIMEOUT:-110}
export BROWSER_TEST_TIMEOUT
TMPDIR=$tmp
export TMPDIR
if command -v timeout >/dev/null 2>&1; then
	timeout -k 5 $((BROWSER_TEST_TIMEOUT + 20)) node tests/browser/run.js "$tmp/site" "$out" \
	    >"$tmp/run.log" 2>&1
else
	node tests/browser/run.js "$tmp/site" "$out" >"$tmp/run.log" 2>&1
fi
rc=$?
cat "$tmp/run.log"
if ! grep -q '^browser: [0-9]* passed, [0-9]* failed$' "$tmp/run.log"; then
	summary "run.js ended without a result (exit $rc)"
fi
[ "$rc" -eq 0 ]
