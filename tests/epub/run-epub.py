#!/usr/bin/env python3
"""Builds one EPUB case of tests/epub/cases.txt and checks it.

A line of cases.txt:  NAME  SOURCE  [folio-epub options...]
  SOURCE is relative to the repository root.
Every case: folio-epub exits 0; Debian's epubcheck reports 0 errors and
0 warnings (info and usage lines are allowed); folio-check accepts the
source; the container is right (mimetype first, stored, no extra field).
No text is lost: every word of the source's body (outside info, indexterm
and remark) appears in the EPUB's content documents (text or image alt)
at least as often.
SOURCE "gen:N" is a book of N pages made by tests/bench/gen-book.py.
Optional NAME.expect: lines "ENTRY<TAB>XPATH<TAB>EXPECTED" — the XPath
(namespaces: opf, dc, x=xhtml, epub, ncx) evaluated on the zip entry must
give EXPECTED (a string, or "count=N").
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("FOLIO_SRC", os.path.dirname(os.path.dirname(HERE)))
BIN = os.environ.get("FOLIO_BIN", os.path.join(SRC, "build", "bin"))
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}


def load_case(name):
    with open(os.path.join(HERE, "cases.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if fields and not line.startswith("#") and fields[0] == name:
                return fields[1], fields[2:]
    sys.exit(f"run-epub: no case named {name}")


def epubcheck_command():
    """Debian's /usr/bin/epubcheck is an executable jar that needs binfmt
    support; running the jar with java works everywhere."""
    jar = "/usr/share/java/epubcheck.jar"
    if os.path.exists(jar) and shutil.which("java"):
        return ["java", "-jar", jar]
    exe = shutil.which("epubcheck")
    if exe is None:
        sys.exit("run-epub: epubcheck is not installed (build.sh installs it)")
    return [exe]


def epubcheck(path):
    """Returns (errors, warnings, output) from Debian's epubcheck."""
    proc = subprocess.run([*epubcheck_command(), "-q", path], capture_output=True,
                          text=True, timeout=600)
    out = proc.stdout + proc.stderr
    errors = len(re.findall(r"^(ERROR|FATAL)\(", out, re.M))
    warnings = len(re.findall(r"^WARNING\(", out, re.M))
    if proc.returncode != 0 and errors == 0:
        errors = 1
    return errors, warnings, out


def xpath_value(root, expr):
    """A small XPath subset through ElementTree: path[/@attr] or count=."""
    m = re.match(r"^(.*?)(?:/@([\w:]+))?$", expr)
    path, attr = m.group(1), m.group(2)
    nodes = root.findall(path, NS) if path not in (".", "") else [root]
    if attr:
        if ":" in attr:
            pre, local = attr.split(":")
            attr = "{%s}%s" % (NS[pre], local)
        return [n.get(attr) for n in nodes if n.get(attr) is not None]
    return ["".join(n.itertext()).strip() for n in nodes]


DB = "{http://docbook.org/ns/docbook}"
SKIP = {DB + "info", DB + "indexterm", DB + "remark"}
WORD = re.compile(r"\w+", re.UNICODE)


def source_words(path):
    """Words of the XIncluded source body (xmllint does the XInclude)."""
    xml = subprocess.run(["xmllint", "--xinclude", "--nonet", path],
                         capture_output=True, check=True).stdout
    words = Counter()

    def walk(el):
        if el.tag in SKIP:
            return
        if el.text:
            words.update(WORD.findall(el.text))
        for child in el:
            walk(child)
            if child.tail:
                words.update(WORD.findall(child.tail))
    walk(ET.fromstring(xml))
    return words


def epub_words(entries):
    words = Counter()
    for name, data in entries.items():
        if name.endswith(".xhtml"):
            root = ET.fromstring(data)
            body = root.find("x:body", NS)
            if body is not None:
                words.update(WORD.findall(" ".join(body.itertext())))
                # A textobject becomes the image's alt text.
                for img in body.iter("{http://www.w3.org/1999/xhtml}img"):
                    words.update(WORD.findall(img.get("alt", "")))
    return words


def main():
    name = sys.argv[1]
    source, args = load_case(name)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        if source.startswith("gen:"):
            subprocess.run([sys.executable, os.path.join(SRC, "tests", "bench", "gen-book.py"),
                            "--pages", source[4:], "-o", os.path.join(tmp, "gen")], check=True)
            source = os.path.join(tmp, "gen", "book.xml")
        else:
            source = os.path.join(SRC, source)
        out = os.path.join(tmp, name + ".epub")
        proc = subprocess.run([os.path.join(BIN, "folio-epub"), *args,
                               source, "-o", out],
                              capture_output=True, text=True, timeout=300)
        if proc.returncode != 0 or not os.path.exists(out):
            print(f"FAIL {name}: folio-epub exited {proc.returncode}\n{proc.stderr}")
            sys.exit(1)
        with zipfile.ZipFile(out) as z:
            infos = z.infolist()
            first = infos[0]
            if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED \
                    or first.extra or z.read("mimetype") != b"application/epub+zip":
                failures.append("mimetype is not the first, stored entry without extra field")
            entries = {i.filename: z.read(i.filename) for i in infos}
        lost = source_words(source) - epub_words(entries)
        if lost:
            failures.append(f"text lost in the EPUB: {dict(lost.most_common(12))}")
        errors, warnings, report = epubcheck(out)
        if errors or warnings:
            failures.append(f"epubcheck: {errors} error(s), {warnings} warning(s)\n{report}")
        expect = os.path.join(HERE, name + ".expect")
        if os.path.exists(expect):
            with open(expect, encoding="utf-8") as f:
                for lineno, line in enumerate(f, 1):
                    line = line.rstrip("\n")
                    if not line or line.startswith("#"):
                        continue
                    entry, expr, want = line.split("\t")
                    if entry not in entries:
                        failures.append(f"{name}.expect:{lineno}: no entry {entry}")
                        continue
                    got = xpath_value(ET.fromstring(entries[entry]), expr)
                    if want.startswith("count="):
                        if len(got) != int(want[6:]):
                            failures.append(f"{name}.expect:{lineno}: {entry} {expr}: "
                                            f"{len(got)} nodes, expected {want[6:]}")
                    elif want not in got:
                        failures.append(f"{name}.expect:{lineno}: {entry} {expr}: "
                                        f"{got[:5]!r}, expected {want!r}")
    if failures:
        print(f"FAIL {name}:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print(f"ok {name}: epubcheck 0 errors, 0 warnings")


if __name__ == "__main__":
    main()
