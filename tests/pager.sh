#!/bin/sh
# The pager, for real in a pseudo-terminal: on a terminal the output of
# diff, parse, show, log, ls, help and amend's listings goes through REDLINE_PAGER, else the
# configuration's "set pager", else PAGER, else less -FRX (with LESS=FRX
# when LESS is unset); never into a pipe, never with --no-pager, never for
# "cat" or an empty value. Colour is decided on the terminal before the
# pager takes the output; redline waits for the pager; a pager quit early
# is not an error. Fake pagers prove where the output went.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
export LC_ALL=C.UTF-8 GIT_CONFIG_NOSYSTEM=1 HOME="$tmp/home" TZ=UTC TERM=xterm-256color
export GIT_CEILING_DIRECTORIES="$tmp"
unset REDLINE_PAGER PAGER LESS REDLINE_CONFIG NO_COLOR
mkdir -p "$HOME"
command -v script >/dev/null 2>&1 || skip_suite "script (util-linux) missing: no pseudo-terminal"

seed="$abs_top_srcdir/samples/A-RES-79-53.txt"
prior="$abs_top_srcdir/samples/ied-77-64-illustrative.txt"
repo="$tmp/repo"
mkdir -p "$repo"
git -C "$repo" init -q -b main
(cd "$repo" && "$redline" import --author="T <t@example.org>" --path=ied.txt "$prior" &&
	"$redline" import --author="T <t@example.org>" --path=ied.txt "$seed") >/dev/null ||
	{ echo "not ok - a repository"; exit 1; }

# pty ARGS...: run redline in a pseudo-terminal in the repository; the
# screen (stdout and stderr, CR taken out) in $tmp/pty.out
pty() {
	cmd="cd '$repo' && exec '$redline'"
	for a in "$@"; do
		cmd="$cmd '$a'"
	done
	script -qec "$cmd" /dev/null </dev/null | tr -d '\r' >"$tmp/pty.out"
}

# paged NAME PREFIX: every line on the screen came through the pager
paged() {
	if [ -s "$tmp/pty.out" ] && ! grep -v "^$2" "$tmp/pty.out" | grep -q .; then
		ok "$1"
	else
		not_ok "$1"; head -3 "$tmp/pty.out" | cat -v | sed 's/^/# /'
	fi
}

# not_paged NAME: output on the screen, none of it through a pager
not_paged() {
	if [ -s "$tmp/pty.out" ] && ! grep -q '^[A-Z]:' "$tmp/pty.out"; then
		ok "$1"
	else
		not_ok "$1"; head -3 "$tmp/pty.out" | cat -v | sed 's/^/# /'
	fi
}

export REDLINE_PAGER='sed s/^/P:/'
for what in "diff $prior $seed" "parse $seed" "show A/RES/79/53" "log ied.txt" "ls" "help" "diff --help"; do
	# shellcheck disable=SC2086
	pty $what
	paged "$what: through the pager" P:
done
# amend: what lists and shows is paged; what writes is not (it may run an editor)
printf 'Urges all States to act;\n' >"$tmp/op1.txt"
pty amend propose --clause OP1 --sponsor Mexico --text-file "$tmp/op1.txt" -- ied.txt
not_paged "amend propose: not through the pager"
for what in "amend list" "amend compile -- ied.txt" "amend status -- ied.txt"; do
	# shellcheck disable=SC2086
	pty $what
	paged "$what: through the pager" P:
done
pty diff "$prior" "$seed"
# (colour, not markers: into a pipe there would be no SGR code at all)
if grep -q "$(printf '\033')\[32m" "$tmp/pty.out"; then
	ok "colour decided on the terminal, before the pager took it"
else
	not_ok "colour decided on the terminal, before the pager took it"
fi
# clause text (indented) wraps at the terminal's width, as it never does into a pipe
esc=$(printf '\033')
if sed "s/${esc}\[[0-9;]*m//g" "$tmp/pty.out" | grep '^P:    ' | awk 'length($0) > 82 { long = 1 } END { exit long }'; then
	ok "width decided on the terminal: clause text wrapped"
else
	not_ok "width decided on the terminal: clause text wrapped"
fi
# the exit status is the command's
script -qec "cd '$repo' && '$redline' diff '$prior' '$seed'; echo status=\$?" /dev/null </dev/null | tr -d '\r' >"$tmp/pty.out"
if grep -q '^status=1$' "$tmp/pty.out"; then ok "diff through a pager still exits 1"; else not_ok "diff through a pager still exits 1"; fi

# no pager: into a pipe, with --no-pager or -P, for import
(cd "$repo" && "$redline" diff "$prior" "$seed") >"$tmp/out" 2>&1
if [ -s "$tmp/out" ] && ! grep -q '^P:' "$tmp/out"; then ok "never into a pipe"; else not_ok "never into a pipe"; fi
pty --no-pager diff "$prior" "$seed"
not_paged "--no-pager"
pty -P log ied.txt
not_paged "-P"
pty import --path=ied.txt "$seed"
not_paged "import does not page"

# the order: REDLINE_PAGER, the configuration, PAGER, less
unset REDLINE_PAGER
printf '# the command line reads set pager; the rest is the interface'"'"'s\nset layout unified\nset pager sed s/^/C:/\n' >"$tmp/config"
REDLINE_CONFIG="$tmp/config" PAGER='sed s/^/E:/' pty log ied.txt
paged "the configuration's pager before PAGER" C:
REDLINE_CONFIG="$tmp/config" REDLINE_PAGER='sed s/^/P:/' PAGER='sed s/^/E:/' pty log ied.txt
paged "REDLINE_PAGER before the configuration" P:
mkdir -p "$HOME/.config/redline"
printf 'set pager sed s/^/H:/\n' >"$HOME/.config/redline/config"
PAGER='sed s/^/E:/' pty log ied.txt
paged "~/.config/redline/config when REDLINE_CONFIG is unset" H:
rm "$HOME/.config/redline/config"
PAGER='sed s/^/E:/' pty log ied.txt
paged "PAGER without a configured pager" E:
for off in 'set pager cat' 'set pager' 'set pager ""'; do
	printf '%s\n' "$off" >"$tmp/config"
	REDLINE_CONFIG="$tmp/config" PAGER='sed s/^/E:/' pty log ied.txt
	not_paged "the configuration turns the pager off: $off"
done
for off in cat ''; do
	REDLINE_PAGER=$off PAGER='sed s/^/E:/' pty log ied.txt
	not_paged "REDLINE_PAGER='$off' means no pager"
done

# less: LESS=FRX in the pager's environment when it is unset, as git does
mkdir -p "$tmp/bin"
printf '#!/bin/sh\necho "less $* LESS=$LESS"\ncat >/dev/null\n' >"$tmp/bin/less"
chmod +x "$tmp/bin/less"
PATH="$tmp/bin:$PATH" pty log ied.txt
if grep -q '^less -FRX LESS=FRX$' "$tmp/pty.out"; then ok "less -FRX by default, LESS=FRX"; else not_ok "less -FRX by default: $(head -1 "$tmp/pty.out")"; fi
LESS=-i PATH="$tmp/bin:$PATH" pty log ied.txt
if grep -q '^less -FRX LESS=-i$' "$tmp/pty.out"; then ok "LESS kept when set"; else not_ok "LESS kept when set: $(head -1 "$tmp/pty.out")"; fi

# a pager that stops reading at once and exits a second later: redline
# writes into a closed pipe (no error, its own exit status) and waits. The
# pager hands redline its input (a FIFO) only once it has closed its own,
# so every write of redline's finds the pipe closed.
mkfifo "$tmp/fifo"
REDLINE_PAGER="exec 0<&-; cat '$seed' >'$tmp/fifo'; sleep 1; echo waited >'$tmp/waited'" \
	script -qec "cd '$repo' && '$redline' parse '$tmp/fifo' 2>&1; echo status=\$?; cat '$tmp/waited'" /dev/null </dev/null |
	tr -d '\r' >"$tmp/pty.out"
if grep -q '^status=0$' "$tmp/pty.out" && ! grep -q 'redline:' "$tmp/pty.out"; then
	ok "a pager quit early is no error"
else
	not_ok "a pager quit early is no error"; sed 's/^/# /' "$tmp/pty.out" | head -5
fi
if grep -q '^waited$' "$tmp/pty.out"; then ok "redline waits for the pager"; else not_ok "redline waits for the pager"; fi
REDLINE_PAGER="exec 0<&-; cat '$seed' >'$tmp/fifo'; sleep 1" \
	script -qec "cd '$repo' && '$redline' diff '$prior' '$tmp/fifo'; echo status=\$?" /dev/null </dev/null | tr -d '\r' >"$tmp/pty.out"
if grep -q '^status=1$' "$tmp/pty.out" && ! grep -q 'redline:' "$tmp/pty.out"; then
	ok "diff into a pager quit early keeps its status"
else
	not_ok "diff into a pager quit early keeps its status"; sed 's/^/# /' "$tmp/pty.out" | head -5
fi
REDLINE_PAGER="exec 0<&-; sleep 1" \
	script -qec "cd '$repo' && '$redline' log ied.txt; echo status=\$?" /dev/null </dev/null | tr -d '\r' >"$tmp/pty.out"
if grep -q '^status=0$' "$tmp/pty.out" && ! grep -q 'redline:' "$tmp/pty.out"; then
	ok "log into a pager quit early"
else
	not_ok "log into a pager quit early"; sed 's/^/# /' "$tmp/pty.out" | head -5
fi

tap_summary pager
