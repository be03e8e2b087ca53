#!/usr/bin/env bash
# Folio's one entry point for people and CI.
#   ./build.sh demo   install what is missing, build, run the main job on the sample
#   ./build.sh test   install what is missing, build (normal + ASan/UBSan), run the suite,
#                     then a short run of each libFuzzer target (clang)
#   ./build.sh bench  build, then run the benchmarks in tests/bench/
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
JOBS=$(nproc 2>/dev/null || echo 2)

# Debian packages Folio builds, tests and runs with.
BUILD_PKGS="gcc make cmake pkg-config libxml2-dev libxslt1-dev libzip-dev libcmocka-dev"
TEST_PKGS="python3 valgrind libxml2-utils xsltproc python3-stdnum docbook5-xml jing epubcheck default-jre-headless man-db groff-base chromium fonts-noto-core"
# clang's libFuzzer (libclang_rt.fuzzer) comes with libclang-rt-dev (-14 on Debian 12).
FUZZ_PKGS="clang libclang-rt-dev"
BENCH_PKGS="hyperfine time docbook-xsl-ns pandoc zip"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_missing() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if ! command -v apt-get >/dev/null; then
		echo "build.sh: missing packages (${missing[*]}) and no apt-get: install them by hand" >&2
		exit 2
	fi
	local sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	say "Installing ${missing[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The W3C HTML5 validator (vnu) comes from the npm registry; the HTML tests
# use it when it is there and fall back to structural checks otherwise.
install_vnu() {
	[ -f /usr/lib/node_modules/vnu-jar/build/dist/vnu.jar ] && return 0
	command -v npm >/dev/null || return 0
	say "Installing the HTML5 validator (npm vnu-jar)"
	npm install -g --ignore-scripts vnu-jar >/dev/null 2>&1 || echo "build.sh: vnu-jar not installed; HTML tests use structural checks" >&2
}

configure_build() { # dir, extra cmake args...
	local dir=$1; shift
	cmake -S "$ROOT" -B "$ROOT/$dir" -DFOLIO_WERROR=ON "$@" >/dev/null
	cmake --build "$ROOT/$dir" -j"$JOBS"
}

run_tests() { # dir
	(cd "$ROOT/$1" && ctest --output-on-failure -j"$JOBS")
}

case "${1:-}" in
demo)
	install_missing $BUILD_PKGS $TEST_PKGS
	say "Building in build/"
	configure_build build
	sample=samples/idm-28/en/book.xml
	say "Checking the sample: build/bin/folio-check $sample"
	build/bin/folio-check "$sample"
	echo "folio-check: $sample is valid (no diagnostics)."
	mkdir -p build/demo
	say "Building its EPUB: build/bin/folio-epub $sample -o build/demo/idm-28-en.epub"
	build/bin/folio-epub "$sample" -o build/demo/idm-28-en.epub
	echo
	echo "Outputs:"
	echo "  EPUB 3:  $ROOT/build/demo/idm-28-en.epub"
	echo "  tools:   $ROOT/build/bin (folio-check, folio-epub, folio-isbn, ...)"
	;;
test)
	install_missing $BUILD_PKGS $TEST_PKGS $FUZZ_PKGS
	install_vnu
	say "Normal build (build/)"
	configure_build build
	run_tests build
	say "Sanitizer build (build-asan/: ASan + UBSan, no recovery)"
	configure_build build-asan -DFOLIO_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 run_tests build-asan
	say "Fuzz build (build-fuzz/: clang, libFuzzer + ASan/UBSan): a short run of each target"
	CC=clang cmake -S "$ROOT" -B "$ROOT/build-fuzz" -DFOLIO_WERROR=ON -DFOLIO_FUZZ=ON >/dev/null
	cmake --build "$ROOT/build-fuzz" -j"$JOBS" --target folio-fuzzers
	(cd "$ROOT/build-fuzz" && ctest --output-on-failure -j"$JOBS" -R '^fuzz\.')
	;;
bench)
	install_missing $BUILD_PKGS $TEST_PKGS $BENCH_PKGS
	configure_build build -DCMAKE_BUILD_TYPE=Release
	FOLIO_BIN="$ROOT/build/bin" tests/bench/bench-check.sh
	FOLIO_BIN="$ROOT/build/bin" tests/bench/bench-epub.sh
	FOLIO_BIN="$ROOT/build/bin" tests/bench/bench-html.sh
	;;
*)
	echo "usage: ./build.sh demo | test | bench" >&2
	exit 2
	;;
esac
