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

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "textbuf.h"

struct prep {
    const model_programme *m;
    arena *arena;           /* reason strings */
    int first_monday, n_weeks;
    prep_pair *pairs;       int n_pairs;
    prep_visit *visits;     int n_visits, cap_visits;
    int *pupil_first;       /* n_pupils + 1 offsets into pairs */
    prep_occurrence *occ;   int n_occ, cap_occ;
    int max_visits;         /* the cap on n_visits (prep_new_capped) */
    /* A sparse prep (prep_new_sparse): usable pairs whose candidates were
    ** not kept, by pupil then advocate, with their dates per week. */
    prep_left_pair *left;   int n_left;
    unsigned char *left_dates; /* n_left x n_weeks */
    int *left_first;        /* n_pupils + 1 offsets into left; NULL when not sparse */
    /* (advocate * n_dates + date - period_from) * day_words: the slots
    ** some usable pair's candidate covers (a sparse prep's census) */
    uint64_t *day_union;    int n_dates;
    int day_words;          /* 64-bit words of a day's slots: 2 at 15-minute slots */
};

/* The most words a day's slots take: 1440 bits at one-minute slots. */
#define PREP_DAY_WORDS ((24 * 60 + 63) / 64)

/* ---- growable arrays --------------------------------------------------- */

/* Doubling in size_t: an int doubled past 2^30 overflowed and the loop
** never ended (a county hung here, before PREP_MAX_VISITS). need is an
** int, so the capacity stops at INT_MAX. */
static int grow(void **v, int *cap, int need, size_t size) {
    if (need <= *cap) return 0;
    size_t n = *cap ? (size_t)*cap : 256;
    while (n < (size_t)need) n *= 2;
    if (n > INT_MAX) n = INT_MAX;
    void *w = realloc(*v, n * size);
    if (!w) return -1;
    *v = w;
    *cap = (int)n;
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

/* A date as text, by value so it can sit inside one printf. */

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
    if (!a->dbs.set) return WHY("%s has no DBS check recorded", a->id);
    if (date < a->dbs.cleared) return WHY("%s DBS not cleared until %s", a->id, cal_date_str(a->dbs.cleared).s);
    if (date > a->dbs.expires) return WHY("%s DBS expired %s", a->id, cal_date_str(a->dbs.expires).s);
    if (a->course >= 0) {
        const model_course *c = &m->courses[a->course];
        const model_period *block = cal_periods_find(&c->blocks, date);
        if (block) return WHY("%s not released: %s", a->id, block->reason ? block->reason : "course block");
        if (c->calendar >= 0 && !cal_calendar_open(&m->calendars[c->calendar], date, &why))
            return WHY("%s not released: %s (course calendar %s)", a->id, why, m->calendars[c->calendar].id);
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

/* 0, -1 when memory runs out, -2 past PREP_MAX_VISITS. */
static int add_pair(prep *pp, int pupil, int adv) {
    const model_programme *m = pp->m;
    start_cache cache;
    memset(&cache, 0, sizeof cache);
    int first = pp->n_visits;
    for (int date = m->period_from; date <= m->period_to; date++) {
        if (day_blocker(pp, pupil, adv, date, false)) continue;
        const int *starts;
        int n = cached_starts(pp, &cache, pupil, adv, date, &starts);
        if (n > pp->max_visits - pp->n_visits) {
            cache_free(&cache);
            return -2;
        }
        if (n < 0 || grow((void **)&pp->visits, &pp->cap_visits, pp->n_visits + n, sizeof *pp->visits)) {
            cache_free(&cache);
            return -1;
        }
        int school = model_pupil_school_on(m, &m->pupils[pupil], date);
        for (int i = 0; i < n; i++)
            pp->visits[pp->n_visits++] = (prep_visit){(int32_t)date, (uint16_t)starts[i],
                                                      (uint16_t)(starts[i] + m->pupils[pupil].minutes),
                                                      (int16_t)school, (int16_t)m->schools[school].place};
    }
    cache_free(&cache);
    if (pp->n_visits > first) {
        pp->pairs[pp->n_pairs++] = (prep_pair){pupil, adv, first, pp->n_visits - first};
    }
    return 0;
}

/* ---- sparse candidates ------------------------------------------------- */

/* The census of one pair: per week, the dates with at least one start
** (dates[n_weeks], zeroed by the caller); returns the candidates it would
** have, -1 when memory runs out. Enumerates what add_pair would keep,
** without keeping it. */
static long long census_pair(prep *pp, int pupil, int adv, unsigned char *dates) {
    const model_programme *m = pp->m;
    const model_pupil *p = &m->pupils[pupil];
    start_cache cache;
    memset(&cache, 0, sizeof cache);
    /* the union of the candidates' intervals, per weekday (and side of a move) */
    uint64_t mask[2][7][PREP_DAY_WORDS];
    bool masked[2][7] = {{false}};
    int slot = m->slot_minutes;
    long long total = 0;
    for (int date = m->period_from; date <= m->period_to && total >= 0; date++) {
        if (day_blocker(pp, pupil, adv, date, false)) continue;
        const int *starts;
        int n = cached_starts(pp, &cache, pupil, adv, date, &starts);
        if (n < 0) total = -1;
        if (n <= 0) continue;
        total += n, dates[prep_week_of(pp, date)]++;
        int side = p->moves && date >= p->moves_on, wd = cal_weekday(date);
        uint64_t *mk = mask[side][wd];
        if (!masked[side][wd]) {
            memset(mk, 0, sizeof mask[0][0]); /* all words: day_words of them are read */
            for (int i = 0; i < n; i++)
                for (int t = starts[i] / slot; t < (starts[i] + p->minutes) / slot; t++) mk[t / 64] |= 1ull << (t % 64);
            masked[side][wd] = true;
        }
        uint64_t *u = pp->day_union + ((size_t)adv * (size_t)pp->n_dates + (size_t)(date - m->period_from)) * (size_t)pp->day_words;
        for (int w = 0; w < pp->day_words; w++) u[w] |= mk[w];
    }
    cache_free(&cache);
    return total;
}

/* A usable pair in the census of a sparse prep. */
typedef struct {
    int pupil, advocate;
    int n;                  /* its candidates */
    bool marked;            /* among the pupils its advocate marked */
    bool keep;              /* its candidates are kept */
    int pupil_marks;        /* while its advocate marks: the pupil's marks so far */
    double rank;
} census;

/* Every usable pair with its dates per week (*dates, n_weeks each), by
** pupil then advocate. Returns the number, -1 when memory runs out. */
static int take_census(prep *pp, const prep_sparse *sp, census **out, unsigned char **dates) {
    const model_programme *m = pp->m;
    int nw = pp->n_weeks, nc = 0, cap = 0;
    census *c = NULL;
    unsigned char *d = NULL;
    pp->n_dates = m->period_to - m->period_from + 1;
    pp->day_words = (24 * 60 / m->slot_minutes + 63) / 64;
    pp->day_union = calloc((size_t)m->n_advocates * (size_t)pp->n_dates * (size_t)pp->day_words + 1, sizeof *pp->day_union);
    if (!pp->day_union) return -1;
    for (int p = 0; p < m->n_pupils; p++)
        for (int a = 0; a < m->n_advocates; a++) {
            if (pair_static(m, p, a) != PS_OK) continue;
            if (nc == cap) {
                if (grow((void **)&c, &cap, nc + 1, sizeof *c)) goto fail;
                void *w = realloc(d, (size_t)cap * (size_t)nw);
                if (!w) goto fail;
                d = w;
            }
            unsigned char *dd = d + (size_t)nc * (size_t)nw;
            memset(dd, 0, (size_t)nw);
            long long n = census_pair(pp, p, a, dd);
            if (n < 0) goto fail;
            if (n == 0) continue;
            c[nc++] = (census){p, a, n < INT_MAX ? (int)n : INT_MAX, false, false, 0,
                               sp->rank ? sp->rank(m, p, a, dd, nw, sp->rank_ctx) : (double)n};
        }
    *out = c, *dates = d;
    return nc;
fail:
    free(c);
    free(d);
    return -1;
}

static int by_rank(const void *x, const void *y) {
    const census *a = *(census *const *)x, *b = *(census *const *)y;
    if (a->marked != b->marked) return a->marked ? -1 : 1;
    if (a->rank != b->rank) return a->rank > b->rank ? -1 : 1;
    return a->pupil != b->pupil ? a->pupil - b->pupil : a->advocate - b->advocate;
}

/* An advocate's order when marking: the pupils marked least so far
** first, then by rank. */
static int by_fewest_marks(const void *x, const void *y) {
    const census *a = *(census *const *)x, *b = *(census *const *)y;
    if (a->pupil_marks != b->pupil_marks) return a->pupil_marks - b->pupil_marks;
    if (a->rank != b->rank) return a->rank > b->rank ? -1 : 1;
    return a->pupil != b->pupil ? a->pupil - b->pupil : a->advocate - b->advocate;
}

/* Marks, for every advocate, spread x max_pupils pupils: those marked
** least so far, the best-ranked among them. Without marks every pupil's
** best pairs are the same few advocates with the most days, and the rest
** go unused (a county matched 4943 of 10,000 pupils that way). Marking
** each advocate's best-ranked pupils gave every advocate the pupils
** everyone ranks best, whom others take: 86 of the county's students had
** no pupil (8085 matched; 9096 marking the least marked first). */
static int mark_advocates(const model_programme *m, census *c, int nc, int spread) {
    census **by = malloc(sizeof(census *) * (size_t)(nc ? nc : 1));
    int *first = calloc((size_t)m->n_advocates + 1, sizeof *first);
    if (!by || !first) {
        free(by);
        free(first);
        return -1;
    }
    for (int i = 0; i < nc; i++) first[c[i].advocate + 1]++;
    for (int a = 0; a < m->n_advocates; a++) first[a + 1] += first[a];
    int *at = malloc(sizeof *at * (size_t)(m->n_advocates ? m->n_advocates : 1));
    int *marks = calloc((size_t)m->n_pupils + 1, sizeof *marks);
    if (!at || !marks) {
        free(at);
        free(marks);
        free(by);
        free(first);
        return -1;
    }
    memcpy(at, first, sizeof *at * (size_t)m->n_advocates);
    for (int i = 0; i < nc; i++) by[at[c[i].advocate]++] = &c[i];
    for (int a = 0; a < m->n_advocates; a++) {
        int n = first[a + 1] - first[a];
        int places = m->advocates[a].max_pupils != MODEL_NO_LIMIT ? m->advocates[a].max_pupils : PREP_SPARSE_PLACES;
        for (int i = 0; i < n; i++) by[first[a] + i]->pupil_marks = marks[by[first[a] + i]->pupil];
        qsort(by + first[a], (size_t)n, sizeof(census *), by_fewest_marks);
        for (int i = 0; i < n && i < spread * places; i++) {
            by[first[a] + i]->marked = true;
            marks[by[first[a] + i]->pupil]++;
        }
    }
    free(marks);
    free(at);
    free(by);
    free(first);
    return 0;
}

/* Each pupil keeps its marked pairs, then its best others, while they fit
** its share of the budget; always at least PREP_SPARSE_MIN_PAIRS. */
static int choose_pairs(const model_programme *m, census *c, int nc, long long budget) {
    census **order = malloc(sizeof(census *) * (size_t)(m->n_advocates ? m->n_advocates : 1));
    if (!order) return -1;
    long long share = budget / (m->n_pupils ? m->n_pupils : 1);
    for (int i = 0; i < nc;) {
        int e = i, k = 0;
        while (e < nc && c[e].pupil == c[i].pupil) order[k++] = &c[e++];
        qsort(order, (size_t)k, sizeof(census *), by_rank);
        long long used = 0;
        for (int j = 0; j < k; j++)
            if (j < PREP_SPARSE_MIN_PAIRS || used + order[j]->n <= share) used += order[j]->n, order[j]->keep = true;
        i = e;
    }
    free(order);
    return 0;
}

/* Keeps the chosen pairs' candidates and lists the rest as left. 0, -1
** when memory runs out, -2 past max_visits. */
static int keep_chosen(prep *pp, const census *c, int nc, const unsigned char *dates) {
    const model_programme *m = pp->m;
    int nw = pp->n_weeks, nl = 0;
    for (int i = 0; i < nc; i++) nl += !c[i].keep;
    pp->left = malloc(sizeof *pp->left * (size_t)(nl ? nl : 1));
    pp->left_dates = malloc((size_t)(nl ? nl : 1) * (size_t)nw);
    pp->left_first = calloc((size_t)m->n_pupils + 1, sizeof *pp->left_first);
    if (!pp->left || !pp->left_dates || !pp->left_first) return -1;
    int i = 0;
    for (int p = 0; p < m->n_pupils; p++) {
        pp->pupil_first[p] = pp->n_pairs, pp->left_first[p] = pp->n_left;
        for (; i < nc && c[i].pupil == p; i++) {
            if (c[i].keep) {
                int rc = add_pair(pp, p, c[i].advocate);
                if (rc) return rc;
                continue;
            }
            memcpy(pp->left_dates + (size_t)pp->n_left * (size_t)nw, dates + (size_t)i * (size_t)nw, (size_t)nw);
            pp->left[pp->n_left++] = (prep_left_pair){p, c[i].advocate, c[i].n};
        }
    }
    pp->pupil_first[m->n_pupils] = pp->n_pairs, pp->left_first[m->n_pupils] = pp->n_left;
    return 0;
}

/* Every pupil again, keeping only the chosen pairs' candidates. */
static int sparse_all(prep *pp, const prep_sparse *sp) {
    census *c = NULL;
    unsigned char *dates = NULL;
    int nc = take_census(pp, sp, &c, &dates);
    int rc = nc < 0 || mark_advocates(pp->m, c, nc, sp->spread) || choose_pairs(pp->m, c, nc, sp->budget)
                 ? -1
                 : keep_chosen(pp, c, nc, dates);
    free(c);
    free(dates);
    return rc;
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
    if (leave) return WHY("%s on leave%s%s", t->id, leave->reason ? ": " : "", leave->reason ? leave->reason : "");
    if (!t->dbs.set) return WHY("%s has no DBS check recorded", t->id);
    if (date < t->dbs.cleared) return WHY("%s DBS not cleared until %s", t->id, cal_date_str(t->dbs.cleared).s);
    if (date > t->dbs.expires) return WHY("%s DBS expired %s", t->id, cal_date_str(t->dbs.expires).s);
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

/* The packed candidate (prepare.h): 12 bytes, places within 16 bits. */
_Static_assert(sizeof(prep_visit) == 12, "prep_visit is packed to 12 bytes");

prep *prep_new(const model_programme *m) { return prep_new_status(m, NULL); }

prep *prep_new_status(const model_programme *m, prep_status *status) {
    return prep_new_capped(m, PREP_MAX_VISITS, status);
}

prep *prep_new_capped(const model_programme *m, int max_visits, prep_status *status) {
    prep_sparse none = {max_visits, 0, NULL, NULL, 0};
    return prep_new_sparse(m, &none, status);
}

prep *prep_new_sparse(const model_programme *m, const prep_sparse *sp, prep_status *status) {
    int max_visits = sp->above; /* every candidate, up to this many */
    prep_status st = PREP_NO_MEMORY;
    /* load caps places far below 2^15; prep_visit holds them in 16 bits */
    prep *pp = m->n_places <= INT16_MAX ? calloc(1, sizeof *pp) : NULL;
    if (!pp) goto fail;
    pp->m = m;
    pp->max_visits = max_visits < PREP_MAX_VISITS ? max_visits : PREP_MAX_VISITS;
    pp->arena = arena_new();
    pp->first_monday = cal_week_start(m->period_from);
    pp->n_weeks = (cal_week_start(m->period_to) - pp->first_monday) / 7 + 1;
    size_t max_pairs = (size_t)m->n_pupils * (size_t)(m->n_advocates ? m->n_advocates : 1);
    pp->pairs = malloc(sizeof *pp->pairs * (max_pairs ? max_pairs : 1));
    pp->pupil_first = calloc((size_t)m->n_pupils + 1, sizeof *pp->pupil_first);
    if (!pp->arena || !pp->pairs || !pp->pupil_first) goto fail;
    for (int p = 0; p < m->n_pupils; p++) {
        pp->pupil_first[p] = pp->n_pairs;
        for (int a = 0; a < m->n_advocates; a++) {
            int rc = pair_static(m, p, a) == PS_OK ? add_pair(pp, p, a) : 0;
            if (rc == -2 && sp->budget > 0) goto sparse;
            if (rc == -2) st = PREP_TOO_MANY_VISITS;
            if (rc) goto fail;
        }
    }
    pp->pupil_first[m->n_pupils] = pp->n_pairs;
    goto sessions;
sparse:
    /* Too many to keep them all: start again, keeping each pupil's best
    ** pairs within the budget (what the first attempt held is freed first). */
    free(pp->visits);
    pp->visits = NULL, pp->cap_visits = pp->n_visits = pp->n_pairs = 0;
    pp->max_visits = PREP_MAX_VISITS;
    {
        int rc = sparse_all(pp, sp);
        if (rc == -2) st = PREP_TOO_MANY_VISITS;
        if (rc) goto fail;
    }
sessions:
    for (int s = 0; s < m->n_sessions; s++)
        if (add_occurrences(pp, s)) goto fail;
    if (status) *status = PREP_OK;
    return pp;
fail:
    prep_free(pp);
    if (status) *status = st;
    return NULL;
}

void prep_free(prep *p) {
    if (!p) return;
    arena_free(p->arena);
    free(p->pairs);
    free(p->visits);
    free(p->pupil_first);
    free(p->occ);
    free(p->left);
    free(p->left_dates);
    free(p->left_first);
    free(p->day_union);
    free(p);
}

/* ---- explanations of single candidates --------------------------------- */


/* "mon-fri", "tue,thu", "sat": how people write days in the input. */
static void tb_days(textbuf *b, model_days days) {
    bool first = true;
    for (int d = 0; d < 7; d++) {
        if (!(days >> d & 1u)) continue;
        int e = d;
        while (e + 1 < 7 && (days >> (e + 1) & 1u)) e++;
        if (e - d >= 2) tb_add(b, "%s%s-%s", first ? "" : ",", cal_day_name(d), cal_day_name(e));
        else for (int k = d; k <= e; k++) tb_add(b, "%s%s", first && k == d ? "" : ",", cal_day_name(k));
        first = false;
        d = e;
    }
    if (first) tb_add(b, "no days");
}

static void tb_windows(textbuf *b, const model_window_list *l) {
    if (l->n == 0) tb_add(b, "never");
    for (int i = 0; i < l->n; i++) {
        char s[6], e[6];
        cal_format_time(l->v[i].start, s);
        cal_format_time(l->v[i].end, e);
        tb_add(b, "%s", i ? "; " : "");
        tb_days(b, l->v[i].days);
        tb_add(b, " %s-%s", s, e);
    }
}

const char *prep_windows_text(const prep *pc, const model_window_list *l) {
    textbuf b = {.n = 0};
    b.s[0] = '\0';
    tb_windows(&b, l);
    return arena_strdup(pc->arena, b.s);
}

static void tb_ids(textbuf *b, const model_programme *m, const model_index_list *l, bool schools) {
    for (int i = 0; i < l->n; i++)
        tb_add(b, "%s%s", i ? ", " : "", schools ? m->schools[l->v[i]].id : m->places[l->v[i]].id);
}

/* Rule 2's static part in the user's words with the data behind it. */
static void pair_static_text(const model_programme *m, int pupil, int adv, pair_fail f, textbuf *b) {
    const model_pupil *p = &m->pupils[pupil];
    const model_advocate *a = &m->advocates[adv];
    switch (f) {
    case PS_AVOID: tb_add(b, "avoid (pupil %s avoids %s)", p->id, a->id); break;
    case PS_LANGUAGES:
        tb_add(b, "requires.languages [");
        for (int i = 0; i < p->req_languages.n; i++) tb_add(b, "%s%s", i ? ", " : "", name_of(m, p->req_languages.v[i]));
        tb_add(b, "]: %s speaks ", a->id);
        if (a->languages.n == 0) tb_add(b, "no listed language");
        for (int i = 0; i < a->languages.n; i++) tb_add(b, "%s%s", i ? ", " : "", name_of(m, a->languages.v[i]));
        break;
    case PS_GENDER:
        tb_add(b, "requires.gender %s: %s is %s", name_of(m, p->req_gender), a->id,
               a->gender >= 0 ? name_of(m, a->gender) : "of no recorded gender");
        break;
    case PS_EXPERIENCE:
        for (int i = 0; i < p->req_experience.n; i++) {
            const model_level *l = &p->req_experience.v[i];
            int have = model_level_of(&a->experience, l->name);
            if (have >= l->level) continue;
            tb_add(b, "requires.experience %s >= %d: %s has %s %d", name_of(m, l->name), l->level, a->id,
                   name_of(m, l->name), have);
            break;
        }
        break;
    case PS_DBS: tb_add(b, "no DBS check recorded for %s", a->id); break;
    case PS_SCHOOLS:
        tb_add(b, "schools [");
        tb_ids(b, m, &a->schools, true);
        tb_add(b, "] does not include %s", m->schools[p->school].id);
        if (p->moves) tb_add(b, " or %s", m->schools[p->moves_school].id);
        break;
    default: break;
    }
}

/* The pupil's own windows at one school, as the input says them. */
static void tb_pupil_windows(textbuf *b, const model_programme *m, const model_pupil *p, int school,
                             const model_index_list *wins) {
    const model_school *s = &m->schools[school];
    tb_add(b, "at %s", s->id);
    for (int i = 0; i < wins->n; i++) {
        const model_school_window *w = model_school_window_named(s, wins->v[i]);
        tb_add(b, "%s %s ", i ? "," : "", name_of(m, wins->v[i]));
        if (w) tb_windows(b, &w->entries);
    }
    if (p->unavailable.n) {
        tb_add(b, " minus unavailable ");
        tb_windows(b, &p->unavailable);
    }
    if (s->no_visits.n) {
        tb_add(b, " minus the school's no_visits ");
        tb_windows(b, &s->no_visits);
    }
}

/* Tally of the reasons dates were ruled out, most frequent first. */
typedef struct {
    const char *why[8];
    int count[8];
    int n, other;
} date_tally;

static void tally_add(date_tally *t, const char *why) {
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->why[i], why) == 0) {
            t->count[i]++;
            return;
        }
    if (t->n < 8) {
        t->why[t->n] = why;
        t->count[t->n++] = 1;
    } else {
        t->other++;
    }
}

static void tb_tally(textbuf *b, date_tally *t) {
    for (int i = 0; i < t->n; i++) /* a few entries: selection sort is plenty */
        for (int j = i + 1; j < t->n; j++)
            if (t->count[j] > t->count[i]) {
                const char *w = t->why[i];
                int c = t->count[i];
                t->why[i] = t->why[j], t->count[i] = t->count[j];
                t->why[j] = w, t->count[j] = c;
            }
    for (int i = 0; i < t->n && i < 4; i++)
        tb_add(b, "%s%s (%d date%s)", i ? ", " : "", t->why[i], t->count[i], t->count[i] == 1 ? "" : "s");
    int rest = t->other;
    for (int i = 4; i < t->n; i++) rest += t->count[i];
    if (rest) tb_add(b, " and %d more date%s for other reasons", rest, rest == 1 ? "" : "s");
}

prep_rule prep_pair_rule(const prep *pc, int pupil, int adv, const char **why) {
    prep *pp = (prep *)pc; /* only the reason arena grows */
    const model_programme *m = pp->m;
    const model_pupil *p = &m->pupils[pupil];
    const model_advocate *a = &m->advocates[adv];
    textbuf b = {.n = 0};
    b.s[0] = '\0';
    *why = NULL;
    static const prep_rule of_static[PS_COUNT] = {PREP_RULE_OK, PREP_RULE_AVOID, PREP_RULE_LANGUAGES, PREP_RULE_GENDER,
                                                  PREP_RULE_EXPERIENCE, PREP_RULE_DBS, PREP_RULE_SCHOOLS};
    pair_fail f = pair_static(m, pupil, adv);
    if (f != PS_OK) {
        pair_static_text(m, pupil, adv, f, &b);
        *why = arena_strdup(pp->arena, b.s);
        return of_static[f];
    }
    for (int i = pp->pupil_first[pupil]; i < pp->pupil_first[pupil + 1]; i++)
        if (pp->pairs[i].advocate == adv) return PREP_RULE_OK;
    int lf, ln;
    prep_pupil_left(pp, pupil, &lf, &ln);
    for (int i = lf; i < lf + ln; i++)
        if (pp->left[i].advocate == adv) return PREP_RULE_OK;
    /* No candidate: either no weekday has common time, or every date that
    ** has some is ruled out by the calendar, leave, DBS or release. */
    bool time_ok[2][7] = {{false}}, time_done[2][7] = {{false}};
    date_tally t = {.n = 0};
    int timed_dates = 0;
    for (int date = m->period_from; date <= m->period_to; date++) {
        int side = p->moves && date >= p->moves_on, wd = cal_weekday(date);
        if (!time_done[side][wd]) {
            for (int st = 0; st + p->minutes <= 24 * 60 && !time_ok[side][wd]; st += m->slot_minutes)
                time_ok[side][wd] = start_ok(m, pupil, adv, date, st);
            time_done[side][wd] = true;
        }
        if (!time_ok[side][wd]) continue;
        timed_dates++;
        const char *w = day_blocker(pp, pupil, adv, date, true);
        if (w) tally_add(&t, w);
    }
    if (timed_dates > 0) {
        tb_add(&b, "every one of the %d dates with common time is ruled out: ", timed_dates);
        tb_tally(&b, &t);
        *why = arena_strdup(pp->arena, b.s);
        return PREP_RULE_NO_DATE;
    }
    tb_add(&b, "no common time: %s is available ", a->id);
    tb_windows(&b, &a->available);
    if (a->course >= 0) {
        tb_add(&b, " and released by %s ", m->courses[a->course].id);
        tb_windows(&b, &m->courses[a->course].release);
    }
    tb_add(&b, "; pupil's %d-minute visits fit ", p->minutes);
    tb_pupil_windows(&b, m, p, p->school, &p->windows);
    if (p->moves) {
        tb_add(&b, "; from %s ", cal_date_str(p->moves_on).s);
        tb_pupil_windows(&b, m, p, p->moves_school, &p->moves_windows);
    }
    tb_add(&b, " (0 feasible visit slots in the period)");
    *why = arena_strdup(pp->arena, b.s);
    return PREP_RULE_NO_TIME;
}

prep_rule prep_teacher_rule(const prep *pc, int sess, int teacher, const char **why) {
    prep *pp = (prep *)pc;
    const model_programme *m = pp->m;
    const model_session *s = &m->sessions[sess];
    const model_teacher *t = &m->teachers[teacher];
    textbuf b = {.n = 0};
    b.s[0] = '\0';
    *why = NULL;
    int have = model_level_of(&t->skills, s->subject);
    if (have < s->min_level) {
        tb_add(&b, "requires %s >= %d: %s has %s %d", name_of(m, s->subject), s->min_level, t->id,
               name_of(m, s->subject), have);
        *why = arena_strdup(pp->arena, b.s);
        return PREP_RULE_EXPERIENCE;
    }
    if (!teacher_may(m, sess, teacher)) {
        if (t->venues.n) {
            tb_add(&b, "venues [");
            tb_ids(&b, m, &t->venues, false);
            tb_add(&b, "] does not include %s", m->places[s->place].id);
        } else {
            tb_add(&b, "%s lists no venues, so teaches only at schools, and %s is not a school", t->id,
                   m->places[s->place].id);
        }
        *why = arena_strdup(pp->arena, b.s);
        return PREP_RULE_SCHOOLS;
    }
    if (!t->dbs.set) {
        *why = arena_printf(pp->arena, "no DBS check recorded for %s", t->id);
        return PREP_RULE_DBS;
    }
    for (int k = 0; k < pp->n_occ; k++)
        if (pp->occ[k].session == sess && pp->occ[k].teacher == teacher) return PREP_RULE_OK;
    bool time_ok[7] = {false};
    for (int wd = 0; wd < 7; wd++) {
        int date = m->period_from + ((wd - cal_weekday(m->period_from)) % 7 + 7) % 7;
        for (int st = 0; st + s->minutes <= 24 * 60 && !time_ok[wd]; st += m->slot_minutes)
            time_ok[wd] = occurrence_ok(m, sess, teacher, date, st);
    }
    date_tally tl = {.n = 0};
    int timed_dates = 0;
    for (int date = m->period_from; date <= m->period_to; date++) {
        if (!time_ok[cal_weekday(date)]) continue;
        timed_dates++;
        const char *w = NULL;
        if (s->school >= 0 && !cal_school_open(m, s->school, date, &w)) w = arena_printf(pp->arena, "school closed: %s", w);
        else w = teacher_day_blocker(pp, teacher, date, true);
        if (w) tally_add(&tl, w);
    }
    if (timed_dates > 0) {
        tb_add(&b, "every one of the %d dates with common time is ruled out: ", timed_dates);
        tb_tally(&b, &tl);
        *why = arena_strdup(pp->arena, b.s);
        return PREP_RULE_NO_DATE;
    }
    tb_add(&b, "no common time: %s is available ", t->id);
    tb_windows(&b, &t->available);
    tb_add(&b, "; the %d-minute session is allowed ", s->minutes);
    tb_windows(&b, &s->when);
    tb_add(&b, " (0 feasible occurrences in the period)");
    *why = arena_strdup(pp->arena, b.s);
    return PREP_RULE_NO_TIME;
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

bool prep_is_sparse(const prep *p) { return p->left_first != NULL; }
int prep_n_left(const prep *p) { return p->n_left; }
const prep_left_pair *prep_left(const prep *p) { return p->left; }
const unsigned char *prep_left_dates(const prep *p, int i) { return p->left_dates + (size_t)i * (size_t)p->n_weeks; }

int prep_day_union_minutes(const prep *p, int advocate, int date) {
    if (!p->day_union || date < p->m->period_from || date > p->m->period_to) return -1;
    const uint64_t *u = p->day_union + ((size_t)advocate * (size_t)p->n_dates + (size_t)(date - p->m->period_from)) * (size_t)p->day_words;
    int bits = 0;
    for (int w = 0; w < p->day_words; w++) bits += __builtin_popcountll(u[w]);
    return bits * p->m->slot_minutes;
}

void prep_pair_dates(const prep *p, int pair, unsigned char *dates) {
    const prep_pair *pr = &p->pairs[pair];
    memset(dates, 0, (size_t)p->n_weeks);
    int last = -1;
    for (int k = pr->first; k < pr->first + pr->n; k++)
        if (p->visits[k].date != last) dates[prep_week_of(p, p->visits[k].date)]++, last = p->visits[k].date;
}

void prep_pupil_left(const prep *p, int pupil, int *first, int *n) {
    *first = p->left_first ? p->left_first[pupil] : 0;
    *n = p->left_first ? p->left_first[pupil + 1] - p->left_first[pupil] : 0;
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

/* Up to six ids of the advocates whose first failing rule is f: "A01, A02, ...". */
static const char *ids_failing(prep *pp, int pupil, pair_fail f) {
    const model_programme *m = pp->m;
    textbuf b = {.n = 0};
    b.s[0] = '\0';
    int shown = 0, more = 0;
    for (int a = 0; a < m->n_advocates; a++) {
        if (pair_static(m, pupil, a) != f) continue;
        if (shown < 6) tb_add(&b, "%s%s", shown++ ? ", " : "", m->advocates[a].id);
        else more++;
    }
    if (more) tb_add(&b, " and %d more", more);
    return arena_strdup(pp->arena, b.s);
}

int prep_unmatched_static(const prep *pc, int pupil, const char ***reasons) {
    prep *pp = (prep *)pc; /* only the reason arena grows */
    const model_programme *m = pp->m;
    *reasons = NULL;
    if (pp->pupil_first[pupil + 1] > pp->pupil_first[pupil]) return 0;
    if (pp->left_first && pp->left_first[pupil + 1] > pp->left_first[pupil]) return 0;
    const char **out = arena_array(pp->arena, PS_COUNT + 2, sizeof *out);
    if (!out) return 0;
    int n = 0, fails[PS_COUNT] = {0};
    for (int a = 0; a < m->n_advocates; a++) fails[pair_static(m, pupil, a)]++;
    if (m->n_advocates == 0) out[n++] = "there are no advocates";
    for (int f = PS_AVOID; f < PS_COUNT; f++) {
        if (!fails[f]) continue;
        const char *ids = ids_failing(pp, pupil, (pair_fail)f);
        if (f == PS_AVOID)
            out[n++] = arena_printf(pp->arena, "%d advocate%s on the pupil's avoid list (%s)", fails[f],
                                    fails[f] == 1 ? "" : "s", ids);
        else if (fails[f] == m->n_advocates)
            out[n++] = arena_printf(pp->arena, "no advocate meets %s", req_text(pp, pupil, (pair_fail)f));
        else
            out[n++] = arena_printf(pp->arena, "%d advocate%s lack %s (%s)", fails[f], fails[f] == 1 ? "" : "s",
                                    req_text(pp, pupil, (pair_fail)f), ids);
    }
    /* Compatible advocates with no candidate at all: name them and say
    ** whether it is the weekly times or the dates that never meet. */
    textbuf no_time = {.n = 0}, no_date = {.n = 0};
    no_time.s[0] = no_date.s[0] = '\0';
    int n_time = 0, n_date = 0;
    for (int a = 0; a < m->n_advocates; a++) {
        if (pair_static(m, pupil, a) != PS_OK) continue;
        const char *why;
        prep_rule r = prep_pair_rule(pc, pupil, a, &why);
        if (r == PREP_RULE_NO_TIME && n_time++ < 6) tb_add(&no_time, "%s%s", n_time > 1 ? ", " : "", m->advocates[a].id);
        if (r == PREP_RULE_NO_DATE && n_date++ < 3)
            tb_add(&no_date, "%s%s: %s", n_date > 1 ? "; " : "", m->advocates[a].id,
                   strstr(why, ": ") ? strstr(why, ": ") + 2 : why);
    }
    if (n_time)
        out[n++] = arena_printf(pp->arena, "no common free time with %s compatible advocate%s (%s%s)",
                                n_time == 1 ? "the" : "any", n_time == 1 ? "" : "s", no_time.s, n_time > 6 ? ", ..." : "");
    if (n_date)
        out[n++] = arena_printf(pp->arena, "no date possible with %s compatible advocate%s (%s%s)",
                                n_date == 1 ? "the" : "the other", n_date == 1 ? "" : "s", no_date.s, n_date > 3 ? "; ..." : "");
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
    textbuf b = {.n = 0};
    b.s[0] = '\0';
    for (int t = 0; t < m->n_teachers; t++) {
        if (!teacher_may(m, session, t)) continue;
        const char *last = teacher_day_blocker(pp, t, date, true);
        if (!last) {
            for (int st = 0; st + s->minutes <= 24 * 60; st += m->slot_minutes)
                if (occurrence_ok(m, session, t, date, st)) return NULL;
            last = arena_printf(pp->arena, "%s not free in the session's hours on %s (available %s)", m->teachers[t].id,
                                cal_day_name(cal_weekday(date)), prep_windows_text(pp, &m->teachers[t].available));
        }
        if (qualified++ < 4) tb_add(&b, "%s%s", qualified > 1 ? "; " : "", last);
    }
    if (!qualified)
        return arena_printf(pp->arena, "no teacher has %s at level %d or above who may teach at %s",
                            name_of(m, s->subject), s->min_level, m->places[s->place].id);
    if (qualified == 1) return arena_strdup(pp->arena, b.s);
    return arena_printf(pp->arena, "no qualified teacher available: %s%s", b.s, qualified > 4 ? "; ..." : "");
}
