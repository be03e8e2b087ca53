#!/usr/bin/env bash
# bench-check.sh — time folio-check against xmllint and jing (both with the
# official DocBook 5 RELAX NG schema) on generated 10/100/1000-page books.
#
# Usage (from the repository root):  tests/bench/bench-check.sh
#
# Environment:
#   FOLIO_BIN         directory holding folio-check (default: build/tools)
#   FOLIO_CHECK_ARGS  extra arguments for folio-check (e.g. --docbook)
#   BENCH_DIR         where books and results go (default: a temp dir, removed)
#   BENCH_PAGES       book sizes in pages (default: "10 100 1000")
#   BENCH_SEED        generator seed (default: 1)
#   DOCBOOK_RNG       the DocBook 5 schema (default: found via docbook5-xml)
#   BENCH_NO_HYPERFINE=1, BENCH_NO_GNU_TIME=1
#                     use the python3 fallbacks even where hyperfine or
#                     /usr/bin/time exist (to test them)
#
# It reports and asserts nothing: the exit status is 0 unless a tool crashes
# (is killed by a signal) or the script cannot run at all.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
folio_bin=${FOLIO_BIN:-$root/build/tools}
pages_list=${BENCH_PAGES:-10 100 1000}
seed=${BENCH_SEED:-1}

die() { echo "bench-check: $*" >&2; exit 2; }
note() { echo "bench-check: $*" >&2; }

command -v python3 >/dev/null 2>&1 || die "python3 is required"

if [ -n "${BENCH_DIR:-}" ]; then
    work=$BENCH_DIR
    mkdir -p "$work" || die "cannot create $work"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/folio-bench.XXXXXX") || die "mktemp failed"
    trap 'rm -rf "$work"' EXIT
fi
results=$work/results.tsv
: > "$results"

# --- the schema -------------------------------------------------------------
rng=${DOCBOOK_RNG:-}
if [ -z "$rng" ]; then
    for f in /usr/share/xml/docbook/schema/rng/5.0/docbook.rng \
             /usr/share/xml/docbook/schema/rng/5.1/docbook.rng; do
        [ -r "$f" ] && { rng=$f; break; }
    done
fi
if [ -z "$rng" ] && command -v dpkg >/dev/null 2>&1; then
    rng=$(dpkg -L docbook5-xml 2>/dev/null | grep '/docbook\.rng$' | head -n 1)
fi

# --- tools --------------------------------------------------------------------
# Each tool: name, then the command (book path appended at run time).
tools=()
folio_check=$folio_bin/folio-check
if [ -x "$folio_check" ]; then
    tools+=(folio-check)
else
    echo "folio-check not built ($folio_check): skipping its rows"
fi
if [ -z "$rng" ] || [ ! -r "$rng" ]; then
    echo "DocBook 5 RELAX NG schema not found (install docbook5-xml or set DOCBOOK_RNG): skipping xmllint and jing"
else
    if command -v xmllint >/dev/null 2>&1; then tools+=(xmllint)
    else echo "xmllint not installed: skipping its rows"; fi
    if command -v jing >/dev/null 2>&1; then tools+=(jing)
    else echo "jing not installed: skipping its rows"; fi
fi

tool_cmd() {  # tool book -> prints one argument per line
    case $1 in
        folio-check) printf '%s\n' "$folio_check"
                     # shellcheck disable=SC2086
                     [ -n "${FOLIO_CHECK_ARGS:-}" ] && printf '%s\n' ${FOLIO_CHECK_ARGS}
                     printf '%s\n' "$2" ;;
        xmllint)     printf '%s\n' "$(command -v xmllint)" --noout --xinclude --relaxng "$rng" "$2" ;;
        jing)        printf '%s\n' "$(command -v jing)" "$rng" "$2" ;;
    esac
}

tool_version() {
    case $1 in
        folio-check) "$folio_check" --version 2>&1 | head -n 1 ;;
        xmllint)     xmllint --version 2>&1 | head -n 1 ;;
        jing)        jing 2>&1 | grep -i 'version' | head -n 1 ;;
    esac
}

have_hyperfine=0
if [ -z "${BENCH_NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null 2>&1; then
    have_hyperfine=1
    hf_noshell=()
    hyperfine --help 2>&1 | grep -qE '^\s+-N\b' && hf_noshell=(-N)
fi
have_gnu_time=0
if [ -z "${BENCH_NO_GNU_TIME:-}" ] && [ -x /usr/bin/time ] && /usr/bin/time -v -o /dev/null true >/dev/null 2>&1; then
    have_gnu_time=1
fi

sq() {  # quote one word for hyperfine's POSIX-style command splitting
    printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

echo "Folio check benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc 2>/dev/null || echo '?') CPUs"
echo "schema: ${rng:-none}"
for t in "${tools[@]}"; do echo "$t: $(tool_version "$t")"; done
if [ $have_hyperfine = 1 ]; then echo "timing: $(hyperfine --version)"; else echo "timing: python3 loop (hyperfine not installed)"; fi
if [ $have_gnu_time = 1 ]; then echo "memory: /usr/bin/time -v"; else echo "memory: python3 resource.getrusage"; fi
echo "books: $work (seed $seed)"
echo

status=0
for pages in $pages_list; do
    dir=$work/book-$pages
    python3 "$here/gen-book.py" --pages "$pages" --seed "$seed" -o "$dir" 2>/dev/null \
        || die "gen-book.py failed for $pages pages"
    book=$dir/book.xml
    bytes=$(wc -c < "$book" | tr -d ' ')
    if [ "$pages" -ge 1000 ]; then runs=3; else runs=5; fi

    for t in "${tools[@]}"; do
        mapfile -t cmd < <(tool_cmd "$t" "$book")
        tag=$t-$pages
        note "$t on $pages pages ($bytes bytes)"

        # One probe run: exit status and peak memory.
        rc=0
        rss_note=""
        if [ $have_gnu_time = 1 ]; then
            /usr/bin/time -v -o "$work/$tag.time" "${cmd[@]}" >"$work/$tag.out" 2>"$work/$tag.err"
            rc=$?
            rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): *//p' "$work/$tag.time")
            if grep -q 'Command terminated by signal' "$work/$tag.time"; then rc=$((128 + $(sed -n 's/.*Command terminated by signal \([0-9]*\).*/\1/p' "$work/$tag.time"))); fi
        else
            rss=$(python3 - "$work/$tag.rc" "$work/$tag.out" "$work/$tag.err" "${cmd[@]}" <<'EOF'
import resource, subprocess, sys
rcfile, out, err, cmd = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
with open(out, "wb") as o, open(err, "wb") as e:
    p = subprocess.run(cmd, stdout=o, stderr=e)
rc = p.returncode if p.returncode >= 0 else 128 - p.returncode
open(rcfile, "w").write(str(rc))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
EOF
)
            # A child's peak RSS includes the launching python's memory
            # (Linux keeps the pre-exec high-water mark), so values at that
            # floor only mean "at most this much".
            rss_floor=$(python3 -c 'import resource, subprocess; subprocess.run(["true"]); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)')
            [ "${rss:-0}" -le $((rss_floor + rss_floor / 20)) ] && rss_note="RSS at python floor"
            rc=$(cat "$work/$tag.rc" 2>/dev/null || echo 1)
        fi
        : "${rss:=0}"
        extra=${rss_note:-}
        if [ "$rc" -ge 128 ]; then
            note "$t CRASHED on $book (status $rc); stderr:"
            head -n 20 "$work/$tag.err" >&2
            printf '%s\t%s\t%s\t\t\t\t\t%s\tcrashed (signal %s)\n' "$pages" "$bytes" "$t" "$rss" "$((rc - 128))" >> "$results"
            status=1
            continue
        elif [ "$rc" -ne 0 ]; then
            note "$t exited $rc on $book; stderr:"
            head -n 10 "$work/$tag.err" >&2
            extra="exit $rc${extra:+, $extra}"
        fi

        # Timing.
        json=$work/$tag.json
        if [ $have_hyperfine = 1 ]; then
            line=""
            for w in "${cmd[@]}"; do line="$line $(sq "$w")"; done
            if ! hyperfine "${hf_noshell[@]}" --warmup 1 --runs "$runs" -i --style basic \
                    --command-name "$t" --export-json "$json" "${line# }" \
                    >"$work/$tag.hyperfine" 2>&1; then
                note "hyperfine failed for $t; see $work/$tag.hyperfine"
                cat "$work/$tag.hyperfine" >&2
                printf '%s\t%s\t%s\t\t\t\t\t%s\t%s\n' "$pages" "$bytes" "$t" "$rss" "timing failed" >> "$results"
                continue
            fi
        else
            python3 - "$json" "$runs" "${cmd[@]}" <<'EOF' || { note "timing failed for $t"; continue; }
import json, statistics, subprocess, sys, time
out, runs, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def once():
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0
once()  # warmup
times = [once() for _ in range(runs)]
json.dump({"results": [{"command": cmd[0], "times": times,
                        "median": statistics.median(times),
                        "min": min(times), "max": max(times)}]}, open(out, "w"))
EOF
        fi
        python3 - "$json" "$pages" "$bytes" "$t" "$rss" "$extra" >> "$results" <<'EOF'
import json, sys
path, pages, size, tool, rss, extra = sys.argv[1:7]
r = json.load(open(path))["results"][0]
times = r.get("times") or [r["median"]]
print("\t".join([pages, size, tool, "%.3f" % (r["median"] * 1e3),
                 "%.3f" % (r["min"] * 1e3), "%.3f" % (r["max"] * 1e3),
                 str(len(times)), rss, extra]))
EOF
    done
done

echo
python3 - "$results" <<'EOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]

def size(b):
    b = int(b)
    return "%.0f KiB" % (b / 1024) if b < 1024 * 1024 else "%.1f MiB" % (b / 1048576)

table = [("pages", "size", "tool", "median ms", "min–max ms", "runs", "max RSS MiB", "note")]
res = {}
for pages, nbytes, tool, med, lo, hi, runs, rss, note in rows:
    rss_mb = "%.1f" % (int(rss) / 1024) if rss not in ("", "0") else "?"
    if med:
        table.append((pages, size(nbytes), tool, "%.1f" % float(med),
                      "%.1f–%.1f" % (float(lo), float(hi)), runs, rss_mb, note))
        res[(pages, tool)] = (float(med), int(rss or 0), note.startswith("exit"),
                              "floor" in note)
    else:
        table.append((pages, size(nbytes), tool, "-", "-", "-", rss_mb, note))

def show(t, right):
    w = [max(len(r[i]) for r in t) for i in range(len(t[0]))]
    for n, r in enumerate(t):
        print("  ".join(c.rjust(w[i]) if i in right else c.ljust(w[i])
                        for i, c in enumerate(r)).rstrip())
        if n == 0:
            print("  ".join("-" * x for x in w))

show(table, {0, 1, 3, 4, 5, 6})

def ratio(pages, a, b, k):
    if (pages, a) in res and (pages, b) in res and res[(pages, b)][k]:
        if k == 1 and (res[(pages, a)][3] or res[(pages, b)][3]):
            return "n/a"  # an RSS at the python launcher's floor
        flag = "*" if res[(pages, a)][2] or res[(pages, b)][2] else ""
        return "%.2f×%s" % (res[(pages, a)][k] / res[(pages, b)][k], flag)
    return "n/a"

print()
rt = [("pages", "folio-check/xmllint time", "jing/folio-check time",
       "folio-check/xmllint RSS", "jing/folio-check RSS")]
for pages in dict.fromkeys(r[0] for r in rows):
    rt.append((pages, ratio(pages, "folio-check", "xmllint", 0),
               ratio(pages, "jing", "folio-check", 0),
               ratio(pages, "folio-check", "xmllint", 1),
               ratio(pages, "jing", "folio-check", 1)))
show(rt, {0, 1, 2, 3, 4})
if any(v[2] for v in res.values()):
    print("* a tool exited non-zero (see note): its time may not be comparable")
if not any(r[2] == "folio-check" for r in rows):
    print("\n(folio-check rows and ratios appear once build/tools/folio-check exists)")
EOF
exit $status
