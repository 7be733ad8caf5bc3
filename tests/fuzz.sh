#!/bin/sh
# The fuzz target on its saved corpus (and any input that once crashed).
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${abs_top_builddir:=$abs_top_srcdir}"
exec "$abs_top_builddir/tests/fuzz/replay" "$abs_top_srcdir"/tests/fuzz/corpus/*
