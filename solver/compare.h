/*
** compare.h: what differs between two rosters of one programme.
**
** `roster compare A B --input FILE...` reads both rosters leniently against
** the current programme (a roster may name people who have since left) and
** says, per pupil and per session, what changed from A to B: the advocate,
** the weekly pattern, visits added or removed week by week, and session
** occurrences; then one summary line. See docs/rerostering.md.
*/
#ifndef ROSTER_COMPARE_H
#define ROSTER_COMPARE_H

#include <stdio.h>

#include "model.h"
#include "roster.h"

typedef struct {
    int reassigned;         /* matched in A, and in B to another advocate or to none */
    int newly_matched;      /* unmatched (or absent) in A, matched in B */
    int pattern_moved;      /* A's entries missing from B, pupils matched in B */
    int visits_added, visits_removed;       /* (date, start, pupil, advocate) in one only */
    int sessions_added, sessions_removed;   /* (date, start, session, teacher) in one only */
    int pupils_changed;     /* pupils with any difference */
} compare_summary;

/* Print the differences (one line per pupil or session that differs) and
** fill s. Returns 0, or -1 when memory runs out. */
int compare_rosters(const model_programme *m, const roster *a, const roster *b, FILE *out, compare_summary *s);

#endif
