/*
 * fixture: parse a file from the source tree for a Check suite. The path is
 * relative to $abs_top_srcdir (set by the test harness). 'r' is
 * initialised here and the caller releases it; any failure aborts the
 * test program with the error on stderr, since a missing fixture is a
 * broken build, not a test result.
 */
#ifndef REDLINE_TESTS_FIXTURE_H
#define REDLINE_TESTS_FIXTURE_H

#include "model.h"

void load_fixture(const char *rel, struct resolution *r);

#endif
