/*
** fuzz_solve.c: libFuzzer harness for the whole run on tiny inputs:
** load -> prepare -> solve -> verify.
**
** "Tiny" is enforced so one execution stays well under libFuzzer's timeout
** even in this sanitized, unoptimised build: at most FUZZ_SOLVE_MAX_BYTES of
** input, a period of at most FUZZ_SOLVE_MAX_DAYS (prepare's cost grows with
** the dates), at most FUZZ_SOLVE_MAX_CANDIDATES visit candidates and session
** occurrences, and a one-second time limit. How the full-size examples
** scale is the benchmark's job, not the fuzzer's. Seeds: fuzz/seeds/ (tiny
** valid programmes) plus the shared corpus. Files are split at "#--- next file ---" as in
** fuzz_load. The oracle is the project's promise: whenever solve reports a
** roster, the independent verifier finds no broken rule and agrees with the
** reported objective, bound and status; an internal failure must say why.
*/
#include <glpk.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "prepare.h"
#include "roster.h"
#include "solve.h"
#include "verify.h"

#define FUZZ_MAX_FILES 8
#define FUZZ_SOLVE_MAX_BYTES 8192
#define FUZZ_SOLVE_MAX_DAYS 31
#define FUZZ_SOLVE_MAX_CANDIDATES 4000

static const char fuzz_separator[] = "\n#--- next file ---\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_split(const char *data, size_t size, const char **buf, int *len) {
    size_t sep = sizeof fuzz_separator - 1, at = 0;
    int n = 0;
    while (n < FUZZ_MAX_FILES - 1) {
        const char *hit = NULL;
        for (size_t i = at; i + sep <= size; i++)
            if (memcmp(data + i, fuzz_separator, sep) == 0) { hit = data + i; break; }
        if (!hit) break;
        buf[n] = data + at;
        len[n] = (int)((size_t)(hit - data) - at);
        n++;
        at = (size_t)(hit - data) + sep;
    }
    buf[n] = data + at;
    len[n] = (int)(size - at);
    return n + 1;
}

/* Solve a valid programme and hold the result to the verifier. */
static void fuzz_solve_and_verify(const model_programme *m) {
    if (m->period_to - m->period_from + 1 > FUZZ_SOLVE_MAX_DAYS) return;
    prep *p = prep_new(m);
    if (!p) abort();
    if (prep_n_visits(p) + prep_n_occurrences(p) > FUZZ_SOLVE_MAX_CANDIDATES) {
        prep_free(p);
        return;
    }
    roster *r = roster_new();
    if (!r) abort();
    solve_options o = {.time_limit = 1.0, .threads = 1, .write_lp = NULL, .verbose = false};
    solve_stats st;
    diag_list d;
    diag_init(&d);
    if (solve_run(m, p, &o, r, &st, &d) == 0) {
        if (verify_roster(m, r, stderr) != 0) abort(); /* a written roster broke a rule */
    } else if (diag_count(&d) == 0) {
        abort(); /* an internal failure always says why */
    }
    diag_clear(&d);
    roster_free(r);
    prep_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > FUZZ_SOLVE_MAX_BYTES) return -1;
    char *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    if (size) memcpy(copy, data, size);
    static const char *const names[FUZZ_MAX_FILES] = {"a.yaml", "b.yaml", "c.yaml", "d.yaml",
                                                      "e.yaml", "f.yaml", "g.yaml", "h.yaml"};
    const char *buf[FUZZ_MAX_FILES];
    int len[FUZZ_MAX_FILES];
    int n = fuzz_split(copy, size, buf, len);
    diag_list d;
    diag_init(&d);
    model_programme *m = model_load_buffers(names, buf, len, n, &d);
    if (m) fuzz_solve_and_verify(m);
    model_free(m);
    diag_clear(&d);
    free(copy);
    glp_free_env(); /* GLPK keeps per-thread state between problems */
    return 0;
}
