#!/bin/sh
# The version index (src/vindex.h): log, symbol lookup and the versions view
# answer from it exactly as they answer without it (REDLINE_INDEX=off), cold
# and warm; it follows HEAD through plain-git commits, resets and branches;
# a damaged, cut or foreign index file is rebuilt; where the git directory
# cannot be written it goes to the cache folder, else to memory, never an
# error; concurrent runs leave one whole file.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
export LC_ALL=C.UTF-8 TERM=dumb GIT_CONFIG_NOSYSTEM=1 HOME="$tmp/home" XDG_CACHE_HOME="$tmp/cache" TZ=UTC
mkdir -p "$HOME"
export GIT_CEILING_DIRECTORIES="$tmp"
vtdrive="$abs_top_builddir/tests/vt/vtdrive"

sh "$abs_top_srcdir/samples/make-repo.sh" "$abs_top_srcdir/samples/src" "$tmp/r" "$redline" >/dev/null ||
	{ echo "not ok - sample repository"; exit 1; }
index="$tmp/r/.git/redline/versions"

# settle: wait for an index being built behind a first log (while its
# lock file is there), so that each test starts from a known index
settle() {
	i=0
	while [ $i -lt 600 ]; do
		busy=0
		for f in "$tmp"/r/.git/redline/*.lock "$tmp"/r.git/redline/*.lock "$tmp"/cache/redline/*.lock; do
			[ -e "$f" ] && busy=1
		done
		[ $busy = 0 ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "# an index builder still at work after 30 s"
}

# same NAME ARGS...: in $tmp/${DIR:-r}, stdout, stderr and exit code of
# redline ARGS are the same with the index (as it is now) as without it
same() {
	name=$1
	shift
	(cd "$tmp/${DIR:-r}" && REDLINE_INDEX=off "$redline" "$@") >"$tmp/want" 2>&1
	echo "exit $?" >>"$tmp/want"
	(cd "$tmp/${DIR:-r}" && "$redline" "$@") >"$tmp/got" 2>&1
	echo "exit $?" >>"$tmp/got"
	settle
	if cmp -s "$tmp/want" "$tmp/got"; then ok "$name"; else
		not_ok "$name"; diff "$tmp/want" "$tmp/got" | head -10; fi
}

# every listing of both series, cold (no index file: this run makes it) and warm
logs() {
	for p in ied.txt fr/multilinguisme.txt; do
		for form in "" --oneline --format=json "-n 2"; do
			# shellcheck disable=SC2086
			same "$1: log $form $p" log $form -- "$p"
		done
	done
	same "$1: ls" ls
	same "$1: ls --format=json" ls --format=json
}
[ -f "$index" ] && ok "import made the index" || not_ok "import made the index"
# a first log answers from its own path's history and leaves the index to
# a builder of its own: its output is whole before the index is there
rm -rf "$tmp/r/.git/redline"
(cd "$tmp/r" && "$redline" log --oneline -- ied.txt) >"$tmp/first" 2>&1
(cd "$tmp/r" && REDLINE_INDEX=off "$redline" log --oneline -- ied.txt) >"$tmp/want" 2>&1
cmp -s "$tmp/want" "$tmp/first" && ok "a first log, before its index" || not_ok "a first log, before its index"
settle
if [ -f "$index" ] && tail -1 "$index" | grep -qx end && [ -z "$(ls "$tmp/r/.git/redline" | grep -v '^versions$')" ]; then
	ok "the index built behind it: whole, its lock gone"; else not_ok "the index built behind it: $(ls "$tmp/r/.git/redline")"; fi
grep -q "^P	ied.txt	" "$index" && ok "the index holds the series that log asked for" ||
	not_ok "the index holds the series that log asked for"
rm -rf "$tmp/r/.git/redline"
logs cold
if [ -f "$index" ] && tail -1 "$index" | grep -qx end; then ok "log wrote a whole index"; else not_ok "log wrote a whole index"; fi
logs warm

# symbols that have no tag are found in the versions' metadata: by the index
git -C "$tmp/r" tag -l | while read -r t; do git -C "$tmp/r" tag -d "$t" >/dev/null; done
same "symbol without a tag" show A/C.1/79/L.43/Rev.1
same "symbol without a tag, in a series" show 77/64 -- ied.txt
same "a range of symbols" diff --stat 77/64..79/53
same "unknown symbol" show A/RES/12/345
same "unknown symbol in a series" show A/RES/12/345 -- ied.txt
# a symbol two versions carry: ambiguous, the same words
sed 's|^79/53\. |79/53. |' "$abs_top_srcdir/samples/A-RES-79-53.txt" | sed 's/Reaffirming/Recalling/' >"$tmp/again.txt"
(cd "$tmp/r" && "$redline" import --force --path=ied.txt --date=2024-12-20 --author="T <t@example.org>" "$tmp/again.txt") \
	>/dev/null 2>&1 || not_ok "import a second 79/53"
same "ambiguous symbol" show 79/53 -- ied.txt
same "ambiguous symbol, any series" show A/RES/79/53
same "log after an import" log -- ied.txt

# HEAD moved by plain git: a commit, a reset, another branch
sed '0,/ and /s// and also /' "$tmp/r/ied.txt" >"$tmp/w.txt" && cp "$tmp/w.txt" "$tmp/r/ied.txt"
git -C "$tmp/r" -c user.name=G -c user.email=g@example.org commit -qam "edited with git" || not_ok "git commit"
same "a plain git commit" log --oneline -- ied.txt
[ "$(head -1 "$tmp/got" | cut -c1-7)" = "$(git -C "$tmp/r" rev-parse --short=7 HEAD)" ] && ok "the git commit is listed" ||
	not_ok "the git commit is listed: $(head -1 "$tmp/got")"
same "a plain git commit: ls" ls
git -C "$tmp/r" reset -q --hard HEAD~3
same "after git reset" log -- ied.txt
same "after git reset, json" log --format=json -- fr/multilinguisme.txt
git -C "$tmp/r" checkout -q -b other HEAD~2
sed '0,/ and /s// and also /' "$tmp/r/ied.txt" >"$tmp/w.txt" && cp "$tmp/w.txt" "$tmp/r/ied.txt"
git -C "$tmp/r" -c user.name=G -c user.email=g@example.org commit -qam "on another branch" || not_ok "git commit"
same "another branch" log -- ied.txt
git -C "$tmp/r" checkout -q main
same "back on main" log -- ied.txt
git -C "$tmp/r" -c user.name=G -c user.email=g@example.org commit -q --allow-empty -m "nothing changed"
same "an empty commit on top" log -- ied.txt

# a damaged index is not believed
for damage in garbage cut foreign-head wrong-commit huge-age; do
	case $damage in
	garbage) printf 'not an index\n' >"$index" ;;
	cut) head -c 700 "$index" >"$tmp/cut" && cp "$tmp/cut" "$index" ;;
	foreign-head) sed "2s/.*/head\t$(printf '%040d' 0)/" "$index" >"$tmp/x" && cp "$tmp/x" "$index" ;;
	# an age no file could hold: damage, not an allocation of that size
	# (HEAD moved, so that the index is read whole to be joined to it)
	huge-age) awk -F'\t' 'BEGIN{OFS="\t"} $1=="C" && !d {$3="9999999999"; d=1} {print}' "$index" >"$tmp/x" &&
		cp "$tmp/x" "$index" &&
		git -C "$tmp/r" -c user.name=G -c user.email=g@example.org commit -q --allow-empty -m "after damage" ;;
	# a version that names a commit the repository does not have
	wrong-commit) grep -q "^P	ied.txt	" "$index" || not_ok "index wrong-commit: no line to change"
		awk -F'\t' 'BEGIN{OFS="\t"} $1=="P" && $2=="ied.txt" && !d {$4="0123456789012345678901234567890123456789"; d=1} {print}' \
			"$index" >"$tmp/x" && cp "$tmp/x" "$index" ;;
	esac
	same "index $damage" log -- ied.txt
	same "index $damage, symbol" show 77/64
	same "index $damage, ls" ls
done

# a git directory redline cannot write in: the cache folder, else memory
rm -rf "$tmp/r/.git/redline" "$tmp/cache"
: >"$tmp/r/.git/redline"
same "index in the cache folder" log -- ied.txt
if ls "$tmp/cache/redline/" 2>/dev/null | grep -qx 'versions-[0-9a-f]*'; then ok "kept in \$XDG_CACHE_HOME/redline"; else not_ok "kept in \$XDG_CACHE_HOME/redline"; fi
same "from the cache folder" log --format=json -- ied.txt
rm -rf "$tmp/cache"
: >"$tmp/cache"
same "no folder to write in: in memory" log -- ied.txt
if [ ! -s "$tmp/got" ] || grep -q "^redline:" "$tmp/got"; then not_ok "in memory: no error"; else ok "in memory: no error"; fi
rm -f "$tmp/cache" "$tmp/r/.git/redline"
if [ "$(id -u)" != 0 ]; then
	chmod a-w "$tmp/r/.git"
	same "a read-only git directory" log -- ied.txt
	chmod u+w "$tmp/r/.git"
else
	ok "a read-only git directory # SKIP run as root, who can write anywhere"
fi

# a bare repository keeps its own
git clone -q --bare "$tmp/r" "$tmp/r.git"
DIR=r.git same "bare repository" log -- ied.txt
[ -f "$tmp/r.git/redline/versions" ] && ok "bare: index in the git directory" || not_ok "bare: index in the git directory"

# runs at once, none with an index yet: one whole file, all right
rm -rf "$tmp/r/.git/redline"
for i in 1 2 3 4 5 6; do
	(cd "$tmp/r" && "$redline" log -- ied.txt >"$tmp/par$i" 2>&1) &
done
wait
settle
(cd "$tmp/r" && REDLINE_INDEX=off "$redline" log -- ied.txt) >"$tmp/want" 2>&1
n=0
for i in 1 2 3 4 5 6; do cmp -s "$tmp/want" "$tmp/par$i" && n=$((n + 1)); done
[ $n = 6 ] && ok "six logs at once" || not_ok "six logs at once: $n of 6 right"
if tail -1 "$index" | grep -qx end && [ -z "$(ls "$tmp/r/.git/redline" | grep -v '^versions$')" ]; then
	ok "one whole index, no temporary left"; else not_ok "one whole index: $(ls "$tmp/r/.git/redline")"; fi
same "after the race" log --format=json -- ied.txt

# a shallow clone is not indexed: its log says where history ends
git clone -q --depth 2 "file://$tmp/r" "$tmp/shallow"
DIR=shallow same "shallow clone" log -- ied.txt
grep -q "shallow clone" "$tmp/got" && ok "shallow: the note" || not_ok "shallow: the note"

# the versions view: every summary on its first screen, from the index
if [ -x "$vtdrive" ]; then
	(cd "$tmp/r" && "$redline" log -- ied.txt >/dev/null)
	printf 'expect-exit 0\n' >"$tmp/first.script"
	# the bytes of the first frame (REDLINE_BENCH_FIRST_SCREEN: leave once drawn)
	for mode in on off; do
		"$vtdrive" --size 120x24 --env LC_ALL=C.UTF-8 --env HOME="$HOME" --env TZ=UTC --env REDLINE_INDEX=$mode \
			--env REDLINE_BENCH_FIRST_SCREEN=1 --out "$tmp/vt" --trace "$tmp/fs-$mode" --script "$tmp/first.script" -- \
			"$redline_hooks" -C "$tmp/r" -- ied.txt >/dev/null 2>&1 || not_ok "first screen, index $mode: vtdrive failed"
	done
	if grep -q "renumbered" "$tmp/fs-on" && grep -q "first version" "$tmp/fs-on"; then
		ok "versions view: every summary on the first screen"; else not_ok "versions view: first screen"; cat "$tmp/fs-on"; fi
	# without the index they come a slice at a time after it
	if grep -q "loading" "$tmp/fs-off" && ! grep -q "renumbered" "$tmp/fs-off"; then
		ok "versions view without the index: summaries follow"; else not_ok "versions view without the index"; cat "$tmp/fs-off"; fi
else
	ok "versions view # SKIP vtdrive not built"
fi

tap_summary vindex
