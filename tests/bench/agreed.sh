#!/bin/sh
# redline benchmark, agreed language: the 1,202 documents of
# ../shared/corpus/text imported with bulk import (sessions 78 to 80,
# resolutions and drafts), then the index built (timed, and its size beside
# the text's), a phrase query and a clause query as fresh processes with a
# warm file cache, an import's update (the first query after one more
# version), beside what a user would do today: grep -rF (rg -F when
# installed) over the files, and git grep -F over every commit. Prints
# medians and the issue's targets; asserts nothing. Without the corpus it
# says so. (The generated 400 MB archive of the issue is not built yet.)
#   REDLINE=/path/to/redline tests/bench/agreed.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
redline=${REDLINE:-./src/redline}
runs=${BENCH_RUNS:-7}
corpus=${BENCH_CORPUS:-$here/../../../shared/corpus/text}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME="$tmp" LC_ALL=C.UTF-8 XDG_CACHE_HOME="$tmp/cache"

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
once_ms() {
	s=$(date +%s%N)
	"$@" >/dev/null 2>&1
	e=$(date +%s%N)
	echo $(((e - s) / 1000000))
}
row() { printf '%-52s %10s %14s\n' "$1" "$2" "$3"; }

if [ ! -d "$corpus" ]; then
	echo "agreed: $corpus not found; the real-archive benchmark needs ../shared/corpus (skipped)"
	exit 0
fi
repo="$tmp/repo"
git init -q "$repo"
git -C "$repo" config user.name Bench
git -C "$repo" config user.email bench@example.org
n=$(ls "$corpus"/*.txt | wc -l)
echo "agreed: the real archive, $n documents ($(du -sh "$corpus" | cut -f1) of text)"
row "" "ms" "target"
row "bulk import (redline import DIR)" "$(once_ms "$redline" -C "$repo" import "$corpus")" ""
row "index build (agreed --reindex)" "$(once_ms "$redline" -C "$repo" agreed --reindex)" "< 60000"
isize=$(wc -c <"$repo/.git/redline/agreed")
tsize=$(cat "$corpus"/*.txt | wc -c)
row "index size, bytes (text: $tsize)" "$isize" "<= text"
phrase="Global Framework for Through-life Conventional Ammunition Management"
row "phrase query, fresh process" "$(median_ms "$redline" -C "$repo" agreed "$phrase")" "< 50"
row "clause query (OP26 of 79/53), fresh process" "$(median_ms "$redline" -C "$repo" agreed --clause OP26 79/53)" "< 200"
row "the program's start (redline --version)" "$(median_ms "$redline" --version)" ""
if command -v rg >/dev/null 2>&1; then
	row "rg -F over the files (line breaks miss it)" "$(median_ms rg -F "$phrase" "$corpus")" ""
else
	row "grep -rF over the files (rg not installed)" "$(median_ms grep -rF "$phrase" "$corpus")" ""
fi
row "git grep -F over every commit" "$(median_ms sh -c "git -C '$repo' grep -F '$phrase' \$(git -C '$repo' rev-list --all)")" ""
# one more version, then the first query brings the index up to date
sed 's/^28\. \*Decides\* to include/28. *Decides* to include again/' "$here/../../samples/A-RES-79-53.txt" >"$tmp/next.txt"
"$redline" -C "$repo" import --path=A_RES_79_53.txt --symbol=A/RES/81/1 "$tmp/next.txt" >/dev/null 2>&1
row "after an import: first query (the index updated)" "$(once_ms "$redline" -C "$repo" agreed "$phrase")" "< 100 (update)"
row "and the next" "$(median_ms "$redline" -C "$repo" agreed "$phrase")" ""
