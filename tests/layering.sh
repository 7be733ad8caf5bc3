#!/bin/sh
# The core never includes curses or libgit2 headers (STYLE: three layers).
: "${top_srcdir:=.}"
core="util sbuf utf8 lang model parse meta repair plainfn rejoin verbs token wdiff align compare"
# the edges that must stay free of curses too: they are unit-tested without a terminal
core="$core render keys config_ui view_series view_versions view_diff view_clause view_help"
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
