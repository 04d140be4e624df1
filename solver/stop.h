/*
** stop.h: GLPK runs that an interrupt can stop.
**
** `roster solve` turns SIGINT/SIGTERM into a flag (a volatile sig_atomic_t
** that only the signal handler writes). GLPK's branch-and-cut calls back
** often enough to be told to stop (stop_tree), but glp_simplex has no
** callback: stop_simplex runs it in slices of a fixed number of iterations
** and reads the flag between them. Slicing by count, not time, keeps every
** result independent of machine speed, so runs that finish stay
** reproducible.
*/
#ifndef ROSTER_STOP_H
#define ROSTER_STOP_H

#include <glpk.h>
#include <signal.h>
#include <stdbool.h>

/* Iterations per slice. Each restart resets the pricing weights: 1000
** measured no slower than one uninterrupted run on a 200k-row program,
** 200 markedly slower. */
#define STOP_SIMPLEX_SLICE 1000

/* True when stop is set and raised. stop may be NULL. */
bool stop_requested(volatile sig_atomic_t *stop);

/* glp_simplex(P, sm) until it ends, *stop is raised (GLP_ESTOP) or the
** CLOCK_MONOTONIC deadline passes (GLP_ETMLIM; deadline <= 0: none). sm's
** it_lim and tm_lim are overwritten. */
int stop_simplex(glp_prob *P, glp_smcp *sm, volatile sig_atomic_t *stop, double deadline);

/* A glp_iocp.cb_func whose cb_info is the flag: terminates the search once
** it is raised. */
void stop_tree(glp_tree *T, void *flag);

/* What stop_tree_when watches: the flag (may be NULL) and a CLOCK_MONOTONIC
** deadline (<= 0: none). */
typedef struct {
    volatile sig_atomic_t *stop;
    double deadline;
} stop_when;

/* A glp_iocp.cb_func whose cb_info is a stop_when: terminates the search
** once the flag is raised or the deadline has passed. Needed with GLPK's
** presolve: glp_intopt then solves the root LP itself, and its tm_lim
** counts from the branch and bound that follows, so a long root LP
** overran the time limit by its own length. */
void stop_tree_when(glp_tree *T, void *when);

/* In a search callback: lowers *bound to the bound of T's best open node
** (the search's proven bound of a maximisation) and sets *have once one
** was seen. */
void stop_track_bound(glp_tree *T, double *bound, bool *have);

/* Seconds as GLPK's tm_lim milliseconds: at least 1, at most INT_MAX (a
** limit of months would overflow int, and GLPK aborts on a negative one). */
int stop_ms(double seconds);

/* Seconds on CLOCK_MONOTONIC, the clock deadlines are given in. */
double stop_clock(void);

#endif
