#!/usr/bin/env bash
# redline benchmark: times `redline diff` beside `git diff --no-index
# --word-diff` on a ~30 KB pair and a ~3 MB pair of perturbed resolutions,
# and on a pair of ~10 MB texts written as one line each, and measures
# redline's peak memory. See tests/bench/README.
#
#   make bench                                   (from the build directory)
#   REDLINE=/path/to/redline tests/bench/run.sh
#
# Exit status: 0 measured (targets are reported, not enforced unless
# BENCH_STRICT=1), 1 redline misbehaved (did not exit 1 on a pair that
# differs: exit 0, exit 2, crash) or a target missed under BENCH_STRICT=1,
# 2 the benchmark could not run (no redline binary, no C compiler).

# `make bench` runs this with $(SHELL), usually a POSIX sh: go over to bash.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi

set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
ref=${BENCH_REF:-$here/../../samples/A-RES-79-53.txt}
redline=${REDLINE:-./src/redline}
runs=${BENCH_RUNS:-15}          # timed runs per command (after 2 warm-ups)
copies=${BENCH_COPIES:-110}     # copies of the reference in the large pair
line_copies=${BENCH_LINE_COPIES:-367}   # copies in each one-line text (~10 MB); 0: no line pair
line_runs=${BENCH_LINE_RUNS:-3} # timed runs per command on the line pair (a few seconds each)
seed=${BENCH_SEED:-1}
timer=${BENCH_TIMER:-auto}      # auto | hyperfine | shell
cc=${CC:-cc}

die() { echo "bench: $*" >&2; exit 2; }
fail=0
failure() { echo "bench: FAIL: $*" >&2; fail=1; }

# ---- what we need ----------------------------------------------------------
case $redline in
*/*) ;;
*) redline=$(command -v "$redline") || die "redline not found: ${REDLINE:-}" ;;
esac
case $redline in /*) ;; *) redline=$PWD/$redline ;; esac
if [ ! -f "$redline" ] || [ ! -x "$redline" ]; then
	die "no redline binary at $redline (build it with make, or set REDLINE=/path/to/redline)"
fi
[ -r "$ref" ] || die "cannot read the reference text $ref"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive number"
[[ $copies =~ ^[1-9][0-9]*$ ]] || die "BENCH_COPIES must be a positive number"
[[ $line_copies =~ ^[0-9]+$ ]] || die "BENCH_LINE_COPIES must be a number (0: no line pair)"
[[ $line_runs =~ ^[1-9][0-9]*$ ]] || die "BENCH_LINE_RUNS must be a positive number"
[[ $seed =~ ^[0-9]+$ ]] || die "BENCH_SEED must be a number"
command -v "$cc" >/dev/null 2>&1 || die "no C compiler ($cc) to build the input generator; set CC"

have_git=0
command -v git >/dev/null 2>&1 && have_git=1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/redline-bench.XXXXXX") || die "cannot make a temporary directory"
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	trap 'echo "bench: inputs and results kept in $tmp" >&2' EXIT
else
	trap 'rm -rf "$tmp"' EXIT
fi
trap 'exit 130' INT TERM

# ---- helpers: the input generator, and a tiny rusage runner ----------------
"$cc" -std=c99 -O2 -o "$tmp/perturb" "$here/perturb.c" ||
	die "cannot compile $here/perturb.c with $cc"

# rusage -o FILE CMD...: runs CMD, writes "elapsed_ns maxrss_kb" to FILE,
# exits with CMD's status (128+N when killed by signal N). Used for peak
# memory when /usr/bin/time is not GNU time, and for timing when date(1)
# has no %N.
cat >"$tmp/rusage.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
int main(int argc, char **argv)
{
	if (argc < 4 || strcmp(argv[1], "-o") != 0)
		return 125;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0)
		return 125;
	if (pid == 0) {
		execvp(argv[3], argv + 3);
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	struct rusage ru;
	getrusage(RUSAGE_CHILDREN, &ru);
	long kb = (long)ru.ru_maxrss;
#ifdef __APPLE__
	kb /= 1024; /* bytes there */
#endif
	FILE *f = fopen(argv[2], "w");
	if (!f)
		return 125;
	fprintf(f, "%lld %ld\n",
		(long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec), kb);
	fclose(f);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
EOF
rusage=""
"$cc" -std=c99 -D_POSIX_C_SOURCE=200809L -O2 -o "$tmp/rusage" "$tmp/rusage.c" 2>/dev/null &&
	rusage=$tmp/rusage

# ---- inputs ------------------------------------------------------------------
cp "$ref" "$tmp/small-old.txt"
"$tmp/perturb" -s "$seed" "$ref" >"$tmp/small-new.txt" || die "perturb failed (small pair)"
"$tmp/perturb" -s "$seed" -n "$copies" "$ref" "$tmp/large-old.txt" "$tmp/large-new.txt" ||
	die "perturb failed (large pair)"
# the line pair: as many copies again, each text's line ends made spaces,
# so that it is one paragraph of ~10 MB (one clause, one word diff)
if [ "$line_copies" -gt 0 ]; then
	"$tmp/perturb" -s "$seed" -n "$line_copies" "$ref" "$tmp/line-old.ml" "$tmp/line-new.ml" ||
		die "perturb failed (line pair)"
	for side in old new; do
		{ tr '\n' ' ' <"$tmp/line-$side.ml" && echo; } >"$tmp/line-$side.txt" || die "cannot write the line pair"
		rm -f "$tmp/line-$side.ml"
	done
fi

fsize() { wc -c <"$1" | tr -d ' '; }

# ---- exit status: redline must say "different" (1) on both pairs -------------
check_exit() { # name old new
	local rc t0 t1
	t0=$SECONDS
	"$redline" diff "$2" "$3" >"$tmp/$1.out" 2>"$tmp/$1.err"
	rc=$?
	t1=$SECONDS
	case $rc in
	1) echo "bench: $1 pair: redline exit 1 (differences), as expected" ;;
	0) failure "$1 pair: redline exited 0 (same) on versions that differ" ;;
	2)
		failure "$1 pair: redline exited 2 (trouble):"
		grep -v 'warning:' "$tmp/$1.err" | head -5 >&2
		;;
	*)
		if [ "$rc" -gt 128 ]; then
			failure "$1 pair: redline crashed (signal $((rc - 128)))"
		else
			failure "$1 pair: redline exited $rc"
		fi
		tail -5 "$tmp/$1.err" >&2
		;;
	esac
	one_run_s=$((t1 - t0))
}
check_exit small "$tmp/small-old.txt" "$tmp/small-new.txt"
check_exit large "$tmp/large-old.txt" "$tmp/large-new.txt"
large_run_s=$one_run_s
[ "$line_copies" -gt 0 ] && check_exit line "$tmp/line-old.txt" "$tmp/line-new.txt"
one_run_s=$large_run_s
if [ "$fail" -ne 0 ]; then
	echo "bench: redline failed on the benchmark inputs; no timing done" >&2
	[ "${BENCH_KEEP:-0}" = 1 ] || echo "bench: rerun with BENCH_KEEP=1 to keep the inputs" >&2
	exit 1
fi
# Keep the whole benchmark within about two minutes on a slow machine.
if [ "$one_run_s" -gt 0 ] && [ $((runs * one_run_s)) -gt 60 ]; then
	runs=$((60 / one_run_s))
	[ "$runs" -ge 3 ] || runs=3
	echo "bench: redline is slow here (${one_run_s}s a run); $runs runs per command"
fi

# ---- timing --------------------------------------------------------------------
if [ "$timer" = auto ]; then
	timer=shell
	if command -v hyperfine >/dev/null 2>&1 &&
		hyperfine -N --runs 1 --style none true >/dev/null 2>&1; then
		timer=hyperfine
	fi
fi
case $timer in
hyperfine) command -v hyperfine >/dev/null 2>&1 || die "BENCH_TIMER=hyperfine but no hyperfine" ;;
shell) ;;
*) die "BENCH_TIMER must be auto, hyperfine or shell" ;;
esac
date_ns=0
case $(date +%s%N 2>/dev/null) in *[!0-9]* | "") ;; *) date_ns=1 ;; esac
if [ "$timer" = shell ] && [ "$date_ns" = 0 ] && [ -z "$rusage" ]; then
	die "no way to time: no hyperfine, date has no %N, and the rusage helper did not build"
fi

# median of the numbers on stdin (one a line)
median() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "n/a"; exit }
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# time_cmd LABEL EXPECTED_EXIT CMD...: prints the median in ms, or n/a.
# A redline run that does not exit EXPECTED_EXIT is a failure.
time_cmd() {
	local label=$1 want=$2 rc i t0 t1 codes
	shift 2
	if [ "$timer" = hyperfine ]; then
		local cmd="" a
		for a in "$@"; do cmd+="'$a' "; done
		if ! hyperfine -N -i --warmup 2 --runs "$runs" --style none \
			--export-json "$tmp/$label.json" "$cmd" >/dev/null 2>"$tmp/$label.hf.err"; then
			echo "bench: hyperfine failed for $label:" >&2
			head -5 "$tmp/$label.hf.err" >&2
			echo n/a
			return 1
		fi
		codes=$(tr -d ' \n' <"$tmp/$label.json" | sed -n 's/.*"exit_codes":\[\([^]]*\)\].*/\1/p' |
			tr ',' '\n' | sort -u | tr '\n' ' ')
		if [ -n "$codes" ] && [ "$codes" != "$want " ]; then
			echo "bench: $label: exit codes seen: $codes(expected $want)" >&2
			echo n/a
			return 1
		fi
		tr -d ' \n' <"$tmp/$label.json" | sed -n 's/.*"median":\([0-9.eE+-]*\).*/\1/p' |
			awk '{ printf "%.1f\n", $1 * 1000 }'
		return 0
	fi
	: >"$tmp/$label.times"
	for ((i = -2; i < runs; i++)); do # two warm-ups
		if [ "$date_ns" = 1 ]; then
			t0=$(date +%s%N)
			"$@" >/dev/null 2>&1
			rc=$?
			t1=$(date +%s%N)
			[ "$i" -ge 0 ] && echo $((t1 - t0)) >>"$tmp/$label.times"
		else
			"$rusage" -o "$tmp/$label.ru" "$@" >/dev/null 2>&1
			rc=$?
			[ "$i" -ge 0 ] && cut -d' ' -f1 "$tmp/$label.ru" >>"$tmp/$label.times"
		fi
		if [ "$rc" -ne "$want" ]; then
			echo "bench: $label: exit $rc (expected $want)" >&2
			echo n/a
			return 1
		fi
	done
	median <"$tmp/$label.times" | awk '$1 != "n/a" { printf "%.1f\n", $1 / 1e6; next } { print }'
}

# Peak memory (KB) of one run: GNU time, else the rusage helper, else n/a.
# (Not python3's resource module: a child forked from python inherits
# python's own resident size into its peak, ~10 MB, which swamps the reading.)
rss_method=""
case ${BENCH_RSS:-auto} in # auto | time | helper | none (for testing the fallbacks)
auto) ;;
time) rss_method="/usr/bin/time -f %M" ;;
helper) [ -n "$rusage" ] && rss_method="getrusage (C helper)" ;;
none) rss_method=none ;;
*) die "BENCH_RSS must be auto, time, helper or none" ;;
esac
if [ -n "$rss_method" ]; then
	:
elif /usr/bin/time -f %M -o "$tmp/probe.rss" true >/dev/null 2>&1 &&
	grep -Eq '^[0-9]+$' "$tmp/probe.rss"; then
	rss_method="/usr/bin/time -f %M"
elif [ -n "$rusage" ]; then
	rss_method="getrusage (C helper)"
fi
max_rss() { # ARGS... for redline; prints KB or n/a
	local f=$tmp/rss.out kb=""
	rm -f "$f"
	case $rss_method in
	/usr/bin/time*)
		/usr/bin/time -f %M -o "$f" "$redline" "$@" >/dev/null 2>&1
		kb=$(tail -n 1 "$f" 2>/dev/null)
		;;
	"getrusage (C helper)")
		"$rusage" -o "$f" "$redline" "$@" >/dev/null 2>&1
		kb=$(cut -d' ' -f2 "$f" 2>/dev/null)
		;;
	esac
	if [[ $kb =~ ^[0-9]+$ ]]; then echo "$kb"; else echo n/a; fi
}

human() { # bytes -> "27 KB" / "3.0 MB"
	awk -v b="$1" 'BEGIN { if (b >= 1000000) printf "%.1f MB\n", b / 1e6; else printf "%.0f KB\n", b / 1e3 }'
}
div() { # a / b with the given format, n/a when either is not a number
	awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN {
		if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) { print "n/a"; exit }
		printf f "\n", a / b }'
}

echo "bench: redline $redline"
[ "$rss_method" = none ] && rss_method=""
echo "bench: timer $timer ($runs runs + 2 warm-ups per command); peak memory: ${rss_method:-n/a}"
echo "bench: inputs seed $seed; large pair = $copies perturbed copies of $(basename "$ref")"
[ "$line_copies" -gt 0 ] &&
	echo "bench: line pair = $line_copies copies, each text one line ($line_runs runs + 2 warm-ups per command)"
[ "$have_git" = 1 ] || echo "bench: git not found; git columns are n/a"
echo

rows=()
pairs="small large"
[ "$line_copies" -gt 0 ] && pairs="$pairs line"
all_runs=$runs
for pair in $pairs; do
	old=$tmp/$pair-old.txt new=$tmp/$pair-new.txt
	case $pair in
	small) name=30KB ;;
	large) name=3MB ;;
	line) name=line runs=$line_runs ;;
	esac
	r_ms=$(time_cmd "$pair-redline" 1 "$redline" diff "$old" "$new") || fail=1
	g_ms=n/a
	if [ "$have_git" = 1 ]; then
		g_ms=$(time_cmd "$pair-git" 1 git diff --no-index --no-color --no-ext-diff --word-diff "$old" "$new") ||
			echo "bench: git diff misbehaved on the $name pair; git columns n/a" >&2
	fi
	rss=$(max_rss diff "$old" "$new")
	in_b=$(($(fsize "$old") + $(fsize "$new")))
	in_kb=$(awk -v b="$in_b" 'BEGIN { printf "%.0f\n", b / 1024 }')
	rows+=("$name|$(human "$(fsize "$old")")|$r_ms|$g_ms|$(div "$r_ms" "$g_ms" %.2f)|$rss|$in_kb|$(div "$rss" "$in_kb" %.2f)")
done
runs=$all_runs

fmt='%-9s %9s %12s %9s %7s %19s %10s %10s\n'
# shellcheck disable=SC2059
printf "$fmt" pair size 'redline(ms)' 'git(ms)' ratio 'redline maxRSS(KB)' 'input(KB)' RSS/input
for row in "${rows[@]}"; do
	IFS='|' read -r -a c <<<"$row"
	# shellcheck disable=SC2059
	printf "$fmt" "${c[@]}"
done
echo
echo "medians of wall-clock time; ratio = redline/git; size = OLD; input = OLD + NEW"
echo "peak memory of a process that reads nothing (redline help): $(max_rss help) KB"

# ---- targets ---------------------------------------------------------------------
verdict() { # value op limit -> met / MISSED / n/a
	awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
		if (v !~ /^[0-9.]+$/) { print "n/a"; exit }
		ok = (op == "<=") ? (v + 0 <= l + 0) : (v + 0 < l + 0)
		print ok ? "met" : "MISSED" }'
}
IFS='|' read -r -a large <<<"${rows[1]}"
IFS='|' read -r -a small <<<"${rows[0]}"
# the issue's targets: the 3MB pair in at most 1.5x git's time and in at
# most 20 MB (MiB: maxRSS is counted in KiB) of peak memory
max_kb=20480
t1=$(verdict "${large[4]}" "<=" 1.5)
t2=$(verdict "${large[5]}" "<=" "$max_kb")
x() { if [ "$1" = n/a ]; then echo n/a; else echo "${1}x"; fi; }
mb() { awk -v k="$1" 'BEGIN { if (k !~ /^[0-9]+$/) print "n/a"; else printf "%.1f MB\n", k / 1024 }'; }
echo "target: 3MB pair at most 1.5x git's time ...... $(x "${large[4]}"): $t1"
echo "target: 3MB pair peak memory at most 20 MB .... $(mb "${large[5]}"): $t2"
echo "(30KB pair: $(x "${small[4]}") git's time, $(mb "${small[5]}"); at this size the fixed cost of"
echo " starting a process dominates both, so the targets are read on the 3MB pair)"
if [ "$line_copies" -gt 0 ]; then
	IFS='|' read -r -a line <<<"${rows[2]}"
	echo "line pair: $(x "${line[4]}") git's time; peak memory $(mb "${line[5]}"), $(x "${line[7]}") the input"
	echo " (each text is one clause, so one word diff over all of it: its memory should stay a small"
	echo " multiple of the input)"
fi

if [ "$fail" -ne 0 ]; then
	echo "bench: FAIL: redline misbehaved while being timed (see above)" >&2
	exit 1
fi
if [ "${BENCH_STRICT:-0}" = 1 ] && [[ "$t1 $t2" == *MISSED* ]]; then
	echo "bench: a target was missed (BENCH_STRICT=1)" >&2
	exit 1
fi
exit 0
