#!/usr/bin/env bash
# bench-check.sh — time folio-check against xmllint and jing (both with the
# official DocBook 5 RELAX NG schema) on generated 10/100/1000-page books.
#
# Usage (from the repository root):  tests/bench/bench-check.sh
#
# Environment:
#   FOLIO_BIN         directory holding folio-check (default: build/bin)
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

bench_name=bench-check
# shellcheck source=tests/bench/lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
folio_bin=${FOLIO_BIN:-$root/build/bin}
pages_list=${BENCH_PAGES:-10 100 1000}
seed=${BENCH_SEED:-1}

command -v python3 >/dev/null 2>&1 || die "python3 is required"

bench_workdir

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

bench_detect_timers

echo "Folio check benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc 2>/dev/null || echo '?') CPUs"
echo "schema: ${rng:-none}"
for t in "${tools[@]}"; do echo "$t: $(tool_version "$t")"; done
bench_timer_info
echo "books: $work (seed $seed)"
echo

status=0
for pages in $pages_list; do
    bench_gen_book "$pages" "$seed" "$work/book-$pages"
    if [ "$pages" -ge 1000 ]; then runs=3; else runs=5; fi

    for t in "${tools[@]}"; do
        mapfile -t cmd < <(tool_cmd "$t" "$book")
        BM_RUNS=$runs BM_SUBJECT=$book bench_measure "$t" "$pages" "$bytes" "${cmd[@]}" || status=1
    done
done

echo
bench_py - "$results" <<'EOF'
import sys
from bench_common import read_rows, human_size, rss_mib, show, ratio

rows = read_rows(sys.argv[1])
table = [("pages", "size", "tool", "median ms", "min–max ms", "runs", "max RSS MiB", "note")]
res = {}
for r in rows:
    if r.timed:
        table.append((r.pages, human_size(r.nbytes), r.tool, "%.1f" % r.median,
                      "%.1f–%.1f" % (r.min, r.max), r.runs, rss_mib(r), r.note))
        res[(r.pages, r.tool)] = r
    else:
        table.append((r.pages, human_size(r.nbytes), r.tool, "-", "-", "-", rss_mib(r), r.note))
show(table, {0, 1, 3, 4, 5, 6})

print()
rt = [("pages", "folio-check/xmllint time", "jing/folio-check time",
       "folio-check/xmllint RSS", "jing/folio-check RSS")]
for pages in dict.fromkeys(r.pages for r in rows):
    rt.append((pages, ratio(res, pages, "folio-check", "xmllint", "time"),
               ratio(res, pages, "jing", "folio-check", "time"),
               ratio(res, pages, "folio-check", "xmllint", "rss"),
               ratio(res, pages, "jing", "folio-check", "rss")))
show(rt, {0, 1, 2, 3, 4})
if any(r.failed for r in res.values()):
    print("* a tool exited non-zero (see note): its time may not be comparable")
if not any(r.tool == "folio-check" for r in rows):
    print("\n(folio-check rows and ratios appear once build/bin/folio-check exists)")
EOF
exit $status
