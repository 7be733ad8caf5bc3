#!/bin/sh
# redline benchmark, lineage side: a generated series of 30 versions of a
# 100-clause resolution (each version a few clauses reworded, one
# inserted, one deleted, one moved, now and then an opener changed), and
# blame, history of one clause and map on it: cold (no lineage cache and
# no version index: every version read, parsed and compared) and warm
# (from the cache). Prints medians and the issue's targets; asserts
# nothing.
#   REDLINE=/path/to/redline tests/bench/lineage.sh
set -u
redline=${REDLINE:-./src/redline}
runs=${BENCH_RUNS:-7}
versions=${BENCH_VERSIONS:-30}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME="$tmp" LC_ALL=C.UTF-8 XDG_CACHE_HOME="$tmp/cache"

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
row() { printf '%-44s %10s %12s\n' "$1" "$2" "$3"; }

repo="$tmp/repo"
git init -q "$repo"
git -C "$repo" config user.name Bench
git -C "$repo" config user.email bench@example.org
# the versions, made by one awk program: clause texts of rare words, edits
# drawn from a fixed seed
awk -v n="$versions" -v dir="$repo" 'BEGIN {
	srand(7)
	split("Encourages Urges Invites Requests Calls Decides Welcomes Stresses", ops, " ")
	split("Recalling Noting Recognizing Stressing Welcoming Reaffirming Mindful Concerned", pps, " ")
	split("ka lo mi ne ru sa te vo di pa ri zu", syl, " ")
	for (i = 1; i <= 100; i++) { txt[i] = clause(i <= 20); pp[i] = i <= 20 }
	m = 100
	for (v = 1; v <= n; v++) {
		if (v > 1) {
			for (e = 0; e < 5; e++) { k = 1 + int(rand() * m); txt[k] = reword(txt[k]) }
			if (rand() < 0.5) { k = 21 + int(rand() * (m - 20)); sub(/^[A-Za-z]+/, ops[1 + int(rand() * 8)], txt[k]) }
			k = 21 + int(rand() * (m - 21)); for (j = m; j > k; j--) { txt[j + 1] = txt[j]; pp[j + 1] = pp[j] }
			txt[k + 1] = clause(0); pp[k + 1] = 0; m++
			k = 21 + int(rand() * (m - 21)); for (j = k; j < m; j++) { txt[j] = txt[j + 1]; pp[j] = pp[j + 1] }; m--
			a = 21 + int(rand() * (m - 21)); b = 21 + int(rand() * (m - 21)); t = txt[a]; txt[a] = txt[b]; txt[b] = t
		}
		f = dir "/s.txt"
		printf "A/RES/%d/1\n\nDistr.: General\n\nResolution adopted by the General Assembly on 1 December %d\n\n%d/1. A generated resolution\n\nThe General Assembly,\n\n", 60 + v, 1990 + v, 60 + v > f
		o = 0
		for (i = 1; i <= m; i++) {
			if (pp[i]) printf "%s,\n\n", txt[i] > f
			else printf "%d. %s;\n\n", ++o, txt[i] > f
		}
		close(f)
		system("git -C " dir " add s.txt && git -C " dir " commit -q -m v" v)
	}
}
function word(   w, k, j) { w = ""; k = 2 + int(rand() * 3); for (j = 0; j < k; j++) w = w syl[1 + int(rand() * 12)]; return w }
function clause(isp,   s, j, k) {
	s = isp ? pps[1 + int(rand() * 8)] : ops[1 + int(rand() * 8)] " States to"
	k = 20 + int(rand() * 20)
	for (j = 0; j < k; j++) s = s " " word()
	return s
}
function reword(s,   p) { p = index(substr(s, 30), " "); if (!p) return s; return substr(s, 1, 29 + p) word() " " substr(s, 30 + p) }
'
nv=$(git -C "$repo" rev-list --count HEAD)
echo "lineage: a series of $nv versions of about 100 clauses"
row "" "median ms" "target ms"
cold() { rm -rf "$repo/.git/redline"; }
prep=cold
row "blame, cold (no cache, no index)" "$(median_prepped_ms "$redline" -C "$repo" blame -- s.txt)" "< 300"
prep=true
"$redline" -C "$repo" log -- s.txt >/dev/null 2>&1
"$redline" -C "$repo" blame -- s.txt >/dev/null 2>&1
row "blame, warm" "$(median_prepped_ms "$redline" -C "$repo" blame -- s.txt)" "< 30"
row "history of OP50, warm" "$(median_prepped_ms "$redline" -C "$repo" history OP50 -- s.txt)" "< 10"
row "map, warm" "$(median_prepped_ms "$redline" -C "$repo" map -- s.txt)" "< 50"
row "the program's start (redline --version)" "$(median_prepped_ms "$redline" --version)" ""
row "git log --oneline -- s.txt, for scale" "$(median_prepped_ms git -C "$repo" log --oneline -- s.txt)" ""
