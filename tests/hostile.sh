#!/bin/sh
# Nothing raw reaches a terminal. A hostile repository -- file names,
# commit subjects, authors, tags, symbols and document text carrying OSC 52
# (clipboard), CSI, C1 controls, bidirectional overrides and zero-width
# characters -- goes through every command to a pseudo-terminal, and
# through the interface; no control byte, bidi override or invisible
# character may arrive raw (only redline's own colour codes may).
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
export LC_ALL=C.UTF-8 GIT_CONFIG_NOSYSTEM=1 HOME="$tmp/home" TZ=UTC
export GIT_CEILING_DIRECTORIES="$tmp" REDLINE_PAGER=cat PAGER=cat
unset NO_COLOR
mkdir -p "$HOME"
command -v script >/dev/null 2>&1 || skip_suite "script (util-linux) missing: no pseudo-terminal"

esc=$(printf '\033')
bel=$(printf '\007')
osc52="${esc}]52;c;cHduZWQ=${bel}"	# writes "pwned" to the clipboard
csi="${esc}[2J${esc}[8m"		# clears and hides the screen
c1=$(printf '\302\233')			# CSI as a C1 control
c1osc=$(printf '\302\235')52		# OSC as a C1 control
rlo=$(printf '\342\200\256')		# right-to-left override
zw=$(printf '\342\200\213')		# zero-width space

repo="$tmp/h"
mkdir -p "$repo"
git -C "$repo" init -q -b main
hpath="ied${osc52}${rlo}.txt"
doc() {
	printf 'A/RES/79/1%s%s\n\nThe General Assembly,\n\nNoting %s the report %s and %s here%s,\n\n1. Decides %s to act%s;\n' \
		"$1" "$c1" "$csi" "$osc52" "$rlo" "$zw" "$c1osc" "$2"
}
doc "" "" >"$repo/$hpath"
doc "" " now" >"$tmp/second.txt"
cp "$tmp/second.txt" "$repo/other.txt"
(
	cd "$repo" &&
	git add . &&
	GIT_AUTHOR_NAME="Evil${osc52}${c1} Author" GIT_AUTHOR_EMAIL="e@x" GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@x \
		git commit -q -m "first ${csi}${osc52}${rlo} subject" &&
	git tag "A/RES/79/1${c1}${rlo}" &&
	doc "" " now" >"$hpath" &&
	printf '\n2. Requests %s more.\n' "$zw" >>other.txt &&
	git add . &&
	GIT_AUTHOR_NAME="Evil${osc52} Author" GIT_AUTHOR_EMAIL="e@x" GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@x \
		git commit -q -m "second ${c1osc};x${bel} subject${zw}"
) >"$tmp/setup.log" 2>&1 || { not_ok "hostile repository"; cat "$tmp/setup.log"; tap_summary hostile; exit 1; }
# a document whose symbol line is an attack, for import to echo
printf 'A/RES/79/2%s\n\nThe General Assembly,\n\n1. Decides;\n' "$csi" >"$tmp/import.txt"
mkdir -p "$tmp/imp" && git -C "$tmp/imp" init -q -b main

# raw_bytes FILE: what in FILE a terminal would act on, once redline's own
# SGR colour codes are taken out; empty when the output is clean
raw_bytes() {
	sed "s/${esc}\[[0-9;]*m//g" "$1" | LC_ALL=C grep -anE \
		"${esc}|${bel}|$(printf '\302')[$(printf '\200-\237')]|$(printf '\342\200')[$(printf '\213-\217\250-\256')]|$(printf '\342\201')[$(printf '\240-\244\246-\251')]|$(printf '\357\273\277')|$(printf '\330\234')" |
		head -5
}

# on_pty NAME ARGS...: run redline in a pseudo-terminal in the repository;
# the output, stderr included, must hold nothing raw
on_pty() {
	name=$1
	shift
	cmd="cd '$repo' && '$redline'"
	for a in "$@"; do
		cmd="$cmd '$a'"
	done
	TERM=xterm-256color script -qec "$cmd" /dev/null >"$tmp/pty.out" 2>&1 </dev/null
	bad=$(raw_bytes "$tmp/pty.out")
	if [ -n "$bad" ]; then
		not_ok "$name: raw bytes reach the terminal"; printf '%s\n' "$bad" | cat -v | sed 's/^/# /'
	elif [ ! -s "$tmp/pty.out" ]; then
		not_ok "$name: no output at all"
	else
		ok "$name"
	fi
}

tag="A/RES/79/1${c1}${rlo}"
on_pty "ls" ls
on_pty "log" log -- "$hpath"
on_pty "log json" log --format=json -- "$hpath"
on_pty "log needs a series (lists the names)" log
on_pty "show" show -- "$hpath"
on_pty "show by tag" show "$tag" -- "$hpath"
on_pty "show REV:PATH" show "HEAD:$hpath"
on_pty "parse json" parse --format=json "HEAD:$hpath"
on_pty "diff, colour" diff --color=always -- "$hpath"
on_pty "diff, markers" diff --color=never HEAD~1 HEAD -- "$hpath"
on_pty "diff json" diff --format=json HEAD~1 HEAD -- "$hpath"
on_pty "diff stat" diff --stat HEAD~1 HEAD -- other.txt
on_pty "unknown revision" show "nosuch${osc52}"
on_pty "unknown command" "frob${csi}"
on_pty "unknown option" diff "--x${osc52}"
on_pty "missing file" parse "$tmp/no${c1}such.txt"
on_pty "not a repository" -C "$tmp/no${osc52}dir" log
repo="$tmp/imp" on_pty "import echoes the symbol" import "$tmp/import.txt"

# the interface: series (a hostile path), versions (hostile subjects,
# authors), the diff (hostile text), a hostile search and command
vtdrive="$abs_top_builddir/tests/vt/vtdrive"
if [ -x "$vtdrive" ]; then
	cat >"$tmp/tui.script" <<EOF
sync
key <Enter>
key <Enter>
key v
key /
type Noting
key <Enter>
key :
type nosuch${zw}
key <Enter>
key q q q
expect-exit 0
EOF
	if "$vtdrive" --timeout 20 --env LC_ALL=C.UTF-8 --env HOME="$HOME" --env TZ=UTC --size 120x30 \
		--trace "$tmp/trace" --stderr "$tmp/tui.err" --out "$tmp/tui" --script "$tmp/tui.script" \
		-- "$redline_hooks" -C "$repo" >"$tmp/tui.log" 2>&1; then
		ok "interface session"
	else
		not_ok "interface session"; sed 's/^/# /' "$tmp/tui.log"
	fi
	# the trace writes each byte the program sent as itself or as \ooo;
	# curses sends CSI sequences of its own, but never OSC, C1, bidi,
	# zero-width or BEL
	if grep '^<' "$tmp/trace" | grep -E '\\033\]|\\007|\\302\\2[0-3][0-7]|\\342\\200\\2(1[3-7]|5[0-6])|\\342\\201\\2(4[0-4]|4[6-7]|5[01])|\\357\\273\\277' |
		head -3 >"$tmp/bad" && [ -s "$tmp/bad" ]; then
		not_ok "interface: raw bytes reach the terminal"; sed 's/^/# /' "$tmp/bad"
	else
		ok "interface: nothing raw reaches the terminal"
	fi
else
	echo "# interface part skipped: vtdrive not built"
fi
tap_summary hostile
