/*
** explain.c: per-person explanations for one pupil or one session (see
** explain.h). The rule checks are prepare's (prep_pair_rule,
** prep_teacher_rule, the candidate lists); this file only counts, ranks and
** words them, and reads a roster to say what was taken by whom.
*/
#include "explain.h"

#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "textbuf.h"

/* ---- small text helpers ------------------------------------------------- */


static void eb_reset(textbuf *b) {
    b->n = 0;
    b->s[0] = '\0';
}


static const char *ex_name(const model_programme *m, int name) {
    return name >= 0 && name < m->n_names ? m->names[name] : "?";
}

static int ex_add_note(explain_result *e, int cap, const char *text) {
    if (!text || e->n_notes >= cap) return -1;
    e->notes[e->n_notes++] = text;
    return 0;
}

static int ex_begin(explain_result *e, int n_lines, int n_notes) {
    memset(e, 0, sizeof *e);
    e->arena = arena_new();
    if (!e->arena) return -1;
    e->lines = arena_array(e->arena, (size_t)n_lines + 1, sizeof *e->lines);
    e->notes = arena_array(e->arena, (size_t)n_notes + 1, sizeof *e->notes);
    return e->lines && e->notes ? 0 : -1;
}

/* Usable first by value, then slots, then input order; others in input order. */
static int ex_cmp_line(const void *x, const void *y) {
    const explain_line *a = x, *b = y;
    if (a->usable != b->usable) return a->usable ? -1 : 1;
    if (a->usable && a->value != b->value) return a->value > b->value ? -1 : 1;
    if (a->usable && a->slots != b->slots) return a->slots > b->slots ? -1 : 1;
    return (a->who > b->who) - (a->who < b->who);
}

/* ---- what a roster holds around one slot -------------------------------- */

/* An engagement of a person in the roster, for clash checks. */
typedef struct {
    int date, start, end, place;
    const char *what;   /* pupil or session id */
} ex_engagement;

/* The visits a check needs to read, in roster order: listed (from an
** explain_index), or every visit of the roster (at NULL). */
typedef struct {
    const int *at;
    int n;
} ex_some;

static ex_some ex_all(const roster *r) { return (ex_some){NULL, r->n_visits}; }
static const roster_visit *ex_visit(const roster *r, ex_some v, int i) { return &r->visits[v.at ? v.at[i] : i]; }

/* The roster's visits by advocate, pupil and school, each list in roster
** order, so that every reason reads them as a scan of the roster would. */
struct explain_index {
    int *first[3], *at[3]; /* CSR per key: advocate, pupil, school */
};

enum { EX_BY_ADVOCATE, EX_BY_PUPIL, EX_BY_SCHOOL };

static int ex_key(const roster_visit *x, int by) {
    return by == EX_BY_ADVOCATE ? x->advocate : by == EX_BY_PUPIL ? x->pupil : x->school;
}

explain_index *explain_index_new(const model_programme *m, const roster *r) {
    explain_index *ix = calloc(1, sizeof *ix);
    if (!ix) return NULL;
    int nkeys[3] = {m->n_advocates, m->n_pupils, m->n_schools};
    for (int by = 0; by < 3; by++) {
        ix->first[by] = calloc((size_t)nkeys[by] + 2, sizeof(int));
        ix->at[by] = malloc(sizeof(int) * ((size_t)r->n_visits + 1));
        if (!ix->first[by] || !ix->at[by]) {
            explain_index_free(ix);
            return NULL;
        }
        int *first = ix->first[by];
        for (int i = 0; i < r->n_visits; i++) first[ex_key(&r->visits[i], by) + 2]++;
        for (int k = 0; k < nkeys[by]; k++) first[k + 2] += first[k + 1];
        for (int i = 0; i < r->n_visits; i++) ix->at[by][first[ex_key(&r->visits[i], by) + 1]++] = i;
    }
    return ix;
}

void explain_index_free(explain_index *ix) {
    if (!ix) return;
    for (int by = 0; by < 3; by++) free(ix->first[by]), free(ix->at[by]);
    free(ix);
}

/* The visits of one advocate, pupil or school: all of them without an index. */
static ex_some ex_of(const explain_index *ix, const roster *r, int by, int key) {
    if (!ix) return ex_all(r);
    return (ex_some){ix->at[by] + ix->first[by][key], ix->first[by][key + 1] - ix->first[by][key]};
}

/* Every engagement of the person who is advocate adv and/or teacher t;
** vs holds at least adv's visits. */
static ex_engagement *ex_engagements(const model_programme *m, const roster *r, ex_some vs, int adv, int t, int *n) {
    ex_engagement *v = malloc(sizeof *v * (size_t)(vs.n + r->n_sessions + 1));
    *n = 0;
    if (!v) return NULL;
    for (int i = 0; i < vs.n; i++) {
        const roster_visit *x = ex_visit(r, vs, i);
        if (adv >= 0 && x->advocate == adv)
            v[(*n)++] = (ex_engagement){x->date, x->start, x->end, m->schools[x->school].place, m->pupils[x->pupil].id};
    }
    for (int i = 0; i < r->n_sessions; i++) {
        const roster_session_occurrence *x = &r->sessions[i];
        bool mine = (t >= 0 && x->teacher == t) || (adv >= 0 && m->teachers[x->teacher].advocate == adv);
        if (mine) v[(*n)++] = (ex_engagement){x->date, x->start, x->end, x->place, m->sessions[x->session].id};
    }
    return v;
}

/* The engagement that leaves no time (overlap or travel) for [start, end) at place, or NULL. */
static const ex_engagement *ex_clash(const model_programme *m, const ex_engagement *v, int n, int date, int start,
                                     int end, int place) {
    for (int i = 0; i < n; i++) {
        if (v[i].date != date) continue;
        int gap = model_travel(m, v[i].place, place);
        if (v[i].end + gap > start && end + gap > v[i].start) return &v[i];
    }
    return NULL;
}

/* True when the school already has `rooms` engagements under way at some
** moment of [start, end) on date; vs holds at least the school's visits. */
static bool ex_rooms_full(const model_programme *m, const roster *r, ex_some vs, int school, int date, int start,
                          int end) {
    const model_school *s = &m->schools[school];
    for (int t = start; t < end; t += m->slot_minutes) {
        int busy = 0;
        for (int i = 0; i < vs.n; i++) {
            const roster_visit *x = ex_visit(r, vs, i);
            busy += x->school == school && x->date == date && x->start <= t && t < x->end;
        }
        for (int i = 0; i < r->n_sessions; i++) {
            const roster_session_occurrence *x = &r->sessions[i];
            busy += x->place == s->place && x->date == date && x->start <= t && t < x->end;
        }
        if (busy >= s->rooms) return true;
    }
    return false;
}

/* vs holds at least adv's visits. */
static int ex_visit_minutes(const model_programme *m, const roster *r, ex_some vs, int adv, int monday) {
    int total = 0;
    for (int i = 0; i < vs.n; i++) {
        const roster_visit *x = ex_visit(r, vs, i);
        if (x->advocate == adv && cal_week_start(x->date) == monday) total += m->pupils[x->pupil].minutes;
    }
    return total;
}

/* The tighter of an advocate's own weekly cap and their course's. */
static int ex_week_cap(const model_programme *m, int adv) {
    const model_advocate *a = &m->advocates[adv];
    int cap = a->max_minutes_per_week;
    if (a->course >= 0) {
        int c = m->courses[a->course].max_minutes_per_week;
        if (c != MODEL_NO_LIMIT && (cap == MODEL_NO_LIMIT || c < cap)) cap = c;
    }
    return cap;
}

/* ---- pupils ------------------------------------------------------------- */

/* Weeks with at least per_week distinct candidate dates, and the visits
** the candidates allow at most (per week, min(per_week, dates)). */
static void ex_pair_weeks(const prep *p, const prep_pair *pr, int per_week, int *dates, int *weeks, int *visits) {
    const prep_visit *v = prep_visits(p);
    int nw = prep_n_weeks(p);
    int *per = calloc((size_t)nw, sizeof *per);
    *dates = *weeks = *visits = 0;
    if (!per) return;
    int last = -1;
    for (int k = pr->first; k < pr->first + pr->n; k++) {
        if (v[k].date == last) continue;
        last = v[k].date;
        (*dates)++;
        per[prep_week_of(p, v[k].date)]++;
    }
    for (int w = 0; w < nw; w++) {
        *weeks += per[w] >= per_week;
        *visits += per[w] < per_week ? per[w] : per_week;
    }
    free(per);
}

static int ex_pref_rank(const model_pupil *pu, int adv) {
    for (int i = 0; i < pu->prefers.n && i < 3; i++)
        if (pu->prefers.v[i] == adv) return i + 1;
    return 0;
}

/* Capacity rules (rule 8) that rule an advocate out for any new pupil. */
static const char *ex_capacity_block(const model_programme *m, arena *ar, int pupil, int adv) {
    const model_advocate *a = &m->advocates[adv];
    const model_pupil *pu = &m->pupils[pupil];
    if (a->max_pupils == 0) return arena_printf(ar, "%s: max_pupils is 0", a->id);
    if (a->max_minutes_per_week != MODEL_NO_LIMIT && a->max_minutes_per_week < pu->minutes)
        return arena_printf(ar, "%s: max_minutes_per_week %d is less than one %d-minute visit", a->id,
                            a->max_minutes_per_week, pu->minutes);
    if (a->course >= 0) {
        const model_course *c = &m->courses[a->course];
        if (c->max_minutes_per_week != MODEL_NO_LIMIT && c->max_minutes_per_week < pu->minutes)
            return arena_printf(ar, "%s: course %s releases at most %d minutes a week, less than one %d-minute visit",
                                a->id, c->id, c->max_minutes_per_week, pu->minutes);
    }
    return NULL;
}

static void ex_usable_pupil_line(const model_programme *m, const prep *p, const prep_pair *pr, explain_line *l,
                                 arena *ar) {
    const model_pupil *pu = &m->pupils[pr->pupil];
    const model_advocate *a = &m->advocates[pr->advocate];
    const model_weights *w = &m->weights;
    int dates, weeks, visits;
    ex_pair_weeks(p, pr, pu->per_week, &dates, &weeks, &visits);
    textbuf b;
    eb_reset(&b);
    tb_add(&b, "%s: usable: %d feasible visit slot%s on %d date%s, %d of %d weeks with enough dates; up to %d visits "
               "(+%g)", a->id, pr->n, pr->n == 1 ? "" : "s", dates, dates == 1 ? "" : "s", weeks, prep_n_weeks(p),
           visits, w->visit * pu->priority * visits);
    int points = 0;
    for (int i = 0; i < pu->needs.n; i++) points += pu->needs.v[i].level * model_level_of(&a->experience, pu->needs.v[i].name);
    tb_add(&b, "; need x experience %d point%s", points, points == 1 ? "" : "s");
    for (int i = 0, shown = 0; i < pu->needs.n; i++) {
        int e = model_level_of(&a->experience, pu->needs.v[i].name);
        tb_add(&b, "%s%s %dx%d", shown++ ? ", " : " (", ex_name(m, pu->needs.v[i].name), pu->needs.v[i].level, e);
        if (i == pu->needs.n - 1) tb_add(&b, ")");
    }
    tb_add(&b, " (+%g)", w->match * points);
    double value = w->visit * pu->priority * visits + w->match * points;
    if (pu->previous_advocate == pr->advocate) {
        tb_add(&b, "; continuity: previous advocate (+%g)", w->continuity);
        value += w->continuity;
    }
    int rank = ex_pref_rank(pu, pr->advocate);
    if (rank) {
        tb_add(&b, "; preference: the pupil's choice %d (+%g)", rank, w->preference * (4 - rank));
        value += w->preference * (4 - rank);
    }
    if (w->school_day > 0) {
        tb_add(&b, "; cost up to -%g for school days", w->school_day * visits);
        value -= w->school_day * visits;
    }
    tb_add(&b, "; estimated value %g", value);
    *l = (explain_line){pr->advocate, PREP_RULE_OK, true, arena_strdup(ar, b.s), value, pr->n, dates, weeks};
}

/* Why a usable advocate did not take an unmatched pupil in this roster. */
static const char *ex_why_not_used(const model_programme *m, const prep *p, const roster *r, const prep_pair *pr,
                                   arena *ar) {
    const model_advocate *a = &m->advocates[pr->advocate];
    const model_pupil *pu = &m->pupils[pr->pupil];
    textbuf b;
    eb_reset(&b);
    int have = 0;
    for (int i = 0; i < r->n_assignments; i++) have += r->assignments[i].advocate == pr->advocate;
    if (a->max_pupils != MODEL_NO_LIMIT && have >= a->max_pupils) {
        tb_add(&b, "%s is at max_pupils %d (", a->id, a->max_pupils);
        for (int i = 0, k = 0; i < r->n_assignments; i++)
            if (r->assignments[i].advocate == pr->advocate) tb_add(&b, "%s%s", k++ ? ", " : "", m->pupils[r->assignments[i].pupil].id);
        tb_add(&b, ")");
        return arena_strdup(ar, b.s);
    }
    int n_eng;
    ex_engagement *eng = ex_engagements(m, r, ex_all(r), pr->advocate, m->advocates[pr->advocate].teacher, &n_eng);
    if (!eng) return NULL;
    int cap = ex_week_cap(m, pr->advocate), capped = 0, clashed = 0, rooms = 0, free_slots = 0;
    const char *clash_with[4] = {NULL};
    int n_with = 0;
    const prep_visit *v = prep_visits(p);
    for (int k = pr->first; k < pr->first + pr->n; k++) {
        if (cap != MODEL_NO_LIMIT &&
            ex_visit_minutes(m, r, ex_all(r), pr->advocate, cal_week_start(v[k].date)) + pu->minutes > cap) {
            capped++;
            continue;
        }
        const ex_engagement *c = ex_clash(m, eng, n_eng, v[k].date, v[k].start, v[k].end, v[k].place);
        if (c) {
            clashed++;
            bool seen = false;
            for (int i = 0; i < n_with; i++) seen |= strcmp(clash_with[i], c->what) == 0;
            if (!seen && n_with < 4) clash_with[n_with++] = c->what;
            continue;
        }
        if (ex_rooms_full(m, r, ex_all(r), v[k].school, v[k].date, v[k].start, v[k].end)) rooms++;
        else free_slots++;
    }
    free(eng);
    tb_add(&b, "%s (%d of max_pupils %s): of %d slots, ", a->id, have,
           a->max_pupils == MODEL_NO_LIMIT ? "no limit" : arena_printf(ar, "%d", a->max_pupils), pr->n);
    if (cap != MODEL_NO_LIMIT) tb_add(&b, "%d in weeks where %d weekly minutes are used up, ", capped, cap);
    tb_add(&b, "%d taken by other engagements or travel", clashed);
    for (int i = 0; i < n_with; i++) tb_add(&b, "%s%s", i ? ", " : " (", clash_with[i]);
    if (n_with) tb_add(&b, "%s)", clashed > n_with ? ", ..." : "");
    tb_add(&b, ", %d with the school's rooms full, %d still free", rooms, free_slots);
    if (free_slots && r->status == ROSTER_OPTIMAL)
        tb_add(&b, " (free, but no set of them forms a weekly pattern worth more than it costs)");
    else if (free_slots)
        tb_add(&b, " (a better roster may exist: status %s)", roster_status_name(r->status));
    return arena_strdup(ar, b.s);
}

static void ex_roster_pupil_notes(const model_programme *m, const prep *p, const roster *r, int pupil,
                                  explain_result *e, int cap) {
    arena *ar = e->arena;
    textbuf b;
    eb_reset(&b);
    int adv = -1, visits = 0;
    for (int i = 0; i < r->n_assignments; i++)
        if (r->assignments[i].pupil == pupil) adv = r->assignments[i].advocate;
    for (int i = 0; i < r->n_visits; i++) visits += r->visits[i].pupil == pupil;
    if (adv >= 0) {
        tb_add(&b, "now: %s, %d visit%s delivered; weekly pattern", m->advocates[adv].id, visits, visits == 1 ? "" : "s");
        for (int i = 0; i < r->n_pattern; i++) {
            const roster_pattern_entry *x = &r->pattern[i];
            char t[6];
            cal_format_time(x->start, t);
            if (x->pupil == pupil) tb_add(&b, " %s %s", cal_day_name(x->weekday), t);
        }
        ex_add_note(e, cap, arena_strdup(ar, b.s));
        for (int i = 0; i < r->n_missed; i++)
            if (r->missed[i].pupil == pupil)
                ex_add_note(e, cap, arena_printf(ar, "missed week %s: %s", cal_date_str(r->missed[i].week).s,
                                                 r->missed[i].reason ? r->missed[i].reason : "(no reason given)"));
        return;
    }
    ex_add_note(e, cap, "now: unmatched");
    for (int i = 0; i < r->n_unmatched; i++)
        if (r->unmatched[i].pupil == pupil)
            for (int k = 0; k < r->unmatched[i].n_reasons; k++)
                ex_add_note(e, cap, arena_printf(ar, "roster says: %s", r->unmatched[i].reasons[k]));
    int first, n;
    prep_pupil_pairs(p, pupil, &first, &n);
    /* In the ranked order of the lines, so the best candidates come first. */
    for (int l = 0; l < e->n_lines; l++) {
        if (!e->lines[l].usable) continue;
        for (int q = first; q < first + n; q++)
            if (prep_pairs(p)[q].advocate == e->lines[l].who) {
                const char *why = ex_why_not_used(m, p, r, &prep_pairs(p)[q], ar);
                if (why) ex_add_note(e, cap, arena_printf(ar, "not used: %s", why));
            }
    }
}

/* A usable pair a sparse prep left out of the search (prepare.h): what
** the census knows of it, and that the search never tried it. */
static void ex_left_pupil_line(const model_programme *m, const prep *p, int pupil, int adv, explain_line *l,
                               arena *ar) {
    int first, n;
    prep_pupil_left(p, pupil, &first, &n);
    for (int i = first; i < first + n; i++) {
        if (prep_left(p)[i].advocate != adv) continue;
        const unsigned char *d = prep_left_dates(p, i);
        int dates = 0, weeks = 0;
        for (int w = 0; w < prep_n_weeks(p); w++) dates += d[w], weeks += d[w] >= m->pupils[pupil].per_week;
        l->text = arena_printf(ar, "%s: usable: %d feasible visit slots on %d dates, %d of %d weeks with enough "
                               "dates; not searched: the programme has too many candidate visits to search every pair",
                               m->advocates[adv].id, prep_left(p)[i].n, dates, weeks, prep_n_weeks(p));
        l->usable = true, l->slots = prep_left(p)[i].n, l->dates = dates, l->weeks = weeks;
        return;
    }
}

int explain_pupil(const model_programme *m, const prep *p, const roster *r, int pupil, explain_result *e) {
    int cap = m->n_advocates * 2 + (r ? r->n_missed + 8 : 0) + 8;
    if (ex_begin(e, m->n_advocates, cap)) return -1;
    const model_pupil *pu = &m->pupils[pupil];
    e->title = arena_printf(e->arena, "pupil %s at %s%s, %d visit%s of %d minutes a week, priority %d", pu->id,
                            m->schools[pu->school].id, pu->moves ? " (moves school)" : "", pu->per_week,
                            pu->per_week == 1 ? "" : "s", pu->minutes, pu->priority);
    int first, n;
    prep_pupil_pairs(p, pupil, &first, &n);
    for (int a = 0; a < m->n_advocates; a++) {
        explain_line *l = &e->lines[e->n_lines++];
        const char *why;
        prep_rule rule = prep_pair_rule(p, pupil, a, &why);
        *l = (explain_line){.who = a, .rule = rule};
        if (rule != PREP_RULE_OK) {
            l->text = arena_printf(e->arena, "%s: %s", m->advocates[a].id, why);
        } else if ((l->text = ex_capacity_block(m, e->arena, pupil, a)) == NULL) {
            for (int q = first; q < first + n; q++)
                if (prep_pairs(p)[q].advocate == a) ex_usable_pupil_line(m, p, &prep_pairs(p)[q], l, e->arena);
            if (!l->text) ex_left_pupil_line(m, p, pupil, a, l, e->arena);
        }
        if (!l->text) return -1;
    }
    qsort(e->lines, (size_t)e->n_lines, sizeof *e->lines, ex_cmp_line);
    if (r) ex_roster_pupil_notes(m, p, r, pupil, e, cap);
    return 0;
}

/* ---- sessions ----------------------------------------------------------- */

static void ex_usable_teacher_line(const model_programme *m, const prep *p, int sess, int t, explain_line *l,
                                   arena *ar) {
    const model_session *s = &m->sessions[sess];
    const prep_occurrence *o = prep_occurrences(p);
    int nw = prep_n_weeks(p), slots = 0, dates = 0, weeks = 0, occ = 0, last = -1;
    int *per = calloc((size_t)nw, sizeof *per);
    if (!per) return;
    for (int k = 0; k < prep_n_occurrences(p); k++) {
        if (o[k].session != sess || o[k].teacher != t) continue;
        slots++;
        if (o[k].date == last) continue;
        last = o[k].date;
        dates++;
        per[prep_week_of(p, o[k].date)]++;
    }
    int limit = s->per_week;
    const model_teacher *te = &m->teachers[t];
    if (te->max_sessions_per_week != MODEL_NO_LIMIT && te->max_sessions_per_week < limit) limit = te->max_sessions_per_week;
    for (int w = 0; w < nw; w++) {
        weeks += per[w] >= s->per_week;
        occ += per[w] < limit ? per[w] : limit;
    }
    free(per);
    double value = m->weights.session * s->priority * occ;
    l->text = arena_printf(ar, "%s: usable: %d feasible start%s on %d date%s, %d of %d weeks with enough dates; "
                               "up to %d occurrence%s (+%g); %s level %d against min_level %d",
                           te->id, slots, slots == 1 ? "" : "s", dates, dates == 1 ? "" : "s", weeks, nw, occ,
                           occ == 1 ? "" : "s", value, ex_name(m, s->subject), model_level_of(&te->skills, s->subject),
                           s->min_level);
    l->usable = true;
    l->value = value;
    l->slots = slots;
    l->dates = dates;
    l->weeks = weeks;
}

static int ex_sessions_in_week(const roster *r, int t, int monday) {
    int n = 0;
    for (int i = 0; i < r->n_sessions; i++) n += r->sessions[i].teacher == t && cal_week_start(r->sessions[i].date) == monday;
    return n;
}

/* Why teacher t gave no occurrence of sess in the week of monday. */
static const char *ex_teacher_week(const model_programme *m, const prep *p, const roster *r, int sess, int t,
                                   int monday, arena *ar) {
    const model_teacher *te = &m->teachers[t];
    int given = ex_sessions_in_week(r, t, monday);
    if (te->max_sessions_per_week != MODEL_NO_LIMIT && given >= te->max_sessions_per_week) {
        textbuf b;
        eb_reset(&b);
        tb_add(&b, "%s is at max_sessions_per_week %d (", te->id, te->max_sessions_per_week);
        for (int i = 0, k = 0; i < r->n_sessions; i++)
            if (r->sessions[i].teacher == t && cal_week_start(r->sessions[i].date) == monday)
                tb_add(&b, "%s%s %s", k++ ? ", " : "", m->sessions[r->sessions[i].session].id,
                       cal_date_str(r->sessions[i].date).s);
        tb_add(&b, ")");
        return arena_strdup(ar, b.s);
    }
    int n_eng;
    ex_engagement *eng = ex_engagements(m, r, ex_all(r), te->advocate, t, &n_eng);
    if (!eng) return NULL;
    const prep_occurrence *o = prep_occurrences(p);
    int slots = 0, clashed = 0, rooms = 0, free_slots = 0;
    const char *with = NULL;
    for (int k = 0; k < prep_n_occurrences(p); k++) {
        if (o[k].session != sess || o[k].teacher != t || cal_week_start(o[k].date) != monday) continue;
        slots++;
        const ex_engagement *c = ex_clash(m, eng, n_eng, o[k].date, o[k].start, o[k].end, o[k].place);
        if (c) {
            clashed++;
            if (!with) with = c->what;
        } else if (o[k].school >= 0 && ex_rooms_full(m, r, ex_all(r), o[k].school, o[k].date, o[k].start, o[k].end)) {
            rooms++;
        } else {
            free_slots++;
        }
    }
    free(eng);
    if (!slots) return arena_printf(ar, "%s has no feasible start this week", te->id);
    return arena_printf(ar, "%s: of %d starts this week, %d taken by other engagements or travel%s%s%s, "
                            "%d with the rooms full, %d still free",
                        te->id, slots, clashed, with ? " (" : "", with ? with : "", with ? ", ...)" : "", rooms,
                        free_slots);
}

static void ex_roster_session_notes(const model_programme *m, const prep *p, const roster *r, int sess,
                                    explain_result *e, int cap) {
    arena *ar = e->arena;
    textbuf b;
    eb_reset(&b);
    int given = 0;
    for (int i = 0; i < r->n_sessions; i++) given += r->sessions[i].session == sess;
    tb_add(&b, "now: %d occurrence%s delivered", given, given == 1 ? "" : "s");
    for (int t = 0; t < m->n_teachers; t++) {
        int k = 0;
        for (int i = 0; i < r->n_sessions; i++) k += r->sessions[i].session == sess && r->sessions[i].teacher == t;
        if (k) tb_add(&b, "; %s teaches %d", m->teachers[t].id, k);
    }
    ex_add_note(e, cap, arena_strdup(ar, b.s));
    for (int i = 0; i < r->n_unfilled; i++) {
        if (r->unfilled[i].session != sess) continue;
        int monday = r->unfilled[i].week;
        ex_add_note(e, cap, arena_printf(ar, "unfilled week %s: %s", cal_date_str(monday).s,
                                         r->unfilled[i].reason ? r->unfilled[i].reason : "(no reason given)"));
        for (int l = 0; l < e->n_lines; l++)
            if (e->lines[l].usable) {
                const char *why = ex_teacher_week(m, p, r, sess, e->lines[l].who, monday, ar);
                if (why) ex_add_note(e, cap, arena_printf(ar, "  %s", why));
            }
    }
}

int explain_session(const model_programme *m, const prep *p, const roster *r, int sess, explain_result *e) {
    int unfilled = 0;
    for (int i = 0; r && i < r->n_unfilled; i++) unfilled += r->unfilled[i].session == sess;
    int cap = 8 + unfilled * (m->n_teachers + 1);
    if (ex_begin(e, m->n_teachers, cap)) return -1;
    const model_session *s = &m->sessions[sess];
    e->title = arena_printf(e->arena, "session %s at %s: %s at level %d or above, %d minutes, %d a week in %s, priority %d",
                            s->id, m->places[s->place].id, ex_name(m, s->subject), s->min_level, s->minutes,
                            s->per_week, prep_windows_text(p, &s->when), s->priority);
    for (int t = 0; t < m->n_teachers; t++) {
        explain_line *l = &e->lines[e->n_lines++];
        const char *why;
        prep_rule rule = prep_teacher_rule(p, sess, t, &why);
        *l = (explain_line){.who = t, .rule = rule};
        if (rule != PREP_RULE_OK)
            l->text = arena_printf(e->arena, "%s: %s", m->teachers[t].id, why);
        else if (m->teachers[t].max_sessions_per_week == 0)
            l->text = arena_printf(e->arena, "%s: max_sessions_per_week is 0", m->teachers[t].id);
        else
            ex_usable_teacher_line(m, p, sess, t, l, e->arena);
        if (!l->text) return -1;
    }
    qsort(e->lines, (size_t)e->n_lines, sizeof *e->lines, ex_cmp_line);
    if (r) ex_roster_session_notes(m, p, r, sess, e, cap);
    return 0;
}

/* ---- output ------------------------------------------------------------- */

void explain_print(const explain_result *e, FILE *out) {
    fprintf(out, "%s\n", e->title ? e->title : "");
    int usable = 0;
    for (int i = 0; i < e->n_lines; i++) usable += e->lines[i].usable;
    fprintf(out, "usable, best first: %d\n", usable);
    for (int i = 0; i < e->n_lines; i++)
        if (e->lines[i].usable) fprintf(out, "  %d. %s\n", i + 1, e->lines[i].text);
    fprintf(out, "ruled out: %d\n", e->n_lines - usable);
    for (int i = 0; i < e->n_lines; i++)
        if (!e->lines[i].usable) fprintf(out, "  %s\n", e->lines[i].text);
    if (e->n_notes) fprintf(out, "in the roster:\n");
    for (int i = 0; i < e->n_notes; i++) fprintf(out, "  %s\n", e->notes[i]);
}

void explain_free(explain_result *e) {
    if (!e) return;
    arena_free(e->arena);
    memset(e, 0, sizeof *e);
}

/* ---- did you mean ------------------------------------------------------- */

/* Edit distance with a cap: ids are at most 64 characters. */
static int ex_distance(const char *a, const char *b) {
    int la = (int)strlen(a), lb = (int)strlen(b);
    if (la > 64 || lb > 64) return 99;
    int row[65];
    for (int j = 0; j <= lb; j++) row[j] = j;
    for (int i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = i;
        for (int j = 1; j <= lb; j++) {
            int up = row[j];
            int sub = diag + ((a[i - 1] | 32) != (b[j - 1] | 32));
            int best = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
            row[j] = sub < best ? sub : best;
            diag = up;
        }
    }
    return row[lb];
}

void explain_suggest(const model_programme *m, bool sessions, const char *id, char *out, size_t size) {
    int n = sessions ? m->n_sessions : m->n_pupils, limit = (int)strlen(id) / 3 + 1;
    if (size) out[0] = '\0';
    size_t len = 0;
    int shown = 0;
    for (int d = 0; d <= limit && shown < 3; d++)
        for (int i = 0; i < n && shown < 3; i++) {
            const char *cand = sessions ? m->sessions[i].id : m->pupils[i].id;
            if (ex_distance(id, cand) != d) continue;
            int k = snprintf(out + len, size - len, "%s%s", shown++ ? ", " : "", cand);
            if (k < 0 || (size_t)k >= size - len) return;
            len += (size_t)k;
        }
}

/* ---- reasons for the roster's lists ------------------------------------ */

/* Where a roster now says "time is taken" without naming by whom, these
** name it from what the roster holds. They read the finished roster, so
** the solver can call them when it writes missed/unfilled/unmatched. */

const char *explain_missed_reason(const model_programme *m, const prep *p, const roster *r, const explain_index *ix,
                                  int pupil, int adv, int monday, arena *ar) {
    int first, n;
    prep_pupil_pairs(p, pupil, &first, &n);
    const prep_pair *pr = NULL;
    for (int q = first; q < first + n; q++)
        if (prep_pairs(p)[q].advocate == adv) pr = &prep_pairs(p)[q];
    if (!pr) return NULL;
    int n_eng;
    ex_some of_adv = ex_of(ix, r, EX_BY_ADVOCATE, adv), of_pupil = ex_of(ix, r, EX_BY_PUPIL, pupil);
    ex_engagement *eng = ex_engagements(m, r, of_adv, adv, m->advocates[adv].teacher, &n_eng);
    if (!eng) return NULL;
    const model_pupil *pu = &m->pupils[pupil];
    const model_school *sch = NULL;
    int cap = ex_week_cap(m, adv), used = ex_visit_minutes(m, r, of_adv, adv, monday);
    int slots = 0, same_day = 0, clashed = 0, rooms = 0, free_slots = 0, n_with = 0;
    const char *with[4] = {NULL};
    const prep_visit *v = prep_visits(p);
    bool capped = cap != MODEL_NO_LIMIT && used + pu->minutes > cap;
    for (int k = pr->first; k < pr->first + pr->n && !capped; k++) {
        if (cal_week_start(v[k].date) != monday) continue;
        slots++;
        bool visited = false;
        for (int i = 0; i < of_pupil.n; i++) {
            const roster_visit *x = ex_visit(r, of_pupil, i);
            visited |= x->pupil == pupil && x->date == v[k].date;
        }
        const ex_engagement *c = visited ? NULL : ex_clash(m, eng, n_eng, v[k].date, v[k].start, v[k].end, v[k].place);
        if (visited) {
            same_day++;
        } else if (c) {
            clashed++;
            bool seen = false;
            for (int i = 0; i < n_with; i++) seen |= strcmp(with[i], c->what) == 0;
            if (!seen && n_with < 4) with[n_with++] = c->what;
        } else if (ex_rooms_full(m, r, ex_of(ix, r, EX_BY_SCHOOL, v[k].school), v[k].school, v[k].date, v[k].start,
                                 v[k].end)) {
            rooms++;
            sch = &m->schools[v[k].school];
        } else {
            free_slots++;
        }
    }
    free(eng);
    if (capped)
        return arena_printf(ar, "%s at max_minutes_per_week this week (%d of %d minutes used)", m->advocates[adv].id,
                            used, cap);
    textbuf b;
    eb_reset(&b);
    tb_add(&b, "no free slot left with %s this week: of %d slots", m->advocates[adv].id, slots);
    if (same_day) tb_add(&b, ", %d on a date the pupil is already visited", same_day);
    if (clashed) {
        tb_add(&b, ", %d taken by %s's other engagements or travel (", clashed, m->advocates[adv].id);
        for (int i = 0; i < n_with; i++) tb_add(&b, "%s%s", i ? ", " : "", with[i]);
        tb_add(&b, "%s)", clashed > n_with ? ", ..." : "");
    }
    if (rooms) tb_add(&b, ", %d while %s's %d room%s in use", rooms, sch->id, sch->rooms, sch->rooms == 1 ? " is" : "s are");
    if (free_slots) tb_add(&b, ", %d still free (status %s)", free_slots, roster_status_name(r->status));
    return arena_strdup(ar, b.s);
}

const char *explain_unfilled_reason(const model_programme *m, const prep *p, const roster *r, int sess, int monday,
                                    arena *ar) {
    textbuf b;
    eb_reset(&b);
    int shown = 0;
    for (int t = 0; t < m->n_teachers; t++) {
        const char *why;
        if (prep_teacher_rule(p, sess, t, &why) != PREP_RULE_OK) continue;
        const char *w = ex_teacher_week(m, p, r, sess, t, monday, ar);
        if (!w) return NULL;
        if (shown++ < 3) tb_add(&b, "%s%s", shown > 1 ? "; " : "", w);
    }
    if (!shown) return NULL;
    if (shown > 3) tb_add(&b, "; and %d more qualified teachers", shown - 3);
    return arena_strdup(ar, b.s);
}

const char *explain_full_reason(const model_programme *m, const prep *p, const roster *r, int pupil, arena *ar) {
    int first, n;
    prep_pupil_pairs(p, pupil, &first, &n);
    textbuf b;
    eb_reset(&b);
    tb_add(&b, "every compatible advocate is at max_pupils:");
    for (int q = first; q < first + n; q++) {
        int adv = prep_pairs(p)[q].advocate, have = 0;
        for (int i = 0; i < r->n_assignments; i++) have += r->assignments[i].advocate == adv;
        if (m->advocates[adv].max_pupils == MODEL_NO_LIMIT || have < m->advocates[adv].max_pupils) return NULL;
        if (have == 0) { /* max_pupils 0: nothing to list */
            tb_add(&b, "%s %s (max_pupils 0)", q > first ? ";" : "", m->advocates[adv].id);
            continue;
        }
        tb_add(&b, "%s %s (%d:", q > first ? ";" : "", m->advocates[adv].id, have);
        for (int i = 0, k = 0; i < r->n_assignments; i++)
            if (r->assignments[i].advocate == adv) tb_add(&b, "%s %s", k++ ? "," : "", m->pupils[r->assignments[i].pupil].id);
        tb_add(&b, ")");
    }
    return n ? arena_strdup(ar, b.s) : NULL;
}
