#!/bin/sh
# blame, history and map on the sample series: where OP17 of 79/53 came
# from (71/72, as OP13), each clause's origin, the map's grid (golden), the
# JSON forms (parsed back), the SVG map (XML that parses; shown by Chromium
# as a picture of its size, not blank); and what they refuse.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
export LC_ALL=C.UTF-8 TERM=dumb GIT_CONFIG_NOSYSTEM=1 HOME="$tmp" GIT_CEILING_DIRECTORIES="$tmp" REDLINE_PAGER=cat
repo="$tmp/repo"
sh "$abs_top_srcdir/samples/make-repo.sh" "$abs_top_srcdir/samples/src" "$repo" "$redline" >/dev/null ||
	{ echo "not ok - make-repo"; exit 1; }
py=$(command -v python3)

# fails NAME WANT_RC MESSAGE ARGS...: exit status and the one line on stderr
fails() {
	name=$1 want=$2 msg=$3
	shift 3
	(cd "$repo" && "$redline" "$@") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq "$want" ] && [ "$(head -1 "$tmp/err")" = "$msg" ]; then ok "$name"; else
		not_ok "$name: exit $rc, stderr '$(head -1 "$tmp/err")'"; fi
}

run_golden "blame of 79/53" 0 lineage-blame.txt "$repo" blame -- ied.txt
if grep -q '^OP17  since 71/72 (as OP13)  words 73/67$' "$tmp/out"; then ok "OP17 of 79/53 goes back to 71/72, as OP13"
else not_ok "OP17's origin: $(grep '^OP17' "$tmp/out")"; fi
if grep -q '^OP13  since 70/46 (as OP12)  words A/C.1/79/L.43  verb A/C.1/79/L.43 (Encourages -> Urges)$' "$tmp/out"; then
	ok "OP13's opener got stronger in A/C.1/79/L.43 (Encourages -> Urges)"
else
	not_ok "OP13's verb: $(grep '^OP13' "$tmp/out")"
fi
run_golden "blame of an older version" 0 lineage-blame-77-64.txt "$repo" blame 77/64
run_golden "history of OP17" 0 lineage-history-op17.txt "$repo" history OP17 -- ied.txt
run_golden "history of PP27 of 77/64: deleted after it" 0 lineage-history-pp27.txt "$repo" history PP27 77/64
if tail -1 "$tmp/out" | grep -q '^then deleted in A/C.1/79/L.43$'; then ok "and how it left"; else not_ok "how PP27 left"; fi
run_golden "history of OP5 of 75/59: merged after it" 0 - "$repo" history op5 75/59
if tail -1 "$tmp/out" | grep -q '^then merged into OP5 in 77/64$'; then ok "a merge is said"; else not_ok "merge: $(tail -1 "$tmp/out")"; fi
run_golden "map" 0 lineage-map.txt "$repo" map -- ied.txt
if grep -q '^OP28 .* 6$' "$tmp/out"; then ok "the map's churn: OP28 changed in 6 versions"; else not_ok "churn"; fi

for cmd in blame "history OP17" map; do
	# shellcheck disable=SC2086
	(cd "$repo" && "$redline" $cmd --format=json -- ied.txt) >"$tmp/j" 2>"$tmp/err"
	if [ -n "$py" ] && "$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"].startswith("redline-")' "$tmp/j"; then
		ok "$cmd --format=json parses"
	else
		not_ok "$cmd --format=json"; head -3 "$tmp/err"
	fi
done
if [ -n "$py" ] && "$py" - "$tmp/j" <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1]))
rows = {r["clause"]: r for r in d["rows"] if not r["deleted_in"]}
assert len(d["versions"]) == 9
assert rows["OP17"]["cells"][:3] == ["absent", "inserted", "unchanged"], rows["OP17"]
assert rows["OP13"]["cells"][6] == "stronger", rows["OP13"]
assert any(r["deleted_in"] == "A/C.1/79/L.43" for r in d["rows"])
EOF2
then ok "the JSON map: OP17 first in 71/72, OP13 stronger in A/C.1/79/L.43, PP27 deleted"
else not_ok "JSON map content"; fi

# the picture
(cd "$repo" && "$redline" map --format=svg -o "$tmp/map.svg" -- ied.txt) 2>"$tmp/err"
if [ -n "$py" ] && "$py" -c 'import sys, xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); assert r.tag.endswith("svg")' "$tmp/map.svg"; then
	ok "map --format=svg: an SVG document that parses"
else
	not_ok "SVG"; cat "$tmp/err"
fi
chromium=$(command -v chromium || command -v chromium-browser)
if [ -z "$chromium" ]; then
	ok "Chromium shows the map # SKIP chromium not installed"
else
	w=$(sed -n 's/.*<svg [^>]*width="\([0-9]*\)".*/\1/p' "$tmp/map.svg")
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run "--user-data-dir=$tmp/chromium" \
		--screenshot="$tmp/map.png" --window-size="$w,800" "file://$tmp/map.svg" >/dev/null 2>&1
	if "$py" "$abs_top_srcdir/tests/export/png-drawn.py" "$tmp/map.png" "$w" 800
	then ok "Chromium shows the map: a picture of its width, in colour"
	else not_ok "Chromium map"; fi
fi

# the cache beside the version index: used, made again when gone or
# damaged, extended by a new version, the answers always the same
cache=$(ls "$repo"/.git/redline/lineage-* 2>/dev/null | head -1)
if [ -n "$cache" ] && head -1 "$cache" | grep -q '^redline-lineage '; then ok "the lineage is kept beside the version index"
else not_ok "no lineage cache"; fi
rm -f "$repo"/.git/redline/lineage-*
run_golden "blame again, the cache gone" 0 lineage-blame.txt "$repo" blame -- ied.txt
for f in "$repo"/.git/redline/lineage-*; do printf 'redline-lineage 2 0\nV\tzz\n' >"$f"; done
run_golden "blame again, the cache damaged" 0 lineage-blame.txt "$repo" blame -- ied.txt
run_golden "history again, from the cache made again" 0 lineage-history-op17.txt "$repo" history OP17 -- ied.txt
sed 's/^28\. \*Decides\* to include/28. *Decides* to include again/' "$abs_top_srcdir/samples/A-RES-79-53.txt" >"$tmp/next.txt"
(cd "$repo" && "$redline" import --author="T <t@example.org>" --path=ied.txt --symbol=A/RES/81/1 --date=2026-12-01 "$tmp/next.txt") >/dev/null 2>&1
run_golden "a new version: blame of 79/53 as before" 0 lineage-blame.txt "$repo" blame 79/53
run_golden "a new version: blame of it" 0 - "$repo" blame -- ied.txt
# the new text keeps 79/53's symbol: the two are told apart by their commits
if grep -Eq '^OP28  since 70/46 \(as OP17\)  words 79/53 \([0-9a-f]{7}\)$' "$tmp/out" &&
	grep -Eq '^blame of 79/53 \([0-9a-f]{7}\) \(ied.txt\): 57 clauses, 10 versions since 70/46$' "$tmp/out"; then
	ok "the new version's change is blamed on it"
else not_ok "new version blame: $(grep '^OP28' "$tmp/out")"; fi
git -C "$repo" reset -q --hard HEAD~1
run_golden "history rewritten (reset): blame as before" 0 lineage-blame.txt "$repo" blame -- ied.txt

fails "history of a clause that is not there" 2 "redline: no clause OP99 in 79/53 (ied.txt)" history OP99 -- ied.txt
fails "blame of a file" 2 "redline: '$abs_top_srcdir/samples/A-RES-79-53.txt' is a file; blame reads the versions of a series in the repository" \
	blame "$abs_top_srcdir/samples/A-RES-79-53.txt"
fails "map takes no version" 2 "redline: map takes no VERSION: it maps the whole series (-- PATH)" map 79/53
fails "svg is the map's" 2 "redline: unknown format: 'svg' (text or json)" blame --format=svg -- ied.txt
fails "history needs a clause" 2 "redline: history takes a CLAUSE (OP5, PP12) and at most one VERSION" history
# one symbol twice in a series (a text imported again, corrected): each of
# the two is named with its commit too, the others by symbol alone
dis="$tmp/dis"
git init -q -b main "$dis"
sed 's/^28\. \*Decides\*/28. *Decides also*/' "$abs_top_srcdir/samples/A-RES-79-53.txt" >"$tmp/again.txt"
(cd "$dis" && "$redline" import --author="T <t@e>" --path=ied.txt "$abs_top_srcdir/samples/ied-77-64-illustrative.txt" &&
	"$redline" import --author="T <t@e>" --path=ied.txt "$abs_top_srcdir/samples/A-RES-79-53.txt" &&
	"$redline" import --author="T <t@e>" --path=ied.txt --date=2025-01-01 --force "$tmp/again.txt") >/dev/null 2>&1
(cd "$dis" && "$redline" map -- ied.txt) >"$tmp/out" 2>&1
c2=$(git -C "$dis" rev-parse --short=7 HEAD~1) c3=$(git -C "$dis" rev-parse --short=7 HEAD)
if sed -n 2p "$tmp/out" | grep -qx "   1 77/64             2 79/53 ($c2)   3 79/53 ($c3)"; then
	ok "a symbol twice in a series: both named with their commits, the other by symbol"
else
	not_ok "labels of a symbol imported twice: $(sed -n 2p "$tmp/out")"
fi

tap_summary lineage
