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

#endif
