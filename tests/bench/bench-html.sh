#!/usr/bin/env bash
# bench-html.sh — time folio-html against DocBook XSL (xhtml5, one page) and
# pandoc (html5, standalone) on generated 10/100/1000-page books, with peak
# memory and output sizes.  The same loop and tables as bench-epub.sh.
#
# Usage (from the repository root):  tests/bench/bench-html.sh
#
# folio-html runs as DESIGN.md has it: folio-html SRC.xml -o OUT.html (one
# self-contained page, CSS inlined, images copied next to it), the same
# output as the other two.  When build/bin/folio-html is missing the script
# says so and exits 0 without running anything, unless
# BENCH_HTML_BASELINES=1 (then it times the other two alone).
#
# Environment:
#   FOLIO_BIN         directory holding folio-html (default: build/bin)
#   FOLIO_HTML_ARGS   extra arguments for folio-html (e.g. --profile docbook)
#   BENCH_HTML_BASELINES=1  run DocBook XSL and pandoc even without folio-html
#   BENCH_DIR, BENCH_PAGES, BENCH_SEED, BENCH_SLOW_MAX, BENCH_SLOW_TOOLS,
#   BENCH_SLOW_SECS, BENCH_NO_HYPERFINE, BENCH_NO_GNU_TIME
#                     as for bench-epub.sh (BENCH_SLOW_TOOLS defaults to
#                     none here: one-page DocBook XSL output is not slow)
#   DOCBOOK_XSL_HTML  the stylesheet (default: docbook-xsl-ns xhtml5/docbook.xsl)
#
# Each tool writes one HTML page into an empty directory and the book's
# images are copied next to it; the output size is that directory's.
# It reports and asserts nothing: the exit status is 0 unless a tool crashes.
set -u

bench_name=bench-html
# shellcheck source=tests/bench/lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
folio_bin=${FOLIO_BIN:-$root/build/bin}
pages_list=${BENCH_PAGES:-10 100 1000}
seed=${BENCH_SEED:-1}
slow_max=${BENCH_SLOW_MAX:-100}
slow_tools=" ${BENCH_SLOW_TOOLS-} "
slow_secs=${BENCH_SLOW_SECS:-60}

folio_html=$folio_bin/folio-html
if [ ! -x "$folio_html" ] && [ "${BENCH_HTML_BASELINES:-0}" != 1 ]; then
    echo "folio-html not built ($folio_html): nothing to compare yet (BENCH_HTML_BASELINES=1 times the others alone)"
    exit 0
fi
command -v python3 >/dev/null 2>&1 || die "python3 is required"

bench_workdir

# --- tools --------------------------------------------------------------------
tools=()
if [ -x "$folio_html" ]; then tools+=(folio-html)
else echo "folio-html not built ($folio_html): skipping its rows"; fi

xsl=${DOCBOOK_XSL_HTML:-}
if [ -z "$xsl" ]; then
    for f in /usr/share/xml/docbook/stylesheet/docbook-xsl-ns/xhtml5/docbook.xsl \
             /usr/share/xml/docbook/stylesheet/docbook-xsl/xhtml5/docbook.xsl; do
        [ -r "$f" ] && { xsl=$f; break; }
    done
fi
if ! command -v xsltproc >/dev/null 2>&1; then
    echo "xsltproc not installed: skipping the DocBook XSL rows"
elif [ -z "$xsl" ] || [ ! -r "$xsl" ]; then
    echo "DocBook XSL xhtml5/docbook.xsl not found (install docbook-xsl-ns or set DOCBOOK_XSL_HTML): skipping its rows"
else
    tools+=(docbook-xsl)
fi
if command -v pandoc >/dev/null 2>&1; then tools+=(pandoc)
else echo "pandoc not installed: skipping its rows"; fi

# The DocBook XSL and pandoc routes: convert, then copy the images (neither
# tool does).  xhtml5/docbook.xsl also writes docbook.css into the current
# directory.  Arguments: stylesheet (or pandoc), book, output dir.
# shellcheck disable=SC2016
xsl_route='set -e
xsl=$1 src=$2 out=$3
cd "$out"
xsltproc --xinclude "$xsl" "$src" >index.html 2>"$out.log" || { tail -n 20 "$out.log" >&2; exit 1; }
cp -R "$(dirname "$src")/images" .'
# shellcheck disable=SC2016
pandoc_route='set -e
pandoc=$1 src=$2 out=$3
"$pandoc" -f docbook -t html5 --standalone "$src" -o "$out/index.html"
cp -R "$(dirname "$src")/images" "$out/"'

tool_cmd() {  # tool book dir -> sets cmd
    case $1 in
        folio-html)  cmd=("$folio_html")
                     # shellcheck disable=SC2206
                     [ -n "${FOLIO_HTML_ARGS:-}" ] && cmd+=(${FOLIO_HTML_ARGS})
                     cmd+=("$2" -o "$3/folio-html.d/index.html") ;;
        docbook-xsl) cmd=(sh -c "$xsl_route" docbook-xsl-route "$xsl" "$2" "$3/docbook-xsl.d") ;;
        pandoc)      cmd=(sh -c "$pandoc_route" pandoc-route "$(command -v pandoc)" "$2" "$3/pandoc.d") ;;
    esac
}

tool_prepare() {  # tool dir -> an empty output directory, untimed
    # shellcheck disable=SC2016
    echo "sh -c $(bench_sq 'rm -rf "$1" && mkdir -p "$1"') sh $(bench_sq "$2/$1.d")"
}

tool_output() {
    echo "$2/$1.d"
}

tool_version() {
    case $1 in
        folio-html)  "$folio_html" --version 2>&1 | head -n 1 ;;
        docbook-xsl) v=$(sed -n 's/.*<fm:Version>\(.*\)<\/fm:Version>.*/\1/p' \
                           "$(dirname "$(dirname "$xsl")")/VERSION.xsl" 2>/dev/null | head -n 1)
                     echo "DocBook XSL ${v:-?} ($xsl); xsltproc: $(xsltproc --version 2>&1 | head -n 1 | sed 's/^Using //')" ;;
        pandoc)      pandoc --version 2>&1 | head -n 1 ;;
    esac
}

bench_detect_timers

echo "Folio HTML benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc 2>/dev/null || echo '?') CPUs"
for t in "${tools[@]}"; do echo "$t: $(tool_version "$t")"; done
bench_timer_info
echo "books: $work (seed $seed); each tool runs in the book's directory"
echo

status=0
ref_tool=folio-html
bench_run_converters

echo
bench_py - "$results" "$folio_html" <<'EOF' || status=2
import sys
from bench_common import converter_report, converter_notes

rows = converter_report(sys.argv[1], "folio-html", "output")
converter_notes(rows, "folio-html", sys.argv[-1])
EOF
exit $status
