/*
** greedy.h: a quick feasible roster, the integer program's first incumbent.
**
** Pupils in priority order take the advocate and weekly times that deliver
** most, then sessions fill what is left. Every hard rule is checked as
** candidates are taken, so the result is always feasible; it is a start
** for GLPK, and the roster written when the search is stopped early.
*/
#ifndef ROSTER_GREEDY_H
#define ROSTER_GREEDY_H

#include "model.h"
#include "prepare.h"

/* Sets visit_on[k] (k over prep_visits) and occ_on[k] (over
** prep_occurrences) to 0 or 1. Returns 0, or -1 when memory runs out. */
int greedy_roster(const model_programme *m, const prep *p, char *visit_on, char *occ_on);

#endif
