/*
** bound.h: the assignment bound A, a proven upper bound on Q from a small
** program over who is matched to whom and how many visits each week gets.
**
** A forgets when in the week a visit happens. Its visit part has columns
** x[p,a] (matched), u[p,a,k] (visits of the pair in week k, at most the
** pupil's per_week and the pair's dates with a candidate that week) and
** z[a,k,s] (days advocate a is at school s in week k); its session part
** o[s,t,d] (teacher t gives session s on date d). The two parts share no
** row, so they are solved apart and their bounds add up. Every roster maps
** to an A solution whose objective is at least Q (docs/solve.md, "The
** assignment bound A"), so A's optimum, or any bound GLPK proves for it, is
** a proven bound on Q. On large programmes the visit part is bounded by
** its Lagrangian instead (advocate rows priced out, one choice per pupil),
** which needs no simplex and grows with pairs x weeks.
*/
#ifndef ROSTER_BOUND_H
#define ROSTER_BOUND_H

#include <signal.h>
#include <stdbool.h>

#include "model.h"
#include "prepare.h"

/* Groups of an advocate's pupils at one school larger than this get no
** pattern-days row (its F is found by enumerating the patterns). */
#define BOUND_GROUP_MAX 12
/* nor one whose patterns would take more steps than this to cost
** (pattern_work: Derby's largest group takes about 60,000) */
#define BOUND_GROUP_WORK 2e7

/* Subgradient iterations of the Lagrangian bound, at most. */
#define BOUND_LAGRANGE_ITERATIONS 3000
/* Pair-weeks up to which the Lagrangian's iterations are cheap; solve also
** builds A's GLPK program up to this size (SOLVE_BOUND_MIP_COLUMNS) */
#define BOUND_LAGRANGE_CHEAP 40000
/* iterations without a new least L before the step's scale halves, up to
** BOUND_LAGRANGE_CHEAP pair-weeks. L wobbles for tens of iterations at
** full step when the roster aimed at is far below it; at 40 the scale
** collapsed early and L stalled 1.2% above its limit on early-window
** (105779 against 104521; docs/solve.md) */
#define BOUND_LAGRANGE_PATIENCE_SMALL 100
/* the same on larger programmes, where each iteration is a pass over
** millions of pair-weeks and the halving is what ends the run before the
** clock does: at 100 a city's refinement ran into its time share, and its
** bound then depended on the thread count */
#define BOUND_LAGRANGE_PATIENCE 40
/* the step's scale below which L no longer moves: stop */
#define BOUND_LAGRANGE_MIN_STEP 1e-6
/* with no roster to aim at, Polyak's step aims this fraction below L */
#define BOUND_LAGRANGE_AIM 3e-2

typedef struct {
    double time_limit;      /* seconds; <= 0: none */
    volatile sig_atomic_t *stop; /* ends the search early when raised; may be NULL */
    int mip_columns;        /* solve the visit part with GLPK up to this many u columns */
    double target;          /* Q of a known roster, -HUGE_VAL when none: steers the Lagrangian */
    int threads;            /* the Lagrangian prices pupils on this many (0 or 1: the caller's alone);
                            ** its bound is the same for any count */
} bound_options;

typedef struct {
    double bound;           /* proven upper bound on Q; HUGE_VAL when none was proven */
    bool optimal;           /* A itself was solved to optimality */
    bool sessions_optimal;  /* its session part was */
    double session_part;    /* the session part's bound */
    double lagrangian;      /* the Lagrangian's bound on the visit part, HUGE_VAL when it did not run */
    int rows, cols;         /* of the GLPK programs built */
    double seconds;
    bool cut_short;         /* the time limit or the interrupt ended part of A before it finished
                            ** on its own (GLPK's search, or the Lagrangian's iterations): with more
                            ** time its bound or its matching could differ */
    char *pair_on;          /* per prep pair: matched in A's best solution, or the auction's matching
                            ** (within max_pupils) at the Lagrangian's best multipliers when it ran;
                            ** NULL when neither */
} bound_result;

/* A for one programme, as an object: bound_new measures what A needs from
** the candidates (linear in them: seconds on a city), each bound_solve
** builds and solves A again with its own options (time limit, target),
** bound_free releases it. The time limits count from bound_solve. One
** bound_prog is used by one thread at a time. */
typedef struct bound_prog bound_prog;
bound_prog *bound_new(const model_programme *m, const prep *p); /* NULL when memory runs out */
int bound_solve(bound_prog *bp, const bound_options *o, bound_result *res);
void bound_free(bound_prog *bp);

/* bound_new, bound_solve and bound_free in one. Returns 0 (res->bound may
** still be HUGE_VAL), -1 when memory runs out. */
int bound_assignment(const model_programme *m, const prep *p, const bound_options *o, bound_result *res);

void bound_result_free(bound_result *res);

#endif
