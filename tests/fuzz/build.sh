#!/bin/sh
# build.sh SRCDIR BUILDDIR OUTDIR [TARGET...]: the libFuzzer binaries, built
# with clang (-fsanitize=fuzzer,address,undefined) into OUTDIR: the engine
# and the edges (everything but the commands) compiled once into an
# archive, then each tests/fuzz/fuzz_TARGET.c linked with it. BUILDDIR is a
# configured build (its config.h). $CLANG names the compiler (default:
# clang, else clang-14); $FUZZ_JOBS how many compile at once (2).
# Exit 77 when clang or its libFuzzer runtime is missing, saying so; 1
# when a build fails.
#
# Used by `make fuzz` (tests/fuzz/run.sh) and tests/fuzz-smoke.sh.
srcdir=${1:?usage: build.sh SRCDIR BUILDDIR OUTDIR [TARGET...]}
builddir=${2:?}
out=${3:?}
shift 3
targets=${*:-$(awk '!/^#/ && NF { print $1 }' "$srcdir/tests/fuzz/TARGETS")}
if [ -z "$CLANG" ]; then
	for c in clang clang-14; do
		command -v "$c" >/dev/null 2>&1 && { CLANG=$c; break; }
	done
fi
[ -n "$CLANG" ] || { echo "fuzz: no clang found (Debian: clang-14 libclang-rt-14-dev)"; exit 77; }
[ -f "$builddir/config.h" ] || { echo "fuzz: $builddir is not a configured build (no config.h)"; exit 1; }
mkdir -p "$out/obj" || exit 1

# libFuzzer's runtime: a one-line target must link
probe="$out/obj/probe"
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' >"$probe.c"
if ! "$CLANG" -fsanitize=fuzzer,address,undefined "$probe.c" -o "$probe" >"$probe.log" 2>&1; then
	echo "fuzz: $CLANG cannot link libFuzzer (Debian: libclang-rt-14-dev): $(head -1 "$probe.log")"
	exit 77
fi

pc="libgit2 zlib poppler-glib libzip expat"
# REDLINE_SYSCONFDIR as the Makefile gives it (restrict.c: the system file
# of restricted mode; a fuzz target never reads it)
CFLAGS_FZ="-g -O1 -std=c11 -Wall -Wextra -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all -DREDLINE_SYSCONFDIR=\"/usr/local/etc\""
INC="-I$builddir -I$srcdir/src/engine -I$srcdir/src -I$srcdir/src/tui $(pkg-config --cflags $pc)"
LIBS="$(pkg-config --libs $pc) -ldl -lm -lpthread"

# the library: engine, edges, and the two interface files that read the
# configuration (no curses in them); not the commands
sources=$(ls "$srcdir"/src/engine/*.c "$srcdir"/src/*.c "$srcdir/src/tui/config_ui.c" "$srcdir/src/tui/keys.c" |
	grep -v -e '/main\.c$' -e '/cli\.c$' -e '/cmd_[^/]*\.c$')
newest_h=$(ls -t "$srcdir"/src/engine/*.h "$srcdir"/src/*.h "$srcdir"/src/tui/*.h "$builddir/config.h" | head -1)
export CLANG CFLAGS_FZ INC out newest_h
# shellcheck disable=SC2016
echo "$sources" | xargs -P "${FUZZ_JOBS:-2}" -n 1 sh -c '
	o="$out/obj/$(echo "$1" | sed "s|.*/src/||; s|/|_|g; s|\.c$|.o|")"
	if [ "$o" -nt "$1" ] && [ "$o" -nt "$newest_h" ]; then exit 0; fi
	$CLANG $CFLAGS_FZ -fsanitize=fuzzer-no-link $INC -c "$1" -o "$o"' sh || { echo "fuzz: compiling the library failed"; exit 1; }
rm -f "$out/libfz.a"
ar cr "$out/libfz.a" "$out"/obj/*.o || exit 1

rc=0
for t in $targets; do
	# shellcheck disable=SC2086
	if ! $CLANG $CFLAGS_FZ -fsanitize=fuzzer $INC "$srcdir/tests/fuzz/fuzz_$t.c" "$srcdir/tests/fuzz/fuzzlib.c" \
		"$out/libfz.a" $LIBS -o "$out/fuzz_$t"; then
		echo "fuzz: building fuzz_$t failed"
		rc=1
	fi
done
exit $rc
