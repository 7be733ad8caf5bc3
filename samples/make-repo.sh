#!/bin/sh
# Build the sample repository from the texts in samples/src, reproducibly:
# every commit has the date and author written in samples/src/MANIFEST, so
# the same sources always give the same commit ids.
#   make-repo.sh SRC_DIR OUT_REPO REDLINE
set -eu
src=$1 out=$2 redline=$3
tab=$(printf '\t')
tmp="$out.tmp.$$"
rm -rf "$tmp"
mkdir -p "$tmp"
git init -q "$tmp"
git -C "$tmp" symbolic-ref HEAD refs/heads/main
while IFS="$tab" read -r date name email path file symbol subject; do
	case "$date" in ''|'#'*) continue ;; esac
	case "$file" in
	*A-RES-79-53.txt)
		note="The text of A/RES/79/53 exactly as given to the project: text extracted from the PDF, with its artifacts." ;;
	*)
		note="Illustrative reconstruction written for the redline sample from public facts about this series; NOT the official text." ;;
	esac
	GIT_CONFIG_NOSYSTEM=1 HOME="$tmp" "$redline" -C "$tmp" import --date="$date" --author="$name <$email>" \
		--path="$path" --symbol="$symbol" --message="$subject

$note" "$src/$file" >/dev/null
done <"$src/MANIFEST"
rm -rf "$out"
mv "$tmp" "$out"
echo "sample repository: $out ($(git -C "$out" rev-list --count main) versions)"
