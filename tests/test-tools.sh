#!/bin/sh
# The programs the tests open redline's documents with, installed when
# missing (Debian packages): LibreOffice and its Python bridge (Word
# documents: opened, converted, tracked changes accepted and rejected),
# pdftotext, Chromium and an HTML5 parser (web pages), clang with its
# libFuzzer runtime (tests/fuzz-smoke.sh), an SSH server and client
# (restricted mode through a real sshd, tests/sshd.sh). Best effort: where
# one cannot be installed, the tests that need it say so and skip; the
# build does not need any of them.
tools=""
for p in libreoffice-writer-nogui python3-uno poppler-utils chromium python3-html5lib clang-14 libclang-rt-14-dev openssh-server openssh-client; do
	dpkg -s "$p" >/dev/null 2>&1 || tools="$tools $p"
done
[ -n "$tools" ] || exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "redline test tools: installing$tools" >&2
$sudo apt-get update -qq >/dev/null 2>&1 || true
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $tools >/dev/null 2>&1 ||
	echo "redline test tools: could not install$tools; the tests that need them will skip" >&2
exit 0
