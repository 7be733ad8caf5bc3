#!/bin/sh
# redline benchmark, history side: on generated histories of 3,000 and
# 20,000 versions (BENCH_HISTORIES), `redline log -- PATH` beside
# `git log --oneline -- PATH`, cold (no version index yet: the log walks
# its path's history and a builder of its own makes the index after it,
# untimed) and warm (from the index); the time until that builder is
# done; a symbol found in the versions'
# metadata (no tag) beside the same version named by its commit; and the
# time to the interface's first screen. Prints medians and the issue's
# targets; asserts nothing.
#   REDLINE=/path/to/redline VTDRIVE=/path/to/vtdrive REDLINE_HOOKS=/path/to/redline-hooks tests/bench/log.sh
# (the first-screen time needs the test build of the program, with its
# REDLINE_BENCH_FIRST_SCREEN hook: make check and make bench build
# tests/redline-hooks; src/redline has no hooks)
set -u
here=$(cd "$(dirname "$0")" && pwd)
redline=${REDLINE:-./src/redline}
vtdrive=${VTDRIVE:-./tests/vt/vtdrive}
redline_hooks=${REDLINE_HOOKS:-./tests/redline-hooks}
runs=${BENCH_RUNS:-7}
histories=${BENCH_HISTORIES:-3000 20000}
files=${BENCH_FILES:-2000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME="$tmp" LC_ALL=C.UTF-8 XDG_CACHE_HOME="$tmp/cache"

# milliseconds of the median of $runs runs of a command, each run first
# doing $prep untimed
prep=true
median_prepped_ms() {
	i=0
	while [ $i -lt "$runs" ]; do
		$prep
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s%N)
		echo $(((e - s) / 1000))
		i=$((i + 1))
	done | sort -n | awk '{v[NR]=$1} END{m=v[int((NR+1)/2)]; printf "%.1f", m/1000}'
}
median_ms() { prep=true median_prepped_ms "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", (b > 0 ? a / b : 0)}'; }
row() { printf '%-40s %10s %10s %7s\n' "$1" "$2" "$3" "$4"; }
# wait for an index builder a first log left (while its lock is there)
settle() {
	i=0
	while [ -e "$1/redline/versions.lock" ] && [ $i -lt 6000 ]; do
		sleep 0.01
		i=$((i + 1))
	done
}
# no index: the log answers from its path's history, a builder of its own
# makes the index after it (waited for, untimed, before the next run)
no_index() { settle "$repo"; rm -rf "$repo/redline"; }
# a first log and the index built behind it, to the builder's end
log_and_build() { "$redline" -C "$repo" log -- "$1"; settle "$repo"; }

# A history of $1 commits: each changes 1 to 4 of $files texts, and every
# tenth the same one (a busy series); each text carries a symbol of its own
# (untagged, so a lookup reads metadata).
make_history() {
	git init -q --bare "$2"
	awk -v n="$1" -v files="$files" 'BEGIN {
		srand(1); t = 1234567890
		for (i = 1; i <= n; i++) {
			print "commit refs/heads/main"; print "mark :" i
			print "committer Bench <bench@example.org> " (t + i * 60) " +0000"
			msg = "commit " i; print "data " length(msg); print msg
			if (i > 1) print "from :" (i - 1)
			k = 1 + int(rand() * 4)
			for (j = 0; j < k; j++) {
				f = int(rand() * files)
				if (i % 10 == 0 && j == 0) f = 41
				path = sprintf("docs/d%02d/f%04d.txt", f % 40, f)
				c = sprintf("A/RES/%d/%d\n\nThe General Assembly,\n\nNoting file %d,\n\n1. Decides version %d.\n",
					    100 + int(i / 1000), i % 1000 + 1, f, i)
				print "M 100644 inline " path; print "data " length(c); printf "%s", c
			}
			print ""
		}
		print "done"
	}' | git -C "$2" fast-import --done --quiet
	git -C "$2" symbolic-ref HEAD refs/heads/main
}

have_vt=0
if [ -x "$vtdrive" ] && [ -x "$redline_hooks" ]; then
	have_vt=1
	printf 'expect-exit 0\n' >"$tmp/first.script"
fi
first() {
	"$vtdrive" --env REDLINE_BENCH_FIRST_SCREEN=1 --out "$tmp/o" --script "$tmp/first.script" -- "$redline_hooks" "$@"
}

for n in $histories; do
	repo="$tmp/h$n.git"
	echo "generating $n commits over $files files..."
	make_history "$n" "$repo"
	hot=docs/d01/f0041.txt
	rare=$(git -C "$repo" log --format= --name-only -1 "main~$((n / 2 + 1))" | head -1)
	# a version of the busy series, found by its symbol alone
	sym=$(git -C "$repo" show "main~$((n / 2 + 10)):$hot" | head -1)
	commit=$(git -C "$repo" log --format=%H -1 "main~$((n / 2 + 10))" -- "$hot")

	printf '\n%-40s %10s %10s %7s\n' "history of $n (median of $runs)" "redline ms" "git ms" ratio
	for p in "$rare" "$hot"; do
		v=$(git -C "$repo" rev-list --count main -- "$p")
		g=$(median_ms git -C "$repo" log --oneline -- "$p")
		prep=no_index
		c=$(median_prepped_ms "$redline" -C "$repo" log -- "$p")
		prep=true
		settle "$repo"
		row "log, $v versions, cold (no index)" "$c" "$g" "$(ratio "$c" "$g")"
		"$redline" -C "$repo" log -- "$p" >/dev/null 2>&1
		w=$(median_ms "$redline" -C "$repo" log -- "$p")
		row "log, $v versions, warm" "$w" "$g" "$(ratio "$w" "$g")"
		warm_hot=$w
	done
	prep=no_index
	b=$(median_prepped_ms log_and_build "$hot")
	prep=true
	printf '%-40s %10s\n' "first log and the index built behind it" "$b"
	# what every command pays before its work: starting, loading its
	# libraries, libgit2's start (it reads the system's certificates) and
	# opening the repository (log -n 0 stops there)
	start=$(median_ms "$redline" -C "$repo" log -n 0 -- "$hot")
	printf '%-40s %10s\n' "start and open the repository (log -n 0)" "$start"
	bycommit=$(median_ms "$redline" -C "$repo" show "$commit" -- "$hot")
	bysym=$(median_ms "$redline" -C "$repo" show "$sym" -- "$hot")
	anywhere=$(median_ms "$redline" -C "$repo" show "$sym")
	printf '%-40s %10s\n' "show by commit id" "$bycommit" "show $sym -- PATH" "$bysym" \
		"show $sym (any series)" "$anywhere"
	lookup=$(awk -v a="$bysym" -v b="$bycommit" 'BEGIN{printf "%.1f", a - b}')
	lookup_any=$(awk -v a="$anywhere" -v b="$bycommit" 'BEGIN{printf "%.1f", a - b}')
	if [ $have_vt = 1 ]; then
		fs=$(median_ms first -C "$repo" -- "$hot")
		printf '%-40s %10s\n' "first screen, busy series (warm)" "$fs"
	fi
	echo "targets on $n versions:"
	echo "  log cold no slower than git ...... $c ms beside git's $g ms ($(ratio "$c" "$g")x)"
	echo "  log warm under 10 ms ............ $warm_hot ms, $(awk -v a="$warm_hot" -v b="$start" 'BEGIN{printf "%.1f", a - b}') ms beyond the start ($start ms)"
	echo "  symbol lookup under 5 ms ........ $lookup ms in a series, $lookup_any ms in any (show by symbol - show by id)"
	[ $have_vt = 1 ] && echo "  first screen under 50 ms ........ $fs ms (vtdrive's own start included)"
done

if [ $have_vt = 1 ]; then
	sh "$here/../../samples/make-repo.sh" "$here/../../samples/src" "$tmp/sample" "$redline" >/dev/null
	printf '\n%-40s %10s\n' "first screen (median of $runs)" "ms"
	printf '%-40s %10s\n' "sample repository" "$(median_ms first -C "$tmp/sample")"
	printf '%-40s %10s\n' "vtdrive alone (overhead)" "$(median_ms "$vtdrive" --out "$tmp/o" --script "$tmp/first.script" -- /bin/true)"
else
	echo "no vtdrive or tests/redline-hooks: first-screen timing skipped"
fi
