#!/bin/sh
# The Word reader (src/docx.c), through its normal form and through the
# command line:
#  - hand-written packages (tests/fixtures/docx/hand/*/package, zipped here
#    by tests/mkdocx) read exactly as their accepted.txt, and with
#    --original as their original.txt: runs, footnotes, tracked changes,
#    numbering, styles, fields, tables;
#  - parse, diff, import and standard input take Word documents, with
#    --original; hostile and broken files give one line naming the file,
#    exit 2, through parse, diff and import;
#  - documents LibreOffice made from HTML (tests/fixtures/docx/lo) read as
#    their golden normal form; the illustrative 77/64 reads as the same
#    resolution as its text and compares as unchanged; when soffice is
#    installed they are made again and must still read the same.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
export LC_ALL=C.UTF-8 TERM=dumb TZ=UTC GIT_CONFIG_NOSYSTEM=1 HOME="$tmp/home"
export GIT_CEILING_DIRECTORIES="$tmp" REDLINE_PAGER=cat
mkdir -p "$HOME"
fix="$abs_top_srcdir/tests/fixtures/docx"
docxtext="$abs_top_builddir/tests/docxtext"
mkdocx="$abs_top_builddir/tests/mkdocx"
[ -x "$docxtext" ] && [ -x "$mkdocx" ] || skip_suite "tests/docxtext or tests/mkdocx not built (run through make check)"

# same NAME EXPECTED ACTUAL: the files are equal
same() {
	if diff -u "$2" "$3" >"$tmp/diff" 2>&1; then ok "$1"; else not_ok "$1"; head -40 "$tmp/diff"; fi
}

# hand-written packages
for d in "$fix"/hand/*/; do
	c=$(basename "$d")
	if ! "$mkdocx" "$tmp/$c.docx" "$d/package" 2>"$tmp/err"; then
		not_ok "$c: package"; cat "$tmp/err"; continue
	fi
	for m in accepted original; do
		[ -f "$d/$m.txt" ] || continue
		opt=
		[ "$m" = original ] && opt=--original
		# shellcheck disable=SC2086
		if "$docxtext" $opt "$tmp/$c.docx" >"$tmp/$c.$m" 2>"$tmp/err"; then
			same "$c ($m)" "$d/$m.txt" "$tmp/$c.$m"
		else
			not_ok "$c ($m): $(cat "$tmp/err")"
		fi
	done
done

# the command line: --original, standard input, import
tracked="$tmp/tracked.docx"
"$redline" diff "$tracked" "$fix/hand/tracked/accepted.txt" >/dev/null 2>&1
rc1=$?
"$redline" diff --original "$tracked" "$fix/hand/tracked/original.txt" >/dev/null 2>&1
rc2=$?
"$redline" diff "$tracked" "$fix/hand/tracked/original.txt" >/dev/null 2>&1
rc3=$?
if [ "$rc1$rc2$rc3" = 001 ]; then ok "diff reads tracked changes accepted, and rejected with --original"
else not_ok "diff reads tracked changes accepted, and rejected with --original (exits $rc1 $rc2 $rc3)"; fi
"$redline" parse --original --format=json "$tracked" | grep -v '"source":' >"$tmp/a.json"
"$redline" parse --format=json "$fix/hand/tracked/original.txt" | grep -v '"source":' >"$tmp/b.json"
same "parse --original reads the document before its tracked changes" "$tmp/b.json" "$tmp/a.json"
"$redline" parse --format=json - <"$tmp/footnotes.docx" 2>/dev/null | grep -v '"source":' >"$tmp/out"
"$redline" parse --format=json "$fix/hand/footnotes/accepted.txt" 2>/dev/null | grep -v '"source":' >"$tmp/want"
same "parse reads a Word document from standard input" "$tmp/want" "$tmp/out"
"$redline" diff "$tmp/footnotes.docx" - <"$fix/hand/footnotes/accepted.txt" >"$tmp/out" 2>&1
if [ $? -eq 0 ]; then ok "diff: a Word document and its normal form are the same"; else not_ok "diff: a Word document and its normal form are the same"; cat "$tmp/out"; fi

mkdir "$tmp/repo"
git -C "$tmp/repo" init -q -b main
cp "$tmp/numbering.docx" "$tmp/A_RES_85_993.docx"
if (cd "$tmp/repo" && "$redline" import --author='Test <t@example.org>' "$tmp/A_RES_85_993.docx") >"$tmp/out" 2>&1 &&
	grep -q "on A_RES_85_993.txt" "$tmp/out" &&
	git -C "$tmp/repo" show HEAD:A_RES_85_993.txt >"$tmp/stored" 2>&1; then
	same "import stores a Word document's normal form, in a series named .txt" "$fix/hand/numbering/accepted.txt" "$tmp/stored"
else
	not_ok "import of a Word document"; cat "$tmp/out"
fi
if (cd "$tmp/repo" && "$redline" import --original --force --path=tracked.txt --author='Test <t@example.org>' \
	"$tracked") >"$tmp/out" 2>&1 && git -C "$tmp/repo" show HEAD:tracked.txt >"$tmp/stored" 2>&1; then
	same "import --original stores the document before its tracked changes" "$fix/hand/tracked/original.txt" "$tmp/stored"
else
	not_ok "import --original"; cat "$tmp/out"
fi

# broken and hostile files: one line naming the file, exit 2, through
# parse, diff and import
: >"$tmp/empty.docx"
head -c 1000 "$tmp/tracked.docx" >"$tmp/truncated.docx"
printf 'The General Assembly,\n' >"$tmp/text.docx"
printf '\320\317\021\340\241\261\032\341 and then some' >"$tmp/old.docx"
"$mkdocx" --xlsx "$tmp/book.xlsx"
"$mkdocx" --bomb "$tmp/bomb.docx" 65
"$mkdocx" --nest "$tmp/nest.docx" 100000
"$mkdocx" --entries "$tmp/entries.docx" 10001
for c in billion-laughs external-entity malformed; do "$mkdocx" "$tmp/$c.docx" "$fix/hostile/$c"; done
# refused FILE MESSAGE: every command that reads a file says MESSAGE
refused() {
	for cmd in parse diff import; do
		if [ "$cmd" = diff ]; then
			(cd "$tmp/repo" && "$redline" diff "$tmp/$1" "$fix/hand/tracked/accepted.txt") >"$tmp/out" 2>"$tmp/err"
		else
			(cd "$tmp/repo" && "$redline" "$cmd" "$tmp/$1") >"$tmp/out" 2>"$tmp/err"
		fi
		rc=$?
		if [ "$rc" -ne 2 ]; then
			not_ok "$1 through $cmd: exit $rc, expected 2"; cat "$tmp/err"
		elif [ "$(cat "$tmp/err")" != "redline: '$tmp/$1': $2" ]; then
			not_ok "$1 through $cmd: '$(cat "$tmp/err")', expected '$2'"
		else
			ok "$1 through $cmd: $2"
		fi
	done
}
refused empty.docx "not a Word document (an empty file)"
refused truncated.docx "not a Word document (a truncated or damaged ZIP archive)"
refused text.docx "not a Word document (not a ZIP archive)"
refused old.docx "not a Word document (a Word 97-2003 file, or one encrypted with a password: save it as .docx without one)"
refused book.xlsx "not a Word document (no word/document.xml)"
refused bomb.docx "word/document.xml expands beyond 64 MB; refused (a zip bomb?)"
refused nest.docx "word/document.xml nests elements more than 256 deep; refused"
refused entries.docx "not a Word document (a ZIP archive of 10002 entries; refused)"
refused billion-laughs.docx "word/document.xml declares a DTD, which Word documents never do; refused"
refused external-entity.docx "word/document.xml declares a DTD, which Word documents never do; refused"
refused malformed.docx "damaged Word document (word/document.xml: mismatched tag at line 3, column 39)"
# LibreOffice's documents: the normal form, and what redline makes of it
lo="$fix/lo"
"$docxtext" "$lo/short.docx" >"$tmp/short.txt" 2>&1
same "short.docx: normal form" "$golden/docx-short.txt" "$tmp/short.txt"
run_golden "short.docx: parse" 0 parse-docx-short.txt "$abs_top_srcdir" parse "$lo/short.docx"
"$docxtext" "$lo/ied-77-64-illustrative.docx" >"$tmp/ied.txt" 2>&1
same "ied-77-64-illustrative.docx: normal form" "$golden/docx-ied-illustrative.txt" "$tmp/ied.txt"

# the illustrative 77/64 as text and as Word: the same resolution
ied_txt="$abs_top_srcdir/samples/ied-77-64-illustrative.txt"
ied_docx="$lo/ied-77-64-illustrative.docx"
"$redline" parse --format=json "$ied_txt" | grep -v '"source":' >"$tmp/ied-txt.json"
"$redline" parse --format=json "$ied_docx" | grep -v '"source":' >"$tmp/ied-docx.json"
same "illustrative 77/64: the DOCX parses as its text (metadata, clauses, footnotes)" "$tmp/ied-txt.json" "$tmp/ied-docx.json"
"$redline" diff --ignore-typography --stat "$ied_docx" "$ied_txt" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && grep -q '^54 unchanged, 0 modified, 0 inserted, 0 deleted, 0 moved, 0 renumbered' "$tmp/out"; then
	ok "illustrative 77/64: DOCX and text compare as unchanged"
else
	not_ok "illustrative 77/64: DOCX and text compare as unchanged (exit $rc)"; cat "$tmp/out"
fi

# made again by LibreOffice: still read the same
if ! command -v "${SOFFICE:-soffice}" >/dev/null 2>&1; then
	ok "LibreOffice makes the documents again, read the same # SKIP soffice not installed (libreoffice-writer-nogui)"
elif MKDOCX="$mkdocx" HTML=0 sh "$fix/make-docx-fixtures.sh" "$tmp/regen" >"$tmp/log" 2>&1; then
	"$docxtext" "$tmp/regen/short.docx" >"$tmp/regen-short.txt" 2>&1
	same "LibreOffice makes short.docx again, read the same" "$golden/docx-short.txt" "$tmp/regen-short.txt"
	"$docxtext" "$tmp/regen/ied-77-64-illustrative.docx" >"$tmp/regen-ied.txt" 2>&1
	same "LibreOffice makes ied-77-64-illustrative.docx again, read the same" \
		"$golden/docx-ied-illustrative.txt" "$tmp/regen-ied.txt"
else
	not_ok "LibreOffice makes the documents again"; cat "$tmp/log"
fi
# the committed HTML is what txt2html.py makes of the texts
if command -v python3 >/dev/null 2>&1; then
	for t in "$lo/short.txt" "$ied_txt"; do
		b=$(basename "$t" .txt)
		python3 "$fix/txt2html.py" "$t" "$tmp/$b.html" 2>"$tmp/err"
		same "lo/$b.html is up to date with its text" "$lo/$b.html" "$tmp/$b.html"
	done
else
	ok "lo/*.html are up to date with their texts # SKIP python3 not installed"
fi

tap_summary docx
