#!/usr/bin/env python3
"""folio-check on EPUB files: clean books pass, every broken one is caught.

Good books: folio-epub builds the IDM 28 sample (every language edition)
and the fixtures of tests/epub/fixtures/; each EPUB must give no diagnostic
at all and exit 0.

Bad books are made here from the good English one with Python's zipfile (or
by hand, for what zipfile refuses to write): mimetype not first, compressed,
wrong; no container; a container naming a missing package document; no
dc:identifier; a manifest file missing; an external entity (XXE) and a
billion laughs; zip-slip names; a zip bomb (a file
under 5 MB that inflates past 1 GB: honest headers, and headers that lie
about the size); truncated; not a ZIP; and the rest of the rules (ISBN check
digit, media type, spine, navigation, well-formedness, checksums,
compression method, unlisted files).  Each must exit 1 with its rule id and
a message that says what is wrong.  The zip bombs must stay under 100 MB of
memory (the child's maximum resident set size, from wait4); their time is
printed, not asserted.

Prints one line per check and "N passed, M failed"; exits 1 on any failure.
"""
import io
import os
import re
import struct
import sys
import tempfile
import time
import zipfile
import zlib

import foliotest
from foliotest import BIN, SRC

CHECK = os.path.join(BIN, "folio-check")
EPUB = os.path.join(BIN, "folio-epub")
MEMORY_LIMIT_KB = 100 * 1024

checks = foliotest.Checks(inline=True)
check = checks.check


def folio_check(path, *opts):
    """(exit status, stderr) of folio-check."""
    p = foliotest.run(CHECK, [*opts, path], text=False)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def measured(path):
    """(exit status, stderr, max RSS in KB, seconds) of folio-check, reaped
    with wait4 for the child's own resource usage."""
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        errw = os.open(path + ".err", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(errw, 2)
        os.execv(CHECK, [CHECK, path])
    _, status, usage = os.wait4(pid, 0)
    with open(path + ".err", encoding="utf-8", errors="replace") as f:
        err = f.read()
    return os.waitstatus_to_exitcode(status), err, usage.ru_maxrss, time.monotonic() - start


def rules(err):
    return re.findall(r"\[([a-z0-9-]+)\]$", err, flags=re.M)


# ---- building EPUBs ---------------------------------------------------------

def read_entries(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def write_epub(path, entries, stored=("mimetype",), method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data,
                       compress_type=zipfile.ZIP_STORED if name in stored else method)


def replace(entries, name, fn):
    return [(n, fn(d) if n == name else d) for n, d in entries]


def drop(entries, name):
    return [(n, d) for n, d in entries if n != name]


def raw_zip(path, members):
    """Writes a ZIP by hand.  members: (name, method, crc, compressed bytes,
    declared size) — for what zipfile will not write (lying sizes)."""
    out = io.BytesIO()
    central = []
    for name, method, crc, data, size in members:
        nb = name.encode()
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x5021, crc,
                              len(data), size, len(nb), 0) + nb)
        out.write(data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x5021,
                                   crc, len(data), size, len(nb), 0, 0, 0, 0, 0, offset) + nb)
    start = out.tell()
    for c in central:
        out.write(c)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central),
                          out.tell() - start, start, 0))
    with open(path, "wb") as f:
        f.write(out.getvalue())


def deflated(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def zeros_deflated(mib):
    """A raw deflate stream of `mib` MiB of zeros, without compressing them
    all: after a full flush the same input compresses to the same bytes."""
    block = bytes(1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(block, crc)
    return first + again * (mib - 1) + c.flush(zlib.Z_FINISH), crc


def bomb(path, good, lie):
    members = []
    for name, data in good:
        if name == "mimetype":
            members.append((name, 0, zlib.crc32(data), data, len(data)))
        else:
            members.append((name, 8, zlib.crc32(data), deflated(data), len(data)))
    stream, crc = zeros_deflated(1100)
    # The bomb is a chapter the manifest does not list, so that nothing but
    # the archive checks would ever read it.
    members.append(("EPUB/bomb.xhtml", 8, crc, stream, 1000 if lie else 1100 << 20))
    raw_zip(path, members)


# ---- cases -------------------------------------------------------------------

def opf_edit(old, new):
    def fn(data):
        text = data.decode("utf-8")
        assert old in text, old
        return text.replace(old, new, 1).encode("utf-8")
    return fn


# Nine entities, each ten of the one before: "&j;" would be 10^10 bytes.
LAUGHS = (b'<!DOCTYPE container [<!ENTITY a "aaaaaaaaaa">' +
          b"".join(b'<!ENTITY ' + bytes([98 + i]) + b' "' + (b"&" + bytes([97 + i]) + b";") * 10 + b'">'
                   for i in range(9)) + b"]>")


def bad_cases(good):
    """name → (entries or a builder, rule expected, words the message must hold)."""
    opf = "EPUB/package.opf"
    isbn = re.search(r"urn:isbn:(\d+)", dict(good)[opf].decode()).group(1)
    wrong = isbn[:-1] + str((int(isbn[-1]) + 1) % 10)
    return {
        "mimetype-not-first": ([e for e in good if e[0] != "mimetype"] + [e for e in good if e[0] == "mimetype"],
                               "epub-mimetype", "must be the first"),
        "mimetype-compressed": (lambda p: write_epub(p, good, stored=()), "epub-mimetype", "compressed"),
        "mimetype-wrong": (replace(good, "mimetype", lambda d: b"application/zip\n"), "epub-mimetype",
                           'holds "application/zip?"'),
        "mimetype-missing": (drop(good, "mimetype"), "epub-mimetype", "no mimetype"),
        "no-container": (drop(good, "META-INF/container.xml"), "epub-container", "container.xml is missing"),
        "missing-opf": (drop(good, opf), "epub-container", "not in the archive"),
        "no-identifier": (replace(good, opf, lambda d: re.sub(rb"<dc:identifier[^>]*>[^<]*</dc:identifier>", b"", d)),
                          "epub-metadata", "no dc:identifier has id=\"pub-id\""),
        "no-title": (replace(good, opf, lambda d: re.sub(rb"<dc:title[^>]*>[^<]*</dc:title>", b"", d)),
                     "epub-metadata", "no (non-empty) dc:title"),
        "no-modified": (replace(good, opf, lambda d: re.sub(rb"<meta property=\"dcterms:modified\">[^<]*</meta>", b"", d)),
                        "epub-metadata", "dcterms:modified"),
        "isbn-check-digit": (replace(good, opf, opf_edit(isbn, wrong)), "isbn", "expected"),
        "missing-manifest-file": (drop(good, "EPUB/images/fig-timeline.png"), "epub-manifest",
                                  '"EPUB/images/fig-timeline.png", which is not in the archive'),
        "media-type": (replace(good, opf, opf_edit('href="images/fig-timeline.png" media-type="image/png"',
                                                   'href="images/fig-timeline.png" media-type="image/jpeg"')),
                       "epub-media-type", "declared image/jpeg, but its content is not that image type (it is image/png)"),
        "spine-idref": (replace(good, opf, opf_edit('<itemref idref="c-foreword"/>', '<itemref idref="c-nothing"/>')),
                        "epub-spine", 'idref="c-nothing" names no manifest item'),
        "nav-missing": (replace(good, opf, opf_edit(' properties="nav"', "")), "epub-nav",
                        "EPUB 3 needs a navigation document"),
        "nav-link": (replace(good, "EPUB/nav.xhtml", opf_edit('href="ch-msg1.xhtml#sec-m1-nostate"',
                                                            'href="ch-msg1.xhtml#sec-gone"')),
                     "epub-nav", 'has no element with id "sec-gone"'),
        "content-not-xml": (replace(good, "EPUB/foreword.xhtml", lambda d: d.replace(b"</body>", b"</bdy>")),
                            "epub-xml", "not well-formed XML"),
        "opf-not-xml": (replace(good, opf, lambda d: d.replace(b"</manifest>", b"</manifest")), "epub-xml",
                        "not well-formed XML"),
        "xxe": (replace(good, opf, lambda d: d.replace(b"<package ", b'<!DOCTYPE package [<!ENTITY x SYSTEM "file:///etc/passwd">]><package ', 1)
                              .replace(b'<dc:title id="title">', b'<dc:title id="title">&x;', 1)),
                "epub-xml", 'the external entity "x" ("file:///etc/passwd")'),
        "billion-laughs": (replace(good, "META-INF/container.xml", lambda d: d.replace(
            b"<container ", LAUGHS + b"<container ", 1).replace(b"</rootfiles>", b"<x>&j;</x></rootfiles>", 1)),
            "epub-xml", "entity reference loop"),
        "zip-slip": (good + [("../../evil.sh", b"x"), ("/etc/cron.d/evil", b"x"), ("EPUB\\..\\..\\evil", b"x"),
                             ("EPUB/../../evil", b"x")], "epub-zip-slip", "climbs out of its folder"),
        "compression-method": (lambda p: write_epub(p, good, method=zipfile.ZIP_BZIP2), "epub-zip",
                               "compression method 12"),
        "bad-crc": (lambda p: corrupt(p, good), "epub-zip", "cannot be read"),
        "truncated": (lambda p: truncate(p, good), "epub-zip", "truncated"),
        "not-a-zip": (lambda p: open(p, "wb").write(b"<html>this is not an EPUB</html>\n"), "epub-zip",
                      "not a ZIP archive"),
        "empty": (lambda p: open(p, "wb").close(), "epub-zip", "empty"),
    }


def corrupt(path, good):
    write_epub(path, good)
    data = bytearray(open(path, "rb").read())
    # Eight bytes in the middle of a chapter's compressed data.
    at = data.find(b"EPUB/ch-msg2.xhtml") + len("EPUB/ch-msg2.xhtml") + 200
    data[at:at + 8] = b"\xff" * 8
    open(path, "wb").write(bytes(data))


def truncate(path, good):
    write_epub(path, good)
    data = open(path, "rb").read()
    open(path, "wb").write(data[:len(data) // 2])


def build(tmp, name, how):
    path = os.path.join(tmp, name + ".epub")
    if callable(how):
        how(path)
    else:
        write_epub(path, how)
    return path


# ---- the checks ----------------------------------------------------------------

def good_books(tmp):
    sources = []
    for lang in sorted(os.listdir(os.path.join(SRC, "samples", "idm-28"))):
        book = os.path.join(SRC, "samples", "idm-28", lang, "book.xml")
        if os.path.exists(book):
            sources.append((f"idm-28-{lang}", book, []))
    fixtures = os.path.join(SRC, "tests", "epub", "fixtures")
    for f in sorted(os.listdir(fixtures)):
        if f.endswith(".xml"):
            opts = ["--profile=docbook"] if f == "technical.xml" else []
            sources.append((f[:-4], os.path.join(fixtures, f), opts))
    built = {}
    for name, src, opts in sources:
        out = os.path.join(tmp, name + ".epub")
        p = foliotest.run(EPUB, [*opts, src, "-o", out], env={"SOURCE_DATE_EPOCH": "1542326400"})
        if p.returncode != 0:
            check(False, f"folio-epub builds {name}", p.stderr[-300:])
            continue
        rc, err = folio_check(out)
        check(rc == 0 and err == "", f"folio-check {name}.epub: clean", err[:500])
        built[name] = out
    return built


def bad_books(tmp, good_path):
    good = read_entries(good_path)
    for name, (how, rule, words) in bad_cases(good).items():
        path = build(tmp, name, how)
        rc, err = folio_check(path)
        check(rc == 1 and rule in rules(err), f"{name}: exit 1 with [{rule}]", f"exit {rc}: {err[:400]}")
        line = next((l for l in err.splitlines() if l.endswith(f"[{rule}]")), "")
        check(words in line, f"{name}: the message says {words!r}", line or err[:300])
        if name == "zip-slip":
            check(rules(err).count("epub-zip-slip") == 4, "zip-slip: each bad name reported", err)
    # located: the manifest item of a missing file, by line and column
    path = os.path.join(tmp, "missing-manifest-file.epub")
    rc, err = folio_check(path)
    opf = dict(good)["EPUB/package.opf"].decode().splitlines()
    lineno = next(i for i, l in enumerate(opf, 1) if "images/fig-timeline.png" in l)
    col = opf[lineno - 1].index("<item") + 1
    check(f"missing-manifest-file.epub/EPUB/package.opf:{lineno}:{col}: error:" in err,
          f"a manifest problem is located in the entry ({lineno}:{col})", err)
    # warnings only: an unlisted file
    path = build(tmp, "unlisted", good + [("EPUB/notes.txt", b"draft")])
    rc, err = folio_check(path)
    check(rc == 0 and rules(err) == ["epub-unlisted"] and '"EPUB/notes.txt"' in err,
          "unlisted: a warning, exit 0", err)
    rc, err = folio_check(path, "-Wno-epub-unlisted")
    check(rc == 0 and err == "", "-Wno-epub-unlisted silences it", err)
    rc, err = folio_check(path, "-Werror")
    check(rc == 1, "-Werror makes it fail", err)


def bombs(tmp, good_path):
    good = read_entries(good_path)
    for lie in (False, True):
        name = "zip-bomb-lying" if lie else "zip-bomb"
        path = os.path.join(tmp, name + ".epub")
        bomb(path, good, lie)
        size = os.path.getsize(path)
        check(size < 5 * 1024 * 1024, f"{name}: the file is under 5 MB ({size} bytes)")
        with zipfile.ZipFile(path) as z:
            declared = z.getinfo("EPUB/bomb.xhtml").file_size
        check(lie or declared > 1 << 30, f"{name}: declares {declared} bytes")
        rc, err, maxrss, secs = measured(path)
        check(rc == 1 and "epub-zip-bomb" in rules(err), f"{name}: exit 1 [epub-zip-bomb]", err[:300])
        check(maxrss < MEMORY_LIMIT_KB, f"{name}: max RSS {maxrss // 1024} MB < 100 MB")
        print(f"info {name}: {secs * 1000:.0f} ms, max RSS {maxrss} KB")
    # The lying bomb really inflates past 1 GB (checked with zlib, not folio-check).
    path = os.path.join(tmp, "zip-bomb-lying.epub")
    data = open(path, "rb").read()
    at = data.find(b"EPUB/bomb.xhtml") + len("EPUB/bomb.xhtml")
    d = zlib.decompressobj(-15)
    total, chunk = 0, data[at:at + (2 << 20)]
    while chunk and total <= 1 << 30:
        total += len(d.decompress(chunk, 64 << 20))
        chunk = d.unconsumed_tail
    check(total > 1 << 30, "zip-bomb-lying: the entry inflates past 1 GB")


def io_errors(tmp):
    rc, err = folio_check(os.path.join(tmp, "does-not-exist.epub"))
    check(rc == 2 and "[io]" in err, "a missing .epub: exit 2 [io]", err)
    d = os.path.join(tmp, "folder.epub")
    os.mkdir(d)
    rc, err = folio_check(d)
    check(rc == 2 and "[io]" in err, "a folder named .epub: exit 2 [io]", err)


def main():
    for tool in (CHECK, EPUB):
        if not os.path.exists(tool):
            print(f"FAIL {tool} does not exist")
            sys.exit(1)
    with tempfile.TemporaryDirectory() as tmp:
        built = good_books(tmp)
        if "idm-28-en" in built:
            bad_books(tmp, built["idm-28-en"])
            bombs(tmp, built["idm-28-en"])
        else:
            check(False, "the English sample builds (needed for the bad cases)")
        io_errors(tmp)
    sys.exit(checks.summary())


if __name__ == "__main__":
    main()
