#!/bin/sh
# Install what is missing (Debian packages), then configure and build in build/.
# Safe to run again: it only installs, generates and configures what is absent.
set -e
cd "$(dirname "$0")/.."
need=""
for p in git gcc make autoconf automake libtool pkg-config libncurses-dev libgit2-dev libpoppler-glib-dev check libvterm-dev groff-base libzip-dev libexpat1-dev zlib1g-dev valgrind; do
	dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
if [ -n "$need" ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	echo "redline setup: installing$need" >&2
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need >/dev/null
fi
[ -x configure ] || autoreconf -fi
mkdir -p build
cd build
[ -f Makefile ] || ../configure -q
make -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
