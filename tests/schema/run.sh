#!/bin/bash
# tests/schema/run.sh - check schemas/folio.rng and schemas/folio.sch.
#
#   run.sh [-v] [CASE...]
#
# CASE is a file under tests/schema (valid/book.xml, invalid/para-in-book.xml,
# rules/pubdate.xml), or one of the words "samples" (samples/*/*/book.xml),
# "bench" (books from tests/bench/gen-book.py) and "sweep" (sweep.py).  No
# CASE runs everything.  -v shows the validators' output for passing cases.
#
# The validators run as folio-check loads a source: XInclude first, then
# RELAX NG with libxml2, then Schematron with libxml2.  jing validates the
# same XIncluded text with folio.rng (the two must agree) and, for valid
# documents, with the official DocBook 5.0 schema (the profile is a subset).
#
#   valid/*.xml    pass folio.rng (libxml2 and jing), pass docbook.rng
#                  (jing), and draw no Schematron message;
#   invalid/*.xml  fail folio.rng in libxml2 and jing; libxml2's messages
#                  contain the text of the "<!-- expect: TEXT -->" comment and
#                  the Schematron messages the "<!-- expect-sch: ID -->" rule;
#   rules/*.xml    pass folio.rng (libxml2 and jing) and draw Schematron
#                  messages of the "<!-- expect: ID -->" rule and no other.
#
# Exit status: 0 when every case behaves, 1 on any surprise, 2 when xmllint
# is missing or a CASE does not exist.  jing, docbook5-xml and python3 are
# optional: the checks that need them are skipped with a note.

set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
RNG=$root/schemas/folio.rng
SCH=$root/schemas/folio.sch
DOCBOOK_RNG=${DOCBOOK_RNG:-/usr/share/xml/docbook/schema/rng/5.0/docbook.rng}

verbose=0
if [ "${1:-}" = "-v" ]; then verbose=1; shift; fi

if ! command -v xmllint >/dev/null 2>&1; then
    echo "run.sh: xmllint not found (apt install libxml2-utils)" >&2
    exit 2
fi
have_jing=0; command -v jing >/dev/null 2>&1 && have_jing=1
have_docbook=0; [ "$have_jing" = 1 ] && [ -r "$DOCBOOK_RNG" ] && have_docbook=1
have_python=0; command -v python3 >/dev/null 2>&1 && have_python=1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/folio-schema.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

failures=0
passes=0
notes=""

note() { case "$notes" in *"$1"*) ;; *) notes="$notes$1"$'\n' ;; esac; }

fail() {    # CASE REASON DETAILS
    failures=$((failures + 1))
    echo "FAIL $1: $2"
    [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/     | /'
}

pass() {    # CASE DETAILS
    passes=$((passes + 1))
    echo "ok   $1"
    [ "$verbose" = 1 ] && [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/     | /'
}

comment() {  # FILE KEY -> the text of <!-- KEY: text --> in FILE
    sed -n "s/^<!-- $2: \(.*\) -->\$/\1/p" "$1" | head -n 1
}

# libxml2 RELAX NG, after XInclude.  Sets rng_out; returns xmllint's status.
rng_libxml2() {
    rng_out=$(xmllint --noout --nonet --xinclude --relaxng "$RNG" "$1" 2>&1)
}

# libxml2 Schematron, after XInclude.  Sets sch_out (the messages) and
# sch_ids (their rule ids, sorted, one per line).  Without --noout: xmllint's
# quiet mode drops report messages.  Returns 0 if the run itself worked.
schematron() {
    local raw
    raw=$(xmllint --nonet --xinclude --schematron "$SCH" "$1" 2>&1 >/dev/null)
    case "$raw" in
        *"failed to compile"*|*"internal error"*)
            sch_out=$raw; sch_ids=""; return 1 ;;
    esac
    sch_out=$(printf '%s\n' "$raw" | grep -v -e '^Pattern: ' -e ' validates$' -e ' fails to validate$')
    sch_ids=$(printf '%s\n' "$sch_out" | sed -n 's/^.* line [0-9]*: \(sch-[a-z0-9-]*\):.*$/\1/p' | sort -u)
    return 0
}

# jing over the XIncluded text (what libxml2 validated).  Sets jing_out
# (errors only); returns 0 if jing found no error.  jing_batch has already
# run jing once over many files (its JVM starts in about half a second);
# their results are looked up in its output.
declare -A flat_of=()
flat_n=0
jing_check() {  # SCHEMA FILE
    local flat=${flat_of[$2]:-} cache=
    if [ -n "$flat" ]; then
        cache=$tmp/jing-$(basename "$1").out
    fi
    if [ -n "$cache" ] && [ -f "$cache" ]; then
        jing_out=$(grep -F -- "$flat:" "$cache" | sed "s|$flat|$(basename "$2")|")
    else
        flat=$tmp/flat.xml
        if ! xmllint --nonet --xinclude "$2" > "$flat" 2>/dev/null; then
            jing_out="(xmllint could not XInclude the file)"
            return 1
        fi
        jing_out=$(jing "$1" "$flat" 2>&1 | grep -v -e '^\[warning\]' -e ': warning: ' | sed "s|$flat|$(basename "$2")|")
    fi
    [ -z "$jing_out" ]
}

jing_batch() {  # SCHEMA FILE...
    local schema=$1 f flats=()
    shift
    mkdir -p "$tmp/flat"
    for f in "$@"; do
        if [ -z "${flat_of[$f]:-}" ]; then
            flat_n=$((flat_n + 1))
            xmllint --nonet --xinclude "$f" > "$tmp/flat/$flat_n.xml" 2>/dev/null || continue
            flat_of[$f]=$tmp/flat/$flat_n.xml
        fi
        flats+=("${flat_of[$f]}")
    done
    [ ${#flats[@]} -gt 0 ] || return
    jing "$schema" "${flats[@]}" 2>&1 | grep -v -e '^\[warning\]' -e ': warning: ' \
        > "$tmp/jing-$(basename "$schema").out"
}

check_valid() {  # NAME FILE
    local name=$1 file=$2 details=""
    if ! rng_libxml2 "$file"; then
        fail "$name" "libxml2 rejects it with folio.rng" "$rng_out"; return
    fi
    if ! schematron "$file"; then
        fail "$name" "Schematron did not run" "$sch_out"; return
    fi
    if [ -n "$sch_out" ]; then
        fail "$name" "Schematron messages on a valid document" "$sch_out"; return
    fi
    if [ "$have_jing" = 1 ]; then
        if ! jing_check "$RNG" "$file"; then
            fail "$name" "libxml2 accepts it but jing rejects it with folio.rng" "$jing_out"; return
        fi
        details="jing: ok"
    else
        note "jing not installed: no cross-check with jing"
    fi
    if [ "$have_docbook" = 1 ]; then
        if ! jing_check "$DOCBOOK_RNG" "$file"; then
            fail "$name" "folio.rng accepts it but the official DocBook 5.0 schema does not" "$jing_out"; return
        fi
        details="$details, docbook.rng: ok"
    else
        note "docbook5-xml or jing not installed: profile not checked against DocBook"
    fi
    pass "$name" "$rng_out"$'\n'"$details"
}

check_invalid() {  # NAME FILE
    local name=$1 file=$2 expect expect_sch
    expect=$(comment "$file" expect)
    expect_sch=$(comment "$file" expect-sch)
    if [ -z "$expect" ]; then
        fail "$name" "no <!-- expect: ... --> comment"; return
    fi
    if rng_libxml2 "$file"; then
        fail "$name" "libxml2 accepts it with folio.rng" "$(comment "$file" defect)"; return
    fi
    case "$rng_out" in
        *"$expect"*) ;;
        *) fail "$name" "libxml2 rejects it, but its messages do not mention \"$expect\"" "$rng_out"; return ;;
    esac
    if [ "$have_jing" = 1 ]; then
        if jing_check "$RNG" "$file"; then
            fail "$name" "libxml2 rejects it but jing accepts it with folio.rng" "$rng_out"; return
        fi
    else
        note "jing not installed: no cross-check with jing"
    fi
    if [ -n "$expect_sch" ]; then
        if ! schematron "$file"; then
            fail "$name" "Schematron did not run" "$sch_out"; return
        fi
        if ! printf '%s\n' "$sch_ids" | grep -qx -- "$expect_sch"; then
            fail "$name" "no $expect_sch message from Schematron" "$sch_out"; return
        fi
    fi
    pass "$name" "$rng_out"$'\n'"jing: ${jing_out:-}"
}

check_rule() {  # NAME FILE
    local name=$1 file=$2 expect others
    expect=$(comment "$file" expect)
    if [ -z "$expect" ]; then
        fail "$name" "no <!-- expect: sch-... --> comment"; return
    fi
    if ! rng_libxml2 "$file"; then
        fail "$name" "libxml2 rejects it with folio.rng (a rules case must be schema-valid)" "$rng_out"; return
    fi
    if [ "$have_jing" = 1 ] && ! jing_check "$RNG" "$file"; then
        fail "$name" "libxml2 accepts it but jing rejects it with folio.rng" "$jing_out"; return
    fi
    if ! schematron "$file"; then
        fail "$name" "Schematron did not run" "$sch_out"; return
    fi
    if [ -z "$sch_out" ]; then
        fail "$name" "Schematron accepts it (expected $expect)"; return
    fi
    if ! printf '%s\n' "$sch_ids" | grep -qx -- "$expect"; then
        fail "$name" "no $expect message" "$sch_out"; return
    fi
    others=$(printf '%s\n' "$sch_ids" | grep -vx -- "$expect")
    if [ -n "$others" ]; then
        fail "$name" "messages from other rules too: $(printf '%s' "$others" | tr '\n' ' ')" "$sch_out"; return
    fi
    # Every message must start with its rule id and a colon.
    if printf '%s\n' "$sch_out" | grep -v -q ' line [0-9]*: sch-[a-z0-9-]*: '; then
        fail "$name" "a message does not start with \"sch-RULE: \"" "$sch_out"; return
    fi
    pass "$name" "$sch_out"
}

check_samples() {
    local found=0 book
    for book in "$root"/samples/*/*/book.xml; do
        [ -f "$book" ] || continue
        found=1
        check_valid "${book#"$root"/}" "$book"
    done
    [ "$found" = 1 ] || note "no samples/*/*/book.xml yet"
}

check_bench() {
    local gen=$root/tests/bench/gen-book.py
    if [ ! -f "$gen" ]; then note "no tests/bench/gen-book.py yet"; return; fi
    if [ "$have_python" = 0 ]; then note "python3 not installed: generated books not checked"; return; fi
    if ! python3 "$gen" --pages 12 -o "$tmp/bench1" >/dev/null 2>&1 ||
       ! python3 "$gen" --pages 30 --split --seed 7 --lang fr -o "$tmp/bench2" >/dev/null 2>&1; then
        fail "bench" "gen-book.py failed"; return
    fi
    check_valid "bench: gen-book.py --pages 12" "$tmp/bench1/book.xml"
    check_valid "bench: gen-book.py --pages 30 --split" "$tmp/bench2/book.xml"
}

check_sweep() {
    if [ "$have_python" = 0 ]; then note "python3 not installed: no diagnostics sweep"; return; fi
    local out
    if out=$(python3 "$here/sweep.py" "$RNG" "$here/valid/book.xml" 2>&1); then
        pass "sweep: libxml2 names the intruder in every element" "$out"
    else
        fail "sweep" "libxml2's first message misses the intruder" "$out"
    fi
}

run_case() {  # ARG
    local arg=$1 file name
    case "$arg" in
        samples) check_samples; return ;;
        bench) check_bench; return ;;
        sweep) check_sweep; return ;;
    esac
    if [ -f "$arg" ]; then file=$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")
    elif [ -f "$here/$arg" ]; then file=$here/$arg
    else echo "run.sh: no such case: $arg" >&2; exit 2
    fi
    name=${file#"$here"/}
    [ "$name" = "$file" ] && name=${file#"$root"/}
    case "$name" in
        valid/*) check_valid "$name" "$file" ;;
        invalid/*) check_invalid "$name" "$file" ;;
        rules/*) check_rule "$name" "$file" ;;
        *) check_valid "$name" "$file" ;;
    esac
}

if [ $# -eq 0 ]; then
    set -- "$here"/valid/*.xml "$here"/invalid/*.xml "$here"/rules/*.xml samples bench sweep
    if [ "$have_jing" = 1 ]; then
        jing_batch "$RNG" "$here"/valid/*.xml "$here"/invalid/*.xml "$here"/rules/*.xml
        [ "$have_docbook" = 1 ] && jing_batch "$DOCBOOK_RNG" "$here"/valid/*.xml
    fi
fi
for arg in "$@"; do
    run_case "$arg"
done

[ -n "$notes" ] && printf '%s' "$notes" | sed 's/^/note: /'
echo "schema tests: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
