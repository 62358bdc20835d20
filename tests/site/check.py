#!/usr/bin/env python3
"""Checks a site built by `tally build` (tests/site/run.sh).

usage: check.py SITE_DIR BASE_URL [--xss]

Every HTML page must be well formed (tags balanced), have <html lang>,
unique ids, headings that never skip a level, no event-handler attribute,
no javascript:/vbscript:/data: URL, no script but the theme's search.js;
every link into the site must reach a file (and its #fragment an id in
that page) and carry the base URL.  XML files must parse and their links
carry the base; JSON files must parse; reports.csv must start with a BOM
and have rows of equal length.  Prints one line per problem and exits 1
when there is any.
"""
import csv
import html.parser
import io
import json
import os
import sys
import urllib.parse
import xml.etree.ElementTree as ET

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.ids = {}
        self.links = []
        self.problems = []
        self.lang = None
        self.headings = []
        self.in_script = False
        self.landmarks = {}

    def problem(self, msg):
        line, col = self.getpos()
        self.problems.append("%d:%d: %s" % (line, col + 1, msg))

    def attrs_check(self, tag, attrs):
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on"):
                self.problem("event handler attribute %s on <%s>" % (name, tag))
            if value is None:
                continue
            if name == "id":
                if value in self.ids:
                    self.problem("duplicate id %r" % value)
                self.ids[value] = True
            if name in URL_ATTRS:
                v = "".join(value.split()).lower()
                if v.startswith(BAD_SCHEMES):
                    self.problem("unsafe URL %r in <%s %s>" % (value, tag, name))
                if tag in ("a", "link", "script", "img") and name in ("href", "src"):
                    self.links.append((value, self.getpos()[0]))
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.endswith("assets/search.js"):
                self.problem("script other than search.js: %r" % src)
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        d = dict(attrs)
        role = d.get("role") or (tag if tag in ("nav", "aside") else None)
        if role in ("region", "nav", "navigation") and d.get("aria-label"):
            key = (role, d["aria-label"])
            if key in self.landmarks:
                self.problem("two %s landmarks named %r" % key)
            self.landmarks[key] = True

    def handle_starttag(self, tag, attrs):
        self.attrs_check(tag, attrs)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "script":
            self.in_script = True
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.attrs_check(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problem("</%s> does not close <%s>" % (
                tag, self.stack[-1] if self.stack else "nothing"))
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problem("inline script")


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    root, base = sys.argv[1], sys.argv[2]
    problems = []
    pages = {}

    for dirpath, _, files in os.walk(root):
        for f in sorted(files):
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            if f.endswith(".html"):
                p = Page()
                with open(path, encoding="utf-8") as fh:
                    p.feed(fh.read())
                p.close()
                if p.stack:
                    p.problem("unclosed: %s" % " ".join(p.stack))
                if not p.lang:
                    p.problem("no <html lang>")
                last = 0
                for h in p.headings:
                    if h > last + 1 and last != 0:
                        p.problem("heading h%d after h%d" % (h, last))
                    last = h
                if p.headings[:1] != [1]:
                    p.problem("first heading is not h1")
                pages[rel] = p
                problems += ["%s:%s" % (rel, m) for m in p.problems]
            elif f.endswith(".xml"):
                try:
                    tree = ET.parse(path)
                except ET.ParseError as e:
                    problems.append("%s: %s" % (rel, e))
                    continue
                for el in tree.iter():
                    text = None
                    if el.tag.endswith("}loc"):
                        text = el.text
                    elif el.tag.endswith("}link"):
                        text = el.get("href")
                    if text is not None and not text.startswith(base):
                        problems.append("%s: link without the base: %s" % (rel, text))
            elif f.endswith(".json"):
                try:
                    with open(path, encoding="utf-8") as fh:
                        json.load(fh)
                except ValueError as e:
                    problems.append("%s: %s" % (rel, e))
            elif f.endswith(".csv"):
                with open(path, "rb") as fh:
                    data = fh.read()
                if not data.startswith(b"\xef\xbb\xbf"):
                    problems.append("%s: no BOM" % rel)
                rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
                widths = {len(r) for r in rows}
                if len(widths) != 1:
                    problems.append("%s: rows of different lengths %s" % (rel, sorted(widths)))

    # links into the site: reach a file, and an id in it
    base_path = urllib.parse.urlsplit(base).path
    for rel, p in sorted(pages.items()):
        for href, line in p.links:
            u = urllib.parse.urlsplit(href)
            if u.scheme in ("http", "https", "mailto") and not href.startswith(base):
                continue  # outside the site (a link in a report)
            if href.startswith("#"):
                target, frag = rel, u.fragment
            else:
                if not href.startswith(base) and not (base.startswith("/") and href.startswith("/")):
                    problems.append("%s:%d: link without the base: %s" % (rel, line, href))
                    continue
                path = urllib.parse.unquote(u.path)
                if not path.startswith(base_path):
                    problems.append("%s:%d: link outside the base: %s" % (rel, line, href))
                    continue
                target = path[len(base_path):]
                if target == "" or target.endswith("/"):
                    target += "index.html"
                frag = u.fragment
            full = os.path.join(root, target)
            if not os.path.isfile(full):
                problems.append("%s:%d: broken link %s" % (rel, line, href))
                continue
            if frag and target in pages and frag not in pages[target].ids:
                problems.append("%s:%d: no id %r in %s" % (rel, line, frag, target))

    for m in problems:
        print(m)
    print("check.py: %d pages, %d problems" % (len(pages), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
