#!/usr/bin/env python3
"""eval.py - precision and recall of the prose rules (P001-P005).

    python3 tests/prose/eval.py TALLY [-v] [--min-precision 0.95]
        [--min-recall 0.90] [--corpus DIR --labels FILE]

--corpus and --labels measure another labelled corpus the same way (real
reports that cannot be committed, say); -v lists every miss and false
positive.

1. Reads the hand labels (tests/prose/labels.tsv): every relation the
   sample corpus (tests/prose/corpus) states in its prose, ok or bad.
   Each row is re-checked here with this script's own interval arithmetic
   (DESIGN section 4, written independently of tally's C), and a row whose
   label disagrees with it stops the run: the labels are the ground truth,
   they must be right.
2. Injects errors: for each ok relation, each of its numbers is changed
   once in two ways a hand slips - its first significant digit moved by
   one, its last two different digits swapped - one variant document per
   change.  Whether the change breaks each relation the number takes part
   in is computed, not assumed: a part of a partial list that shrinks
   breaks nothing, a rate that moves within its rounding neither.
3. Runs `tally lint --format json` once over a site holding the corpus and
   every variant, and compares the P findings with the labels by (rule,
   line, column): a finding must be at the number the label says.
   Original documents: a finding is a true positive when a bad label is
   at its place, else a false positive.  Variants: only what changed
   counts - the findings that the original did not have, against the
   relations that the change broke.
4. Prints precision and recall per rule and overall; exits 1 when the
   overall precision or recall is under the thresholds, 2 on a usage or
   labelling error.

Only the Python standard library.  Deterministic: no randomness, no clock.
"""
import collections
import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal, getcontext

getcontext().prec = 50

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CORPUS = os.path.join(HERE, "corpus")
LABELS = os.path.join(HERE, "labels.tsv")
OUT = os.path.join(ROOT, "tests", "out", "prose")
RULES = ["P001", "P002", "P003", "P004", "P005"]

COUNTERS = set("件 人 个 次 人次 户次 份 项 台 辆 名 户 家 起 套 部 张 条 所 座 批 篇 "
               "场 场次 期 类 处 间 本 册 位 支 只 块 宗 笔 栋 幢 架 艘 头 匹 株 棵 盏 "
               "根 片 口 村 组 队 届 轮 趟 班 例 单 封 卷 盒 天".split())
MONEY = {"元": 0, "万元": 4, "万": 4, "亿元": 8}


def die(msg):
    print("prose-eval: " + msg, file=sys.stderr)
    sys.exit(2)


# --- numbers ---------------------------------------------------------------

NUM_RE = re.compile(r"^([0-9][0-9,]*(?:\.[0-9]+)?)(.*)$")


class Num:
    """A number as written: value, decimals, unit."""

    def __init__(self, text):
        m = NUM_RE.match(text)
        if not m:
            die("not a number: %r" % text)
        digits, self.unit = m.group(1).replace(",", ""), m.group(2)
        self.text = text
        self.value = Decimal(digits)
        self.scale = len(digits.split(".")[1]) if "." in digits else 0

    def kind(self):
        if self.unit in MONEY:
            return "money"
        if self.unit in ("%", "‰"):
            return "pct"
        if self.unit == "分":
            return "points"
        if self.unit in COUNTERS:
            return "count"
        return "other"

    def exact(self):
        # counts written as integers are exact; so are whole points (a
        # score out of full marks, as the A family reads them)
        return self.scale == 0 and self.kind() in ("count", "points")

    def base(self):
        """The value in 元 for money, else as written."""
        if self.kind() == "money":
            return self.value * (Decimal(10) ** MONEY[self.unit])
        return self.value

    def half(self, scale=None):
        s = self.scale if scale is None else scale
        h = Decimal(5) * (Decimal(10) ** (-(s + 1)))
        if self.kind() == "money":
            h *= Decimal(10) ** MONEY[self.unit]
        return h

    def ival(self, scale=None):
        if self.exact():
            return (self.base(), self.base())
        h = self.half(scale)
        return (self.base() - h, self.base() + h)


def add(a, b):
    return (a[0] + b[0], a[1] + b[1])


def overlaps(a, b):
    """Closed intervals share a value; but two of non-zero width that only
    touch at one end do not (as tally_ival_overlaps: 0.09 is not 0.08)."""
    if a[0] == a[1] or b[0] == b[1]:
        return a[0] <= b[1] and b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def sum_parts(parts):
    """Parts of one sum read at the finest precision among them when they
    share a unit (DESIGN section 4)."""
    units = {p.unit for p in parts if not p.exact()}
    fine = max([p.scale for p in parts if not p.exact()] or [0])
    acc = (Decimal(0), Decimal(0))
    for p in parts:
        acc = add(acc, p.ival(fine if len(units) == 1 else None))
    return acc


def div(a, b):
    if b[0] <= 0:
        return None
    return (a[0] / b[1], a[1] / b[0])


def holds(rel, vals):
    """Whether a relation holds with these numbers (name -> Num)."""
    kind, names = rel[0], rel[1:]
    if kind == "ratio":
        n, d, r = names
        num = vals[n].ival()
        den = sum_parts([vals[x] for x in d.split("+")])
        q = div(num, den)
        if q is None:
            return True
        q = (q[0] * 100, q[1] * 100)
        return overlaps(q, vals[r].ival())
    if kind in ("sum", "le"):
        t, parts = vals[names[0]], [vals[x] for x in names[1:]]
        s = sum_parts(parts)
        ti = t.ival()
        if all(p.exact() for p in parts) and t.exact():
            ti = (t.base(), t.base())
        if kind == "le":
            return s[0] <= ti[1]
        return overlaps(s, ti)
    if kind == "diff":
        a, b, c = (vals[x] for x in names)
        fine = max(a.scale, b.scale) if a.unit == b.unit else None
        ai, bi = a.ival(fine), b.ival(fine)
        return overlaps((ai[0] - bi[1], ai[1] - bi[0]), c.ival())
    if kind == "growth":
        l, c, g = (vals[x] for x in names)
        fine = max(l.scale, c.scale) if l.unit == c.unit else None
        li, ci = l.ival(fine), c.ival(fine)
        q = div(ci, (li[0] - ci[1], li[1] - ci[0]))
        if q is None:
            return True
        return overlaps((q[0] * 100, q[1] * 100), g.ival())
    if kind == "decline":
        l, c, g = (vals[x] for x in names)
        fine = max(l.scale, c.scale) if l.unit == c.unit else None
        li, ci = l.ival(fine), c.ival(fine)
        q = div(ci, (li[0] + ci[0], li[1] + ci[1]))
        if q is None:
            return True
        return overlaps((q[0] * 100, q[1] * 100), g.ival())
    if kind == "eq":
        return overlaps(vals[names[0]].ival(), vals[names[1]].ival())
    if kind == "unit":
        return False
    die("unknown relation %r" % kind)


# target operand of the finding, by relation
def target(rel):
    kind, names = rel[0], rel[1:]
    if kind in ("ratio", "diff", "growth", "decline"):
        return names[-1]
    return names[0]


# --- labels ----------------------------------------------------------------

Token = collections.namedtuple("Token", "name text occ line literal")
Label = collections.namedtuple("Label", "file line rule expect rel tokens note")


def parse_token(spec, line):
    if "~" in spec and "=" not in spec.split("~")[0]:
        name, text = spec.split("~", 1)
        return Token(name, text, 0, 0, True)
    name, rest = spec.split("=", 1)
    ln = line
    if "#" in rest:
        rest, l = rest.rsplit("#", 1)
        ln = int(l)
    occ = 1
    if "@" in rest:
        rest, o = rest.rsplit("@", 1)
        occ = int(o)
    return Token(name, rest, occ, ln, False)


def read_labels():
    labels = []
    with open(LABELS, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            raw = raw.rstrip("\n")
            if not raw or raw.startswith("#"):
                continue
            cols = raw.split("\t")
            if len(cols) != 7:
                die("labels.tsv:%d: %d columns, want 7" % (n, len(cols)))
            file, line, rule, expect, rel, toks, note = cols
            line = int(line)
            if expect not in ("ok", "bad"):
                die("labels.tsv:%d: expect is ok or bad" % n)
            tokens = {}
            words = rel.split()
            for spec in toks.split():
                if "=" in spec and "+" in spec.split("=", 1)[1]:
                    # d=a+b: an operand that is a sum; each part a token,
                    # the operand becomes "d_0+d_1" in the relation
                    name, rest = spec.split("=", 1)
                    names = []
                    for i, part in enumerate(rest.split("+")):
                        pn = "%s_%d" % (name, i)
                        tokens[pn] = parse_token(pn + "=" + part, line)
                        names.append(pn)
                    words = ["+".join(names) if w == name else w
                             for w in words]
                    continue
                t = parse_token(spec, line)
                tokens[t.name] = t
            rel = " ".join(words)
            labels.append(Label(file, line, rule, expect, tuple(rel.split()),
                                tokens, note))
    return labels


def find_token(lines, tok):
    """(line index 0-based, byte offset) of the token's occurrence."""
    text = lines[tok.line - 1]
    k, start = 0, 0
    while True:
        i = text.find(tok.text, start)
        if i < 0:
            return None
        prev = text[i - 1] if i > 0 else ""
        if not (prev.isdigit() or prev == "."):
            # nor followed by a digit: "5名" is not the start of "5.5名"
            k += 1
            if k == tok.occ:
                return i
        start = i + 1


def values(label, lines):
    vals = {}
    for name, t in label.tokens.items():
        if t.literal:
            vals[name] = Num(t.text)
            continue
        if find_token(lines, t) is None:
            die("%s:%d: %r (occurrence %d) not on line %d" % (
                label.file, label.line, t.text, t.occ, t.line))
        vals[name] = Num(t.text)
    return vals


# --- variants --------------------------------------------------------------

def mutations(text):
    """The two slips of the pen made to a number as written."""
    m = NUM_RE.match(text)
    num, unit = m.group(1), m.group(2)
    out = []
    # first significant digit moved by one (9 down, others up)
    for i, ch in enumerate(num):
        if ch.isdigit() and ch != "0":
            d = int(ch)
            nd = d - 1 if d == 9 else d + 1
            if not (i == 0 and nd == 0):
                out.append(num[:i] + str(nd) + num[i + 1:] + unit)
            break
    else:
        if num.replace(".", "").strip("0") == "":
            out.append("1" + num[1:] + unit)  # 0 -> 1
    # last two adjacent different digits swapped
    pos = [i for i, ch in enumerate(num) if ch.isdigit()]
    for a, b in reversed(list(zip(pos, pos[1:]))):
        if num[a] != num[b]:
            s = list(num)
            s[a], s[b] = s[b], s[a]
            cand = "".join(s)
            if not cand.startswith("0") or cand.startswith("0."):
                out.append(cand + unit)
            break
    return [o for o in out if o != text]


def col_of(line_text, byte_index):
    return len(line_text[:byte_index]) + 1


# --- running tally ---------------------------------------------------------

def build_site(labels, docs):
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    site = os.path.join(OUT, "site")
    shutil.copytree(os.path.join(ROOT, "schemas"), os.path.join(site, "schemas"))
    with open(os.path.join(site, "tally.yaml"), "w", encoding="utf-8") as f:
        f.write("site:\n  title: prose-eval\n")
    for path, text in docs.items():
        full = os.path.join(site, "content", path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
        unit = os.path.join(site, "content", path.split("/")[0], "unit.yaml")
        if not os.path.exists(unit):
            with open(unit, "w", encoding="utf-8") as f:
                f.write("name: prose-eval %s\n" % path.split("/")[0])
    return site


def run_tally(tally, site):
    p = subprocess.run([tally, "-C", site, "lint", "--format", "json"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        die("tally exited %d: %s" % (p.returncode,
                                      p.stderr.decode("utf-8", "replace")))
    found = collections.defaultdict(set)
    for g in json.loads(p.stdout.decode("utf-8"))["findings"]:
        if g.get("rule") in RULES:
            path = g["file"]
            if path.startswith("content/"):
                path = path[len("content/"):]
            found[path].add((g["rule"], g["line"], g["column"]))
    return found


# --- main ------------------------------------------------------------------

def main():
    args = sys.argv[1:]
    min_p, min_r, verbose = 0.95, 0.90, False
    if "-v" in args:
        verbose = True
        args.remove("-v")
    if "--min-precision" in args:
        i = args.index("--min-precision")
        min_p = float(args[i + 1])
        del args[i:i + 2]
    if "--min-recall" in args:
        i = args.index("--min-recall")
        min_r = float(args[i + 1])
        del args[i:i + 2]
    global CORPUS, LABELS, OUT
    if "--corpus" in args:
        i = args.index("--corpus")
        CORPUS = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    if "--labels" in args:
        i = args.index("--labels")
        LABELS = os.path.abspath(args[i + 1])
        del args[i:i + 2]
        OUT = os.path.join(ROOT, "tests", "out", "prose-" +
                           os.path.splitext(os.path.basename(LABELS))[0])
    if len(args) != 1:
        die("usage: eval.py TALLY [-v] [--min-precision P] [--min-recall R] "
            "[--corpus DIR --labels FILE]")
    tally = os.path.abspath(args[0])

    labels = read_labels()
    files = sorted({l.file for l in labels})
    texts, lines = {}, {}
    for f in files:
        with open(os.path.join(CORPUS, f), encoding="utf-8") as fh:
            texts[f] = fh.read()
        lines[f] = texts[f].split("\n")

    # 1. the labels agree with the arithmetic
    scored = [l for l in labels if l.rule in RULES]
    for l in labels:
        vals = values(l, lines[l.file])
        ok = holds(l.rel, vals)
        if ok != (l.expect == "ok"):
            die("%s:%d %s labelled %s but the arithmetic says %s (%s)" % (
                l.file, l.line, l.rule, l.expect, "ok" if ok else "bad",
                l.note))

    # 2. variants: (doc path, original file, token instance changed)
    docs = {}
    for f in files:
        docs[f] = texts[f]
    variants = []
    seen = set()
    for l in labels:
        if l.expect != "ok" or l.rule not in RULES:
            continue
        for name, t in sorted(l.tokens.items()):
            if t.literal:
                continue
            key = (l.file, t.line, t.text, t.occ)
            if key in seen:
                continue
            seen.add(key)
            for new in mutations(t.text):
                variants.append((l.file, t, new))
    vdocs = {}
    for i, (f, t, new) in enumerate(variants):
        ls = list(lines[f])
        idx = find_token(ls, t)
        row = ls[t.line - 1]
        ls[t.line - 1] = row[:idx] + new + row[idx + len(t.text):]
        path = "v%04d/%s" % (i, f.split("/", 1)[1])
        vdocs[path] = (f, t, new, "\n".join(ls))
        docs[path] = vdocs[path][3]
    site = build_site(labels, docs)
    found = run_tally(tally, site)

    tp = collections.Counter()
    fp = collections.Counter()
    fn = collections.Counter()
    misses, false = [], []

    def where(l, vals_lines):
        t = l.tokens[target(l.rel)]
        idx = find_token(vals_lines, t)
        return (l.rule, t.line, col_of(vals_lines[t.line - 1], idx))

    # 3a. the corpus as it is
    for f in files:
        expected = {where(l, lines[f]) for l in scored
                    if l.file == f and l.expect == "bad"}
        got = found.get(f, set())
        for g in got:
            if g in expected:
                tp[g[0]] += 1
            else:
                fp[g[0]] += 1
                false.append((f, g, "original"))
        for e in expected - got:
            fn[e[0]] += 1
            misses.append((f, e, "original"))

    # 3b. the variants: what the change broke, against what appeared
    for path, (f, t, new, _) in sorted(vdocs.items()):
        ls = vdocs[path][3].split("\n")
        expected = set()
        for l in scored:
            if l.file != f or l.expect != "ok":
                continue
            hit = [n for n, x in l.tokens.items() if not x.literal and
                   (x.line, x.text, x.occ) == (t.line, t.text, t.occ)]
            if not hit:
                continue
            vals = {n: Num(new if n in hit else x.text)
                    for n, x in l.tokens.items()}
            if not holds(l.rel, vals):
                # the target is found in the variant at the same place
                tt = l.tokens[target(l.rel)]
                idx = find_token(lines[f], tt)
                expected.add((l.rule, tt.line,
                              col_of(lines[f][tt.line - 1], idx)))
        got = found.get(path, set()) - found.get(f, set())
        for g in got:
            if g in expected:
                tp[g[0]] += 1
            else:
                fp[g[0]] += 1
                false.append((path, g, "%s -> %s" % (t.text, new)))
        for e in expected - got:
            fn[e[0]] += 1
            misses.append((path, e, "%s -> %s" % (t.text, new)))

    # 4. report
    def pr(r):
        p = tp[r] / (tp[r] + fp[r]) if tp[r] + fp[r] else 1.0
        rc = tp[r] / (tp[r] + fn[r]) if tp[r] + fn[r] else 1.0
        return p, rc

    print("prose-eval: %d labelled relations (%d scored), %d variants" % (
        len(labels), len(scored), len(vdocs)))
    print("%-8s %5s %5s %5s %10s %8s" % ("rule", "TP", "FP", "FN",
                                          "precision", "recall"))
    for r in RULES:
        p, rc = pr(r)
        print("%-8s %5d %5d %5d %10.3f %8.3f" % (r, tp[r], fp[r], fn[r], p, rc))
    T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    P = T / (T + F) if T + F else 1.0
    R = T / (T + N) if T + N else 1.0
    print("%-8s %5d %5d %5d %10.3f %8.3f" % ("overall", T, F, N, P, R))
    if verbose or P < min_p or R < min_r:
        for f, g, why in false:
            print("  false positive: %s:%d:%d %s (%s)" % (f, g[1], g[2], g[0],
                                                        why))
        for f, e, why in misses:
            print("  missed: %s:%d:%d %s (%s)" % (f, e[1], e[2], e[0], why))
    if P < min_p or R < min_r:
        print("prose-eval: FAIL (want precision >= %.2f, recall >= %.2f)" % (
            min_p, min_r))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
