# Sourced by the shell suites, never run: the program under test, a scratch
# directory removed on exit, TAP counters and a golden-output check. The
# suite sets abs_top_srcdir first and ends with `tap_summary NAME`, whose
# status is the suite's.
: "${abs_top_builddir:=$abs_top_srcdir}"
redline="$abs_top_builddir/src/redline"
# the same program with its test hooks (REDLINE_TEST_SYNC_FD...), which
# the terminal tests drive through vtdrive; src/redline has none
redline_hooks="$abs_top_builddir/tests/redline-hooks"
golden="$abs_top_srcdir/tests/golden"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset NO_COLOR GIT_DIR GIT_WORK_TREE

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }

# run_golden NAME EXPECTED_RC GOLDEN|- DIR ARGS...: run redline in DIR; the
# exit code must match and stdout equal tests/golden/GOLDEN ("-": not compared).
# REDLINE_UPDATE_GOLDEN=1 rewrites the golden file instead.
run_golden() {
	name=$1 want=$2 gold=$3 dir=$4
	shift 4
	(cd "$dir" && "$redline" "$@") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ -n "$REDLINE_UPDATE_GOLDEN" ] && [ "$gold" != - ]; then cp "$tmp/out" "$golden/$gold"; fi
	if [ "$rc" -ne "$want" ]; then
		not_ok "$name: exit $rc, expected $want"; cat "$tmp/err"
	elif [ "$gold" != - ] && ! diff -u "$golden/$gold" "$tmp/out" >"$tmp/diff"; then
		not_ok "$name: output differs"; head -40 "$tmp/diff"
	else
		ok "$name"
	fi
}

# skip_suite WHY: the whole suite is skipped; TAP says why, and the run's
# closing lines repeat it
skip_suite() {
	echo "1..0 # SKIP $1"
	exit 0
}

tap_summary() {
	echo "1..$((pass + fail))"
	echo "$1: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
