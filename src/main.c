/*
 * redline: the command table and the global options.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "out.h"
#include "tui.h"
#include "util.h"

static int
cmd_help(struct cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	out_literal(stdout, cli_usage_text);
	return CLI_SAME;
}

#define CMD_INFO(_) \
	_(diff, cmd_diff) \
	_(parse, cmd_parse) \
	_(show, cmd_show) \
	_(log, cmd_log) \
	_(ls, cmd_ls) \
	_(import, cmd_import) \
	_(help, cmd_help)

static const struct command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
} commands[] = {
#define CMD_ROW(name, fn) { #name, fn },
	CMD_INFO(CMD_ROW)
#undef CMD_ROW
};

/* "-- PATH" names the series; it is taken out before options are parsed. */
static int
take_path(struct cli *c, int *argc, char **argv)
{
	int i;

	for (i = 0; i < *argc; i++) {
		if (strcmp(argv[i], "--") != 0)
			continue;
		if (*argc - i != 2)
			return cli_usage_error("-- takes one PATH");
		c->repo.path = argv[i + 1];
		*argc = i;
		argv[i] = NULL;
		return -1;
	}
	return -1;
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
	ta.path = c->repo.path;
	ta.old = &a;
	ta.new_ = &b;
	rc = tui_run(&ta);
out:
	source_release(&a);
	source_release(&b);
	cli_release(c);
	return rc;
}

int
main(int argc, char **argv)
{
	struct cli c;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	argv++;
	argc--;
	while (argc > 0 && strcmp(argv[0], "-C") == 0) {
		if (argc < 2)
			return cli_usage_error("-C needs a directory");
		c.repo.dir = argv[1];
		argv += 2;
		argc -= 2;
	}
	if (argc > 0 && (rc = take_path(&c, &argc, argv)) >= 0)
		return rc;
	if (argc < 1) {
		/* redline alone: the interface on the repository, as tig does */
		struct tui_args ta;

		memset(&ta, 0, sizeof(ta));
		ta.path = c.repo.path;
		if (!(ta.store = cli_store(&c)))
			return CLI_TROUBLE;
		rc = tui_run(&ta);
		cli_release(&c);
		return rc;
	}
	if (strcmp(argv[0], "--version") == 0) {
		out_literal(stdout, "redline " PACKAGE_VERSION "\n");
		return CLI_SAME;
	}
	if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)
		return cmd_help(&c, argc, argv);
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		if (strcmp(argv[0], commands[i].name) == 0) {
			rc = commands[i].run(&c, argc, argv);
			cli_release(&c);
			return rc;
		}
	}
	if (argc == 2 && (argv[0][0] != '-' || strcmp(argv[0], "-") == 0))
		return open_pair(&c, argv[0], argv[1]);
	return cli_usage_error("unknown command: '%s'", argv[0]);
}
