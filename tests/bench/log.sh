#!/bin/sh
# redline benchmark, history side: `redline log` on a generated repository of
# 10,000 commits over 2,000 files beside `git log --oneline -- PATH`, and the
# time to the interface's first screen on the sample repository and on the
# big one. Prints medians and ratios; asserts nothing.
#   REDLINE=/path/to/redline VTDRIVE=/path/to/vtdrive tests/bench/log.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
redline=${REDLINE:-./src/redline}
vtdrive=${VTDRIVE:-./tests/vt/vtdrive}
runs=${BENCH_RUNS:-7}
commits=${BENCH_COMMITS:-10000}
files=${BENCH_FILES:-2000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME="$tmp" LC_ALL=C.UTF-8

# milliseconds of the median of $runs runs of a command
median_ms() {
	i=0
	while [ $i -lt "$runs" ]; do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s%N)
		echo $(((e - s) / 1000))
		i=$((i + 1))
	done | sort -n | awk '{v[NR]=$1} END{m=v[int((NR+1)/2)]; printf "%.1f", m/1000}'
}

echo "generating $commits commits over $files files..."
git init -q --bare "$tmp/big.git"
awk -v n="$commits" -v files="$files" 'BEGIN {
	srand(1); t = 1234567890
	for (i = 1; i <= n; i++) {
		print "commit refs/heads/main"; print "mark :" i
		print "committer Bench <bench@example.org> " (t + i * 60) " +0000"
		msg = "commit " i; print "data " length(msg); print msg
		if (i > 1) print "from :" (i - 1)
		k = 1 + int(rand() * 4)
		for (j = 0; j < k; j++) {
			f = int(rand() * files)
			if (i % 50 == 0) f = 41	# one file changed often
			path = sprintf("docs/d%02d/f%04d.txt", f % 40, f)
			c = sprintf("The General Assembly,\n\nNoting file %d,\n\n1. Decides version %d.\n", f, i)
			print "M 100644 inline " path; print "data " length(c); printf "%s", c
		}
		print ""
	}
	print "done"
}' | git -C "$tmp/big.git" fast-import --done --quiet
git -C "$tmp/big.git" symbolic-ref HEAD refs/heads/main
hot=docs/d01/f0041.txt
rare=$(git -C "$tmp/big.git" log --format= --name-only -1 main~5001 | head -1)

printf '\n%-34s %10s %10s %7s\n' "history (median of $runs)" "redline ms" "git ms" ratio
for p in "$rare" "$hot"; do
	n=$(git -C "$tmp/big.git" rev-list --count main -- "$p")
	r=$(median_ms "$redline" -C "$tmp/big.git" log -- "$p")
	g=$(median_ms git -C "$tmp/big.git" log --oneline -- "$p")
	printf '%-34s %10s %10s %7s\n' "log, $n versions" "$r" "$g" "$(awk -v a="$r" -v b="$g" 'BEGIN{printf "%.2f", a/b}')"
done

if [ -x "$vtdrive" ]; then
	sh "$here/../../samples/make-repo.sh" "$here/../../samples/src" "$tmp/sample" "$redline" >/dev/null
	printf 'expect-exit 0\n' >"$tmp/first.script"
	first() {
		"$vtdrive" --env REDLINE_BENCH_FIRST_SCREEN=1 --out "$tmp/o" --script "$tmp/first.script" -- "$redline" "$@"
	}
	printf '\n%-34s %10s\n' "first screen (median of $runs)" "ms"
	printf '%-34s %10s\n' "sample repository" "$(median_ms first -C "$tmp/sample")"
	printf '%-34s %10s\n' "$commits commits, rare file" "$(median_ms first -C "$tmp/big.git" -- "$rare")"
	printf '%-34s %10s\n' "$commits commits, busy file" "$(median_ms first -C "$tmp/big.git" -- "$hot")"
	printf '%-34s %10s\n' "vtdrive alone (overhead)" "$(median_ms "$vtdrive" --out "$tmp/o" --script "$tmp/first.script" -- /bin/true)"
else
	echo "no vtdrive: first-screen timing skipped"
fi
