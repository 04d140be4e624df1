/*
** previous.h: re-rostering against a previous roster (--previous, --from).
**
** A plan says what the previous roster means for the new one (see
** docs/rerostering.md):
**   mid-term (--from DATE inside or after the period's first day): visits
**     and sessions dated before DATE are facts, copied unchanged; from DATE
**     the solver re-plans and pays weights.reassign per pupil whose advocate
**     changes (to another advocate or to none) and weights.repattern per
**     previous pattern entry missing from the new pattern;
**   across terms (no --from, or --from before the period): nothing is
**     pinned; each pupil's previous advocate earns weights.continuity (once,
**     together with previous_advocate in the input) and each previous
**     pattern entry missing from the new pattern costs weights.repattern.
** The solver talks to the plan through four hooks that work on column names
** (x[...], y[...], v[...], on[...], z[...], o[...]: see solve.c), so the
** integer program's construction stays in solve.c.
*/
#ifndef ROSTER_PREVIOUS_H
#define ROSTER_PREVIOUS_H

#include <glpk.h>
#include <stdbool.h>

#include "model.h"
#include "prepare.h"
#include "roster.h"

typedef struct prev_plan prev_plan;

/* old: the previous roster read with roster_read_yaml_lenient against m;
** the plan refers to it (and to m) without owning either. has_from false
** means across terms. NULL only when memory runs out. */
prev_plan *prev_new(const model_programme *m, const roster *old, bool has_from, int from);
void prev_free(prev_plan *pv);

/* True when visits before prev_from are pinned (mid-term). */
bool prev_mid_term(const prev_plan *pv);
/* The first date the solver plans (the period's first day across terms). */
int prev_from(const prev_plan *pv);

/* ---- solver hooks, in the order solve_run calls them ------------------- */

/* After the program is built: fix columns dated before --from to 0, add the
** disruption terms and the constant of the pinned facts (a column fixed at
** 1), and the rows that let pinned visits count toward the week of --from.
** Returns 0, or -1 when memory runs out. */
int prev_build(const prev_plan *pv, const prep *p, glp_prob *P);
/* Make the greedy start vector (one value per column, 1-based) agree with
** prev_build: drop what it fixed, and fall back to the empty roster when
** the rest is infeasible. */
void prev_start(const prev_plan *pv, glp_prob *P, double *heur);
/* After the roster is extracted: add the pinned visits and sessions. */
int prev_add_pinned(const prev_plan *pv, roster *r);
/* After unmatched/missed/unfilled are explained: reasons for weeks before
** --from come from the previous roster, and r->changes says what changed
** against it and why. Returns 0, or -1 when memory runs out. */
int prev_explain(const prev_plan *pv, const prep *p, roster *r);

/* Q of a roster made with this plan: section 5 of the format (solve.h's
** solve_objective) plus the disruption terms above. */
double prev_objective(const prev_plan *pv, const roster *r);

#endif
