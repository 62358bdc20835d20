#!/usr/bin/env python3
"""agree.py LINT_JSON SITE_DIR - the findings a site shows are lint's.

LINT_JSON is `tally lint --format json` of a site's sources; SITE_DIR is
`tally build` of the same sources.  For every report page's JSON copy
(units/<unit>/<year>/<slug>.json) the findings must be exactly those lint
reports for its source file (rule, severity, line, column, both messages),
and every report lint has findings for must have a page unless it is a
draft.  Prints what differs; exits 1 if anything does.
"""
import json
import os
import sys


def key(f):
    return (f["rule"], f["severity"], f["line"], f["column"])


def main():
    lint = json.load(open(sys.argv[1], encoding="utf-8"))
    site = sys.argv[2]
    by_file = {}
    for f in lint["findings"]:
        by_file.setdefault(f["file"], []).append(f)
    seen = set()
    bad = 0
    pages = 0
    for root, _, files in os.walk(os.path.join(site, "units")):
        for name in files:
            if not name.endswith(".json"):
                continue
            page = json.load(open(os.path.join(root, name), encoding="utf-8"))
            pages += 1
            path = page["path"]
            seen.add(path)
            want = sorted((key(f), f["message_zh"], f["message_en"])
                          for f in by_file.get(path, []))
            got = sorted((key(f), f["message"], f["message_en"])
                         for f in page["findings"])
            if want != got:
                bad += 1
                print(f"{path}: lint {len(want)} findings, site {len(got)}")
                for w in want:
                    if w not in got:
                        print(f"  only in lint: {w[0]} {w[1]}")
                for g in got:
                    if g not in want:
                        print(f"  only on the site: {g[0]} {g[1]}")
    if pages == 0:
        print("no report pages found")
        return 1
    print(f"agree: {pages} report pages, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
