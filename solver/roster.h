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

/* One entry of `changes:`, an extension of section 3 written by `roster
** solve --previous` (docs/rerostering.md): what changed against the
** previous roster, and why. Plain strings, because a change may name people
** the programme no longer has; from/to are NULL for "none". */
typedef struct {
    const char *what;       /* "advocate", "pattern" or "teacher" */
    const char *pupil;      /* advocate and pattern changes, else NULL */
    const char *session;    /* teacher changes, else NULL */
    const char *from, *to;  /* ids, or "tue 10:00" for a pattern entry */
    const char *reason;
} roster_change;

/* An entry of a roster read by roster_read_yaml_lenient that was left out
** because it names an id the programme does not have. Strings as written. */
typedef struct {
    const char *section;    /* "assignments", "pattern", "visits", ... */
    const char *subject;    /* the entry's pupil (or session) id */
    const char *who;        /* its advocate (or teacher) id, or NULL */
    const char *missing;    /* the id the programme does not have */
    int date;               /* visits and sessions: the date; else -1 */
} roster_dropped;

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

    /* Extensions (docs/rerostering.md). */
    bool has_changes;                      /* write `changes:`, even when empty */
    roster_change *changes;                int n_changes;
    roster_dropped *dropped;               int n_dropped;   /* lenient reads only */
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

/* The same for a previous roster, whose programme may since have lost
** people, schools or sessions: an entry naming an id m does not have is
** left out and listed in r->dropped instead of being an error. Every other
** problem is still an error. */
roster *roster_read_yaml_lenient(const model_programme *m, const char *path, diag_list *d);

#endif
