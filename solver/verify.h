/*
** verify.h: an independent check of a roster against the hard rules and
** the objective of the format (sections 4 and 5).
**
** The verifier shares nothing with the solver's model builder: it reads the
** validated programme (model.h) and the roster and re-derives every rule
** from the spec with cal.h's date facts, so a mistake in prepare or solve
** shows up here instead of being repeated.
*/
#ifndef ROSTER_VERIFY_H
#define ROSTER_VERIFY_H

#include <stdbool.h>
#include <stdio.h>

#include "model.h"
#include "roster.h"

/* Check every hard rule, the reported objective, bound and status. Prints
** one line per violation to out ("rule 5: visit 2026-09-08 10:00 P017/A03:
** ...", "objective: ...", "status: ...") and returns how many there were. */
int verify_roster(const model_programme *m, const roster *r, FILE *out);

/* Q of the roster as section 5 defines it, recomputed from the programme. */
double verify_objective(const model_programme *m, const roster *r);

/* The same for a roster made with `roster solve --previous OLD [--from
** DATE]` (docs/rerostering.md); old is read with roster_read_yaml_lenient.
** Mid-term (has_from and from on or after the period's first day): the
** entries dated before from must be exactly old's, they are facts (no rule
** is checked on them alone, but they count toward their week's limits),
** and the rules hold from `from`. The objective includes the reassign,
** continuity and repattern terms. */
int verify_roster_previous(const model_programme *m, const roster *r, const roster *old, bool has_from, int from,
                           FILE *out);
double verify_objective_previous(const model_programme *m, const roster *r, const roster *old, bool has_from, int from);

#endif
