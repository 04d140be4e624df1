/*
** prepare.c: weeks, compatible advocates and individually feasible
** candidates (see prepare.h).
**
** Every rule check lives in one function (pair_static, day_blocker,
** start_ok, session_day_blocker, occurrence_ok) that is used both to
** generate candidates and, on demand, to explain why there were none: the
** reasons in the roster can never disagree with what the solver was offered.
*/
#include "prepare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"

struct prep {
    const model_programme *m;
    arena *arena;           /* reason strings */
    int first_monday, n_weeks;
    prep_pair *pairs;       int n_pairs;
    prep_visit *visits;     int n_visits, cap_visits;
    int *pupil_first;       /* n_pupils + 1 offsets into pairs */
    prep_occurrence *occ;   int n_occ, cap_occ;
};

/* ---- growable arrays --------------------------------------------------- */

static int grow(void **v, int *cap, int need, size_t size) {
    if (need <= *cap) return 0;
    int n = *cap ? *cap : 256;
    while (n < need) n *= 2;
    void *w = realloc(*v, (size_t)n * size);
    if (!w) return -1;
    *v = w;
    *cap = n;
    return 0;
}

/* ---- names ------------------------------------------------------------- */

static const char *name_of(const model_programme *m, int name) {
    return name >= 0 && name < m->n_names ? m->names[name] : "?";
}

static bool has_index(const model_index_list *l, int v) {
    for (int i = 0; i < l->n; i++)
        if (l->v[i] == v) return true;
    return false;
}

/* ---- rule 2, static part ----------------------------------------------- */

typedef enum {
    PS_OK,
    PS_AVOID,
    PS_LANGUAGES,
    PS_GENDER,
    PS_EXPERIENCE,
    PS_DBS,
    PS_SCHOOLS,
    PS_COUNT
} pair_fail;

static pair_fail pair_static(const model_programme *m, int pupil, int adv) {
    const model_pupil *p = &m->pupils[pupil];
    const model_advocate *a = &m->advocates[adv];
    if (has_index(&p->avoid, adv)) return PS_AVOID;
    for (int i = 0; i < p->req_languages.n; i++)
        if (!has_index(&a->languages, p->req_languages.v[i])) return PS_LANGUAGES;
    if (p->req_gender >= 0 && a->gender != p->req_gender) return PS_GENDER;
    for (int i = 0; i < p->req_experience.n; i++)
        if (model_level_of(&a->experience, p->req_experience.v[i].name) < p->req_experience.v[i].level)
            return PS_EXPERIENCE;
    if (!a->dbs.set) return PS_DBS;
    if (a->schools.n > 0 && !has_index(&a->schools, p->school) &&
        !(p->moves && has_index(&a->schools, p->moves_school)))
        return PS_SCHOOLS;
    return PS_OK;
}

/* A reason only when asked for one: generation only needs yes or no. */
#define WHY(...) (explain ? arena_printf(pp->arena, __VA_ARGS__) : "")

/* ---- rules 2-6 for one date -------------------------------------------- */

/* NULL when (pupil, adv) may meet on date as far as the date goes; else why
** not. Times are checked separately by start_ok. */
static const char *day_blocker(prep *pp, int pupil, int adv, int date, bool explain) {
    const model_programme *m = pp->m;
    const model_pupil *p = &m->pupils[pupil];
    const model_advocate *a = &m->advocates[adv];
    if (date < m->period_from || date > m->period_to) return "outside the programme period";
    int school = model_pupil_school_on(m, p, date);
    if (a->schools.n > 0 && !has_index(&a->schools, school))
        return WHY("%s does not visit %s", a->id, m->schools[school].id);
    const char *why = NULL;
    if (!cal_school_open(m, school, date, &why)) return WHY("school closed: %s", why);
    const model_period *leave = cal_periods_find(&a->leave, date);
    if (leave) return WHY("%s on leave%s%s", a->id, leave->reason ? ": " : "",
                                   leave->reason ? leave->reason : "");
    if (!a->dbs.set) return WHY("%s has no DBS check", a->id);
    if (date < a->dbs.cleared) return WHY("%s DBS not yet cleared", a->id);
    if (date > a->dbs.expires) return WHY("%s DBS expired", a->id);
    if (a->course >= 0) {
        const model_course *c = &m->courses[a->course];
        const model_period *block = cal_periods_find(&c->blocks, date);
        if (block) return WHY("%s not released: %s", a->id, block->reason ? block->reason : "course block");
        if (c->calendar >= 0 && !cal_calendar_open(&m->calendars[c->calendar], date, &why))
            return WHY("%s not released: %s", a->id, why);
    }
    return NULL;
}

/* Rules 3, 5, 6 for the times of a visit starting at start on date. */
static bool start_ok(const model_programme *m, int pupil, int adv, int date, int start) {
    const model_pupil *p = &m->pupils[pupil];
    const model_advocate *a = &m->advocates[adv];
    int end = start + p->minutes, wd = cal_weekday(date);
    if (end > 24 * 60) return false;
    int school = model_pupil_school_on(m, p, date);
    const model_school *s = &m->schools[school];
    const model_index_list *wins = model_pupil_windows_on(p, date);
    bool in_window = false;
    for (int i = 0; i < wins->n && !in_window; i++) {
        const model_school_window *w = model_school_window_named(s, wins->v[i]);
        if (w && cal_windows_covering(&w->entries, wd, start, end)) in_window = true;
    }
    if (!in_window) return false;
    if (cal_windows_overlapping(&p->unavailable, wd, start, end)) return false;
    if (cal_windows_overlapping(&s->no_visits, wd, start, end)) return false;
    if (!cal_windows_covering(&a->available, wd, start, end)) return false;
    if (a->course >= 0 && !cal_windows_covering(&m->courses[a->course].release, wd, start, end)) return false;
    return true;
}

/* Starts feasible on a date depend on the weekday and on which side of a
** move the date is, so they are computed once per (weekday, side). */
typedef struct {
    int *v[2][7];
    int n[2][7];
    bool done[2][7];
} start_cache;

static int cached_starts(prep *pp, start_cache *c, int pupil, int adv, int date, const int **out) {
    const model_pupil *p = &pp->m->pupils[pupil];
    int side = p->moves && date >= p->moves_on, wd = cal_weekday(date);
    if (!c->done[side][wd]) {
        int slot = pp->m->slot_minutes, cnt = 0;
        /* Owned by the cache from the start and freed in cache_free on every
        ** path of add_pair; the analyser loses the [side][wd] index. */
        // NOLINTNEXTLINE(clang-analyzer-unix.Malloc)
        int *v = c->v[side][wd] = malloc(sizeof(int) * (size_t)(24 * 60 / slot + 1));
        if (!v) return -1;
        for (int t = 0; t + p->minutes <= 24 * 60; t += slot)
            if (start_ok(pp->m, pupil, adv, date, t)) v[cnt++] = t;
        c->n[side][wd] = cnt;
        c->done[side][wd] = true;
    }
    *out = c->v[side][wd];
    return c->n[side][wd];
}

static void cache_free(start_cache *c) {
    for (int s = 0; s < 2; s++)
        for (int d = 0; d < 7; d++) free(c->v[s][d]);
}

static int add_pair(prep *pp, int pupil, int adv) {
    const model_programme *m = pp->m;
    start_cache cache;
    memset(&cache, 0, sizeof cache);
    int first = pp->n_visits;
    for (int date = m->period_from; date <= m->period_to; date++) {
        if (day_blocker(pp, pupil, adv, date, false)) continue;
        const int *starts;
        int n = cached_starts(pp, &cache, pupil, adv, date, &starts);
        if (n < 0 || grow((void **)&pp->visits, &pp->cap_visits, pp->n_visits + n, sizeof *pp->visits)) {
            cache_free(&cache);
            return -1;
        }
        int school = model_pupil_school_on(m, &m->pupils[pupil], date);
        for (int i = 0; i < n; i++)
            pp->visits[pp->n_visits++] = (prep_visit){date, starts[i], starts[i] + m->pupils[pupil].minutes,
                                                      school, m->schools[school].place};
    }
    cache_free(&cache);
    if (pp->n_visits > first) {
        pp->pairs[pp->n_pairs++] = (prep_pair){pupil, adv, first, pp->n_visits - first};
    }
    return 0;
}

/* ---- rule 11 ----------------------------------------------------------- */

static bool teacher_may(const model_programme *m, int sess, int teacher) {
    const model_session *s = &m->sessions[sess];
    const model_teacher *t = &m->teachers[teacher];
    if (model_level_of(&t->skills, s->subject) < s->min_level) return false;
    if (t->venues.n > 0) return has_index(&t->venues, s->place);
    return s->school >= 0; /* default venues: any school */
}

static const char *teacher_day_blocker(prep *pp, int teacher, int date, bool explain) {
    const model_teacher *t = &pp->m->teachers[teacher];
    const model_period *leave = cal_periods_find(&t->leave, date);
    if (leave) return WHY("%s on leave", t->id);
    if (!t->dbs.set) return WHY("%s has no DBS check", t->id);
    if (date < t->dbs.cleared || date > t->dbs.expires) return WHY("%s DBS not valid", t->id);
    return NULL;
}

static bool occurrence_ok(const model_programme *m, int sess, int teacher, int date, int start) {
    const model_session *s = &m->sessions[sess];
    int end = start + s->minutes, wd = cal_weekday(date);
    if (end > 24 * 60) return false;
    if (!cal_windows_covering(&s->when, wd, start, end)) return false;
    return cal_windows_covering(&m->teachers[teacher].available, wd, start, end) != NULL;
}

static int add_occurrences(prep *pp, int sess) {
    const model_programme *m = pp->m;
    const model_session *s = &m->sessions[sess];
    for (int t = 0; t < m->n_teachers; t++) {
        if (!teacher_may(m, sess, t)) continue;
        for (int date = m->period_from; date <= m->period_to; date++) {
            if (s->school >= 0 && !cal_school_open(m, s->school, date, NULL)) continue;
            if (teacher_day_blocker(pp, t, date, false)) continue;
            for (int st = 0; st + s->minutes <= 24 * 60; st += m->slot_minutes) {
                if (!occurrence_ok(m, sess, t, date, st)) continue;
                if (grow((void **)&pp->occ, &pp->cap_occ, pp->n_occ + 1, sizeof *pp->occ)) return -1;
                pp->occ[pp->n_occ++] = (prep_occurrence){sess, t, date, st, st + s->minutes, s->place, s->school};
            }
        }
    }
    return 0;
}

/* ---- lifetime ---------------------------------------------------------- */

prep *prep_new(const model_programme *m) {
    prep *pp = calloc(1, sizeof *pp);
    if (!pp) return NULL;
    pp->m = m;
    pp->arena = arena_new();
    pp->first_monday = cal_week_start(m->period_from);
    pp->n_weeks = (cal_week_start(m->period_to) - pp->first_monday) / 7 + 1;
    size_t max_pairs = (size_t)m->n_pupils * (size_t)(m->n_advocates ? m->n_advocates : 1);
    pp->pairs = malloc(sizeof *pp->pairs * (max_pairs ? max_pairs : 1));
    pp->pupil_first = calloc((size_t)m->n_pupils + 1, sizeof *pp->pupil_first);
    if (!pp->arena || !pp->pairs || !pp->pupil_first) goto fail;
    for (int p = 0; p < m->n_pupils; p++) {
        pp->pupil_first[p] = pp->n_pairs;
        for (int a = 0; a < m->n_advocates; a++)
            if (pair_static(m, p, a) == PS_OK && add_pair(pp, p, a)) goto fail;
    }
    pp->pupil_first[m->n_pupils] = pp->n_pairs;
    for (int s = 0; s < m->n_sessions; s++)
        if (add_occurrences(pp, s)) goto fail;
    return pp;
fail:
    prep_free(pp);
    return NULL;
}

void prep_free(prep *p) {
    if (!p) return;
    arena_free(p->arena);
    free(p->pairs);
    free(p->visits);
    free(p->pupil_first);
    free(p->occ);
    free(p);
}

/* ---- queries ----------------------------------------------------------- */

int prep_n_weeks(const prep *p) { return p->n_weeks; }
int prep_week_monday(const prep *p, int week) { return p->first_monday + 7 * week; }
int prep_week_of(const prep *p, int date) { return (cal_week_start(date) - p->first_monday) / 7; }
int prep_n_pairs(const prep *p) { return p->n_pairs; }
const prep_pair *prep_pairs(const prep *p) { return p->pairs; }
const prep_visit *prep_visits(const prep *p) { return p->visits; }
int prep_n_visits(const prep *p) { return p->n_visits; }
int prep_n_occurrences(const prep *p) { return p->n_occ; }
const prep_occurrence *prep_occurrences(const prep *p) { return p->occ; }

void prep_pupil_pairs(const prep *p, int pupil, int *first, int *n) {
    *first = p->pupil_first[pupil];
    *n = p->pupil_first[pupil + 1] - p->pupil_first[pupil];
}

int prep_n_persons(const prep *p) { return p->m->n_advocates + p->m->n_teachers; }
int prep_person_of_advocate(const prep *p, int advocate) { (void)p; return advocate; }
int prep_person_of_teacher(const prep *p, int teacher) {
    int a = p->m->teachers[teacher].advocate;
    return a >= 0 ? a : p->m->n_advocates + teacher;
}

/* The words of a requirement, for reasons: "[urdu, polish]". */
static const char *req_text(prep *pp, int pupil, pair_fail f) {
    const model_programme *m = pp->m;
    const model_pupil *p = &m->pupils[pupil];
    char buf[512];
    size_t len = 0;
    buf[0] = '\0';
    switch (f) {
    case PS_LANGUAGES:
        for (int i = 0; i < p->req_languages.n && len < sizeof buf - 80; i++)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? ", " : "",
                                    name_of(m, p->req_languages.v[i]));
        return arena_printf(pp->arena, "requires.languages [%s]", buf);
    case PS_GENDER: return arena_printf(pp->arena, "requires.gender %s", name_of(m, p->req_gender));
    case PS_EXPERIENCE:
        for (int i = 0; i < p->req_experience.n && len < sizeof buf - 80; i++)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s: %d", i ? ", " : "",
                                    name_of(m, p->req_experience.v[i].name), p->req_experience.v[i].level);
        return arena_printf(pp->arena, "requires.experience {%s}", buf);
    case PS_AVOID: return "avoid";
    case PS_DBS: return "a DBS check";
    case PS_SCHOOLS: return arena_printf(pp->arena, "visits to %s", m->schools[p->school].id);
    default: return "?";
    }
}

int prep_unmatched_static(const prep *pc, int pupil, const char ***reasons) {
    prep *pp = (prep *)pc; /* only the reason arena grows */
    const model_programme *m = pp->m;
    *reasons = NULL;
    if (pp->pupil_first[pupil + 1] > pp->pupil_first[pupil]) return 0;
    const char **out = arena_array(pp->arena, PS_COUNT + 1, sizeof *out);
    if (!out) return 0;
    int n = 0, fails[PS_COUNT] = {0}, timeless = 0;
    for (int a = 0; a < m->n_advocates; a++) {
        pair_fail f = pair_static(m, pupil, a);
        if (f == PS_OK) timeless++;
        else fails[f]++;
    }
    if (m->n_advocates == 0) out[n++] = "there are no advocates";
    for (int f = PS_AVOID; f < PS_COUNT; f++) {
        if (!fails[f]) continue;
        if (f == PS_AVOID)
            out[n++] = arena_printf(pp->arena, "%d advocate%s on the pupil's avoid list", fails[f], fails[f] == 1 ? "" : "s");
        else if (fails[f] == m->n_advocates)
            out[n++] = arena_printf(pp->arena, "no advocate meets %s", req_text(pp, pupil, (pair_fail)f));
        else
            out[n++] = arena_printf(pp->arena, "%d advocate%s lack %s", fails[f], fails[f] == 1 ? "" : "s",
                                    req_text(pp, pupil, (pair_fail)f));
    }
    if (timeless)
        out[n++] = arena_printf(pp->arena, "no common free time with any compatible advocate (%d compatible)", timeless);
    *reasons = out;
    return n;
}

const char *prep_date_blocker(const prep *pc, int pupil, int advocate, int date) {
    prep *pp = (prep *)pc;
    const model_programme *m = pp->m;
    pair_fail f = pair_static(m, pupil, advocate);
    if (f != PS_OK) return arena_printf(pp->arena, "%s is not compatible", m->advocates[advocate].id);
    const char *why = day_blocker(pp, pupil, advocate, date, true);
    if (why) return why;
    int slot = m->slot_minutes;
    for (int t = 0; t + m->pupils[pupil].minutes <= 24 * 60; t += slot)
        if (start_ok(m, pupil, advocate, date, t)) return NULL;
    return arena_printf(pp->arena, "no common free time with %s on %s", m->advocates[advocate].id,
                        cal_day_name(cal_weekday(date)));
}

const char *prep_session_blocker(const prep *pc, int session, int date) {
    prep *pp = (prep *)pc;
    const model_programme *m = pp->m;
    const model_session *s = &m->sessions[session];
    if (date < m->period_from || date > m->period_to) return "outside the programme period";
    bool when = false;
    for (int i = 0; i < s->when.n; i++)
        if (s->when.v[i].days >> cal_weekday(date) & 1u) when = true;
    if (!when) return "not a session day";
    const char *why = NULL;
    if (s->school >= 0 && !cal_school_open(m, s->school, date, &why))
        return arena_printf(pp->arena, "school closed: %s", why);
    int qualified = 0;
    const char *last = NULL;
    for (int t = 0; t < m->n_teachers; t++) {
        if (!teacher_may(m, session, t)) continue;
        qualified++;
        last = teacher_day_blocker(pp, t, date, true);
        if (last) continue;
        for (int st = 0; st + s->minutes <= 24 * 60; st += m->slot_minutes)
            if (occurrence_ok(m, session, t, date, st)) return NULL;
        last = arena_printf(pp->arena, "no qualified teacher free in the session's hours");
    }
    if (!qualified)
        return arena_printf(pp->arena, "no teacher has %s at level %d or above who may teach at %s",
                            name_of(m, s->subject), s->min_level, m->places[s->place].id);
    return qualified == 1 ? last : "no qualified teacher available";
}
