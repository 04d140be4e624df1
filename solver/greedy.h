/*
** greedy.h: a quick feasible roster, the integer program's first incumbent.
**
** Pupils in priority order take the advocate and weekly times that add most
** to Q, then sessions fill what is left; a deterministic local search then
** keeps only moves that raise Q exactly (fill missed weeks, displace one
** engagement, re-plan or re-assign a pupil, add sessions). Every hard rule
** is checked as engagements are taken, so the result is always feasible;
** it is a start for GLPK, and the roster written when the search is
** stopped early.
*/
#ifndef ROSTER_GREEDY_H
#define ROSTER_GREEDY_H

#include <signal.h>
#include <stdbool.h>

#include "model.h"
#include "prepare.h"

/* Sets visit_on[k] (k over prep_visits) and occ_on[k] (over
** prep_occurrences) to 0 or 1. Returns 0, or -1 when memory runs out. */
int greedy_roster(const model_programme *m, const prep *p, char *visit_on, char *occ_on);

/* What every greedy run derives from prepare's candidates alone: per visit
** its pair and week. Runs of one programme may share one (read-only), so
** two rosters planned side by side hold it once (8 bytes a visit less on
** a city's 71 million). */
typedef struct greedy_index greedy_index;
greedy_index *greedy_index_new(const prep *p); /* NULL when memory runs out */
void greedy_index_free(greedy_index *ix);

typedef struct {
    int passes;             /* local-search passes after construction (0: construction only) */
    const char *prefer_pair; /* per prep pair, or NULL: pupils try these pairs first (e.g. R's x*) */
    double deadline;        /* stop_clock() seconds after which the local search stops; 0: none */
    volatile sig_atomic_t *stop; /* an interrupt also stops it; may be NULL */
    bool *cut_short;        /* set when the deadline or the interrupt stopped it; may be NULL */
    const greedy_index *index; /* shared per-visit index, or NULL: the run builds its own */
    /* called with Q after construction and after each pupil of the local
    ** search (for a progress display; it should be cheap); may be NULL */
    void (*on_q)(void *arg, double q);
    void *on_q_arg;
    /* threads for the local search (0 or 1: the calling thread alone); the
    ** roster is the same for any count, only sooner */
    int threads;
} greedy_options;

/* The same with options; *q (may be NULL) receives Q of the roster, its
** pattern taken as solve.c does: per pupil the most frequent visit times
** on distinct weekdays. greedy_roster uses passes = GREEDY_PASSES. The
** search stops at the first pass that improves nothing, so passes cost
** only where they still pay: early-window 103908 -> 104228 with 10
** instead of 3, area 713200 -> 713695 (docs/solve.md). */
#define GREEDY_PASSES 10
int greedy_roster_opts(const model_programme *m, const prep *p, const greedy_options *o, char *visit_on, char *occ_on,
                       double *q);

#endif
