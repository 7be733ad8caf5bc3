#!/bin/sh
# Stands in for the Check unit tests when configure did not find Check.
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$abs_top_srcdir/tests/lib.sh"
skip_suite "Check (check >= 0.15) not installed: the unit tests were not built"
