#!/usr/bin/env python3
"""folio-epub's contract beyond epubcheck: byte-identical rebuilds, nothing
written from a bad source, an existing output left untouched on failure,
a customisation layer that overrides a template, OPF metadata."""
import os
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

import foliotest
from foliotest import BIN, SRC

EPUB = os.path.join(BIN, "folio-epub")
SAMPLE = os.path.join(SRC, "samples", "idm-28", "en", "book.xml")
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml"}
checks = foliotest.Checks(inline=True)
check = checks.check


def run(args, env=None):
    return foliotest.run(EPUB, args, env=env, timeout=300)


def opf_of(path):
    with zipfile.ZipFile(path) as z:
        return ET.fromstring(z.read("EPUB/package.opf"))


with tempfile.TemporaryDirectory() as tmp:
    a, b = os.path.join(tmp, "a.epub"), os.path.join(tmp, "b.epub")
    env = {"SOURCE_DATE_EPOCH": "1542326400"}
    ra, rb = run([SAMPLE, "-o", a], env), run([SAMPLE, "-o", b], env)
    check(ra.returncode == 0 and rb.returncode == 0, "two builds succeed", ra.stderr + rb.stderr)
    same = os.path.exists(a) and os.path.exists(b) and open(a, "rb").read() == open(b, "rb").read()
    check(same, "rebuilds with the same SOURCE_DATE_EPOCH are byte-identical")

    # Without SOURCE_DATE_EPOCH the publication date is used: still identical.
    c, e = os.path.join(tmp, "c.epub"), os.path.join(tmp, "e.epub")
    env_clear = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run([EPUB, SAMPLE, "-o", c], env=env_clear, capture_output=True)
    subprocess.run([EPUB, SAMPLE, "-o", e], env=env_clear, capture_output=True)
    check(open(c, "rb").read() == open(e, "rb").read(),
          "rebuilds without SOURCE_DATE_EPOCH are byte-identical (pubdate)")
    modified = opf_of(c).find(".//opf:meta[@property='dcterms:modified']", NS)
    check(modified is not None and modified.text == "2018-11-16T00:00:00Z", "dcterms:modified comes from pubdate",
          "" if modified is None else modified.text)

    opf = opf_of(a)
    uid = opf.get("unique-identifier")
    ident = opf.find(f".//dc:identifier[@id='{uid}']", NS)
    check(ident is not None and ident.text == "urn:isbn:9789290687757", "unique identifier is the epub ISBN",
          "" if ident is None else ident.text)
    src = opf.find(".//dc:source", NS)
    check(src is not None and src.text == "urn:isbn:9789290687740", "dc:source is the print ISBN")
    coll = opf.find(".//opf:meta[@property='belongs-to-collection']", NS)
    ok = coll is not None
    if ok:
        cid = coll.get("id")
        refs = {m.get("property"): m.text for m in opf.findall(f".//opf:meta[@refines='#{cid}']", NS)}
        ok = refs.get("collection-type") == "series" and refs.get("group-position") == "28" \
            and refs.get("dcterms:identifier") == "urn:issn:1726-2224"
    check(ok, "series: collection-type, group-position 28, ISSN refining it")
    check("1726" not in (ident.text if ident is not None else ""), "the ISSN is never the unique identifier")
    feats = [m.text for m in opf.findall(".//opf:meta[@property='schema:accessibilityFeature']", NS)]
    check("printPageNumbers" in feats, "a11y: printPageNumbers for a source with page breaks", str(feats))
    check(opf.find(".//opf:meta[@property='schema:accessibilitySummary']", NS) is not None,
          "a11y: summary present")
    check(opf.find(".//opf:meta[@property='dcterms:conformsTo']", NS) is not None,
          "a11y: conformsTo claimed for a clean source")
    with zipfile.ZipFile(a) as z:
        names = z.namelist()
        nav = ET.fromstring(z.read("EPUB/nav.xhtml"))
    cover = opf.find(".//opf:item[@properties='cover-image']", NS)
    check(cover is not None and cover.get("media-type") == "image/png", "cover image in the manifest")
    kinds = [n.get("{http://www.idpf.org/2007/ops}type") for n in nav.iter("{http://www.w3.org/1999/xhtml}nav")]
    check(all(k in kinds for k in ("toc", "landmarks", "page-list")), "nav has toc, landmarks and page-list", str(kinds))

    # A bad source: exit 1, nothing written, an existing output untouched.
    bad = os.path.join(tmp, "bad.xml")
    with open(bad, "w") as f:
        f.write('<?xml version="1.0"?>\n<article xmlns="http://docbook.org/ns/docbook" xml:lang="en">\n'
                '<info><title>T</title><biblioid class="isbn" role="epub">978-92-9068-775-8</biblioid></info>\n'
                '<para>x</para></article>\n')
    out = os.path.join(tmp, "keep.epub")
    with open(out, "wb") as f:
        f.write(b"previous edition")
    r = run([bad, "-o", out])
    check(r.returncode == 1 and "[isbn]" in r.stderr, "bad source: exit 1 with the rule", r.stderr)
    check(open(out, "rb").read() == b"previous edition", "bad source: the existing output is untouched")
    r = run([bad, "-o", os.path.join(tmp, "new.epub")])
    check(not os.path.exists(os.path.join(tmp, "new.epub")), "bad source: nothing written")
    check(not [n for n in os.listdir(tmp) if n.startswith(".")], "no temporary files left behind", str(os.listdir(tmp)))

    # A customisation layer that imports epub.xsl and overrides a template.
    # It imports the checkout's copy of the stylesheets, not the one the
    # tool was built with: what they read beside themselves (xslt/l10n/)
    # is allowed wherever they are.
    layer = os.path.join(tmp, "house.xsl")
    xsl = os.path.join(SRC, "xslt", "epub.xsl")
    with open(layer, "w") as f:
        f.write(f'''<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:d="http://docbook.org/ns/docbook" xmlns="http://www.w3.org/1999/xhtml">
  <xsl:import href="file://{xsl}"/>
  <xsl:template match="d:emphasis"><strong class="house">HOUSE-<xsl:apply-templates/></strong></xsl:template>
</xsl:stylesheet>
''')
    cust = os.path.join(tmp, "cust.epub")
    r = run(["--stylesheet", layer, SAMPLE, "-o", cust])
    text = b""
    if r.returncode == 0:
        with zipfile.ZipFile(cust) as z:
            text = b"".join(z.read(n) for n in z.namelist() if n.endswith(".xhtml"))
    check(r.returncode == 0 and b"HOUSE-" in text, "a customisation layer overrides a template", r.stderr)

    # document() reads only below the source's and the stylesheets' folders.
    spy = os.path.join(tmp, "spy.xsl")
    with open(spy, "w") as f:
        f.write(f'''<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:d="http://docbook.org/ns/docbook" xmlns="http://www.w3.org/1999/xhtml">
  <xsl:import href="file://{xsl}"/>
  <xsl:template match="d:emphasis"><xsl:value-of select="document('/etc/hostname')"/></xsl:template>
</xsl:stylesheet>
''')
    spied = os.path.join(tmp, "spy.epub")
    r = run(["--stylesheet", spy, SAMPLE, "-o", spied])
    check(r.returncode == 2 and "/etc/hostname" in r.stderr and "not allowed" in r.stderr
          and not os.path.exists(spied), "document() outside the allowed folders: refused, exit 2",
          f"exit {r.returncode}: {r.stderr[:300]}")

    # --param reaches the stylesheet; an unknown option is a usage error.
    r = run(["--bogus", SAMPLE])
    check(r.returncode == 2, "unknown option: exit 2")
    r = run([os.path.join(tmp, "missing.xml"), "-o", os.path.join(tmp, "m.epub")])
    check(r.returncode == 2 and not os.path.exists(os.path.join(tmp, "m.epub")), "missing source: exit 2, nothing written")

sys.exit(checks.summary())
