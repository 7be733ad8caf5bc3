#include "config.h"
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "out.h"
#include "parse.h"
#include "token.h"
#include "sbuf.h"
#include "util.h"

const char cli_usage_text[] =
	"usage: redline [-C DIR] [<command> [options] [args] [-- PATH]]\n"
	"\n"
	"Compare versions of United Nations resolutions clause by clause.\n"
	"Without a command, open the interface on the repository (h there for help).\n"
	"\n"
	"commands:\n"
	"  diff [options] [OLD [NEW]]\n"
	"      compare two versions clause by clause; with one version, compare it\n"
	"      with the version before it; with none, the latest with the one before\n"
	"      --format=text|json   output format (default text)\n"
	"      --stat               print the summary only\n"
	"      --context=N          show N unchanged clauses around each change\n"
	"                           (default 0; 'all' shows every clause)\n"
	"      --color=auto|always|never\n"
	"                           colour words on a terminal (NO_COLOR disables auto);\n"
	"                           without colour, [-deleted-] and {+inserted+}\n"
	"      --width=N            wrap clause text at N columns (default: the\n"
	"                           terminal's width, no wrapping into a pipe)\n"
	"      --ignore-typography  ignore quote and dash style, spacing and\n"
	"                           hyphenation joins\n"
	"      --original           read Word documents with their tracked changes\n"
	"                           rejected (by default they are accepted)\n"
	"  parse [--format=text|json] [--original] SOURCE\n"
	"      print the structure of a resolution: metadata, preambular (PP) and\n"
	"      operative (OP) paragraphs with their openers, footnotes\n"
	"  show [--format=text|json] [VERSION]\n"
	"      a version from the repository: its commit, then its structure\n"
	"  log [--format=text|json] [PATH]\n"
	"      the versions of a series, newest first, with what changed in each\n"
	"  ls  the series of the repository with their latest symbol and date\n"
	"  import [options] FILE\n"
	"      add FILE as a new version (a commit, and a tag named after its symbol)\n"
	"      --path=PATH --symbol=SYMBOL --date=YYYY-MM-DD --message=TEXT\n"
	"      --author='NAME <EMAIL>' --force (import text that is not a resolution)\n"
	"      --original (a Word document with its tracked changes rejected)\n"
	"  help                  this text\n"
	"\n"
	"A version (SOURCE, OLD, NEW, VERSION) is a UTF-8 text file or a Word\n"
	"document (DOCX), - for standard input, a git revision (HEAD~1, a commit,\n"
	"a branch, a tag, REV:PATH) or a resolution symbol (79/53, A/RES/79/53,\n"
	"A/C.1/79/L.43/Rev.1). The repository is the one around the current\n"
	"directory, or -C DIR; bare ones work.\n"
	"diff exits 0 when the versions are the same, 1 when they differ, 2 on trouble.\n"
	"See redline(1).\n";

int
cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_verror(fmt, ap);
	va_end(ap);
	out_literal(stderr, "Try 'redline help'.\n");
	return CLI_TROUBLE;
}

static int
color_auto(void)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (nc && *nc)
		return 0;
	if (!term || strcmp(term, "dumb") == 0)
		return 0;
	return isatty(STDOUT_FILENO);
}

static int
width_auto(void)
{
	struct winsize ws;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

enum opt_id {
	OPT_FORMAT = 256, OPT_STAT, OPT_CONTEXT, OPT_COLOR, OPT_TYPO, OPT_WIDTH, OPT_HELP,
	OPT_PATH, OPT_SYMBOL, OPT_DATE, OPT_MESSAGE, OPT_AUTHOR, OPT_FORCE, OPT_ORIGINAL
};

static const struct option long_options[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "stat", no_argument, NULL, OPT_STAT },
	{ "context", required_argument, NULL, OPT_CONTEXT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "ignore-typography", no_argument, NULL, OPT_TYPO },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "path", required_argument, NULL, OPT_PATH },
	{ "symbol", required_argument, NULL, OPT_SYMBOL },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "message", required_argument, NULL, OPT_MESSAGE },
	{ "author", required_argument, NULL, OPT_AUTHOR },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "original", no_argument, NULL, OPT_ORIGINAL },
	{ NULL, 0, NULL, 0 }
};

static int
parse_int_arg(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0 || v > 100000)
		return -1;
	*out = (int)v;
	return 0;
}

static int
set_option(struct cli *c, int opt, const char *arg)
{
	switch (opt) {
	case OPT_FORMAT:
		if (strcmp(arg, "text") == 0)
			c->format = FORMAT_TEXT;
		else if (strcmp(arg, "json") == 0)
			c->format = FORMAT_JSON;
		else
			return cli_usage_error("unknown format: '%s' (text or json)", arg);
		return -1;
	case OPT_STAT:
		c->stat = 1;
		return -1;
	case OPT_CONTEXT:
		if (strcmp(arg, "all") == 0)
			c->context = -1;
		else if (parse_int_arg(arg, &c->context) < 0)
			return cli_usage_error("bad context: '%s' (a number or all)", arg);
		return -1;
	case OPT_COLOR:
		if (strcmp(arg, "auto") == 0)
			c->color = -1;
		else if (strcmp(arg, "always") == 0)
			c->color = 1;
		else if (strcmp(arg, "never") == 0)
			c->color = 0;
		else
			return cli_usage_error("bad colour mode: '%s' (auto, always or never)", arg);
		return -1;
	case OPT_TYPO:
		c->compare_flags |= IGNORE_TYPOGRAPHY;
		return -1;
	case OPT_WIDTH:
		if (parse_int_arg(arg, &c->width) < 0)
			return cli_usage_error("bad width: '%s'", arg);
		return -1;
	case OPT_PATH:
		c->import_path = arg;
		return -1;
	case OPT_SYMBOL:
		c->import_symbol = arg;
		return -1;
	case OPT_DATE:
		c->import_date = arg;
		return -1;
	case OPT_MESSAGE:
		c->import_message = arg;
		return -1;
	case OPT_AUTHOR:
		c->import_author = arg;
		return -1;
	case OPT_FORCE:
		c->force = 1;
		return -1;
	case OPT_ORIGINAL:
		/* carried to source_load_file through the repository settings */
		c->repo.original = 1;
		return -1;
	}
	return -1;
}

int
cli_parse_options(struct cli *c, int argc, char **argv)
{
	int opt, rc;

	c->format = FORMAT_TEXT;
	c->color = -1;
	c->width = -1;
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "+h", long_options, NULL)) != -1) {
		if (opt == 'h' || opt == OPT_HELP) {
			out_literal(stdout, cli_usage_text);
			return CLI_SAME;
		}
		if (opt == '?' || opt == ':') {
			if (optopt && optopt < 256)
				return cli_usage_error("unknown option: '-%c'", optopt);
			return cli_usage_error("unknown option: '%s'", argv[optind - 1]);
		}
		if ((rc = set_option(c, opt, optarg)) >= 0)
			return rc;
	}
	if (c->color < 0)
		c->color = color_auto();
	if (c->width < 0)
		c->width = width_auto();
	return -1;
}

int
cli_error(const struct rl_error *err)
{
	out_error("%s", err->msg);
	return -1;
}

struct store *
cli_store(struct cli *c)
{
	struct store *st;
	struct rl_error err;

	if (source_repo_store(&c->repo, &st, &err) < 0) {
		cli_error(&err);
		return NULL;
	}
	return st;
}

void
cli_release(struct cli *c)
{
	source_repo_release(&c->repo);
}

void
cli_print_warnings(const struct resolution *r)
{
	size_t i;

	for (i = 0; i < r->nwarnings; i++)
		out_warning("%s", r->warnings[i]);
	if (r->warnings_dropped)
		out_warning("... and %zu more warnings", r->warnings_dropped);
}

int
cli_load_commit(struct cli *c, const char *commit, const char *path, struct source *out)
{
	struct store *st = cli_store(c);
	struct rl_error err;

	if (!st)
		return -1;
	if (source_load_commit(st, commit, path, out, &err) < 0)
		return cli_error(&err);
	cli_print_warnings(&out->res);
	return 0;
}

int
cli_load(struct cli *c, const char *spec, struct source *out)
{
	struct rl_error err;

	if (source_load(&c->repo, spec, out, &err) < 0)
		return cli_error(&err);
	cli_print_warnings(&out->res);
	return 0;
}

int
cli_load_pair(struct cli *c, const char *spec_a, const char *spec_b, struct source *a, struct source *b)
{
	struct rl_error err;

	if (source_load_pair(&c->repo, spec_a, spec_b, a, b, &err) < 0)
		return cli_error(&err);
	cli_print_warnings(&a->res);
	cli_print_warnings(&b->res);
	return 0;
}

int
cli_series(struct cli *c, char **path)
{
	struct store *st;
	struct rl_error err;

	/* the callers read the series from the repository: open it in every case */
	if (!(st = cli_store(c)))
		return -1;
	if (c->repo.path) {
		*path = xstrdup(c->repo.path);
		return 0;
	}
	if (store_default_series(st, path, &err) < 0)
		return cli_error(&err);
	return 0;
}

int
cli_finish_output(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		out_error("cannot write to standard output");
		return -1;
	}
	return 0;
}
