#!/bin/sh
# The layers' include rules hold on the tree, and the check (and the
# compiler, through each layer's include path) fails on a wrong include
# planted in each direction.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
check="$abs_top_srcdir/tests/layering/check.sh"

if sh "$check" "$abs_top_srcdir/src" >"$tmp/out"; then ok "the tree keeps the layering"; else not_ok "the tree keeps the layering"; cat "$tmp/out"; fi

# plant NAME FILE LINE: a copy of src/ with LINE added at the top of FILE;
# the check must fail and name FILE
plant() {
	rm -rf "$tmp/src"
	cp -R "$abs_top_srcdir/src" "$tmp/src"
	printf '%s\n' "$3" | cat - "$tmp/src/$2" >"$tmp/planted" && mv "$tmp/planted" "$tmp/src/$2"
	if sh "$check" "$tmp/src" >"$tmp/out"; then
		not_ok "$1: the check passed"
	elif ! grep -q "$2" "$tmp/out"; then
		not_ok "$1: the message does not name $2"; cat "$tmp/out"
	else
		ok "$1"
	fi
}
plant "engine includes an edge header" engine/parse.c '#include "store.h"'
plant "engine includes the command line" engine/align.c '#include "cli.h"'
plant "engine includes an interface header" engine/compare.c '#include "views.h"'
plant "engine includes curses" engine/utf8.c '#include <curses.h>'
plant "engine includes libgit2" engine/model.c '#include <git2.h>'
plant "an edge includes the interface" render.c '#include "tui.h"'
plant "an edge includes curses" textout.c '#include <ncursesw/curses.h>'
plant "an edge other than the store includes libgit2" source.c '#include <git2.h>'
plant "an edge includes the command line" jsonout.c '#include "cli.h"'
plant "an edge other than the PDF reader includes poppler" source.c '#include <poppler.h>'
plant "an edge other than the PDF reader includes GLib" store.c '#include <glib.h>'
plant "the engine includes poppler" engine/parse.c '#include <poppler.h>'
plant "the interface includes poppler" tui/view_diff.c '#include <poppler/glib/poppler.h>'
plant "the interface includes the command line" tui/view_diff.c '#include "cli.h"'
plant "the interface includes libgit2" tui/tui.c '#include <git2.h>'
plant "an edge other than the Word reader includes libzip" source.c '#include <zip.h>'
plant "an edge other than the Word reader includes expat" store.c '#include <expat.h>'
plant "the Word reader's header includes libzip" docx.h '#include <zip.h>'
plant "the engine includes libzip" engine/parse.c '#include <zip.h>'
plant "the engine includes expat" engine/repair.c '#include <expat.h>'
plant "the interface includes expat" tui/view_diff.c '#include <expat.h>'
plant "a command includes libzip" cmd_log.c '#include <zip.h>'
plant "a command prints past the output path" cmd_log.c 'static void f(const char *s) { printf("%s", s); }'
plant "the interface prints past the output path" tui/view_diff.c 'static void f(const char *s) { fputs(s, stderr); }'
plant "the engine prints" engine/parse.c 'static void f(const char *s) { fprintf(stderr, "%s", s); }'

# the compiler enforces the engine's wall too: with the engine's include
# path, a header from outside the engine is not found
if [ -n "$ENGINE_CPPFLAGS" ] && command -v "${CC:-cc}" >/dev/null 2>&1; then
	for h in cli.h store.h render.h tui.h; do
		printf '#include "%s"\n' "$h" >"$tmp/wall.c"
		# shellcheck disable=SC2086
		if (cd "$abs_top_builddir" && "${CC:-cc}" $ENGINE_CPPFLAGS -fsyntax-only "$tmp/wall.c") >/dev/null 2>&1; then
			not_ok "the engine's include path finds $h"
		else
			ok "the engine's include path does not find $h"
		fi
	done
	printf '#include "config.h"\n#include "compare.h"\n' >"$tmp/wall.c"
	# shellcheck disable=SC2086
	if (cd "$abs_top_builddir" && "${CC:-cc}" $ENGINE_CPPFLAGS -fsyntax-only "$tmp/wall.c") >"$tmp/out" 2>&1; then
		ok "the engine's include path finds the engine"
	else
		not_ok "the engine's include path finds the engine"; cat "$tmp/out"
	fi
else
	echo "# skipped the compiler's wall: no ENGINE_CPPFLAGS or compiler (run through make check)"
fi

# the engine never links a document library: none of its objects refers
# to poppler or GLib; nor does any edge, the PDF reader included, which
# loads poppler (dlopen) the first time it reads a PDF, so that no other
# run pays for mapping it
engine_lib="$abs_top_builddir/src/engine/libengine.a"
edges_lib="$abs_top_builddir/src/libedges.a"
if [ -f "$engine_lib" ] && [ -f "$edges_lib" ] && command -v nm >/dev/null 2>&1; then
	if nm -u "$engine_lib" 2>/dev/null | grep -E ' (poppler_|g_)' >"$tmp/out"; then
		not_ok "the engine refers to a document library"; head -5 "$tmp/out"
	else
		ok "the engine refers to no document library"
	fi
	# "LIB:MEMBER: U symbol": the members that refer to poppler or GLib
	nm -A -u "$edges_lib" 2>/dev/null | grep -E ' (poppler_|g_)' | awk -F: '{ print $2 }' | sort -u >"$tmp/out"
	if [ -s "$tmp/out" ]; then
		not_ok "no edge links poppler: the PDF reader loads it"; cat "$tmp/out"
	else
		ok "no edge links poppler: the PDF reader loads it"
	fi
	nm -A -u "$edges_lib" 2>/dev/null | grep -E ' dlopen$' | awk -F: '{ print $2 }' | sort -u >"$tmp/out"
	if [ "$(wc -l <"$tmp/out")" -eq 1 ] && grep -q 'pdf\.o$' "$tmp/out"; then
		ok "among the edges only the PDF reader loads a library"
	else
		not_ok "among the edges only the PDF reader loads a library"; cat "$tmp/out"
	fi
else
	echo "# skipped the link check: no built libraries or no nm (run through make check)"
fi
# and the program starts without poppler or GLib: neither is among the
# libraries the dynamic loader maps before main
redline_bin="$abs_top_builddir/src/redline"
if [ -x "$redline_bin" ] && command -v objdump >/dev/null 2>&1; then
	objdump -p "$redline_bin" 2>/dev/null | grep -E 'NEEDED.*(poppler|glib|gobject|gio|cairo)' >"$tmp/out"
	if [ -s "$tmp/out" ]; then
		not_ok "the program does not need poppler to start"; cat "$tmp/out"
	else
		ok "the program does not need poppler to start"
	fi
else
	echo "# skipped the start-up check: no built program or no objdump (run through make check)"
fi
# and for the Word reader and writer: the engine's objects refer to no
# symbol of libzip or expat, and among the edges only the Word reader's
# object refers to expat, and it and the Word writer's to libzip
if command -v nm >/dev/null 2>&1 && [ -f "$abs_top_builddir/src/engine/libengine.a" ] &&
	[ -f "$abs_top_builddir/src/libedges.a" ]; then
	if nm -u "$abs_top_builddir/src/engine/libengine.a" | grep -E ' (zip_|XML_)' >"$tmp/out"; then
		not_ok "the engine's objects refer to libzip or expat"; cat "$tmp/out"
	else
		ok "the engine's objects refer to neither libzip nor expat"
	fi
	nm -A -u "$abs_top_builddir/src/libedges.a" 2>/dev/null | grep -E ' XML_' | cut -d: -f2 | sort -u >"$tmp/users"
	if [ "$(cat "$tmp/users")" = "libedges_a-docx.o" ]; then
		ok "only the Word reader's object refers to expat"
	else
		not_ok "objects other than the Word reader's refer to expat: $(tr '\n' ' ' <"$tmp/users")"
	fi
	nm -A -u "$abs_top_builddir/src/libedges.a" 2>/dev/null | grep -E ' zip_' | cut -d: -f2 | sort -u | tr '\n' ' ' >"$tmp/users"
	if [ "$(cat "$tmp/users")" = "libedges_a-docx.o libedges_a-docxout.o " ]; then
		ok "only the Word reader's and writer's objects refer to libzip"
	else
		not_ok "objects other than the Word reader's and writer's refer to libzip: $(cat "$tmp/users")"
	fi
else
	echo "# skipped the link check: no nm or no built libraries (run through make check)"
fi
tap_summary layering
