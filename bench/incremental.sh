#!/bin/sh
# bench/incremental.sh - the incremental build (DESIGN section 7) against
# its target (section 10): one changed report in 10 000 rebuilds in at
# most 5 % of a full build.  Generates N synthetic reports (bench/gen.c)
# into a private temporary directory, then times, RUNS times each:
#
#   full   tally build --no-cache into a new output directory
#   text   the rebuild after one report's text changed (its page, JSON and
#          Markdown copy change; the listings do not)
#   score  the rebuild after one report's score changed (the listings,
#          unit page, data files and feed are made again too)
#
# The cache is warmed first (a cold build, then two rebuilds, so that it
# holds the older site it starts from); each timed rebuild changes another
# report.  After the last one the output is compared with a --no-cache
# build (diff -r): byte-identical or the script fails.  Prints figures
# only otherwise: there is no pass/fail on time.
#
#   sh bench/incremental.sh
#
# Environment: N (default 10000), RUNS (default 3), SEED (default 1), JOBS
# (tally build --jobs, default: nproc), TALLY (a tally binary instead of
# building build/tally).  Outputs are not deleted between runs (see
# bench/site.sh: ext4 without a journal makes files created right after a
# large deletion slow), only at the end.
set -eu

cd "$(dirname "$0")/.."
N=${N:-10000}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
JOBS=${JOBS:-$(nproc)}
GEN=build/bench-gen
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tally-bench-incr.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

if [ ! -x /usr/bin/time ]; then
	echo "bench: /usr/bin/time is missing; install Debian's 'time' package" \
	    "(sh scripts/install-deps.sh bench)" >&2
	exit 2
fi
if [ -z "${TALLY:-}" ]; then
	TALLY=build/tally
	if ! make --no-print-directory NODEPS=1 all >/dev/null; then
		echo "bench: the build failed (make NODEPS=1 all)" >&2
		exit 2
	fi
fi
case $TALLY in /*) ;; *) TALLY=$(pwd)/$TALLY ;; esac
if ! make --no-print-directory NODEPS=1 "$GEN" >/dev/null 2>&1; then
	mkdir -p build
	${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 \
	    -o "$GEN" bench/gen.c
fi

site=$TMP/site
"$GEN" -n "$N" -s "$SEED" -o "$site" --schemas "$(pwd)/schemas" \
    --theme "$(pwd)/themes/default" 2>/dev/null
sync

# time LABEL DIR ARGS...: one build, its wall-clock seconds appended to
# $TMP/LABEL.  The sync first: a full build leaves half a gigabyte to
# write back, which would slow down whatever runs next.
time_build() {
	label=$1
	out=$2
	shift 2
	sync
	/usr/bin/time -f '%e %U %S %M' -o "$TMP/t" "$TALLY" -C "$site" build -q \
	    --jobs "$JOBS" -o "$out" "$@"
	cat "$TMP/t" >>"$TMP/$label"
}

# median of the first column
median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# The reports to change: spread over the corpus, one a run.
find "$site/content" -name '*.md' | LC_ALL=C sort >"$TMP/reports"
pick() { # k: the k-th report to change (1-based)
	sed -n "$(( (k * 7919) % N + 1 ))p" "$TMP/reports"
}

echo "bench: $N reports, --jobs $JOBS, $RUNS runs each ($(nproc) CPUs)"
for i in $(seq "$RUNS"); do
	time_build full "$TMP/full-$i" --no-cache
done
# the cache: cold, then warm with the older site in place
time_build cold "$TMP/out"
time_build warmup "$TMP/out"
time_build warmup "$TMP/out"
k=0
for i in $(seq "$RUNS"); do
	k=$((k + 1))
	f=$(pick)
	printf '\n本段为基准测试修改的文字（第%s次）。\n' "$k" >>"$f"
	time_build text "$TMP/out"
done
for i in $(seq "$RUNS"); do
	k=$((k + 1))
	f=$(pick)
	if grep -q '^score: ' "$f"; then
		sed -i "s/^score: .*/score: $((60 + k))/" "$f"
	else
		sed -i "0,/^title:/s/^title:/score: $((60 + k))\ntitle:/" "$f"
	fi
	time_build score "$TMP/out"
done

# byte-identical to a build without the cache
"$TALLY" -C "$site" build -q --no-cache --jobs "$JOBS" -o "$TMP/ref"
if ! diff -r "$TMP/out" "$TMP/ref" >"$TMP/diff"; then
	echo "bench: the cached build differs from a --no-cache build:" >&2
	head -20 "$TMP/diff" >&2
	exit 1
fi

full=$(median "$TMP/full")
printf '%-34s %8s %8s %8s %10s\n' "" "wall s" "user s" "sys s" "peak KiB"
show() { # label text
	while read -r e u s m; do
		printf '%-34s %8s %8s %8s %10s\n' "$2" "$e" "$u" "$s" "$m"
	done <"$TMP/$1"
}
show full "full build (--no-cache)"
show cold "first build with the cache"
show text "one report's text changed"
show score "one report's score changed"
for l in text score; do
	m=$(median "$TMP/$l")
	awk -v m="$m" -v f="$full" -v l="$l" 'BEGIN {
		printf "%-6s median %.2f s = %.1f %% of the full build (median %.2f s)\n",
		    l, m, 100 * m / f, f }'
done
echo "the cached output is byte-identical to a --no-cache build"
