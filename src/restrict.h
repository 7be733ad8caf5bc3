/*
 * restrict: restricted mode, for accounts whose SSH forced command is
 * redline (see RESTRICTED MODE in redline(1)). Turned on by --restricted,
 * --ssh, REDLINE_RESTRICTED, or "set restricted yes" in the system file
 * RESTRICT_SYSTEM_CONFIG; once on it stays on for the rest of the run:
 * nothing the account controls (its configuration, its environment, the
 * words of its SSH command) turns it off.
 *
 * This module holds the state and what does not depend on a command: the
 * system file, the environment scrubbed of git's overrides, the check of a
 * path named inside the repository, the splitting of an SSH command. What
 * each command, option and interface action may do is decided by the
 * tables that describe them (cli.c's option and command tables, cmd_amend.c's
 * actions, keys.h's REQ_INFO), never here.
 *
 * Ownership: restrict_split's words are owned by the caller
 * (restrict_words_free). Errors: -1 with err filled (one line).
 */
#ifndef REDLINE_RESTRICT_H
#define REDLINE_RESTRICT_H

#include <stddef.h>

#include "util.h"

/* The one configuration file restricted mode reads, and the only place
 * "set restricted" is read from: $(sysconfdir)/redline/config, as
 * configure was told (/usr/local/etc by default; /etc with
 * --sysconfdir=/etc, as a distribution builds it). */
extern const char restrict_system_config[];

/*
 * What restricted mode makes of a command, an amend action, an option or an
 * action of the interface: each row of cli.c's command and option tables,
 * of cmd_amend.c's actions and of keys.h's REQ_INFO says which of these it
 * is; cli_guard (cli.c) and tui.c's dispatch alone decide on it.
 */
enum guard {
	GUARD_NONE,		/* reads the repository only: allowed */
	GUARD_WRITES_REPO,	/* writes objects or refs: refused */
	GUARD_WRITES_SET,	/* writes when given a value (amend status CLAUSE STATUS) */
	GUARD_WRITES_FILE,	/* writes a file: only with -o - (an option: its value must be -) */
	GUARD_WRITES_DOC,	/* writes a file when the format is a document: only with -o - */
	GUARD_READS_FILE,	/* an option naming a file to read: its value must be - */
	GUARD_RUNS_EDITOR,	/* runs $VISUAL or $EDITOR: refused */
	GUARD_ACTIONS		/* a command whose action (first operand) says: its action_guard */
};

/* 1 in restricted mode. */
int restricted(void);
/* Restricted mode from here on (it is never turned off). The environment
 * loses GIT_DIR, GIT_WORK_TREE and every other GIT_* variable, so the
 * repository is the one named at start (-C DIR, else the current folder). */
void restrict_enable(void);
/*
 * Restricted mode as the system asks: "set restricted yes" in file (NULL:
 * the system file; a test names its own), else a non-empty REDLINE_RESTRICTED other than
 * "0". 1 on (and enabled), 0 off, -1 when file exists but cannot be read or
 * says neither yes nor no: the caller stops, rather than run unrestricted
 * on an account meant to be restricted.
 */
int restrict_from_system(const char *file, struct rl_error *err);
/*
 * The configuration file to read: the system file in restricted mode,
 * else REDLINE_CONFIG, else ~/.config/redline/config (malloc'd; NULL: none).
 * *must_exist is set when the file was named explicitly (REDLINE_CONFIG).
 */
char *restrict_config_file(int *must_exist);
/*
 * A path inside the repository (REV:PATH's PATH, -- PATH) as restricted
 * mode accepts it: relative, with no empty, "." or ".." part, no control
 * character. 0, or -1 with err filled. Always 0 outside restricted mode.
 */
int restrict_check_path(const char *path, struct rl_error *err);
/*
 * An SSH original command split into words as a shell would split it, but
 * without a shell: blanks separate words, '...' and "..." quote (a
 * backslash escapes the next character outside single quotes), and shell
 * syntax outside quotes (; & | < > ` $ ( ) and line ends) is refused, not
 * taken literally, so nobody believes it ran. 0 with *words (NULL-ended)
 * and *n, or -1 with err filled.
 */
int restrict_split(const char *cmd, char ***words, size_t *n, struct rl_error *err);
void restrict_words_free(char **words);

#endif
