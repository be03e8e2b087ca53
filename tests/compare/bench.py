#!/usr/bin/env python3
"""Time folio-compare on generated books (reports; asserts nothing).

    python3 tests/compare/bench.py [--pages 1000] [--runs 5] [--dir DIR]

Generates an English book with tests/bench/gen-book.py, then its
"translation": the same file with every word of running text transformed
deterministically (letters reversed, a French-looking ending), numbers,
URLs, ids and markup kept, xml:lang="fr" and the edition's own ISBNs.
Times `folio-compare -f json` (with validation, the default, and with
--no-validate) and prints the median wall-clock time and the finding count,
which should be zero: the transformation is a correct "translation".

Environment: FOLIO_BIN (default build/bin), FOLIO_SRC.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

SRC = os.environ.get("FOLIO_SRC") or os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
BIN = os.environ.get("FOLIO_BIN") or os.path.join(SRC, "build", "bin")
GEN = os.path.join(SRC, "tests", "bench", "gen-book.py")

WORD = re.compile(r"(?<![\w/.@:-])([A-Za-z]{2,})(?![\w/@-]|\.[a-z])")


def translate_text(s):
    """'The cities grow' -> 'Ehtu seitice worgu': a fake but consistent language."""
    def one(m):
        w = m.group(1)
        t = w[::-1].lower() + "u"
        return t.capitalize() if w[0].isupper() else t
    return WORD.sub(one, s)


def translate(src, dst):
    with open(src, encoding="utf-8") as f:
        xml = f.read()
    out, pos = [], 0
    # Text between tags only; attributes, comments and the declaration stay.
    for m in re.finditer(r">([^<]+)<", xml):
        out.append(xml[pos:m.start(1)])
        out.append(translate_text(m.group(1)))
        pos = m.end(1)
    out.append(xml[pos:])
    xml = "".join(out)
    xml = xml.replace('xml:lang="en"', 'xml:lang="fr"', 1)
    # The edition's own ISBNs (valid check digits), the original's as isversionof.
    isbns = re.findall(r'<biblioid class="isbn" role="(\w+)">([^<]+)</biblioid>', xml)
    epub = dict(isbns).get("epub")
    own = {"print": "978-92-9068-778-8", "epub": "978-92-9068-779-5"}
    for role, value in isbns:
        xml = xml.replace(f'role="{role}">{value}<', f'role="{role}">{own.get(role, value)}<')
    if epub:
        xml = xml.replace("</biblioset>",
                          f'</biblioset>\n    <bibliorelation type="isversionof" class="isbn">{epub}</bibliorelation>', 1)
    with open(dst, "w", encoding="utf-8") as f:
        f.write(xml)


def timed(args, runs):
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(args, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        out = p
    return statistics.median(times), min(times), out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dir", default="/tmp/folio-compare-bench")
    a = ap.parse_args()
    en, fr = os.path.join(a.dir, "en"), os.path.join(a.dir, "fr")
    os.makedirs(a.dir, exist_ok=True)
    subprocess.run([sys.executable, GEN, "--pages", str(a.pages), "-o", en], check=True,
                   stdout=subprocess.DEVNULL)
    shutil.copytree(en, fr, dirs_exist_ok=True)
    translate(os.path.join(en, "book.xml"), os.path.join(fr, "book.xml"))
    size = os.path.getsize(os.path.join(en, "book.xml"))
    tool = os.path.join(BIN, "folio-compare")
    print(f"{a.pages} pages, {size / 1e6:.1f} MB per edition, {a.runs} runs")
    for label, extra in (("validate + compare", []), ("compare only (--no-validate)", ["--no-validate"])):
        med, best, p = timed([tool, "-f", "json"] + extra +
                             [os.path.join(en, "book.xml"), os.path.join(fr, "book.xml")], a.runs)
        try:
            n = len(json.loads(p.stdout)["diagnostics"])
        except ValueError:
            n = "?"
        print(f"  {label:30s} median {med * 1000:7.0f} ms   best {best * 1000:7.0f} ms   "
              f"findings {n}   exit {p.returncode}")
        if n not in (0, "?") and p.stdout:
            for d in json.loads(p.stdout)["diagnostics"][:5]:
                print(f"    {d['rule']} {d['file']}:{d['line']}: {d['message'][:150]}")


if __name__ == "__main__":
    main()
