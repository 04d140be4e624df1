/*
** compare.c: differences between two rosters (see compare.h).
**
** Everything is counted from the rosters' own lists: per pupil its
** advocate, pattern and visits by week; per session its occurrences and
** teachers. Lists are grouped by pupil once (CSR), so the comparison is
** linear in the rosters' size apart from the per-pupil work.
*/
#include "compare.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"

typedef struct {
    int *first, *order;     /* entries of owner o: order[first[o] .. first[o+1]) */
} cmp_groups;

static void groups_free(cmp_groups *g) {
    free(g->first);
    free(g->order);
}

/* owner_of(i) for i in [0, n): group indices by owner in [0, owners). */
static int group(cmp_groups *g, int owners, int n, const int *owner) {
    g->first = calloc((size_t)owners + 2, sizeof *g->first);
    g->order = malloc(((size_t)n + 1) * sizeof *g->order);
    int *fill = malloc(((size_t)owners + 1) * sizeof *fill);
    if (!g->first || !g->order || !fill) {
        free(fill);
        return -1;
    }
    for (int i = 0; i < n; i++) g->first[owner[i] + 1]++;
    for (int o = 0; o < owners; o++) g->first[o + 1] += g->first[o];
    memcpy(fill, g->first, (size_t)owners * sizeof *fill);
    for (int i = 0; i < n; i++) g->order[fill[owner[i]]++] = i;
    free(fill);
    return 0;
}

typedef struct {
    const model_programme *m;
    const roster *a, *b;
    FILE *out;
    compare_summary *s;
    int *adv_a, *adv_b;
    cmp_groups pat_a, pat_b, vis_a, vis_b;
    char line[2048];
    size_t len;
} cmp_ctx;

static void say(cmp_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(cmp_ctx *c, const char *fmt, ...) {
    if (c->len + 1 >= sizeof c->line) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(c->line + c->len, sizeof c->line - c->len, fmt, ap);
    va_end(ap);
    if (n > 0) c->len += (size_t)n < sizeof c->line - c->len ? (size_t)n : sizeof c->line - c->len - 1;
}

static const char *adv_id(const cmp_ctx *c, int a) { return a >= 0 ? c->m->advocates[a].id : "none"; }

static bool has_slot(const roster *r, const cmp_groups *g, int p, int wd, int start) {
    for (int k = g->first[p]; k < g->first[p + 1]; k++)
        if (r->pattern[g->order[k]].weekday == wd && r->pattern[g->order[k]].start == start) return true;
    return false;
}

static bool has_visit(const roster *r, const cmp_groups *g, const roster_visit *v) {
    for (int k = g->first[v->pupil]; k < g->first[v->pupil + 1]; k++) {
        const roster_visit *w = &r->visits[g->order[k]];
        if (w->date == v->date && w->start == v->start && w->advocate == v->advocate) return true;
    }
    return false;
}

static void pattern_diff(cmp_ctx *c, int p) {
    bool any = false;
    for (int side = 0; side < 2; side++) {
        const roster *x = side ? c->b : c->a, *y = side ? c->a : c->b;
        const cmp_groups *gx = side ? &c->pat_b : &c->pat_a, *gy = side ? &c->pat_a : &c->pat_b;
        for (int k = gx->first[p]; k < gx->first[p + 1]; k++) {
            const roster_pattern_entry *e = &x->pattern[gx->order[k]];
            if (has_slot(y, gy, p, e->weekday, e->start)) continue;
            say(c, "%s%s%s %02d:%02d", any ? ", " : "; pattern ", side ? "+" : "-", cal_day_name(e->weekday),
                e->start / 60, e->start % 60);
            any = true;
            if (!side && c->adv_b[p] >= 0) c->s->pattern_moved++;
        }
    }
}

/* Visits in one roster only, counted per week: "week 2026-09-28 -1 +1". */
static void visit_diff(cmp_ctx *c, int p) {
    int weeks[64], minus[64], plus[64], nw = 0;
    for (int side = 0; side < 2; side++) {
        const roster *x = side ? c->b : c->a, *y = side ? c->a : c->b;
        const cmp_groups *gx = side ? &c->vis_b : &c->vis_a, *gy = side ? &c->vis_a : &c->vis_b;
        for (int k = gx->first[p]; k < gx->first[p + 1]; k++) {
            const roster_visit *v = &x->visits[gx->order[k]];
            if (has_visit(y, gy, v)) continue;
            int w = cal_week_start(v->date), i = 0;
            while (i < nw && weeks[i] != w) i++;
            if (i == nw && nw < 64) weeks[nw] = w, minus[nw] = plus[nw] = 0, nw++;
            if (i < nw) (side ? plus : minus)[i]++;
            if (side) c->s->visits_added++;
            else c->s->visits_removed++;
        }
    }
    for (int i = 0; i < nw; i++) {
        char d[11];
        cal_format_date(weeks[i], d);
        say(c, "%s%s", i ? ", " : "; visits ", d);
        if (minus[i]) say(c, " -%d", minus[i]);
        if (plus[i]) say(c, " +%d", plus[i]);
    }
}

static void pupil_diff(cmp_ctx *c, int p) {
    const model_pupil *pu = &c->m->pupils[p];
    c->len = 0;
    int a = c->adv_a[p], b = c->adv_b[p];
    if (a != b) {
        say(c, "; advocate %s -> %s", adv_id(c, a), adv_id(c, b));
        if (a >= 0) c->s->reassigned++;
        else c->s->newly_matched++;
    }
    pattern_diff(c, p);
    visit_diff(c, p);
    if (!c->len) return;
    c->s->pupils_changed++;
    fprintf(c->out, "%s (%s, %s -> %s)%s\n", pu->id, c->m->schools[pu->school].id, adv_id(c, a), adv_id(c, b), c->line + 1);
}

static bool same_occurrence(const roster_session_occurrence *x, const roster_session_occurrence *y) {
    return x->date == y->date && x->start == y->start && x->session == y->session && x->teacher == y->teacher;
}

static void session_diff(cmp_ctx *c, int s) {
    c->len = 0;
    for (int side = 0; side < 2; side++) {
        const roster *x = side ? c->b : c->a, *y = side ? c->a : c->b;
        for (int i = 0; i < x->n_sessions; i++) {
            const roster_session_occurrence *o = &x->sessions[i];
            if (o->session != s) continue;
            bool found = false;
            for (int k = 0; k < y->n_sessions && !found; k++) found = same_occurrence(o, &y->sessions[k]);
            if (found) continue;
            char d[11];
            cal_format_date(o->date, d);
            say(c, "; %s%s %02d:%02d %s", side ? "+" : "-", d, o->start / 60, o->start % 60, c->m->teachers[o->teacher].id);
            if (side) c->s->sessions_added++;
            else c->s->sessions_removed++;
        }
    }
    if (c->len) fprintf(c->out, "session %s%s\n", c->m->sessions[s].id, c->line + 1);
}

static int *owners(const roster *r, int which, int n) {
    int *o = malloc(((size_t)n + 1) * sizeof *o);
    if (!o) return NULL;
    for (int i = 0; i < n; i++) o[i] = which ? r->visits[i].pupil : r->pattern[i].pupil;
    return o;
}

static int index_roster(cmp_ctx *c, const roster *r, int *adv, cmp_groups *pat, cmp_groups *vis) {
    const model_programme *m = c->m;
    for (int p = 0; p < m->n_pupils; p++) adv[p] = -1;
    for (int i = 0; i < r->n_assignments; i++) adv[r->assignments[i].pupil] = r->assignments[i].advocate;
    int *po = owners(r, 0, r->n_pattern), *vo = owners(r, 1, r->n_visits);
    int rc = !po || !vo || group(pat, m->n_pupils, r->n_pattern, po) || group(vis, m->n_pupils, r->n_visits, vo) ? -1 : 0;
    free(po);
    free(vo);
    return rc;
}

int compare_rosters(const model_programme *m, const roster *a, const roster *b, FILE *out, compare_summary *s) {
    memset(s, 0, sizeof *s);
    cmp_ctx c;
    memset(&c, 0, sizeof c);
    c.m = m, c.a = a, c.b = b, c.out = out, c.s = s;
    c.adv_a = malloc(((size_t)m->n_pupils + 1) * sizeof *c.adv_a);
    c.adv_b = malloc(((size_t)m->n_pupils + 1) * sizeof *c.adv_b);
    int rc = -1;
    if (!c.adv_a || !c.adv_b || index_roster(&c, a, c.adv_a, &c.pat_a, &c.vis_a) ||
        index_roster(&c, b, c.adv_b, &c.pat_b, &c.vis_b))
        goto out;
    for (int p = 0; p < m->n_pupils; p++) pupil_diff(&c, p);
    for (int q = 0; q < m->n_sessions; q++) session_diff(&c, q);
    rc = 0;
out:
    free(c.adv_a);
    free(c.adv_b);
    groups_free(&c.pat_a), groups_free(&c.pat_b), groups_free(&c.vis_a), groups_free(&c.vis_b);
    return rc;
}
