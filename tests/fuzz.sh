#!/bin/sh
# The fuzz targets (tests/fuzz/TARGETS) on their saved corpora, each input
# a case: the seeds made from the project's own texts, and every input that
# once crashed, leaked, hung or hit undefined behaviour. Built with the
# build's compiler and flags (under the sanitizers in the sanitizer build),
# without libFuzzer: tests/fuzz/replay-NAME feeds each file to the target.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
# a hang is a failure, not a stuck run
limit() { if command -v timeout >/dev/null 2>&1; then timeout 120 "$@"; else "$@"; fi; }
awk '!/^#/ && NF { print $1, $2 }' "$abs_top_srcdir/tests/fuzz/TARGETS" >"$tmp/targets"
while read -r name corpus; do
	replay=$abs_top_builddir/tests/fuzz/replay-$name
	[ "$name" = parse ] && replay=$abs_top_builddir/tests/fuzz/replay
	n=0
	for f in "$abs_top_srcdir/tests/fuzz/$corpus"/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		if limit "$replay" "$f" >"$tmp/out" 2>&1; then
			ok "$name: replay $(basename "$f")"
		else
			not_ok "$name: replay $(basename "$f")"; sed 's/^/# /' "$tmp/out" | head -20
		fi
	done
	# every target has a saved corpus
	if [ "$n" -gt 0 ]; then ok "$name: $n saved inputs"; else not_ok "$name: no saved inputs in $corpus"; fi
done <"$tmp/targets"
tap_summary fuzz
