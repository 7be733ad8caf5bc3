/*
 * redline: the global options, then the interface or a command of the
 * table in cli.c.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#ifdef HAVE_MALLOC_H
#include <malloc.h>
#endif

#include "cmds.h"
#include "out.h"
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

int
main(int argc, char **argv)
{
	struct cli c;
	const struct cli_command *cmd;
	int rc;

	malloc_setup();
	cli_init(&c);
	argv++;
	argc--;
	if ((rc = cli_global_options(&c, &argc, &argv)) >= 0)
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
	return rc;
}
