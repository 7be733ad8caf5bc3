#!/bin/sh
# Real-terminal tests of amendments in the interface (tests/vt/vtdrive):
# amendments proposed with the command line show in the amendments view
# under their clauses; a status changed there is what the command line
# then sees; a change refused (not allowed, someone changed it meanwhile,
# the repository cannot be written) says why on the status line; Enter
# shows the amendment's change; a diff marks the clauses amendments name;
# a replacement proposed from the clause view through the editor; at
# 80x24, on a monochrome terminal and with NO_COLOR.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
vtdrive="$abs_top_builddir/tests/vt/vtdrive"
if [ ! -x "$vtdrive" ]; then
	# in CI a missing harness is a failure, not a skip
	[ -n "$CI" ] && { not_ok "vtdrive not built (libvterm-dev missing)"; tap_summary tui-amend; exit 1; }
	skip_suite "vtdrive not built (libvterm-dev missing)"
fi
unset LINES COLUMNS VISUAL EDITOR REDLINE_CONFIG
export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1 GIT_CEILING_DIRECTORIES="$tmp" TZ=UTC LC_ALL=C.UTF-8
mkdir -p "$HOME" "$tmp/plain" "$tmp/out"
repo="$tmp/repo"
sh "$abs_top_srcdir/samples/make-repo.sh" "$abs_top_srcdir/samples/src" "$repo" "$redline" >/dev/null ||
	{ echo "not ok - sample repository"; exit 1; }
git -C "$repo" config user.name "Facilitator"
git -C "$repo" config user.email "facilitator@example.org"

rl() { (cd "$repo" && "$redline" "$@"); }
# the id a proposal printed ("proposed 1a2b3c4d: ...")
propose() { rl amend propose "$@" | sed -n 's/^proposed \([0-9a-f]*\):.*/\1/p'; }

printf 'Urges all States to share information on improvised explosive devices now;\n' >"$tmp/op11.txt"
printf 'Decides to remain seized of the matter;\n' >"$tmp/ins.txt"
rep=$(propose --clause OP11 --sponsor Mexico --text-file "$tmp/op11.txt" -- ied.txt)
del=$(propose --delete --clause PP3,OP12 --sponsor Cuba -- ied.txt)
ins=$(propose --after OP5 --sponsor Canada --text-file "$tmp/ins.txt" -- ied.txt)
if [ -n "$rep" ] && [ -n "$del" ] && [ -n "$ins" ]; then ok "three proposals"; else not_ok "three proposals"; exit 1; fi

# vt NAME [vtdrive options]: run the script $tmp/NAME.script on the sample
# repository; its stderr (sanitizer reports included) must stay empty
vt() {
	name=$1
	shift
	if (cd "$tmp/plain" && "$vtdrive" --timeout 30 --env LC_ALL=C.UTF-8 --env HOME="$HOME" --env TZ=UTC \
		--env GIT_CONFIG_NOSYSTEM=1 "$@" --stderr "$tmp/$name.stderr" --out "$tmp/out/$name" \
		--script "$tmp/$name.script" -- "$redline_hooks" -C "$repo") >"$tmp/$name.log" 2>&1; then
		ok "$name"
	else
		not_ok "$name"
		cat "$tmp/$name.log"
	fi
	if [ -s "$tmp/$name.stderr" ]; then not_ok "$name: stderr"; cat "$tmp/$name.stderr"; fi
}

# From the versions (the series list first: ied.txt is the second), A on
# the latest version: every paragraph with its status, the amendments
# under the clauses they name. Accept one, cycle a paragraph's status
# twice, then Enter shows the accepted replacement's change.
cat >"$tmp/view.script" <<EOF
sync
key j <Enter> A
expect amendments to 79/53  ied.txt  (3, 3 proposed)
expect PP1     [pending]
expect $del proposed  delete PP3, OP12  Cuba
dump first
key :
type OP5
key <Enter>
expect $ins proposed  insert after OP5  Canada
expect "Decides to remain seized of the matter;"
key :
type OP4
key <Enter>
key s
expect OP4: agreed
expect OP4     [agreed]
key s
expect OP4: agreed ad ref
expect OP4     [agreed ad ref]
key :
type OP11
key <Enter>
key j
expect OP11 · $rep proposed · a r x o
key a
expect amendment $rep accepted
expect $rep accepted  replace OP11  Mexico
expect amendments to 79/53  ied.txt  (3, 2 proposed)
# in colour the status is green too (row 3: OP11 is at the top)
expect-attr 3 14 +
dump accepted
key a
expect amendment $rep: cannot accept:
key <Enter>
expect diff 79/53 -> 79/53 + $rep  ied.txt
expect Urges all States to share information on improvised explosive
dump change
key q
expect amendments to 79/53
key Q
expect-exit 0
EOF
vt view
if rl amend list --status accepted | grep -q "^$rep  accepted   replace OP11 .*Mexico$"; then
	ok "the command line sees the amendment accepted"
else
	not_ok "the command line sees the amendment accepted"; rl amend list
fi
if rl amend status -- ied.txt | grep -q '^OP4      agreed ad ref  .*Facilitator'; then
	ok "the command line sees OP4 agreed ad ref, set by the repository's identity"
else
	not_ok "the command line sees OP4 agreed ad ref"; rl amend status -- ied.txt | head -40
fi
for d in first accepted change; do
	# one byte per cell for awk: the arrow and the dot are one cell each
	sed 's/\xe2\x86\x92/>/g; s/\xc2\xb7/./g' "$tmp/out/view/$d.screen" >"$tmp/cells"
	if [ "$(wc -l <"$tmp/cells")" -le 24 ] && ! awk 'length($0) > 80 { bad = 1 } END { exit !bad }' "$tmp/cells"; then
		ok "view: $d fits 80x24"
	else
		not_ok "view: $d fits 80x24"
	fi
done

# Someone else rejects the deletion while the view shows it proposed (the
# "editor" of a proposal does it, then leaves the text unchanged, so that
# nothing is proposed): withdrawing it is then refused, the status line
# says who changed it and what it is now, and the view shows it rejected.
cat >"$tmp/meanwhile" <<EOF
#!/bin/sh
"$redline" -C "$repo" amend reject $del >/dev/null 2>&1
EOF
chmod +x "$tmp/meanwhile"
cat >"$tmp/meanwhile.script" <<EOF
sync
key j <Enter> A
expect $del proposed  delete PP3, OP12
key :
type PP3
key <Enter>
key e
expect the text was left unchanged: nothing proposed
expect $del proposed  delete PP3, OP12
key j x
expect $del was made rejected meanwhile by Facilitator: not withdrawn; look again
expect $del rejected  delete PP3, OP12
key o
expect amendment $del reopened
key Q
expect-exit 0
EOF
vt meanwhile --env VISUAL="$tmp/meanwhile"
if rl amend list --status proposed | grep -q "^$del  proposed"; then ok "the reopened deletion is proposed again"; else
	not_ok "the reopened deletion is proposed again"; rl amend list; fi

# A repository that cannot be written where the status goes: a file where
# the draft's folder of statuses must be (root ignores permissions, so the
# file stands in for them). Nothing crashes: the status line says why.
rev1=$(rl log --format=json ied.txt | sed -n 's/.*"commit": *"\([0-9a-f]\{40\}\)".*/\1/p' | sed -n 2p)
mkdir -p "$repo/.git/refs/redline/status"
: >"$repo/.git/refs/redline/status/$rev1"
cat >"$tmp/unwritable.script" <<EOF
sync
key j <Enter> j A
expect amendments to A/C.1/79/L.43/Rev.1
expect PP1     [pending]
key s
expect PP1: cannot set its status:
expect PP1     [pending]
key Q
expect-exit 0
EOF
vt unwritable
rm -f "$repo/.git/refs/redline/status/$rev1"
# and, where permissions count, a repository nobody may write
if [ "$(id -u)" != 0 ]; then
	chmod -R a-w "$repo/.git/refs" "$repo/.git/objects"
	cat >"$tmp/readonly.script" <<EOF
sync
key j <Enter> A
key :
type OP5
key <Enter>
key j r
expect amendment $ins: cannot reject:
key Q
expect-exit 0
EOF
	vt readonly
	chmod -R u+w "$repo/.git/refs" "$repo/.git/objects"
fi

# The diff of the latest version against the one before marks what the
# proposed amendments name: PP3 in the preambular fold, OP5 and OP12 in
# the operative one (the accepted OP11 no more); A opens the amendments
# to the newer version. Monochrome: the statuses are words in brackets.
cat >"$tmp/mono.script" <<EOF
sync
key j <Enter> <Enter>
expect diff A/C.1/79/L.43/Rev.1 -> 79/53
expect ... PP1-PP29  unchanged (29 clauses)  [1 amendment]
expect ... OP1-OP28  unchanged (28 clauses)  [2 amendments]
dump diff
key A
expect amendments to 79/53  ied.txt  (3, 2 proposed)
key :
type OP4
key <Enter>
expect OP4     [agreed ad ref]
key :
type OP11
key <Enter>
expect $rep accepted  replace OP11
dump amend
key Q
expect-exit 0
EOF
vt mono --term xterm-mono
cp "$tmp/mono.script" "$tmp/nocolor.script"
vt nocolor --env NO_COLOR=1

# Proposing from the clause view: the clause's text in the editor, the
# sponsor asked for on the status line, the proposal written; Esc at the
# question writes nothing, nor does an editor that changes nothing.
cat >"$tmp/edit" <<'EOF'
#!/bin/sh
sed 's/Encourages States to enhance/Strongly urges States to enhance/' "$1" >"$1.new" && mv "$1.new" "$1"
EOF
chmod +x "$tmp/edit"
cat >"$tmp/propose.script" <<EOF
sync
key j <Enter> <Enter>
key :
type OP11
key <Enter> <Enter>
expect clause OP11
key e
expect sponsor:
key <Esc>
expect cancelled
key e
expect sponsor:
type Chile
key <Enter>
expect replace OP11, by Chile
key A
key :
type OP11
key <Enter>
expect proposed  replace OP11  Chile
key Q
expect-exit 0
EOF
vt propose --env VISUAL="$tmp/edit"
if [ "$(rl amend list --sponsor Chile | wc -l)" -eq 1 ] &&
	rl amend show "$(rl amend list --sponsor Chile | cut -c1-8)" --color=never | grep -q 'verb stronger (Encourages -> Strongly urges)'; then
	ok "one proposal by Chile, with the edited text"
else
	not_ok "one proposal by Chile, with the edited text"; rl amend list
fi
cat >"$tmp/unchanged.script" <<EOF
sync
key j <Enter> A
key :
type OP2
key <Enter>
key e
expect the text was left unchanged: nothing proposed
key Q
expect-exit 0
EOF
vt unchanged --env VISUAL=true
cat >"$tmp/noeditor.script" <<EOF
sync
key j <Enter> A
key e
expect the editor failed (false): nothing proposed
key Q
expect-exit 0
EOF
vt noeditor --env VISUAL=false
if [ "$(rl amend list | wc -l)" -eq 4 ]; then ok "nothing else was proposed"; else not_ok "nothing else was proposed"; rl amend list; fi

# Text from documents reaches the screen sanitised here too: a draft whose
# paragraphs carry escape sequences, and an amendment to one of them.
hostile="$tmp/hostile"
mkdir "$hostile"
git -C "$hostile" init -q
git -C "$hostile" config user.name "Facilitator"
git -C "$hostile" config user.email "facilitator@example.org"
printf '1/1. Hostile \033]0;owned\007title\n\nThe General Assembly,\n\nNoting \033[2J\033[31mred\033[m and \342\200\256 here,\n\n1. Decides \033[?1049l to act.\n' >"$tmp/h1.txt"
printf 'Decides to act at once;\n' >"$tmp/h-op1.txt"
(cd "$hostile" && "$redline" import --path=h.txt --date=2024-01-01 --author="T <t@e>" "$tmp/h1.txt" >/dev/null &&
	"$redline" amend propose --clause OP1 --sponsor Chile --text-file "$tmp/h-op1.txt" -- h.txt >/dev/null) ||
	not_ok "hostile repository"
cat >"$tmp/hostile.script" <<EOF
sync
key A
expect amendments to
expect ^[[2J^[[31mred^[[m and <U+202E> here,
expect ^[[?1049l to act.
expect proposed  replace OP1  Chile
key Q
expect-exit 0
EOF
if (cd "$tmp/plain" && "$vtdrive" --timeout 30 --env LC_ALL=C.UTF-8 --env HOME="$HOME" --env TZ=UTC \
	--stderr "$tmp/hostile.stderr" --out "$tmp/out/hostile" --script "$tmp/hostile.script" -- "$redline_hooks" -C "$hostile") \
	>"$tmp/hostile.log" 2>&1; then
	ok "hostile text shows sanitised"
else
	not_ok "hostile text shows sanitised"; cat "$tmp/hostile.log"
fi
if [ -s "$tmp/hostile.stderr" ]; then not_ok "hostile: stderr"; cat "$tmp/hostile.stderr"; fi

# A revision of the draft carries the open amendments along: shown under
# the clause they follow to, with the clause they were written for; one
# whose clause changed is marked for review
carry="$tmp/carry"
sh "$abs_top_srcdir/samples/make-repo.sh" "$abs_top_srcdir/samples/src" "$carry" "$redline" >/dev/null || not_ok "carry repository"
printf 'Urges States to act together;\n' >"$tmp/carry.txt"
(cd "$carry" && "$redline" import --force --path=draft.txt --date=2024-10-10 "$abs_top_srcdir/samples/src/ied/07-A-C.1-79-L.43.txt" &&
	"$redline" amend propose --clause OP7 --sponsor Peru --text-file "$tmp/carry.txt" -- draft.txt &&
	"$redline" amend propose --clause OP9 --sponsor Togo --text-file "$tmp/carry.txt" -- draft.txt &&
	"$redline" import --force --path=draft.txt --date=2024-10-30 "$abs_top_srcdir/samples/src/ied/08-A-C.1-79-L.43-Rev.1.txt") \
	>/dev/null 2>&1 || not_ok "carry: proposals and a revision"
cat >"$tmp/carry.script" <<EOF
sync
key A
expect amendments to A/C.1/79/L.43/Rev.1
key :
type OP8
key <Enter>
expect proposed  replace OP8  Peru
expect proposed for A/C.1/79/L.43 as OP7
expect proposed for A/C.1/79/L.43 as OP9; needs review: OP9 was modified
key Q
expect-exit 0
EOF
if (cd "$tmp/plain" && "$vtdrive" --timeout 30 --env LC_ALL=C.UTF-8 --env HOME="$HOME" --env TZ=UTC \
	--stderr "$tmp/carry.stderr" --out "$tmp/out/carry" --script "$tmp/carry.script" -- "$redline_hooks" -C "$carry" -- draft.txt) \
	>"$tmp/carry.log" 2>&1 && [ ! -s "$tmp/carry.stderr" ]; then
	ok "a revision carries the open amendments along, one marked for review"
else
	not_ok "a revision carries the open amendments along"; cat "$tmp/carry.log" "$tmp/carry.stderr" | head -20
fi

tap_summary tui-amend
