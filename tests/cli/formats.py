#!/usr/bin/env python3
"""folio-check's output formats, options and exit codes, through the binary.

Writes a few small publications into a temporary folder (one clean, one
with errors, one with warnings only, one whose error is in an XIncluded
chapter, one whose file name needs escaping) and checks that:
  - -f json parses and says what the text output says, record for record;
  - -f junit parses, has one testsuite and a testcase per file, and fails
    exactly the files that have errors;
  - -f github prints one ::error/::warning line per record, escaped;
  - -Werror turns a warnings-only run from exit 0 into exit 1;
  - -Wno-RULE silences a rule; an unknown rule, format or option, no input
    and a missing input file exit 2; --help and --version exit 0;
  - text goes to stderr, the other formats to stdout; nothing is coloured
    off a terminal or with NO_COLOR, and colours appear on a terminal.
Prints "N passed, M failed" and exits 1 on any failure.
Uses FOLIO_BIN (the folder holding folio-check; build/bin by default);
FOLIO_DATADIR is passed on.
"""
import json
import os
import pty
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import foliotest

TOOL = os.path.join(foliotest.BIN, "folio-check")
TEXT_LINE = re.compile(r"^(.+):(\d+):(\d+): (error|warning|note): (.*) \[([a-z0-9-]+)\]$")
GH_LINE = re.compile(r"^::(error|warning|notice) file=([^,:]*),line=(\d+),col=(\d+),title=([^,:]*)::(.*)$")
GH_SEV = {"error": "error", "warning": "warning", "notice": "note"}

checks = foliotest.Checks()
check = checks.check


BOOK = '''<?xml version="1.0" encoding="UTF-8"?>
<book xmlns="http://docbook.org/ns/docbook" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xi="http://www.w3.org/2001/XInclude" version="5.0" xml:lang="en" xml:id="idm28">
  <info>
    <title>International Dialogue on Migration No. 28</title>
    <author><orgname>International Organization for Migration</orgname></author>
    <publisher>
      <publishername>International Organization for Migration</publishername>
      <address><city>Geneva</city></address>
    </publisher>
    <pubdate>2018-11-16</pubdate>
    <biblioid class="isbn" role="print">978-92-9068-774-0</biblioid>
    <biblioid class="isbn" role="epub">%ISBN%</biblioid>
    <biblioset relation="series">
      <title>International Dialogue on Migration</title>
      <biblioid class="issn">1726-2224</biblioid>
      <volumenum>28</volumenum>
    </biblioset>
    <pagenums>130</pagenums>
  </info>
  <chapter xml:id="ch-introduction">
    <title>Introduction</title>
    <para>IOM created the International Dialogue on Migration in 2001.</para>
    <section xml:id="sec-forum">
      <title>A forum built for open exchange</title>
      <para>The Dialogue was designed to reach beyond government delegations.</para>
%BODY%    </section>
  </chapter>
%MORE%</book>
'''
GOOD_ISBN = "978-92-9068-775-7"


def book(body="", isbn=GOOD_ISBN, more=""):
    return BOOK.replace("%BODY%", body).replace("%ISBN%", isbn).replace("%MORE%", more)


FIXTURES = {
    "good.xml": book(),
    # Two errors: a wrong check digit and a link to an id that does not exist.
    "errors.xml": book(isbn="978-92-9068-775-8",
                       body='      <para>See <xref linkend="sec-partners"/>.</para>\n'),
    # Two warnings: an empty section and a javascript: link.
    "warnings.xml": book(body='''      <para>See the <link xlink:href="javascript:void(0)">list</link>.</para>
      <section xml:id="sec-history">
        <title>History</title>
        <indexterm><primary>history</primary></indexterm>
      </section>
'''),
    # The error is in the XIncluded chapter, not in the main file.
    "main.xml": book(more='  <xi:include href="ch02.xml"/>\n'),
    "ch02.xml": '''<?xml version="1.0" encoding="UTF-8"?>
<chapter xmlns="http://docbook.org/ns/docbook" version="5.0" xml:lang="en" xml:id="ch-partners">
  <title>Partners</title>
  <para xml:lang="en_GB">Partnerships work best when every partner brings something.</para>
</chapter>
''',
    # A name with a comma: escaped as %2C in GitHub properties.
    "draft,v2.xml": book(body='''      <section xml:id="sec-history">
        <title>History</title>
        <indexterm><primary>history</primary></indexterm>
      </section>
'''),
}


def run(args, cwd, env_extra=None, stderr_tty=False):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(env_extra or {})
    if not stderr_tty:
        p = subprocess.run([TOOL, *args], cwd=cwd, env=env, capture_output=True,
                           text=True, errors="replace", timeout=60)
        return p.returncode, p.stdout, p.stderr
    # stderr on a pseudo-terminal, to see what a user at a terminal sees.
    master, slave = pty.openpty()
    p = subprocess.Popen([TOOL, *args], cwd=cwd, env=env, stdout=subprocess.PIPE,
                         stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    out = p.stdout.read().decode("utf-8", "replace")
    p.wait(timeout=60)
    os.close(master)
    err = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return p.returncode, out, err


def text_records(stderr):
    """(file, line, col, severity, message, rule) of each text line."""
    recs = []
    for line in stderr.splitlines():
        m = TEXT_LINE.match(line)
        if m:
            f, l, c, sev, msg, rule = m.groups()
            recs.append((f, int(l), int(c), sev, msg, rule))
        else:
            recs.append(("<not a diagnostic>", 0, 0, "", line, ""))
    return recs


def test_text(d):
    rc, out, err = run(["good.xml"], d)
    check(rc == 0 and out == "" and err == "", "a clean file: exit 0 and no output at all",
          f"exit {rc}, stdout {out!r}, stderr {err!r}")
    rc, out, err = run(["errors.xml"], d)
    recs = text_records(err)
    check(rc == 1, "errors.xml: exit 1", f"exit {rc}")
    check(out == "", "text diagnostics go to stderr, not stdout", repr(out))
    check(all(r[0] != "<not a diagnostic>" for r in recs) and recs,
          "every stderr line is FILE:LINE:COL: SEVERITY: MESSAGE [RULE]", err)
    rules = {r[5] for r in recs}
    check({"isbn", "dangling-link"} <= rules, "errors.xml reports [isbn] and [dangling-link]", err)
    rc, out, err = run(["warnings.xml"], d)
    sevs = {r[3] for r in text_records(err)}
    check(rc == 0 and sevs == {"warning"}, "warnings.xml: warnings only, exit 0",
          f"exit {rc}: {err}")


def test_json(d):
    for files in (["errors.xml"], ["warnings.xml"], ["good.xml"], ["errors.xml", "warnings.xml", "main.xml"]):
        name = " ".join(files)
        _, _, err = run(files, d)
        want = text_records(err)
        rc, out, jerr = run(["-f", "json", *files], d)
        check(jerr == "", f"json {name}: nothing on stderr", jerr)
        try:
            doc = json.loads(out)
        except ValueError as e:
            check(False, f"json {name}: parses", f"{e}: {out!r}")
            continue
        check(True, f"json {name}: parses")
        diags = doc.get("diagnostics")
        if not check(isinstance(diags, list), f"json {name}: has a diagnostics list", out):
            continue
        got = [(x.get("file"), x.get("line"), x.get("column"), x.get("severity"),
                x.get("message"), x.get("rule")) for x in diags]
        check(got == want, f"json {name}: the same records as the text output",
              f"json {got}\n     text {want}")
        for sev, key in (("error", "errors"), ("warning", "warnings"), ("note", "notes")):
            n = sum(1 for r in want if r[3] == sev)
            check(doc.get(key) == n, f"json {name}: {key} = {n}", f"says {doc.get(key)}")
        check(doc.get("tool") == "folio-check", f"json {name}: tool is folio-check", str(doc.get("tool")))
        want_rc = 1 if any(r[3] == "error" for r in want) else 0
        check(rc == want_rc, f"json {name}: exit {want_rc} as with text", f"exit {rc}")


def test_junit(d):
    cases = [
        (["good.xml"], {"good.xml": False}),
        (["errors.xml"], {"errors.xml": True}),
        (["warnings.xml"], {"warnings.xml": False}),
        (["main.xml"], {"main.xml": False, "ch02.xml": True}),
        (["errors.xml", "good.xml", "warnings.xml"],
         {"errors.xml": True, "good.xml": False, "warnings.xml": False}),
    ]
    for files, fails in cases:
        name = " ".join(files)
        _, _, err = run(files, d)
        text = text_records(err)
        rc, out, jerr = run(["-f", "junit", *files], d)
        check(jerr == "", f"junit {name}: nothing on stderr", jerr)
        try:
            root = ET.fromstring(out)
        except ET.ParseError as e:
            check(False, f"junit {name}: parses", f"{e}: {out!r}")
            continue
        check(True, f"junit {name}: parses")
        suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
        check(root.tag in ("testsuites", "testsuite") and len(suites) == 1,
              f"junit {name}: one testsuite", f"root <{root.tag}>, {len(suites)} testsuite(s)")
        if len(suites) != 1:
            continue
        suite = suites[0]
        tcs = suite.findall("testcase")
        names = {tc.get("name"): tc for tc in tcs}
        check(set(names) == set(fails), f"junit {name}: a testcase per file {sorted(fails)}",
              f"testcases {sorted(names)}")
        check(suite.get("tests") == str(len(tcs)), f"junit {name}: tests = {len(tcs)}",
              f"tests=\"{suite.get('tests')}\"")
        nfail = sum(1 for tc in tcs if tc.find("failure") is not None)
        check(suite.get("failures") == str(nfail) and nfail == sum(fails.values()),
              f"junit {name}: failures = {sum(fails.values())}",
              f"failures=\"{suite.get('failures')}\", {nfail} <failure> elements")
        check(suite.get("errors") in (None, "0"), f"junit {name}: errors = 0", str(suite.get("errors")))
        if root.tag == "testsuites" and root.get("failures") is not None:
            check(root.get("failures") == suite.get("failures"),
                  f"junit {name}: testsuites failures agree", root.get("failures"))
        for fname, should_fail in fails.items():
            tc = names.get(fname)
            if tc is None:
                continue
            fe = tc.find("failure")
            check((fe is not None) == should_fail,
                  f"junit {name}: {fname} {'fails' if should_fail else 'passes'}")
            if fe is None:
                continue
            errs = sum(1 for r in text if r[0] == fname and r[3] == "error")
            check(f"{errs} error" in (fe.get("message") or ""),
                  f"junit {name}: {fname} failure message counts {errs} error(s)", fe.get("message"))
            body = [l for l in (fe.text or "").splitlines() if l.strip()]
            mine = [l for l in err.splitlines() if l.startswith(fname + ":")]
            check(body == mine, f"junit {name}: {fname} failure lists its records",
                  f"body {body}\n     text {mine}")
        want_rc = 1 if any(fails.values()) else 0
        check(rc == want_rc, f"junit {name}: exit {want_rc}", f"exit {rc}")


def gh_unescape(s):
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace(
        "%2C", ",").replace("%25", "%")


def test_github(d):
    for files in (["errors.xml"], ["warnings.xml"], ["main.xml"], ["draft,v2.xml"]):
        name = " ".join(files)
        _, _, err = run(files, d)
        want = text_records(err)
        rc, out, gerr = run(["-f", "github", *files], d)
        check(gerr == "", f"github {name}: nothing on stderr", gerr)
        lines = out.splitlines()
        bad = [l for l in lines if not GH_LINE.match(l)]
        check(not bad and lines, f"github {name}: every line is ::SEV file=,line=,col=,title=::MSG",
              "\n     ".join(bad) or "no output")
        got = []
        for l in lines:
            m = GH_LINE.match(l)
            if m:
                sev, f, ln, col, title, msg = m.groups()
                got.append((gh_unescape(f), int(ln), int(col), GH_SEV[sev],
                            gh_unescape(msg), gh_unescape(title)))
        # The message may end with " [rule]", as in the text output.
        norm = [(f, ln, c, s, re.sub(r" \[" + re.escape(t) + r"\]$", "", m), t)
                for f, ln, c, s, m, t in got]
        check(norm == want, f"github {name}: the same records as the text output",
              f"github {norm}\n     text {want}")
    rc, out, _ = run(["-f", "github", "draft,v2.xml"], d)
    check("file=draft%2Cv2.xml," in out, "github: a comma in a file name is escaped as %2C", out)
    rc, out, err = run(["-f", "github", "good.xml"], d)
    check(rc == 0 and out == "" and err == "", "github good.xml: no output at all", out + err)


def test_options(d):
    rc, _, err = run(["warnings.xml"], d)
    rc2, _, err2 = run(["-Werror", "warnings.xml"], d)
    check(rc == 0 and rc2 == 1, "-Werror turns a warnings-only run from exit 0 into exit 1",
          f"exit {rc} then {rc2}")
    check(err2 and all(r[3] == "error" for r in text_records(err2)),
          "-Werror prints the warnings as errors", err2)
    rc3, _, _ = run(["-W", "error", "warnings.xml"], d)
    check(rc3 == 1, "-W error is -Werror", f"exit {rc3}")

    rc, _, err = run(["-Wno-empty-section", "-Wno-link-scheme", "warnings.xml"], d)
    check(rc == 0 and err == "", "-Wno-RULE silences each rule named", err)
    rc, _, err = run(["-Werror", "-Wno-empty-section", "-Wno-link-scheme", "warnings.xml"], d)
    check(rc == 0 and err == "", "a silenced warning does not count under -Werror", f"exit {rc}: {err}")
    rc, _, err = run(["-Wno-isbn", "errors.xml"], d)
    check("[isbn]" not in err and "[dangling-link]" in err and rc == 1,
          "-Wno-isbn drops [isbn] and keeps the other errors", f"exit {rc}: {err}")
    rc, out, _ = run(["-f", "json", "-Wno-isbn", "errors.xml"], d)
    try:
        doc = json.loads(out)
        ok = all(x["rule"] != "isbn" for x in doc["diagnostics"]) and \
            doc["errors"] == sum(1 for x in doc["diagnostics"] if x["severity"] == "error")
    except (ValueError, KeyError, TypeError):
        ok = False
    check(ok, "-Wno-isbn: the JSON counts leave the silenced records out", out)

    rc, _, err = run(["-Wno-sch-xref-target", "good.xml"], d)
    check(rc == 0 and err == "", "-Wno-sch-RULE accepts a Schematron rule id of folio.sch", f"exit {rc}: {err}")
    for args, what in ((["-Wno-no-such-rule", "good.xml"], "an unknown -Wno-rule"),
                       (["-Wno-sch-no-such-rule", "good.xml"], "an unknown -Wno-sch-rule"),
                       (["-Wbogus", "good.xml"], "an unknown -W option"),
                       (["-f", "yaml", "good.xml"], "an unknown format"),
                       (["--profile=dita", "good.xml"], "an unknown profile"),
                       (["--no-such-option", "good.xml"], "an unknown option"),
                       ([], "no input file"),
                       (["no-such-book.xml"], "a missing input file"),
                       (["good.xml", "no-such-book.xml"], "a missing file among good ones")):
        rc, out, err = run(args, d)
        check(rc == 2 and err.strip() != "", f"{what}: exit 2 with a message on stderr",
              f"exit {rc}, stderr {err!r}")
    rc, _, err = run(["no-such-book.xml"], d)
    check("no-such-book.xml" in err, "a missing input file is named in the message", err)

    rc, out, err = run(["--help"], d)
    check(rc == 0 and "Usage" in out and err == "", "--help: exit 0, usage on stdout", f"exit {rc}")
    for opt in ("-f", "-Werror", "-Wno-", "--docbook", "--profile", "--list-rules"):
        check(opt in out, f"--help mentions {opt}")
    rc, out, err = run(["-h"], d)
    check(rc == 0 and "Usage" in out, "-h: exit 0", f"exit {rc}")
    rc, out, err = run(["--version"], d)
    check(rc == 0 and re.search(r"folio-check.*\d+\.\d+", out) is not None and err == "",
          "--version: exit 0, a version on stdout", f"exit {rc}: {out!r}")
    rc, out, err = run(["-V"], d)
    check(rc == 0 and out.strip() != "", "-V: exit 0", f"exit {rc}")
    rc, out, _ = run(["--list-rules"], d)
    check(rc == 0 and re.search(r"^image-alt\s+warning\b", out, re.M) is not None
          and re.search(r"^isbn\s+error\b", out, re.M) is not None,
          "--list-rules: exit 0, each rule with its severity", out[:200])


def test_colour(d):
    esc = "\x1b["
    rc, out, err = run(["errors.xml"], d)
    check(esc not in out + err, "off a terminal: no escape codes", repr(err[:120]))
    for fmt in ("json", "junit", "github"):
        rc, out, err = run(["-f", fmt, "errors.xml"], d, stderr_tty=True)
        check(esc not in out + err, f"-f {fmt}, stderr a terminal: no escape codes")
    rc, out, err = run(["errors.xml"], d, {"NO_COLOR": "1"}, stderr_tty=True)
    check(esc not in err and "[isbn]" in err, "NO_COLOR=1 on a terminal: no escape codes", repr(err[:120]))
    rc, out, err = run(["--color=never", "errors.xml"], d, stderr_tty=True)
    check(esc not in err and "[isbn]" in err, "--color=never on a terminal: no escape codes", repr(err[:120]))
    rc, out, err = run(["errors.xml"], d, stderr_tty=True)
    check(esc in err, "on a terminal without NO_COLOR: coloured", repr(err[:120]))
    plain = re.sub(r"\x1b\[[0-9;]*m", "", err)
    _, _, ref = run(["errors.xml"], d)
    check(plain == ref, "the coloured text is the plain text plus escape codes",
          f"{plain!r}\n     {ref!r}")


def main():
    if not os.access(TOOL, os.X_OK):
        check(False, f"{TOOL} is not built (set FOLIO_BIN)")
        sys.exit(checks.summary())
    with tempfile.TemporaryDirectory(prefix="folio-formats-") as d:
        for name, text in FIXTURES.items():
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(text)
        for test in (test_text, test_json, test_junit, test_github, test_options, test_colour):
            test(d)
    sys.exit(checks.summary())


if __name__ == "__main__":
    main()
