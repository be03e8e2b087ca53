#!/usr/bin/env python3
"""Tests of Folio's XSLT stylesheets (xslt/epub.xsl, xslt/html.xsl).

Transforms the real sample (samples/idm-28/en, XIncluded), the fixtures in
tests/xslt/fixtures/ and a generated book (tests/bench/gen-book.py), and
checks the output: well-formed, ids unique, every href="#x" resolves,
chunk structure, no text lost, no block inside phrasing content, tables
rectangular (spans right), footnotes with back-links in the same chunk,
page breaks and page list, languages and directions, then epubcheck on
an EPUB packaged by mkepub.py (skipped with FOLIO_SKIP_EPUBCHECK=1 or
when epubcheck is missing).

Prints one line per failed check and "N passed, M failed"; exit 1 if any
check failed.  Standard library only; needs xsltproc and xmllint.
"""
import collections
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
XSLT = os.path.join(ROOT, "xslt")
FIX = os.path.join(HERE, "fixtures")
SAMPLE = os.path.join(ROOT, "samples", "idm-28", "en")

DB = "http://docbook.org/ns/docbook"
H = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
XMLNS = "http://www.w3.org/XML/1998/namespace"
ETYPE = "{%s}type" % EPUB
XLANG = "{%s}lang" % XMLNS

BLOCK = {"div", "p", "ul", "ol", "dl", "table", "figure", "aside", "pre",
         "blockquote", "section", "nav", "h1", "h2", "h3", "h4", "h5", "h6",
         "hr", "header", "footer", "address", "li", "dd", "dt", "tr", "td",
         "th", "tbody", "thead", "tfoot", "figcaption", "caption"}
PHRASING = {"p", "span", "em", "strong", "code", "cite", "dfn", "abbr", "sub",
            "sup", "var", "kbd", "samp", "i", "s", "b", "mark", "h1", "h2",
            "h3", "h4", "h5", "h6", "pre", "dt", "a", "q", "small"}
# text that is not publication text: index terms, remarks, metadata
SKIP_SOURCE = {"indexterm", "remark", "refmeta", "areaspec", "alt"}
ROOT_INFO_KEEP = {"title", "subtitle", "legalnotice", "abstract"}

passed = 0
failed = []


def ok(cond, name, detail=""):
    global passed
    if cond:
        passed += 1
    else:
        failed.append(name)
        print("FAIL %s%s" % (name, (": " + detail) if detail else ""))
    return cond


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def transform(src, xsl="epub.xsl", params=None, xinclude=False):
    cmd = ["xsltproc"]
    if xinclude:
        cmd.append("--xinclude")
    for k, v in (params or {}).items():
        cmd += ["--stringparam", k, v]
    cmd += [xsl if os.path.isabs(xsl) else os.path.join(XSLT, xsl), src]
    r = run(cmd)
    return r.returncode, r.stdout, r.stderr.decode("utf-8", "replace")


def source_tree(src, xinclude):
    if xinclude:
        r = run(["xmllint", "--xinclude", "--nonet", src])
        return ET.fromstring(r.stdout)
    return ET.parse(src).getroot()


def words(text):
    return re.findall(r"\w+", text or "", re.UNICODE)


def source_words(root):
    c = collections.Counter()

    def walk(e, in_root_info=False):
        name = local(e.tag)
        if not isinstance(e.tag, str) or name in SKIP_SOURCE:
            return
        if name == "info":
            if e is not root.find("{%s}info" % DB):
                return
            for k in e:
                if local(k.tag) in ROOT_INFO_KEEP:
                    walk(k)
            return
        c.update(words(e.text))
        for k in e:
            walk(k)
            c.update(words(k.tail))

    walk(root)
    return c


def output_words(root):
    c = collections.Counter()
    body = root.find("{%s}body" % H)
    for e in body.iter():
        c.update(words(e.text))
        c.update(words(e.tail))
        if e.get("alt"):
            c.update(words(e.get("alt")))
    return c


def check_output(name, src, out, xinclude=False, expect_chunks=True, text_loss=True):
    """Generic checks on one intermediate document."""
    try:
        root = ET.fromstring(out)
    except ET.ParseError as e:
        ok(False, name + ": well-formed", str(e))
        return None
    ok(True, name + ": well-formed")
    ok(root.tag == "{%s}html" % H, name + ": html root in the XHTML namespace", root.tag)
    ok(root.get("lang") and root.get(XLANG) == root.get("lang") and root.get("dir") in ("ltr", "rtl"),
       name + ": lang, xml:lang and dir on <html>")

    ids = collections.Counter(e.get("id") for e in root.iter() if e.get("id") is not None)
    dup = [i for i, n in ids.items() if n > 1]
    ok(not dup, name + ": ids unique", ", ".join(dup[:5]))
    bad_ids = [i for i in ids if not i or re.search(r"\s", i)]
    ok(not bad_ids, name + ": ids non-empty, no spaces", ", ".join(bad_ids[:5]))

    dangling = [e.get("href") for e in root.iter()
                if (e.get("href") or "").startswith("#") and e.get("href")[1:] not in ids]
    ok(not dangling, name + ": every href=#id has a target", ", ".join(dangling[:5]))

    # phrasing content holds no blocks; no link inside a link
    bad = []
    nested_a = []

    def walk(e, phr, in_a):
        t = local(e.tag)
        if phr and t in BLOCK:
            bad.append("%s in %s" % (t, phr))
        if in_a and t == "a":
            nested_a.append(e.get("href"))
        for k in e:
            walk(k, t if t in PHRASING else phr, in_a or t == "a")
    walk(root.find("{%s}body" % H), None, False)
    ok(not bad, name + ": no block inside phrasing content", "; ".join(sorted(set(bad))[:5]))
    ok(not nested_a, name + ": no link inside a link", ", ".join(map(str, nested_a[:5])))

    # all namespaces: only XHTML (plus epub attributes, MathML, SVG)
    foreign = {e.tag.split("}")[0][1:] for e in root.iter()
               if isinstance(e.tag, str) and not e.tag.startswith("{%s}" % H)}
    ok(foreign <= {"http://www.w3.org/1998/Math/MathML", "http://www.w3.org/2000/svg"},
       name + ": only XHTML elements", ", ".join(sorted(foreign)))
    data_attrs = [a for e in root.iter() for a in e.attrib
                  if a.startswith("data-") and not a.startswith("data-folio-")]
    ok(not data_attrs, name + ": no stray data- attributes", ", ".join(data_attrs[:3]))

    body = root.find("{%s}body" % H)
    if expect_chunks:
        kids = list(body)
        names = [k.get("data-folio-chunk") for k in kids]
        ok(all(names), name + ": every child of body is a chunk")
        ok(all(n and re.fullmatch(r"[A-Za-z0-9_-]+", n) for n in names),
           name + ": chunk names [A-Za-z0-9_-]+", ", ".join(map(str, names)))
        ok(len(set(names)) == len(names), name + ": chunk names unique")
        ok(all(k.get("data-folio-title") for k in kids), name + ": every chunk has a title")
        nested = [e.get("data-folio-chunk") for k in kids for e in k.iter()
                  if e is not k and e.get("data-folio-chunk")]
        ok(not nested, name + ": chunks not nested", ", ".join(nested))
        ok("titlepage" in names and "nav" in names, name + ": titlepage and nav chunks")
        metas = {m.get("name"): m.get("content") for m in root.iter("{%s}meta" % H)}
        for m in ("folio:toc-title", "folio:landmarks-title", "folio:page-list-title",
                  "folio:cover-title", "folio:a11y-summary"):
            ok(metas.get(m), name + ": meta " + m)
        nav = [k for k in kids if k.get("data-folio-chunk") == "nav"][0]
        toc = [e for e in nav.iter("{%s}nav" % H) if e.get(ETYPE) == "toc"]
        ok(len(toc) == 1 and toc[0].find("{%s}ol" % H) is not None
           and len(toc[0].find("{%s}ol" % H)) > 0, name + ": nav has a toc with entries")
        lm = [e for e in nav.iter("{%s}nav" % H) if e.get(ETYPE) == "landmarks"]
        ok(len(lm) == 1 and all(a.get(ETYPE) for a in lm[0].iter("{%s}a" % H)),
           name + ": landmarks, each link typed")
        ok(all(len(ol) > 0 for ol in nav.iter("{%s}ol" % H)), name + ": no empty <ol> in nav")
        chunk_of = {}
        for k in kids:
            for e in k.iter():
                if e.get("id"):
                    chunk_of[e.get("id")] = k.get("data-folio-chunk")
        check_footnotes(name, root, chunk_of)

    check_tables(name, root)

    # text loss
    srcroot = source_tree(src, xinclude)
    sw = source_words(srcroot)
    ow = output_words(root)
    lost = {w: n - ow[w] for w, n in sw.items() if ow[w] < n and text_loss}
    ok(not lost, name + ": no text lost", ", ".join("%s(-%d)" % kv for kv in list(lost.items())[:8]))

    # page breaks
    anchors = [e for e in srcroot.iter("{%s}anchor" % DB) if e.get("role") == "pagebreak"]
    spans = [e for e in root.iter() if e.get(ETYPE) == "pagebreak"]
    ok(len(spans) == len(anchors), name + ": one pagebreak span per page anchor",
       "%d anchors, %d spans" % (len(anchors), len(spans)))
    ok(all(s.get("role") == "doc-pagebreak" and s.get("id") and s.get("aria-label") for s in spans),
       name + ": pagebreak spans have role, id, aria-label")
    if expect_chunks:
        pl = [e for e in root.iter("{%s}nav" % H) if e.get(ETYPE) == "page-list"]
        if anchors:
            ok(len(pl) == 1 and len(list(pl[0].iter("{%s}li" % H))) == len(anchors),
               name + ": page-list lists every page")
        else:
            ok(not pl, name + ": no page-list without page breaks")
    return root


def check_footnotes(name, root, chunk_of):
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    refs = [a for a in root.iter("{%s}a" % H) if a.get(ETYPE) == "noteref"]
    problems = []
    for a in refs:
        if a.get("role") != "doc-noteref":
            problems.append("noteref without role")
        t = by_id.get((a.get("href") or "#")[1:])
        if t is None or local(t.tag) != "aside" or t.get(ETYPE) != "footnote" or t.get("role") != "doc-footnote":
            problems.append("noteref %s: target is not a footnote aside" % a.get("href"))
            continue
        if a.get("id"):
            back = [b for b in t.iter("{%s}a" % H) if b.get("role") == "doc-backlink"]
            if not back or back[0].get("href") != "#" + a.get("id"):
                problems.append("footnote %s: no back-link to %s" % (t.get("id"), a.get("id")))
            if chunk_of.get(t.get("id")) != chunk_of.get(a.get("id")):
                problems.append("footnote %s not in the chunk of its reference" % t.get("id"))
    asides = [e for e in root.iter("{%s}aside" % H) if e.get(ETYPE) == "footnote"]
    referenced = {(a.get("href") or "#")[1:] for a in refs}
    orphans = [x.get("id") for x in asides if x.get("id") not in referenced]
    if orphans:
        problems.append("footnotes never referenced: " + ", ".join(orphans))
    ok(not problems, name + ": footnotes are asides with back-links", "; ".join(problems[:4]))


def table_widths(table):
    """Row widths of an HTML table, honouring rowspan/colspan."""
    rows = []
    for k in table:
        t = local(k.tag)
        if t == "tr":
            rows.append(("body", k))
        elif t in ("thead", "tbody", "tfoot"):
            rows += [(id(k), r) for r in k if local(r.tag) == "tr"]
    widths = []
    cover = {}  # section -> {row index: set of covered columns}
    index = collections.Counter()
    for sec, r in rows:
        i = index[sec]
        index[sec] += 1
        used = set(cover.get(sec, {}).get(i, set()))
        col = 0
        for c in r:
            if local(c.tag) not in ("td", "th"):
                continue
            while col in used:
                col += 1
            span = int(c.get("colspan", "1"))
            rs = int(c.get("rowspan", "1"))
            for j in range(col, col + span):
                used.add(j)
                for d in range(1, rs):
                    cover.setdefault(sec, {}).setdefault(i + d, set()).add(j)
            col += span
        widths.append(max(used) + 1 if used else 0)
    return widths


def check_tables(name, root):
    bad = []
    for t in root.iter("{%s}table" % H):
        w = table_widths(t)
        if w and len(set(w)) != 1:
            bad.append("%s %s" % (t.get("id") or t.get("class"), w))
    ok(not bad, name + ": tables rectangular (spans consistent)", "; ".join(bad[:3]))


def find(root, pred):
    return [e for e in root.iter() if pred(e)]


def text_of(e):
    return "".join(e.itertext())


def cell(root, text):
    c = find(root, lambda e: local(e.tag) in ("td", "th") and text_of(e).strip() == text)
    return c[0] if c else None


def l10n_codes():
    """Language codes listed in xslt/l10n/index.xml."""
    idx = ET.parse(os.path.join(XSLT, "l10n", "index.xml")).getroot()
    return {e.get("code") for e in idx}


def expected_l10n(tag):
    """The l10n file the stylesheets should choose for a BCP 47 tag."""
    codes = l10n_codes()
    parts = tag.lower().replace("_", "-").split("-")
    for cand in ("-".join(parts), "-".join(parts[:2]), parts[0]):
        if cand in codes:
            return cand
    return "en"


def epubcheck_job(name, out_bytes, srcdir):
    tmp = tempfile.mkdtemp(prefix="folio-xslt-")
    try:
        inter = os.path.join(tmp, "in.xhtml")
        with open(inter, "wb") as f:
            f.write(out_bytes)
        epub = os.path.join(tmp, "out.epub")
        r = run([sys.executable, os.path.join(HERE, "mkepub.py"), inter, srcdir, epub])
        if r.returncode != 0:
            return name, False, r.stderr.decode() + r.stdout.decode()
        # C1 JIT and serial GC: epubcheck starts about twice as fast
        r = run(["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", EPUBCHECK, epub])
        text = r.stdout.decode("utf-8", "replace") + r.stderr.decode("utf-8", "replace")
        good = r.returncode == 0 and "No errors or warnings detected" in text
        msgs = [l for l in text.splitlines() if l.startswith(("ERROR", "WARNING", "FATAL"))]
        return name, good, "\n    ".join(msgs[:10])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


EPUBCHECK = None
for cand in ("/usr/share/java/epubcheck.jar", "/usr/bin/epubcheck"):
    if os.path.exists(cand):
        EPUBCHECK = cand
        break


def main():
    jobs = []
    tmpdir = tempfile.mkdtemp(prefix="folio-xslt-gen-")

    # ---------------------------------------------------------- the sample
    src = os.path.join(SAMPLE, "book.xml")
    rc, out, err = transform(src, xinclude=True)
    ok(rc == 0 and not err.strip(), "sample: xsltproc succeeds without messages", err[:300])
    root = check_output("sample", src, out, xinclude=True)
    if root is not None:
        jobs.append(("sample", out, SAMPLE))
        names = [k.get("data-folio-chunk") for k in root.find("{%s}body" % H)]
        ok(names[:3] == ["cover", "titlepage", "nav"], "sample: cover, titlepage, nav first", str(names[:3]))
        ok("ch-introduction" in names and "app-agenda-newyork" in names, "sample: chunks named by xml:id")
        ch = [k for k in root.find("{%s}body" % H) if k.get("data-folio-chunk") == "ch-introduction"][0]
        ok(ch.get(ETYPE) == "chapter" and ch.get("role") == "doc-chapter" and local(ch.tag) == "section",
           "sample: chapter semantics")
        h1 = ch.find("{%s}h1" % H)
        ok(h1 is not None and "Chapter 1" in text_of(h1), "sample: chapter label in h1")
        tp = [k for k in root.find("{%s}body" % H) if k.get("data-folio-chunk") == "titlepage"][0]
        tpt = text_of(tp)
        for s in ("978-92-9068-775-7", "978-92-9068-774-0", "1726-2224", "No. 28", "Geneva", "© 2018"):
            ok(s in tpt, "sample: title page shows " + s)
        page_ids = [e.get("id") for e in root.iter() if e.get(ETYPE) == "pagebreak"]
        ok("page-v" in page_ids and "page-1" in page_ids, "sample: page break ids kept")
        xr = [a for a in root.iter("{%s}a" % H) if a.get("href") == "#ch-msg1"]
        ok(any(text_of(a).startswith("Chapter 2, Key message 1") for a in xr), "sample: xref text to a chapter")
        t = cell(root, "Session 1: Partnerships at the heart of the global compact — setting the scene")
        ok(t is not None and t.get("rowspan") == "2", "sample: morerows becomes rowspan")
        t = cell(root, "Registration of participants")
        ok(t is not None and t.get("colspan") == "2", "sample: namest/nameend becomes colspan")
        fig = [e for e in root.iter("{%s}figure" % H) if e.get("id") == "fig-timeline"]
        ok(fig and fig[0].find("{%s}img" % H) is not None and fig[0].find("{%s}img" % H).get("alt")
           and fig[0].find("{%s}figcaption" % H) is not None, "sample: figure with img alt and figcaption")
        gl = [e for e in root.iter("{%s}dl" % H)]
        ok(any(len([d for d in g if local(d.tag) == "dt"]) == 17 for g in gl), "sample: glossary as one dl")

    # html.xsl stub
    rc, out, err = transform(src, xsl="html.xsl", xinclude=True)
    ok(rc == 0, "html.xsl: transforms the sample", err[:200])
    check_output("html.xsl sample", src, out, xinclude=True, expect_chunks=False)

    # -------------------------------------------------------- the fixtures
    outs = {}
    for f in sorted(os.listdir(FIX)):
        if not f.endswith(".xml"):
            continue
        name = f[:-4]
        path = os.path.join(FIX, f)
        rc, out, err = transform(path)
        ok(rc == 0, name + ": xsltproc succeeds", err[:300])
        ok(not err.strip(), name + ": no xsl:message output", err[:300])
        r = check_output(name, path, out)
        outs[name] = r
        if r is not None:
            jobs.append((name, out, SAMPLE))

    r = outs.get("tables")
    if r is not None:
        c = cell(r, "span-ab")
        ok(c is not None and c.get("colspan") == "2", "tables: namest/nameend colspan")
        c = cell(r, "span-bc")
        ok(c is not None and c.get("colspan") == "2" and "align-center" in (c.get("class") or ""),
           "tables: spanspec colspan and alignment")
        c = cell(r, "rows-a")
        ok(c is not None and c.get("rowspan") == "3", "tables: morerows=2 is rowspan=3")
        c = cell(r, "block-cd")
        ok(c is not None and c.get("rowspan") == "2" and c.get("colspan") == "2", "tables: row and column span together")
        c = cell(r, "Footer across everything")
        ok(c is not None and c.get("colspan") == "4", "tables: tfoot span")
        empties = find(r, lambda e: "folio-empty" in (e.get("class") or ""))
        ok(len(empties) == 5, "tables: empty cells fill skipped columns", str(len(empties)))
        c = cell(r, "c1")
        ok(c is not None and "align-right" in (c.get("class") or ""), "tables: colspec alignment")
        ok(cell(r, "inner-1") is not None and find(r, lambda e: e.get("class") == "entrytbl"), "tables: entrytbl nested")
        c = cell(r, "tall cell")
        ok(c is not None and c.get("rowspan") == "2", "tables: HTML table rowspan kept")
        caps = [text_of(c) for c in r.iter("{%s}caption" % H)]
        ok("Table 1. Named and spanned columns" in caps and "Table 2. An HTML table in DocBook" in caps,
           "tables: numbered captions", str(caps))
        ok(find(r, lambda e: local(e.tag) == "col" and e.get("style") == "width: 16.67%"), "tables: colwidth to col width")

    r = outs.get("footnotes")
    if r is not None:
        asides = [e for e in r.iter("{%s}aside" % H) if e.get(ETYPE) == "footnote"]
        ok(len(asides) == 10, "footnotes: every footnote rendered once", str(len(asides)))
        second = [k for k in r.find("{%s}body" % H) if k.get("data-folio-chunk") == "second"][0]
        refs = [a for a in second.iter("{%s}a" % H) if a.get(ETYPE) == "noteref"]
        ok(refs and text_of(refs[0]) == "1", "footnotes: numbered per chunk")
        named = [a for a in r.iter("{%s}a" % H) if a.get("href") == "#fn-fn-named"]
        ok(len(named) == 2 and sum(1 for a in named if a.get("id")) == 1, "footnotes: footnoteref links without an id")

    r = outs.get("xrefs")
    if r is not None:
        t = "".join(r.itertext())
        for label, want in (("CHAPTER", "Chapter 1, The first chapter"), ("APPENDIX", "Appendix A, The appendix"),
                            ("SECTION", "Section “A section”"), ("FIGURE", "Figure 1"), ("TABLE", "Table 1"),
                            ("ANCHOR", "the marked spot"), ("PAGE", "page 7"), ("PREFACE", "Before"),
                            ("ENDTERM", "First"), ("STEP", "step 2"), ("ITEM", "2"), ("GLOSS", "API"),
                            ("PART", "Part I, The part"), ("XREFLABEL", "Labelled paragraph")):
            ok("XREF-%s[%s]" % (label, want) in t, "xrefs: " + label.lower(), "XREF-%s[...]" % label)
        ok("LINK-EMPTY[Chapter 1, The first chapter]" in t, "xrefs: empty link gets generated text")
        hrefs = {a.get("href") for a in r.iter("{%s}a" % H)}
        ok("mailto:someone@example.org" in hrefs and "https://example.org/uri" in hrefs
           and "https://example.org/a?b=c&d" in hrefs, "xrefs: external links")

    r = outs.get("nested")
    if r is not None:
        heads = {local(e.tag) for e in r.iter() if local(e.tag) in ("h1", "h2", "h3", "h4", "h5", "h6")}
        ok(heads >= {"h1", "h2", "h3", "h4", "h5", "h6"}, "nested: heading levels h1..h6")
        deep = find(r, lambda e: local(e.tag) == "h6" and "folio-h7" in (e.get("class") or ""))
        ok(deep and "Level seven" in text_of(deep[0]), "nested: level 7 is h6 with a class")
        paras = find(r, lambda e: local(e.tag) == "div" and e.get("class") == "para")
        ok(len(paras) >= 2, "nested: para holding a block is a div")
        t = "".join(r.itertext())
        ok("“outer ‘inner “third”’”" in t, "nested: nested quotation marks")
        fr = find(r, lambda e: e.get("data-folio-chunk") == "chapitre")
        ok(fr and fr[0].get("lang") == "fr" and fr[0].get(XLANG) == "fr", "nested: chapter language")
        ar = find(r, lambda e: e.get("lang") == "ar")
        ok(ar and ar[0].get("dir") == "rtl", "nested: rtl phrase gets dir")
        en = find(r, lambda e: local(e.tag) == "span" and text_of(e) == "English again")
        ok(en and en[0].get("lang") is None, "nested: same language gets no lang")
        parts = find(r, lambda e: e.get(ETYPE) == "part")
        ok(parts and parts[0].get("data-folio-chunk") and not find(parts[0], lambda e: e.get(ETYPE) == "chapter"),
           "nested: part is its own chunk, chapters separate")
        ok(not find(r, lambda e: e.get(ETYPE) == "index"), "nested: empty index not rendered")
        ol = find(r, lambda e: local(e.tag) == "ol" and e.get("type") == "I")
        ok(ol and ol[0].get("start") == "4", "nested: orderedlist numeration and start")
        ol2 = find(r, lambda e: local(e.tag) == "ol" and e.get("start") == "6")
        ok(ol2, "nested: orderedlist continuation")
        gl = find(r, lambda e: local(e.tag) == "dt" and e.get(ETYPE) == "glossterm")
        ok(len(gl) == 3, "nested: glossary entries", str(len(gl)))
        # an empty glosssee shows the term it points to, not the whole entry
        gs = find(r, lambda e: local(e.tag) == "p" and e.get("class") == "glosssee")
        ok(gs and text_of(gs[0]) == "See Alpha.", "nested: empty glosssee shows the target term",
           text_of(gs[0]) if gs else "no glosssee")
        gsa = find(r, lambda e: local(e.tag) == "p" and e.get("class") == "glossseealso")
        ok(gsa and text_of(gsa[0]) == "See also Beta.", "nested: empty glossseealso shows the target term",
           text_of(gsa[0]) if gsa else "no glossseealso")
        tp = find(r, lambda e: e.get("data-folio-chunk") == "titlepage")[0]
        ok("© 2020, 2021 Fixture Press" in text_of(tp) and "Fixture Series, No. 3" in text_of(tp)
           and "Ada Example" in text_of(tp), "nested: title page fields")
        ok(find(tp, lambda e: e.get("role") == "doc-abstract"), "nested: abstract on the title page")
        ok("A REMARK NOT SHOWN" not in "".join(r.itertext()), "nested: remarks dropped")

    r = outs.get("article")
    if r is not None:
        names = [k.get("data-folio-chunk") for k in r.find("{%s}body" % H)]
        ok(names == ["titlepage", "nav", "article-1"], "article: titlepage, nav, one chunk", str(names))
        ok(r.get("lang") == "en-GB", "article: language from xml:lang")
        toc = [e for e in r.iter("{%s}nav" % H) if e.get(ETYPE) == "toc"][0]
        ok("First section" in text_of(toc) and "Sub section" in text_of(toc), "article: toc of sections")

    r = outs.get("technical")
    if r is not None:
        t = "".join(r.itertext())
        ok("folio-epub [--css FILE] {-q | -v} SRC…" in " ".join(t.split()), "technical: cmdsynopsis",
           [l for l in t.splitlines() if "folio-epub [" in l][:1])
        ok("int folio_build(const char *src, int flags);" in t, "technical: funcsynopsis")
        ok(find(r, lambda e: local(e.tag) == "ol" and e.get("class") == "procedure"), "technical: procedure is ol")
        ok(find(r, lambda e: local(e.tag) == "ol" and e.get("class") == "substeps"), "technical: substeps")
        ok(find(r, lambda e: local(e.tag) == "table" and e.get("class") == "segmentedlist"), "technical: segmentedlist table")
        ok("Q: Why Folio?" in t and "A: Because." in t, "technical: Q and A labels")
        ok(find(r, lambda e: local(e.tag) == "pre" and e.get("class") == "programlisting"), "technical: programlisting pre")
        ok(find(r, lambda e: local(e.tag) == "div" and e.get("class") == "db-msgset"), "technical: unknown block as div.db-NAME")
        ok(find(r, lambda e: local(e.tag) == "span" and e.get("class") == "foreign-thing"), "technical: foreign inline as span")
        ok(find(r, lambda e: e.tag == "{http://www.w3.org/1998/Math/MathML}math"), "technical: MathML copied")
        ok(find(r, lambda e: e.get("data-folio-chunk") == "ref") and find(r, lambda e: e.get("data-folio-chunk") == "re-epub")
           and find(r, lambda e: e.get("data-folio-chunk") == "ref-refentry-2"), "technical: reference and refentry chunks")
        ok("folio-epub(1)" in t and "folio-epub — build an EPUB" in t, "technical: refentry heading and refnamediv")
        ok(find(r, lambda e: local(e.tag) == "aside" and e.get(ETYPE) == "sidebar"), "technical: sidebar aside")
        ok("<para>" in t and "(1)" in t, "technical: tag brackets and callout number")

    r = outs.get("rtl")
    if r is not None:
        ok(r.get("dir") == "rtl" and r.get("lang") == "ar", "rtl: html dir=rtl")
        en = find(r, lambda e: e.get("lang") == "en")
        ok(en and en[0].get("dir") == "ltr", "rtl: embedded English gets dir=ltr")
        pre = find(r, lambda e: local(e.tag) == "pre")
        ok(pre and pre[0].get("dir") == "ltr", "rtl: code listing stays ltr")
        metas = {m.get("name"): m.get("content") for m in r.iter("{%s}meta" % H)}
        ok(metas.get("folio:dir") == "rtl" and metas.get("folio:l10n") == expected_l10n("ar"),
           "rtl: meta dir and l10n choice", str(metas.get("folio:l10n")))

    # parameters and customization
    rc, out, err = transform(os.path.join(FIX, "article.xml"), params={"folio.lang": "fr-CA"})
    r = ET.fromstring(out)
    metas = {m.get("name"): m.get("content") for m in r.iter("{%s}meta" % H)}
    ok(r.get("lang") == "fr-CA" and metas.get("folio:l10n") == expected_l10n("fr-CA"),
       "param folio.lang overrides, l10n falls back (fr-CA -> fr -> en)", str(metas.get("folio:l10n")))
    rc, out, err = transform(os.path.join(FIX, "article.xml"), params={"folio.lang": "xx-YY"})
    r = ET.fromstring(out)
    metas = {m.get("name"): m.get("content") for m in r.iter("{%s}meta" % H)}
    ok(rc == 0 and metas.get("folio:l10n") == "en" and not err.strip(), "unknown language falls back to en", err[:200])
    # every l10n file listed in index.xml loads and has every key of en.xml
    en_keys = {(e.tag, e.get("key") or e.get("name")) for e in ET.parse(os.path.join(XSLT, "l10n", "en.xml")).getroot()}
    idx = ET.parse(os.path.join(XSLT, "l10n", "index.xml")).getroot()
    for lang in idx:
        f = os.path.join(XSLT, "l10n", lang.get("file"))
        try:
            keys = {(e.tag, e.get("key") or e.get("name")) for e in ET.parse(f).getroot()}
        except (OSError, ET.ParseError) as e:
            ok(False, "l10n %s: loads" % lang.get("code"), str(e))
            continue
        missing = sorted(k for _, k in en_keys - keys)
        ok(not missing, "l10n %s: every key of en.xml" % lang.get("code"), ", ".join(missing[:5]))
    rc, out, err = transform(os.path.join(FIX, "nested.xml"), params={"folio.section.numbers": "1"})
    r = ET.fromstring(out)
    ok(any(text_of(h).startswith("1.1 ") for h in r.iter("{%s}h2" % H)), "param folio.section.numbers")
    rc, out, err = transform(os.path.join(FIX, "nested.xml"), xsl=os.path.join(FIX, "custom.xsl"))
    ok(rc == 0 and b"CUSTOM TITLE PAGE: Nested structures" in out and b"<mark>em</mark>" in out,
       "customization layer overrides templates", err[:200])
    if rc == 0:
        # (its title page is replaced on purpose: no text-loss check)
        check_output("custom", os.path.join(FIX, "nested.xml"), out, text_loss=False)

    # -------------------------------------------------- a generated book
    gen = os.path.join(ROOT, "tests", "bench", "gen-book.py")
    if os.path.exists(gen):
        d = os.path.join(tmpdir, "gen")
        r = run([sys.executable, gen, "--pages", "30", "--split", "-o", d])
        if ok(r.returncode == 0, "gen-book: generates a book", r.stderr.decode()[:200]):
            src = os.path.join(d, "book.xml")
            rc, out, err = transform(src, xinclude=True)
            ok(rc == 0 and not err.strip(), "gen-book: transforms", err[:200])
            if check_output("gen-book", src, out, xinclude=True) is not None:
                jobs.append(("gen-book", out, d))

    # ---------------------------------------------------------- epubcheck
    if os.environ.get("FOLIO_SKIP_EPUBCHECK") == "1" or not EPUBCHECK or not shutil.which("java"):
        print("note: epubcheck skipped")
    else:
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
            for name, good, msg in ex.map(lambda j: epubcheck_job(*j), jobs):
                ok(good, name + ": epubcheck 0 errors 0 warnings", msg)
    shutil.rmtree(tmpdir, ignore_errors=True)

    print("%d passed, %d failed" % (passed, len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
