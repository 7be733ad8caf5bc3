#!/bin/sh
# run.sh SRCDIR BUILDDIR OUTDIR [TARGET...]: build the libFuzzer targets
# (build.sh) into OUTDIR and run each in turn, niced, for $FUZZ_TIME
# seconds (60), on its saved corpus (tests/fuzz/TARGETS) and, when
# ../shared/corpus is there, on seeds made from the UN's documents
# (make-seeds.sh shared, into OUTDIR/shared, never into the project).
# New inputs go to OUTDIR/NAME/corpus; a crash, leak, timeout or
# undefined behaviour to OUTDIR/NAME/ (crash-*, leak-*, timeout-*), to be
# kept in the saved corpus once fixed. One line per target; exit 1 when
# any found something, 77 when clang or libFuzzer is missing.
srcdir=${1:?usage: run.sh SRCDIR BUILDDIR OUTDIR [TARGET...]}
builddir=${2:?}
out=${3:?}
shift 3
: "${FUZZ_TIME:=60}"
mkdir -p "$out" || exit 1
out=$(cd "$out" && pwd)
echo "fuzz: building the targets with ${CLANG:-clang} into $out"
sh "$srcdir/tests/fuzz/build.sh" "$srcdir" "$builddir" "$out" "$@" >"$out/build.log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	grep '^fuzz:' "$out/build.log" || tail -5 "$out/build.log"
	exit $rc
fi
shared=
rm -rf "$out/shared"
if sh "$srcdir/tests/fuzz/make-seeds.sh" shared "$srcdir" "$builddir" "$out/shared" >"$out/seeds.log" 2>&1; then
	shared=$out/shared
else
	# "no ../shared/corpus: no seeds from the UN's documents"
	grep '^fuzz:' "$out/seeds.log"
fi
# the sanitizers stop at the first report of any kind
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:print_stacktrace=1"
failed=0
awk '!/^#/ && NF { print $1, $2, $3 }' "$srcdir/tests/fuzz/TARGETS" >"$out/targets"
while read -r name corpus maxlen; do
	if [ $# -gt 0 ]; then
		case " $* " in *" $name "*) ;; *) continue ;; esac
	fi
	dir=$out/$name
	mkdir -p "$dir/corpus"
	rm -f "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-* "$dir"/slow-unit-*
	seeds="$srcdir/tests/fuzz/$corpus"
	[ -n "$shared" ] && [ -d "$shared/$name" ] && seeds="$seeds $shared/$name"
	# shellcheck disable=SC2086
	nice -n 10 "$out/fuzz_$name" -max_total_time="$FUZZ_TIME" -max_len="$maxlen" -timeout=20 \
		-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$dir/" "$dir/corpus" $seeds \
		</dev/null >"$dir/log" 2>&1
	frc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
	cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$dir/log" | tail -1)
	found=$(ls "$dir" | grep -E '^(crash|leak|timeout|oom)-' | head -1)
	if [ $frc -eq 0 ] && [ -z "$found" ]; then
		echo "fuzz_$name: ok, ${runs:-?} inputs in ${FUZZ_TIME}s, ${cov:-no coverage}"
	else
		failed=$((failed + 1))
		why=$(grep -m1 -E '^(fuzz:|==[0-9]+==ERROR|SUMMARY)|runtime error' "$dir/log")
		echo "fuzz_$name: FAILED (exit $frc) ${found:+$dir/$found }${why:-see $dir/log}"
	fi
done <"$out/targets"
[ $failed -eq 0 ]
