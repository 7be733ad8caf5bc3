/*
 * The commands that read versions: parse, show, diff.
 */
#include "config.h"
#include "cmds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "jsonout.h"
#include "out.h"
#include "sbuf.h"
#include "textout.h"

static void
text_options(const struct cli *c, struct textout_opts *to)
{
	memset(to, 0, sizeof(*to));
	to->color = c->color;
	to->width = c->width;
	to->context = c->context;
	to->stat_only = c->stat;
}

static int
print_structure(struct cli *c, struct source *s)
{
	struct textout_opts to;
	int rc;

	text_options(c, &to);
	if (c->format == FORMAT_JSON)
		rc = jsonout_parse(stdout, &s->res, s->name);
	else
		rc = textout_parse(stdout, &s->res, s->name, &to);
	return cli_finish_output(rc) < 0 ? CLI_TROUBLE : CLI_SAME;
}

int
cmd_parse(struct cli *c)
{
	struct source s;
	int rc;

	if (c->nargs != 1)
		return cli_usage_error(c, "parse takes one SOURCE");
	source_init(&s);
	rc = cli_load(c, c->args[0], &s) < 0 ? CLI_TROUBLE : print_structure(c, &s);
	source_release(&s);
	return rc;
}

int
cmd_show(struct cli *c)
{
	struct source s;
	struct rl_error err;
	int rc;

	if (c->nargs > 1)
		return cli_usage_error(c, "show takes at most one VERSION");
	source_init(&s);
	rc = CLI_TROUBLE;
	if (c->nargs == 1) {
		if (cli_load(c, c->args[0], &s) < 0)
			goto out;
	} else {
		if (source_load_latest(&c->repo, &s, &err) < 0) {
			cli_error(&err);
			goto out;
		}
		cli_print_warnings(&s.res);
	}
	if (s.from_repo && c->format == FORMAT_TEXT) {
		out_line(stdout, "commit %s", s.commit);
		out_line(stdout, "path   %s", s.path);
		out_line(stdout, "%s", "");
	}
	rc = print_structure(c, &s);
out:
	source_release(&s);
	return rc;
}

/* With no version named: the latest version and the one before it. With
 * one: that version and the one before it. With OLD and an empty NEW
 * (OLD..): OLD and the latest version of its series. */
static int
load_pair(struct cli *c, size_t nargs, char **args, struct source *a, struct source *b)
{
	struct rl_error err;
	struct sbuf label = SBUF_INIT;
	int r;

	if (nargs == 2 && *args[1] == '\0') {
		if (cli_load(c, args[0], a) < 0)
			return -1;
		if (!a->from_repo) {
			out_error("'%s' is a file; %s.. needs a version of the repository", args[0], args[0]);
			return -1;
		}
		if (source_load_latest_of(c->repo.store, a->path, b, &err) < 0)
			return cli_error(&err);
		cli_print_warnings(&b->res);
		return 0;
	}
	if (nargs == 2)
		return cli_load_pair(c, args[0], args[1], a, b);
	if (nargs == 1) {
		if (cli_load(c, args[0], b) < 0)
			return -1;
		if (!b->from_repo) {
			out_error("'%s' is a file; %s needs OLD and NEW", args[0], c->cmd->name);
			return -1;
		}
	} else if (source_load_latest(&c->repo, b, &err) < 0) {
		return cli_error(&err);
	} else {
		cli_print_warnings(&b->res);
	}
	r = source_load_previous(c->repo.store, b, a, &err);
	if (r < 0)
		return cli_error(&err);
	if (r == 1) {
		source_describe(b, 0, &label);
		out_error("%s is the first version of '%s'; nothing to compare it with", label.buf, b->path);
		sbuf_release(&label);
		return -1;
	}
	cli_print_warnings(&a->res);
	return 0;
}

int
cmd_load_compared(struct cli *c, struct source *a, struct source *b)
{
	char *range[2] = { NULL, NULL }, **specs = c->args;
	size_t nargs = c->nargs;
	int rc = 0;

	if (nargs > 2)
		return cli_usage_error(c, "%s takes at most OLD and NEW", c->cmd->name);
	if (nargs == 1 && source_split_range(c->args[0], &range[0], &range[1])) {
		/* OLD..NEW, as git users write it */
		if (strstr(c->args[0], "...") || !*range[0]) {
			rc = cli_usage_error(c, "'%s' is not OLD..NEW", c->args[0]);
			goto out;
		}
		specs = range;
		nargs = 2;
	}
	if (nargs == 2 && strcmp(specs[0], "-") == 0 && strcmp(specs[1], "-") == 0) {
		rc = cli_usage_error(c, "only one of OLD and NEW can be standard input");
		goto out;
	}
	if (load_pair(c, nargs, specs, a, b) < 0)
		rc = CLI_TROUBLE;
out:
	free(range[0]);
	free(range[1]);
	return rc;
}

int
cmd_diff(struct cli *c)
{
	struct source a, b;
	struct comparison cmp;
	struct textout_opts to;
	struct sbuf old_label = SBUF_INIT, new_label = SBUF_INIT;
	int rc, out;

	source_init(&a);
	source_init(&b);
	if ((rc = cmd_load_compared(c, &a, &b)) != 0)
		goto out;
	compare_resolutions(&a.res, &b.res, c->compare_flags, &cmp);
	text_options(c, &to);
	/* each side by the one labelling function: symbol and file, or commit */
	source_describe(&a, 0, &old_label);
	source_describe(&b, 0, &new_label);
	to.old_label = old_label.buf;
	to.new_label = new_label.buf;
	if (c->format == FORMAT_JSON && c->stat)
		out = jsonout_diff_stat(stdout, &cmp, a.name, b.name);
	else if (c->format == FORMAT_JSON)
		out = jsonout_diff(stdout, &cmp, a.name, b.name);
	else
		out = textout_diff(stdout, &cmp, &to);
	rc = comparison_has_differences(&cmp) ? CLI_DIFFERENT : CLI_SAME;
	comparison_release(&cmp);
	if (cli_finish_output(out) < 0)
		rc = CLI_TROUBLE;
out:
	sbuf_release(&old_label);
	sbuf_release(&new_label);
	source_release(&a);
	source_release(&b);
	return rc;
}
