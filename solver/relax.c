/*
** relax.c: the relaxed master program R and its solution (see relax.h).
**
** Columns (binary, from prepare's candidates only):
**   x[p,a]      p matched to a
**   w[p,a,d]    a visits p on date d (some start that date)
**   y[p,W,T]    pattern entry of p (only when weights.moved != 0)
**   on[p,a,d]   that visit is on p's pattern (only when weights.moved != 0)
**   z[a,d,s]    a visits school s on date d
**   o[s,t,d]    teacher t gives session s on date d (some start that date)
** Time is kept only as minute budgets: a person's engagements on a date fit
** in the union of that person's candidate intervals, a school's in rooms
** times the union of its candidate intervals. Travel is dropped. docs/solve.md
** argues that every feasible roster is an R solution with the same Q.
*/
#include "relax.h"

#include <glpk.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal.h"
#include "lpb.h"
#include "solve.h"
#include "stop.h"

typedef struct {
    const model_programme *m;
    const prep *p;
    glp_prob *P;
    int slot, nslots, ndates;
    bool use_pattern;
    int *x_col;                         /* per pair, 0 = none */
    int *w_first, *w_n;                 /* per pair: its w entries */
    int *w_col, *w_date, *w_pair, *w_vfirst, *w_vn; int nw; /* per w entry */
    int *pon_col, *pon_pupil, *pon_date, n_pon;    /* the on[p,d] columns */
    int *yday_col;                      /* (pupil, weekday): the pattern has that weekday */
    char *fmark;                        /* per slot, scratch */
    int *w_of_visit;                    /* per prep visit: its w entry */
    int *y_col;                         /* (pupil, weekday, slot) */
    int *z_col;                         /* (advocate, date index, school) */
    int *g_col, *g_of_occ; int ng;      /* occurrence groups (session, teacher, date) */
    lpb b;                              /* the row being built (lpb.h) */
} rctx;

/* ---- names and rows ----------------------------------------------------- */

/* LP names are mangled by lpb ('-' to '~', ':' to '.'); dates use '.'. */
static const char *dstr(int date, char out[16]) {
    int y, mo, d;
    cal_to_ymd(date, &y, &mo, &d);
    snprintf(out, 16, "%04d.%02d.%02d", y, mo, d);
    return out;
}

static int col_new(rctx *c, double obj, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int j = lpb_vcol(&c->b, GLP_BV, 0, 1, obj, fmt, ap);
    va_end(ap);
    return j;
}

static void row_start(rctx *c, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    lpb_vrow(&c->b, fmt, ap);
    va_end(ap);
}

static int row_term(rctx *c, int col, double coef) {
    lpb_term(&c->b, col, coef);
    return c->b.failed ? -1 : 0;
}

/* "sum <= ub", added only when the terms could exceed ub (all 0/1 columns). */
static void row_upper(rctx *c, double ub) {
    double most = 0;
    for (int q = 1; q <= c->b.n; q++) most += c->b.val[q] > 0 ? c->b.val[q] : 0;
    if (most > ub + 1e-9) lpb_upper(&c->b, ub); /* terms were checked as they came: it cannot fail */
}

static size_t zkey(const rctx *c, int adv, int date, int school) {
    return ((size_t)adv * (size_t)c->ndates + (size_t)(date - c->m->period_from)) * (size_t)c->m->n_schools +
           (size_t)school;
}

/* ---- columns ------------------------------------------------------------ */

static int build_w(rctx *c) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    int np = prep_n_pairs(c->p), nv = prep_n_visits(c->p);
    c->x_col = calloc((size_t)np + 1, sizeof(int));
    c->w_first = calloc((size_t)np + 1, sizeof(int));
    c->w_n = calloc((size_t)np + 1, sizeof(int));
    c->w_of_visit = calloc((size_t)nv + 1, sizeof(int));
    c->w_col = calloc((size_t)nv + 1, sizeof(int));
    c->w_date = calloc((size_t)nv + 1, sizeof(int));
    c->w_pair = calloc((size_t)nv + 1, sizeof(int));
    c->w_vfirst = calloc((size_t)nv + 1, sizeof(int));
    c->w_vn = calloc((size_t)nv + 1, sizeof(int));
    c->pon_col = calloc((size_t)nv + 1, sizeof(int));
    c->pon_pupil = calloc((size_t)nv + 1, sizeof(int));
    c->pon_date = calloc((size_t)nv + 1, sizeof(int));
    c->yday_col = calloc((size_t)m->n_pupils * 7 + 1, sizeof(int));
    c->fmark = calloc((size_t)c->nslots + 1, 1);
    c->z_col = calloc((size_t)m->n_advocates * (size_t)c->ndates * (size_t)m->n_schools + 1, sizeof(int));
    if (!c->x_col || !c->w_first || !c->w_n || !c->w_of_visit || !c->w_col || !c->w_date || !c->w_pair ||
        !c->w_vfirst || !c->w_vn || !c->pon_col || !c->pon_pupil || !c->pon_date || !c->yday_col || !c->fmark || !c->z_col)
        return -1;
    char ds[16];
    for (int i = 0; i < np; i++) {
        const model_pupil *pu = &m->pupils[pairs[i].pupil];
        const char *aid = m->advocates[pairs[i].advocate].id;
        if (pu->per_week > 7) continue; /* as in the exact program: no pattern exists */
        c->x_col[i] = col_new(c, solve_match_value(m, pairs[i].pupil, pairs[i].advocate), "x[%s,%s]", pu->id, aid);
        double wv = m->weights.visit * pu->priority - (c->use_pattern ? m->weights.moved : 0.0);
        c->w_first[i] = c->nw;
        for (int k = pairs[i].first; k < pairs[i].first + pairs[i].n;) {
            int e = k;
            while (e < pairs[i].first + pairs[i].n && vis[e].date == vis[k].date) e++;
            int q = c->nw++;
            c->w_col[q] = col_new(c, wv, "w[%s,%s,%s]", pu->id, aid, dstr(vis[k].date, ds));
            c->w_date[q] = vis[k].date, c->w_pair[q] = i, c->w_vfirst[q] = k, c->w_vn[q] = e - k;
            for (int v = k; v < e; v++) c->w_of_visit[v] = q;
            size_t zk = zkey(c, pairs[i].advocate, vis[k].date, vis[k].school);
            if (!c->z_col[zk])
                c->z_col[zk] = col_new(c, -m->weights.school_day, "z[%s,%s,%s]", aid, dstr(vis[k].date, ds),
                                       m->schools[vis[k].school].id);
            k = e;
        }
        c->w_n[i] = c->nw - c->w_first[i];
    }
    return 0;
}

static int build_y(rctx *c) {
    if (!c->use_pattern) return 0;
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    c->y_col = calloc((size_t)m->n_pupils * 7 * (size_t)c->nslots + 1, sizeof(int));
    if (!c->y_col) return -1;
    for (int i = 0; i < prep_n_pairs(c->p); i++) {
        if (!c->x_col[i]) continue;
        int *ycol = c->y_col + (size_t)pairs[i].pupil * 7 * (size_t)c->nslots;
        for (int k = pairs[i].first; k < pairs[i].first + pairs[i].n; k++) {
            int wd = cal_weekday(vis[k].date), s = vis[k].start / c->slot;
            char ts[6];
            cal_format_time(vis[k].start, ts);
            if (!ycol[wd * c->nslots + s])
                ycol[wd * c->nslots + s] = col_new(c, 0, "y[%s,%s,%s]", m->pupils[pairs[i].pupil].id, cal_day_name(wd), ts);
        }
    }
    return 0;
}

/* One o column per (session, teacher, date): occurrences of one session on
** one date are at most one (rule 11), so the sum over starts is 0/1. */
static int build_o(rctx *c) {
    const model_programme *m = c->m;
    const prep_occurrence *occ = prep_occurrences(c->p);
    int no = prep_n_occurrences(c->p);
    size_t nkey = (size_t)m->n_sessions * (size_t)m->n_teachers * (size_t)c->ndates;
    int *map = calloc(nkey + 1, sizeof(int)); /* key -> group + 1 */
    c->g_of_occ = calloc((size_t)no + 1, sizeof(int));
    c->g_col = calloc((size_t)no + 1, sizeof(int));
    if (!map || !c->g_of_occ || !c->g_col) {
        free(map);
        return -1;
    }
    char ds[16];
    for (int k = 0; k < no; k++) {
        const prep_occurrence *o = &occ[k];
        size_t key = ((size_t)o->session * (size_t)m->n_teachers + (size_t)o->teacher) * (size_t)c->ndates +
                     (size_t)(o->date - m->period_from);
        if (!map[key]) {
            int g = c->ng++;
            map[key] = g + 1;
            c->g_col[g] = col_new(c, m->weights.session * m->sessions[o->session].priority, "o[%s,%s,%s]",
                                  m->sessions[o->session].id, m->teachers[o->teacher].id, dstr(o->date, ds));
        }
        c->g_of_occ[k] = map[key] - 1;
    }
    free(map);
    return 0;
}

/* ---- rows: matching, dates, weeks, pattern ------------------------------ */

typedef struct {
    long key;
    int date, start, end, col;
    double coef;
} item;

static int cmp_item(const void *x, const void *y) {
    const item *a = x, *b = y;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    if (a->date != b->date) return a->date < b->date ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return (a->col > b->col) - (a->col < b->col);
}

static int build_pair_rows(rctx *c) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    char ds[16];
    for (int i = 0; i < prep_n_pairs(c->p); i++) {
        if (!c->x_col[i]) continue;
        const model_pupil *pu = &m->pupils[pairs[i].pupil];
        const char *pid = pu->id, *aid = m->advocates[pairs[i].advocate].id;
        row_start(c, "matched_needs_visit[%s,%s]", pid, aid);
        if (row_term(c, c->x_col[i], 1)) return -1;
        for (int q = c->w_first[i]; q < c->w_first[i] + c->w_n[i]; q++)
            if (row_term(c, c->w_col[q], -1)) return -1;
        row_upper(c, 0);
        for (int q = c->w_first[i]; q < c->w_first[i] + c->w_n[i]; q++) {
            const char *d = dstr(c->w_date[q], ds);
            if (pu->per_week > 1) { /* with per_week 1, pair_week below implies it */
                row_start(c, "visit_by_match[%s,%s,%s]", pid, aid, d);
                if (row_term(c, c->w_col[q], 1) || row_term(c, c->x_col[i], -1)) return -1;
                row_upper(c, 0);
            }
            const prep_visit *v = &vis[c->w_vfirst[q]];
            (void)vis;
            (void)v;
        }
        /* per pair and week: at most per_week visits, and only when matched */
        for (int q = c->w_first[i]; q < c->w_first[i] + c->w_n[i];) {
            int week = prep_week_of(c->p, c->w_date[q]), e = q;
            while (e < c->w_first[i] + c->w_n[i] && prep_week_of(c->p, c->w_date[e]) == week) e++;
            if (e - q > pu->per_week || pu->per_week == 1) {
                row_start(c, "pair_week[%s,%s,%s]", pid, aid, dstr(prep_week_monday(c->p, week), ds));
                for (int r = q; r < e; r++)
                    if (row_term(c, c->w_col[r], 1)) return -1;
                if (row_term(c, c->x_col[i], -(e - q < pu->per_week ? e - q : pu->per_week))) return -1;
                row_upper(c, 0);
            }
            q = e;
        }
    }
    return 0;
}

/* on[p,d]: p's visit on date d is on the pattern. It needs a visit that
** date (by any advocate) and a pattern entry at a start some pair of p may
** use that date (F); when F is every start the pattern has that weekday,
** the entry is yday[p,weekday], made once. g: p's w entries of date d
** (item.start = w entry). */
static int on_rows(rctx *c, int pu, const item *g, int n, const int *ycnt) {
    const prep_visit *vis = prep_visits(c->p);
    const char *pid = c->m->pupils[pu].id;
    char ds[16];
    int date = g[0].date, wd = cal_weekday(date), nf = 0;
    int *ycol = c->y_col + ((size_t)pu * 7 + (size_t)wd) * (size_t)c->nslots;
    int col = col_new(c, c->m->weights.moved, "on[%s,%s]", pid, dstr(date, ds));
    c->pon_col[c->n_pon] = col, c->pon_pupil[c->n_pon] = pu, c->pon_date[c->n_pon++] = date;
    row_start(c, "on_visited[%s,%s]", pid, ds);
    if (row_term(c, col, 1)) return -1;
    for (int q = 0; q < n; q++)
        if (row_term(c, g[q].col, -1)) return -1;
    row_upper(c, 0);
    memset(c->fmark, 0, sizeof(char) * (size_t)c->nslots);
    for (int q = 0; q < n; q++)
        for (int k = c->w_vfirst[g[q].start]; k < c->w_vfirst[g[q].start] + c->w_vn[g[q].start]; k++)
            if (!c->fmark[vis[k].start / c->slot]) c->fmark[vis[k].start / c->slot] = 1, nf++;
    row_start(c, "on_pattern[%s,%s]", pid, ds);
    if (row_term(c, col, 1)) return -1;
    if (nf == ycnt[wd]) {
        int *yd = &c->yday_col[pu * 7 + wd];
        if (!*yd) *yd = col_new(c, 0, "yday[%s,%s]", pid, cal_day_name(wd));
        if (row_term(c, *yd, -1)) return -1;
    } else {
        for (int s = 0; s < c->nslots; s++)
            if (c->fmark[s] && row_term(c, ycol[s], -1)) return -1;
    }
    row_upper(c, 0);
    return 0;
}

/* Per pupil: one advocate, one visit a date, per_week a week, the pattern. */
static int build_pupil_rows(rctx *c) {
    const model_programme *m = c->m;
    char ds[16];
    item *it = malloc(sizeof *it * ((size_t)c->nw + 1));
    if (!it) return -1;
    for (int pu = 0; pu < m->n_pupils; pu++) {
        int first, n, cnt = 0, ycnt[7] = {0};
        prep_pupil_pairs(c->p, pu, &first, &n);
        const model_pupil *pp = &m->pupils[pu];
        for (int s = 0; c->use_pattern && s < 7 * c->nslots; s++)
            ycnt[s / c->nslots] += c->y_col[(size_t)pu * 7 * (size_t)c->nslots + (size_t)s] != 0;
        row_start(c, "one_advocate[%s]", pp->id);
        for (int i = first; i < first + n; i++)
            if (c->x_col[i] && row_term(c, c->x_col[i], 1)) goto fail;
        row_upper(c, 1);
        for (int i = first; i < first + n; i++)
            for (int q = c->w_first[i]; c->x_col[i] && q < c->w_first[i] + c->w_n[i]; q++)
                it[cnt++] = (item){prep_week_of(c->p, c->w_date[q]), c->w_date[q], q, 0, c->w_col[q], 1};
        qsort(it, (size_t)cnt, sizeof *it, cmp_item);
        for (int a = 0; a < cnt;) {
            int b = a;
            while (b < cnt && it[b].date == it[a].date) b++;
            row_start(c, "pupil_day[%s,%s]", pp->id, dstr(it[a].date, ds));
            for (int q = a; q < b; q++)
                if (row_term(c, it[q].col, 1)) goto fail;
            row_upper(c, 1);
            if (c->use_pattern && on_rows(c, pu, it + a, b - a, ycnt)) goto fail;
            a = b;
        }
        for (int a = 0; a < cnt;) {
            int b = a;
            while (b < cnt && it[b].key == it[a].key) b++;
            row_start(c, "pupil_week[%s,%s]", pp->id, dstr(prep_week_monday(c->p, (int)it[a].key), ds));
            for (int q = a; q < b; q++)
                if (row_term(c, it[q].col, 1)) goto fail;
            row_upper(c, pp->per_week);
            a = b;
        }
        if (!c->use_pattern) continue;
        int *ycol = c->y_col + (size_t)pu * 7 * (size_t)c->nslots;
        for (int wd = 0; wd < 7; wd++) {
            int yd = c->yday_col[pu * 7 + wd];
            row_start(c, "pattern_day[%s,%s]", pp->id, cal_day_name(wd));
            for (int s = 0; s < c->nslots; s++)
                if (ycol[wd * c->nslots + s] && row_term(c, ycol[wd * c->nslots + s], 1)) goto fail;
            if (!yd) {
                row_upper(c, 1);
                continue;
            }
            /* the pattern has an entry that weekday: yd = sum y (<= 1 as yd is binary) */
            if (row_term(c, yd, -1)) goto fail;
            lpb_fixed(&c->b, 0.0);
        }
        row_start(c, "pattern_size[%s]", pp->id);
        for (int s = 0; s < 7 * c->nslots; s++)
            if (ycol[s] && row_term(c, ycol[s], 1)) goto fail;
        row_upper(c, pp->per_week);
    }
    free(it);
    return 0;
fail:
    free(it);
    return -1;
}

/* ---- rows: advocates, school days, sessions ------------------------------ */

static int build_advocate_rows(rctx *c) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    char ds[16];
    for (int a = 0; a < m->n_advocates; a++) {
        const model_advocate *ad = &m->advocates[a];
        if (ad->max_pupils != MODEL_NO_LIMIT) {
            row_start(c, "max_pupils[%s]", ad->id);
            for (int i = 0; i < prep_n_pairs(c->p); i++)
                if (pairs[i].advocate == a && c->x_col[i] && row_term(c, c->x_col[i], 1)) return -1;
            row_upper(c, ad->max_pupils);
        }
        int cap = solve_advocate_week_cap(m, a);
        if (cap == MODEL_NO_LIMIT) continue;
        for (int w = 0; w < prep_n_weeks(c->p); w++) {
            row_start(c, "max_minutes[%s,%s]", ad->id, dstr(prep_week_monday(c->p, w), ds));
            for (int i = 0; i < prep_n_pairs(c->p); i++) {
                if (pairs[i].advocate != a || !c->x_col[i]) continue;
                for (int q = c->w_first[i]; q < c->w_first[i] + c->w_n[i]; q++)
                    if (prep_week_of(c->p, c->w_date[q]) == w && row_term(c, c->w_col[q], m->pupils[pairs[i].pupil].minutes))
                        return -1;
            }
            row_upper(c, cap);
        }
    }
    return 0;
}

/* z[a,d,s] counts a school day: the visits of a at s on d need it
** (sum w <= n z, n the number of such w), and, when school days earn
** (negative weight), z needs one of them. */
static int build_school_day_rows(rctx *c) {
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    item *it = malloc(sizeof *it * ((size_t)c->nw + 1));
    if (!it) return -1;
    for (int q = 0; q < c->nw; q++) {
        const prep_visit *v = &vis[c->w_vfirst[q]];
        it[q] = (item){(long)zkey(c, pairs[c->w_pair[q]].advocate, v->date, v->school), 0, 0, 0, c->w_col[q], 1};
    }
    qsort(it, (size_t)c->nw, sizeof *it, cmp_item);
    for (int a = 0; a < c->nw;) {
        int b = a;
        while (b < c->nw && it[b].key == it[a].key) b++;
        int z = c->z_col[it[a].key];
        row_start(c, "%s_needs", glp_get_col_name(c->P, z));
        if (row_term(c, z, -(b - a))) goto fail;
        for (int q = a; q < b; q++)
            if (row_term(c, it[q].col, 1)) goto fail;
        row_upper(c, 0);
        if (c->m->weights.school_day < 0) {
            row_start(c, "%s_needs_visit", glp_get_col_name(c->P, z));
            if (row_term(c, z, 1)) goto fail;
            for (int q = a; q < b; q++)
                if (row_term(c, it[q].col, -1)) goto fail;
            row_upper(c, 0);
        }
        a = b;
    }
    free(it);
    return 0;
fail:
    free(it);
    return -1;
}

static int build_session_rows(rctx *c) {
    const model_programme *m = c->m;
    const prep_occurrence *occ = prep_occurrences(c->p);
    int no = prep_n_occurrences(c->p);
    char ds[16];
    item *it = malloc(sizeof *it * ((size_t)c->ng + 1));
    int *seen = calloc((size_t)c->ng + 1, sizeof(int));
    if (!it || !seen) goto fail;
    /* by session: one a date, per_week a week */
    int n = 0;
    for (int k = 0; k < no; k++)
        if (!seen[c->g_of_occ[k]]++)
            it[n++] = (item){occ[k].session, occ[k].date, occ[k].teacher, 0, c->g_col[c->g_of_occ[k]], 1};
    qsort(it, (size_t)n, sizeof *it, cmp_item);
    for (int a = 0; a < n;) {
        int b = a;
        while (b < n && it[b].key == it[a].key && it[b].date == it[a].date) b++;
        row_start(c, "session_day[%s,%s]", m->sessions[it[a].key].id, dstr(it[a].date, ds));
        for (int q = a; q < b; q++)
            if (row_term(c, it[q].col, 1)) goto fail;
        row_upper(c, 1);
        a = b;
    }
    for (int a = 0; a < n;) {
        int b = a, week = prep_week_of(c->p, it[a].date);
        while (b < n && it[b].key == it[a].key && prep_week_of(c->p, it[b].date) == week) b++;
        row_start(c, "session_week[%s,%s]", m->sessions[it[a].key].id, dstr(prep_week_monday(c->p, week), ds));
        for (int q = a; q < b; q++)
            if (row_term(c, it[q].col, 1)) goto fail;
        row_upper(c, m->sessions[it[a].key].per_week);
        a = b;
    }
    /* by teacher: max_sessions_per_week */
    for (int q = 0; q < n; q++) it[q].key = it[q].start, it[q].start = 0;
    qsort(it, (size_t)n, sizeof *it, cmp_item);
    for (int a = 0; a < n;) {
        int b = a, week = prep_week_of(c->p, it[a].date);
        while (b < n && it[b].key == it[a].key && prep_week_of(c->p, it[b].date) == week) b++;
        int cap = m->teachers[it[a].key].max_sessions_per_week;
        if (cap != MODEL_NO_LIMIT) {
            row_start(c, "max_sessions[%s,%s]", m->teachers[it[a].key].id, dstr(prep_week_monday(c->p, week), ds));
            for (int q = a; q < b; q++)
                if (row_term(c, it[q].col, 1)) goto fail;
            row_upper(c, cap);
        }
        a = b;
    }
    free(it);
    free(seen);
    return 0;
fail:
    free(it);
    free(seen);
    return -1;
}

/* ---- rows: relaxed time (rules 9 and 10 as minute budgets) --------------- */

/* Items sorted by (key, date, start): for each (key, date) the row
** "sum of minutes of the chosen columns <= mult * |union of the intervals|".
** Each column (a w or o column) is one engagement of its minutes that lies
** inside one of its candidate intervals, so in any roster the engagements
** of a person (mult 1: they never overlap) or at a school (mult rooms: never
** more under way at once) fit in that much time. */
static int budget_rows(rctx *c, item *it, int n, bool school, int *stamp) {
    char ds[16];
    qsort(it, (size_t)n, sizeof *it, cmp_item);
    for (int a = 0; a < n;) {
        int b = a;
        while (b < n && it[b].key == it[a].key && it[b].date == it[a].date) b++;
        int span = 0, hi = -1;
        for (int q = a; q < b; q++) {
            int lo = it[q].start > hi ? it[q].start : hi;
            if (it[q].end > lo) span += it[q].end - lo;
            if (it[q].end > hi) hi = it[q].end;
        }
        const char *who;
        double mult = 1;
        if (school) {
            who = c->m->schools[it[a].key].id;
            mult = c->m->schools[it[a].key].rooms;
        } else {
            int person = (int)it[a].key;
            who = person < c->m->n_advocates ? c->m->advocates[person].id : c->m->teachers[person - c->m->n_advocates].id;
        }
        row_start(c, "%s[%s,%s]", school ? "rooms_time" : "person_time", who, dstr(it[a].date, ds));
        for (int q = a; q < b; q++) {
            if (stamp[it[q].col] == a + 1) continue;
            stamp[it[q].col] = a + 1;
            if (row_term(c, it[q].col, it[q].coef)) return -1;
        }
        row_upper(c, mult * span);
        a = b;
    }
    return 0;
}

static int build_time_rows(rctx *c) {
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    const prep_occurrence *occ = prep_occurrences(c->p);
    int nv = prep_n_visits(c->p), no = prep_n_occurrences(c->p), n = 0;
    item *it = malloc(sizeof *it * ((size_t)nv + (size_t)no + 1));
    int *stamp = calloc((size_t)glp_get_num_cols(c->P) + 1, sizeof(int));
    int rc = -1;
    if (!it || !stamp) goto out;
    for (int pass = 0; pass < 2; pass++) {
        bool school = pass == 1;
        n = 0;
        for (int k = 0; k < nv; k++) {
            int q = c->w_of_visit[k], i = c->w_pair[q];
            if (!c->x_col[i] || c->w_vfirst[q] > k || k >= c->w_vfirst[q] + c->w_vn[q]) continue;
            long key = school ? vis[k].school : prep_person_of_advocate(c->p, pairs[i].advocate);
            it[n++] = (item){key, vis[k].date, vis[k].start, vis[k].end, c->w_col[q], vis[k].end - vis[k].start};
        }
        for (int k = 0; k < no; k++) {
            long key = school ? occ[k].school : prep_person_of_teacher(c->p, occ[k].teacher);
            if (key < 0) continue;
            it[n++] = (item){key, occ[k].date, occ[k].start, occ[k].end, c->g_col[c->g_of_occ[k]],
                             occ[k].end - occ[k].start};
        }
        memset(stamp, 0, sizeof(int) * ((size_t)glp_get_num_cols(c->P) + 1));
        if (budget_rows(c, it, n, school, stamp)) goto out;
    }
    rc = 0;
out:
    free(it);
    free(stamp);
    return rc;
}

/* ---- solving ------------------------------------------------------------- */

typedef struct {
    double bound;
    bool have;
    const double *start;    /* offered once at the first heuristic call */
    bool offered;
    volatile sig_atomic_t *stop; /* an interrupt (solve_options.stop), or NULL */
} tracked;

static void on_tree(glp_tree *T, void *info) {
    tracked *t = info;
    stop_tree(T, (void *)t->stop);
    if (glp_ios_reason(T) == GLP_IHEUR && t->start && !t->offered) {
        t->offered = true;
        glp_ios_heur_sol(T, t->start);
    }
    stop_track_bound(T, &t->bound, &t->have);
}

static double seconds_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void rctx_free(rctx *c) {
    if (c->P) glp_delete_prob(c->P);
    free(c->x_col);
    free(c->w_first);
    free(c->w_n);
    free(c->w_col);
    free(c->w_date);
    free(c->w_pair);
    free(c->w_vfirst);
    free(c->w_vn);
    free(c->pon_col);
    free(c->pon_pupil);
    free(c->pon_date);
    free(c->yday_col);
    free(c->fmark);
    free(c->w_of_visit);
    free(c->y_col);
    free(c->z_col);
    free(c->g_col);
    free(c->g_of_occ);
    lpb_free(&c->b);
}

static int take_solution(rctx *c, relax_result *res) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    size_t ny = (size_t)m->n_pupils * 7 * (size_t)c->nslots;
    res->pair_on = calloc((size_t)prep_n_pairs(c->p) + 1, 1);
    res->pattern = calloc(ny + 1, 1);
    res->pupil_value = calloc((size_t)m->n_pupils + 1, sizeof(double));
    if (!res->pair_on || !res->pattern || !res->pupil_value) return -1;
    for (int i = 0; i < prep_n_pairs(c->p); i++) {
        if (!c->x_col[i] || glp_mip_col_val(c->P, c->x_col[i]) < 0.5) continue;
        res->pair_on[i] = 1;
        double v = glp_get_obj_coef(c->P, c->x_col[i]);
        for (int q = c->w_first[i]; q < c->w_first[i] + c->w_n[i]; q++)
            v += glp_get_obj_coef(c->P, c->w_col[q]) * (glp_mip_col_val(c->P, c->w_col[q]) > 0.5);
        res->pupil_value[pairs[i].pupil] += v;
    }
    for (int q = 0; q < c->n_pon; q++)
        res->pupil_value[c->pon_pupil[q]] += glp_get_obj_coef(c->P, c->pon_col[q]) * (glp_mip_col_val(c->P, c->pon_col[q]) > 0.5);
    for (size_t s = 0; c->y_col && s < ny; s++)
        res->pattern[s] = (char)(c->y_col[s] && glp_mip_col_val(c->P, c->y_col[s]) > 0.5);
    return 0;
}

/* The image of a roster in R (docs/solve.md, "every roster is an R solution"). */
static double *start_vector(rctx *c, const relax_start *st) {
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    int ncols = glp_get_num_cols(c->P);
    double *x = calloc((size_t)ncols + 1, sizeof(double));
    if (!x) return NULL;
    for (int k = 0; k < prep_n_visits(c->p); k++) {
        if (!st->visit_on[k]) continue;
        int q = c->w_of_visit[k], i = c->w_pair[q];
        if (!c->x_col[i] || k < c->w_vfirst[q] || k >= c->w_vfirst[q] + c->w_vn[q]) continue;
        x[c->x_col[i]] = x[c->w_col[q]] = 1;
        x[c->z_col[zkey(c, pairs[i].advocate, vis[k].date, vis[k].school)]] = 1;
        if (!c->use_pattern || !st->pattern) continue;
        size_t ys = ((size_t)pairs[i].pupil * 7 + (size_t)cal_weekday(vis[k].date)) * (size_t)c->nslots +
                    (size_t)(vis[k].start / c->slot);
        if (!st->pattern[ys]) continue;
        for (int o = 0; o < c->n_pon; o++) /* on[p,d] of this visit */
            if (c->pon_pupil[o] == pairs[i].pupil && c->pon_date[o] == vis[k].date) x[c->pon_col[o]] = 1;
    }
    size_t ny = (size_t)c->m->n_pupils * 7 * (size_t)c->nslots;
    for (size_t s = 0; c->use_pattern && st->pattern && s < ny; s++) {
        if (!st->pattern[s] || !c->y_col[s]) continue;
        x[c->y_col[s]] = 1;
        size_t pw = s / (size_t)c->nslots;
        if (c->yday_col[pw]) x[c->yday_col[pw]] = 1;
    }
    for (int k = 0; k < prep_n_occurrences(c->p); k++)
        if (st->occ_on[k]) x[c->g_col[c->g_of_occ[k]]] = 1;
    return x;
}

int relax_solve(const model_programme *m, const prep *p, double time_limit, bool verbose, const relax_start *start,
                relax_result *res) {
    double t0 = seconds_now();
    memset(res, 0, sizeof *res);
    res->bound = HUGE_VAL;
    rctx c;
    memset(&c, 0, sizeof c);
    c.m = m, c.p = p, c.slot = m->slot_minutes, c.nslots = 24 * 60 / c.slot;
    c.ndates = m->period_to - m->period_from + 1;
    c.use_pattern = m->weights.moved != 0;
    c.P = glp_create_prob();
    lpb_init(&c.b, c.P);
    glp_set_prob_name(c.P, "roster_relaxed");
    glp_set_obj_name(c.P, "Q");
    glp_set_obj_dir(c.P, GLP_MAX);
    int rc = -1;
    if (build_w(&c) || build_y(&c) || build_o(&c) || build_pair_rows(&c) || build_pupil_rows(&c) ||
        build_advocate_rows(&c) || build_school_day_rows(&c) || build_session_rows(&c) || build_time_rows(&c))
        goto out;
    res->rows = glp_get_num_rows(c.P);
    res->cols = glp_get_num_cols(c.P);
    res->nonzeros = glp_get_num_nz(c.P);
    if (res->cols == 0) {
        res->bound = res->value = 0;
        res->have_solution = res->optimal = true;
        rc = take_solution(&c, res);
        goto out;
    }
    /* The LP first (presolve off), so the search can start from the roster
    ** the caller has: GLPK takes a start only on the unpresolved program. */
    double *sv = start ? start_vector(&c, start) : NULL;
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    sm.presolve = GLP_OFF;
    if (time_limit > 0) sm.tm_lim = stop_ms(time_limit);
    int src = stop_simplex(c.P, &sm, start ? start->stop : NULL, time_limit > 0 ? t0 + time_limit : 0);
    if (src != 0 || glp_get_status(c.P) != GLP_OPT) {
        free(sv);
        rc = 0; /* no bound from R: the caller falls back */
        goto out;
    }
    tracked tr = {glp_get_obj_val(c.P), true, sv, false, start ? start->stop : NULL};
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    io.presolve = GLP_OFF;
    io.fp_heur = GLP_ON;
    io.mip_gap = 0.0;
    io.clq_cuts = GLP_ON;
    io.mir_cuts = GLP_ON;
    io.cov_cuts = GLP_ON;
    io.gmi_cuts = GLP_ON;
    io.cb_func = on_tree;
    io.cb_info = &tr;
    if (time_limit > 0) {
        double left = time_limit - (seconds_now() - t0);
        io.tm_lim = stop_ms(left);
    }
    int grc = glp_intopt(c.P, &io);
    free(sv);
    int st = glp_mip_status(c.P);
    if (st == GLP_OPT || st == GLP_FEAS) {
        res->have_solution = true;
        res->value = glp_mip_obj_val(c.P);
        if (take_solution(&c, res)) goto out;
    }
    if (grc == 0 && st == GLP_OPT) {
        res->optimal = true;
        res->bound = res->value;
    } else if (tr.have) {
        res->bound = tr.bound;
    }
    rc = 0;
out:
    res->seconds = seconds_now() - t0;
    rctx_free(&c);
    return rc;
}

void relax_result_free(relax_result *res) {
    free(res->pair_on);
    free(res->pattern);
    free(res->pupil_value);
    memset(res, 0, sizeof *res);
}
