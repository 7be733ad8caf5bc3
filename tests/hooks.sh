#!/bin/sh
# Test hooks are in the test build only. tests/redline-hooks (made by make
# check) answers REDLINE_TEST_SYNC_FD and REDLINE_BENCH_FIRST_SCREEN;
# src/redline, the program installed and the one the README's first
# command opens, has neither: not in its bytes, and the variables set
# change nothing in what it does.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
export LC_ALL=C.UTF-8 GIT_CONFIG_NOSYSTEM=1 HOME="$tmp/home" GIT_CEILING_DIRECTORIES="$tmp" TZ=UTC
mkdir -p "$HOME"
vtdrive="$abs_top_builddir/tests/vt/vtdrive"

for v in REDLINE_TEST_SYNC_FD REDLINE_BENCH_FIRST_SCREEN; do
	if grep -qa "$v" "$redline"; then not_ok "src/redline holds the name $v"; else ok "src/redline does not hold the name $v"; fi
	if grep -qa "$v" "$redline_hooks"; then ok "tests/redline-hooks holds $v"; else not_ok "tests/redline-hooks lacks $v"; fi
done

if [ ! -x "$vtdrive" ]; then
	[ -n "$CI" ] && { not_ok "vtdrive not built (libvterm-dev missing)"; tap_summary hooks; exit 1; }
	echo "ok - behaviour # SKIP vtdrive not built (libvterm-dev missing)"
	tap_summary hooks
	exit $?
fi
mkdir "$tmp/r"
git -C "$tmp/r" init -q
(cd "$tmp/r" && "$redline" import --author="T <t@e>" --path=ied.txt "$abs_top_srcdir/samples/A-RES-79-53.txt") >/dev/null ||
	not_ok "a repository"

# drive NAME PROGRAM SCRIPT [VTDRIVE OPTIONS]: $rc, and stderr in $tmp/NAME.err
drive() {
	name=$1 prog=$2
	printf '%s\n' "$3" >"$tmp/$name.script"
	shift 3
	"$vtdrive" --env LC_ALL=C.UTF-8 --env HOME="$HOME" --stderr "$tmp/$name.stderr" "$@" --out "$tmp/$name" \
		--script "$tmp/$name.script" -- "$prog" -C "$tmp/r" >/dev/null 2>"$tmp/$name.err"
	rc=$?
}

# vtdrive hands every program REDLINE_TEST_SYNC_FD: the hooked one writes a
# byte once idle, src/redline never does (vtdrive times out saying so)
drive sync-hooks "$redline_hooks" 'sync
key Q
expect-exit 0'
[ $rc = 0 ] && ok "tests/redline-hooks signals idle to REDLINE_TEST_SYNC_FD" || { not_ok "hooked sync: $rc"; cat "$tmp/sync-hooks.err"; }
drive sync-plain "$redline" 'sync' --timeout 2
if [ $rc = 1 ] && grep -q "waiting for the program to become idle after 'sync' (does it write a byte to REDLINE_TEST_SYNC_FD?)" "$tmp/sync-plain.err"; then
	ok "src/redline writes nothing to REDLINE_TEST_SYNC_FD"
else
	not_ok "src/redline and REDLINE_TEST_SYNC_FD: vtdrive $rc"; cat "$tmp/sync-plain.err"
fi

# REDLINE_BENCH_FIRST_SCREEN: the hooked program leaves once drawn, the
# plain one stays until told (here by SIGTERM, status 143)
drive first-hooks "$redline_hooks" 'expect-exit 0' --env REDLINE_BENCH_FIRST_SCREEN=1
[ $rc = 0 ] && ok "tests/redline-hooks leaves after the first screen with REDLINE_BENCH_FIRST_SCREEN" ||
	{ not_ok "hooked first screen: $rc"; cat "$tmp/first-hooks.err"; }
drive first-plain "$redline" 'wait-for versions of ied.txt
signal TERM
expect-exit 143' --env REDLINE_BENCH_FIRST_SCREEN=1
[ $rc = 0 ] && ok "src/redline stays with REDLINE_BENCH_FIRST_SCREEN set" ||
	{ not_ok "src/redline and REDLINE_BENCH_FIRST_SCREEN: vtdrive $rc"; cat "$tmp/first-plain.err"; }
tap_summary hooks
