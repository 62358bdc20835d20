#!/bin/sh
# bench/site.sh - the build benchmark of DESIGN section 10: `tally build` of
# N synthetic reports (bench/gen.c) beside Hugo building the same content
# with the minimal kit of ../shared/bench/hugo-site, in one run; then the
# scale run, `tally build` of SCALE reports alone; and the rendering floor,
# the cmark-gfm CLI over the same bodies.  Prints figures only: there is no
# pass/fail here.
#
#   sh bench/site.sh           (make bench runs it after bench/run.sh's lint
#                               benchmark)
#
# Environment:
#   N       reports for the side-by-side run (default 10000), in bench/out
#   RUNS    side-by-side runs, tally and Hugo alternating (default 3)
#   SCALE   reports for the scale run (default 100000, in bench/out-scale;
#           SCALE=0 skips it: about 1 minute on 2 cores, and 15 s more
#           to generate its corpus the first time)
#   JOBS    tally build --jobs (default: nproc)
#   HUGO    a hugo binary (default: hugo on PATH); HUGO=0 skips Hugo
#   HUGO_SITE  the Hugo kit (default: ../shared/bench/hugo-site, else
#           /work/shared/bench/hugo-site); it is copied, never modified
#   CMARK=0 skips the cmark-gfm floor
#   OUT, SCALE_OUT  the corpus directories (bench/out, bench/out-scale)
#   SEED, TALLY as in bench/run.sh
#   KEEP=1, FRESH=1 as in bench/run.sh: a corpus is reused when it is what
#           the generator makes of these arguments (KEEP=1: when it has the
#           right number of reports), regenerated with FRESH=1
#   SETTLE  seconds to wait after deleting a corpus (default 310, see below)
#   CORPUS_READY=1  OUT holds the corpus already (set by bench/run.sh)
#
# Every measured command runs under /usr/bin/time -v with the corpus in the
# page cache, after a sync, into a new output directory in a private
# temporary directory (tally locks the parent of its output directory, so
# not /tmp itself).
#
# Nothing is deleted between the runs: the outputs stay until the end
# (about 2.5 GB for 3 runs of 10 000 reports and 5 GB for 100 000; set
# TMPDIR if /tmp is small) and the corpora are reused (see corpus below).
# ext4 without a journal, as on the machine of DESIGN section 10, does not
# reuse an inode freed up to 5 minutes before while it can find another
# (fs/ext4/ialloc.c: find_inode_bit, recently_deleted), and it checks each
# candidate anew at every file it creates: after a large deletion, creating
# files costs far more system time.  Measured: 16 s instead of 3.8 s for
# 10 000 reports right after deleting the previous output, 130 s instead of
# 66 s for 100 000 40 s after deleting its previous output, nearly all of
# it in the kernel.  So when a corpus had to be deleted, the first timed
# run waits SETTLE seconds (default 310) after it; deletions by other
# programs on the same file system can still inflate the times (the sys
# column shows it).
set -eu

cd "$(dirname "$0")/.."
N=${N:-10000}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
SCALE=${SCALE:-100000}
JOBS=${JOBS:-$(nproc)}
HUGO=${HUGO:-hugo}
CMARK=${CMARK:-1}
GEN=build/bench-gen
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tally-bench-site.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

if [ -z "${HUGO_SITE:-}" ]; then
	HUGO_SITE=../shared/bench/hugo-site
	[ -f "$HUGO_SITE/hugo.toml" ] || HUGO_SITE=/work/shared/bench/hugo-site
fi

if [ ! -x /usr/bin/time ]; then
	echo "bench: /usr/bin/time is missing; install Debian's 'time' package" \
	    "(sh scripts/install-deps.sh bench)" >&2
	exit 2
fi
if [ "$HUGO" != 0 ] && ! command -v "$HUGO" >/dev/null 2>&1; then
	echo "bench: no hugo (sh scripts/install-deps.sh bench); HUGO=0 skips it" >&2
	exit 2
fi
if [ "$HUGO" != 0 ] && [ ! -f "$HUGO_SITE/hugo.toml" ]; then
	echo "bench: no Hugo kit at $HUGO_SITE (set HUGO_SITE, or HUGO=0)" >&2
	exit 2
fi
[ "$CMARK" != 0 ] && ! command -v cmark-gfm >/dev/null 2>&1 && CMARK=0

# --- build -----------------------------------------------------------------
if [ -z "${TALLY:-}" ]; then
	TALLY=build/tally
	if ! make --no-print-directory NODEPS=1 all >/dev/null; then
		echo "bench: the build failed (make NODEPS=1 all)" >&2
		exit 2
	fi
fi
if ! make --no-print-directory NODEPS=1 "$GEN" >/dev/null 2>&1; then
	mkdir -p build
	${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 \
	    -o "$GEN" bench/gen.c
fi
rev=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
[ -n "$(git status --porcelain -- src themes 2>/dev/null)" ] && rev="$rev+changes"

# settle: waits until SETTLE seconds (default 310) have passed since this
# script or bench/run.sh deleted a corpus (see above).
RM_AT=${RM_AT:-0}
settle() {
	left=$((RM_AT + ${SETTLE:-310} - $(date +%s)))
	if [ "$left" -gt 0 ]; then
		echo "  (waiting $left s: a corpus was deleted; SETTLE=0 not to wait)"
		sleep "$left"
	fi
}

# corpus DIR COUNT: makes DIR hold COUNT reports (K = 0).  DIR is reused
# when its tally.yaml names these arguments and is not older than
# bench/gen.c (KEEP=1: when it holds COUNT reports); FRESH=1 regenerates
# it.  Sets $gen to what was done.
corpus() {
	have=0
	if [ "${FRESH:-0}" != 1 ] && [ -d "$1/content" ]; then
		have=$(find "$1/content" -name '*.md' | wc -l)
		if [ "${KEEP:-0}" != 1 ] &&
		    { [ -n "$(find bench/gen.c -newer "$1/tally.yaml" 2>/dev/null)" ] ||
		    ! head -1 "$1/tally.yaml" 2>/dev/null |
		    grep -q "^# Generated by bench-gen -n $2 -k 0 -s $SEED "; }; then
			have=-1
		fi
	fi
	if [ "$have" -ne "$2" ]; then
		if [ -e "$1" ]; then
			rm -rf "$1"
			RM_AT=$(date +%s)
		fi
		/usr/bin/time -f '%e' -o "$TMP/gen" "$GEN" -n "$2" -s "$SEED" \
		    -o "$1" 2>/dev/null
		gen="generated in $(cat "$TMP/gen") s"
	else
		gen="reused"
	fi
}

# warm DIR: reads every report so that each tool reads from memory.
warm() {
	find "$1/content" -name '*.md' -exec cat {} + | wc -c
}

# measure NAME CMD...: runs CMD under /usr/bin/time -v after a sync (so that
# the previous run's writes are not flushed during this one); leaves
# "wall cpu rss_kib load" in $TMP/NAME.m, the 1-minute load average just
# before the run as load.
measure() {
	name=$1
	shift
	sync
	settle
	load=$(cut -d' ' -f1 /proc/loadavg)
	st=0
	/usr/bin/time -v -o "$TMP/$name.time" "$@" >"$TMP/$name.out" \
	    2>"$TMP/$name.err" || st=$?
	awk -v load="$load" '
	/User time/ { user = $NF }
	/System time/ { sys = $NF }
	/Maximum resident set size/ { rss = $NF }
	/Elapsed \(wall clock\)/ {
		k = split($NF, t, ":")
		wall = (k == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2]
	}
	END { printf "%.2f %.2f %d %s %.2f\n", wall, user + sys, rss, load, sys }
	' "$TMP/$name.time" >"$TMP/$name.m"
	if [ "$st" -ne 0 ]; then
		echo "bench: $name exited with status $st:" >&2
		tail -5 "$TMP/$name.err" >&2
	fi
}

# row LABEL NAME REPORTS: prints one measurement.
row() {
	awk -v label="$1" -v n="$3" '{
		printf "  %-16s %7.2f %7.2f %6.2f %8.3f %8.3f %9.1f MiB %5s\n",
		    label, $1, $2, $5, $1 * 1000 / n, $2 * 1000 / n, $3 / 1024, $4
	}' "$TMP/$2.m"
}

header() {
	printf '  %-16s %7s %7s %6s %8s %8s %13s %5s\n' "" "wall s" "CPU s" \
	    "sys s" "ms/rep" "CPU ms" "peak RSS" "load"
}

# best NAME...: "min-wall min-cpu max-rss median-wall median-cpu" over the
# runs named.
best() {
	for f in "$@"; do cat "$TMP/$f.m"; done | awk '
	function median(a, n,    i, j, t) {
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{ w[NR] = $1; c[NR] = $2 }
	NR == 1 || $1 < mw { mw = $1 }
	NR == 1 || $2 < mc { mc = $2 }
	$3 > r { r = $3 }
	END { printf "%.2f %.2f %d %.2f %.2f\n", mw, mc, r, median(w, NR),
	    median(c, NR) }'
}

# pages TALLY_OUT HUGO_OUT CONTENT: counts the HTML files each tool wrote
# and checks that the report pages of both are exactly the reports.
pages() {
	(cd "$3" && find . -name '*.md' | sed 's|^\./||; s|\.md$||' | LC_ALL=C sort) \
	    >"$TMP/want"
	th=$(find "$1" -name '*.html' | wc -l)
	(cd "$1/units" && find . -mindepth 3 -maxdepth 3 -name '*.html' |
	    sed 's|^\./||; s|\.html$||' | LC_ALL=C sort) >"$TMP/tally-pages"
	printf '  pages: tally wrote %d HTML files, %d of them report pages' \
	    "$th" "$(wc -l <"$TMP/tally-pages")"
	if [ -n "$2" ]; then
		hh=$(find "$2" -name '*.html' | wc -l)
		(cd "$2" && find . -mindepth 4 -maxdepth 4 -name index.html |
		    sed 's|^\./||; s|/index\.html$||' | LC_ALL=C sort) \
		    >"$TMP/hugo-pages"
		printf '; Hugo %d, %d of them report pages' "$hh" \
		    "$(wc -l <"$TMP/hugo-pages")"
	fi
	echo
	for t in tally hugo; do
		[ -f "$TMP/$t-pages" ] || continue
		if cmp -s "$TMP/want" "$TMP/$t-pages"; then
			echo "    $t: one report page for each of the $(wc -l <"$TMP/want") reports"
		else
			echo "    $t: report pages DIFFER from the reports:" \
			    "$(LC_ALL=C comm -23 "$TMP/want" "$TMP/$t-pages" | wc -l) missing," \
			    "$(LC_ALL=C comm -13 "$TMP/want" "$TMP/$t-pages" | wc -l) extra"
		fi
	done
}

ncpu=$(nproc)
echo "build benchmark: tally build --jobs $JOBS ($ncpu cores by nproc);" \
    "Hugo uses every core (GOMAXPROCS = nproc)"
echo "  tally: $TALLY ($("$TALLY" version 2>/dev/null), tree $rev)"
[ "$HUGO" != 0 ] && echo "  hugo: $("$HUGO" version 2>/dev/null | cut -d' ' -f1-2), kit $HUGO_SITE"

# --- side by side: N reports --------------------------------------------------
OUT=${OUT:-bench/out}
if [ "${CORPUS_READY:-0}" = 1 ]; then
	gen="from bench/run.sh"
else
	corpus "$OUT" "$N"
fi
bytes=$(warm "$OUT")
files=$(find "$OUT/content" -name '*.md' | wc -l)
printf '\n%s reports, %.1f MiB (%s); best of %s runs each, alternating\n' \
    "$files" "$(echo "$bytes" | awk '{ print $1 / 1048576 }')" "$gen" "$RUNS"

if [ "$HUGO" != 0 ]; then
	mkdir "$TMP/hugo-site"
	cp -R "$HUGO_SITE/." "$TMP/hugo-site/"
	rm -rf "$TMP/hugo-site/content"
	ln -s "$(cd "$OUT/content" && pwd -P)" "$TMP/hugo-site/content"
fi
header
tn="" hn=""
i=1
while [ "$i" -le "$RUNS" ]; do
	measure "tally$i" "$TALLY" -C "$OUT" build -q --no-cache --jobs "$JOBS" \
	    -o "$TMP/tally-out$i"
	row "tally build #$i" "tally$i" "$files"
	tn="$tn tally$i"
	if [ "$HUGO" != 0 ]; then
		measure "hugo$i" "$HUGO" --quiet -s "$TMP/hugo-site" \
		    -d "$TMP/hugo-out$i"
		row "hugo #$i" "hugo$i" "$files"
		hn="$hn hugo$i"
		if [ -s "$TMP/hugo$i.err" ]; then
			echo "    hugo wrote $(wc -l <"$TMP/hugo$i.err") lines on stderr:"
			head -3 "$TMP/hugo$i.err" | sed 's/^/      /'
		fi
	fi
	i=$((i + 1))
done
# shellcheck disable=SC2086
best $tn >"$TMP/tally.best"
if [ "$HUGO" != 0 ]; then
	pages "$TMP/tally-out$RUNS" "$TMP/hugo-out$RUNS" "$OUT/content"
	# shellcheck disable=SC2086
	best $hn >"$TMP/hugo.best"
	paste -d' ' "$TMP/tally.best" "$TMP/hugo.best" | awk '{
		printf "  wall, best: tally %.2f s, Hugo %.2f s: tally/Hugo = %.3f" \
		    " (target <= 0.25)\n", $1, $6, $1 / $6
		printf "  wall, median: tally %.2f s, Hugo %.2f s: tally/Hugo = %.3f\n",
		    $4, $9, $4 / $9
		printf "  peak RSS: tally %.1f MiB, Hugo %.1f MiB: tally/Hugo = %.4f" \
		    " = 1/%.0f (target <= 1/20)\n", $3 / 1024, $8 / 1024, $3 / $8,
		    $8 / $3
		printf "  CPU (user+sys), best: tally %.2f s, Hugo %.2f s:" \
		    " tally/Hugo = %.3f; median %.2f / %.2f s = %.3f\n",
		    $2, $7, $2 / $7, $5, $10, $5 / $10
	}'
else
	pages "$TMP/tally-out$RUNS" "" "$OUT/content"
fi

# --- the rendering floor: cmark-gfm over the same bodies -------------------------
if [ "$CMARK" != 0 ]; then
	# The bodies without their front matter, one file (cmark-gfm would
	# concatenate several anyway); the extensions tally enables.
	find "$OUT/content" -name '*.md' -exec awk '
	FNR == 1 { fm = ($0 == "---") ; if (fm) next }
	fm { if ($0 == "---") fm = 0; next }
	{ print }' {} + >"$TMP/bodies.md"
	cat "$TMP/bodies.md" >/dev/null
	measure cmark cmark-gfm -e table -e strikethrough -e autolink \
	    -e tagfilter "$TMP/bodies.md"
	rm -f "$TMP/bodies.md" "$TMP/cmark.out"
	echo
	echo "rendering floor: cmark-gfm CLI, one core, the $files bodies" \
	    "($(cmark-gfm --version 2>/dev/null | head -1 | cut -d" " -f1-2))"
	header
	row "cmark-gfm" cmark "$files"
	paste -d' ' "$TMP/tally.best" "$TMP/cmark.m" | awk '{
		printf "  tally per report (best): wall %.3f ms = %.2f x the floor" \
		    " (CPU of cmark-gfm), CPU %.3f ms = %.2f x (target: <= 2 x)\n",
		    $1 * 1000 / n, $1 / $7, $2 * 1000 / n, $2 / $7
	}' n="$files"
fi

# --- scale: SCALE reports, tally alone ---------------------------------------------
if [ "$SCALE" != 0 ]; then
	SOUT=${SCALE_OUT:-bench/out-scale}
	echo
	printf 'scale: %s reports ' "$SCALE"
	corpus "$SOUT" "$SCALE"
	sbytes=$(warm "$SOUT")
	printf '%.1f MiB (%s), one run\n' \
	    "$(echo "$sbytes" | awk '{ print $1 / 1048576 }')" "$gen"
	header
	measure scale "$TALLY" -C "$SOUT" build -q --no-cache --jobs "$JOBS" \
	    -o "$TMP/tally-scale"
	row "tally build" scale "$SCALE"
	echo "  output: $(find "$TMP/tally-scale" -name '*.html' | wc -l) HTML files," \
	    "$(du -sm "$TMP/tally-scale" | cut -f1) MiB"
	paste -d' ' "$TMP/tally.best" "$TMP/scale.m" | awk '{
		printf "  per report: wall %.3f ms (%d reports, best: %.3f ms, x%.2f);" \
		    " CPU %.3f ms (%.3f ms, x%.2f)\n", $6 * 1000 / s, n,
		    $1 * 1000 / n, ($6 / s) / ($1 / n), $7 * 1000 / s,
		    $2 * 1000 / n, ($7 / s) / ($2 / n)
		g = ($8 - $3) / (s - n)
		printf "  peak RSS %.1f MiB (target < 512 MB at any size); %.1f MiB at" \
		    " %d: +%.2f KiB a report, so %.0f MiB at 1 000 000 if linear\n",
		    $8 / 1024, $3 / 1024, n, g, ($8 + g * (1000000 - s)) / 1024
	}' n="$files" s="$SCALE"
fi
echo
echo "  CPU = user + sys; ms/rep = wall ms a report, CPU ms = CPU ms a report."
echo "  Summaries take the best and the median wall and CPU of the runs and the"
echo "  largest peak RSS; load is the 1-minute load average before each run"
echo "  (other work on the machine inflates wall and sys times).  Figures only:"
echo "  the targets are DESIGN section 10's."
