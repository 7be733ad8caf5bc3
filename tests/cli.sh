#!/bin/sh
# Golden tests for the command line: output, exit codes, error messages.
# REDLINE_UPDATE_GOLDEN=1 rewrites the expected files instead of comparing.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
cd "$abs_top_srcdir" || exit 99
export LC_ALL=C.UTF-8 TERM=dumb

# golden NAME EXPECTED_RC ARGS...: stdout must equal tests/golden/NAME
golden() {
	name=$1 want=$2
	shift 2
	run_golden "$name" "$want" "$name" . "$@"
}

# fails NAME EXPECTED_RC MESSAGE ARGS...: stderr is exactly MESSAGE (one line)
fails() {
	name=$1 want=$2 msg=$3
	shift 3
	(cd "${RUN_IN:-.}" && "$redline" "$@") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		not_ok "$name: exit $rc, expected $want"
	elif [ "$(head -1 "$tmp/err")" != "$msg" ]; then
		not_ok "$name: message '$(head -1 "$tmp/err")', expected '$msg'"
	else
		ok "$name"
	fi
}

seed=samples/A-RES-79-53.txt
prior=tests/fixtures/versions/ied-prior.txt

golden parse-seed.txt 0 parse "$seed"
golden parse-seed.json 0 parse --format=json "$seed"
golden diff-prior.txt 1 diff --color=never "$prior" "$seed"
golden diff-prior.json 1 diff --format=json "$prior" "$seed"
golden diff-prior-stat.txt 1 diff --stat "$prior" "$seed"
golden diff-prior-context.txt 1 diff --context=1 --width=72 "$prior" "$seed"
golden diff-same.txt 0 diff "$seed" "$seed"
golden diff-prior-stat.json 1 diff --stat --format=json "$prior" "$seed"
if grep -q '"format": "redline-diff/1"' "$tmp/out" && grep -q '"summary": {' "$tmp/out" && grep -q '"old": {' "$tmp/out" &&
   ! grep -q '"changes"' "$tmp/out"; then ok "--stat --format=json: the summary only"; else not_ok "--stat --format=json: the summary only"; fi

golden parse-fr.txt 0 parse tests/fixtures/lang/fr-sample.txt
golden parse-es.txt 0 parse tests/fixtures/lang/es-sample.txt
golden parse-subparas.json 0 parse --format=json tests/fixtures/lang/en-subparas.txt

# an opener that changed but kept its strength: one word, "same", in the
# header, the summary and JSON; "same" and "unknown" are counted apart
printf 'The General Assembly,\n\nExpressing deep concern about the threat,\n\nRecalling its resolutions on the matter,\n\n1. Encourages States to act;\n' >"$tmp/s1.txt"
printf 'The General Assembly,\n\nExpressing profound concern about the threat,\n\nStressing its resolutions on the matter,\n\n1. Encourages States to act;\n' >"$tmp/s2.txt"
"$redline" diff "$tmp/s1.txt" "$tmp/s2.txt" >"$tmp/out"
if grep -qx 'PP1  modified, verb same strength (Expressing deep concern -> Expressing profound concern)' "$tmp/out" &&
   grep -qx 'PP2  modified, verb strength unknown (Recalling -> Stressing)' "$tmp/out" &&
   grep -q '^verbs: 0 stronger, 0 weaker, 1 same strength, 1 strength unknown;' "$tmp/out"; then
	ok "same strength: one word in the text"
else
	not_ok "same strength: one word in the text"; grep 'verb' "$tmp/out" | sed 's/^/# /'
fi
"$redline" diff --stat --format=json "$tmp/s1.txt" "$tmp/s2.txt" >"$tmp/out"
if grep -q '"same": 1' "$tmp/out" && grep -q '"unknown": 1' "$tmp/out" && grep -q '"stronger": 0' "$tmp/out"; then
	ok "same and unknown counted apart in JSON"
else
	not_ok "same and unknown counted apart in JSON"
fi

# each side is labelled with its symbol and the file it came from
"$redline" diff --stat "$prior" "$seed" >"$tmp/out"
if [ "$(head -2 "$tmp/out")" = "--- A/RES/77/64 ($prior)  (54 clauses)
+++ A/RES/79/53 ($seed)  (57 clauses)" ]; then ok "sides labelled with symbol and file"; else not_ok "sides labelled with symbol and file: $(head -2 "$tmp/out")"; fi
printf 'Minutes\n\nThe chair opened the meeting.\n' >"$tmp/notes.txt"
"$redline" diff --stat "$tmp/notes.txt" "$tmp/notes.txt" >"$tmp/out" 2>/dev/null
if [ "$(head -1 "$tmp/out")" = "--- $tmp/notes.txt  (2 clauses)" ]; then ok "a file without a symbol: its name"; else not_ok "a file without a symbol: $(head -1 "$tmp/out")"; fi

# standard input as one side
"$redline" diff --stat "$prior" - <"$seed" >"$tmp/out" 2>&1
if [ $? -eq 1 ] && sed 2d "$golden/diff-prior-stat.txt" | diff -q - "$(sed 2d "$tmp/out" >"$tmp/out2"; echo "$tmp/out2")" >/dev/null &&
   [ "$(sed -n 2p "$tmp/out")" = "+++ A/RES/79/53 (standard input)  (57 clauses)" ]; then ok "stdin as NEW"; else not_ok "stdin as NEW"; fi

# colour: always gives SGR sequences and no markers around words (an edit of
# punctuation alone keeps them: "{+,+}"); auto into a pipe gives none
"$redline" diff --color=always "$prior" "$seed" >"$tmp/out"
if grep -q "$(printf '\033')\[32m" "$tmp/out" && ! grep -qE '\{\+[^}]*[[:alnum:]]' "$tmp/out" &&
   grep -qF '{+,+}' "$tmp/out"; then ok "color=always"; else not_ok "color=always"; fi
NO_COLOR=1 "$redline" diff --color=auto "$prior" "$seed" >"$tmp/out"
if ! grep -q "$(printf '\033')" "$tmp/out" && grep -qF '{+' "$tmp/out"; then ok "NO_COLOR"; else not_ok "NO_COLOR"; fi

# hostile text: escape sequences and controls from a document are shown, never sent
printf 'The General Assembly,\n\nNoting \033[2J\033]0;pwned\007 the report,\n\n1. Decides \302\233 to act \342\200\256 now.\n' >"$tmp/hostile.txt"
"$redline" parse "$tmp/hostile.txt" >"$tmp/out"
if ! grep -q "$(printf '\033')" "$tmp/out" && ! grep -q "$(printf '\007')" "$tmp/out" &&
   grep -qF 'Noting ^[[2J^[]0;pwned^G the report,' "$tmp/out" && grep -qF 'Decides \x9b to act <U+202E> now.' "$tmp/out"; then
	ok "control characters shown visibly"
else
	not_ok "control characters shown visibly"; cat -A "$tmp/out" | head -20
fi
"$redline" diff --color=always "$seed" "$tmp/hostile.txt" >"$tmp/out"
if grep -c "$(printf '\033')" "$tmp/out" | grep -q . && ! grep -q "$(printf '\033')\[2J" "$tmp/out"; then ok "diff keeps document escapes out"; else not_ok "diff keeps document escapes out"; fi

# errors: one line naming the file, exit 2
# outside any repository, a name that is not a file is reported as a missing file
RUN_IN=$tmp fails missing-file 2 "redline: cannot open 'no/such.txt': No such file or directory" diff "$abs_top_srcdir/$seed" no/such.txt
printf 'The General Assembly,\n\nNoting the r\351sum\351,\n' >"$tmp/latin1.txt"
fails not-utf8 2 "redline: '$tmp/latin1.txt':3: invalid UTF-8 (byte 0xE9); convert the file to UTF-8" parse "$tmp/latin1.txt"
printf 'a\000b' >"$tmp/nul.bin"
fails binary 2 "redline: '$tmp/nul.bin':1: binary data (NUL byte), not a text file" diff "$tmp/nul.bin" "$seed"
fails bad-option 2 "redline: unknown option: '--frobnicate'" diff --frobnicate "$seed" "$seed"
fails bad-format 2 "redline: unknown format: 'xml' (text or json)" parse --format=xml "$seed"
fails one-file 2 "redline: '$seed' is a file; diff needs OLD and NEW" diff "$seed"
fails unknown-command 2 "redline: unknown command: 'frob'" frob
fails directory 2 "redline: cannot read 'samples': Is a directory" parse samples

# what a file is when it is not UTF-8 text: one line that says what to do;
# UTF-16 with a byte-order mark is simply read
printf '%%PDF-1.4\n%%\342\343\317\323\n1 0 obj\n' >"$tmp/res.pdf"
# a PDF is read by the reader; one that is broken says so, naming the file
fails pdf 2 "redline: cannot read PDF '$tmp/res.pdf': the file is damaged or not a PDF" parse "$tmp/res.pdf"
printf 'PK\003\004\024\000\006\000\010\000\000\000[Content_Types].xml...PK\003\004word/document.xml' >"$tmp/draft.docx"
# a Word document is read by its reader; a damaged one says so
fails docx 2 "redline: '$tmp/draft.docx': not a Word document (a truncated or damaged ZIP archive)" diff "$seed" "$tmp/draft.docx"
iconv -f UTF-8 -t UTF-16 "$seed" >"$tmp/seed-utf16.txt"
golden parse-seed.txt 0 parse "$tmp/seed-utf16.txt"
run_golden "UTF-16 with a BOM compares as the same text" 0 - . diff "$seed" "$tmp/seed-utf16.txt"
iconv -f UTF-8 -t UTF-16BE "$seed" | { printf '\376\377'; cat; } >"$tmp/seed-utf16be.txt"
run_golden "UTF-16BE with a BOM" 0 - . diff --stat "$tmp/seed-utf16be.txt" "$seed"
iconv -f UTF-8 -t UTF-16LE "$seed" >"$tmp/nobom.txt"
fails utf16-no-bom 2 "redline: '$tmp/nobom.txt' looks like UTF-16 text without a byte-order mark; convert it to UTF-8 first (iconv -f UTF-16LE -t UTF-8 $tmp/nobom.txt > $tmp/nobom-utf8.txt)" parse "$tmp/nobom.txt"

# changes that are typography only are counted, with the way to hide them
printf "The General Assembly,\n\nRecalling the 'Convention' on the matter,\n\n1. Encourages States to act;\n" >"$tmp/t1.txt"
printf 'The General Assembly,\n\nRecalling the \342\200\230Convention\342\200\231 on the matter,\n\n1. Encourages all States to act;\n' >"$tmp/t2.txt"
"$redline" diff "$tmp/t1.txt" "$tmp/t2.txt" >"$tmp/out"
if [ "$(tail -1 "$tmp/out")" = "1 of the 2 modified clauses differs in typography only (quotes, dashes, hyphen joins, spacing); --ignore-typography hides it" ]; then
	ok "typography-only changes counted"
else
	not_ok "typography-only changes counted: $(tail -1 "$tmp/out")"
fi
"$redline" diff --stat "$tmp/t1.txt" "$tmp/t2.txt" >"$tmp/out"
if tail -1 "$tmp/out" | grep -q '^1 of the 2 modified clauses differs in typography only'; then ok "typography-only, --stat"; else not_ok "typography-only, --stat"; fi
"$redline" diff --ignore-typography "$tmp/t1.txt" "$tmp/t2.txt" >"$tmp/out"
if ! grep -q 'typography only' "$tmp/out" && grep -q '^1 unchanged, 1 modified' "$tmp/out"; then ok "typography ignored: no note"; else not_ok "typography ignored: no note"; fi
"$redline" diff --stat --format=json "$tmp/t1.txt" "$tmp/t2.txt" >"$tmp/out"
if grep -q '"typography_only": 1' "$tmp/out"; then ok "typography_only in JSON"; else not_ok "typography_only in JSON"; fi

# plain text against a resolution is a difference, whatever the clauses say
printf '' >"$tmp/empty.txt"
printf 'The General Assembly,\n' >"$tmp/formula.txt"
"$redline" diff --stat "$tmp/empty.txt" "$tmp/formula.txt" >"$tmp/out" 2>&1
if [ $? -eq 1 ] && grep -q "now reads as a resolution" "$tmp/out"; then ok "plain text vs resolution differs"; else not_ok "plain text vs resolution differs"; cat "$tmp/out"; fi

# not a resolution: parses, with a warning on stderr
printf 'Minutes\n\nThe chair opened the meeting.\n' >"$tmp/minutes.txt"
"$redline" parse "$tmp/minutes.txt" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q "warning: .*not a resolution" "$tmp/err" && grep -q '^P2' "$tmp/out"; then ok "plain text falls back to paragraphs"; else not_ok "plain text falls back to paragraphs"; fi


# each command takes its own options, and says so of the others
fails parse-no-stat 2 "redline: parse does not take --stat" parse --stat "$seed"
fails ls-no-width 2 "redline: ls does not take --width" ls --width=80
fails import-no-color 2 "redline: import does not take --color" import --color=never "$seed"
fails log-no-typo 2 "redline: log does not take --ignore-typography" log --ignore-typography
fails global-after-command 2 "redline: --no-pager goes before the command: redline --no-pager diff ..." diff --no-pager "$seed" "$seed"
fails command-option-first 2 "redline: --stat is an option of a command; it goes after it: redline COMMAND --stat ..." --stat diff "$seed" "$seed"
golden diff-prior-stat.txt 1 diff --st "$prior" "$seed"
fails ambiguous-option 2 "redline: ambiguous option: '--co'" diff --co=1 "$seed" "$seed"
# a command's help lists exactly the options it takes: every option some
# command's help shows is refused by the commands whose help does not show it
commands=$("$redline" help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p')
for cmd in $commands; do "$redline" help "$cmd"; done 2>/dev/null | grep -o '^  \(-[a-z], \)*--[a-z-]*' | sed 's/.*--//' | sort -u >"$tmp/all-options"
if [ "$(wc -l <"$tmp/all-options")" -ge 10 ]; then ok "the helps list the options"; else not_ok "the helps list the options: $(tr '\n' ' ' <"$tmp/all-options")"; fi
agree=1
for cmd in $commands; do
	"$redline" "$cmd" --help >"$tmp/h" 2>&1 || agree=0
	while read -r opt; do
		(cd "$tmp" && "$redline" "$cmd" "--$opt=1" </dev/null >/dev/null 2>"$tmp/e")
		said=$(grep -c "does not take --$opt" "$tmp/e")
		if grep -q "^  \(-[a-z], \)*--$opt\b" "$tmp/h"; then
			[ "$said" = 0 ] || { agree=0; echo "# $cmd --help shows --$opt but $cmd refuses it"; }
		else
			[ "$said" = 1 ] || { agree=0; echo "# $cmd --help does not show --$opt but $cmd takes it"; }
		fi
	done <"$tmp/all-options"
done
if [ $agree = 1 ]; then ok "each command's help and parser agree"; else not_ok "each command's help and parser agree"; fi

# help: per command, the same through --help and help CMD; the overview; errors
"$redline" diff --help >"$tmp/h1" 2>&1; rc1=$?
"$redline" help diff >"$tmp/h2" 2>&1; rc2=$?
if [ $rc1 = 0 ] && [ $rc2 = 0 ] && head -1 "$tmp/h1" | grep -q '^usage: redline diff ' && cmp -s "$tmp/h1" "$tmp/h2" &&
   grep -q -- '--ignore-typography' "$tmp/h1" && ! grep -q -- '--path' "$tmp/h1"; then
	ok "diff --help and help diff"
else
	not_ok "diff --help and help diff"; head -3 "$tmp/h1" "$tmp/h2"
fi
"$redline" help >"$tmp/h1" && "$redline" --help >"$tmp/h2" && head -1 "$tmp/h1" | grep -q '^usage: redline \[' &&
	cmp -s "$tmp/h1" "$tmp/h2" && grep -q '^  import ' "$tmp/h1" && ok "help: the overview" || not_ok "help: the overview"
fails help-unknown 2 "redline: unknown command: 'frob'" help frob
fails help-two 2 "redline: help takes at most one COMMAND" help diff log

# options after operands, as in git; -- ends the options
golden diff-prior-stat.txt 1 diff "$prior" "$seed" --stat
"$redline" diff "$prior" --color "$seed" >"$tmp/out"
if grep -q "$(printf '\033')\[32m" "$tmp/out"; then ok "a bare --color means always"; else not_ok "a bare --color means always"; fi
"$redline" diff --color=always --no-color "$prior" "$seed" >"$tmp/out"
if ! grep -q "$(printf '\033')" "$tmp/out" && grep -qF '{+' "$tmp/out"; then ok "--no-color"; else not_ok "--no-color"; fi
# OLD..NEW, and a file named exactly that wins
golden diff-prior-stat.txt 1 diff --stat "$prior..$seed"
cp "$seed" "$tmp/a..b"
RUN_IN=$tmp fails range-file-wins 2 "redline: 'a..b' is a file; diff needs OLD and NEW" diff a..b

"$redline" --help >"$tmp/out" && grep -q '^usage: redline' "$tmp/out" && ok "--help" || not_ok "--help"
"$redline" --version | grep -q '^redline [0-9]' && ok "--version" || not_ok "--version"

tap_summary cli
