#!/bin/sh
# fuzz-smoke.sh [BUILDDIR]: every libFuzzer target built with clang and run
# briefly (FUZZ_TIME seconds each, 5 by default: about a minute in all),
# one line per target; fails on any crash, leak, timeout or undefined
# behaviour. BUILDDIR (default: build) is a configured build, used for its
# config.h; the binaries go to BUILDDIR/fuzz-smoke. Skips, saying why,
# where clang or its libFuzzer runtime is missing (tests/test-tools.sh
# installs clang-14 and libclang-rt-14-dev when it can).
cd "$(dirname "$0")/.." || exit 2
build=${1:-build}
[ -f "$build/config.h" ] || { echo "fuzz smoke: $build is not a configured build"; exit 2; }
build=$(cd "$build" && pwd)
# the Word packages of the seeds from ../shared/corpus
[ -x "$build/src/redline" ] || make -C "$build" >/dev/null 2>&1
FUZZ_TIME=${FUZZ_TIME:-5} sh tests/fuzz/run.sh "$(pwd)" "$build" "$build/fuzz-smoke"
rc=$?
case $rc in
0) echo "fuzz smoke: every target ran clean" ;;
77) echo "fuzz smoke: skipped (no clang with libFuzzer)"; exit 0 ;;
*) echo "fuzz smoke: FAILED"; exit 1 ;;
esac
