#!/bin/sh
# The sample repository: built reproducibly, and read as a newcomer would,
# from a clone and from a bare copy.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
export LC_ALL=C.UTF-8 TERM=dumb GIT_CONFIG_NOSYSTEM=1 HOME="$tmp" GIT_CEILING_DIRECTORIES="$tmp"

sh "$abs_top_srcdir/samples/make-repo.sh" "$abs_top_srcdir/samples/src" "$tmp/repo" "$redline" >/dev/null ||
	{ echo "not ok - make-repo"; exit 1; }
sh "$abs_top_srcdir/samples/make-repo.sh" "$abs_top_srcdir/samples/src" "$tmp/again" "$redline" >/dev/null
if [ "$(git -C "$tmp/repo" rev-parse main)" = "$(git -C "$tmp/again" rev-parse main)" ]; then ok "reproducible: same commit ids"; else not_ok "reproducible: same commit ids"; fi
n=$(git -C "$tmp/repo" rev-list --count main)
[ "$n" -ge 11 ] && ok "$n versions" || not_ok "only $n versions"
if git -C "$tmp/repo" log --format=%B | grep -q "NOT the official text"; then ok "commit messages say illustrative"; else not_ok "commit messages say illustrative"; fi

git clone -q "$tmp/repo" "$tmp/clone"
git clone -q --bare "$tmp/repo" "$tmp/bare.git"
for where in clone bare.git; do
	run_golden "ls ($where)" 0 samples-ls.txt "$tmp/$where" ls
	run_golden "log ($where)" 0 samples-log.txt "$tmp/$where" log -- ied.txt
	run_golden "diff 77/64 79/53 ($where)" 1 samples-diff-77-79.txt "$tmp/$where" diff --color=never 77/64 79/53 -- ied.txt
	run_golden "show A/RES/79/53 ($where)" 0 samples-show-79-53.txt "$tmp/$where" show A/RES/79/53 -- ied.txt
	run_golden "drafts ($where)" 1 samples-diff-drafts.txt "$tmp/$where" diff --stat A/C.1/79/L.43 A/C.1/79/L.43/Rev.1 -- ied.txt
done
# the one-line summary speaks a delegate's words, not JSON's field names
run_golden "log, header only" 0 - "$tmp/clone" log -n 1 -- ied.txt
if grep -q 'header only: symbol, adoption date, committee report, meeting$' "$tmp/out"; then ok "header fields in words"; else not_ok "header fields in words: $(cat "$tmp/out")"; fi
run_golden "french series" 1 - "$tmp/clone" diff --stat 78/30 79/40 -- fr/multilinguisme.txt
if grep -q "verbs:" "$tmp/out"; then ok "french diff summary"; else not_ok "french diff summary"; fi

# import into the clone, then the new version is the latest
run_golden "same text: nothing imported" 0 - "$tmp/clone" import --path=ied.txt "$abs_top_srcdir/samples/A-RES-79-53.txt"
if grep -q "nothing imported" "$tmp/out" && [ "$(git -C "$tmp/clone" rev-list --count HEAD)" = "$n" ]; then ok "no empty version"; else not_ok "no empty version"; fi
sed 's/^28\. \*Decides\* to include/28. *Decides* to include again/' "$abs_top_srcdir/samples/A-RES-79-53.txt" >"$tmp/next.txt"
run_golden "import into the clone" 0 - "$tmp/clone" import --author="Test <t@example.org>" --path=ied.txt --symbol=A/RES/81/1 --date=2026-12-01 "$tmp/next.txt"
run_golden "latest is the import" 0 - "$tmp/clone" log -- ied.txt
if head -1 "$tmp/out" | grep -q "2026-12-01"; then ok "import shows first in log"; else not_ok "import shows first in log"; fi

# import straight into the bare copy, as on a server
run_golden "import into the bare copy" 0 - "$tmp" -C "$tmp/bare.git" import --author="Test <t@example.org>" --path=ied.txt --symbol=A/RES/81/2 --date=2026-12-02 "$tmp/next.txt"
if git -C "$tmp/bare.git" rev-parse -q --verify refs/tags/A_RES_81_2 >/dev/null &&
   [ "$(git -C "$tmp/bare.git" show main:ied.txt | md5sum)" = "$(md5sum <"$tmp/next.txt")" ]; then
	ok "the bare copy has the new version and its tag"
else
	not_ok "the bare copy has the new version and its tag"
fi

tap_summary samples
