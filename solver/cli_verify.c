/*
** cli_verify.c: `roster verify FILE... --roster PATH`: load the programme,
** read the roster, check every hard rule and the objective.
**
** Exit 0 when everything holds, 1 with one stdout line per violation, 2
** when the programme or the roster cannot be read (errors on stderr).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "model.h"
#include "roster.h"
#include "verify.h"

static int cli_verify_usage(void) {
    fprintf(stderr, "usage: roster verify FILE... --roster DIR/roster.yaml\n");
    return CLI_BAD_INPUT;
}

/* Split argv into input files and the --roster path; false on bad usage. */
static bool cli_verify_args(int argc, char **argv, const char **files, int *n_files, const char **roster_path) {
    *n_files = 0;
    *roster_path = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--roster") == 0) {
            if (i + 1 >= argc || *roster_path) return false;
            *roster_path = argv[++i];
        } else if (strncmp(argv[i], "--roster=", 9) == 0) {
            if (*roster_path) return false;
            *roster_path = argv[i] + 9;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "roster verify: unknown option '%s'\n", argv[i]);
            return false;
        } else {
            files[(*n_files)++] = argv[i];
        }
    }
    return *n_files > 0 && *roster_path && **roster_path;
}

int cli_verify(int argc, char **argv) {
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) return CLI_FAILED;
    int n_files;
    const char *roster_path;
    if (!cli_verify_args(argc, argv, files, &n_files, &roster_path)) {
        free(files);
        return cli_verify_usage();
    }
    diag_list d;
    diag_init(&d);
    int status = CLI_BAD_INPUT;
    roster *r = NULL;
    model_programme *m = model_load(files, n_files, &d);
    if (m) r = roster_read_yaml(m, roster_path, &d);
    if (!m || !r) {
        diag_print(&d, stderr);
    } else {
        int violations = verify_roster(m, r, stdout);
        if (violations) {
            fprintf(stderr, "roster invalid: %d violation%s\n", violations, violations == 1 ? "" : "s");
            status = CLI_FAILED;
        } else {
            printf("roster valid: %d visits, %d sessions, Q = %.12g\n", r->n_visits, r->n_sessions, r->value);
            status = CLI_OK;
        }
    }
    roster_free(r);
    model_free(m);
    diag_clear(&d);
    free(files);
    return status;
}
