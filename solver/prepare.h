/*
** prepare.h: the time grid and the individually feasible candidates.
**
** From a validated programme, prepare works out everything that does not
** depend on other people's choices: the weeks of the period, which advocates
** each pupil may have (rule 2's static part), every (date, start) at which a
** pupil could be visited by a given advocate (rules 2-6), and every dated
** session occurrence a teacher could give (rule 11's static part). It also
** keeps, from the data, why candidates fell away, so the roster can say why a
** pupil is unmatched or a visit was missed. The solver only builds its
** integer program from these lists; it never re-derives a rule.
*/
#ifndef ROSTER_PREPARE_H
#define ROSTER_PREPARE_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

typedef struct prep prep;

/* A visit candidate of one (pupil, advocate) pair; end = start + pupil
** minutes. Packed to 12 bytes: a city has 71 million of them. Minutes fit
** 16 bits (a day has 1440) and places 15 (load caps them at 4096). */
typedef struct {
    int32_t date;
    uint16_t start, end;
    int16_t school;         /* the pupil's school on that date (honours moves) */
    int16_t place;          /* that school's place */
} prep_visit;

/* A compatible (pupil, advocate) pair with at least one feasible visit. */
typedef struct {
    int pupil, advocate;
    int first, n;           /* its candidates: prep_visits()[first .. first+n) */
} prep_pair;

/* A usable pair of a sparse prep whose candidates were not kept. */
typedef struct {
    int pupil, advocate;
    int n;                  /* the candidates it has */
} prep_left_pair;

/* A session occurrence a teacher could give. */
typedef struct {
    int session, teacher, date, start, end;
    int place, school;      /* school -1 for a non-school venue */
} prep_occurrence;

/* The most candidate visits one programme may have: 268 million, about 4
** cities (a city has 71 million). They take 3.2 GB at 12 bytes each, and a
** solve about twice what prepare holds, so more would not fit a machine a
** programme lead has; refusing here takes seconds, not the minutes and
** 13 GB that reaching a billion took. A county of 10,000 pupils over a term
** has more than a billion (docs/solve.md, "How the cost grows"). */
#define PREP_MAX_VISITS (1 << 28)

typedef enum {
    PREP_OK,
    PREP_NO_MEMORY,
    PREP_TOO_MANY_VISITS    /* more than PREP_MAX_VISITS candidates */
} prep_status;

/* NULL when memory runs out or the candidates pass PREP_MAX_VISITS; *status
** (may be NULL) says which. */
prep *prep_new_status(const model_programme *m, prep_status *status);
/* The same with another cap on the candidates (at most PREP_MAX_VISITS; the
** tests use a small one). */
prep *prep_new_capped(const model_programme *m, int max_visits, prep_status *status);
/* A programme too large to keep every candidate: a county of 10,000
** pupils has 3.4 million usable pairs (340 advocates a pupil) and 1.3
** billion candidates. A sparse prep keeps the candidates of each pupil's
** best pairs (by rank) within budget / n_pupils candidates a pupil, at
** least PREP_SPARSE_MIN_PAIRS of them, and lists the rest as left pairs
** with their dates per week, from which a bound can still count every
** pair (docs/solve.md, "Programmes too large to keep every candidate"). */
typedef double (*prep_rank_fn)(const model_programme *m, int pupil, int advocate, const unsigned char *dates_per_week,
                               int n_weeks, void *ctx);
typedef struct {
    int above;              /* keep every candidate up to this many (at most PREP_MAX_VISITS) */
    int budget;             /* past above: keep this many in all, sparse; 0: refuse (PREP_TOO_MANY_VISITS) */
    prep_rank_fn rank;      /* the higher the better; NULL ranks by candidates */
    void *rank_ctx;
    /* Each advocate marks spread x max_pupils pupils (PREP_SPARSE_PLACES
    ** when it has no max_pupils), the least marked first; marked pairs
    ** are kept before the pupils' own best pairs. 0: no marks. */
    int spread;
} prep_sparse;
#define PREP_SPARSE_MIN_PAIRS 4
#define PREP_SPARSE_PLACES 10
prep *prep_new_sparse(const model_programme *m, const prep_sparse *sp, prep_status *status);

/* The same without the reason. */
prep *prep_new(const model_programme *m);
void prep_free(prep *p);

/* Weeks of the period, Monday to Sunday; the first/last may be partial. */
int prep_n_weeks(const prep *p);
int prep_week_monday(const prep *p, int week);      /* date of the Monday */
int prep_week_of(const prep *p, int date);          /* week index of a date */

/* Pairs sorted by pupil, then advocate. */
int prep_n_pairs(const prep *p);
const prep_pair *prep_pairs(const prep *p);
/* The pairs of one pupil: prep_pairs()[*first .. *first + *n). */
void prep_pupil_pairs(const prep *p, int pupil, int *first, int *n);
const prep_visit *prep_visits(const prep *p);
/* Per week, the dates on which pair (an index into prep_pairs) has a
** candidate: dates[prep_n_weeks]. */
void prep_pair_dates(const prep *p, int pair, unsigned char *dates);
/* A sparse prep (prep_new_sparse) left some usable pairs out of prep_pairs. */
bool prep_is_sparse(const prep *p);
/* The left pairs, by pupil then advocate; of one pupil:
** prep_left()[*first .. *first + *n); none when not sparse. */
int prep_n_left(const prep *p);
const prep_left_pair *prep_left(const prep *p);
void prep_pupil_left(const prep *p, int pupil, int *first, int *n);
/* Per week, the dates on which left pair i has a candidate (prep_n_weeks of them). */
const unsigned char *prep_left_dates(const prep *p, int i);
/* A sparse prep: the minutes of date covered by some candidate of any of
** the advocate's usable pairs, kept or left (its visits that date lie in
** them and do not overlap); -1 when not sparse or outside the period. */
int prep_day_union_minutes(const prep *p, int advocate, int date);
int prep_n_visits(const prep *p);

int prep_n_occurrences(const prep *p);
const prep_occurrence *prep_occurrences(const prep *p);

/* A person: an advocate index, or n_advocates + teacher for a community
** teacher who is not also an advocate. Engagements of one person may not
** overlap (rule 9). */
int prep_n_persons(const prep *p);
int prep_person_of_advocate(const prep *p, int advocate);
int prep_person_of_teacher(const prep *p, int teacher);

/* Why no advocate could take this pupil at all, from the data (empty when
** some pair exists). Returns the number of reasons; the strings live as
** long as p. */
int prep_unmatched_static(const prep *p, int pupil, const char ***reasons);

/* Why pupil (with advocate) could not be visited on date: NULL when some
** visit is individually feasible that date, else a phrase such as
** "school closed: half term" or "A03 on leave". */
const char *prep_date_blocker(const prep *p, int pupil, int advocate, int date);

/* Why session could not be given on date by any teacher: NULL when some
** occurrence is feasible that date. */
const char *prep_session_blocker(const prep *p, int session, int date);

/* ---- explanations (for `roster explain` and advice) --------------------- */

/* The first rule that keeps a person from a pupil or a session, in the
** order they are checked. */
typedef enum {
    PREP_RULE_OK,          /* individually feasible candidates exist */
    PREP_RULE_AVOID,
    PREP_RULE_LANGUAGES,
    PREP_RULE_GENDER,
    PREP_RULE_EXPERIENCE,  /* for a teacher: skill below min_level */
    PREP_RULE_DBS,         /* no DBS check recorded */
    PREP_RULE_SCHOOLS,     /* for a teacher: venue not allowed */
    PREP_RULE_NO_DATE,     /* every date with common time is ruled out */
    PREP_RULE_NO_TIME      /* no common time on any weekday */
} prep_rule;

/* Why advocate can never visit pupil: PREP_RULE_OK (*why NULL) when the
** pair has candidates, else the first failing rule and in *why the rule in
** the user's words with the data behind it, such as "requires.languages
** [urdu]: A02 speaks english". Strings live as long as p. */
prep_rule prep_pair_rule(const prep *p, int pupil, int advocate, const char **why);

/* The same for a community teacher and a session. */
prep_rule prep_teacher_rule(const prep *p, int session, int teacher, const char **why);

/* A window list as the input writes it: "mon-fri 08:45-15:15; sat 09:00-12:00". */
const char *prep_windows_text(const prep *p, const model_window_list *l);

#endif
