#!/bin/sh
# make-seeds.sh saved SRCDIR BUILDDIR
#     writes the saved seed corpora tests/fuzz/corpus-*/seed-* again from
#     the project's own texts (samples/, tests/fixtures/); BUILDDIR's
#     tests/mkdocx packages the Word fixtures. Inputs found by fuzzing
#     (crash-*, leak-*, timeout-*, ub-*) are kept as they are.
# make-seeds.sh shared SRCDIR BUILDDIR OUT [CORPUS]
#     seeds from ../shared/corpus (or CORPUS), the UN's own documents, into
#     OUT/NAME/ for a run only: never saved in the project. Exits 77,
#     saying so, when that folder is not there.
#
# Inputs are cut at 0xFF bytes where a target takes several documents
# (fuzzlib.h); texts are cut to a few kB at a line end, so the fuzzer's
# -max_len keeps whole pairs.
mode=${1:?usage: make-seeds.sh saved|shared SRCDIR BUILDDIR [OUT [CORPUS]]}
src=${2:?}
build=${3:?}
ff=$(printf '\377')

# cut FILE BYTES: the file's first BYTES bytes, to the last whole line
cut_text() { head -c "$2" "$1" | sed '$d'; }
# pair OUT A B [LABEL]: A 0xFF B (0xFF LABEL)
pair() {
	{ cat "$2"; printf '%s' "$ff"; cat "$3"; if [ -n "$4" ]; then printf '%s%s' "$ff" "$4"; fi; } >"$1"
}

saved() {
	fz=$src/tests/fuzz
	t=$(mktemp -d)
	trap 'rm -rf "$t"' EXIT
	for d in forms pdf zip config amend jsonout docxout htmlout svgout; do
		mkdir -p "$fz/corpus-$d"
		rm -f "$fz/corpus-$d"/seed-*
	done
	cut_text "$src/samples/A-RES-79-53.txt" 3500 >"$t/new"
	cut_text "$src/samples/ied-77-64-illustrative.txt" 3500 >"$t/old"
	cp "$src/tests/fixtures/lang/en-subparas.txt" "$t/sub"
	# a revision of the sub-paragraph text: a verb stronger, a clause gone, one added
	sed -e 's/Encourages/Urges/; s/Requests/Also requests/' -e '/^3\./d' "$t/sub" >"$t/sub2"
	printf '\n9. Decides to include in the provisional agenda of its eightieth session the item.\n' >>"$t/sub2"

	# the text forms: a form byte (fuzz_forms.c), then the text
	n=0
	for f in "$t/new" "$t/sub" "$src/tests/fixtures/lang/fr-sample.txt" "$src/tests/fixtures/lang/es-sample.txt"; do
		for form in 0 1 2 3 4 5; do
			{ printf "\\$(printf %03o "$form")"; cat "$f"; } >"$fz/corpus-forms/seed-$n-form$form"
		done
		n=$((n + 1))
	done
	cut_text "$src/tests/fixtures/pdf/A-RES-79-53.pdftotext.txt" 4000 | { printf '\000'; cat; } >"$fz/corpus-forms/seed-pdftotext"
	cut_text "$src/tests/fixtures/pdf/A-RES-79-53.layout.txt" 4000 | { printf '\000'; cat; } >"$fz/corpus-forms/seed-layout"

	# PDFs: the fixtures, and small ones set from the texts with their
	# content streams uncompressed, so that mutations reach the text
	for f in "$src"/tests/fixtures/pdf/*.pdf; do cp "$f" "$fz/corpus-pdf/seed-$(basename "$f")"; done
	python3 "$src/tests/fuzz/mkpdf.py" "$t/sub" "$fz/corpus-pdf/seed-subparas-plain.pdf" &&
		python3 "$src/tests/fuzz/mkpdf.py" "$t/new" "$fz/corpus-pdf/seed-79-53-plain.pdf" &&
		python3 "$src/tests/fuzz/mkpdf.py" "$src/tests/fixtures/lang/fr-sample.txt" "$fz/corpus-pdf/seed-fr-plain.pdf" ||
		exit 1

	# ZIP containers: LibreOffice's documents, and the hand-made packages
	for f in "$src"/tests/fixtures/docx/lo/*.docx; do cp "$f" "$fz/corpus-zip/seed-$(basename "$f")"; done
	for d in "$src"/tests/fixtures/docx/hand/*/package "$src"/tests/fixtures/docx/hostile/*; do
		name=$(basename "$(dirname "$d")")
		[ "$name" = hostile ] && name=hostile-$(basename "$d")
		"$build/tests/mkdocx" "$fz/corpus-zip/seed-$name.docx" "$d" || exit 1
	done

	# configuration: the documented lines, and the interface's
	printf 'set pager less -S\nset color never\n' >"$fz/corpus-config/seed-rcfile"
	printf '# keys\nbind diff x view-close\nbind generic C-d page-down\nbind generic F2 help\n\tbind versions Space enter\n' >"$fz/corpus-config/seed-bind"
	printf 'color insert blue default bold underline\ncolor delete 196 -1\nmono delete standout\nset palette colorblind\n' >"$fz/corpus-config/seed-color"
	printf 'set layout side-by-side\nset wrap no\nset markers yes\nset pager "less -R"\r\nset pager\n' >"$fz/corpus-config/seed-set"

	# amendments: records as the store keeps them, a draft, events
	draft=0123456789abcdef0123456789abcdef01234567
	{ printf 'redline-amendment 1\nseries ied.txt\ndraft %s\nsymbol A/C.1/79/L.43\naction replace\nclause OP1\nsponsor Mexico\nrationale Stronger.\n\n1. Urges all States to act now;\n' "$draft"
	  printf '%s' "$ff"; cat "$t/sub"; printf '%saccept%scosponsor Chile%sapplied %s' "$ff" "$ff" "$ff" "$draft"; } >"$fz/corpus-amend/seed-replace"
	{ printf 'redline-amendment 1\nseries ied.txt\ndraft %s\naction delete\nclause PP1\nclause OP2\nsponsor Cuba\nsponsor Chile\n' "$draft"
	  printf '%s' "$ff"; cat "$t/sub"; printf '%sreject%sreopen%swithdraw' "$ff" "$ff" "$ff"; } >"$fz/corpus-amend/seed-delete"
	{ printf 'redline-amendment 1\nseries ied.txt\ndraft %s\naction insert\nclause OP1\nsponsor Canada\ndocument A/79/L.28\npart 2\n\n2. Calls upon States to report.\n\n3. Invites others.\n' "$draft"
	  printf '%s' "$ff"; cat "$t/sub"; } >"$fz/corpus-amend/seed-insert"
	{ printf 'redline-amendment 1\nseries ied.txt\ndraft %s\naction words\nclause OP*\nsponsor Norway\nfind States\n\nall States\n' "$draft"
	  printf '%s' "$ff"; cat "$t/sub"; printf '%scosponsor Peru%saccept' "$ff" "$ff"; } >"$fz/corpus-amend/seed-words"

	# the writers: pairs OLD 0xFF NEW (0xFF a label)
	for w in jsonout docxout htmlout; do
		pair "$fz/corpus-$w/seed-ied" "$t/old" "$t/new" "A/RES/79/53"
		pair "$fz/corpus-$w/seed-subparas" "$t/sub" "$t/sub2"
		pair "$fz/corpus-$w/seed-fr-es" "$src/tests/fixtures/lang/fr-sample.txt" "$src/tests/fixtures/lang/es-sample.txt" "78/30"
		cp "$t/sub" "$fz/corpus-$w/seed-one"
	done
	# the map: a series, oldest first
	i=0
	for f in "$src"/samples/src/ied/0[5-9]-*; do
		cut_text "$f" 2500 >"$t/v$i"
		i=$((i + 1))
	done
	{ cat "$t/v0"; printf '%s' "$ff"; cat "$t/v1"; printf '%s' "$ff"; cat "$t/v2"; } >"$fz/corpus-svgout/seed-ied3"
	{ cat "$t/v2"; printf '%s' "$ff"; cat "$t/v3"; printf '%s' "$ff"; cat "$t/v4"; printf '%s' "$ff"; cat "$t/sub"; printf '%s' "$ff"; cat "$t/sub2"; } >"$fz/corpus-svgout/seed-ied5"
	pair "$fz/corpus-svgout/seed-fr" "$src/samples/src/fr/01-A-RES-78-30.txt" "$src/samples/src/fr/02-A-RES-79-40.txt"
}

shared() {
	out=${4:?}
	corpus=${5:-$src/../shared/corpus}
	[ -d "$corpus" ] || { echo "fuzz: no $corpus: no seeds from the UN's documents"; exit 77; }
	for d in parse forms pdf zip jsonout docxout htmlout svgout; do mkdir -p "$out/$d" || exit 1; done
	n=0
	for f in $(ls "$corpus"/text/* 2>/dev/null | head -40); do
		cut_text "$f" 6000 >"$out/parse/shared-$n"
		{ printf '\002'; cat "$out/parse/shared-$n"; } >"$out/forms/shared-$n"
		n=$((n + 1))
	done
	n=0
	for f in $(ls "$corpus"/pdftotext/* 2>/dev/null | head -20); do
		cut_text "$f" 6000 | { printf '\000'; cat; } >"$out/forms/shared-pdftotext-$n"
		n=$((n + 1))
	done
	for f in $(ls "$corpus"/extractors/* 2>/dev/null | head -10); do
		cut_text "$f" 6000 | { printf '\003'; cat; } >"$out/forms/shared-md-$(basename "$f")"
	done
	for f in $(ls -S -r "$corpus"/pdf/*.pdf 2>/dev/null | head -8); do
		cp "$f" "$out/pdf/shared-$(basename "$f")"
	done
	# pairs of consecutive texts of the archive, and a three-version series
	prev=
	n=0
	for f in $(ls "$corpus"/text/* 2>/dev/null | head -24); do
		cut_text "$f" 3000 >"$out/cur"
		if [ -n "$prev" ]; then
			for w in jsonout docxout htmlout; do pair "$out/$w/shared-$n" "$out/prev" "$out/cur"; done
			# the map: the pair and the next text again, three versions
			{ cat "$out/prev"; printf '%s' "$ff"; cat "$out/cur"; printf '%s' "$ff"; cat "$out/cur"; } >"$out/svgout/shared-$n"
			n=$((n + 1))
		fi
		mv "$out/cur" "$out/prev"
		prev=1
	done
	rm -f "$out/prev"
	# Word documents made from the archive's texts by redline's own writer
	set -- $(ls "$corpus"/text/A_RES_* 2>/dev/null | head -6)
	n=0
	while [ $# -ge 2 ]; do
		"$build/src/redline" export -o "$out/zip/shared-$n.docx" "$1" "$2" >/dev/null 2>&1
		n=$((n + 1))
		shift 2
	done
	echo "fuzz: seeds from $corpus in $out"
}

case $mode in
saved) saved && echo "fuzz: seeds written under $src/tests/fuzz" ;;
shared) shared "$@" ;;
*) echo "usage: make-seeds.sh saved|shared SRCDIR BUILDDIR [OUT [CORPUS]]" >&2; exit 2 ;;
esac
