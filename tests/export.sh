#!/bin/sh
# redline export: the documents a secretariat circulates, opened by the
# programs their readers use.
#  - Word (DOCX): every part's XML parses; read as Word's "accept all"
#    would leave it (w:del dropped, paragraphs whose mark is deleted joined)
#    the clauses are NEW's exactly, as "reject all" would, OLD's -- on every
#    step of the sample series, a step back, a draft's revision with moved
#    clauses, the French series; redline's own Word reader reads it back as
#    NEW, and with --original as OLD; the tracked changes carry --author (or
#    git's user.name) and an ISO date; French, Chinese and Arabic text
#    survive, Arabic paragraphs marked right-to-left; a hostile text is
#    escaped.
#  - LibreOffice (libreoffice-writer-nogui, skipped when absent): each
#    document converts to PDF (whose text holds the clauses in order) and to
#    ODT (tracked insertions and deletions by the author, the comments, and
#    every footnote's text); through its Python bridge (python3-uno) its own
#    "accept all" and "reject all" leave NEW and OLD.
#  - the compilation (amend compile --format=docx): rejecting everything
#    leaves the draft, accepting one delegation's changes alone makes its
#    amendment; the changes are the sponsors', the comments give each
#    clause's status and the amendment not shown; LibreOffice reads it;
#  - the web pages: valid HTML5 (html5lib, strict), no script, nothing
#    loaded; Chromium (skipped when absent) prints them to PDF, whose text
#    holds the summary then the clauses in order, and shows them (a
#    screenshot of the window's size, not blank);
#  - text (golden, wrapped at 72 columns) and Markdown (golden);
#  - the file: default name from the two symbols, never over an existing
#    file without --force, "-" for standard output, an unwritable place
#    refused with one line and nothing left behind.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
export LC_ALL=C.UTF-8 TERM=dumb TZ=UTC GIT_CONFIG_NOSYSTEM=1 HOME="$tmp/home"
export GIT_CEILING_DIRECTORIES="$tmp" REDLINE_PAGER=cat
mkdir -p "$HOME"
ied="$abs_top_srcdir/samples/src/ied"
fr="$abs_top_srcdir/samples/src/fr"
check="$abs_top_srcdir/tests/export/docxcheck.py"
py=$(command -v python3)
[ -n "$py" ] || skip_suite "python3 not installed (the DOCX checks read the package with its zipfile)"

# expect NAME WANT_RC CMD...: run, compare the exit status
expect() {
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq "$want" ]; then ok "$name"; else not_ok "$name: exit $rc, expected $want"; head -5 "$tmp/err"; fi
}

# docx_both NAME OLD NEW: export, then accept/reject through the XML and
# through redline's reader
docx_both() {
	name=$1 old=$2 new=$3 out="$tmp/$1.docx"
	"$redline" export --author "Test Officer <t@example.org>" -o "$out" "$old" "$new" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ "$rc" -gt 1 ] || [ ! -s "$out" ]; then
		not_ok "$name: export exit $rc"; head -3 "$tmp/err"; return
	fi
	"$redline" parse --format=json "$new" >"$tmp/new.json" 2>/dev/null
	"$redline" parse --format=json "$old" >"$tmp/old.json" 2>/dev/null
	if "$py" "$check" "$out" stats >"$tmp/stats" 2>&1; then ok "$name: every part's XML parses"
	else not_ok "$name: XML"; head -5 "$tmp/stats"; fi
	if "$py" "$check" "$out" accept "$tmp/new.json" >"$tmp/acc" 2>&1; then ok "$name: accept all gives NEW"
	else not_ok "$name: accept all"; head -5 "$tmp/acc"; fi
	if "$py" "$check" "$out" reject "$tmp/old.json" >"$tmp/rej" 2>&1; then ok "$name: reject all gives OLD"
	else not_ok "$name: reject all"; head -5 "$tmp/rej"; fi
	if "$redline" diff "$new" "$out" >"$tmp/rt" 2>&1; then ok "$name: redline reads it back as NEW"
	else not_ok "$name: read back as NEW"; head -20 "$tmp/rt"; fi
	if "$redline" diff --original "$old" "$out" >"$tmp/rt" 2>&1; then ok "$name: and with --original as OLD"
	else not_ok "$name: read back as OLD"; head -20 "$tmp/rt"; fi
	if [ "$rc" -eq 1 ] && awk -F'\t' '$2 != "Test Officer" { bad = 1 } END { exit bad || NR == 0 }' "$tmp/stats"; then
		ok "$name: every tracked change by --author's name"
	elif [ "$rc" -eq 0 ] && [ ! -s "$tmp/stats" ]; then
		ok "$name: the same versions: no tracked change"
	else
		not_ok "$name: authors"; cat "$tmp/stats"
	fi
}

prev=
for f in "$ied"/*.txt; do
	[ -n "$prev" ] && docx_both "$(basename "$prev" .txt)-$(basename "$f" .txt)" "$prev" "$f"
	prev=$f
done
docx_both "77-64-to-79-53" "$ied/06-A-RES-77-64.txt" "$ied/09-A-RES-79-53.txt"
docx_both "70-46-to-79-53" "$ied/01-A-RES-70-46.txt" "$ied/09-A-RES-79-53.txt"
docx_both "79-53-back-to-70-46" "$ied/09-A-RES-79-53.txt" "$ied/01-A-RES-70-46.txt"
docx_both "same" "$ied/09-A-RES-79-53.txt" "$ied/09-A-RES-79-53.txt"
docx_both "french" "$fr/01-A-RES-78-30.txt" "$fr/02-A-RES-79-40.txt"

# the revision with moved clauses: a move is a deletion and an insertion, each commented
out="$tmp/07-A-C.1-79-L.43-08-A-C.1-79-L.43-Rev.1.docx"
if unzip -p "$out" word/comments.xml 2>/dev/null | grep -q "moved"; then ok "a moved clause is named in a comment"
else not_ok "moved clause comment"; fi

# French accents in the XML as UTF-8
if unzip -p "$tmp/french.docx" word/document.xml | grep -q "Assemblée générale"; then ok "French text survives"
else not_ok "French text"; fi

# dates: ISO 8601 UTC on every revision
if unzip -p "$tmp/77-64-to-79-53.docx" word/document.xml |
	grep -o 'w:date="[^"]*"' | sort -u | grep -qvE '^w:date="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"$'; then
	not_ok "revision dates"
else
	ok "every revision is dated in ISO 8601 UTC"
fi

# Chinese and Arabic: plain paragraphs, kept; Arabic marked right-to-left
printf '联合国大会，\n\n回顾其以往的决议，\n\n1. 敦促各国加强合作；\n' >"$tmp/zh-old.txt"
printf '联合国大会，\n\n回顾其以往的决议，\n\n1. 强烈敦促各国加强国际合作；\n' >"$tmp/zh-new.txt"
printf 'إن الجمعية العامة،\n\nإذ تشير إلى قراراتها السابقة،\n\n1. تحث الدول على التعاون؛\n' >"$tmp/ar-old.txt"
printf 'إن الجمعية العامة،\n\nإذ تشير إلى قراراتها السابقة،\n\n1. تطلب بقوة إلى الدول التعاون الدولي؛\n' >"$tmp/ar-new.txt"
"$redline" export --author "Test Officer" -o "$tmp/zh.docx" "$tmp/zh-old.txt" "$tmp/zh-new.txt" >/dev/null 2>&1
"$redline" export --author "Test Officer" -o "$tmp/ar.docx" "$tmp/ar-old.txt" "$tmp/ar-new.txt" >/dev/null 2>&1
if unzip -p "$tmp/zh.docx" word/document.xml | grep -q "强烈" && "$py" "$check" "$tmp/zh.docx" stats >/dev/null; then
	ok "Chinese text survives"
else
	not_ok "Chinese text"
fi
# an item in Arabic: a right-to-left paragraph indented as an item, its
# properties in the schema's order (pStyle, bidi, ind)
printf 'The General Assembly,\n\n1. Urges States:\n\n(a) تحث الدول على التعاون;\n\n(b) To share information;\n' >"$tmp/rtl-old.txt"
printf 'The General Assembly,\n\n1. Urges States:\n\n(a) تحث الدول على التعاون الدولي;\n\n(b) To share information;\n' >"$tmp/rtl-new.txt"
"$redline" export -o "$tmp/rtl.docx" "$tmp/rtl-old.txt" "$tmp/rtl-new.txt" >/dev/null 2>&1
if unzip -p "$tmp/rtl.docx" word/document.xml | grep -q '<w:pPr><w:pStyle w:val="Clause"/><w:bidi/><w:ind w:left='; then
	ok "an Arabic item: right-to-left, indented, in the schema's order"
else
	not_ok "Arabic item properties"
fi
if unzip -p "$tmp/ar.docx" word/document.xml | grep -q "بقوة" &&
	[ "$(unzip -p "$tmp/ar.docx" word/document.xml | grep -o '<w:bidi/>' | wc -l)" -ge 3 ]; then
	ok "Arabic text survives, its paragraphs right-to-left"
else
	not_ok "Arabic text"
fi

# a hostile text: markup and a terminal escape, escaped and made visible
printf 'The General Assembly,\n\n1. Urges <script>alert(1)</script> & \033[31mred \342\200\256 States \357\277\276;\n' >"$tmp/h-old.txt"
printf 'The General Assembly,\n\n1. Urges <script>alert(2)</script> & \033[31mred \342\200\256 all States \357\277\276;\n' >"$tmp/h-new.txt"
"$redline" export -o "$tmp/h.docx" "$tmp/h-old.txt" "$tmp/h-new.txt" >/dev/null 2>&1
doc=$(unzip -p "$tmp/h.docx" word/document.xml)
# (U+FFFE, which XML cannot hold, shown as <U+FFFE>)
if "$py" "$check" "$tmp/h.docx" stats >/dev/null 2>&1 && printf '%s' "$doc" | grep -q '&lt;script&gt;' &&
	printf '%s' "$doc" | grep -q '&lt;U+FFFE&gt;' &&
	! printf '%s' "$doc" | grep -q "$(printf '\033')"; then
	ok "a hostile text is escaped and its escape made visible"
else
	not_ok "hostile text"
fi

# the file itself
mkdir -p "$tmp/w"
cd "$tmp/w" || exit 2
expect "default name from the two symbols" 1 "$redline" export "$ied/06-A-RES-77-64.txt" "$ied/09-A-RES-79-53.txt"
if [ -s 77-64-to-79-53.docx ] && [ "$(cat "$tmp/out")" = 77-64-to-79-53.docx ] && [ ! -s "$tmp/err" ]; then
	ok "the file's name is printed"
else not_ok "default name"; ls; cat "$tmp/err"; fi
sum=$(cksum <77-64-to-79-53.docx)
expect "an existing file is not replaced" 2 "$redline" export "$ied/06-A-RES-77-64.txt" "$ied/09-A-RES-79-53.txt"
if [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "77-64-to-79-53.docx' exists; --force" "$tmp/err" &&
	[ "$(cksum <77-64-to-79-53.docx)" = "$sum" ]; then ok "one line says so, and the file is as it was"
else not_ok "refusal"; cat "$tmp/err"; fi
expect "--force replaces it" 1 "$redline" export --force --format=html "$ied/06-A-RES-77-64.txt" "$ied/09-A-RES-79-53.txt" -o 77-64-to-79-53.docx
if [ "$(cksum <77-64-to-79-53.docx)" != "$sum" ]; then ok "and the file is the new one"; else not_ok "--force"; fi
expect "-o - writes to standard output" 1 "$redline" export -o - "$ied/06-A-RES-77-64.txt" "$ied/09-A-RES-79-53.txt"
if [ "$(head -c 2 "$tmp/out")" = PK ]; then ok "a Word package on standard output"; else not_ok "stdout package"; fi
expect "an unwritable place is refused" 2 "$redline" export -o /proc/redline-no/x.docx "$ied/06-A-RES-77-64.txt" "$ied/09-A-RES-79-53.txt"
if [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "cannot write '/proc/redline-no/x.docx'" "$tmp/err"; then
	ok "with one line naming the file"
else
	not_ok "unwritable message"; cat "$tmp/err"
fi
if [ -z "$(find "$tmp/w" -name '.*.docx.*')" ]; then ok "no temporary file is left"; else not_ok "temporary files left"; fi
mkdir -p "$tmp/w/folder"
expect "a folder is refused" 2 "$redline" export -o "$tmp/w/folder" "$ied/06-A-RES-77-64.txt" "$ied/09-A-RES-79-53.txt"
if grep -q "folder' is a folder; name a file to write" "$tmp/err"; then ok "saying it is a folder"; else not_ok "folder message"; cat "$tmp/err"; fi
expect "--format=json is refused by export" 2 "$redline" export --format=json "$ied/06-A-RES-77-64.txt" "$ied/09-A-RES-79-53.txt"
expect "--format=docx is refused by diff" 2 "$redline" diff --format=docx "$ied/06-A-RES-77-64.txt" "$ied/09-A-RES-79-53.txt"
expect "an unknown format is refused" 2 "$redline" export --format=rtf "$ied/06-A-RES-77-64.txt" "$ied/09-A-RES-79-53.txt"
cd "$tmp" || exit 2

# the author by default: git's user.name
git config --global user.name "Default Officer"
"$redline" export -o "$tmp/d.docx" "$ied/06-A-RES-77-64.txt" "$ied/09-A-RES-79-53.txt" >/dev/null 2>&1
if "$py" "$check" "$tmp/d.docx" stats | awk -F'\t' '$2 != "Default Officer" { bad = 1 } END { exit bad || NR == 0 }'; then
	ok "the author defaults to git's user.name"
else
	not_ok "default author"
fi

# text and Markdown, golden
run_golden "text: wrapped at 72 columns for e-mail" 1 export-77-64-79-53.txt "$tmp" \
	export --format=text -o - "$ied/06-A-RES-77-64.txt" "$ied/09-A-RES-79-53.txt"
if awk 'length($0) > 72 && $0 !~ /^[^ ]+$/ { bad = 1 } END { exit bad }' "$tmp/out"; then ok "no text line is longer than 72"
else not_ok "text width"; fi
run_golden "Markdown" 1 export-77-64-79-53.md "$tmp" \
	export --format=md -o - "$ied/06-A-RES-77-64.txt" "$ied/09-A-RES-79-53.txt"

# the compilation: each amendment tracked under its sponsors
repo="$tmp/repo"
sh "$abs_top_srcdir/samples/make-repo.sh" "$abs_top_srcdir/samples/src" "$repo" "$redline" >/dev/null 2>&1
(
	cd "$repo" || exit 2
	git config user.name "Facilitator"
	printf 'Urges all States to strengthen cooperation on countering improvised explosive devices;\n' >op11.txt
	printf 'Encourages all States to consider cooperation;\n' >op11b.txt
	printf 'Welcomes the work of regional organizations against improvised explosive devices;\n' >new.txt
	"$redline" amend propose --clause OP11 --sponsor Egypt --text-file op11.txt -- ied.txt
	"$redline" amend propose --after OP5 --sponsor Canada --sponsor Japan --text-file new.txt -- ied.txt
	"$redline" amend propose --delete --clause PP3 --sponsor Cuba -- ied.txt
	"$redline" amend propose --clause OP11 --sponsor Mexico --text-file op11b.txt -- ied.txt
	"$redline" amend status OP4 agreed-ad-ref -- ied.txt
) >/dev/null 2>&1
cd "$repo" || exit 2
expect "amend compile --format=docx" 0 "$redline" amend compile --format=docx -- ied.txt
comp="$repo/A-RES-79-53-compilation.docx"
if [ "$(cat "$tmp/out")" = A-RES-79-53-compilation.docx ] && [ -s "$comp" ]; then ok "the compilation's file is named after the draft"
else not_ok "compilation file"; cat "$tmp/out"; fi
"$redline" parse --format=json ied.txt >"$tmp/draft.json" 2>/dev/null
if "$py" "$check" "$comp" reject "$tmp/draft.json" >"$tmp/rej" 2>&1; then ok "compilation: rejecting every proposal leaves the draft"
else not_ok "compilation reject"; head -5 "$tmp/rej"; fi
"$py" "$check" "$comp" stats >"$tmp/stats"
# Egypt and Mexico both replace OP11: the older proposal is tracked (made
# in the same second here, the one whose id sorts first)
comments=$(unzip -p "$comp" word/comments.xml | sed 's/<\/w:p>/ /g; s/<[^>]*>//g')
shown=Egypt other=Mexico
case $comments in *"Mexico: replace OP11 (proposed; shown)"*) shown=Mexico other=Egypt ;; esac
authors=$(awk -F'\t' '{ print $2 }' "$tmp/stats" | sort -u | tr '\n' '|')
if [ "$authors" = "Canada, Japan|Cuba|$shown|" ]; then ok "compilation: the changes are their sponsors'"
else not_ok "compilation authors: $authors"; fi
# accepting one delegation's changes alone makes its amendment, nothing else
for who in Cuba "Canada, Japan" "$shown"; do
	"$py" "$check" "$comp" "accept:$who" >"$tmp/acc-one" 2>&1
	"$py" - "$tmp/draft.json" "$tmp/acc-one" "$who" <<'EOF2'
import json, sys
cl = json.load(open(sys.argv[1], encoding="utf-8"))["clauses"]
d = [c["text"] for c in cl]
ids = [c["id"] for c in cl]
got = open(sys.argv[2], encoding="utf-8").read().splitlines()
who = sys.argv[3]
if who == "Cuba":
    i = ids.index("PP3"); want = d[:i] + d[i + 1:]
elif who == "Egypt":
    i = ids.index("OP11")
    want = d[:i] + ["Urges all States to strengthen cooperation on countering improvised explosive devices;"] + d[i + 1:]
elif who == "Mexico":
    i = ids.index("OP11")
    want = d[:i] + ["Encourages all States to consider cooperation;"] + d[i + 1:]
else:
    i = ids.index("OP5") + 1
    want = d[:i] + ["Welcomes the work of regional organizations against improvised explosive devices;"] + d[i:]
sys.exit(got != want)
EOF2
	if [ $? -eq 0 ]; then ok "compilation: accepting $who's changes alone makes its amendment"
	else not_ok "compilation: accepting $who's changes"; fi
done
case $comments in
*"OP4 [agreed ad ref]"*"$other: replace OP11 (proposed; not shown: another amendment to it is)"*)
	ok "compilation: comments give each clause's status and the amendment not shown" ;;
*) not_ok "compilation comments: $comments" ;;
esac
if unzip -p "$comp" word/document.xml | grep -q '<w:t xml:space="preserve">5 bis</w:t>'; then
	ok "compilation: a proposed new paragraph is numbered 5 bis"
else
	not_ok "compilation: 5 bis"
fi
expect "amend compile --format=html" 0 "$redline" amend compile --format=html -o comp.html -- ied.txt
if [ -s comp.html ]; then ok "the compilation as a web page"; else not_ok "compilation html"; fi
expect "amend compile --format=md is refused" 2 "$redline" amend compile --format=md -- ied.txt
expect "amend list --format=docx is refused" 2 "$redline" amend list --format=docx -- ied.txt
expect "-o without a document format is refused" 2 "$redline" amend compile -o x.docx -- ied.txt
cd "$tmp" || exit 2

# the web pages: HTML5 as a parser reads it (no parse error at all), and as
# Chromium shows it on screen and prints it
"$redline" export --format=html -o "$tmp/r.html" "$ied/06-A-RES-77-64.txt" "$ied/09-A-RES-79-53.txt" >/dev/null 2>&1
"$redline" export --format=html -o "$tmp/m.html" "$ied/07-A-C.1-79-L.43.txt" "$ied/08-A-C.1-79-L.43-Rev.1.txt" >/dev/null 2>&1
"$redline" export --format=html -o "$tmp/h.html" "$tmp/h-old.txt" "$tmp/h-new.txt" >/dev/null 2>&1
cp "$repo/comp.html" "$tmp/c.html" 2>/dev/null
if ! /usr/bin/python3 -c 'import html5lib' 2>/dev/null; then
	ok "the web pages are valid HTML5 # SKIP python3-html5lib not installed"
else
	for page in r m h c; do
		if /usr/bin/python3 - "$tmp/$page.html" >"$tmp/html5.log" 2>&1 <<'EOF2'
import sys
import html5lib
p = html5lib.HTMLParser(strict=True)
p.parse(open(sys.argv[1], "rb"), transport_encoding="utf-8")
EOF2
		then ok "$page.html: an HTML5 parser reads it without an error"
		else not_ok "$page.html: HTML5 parse error"; tail -3 "$tmp/html5.log"; fi
	done
fi
if grep -qi '<script\|src="http\|href="http' "$tmp/r.html" "$tmp/h.html" "$tmp/c.html"; then not_ok "the pages load nothing"
else ok "the pages have no script and load nothing"; fi
if grep -q '<script>alert' "$tmp/h.html" || grep -q "$(printf '\033')" "$tmp/h.html"; then not_ok "hostile page"
else ok "the hostile text is escaped on the page, its escape shown"; fi
chromium=$(command -v chromium || command -v chromium-browser)
if [ -z "$chromium" ]; then
	ok "Chromium shows and prints the page # SKIP chromium not installed"
else
	cr() {
		timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
			"--user-data-dir=$tmp/chromium" "$@" >>"$tmp/chromium.log" 2>&1
	}
	cr --print-to-pdf="$tmp/r.pdf" "file://$tmp/r.html"
	cr --screenshot="$tmp/r.png" --window-size=1000,1400 "file://$tmp/r.html"
	cr --print-to-pdf="$tmp/c.pdf" "file://$tmp/c.html"
	if [ -s "$tmp/r.pdf" ] && pdftotext "$tmp/r.pdf" "$tmp/r.txt" 2>/dev/null &&
		awk '/Summary of changes/ && !s { s = NR } /Recalling its resolutions/ && !a { a = NR }
			/Requests the Secretary-General to report/ && !b { b = NR }
			END { exit !(s && a && b && s < a && a < b) }' "$tmp/r.txt"; then
		ok "Chromium prints the page: the summary, then the clauses in order"
	else
		not_ok "Chromium PDF"; tail -3 "$tmp/chromium.log"
	fi
	if [ -s "$tmp/c.pdf" ] && pdftotext "$tmp/c.pdf" - 2>/dev/null | grep -q "proposed by"; then
		ok "Chromium prints the compilation, each proposal with its sponsors"
	else
		not_ok "Chromium compilation PDF"
	fi
	# the screenshot: the window's size, and drawn (many colours, not a blank page)
	if "$py" "$abs_top_srcdir/tests/export/png-drawn.py" "$tmp/r.png" 1000 1400
	then ok "Chromium shows the page: 1000x1400, drawn"
	else not_ok "Chromium screenshot"; fi
fi

# LibreOffice opens them
soffice=${SOFFICE:-soffice}
if ! command -v "$soffice" >/dev/null 2>&1; then
	ok "LibreOffice opens the documents # SKIP soffice not installed (libreoffice-writer-nogui)"
else
	lo="$tmp/lo"
	mkdir -p "$lo"
	cp "$comp" "$tmp/compilation.docx"
	docs="$tmp/77-64-to-79-53.docx $tmp/07-A-C.1-79-L.43-08-A-C.1-79-L.43-Rev.1.docx $tmp/french.docx $tmp/ar.docx $tmp/compilation.docx"
	# shellcheck disable=SC2086
	for kind in pdf odt; do
		timeout 300 "$soffice" --headless --norestore "-env:UserInstallation=file://$lo/profile" \
			--convert-to $kind --outdir "$lo" $docs >"$tmp/lo.log" 2>&1
	done
	for d in $docs; do
		b=$(basename "$d" .docx)
		if [ -s "$lo/$b.pdf" ]; then ok "LibreOffice makes a PDF of $b"; else not_ok "$b: no PDF"; tail -3 "$tmp/lo.log"; fi
		if [ -s "$lo/$b.odt" ]; then
			unzip -p "$lo/$b.odt" content.xml >"$tmp/content.xml"
			ins=$(grep -o '<text:insertion>' "$tmp/content.xml" | wc -l)
			del=$(grep -o '<text:deletion>' "$tmp/content.xml" | wc -l)
			# the tracked changes' authors (the comments' come after them)
			authors=$(sed -n 's/.*<text:tracked-changes>\(.*\)<\/text:tracked-changes>.*/\1/p' "$tmp/content.xml" |
				grep -o '<dc:creator>[^<]*</dc:creator>' | sort -u | sed 's/<[^>]*>//g' | tr '\n' '|')
			want_authors="Test Officer|"
			[ "$b" = compilation ] && want_authors="Canada, Japan|Cuba|$shown|"
			if [ "$ins" -gt 0 ] && [ "$del" -gt 0 ] && [ "$authors" = "$want_authors" ]; then
				ok "$b: LibreOffice reads $ins insertions and $del deletions, by the author"
			else
				not_ok "$b: tracked changes in LibreOffice: $ins insertions, $del deletions, authors '$authors'"
			fi
			empty=$(grep -o '<text:note-body><text:p[^>]*/></text:note-body>' "$tmp/content.xml" | wc -l)
			notes=$(grep -o '<text:note-body>' "$tmp/content.xml" | wc -l)
			comments=$(unzip -p "$d" word/comments.xml | grep -o '<w:comment ' | wc -l)
			annots=$(grep -o '<office:annotation ' "$tmp/content.xml" | wc -l)
			if [ "$empty" -eq 0 ] && [ "$annots" -eq "$comments" ]; then
				ok "$b: $notes footnotes with their text, $annots comments"
			else
				not_ok "$b: $empty of $notes footnotes empty, $annots of $comments comments"
			fi
		else
			not_ok "$b: no ODT"
		fi
	done
	# the PDF of 77/64 -> 79/53 holds its clauses in order
	pdftotext "$lo/77-64-to-79-53.pdf" "$tmp/pdf.txt" 2>/dev/null
	if awk '/Recalling its resolutions/ && !a { a = NR } /Requests the Secretary-General to report/ && !b { b = NR }
		/plenary meeting/ { c = NR } END { exit !(a && b && c && a < b && b < c) }' "$tmp/pdf.txt"; then
		ok "the PDF's text holds the clauses in order"
	else
		not_ok "PDF text order"
	fi
	# its own accept all and reject all, through its Python bridge
	if ! /usr/bin/python3 -c 'import uno' 2>/dev/null; then
		ok "LibreOffice accepts and rejects all # SKIP python3-uno not installed"
	else
		pipe="redline-$$"
		"$soffice" --headless --invisible --norestore "-env:UserInstallation=file://$lo/uno" \
			"--accept=pipe,name=$pipe;urp;" >"$tmp/uno.log" 2>&1 &
		sopid=$!
		for case in "77-64-to-79-53 $ied/06-A-RES-77-64.txt $ied/09-A-RES-79-53.txt" \
			"07-A-C.1-79-L.43-08-A-C.1-79-L.43-Rev.1 $ied/07-A-C.1-79-L.43.txt $ied/08-A-C.1-79-L.43-Rev.1.txt"; do
			# shellcheck disable=SC2086
			set -- $case
			# The comments go from a copy: LibreOffice's no-GUI build
			# aborts when it lays out a comment in a document loaded
			# through the bridge (the comment window's UI description is
			# not in that package); tracked changes are untouched.
			"$py" - "$tmp/$1.docx" "$tmp/$1-nc.docx" <<'EOF'
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
    for n in zi.namelist():
        d = zi.read(n)
        if n == "word/document.xml":
            s = d.decode()
            s = re.sub(r'<w:commentRange(Start|End) w:id="\d+"/>', "", s)
            s = re.sub(r'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="\d+"/></w:r>', "", s)
            d = s.encode()
        zo.writestr(n, d)
EOF
			for mode in accept reject; do
				want=$3
				[ "$mode" = reject ] && want=$2
				"$redline" parse --format=json "$want" >"$tmp/want.json" 2>/dev/null
				if timeout 120 /usr/bin/python3 "$abs_top_srcdir/tests/export/lo-accept.py" "$pipe" "$tmp/$1-nc.docx" $mode \
					"$tmp/lo-$mode.txt" >"$tmp/lo-$mode.log" 2>&1 &&
					"$py" - "$tmp/lo-$mode.txt" "$tmp/want.json" <<'EOF'
import json, sys
got = []
for line in open(sys.argv[1], encoding="utf-8"):
    style, _, text = line.rstrip("\n").partition("\t")
    if style in ("UN Clause", "Clause") and text:
        got.append(text.split("\t", 1)[1] if "\t" in text else text)
want = [c["text"] for c in json.load(open(sys.argv[2], encoding="utf-8"))["clauses"]]
for i, (a, b) in enumerate(zip(got, want)):
    if a != b:
        print(f"clause {i + 1}:\n  LibreOffice: {a}\n  version:     {b}")
        sys.exit(1)
sys.exit(len(got) != len(want))
EOF
				then
					ok "$1: LibreOffice's own $mode all leaves $( [ $mode = accept ] && echo NEW || echo OLD)"
				else
					not_ok "$1: LibreOffice $mode all"; head -5 "$tmp/lo-$mode.log"
				fi
			done
		done
		kill "$sopid" 2>/dev/null
		wait "$sopid" 2>/dev/null
	fi
fi

tap_summary export
