#!/usr/bin/env python3
"""folio-recode: every encoding fixture round-trips to its UTF-8 reference.

The fixtures of tests/recode/ (written by tests/recode/mkfixtures.py with
Python's codecs) are the same French text in UTF-8, UTF-8 with a BOM,
ISO-8859-1 (declared and not), windows-1252 (with the euro sign and curly
quotes; undeclared, and declared as UTF-8 by mistake), UTF-16LE/BE with a
BOM, MacRoman, and double-encoded UTF-8.  Each must convert, without
--from, to the byte-identical reference, and no '?' may appear that the
reference does not have.  Also: line endings kept; an unconvertible byte is
an error with its line, column and value and leaves every file untouched;
--in-place is atomic, keeps the mode, writes through symbolic links and
keeps a backup when asked; a low-confidence guess is refused; mojibake is
reported, and repaired with --fix-mojibake; usage errors exit 2.

Prints one line per check and "N passed, M failed"; exits 1 on any failure.
"""
import os
import re
import shutil
import stat
import sys
import tempfile

import foliotest
from foliotest import BIN, SRC

RECODE = os.path.join(BIN, "folio-recode")
FIX = os.path.join(SRC, "tests", "recode")

checks = foliotest.Checks(inline=True)
check = checks.check


def run(*args, cwd=None):
    p = foliotest.run(RECODE, args, cwd=cwd, text=False)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def rules(err):
    return re.findall(r"\[([a-z0-9-]+)\]$", err, flags=re.M)


def read(path):
    with open(path, "rb") as f:
        return f.read()


# fixture, expected reference, the way it must be found, extra options, rule that must be reported
ROUND_TRIPS = [
    ("fr-utf8.xml", "reference.xml", "UTF-8 (the bytes are valid UTF-8)", [], None),
    ("fr-utf8-bom.xml", "reference.xml", "UTF-8 (byte-order mark)", [], None),
    ("fr-latin1.xml", "reference-latin1.xml", "ISO-8859-1 (the XML declaration)", [], None),
    ("fr-latin1-undeclared.xml", "reference-latin1.xml", "windows-1252 (guessed", [], None),
    ("fr-cp1252.xml", "reference.xml", "windows-1252 (guessed", [], None),
    ("fr-cp1252-says-utf8.xml", "reference.xml", "windows-1252 (guessed", [], "enc-declaration"),
    ("fr-utf16le.xml", "reference.xml", "UTF-16LE (byte-order mark)", [], None),
    ("fr-utf16be.xml", "reference.xml", "UTF-16BE (byte-order mark)", [], None),
    ("fr-macroman.xml", "reference.xml", "MacRoman (guessed", [], None),
    ("fr-double.xml", "reference.xml", "UTF-8", ["--fix-mojibake"], "enc-mojibake-fixed"),
]


def round_trips(tmp):
    for name, ref, how, opts, rule in ROUND_TRIPS:
        out = os.path.join(tmp, "out-" + name)
        rc, _, err = run(*opts, "-o", out, os.path.join(FIX, name))
        expected = read(os.path.join(FIX, ref))
        got = read(out) if os.path.exists(out) else b""
        check(rc == 0, f"{name}: exit 0", err)
        check(got == expected, f"{name}: byte-identical to {ref}",
              f"first difference at byte {next((i for i, (a, b) in enumerate(zip(got, expected)) if a != b), min(len(got), len(expected)))}")
        check(got.count(b"?") == expected.count(b"?"), f"{name}: no '?' added")
        check(f"read as {how}" in err, f"{name}: read as {how}", err)
        if rule:
            check(rule in rules(err), f"{name}: reports {rule}", err)
        if "guessed" in how:
            m = re.search(r"confidence (\d\.\d\d)", err)
            check(m and float(m.group(1)) >= 0.6, f"{name}: confident guess", err)


def unconvertible(tmp):
    bad = os.path.join(FIX, "bad-byte.xml")
    out = os.path.join(tmp, "never.xml")
    rc, _, err = run("--from", "windows-1252", "-o", out, bad)
    check(rc == 1, "bad-byte.xml --from windows-1252: exit 1", err)
    check(re.search(r"^.*bad-byte\.xml:10:22: error: byte 0x81 at offset \d+ is not valid "
                    r"windows-1252.*\[enc-unconvertible\]$", err, re.M) is not None,
          "bad-byte.xml: error at 10:22 naming byte 0x81", err)
    check(not os.path.exists(out), "bad-byte.xml: -o not written")
    rc, _, err = run("-o", out, bad)
    check(rc == 1 and "enc-guess" in rules(err), "bad-byte.xml undetected: refused (enc-guess)", err)
    check("windows-1252 fits but for 1 byte" in err and "0x81 at line 10" in err,
          "bad-byte.xml: the refusal names windows-1252 and the stray byte", err)

    # --in-place leaves the file, its time and the folder alone.
    work = os.path.join(tmp, "inplace-bad")
    os.mkdir(work)
    path = os.path.join(work, "bad.xml")
    shutil.copy2(bad, path)
    before = os.stat(path)
    rc, _, err = run("--from", "windows-1252", "--in-place", "--backup", ".orig", path)
    check(rc == 1, "--in-place on an unconvertible file: exit 1", err)
    check(read(path) == read(bad) and os.stat(path).st_mtime_ns == before.st_mtime_ns,
          "--in-place: the unconvertible file is untouched")
    check(os.listdir(work) == ["bad.xml"], "--in-place: no backup, no temporary file left",
          str(os.listdir(work)))

    # Wide encodings: an unpaired surrogate, a file cut in a character.
    p = os.path.join(tmp, "surrogate.xml")
    with open(p, "wb") as f:
        f.write(b"\xff\xfe" + "<p>ok".encode("utf-16-le") + b"\x00\xd8" + "</p>".encode("utf-16-le"))
    rc, _, err = run("-o", os.path.join(tmp, "s.out"), p)
    check(rc == 1 and re.search(r"surrogate\.xml:1:6: error: bytes 0x00 0xD8", err) is not None,
          "UTF-16LE unpaired surrogate: error at 1:6", err)
    p = os.path.join(tmp, "cut.xml")
    with open(p, "wb") as f:
        f.write("<p>déjà</p>\n<p>l’".encode("utf-8")[:-1])
    rc, _, err = run("--from", "utf-8", "-o", os.path.join(tmp, "c.out"), p)
    check(rc == 1 and "cut.xml:2:5: error: the file ends in the middle of a UTF-8 character" in err,
          "UTF-8 cut in a character: error at 2:5", err)


def in_place(tmp):
    work = os.path.join(tmp, "inplace")
    os.mkdir(work)
    path = os.path.join(work, "book.xml")
    shutil.copy(os.path.join(FIX, "fr-cp1252.xml"), path)
    os.chmod(path, 0o640)
    rc, _, err = run("--in-place", "--backup", ".orig", path)
    check(rc == 0, "--in-place --backup: exit 0", err)
    check(read(path) == read(os.path.join(FIX, "reference.xml")), "--in-place: converted")
    check(read(path + ".orig") == read(os.path.join(FIX, "fr-cp1252.xml")), "--backup: original kept")
    check(stat.S_IMODE(os.stat(path).st_mode) == 0o640, "--in-place: mode kept",
          oct(os.stat(path).st_mode))
    check(sorted(os.listdir(work)) == ["book.xml", "book.xml.orig"], "--in-place: no temporary left",
          str(os.listdir(work)))

    # A file already in UTF-8 with its declaration is not rewritten.
    before = os.stat(path).st_mtime_ns
    os.remove(path + ".orig")
    rc, _, err = run("--in-place", "--backup", ".orig", path)
    check(rc == 0 and os.stat(path).st_mtime_ns == before and not os.path.exists(path + ".orig"),
          "--in-place: an unchanged file is left alone (no backup)", err)

    # Through a symbolic link: the target is converted, the link stays.
    target = os.path.join(work, "real.xml")
    link = os.path.join(work, "link.xml")
    shutil.copy(os.path.join(FIX, "fr-macroman.xml"), target)
    os.symlink("real.xml", link)
    rc, _, err = run("-i", link)
    check(rc == 0 and os.path.islink(link) and read(target) == read(os.path.join(FIX, "reference.xml")),
          "--in-place through a symbolic link converts its target", err)

    # Several files at once.
    files = []
    for name in ("fr-utf16le.xml", "fr-latin1.xml"):
        files.append(os.path.join(work, name))
        shutil.copy(os.path.join(FIX, name), files[-1])
    rc, _, err = run("-q", "--in-place", *files)
    check(rc == 0 and read(files[0]) == read(os.path.join(FIX, "reference.xml")) and
          read(files[1]) == read(os.path.join(FIX, "reference-latin1.xml")),
          "--in-place with several files", err)
    check("enc-detected" not in rules(err), "-q: no enc-detected notes", err)


def line_endings(tmp):
    ref = read(os.path.join(FIX, "reference.xml")).replace(b"\n", b"\r\n")
    src = ref.decode("utf-8").replace('<?xml version="1.0" encoding="UTF-8"?>\r\n', "")
    p = os.path.join(tmp, "crlf.xml")
    with open(p, "wb") as f:
        f.write(src.encode("cp1252"))
    rc, out, err = run("-o", "-", p)
    check(rc == 0 and out == ref, "CRLF kept, declaration added with CRLF", err)
    # UTF-16 without a byte-order mark, found by the bytes of "<?xml".
    p = os.path.join(tmp, "nobom.xml")
    text = read(os.path.join(FIX, "reference.xml")).decode("utf-8")
    with open(p, "wb") as f:
        f.write(text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-be"))
    rc, out, err = run("-o", "-", p)
    check(rc == 0 and out == text.encode("utf-8") and "UTF-16BE" in err,
          "UTF-16BE without a byte-order mark", err)


def detection(tmp):
    rc, out, err = run("--detect", os.path.join(FIX, "fr-macroman.xml"), os.path.join(FIX, "fr-utf16be.xml"))
    lines = out.decode().splitlines()
    check(rc == 0 and len(lines) == 2 and lines[0].endswith("fr-macroman.xml: MacRoman (guessed, confidence 1.00)")
          and lines[1].endswith("fr-utf16be.xml: UTF-16BE"), "--detect prints each file's encoding", out.decode())
    amb = os.path.join(FIX, "ambiguous.txt")
    rc, out, err = run("--detect", amb)
    check(rc == 1 and "enc-guess" in rules(err) and "'’' (U+2019) in windows-1252" in err
          and "'í' (U+00ED) in MacRoman" in err, "a low-confidence guess is refused and explained", err)
    rc, out, err = run("--from", "cp1252", "-o", "-", amb)
    check(rc == 0 and out == "It’s a report.\n".encode("utf-8"), "--from settles it", err)


def mojibake(tmp):
    dbl = os.path.join(FIX, "fr-double.xml")
    ref = read(os.path.join(FIX, "reference.xml")).decode("utf-8")
    nonascii = sum(1 for c in ref if ord(c) > 127)
    rc, out, err = run("-o", "-", dbl)
    found = rules(err).count("enc-mojibake")
    check(rc == 0 and out == read(dbl), "mojibake without --fix-mojibake: reported, text unchanged", err[:300])
    check(found == nonascii, f"every double-encoded character is reported ({nonascii})", str(found))
    col = read(dbl).decode("utf-8").split("\n")[3].index("â€™") + 1
    check(re.search(rf"fr-double\.xml:4:{col}: warning: 'â€™' is double-encoded UTF-8 for '’'", err) is not None,
          f"mojibake reported at its line and column (4:{col})", err[:400])
    p = os.path.join(tmp, "lost.xml")
    with open(p, "wb") as f:
        f.write("<p>l’an, “quoted”, ok \ufffd</p>\n".encode("utf-8").replace(b"\xe2\x80\x9d", "â€?".encode("utf-8"))
                .replace(b"\xe2\x80\x99", "â€™".encode("utf-8")))
    rc, out, err = run("--fix-mojibake", "--no-declaration", "-o", "-", p)
    check(rc == 0 and out.decode() == "<p>l’an, “quoted”, ok \ufffd</p>\n".replace("”", "â€?")
          .replace("“", "“"), "only exact sequences are repaired", out.decode())
    check("byte lost" in err and "U+FFFD" in err, "incomplete sequences and U+FFFD are reported", err)


def usage(tmp):
    f = os.path.join(FIX, "fr-utf8.xml")
    for args, what in [([f], "no -o, --in-place or --detect"),
                       (["--from", "no-such-encoding", "--detect", f], "unknown --from"),
                       (["--from", "ASCII//TRANSLIT", "--detect", f], "--from with //TRANSLIT"),
                       (["-o", "x", f, f], "-o with two files"),
                       (["--backup", ".b", "-o", "x", f], "--backup without --in-place"),
                       (["--detect"], "no input")]:
        rc, _, err = run(*args, cwd=tmp)
        check(rc == 2, f"usage error exits 2: {what}", err)
    rc, _, err = run("--detect", os.path.join(tmp, "missing.xml"))
    check(rc == 2 and "[io]" in err, "a missing file: exit 2 [io]", err)
    rc, out, _ = run("--help")
    check(rc == 0 and b"--in-place" in out, "--help")
    rc, out, _ = run("--version")
    check(rc == 0 and out.startswith(b"folio-recode (Folio)"), "--version")


def main():
    if not os.path.exists(RECODE):
        print(f"FAIL {RECODE} does not exist")
        sys.exit(1)
    with tempfile.TemporaryDirectory() as tmp:
        for step in (round_trips, unconvertible, in_place, line_endings, detection, mojibake, usage):
            step(tmp)
    sys.exit(checks.summary())


if __name__ == "__main__":
    main()
