/*
** advice.h: what would help most where the programme is short, from the
** solver's own evidence.
**
** Unmatched pupils are grouped by school and by what they require (gender,
** languages); missed visits by school; unfilled sessions by session. For
** each group advice proposes one hypothetical person (an advocate with the
** group's required languages, gender and the highest required experience,
** free on the weekdays and hours where the group's pupils can be visited,
** DBS valid for the period, limited to that school; or a community teacher
** with the session's subject at min_level, free in its `when`), adds it as
** input YAML to a copy of the programme (through the loader, so it is
** validated like any input), re-solves with a short time limit and reports
** what the re-solve actually delivered for the group. Numbers in the advice
** therefore come from a roster the solver built, never from an estimate.
*/
#ifndef ROSTER_ADVICE_H
#define ROSTER_ADVICE_H

#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "roster.h"
#include "solve.h"

typedef enum {
    ADVICE_UNMATCHED,   /* a new advocate for unmatched pupils */
    ADVICE_MISSED,      /* a new advocate where matched pupils miss visits */
    ADVICE_UNFILLED     /* a new community teacher for an unfilled session */
} advice_kind;

typedef struct {
    advice_kind kind;
    const char *proposal;   /* "one more volunteer advocate with sen at level 2 ..." */
    const char *evidence;   /* the shortfall and what rules existing people out */
    const char *yaml;       /* the hypothetical person as an input file */
    const char *outcome;    /* the sentence people read, with the re-solve's numbers */
    int targets;            /* pupils (unmatched), missed visits or unfilled weeks aimed at */
    int covered;            /* of those, matched / delivered / filled in the what-if */
    const char **covered_ids;           /* unmatched: the pupils covered */
    int n_covered_ids;
    int matched_after, visits_after, sessions_after;   /* whole programme, in the what-if */
    roster_status status;   /* of the what-if solve */
    double seconds;
    double gain;            /* the objective terms the covered part is worth (visits or sessions) */
    int order;              /* rank of its shortfall group before the what-ifs */
} advice_item;

typedef struct advice_list {
    arena *arena;
    advice_item *items;     /* largest gain in the what-if first */
    int n_items;
    int n_groups;           /* shortfall groups found; at most max_whatifs were tried */
    int matched_before, visits_before, sessions_before;
    int n_pupils;           /* in the programme */
} advice_list;

typedef struct {
    int max_whatifs;        /* <= 0: 4 */
    double whatif_seconds;  /* <= 0: 5 */
} advice_options;

/* Advice for roster r of programme m, which was loaded from the given
** buffers (names are used in error positions). base gives threads; ao may
** be NULL. Returns 0 (out may be empty), or -1 with a message in d. */
int advice_compute_buffers(const model_programme *m, const char *const *names, const char *const *buffers,
                           const int *lengths, int n, const roster *r, const solve_options *base,
                           const advice_options *ao, advice_list *out, diag_list *d);
/* The same, reading the input files at paths (as model_load did). */
int advice_compute(const model_programme *m, const char *const *paths, int n_paths, const roster *r,
                   const solve_options *base, const advice_options *ao, advice_list *out, diag_list *d);
void advice_print(const advice_list *l, FILE *out);
void advice_free(advice_list *l);

#endif
