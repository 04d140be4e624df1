/*
** cli_verify.c: `roster verify FILE... --roster PATH [--previous OLD
** [--from DATE]]`: load the programme, read the roster, check every hard
** rule and the objective (with --previous: as re-rostered against OLD, see
** docs/rerostering.md).
**
** Exit 0 when everything holds, 1 with one stdout line per violation, 2
** when the programme or the roster cannot be read (errors on stderr).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "cli.h"
#include "diag.h"
#include "model.h"
#include "roster.h"
#include "verify.h"

static int cli_verify_usage(void) {
    fprintf(stderr, "usage: roster verify FILE... --roster DIR/roster.yaml [--previous OLD/roster.yaml [--from YYYY-MM-DD]]\n");
    return CLI_BAD_INPUT;
}

typedef struct {
    const char *previous;
    bool has_from;
    int from;
} cli_verify_prev;

/* Split argv into input files, the --roster path and --previous/--from;
** false on bad usage. */
static bool cli_verify_args(int argc, char **argv, const char **files, int *n_files, const char **roster_path,
                            cli_verify_prev *pv) {
    *n_files = 0;
    *roster_path = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--previous") == 0 && i + 1 < argc) {
            pv->previous = argv[++i];
        } else if (strcmp(argv[i], "--from") == 0 && i + 1 < argc) {
            if (!cal_parse_date(argv[++i], &pv->from)) {
                fprintf(stderr, "roster verify: bad --from '%s' (YYYY-MM-DD)\n", argv[i]);
                return false;
            }
            pv->has_from = true;
        } else if (strcmp(argv[i], "--roster") == 0) {
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
    if (pv->has_from && !pv->previous) return false;
    return *n_files > 0 && *roster_path && **roster_path;
}

int cli_verify(int argc, char **argv) {
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) return CLI_FAILED;
    int n_files;
    const char *roster_path;
    cli_verify_prev pv = {NULL, false, 0};
    if (!cli_verify_args(argc, argv, files, &n_files, &roster_path, &pv)) {
        free(files);
        return cli_verify_usage();
    }
    diag_list d;
    diag_init(&d);
    int status = CLI_BAD_INPUT;
    roster *r = NULL, *old = NULL;
    model_programme *m = model_load(files, n_files, &d);
    if (m) r = roster_read_yaml(m, roster_path, &d);
    if (m && r && pv.previous) old = roster_read_yaml_lenient(m, pv.previous, &d);
    if (!m || !r || (pv.previous && !old)) {
        diag_print(&d, stderr);
    } else {
        int violations = old ? verify_roster_previous(m, r, old, pv.has_from, pv.from, stdout)
                             : verify_roster(m, r, stdout);
        if (violations) {
            fprintf(stderr, "roster invalid: %d violation%s\n", violations, violations == 1 ? "" : "s");
            status = CLI_FAILED;
        } else {
            printf("roster valid: %d visits, %d sessions, Q = %.12g\n", r->n_visits, r->n_sessions, r->value);
            status = CLI_OK;
        }
    }
    roster_free(r);
    roster_free(old);
    model_free(m);
    diag_clear(&d);
    free(files);
    return status;
}
