/*
** main.c: the `roster` program: dispatch to a subcommand (see cli.h).
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
} command;

static const command commands[] = {
    {"advise", cli_advise, "advise FILE... --roster PATH [--what-ifs N] [--time-limit S]   who to recruit, from what-if re-solves"},
    {"check", cli_check, "check FILE...                      validate input files"},
    {"explain", cli_explain, "explain FILE... (--pupil ID | --session ID) [--roster PATH]   why each person can or cannot serve"},
    {"mathprog", cli_mathprog, "mathprog FILE... -o DIR            write DIR/roster.dat for models/roster.mod"},
    {"solve", cli_solve, "solve FILE... -o DIR [--time-limit S] [--threads N] [--write-lp FILE] [--advice] [-q] [--progress] [--previous OLD [--from DATE]]"},
    {"compare", cli_compare, "compare A/roster.yaml B/roster.yaml --input FILE...   what differs between two rosters"},
    {"verify", cli_verify, "verify FILE... --roster PATH [--previous OLD [--from DATE]]   check a roster against every rule"},
};

static void usage(FILE *out) {
    fprintf(out, "usage: roster COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  roster %s\n", commands[i].usage);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return CLI_BAD_INPUT;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0) return commands[i].run(argc - 2, argv + 2);
    fprintf(stderr, "roster: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return CLI_BAD_INPUT;
}
