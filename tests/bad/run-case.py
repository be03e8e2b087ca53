#!/usr/bin/env python3
"""Runs one bad-input case of tests/bad/cases.txt through the real folio-check.

A line of cases.txt:  NAME  FILE  EXIT  RULE  LOCATION  [ARGS...]
  FILE      the input, relative to tests/bad (the case runs there)
  EXIT      the exit code folio-check must return
  RULE      a rule id that must be reported
  LOCATION  FILE:LINE:COL where it must be reported (COL may be '*')
  ARGS      extra folio-check options (e.g. --docbook), optional
Optional NAME.forbid: lines that must never appear in the output (secrets
an XXE would leak).  Every case also asserts that the run stays within a
bounded memory size (max RSS) when not built with a sanitizer, that every line
on stderr is one whole diagnostic (FILE:LINE:COL: SEVERITY: MESSAGE [RULE]:
a message spread over two lines breaks every tool that reads them), and
that nothing is printed on stdout (text diagnostics go to stderr).

Golden messages: when expected/NAME.err exists, the whole of stderr must
equal it, with the absolute paths of tests/bad and of the source tree
written as $BAD and $SRC.  FOLIO_UPDATE=1 writes expected/NAME.err from the
current output (only for a case that passes every other assertion), so a
deliberate change of wording is one command: FOLIO_UPDATE=1 ctest -R bad.
"""
import difflib
import os
import re
import resource
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))
EXPECTED = os.path.join(HERE, "expected")
MAX_RSS_MB = 200
DIAG_LINE = re.compile(r"^[^:\n]+:\d+:\d+: (error|warning|note): .+ \[[a-z0-9-]+\]$")


def load_case(name):
    with open(os.path.join(HERE, "cases.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if fields and not line.startswith("#") and fields[0] == name:
                return fields
    sys.exit(f"run-case: no case named {name}")


def sanitized(exe):
    """A sanitizer build (FOLIO_SANITIZE) or run: its shadow memory makes
    the RSS meaningless."""
    if "ASAN_OPTIONS" in os.environ:
        return True
    try:
        with open(exe, "rb") as f:
            return b"__asan_init" in f.read()
    except OSError:
        return False


def normalise(text):
    """Absolute paths of this machine, as $BAD and $SRC."""
    for path, var in ((HERE, "$BAD"), (os.path.realpath(HERE), "$BAD"),
                      (SRC, "$SRC"), (os.path.realpath(SRC), "$SRC")):
        text = text.replace(path + "/", var + "/")
    return text


def main():
    name = sys.argv[1]
    fields = load_case(name)
    if len(fields) < 5:
        sys.exit(f"run-case: case {name} needs NAME FILE EXIT RULE LOCATION")
    _, path, want_exit, rule, where = fields[:5]
    args = fields[5:]
    exe = os.path.join(os.environ.get("FOLIO_BIN", "build/bin"), "folio-check")
    proc = subprocess.run([exe, *args, path], cwd=HERE, capture_output=True,
                          text=True, errors="replace", timeout=60,
                          env={**os.environ, "NO_COLOR": "1"})
    out = proc.stdout + proc.stderr
    failures = []
    if proc.returncode != int(want_exit):
        failures.append(f"exit code {proc.returncode}, expected {want_exit}")
    wfile, wline, wcol = where.rsplit(":", 2)
    found = False
    for line in proc.stderr.splitlines():
        parts = line.split(":", 4)
        if len(parts) < 5 or not line.endswith(f"[{rule}]"):
            continue
        if parts[0] == wfile and parts[1] == wline and (wcol == "*" or parts[2] == wcol):
            found = True
    if not found:
        failures.append(f"no [{rule}] diagnostic at {where}")
    for line in proc.stderr.splitlines():
        if not DIAG_LINE.match(line):
            failures.append(f"stderr line is not a diagnostic: {line!r}")
    if proc.stdout:
        failures.append("text output went to stdout, not stderr")
    forbid = os.path.join(HERE, name + ".forbid")
    if os.path.exists(forbid):
        with open(forbid, encoding="utf-8") as f:
            for secret in filter(None, (l.strip() for l in f)):
                if secret in out:
                    failures.append(f"output leaks forbidden text {secret!r}")
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if not sanitized(exe) and rss_mb > MAX_RSS_MB:
        failures.append(f"used {rss_mb:.0f} MB of memory (limit {MAX_RSS_MB} MB)")

    golden = os.path.join(EXPECTED, name + ".err")
    got = normalise(proc.stderr)
    diff = []
    if os.environ.get("FOLIO_UPDATE") == "1":
        if not failures:
            os.makedirs(EXPECTED, exist_ok=True)
            with open(golden, "w", encoding="utf-8") as f:
                f.write(got)
            print(f"updated {os.path.relpath(golden, HERE)}")
    elif os.path.exists(golden):
        with open(golden, encoding="utf-8") as f:
            want = f.read()
        if got != want:
            diff = list(difflib.unified_diff(want.splitlines(), got.splitlines(),
                                             f"expected/{name}.err", "folio-check", lineterm=""))
            failures.append(f"messages differ from expected/{name}.err "
                            "(FOLIO_UPDATE=1 accepts the new ones)")

    if failures:
        print(f"FAIL {name}: " + "; ".join(failures))
        if diff:
            print("\n".join(diff))
        print("--- folio-check output ---")
        print(out)
        sys.exit(1)
    print(f"ok {name}: exit {proc.returncode}, [{rule}] at {where}")


if __name__ == "__main__":
    main()
