#!/usr/bin/env bash
# run-fuzz.sh FUZZER WORKDIR RUNS DIR...: one short, deterministic libFuzzer
# run, the ctest test fuzz.<name>.  The corpus folders (DIR…, seeds and
# regression inputs) are only read: libFuzzer adds new inputs to its first
# folder, here WORKDIR/new, and writes crash files into WORKDIR.  Fails on a
# crash, a sanitizer report, a leak or a timeout (libFuzzer exits non-zero).
set -euo pipefail
fuzzer=$1 work=$2 runs=$3
shift 3
rm -rf "$work"
mkdir -p "$work/new"
dirs=()
for d in "$@"; do
	[ -d "$d" ] && dirs+=("$d")
done
exec "$fuzzer" -seed=1 -runs="$runs" -rss_limit_mb=2048 -timeout=10 \
	-print_final_stats=1 -artifact_prefix="$work/" "$work/new" "${dirs[@]}"
