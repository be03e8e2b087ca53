#!/usr/bin/env python3
"""folio-html's contract, without a browser (see html_browser.py for that).

For every case of tests/html/cases.txt, one page and a chunked site:
  - exit 0; "<!DOCTYPE html>" first, no XML declaration, <meta charset>,
    lang and dir on <html>;
  - the HTML parses (html.parser) with balanced tags and no self-closing
    non-void element;
  - no duplicate id on a page; every internal href ("file.html#id", "#id")
    and every src names a file that exists and an id that it has;
  - landmarks: one <main> with the skip link's target, a <nav>;
  - no text lost: every word of the source's body (tests/epub/run-epub.py's
    count) appears in the output's text or image alt at least as often;
  - the site: index.html, one page per unit named after its xml:id (or
    its title, transliterated to ASCII, without one), a prev/next
    chain through every page, the CSS copied; the page: CSS inlined,
    images copied next to it (or embedded with --embed-images);
  - the W3C Nu HTML checker (vnu.jar, Debian's Java + npm's vnu-jar) reports
    no error, when it is installed.
Then the behaviour: byte-identical rebuilds, a bad source writes nothing and
leaves a previous page or site untouched, a folder that is not a site is not
replaced, a site is replaced whole, exit codes, --stylesheet, --css.
Ends with "N passed, M failed".
"""
import hashlib
import html.parser
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

import foliotest
from foliotest import BIN, SRC

DATADIR = os.environ.get("FOLIO_DATADIR", os.path.join(SRC, "build", "share", "folio"))
TOOL = os.path.join(BIN, "folio-html")
SAMPLE = os.path.join(SRC, "samples", "idm-28", "en", "book.xml")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
WORD = re.compile(r"\w+", re.UNICODE)

# The text-loss count is run-epub.py's, not a second copy of it.
_spec = importlib.util.spec_from_file_location("run_epub", os.path.join(SRC, "tests", "epub", "run-epub.py"))
run_epub = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run_epub)

checks = foliotest.Checks(limit=2000)
check = checks.check


def run(*args):
    return foliotest.run(TOOL, args, timeout=300)


class Page(html.parser.HTMLParser):
    """One parsed page: ids, references, words, structure problems."""

    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.stack, self.problems = [], []
        self.ids, self.dups = set(), []
        self.refs = []          # (attribute, value)
        self.words = Counter()
        self.tags = Counter()
        self.attrs_of = {}      # first element of a tag: its attributes
        self.skip_href = None
        self.main_id = None
        self.in_body = self.in_style = False
        self.style = ""
        with open(path, encoding="utf-8") as f:
            self.text = f.read()
        self.feed(self.text)
        self.close()
        if self.stack:
            self.problems.append(f"unclosed at the end: {self.stack}")

    def foreign(self):
        return any(t in ("svg", "math") for t in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] += 1
        self.attrs_of.setdefault(tag, a)
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "body":
            self.in_body = True
        if tag == "style":
            self.in_style = True
        if "id" in a:
            if a["id"] in self.ids:
                self.dups.append(a["id"])
            self.ids.add(a["id"])
        for k in ("href", "src"):
            if k in a:
                self.refs.append((k, a[k]))
        if tag == "a" and self.skip_href is None and self.in_body:
            self.skip_href = a.get("href")
        if tag == "main":
            self.main_id = a.get("id")
        if tag == "img":
            self.words.update(WORD.findall(a.get("alt", "")))

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID and not self.foreign():
            self.problems.append(f"self-closing <{tag}/>")
        saved = self.stack[:]
        self.handle_starttag(tag, attrs)
        self.stack = saved

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append(f"end tag of void <{tag}>")
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>"
                                 f" at line {self.getpos()[0]}")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.style += data
        elif self.in_body and "script" not in self.stack:
            self.words.update(WORD.findall(data))


def check_pages(name, pages, root_dir):
    """Per-page and cross-page checks over {path: Page}."""
    bad_struct, bad_refs, bad_ids, bad_head, bad_land = [], [], [], [], []
    for path, p in pages.items():
        rel = os.path.relpath(path, root_dir)
        if p.problems:
            bad_struct.append(f"{rel}: {p.problems[:3]}")
        if p.dups:
            bad_ids.append(f"{rel}: {sorted(set(p.dups))[:5]}")
        t = p.text
        if not t.startswith("<!DOCTYPE html>") or "<?xml" in t[:200] or \
                '<meta charset="utf-8">' not in t[:600]:
            bad_head.append(f"{rel}: doctype/charset")
        h = p.attrs_of.get("html", {})
        if not h.get("lang") or h.get("dir") not in ("ltr", "rtl") or "xml:lang" in h or "xmlns:epub" in t:
            bad_head.append(f"{rel}: <html> attributes {h}")
        if p.tags["main"] != 1 or not p.main_id or p.skip_href != "#" + (p.main_id or "") or not p.tags["nav"]:
            bad_land.append(f"{rel}: main={p.tags['main']} id={p.main_id} skip={p.skip_href} nav={p.tags['nav']}")
        for attr, v in p.refs:
            if re.match(r"^[a-z][a-z0-9+.-]*:", v, re.I) or v.startswith("//"):
                continue            # https:, mailto:, data:
            file, _, frag = v.partition("#")
            target = os.path.normpath(os.path.join(os.path.dirname(path), file)) if file else path
            if not os.path.exists(target):
                bad_refs.append(f"{rel}: {attr}={v!r}: no file")
            elif frag:
                tp = pages.get(target)
                if tp is None:
                    bad_refs.append(f"{rel}: {attr}={v!r}: not a page of the output")
                elif frag not in tp.ids:
                    bad_refs.append(f"{rel}: {attr}={v!r}: no such id")
    check(not bad_struct, f"{name}: HTML parses with balanced tags, no <x/>", bad_struct)
    check(not bad_ids, f"{name}: no duplicate ids on a page", bad_ids)
    check(not bad_head, f"{name}: doctype, charset, lang/dir, no XML leftovers", bad_head)
    check(not bad_land, f"{name}: skip link to <main>, a <nav>", bad_land)
    check(not bad_refs, f"{name}: every internal link, id and image resolves", bad_refs[:10])


def check_text(name, source, pages):
    words = Counter()
    for p in pages.values():
        words.update(p.words)
    lost = run_epub.source_words(source) - words
    check(not lost, f"{name}: no text lost", dict(lost.most_common(12)))


def load_cases():
    cases = []
    with open(os.path.join(SRC, "tests", "html", "cases.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if fields and not line.startswith("#"):
                cases.append((fields[0], fields[1], fields[2:]))
    return cases


def vnu_command():
    """The Nu HTML checker: $VNU_JAR, npm's vnu-jar, or a vnu on PATH."""
    java = shutil.which("java")
    for jar in (os.environ.get("VNU_JAR", ""), "/usr/lib/node_modules/vnu-jar/build/dist/vnu.jar",
                "/usr/local/lib/node_modules/vnu-jar/build/dist/vnu.jar", "/usr/share/java/vnu.jar"):
        if jar and os.path.exists(jar) and java:
            return [java, "-jar", jar]
    exe = shutil.which("vnu")
    return [exe] if exe else None


def tree_digest(d):
    h = hashlib.sha256()
    for root, dirs, files in sorted(os.walk(d)):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(root, f)
            h.update(os.path.relpath(p, d).encode() + b"\0")
            with open(p, "rb") as fp:
                h.update(fp.read())
    return h.hexdigest()


def rel_link(text, rel):
    """The href of the page's <a rel=REL> (attributes in any order)."""
    for tag in re.findall(r"<a\s[^>]*>", text):
        if re.search(r'\srel="%s"' % rel, tag):
            m = re.search(r'\shref="([^"]*)"', tag)
            return m.group(1) if m else None
    return None


def chain_ok(site, order):
    """Each page's rel=next is the following page, rel=prev the one before."""
    problems = []
    for i, f in enumerate(order):
        text = open(os.path.join(site, f), encoding="utf-8").read()
        nxt, prv = rel_link(text, "next"), rel_link(text, "prev")
        want_n = order[i + 1] if i + 1 < len(order) else None
        want_p = order[i - 1] if i > 0 else None
        if nxt != want_n or prv != want_p:
            problems.append(f"{f}: prev={prv} next={nxt}")
    return problems


def cases(tmp, vnu_files):
    for name, source, args in load_cases():
        if source.startswith("gen:"):
            gen = os.path.join(tmp, name + "-src")
            subprocess.run([sys.executable, os.path.join(SRC, "tests", "bench", "gen-book.py"),
                            "--pages", source[4:], "-o", gen], check=True, capture_output=True)
            source = os.path.join(gen, "book.xml")
        else:
            source = os.path.join(SRC, source)

        # one page
        outdir = os.path.join(tmp, name + "-page")
        os.makedirs(outdir)
        page = os.path.join(outdir, "book.html")
        r = run(*args, source, "-o", page)
        check(r.returncode == 0, f"{name} page: exit 0", r.stderr)
        if r.returncode == 0:
            p = Page(page)
            check_pages(f"{name} page", {page: p}, outdir)
            check_text(f"{name} page", source, {page: p})
            check("<style>" in p.text and 'rel="stylesheet"' not in p.text and "--folio-web" in p.style,
                  f"{name} page: the CSS is inlined")
            vnu_files.append(page)

        # a site
        site = os.path.join(tmp, name + "-site")
        r = run("--chunk", *args, source, "-o", site)
        check(r.returncode == 0, f"{name} site: exit 0", r.stderr)
        if r.returncode != 0:
            continue
        files = sorted(f for f in os.listdir(site) if f.endswith(".html"))
        pages = {os.path.join(site, f): Page(os.path.join(site, f)) for f in files}
        check_pages(f"{name} site", pages, site)
        check_text(f"{name} site", source, pages)
        check(os.path.isfile(os.path.join(site, "css", "folio-web.css")) and "index.html" in files,
              f"{name} site: index.html and css/folio-web.css")
        # the reading order is the index's "next" chain
        order, f, seen = [], "index.html", set()
        while f and f not in seen:
            seen.add(f)
            order.append(f)
            f = rel_link(pages[os.path.join(site, f)].text, "next")
        check(sorted(order) == files and not chain_ok(site, order),
              f"{name} site: prev/next link every page once, in order",
              f"order {order}; files {files}; {chain_ok(site, order)}")
        vnu_files.extend(os.path.join(site, f) for f in files)
        if name == "noids":
            want = ["annexe.html", "avant-propos.html", "chapter-3.html", "css",
                    "economie-et-societe-2.html", "economie-et-societe.html", "index.html"]
            check(sorted(os.listdir(site)) == want,
                  "noids site: units without xml:id are named after their titles (ASCII, "
                  "unique; the Arabic title falls back to chapter-3), the one with an id after it",
                  sorted(os.listdir(site)))
        if name == "sample-en":
            want = {"index.html", "foreword.html", "ch-introduction.html", "ch-msg1.html",
                    "app-agenda-geneva.html"}
            check(want <= set(files), "sample-en site: pages are named after the units' xml:id", files)
            idx = pages[os.path.join(site, "index.html")].text
            check('role="doc-toc"' in idx and "folio-side-toc" not in idx and 'class="imprint"' in idx,
                  "sample-en site: index.html has the title page, the contents and the imprint")
            ch = pages[os.path.join(site, "ch-msg1.html")].text
            check('aria-current="page"' in ch and 'class="folio-up"' in ch and
                  'class="pagebreak"' in ch and "epub:type" not in ch,
                  "sample-en site: a chapter has the contents, up link and page numbers")


def behaviour(tmp):
    bad = os.path.join(SRC, "tests", "bad", "xml-unclosed-tag.xml")
    # usage and exit codes
    check(run("--help").returncode == 0 and "--chunk" in run("--help").stdout, "--help: exit 0")
    check(run("--version").returncode == 0 and "folio-html" in run("--version").stdout, "--version: exit 0")
    check(run().returncode == 2, "no source: exit 2")
    check(run("--bogus", SAMPLE).returncode == 2, "unknown option: exit 2")
    check(run("--param", "novalue", SAMPLE).returncode == 2, "--param without '=': exit 2")
    check(run("-Wno-not-a-rule", SAMPLE).returncode == 2, "-Wno-UNKNOWN: exit 2")
    check(run(os.path.join(tmp, "missing.xml"), "-o", os.path.join(tmp, "m.html")).returncode == 2,
          "missing source: exit 2")
    r = run(SAMPLE, "-o", os.path.join(tmp, "no", "such", "dir", "x.html"))
    check(r.returncode == 2 and "cannot write" in r.stderr, "unwritable output: exit 2", r.stderr)

    # a bad source writes nothing
    out = os.path.join(tmp, "bad.html")
    r = run(bad, "-o", out)
    check(r.returncode == 1 and not os.path.exists(out),
          "bad source: exit 1, no page", r.stderr)
    r = run("--chunk", bad, "-o", os.path.join(tmp, "badsite"))
    check(r.returncode == 1 and not os.path.exists(os.path.join(tmp, "badsite")),
          "bad source --chunk: exit 1, no folder", r.stderr)

    # a previous page and a previous site are kept when a build fails
    page = os.path.join(tmp, "keep.html")
    site = os.path.join(tmp, "keep-site")
    check(run(SAMPLE, "-o", page).returncode == 0 and run("--chunk", SAMPLE, "-o", site).returncode == 0,
          "good builds for the keep tests")
    before_page, before_site = open(page, "rb").read(), tree_digest(site)
    r1, r2 = run(bad, "-o", page), run("--chunk", bad, "-o", site)
    leftovers = [f for f in os.listdir(tmp) if ".tmp-" in f or ".old-" in f or f.startswith(".keep")]
    check(r1.returncode == 1 and r2.returncode == 1 and open(page, "rb").read() == before_page
          and tree_digest(site) == before_site and not leftovers,
          "bad source: previous page and site untouched, no temporary left", leftovers)

    # a rebuild is byte-identical and replaces the site whole
    with open(os.path.join(site, "stale.html"), "w") as f:
        f.write("old")
    r = run("--chunk", SAMPLE, "-o", site + "/")
    leftovers = [f for f in os.listdir(tmp) if ".tmp-" in f or ".old-" in f]
    check(r.returncode == 0 and not os.path.exists(os.path.join(site, "stale.html")) and not leftovers,
          "a rebuild replaces the previous site whole", r.stderr + str(leftovers))
    os.remove(page)
    run(SAMPLE, "-o", page)
    check(open(page, "rb").read() == before_page and tree_digest(site) == before_site,
          "rebuilds are byte-identical")

    # a folder that is not a site is never replaced
    mine = os.path.join(tmp, "mine")
    os.makedirs(mine)
    with open(os.path.join(mine, "notes.txt"), "w") as f:
        f.write("mine")
    r = run("--chunk", SAMPLE, "-o", mine)
    check(r.returncode == 2 and os.listdir(mine) == ["notes.txt"] and "refusing" in r.stderr,
          "a folder that is not a folio-html site is left alone: exit 2", r.stderr)

    # images: copied next to the page, or embedded
    emb = os.path.join(tmp, "embed")
    os.makedirs(emb)
    r = run("--embed-images", SAMPLE, "-o", os.path.join(emb, "p.html"))
    text = open(os.path.join(emb, "p.html"), encoding="utf-8").read() if r.returncode == 0 else ""
    check(r.returncode == 0 and os.listdir(emb) == ["p.html"] and 'src="data:image/png;base64,' in text
          and 'src="images/' not in text, "--embed-images: data: URIs, no images/ folder", r.stderr)
    check(os.path.isfile(os.path.join(tmp, "images", "fig-timeline.png")),
          "a page's images are copied to images/ next to it")

    # --stylesheet (a layer importing html.xsl) and --css
    layer = os.path.join(tmp, "layer.xsl")
    with open(layer, "w") as f:
        f.write('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
                ' xmlns="http://www.w3.org/1999/xhtml">\n'
                f'  <xsl:import href="{os.path.join(DATADIR, "xslt", "html.xsl")}"/>\n'
                '  <xsl:template name="folio.titlepage.content"><h1>Custom title page</h1></xsl:template>\n'
                '</xsl:stylesheet>\n')
    css = os.path.join(tmp, "house.css")
    with open(css, "w") as f:
        f.write(":root { --house: 1 } /* </style> must not end the element */\n")
    out = os.path.join(tmp, "custom.html")
    r = run("--stylesheet", layer, "--css", css, SAMPLE, "-o", out)
    text = open(out, encoding="utf-8").read() if r.returncode == 0 else ""
    check(r.returncode == 0 and "Custom title page" in text and "--house" in text and
          "<\\/style>" in text and text.count("</style>") == 1,
          "--stylesheet layer and --css are used (CSS safely inlined)", r.stderr)
    site = os.path.join(tmp, "custom-site")
    r = run("--chunk", "--css", css, SAMPLE, "-o", site)
    check(r.returncode == 0 and "--house" in open(os.path.join(site, "css", "folio-web.css")).read(),
          "--css with --chunk is the site's CSS", r.stderr)


def main():
    vnu_files = []
    with tempfile.TemporaryDirectory() as tmp:
        cases(tmp, vnu_files)
        vnu = vnu_command()
        if vnu is None:
            print("note: no HTML5 validator (npm's vnu-jar) installed: structural checks only")
        elif vnu_files:
            r = subprocess.run([*vnu, "--errors-only", "--format", "gnu", *vnu_files],
                               capture_output=True, text=True, timeout=600)
            out = (r.stdout + r.stderr).replace(tmp + "/", "")
            check(r.returncode == 0, f"Nu HTML checker: no error in {len(vnu_files)} pages", out)
        os.makedirs(os.path.join(tmp, "behaviour"))
        behaviour(os.path.join(tmp, "behaviour"))
    return checks.summary()


if __name__ == "__main__":
    os.makedirs(tempfile.gettempdir(), exist_ok=True)
    if len(sys.argv) > 1:
        sys.exit("usage: html_build.py (no arguments)")
    sys.exit(main())
