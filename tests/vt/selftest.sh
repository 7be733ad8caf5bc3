#!/bin/sh
# Self-test of the vtdrive terminal harness, run on the demo program.
# Builds nothing: VTDRIVE and VTDEMO name the built binaries, e.g.
#   VTDRIVE=/tmp/vtdrive VTDEMO=/tmp/vtdemo sh tests/vt/selftest.sh
# VT_UPDATE_EXPECTED=1 rewrites tests/vt/expected/ instead of comparing.
# Prints TAP ("ok - NAME" lines, then the plan) and a closing count.
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "$VTDRIVE" ] || [ -z "$VTDEMO" ]; then
	echo "selftest: set VTDRIVE and VTDEMO to the built vtdrive and demo" >&2
	exit 99
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset LINES COLUMNS

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }

# drive NAME SCRIPT-TEXT [VTDRIVE OPTIONS...]: runs the demo under vtdrive
# with the script SCRIPT-TEXT; sets $rc and leaves stderr in $tmp/NAME.err.
drive() {
	name=$1
	printf '%s\n' "$2" >"$tmp/$name.script"
	shift 2
	"$VTDRIVE" --env LC_ALL=C.UTF-8 --out "$tmp/$name" \
		--script "$tmp/$name.script" "$@" -- "$VTDEMO" \
		>"$tmp/$name.out" 2>"$tmp/$name.err"
	rc=$?
}

# check NAME WANT_RC MESSAGE: the exit status and the first stderr line
check() {
	first=$(head -n 1 "$tmp/$1.err")
	if [ "$rc" -ne "$2" ]; then
		not_ok "$1: vtdrive exited $rc, expected $2"
		sed 's/^/# /' "$tmp/$1.err"
	elif [ "$first" != "$3" ]; then
		not_ok "$1: message '$first', expected '$3'"
		sed 's/^/# /' "$tmp/$1.err"
	else
		ok "$1"
	fi
}

# The main script: screens, attributes, keys, resize, mouse, q.
"$VTDRIVE" --env LC_ALL=C.UTF-8 --out "$tmp/main" \
	--script "$here/selftest.script" -- "$VTDEMO" 2>"$tmp/main.err"
rc=$?
if [ "$rc" -eq 0 ]; then
	ok "selftest.script"
else
	not_ok "selftest.script: vtdrive exited $rc"
	sed 's/^/# /' "$tmp/main.err"
fi
for f in first.screen first.attrs small.screen small.attrs; do
	if [ -n "$VT_UPDATE_EXPECTED" ] && [ -f "$tmp/main/$f" ]; then
		cp "$tmp/main/$f" "$here/expected/$f"
	fi
	if diff -u "$here/expected/$f" "$tmp/main/$f" >"$tmp/diff" 2>&1; then
		ok "dump $f"
	else
		not_ok "dump $f differs from tests/vt/expected/$f"
		sed 's/^/# /' "$tmp/diff"
	fi
done

# SIGTERM: the demo calls endwin() and dies of the signal (128 + 15).
drive sigterm 'sync
expect demo 80x24
signal TERM
expect-exit 143'
check sigterm 0 ""

drive sighup 'sync
key j
signal HUP
expect-exit 129'
check sighup 0 ""

# Another size and a monochrome terminal.
drive mono 'sync
expect demo 100x30
expect colours: none
expect-attr 3 10 .
expect-attr 30 100 R
key q
expect-exit 0' --size 100x30 --term xterm-mono
check mono 0 ""

# --- failures must be reported, with the script line -----------------

drive expect 'sync
expect no such text'
check expect 1 "vtdrive: $tmp/expect.script:2: expected 'no such text' on the screen"

drive expect-not 'sync
expect-not item 3'
check expect-not 1 "vtdrive: $tmp/expect-not.script:2: did not expect 'item 3' on the screen"

drive attr 'sync
expect-attr 7 1 B'
check attr 1 "vtdrive: $tmp/attr.script:2: expected attribute 'B' at row 7 column 1, found 'R'"

drive style 'sync
expect-style 3 10 fg=1'
check style 1 "vtdrive: $tmp/style.script:2: expected fg=1 at row 3 column 10, found fg=2"

drive strike 'sync
expect-style 3 10 strike'
check strike 1 "vtdrive: $tmp/strike.script:2: expected strike at row 3 column 10, found no strikethrough"

drive badstyle 'expect-style 3 10 blink'
check badstyle 2 "vtdrive: $tmp/badstyle.script:1: unknown style 'blink' (strike, no-strike, fg=N, fg=default)"

drive status 'sync
key q
expect-exit 1'
check status 1 "vtdrive: $tmp/status.script:3: expected exit status 1, got 0"

drive signal-status 'sync
signal TERM
expect-exit 0'
check signal-status 1 "vtdrive: $tmp/signal-status.script:3: expected exit status 0, but the program was killed by signal 15 (SIGTERM)"

# X exits with status 3 without endwin(): the harness must notice.
drive unrestored 'sync
key X
expect-exit 3'
check unrestored 1 "vtdrive: $tmp/unrestored.script:3: the program exited (exit status 3) without restoring the terminal: still on the alternate screen, cursor still hidden"

drive exited 'sync
key X
expect key: X'
check exited 1 "vtdrive: $tmp/exited.script:2: the program exited (exit status 3) while waiting for it to become idle after key 'X'"

drive running 'sync'
check running 1 "vtdrive: $tmp/running.script:1: the script ended but the program is still running (end it with expect-exit, or pass --allow-running)"
drive allow-running 'sync' --allow-running
check allow-running 0 ""

drive mouse-outside 'sync
mouse click 1 30'
check mouse-outside 1 "vtdrive: $tmp/mouse-outside.script:2: mouse position 1,30 is outside the 80x24 screen"

# A program that never signals idle: the timeout turns the hang into a
# failure.  One that signals twice per input is caught at the next input.
printf '#!/bin/sh\nexec sleep 30\n' >"$tmp/silent"
printf '#!/bin/sh\necho hello; printf ab >&"$REDLINE_TEST_SYNC_FD"\nexec sleep 30\n' >"$tmp/twice"
printf '#!/bin/sh\nprintf a >&"$REDLINE_TEST_SYNC_FD"\nexec sleep 30\n' >"$tmp/once"
chmod +x "$tmp/silent" "$tmp/twice" "$tmp/once"
printf 'sync\n' >"$tmp/hang.script"
"$VTDRIVE" --timeout 0.3 --out "$tmp/hang" --script "$tmp/hang.script" \
	-- "$tmp/silent" 2>"$tmp/hang.err"
rc=$?
check hang 1 "vtdrive: $tmp/hang.script:1: timed out after 0.3 s waiting for the program to become idle after 'sync' (does it write a byte to REDLINE_TEST_SYNC_FD?)"
printf 'sync\nexpect hello\nkey a\n' >"$tmp/twice.script"
"$VTDRIVE" --out "$tmp/twice" --script "$tmp/twice.script" \
	-- "$tmp/twice" 2>"$tmp/twice.err"
rc=$?
check twice 1 "vtdrive: $tmp/twice.script:3: the program signalled idle 1 more time(s) than it was sent input (it must write one sync byte per input; start the script with 'sync')"

printf 'sync\nmouse wheel-up 1 1\n' >"$tmp/no-mouse.script"
"$VTDRIVE" --out "$tmp/no-mouse" --script "$tmp/no-mouse.script" \
	-- "$tmp/once" 2>"$tmp/no-mouse.err"
rc=$?
check no-mouse 1 "vtdrive: $tmp/no-mouse.script:2: the program has not enabled mouse reporting"

# A program that leaves the screen as it found it but the tty in raw mode
# (no echo, no line editing): the shell after it would take input unseen.
printf '#!/bin/sh\nstty -echo -icanon\nexit 0\n' >"$tmp/raw"
chmod +x "$tmp/raw"
printf 'expect-exit 0\n' >"$tmp/raw.script"
"$VTDRIVE" --out "$tmp/raw" --script "$tmp/raw.script" \
	-- "$tmp/raw" 2>"$tmp/raw.err"
rc=$?
check raw 1 "vtdrive: $tmp/raw.script:1: the program exited (exit status 0) without restoring the tty's modes: off: echo icanon"

"$VTDRIVE" --out "$tmp/x" --script "$here/selftest.script" \
	-- "$tmp/no-such-program" 2>"$tmp/noexec.err"
rc=$?
check noexec 1 "vtdrive: cannot run '$tmp/no-such-program': No such file or directory"

# Usage and script errors exit 2 before anything runs.
drive syntax 'sync
frobnicate'
check syntax 2 "vtdrive: $tmp/syntax.script:2: unknown directive 'frobnicate'"
drive badkey 'key <Nope>'
check badkey 2 "vtdrive: $tmp/badkey.script:1: unknown key '<Nope>'"
"$VTDRIVE" --size 80 --out "$tmp/x" --script "$tmp/syntax.script" \
	-- "$VTDEMO" 2>"$tmp/usage.err"
rc=$?
check usage 2 "vtdrive: bad size '80' (want COLSxROWS)"

echo "1..$((pass + fail))"
echo "vt selftest: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
