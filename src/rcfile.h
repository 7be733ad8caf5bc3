/*
 * rcfile: the settings of the command line in the user's configuration
 * file, the one the interface reads (REDLINE_CONFIG, else
 * ~/.config/redline/config): lines "set NAME VALUE" in the spirit of
 * tigrc. Only "set" lines are looked at, the last one of a name wins, and
 * VALUE is the rest of the line (so "set pager less -S" keeps its
 * arguments), without surrounding double quotes. The other lines belong
 * to the interface (src/tui/config_ui.c), which reads the whole file; this
 * reader lives at the edge so that the command line needs nothing of the
 * interface.
 *
 * Ownership: *value is owned by the caller. Errors: none for a missing
 * default file; -1 with err filled when REDLINE_CONFIG names a file that
 * cannot be read.
 */
#ifndef REDLINE_RCFILE_H
#define REDLINE_RCFILE_H

#include "util.h"

/* The value of "set name ..." in text; 1 when found, 0 when not. */
int rcfile_find(const char *text, const char *name, char **value);
/* The same in the user's file; 1 found, 0 not (or no file), -1 error. */
int rcfile_setting(const char *name, char **value, struct rl_error *err);

#endif
