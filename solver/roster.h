/*
** roster.h: a roster (the solver's answer) and its roster.yaml form.
**
** The solver fills a roster; writers and the verifier read one. Entities are
** indices into the model_programme the roster belongs to. A roster owns its
** own arena (reason strings, arrays). roster_write_yaml writes section 3 of
** the format atomically; roster_read_yaml parses it back against a
** programme, with positioned errors, for `roster verify`.
*/
#ifndef ROSTER_ROSTER_H
#define ROSTER_ROSTER_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "model.h"

typedef enum {
    ROSTER_OPTIMAL,
    ROSTER_FEASIBLE,
    ROSTER_TIME_LIMIT,
    ROSTER_NO_ROSTER
} roster_status;

typedef struct {
    int pupil, advocate;
} roster_assignment;

typedef struct {
    int pupil;
    int weekday; /* 0 = Monday */
    int start;   /* minutes since midnight */
} roster_pattern_entry;

typedef struct {
    int date, start, end;
    int pupil, advocate, school;
} roster_visit;

typedef struct {
    int date, start, end;
    int session, teacher, place;
} roster_session_occurrence;

typedef struct {
    int pupil;
    const char **reasons;
    int n_reasons;
} roster_unmatched;

typedef struct {
    int pupil;
    int week;            /* the Monday of the week (date) */
    const char *reason;
} roster_missed;

typedef struct {
    int session;
    int week;            /* the Monday of the week (date) */
    const char *reason;
} roster_unfilled;

typedef struct roster {
    arena *arena;
    roster_status status;
    double value, bound;

    roster_assignment *assignments;        int n_assignments;
    roster_pattern_entry *pattern;         int n_pattern;
    roster_visit *visits;                  int n_visits;
    roster_session_occurrence *sessions;   int n_sessions;
    roster_unmatched *unmatched;           int n_unmatched;
    roster_missed *missed;                 int n_missed;
    roster_unfilled *unfilled;             int n_unfilled;
} roster;

roster *roster_new(void);
void roster_free(roster *r);

const char *roster_status_name(roster_status s);

/* Sort every list into the canonical order used in roster.yaml (by date,
** start, then ids), so equal rosters are byte-identical on disk. */
void roster_sort(roster *r, const model_programme *m);

/* Write roster.yaml atomically (temporary file, fsync, rename); mode 0600.
** Returns 0, or -1 with a message in d. */
int roster_write_yaml(const roster *r, const model_programme *m, const char *path, diag_list *d);

/* Read a roster.yaml written for programme m. NULL with errors in d. */
roster *roster_read_yaml(const model_programme *m, const char *path, diag_list *d);

#endif
