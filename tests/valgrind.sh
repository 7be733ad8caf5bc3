#!/bin/sh
# Command-line suites again, with every run of redline under valgrind's
# memcheck (REDLINE_VALGRIND=1, tests/lib.sh): the same cases and goldens,
# and a leak, an invalid read or write or a use of uninitialised memory
# fails them (exit 97, and the report, which each suite prints once per
# process). Reports that are not redline's are suppressed in
# tests/valgrind.supp, each with its reason. Every case is reported here as
# SUITE: NAME, with each suite's time.
#
# Not in SH_TESTS (it would double the suite's time): tests/run-all.sh runs
# it from the plain build after that build's check,
#   make check TESTS=tests/valgrind.sh TEST_SUITE_LOG=valgrind-suite.log
# and counts its cases in the closing line. A run of redline under memcheck
# takes a second or more (valgrind's start alone), so the suites chosen are
# the ones that cover most commands in the fewest runs and fit in about
# two minutes together, in two lanes: hostile (every command, 18 runs),
# lineage (blame, history, map, 55) and docx (the Word reader, 47). The others are as clean
# but take longer -- pdf 41 runs, each slow; cli 491 runs, about ten
# minutes; repo, amend, export, restricted more -- and run by name:
# VALGRIND_SUITES="cli repo", or any one as make check TESTS=tests/cli.sh
# REDLINE_VALGRIND=1. Without valgrind the suite is skipped, saying so.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
command -v valgrind >/dev/null 2>&1 ||
	skip_suite "valgrind is not installed (tests/setup.sh installs it); nothing ran under memcheck"

suites=${VALGRIND_SUITES:-lineage docx hostile}
# the suites in lanes, one per processor, each lane's suites one after
# the other (every suite has its own scratch folder and HOME, as make -j
# runs them); their results are read in the order named
lanes=$(nproc 2>/dev/null || echo 1)
for l in $(seq 0 $((lanes - 1))); do
	(
		k=0
		for s in $suites; do
			if [ $((k % lanes)) -eq "$l" ]; then
				start=$(date +%s)
				REDLINE_VALGRIND=1 sh "$abs_top_srcdir/tests/$s.sh" >"$tmp/$s.tap" 2>&1
				echo $? >"$tmp/$s.rc"
				echo $(($(date +%s) - start)) >"$tmp/$s.time"
			fi
			k=$((k + 1))
		done
	) &
done
wait
for s in $suites; do
	rc=$(cat "$tmp/$s.rc" 2>/dev/null || echo 99)
	echo "# $s: $(cat "$tmp/$s.time" 2>/dev/null) s under memcheck"
	failed=$fail
	while IFS= read -r line; do
		case $line in
		"ok - "*) ok "$s: ${line#ok - }" ;;
		"not ok - "*) not_ok "$s: ${line#not ok - }" ;;
		"1..0 # SKIP"*) echo "ok - $s # SKIP ${line#1..0 # SKIP }" ;;
		"1.."*) ;;
		"#"*) echo "$line" ;;
		*) echo "# $line" ;;
		esac
	done <"$tmp/$s.tap"
	[ "$rc" -eq 0 ] || [ "$fail" -gt "$failed" ] || not_ok "$s: exit $rc"
done

tap_summary valgrind
