/*
** model.h: the validated, in-memory model of one programme.
**
** This is what "load" produces and every later stage reads: people, schools,
** calendars and windows as plain structs with ids interned once and
** references resolved to indices. A model_programme owns one arena; every
** pointer inside it points into that arena and dies with model_free().
** Loading either succeeds with every rule of the format's section 1 checked,
** or returns NULL with positioned errors: later stages never see invalid
** input.
**
** Conventions used throughout:
**   dates       int, days since 1970-01-01 (see cal.h)
**   times       int, minutes since midnight, 0..1440; windows are [start, end)
**   weekdays    0 = Monday .. 6 = Sunday; a day set is a bit mask, bit d = day d
**   indices     into the arrays of model_programme; -1 means "none"
**   limits      -1 means "no limit"
**   names       free-form words (needs, skills, languages, genders, window
**               names) are interned in programme->names and stored as indices
*/
#ifndef ROSTER_MODEL_H
#define ROSTER_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "yamltree.h"

#define MODEL_NO_LIMIT (-1)

typedef uint8_t model_days; /* bit d set = weekday d (0 = Monday) included */

typedef struct {
    model_days days;
    int start, end;         /* minutes since midnight, start < end */
    const char *reason;     /* optional, NULL if none (no_visits, unavailable) */
    const yt_node *node;    /* where it was written */
} model_window;

typedef struct {
    model_window *v;
    int n;
} model_window_list;

typedef struct {
    int from, to;           /* inclusive dates; {date: D} gives from == to == D */
    const char *reason;     /* optional, NULL if none */
    const yt_node *node;
} model_period;

typedef struct {
    model_period *v;
    int n;
} model_period_list;

typedef struct {
    int name;               /* interned need / experience / skill / subject */
    int level;              /* 0..5 */
    const yt_node *node;
} model_level;

typedef struct {
    model_level *v;
    int n;
} model_level_list;

typedef struct {
    int *v;
    int n;
} model_index_list;

typedef struct {
    bool set;               /* false: no DBS check recorded, so no visits at all */
    int cleared, expires;   /* dates, inclusive */
    const yt_node *node;
} model_dbs;

typedef struct {
    double visit, match, continuity, preference, moved, school_day, session, reassign, repattern;
} model_weights;

typedef struct {
    const char *id;
    model_period_list open, closed;
    const yt_node *node;
} model_calendar;

/* Anything travel can be measured between: every school, every `places`
** entry and the university's place share this one list. */
typedef struct {
    const char *id;
    const char *name;       /* display name, defaults to the id */
    int school;             /* index into schools, or -1 */
    const yt_node *node;
} model_place;

typedef enum {
    MODEL_PHASE_PRIMARY,
    MODEL_PHASE_SECONDARY,
    MODEL_PHASE_ALL_THROUGH,
    MODEL_PHASE_SPECIAL,
    MODEL_PHASE_COLLEGE
} model_phase;

typedef struct {
    int name;               /* interned window name: core, early, late, ... */
    model_window_list entries;
    const yt_node *node;
} model_school_window;

typedef struct {
    const char *id;
    const char *name;       /* defaults to the id */
    model_phase phase;
    int calendar;           /* index into calendars */
    int place;              /* index into places */
    model_period_list closed;
    model_school_window *windows;
    int n_windows;          /* `core` is always present */
    model_window_list no_visits;
    int rooms;              /* default 1 */
    const yt_node *node;
} model_school;

typedef struct {
    const char *id;
    int school;
    int year;               /* 0 when not given */
    model_index_list windows;          /* interned window names, default [core] */
    model_level_list needs;
    model_index_list req_languages;    /* interned; all must be spoken */
    int req_gender;                    /* interned, or -1 */
    model_level_list req_experience;
    int per_week;           /* default 1 */
    int minutes;            /* default 60 */
    int priority;           /* 1..5, default 1 */
    int previous_advocate;  /* index into advocates, or -1 */
    model_index_list prefers;          /* advocate indices, ranked */
    model_index_list avoid;            /* advocate indices */
    model_window_list unavailable;
    bool moves;             /* the fields below are meaningful only when true */
    int moves_school;
    model_index_list moves_windows;    /* interned window names */
    int moves_on;           /* date from which the pupil belongs to moves_school */
    const yt_node *node;
} model_pupil;

typedef enum {
    MODEL_KIND_STAFF,
    MODEL_KIND_STUDENT,
    MODEL_KIND_COMMUNITY,
    MODEL_KIND_VOLUNTEER
} model_advocate_kind;

typedef struct {
    const char *id;
    const char *name;       /* defaults to the id */
    model_advocate_kind kind;
    model_level_list experience;
    model_index_list languages;        /* interned */
    int gender;                        /* interned, or -1 */
    int max_pupils;                    /* or MODEL_NO_LIMIT */
    int max_minutes_per_week;          /* or MODEL_NO_LIMIT */
    model_window_list available;
    model_period_list leave;
    model_dbs dbs;
    int base;               /* index into places, or -1 */
    int course;             /* index into courses, or -1 */
    model_index_list schools;          /* school indices; empty = any school */
    int teacher;            /* the same person in community_teachers, or -1 */
    const yt_node *node;
} model_advocate;

typedef struct {
    const char *id;
    const char *name;
    int calendar;           /* index into calendars, or -1 */
    model_window_list release;
    int max_minutes_per_week;          /* per student, or MODEL_NO_LIMIT */
    model_period_list blocks;
    const yt_node *node;
} model_course;

typedef struct {
    const char *id;
    const char *name;
    model_level_list skills;
    model_window_list available;
    model_period_list leave;
    model_dbs dbs;
    int max_sessions_per_week;         /* or MODEL_NO_LIMIT */
    model_index_list venues;           /* place indices; empty = any school */
    int advocate;           /* the same person in advocates, or -1 */
    const yt_node *node;
} model_teacher;

typedef struct {
    const char *id;
    int place;              /* index into places */
    int school;             /* the place's school, or -1 for a non-school venue */
    int subject;            /* interned */
    int min_level;
    int minutes;
    model_window_list when;
    int per_week;           /* default 1 */
    int priority;           /* 1..5, default 1 */
    const yt_node *node;
} model_session;

typedef struct model_programme {
    arena *arena;

    const char *name;
    int period_from, period_to;        /* inclusive dates */
    int slot_minutes;                  /* default 15 */
    model_weights weights;
    const yt_node *node;               /* the `programme` mapping */

    model_calendar *calendars;  int n_calendars;
    model_place *places;        int n_places;
    model_school *schools;      int n_schools;
    model_pupil *pupils;        int n_pupils;
    model_advocate *advocates;  int n_advocates;
    model_course *courses;      int n_courses;
    model_teacher *teachers;    int n_teachers;
    model_session *sessions;    int n_sessions;

    const char *university_name;       /* NULL when there is no `university` */
    int university_place;              /* index into places, or -1 */

    int travel_default;                /* minutes, default 30 */
    int *travel;                       /* n_places x n_places minutes, symmetric */

    const char **names;                /* interned free-form names */
    int n_names;

    struct model_index *index;         /* id lookups, see model_find_* */
} model_programme;

/* Load and validate the given files as one programme (section 1 of the
** format: lists concatenated, programme/travel/university at most once).
** Returns NULL when anything is wrong; every problem is in d. The file
** names in those error positions are the caller's paths/names pointers, so
** keep them alive as long as d is printed. */
model_programme *model_load(const char *const *paths, int n_paths, diag_list *d);
/* Same from in-memory buffers; names[i] is used in error positions. */
model_programme *model_load_buffers(const char *const *names, const char *const *buffers,
                                    const int *lengths, int n, diag_list *d);
void model_free(model_programme *m);

/* Id lookups, -1 when absent. */
int model_find_pupil(const model_programme *m, const char *id);
int model_find_advocate(const model_programme *m, const char *id);
int model_find_teacher(const model_programme *m, const char *id);
int model_find_school(const model_programme *m, const char *id);
int model_find_place(const model_programme *m, const char *id);
int model_find_session(const model_programme *m, const char *id);
int model_find_course(const model_programme *m, const char *id);
int model_find_calendar(const model_programme *m, const char *id);
/* Interned name lookup, -1 if the name never occurs in the input. */
int model_find_name(const model_programme *m, const char *name);

/* Travel minutes between two places (symmetric, 0 to itself). */
int model_travel(const model_programme *m, int place_a, int place_b);
/* Level of name in a level list, 0 when absent. */
int model_level_of(const model_level_list *l, int name);
/* The school a pupil belongs to on a date, honouring `moves`. */
int model_pupil_school_on(const model_programme *m, const model_pupil *p, int date);
/* The window names a pupil uses on a date, honouring `moves`. */
const model_index_list *model_pupil_windows_on(const model_pupil *p, int date);
/* A school's window by interned name, or NULL. */
const model_school_window *model_school_window_named(const model_school *s, int name);

const char *model_phase_name(model_phase p);
const char *model_kind_name(model_advocate_kind k);
diag_pos model_pos(const yt_node *node);

#endif
