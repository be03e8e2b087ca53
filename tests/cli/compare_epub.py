#!/usr/bin/env python3
"""folio-compare on two EPUBs.

Builds EPUBs of the IDM No. 28 sample (samples/idm-28/en and its fr, es,
ar translations) with folio-epub; comparing the English EPUB with each
translation gives zero findings.  Then defective copies of the French EPUB
(a paragraph deleted, a number changed, a URL changed, an id renamed so a
link breaks, the series ISSN changed in the package document) each give
their finding under its rule, in the right entry ("fr.epub/EPUB/NAME");
a file that is not a ZIP archive and a zip bomb give a clear error with
exit 1; a missing file and an EPUB compared with a DocBook source exit 2.

Environment: FOLIO_BIN (the built tools), FOLIO_SRC (the source tree).
Prints one line per check and "N passed, M failed"; exits 1 on failure.
"""
import json
import os
import re
import sys
import tempfile
import zipfile

import foliotest
from foliotest import BIN, SRC

TOOL = os.path.join(BIN, "folio-compare")
SAMPLES = os.path.join(SRC, "samples", "idm-28")

checks = foliotest.Checks(inline=True)
check = checks.check
CWD = [None]


def run(*args):
    p = foliotest.run(TOOL, args, cwd=CWD[0], timeout=300)
    return p.returncode, p.stdout, p.stderr


def findings(orig, trans):
    rc, out, err = run("-f", "json", orig, trans)
    try:
        return rc, json.loads(out)["diagnostics"], err
    except ValueError:
        return rc, None, err + out


def rewrite(src, dst, edits):
    """Copies the EPUB src to dst, applying edits {entry: fn(text) -> text};
    mimetype first and stored, as EPUB wants."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w") as zo:
        for info in zi.infolist():
            data = zi.read(info.filename)
            if info.filename in edits:
                new = edits[info.filename](data.decode("utf-8"))
                if new == data.decode("utf-8"):
                    raise RuntimeError("edit of %s changed nothing" % info.filename)
                data = new.encode("utf-8")
            comp = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zo.writestr(zipfile.ZipInfo(info.filename, info.date_time), data, compress_type=comp)


def main():
    epub_tool = os.path.join(BIN, "folio-epub")
    if not os.path.exists(os.path.join(SAMPLES, "en", "book.xml")):
        print("no IDM No. 28 sample: skipped")
        return checks.summary()
    tmp = tempfile.mkdtemp(prefix="folio-cmpepub-")
    CWD[0] = tmp
    books = {}
    for lang in ("en", "fr", "es", "ar"):
        src = os.path.join(SAMPLES, lang, "book.xml")
        if not os.path.exists(src):
            continue
        out = os.path.join(tmp, lang + ".epub")
        p = foliotest.run(epub_tool, ["-o", out, src], env={"SOURCE_DATE_EPOCH": "1542326400"},
                          timeout=300)
        check(p.returncode == 0 and os.path.exists(out), "folio-epub builds %s.epub" % lang,
              p.stderr.strip()[-300:])
        books[lang] = lang + ".epub"     # named as the reports name it
    en = books.get("en")
    if en is None:
        checks.summary()
        return 1

    # Correct translations: zero findings, exit 0.
    for lang in ("fr", "es", "ar"):
        if lang not in books:
            continue
        rc, diags, err = findings(en, books[lang])
        check(rc == 0 and diags == [], "en.epub vs %s.epub: zero findings" % lang,
              "rc=%d %s" % (rc, err if diags is None else
                            "; ".join("%s:%d:%d %s %s" % (d["file"], d["line"], d["column"],
                                                          d["rule"], d["message"][:120])
                                      for d in diags[:6])))

    if "fr" not in books:
        return checks.summary()
    fr = books["fr"]

    # Defective copies of the French EPUB: (name, entry, edit, rule, expect error?)
    def drop_paragraph(t):
        m = re.search(r'(<section id="sec-m1-nostate" class="section"><h2>[^<]*</h2>)(<p>.*?</p>)', t)
        return t[:m.end(1)] + t[m.end(2):]

    cases = [
        ("a paragraph deleted", "EPUB/ch-msg1.xhtml", drop_paragraph, "cmp-missing"),
        ("a number changed", "EPUB/ch-msg1.xhtml",
         lambda t: t.replace("paragraphes 40 et", "paragraphes 46 et", 1), "cmp-number"),
        ("a URL changed", "EPUB/ch-introduction.xhtml",
         lambda t: t.replace('href="https://www.iom.int/constitution"',
                             'href="https://www.iom.int/constitucion"', 1), "cmp-url"),
        ("an id renamed, a link broken", "EPUB/ch-msg1.xhtml",
         lambda t: t.replace('id="sec-m1-nostate"', 'id="sec-m1-aucun-etat"', 1), "cmp-id"),
        ("the series ISSN changed", "EPUB/package.opf",
         lambda t: t.replace("urn:issn:1726-2224", "urn:issn:0000-0000", 1), "cmp-meta-issn"),
    ]
    for name, entry, edit, rule in cases:
        bad = "fr-" + re.sub(r"\W+", "-", name) + ".epub"
        try:
            rewrite(os.path.join(tmp, fr), os.path.join(tmp, bad), {entry: edit})
        except Exception as e:   # the sample changed under the test
            check(False, name + ": defect seeded", str(e))
            continue
        rc, diags, err = findings(en, bad)
        if diags is None:
            check(False, name + ": JSON report", err[:300])
            continue
        want = os.path.basename(bad) + "/" + entry
        hits = [d for d in diags if d["rule"] == rule]
        check(bool(hits), "%s: reported as %s" % (name, rule),
              "; ".join("%s %s" % (d["rule"], d["message"][:100]) for d in diags[:5]) or "nothing")
        check(any(d["file"] == want and d["line"] > 0 and d["column"] > 0 for d in hits),
              "%s: at %s:LINE:COL" % (name, want),
              "; ".join("%s:%d:%d" % (d["file"], d["line"], d["column"]) for d in hits))
        errors = any(d["severity"] == "error" for d in diags)
        check(rc == (1 if errors else 0), "%s: exit %d" % (name, 1 if errors else 0), "rc=%d" % rc)
        if rule != "cmp-meta-issn":
            check(any(d["original"] and d["original"]["file"].startswith("en.epub/EPUB/")
                      for d in hits) or rule == "cmp-missing" and
                  any("en.epub/EPUB/ch-msg1.xhtml" in d["message"] for d in hits),
                  "%s: the original's place in en.epub" % name,
                  json.dumps(hits[:1])[:300])
    # Text format names the entry too.
    bad = "fr-text.epub"
    rewrite(os.path.join(tmp, fr), os.path.join(tmp, bad), {"EPUB/ch-msg1.xhtml": drop_paragraph})
    rc, out, err = run(en, bad)
    check(re.search(r"^fr-text\.epub/EPUB/ch-msg1\.xhtml:\d+:\d+: \w+: .*\[cmp-missing\]$", err, re.M)
          is not None, "text format: BOOK.epub/ENTRY:LINE:COL ... [cmp-missing]", err[:300])

    # Archives that cannot be compared.
    notzip = os.path.join(tmp, "notzip.epub")
    with open(notzip, "w") as f:
        f.write("this is not a ZIP archive\n")
    rc, out, err = run(en, notzip)
    check(rc == 1, "not a ZIP: exit 1", "rc=%d" % rc)
    check("[epub-zip]" in err and "notzip.epub" in err, "not a ZIP: says so under epub-zip", err[:300])

    bomb = os.path.join(tmp, "bomb.epub")
    with zipfile.ZipFile(os.path.join(tmp, fr)) as zi, zipfile.ZipFile(bomb, "w") as zo:
        for info in zi.infolist():
            comp = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zo.writestr(zipfile.ZipInfo(info.filename, info.date_time), zi.read(info.filename),
                        compress_type=comp)
        zo.writestr(zipfile.ZipInfo("EPUB/bomb.bin"), b"\0" * (300 << 20),
                    compress_type=zipfile.ZIP_DEFLATED)
    rc, out, err = run(en, bomb)
    check(rc == 1, "zip bomb: exit 1", "rc=%d" % rc)
    check("[epub-zip-bomb]" in err, "zip bomb: says so under epub-zip-bomb", err[:300])
    os.unlink(bomb)

    broken = os.path.join(tmp, "broken.epub")
    rewrite(os.path.join(tmp, fr), broken, {"EPUB/ch-msg2.xhtml": lambda t: t.replace("</body>", "</bod>", 1)})
    rc, out, err = run("--no-validate", en, broken)
    check(rc == 1, "content document not well-formed: exit 1", "rc=%d" % rc)
    check(re.search(r"broken\.epub/EPUB/ch-msg2\.xhtml:\d+:\d+: error: .*\[epub-xml\]", err)
          is not None, "content document not well-formed: epub-xml at the entry", err[:300])

    rc, out, err = run(en, os.path.join(tmp, "missing.epub"))
    check(rc == 2, "missing EPUB: exit 2", "rc=%d %s" % (rc, err[:200]))
    rc, out, err = run(en, os.path.join(SAMPLES, "fr", "book.xml"))
    check(rc == 2 and "cannot compare an EPUB with a DocBook source" in err,
          "EPUB against DocBook: exit 2 with a clear message", err[:200])

    rc, out, err = run("-f", "html", en, books["fr"])
    check(rc == 0 and out.lstrip().lower().startswith("<!doctype html"), "HTML report for two EPUBs",
          "rc=%d" % rc)

    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
