/*
** solve.h: one GLPK integer program for a whole programme, and its roster.
**
** solve_run builds an integer program with exactly the hard rules of the
** format (section 4) over the candidates prepare found, maximises exactly Q
** (section 5), and turns the best solution into a roster with reasons for
** everything left undone. The reported value is Q recomputed from the
** roster (solve_objective) and must equal the program's objective; the bound
** is one GLPK proved.
*/
#ifndef ROSTER_SOLVE_H
#define ROSTER_SOLVE_H

#include <signal.h>
#include <stdbool.h>

#include "diag.h"
#include "model.h"
#include "prepare.h"
#include "progress.h"
#include "roster.h"

typedef enum {
    SOLVE_STRATEGY_RELAX,   /* default: relaxed master bound + restricted exact programs (docs/solve.md) */
    SOLVE_STRATEGY_FULL,    /* only the one exact program over every candidate */
    SOLVE_STRATEGY_GREEDY   /* no exact program: the greedy roster and the assignment bound A; chosen
                            ** by itself when the exact program would be too large (docs/solve.md) */
} solve_strategy;

typedef struct {
    double time_limit;      /* seconds; <= 0 means none */
    int threads;            /* accepted and recorded; the roster does not depend on it */
    const char *write_lp;   /* write the program in CPLEX LP format here, or NULL */
    bool verbose;           /* GLPK's own progress messages */
    const struct prev_plan *previous; /* re-roster against it (previous.h), or NULL */
    solve_strategy strategy; /* zero-initialised options use the relaxation */
    volatile sig_atomic_t *stop; /* when set and non-zero: stop searching and return the best
                                 ** roster so far with status time_limit (an interrupt); may be NULL */
    progress *progress;     /* elapsed, best, bound, gap while searching (progress.h), or NULL */
    int max_candidates;     /* the programme was prepared with this cap (solve_prepare_within); 0: the default */
} solve_options;

typedef struct {
    int rows, cols, nonzeros;
    double mip_value;       /* the program's objective for the written roster */
    double seconds;
    /* the assignment bound A (bound.h); HUGE_VAL / 0 when it did not run */
    double assign_bound, assign_seconds;
    int assign_rows, assign_cols;
    bool assign_cut_short;  /* the clock or the interrupt ended part of A (bound_result.cut_short) */
    /* the relaxation path (zero when the full strategy ran) */
    int relax_rows, relax_cols;
    double relax_bound, relax_seconds;
    int restricted_rows, restricted_cols;   /* after GLPK's presolve, realisation 1 */
    double realise_value[2], realise_seconds[2];
    bool full_search;       /* the full program's search ran after the realisations */
    bool large;             /* too many candidates for the exact program: greedy roster, A's bound */
    bool cut_short;         /* the greedy strategy: the time limit (or the interrupt) stopped its local
                            ** search, A (bound.h: cut_short) or the coarse bound */
    double coarse_seconds;  /* a sparse prep's coarse bound (coarse.h) */
    int coarse_steps;
    double plain_q, from_bound_q; /* the greedy strategy's two rosters: plain, and from A's matching */
    double first_q, first_seconds; /* the first roster (the greedy's construction): Q, seconds into the solve;
                                   ** first_seconds < 0 when there was none */
} solve_stats;

/* Fill r (an empty roster from roster_new). Returns 0 when r holds a roster
** (status optimal, feasible or time_limit), -1 with a message in d on an
** internal failure. */
int solve_run(const model_programme *m, const prep *p, const solve_options *o, roster *r,
              solve_stats *stats, diag_list *d);

/* Past this many candidate visits a programme is prepared sparse
** (prep_new_sparse): each pupil keeps its best pairs, ranked by what they
** can be worth, within SOLVE_SPARSE_VISITS candidates in all. A city has
** 71 million and is kept whole; a county has 1.3 billion, keeps 129
** million (2.9 GB at the peak, under the 4 GB target) and matched 616 more
** pupils than with 2^26 (docs/solve.md). */
#define SOLVE_SPARSE_ABOVE (1 << 27)
#define SOLVE_SPARSE_VISITS (1 << 27)
/* Each advocate marks SOLVE_SPARSE_SPREAD x max_pupils pupils
** (prep_sparse.spread): on the county, marking by rank, 4 matched 7511
** pupils, 8 7890, 16 8088; the least marked first, 16 matched 9096
** (docs/solve.md). */
#define SOLVE_SPARSE_SPREAD 16
/* prep_new_status, sparse past SOLVE_SPARSE_ABOVE: what solve and explain use. */
prep *solve_prepare(const model_programme *m, prep_status *status);
/* The same, sparse past max_candidates (1 to SOLVE_SPARSE_ABOVE), keeping
** about that many (each pupil keeps at least PREP_SPARSE_MIN_PAIRS pairs):
** `roster solve --max-candidates`, for a machine with less memory than a
** programme needs (a city keeps 71 million, 1.4 GB in a solve). */
prep *solve_prepare_within(const model_programme *m, int max_candidates, prep_status *status);
/* The threshold solve_prepare_within uses for max_candidates: itself when
** in range, else SOLVE_SPARSE_ABOVE (0 asks for the default). */
int solve_candidate_cap(int max_candidates);
/* The once-per-matched-pupil part of Q for the pair (pupil, adv). */
double solve_match_value(const model_programme *m, int pupil, int adv);
/* An advocate's weekly visit-minute cap (own and course), or MODEL_NO_LIMIT. */
int solve_advocate_week_cap(const model_programme *m, int adv);
/* Every weight is a whole number, so Q is one (needs, levels and
** priorities are whole numbers already): a bound may be floored. */
bool solve_integral_weights(const model_programme *m);
/* A bound on Q, floored when the weights are whole numbers (Q is then
** whole too; 1e-6 absorbs the solver's round-off); else as it is. */
double solve_whole_bound(const model_programme *m, double bound);

/* Q of a roster, straight from section 5 of the format. */
double solve_objective(const model_programme *m, const roster *r);

#endif
