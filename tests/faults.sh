#!/bin/sh
# Damaged and hostile repositories through every command and every view of
# the interface. Each repository is the same three versions of one series
# with ONE fault: an old blob garbled (zlib), cut short or missing; the
# tip's tree or commit missing; the history packed, then the pack cut short
# or its .idx removed; packed-refs garbled; the branch or a tag at a commit
# that does not exist; HEAD naming a branch that does not exist; a shallow
# clone; alternates naming a folder that is not there (with and without
# the objects it held); series files that are symbolic links out of the
# repository, a submodule, a folder; .git/redline linked elsewhere.
#
# Every command runs under a time limit and must exit 0 or 1 when the
# fault is not in what it reads, else 2 with exactly one line on stderr,
# "redline: ...", naming the object or path and what is wrong; never a
# crash, a hang or a sanitizer report, never a raw control byte out.
# A write (amend propose, import) into a damaged repository fails cleanly
# or succeeds, and leaves it no worse: git fsck finds nothing new.
#
# The faults repo.sh already runs log, show, diff and ls on (a truncated
# tip blob, tree or commit; an old commit or tree truncated, missing or
# garbled; a lost pack; a shallow clone) are not run again here; this suite
# takes other objects (old blobs, the tip's tree) and the other commands.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
export LC_ALL=C.UTF-8 TERM=dumb GIT_CONFIG_NOSYSTEM=1 HOME="$tmp/home" TZ=UTC
export GIT_CEILING_DIRECTORIES="$tmp" REDLINE_PAGER=cat PAGER=cat
unset XDG_CACHE_HOME
mkdir -p "$HOME" "$tmp/out"
src="$abs_top_srcdir"
who="Secretariat (test) <secretariat@example.org>"
command -v python3 >/dev/null 2>&1 || skip_suite "python3 missing: cannot garble a zlib stream"

# the base: three versions of ied.txt, tagged; no derived files kept, so
# every command reads the objects themselves
mkdir "$tmp/base"
git -C "$tmp/base" init -q -b main
sed 's|^79/53\. |79/60. |; s|^28\. \*Decides\*|28. *Decides also*|' "$src/samples/A-RES-79-53.txt" >"$tmp/v3.txt"
sed 's|^79/53\. |79/70. |; s|^28\. \*Decides\*|28. *Decides again*|' "$src/samples/A-RES-79-53.txt" >"$tmp/v4.txt"
printf 'Strongly urges all States to act now;\n' >"$tmp/op1.txt"
(cd "$tmp/base" && "$redline" import --author="$who" --path=ied.txt "$src/samples/ied-77-64-illustrative.txt" &&
	"$redline" import --author="$who" --path=ied.txt "$src/samples/A-RES-79-53.txt" &&
	"$redline" import --author="$who" --path=ied.txt --date=2025-01-01 "$tmp/v3.txt") >"$tmp/setup.log" 2>&1 ||
	{ not_ok "base repository"; cat "$tmp/setup.log"; tap_summary faults; exit 1; }
rm -rf "$tmp/base/.git/redline"

objfile() {
	o=$(git -C "$1" rev-parse "$2")
	echo "$1/.git/objects/$(echo "$o" | cut -c1-2)/$(echo "$o" | cut -c3-)"
}
commit_here() { git -c user.name=T -c user.email=t@e commit -qm "$1"; }

# make FAULT: $tmp/FAULT, a copy of the base with that fault
make_fault() {
	r="$tmp/$1"
	case $1 in
	shallow) git clone -q --depth 2 "file://$tmp/base" "$r"; return ;;
	alt-gone) cp -r "$tmp/base" "$tmp/alt-src" && git clone -q --shared "$tmp/alt-src" "$r" && rm -rf "$tmp/alt-src"; return ;;
	esac
	cp -r "$tmp/base" "$r"
	case $1 in
	garbled-blob)
		of=$(objfile "$r" HEAD~1:ied.txt)
		chmod u+w "$of"
		python3 -c 'import sys
f = sys.argv[1]
b = bytearray(open(f, "rb").read())
m = len(b) // 2
for i in range(m, m + 16):
    b[i] ^= 0x5a
open(f, "wb").write(b)' "$of" ;;
	truncated-blob) of=$(objfile "$r" HEAD~1:ied.txt); chmod u+w "$of"; head -c 100 "$of" >"$of.cut"; mv "$of.cut" "$of" ;;
	missing-blob) rm -f "$(objfile "$r" HEAD~1:ied.txt)" ;;
	missing-tree) rm -f "$(objfile "$r" HEAD^{tree})" ;;
	missing-commit) rm -f "$(objfile "$r" HEAD)" ;;
	truncated-pack | missing-idx)
		git -C "$r" repack -qad && git -C "$r" prune-packed
		p=$(ls "$r"/.git/objects/pack/*.pack)
		if [ "$1" = missing-idx ]; then rm -f "${p%.pack}.idx"; else
			chmod u+w "$p"; head -c $(($(wc -c <"$p") / 2)) "$p" >"$p.cut"; mv "$p.cut" "$p"; fi ;;
	packed-refs) git -C "$r" pack-refs --all && printf 'garbage line\n' >>"$r/.git/packed-refs" ;;
	missing-ref) echo 0123456789abcdef0123456789abcdef01234567 >"$r/.git/refs/heads/main" ;;
	missing-tag) echo 0123456789abcdef0123456789abcdef01234567 >"$r/.git/refs/tags/A_RES_79_53" ;;
	unborn) echo 'ref: refs/heads/nope' >"$r/.git/HEAD" ;;
	alternates) echo /nonexistent/objects >"$r/.git/objects/info/alternates" ;;
	symlink)
		# inside $tmp/sym so that ../../secret is $tmp/secret
		rm -rf "$r" && mkdir -p "$tmp/sym" && cp -r "$tmp/base" "$tmp/sym/repo" && ln -s sym/repo "$r"
		(cd "$r" && ln -s /etc/passwd evil.txt && ln -s ../../secret up.txt && git add evil.txt up.txt && commit_here links) ;;
	gitlink) (cd "$r" && git update-index --add --cacheinfo "160000,$(git rev-parse HEAD),sub.txt" && commit_here submodule) ;;
	dir-series)
		(cd "$r" && blob=$(git rev-parse HEAD:ied.txt) && git rm -q --cached ied.txt &&
			git update-index --add --cacheinfo "100644,$blob,ied.txt/inner.txt" && commit_here folder &&
			rm -f ied.txt && git checkout -q -f HEAD) ;;
	redline-link) mkdir "$tmp/elsewhere" && echo sentinel >"$tmp/elsewhere/versions" && ln -s "$tmp/elsewhere" "$r/.git/redline" ;;
	deep-tree)
		# a folder nested 100,000 deep (a pack written here: git's own
		# tools recurse, and fast-import crashes on it) beside ied.txt
		t=$(deep_pack "$r" 100000) &&
		(cd "$r" && top=$({ git ls-tree HEAD; printf '040000 tree %s\tdeep\n' "$t"; } | git mktree) &&
			git update-ref refs/heads/main "$(echo deep | git -c user.name=T -c user.email=t@e commit-tree "$top" -p HEAD)") ;;
	esac
}
echo secret >"$tmp/secret"

# deep_pack REPO DEPTH: a pack in REPO of a folder nested DEPTH deep with
# a file at the bottom; prints the top folder's tree id
deep_pack() {
	python3 -c 'import sys, zlib, hashlib, struct
depth = int(sys.argv[2])
objs = []
def put(kind, code, body):
    objs.append((code, body))
    return hashlib.sha1(b"%s %d\0" % (kind, len(body)) + body).digest()
t = put(b"tree", 2, b"100644 x.txt\0" + put(b"blob", 3, b"Not a resolution.\n"))
for i in range(depth):
    t = put(b"tree", 2, b"40000 d\0" + t)
parts = [b"PACK" + struct.pack(">II", 2, len(objs))]
for code, body in objs:
    n = len(body); c = (code << 4) | (n & 15); n >>= 4; hdr = bytearray()
    while n:
        hdr.append(c | 0x80); c = n & 0x7f; n >>= 7
    hdr.append(c)
    z = zlib.compressobj(1, zlib.DEFLATED, 9, 1)   # a small state: fast for tiny objects
    parts.append(bytes(hdr) + z.compress(body) + z.flush())
out = b"".join(parts)
open(sys.argv[1], "wb").write(out + hashlib.sha1(out).digest())
print(t.hex())' "$1/.git/objects/pack/pack-deep.pack" "$2" &&
	git -C "$1" index-pack "$1/.git/objects/pack/pack-deep.pack" >/dev/null
}

# The commands: NAME|ARGS (@O@: the output folder; P: the series path)
commands='ls|ls
log|log -- P
log-json|log --format=json -- P
show|show -- P
show-old|show 79/53 -- P
parse|parse HEAD:P
diff|diff -- P
diff-json|diff --format=json 77/64 79/60 -- P
blame|blame -- P
history|history OP1 -- P
map|map -- P
map-svg|map --format=svg --force -o @O@/map.svg -- P
agreed-clause|agreed --clause OP1 -- P
agreed-phrase|agreed "Strongly urges States"
export-docx|export --format=docx --force -o @O@/x.docx -- P
export-html|export --format=html --force -o @O@/x.html -- P
export-md|export --format=md --force -o @O@/x.md -- P
export-text|export --format=text --force -o @O@/x.txt -- P
amend-list|amend list -- P
amend-status|amend status -- P
amend-compile|amend compile -- P
propose|amend propose --clause OP1 --sponsor Chile --text-file @T@/op1.txt -- P
import|import --author="T <t@e>" --path=P --date=2025-02-01 --force @T@/v4.txt'

# raw FILE: a control byte other than tab and newline (a line of it)
raw() { LC_ALL=C grep -an "$(printf '[\001-\010\013-\037\177]')" "$1" | head -2 | cat -v; }

# run FAULT NAME WANT ARGS: WANT ok (0 or 1) or fail (2, one line said,
# matching $msg); ARGS as a shell would split them
run() {
	fault=$1 name=$2 want=$3 args=$4
	(cd "$tmp/$fault" && eval "timeout 20 \"\$redline\" $args") >"$tmp/o" 2>"$tmp/e"
	rc=$?
	what="$fault: $name"
	if [ $rc -eq 124 ]; then not_ok "$what: still running after 20 s (a hang)"; return; fi
	if [ $rc -ge 128 ]; then not_ok "$what: died (exit $rc)"; sed 's/^/# /' "$tmp/e" | head -20; return; fi
	if grep -q 'Sanitizer\|runtime error:\|LeakSanitizer' "$tmp/e"; then
		not_ok "$what: sanitizer report"; sed 's/^/# /' "$tmp/e" | head -30; return; fi
	bad=$(raw "$tmp/o"; raw "$tmp/e")
	if [ -n "$bad" ]; then not_ok "$what: raw control bytes out: $bad"; return; fi
	case $want:$rc in
	ok:0 | ok:1)
		# what goes to stderr is a line of redline's (a note, a warning)
		if grep -qv '^redline: ' "$tmp/e"; then not_ok "$what: stderr: $(head -3 "$tmp/e")"; else ok "$what: exit $rc"; fi ;;
	fail:2)
		if [ "$(wc -l <"$tmp/e")" -ne 1 ] || ! grep -q '^redline: .' "$tmp/e"; then
			not_ok "$what: exit 2, but stderr is not one line 'redline: ...'"; sed 's/^/# /' "$tmp/e" | head -5
		elif ! grep -qE "'[^']+'|[0-9a-f]{7,}" "$tmp/e"; then
			not_ok "$what: the message names no file, path or object: $(cat "$tmp/e")"
		elif [ -n "$msg" ] && ! grep -qE "$msg" "$tmp/e"; then
			not_ok "$what: the message does not say '$msg': $(cat "$tmp/e")"
		else ok "$what: exit 2, said"; fi ;;
	*) not_ok "$what: exit $rc, expected $want"; sed 's/^/# /' "$tmp/e" | head -5 ;;
	esac
}

# fsck_errors REPO: what git fsck finds wrong (dangling objects are no harm)
fsck_errors() { git -C "$1" fsck --no-progress --no-dangling 2>&1 | grep -v '^dangling\|^notice' | sed 's/^ *//' | sort -u; }

# fault FAULT PATH FAILS [SKIPS]: every command on FAULT's repository for
# the series PATH; those in FAILS must fail (2), the rest work; SKIPS are
# "NAME:why" cells reported skipped. msg is what a failure must say (ERE).
fault() {
	f=$1 path=$2 fails=" $3 " skips=" $4 " only=" $5 "
	make_fault "$f" || { not_ok "$f: made"; return; }
	before=$(fsck_errors "$tmp/$f")
	printf '%s\n' "$commands" | while IFS='|' read -r name args; do
		[ "$only" = "  " ] || case $only in *" $name "*) ;; *) continue ;; esac
		case $skips in *" $name:"*)
			why=${skips#*" $name:"}; why=${why%% *}
			echo "ok - $f: $name # SKIP $(echo "$why" | tr "~" " ")"; continue ;;
		esac
		case $fails in *" $name "*) want=fail ;; *) want=ok ;; esac
		args=$(printf '%s' "$args" | sed "s|@O@|$tmp/out|g; s|@T@|$tmp|g; s| P\$| $path|; s| P | $path |g; s|=P |=$path |g; s|:P\$|:$path|")
		run "$f" "$name" "$want" "$args"
	done >"$tmp/tap"
	cat "$tmp/tap"
	pass=$((pass + $(grep -c '^ok' "$tmp/tap"))) fail=$((fail + $(grep -c '^not ok' "$tmp/tap")))
	after=$(fsck_errors "$tmp/$f")
	new=$(printf '%s\n' "$after" | grep -vxF "$before" | grep .)
	if [ -z "$new" ]; then ok "$f: git fsck finds nothing new after the writes"; else
		not_ok "$f: git fsck finds more after the writes: $new"; fi
}

reads_old="log log-json show-old diff blame history map map-svg export-docx export-html export-md export-text"
# the agreed-language index reads every version: one it cannot read is an
# error, not left out (an index without it would be kept, and say "never
# adopted" of what that version holds)
reads_all="$reads_old agreed-clause agreed-phrase"
everything="ls log log-json show parse diff blame history map map-svg agreed-clause agreed-phrase export-docx export-html export-md export-text amend-status amend-compile propose import"

msg="cannot read blob [0-9a-f]{12} \('ied.txt' in commit [0-9a-f]{7}\) in '[^']*': its file '[^']*/objects/[0-9a-f]{2}/[0-9a-f]{38}' is damaged.*git fsck"
fault garbled-blob ied.txt "$reads_all"
msg="cannot read blob [0-9a-f]{12} \('ied.txt' in commit [0-9a-f]{7}\) in '[^']*': its file '[^']*' is truncated.*git fsck"
case $(pkg-config --modversion libgit2 2>/dev/null) in 0.* | 1.*) ;; *) msg="cannot read blob [0-9a-f]{12} \('ied.txt' in commit [0-9a-f]{7}\).*git fsck" ;; esac
fault truncated-blob ied.txt "$reads_all"
msg="cannot read blob [0-9a-f]{12} \('ied.txt' in commit [0-9a-f]{7}\) in '[^']*': object not found.*git fsck"
fault missing-blob ied.txt "$reads_all"
# the tip's tree or commit: all but a version found by its tag, and the
# amendments (none yet; refs of their own)
msg="cannot read (tree [0-9a-f]{12} of (commit [0-9a-f]{7}|HEAD)|commit [0-9a-f]{12}|revision 'HEAD'|the version of).*in '[^']*'.*not found.*git fsck"
fault missing-tree ied.txt "$everything diff-json"
fault missing-commit ied.txt "$everything diff-json"
fault missing-ref ied.txt "$everything"
# a pack cut short or without its index: nothing can be read, and the
# message names the file at fault, not only the object libgit2 missed
msg="cannot read (commit|revision|the version).*'[^']*/objects/pack/pack-[0-9a-f]*\.pack' does not end as its index says.*git fsck"
fault truncated-pack ied.txt "$everything diff-json show-old"
msg="cannot read (commit|revision|the version).*'[^']*/objects/pack/pack-[0-9a-f]*\.pack' has no index '[^']*\.idx'.*git fsck"
fault missing-idx ied.txt "$everything diff-json show-old"
msg="cannot read (commit|revision|the version).*the alternate '[^']*' that '[^']*/objects/info/alternates' names is not there.*git fsck"
fault alt-gone ied.txt "$everything diff-json show-old"
msg="corrupted packed references file \('[^']*/\.git/packed-refs'\)"
fault packed-refs ied.txt "amend-list amend-status amend-compile propose import"
msg="A/RES/79/53 \(tag A_RES_79_53\).*not found.*git fsck"
fault missing-tag ied.txt "show-old"
msg="HEAD of '[^']*' names refs/heads/nope, which does not exist; the repository's branches: 'main'|'ied.txt' has local changes"
fault unborn ied.txt "$everything"
msg="unknown revision or symbol '77/64'"
fault shallow ied.txt "diff-json" "" "show-old parse diff-json blame history map map-svg agreed-clause agreed-phrase export-docx export-html export-md export-text amend-list amend-status amend-compile propose import"
msg=.
fault alternates ied.txt ""

# Symbolic links in the tree (mode 120000), to /etc/passwd and out of the
# repository: never followed, never taken for document text (their blob is
# the path they name); every command on them says what they are. A series
# beside them is read as ever.
msg="'(evil|up).txt' in commit [0-9a-f]{12} is a symbolic link, not a file; redline does not follow links"
# An import to the link's path is a new version of a file there: the link
# is replaced in the next commit (as git add of a file would), never
# written through; its target stays as it was.
links="log log-json show parse diff blame history map map-svg agreed-clause export-docx export-html export-md export-text amend-status amend-compile propose"
fault symlink evil.txt "$links" "" "ls $links"
if ! grep -q '^root:' "$tmp/o" "$tmp/out"/* 2>/dev/null; then ok "symlink: /etc/passwd not read"; else not_ok "symlink: /etc/passwd read"; fi
rm -rf "$tmp/symlink" "$tmp/sym"
fault symlink up.txt "$links" "" "ls $links import"
if [ "$(cat "$tmp/secret")" = secret ] && [ "$(git -C "$tmp/symlink" ls-tree HEAD up.txt | cut -c1-6)" = 100644 ] &&
   [ "$(git -C "$tmp/symlink" cat-file -p HEAD~1:up.txt)" = ../../secret ] && [ ! -L "$tmp/symlink/up.txt" ]; then
	ok "symlink: an import replaced the link, wrote nothing through it"; else not_ok "symlink: import and the link"; fi
rm -rf "$tmp/symlink" "$tmp/sym"
msg=.
fault symlink ied.txt "" "" "ls log show diff blame export-text propose import"

# a folder nested deeper than the stack could follow (100,000 levels)
# beside the series: every walk stops at git's limit, 4096, and says so;
# what names ied.txt reads it as ever
msg="'deep/d/d/d/.*' (at HEAD|in commit [0-9a-f]{7}) nests folders more than 4096 deep"
fault deep-tree ied.txt "ls"

# a submodule (gitlink) and a folder where a series file was
# (blame and map walk the history for versions, and a submodule is none)
msg="'sub.txt' in commit [0-9a-f]{12} is a submodule \\(a commit of another repository\\), not a file|no versions of 'sub.txt'"
fault gitlink sub.txt "log show parse diff blame map export-text amend-status propose" "" \
	"ls log show parse diff blame map export-text amend-status propose"
msg="'ied.txt' in commit [0-9a-f]{12} is a folder, not a file"
fault dir-series ied.txt "show parse diff export-text amend-status propose" "" "ls show parse diff export-text amend-status propose"

# the work tree's series file a symbolic link out of the repository: an
# import does not write through it
cp -r "$tmp/base" "$tmp/wt-link"
rm "$tmp/wt-link/ied.txt" && ln -s ../secret "$tmp/wt-link/ied.txt"
msg="'ied.txt' has local changes"
run wt-link "import over a linked work-tree file" fail "import --author='T <t@e>' --path=ied.txt --date=2025-02-01 '$tmp/v4.txt'"
if [ "$(cat "$tmp/secret")" = secret ] && [ -L "$tmp/wt-link/ied.txt" ]; then ok "wt-link: the link's target untouched"; else
	not_ok "wt-link: written through the link"; fi

# .git/redline linked elsewhere: redline's derived files are not written
# through it (vindex_derived_path: the user's cache folder instead), so
# what the link names is left as it was; every command works
msg=.
fault redline-link ied.txt ""
if [ "$(ls "$tmp/elsewhere")" = versions ] && [ "$(cat "$tmp/elsewhere/versions")" = sentinel ]; then
	ok "redline-link: nothing written where the link points"; else
	not_ok "redline-link: written through the link: $(ls "$tmp/elsewhere") $(head -c 60 "$tmp/elsewhere/versions")"; fi
if ls "$HOME/.cache/redline/" 2>/dev/null | grep -q '^versions-'; then ok "redline-link: the index kept in the user's cache"; else
	not_ok "redline-link: no index in the user's cache"; fi

# The interface on the damaged repositories, a short script per view (the
# versions, diff, clause, history, blame, map, agreed,
# amendments, help): the view opened, its screen dumped, Q. vtdrive fails
# a script unless the program exits 0 with the terminal given back (tty
# modes, primary screen, cursor); the screen of a view that reads the
# damaged part must say "cannot ..." about it; nothing raw is sent; stderr
# stays empty (no sanitizer report). Where the damage is in what every
# view needs (the tip), the interface does not start: exit 2, one line.
vtdrive="$abs_top_builddir/tests/vt/vtdrive"
# (one series: the interface opens on its versions, there is no series list)
views="versions: diff:<Enter> clause:<Enter>_<Enter> history:<Enter>_L blame:B map:P agreed:B_U amend:A help:h"
# tui FAULT TOUCHED: TOUCHED the views that must show a message
tui() {
	f=$1 touched=" $2 "
	for v in $views; do
		view=${v%%:*} keys=$(echo "${v#*:}" | tr _ ' ')
		{ echo sync; [ -z "$keys" ] || echo "key $keys"; echo "dump $view"; echo "key Q"; echo "expect-exit 0"; } >"$tmp/view.script"
		rm -rf "$tmp/vt" "$tmp/vt.err"
		if (cd "$tmp" && timeout 60 "$vtdrive" --timeout 20 --size 120x24 --env LC_ALL=C.UTF-8 --env HOME="$HOME" --env TZ=UTC \
			--trace "$tmp/trace" --stderr "$tmp/vt.err" --out "$tmp/vt" --script "$tmp/view.script" \
			-- "$redline_hooks" -C "$tmp/$f") >"$tmp/vt.log" 2>&1; then :; else
			not_ok "$f: view $view: $(head -1 "$tmp/vt.log")"; sed 's/^/# /' "$tmp/vt.log" | head -30; continue
		fi
		if [ -s "$tmp/vt.err" ]; then not_ok "$f: view $view: stderr"; sed 's/^/# /' "$tmp/vt.err" | head -20; continue; fi
		if grep '^<' "$tmp/trace" | grep -qE '\\033\]|\\007|\\302\\2[0-3][0-7]'; then not_ok "$f: view $view: raw bytes sent"; continue; fi
		case $touched in *" $view "*)
			if grep -qE 'cannot (read|be read|compare)|nests folders more than' "$tmp/vt/$view.screen"; then ok "$f: view $view: says what cannot be read"; else
				not_ok "$f: view $view: nothing said about the damage"; sed 's/^/# /' "$tmp/vt/$view.screen"; fi ;;
		*) ok "$f: view $view: opened, Q restores the terminal" ;;
		esac
	done
}
# tui_refused FAULT: the interface does not start; one line, exit 2
tui_refused() {
	printf 'expect-exit 2\n' >"$tmp/view.script"
	if (cd "$tmp" && timeout 60 "$vtdrive" --timeout 20 --size 120x24 --env LC_ALL=C.UTF-8 --env HOME="$HOME" --env TZ=UTC \
		--stderr "$tmp/vt.err" --out "$tmp/vt" --script "$tmp/view.script" -- "$redline_hooks" -C "$tmp/$1") >"$tmp/vt.log" 2>&1 &&
	   [ "$(wc -l <"$tmp/vt.err")" = 1 ] && grep -qE "^redline: (cannot read|HEAD of)" "$tmp/vt.err"; then
		ok "$1: the interface refuses to start, says why, terminal restored"; else
		not_ok "$1: the interface at start"; sed 's/^/# /' "$tmp/vt.log" "$tmp/vt.err" | head -20; fi
}
if [ -x "$vtdrive" ]; then
	for f in garbled-blob truncated-blob missing-blob; do
		rm -rf "$tmp/$f" && make_fault "$f"
		tui "$f" "versions diff clause history blame map"
	done
	# the series list stops at the folder too deep to follow, and says so
	rm -rf "$tmp/deep-tree" && make_fault deep-tree
	tui deep-tree "versions"
	for f in missing-tree missing-commit truncated-pack missing-idx missing-ref unborn alt-gone; do
		rm -rf "$tmp/$f" && make_fault "$f"
		tui_refused "$f"
	done
	for f in packed-refs missing-tag shallow alternates redline-link; do
		rm -rf "$tmp/$f" "$tmp/elsewhere" && make_fault "$f"
		tui "$f" ""
	done
	if [ "$(ls "$tmp/elsewhere")" = versions ] && [ "$(cat "$tmp/elsewhere/versions")" = sentinel ]; then
		ok "redline-link: the interface wrote nothing where the link points"; else not_ok "redline-link: the interface wrote through the link"; fi
else
	ok "the interface on damaged repositories # SKIP vtdrive not built (libvterm missing)"
fi

tap_summary faults
