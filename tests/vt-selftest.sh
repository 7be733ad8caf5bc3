#!/bin/sh
# The terminal test harness tests itself on a small ncurses program.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${abs_top_builddir:=$abs_top_srcdir}"
VTDRIVE="$abs_top_builddir/tests/vt/vtdrive"
VTDEMO="$abs_top_builddir/tests/vt/demo"
if [ ! -x "$VTDRIVE" ] || [ ! -x "$VTDEMO" ]; then
	echo "vtdrive not built (libvterm-dev missing)"
	[ -n "$CI" ] && exit 1
	exit 77
fi
export VTDRIVE VTDEMO
exec sh "$abs_top_srcdir/tests/vt/selftest.sh"
