#!/bin/sh
# Tests of Folio's XSLT stylesheets: transforms the sample, the fixtures in
# tests/xslt/fixtures/ and a generated book, checks the output (see
# check.py) and runs epubcheck on EPUBs packaged by mkepub.py.
# FOLIO_SKIP_EPUBCHECK=1 skips epubcheck.  Prints "N passed, M failed".
set -e
here=$(cd "$(dirname "$0")" && pwd)
command -v xsltproc >/dev/null || { echo "run.sh: xsltproc not found" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "run.sh: xmllint not found" >&2; exit 2; }
exec python3 "$here/check.py" "$@"
