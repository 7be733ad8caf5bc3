#!/bin/sh
# The core never includes curses or libgit2 headers (STYLE: three layers).
: "${top_srcdir:=.}"
core="util sbuf utf8 lang model parse plainfn rejoin verbs token wdiff align compare"
bad=0
for m in $core; do
	for f in "$top_srcdir/src/$m.c" "$top_srcdir/src/$m.h"; do
		[ -f "$f" ] || continue
		if grep -nE '#[[:space:]]*include[[:space:]]*[<"](n?curses|git2)' "$f"; then
			echo "layering: $f includes a curses or libgit2 header" >&2
			bad=1
		fi
	done
done
exit $bad
