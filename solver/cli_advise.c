/*
** cli_advise.c: `roster advise FILE... --roster PATH [--what-ifs N]
** [--time-limit S] [--threads N]`: recruitment advice for a written roster,
** from what-if re-solves (see advice.h).
*/
#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "cli.h"
#include "model.h"
#include "roster.h"

static void advise_usage(FILE *out) {
    fprintf(out, "usage: roster advise FILE... --roster DIR/roster.yaml [--what-ifs N] [--time-limit SECONDS] "
                 "[--threads N]\n  (--time-limit is per what-if re-solve, default 5; --what-ifs default 4)\n");
}

static bool advise_number(const char *s, double lo, double hi, double *v) {
    char *end;
    *v = strtod(s, &end);
    return *s && !*end && *v >= lo && *v <= hi;
}

int cli_advise(int argc, char **argv) {
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    const char *roster_path = NULL;
    int n_files = 0;
    advice_options ao = {4, 5};
    solve_options so = {.threads = 1};
    if (!files) return CLI_FAILED;
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        bool has_value = i + 1 < argc;
        double v;
        if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            advise_usage(stdout);
            free(files);
            return CLI_OK;
        } else if (strcmp(s, "--roster") == 0 && has_value) {
            roster_path = argv[++i];
        } else if (strcmp(s, "--what-ifs") == 0 && has_value && advise_number(argv[i + 1], 1, 100, &v) && v == (int)v) {
            ao.max_whatifs = (int)v, i++;
        } else if (strcmp(s, "--time-limit") == 0 && has_value && advise_number(argv[i + 1], 0.1, 1e6, &v)) {
            ao.whatif_seconds = v, i++;
        } else if (strcmp(s, "--threads") == 0 && has_value && advise_number(argv[i + 1], 1, 1024, &v) && v == (int)v) {
            so.threads = (int)v, i++;
        } else if (s[0] == '-' && s[1]) {
            fprintf(stderr, "roster advise: unknown, incomplete or bad option '%s'\n", s);
            free(files);
            return CLI_BAD_INPUT;
        } else {
            files[n_files++] = s;
        }
    }
    if (!n_files || !roster_path) {
        advise_usage(stderr);
        free(files);
        return CLI_BAD_INPUT;
    }
    diag_list d;
    diag_init(&d);
    advice_list adv = {0};
    roster *r = NULL;
    int rc = CLI_BAD_INPUT;
    model_programme *m = model_load(files, n_files, &d);
    if (!m || !(r = roster_read_yaml(m, roster_path, &d))) {
        diag_print(&d, stderr);
        goto out;
    }
    rc = CLI_FAILED;
    if (advice_compute(m, files, n_files, r, &so, &ao, &adv, &d) != 0) {
        diag_print(&d, stderr);
        goto out;
    }
    advice_print(&adv, stdout);
    rc = CLI_OK;
out:
    advice_free(&adv);
    roster_free(r);
    model_free(m);
    diag_clear(&d);
    free(files);
    glp_free_env();
    return rc;
}
