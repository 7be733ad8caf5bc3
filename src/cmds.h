/*
 * cmds: the sub-commands of the program. Each takes its own argv (argv[0]
 * is the command name) and returns the exit status (cli.h CLI_*).
 */
#ifndef REDLINE_CMDS_H
#define REDLINE_CMDS_H

#include <getopt.h>

#include "cli.h"

int cmd_parse(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_diff(struct cli *c, int argc, char **argv);
int cmd_log(struct cli *c, int argc, char **argv);
int cmd_ls(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);

#endif
