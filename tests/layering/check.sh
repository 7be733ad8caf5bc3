#!/bin/sh
# check.sh SRC: the include rules of the three layers, on the tree at SRC
# (src/ of the project, or a copy with a wrong include planted in it).
# Prints one line per broken rule and exits 1 when any is broken.
#
#   engine   src/engine/   includes engine headers and the C library only
#   edges    src/*.c       the engine and each other; never the interface
#   tui      src/tui/      the edges and the engine; never the command line
#   commands cli, cmd_*, main: everything
# and, whatever the layer: only src/tui/ includes curses, only src/store.c
# includes libgit2, only src/pdf.c includes poppler (and the GLib under it),
# only src/docx.c includes expat and it and src/docxout.c (the Word reader
# and writer) libzip, only the
# commands include cli.h.
src=${1:?usage: check.sh SRC}
bad=0
broken() { echo "layering: $*"; bad=1; }

# file:line:header for every #include in the given files
includes() {
	for f in "$@"; do
		[ -f "$f" ] || continue
		sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]\([^>"]*\)[>"].*/\1/p' "$f" |
			while read -r h; do echo "$f $h"; done
	done
}

is_command() {
	case $(basename "$1") in
	cli.c | cli.h | cmds.h | main.c | cmd_*.c) return 0 ;;
	esac
	return 1
}

tmpl=$(mktemp)
trap 'rm -f "$tmpl"' EXIT
includes "$src"/engine/*.[ch] "$src"/*.[ch] "$src"/tui/*.[ch] >"$tmpl"
while read -r f h; do
	layer=edges
	case $f in
	"$src"/engine/*) layer=engine ;;
	"$src"/tui/*) layer=tui ;;
	esac
	is_command "$f" && layer=commands
	case $h in
	curses.h | ncurses.h | ncursesw/* | term.h | panel.h | menu.h | form.h)
		[ "$layer" = tui ] || broken "$f includes <$h>: only src/tui/ may use curses" ;;
	git2.h | git2/*)
		[ "$(basename "$f")" = store.c ] || broken "$f includes <$h>: only src/store.c may use libgit2" ;;
	poppler.h | poppler/* | poppler-*.h | glib.h | glib/* | glib-object.h | gio/*)
		[ "$f" = "$src/pdf.c" ] || broken "$f includes <$h>: only src/pdf.c may use poppler" ;;
	zip.h | zipconf.h)
		[ "$f" = "$src/docx.c" ] || [ "$f" = "$src/docxout.c" ] ||
			broken "$f includes <$h>: only src/docx.c and src/docxout.c may use libzip" ;;
	expat.h | expat_external.h)
		[ "$f" = "$src/docx.c" ] || broken "$f includes <$h>: only src/docx.c may use expat" ;;
	cli.h | cmds.h)
		[ "$layer" = commands ] || broken "$f includes \"$h\": only the commands may include the command line" ;;
	esac
	# project headers: where does the name live?
	where=
	[ -f "$src/engine/$h" ] && where=engine
	[ -f "$src/$h" ] && where=edges
	[ -f "$src/tui/$h" ] && where=tui
	case $h in cli.h | cmds.h) where=commands ;; esac
	[ -n "$where" ] || continue
	case $layer:$where in
	engine:engine | edges:engine | edges:edges | tui:engine | tui:edges | tui:tui | commands:*) ;;
	*) broken "$f ($layer) includes \"$h\" ($where): an include that points up" ;;
	esac
done <"$tmpl"
# Text for people leaves through one path (src/out.c), which makes what a
# terminal would act on visible; textout.c writes lines render.c sanitised
# and json.c escapes the same characters. Nothing else writes to a stream.
for f in "$src"/*.c "$src"/tui/*.c "$src"/engine/*.c; do
	case $(basename "$f") in
	out.c | textout.c | json.c | util.c) continue ;;
	esac
	grep -nE '(^|[^a-z_])(printf|fprintf|vfprintf|dprintf|puts|fputs|putchar|fputc|putc|fwrite|perror|vprintf)[[:space:]]*\(' "$f" |
		while IFS= read -r hit; do
			echo "layering: $f:${hit%%:*} writes to a stream itself; use out.h"
		done
done | grep . && bad=1
exit $bad
