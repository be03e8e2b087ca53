#!/bin/bash
# folio-epub and folio-html validate on one thread while a second compiles
# and applies the stylesheet (tools/lib/front.c).  Under valgrind: helgrind
# finds no data race and memcheck no error and no lost block, for a valid
# source (the EPUB, the page, the site) and for sources refused at each
# step: a schema error (the transform ran and is thrown away), an image that
# is missing, XML that does not parse (the second thread is told to stop).
# Needs FOLIO_BIN and FOLIO_SRC; skipped (exit 77) without valgrind or on a
# sanitizer build, which valgrind cannot run.
set -u

bindir=${FOLIO_BIN:-build/bin}
src=${FOLIO_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
if ! command -v valgrind >/dev/null 2>&1; then
	echo "skip: valgrind is not installed"
	exit 77
fi
if ldd "$bindir/folio-epub" 2>/dev/null | grep -q 'libasan\|libubsan'; then
	echo "skip: a sanitizer build (valgrind cannot run it)"
	exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0
failed=0

# run NAME TOOL EXPECTED_EXIT ARGS...: the tool under helgrind, then memcheck.
run() {
	local name=$1 tool=$2 want=$3
	shift 3
	local rc tool_rc
	for vg in "--tool=helgrind" "--tool=memcheck --leak-check=full --errors-for-leak-kinds=definite,indirect"; do
		rm -rf "$out/o" && mkdir -p "$out/o"
		rc=0
		# shellcheck disable=SC2086
		(cd "$src" && valgrind $vg --error-exitcode=99 --log-file="$out/vg.log" \
			"$bindir/$tool" "$@") >"$out/stdout" 2>"$out/stderr" || rc=$?
		tool_rc=$rc
		if [ "$rc" -eq 99 ] || ! grep -q "ERROR SUMMARY: 0 errors" "$out/vg.log"; then
			echo "FAIL $name (${vg%% *}): valgrind reports errors"
			grep -A14 -m3 "Possible data race\|Invalid\|uninitialised\|definitely lost in" "$out/vg.log" | head -n 60 | sed 's/^/     /'
			failed=$((failed + 1))
			return
		fi
		if [ "$tool_rc" -ne "$want" ]; then
			echo "FAIL $name (${vg%% *}): exit $tool_rc, expected $want"
			sed 's/^/     stderr: /' "$out/stderr" | head -n 20
			failed=$((failed + 1))
			return
		fi
	done
	echo "ok   $name"
	passed=$((passed + 1))
}

sample=samples/idm-28/en/book.xml
run epub-sample folio-epub 0 -o "$out/o/s.epub" "$sample"
run html-page folio-html 0 -o "$out/o/s.html" "$sample"
run html-site folio-html 0 --chunk -o "$out/o/site" "$sample"
run epub-schema-error folio-epub 1 -o "$out/o/b.epub" tests/bad/schema-chapter-in-para.xml
run epub-image-missing folio-epub 1 -o "$out/o/b.epub" tests/bad/image-missing.xml
run html-not-xml folio-html 1 -o "$out/o/b.html" tests/bad/xml-unclosed-tag.xml

echo "threads: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
