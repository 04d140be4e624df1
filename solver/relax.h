/*
** relax.h: a small relaxed master program whose optimum bounds Q.
**
** The exact program (solve.c) has a column per candidate visit start, which
** makes its LP huge and degenerate. The relaxed master R keeps the choices
** that carry most of Q (who is matched to whom, on which dates a visit
** happens, the weekly pattern, the sessions' dates) and replaces the timing
** rules by aggregate minute budgets that every feasible roster satisfies.
** Every roster maps to an R solution with the same Q (argued in
** docs/solve.md), so R's optimum, or any bound GLPK proves for it, is a
** proven upper bound on Q. R's best solution (matching x*, pattern y*) is
** then realised in the exact program by solve.c.
*/
#ifndef ROSTER_RELAX_H
#define ROSTER_RELAX_H

#include <signal.h>
#include <stdbool.h>

#include "model.h"
#include "prepare.h"

typedef struct {
    double bound;           /* proven upper bound on Q; HUGE_VAL when none */
    bool have_solution;     /* pair_on / pattern hold R's best solution */
    bool optimal;           /* R was solved to optimality (bound == value) */
    double value;           /* R's objective at that solution */
    char *pair_on;          /* per prep pair: matched in R's solution (x*) */
    char *pattern;          /* per (pupil * 7 + weekday) * (1440 / slot) + start / slot: y* */
    double *pupil_value;    /* per pupil: R's objective terms of that pupil (x, w, on) */
    int rows, cols, nonzeros;
    double seconds;
} relax_result;

/* A roster as 0/1 per candidate, to start R's search from (its image in
** R is feasible: docs/solve.md). pattern as in relax_result, or NULL. */
typedef struct {
    const char *visit_on;   /* per prep visit */
    const char *occ_on;     /* per prep occurrence */
    const char *pattern;
    volatile sig_atomic_t *stop; /* solve_options.stop: when set, stop and keep what is proven */
} relax_start;

/* Build and solve R for at most time_limit seconds (<= 0: no limit).
** Returns 0 (res filled; free with relax_result_free), -1 when memory runs
** out. */
int relax_solve(const model_programme *m, const prep *p, double time_limit, bool verbose, const relax_start *start,
                relax_result *res);
void relax_result_free(relax_result *res);

#endif
