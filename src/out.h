/*
 * out: the one way text for people leaves the program. Messages (errors,
 * warnings) and the lines of command output are formatted, then every
 * character a terminal would act on (escape sequences, C1 controls,
 * bidirectional overrides) or a reader could not see is made visible by
 * utf8_sanitize, whatever it came from: a document, a file name, a commit
 * subject, a tag, the environment, a configuration line. Each call writes
 * one line: a line end inside what it formats shows as ^J, so nothing
 * from outside can start a line that looks like the program's own.
 *
 * Only this module, the styled text writer (textout.c, which writes lines
 * laid out and sanitised by render.c plus its own colour codes) and the
 * JSON writer (json.c, which escapes the same characters) write to a
 * stream; tests/layering/check.sh holds every other file to it.
 *
 * Ownership: borrows everything. Errors: out_line and out_literal return
 * -1 when the stream reports a write error; messages on stderr cannot fail
 * usefully.
 */
#ifndef REDLINE_OUT_H
#define REDLINE_OUT_H

#include <stdarg.h>
#include <stdio.h>

/* One line of output, and its line end. */
int out_line(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A constant text of the program (the usage), as it is. */
int out_literal(FILE *f, const char *text);
/* "redline: MESSAGE" and a line end, on stderr. */
void out_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_verror(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* "redline: warning: MESSAGE". */
void out_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * A progress line on stderr when it is a terminal, rewritten in place
 * ("import: 120/1202  40.1/s  0:27 left"); NULL clears it. Nothing is
 * written to a pipe or a file: a log gets the summary only.
 */
void out_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
