#!/bin/sh
# Real UN documents (../shared/corpus, read its README; never copied into
# the project): A/RES/79/53 read exactly from every form, every document
# of the corpus's PDFs the same from its four forms, the whole text archive
# read without error, every draft's symbol, date and sponsors,
# year-to-year series compared, and the extractors' Markdown forms read as
# their PyMuPDF texts but for the extractors' own defects. Skipped, with
# the reason, where the corpus is absent (a user's clone).
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
corpus=${REDLINE_CORPUS:-$abs_top_srcdir/../shared/corpus}
[ -d "$corpus/text" ] && [ -d "$corpus/pdf" ] && [ -d "$corpus/pdftotext" ] ||
	skip_suite "no corpus at $corpus (the real UN documents are not part of the project)"
tool="$abs_top_builddir/tests/corpus"
seed="$abs_top_srcdir/samples/A-RES-79-53.txt"
export LC_ALL=C.UTF-8 REDLINE_PAGER=cat

# structure FILE: "PP/OP/SUB/FN" as the corpus tool reads it
structure() {
	"$tool" parse "$1" 2>/dev/null | awk -F'\t' '$2 == "ok" { print $3 "/" $4 "/" $5 "/" $6 }'
}

# refs FILE: each clause's id and the footnotes it refers to, one per line
refs() {
	"$redline" parse "$1" 2>/dev/null | sed -n 's/^\([A-Z][A-Z0-9().#-]*\)  .*\[footnotes\{0,1\} \([0-9, ]*\)\]$/\1 \2/p'
}

# 1. A/RES/79/53 from each of its forms: the reference's structure and
# footnote references, and no change against it with typography ignored
refs "$seed" >"$tmp/seed.refs"
for form in text/A_RES_79_53.txt pdftotext/A_RES_79_53.raw.txt pdftotext/A_RES_79_53.layout.txt pdf/A_RES_79_53.pdf; do
	f="$corpus/$form"
	got=$(structure "$f")
	if [ "$got" = "29/28/0/24" ]; then ok "79/53 from $form: 29 PP, 28 OP, 24 footnotes"; else not_ok "79/53 from $form: $got"; fi
	refs "$f" >"$tmp/form.refs"
	if diff -u "$tmp/seed.refs" "$tmp/form.refs" >"$tmp/diff"; then
		ok "79/53 from $form: every clause's footnote references"
	else
		not_ok "79/53 from $form: footnote references differ"; sed 's/^/# /' "$tmp/diff" | head -10
	fi
	"$redline" diff --stat --ignore-typography "$seed" "$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ]; then
		ok "79/53 from $form: no change against the reference, typography ignored"
	else
		not_ok "79/53 from $form: diff exit $rc"; sed 's/^/# /' "$tmp/out" "$tmp/err" | head -8
	fi
done

# 2. Extraction invariance: each document of pdf/ read from its four forms
# has one structure, and every pair of forms compares as no change
echo "# document            pdf            text           raw            layout         changed pairs"
for p in "$corpus"/pdf/*.pdf; do
	b=$(basename "$p" .pdf)
	set -- "$p" "$corpus/text/$b.txt" "$corpus/pdftotext/$b.raw.txt" "$corpus/pdftotext/$b.layout.txt"
	s1=$(structure "$1") s2=$(structure "$2") s3=$(structure "$3") s4=$(structure "$4")
	changed=0
	for pair in "1 2" "1 3" "1 4" "2 3" "2 4" "3 4"; do
		eval "x=\${${pair% *}} y=\${${pair#* }}"
		"$redline" diff --stat --ignore-typography "$x" "$y" >/dev/null 2>&1 || changed=$((changed + 1))
	done
	printf '# %-20s %-14s %-14s %-14s %-14s %d of 6\n' "$b" "$s1" "$s2" "$s3" "$s4" "$changed"
	if [ -n "$s1" ] && [ "$s1" = "$s2" ] && [ "$s1" = "$s3" ] && [ "$s1" = "$s4" ]; then
		ok "$b: one structure from its four forms ($s1)"
	else
		not_ok "$b: structures differ ($s1, $s2, $s3, $s4)"
	fi
	if [ "$changed" -eq 0 ]; then ok "$b: no pair of forms differs"; else not_ok "$b: $changed of 6 pairs differ"; fi
done

# 3. The whole text archive: read without error, each resolution or draft
# with operative paragraphs, no clause that swallowed its neighbours
"$tool" parse -j 2 "$corpus"/text/*.txt >"$tmp/all.tsv" 2>"$tmp/all.err"
n=$(wc -l <"$tmp/all.tsv")
bad=$(awk -F'\t' '$2 != "ok"' "$tmp/all.tsv")
if [ -z "$bad" ] && [ "$n" -gt 1000 ]; then ok "$n documents read without error ($(cat "$tmp/all.err"))"; else not_ok "documents that cannot be read"; echo "$bad" | head -5 | sed 's/^/# /'; fi
# a resolution (A_RES) or draft resolution without operative paragraphs has
# lost its structure; a decision with lettered items only has none by right
noop=$(awk -F'\t' '$2 == "ok" && $8 == 1 && $4 == 0 && $5 == 0' "$tmp/all.tsv")
if [ -z "$noop" ]; then ok "every resolution and draft read has operative paragraphs"; else not_ok "resolutions without operative paragraphs"; echo "$noop" | head -5 | sed 's/^/# /'; fi
# the longest paragraph of the archive is under 3,500 characters; one
# longer is paragraphs run together (an annex once read as one)
long=$(awk -F'\t' '$2 == "ok" && $7 > 3500' "$tmp/all.tsv")
if [ -z "$long" ]; then ok "no clause longer than 3,500 characters"; else not_ok "clauses that swallowed others"; echo "$long" | head -5 | sed 's/^/# /'; fi
plain=$(awk -F'\t' '$2 == "ok" && $8 == 0' "$tmp/all.tsv" | wc -l)
echo "# read as plain paragraphs (no enacting formula: amendments, decisions, lists): $plain"

# 4. Headers: every draft (a file name without RES) has its own symbol,
# which its file name spells, and a Distr. date; where its text has a
# sponsors' line ("...: draft resolution"), its sponsors; no resolution
# (A_RES) has any
"$tool" meta "$corpus"/text/*.txt >"$tmp/meta.tsv" 2>"$tmp/meta.err"
awk -F'\t' '
	$2 == "error" { print "error", $0; next }
	{ want = $1; sub(/\.txt$/, "", want); gsub(/_/, "/", want) }
	$1 !~ /RES/ {
		drafts++
		if ($2 == want) sym++; else print "symbol", $1, $2
		if ($4 != "-") dated++; else print "date", $1
		if ($9 == 1) { lines++; if ($5 > 0) listed++; else print "sponsors", $1 }
		else if ($5 > 0) extra++
		if ($5 > 0) with++
		if ($7 != "-") behalf++
		if ($8 != "-") submitted++
		if ($3 != "-") kinds++
	}
	$1 ~ /RES/ { res++; if ($5 > 0) print "resolution", $1, $6; if ($2 == want) rsym++; if ($4 != "-") rdated++ }
	END {
		printf "# drafts: %d, symbol %d, Distr. date %d, kind %d, sponsors %d (%d with a sponsors line, %d listed; %d without one), a sponsor for a group %d, submitted by an office %d\n",
			drafts, sym, dated, kinds, with, lines, listed, extra, behalf, submitted
		printf "# resolutions: %d, symbol %d, Distr. date %d\n", res, rsym, rdated
	}' "$tmp/meta.tsv" >"$tmp/meta.out"
grep '^#' "$tmp/meta.out"
if ! grep -q '^symbol \|^error ' "$tmp/meta.out" && grep -q '^# drafts: [1-9]' "$tmp/meta.out"; then ok "every draft has its symbol"; else not_ok "drafts without their symbol"; grep '^symbol \|^error ' "$tmp/meta.out" | head -5 | sed 's/^/# /'; fi
if ! grep -q '^date ' "$tmp/meta.out"; then ok "every draft has its Distr. date"; else not_ok "drafts without a Distr. date"; grep '^date ' "$tmp/meta.out" | head -5 | sed 's/^/# /'; fi
if ! grep -q '^sponsors ' "$tmp/meta.out"; then ok "every draft with a sponsors line has its sponsors"; else not_ok "drafts whose sponsors were not read"; grep '^sponsors ' "$tmp/meta.out" | head -5 | sed 's/^/# /'; fi
if ! grep -q '^resolution ' "$tmp/meta.out"; then ok "no resolution has sponsors"; else not_ok "resolutions with sponsors"; grep '^resolution ' "$tmp/meta.out" | head -5 | sed 's/^/# /'; fi

# 5. Year to year: every consecutive pair of series.tsv compares
tail -n +2 "$corpus/series.tsv" | while IFS="$(printf '\t')" read -r title symbols; do
	prev=
	for s in $symbols; do
		f="$corpus/text/$(echo "$s" | tr '/' '_').txt"
		[ -f "$f" ] || continue
		[ -n "$prev" ] && printf '%s\t%s\n' "$prev" "$f"
		prev=$f
	done
done >"$tmp/pairs"
"$tool" pairs <"$tmp/pairs" >"$tmp/pairs.out"
errors=$(grep -c '	error ' "$tmp/pairs.out")
npairs=$(wc -l <"$tmp/pairs.out")
if [ "$errors" -eq 0 ] && [ "$npairs" -gt 100 ]; then ok "$npairs year-to-year pairs compared without error"; else not_ok "$errors of $npairs pairs failed"; grep '	error ' "$tmp/pairs.out" | head -3 | sed 's/^/# /'; fi
awk -F'\t' '{ split($3, v, " "); for (i = 1; i <= 8; i++) t[i] += v[i] }
	END { printf "# series totals: %d unchanged, %d modified, %d inserted, %d deleted, %d moved, %d renumbered, %d split, %d merged\n",
		t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8] }' "$tmp/pairs.out"
# for reading by hand: the pairs where the fewest of the older text's
# clauses are found again (a mission closed, a resolution rewritten)
echo "# least matched pairs (old clauses found again / old clauses):"
awk -F'\t' '{ split($3, v, " "); m = v[1] + v[2] + v[7] + v[8]; a = m + v[4]; if (a > 0) printf "%.2f %d/%d %s -> %s\n", m / a, m, a, $1, $2 }' \
	"$tmp/pairs.out" | sort -n | head -5 | sed 's/^/#   /'

# 6. The archive in a repository: bulk import of every document, timed; each
# draft of drafts.tsv resolves by its symbol and by its git name; a draft
# comes before the resolution it became when both are in one series; a
# second run skips all
git init -q --bare -b main "$tmp/archive.git"
start=$(date +%s%N)
(cd "$tmp/archive.git" && "$redline" import --author="Archive <archive@example.org>" "$corpus/text") >"$tmp/bulk.out" 2>"$tmp/bulk.err"
rc=$?
end=$(date +%s%N)
head -1 "$tmp/bulk.out" | sed 's/^/# /'
echo "# bulk import of the archive: $(((end - start) / 1000000)) ms"
versions=$(git -C "$tmp/archive.git" rev-list --count main)
if [ "$versions" -gt 1100 ] && grep -q "^imported $versions of $(ls "$corpus/text" | wc -l) documents" "$tmp/bulk.out"; then
	ok "bulk import: $versions versions"; else not_ok "bulk import (exit $rc): $(head -3 "$tmp/bulk.out" "$tmp/bulk.err")"; fi
bad=0
checked=0
tail -n +2 "$corpus/drafts.tsv" | while IFS="$(printf '\t')" read -r draft res; do
	name=$(echo "$draft" | tr / _)
	# an amendment has no enacting formula: not a version of its draft's
	# text (amendments are tracked apart), and import leaves it out
	if "$redline" parse "$corpus/text/$name.txt" 2>&1 | grep -q '^  kind *amendment$'; then
		echo "# $draft is an amendment: not imported" >>"$tmp/amendments.out"
		continue
	fi
	a=$(cd "$tmp/archive.git" && "$redline" show --format=json "$draft" 2>&1 | grep -o '"source": *"[0-9a-f]*:' | head -1)
	b=$(cd "$tmp/archive.git" && "$redline" show --format=json "$name" 2>&1 | grep -o '"source": *"[0-9a-f]*:' | head -1)
	c=$(git -C "$tmp/archive.git" rev-parse --short=7 "$name^{commit}" 2>/dev/null)
	case "$a" in *"\"$c:") ;; *) echo "bad $draft: by symbol '$a', as $name '$b', tag $c" ;; esac
	[ "$a" = "$b" ] || echo "bad $draft: by symbol '$a', as $name '$b'"
	rname=$(echo "$res" | tr / _)
	if git -C "$tmp/archive.git" rev-parse -q --verify "$rname^{commit}" >/dev/null; then
		dpath=$(git -C "$tmp/archive.git" show --name-only --format= "$name^{commit}")
		rpath=$(git -C "$tmp/archive.git" show --name-only --format= "$rname^{commit}")
		if [ "$dpath" = "$rpath" ] && ! git -C "$tmp/archive.git" merge-base --is-ancestor "$name^{commit}" "$rname^{commit}"; then
			echo "bad $draft comes after $res in $dpath"
		fi
	fi
done >"$tmp/drafts.out"
cat "$tmp/amendments.out" 2>/dev/null
if [ ! -s "$tmp/drafts.out" ]; then ok "every draft of drafts.tsv resolves by symbol and git name, before its resolution"; else
	not_ok "drafts: $(head -3 "$tmp/drafts.out")"; fi
start=$(date +%s%N)
(cd "$tmp/archive.git" && "$redline" import --author="Archive <archive@example.org>" "$corpus/text") >"$tmp/bulk2.out" 2>&1
end=$(date +%s%N)
echo "# a second run: $(((end - start) / 1000000)) ms: $(head -1 "$tmp/bulk2.out")"
if grep -q "^imported 0 of .*; $versions already in;" "$tmp/bulk2.out"; then ok "a second run skips all"; else not_ok "second run: $(head -1 "$tmp/bulk2.out")"; fi
series=$(cd "$tmp/archive.git" && "$redline" ls | wc -l)
start=$(date +%s%N)
(cd "$tmp/archive.git" && "$redline" log -- countering-the-threat-posed-by-improvised-explosive-devices.txt) >"$tmp/log.out" 2>&1
end=$(date +%s%N)
echo "# $series series; log of the IED series: $(((end - start) / 1000000)) ms, $(wc -l <"$tmp/log.out") versions"
if grep -q "A/RES/79/53" "$tmp/log.out"; then ok "log of a series of the archive"; else not_ok "log: $(head -3 "$tmp/log.out")"; fi
# the version index the bulk import filled: the same answers as reading
# every version (REDLINE_INDEX=off), in a fraction of the time
ms() { s0=$(date +%s%N); (cd "$tmp/archive.git" && "$@") >"$tmp/ms.out" 2>&1; echo $((($(date +%s%N) - s0) / 1000000)); }
for q in "ls" "log -- countering-the-threat-posed-by-improvised-explosive-devices.txt" \
	"log --format=json -- countering-the-threat-posed-by-improvised-explosive-devices.txt"; do
	# shellcheck disable=SC2086
	off=$(REDLINE_INDEX=off ms "$redline" $q); cp "$tmp/ms.out" "$tmp/off.out"
	# shellcheck disable=SC2086
	on=$(ms "$redline" $q)
	echo "# $q: $on ms from the index, $off ms without"
	if cmp -s "$tmp/ms.out" "$tmp/off.out"; then ok "archive, index: $q"; else not_ok "archive, index: $q: $(diff "$tmp/off.out" "$tmp/ms.out" | head -4)"; fi
done
# a symbol no tag names is looked for in every version's metadata: without
# the index that reads the whole archive once per series (minutes: not run)
on=$(ms "$redline" show A/RES/12/345)
echo "# an unknown symbol: $on ms from the index"
if [ "$(cat "$tmp/ms.out")" = "redline: unknown revision or symbol 'A/RES/12/345' in '$tmp/archive.git/'" ]; then
	ok "archive, index: an unknown symbol"; else not_ok "archive, index: an unknown symbol: $(cat "$tmp/ms.out")"; fi

# 7. The extractors' Markdown forms (extractors/, successive versions of
# one pipeline: YAML front matter, paragraphs, "[^N]" footnotes or plain
# digits): each must read as its document's PyMuPDF text (text/), no
# change with typography ignored, except where the extractor itself lost
# or damaged text. Those are listed below with the summary they must give
# and what the extractor did (each checked by reading both texts), so that
# a new difference -- a reading error -- fails, and so does a listed one
# that changes, to be looked at again.
# form (extractors/NAME.txt)	summary of diff --stat --ignore-typography
cat >"$tmp/defects" <<'EOF'
# titles cut to their first line, in the header and the running title
# (all of railcar-md-v1.3.0): only the title differs
A-RES-80-2.railcar-md-v1.3.0	header only: title
A-RES-80-4.railcar-md-v1.3.0	header only: title
A-RES-80-16.railcar-md-v1.3.0	header only: title
A-RES-80-30.railcar-md-v1.3.0	header only: title
A-RES-80-32.railcar-md-v1.3.0	header only: title
A-RES-80-33.railcar-md-v1.3.0	header only: title
A-RES-80-36.railcar-md-v1.3.0	header only: title
A-RES-80-39.railcar-md-v1.3.0	header only: title
A-RES-80-41.railcar-md-v1.3.0	header only: title
A-RES-80-47.railcar-md-v1.3.0	header only: title
A-RES-80-49.railcar-md-v1.3.0	header only: title
A-RES-80-60.railcar-md-v1.3.0	header only: title
A-RES-80-61.railcar-md-v1.3.0	header only: title
A-RES-80-63.railcar-md-v1.3.0	header only: title
A-RES-80-68.railcar-md-v1.3.0	header only: title
A-RES-80-69.railcar-md-v1.3.0	header only: title
# a paragraph's last line dropped where a page ended: OP2 and OP10 lose
# "of nuclear disarmament;"
A-RES-80-24.railcar-md-v1.3.0	~2 OP
# OP3 and OP6 lose "economic and social development, with a view to
# reducing the ever-widening gap between developed and developing countries;"
A-RES-80-25.railcar-md-v1.3.0	~2 OP
# OP22 and OP34 lose "Instrument;"
A-RES-80-38.railcar-md-v1.3.0	~2 OP
# OP5 and OP8 lose 'adopted "Ways and means to enhance the functioning of
# the Disarmament Commission";'
A-RES-80-66.railcar-md-v1.3.0	~2 OP
# words dropped: "the" (a justified line printed a word at a time) twice
# in OP3 and once in OP13; the labels (a) to (e) of OP5 (only (f) kept);
# and the title cut
A-RES-80-34.railcar-md-v1.3.0	~2 OP  1 renumbered
# "Experts on Transparency and Confidence-Building Measures in Outer Space"
# dropped from PP15 and OP1 (the running title's words)
A-RES-80-44.railcar-md-v1.3.0	~1 PP  ~1 OP
# OP4 and the closing put into footnote 3's definition
A-RES-80-57.railcar-md-v1.3.0	-1 OP  1 footnote
# everything after PP6's "as declared in its resolutions" put into a
# footnote definition "[^1653]", on one line, its paragraph breaks lost
# (redline gives the text back to PP6, as one paragraph)
A-RES-80-59.railcar-md-v1.3.0	~1 PP  -2 PP  -2 OP  1 merged
EOF
if [ -d "$corpus/extractors" ]; then
	echo "# extractor form                               result"
	n=0 clean=0 known=0
	for f in "$corpus"/extractors/*.txt; do
		b=$(basename "$f" .txt)
		ref="$corpus/text/$(echo "${b%%.*}" | tr - _).txt"
		"$redline" diff --stat --ignore-typography "$ref" "$f" >"$tmp/out" 2>/dev/null
		got=$(sed -n 's/^summary: //p' "$tmp/out")
		want=$(awk -F'\t' -v b="$b" '$1 == b { print $2 }' "$tmp/defects")
		printf '# %-44s %s\n' "$b" "$got"
		n=$((n + 1))
		if [ "$got" != "${want:-no changes}" ]; then
			not_ok "$b: $got (expected ${want:-no changes})"
			continue
		fi
		# a title that differs is the reference's, cut short
		if ! awk '/^metadata: title / { sub(/^metadata: title /, ""); i = index($0, " -> ");
			old = substr($0, 1, i - 1); new = substr($0, i + 4);
			if (new == "" || index(old, new) != 1) bad = 1 } END { exit bad }' "$tmp/out"; then
			not_ok "$b: a title that is not the reference's cut short"; grep '^metadata' "$tmp/out" | sed 's/^/# /'
			continue
		fi
		if [ -n "$want" ]; then known=$((known + 1)); else clean=$((clean + 1)); fi
	done
	listed=$(grep -c '^A-' "$tmp/defects")
	if [ "$clean" -gt 0 ] && [ $((clean + known)) -eq "$n" ]; then
		ok "the $n extractor forms: $clean with no change, $known with only the extractor's own defects"
	fi
	if [ "$known" -ne "$listed" ]; then not_ok "$listed extractor defects listed, $known found"; fi
else
	echo "# no extractors/ in $corpus: the Markdown forms are not checked"
fi

tap_summary corpus
