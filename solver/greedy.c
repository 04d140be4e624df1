/*
** greedy.c: a quick feasible roster (see greedy.h).
**
** The checks here are the hard rules restated for one new engagement
** against those already taken; they only decide what the greedy start
** contains. The integer program alone decides the final roster.
*/
#include "greedy.h"

#include <stdlib.h>
#include <string.h>

#include "cal.h"

typedef struct {
    int date, start, end, place, school, person;
} taken;

typedef struct {
    const model_programme *m;
    const prep *p;
    taken *t;  int n, cap;          /* every engagement taken so far */
    int *adv_pupils;                /* matched pupils per advocate */
    int *adv_minutes;               /* per advocate x week */
    int *teacher_sessions;          /* per teacher x week */
    int nweeks;
} state;

static bool clash(const state *s, int person, int date, int start, int end, int place, int school) {
    const model_programme *m = s->m;
    int rooms = school >= 0 ? m->schools[school].rooms : 0;
    for (int i = 0; i < s->n; i++) {
        const taken *e = &s->t[i];
        if (e->date != date) continue;
        if (e->person == person) {
            if (e->start < end && start < e->end) return true;
            if (e->place != place) {
                int tau = model_travel(m, e->place, place);
                if (e->end <= start && start - e->end < tau) return true;
                if (end <= e->start && e->start - end < tau) return true;
            }
        }
    }
    if (school < 0) return false;
    /* rooms: the most engagements under way at once inside [start, end) */
    for (int i = -1; i < s->n; i++) {
        int t = i < 0 ? start : s->t[i].start;
        if (i >= 0 && (s->t[i].date != date || s->t[i].school != school || t < start || t >= end)) continue;
        int under_way = 1;
        for (int j = 0; j < s->n; j++) {
            const taken *e = &s->t[j];
            under_way += e->date == date && e->school == school && e->start <= t && t < e->end;
        }
        if (under_way > rooms) return true;
    }
    return false;
}

static int take(state *s, int person, int date, int start, int end, int place, int school) {
    if (s->n == s->cap) {
        int n = s->cap ? s->cap * 2 : 256;
        taken *t = realloc(s->t, sizeof *t * (size_t)n);
        if (!t) return -1;
        s->t = t;
        s->cap = n;
    }
    s->t[s->n++] = (taken){date, start, end, place, school, person};
    return 0;
}

static int week_cap(const model_programme *m, int adv) {
    const model_advocate *a = &m->advocates[adv];
    int cap = a->max_minutes_per_week;
    if (a->course >= 0) {
        int cc = m->courses[a->course].max_minutes_per_week;
        if (cc != MODEL_NO_LIMIT && (cap == MODEL_NO_LIMIT || cc < cap)) cap = cc;
    }
    return cap;
}

/* Can visit k of pair pr be added, given what the pupil already has? */
static bool visit_fits(const state *s, const prep_pair *pr, int k, const char *pupil_day, const int *pupil_week) {
    const model_programme *m = s->m;
    const prep_visit *v = &prep_visits(s->p)[k];
    const model_pupil *pu = &m->pupils[pr->pupil];
    int w = prep_week_of(s->p, v->date), cap = week_cap(m, pr->advocate);
    if (pupil_day[v->date - m->period_from] || pupil_week[w] >= pu->per_week) return false;
    if (cap != MODEL_NO_LIMIT && s->adv_minutes[pr->advocate * s->nweeks + w] + pu->minutes > cap) return false;
    return !clash(s, prep_person_of_advocate(s->p, pr->advocate), v->date, v->start, v->end, v->place, v->school);
}

typedef struct {
    char *on;           /* per candidate of the pair: taken */
    int delivered;
} plan;

/* Plan a pair: fill patterns slot by slot with the weekly time delivering
** most, then top weeks up with moved visits. Does not commit anything to
** s except temporarily (undone before returning). */
static int plan_pair(state *s, const prep_pair *pr, plan *pl, char *day, int *wk) {
    const model_programme *m = s->m;
    const prep_visit *vis = prep_visits(s->p);
    const model_pupil *pu = &m->pupils[pr->pupil];
    int ndates = m->period_to - m->period_from + 1, base = s->n, person = prep_person_of_advocate(s->p, pr->advocate);
    memset(day, 0, (size_t)ndates);
    memset(wk, 0, sizeof(int) * (size_t)s->nweeks);
    memset(pl->on, 0, (size_t)pr->n);
    pl->delivered = 0;
    for (int slot = 0; slot <= pu->per_week; slot++) {
        /* slot == per_week: the moved pass, any candidate that fits */
        int best_wd = -1, best_start = -1, best_n = 0;
        if (slot < pu->per_week) {
            for (int k = pr->first; k < pr->first + pr->n; k++) {
                if (pl->on[k - pr->first]) continue;
                int wd = cal_weekday(vis[k].date), n = 0;
                if (best_wd == wd && best_start == vis[k].start) continue;
                for (int q = pr->first; q < pr->first + pr->n; q++)
                    n += cal_weekday(vis[q].date) == wd && vis[q].start == vis[k].start && visit_fits(s, pr, q, day, wk);
                if (n > best_n) best_n = n, best_wd = wd, best_start = vis[k].start;
            }
            if (best_wd < 0) continue;
        }
        for (int k = pr->first; k < pr->first + pr->n; k++) {
            if (slot < pu->per_week && (cal_weekday(vis[k].date) != best_wd || vis[k].start != best_start)) continue;
            if (!visit_fits(s, pr, k, day, wk)) continue;
            if (take(s, person, vis[k].date, vis[k].start, vis[k].end, vis[k].place, vis[k].school)) return -1;
            int w = prep_week_of(s->p, vis[k].date);
            s->adv_minutes[pr->advocate * s->nweeks + w] += pu->minutes;
            day[vis[k].date - m->period_from] = 1;
            wk[w]++;
            pl->on[k - pr->first] = 1;
            pl->delivered++;
        }
    }
    /* undo */
    for (int k = pr->first; k < pr->first + pr->n; k++)
        if (pl->on[k - pr->first])
            s->adv_minutes[pr->advocate * s->nweeks + prep_week_of(s->p, vis[k].date)] -= pu->minutes;
    s->n = base;
    return 0;
}

static int pupils_greedy(state *s, char *visit_on) {
    const model_programme *m = s->m;
    const prep_pair *pairs = prep_pairs(s->p);
    const prep_visit *vis = prep_visits(s->p);
    int ndates = m->period_to - m->period_from + 1, maxn = 1, rc = -1;
    for (int i = 0; i < prep_n_pairs(s->p); i++)
        if (pairs[i].n > maxn) maxn = pairs[i].n;
    int *order = calloc((size_t)m->n_pupils + 1, sizeof(int));
    char *day = malloc((size_t)ndates + 1);
    int *wk = malloc(sizeof(int) * ((size_t)s->nweeks + 1));
    plan cur = {malloc((size_t)maxn), 0}, best = {malloc((size_t)maxn), 0};
    if (!order || !day || !wk || !cur.on || !best.on) goto out;
    /* higher priority first, input order among equals (insertion sort) */
    for (int i = 0; i < m->n_pupils; i++) {
        int j = i;
        while (j > 0 && m->pupils[order[j - 1]].priority < m->pupils[i].priority) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    for (int oi = 0; oi < m->n_pupils; oi++) {
        int pupil = order[oi], first, n, best_pair = -1;
        if (m->pupils[pupil].per_week > 7) continue;
        prep_pupil_pairs(s->p, pupil, &first, &n);
        for (int i = first; i < first + n; i++) {
            int a = pairs[i].advocate;
            if (m->advocates[a].max_pupils != MODEL_NO_LIMIT && s->adv_pupils[a] >= m->advocates[a].max_pupils) continue;
            if (plan_pair(s, &pairs[i], &cur, day, wk)) goto out;
            if (cur.delivered > best.delivered) {
                best_pair = i;
                best.delivered = cur.delivered;
                memcpy(best.on, cur.on, (size_t)pairs[i].n);
            }
        }
        if (best_pair < 0) continue;
        const prep_pair *pr = &pairs[best_pair];
        s->adv_pupils[pr->advocate]++;
        for (int k = pr->first; k < pr->first + pr->n; k++) {
            if (!best.on[k - pr->first]) continue;
            visit_on[k] = 1;
            if (take(s, prep_person_of_advocate(s->p, pr->advocate), vis[k].date, vis[k].start, vis[k].end,
                     vis[k].place, vis[k].school))
                goto out;
            s->adv_minutes[pr->advocate * s->nweeks + prep_week_of(s->p, vis[k].date)] += m->pupils[pupil].minutes;
        }
        best.delivered = 0;
    }
    rc = 0;
out:
    free(order);
    free(day);
    free(wk);
    free(cur.on);
    free(best.on);
    return rc;
}

static int sessions_greedy(state *s, char *occ_on) {
    const model_programme *m = s->m;
    const prep_occurrence *occ = prep_occurrences(s->p);
    int no = prep_n_occurrences(s->p);
    int ns = m->n_sessions;
    int *per = calloc((size_t)ns * (size_t)s->nweeks + 1, sizeof(int));
    char *dated = calloc((size_t)ns * (size_t)(m->period_to - m->period_from + 1) + 1, 1);
    if (!per || !dated) {
        free(per);
        free(dated);
        return -1;
    }
    for (int pri = 5; pri >= 1; pri--)
        for (int k = 0; k < no; k++) {
            const prep_occurrence *o = &occ[k];
            const model_session *se = &m->sessions[o->session];
            if (se->priority != pri) continue;
            int w = prep_week_of(s->p, o->date), cap = m->teachers[o->teacher].max_sessions_per_week;
            size_t di = (size_t)o->session * (size_t)(m->period_to - m->period_from + 1) + (size_t)(o->date - m->period_from);
            if (per[o->session * s->nweeks + w] >= se->per_week || dated[di]) continue;
            if (cap != MODEL_NO_LIMIT && s->teacher_sessions[o->teacher * s->nweeks + w] >= cap) continue;
            int person = prep_person_of_teacher(s->p, o->teacher);
            if (clash(s, person, o->date, o->start, o->end, o->place, o->school)) continue;
            if (take(s, person, o->date, o->start, o->end, o->place, o->school)) {
                free(per);
                free(dated);
                return -1;
            }
            occ_on[k] = 1;
            per[o->session * s->nweeks + w]++;
            dated[di] = 1;
            s->teacher_sessions[o->teacher * s->nweeks + w]++;
        }
    free(per);
    free(dated);
    return 0;
}

int greedy_roster(const model_programme *m, const prep *p, char *visit_on, char *occ_on) {
    state s;
    memset(&s, 0, sizeof s);
    s.m = m;
    s.p = p;
    s.nweeks = prep_n_weeks(p);
    memset(visit_on, 0, (size_t)prep_n_visits(p));
    memset(occ_on, 0, (size_t)prep_n_occurrences(p));
    s.adv_pupils = calloc((size_t)m->n_advocates + 1, sizeof(int));
    s.adv_minutes = calloc((size_t)m->n_advocates * (size_t)s.nweeks + 1, sizeof(int));
    s.teacher_sessions = calloc((size_t)m->n_teachers * (size_t)s.nweeks + 1, sizeof(int));
    int rc = -1;
    if (s.adv_pupils && s.adv_minutes && s.teacher_sessions && pupils_greedy(&s, visit_on) == 0 &&
        sessions_greedy(&s, occ_on) == 0)
        rc = 0;
    free(s.t);
    free(s.adv_pupils);
    free(s.adv_minutes);
    free(s.teacher_sessions);
    return rc;
}
