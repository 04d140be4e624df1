/*
** previous.c: re-rostering against a previous roster (see previous.h and
** docs/rerostering.md).
**
** The integer program is solve.c's; this file only adjusts it through the
** columns' names: v[pupil,advocate,date,time], on[pupil,date,time],
** z[advocate,date,school] and o[session,teacher,date,time] dated before
** --from are fixed at 0 (those days are facts, added back to the roster
** afterwards), x[pupil,advocate] and y[pupil,day,time] carry the disruption
** terms, and one column fixed at 1 carries the constant part of Q (the
** pinned facts and the unavoidable penalties), so the program's objective
** is exactly prev_objective of the roster it yields.
*/
#include "previous.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "solve.h"

#define PREV_CONSTANT "prev_constant"

struct prev_plan {
    const model_programme *m;
    const roster *old;
    bool mid;
    int from;
    int *old_adv;               /* pupil -> previous advocate, -1 none */
    const char **old_gone_adv;  /* pupil -> previous advocate's id when it left the input */
    bool *in_old;               /* pupil appears in the previous roster */
    int *pat_first;             /* previous pattern by pupil: pat[pat_first[p] .. pat_first[p+1]) */
    roster_pattern_entry *pat;
    roster_visit *pinned;       int n_pinned;
    roster_session_occurrence *pinned_s; int n_pinned_s;
};

/* ---- the plan ----------------------------------------------------------- */

static bool pinned_date(const prev_plan *pv, int date) {
    return pv->mid && date < pv->from && date >= pv->m->period_from && date <= pv->m->period_to;
}

static int plan_pupils(prev_plan *pv) {
    const model_programme *m = pv->m;
    const roster *old = pv->old;
    size_t np = (size_t)m->n_pupils + 1;
    pv->old_adv = malloc(np * sizeof *pv->old_adv);
    pv->old_gone_adv = calloc(np, sizeof *pv->old_gone_adv);
    pv->in_old = calloc(np, sizeof *pv->in_old);
    pv->pat_first = calloc(np + 1, sizeof *pv->pat_first);
    pv->pat = malloc(((size_t)old->n_pattern + 1) * sizeof *pv->pat);
    if (!pv->old_adv || !pv->old_gone_adv || !pv->in_old || !pv->pat_first || !pv->pat) return -1;
    for (int p = 0; p < m->n_pupils; p++) pv->old_adv[p] = -1;
    for (int i = 0; i < old->n_assignments; i++) {
        pv->old_adv[old->assignments[i].pupil] = old->assignments[i].advocate;
        pv->in_old[old->assignments[i].pupil] = true;
    }
    for (int i = 0; i < old->n_unmatched; i++) pv->in_old[old->unmatched[i].pupil] = true;
    for (int i = 0; i < old->n_dropped; i++) {
        const roster_dropped *d = &old->dropped[i];
        int p = model_find_pupil(m, d->subject);
        if (strcmp(d->section, "assignments") == 0 && p >= 0) {
            pv->old_gone_adv[p] = d->who;
            pv->in_old[p] = true;
        }
    }
    /* Pattern entries of a pupil whose assignment was dropped are dropped too:
    ** that pupil's pattern belonged to the advocate who left. */
    for (int i = 0; i < old->n_pattern; i++) pv->pat_first[old->pattern[i].pupil + 1]++;
    for (int p = 0; p < m->n_pupils; p++) pv->pat_first[p + 1] += pv->pat_first[p];
    int *fill = malloc(np * sizeof *fill);
    if (!fill) return -1;
    memcpy(fill, pv->pat_first, (np - 1) * sizeof *fill);
    for (int i = 0; i < old->n_pattern; i++) pv->pat[fill[old->pattern[i].pupil]++] = old->pattern[i];
    free(fill);
    return 0;
}

static int plan_pinned(prev_plan *pv) {
    const roster *old = pv->old;
    pv->pinned = malloc(((size_t)old->n_visits + 1) * sizeof *pv->pinned);
    pv->pinned_s = malloc(((size_t)old->n_sessions + 1) * sizeof *pv->pinned_s);
    if (!pv->pinned || !pv->pinned_s) return -1;
    for (int i = 0; i < old->n_visits; i++)
        if (pinned_date(pv, old->visits[i].date)) pv->pinned[pv->n_pinned++] = old->visits[i];
    for (int i = 0; i < old->n_sessions; i++)
        if (pinned_date(pv, old->sessions[i].date)) pv->pinned_s[pv->n_pinned_s++] = old->sessions[i];
    return 0;
}

prev_plan *prev_new(const model_programme *m, const roster *old, bool has_from, int from) {
    prev_plan *pv = calloc(1, sizeof *pv);
    if (!pv) return NULL;
    pv->m = m;
    pv->old = old;
    pv->mid = has_from && from >= m->period_from;
    pv->from = pv->mid ? from : m->period_from;
    if (plan_pupils(pv) || plan_pinned(pv)) {
        prev_free(pv);
        return NULL;
    }
    return pv;
}

void prev_free(prev_plan *pv) {
    if (!pv) return;
    free(pv->old_adv);
    free(pv->old_gone_adv);
    free(pv->in_old);
    free(pv->pat_first);
    free(pv->pat);
    free(pv->pinned);
    free(pv->pinned_s);
    free(pv);
}

bool prev_mid_term(const prev_plan *pv) { return pv->mid; }
int prev_from(const prev_plan *pv) { return pv->from; }

/* ---- Q with the disruption terms ---------------------------------------- */

static bool in_pattern(const roster *r, const int *first, const int *order, int pupil, int wd, int start) {
    for (int k = first[pupil]; k < first[pupil + 1]; k++)
        if (r->pattern[order[k]].weekday == wd && r->pattern[order[k]].start == start) return true;
    return false;
}

/* first/order: the new roster's pattern grouped by pupil (CSR). */
static int *pattern_index(const model_programme *m, const roster *r, int **order_out) {
    int *first = calloc((size_t)m->n_pupils + 2, sizeof *first);
    int *order = malloc(((size_t)r->n_pattern + 1) * sizeof *order);
    int *fill = malloc(((size_t)m->n_pupils + 1) * sizeof *fill);
    if (!first || !order || !fill) {
        free(first), free(order), free(fill);
        return NULL;
    }
    for (int i = 0; i < r->n_pattern; i++) first[r->pattern[i].pupil + 1]++;
    for (int p = 0; p < m->n_pupils; p++) first[p + 1] += first[p];
    memcpy(fill, first, (size_t)m->n_pupils * sizeof *fill);
    for (int i = 0; i < r->n_pattern; i++) order[fill[r->pattern[i].pupil]++] = i;
    free(fill);
    *order_out = order;
    return first;
}

double prev_objective(const prev_plan *pv, const roster *r) {
    const model_programme *m = pv->m;
    const model_weights *w = &m->weights;
    double q = solve_objective(m, r);
    int *adv = malloc(((size_t)m->n_pupils + 1) * sizeof *adv), *order = NULL;
    int *first = pattern_index(m, r, &order);
    if (!adv || !first) {
        free(adv), free(first), free(order);
        return NAN;
    }
    for (int p = 0; p < m->n_pupils; p++) adv[p] = -1;
    for (int i = 0; i < r->n_assignments; i++) adv[r->assignments[i].pupil] = r->assignments[i].advocate;
    for (int p = 0; p < m->n_pupils; p++) {
        if (pv->mid && (pv->old_gone_adv[p] || (pv->old_adv[p] >= 0 && adv[p] != pv->old_adv[p]))) q -= w->reassign;
        if (!pv->mid && adv[p] >= 0 && adv[p] == pv->old_adv[p] && m->pupils[p].previous_advocate != adv[p])
            q += w->continuity;
        if (adv[p] < 0) continue;
        for (int k = pv->pat_first[p]; k < pv->pat_first[p + 1]; k++)
            if (!in_pattern(r, first, order, p, pv->pat[k].weekday, pv->pat[k].start)) q -= w->repattern;
    }
    free(adv), free(first), free(order);
    return q;
}

/* ---- column names ------------------------------------------------------- */

/* solve.c's names: ids with '-' written '~', dates YYYY.MM.DD, times HH.MM. */
static void mangle(char *out, size_t cap, const char *id) {
    size_t n = 0;
    for (; *id && n + 1 < cap; id++) out[n++] = (char)(*id == '-' ? '~' : *id);
    out[n] = '\0';
}

static int find_x(glp_prob *P, const model_programme *m, int pupil, int adv) {
    char a[80], b[80], name[200];
    mangle(a, sizeof a, m->pupils[pupil].id);
    mangle(b, sizeof b, m->advocates[adv].id);
    snprintf(name, sizeof name, "x[%s,%s]", a, b);
    return glp_find_col(P, name);
}

static int find_y(glp_prob *P, const model_programme *m, int pupil, int wd, int start) {
    char a[80], name[200];
    mangle(a, sizeof a, m->pupils[pupil].id);
    snprintf(name, sizeof name, "y[%s,%s,%02d.%02d]", a, cal_day_name(wd), start / 60, start % 60);
    return glp_find_col(P, name);
}

/* A column's kind ("v", "on", ...), its bracketed fields (ids unmangled)
** and, for dated kinds, its date (else -1). Returns the number of fields. */
typedef struct {
    char kind[8];
    char f[6][80];
    int n, date;
} col_name;

static int parse_date_field(const char *s) {
    /* YYYY.MM.DD back to YYYY-MM-DD, then the one strict date parser. */
    char iso[11];
    if (strlen(s) != 10 || s[4] != '.' || s[7] != '.') return -1;
    memcpy(iso, s, sizeof iso);
    iso[4] = iso[7] = '-';
    int date;
    return cal_parse_date(iso, &date) ? date : -1;
}

static bool parse_col(const char *name, col_name *c) {
    memset(c, 0, sizeof *c);
    c->date = -1;
    const char *br = name ? strchr(name, '[') : NULL;
    if (!br || br - name >= (long)sizeof c->kind) return false;
    memcpy(c->kind, name, (size_t)(br - name));
    size_t len = 0;
    for (const char *s = br + 1; *s && *s != ']'; s++) {
        if (*s == ',') {
            if (++c->n >= 6) return false;
            len = 0;
            continue;
        }
        if (len + 1 < sizeof c->f[0]) c->f[c->n][len++] = (char)(*s == '~' ? '-' : *s);
    }
    c->n++;
    int at = strcmp(c->kind, "v") == 0 || strcmp(c->kind, "o") == 0 ? 2
             : strcmp(c->kind, "on") == 0 || strcmp(c->kind, "z") == 0 ? 1 : -1;
    if (at >= 0 && at < c->n) c->date = parse_date_field(c->f[at]);
    return true;
}

/* ---- prev_build ------------------------------------------------------- */

static void add_obj(glp_prob *P, int j, double delta) {
    if (j > 0 && delta != 0) glp_set_obj_coef(P, j, glp_get_obj_coef(P, j) + delta);
}

static int advocate_cap(const model_programme *m, int adv) {
    const model_advocate *a = &m->advocates[adv];
    int cap = a->max_minutes_per_week;
    if (a->course >= 0) {
        int cc = m->courses[a->course].max_minutes_per_week;
        if (cc != MODEL_NO_LIMIT && (cap == MODEL_NO_LIMIT || cc < cap)) cap = cc;
    }
    return cap;
}

typedef struct {
    glp_prob *P;
    int *ind;
    double *val;
    int n, cap;
} row_buf;

static int rb_add(row_buf *b, int col, double v) {
    if (b->n + 2 > b->cap) {
        int n = b->cap ? 2 * b->cap : 64;
        int *ind = realloc(b->ind, (size_t)n * sizeof *ind);
        if (!ind) return -1;
        b->ind = ind;
        double *val = realloc(b->val, (size_t)n * sizeof *val);
        if (!val) return -1;
        b->val = val;
        b->cap = n;
    }
    b->n++;
    b->ind[b->n] = col;
    b->val[b->n] = v;
    return 0;
}

static void rb_end(row_buf *b, const char *name, double ub) {
    if (b->n) {
        int i = glp_add_rows(b->P, 1);
        glp_set_row_name(b->P, i, name);
        glp_set_mat_row(b->P, i, b->n, b->ind, b->val);
        glp_set_row_bnds(b->P, i, GLP_UP, 0, ub < 0 ? 0 : ub);
    }
    b->n = 0;
}

/* Pinned visits and sessions count toward the limits of the week of --from:
** what is left of each limit binds the re-planned part of that week. The
** four families: pupils' per_week, advocates' minutes, sessions' per_week,
** teachers' max_sessions_per_week. */
typedef struct {
    int key, col;
    double coef;
} fam_item;

static int cmp_fam(const void *x, const void *y) {
    const fam_item *a = x, *b = y;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return (a->col > b->col) - (a->col < b->col);
}

static int family_limit(const model_programme *m, int fam, int key) {
    switch (fam) {
    case 0: return m->pupils[key].per_week;
    case 1: return advocate_cap(m, key);
    case 2: return m->sessions[key].per_week;
    default: return m->teachers[key].max_sessions_per_week;
    }
}

static const char *family_name(const model_programme *m, int fam, int key, const char **what) {
    static const char *const whats[] = {"prev_week_visits", "prev_week_minutes", "prev_week_session", "prev_week_teacher"};
    *what = whats[fam];
    switch (fam) {
    case 0: return m->pupils[key].id;
    case 1: return m->advocates[key].id;
    case 2: return m->sessions[key].id;
    default: return m->teachers[key].id;
    }
}

static int week_of_from_rows(const prev_plan *pv, const col_name *names, int ncols, row_buf *b) {
    const model_programme *m = pv->m;
    int w0 = cal_week_start(pv->from), w1 = w0 + 6, rc = -1;
    if (!pv->mid || w0 == pv->from) return 0;
    int sizes[4] = {m->n_pupils, m->n_advocates, m->n_sessions, m->n_teachers}, n[4] = {0, 0, 0, 0};
    int *used[4] = {NULL, NULL, NULL, NULL};
    fam_item *items[4] = {NULL, NULL, NULL, NULL};
    for (int f = 0; f < 4; f++) {
        used[f] = calloc((size_t)sizes[f] + 1, sizeof *used[f]);
        items[f] = malloc(((size_t)ncols + 1) * sizeof *items[f]);
        if (!used[f] || !items[f]) goto out;
    }
    for (int i = 0; i < pv->n_pinned; i++)
        if (pv->pinned[i].date >= w0) {
            used[0][pv->pinned[i].pupil]++;
            used[1][pv->pinned[i].advocate] += pv->pinned[i].end - pv->pinned[i].start;
        }
    for (int i = 0; i < pv->n_pinned_s; i++)
        if (pv->pinned_s[i].date >= w0) used[2][pv->pinned_s[i].session]++, used[3][pv->pinned_s[i].teacher]++;
    for (int j = 1; j <= ncols; j++) {
        const col_name *c = &names[j];
        if (c->date < pv->from || c->date > w1) continue;
        if (strcmp(c->kind, "v") == 0) {
            int p = model_find_pupil(m, c->f[0]), a = model_find_advocate(m, c->f[1]);
            if (p < 0 || a < 0) continue;
            items[0][n[0]++] = (fam_item){p, j, 1};
            items[1][n[1]++] = (fam_item){a, j, m->pupils[p].minutes};
        } else if (strcmp(c->kind, "o") == 0) {
            int s = model_find_session(m, c->f[0]), t = model_find_teacher(m, c->f[1]);
            if (s < 0 || t < 0) continue;
            items[2][n[2]++] = (fam_item){s, j, 1};
            items[3][n[3]++] = (fam_item){t, j, 1};
        }
    }
    for (int f = 0; f < 4; f++) {
        qsort(items[f], (size_t)n[f], sizeof *items[f], cmp_fam);
        for (int i = 0; i < n[f];) {
            int key = items[f][i].key, e = i, limit = family_limit(m, f, key);
            while (e < n[f] && items[f][e].key == key) e++;
            if (used[f][key] && limit != MODEL_NO_LIMIT) {
                for (int q = i; q < e; q++)
                    if (rb_add(b, items[f][q].col, items[f][q].coef)) goto out;
                const char *what, *id = family_name(m, f, key, &what);
                char rn[200];
                snprintf(rn, sizeof rn, "%s[%s]", what, id);
                rb_end(b, rn, limit - used[f][key]);
            }
            i = e;
        }
    }
    rc = 0;
out:
    for (int f = 0; f < 4; f++) free(used[f]), free(items[f]);
    return rc;
}

/* The part of Q fixed by the pinned facts: their visit, moved (against no
** pattern: a pattern entry later pays moved back through y), school_day and
** session terms. */
static double pinned_constant(const prev_plan *pv) {
    const model_programme *m = pv->m;
    const model_weights *w = &m->weights;
    double k = 0;
    for (int i = 0; i < pv->n_pinned; i++) {
        const roster_visit *v = &pv->pinned[i];
        k += w->visit * m->pupils[v->pupil].priority - w->moved;
    }
    fam_item *days = malloc(((size_t)pv->n_pinned + 1) * sizeof *days);
    if (!days) return NAN;
    for (int i = 0; i < pv->n_pinned; i++) /* (advocate, date, school) packed: dates are < 2^20 days */
        days[i] = (fam_item){pv->pinned[i].advocate, pv->pinned[i].date * (m->n_schools + 1) + pv->pinned[i].school, 0};
    qsort(days, (size_t)pv->n_pinned, sizeof *days, cmp_fam);
    for (int i = 0; i < pv->n_pinned; i++)
        if (i == 0 || cmp_fam(&days[i - 1], &days[i]) != 0) k -= w->school_day;
    free(days);
    for (int i = 0; i < pv->n_pinned_s; i++) k += w->session * m->sessions[pv->pinned_s[i].session].priority;
    return k;
}

/* y[p,day,time] may be 1 only when p is matched: a pattern entry then
** stands for a real one, so crediting it is honest. */
static int y_needs_match(const prev_plan *pv, const prep *p, glp_prob *P, int pupil, int y, char *done, row_buf *b) {
    if (y <= 0 || done[y]) return 0;
    done[y] = 1;
    int first, n;
    prep_pupil_pairs(p, pupil, &first, &n);
    if (rb_add(b, y, 1)) return -1;
    for (int i = first; i < first + n; i++) {
        int x = find_x(P, pv->m, pupil, prep_pairs(p)[i].advocate);
        if (x > 0 && rb_add(b, x, -1)) return -1;
    }
    char rn[200];
    snprintf(rn, sizeof rn, "prev_pattern_needs_match[%s,%s]", pv->m->pupils[pupil].id, glp_get_col_name(P, y));
    rb_end(b, rn, 0);
    return 0;
}

static int disruption_terms(const prev_plan *pv, const prep *p, glp_prob *P, double *constant, char *done, row_buf *b) {
    const model_programme *m = pv->m;
    const model_weights *w = &m->weights;
    for (int i = 0; i < pv->n_pinned; i++) { /* a pinned visit on the new pattern is not moved */
        const roster_visit *v = &pv->pinned[i];
        int y = find_y(P, m, v->pupil, cal_weekday(v->date), v->start);
        add_obj(P, y, w->moved);
        if (y_needs_match(pv, p, P, v->pupil, y, done, b)) return -1;
    }
    for (int pu = 0; pu < m->n_pupils; pu++) {
        int first, n, old = pv->old_adv[pu];
        prep_pupil_pairs(p, pu, &first, &n);
        if (pv->mid && (old >= 0 || pv->old_gone_adv[pu])) {
            *constant -= w->reassign;
            if (old >= 0) add_obj(P, find_x(P, m, pu, old), w->reassign);
        }
        if (!pv->mid && old >= 0 && m->pupils[pu].previous_advocate != old) add_obj(P, find_x(P, m, pu, old), w->continuity);
        for (int k = pv->pat_first[pu]; k < pv->pat_first[pu + 1]; k++) {
            for (int i = first; i < first + n; i++) add_obj(P, find_x(P, m, pu, prep_pairs(p)[i].advocate), -w->repattern);
            int y = find_y(P, m, pu, pv->pat[k].weekday, pv->pat[k].start);
            add_obj(P, y, w->repattern);
            if (y_needs_match(pv, p, P, pu, y, done, b)) return -1;
        }
    }
    return 0;
}

int prev_build(const prev_plan *pv, const prep *p, glp_prob *P) {
    int ncols = glp_get_num_cols(P), rc = -1;
    col_name *names = malloc(((size_t)ncols + 1) * sizeof *names);
    char *done = calloc((size_t)ncols + 2, 1);
    row_buf b = {P, NULL, NULL, 0, 0};
    if (!names || !done) goto out;
    glp_create_index(P);
    for (int j = 1; j <= ncols; j++) {
        parse_col(glp_get_col_name(P, j), &names[j]);
        if (pv->mid && names[j].date >= 0 && names[j].date < pv->from) glp_set_col_bnds(P, j, GLP_FX, 0, 0);
    }
    double constant = pinned_constant(pv);
    if (isnan(constant) || week_of_from_rows(pv, names, ncols, &b) || disruption_terms(pv, p, P, &constant, done, &b)) goto out;
    int j = glp_add_cols(P, 1);
    glp_set_col_name(P, j, PREV_CONSTANT);
    glp_set_col_kind(P, j, GLP_IV);
    glp_set_col_bnds(P, j, GLP_FX, 1, 1);
    glp_set_obj_coef(P, j, constant);
    rc = 0;
out:
    free(names);
    free(done);
    free(b.ind);
    free(b.val);
    return rc;
}

/* ---- prev_start ------------------------------------------------------- */

static bool vector_feasible(glp_prob *P, const double *x) {
    int n = glp_get_num_cols(P), *ind = malloc(((size_t)n + 1) * sizeof *ind);
    double *val = malloc(((size_t)n + 1) * sizeof *val);
    bool ok = ind && val;
    for (int j = 1; ok && j <= n; j++)
        ok = x[j] >= glp_get_col_lb(P, j) - 1e-9 && (glp_get_col_type(P, j) == GLP_LO || x[j] <= glp_get_col_ub(P, j) + 1e-9);
    for (int i = 1; ok && i <= glp_get_num_rows(P); i++) {
        int len = glp_get_mat_row(P, i, ind, val), t = glp_get_row_type(P, i);
        double act = 0;
        for (int k = 1; k <= len; k++) act += val[k] * x[ind[k]];
        if ((t == GLP_UP || t == GLP_DB || t == GLP_FX) && act > glp_get_row_ub(P, i) + 1e-9) ok = false;
        if ((t == GLP_LO || t == GLP_DB || t == GLP_FX) && act < glp_get_row_lb(P, i) - 1e-9) ok = false;
    }
    free(ind);
    free(val);
    return ok;
}

void prev_start(const prev_plan *pv, glp_prob *P, double *heur) {
    int n = glp_get_num_cols(P), k = glp_find_col(P, PREV_CONSTANT);
    col_name c;
    for (int j = 1; j <= n; j++)
        if (pv->mid && parse_col(glp_get_col_name(P, j), &c) && c.date >= 0 && c.date < pv->from) heur[j] = 0;
    if (k > 0) heur[k] = 1;
    if (vector_feasible(P, heur)) return;
    for (int j = 1; j <= n; j++) heur[j] = j == k ? 1 : 0; /* the empty re-plan: always feasible */
}

/* ---- prev_add_pinned ---------------------------------------------------- */

int prev_add_pinned(const prev_plan *pv, roster *r) {
    roster_visit *v = arena_array(r->arena, (size_t)(r->n_visits + pv->n_pinned) + 1, sizeof *v);
    roster_session_occurrence *s = arena_array(r->arena, (size_t)(r->n_sessions + pv->n_pinned_s) + 1, sizeof *s);
    if (!v || !s) return -1;
    if (r->n_visits) memcpy(v, r->visits, (size_t)r->n_visits * sizeof *v);
    if (r->n_sessions) memcpy(s, r->sessions, (size_t)r->n_sessions * sizeof *s);
    memcpy(v + r->n_visits, pv->pinned, (size_t)pv->n_pinned * sizeof *v);
    memcpy(s + r->n_sessions, pv->pinned_s, (size_t)pv->n_pinned_s * sizeof *s);
    r->visits = v;
    r->sessions = s;
    r->n_visits += pv->n_pinned;
    r->n_sessions += pv->n_pinned_s;
    return 0;
}

/* ---- prev_explain: reasons before --from ------------------------------- */

static const char *old_missed_reason(const prev_plan *pv, int pupil, int week) {
    for (int i = 0; i < pv->old->n_missed; i++)
        if (pv->old->missed[i].pupil == pupil && pv->old->missed[i].week == week) return pv->old->missed[i].reason;
    return NULL;
}

static const char *old_unfilled_reason(const prev_plan *pv, int session, int week) {
    for (int i = 0; i < pv->old->n_unfilled; i++)
        if (pv->old->unfilled[i].session == session && pv->old->unfilled[i].week == week) return pv->old->unfilled[i].reason;
    return NULL;
}

/* Weeks wholly before --from are history: their shortfalls keep the reason
** the previous roster gave, or say the pupil was not matched then. */
static void history_reasons(const prev_plan *pv, roster *r) {
    char d[11];
    cal_format_date(pv->from, d);
    for (int i = 0; i < r->n_missed; i++) {
        roster_missed *e = &r->missed[i];
        if (e->week + 6 >= pv->from) continue;
        const char *why = old_missed_reason(pv, e->pupil, e->week);
        if (why) e->reason = arena_strdup(r->arena, why);
        else if (pv->old_adv[e->pupil] < 0 && !pv->old_gone_adv[e->pupil])
            e->reason = arena_printf(r->arena, "not matched before %s", d);
        else
            e->reason = arena_printf(r->arena, "before %s: as delivered", d);
    }
    for (int i = 0; i < r->n_unfilled; i++) {
        roster_unfilled *e = &r->unfilled[i];
        if (e->week + 6 >= pv->from) continue;
        const char *why = old_unfilled_reason(pv, e->session, e->week);
        e->reason = why ? arena_strdup(r->arena, why) : arena_printf(r->arena, "before %s: as delivered", d);
    }
}

/* ---- prev_explain: the changes and why ---------------------------------- */

typedef struct {
    const prev_plan *pv;
    const prep *p;
    roster *r;
    roster_change *v;
    int n, cap;
    int *adv;               /* pupil -> new advocate, -1 none */
} changes;

static int change_add(changes *c, roster_change ch) {
    if (c->n == c->cap) {
        int n = c->cap ? 2 * c->cap : 32;
        roster_change *v = arena_array(c->r->arena, (size_t)n, sizeof *v);
        if (!v) return -1;
        if (c->n) memcpy(v, c->v, (size_t)c->n * sizeof *v);
        c->v = v;
        c->cap = n;
    }
    c->v[c->n++] = ch;
    return 0;
}

static const char *fmt_date(char buf[11], int date) {
    cal_format_date(date, buf);
    return buf;
}

/* "on leave from 2026-11-16 (reason)" for the first period overlapping
** [from, to], or NULL. */
static const char *period_phrase(arena *a, const model_period_list *l, int from, int to, const char *what) {
    for (int i = 0; i < l->n; i++) {
        const model_period *q = &l->v[i];
        if (q->to < from || q->from > to) continue;
        char f[11], t[11];
        const char *why = q->reason ? q->reason : NULL;
        if (q->to >= to)
            return arena_printf(a, "%s from %s%s%s%s", what, fmt_date(f, q->from > from ? q->from : from),
                                why ? " (" : "", why ? why : "", why ? ")" : "");
        return arena_printf(a, "%s %s to %s%s%s%s", what, fmt_date(f, q->from), fmt_date(t, q->to), why ? " (" : "",
                            why ? why : "", why ? ")" : "");
    }
    return NULL;
}

static bool in_list(const model_index_list *l, int v) {
    for (int i = 0; i < l->n; i++)
        if (l->v[i] == v) return true;
    return false;
}

/* Why advocate a may no longer (or no longer fully) take pupil from --from:
** the first fact of the data that stands in the way, or NULL. */
static const char *advocate_blocker(const changes *c, int pupil, int a) {
    const model_programme *m = c->pv->m;
    const model_pupil *p = &m->pupils[pupil];
    const model_advocate *ad = &m->advocates[a];
    arena *ar = c->r->arena;
    int from = c->pv->from, to = m->period_to;
    char d[11];
    if (in_list(&p->avoid, a)) return arena_printf(ar, "%s avoids %s", p->id, ad->id);
    for (int k = 0; k < p->req_languages.n; k++)
        if (!in_list(&ad->languages, p->req_languages.v[k]))
            return arena_printf(ar, "%s requires %s, which %s does not speak", p->id, m->names[p->req_languages.v[k]], ad->id);
    if (p->req_gender >= 0 && ad->gender != p->req_gender)
        return arena_printf(ar, "%s requires gender %s", p->id, m->names[p->req_gender]);
    for (int k = 0; k < p->req_experience.n; k++)
        if (model_level_of(&ad->experience, p->req_experience.v[k].name) < p->req_experience.v[k].level)
            return arena_printf(ar, "%s requires %s experience %d", p->id, m->names[p->req_experience.v[k].name],
                                p->req_experience.v[k].level);
    if (p->moves && p->moves_on > from && p->moves_on <= to)
        return arena_printf(ar, "%s moves to %s on %s", p->id, m->schools[p->moves_school].id, fmt_date(d, p->moves_on));
    int school = model_pupil_school_on(m, p, from);
    if (ad->schools.n && !in_list(&ad->schools, school))
        return arena_printf(ar, "%s does not visit %s", ad->id, m->schools[school].id);
    if (!ad->dbs.set) return arena_printf(ar, "%s has no DBS check", ad->id);
    if (ad->dbs.expires < to) return arena_printf(ar, "%s's DBS expires %s", ad->id, fmt_date(d, ad->dbs.expires));
    if (ad->dbs.cleared > from) return arena_printf(ar, "%s's DBS is cleared only from %s", ad->id, fmt_date(d, ad->dbs.cleared));
    char what[100];
    snprintf(what, sizeof what, "%s on leave", ad->id);
    const char *why = period_phrase(ar, &ad->leave, from, to, what);
    if (why) return why;
    if (ad->course >= 0) {
        const model_course *k = &m->courses[ad->course];
        snprintf(what, sizeof what, "%s's course %s has a block", ad->id, k->id);
        if ((why = period_phrase(ar, &k->blocks, from, to, what))) return why;
    }
    if (ad->max_pupils != MODEL_NO_LIMIT) {
        int n = 0;
        for (int q = 0; q < m->n_pupils; q++) n += c->adv[q] == a;
        if (n >= ad->max_pupils) return arena_printf(ar, "%s is at max_pupils (%d)", ad->id, ad->max_pupils);
    }
    return NULL;
}

static const char *new_advocate_reason(const changes *c, int pupil, int old) {
    const prev_plan *pv = c->pv;
    const model_programme *m = pv->m;
    arena *ar = c->r->arena;
    if (old < 0 && pv->old_gone_adv[pupil]) return arena_printf(ar, "%s no longer in the input", pv->old_gone_adv[pupil]);
    if (old < 0 && !pv->in_old[pupil]) return arena_printf(ar, "%s is new in the input", m->pupils[pupil].id);
    if (old < 0) return arena_printf(ar, "%s had no advocate before", m->pupils[pupil].id);
    const char *why = advocate_blocker(c, pupil, old);
    if (why) return why;
    if (c->adv[pupil] < 0) {
        for (int i = 0; i < c->r->n_unmatched; i++)
            if (c->r->unmatched[i].pupil == pupil && c->r->unmatched[i].n_reasons)
                return arena_printf(ar, "%s could not keep %s: %s", m->advocates[old].id, m->pupils[pupil].id,
                                    c->r->unmatched[i].reasons[0]);
        return arena_printf(ar, "%s could not keep %s", m->advocates[old].id, m->pupils[pupil].id);
    }
    return pv->mid ? arena_printf(ar, "re-planned around other changes: the roster gains more than weights.reassign")
                   : arena_printf(ar, "new term: %s's time is better used elsewhere", m->advocates[old].id);
}

static int advocate_changes(changes *c) {
    const prev_plan *pv = c->pv;
    const model_programme *m = pv->m;
    const roster *old = pv->old;
    for (int i = 0; i < old->n_dropped; i++) { /* pupils who left */
        const roster_dropped *d = &old->dropped[i];
        if (strcmp(d->section, "assignments") != 0 || model_find_pupil(m, d->subject) >= 0) continue;
        if (change_add(c, (roster_change){"advocate", d->subject, NULL, d->who, NULL,
                                          arena_printf(c->r->arena, "%s no longer in the input", d->subject)}))
            return -1;
    }
    for (int p = 0; p < m->n_pupils; p++) {
        int o = pv->old_adv[p], n = c->adv[p];
        if (o == n && !pv->old_gone_adv[p]) continue;
        if (o < 0 && !pv->old_gone_adv[p] && n < 0) continue;
        const char *from = o >= 0 ? m->advocates[o].id : pv->old_gone_adv[p];
        if (change_add(c, (roster_change){"advocate", m->pupils[p].id, NULL, from, n >= 0 ? m->advocates[n].id : NULL,
                                          new_advocate_reason(c, p, o)}))
            return -1;
    }
    return 0;
}

static const char *slot_text(arena *a, int wd, int start) {
    return arena_printf(a, "%s %02d:%02d", cal_day_name(wd), start / 60, start % 60);
}

/* Why (wd, start) no longer suits pupil with advocate a from --from: the
** first fact on the first date of that weekday where it fails, or NULL. */
static const char *slot_blocker(const changes *c, int pupil, int a, int wd, int start) {
    const model_programme *m = c->pv->m;
    const model_pupil *p = &m->pupils[pupil];
    arena *ar = c->r->arena;
    int end = start + p->minutes, closed = 0, days = 0;
    const char *first_closed = NULL;
    char d[11];
    for (int date = c->pv->from; date <= m->period_to; date++) {
        if (cal_weekday(date) != wd) continue;
        days++;
        int school = model_pupil_school_on(m, p, date);
        const model_school *s = &m->schools[school];
        const char *why = NULL;
        if (!cal_school_open(m, school, date, &why)) {
            if (!closed++) first_closed = arena_printf(ar, "%s closed on %s (%s)", s->id, fmt_date(d, date), why ? why : "closed");
            continue;
        }
        const model_index_list *wn = model_pupil_windows_on(p, date);
        bool inside = false;
        for (int i = 0; i < wn->n && !inside; i++) {
            const model_school_window *w = model_school_window_named(s, wn->v[i]);
            inside = w && cal_windows_covering(&w->entries, wd, start, end);
        }
        if (!inside) return arena_printf(ar, "outside %s's windows at %s", p->id, s->id);
        const model_window *w = cal_windows_overlapping(&s->no_visits, wd, start, end);
        if (w) return arena_printf(ar, "%s no_visits%s%s", s->id, w->reason ? ": " : "", w->reason ? w->reason : "");
        if ((w = cal_windows_overlapping(&p->unavailable, wd, start, end)))
            return arena_printf(ar, "%s unavailable%s%s", p->id, w->reason ? ": " : "", w->reason ? w->reason : "");
        if (a < 0) continue;
        const model_advocate *ad = &m->advocates[a];
        if (!cal_windows_covering(&ad->available, wd, start, end))
            return arena_printf(ar, "%s is not available then", ad->id);
        if (ad->course >= 0 && !cal_windows_covering(&m->courses[ad->course].release, wd, start, end))
            return arena_printf(ar, "outside %s's course release", ad->id);
    }
    if (days && closed == days) return arena_printf(ar, "%s closed every %s from %s", m->schools[model_pupil_school_on(m, p, c->pv->from)].id,
                                                 cal_day_name(wd), fmt_date(d, c->pv->from));
    return first_closed;
}

static bool has_entry(const roster_pattern_entry *v, int n, int pupil, int wd, int start) {
    for (int i = 0; i < n; i++)
        if (v[i].pupil == pupil && v[i].weekday == wd && v[i].start == start) return true;
    return false;
}

/* Pairs each previous entry missing from the new pattern with a new entry
** missing from the previous one, weekday order; pupils matched in both. */
static int pattern_changes(changes *c) {
    const prev_plan *pv = c->pv;
    const model_programme *m = pv->m;
    const roster *r = c->r;
    int *order = NULL, *first = pattern_index(m, r, &order);
    if (!first) return -1;
    for (int p = 0; p < m->n_pupils; p++) {
        if (c->adv[p] < 0 || pv->pat_first[p] == pv->pat_first[p + 1]) continue;
        const roster_pattern_entry *gone[7], *added[7];
        int ng = 0, na = 0;
        for (int k = pv->pat_first[p]; k < pv->pat_first[p + 1] && ng < 7; k++)
            if (!in_pattern(r, first, order, p, pv->pat[k].weekday, pv->pat[k].start)) gone[ng++] = &pv->pat[k];
        for (int k = first[p]; k < first[p + 1] && na < 7; k++) {
            const roster_pattern_entry *e = &r->pattern[order[k]];
            if (!has_entry(pv->pat + pv->pat_first[p], pv->pat_first[p + 1] - pv->pat_first[p], p, e->weekday, e->start))
                added[na++] = e;
        }
        for (int i = 0; i < ng || i < na; i++) {
            const char *from = i < ng ? slot_text(r->arena, gone[i]->weekday, gone[i]->start) : NULL;
            const char *to = i < na ? slot_text(r->arena, added[i]->weekday, added[i]->start) : NULL;
            const char *why = i < ng ? slot_blocker(c, p, c->adv[p], gone[i]->weekday, gone[i]->start) : NULL;
            if (!why && c->adv[p] != pv->old_adv[p] && c->adv[p] >= 0)
                why = arena_printf(r->arena, "to suit the new advocate %s", m->advocates[c->adv[p]].id);
            if (!why) why = "re-planned around other changes: the roster gains more than weights.repattern";
            if (change_add(c, (roster_change){"pattern", m->pupils[p].id, NULL, from, to, why})) {
                free(first), free(order);
                return -1;
            }
        }
    }
    free(first), free(order);
    return 0;
}

/* The teacher who gives most of a session's occurrences from --from. */
static const char *main_teacher(const model_programme *m, const roster_session_occurrence *v, int n, int session, int from,
                                const roster_dropped *dropped, int n_dropped) {
    int best = 0;
    const char *who = NULL;
    for (int i = 0; i < n; i++) {
        if (v[i].session != session || v[i].date < from) continue;
        int cnt = 0;
        for (int k = 0; k < n; k++) cnt += v[k].session == session && v[k].date >= from && v[k].teacher == v[i].teacher;
        if (cnt > best) best = cnt, who = m->teachers[v[i].teacher].id;
    }
    for (int i = 0; i < n_dropped; i++) { /* a teacher who left counts too */
        const roster_dropped *d = &dropped[i];
        if (strcmp(d->section, "sessions") != 0 || d->date < from || !d->who || strcmp(d->subject, m->sessions[session].id) != 0)
            continue;
        int cnt = 0;
        for (int k = 0; k < n_dropped; k++)
            cnt += strcmp(dropped[k].section, "sessions") == 0 && dropped[k].date >= from && dropped[k].who &&
                   strcmp(dropped[k].who, d->who) == 0 && strcmp(dropped[k].subject, d->subject) == 0;
        if (cnt > best) best = cnt, who = d->who;
    }
    return who;
}

static const char *teacher_reason(const changes *c, const char *id) {
    const model_programme *m = c->pv->m;
    arena *ar = c->r->arena;
    int t = model_find_teacher(m, id);
    if (t < 0) return arena_printf(ar, "%s no longer in the input", id);
    const model_teacher *te = &m->teachers[t];
    char what[100], d[11];
    if (!te->dbs.set) return arena_printf(ar, "%s has no DBS check", id);
    if (te->dbs.expires < m->period_to) return arena_printf(ar, "%s's DBS expires %s", id, fmt_date(d, te->dbs.expires));
    snprintf(what, sizeof what, "%s on leave", id);
    const char *why = period_phrase(ar, &te->leave, c->pv->from, m->period_to, what);
    return why ? why : "re-planned around other changes";
}

static int teacher_changes(changes *c) {
    const prev_plan *pv = c->pv;
    const model_programme *m = pv->m;
    int from = pv->mid ? pv->from : m->period_from - 100000; /* across terms: every previous occurrence */
    for (int s = 0; s < m->n_sessions; s++) {
        const char *o = main_teacher(m, pv->old->sessions, pv->old->n_sessions, s, from, pv->old->dropped, pv->old->n_dropped);
        const char *n = main_teacher(m, c->r->sessions, c->r->n_sessions, s, pv->from, NULL, 0);
        if (!o || (n && strcmp(o, n) == 0)) continue;
        if (change_add(c, (roster_change){"teacher", NULL, m->sessions[s].id, o, n, teacher_reason(c, o)})) return -1;
    }
    return 0;
}

int prev_explain(const prev_plan *pv, const prep *p, roster *r) {
    const model_programme *m = pv->m;
    if (pv->mid) history_reasons(pv, r);
    changes c = {pv, p, r, NULL, 0, 0, malloc(((size_t)m->n_pupils + 1) * sizeof(int))};
    if (!c.adv) return -1;
    for (int q = 0; q < m->n_pupils; q++) c.adv[q] = -1;
    for (int i = 0; i < r->n_assignments; i++) c.adv[r->assignments[i].pupil] = r->assignments[i].advocate;
    int rc = advocate_changes(&c) || pattern_changes(&c) || teacher_changes(&c) ? -1 : 0;
    free(c.adv);
    r->changes = c.v;
    r->n_changes = c.n;
    r->has_changes = true;
    return rc;
}
