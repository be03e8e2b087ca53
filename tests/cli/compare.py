#!/usr/bin/env python3
"""folio-compare against its corpus, and its command-line contract.

    compare.py [CASE...]      (all cases when none is named)

Corpus (tests/compare/cases.txt, written by tests/compare/mkvariants.py):
every seeded defect is found, under its rule and at the xml:id it was
seeded at (and in the file named, when one is), nothing else is reported,
and the correct translations give zero findings.  The exit status is 1
exactly when an error was reported.  When the IDM No. 28 sample's
translations exist (samples/idm-28/fr, es, ar), each is a correct
translation of the English original and must give zero findings too.

Contract: the text format's lines; the JSON schema; the HTML report
(self-contained, escaped, right-to-left column for Arabic, findings
linked); -Wno-RULE, -Werror; -o writes atomically; exit 2 for usage and
unreadable files; every cmp- rule of rules.def is documented, with its
severity, in docs/folio-compare.1.

Environment: FOLIO_BIN (the built tools), FOLIO_SRC (the source tree).
Prints one line per check and "N passed, M failed"; exits 1 on failure.
"""
import html.parser
import json
import os
import re
import sys
import tempfile

import foliotest
from foliotest import BIN, SRC

TOOL = os.path.join(BIN, "folio-compare")
CORPUS = os.path.join(SRC, "tests", "compare", "corpus")
CASES = os.path.join(SRC, "tests", "compare", "cases.txt")
SAMPLES = os.path.join(SRC, "samples", "idm-28")

checks = foliotest.Checks()
check = checks.check


def run(args, cwd=CORPUS):
    return foliotest.run(TOOL, args, cwd=cwd)


def read_cases():
    cases = []
    with open(CASES, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, orig, trans, opts, *exp = line.split()
            exp = [] if exp == ["none"] else exp
            cases.append((name, orig, trans, [] if opts == "-" else opts.split(","), exp))
    return cases


def findings(p):
    try:
        return json.loads(p.stdout)
    except ValueError as e:
        return {"error": str(e), "diagnostics": []}


def describe(d):
    return f"{d['rule']}@{d.get('id')} {d['file']}:{d['line']}: {d['message'][:160]}"


def run_case(name, orig, trans, opts, expected, cwd=CORPUS):
    p = run(["-f", "json"] + opts + [orig, trans], cwd=cwd)
    doc = findings(p)
    got = doc.get("diagnostics", [])
    missing, unmatched = [], list(got)
    for e in expected:
        rule, ident, *rest = e.split("@")
        hit = None
        for d in unmatched:
            if d["rule"] != rule or (d.get("id") or "-") != ident:
                continue
            if rest and not d["file"].endswith(rest[0]):
                continue
            hit = d
            break
        if hit is None:
            missing.append(e)
        else:
            unmatched.remove(hit)
    detail = ""
    if missing:
        detail += "not found: " + ", ".join(missing)
    if unmatched:
        detail += ("\n     " if detail else "") + "unexpected:\n       " + \
            "\n       ".join(describe(d) for d in unmatched)
    if p.returncode == 2 or "error" in doc:
        detail += f"\n     exit {p.returncode}: {p.stderr.strip()[:300]}"
    what = "zero findings" if not expected else " ".join(expected)
    check(not missing and not unmatched and p.returncode != 2, f"{name}: {what}", detail)
    errors = any(d["severity"] == "error" for d in got)
    check(p.returncode == (1 if errors else 0), f"{name}: exit status {p.returncode}",
          f"expected {1 if errors else 0}")
    for d in got:
        if d["line"] <= 0 or not d["file"]:
            check(False, f"{name}: finding has a location", describe(d))


def corpus(selected):
    cases = read_cases()
    check(len(cases) > 40, f"cases.txt lists the corpus ({len(cases)} cases)")
    for name, orig, trans, opts, exp in cases:
        if selected and name not in selected:
            continue
        run_case(name, orig, trans, opts, exp)


def samples(selected):
    en = os.path.join(SAMPLES, "en", "book.xml")
    for lang in ("fr", "es", "ar"):
        name = f"sample-{lang}"
        if selected and name not in selected:
            continue
        tr = os.path.join(SAMPLES, lang, "book.xml")
        if not os.path.exists(tr):
            print(f"skip {name}: {os.path.relpath(tr, SRC)} does not exist yet")
            continue
        run_case(name, en, tr, [], [], cwd=SRC)


class HTMLCheck(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.rtl, self.external, self.stack = set(), [], 0, [], []
        self.errors = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if a.get("dir") == "rtl" and tag == "td":
            self.rtl += 1
        if tag in ("script", "link", "img", "iframe") or "src" in a:
            self.external.append(tag)
        if tag not in ("meta", "br", "col", "input", "img", "link"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
        else:
            self.stack.pop()


def contract():
    # Text: one line per finding, FILE:LINE:COL: severity: message [rule].
    p = run(["en.xml", "v-fr-number.xml"])
    lines = p.stderr.strip().splitlines()
    pat = re.compile(r"^[^:]+:\d+:\d+: (error|warning|note): .+ \[[a-z0-9-]+\]$")
    check(len(lines) == 1 and pat.match(lines[0]) is not None, "text: one finding per line",
          p.stderr)
    check("en.xml:" in p.stderr and "\u2192" in p.stderr and "145" in p.stderr,
          "text: the message gives the original's place and both texts", p.stderr)
    check(p.returncode == 0, "text: warnings only: exit 0")

    # -Wno-RULE, -Werror.
    p = run(["-Wno-cmp-number", "en.xml", "v-fr-number.xml"])
    check(p.stderr == "" and p.returncode == 0, "-Wno-cmp-number silences the finding", p.stderr)
    p = run(["-Werror", "en.xml", "v-fr-number.xml"])
    check(p.returncode == 1 and ": error:" in p.stderr, "-Werror makes warnings errors", p.stderr)
    p = run(["-Wno-no-such-rule", "en.xml", "fr.xml"])
    check(p.returncode == 2, "-Wno- with an unknown rule: exit 2", p.stderr)

    # Usage and I/O.
    check(run(["en.xml"]).returncode == 2, "one file only: exit 2")
    check(run(["en.xml", "no-such-file.xml"]).returncode == 2, "unreadable translation: exit 2")
    check(run(["-f", "pdf", "en.xml", "fr.xml"]).returncode == 2, "unknown format: exit 2")
    p = run(["--help"])
    check(p.returncode == 0 and "--base" in p.stdout, "--help")
    p = run(["--version"])
    check(p.returncode == 0 and p.stdout.startswith("folio-compare"), "--version")

    # JSON: documented fields.
    p = run(["-f", "json", "en.xml", "v-fr-id-translated.xml"])
    doc = findings(p)
    keys = {"tool", "original", "translation", "errors", "warnings", "notes", "diagnostics"}
    check(keys <= set(doc), "json: top-level fields", str(sorted(doc)))
    d = doc["diagnostics"][0] if doc.get("diagnostics") else {}
    dkeys = {"file", "line", "column", "severity", "rule", "message", "id", "original", "translation"}
    check(dkeys <= set(d), "json: finding fields", str(sorted(d)))
    check(isinstance(d.get("original"), dict) and {"file", "line", "column", "text"} <= set(d["original"]),
          "json: the original's place", str(d.get("original")))
    check(doc.get("errors") == sum(x["severity"] == "error" for x in doc.get("diagnostics", [])),
          "json: counts agree with the findings")

    # HTML: self-contained, escaped, RTL, linked.
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "report.html")
        p = run(["-f", "html", "-o", out, "en.xml", "v-ar-markup.xml"])
        check(p.returncode == 0 and os.path.exists(out), "html: -o writes the report", p.stderr)
        page = open(out, encoding="utf-8").read() if os.path.exists(out) else ""
        h = HTMLCheck()
        h.feed(page)
        check(not h.errors, "html: tags nest", "; ".join(h.errors[:5]))
        check(not h.external, "html: no script, image or external resource", str(h.external))
        check("<style>" in page, "html: inline CSS")
        check(h.rtl > 10, f"html: Arabic column is dir=rtl ({h.rtl} cells)")
        links = [x[1:] for x in h.hrefs if x.startswith("#")]
        check(links and all(x in h.ids for x in links), "html: every link has its target",
              str([x for x in links if x not in h.ids][:5]))
        check('class="row hit' in page and "cmp-markup" in page, "html: the finding is highlighted")
        check("Summary by rule" in page and page.index("Summary by rule") < page.index("Side by side"),
              "html: summary first, then side by side")
        # Escaping: the text "&", "<" of a source must not become markup.
        p = run(["-f", "html", "en.xml", "fr.xml"])
        check("l’atelier" in p.stdout and "<quote>" not in p.stdout, "html: text is escaped")
        # A failed -o leaves nothing behind.
        bad = os.path.join(tmp, "no-such-dir", "r.html")
        p = run(["-f", "html", "-o", bad, "en.xml", "fr.xml"])
        check(p.returncode == 2 and not os.path.exists(bad), "html: unwritable -o: exit 2")
        before = os.listdir(tmp)
        check(before == ["report.html"], "html: no temporary file left", str(before))


def manpage():
    page_path = os.path.join(SRC, "docs", "folio-compare.1")
    rules_def = os.path.join(SRC, "tools", "lib", "rules.def")
    if not os.path.exists(page_path):
        check(False, "docs/folio-compare.1 exists")
        return
    page = open(page_path, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", "", open(rules_def, encoding="utf-8").read(), flags=re.S)
    rules = re.findall(r'^\s*RULE\(\s*\w+\s*,\s*"(cmp-[^"]+)"\s*,\s*(\w+)\s*,', text, flags=re.M)
    check(len(rules) > 20, f"rules.def has cmp- rules ({len(rules)})")
    for rid, sev in rules:
        m = re.search(r"^\.It Li " + re.escape(rid) + r" Pq (error|warning|note)\s*$", page, flags=re.M)
        check(m is not None and m.group(1) == sev.lower(),
              f"folio-compare.1 documents {rid} as {sev.lower()}",
              m.group(0) if m else "not listed as '.It Li RULE Pq SEVERITY'")
    for code in ("0", "1", "2"):
        check(re.search(r"^\.It " + code + r"\b", page, flags=re.M) is not None,
              f"folio-compare.1 documents exit status {code}")


def main():
    selected = set(sys.argv[1:])
    if not os.access(TOOL, os.X_OK):
        print(f"FAIL {TOOL} is not built")
        sys.exit(1)
    corpus(selected)
    samples(selected)
    if not selected:
        contract()
        manpage()
    sys.exit(checks.summary())


if __name__ == "__main__":
    main()
