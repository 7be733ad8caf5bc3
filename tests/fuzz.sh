#!/bin/sh
# The fuzz targets on their saved corpora (and any input that once
# crashed), each input a case: the parser's, and the Word reader's.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
for f in "$abs_top_srcdir"/tests/fuzz/corpus/*; do
	if "$abs_top_builddir/tests/fuzz/replay" "$f" >"$tmp/out" 2>&1; then
		ok "replay $(basename "$f")"
	else
		not_ok "replay $(basename "$f")"; sed 's/^/# /' "$tmp/out" | head -20
	fi
done
# the Word reader's target on its corpus
for f in "$abs_top_srcdir"/tests/fuzz/corpus-docx/*; do
	if "$abs_top_builddir/tests/fuzz/replay-docx" "$f" >"$tmp/out" 2>&1; then
		ok "replay-docx $(basename "$f")"
	else
		not_ok "replay-docx $(basename "$f")"; sed 's/^/# /' "$tmp/out" | head -20
	fi
done
tap_summary fuzz
