#!/bin/sh
# Restricted mode through a real sshd (RESTRICTED MODE in redline(1)): an
# sshd of its own on a free port of localhost, with throwaway host and user
# keys, and the sshd_config block of the man page (Match User, ForceCommand
# redline --ssh, PermitTTY, no forwarding) for the current user. A reviewer
# may run `ssh host redline log` and open the interface with `ssh -t host`;
# every other command, every write, every file outside the repository and
# every forwarding is refused, and the repository stays as it was.
# Skipped, saying why, where sshd is missing or cannot start.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
vtdrive="$abs_top_builddir/tests/vt/vtdrive"
unset LINES COLUMNS VISUAL EDITOR PAGER REDLINE_PAGER REDLINE_CONFIG REDLINE_RESTRICTED SSH_ORIGINAL_COMMAND
export TZ=UTC LC_ALL=C.UTF-8

sshd=$(command -v sshd 2>/dev/null || echo /usr/sbin/sshd)
[ -x "$sshd" ] || skip_suite "no sshd (Debian: openssh-server; tests/test-tools.sh installs it)"
command -v ssh >/dev/null 2>&1 && command -v ssh-keygen >/dev/null 2>&1 || skip_suite "no ssh client (openssh-client)"
# sshd's privilege separation needs its empty folder; only root makes it
[ -d /run/sshd ] || mkdir -p /run/sshd 2>/dev/null || skip_suite "no /run/sshd, and it cannot be made (not root)"
case $redline in /*) ;; *) skip_suite "sshd needs an absolute path to redline" ;; esac
user=$(id -un)

# a repository, an amendment to try the actions on, and a file outside it
# that must never be read
repo="$tmp/repo"
sh "$abs_top_srcdir/samples/make-repo.sh" "$abs_top_srcdir/samples/src" "$repo" "$redline" >/dev/null ||
	{ echo "not ok - sample repository"; exit 1; }
git -C "$repo" config user.name "Facilitator"
git -C "$repo" config user.email "facilitator@example.org"
printf 'Urges all States to act now;\n' >"$tmp/op11.txt"
id=$(cd "$repo" && "$redline" amend propose --clause OP11 --sponsor Mexico --text-file "$tmp/op11.txt" -- ied.txt |
	sed -n 's/^proposed \([0-9a-f]*\):.*/\1/p')
canary=CANARY-51d2
printf 'A/RES/1/1. %s\n\nThe General Assembly,\n\n1. Decides %s;\n' "$canary" "$canary" >"$tmp/secret.txt"

# keys and the configuration: this block is the man page's, with the
# paths of the test
ssh-keygen -q -t ed25519 -N '' -f "$tmp/host_key" -C host >/dev/null &&
	ssh-keygen -q -t ed25519 -N '' -f "$tmp/user_key" -C reviewer >/dev/null ||
	skip_suite "ssh-keygen cannot make keys"
cp "$tmp/user_key.pub" "$tmp/authorized_keys"
chmod 600 "$tmp/authorized_keys" "$tmp/user_key"
write_config() {
	cat >"$tmp/sshd_config" <<EOF
Port $1
ListenAddress 127.0.0.1
HostKey $tmp/host_key
PidFile $tmp/sshd.pid
AuthorizedKeysFile $tmp/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
# the temporary folder is under /tmp, which StrictModes would refuse
StrictModes no
PermitRootLogin prohibit-password

Match User $user
	ForceCommand $redline --ssh -C $repo
	PermitTTY yes
	AllowTcpForwarding no
	AllowStreamLocalForwarding no
	X11Forwarding no
	PermitTunnel no
	AllowAgentForwarding no
	# the interface in UTF-8 whatever the client's locale
	SetEnv LC_ALL=C.UTF-8
EOF
}

# a free port: a few tried at random until one sshd can listen on
pid=
stop_sshd() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; pid=; }
trap 'stop_sshd; rm -rf "$tmp"' EXIT
port=
for try in 1 2 3 4 5 6 7 8; do
	p=$(( (($$ * 7919 + try * 104729) % 30000) + 20000 ))
	write_config "$p"
	"$sshd" -t -f "$tmp/sshd_config" 2>"$tmp/sshd.err" || skip_suite "sshd refuses the configuration: $(head -1 "$tmp/sshd.err")"
	: >"$tmp/sshd.log"
	"$sshd" -D -f "$tmp/sshd_config" -E "$tmp/sshd.log" &
	pid=$!
	n=0
	while [ $n -lt 50 ] && ! grep -q "Server listening" "$tmp/sshd.log" && kill -0 "$pid" 2>/dev/null; do
		sleep 0.1; n=$((n + 1))
	done
	if grep -q "Server listening" "$tmp/sshd.log" && kill -0 "$pid" 2>/dev/null; then port=$p; break; fi
	stop_sshd
done
[ -n "$port" ] || skip_suite "sshd cannot start: $(tail -1 "$tmp/sshd.log")"
ok "sshd listening on 127.0.0.1:$port"
[ -n "$id" ] && ok "an amendment to try the actions on" || not_ok "an amendment to try the actions on"

sshopts="-F /dev/null -p $port -i $tmp/user_key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
-o BatchMode=yes -o LogLevel=ERROR -o ConnectTimeout=10"
# rssh ARGS...: ssh to the reviewer's account, no terminal
rssh() {
	# shellcheck disable=SC2086
	ssh -n $sshopts "$user@127.0.0.1" "$@"
}

state() {
	git -C "$repo" for-each-ref --format='%(objectname) %(refname)'
	git -C "$repo" rev-parse HEAD
	(cd "$repo/.git/objects" && find . -type f | sort)
	git -C "$repo" status --porcelain --untracked-files=all
}
state >"$tmp/before"

# refused NAME MESSAGE COMMAND: ssh HOST COMMAND exits 2 with MESSAGE as
# its whole stderr, shows no canary and changes nothing
refused() {
	rssh "$3" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	state >"$tmp/after"
	if [ "$rc" -ne 2 ]; then
		not_ok "$1: exit $rc, expected 2"; head -3 "$tmp/err"
	elif [ "$(cat "$tmp/err")" != "$2" ]; then
		not_ok "$1: stderr '$(cat "$tmp/err")', expected '$2'"
	elif grep -q "$canary" "$tmp/out" "$tmp/err"; then
		not_ok "$1: the secret was read"
	elif ! cmp -s "$tmp/before" "$tmp/after"; then
		not_ok "$1: the repository changed"; diff "$tmp/before" "$tmp/after" | head
	else
		ok "$1"
	fi
}

W="writes to the repository"
only="redline: restricted: only redline runs here (ssh HOST redline log)"
refused "another program" "$only" "cat $tmp/secret.txt"
refused "a shell" "$only" "sh -c 'cat $tmp/secret.txt'"
refused "redline by its path" "$only" "$redline log"
refused "a second command" "redline: restricted: ';' is shell syntax; the SSH command runs without a shell" \
	"redline log; cat $tmp/secret.txt"
refused "a substitution" "redline: restricted: '\$' is shell syntax; the SSH command runs without a shell" \
	"redline parse \$(cat $tmp/secret.txt)"
refused "import" "redline: restricted: import $W" "redline import $tmp/secret.txt"
refused "amend propose" "redline: restricted: amend propose $W" \
	"redline amend propose --clause OP11 --sponsor Cuba --editor -- ied.txt"
refused "amend accept" "redline: restricted: amend accept $W" "redline amend accept $id"
refused "amend status CLAUSE STATUS" "redline: restricted: amend status with a value $W" \
	"redline amend status OP4 agreed -- ied.txt"
refused "amend apply" "redline: restricted: amend apply $W" "redline amend apply -- ied.txt"
refused "export to a file" "redline: restricted: export writes a file; -o - writes to standard output" \
	"redline export 77/64 79/53"
refused "export -o FILE" "redline: restricted: -o FILE writes a file; -o - writes to standard output" \
	"redline export -o $tmp/x.docx 77/64 79/53"
refused "a file named" "redline: restricted: '$tmp/secret.txt' names a file; only versions of the repository are read" \
	"redline parse $tmp/secret.txt"
refused "agreed --file" "redline: restricted: --file FILE reads a file; --file - reads standard input" \
	"redline agreed --file $tmp/secret.txt"
refused "REV:PATH out of the repository" \
	"redline: restricted: '../secret.txt' has an empty, '.' or '..' part; name a file inside the repository" \
	"redline show HEAD:../secret.txt"
refused "-C" "redline: restricted: -C cannot change the repository" "redline -C $tmp log"
if [ -e "$tmp/x.docx" ]; then not_ok "a file was written"; fi

# what reads works
rssh redline log -- ied.txt >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q "A/RES/79/53" "$tmp/out" && [ ! -s "$tmp/err" ]; then ok "ssh host redline log"; else
	not_ok "ssh host redline log"; cat "$tmp/err"; fi
rssh redline diff --color=never 77/64 79/53 >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 1 ] && grep -q "OP12 -> OP13" "$tmp/out" && [ ! -s "$tmp/err" ]; then ok "ssh host redline diff"; else
	not_ok "ssh host redline diff"; cat "$tmp/err"; fi
rssh "redline agreed 'to increase attention to prevention and capacity-building'" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q "^1 text holds" "$tmp/out"; then ok "ssh host redline agreed 'PHRASE'"; else
	not_ok "ssh host redline agreed 'PHRASE'"; cat "$tmp/err"; fi
# standard input is the reviewer's own text
# shellcheck disable=SC2086
ssh $sshopts "$user@127.0.0.1" redline diff --stat - 79/53 <"$abs_top_srcdir/samples/A-RES-79-53.txt" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ]; then ok "ssh host redline diff - VERSION < FILE"; else not_ok "ssh host redline diff - VERSION < FILE"; cat "$tmp/err"; fi
rssh >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q "no terminal for the interface" "$tmp/err"; then ok "no command, no terminal: a short usage"; else
	not_ok "no command, no terminal: a short usage"; cat "$tmp/err"; fi

# sftp and forwarding: sshd runs the forced command for a subsystem too,
# and the Match block forbids forwarding
if command -v sftp >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	echo "get $tmp/secret.txt $tmp/got" | sftp -b - $(echo "$sshopts" | sed 's/-p /-P /') "$user@127.0.0.1" >/dev/null 2>&1
	if [ ! -e "$tmp/got" ]; then ok "sftp gets nothing"; else not_ok "sftp gets nothing"; fi
fi
# shellcheck disable=SC2086
ssh -N -o ExitOnForwardFailure=yes -R "0:127.0.0.1:$port" $sshopts "$user@127.0.0.1" </dev/null >/dev/null 2>&1 &
fw=$!
n=0
while [ $n -lt 100 ] && kill -0 "$fw" 2>/dev/null; do sleep 0.1; n=$((n + 1)); done
if kill -0 "$fw" 2>/dev/null; then kill "$fw"; not_ok "remote forwarding is refused"; else ok "remote forwarding is refused"; fi
wait "$fw" 2>/dev/null
state >"$tmp/after"
if cmp -s "$tmp/before" "$tmp/after"; then ok "the repository is as it was"; else not_ok "the repository is as it was"; fi

# The interface in a terminal: ssh -tt in vtdrive's pseudo-terminal. No
# sync byte comes back through ssh: the script waits for text instead.
if [ ! -x "$vtdrive" ]; then
	ok "# SKIP the interface over ssh: vtdrive not built"
else
	cat >"$tmp/tui.script" <<EOF
wait-for series 1 of 2
expect ied.txt
send j <Enter>
wait-for versions of ied.txt
send A
wait-for amendments to 79/53
send j a
wait-for restricted: amend-accept writes to the repository
send q q
wait-for series 2 of 2
send Q
expect-exit 0
EOF
	# shellcheck disable=SC2086
	if "$vtdrive" --timeout 30 --stderr "$tmp/tui.stderr" --out "$tmp/tui" --script "$tmp/tui.script" -- \
		ssh -tt $sshopts "$user@127.0.0.1" >"$tmp/tui.log" 2>&1; then
		ok "ssh -t host: the interface, a writing key refused, q and Q leave it cleanly"
	else
		not_ok "ssh -t host: the interface"; cat "$tmp/tui.log"
	fi
	# what redline printed on stderr comes back here (a sanitizer's report too)
	if grep -v "^Connection to .* closed" "$tmp/tui.stderr" 2>/dev/null | grep -q .; then
		not_ok "ssh -t host: stderr"; cat "$tmp/tui.stderr"; fi
	state >"$tmp/after"
	if cmp -s "$tmp/before" "$tmp/after"; then ok "the interface left the repository as it was"; else
		not_ok "the interface left the repository as it was"; fi
fi

stop_sshd
tap_summary sshd
