# shellcheck shell=bash
# lib.sh — shared helpers for the tests/bench/ scripts.  Source it from bash
# after setting bench_name (the prefix of messages, e.g. "bench-check"):
#
#   bench_name=bench-foo
#   . "$(dirname "$0")/lib.sh"
#
# It sets here (this directory) and root (the repository), and provides:
#
#   die MSG / note MSG       messages on stderr ("$bench_name: MSG"); die exits 2
#   bench_py ARGS...         python3 with bench_common.py importable
#   bench_workdir            $work = $BENCH_DIR (kept) or a temp dir (removed
#                            on exit); $results = $work/results.tsv (emptied)
#   bench_detect_timers      have_hyperfine, hf_noshell, have_gnu_time (honours
#                            BENCH_NO_HYPERFINE=1 and BENCH_NO_GNU_TIME=1)
#   bench_timer_info         the "timing: ..." and "memory: ..." header lines
#   bench_sq WORD            WORD quoted for hyperfine's command splitting
#   bench_gen_book P SEED DIR [ARGS...]
#                            gen-book.py into DIR; sets book and bytes
#   bench_measure TOOL PAGES BYTES CMD...
#                            probe + time CMD, appending a row to $results
#                            (see below)
#   bench_output_size PATH   bytes in a file or under a directory
#   bench_run_converters     the books × tools loop of bench-epub/bench-html
#                            (see below)
#
# Everything here reports; nothing asserts.

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${bench_name:=bench}"

die() { echo "$bench_name: $*" >&2; exit 2; }
note() { echo "$bench_name: $*" >&2; }

bench_py() {
    PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" python3 "$@"
}

bench_workdir() {
    if [ -n "${BENCH_DIR:-}" ]; then
        work=$BENCH_DIR
        mkdir -p "$work" || die "cannot create $work"
        work=$(cd "$work" && pwd)
    else
        work=$(mktemp -d "${TMPDIR:-/tmp}/folio-bench.XXXXXX") || die "mktemp failed"
        # shellcheck disable=SC2064
        trap "rm -rf '$work'" EXIT
    fi
    results=$work/results.tsv
    : > "$results"
}

bench_detect_timers() {
    have_hyperfine=0
    hf_noshell=()
    if [ -z "${BENCH_NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null 2>&1; then
        have_hyperfine=1
        hyperfine --help 2>&1 | grep -qE '^\s+-N\b' && hf_noshell=(-N)
    fi
    have_gnu_time=0
    if [ -z "${BENCH_NO_GNU_TIME:-}" ] && [ -x /usr/bin/time ] && /usr/bin/time -v -o /dev/null true >/dev/null 2>&1; then
        have_gnu_time=1
    fi
}

bench_timer_info() {
    if [ "$have_hyperfine" = 1 ]; then echo "timing: $(hyperfine --version)"; else echo "timing: python3 loop (hyperfine not installed)"; fi
    if [ "$have_gnu_time" = 1 ]; then echo "memory: /usr/bin/time -v"; else echo "memory: python3 resource.getrusage"; fi
}

bench_sq() {  # quote one word for hyperfine's POSIX-style command splitting
    printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

bench_gen_book() {  # pages seed dir [extra gen-book args]
    local pages=$1 seed=$2 dir=$3
    shift 3
    python3 "$here/gen-book.py" --pages "$pages" --seed "$seed" "$@" -o "$dir" 2>/dev/null \
        || die "gen-book.py failed for $pages pages"
    book=$dir/book.xml
    bytes=$(wc -c < "$book" | tr -d ' ')
}

# bench_measure TOOL PAGES BYTES CMD...
#
# Runs CMD once under /usr/bin/time -v (or python3) for its exit status and
# peak memory, then times it with hyperfine (or a python3 loop), and appends
#   pages bytes tool median min max runs rss note [output-bytes]
# to $results.  CMD runs in the current directory.  Settings (variables):
#
#   BM_RUNS          timed runs (required)
#   BM_WARMUP        untimed warm-up runs (default 1)
#   BM_PREPARE       "" or a command (words quoted with bench_sq) run before
#                    the probe and before every run, untimed
#   BM_SUBJECT       what the messages name (default: the book size)
#   BM_TIME_FAILURES 1 (default): a non-zero exit is timed and flagged
#                    "exit N"; 0: it is not timed, and the note is
#                    "failed (exit N)"
#   BM_OUTPUT        a file or directory CMD writes: its size (bytes, or ""
#                    if missing after the probe) is appended as an extra field
#   BM_SLOW_SECS     if set and the probe took longer than this, the probe's
#                    wall-clock time is reported as a single run instead
#                    of timing again (note "1 run, probe")
#
# Sets bm_rc (the probe's exit status, 128+N for signal N) and returns 1 if
# the tool crashed (was killed by a signal), else 0.
bench_measure() {
    local t=$1 pages=$2 nbytes=$3
    shift 3
    local cmd=("$@")
    local tag=$t-$pages
    local runs=$BM_RUNS warmup=${BM_WARMUP:-1} prepare=${BM_PREPARE:-}
    local subject=${BM_SUBJECT:-$pages-page book}
    local rss="" rss_note="" elapsed="" extra outsize=() outfield="" json line w
    note "$t on $pages pages ($nbytes bytes)"

    [ -n "$prepare" ] && sh -c "$prepare" >/dev/null 2>&1

    # One probe run: exit status, peak memory, wall-clock time.
    bm_rc=0
    if [ "$have_gnu_time" = 1 ]; then
        /usr/bin/time -v -o "$work/$tag.time" "${cmd[@]}" >"$work/$tag.out" 2>"$work/$tag.err"
        bm_rc=$?
        rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): *//p' "$work/$tag.time")
        elapsed=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time ([^)]*): *//p' "$work/$tag.time" \
                  | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
        if grep -q 'Command terminated by signal' "$work/$tag.time"; then
            bm_rc=$((128 + $(sed -n 's/.*Command terminated by signal \([0-9]*\).*/\1/p' "$work/$tag.time")))
        fi
    else
        read -r rss elapsed < <(bench_py "$here/bench_common.py" probe \
            "$work/$tag.rc" "$work/$tag.out" "$work/$tag.err" "${cmd[@]}")
        local rss_floor
        rss_floor=$(bench_py "$here/bench_common.py" floor)
        [ "${rss:-0}" -le $((rss_floor + rss_floor / 20)) ] && rss_note="RSS at python floor"
        bm_rc=$(cat "$work/$tag.rc" 2>/dev/null || echo 1)
    fi
    : "${rss:=0}"
    if [ -n "${BM_OUTPUT:-}" ]; then
        outsize=("$(bench_output_size "$BM_OUTPUT")")
        outfield=$'\t'${outsize[0]}
    fi
    extra=${rss_note:-}
    if [ "$bm_rc" -ge 128 ]; then
        note "$t CRASHED on $subject (status $bm_rc); stderr:"
        head -n 20 "$work/$tag.err" >&2
        printf '%s\t%s\t%s\t\t\t\t\t%s\tcrashed (signal %s)%s\n' "$pages" "$nbytes" "$t" "$rss" \
            "$((bm_rc - 128))" "$outfield" >> "$results"
        return 1
    elif [ "$bm_rc" -ne 0 ]; then
        if [ "${BM_TIME_FAILURES:-1}" = 0 ]; then
            note "$t failed (exit $bm_rc) on $subject; stderr:"
            head -n 10 "$work/$tag.err" >&2
            printf '%s\t%s\t%s\t\t\t\t\t%s\tfailed (exit %s)%s%s\n' "$pages" "$nbytes" "$t" "$rss" \
                "$bm_rc" "${rss_note:+, $rss_note}" "$outfield" >> "$results"
            return 0
        fi
        note "$t exited $bm_rc on $subject; stderr:"
        head -n 10 "$work/$tag.err" >&2
        extra="exit $bm_rc${extra:+, $extra}"
    fi

    # Timing.
    json=$work/$tag.json
    if [ -n "${BM_SLOW_SECS:-}" ] && [ -n "$elapsed" ] \
            && awk -v e="$elapsed" -v s="$BM_SLOW_SECS" 'BEGIN { exit !(e > s) }'; then
        note "$t took ${elapsed}s (> ${BM_SLOW_SECS}s): reporting that single run"
        bench_py "$here/bench_common.py" single "$json" "$elapsed" "$t"
        extra="1 run, probe${extra:+, $extra}"
    elif [ "$have_hyperfine" = 1 ]; then
        line=""
        for w in "${cmd[@]}"; do line="$line $(bench_sq "$w")"; done
        local hf_prep=()
        [ -n "$prepare" ] && hf_prep=(--prepare "$prepare")
        if ! hyperfine "${hf_noshell[@]}" --warmup "$warmup" --runs "$runs" -i --style basic \
                "${hf_prep[@]}" --command-name "$t" --export-json "$json" "${line# }" \
                >"$work/$tag.hyperfine" 2>&1; then
            note "hyperfine failed for $t; see $work/$tag.hyperfine"
            cat "$work/$tag.hyperfine" >&2
            printf '%s\t%s\t%s\t\t\t\t\t%s\t%s%s\n' "$pages" "$nbytes" "$t" "$rss" "timing failed" \
                "$outfield" >> "$results"
            return 0
        fi
    else
        if ! bench_py "$here/bench_common.py" time "$json" "$runs" "$warmup" "$prepare" "${cmd[@]}"; then
            note "timing failed for $t"
            return 0
        fi
    fi
    bench_py "$here/bench_common.py" row "$json" "$pages" "$nbytes" "$t" "$rss" "$extra" \
        "${outsize[@]}" >> "$results"
    return 0
}

bench_output_size() {  # file or directory -> bytes ("" if missing)
    if [ -f "$1" ]; then
        wc -c < "$1" | tr -d ' '
    elif [ -d "$1" ]; then
        find "$1" -type f -exec cat {} + | wc -c | tr -d ' '
    fi
}

# bench_run_converters — the loop of bench-epub.sh and bench-html.sh.
#
# For each size in $pages_list: generate the book (seed $seed) in
# $work/book-PAGES, enter that directory, and measure each tool in
# ${tools[@]} with bench_measure, using the caller's functions
#   tool_cmd TOOL BOOK DIR       sets the array cmd
#   tool_prepare TOOL DIR        prints the untimed clean-up before each run
#   tool_output TOOL DIR         prints the output file or directory
# and, when defined, after_size PAGES DIR once a size is done.
#
# Runs: 5 after one warm-up; 3 at 1000 pages and more, where tools other
# than $ref_tool (the Folio tool: milliseconds, not seconds) get no warm-up.
# Tools named in $slow_tools (" a b ") are skipped above $slow_max pages; a
# probe run longer than $slow_secs seconds is reported as the only run.  A
# tool that exits non-zero is not timed.  Sets status=1 if a tool crashed.
# shellcheck disable=SC2154,SC2034  # the caller sets (and reads) these globals
bench_run_converters() {
    local pages dir t runs warmup out
    for pages in $pages_list; do
        dir=$work/book-$pages
        bench_gen_book "$pages" "$seed" "$dir"
        cd "$dir" || die "cannot enter $dir"
        for t in "${tools[@]}"; do
            case $slow_tools in
                *" $t "*)
                    if [ "$pages" -gt "$slow_max" ]; then
                        note "$t skipped on $pages pages (BENCH_SLOW_MAX=$slow_max)"
                        printf '%s\t%s\t%s\t\t\t\t\t\tskipped (BENCH_SLOW_MAX=%s)\t\n' \
                            "$pages" "$bytes" "$t" "$slow_max" >> "$results"
                        continue
                    fi ;;
            esac
            runs=5 warmup=1
            # Folio's runs take tens of milliseconds: more of them steady
            # the median on a shared machine.
            [ "$t" = "$ref_tool" ] && [ "$pages" -lt 1000 ] && runs=20 warmup=3
            if [ "$pages" -ge 1000 ]; then
                runs=3
                [ "$t" != "$ref_tool" ] && warmup=0
            fi
            tool_cmd "$t" "$book" "$dir"
            out=$(tool_output "$t" "$dir")
            BM_RUNS=$runs BM_WARMUP=$warmup BM_PREPARE=$(tool_prepare "$t" "$dir") \
                BM_SUBJECT=$book BM_TIME_FAILURES=0 BM_OUTPUT=$out \
                BM_SLOW_SECS=$slow_secs \
                bench_measure "$t" "$pages" "$bytes" "${cmd[@]}" || status=1
        done
        if declare -F after_size >/dev/null; then after_size "$pages" "$dir"; fi
    done
    cd "$root" || die "cannot enter $root"
}
