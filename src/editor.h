/*
 * editor: a text written by the user in $VISUAL, else $EDITOR, as git asks
 * for a commit message: the text put in a temporary file, the editor run
 * through the shell with the file as its argument, the file read back.
 * Used by amend propose --editor and by the interface, which hands over
 * the terminal around the run (its own run function).
 *
 * Ownership: *out is malloc'd, the caller's. Errors: nothing printed; why
 * gets one line without a final period.
 */
#ifndef REDLINE_EDITOR_H
#define REDLINE_EDITOR_H

#include "sbuf.h"

/* Run the command line cmd ("vi \"$@\"") on file and wait: the exit status
 * as waitpid gives it, -1 when it could not run. */
typedef int editor_run_fn(void *arg, const char *cmd, const char *editor, const char *file);

/* Start cmd on file in a child (close_fd, when >= 0, closed in it) and
 * wait for it: the run of the command line, and the interface's inside its
 * own. */
int editor_spawn(const char *cmd, const char *editor, const char *file, int close_fd);

/*
 * text edited (run NULL: editor_spawn as it is): 0 with *out; 1 when there
 * is nothing to take (the editor failed, or left the text as it was, or
 * wrote what is not UTF-8 text: why says which); -1 when it could not be
 * asked (no editor set, no temporary file).
 */
int editor_edit(const char *text, editor_run_fn *run, void *arg, char **out, struct sbuf *why);

#endif
