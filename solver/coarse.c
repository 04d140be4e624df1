/*
** coarse.c: the coarse bound of a sparse prep (see coarse.h).
*/
#include "coarse.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solve.h"
#include "stop.h"

typedef struct {
    const model_programme *m;
    const prep *p;
    int nw;
    int n;                  /* pairs, kept then left, each run by pupil */
    int *pupil, *adv;
    double *match;
    const unsigned char **dates; /* per pair: dates per week */
    unsigned char *kept_dates;   /* kept pairs' dates per week, counted from their candidates */
    double *places;         /* per advocate; HUGE_VAL: no max_pupils */
    double *cap;            /* advocate * nw + week: weekly minutes; HUGE_VAL: none */
    double *v, *lambda;     /* the prices */
    double *g_places, *g_cap; /* the subgradient */
    int *chosen;            /* per pupil: its pair under the prices, -1 none */
    int threads;
} coarse;

/* An advocate's week holds at most its weekly cap (own and course), and
** at most the minutes of the census's union of its candidates on the
** period's dates that week: a date's visits lie in that union and do not
** overlap (rule 9; A's week_minutes, over every pair). Without a census
** (not a sparse prep) only the weekly cap counts. */
static void measure_caps(coarse *c) {
    const model_programme *m = c->m;
    for (int a = 0; a < m->n_advocates; a++) {
        int cap = solve_advocate_week_cap(m, a);
        for (int w = 0; w < c->nw; w++) {
            double days = 0;
            int monday = prep_week_monday(c->p, w);
            for (int d = monday; d < monday + 7 && days < HUGE_VAL; d++) {
                if (d < m->period_from || d > m->period_to) continue;
                int un = prep_day_union_minutes(c->p, a, d);
                days = un >= 0 ? days + un : HUGE_VAL;
            }
            c->cap[(size_t)a * (size_t)c->nw + (size_t)w] = cap == MODEL_NO_LIMIT || days < cap ? days : cap;
        }
        c->places[a] = m->advocates[a].max_pupils == MODEL_NO_LIMIT ? HUGE_VAL : m->advocates[a].max_pupils;
    }
}

static int gather_pairs(coarse *c) {
    const prep_pair *kept = prep_pairs(c->p);
    const prep_left_pair *left = prep_left(c->p);
    int nk = prep_n_pairs(c->p), nl = prep_n_left(c->p);
    c->n = nk + nl;
    size_t n = (size_t)c->n + 1;
    c->pupil = malloc(n * sizeof *c->pupil);
    c->adv = malloc(n * sizeof *c->adv);
    c->match = malloc(n * sizeof *c->match);
    c->dates = malloc(n * sizeof *c->dates);
    c->kept_dates = malloc(((size_t)nk + 1) * (size_t)c->nw);
    if (!c->pupil || !c->adv || !c->match || !c->dates || !c->kept_dates) return -1;
    for (int i = 0; i < c->n; i++) { /* kept, then left: one loop, so every entry is visibly set */
        if (i < nk) {
            c->pupil[i] = kept[i].pupil, c->adv[i] = kept[i].advocate;
            unsigned char *d = c->kept_dates + (size_t)i * (size_t)c->nw;
            prep_pair_dates(c->p, i, d);
            c->dates[i] = d;
        } else {
            c->pupil[i] = left[i - nk].pupil, c->adv[i] = left[i - nk].advocate;
            c->dates[i] = prep_left_dates(c->p, i - nk);
        }
        c->match[i] = solve_match_value(c->m, c->pupil[i], c->adv[i]);
    }
    return 0;
}

/* What pair i is worth to its pupil under the prices. */
static double priced(const coarse *c, int i) {
    const model_pupil *pu = &c->m->pupils[c->pupil[i]];
    double vv = c->m->weights.visit * pu->priority, val = c->match[i] - c->v[c->adv[i]];
    const double *lam = c->lambda + (size_t)c->adv[i] * (size_t)c->nw;
    for (int w = 0; w < c->nw; w++) {
        double each = vv - lam[w] * pu->minutes;
        if (each > 0) val += each * (c->dates[i][w] < pu->per_week ? c->dates[i][w] : pu->per_week);
    }
    return val;
}

/* The Lagrangian's value at the prices, and its subgradient. Pairs of a
** pupil are found through both runs (kept, left), each sorted by pupil. */
static double evaluate(coarse *c) {
    const model_programme *m = c->m;
    size_t naw = (size_t)m->n_advocates * (size_t)c->nw;
    double L = 0;
    for (int a = 0; a < m->n_advocates; a++) {
        if (c->places[a] < HUGE_VAL) L += c->places[a] * c->v[a];
        c->g_places[a] = c->places[a] < HUGE_VAL ? c->places[a] : 0;
    }
    for (size_t k = 0; k < naw; k++) {
        if (c->cap[k] < HUGE_VAL) L += c->cap[k] * c->lambda[k];
        c->g_cap[k] = c->cap[k];
    }
    double *best = calloc((size_t)m->n_pupils + 1, sizeof *best);
    if (!best) return HUGE_VAL;
    int nk = prep_n_pairs(c->p);
    /* pupils apart: each pupil's choice is its own, so any thread count gives the same */
#pragma omp parallel for schedule(dynamic, 64) num_threads(c->threads)
    for (int p = 0; p < m->n_pupils; p++) {
        int first, n, lf, ln;
        prep_pupil_pairs(c->p, p, &first, &n);
        prep_pupil_left(c->p, p, &lf, &ln);
        c->chosen[p] = -1;
        for (int i = first; i < first + n; i++) {
            double val = priced(c, i);
            if (val > best[p]) best[p] = val, c->chosen[p] = i;
        }
        for (int i = nk + lf; i < nk + lf + ln; i++) {
            double val = priced(c, i);
            if (val > best[p]) best[p] = val, c->chosen[p] = i;
        }
    }
    for (int p = 0; p < m->n_pupils; p++) {
        L += best[p];
        int i = c->chosen[p];
        if (i < 0) continue;
        const model_pupil *pu = &m->pupils[p];
        c->g_places[c->adv[i]] -= 1;
        double vv = m->weights.visit * pu->priority;
        size_t at = (size_t)c->adv[i] * (size_t)c->nw;
        for (int w = 0; w < c->nw; w++)
            if (vv - c->lambda[at + (size_t)w] * pu->minutes > 0)
                c->g_cap[at + (size_t)w] -= (double)pu->minutes * (c->dates[i][w] < pu->per_week ? c->dates[i][w] : pu->per_week);
    }
    free(best);
    return L;
}

/* One projected subgradient step towards target; 0 when the subgradient
** is zero (the prices are optimal). */
static int step(coarse *c, double L, double target, double theta) {
    const model_programme *m = c->m;
    size_t naw = (size_t)m->n_advocates * (size_t)c->nw;
    double norm = 0;
    for (int a = 0; a < m->n_advocates; a++)
        if (c->places[a] < HUGE_VAL && !(c->v[a] <= 0 && c->g_places[a] > 0)) norm += c->g_places[a] * c->g_places[a];
    /* minutes are counted in hours, so that a place and an hour weigh alike in the step */
    for (size_t k = 0; k < naw; k++)
        if (c->cap[k] < HUGE_VAL && !(c->lambda[k] <= 0 && c->g_cap[k] > 0))
            norm += c->g_cap[k] * c->g_cap[k] / (60.0 * 60.0);
    if (norm <= 0) return 0;
    double t = theta * (L - target) / norm;
    for (int a = 0; a < m->n_advocates; a++)
        if (c->places[a] < HUGE_VAL) c->v[a] = fmax(0, c->v[a] - t * c->g_places[a]);
    for (size_t k = 0; k < naw; k++)
        if (c->cap[k] < HUGE_VAL) c->lambda[k] = fmax(0, c->lambda[k] - t * c->g_cap[k] / (60.0 * 60.0));
    return 1;
}

static void coarse_free(coarse *c) {
    free(c->pupil), free(c->adv), free(c->match), free(c->dates), free(c->kept_dates);
    free(c->places), free(c->cap), free(c->v), free(c->lambda), free(c->g_places), free(c->g_cap), free(c->chosen);
}

double coarse_bound(const model_programme *m, const prep *p, const coarse_options *o) {
    /* moved and school_day only subtract when their weights are not negative */
    if (m->weights.moved < 0 || m->weights.school_day < 0) return HUGE_VAL;
    coarse c = {.m = m, .p = p, .nw = prep_n_weeks(p), .threads = o->threads > 1 ? o->threads : 1};
    size_t na = (size_t)m->n_advocates + 1, naw = na * (size_t)c.nw;
    c.places = calloc(na, sizeof *c.places), c.v = calloc(na, sizeof *c.v);
    c.g_places = calloc(na, sizeof *c.g_places);
    c.cap = calloc(naw, sizeof *c.cap), c.lambda = calloc(naw, sizeof *c.lambda), c.g_cap = calloc(naw, sizeof *c.g_cap);
    c.chosen = malloc(((size_t)m->n_pupils + 1) * sizeof *c.chosen);
    double bound = HUGE_VAL;
    if (!c.places || !c.v || !c.g_places || !c.cap || !c.lambda || !c.g_cap || !c.chosen || gather_pairs(&c)) goto out;
    measure_caps(&c);
    /* theta halves after 10 steps without a better bound (Held, Wolfe and Crowder's rule) */
    double theta = 2.0;
    int since = 0, it = 0;
    for (; it < o->max_iterations; it++) {
        double L = evaluate(&c);
        if (L == HUGE_VAL) break; /* out of memory */
        if (L < bound) bound = L, since = 0;
        else if (++since >= 10) theta /= 2, since = 0;
        if (L <= o->target || theta < 1e-4) break;
        if (stop_requested(o->stop) || (o->deadline > 0 && stop_clock() > o->deadline)) {
            if (o->cut_short) *o->cut_short = true;
            break;
        }
        if (!step(&c, L, o->target, theta)) break;
    }
    if (o->steps) *o->steps = it;
out:
    coarse_free(&c);
    return bound;
}
