#!/bin/sh
# Every "redline ..." line of the README's Usage section works as it is, in
# the sample repository the Quick start builds, with the files it names
# made from the samples: exit status 0 or 1, nothing on stderr. The lines
# that open the interface are run in a pseudo-terminal (vtdrive) and quit.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
export LC_ALL=C.UTF-8 TERM=dumb GIT_CONFIG_NOSYSTEM=1 HOME="$tmp/home" TZ=UTC GIT_CEILING_DIRECTORIES="$tmp"
unset REDLINE_PAGER PAGER REDLINE_CONFIG
mkdir -p "$HOME"
src=$abs_top_srcdir
repo="$tmp/repo"

sh "$src/samples/make-repo.sh" "$src/samples/src" "$repo" "$redline" >/dev/null || { echo "not ok - make-repo"; exit 1; }
# the README's reviewer lines read a bare copy, made as it says
git -C "$repo" clone -q --bare . resolutions.git
# the files the lines name stand for the user's own: made from the samples
cp "$src/samples/A-RES-79-53.txt" "$repo/A-RES-79-53.txt"
cp "$src/samples/src/ied/07-A-C.1-79-L.43.txt" "$repo/draft.txt"
cp "$src/samples/src/ied/08-A-C.1-79-L.43-Rev.1.txt" "$repo/draft-rev1.txt"
cp "$src/samples/src/ied/06-A-RES-77-64.txt" "$repo/old.txt"
cp "$src/samples/src/ied/09-A-RES-79-53.txt" "$repo/new.txt"
printf 'Urges all States to strengthen information-sharing;\n' >"$repo/op11.txt"
mkdir -p "$tmp/bin"
ln -s "$redline" "$tmp/bin/redline"
PATH="$tmp/bin:$PATH"
# --editor lines: an editor that writes what a delegate would
printf '#!/bin/sh\nprintf "Invites States to share data;\\n" >"$1"\n' >"$tmp/bin/ed"
chmod +x "$tmp/bin/ed"
export VISUAL="$tmp/bin/ed"
# the README's amendment id (d4e8) stands for the id its first
# "amend propose" line made here
readme_id=d4e8
amend_id=

# the Usage section's command lines, without their comments
sed -n '/^Usage$/,/^Input$/p' "$src/README" | sed -n 's/^    \(redline\( .*\)*\)$/\1/p' |
	sed 's/  *# .*$//' >"$tmp/lines"
n=$(wc -l <"$tmp/lines")
if [ "$n" -ge 15 ]; then ok "$n example lines in the README"; else not_ok "only $n example lines found in the README"; fi

shell=sh
command -v bash >/dev/null 2>&1 && shell=bash
vtdrive="$abs_top_builddir/tests/vt/vtdrive"
printf 'sync\nkey Q\nexpect-exit 0\n' >"$tmp/quit.script"

# a line with no command (only -C DIR) opens the interface
is_interface() {
	# shellcheck disable=SC2086
	set -- $1
	shift
	while [ "$1" = -C ] && [ $# -ge 2 ]; do shift 2; done
	[ $# -eq 0 ]
}

while IFS= read -r line; do
	if is_interface "$line"; then
		if [ ! -x "$vtdrive" ]; then
			echo "ok - $line # SKIP vtdrive not built (no libvterm)"
			continue
		fi
		# shellcheck disable=SC2086
		if (cd "$repo" && "$vtdrive" --timeout 20 --env LC_ALL=C.UTF-8 --env HOME="$HOME" --env TZ=UTC \
			--stderr "$tmp/err" --out "$tmp/vt" --script "$tmp/quit.script" -- "$redline_hooks" ${line#redline}) \
			>"$tmp/vt.log" 2>&1 && [ ! -s "$tmp/err" ]; then
			ok "$line"
		else
			not_ok "$line"; sed 's/^/# /' "$tmp/vt.log" "$tmp/err" | head -10
		fi
		continue
	fi
	case $line in
	*"| jq "*)
		command -v jq >/dev/null 2>&1 || { echo "ok - $line # SKIP jq missing"; continue; } ;;
	esac
	[ -n "$amend_id" ] && line=$(printf '%s\n' "$line" | sed "s/ $readme_id\b/ $amend_id/")
	# a pipeline's status is redline's too (pipefail where the shell has it)
	(cd "$repo" && $shell -c "$([ $shell = bash ] && echo 'set -o pipefail; ')$line" </dev/null >"$tmp/out" 2>"$tmp/err")
	rc=$?
	[ -z "$amend_id" ] && amend_id=$(sed -n 's/^proposed \([0-9a-f]*\):.*/\1/p' "$tmp/out")
	if [ "$rc" -gt 1 ]; then
		not_ok "$line: exit $rc"; sed 's/^/# /' "$tmp/err" | head -5
	elif [ -s "$tmp/err" ]; then
		not_ok "$line: says something on stderr"; sed 's/^/# /' "$tmp/err" | head -5
	else
		ok "$line"
	fi
done <"$tmp/lines"

tap_summary readme
