/*
 * headpeek: the commit HEAD names in a plain repository, read from its
 * files without libgit2, for the commands that answer from derived data
 * alone when it covers that commit (a phrase query of the kept agreed-
 * language index). libgit2's start-up parses the system's certificate
 * bundle, which costs such a query a quarter of its time.
 *
 * Only the plain case is read here; anything else is left to libgit2 and
 * its rules (discovery upward, the GIT_ variables that place a repository, a .git file, worktrees,
 * safe.directory, reftable, other hash lengths): the answer is then "cannot
 * tell", never a guess. A loose ref is read, else packed-refs; git writes
 * both by renaming whole files, so a read sees the old id or the new one,
 * and a derived file that covers neither is simply not used.
 *
 * Ownership: *git_dir is the caller's to free. Errors: none printed; -1
 * means "cannot tell here, open the repository".
 */
#ifndef REDLINE_HEADPEEK_H
#define REDLINE_HEADPEEK_H

#include "store.h"

/* dir: -C's directory, NULL for the current one (which must then be the
 * top of a work tree or a bare repository itself). 0 with the git
 * directory as store_git_dir gives it (absolute, ending in '/') and HEAD's
 * commit in hex; -1 when only libgit2 can tell. */
int head_peek(const char *dir, char **git_dir, char head[STORE_OID_HEX]);

#endif
