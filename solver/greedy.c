/*
** greedy.c: a quick feasible roster (see greedy.h).
**
** The checks here are the hard rules restated for one new engagement
** against those already taken; they only decide what the greedy start
** contains. The integer program alone decides the final roster.
**
** Engagements are indexed by (date, person) and (date, school), so a check
** looks only at the few engagements that can clash. The state keeps Q
** (section 5) up to date as engagements come and go, so every move is
** judged by its exact change in Q: a move is applied, Q compared, and the
** move undone unless Q rose. Nothing depends on the clock or on chance, so
** the roster is the same on every run; with threads the local search
** commits their tries in the one-thread order, so it is the same for any
** thread count too.
*/
#include "greedy.h"

#include <limits.h>
#include <math.h>
#include <omp.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "solve.h"
#include "stop.h"

#define EPS 1e-9

/* An engagement taken, as the lists keep it: its id and what the clash
** checks read, so they need not look it up (eng_of) for every entry. */
typedef struct {
    int id, start, end, place, school;
} held;

/* The engagements taken on one date by one person, or at one school. */
typedef struct {
    held *a;
    int n, cap;
} elist;

typedef struct {
    int date, start, end, place, school, person;
} eng;

typedef struct {
    const model_programme *m;
    const prep *p;
    const prep_pair *pairs;
    const prep_visit *vis;
    const prep_occurrence *occ;
    int nv, no, np, nweeks, ndates, npersons, nschools;
    elist *by_person;        /* (date index, person) -> engagements */
    elist *by_school;        /* (date index, school) -> engagements */
    char *visit_on, *occ_on;
    const int *pair_of_visit;     /* per visit (from the greedy_index) */
    const uint16_t *visit_week;   /* per visit (2 bytes: a period has at most 106 weeks) */
    const unsigned char *week_dates; /* per pair x week: the dates with a candidate (at most 7) */
    greedy_index *own_index;      /* the index when this run built it, else NULL */
    int *pupil_pair;         /* per pupil: its pair, or -1 */
    int *adv_pupils;         /* per advocate: pupils holding a pair */
    int *adv_minutes;        /* per advocate x week */
    int *adv_cap;            /* per advocate: weekly minute cap */
    int *teacher_sessions;   /* per teacher x week */
    int *pupil_week;         /* per pupil x week */
    int *taken, *taken_first, *taken_n; /* per pupil: its visits on, taken[taken_first[p] .. + taken_n[p]) */
    size_t n_taken_all;      /* the length of taken */
    char *pupil_day;         /* per pupil x date */
    int *sess_week;          /* per session x week */
    char *sess_day;          /* per session x date */
    int *sess_first, *sess_occ; /* occurrences by session (CSR) */
    double *pair_match;      /* per pair: match/continuity/preference */
    double *pair_ub;         /* per pair: the most planning it can add to Q (pair_upper) */
    double *pupil_ub;        /* per pupil: the largest pair_ub of its pairs, at least 0 */
    double *pq;              /* per pupil: its part of Q */
    double q;                /* Q of the current roster */
    int *tmp;                /* scratch: (weekday, start) keys of a pupil's visits */
    int maxn;
    int key_slots;           /* starts a day on the slot grid */
    int *key_n, *key_first, *key_used; /* scratch per (weekday, slot): plan_pair's counts */
    int *key_shared;         /* scratch per (weekday, slot): of those, visits on a school day already open */
    int want_day;            /* plan_pair_by takes a time on this weekday when one fits (-1: any) */
    const int *gather_pairs, *gather_first; /* gather_days' groups: pairs [first[k], first[k + 1]) */
    int travel_most;         /* the longest travel between two places (the default included) */
    int *busy_lo, *busy_hi, busy_cap; /* scratch: busy_spans() */
    char *week_open;         /* scratch per week: plan_pair_by's visit_allowed, the week's part */
    /* the local search on threads (each_item): the pass's decided kept
    ** moves this replica holds (applied); its tries are worthless once
    ** another thread's move is decided before them (*voided), and stop */
    const atomic_bool *voided; /* NULL: one thread, never cancelled */
    int applied;
    bool aborted;            /* a try stopped by cancelled(), not by memory */
} state;

/* A try that another thread has made worthless stops early: it returns
** -1 up the stack with s->aborted set, and its thread undoes its log.
** Checked between plans, never inside one, so the state always matches
** the log. */
static bool cancelled(state *s) {
    if (!s->voided || !atomic_load_explicit(s->voided, memory_order_relaxed)) return false;
    s->aborted = true;
    return true;
}

/* An engagement id is a visit k (k < nv) or an occurrence nv + k. */
static eng eng_of(const state *s, int e) {
    if (e < s->nv) {
        const prep_visit *v = &s->vis[e];
        int person = prep_person_of_advocate(s->p, s->pairs[s->pair_of_visit[e]].advocate);
        return (eng){v->date, v->start, v->end, v->place, v->school, person};
    }
    const prep_occurrence *o = &s->occ[e - s->nv];
    return (eng){o->date, o->start, o->end, o->place, o->school, prep_person_of_teacher(s->p, o->teacher)};
}

static elist *person_list(const state *s, int date, int person) {
    return &s->by_person[(size_t)(date - s->m->period_from) * (size_t)s->npersons + (size_t)person];
}

static elist *school_list(const state *s, int date, int school) {
    return &s->by_school[(size_t)(date - s->m->period_from) * (size_t)s->nschools + (size_t)school];
}

static int elist_push(elist *v, int id, const eng *x) {
    if (v->n == v->cap) {
        int n = v->cap ? v->cap * 2 : 8;
        held *a = realloc(v->a, sizeof *a * (size_t)n);
        if (!a) return -1;
        v->a = a;
        v->cap = n;
    }
    v->a[v->n++] = (held){id, x->start, x->end, x->place, x->school};
    return 0;
}

static void elist_drop(elist *v, int id) {
    for (int i = 0; i < v->n; i++)
        if (v->a[i].id == id) {
            v->a[i] = v->a[--v->n];
            return;
        }
}

/* Rule 10: the school's rooms are all taken at some moment of [start, end). */
static bool rooms_full(const state *s, int date, int school, int start, int end) {
    if (school < 0) return false;
    const elist *r = school_list(s, date, school);
    int rooms = s->m->schools[school].rooms;
    if (r->n < rooms) return false;
    /* the most engagements under way at once inside [start, end) */
    for (int i = -1; i < r->n; i++) {
        int t = i < 0 ? start : r->a[i].start;
        if (t < start || t >= end) continue;
        int under_way = 1;
        for (int j = 0; j < r->n; j++) under_way += r->a[j].start <= t && t < r->a[j].end;
        if (under_way > rooms) return true;
    }
    return false;
}

/* Rules 9 and 10 for one new engagement against those taken that date. */
static bool clash(const state *s, const eng *c) {
    const model_programme *m = s->m;
    const elist *l = person_list(s, c->date, c->person);
    for (int i = 0; i < l->n; i++) {
        const held *e = &l->a[i];
        if (e->start < c->end && c->start < e->end) return true;
        /* apart: the gap between them must cover the travel; most gaps are
        ** longer than any travel, and need no lookup */
        int gap = e->end <= c->start ? c->start - e->end : e->start - c->end;
        if (e->place != c->place && gap < s->travel_most && gap < model_travel(m, e->place, c->place)) return true;
    }
    return rooms_full(s, c->date, c->school, c->start, c->end);
}

/* Rule 9 for every start of one date at one place at once: the person's
** engagements that date as the spans [start - travel, end + travel) that
** a new engagement there may not meet (clash's test, travel looked up
** once per engagement instead of once per start). Kept in s->busy_lo/hi;
** returns how many, or -1 when memory runs out. */
static int busy_spans(state *s, int date, int person, int place) {
    const elist *l = person_list(s, date, person);
    if (l->n > s->busy_cap) {
        int n = l->n * 2;
        int *lo = realloc(s->busy_lo, sizeof *lo * (size_t)n);
        if (!lo) return -1;
        s->busy_lo = lo;
        int *hi = realloc(s->busy_hi, sizeof *hi * (size_t)n);
        if (!hi) return -1;
        s->busy_hi = hi, s->busy_cap = n;
    }
    for (int i = 0; i < l->n; i++) {
        const held *e = &l->a[i];
        int tau = e->place != place ? model_travel(s->m, e->place, place) : 0;
        s->busy_lo[i] = e->start - tau, s->busy_hi[i] = e->end + tau;
    }
    return l->n;
}

static bool meets_busy(const state *s, int n, int start, int end) {
    for (int i = 0; i < n; i++)
        if (start < s->busy_hi[i] && s->busy_lo[i] < end) return true;
    return false;
}

static int eng_add(state *s, int e) {
    eng x = eng_of(s, e);
    if (elist_push(person_list(s, x.date, x.person), e, &x)) return -1;
    if (x.school >= 0 && elist_push(school_list(s, x.date, x.school), e, &x)) {
        elist_drop(person_list(s, x.date, x.person), e);
        return -1;
    }
    return 0;
}

static void eng_drop(state *s, int e) {
    eng x = eng_of(s, e);
    elist_drop(person_list(s, x.date, x.person), e);
    if (x.school >= 0) elist_drop(school_list(s, x.date, x.school), e);
}

/* ---- Q of one pupil ------------------------------------------------------ */

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Ascending. A pupil holds a dozen visits or so, and this runs at every
** visit taken or given back: insertion sort there, not qsort's calls
** through a pointer (on_pattern's two qsorts were a seventh of a city's
** run). Equal ints are indistinguishable, so the result is qsort's. */
static void sort_ints(int *v, int n) {
    if (n > 32) {
        qsort(v, (size_t)n, sizeof *v, cmp_int);
        return;
    }
    for (int i = 1; i < n; i++) {
        int x = v[i], j = i;
        for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
        v[j] = x;
    }
}

/* Visits on the pattern solve.c derives (the most frequent times on
** distinct weekdays): the per_week largest per-weekday maxima. Q is
** refreshed at every visit taken or given back, so this reads the
** pupil's own visits, not its pair's hundreds of candidates. */
static int on_pattern(state *s, int pupil, int per_week) {
    int n = 0, best[7] = {0};
    const int *taken = s->taken + s->taken_first[pupil];
    for (int j = 0; j < s->taken_n[pupil]; j++)
        s->tmp[n++] = cal_weekday(s->vis[taken[j]].date) * 1440 + s->vis[taken[j]].start;
    sort_ints(s->tmp, n);
    for (int i = 0, j; i < n; i = j) {
        for (j = i; j < n && s->tmp[j] == s->tmp[i]; j++) {}
        int wd = s->tmp[i] / 1440;
        if (j - i > best[wd]) best[wd] = j - i;
    }
    sort_ints(best, 7);
    int got = 0;
    for (int i = 0; i < per_week && i < 7; i++) got += best[6 - i];
    return got;
}

static double pupil_q(state *s, int pupil) {
    int i = s->pupil_pair[pupil];
    if (i < 0) return 0;
    const model_pupil *pu = &s->m->pupils[pupil];
    const model_weights *w = &s->m->weights;
    int n = s->taken_n[pupil];
    if (n == 0) return 0; /* matched only with a visit (rule 1) */
    double v = s->pair_match[i] + w->visit * pu->priority * n;
    if (w->moved != 0) v -= w->moved * (n - on_pattern(s, pupil, pu->per_week));
    return v;
}

static void refresh(state *s, int pupil) {
    double v = pupil_q(s, pupil);
    s->q += v - s->pq[pupil];
    s->pq[pupil] = v;
}

/* ---- visits and occurrences ---------------------------------------------- */

/* Visits of the engagement's advocate at its school that date. */
static int school_day_count(const state *s, int k) {
    const prep_visit *v = &s->vis[k];
    int person = prep_person_of_advocate(s->p, s->pairs[s->pair_of_visit[k]].advocate), n = 0;
    const elist *l = person_list(s, v->date, person);
    for (int i = 0; i < l->n; i++) n += l->a[i].id < s->nv && l->a[i].school == v->school;
    return n;
}

/* Rules 7 and 8 (minutes) for one more visit of the pupil with the
** advocate in week w: the week's part of visit_allowed, which the
** candidate loops test once per week. */
static bool week_has_room(const state *s, int pupil, int advocate, int w) {
    const model_pupil *pu = &s->m->pupils[pupil];
    int cap = s->adv_cap[advocate];
    if (s->pupil_week[(size_t)pupil * (size_t)s->nweeks + (size_t)w] >= pu->per_week) return false;
    return cap == MODEL_NO_LIMIT || s->adv_minutes[(size_t)advocate * (size_t)s->nweeks + (size_t)w] + pu->minutes <= cap;
}

/* Rules 7 and 8 (minutes) for visit k of the pupil's pair. */
static bool visit_allowed(const state *s, int k) {
    const prep_pair *pr = &s->pairs[s->pair_of_visit[k]];
    if (s->visit_on[k] || s->pupil_pair[pr->pupil] != s->pair_of_visit[k]) return false;
    if (s->pupil_day[(size_t)pr->pupil * (size_t)s->ndates + (size_t)(s->vis[k].date - s->m->period_from)]) return false;
    return week_has_room(s, pr->pupil, pr->advocate, s->visit_week[k]);
}

/* Rules 7, 8 (minutes) and 9, 10 for visit k of the pupil's pair. */
static bool visit_fits(const state *s, int k) {
    if (!visit_allowed(s, k)) return false;
    eng c = eng_of(s, k);
    return !clash(s, &c);
}

/* The most visits a pupil can have on at once: per_week a week (rule 7). */
static int taken_cap(const state *s, int pupil) {
    int per_week = s->m->pupils[pupil].per_week;
    return (per_week < 7 ? per_week : 7) * s->nweeks;
}

static int visit_add(state *s, int k) {
    const prep_pair *pr = &s->pairs[s->pair_of_visit[k]];
    int w = s->visit_week[k];
    if (s->taken_n[pr->pupil] == taken_cap(s, pr->pupil)) return -1; /* rule 7 held by every caller: never */
    if (school_day_count(s, k) == 0) s->q -= s->m->weights.school_day;
    if (eng_add(s, k)) return -1;
    s->taken[s->taken_first[pr->pupil] + s->taken_n[pr->pupil]++] = k;
    s->visit_on[k] = 1;
    s->pupil_day[(size_t)pr->pupil * (size_t)s->ndates + (size_t)(s->vis[k].date - s->m->period_from)] = 1;
    s->pupil_week[pr->pupil * s->nweeks + w]++;
    s->adv_minutes[pr->advocate * s->nweeks + w] += s->m->pupils[pr->pupil].minutes;
    refresh(s, pr->pupil);
    return 0;
}

static void visit_drop(state *s, int k) {
    const prep_pair *pr = &s->pairs[s->pair_of_visit[k]];
    int w = s->visit_week[k];
    eng_drop(s, k);
    if (school_day_count(s, k) == 0) s->q += s->m->weights.school_day;
    int *taken = s->taken + s->taken_first[pr->pupil];
    for (int j = 0; j < s->taken_n[pr->pupil]; j++)
        if (taken[j] == k) {
            taken[j] = taken[--s->taken_n[pr->pupil]];
            break;
        }
    s->visit_on[k] = 0;
    s->pupil_day[(size_t)pr->pupil * (size_t)s->ndates + (size_t)(s->vis[k].date - s->m->period_from)] = 0;
    s->pupil_week[pr->pupil * s->nweeks + w]--;
    s->adv_minutes[pr->advocate * s->nweeks + w] -= s->m->pupils[pr->pupil].minutes;
    refresh(s, pr->pupil);
}

static bool may_match(const state *s, int pair) {
    const model_advocate *a = &s->m->advocates[s->pairs[pair].advocate];
    return a->max_pupils == MODEL_NO_LIMIT || s->adv_pupils[s->pairs[pair].advocate] < a->max_pupils;
}

static void match(state *s, int pair) {
    s->pupil_pair[s->pairs[pair].pupil] = pair;
    s->adv_pupils[s->pairs[pair].advocate]++;
    refresh(s, s->pairs[pair].pupil);
}

/* Only for a pupil without visits. */
static void unmatch(state *s, int pupil) {
    int i = s->pupil_pair[pupil];
    if (i < 0) return;
    s->adv_pupils[s->pairs[i].advocate]--;
    s->pupil_pair[pupil] = -1;
    refresh(s, pupil);
}

static size_t sess_day_index(const state *s, int k) {
    return (size_t)s->occ[k].session * (size_t)s->ndates + (size_t)(s->occ[k].date - s->m->period_from);
}

static bool occ_fits(const state *s, int k) {
    const prep_occurrence *o = &s->occ[k];
    int w = prep_week_of(s->p, o->date), cap = s->m->teachers[o->teacher].max_sessions_per_week;
    if (s->occ_on[k] || s->sess_day[sess_day_index(s, k)]) return false;
    if (s->sess_week[o->session * s->nweeks + w] >= s->m->sessions[o->session].per_week) return false;
    if (cap != MODEL_NO_LIMIT && s->teacher_sessions[o->teacher * s->nweeks + w] >= cap) return false;
    eng c = eng_of(s, s->nv + k);
    return !clash(s, &c);
}

static int occ_add(state *s, int k) {
    const prep_occurrence *o = &s->occ[k];
    int w = prep_week_of(s->p, o->date);
    if (eng_add(s, s->nv + k)) return -1;
    s->occ_on[k] = 1;
    s->sess_day[sess_day_index(s, k)] = 1;
    s->sess_week[o->session * s->nweeks + w]++;
    s->teacher_sessions[o->teacher * s->nweeks + w]++;
    s->q += s->m->weights.session * s->m->sessions[o->session].priority;
    return 0;
}

static void occ_drop(state *s, int k) {
    const prep_occurrence *o = &s->occ[k];
    int w = prep_week_of(s->p, o->date);
    eng_drop(s, s->nv + k);
    s->occ_on[k] = 0;
    s->sess_day[sess_day_index(s, k)] = 0;
    s->sess_week[o->session * s->nweeks + w]--;
    s->teacher_sessions[o->teacher * s->nweeks + w]--;
    s->q -= s->m->weights.session * s->m->sessions[o->session].priority;
}

static int eng_take(state *s, int e) { return e < s->nv ? visit_add(s, e) : occ_add(s, e - s->nv); }
static void eng_give_back(state *s, int e) {
    if (e < s->nv) visit_drop(s, e);
    else occ_drop(s, e - s->nv);
}

/* ---- undo log: a move is a sequence of adds/drops, undone in reverse ----- */

typedef struct {
    int *e;      /* engagement id, or -1 - pair for a match */
    char *added; /* 1 added, 0 dropped */
    int n, cap;
} ulog;

static int log_push(ulog *u, int e, char added) {
    if (u->n == u->cap) {
        int n = u->cap ? u->cap * 2 : 64;
        int *a = realloc(u->e, sizeof *a * (size_t)n);
        if (!a) return -1;
        u->e = a;
        char *b = realloc(u->added, (size_t)n);
        if (!b) return -1;
        u->added = b;
        u->cap = n;
    }
    u->e[u->n] = e;
    u->added[u->n++] = added;
    return 0;
}

/* Engagements are ids >= 0; a match of pair i is logged as -1 - i. */
/* Take (added) or give back engagement or match e, unlogged: what do_add,
** do_drop, undo_to and replay (another replica's log) all do. */
static int apply(state *s, int e, bool added) {
    if (e < 0) {
        if (added) match(s, -1 - e);
        else unmatch(s, s->pairs[-1 - e].pupil);
        return 0;
    }
    if (added) return eng_take(s, e);
    eng_give_back(s, e);
    return 0;
}

static int do_add(state *s, ulog *u, int e) { return log_push(u, e, 1) ? -1 : apply(s, e, true); }
static int do_drop(state *s, ulog *u, int e) { return log_push(u, e, 0) ? -1 : apply(s, e, false); }

/* Undo the log back to length n0. Re-adding what was dropped always fits:
** the state is then exactly the one it was dropped from. */
static int undo_to(state *s, ulog *u, int n0) {
    while (u->n > n0) {
        u->n--;
        if (apply(s, u->e[u->n], !u->added[u->n])) return -1;
    }
    return 0;
}

/* ---- building blocks of moves -------------------------------------------- */

/* The candidates of pair i in week w: [*lo, *hi) (candidates are in date order). */
static void week_range(const state *s, const prep_pair *pr, int w, int *lo, int *hi) {
    int a = pr->first, b = pr->first + pr->n;
    while (a < b) { /* first with week >= w */
        int mid = (a + b) / 2;
        if (s->visit_week[mid] < w) a = mid + 1;
        else b = mid;
    }
    *lo = a;
    b = pr->first + pr->n;
    while (a < b) {
        int mid = (a + b) / 2;
        if (s->visit_week[mid] <= w) a = mid + 1;
        else b = mid;
    }
    *hi = a;
}

/* The most one more visit can add to Q: its value (a visit changes the
** pattern count by at most one, so moved costs at least nothing, and
** school_day likewise), the weights' refunds when negative, and the match
** terms with the pupil's first visit. A candidate that reaches it cannot
** be beaten: the scan stops there. */
static double visit_most(const state *s, int pupil) {
    const model_weights *w = &s->m->weights;
    return w->visit * s->m->pupils[pupil].priority + fmax(0.0, -w->moved) + fmax(0.0, -w->school_day);
}

static double visit_gain_most(const state *s, int pupil) {
    double most = visit_most(s, pupil);
    if (s->taken_n[pupil] == 0) most += fmax(0.0, s->pair_match[s->pupil_pair[pupil]]);
    return most;
}

/* Add the visit of the pupil's pair in week w that raises Q most (only if
** it does). Returns 1 when one was added, 0 when none, -1 out of memory. */
static int best_visit_in_week(state *s, ulog *u, int pupil, int w) {
    int i = s->pupil_pair[pupil], lo, hi, best = -1;
    /* visit_allowed's week tests hold for the whole week (every visit
    ** tried is given back); its pair test too: these are the pair's */
    if (i < 0 || !week_has_room(s, pupil, s->pairs[i].advocate, w)) return 0;
    int a = s->pairs[i].advocate;
    week_range(s, &s->pairs[i], w, &lo, &hi);
    double q0 = s->q, best_gain = EPS, most = visit_gain_most(s, pupil);
    int person = prep_person_of_advocate(s->p, a), at_date = INT32_MIN, at_place = -1, n_busy = 0;
    const char *pupil_day = s->pupil_day + (size_t)pupil * (size_t)s->ndates;
    for (int k = lo; k < hi && best_gain < most - EPS; k++) {
        /* visit_fits, with the person's engagements read once per date and
        ** place (plan_pair_by's way) */
        const prep_visit *v = &s->vis[k];
        if (s->visit_on[k] || pupil_day[v->date - s->m->period_from]) continue;
        if (v->date != at_date || v->place != at_place) {
            if ((n_busy = busy_spans(s, v->date, person, v->place)) < 0) return -1;
            at_date = v->date, at_place = v->place;
        }
        if (meets_busy(s, n_busy, v->start, v->end) || rooms_full(s, v->date, v->school, v->start, v->end)) continue;
        if (visit_add(s, k)) return -1;
        double g = s->q - q0;
        visit_drop(s, k);
        if (g > best_gain) best_gain = g, best = k;
    }
    if (best < 0) return 0;
    return do_add(s, u, best) ? -1 : 1;
}

/* Fill every short week of the pupil with the best visits. */
static int fill_pupil(state *s, ulog *u, int pupil) {
    for (int w = 0; w < s->nweeks; w++) {
        int r;
        while ((r = best_visit_in_week(s, u, pupil, w)) == 1) {}
        if (r < 0) return -1;
    }
    return 0;
}

/* Add the occurrence of session se in week w that fits (first in order). */
static int any_occ_in_week(state *s, ulog *u, int se, int w) {
    for (int j = s->sess_first[se]; j < s->sess_first[se + 1]; j++) {
        int k = s->sess_occ[j];
        if (prep_week_of(s->p, s->occ[k].date) != w || !occ_fits(s, k)) continue;
        return do_add(s, u, s->nv + k) ? -1 : 1;
    }
    return 0;
}

/* Visit k's weekly time: (weekday, start slot). */
static int plan_key(const state *s, int k) {
    return cal_weekday(s->vis[k].date) * s->key_slots + s->vis[k].start / s->m->slot_minutes;
}

/* Plan pair i from scratch (the pupil has no visits): the pattern slot by
** slot at the weekly time where most visits fit, then short weeks topped
** up by the best visits. A time on s->want_day comes first (gather_day).
** With by_days, ties go to the time whose visits fall most often on a day
** the advocate is at that school anyway (no new school day); then the
** earliest. Logged in u. */
static int plan_pair_by(state *s, ulog *u, int pair, bool by_days) {
    const prep_pair *pr = &s->pairs[pair];
    const model_pupil *pu = &s->m->pupils[pr->pupil];
    if (do_add(s, u, -1 - pair)) return -1;
    for (int slot = 0; slot < pu->per_week; slot++) {
        /* one pass: per (weekday, start) the visits that fit and the first
        ** of them; the most, ties to the earliest. A city pair has ~400
        ** candidates, so counting per key from each candidate was the
        ** greedy's whole cost. */
        int best_key = -1, best_n = 0, best_shared = 0, best_first = 0, touched = 0;
        int person = prep_person_of_advocate(s->p, pr->advocate), at_date = INT32_MIN, at_place = -1, n_busy = 0;
        /* visit_allowed's week tests, once per week: the pupil is matched
        ** to this pair, and nothing is taken inside the loop below */
        const char *pupil_day = s->pupil_day + (size_t)pr->pupil * (size_t)s->ndates;
        for (int w = 0; w < s->nweeks; w++) s->week_open[w] = (char)week_has_room(s, pr->pupil, pr->advocate, w);
        for (int k = pr->first; k < pr->first + pr->n; k++) {
            /* visit_fits, with the person's engagements read once per date
            ** and place */
            const prep_visit *v = &s->vis[k];
            if (s->visit_on[k] || pupil_day[v->date - s->m->period_from] || !s->week_open[s->visit_week[k]]) continue;
            if (v->date != at_date || v->place != at_place) {
                if ((n_busy = busy_spans(s, v->date, person, v->place)) < 0) return -1;
                at_date = v->date, at_place = v->place;
            }
            if (meets_busy(s, n_busy, v->start, v->end) || rooms_full(s, v->date, v->school, v->start, v->end)) continue;
            int key = plan_key(s, k);
            if (s->key_n[key]++ == 0) s->key_first[key] = k, s->key_used[touched++] = key;
            if (by_days && school_day_count(s, k) > 0) s->key_shared[key]++;
        }
        for (int t = 0; t < touched; t++) {
            int key = s->key_used[t], n = s->key_n[key], sh = s->key_shared[key];
            bool want = key / s->key_slots == s->want_day, had = best_key >= 0 && best_key / s->key_slots == s->want_day;
            bool better = want != had        ? want
                          : n != best_n      ? n > best_n
                          : sh != best_shared ? sh > best_shared
                                              : s->key_first[key] < best_first;
            if (better) best_n = n, best_shared = sh, best_first = s->key_first[key], best_key = key;
            s->key_n[key] = 0, s->key_shared[key] = 0;
        }
        if (best_key < 0) break;
        for (int k = pr->first; k < pr->first + pr->n; k++)
            if (plan_key(s, k) == best_key && visit_fits(s, k) && do_add(s, u, k)) return -1;
    }
    return fill_pupil(s, u, pr->pupil);
}

static int plan_pair(state *s, ulog *u, int pair) { return plan_pair_by(s, u, pair, false); }

/* Drop every visit of the pupil and its match. */
static int clear_pupil(state *s, ulog *u, int pupil) {
    int i = s->pupil_pair[pupil];
    if (i < 0) return 0;
    for (int k = s->pairs[i].first; k < s->pairs[i].first + s->pairs[i].n; k++)
        if (s->visit_on[k] && do_drop(s, u, k)) return -1;
    return do_drop(s, u, -1 - i);
}

/* ---- construction ------------------------------------------------------- */

static int *pupil_order(const model_programme *m) {
    int *order = calloc((size_t)m->n_pupils + 1, sizeof(int));
    if (!order) return NULL;
    /* higher priority first, input order among equals (insertion sort) */
    for (int i = 0; i < m->n_pupils; i++) {
        int j = i;
        while (j > 0 && m->pupils[order[j - 1]].priority < m->pupils[i].priority) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    return order;
}

/* Try pair i for an unmatched pupil: keep it when Q rises more than *best
** (then *best is that gain and *kept 1); otherwise undo. */
static int try_pair(state *s, ulog *u, int pair, double *best, int *kept) {
    int n0 = u->n;
    double q0 = s->q;
    *kept = 0;
    if (cancelled(s)) return -1;
    if (plan_pair(s, u, pair)) return -1;
    double g = s->q - q0;
    if (g > *best + EPS && s->pq[s->pairs[pair].pupil] != 0) {
        *best = g;
        *kept = 1;
        return 0;
    }
    return undo_to(s, u, n0);
}

/* The most that planning pair i can add to Q: its match terms and, per
** week, a visit on each of its dates up to per_week at the visit's most
** (moved and school days only lower it, or add |weight| when negative).
** With `in_room`, no week takes more visits than the advocate's weekly
** minutes have room for as the roster stands (the cap of a student's
** course is often reached); plan_pair only adds visits that fit. A plan
** whose bound cannot beat the best so far is not tried: the rosters are
** the same, found sooner. */
static double plan_upper(const state *s, int i, bool in_room) {
    const prep_pair *pr = &s->pairs[i];
    const model_pupil *pu = &s->m->pupils[pr->pupil];
    int cap = in_room ? s->adv_cap[pr->advocate] : MODEL_NO_LIMIT;
    const int *used = s->adv_minutes + (size_t)pr->advocate * (size_t)s->nweeks;
    const unsigned char *dates = s->week_dates + (size_t)i * (size_t)s->nweeks;
    int visits = 0;
    for (int k = 0; k < s->nweeks; k++) {
        int most = dates[k] < pu->per_week ? dates[k] : pu->per_week;
        if (cap != MODEL_NO_LIMIT && pu->minutes > 0) {
            int room = used[k] >= cap ? 0 : (cap - used[k]) / pu->minutes;
            if (room < most) most = room;
        }
        visits += most;
    }
    return s->pair_match[i] + visits * fmax(0.0, visit_most(s, pr->pupil));
}

static double pair_upper(const state *s, int i) { return plan_upper(s, i, false); }

/* pair_upper in the roster as it stands (pair_ub when the advocate has no cap). */
static double room_upper(const state *s, int i) {
    return s->adv_cap[s->pairs[i].advocate] == MODEL_NO_LIMIT ? s->pair_ub[i] : plan_upper(s, i, true);
}

/* The pupil has no visits: plan it with the compatible advocate (among the
** pairs only[] marks, or all when only is NULL) whose plan raises Q most,
** if by more than floor. */
static int plan_best(state *s, ulog *u, int pupil, double floor, const char *only) {
    int first, n, best_pair = -1, kept;
    double best = floor;
    prep_pupil_pairs(s->p, pupil, &first, &n);
    for (int i = first; i < first + n; i++) {
        if ((only && !only[i]) || !may_match(s, i)) continue;
        /* cannot be kept: try_pair keeps more than best only */
        if (s->pair_ub[i] <= best + EPS || room_upper(s, i) <= best + EPS) continue;
        /* plan, remember the best gain, and keep none while comparing */
        int n1 = u->n;
        if (try_pair(s, u, i, &best, &kept)) return -1;
        if (kept) {
            best_pair = i;
            if (undo_to(s, u, n1)) return -1;
        }
    }
    return best_pair >= 0 ? plan_pair(s, u, best_pair) : 0;
}

/* Pupils in order take their best pair. With a preferred matching (A's),
** every pupil first tries its preferred pair, and only then do the pupils
** left out try any advocate: falling back at once took the places of
** pupils later in the order whom A had matched there (150 of A's pairs on
** a city). */
static int pupils_greedy(state *s, ulog *u, const int *order, const char *prefer) {
    const model_programme *m = s->m;
    for (int round = prefer ? 0 : 1; round < 2; round++)
        for (int oi = 0; oi < m->n_pupils; oi++) {
            int pupil = order[oi];
            if (m->pupils[pupil].per_week > 7 || s->pupil_pair[pupil] >= 0) continue;
            if (plan_best(s, u, pupil, 0, round == 0 ? prefer : NULL)) return -1;
            u->n = 0; /* the pupil's plan is final */
        }
    return 0;
}

static int sessions_greedy(state *s, ulog *u) {
    for (int pri = 5; pri >= 1; pri--)
        for (int k = 0; k < s->no; k++)
            if (s->m->sessions[s->occ[k].session].priority == pri && occ_fits(s, k) && do_add(s, u, s->nv + k))
                return -1;
    return 0;
}

/* ---- local search -------------------------------------------------------- */

/* Keep the move logged since n0 when Q rose, else undo it. */
static int settle(state *s, ulog *u, int n0, double q0, bool *improved) {
    if (s->q > q0 + EPS) {
        *improved = true;
        return 0;
    }
    return undo_to(s, u, n0);
}

/* Put back what a displaced engagement's owner lost: the best visit of the
** pupil in that week, or an occurrence of the session that week. */
static int repair(state *s, ulog *u, int e) {
    if (e < s->nv) {
        int pupil = s->pairs[s->pair_of_visit[e]].pupil;
        return best_visit_in_week(s, u, pupil, s->visit_week[e]) < 0 ? -1 : 0;
    }
    const prep_occurrence *o = &s->occ[e - s->nv];
    return any_occ_in_week(s, u, o->session, prep_week_of(s->p, o->date)) < 0 ? -1 : 0;
}

/* insert_displacing's one try: drop engagement e, take c, repair e's owner;
** kept when Q rises. */
static int displace_one(state *s, ulog *u, int c, int e, bool *improved) {
    int n0 = u->n;
    double q0 = s->q;
    if (cancelled(s)) return -1;
    if (do_drop(s, u, e)) return -1;
    bool fits = c < s->nv ? visit_fits(s, c) : occ_fits(s, c - s->nv);
    if (fits && (do_add(s, u, c) || repair(s, u, e))) return -1;
    return settle(s, u, n0, q0, improved);
}

/* Most engagements insert_displacing tries to displace for one c. */
#define DISPLACE_TRIES 64

/* Engagement c does not fit: displace one engagement of the same person or
** at the same school that date, take c, repair the displaced owner; keep
** the first such move that raises Q. */
static int insert_displacing(state *s, ulog *u, int c, bool *improved) {
    eng x = eng_of(s, c);
    const elist *l = person_list(s, x.date, x.person), *r = x.school >= 0 ? school_list(s, x.date, x.school) : NULL;
    int nc = 0, *cand = malloc(sizeof(int) * ((size_t)l->n + (size_t)(r ? r->n : 0) + 1));
    if (!cand) return -1;
    for (int i = 0; i < l->n; i++) cand[nc++] = l->a[i].id;
    for (int i = 0; r && i < r->n; i++) cand[nc++] = r->a[i].id;
    /* sorted, so which are tried and in what order depends on what is
    ** taken, not on the order it was taken in: a replica of the state (the
    ** local search on several threads) decides as the state itself would */
    qsort(cand, (size_t)nc, sizeof *cand, cmp_int);
    int n = 0, rc = 0;
    for (int i = 0; i < nc && n < DISPLACE_TRIES; i++)
        if (i == 0 || cand[i] != cand[i - 1]) cand[n++] = cand[i];
    for (int i = 0; i < n && rc == 0; i++)
        if ((rc = displace_one(s, u, c, cand[i], improved)) == 0 && *improved) break;
    free(cand);
    return rc;
}

/* Short weeks of a matched pupil: first plain additions, then with one
** engagement displaced. */
static int improve_weeks(state *s, ulog *u, int pupil, bool *improved) {
    int i = s->pupil_pair[pupil];
    if (i < 0) return 0;
    const prep_pair *pr = &s->pairs[i];
    double q0 = s->q;
    if (fill_pupil(s, u, pupil)) return -1;
    if (s->q > q0 + EPS) *improved = true;
    for (int w = 0; w < s->nweeks; w++) {
        int lo, hi;
        week_range(s, pr, w, &lo, &hi);
        for (int k = lo; k < hi && s->pupil_week[pupil * s->nweeks + w] < s->m->pupils[pupil].per_week; k++) {
            if (s->visit_on[k] ||
                s->pupil_day[(size_t)pupil * (size_t)s->ndates + (size_t)(s->vis[k].date - s->m->period_from)])
                continue;
            bool gained = false;
            if (insert_displacing(s, u, k, &gained)) return -1;
            *improved |= gained;
        }
    }
    return 0;
}

/* Re-plan the pupil with each compatible advocate (its own too: a new
** pattern); keep the best plan if it beats the current one. */
static int replan_pupil(state *s, ulog *u, int pupil, bool *improved) {
    if (s->m->pupils[pupil].per_week > 7) return 0;
    int n0 = u->n;
    double q0 = s->q;
    if (clear_pupil(s, u, pupil)) return -1;
    if (plan_best(s, u, pupil, q0 - s->q, NULL)) return -1;
    return settle(s, u, n0, q0, improved);
}

/* Re-plan the pupil with its own advocate, its weekly times chosen to
** share the advocate's school days (plan_pair_by); kept if Q rises. The
** construction picks times by count alone: the days come out scattered. */
static int repattern_days(state *s, ulog *u, int pupil, bool *improved) {
    int i = s->pupil_pair[pupil];
    if (i < 0 || s->m->weights.school_day <= 0 || s->m->pupils[pupil].per_week > 7) return 0;
    int n0 = u->n;
    double q0 = s->q;
    if (clear_pupil(s, u, pupil) || plan_pair_by(s, u, i, true)) return -1;
    return settle(s, u, n0, q0, improved);
}

/* What clearing the pupil takes from Q, at least: its own part, less the
** school days its visits alone may have opened. */
static double clear_gain_floor(const state *s, int pupil) {
    int nvis = 0;
    for (int w = 0; w < s->nweeks; w++) nvis += s->pupil_week[pupil * s->nweeks + w];
    return s->pq[pupil] - fmax(0.0, s->m->weights.school_day) * nvis;
}

/* The pupil takes a full advocate with a better match: one of that
** advocate's pupils gives way and is re-planned with its best other
** advocate (or left unmatched). Keeps the first exchange that raises Q. */
static int bump_pupil(state *s, ulog *u, int pupil, bool *improved) {
    int cur = s->pupil_pair[pupil], first, n;
    if (s->m->pupils[pupil].per_week > 7) return 0;
    double cur_match = cur >= 0 && s->pq[pupil] != 0 ? s->pair_match[cur] : -1e300;
    double own = clear_gain_floor(s, pupil); /* a rejected exchange is undone: it stays */
    prep_pupil_pairs(s->p, pupil, &first, &n);
    /* an unmatched pupil may also take an advocate who has places but no
    ** time left (re-planning failed there); its three most promising only,
    ** as each try re-plans the other pupil with its advocates */
    double top[3] = {-HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
    for (int i = first; i < first + n && cur < 0; i++) {
        double v = s->pair_ub[i];
        if (v > top[0]) top[2] = top[1], top[1] = top[0], top[0] = v;
        else if (v > top[1]) top[2] = top[1], top[1] = v;
        else if (v > top[2]) top[2] = v;
    }
    for (int i = first; i < first + n; i++) {
        int a = s->pairs[i].advocate;
        bool timed_out = cur < 0 && s->pair_ub[i] >= top[2];
        if (i == cur || (may_match(s, i) && !timed_out) || s->pair_match[i] <= cur_match + EPS) continue;
        for (int other = 0; other < s->m->n_pupils; other++) {
            int j = s->pupil_pair[other];
            if (other == pupil || j < 0 || s->pairs[j].advocate != a) continue;
            /* the exchange takes at least both pupils' floors from Q and
            ** adds at most both plans' most: skip it when it cannot gain */
            if (s->pair_ub[i] + s->pupil_ub[other] - own - clear_gain_floor(s, other) <= EPS) continue;
            if (cancelled(s)) return -1;
            int n0 = u->n;
            double q0 = s->q;
            if (clear_pupil(s, u, pupil) || clear_pupil(s, u, other) || plan_pair(s, u, i)) return -1;
            /* the exchange is kept only when Q ends above q0, so the other
            ** pupil's plan must win back at least what it has lost so far:
            ** with that floor plan_best skips (pair_upper) the advocates
            ** that cannot, and keeps the same plan as with a floor of 0
            ** whenever the exchange is kept (a city pass: 26 s -> 6 s) */
            if (s->pq[pupil] != 0 && plan_best(s, u, other, fmax(0.0, q0 - s->q), NULL)) return -1;
            if (settle(s, u, n0, q0, improved)) return -1;
            if (*improved) return 0;
        }
    }
    return 0;
}

/* Most pairs share_week tries per pupil: each try scans the pair's
** candidates and displaces engagements on their dates. */
#define SHARE_TRIES 3

/* Try pair i for the unmatched pupil by sharing its advocate's time: take
** one visit, displacing an engagement of that date (insert_displacing).
** Kept, and the pupil's short weeks filled, when Q rises. */
static int share_pair(state *s, ulog *u, int pupil, int pair, bool *improved) {
    int n0 = u->n, last_date = INT32_MIN;
    if (do_add(s, u, -1 - pair)) return -1;
    const prep_pair *pr = &s->pairs[pair];
    for (int k = pr->first; k < pr->first + pr->n && !*improved; k++) {
        if (s->vis[k].date == last_date) continue; /* one try a date: its others meet the same engagements */
        last_date = s->vis[k].date;
        if (insert_displacing(s, u, k, improved)) return -1;
    }
    if (!*improved) return undo_to(s, u, n0);
    return fill_pupil(s, u, pupil);
}

/* An unmatched pupil takes a share of an advocate who has a place left but
** no time: one visit that another engagement of the day gives up (its owner
** is repaired in that week if it can be). With equal priorities the other
** pupil loses the visit this one gains, and Q rises by this pupil's match
** value: how A's matching fills a capped advocate's places (docs/solve.md,
** "Sharing an advocate's week"). Tries the SHARE_TRIES pairs of most match
** value that have a place. */
static int share_week(state *s, ulog *u, int pupil, bool *improved) {
    if (s->pupil_pair[pupil] >= 0 || s->m->pupils[pupil].per_week > 7) return 0;
    int first, n, tried[SHARE_TRIES] = {0}, nt = 0; /* only tried[0 .. nt) is read */
    prep_pupil_pairs(s->p, pupil, &first, &n);
    while (nt < SHARE_TRIES) {
        int best = -1;
        for (int i = first; i < first + n; i++) {
            bool seen = false;
            for (int t = 0; t < nt; t++) seen |= tried[t] == i;
            if (!seen && may_match(s, i) && s->pair_match[i] > EPS && (best < 0 || s->pair_match[i] > s->pair_match[best]))
                best = i;
        }
        if (best < 0) return 0;
        tried[nt++] = best;
        bool gained = false;
        if (share_pair(s, u, pupil, best, &gained)) return -1;
        if (gained) return *improved = true, 0;
    }
    return 0;
}

/* Sessions short of per_week in a week: add, or displace one engagement. */
static int improve_sessions(state *s, ulog *u, bool *improved) {
    for (int se = 0; se < s->m->n_sessions; se++)
        for (int j = s->sess_first[se]; j < s->sess_first[se + 1]; j++) {
            int k = s->sess_occ[j];
            const prep_occurrence *o = &s->occ[k];
            int w = prep_week_of(s->p, o->date);
            if (s->occ_on[k] || s->sess_day[sess_day_index(s, k)] ||
                s->sess_week[se * s->nweeks + w] >= s->m->sessions[se].per_week)
                continue;
            if (occ_fits(s, k)) {
                double q0 = s->q;
                int n0 = u->n;
                if (do_add(s, u, s->nv + k) || settle(s, u, n0, q0, improved)) return -1;
                continue;
            }
            if (insert_displacing(s, u, s->nv + k, improved)) return -1;
        }
    return 0;
}

/* The clock is read once a pupil: a pass over a city's pupils takes minutes. */
static bool time_is_up(const greedy_options *o) {
    return stop_requested(o->stop) || (o->deadline > 0 && stop_clock() > o->deadline);
}

static bool out_of_time(const greedy_options *o) {
    bool out = time_is_up(o);
    if (out && o->cut_short) *o->cut_short = true;
    return out;
}

/* Gathering school days between passes frees advocates' time that only a
** further pass can give to a pupil: worth it when that pass can follow
** (not after the last, nor when the clock would cut the next one short,
** judged by how long this one took). polish_days gathers at the end
** anyway. */
static bool gather_pays(const state *s, const greedy_options *o, int pass, double pass_seconds) {
    if (s->m->weights.school_day <= 0 || pass + 1 >= o->passes) return false;
    return o->deadline <= 0 || stop_clock() + pass_seconds < o->deadline;
}

/* ---- the local search on several threads --------------------------------- */

/* A pass tries each pupil's moves in order, and most tries keep nothing
** (on a city a third of the pupils change the roster in the first pass, a
** tenth by the fifth). So with threads, each thread holds a replica of the
** state and takes the next open pupil in order; a try counts only when
** its replica held exactly the moves kept before it in order, so it saw
** the state the sequential search would have and decided as it would.
** Tries are decided in order (the frontier): a kept move joins the pass's
** log of kept moves, every later try of the other threads is void and
** handed out again, and a voided replica replays the kept moves it lacks
** before its next try. The thread that kept the move goes on with its own
** later tries. The rosters are those of one thread, for any thread count
** (docs/solve.md, "The local search on several threads"). */
typedef struct {
    int n;                  /* replicas: the number of threads */
    state **rep;            /* rep[0] is the state the caller reads */
    ulog *log;              /* per replica: what its try is doing or kept */
    bool cut;               /* the clock or an interrupt stopped the search */
} search;

/* A move tried on one item of a pass: a pupil, or a gather group. */
typedef int (*pupil_move)(state *s, ulog *u, int pupil, bool *improved);

/* Apply log entries [from, u->n) of another replica's moves: the replica
** is the state they were made from, so every engagement fits again. */
static int replay(state *s, const ulog *u, int from) {
    for (int j = from; j < u->n; j++)
        if (apply(s, u->e[j], u->added[j])) return -1;
    return 0;
}

static int elist_copy(elist *d, const elist *from) {
    if (from->n > d->cap) {
        held *a = realloc(d->a, sizeof *a * (size_t)from->n);
        if (!a) return -1;
        d->a = a, d->cap = from->n;
    }
    if (from->n) memcpy(d->a, from->a, sizeof *d->a * (size_t)from->n);
    d->n = from->n;
    return 0;
}

#define COPY(field, count) memcpy(d->field, s->field, sizeof *d->field * (size_t)(count))

/* Make replica d the same roster as s: everything a move changes. */
static int state_copy(state *d, const state *s) {
    const model_programme *m = s->m;
    size_t nd = (size_t)s->ndates, nw = (size_t)s->nweeks;
    for (size_t i = 0; i < nd * (size_t)s->npersons; i++)
        if (elist_copy(&d->by_person[i], &s->by_person[i])) return -1;
    for (size_t i = 0; i < nd * (size_t)s->nschools; i++)
        if (elist_copy(&d->by_school[i], &s->by_school[i])) return -1;
    COPY(visit_on, s->nv), COPY(occ_on, s->no);
    COPY(pupil_pair, m->n_pupils), COPY(adv_pupils, m->n_advocates), COPY(adv_minutes, (size_t)m->n_advocates * nw);
    COPY(teacher_sessions, (size_t)m->n_teachers * nw), COPY(pupil_week, (size_t)m->n_pupils * nw);
    COPY(taken, s->n_taken_all), COPY(taken_n, m->n_pupils), COPY(pupil_day, (size_t)m->n_pupils * nd);
    COPY(sess_week, (size_t)m->n_sessions * nw), COPY(sess_day, (size_t)m->n_sessions * nd);
    COPY(pq, m->n_pupils);
    d->q = s->q;
    return 0;
}

#undef COPY

/* Where a position of a pass stands. */
enum { POS_OPEN, POS_RUNNING, POS_NOTHING, POS_KEPT };

/* One pass on the threads: what they share, read and written under lock
** (voided also atomically, for cancelled()). A POSIX mutex rather than an
** OpenMP critical section, so that ThreadSanitizer sees it.
**
** A thread's replica is the decided kept moves plus its own tries not yet
** decided, in position order: it goes on past a kept move of its own
** rather than wait for the frontier to reach it. The tries it makes there
** assume that every position before them keeps nothing; when another
** thread's move is decided first, they are void. */
typedef struct {
    pthread_mutex_t lock;
    int n;                  /* positions in the pass */
    int frontier;           /* positions before it are decided */
    ulog kept;              /* the moves kept this pass, in position order */
    double kept_q;          /* Q after them */
    unsigned char *at;      /* per position: POS_* */
    int *by;                /* per position running or tried: its thread */
    ulog staged;            /* the entries of kept tries not yet decided, as their threads recorded them */
    int *seg_at, *seg;      /* per kept position: where its entries are in staged, and how many */
    double *q_after;        /* per kept position: Q of its thread's replica after it */
    bool *gain;             /* per position: the try's improved flag */
    int *last;              /* per thread: its last position not yet decided, or -1 */
    int *committed;         /* per thread: entries at the front of its log now decided */
    atomic_bool *voided;    /* per thread: undo its log and catch up before trying again */
    bool improved, failed, cut;
} pass_run;

/* Every thread's undecided tries are void, except those of thread keep
** (-1: none). Their positions are handed out again. Under ps->lock. */
static void pass_void_others(pass_run *ps, int nthreads, int keep) {
    for (int t = 0; t < nthreads; t++)
        if (t != keep) atomic_store(&ps->voided[t], true), ps->last[t] = -1;
    for (int x = ps->frontier; x < ps->n; x++)
        if (ps->at[x] != POS_OPEN && ps->by[x] != keep) ps->at[x] = POS_OPEN;
}

/* The pass ends early (the clock, or memory): nothing more is decided,
** so every try not yet decided is void. Under ps->lock. */
static void pass_stop(pass_run *ps, int nthreads, bool failed) {
    if (failed) ps->failed = true;
    else ps->cut = true;
    pass_void_others(ps, nthreads, -1);
}

/* A decided kept move joins the kept log (from staged: its thread may be
** writing its own log now); the thread's later tries stay, built on it,
** and the front of its log is dropped when the thread next takes a
** position. */
static int pass_commit(pass_run *ps, search *g, int x) {
    int t = ps->by[x], len = ps->seg[x];
    for (int j = ps->seg_at[x]; j < ps->seg_at[x] + len; j++)
        if (log_push(&ps->kept, ps->staged.e[j], ps->staged.added[j])) return -1;
    ps->committed[t] += len;
    g->rep[t]->applied = ps->kept.n;
    ps->kept_q = ps->q_after[x];
    ps->improved |= ps->gain[x];
    return 0;
}

/* Decide tries in order from the frontier: one that kept nothing is
** passed; one that kept a move joins the kept log, and every other
** thread's tries after it are void. Under ps->lock. */
static int pass_advance(pass_run *ps, search *g, const greedy_options *o) {
    bool kept = false;
    while (ps->frontier < ps->n && (ps->at[ps->frontier] == POS_NOTHING || ps->at[ps->frontier] == POS_KEPT)) {
        int x = ps->frontier++, t = ps->by[x];
        if (ps->last[t] == x) ps->last[t] = -1;
        if (ps->at[x] == POS_NOTHING) continue;
        if (pass_commit(ps, g, x)) return -1;
        pass_void_others(ps, g->n, t);
        kept = true;
    }
    if (kept && o->on_q) o->on_q(o->on_q_arg, ps->kept_q);
    return 0;
}

/* Bring replica t up to the kept moves if its tries were voided, and hand
** it the first open position after its own undecided ones: -1 when there
** is none now, -2 when the pass is over. Under ps->lock. */
static int pass_take(pass_run *ps, search *g, int t) {
    state *s = g->rep[t];
    ulog *u = &g->log[t];
    if (ps->failed || ps->cut || ps->frontier >= ps->n) return -2;
    bool voided = atomic_load(&ps->voided[t]);
    if (voided && undo_to(s, u, ps->committed[t])) return pass_stop(ps, g->n, true), -2;
    int c = ps->committed[t]; /* decided: in the kept log now */
    if (c > 0) {
        memmove(u->e, u->e + c, sizeof *u->e * (size_t)(u->n - c));
        memmove(u->added, u->added + c, (size_t)(u->n - c));
        u->n -= c, ps->committed[t] = 0;
    }
    if (voided) {
        if (replay(s, &ps->kept, s->applied)) return pass_stop(ps, g->n, true), -2;
        s->applied = ps->kept.n;
        s->q = ps->kept_q; /* the same roster: Q as the replica that kept the moves summed it */
        atomic_store(&ps->voided[t], false);
    }
    int from = ps->last[t] >= ps->frontier ? ps->last[t] + 1 : ps->frontier;
    for (int x = from; x < ps->n; x++)
        if (ps->at[x] == POS_OPEN) {
            ps->at[x] = POS_RUNNING, ps->by[x] = t, ps->last[t] = x;
            return x;
        }
    return -1;
}

/* After thread t's try at pos, which began with its log n0 long. Under
** ps->lock. */
static void pass_record(pass_run *ps, search *g, const greedy_options *o, int t, int pos, int n0, bool imp) {
    state *s = g->rep[t];
    ulog *u = &g->log[t];
    if (atomic_load(&ps->voided[t])) return; /* undone when it next takes a position */
    ps->at[pos] = u->n > n0 ? POS_KEPT : POS_NOTHING;
    ps->seg_at[pos] = ps->staged.n, ps->seg[pos] = u->n - n0, ps->q_after[pos] = s->q, ps->gain[pos] = imp;
    for (int j = n0; j < u->n; j++)
        if (log_push(&ps->staged, u->e[j], u->added[j])) {
            pass_stop(ps, g->n, true);
            return;
        }
    if (pass_advance(ps, g, o)) pass_stop(ps, g->n, true);
}

/* Thread t's part of a pass. */
static void pass_work(pass_run *ps, search *g, pupil_move move, const int *order, const greedy_options *o, int t) {
    state *s = g->rep[t];
    ulog *u = &g->log[t];
    s->voided = &ps->voided[t];
    for (;;) {
        pthread_mutex_lock(&ps->lock);
        int pos = pass_take(ps, g, t);
        pthread_mutex_unlock(&ps->lock);
        if (pos == -2) break;
        if (pos == -1) { /* every open position is being tried: wait for the frontier */
            sched_yield();
            continue;
        }
        if (time_is_up(o)) {
            pthread_mutex_lock(&ps->lock);
            pass_stop(ps, g->n, false);
            pthread_mutex_unlock(&ps->lock);
            break;
        }
        bool imp = false;
        int n0 = u->n;
        int rc = move(s, u, order ? order[pos] : pos, &imp);
        bool aborted = rc && s->aborted;
        s->aborted = false;
        pthread_mutex_lock(&ps->lock);
        if (rc && !aborted) pass_stop(ps, g->n, true);
        else if (!aborted) pass_record(ps, g, o, t, pos, n0, imp);
        pthread_mutex_unlock(&ps->lock);
    }
    s->voided = NULL;
}

/* move for order[0 .. n) in turn (a pass over pupils; order NULL: items
** 0 .. n - 1, the groups gather_days forms), on the search's threads. */
static int each_item(search *g, pupil_move move, const int *order, int n, const greedy_options *o, bool *improved) {
    state *s = g->rep[0];
    if (g->n == 1) {
        for (int oi = 0; oi < n; oi++) {
            if (out_of_time(o)) return g->cut = true, 0;
            if (move(s, &g->log[0], order ? order[oi] : oi, improved)) return -1;
            g->log[0].n = 0; /* moves kept are final */
            if (o->on_q) o->on_q(o->on_q_arg, s->q);
        }
        return 0;
    }
    pass_run ps = {.n = n, .kept_q = s->q};
    if (pthread_mutex_init(&ps.lock, NULL)) return -1;
    size_t np = (size_t)n + 1, nt = (size_t)g->n;
    ps.at = calloc(np, 1), ps.by = calloc(np, sizeof(int)), ps.seg = calloc(np, sizeof(int));
    ps.seg_at = calloc(np, sizeof(int)), ps.committed = calloc(nt, sizeof(int));
    ps.q_after = calloc(np, sizeof(double)), ps.gain = calloc(np, sizeof(bool));
    ps.last = calloc(nt, sizeof(int)), ps.voided = calloc(nt, sizeof(atomic_bool));
    int rc = ps.at && ps.by && ps.seg && ps.seg_at && ps.q_after && ps.gain && ps.last && ps.committed && ps.voided
                 ? 0 : -1;
    /* the replicas start from the state as the sequential moves left it */
    for (int t = 0; t < g->n && rc == 0; t++) {
        if (t > 0 && state_copy(g->rep[t], s)) rc = -1;
        g->rep[t]->applied = 0, g->log[t].n = 0;
        ps.last[t] = -1;
        atomic_init(&ps.voided[t], false);
    }
    if (rc == 0) {
#pragma omp parallel num_threads(g->n)
        pass_work(&ps, g, move, order, o, omp_get_thread_num());
        /* every replica ends at the kept moves: rep[0] is what the caller reads */
        for (int t = 0; t < g->n && !ps.failed; t++) {
            state *r = g->rep[t];
            if (undo_to(r, &g->log[t], ps.committed[t]) || replay(r, &ps.kept, r->applied)) ps.failed = true;
            r->applied = ps.kept.n, r->q = ps.kept_q, g->log[t].n = 0;
        }
        rc = ps.failed ? -1 : 0;
    }
    *improved |= ps.improved;
    if (ps.cut) {
        g->cut = true;
        if (o->cut_short) *o->cut_short = true;
    }
    free(ps.kept.e), free(ps.kept.added), free(ps.at), free(ps.by), free(ps.seg), free(ps.q_after);
    free(ps.gain), free(ps.last), free((void *)ps.voided), free(ps.staged.e), free(ps.staged.added);
    free(ps.seg_at), free(ps.committed);
    pthread_mutex_destroy(&ps.lock);
    return rc;
}

static int each_pupil(search *g, pupil_move move, const int *order, const greedy_options *o, bool *improved) {
    return each_item(g, move, order, g->rep[0]->m->n_pupils, o, improved);
}

static int gather_days(search *gs, const greedy_options *o, bool *improved);

/* Every move of the local search for one pupil, in order. */
static int improve_pupil(state *s, ulog *u, int pupil, bool *improved) {
    bool bumped = false;
    if (replan_pupil(s, u, pupil, improved) || bump_pupil(s, u, pupil, &bumped) ||
        share_week(s, u, pupil, &bumped) || improve_weeks(s, u, pupil, improved))
        return -1;
    *improved |= bumped;
    return 0;
}

static int improve_pupils(search *g, const int *order, const greedy_options *o) {
    state *s = g->rep[0];
    ulog *u = &g->log[0];
    for (int pass = 0; pass < o->passes; pass++) {
        bool improved = false;
        double started = stop_clock();
        if (each_pupil(g, improve_pupil, order, o, &improved)) return -1;
        if (g->cut) return 0;
        if (improve_sessions(s, u, &improved)) return -1;
        u->n = 0;
        if (gather_pays(s, o, pass, stop_clock() - started) && gather_days(g, o, &improved)) return -1;
        if (!improved) break;
    }
    return 0;
}

/* Re-plan all of advocate a's pupils at the school (those in group) on
** weekday wd first: moving pupils one at a time cannot leave a school day
** that others still hold, so a day shared by several pupils only closes
** when they move together. Keeps the move when Q rises. */
static int gather_day(state *s, ulog *u, const int *group, int n, int wd, bool *improved) {
    int n0 = u->n;
    double q0 = s->q;
    for (int g = 0; g < n; g++)
        if (clear_pupil(s, u, s->pairs[group[g]].pupil)) return -1;
    s->want_day = wd;
    int rc = 0;
    for (int g = 0; g < n && rc == 0; g++) rc = plan_pair_by(s, u, group[g], true);
    s->want_day = -1;
    return rc ? -1 : settle(s, u, n0, q0, improved);
}

typedef struct {
    long key;               /* advocate * n_schools + the pupil's school */
    int pair;
} grouped;

static int cmp_grouped(const void *x, const void *y) {
    const grouped *p = x, *q = y;
    return p->key != q->key ? (p->key > q->key) - (p->key < q->key) : (p->pair > q->pair) - (p->pair < q->pair);
}

/* gather_day for group k of s->gather_pairs on every weekday. */
static int gather_group(state *s, ulog *u, int k, bool *improved) {
    const int *group = s->gather_pairs + s->gather_first[k];
    int n = s->gather_first[k + 1] - s->gather_first[k];
    for (int wd = 0; wd < 7; wd++)
        if (gather_day(s, u, group, n, wd, improved)) return -1;
    return 0;
}

/* gather_day for every advocate, school and weekday where the advocate
** has two or more pupils at the school, the groups in turn on the
** search's threads. The groups are formed once: a gather moves only its
** own group's visits. */
static int gather_days(search *gs, const greedy_options *o, bool *improved) {
    state *s = gs->rep[0];
    const model_programme *m = s->m;
    grouped *g = malloc(sizeof *g * ((size_t)m->n_pupils + 1));
    int *pairs = malloc(sizeof(int) * ((size_t)m->n_pupils + 1));
    int *first = malloc(sizeof(int) * ((size_t)m->n_pupils + 2));
    int n = 0, n_groups = 0, n_pairs = 0, rc = 0;
    if (!g || !pairs || !first) rc = -1;
    for (int p = 0; p < m->n_pupils && rc == 0; p++) {
        int i = s->pupil_pair[p];
        if (i >= 0 && m->pupils[p].per_week <= 7)
            g[n++] = (grouped){(long)s->pairs[i].advocate * m->n_schools + m->pupils[p].school, i};
    }
    if (rc == 0) qsort(g, (size_t)n, sizeof *g, cmp_grouped);
    for (int from = 0, to; from < n && rc == 0; from = to) {
        for (to = from; to < n && g[to].key == g[from].key; to++) {}
        if (to - from < 2) continue;
        first[n_groups] = n_pairs;
        for (int j = from; j < to; j++) pairs[n_pairs++] = g[j].pair;
        n_groups++;
    }
    if (rc == 0) {
        first[n_groups] = n_pairs;
        for (int t = 0; t < gs->n; t++) gs->rep[t]->gather_pairs = pairs, gs->rep[t]->gather_first = first;
        rc = each_item(gs, gather_group, NULL, n_groups, o, improved);
        for (int t = 0; t < gs->n; t++) gs->rep[t]->gather_pairs = gs->rep[t]->gather_first = NULL;
    }
    free(g), free(pairs), free(first);
    return rc;
}

/* School days last: re-time each pupil to share its advocate's days. Run
** after the other moves have settled, so it only adds to their roster (run
** among them, it led the search elsewhere: early-window ended lower). */
static int polish_days(search *g, const int *order, const greedy_options *o) {
    state *s = g->rep[0];
    for (int pass = 0; pass < o->passes; pass++) {
        bool improved = false;
        if (each_pupil(g, repattern_days, order, o, &improved)) return -1;
        if (g->cut) return 0;
        if (s->m->weights.school_day > 0 && gather_days(g, o, &improved)) return -1;
        if (!improved) break;
    }
    return 0;
}

static int local_search(search *g, const int *order, const greedy_options *o) {
    return improve_pupils(g, order, o) || polish_days(g, order, o) ? -1 : 0;
}

/* ---- setup --------------------------------------------------------------- */

static void state_free(state *s) {
    size_t nd = (size_t)s->ndates;
    if (s->by_person)
        for (size_t i = 0; i < nd * (size_t)s->npersons; i++) free(s->by_person[i].a);
    if (s->by_school)
        for (size_t i = 0; i < nd * (size_t)s->nschools; i++) free(s->by_school[i].a);
    free(s->by_person);
    free(s->by_school);
    greedy_index_free(s->own_index);
    free(s->pupil_pair);
    free(s->adv_pupils);
    free(s->adv_minutes);
    free(s->adv_cap);
    free(s->teacher_sessions);
    free(s->pupil_week);
    free(s->taken);
    free(s->taken_first);
    free(s->taken_n);
    free(s->pupil_day);
    free(s->sess_week);
    free(s->sess_day);
    free(s->sess_first);
    free(s->sess_occ);
    free(s->pair_match);
    free(s->pair_ub);
    free(s->pupil_ub);
    free(s->pq);
    free(s->tmp);
    free(s->key_n);
    free(s->key_first);
    free(s->key_used);
    free(s->key_shared);
    free(s->busy_lo);
    free(s->busy_hi);
    free(s->week_open);
}

struct greedy_index {
    int *pair_of_visit;
    uint16_t *visit_week;
    unsigned char *week_dates; /* per pair x week */
};

greedy_index *greedy_index_new(const prep *p) {
    int nv = prep_n_visits(p), np = prep_n_pairs(p);
    const prep_pair *pairs = prep_pairs(p);
    const prep_visit *vis = prep_visits(p);
    greedy_index *ix = calloc(1, sizeof *ix);
    if (!ix) return NULL;
    size_t nw = (size_t)prep_n_weeks(p);
    ix->pair_of_visit = malloc(sizeof(int) * ((size_t)nv + 1));
    ix->visit_week = malloc(sizeof(uint16_t) * ((size_t)nv + 1));
    ix->week_dates = calloc((size_t)np * nw + 1, 1);
    if (!ix->pair_of_visit || !ix->visit_week || !ix->week_dates) {
        greedy_index_free(ix);
        return NULL;
    }
    for (int i = 0; i < np; i++)
        for (int k = pairs[i].first; k < pairs[i].first + pairs[i].n; k++) ix->pair_of_visit[k] = i;
    for (int k = 0; k < nv; k++) ix->visit_week[k] = (uint16_t)prep_week_of(p, vis[k].date);
    for (int i = 0; i < np; i++) /* candidates are in date order */
        for (int k = pairs[i].first, last = -1; k < pairs[i].first + pairs[i].n; k++)
            if (vis[k].date != last) ix->week_dates[(size_t)i * nw + ix->visit_week[k]]++, last = vis[k].date;
    return ix;
}

void greedy_index_free(greedy_index *ix) {
    if (!ix) return;
    free(ix->pair_of_visit);
    free(ix->visit_week);
    free(ix->week_dates);
    free(ix);
}

static int state_init(state *s, const model_programme *m, const prep *p, char *visit_on, char *occ_on,
                      const greedy_index *shared) {
    memset(s, 0, sizeof *s);
    s->m = m;
    s->p = p;
    s->pairs = prep_pairs(p);
    s->vis = prep_visits(p);
    s->occ = prep_occurrences(p);
    s->nv = prep_n_visits(p);
    s->no = prep_n_occurrences(p);
    s->np = prep_n_pairs(p);
    s->nweeks = prep_n_weeks(p);
    s->ndates = m->period_to - m->period_from + 1;
    s->npersons = prep_n_persons(p);
    s->nschools = m->n_schools;
    s->visit_on = visit_on;
    s->occ_on = occ_on;
    size_t nd = (size_t)s->ndates, nw = (size_t)s->nweeks;
    s->by_person = calloc(nd * (size_t)s->npersons + 1, sizeof(elist));
    s->by_school = calloc(nd * (size_t)s->nschools + 1, sizeof(elist));
    const greedy_index *ix = shared ? shared : (s->own_index = greedy_index_new(p));
    if (!ix) return -1;
    s->pair_of_visit = ix->pair_of_visit;
    s->visit_week = ix->visit_week;
    s->week_dates = ix->week_dates;
    s->pupil_pair = malloc(sizeof(int) * ((size_t)m->n_pupils + 1));
    s->adv_pupils = calloc((size_t)m->n_advocates + 1, sizeof(int));
    s->adv_minutes = calloc((size_t)m->n_advocates * nw + 1, sizeof(int));
    s->adv_cap = calloc((size_t)m->n_advocates + 1, sizeof(int));
    s->teacher_sessions = calloc((size_t)m->n_teachers * nw + 1, sizeof(int));
    s->pupil_week = calloc((size_t)m->n_pupils * nw + 1, sizeof(int));
    s->taken_first = calloc((size_t)m->n_pupils + 1, sizeof(int));
    s->taken_n = calloc((size_t)m->n_pupils + 1, sizeof(int));
    size_t all_taken = 0;
    for (int pu = 0; pu < m->n_pupils && s->taken_first; pu++) {
        s->taken_first[pu] = (int)all_taken;
        all_taken += (size_t)taken_cap(s, pu);
    }
    s->taken = malloc(sizeof(int) * (all_taken + 1));
    s->n_taken_all = all_taken;
    s->pupil_day = calloc((size_t)m->n_pupils * nd + 1, 1);
    s->sess_week = calloc((size_t)m->n_sessions * nw + 1, sizeof(int));
    s->sess_day = calloc((size_t)m->n_sessions * nd + 1, 1);
    s->sess_first = calloc((size_t)m->n_sessions + 2, sizeof(int));
    s->sess_occ = calloc((size_t)s->no + 1, sizeof(int));
    s->pair_match = calloc((size_t)s->np + 1, sizeof(double));
    s->pq = calloc((size_t)m->n_pupils + 1, sizeof(double));
    s->pair_ub = calloc((size_t)s->np + 1, sizeof(double));
    s->pupil_ub = calloc((size_t)m->n_pupils + 1, sizeof(double));
    s->maxn = 1;
    for (int i = 0; i < s->np; i++)
        if (s->pairs[i].n > s->maxn) s->maxn = s->pairs[i].n;
    s->tmp = malloc(sizeof(int) * (size_t)s->maxn);
    s->key_slots = 1440 / m->slot_minutes;
    s->want_day = -1;
    s->travel_most = m->travel_default;
    for (size_t q = 0; q < (size_t)m->n_places * (size_t)m->n_places; q++)
        if (m->travel[q] > s->travel_most) s->travel_most = m->travel[q];
    s->week_open = calloc(nw + 1, 1);
    s->key_n = calloc((size_t)(7 * s->key_slots) + 1, sizeof(int));
    s->key_first = calloc((size_t)(7 * s->key_slots) + 1, sizeof(int));
    s->key_used = calloc((size_t)(7 * s->key_slots) + 1, sizeof(int));
    s->key_shared = calloc((size_t)(7 * s->key_slots) + 1, sizeof(int));
    if (!s->by_person || !s->by_school || !s->pupil_pair || !s->adv_pupils ||
        !s->adv_minutes || !s->adv_cap || !s->teacher_sessions || !s->pupil_week || !s->taken || !s->taken_first || !s->taken_n || !s->pupil_day || !s->sess_week ||
        !s->sess_day || !s->sess_first || !s->sess_occ || !s->pair_match || !s->pq || !s->tmp || !s->pair_ub ||
        !s->pupil_ub ||
        !s->key_n || !s->key_first || !s->key_used || !s->key_shared || !s->week_open)
        return -1;
    for (int i = 0; i < m->n_pupils; i++) s->pupil_pair[i] = -1;
    for (int a = 0; a < m->n_advocates; a++) s->adv_cap[a] = solve_advocate_week_cap(m, a);
    for (int i = 0; i < s->np; i++) {
        s->pair_match[i] = solve_match_value(m, s->pairs[i].pupil, s->pairs[i].advocate);
        s->pair_ub[i] = pair_upper(s, i);
        double *pu = &s->pupil_ub[s->pairs[i].pupil];
        if (s->pair_ub[i] > *pu) *pu = s->pair_ub[i];
    }
    for (int k = 0; k < s->no; k++) s->sess_first[s->occ[k].session + 1]++;
    for (int se = 0; se < m->n_sessions; se++) s->sess_first[se + 1] += s->sess_first[se];
    int *fill = calloc((size_t)m->n_sessions + 1, sizeof(int));
    if (!fill) return -1;
    for (int k = 0; k < s->no; k++) s->sess_occ[s->sess_first[s->occ[k].session] + fill[s->occ[k].session]++] = k;
    free(fill);
    return 0;
}

/* The replicas of a search on o->threads threads: rep[0] is s. */
static int search_new(search *g, state *s, const model_programme *m, const prep *p, const greedy_options *o) {
    g->n = o->threads > 1 && o->passes > 0 ? o->threads : 1; /* construction alone: no replicas */
    g->cut = false;
    g->rep = calloc((size_t)g->n, sizeof(state *));
    g->log = calloc((size_t)g->n, sizeof *g->log);
    if (!g->rep || !g->log) return -1;
    g->rep[0] = s;
    const greedy_index *ix = o->index ? o->index : s->own_index;
    for (int t = 1; t < g->n; t++) {
        state *r = calloc(1, sizeof *r);
        if (!r) return -1;
        g->rep[t] = r;
        char *von = calloc((size_t)prep_n_visits(p) + 1, 1), *oon = calloc((size_t)prep_n_occurrences(p) + 1, 1);
        if (!von || !oon) return free(von), free(oon), -1;
        if (state_init(r, m, p, von, oon, ix)) return -1; /* r owns von and oon from here */
    }
    return 0;
}

static void search_free(search *g) {
    for (int t = 0; g->log && t < g->n; t++) free(g->log[t].e), free(g->log[t].added);
    for (int t = 1; g->rep && t < g->n; t++)
        if (g->rep[t]) {
            free(g->rep[t]->visit_on), free(g->rep[t]->occ_on);
            state_free(g->rep[t]);
            free(g->rep[t]);
        }
    free(g->rep), free(g->log);
}

int greedy_roster_opts(const model_programme *m, const prep *p, const greedy_options *o, char *visit_on, char *occ_on,
                       double *q) {
    state s;
    search g = {0};
    memset(visit_on, 0, (size_t)prep_n_visits(p));
    memset(occ_on, 0, (size_t)prep_n_occurrences(p));
    int rc = -1, *order = NULL;
    if (state_init(&s, m, p, visit_on, occ_on, o->index) == 0 && search_new(&g, &s, m, p, o) == 0 &&
        (order = pupil_order(m)) != NULL && pupils_greedy(&s, &g.log[0], order, o->prefer_pair) == 0 &&
        sessions_greedy(&s, &g.log[0]) == 0) {
        g.log[0].n = 0;
        if (o->on_q) o->on_q(o->on_q_arg, s.q);
        if (local_search(&g, order, o) == 0) rc = 0;
    }
    if (rc == 0 && q) *q = s.q;
    free(order);
    search_free(&g);
    state_free(&s);
    return rc;
}

int greedy_roster(const model_programme *m, const prep *p, char *visit_on, char *occ_on) {
    greedy_options o = {GREEDY_PASSES, NULL, 0, NULL, NULL, NULL, NULL, NULL, 1};
    return greedy_roster_opts(m, p, &o, visit_on, occ_on, NULL);
}
