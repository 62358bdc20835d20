#!/bin/sh
# git-history.sh - measures the one-walk history of src/load/git.c on a
# synthetic site repository: FILES reports (default 10 000) and COMMITS
# commits (default 5 000), built with `git fast-import` in a temporary
# directory (kept out of the unit tests, which must stay fast).
#
# The history: reports are added ten a commit over the first commits
# (content/uNNN/YYYY/report-K.md, 500 units x 4 years x 5 reports), then
# each commit edits three reports; every 50th renames one (blob unchanged),
# every 200th renames one with an edit (found by similarity), and every
# 100th merges a side-branch commit.  Then a small driver linked with
# build/libtally.a lists the reports at HEAD, times tally_history_build
# over all of them, and reads every report from the tree (--rev).
# KEEP=1 keeps the temporary directory; NOREPACK=1 measures the pack
# fast-import wrote instead of a repacked one.
#
# Usage: sh bench/git-history.sh [FILES [COMMITS]]   (from the repository root)
set -eu
files=${1:-10000}
commits=${2:-5000}
root=$(pwd)
tmp=$(mktemp -d /tmp/tally-bench-git.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT INT TERM

make --no-print-directory NODEPS=1 build/libtally.a >/dev/null

echo "building a repository of $files reports and $commits commits..."
t0=$(date +%s.%N)
git init -q -b main "$tmp/repo"
LC_ALL=C awk -v files="$files" -v commits="$commits" '
function body(path, rev,   s, i) {
	s = "---\ntype: project\ntitle: " path "\nyear: 2023\n---\n\n## Summary\n\n"
	for (i = 0; i < 12; i++)
		s = s "Line " i " of " path ": budget 232.4, spent 209.52, rate 90.15%.\n"
	return s "\nrevision " rev "\n"
}
function emit_file(path, rev,   b) {
	b = body(path, rev)
	printf "M 100644 inline %s\ndata %d\n%s\n", path, length(b), b
}
function header(ref, mark, msg) {
	t += 3600
	printf "commit %s\nmark :%d\ncommitter Bench <bench@example.org> %d +0800\n", ref, mark, t
	printf "data %d\n%s\n", length(msg), msg
}
BEGIN {
	srand(42)
	t = 1600000000
	n = 0          # reports created so far
	nadd = int((files + 9) / 10)
	mark = 0
	for (c = 1; c <= commits; c++) {
		if (c > nadd && c % 100 == 0) {
			# a side-branch commit, then its merge
			mark++
			header("refs/heads/side", mark, "side change " c)
			printf "from :%d\n", prev
			k = int(rand() * n)
			emit_file(name[k], "side" c)
			side = mark
			mark++
			header("refs/heads/main", mark, "Merge side " c)
			printf "from :%d\nmerge :%d\n", prev, side
			emit_file(name[k], "side" c)
			prev = mark
			continue
		}
		mark++
		header("refs/heads/main", mark, "commit " c)
		if (prev)
			printf "from :%d\n", prev
		if (c <= nadd) {
			for (i = 0; i < 10 && n < files; i++) {
				u = int(n / 20); y = 2020 + int(n / 5) % 4; r = n % 5
				name[n] = sprintf("content/u%03d/%d/report-%d.md", u, y, r)
				emit_file(name[n], c)
				n++
			}
		} else if (c % 200 == 0) {
			k = int(rand() * n)
			old = name[k]; name[k] = old "x.md"
			printf "D %s\n", old
			emit_file(name[k], "renamed" c)
		} else if (c % 50 == 0) {
			k = int(rand() * n)
			old = name[k]; name[k] = old "r.md"
			printf "R %s %s\n", old, name[k]
		} else {
			for (i = 0; i < 3; i++) {
				k = int(rand() * n)
				emit_file(name[k], c)
			}
		}
		prev = mark
		printf "\n"
	}
}' | (cd "$tmp/repo" && git fast-import --quiet && git checkout -q main)
# fast-import writes deltas in arrival order; a clone gets what
# pack-objects writes (recent versions whole), which reads faster
[ -n "${NOREPACK:-}" ] || git -C "$tmp/repo" repack -adfq
t1=$(date +%s.%N)
echo "  built in $(echo "$t1 - $t0" | bc) s; $(git -C "$tmp/repo" rev-list --count HEAD) commits," \
    "$(git -C "$tmp/repo" ls-files | wc -l) files," \
    "$(du -sh "$tmp/repo/.git" | cut -f1) in .git"

cat >"$tmp/driver.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "load/load.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct tally_repo *r;
	struct tally_tree *t;
	struct tally_history *h;
	struct tally_pathlist paths = {NULL, 0, 0};
	struct tally_diags d;
	size_t i, entries = 0, longest = 0, bytes = 0;
	double t0, t1, t2, t3;

	tally_git_init();
	tally_diags_init(&d, TALLY_LANG_EN);
	t0 = now();
	if (tally_repo_open(&r, argv[1], 0, &d) < 0 ||
	    tally_tree_open(&t, r, "HEAD", &d) < 0 ||
	    tally_tree_list(t, "content", ".md", &paths, &d) < 0)
		return 1;
	t1 = now();
	if (tally_history_build(&h, r, NULL, "content", &paths, &d) < 0)
		return 1;
	t2 = now();
	for (i = 0; i < paths.n; i++) {
		char *data, id[41];
		size_t len;
		if (tally_tree_read(t, paths.paths[i], &data, &len, id) < 0)
			return 1;
		bytes += len;
		free(data);
	}
	t3 = now();
	for (i = 0; i < paths.n; i++) {
		const struct tally_file_history *fh =
		    tally_history_find(h, paths.paths[i]);
		entries += fh->n;
		if (fh->n > longest)
			longest = fh->n;
	}
	printf("  list at HEAD: %zu reports in %.3f s\n", paths.n, t1 - t0);
	printf("  history: %zu commits walked, %zu entries (longest %zu) "
	    "in %.3f s\n", tally_history_ncommits(h), entries, longest,
	    t2 - t1);
	printf("  read at HEAD: %zu reports, %zu bytes, with blob ids, in "
	    "%.3f s\n", paths.n, bytes, t3 - t2);
	tally_history_free(h);
	tally_pathlist_free(&paths);
	tally_tree_free(t);
	tally_repo_free(r);
	tally_diags_free(&d);
	tally_git_shutdown();
	(void)argc;
	return 0;
}
EOF
cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -I"$root/src" -o "$tmp/driver" "$tmp/driver.c" \
    "$root/build/libtally.a" $(pkg-config --libs libcmark-gfm yaml-0.1 libgit2 jansson libutf8proc)

echo "tally_history_build over every report at HEAD:"
/usr/bin/time -f "  peak memory %M KiB" "$tmp/driver" "$tmp/repo"
one=$(git -C "$tmp/repo" ls-files content | head -1)
t0=$(date +%s.%N)
git -C "$tmp/repo" log --follow --format=%h -- "$one" >/dev/null
t1=$(date +%s.%N)
echo "for scale: git log --follow of one report takes $(echo "$t1 - $t0" | bc) s"
