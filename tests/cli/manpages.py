#!/usr/bin/env python3
"""The man pages document every rule and render cleanly.

- Every rule id of tools/lib/rules.def (the RULE(...) rows) and every
  Schematron rule id of schemas/folio.sch (pattern ids and message prefixes
  "sch-...:") is listed in the DIAGNOSTICS section of docs/folio-check.1, on
  a line that also gives its default severity (error, warning or note), and
  that severity is the one folio-check reports (the catalogue's; for
  Schematron, the role of the assert or report, error by default).
- Nothing is listed there that no longer exists (an ".It Li id" item whose
  id is neither a rule nor a Schematron rule).
- folio-check.1 documents the exit statuses 0, 1 and 2 and the environment
  variables NO_COLOR and FOLIO_DATADIR.
- Every docs/*.1 renders without a warning with `groff -mandoc -ww -z` and
  `man --warnings -l` (skipped when groff or man is not installed).

Prints one line per check and "N passed, M failed"; exits 1 on any failure.
"""
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET

import foliotest
from foliotest import SRC

RULES_DEF = os.path.join(SRC, "tools", "lib", "rules.def")
SCH = os.path.join(SRC, "schemas", "folio.sch")
DOCS = os.path.join(SRC, "docs")
PAGE = os.path.join(DOCS, "folio-check.1")

checks = foliotest.Checks(inline=True)
check = checks.check


def catalogue_rules():
    """(id, severity) of every RULE(sym, "id", SEV, "doc") row."""
    with open(RULES_DEF, encoding="utf-8") as f:
        text = f.read()
    # Rows only: skip the comment that shows the row's shape.
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    rows = re.findall(r'^\s*RULE\(\s*\w+\s*,\s*"([^"]+)"\s*,\s*(\w+)\s*,', text, flags=re.M)
    return [(rid, sev.lower()) for rid, sev in rows]


SCH_NS = "{http://purl.oclc.org/dsdl/schematron}"
ROLE_SEV = {"warning": "warning", "warn": "warning", "info": "note",
            "information": "note", "note": "note"}


def schematron_rules():
    """{id: severity} of the Schematron rules: the "sch-...:" prefix of each
    assert and report (else its pattern's id), with the severity folio-check
    gives it (the test's or the rule's role: warning, info/note, else error)."""
    if not os.path.exists(SCH):
        return {}
    rules = {}
    root = ET.parse(SCH).getroot()
    for pattern in root.iter(SCH_NS + "pattern"):
        pid = pattern.get("id", "")
        for rule in pattern.iter(SCH_NS + "rule"):
            for test in list(rule.iter(SCH_NS + "assert")) + list(rule.iter(SCH_NS + "report")):
                text = "".join(test.itertext()).strip()
                m = re.match(r"(sch-[A-Za-z0-9._-]+):", text)
                rid = m.group(1) if m else pid if pid.startswith("sch-") else None
                if rid is None:
                    continue
                role = test.get("role") or rule.get("role") or ""
                sev = ROLE_SEV.get(role, "error")
                if rules.get(rid, "error") == "error":
                    rules[rid] = sev
        if pid.startswith("sch-"):
            rules.setdefault(pid, "error")
    return rules


def section(page, name):
    """The lines of a section (.Sh NAME in mdoc, .SH NAME in man)."""
    out, inside = [], False
    for line in page.splitlines():
        m = re.match(r'^\.S[Hh]\s+"?([^"]*)"?\s*$', line)
        if m:
            inside = m.group(1).strip().upper() == name
            continue
        if inside:
            out.append(line)
    return out


def word_re(word):
    return re.compile(r"(?<![A-Za-z0-9-])" + re.escape(word) + r"(?![A-Za-z0-9-])")


# Rules that other tools emit are documented in those tools' pages.
OTHER_PAGES = {"cmp-": "folio-compare.1", "enc-": "folio-recode.1"}


def page_of(rid):
    for prefix, name in OTHER_PAGES.items():
        if rid.startswith(prefix):
            return name
    return "folio-check.1"


def check_other_pages(rules):
    for prefix, name in OTHER_PAGES.items():
        mine = [(rid, sev) for rid, sev in rules if rid.startswith(prefix)]
        if not mine:
            continue
        path = os.path.join(DOCS, name)
        text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        for rid, sev in mine:
            lines = [l for l in text.splitlines() if word_re(rid).search(l)]
            check(bool(lines), f"rule {rid} is documented in {name}")


def check_rules(page):
    diag = section(page, "DIAGNOSTICS")
    check(bool(diag), "folio-check.1 has a DIAGNOSTICS section")
    all_rules = catalogue_rules()
    check_other_pages(all_rules)
    rules = [(rid, sev) for rid, sev in all_rules if page_of(rid) == "folio-check.1"]
    check(len(rules) > 0, f"rules.def has rules ({len(rules)})")
    sch = schematron_rules()
    if os.path.exists(SCH):
        check(len(sch) > 0, f"folio.sch has sch- rules ({len(sch)})")
    else:
        print("skip Schematron ids: schemas/folio.sch does not exist")
    expected = rules + sorted(sch.items())
    for rid, sev in expected:
        lines = [l for l in diag if word_re(rid).search(l)]
        if not lines:
            check(False, f"rule {rid} is documented", "not in DIAGNOSTICS of docs/folio-check.1")
            continue
        sevs = [s for l in lines[:1] for s in ("error", "warning", "note") if word_re(s).search(l)]
        check(sevs == [sev], f"rule {rid} is documented as {sev}",
              f"its line says {sevs or 'no severity'}: {lines[0]!r}")
    known = {rid for rid, _ in expected}
    for line in diag:
        m = re.match(r"^\.It\s+Li\s+([a-z0-9-]+)\s+Pq\s+(error|warning|note)\b", line)
        if m and m.group(1) not in known:
            check(False, f"documented rule {m.group(1)} exists",
                  "not in rules.def nor folio.sch: remove it from the page")


def check_exit_and_env(page):
    status = "\n".join(section(page, "EXIT STATUS"))
    for code in ("0", "1", "2"):
        ok = re.search(r"^\.(It|TP|IP)\s*" + code + r"\b", status, flags=re.M) or \
            re.search(r"^\.TP\s*\n\.?B?\s*" + code + r"\b", status, flags=re.M)
        check(bool(ok), f"folio-check.1 EXIT STATUS documents {code}")
    env = "\n".join(section(page, "ENVIRONMENT"))
    for var in ("NO_COLOR", "FOLIO_DATADIR"):
        check(var in env, f"folio-check.1 ENVIRONMENT documents {var}")


def check_rendering():
    pages = sorted(f for f in os.listdir(DOCS) if re.search(r"\.[1-9]$", f))
    check(bool(pages), f"docs/ has man pages ({len(pages)})")
    groff = shutil.which("groff")
    man = shutil.which("man")
    if groff is None:
        print("skip rendering: groff is not installed")
        return
    env = {"LC_ALL": "C.UTF-8", "MANWIDTH": "80", "MAN_DISABLE_SECCOMP": "1"}
    for name in pages:
        path = os.path.join(DOCS, name)
        # -mandoc picks man or mdoc macros by the page's content.
        p = foliotest.run(groff, ["-mandoc", "-ww", "-z", path], env=env)
        check(p.returncode == 0 and not p.stderr.strip(), f"{name} renders cleanly with groff -ww",
              p.stderr.strip())
        if man is None:
            continue
        p = foliotest.run(man, ["--warnings", "-l", path], env=env)
        check(p.returncode == 0 and not p.stderr.strip(), f"{name} renders cleanly with man --warnings",
              p.stderr.strip())


def main():
    if not os.path.exists(PAGE):
        check(False, "docs/folio-check.1 exists")
    else:
        with open(PAGE, encoding="utf-8") as f:
            page = f.read()
        check_rules(page)
        check_exit_and_env(page)
    check_rendering()
    sys.exit(checks.summary())


if __name__ == "__main__":
    main()
