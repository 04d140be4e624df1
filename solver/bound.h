/*
** bound.h: the assignment bound A, a proven upper bound on Q from a small
** program over who is matched to whom and how many visits each week gets.
**
** A forgets when in the week a visit happens. Its columns are x[p,a]
** (matched), u[p,a,k] (visits of the pair in week k, at most the pupil's
** per_week and the pair's dates with a candidate that week), z[a,k,s]
** (days advocate a is at school s in week k), g[s,k] and h[s,t,k] (session
** occurrences in week k, given by teacher t). Every roster maps to a
** solution of A whose objective is at least Q (docs/solve.md, "The
** assignment bound"), so A's optimum, or any bound GLPK proves for it, is
** a proven bound on Q. A is tiny next to the exact program (Derby: about
** 3,000 columns instead of 200,000) and is solved first.
*/
#ifndef ROSTER_BOUND_H
#define ROSTER_BOUND_H

#include <signal.h>
#include <stdbool.h>

#include "model.h"
#include "prepare.h"

typedef struct {
    double bound;           /* proven upper bound on Q; HUGE_VAL when none was proven */
    bool optimal;           /* A itself was solved to optimality */
    double value;           /* A's best integer objective (when found) */
    int rows, cols;
    double seconds;
    char *pair_on;          /* per prep pair: matched in A's best solution; NULL when none */
} bound_result;

/* Build and solve A within time_limit seconds (<= 0: none); stop (may be
** NULL) ends the search early. Returns 0 (res->bound may still be
** HUGE_VAL), -1 when memory runs out. Writes the program in CPLEX LP form
** to write_lp when that is not NULL. */
int bound_assignment(const model_programme *m, const prep *p, double time_limit, volatile sig_atomic_t *stop,
                     const char *write_lp, bound_result *res);

void bound_result_free(bound_result *res);

#endif
