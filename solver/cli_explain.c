/*
** cli_explain.c: `roster explain FILE... (--pupil ID | --session ID)
** [--roster PATH]`: why each advocate (or teacher) can or cannot serve one
** pupil (or session), and with a roster why things are as they are.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "explain.h"
#include "model.h"
#include "prepare.h"
#include "roster.h"
#include "solve.h"

static void explain_usage(FILE *out) {
    fprintf(out, "usage: roster explain FILE... (--pupil ID | --session ID) [--roster DIR/roster.yaml]\n");
}

typedef struct {
    const char **files;
    int n_files;
    const char *pupil, *session, *roster;
} explain_args;

/* 0 ok, 1 help printed, -1 bad usage (message printed). */
static int explain_parse(int argc, char **argv, explain_args *a) {
    memset(a, 0, sizeof *a);
    a->files = calloc((size_t)argc + 1, sizeof *a->files);
    if (!a->files) return -1;
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            explain_usage(stdout);
            return 1;
        } else if (strcmp(s, "--pupil") == 0 && has_value) {
            a->pupil = argv[++i];
        } else if (strcmp(s, "--session") == 0 && has_value) {
            a->session = argv[++i];
        } else if (strcmp(s, "--roster") == 0 && has_value) {
            a->roster = argv[++i];
        } else if (s[0] == '-' && s[1]) {
            return fprintf(stderr, "roster explain: unknown or incomplete option '%s'\n", s), -1;
        } else {
            a->files[a->n_files++] = s;
        }
    }
    if (a->n_files == 0 || (!a->pupil == !a->session)) {
        explain_usage(stderr);
        return -1;
    }
    return 0;
}

int cli_explain(int argc, char **argv) {
    explain_args a;
    int pr = explain_parse(argc, argv, &a);
    if (pr != 0) {
        free(a.files);
        return pr > 0 ? CLI_OK : CLI_BAD_INPUT;
    }
    diag_list d;
    diag_init(&d);
    int rc = CLI_BAD_INPUT;
    prep *p = NULL;
    roster *r = NULL;
    explain_result e = {0};
    model_programme *m = model_load(a.files, a.n_files, &d);
    if (!m) {
        diag_print(&d, stderr);
        goto out;
    }
    const char *id = a.pupil ? a.pupil : a.session;
    int who = a.pupil ? model_find_pupil(m, id) : model_find_session(m, id);
    if (who < 0) {
        char near[256];
        explain_suggest(m, a.session != NULL, id, near, sizeof near);
        fprintf(stderr, "roster explain: no %s '%s' in the input%s%s%s\n", a.pupil ? "pupil" : "session", id,
                near[0] ? " (did you mean " : "", near, near[0] ? "?)" : "");
        goto out;
    }
    if (a.roster && !(r = roster_read_yaml(m, a.roster, &d))) {
        diag_print(&d, stderr);
        goto out;
    }
    rc = CLI_FAILED;
    prep_status ps;
    if (!(p = solve_prepare(m, &ps))) {
        cli_prep_failed("roster explain", ps);
        goto out;
    }
    if ((a.pupil ? explain_pupil(m, p, r, who, &e) : explain_session(m, p, r, who, &e)) != 0) {
        fprintf(stderr, "roster explain: out of memory\n");
        goto out;
    }
    explain_print(&e, stdout);
    rc = CLI_OK;
out:
    explain_free(&e);
    prep_free(p);
    roster_free(r);
    model_free(m);
    diag_clear(&d);
    free(a.files);
    return rc;
}
