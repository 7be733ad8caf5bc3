#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "compare.h"
#include "jsonout.h"
#include "parse.h"
#include "textout.h"
#include "util.h"

/* Exit codes follow diff(1). */
enum { EXIT_SAME = 0, EXIT_DIFFERENT = 1, EXIT_TROUBLE = 2 };

enum format { FORMAT_TEXT, FORMAT_JSON };

struct options {
	enum format format;
	int color;		/* -1 auto */
	int context;
	int stat;
	int ignore_typography;
	int width;		/* -1 auto */
};

static const char usage_text[] =
	"usage: redline <command> [options] [args]\n"
	"\n"
	"Compare versions of United Nations resolutions clause by clause.\n"
	"\n"
	"commands:\n"
	"  parse [--format=text|json] SOURCE\n"
	"      print the structure of a resolution: metadata, preambular (PP) and\n"
	"      operative (OP) paragraphs with their openers, footnotes\n"
	"  diff [options] OLD NEW\n"
	"      compare two versions clause by clause\n"
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
	"  help                  this text\n"
	"\n"
	"SOURCE, OLD and NEW are UTF-8 text files, or - for standard input.\n"
	"diff exits 0 when the versions are the same, 1 when they differ, 2 on trouble.\n"
	"See redline(1).\n";

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("redline: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'redline help'.\n", stderr);
	return EXIT_TROUBLE;
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

enum opt_id { OPT_FORMAT = 256, OPT_STAT, OPT_CONTEXT, OPT_COLOR, OPT_TYPO, OPT_WIDTH, OPT_HELP };

static const struct option long_options[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "stat", no_argument, NULL, OPT_STAT },
	{ "context", required_argument, NULL, OPT_CONTEXT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "ignore-typography", no_argument, NULL, OPT_TYPO },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "help", no_argument, NULL, OPT_HELP },
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

/* Returns -1 to continue, or an exit code. */
static int
parse_options(int argc, char **argv, struct options *o)
{
	int c;

	o->format = FORMAT_TEXT;
	o->color = -1;
	o->context = 0;
	o->stat = 0;
	o->ignore_typography = 0;
	o->width = -1;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				o->format = FORMAT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->format = FORMAT_JSON;
			else
				return usage_error("unknown format: '%s' (text or json)", optarg);
			break;
		case OPT_STAT:
			o->stat = 1;
			break;
		case OPT_CONTEXT:
			if (strcmp(optarg, "all") == 0)
				o->context = -1;
			else if (parse_int_arg(optarg, &o->context) < 0)
				return usage_error("bad context: '%s' (a number or all)", optarg);
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				o->color = -1;
			else if (strcmp(optarg, "always") == 0)
				o->color = 1;
			else if (strcmp(optarg, "never") == 0)
				o->color = 0;
			else
				return usage_error("bad colour mode: '%s' (auto, always or never)", optarg);
			break;
		case OPT_TYPO:
			o->ignore_typography = 1;
			break;
		case OPT_WIDTH:
			if (parse_int_arg(optarg, &o->width) < 0)
				return usage_error("bad width: '%s'", optarg);
			break;
		case 'h':
		case OPT_HELP:
			fputs(usage_text, stdout);
			return EXIT_SAME;
		default:
			return usage_error("unknown option: '%s'", argv[optind - 1]);
		}
	}
	if (o->color < 0)
		o->color = color_auto();
	if (o->width < 0)
		o->width = width_auto();
	return -1;
}

static void
print_warnings(const struct resolution *r)
{
	size_t i;

	for (i = 0; i < r->nwarnings; i++)
		fprintf(stderr, "redline: warning: %s\n", r->warnings[i]);
}

/* Read and parse SOURCE; on failure print the error and return -1. */
static int
load(const char *path, struct resolution *r)
{
	struct rl_error err;
	char *buf = NULL;
	size_t len;
	int rc;

	resolution_init(r);
	if (read_file(path, &buf, &len, &err) < 0) {
		fprintf(stderr, "redline: %s\n", err.msg);
		return -1;
	}
	rc = parse_resolution(buf, len, path, r, &err);
	free(buf);
	if (rc < 0) {
		fprintf(stderr, "redline: %s\n", err.msg);
		return -1;
	}
	print_warnings(r);
	return 0;
}

static int
finish_output(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("redline: cannot write to standard output\n", stderr);
		return -1;
	}
	return 0;
}

static int
cmd_parse(int argc, char **argv)
{
	struct options o;
	struct resolution r;
	struct textout_opts to = { 0 };
	int rc = parse_options(argc, argv, &o);

	if (rc >= 0)
		return rc;
	if (argc - optind != 1)
		return usage_error("parse takes one SOURCE");
	if (load(argv[optind], &r) < 0) {
		resolution_release(&r);
		return EXIT_TROUBLE;
	}
	to.color = o.color;
	to.width = o.width;
	if (o.format == FORMAT_JSON)
		rc = jsonout_parse(stdout, &r, argv[optind]);
	else
		rc = textout_parse(stdout, &r, argv[optind], &to);
	resolution_release(&r);
	return rc < 0 || finish_output() < 0 ? EXIT_TROUBLE : EXIT_SAME;
}

static int
cmd_diff(int argc, char **argv)
{
	struct options o;
	struct resolution a, b;
	struct comparison c;
	struct textout_opts to = { 0 };
	int rc = parse_options(argc, argv, &o), out;

	if (rc >= 0)
		return rc;
	if (argc - optind != 2)
		return usage_error("diff takes OLD and NEW");
	if (strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0)
		return usage_error("only one of OLD and NEW can be standard input");
	if (load(argv[optind], &a) < 0) {
		resolution_release(&a);
		return EXIT_TROUBLE;
	}
	if (load(argv[optind + 1], &b) < 0) {
		resolution_release(&a);
		resolution_release(&b);
		return EXIT_TROUBLE;
	}
	compare_resolutions(&a, &b, o.ignore_typography ? COMPARE_IGNORE_TYPOGRAPHY : 0, &c);
	to.color = o.color;
	to.width = o.width;
	to.context = o.context;
	to.stat_only = o.stat;
	to.old_name = argv[optind];
	to.new_name = argv[optind + 1];
	if (o.format == FORMAT_JSON)
		out = jsonout_diff(stdout, &c, argv[optind], argv[optind + 1]);
	else
		out = textout_diff(stdout, &c, &to);
	rc = comparison_has_differences(&c) ? EXIT_DIFFERENT : EXIT_SAME;
	comparison_release(&c);
	resolution_release(&a);
	resolution_release(&b);
	if (out < 0 || finish_output() < 0)
		return EXIT_TROUBLE;
	return rc;
}

static int
cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs(usage_text, stdout);
	return EXIT_SAME;
}

#define CMD_INFO(_) \
	_(parse, cmd_parse) \
	_(diff, cmd_diff) \
	_(help, cmd_help)

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
#define CMD_ROW(name, fn) { #name, fn },
	CMD_INFO(CMD_ROW)
#undef CMD_ROW
};

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts("redline " PACKAGE_VERSION);
		return EXIT_SAME;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(argc, argv);
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	return usage_error("unknown command: '%s'", argv[1]);
}
