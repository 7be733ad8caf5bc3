/*
 * cli: what the sub-commands share: the global options (-C DIR, paths
 * after --), the repository opened on first use, command options, and
 * loading a version named by a file, "-", a git revision or a symbol.
 *
 * Ownership: struct cli owns the store and the loaded sources; cli_release
 * frees them. Errors: functions print one line "redline: ..." on stderr and
 * return -1; commands then exit with CLI_TROUBLE.
 */
#ifndef REDLINE_CLI_H
#define REDLINE_CLI_H

#include <stddef.h>

#include "model.h"
#include "store.h"

enum { CLI_SAME = 0, CLI_DIFFERENT = 1, CLI_TROUBLE = 2 };

enum cli_format { FORMAT_TEXT, FORMAT_JSON };

struct cli {
	const char *dir;	/* -C DIR, NULL: the current directory */
	const char *path;	/* the series named after --, NULL: none */
	struct store *store;	/* opened on first use */
	/* command options */
	enum cli_format format;
	int color;
	int context;
	int stat;
	int ignore_typography;
	int width;
	int force;
	const char *import_path, *import_symbol, *import_date, *import_message, *import_author;
};

/* A version as loaded: from a file, or from a commit of the repository. */
struct source {
	char *label;		/* "file.txt" or "1a2b3c4:ied.txt": for messages and output */
	char *text;
	size_t len;
	int from_repo;
	char commit[STORE_OID_HEX];
	char *path;		/* series path, when from the repository */
	struct resolution res;
};

int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parse command options into c; -1 to go on, else an exit code. */
int cli_parse_options(struct cli *c, int argc, char **argv);
/* The repository, opened on first use; NULL after printing an error. */
struct store *cli_store(struct cli *c);
void cli_release(struct cli *c);

void source_init(struct source *s);
void source_release(struct source *s);
/* Load and parse a version named by spec (file, "-", revision, symbol). */
int cli_load(struct cli *c, const char *spec, struct source *out);
/* Load two versions; two files are parsed at the same time. */
int cli_load_pair(struct cli *c, const char *spec_a, const char *spec_b, struct source *a, struct source *b);
/* Load the version at commit of path (from the repository). */
int cli_load_commit(struct cli *c, const char *commit, const char *path, struct source *out);
/* The series path for commands that take none: --, else the only series. */
int cli_series(struct cli *c, char **path);
void cli_print_warnings(const struct resolution *r);
int cli_finish_output(void);
/* "2024-12-02" from a commit time and its offset in minutes. */
void cli_format_date(long long t, int tz_minutes, char out[11]);

extern const char cli_usage_text[];

#endif
