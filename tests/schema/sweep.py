#!/usr/bin/env python3
"""Check that libxml2 reports schema errors precisely with folio.rng.

    sweep.py RNG DOC

For every element name in DOC (a valid document), put an unknown element
<zz/> at the end of the first element of that name and validate the result
with xmllint.  libxml2 compiles a content model into an automaton only when
it can (no attributes or interleave inside the content, deterministic); then
its first message names the intruder ("Did not expect element zz there").
Otherwise it backtracks and its messages blame other, valid elements.  This
guards the grammar against edits that lose the precise messages which
folio-check turns into plain words.

Exit status: 0 if every element gives a precise first message, 1 if not,
2 on usage errors.  Standard library only.
"""

import os
import subprocess
import sys
import tempfile
import xml.dom.minidom

DB_NS = "http://docbook.org/ns/docbook"


def first_error(rng, path):
    proc = subprocess.run(["xmllint", "--noout", "--relaxng", rng, path],
                          capture_output=True, text=True, check=False)
    for line in proc.stderr.splitlines():
        if "error" in line:
            return line
    return None


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: sweep.py RNG DOC\n")
        return 2
    rng, src = argv[1], argv[2]
    doc = xml.dom.minidom.parse(src)
    first = {}

    def walk(node):
        for child in node.childNodes:
            if child.nodeType == child.ELEMENT_NODE:
                first.setdefault(child.tagName, child)
                walk(child)

    walk(doc)
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "sweep.xml")
        for name, elem in first.items():
            intruder = doc.createElementNS(DB_NS, "zz")
            elem.appendChild(intruder)
            with open(path, "w", encoding="utf-8") as out:
                out.write(doc.toxml())
            elem.removeChild(intruder)
            err = first_error(rng, path)
            if err is None or "zz" not in err:
                bad += 1
                msg = err.split(": ", 1)[-1] if err else "no error at all"
                print("imprecise: <zz/> in %s: first message: %s" % (name, msg))
    print("sweep: %d element names, %d imprecise" % (len(first), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
