/*
 * cmds: the sub-commands of the program. Each runs on a struct cli whose
 * options are parsed and whose operands are in c->args (cli.c's command
 * table says which options each takes), and returns the exit status
 * (cli.h CLI_*).
 */
#ifndef REDLINE_CMDS_H
#define REDLINE_CMDS_H

#include "cli.h"

int cmd_parse(struct cli *c);
int cmd_show(struct cli *c);
int cmd_diff(struct cli *c);
int cmd_log(struct cli *c);
int cmd_ls(struct cli *c);
int cmd_import(struct cli *c);
int cmd_amend(struct cli *c);
/* What restricted mode makes of the amend action c->args names (its row
 * of cmd_amend.c's action table); GUARD_NONE for an unknown one, which
 * cmd_amend refuses itself. */
enum guard amend_action_guard(const struct cli *c);
int cmd_export(struct cli *c);
int cmd_blame(struct cli *c);
int cmd_history(struct cli *c);
int cmd_map(struct cli *c);
int cmd_agreed(struct cli *c);
/* The two versions a comparison command names in its operands (OLD NEW,
 * OLD..NEW, OLD.., one version and the one before it, or none: the latest
 * two); 0, else the exit status after saying what is wrong. */
int cmd_load_compared(struct cli *c, struct source *a, struct source *b);
/* A document's tracked-change author: --author's NAME, else git's
 * user.name, else "redline" (malloc'd); and the time now, as Word dates a
 * revision ("2026-12-06T15:00:00Z"). */
char *cli_export_author(struct cli *c);
void cli_export_date(char buf[32]);

#endif
