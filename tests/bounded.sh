#!/bin/sh
# Bounded work on any input: what is not a document, or is too large, is
# refused at once with one line and exit 2, never read until memory runs
# out or waited on forever; work on large inputs grows linearly, shown by
# doubling the size (memory is asserted, times are only printed: no timing
# assertions). The interface's side (a signal obeyed while it works) is in
# tests/tui/37-*.script.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
peakrss="$abs_top_builddir/tests/peakrss"
seed="$abs_top_srcdir/samples/A-RES-79-53.txt"

# refused NAME MESSAGE ARGS...: exit 2 and exactly MESSAGE on stderr, well
# within a guard that only catches a hang
refused() {
	name=$1 want=$2
	shift 2
	timeout 60 "$redline" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	if [ $rc -eq 2 ] && [ "$(cat "$tmp/err")" = "$want" ]; then
		ok "$name"
	else
		not_ok "$name: exit $rc, stderr '$(head -c 300 "$tmp/err")', expected '$want'"
	fi
}

refused "/dev/zero is binary, found in its first block" \
	"redline: '/dev/zero':1: binary data (NUL byte), not a text file" parse /dev/zero
timeout 60 "$redline" diff /dev/urandom "$seed" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "^redline: '/dev/urandom'" "$tmp/err" && [ "$(wc -l <"$tmp/err")" -eq 1 ]; then
	ok "/dev/urandom: one line, exit 2"
else
	not_ok "/dev/urandom: exit $rc, $(head -c 300 "$tmp/err")"
fi
# a binary stream on standard input: read no further than its first block
# (the writer gets a broken pipe long before 1 GB)
head -c 1000000000 /dev/zero | timeout 60 "$redline" parse - >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "binary data (NUL byte)" "$tmp/err"; then ok "binary standard input stops at once"; else
	not_ok "binary standard input: exit $rc, $(cat "$tmp/err")"; fi

# too large: a file (sparse: nothing to read) refused unread; standard
# input refused once past the limit
truncate -s 65M "$tmp/huge.txt"
refused "a file over 64 MB" \
	"redline: '$tmp/huge.txt' is larger than 64 MB; refused (a resolution is well under 1 MB)" parse "$tmp/huge.txt"
truncate -s 64M "$tmp/limit.txt"
timeout 60 "$redline" parse "$tmp/limit.txt" >/dev/null 2>"$tmp/err"
if grep -q "larger than" "$tmp/err"; then not_ok "a file of exactly 64 MB is within the limit"; else
	ok "a file of exactly 64 MB is within the limit"; fi
yes 'Noting the text of a very long line that repeats,' | head -c 70000000 |
	timeout 60 "$redline" parse - >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && [ "$(cat "$tmp/err")" = "redline: 'standard input' is larger than 64 MB; refused (a resolution is well under 1 MB)" ]; then
	ok "standard input over 64 MB"
else
	not_ok "standard input over 64 MB: exit $rc, $(cat "$tmp/err")"
fi

# a FIFO: nothing writes to it, so it is refused after a wait, not waited
# on forever; with a writer it reads as a file
mkfifo "$tmp/fifo"
refused "a FIFO without a writer" \
	"redline: '$tmp/fifo' is a FIFO that nothing wrote to in 5 s; start its writer first" parse "$tmp/fifo"
(cat "$seed" >"$tmp/fifo") &
if timeout 60 "$redline" parse "$tmp/fifo" >"$tmp/fifo.out" 2>"$tmp/err" &&
   "$redline" parse "$seed" | cmp -s - "$tmp/fifo.out"; then
	ok "a FIFO with a writer reads as the file"
else
	not_ok "a FIFO with a writer: $(cat "$tmp/err")"
fi
wait

# linear growth: the same work at size N and 2N. Memory is the figure
# asserted (above what the program takes reading nothing): doubling the
# input may at most double it, with a margin for allocators' steps. Under
# the sanitizers memory says nothing (shadow, quarantine): times and
# memory are then only printed.
if nm "$redline" 2>/dev/null | grep -q '__asan_init'; then sanitized=1; else sanitized=0; fi
base=$("$peakrss" "$redline" --version 2>&1 >/dev/null | sed -n 's/^peakrss //p')

# peak KIND N FILE... : run, print time and memory, leave KB in $kb
peak() {
	what=$1
	shift
	start=$(date +%s%N)
	"$peakrss" timeout 300 "$redline" "$@" >/dev/null 2>"$tmp/peak.err"
	rc=$?
	end=$(date +%s%N)
	kb=$(sed -n 's/^peakrss //p' "$tmp/peak.err")
	echo "# $what: $(((end - start) / 1000000)) ms, peak $kb KB (exit $rc)"
}

# linear NAME KB_N KB_2N
linear() {
	if [ $sanitized = 1 ]; then
		ok "$1 (memory not judged under the sanitizers)"
	elif [ $(( ($3 - base) * 10 )) -le $(( ($2 - base) * 25 )) ]; then
		ok "$1: memory above the baseline grows at most 2.5x when the input doubles"
	else
		not_ok "$1: $2 KB then $3 KB (baseline $base KB) for twice the input"
	fi
}

# the parser on one paragraph number repeated (was quadratic)
for n in 40000 80000; do
	awk -v n=$n 'BEGIN { print "The General Assembly,\n"; for (i = 0; i < n; i++) print "1. Decides to remain seized of the matter;\n" }' \
		>"$tmp/rep$n.txt"
done
peak "parse, 1. repeated 40,000 times" parse "$tmp/rep40000.txt"; k1=$kb
peak "parse, 1. repeated 80,000 times" parse "$tmp/rep80000.txt"; k2=$kb
linear "parse of a repeated paragraph number" "$k1" "$k2"

# the word diff on one long line (one clause of N words), changed every 50 words
for n in 200000 400000; do
	for v in 1 2; do
		awk -v n=$n -v v=$v 'BEGIN {
			split("States Assembly resolution the of and to in measures devices", w, " ")
			printf "The General Assembly,\n\n1. Decides"
			x = 1
			for (i = 0; i < n; i++) {
				x = (x * 1103515245 + 12345) % 2147483648
				printf " %s", (v == 2 && i % 50 == 0) ? "changed" : w[int(x / 65536) % 10 + 1]
			}
			print ";"
		}' >"$tmp/line$n-$v.txt"
	done
done
peak "diff, one clause of 200,000 words" diff "$tmp/line200000-1.txt" "$tmp/line200000-2.txt"; k1=$kb
peak "diff, one clause of 400,000 words" diff "$tmp/line400000-1.txt" "$tmp/line400000-2.txt"; k2=$kb
linear "diff of one long clause" "$k1" "$k2"

# many clauses: the reference text repeated, with a word changed in each copy
for n in 40 80; do
	awk -v n=$n 'NR == FNR { a[++m] = $0; next } END {
		print "The General Assembly,\n"; k = 0
		for (c = 0; c < n; c++) for (i = 1; i <= m; i++) {
			l = a[i]
			if (l ~ /^[0-9]+\. /) { k++; sub(/^[0-9]+\./, k ".", l) }
			if (l ~ /^(The General Assembly,|[0-9]+\/[0-9]+\.)/) continue
			print l
		}
	}' "$seed" "$seed" >"$tmp/many$n-1.txt"
	sed 's/ States / Member States /' "$tmp/many$n-1.txt" >"$tmp/many$n-2.txt"
done
peak "diff, the reference text 40 times" diff "$tmp/many40-1.txt" "$tmp/many40-2.txt"; k1=$kb
peak "diff, the reference text 80 times" diff "$tmp/many80-1.txt" "$tmp/many80-2.txt"; k2=$kb
linear "diff of many clauses" "$k1" "$k2"

# a draft's header: one line of kind phrases (each was searched for again
# from the one before), and one of sponsors' colons after a long start
# that is no list of names (each read again from the line's start)
for n in 20000 40000; do
	awk -v n=$n 'BEGIN { printf "Distr.: General\n\n"; for (i = 0; i < n; i++) printf "draft resolution "
		printf "\n\n"; for (i = 0; i < n * 2; i++) printf "Xx "; printf "x"; for (i = 0; i < n / 2; i++) printf ": draft resolution"
		print "\n\nThe General Assembly,\n\n1. Decides to remain seized of the matter.\n" }' >"$tmp/head$n.txt"
done
peak "parse, a header line of 20,000 kind phrases" parse "$tmp/head20000.txt"; k1=$kb; r1=$rc
peak "parse, a header line of 40,000 kind phrases" parse "$tmp/head40000.txt"; k2=$kb; r2=$rc
if [ "$r1" -eq 0 ] && [ "$r2" -eq 0 ]; then ok "a header of repeated kind phrases is read"; else
	not_ok "a header of repeated kind phrases: exit $r1 and $r2"; fi
linear "parse of a header of repeated kind phrases" "$k1" "$k2"

# footnotes that nothing pairs: each new one was compared with every old
# one, a word diff or two word bags built again for each pair
for n in 2000 4000; do
	for v in 1 2; do
		awk -v n=$n -v v=$v 'BEGIN {
			print "---\nsymbol: A/RES/85/901\ntitle: \"Care of lighthouses\"\n---\n\nThe General Assembly,\n"
			for (i = 1; i <= n; i++)
				if (v == 1) printf "Recalling its resolution %d of the year,[^%d]\n\n", i, i
				else printf "Noting with concern the report number %d on the theme,[^%d]\n\n", i * 13, i
			print "1. Decides to remain seized of the matter.\n\n---\n"
			for (i = 1; i <= n; i++)
				if (v == 1) printf "[^%d]: See document A/%d/%d, annex, alpha%d gamma%d.\n\n", i, i, i * 7, i, i * 3
				else printf "[^%d]: Official Records, supplement No. %d, beta%d delta%d.\n\n", i, i * 11, i, i * 5
		}' >"$tmp/notes$n-$v.md"
	done
done
peak "diff --ignore-typography, 2,000 footnotes a side, none alike" diff --ignore-typography "$tmp/notes2000-1.md" "$tmp/notes2000-2.md"; k1=$kb
peak "diff --ignore-typography, 4,000 footnotes a side, none alike" diff --ignore-typography "$tmp/notes4000-1.md" "$tmp/notes4000-2.md"; k2=$kb
linear "diff of footnotes none alike" "$k1" "$k2"
timeout 300 "$redline" diff --stat "$tmp/notes4000-1.md" "$tmp/notes4000-2.md" >"$tmp/out" 2>/dev/null
rc=$?
if [ $rc -eq 1 ] && grep -q 'footnotes: 0 modified, 4000 inserted, 4000 deleted' "$tmp/out"; then
	ok "4,000 footnotes none alike: each inserted or deleted"
else
	not_ok "4,000 footnotes none alike: exit $rc, $(grep footnotes "$tmp/out")"
fi

# typed text is one page, whose footnotes are looked for at its bottom; a
# number glued to a word ("w123") reads as a marker, so every clause adds
# one to find: each line of the page was tried as the block's start
for n in 25000 50000; do
	awk -v n=$n 'BEGIN { print "The General Assembly,\n"
		for (i = 1; i <= n; i++) printf "Recalling w%d its decision on the item of the list.\n\n", i
		print "1. Decides to remain seized of the matter." }' >"$tmp/glued$n.txt"
done
peak "parse, 25,000 clauses with a number glued to a word" parse "$tmp/glued25000.txt"; k1=$kb; r1=$rc
peak "parse, 50,000 clauses with a number glued to a word" parse "$tmp/glued50000.txt"; k2=$kb; r2=$rc
if [ "$r1" -eq 0 ] && [ "$r2" -eq 0 ] &&
   timeout 300 "$redline" parse "$tmp/glued50000.txt" 2>/dev/null | grep -q 'structure  *50000 preambular, 1 operative'; then
	ok "a page of 50,000 clauses with glued numbers is read"
else
	not_ok "a page of clauses with glued numbers: exit $r1 and $r2"
fi
linear "parse of a page of clauses with glued numbers" "$k1" "$k2"

# amend compile of a long draft with twenty amendments, as a Word
# document: each amendment's paragraphs were looked for once per draft
# paragraph, and each clause whose first words the text does not show as
# the parser read them ("deci-" "sion": a hyphen joined) was looked for
# to the end of the text
export GIT_CONFIG_NOSYSTEM=1 GIT_CEILING_DIRECTORIES="$tmp" TZ=UTC
for n in 2500 5000; do
	d="$tmp/amend$n"
	mkdir -p "$d/home"
	git init -q "$d/r" && git -C "$d/r" config user.name F && git -C "$d/r" config user.email f@example.org
	awk -v n=$n 'BEGIN { print "Draft resolution\n\nThe General Assembly,\n"
		for (i = 1; i <= n; i++) printf "Recalling its deci-\nsion %d on item %d of the list,\n\n", i, i
		print "1. Decides to remain seized of the matter." }' >"$d/draft.txt"
	printf 'Urges all States to act;\n' >"$d/text.txt"
	HOME="$d/home" "$redline" -C "$d/r" import --symbol=A/C.1/79/L.1 --path=draft.txt "$d/draft.txt" >/dev/null 2>&1
	for k in 1 2 3 4 5 6 7 8 9 10; do
		HOME="$d/home" "$redline" -C "$d/r" amend propose --clause PP$((k * n / 11)) --sponsor S$k \
			--text-file "$d/text.txt" -- draft.txt >/dev/null 2>&1
		HOME="$d/home" "$redline" -C "$d/r" amend propose --after PP$((k * n / 11 + 1)) --sponsor T$k \
			--text-file "$d/text.txt" -- draft.txt >/dev/null 2>&1
	done
done
HOME="$tmp/amend2500/home" peak "amend compile, 2,500 paragraphs and 20 amendments" \
	-C "$tmp/amend2500/r" amend compile --format=docx -o - -- draft.txt; k1=$kb; r1=$rc
HOME="$tmp/amend5000/home" peak "amend compile, 5,000 paragraphs and 20 amendments" \
	-C "$tmp/amend5000/r" amend compile --format=docx -o - -- draft.txt; k2=$kb; r2=$rc
if [ "$r1" -eq 0 ] && [ "$r2" -eq 0 ] &&
   HOME="$tmp/amend5000/home" "$redline" -C "$tmp/amend5000/r" amend compile -- draft.txt 2>/dev/null |
	grep -c '^    > .*proposed' | grep -qx 20; then
	ok "amend compile of a long draft shows its twenty amendments"
else
	not_ok "amend compile of a long draft: exit $r1 and $r2"
fi
linear "amend compile of a long draft" "$k1" "$k2"

# an amendment document whose words to replace are 3,000 words of one
# word and a last one, in a clause of 200,000 of that word: each place
# tried costs the words' length (600 million steps: 13 s, and a 1 MB
# phrase would be hours); past AMEND_FIND_WORK it is not applied, and said
d="$tmp/findwork"
git init -q -b main "$d" && git -C "$d" config user.name F && git -C "$d" config user.email f@example.org
awk 'BEGIN { print "Draft resolution\n\nThe General Assembly,\n\nNoting the work,\n"; printf "1. Decides"
	for (i = 0; i < 200000; i++) printf " a"; print ";" }' >"$tmp/findwork.txt"
awk 'BEGIN { print "United Nations\n\nA/C.1/79/L.2\n\nGeneral Assembly\n\nChile: amendment to draft resolution A/C.1/79/L.1\n\n1."
	printf "In operative paragraph 1, replace \342\200\234"; for (i = 0; i < 3000; i++) printf "a "
	print "b\342\200\235 with \342\200\234c\342\200\235." }' >"$tmp/findwork-am.txt"
"$redline" -C "$d" import --symbol=A/C.1/79/L.1 --path=draft.txt "$tmp/findwork.txt" >/dev/null 2>&1
timeout 60 "$redline" -C "$d" amend import "$tmp/findwork-am.txt" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
   grep -q "^redline: .*findwork-am.txt: instruction 1 .*looking for the words \"a a a .*\.\.\.\" took more than [0-9]* steps; not applied" "$tmp/err"; then
	ok "an amendment's words looked for within a bound, and said when past it"
else
	not_ok "amendment words past the bound: exit $rc, $(head -c 300 "$tmp/err")"
fi

# a blob over 64 MB in the repository (an import refuses one; git, or
# another tool, can still write it): its size is read from its header,
# and it is refused or passed over without being inflated, loose or packed
d="$tmp/bigblob"
git init -q -b main "$d" && git -C "$d" config user.name F && git -C "$d" config user.email f@example.org
(cd "$d" && "$redline" import --path=ied.txt "$seed" >/dev/null 2>&1 &&
	big=$(head -c 200000000 /dev/zero | tr '\0' a | git hash-object -w --stdin) &&
	top=$({ git ls-tree HEAD; printf '100644 blob %s\tbig.txt\n' "$big"; } | git mktree) &&
	git update-ref refs/heads/main "$(echo big | git commit-tree "$top" -p HEAD)" && git reset -q --hard) ||
	not_ok "a repository with a 200 MB blob made"
for form in loose packed; do
	[ $form = loose ] || { git -C "$d" repack -qad && git -C "$d" prune-packed; }
	"$peakrss" timeout 120 "$redline" -C "$d" show -- big.txt >/dev/null 2>"$tmp/peak.err"
	rc=$?
	kb=$(sed -n 's/^peakrss //p' "$tmp/peak.err")
	if [ $rc -eq 2 ] && grep -qx "redline: 'big.txt' in commit [0-9a-f]\{12\} is larger than 64 MB; refused (a resolution is well under 1 MB)" "$tmp/peak.err" &&
	   [ $((kb - base)) -lt 65536 ]; then
		ok "a 200 MB blob, $form: refused, not inflated (peak $kb KB, baseline $base KB)"
	else
		not_ok "a 200 MB blob, $form: exit $rc, peak $kb KB (baseline $base KB): $(grep -v peakrss "$tmp/peak.err")"
	fi
	"$peakrss" timeout 120 "$redline" -C "$d" ls >"$tmp/ls.out" 2>"$tmp/peak.err"
	rc=$?
	kb=$(sed -n 's/^peakrss //p' "$tmp/peak.err")
	if [ $rc -eq 0 ] && [ "$(cut -f1 -d' ' "$tmp/ls.out")" = ied.txt ] && [ $((kb - base)) -lt 65536 ]; then
		ok "a 200 MB blob, $form: ls passes over it unread (peak $kb KB)"
	else
		not_ok "a 200 MB blob, $form: ls exit $rc, peak $kb KB: $(head -3 "$tmp/ls.out") $(grep -v peakrss "$tmp/peak.err")"
	fi
done

tap_summary bounded
