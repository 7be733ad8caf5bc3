/*
 * redline: the global options, then the interface or a command of the
 * table in cli.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef HAVE_MALLOC_H
#include <malloc.h>
#endif

#include "cmds.h"
#include "out.h"
#include "restrict.h"
#include "tui.h"
#include "util.h"

/*
 * GNU malloc, tuned for a run that reads two long texts and drops most of
 * what it built from them:
 *  - a heap (arena) per thread, as by default: not one shared by all.
 *    The two parses of a comparison of two files (source.c) and the two
 *    halves of its word diffs (compare.c) each make and free a great many
 *    small blocks, and on a single heap every one of those calls waits
 *    for the other thread's lock (on the 3 MB benchmark pair, a third of
 *    the parse's time and half of the word diffs'). What the parsing
 *    thread leaves free in its heap is not lost either: that heap is
 *    handed to the word-diff thread started after it;
 *  - blocks of 4 MB and more mapped on their own, and so returned when
 *    freed. By default the threshold rises to the largest block freed, so
 *    once a long text's buffer was freed, the next ones of that size came
 *    from the heap and stayed there, resident, after they were freed: on a
 *    10 MB one-line pair, 40 MB of holes;
 *  - up to as much free at the top of the heap kept, not given back:
 *    memory given back is faulted in again page by page when the next
 *    text needs it, and a page fault is dear (on the 3 MB pair this is a
 *    fifth of the faults, at the same peak memory).
 */
#define MMAP_THRESHOLD (4 << 20)

static void
malloc_setup(void)
{
#if defined(HAVE_MALLOPT) && defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
	mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD);
	mallopt(M_TRIM_THRESHOLD, MMAP_THRESHOLD);
#endif
}

/*
 * "redline OLD NEW": two versions (files, revisions, symbols), loaded as
 * diff loads them, and the interface opened on their comparison. Nothing
 * touches the terminal before both are loaded: an error is one line.
 */
static int
open_pair(struct cli *c, const char *old_spec, const char *new_spec)
{
	struct source a, b;
	struct rl_error err;
	struct tui_args ta;
	int rc = CLI_TROUBLE;

	source_init(&a);
	source_init(&b);
	/* the interface reads its keys there */
	if (strcmp(old_spec, "-") == 0 || strcmp(new_spec, "-") == 0) {
		rl_fail(&err, "the interface reads keys from standard input; compare '-' with 'redline diff'");
		cli_error(&err);
		goto out;
	}
	if (source_load_pair(&c->repo, old_spec, new_spec, &a, &b, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	memset(&ta, 0, sizeof(ta));
	ta.store = c->repo.store;	/* NULL for two files: none is needed */
	ta.index = c->repo.index;
	ta.path = c->repo.path;
	ta.old = &a;
	ta.new_ = &b;
	rc = tui_run(&ta);
out:
	source_release(&a);
	source_release(&b);
	return rc;
}

/*
 * --ssh: the forced command of an SSH account runs what the reviewer asked
 * for, SSH_ORIGINAL_COMMAND, split into words without a shell: "redline"
 * and its arguments, restricted, in the repository the forced command
 * named. argc and argv become those arguments (words owns them). -1 to go
 * on, else an exit status.
 */
static int
ssh_command(struct cli *c, int *argc, char ***argv, char ***words)
{
	const char *cmd = getenv("SSH_ORIGINAL_COMMAND");
	struct rl_error err;
	size_t n;

	*words = NULL;
	if (*argc > 0) {
		out_error("--ssh takes the command from SSH_ORIGINAL_COMMAND, not from its own arguments");
		return CLI_TROUBLE;
	}
	if (cmd && *cmd) {
		if (restrict_split(cmd, words, &n, &err) < 0) {
			cli_error(&err);
			return CLI_TROUBLE;
		}
		/* the words are the reviewer's: print none of them raw */
		if (n == 0 || strcmp((*words)[0], "redline") != 0) {
			out_error("restricted: only redline runs here (ssh HOST redline log)");
			return CLI_TROUBLE;
		}
		*argv = *words + 1;
		*argc = (int)n - 1;
	}
	/* the repository is the forced command's, whatever the words say */
	c->dir_fixed = 1;
	if (*argc > 0)
		return cli_global_options(c, argc, argv);
	/* no command: the interface, when there is a terminal for it */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		out_literal(stderr, "redline: restricted: no terminal for the interface: ssh -t HOST opens it;\n"
			    "ssh HOST redline COMMAND runs a command (ssh HOST redline help lists them)\n");
		return CLI_TROUBLE;
	}
	return -1;
}

int
main(int argc, char **argv)
{
	struct cli c;
	const struct cli_command *cmd;
	struct rl_error err;
	char **words = NULL;
	int rc;

	malloc_setup();
	cli_init(&c);
	argv++;
	argc--;
	/* before any option: the system's word on restricted mode comes first,
	 * and nothing after it turns restricted mode off */
	if (restrict_from_system(NULL, &err) < 0) {
		cli_error(&err);
		rc = CLI_TROUBLE;
		goto out;
	}
	if ((rc = cli_global_options(&c, &argc, &argv)) >= 0)
		goto out;
	if (c.ssh && (rc = ssh_command(&c, &argc, &argv, &words)) >= 0)
		goto out;
	if (argc < 1) {
		/* redline alone: the interface on the repository, as tig does */
		struct tui_args ta;

		memset(&ta, 0, sizeof(ta));
		ta.path = c.repo.path;
		if (!(ta.store = cli_store(&c))) {
			rc = CLI_TROUBLE;
		} else {
			ta.index = c.repo.index;
			rc = tui_run(&ta);
		}
		goto out;
	}
	if ((cmd = cli_command(argv[0])))
		rc = cli_run(&c, cmd, argc, argv);
	else if ((argc == 2 || (argc == 4 && strcmp(argv[2], "--") == 0)) &&
		 (argv[0][0] != '-' || strcmp(argv[0], "-") == 0)) {
		/* "redline OLD NEW [-- PATH]": the interface on their comparison */
		if (argc == 4)
			c.repo.path = argv[3];
		rc = open_pair(&c, argv[0], argv[1]);
	} else {
		rc = cli_usage_error(NULL, "unknown command: '%s'", argv[0]);
	}
out:
	cli_release(&c);
	restrict_words_free(words);
	return rc;
}
