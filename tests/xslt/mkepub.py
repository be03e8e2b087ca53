#!/usr/bin/env python3
"""Package the intermediate XHTML of xslt/epub.xsl as an EPUB, the way
folio-epub's C side does (a test stand-in, standard library only), so that
the stylesheets' output can be checked with epubcheck.

    mkepub.py INTERMEDIATE.xhtml SRCDIR OUT.epub [--css FILE] [--unwrap-nav]

SRCDIR: where image paths (img/@src) are resolved.  Chunks become
NAME.xhtml; href="#id" becomes FILE.xhtml#id; data-folio-* attributes are
stripped; nav.xhtml gets properties="nav".  --unwrap-nav puts the nav
chunk's children directly in <body> (default: the chunk element is kept).
"""
import copy
import datetime
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
XML = "http://www.w3.org/XML/1998/namespace"
ET.register_namespace("", XHTML)
ET.register_namespace("epub", EPUB)
ET.register_namespace("m", "http://www.w3.org/1998/Math/MathML")
ET.register_namespace("svg", "http://www.w3.org/2000/svg")

MEDIA = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
         ".gif": "image/gif", ".svg": "image/svg+xml", ".webp": "image/webp",
         ".css": "text/css"}


def q(tag):
    return "{%s}%s" % (XHTML, tag)


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    unwrap = "--unwrap-nav" in argv
    css = os.path.join(os.path.dirname(__file__), "..", "..", "xslt", "css", "folio.css")
    for i, a in enumerate(argv):
        if a == "--css":
            css = argv[i + 1]
    src, srcdir, out = args[0], args[1], args[2]
    tree = ET.parse(src)
    html = tree.getroot()
    head = html.find(q("head"))
    body = html.find(q("body"))
    meta = {m.get("name"): m.get("content") for m in head.findall(q("meta"))}
    lang = html.get("lang")
    dirn = html.get("dir")
    title = head.find(q("title")).text

    chunks = [c for c in body if c.get("data-folio-chunk")]
    if len(chunks) != len(list(body)):
        sys.exit("mkepub: body has children that are not chunks")
    where = {}
    for c in chunks:
        name = c.get("data-folio-chunk")
        if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
            sys.exit("mkepub: bad chunk name %r" % name)
        for e in c.iter():
            if e.get("id") is not None:
                if e.get("id") in where:
                    sys.exit("mkepub: duplicate id %r" % e.get("id"))
                where[e.get("id")] = name

    files = {}
    props_of = {}
    images = set()
    for c in chunks:
        name = c.get("data-folio-chunk")
        ctitle = c.get("data-folio-title")
        c = copy.deepcopy(c)
        for e in c.iter():
            for a in list(e.attrib):
                if a.startswith("data-folio-"):
                    del e.attrib[a]
            h = e.get("href")
            if h and h.startswith("#"):
                if h[1:] not in where:
                    sys.exit("mkepub: dangling link %s" % h)
                e.set("href", "%s.xhtml%s" % (where[h[1:]], h))
            if e.tag == q("img"):
                images.add(e.get("src"))
        props_of[name] = set()
        for e in c.iter():
            if e.tag.startswith("{http://www.w3.org/1998/Math/MathML}"):
                props_of[name].add("mathml")
            if e.tag.startswith("{http://www.w3.org/2000/svg}"):
                props_of[name].add("svg")
        doc = ET.Element(q("html"), {"lang": lang, "{%s}lang" % XML: lang, "dir": dirn})
        hd = ET.SubElement(doc, q("head"))
        ET.SubElement(hd, q("meta"), {"charset": "utf-8"})
        ET.SubElement(hd, q("title")).text = ctitle
        ET.SubElement(hd, q("link"), {"rel": "stylesheet", "type": "text/css", "href": "css/folio.css"})
        bd = ET.SubElement(doc, q("body"))
        if name == "nav" and unwrap:
            for k in c:
                bd.append(k)
        else:
            bd.append(c)
        data = ET.tostring(doc, encoding="unicode")
        files[name] = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n' + data

    now = datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")
    manifest, spine = [], []
    for c in chunks:
        name = c.get("data-folio-chunk")
        props = []
        if name == "nav":
            props.append("nav")
        props += sorted(props_of[name])
        p = ' properties="%s"' % " ".join(props) if props else ""
        manifest.append('<item id="c-%s" href="%s.xhtml" media-type="application/xhtml+xml"%s/>' % (name, name, p))
        spine.append('<itemref idref="c-%s"/>' % name)
    manifest.append('<item id="css" href="css/folio.css" media-type="text/css"/>')
    for i, img in enumerate(sorted(images)):
        p = ' properties="cover-image"' if img == meta.get("folio:cover-image") else ""
        manifest.append('<item id="img%d" href="%s" media-type="%s"%s/>'
                        % (i, img, MEDIA[os.path.splitext(img)[1].lower()], p))
    a11y = ("<meta property=\"schema:accessMode\">textual</meta>"
            "<meta property=\"schema:accessMode\">visual</meta>"
            "<meta property=\"schema:accessModeSufficient\">textual</meta>"
            "<meta property=\"schema:accessibilityFeature\">structuralNavigation</meta>"
            "<meta property=\"schema:accessibilityFeature\">alternativeText</meta>"
            "<meta property=\"schema:accessibilityFeature\">tableOfContents</meta>"
            "<meta property=\"schema:accessibilityHazard\">none</meta>"
            "<meta property=\"schema:accessibilitySummary\">%s</meta>" % meta["folio:a11y-summary"])
    if meta.get("folio:page-breaks", "0") != "0":
        a11y += "<meta property=\"schema:accessibilityFeature\">printPageNumbers</meta>"
    opf = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="%s">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="uid">urn:uuid:2d8b3a8e-2b0c-4f6e-9d52-0f2b8c6f1a11</dc:identifier>
<dc:title>%s</dc:title><dc:language>%s</dc:language>
<meta property="dcterms:modified">%s</meta>%s
</metadata>
<manifest>%s</manifest>
<spine%s>%s</spine>
</package>
""" % (lang, escape(title), lang, now, a11y, "\n".join(manifest),
       ' page-progression-direction="rtl"' if dirn == "rtl" else "", "\n".join(spine))
    container = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml", container, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("OEBPS/content.opf", opf, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in files.items():
            z.writestr("OEBPS/%s.xhtml" % name, data, compress_type=zipfile.ZIP_DEFLATED)
        z.write(css, "OEBPS/css/folio.css", compress_type=zipfile.ZIP_DEFLATED)
        for img in images:
            z.write(os.path.join(srcdir, img), "OEBPS/" + img, compress_type=zipfile.ZIP_DEFLATED)


def escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


if __name__ == "__main__":
    main(sys.argv[1:])
