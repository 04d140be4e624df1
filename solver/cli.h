/*
** cli.h: the subcommands of build/roster.
**
** Each command parses its own arguments, runs the library, prints what the
** user should see, and returns the process exit status (the only place, with
** main, that decides one): 0 success, 1 failure of the run or rule
** violations found, 2 bad input or bad usage.
*/
#ifndef ROSTER_CLI_H
#define ROSTER_CLI_H

#include "prepare.h"

#define CLI_OK 0
#define CLI_FAILED 1
#define CLI_BAD_INPUT 2

int cli_advise(int argc, char **argv);
int cli_check(int argc, char **argv);
int cli_compare(int argc, char **argv);
int cli_explain(int argc, char **argv);
int cli_mathprog(int argc, char **argv);
int cli_solve(int argc, char **argv);
int cli_verify(int argc, char **argv);

/* What command tells the user when prep_new_status failed. */
void cli_prep_failed(const char *command, prep_status st);

#endif
