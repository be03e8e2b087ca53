#!/usr/bin/env bash
# bench-epub.sh — time folio-epub against the DocBook XSL epub3 route
# (xsltproc + copy images + zip) and pandoc on generated 10/100/1000-page
# books, with peak memory, EPUB sizes and epubcheck counts.
#
# Usage (from the repository root):  tests/bench/bench-epub.sh
#
# Environment:
#   FOLIO_BIN         directory holding folio-epub (default: build/bin)
#   FOLIO_EPUB_ARGS   extra arguments for folio-epub (e.g. --profile docbook)
#   BENCH_DIR         where books, EPUBs and results go (default: a temp dir,
#                     removed)
#   BENCH_PAGES       book sizes in pages (default: "10 100 1000")
#   BENCH_SEED        generator seed (default: 1)
#   BENCH_SLOW_MAX    largest book (pages) given to the slow tools, see
#                     BENCH_SLOW_TOOLS (default: 100; DocBook XSL needs about
#                     75 s for 1000 pages, as its time grows with the square
#                     of the book's size)
#   BENCH_SLOW_TOOLS  the tools BENCH_SLOW_MAX applies to (default: docbook-xsl)
#   BENCH_SLOW_SECS   a tool whose first (probe) run takes longer than this
#                     is not run again: that run is its time (default: 60)
#   BENCH_EPUBCHECK=0 skip epubcheck (about 10 s a book)
#   BENCH_EPUBCHECK_PAGES  the book size whose EPUBs epubcheck checks
#                     (default: 100)
#   DOCBOOK_XSL       the DocBook XSL epub3 stylesheet (default: found via
#                     docbook-xsl-ns)
#   EPUBCHECK         the epubcheck command (default: epubcheck, or
#                     java -jar on its jar when the jar cannot run directly)
#   BENCH_NO_HYPERFINE=1, BENCH_NO_GNU_TIME=1
#                     use the python3 fallbacks even where hyperfine or
#                     /usr/bin/time exist (to test them)
#
# It reports and asserts nothing: the exit status is 0 unless a tool crashes
# (is killed by a signal) or the script cannot run at all.  A tool that
# exits non-zero (folio-epub rejecting the book, say) is not timed: its row
# says "failed" and its stderr is shown.
set -u

bench_name=bench-epub
# shellcheck source=tests/bench/lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
folio_bin=${FOLIO_BIN:-$root/build/bin}
pages_list=${BENCH_PAGES:-10 100 1000}
seed=${BENCH_SEED:-1}
slow_max=${BENCH_SLOW_MAX:-100}
slow_tools=" ${BENCH_SLOW_TOOLS-docbook-xsl} "
slow_secs=${BENCH_SLOW_SECS:-60}
check_pages=${BENCH_EPUBCHECK_PAGES:-100}

command -v python3 >/dev/null 2>&1 || die "python3 is required"

bench_workdir
checks=$work/epubcheck.tsv
: > "$checks"

# --- tools --------------------------------------------------------------------
tools=()
folio_epub=$folio_bin/folio-epub
if [ -x "$folio_epub" ]; then
    tools+=(folio-epub)
else
    echo "folio-epub not built ($folio_epub): skipping its rows"
fi

xsl=${DOCBOOK_XSL:-}
if [ -z "$xsl" ]; then
    for f in /usr/share/xml/docbook/stylesheet/docbook-xsl-ns/epub3/chunk.xsl \
             /usr/share/xml/docbook/stylesheet/docbook-xsl/epub3/chunk.xsl; do
        [ -r "$f" ] && { xsl=$f; break; }
    done
fi
if ! command -v xsltproc >/dev/null 2>&1; then
    echo "xsltproc not installed: skipping the DocBook XSL rows"
elif [ -z "$xsl" ] || [ ! -r "$xsl" ]; then
    echo "DocBook XSL epub3/chunk.xsl not found (install docbook-xsl-ns or set DOCBOOK_XSL): skipping its rows"
elif ! command -v zip >/dev/null 2>&1; then
    echo "zip not installed: skipping the DocBook XSL rows"
else
    tools+=(docbook-xsl)
fi

if command -v pandoc >/dev/null 2>&1; then tools+=(pandoc)
else echo "pandoc not installed: skipping its rows"; fi

# epubcheck: Debian's /usr/bin/epubcheck is the jar itself, which runs only
# where binfmt_misc hands jars to java; otherwise use java -jar.
epubcheck=()
if [ "${BENCH_EPUBCHECK:-1}" = 0 ]; then
    :
elif [ -n "${EPUBCHECK:-}" ]; then
    # shellcheck disable=SC2206
    epubcheck=($EPUBCHECK)
elif command -v epubcheck >/dev/null 2>&1; then
    ec=$(command -v epubcheck)
    if epubcheck --version >/dev/null 2>&1; then
        epubcheck=("$ec")
    elif command -v java >/dev/null 2>&1 && [ "$(head -c 2 "$(readlink -f "$ec")")" = PK ]; then
        epubcheck=(java -jar "$(readlink -f "$ec")")
    fi
fi
if [ "${BENCH_EPUBCHECK:-1}" != 0 ] && [ ${#epubcheck[@]} = 0 ]; then
    echo "epubcheck not installed (or java missing): skipping the epubcheck counts"
fi

# The DocBook XSL route as its README (README.epub3) describes it: the epub3
# stylesheet writes mimetype, META-INF/ and OEBPS/ under base.dir; the images
# are copied into OEBPS/; then mimetype is zipped first and stored, and the
# rest compressed.  Arguments: stylesheet, book, output dir, EPUB.
# shellcheck disable=SC2016
xsl_route='set -e
xsl=$1 src=$2 out=$3 epub=$4
xsltproc --xinclude --stringparam base.dir "$out/" "$xsl" "$src" 2>"$out.log" \
    || { tail -n 20 "$out.log" >&2; exit 1; }
mkdir -p "$out/OEBPS"
cp -R "$(dirname "$src")/images" "$out/OEBPS/"
cd "$out"
zip -q -X0 "$epub" mimetype
zip -q -Xr9D "$epub" META-INF OEBPS'

tool_cmd() {  # tool book dir -> sets cmd (the route's script has newlines)
    case $1 in
        folio-epub)  cmd=("$folio_epub")
                     # shellcheck disable=SC2206
                     [ -n "${FOLIO_EPUB_ARGS:-}" ] && cmd+=(${FOLIO_EPUB_ARGS})
                     cmd+=("$2" -o "$3/folio-epub.epub") ;;
        docbook-xsl) cmd=(sh -c "$xsl_route" docbook-xsl-route "$xsl" "$2"
                          "$3/docbook-xsl.d" "$3/docbook-xsl.epub") ;;
        pandoc)      cmd=("$(command -v pandoc)" -f docbook -t epub3 "$2" -o "$3/pandoc.epub") ;;
    esac
}

tool_prepare() {  # tool dir -> the untimed clean-up before each run
    case $1 in
        docbook-xsl) echo "rm -rf $(bench_sq "$2/docbook-xsl.d") $(bench_sq "$2/docbook-xsl.epub")" ;;
        *)           echo "rm -f $(bench_sq "$2/$1.epub")" ;;
    esac
}

tool_output() {  # tool dir -> what it writes
    echo "$2/$1.epub"
}

tool_version() {
    case $1 in
        folio-epub)  "$folio_epub" --version 2>&1 | head -n 1 ;;
        docbook-xsl) v=$(sed -n 's/.*<fm:Version>\(.*\)<\/fm:Version>.*/\1/p' \
                           "$(dirname "$(dirname "$xsl")")/VERSION.xsl" 2>/dev/null | head -n 1)
                     echo "DocBook XSL ${v:-?} ($xsl); xsltproc: $(xsltproc --version 2>&1 | head -n 1 | sed 's/^Using //');" \
                          "$(zip -v 2>&1 | sed -n 's/^This is \(Zip [0-9.]*\).*/\1/p' | head -n 1)" ;;
        pandoc)      pandoc --version 2>&1 | head -n 1 ;;
    esac
}

bench_detect_timers

echo "Folio EPUB benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc 2>/dev/null || echo '?') CPUs"
for t in "${tools[@]}"; do echo "$t: $(tool_version "$t")"; done
if [ ${#epubcheck[@]} -gt 0 ]; then
    echo "epubcheck: $("${epubcheck[@]}" --version 2>&1 | grep -i 'epubcheck v' | head -n 1) (on the $check_pages-page EPUBs)"
fi
bench_timer_info
echo "books: $work (seed $seed); each tool runs in the book's directory"
echo

# epubcheck each tool's EPUB of one size (as the last run left it).
after_size() {  # pages dir
    local t epub log
    [ ${#epubcheck[@]} -gt 0 ] && [ "$1" = "$check_pages" ] || return 0
    for t in "${tools[@]}"; do
        epub=$2/$t.epub
        [ -s "$epub" ] || continue
        note "epubcheck on $t's $1-page EPUB"
        log=$work/epubcheck-$t-$1.log
        "${epubcheck[@]}" "$epub" >"$log" 2>&1
        printf '%s\t%s\t%s\t%s\n' "$1" "$t" "$?" "$log" >> "$checks"
    done
}

status=0
ref_tool=folio-epub
bench_run_converters

echo
bench_py - "$results" "$checks" "${BENCH_DIR:+keep}" "$folio_epub" <<'EOF' || status=2
import collections, re, sys
from bench_common import converter_report, converter_notes, show

rows = converter_report(sys.argv[1], "folio-epub", "EPUB")
keep = len(sys.argv) > 3 and sys.argv[3] == "keep"

# epubcheck
checks = [l.rstrip("\n").split("\t") for l in open(sys.argv[2]) if l.strip()]
if checks:
    print()
    ct = [("epubcheck", "pages", "fatal", "errors", "warnings", "infos", "most frequent")]
    for pages, tool, rc, log in checks:
        text = open(log, errors="replace").read()
        m = re.search(r"Messages:\s*(\d+) fatals?\s*/\s*(\d+) errors?\s*/\s*(\d+) warnings?"
                      r"\s*/\s*(\d+) infos?", text)
        counts = m.groups() if m else ("?", "?", "?", "?")
        ids = collections.Counter(re.findall(r"^(?:FATAL|ERROR|WARNING)\((\w+-\d+)\)", text, re.M))
        top = ", ".join("%s ×%d" % kv for kv in ids.most_common(3)) or ("-" if m else "no summary (exit %s)" % rc)
        ct.append((tool, pages) + tuple(counts) + (top,))
    show(ct, {1, 2, 3, 4, 5})
    if keep:
        print("(epubcheck logs: %s)" % ", ".join(c[3] for c in checks))

converter_notes(rows, "folio-epub", sys.argv[-1])
EOF
exit $status
