#!/usr/bin/env python3
"""Shared helpers for the tests/bench/ scripts (standard library only).

Used two ways:

* as a command, from lib.sh:

      bench_common.py probe RCFILE OUT ERR CMD...   run CMD once; print
                                                    "MAXRSS_KIB ELAPSED_S"
      bench_common.py floor                         peak RSS (KiB) a child
                                                    reports when launched
                                                    from python: the floor
                                                    of the probe above
      bench_common.py time JSON RUNS WARMUP PREPARE CMD...
                                                    time CMD like hyperfine
                                                    --export-json (PREPARE:
                                                    "" or a shell-quoted
                                                    command run before each
                                                    run, untimed)
      bench_common.py row JSON PAGES BYTES TOOL RSS NOTE [EXTRA...]
                                                    print one results.tsv row

* as a module, from the report snippets in the scripts (lib.sh's bench_py
  puts this directory on PYTHONPATH): read_rows, human_size, show, ratio,
  converter_report.

results.tsv rows have the fields
    pages, book bytes, tool, median ms, min ms, max ms, runs, max RSS KiB,
    note, extra fields...
where the timing fields are empty when the tool was not timed.
"""

import json
import resource
import shlex
import statistics
import subprocess
import sys
import time


# --------------------------------------------------------------------------
# Measuring (fallbacks for /usr/bin/time -v and hyperfine)
# --------------------------------------------------------------------------

def probe(rcfile, out, err, cmd):
    """Run cmd once; write its exit status (128+N for signal N) to rcfile
    and return (peak RSS in KiB, elapsed seconds)."""
    with open(out, "wb") as o, open(err, "wb") as e:
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=o, stderr=e)
        elapsed = time.perf_counter() - t0
    rc = p.returncode if p.returncode >= 0 else 128 - p.returncode
    with open(rcfile, "w") as f:
        f.write(str(rc))
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, elapsed


def rss_floor():
    """A child's peak RSS includes the launching python's memory (Linux
    keeps the pre-exec high-water mark): values at this floor only mean
    "at most this much"."""
    subprocess.run(["true"])
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def time_runs(out, runs, warmup, prepare, cmd):
    """Median of `runs` runs after `warmup` untimed ones; write the result
    as hyperfine's --export-json does (the fields the scripts read)."""
    prep = shlex.split(prepare) if prepare else None

    def once():
        if prep:
            subprocess.run(prep, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - t0

    for _ in range(warmup):
        once()
    times = [once() for _ in range(runs)]
    with open(out, "w") as f:
        json.dump({"results": [{"command": cmd[0], "times": times,
                                "median": statistics.median(times),
                                "min": min(times), "max": max(times)}]}, f)


def single_run_json(out, seconds, command):
    """A one-run result (a probe run that was slow enough to stand alone)."""
    with open(out, "w") as f:
        json.dump({"results": [{"command": command, "times": [seconds],
                                "median": seconds, "min": seconds,
                                "max": seconds}]}, f)


def row(path, pages, size, tool, rss, note, extra=()):
    """One results.tsv row from a hyperfine-style JSON file."""
    with open(path) as f:
        r = json.load(f)["results"][0]
    times = r.get("times") or [r["median"]]
    return "\t".join([pages, size, tool, "%.3f" % (r["median"] * 1e3),
                      "%.3f" % (r["min"] * 1e3), "%.3f" % (r["max"] * 1e3),
                      str(len(times)), rss, note] + list(extra))


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------

class Row:
    """One results.tsv row, parsed."""

    def __init__(self, fields):
        fields = fields + [""] * (9 - len(fields))
        (self.pages, self.nbytes, self.tool, med, lo, hi, runs, rss,
         self.note) = fields[:9]
        self.extra = fields[9:]
        self.timed = med != ""
        self.median = float(med) if med else None
        self.min = float(lo) if lo else None
        self.max = float(hi) if hi else None
        self.runs = runs
        self.rss = int(rss) if rss not in ("", None) else 0
        self.failed = self.note.startswith("exit")       # timed, exit != 0
        self.rss_floor = "floor" in self.note             # RSS not meaningful


def read_rows(path):
    with open(path) as f:
        return [Row(l.rstrip("\n").split("\t")) for l in f if l.strip()]


def human_size(b):
    b = int(b)
    return "%.0f KiB" % (b / 1024) if b < 1024 * 1024 else "%.1f MiB" % (b / 1048576)


def rss_mib(row):
    return "%.1f" % (row.rss / 1024) if row.rss else "?"


def show(t, right):
    """Print a table (a list of tuples, the first being the heading),
    right-aligning the columns whose index is in `right`."""
    w = [max(len(r[i]) for r in t) for i in range(len(t[0]))]
    for n, r in enumerate(t):
        print("  ".join(c.rjust(w[i]) if i in right else c.ljust(w[i])
                        for i, c in enumerate(r)).rstrip())
        if n == 0:
            print("  ".join("-" * x for x in w))


def ratio(res, pages, a, b, what):
    """a/b for one book size, from res[(pages, tool)] = Row; what is
    "time" or "rss".  "n/a" when either is missing; "*" when either tool
    exited non-zero."""
    ra, rb = res.get((pages, a)), res.get((pages, b))
    if not ra or not rb or not ra.timed or not rb.timed:
        return "n/a"
    if what == "time":
        x, y = ra.median, rb.median
    else:
        if ra.rss_floor or rb.rss_floor:
            return "n/a"  # an RSS at the python launcher's floor
        x, y = ra.rss, rb.rss
    if not y:
        return "n/a"
    flag = "*" if ra.failed or rb.failed else ""
    return "%.2f×%s" % (x / y, flag)


def ms(x):
    return "%.1f" % x if x < 1000 else "%.0f" % x


def converter_report(results, ref, out_label="output"):
    """The tables of bench-epub.sh and bench-html.sh: one row per book and
    tool; the other tools' time and peak memory over `ref`'s (the Folio
    tool); and time per page, with the cost of each added page between
    sizes (flat for a tool whose time is linear in the book's size, as the
    fixed start-up cost drops out).  Returns the rows."""
    rows = read_rows(results)
    tools = list(dict.fromkeys(r.tool for r in rows))
    sizes = list(dict.fromkeys(r.pages for r in rows))

    table = [("pages", "book", "tool", "median ms", "min–max ms", "runs",
              "max RSS MiB", out_label, "note")]
    res = {}
    for r in rows:
        out = r.extra[0] if r.extra else ""
        out = human_size(out) if out else "-"
        if r.timed:
            table.append((r.pages, human_size(r.nbytes), r.tool, ms(r.median),
                          "%s–%s" % (ms(r.min), ms(r.max)), r.runs, rss_mib(r), out, r.note))
            res[(r.pages, r.tool)] = r
        else:
            table.append((r.pages, human_size(r.nbytes), r.tool, "-", "-", "-",
                          rss_mib(r) if r.rss else "-", out, r.note))
    show(table, {0, 1, 3, 4, 5, 6, 7})

    print()
    others = [t for t in tools if t != ref]
    head = ["pages"] + ["%s/%s time" % (t, ref) for t in others] \
                     + ["%s/%s RSS" % (t, ref) for t in others]
    rt = [tuple(head)]
    for p in sizes:
        rt.append(tuple([p] + [ratio(res, p, t, ref, "time") for t in others]
                            + [ratio(res, p, t, ref, "rss") for t in others]))
    show(rt, set(range(len(head))))

    print()
    pt = [tuple(["ms per page"] + tools)]
    for p in sizes:
        pt.append(tuple(["%s pages" % p] + [
            "%.2f" % (res[(p, t)].median / int(p)) if (p, t) in res else "-" for t in tools]))
    for a, b in zip(sizes, sizes[1:]):
        cells = []
        for t in tools:
            if (a, t) in res and (b, t) in res and int(b) != int(a):
                cells.append("%.2f" % ((res[(b, t)].median - res[(a, t)].median)
                                       / (int(b) - int(a))))
            else:
                cells.append("-")
        pt.append(tuple(["added, %s→%s" % (a, b)] + cells))
    show(pt, set(range(1, len(tools) + 1)))
    return rows


def converter_notes(rows, ref, where):
    """The closing remarks under converter_report's tables."""
    notes = []
    if any(r.failed for r in rows):
        notes.append("* a tool exited non-zero (see note): its time may not be comparable")
    if any(r.note.startswith(("failed", "crashed")) for r in rows):
        notes.append("A tool failed on some books (see the notes, and its stderr above): "
                     "its ratios are n/a.")
    if not any(r.tool == ref and r.timed for r in rows):
        notes.append("(%s rows and ratios appear once %s works)" % (ref, where))
    if notes:
        print()
        print("\n".join(notes))

def main(argv):
    if len(argv) < 2:
        sys.exit("usage: bench_common.py probe|floor|time|single|row ...")
    cmd, a = argv[1], argv[2:]
    if cmd == "probe":
        rss, elapsed = probe(a[0], a[1], a[2], a[3:])
        print(rss, "%.6f" % elapsed)
    elif cmd == "floor":
        print(rss_floor())
    elif cmd == "time":
        time_runs(a[0], int(a[1]), int(a[2]), a[3], a[4:])
    elif cmd == "single":
        single_run_json(a[0], float(a[1]), a[2])
    elif cmd == "row":
        print(row(a[0], a[1], a[2], a[3], a[4], a[5], a[6:]))
    else:
        sys.exit("bench_common.py: unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv)
