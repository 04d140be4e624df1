/*
** bound.c: the assignment bound A (see bound.h; the argument that it bounds
** Q is in docs/solve.md, "The assignment bound").
*/
#include "bound.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "lpb.h"
#include "solve.h"
#include "stop.h"

typedef struct {
    const model_programme *m;
    const prep *p;
    lpb b;
    int nweeks, nslots;
    int *x_col;             /* per pair */
    int *u_col;             /* pair * nweeks + week */
    int *u_school;          /* the pupil's school that week, -1 when it changes mid-week */
    double *day_minutes;    /* (advocate * nweeks + week) * n_schools + school: most minutes a day */
    int *adv_first, *adv_pairs; /* pairs of advocate a: adv_pairs[adv_first[a] .. adv_first[a + 1]) */
} actx;

static size_t aws(const actx *c, int adv, int week, int school) {
    return ((size_t)adv * (size_t)c->nweeks + (size_t)week) * (size_t)c->m->n_schools + (size_t)school;
}

/* Per advocate, date and school: the length of the union of all the
** advocate's candidate intervals there. Its visits that day never overlap
** (rule 9) and each lies in a candidate, so their minutes fit in it;
** day_minutes keeps the largest such length in each week. */
static int measure_days(actx *c) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    int ndates = m->period_to - m->period_from + 1;
    size_t cells = (size_t)ndates * (size_t)m->n_schools * (size_t)c->nslots;
    c->day_minutes = calloc((size_t)m->n_advocates * (size_t)c->nweeks * (size_t)m->n_schools + 1, sizeof(double));
    char *busy = calloc(cells + 1, 1);
    if (!c->day_minutes || !busy) {
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
        for (int d = 0; d < ndates; d++)
            for (int s = 0; s < m->n_schools; s++) {
                const char *row = busy + ((size_t)d * (size_t)m->n_schools + (size_t)s) * (size_t)c->nslots;
                int len = 0;
                for (int t = 0; t < c->nslots; t++) len += row[t];
                double *dm = &c->day_minutes[aws(c, a, prep_week_of(c->p, m->period_from + d), s)];
                if (len * slot > *dm) *dm = len * slot;
            }
    }
    free(busy);
    return 0;
}

/* x[p,a] and u[p,a,k]; one_advocate, pair_week, matched_needs_visit rows.
** A visit may pay |moved| or |school_day| when those weights are negative:
** each visit is moved at most once and opens at most one school day. */
static int build_pairs(actx *c) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    int np = prep_n_pairs(c->p);
    c->x_col = calloc((size_t)np + 1, sizeof(int));
    c->u_col = calloc((size_t)np * (size_t)c->nweeks + 1, sizeof(int));
    c->u_school = malloc(sizeof(int) * ((size_t)np * (size_t)c->nweeks + 1));
    if (!c->x_col || !c->u_col || !c->u_school) return -1;
    double extra = fmax(0.0, -m->weights.moved) + fmax(0.0, -m->weights.school_day);
    for (int i = 0; i < np; i++) {
        const model_pupil *pu = &m->pupils[pairs[i].pupil];
        const char *pid = pu->id, *aid = m->advocates[pairs[i].advocate].id;
        c->x_col[i] = lpb_col(&c->b, GLP_BV, 0, 1, solve_match_value(m, pairs[i].pupil, pairs[i].advocate), "x[%s,%s]",
                              pid, aid);
        int k = pairs[i].first, end = pairs[i].first + pairs[i].n;
        while (k < end) {
            int week = prep_week_of(c->p, vis[k].date), dates = 0, last = -1, school = vis[k].school;
            for (; k < end && prep_week_of(c->p, vis[k].date) == week; k++) {
                if (vis[k].date != last) dates++, last = vis[k].date;
                if (vis[k].school != school) school = -1;
            }
            int most = dates < pu->per_week ? dates : pu->per_week;
            size_t at = (size_t)i * (size_t)c->nweeks + (size_t)week;
            c->u_school[at] = school;
            c->u_col[at] = lpb_col(&c->b, GLP_IV, 0, most, m->weights.visit * pu->priority + extra, "u[%s,%s,w%d]", pid,
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

/* max_pupils and the weekly minute caps (own and course), as rule 8. */
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
        int cap = solve_advocate_week_cap(m, a);
        if (cap == MODEL_NO_LIMIT) continue;
        for (int w = 0; w < c->nweeks; w++) {
            lpb_row(&c->b, "max_minutes[%s,w%d]", adv->id, w + 1);
            for (int e = from; e < to; e++) {
                int i = c->adv_pairs[e], u = c->u_col[(size_t)i * (size_t)c->nweeks + (size_t)w];
                if (u) lpb_term(&c->b, u, m->pupils[pairs[i].pupil].minutes);
            }
            if (lpb_upper(&c->b, cap) < 0) return -1;
        }
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
                    z_of[s] = lpb_col(&c->b, GLP_IV, 0, 7, -m->weights.school_day, "z[%s,w%d,%s]", aid, w + 1,
                                      m->schools[s].id);
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

/* Per date: the minutes of teacher t's occurrence groups <= the measure of
** the union of its candidate intervals that date. */
static int teacher_days(actx *c, int t, const int *key, const int *col) {
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
        (void)key;
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
        if (teacher_days(c, t, key, col) < 0) goto out;
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
    int best = glp_ios_best_node(T);
    if (!best) return;
    double b = glp_ios_node_bound(T, best);
    if (!t->have || b < t->bound) t->bound = b;
    t->have = true;
}

/* The LP first (its value is already a bound), then the search, whose best
** node bound only tightens it. */
static void search(actx *c, double time_limit, volatile sig_atomic_t *stop, bound_result *res, double t0) {
    glp_prob *P = c->b.P;
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.presolve = GLP_OFF;
    double deadline = time_limit > 0 ? t0 + time_limit : 0;
    if (stop_simplex(P, &sm, stop, deadline) != 0 || glp_get_status(P) != GLP_OPT) return;
    res->bound = glp_get_obj_val(P);
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.mip_gap = 0.0;
    io.gmi_cuts = GLP_ON;
    io.mir_cuts = GLP_ON;
    io.cov_cuts = GLP_ON;
    tree_bound tb = {res->bound, true, stop};
    io.cb_func = on_tree;
    io.cb_info = &tb;
    if (time_limit > 0) {
        double left = deadline - stop_clock();
        if (left <= 0.001) return;
        io.tm_lim = (int)(left * 1000);
    }
    int rc = glp_intopt(P, &io);
    int st = glp_mip_status(P);
    if (st == GLP_OPT || st == GLP_FEAS) {
        res->value = glp_mip_obj_val(P);
        int np = prep_n_pairs(c->p);
        res->pair_on = calloc((size_t)np + 1, 1);
        for (int i = 0; i < np && res->pair_on; i++) res->pair_on[i] = glp_mip_col_val(P, c->x_col[i]) > 0.5;
    }
    if (rc == 0 && st == GLP_OPT) {
        res->optimal = true;
        res->bound = fmin(res->bound, res->value);
    } else if (rc == 0 && st == GLP_NOFEAS) {
        res->bound = 0; /* cannot happen (all zero is feasible), but would be proven */
    } else if (tb.have) {
        res->bound = fmin(res->bound, tb.bound);
    }
}

int bound_assignment(const model_programme *m, const prep *p, double time_limit, volatile sig_atomic_t *stop,
                     const char *write_lp, bound_result *res) {
    double t0 = stop_clock();
    memset(res, 0, sizeof *res);
    res->bound = HUGE_VAL;
    actx c;
    memset(&c, 0, sizeof c);
    c.m = m, c.p = p;
    c.nweeks = prep_n_weeks(p);
    c.nslots = 24 * 60 / m->slot_minutes;
    glp_prob *P = glp_create_prob();
    glp_set_prob_name(P, "roster_assignment_bound");
    glp_set_obj_name(P, "Q_upper");
    glp_set_obj_dir(P, GLP_MAX);
    lpb_init(&c.b, P);
    int rc = -1;
    if (group_by_advocate(&c) || measure_days(&c) || build_pairs(&c) || build_advocate_caps(&c) ||
        build_school_days(&c) || build_sessions(&c))
        goto out;
    res->rows = glp_get_num_rows(P);
    res->cols = glp_get_num_cols(P);
    if (write_lp) glp_write_lp(P, NULL, write_lp);
    if (res->cols == 0) {
        res->bound = res->value = 0;
        res->optimal = true;
    } else {
        search(&c, time_limit, stop, res, t0);
    }
    rc = 0;
out:
    res->seconds = stop_clock() - t0;
    glp_delete_prob(P);
    lpb_free(&c.b);
    free(c.x_col);
    free(c.u_col);
    free(c.u_school);
    free(c.day_minutes);
    free(c.adv_first);
    free(c.adv_pairs);
    return rc;
}

void bound_result_free(bound_result *res) {
    free(res->pair_on);
    res->pair_on = NULL;
}
