/*
** coarse.h: a bound on Q for a sparse prep, from every usable pair's dates
** per week.
**
** A sparse prep (prepare.h) keeps candidates for some pairs only, so the
** assignment bound A, which measures advocates' days from candidates, can
** bound only the programme without the left pairs. The coarse bound relaxes
** the programme to: each pupil at most one advocate; per week at most
** per_week visits, on dates the pair has a candidate; an advocate at most
** max_pupils pupils and, per week, at most its weekly cap (own and course)
** and the minutes its candidates cover (the census). Prices on places
** and weekly minutes (a Lagrangian, Held-Karp style subgradient steps)
** make it tighter; every
** price vector gives a valid bound, so the least one seen is reported.
** The argument is in docs/solve.md, "Programmes too large to keep every
** candidate".
*/
#ifndef ROSTER_COARSE_H
#define ROSTER_COARSE_H

#include <signal.h>

#include "model.h"
#include "prepare.h"

typedef struct {
    double target;          /* a Q some roster reaches: steps aim at it */
    double deadline;        /* stop_clock() time to stop by; <= 0: none */
    volatile sig_atomic_t *stop; /* may be NULL */
    int max_iterations;
    int threads;            /* pupils are priced on this many (the bound does not depend on it) */
    int *steps;             /* when not NULL: the steps taken */
    bool *cut_short;        /* when not NULL: set when the deadline or the interrupt ended the steps */
} coarse_options;

/* The bound on the visits-and-matches part of Q over every pair of p,
** kept and left (sessions are not in it). HUGE_VAL when memory runs out or
** a weight that only subtracts is negative (then the relaxation would not
** bound Q). */
double coarse_bound(const model_programme *m, const prep *p, const coarse_options *o);

#endif
