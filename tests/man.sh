#!/bin/sh
# The man page is valid roff and documents every command of the program.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${abs_top_builddir:=$abs_top_srcdir}"
page="$abs_top_srcdir/man/redline.1"
command -v groff >/dev/null 2>&1 || { echo "groff missing: skipped"; exit 77; }
out=$(groff -man -ww -z "$page" 2>&1)
[ -z "$out" ] || { echo "$out"; exit 1; }
for cmd in $("$abs_top_builddir/src/redline" help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p; s/^  \([a-z][a-z]*\)$/\1/p'); do
	grep -q "^\.B.* $cmd\b\|^\.BI* \"*$cmd\b" "$page" || { echo "man page lacks '$cmd'"; exit 1; }
done
# every action of the interface, from the table that defines them
for action in $(sed -n 's/^\t_([A-Z_]*, "\([a-z-]*\)".*/\1/p' "$abs_top_srcdir/src/tui/keys.h"); do
	grep -q "$action" "$page" || { echo "man page lacks action '$action'"; exit 1; }
done
echo "man page ok"
