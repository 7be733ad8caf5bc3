/*
 * cli: what the sub-commands share: the global options (-C DIR,
 * --no-pager, -- PATH), the table of commands with the options each takes
 * (from which their usage and help are written), the repository opened on
 * first use, the pager, and the command line's way of reporting: errors
 * and parser warnings on stderr. Versions are loaded by source.h.
 *
 * Ownership: struct cli owns the store it opened and its operand array;
 * cli_release frees them. The operands themselves are borrowed from argv.
 * Errors: functions print one line "redline: ..." on stderr and return -1;
 * commands then exit with CLI_TROUBLE.
 */
#ifndef REDLINE_CLI_H
#define REDLINE_CLI_H

#include <stddef.h>

#include "export.h"
#include "model.h"
#include "restrict.h"
#include "source.h"
#include "store.h"

enum { CLI_SAME = 0, CLI_DIFFERENT = 1, CLI_TROUBLE = 2 };

/* FORMAT_DOCUMENT: a document to circulate, export_format says which */
enum cli_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_DOCUMENT, FORMAT_SVG /* map's picture */ };

#define CLI_MAX_SPONSORS 64

struct cli;


/* A sub-command: its name, what runs it, and the words of its help. */
struct cli_command {
	const char *name;
	int (*run)(struct cli *c);
	const char *usage;	/* operands; forms separated by '\n' */
	const char *summary;	/* one line, for the overview */
	const char *about;	/* one paragraph, for the command's help */
	unsigned long options;	/* the options it takes: bits of cli.c's option table */
	int pages;		/* on a terminal, its output goes through the pager */
	enum guard guard;	/* in restricted mode */
	/* GUARD_ACTIONS: the guard of the action c->args names */
	enum guard (*action_guard)(const struct cli *c);
};

struct cli {
	struct source_repo repo;	/* -C DIR, -- PATH, the repository opened on first use */
	int no_pager;			/* --no-pager */
	int ssh;			/* --ssh: the command comes from SSH_ORIGINAL_COMMAND */
	int dir_given;			/* how many -C; restricted mode takes one */
	int dir_fixed;			/* the SSH command's words: no -C at all */
	int refused_opt;		/* restricted mode: the first option refused, or -1 */
	char refused_as[3];		/* how it was written: "-o", or "" for its long name */
	const struct cli_command *cmd;	/* the command being run */
	char **args;			/* its operands, borrowed from argv */
	size_t nargs;
	/* command options */
	enum cli_format format;
	enum export_format export_format;	/* export, amend compile: docx unless --format says */
	const char *output;		/* -o FILE */
	const char *agreed_file;	/* agreed --file */
	int reindex;
	int color;
	int context;
	int stat;
	unsigned compare_flags;	/* IGNORE_TYPOGRAPHY */
	int width;
	int max_count;		/* -1: no limit */
	int oneline;
	int force;
	int no_checkout;	/* import: the branch alone, not the work tree */
	const char *series_map;	/* import of many files: KEY<TAB>PATH lines */
	const char *import_path, *import_symbol, *import_date, *import_message, *import_author;
	/* amend */
	const char *clause, *after, *text_file, *rationale, *status, *draft;
	int delete_, editor;
	const char *sponsors[CLI_MAX_SPONSORS];
	size_t nsponsors;
};

void cli_init(struct cli *c);
void cli_release(struct cli *c);
/* The global options before the command (-C DIR, --no-pager, --version,
 * --help, -- PATH); argv and argc are moved past them. -1 to go on, else
 * an exit code. */
int cli_global_options(struct cli *c, int *argc, char ***argv);
/* The command named name, or NULL. */
const struct cli_command *cli_command(const char *name);
/* Run a command: its options (argv[0] is its name), the pager, the command. */
int cli_run(struct cli *c, const struct cli_command *cmd, int argc, char **argv);

/* "redline: MESSAGE" and where to find help (the command's, when c names
 * one); returns CLI_TROUBLE. */
int cli_usage_error(const struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Output through the pager from here on, when standard output is a
 * terminal and --no-pager was not given: for a command whose table row
 * does not page (amend pages what it lists, not what runs an editor). */
void cli_page(struct cli *c);
/*
 * Restricted mode's verdict on a guard of the tables for what (a command's
 * or action's name): CLI_TROUBLE after "redline: restricted: WHAT writes to
 * the repository" or the like, -1 to go on (always, outside restricted mode).
 */
int cli_guard(const struct cli *c, enum guard guard, const char *what);
/* The repository, opened on first use; NULL after printing an error. */
struct store *cli_store(struct cli *c);

/* The loaders of source.h, with their error and the parser's warnings
 * printed on stderr. */
int cli_load(struct cli *c, const char *spec, struct source *out);
int cli_load_pair(struct cli *c, const char *spec_a, const char *spec_b, struct source *a, struct source *b);
int cli_load_commit(struct cli *c, const char *commit, const char *path, struct source *out);
/* Print "redline: MESSAGE" for a filled error; returns -1. */
int cli_error(const struct rl_error *err);
/* The series path for commands that take none: --, else the only series. */
int cli_series(struct cli *c, char **path);
void cli_print_warnings(const struct resolution *r);
/*
 * The end of a command's output: flush standard output; -1 after saying so
 * when it could not be written (written, a writer's result, is -1, or the
 * stream failed). Into a pager the reader quit early, nothing more can be
 * written and that is no error: 0.
 */
int cli_finish_output(int written);
/* After an import into path (NULL: many series): the version index
 * brought up to it, and path's versions read into it. */
void cli_index_imported(struct cli *c, const char *path);
/* --author's "NAME <EMAIL>": 0 with both (malloc'd), -1 when it is not that. */
int cli_parse_author(const char *s, char **name, char **email);

#endif
