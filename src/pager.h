/*
 * pager: long output on a terminal goes through a pager, as git does. The
 * command is chosen by the caller (pager_command gives the usual order);
 * pager_start runs it with "sh -c", its standard input a pipe that
 * becomes our standard output (and standard error, when that is the same
 * terminal), and pager_finish closes the pipe and waits for the pager to
 * exit, so the shell's prompt never comes back under it.
 *
 * A pager that is quit before the end (q in less) closes the pipe: writes
 * then fail with EPIPE, which is not an error (SIGPIPE is ignored while a
 * pager runs); pager_gone says so. A signal that ends the program while a
 * pager runs first waits for the pager, so the terminal is left to it.
 *
 * Ownership: the pager's state is the program's (one pager per run); the
 * returned command string is owned by the caller. Errors: pager_start
 * returns -1 with err filled and the output left as it was.
 */
#ifndef REDLINE_PAGER_H
#define REDLINE_PAGER_H

#include "util.h"

/*
 * The pager to use, or NULL for none: REDLINE_PAGER, else config_value
 * (the configuration's "set pager", NULL when it has none), else PAGER,
 * else "less -FRX"; an empty command or "cat" means none.
 */
char *pager_command(const char *config_value, int have_config_value);
/* Run cmd with standard output (and a terminal standard error) into it. */
int pager_start(const char *cmd, struct rl_error *err);
/* 1 while a pager runs. */
int pager_active(void);
/* 1 when the pager runs no more or has closed its input. */
int pager_gone(void);
/* Flush and close the output to the pager and wait for it; no-op without one. */
void pager_finish(void);

#endif
