#!/bin/sh
# Real-terminal tests of the interface: the real binary in a pseudo-
# terminal (tests/vt/vtdrive, libvterm), keys in, screen and attributes out.
# Each tests/tui/NAME.script may start with lines:
#   #opts: vtdrive options (--size, --term, --env ...; @TMP@ is the
#          scratch directory)
#   #repo: sample (default) | hostile | none (no -C, run in a directory
#          outside any repository)
#   #args: operands after -C REPO (@SRC@ is the source tree)
#   #stderr: the program's whole stderr (default: none at all; @TMP@ is
#          the scratch directory the repositories are in)
# REDLINE_UPDATE_GOLDEN=1 rewrites tests/tui/expected/ dumps.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
vtdrive="$abs_top_builddir/tests/vt/vtdrive"
dir="$abs_top_srcdir/tests/tui"
if [ ! -x "$vtdrive" ]; then
	# in CI a missing harness is a failure, not a skip
	[ -n "$CI" ] && { not_ok "vtdrive not built (libvterm-dev missing)"; tap_summary tui; exit 1; }
	skip_suite "vtdrive not built (libvterm-dev missing)"
fi
unset LINES COLUMNS
export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1 GIT_CEILING_DIRECTORIES="$tmp" TZ=UTC
mkdir -p "$HOME"

sh "$abs_top_srcdir/samples/make-repo.sh" "$abs_top_srcdir/samples/src" "$tmp/sample" "$redline" >/dev/null ||
	{ echo "not ok - sample repository"; exit 1; }

# A directory outside any repository, for operands that are files.
mkdir "$tmp/plain"

# A repository whose text carries escape sequences and control characters.
mkdir "$tmp/hostile"
git -C "$tmp/hostile" init -q
printf '1/1. Hostile \033]0;owned\007title\n\nThe General Assembly,\n\nNoting \033[2J\033[31mred\033[m and \302\233 and \342\200\256 here,\n\nWelcoming \344\270\255\346\226\207 and e\314\201 ok,\n\n1. Decides \033[?1049l to act.\n' >"$tmp/h1.txt"
printf '1/2. Hostile \033]0;owned\007title\n\nThe General Assembly,\n\nNoting \033[2J\033[31mred\033[m and \302\233 and \342\200\256 here,\n\nWelcoming \344\270\255\346\226\207 and e\314\201 ok,\n\n1. Decides \033[?1049l to act \033[5m now.\n' >"$tmp/h2.txt"
(cd "$tmp/hostile" && "$redline" import --path=h.txt --date=2024-01-01 --author="T <t@e>" "$tmp/h1.txt" >/dev/null &&
	"$redline" import --path=h.txt --date=2024-01-02 --author="T <t@e>" "$tmp/h2.txt" >/dev/null) ||
	not_ok "hostile repository"

# attrs_of DUMP TEXT: the attribute codes of the cells under the first TEXT on
# the screen. awk counts bytes, so the screen is first turned into one byte
# per cell: the line-drawing separator becomes '|' (TEXT must be ASCII).
attrs_of() {
	sed 's/\xe2\x94\x82/|/g' "$1.screen" >"$1.cells"
	awk -v t="$2" -v scr="$1.cells" -v att="$1.attrs" '
		BEGIN { while ((getline l < scr) > 0) s[++n] = l; r = 0
			while ((getline l < att) > 0) a[++r] = l
			for (i = 1; i <= n; i++) { p = index(s[i], t); if (p) { print substr(a[i], p, length(t)); exit } } }'
}

# clause_repo NAME WORDS EVERY END: $tmp/NAME, two versions of a resolution
# whose one operative paragraph is WORDS words drawn from ten (every
# EVERY-th changed in the second), ending with the words END
clause_repo() {
	mkdir "$tmp/$1"
	git -C "$tmp/$1" init -q
	for v in 1 2; do
		awk -v v="$v" -v n="$2" -v every="$3" -v end="$4" 'BEGIN {
			split("States Assembly resolution the of and to in measures devices", w, " ")
			printf "1/%d. Big\n\nThe General Assembly,\n\n1. Decides", v
			x = 1
			for (i = 0; i < n; i++) {
				x = (x * 1103515245 + 12345) % 2147483648
				printf " %s", (v == 2 && i % every == 0) ? "changed" : w[int(x / 65536) % 10 + 1]
			}
			printf "%s;\n", end
		}' >"$tmp/$1/res.txt"
		git -C "$tmp/$1" add res.txt &&
			git -C "$tmp/$1" -c user.name=T -c user.email=t@e commit -qm "version $v" || return 1
	done
}

# A repository whose two versions hold one operative paragraph of 3 million
# words (20 MB): summarising them is seconds of work, during which the
# interface must still leave at once when a signal asks (made only when a
# script names it).
if grep -lq '^#repo: big' "$dir"/*.script; then
	clause_repo big 3000000 50 "" || not_ok "big repository"
fi

# A repository whose operative paragraph is 4001 words long, in two
# versions: longer than an agreed-language query may be (made only when a
# script names it).
if grep -lq '^#repo: long' "$dir"/*.script; then
	mkdir "$tmp/long"
	git -C "$tmp/long" init -q
	for v in 1 2; do
		awk -v v="$v" 'BEGIN {
			printf "1/%d. Long\n\nThe General Assembly,\n\n1. Decides", v
			for (i = 0; i < 4000; i++)
				printf " %s", (v == 2 && i == 7) ? "changed" : "word" i
			printf ";\n"
		}' >"$tmp/long/res.txt"
		git -C "$tmp/long" add res.txt &&
			git -C "$tmp/long" -c user.name=T -c user.email=t@e commit -qm "version $v" || not_ok "long repository"
	done
fi

# A repository whose operative paragraph is 300,000 words long (2 MB, some
# 37,000 lines on an 80-column screen), in two versions: one paragraph
# with tens of thousands of matches for a search (made only when a script
# names it).
if grep -lq '^#repo: wide' "$dir"/*.script; then
	clause_repo wide 300000 5000 " and so to the end of the clause" || not_ok "wide repository"
fi

# A terminal whose description has everything of xterm-256color but cursor
# addressing: the interface finds that out only after curses has taken the
# screen (newterm enters the alternate screen), so it is the start-up error
# that has a terminal to give back. Compiled with tic into @TMP@/terminfo.
if grep -lq 'xterm-nocup' "$dir"/*.script; then
	mkdir "$tmp/terminfo"
	infocmp -x xterm-256color | sed 's/^xterm-256color|[^,]*,/xterm-nocup|xterm-256color without cup,/; s/\bcup=[^,]*,//' >"$tmp/nocup.src" &&
		tic -x -o "$tmp/terminfo" "$tmp/nocup.src" 2>/dev/null || not_ok "terminfo xterm-nocup"
fi

for script in "$dir"/*.script; do
	name=$(basename "$script" .script)
	opts=$(sed -n 's/^#opts: //p' "$script" | sed "s|@TUI@|$dir|g; s|@TMP@|$tmp|g")
	repo=$(sed -n 's/^#repo: //p' "$script")
	[ -n "$repo" ] || repo=sample
	args=$(sed -n 's/^#args: //p' "$script" | sed "s|@SRC@|$abs_top_srcdir|g")
	want_err=$(sed -n 's/^#stderr: //p' "$script" | sed "s|@TMP@|$tmp|g")
	out="$tmp/out/$name"
	mkdir -p "$out"
	if [ "$repo" = none ]; then set -- ; else set -- -C "$tmp/$repo"; fi
	# shellcheck disable=SC2086
	if (cd "$tmp/plain" && "$vtdrive" --timeout 20 --env LC_ALL=C.UTF-8 --env HOME="$HOME" --env TZ=UTC $opts \
		--stderr "$tmp/$name.stderr" --out "$out" --script "$script" -- "$redline_hooks" "$@" $args) \
		>"$tmp/$name.log" 2>&1; then
		ok "$name"
	else
		not_ok "$name"
		cat "$tmp/$name.log"
		cat "$tmp/$name.stderr" 2>/dev/null
		continue
	fi
	# dumps named like golden files are compared with them
	for d in "$out"/*.screen; do
		[ -f "$d" ] || continue
		base=$(basename "$d" .screen)
		exp="$dir/expected/$name-$base.screen"
		if [ -n "$REDLINE_UPDATE_GOLDEN" ]; then
			mkdir -p "$dir/expected"
			cp "$d" "$exp"
		elif [ -f "$exp" ]; then
			if diff -u "$exp" "$d" >"$tmp/diff"; then ok "$name: $base screen"; else not_ok "$name: $base screen"; cat "$tmp/diff"; fi
		fi
	done
	# per-script attribute checks: "#attr: DUMP TEXT => CODES"
	sed -n 's/^#attr: //p' "$script" | while IFS= read -r line; do
		dump=${line%% *}
		rest=${line#* }
		text=${rest% => *}
		want=${rest##* => }
		got=$(attrs_of "$out/$dump" "$text")
		if [ "$got" = "$want" ]; then echo "ok - $name: '$text' drawn as $want"; else echo "not ok - $name: '$text' drawn as '$got', expected '$want'"; fi
	done >"$tmp/$name.attr"
	pass=$((pass + $(grep -c '^ok' "$tmp/$name.attr")))
	fail=$((fail + $(grep -c '^not ok' "$tmp/$name.attr")))
	cat "$tmp/$name.attr"
	# the program's stderr must be empty (no sanitizer report, no leak), or
	# exactly the one line the script expects
	if [ -n "$want_err" ]; then
		if [ "$(cat "$tmp/$name.stderr")" = "$want_err" ]; then ok "$name: stderr"; else
			not_ok "$name: stderr is not '$want_err'"; cat "$tmp/$name.stderr"; fi
	elif [ -s "$tmp/$name.stderr" ]; then not_ok "$name: stderr"; cat "$tmp/$name.stderr"; fi
done

tap_summary tui
