#!/bin/sh
# The engine never includes curses or libgit2 headers (STYLE: three layers).
: "${top_srcdir:=.}"
bad=0
for f in "$top_srcdir"/src/engine/*.[ch]; do
	if grep -nE '#[[:space:]]*include[[:space:]]*[<"](n?curses|git2)' "$f"; then
		echo "layering: $f includes a curses or libgit2 header" >&2
		bad=1
	fi
done
exit $bad
