#!/bin/sh
# redline agreed on the sample repository: a phrase found in every version
# that has it (line breaks, capitals and a lost hyphen no difference),
# grouped by distinct text with first adopted / recurs in / drafts; a
# clause of a version found, itself left out, with the words that differ
# marked; --file; JSON that parses; the index kept beside the version
# index, made again when HEAD moves or the file is damaged; what it
# refuses; exit 0 found, 1 not found.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
export LC_ALL=C.UTF-8 TERM=dumb GIT_CONFIG_NOSYSTEM=1 HOME="$tmp" GIT_CEILING_DIRECTORIES="$tmp" REDLINE_PAGER=cat
repo="$tmp/repo"
sh "$abs_top_srcdir/samples/make-repo.sh" "$abs_top_srcdir/samples/src" "$repo" "$redline" >/dev/null ||
	{ echo "not ok - make-repo"; exit 1; }
py=$(command -v python3)

run_golden "a phrase" 0 agreed-phrase.txt "$repo" agreed "improvised explosive devices, including those sourced from the military and civilian industry"
if [ -f "$repo/.git/redline/agreed" ] && head -c 18 "$repo/.git/redline/agreed" | grep -q '^redline-agreed-of '; then
	ok "the index is kept beside the version index"
else
	not_ok "no index file"
fi
run_golden "the same phrase over two lines" 0 agreed-phrase.txt "$repo" agreed \
	"improvised explosive
devices,   including those sourced from the military and civilian industry"
run_golden "in capitals, a dash and quotes of another kind" 0 - "$repo" agreed \
	"IMPROVISED EXPLOSIVE DEVICES, including those sourced from the MILITARY and civilian industry"
if grep -c '^100%' "$tmp/out" | grep -q '^1$' && grep -q '^1 text holds' "$tmp/out"; then
	ok "found whole, its wordings one group"
else
	not_ok "capitals: $(head -3 "$tmp/out")"
fi
run_golden "a clause of a version: itself left out, the words that differ marked" 0 agreed-clause.txt "$repo" agreed --clause OP13 79/53
if grep -q '^ 98%  \[-Urges-\]{+Encourages+} all States' "$tmp/out" && grep -q 'first adopted  A/RES/77/64 OP12 (2022-12-07)' "$tmp/out" &&
	grep -q 'drafts only    A/C.1/79/L.43 OP12 (2024-10-10), A/C.1/79/L.43/Rev.1 OP13 (2024-10-30)  (never adopted: not agreed language)' "$tmp/out"; then
	ok "77/64's OP12 is 98% of it, the drafts' text is not agreed language"
else
	not_ok "clause hits"
fi
printf 'Expressing concern at the serious harm that such attacks have caused to United Nations staff and peacekeepers\n' >"$tmp/para.txt"
run_golden "--file" 0 - "$repo" agreed --file "$tmp/para.txt"
if grep -q 'first adopted  A/RES/70/46 PP' "$tmp/out"; then ok "a paragraph from a file, first adopted in 70/46"; else not_ok "--file"; fi
(cd "$repo" && "$redline" agreed --format=json --clause OP13 79/53) >"$tmp/j" 2>"$tmp/err"
if [ -n "$py" ] && "$py" - "$tmp/j" <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "redline-agreed/1" and d["min_coverage"] == 0.6
t = d["texts"]
assert t[0]["coverage"] == 1.0 and t[0]["drafts_only"] and not t[0]["first_adopted"]
assert t[1]["first_adopted"][0]["symbol"] == "A/RES/77/64" and t[1]["first_adopted"][0]["clause"] == "OP12"
assert any(op["op"] == "-" and op["text"] == "Urges" for op in t[1]["diff"])
assert all(isinstance(x["variants"], int) and x["variants"] >= 1 for x in t)
EOF2
then ok "the JSON form"; else not_ok "JSON"; cat "$tmp/err"; fi
run_golden "not found: exit 1" 1 - "$repo" agreed "the quick brown fox jumps over the lazy dog"
if grep -q '^0 texts hold 60% or more' "$tmp/out"; then ok "and says so"; else not_ok "not found message"; fi

# HEAD moves: the index follows
sed 's/disarmament agenda/disarmament and non-proliferation agenda, as a matter of priority/' "$abs_top_srcdir/samples/A-RES-79-53.txt" >"$tmp/next.txt"
printf '\n29. Welcomes the zebra-crossing initiative of the quiet harbour of Montevideo;\n' >>"$tmp/next.txt"
before=$(git -C "$repo" rev-parse HEAD)
(cd "$repo" && "$redline" import --author="T <t@example.org>" --path=ied.txt --symbol=A/RES/81/1 --date=2026-12-01 "$tmp/next.txt") >/dev/null 2>&1
# the import itself added the new version, as a part of its own beside the
# base, which it leaves as it was
after=$(git -C "$repo" rev-parse HEAD)
if head -c 128 "$repo/.git/redline/agreed-new" | grep -q "^redline-agreed-of $after *\$" &&
	head -c 128 "$repo/.git/redline/agreed-new" | grep -q "^redline-agreed-over $before *\$" &&
	head -c 64 "$repo/.git/redline/agreed" | grep -q "^redline-agreed-of $before *\$"; then
	ok "an import adds its version to the kept index, the base left as it was"
else
	not_ok "after import: $(head -c 128 "$repo/.git/redline/agreed-new" 2>&1)"
fi
run_golden "after an import" 0 - "$repo" agreed "the zebra-crossing initiative of the quiet harbour of Montevideo"
if grep -q "first adopted  A/RES/79/53 OP29 (2024-12-02)" "$tmp/out"; then ok "the new version's clause is found"; else not_ok "after import: $(cat "$tmp/out")"; fi
# brought up to date from the kept index, it answers as one made afresh
(cd "$repo" && "$redline" agreed --format=json --clause OP13 79/53) >"$tmp/inc.json" 2>&1
(cd "$repo" && "$redline" agreed --reindex) >/dev/null 2>&1
(cd "$repo" && "$redline" agreed --format=json --clause OP13 79/53) >"$tmp/full.json" 2>&1
if cmp -s "$tmp/inc.json" "$tmp/full.json"; then ok "the index updated after an import answers as one made afresh"
else not_ok "incremental index differs"; diff "$tmp/inc.json" "$tmp/full.json" | head -10; fi
# a phrase is answered from the kept index alone when it covers HEAD
# (headpeek.c reads HEAD without opening the repository): the same answer
# as through the repository, and one even with the objects moved away
phrase="improvised explosive devices, including those sourced from the military and civilian industry"
(cd "$repo" && "$redline" agreed "$phrase") >"$tmp/fast.txt" 2>&1
(cd "$repo" && GIT_DIR="$repo/.git" "$redline" agreed "$phrase") >"$tmp/slow.txt" 2>&1
if cmp -s "$tmp/fast.txt" "$tmp/slow.txt" && [ -s "$tmp/fast.txt" ]; then
	ok "a phrase answered from the kept index alone reads as one answered through the repository"
else
	not_ok "fast and slow answers differ"; diff "$tmp/fast.txt" "$tmp/slow.txt" | head -10
fi
mv "$repo/.git/objects" "$repo/.git/objects.away"
(cd "$repo" && "$redline" agreed "$phrase") >"$tmp/away.txt" 2>&1; st=$?
(cd "$repo" && GIT_DIR="$repo/.git" "$redline" agreed "$phrase") >"$tmp/away-slow.txt" 2>&1; st_slow=$?
mv "$repo/.git/objects.away" "$repo/.git/objects"
if [ "$st" = 0 ] && cmp -s "$tmp/away.txt" "$tmp/fast.txt" && [ "$st_slow" = 2 ]; then
	ok "the kept index answers without the repository being opened (through it, no objects is an error)"
else
	not_ok "objects away: exit $st (slow $st_slow): $(head -2 "$tmp/away.txt") / $(head -2 "$tmp/away-slow.txt")"
fi
printf 'redline-agreed-of garbage\n' >"$repo/.git/redline/agreed"
run_golden "a damaged index is made again" 0 - "$repo" agreed "improvised explosive devices, including those sourced from the military and civilian industry"
if grep -q '^1 text holds 60% or more of the wording (143 distinct clauses of 12 versions searched)$' "$tmp/out"; then
	ok "and holds the new version"
else
	not_ok "damaged index: $(head -1 "$tmp/out")"
fi
# a rewrite (a version the index holds is gone): one base again, of HEAD
(cd "$repo" && "$redline" import --author="T <t@example.org>" --path=ied.txt --symbol=A/RES/81/2 --date=2026-12-02 "$abs_top_srcdir/samples/A-RES-79-53.txt") >/dev/null 2>&1
git -C "$repo" reset -q --hard HEAD~1
git -C "$repo" -c user.name=T -c user.email=t@example.org commit -q --allow-empty -m "plain git"
run_golden "after a rewrite" 0 - "$repo" agreed "the zebra-crossing initiative of the quiet harbour of Montevideo"
if [ ! -f "$repo/.git/redline/agreed-new" ] &&
	head -c 64 "$repo/.git/redline/agreed" | grep -q "^redline-agreed-of $(git -C "$repo" rev-parse HEAD) *\$" &&
	grep -q "first adopted  A/RES/79/53 OP29 (2024-12-02)" "$tmp/out"; then
	ok "a rewrite makes it one base again, of HEAD"
else
	not_ok "after a rewrite: $(ls "$repo/.git/redline"; head -3 "$tmp/out")"
fi
run_golden "--reindex" 0 - "$repo" agreed --reindex
if grep -q '^agreed-language index: [0-9]* distinct clauses of 12 versions$' "$tmp/out"; then ok "--reindex says what it holds"; else not_ok "--reindex: $(cat "$tmp/out")"; fi

# refused
(cd "$repo" && "$redline" agreed) >/dev/null 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q "agreed takes a PHRASE" "$tmp/err"; then ok "no query: refused"; else not_ok "no query"; fi
(cd "$repo" && "$redline" agreed --clause OP99 79/53) >/dev/null 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q "no clause OP99 in A/RES/79/53" "$tmp/err"; then ok "no such clause: one line"; else not_ok "no clause: $(cat "$tmp/err")"; fi
(cd "$repo" && "$redline" agreed --file "$tmp/none.txt") >/dev/null 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q "none.txt" "$tmp/err"; then ok "a missing file: named"; else not_ok "missing file: $(cat "$tmp/err")"; fi
# a document given as the wording: refused at once, not measured (the
# measuring grows with the query's words squared)
awk 'BEGIN { for (i = 0; i < 4001; i++) printf "word%d ", i; print "" }' >"$tmp/long.txt"
(cd "$repo" && "$redline" agreed --file "$tmp/long.txt") >/dev/null 2>"$tmp/err"
if [ $? -eq 2 ] && [ "$(cat "$tmp/err")" = "redline: '$tmp/long.txt' is 4001 words long; agreed looks for at most 4000 (a paragraph, not a document)" ]; then
	ok "a wording past 4000 words: one line, exit 2"
else
	not_ok "long wording: $(cat "$tmp/err")"
fi
tap_summary agreed
