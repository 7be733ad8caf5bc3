#!/bin/sh
# Versions in git: import, log, ls, show, diff by revision and symbol, bare
# repositories, errors, and concurrent imports. Repositories are built here
# with fixed dates and authors, so commit ids and outputs are stable.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
export LC_ALL=C.UTF-8 TERM=dumb GIT_CONFIG_NOSYSTEM=1 HOME="$tmp/home"
mkdir -p "$HOME"
export GIT_CEILING_DIRECTORIES="$tmp"

# check NAME EXPECTED_RC GOLDEN|- ARGS...: run in $tmp/$DIR, compare stdout with a golden file
check() {
	name=$1 want=$2 gold=$3
	shift 3
	run_golden "$name" "$want" "$gold" "$tmp/${DIR:-repo}" "$@"
}

# fails NAME MESSAGE ARGS...: exit 2 with exactly MESSAGE on stderr
fails() {
	name=$1 msg=$2
	shift 2
	(cd "$tmp/${DIR:-repo}" && "$redline" "$@") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 2 ]; then
		not_ok "$name: exit $rc, expected 2"; cat "$tmp/err"
	elif [ "$(cat "$tmp/err")" != "$msg" ]; then
		not_ok "$name: message '$(cat "$tmp/err")', expected '$msg'"
	else
		ok "$name"
	fi
}

src="$abs_top_srcdir"
who="Secretariat (test) <secretariat@example.org>"

# a work-tree repository with two series
mkdir "$tmp/repo"
git -C "$tmp/repo" init -q -b main
check import-first 0 - import --author="$who" --path=ied.txt "$src/samples/ied-77-64-illustrative.txt"
check import-second 0 - import --author="$who" --path=ied.txt "$src/samples/A-RES-79-53.txt"
check import-french 0 - import --author="$who" --path=fr/sample.txt --date=2024-12-03T10:00:00+0100 "$src/tests/fixtures/lang/fr-sample.txt"
if [ "$(git -C "$tmp/repo" tag | sort | tr '\n' ' ')" = "A_RES_77_64 A_RES_79_53 A_RES_79_990 " ]; then ok "tags named after symbols' git names"; else not_ok "tags named after symbols' git names: $(git -C "$tmp/repo" tag | tr '\n' ' ')"; fi
if [ "$(git -C "$tmp/repo" log -1 --format='%an|%ae|%ad' --date=iso -- ied.txt)" = "Secretariat (test)|secretariat@example.org|2024-12-02 12:00:00 +0000" ]; then ok "author and adoption date"; else not_ok "author and adoption date"; fi
# the checked-out branch: the files and the index follow each import, as a
# fast-forward would, so git status is clean and a plain commit reverts nothing
if [ -z "$(git -C "$tmp/repo" status --porcelain)" ] && git -C "$tmp/repo" show HEAD:ied.txt | cmp -s - "$tmp/repo/ied.txt" &&
   git -C "$tmp/repo" show HEAD:fr/sample.txt | cmp -s - "$tmp/repo/fr/sample.txt"; then
	ok "import brings the work tree along; git status is clean"
else
	not_ok "import brings the work tree along: $(git -C "$tmp/repo" status --porcelain | tr '\n' ' ')"
fi
if git -C "$tmp/repo" fsck --no-progress >/dev/null 2>&1; then ok "fsck"; else not_ok "fsck"; fi

check ls 0 repo-ls.txt ls
check log-ied 0 repo-log.txt log ied.txt
check log-dashdash 0 repo-log.txt log -- ied.txt
check log-json 0 repo-log.json log --format=json ied.txt
fails log-needs-series "redline: repository '$tmp/repo/' holds 2 series ('fr/sample.txt', 'ied.txt'); name one with -- PATH or REV:PATH" log
check diff-symbols 1 repo-diff-symbols.txt diff --stat 77/64 79/53 -- ied.txt
check diff-full-symbols 1 repo-diff-symbols.txt diff --stat A/RES/77/64 A/RES/79/53 -- ied.txt
check diff-revpath 1 repo-diff-symbols.txt diff --stat A/RES/77/64:ied.txt HEAD~1:ied.txt
check diff-one-rev 1 repo-diff-symbols.txt diff --stat A/RES/79/53 -- ied.txt
check show 0 repo-show.txt show A/RES/79/53 -- ied.txt
check parse-rev 0 - parse --format=json HEAD~1:ied.txt
if grep -q '"symbol": "A/RES/79/53"' "$tmp/out"; then ok "parse a revision"; else not_ok "parse a revision"; fi
# options as git users write them: after the operands, -- before the PATH,
# OLD..NEW (symbols hold '/' and '.'), log -n N and --oneline
check diff-options-last 1 repo-diff-symbols.txt diff 77/64 79/53 --stat -- ied.txt
check diff-range 1 repo-diff-symbols.txt diff --stat 77/64..79/53 -- ied.txt
check diff-range-revs 1 repo-diff-symbols.txt diff --stat A/RES/77/64:ied.txt..HEAD~1:ied.txt
check diff-since 1 repo-diff-symbols.txt diff --stat 77/64.. -- ied.txt
fails diff-three-dots "redline: '77/64...79/53' is not OLD..NEW
Try 'redline diff --help'." diff 77/64...79/53 -- ied.txt
head -1 "$golden/repo-log.txt" >"$tmp/log-first"
for n in "-n 1" -n1 --max-count=1 "--max-count 1"; do
	# shellcheck disable=SC2086
	check "log $n" 0 - log $n ied.txt
	if cmp -s "$tmp/out" "$tmp/log-first"; then ok "log $n: the newest version, summarised"; else not_ok "log $n: $(cat "$tmp/out")"; fi
done
check "log -n 0" 0 - log -n 0 ied.txt
if [ ! -s "$tmp/out" ]; then ok "log -n 0 prints nothing"; else not_ok "log -n 0 prints nothing"; fi
check log-oneline 0 repo-log-oneline.txt log --oneline ied.txt
fails log-bad-count "redline: bad count: 'x' (a number)
Try 'redline log --help'." log -n x ied.txt
fails dashdash-ends-options "redline: no versions of '--oneline'" log -- --oneline
fails first-version "redline: A/RES/77/64 ($(git -C "$tmp/repo" rev-parse --short=7 A_RES_77_64):ied.txt) is the first version of 'ied.txt'; nothing to compare it with" diff 77/64 -- ied.txt

# a symbol, tag or revision that names a version of one series needs no
# -- PATH, though the repository holds two series
check diff-symbols-no-path 1 repo-diff-symbols.txt diff --stat 77/64 79/53
check diff-range-no-path 1 repo-diff-symbols.txt diff --stat 77/64..79/53
check diff-one-no-path 1 repo-diff-symbols.txt diff --stat A/RES/79/53
check diff-rev-no-path 1 repo-diff-symbols.txt diff --stat HEAD~2 HEAD~1
check show-no-path 0 repo-show.txt show A/RES/79/53
check show-latest-no-path 0 - show
if grep -q '^path   fr/sample.txt$' "$tmp/out"; then ok "show: the series the latest commit changed"; else not_ok "show: the series the latest commit changed"; fi
check parse-symbol-no-path 0 - parse --format=json 79/990
if grep -q '"symbol": "A/RES/79/990"' "$tmp/out"; then ok "parse by symbol, no path"; else not_ok "parse by symbol, no path"; fi

# a bare copy, read with -C, from elsewhere
git clone -q --bare "$tmp/repo" "$tmp/repo.git"
DIR=. check bare-log 0 repo-log.txt -C "$tmp/repo.git" log ied.txt
DIR=. check bare-diff 1 repo-diff-symbols.txt -C "$tmp/repo.git" diff --stat 77/64 79/53 -- ied.txt

# errors
mkdir "$tmp/plain"
DIR=plain fails not-a-repo "redline: not a git repository (or any of its parents): '.'" log
DIR=. fails not-a-repo-C "redline: not a git repository (or any of its parents): '$tmp/plain'" -C "$tmp/plain" ls
DIR=. fails not-a-repo-path "redline: not a git repository (or any of its parents): '$tmp/plain'" -C "$tmp/plain" log x
DIR=. fails not-a-repo-show "redline: not a git repository (or any of its parents): '$tmp/plain'" -C "$tmp/plain" show -- x
fails no-versions "redline: no versions of 'nonexist.txt'" show -- nonexist.txt
fails bad-date "redline: bad date: '2024-12-02T18:00:00+0100garbage' (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HHMM)
Try 'redline import --help'." import --path=ied.txt --date=2024-12-02T18:00:00+0100garbage "$src/samples/A-RES-79-53.txt"
fails unknown-revision "redline: unknown revision or symbol 'nope' in '$tmp/repo/'" show nope -- ied.txt
fails unknown-symbol "redline: unknown revision or symbol '12/34' in '$tmp/repo/'" diff 12/34 79/53 -- ied.txt
fails path-absent "redline: 'nope.txt' does not exist in commit $(git -C "$tmp/repo" rev-parse --short=12 HEAD)" show HEAD:nope.txt

printf '%%PDF-1.7\n' >"$tmp/A RES 79 53.pdf"
fails import-pdf "redline: cannot read PDF '$tmp/A RES 79 53.pdf': the file is damaged or not a PDF" import --path=ied.txt "$tmp/A RES 79 53.pdf"

# a repository owned by someone else (a shared server copy): git's safeguard, explained
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	cp -r "$tmp/repo" "$tmp/theirs"
	chown -R nobody "$tmp/theirs"
	DIR=. fails owned-by-another "redline: repository '$tmp/theirs' is owned by another user; to trust it: git config --global --add safe.directory $tmp/theirs" -C "$tmp/theirs" ls
	git config --global --add safe.directory "$tmp/theirs"
	DIR=. check owned-but-trusted 0 - -C "$tmp/theirs" ls
fi

# ambiguous symbol: two untagged versions that both say they are 78/1
mkdir "$tmp/amb"
git -C "$tmp/amb" init -q -b main
sed 's|^79/53\. |78/1. |' "$src/samples/A-RES-79-53.txt" >"$tmp/a.txt"
sed -e 's|^79/53\. |78/1. |' -e 's|^28\. \*Decides\*|28. *Decides also*|' "$src/samples/A-RES-79-53.txt" >"$tmp/b.txt"
DIR=amb check amb-import-a 0 - import --author="$who" --symbol= --date=2023-01-01 "$tmp/a.txt"
DIR=amb check amb-import-b 0 - import --author="$who" --symbol= --date=2023-02-01 "$tmp/b.txt"
a=$(git -C "$tmp/amb" rev-parse --short=7 HEAD~1) b=$(git -C "$tmp/amb" rev-parse --short=7 HEAD)
DIR=amb fails ambiguous-symbol "redline: symbol 'A/RES/78/1' is ambiguous in 'a.txt': versions $b, $a" show 78/1

# only a truly ambiguous version asks for a PATH: a commit that changed two
# series, and a symbol (untagged) that versions of two series carry
mkdir "$tmp/two"
git -C "$tmp/two" init -q -b main
cp "$tmp/a.txt" "$tmp/two/x.txt"
cp "$tmp/a.txt" "$tmp/two/y.txt"
git -C "$tmp/two" add . && git -C "$tmp/two" -c user.name=t -c user.email=t@e commit -qm both
DIR=two fails two-series-commit "redline: commit $(git -C "$tmp/two" rev-parse --short=7 HEAD) ('HEAD') changed 2 series ('x.txt', 'y.txt'); name one with -- PATH or REV:PATH" show HEAD
DIR=two fails two-series-symbol "redline: symbol 'A/RES/78/1' names versions of 2 series ('x.txt', 'y.txt'); name one with -- PATH or REV:PATH" show 78/1
DIR=two check two-series-path 0 - show 78/1 -- y.txt
DIR=two check two-series-revpath 0 - show HEAD:x.txt

# many untagged versions that say they are 78/1: a few named, the rest counted
i=3
while [ $i -le 7 ]; do
	sed -e 's|^79/53\. |78/1. |' -e "s|^28\. \*Decides\*|28. *Decides $i*|" "$src/samples/A-RES-79-53.txt" >"$tmp/amb$i.txt"
	DIR=amb check "amb-import-$i" 0 - import --author="$who" --symbol= --date=2023-0$i-01 "$tmp/amb$i.txt"
	i=$((i + 1))
done
ids=$(git -C "$tmp/amb" log --format=%h --abbrev=7 -5 | tr '\n' ',' | sed 's/,$//; s/,/, /g')
DIR=amb fails ambiguous-symbol-many "redline: symbol 'A/RES/78/1' is ambiguous in 'a.txt': versions $ids and 2 more" show 78/1

# a symbol that cannot be a tag name: imported, and said so
sed 's/^79\/53\. /79\/54. /' "$src/samples/A-RES-79-53.txt" >"$tmp/odd.txt"
check odd-symbol 0 - import --author="$who" --path=ied.txt --symbol='S/RES/2334 (2016)..' --date=2025-01-01 "$tmp/odd.txt"
if grep -q "not tagged: 'S/RES/2334 (2016)..' is not a document symbol" "$tmp/out"; then ok "odd symbol said"; else not_ok "odd symbol said: $(cat "$tmp/out")"; fi
oddtree=$(git -C "$tmp/repo" rev-parse HEAD^{tree})
git -C "$tmp/repo" reset -q --hard HEAD~1

# import without --path into two series: the series of the version with
# the same symbol, else of the same title; else the series are listed
check import-same-symbol 0 - import --author="$who" "$src/samples/A-RES-79-53.txt"
if grep -q "already the latest version of ied.txt" "$tmp/out"; then ok "import: the series of the symbol"; else not_ok "import: the series of the symbol: $(cat "$tmp/out" "$tmp/err")"; fi
sed 's/^79\/53\. /79\/77. /' "$src/samples/A-RES-79-53.txt" >"$tmp/next.txt"
check import-same-title 0 - import --author="$who" --date=2025-12-01 "$tmp/next.txt"
if grep -q "on ied.txt (tagged A_RES_79_77)" "$tmp/out"; then ok "import: the series of the title"; else not_ok "import: the series of the title: $(cat "$tmp/out" "$tmp/err")"; fi
git -C "$tmp/repo" reset -q --hard HEAD~1 && git -C "$tmp/repo" tag -d A_RES_79_77 >/dev/null
sed 's/^79\/53\. .*/79\/78. Something else/' "$src/samples/A-RES-79-53.txt" >"$tmp/other.txt"
fails import-lists-series "redline: repository '$tmp/repo/' holds 2 series ('fr/sample.txt', 'ied.txt'); name one with --path" import --author="$who" "$tmp/other.txt"

# a version whose date no calendar can show
mkdir "$tmp/weird"
git -C "$tmp/weird" init -q -b main
cp -r "$tmp/repo/.git/objects/." "$tmp/weird/.git/objects/"
bogus=$(printf 'tree %s\nparent %s\nauthor X <x@e> 99999999999999999 +9959\ncommitter X <x@e> 99999999999999999 +9959\n\nbogus\n' \
	"$oddtree" "$(git -C "$tmp/repo" rev-parse HEAD)" | git -C "$tmp/weird" hash-object -t commit --literally -w --stdin)
git -C "$tmp/weird" update-ref refs/heads/main "$bogus"
DIR=weird check weird-log 0 - log --format=json -- ied.txt
if grep -q '"date": "xxxx-xx-xx"' "$tmp/out" && grep -q '"date": "2024-12-02"' "$tmp/out"; then ok "an impossible date prints as a placeholder"; else not_ok "an impossible date"; grep '"date"' "$tmp/out"; fi
DIR=weird check weird-log-text 0 - log -- ied.txt
if head -1 "$tmp/out" | grep -q "xxxx-xx-xx"; then ok "text log too"; else not_ok "text log too"; fi

# blobs that are not resolution text
mkdir "$tmp/bad"
git -C "$tmp/bad" init -q -b main
printf 'a\000b' >"$tmp/bad/bin.txt"
printf 'The General Assembly,\n\nNoting the r\351sum\351,\n' >"$tmp/bad/latin1.txt"
git -C "$tmp/bad" add . && git -C "$tmp/bad" -c user.name=t -c user.email=t@e commit -qm bad
DIR=bad fails binary-blob "redline: 'bin.txt' in commit $(git -C "$tmp/bad" rev-parse --short=12 HEAD) is binary, not text" show HEAD:bin.txt
DIR=bad fails latin1-blob "redline: '$(git -C "$tmp/bad" rev-parse --short=7 HEAD):latin1.txt':3: invalid UTF-8 (byte 0xE9); convert the file to UTF-8" show HEAD:latin1.txt
DIR=. check refuse-non-resolution 2 - -C "$tmp/repo" import --path=notes.txt "$src/tests/golden/diff-same.txt"
if grep -q "does not read as a resolution" "$tmp/err"; then ok "import refuses non-resolutions"; else not_ok "import refuses non-resolutions"; fi
obj=$(git -C "$tmp/bad" rev-parse HEAD:latin1.txt)
f="$tmp/bad/.git/objects/$(echo "$obj" | cut -c1-2)/$(echo "$obj" | cut -c3-)"
chmod u+w "$f" && printf 'garbage' >"$f"
DIR=bad check corrupt-object 2 - show HEAD:latin1.txt
if grep -q "cannot read blob $(echo "$obj" | cut -c1-12) ('latin1.txt' in commit .*; check the repository with git fsck" "$tmp/err"; then
	ok "corrupt object named"; else not_ok "corrupt object named: $(cat "$tmp/err")"; fi

# concurrent imports: every version lands, none is lost; twenty at once,
# into a repository with a work tree (imports take turns bringing the file
# along) and into a bare one (they only race on the branch)
mkdir "$tmp/many"
git -C "$tmp/many" init -q -b main
git init -q --bare -b main "$tmp/many-bare.git"
i=1
while [ $i -le 20 ]; do
	sed "s|^79/53\. |79/$((100 + i)). |" "$src/samples/A-RES-79-53.txt" >"$tmp/v$i.txt"
	i=$((i + 1))
done
for where in many many-bare.git; do
	i=1
	while [ $i -le 20 ]; do
		(cd "$tmp/$where" && "$redline" import --author="$who" --path=ied.txt --date=2024-01-11 "$tmp/v$i.txt" >/dev/null 2>"$tmp/err$i"; echo $? >"$tmp/rc$i") &
		i=$((i + 1))
	done
	wait
	bad=0
	i=1
	while [ $i -le 20 ]; do
		[ "$(cat "$tmp/rc$i")" = 0 ] || { bad=1; cat "$tmp/err$i"; }
		i=$((i + 1))
	done
	n=$(git -C "$tmp/$where" rev-list --count main)
	t=$(git -C "$tmp/$where" tag | wc -l)
	if [ $bad = 0 ] && [ "$n" = 20 ] && [ "$t" = 20 ] && git -C "$tmp/$where" fsck --no-progress >/dev/null 2>&1; then
		ok "20 concurrent imports into $where: 20 commits, 20 tags"
	else
		not_ok "concurrent imports into $where: $n commits, $t tags"
	fi
done
if [ -z "$(git -C "$tmp/many" status --porcelain)" ]; then ok "after them the work tree is clean"; else
	not_ok "after concurrent imports: $(git -C "$tmp/many" status --porcelain | tr '\n' ' ')"; fi

# concurrent first imports of one symbol into an empty repository: the
# branch is created once (no import drops another's), the tag once (never
# moved), and only the import that made the tag says "tagged" (--force:
# each text after the first re-uses the symbol, which is otherwise refused)
mkdir "$tmp/same"
git -C "$tmp/same" init -q -b main
i=1
while [ $i -le 8 ]; do
	sed "s|^28\. \*Decides\*|28. *Decides $i*|" "$src/samples/A-RES-79-53.txt" >"$tmp/s$i.txt"
	i=$((i + 1))
done
i=1
while [ $i -le 8 ]; do
	(cd "$tmp/same" && "$redline" import --force --author="$who" --path=ied.txt --date=2024-01-0${i} "$tmp/s$i.txt" >"$tmp/sout$i" 2>&1) &
	i=$((i + 1))
done
wait
n=$(git -C "$tmp/same" rev-list --count main)
tagged=$(cat "$tmp"/sout* | grep -c "(tagged A_RES_79_53)")
tagcommit=$(git -C "$tmp/same" rev-parse --short=7 A_RES_79_53)
if [ "$n" = 8 ] && [ "$tagged" = 1 ] && grep -q "as $tagcommit on ied.txt (tagged" "$tmp"/sout*; then
	ok "concurrent first imports: 8 commits, one tag, made once"
else
	not_ok "concurrent first imports: $n commits, $tagged said tagged"; cat "$tmp"/sout* | sed 's/^/# /'
fi

# symbols that a tag named as the symbol could not hold at once (a ref
# cannot be both a file and a folder): a draft and its revisions, a report
# and its corrigendum and addendum, a plenary draft. Each gets its own tag,
# the symbol's git name, and resolves by symbol and by that name.
mkdir "$tmp/drafts"
git -C "$tmp/drafts" init -q -b main
d=1
for sym in A/C.1/79/L.43 A/C.1/79/L.43/Rev.1 A/C.1/79/L.43/Rev.2 A/79/408 A/79/408/Corr.1 A/79/408/Add.1 A/79/L.5 A/ES-10/L.30; do
	sed "s|^28\. \*Decides\*|28. *Decides $d*|" "$src/samples/A-RES-79-53.txt" >"$tmp/d$d.txt"
	(cd "$tmp/drafts" && "$redline" import --author="$who" --path=ied.txt --symbol="$sym" --date=2024-10-1$d "$tmp/d$d.txt") \
		>"$tmp/out" 2>"$tmp/err"
	name=$(echo "$sym" | tr / _)
	if grep -q "(tagged $name)" "$tmp/out" && [ "$(git -C "$tmp/drafts" rev-parse "$name")" = "$(git -C "$tmp/drafts" rev-parse HEAD)" ]; then
		ok "import $sym: tagged $name"
	else
		not_ok "import $sym: $(cat "$tmp/out" "$tmp/err")"
	fi
	d=$((d + 1))
done
d=1
for sym in A/C.1/79/L.43 A/C.1/79/L.43/Rev.1 A/C.1/79/L.43/Rev.2 A/79/408 A/79/408/Corr.1 A/79/408/Add.1 A/79/L.5 A/ES-10/L.30; do
	name=$(echo "$sym" | tr / _)
	want=$(git -C "$tmp/drafts" rev-parse --short=7 "main~$((8 - d))")
	a=$(cd "$tmp/drafts" && "$redline" show --format=json "$sym" 2>&1 | grep -o '"source": *"[0-9a-f]*:' | head -1)
	b=$(cd "$tmp/drafts" && "$redline" show --format=json "$name" 2>&1 | grep -o '"source": *"[0-9a-f]*:' | head -1)
	c=$(git -C "$tmp/drafts" show "$name:ied.txt" | grep -c "Decides $d\*")
	case "$a" in *"\"$want:") ra=1 ;; *) ra=0 ;; esac
	if [ $ra = 1 ] && [ "$a" = "$b" ] && [ "$c" = 1 ]; then
		ok "$sym resolves by symbol and as $name, in redline and git"
	else
		not_ok "$sym: by symbol '$a', as $name '$b', want $want; git show: $c"
	fi
	d=$((d + 1))
done
# names that are not document symbols are never tags: not HEAD, main, an option
for sym in main HEAD - A A/RES/../x A/RES/79/53.lock 'A/RES/79 53' A_RES_79_53; do
	(cd "$tmp/drafts" && "$redline" import --author="$who" --path=odd.txt --symbol="$sym" --date=2024-11-01 "$tmp/d1.txt") \
		>"$tmp/out" 2>"$tmp/err"
	if grep -q "(not tagged: '$sym' is not a document symbol)" "$tmp/out" && ! git -C "$tmp/drafts" rev-parse -q --verify "refs/tags/$sym" >/dev/null; then
		ok "symbol '$sym' refused as a tag"
	else
		not_ok "symbol '$sym': $(cat "$tmp/out" "$tmp/err")"
	fi
	git -C "$tmp/drafts" reset -q --hard main~1
done
if git -C "$tmp/drafts" show-ref --verify -q refs/heads/main && [ "$(git -C "$tmp/drafts" rev-parse main)" = "$(git -C "$tmp/drafts" rev-parse A_ES-10_L.30)" ]; then
	ok "no tag shadows the branch"
else
	not_ok "no tag shadows the branch"
fi
# a repository made before this scheme, with tags named as the symbols
# themselves: still read by symbol
mkdir "$tmp/legacy"
git -C "$tmp/legacy" init -q -b main
cp "$src/samples/A-RES-79-53.txt" "$tmp/legacy/ied.txt"
git -C "$tmp/legacy" add ied.txt && git -C "$tmp/legacy" -c user.name=T -c user.email=t@e commit -qm "A/RES/79/53" &&
	git -C "$tmp/legacy" tag A/C.1/79/L.43 && sed -i 's/^28\. \*Decides\*/28. *Decides again*/' "$tmp/legacy/ied.txt" &&
	git -C "$tmp/legacy" -c user.name=T -c user.email=t@e commit -qam "later"
want=$(git -C "$tmp/legacy" rev-parse --short=7 main~1)
if (cd "$tmp/legacy" && "$redline" show --format=json A/C.1/79/L.43) 2>&1 | grep -q "\"$want"; then
	ok "a tag named as the symbol (the former scheme) is still read"
else
	not_ok "a tag named as the symbol (the former scheme) is still read"
fi

# import refuses a series path that would delete other series, or that git
# or a file system cannot hold, and a date no calendar has; nothing is
# written then
mkdir "$tmp/paths"
git -C "$tmp/paths" init -q -b main
DIR=paths check paths-first 0 - import --author="$who" --path=ied.txt --symbol= "$src/samples/A-RES-79-53.txt"
DIR=paths check paths-second 0 - import --author="$who" --path=fr/sample.txt --symbol= "$src/samples/A-RES-79-53.txt"
tip=$(git -C "$tmp/paths" rev-parse main)
long=$(printf '%0300d' 0)
DIR=paths fails path-under-a-series "redline: 'ied.txt' is a file in '$tmp/paths/', so 'ied.txt/annex.txt' cannot be under it" \
	import --author="$who" --path=ied.txt/annex.txt --symbol= "$tmp/d2.txt"
DIR=paths fails path-a-folder "redline: 'fr' is a folder of the repository '$tmp/paths/', not a series file; name a file in it" \
	import --author="$who" --path=fr --symbol= "$tmp/d2.txt"
DIR=paths fails path-absolute "redline: series path '/etc/ied.txt' is absolute; name it inside the repository (ied.txt)" \
	import --author="$who" --path=/etc/ied.txt --symbol= "$tmp/d2.txt"
DIR=paths fails path-dotdot "redline: series path 'a/../ied.txt' has an empty, '.' or '..' part" \
	import --author="$who" --path=a/../ied.txt --symbol= "$tmp/d2.txt"
DIR=paths fails path-gitmodules "redline: series path '.gitmodules' names a file git keeps for itself (.gitmodules)" \
	import --author="$who" --path=.gitmodules --symbol= "$tmp/d2.txt"
DIR=paths fails path-control "redline: series path 'a^[[2Jb.txt' holds a control character or a backslash" \
	import --author="$who" --path="$(printf 'a\033[2Jb.txt')" --symbol= "$tmp/d2.txt"
DIR=paths fails path-long "redline: series path '$long.txt' has a part longer than 255 bytes" \
	import --author="$who" --path="$long.txt" --symbol= "$tmp/d2.txt"
DIR=paths fails date-feb-31 "redline: bad date: '2024-02-31' (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HHMM)
Try 'redline import --help'." import --author="$who" --path=ied.txt --date=2024-02-31 --symbol= "$tmp/d2.txt"
if [ "$(git -C "$tmp/paths" rev-parse main)" = "$tip" ] && [ "$(git -C "$tmp/paths" ls-tree -r --name-only main | tr '\n' ' ')" = "fr/sample.txt ied.txt " ]; then
	ok "refused imports wrote nothing"
else
	not_ok "refused imports wrote nothing: $(git -C "$tmp/paths" ls-tree -r --name-only main | tr '\n' ' ')"
fi
DIR=paths check date-feb-29 0 - import --force --author="$who" --path=ied.txt --date=2024-02-29 --symbol= "$tmp/d2.txt"
# a lock left by a killed writer is named, not taken for "kept moving"
: >"$tmp/paths/.git/refs/heads/main.lock"
DIR=paths fails stale-lock "redline: refs/heads/main is locked ('$tmp/paths/.git/refs/heads/main.lock' exists); if no git or redline is writing to '$tmp/paths/', remove that file" \
	import --author="$who" --path=ied.txt --symbol= "$tmp/d3.txt"
rm -f "$tmp/paths/.git/refs/heads/main.lock"

# local changes to the series file: the import refuses, naming the way out;
# --no-checkout imports to the branch alone and says how to re-sync; a
# merge in progress is refused
mkdir "$tmp/wt"
git -C "$tmp/wt" init -q -b main
DIR=wt check wt-first 0 - import --author="$who" --path=ied.txt --symbol= "$src/samples/ied-77-64-illustrative.txt"
echo "a local note" >>"$tmp/wt/ied.txt"
DIR=wt fails wt-local-changes "redline: 'ied.txt' has local changes in '$tmp/wt/'; commit or stash them (git stash), or import with --no-checkout" \
	import --author="$who" --path=ied.txt --symbol= "$src/samples/A-RES-79-53.txt"
if tail -1 "$tmp/wt/ied.txt" | grep -q "a local note" && [ "$(git -C "$tmp/wt" rev-list --count main)" = 1 ]; then
	ok "the local change is kept, nothing imported"; else not_ok "the local change is kept, nothing imported"; fi
(cd "$tmp/wt" && "$redline" import --author="$who" --path=ied.txt --symbol= --no-checkout "$src/samples/A-RES-79-53.txt") >"$tmp/out" 2>"$tmp/err"
if [ $? = 0 ] && [ "$(cat "$tmp/err")" = "redline: note: the work tree still has the version before; to bring it along: git checkout HEAD -- ied.txt" ] &&
   tail -1 "$tmp/wt/ied.txt" | grep -q "a local note" && [ "$(git -C "$tmp/wt" rev-list --count main)" = 2 ]; then
	ok "--no-checkout: the branch alone, and how to re-sync"
else
	not_ok "--no-checkout: $(cat "$tmp/out" "$tmp/err")"
fi
git -C "$tmp/wt" checkout -q HEAD -- ied.txt
if [ -z "$(git -C "$tmp/wt" status --porcelain)" ]; then ok "the printed command re-syncs"; else not_ok "the printed command re-syncs"; fi
git -C "$tmp/wt" rev-parse HEAD >"$tmp/wt/.git/MERGE_HEAD"
DIR=wt fails wt-merge "redline: a merge, rebase or similar is in progress in '$tmp/wt/'; finish it first, or import with --no-checkout" \
	import --author="$who" --path=ied.txt --symbol= "$tmp/d1.txt"
rm -f "$tmp/wt/.git/MERGE_HEAD"
# a lock left by a killed import is named
: >"$tmp/wt/.git/redline-import.lock"
DIR=wt fails wt-stale-import-lock "redline: another import into '$tmp/wt/' holds '$tmp/wt/.git/redline-import.lock'; if none is running, remove that file" \
	import --author="$who" --path=ied.txt --symbol= "$tmp/d1.txt"
rm -f "$tmp/wt/.git/redline-import.lock"

# re-importing what would silently undo a version: an older draft after its
# revision, or a symbol that already names another version; --force does it
mkdir "$tmp/shadow"
git -C "$tmp/shadow" init -q -b main
sed "s|^28\. \*Decides\*|28. *Decides to act*|" "$src/samples/A-RES-79-53.txt" >"$tmp/l40.txt"
sed "s|^28\. \*Decides\*|28. *Decides to act now*|" "$src/samples/A-RES-79-53.txt" >"$tmp/l40r1.txt"
sed "s|^28\. \*Decides\*|28. *Decides to act at once*|" "$src/samples/A-RES-79-53.txt" >"$tmp/l40r1b.txt"
DIR=shadow check shadow-l40 0 - import --author="$who" --path=ied.txt --symbol=A/C.1/79/L.40 --date=2024-10-10 "$tmp/l40.txt"
DIR=shadow check shadow-rev1 0 - import --author="$who" --path=ied.txt --symbol=A/C.1/79/L.40/Rev.1 --date=2024-10-20 "$tmp/l40r1.txt"
rev1=$(git -C "$tmp/shadow" rev-parse --short=7 HEAD)
DIR=shadow fails shadow-older "redline: '$tmp/l40.txt' is dated 2024-10-10, before the latest version of ied.txt ($rev1 of 2024-10-20, \"A/C.1/79/L.40/Rev.1: Countering the threat posed by improvised explosive devices\"); imported, it would become the latest: use --force to import it all the same" \
	import --author="$who" --path=ied.txt --symbol=A/C.1/79/L.40 --date=2024-10-10 "$tmp/l40.txt"
DIR=shadow fails shadow-symbol "redline: symbol A/C.1/79/L.40/Rev.1 already names version $rev1 of ied.txt; imported, this text would shadow it: use --force to import it all the same" \
	import --author="$who" --path=ied.txt --symbol=A/C.1/79/L.40/Rev.1 --date=2024-10-21 "$tmp/l40r1b.txt"
if [ "$(git -C "$tmp/shadow" rev-list --count main)" = 2 ]; then ok "refused re-imports wrote nothing"; else not_ok "refused re-imports wrote nothing"; fi
DIR=shadow check shadow-same 0 - import --author="$who" --path=ied.txt --symbol=A/C.1/79/L.40/Rev.1 --date=2024-10-20 "$tmp/l40r1.txt"
if grep -q "already the latest version" "$tmp/out"; then ok "the latest text again: already there, no --force needed"; else not_ok "the latest text again: $(cat "$tmp/out")"; fi
DIR=shadow check shadow-force 0 - import --force --author="$who" --path=ied.txt --symbol=A/C.1/79/L.40 --date=2024-10-10 "$tmp/l40.txt"
if [ "$(git -C "$tmp/shadow" rev-list --count main)" = 3 ]; then ok "--force imports the older draft"; else not_ok "--force imports the older draft"; fi

# import of many files or folders: an archive brought in at once, each
# document to the series of its title, oldest first, drafts before their
# resolution; a second run skips what is in
mkdir "$tmp/bulk"
git -C "$tmp/bulk" init -q -b main
DIR=bulk check bulk-first 0 - import --author="$who" "$src/samples/src/ied" "$src/samples/src/fr"
if [ "$(cat "$tmp/out")" = "imported 11 of 11 documents into 2 series (2 new); 0 already in; 0 not imported" ] && [ ! -s "$tmp/err" ]; then
	ok "bulk: 11 documents, 2 series, quiet on a pipe"; else not_ok "bulk: $(cat "$tmp/out" "$tmp/err")"; fi
if [ "$(git -C "$tmp/bulk" ls-files | tr '\n' ' ')" = "countering-the-threat-posed-by-improvised-explosive-devices.txt multilinguisme-et-acces-a-l-information-en-matiere-de-desarmement.txt " ]; then
	ok "bulk: series named after their titles"; else not_ok "bulk: series $(git -C "$tmp/bulk" ls-files | tr '\n' ' ')"; fi
order=$(git -C "$tmp/bulk" log --reverse --format=%s -- countering-the-threat-posed-by-improvised-explosive-devices.txt | cut -d: -f1 | tr '\n' ' ')
if [ "$order" = "A/RES/70/46 A/RES/71/72 A/RES/72/36 A/RES/73/67 A/RES/75/59 A/RES/77/64 A/C.1/79/L.43 A/C.1/79/L.43/Rev.1 A/RES/79/53 " ]; then
	ok "bulk: oldest first, the drafts before their resolution"; else not_ok "bulk: order $order"; fi
if git -C "$tmp/bulk" log -1 --format=%s A_C.1_79_L.43_Rev.1 | grep -q "^A/C.1/79/L.43/Rev.1: " &&
   [ -z "$(git -C "$tmp/bulk" status --porcelain)" ]; then
	ok "bulk: the revised draft tagged, the work tree clean"; else not_ok "bulk: tags or work tree"; fi
DIR=bulk check bulk-again 0 - import --author="$who" "$src/samples/src/ied" "$src/samples/src/fr"
if [ "$(cat "$tmp/out")" = "imported 0 of 11 documents into 2 series (0 new); 11 already in; 0 not imported" ] &&
   [ "$(git -C "$tmp/bulk" rev-list --count main)" = 11 ]; then
	ok "bulk: a second run skips what is in"; else not_ok "bulk again: $(cat "$tmp/out")"; fi
# an import killed between its commit and its tag left the tag free: the
# run again that skips the document makes it, at the commit that brought it
tagged_at=$(git -C "$tmp/bulk" rev-parse A_C.1_79_L.43_Rev.1^{commit})
git -C "$tmp/bulk" tag -d A_C.1_79_L.43_Rev.1 >/dev/null
DIR=bulk check bulk-tag-again 0 - import --author="$who" "$src/samples/src/ied" "$src/samples/src/fr"
if [ "$(git -C "$tmp/bulk" rev-parse -q --verify A_C.1_79_L.43_Rev.1^{commit})" = "$tagged_at" ] &&
   [ "$(git -C "$tmp/bulk" rev-list --count main)" = 11 ] && [ ! -s "$tmp/err" ]; then
	ok "bulk: a tag a killed import left unmade is made by the run again, where it was"
else
	not_ok "bulk: tag again: $(git -C "$tmp/bulk" tag | tr '\n' ' ') $(cat "$tmp/err")"
fi
# killed while it made the tag: the tag's lock is left, and the run again
# names it (it once said "reference not found"); without it, the tag is made
git -C "$tmp/bulk" tag -d A_C.1_79_L.43_Rev.1 >/dev/null
: >"$tmp/bulk/.git/refs/tags/A_C.1_79_L.43_Rev.1.lock"
(cd "$tmp/bulk" && "$redline" import --author="$who" "$src/samples/src/ied" "$src/samples/src/fr") >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
   grep -qF "redline: warning: $src/samples/src/ied/08-A-C.1-79-L.43-Rev.1.txt: tag A_C.1_79_L.43_Rev.1 is locked ('$tmp/bulk/.git/refs/tags/A_C.1_79_L.43_Rev.1.lock' exists)" "$tmp/err"; then
	ok "bulk: a tag's lock a killed import left is named (a warning: the versions are in)"
else
	not_ok "bulk: tag's lock: exit $rc, $(cat "$tmp/out" "$tmp/err")"
fi
rm -f "$tmp/bulk/.git/refs/tags/A_C.1_79_L.43_Rev.1.lock"
DIR=bulk check bulk-tag-unlocked 0 - import --author="$who" "$src/samples/src/ied" "$src/samples/src/fr"
if [ "$(git -C "$tmp/bulk" rev-parse -q --verify A_C.1_79_L.43_Rev.1^{commit})" = "$tagged_at" ]; then
	ok "bulk: the lock removed, the tag is made where it was"; else not_ok "bulk: tag after the lock: $(cat "$tmp/err")"; fi
# resumable: a run that stopped after the oldest documents goes on
mkdir "$tmp/bulk2"
git -C "$tmp/bulk2" init -q -b main
DIR=bulk2 check bulk-part 0 - import --author="$who" "$src"/samples/src/ied/01-* "$src"/samples/src/ied/02-* "$src"/samples/src/ied/03-*
DIR=bulk2 check bulk-rest 0 - import --author="$who" "$src/samples/src/ied"
if [ "$(cat "$tmp/out")" = "imported 6 of 9 documents into 1 series (0 new); 3 already in; 0 not imported" ]; then
	ok "bulk: resumed where it stopped"; else not_ok "bulk resumed: $(cat "$tmp/out")"; fi
# a map places documents by symbol or title
printf '# where the French series goes\nA/RES/78/30\tfr/multilinguisme.txt\nMultilinguisme et accès à l’information en matière de désarmement\tfr/multilinguisme.txt\n' >"$tmp/map.tsv"
mkdir "$tmp/bulk3"
git -C "$tmp/bulk3" init -q -b main
DIR=bulk3 check bulk-map 0 - import --author="$who" --series-map="$tmp/map.tsv" "$src/samples/src/fr"
if [ "$(git -C "$tmp/bulk3" ls-files)" = "fr/multilinguisme.txt" ] && [ "$(git -C "$tmp/bulk3" rev-list --count main)" = 2 ]; then
	ok "bulk: --series-map (a title typed with other quotes is the same title)"; else not_ok "bulk: --series-map: $(git -C "$tmp/bulk3" ls-files)"; fi
printf 'no tab here\n' >"$tmp/badmap.tsv"
DIR=bulk3 fails bulk-bad-map "redline: '$tmp/badmap.tsv':1: not 'SYMBOL-or-TITLE<TAB>PATH'" import --series-map="$tmp/badmap.tsv" "$src/samples/src/fr"
DIR=bulk3 fails bulk-path "redline: --path, --symbol, --date and --message name one version; for many files the documents say them (--series-map places them)
Try 'redline import --help'." import --path=x.txt "$src/samples/src/fr"
# what cannot be imported is listed, the rest goes in, exit 2
printf 'not a resolution\n' >"$tmp/notes.txt"
mkdir "$tmp/bulk4"
git -C "$tmp/bulk4" init -q -b main
(cd "$tmp/bulk4" && "$redline" import --author="$who" "$tmp/notes.txt" "$src/samples/src/fr") >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q "^imported 2 of 3 documents into 1 series (1 new); 0 already in; 1 not imported:$" "$tmp/out" &&
   grep -q "^  $tmp/notes.txt: does not read as a resolution" "$tmp/out"; then
	ok "bulk: what fails is listed, the rest imported, exit 2"; else not_ok "bulk failures: exit $rc $(cat "$tmp/out" "$tmp/err")"; fi
# on a terminal, a progress line; interrupted, it stops between documents,
# says how to go on, and the next run completes the archive
mkdir "$tmp/many-docs" "$tmp/bulk5"
git -C "$tmp/bulk5" init -q --bare -b main
i=1
while [ $i -le 300 ]; do
	sed "s|^79/53\. |79/$((1000 + i)). |; s|^Countering the threat|Countering threat $i posed|" "$src/samples/A-RES-79-53.txt" >"$tmp/many-docs/d$i.txt"
	i=$((i + 1))
done
TERM=xterm script -qec "cd '$tmp/bulk5' && '$redline' import --author='T <t@e>' '$src/samples/src/fr'" /dev/null >"$tmp/pty.out" 2>&1 </dev/null
if grep -q "import: 2/2" "$tmp/pty.out"; then ok "bulk: a progress line on a terminal"; else not_ok "bulk: progress: $(head -c 300 "$tmp/pty.out")"; fi
(cd "$tmp/bulk5" && exec "$redline" import --author="$who" "$tmp/many-docs") >"$tmp/out" 2>"$tmp/err" &
pid=$!
# wait until the first versions are in, then interrupt
n=0
while [ "$(git -C "$tmp/bulk5" rev-list --count main 2>/dev/null || echo 0)" -lt 5 ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
kill -INT $pid
wait $pid
rc=$?
got=$(git -C "$tmp/bulk5" rev-list --count main)
if [ $rc = 2 ] && grep -q "interrupted; run the same command again to go on" "$tmp/err" && [ "$got" -lt 302 ]; then
	ok "bulk: interrupted between documents ($got of 302 versions in)"
else
	not_ok "bulk: interrupt: exit $rc, $got versions, $(cat "$tmp/err")"
fi
(cd "$tmp/bulk5" && "$redline" import --author="$who" "$tmp/many-docs") >"$tmp/out" 2>"$tmp/err"
if [ "$(git -C "$tmp/bulk5" rev-list --count main)" = 302 ] && git -C "$tmp/bulk5" fsck --no-progress >/dev/null 2>&1; then
	ok "bulk: the next run completes the archive"; else not_ok "bulk: resumed: $(cat "$tmp/out" "$tmp/err")"; fi

# A damaged repository: every fault an error naming the object and what to
# run, never a hang (libgit2 up to 1.9 loops forever on a truncated loose
# object), and history that can be read listed before the reason it stops.
# Every run is under a timeout, so a regression fails instead of hanging.

# within NAME RC ARGS...: run in $tmp/$DIR, at most 20 s; exit RC wanted
within() {
	name=$1 want=$2
	shift 2
	(cd "$tmp/${DIR:-repo}" && timeout 20 "$redline" "$@") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		ok "$name: exit $want"
	elif [ "$rc" -eq 124 ]; then
		not_ok "$name: still running after 20 s (a hang)"
	else
		not_ok "$name: exit $rc, expected $want"; sed 's/^/# /' "$tmp/err"
	fi
}
# said NAME TEXT: stderr is exactly TEXT
said() {
	if [ "$(cat "$tmp/err")" = "$2" ]; then ok "$1: said"; else not_ok "$1: said '$(cat "$tmp/err")', expected '$2'"; fi
}
# listed NAME LINES: stdout is exactly LINES (the commits and last column of log --oneline)
listed() {
	if [ "$(cut -c1-7 "$tmp/out" | tr '\n' ' ')" = "$2" ]; then ok "$1: listed"; else
		not_ok "$1: listed '$(cut -c1-7 "$tmp/out" | tr '\n' ' ')', expected '$2'"; fi
}
# objfile REPO REV: the loose file of the object REV names
objfile() {
	o=$(git -C "$1" rev-parse "$2")
	echo "$1/.git/objects/$(echo "$o" | cut -c1-2)/$(echo "$o" | cut -c3-)"
}
# cut_short REPO REV BYTES: the object's loose file keeps its first BYTES
cut_short() {
	f=$(objfile "$1" "$2")
	chmod u+w "$f" && head -c "$3" "$f" >"$f.cut" && mv "$f.cut" "$f"
}
short() { git -C "$tmp/hist" rev-parse --short=$2 "$1"; }

mkdir "$tmp/hist"
git -C "$tmp/hist" init -q -b main
sed 's|^79/53\. |79/60. |' "$src/samples/A-RES-79-53.txt" >"$tmp/h3.txt"
sed -e 's|^79/53\. |79/70. |' -e 's|^28\. \*Decides\*|28. *Decides also*|' "$src/samples/A-RES-79-53.txt" >"$tmp/h4.txt"
DIR=hist check hist-1 0 - import --author="$who" --path=ied.txt "$src/samples/ied-77-64-illustrative.txt"
DIR=hist check hist-2 0 - import --author="$who" --path=ied.txt "$src/samples/A-RES-79-53.txt"
DIR=hist check hist-3 0 - import --author="$who" --path=ied.txt --date=2025-01-01 "$tmp/h3.txt"
DIR=hist check hist-4 0 - import --author="$who" --path=ied.txt --date=2025-02-01 "$tmp/h4.txt"
all4="$(short HEAD 7) $(short HEAD~1 7) $(short HEAD~2 7) $(short HEAD~3 7) "

# a truncated loose object at the tip, blob, tree or commit: every command
# says which and exits 2; cut anywhere, from nothing to all but its last byte
for what in blob tree commit; do
	case $what in blob) rev=HEAD:ied.txt ;; tree) rev=HEAD^{tree} ;; commit) rev=HEAD ;; esac
	cp -r "$tmp/hist" "$tmp/cut-$what"
	cut_short "$tmp/cut-$what" "$rev" 40
	id=$(git -C "$tmp/hist" rev-parse --short=12 "$rev")
	for cmd in log show diff ls; do
		DIR=cut-$what within "truncated $what, $cmd" 2 $cmd
		if grep -q "^redline: cannot read $what $id.*; check the repository with git fsck$" "$tmp/err" && [ "$(wc -l <"$tmp/err")" = 1 ]; then
			ok "truncated $what, $cmd: named, with git fsck"
		else
			not_ok "truncated $what, $cmd: $(cat "$tmp/err")"
		fi
	done
done
# libgit2 1.x: redline's own check, which names the file; a later libgit2
# gives its own reason
case $(pkg-config --modversion libgit2 2>/dev/null) in 0.* | 1.*) why="its file '$(objfile "$tmp/cut-blob" HEAD:ied.txt)' is truncated" ;; *) why=".*" ;; esac
DIR=cut-blob within "truncated blob, ls" 2 ls
if grep -q "^redline: cannot read blob $(short HEAD:ied.txt 12) ('ied.txt' at HEAD) in '$tmp/cut-blob/': $why; check the repository with git fsck$" "$tmp/err"; then
	ok "truncated blob: the file named"; else not_ok "truncated blob: the file named: $(cat "$tmp/err")"; fi
size=$(wc -c <"$(objfile "$tmp/hist" HEAD:ied.txt)")
for n in 0 1 2 10 $((size - 4)) $((size - 1)); do
	rm -rf "$tmp/cut-n" && cp -r "$tmp/hist" "$tmp/cut-n"
	cut_short "$tmp/cut-n" HEAD:ied.txt $n
	DIR=cut-n within "blob cut to $n bytes of $size" 2 show
done
# in an alternate object directory (a clone made with --shared), too
git clone -q --shared "$tmp/cut-blob" "$tmp/cut-shared"
DIR=cut-shared within "truncated blob in an alternate" 2 show -- ied.txt
if grep -q "^redline: cannot read blob $(short HEAD:ied.txt 12) ('ied.txt' in commit $(short HEAD 7)) in '$tmp/cut-shared/': $why; check the repository with git fsck$" "$tmp/err"; then
	ok "truncated blob in an alternate: named"; else not_ok "truncated blob in an alternate: $(cat "$tmp/err")"; fi
# a loose object whole but damaged otherwise: its header saying less than
# its stream holds (libgit2 1.x would write past its buffer), data after the
# stream's end, a bad checksum
if command -v python3 >/dev/null 2>&1; then
	for damage in short-header trailing checksum; do
		cp -r "$tmp/hist" "$tmp/dmg-$damage"
		f=$(objfile "$tmp/dmg-$damage" HEAD:ied.txt)
		chmod u+w "$f"
		python3 -c 'import sys, zlib
f, how = sys.argv[1], sys.argv[2]
raw = open(f, "rb").read()
obj = zlib.decompress(raw)
out = {"short-header": zlib.compress(b"blob 3\0" + obj[obj.index(b"\0") + 1:]),
       "trailing": raw + b"garbage", "checksum": raw[:-1] + bytes([raw[-1] ^ 1])}[how]
open(f, "wb").write(out)' "$f" "$damage"
		DIR=dmg-$damage within "damaged blob ($damage)" 2 show
		if grep -q "^redline: cannot read blob $(short HEAD:ied.txt 12) ('ied.txt' in commit $(short HEAD 7)) in '$tmp/dmg-$damage/': .*; check the repository with git fsck$" "$tmp/err"; then
			ok "damaged blob ($damage): named"; else not_ok "damaged blob ($damage): $(cat "$tmp/err")"; fi
	done
else
	ok "damaged loose objects # SKIP python3 not installed"
fi
# a short id, a revision and a tag naming a truncated commit
cp -r "$tmp/hist" "$tmp/cut-old"
cut_short "$tmp/cut-old" HEAD~2 40
for spec in "$(short HEAD~2 7)" HEAD~2 79/53 A_RES_79_53; do
	DIR=cut-old within "truncated commit named as $spec" 2 show "$spec"
	if grep -q "^redline: cannot read .* in '$tmp/cut-old/': .*; check the repository with git fsck$" "$tmp/err"; then ok "truncated commit named as $spec: said"; else
		not_ok "truncated commit named as $spec: $(cat "$tmp/err")"; fi
done

# an old commit or tree truncated, missing or garbled: the versions above it
# listed, the one at the cut marked, then the error; show and diff of the
# latest need nothing older and work
for fault in truncated-commit truncated-tree missing-commit garbled-commit; do
	cp -r "$tmp/hist" "$tmp/$fault"
	case $fault in
	truncated-commit) cut_short "$tmp/$fault" HEAD~2 40; what="commit $(short HEAD~2 12)" ;;
	truncated-tree) cut_short "$tmp/$fault" HEAD~2^{tree} 30; what="tree $(short HEAD~2^{tree} 12) of commit $(short HEAD~2 7)" ;;
	missing-commit) rm -f "$(objfile "$tmp/$fault" HEAD~2)"; what="commit $(short HEAD~2 12)" ;;
	garbled-commit) f=$(objfile "$tmp/$fault" HEAD~2); chmod u+w "$f"; printf garbage >"$f"; what="commit $(short HEAD~2 12)" ;;
	esac
	DIR=$fault within "$fault: log" 2 log --oneline
	listed "$fault: log" "$(short HEAD 7) $(short HEAD~1 7) "
	if tail -1 "$tmp/out" | grep -q "history before it cannot be read$"; then ok "$fault: the last listed is marked"; else
		not_ok "$fault: the last listed: $(tail -1 "$tmp/out")"; fi
	if grep -q "^redline: cannot read $what in '$tmp/$fault/': .*; check the repository with git fsck$" "$tmp/err"; then
		ok "$fault: named after the list"; else not_ok "$fault: $(cat "$tmp/err")"; fi
	DIR=$fault within "$fault: show" 0 show
	DIR=$fault within "$fault: diff" 1 diff
	DIR=$fault within "$fault: ls" 0 ls
	DIR=$fault within "$fault: diff of the version at the cut" 2 diff "$(short HEAD~1 7)"
done

# a lost pack: history packed, a version added loose, the pack deleted;
# then a repository whose every object was in the lost pack
cp -r "$tmp/hist" "$tmp/nopack"
git -C "$tmp/nopack" repack -qad && git -C "$tmp/nopack" prune-packed
sed 's|^79/53\. |79/80. |' "$src/samples/A-RES-79-53.txt" >"$tmp/h5.txt"
DIR=nopack check nopack-import 0 - import --author="$who" --path=ied.txt --date=2025-03-01 "$tmp/h5.txt"
cp -r "$tmp/nopack" "$tmp/nopack-all"
rm -f "$tmp/nopack/.git/objects/pack/"*.pack
DIR=nopack within "lost pack: log" 2 log --oneline
listed "lost pack: log" "$(git -C "$tmp/nopack" rev-parse --short=7 HEAD) "
idx=$(ls "$tmp/nopack/.git/objects/pack/"*.idx)
DIR=nopack said "lost pack: log" "redline: cannot read commit $(short HEAD 12) in '$tmp/nopack/': object not found - no match for id ($(git -C "$tmp/hist" rev-parse HEAD)); '$idx' has no pack '${idx%.idx}.pack'; check the repository with git fsck"
DIR=nopack within "lost pack: show" 0 show
DIR=nopack within "lost pack: ls" 0 ls
DIR=nopack within "lost pack: diff" 2 diff
git -C "$tmp/nopack-all" update-ref refs/heads/main "$(git -C "$tmp/hist" rev-parse HEAD)"
rm -f "$tmp/nopack-all/.git/objects/pack/"*.pack
for cmd in log show diff ls; do
	DIR=nopack-all within "every object lost: $cmd" 2 $cmd
	if grep -q "^redline: cannot read commit $(short HEAD 12).* in '$tmp/nopack-all/': object not found.*git fsck$" "$tmp/err"; then
		ok "every object lost: $cmd: not 'no commits yet'"; else not_ok "every object lost: $cmd: $(cat "$tmp/err")"; fi
done

# a shallow clone: its versions listed, the oldest marked, a note saying
# where history ends and how to get the rest; exit 0. diff of its oldest
# version has nothing to compare with: said why
git clone -q --depth 2 "file://$tmp/hist" "$tmp/shallow2"
cp -r "$tmp/shallow2" "$tmp/shallow-tui"
git clone -q --depth 1 "file://$tmp/hist" "$tmp/shallow1"
note="redline: note: '$tmp/shallow2/' is a shallow clone: the history of ied.txt in it ends at $(short HEAD~1 7) (2025-01-01); git fetch --unshallow gets the rest"
DIR=shallow2 within "shallow clone: log" 0 log --oneline
listed "shallow clone: log" "$(short HEAD 7) $(short HEAD~1 7) "
DIR=shallow2 said "shallow clone: log" "$note"
if tail -1 "$tmp/out" | grep -q "history before it not in this shallow clone$"; then ok "shallow clone: the oldest marked"; else
	not_ok "shallow clone: the oldest: $(tail -1 "$tmp/out")"; fi
DIR=shallow2 within "shallow clone: log --format=json" 0 log --format=json
DIR=shallow2 said "shallow clone: log --format=json" "$note"
DIR=shallow2 within "shallow clone: show" 0 show
DIR=shallow2 within "shallow clone: diff" 1 diff
DIR=shallow2 within "shallow clone: ls" 0 ls
DIR=shallow2 within "shallow clone: log -n 1 walks no further" 0 log -n 1
DIR=shallow2 said "shallow clone: log -n 1 walks no further" ""
DIR=shallow1 within "depth 1: log" 0 log --oneline
listed "depth 1: log" "$(short HEAD 7) "
DIR=shallow1 within "depth 1: diff" 2 diff
DIR=shallow1 said "depth 1: diff" "redline: 'ied.txt' has no version before $(short HEAD 7) in '$tmp/shallow1/', a shallow clone; git fetch --unshallow gets the rest"
DIR=shallow1 within "depth 1: show by symbol" 0 show 79/70
# cut before the series began: its history is whole, nothing to say
git -C "$tmp/shallow2" fetch -q --deepen=3
DIR=shallow2 within "shallow clone deepened to the first version" 0 log --oneline
listed "shallow clone deepened to the first version" "$all4"
DIR=shallow2 said "shallow clone deepened to the first version" ""
mkdir "$tmp/late"
git -C "$tmp/late" init -q -b main
echo notes >"$tmp/late/README" && git -C "$tmp/late" add README && git -C "$tmp/late" -c user.name=T -c user.email=t@e commit -qm notes
DIR=late check late-1 0 - import --author="$who" --path=ied.txt "$src/samples/ied-77-64-illustrative.txt"
git clone -q --depth 2 "file://$tmp/late" "$tmp/late-shallow"
DIR=late-shallow within "shallow before the series began" 0 log --oneline
DIR=late-shallow said "shallow before the series began" ""
if grep -q "first version$" "$tmp/out"; then ok "shallow before the series began: a first version"; else not_ok "shallow before the series began: $(cat "$tmp/out")"; fi

# the interface's versions view: what could be read, then why it stops
vtdrive="$abs_top_builddir/tests/vt/vtdrive"
if [ -x "$vtdrive" ]; then
	for case in shallow-tui:"is a shallow clone":"history before it not in" truncated-commit:"cannot read commit":"history before it cannot"; do
		dir=${case%%:*} rest=${case#*:}
		msg=${rest%%:*} row=${rest#*:}
		printf 'sync\nexpect %s\nexpect %s\nkey j\nexpect version 2 of 2\nkey Q\nexpect-exit 0\n' "$msg" "$row" >"$tmp/$dir.script"
		if (cd "$tmp/plain" && timeout 30 "$vtdrive" --timeout 20 --size 160x24 --env LC_ALL=C.UTF-8 --env HOME="$HOME" \
			--env TZ=UTC --out "$tmp/vt-$dir" --script "$tmp/$dir.script" -- "$redline_hooks" -C "$tmp/$dir") >"$tmp/vt.log" 2>&1; then
			ok "versions view, $dir: the versions, then why they stop"
		else
			not_ok "versions view, $dir"; sed 's/^/# /' "$tmp/vt.log"
		fi
	done
else
	ok "versions view of a shallow clone and a damaged repository # SKIP vtdrive not built (no libvterm)"
fi

tap_summary repo
