/*
** bound.c: the assignment bound A (see bound.h; the argument that it bounds
** Q is in docs/solve.md, "The assignment bound").
*/
#include "bound.h"

#include <glpk.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "lpb.h"
#include "solve.h"
#include "stop.h"

typedef struct {
    const model_programme *m;
    const prep *p;
    lpb b;                  /* the program being built */
    int nweeks, nslots;
    int *x_col;             /* per pair */
    int *u_col;             /* pair * nweeks + week */
    int *u_school;          /* the pupil's school that week, -1 when it changes mid-week */
    unsigned char *most;    /* pair * nweeks + week: most visits that week (0: no u column) */
    size_t n_u;             /* pair-weeks with a visit possible */
    double *day_minutes;    /* (advocate * nweeks + week) * n_schools + school: most minutes a day */
    unsigned char *day_count; /* aws(): dates that week with a candidate of the advocate at the school */
    double *week_minutes;   /* advocate * nweeks + week: minutes the advocate could be visiting */
    double *school_minutes; /* school * nweeks + week: room-minutes visits could use (measure_schools) */
    int *adv_first, *adv_pairs; /* pairs of advocate a: adv_pairs[adv_first[a] .. adv_first[a + 1]) */
    struct lagr *lag;       /* the Lagrangian's multipliers, kept between solves (a warm start) */
    int *z_col;             /* aws(): z[a,k,s] of the GLPK solve being built, 0 when none */
    double tie;             /* x's objective adds tie x |match|: among equal optima, the surest matching */
    int threads;            /* the Lagrangian's pupils are priced on this many (bound_options, at least 1) */
    /* the session part once proven optimal: the same program each solve,
    ** so a later bound_solve takes its bound instead of solving it again */
    bool sessions_proven;
    double sessions_bound;
    int sessions_rows, sessions_cols;
} actx;

static size_t aws(const actx *c, int adv, int week, int school) {
    return ((size_t)adv * (size_t)c->nweeks + (size_t)week) * (size_t)c->m->n_schools + (size_t)school;
}

/* Per advocate, date and school: the length of the union of all the
** advocate's candidate intervals there. Its visits that day never overlap
** (rule 9) and each lies in a candidate, so their minutes fit in it;
** day_minutes keeps the largest such length in each week. Across schools
** the same holds for the union of all its candidates that date, summed
** over the week in week_minutes: the week's visit minutes fit in it. */
static int measure_days(actx *c) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    int ndates = m->period_to - m->period_from + 1;
    size_t cells = (size_t)ndates * (size_t)m->n_schools * (size_t)c->nslots;
    c->day_minutes = calloc((size_t)m->n_advocates * (size_t)c->nweeks * (size_t)m->n_schools + 1, sizeof(double));
    c->week_minutes = calloc((size_t)m->n_advocates * (size_t)c->nweeks + 1, sizeof(double));
    c->day_count = calloc((size_t)m->n_advocates * (size_t)c->nweeks * (size_t)m->n_schools + 1, 1);
    char *busy = calloc(cells + 1, 1);
    if (!c->day_minutes || !c->week_minutes || !c->day_count || !busy) {
        free(busy);
        return -1;
    }
    int slot = m->slot_minutes;
    for (int a = 0; a < m->n_advocates; a++) {
        if (c->adv_first[a] == c->adv_first[a + 1]) continue;
        memset(busy, 0, cells);
        for (int e = c->adv_first[a]; e < c->adv_first[a + 1]; e++)
            for (int k = pairs[c->adv_pairs[e]].first; k < pairs[c->adv_pairs[e]].first + pairs[c->adv_pairs[e]].n; k++) {
                size_t at = ((size_t)(vis[k].date - m->period_from) * (size_t)m->n_schools + (size_t)vis[k].school) *
                            (size_t)c->nslots;
                memset(busy + at + vis[k].start / slot, 1, (size_t)((vis[k].end - vis[k].start) / slot));
            }
        for (int d = 0; d < ndates; d++) {
            int week = prep_week_of(c->p, m->period_from + d), any = 0;
            for (int t = 0; t < c->nslots; t++) {
                bool on = false;
                for (int s = 0; s < m->n_schools && !on; s++)
                    on = busy[((size_t)d * (size_t)m->n_schools + (size_t)s) * (size_t)c->nslots + (size_t)t];
                any += on;
            }
            c->week_minutes[(size_t)a * (size_t)c->nweeks + (size_t)week] += any * slot;
            for (int s = 0; s < m->n_schools; s++) {
                const char *row = busy + ((size_t)d * (size_t)m->n_schools + (size_t)s) * (size_t)c->nslots;
                int len = 0;
                for (int t = 0; t < c->nslots; t++) len += row[t];
                double *dm = &c->day_minutes[aws(c, a, week, s)];
                if (len * slot > *dm) *dm = len * slot;
                if (len > 0) c->day_count[aws(c, a, week, s)]++;
            }
        }
    }
    free(busy);
    return 0;
}

/* Per school and week: rooms x the sum over the week's dates of the measure
** of the union of every candidate visit interval there. At no moment are
** more than rooms engagements under way (rule 10) and each visit lies in a
** candidate interval, so integrating the count over each date gives: the
** week's visit minutes at the school are at most this. */
static int measure_schools(actx *c) {
    const model_programme *m = c->m;
    const prep_visit *vis = prep_visits(c->p);
    int ndates = m->period_to - m->period_from + 1, nv = prep_n_visits(c->p), slot = m->slot_minutes;
    size_t cells = (size_t)m->n_schools * (size_t)ndates * (size_t)c->nslots;
    char *busy = calloc(cells + 1, 1);
    c->school_minutes = calloc((size_t)m->n_schools * (size_t)c->nweeks + 1, sizeof(double));
    if (!busy || !c->school_minutes) {
        free(busy);
        return -1;
    }
    for (int k = 0; k < nv; k++) {
        size_t at = ((size_t)vis[k].school * (size_t)ndates + (size_t)(vis[k].date - m->period_from)) * (size_t)c->nslots;
        memset(busy + at + vis[k].start / slot, 1, (size_t)((vis[k].end - vis[k].start) / slot));
    }
    for (int sc = 0; sc < m->n_schools; sc++)
        for (int d = 0; d < ndates; d++) {
            const char *row = busy + ((size_t)sc * (size_t)ndates + (size_t)d) * (size_t)c->nslots;
            int len = 0;
            for (int t = 0; t < c->nslots; t++) len += row[t];
            c->school_minutes[(size_t)sc * (size_t)c->nweeks + (size_t)prep_week_of(c->p, m->period_from + d)] +=
                (double)len * slot * m->schools[sc].rooms;
        }
    free(busy);
    return 0;
}

/* x[p,a] and u[p,a,k]; one_advocate, pair_week, matched_needs_visit rows.
** A visit may pay |moved| or |school_day| when those weights are negative:
** each visit is moved at most once and opens at most one school day. */
/* Per pair and week: the most visits (per_week, and the pair's dates with
** a candidate that week) and the pupil's school (-1 when it changes). */
static int count_weeks(actx *c) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    int np = prep_n_pairs(c->p);
    size_t n = (size_t)np * (size_t)c->nweeks;
    c->most = calloc(n + 1, 1);
    c->u_school = malloc(sizeof(int) * (n + 1));
    if (!c->most || !c->u_school) return -1;
    for (int i = 0; i < np; i++) {
        int per_week = m->pupils[pairs[i].pupil].per_week;
        int k = pairs[i].first, end = pairs[i].first + pairs[i].n;
        while (k < end) {
            int week = prep_week_of(c->p, vis[k].date), dates = 0, last = -1, school = vis[k].school;
            for (; k < end && prep_week_of(c->p, vis[k].date) == week; k++) {
                if (vis[k].date != last) dates++, last = vis[k].date;
                if (vis[k].school != school) school = -1;
            }
            size_t at = (size_t)i * (size_t)c->nweeks + (size_t)week;
            c->most[at] = (unsigned char)(dates < per_week ? dates : per_week);
            c->u_school[at] = school;
            c->n_u += c->most[at] > 0;
        }
    }
    return 0;
}

/* The value of one visit of pupil in A: visit x priority, plus |moved| and
** |school_day| when those weights are negative (each visit is moved at
** most once and opens at most one school day). */
static double visit_value(const model_programme *m, int pupil) {
    return m->weights.visit * m->pupils[pupil].priority + fmax(0.0, -m->weights.moved) +
           fmax(0.0, -m->weights.school_day);
}

/* The week's visit minutes of the advocate are at most its caps (rule 8)
** and the time it could be visiting (week_minutes). */
static double week_cap(const actx *c, int adv, int week) {
    int cap = solve_advocate_week_cap(c->m, adv);
    double t = c->week_minutes[(size_t)adv * (size_t)c->nweeks + (size_t)week];
    return cap == MODEL_NO_LIMIT || t < cap ? t : cap;
}

static int build_pairs(actx *c) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    int np = prep_n_pairs(c->p);
    c->x_col = calloc((size_t)np + 1, sizeof(int));
    c->u_col = calloc((size_t)np * (size_t)c->nweeks + 1, sizeof(int));
    if (!c->x_col || !c->u_col) return -1;
    for (int i = 0; i < np; i++) {
        const model_pupil *pu = &m->pupils[pairs[i].pupil];
        const char *pid = pu->id, *aid = m->advocates[pairs[i].advocate].id;
        double match = solve_match_value(m, pairs[i].pupil, pairs[i].advocate);
        c->x_col[i] = lpb_col(&c->b, GLP_BV, 0, 1, match + c->tie * fabs(match), "x[%s,%s]",
                              pid, aid);
        for (int week = 0; week < c->nweeks; week++) {
            size_t at = (size_t)i * (size_t)c->nweeks + (size_t)week;
            int most = c->most[at];
            if (!most) continue;
            c->u_col[at] = lpb_col(&c->b, GLP_IV, 0, most, visit_value(m, pairs[i].pupil), "u[%s,%s,w%d]", pid,
                                   aid, week + 1);
            lpb_row(&c->b, "pair_week[%s,%s,w%d]", pid, aid, week + 1);
            lpb_term(&c->b, c->u_col[at], 1);
            lpb_term(&c->b, c->x_col[i], -most);
            if (lpb_upper(&c->b, 0) < 0) return -1;
        }
        lpb_row(&c->b, "matched_needs_visit[%s,%s]", pid, aid);
        lpb_term(&c->b, c->x_col[i], 1);
        for (int w = 0; w < c->nweeks; w++)
            if (c->u_col[(size_t)i * (size_t)c->nweeks + (size_t)w]) lpb_term(&c->b, c->u_col[(size_t)i * (size_t)c->nweeks + (size_t)w], -1);
        if (lpb_upper(&c->b, 0) < 0) return -1;
    }
    for (int pupil = 0; pupil < m->n_pupils; pupil++) {
        int first, n;
        prep_pupil_pairs(c->p, pupil, &first, &n);
        lpb_row(&c->b, "one_advocate[%s]", m->pupils[pupil].id);
        for (int i = first; i < first + n; i++) lpb_term(&c->b, c->x_col[i], 1);
        if (n > 1 && lpb_upper(&c->b, 1) < 0) return -1;
        for (int w = 0; w < c->nweeks && n > 1; w++) {
            lpb_row(&c->b, "pupil_week[%s,w%d]", m->pupils[pupil].id, w + 1);
            for (int i = first; i < first + n; i++)
                if (c->u_col[(size_t)i * (size_t)c->nweeks + (size_t)w])
                    lpb_term(&c->b, c->u_col[(size_t)i * (size_t)c->nweeks + (size_t)w], 1);
            if (c->b.n > 1 && lpb_upper(&c->b, m->pupils[pupil].per_week) < 0) return -1;
        }
    }
    return 0;
}

/* Pairs grouped by advocate (counting sort), so per-advocate rows cost
** their own pairs only. */
static int group_by_advocate(actx *c) {
    const prep_pair *pairs = prep_pairs(c->p);
    int np = prep_n_pairs(c->p), na = c->m->n_advocates;
    c->adv_first = calloc((size_t)na + 2, sizeof(int));
    c->adv_pairs = malloc(sizeof(int) * ((size_t)np + 1));
    int *fill = calloc((size_t)na + 1, sizeof(int));
    if (!c->adv_first || !c->adv_pairs || !fill) {
        free(fill);
        return -1;
    }
    for (int i = 0; i < np; i++) c->adv_first[pairs[i].advocate + 1]++;
    for (int a = 0; a < na; a++) c->adv_first[a + 1] += c->adv_first[a];
    for (int i = 0; i < np; i++) c->adv_pairs[c->adv_first[pairs[i].advocate] + fill[pairs[i].advocate]++] = i;
    free(fill);
    return 0;
}

/* max_pupils (rule 8) and the week's visit minutes (week_cap). */
static int build_advocate_caps(actx *c) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    for (int a = 0; a < m->n_advocates; a++) {
        const model_advocate *adv = &m->advocates[a];
        int from = c->adv_first[a], to = c->adv_first[a + 1];
        if (adv->max_pupils != MODEL_NO_LIMIT) {
            lpb_row(&c->b, "max_pupils[%s]", adv->id);
            for (int e = from; e < to; e++) lpb_term(&c->b, c->x_col[c->adv_pairs[e]], 1);
            if (c->b.n > adv->max_pupils && lpb_upper(&c->b, adv->max_pupils) < 0) return -1;
        }
        for (int w = 0; w < c->nweeks; w++) {
            double cap = week_cap(c, a, w);
            lpb_row(&c->b, "week_minutes[%s,w%d]", adv->id, w + 1);
            for (int e = from; e < to; e++) {
                int i = c->adv_pairs[e], u = c->u_col[(size_t)i * (size_t)c->nweeks + (size_t)w];
                if (u) lpb_term(&c->b, u, m->pupils[pairs[i].pupil].minutes);
            }
            if (lpb_upper(&c->b, cap) < 0) return -1;
        }
    }
    return 0;
}

/* The week's visit minutes at a school fit in its rooms (measure_schools). */
static int build_school_rooms(actx *c) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    int np = prep_n_pairs(c->p), nw = c->nweeks;
    for (int sc = 0; sc < m->n_schools; sc++)
        for (int w = 0; w < nw; w++) {
            lpb_row(&c->b, "school_rooms[%s,w%d]", m->schools[sc].id, w + 1);
            double most = 0;
            for (int i = 0; i < np; i++) {
                size_t at = (size_t)i * (size_t)nw + (size_t)w;
                if (!c->u_col[at] || c->u_school[at] != sc) continue;
                lpb_term(&c->b, c->u_col[at], m->pupils[pairs[i].pupil].minutes);
                most += (double)m->pupils[pairs[i].pupil].minutes * c->most[at];
            }
            double cap = c->school_minutes[(size_t)sc * (size_t)nw + (size_t)w];
            if (most > cap && lpb_upper(&c->b, cap) < 0) return -1;
        }
    return 0;
}

/* z[a,k,s] counts the advocate's days at the school in the week: at least
** the visits of any one pupil there (they fall on distinct dates, rule 7)
** and at least the week's visit minutes there over the longest day. */
static int build_school_days(actx *c) {
    const model_programme *m = c->m;
    if (m->weights.school_day <= 0) return 0;
    const prep_pair *pairs = prep_pairs(c->p);
    int *z_of = calloc((size_t)m->n_schools + 1, sizeof(int));
    if (!z_of) return -1;
    int rc = -1;
    for (int a = 0; a < m->n_advocates; a++)
        for (int w = 0; w < c->nweeks; w++) {
            memset(z_of, 0, sizeof(int) * (size_t)m->n_schools);
            const char *aid = m->advocates[a].id;
            for (int e = c->adv_first[a]; e < c->adv_first[a + 1]; e++) {
                int i = c->adv_pairs[e];
                size_t at = (size_t)i * (size_t)c->nweeks + (size_t)w;
                int s = c->u_school[at];
                if (!c->u_col[at] || s < 0) continue;
                if (!z_of[s])
                    c->z_col[aws(c, a, w, s)] = z_of[s] = lpb_col(&c->b, GLP_IV, 0, 7, -m->weights.school_day,
                                                                  "z[%s,w%d,%s]", aid, w + 1, m->schools[s].id);
                lpb_row(&c->b, "days_by_pupil[%s,%s,w%d]", m->pupils[pairs[i].pupil].id, aid, w + 1);
                lpb_term(&c->b, c->u_col[at], 1);
                lpb_term(&c->b, z_of[s], -1);
                if (lpb_upper(&c->b, 0) < 0) goto out;
            }
            for (int s = 0; s < m->n_schools; s++) {
                double day = c->day_minutes[aws(c, a, w, s)];
                if (!z_of[s] || day <= 0) continue;
                lpb_row(&c->b, "days_by_minutes[%s,w%d,%s]", aid, w + 1, m->schools[s].id);
                lpb_term(&c->b, z_of[s], -1);
                for (int e = c->adv_first[a]; e < c->adv_first[a + 1]; e++) {
                    int i = c->adv_pairs[e];
                    size_t at = (size_t)i * (size_t)c->nweeks + (size_t)w;
                    if (c->u_col[at] && c->u_school[at] == s)
                        lpb_term(&c->b, c->u_col[at], m->pupils[pairs[i].pupil].minutes / day);
                }
                if (lpb_upper(&c->b, 0) < 0) goto out;
            }
        }
    rc = 0;
out:
    free(z_of);
    return rc;
}

/* ---- school days of the weekly pattern (docs/solve.md, "The pattern-days rows") */

/* A's z counts an advocate's days at a school week by week, so it lets a
** group of pupils share one day in every week, each week on whichever
** weekday fits them all. A roster cannot: a pupil's visits are on its
** pattern's weekday all term or pay moved. Per group (an advocate's
** per_week-1 pupils whose school is the same all term) F(N) is the least
** that N members cost over the term in school_day x days + moved x moved
** visits + (school_day + moved) x visits not made, and A gets the row
**   school_day x sum_k z + moved x m + (school_day + moved) x (weeks x N - sum u) >= F(N)
** with N chosen by binaries (sum_N N delta_N = the members matched) and m
** the group's moved visits, paid in the objective. */
typedef struct {
    int adv, school, n;         /* n members: pairs */
    int *pairs;
    int most;                   /* of them, at most this many matched (max_pupils) */
    int minutes;                /* the shortest visit of a member */
    int nweeks, nkinds;         /* weeks in which some date has room; distinct rooms among them */
    int *week;                  /* those weeks */
    unsigned char (*room)[7];   /* per kind of week and weekday: visits that fit that date (0: none) */
    int *times;                 /* per kind: how many weeks have it */
    unsigned days;              /* weekdays with room in some week */
} dgroup;

/* One week: the least cost of N visits given the pattern's counts per
** weekday, over the sets of dates the advocate comes: placed visits fit
** those dates' room, visits on a pattern weekday are on the pattern up to
** its count, the rest pay moved, visits not placed pay both weights. */
static double week_cost(const unsigned char *room, const int *per_day, int N, double sd, double mv) {
    unsigned open = 0;
    for (int d = 0; d < 7; d++)
        if (room[d]) open |= 1u << d;
    double best = (sd + mv) * N;
    for (unsigned set = open; set; set = (set - 1) & open) {
        int fit = 0, on = 0, days = 0;
        for (int d = 0; d < 7; d++)
            if (set >> d & 1) fit += room[d], days++, on += per_day[d] < room[d] ? per_day[d] : room[d];
        int placed = fit < N ? fit : N;
        if (on > placed) on = placed;
        double cost = sd * days + mv * (placed - on) + (sd + mv) * (N - placed);
        if (cost < best) best = cost;
    }
    return best;
}

/* F(N): the least over patterns of at most N members (counts per_day[d]
** for weekdays d .. 6 still to choose, left members to place). */
static double least_pattern(const dgroup *g, int *per_day, int d, int left, int N, double sd, double mv) {
    if (d == 7) {
        double t = 0;
        for (int k = 0; k < g->nkinds; k++) t += g->times[k] * week_cost(g->room[k], per_day, N, sd, mv);
        return t;
    }
    double best = HUGE_VAL;
    for (int n = 0; n <= (g->days >> d & 1 ? left : 0); n++) {
        per_day[d] = n;
        double v = least_pattern(g, per_day, d + 1, left - n, N, sd, mv);
        if (v < best) best = v;
    }
    per_day[d] = 0;
    return best;
}

/* The room of each date for the group: the measure of the union of its
** members' candidate intervals that date over the shortest visit (the
** advocate's visits never overlap, rule 9, and each lies in a candidate).
** Weeks with equal rooms are merged. cells: a scratch row per date. */
static int group_rooms(const actx *c, dgroup *g, char *cells) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    int ndates = m->period_to - m->period_from + 1, slot = m->slot_minutes;
    g->week = malloc(sizeof(int) * ((size_t)c->nweeks + 1));
    g->room = calloc((size_t)c->nweeks + 1, sizeof *g->room);
    g->times = calloc((size_t)c->nweeks + 1, sizeof(int));
    if (!g->week || !g->room || !g->times) return -1;
    memset(cells, 0, (size_t)ndates * (size_t)c->nslots);
    for (int j = 0; j < g->n; j++)
        for (int k = pairs[g->pairs[j]].first; k < pairs[g->pairs[j]].first + pairs[g->pairs[j]].n; k++)
            memset(cells + (size_t)(vis[k].date - m->period_from) * (size_t)c->nslots + vis[k].start / slot, 1,
                   (size_t)((vis[k].end - vis[k].start) / slot));
    for (int w = 0; w < c->nweeks; w++) {
        unsigned char room[7] = {0};
        bool any = false;
        for (int d = 0; d < ndates; d++) {
            if (prep_week_of(c->p, m->period_from + d) != w) continue;
            int len = 0;
            for (int t = 0; t < c->nslots; t++) len += cells[(size_t)d * (size_t)c->nslots + (size_t)t];
            int fit = len * slot / g->minutes;
            room[cal_weekday(m->period_from + d)] = (unsigned char)(fit < g->most ? fit : g->most);
            any |= fit > 0;
        }
        if (!any) continue;
        g->week[g->nweeks++] = w;
        int k = 0;
        while (k < g->nkinds && memcmp(g->room[k], room, 7) != 0) k++;
        if (k == g->nkinds) memcpy(g->room[g->nkinds++], room, 7);
        g->times[k]++;
        for (int d = 0; d < 7; d++)
            if (room[d]) g->days |= 1u << d;
    }
    return 0;
}

/* The group's columns and rows: delta_N, m, and the days row. */
static int group_rows(actx *c, const dgroup *g, const double *F) {
    const model_programme *m = c->m;
    double sd = m->weights.school_day, mv = m->weights.moved;
    const char *aid = m->advocates[g->adv].id, *sid = m->schools[g->school].id;
    int delta[BOUND_GROUP_MAX + 1];
    for (int n = 0; n <= g->most; n++) delta[n] = lpb_col(&c->b, GLP_BV, 0, 1, 0, "delta[%s,%s,%d]", aid, sid, n);
    int moved = lpb_col(&c->b, GLP_CV, 0, g->most * g->nweeks, -mv, "moved[%s,%s]", aid, sid);
    lpb_row(&c->b, "pattern_pick[%s,%s]", aid, sid);
    for (int n = 0; n <= g->most; n++) lpb_term(&c->b, delta[n], 1);
    if (lpb_fixed(&c->b, 1) < 0) return -1;
    lpb_row(&c->b, "pattern_count[%s,%s]", aid, sid);
    for (int n = 1; n <= g->most; n++) lpb_term(&c->b, delta[n], n);
    for (int j = 0; j < g->n; j++) lpb_term(&c->b, c->x_col[g->pairs[j]], -1);
    if (lpb_fixed(&c->b, 0) < 0) return -1;
    lpb_row(&c->b, "pattern_days[%s,%s]", aid, sid);
    for (int k = 0; k < g->nweeks; k++) lpb_term(&c->b, c->z_col[aws(c, g->adv, g->week[k], g->school)], sd);
    lpb_term(&c->b, moved, mv);
    for (int j = 0; j < g->n; j++) {
        lpb_term(&c->b, c->x_col[g->pairs[j]], (sd + mv) * g->nweeks);
        for (int k = 0; k < g->nweeks; k++) {
            int u = c->u_col[(size_t)g->pairs[j] * (size_t)c->nweeks + (size_t)g->week[k]];
            if (u) lpb_term(&c->b, u, -(sd + mv));
        }
    }
    for (int n = 1; n <= g->most; n++)
        if (F[n] > 0) lpb_term(&c->b, delta[n], -F[n]);
    return lpb_lower(&c->b, 0) < 0 ? -1 : 0;
}

/* A pair that may join a group: one visit a week, the same school every
** week it has a candidate; that school, else -1. */
static int group_school(const actx *c, int i) {
    if (c->m->pupils[prep_pairs(c->p)[i].pupil].per_week != 1) return -1;
    int school = -2;
    for (int w = 0; w < c->nweeks; w++) {
        size_t at = (size_t)i * (size_t)c->nweeks + (size_t)w;
        if (!c->most[at]) continue;
        if (school == -2) school = c->u_school[at];
        else if (school != c->u_school[at]) return -1;
    }
    return school < 0 ? -1 : school;
}

/* About the steps least_pattern takes for F(0) .. F(most): the patterns
** of at most most members over the D weekdays with room (C(most + D + 1,
** D + 1) over all N), each costed in each kind of week over its 2^D sets
** of dates. */
static double pattern_work(const dgroup *g) {
    int D = 0;
    for (int d = 0; d < 7; d++) D += (int)(g->days >> d & 1u);
    double patterns = 1;
    for (int k = 1; k <= D + 1; k++) patterns = patterns * (g->most + k) / k;
    return patterns * g->nkinds * (double)(1 << D);
}

/* One advocate's groups, school by school. */
static int advocate_groups(actx *c, int a, char *cells, int *members) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    for (int s = 0; s < m->n_schools; s++) {
        dgroup g = {a, s, 0, members, 0, 1 << 30, 0, 0, NULL, NULL, NULL, 0};
        for (int e = c->adv_first[a]; e < c->adv_first[a + 1]; e++) {
            int i = c->adv_pairs[e];
            if (group_school(c, i) != s) continue;
            members[g.n++] = i;
            if (m->pupils[pairs[i].pupil].minutes < g.minutes) g.minutes = m->pupils[pairs[i].pupil].minutes;
        }
        /* A matches at most max_pupils of them */
        int most = m->advocates[a].max_pupils != MODEL_NO_LIMIT && m->advocates[a].max_pupils < g.n
                       ? m->advocates[a].max_pupils : g.n;
        if (most < 2 || most > BOUND_GROUP_MAX) continue;
        g.most = most;
        double F[BOUND_GROUP_MAX + 1];
        int per_day[7] = {0}, rc = group_rooms(c, &g, cells);
        if (rc == 0 && pattern_work(&g) > BOUND_GROUP_WORK) g.nweeks = 0; /* too many patterns: no row */
        for (int n = 0; n <= most && rc == 0 && g.nweeks > 0; n++)
            F[n] = least_pattern(&g, per_day, 0, n, n, m->weights.school_day, m->weights.moved);
        if (rc == 0 && g.nweeks > 0) rc = group_rows(c, &g, F);
        free(g.week), free(g.room), free(g.times);
        if (rc) return -1;
    }
    return 0;
}

static int build_pattern_days(actx *c) {
    const model_programme *m = c->m;
    if (m->weights.school_day <= 0 || m->weights.moved < 0) return 0; /* no z, or moved visits earn */
    int ndates = m->period_to - m->period_from + 1;
    char *cells = malloc((size_t)ndates * (size_t)c->nslots + 1);
    int *members = malloc(sizeof(int) * ((size_t)prep_n_pairs(c->p) + 1));
    int rc = cells && members ? 0 : -1;
    for (int a = 0; a < m->n_advocates && rc == 0; a++) rc = advocate_groups(c, a, cells, members);
    free(cells);
    free(members);
    return rc;
}

/* Per date: the minutes of teacher t's occurrence groups <= the measure of
** the union of its candidate intervals that date. */
static int teacher_days(actx *c, int t, const int *col) {
    const model_programme *m = c->m;
    const prep_occurrence *occ = prep_occurrences(c->p);
    int no = prep_n_occurrences(c->p), slot = m->slot_minutes;
    char *busy = calloc((size_t)c->nslots + 1, 1);
    if (!busy) return -1;
    int rc = 0;
    for (int k = 0; k < no && rc == 0; k++) {
        if (occ[k].teacher != t || !col[k]) continue;
        bool first = true; /* the date's first group of this teacher */
        for (int j = 0; j < k && first; j++)
            if (col[j] && occ[j].teacher == t && occ[j].date == occ[k].date) first = false;
        if (!first) continue;
        memset(busy, 0, (size_t)c->nslots);
        int groups = 0;
        for (int j = 0; j < no; j++)
            if (occ[j].teacher == t && occ[j].date == occ[k].date)
                memset(busy + occ[j].start / slot, 1, (size_t)((occ[j].end - occ[j].start) / slot));
        int len = 0;
        for (int q = 0; q < c->nslots; q++) len += busy[q] * slot;
        lpb_row(&c->b, "teacher_time[%s,%s]", m->teachers[t].id, cal_date_str(occ[k].date).s);
        for (int j = k; j < no; j++)
            if (col[j] && occ[j].teacher == t && occ[j].date == occ[k].date)
                lpb_term(&c->b, col[j], m->sessions[occ[j].session].minutes), groups++;
        if (groups > 1 && lpb_upper(&c->b, len) < 0) rc = -1;
    }
    free(busy);
    return rc;
}

/* o[s,t,d]: teacher t gives session s on date d (some start). Sessions
** are few, so A keeps their dates: at most one a date and per_week a week
** (rule 11), the teacher's weekly cap, and per teacher and date the
** minutes of its occurrences fit in the union of its candidate intervals
** (they never overlap, rule 9). */
static int build_sessions(actx *c) {
    const model_programme *m = c->m;
    const prep_occurrence *occ = prep_occurrences(c->p);
    int no = prep_n_occurrences(c->p);
    /* group the occurrences by (session, teacher, date): one column each */
    int *key = malloc(sizeof(int) * ((size_t)no + 1)), *col = calloc((size_t)no + 1, sizeof(int));
    int rc = -1;
    if (!key || !col) goto out;
    for (int k = 0; k < no; k++) {
        key[k] = -1;
        for (int j = k - 1; j >= 0 && occ[j].date == occ[k].date; j--)
            if (occ[j].session == occ[k].session && occ[j].teacher == occ[k].teacher) {
                key[k] = key[j];
                break;
            }
        if (key[k] >= 0) continue;
        key[k] = k;
        const model_session *s = &m->sessions[occ[k].session];
        col[k] = lpb_col(&c->b, GLP_BV, 0, 1, m->weights.session * s->priority, "o[%s,%s,%s]", s->id,
                         m->teachers[occ[k].teacher].id, cal_date_str(occ[k].date).s);
    }
    for (int s = 0; s < m->n_sessions; s++)
        for (int w = 0; w < c->nweeks; w++) {
            lpb_row(&c->b, "session_week[%s,w%d]", m->sessions[s].id, w + 1);
            for (int k = 0; k < no; k++)
                if (col[k] && occ[k].session == s && prep_week_of(c->p, occ[k].date) == w) lpb_term(&c->b, col[k], 1);
            if (c->b.n > m->sessions[s].per_week && lpb_upper(&c->b, m->sessions[s].per_week) < 0) goto out;
        }
    for (int k = 0; k < no; k++) {
        if (!col[k]) continue;
        bool first = true; /* one row per (session, date): the first group of that pair */
        for (int j = 0; j < k && first; j++)
            if (col[j] && occ[j].session == occ[k].session && occ[j].date == occ[k].date) first = false;
        if (!first) continue;
        lpb_row(&c->b, "session_day[%s,%s]", m->sessions[occ[k].session].id, cal_date_str(occ[k].date).s);
        for (int j = k; j < no; j++)
            if (col[j] && occ[j].session == occ[k].session && occ[j].date == occ[k].date) lpb_term(&c->b, col[j], 1);
        if (c->b.n > 1 && lpb_upper(&c->b, 1) < 0) goto out;
    }
    for (int t = 0; t < m->n_teachers; t++) {
        int cap = m->teachers[t].max_sessions_per_week;
        for (int w = 0; w < c->nweeks && cap != MODEL_NO_LIMIT; w++) {
            lpb_row(&c->b, "max_sessions[%s,w%d]", m->teachers[t].id, w + 1);
            for (int k = 0; k < no; k++)
                if (col[k] && occ[k].teacher == t && prep_week_of(c->p, occ[k].date) == w) lpb_term(&c->b, col[k], 1);
            if (c->b.n > cap && lpb_upper(&c->b, cap) < 0) goto out;
        }
        if (teacher_days(c, t, col) < 0) goto out;
    }
    rc = 0;
out:
    free(key);
    free(col);
    return rc;
}

typedef struct {
    double bound;
    bool have;
    volatile sig_atomic_t *stop;
} tree_bound;

static void on_tree(glp_tree *T, void *info) {
    tree_bound *t = info;
    stop_tree(T, (void *)t->stop);
    stop_track_bound(T, &t->bound, &t->have);
}

typedef struct {
    double bound;           /* HUGE_VAL when the LP did not finish */
    bool optimal;
    bool have_solution;
    bool cut;               /* the deadline or the interrupt stopped the simplex or the search */
} searched;

/* The LP first (its value is already a bound), then the search, whose best
** node bound only tightens it. */
static searched search(glp_prob *P, double deadline, volatile sig_atomic_t *stop) {
    searched r = {HUGE_VAL, false, false, false};
    if (glp_get_num_cols(P) == 0) return (searched){0.0, true, true, false};
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.presolve = GLP_OFF;
    int lp = stop_simplex(P, &sm, stop, deadline);
    r.cut = lp == GLP_ETMLIM || lp == GLP_ESTOP;
    if (lp != 0 || glp_get_status(P) != GLP_OPT) return r;
    r.bound = glp_get_obj_val(P);
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.mip_gap = 0.0;
    io.gmi_cuts = GLP_ON;
    io.mir_cuts = GLP_ON;
    io.cov_cuts = GLP_ON;
    tree_bound tb = {r.bound, true, stop};
    io.cb_func = on_tree;
    io.cb_info = &tb;
    if (deadline > 0) {
        double left = deadline - stop_clock();
        if (left <= 0.001) return r.cut = true, r;
        io.tm_lim = stop_ms(left);
    }
    int rc = glp_intopt(P, &io);
    r.cut = rc == GLP_ETMLIM || rc == GLP_ESTOP;
    int st = glp_mip_status(P);
    r.have_solution = st == GLP_OPT || st == GLP_FEAS;
    if (rc == 0 && st == GLP_OPT) {
        r.optimal = true;
        r.bound = fmin(r.bound, glp_mip_obj_val(P));
    } else if (tb.have) {
        r.bound = fmin(r.bound, tb.bound);
    }
    return r;
}

/* ---- the Lagrangian bound of A's visit part ------------------------------ */

/* What the chosen pair of one pupil adds to the subgradient in one week:
** worked out on the threads (its reads are scattered over the pair-weeks),
** then summed into the rows in pupil order, so that the sums are those of
** one thread. */
typedef struct {
    bool visited;               /* u > 0 that week: the rest is read only then */
    double mu, nu, rho;         /* minutes over cap, day and rooms (0: no such row) */
    size_t at, q;               /* the pair-week, and its group aws() (SIZE_MAX: no school) */
    int school;                 /* the pupil's school that week, or -1 */
    double touch;               /* z - u, the row z >= u (when visited and with a school and school days) */
} lagr_week;

/* Large programmes make A's visit part too big for the simplex. Moving its
** advocate rows (max_pupils: lambda, week minutes: mu, days by minutes:
** nu, days by pupil: pi, all >= 0) into the objective leaves one
** independent choice per pupil, and per (advocate, week, school) a choice
** of z in [0, dates there that week] (minutes rows scaled to minutes /
** cap <= 1, so that every row's slack is of the same order), so for any
** multipliers
**   L = sum_a lambda_a max_pupils_a + sum_ak mu_ak
**       + sum_aks dates_aks max(0, nu_aks + sum_{p at s} pi_pak - school_day)
**       + sum_p max(0, max_a [match_pa - lambda_a
**             + sum_k most_pak max(0, v_p - m_p (mu_ak / cap_ak + nu_aks / day_aks) - pi_pak)])
** with cap_ak = week_cap (a cap of 0 leaves no u column to price).
** bounds A's visit part from above (weak duality; the rows dropped rather
** than moved only loosen it). pi is what makes the bound charge school
** days: the advocate's pupils at a school that week share school_day
** between them. Subgradient steps (Polyak's rule towards the best roster
** known) lower L; every L computed is a bound, the least is kept. */
typedef struct lagr {
    double theta;               /* the step's scale where the last run stopped */
    double *lambda, *mu, *nu;   /* per advocate; advocate * nweeks + week; aws() */
    double *rho;                /* school * nweeks + week: the school_rooms rows */
    double *pi;                 /* pair * nweeks + week: the days_by_pupil rows */
    double *pi_sum;             /* aws(): the sum of its pupils' pi, kept as pi changes */
    double *g_lambda, *g_mu, *g_nu, *g_rho;
    /* pi moves only where a chosen pupil is visited (z is 0 in the inner
    ** problem, so elsewhere its slack is 0): those pair-weeks and their
    ** subgradient, a few per pupil instead of every pair-week */
    size_t *touch, *touch_q;    /* the pair-week, and its group aws() */
    double *g_touch;
    size_t n_touch;
    size_t *dirty;              /* groups whose nu or pi moved this step */
    unsigned char *is_dirty;    /* aws() */
    double *z;                  /* aws(): z in the inner problem (0 or the week's dates) */
    size_t *grp_first, *grp;    /* aws() -> its pair-weeks: grp[grp_first[q] .. grp_first[q + 1]) */
    double *scratch;            /* the projections' sort buffers: one per thread, each `longest` + 2 long */
    size_t longest;             /* the most pair-weeks of one group */
    int n_scratch;              /* threads the buffers are for (c->threads when made) */
    int *chosen;                /* per pupil: its pair, or -1 */
    double *pupil_best;         /* per pupil: its part of L */
    double *pair_val;           /* per pair: its value at these multipliers, lambda left out */
    double *best_val;           /* pair_val at the least L */
    double *price;              /* price_at(): per visit minute, for the current multipliers */
    double *match;              /* per pair: solve_match_value, which the multipliers never change */
    lagr_week *week;            /* pupil * nweeks + week: the chosen pair's part of the subgradient */
} lagr;

/* What a visit minute pays for the priced rows, per (advocate, week,
** school), slot n_schools standing for a pupil whose school changes that
** week (no school row). Tabled once per iteration: the pupils' loop over
** pairs x weeks then only looks it up (a city has 2 million pair-weeks). */
static size_t price_at(const actx *c, int a, int w, int s) {
    int ns = c->m->n_schools + 1;
    return ((size_t)a * (size_t)c->nweeks + (size_t)w) * (size_t)ns + (size_t)(s < 0 ? ns - 1 : s);
}

static void price_table(const actx *c, lagr *L) {
    const model_programme *m = c->m;
    int nw = c->nweeks;
#pragma omp parallel for schedule(static) num_threads(c->threads)
    for (int a = 0; a < m->n_advocates; a++)
        for (int w = 0; w < nw; w++) {
            double cap = week_cap(c, a, w);
            double base = cap > 0 ? L->mu[(size_t)a * (size_t)nw + (size_t)w] / cap : 0;
            L->price[price_at(c, a, w, -1)] = base;
            for (int s = 0; s < m->n_schools; s++) {
                double day = c->day_minutes[aws(c, a, w, s)], room = c->school_minutes[(size_t)s * (size_t)nw + (size_t)w];
                double pr = base;
                if (day > 0) pr += L->nu[aws(c, a, w, s)] / day;
                if (room > 0) pr += L->rho[(size_t)s * (size_t)nw + (size_t)w] / room;
                L->price[price_at(c, a, w, s)] = pr;
            }
        }
}

static double minute_price(const actx *c, const lagr *L, int i, int w) {
    return L->price[price_at(c, prep_pairs(c->p)[i].advocate, w, c->u_school[(size_t)i * (size_t)c->nweeks + (size_t)w])];
}

/* The z part of L: per (advocate, week, school) z's reduced value is
** nu + the pupils' pi - school_day; z takes its most (the dates that week)
** when that is positive, else 0. */
static double lagr_days(const actx *c, lagr *L) {
    const model_programme *m = c->m;
    size_t n_aws = (size_t)m->n_advocates * (size_t)c->nweeks * (size_t)m->n_schools;
    double sd = m->weights.school_day, total = 0;
    if (sd <= 0) { /* A has no z (school days are in visit_value) */
        memset(L->z, 0, sizeof(double) * n_aws);
        return 0;
    }
    for (size_t q = 0; q < n_aws; q++) {
        double gain = L->nu[q] + L->pi_sum[q] - sd; /* z's reduced value */
        L->z[q] = gain > 0 ? c->day_count[q] : 0;
        if (gain > 0) total += gain * c->day_count[q];
    }
    return total;
}

static double lagr_value(actx *c, lagr *L) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    int nw = c->nweeks;
    double total = 0;
    price_table(c, L);
    for (int a = 0; a < m->n_advocates; a++) {
        if (m->advocates[a].max_pupils != MODEL_NO_LIMIT) total += L->lambda[a] * m->advocates[a].max_pupils;
        /* the minutes rows are divided by their cap: minutes / cap <= 1 */
        for (int w = 0; w < nw; w++) total += L->mu[(size_t)a * (size_t)nw + (size_t)w];
    }
    for (size_t q = 0; q < (size_t)m->n_schools * (size_t)nw; q++) total += L->rho[q]; /* rooms rows, scaled alike */
    total += lagr_days(c, L);
    /* each pupil's choice is its own: priced on the threads, summed in
    ** pupil order so that L is the same for any thread count */
#pragma omp parallel for schedule(dynamic, 32) num_threads(c->threads)
    for (int pu = 0; pu < m->n_pupils; pu++) {
        int first, n;
        prep_pupil_pairs(c->p, pu, &first, &n);
        double best = 0, v = visit_value(m, pu), mins = m->pupils[pu].minutes;
        L->chosen[pu] = -1;
        for (int i = first; i < first + n; i++) {
            int a = pairs[i].advocate;
            double val = L->match[i] - L->lambda[a];
            for (int w = 0; w < nw; w++) {
                size_t at = (size_t)i * (size_t)nw + (size_t)w;
                double each = c->most[at] ? v - mins * minute_price(c, L, i, w) - L->pi[at] : 0;
                if (each > 0) val += c->most[at] * each;
            }
            L->pair_val[i] = val + L->lambda[a];
            if (val > best) best = val, L->chosen[pu] = i;
        }
        L->pupil_best[pu] = best;
    }
    for (int pu = 0; pu < m->n_pupils; pu++) total += L->pupil_best[pu];
    return total;
}

/* The subgradient at the last lagr_value: the slack of each moved row. */
static double lagr_gradient(actx *c, lagr *L) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    int nw = c->nweeks;
    size_t n_mu = (size_t)m->n_advocates * (size_t)nw, n_nu = n_mu * (size_t)m->n_schools;
    for (int a = 0; a < m->n_advocates; a++) L->g_lambda[a] = m->advocates[a].max_pupils;
    size_t n_rho = (size_t)m->n_schools * (size_t)nw;
    for (size_t q = 0; q < n_mu; q++) L->g_mu[q] = 1;
    for (size_t q = 0; q < n_rho; q++) L->g_rho[q] = 1;
    memcpy(L->g_nu, L->z, sizeof(double) * n_nu); /* the rows z - minutes / day >= 0 */
    L->n_touch = 0;
    bool days = m->weights.school_day > 0; /* otherwise A has no z: nu and pi stay 0 */
#pragma omp parallel for schedule(dynamic, 32) num_threads(c->threads)
    for (int pu = 0; pu < m->n_pupils; pu++) {
        int i = L->chosen[pu];
        lagr_week *wk = L->week + (size_t)pu * (size_t)nw;
        double v = visit_value(m, pu), mins = m->pupils[pu].minutes;
        for (int w = 0; w < nw; w++) {
            size_t at = (size_t)(i < 0 ? 0 : i) * (size_t)nw + (size_t)w;
            wk[w].visited = i >= 0 && c->most[at] && v - mins * minute_price(c, L, i, w) - L->pi[at] > 0;
            if (!wk[w].visited) continue; /* u = 0 there */
            int a = pairs[i].advocate, s = c->u_school[at];
            double cap = week_cap(c, a, w);
            double day = s >= 0 ? c->day_minutes[aws(c, a, w, s)] : 0;
            double room = s >= 0 ? c->school_minutes[(size_t)s * (size_t)nw + (size_t)w] : 0;
            wk[w].at = at, wk[w].school = s;
            wk[w].q = s >= 0 ? aws(c, a, w, s) : SIZE_MAX;
            wk[w].mu = cap > 0 ? mins * c->most[at] / cap : 0;
            wk[w].nu = day > 0 ? mins * c->most[at] / day : 0;
            wk[w].rho = room > 0 ? mins * c->most[at] / room : 0;
            if (s >= 0 && days) wk[w].touch = L->z[wk[w].q] - c->most[at];
        }
    }
    for (int pu = 0; pu < m->n_pupils; pu++) {
        int i = L->chosen[pu];
        if (i < 0) continue;
        int a = pairs[i].advocate;
        const lagr_week *wk = L->week + (size_t)pu * (size_t)nw;
        L->g_lambda[a] -= 1;
        for (int w = 0; w < nw; w++) {
            if (!wk[w].visited) continue;
            int s = wk[w].school;
            if (wk[w].mu > 0) L->g_mu[(size_t)a * (size_t)nw + (size_t)w] -= wk[w].mu;
            if (wk[w].nu > 0) L->g_nu[wk[w].q] -= wk[w].nu;
            if (s >= 0 && days) { /* the row z - u >= 0 */
                L->touch[L->n_touch] = wk[w].at, L->touch_q[L->n_touch] = wk[w].q;
                L->g_touch[L->n_touch++] = wk[w].touch;
            }
            if (wk[w].rho > 0) L->g_rho[(size_t)s * (size_t)nw + (size_t)w] -= wk[w].rho;
        }
    }
    double norm = 0;
    for (int a = 0; a < m->n_advocates; a++) {
        bool unlimited = m->advocates[a].max_pupils == MODEL_NO_LIMIT;
        if (unlimited || (L->lambda[a] <= 0 && L->g_lambda[a] > 0)) L->g_lambda[a] = 0; /* no row, or projected */
        norm += L->g_lambda[a] * L->g_lambda[a];
    }
    for (size_t q = 0; q < n_mu; q++) {
        if (L->mu[q] <= 0 && L->g_mu[q] > 0)
            L->g_mu[q] = 0;
        norm += L->g_mu[q] * L->g_mu[q];
    }
    for (size_t q = 0; q < n_rho; q++) {
        if (L->rho[q] <= 0 && L->g_rho[q] > 0) L->g_rho[q] = 0;
        norm += L->g_rho[q] * L->g_rho[q];
    }
    for (size_t q = 0; q < n_nu; q++) {
        if (!days || (L->nu[q] <= 0 && L->g_nu[q] > 0)) L->g_nu[q] = 0;
        norm += L->g_nu[q] * L->g_nu[q];
    }
    for (size_t j = 0; j < L->n_touch; j++) {
        if (L->pi[L->touch[j]] <= 0 && L->g_touch[j] > 0) L->g_touch[j] = 0;
        norm += L->g_touch[j] * L->g_touch[j];
    }
    return norm;
}

/* Descending, by Shell's method with Ciura's gaps (then each gap 2.25
** times the last): no calls through a pointer, no buffer, and the
** insertion sort it ends with is the whole of it for a group of a handful
** of pupils. A sixth of an area run, and a tenth of a city's, went to
** qsort here. Equal doubles are indistinguishable, so the result is the
** one sorted order, whatever the method. */
static void sort_desc(double *v, size_t n) {
    static const size_t ciura[] = {1, 4, 10, 23, 57, 132, 301, 701};
    size_t gaps[64] = {0}, ng = 0, nc = sizeof ciura / sizeof *ciura;
    for (size_t i = 0; i < nc && ciura[i] < n; i++) gaps[ng++] = ciura[i];
    if (ng == nc)
        for (size_t g = ciura[nc - 1] * 9 / 4; g < n && ng < 64; g = g * 9 / 4) gaps[ng++] = g;
    while (ng > 0) {
        size_t gap = gaps[--ng];
        for (size_t i = gap; i < n; i++) {
            double x = v[i];
            size_t j = i;
            for (; j >= gap && v[j - gap] < x; j -= gap) v[j] = v[j - gap];
            v[j] = x;
        }
    }
}

/* Keep z's reduced value at most 0: project (nu_q, the pi of its pupils),
** all >= 0 already, onto sum <= school_day (Euclidean; the simplex
** projection of Held, Wolfe and Crowder 1974). Then z = 0 in the inner
** problem and L stays smooth in z. */
static void project_days(lagr *L, size_t q, double sd, double *scratch) {
    size_t lo = L->grp_first[q], hi = L->grp_first[q + 1], n = 0;
    double sum = 0;
    for (size_t j = lo; j < hi; j++) sum += L->pi[L->grp[j]];
    L->pi_sum[q] = sum;
    if (L->nu[q] + sum <= sd) return;
    scratch[n++] = L->nu[q];
    for (size_t j = lo; j < hi; j++) scratch[n++] = L->pi[L->grp[j]];
    sort_desc(scratch, n);
    double run = 0, theta = 0;
    for (size_t j = 0; j < n; j++) {
        run += scratch[j];
        double t = (run - sd) / (double)(j + 1);
        if (j + 1 == n || scratch[j + 1] <= t) {
            theta = t;
            break;
        }
    }
    L->nu[q] = fmax(0.0, L->nu[q] - theta);
    sum = 0;
    for (size_t j = lo; j < hi; j++) sum += L->pi[L->grp[j]] = fmax(0.0, L->pi[L->grp[j]] - theta);
    L->pi_sum[q] = sum;
}

static void lagr_step(actx *c, lagr *L, double t) {
    const model_programme *m = c->m;
    size_t n_mu = (size_t)m->n_advocates * (size_t)c->nweeks, n_nu = n_mu * (size_t)m->n_schools;
    for (int a = 0; a < m->n_advocates; a++) L->lambda[a] = fmax(0.0, L->lambda[a] - t * L->g_lambda[a]);
    for (size_t q = 0; q < n_mu; q++) L->mu[q] = fmax(0.0, L->mu[q] - t * L->g_mu[q]);
    for (size_t q = 0; q < (size_t)m->n_schools * (size_t)c->nweeks; q++) L->rho[q] = fmax(0.0, L->rho[q] - t * L->g_rho[q]);
    size_t n_dirty = 0;
    for (size_t q = 0; q < n_nu; q++) {
        if (L->g_nu[q] == 0) continue;
        L->nu[q] = fmax(0.0, L->nu[q] - t * L->g_nu[q]);
        if (!L->is_dirty[q]) L->is_dirty[q] = 1, L->dirty[n_dirty++] = q;
    }
    for (size_t j = 0; j < L->n_touch; j++) {
        size_t at = L->touch[j], q = L->touch_q[j];
        L->pi[at] = fmax(0.0, L->pi[at] - t * L->g_touch[j]);
        if (!L->is_dirty[q]) L->is_dirty[q] = 1, L->dirty[n_dirty++] = q;
    }
    /* the groups share no multiplier: projected on the threads, each with
    ** its own sort buffer, the result is the same for any thread count */
    double sd = m->weights.school_day;
    if (sd > 0) {
#pragma omp parallel for schedule(dynamic, 64) num_threads(L->n_scratch)
        for (size_t j = 0; j < n_dirty; j++)
            project_days(L, L->dirty[j], sd, L->scratch + (size_t)omp_get_thread_num() * (L->longest + 2));
    }
    for (size_t j = 0; j < n_dirty; j++) L->is_dirty[L->dirty[j]] = 0;
}

/* The pair-weeks of each (advocate, week, school) in CSR form; returns a
** sort buffer for each of c->threads, each long enough for the largest
** group (*longest_out pair-weeks), or NULL. */
static double *group_days(const actx *c, size_t *first, size_t *grp, size_t *longest_out) {
    const prep_pair *pairs = prep_pairs(c->p);
    size_t n_pw = (size_t)prep_n_pairs(c->p) * (size_t)c->nweeks;
    size_t n_aws = (size_t)c->m->n_advocates * (size_t)c->nweeks * (size_t)c->m->n_schools, longest = 0;
    for (size_t q = 0; q < n_pw; q++)
        if (c->most[q] && c->u_school[q] >= 0)
            first[aws(c, pairs[q / (size_t)c->nweeks].advocate, (int)(q % (size_t)c->nweeks), c->u_school[q]) + 1]++;
    for (size_t q = 0; q < n_aws; q++) {
        if (first[q + 1] > longest) longest = first[q + 1];
        first[q + 1] += first[q];
    }
    size_t *fill = calloc(n_aws + 1, sizeof(size_t));
    if (!fill) return NULL;
    for (size_t q = 0; q < n_pw; q++)
        if (c->most[q] && c->u_school[q] >= 0) {
            size_t g = aws(c, pairs[q / (size_t)c->nweeks].advocate, (int)(q % (size_t)c->nweeks), c->u_school[q]);
            grp[first[g] + fill[g]++] = q;
        }
    free(fill);
    *longest_out = longest;
    return malloc(sizeof(double) * (longest + 2) * (size_t)c->threads);
}

/* A matching of high total value (per pair, val[i] when positive) that
** keeps every advocate within max_pupils, by Bertsekas' auction ("The
** auction algorithm: a distributed relaxation method for the assignment
** problem", Annals of Operations Research 14, 1988), an advocate standing
** for max_pupils identical places: an unplaced pupil bids for the advocate
** of best net value (value - its price) by the margin over its second best
** (being left out is worth 0) plus eps; a full advocate drops its lowest
** bid, whose pupil bids again; a full advocate's price is its lowest bid.
** Each bid raises that price by at least eps, so it ends, within
** pupils x eps of the best such matching. GLPK's min-cost flow codes were
** no fit: RELAX-IV is disabled in Debian's build and out-of-kilter took
** 171 s on a city. pair_on is left as it was when memory runs out. */
#define BOUND_AUCTION_EPS 0.5

typedef struct {
    int *n_held, *cap;        /* per advocate: pupils held, places (max_pupils; pupils when unlimited) */
    size_t *first;            /* per advocate: where its places start in held */
    int *held;                /* the pupils in each advocate's places */
    double *bid;              /* per pupil: its standing bid */
    int *pair_of;             /* per pupil: the pair it holds, or -1 */
} auction;

static double auction_price(const auction *x, int a) {
    if (x->n_held[a] < x->cap[a]) return 0;
    double low = HUGE_VAL;
    for (int j = 0; j < x->n_held[a]; j++) low = fmin(low, x->bid[x->held[x->first[a] + (size_t)j]]);
    return low;
}

/* Pupil pu bids; returns the pupil it pushed out, or -1. */
static int auction_bid(const actx *c, auction *x, const double *val, int pu) {
    const prep_pair *pairs = prep_pairs(c->p);
    int first, n, win = -1;
    prep_pupil_pairs(c->p, pu, &first, &n);
    double best = 0, second = 0, win_price = 0;
    for (int i = first; i < first + n; i++) {
        if (val[i] <= 0 || x->cap[pairs[i].advocate] == 0) continue;
        double price = auction_price(x, pairs[i].advocate), net = val[i] - price;
        if (net > best) second = best, best = net, win = i, win_price = price;
        else if (net > second) second = net;
    }
    if (win < 0) return -1; /* left out */
    int a = pairs[win].advocate, out = -1;
    int *slots = x->held + x->first[a];
    x->bid[pu] = win_price + best - second + BOUND_AUCTION_EPS;
    x->pair_of[pu] = win;
    if (x->n_held[a] < x->cap[a]) {
        slots[x->n_held[a]++] = pu;
        return -1;
    }
    int low = 0;
    for (int j = 1; j < x->n_held[a]; j++)
        if (x->bid[slots[j]] < x->bid[slots[low]]) low = j;
    out = slots[low];
    slots[low] = pu;
    x->pair_of[out] = -1;
    return out;
}

static void match_by_auction(const actx *c, const double *val, char *pair_on) {
    const model_programme *m = c->m;
    int npu = m->n_pupils, na = m->n_advocates, np = prep_n_pairs(c->p);
    auction x = {calloc((size_t)na + 1, sizeof(int)), calloc((size_t)na + 1, sizeof(int)),
                 calloc((size_t)na + 1, sizeof(size_t)), NULL, calloc((size_t)npu + 1, sizeof(double)),
                 malloc(sizeof(int) * ((size_t)npu + 1))};
    int *queue = malloc(sizeof(int) * ((size_t)npu + 1));
    if (x.cap && x.first) {
        size_t places = 0;
        for (int a = 0; a < na; a++) {
            int cap = m->advocates[a].max_pupils;
            x.cap[a] = cap == MODEL_NO_LIMIT || cap > npu ? npu : cap;
            x.first[a] = places, places += (size_t)x.cap[a];
        }
        x.held = malloc(sizeof(int) * (places + 1));
    }
    if (x.held && x.n_held && x.cap && x.first && x.bid && x.pair_of && queue && np > 0) {
        /* a ring of the pupils without a place: at most npu wait at once */
        int head = 0, count = npu;
        for (int pu = 0; pu < npu; pu++) queue[pu] = pu, x.pair_of[pu] = -1;
        while (count > 0) {
            int pu = queue[head];
            head = (head + 1) % npu, count--;
            int out = auction_bid(c, &x, val, pu);
            if (out >= 0) queue[(head + count++) % npu] = out;
        }
        memset(pair_on, 0, (size_t)np);
        for (int pu = 0; pu < npu; pu++)
            if (x.pair_of[pu] >= 0) pair_on[x.pair_of[pu]] = 1;
    }
    free(x.held), free(x.n_held), free(x.cap), free(x.first), free(x.bid), free(x.pair_of), free(queue);
}

static void lagr_free(lagr *L) {
    if (!L) return;
    free(L->lambda), free(L->g_lambda), free(L->mu), free(L->g_mu), free(L->nu), free(L->g_nu), free(L->chosen), free(L->pupil_best);
    free(L->rho), free(L->g_rho), free(L->price), free(L->pi), free(L->pi_sum), free(L->z);
    free(L->touch), free(L->g_touch), free(L->dirty), free(L->is_dirty);
    free(L->grp_first), free(L->grp), free(L->scratch), free(L->pair_val), free(L->best_val);
    free(L->match), free(L->week), free(L->touch_q);
    free(L);
}

/* All multipliers 0 (L is then the plain sum of each pupil's best). */
static lagr *lagr_new(const actx *c) {
    const model_programme *m = c->m;
    size_t na = (size_t)m->n_advocates, n_mu = na * (size_t)c->nweeks, n_nu = n_mu * (size_t)m->n_schools;
    size_t n_rho = (size_t)m->n_schools * (size_t)c->nweeks, n_pw = (size_t)prep_n_pairs(c->p) * (size_t)c->nweeks;
    lagr *L = calloc(1, sizeof *L);
    if (!L) return NULL;
    L->theta = 1.0;
    L->lambda = calloc(na + 1, sizeof(double)), L->g_lambda = calloc(na + 1, sizeof(double));
    L->mu = calloc(n_mu + 1, sizeof(double)), L->g_mu = calloc(n_mu + 1, sizeof(double));
    L->nu = calloc(n_nu + 1, sizeof(double)), L->g_nu = calloc(n_nu + 1, sizeof(double));
    L->chosen = malloc(sizeof(int) * ((size_t)m->n_pupils + 1));
    L->pupil_best = malloc(sizeof(double) * ((size_t)m->n_pupils + 1));
    L->rho = calloc(n_rho + 1, sizeof(double)), L->g_rho = calloc(n_rho + 1, sizeof(double));
    L->price = malloc(sizeof(double) * (n_mu * ((size_t)m->n_schools + 1) + 1));
    L->pi = calloc(n_pw + 1, sizeof(double)), L->pi_sum = calloc(n_nu + 1, sizeof(double));
    size_t n_chosen_weeks = (size_t)m->n_pupils * (size_t)c->nweeks;
    L->touch = malloc(sizeof(size_t) * (n_chosen_weeks + 1)), L->touch_q = malloc(sizeof(size_t) * (n_chosen_weeks + 1));
    L->g_touch = malloc(sizeof(double) * (n_chosen_weeks + 1));
    L->dirty = malloc(sizeof(size_t) * (n_nu + 1)), L->is_dirty = calloc(n_nu + 1, 1);
    L->z = calloc(n_nu + 1, sizeof(double));
    L->pair_val = calloc((size_t)prep_n_pairs(c->p) + 1, sizeof(double));
    L->best_val = calloc((size_t)prep_n_pairs(c->p) + 1, sizeof(double));
    L->grp_first = calloc(n_nu + 2, sizeof(size_t)), L->grp = malloc(sizeof(size_t) * (n_pw + 1));
    if (L->grp_first && L->grp) L->scratch = group_days(c, L->grp_first, L->grp, &L->longest);
    L->n_scratch = c->threads;
    L->match = malloc(sizeof(double) * ((size_t)prep_n_pairs(c->p) + 1));
    L->week = malloc(sizeof(lagr_week) * (n_chosen_weeks + 1));
    const prep_pair *pairs = prep_pairs(c->p);
    for (int i = 0; L->match && i < prep_n_pairs(c->p); i++)
        L->match[i] = solve_match_value(m, pairs[i].pupil, pairs[i].advocate);
    if (!L->match || !L->week || !L->touch_q || !L->lambda || !L->g_lambda || !L->mu || !L->g_mu || !L->nu || !L->g_nu || !L->chosen || !L->pupil_best || !L->rho ||
        !L->g_rho || !L->price || !L->pi || !L->pi_sum || !L->touch || !L->g_touch || !L->dirty || !L->is_dirty ||
        !L->z || !L->scratch || !L->pair_val || !L->best_val) {
        lagr_free(L);
        return NULL;
    }
    return L;
}

/* The least L over the subgradient iterations, within the deadline. The
** multipliers stay in c->lag, so a second call goes on from where the
** first stopped. Returns HUGE_VAL when memory runs out. pair_on (may be
** NULL) receives the auction's matching at the pair values of the least
** L: a start for the greedy that keeps every advocate within max_pupils
** (the pupils' own choices there may overfill them). */
/* *cut is set when the deadline or the interrupt ends the iterations
** (rather than their count, the step's scale or a zero subgradient). */
static double lagrangian(actx *c, double target, double deadline, volatile sig_atomic_t *stop, char *pair_on,
                         bool *cut) {
    if (!c->lag && !(c->lag = lagr_new(c))) return HUGE_VAL;
    int patience = c->n_u <= BOUND_LAGRANGE_CHEAP ? BOUND_LAGRANGE_PATIENCE_SMALL : BOUND_LAGRANGE_PATIENCE;
    lagr *L = c->lag;
    double best = HUGE_VAL, theta = fmin(1.0, 4 * L->theta);
    int since = 0;
    for (int it = 0; it < BOUND_LAGRANGE_ITERATIONS && theta > BOUND_LAGRANGE_MIN_STEP; it++) {
        if ((deadline > 0 && stop_clock() > deadline) || stop_requested(stop)) {
            *cut = true;
            break;
        }
        double v = lagr_value(c, L);
        if (v < best - 1e-9) {
            best = v, since = 0;
            memcpy(L->best_val, L->pair_val, sizeof(double) * (size_t)prep_n_pairs(c->p));
        } else if (++since >= patience) {
            theta /= 2, since = 0;
        }
        double norm = lagr_gradient(c, L);
        if (norm <= 1e-12) break; /* every moved row holds with complementary slackness: L is A's LP value */
        /* Polyak's step aims at the roster's Q; without one, a few percent below L */
        double goal = target > -HUGE_VAL && target < v ? target : v * (1 - BOUND_LAGRANGE_AIM);
        lagr_step(c, L, theta * (v - goal) / norm);
    }
    L->theta = theta;
    if (pair_on && best < HUGE_VAL) match_by_auction(c, L->best_val, pair_on);
    return best;
}

/* ---- driver -------------------------------------------------------------- */

/* A has many optimal matchings, and the greedy realises some better than
** others: the one with the most match value leaves the least to visits
** and school days, which A measures loosely. A tiny bonus on match value
** picks it. All the bonuses together stay below 1/4, so with whole-number
** weights the floored bound is unchanged (the bound A proves is still a
** bound: the bonus only adds to the objective); with other weights the
** bonus would show in the bound, and there is none. */
static double match_tie(const actx *c) {
    const model_programme *m = c->m;
    if (!solve_integral_weights(m)) return 0;
    const prep_pair *pairs = prep_pairs(c->p);
    double most = 0;
    for (int pu = 0; pu < m->n_pupils; pu++) {
        int first, n;
        double best = 0;
        prep_pupil_pairs(c->p, pu, &first, &n);
        for (int i = first; i < first + n; i++) best = fmax(best, fabs(solve_match_value(m, pu, pairs[i].advocate)));
        most += best;
    }
    return 0.25 / (1 + most);
}

/* A's visit part as a GLPK program (when it is small enough) and by the
** Lagrangian; the least of their bounds. When the GLPK program is built,
** the Lagrangian runs first, on at most half of the time: GLPK's simplex
** can take all of it and prove nothing (a generated programme of 160
** pupils: no bound in 60 s, where the Lagrangian gives one within 9% of
** the roster in a second), and the Lagrangian's iterations are cheap at
** this size. GLPK's matching, when it finds one, is the better start. */
static int visit_part(actx *c, const bound_options *o, double deadline, bound_result *res, double *bound) {
    int np = prep_n_pairs(c->p);
    *bound = HUGE_VAL;
    char *early = NULL; /* the Lagrangian's matching, run before GLPK */
    bool lagr_cut = false;
    if (c->n_u <= (size_t)o->mip_columns) {
        double now = stop_clock(), half = deadline > 0 ? now + 0.5 * (deadline - now) : 0;
        if (c->n_u > 0) { /* with no visit to price there is nothing to gain */
            if (!(early = calloc((size_t)np + 1, 1))) return -1;
            res->lagrangian = lagrangian(c, o->target - res->session_part, half, o->stop, early, &lagr_cut);
            *bound = res->lagrangian;
        }
        glp_prob *P = glp_create_prob();
        glp_set_prob_name(P, "roster_assignment_bound");
        glp_set_obj_name(P, "Q_upper");
        glp_set_obj_dir(P, GLP_MAX);
        lpb_init(&c->b, P);
        c->tie = match_tie(c);
        c->z_col = calloc((size_t)c->m->n_advocates * (size_t)c->nweeks * (size_t)c->m->n_schools + 1, sizeof(int));
        int rc = !c->z_col || build_pairs(c) || build_advocate_caps(c) || build_school_rooms(c) ||
                         build_school_days(c) || build_pattern_days(c)
                     ? -1
                     : 0;
        if (rc == 0) {
            res->rows += glp_get_num_rows(P);
            res->cols += glp_get_num_cols(P);
            searched r = search(P, deadline, o->stop);
            *bound = fmin(*bound, r.bound);
            res->optimal = r.optimal;
            /* GLPK's optimum settles both the bound and the matching, however the Lagrangian ended */
            res->cut_short |= r.cut || (!r.optimal && lagr_cut);
            if (r.have_solution) {
                res->pair_on = calloc((size_t)np + 1, 1);
                for (int i = 0; i < np && res->pair_on; i++) res->pair_on[i] = (char)(glp_mip_col_val(P, c->x_col[i]) > 0.5);
            }
        }
        lpb_free(&c->b);
        glp_delete_prob(P);
        free(c->z_col);
        c->z_col = NULL;
        if (rc) {
            free(early);
            return -1;
        }
        if (!res->pair_on && res->lagrangian < HUGE_VAL) res->pair_on = early, early = NULL;
        free(early);
        return 0;
    }
    if (!res->optimal) {
        char *choices = NULL; /* a matching from GLPK is kept; otherwise the Lagrangian's choices */
        if (!res->pair_on) choices = res->pair_on = calloc((size_t)np + 1, 1);
        double l = lagrangian(c, o->target - res->session_part, deadline, o->stop, choices, &lagr_cut);
        res->lagrangian = l;
        res->cut_short |= lagr_cut;
        if (l < *bound) *bound = l, res->optimal = false;
    }
    return 0;
}

/* Each session's most occurrences a week (per_week, and its dates with a
** candidate) at its value when that is positive: a bound on the session
** terms that needs no program. */
static double session_counts(const actx *c) {
    const model_programme *m = c->m;
    const prep_occurrence *occ = prep_occurrences(c->p);
    int no = prep_n_occurrences(c->p);
    double total = 0;
    for (int se = 0; se < m->n_sessions; se++) {
        double each = m->weights.session * m->sessions[se].priority;
        if (each <= 0) continue;
        for (int w = 0; w < c->nweeks; w++) {
            int dates = 0, last = -1;
            for (int k = 0; k < no; k++)
                if (occ[k].session == se && prep_week_of(c->p, occ[k].date) == w && occ[k].date != last)
                    dates++, last = occ[k].date;
            total += each * (dates < m->sessions[se].per_week ? dates : m->sessions[se].per_week);
        }
    }
    return total;
}

static int session_part(actx *c, const bound_options *o, double deadline, bound_result *res, double *bound) {
    if (c->sessions_proven) {
        res->rows += c->sessions_rows, res->cols += c->sessions_cols;
        *bound = c->sessions_bound;
        res->sessions_optimal = true;
        return 0;
    }
    glp_prob *P = glp_create_prob();
    glp_set_prob_name(P, "roster_session_bound");
    glp_set_obj_name(P, "Q_sessions_upper");
    glp_set_obj_dir(P, GLP_MAX);
    lpb_init(&c->b, P);
    int rc = build_sessions(c);
    if (rc == 0) {
        res->rows += glp_get_num_rows(P);
        res->cols += glp_get_num_cols(P);
        searched r = search(P, deadline, o->stop);
        *bound = r.bound;
        res->sessions_optimal = r.optimal;
        res->cut_short |= r.cut;
        if (r.optimal) {
            c->sessions_proven = true, c->sessions_bound = r.bound;
            c->sessions_rows = glp_get_num_rows(P), c->sessions_cols = glp_get_num_cols(P);
        }
    }
    lpb_free(&c->b);
    glp_delete_prob(P);
    return rc;
}

struct bound_prog {
    actx c;
};

bound_prog *bound_new(const model_programme *m, const prep *p) {
    bound_prog *bp = calloc(1, sizeof *bp);
    if (!bp) return NULL;
    actx *c = &bp->c;
    c->m = m, c->p = p;
    c->nweeks = prep_n_weeks(p);
    c->nslots = 24 * 60 / m->slot_minutes;
    if (group_by_advocate(c) || measure_days(c) || measure_schools(c) || count_weeks(c)) {
        bound_free(bp);
        return NULL;
    }
    return bp;
}

void bound_free(bound_prog *bp) {
    if (!bp) return;
    actx *c = &bp->c;
    free(c->x_col);
    free(c->u_col);
    free(c->u_school);
    free(c->most);
    free(c->day_minutes);
    free(c->day_count);
    free(c->week_minutes);
    free(c->school_minutes);
    free(c->adv_first);
    free(c->adv_pairs);
    lagr_free(c->lag);
    free(bp);
}

int bound_solve(bound_prog *bp, const bound_options *o, bound_result *res) {
    actx *c = &bp->c;
    double t0 = stop_clock();
    c->threads = o->threads > 1 ? o->threads : 1;
    int was = glp_term_out(GLP_OFF); /* the knapsack and clique finders print regardless of msg_lev */
    memset(res, 0, sizeof *res);
    res->bound = res->lagrangian = HUGE_VAL;
    double sb = HUGE_VAL, vb = HUGE_VAL;
    double deadline = o->time_limit > 0 ? t0 + o->time_limit : 0;
    /* sessions are small: a fifth of the time is plenty */
    double s_deadline = o->time_limit > 0 ? t0 + 0.2 * o->time_limit : 0;
    int rc = -1;
    if (session_part(c, o, s_deadline, res, &sb)) goto out;
    if (sb == HUGE_VAL) sb = session_counts(c); /* its LP did not finish: the plain counts bound it too */
    res->session_part = sb;
    if (visit_part(c, o, deadline, res, &vb)) goto out;
    res->optimal = res->optimal && res->sessions_optimal;
    if (vb < HUGE_VAL) {
        /* the Lagrangian is summed in floating point: a hair of slack keeps it a bound */
        res->bound = sb + vb + 1e-9 * fabs(sb + vb);
        /* Q is a whole number then, and below the bound: so is its floor (which drops match_tie's bonus) */
        res->bound = solve_whole_bound(c->m, res->bound);
    }
    rc = 0;
out:
    glp_term_out(was);
    /* the visit program's columns are per solve; the measures stay */
    free(c->x_col), free(c->u_col);
    c->x_col = c->u_col = NULL;
    res->seconds = stop_clock() - t0;
    return rc;
}

int bound_assignment(const model_programme *m, const prep *p, const bound_options *o, bound_result *res) {
    double t0 = stop_clock();
    bound_prog *bp = bound_new(m, p);
    if (!bp) return -1;
    int rc = bound_solve(bp, o, res);
    res->seconds = stop_clock() - t0;
    bound_free(bp);
    return rc;
}

void bound_result_free(bound_result *res) {
    free(res->pair_on);
    res->pair_on = NULL;
}
