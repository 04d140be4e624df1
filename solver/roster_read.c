/*
** roster_read.c: parse a roster.yaml (format section 3) back against its
** programme, for `roster verify`, and leniently (entries naming ids the
** programme no longer has are dropped and listed) for `--previous`.
**
** The reader checks only form: keys, types, ids, dates and times. Whether
** the roster obeys the hard rules is verify.c's job, so a roster that breaks
** rules still reads (and is then reported rule by rule), while one that is
** malformed is refused with FILE:LINE:COL errors.
**
** The YAML tree lives in a scratch arena freed before returning (a large
** roster's tree is far bigger than the roster); only reason strings go into
** the roster's own arena. Error positions therefore name the caller's path
** string, which outlives the call.
*/
#include "roster.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "yamltree.h"

typedef struct {
    const model_programme *m;
    roster *r;
    diag_list *d;
    bool lenient;           /* unknown ids drop the entry (roster_read_yaml_lenient) */
    const char *gone;       /* the current entry's first unknown id, lenient only */
} rr_ctx;

/* Field names of one kind of list entry; at most RR_MAX_FIELDS. */
#define RR_MAX_FIELDS 8

typedef struct {
    const char *what;                   /* "a visit", used in messages */
    const char *names[RR_MAX_FIELDS];   /* all required */
} rr_shape;

static void rr_error(rr_ctx *c, const yt_node *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void rr_error(rr_ctx *c, const yt_node *at, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(c->d, at->pos, "%s", msg);
}

static bool rr_scalar(rr_ctx *c, const yt_node *n, const char *what) {
    if (n->kind == YT_SCALAR) return true;
    rr_error(c, n, "%s must be a single value, not a %s", what, yt_kind_name(n->kind));
    return false;
}

/* Collect the fields of a mapping entry in shape order; unknown keys and
** missing fields are errors. Returns false when anything is wrong. */
static bool rr_fields(rr_ctx *c, const yt_node *map, const rr_shape *s, const yt_node **out) {
    if (map->kind != YT_MAPPING) {
        rr_error(c, map, "%s must be a mapping such as {...}, not a %s", s->what, yt_kind_name(map->kind));
        return false;
    }
    bool ok = true;
    int n = 0;
    while (n < RR_MAX_FIELDS && s->names[n]) out[n] = NULL, n++;
    for (int i = 0; i < map->count; i++) {
        const yt_pair *p = &map->pairs[i];
        int k = 0;
        while (k < n && strcmp(p->key->str, s->names[k]) != 0) k++;
        if (k == n) {
            char allowed[128] = "";
            for (int j = 0; j < n; j++)
                snprintf(allowed + strlen(allowed), sizeof allowed - strlen(allowed), "%s%s", j ? ", " : "",
                         s->names[j]);
            rr_error(c, p->key, "unknown key '%s' in %s (it has %s)", p->key->str, s->what, allowed);
            ok = false;
        } else {
            out[k] = p->value;
        }
    }
    for (int k = 0; k < n; k++)
        if (!out[k]) {
            rr_error(c, map, "%s is missing '%s'", s->what, s->names[k]);
            ok = false;
        }
    return ok;
}

typedef int (*rr_finder)(const model_programme *m, const char *id);

static int rr_id(rr_ctx *c, const yt_node *n, rr_finder find, const char *kind) {
    if (!rr_scalar(c, n, kind)) return -1;
    int i = find(c->m, n->str);
    if (i < 0 && c->lenient) {
        if (!c->gone) c->gone = arena_strndup(c->r->arena, n->str, n->len);
    } else if (i < 0) {
        rr_error(c, n, "unknown %s '%s'", kind, n->str);
    }
    return i;
}

static bool rr_date(rr_ctx *c, const yt_node *n, int *date) {
    if (!rr_scalar(c, n, "a date")) return false;
    if (cal_parse_date(n->str, date)) return true;
    rr_error(c, n, "'%s' is not a date (YYYY-MM-DD)", n->str);
    return false;
}

static bool rr_time(rr_ctx *c, const yt_node *n, int *minutes) {
    if (!rr_scalar(c, n, "a time")) return false;
    if (cal_parse_time(n->str, minutes)) return true;
    rr_error(c, n, "'%s' is not a time (\"HH:MM\", 00:00 to 24:00)", n->str);
    return false;
}

static bool rr_week(rr_ctx *c, const yt_node *n, int *week) {
    if (!rr_date(c, n, week)) return false;
    if (cal_weekday(*week) == 0) return true;
    rr_error(c, n, "week %s is not a Monday (a week is named by its Monday)", n->str);
    return false;
}

/* Start and end of a dated entry; end must follow start. */
static bool rr_span(rr_ctx *c, const yt_node *start_n, const yt_node *end_n, int *start, int *end) {
    bool ok = rr_time(c, start_n, start);
    ok = rr_time(c, end_n, end) && ok;
    if (ok && *end <= *start) {
        rr_error(c, end_n, "end %s is not after start %s", end_n->str, start_n->str);
        return false;
    }
    return ok;
}

static bool rr_number(rr_ctx *c, const yt_node *n, bool allow_inf, double *out) {
    if (!rr_scalar(c, n, "a number")) return false;
    const char *s = n->str;
    if (allow_inf && (strcmp(s, ".inf") == 0 || strcmp(s, ".Inf") == 0 || strcmp(s, ".INF") == 0 ||
                      strcmp(s, "+.inf") == 0)) {
        *out = INFINITY;
        return true;
    }
    char *end = NULL;
    double v = n->len ? strtod(s, &end) : 0;
    if (!n->len || *end || !isfinite(v)) {
        rr_error(c, n, "'%s' is not a number", s);
        return false;
    }
    *out = v;
    return true;
}

static const char *rr_text(rr_ctx *c, const yt_node *n, const char *what) {
    if (!rr_scalar(c, n, what)) return NULL;
    const char *s = arena_strndup(c->r->arena, n->str, n->len);
    if (!s) rr_error(c, n, "out of memory");
    return s;
}

/* A top-level list: absent or null means empty. Returns the sequence (or
** NULL for empty) and sets *bad on a wrong type. */
static const yt_node *rr_list(rr_ctx *c, const yt_node *root, const char *key, bool *bad) {
    const yt_node *n = yt_get(root, key);
    if (!n) return NULL;
    if (n->kind == YT_SEQUENCE) return n->count ? n : NULL;
    if (n->kind == YT_SCALAR && n->plain && (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0))
        return NULL;
    rr_error(c, n, "'%s' must be a list, not a %s", key, yt_kind_name(n->kind));
    *bad = true;
    return NULL;
}

/* Room for count entries of size bytes in the roster's arena. */
static void *rr_array(rr_ctx *c, const yt_node *at, int count, size_t size) {
    void *p = arena_array(c->r->arena, (size_t)count, size);
    if (!p) rr_error(c, at, "out of memory");
    return p;
}

/* Lenient reads: leave the entry just parsed out when it named an unknown
** id, and say so in r->dropped. Returns true when it was dropped. */
static bool rr_drop(rr_ctx *c, const char *section, const yt_node *subject, const yt_node *who, int date) {
    if (!c->gone) return false;
    roster *r = c->r;
    const char *subj = subject->kind == YT_SCALAR ? arena_strndup(r->arena, subject->str, subject->len) : NULL;
    const char *w = who && who->kind == YT_SCALAR ? arena_strndup(r->arena, who->str, who->len) : NULL;
    r->dropped[r->n_dropped++] = (roster_dropped){section, subj, w, c->gone, date};
    c->gone = NULL;
    return true;
}

static void rr_assignments(rr_ctx *c, const yt_node *seq) {
    static const rr_shape shape = {"an assignment", {"pupil", "advocate"}};
    roster_assignment *v = rr_array(c, seq, seq->count, sizeof *v);
    if (!v) return;
    c->r->assignments = v;
    for (int i = 0; i < seq->count; i++) {
        const yt_node *f[RR_MAX_FIELDS];
        if (!rr_fields(c, seq->items[i], &shape, f)) continue;
        v[c->r->n_assignments].pupil = rr_id(c, f[0], model_find_pupil, "pupil");
        v[c->r->n_assignments].advocate = rr_id(c, f[1], model_find_advocate, "advocate");
        if (!rr_drop(c, "assignments", f[0], f[1], -1)) c->r->n_assignments++;
    }
}

static void rr_pattern(rr_ctx *c, const yt_node *seq) {
    static const rr_shape shape = {"a pattern entry", {"pupil", "day", "start"}};
    roster_pattern_entry *v = rr_array(c, seq, seq->count, sizeof *v);
    if (!v) return;
    c->r->pattern = v;
    for (int i = 0; i < seq->count; i++) {
        const yt_node *f[RR_MAX_FIELDS];
        if (!rr_fields(c, seq->items[i], &shape, f)) continue;
        roster_pattern_entry *e = &v[c->r->n_pattern++];
        e->pupil = rr_id(c, f[0], model_find_pupil, "pupil");
        e->weekday = rr_scalar(c, f[1], "a day") ? cal_parse_day(f[1]->str) : -1;
        if (f[1]->kind == YT_SCALAR && e->weekday < 0)
            rr_error(c, f[1], "'%s' is not a day (mon, tue, wed, thu, fri, sat, sun)", f[1]->str);
        rr_time(c, f[2], &e->start);
        if (rr_drop(c, "pattern", f[0], NULL, -1)) c->r->n_pattern--;
    }
}

static void rr_visits(rr_ctx *c, const yt_node *seq) {
    static const rr_shape shape = {"a visit", {"date", "start", "end", "pupil", "advocate", "school"}};
    roster_visit *v = rr_array(c, seq, seq->count, sizeof *v);
    if (!v) return;
    c->r->visits = v;
    for (int i = 0; i < seq->count; i++) {
        const yt_node *f[RR_MAX_FIELDS];
        if (!rr_fields(c, seq->items[i], &shape, f)) continue;
        roster_visit *e = &v[c->r->n_visits++];
        rr_date(c, f[0], &e->date);
        rr_span(c, f[1], f[2], &e->start, &e->end);
        e->pupil = rr_id(c, f[3], model_find_pupil, "pupil");
        e->advocate = rr_id(c, f[4], model_find_advocate, "advocate");
        e->school = rr_id(c, f[5], model_find_school, "school");
        if (rr_drop(c, "visits", f[3], f[4], e->date)) c->r->n_visits--;
    }
}

static void rr_sessions(rr_ctx *c, const yt_node *seq) {
    static const rr_shape shape = {"a session occurrence", {"date", "start", "end", "session", "teacher", "place"}};
    roster_session_occurrence *v = rr_array(c, seq, seq->count, sizeof *v);
    if (!v) return;
    c->r->sessions = v;
    for (int i = 0; i < seq->count; i++) {
        const yt_node *f[RR_MAX_FIELDS];
        if (!rr_fields(c, seq->items[i], &shape, f)) continue;
        roster_session_occurrence *e = &v[c->r->n_sessions++];
        rr_date(c, f[0], &e->date);
        rr_span(c, f[1], f[2], &e->start, &e->end);
        e->session = rr_id(c, f[3], model_find_session, "session");
        e->teacher = rr_id(c, f[4], model_find_teacher, "community teacher");
        e->place = rr_id(c, f[5], model_find_place, "place");
        if (rr_drop(c, "sessions", f[3], f[4], e->date)) c->r->n_sessions--;
    }
}

static void rr_unmatched(rr_ctx *c, const yt_node *seq) {
    static const rr_shape shape = {"an unmatched entry", {"pupil", "reasons"}};
    roster_unmatched *v = rr_array(c, seq, seq->count, sizeof *v);
    if (!v) return;
    c->r->unmatched = v;
    for (int i = 0; i < seq->count; i++) {
        const yt_node *f[RR_MAX_FIELDS];
        if (!rr_fields(c, seq->items[i], &shape, f)) continue;
        roster_unmatched *e = &v[c->r->n_unmatched++];
        e->pupil = rr_id(c, f[0], model_find_pupil, "pupil");
        if (rr_drop(c, "unmatched", f[0], NULL, -1)) {
            c->r->n_unmatched--;
            continue;
        }
        const yt_node *rs = f[1];
        if (rs->kind != YT_SEQUENCE) {
            rr_error(c, rs, "reasons must be a list of strings, not a %s", yt_kind_name(rs->kind));
            continue;
        }
        if (!rs->count) continue;
        e->reasons = rr_array(c, rs, rs->count, sizeof *e->reasons);
        if (!e->reasons) continue;
        for (int k = 0; k < rs->count; k++) {
            const char *s = rr_text(c, rs->items[k], "a reason");
            if (s) e->reasons[e->n_reasons++] = s;
        }
    }
}

static void rr_missed(rr_ctx *c, const yt_node *seq) {
    static const rr_shape shape = {"a missed entry", {"pupil", "week", "reason"}};
    roster_missed *v = rr_array(c, seq, seq->count, sizeof *v);
    if (!v) return;
    c->r->missed = v;
    for (int i = 0; i < seq->count; i++) {
        const yt_node *f[RR_MAX_FIELDS];
        if (!rr_fields(c, seq->items[i], &shape, f)) continue;
        roster_missed *e = &v[c->r->n_missed++];
        e->pupil = rr_id(c, f[0], model_find_pupil, "pupil");
        rr_week(c, f[1], &e->week);
        e->reason = rr_text(c, f[2], "a reason");
        if (rr_drop(c, "missed", f[0], NULL, e->week)) c->r->n_missed--;
    }
}

static void rr_unfilled(rr_ctx *c, const yt_node *seq) {
    static const rr_shape shape = {"an unfilled entry", {"session", "week", "reason"}};
    roster_unfilled *v = rr_array(c, seq, seq->count, sizeof *v);
    if (!v) return;
    c->r->unfilled = v;
    for (int i = 0; i < seq->count; i++) {
        const yt_node *f[RR_MAX_FIELDS];
        if (!rr_fields(c, seq->items[i], &shape, f)) continue;
        roster_unfilled *e = &v[c->r->n_unfilled++];
        e->session = rr_id(c, f[0], model_find_session, "session");
        rr_week(c, f[1], &e->week);
        e->reason = rr_text(c, f[2], "a reason");
        if (rr_drop(c, "unfilled", f[0], NULL, e->week)) c->r->n_unfilled--;
    }
}

/* An optional text field of a change: absent or null means none. */
static const char *rr_opt_text(rr_ctx *c, const yt_node *n, const char *what) {
    if (!n || (n->kind == YT_SCALAR && n->plain && (strcmp(n->str, "null") == 0 || strcmp(n->str, "~") == 0)))
        return NULL;
    return rr_text(c, n, what);
}

/* `changes:` (docs/rerostering.md): a log in plain strings, so ids are not
** looked up: a change may name someone the programme no longer has. */
static void rr_changes(rr_ctx *c, const yt_node *seq) {
    static const char *const keys[] = {"what", "pupil", "session", "from", "to", "reason"};
    roster_change *v = rr_array(c, seq, seq->count, sizeof *v);
    if (!v) return;
    c->r->changes = v;
    for (int i = 0; i < seq->count; i++) {
        const yt_node *e = seq->items[i];
        if (e->kind != YT_MAPPING) {
            rr_error(c, e, "a change must be a mapping such as {...}, not a %s", yt_kind_name(e->kind));
            continue;
        }
        for (int k = 0; k < e->count; k++) {
            size_t j = 0;
            while (j < sizeof keys / sizeof keys[0] && strcmp(e->pairs[k].key->str, keys[j]) != 0) j++;
            if (j == sizeof keys / sizeof keys[0])
                rr_error(c, e->pairs[k].key, "unknown key '%s' in a change (it has what, pupil or session, from, to, reason)",
                         e->pairs[k].key->str);
        }
        const yt_node *what = yt_get(e, "what"), *reason = yt_get(e, "reason");
        const yt_node *pupil = yt_get(e, "pupil"), *session = yt_get(e, "session");
        if (!what || !reason) {
            rr_error(c, e, "a change is missing '%s'", what ? "reason" : "what");
            continue;
        }
        if (!pupil == !session) {
            rr_error(c, e, "a change names exactly one pupil or session");
            continue;
        }
        roster_change *ch = &v[c->r->n_changes++];
        ch->what = rr_text(c, what, "what");
        ch->pupil = pupil ? rr_text(c, pupil, "a pupil") : NULL;
        ch->session = session ? rr_text(c, session, "a session") : NULL;
        ch->from = rr_opt_text(c, yt_get(e, "from"), "from");
        ch->to = rr_opt_text(c, yt_get(e, "to"), "to");
        ch->reason = rr_text(c, reason, "a reason");
    }
}

static void rr_status(rr_ctx *c, const yt_node *n) {
    if (!rr_scalar(c, n, "status")) return;
    static const roster_status all[] = {ROSTER_OPTIMAL, ROSTER_FEASIBLE, ROSTER_TIME_LIMIT, ROSTER_NO_ROSTER};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(n->str, roster_status_name(all[i])) == 0) {
            c->r->status = all[i];
            return;
        }
    rr_error(c, n, "unknown status '%s' (optimal, feasible, time_limit or no_roster)", n->str);
}

static void rr_objective(rr_ctx *c, const yt_node *n) {
    static const rr_shape shape = {"objective", {"value", "bound"}};
    const yt_node *f[RR_MAX_FIELDS];
    if (!rr_fields(c, n, &shape, f)) return;
    rr_number(c, f[0], false, &c->r->value);
    rr_number(c, f[1], true, &c->r->bound);
}

static void rr_document(rr_ctx *c, const yt_node *root) {
    static const char *const known[] = {"format", "status", "objective", "assignments", "pattern",
                                        "visits", "sessions", "unmatched", "missed", "unfilled", "changes"};
    for (int i = 0; i < root->count; i++) {
        const yt_node *k = root->pairs[i].key;
        size_t j = 0;
        while (j < sizeof known / sizeof known[0] && strcmp(k->str, known[j]) != 0) j++;
        if (j == sizeof known / sizeof known[0]) rr_error(c, k, "unknown key '%s' in roster.yaml", k->str);
    }
    const yt_node *fmt = yt_get(root, "format");
    if (!fmt)
        rr_error(c, root, "roster.yaml is missing 'format: roster/1'");
    else if (rr_scalar(c, fmt, "format") && strcmp(fmt->str, "roster/1") != 0)
        rr_error(c, fmt, "unsupported format '%s' (this reader knows roster/1)", fmt->str);
    const yt_node *status = yt_get(root, "status");
    if (status) rr_status(c, status); else rr_error(c, root, "roster.yaml is missing 'status'");
    const yt_node *obj = yt_get(root, "objective");
    if (obj) rr_objective(c, obj); else rr_error(c, root, "roster.yaml is missing 'objective'");

    bool bad = false;
    const yt_node *l;
    if (c->lenient) { /* room for every entry to be dropped, allocated once */
        static const char *const lists[] = {"assignments", "pattern", "visits", "sessions", "unmatched", "missed", "unfilled"};
        size_t n = 1;
        for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
            const yt_node *s = yt_get(root, lists[i]);
            if (s && s->kind == YT_SEQUENCE) n += (size_t)s->count;
        }
        if (!(c->r->dropped = arena_array(c->r->arena, n, sizeof *c->r->dropped))) {
            rr_error(c, root, "out of memory");
            return;
        }
    }
    if ((l = rr_list(c, root, "assignments", &bad))) rr_assignments(c, l);
    if ((l = rr_list(c, root, "pattern", &bad))) rr_pattern(c, l);
    if ((l = rr_list(c, root, "visits", &bad))) rr_visits(c, l);
    if ((l = rr_list(c, root, "sessions", &bad))) rr_sessions(c, l);
    if ((l = rr_list(c, root, "unmatched", &bad))) rr_unmatched(c, l);
    if ((l = rr_list(c, root, "missed", &bad))) rr_missed(c, l);
    if ((l = rr_list(c, root, "unfilled", &bad))) rr_unfilled(c, l);
    if (yt_get(root, "changes")) c->r->has_changes = true;
    if ((l = rr_list(c, root, "changes", &bad))) rr_changes(c, l);
}

static roster *rr_read(const model_programme *m, const char *path, bool lenient, diag_list *d) {
    int kept_before = d->kept, total_before = diag_count(d);
    roster *r = roster_new();
    arena *scratch = arena_new();
    if (!r || !scratch) {
        diag_error(d, (diag_pos){path, 1, 1}, "out of memory reading the roster");
        roster_free(r);
        arena_free(scratch);
        return NULL;
    }
    rr_ctx c = {m, r, d, lenient, NULL};
    const yt_node *root = yt_parse_file(scratch, path, d);
    if (root) rr_document(&c, root);
    /* Positions point at the scratch arena's copy of the path: repoint
    ** them at the caller's before that arena goes. */
    for (int i = kept_before; i < d->kept; i++)
        if (d->entries[i].pos.file) d->entries[i].pos.file = path;
    arena_free(scratch);
    if (diag_count(d) > total_before) {
        roster_free(r);
        return NULL;
    }
    return r;
}

roster *roster_read_yaml(const model_programme *m, const char *path, diag_list *d) {
    return rr_read(m, path, false, d);
}

roster *roster_read_yaml_lenient(const model_programme *m, const char *path, diag_list *d) {
    return rr_read(m, path, true, d);
}
