#!/bin/sh
# redline benchmark, agreed language, on two archives:
#  - the real one: the 1,202 documents of ../shared/corpus/text imported with
#    bulk import (sessions 78 to 80, resolutions and drafts); without that
#    folder the benchmark says so and goes on with the generated one;
#  - a generated one (tests/bench/agreedgen.c): 400 series of 50 versions,
#    20,000 versions, about 400 MB of text, made from the sample texts with
#    random edits, with 200 planted reuses (a phrase or a paragraph of one
#    series copied into another with 0-10 word edits), so that recall is
#    measured; written with git fast-import and repacked (as git gc leaves
#    a repository: fast-import's own pack is slow to read, by its manual).
# For each: the index built (timed, and its size beside the text's), a
# phrase query and a clause query as fresh processes with a warm file
# cache, an import's update of the index (an import timed with the index
# kept, and without), beside what a user would do today: rg -F (grep -rF
# when rg is not installed) over the files and git grep -F over every
# commit (cut off after BENCH_GIT_GREP_MAX seconds). Prints medians and the
# issue's targets; asserts nothing.
#   REDLINE=/path/to/redline tests/bench/agreed.sh
#   BENCH_AGREED_GENERATED=0 skips the generated archive (minutes to make).
set -u
here=$(cd "$(dirname "$0")" && pwd)
redline=${REDLINE:-./src/redline}
runs=${BENCH_RUNS:-7}
corpus=${BENCH_CORPUS:-$here/../../../shared/corpus/text}
grep_max=${BENCH_GIT_GREP_MAX:-120}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME="$tmp" LC_ALL=C.UTF-8 XDG_CACHE_HOME="$tmp/cache"
git config --global user.name Bench
git config --global user.email bench@example.org

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
row() { printf '%-56s %10s %16s\n' "$1" "$2" "$3"; }

# what a user would do today: the files searched, every commit searched
today() { # FILES_DIR REPO PHRASE
	if command -v rg >/dev/null 2>&1; then
		row "rg -F over the files ($(rg -lF "$3" "$1" | wc -l) files found)" "$(median_ms rg -F "$3" "$1")" ""
	else
		row "grep -rF over the files (rg not installed)" "$(median_ms grep -rF "$3" "$1")" ""
	fi
	git -C "$2" rev-list --all >"$tmp/revs"
	s=$(date +%s%N)
	timeout "$grep_max" xargs git -C "$2" grep -lF "$3" <"$tmp/revs" >/dev/null 2>&1
	rc=$?
	e=$(date +%s%N)
	if [ $rc -eq 124 ]; then
		row "git grep -F over every commit ($(wc -l <"$tmp/revs"))" "> $((grep_max * 1000))" "(cut off)"
	else
		row "git grep -F over every commit ($(wc -l <"$tmp/revs"))" "$(((e - s) / 1000000))" ""
	fi
}

# an import's update: versions imported with the index kept (each adds its
# version to it) and without (moved aside meanwhile), alternately, three
# of each; the update costs the difference of the medians
import_update() { # REPO PATH FILE PHRASE
	mkdir -p "$tmp/aside"
	k=0
	while [ $k -lt 3 ]; do
		sed "s/^\(1\. [^ ]*\) /\1 again $k /" "$3" >"$tmp/with.txt"
		sed "s/^\(1\. [^ ]*\) /\1 once more $k /" "$3" >"$tmp/without.txt"
		echo "w $(once_ms "$redline" -C "$1" import --path="$2" "$tmp/with.txt")"
		mv "$1/.git/redline/agreed"* "$tmp/aside/"
		echo "o $(once_ms "$redline" -C "$1" import --path="$2" "$tmp/without.txt")"
		mv "$tmp/aside/"* "$1/.git/redline/"
		"$redline" -C "$1" agreed "$4" >/dev/null 2>&1 # brought over the version it missed
		k=$((k + 1))
	done >"$tmp/imports"
	w=$(awk '$1 == "w" {print $2}' "$tmp/imports" | sort -n | sed -n 2p)
	o=$(awk '$1 == "o" {print $2}' "$tmp/imports" | sort -n | sed -n 2p)
	row "import of one version, the index kept (updated by it)" "$w" ""
	row "import of one version, no index kept" "$o" ""
	row "  the index's update: the difference" "$((w - o))" "< 100"
}

if [ -d "$corpus" ]; then
	repo="$tmp/repo"
	git init -q "$repo"
	n=$(ls "$corpus"/*.txt | wc -l)
	echo "agreed: the real archive, $n documents ($(du -sh "$corpus" | cut -f1) of text)"
	row "" "ms" "target"
	row "bulk import (redline import DIR)" "$(once_ms "$redline" -C "$repo" import "$corpus")" ""
	row "index build (agreed --reindex)" "$(once_ms "$redline" -C "$repo" agreed --reindex)" "< 60000"
	isize=$(cat "$repo/.git/redline/agreed"* | wc -c)
	tsize=$(cat "$corpus"/*.txt | wc -c)
	row "index size, bytes (text: $tsize)" "$isize" "<= text"
	phrase="Global Framework for Through-life Conventional Ammunition Management"
	row "phrase query, fresh process" "$(median_ms "$redline" -C "$repo" agreed "$phrase")" "< 50"
	row "clause query (OP26 of 79/53), fresh process" "$(median_ms "$redline" -C "$repo" agreed --clause OP26 79/53)" "< 200"
	row "the program's start (redline --version)" "$(median_ms "$redline" --version)" ""
	today "$corpus" "$repo" "$phrase"
	import_update "$repo" A_RES_79_53.txt "$here/../../samples/A-RES-79-53.txt" "$phrase"
	row "a query after them" "$(median_ms "$redline" -C "$repo" agreed "$phrase")" "< 50"
	rm -rf "$repo"
else
	echo "agreed: $corpus not found: the real archive is skipped (it needs ../shared/corpus); the generated one follows"
fi

[ "${BENCH_AGREED_GENERATED:-1}" = 0 ] && exit 0
cc=${CC:-cc}
if ! "$cc" -O2 -std=c99 -o "$tmp/agreedgen" "$here/agreedgen.c" 2>"$tmp/cc.err"; then
	echo "agreed: cannot build the generator: $(head -1 "$tmp/cc.err")"
	exit 0
fi
samples="$here/../../samples/src/ied"
repo="$tmp/gen"
git init -q -b main "$repo"
echo
s=$(date +%s)
if ! { "$tmp/agreedgen" -f "$tmp/files" "$tmp/plants.tsv" "$samples"/0[1-6]*.txt "$samples"/09*.txt ||
	echo "agreed: the generator failed" >&2; } | git -C "$repo" fast-import --quiet ||
	! git -C "$repo" repack -a -d -f -q || ! git -C "$repo" checkout -q -f main || [ ! -s "$tmp/plants.tsv" ]; then
	echo "agreed: the generated archive could not be made"
	exit 0
fi
e=$(date +%s)
tsize=$(cat "$tmp/files"/*/*.txt | wc -c)
echo "agreed: a generated archive, $(git -C "$repo" rev-list --count HEAD) versions in 400 series, $tsize bytes of text (made in $((e - s)) s)"
row "" "ms" "target"
row "index build (agreed --reindex)" "$(once_ms "$redline" -C "$repo" agreed --reindex)" "< 60000"
row "  again, the version index already made" "$(once_ms "$redline" -C "$repo" agreed --reindex)" "< 60000"
isize=$(cat "$repo/.git/redline/agreed"* | wc -c)
row "index size, bytes (text: $tsize)" "$isize" "<= text"
phrase=$(head -1 "$tmp/plants.tsv" | cut -f1)
row "phrase query (a planted phrase), fresh process" "$(median_ms "$redline" -C "$repo" agreed "$phrase")" "< 50"
# one phrase is one draw: the median and the slowest of twenty planted
# ones (phrases and paragraphs), each its own median
head -20 "$tmp/plants.tsv" | cut -f1 | while IFS= read -r q; do
	median_ms "$redline" -C "$repo" agreed "$q"
	echo
done | sort -n >"$tmp/twenty"
row "  20 planted texts: median of their medians" "$(awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}' "$tmp/twenty")" "< 50"
row "  20 planted texts: the slowest" "$(tail -1 "$tmp/twenty")" ""
row "clause query (OP5 of series-0007), fresh process" \
	"$(median_ms "$redline" -C "$repo" agreed --clause OP5 HEAD:series-0007.txt)" "< 200"
row "the program's start (redline --version)" "$(median_ms "$redline" --version)" ""
today "$tmp/files" "$repo" "$phrase"
import_update "$repo" series-0001.txt "$tmp/files/series-0001/$(ls "$tmp/files/series-0001" | tail -1)" "$phrase"
row "a query after them" "$(median_ms "$redline" -C "$repo" agreed "$phrase")" "< 50"

# recall: each planted text found in the series it was planted in, above
# the threshold (the generator plants only a wording of a series' own, a
# quarter of its words at least, so that no other series holds it as
# well); and no hit listed below the threshold
if ! command -v python3 >/dev/null 2>&1; then
	echo "agreed: recall not measured (python3 is needed to read the JSON)"
	exit 0
fi
while IFS="$(printf '\t')" read -r query path version kind edits words; do
	"$redline" -C "$repo" agreed --format=json "$query" >"$tmp/q.json" 2>/dev/null
	python3 - "$tmp/q.json" "$path" "$kind" "$edits" <<'EOF'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception:
    print("miss", sys.argv[3], sys.argv[4], "unreadable"); sys.exit(0)
path = sys.argv[2]
low = [t["coverage"] for t in d["texts"] if t["coverage"] < d["min_coverage"]]
# the series it was planted in, among the occurrences listed (a wording
# planted without an edit reads as its original there: one entry with it)
found = any(o["path"] == path for t in d["texts"]
            for k in ("first_adopted", "recurs_in", "drafts", "drafts_only") for o in t.get(k, []))
print("hit" if found else "miss", sys.argv[3], sys.argv[4], "low" if low else "")
EOF
done <"$tmp/plants.tsv" >"$tmp/recall"
total=$(wc -l <"$tmp/recall")
hits=$(grep -c '^hit' "$tmp/recall")
low=$(grep -c ' low$' "$tmp/recall")
row "recall of planted reuse ($hits of $total)" "$(awk -v h="$hits" -v t="$total" 'BEGIN{printf "%.1f%%", t ? 100*h/t : 0}')" ">= 99%"
row "queries listing a hit below the threshold" "$low" "0"
grep '^miss' "$tmp/recall" | sed 's/^/  /' | head -10
