#!/usr/bin/env python3
"""Writes the encoding fixtures of tests/recode/ from the two UTF-8 references.

reference.xml holds the French text with the euro sign, curly quotes, the
œ ligature and no-break spaces; reference-latin1.xml the same text within
ISO-8859-1.  Every fixture is one of them in another encoding (Python's own
codecs, independent of iconv), and tests/cli/recode.py checks that
folio-recode turns each back into its reference byte for byte.  Run it
again after editing a reference; the fixtures are committed.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DECL_UTF8 = '<?xml version="1.0" encoding="UTF-8"?>'


def ref(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        return f.read()


def body(text, decl):
    """The reference with another XML declaration (None: none at all)."""
    rest = text[len(DECL_UTF8):]
    return rest.lstrip("\n") if decl is None else decl + rest


def double_encoded(text):
    """UTF-8 read as windows-1252 (undefined bytes as ISO-8859-1 controls),
    then written as UTF-8 again: the classic mojibake."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out).encode("utf-8")


def main():
    full, latin = ref("reference.xml"), ref("reference-latin1.xml")
    plain = '<?xml version="1.0"?>'
    fixtures = {
        "fr-utf8.xml": body(full, plain).encode("utf-8"),
        "fr-utf8-bom.xml": b"\xef\xbb\xbf" + full.encode("utf-8"),
        "fr-latin1.xml": body(latin, '<?xml version="1.0" encoding="ISO-8859-1"?>').encode("latin-1"),
        "fr-latin1-undeclared.xml": body(latin, plain).encode("latin-1"),
        "fr-cp1252.xml": body(full, plain).encode("cp1252"),
        "fr-cp1252-says-utf8.xml": full.encode("cp1252"),
        "fr-utf16le.xml": b"\xff\xfe" + body(full, '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16-le"),
        "fr-utf16be.xml": b"\xfe\xff" + body(full, '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16-be"),
        "fr-macroman.xml": body(full, plain).encode("mac_roman"),
        "fr-double.xml": double_encoded(full),
        # 0x81 has no character in windows-1252: line 9, after "Le budget du ".
        "bad-byte.xml": body(full, plain).encode("cp1252").replace(b"du programme", b"du \x81programme"),
        # One byte, 0x92: an apostrophe in windows-1252, an i-acute in MacRoman.
        "ambiguous.txt": "It\u2019s a report.\n".encode("cp1252"),
    }
    for name, data in fixtures.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
    print(f"wrote {len(fixtures)} fixtures")


if __name__ == "__main__":
    main()
