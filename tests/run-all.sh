#!/bin/sh
# The whole test suite: set up (install, build), then every test twice, in a
# plain build and under AddressSanitizer + UndefinedBehaviorSanitizer, some
# command-line suites a third time with redline under valgrind's memcheck
# (tests/valgrind.sh), then a short run of every fuzz target.
# Ends with one line "N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
sh tests/setup.sh || { echo "0 passed, 1 failed"; exit 2; }
sh tests/test-tools.sh
jobs=$(nproc 2>/dev/null || echo 2)
rc=0
(cd build && make -j"$jobs" check) || rc=1
# some command-line suites again, every run of redline under valgrind's
# memcheck (tests/valgrind.sh), in the plain build
(cd build && make check TESTS=tests/valgrind.sh TEST_SUITE_LOG=valgrind-suite.log) || rc=1
mkdir -p build-asan
(
	cd build-asan &&
	{ [ -f Makefile ] || ../configure -q --enable-sanitizers; } &&
	make -j"$jobs" >/dev/null &&
	ASAN_OPTIONS=detect_leaks=1 make -j"$jobs" check
) || rc=1
# every fuzz target built with clang and libFuzzer, run a few seconds each
sh tests/fuzz-smoke.sh build || rc=1
# a skipped suite or case says why
grep -h '^SKIP: ' "$top/build/test-suite.log" "$top/build/valgrind-suite.log" "$top/build-asan/test-suite.log" 2>/dev/null | sort -u
awk '/^# PASS:/{p+=$3} /^# FAIL:/{f+=$3} /^# ERROR:/{f+=$3} /^# XPASS:/{f+=$3} /^# SKIP:/{s+=$3}
     END{printf "%d passed, %d failed%s\n", p, f, s ? sprintf(" (%d skipped)", s) : ""}' \
	"$top/build/test-suite.log" "$top/build/valgrind-suite.log" "$top/build-asan/test-suite.log" 2>/dev/null ||
	echo "0 passed, 1 failed"
exit $rc
