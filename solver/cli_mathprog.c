/*
** cli_mathprog.c: `roster mathprog FILE... -o DIR`: write DIR/roster.dat,
** the data for the reference model models/roster.mod, and say how to run it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "mathprog.h"
#include "model.h"

static int cli_mathprog_usage(void) {
    fprintf(stderr, "usage: roster mathprog FILE... -o DIR\n");
    return CLI_BAD_INPUT;
}

int cli_mathprog(int argc, char **argv) {
    const char *dir = NULL;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) {
        fprintf(stderr, "roster mathprog: out of memory\n");
        return CLI_FAILED;
    }
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            free(files);
            printf("usage: roster mathprog FILE... -o DIR\n"
                   "Write DIR/roster.dat for the reference model models/roster.mod.\n");
            return CLI_OK;
        }
        if (strcmp(argv[i], "-o") == 0) {
            if (i + 1 >= argc || dir) {
                free(files);
                return cli_mathprog_usage();
            }
            dir = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "roster mathprog: unknown option '%s'\n", argv[i]);
            free(files);
            return cli_mathprog_usage();
        } else {
            files[n++] = argv[i];
        }
    }
    if (n == 0 || !dir) {
        free(files);
        return cli_mathprog_usage();
    }
    diag_list d;
    diag_init(&d);
    model_programme *m = model_load(files, n, &d);
    free(files);
    if (!m) {
        diag_print(&d, stderr);
        diag_clear(&d);
        return CLI_BAD_INPUT;
    }
    int rc = mathprog_write(m, dir, &d);
    model_free(m);
    if (rc != 0) {
        diag_print(&d, stderr);
        diag_clear(&d);
        return CLI_FAILED;
    }
    diag_clear(&d);
    printf("glpsol -m models/roster.mod -d %s/roster.dat\n", dir);
    return CLI_OK;
}
