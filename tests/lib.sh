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

# skip_suite WHY: the whole suite is skipped; TAP says why, and the run's
# closing lines repeat it
skip_suite() {
	echo "1..0 # SKIP $1"
	exit 0
}

# REDLINE_VALGRIND=1: every run of $redline is one under valgrind's
# memcheck (tests/valgrind.sh runs some suites so). A wrapper in $tmp keeps
# the arguments, standard input and output, the folder and the exit code,
# except that a report makes it 97; memcheck writes to a log of its own per
# process (a fork's too), the command line beside it, and tap_summary fails
# the suite once for every log with a line in it, printing the lines.
# Reports that are not redline's are in tests/valgrind.supp, each with its
# reason.
valgrind_logs=
if [ -n "$REDLINE_VALGRIND" ]; then
	command -v valgrind >/dev/null 2>&1 ||
		skip_suite "REDLINE_VALGRIND is set but valgrind is not installed"
	valgrind_logs="$tmp/valgrind"
	mkdir "$valgrind_logs" || exit 99
	{
		echo '#!/bin/sh'
		echo "printf '%s: redline %s\\n' \"\$(pwd)\" \"\$*\" >'$valgrind_logs/'\$\$.cmd"
		echo "exec valgrind -q --tool=memcheck --error-exitcode=97 --leak-check=full \\"
		echo "	--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \\"
		echo "	--track-origins=no --suppressions='$abs_top_srcdir/tests/valgrind.supp' \\"
		echo "	--log-file='$valgrind_logs/%p.log' '$redline' \"\$@\""
	} >"$tmp/redline-valgrind"
	chmod +x "$tmp/redline-valgrind"
	redline="$tmp/redline-valgrind"
fi

# valgrind_check: under REDLINE_VALGRIND, one failure for each process
# whose memcheck log holds a line, with the lines. A process redline forked
# (log's index builder, which outlives the command) has a log named by its
# id and no command line: it is waited for, five minutes at most.
valgrind_check() {
	[ -n "$valgrind_logs" ] || return 0
	waited=0
	for log in "$valgrind_logs"/*.log; do
		[ -f "$log" ] || continue
		pid=${log##*/}
		pid=${pid%.log}
		while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 300 ]; do
			sleep 1
			waited=$((waited + 1))
		done
		kill -0 "$pid" 2>/dev/null && not_ok "valgrind: process $pid still running after ${waited}s; its log is not read"
		[ -s "$log" ] || continue
		cmd="${log%.log}.cmd"
		if [ -f "$cmd" ]; then what=$(cat "$cmd"); else what="a process redline forked (${log##*/})"; fi
		not_ok "valgrind: $what"
		sed 's/^/# /' "$log"
	done
}

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

tap_summary() {
	valgrind_check
	echo "1..$((pass + fail))"
	echo "$1: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
