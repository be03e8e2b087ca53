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
bounded memory size (max RSS) when not under a sanitizer.
"""
import os
import resource
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_RSS_MB = 200


def load_case(name):
    with open(os.path.join(HERE, "cases.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if fields and not line.startswith("#") and fields[0] == name:
                return fields
    sys.exit(f"run-case: no case named {name}")


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
    forbid = os.path.join(HERE, name + ".forbid")
    if os.path.exists(forbid):
        with open(forbid, encoding="utf-8") as f:
            for secret in filter(None, (l.strip() for l in f)):
                if secret in out:
                    failures.append(f"output leaks forbidden text {secret!r}")
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if "ASAN_OPTIONS" not in os.environ and rss_mb > MAX_RSS_MB:
        failures.append(f"used {rss_mb:.0f} MB of memory (limit {MAX_RSS_MB} MB)")
    if failures:
        print(f"FAIL {name}: " + "; ".join(failures))
        print("--- folio-check output ---")
        print(out)
        sys.exit(1)
    print(f"ok {name}: exit {proc.returncode}, [{rule}] at {where}")


if __name__ == "__main__":
    main()
