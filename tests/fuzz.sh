#!/bin/sh
# The fuzz target on its saved corpus (and any input that once crashed),
# each input a case.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
for f in "$abs_top_srcdir"/tests/fuzz/corpus/*; do
	if "$abs_top_builddir/tests/fuzz/replay" "$f" >"$tmp/out" 2>&1; then
		ok "replay $(basename "$f")"
	else
		not_ok "replay $(basename "$f")"; sed 's/^/# /' "$tmp/out" | head -20
	fi
done
tap_summary fuzz
