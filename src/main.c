/*
 * redline: the global options, then the interface or a command of the
 * table in cli.c.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "out.h"
#include "tui.h"
#include "util.h"

int
main(int argc, char **argv)
{
	struct cli c;
	const struct cli_command *cmd;
	int rc;

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
		if (!(ta.store = cli_store(&c)))
			rc = CLI_TROUBLE;
		else
			rc = tui_run(&ta);
		goto out;
	}
	if ((cmd = cli_command(argv[0])))
		rc = cli_run(&c, cmd, argc, argv);
	else
		rc = cli_usage_error(NULL, "unknown command: '%s'", argv[0]);
out:
	cli_release(&c);
	return rc;
}
