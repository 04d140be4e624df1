/*
** verify.c: check a roster against every hard rule and the objective of
** the format (sections 4 and 5), independently of the solver.
**
** Nothing here comes from prepare or solve: each rule is read straight from
** the spec and checked with cal.h's date facts, so the verifier catches the
** solver's mistakes instead of sharing them. Per-entry rules are one pass;
** counting and overlap rules sort keyed copies (by pupil-date,
** advocate-date, person-date, school-date) so a term of 10,000 pupils
** checks in well under a second.
*/
#include "verify.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"

typedef struct {
    const model_programme *m;
    const roster *r;
    FILE *out;
    int count;
    int *advocate_of;   /* pupil -> advocate of its first assignment, or -1 */
    int *visit_school;  /* visit -> the pupil's school on the visit's date */
    /* Re-rostering (docs/rerostering.md): entries dated before `from` are
    ** pinned facts of `old`; INT_MIN when nothing is pinned. */
    const roster *old;
    bool has_from;
    int from;
} vf_ctx;

static bool vf_pinned(const vf_ctx *c, int date) { return date < c->from; }

/* A label naming one roster entry in a violation line. */
typedef struct {
    char s[200];
} vf_label;

/* Sort key: lexicographic on k[0..3], idx breaks ties (stable, input order). */
typedef struct {
    int k[4];
    int idx;
} vf_key;

static int vf_cmp_key(const void *x, const void *y) {
    const vf_key *a = x, *b = y;
    for (int i = 0; i < 4; i++)
        if (a->k[i] != b->k[i]) return a->k[i] < b->k[i] ? -1 : 1;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

static void vf_line(vf_ctx *c, const char *tag, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void vf_line(vf_ctx *c, const char *tag, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(c->out, "%s: ", tag);
    vfprintf(c->out, fmt, ap);
    fputc('\n', c->out);
    va_end(ap);
    c->count++;
}

static const char *vf_rule_tag(int rule, char buf[16]) {
    snprintf(buf, 16, "rule %d", rule);
    return buf;
}

#define VF_RULE(c, rule, ...)                                                                                  \
    do {                                                                                                       \
        char vf_tag_[16];                                                                                      \
        vf_line((c), vf_rule_tag((rule), vf_tag_), __VA_ARGS__);                                               \
    } while (0)


static vf_label vf_visit(const vf_ctx *c, const roster_visit *v) {
    vf_label l;
    snprintf(l.s, sizeof l.s, "visit %s %s %s/%s", cal_date_str(v->date).s, cal_time_str(v->start).s, c->m->pupils[v->pupil].id,
             c->m->advocates[v->advocate].id);
    return l;
}

static vf_label vf_session(const vf_ctx *c, const roster_session_occurrence *o) {
    vf_label l;
    snprintf(l.s, sizeof l.s, "session %s %s %s/%s", cal_date_str(o->date).s, cal_time_str(o->start).s,
             c->m->sessions[o->session].id, c->m->teachers[o->teacher].id);
    return l;
}

/* "(2026-10-26..2026-10-30, half term)" */
static vf_label vf_period(const model_period *p) {
    vf_label l;
    char range[32];
    if (p->from == p->to)
        snprintf(range, sizeof range, "%s", cal_date_str(p->from).s);
    else
        snprintf(range, sizeof range, "%s..%s", cal_date_str(p->from).s, cal_date_str(p->to).s);
    snprintf(l.s, sizeof l.s, "(%s%s%s)", range, p->reason ? ", " : "", p->reason ? p->reason : "");
    return l;
}

/* "13:00-15:15 (swimming)" */
static vf_label vf_window(const model_window *w) {
    vf_label l;
    snprintf(l.s, sizeof l.s, "%s-%s%s%s%s", cal_time_str(w->start).s, cal_time_str(w->end).s, w->reason ? " (" : "",
             w->reason ? w->reason : "", w->reason ? ")" : "");
    return l;
}

static bool vf_in_list(const model_index_list *l, int v) {
    for (int i = 0; i < l->n; i++)
        if (l->v[i] == v) return true;
    return false;
}

static bool vf_close(double a, double b) {
    if (!isfinite(a) || !isfinite(b)) return a == b; /* an unknown (.inf) bound is never "equal" */
    return fabs(a - b) <= 1e-6 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* ---- references ------------------------------------------------------ */

static bool vf_ok(int i, int n) { return i >= 0 && i < n; }

/* A roster built in memory could hold indices the reader would never give;
** they make every other rule meaningless, so they stop the check. */
static int vf_references(vf_ctx *c) {
    const model_programme *m = c->m;
    const roster *r = c->r;
    int bad = 0;
    for (int i = 0; i < r->n_assignments; i++)
        bad += !vf_ok(r->assignments[i].pupil, m->n_pupils) || !vf_ok(r->assignments[i].advocate, m->n_advocates);
    for (int i = 0; i < r->n_pattern; i++)
        bad += !vf_ok(r->pattern[i].pupil, m->n_pupils) || !vf_ok(r->pattern[i].weekday, 7);
    for (int i = 0; i < r->n_visits; i++)
        bad += !vf_ok(r->visits[i].pupil, m->n_pupils) || !vf_ok(r->visits[i].advocate, m->n_advocates) ||
               !vf_ok(r->visits[i].school, m->n_schools);
    for (int i = 0; i < r->n_sessions; i++)
        bad += !vf_ok(r->sessions[i].session, m->n_sessions) || !vf_ok(r->sessions[i].teacher, m->n_teachers) ||
               !vf_ok(r->sessions[i].place, m->n_places);
    if (bad) vf_line(c, "roster", "%d entries refer to people, schools or sessions the programme does not have", bad);
    return bad;
}

/* ---- rule 1: one advocate, matched iff visited, the weekly pattern ----- */

static void vf_rule1(vf_ctx *c, int *visits_of) {
    const model_programme *m = c->m;
    const roster *r = c->r;
    for (int i = 0; i < r->n_assignments; i++) {
        const roster_assignment *a = &r->assignments[i];
        int had = c->advocate_of[a->pupil];
        if (had < 0) {
            c->advocate_of[a->pupil] = a->advocate;
        } else if (had == a->advocate) {
            VF_RULE(c, 1, "assignment %s/%s: listed twice", m->pupils[a->pupil].id, m->advocates[a->advocate].id);
        } else {
            VF_RULE(c, 1, "assignment %s/%s: %s already has advocate %s", m->pupils[a->pupil].id,
                    m->advocates[a->advocate].id, m->pupils[a->pupil].id, m->advocates[had].id);
        }
    }
    for (int i = 0; i < r->n_visits; i++) {
        const roster_visit *v = &r->visits[i];
        int a = c->advocate_of[v->pupil];
        if (vf_pinned(c, v->date)) continue; /* by whoever had the pupil then */
        visits_of[v->pupil]++;
        if (a < 0)
            VF_RULE(c, 1, "%s: %s has no assignment", vf_visit(c, v).s, m->pupils[v->pupil].id);
        else if (a != v->advocate)
            VF_RULE(c, 1, "%s: %s's advocate is %s", vf_visit(c, v).s, m->pupils[v->pupil].id, m->advocates[a].id);
    }
    for (int p = 0; p < m->n_pupils; p++)
        if (c->advocate_of[p] >= 0 && visits_of[p] == 0)
            VF_RULE(c, 1, "assignment %s/%s: matched but no visit is delivered", m->pupils[p].id,
                    m->advocates[c->advocate_of[p]].id);
}

static void vf_rule1_pattern(vf_ctx *c, int *entries_of, unsigned char *days_of) {
    const model_programme *m = c->m;
    const roster *r = c->r;
    for (int i = 0; i < r->n_pattern; i++) {
        const roster_pattern_entry *e = &r->pattern[i];
        const char *pid = m->pupils[e->pupil].id;
        if (c->advocate_of[e->pupil] < 0) {
            VF_RULE(c, 1, "pattern %s %s %s: %s is not matched", pid, cal_day_name(e->weekday), cal_time_str(e->start).s, pid);
            continue;
        }
        if (days_of[e->pupil] >> e->weekday & 1u)
            VF_RULE(c, 1, "pattern %s %s %s: %s already has a pattern entry on %s", pid, cal_day_name(e->weekday),
                    cal_time_str(e->start).s, pid, cal_day_name(e->weekday));
        days_of[e->pupil] |= (unsigned char)(1u << e->weekday);
        entries_of[e->pupil]++;
    }
    for (int p = 0; p < m->n_pupils; p++)
        if (c->advocate_of[p] >= 0 && entries_of[p] != m->pupils[p].per_week)
            VF_RULE(c, 1, "pupil %s: the pattern has %d entries but per_week is %d", m->pupils[p].id, entries_of[p],
                    m->pupils[p].per_week);
}

/* ---- rule 2: requires and avoid --------------------------------------- */

static void vf_rule2(vf_ctx *c) {
    const model_programme *m = c->m;
    const roster *r = c->r;
    for (int i = 0; i < r->n_assignments; i++) {
        const roster_assignment *as = &r->assignments[i];
        const model_pupil *p = &m->pupils[as->pupil];
        const model_advocate *a = &m->advocates[as->advocate];
        for (int k = 0; k < p->req_languages.n; k++)
            if (!vf_in_list(&a->languages, p->req_languages.v[k]))
                VF_RULE(c, 2, "assignment %s/%s: %s requires %s, which %s does not speak", p->id, a->id, p->id,
                        m->names[p->req_languages.v[k]], a->id);
        if (p->req_gender >= 0 && a->gender != p->req_gender)
            VF_RULE(c, 2, "assignment %s/%s: %s requires gender %s", p->id, a->id, p->id, m->names[p->req_gender]);
        for (int k = 0; k < p->req_experience.n; k++) {
            const model_level *need = &p->req_experience.v[k];
            int have = model_level_of(&a->experience, need->name);
            if (have < need->level)
                VF_RULE(c, 2, "assignment %s/%s: %s requires %s experience %d, %s has %d", p->id, a->id, p->id,
                        m->names[need->name], need->level, a->id, have);
        }
        if (vf_in_list(&p->avoid, as->advocate))
            VF_RULE(c, 2, "assignment %s/%s: %s avoids %s", p->id, a->id, p->id, a->id);
    }
}

/* ---- rules 2 (schools), 3, 4, 5, 6: one visit at a time ---------------- */

static bool vf_in_pupil_windows(const vf_ctx *c, const model_pupil *p, int school, const roster_visit *v) {
    const model_index_list *names = model_pupil_windows_on(p, v->date);
    const model_school *s = &c->m->schools[school];
    int wd = cal_weekday(v->date);
    for (int i = 0; i < names->n; i++) {
        const model_school_window *w = model_school_window_named(s, names->v[i]);
        if (w && cal_windows_covering(&w->entries, wd, v->start, v->end)) return true;
    }
    return false;
}

static void vf_visit_place(vf_ctx *c, const roster_visit *v, int school) {
    const model_programme *m = c->m;
    const model_pupil *p = &m->pupils[v->pupil];
    const model_school *s = &m->schools[school];
    vf_label l = vf_visit(c, v);
    const char *lab = l.s;
    int wd = cal_weekday(v->date);
    if (v->date < m->period_from || v->date > m->period_to)
        VF_RULE(c, 3, "%s: the date is outside the programme period %s..%s", lab, cal_date_str(m->period_from).s,
                cal_date_str(m->period_to).s);
    if (v->end - v->start != p->minutes)
        VF_RULE(c, 3, "%s: lasts %d minutes but %s's visits last %d", lab, v->end - v->start, p->id, p->minutes);
    if (v->start % m->slot_minutes != 0)
        VF_RULE(c, 3, "%s: starts off the %d-minute slot grid", lab, m->slot_minutes);
    if (v->school != school)
        VF_RULE(c, 3, "%s: recorded at %s but %s attends %s on that date", lab, m->schools[v->school].id, p->id, s->id);
    if (!vf_in_pupil_windows(c, p, school, v))
        VF_RULE(c, 3, "%s: %s-%s is inside none of %s's windows at %s on %s", lab, cal_time_str(v->start).s, cal_time_str(v->end).s,
                p->id, s->id, cal_day_name(wd));
    const model_window *w = cal_windows_overlapping(&p->unavailable, wd, v->start, v->end);
    if (w) VF_RULE(c, 3, "%s: overlaps %s's unavailable %s", lab, p->id, vf_window(w).s);
    w = cal_windows_overlapping(&s->no_visits, wd, v->start, v->end);
    if (w) VF_RULE(c, 3, "%s: overlaps %s's no_visits %s", lab, s->id, vf_window(w).s);
    const char *why = NULL;
    if (!cal_school_open(m, school, v->date, &why))
        VF_RULE(c, 4, "%s: %s is closed on %s (%s)", lab, s->id, cal_date_str(v->date).s, why ? why : "closed");
}

static void vf_dbs(vf_ctx *c, int rule, const char *lab, const char *who, const model_dbs *dbs, int date) {
    if (!dbs->set)
        VF_RULE(c, rule, "%s: %s has no DBS check", lab, who);
    else if (date < dbs->cleared)
        VF_RULE(c, rule, "%s: %s's DBS is cleared only from %s", lab, who, cal_date_str(dbs->cleared).s);
    else if (date > dbs->expires)
        VF_RULE(c, rule, "%s: %s's DBS expired on %s", lab, who, cal_date_str(dbs->expires).s);
}

static void vf_visit_advocate(vf_ctx *c, const roster_visit *v, int school) {
    const model_programme *m = c->m;
    const model_advocate *a = &m->advocates[v->advocate];
    vf_label l = vf_visit(c, v);
    int wd = cal_weekday(v->date);
    if (a->schools.n && !vf_in_list(&a->schools, school))
        VF_RULE(c, 2, "%s: %s does not visit %s", l.s, a->id, m->schools[school].id);
    if (!cal_windows_covering(&a->available, wd, v->start, v->end))
        VF_RULE(c, 5, "%s: %s-%s on %s is outside %s's available windows", l.s, cal_time_str(v->start).s, cal_time_str(v->end).s,
                cal_day_name(wd), a->id);
    const model_period *leave = cal_periods_find(&a->leave, v->date);
    if (leave) VF_RULE(c, 5, "%s: %s is on leave %s", l.s, a->id, vf_period(leave).s);
    vf_dbs(c, 5, l.s, a->id, &a->dbs, v->date);
    if (a->course < 0) return;
    const model_course *k = &m->courses[a->course];
    if (!cal_windows_covering(&k->release, wd, v->start, v->end))
        VF_RULE(c, 6, "%s: %s-%s on %s is outside course %s's release", l.s, cal_time_str(v->start).s, cal_time_str(v->end).s,
                cal_day_name(wd), k->id);
    const model_period *block = cal_periods_find(&k->blocks, v->date);
    if (block) VF_RULE(c, 6, "%s: course %s has a block %s", l.s, k->id, vf_period(block).s);
    const char *why = NULL;
    if (k->calendar >= 0 && !cal_calendar_open(&m->calendars[k->calendar], v->date, &why))
        VF_RULE(c, 6, "%s: course %s's calendar %s is closed (%s)", l.s, k->id, m->calendars[k->calendar].id,
                why ? why : "closed");
}

/* ---- rule 7: a pupil's visits per week and per date -------------------- */

static void vf_rule7(vf_ctx *c, vf_key *keys) {
    const model_programme *m = c->m;
    const roster *r = c->r;
    int n = r->n_visits;
    for (int i = 0; i < n; i++) {
        const roster_visit *v = &r->visits[i];
        keys[i] = (vf_key){{v->pupil, v->date, v->start, 0}, i};
    }
    qsort(keys, (size_t)n, sizeof *keys, vf_cmp_key);
    int week_n = 0, date_n = 0;
    bool reported = false;
    for (int i = 0; i < n; i++) {
        const vf_key *k = &keys[i], *prev = i ? &keys[i - 1] : NULL;
        bool same_pupil = prev && prev->k[0] == k->k[0];
        week_n = same_pupil && cal_week_start(prev->k[1]) == cal_week_start(k->k[1]) ? week_n + 1 : 1;
        if (week_n == 1) reported = false;
        date_n = same_pupil && prev->k[1] == k->k[1] ? date_n + 1 : 1;
        const model_pupil *p = &m->pupils[k->k[0]];
        const roster_visit *v = &r->visits[k->idx];
        if (vf_pinned(c, v->date)) continue; /* pinned visits count, but are facts */
        if (week_n > p->per_week && !reported) {
            reported = true;
            VF_RULE(c, 7, "%s: more than %d visits for %s in the week of %s (per_week %d)", vf_visit(c, v).s,
                    p->per_week, p->id, cal_date_str(cal_week_start(v->date)).s, p->per_week);
        }
        if (date_n == 2)
            VF_RULE(c, 7, "%s: a second visit for %s on %s", vf_visit(c, v).s, p->id, cal_date_str(v->date).s);
    }
}

/* ---- rule 8: an advocate's pupils and weekly minutes ------------------- */

static void vf_rule8_pupils(vf_ctx *c) {
    const model_programme *m = c->m;
    int *pupils = calloc((size_t)m->n_advocates + 1, sizeof *pupils);
    if (!pupils) return;
    for (int p = 0; p < m->n_pupils; p++)
        if (c->advocate_of[p] >= 0) pupils[c->advocate_of[p]]++;
    for (int a = 0; a < m->n_advocates; a++) {
        int max = m->advocates[a].max_pupils;
        if (max != MODEL_NO_LIMIT && pupils[a] > max)
            VF_RULE(c, 8, "advocate %s: %d matched pupils but max_pupils is %d", m->advocates[a].id, pupils[a], max);
    }
    free(pupils);
}

static void vf_week_minutes(vf_ctx *c, int advocate, int week, int minutes) {
    const model_advocate *a = &c->m->advocates[advocate];
    if (a->max_minutes_per_week != MODEL_NO_LIMIT && minutes > a->max_minutes_per_week)
        VF_RULE(c, 8, "advocate %s: %d visit minutes in the week of %s but max_minutes_per_week is %d", a->id, minutes,
                cal_date_str(week).s, a->max_minutes_per_week);
    if (a->course < 0) return;
    const model_course *k = &c->m->courses[a->course];
    if (k->max_minutes_per_week != MODEL_NO_LIMIT && minutes > k->max_minutes_per_week)
        VF_RULE(c, 8, "advocate %s: %d visit minutes in the week of %s but course %s releases at most %d", a->id,
                minutes, cal_date_str(week).s, k->id, k->max_minutes_per_week);
}

static void vf_rule8_minutes(vf_ctx *c, vf_key *keys) {
    const roster *r = c->r;
    int n = r->n_visits;
    for (int i = 0; i < n; i++) {
        const roster_visit *v = &r->visits[i];
        keys[i] = (vf_key){{v->advocate, cal_week_start(v->date), 0, 0}, i};
    }
    qsort(keys, (size_t)n, sizeof *keys, vf_cmp_key);
    int sum = 0, planned = 0;
    for (int i = 0; i < n; i++) {
        const roster_visit *v = &r->visits[keys[i].idx];
        sum += v->end - v->start;
        planned += !vf_pinned(c, v->date);
        bool last = i + 1 == n || keys[i + 1].k[0] != keys[i].k[0] || keys[i + 1].k[1] != keys[i].k[1];
        if (!last) continue;
        if (planned) vf_week_minutes(c, keys[i].k[0], keys[i].k[1], sum); /* a week of facts only is history */
        sum = planned = 0;
    }
}

/* ---- rules 9 and 10: engagements of a person, rooms of a school -------- */

/* An engagement: idx >= 0 is a visit, idx < 0 the session occurrence -1-idx. */
static vf_label vf_engagement(const vf_ctx *c, int idx) {
    return idx >= 0 ? vf_visit(c, &c->r->visits[idx]) : vf_session(c, &c->r->sessions[-1 - idx]);
}

static int vf_engagement_place(const vf_ctx *c, int idx) {
    if (idx >= 0) return c->m->schools[c->visit_school[idx]].place;
    return c->m->sessions[c->r->sessions[-1 - idx].session].place;
}

static void vf_rule9(vf_ctx *c, vf_key *keys) {
    const model_programme *m = c->m;
    const roster *r = c->r;
    int n = 0;
    for (int i = 0; i < r->n_visits; i++) {
        const roster_visit *v = &r->visits[i];
        keys[n++] = (vf_key){{v->advocate, v->date, v->start, v->end}, i};
    }
    for (int i = 0; i < r->n_sessions; i++) {
        const roster_session_occurrence *o = &r->sessions[i];
        int same = m->teachers[o->teacher].advocate;
        int person = same >= 0 ? same : m->n_advocates + o->teacher;
        keys[n++] = (vf_key){{person, o->date, o->start, o->end}, -1 - i};
    }
    qsort(keys, (size_t)n, sizeof *keys, vf_cmp_key);
    /* Compare each engagement with the one ending last before it on the
    ** person's date: with no overlap that is its predecessor. */
    int last = -1;
    for (int i = 0; i < n; i++) {
        const vf_key *k = &keys[i];
        if (last < 0 || keys[last].k[0] != k->k[0] || keys[last].k[1] != k->k[1]) {
            last = i;
            continue;
        }
        const vf_key *p = &keys[last];
        if (vf_pinned(c, k->k[1])) {
            /* a pinned date holds only facts */
        } else if (k->k[2] < p->k[3]) {
            VF_RULE(c, 9, "%s: overlaps %s", vf_engagement(c, k->idx).s, vf_engagement(c, p->idx).s);
        } else {
            int from = vf_engagement_place(c, p->idx), to = vf_engagement_place(c, k->idx);
            int travel = model_travel(m, from, to), gap = k->k[2] - p->k[3];
            if (from != to && gap < travel)
                VF_RULE(c, 9, "%s: %d minutes after %s but travel from %s to %s takes %d", vf_engagement(c, k->idx).s,
                        gap, vf_engagement(c, p->idx).s, m->places[from].id, m->places[to].id, travel);
        }
        if (k->k[3] > p->k[3]) last = i;
    }
}

static void vf_rule10(vf_ctx *c, vf_key *keys) {
    const model_programme *m = c->m;
    const roster *r = c->r;
    int n = 0;
    /* k = {school, date, time, +1 start / 0 end}: ends sort first (half-open). */
    for (int i = 0; i < r->n_visits; i++) {
        const roster_visit *v = &r->visits[i];
        keys[n++] = (vf_key){{c->visit_school[i], v->date, v->start, 1}, i};
        keys[n++] = (vf_key){{c->visit_school[i], v->date, v->end, 0}, i};
    }
    for (int i = 0; i < r->n_sessions; i++) {
        const roster_session_occurrence *o = &r->sessions[i];
        int school = m->sessions[o->session].school;
        if (school < 0) continue;
        keys[n++] = (vf_key){{school, o->date, o->start, 1}, -1 - i};
        keys[n++] = (vf_key){{school, o->date, o->end, 0}, -1 - i};
    }
    qsort(keys, (size_t)n, sizeof *keys, vf_cmp_key);
    int under_way = 0;
    for (int i = 0; i < n; i++) {
        const vf_key *k = &keys[i];
        if (i && (keys[i - 1].k[0] != k->k[0] || keys[i - 1].k[1] != k->k[1])) under_way = 0;
        if (!k->k[3]) {
            under_way--;
            continue;
        }
        const model_school *s = &m->schools[k->k[0]];
        if (++under_way > s->rooms && !vf_pinned(c, k->k[1]))
            VF_RULE(c, 10, "%s: %d engagements under way at %s at %s but it has %d room%s",
                    vf_engagement(c, k->idx).s, under_way, s->id, cal_time_str(k->k[2]).s, s->rooms, s->rooms == 1 ? "" : "s");
    }
}

/* ---- rule 11: community sessions --------------------------------------- */

static void vf_session_time(vf_ctx *c, const roster_session_occurrence *o, const char *lab) {
    const model_programme *m = c->m;
    const model_session *s = &m->sessions[o->session];
    int wd = cal_weekday(o->date);
    if (o->place != s->place)
        VF_RULE(c, 11, "%s: recorded at %s but %s is held at %s", lab, m->places[o->place].id, s->id,
                m->places[s->place].id);
    if (o->date < m->period_from || o->date > m->period_to)
        VF_RULE(c, 11, "%s: the date is outside the programme period %s..%s", lab, cal_date_str(m->period_from).s,
                cal_date_str(m->period_to).s);
    if (o->start % m->slot_minutes != 0)
        VF_RULE(c, 11, "%s: starts off the %d-minute slot grid", lab, m->slot_minutes);
    if (o->end - o->start != s->minutes)
        VF_RULE(c, 11, "%s: lasts %d minutes but %s lasts %d", lab, o->end - o->start, s->id, s->minutes);
    if (!cal_windows_covering(&s->when, wd, o->start, o->end))
        VF_RULE(c, 11, "%s: %s-%s on %s is outside %s's when", lab, cal_time_str(o->start).s, cal_time_str(o->end).s,
                cal_day_name(wd), s->id);
    const char *why = NULL;
    if (s->school >= 0 && !cal_school_open(m, s->school, o->date, &why))
        VF_RULE(c, 11, "%s: %s is closed on %s (%s)", lab, m->schools[s->school].id, cal_date_str(o->date).s,
                why ? why : "closed");
}

static void vf_session_teacher(vf_ctx *c, const roster_session_occurrence *o, const char *lab) {
    const model_programme *m = c->m;
    const model_session *s = &m->sessions[o->session];
    const model_teacher *t = &m->teachers[o->teacher];
    int wd = cal_weekday(o->date);
    int level = model_level_of(&t->skills, s->subject);
    if (level < s->min_level)
        VF_RULE(c, 11, "%s: %s has %s at level %d but %s needs %d", lab, t->id, m->names[s->subject], level, s->id,
                s->min_level);
    if (!cal_windows_covering(&t->available, wd, o->start, o->end))
        VF_RULE(c, 11, "%s: %s-%s on %s is outside %s's available windows", lab, cal_time_str(o->start).s, cal_time_str(o->end).s,
                cal_day_name(wd), t->id);
    const model_period *leave = cal_periods_find(&t->leave, o->date);
    if (leave) VF_RULE(c, 11, "%s: %s is on leave %s", lab, t->id, vf_period(leave).s);
    vf_dbs(c, 11, lab, t->id, &t->dbs, o->date);
    bool allowed = t->venues.n ? vf_in_list(&t->venues, s->place) : m->places[s->place].school >= 0;
    if (!allowed)
        VF_RULE(c, 11, "%s: %s may not teach at %s%s", lab, t->id, m->places[s->place].id,
                t->venues.n ? "" : " (not a school, and no venues are listed)");
}

/* Occurrences per week and per date of a session (mode 0), and per week
** of a teacher (mode 1). */
static void vf_session_counts(vf_ctx *c, vf_key *keys, int mode) {
    const model_programme *m = c->m;
    const roster *r = c->r;
    int n = r->n_sessions;
    for (int i = 0; i < n; i++) {
        const roster_session_occurrence *o = &r->sessions[i];
        keys[i] = (vf_key){{mode ? o->teacher : o->session, o->date, o->start, 0}, i};
    }
    qsort(keys, (size_t)n, sizeof *keys, vf_cmp_key);
    int week_n = 0, date_n = 0;
    bool reported = false;
    for (int i = 0; i < n; i++) {
        const vf_key *k = &keys[i], *prev = i ? &keys[i - 1] : NULL;
        bool same = prev && prev->k[0] == k->k[0];
        week_n = same && cal_week_start(prev->k[1]) == cal_week_start(k->k[1]) ? week_n + 1 : 1;
        date_n = same && prev->k[1] == k->k[1] ? date_n + 1 : 1;
        if (week_n == 1) reported = false;
        const roster_session_occurrence *o = &r->sessions[k->idx];
        if (vf_pinned(c, o->date)) continue;
        vf_label l = vf_session(c, o);
        cal_date_text week = cal_date_str(cal_week_start(o->date));
        if (mode) {
            const model_teacher *t = &m->teachers[k->k[0]];
            if (t->max_sessions_per_week != MODEL_NO_LIMIT && week_n > t->max_sessions_per_week && !reported &&
                (reported = true))
                VF_RULE(c, 11, "%s: more than %d sessions for %s in the week of %s (max_sessions_per_week %d)", l.s,
                        t->max_sessions_per_week, t->id, week.s, t->max_sessions_per_week);
            continue;
        }
        const model_session *s = &m->sessions[k->k[0]];
        if (week_n > s->per_week && !reported && (reported = true))
            VF_RULE(c, 11, "%s: more than %d occurrences of %s in the week of %s (per_week %d)", l.s, s->per_week,
                    s->id, week.s, s->per_week);
        if (date_n == 2) VF_RULE(c, 11, "%s: a second occurrence of %s on %s", l.s, s->id, cal_date_str(o->date).s);
    }
}

/* ---- the report's own consistency, objective and status ---------------- */

static void vf_unmatched(vf_ctx *c) {
    const model_programme *m = c->m;
    for (int i = 0; i < c->r->n_unmatched; i++) {
        int p = c->r->unmatched[i].pupil;
        if (vf_ok(p, m->n_pupils) && c->advocate_of[p] >= 0)
            vf_line(c, "unmatched", "pupil %s is listed as unmatched but is matched to %s", m->pupils[p].id,
                    m->advocates[c->advocate_of[p]].id);
    }
}

static void vf_objective_checks(vf_ctx *c) {
    const roster *r = c->r;
    double q = c->old ? verify_objective_previous(c->m, r, c->old, c->has_from, c->from) : verify_objective(c->m, r);
    if (!vf_close(r->value, q)) vf_line(c, "objective", "reported %.12g but the roster's Q is %.12g", r->value, q);
    if (r->bound < r->value && !vf_close(r->bound, r->value))
        vf_line(c, "objective", "bound %.12g is below value %.12g", r->bound, r->value);
    if (r->status == ROSTER_OPTIMAL && !vf_close(r->bound, r->value))
        vf_line(c, "status", "optimal but bound %.12g and value %.12g differ", r->bound, r->value);
    if (r->status == ROSTER_NO_ROSTER && (r->n_visits || r->n_sessions || r->n_assignments))
        vf_line(c, "status", "no_roster but the roster has %d assignments, %d visits and %d sessions",
                r->n_assignments, r->n_visits, r->n_sessions);
}

/* ---- the whole check ---------------------------------------------------- */

static void vf_all_rules(vf_ctx *c, int *ints, unsigned char *days, vf_key *keys) {
    const model_programme *m = c->m;
    const roster *r = c->r;
    int *visits_of = ints, *entries_of = ints + m->n_pupils;
    vf_rule1(c, visits_of);
    vf_rule1_pattern(c, entries_of, days);
    vf_rule2(c);
    for (int i = 0; i < r->n_visits; i++) {
        const roster_visit *v = &r->visits[i];
        c->visit_school[i] = model_pupil_school_on(m, &m->pupils[v->pupil], v->date);
        if (vf_pinned(c, v->date)) continue; /* checked against the previous roster instead */
        vf_visit_place(c, v, c->visit_school[i]);
        vf_visit_advocate(c, v, c->visit_school[i]);
    }
    vf_rule7(c, keys);
    vf_rule8_pupils(c);
    vf_rule8_minutes(c, keys);
    vf_rule9(c, keys);
    vf_rule10(c, keys);
    for (int i = 0; i < r->n_sessions; i++) {
        if (vf_pinned(c, r->sessions[i].date)) continue;
        vf_label l = vf_session(c, &r->sessions[i]);
        vf_session_time(c, &r->sessions[i], l.s);
        vf_session_teacher(c, &r->sessions[i], l.s);
    }
    vf_session_counts(c, keys, 0);
    vf_session_counts(c, keys, 1);
    vf_unmatched(c);
}

static int vf_run(vf_ctx *cp);

int verify_roster(const model_programme *m, const roster *r, FILE *out) {
    vf_ctx c = {m, r, out, 0, NULL, NULL, NULL, false, INT_MIN};
    return vf_run(&c);
}

static bool vf_mid_term(const model_programme *m, bool has_from, int from) { return has_from && from >= m->period_from; }

/* Pinned entries must be exactly the previous roster's entries dated in
** the period before `from`, no more, no fewer. */
static void vf_pinned_identical(vf_ctx *c) {
    const model_programme *m = c->m;
    const roster *r = c->r, *old = c->old;
    size_t n = (size_t)r->n_visits + (size_t)old->n_visits + (size_t)r->n_sessions + (size_t)old->n_sessions + 1;
    vf_key *k = malloc(n * sizeof *k);
    if (!k) return;
    int nk = 0;
    /* k = {date*1440 + start, end*2^20 + school-or-place, 2*pupil (visit) or 2*session+1, advocate-or-teacher};
    ** idx >= 0 for this roster's entries, < 0 for the previous roster's */
    for (int pass = 0; pass < 2; pass++) {
        const roster *x = pass ? old : r;
        for (int i = 0; i < x->n_visits; i++) {
            const roster_visit *v = &x->visits[i];
            if (vf_pinned(c, v->date) && v->date >= m->period_from && v->date <= m->period_to)
                k[nk++] = (vf_key){{v->date * 1440 + v->start, v->end * 1048576 + v->school, 2 * v->pupil, v->advocate},
                                   pass ? -1 - i : i};
        }
        for (int i = 0; i < x->n_sessions; i++) {
            const roster_session_occurrence *o = &x->sessions[i];
            if (vf_pinned(c, o->date) && o->date >= m->period_from && o->date <= m->period_to)
                k[nk++] = (vf_key){{o->date * 1440 + o->start, o->end * 1048576 + o->place, 2 * o->session + 1, o->teacher},
                                   pass ? -1 - i : i};
        }
    }
    qsort(k, (size_t)nk, sizeof *k, vf_cmp_key);
    for (int i = 0; i < nk;) {
        int e = i, mine = 0, theirs = 0;
        for (; e < nk && memcmp(k[e].k, k[i].k, sizeof k[i].k) == 0; e++) {
            if (k[e].idx >= 0) mine++;
            else theirs++;
        }
        if (mine != theirs) {
            const vf_key *x = &k[i];
            bool visit = x->k[2] % 2 == 0;
            vf_line(c, "previous", "%s %s %s %s/%s: %d in the previous roster, %d in this one (dated before %s, so pinned)",
                    visit ? "visit" : "session", cal_date_str(x->k[0] / 1440).s, cal_time_str(x->k[0] % 1440).s,
                    visit ? m->pupils[x->k[2] / 2].id : m->sessions[x->k[2] / 2].id,
                    visit ? m->advocates[x->k[3]].id : m->teachers[x->k[3]].id, theirs, mine, cal_date_str(c->from).s);
        }
        i = e;
    }
    free(k);
}

int verify_roster_previous(const model_programme *m, const roster *r, const roster *old, bool has_from, int from,
                           FILE *out) {
    bool mid = vf_mid_term(m, has_from, from);
    vf_ctx c = {m, r, out, 0, NULL, NULL, old, has_from, mid ? from : INT_MIN};
    if (vf_references(&c)) return c.count;
    if (mid) vf_pinned_identical(&c);
    return vf_run(&c);
}

static int vf_run(vf_ctx *cp) {
    vf_ctx c = *cp;
    const model_programme *m = c.m;
    const roster *r = c.r;
    if (vf_references(&c)) return c.count;
    size_t np = (size_t)m->n_pupils + 1, nv = (size_t)r->n_visits + 1;
    size_t nkeys = 2 * ((size_t)r->n_visits + (size_t)r->n_sessions) + 1;
    int *ints = malloc(3 * np * sizeof *ints);
    unsigned char *days = calloc(np, 1);
    c.visit_school = malloc(nv * sizeof *c.visit_school);
    vf_key *keys = malloc(nkeys * sizeof *keys);
    if (!ints || !days || !c.visit_school || !keys) {
        vf_line(&c, "verify", "out of memory");
    } else {
        c.advocate_of = ints + 2 * np;
        for (size_t i = 0; i < 2 * np; i++) ints[i] = 0;
        for (size_t i = 0; i < np; i++) c.advocate_of[i] = -1;
        vf_all_rules(&c, ints, days, keys);
        vf_objective_checks(&c);
    }
    free(ints);
    free(days);
    free(c.visit_school);
    free(keys);
    return c.count;
}


/* ---- objective (section 5) --------------------------------------------- */

static double vf_match_terms(const model_programme *m, int pupil, int advocate) {
    const model_pupil *p = &m->pupils[pupil];
    const model_advocate *a = &m->advocates[advocate];
    double fit = 0;
    for (int k = 0; k < p->needs.n; k++)
        fit += (double)p->needs.v[k].level * model_level_of(&a->experience, p->needs.v[k].name);
    double q = m->weights.match * fit;
    if (p->previous_advocate == advocate) q += m->weights.continuity;
    for (int k = 0; k < p->prefers.n && k < 3; k++)
        if (p->prefers.v[k] == advocate) {
            q += m->weights.preference * (3 - k);
            break;
        }
    return q;
}

/* Visits whose (weekday, start) is not in their pupil's pattern. */
static long vf_moved(const model_programme *m, const roster *r, int *first) {
    /* first[p]..first[p+1] indexes pattern entries of pupil p in order[]. */
    int *order = malloc(((size_t)r->n_pattern + 1) * sizeof *order);
    if (!order) return 0;
    for (int i = 0; i < r->n_pattern; i++) first[r->pattern[i].pupil + 1]++;
    for (int p = 0; p < m->n_pupils; p++) first[p + 1] += first[p];
    int *fill = first + m->n_pupils + 1;
    for (int p = 0; p < m->n_pupils; p++) fill[p] = first[p];
    for (int i = 0; i < r->n_pattern; i++) order[fill[r->pattern[i].pupil]++] = i;
    long moved = 0;
    for (int i = 0; i < r->n_visits; i++) {
        const roster_visit *v = &r->visits[i];
        int wd = cal_weekday(v->date);
        bool in = false;
        for (int k = first[v->pupil]; k < first[v->pupil + 1] && !in; k++) {
            const roster_pattern_entry *e = &r->pattern[order[k]];
            in = e->weekday == wd && e->start == v->start;
        }
        moved += !in;
    }
    free(order);
    return moved;
}

static long vf_school_days(const roster *r) {
    vf_key *keys = malloc(((size_t)r->n_visits + 1) * sizeof *keys);
    if (!keys) return 0;
    for (int i = 0; i < r->n_visits; i++)
        keys[i] = (vf_key){{r->visits[i].advocate, r->visits[i].date, r->visits[i].school, 0}, 0};
    qsort(keys, (size_t)r->n_visits, sizeof *keys, vf_cmp_key);
    long n = 0;
    for (int i = 0; i < r->n_visits; i++)
        n += i == 0 || memcmp(keys[i].k, keys[i - 1].k, sizeof keys[i].k) != 0;
    free(keys);
    return n;
}

double verify_objective(const model_programme *m, const roster *r) {
    const model_weights *w = &m->weights;
    double q = 0;
    int *seen = calloc((size_t)m->n_pupils * 2 + 2, sizeof *seen);
    if (!seen) return NAN;
    for (int i = 0; i < r->n_assignments; i++) {
        int p = r->assignments[i].pupil;
        if (seen[p]++) continue; /* a pupil is matched once; duplicates are rule 1 */
        q += vf_match_terms(m, p, r->assignments[i].advocate);
    }
    for (int i = 0; i < r->n_visits; i++) q += w->visit * m->pupils[r->visits[i].pupil].priority;
    memset(seen, 0, 2 * ((size_t)m->n_pupils + 1) * sizeof *seen);
    q -= w->moved * (double)vf_moved(m, r, seen);
    q -= w->school_day * (double)vf_school_days(r);
    for (int i = 0; i < r->n_sessions; i++) q += w->session * m->sessions[r->sessions[i].session].priority;
    free(seen);
    return q;
}

/* ---- the disruption terms (docs/rerostering.md) ------------------------ */

static int vf_cmp_int3(const void *x, const void *y) {
    const int *a = x, *b = y;
    for (int i = 0; i < 3; i++)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}

double verify_objective_previous(const model_programme *m, const roster *r, const roster *old, bool has_from, int from) {
    const model_weights *w = &m->weights;
    bool mid = vf_mid_term(m, has_from, from);
    double q = verify_objective(m, r);
    size_t np = (size_t)m->n_pupils + 1;
    int *now = malloc(np * sizeof *now), *before = malloc(np * sizeof *before);
    bool *left = calloc(np, sizeof *left); /* the previous advocate is no longer in the input */
    int *pat = malloc(((size_t)r->n_pattern + 1) * 3 * sizeof *pat);
    if (!now || !before || !left || !pat) {
        free(now), free(before), free(left), free(pat);
        return NAN;
    }
    for (size_t p = 0; p < np; p++) now[p] = before[p] = -1;
    for (int i = 0; i < r->n_assignments; i++) now[r->assignments[i].pupil] = r->assignments[i].advocate;
    for (int i = 0; i < old->n_assignments; i++) before[old->assignments[i].pupil] = old->assignments[i].advocate;
    for (int i = 0; i < old->n_dropped; i++) {
        int p = model_find_pupil(m, old->dropped[i].subject);
        if (p >= 0 && strcmp(old->dropped[i].section, "assignments") == 0) left[p] = true;
    }
    for (int p = 0; p < m->n_pupils; p++) {
        if (mid && (left[p] || before[p] >= 0) && now[p] != before[p]) q -= w->reassign;
        if (!mid && now[p] >= 0 && now[p] == before[p] && m->pupils[p].previous_advocate != now[p]) q += w->continuity;
    }
    for (int i = 0; i < r->n_pattern; i++) {
        size_t k = 3 * (size_t)i;
        pat[k] = r->pattern[i].pupil;
        pat[k + 1] = r->pattern[i].weekday;
        pat[k + 2] = r->pattern[i].start;
    }
    qsort(pat, (size_t)r->n_pattern, 3 * sizeof *pat, vf_cmp_int3);
    for (int i = 0; i < old->n_pattern; i++) {
        const roster_pattern_entry *e = &old->pattern[i];
        int key[3] = {e->pupil, e->weekday, e->start};
        if (now[e->pupil] >= 0 && !bsearch(key, pat, (size_t)r->n_pattern, 3 * sizeof *pat, vf_cmp_int3)) q -= w->repattern;
    }
    free(now), free(before), free(left), free(pat);
    return q;
}
