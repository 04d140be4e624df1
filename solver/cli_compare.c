/*
** cli_compare.c: `roster compare A/roster.yaml B/roster.yaml --input
** FILE...`: what differs between two rosters of the programme in FILE...
** (compare.h), and a summary line. Exit 0 when both could be read.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "compare.h"
#include "diag.h"
#include "model.h"
#include "roster.h"

static int compare_usage(void) {
    fprintf(stderr, "usage: roster compare A/roster.yaml B/roster.yaml --input FILE...\n");
    return CLI_BAD_INPUT;
}

static int count_dropped(const roster *r) {
    int n = 0;
    for (int i = 0; i < r->n_dropped; i++) n += strcmp(r->dropped[i].section, "assignments") == 0;
    return n;
}

int cli_compare(int argc, char **argv) {
    const char *paths[2] = {NULL, NULL};
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    int n_files = 0, n_paths = 0;
    bool inputs = false;
    if (!files) return CLI_FAILED;
    for (int i = 0; i < argc; i++) {
        bool option = argv[i][0] == '-' && argv[i][1];
        if (strcmp(argv[i], "--input") == 0) inputs = true;
        else if (!option && inputs) files[n_files++] = argv[i];
        else if (!option && n_paths < 2) paths[n_paths++] = argv[i];
        else {
            free(files);
            return compare_usage();
        }
    }
    if (n_paths != 2 || n_files == 0) {
        free(files);
        return compare_usage();
    }
    diag_list d;
    diag_init(&d);
    int status = CLI_BAD_INPUT;
    roster *a = NULL, *b = NULL;
    model_programme *m = model_load(files, n_files, &d);
    if (m) a = roster_read_yaml_lenient(m, paths[0], &d);
    if (a) b = roster_read_yaml_lenient(m, paths[1], &d);
    compare_summary s;
    if (!m || !a || !b) {
        diag_print(&d, stderr);
    } else if (compare_rosters(m, a, b, stdout, &s)) {
        fprintf(stderr, "roster compare: out of memory\n");
        status = CLI_FAILED;
    } else {
        int gone_a = count_dropped(a), gone_b = count_dropped(b);
        if (gone_a || gone_b)
            printf("note: %d assignment%s of A and %d of B name people no longer in the input (left out)\n", gone_a,
                   gone_a == 1 ? "" : "s", gone_b);
        printf("summary: %d pupils reassigned, %d newly matched, %d pattern entries moved, visits +%d -%d, "
               "sessions +%d -%d, %d pupils changed, objective %.12g vs %.12g\n",
               s.reassigned, s.newly_matched, s.pattern_moved, s.visits_added, s.visits_removed, s.sessions_added,
               s.sessions_removed, s.pupils_changed, a->value, b->value);
        status = CLI_OK;
    }
    roster_free(a);
    roster_free(b);
    model_free(m);
    diag_clear(&d);
    free(files);
    return status;
}
