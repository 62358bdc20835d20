#!/bin/sh
# bench/run.sh - the lint benchmark of DESIGN section 10: generate N
# synthetic reports (bench/gen.c) into bench/out/, then time `tally lint`
# on them, RUNS times, beside `cat` of the same files (the I/O floor).
# Prints figures only: there is no pass/fail here.
#
#   sh bench/run.sh            (or: make bench)
#
# Environment: N (reports, default 10000), RUNS (default 3), SEED (default
# 1), K (injected errors, default 0), TALLY (a tally binary to time instead
# of building build/tally), KEEP=1 (reuse bench/out if it holds N reports).
set -eu

cd "$(dirname "$0")/.."
N=${N:-10000}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
K=${K:-0}
OUT=bench/out
GEN=build/bench-gen
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if [ ! -x /usr/bin/time ]; then
	echo "bench: /usr/bin/time is missing; install Debian's 'time' package" \
	    "(apt-get install time)" >&2
	exit 2
fi

# --- build -----------------------------------------------------------------
if [ -z "${TALLY:-}" ]; then
	TALLY=build/tally
	if ! make --no-print-directory NODEPS=1 all >/dev/null; then
		echo "bench: the build failed (make NODEPS=1 all)" >&2
		exit 2
	fi
fi
if ! make --no-print-directory NODEPS=1 "$GEN" >/dev/null 2>&1; then
	# a Makefile without the rule for the generator: build it directly
	mkdir -p build
	${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 \
	    -o "$GEN" bench/gen.c
fi
rev=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
[ -n "$(git status --porcelain -- src 2>/dev/null)" ] && rev="$rev+changes"

# --- the corpus --------------------------------------------------------------
have=0
if [ "${KEEP:-0}" = 1 ] && [ -d "$OUT/content" ]; then
	have=$(find "$OUT/content" -name '*.md' | wc -l)
fi
if [ "$have" -ne "$N" ]; then
	rm -rf "$OUT"
	/usr/bin/time -f '%e' -o "$TMP/gen" "$GEN" -n "$N" -k "$K" -s "$SEED" \
	    -o "$OUT" 2>/dev/null
	gen="generated in $(cat "$TMP/gen") s"
else
	gen="reused"
fi
files=$(find "$OUT/content" -name '*.md' | wc -l)
bytes=$(find "$OUT/content" -name '*.md' -exec cat {} + | wc -c)

# --- timing --------------------------------------------------------------------
# measure LABEL CMD...: runs CMD under /usr/bin/time -v and prints one row.
measure() {
	label=$1
	shift
	/usr/bin/time -v -o "$TMP/time" "$@" >"$TMP/stdout" 2>/dev/null || true
	awk -v label="$label" -v n="$files" '
	/User time/ { user = $NF }
	/System time/ { sys = $NF }
	/Maximum resident set size/ { rss = $NF }
	/Elapsed \(wall clock\)/ {
		k = split($NF, t, ":")
		wall = (k == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2]
	}
	END {
		cpu = user + sys
		printf "  %-22s %7.2f %7.2f %10.0f %12.0f %9.1f MiB\n", label, wall,
		    cpu, (wall > 0 ? n / wall : 0), (cpu > 0 ? n / cpu : 0), rss / 1024
	}' "$TMP/time"
}

catall() {
	find "$OUT/content" -name '*.md' -exec cat {} + >/dev/null
}

catall # warm the page cache: both sides read from memory
load=$(cut -d' ' -f1 /proc/loadavg)
printf 'bench: %s reports, %s MiB (%s); %s cores (nproc), load %s\n' "$files" \
    "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')" "$gen" \
    "$(nproc)" "$load"
echo "  tally: $TALLY ($("$TALLY" version 2>/dev/null), tree $rev)"
printf '  %-22s %7s %7s %10s %12s %13s\n' "" "wall s" "CPU s" "reports/s" \
    "per core" "max RSS"
i=1
while [ "$i" -le "$RUNS" ]; do
	measure "cat (I/O floor) #$i" sh -c "find '$OUT/content' -name '*.md' -exec cat {} + >/dev/null"
	measure "tally lint -q #$i" "$TALLY" -C "$OUT" lint -q
	i=$((i + 1))
done
findings=$(wc -l <"$TMP/stdout")
echo "  per core = reports ÷ CPU seconds (user + sys); tally is single-threaded"
echo "  today, so it uses one core and per core is what wall would be on an idle"
echo "  one.  Findings on the last run: $findings lines ($K errors injected)."
