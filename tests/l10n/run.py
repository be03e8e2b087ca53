#!/usr/bin/env python3
"""Localization tests: generated text, right-to-left editions, French
typography, for the EPUBs that folio-epub builds.

    run.py [CASE]        all cases, or one; prints "N passed, M failed"

Cases
  LANG            tests/l10n/LANG.xml (en fr es ar zh ru de pt it ja ko tr,
                  and the right-to-left ar fa he ur): first the l10n file,
                  xslt/l10n/LANG.xml: listed in index.xml under LANG, with
                  every key and template of en.xml (once each, no other)
                  and the same placeholders, ten decimal digits.  Then the
                  fixture built with folio-epub: dc:language; lang and
                  xml:lang on every content document; the localized TOC
                  title, chapter label, figure label, cross-reference text,
                  note mark, footnote back-link title and quotation marks
                  (all read from xslt/l10n/LANG.xml, numbers in its digits,
                  not repeated here); dir and the spine's
                  page-progression-direction; for RTL, the chapter label in
                  the language's script, dir="ltr" on the URL and the ISBN;
                  for fr, the French spacing and its absence inside the URL
                  and the code; for every language but en, no English
                  generated text (see below); epubcheck 0 errors, 0 warnings
                  (FOLIO_SKIP_EPUBCHECK=1 skips it).  And built with
                  folio-html: lang and dir on <html>, the chapter label, and
                  (but in en) a skip link that is not the English one.
  sample-fr, sample-es, sample-ar
                  the sample editions (samples/idm-28/LANG): dc:language,
                  lang, dir, and no English generated text.
  french-spacing  xsltproc on inline documents: each rule of
                  xslt/common/typo.xsl, and a long text (100 000
                  characters, tens of thousands of marks) checked against
                  a reference implementation.
  digits          a customization layer that sets $folio.digits (the
                  l10n key "digits") writes figure, section and note
                  numbers in those digits, ids unchanged.
  dir-agreement   the stylesheets' dir (folio.dir) and the OPF's
                  page-progression-direction (folio_bcp47_is_rtl in C)
                  agree for a list of BCP 47 tags.

"No English generated text": every string of xslt/l10n/en.xml (a template
is cut at its %n/%t/%s into literal pieces) is searched, case-sensitive,
as a whole word, in the text of the EPUB (content documents, navigation,
NCX, OPF metadata, and the title, alt and aria-label attributes).  A
string that the source itself contains is not searched (it is the
author's text, not generated).  ALLOW lists, per language, the English
strings that are also the right word in that language.

Environment: FOLIO_BIN (default build/bin), FOLIO_SRC (the repository).
Standard library only; needs xsltproc (french-spacing), xmllint, java +
epubcheck (unless skipped).
"""
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unicodedata
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("FOLIO_SRC", os.path.dirname(os.path.dirname(HERE)))
BIN = os.environ.get("FOLIO_BIN", os.path.join(SRC, "build", "bin"))
L10N = os.path.join(SRC, "xslt", "l10n")

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "l": "urn:folio:l10n",
}
X = "{%s}" % NS["x"]
XLANG = "{http://www.w3.org/XML/1998/namespace}lang"
ETYPE = "{%s}type" % NS["epub"]
NNBSP = "\u202f"

FIXTURE_LANGS = ["en", "fr", "es", "ar", "zh", "ru", "de", "pt", "it", "ja", "ko", "tr", "fa", "he", "ur"]
RTL = {"ar", "fa", "he", "ur"}
# the letters of each right-to-left language's script: its chapter label
# must have one (a label that fell back to English has none)
RTL_SCRIPT = {"ar": "\u0600-\u06ff", "fa": "\u0600-\u06ff", "ur": "\u0600-\u06ff", "he": "\u05d0-\u05ea"}
SAMPLES = {"sample-fr": "fr", "sample-es": "es", "sample-ar": "ar"}

# English strings that are also the right word in the language, so their
# presence is not a missing translation.  Each entry is a literal piece of
# an en.xml string (as searched), with the l10n key(s) it comes from.
#
# Everywhere but Arabic (ردمك, ردمد), Persian (شابک, شاپا) and Hebrew
# (מסת״ב, but ISSN): ISBN and ISSN, international codes written in Latin
# letters; and "(EPUB)", the format's name, where the translation keeps
# the English parentheses (isbn-epub: "ISBN %s (EPUB)").
_CODES = {"ISBN", "ISSN", "(EPUB)"}
ALLOW = {
    # French uses the same words for Index (index, setindex, indexdiv),
    # Collection (set), Article, Colophon, Note, Important, Synopsis
    # (refsynopsisdiv), Section (sect1...), Pages (page-list), Figure
    # (label-figure) and page (xref-page); and "Table" is the first word
    # of "Table des matières" (toc), not the English label-table
    # (Tableau).
    "fr": _CODES | {"Index", "Collection", "Article", "Colophon", "Note", "Important",
                    "Synopsis", "Section", "Pages", "Figure", "page", "Table"},
    "es": _CODES,
    "ar": set(),
    "zh": {"ISBN", "ISSN"},
    "ru": _CODES,
    # German: "A:" (answer-label: A for Antwort).
    "de": _CODES | {"A:"},
    "pt": _CODES,
    # Italian: Colophon.
    "it": _CODES | {"Colophon"},
    "ja": {"ISBN", "ISSN"},
    "ko": _CODES,
    "tr": _CODES,
    "fa": set(),
    "he": {"ISSN"},
    "ur": {"ISBN", "ISSN"},
}

passed = 0
failed = []
_lock = threading.Lock()


def ok(cond, name, detail=""):
    global passed
    with _lock:
        if cond:
            passed += 1
        else:
            failed.append(name)
            print("FAIL %s%s" % (name, (": " + str(detail)) if detail else ""), flush=True)
    return cond


# ---------------------------------------------------------------------
# l10n files
# ---------------------------------------------------------------------
_l10n_cache = {}


def l10n(lang):
    """{key or name: text} of xslt/l10n/LANG.xml, with en.xml as fallback."""
    if lang not in _l10n_cache:
        table = {}
        for f in ("en", lang):
            p = os.path.join(L10N, f + ".xml")
            if os.path.exists(p):
                for e in ET.parse(p).getroot():
                    if isinstance(e.tag, str):
                        table[e.get("key") or e.get("name")] = e.get("text")
        _l10n_cache[lang] = table
    return _l10n_cache[lang]


def fill(template, n="", t="", s=""):
    return re.sub(r"%([nts%])", lambda m: {"n": n, "t": t, "s": s, "%": "%"}[m.group(1)], template)


def digits(n, table):
    """N (ASCII digits) written in the l10n file's digits."""
    d = table.get("digits") or "0123456789"
    return n.translate(str.maketrans("0123456789", d)) if len(d) == 10 else n


def check_l10n_file(lang):
    """xslt/l10n/LANG.xml is the file index.xml gives for LANG, and it is
    complete: every key and template of en.xml once, nothing else, the same
    placeholders, and ten decimal digits 0 to 9 of one script."""
    name = "%s: l10n file" % lang
    index = ET.parse(os.path.join(L10N, "index.xml")).getroot()
    rows = [e for e in index if e.get("code") == lang]
    if not ok(len(rows) == 1 and rows[0].get("file") == lang + ".xml", "%s listed in index.xml" % name,
              [(e.get("code"), e.get("file")) for e in rows]):
        return
    path = os.path.join(L10N, rows[0].get("file"))
    if not ok(os.path.exists(path), "%s exists" % name, path):
        return
    root = ET.parse(path).getroot()
    ok(root.get("lang") == lang and root.get("name") == rows[0].get("name"),
       "%s: lang and name as in index.xml" % name, (root.get("lang"), root.get("name"), rows[0].get("name")))

    def entries(r):
        return [((e.tag.split("}")[-1]), e.get("key") or e.get("name"), e.get("text"))
                for e in r if isinstance(e.tag, str)]
    en = {(kind, k): v for kind, k, v in entries(ET.parse(os.path.join(L10N, "en.xml")).getroot())}
    mine = entries(root)
    seen = [(kind, k) for kind, k, v in mine]
    missing = sorted(k for k in en if k not in seen)
    extra = sorted(k for k in set(seen) if k not in en)
    twice = sorted(k for k in set(seen) if seen.count(k) > 1)
    ok(not missing and not extra and not twice, "%s has every key of en.xml, once, and no other" % name,
       "missing %s, unknown %s, twice %s" % (missing, extra, twice))
    holes = [k for kind, k, v in mine if (kind, k) in en
             and sorted(re.findall(r"%[nts%]", v or "")) != sorted(re.findall(r"%[nts%]", en[(kind, k)]))]
    ok(not holes, "%s: same placeholders as en.xml" % name, holes)
    d = next((v for kind, k, v in mine if k == "digits"), "")
    ok(len(d) == 10 and all(unicodedata.decimal(c, -1) == i for i, c in enumerate(d)),
       "%s: digits are 0 to 9 of one script" % name, d)


def english_pieces():
    """(piece, key) for every literal piece of en.xml that has a letter."""
    out = []
    for e in ET.parse(os.path.join(L10N, "en.xml")).getroot():
        if not isinstance(e.tag, str):
            continue
        key = e.get("key") or e.get("name")
        if key.startswith("format-") or key == "digits":
            continue
        for piece in re.split(r"%[nts%]", e.get("text")):
            piece = piece.strip()
            if re.search(r"[A-Za-z]", piece):
                out.append((piece, key))
    return out


def word_re(piece):
    pat = re.escape(piece)
    if piece[0].isalnum():
        pat = r"(?<!\w)" + pat
    if piece[-1].isalnum():
        pat = pat + r"(?!\w)"
    return re.compile(pat)


# ---------------------------------------------------------------------
# building and reading EPUBs
# ---------------------------------------------------------------------
def build(src, out):
    proc = subprocess.run([os.path.join(BIN, "folio-epub"), src, "-o", out],
                          capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stderr


def read_epub(path):
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def opf_of(entries):
    container = ET.fromstring(entries["META-INF/container.xml"])
    rootfile = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path")
    return rootfile, ET.fromstring(entries[rootfile])


def content_docs(entries, rootfile, opf):
    """[(href, root)] of the spine's content documents and the nav."""
    base = os.path.dirname(rootfile)
    docs = []
    for item in opf.iter("{%s}item" % NS["opf"]):
        if item.get("media-type") == "application/xhtml+xml":
            name = os.path.join(base, item.get("href")) if base else item.get("href")
            docs.append((item.get("href"), ET.fromstring(entries[name]), "nav" in (item.get("properties") or "")))
    return docs


def all_text(entries):
    """The text a reader can meet: element text of the XHTML, NCX and
    OPF, and the title, alt and aria-label attributes."""
    parts = []
    for name, data in entries.items():
        if not name.endswith((".xhtml", ".ncx", ".opf")):
            continue
        root = ET.fromstring(data)
        for e in root.iter():
            if e.text:
                parts.append(e.text)
            if e.tail:
                parts.append(e.tail)
            for a in ("title", "alt", "aria-label"):
                if e.get(a):
                    parts.append(e.get(a))
            if e.tag == "{%s}meta" % NS["opf"] and e.get("content"):
                parts.append(e.get("content"))
    return "\n".join(parts)


def source_text(src):
    r = subprocess.run(["xmllint", "--xinclude", "--nonet", src], capture_output=True, check=True)
    root = ET.fromstring(r.stdout)
    return "\n".join(root.itertext())


def text_of(e):
    return "".join(e.itertext())


def find(root, pred):
    return [e for e in root.iter() if pred(e)]


# allowed pieces that are not the translation of their own key
ALLOW_OTHER = {"fr": {"Table"}}


def check_allow_list(lang):
    """Every allowed piece is what the l10n file itself says for that key
    (or is listed in ALLOW_OTHER): the list cannot hide a missing
    translation."""
    table = {}
    for e in ET.parse(os.path.join(L10N, lang + ".xml")).getroot():
        if isinstance(e.tag, str):
            table[e.get("key") or e.get("name")] = e.get("text")
    same = {p for p, k in english_pieces() if word_re(p).search(table.get(k, ""))}
    extra = ALLOW.get(lang, set()) - same - ALLOW_OTHER.get(lang, set())
    ok(not extra, "%s: allow-list only holds words the translation keeps" % lang, sorted(extra))


def check_no_english(name, lang, entries, src):
    text = all_text(entries)
    source = source_text(src)
    allow = ALLOW.get(lang, set())
    left = []
    for piece, key in english_pieces():
        if piece in allow:
            continue
        rx = word_re(piece)
        if rx.search(source):
            continue
        m = rx.search(text)
        if m:
            left.append("%s (%s): …%s…" % (piece, key, text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")))
    ok(not left, "%s: no English generated text" % name, "; ".join(left[:6]))


def epubcheck(path):
    jar = "/usr/share/java/epubcheck.jar"
    if os.path.exists(jar) and shutil.which("java"):
        cmd = ["java", "-jar", jar]
    elif shutil.which("epubcheck"):
        cmd = ["epubcheck"]
    else:
        return None
    proc = subprocess.run(cmd + ["-q", path], capture_output=True, text=True, timeout=600)
    out = proc.stdout + proc.stderr
    errors = len(re.findall(r"^(ERROR|FATAL)\(", out, re.M))
    warnings = len(re.findall(r"^WARNING\(", out, re.M))
    if proc.returncode != 0 and errors == 0:
        errors = 1
    return errors, warnings, out


def check_language_and_direction(name, lang, entries, rtl):
    rootfile, opf = opf_of(entries)
    langs = [e.text for e in opf.iter("{%s}language" % NS["dc"])]
    ok(langs == [lang], "%s: dc:language" % name, langs)
    spine = opf.find("opf:spine", NS)
    ppd = spine.get("page-progression-direction")
    ok(ppd == ("rtl" if rtl else None) or (not rtl and ppd == "ltr"),
       "%s: spine page-progression-direction" % name, ppd)
    docs = content_docs(entries, rootfile, opf)
    bad_lang = [h for h, r, _ in docs if r.get("lang") != lang or r.get(XLANG) != lang]
    ok(docs and not bad_lang, "%s: lang and xml:lang on every content document" % name, bad_lang[:5])
    want_dir = "rtl" if rtl else "ltr"
    bad_dir = [h for h, r, _ in docs if (r.get("dir") or "ltr") != want_dir]
    ok(not bad_dir, "%s: dir=%s on every content document" % (name, want_dir), bad_dir[:5])
    return rootfile, opf, docs


# ---------------------------------------------------------------------
# fixture cases
# ---------------------------------------------------------------------
def case_fixture(lang, tmp, run_epubcheck=True):
    name = lang
    check_l10n_file(lang)
    src = os.path.join(HERE, lang + ".xml")
    out = os.path.join(tmp, lang + ".epub")
    rc, err = build(src, out)
    if not ok(rc == 0 and os.path.exists(out), "%s: folio-epub builds" % name, err.strip()[:400]):
        return
    entries = read_epub(out)
    rtl = lang in RTL
    rootfile, opf, docs = check_language_and_direction(name, lang, entries, rtl)
    t = l10n(lang)
    src_root = ET.parse(src).getroot()
    DB = "{http://docbook.org/ns/docbook}"
    ch1_title = text_of(src_root.find("%schapter/%stitle" % (DB, DB))).strip()

    nav = [r for h, r, isnav in docs if isnav]
    ok(len(nav) == 1, "%s: one navigation document" % name)
    if nav:
        toc = [e for e in nav[0].iter(X + "nav") if e.get(ETYPE) == "toc"]
        h = toc[0].find(X + "h1") if toc else None
        if h is None and toc:
            h = next((e for e in toc[0] if e.tag in (X + "h1", X + "h2")), None)
        ok(h is not None and text_of(h).strip() == t["toc"], "%s: TOC title" % name,
           (text_of(h) if h is not None else None, t["toc"]))
        lm = [e for e in nav[0].iter(X + "nav") if e.get(ETYPE) == "landmarks"]
        ok(lm and text_of(lm[0].find(X + "h2")).strip() == t["landmarks"], "%s: landmarks title" % name)

    chap = {h: r for h, r, isnav in docs if not isnav
            and find(r, lambda e: e.get(ETYPE) == "chapter")}
    ch1 = chap.get("ch-intro.xhtml")
    ch2 = chap.get("ch-partners.xhtml")
    ok(ch1 is not None and ch2 is not None, "%s: chapter documents" % name, sorted(chap))
    if ch1 is None or ch2 is None:
        return
    one = digits("1", t)
    label = find(ch1, lambda e: e.tag == X + "span" and e.get("class") == "label")
    ok(label and text_of(label[0]) == fill(t["label-chapter"], n=one), "%s: chapter label" % name,
       (text_of(label[0]) if label else None, fill(t["label-chapter"], n=one)))
    if rtl:
        ok(label and re.search("[%s]" % RTL_SCRIPT[lang], text_of(label[0])),
           "%s: chapter label in the language's script" % name, text_of(label[0]) if label else None)
    xref = find(ch2, lambda e: e.tag == X + "a" and e.get("href") == "ch-intro.xhtml#ch-intro")
    want = fill(t["xref-chapter"], n=one, t=ch1_title)
    ok(xref and text_of(xref[0]) == want, "%s: cross-reference text" % name,
       (text_of(xref[0]) if xref else None, want))
    figlabel = find(ch2, lambda e: e.tag == X + "span" and e.get("class") == "label"
                    and text_of(e) == fill(t["label-figure"], n=one))
    ok(figlabel, "%s: figure label" % name, fill(t["label-figure"], n=one))
    nref = find(ch1, lambda e: e.get(ETYPE) == "noteref")
    ok(nref and text_of(nref[0]) == one and nref[0].get("href") == "#fn-fn-geneva",
       "%s: note mark in the language's digits, id unchanged" % name,
       [(text_of(e), e.get("href")) for e in nref])
    back = find(ch1, lambda e: e.get("role") == "doc-backlink")
    ok(back and back[0].get("title") == t["BackToText"], "%s: footnote back-link title" % name,
       back[0].get("title") if back else None)
    notes = find(ch1, lambda e: e.get(ETYPE) == "footnote")
    ok(len(notes) == 1, "%s: footnote aside" % name)
    q = find(ch1, lambda e: e.get("class") == "quote")
    ok(q and text_of(q[0]).startswith(t["open-quote"]) and text_of(q[0]).endswith(t["close-quote"]),
       "%s: quotation marks" % name, text_of(q[0]) if q else None)
    pb = find(ch1, lambda e: e.get(ETYPE) == "pagebreak")
    ok(pb and pb[0].get("id") == "page-1", "%s: page break" % name)
    uri = find(ch1, lambda e: e.tag == X + "a" and e.get("href") == "https://www.iom.int/idm")
    ok(uri and text_of(uri[0]) == "https://www.iom.int/idm", "%s: URL unchanged" % name)
    tp = [r for h, r, isnav in docs if h == "titlepage.xhtml"]
    isbn = src_root.find("%sinfo/%sbiblioid" % (DB, DB)).text
    if rtl:
        ok(uri and uri[0].get("dir") == "ltr", "%s: URL isolated with dir=ltr" % name)
        spans = find(tp[0], lambda e: e.get("dir") == "ltr" and text_of(e) == isbn) if tp else []
        ok(spans, "%s: ISBN isolated with dir=ltr on the title page" % name)
        ok(opf.get("dir") == "rtl", "%s: package dir=rtl" % name)
        nref = find(ch1, lambda e: e.get(ETYPE) == "noteref")
        ok(nref and nref[0].get("dir") == "rtl",
           "%s: note reference isolated (dir=rtl: its digits do not join the text's)" % name)
    else:
        ok(not find(ch1.find(X + "body"), lambda e: e.get("dir")),
           "%s: no dir attribute in left-to-right text" % name)
    if tp:
        want = fill(t["isbn-epub"], s=isbn)
        ok(want in text_of(tp[0]), "%s: ISBN line on the title page" % name, want)

    if lang == "fr":
        body = text_of(ch1)
        for frag in ("Pourquoi" + NNBSP + "?", "Parce que" + NNBSP + ":", "les États" + NNBSP + ";",
                     "les villes" + NNBSP + "!", "«" + NNBSP + "dialogue" + NNBSP + "»",
                     "10:30", "Pour en savoir plus" + NNBSP + ":"):
            ok(frag in body, "fr: French spacing: %r" % frag)
        ok("Pourquoi ?" not in body and NNBSP + NNBSP not in body
           and " " + NNBSP not in body and NNBSP + " " not in body,
           "fr: spaces replaced, never doubled")
        u = find(ch1, lambda e: e.tag == X + "a" and (e.get("href") or "").endswith("?lang=fr"))
        ok(u and text_of(u[0]) == "https://www.iom.int/idm?lang=fr", "fr: no spacing inside a URL",
           repr(text_of(u[0])) if u else None)
        c = find(ch1, lambda e: e.tag == X + "code")
        ok(c and text_of(c[0]) == "a:b;c ?", "fr: no spacing inside code", repr(text_of(c[0])) if c else None)
        src_text = open(src, encoding="utf-8").read()
        ok(NNBSP not in src_text, "fr: source untouched")
        # the TOC entry and the head title are spaced like the heading
        ok(all(NNBSP not in text_of(e) for e in find(ch1, lambda e: e.tag == X + "a"
                                                     and "iom.int" in (e.get("href") or ""))),
           "fr: no spacing inside any link to a URL")

    if lang != "en":
        check_allow_list(lang)
        check_no_english(name, lang, entries, src)

    if run_epubcheck and os.environ.get("FOLIO_SKIP_EPUBCHECK") != "1":
        r = epubcheck(out)
        if r is None:
            print("note: epubcheck not installed, skipped")
        else:
            e, w, report = r
            ok(e == 0 and w == 0, "%s: epubcheck 0 errors, 0 warnings" % name, "%d/%d\n%s" % (e, w, report[-2000:]))

    check_html(lang, src, tmp, t, rtl)


def check_html(lang, src, tmp, t, rtl):
    """The web edition (folio-html, one page): lang and dir, the chapter
    label, and the page chrome's words (html-* keys of the l10n file) in
    the language."""
    name = "%s: html" % lang
    out = os.path.join(tmp, lang + ".html")
    proc = subprocess.run([os.path.join(BIN, "folio-html"), src, "-o", out],
                          capture_output=True, text=True, timeout=300)
    if not ok(proc.returncode == 0 and os.path.exists(out), "%s: folio-html builds" % name, proc.stderr.strip()[:400]):
        return
    page = open(out, encoding="utf-8").read()
    m = re.search(r"<html\b([^>]*)>", page)
    attrs = dict(re.findall(r'([a-z]+)="([^"]*)"', m.group(1))) if m else {}
    ok(attrs.get("lang") == lang and attrs.get("dir", "ltr") == ("rtl" if rtl else "ltr"),
       "%s: lang and dir on <html>" % name, attrs)
    want = fill(t["label-chapter"], n=digits("1", t))
    ok('<span class="label">%s</span>' % want in page, "%s: chapter label" % name, want)
    skip = re.search(r'<a class="skip-link"[^>]*>([^<]*)</a>', page)
    ok(skip and (lang == "en") == (skip.group(1) == "Skip to content"),
       "%s: skip link in the language" % name, skip.group(1) if skip else None)


def case_sample(name, tmp):
    lang = SAMPLES[name]
    src = os.path.join(SRC, "samples", "idm-28", lang, "book.xml")
    out = os.path.join(tmp, name + ".epub")
    rc, err = build(src, out)
    if not ok(rc == 0, "%s: folio-epub builds" % name, err.strip()[:400]):
        return
    entries = read_epub(out)
    rootfile, opf, docs = check_language_and_direction(name, lang, entries, lang in RTL)
    t = l10n(lang)
    nav = [r for h, r, isnav in docs if isnav]
    ok(nav and t["toc"] in text_of(nav[0]), "%s: TOC title" % name)
    check_no_english(name, lang, entries, src)
    if lang == "fr":
        body = "".join(text_of(r) for h, r, isnav in docs)
        n = body.count(NNBSP)
        ok(n > 50, "%s: French spacing applied" % name, n)
        ok(not re.search(r"\w [;:!?»]", body), "%s: no ordinary space before ; : ! ? »" % name,
           re.search(r".{20}\w [;:!?»].{5}", body))


# ---------------------------------------------------------------------
# French spacing, rule by rule (xsltproc)
# ---------------------------------------------------------------------
SPACING = [
    # (source para content, expected output text; ⍽ = U+202F, · = U+00A0)
    ("Le dialogue : un forum", "Le dialogue⍽: un forum"),
    ("Le dialogue: un forum", "Le dialogue⍽: un forum"),
    ("Le dialogue·: un forum", "Le dialogue·: un forum"),
    ("Le dialogue⍽: un forum", "Le dialogue⍽: un forum"),
    ("Quoi ?! Non !", "Quoi⍽?! Non⍽!"),
    ("a ; b ; c", "a⍽; b⍽; c"),
    ("Fin :\n  suite", "Fin⍽:\n  suite"),
    ("« citation »", "«⍽citation⍽»"),
    ("«citation»", "«⍽citation⍽»"),
    ("«·citation·»", "«·citation·»"),
    ("«   large   »", "«⍽large⍽»"),
    ("à 10:30 et 1:2", "à 10:30 et 1:2"),
    ("https://www.iom.int/idm?x=1&y=2", "https://www.iom.int/idm?x=1&y=2"),
    ("std::vector et a;b et mailto:x", "std::vector et a;b et mailto:x"),
    ("(?) et [!]", "(?) et [!]"),
    ("« Vraiment ? »", "«⍽Vraiment⍽?⍽»"),
    ("Un <emphasis>mot</emphasis>!", "Un mot⍽!"),
    ("Un <emphasis>mot</emphasis> !", "Un mot⍽!"),
    ("<code>a : b ; c ?</code>", "a : b ; c ?"),
    ("<uri>http://x.org/?q=1</uri>", "http://x.org/?q=1"),
    ("<literal>«x»</literal> <filename>C:\\dir</filename>", "«x» C:\\dir"),
    ("<email>a@b.org</email> : écrire", "a@b.org⍽: écrire"),
    ("<phrase xml:lang=\"en\">English: yes; no!</phrase>", "English: yes; no!"),
    ("Citation <quote>oui ?</quote>", "Citation «⍽oui⍽?⍽»"),
]


def xsltproc(xsl_params, doc, tmp, name):
    path = os.path.join(tmp, name + ".xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(doc)
    cmd = ["xsltproc"]
    for k, v in xsl_params.items():
        cmd += ["--stringparam", k, v]
    cmd += [os.path.join(SRC, "xslt", "epub.xsl"), path]
    return subprocess.run(cmd, capture_output=True, timeout=300)


def ref_french(s):
    """Reference implementation of typo.xsl's rules (one text node)."""
    WS, FIXED = " \t\n\r", "\xa0\u202f\u2009\u2007\u2008\u200a\u2006\u2005\u2004"
    CLOSING = "\xa0\u202f\u2009»”’\"')]}.,…–—"
    res, i, n = "", 0, len(s)
    while i < n:
        c = s[i]
        if c == "«":
            res += "«"
            j = i + 1
            if j < n and s[j] in WS:
                while j < n and s[j] in WS:
                    j += 1
                res += NNBSP
                i = j
                continue
            nx = s[j] if j < n else ""
            if nx == "" or not (nx in FIXED or nx in WS):
                res += NNBSP
            i += 1
            continue
        if c in ";:!?»":
            prev = res[-1:]
            nx = s[i + 1] if i + 1 < n else ""
            fire = c == "»" or ((nx == "" or nx in WS or nx in CLOSING or (c in "!?" and nx in "!?"))
                                and not (prev != "" and prev in "([{")
                                and not (c in "!?" and prev in ("!", "?")))
            if not fire or prev == "" or prev in FIXED:
                pass
            elif prev in WS and res.rstrip(WS) != "":
                res = res.rstrip(WS) + NNBSP
            elif prev in WS:
                pass
            else:
                res += NNBSP
        res += c
        i += 1
    return res


def case_french_spacing(tmp):
    head = ('<?xml version="1.0" encoding="UTF-8"?><article xmlns="http://docbook.org/ns/docbook" '
            'xmlns:xlink="http://www.w3.org/1999/xlink" version="5.0" xml:lang="fr"><title>T</title>')
    paras = "".join('<para xml:id="p%d">%s</para>' % (i, src.replace("⍽", NNBSP).replace("·", "\xa0")
                                                       .replace("&", "&amp;"))
                    for i, (src, _) in enumerate(SPACING))
    r = xsltproc({}, head + paras + "</article>", tmp, "spacing")
    ok(r.returncode == 0, "french-spacing: transform", r.stderr.decode()[:300])
    root = ET.fromstring(r.stdout)
    for i, (src, want) in enumerate(SPACING):
        p = find(root, lambda e, i=i: e.get("id") == "p%d" % i)
        got = text_of(p[0]) if p else None
        want = want.replace("⍽", NNBSP).replace("·", "\xa0")
        ok(got == want, "french-spacing: %r" % src,
           "got %r" % (got.replace(NNBSP, "⍽") if got else got))
    # the same text in English, and in French with the rule switched off:
    # copied as it is
    plain = [i for i, (src, _) in enumerate(SPACING) if "<" not in src]
    for params, lang, label in (({}, "en", "English text is not respaced"),
                                ({"folio.typo.fr": "0"}, "fr", "folio.typo.fr=0 switches it off")):
        r = xsltproc(params, head.replace('xml:lang="fr"', 'xml:lang="%s"' % lang) + paras + "</article>",
                     tmp, "spacing-" + lang + str(len(params)))
        root = ET.fromstring(r.stdout)
        bad = []
        for i in plain:
            p = find(root, lambda e, i=i: e.get("id") == "p%d" % i)
            want = SPACING[i][0].replace("⍽", NNBSP).replace("·", "\xa0")
            if not p or text_of(p[0]) != want:
                bad.append(SPACING[i][0])
        ok(not bad, "french-spacing: " + label, bad[:3])
    # no xml:lang, French chosen with folio.lang
    r = xsltproc({"folio.lang": "fr"}, head.replace(' xml:lang="fr"', "") + paras + "</article>", tmp, "spacing-param")
    ok("dialogue\u202f: un".encode() in r.stdout, "french-spacing: folio.lang=fr without xml:lang")
    # French phrase in an English document
    r = xsltproc({}, head.replace('xml:lang="fr"', 'xml:lang="en"')
                 + '<para>Say <phrase xml:lang="fr">oui : non</phrase>: fine.</para></article>', tmp, "spacing-nested")
    ok("oui\u202f: non".encode() in r.stdout and "</span>: fine".encode() in r.stdout,
       "french-spacing: a French phrase in English text")
    # a long text: linear, bounded recursion, same result as the reference
    rnd = random.Random(28)
    words = ["mot", "la", "a", "dialogue", "forum", "État", "10:30", "http://x.org/a?b"]
    seps = [" ", " : ", " ; ", "! ", "?", " « ", " » ", "  ", "\n ", ":", " !? ", "(?) "]
    text = "".join(rnd.choice(words) + rnd.choice(seps) for _ in range(20000))
    weird = "?" * 30000 + " a" * 10000 + " :" * 10000 + " " * 3000 + ":" + "«" * 2000
    doc = head + "<para>%s</para><para>%s</para></article>" % (text, weird)
    r = xsltproc({}, doc, tmp, "spacing-long")
    ok(r.returncode == 0, "french-spacing: long text transforms", r.stderr.decode()[:300])
    if r.returncode == 0:
        ps = [e for e in ET.fromstring(r.stdout).iter(X + "p")]
        got = [text_of(p) for p in ps]
        ok(len(got) >= 2 and got[-2] == ref_french(text), "french-spacing: long text = reference",
           "lengths %s" % [len(g) for g in got])
        # (where no cut between two letters exists, a space may stay
        # ordinary at the cut: compare with runs of spaces collapsed)
        def squash(x):
            return re.sub("[ %s]+" % NNBSP, " ", x)
        ok(len(got) >= 2 and squash(got[-1]) == squash(ref_french(weird)),
           "french-spacing: pathological text transforms, nothing lost")


# ---------------------------------------------------------------------
# digits: generated numbers in the language's digits, ids in ASCII
# ---------------------------------------------------------------------
def case_digits(tmp):
    layer = os.path.join(tmp, "digits.xsl")
    with open(layer, "w", encoding="utf-8") as f:
        f.write('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                '<xsl:import href="%s"/>'
                '<xsl:variable name="folio.digits" select="\'\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\'"/>'
                '</xsl:stylesheet>' % os.path.join(SRC, "xslt", "epub.xsl"))
    r = subprocess.run(["xsltproc", "--stringparam", "folio.section.numbers", "1", layer,
                        os.path.join(HERE, "ar.xml")], capture_output=True, timeout=120)
    ok(r.returncode == 0, "digits: transform", r.stderr.decode()[:300])
    root = ET.fromstring(r.stdout)
    labels = [text_of(e) for e in root.iter(X + "span") if e.get("class") == "label"]
    ok("الشكل \u0661" in labels, "digits: figure label in Arabic-Indic digits", labels)
    ok(any(text_of(e).startswith("\u0661.\u0661") for e in root.iter(X + "h2")),
       "digits: section number in Arabic-Indic digits")
    refs = [e for e in root.iter(X + "a") if e.get(ETYPE) == "noteref"]
    ok(refs and text_of(refs[0]) == "\u0661" and refs[0].get("href") == "#fn-fn-geneva",
       "digits: note mark in Arabic-Indic digits, id unchanged",
       [(text_of(e), e.get("href")) for e in refs])
    back = [e for e in root.iter(X + "a") if e.get("role") == "doc-backlink"]
    ok(back and text_of(back[0]) == "\u0661", "digits: back-link number")
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    ok(all(re.match(r"^[A-Za-z0-9_.-]+$", i) for i in ids), "digits: ids stay ASCII",
       [i for i in ids if not re.match(r"^[A-Za-z0-9_.-]+$", i)][:5])


# ---------------------------------------------------------------------
# dir: stylesheets and C agree
# ---------------------------------------------------------------------
DIR_TAGS = {
    "ar": "rtl", "ar-EG": "rtl", "ar-Latn": "ltr", "he": "rtl", "he-IL": "rtl", "iw": "rtl",
    "fa": "rtl", "fa-IR": "rtl", "ur": "rtl", "ur-PK": "rtl", "ps": "rtl", "yi": "rtl", "dv": "rtl",
    "ckb": "rtl", "arz": "rtl", "pa-Arab": "rtl", "az-Arab": "rtl", "uz-Arab-AF": "rtl",
    "en": "ltr", "fr-CA": "ltr", "zh-Hant-TW": "ltr", "sr-Latn": "ltr", "ku-Latn": "ltr",
    "az": "ltr", "tr": "ltr", "en-Hebr": "rtl",
}


def case_dir_agreement(tmp):
    def one(tag):
        d = os.path.join(tmp, "dir-" + tag)
        os.makedirs(d, exist_ok=True)
        src = os.path.join(d, "book.xml")
        with open(src, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<book xmlns="http://docbook.org/ns/docbook" '
                    'version="5.0" xml:lang="%s"><info><title>T</title><author><orgname>O</orgname></author>'
                    '<pubdate>2018</pubdate><biblioid class="isbn" role="epub">978-92-9068-774-0</biblioid>'
                    '</info><chapter xml:id="c1"><title>C</title><para>P</para></chapter></book>\n' % tag)
        out = os.path.join(d, "b.epub")
        rc, err = build(src, out)
        if rc != 0:
            return tag, None, None, err
        entries = read_epub(out)
        rootfile, opf = opf_of(entries)
        ppd = opf.find("opf:spine", NS).get("page-progression-direction") or "ltr"
        ch = ET.fromstring(entries[os.path.join(os.path.dirname(rootfile), "c1.xhtml")])
        return tag, ppd, ch.get("dir") or "ltr", ""
    with concurrent.futures.ThreadPoolExecutor(4) as ex:
        for tag, ppd, dirv, err in ex.map(one, DIR_TAGS):
            want = DIR_TAGS[tag]
            ok(ppd == want and dirv == want, "dir-agreement: %s" % tag,
               err.strip()[:200] or "OPF %s, content %s, expected %s" % (ppd, dirv, want))


# ---------------------------------------------------------------------
def main():
    cases = FIXTURE_LANGS + list(SAMPLES) + ["french-spacing", "digits", "dir-agreement"]
    want = sys.argv[1:] or cases
    unknown = [c for c in want if c not in cases]
    if unknown:
        sys.exit("run.py: unknown case %s (cases: %s)" % (", ".join(unknown), " ".join(cases)))
    if not os.path.exists(os.path.join(BIN, "folio-epub")):
        sys.exit("run.py: %s not found (set FOLIO_BIN)" % os.path.join(BIN, "folio-epub"))
    with tempfile.TemporaryDirectory() as tmp:
        def run_case(c):
            d = os.path.join(tmp, c)
            os.makedirs(d)
            if c in FIXTURE_LANGS:
                case_fixture(c, d)
            elif c in SAMPLES:
                case_sample(c, d)
            elif c == "french-spacing":
                case_french_spacing(d)
            elif c == "digits":
                case_digits(d)
            else:
                case_dir_agreement(d)
        # epubcheck (java) dominates: a few cases at a time
        with concurrent.futures.ThreadPoolExecutor(3) as ex:
            list(ex.map(run_case, want))
    print("%d passed, %d failed" % (passed, len(failed)))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
