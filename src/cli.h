/*
 * cli: what the sub-commands share: the global options (-C DIR, paths
 * after --), the repository opened on first use, command options, and
 * the command line's way of reporting: errors and parser warnings on
 * stderr. Versions are loaded by source.h.
 *
 * Ownership: struct cli owns the store it opened; cli_release frees it. Errors: functions print one line "redline: ..." on stderr and
 * return -1; commands then exit with CLI_TROUBLE.
 */
#ifndef REDLINE_CLI_H
#define REDLINE_CLI_H

#include <stddef.h>

#include "model.h"
#include "source.h"
#include "store.h"

enum { CLI_SAME = 0, CLI_DIFFERENT = 1, CLI_TROUBLE = 2 };

enum cli_format { FORMAT_TEXT, FORMAT_JSON };

struct cli {
	struct source_repo repo;	/* -C DIR, -- PATH, the repository opened on first use */
	/* command options */
	enum cli_format format;
	int color;
	int context;
	int stat;
	unsigned compare_flags;	/* IGNORE_TYPOGRAPHY */
	int width;
	int force;
	const char *import_path, *import_symbol, *import_date, *import_message, *import_author;
};

int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parse command options into c; -1 to go on, else an exit code. */
int cli_parse_options(struct cli *c, int argc, char **argv);
/* The repository, opened on first use; NULL after printing an error. */
struct store *cli_store(struct cli *c);
void cli_release(struct cli *c);

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
int cli_finish_output(void);

extern const char cli_usage_text[];

#endif
