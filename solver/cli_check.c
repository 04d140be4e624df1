/*
** cli_check.c: `roster check FILE...`: load, validate, summarise.
*/
#include <stdio.h>

#include "cli.h"
#include "diag.h"
#include "model.h"

int cli_check(int argc, char **argv) {
    if (argc < 1) {
        fprintf(stderr, "usage: roster check FILE...\n");
        return CLI_BAD_INPUT;
    }
    diag_list d;
    diag_init(&d);
    model_programme *m = model_load((const char *const *)argv, argc, &d);
    if (!m) {
        diag_print(&d, stderr);
        diag_clear(&d);
        return CLI_BAD_INPUT;
    }
    printf("%s: valid\n", m->name);
    printf("  %d schools, %d places, %d calendars\n", m->n_schools, m->n_places, m->n_calendars);
    printf("  %d pupils, %d advocates, %d community teachers, %d sessions, %d courses\n", m->n_pupils,
           m->n_advocates, m->n_teachers, m->n_sessions, m->n_courses);
    model_free(m);
    diag_clear(&d);
    return CLI_OK;
}
