#!/bin/sh
# The man page is valid roff and documents every command, option and action
# of the program.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
page="$abs_top_srcdir/man/redline.1"
command -v groff >/dev/null 2>&1 || skip_suite "groff missing (Debian groff-base)"
out=$(groff -man -ww -z "$page" 2>&1)
if [ -z "$out" ]; then ok "groff reads the page without a warning"; else not_ok "groff warns: $out"; fi
for cmd in $("$redline" help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p; s/^  \([a-z][a-z]*\)$/\1/p'); do
	if grep -q "^\.B.* $cmd\b\|^\.BI* \"*$cmd\b" "$page"; then ok "command $cmd"; else not_ok "man page lacks command '$cmd'"; fi
done
# every action of the interface, from the table that defines them
for action in $(sed -n 's/^\t_([A-Z_]*, [A-Z_]*, "\([a-z-]*\)".*/\1/p' "$abs_top_srcdir/src/tui/keys.h"); do
	if grep -q "$action" "$page"; then ok "action $action"; else not_ok "man page lacks action '$action'"; fi
done
tap_summary man
