/*
** solve.c: the integer program (see solve.h).
**
** Variables (all binary, created only for candidates prepare found):
**   x[p,a]            pupil p is matched to advocate a
**   v[p,a,date,start] a delivered visit
**   y[p,day,start]    a pattern entry of p (only when weights.moved != 0)
**   on[p,date,start]  the visit of p at (date, start) is on its pattern
**   z[a,date,school]  a has at least one visit at school on date
**   o[s,t,date,start] teacher t gives an occurrence of session s
** Objective: exactly Q, with visits paying (visit*priority - moved) and on
** paying moved back, so a visit off the pattern costs weights.moved.
** Rows are named after what they enforce; see the build_* functions.
*/
#include "solve.h"

#include <glpk.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal.h"
#include "explain.h"
#include "greedy.h"
#include "lpb.h"
#include "previous.h"
#include "relax.h"
#include "bound.h"
#include "coarse.h"
#include "stop.h"

typedef struct {
    int person, date, start, end, place, school, col;
} engagement;

typedef struct {
    const model_programme *m;
    const prep *p;
    glp_prob *P;
    int slot, nslots, ndates;
    int *x_col;             /* per pair */
    int *pair_of_visit;     /* per prep visit */
    int v_col0;             /* visit k is column v_col0 + k */
    int *z_col;             /* (advocate, date index, school) -> column, 0 = none */
    int o_col0;             /* occurrence k is column o_col0 + k */
    int *y_col;             /* (pupil, weekday, slot) -> column, 0 = none */
    bool use_pattern;
    int *on_col, *on_pupil, *on_date, *on_start; int n_on, cap_on; /* the on columns */
    unsigned char *sol;     /* chosen columns, 1 per column (1-based): a city has 71M visit columns */
    double *heur;           /* the greedy start per column, or NULL */
    double known_bound;     /* a bound proven before the search (A), HUGE_VAL when none */
    lpb b;                  /* the row being built (lpb.h) */
} ctx;

/* ---- names ------------------------------------------------------------- */

/* CPLEX LP names may not contain '-' or ':'; ids map '-' to '~' (never in
** an id), dates and times use '.', so names stay unique and readable. */
static void put_id(char *out, size_t cap, size_t *len, const char *id) {
    for (; *id && *len + 1 < cap; id++) out[(*len)++] = (char)(*id == '-' ? '~' : *id);
    out[*len] = '\0';
}

static void vname(char *out, size_t cap, const char *fmt, va_list ap) {
    /* fmt: letters are literal; %s id, %D date, %T time, %W weekday */
    size_t len = 0;
    for (const char *f = fmt; *f && len + 1 < cap; f++) {
        if (*f != '%') {
            out[len++] = *f;
            out[len] = '\0';
            continue;
        }
        char buf[16];
        int y, mo, d, v;
        switch (*++f) {
        case 's': put_id(out, cap, &len, va_arg(ap, const char *)); break;
        case 'D':
            cal_to_ymd(va_arg(ap, int), &y, &mo, &d);
            snprintf(buf, sizeof buf, "%04d.%02d.%02d", y, mo, d);
            put_id(out, cap, &len, buf);
            break;
        case 'T':
            v = va_arg(ap, int);
            snprintf(buf, sizeof buf, "%02d.%02d", v / 60, v % 60);
            put_id(out, cap, &len, buf);
            break;
        case 'W': put_id(out, cap, &len, cal_day_name(va_arg(ap, int))); break;
        case 'd':
            snprintf(buf, sizeof buf, "%d", va_arg(ap, int));
            put_id(out, cap, &len, buf);
            break;
        default: break;
        }
    }
    out[len] = '\0';
}

static int add_col(ctx *c, double obj, const char *fmt, ...) {
    char name[sizeof c->b.name];
    va_list ap;
    va_start(ap, fmt);
    vname(name, sizeof name, fmt, ap);
    va_end(ap);
    return lpb_col_named(&c->b, GLP_BV, 0, 1, obj, name);
}

static void row_begin(ctx *c, const char *fmt, ...) {
    char name[sizeof c->b.name];
    va_list ap;
    va_start(ap, fmt);
    vname(name, sizeof name, fmt, ap);
    va_end(ap);
    lpb_row_named(&c->b, name);
}

static int row_add(ctx *c, int col, double coef) {
    lpb_term(&c->b, col, coef);
    return c->b.failed ? -1 : 0;
}

/* Adds the row "sum <= bound" (row_add reported any failure already). */
static void row_end(ctx *c, double bound) { lpb_upper(&c->b, bound); }

static int preference_rank(const model_pupil *p, int adv) {
    for (int i = 0; i < p->prefers.n && i < 3; i++)
        if (p->prefers.v[i] == adv) return 3 - i;
    return 0;
}

static double match_value(const model_programme *m, int pupil, int adv) {
    const model_pupil *p = &m->pupils[pupil];
    const model_advocate *a = &m->advocates[adv];
    double fit = 0;
    for (int i = 0; i < p->needs.n; i++) fit += p->needs.v[i].level * model_level_of(&a->experience, p->needs.v[i].name);
    return m->weights.match * fit + m->weights.continuity * (p->previous_advocate == adv) +
           m->weights.preference * preference_rank(p, adv);
}

double solve_match_value(const model_programme *m, int pupil, int adv) { return match_value(m, pupil, adv); }

/* ---- columns ----------------------------------------------------------- */

static int build_columns(ctx *c) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    int np = prep_n_pairs(c->p), nv = prep_n_visits(c->p);
    c->x_col = calloc((size_t)np + 1, sizeof(int));
    c->pair_of_visit = calloc((size_t)nv + 1, sizeof(int));
    c->z_col = calloc((size_t)m->n_advocates * (size_t)c->ndates * (size_t)m->n_schools + 1, sizeof(int));
    if (!c->x_col || !c->pair_of_visit || !c->z_col) return -1;
    for (int i = 0; i < np; i++) {
        const model_pupil *pu = &m->pupils[pairs[i].pupil];
        if (pu->per_week > 7) continue; /* no pattern on distinct weekdays exists */
        c->x_col[i] = add_col(c, match_value(m, pairs[i].pupil, pairs[i].advocate), "x[%s,%s]", pu->id,
                              m->advocates[pairs[i].advocate].id);
    }
    c->v_col0 = glp_get_num_cols(c->P) + 1;
    for (int i = 0; i < np; i++) {
        const model_pupil *pu = &m->pupils[pairs[i].pupil];
        double w = m->weights.visit * pu->priority - (c->use_pattern ? m->weights.moved : 0.0);
        for (int k = pairs[i].first; k < pairs[i].first + pairs[i].n; k++) {
            c->pair_of_visit[k] = i;
            int j = add_col(c, w, "v[%s,%s,%D,%T]", pu->id, m->advocates[pairs[i].advocate].id, vis[k].date,
                            vis[k].start);
            if (!c->x_col[i]) glp_set_col_bnds(c->P, j, GLP_FX, 0, 0);
        }
    }
    for (int k = 0; k < nv; k++) {
        const prep_pair *pr = &pairs[c->pair_of_visit[k]];
        size_t zi = ((size_t)pr->advocate * (size_t)c->ndates + (size_t)(vis[k].date - m->period_from)) *
                        (size_t)m->n_schools + (size_t)vis[k].school;
        if (!c->z_col[zi])
            c->z_col[zi] = add_col(c, -m->weights.school_day, "z[%s,%D,%s]", m->advocates[pr->advocate].id,
                                   vis[k].date, m->schools[vis[k].school].id);
    }
    const prep_occurrence *occ = prep_occurrences(c->p);
    c->o_col0 = glp_get_num_cols(c->P) + 1;
    for (int k = 0; k < prep_n_occurrences(c->p); k++)
        add_col(c, m->weights.session * m->sessions[occ[k].session].priority, "o[%s,%s,%D,%T]",
                m->sessions[occ[k].session].id, m->teachers[occ[k].teacher].id, occ[k].date, occ[k].start);
    return 0;
}

static size_t zindex(const ctx *c, int adv, int date, int school) {
    return ((size_t)adv * (size_t)c->ndates + (size_t)(date - c->m->period_from)) * (size_t)c->m->n_schools +
           (size_t)school;
}

/* ---- rows: matching, per-date and per-week limits of one pair ----------- */

static int build_pair_rows(ctx *c) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    for (int pu = 0; pu < m->n_pupils; pu++) {
        int first, n;
        prep_pupil_pairs(c->p, pu, &first, &n);
        if (n < 2) continue;
        row_begin(c, "one_advocate[%s]", m->pupils[pu].id);
        for (int i = first; i < first + n; i++)
            if (c->x_col[i] && row_add(c, c->x_col[i], 1)) return -1;
        row_end(c, 1);
    }
    for (int i = 0; i < prep_n_pairs(c->p); i++) {
        const prep_pair *pr = &pairs[i];
        if (!c->x_col[i]) continue;
        const model_pupil *pu = &m->pupils[pr->pupil];
        const char *pid = pu->id, *aid = m->advocates[pr->advocate].id;
        /* matched only if some visit is delivered */
        row_begin(c, "matched_needs_visit[%s,%s]", pid, aid);
        if (row_add(c, c->x_col[i], 1)) return -1;
        for (int k = pr->first; k < pr->first + pr->n; k++)
            if (row_add(c, c->v_col0 + k, -1)) return -1;
        row_end(c, 0);
        for (int k = pr->first; k < pr->first + pr->n;) {
            int date = vis[k].date, e = k;
            while (e < pr->first + pr->n && vis[e].date == date) e++;
            /* at most one visit a date, and only by the matched advocate */
            row_begin(c, "day_by_match[%s,%s,%D]", pid, aid, date);
            for (int q = k; q < e; q++)
                if (row_add(c, c->v_col0 + q, 1)) return -1;
            if (row_add(c, c->x_col[i], -1)) return -1;
            row_end(c, 0);
            /* school_day: z counts (advocate, date, school) with a visit */
            row_begin(c, "school_day[%s,%s,%D]", pid, aid, date);
            for (int q = k; q < e; q++)
                if (row_add(c, c->v_col0 + q, 1)) return -1;
            if (row_add(c, c->z_col[zindex(c, pr->advocate, date, vis[k].school)], -1)) return -1;
            row_end(c, 0);
            k = e;
        }
        for (int k = pr->first; k < pr->first + pr->n;) {
            int week = prep_week_of(c->p, vis[k].date), e = k, dates = 0, last = -1;
            while (e < pr->first + pr->n && prep_week_of(c->p, vis[e].date) == week) {
                if (vis[e].date != last) dates++;
                last = vis[e].date;
                e++;
            }
            if (dates > pu->per_week) {
                row_begin(c, "per_week[%s,%s,%D]", pid, aid, prep_week_monday(c->p, week));
                for (int q = k; q < e; q++)
                    if (row_add(c, c->v_col0 + q, 1)) return -1;
                if (row_add(c, c->x_col[i], -pu->per_week)) return -1;
                row_end(c, 0);
            }
            k = e;
        }
    }
    return 0;
}

/* z may only be 1 with a visit when school days earn (negative weight). */
static int build_school_day_upper(ctx *c) {
    if (c->m->weights.school_day >= 0) return 0;
    const model_programme *m = c->m;
    const prep_visit *vis = prep_visits(c->p);
    const prep_pair *pairs = prep_pairs(c->p);
    for (size_t zi = 0; zi < (size_t)m->n_advocates * (size_t)c->ndates * (size_t)m->n_schools; zi++) {
        if (!c->z_col[zi]) continue;
        row_begin(c, "school_day_needs_visit[%d]", (int)zi);
        if (row_add(c, c->z_col[zi], 1)) return -1;
        for (int k = 0; k < prep_n_visits(c->p); k++)
            if (zindex(c, pairs[c->pair_of_visit[k]].advocate, vis[k].date, vis[k].school) == zi &&
                row_add(c, c->v_col0 + k, -1))
                return -1;
        row_end(c, 0);
    }
    return 0;
}

/* ---- rows: advocate caps ------------------------------------------------ */

static int advocate_week_cap(const model_programme *m, int adv);
int solve_advocate_week_cap(const model_programme *m, int adv) { return advocate_week_cap(m, adv); }

static int advocate_week_cap(const model_programme *m, int adv) {
    const model_advocate *a = &m->advocates[adv];
    int cap = a->max_minutes_per_week;
    if (a->course >= 0) {
        int cc = m->courses[a->course].max_minutes_per_week;
        if (cc != MODEL_NO_LIMIT && (cap == MODEL_NO_LIMIT || cc < cap)) cap = cc;
    }
    return cap;
}

static int build_advocate_rows(ctx *c) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    int nw = prep_n_weeks(c->p);
    for (int a = 0; a < m->n_advocates; a++) {
        const model_advocate *ad = &m->advocates[a];
        int cnt = 0;
        for (int i = 0; i < prep_n_pairs(c->p); i++) cnt += pairs[i].advocate == a && c->x_col[i];
        if (ad->max_pupils != MODEL_NO_LIMIT && cnt > ad->max_pupils) {
            row_begin(c, "max_pupils[%s]", ad->id);
            for (int i = 0; i < prep_n_pairs(c->p); i++)
                if (pairs[i].advocate == a && c->x_col[i] && row_add(c, c->x_col[i], 1)) return -1;
            row_end(c, ad->max_pupils);
        }
        int cap = advocate_week_cap(m, a);
        if (cap == MODEL_NO_LIMIT) continue;
        for (int w = 0; w < nw; w++) {
            row_begin(c, "max_minutes[%s,%D]", ad->id, prep_week_monday(c->p, w));
            double most = 0;
            for (int i = 0; i < prep_n_pairs(c->p); i++) {
                if (pairs[i].advocate != a || !c->x_col[i]) continue;
                const model_pupil *pu = &m->pupils[pairs[i].pupil];
                double here = 0;
                for (int k = pairs[i].first; k < pairs[i].first + pairs[i].n; k++) {
                    if (prep_week_of(c->p, vis[k].date) != w) continue;
                    if (row_add(c, c->v_col0 + k, pu->minutes)) return -1;
                    here = pu->minutes * pu->per_week;
                }
                most += here;
            }
            if (most > cap) row_end(c, cap);
        }
    }
    return 0;
}

/* ---- rows: the weekly pattern ------------------------------------------ */

static int on_key(const ctx *c, int date, int start) {
    return (date - c->m->period_from) * c->nslots + start / c->slot;
}

static int record_on(ctx *c, int col, int pupil, int date, int start) {
    if (c->n_on == c->cap_on) {
        int n = c->cap_on ? c->cap_on * 2 : 256;
        int *a = realloc(c->on_col, sizeof(int) * (size_t)n), *b, *d, *e;
        if (!a) return -1;
        c->on_col = a;
        if (!(b = realloc(c->on_pupil, sizeof(int) * (size_t)n))) return -1;
        c->on_pupil = b;
        if (!(d = realloc(c->on_date, sizeof(int) * (size_t)n))) return -1;
        c->on_date = d;
        if (!(e = realloc(c->on_start, sizeof(int) * (size_t)n))) return -1;
        c->on_start = e;
        c->cap_on = n;
    }
    c->on_col[c->n_on] = col;
    c->on_pupil[c->n_on] = pupil;
    c->on_date[c->n_on] = date;
    c->on_start[c->n_on] = start;
    c->n_on++;
    return 0;
}

static int build_pattern(ctx *c) {
    if (!c->use_pattern) return 0;
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    size_t ny = (size_t)m->n_pupils * 7 * (size_t)c->nslots;
    c->y_col = calloc(ny + 1, sizeof(int));
    int *onmap = malloc(sizeof(int) * ((size_t)c->ndates * (size_t)c->nslots + 1));
    if (!c->y_col || !onmap) {
        free(onmap);
        return -1;
    }
    for (int pu = 0; pu < m->n_pupils; pu++) {
        int first, n;
        prep_pupil_pairs(c->p, pu, &first, &n);
        const char *pid = m->pupils[pu].id;
        int *ycol = c->y_col + (size_t)pu * 7 * (size_t)c->nslots;
        for (int i = first; i < first + n; i++) {
            if (!c->x_col[i]) continue;
            for (int k = pairs[i].first; k < pairs[i].first + pairs[i].n; k++) {
                int wd = cal_weekday(vis[k].date), s = vis[k].start / c->slot;
                if (!ycol[wd * c->nslots + s]) ycol[wd * c->nslots + s] = add_col(c, 0, "y[%s,%W,%T]", pid, wd, vis[k].start);
            }
        }
        /* distinct weekdays, at most per_week entries */
        for (int wd = 0; wd < 7; wd++) {
            row_begin(c, "pattern_day[%s,%W]", pid, wd);
            for (int s = 0; s < c->nslots; s++)
                if (ycol[wd * c->nslots + s] && row_add(c, ycol[wd * c->nslots + s], 1)) goto fail;
            if (c->b.n > 1) row_end(c, 1);
        }
        row_begin(c, "pattern_size[%s]", pid);
        for (int s = 0; s < 7 * c->nslots; s++)
            if (ycol[s] && row_add(c, ycol[s], 1)) goto fail;
        if (c->b.n > m->pupils[pu].per_week) row_end(c, m->pupils[pu].per_week);
        /* on[p,date,start] <= y[p,weekday,start] and <= the visits there */
        for (size_t q = 0; q < (size_t)c->ndates * (size_t)c->nslots; q++) onmap[q] = 0;
        for (int i = first; i < first + n; i++) {
            if (!c->x_col[i]) continue;
            for (int k = pairs[i].first; k < pairs[i].first + pairs[i].n; k++) {
                int key = on_key(c, vis[k].date, vis[k].start);
                if (onmap[key]) continue;
                int wd = cal_weekday(vis[k].date);
                int col = add_col(c, m->weights.moved, "on[%s,%D,%T]", pid, vis[k].date, vis[k].start);
                onmap[key] = col;
                if (record_on(c, col, pu, vis[k].date, vis[k].start)) goto fail;
                row_begin(c, "on_pattern[%s,%D,%T]", pid, vis[k].date, vis[k].start);
                if (row_add(c, col, 1) || row_add(c, ycol[wd * c->nslots + vis[k].start / c->slot], -1)) goto fail;
                row_end(c, 0);
            }
        }
        for (size_t q = 0; q < (size_t)c->ndates * (size_t)c->nslots; q++) {
            if (!onmap[q]) continue;
            int date = m->period_from + (int)(q / (size_t)c->nslots), start = (int)(q % (size_t)c->nslots) * c->slot;
            row_begin(c, "on_visited[%s,%D,%T]", pid, date, start);
            if (row_add(c, onmap[q], 1)) goto fail;
            for (int i = first; i < first + n; i++) {
                if (!c->x_col[i]) continue;
                for (int k = pairs[i].first; k < pairs[i].first + pairs[i].n; k++)
                    if (vis[k].date == date && vis[k].start == start && row_add(c, c->v_col0 + k, -1)) goto fail;
            }
            int terms = c->b.n; /* row_end empties the row, not its arrays */
            row_end(c, 0);
            if (m->weights.moved < 0) { /* on must then be forced up: -on + sum v + y <= 1 */
                int wd = cal_weekday(date);
                row_begin(c, "on_forced[%s,%D,%T]", pid, date, start);
                c->b.n = terms;
                for (int r = 1; r <= terms; r++) c->b.val[r] = -c->b.val[r];
                if (row_add(c, ycol[wd * c->nslots + start / c->slot], 1)) goto fail;
                row_end(c, 1);
            }
        }
    }
    free(onmap);
    return 0;
fail:
    free(onmap);
    return -1;
}

/* ---- rows: engagements of one person (rule 9) and rooms (rule 10) ------- */

static int cmp_eng_person(const void *x, const void *y) {
    const engagement *a = x, *b = y;
    if (a->person != b->person) return a->person < b->person ? -1 : 1;
    if (a->date != b->date) return a->date < b->date ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return (a->col > b->col) - (a->col < b->col);
}

static int cmp_eng_school(const void *x, const void *y) {
    const engagement *a = x, *b = y;
    if (a->school != b->school) return a->school < b->school ? -1 : 1;
    if (a->date != b->date) return a->date < b->date ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return (a->col > b->col) - (a->col < b->col);
}

static engagement *collect_engagements(ctx *c, int *n_out) {
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    const prep_occurrence *occ = prep_occurrences(c->p);
    int nv = prep_n_visits(c->p), no = prep_n_occurrences(c->p), n = 0;
    engagement *e = malloc(sizeof *e * ((size_t)nv + (size_t)no + 1));
    if (!e) return NULL;
    for (int k = 0; k < nv; k++) {
        if (!c->x_col[c->pair_of_visit[k]]) continue;
        e[n++] = (engagement){prep_person_of_advocate(c->p, pairs[c->pair_of_visit[k]].advocate), vis[k].date,
                              vis[k].start, vis[k].end, vis[k].place, vis[k].school, c->v_col0 + k};
    }
    for (int k = 0; k < no; k++)
        e[n++] = (engagement){prep_person_of_teacher(c->p, occ[k].teacher), occ[k].date, occ[k].start, occ[k].end,
                              occ[k].place, occ[k].school, c->o_col0 + k};
    *n_out = n;
    return e;
}

static const char *person_id(const ctx *c, int person) {
    return person < c->m->n_advocates ? c->m->advocates[person].id : c->m->teachers[person - c->m->n_advocates].id;
}

/* Maximal cliques of overlapping intervals sit at start times: the set
** covering start t is needed unless every member outlasts the next start.
** `limit` is 1 for a person, rooms for a school; for a school `stamp`
** counts distinct persons, so rows that can never bind are skipped (one
** person's engagements never overlap anyway). */
static int clique_rows(ctx *c, const engagement *g, int n, int limit, int *stamp, int *stamp_no,
                       const char *what, const char *who) {
    int maxdur = 0;
    for (int i = 0; i < n; i++)
        if (g[i].end - g[i].start > maxdur) maxdur = g[i].end - g[i].start;
    int lo = 0;
    for (int i = 0; i < n;) {
        int t = g[i].start, next = i;
        while (next < n && g[next].start == t) next++;
        int next_start = next < n ? g[next].start : 1 << 30;
        while (lo < n && g[lo].start <= t - maxdur) lo++;
        int members = 0, persons = 0, min_end = 1 << 30;
        ++*stamp_no;
        row_begin(c, "%s[%s,%D,%T]", what, who, g[i].date, t);
        for (int j = lo; j < next; j++) {
            if (g[j].end <= t) continue;
            if (row_add(c, g[j].col, 1)) return -1;
            members++;
            if (g[j].end < min_end) min_end = g[j].end;
            if (stamp && stamp[g[j].person] != *stamp_no) {
                stamp[g[j].person] = *stamp_no;
                persons++;
            }
        }
        if (members > limit && (!stamp || persons > limit) && min_end <= next_start) row_end(c, limit);
        i = next;
    }
    return 0;
}

static int cmp_place_start(const void *x, const void *y) {
    const engagement *a = x, *b = y;
    if (a->place != b->place) return a->place < b->place ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return (a->col > b->col) - (a->col < b->col);
}

static int cmp_place_end(const void *x, const void *y) {
    const engagement *a = x, *b = y;
    if (a->place != b->place) return a->place < b->place ? -1 : 1;
    if (a->end != b->end) return a->end < b->end ? -1 : 1;
    return (a->col > b->col) - (a->col < b->col);
}

/* Travel (rule 9): an engagement ending at e at place k conflicts with one
** starting in [e, e + travel(k, k')) at k'. Those ending together at k
** share their last slot; those starting in the window share a slot when
** they last at least the travel time, so each (k, e, k') is one clique row
** (or one per start when engagements are shorter than the travel). */
static int travel_rows(ctx *c, const engagement *g, int n, const char *who, engagement *by_start, engagement *by_end) {
    memcpy(by_start, g, sizeof *g * (size_t)n);
    memcpy(by_end, g, sizeof *g * (size_t)n);
    qsort(by_start, (size_t)n, sizeof *g, cmp_place_start);
    qsort(by_end, (size_t)n, sizeof *g, cmp_place_end);
    if (by_start[0].place == by_start[n - 1].place) return 0;
    for (int i = 0; i < n;) {
        int k = by_end[i].place, e = by_end[i].end, ae = i;
        while (ae < n && by_end[ae].place == k && by_end[ae].end == e) ae++;
        for (int b = 0; b < n;) {
            int k2 = by_start[b].place, be = b;
            while (be < n && by_start[be].place == k2) be++;
            int tau = k2 == k ? 0 : model_travel(c->m, k, k2);
            if (tau > 0) {
                int lo = b, hi, mindur = 1 << 30;
                while (lo < be && by_start[lo].start < e) lo++;
                for (hi = lo; hi < be && by_start[hi].start < e + tau; hi++)
                    if (by_start[hi].end - by_start[hi].start < mindur) mindur = by_start[hi].end - by_start[hi].start;
                for (int s = lo; s < hi;) {
                    int se = mindur >= tau ? hi : s;
                    while (se < hi && by_start[se].start == by_start[s].start) se++;
                    row_begin(c, "travel[%s,%D,%s,%T,%s,%T]", who, g[0].date, c->m->places[k].id, e,
                              c->m->places[k2].id, by_start[s].start);
                    for (int q = i; q < ae; q++)
                        if (row_add(c, by_end[q].col, 1)) return -1;
                    for (int q = s; q < se; q++)
                        if (row_add(c, by_start[q].col, 1)) return -1;
                    row_end(c, 1);
                    s = se;
                }
            }
            b = be;
        }
        i = ae;
    }
    return 0;
}

static int build_engagement_rows(ctx *c) {
    int n = 0;
    engagement *e = collect_engagements(c, &n);
    int *stamp = calloc((size_t)prep_n_persons(c->p) + 1, sizeof(int));
    engagement *t1 = malloc(sizeof *e * ((size_t)n + 1)), *t2 = malloc(sizeof *e * ((size_t)n + 1));
    int stamp_no = 0, rc = -1;
    if (!e || !stamp || !t1 || !t2) goto out;
    qsort(e, (size_t)n, sizeof *e, cmp_eng_person);
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && e[j].person == e[i].person && e[j].date == e[i].date) j++;
        const char *who = person_id(c, e[i].person);
        if (clique_rows(c, e + i, j - i, 1, NULL, &stamp_no, "no_overlap", who)) goto out;
        if (j - i > 1 && travel_rows(c, e + i, j - i, who, t1, t2)) goto out;
        i = j;
    }
    qsort(e, (size_t)n, sizeof *e, cmp_eng_school);
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && e[j].school == e[i].school && e[j].date == e[i].date) j++;
        if (e[i].school >= 0) {
            const model_school *s = &c->m->schools[e[i].school];
            if (clique_rows(c, e + i, j - i, s->rooms, stamp, &stamp_no, "rooms", s->id)) goto out;
        }
        i = j;
    }
    rc = 0;
out:
    free(e);
    free(stamp);
    free(t1);
    free(t2);
    return rc;
}

/* ---- rows: sessions (rule 11) ------------------------------------------ */

static int build_session_rows(ctx *c) {
    const model_programme *m = c->m;
    const prep_occurrence *occ = prep_occurrences(c->p);
    int no = prep_n_occurrences(c->p), nw = prep_n_weeks(c->p);
    for (int s = 0; s < m->n_sessions; s++) {
        for (int date = m->period_from; date <= m->period_to; date++) {
            row_begin(c, "session_day[%s,%D]", m->sessions[s].id, date);
            for (int k = 0; k < no; k++)
                if (occ[k].session == s && occ[k].date == date && row_add(c, c->o_col0 + k, 1)) return -1;
            if (c->b.n > 1) row_end(c, 1);
        }
        for (int w = 0; w < nw; w++) {
            row_begin(c, "session_week[%s,%D]", m->sessions[s].id, prep_week_monday(c->p, w));
            int dates = 0, last = -1;
            for (int k = 0; k < no; k++) {
                if (occ[k].session != s || prep_week_of(c->p, occ[k].date) != w) continue;
                if (row_add(c, c->o_col0 + k, 1)) return -1;
                if (occ[k].date != last) dates++;
                last = occ[k].date;
            }
            if (dates > m->sessions[s].per_week) row_end(c, m->sessions[s].per_week);
        }
    }
    for (int t = 0; t < m->n_teachers; t++) {
        int cap = m->teachers[t].max_sessions_per_week;
        if (cap == MODEL_NO_LIMIT) continue;
        for (int w = 0; w < nw; w++) {
            row_begin(c, "max_sessions[%s,%D]", m->teachers[t].id, prep_week_monday(c->p, w));
            for (int k = 0; k < no; k++)
                if (occ[k].teacher == t && prep_week_of(c->p, occ[k].date) == w && row_add(c, c->o_col0 + k, 1))
                    return -1;
            if (c->b.n > cap) row_end(c, cap);
        }
    }
    return 0;
}

/* ---- solving ----------------------------------------------------------- */

typedef struct {
    double bound;           /* best proven upper bound seen */
    bool have_bound;
    const double *heur;     /* offered once, at the root */
    bool offered;
    volatile sig_atomic_t *stop; /* solve_options.stop */
    progress *prog;         /* solve_options.progress */
    double t0;              /* when the solve started */
    double known;           /* the best roster's Q before this search */
    double target;          /* a proven bound: an incumbent reaching it ends the search */
} search_info;

static double now_seconds(void);
static double heuristic_value(const ctx *c);

/* The best value so far is the search's incumbent or the roster it started from. */
static void show_progress(progress *prog, double t0, double best, double bound) {
    if (prog) progress_update(prog, now_seconds() - t0, best > -HUGE_VAL, best, bound);
}

static void on_tree(glp_tree *T, void *info) {
    search_info *si = info;
    stop_tree(T, (void *)si->stop);
    if (glp_ios_reason(T) == GLP_IHEUR && si->heur && !si->offered) {
        si->offered = true;
        glp_ios_heur_sol(T, si->heur);
    }
    stop_track_bound(T, &si->bound, &si->have_bound);
    if (si->target < HUGE_VAL) {
        /* an incumbent at a bound proven elsewhere (A or R) is optimal */
        glp_prob *P = glp_ios_get_prob(T);
        int st = glp_mip_status(P);
        if ((st == GLP_FEAS || st == GLP_OPT) && glp_mip_obj_val(P) >= si->target - 1e-6 * fmax(1.0, fabs(si->target)))
            glp_ios_terminate(T);
    }
    if (si->prog) {
        glp_prob *P = glp_ios_get_prob(T);
        int st = glp_mip_status(P);
        double q = st == GLP_FEAS || st == GLP_OPT ? fmax(glp_mip_obj_val(P), si->known) : si->known;
        show_progress(si->prog, si->t0, q, si->have_bound ? fmax(si->bound, q) : HUGE_VAL);
    }
}

bool solve_integral_weights(const model_programme *m) {
    const model_weights *w = &m->weights;
    double v[] = {w->visit, w->match, w->continuity, w->preference, w->moved, w->school_day, w->session,
                  w->reassign, w->repattern};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (v[i] != floor(v[i])) return false;
    return true;
}

double solve_whole_bound(const model_programme *m, double bound) {
    return solve_integral_weights(m) ? floor(bound + 1e-6) : bound;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs GLPK; returns the roster status, fills *bound, leaves the solution in P. */
static roster_status run_glpk(ctx *c, const solve_options *o, double t0, double *bound, bool *have_solution) {
    glp_term_out(o->verbose ? GLP_ON : GLP_OFF); /* the clique finder talks regardless of msg_lev */
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    sm.presolve = GLP_OFF;
    *have_solution = false;
    if (stop_requested(o->stop)) return *bound = HUGE_VAL, ROSTER_TIME_LIMIT;
    if (o->time_limit > 0) {
        double left = o->time_limit - (now_seconds() - t0);
        if (left < 0.001) {
            *bound = HUGE_VAL;
            return ROSTER_TIME_LIMIT;
        }
        sm.tm_lim = stop_ms(left);
    }
    int rc = stop_simplex(c->P, &sm, o->stop, o->time_limit > 0 ? t0 + o->time_limit : 0);
    double relax = glp_get_obj_val(c->P);
    if (rc != 0 || glp_get_status(c->P) != GLP_OPT) {
        *bound = HUGE_VAL;
        return rc == GLP_ETMLIM || rc == GLP_ESTOP ? ROSTER_TIME_LIMIT : ROSTER_FEASIBLE;
    }
    search_info si = {relax, true, c->heur, false, o->stop, o->progress, t0, heuristic_value(c), c->known_bound};
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    io.presolve = GLP_OFF;
    io.mip_gap = 0.0;
    io.cb_func = on_tree;
    io.cb_info = &si;
    io.gmi_cuts = GLP_ON;
    io.mir_cuts = GLP_ON;
    io.clq_cuts = GLP_ON;
    if (o->time_limit > 0) {
        double left = o->time_limit - (now_seconds() - t0);
        io.tm_lim = stop_ms(left);
    }
    rc = glp_intopt(c->P, &io);
    int st = glp_mip_status(c->P);
    *have_solution = st == GLP_OPT || st == GLP_FEAS;
    double b = si.have_bound ? si.bound : relax;
    *bound = solve_whole_bound(c->m, b);
    if (rc == 0 && st == GLP_OPT) {
        *bound = glp_mip_obj_val(c->P);
        return ROSTER_OPTIMAL;
    }
    return rc == GLP_ETMLIM || rc == GLP_ESTOP ? ROSTER_TIME_LIMIT : ROSTER_FEASIBLE;
}

/* ---- the relaxation path (docs/solve.md) ---------------------------------- */


/* Restrict the exact program to R's matching: x at most x*, every column
** of a pair R left unmatched at 0; when fix_pattern, the pattern fixed to y* and
** only visits on it allowed (a small program; any roster it gives is
** feasible, which is all a realisation needs: the proof is the bound).
** GLPK's presolve then drops what is fixed. ub0 holds the built bounds. */
static void restrict_to(ctx *c, const relax_result *rr, const double *ub0, bool fix_pattern) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    int ncols = glp_get_num_cols(c->P);
    signed char *fix = malloc((size_t)ncols + 1); /* -1 free, else fixed to 0 or 1 */
    char *matched = calloc((size_t)m->n_pupils + 1, 1);
    if (!fix || !matched) {
        free(fix);
        free(matched);
        return; /* left unrestricted: slower, still exact */
    }
    for (int j = 1; j <= ncols; j++) fix[j] = -1;
    for (int i = 0; i < prep_n_pairs(c->p); i++)
        if (c->x_col[i]) {
            fix[c->x_col[i]] = rr->pair_on[i] ? -1 : 0; /* x <= x*: a pair R matched may still drop */
            if (rr->pair_on[i]) matched[pairs[i].pupil] = 1;
        }
    for (size_t zi = 0; zi < (size_t)m->n_advocates * (size_t)c->ndates * (size_t)m->n_schools; zi++)
        if (c->z_col[zi]) fix[c->z_col[zi]] = 0;
    for (int k = 0; k < prep_n_visits(c->p); k++) {
        int i = c->pair_of_visit[k];
        size_t ys = ((size_t)pairs[i].pupil * 7 + (size_t)cal_weekday(vis[k].date)) * (size_t)c->nslots +
                    (size_t)(vis[k].start / c->slot);
        bool on_pattern = !fix_pattern || !c->use_pattern || rr->pattern[ys];
        if (c->x_col[i] && rr->pair_on[i] && on_pattern) {
            fix[c->z_col[zindex(c, pairs[i].advocate, vis[k].date, vis[k].school)]] = -1;
        } else {
            fix[c->v_col0 + k] = 0;
        }
    }
    for (int q = 0; q < c->n_on; q++)
        if (!matched[c->on_pupil[q]]) fix[c->on_col[q]] = 0;
    size_t per_pupil = 7 * (size_t)c->nslots;
    for (size_t s = 0; c->use_pattern && s < (size_t)m->n_pupils * per_pupil; s++) {
        if (!c->y_col[s]) continue;
        if (!matched[s / per_pupil]) fix[c->y_col[s]] = 0;
        else if (fix_pattern) fix[c->y_col[s]] = (signed char)(rr->pattern[s] != 0);
    }
    for (int j = 1; j <= ncols; j++) {
        if (ub0[j] < 0.5) continue; /* built fixed at 0 */
        if (fix[j] < 0) glp_set_col_bnds(c->P, j, GLP_DB, 0, 1);
        else glp_set_col_bnds(c->P, j, GLP_FX, fix[j], fix[j]);
    }
    free(fix);
    free(matched);
}

/* Solve R from the greedy roster (c->heur) as its first incumbent. */
static int relax_start_of(ctx *c, relax_result *rr, double limit, bool verbose, volatile sig_atomic_t *stop) {
    const model_programme *m = c->m;
    int nv = prep_n_visits(c->p), no = prep_n_occurrences(c->p);
    size_t ny = (size_t)m->n_pupils * 7 * (size_t)c->nslots;
    char *von = calloc((size_t)nv + 1, 1), *oon = calloc((size_t)no + 1, 1), *pat = calloc(ny + 1, 1);
    int rc = -1;
    if (von && oon && pat) {
        for (int k = 0; k < nv; k++) von[k] = (char)(c->heur[c->v_col0 + k] > 0.5);
        for (int k = 0; k < no; k++) oon[k] = (char)(c->heur[c->o_col0 + k] > 0.5);
        for (size_t s = 0; c->use_pattern && s < ny; s++) pat[s] = (char)(c->y_col[s] && c->heur[c->y_col[s]] > 0.5);
        relax_start st = {von, oon, pat, stop};
        rc = relax_solve(m, c->p, limit, verbose, &st, rr);
    }
    free(von);
    free(oon);
    free(pat);
    return rc;
}

/* Columns free and rows touching one: the size of the restricted program. */
static void restricted_size(ctx *c, int *rows, int *cols) {
    int nr = glp_get_num_rows(c->P), nc = glp_get_num_cols(c->P);
    int *ind = malloc(sizeof(int) * ((size_t)nc + 1));
    *rows = *cols = 0;
    for (int j = 1; j <= nc; j++) *cols += glp_get_col_type(c->P, j) != GLP_FX;
    if (!ind) return;
    for (int i = 1; i <= nr; i++) {
        int n = glp_get_mat_row(c->P, i, ind, NULL);
        for (int q = 1; q <= n; q++)
            if (glp_get_col_type(c->P, ind[q]) != GLP_FX) {
                ++*rows;
                break;
            }
    }
    free(ind);
}

/* One restricted search; keeps its solution in best/best_q when better.
** Returns true when it ran to a proven optimum of the restricted program. */
static bool realise(ctx *c, const solve_options *o, double deadline, bool warm, double *best, double *best_q,
                    double *value, double *secs) {
    double t = now_seconds();
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    io.presolve = GLP_ON;
    io.mip_gap = 0.0;
    io.clq_cuts = GLP_ON;
    io.mir_cuts = GLP_ON;
    io.use_sol = warm ? GLP_ON : GLP_OFF; /* the previous realisation is feasible here too */
    stop_when when = {o->stop, o->time_limit > 0 ? deadline : 0};
    io.cb_func = stop_tree_when, io.cb_info = &when;
    if (o->time_limit > 0) {
        double left = deadline - t;
        io.tm_lim = stop_ms(left);
    }
    int rc = glp_intopt(c->P, &io);
    int st = glp_mip_status(c->P);
    *value = -HUGE_VAL;
    if (st == GLP_OPT || st == GLP_FEAS) {
        *value = glp_mip_obj_val(c->P);
        if (*value > *best_q) {
            *best_q = *value;
            for (int j = 1; j <= glp_get_num_cols(c->P); j++) best[j] = glp_mip_col_val(c->P, j) > 0.5;
        }
    }
    *secs = now_seconds() - t;
    return rc == 0 && st == GLP_OPT;
}

static bool proven(const model_programme *m, double q, double bound) {
    bound = solve_whole_bound(m, bound);
    return q >= bound - 1e-6 * fmax(1.0, fabs(bound));
}

/* R's bound, then realisations of R's solution, then (if still unproven
** and time is left) the full search from the best roster. Fills *bound and
** leaves the best column vector in c->heur; *have is true only when the
** full search's solution in P is to be compared with it. */
static roster_status run_relaxation(ctx *c, const solve_options *o, double t0, solve_stats *stats, double *bound,
                                    bool *have) {
    int ncols = glp_get_num_cols(c->P);
    double deadline = o->time_limit > 0 ? t0 + o->time_limit : HUGE_VAL;
    double best_q = heuristic_value(c), v;
    relax_result rr;
    double budget = o->time_limit > 0 ? 0.4 * (deadline - now_seconds()) : 0;
    *have = false;
    *bound = HUGE_VAL;
    if (relax_start_of(c, &rr, o->time_limit > 0 ? fmax(budget, 0.001) : 0, o->verbose, o->stop))
        return ROSTER_FEASIBLE;
    stats->relax_rows = rr.rows, stats->relax_cols = rr.cols;
    stats->relax_bound = rr.bound, stats->relax_seconds = rr.seconds;
    *bound = fmin(rr.bound, c->known_bound);
    show_progress(o->progress, t0, best_q, fmax(*bound, best_q));
    double *ub0 = calloc((size_t)ncols + 1, sizeof(double));
    if (!ub0) {
        relax_result_free(&rr);
        return ROSTER_FEASIBLE;
    }
    for (int j = 1; j <= ncols; j++) ub0[j] = glp_get_col_ub(c->P, j);
    bool out_of_time = !rr.optimal;
    for (int pass = 0; pass < 2 && rr.have_solution && !proven(c->m, best_q, *bound); pass++) {
        if (now_seconds() >= deadline || stop_requested(o->stop)) break;
        restrict_to(c, &rr, ub0, pass == 0);
        if (pass == 0) restricted_size(c, &stats->restricted_rows, &stats->restricted_cols);
        if (!realise(c, o, deadline, pass == 1 && stats->realise_value[0] > -HUGE_VAL, c->heur, &best_q, &v,
                     &stats->realise_seconds[pass]))
            out_of_time = true;
        stats->realise_value[pass] = v;
        show_progress(o->progress, t0, best_q, fmax(*bound, best_q));
    }
    for (int j = 1; j <= ncols; j++) glp_set_col_bnds(c->P, j, ub0[j] > 0.5 ? GLP_DB : GLP_FX, 0, ub0[j] > 0.5 ? 1 : 0);
    free(ub0);
    bool r_lp_done = rr.bound < HUGE_VAL;
    relax_result_free(&rr);
    if (proven(c->m, best_q, *bound)) return ROSTER_OPTIMAL;
    if (now_seconds() >= deadline - 0.01 || stop_requested(o->stop)) return ROSTER_TIME_LIMIT;
    /* R's LP did not finish in its share: the full program's, many times
    ** larger, will not finish in what is left, and GLPK's simplex on it
    ** overran the time limit (each call refactorises its basis: 12 s past a
    ** 60 s limit on a programme of a million candidate visits). */
    if (!r_lp_done) return ROSTER_TIME_LIMIT;
    /* the full program, with the best roster as its first incumbent */
    double full_bound;
    stats->full_search = true;
    c->known_bound = *bound;
    roster_status st = run_glpk(c, o, t0, &full_bound, have);
    *bound = fmin(*bound, full_bound);
    return st == ROSTER_OPTIMAL ? st : out_of_time ? ROSTER_TIME_LIMIT : st;
}

/* Every binary at its better bound: a bound no roster can beat. */
static double trivial_bound(glp_prob *P) {
    double b = 0;
    for (int j = 1; j <= glp_get_num_cols(P); j++) {
        double cj = glp_get_obj_coef(P, j);
        if (cj > 0 && glp_get_col_ub(P, j) > 0.5) b += cj;
    }
    return b;
}

/* ---- the roster from a solution ---------------------------------------- */

static bool col_set(const unsigned char *sol, int j) { return j > 0 && sol[j]; }

static bool visit_at(const roster *r, int pupil, int wd, int t, int v_from, int v_to) {
    for (int q = v_from; q < v_to; q++)
        if (r->visits[q].pupil == pupil && cal_weekday(r->visits[q].date) == wd && r->visits[q].start == t) return true;
    return false;
}

/* A padding entry's start: a plausible time (a candidate start that day)
** that matches no visit, so padding never changes Q. */
static int pad_start(const ctx *c, const roster *r, int pupil, int wd, int v_from, int v_to, int pair_first,
                     int pair_n) {
    const prep_visit *vis = prep_visits(c->p);
    const prep_pair *pairs = prep_pairs(c->p);
    for (int i = pair_first; i < pair_first + pair_n; i++)
        for (int k = pairs[i].first; k < pairs[i].first + pairs[i].n; k++)
            if (cal_weekday(vis[k].date) == wd && !visit_at(r, pupil, wd, vis[k].start, v_from, v_to)) return vis[k].start;
    for (int t = 0; t < 24 * 60; t += c->slot)
        if (!visit_at(r, pupil, wd, t, v_from, v_to)) return t;
    return 0;
}

static int fill_pattern(ctx *c, roster *r, int pupil, int pair, int pair_first, int pair_n, int v_from, int v_to) {
    const model_pupil *pu = &c->m->pupils[pupil];
    bool day_used[7] = {false};
    int got = 0;
    if (c->use_pattern) {
        int *ycol = c->y_col + (size_t)pupil * 7 * (size_t)c->nslots;
        for (int s = 0; s < 7 * c->nslots; s++)
            if (col_set(c->sol, ycol[s])) {
                r->pattern[r->n_pattern++] = (roster_pattern_entry){pupil, s / c->nslots, (s % c->nslots) * c->slot};
                day_used[s / c->nslots] = true;
                got++;
            }
    } else {
        /* moved costs nothing: take the most frequent visit times, for people's sake */
        while (got < pu->per_week) {
            int best = -1, best_n = 0;
            for (int q = v_from; q < v_to; q++) {
                int wd = cal_weekday(r->visits[q].date), cnt = 0;
                if (day_used[wd]) continue;
                for (int q2 = v_from; q2 < v_to; q2++)
                    cnt += cal_weekday(r->visits[q2].date) == wd && r->visits[q2].start == r->visits[q].start;
                if (cnt > best_n) best_n = cnt, best = q;
            }
            if (best < 0) break;
            int wd = cal_weekday(r->visits[best].date);
            r->pattern[r->n_pattern++] = (roster_pattern_entry){pupil, wd, r->visits[best].start};
            day_used[wd] = true;
            got++;
        }
    }
    (void)pair;
    for (int wd = 0; wd < 7 && got < pu->per_week; wd++) {
        if (day_used[wd]) continue;
        r->pattern[r->n_pattern++] = (roster_pattern_entry){pupil, wd, pad_start(c, r, pupil, wd, v_from, v_to, pair_first, pair_n)};
        day_used[wd] = true;
        got++;
    }
    return 0;
}

static int extract(ctx *c, roster *r) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    const prep_occurrence *occ = prep_occurrences(c->p);
    int np = prep_n_pairs(c->p), nv = prep_n_visits(c->p), no = prep_n_occurrences(c->p);
    int na = 0, nvis = 0, npat = 0, nocc = 0;
    for (int i = 0; i < np; i++)
        if (col_set(c->sol, c->x_col[i])) na++, npat += m->pupils[pairs[i].pupil].per_week;
    for (int k = 0; k < nv; k++) nvis += col_set(c->sol, c->v_col0 + k);
    for (int k = 0; k < no; k++) nocc += col_set(c->sol, c->o_col0 + k);
    r->assignments = arena_array(r->arena, (size_t)na + 1, sizeof *r->assignments);
    r->visits = arena_array(r->arena, (size_t)nvis + 1, sizeof *r->visits);
    r->pattern = arena_array(r->arena, (size_t)npat + 1, sizeof *r->pattern);
    r->sessions = arena_array(r->arena, (size_t)nocc + 1, sizeof *r->sessions);
    if (!r->assignments || !r->visits || !r->pattern || !r->sessions) return -1;
    for (int pu = 0; pu < m->n_pupils; pu++) {
        int first, n;
        prep_pupil_pairs(c->p, pu, &first, &n);
        for (int i = first; i < first + n; i++) {
            if (!col_set(c->sol, c->x_col[i])) continue;
            r->assignments[r->n_assignments++] = (roster_assignment){pu, pairs[i].advocate};
            int from = r->n_visits;
            for (int k = pairs[i].first; k < pairs[i].first + pairs[i].n; k++)
                if (col_set(c->sol, c->v_col0 + k))
                    r->visits[r->n_visits++] = (roster_visit){vis[k].date, vis[k].start, vis[k].end, pu,
                                                              pairs[i].advocate, vis[k].school};
            fill_pattern(c, r, pu, i, first, n, from, r->n_visits);
        }
    }
    for (int k = 0; k < no; k++)
        if (col_set(c->sol, c->o_col0 + k))
            r->sessions[r->n_sessions++] = (roster_session_occurrence){occ[k].date, occ[k].start, occ[k].end,
                                                                       occ[k].session, occ[k].teacher, occ[k].place};
    return 0;
}

/* ---- reasons ------------------------------------------------------------ */

static const char *rdup(roster *r, const char *s) { return s ? arena_strdup(r->arena, s) : NULL; }

static int minutes_in_week(const roster *r, const model_programme *m, int adv, int monday) {
    int total = 0;
    for (int q = 0; q < r->n_visits; q++)
        if (r->visits[q].advocate == adv && cal_week_start(r->visits[q].date) == monday)
            total += m->pupils[r->visits[q].pupil].minutes;
    return total;
}

static const char *missed_reason(const ctx *c, const roster *r, const explain_index *ix, int pupil, int adv, int week,
                                 int feasible_dates) {
    const model_programme *m = c->m;
    const model_pupil *pu = &m->pupils[pupil];
    int monday = prep_week_monday(c->p, week);
    if (feasible_dates < pu->per_week) {
        const char *fallback = NULL;
        /* pattern days first: that is where the visit was expected */
        for (int pass = 0; pass < 2; pass++)
            for (int d = monday; d < monday + 7; d++) {
                if (d < m->period_from || d > m->period_to) continue;
                bool on_pattern = false;
                for (int q = 0; q < r->n_pattern; q++)
                    on_pattern |= r->pattern[q].pupil == pupil && r->pattern[q].weekday == cal_weekday(d);
                if (pass == 0 && !on_pattern) continue;
                const char *why = prep_date_blocker(c->p, pupil, adv, d);
                if (!why) continue;
                if (strncmp(why, "no common free time", 19) != 0) return why;
                if (!fallback) fallback = why;
            }
        if (monday < m->period_from || monday + 6 > m->period_to)
            return "week only partly in the programme period";
        return fallback ? fallback : "no feasible date this week";
    }
    /* Name the engagements, caps or rooms that took the time. */
    const char *named = explain_missed_reason(m, c->p, r, ix, pupil, adv, monday, r->arena);
    if (named) return named;
    int cap = advocate_week_cap(m, adv);
    if (cap != MODEL_NO_LIMIT && minutes_in_week(r, m, adv, monday) + pu->minutes > cap)
        return arena_printf(r->arena, "%s at max_minutes_per_week this week", m->advocates[adv].id);
    return arena_printf(r->arena, "no free slot left with %s this week (other engagements, travel or rooms)",
                        m->advocates[adv].id);
}

static int add_missed(ctx *c, roster *r) {
    const model_programme *m = c->m;
    int nw = prep_n_weeks(c->p), cap = r->n_assignments * nw + 1;
    r->missed = arena_array(r->arena, (size_t)cap, sizeof *r->missed);
    /* visits per (pupil, week), counted once: the loop below is per assignment and week */
    int *got_by_week = calloc((size_t)m->n_pupils * (size_t)nw + 1, sizeof(int));
    /* a reason per missed week reads the roster's visits: by index, not a
    ** scan of them all each time (a county: tens of thousands of weeks) */
    explain_index *ix = explain_index_new(m, r);
    if (!r->missed || !got_by_week || !ix) {
        free(got_by_week);
        explain_index_free(ix);
        return -1;
    }
    for (int q = 0; q < r->n_visits; q++)
        got_by_week[(size_t)r->visits[q].pupil * (size_t)nw + (size_t)prep_week_of(c->p, r->visits[q].date)]++;
    for (int i = 0; i < r->n_assignments; i++) {
        int pupil = r->assignments[i].pupil, adv = r->assignments[i].advocate;
        int first, n;
        prep_pupil_pairs(c->p, pupil, &first, &n);
        const prep_pair *pr = NULL;
        for (int q = first; q < first + n; q++)
            if (prep_pairs(c->p)[q].advocate == adv) pr = &prep_pairs(c->p)[q];
        /* every assignment comes from a pair's x column, so pr is found;
        ** the guard keeps a roster from elsewhere from crashing this */
        if (!pr) continue;
        for (int w = 0; w < nw; w++) {
            int got = got_by_week[(size_t)pupil * (size_t)nw + (size_t)w], monday = prep_week_monday(c->p, w);
            int feasible = 0, last = -1;
            if (got >= m->pupils[pupil].per_week) continue;
            for (int k = pr->first; k < pr->first + pr->n; k++) {
                const prep_visit *v = &prep_visits(c->p)[k];
                if (cal_week_start(v->date) == monday && v->date != last) feasible++, last = v->date;
            }
            const char *why = missed_reason(c, r, ix, pupil, adv, w, feasible);
            r->missed[r->n_missed++] = (roster_missed){pupil, monday, rdup(r, why)};
        }
    }
    free(got_by_week);
    explain_index_free(ix);
    return 0;
}

static int matched_count(const roster *r, int adv) {
    int n = 0;
    for (int i = 0; i < r->n_assignments; i++) n += r->assignments[i].advocate == adv;
    return n;
}

static int add_unmatched(ctx *c, roster *r, bool proven) {
    const model_programme *m = c->m;
    bool *matched = calloc((size_t)m->n_pupils + 1, sizeof(bool));
    r->unmatched = arena_array(r->arena, (size_t)m->n_pupils + 1, sizeof *r->unmatched);
    if (!matched || !r->unmatched) {
        free(matched);
        return -1;
    }
    for (int i = 0; i < r->n_assignments; i++) matched[r->assignments[i].pupil] = true;
    for (int pu = 0; pu < m->n_pupils; pu++) {
        if (matched[pu]) continue;
        roster_unmatched *u = &r->unmatched[r->n_unmatched++];
        u->pupil = pu;
        const char **st;
        int ns = prep_unmatched_static(c->p, pu, &st);
        u->reasons = arena_array(r->arena, (size_t)ns + 2, sizeof *u->reasons);
        if (!u->reasons) {
            free(matched);
            return -1;
        }
        for (int q = 0; q < ns; q++) u->reasons[u->n_reasons++] = rdup(r, st[q]);
        if (ns) continue;
        int first, n, full = 0, left_first, n_left;
        prep_pupil_pairs(c->p, pu, &first, &n);
        prep_pupil_left(c->p, pu, &left_first, &n_left);
        if (m->pupils[pu].per_week > 7) {
            u->reasons[u->n_reasons++] = "visits.per_week above 7 cannot be on distinct weekdays";
            continue;
        }
        if (n_left > 0) { /* a sparse prep: say the search saw only some of them */
            u->reasons[u->n_reasons++] = arena_printf(r->arena,
                "not matched in the best roster found: the programme has too many candidate visits to search "
                "every pair, and the search tried %d of its %d usable advocates", n, n + n_left);
            continue;
        }
        for (int i = first; i < first + n; i++) {
            int a = prep_pairs(c->p)[i].advocate;
            full += m->advocates[a].max_pupils != MODEL_NO_LIMIT && matched_count(r, a) >= m->advocates[a].max_pupils;
        }
        if (full == n) {
            const char *named = explain_full_reason(m, c->p, r, pu, r->arena);
            u->reasons[u->n_reasons++] = named ? named : "every compatible advocate is at max_pupils";
        }
        else if (proven)
            u->reasons[u->n_reasons++] = arena_printf(r->arena,
                "no free time left with the %d compatible advocate%s (other pupils, caps, travel or rooms)", n, n == 1 ? "" : "s");
        else /* the search was cut: say where the places are, and where to look */
            u->reasons[u->n_reasons++] = arena_printf(r->arena,
                "not matched in the best roster found within the search: %d of its %d usable advocate%s at "
                "max_pupils, %d with places left (`roster explain --pupil %s --roster` says what holds each)",
                full, n, n == 1 ? " is" : "s are", n - full, m->pupils[pu].id);
    }
    free(matched);
    return 0;
}

static const char *unfilled_reason(const ctx *c, const roster *r, int sess, int monday, int feasible_dates) {
    const model_programme *m = c->m;
    if (feasible_dates < m->sessions[sess].per_week) {
        const char *fallback = NULL;
        for (int d = monday; d < monday + 7; d++) {
            if (d < m->period_from || d > m->period_to) continue;
            const char *why = prep_session_blocker(c->p, sess, d);
            if (!why) continue;
            if (strcmp(why, "not a session day") != 0) return why;
            fallback = why;
        }
        if (monday < m->period_from || monday + 6 > m->period_to) return "week only partly in the programme period";
        return fallback ? "no session day open this week" : "no feasible date this week";
    }
    const char *named = explain_unfilled_reason(m, c->p, r, sess, monday, r->arena);
    if (named) return named;
    return "qualified teachers' time is taken (max_sessions_per_week, other engagements, travel or rooms)";
}

static int add_unfilled(ctx *c, roster *r) {
    const model_programme *m = c->m;
    int nw = prep_n_weeks(c->p);
    const prep_occurrence *occ = prep_occurrences(c->p);
    r->unfilled = arena_array(r->arena, (size_t)m->n_sessions * (size_t)nw + 1, sizeof *r->unfilled);
    if (!r->unfilled) return -1;
    for (int s = 0; s < m->n_sessions; s++)
        for (int w = 0; w < nw; w++) {
            int monday = prep_week_monday(c->p, w), got = 0, feasible = 0;
            for (int q = 0; q < r->n_sessions; q++)
                got += r->sessions[q].session == s && cal_week_start(r->sessions[q].date) == monday;
            if (got >= m->sessions[s].per_week) continue;
            for (int d = monday; d < monday + 7; d++) {
                bool any = false;
                for (int k = 0; k < prep_n_occurrences(c->p) && !any; k++)
                    any = occ[k].session == s && occ[k].date == d;
                feasible += any;
            }
            r->unfilled[r->n_unfilled++] = (roster_unfilled){s, monday, rdup(r, unfilled_reason(c, r, s, monday, feasible))};
        }
    return 0;
}

/* ---- Q ------------------------------------------------------------------ */

typedef struct {
    int a, b, c;
} triple;

static int cmp_triple(const void *x, const void *y) {
    const triple *p = x, *q = y;
    if (p->a != q->a) return p->a < q->a ? -1 : 1;
    if (p->b != q->b) return p->b < q->b ? -1 : 1;
    return (p->c > q->c) - (p->c < q->c);
}

double solve_objective(const model_programme *m, const roster *r) {
    const model_weights *w = &m->weights;
    double q = 0;
    for (int i = 0; i < r->n_assignments; i++) q += match_value(m, r->assignments[i].pupil, r->assignments[i].advocate);
    triple *pat = malloc(sizeof *pat * ((size_t)r->n_pattern + 1));
    triple *days = malloc(sizeof *days * ((size_t)r->n_visits + 1));
    if (!pat || !days) {
        free(pat);
        free(days);
        return NAN;
    }
    for (int i = 0; i < r->n_pattern; i++) pat[i] = (triple){r->pattern[i].pupil, r->pattern[i].weekday, r->pattern[i].start};
    qsort(pat, (size_t)r->n_pattern, sizeof *pat, cmp_triple);
    for (int i = 0; i < r->n_visits; i++) {
        const roster_visit *v = &r->visits[i];
        q += w->visit * m->pupils[v->pupil].priority;
        triple key = {v->pupil, cal_weekday(v->date), v->start};
        if (!bsearch(&key, pat, (size_t)r->n_pattern, sizeof *pat, cmp_triple)) q -= w->moved;
        days[i] = (triple){v->advocate, v->date, v->school};
    }
    qsort(days, (size_t)r->n_visits, sizeof *days, cmp_triple);
    for (int i = 0; i < r->n_visits; i++)
        if (i == 0 || cmp_triple(&days[i - 1], &days[i]) != 0) q -= w->school_day;
    for (int i = 0; i < r->n_sessions; i++) q += w->session * m->sessions[r->sessions[i].session].priority;
    free(pat);
    free(days);
    return q;
}

/* ---- the greedy start as column values ---------------------------------- */

/* The greedy roster (pupils try the pairs in prefer first, when given) as
** a column vector of the exact program. */
static int heuristic_from(ctx *c, const char *prefer, double *heur) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    const prep_visit *vis = prep_visits(c->p);
    int nv = prep_n_visits(c->p), no = prep_n_occurrences(c->p), ncols = glp_get_num_cols(c->P);
    char *von = malloc((size_t)nv + 1), *oon = malloc((size_t)no + 1);
    greedy_options go = {GREEDY_PASSES, prefer, 0, NULL, NULL, NULL, NULL, NULL, 1};
    memset(heur, 0, sizeof(double) * ((size_t)ncols + 1));
    if (!von || !oon || greedy_roster_opts(m, c->p, &go, von, oon, NULL)) {
        free(von);
        free(oon);
        return -1;
    }
    for (int k = 0; k < nv; k++) {
        if (!von[k] || !c->x_col[c->pair_of_visit[k]]) continue;
        const prep_pair *pr = &pairs[c->pair_of_visit[k]];
        heur[c->v_col0 + k] = 1;
        heur[c->x_col[c->pair_of_visit[k]]] = 1;
        heur[c->z_col[zindex(c, pr->advocate, vis[k].date, vis[k].school)]] = 1;
    }
    for (int k = 0; k < no; k++) heur[c->o_col0 + k] = oon[k];
    if (c->use_pattern) {
        /* pattern: the most frequent visit times, on distinct weekdays */
        for (int pu = 0; pu < m->n_pupils; pu++) {
            int first, n, *ycol = c->y_col + (size_t)pu * 7 * (size_t)c->nslots;
            prep_pupil_pairs(c->p, pu, &first, &n);
            bool used[7] = {false};
            for (int e = 0; e < m->pupils[pu].per_week; e++) {
                int best = -1, best_n = 0;
                for (int i = first; i < first + n; i++)
                    for (int k = pairs[i].first; k < pairs[i].first + pairs[i].n; k++) {
                        if (!von[k] || used[cal_weekday(vis[k].date)]) continue;
                        int cnt = 0;
                        for (int q = pairs[i].first; q < pairs[i].first + pairs[i].n; q++)
                            cnt += von[q] && cal_weekday(vis[q].date) == cal_weekday(vis[k].date) && vis[q].start == vis[k].start;
                        if (cnt > best_n) best_n = cnt, best = k;
                    }
                if (best < 0) break;
                used[cal_weekday(vis[best].date)] = true;
                heur[ycol[cal_weekday(vis[best].date) * c->nslots + vis[best].start / c->slot]] = 1;
            }
        }
        for (int q = 0; q < c->n_on; q++) {
            int pu = c->on_pupil[q], wd = cal_weekday(c->on_date[q]);
            int y = c->y_col[(size_t)pu * 7 * (size_t)c->nslots + (size_t)(wd * c->nslots + c->on_start[q] / c->slot)];
            if (!y || heur[y] < 0.5) continue;
            int first, n;
            prep_pupil_pairs(c->p, pu, &first, &n);
            for (int i = first; i < first + n; i++)
                for (int k = pairs[i].first; k < pairs[i].first + pairs[i].n; k++)
                    if (von[k] && vis[k].date == c->on_date[q] && vis[k].start == c->on_start[q]) heur[c->on_col[q]] = 1;
        }
    }
    free(von);
    free(oon);
    return 0;
}

static int heuristic_vector(ctx *c) {
    c->heur = calloc((size_t)glp_get_num_cols(c->P) + 1, sizeof(double));
    return c->heur ? heuristic_from(c, NULL, c->heur) : -1;
}

static double heuristic_value(const ctx *c) {
    double q = 0;
    for (int j = 1; j <= glp_get_num_cols(c->P); j++) q += glp_get_obj_coef(c->P, j) * c->heur[j];
    return q;
}

/* What pair (pupil, adv) can be worth at most, from its dates per week:
** its match and every week's possible visits. */
static double pair_value(const model_programme *m, int pupil, int adv, const unsigned char *dates, int n_weeks) {
    double v = match_value(m, pupil, adv);
    int per_week = m->pupils[pupil].per_week;
    for (int w = 0; w < n_weeks; w++)
        v += m->weights.visit * m->pupils[pupil].priority * (dates[w] < per_week ? dates[w] : per_week);
    return v;
}

static double rank_pair(const model_programme *m, int pupil, int adv, const unsigned char *dates, int n_weeks,
                        void *unused) {
    (void)unused;
    return pair_value(m, pupil, adv, dates, n_weeks);
}

prep *solve_prepare(const model_programme *m, prep_status *status) {
    return solve_prepare_within(m, SOLVE_SPARSE_ABOVE, status);
}

int solve_candidate_cap(int max_candidates) {
    return max_candidates < 1 || max_candidates > SOLVE_SPARSE_ABOVE ? SOLVE_SPARSE_ABOVE : max_candidates;
}

prep *solve_prepare_within(const model_programme *m, int max_candidates, prep_status *status) {
    int cap = solve_candidate_cap(max_candidates);
    prep_sparse sp = {cap, cap < SOLVE_SPARSE_VISITS ? cap : SOLVE_SPARSE_VISITS, rank_pair, NULL, SOLVE_SPARSE_SPREAD};
    return prep_new_sparse(m, &sp, status);
}

/* The best left pair of a pupil (a sparse prep), by pair_value; 0 when none. */
static double best_left(const model_programme *m, const prep *p, int pupil) {
    int first, n;
    prep_pupil_left(p, pupil, &first, &n);
    double best = 0;
    for (int i = first; i < first + n; i++) {
        double v = pair_value(m, pupil, prep_left(p)[i].advocate, prep_left_dates(p, i), prep_n_weeks(p));
        if (v > best) best = v;
    }
    return best;
}

/* The pupils' part of the bound from the candidates alone: each pupil at
** most its best advocate's match plus every week's possible visits
** (pair_value); moved and school_day only subtract (when not negative). */
static double pupil_bound(const ctx *c) {
    const model_programme *m = c->m;
    if (m->weights.moved < 0 || m->weights.school_day < 0) return HUGE_VAL;
    unsigned char *dates = malloc((size_t)prep_n_weeks(c->p) + 1);
    if (!dates) return HUGE_VAL;
    double total = 0;
    for (int pu = 0; pu < m->n_pupils; pu++) {
        int first, n;
        prep_pupil_pairs(c->p, pu, &first, &n);
        double best = 0;
        for (int i = first; i < first + n; i++) {
            if (!c->x_col[i]) continue;
            prep_pair_dates(c->p, i, dates);
            double v = pair_value(m, pu, prep_pairs(c->p)[i].advocate, dates, prep_n_weeks(c->p));
            if (v > best) best = v;
        }
        double left = best_left(m, c->p, pu); /* pairs a sparse prep did not keep count too */
        total += left > best ? left : best;
    }
    free(dates);
    return total;
}

/* Each session every possible occurrence, up to per_week a week. */
static double session_bound(const ctx *c) {
    const model_programme *m = c->m;
    double total = 0;
    const prep_occurrence *occ = prep_occurrences(c->p);
    for (int s = 0; s < m->n_sessions; s++)
        for (int w = 0; w < prep_n_weeks(c->p); w++) {
            int dates = 0, last = -1;
            for (int k = 0; k < prep_n_occurrences(c->p); k++)
                if (occ[k].session == s && prep_week_of(c->p, occ[k].date) == w && occ[k].date != last) dates++, last = occ[k].date;
            total += m->weights.session * m->sessions[s].priority * (dates < m->sessions[s].per_week ? dates : m->sessions[s].per_week);
        }
    return total;
}

/* A bound from the candidates alone: the pupils' part and the sessions'. */
static double candidate_bound(const ctx *c) { return pupil_bound(c) + session_bound(c); }

/* ---- driver -------------------------------------------------------------- */

static void ctx_free(ctx *c) {
    if (c->P) glp_delete_prob(c->P);
    free(c->x_col);
    free(c->pair_of_visit);
    free(c->z_col);
    free(c->y_col);
    lpb_free(&c->b);
    free(c->on_col);
    free(c->on_pupil);
    free(c->on_date);
    free(c->on_start);
    free(c->sol);
    free(c->heur);
}

static int build(ctx *c) {
    if (build_columns(c) || build_pattern(c) || build_pair_rows(c) || build_school_day_upper(c) ||
        build_advocate_rows(c) || build_engagement_rows(c) || build_session_rows(c))
        return -1;
    return 0;
}

/* A's visit part goes to GLPK up to this many pair-weeks (Derby has about
** 3,000; GLPK's simplex needed over a minute for 157,000 on `area`), the
** Lagrangian bounds it beyond. The same size up to which the Lagrangian
** counts its iterations cheap (bound.h). */
#define SOLVE_BOUND_MIP_COLUMNS BOUND_LAGRANGE_CHEAP

/* The exact program takes about 1.8 KB per candidate visit (Derby: 361 MB
** for 190,000); beyond this many the solve keeps to the greedy roster and
** A's bound (solve_large). Above Derby's size the exact program only cost
** time: early-window (about 400,000) wrote the same roster in 61 s as the
** greedy strategy in 4 s, field-trial (about 500,000) a worse one in 62 s
** and 750 MB (94960 against 95345 in 15 s and 55 MB), docs/solve.md. */
#define SOLVE_EXACT_MAX_VISITS 250000

/* The assignment bound A (bound.h) into c->known_bound. It is small, so it
** runs first with a quarter of the time limit (or a minute): when the
** greedy roster already meets it, nothing else needs to run. A does not
** know re-rostering's pinned visits and disruption terms: the caller skips
** it then. */
static int assignment_bound(ctx *c, const solve_options *o, solve_stats *stats) {
    bound_options bo = {o->time_limit > 0 ? 0.25 * o->time_limit : 60.0, o->stop, SOLVE_BOUND_MIP_COLUMNS,
                        heuristic_value(c), o->threads};
    bound_result br;
    if (bound_assignment(c->m, c->p, &bo, &br)) return -1;
    c->known_bound = br.bound; /* floored by bound.c when the weights are whole numbers */
    stats->assign_bound = c->known_bound, stats->assign_seconds = br.seconds;
    stats->assign_rows = br.rows, stats->assign_cols = br.cols;
    int rc = 0;
    /* A's matching is often better than the greedy's own: plan from it too */
    double q = heuristic_value(c);
    if (br.pair_on && !proven(c->m, q, br.bound)) {
        double *alt = malloc(sizeof(double) * ((size_t)glp_get_num_cols(c->P) + 1));
        if (!alt || heuristic_from(c, br.pair_on, alt)) {
            rc = -1;
        } else {
            double *keep = c->heur;
            c->heur = alt;
            if (heuristic_value(c) > q + 1e-9) alt = keep;
            else c->heur = keep;
        }
        free(alt);
    }
    bound_result_free(&br);
    return rc;
}

/* ---- large programmes ------------------------------------------------------ */

/* Two rosters are planned: A (without a target, so it does not depend on
** the other) followed by the greedy planned from A's matching, then the
** greedy roster alone. The better is kept and A is refined once more
** towards its Q. --threads speeds up each step (A's Lagrangian prices its
** pupils on the threads, the greedy's local search tries pupils on them),
** and each step gives the same result for any thread count. */
/* The progress display while the plans run: the best Q either has
** reached (serialised, should a caller report from several threads). */
typedef struct {
    progress *prog;         /* may be NULL: then only the first roster is noted */
    double t0, best;
    solve_stats *stats;     /* first_q, first_seconds */
} large_progress;

static void large_on_q(void *arg, double q) {
    large_progress *lp = arg;
#pragma omp critical(roster_large_progress)
    {
        if (lp->stats->first_seconds < 0) lp->stats->first_q = q, lp->stats->first_seconds = now_seconds() - lp->t0;
        if (q > lp->best) lp->best = q;
        show_progress(lp->prog, lp->t0, lp->best, HUGE_VAL);
    }
}

typedef struct {
    char *von, *oon;
    double q;
    int rc;
    double deadline;        /* for the greedy's local search (greedy_options) */
    bool cut_short;         /* the deadline or an interrupt stopped it */
    const greedy_index *index; /* shared by both plans */
    bound_prog *bound;      /* A, measured once (bound_new): solved for the plan and again for the refinement */
    large_progress *shown;  /* where both plans report their Q */
} planned;

static void plan_from_bound(ctx *c, const solve_options *o, bound_result *br, planned *pl) {
    const model_programme *m = c->m;
    bound_options bo = {o->time_limit > 0 ? 0.25 * o->time_limit : 60.0, o->stop, SOLVE_BOUND_MIP_COLUMNS, -HUGE_VAL,
                        o->threads};
    pl->rc = pl->bound ? bound_solve(pl->bound, &bo, br) : -1;
    if (pl->rc || !br->pair_on) return;
    greedy_options go = {GREEDY_PASSES, br->pair_on, pl->deadline, o->stop, &pl->cut_short, pl->index, large_on_q,
                         pl->shown, o->threads};
    pl->rc = greedy_roster_opts(m, c->p, &go, pl->von, pl->oon, &pl->q);
}

/* *sessions receives A's session part (its GLPK program over every
** occurrence): a sparse prep keeps every occurrence, so it bounds the
** sessions there too, where A's visit part proves nothing. */
static int large_roster(ctx *c, const solve_options *o, double t0, solve_stats *stats, double *bound,
                        double *sessions) {
    const model_programme *m = c->m;
    const prep_pair *pairs = prep_pairs(c->p);
    int np = prep_n_pairs(c->p), nv = prep_n_visits(c->p), no = prep_n_occurrences(c->p);
    c->x_col = calloc((size_t)np + 1, sizeof(int)); /* zeroed: the analyser cannot tell extract reads only [0, np) */
    c->sol = calloc((size_t)np + (size_t)nv + (size_t)no + 2, 1);
    /* the local searches stop at 85% of the limit: the roster still has to be explained and written */
    double deadline = o->time_limit > 0 ? stop_clock() + 0.85 * o->time_limit : 0;
    greedy_index *index = NULL; /* built beside A's measures, below */
    large_progress shown = {o->progress, t0, -HUGE_VAL, stats};
    planned a = {calloc((size_t)nv + 1, 1), calloc((size_t)no + 1, 1), -HUGE_VAL, 0, deadline, false, NULL, NULL, &shown};
    planned b = {calloc((size_t)nv + 1, 1), calloc((size_t)no + 1, 1), -HUGE_VAL, 0, deadline, false, NULL, NULL, &shown};
    bound_result br = {0}, br2 = {0};
    int rc = -1;
    if (!c->x_col || !c->sol || !a.von || !a.oon || !b.von || !b.oon) goto out;
    for (int i = 0; i < np; i++) c->x_col[i] = 1 + i;
    c->v_col0 = np + 1, c->o_col0 = np + nv + 1;
    greedy_options go = {GREEDY_PASSES, NULL, deadline, o->stop, &a.cut_short, NULL, large_on_q, &shown, o->threads};
    /* First a roster at once: the plain plan's construction alone (under a
    ** second on a city), the first roster the progress display and the
    ** summary show while A runs (field-trial: 0.01 s instead of A's 15 s),
    ** written only should nothing after it beat it. Then A and the plan
    ** from its matching (on the generated area and city the better plan),
    ** then the plain plan in full unless the clock already cut that one's
    ** search: run before A, the plain plan used the time and a city took
    ** 76 s on a 60 s limit. Threads speed up each step (A's pupils, the
    ** local search's tries) rather than run the plans side by side, so the
    ** roster is the same for any --threads. */
    greedy_options quick = go;
    quick.passes = 0;
    int quick_rc = -1;
    /* A's measures need no roster: on a second thread, beside the index
    ** and the first roster (both read only the prep) */
#pragma omp parallel sections num_threads(o->threads > 1 ? 2 : 1)
    {
#pragma omp section
        b.bound = bound_new(m, c->p);
#pragma omp section
        if ((index = greedy_index_new(c->p))) {
            quick.index = index;
            quick_rc = greedy_roster_opts(m, c->p, &quick, a.von, a.oon, &a.q);
        }
    }
    if (quick_rc) goto out;
    a.index = b.index = go.index = index;
    plan_from_bound(c, o, &br, &b);
    bool plain = b.rc == 0 && (b.q == -HUGE_VAL || !b.cut_short);
    if (plain) a.rc = greedy_roster_opts(m, c->p, &go, a.von, a.oon, &a.q);
    if (a.rc || b.rc) goto out;
    planned *best = b.q > a.q || (!plain && b.q >= a.q) ? &b : &a;
    stats->plain_q = plain ? a.q : -HUGE_VAL, stats->from_bound_q = b.q;
    /* A over a sparse prep's kept pairs bounds only the programme without
    ** the left pairs: its matching guides the plan, its value proves nothing */
    *bound = prep_is_sparse(c->p) ? HUGE_VAL : br.bound;
    *sessions = br.session_part; /* bound_solve succeeded: b.rc is 0 */
    stats->assign_seconds = br.seconds, stats->assign_rows = br.rows, stats->assign_cols = br.cols;
    if (br.lagrangian < HUGE_VAL && !proven(m, best->q, br.bound) && !prep_is_sparse(c->p)) {
        /* the Lagrangian again, now steered towards the roster's Q */
        bound_options bo = {o->time_limit > 0 ? 0.1 * o->time_limit : 30.0, o->stop, 0, best->q, o->threads};
        if (bound_solve(b.bound, &bo, &br2)) goto out;
        *bound = fmin(*bound, br2.bound);
        stats->assign_seconds += br2.seconds;
    }
    *bound = solve_whole_bound(m, *bound);
    stats->assign_bound = prep_is_sparse(c->p) ? br.bound : *bound;
    /* A's matching steers the plan, and its bound is the roster's: cut
    ** by the clock, the result depends on the machine's speed too */
    stats->assign_cut_short = br.cut_short || br2.cut_short;
    stats->cut_short = a.cut_short || b.cut_short || stats->assign_cut_short;
    for (int i = 0; i < np; i++)
        for (int k = pairs[i].first; k < pairs[i].first + pairs[i].n; k++)
            if (best->von[k]) c->sol[c->x_col[i]] = c->sol[c->v_col0 + k] = 1;
    for (int k = 0; k < no; k++) c->sol[c->o_col0 + k] = best->oon[k];
    rc = 0;
out:
    bound_result_free(&br), bound_result_free(&br2);
    greedy_index_free(index);
    bound_free(b.bound);
    free(a.von), free(a.oon), free(b.von), free(b.oon);
    return rc;
}

/* Programmes whose exact program would not fit (more candidate visits than
** SOLVE_EXACT_MAX_VISITS): the greedy roster with A's bound. The roster is
** feasible (greedy checks every rule as it goes) and the bound proven; the
** status is optimal only when they meet. */
static int solve_large(const model_programme *m, const prep *p, const solve_options *o, roster *r,
                       solve_stats *stats, diag_list *d) {
    double t0 = now_seconds();
    diag_pos nowhere = {NULL, 0, 0};
    ctx c;
    memset(&c, 0, sizeof c);
    c.m = m, c.p = p;
    c.slot = m->slot_minutes;
    c.nslots = 24 * 60 / c.slot;
    c.ndates = m->period_to - m->period_from + 1;
    c.use_pattern = false; /* the pattern is read from the visits, as the greedy's Q assumes */
    memset(stats, 0, sizeof *stats);
    stats->large = true;
    stats->first_seconds = -1;
    double bound = HUGE_VAL, a_sessions = HUGE_VAL;
    if (large_roster(&c, o, t0, stats, &bound, &a_sessions) || extract(&c, r)) {
        diag_error(d, nowhere, "out of memory while building the roster");
        ctx_free(&c);
        return -1;
    }
    /* computed once: a county's count takes seconds */
    double q = solve_objective(m, r), sessions = fmin(session_bound(&c), a_sessions);
    bound = fmin(bound, pupil_bound(&c) + sessions);
    if (prep_is_sparse(p)) { /* A proved nothing here: price places and weekly minutes over every pair */
        /* until 95% of the limit: the roster and the reports still have to be written */
        double left = o->time_limit > 0 ? 0.95 * o->time_limit - (now_seconds() - t0) : 60;
        /* the coarse bound prices visits and matches only: its target leaves the sessions out */
        coarse_options co = {q - sessions, stop_clock() + (left > 1 ? left : 1), o->stop, 500, o->threads,
                             &stats->coarse_steps, &stats->cut_short};
        double t = now_seconds();
        bound = fmin(bound, coarse_bound(m, p, &co) + sessions);
        stats->coarse_seconds = now_seconds() - t;
    }
    bound = solve_whole_bound(m, bound);
    r->value = q;
    r->bound = bound < q ? q : bound;
    r->status = proven(m, q, bound) ? ROSTER_OPTIMAL : stats->cut_short ? ROSTER_TIME_LIMIT : ROSTER_FEASIBLE;
    if (o->progress) progress_show(o->progress, now_seconds() - t0, true, q, r->bound);
    if (add_unmatched(&c, r, r->status == ROSTER_OPTIMAL) || add_missed(&c, r) || add_unfilled(&c, r)) {
        diag_error(d, nowhere, "out of memory while explaining the roster");
        ctx_free(&c);
        return -1;
    }
    roster_sort(r, m);
    stats->mip_value = q;
    stats->seconds = now_seconds() - t0;
    ctx_free(&c);
    return 0;
}

int solve_run(const model_programme *m, const prep *p, const solve_options *o, roster *r, solve_stats *stats,
              diag_list *d) {
    /* re-rostering pins and disruption terms need the exact program */
    /* --write-lp asks for the exact program, so it is built however large */
    if (prep_is_sparse(p) && (o->previous || o->write_lp)) {
        /* both need every candidate: the exact program over kept pairs only would prove nothing */
        diag_error(d, (diag_pos){NULL, 0, 0}, "%s needs every candidate visit, and this programme has too many "
                   "to keep (more than %d): %s",
                   o->previous ? "re-rostering (--previous)" : "--write-lp", solve_candidate_cap(o->max_candidates),
                   o->max_candidates > 0 ? "raise --max-candidates, or solve its localities as separate programmes"
                                         : "solve its localities as separate programmes");
        return -1;
    }
    if ((o->strategy == SOLVE_STRATEGY_GREEDY || (prep_n_visits(p) > SOLVE_EXACT_MAX_VISITS && !o->write_lp) ||
         prep_is_sparse(p)) && !o->previous)
        return solve_large(m, p, o, r, stats, d);
    double t0 = now_seconds();
    ctx c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.p = p;
    c.slot = m->slot_minutes;
    c.nslots = 24 * 60 / c.slot;
    c.ndates = m->period_to - m->period_from + 1;
    /* rerostering: repattern needs the pattern variables too */
    c.use_pattern = m->weights.moved != 0 || (o->previous && m->weights.repattern != 0);
    glp_term_out(o->verbose ? GLP_ON : GLP_OFF); /* GLPK's chatter, incl. glp_write_lp's */
    c.P = glp_create_prob();
    lpb_init(&c.b, c.P);
    glp_set_prob_name(c.P, "roster");
    glp_set_obj_name(c.P, "Q");
    glp_set_obj_dir(c.P, GLP_MAX);
    diag_pos nowhere = {NULL, 0, 0};
    if (build(&c) || (o->previous && prev_build(o->previous, p, c.P))) { /* rerostering hook */
        diag_error(d, nowhere, "out of memory while building the integer program");
        ctx_free(&c);
        return -1;
    }
    memset(stats, 0, sizeof *stats);
    stats->rows = glp_get_num_rows(c.P);
    stats->cols = glp_get_num_cols(c.P);
    stats->nonzeros = glp_get_num_nz(c.P);
    if (o->write_lp && glp_write_lp(c.P, NULL, o->write_lp) != 0) {
        diag_error(d, (diag_pos){o->write_lp, 0, 0}, "cannot write the LP file");
        ctx_free(&c);
        return -1;
    }
    double bound;
    bool have;
    roster_status st;
    if (heuristic_vector(&c)) {
        diag_error(d, nowhere, "out of memory while building a first roster");
        ctx_free(&c);
        return -1;
    }
    stats->first_q = heuristic_value(&c), stats->first_seconds = now_seconds() - t0;
    if (o->previous) prev_start(o->previous, c.P, c.heur); /* rerostering hook */
    c.known_bound = HUGE_VAL;
    if (stats->cols > 0 && !o->previous && assignment_bound(&c, o, stats)) {
        diag_error(d, nowhere, "out of memory while building the assignment bound");
        ctx_free(&c);
        return -1;
    }
    show_progress(o->progress, t0, heuristic_value(&c), fmax(c.known_bound, heuristic_value(&c)));
    if (stats->cols == 0) {
        st = ROSTER_OPTIMAL, bound = 0, have = false;
    } else if (proven(m, heuristic_value(&c), c.known_bound)) {
        st = ROSTER_OPTIMAL, bound = c.known_bound, have = false; /* the greedy roster meets A: done */
    } else if (o->strategy == SOLVE_STRATEGY_FULL || o->previous) {
        /* The relaxation knows neither pinned visits nor the disruption
        ** terms, so its bound would not be proven when re-rostering. */
        st = run_glpk(&c, o, t0, &bound, &have);
        bound = fmin(bound, c.known_bound);
    } else {
        st = run_relaxation(&c, o, t0, stats, &bound, &have);
    }
    /* rerostering: candidate_bound knows neither pinned facts nor disruption terms */
    bound = fmin(bound, fmin(trivial_bound(c.P), o->previous ? HUGE_VAL : candidate_bound(&c)));
    bound = solve_whole_bound(m, bound);
    c.sol = calloc((size_t)stats->cols + 1, 1);
    if (!c.sol) {
        diag_error(d, nowhere, "out of memory");
        ctx_free(&c);
        return -1;
    }
    double mip = heuristic_value(&c);
    if (have && glp_mip_obj_val(c.P) >= mip) {
        mip = glp_mip_obj_val(c.P);
        for (int j = 1; j <= stats->cols; j++) c.sol[j] = glp_mip_col_val(c.P, j) > 0.5;
    } else {
        for (int j = 1; j <= stats->cols; j++) c.sol[j] = c.heur[j] > 0.5;
    }
    if (extract(&c, r) || (o->previous && prev_add_pinned(o->previous, r))) { /* rerostering hook */
        diag_error(d, nowhere, "out of memory while writing the roster");
        ctx_free(&c);
        return -1;
    }
    double q = o->previous ? prev_objective(o->previous, r) : solve_objective(m, r); /* rerostering */
    stats->mip_value = mip;
    /* Q of the roster can exceed the program's value only where an
    ** unproven solution left an on-pattern visit uncredited. */
    if (!(fabs(q - mip) <= 1e-6 * fmax(1.0, fabs(q))) && !(st != ROSTER_OPTIMAL && q > mip)) {
        diag_error(d, nowhere, "internal error: the roster's Q %.6f differs from the program's objective %.6f", q, mip);
        ctx_free(&c);
        return -1;
    }
    r->value = q;
    r->bound = bound < q ? q : bound;
    if (st != ROSTER_OPTIMAL && fabs(r->bound - q) <= 1e-6 * fmax(1.0, fabs(q))) st = ROSTER_OPTIMAL;
    r->status = st;
    if (add_unmatched(&c, r, st == ROSTER_OPTIMAL) || add_missed(&c, r) || add_unfilled(&c, r) ||
        (o->previous && prev_explain(o->previous, p, r))) { /* rerostering hook */
        diag_error(d, nowhere, "out of memory while explaining the roster");
        ctx_free(&c);
        return -1;
    }
    roster_sort(r, m);
    stats->seconds = now_seconds() - t0;
    ctx_free(&c);
    return 0;
}
