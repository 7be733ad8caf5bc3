#!/bin/sh
# PDFs through the command line: our own fixture (the illustrative text
# typeset by LibreOffice, tests/fixtures/pdf/) compares as unchanged with
# the text it was made from; bad PDFs give one line naming the file and
# exit 2; import stores the text and names the PDF and its hash; and, when
# the real corpus is beside the project (../shared/corpus), every real PDF
# reads as a resolution and A/RES/79/53 reads exactly as the reference.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
fixtures="$abs_top_srcdir/tests/fixtures/pdf"
pdf="$fixtures/ied-77-64-illustrative.pdf"
txt="$abs_top_srcdir/samples/ied-77-64-illustrative.txt"
pdftext="$abs_top_builddir/tests/pdftext"
corpus="$abs_top_srcdir/../shared/corpus"

# clause headers: id, opener, footnote references
clauses() { grep -E '^(PP|OP|P|ANNEX)[0-9]' "$1"; }

# fixture: the same resolution as its text
"$redline" parse "$txt" >"$tmp/txt.parse" 2>&1
if "$redline" parse "$pdf" >"$tmp/pdf.parse" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then
	ok "our PDF parses without a warning"
else
	not_ok "our PDF parses without a warning"; cat "$tmp/err"
fi
if [ "$(sed -n 1,8p "$tmp/txt.parse")" = "$(sed -n 1,8p "$tmp/pdf.parse")" ]; then
	ok "our PDF: the metadata and structure of its text"
else
	not_ok "our PDF: the metadata and structure of its text"; diff "$tmp/txt.parse" "$tmp/pdf.parse" | head -20
fi
clauses "$tmp/txt.parse" >"$tmp/a"
clauses "$tmp/pdf.parse" >"$tmp/b"
if [ -s "$tmp/a" ] && diff "$tmp/a" "$tmp/b" >"$tmp/d"; then
	ok "our PDF: every clause with its opener and footnote references"
else
	not_ok "our PDF: every clause with its opener and footnote references"; head -20 "$tmp/d"
fi
run_golden "our PDF compares as unchanged with its text, typography aside" 0 - "$tmp" \
	diff --ignore-typography "$txt" "$pdf"
run_golden "a PDF compares as unchanged with itself" 0 - "$tmp" diff "$pdf" "$pdf"
run_golden "a PDF through --format=json" 0 - "$tmp" parse --format=json "$pdf"
if grep -q '"symbol": "A/RES/77/64"' "$tmp/out"; then ok "the JSON names the PDF's symbol"; else not_ok "the JSON names the PDF's symbol"; fi

# bad input: one line naming the file, exit 2, no crash
cp "$abs_top_srcdir/samples/A-RES-79-53.txt" "$tmp/text.pdf"
head -c 30000 "$pdf" >"$tmp/truncated.pdf"
: >"$tmp/empty.pdf"
printf '%%PDF-1.7\n%%\342\343\n1 0 obj\n<< /Type /Catalog' >"$tmp/header.pdf"
for case in "$fixtures/encrypted.pdf:encrypted" "$fixtures/blank.pdf:no text" \
	"$tmp/truncated.pdf:damaged" "$tmp/header.pdf:damaged" "$tmp/empty.pdf:not a PDF" \
	"$tmp/text.pdf:not a PDF"; do
	f=${case%%:*} what=${case#*:}
	for cmd in parse diff import; do
		case $cmd in
		parse) set -- parse "$f" ;;
		diff) set -- diff "$txt" "$f" ;;
		import) rm -rf "$tmp/repo" && git init -q "$tmp/repo" && set -- -C "$tmp/repo" import "$f" ;;
		esac
		"$redline" "$@" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		name="$cmd $(basename "$f"): exit 2, one line naming the file ($what)"
		if [ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "^redline: .*$(basename "$f").*$what" "$tmp/err"; then
			ok "$name"
		else
			not_ok "$name (exit $rc)"; cat "$tmp/err"
		fi
	done
done

# import: the text in the normal form, and where it came from
rm -rf "$tmp/repo" && git init -q "$tmp/repo"
cp "$pdf" "$tmp/ied.pdf"
if "$redline" -C "$tmp/repo" import "$tmp/ied.pdf" >"$tmp/out" 2>"$tmp/err"; then
	ok "import of a PDF"
else
	not_ok "import of a PDF"; cat "$tmp/err"
fi
sum=$(sha256sum "$pdf" | cut -d' ' -f1)
git -C "$tmp/repo" log -1 --format=%B >"$tmp/msg"
if grep -qx "Source-PDF: ied.pdf" "$tmp/msg" && grep -qx "Source-SHA256: $sum" "$tmp/msg"; then
	ok "the commit names the PDF and its SHA-256"
else
	not_ok "the commit names the PDF and its SHA-256"; cat "$tmp/msg"
fi
"$pdftext" "$pdf" >"$tmp/normal"
if git -C "$tmp/repo" show HEAD:ied.txt >"$tmp/stored" 2>/dev/null && cmp -s "$tmp/normal" "$tmp/stored"; then
	ok "the series ied.txt holds the PDF's normal form"
else
	not_ok "the series ied.txt holds the PDF's normal form"; git -C "$tmp/repo" ls-tree HEAD
fi
run_golden "the same PDF again imports nothing" 0 - "$tmp" -C "$tmp/repo" import "$tmp/ied.pdf"
run_golden "the imported version compares as unchanged with the PDF" 0 - "$tmp" -C "$tmp/repo" diff 77/64 "$tmp/ied.pdf"

# the real corpus
if [ ! -d "$corpus/pdf" ]; then
	# one case skipped, and said why; the plan counts it
	echo "ok - the real PDFs # SKIP the corpus is absent ($corpus)"
	echo "1..$((pass + fail + 1))"
	echo "pdf: $pass passed, $fail failed, 1 skipped (no corpus)"
	[ "$fail" -eq 0 ]
	exit $?
fi
ref="$abs_top_srcdir/samples/A-RES-79-53.txt"
res="$corpus/pdf/A_RES_79_53.pdf"
"$redline" parse "$ref" >"$tmp/ref.parse"
"$redline" parse "$res" >"$tmp/res.parse" 2>"$tmp/err"
if grep -q "29 preambular, 28 operative, 0 sub-paragraphs, 0 annex, 24 footnotes" "$tmp/res.parse" && [ ! -s "$tmp/err" ]; then
	ok "A_RES_79_53.pdf: 29 PP, 28 OP, 24 footnotes, no warning"
else
	not_ok "A_RES_79_53.pdf: 29 PP, 28 OP, 24 footnotes, no warning"; sed -n 8p "$tmp/res.parse"; cat "$tmp/err"
fi
if [ "$(sed -n 1,8p "$tmp/ref.parse")" = "$(sed -n 1,8p "$tmp/res.parse")" ]; then
	ok "A_RES_79_53.pdf: the metadata of the reference text"
else
	not_ok "A_RES_79_53.pdf: the metadata of the reference text"; diff "$tmp/ref.parse" "$tmp/res.parse" | head
fi
clauses "$tmp/ref.parse" >"$tmp/a"
clauses "$tmp/res.parse" >"$tmp/b"
if diff "$tmp/a" "$tmp/b" >"$tmp/d"; then
	ok "A_RES_79_53.pdf: every clause with the reference's opener and footnote references"
else
	not_ok "A_RES_79_53.pdf: every clause with the reference's opener and footnote references"; head "$tmp/d"
fi
run_golden "A_RES_79_53.pdf compares as unchanged with the reference text, typography aside" 0 - "$tmp" \
	diff --ignore-typography "$ref" "$res"
for f in "$corpus"/pdf/*.pdf; do
	b=$(basename "$f")
	"$pdftext" "$f" >"$tmp/normal" 2>"$tmp/err"
	rc=$?
	"$redline" parse "$f" >"$tmp/parse" 2>>"$tmp/err"
	rc=$((rc + $?))
	# furniture: "2/8", "24-23076 (E)", "*2423076*", a running header "A/RES/79/53 Title"
	furniture=$(grep -nE '^[0-9]+/[0-9]+$|^[0-9]{2}-[0-9]{5}|^\*[0-9]{7}\*$|^A/[A-Z0-9./]+ [A-Z]|Please recycle' "$tmp/normal")
	if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] && [ -z "$furniture" ] &&
		grep -qE '^  structure +[1-9][0-9]* preambular, [1-9][0-9]* operative' "$tmp/parse" &&
		grep -qE '^  adopted|Distr\.: Limited' "$tmp/normal" "$tmp/parse"; then
		ok "$b: a resolution with preamble and operative part, no warning, no furniture"
	else
		not_ok "$b (exit $rc)"; cat "$tmp/err"; echo "$furniture"; sed -n 8p "$tmp/parse"
	fi
done
tap_summary pdf
