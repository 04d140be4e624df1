/*
** roster.c: roster lifetime and canonical ordering (see roster.h).
**
** Canonical order is by date and time, then by the entity's position in the
** input (input order is what the lead wrote, and it makes equal rosters
** byte-identical on disk whatever order a solver produced them in).
*/
#include "roster.h"

#include <stdlib.h>

roster *roster_new(void) {
    roster *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->arena = arena_new();
    if (!r->arena) {
        free(r);
        return NULL;
    }
    r->status = ROSTER_NO_ROSTER;
    return r;
}

void roster_free(roster *r) {
    if (!r) return;
    arena_free(r->arena);
    free(r);
}

const char *roster_status_name(roster_status s) {
    switch (s) {
    case ROSTER_OPTIMAL: return "optimal";
    case ROSTER_FEASIBLE: return "feasible";
    case ROSTER_TIME_LIMIT: return "time_limit";
    case ROSTER_NO_ROSTER: return "no_roster";
    }
    return "unknown";
}

static int cmp_int(int a, int b) { return (a > b) - (a < b); }

static int cmp_assignment(const void *x, const void *y) {
    const roster_assignment *a = x, *b = y;
    return cmp_int(a->pupil, b->pupil);
}

static int cmp_pattern(const void *x, const void *y) {
    const roster_pattern_entry *a = x, *b = y;
    int c = cmp_int(a->pupil, b->pupil);
    if (!c) c = cmp_int(a->weekday, b->weekday);
    return c ? c : cmp_int(a->start, b->start);
}

static int cmp_visit(const void *x, const void *y) {
    const roster_visit *a = x, *b = y;
    int c = cmp_int(a->date, b->date);
    if (!c) c = cmp_int(a->start, b->start);
    if (!c) c = cmp_int(a->pupil, b->pupil);
    return c ? c : cmp_int(a->advocate, b->advocate);
}

static int cmp_session(const void *x, const void *y) {
    const roster_session_occurrence *a = x, *b = y;
    int c = cmp_int(a->date, b->date);
    if (!c) c = cmp_int(a->start, b->start);
    if (!c) c = cmp_int(a->session, b->session);
    return c ? c : cmp_int(a->teacher, b->teacher);
}

static int cmp_unmatched(const void *x, const void *y) {
    const roster_unmatched *a = x, *b = y;
    return cmp_int(a->pupil, b->pupil);
}

static int cmp_missed(const void *x, const void *y) {
    const roster_missed *a = x, *b = y;
    int c = cmp_int(a->pupil, b->pupil);
    return c ? c : cmp_int(a->week, b->week);
}

static int cmp_unfilled(const void *x, const void *y) {
    const roster_unfilled *a = x, *b = y;
    int c = cmp_int(a->session, b->session);
    return c ? c : cmp_int(a->week, b->week);
}

void roster_sort(roster *r, const model_programme *m) {
    (void)m; /* order is by input position, which the indices already are */
    if (r->n_assignments) qsort(r->assignments, (size_t)r->n_assignments, sizeof *r->assignments, cmp_assignment);
    if (r->n_pattern) qsort(r->pattern, (size_t)r->n_pattern, sizeof *r->pattern, cmp_pattern);
    if (r->n_visits) qsort(r->visits, (size_t)r->n_visits, sizeof *r->visits, cmp_visit);
    if (r->n_sessions) qsort(r->sessions, (size_t)r->n_sessions, sizeof *r->sessions, cmp_session);
    if (r->n_unmatched) qsort(r->unmatched, (size_t)r->n_unmatched, sizeof *r->unmatched, cmp_unmatched);
    if (r->n_missed) qsort(r->missed, (size_t)r->n_missed, sizeof *r->missed, cmp_missed);
    if (r->n_unfilled) qsort(r->unfilled, (size_t)r->n_unfilled, sizeof *r->unfilled, cmp_unfilled);
}
