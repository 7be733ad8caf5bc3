#!/bin/sh
# configure on a machine without Check: it succeeds, says the unit tests are
# disabled, the program builds, and make check runs the shell suites with
# the unit tests reported skipped. The libraries it links (-lm, -lpthread)
# are found by configure, and --help says where to report bugs.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
[ -x "$abs_top_srcdir/configure" ] || skip_suite "no configure script in the source tree (run autoreconf -fi)"
command -v pkg-config >/dev/null 2>&1 || skip_suite "pkg-config missing"
# the build below runs make check itself: never again inside it
[ -z "$REDLINE_CONFIGURE_TEST" ] || skip_suite "already inside the configure test"
export REDLINE_CONFIGURE_TEST=1
unset MAKEFLAGS MFLAGS MAKELEVEL

# a pkg-config that knows every package but Check
real=$(command -v pkg-config)
cat >"$tmp/pkg-config" <<EOF
#!/bin/sh
for a in "\$@"; do
	case \$a in check | "check "*) exit 1 ;; esac
done
exec "$real" "\$@"
EOF
chmod +x "$tmp/pkg-config"

mkdir "$tmp/build"
cd "$tmp/build" || exit 99
if PKG_CONFIG="$tmp/pkg-config" "$abs_top_srcdir/configure" >"$tmp/configure.out" 2>&1; then
	ok "configure succeeds without Check"
else
	not_ok "configure succeeds without Check"; tail -5 "$tmp/configure.out" | sed 's/^/# /'
	tap_summary configure
	exit 1
fi
if grep -q 'WARNING: Check .* not found: the unit tests are disabled' "$tmp/configure.out"; then
	ok "configure says the unit tests are disabled"
else
	not_ok "configure says the unit tests are disabled"
fi
if grep -q '^checking for library containing pthread_create\.\.\. ' "$tmp/configure.out" &&
   grep -q '^checking for library containing floor\.\.\. ' "$tmp/configure.out" &&
   ! grep -n -- '-lm\b\|-lpthread' "$abs_top_srcdir/Makefile.am" >/dev/null; then
	ok "-lm and -lpthread found by configure, not written in Makefile.am"
else
	not_ok "-lm and -lpthread found by configure, not written in Makefile.am"
fi
if "$abs_top_srcdir/configure" --help | grep -q '^Report bugs to <the issue tracker named in README, Reporting bugs>' &&
   grep -q '^Reporting bugs$' "$abs_top_srcdir/README"; then
	ok "configure --help says where to report bugs, and the README says it"
else
	not_ok "configure --help says where to report bugs"
fi
jobs=$(nproc 2>/dev/null || echo 2)
if make -j"$jobs" >"$tmp/make.out" 2>&1 && ./src/redline --version | grep -q '^redline '; then
	ok "the program builds without Check"
else
	not_ok "the program builds without Check"; tail -5 "$tmp/make.out" | sed 's/^/# /'
fi
# the harness with the stand-in for the unit tests and one shell suite (the
# test programs other suites need are not built: check_PROGRAMS= saves time)
make check TESTS="tests/unit-skipped.sh tests/cli.sh" check_PROGRAMS= >"$tmp/check.out" 2>&1
rc=$?
if [ $rc = 0 ] && grep -q '^SKIP: tests/unit-skipped.sh' "$tmp/check.out" &&
   grep -q 'Check (check >= 0.15) not installed: the unit tests were not built' tests/unit-skipped.log &&
   grep -q '^PASS: tests/cli.sh' "$tmp/check.out" && [ ! -e tests/check_core ]; then
	ok "make check: shell suites run, the unit tests reported skipped"
else
	not_ok "make check without Check (exit $rc)"; grep -E '^(PASS|FAIL|SKIP|ERROR)|rror' "$tmp/check.out" | head -5 | sed 's/^/# /'
fi

tap_summary configure
