#include "config.h"
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "agreed_store.h"
#include "cmds.h"
#include "out.h"
#include "pager.h"
#include "parse.h"
#include "rcfile.h"
#include "restrict.h"
#include "sbuf.h"
#include "token.h"
#include "util.h"
#include "vindex.h"

/*
 * Options
 *
 * One row per option: its id, what restricted mode makes of it (restrict.h's
 * enum guard), long name, short letter (0: none), whether it takes a
 * value, the value's name and its help. A command takes the
 * options its row of the command table lists; the parser, the usage and
 * each command's help are all made from these two tables, so they cannot
 * disagree.
 */
enum arg { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL };

#define CLI_OPTION_INFO(_) \
	_(FORMAT, GUARD_NONE, "format", 0, ARG_REQUIRED, "text|json", \
	  "output for people (the default) or the JSON contract of redline(1); export and amend " \
	  "compile: docx, html, md or text") \
	_(OUTPUT, GUARD_WRITES_FILE, "output", 'o', ARG_REQUIRED, "FILE", \
	  "write the document to FILE (standard output: -; default: a name made of the two versions)") \
	_(STAT, GUARD_NONE, "stat", 0, ARG_NONE, NULL, \
	  "the summary only (with --format=json: format, old, new and summary)") \
	_(CONTEXT, GUARD_NONE, "context", 0, ARG_REQUIRED, "N", \
	  "show N unchanged clauses around each change (default 0; 'all' shows every clause)") \
	_(COLOR, GUARD_NONE, "color", 0, ARG_OPTIONAL, "auto|always|never", \
	  "colour the changed words (auto, the default: on a terminal unless NO_COLOR is set; " \
	  "alone: always); without colour, [-deleted-] and {+inserted+}") \
	_(NO_COLOR, GUARD_NONE, "no-color", 0, ARG_NONE, NULL, "the same as --color=never") \
	_(WIDTH, GUARD_NONE, "width", 0, ARG_REQUIRED, "N", \
	  "wrap text at N columns (default: the terminal's width; no wrapping into a pipe)") \
	_(TYPO, GUARD_NONE, "ignore-typography", 0, ARG_NONE, NULL, \
	  "quote and dash style, spacing and hyphen joins are no change") \
	_(MAX_COUNT, GUARD_NONE, "max-count", 'n', ARG_REQUIRED, "N", "the N newest versions only") \
	_(ONELINE, GUARD_NONE, "oneline", 0, ARG_NONE, NULL, "one short line per version: commit, symbol, what changed") \
	_(PATH, GUARD_NONE, "path", 0, ARG_REQUIRED, "PATH", \
	  "the series (default: the series of the version with the same symbol, else the one " \
	  "whose latest version has the same title, else the only one; in an empty repository, " \
	  "the file's name)") \
	_(SYMBOL, GUARD_NONE, "symbol", 0, ARG_REQUIRED, "SYMBOL", \
	  "the tag to create (default: the symbol in the text; empty: no tag)") \
	_(DATE, GUARD_NONE, "date", 0, ARG_REQUIRED, "DATE", \
	  "the commit date, YYYY-MM-DD (noon UTC) or YYYY-MM-DDTHH:MM:SS+HHMM " \
	  "(default: the adoption date in the text, else now)") \
	_(MESSAGE, GUARD_NONE, "message", 0, ARG_REQUIRED, "TEXT", "the commit message (default: the symbol and title)") \
	_(AUTHOR, GUARD_NONE, "author", 0, ARG_REQUIRED, "'NAME <EMAIL>'", \
	  "the author (default: user.name and user.email of the git configuration); export: " \
	  "the tracked changes' author, a NAME alone will do") \
	_(FORCE, GUARD_NONE, "force", 0, ARG_NONE, NULL, \
	  "import all the same: text that does not read as a resolution, a version dated before " \
	  "the series' latest, a symbol that already names another version; for amend import, " \
	  "a document imported already, or the instructions that can be read of one; for export, " \
	  "replace FILE when it exists") \
	_(SERIES_MAP, GUARD_READS_FILE, "series-map", 0, ARG_REQUIRED, "FILE", \
	  "many files: the series of each, from lines 'SYMBOL-or-TITLE<TAB>PATH' (default: by title)") \
	_(NO_CHECKOUT, GUARD_NONE, "no-checkout", 0, ARG_NONE, NULL, \
	  "import to the branch alone, leaving the work tree's file as it is") \
	_(ORIGINAL, GUARD_NONE, "original", 0, ARG_NONE, NULL, \
	  "read a Word document with its tracked changes rejected (by default they are accepted)") \
	_(CLAUSE, GUARD_NONE, "clause", 0, ARG_REQUIRED, "CLAUSE[,CLAUSE...]", \
	  "the clause to replace, or the clauses to delete (OP5, PP12, OP5(a)); list: those on it") \
	_(AFTER, GUARD_NONE, "after", 0, ARG_REQUIRED, "CLAUSE", "propose a new clause after CLAUSE") \
	_(DELETE, GUARD_NONE, "delete", 0, ARG_NONE, NULL, "propose to delete the clauses of --clause") \
	_(SPONSOR, GUARD_NONE, "sponsor", 0, ARG_REQUIRED, "NAME", \
	  "a sponsor delegation (repeat for several); list: the amendments it sponsors") \
	_(TEXT_FILE, GUARD_READS_FILE, "text-file", 0, ARG_REQUIRED, "FILE", "the proposed text, from FILE (standard input: -)") \
	_(EDITOR, GUARD_RUNS_EDITOR, "editor", 0, ARG_NONE, NULL, \
	  "write the proposed text in $VISUAL or $EDITOR, starting from the clause's text") \
	_(RATIONALE, GUARD_NONE, "rationale", 0, ARG_REQUIRED, "TEXT", "why, in a line") \
	_(STATUS, GUARD_NONE, "status", 0, ARG_REQUIRED, "STATUS", \
	  "list: the amendments with this status (proposed, accepted, rejected, withdrawn)") \
	_(DRAFT, GUARD_NONE, "draft", 0, ARG_REQUIRED, "VERSION", \
	  "the draft version the amendment or status is for (default: the series' latest)") \
	_(FILE, GUARD_READS_FILE, "file", 0, ARG_REQUIRED, "FILE", "agreed: the wording to look for, from FILE (standard input: -)") \
	_(REINDEX, GUARD_NONE, "reindex", 0, ARG_NONE, NULL, "agreed: make the agreed-language index again first") \
	_(HELP, GUARD_NONE, "help", 'h', ARG_NONE, NULL, "this help")

enum opt_id {
#define OPT_ENUM(id, guard, name, letter, arg, argname, help) OPT_##id,
	CLI_OPTION_INFO(OPT_ENUM)
#undef OPT_ENUM
	OPT_COUNT
};

static const struct cli_option {
	enum opt_id id;
	enum guard guard;
	const char *name;
	char letter;
	enum arg arg;
	const char *argname;
	const char *help;
} options[] = {
#define OPT_ROW(id, guard, name, letter, arg, argname, help) { OPT_##id, guard, name, letter, arg, argname, help },
	CLI_OPTION_INFO(OPT_ROW)
#undef OPT_ROW
};

#define O(id) (1ul << OPT_##id)

/*
 * Commands
 */

static int cmd_help(struct cli *c);

#define OUTPUT_OPTS (O(FORMAT) | O(COLOR) | O(NO_COLOR) | O(WIDTH))

static const struct cli_command commands[] = {
	{ "diff", cmd_diff, "[options] [OLD [NEW]] [-- PATH]\n[options] OLD..NEW [-- PATH]",
	  "compare two versions clause by clause",
	  "Compare two versions clause by clause: which paragraphs were added, deleted, reworded, moved, "
	  "split, merged or only renumbered, which words changed inside a clause, and whether an opener "
	  "got stronger or weaker. OLD and NEW are files (standard input: -) or versions of the "
	  "repository: revisions (HEAD~1, a tag, REV:PATH) or symbols (79/53, A/C.1/79/L.43/Rev.1); "
	  "OLD..NEW names both at once. With one version, compare it with the version of its series "
	  "before it; with none, the latest version with the one before. Exit status: 0 the same, "
	  "1 different, 2 trouble.",
	  OUTPUT_OPTS | O(STAT) | O(CONTEXT) | O(TYPO) | O(ORIGINAL) | O(HELP), 1, GUARD_NONE, NULL },
	{ "parse", cmd_parse, "[options] SOURCE",
	  "print the structure of a resolution",
	  "Print the structure of a resolution: its metadata, its preambular (PP) and operative (OP) "
	  "paragraphs with their openers and footnote references, and its footnotes. SOURCE is a file "
	  "(standard input: -) or a version of the repository.",
	  OUTPUT_OPTS | O(ORIGINAL) | O(HELP), 1, GUARD_NONE, NULL },
	{ "show", cmd_show, "[options] [VERSION] [-- PATH]",
	  "print a version of the repository",
	  "Print a version from the repository: its commit and path, then its structure as parse does. "
	  "Without VERSION, the latest version: of the series named by -- PATH, else of the series the "
	  "latest commit changed.",
	  OUTPUT_OPTS | O(HELP), 1, GUARD_NONE, NULL },
	{ "log", cmd_log, "[options] [PATH]\n[options] [-- PATH]",
	  "list the versions of a series, newest first",
	  "List the versions of a series, newest first: commit, date, symbol, commit subject and what "
	  "changed against the version before, such as +2 PP, ~5 OP, 3 renumbered. Only the commits "
	  "that changed the file are versions; merges are followed along their first parent. PATH "
	  "names the series; it may be left out when the repository holds one.",
	  O(FORMAT) | O(MAX_COUNT) | O(ONELINE) | O(HELP), 1, GUARD_NONE, NULL },
	{ "ls", cmd_ls, "[options]",
	  "list the series of the repository",
	  "List the series of the repository: every text file at the tip of HEAD that reads as a "
	  "resolution, with the symbol, adoption date and title of its latest version.",
	  O(FORMAT) | O(HELP), 1, GUARD_NONE, NULL },
	{ "import", cmd_import, "[options] FILE\n[options] FILES... | DIR",
	  "add a file as a new version",
	  "Add FILE as a new version of a series: a commit on the current branch, dated with the "
	  "adoption date, and a tag named with its symbol's git name when that tag is free (a tag is "
	  "never moved). When the branch is checked out, the series file and the index follow, as a "
	  "fast-forward would; local changes to that file make the import refuse (--no-checkout "
	  "imports to the branch alone). Line ends become LF. The branch moves by compare-and-swap, "
	  "so concurrent imports never lose one another. Text that does not read as a resolution is "
	  "refused unless --force. Given many files or a folder, import brings in an archive: each "
	  "document to the series of its title (or --series-map), oldest first and drafts before their "
	  "resolution, skipping what the repository already holds, so an interrupted run goes on where "
	  "it stopped.",
	  O(PATH) | O(SYMBOL) | O(DATE) | O(MESSAGE) | O(AUTHOR) | O(FORCE) | O(NO_CHECKOUT) | O(SERIES_MAP) |
	  O(ORIGINAL) | O(HELP), 0, GUARD_WRITES_REPO, NULL },
	{ "amend", cmd_amend,
	  "propose --clause CLAUSE --sponsor NAME (--text-file FILE | --editor) [-- PATH]\n"
	  "propose --after CLAUSE --sponsor NAME (--text-file FILE | --editor) [-- PATH]\n"
	  "propose --delete --clause CLAUSE[,CLAUSE...] --sponsor NAME [-- PATH]\n"
	  "list [--status STATUS] [--clause CLAUSE] [--sponsor NAME] [-- PATH]\n"
	  "show ID\n"
	  "accept | reject | withdraw | reopen ID\n"
	  "cosponsor ID NAME\n"
	  "status [CLAUSE STATUS] [--draft VERSION] [-- PATH]\n"
	  "compile [VERSION] [--format=docx|html [-o FILE]] [-- PATH]\n"
	  "apply [-- PATH]\n"
	  "import FILE [--draft VERSION] [--force]",
	  "propose amendments to a draft and follow them",
	  "Propose amendments to a draft version of a series (by default its latest) and follow them: "
	  "replace a clause, delete clauses, or insert a new clause after one, with sponsor "
	  "delegations and a rationale; list them, show the change one makes, accept, reject, withdraw "
	  "or reopen one, add a cosponsor, and set a paragraph's negotiation status in the draft "
	  "(pending, agreed, agreed ad ref); compile the draft with, under each clause, its status and the "
	  "open amendments on it, those proposed for an earlier version carried along (or marked as needing "
	  "review when their clause changed), or as a document to review in a word processor "
	  "(--format=docx: each amendment a tracked change under its sponsors' name, each clause's status "
	  "and amendments in a comment; html: the same as a web page); apply the accepted amendments as the series' next version; "
	  "import a UN amendment document (text, PDF or Word) as the amendments its instructions make. "
	  "Every change is kept with who made it and when, in "
	  "references of redline's own (refs/redline/), which git push and git fetch share; each "
	  "moves by compare-and-swap, so of two changes made at once one wins and the other is told. "
	  "ID is an amendment's id, or its first digits.",
	  O(FORMAT) | O(CLAUSE) | O(AFTER) | O(DELETE) | O(SPONSOR) | O(TEXT_FILE) | O(EDITOR) | O(RATIONALE) |
	  O(STATUS) | O(DRAFT) | O(AUTHOR) | O(FORCE) | O(OUTPUT) | OUTPUT_OPTS | O(HELP), 0, GUARD_ACTIONS, amend_action_guard },
	{ "export", cmd_export, "[options] [OLD [NEW]] [-- PATH]\n[options] OLD..NEW [-- PATH]",
	  "write a redline to circulate: Word, web page, Markdown, text",
	  "Write the comparison of two versions (named as for diff) as a document to circulate: "
	  "--format=docx (the default), a Word document showing NEW as a redline of OLD with every "
	  "change a tracked change (authored by --author, dated now), so that accepting all gives NEW "
	  "and rejecting all gives OLD, each change named in a comment; html, one standalone web page "
	  "with a summary of the changes, insertions and deletions marked, and a print style for a "
	  "redline on paper; md, Markdown for pasting; text, the text output wrapped at 72 columns for "
	  "e-mail. The file is written whole, then renamed into place, and an existing file is replaced "
	  "only with --force; its name is printed. Exit status as for diff.",
	  O(FORMAT) | O(OUTPUT) | O(FORCE) | O(AUTHOR) | O(TYPO) | O(ORIGINAL) | O(HELP), 0, GUARD_WRITES_FILE, NULL },
	{ "blame", cmd_blame, "[options] [VERSION] [-- PATH]",
	  "each clause of a version with where it came from",
	  "Each clause of a version (by default the series' latest) with the version that introduced it "
	  "and the number it had there, the last version that changed its words, and the last that "
	  "changed its opener's strength: \"OP17  since 72/36 (as OP14)  words 77/64  verb 75/59 "
	  "(Encourages -> Urges)\". A clause is followed through renumbering, moves, splits (each part "
	  "keeps the clause's origin) and merges (the merged clause keeps its first part's).",
	  O(FORMAT) | O(HELP), 1, GUARD_NONE, NULL },
	{ "history", cmd_history, "[options] CLAUSE [VERSION] [-- PATH]",
	  "one clause through the versions of its series",
	  "The clause (OP5, PP12) of a version (by default the series' latest) in every version where it "
	  "exists, oldest first: its number in each, what each step did to it with the words changed "
	  "([-deleted-]{+inserted+}), where it first appeared, and, when it left after that version, "
	  "how: deleted, merged into another, or split in two.",
	  O(FORMAT) | O(HELP), 1, GUARD_NONE, NULL },
	{ "map", cmd_map, "[options] [-- PATH]",
	  "the series as a picture: clauses by versions",
	  "The series as a grid: a row per clause of the latest version (then the clauses deleted along "
	  "the way), a column per version, oldest first, each cell what that version did to the clause: "
	  "+ first appeared, = unchanged, ~ words changed, ^ opener stronger, v opener weaker, x deleted, "
	  ". absent; and the churn, how many versions changed it. --format=svg writes the grid as a "
	  "standalone SVG picture (to standard output, or -o FILE) that a browser shows.",
	  O(FORMAT) | O(OUTPUT) | O(FORCE) | O(HELP), 1, GUARD_NONE, NULL },
	{ "agreed", cmd_agreed, "[options] \"PHRASE\"\n[options] --clause CLAUSE [VERSION] [-- PATH]\n"
	  "[options] --file FILE\n--reindex",
	  "where a wording has been adopted before",
	  "Where a wording -- a PHRASE, a paragraph in FILE, or a clause of a version -- appears in the "
	  "repository, every series and every version: each text that holds 60% or more of its words in "
	  "order (line breaks, capitals, quotes, dashes and hyphens are no difference; words inserted, "
	  "dropped or changed between are), best first, with the words that differ marked, and where it "
	  "stands: the resolution that first adopted it, those it recurs in, and drafts (a text only "
	  "drafts have is not agreed language). Answered from an index of the repository's distinct "
	  "clauses kept beside the version index and made again when HEAD has moved (--reindex: now). "
	  "Exit status: 0 found, 1 not found, 2 trouble.",
	  O(FORMAT) | O(CLAUSE) | O(FILE) | O(REINDEX) | O(HELP), 1, GUARD_NONE, NULL },
	{ "help", cmd_help, "[COMMAND]",
	  "this overview, or a command's help",
	  "Without COMMAND, the overview of the commands and the global options; with one, that "
	  "command's usage, options and description, as redline COMMAND --help shows them.",
	  O(HELP), 1, GUARD_NONE, NULL },
};

const struct cli_command *
cli_command(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/*
 * Help, written from the tables
 */

#define HELP_WIDTH 79
#define HELP_COLUMN 26

/* text wrapped at spaces to HELP_WIDTH, continuation lines indented */
static void
add_wrapped(struct sbuf *sb, const char *text, size_t col, size_t indent)
{
	const char *p = text;

	while (*p) {
		size_t n = strcspn(p, " ");

		if (col > indent && col + 1 + n > HELP_WIDTH) {
			sbuf_printf(sb, "\n%*s", (int)indent, "");
			col = indent;
		} else if (col > indent) {
			sbuf_addch(sb, ' ');
			col++;
		}
		sbuf_add(sb, p, n);
		col += n;
		p += n;
		while (*p == ' ')
			p++;
	}
	sbuf_addch(sb, '\n');
}

static void
option_help(struct sbuf *sb, const struct cli_option *o)
{
	size_t start = sb->len, w;

	sbuf_adds(sb, "  ");
	if (o->letter)
		sbuf_printf(sb, "-%c, ", o->letter);
	sbuf_printf(sb, "--%s", o->name);
	if (o->arg == ARG_REQUIRED)
		sbuf_printf(sb, "=%s", o->argname);
	else if (o->arg == ARG_OPTIONAL)
		sbuf_printf(sb, "[=%s]", o->argname);
	w = sb->len - start;
	if (w + 1 >= HELP_COLUMN) {
		sbuf_printf(sb, "\n%*s", HELP_COLUMN, "");
	} else {
		sbuf_printf(sb, "%*s", (int)(HELP_COLUMN - w), "");
	}
	add_wrapped(sb, o->help, HELP_COLUMN, HELP_COLUMN);
}

static void
command_help(struct sbuf *sb, const struct cli_command *cmd)
{
	const char *u = cmd->usage;
	size_t i, n;
	int first = 1;

	while (*u) {
		n = strcspn(u, "\n");
		sbuf_printf(sb, "%s redline %s %.*s\n", first ? "usage:" : "   or:", cmd->name, (int)n, u);
		first = 0;
		u += n;
		if (*u)
			u++;
	}
	sbuf_addch(sb, '\n');
	add_wrapped(sb, cmd->about, 0, 0);
	sbuf_adds(sb, "\noptions:\n");
	for (i = 0; i < ARRAY_SIZE(options); i++)
		if (cmd->options & (1ul << options[i].id))
			option_help(sb, &options[i]);
}

static void
overview(struct sbuf *sb)
{
	size_t i;

	sbuf_adds(sb,
		  "usage: redline [-C DIR] [--no-pager] [--restricted] [COMMAND [options] [args] [-- PATH]]\n"
		  "\n"
		  "Compare versions of United Nations resolutions clause by clause.\n"
		  "Without a command, open the interface on the repository (h there for help).\n"
		  "\n"
		  "commands:\n");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		sbuf_printf(sb, "  %-8s %s\n", commands[i].name, commands[i].summary);
	sbuf_adds(sb,
		  "\n"
		  "global options, before the command:\n"
		  "  -C DIR                  use the repository at DIR (default: the one around the\n"
		  "                          current directory); bare repositories work\n"
		  "  -P, --no-pager          never send the output through a pager\n"
		  "  --restricted            read only: no writes, no files but the repository,\n"
		  "                          no editor or pager (RESTRICTED MODE in redline(1))\n"
		  "  --ssh                   restricted, running SSH_ORIGINAL_COMMAND (a forced\n"
		  "                          command of sshd)\n"
		  "  --version               print the version\n"
		  "  -h, --help              this overview\n"
		  "\n"
		  "A version (SOURCE, OLD, NEW, VERSION) is a UTF-8 text file, - for standard\n"
		  "input, a git revision (HEAD~1, a commit, a branch, a tag, REV:PATH) or a\n"
		  "resolution symbol (79/53, A/RES/79/53, A/C.1/79/L.43/Rev.1). When the\n"
		  "repository holds several series, name one with -- PATH or REV:PATH where a\n"
		  "version does not tell which.\n"
		  "\n"
		  "'redline help COMMAND' or 'redline COMMAND --help' shows a command's options.\n"
		  "See redline(1).\n");
}

static int
print_help(const struct cli_command *cmd)
{
	struct sbuf sb = SBUF_INIT;
	int rc;

	if (cmd)
		command_help(&sb, cmd);
	else
		overview(&sb);
	/* constant text of the program: nothing here came from outside */
	rc = out_literal(stdout, sbuf_str(&sb));
	sbuf_release(&sb);
	return rc;
}

static int
cmd_help(struct cli *c)
{
	const struct cli_command *cmd = NULL;

	if (c->nargs > 1)
		return cli_usage_error(c, "help takes at most one COMMAND");
	if (c->nargs == 1 && !(cmd = cli_command(c->args[0])))
		return cli_usage_error(NULL, "unknown command: '%s'", c->args[0]);
	return cli_finish_output(print_help(cmd)) < 0 ? CLI_TROUBLE : CLI_SAME;
}

int
cli_usage_error(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_verror(fmt, ap);
	va_end(ap);
	if (c && c->cmd && strcmp(c->cmd->name, "help") != 0)
		out_line(stderr, "Try 'redline %s --help'.", c->cmd->name);
	else
		out_literal(stderr, "Try 'redline help'.\n");
	return CLI_TROUBLE;
}

/*
 * Parsing
 */

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

static int
parse_int_arg(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno || v < 0 || v > 100000)
		return -1;
	*out = (int)v;
	return 0;
}

static int
set_option(struct cli *c, enum opt_id id, const char *arg)
{
	switch (id) {
	case OPT_FORMAT:
		if (strcmp(arg, "text") == 0)
			c->format = FORMAT_TEXT;
		else if (strcmp(arg, "json") == 0)
			c->format = FORMAT_JSON;
		else if (strcmp(arg, "svg") == 0 && c->cmd && c->cmd->run == cmd_map)
			c->format = FORMAT_SVG;
		else if (export_format_of(arg, &c->export_format) == 0)
			c->format = FORMAT_DOCUMENT;
		else if (c->cmd && c->cmd->run == cmd_export)
			return cli_usage_error(c, "unknown format: '%s' (docx, html, md or text)", arg);
		else if (c->cmd && c->cmd->run == cmd_map)
			return cli_usage_error(c, "unknown format: '%s' (text, json or svg)", arg);
		else if (c->cmd && c->cmd->run == cmd_amend)
			return cli_usage_error(c, "unknown format: '%s' (text or json; compile: docx or html)", arg);
		else
			return cli_usage_error(c, "unknown format: '%s' (text or json)", arg);
		if (strcmp(arg, "text") == 0)
			c->export_format = EXPORT_TEXT;
		return -1;
	case OPT_OUTPUT:
		c->output = arg;
		return -1;
	case OPT_FILE:
		c->agreed_file = arg;
		return -1;
	case OPT_REINDEX:
		c->reindex = 1;
		return -1;
	case OPT_STAT:
		c->stat = 1;
		return -1;
	case OPT_CONTEXT:
		if (strcmp(arg, "all") == 0)
			c->context = -1;
		else if (parse_int_arg(arg, &c->context) < 0)
			return cli_usage_error(c, "bad context: '%s' (a number or all)", arg);
		return -1;
	case OPT_COLOR:
		if (!arg || strcmp(arg, "always") == 0)
			c->color = 1;	/* a bare --color, as in git */
		else if (strcmp(arg, "auto") == 0)
			c->color = -1;
		else if (strcmp(arg, "never") == 0)
			c->color = 0;
		else
			return cli_usage_error(c, "bad colour mode: '%s' (auto, always or never)", arg);
		return -1;
	case OPT_NO_COLOR:
		c->color = 0;
		return -1;
	case OPT_TYPO:
		c->compare_flags |= IGNORE_TYPOGRAPHY;
		return -1;
	case OPT_WIDTH:
		if (parse_int_arg(arg, &c->width) < 0)
			return cli_usage_error(c, "bad width: '%s'", arg);
		return -1;
	case OPT_MAX_COUNT:
		if (parse_int_arg(arg, &c->max_count) < 0)
			return cli_usage_error(c, "bad count: '%s' (a number)", arg);
		return -1;
	case OPT_ONELINE:
		c->oneline = 1;
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
	case OPT_NO_CHECKOUT:
		c->no_checkout = 1;
		return -1;
	case OPT_SERIES_MAP:
		c->series_map = arg;
		return -1;
	case OPT_ORIGINAL:
		/* carried to source_load_file through the repository settings */
		c->repo.original = 1;
		return -1;
	case OPT_CLAUSE:
		c->clause = arg;
		return -1;
	case OPT_AFTER:
		c->after = arg;
		return -1;
	case OPT_DELETE:
		c->delete_ = 1;
		return -1;
	case OPT_SPONSOR:
		if (c->nsponsors == CLI_MAX_SPONSORS)
			return cli_usage_error(c, "at most %d sponsors at once; add more with amend cosponsor",
					       CLI_MAX_SPONSORS);
		c->sponsors[c->nsponsors++] = arg;
		return -1;
	case OPT_TEXT_FILE:
		c->text_file = arg;
		return -1;
	case OPT_EDITOR:
		c->editor = 1;
		return -1;
	case OPT_RATIONALE:
		c->rationale = arg;
		return -1;
	case OPT_STATUS:
		c->status = arg;
		return -1;
	case OPT_DRAFT:
		c->draft = arg;
		return -1;
	case OPT_HELP:
	case OPT_COUNT:
		break;
	}
	return -1;
}

/*
 * A long option by its name, or by an abbreviation that only one option of
 * the command starts with (as getopt and git allow: --ignore for
 * --ignore-typography); *ambiguous is set when several do.
 */
static const struct cli_option *
find_long(const struct cli_command *cmd, const char *name, size_t n, int *ambiguous)
{
	const struct cli_option *found = NULL;
	size_t i;

	*ambiguous = 0;
	/* the British spelling, as the man page has always accepted */
	if (n == 6 && strncmp(name, "colour", 6) == 0)
		return &options[OPT_COLOR];
	for (i = 0; i < ARRAY_SIZE(options); i++)
		if (strlen(options[i].name) == n && strncmp(options[i].name, name, n) == 0)
			return &options[i];
	for (i = 0; cmd && n > 0 && i < ARRAY_SIZE(options); i++) {
		if (!(cmd->options & (1ul << options[i].id)) || strncmp(options[i].name, name, n) != 0)
			continue;
		if (found) {
			*ambiguous = 1;
			return NULL;
		}
		found = &options[i];
	}
	return found;
}

static const struct cli_option *
find_short(char letter)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(options); i++)
		if (options[i].letter && options[i].letter == letter)
			return &options[i];
	return NULL;
}

/* An option of the program put after the command, where git users look for it. */
static int
misplaced_global(const struct cli *c, const char *arg)
{
	if (strcmp(arg, "-C") == 0)
		return cli_usage_error(c, "-C goes before the command: redline -C DIR %s ...", c->cmd->name);
	if (strcmp(arg, "--no-pager") == 0 || strcmp(arg, "-P") == 0 || strcmp(arg, "--version") == 0 ||
	    strcmp(arg, "--restricted") == 0 || strcmp(arg, "--ssh") == 0)
		return cli_usage_error(c, "%s goes before the command: redline %s %s ...", arg, arg, c->cmd->name);
	return -1;
}

/*
 * Restricted mode
 *
 * The tables say what each command, action and option does (enum
 * cli_guard); these two functions are the only ones that decide on it.
 */

/* 1 when restricted mode refuses option o with value */
static int
option_refused(const struct cli_option *o, const char *value)
{
	if (!restricted())
		return 0;
	switch (o->guard) {
	case GUARD_WRITES_FILE:
	case GUARD_READS_FILE:
		return !value || strcmp(value, "-") != 0;
	case GUARD_RUNS_EDITOR:
	case GUARD_WRITES_REPO:
		return 1;
	default:
		return 0;
	}
}

static int
refuse_option(const struct cli *c)
{
	const struct cli_option *o = &options[c->refused_opt];
	char as[64];

	if (c->refused_as[0])
		snprintf(as, sizeof(as), "%s", c->refused_as);
	else
		snprintf(as, sizeof(as), "--%s", o->name);
	switch (o->guard) {
	case GUARD_WRITES_FILE:
		out_error("restricted: %s %s writes a file; %s - writes to standard output", as, o->argname, as);
		break;
	case GUARD_READS_FILE:
		out_error("restricted: %s %s reads a file; %s - reads standard input", as, o->argname, as);
		break;
	case GUARD_RUNS_EDITOR:
		out_error("restricted: %s runs an editor", as);
		break;
	default:
		out_error("restricted: %s is not allowed", as);
		break;
	}
	return CLI_TROUBLE;
}

int
cli_guard(const struct cli *c, enum guard guard, const char *what)
{
	if (!restricted())
		return -1;
	switch (guard) {
	case GUARD_ACTIONS:
		return c->cmd && c->cmd->action_guard ? cli_guard(c, c->cmd->action_guard(c), what) : -1;
	case GUARD_WRITES_REPO:
		out_error("restricted: %s writes to the repository", what);
		return CLI_TROUBLE;
	case GUARD_WRITES_SET:
		if (c->nargs <= 1)
			return -1;
		out_error("restricted: %s with a value writes to the repository", what);
		return CLI_TROUBLE;
	case GUARD_WRITES_DOC:
		/* a document goes to a file unless -o -, as export's does */
		if (c->format != FORMAT_DOCUMENT)
			return -1;
		/* fall through */
	case GUARD_WRITES_FILE:
		/* any -o but "-" was refused with its option */
		if (c->output)
			return -1;
		out_error("restricted: %s writes a file; -o - writes to standard output", what);
		return CLI_TROUBLE;
	case GUARD_RUNS_EDITOR:
		out_error("restricted: %s runs an editor", what);
		return CLI_TROUBLE;
	case GUARD_READS_FILE:
	case GUARD_NONE:
		break;
	}
	return -1;
}

/*
 * The command's options, anywhere among its operands (as git does); "--"
 * ends them and is followed by the series PATH. Colour and width are
 * decided here, on the real standard output, before a pager takes it.
 */
static int
parse_options(struct cli *c, int argc, char **argv, int *want_help)
{
	int i, rc;

	c->format = FORMAT_TEXT;
	c->export_format = EXPORT_DOCX;
	c->color = -1;
	c->width = -1;
	c->max_count = -1;
	c->args = xcalloc((size_t)argc + 1, sizeof(*c->args));
	c->nargs = 0;
	c->refused_opt = -1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *value = NULL, *eq;
		const struct cli_option *o;
		size_t n;

		if (strcmp(a, "--") == 0) {
			if (argc - i != 2)
				return cli_usage_error(c, "-- takes one PATH");
			c->repo.path = argv[i + 1];
			break;
		}
		if (a[0] != '-' || a[1] == '\0') {
			c->args[c->nargs++] = argv[i];
			continue;
		}
		if ((rc = misplaced_global(c, a)) >= 0)
			return rc;
		if (a[1] == '-') {
			int ambiguous;

			eq = strchr(a + 2, '=');
			n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			if (!(o = find_long(c->cmd, a + 2, n, &ambiguous)) && ambiguous)
				return cli_usage_error(c, "ambiguous option: '%.*s'", (int)(n + 2), a);
			if (!o)
				return cli_usage_error(c, "unknown option: '%s'", a);
			if (eq)
				value = eq + 1;
		} else {
			if (!(o = find_short(a[1])))
				return cli_usage_error(c, "unknown option: '-%c'", a[1]);
			if (a[2])
				value = a + 2;	/* -n5 */
			if (value && o->arg == ARG_NONE)
				return cli_usage_error(c, "unknown option: '%s'", a);
		}
		if (!(c->cmd->options & (1ul << o->id))) {
			if (o->letter && a[1] != '-')
				return cli_usage_error(c, "%s does not take -%c", c->cmd->name, o->letter);
			return cli_usage_error(c, "%s does not take --%s", c->cmd->name, o->name);
		}
		if (o->arg == ARG_NONE && value)
			return cli_usage_error(c, "--%s takes no value", o->name);
		if (o->arg == ARG_REQUIRED && !value) {
			if (i + 1 >= argc)
				return cli_usage_error(c, "--%s needs a value (%s)", o->name, o->argname);
			value = argv[++i];
		}
		if (o->id == OPT_HELP) {
			*want_help = 1;
			continue;
		}
		/* told after the command's own verdict (cli_run): "import writes
		 * to the repository" says more than its --series-map would */
		if (c->refused_opt < 0 && option_refused(o, value)) {
			c->refused_opt = (int)o->id;
			c->refused_as[0] = a[1] == '-' ? '\0' : '-';
			c->refused_as[1] = a[1];
			c->refused_as[2] = '\0';
		}
		if ((rc = set_option(c, o->id, value)) >= 0)
			return rc;
	}
	if (c->color < 0)
		c->color = color_auto();
	if (c->width < 0)
		c->width = width_auto();
	return -1;
}

void
cli_page(struct cli *c)
{
	struct rl_error err;
	char *config = NULL, *cmd;
	int have = 0;

	if (c->no_pager || !isatty(STDOUT_FILENO))
		return;
	/* the configuration is read only when it can matter */
	if (!getenv("REDLINE_PAGER") && (have = rcfile_setting("pager", &config, &err)) < 0) {
		out_warning("%s", err.msg);
		have = 0;
	}
	cmd = pager_command(config, have);
	if (cmd && pager_start(cmd, &err) < 0)
		out_warning("%s", err.msg);
	free(cmd);
	free(config);
}

int
cli_run(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	int rc, want_help = 0;

	c->cmd = cmd;
	if ((rc = parse_options(c, argc, argv, &want_help)) >= 0)
		return rc;
	if (!want_help) {
		char what[64];

		/* "amend accept", not "amend": the action is what writes */
		snprintf(what, sizeof(what), "%s%s%.40s", cmd->name, cmd->action_guard && c->nargs ? " " : "",
			 cmd->action_guard && c->nargs ? c->args[0] : "");
		if ((rc = cli_guard(c, cmd->guard, what)) >= 0)
			return rc;
		if (c->refused_opt >= 0)
			return refuse_option(c);
	}
	if (c->output && cmd->run == cmd_map && c->format != FORMAT_SVG)
		return cli_usage_error(c, "-o goes with map --format=svg");
	if (c->format == FORMAT_DOCUMENT && cmd->run != cmd_export && cmd->run != cmd_amend)
		return cli_usage_error(c, "%s writes text or json; documents (docx, html, md) are for export",
				       cmd->name);
	/* a picture or a file written is nothing to page */
	if ((cmd->pages && c->format != FORMAT_SVG) || want_help)
		cli_page(c);
	if (want_help)
		rc = cli_finish_output(print_help(cmd)) < 0 ? CLI_TROUBLE : CLI_SAME;
	else
		rc = cmd->run(c);
	fflush(stdout);
	pager_finish();
	return rc;
}

int
cli_global_options(struct cli *c, int *argc, char ***argv)
{
	char **v = *argv;
	int n = *argc;

	/* "-" is an operand (standard input), never an option */
	while (n > 0 && v[0][0] == '-' && v[0][1] != '\0') {
		if (strcmp(v[0], "-C") == 0) {
			if (n < 2)
				return cli_usage_error(NULL, "-C needs a directory");
			/* the words of an SSH command come after the forced
			 * command fixed the repository */
			if (c->dir_fixed) {
				out_error("restricted: -C cannot change the repository");
				return CLI_TROUBLE;
			}
			c->repo.dir = v[1];
			c->dir_given++;
			v += 2;
			n -= 2;
		} else if (strcmp(v[0], "--restricted") == 0) {
			restrict_enable();
			v++;
			n--;
		} else if (strcmp(v[0], "--ssh") == 0) {
			if (c->dir_fixed) {
				out_error("restricted: --ssh is for the forced command, not the SSH command");
				return CLI_TROUBLE;
			}
			restrict_enable();
			c->ssh = 1;
			v++;
			n--;
		} else if (strcmp(v[0], "--no-pager") == 0 || strcmp(v[0], "-P") == 0) {
			c->no_pager = 1;
			v++;
			n--;
		} else if (strcmp(v[0], "--") == 0) {
			/* redline -- PATH: the interface on that series */
			if (n != 2)
				return cli_usage_error(NULL, "-- takes one PATH");
			c->repo.path = v[1];
			v += 2;
			n = 0;
		} else if (strcmp(v[0], "--version") == 0) {
			return out_literal(stdout, "redline " PACKAGE_VERSION "\n") < 0 ? CLI_TROUBLE : CLI_SAME;
		} else if (strcmp(v[0], "--help") == 0 || strcmp(v[0], "-h") == 0) {
			return cli_run(c, cli_command("help"), 1, v);
		} else {
			int ambiguous;
			size_t len = strcspn(v[0] + 2, "=");

			/* an option of the commands, put before the command */
			if (v[0][1] == '-' && find_long(NULL, v[0] + 2, len, &ambiguous))
				return cli_usage_error(NULL, "%.*s is an option of a command; it goes after it: "
						       "redline COMMAND %.*s ...", (int)(len + 2), v[0], (int)(len + 2), v[0]);
			return cli_usage_error(NULL, "unknown option: '%s'", v[0]);
		}
	}
	/* wherever --restricted stood among them: the repository named first
	 * is the one; a second -C would lead out of it */
	if (restricted() && c->dir_given > 1) {
		out_error("restricted: -C cannot change the repository");
		return CLI_TROUBLE;
	}
	*argv = v;
	*argc = n;
	return -1;
}

void
cli_init(struct cli *c)
{
	memset(c, 0, sizeof(*c));
	c->max_count = -1;
	c->refused_opt = -1;
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
	free(c->args);
	c->args = NULL;
	c->nargs = 0;
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
cli_finish_output(int written)
{
	if (fflush(stdout) != 0 || ferror(stdout) || written < 0) {
		/* the reader of a pager may stop reading: that is no error */
		if (pager_active() && (errno == EPIPE || pager_gone()))
			return 0;
		out_error("cannot write to standard output");
		return -1;
	}
	return 0;
}

void
cli_index_imported(struct cli *c, const char *path)
{
	struct vindex *x;
	struct vindex_version *v = NULL;
	struct store *st;
	struct rl_error err;
	size_t n;

	if (source_repo_index(&c->repo, &x, &err) < 0 || !x)
		return;
	if (path) {
		vindex_series(x, path, 0, &v, &n);
		vindex_update(x);
	} else {
		vindex_fill(x);
	}
	free(v);
	/* and the agreed-language index, when one is kept: the versions added
	 * to it now, so that the next query answers at once */
	if (source_repo_store(&c->repo, &st, &err) == 0)
		agreed_store_update(st, x, &err);
}

int
cli_parse_author(const char *s, char **name, char **email)
{
	const char *lt = strchr(s, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	size_t n;

	if (!lt || !gt || gt[1] != '\0')
		return -1;
	n = (size_t)(lt - s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0)
		return -1;
	*name = xstrndup(s, n);
	*email = xstrndup(lt + 1, (size_t)(gt - lt - 1));
	return 0;
}
