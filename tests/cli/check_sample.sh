#!/bin/bash
# The sample publication is clean: folio-check exits 0 and prints nothing at
# all, against the Folio profile and with the official DocBook 5 schema too.
# Needs FOLIO_BIN (the folder holding folio-check) and FOLIO_SRC.
set -u

bin=${FOLIO_BIN:-build/bin}/folio-check
src=${FOLIO_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

passed=0
failed=0

# check NAME ARGS...: run folio-check ARGS from the source folder; exit 0 and
# empty stdout and stderr.
check() {
	local name=$1
	shift
	local rc=0
	(cd "$src" && "$bin" "$@") >"$out/stdout" 2>"$out/stderr" || rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$out/stdout" ] && [ ! -s "$out/stderr" ]; then
		echo "ok   $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name: exit $rc, expected 0 and no output"
		sed 's/^/     stdout: /' "$out/stdout" | head -n 40
		sed 's/^/     stderr: /' "$out/stderr" | head -n 40
		failed=$((failed + 1))
	fi
}

if [ ! -x "$bin" ]; then
	echo "FAIL $bin is not built (set FOLIO_BIN)"
	echo "0 passed, 1 failed"
	exit 1
fi

book=samples/idm-28/en/book.xml
if [ -f "$src/$book" ]; then
	check "folio-check $book" "$book"
	check "folio-check --docbook $book" --docbook "$book"
else
	echo "FAIL $book does not exist"
	failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
