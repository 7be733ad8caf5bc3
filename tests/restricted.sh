#!/bin/sh
# Restricted mode (RESTRICTED MODE in redline(1)): every action that would
# write to the repository, write a file, read a file other than the
# repository's, run an editor or a pager, or leave the repository is tried
# on the command line, through --ssh's SSH_ORIGINAL_COMMAND and with each
# writing key of the interface (tests/vt/vtdrive); each must be refused
# with one line and exit status 2, and leave the repository as it was (its
# refs, HEAD, objects, index and work tree). The reading commands must
# still work. tests/sshd.sh does the same through a real sshd.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
vtdrive="$abs_top_builddir/tests/vt/vtdrive"
unset LINES COLUMNS VISUAL EDITOR PAGER REDLINE_PAGER REDLINE_CONFIG REDLINE_RESTRICTED SSH_ORIGINAL_COMMAND
export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1 GIT_CEILING_DIRECTORIES="$tmp" TZ=UTC LC_ALL=C.UTF-8 TERM=dumb
mkdir -p "$HOME" "$tmp/plain" "$tmp/out"
repo="$tmp/repo"
sh "$abs_top_srcdir/samples/make-repo.sh" "$abs_top_srcdir/samples/src" "$repo" "$redline" >/dev/null ||
	{ echo "not ok - sample repository"; exit 1; }
git -C "$repo" config user.name "Facilitator"
git -C "$repo" config user.email "facilitator@example.org"

# A file outside the repository that nothing may read, shaped as a
# resolution so that a reader would take it: its canary must never show.
canary=CANARY-7f3a
printf 'A/RES/1/1. %s\n\nThe General Assembly,\n\n1. Decides %s;\n' "$canary" "$canary" >"$tmp/secret.txt"
cp "$tmp/secret.txt" "$repo/secret.txt"	# in the work tree too, untracked
# a series whose file in the tree is a symbolic link to the secret
ln -s "$tmp/secret.txt" "$repo/link.txt"
git -C "$repo" add link.txt && git -C "$repo" commit -qm "a link" || not_ok "commit a link"
printf 'Urges all States to act now;\n' >"$tmp/op11.txt"
id=$(cd "$repo" && "$redline" amend propose --clause OP11 --sponsor Mexico --text-file "$tmp/op11.txt" -- ied.txt |
	sed -n 's/^proposed \([0-9a-f]*\):.*/\1/p')
[ -n "$id" ] && ok "an amendment to try the actions on" || not_ok "an amendment to try the actions on"
# another repository, for the ways out of this one
other="$tmp/other"
git init -q "$other"
cp "$tmp/secret.txt" "$other/other.txt"
git -C "$other" add other.txt && git -C "$other" -c user.name=O -c user.email=o@e commit -qm other

# A marker a program writes when it is run: the editor, the pager.
cat >"$tmp/prog" <<EOF
#!/bin/sh
echo ran >"$tmp/ran"
cat >/dev/null
EOF
chmod +x "$tmp/prog"

# state: what writing would change (redline's own caches under
# .git/redline are derived, not the repository's history)
state() {
	{
		git -C "$repo" for-each-ref --format='%(objectname) %(refname)'
		git -C "$repo" rev-parse HEAD
		(cd "$repo/.git/objects" && find . -type f | sort)
		cksum <"$repo/.git/index"
		git -C "$repo" status --porcelain --untracked-files=all
		ls -A "$repo" "$tmp/plain"
	}
}
state >"$tmp/before"

# refused NAME MESSAGE ARGS...: redline --restricted ARGS, in the
# repository, exits 2 with MESSAGE as its whole stderr, prints no canary
# and changes nothing. RL_ENV may hold VAR=VALUE words to run it with.
refused() {
	name=$1 msg=$2
	shift 2
	# shellcheck disable=SC2086
	(cd "$repo" && env $RL_ENV "$redline" --restricted "$@") <"${RL_IN:-/dev/null}" >"$tmp/out.txt" 2>"$tmp/err.txt"
	rc=$?
	state >"$tmp/after"
	if [ "$rc" -ne 2 ]; then
		not_ok "$name: exit $rc, expected 2"; head -3 "$tmp/err.txt"
	elif [ "$(cat "$tmp/err.txt")" != "$msg" ]; then
		not_ok "$name: stderr '$(cat "$tmp/err.txt")', expected '$msg'"
	elif grep -q "$canary" "$tmp/out.txt" "$tmp/err.txt"; then
		not_ok "$name: the secret was read"
	elif ! cmp -s "$tmp/before" "$tmp/after"; then
		not_ok "$name: the repository changed"; diff "$tmp/before" "$tmp/after" | head -10
	elif [ -e "$tmp/ran" ]; then
		not_ok "$name: a program was run"; rm -f "$tmp/ran"
	else
		ok "$name"
	fi
}

# allowed NAME WANT_RC GREP ARGS...: it runs, exits WANT_RC, stdout holds
# GREP, and the repository is unchanged
allowed() {
	name=$1 want=$2 pat=$3
	shift 3
	# shellcheck disable=SC2086
	(cd "$repo" && env $RL_ENV "$redline" --restricted "$@") <"${RL_IN:-/dev/null}" >"$tmp/out.txt" 2>"$tmp/err.txt"
	rc=$?
	state >"$tmp/after"
	if [ "$rc" -ne "$want" ]; then
		not_ok "$name: exit $rc, expected $want"; head -3 "$tmp/err.txt"
	elif ! grep -q -- "$pat" "$tmp/out.txt"; then
		not_ok "$name: no '$pat' in the output"; head -5 "$tmp/out.txt"
	elif ! cmp -s "$tmp/before" "$tmp/after"; then
		not_ok "$name: the repository changed"; diff "$tmp/before" "$tmp/after" | head -10
	else
		ok "$name"
	fi
}

W="writes to the repository"
# writes: every command and amend action that writes objects or refs
refused "import" "redline: restricted: import $W" import "$tmp/secret.txt"
refused "bulk import" "redline: restricted: import $W" import "$tmp/secret.txt" "$tmp/op11.txt"
refused "import a folder" "redline: restricted: import $W" import --series-map "$tmp/op11.txt" "$tmp"
refused "amend propose" "redline: restricted: amend propose $W" \
	amend propose --clause OP11 --sponsor Cuba --text-file "$tmp/op11.txt" -- ied.txt
RL_ENV="VISUAL=$tmp/prog EDITOR=$tmp/prog" refused "amend propose --editor" "redline: restricted: amend propose $W" \
	amend propose --clause OP11 --sponsor Cuba --editor -- ied.txt
for action in accept reject withdraw reopen; do
	refused "amend $action" "redline: restricted: amend $action $W" amend "$action" "$id"
done
refused "amend cosponsor" "redline: restricted: amend cosponsor $W" amend cosponsor "$id" Chile
refused "amend status CLAUSE STATUS" "redline: restricted: amend status with a value $W" \
	amend status OP4 agreed -- ied.txt
refused "amend apply" "redline: restricted: amend apply $W" amend apply -- ied.txt
refused "amend import" "redline: restricted: amend import $W" amend import "$tmp/secret.txt"
# files written: only standard output
refused "export to its own file" "redline: restricted: export writes a file; -o - writes to standard output" \
	export 77/64 79/53
refused "export -o FILE" "redline: restricted: -o FILE writes a file; -o - writes to standard output" \
	export -o "$tmp/plain/x.docx" 77/64 79/53
refused "export --output=FILE" "redline: restricted: --output FILE writes a file; --output - writes to standard output" \
	export --format=md --output="$tmp/plain/x.md" 77/64 79/53
refused "amend compile --format=docx" "redline: restricted: amend compile writes a file; -o - writes to standard output" \
	amend compile --format=docx -- ied.txt
refused "amend compile -o FILE" "redline: restricted: -o FILE writes a file; -o - writes to standard output" \
	amend compile --format=html -o "$tmp/plain/c.html" -- ied.txt
refused "map -o FILE" "redline: restricted: -o FILE writes a file; -o - writes to standard output" \
	map --format=svg -o "$tmp/plain/m.svg" -- ied.txt
# files read: none but the repository's versions and standard input
refused "agreed --file FILE" "redline: restricted: --file FILE reads a file; --file - reads standard input" \
	agreed --file "$tmp/secret.txt"
refused "parse /abs/file" "redline: restricted: '$tmp/secret.txt' names a file; only versions of the repository are read" \
	parse "$tmp/secret.txt"
refused "diff ../file" "redline: restricted: '../secret.txt' names a file; only versions of the repository are read" \
	diff ../secret.txt 79/53
refused "diff ./file" "redline: restricted: './secret.txt' names a file; only versions of the repository are read" \
	diff ./secret.txt 79/53
# a file of the work tree is no version: never looked at
refused "parse a file of the work tree" "redline: unknown revision or symbol 'secret.txt' in '$repo/'" parse secret.txt
refused "show REV:/abs" "redline: restricted: '/etc/passwd' is an absolute path; name a file inside the repository" \
	show HEAD:/etc/passwd
refused "show REV:../path" "redline: restricted: '../secret.txt' has an empty, '.' or '..' part; name a file inside the repository" \
	show HEAD:../secret.txt
refused "show REV:a/../b" "redline: restricted: 'x/../ied.txt' has an empty, '.' or '..' part; name a file inside the repository" \
	show HEAD:x/../ied.txt
refused "-- /abs" "redline: restricted: '$tmp/secret.txt' is an absolute path; name a file inside the repository" \
	log -- "$tmp/secret.txt"
refused "-- ../path" "redline: restricted: '../other/other.txt' has an empty, '.' or '..' part; name a file inside the repository" \
	log -- ../other/other.txt
refused "the interface on two files" "redline: restricted: '$tmp/secret.txt' names a file; only versions of the repository are read" \
	"$tmp/secret.txt" "$tmp/secret.txt"
# the repository: the one named at start
refused "a second -C" "redline: restricted: -C cannot change the repository" -C "$repo" -C "$other" log
(cd "$tmp/plain" && "$redline" -C "$repo" -C "$other" --restricted ls) >"$tmp/out.txt" 2>"$tmp/err.txt"
if [ $? -eq 2 ] && [ "$(cat "$tmp/err.txt")" = "redline: restricted: -C cannot change the repository" ]; then
	ok "-C twice, --restricted after them"; else not_ok "-C twice, --restricted after them"; fi
RL_ENV="GIT_DIR=$other/.git GIT_WORK_TREE=$other" allowed "GIT_DIR and GIT_WORK_TREE are not followed" 0 "ied.txt" ls
if grep -q other.txt "$tmp/out.txt"; then not_ok "GIT_DIR: the other repository was listed"; fi
(cd "$tmp/plain" && GIT_DIR="$other/.git" "$redline" --restricted ls) >"$tmp/out.txt" 2>"$tmp/err.txt"
if [ $? -eq 2 ] && ! grep -q "$canary\|other.txt" "$tmp/out.txt"; then ok "GIT_DIR outside a repository: nothing opened"; else
	not_ok "GIT_DIR outside a repository: nothing opened"; fi
# a link in the tree is its text (the target's name), never the target
(cd "$repo" && "$redline" --restricted show HEAD:link.txt) >"$tmp/out.txt" 2>&1
if ! grep -q "$canary" "$tmp/out.txt"; then ok "a symbolic link in the tree is not followed"; else
	not_ok "a symbolic link in the tree is not followed"; fi
# a symbolic link in the work tree, named as a file: not read either
(cd "$repo" && "$redline" --restricted parse link.txt) >"$tmp/out.txt" 2>&1
if ! grep -q "$canary" "$tmp/out.txt"; then ok "a symbolic link in the work tree is not read"; else
	not_ok "a symbolic link in the work tree is not read"; fi

# the ways into restricted mode, and none out of it
RL_ENV="REDLINE_RESTRICTED=1" refused "REDLINE_RESTRICTED=1" "redline: restricted: import $W" import "$tmp/secret.txt"
(cd "$repo" && REDLINE_RESTRICTED=1 "$redline" import "$tmp/secret.txt") >/dev/null 2>"$tmp/err.txt"
if [ $? -eq 2 ] && [ "$(cat "$tmp/err.txt")" = "redline: restricted: import $W" ]; then
	ok "REDLINE_RESTRICTED=1 without --restricted"; else not_ok "REDLINE_RESTRICTED=1 without --restricted"; fi
# --restricted after the command is a usage error: nothing runs
(cd "$repo" && "$redline" import --restricted "$tmp/secret.txt") >/dev/null 2>"$tmp/err.txt"
rc=$?
state >"$tmp/after"
if [ $rc -eq 2 ] && grep -q "^redline: --restricted goes before the command" "$tmp/err.txt" && cmp -s "$tmp/before" "$tmp/after"; then
	ok "--restricted after the command: refused, nothing run"; else not_ok "--restricted after the command: refused, nothing run"; fi
printf 'set restricted no\nset pager %s\n' "$tmp/prog" >"$tmp/user-config"
RL_ENV="REDLINE_CONFIG=$tmp/user-config REDLINE_RESTRICTED=0" refused "the account's configuration cannot turn it off" \
	"redline: restricted: import $W" import "$tmp/secret.txt"
RL_ENV="REDLINE_CONFIG=$tmp/secret.txt" allowed "REDLINE_CONFIG is not read" 0 "ied.txt" ls

# standard input is the reviewer's own text: compared, not refused
RL_IN="$abs_top_srcdir/samples/A-RES-79-53.txt" allowed "diff - VERSION (standard input)" 0 "" diff --stat - 79/53
RL_IN="$abs_top_srcdir/samples/A-RES-79-53.txt" allowed "parse -" 0 "OP28" parse -
printf 'to increase attention to prevention and capacity-building\n' >"$tmp/phrase"
RL_IN="$tmp/phrase" allowed "agreed --file -" 0 "^100%" agreed --file -

# what reads works
allowed "log" 0 "A/RES/79/53" log -- ied.txt
allowed "log --oneline -n 3" 0 "A/RES/79/53" log --oneline -n 3 ied.txt
allowed "ls" 0 "ied.txt" ls
allowed "show" 0 "A/RES/79/53" show A/RES/79/53
allowed "diff" 1 "OP12 -> OP13" diff --color=never 77/64 79/53
allowed "diff REV:PATH" 1 "OP12 -> OP13" diff --color=never 77/64 HEAD:ied.txt
allowed "blame" 0 "OP17" blame 79/53 -- ied.txt
allowed "history" 0 "OP17" history OP17 79/53 -- ied.txt
allowed "map" 0 "churn" map -- ied.txt
allowed "map --format=svg -o -" 0 "<svg" map --format=svg -o - -- ied.txt
allowed "agreed" 0 "^100%" agreed "to increase attention to prevention and capacity-building"
allowed "amend list" 0 "$id  proposed" amend list
allowed "amend show" 0 "Mexico" amend show "$id"
allowed "amend status" 0 "OP4" amend status -- ied.txt
allowed "amend compile" 0 "1 open amendment" amend compile -- ied.txt
allowed "amend compile --format=html -o -" 0 "<html" amend compile --format=html -o - -- ied.txt
allowed "export -o -" 1 "77/64" export --format=md -o - 77/64 79/53
allowed "help" 0 "--restricted" help

# no pager, whatever the account names, on a terminal (script gives one)
if command -v script >/dev/null 2>&1; then
	(cd "$repo" && REDLINE_PAGER="$tmp/prog" PAGER="$tmp/prog" script -qec "'$redline' log -- ied.txt" /dev/null) >/dev/null 2>&1
	if [ -e "$tmp/ran" ]; then ok "the pager runs when not restricted (the check below means something)"; else
		not_ok "the pager runs when not restricted"; fi
	rm -f "$tmp/ran"
	(cd "$repo" && REDLINE_PAGER="$tmp/prog" PAGER="$tmp/prog" REDLINE_CONFIG="$tmp/user-config" \
		script -qec "'$redline' --restricted log -- ied.txt" /dev/null) >"$tmp/out.txt" 2>&1
	if [ ! -e "$tmp/ran" ] && grep -q "A/RES/79/53" "$tmp/out.txt"; then ok "no pager in restricted mode"; else
		not_ok "no pager in restricted mode"; fi
	rm -f "$tmp/ran"
else
	ok "# SKIP no pager: script(1) missing"
fi

# --ssh: SSH_ORIGINAL_COMMAND, split without a shell
ssh_rl() {
	(cd "$tmp/plain" && SSH_ORIGINAL_COMMAND="$1" "$redline" --ssh -C "$repo") </dev/null >"$tmp/out.txt" 2>"$tmp/err.txt"
}
ssh_refused() {
	ssh_rl "$2"
	rc=$?
	state >"$tmp/after"
	if [ "$rc" -eq 2 ] && [ "$(cat "$tmp/err.txt")" = "$3" ] && cmp -s "$tmp/before" "$tmp/after" && [ ! -e "$tmp/ran" ] &&
	   ! grep -q "$canary" "$tmp/out.txt"; then
		ok "ssh: $1"
	else
		not_ok "ssh: $1 (exit $rc)"; cat "$tmp/err.txt"; rm -f "$tmp/ran"
	fi
}
ssh_rl "redline log -- ied.txt"
if [ $? -eq 0 ] && grep -q "A/RES/79/53" "$tmp/out.txt"; then ok "ssh: redline log"; else not_ok "ssh: redline log"; fi
ssh_rl "redline agreed 'to increase attention to prevention and capacity-building'"
if [ $? -eq 0 ] && grep -q "^1 text holds" "$tmp/out.txt"; then ok "ssh: a quoted phrase is one word"; else
	not_ok "ssh: a quoted phrase is one word"; cat "$tmp/err.txt"; fi
ssh_refused "another program" "ls /" "redline: restricted: only redline runs here (ssh HOST redline log)"
ssh_refused "a path to redline" "/usr/bin/redline log" "redline: restricted: only redline runs here (ssh HOST redline log)"
ssh_refused "scp" "scp -t /tmp" "redline: restricted: only redline runs here (ssh HOST redline log)"
ssh_refused "a command after ;" "redline log; $tmp/prog" "redline: restricted: ';' is shell syntax; the SSH command runs without a shell"
ssh_refused "a pipe" "redline log | $tmp/prog" "redline: restricted: '|' is shell syntax; the SSH command runs without a shell"
ssh_refused "a substitution" 'redline log $(touch x)' "redline: restricted: '\$' is shell syntax; the SSH command runs without a shell"
ssh_refused "a redirection" "redline log >$tmp/plain/x" "redline: restricted: '>' is shell syntax; the SSH command runs without a shell"
ssh_refused "an unclosed quote" "redline agreed 'capa" "redline: restricted: a quote is not closed in the SSH command"
ssh_refused "-C" "redline -C $other log" "redline: restricted: -C cannot change the repository"
ssh_refused "--ssh again" "redline --ssh" "redline: restricted: --ssh is for the forced command, not the SSH command"
ssh_refused "import" "redline import $tmp/secret.txt" "redline: restricted: import $W"
ssh_refused "amend accept" "redline amend accept $id" "redline: restricted: amend accept $W"
ssh_refused "export" "redline export 77/64 79/53" "redline: restricted: export writes a file; -o - writes to standard output"
ssh_refused "a file" "redline parse $tmp/secret.txt" \
	"redline: restricted: '$tmp/secret.txt' names a file; only versions of the repository are read"
ssh_rl ""
if [ $? -eq 2 ] && grep -q "^redline: restricted: no terminal for the interface: ssh -t HOST opens it;" "$tmp/err.txt"; then
	ok "ssh: no command, no terminal: a short usage"; else not_ok "ssh: no command, no terminal: a short usage"; fi
(cd "$repo" && SSH_ORIGINAL_COMMAND="redline log" "$redline" --ssh log) >/dev/null 2>"$tmp/err.txt"
if [ $? -eq 2 ] && grep -q "takes the command from SSH_ORIGINAL_COMMAND" "$tmp/err.txt"; then
	ok "--ssh with arguments of its own is refused"; else not_ok "--ssh with arguments of its own is refused"; fi

# The interface: each key that writes, in the views that have one, says
# so on the status line and does nothing; the account's configuration
# (a binding that would make x quit) is not read.
if [ ! -x "$vtdrive" ]; then
	ok "# SKIP the interface: vtdrive not built"
	tap_summary restricted
	exit $?
fi
printf 'bind generic x quit\n' >"$tmp/bind-config"
cat >"$tmp/keys.script" <<EOF
sync
expect series 1 of 2
key j <Enter> A
expect amendments to 79/53  ied.txt
key :
type OP11
key <Enter>
key j
expect $id proposed
key a
expect restricted: amend-accept writes to the repository
key r
expect restricted: amend-reject writes to the repository
key x
expect restricted: amend-withdraw writes to the repository
key o
expect restricted: amend-reopen writes to the repository
key s
expect restricted: para-status writes to the repository
key e
expect restricted: amend-propose runs an editor
expect $id proposed
key q
expect versions of ied.txt
key <Enter>
expect diff A/C.1/79/L.43/Rev.1 -> 79/53
key W
expect restricted: export writes a file
expect-not write as docx
key Q
expect-exit 0
EOF
if (cd "$tmp/plain" && "$vtdrive" --timeout 30 --env LC_ALL=C.UTF-8 --env HOME="$HOME" --env TZ=UTC \
	--env GIT_CONFIG_NOSYSTEM=1 --env VISUAL="$tmp/prog" --env REDLINE_CONFIG="$tmp/bind-config" \
	--stderr "$tmp/keys.stderr" --out "$tmp/out/keys" --script "$tmp/keys.script" -- \
	"$redline_hooks" --restricted -C "$repo") >"$tmp/keys.log" 2>&1; then
	ok "interface: every writing key refused"
else
	not_ok "interface: every writing key refused"; cat "$tmp/keys.log"
fi
if [ -s "$tmp/keys.stderr" ]; then not_ok "interface: stderr"; cat "$tmp/keys.stderr"; fi
state >"$tmp/after"
if cmp -s "$tmp/before" "$tmp/after" && [ ! -e "$tmp/ran" ]; then ok "interface: the repository is unchanged, no editor ran"; else
	not_ok "interface: the repository is unchanged, no editor ran"; diff "$tmp/before" "$tmp/after" | head; fi

# and through --ssh with no command: the interface, in the forced
# command's repository
cat >"$tmp/ssh.script" <<EOF
sync
expect series 1 of 2
key j <Enter>
expect versions of ied.txt
key A
key j a
expect restricted: amend-accept writes to the repository
key Q
expect-exit 0
EOF
if (cd "$tmp/plain" && "$vtdrive" --timeout 30 --env LC_ALL=C.UTF-8 --env HOME="$HOME" --env TZ=UTC \
	--env GIT_CONFIG_NOSYSTEM=1 --env SSH_ORIGINAL_COMMAND= \
	--stderr "$tmp/ssh.stderr" --out "$tmp/out/ssh" --script "$tmp/ssh.script" -- \
	"$redline_hooks" --ssh -C "$repo") >"$tmp/ssh.log" 2>&1; then
	ok "--ssh without a command: the interface, restricted"
else
	not_ok "--ssh without a command: the interface, restricted"; cat "$tmp/ssh.log"
fi
if [ -s "$tmp/ssh.stderr" ]; then not_ok "--ssh interface: stderr"; cat "$tmp/ssh.stderr"; fi

tap_summary restricted
