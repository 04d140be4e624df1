/*
** advice.c: recruitment advice from what-if re-solves (see advice.h).
**
** The choice of a hypothetical person (which weekdays and hours, which
** languages) is a heuristic over the inputs; whether it helps is decided
** only by loading it through the loader and re-solving: the numbers people
** read come from that roster.
*/
#include "advice.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "prepare.h"

#define ADV_MAX_LANGS 8
#define ADV_SLOTS (24 * 60)

typedef struct {
    advice_kind kind;
    int school, gender, session;
    int langs[ADV_MAX_LANGS], n_langs;
    int *pupils, n_pupils;
    int targets;            /* pupils, missed visits or unfilled weeks */
    double lost;            /* the objective the shortfall costs, for ordering */
} adv_group;

typedef struct {
    char *s;
    size_t n, cap;
    int failed;
} adv_buf;

static void ab_add(adv_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ab_add(adv_buf *b, const char *fmt, ...) {
    for (int attempt = 0; attempt < 2 && !b->failed; attempt++) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (k < 0) break;
        if (b->s && b->n + (size_t)k < b->cap) {
            b->n += (size_t)k;
            return;
        }
        size_t cap = (b->cap ? b->cap : 256);
        while (cap <= b->n + (size_t)k) cap *= 2;
        char *s = realloc(b->s, cap);
        if (!s) b->failed = 1;
        else b->s = s, b->cap = cap;
    }
}

static const char *ab_keep(adv_buf *b, arena *a) {
    const char *s = b->failed || !b->s ? NULL : arena_strdup(a, b->s);
    free(b->s);
    memset(b, 0, sizeof *b);
    return s;
}

static const char *adv_name(const model_programme *m, int name) {
    return name >= 0 && name < m->n_names ? m->names[name] : "?";
}

static void ab_time(adv_buf *b, int minutes) {
    char t[6];
    cal_format_time(minutes, t);
    ab_add(b, "%s", t);
}

static void ab_date(adv_buf *b, int date) {
    char d[11];
    cal_format_date(date, d);
    ab_add(b, "%s", d);
}

/* ---- grouping the shortfall -------------------------------------------- */

static int cmp_int(const void *x, const void *y) {
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

/* The group of kind for pupil (same school, gender and languages), created on demand. */
static adv_group *pupil_group(adv_group *g, int *n, advice_kind kind, const model_programme *m, int pupil) {
    const model_pupil *p = &m->pupils[pupil];
    int langs[ADV_MAX_LANGS] = {0}, nl = 0;
    for (int i = 0; i < p->req_languages.n && nl < ADV_MAX_LANGS; i++) langs[nl++] = p->req_languages.v[i];
    qsort(langs, (size_t)nl, sizeof *langs, cmp_int);
    for (int i = 0; i < *n; i++)
        if (g[i].kind == kind && g[i].school == p->school && g[i].gender == p->req_gender && g[i].n_langs == nl &&
            memcmp(g[i].langs, langs, sizeof(int) * (size_t)nl) == 0)
            return &g[i];
    adv_group *x = &g[(*n)++];
    *x = (adv_group){.kind = kind, .school = p->school, .gender = p->req_gender, .session = -1, .n_langs = nl};
    memcpy(x->langs, langs, sizeof(int) * (size_t)nl);
    x->pupils = calloc((size_t)m->n_pupils + 1, sizeof *x->pupils);
    return x->pupils ? x : NULL;
}

/* Some date of the week, in the period, on which the school is open on a
** weekday the pupil has a window: only such a missed visit could be made up. */
static bool pupil_week_helpable(const model_programme *m, int pupil, int monday) {
    const model_pupil *p = &m->pupils[pupil];
    for (int d = monday; d < monday + 7; d++) {
        if (d < m->period_from || d > m->period_to) continue;
        int school = model_pupil_school_on(m, p, d);
        if (!cal_school_open(m, school, d, NULL)) continue;
        const model_index_list *wins = model_pupil_windows_on(p, d);
        for (int i = 0; i < wins->n; i++) {
            const model_school_window *w = model_school_window_named(&m->schools[school], wins->v[i]);
            for (int k = 0; w && k < w->entries.n; k++)
                if (w->entries.v[k].days >> cal_weekday(d) & 1u) return true;
        }
    }
    return false;
}

static bool session_week_helpable(const model_programme *m, int sess, int monday) {
    const model_session *s = &m->sessions[sess];
    for (int d = monday; d < monday + 7; d++) {
        if (d < m->period_from || d > m->period_to) continue;
        if (s->school >= 0 && !cal_school_open(m, s->school, d, NULL)) continue;
        for (int i = 0; i < s->when.n; i++)
            if (s->when.v[i].days >> cal_weekday(d) & 1u) return true;
    }
    return false;
}

static int collect_groups(const model_programme *m, const roster *r, int weeks, adv_group **out) {
    int cap = r->n_unmatched + r->n_missed + m->n_sessions + 1, n = 0;
    adv_group *g = calloc((size_t)cap, sizeof *g);
    if (!g) return -1;
    for (int i = 0; i < r->n_unmatched; i++) {
        int p = r->unmatched[i].pupil;
        adv_group *x = pupil_group(g, &n, ADVICE_UNMATCHED, m, p);
        if (!x) goto fail;
        x->pupils[x->n_pupils++] = p;
        x->targets++;
        x->lost += m->weights.visit * m->pupils[p].priority * m->pupils[p].per_week * weeks;
    }
    for (int i = 0; i < r->n_missed; i++) {
        int p = r->missed[i].pupil;
        if (!pupil_week_helpable(m, p, r->missed[i].week)) continue;
        adv_group *x = pupil_group(g, &n, ADVICE_MISSED, m, p);
        if (!x) goto fail;
        bool seen = false;
        for (int k = 0; k < x->n_pupils; k++) seen |= x->pupils[k] == p;
        if (!seen) x->pupils[x->n_pupils++] = p;
        x->targets++;
        x->lost += m->weights.visit * m->pupils[p].priority;
    }
    for (int s = 0; s < m->n_sessions; s++) {
        int helpable = 0;
        for (int i = 0; i < r->n_unfilled; i++)
            helpable += r->unfilled[i].session == s && session_week_helpable(m, s, r->unfilled[i].week);
        if (!helpable) continue;
        g[n++] = (adv_group){.kind = ADVICE_UNFILLED, .school = m->sessions[s].school, .gender = -1, .session = s,
                             .targets = helpable, .lost = m->weights.session * m->sessions[s].priority * helpable};
    }
    *out = g;
    return n;
fail:
    for (int i = 0; i < n; i++) free(g[i].pupils);
    free(g);
    return -1;
}

static int cmp_group(const void *x, const void *y) {
    const adv_group *a = x, *b = y;
    if (a->lost != b->lost) return a->lost > b->lost ? -1 : 1;
    if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
    return (a->school > b->school) - (a->school < b->school);
}

/* Largest gain first; ties keep the order the groups were tried in. */
static int cmp_item(const void *x, const void *y) {
    const advice_item *a = x, *b = y;
    if (a->gain != b->gain) return a->gain > b->gain ? -1 : 1;
    return (a->order > b->order) - (a->order < b->order);
}

/* ---- the hypothetical advocate's hours --------------------------------- */

/* A visit of pupil starting at t on weekday wd fits the pupil's windows at
** their school and avoids unavailable and no_visits. Only a heuristic for
** choosing hours: the re-solve applies every rule. */
static bool pupil_start_fits(const model_programme *m, int pupil, int wd, int t) {
    const model_pupil *p = &m->pupils[pupil];
    const model_school *s = &m->schools[p->school];
    int end = t + p->minutes;
    if (end > ADV_SLOTS) return false;
    bool in = false;
    for (int i = 0; i < p->windows.n && !in; i++) {
        const model_school_window *w = model_school_window_named(s, p->windows.v[i]);
        in = w && cal_windows_covering(&w->entries, wd, t, end);
    }
    return in && !cal_windows_overlapping(&p->unavailable, wd, t, end) &&
           !cal_windows_overlapping(&s->no_visits, wd, t, end);
}

/* Weekdays and hours where most of the group's pupils can be visited, until
** the hours hold the group's weekly visits. Returns the number of windows. */
static int choose_hours(const model_programme *m, const adv_group *g, model_window *out) {
    int slot = m->slot_minutes, ns = ADV_SLOTS / slot, need = 0, max_minutes = 0, max_per_week = 1, total_minutes = 0;
    for (int i = 0; i < g->n_pupils; i++) {
        const model_pupil *p = &m->pupils[g->pupils[i]];
        need += p->per_week;
        total_minutes += p->minutes * p->per_week;
        if (p->minutes > max_minutes) max_minutes = p->minutes;
        if (p->per_week > max_per_week) max_per_week = p->per_week;
    }
    int avg = need ? total_minutes / need : 60, n = 0, held = 0;
    bool used[7] = {false};
    int *count = calloc((size_t)ns * 7, sizeof *count);
    if (!count) return 0;
    for (int wd = 0; wd < 7; wd++)
        for (int k = 0; k < ns; k++)
            for (int i = 0; i < g->n_pupils; i++) count[wd * ns + k] += pupil_start_fits(m, g->pupils[i], wd, k * slot);
    while (n < 7 && (held < need || n < max_per_week)) {
        int best_wd = -1, best_k = 0, best_c = 0, best_len = 0;
        for (int wd = 0; wd < 7; wd++) {
            if (used[wd]) continue;
            for (int k = 0; k < ns; k++) {
                int c = count[wd * ns + k], len = 0;
                if (c == 0) continue;
                while (k + len < ns && count[wd * ns + k + len] == c) len++;
                if (c > best_c || (c == best_c && len > best_len)) best_wd = wd, best_k = k, best_c = c, best_len = len;
            }
        }
        if (best_wd < 0) break;
        used[best_wd] = true;
        int start = best_k * slot, end = (best_k + best_len - 1) * slot + max_minutes;
        if (end > ADV_SLOTS) end = ADV_SLOTS;
        out[n++] = (model_window){.days = (model_days)(1u << best_wd), .start = start, .end = end};
        held += (end - start) / (avg > 0 ? avg : 60);
    }
    free(count);
    return n;
}

/* ---- the hypothetical person as input YAML ----------------------------- */

static const char *fresh_id(const model_programme *m, arena *a, const char *stem, int k) {
    for (;; k++) {
        const char *id = arena_printf(a, "%s-%d", stem, k);
        if (!id) return NULL;
        if (model_find_advocate(m, id) < 0 && model_find_teacher(m, id) < 0 && model_find_pupil(m, id) < 0) return id;
    }
}

static void ab_windows_yaml(adv_buf *b, const model_window *w, int n) {
    ab_add(b, "[");
    for (int i = 0; i < n; i++) {
        ab_add(b, "%s{days: [", i ? ", " : "");
        for (int d = 0, k = 0; d < 7; d++)
            if (w[i].days >> d & 1u) ab_add(b, "%s%s", k++ ? ", " : "", cal_day_name(d));
        ab_add(b, "], start: \"");
        ab_time(b, w[i].start);
        ab_add(b, "\", end: \"");
        ab_time(b, w[i].end);
        ab_add(b, "\"}");
    }
    ab_add(b, "]");
}

static void ab_windows_words(adv_buf *b, const model_window *w, int n) {
    for (int i = 0; i < n; i++) {
        ab_add(b, "%s", i ? (i == n - 1 ? " and " : ", ") : "");
        for (int d = 0, k = 0; d < 7; d++)
            if (w[i].days >> d & 1u) ab_add(b, "%s%s", k++ ? "," : "", cal_day_name(d));
        ab_add(b, " ");
        ab_time(b, w[i].start);
        ab_add(b, "-");
        ab_time(b, w[i].end);
    }
}

/* The highest level of each experience the group's pupils require. */
static int group_experience(const model_programme *m, const adv_group *g, model_level *out, int cap) {
    int n = 0;
    for (int i = 0; i < g->n_pupils; i++) {
        const model_level_list *l = &m->pupils[g->pupils[i]].req_experience;
        for (int k = 0; k < l->n; k++) {
            int j = 0;
            while (j < n && out[j].name != l->v[k].name) j++;
            if (j == n && n < cap) out[n++] = (model_level){.name = l->v[k].name, .level = 0};
            if (j < n && l->v[k].level > out[j].level) out[j].level = l->v[k].level;
        }
    }
    return n;
}

/* proposal and yaml for an advocate aimed at group g. */
static int advocate_proposal(const model_programme *m, const adv_group *g, const char *id, arena *a,
                             const char **proposal, const char **yaml) {
    model_window hours[7];
    int nh = choose_hours(m, g, hours);
    if (nh == 0) return -1;
    model_level exp[16];
    int ne = group_experience(m, g, exp, 16);
    const char *school = m->schools[g->school].id;
    adv_buf y = {0}, w = {0};
    ab_add(&y, "advocates:\n  - id: %s\n    name: hypothetical advocate (roster advice)\n    kind: volunteer\n", id);
    ab_add(&w, "one more volunteer advocate");
    if (ne) {
        ab_add(&y, "    experience: {");
        ab_add(&w, " with");
        for (int i = 0; i < ne; i++) {
            ab_add(&y, "%s%s: %d", i ? ", " : "", adv_name(m, exp[i].name), exp[i].level);
            ab_add(&w, "%s %s at level %d", i ? " and" : "", adv_name(m, exp[i].name), exp[i].level);
        }
        ab_add(&y, "}\n");
    }
    if (g->n_langs) {
        ab_add(&y, "    languages: [");
        ab_add(&w, "%s speaking", ne ? "," : "");
        for (int i = 0; i < g->n_langs; i++) {
            ab_add(&y, "%s%s", i ? ", " : "", adv_name(m, g->langs[i]));
            ab_add(&w, "%s %s", i ? " and" : "", adv_name(m, g->langs[i]));
        }
        ab_add(&y, "]\n");
    }
    if (g->gender >= 0) {
        ab_add(&y, "    gender: %s\n", adv_name(m, g->gender));
        ab_add(&w, " (%s)", adv_name(m, g->gender));
    }
    ab_add(&y, "    available: ");
    ab_windows_yaml(&y, hours, nh);
    ab_add(&y, "\n    dbs: {cleared: ");
    ab_date(&y, m->period_from);
    ab_add(&y, ", expires: ");
    ab_date(&y, m->period_to);
    ab_add(&y, "}\n    schools: [%s]\n", school);
    ab_add(&w, ", free ");
    ab_windows_words(&w, hours, nh);
    ab_add(&w, " at %s", school);
    *yaml = ab_keep(&y, a);
    *proposal = ab_keep(&w, a);
    return *yaml && *proposal ? 0 : -1;
}

static int teacher_proposal(const model_programme *m, const adv_group *g, const char *id, arena *a,
                            const char **proposal, const char **yaml) {
    const model_session *s = &m->sessions[g->session];
    const char *place = m->places[s->place].id;
    adv_buf y = {0}, w = {0};
    ab_add(&y, "community_teachers:\n  - id: %s\n    name: hypothetical teacher (roster advice)\n", id);
    ab_add(&y, "    skills: {%s: %d}\n    available: ", adv_name(m, s->subject), s->min_level);
    ab_windows_yaml(&y, s->when.v, s->when.n);
    ab_add(&y, "\n    dbs: {cleared: ");
    ab_date(&y, m->period_from);
    ab_add(&y, ", expires: ");
    ab_date(&y, m->period_to);
    ab_add(&y, "}\n    venues: [%s]\n", place);
    ab_add(&w, "one more community teacher with %s at level %d, free ", adv_name(m, s->subject), s->min_level);
    ab_windows_words(&w, s->when.v, s->when.n);
    ab_add(&w, " at %s", place);
    *yaml = ab_keep(&y, a);
    *proposal = ab_keep(&w, a);
    return *yaml && *proposal ? 0 : -1;
}

/* ---- evidence ----------------------------------------------------------- */

static const char *rule_words(prep_rule r) {
    switch (r) {
    case PREP_RULE_AVOID: return "on an avoid list";
    case PREP_RULE_LANGUAGES: return "lack a required language";
    case PREP_RULE_GENDER: return "not of the required gender";
    case PREP_RULE_EXPERIENCE: return "below the required experience";
    case PREP_RULE_DBS: return "no DBS check";
    case PREP_RULE_SCHOOLS: return "do not visit the school";
    case PREP_RULE_NO_DATE: return "no possible date";
    case PREP_RULE_NO_TIME: return "no common time";
    default: return "compatible but not free in the roster (max_pupils, weekly minutes or time taken)";
    }
}

static void ab_pupil_ids(adv_buf *b, const model_programme *m, const int *v, int n) {
    for (int i = 0; i < n && i < 8; i++) ab_add(b, "%s%s", i ? ", " : "", m->pupils[v[i]].id);
    if (n > 8) ab_add(b, ", and %d more", n - 8);
}

/* The roster's own reasons for the group's missed visits, most frequent first. */
static void missed_reasons(adv_buf *b, const model_programme *m, const roster *r, const adv_group *g) {
    const char *why[6];
    int count[6], n = 0;
    for (int i = 0; i < r->n_missed; i++) {
        bool mine = false;
        for (int k = 0; k < g->n_pupils; k++) mine |= g->pupils[k] == r->missed[i].pupil;
        if (!mine || !r->missed[i].reason || !pupil_week_helpable(m, r->missed[i].pupil, r->missed[i].week)) continue;
        int j = 0;
        while (j < n && strcmp(why[j], r->missed[i].reason) != 0) j++;
        if (j == n && n < 6) why[n] = r->missed[i].reason, count[n++] = 0;
        if (j < n) count[j]++;
    }
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (count[j] > count[i]) {
                const char *w = why[i];
                int c = count[i];
                why[i] = why[j], count[i] = count[j], why[j] = w, count[j] = c;
            }
    ab_add(b, "; missed because: ");
    for (int i = 0; i < n && i < 3; i++) ab_add(b, "%s%s (%d)", i ? ", " : "", why[i], count[i]);
}

/* What keeps the existing advocates from the group: each advocate counted
** once, under the rule that rules them out for most of the group. */
static const char *group_evidence(const model_programme *m, const prep *p, const roster *r, const adv_group *g,
                                  arena *a) {
    adv_buf b = {0};
    if (g->kind == ADVICE_UNFILLED) {
        const model_session *s = &m->sessions[g->session];
        ab_add(&b, "%s is unfilled in %d week%s that could be held; teachers: ", s->id, g->targets, g->targets == 1 ? "" : "s");
        int counts[PREP_RULE_NO_TIME + 1] = {0};
        for (int t = 0; t < m->n_teachers; t++) {
            const char *why;
            counts[prep_teacher_rule(p, g->session, t, &why)]++;
        }
        static const char *const words[PREP_RULE_NO_TIME + 1] = {
            "qualified but taken", "", "", "", "below min_level", "no DBS check", "venue not allowed", "no possible date", "no common time"};
        int shown = 0;
        for (int k = 0; k <= PREP_RULE_NO_TIME; k++)
            if (counts[k]) ab_add(&b, "%s%d %s", shown++ ? ", " : "", counts[k], words[k]);
        if (!shown) ab_add(&b, "none");
        return ab_keep(&b, a);
    }
    ab_add(&b, "%d %s at %s (", g->kind == ADVICE_UNMATCHED ? g->n_pupils : g->targets,
           g->kind == ADVICE_UNMATCHED ? (g->n_pupils == 1 ? "unmatched pupil" : "unmatched pupils")
                                       : (g->targets == 1 ? "missed visit" : "missed visits of pupils"),
           m->schools[g->school].id);
    ab_pupil_ids(&b, m, g->pupils, g->n_pupils);
    ab_add(&b, "); existing advocates: ");
    int counts[PREP_RULE_NO_TIME + 1] = {0};
    for (int adv = 0; adv < m->n_advocates; adv++) {
        int per[PREP_RULE_NO_TIME + 1] = {0}, best = 0;
        for (int i = 0; i < g->n_pupils; i++) {
            const char *why;
            per[prep_pair_rule(p, g->pupils[i], adv, &why)]++;
        }
        for (int k = 1; k <= PREP_RULE_NO_TIME; k++)
            if (per[k] > per[best]) best = k;
        counts[best]++;
    }
    int shown = 0;
    for (int k = 1; k <= PREP_RULE_NO_TIME + 1; k++) {
        int rule = k % (PREP_RULE_NO_TIME + 1); /* the compatible ones last */
        if (!counts[rule]) continue;
        ab_add(&b, "%s%d %s", shown++ ? ", " : "", counts[rule],
               rule || g->kind == ADVICE_UNMATCHED ? rule_words((prep_rule)rule) : "compatible");
    }
    if (!shown) ab_add(&b, "none");
    if (g->kind == ADVICE_MISSED) missed_reasons(&b, m, r, g);
    return ab_keep(&b, a);
}

/* ---- what-if ------------------------------------------------------------ */

typedef struct {
    const char *const *names;
    const char *const *buffers;
    const int *lengths;
    int n;
    solve_options so;
} adv_inputs;

/* Load the inputs plus yaml, solve; the caller frees *mm and *rr. */
static int what_if(const adv_inputs *in, const char *yaml, model_programme **mm, roster **rr, double *secs,
                   diag_list *d) {
    const char **names = calloc((size_t)in->n + 1, sizeof *names);
    const char **bufs = calloc((size_t)in->n + 1, sizeof *bufs);
    int *lens = calloc((size_t)in->n + 1, sizeof *lens);
    int rc = -1;
    *mm = NULL;
    *rr = NULL;
    if (!names || !bufs || !lens) goto out;
    for (int i = 0; i < in->n; i++) names[i] = in->names[i], bufs[i] = in->buffers[i], lens[i] = in->lengths[i];
    names[in->n] = "(advice what-if)";
    bufs[in->n] = yaml;
    lens[in->n] = (int)strlen(yaml);
    *mm = model_load_buffers(names, bufs, lens, in->n + 1, d);
    if (!*mm) goto out;
    prep *p = solve_prepare(*mm, NULL);
    *rr = roster_new();
    solve_stats st;
    if (p && *rr && solve_run(*mm, p, &in->so, *rr, &st, d) == 0) {
        *secs = st.seconds;
        rc = 0;
    }
    prep_free(p);
out:
    free(names);
    free(bufs);
    free(lens);
    return rc;
}

static int pupil_visits(const model_programme *m, const roster *r, const char *id) {
    int p = model_find_pupil(m, id), n = 0;
    for (int i = 0; i < r->n_visits; i++) n += r->visits[i].pupil == p;
    return n;
}

static bool pupil_matched(const model_programme *m, const roster *r, const char *id) {
    int p = model_find_pupil(m, id);
    for (int i = 0; i < r->n_assignments; i++)
        if (r->assignments[i].pupil == p) return true;
    return false;
}

static int session_in_week(const roster *r, int sess, int monday) {
    int n = 0;
    for (int i = 0; i < r->n_sessions; i++) n += r->sessions[i].session == sess && cal_week_start(r->sessions[i].date) == monday;
    return n;
}

/* Count what the what-if delivered for the group, and word the outcome. */
static void measure(const model_programme *m, const roster *r, const adv_group *g, const model_programme *m2,
                    const roster *r2, advice_item *it, double limit, arena *a) {
    adv_buf b = {0};
    it->matched_after = r2->n_assignments;
    it->visits_after = r2->n_visits;
    it->sessions_after = r2->n_sessions;
    it->status = r2->status;
    char first = (char)(it->proposal[0] >= 'a' && it->proposal[0] <= 'z' ? it->proposal[0] - 32 : it->proposal[0]);
    ab_add(&b, "%c%s would ", first, it->proposal + 1);
    if (g->kind == ADVICE_UNMATCHED) {
        it->covered_ids = arena_array(a, (size_t)g->n_pupils + 1, sizeof *it->covered_ids);
        int visits = 0;
        for (int i = 0; i < g->n_pupils && it->covered_ids; i++) {
            const char *id = m->pupils[g->pupils[i]].id;
            if (!pupil_matched(m2, r2, id)) continue;
            it->covered_ids[it->n_covered_ids++] = id;
            visits += pupil_visits(m2, r2, id);
            it->gain += m->weights.visit * m->pupils[g->pupils[i]].priority * pupil_visits(m2, r2, id);
        }
        it->covered = it->n_covered_ids;
        if (it->covered) {
            ab_add(&b, "cover %d more pupil%s (", it->covered, it->covered == 1 ? "" : "s");
            for (int i = 0; i < it->n_covered_ids; i++) ab_add(&b, "%s%s", i ? ", " : "", it->covered_ids[i]);
            ab_add(&b, ") with %d visit%s", visits, visits == 1 ? "" : "s");
        } else {
            ab_add(&b, "cover none of these pupils");
        }
    } else if (g->kind == ADVICE_MISSED) {
        int before = 0, after = 0;
        for (int i = 0; i < g->n_pupils; i++) {
            int b0 = pupil_visits(m, r, m->pupils[g->pupils[i]].id), a0 = pupil_visits(m2, r2, m->pupils[g->pupils[i]].id);
            before += b0;
            after += a0;
            it->gain += m->weights.visit * m->pupils[g->pupils[i]].priority * (a0 - b0);
        }
        it->covered = after > before ? after - before : 0;
        if (after > before) ab_add(&b, "deliver %d more visit%s to these pupils (%d now, %d with it)", after - before,
                                   after - before == 1 ? "" : "s", before, after);
        else ab_add(&b, "deliver no more visits to these pupils (%d now, %d with it)", before, after);
    } else {
        int s2 = model_find_session(m2, m->sessions[g->session].id);
        for (int i = 0; i < r->n_unfilled; i++)
            if (r->unfilled[i].session == g->session && session_week_helpable(m, g->session, r->unfilled[i].week) &&
                session_in_week(r2, s2, r->unfilled[i].week) >= m->sessions[g->session].per_week)
                it->covered++;
        it->gain = m->weights.session * m->sessions[g->session].priority * m->sessions[g->session].per_week * it->covered;
        ab_add(&b, "fill %d of the %d unfilled week%s of %s", it->covered, g->targets, g->targets == 1 ? "" : "s",
               m->sessions[g->session].id);
    }
    ab_add(&b, " (re-solve of %g s: %s)", limit, roster_status_name(r2->status));
    it->outcome = ab_keep(&b, a);
}

/* ---- entry points ------------------------------------------------------- */

int advice_compute_buffers(const model_programme *m, const char *const *names, const char *const *buffers,
                           const int *lengths, int n, const roster *r, const solve_options *base,
                           const advice_options *ao, advice_list *out, diag_list *d) {
    memset(out, 0, sizeof *out);
    int max = ao && ao->max_whatifs > 0 ? ao->max_whatifs : 4;
    double secs = ao && ao->whatif_seconds > 0 ? ao->whatif_seconds : 5;
    adv_inputs in = {names, buffers, lengths, n, {.time_limit = secs, .threads = base ? base->threads : 1}};
    out->arena = arena_new();
    prep *p = solve_prepare(m, NULL);
    adv_group *g = NULL;
    int ng = -1, rc = -1;
    if (!out->arena || !p) goto fail_mem;
    out->n_pupils = m->n_pupils;
    out->matched_before = r->n_assignments;
    out->visits_before = r->n_visits;
    out->sessions_before = r->n_sessions;
    ng = collect_groups(m, r, prep_n_weeks(p), &g);
    if (ng < 0) goto fail_mem;
    qsort(g, (size_t)ng, sizeof *g, cmp_group);
    out->n_groups = ng;
    out->items = arena_array(out->arena, (size_t)(ng < max ? ng : max) + 1, sizeof *out->items);
    if (!out->items) goto fail_mem;
    for (int i = 0; i < ng && out->n_items < max; i++) {
        advice_item *it = &out->items[out->n_items];
        *it = (advice_item){.kind = g[i].kind, .targets = g[i].targets, .order = i};
        const char *id = fresh_id(m, out->arena, g[i].kind == ADVICE_UNFILLED ? "advice-teacher" : "advice-advocate",
                                  out->n_items + 1);
        int ok = id ? (g[i].kind == ADVICE_UNFILLED ? teacher_proposal(m, &g[i], id, out->arena, &it->proposal, &it->yaml)
                                                    : advocate_proposal(m, &g[i], id, out->arena, &it->proposal, &it->yaml))
                    : -1;
        if (ok != 0) continue; /* no hours at all where these pupils can be visited */
        it->evidence = group_evidence(m, p, r, &g[i], out->arena);
        model_programme *m2;
        roster *r2;
        diag_list d2;
        diag_init(&d2);
        if (what_if(&in, it->yaml, &m2, &r2, &it->seconds, &d2) == 0) {
            measure(m, r, &g[i], m2, r2, it, secs, out->arena);
            out->n_items++;
        } else {
            /* The hypothetical must load: failing here is a bug, not bad input. */
            for (int k = 0; k < d2.kept; k++)
                diag_error(d, d2.entries[k].pos, "advice what-if: %s", d2.entries[k].message);
        }
        diag_clear(&d2);
        roster_free(r2);
        model_free(m2);
    }
    qsort(out->items, (size_t)out->n_items, sizeof *out->items, cmp_item);
    rc = 0;
    goto out;
fail_mem:
    diag_error(d, (diag_pos){NULL, 0, 0}, "advice: out of memory");
out:
    for (int i = 0; i < ng; i++) free(g[i].pupils);
    free(g);
    prep_free(p);
    return rc;
}

static char *read_all(const char *path, int *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 65536, n = 0;
    char *s = malloc(cap);
    while (s) {
        n += fread(s + n, 1, cap - n, f);
        if (n < cap || n > (size_t)1 << 30) break;
        char *t = realloc(s, cap * 2);
        if (!t) free(s);
        s = t;
        cap *= 2;
    }
    bool bad = ferror(f) || n > (size_t)1 << 30;
    fclose(f);
    if (!s || bad) {
        free(s);
        return NULL;
    }
    *len = (int)n;
    return s;
}

int advice_compute(const model_programme *m, const char *const *paths, int n_paths, const roster *r,
                   const solve_options *base, const advice_options *ao, advice_list *out, diag_list *d) {
    char **bufs = calloc((size_t)n_paths + 1, sizeof *bufs);
    int *lens = calloc((size_t)n_paths + 1, sizeof *lens);
    int rc = -1;
    memset(out, 0, sizeof *out);
    if (!bufs || !lens) {
        diag_error(d, (diag_pos){NULL, 0, 0}, "advice: out of memory");
        goto out;
    }
    for (int i = 0; i < n_paths; i++)
        if (!(bufs[i] = read_all(paths[i], &lens[i]))) {
            diag_error(d, (diag_pos){paths[i], 1, 1}, "advice: cannot read the input again");
            goto out;
        }
    rc = advice_compute_buffers(m, paths, (const char *const *)bufs, lens, n_paths, r, base, ao, out, d);
out:
    for (int i = 0; bufs && i < n_paths; i++) free(bufs[i]);
    free(bufs);
    free(lens);
    return rc;
}

void advice_print(const advice_list *l, FILE *out) {
    fprintf(out, "What would help most (now %d of %d pupils matched, %d visits, %d sessions):\n", l->matched_before,
            l->n_pupils, l->visits_before, l->sessions_before);
    if (l->n_items == 0) fprintf(out, "  nothing: no shortfall that one more person could make up\n");
    for (int i = 0; i < l->n_items; i++) {
        const advice_item *it = &l->items[i];
        fprintf(out, "%d. %s.\n   why: %s\n   whole programme with it: %d pupils matched, %d visits, %d sessions\n", i + 1,
                it->outcome, it->evidence, it->matched_after, it->visits_after, it->sessions_after);
        fprintf(out, "   as input:\n");
        for (const char *s = it->yaml; *s;) {
            const char *e = strchr(s, '\n');
            int len = e ? (int)(e - s) : (int)strlen(s);
            fprintf(out, "     %.*s\n", len, s);
            s += len + (e != NULL);
        }
    }
    if (l->n_groups > l->n_items)
        fprintf(out, "(%d more shortfall group%s not tried: raise --what-ifs to try them)\n", l->n_groups - l->n_items,
                l->n_groups - l->n_items == 1 ? "" : "s");
}

void advice_free(advice_list *l) {
    if (!l) return;
    arena_free(l->arena);
    memset(l, 0, sizeof *l);
}
