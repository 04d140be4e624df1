/*
** load.c: YAML input files -> a validated model_programme (format section 1).
**
** Three steps over the parsed trees: collect the top-level sections of every
** file (lists concatenated, programme/travel/university at most once),
** register every id so references may point forwards and across files, then
** load each entity field by field, reporting every problem at the offending
** value. Only the schema is walked, never arbitrary subtrees, and a work
** budget proportional to the input size stops aliases (*name) from making
** the walk explode. Any error means no model: later stages never see bad
** input.
*/
#include "model.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cal.h"
#include "model_index.h"

#define LD_SHOW 60               /* characters of a bad value echoed in a message */
#define LD_MAX_PLACES 4096       /* the travel matrix is places x places */
#define LD_MAX_PERIOD_DAYS 731   /* two years: a roster covers a term or a school year */
#define LD_LIST_IDS 10           /* dangling references list the defined ids up to this many */
#define LD_MAX_WEIGHT 1e9

typedef struct {
    const yt_node **v;
    int n, cap;
} ld_nodes;

typedef struct {
    arena *a;
    model_programme *m;
    diag_list *d;
    char ctx[160];               /* the entity being loaded, e.g. "pupil P017" */
    long long work, budget;      /* nodes inspected so far, and the most allowed */
    bool stop;                   /* budget spent or out of memory: stop walking */
    int names_cap;
    const yt_node *programme, *travel, *university;
    const yt_node *programme_key, *travel_key, *university_key;
    ld_nodes calendars, places, schools, pupils, advocates, teachers, sessions, courses;
    const yt_node *university_place_node;
} ld;

/* ---------------------------------------------------------------- messages */

static int ld_showlen(const yt_node *n) {
    if (n->len <= LD_SHOW) return (int)n->len;
    size_t k = LD_SHOW;
    while (k > 0 && ((unsigned char)n->str[k] & 0xC0) == 0x80) k--; /* never split a UTF-8 character */
    return (int)k;
}
/* Echo a scalar in a message: use with '%.*s%s'. */
#define SHOW(n) ld_showlen(n), (n)->str, ((n)->len > (size_t)ld_showlen(n) ? "..." : "")

static void ld_verr(ld *c, const yt_node *at, const char *field, const char *fmt, va_list ap) {
    char msg[2048];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (c->ctx[0] && field)
        diag_error(c->d, at->pos, "%s: %s: %s", c->ctx, field, msg);
    else if (c->ctx[0] || field)
        diag_error(c->d, at->pos, "%s: %s", c->ctx[0] ? c->ctx : field, msg);
    else
        diag_error(c->d, at->pos, "%s", msg);
}

/* An error about the value at `at`, prefixed with the entity and field. */
static void ld_ferr(ld *c, const yt_node *at, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void ld_ferr(ld *c, const yt_node *at, const char *field, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ld_verr(c, at, field, fmt, ap);
    va_end(ap);
}

static void ld_oom(ld *c, const yt_node *at) {
    if (!c->stop) diag_error(c->d, model_pos(at), "out of memory while loading the input");
    c->stop = true;
}

static const char *ld_got(const yt_node *n) {
    switch (n->kind) {
    case YT_SCALAR: return "a single value";
    case YT_SEQUENCE: return "a list";
    case YT_MAPPING: return "a mapping";
    }
    return "something else";
}

static void ld_set_ctx(ld *c, const char *noun, const char *id) {
    if (id)
        snprintf(c->ctx, sizeof c->ctx, "%s %s", noun, id);
    else
        snprintf(c->ctx, sizeof c->ctx, "%s", noun);
}

/* Charge n units of work; false (after one error) once the budget is spent. */
static bool ld_spend(ld *c, const yt_node *at, long long n) {
    if (c->stop) return false;
    c->work += n;
    if (c->work > c->budget) {
        diag_error(c->d, at->pos,
                   "the input repeats aliased values (*name) too often to check; write the values out "
                   "or use fewer aliases");
        c->stop = true;
        return false;
    }
    return true;
}

/* -------------------------------------------------------------- structure */

static bool ld_null(const yt_node *n) {
    return n->kind == YT_SCALAR && n->plain &&
           (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
            strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0);
}

/* An optional key: its value, or NULL when absent or written empty. */
static const yt_node *ld_opt(const yt_node *map, const char *key) {
    const yt_node *v = yt_get(map, key);
    return v && !ld_null(v) ? v : NULL;
}

static const yt_node *ld_req(ld *c, const yt_node *map, const char *key) {
    const yt_node *v = yt_get(map, key);
    if (!v) {
        ld_ferr(c, map, NULL, "missing required key '%s'", key);
        return NULL;
    }
    if (ld_null(v)) {
        ld_ferr(c, v, key, "a value is required");
        return NULL;
    }
    return v;
}

static bool ld_allowed(const char *key, const char *const *allowed) {
    for (int i = 0; allowed[i]; i++)
        if (strcmp(key, allowed[i]) == 0) return true;
    return false;
}

/* n must be a mapping whose keys are all in allowed; unknown keys are
** reported (all of them) but do not stop the caller reading the rest. */
static bool ld_map(ld *c, const yt_node *n, const char *field, const char *expect, const char *kind,
                   const char *const *allowed) {
    if (n->kind != YT_MAPPING) {
        ld_ferr(c, n, field, "expected %s, got %s", expect, ld_got(n));
        return false;
    }
    if (!ld_spend(c, n, n->count + 1)) return false;
    for (int i = 0; i < n->count; i++) {
        const yt_node *k = n->pairs[i].key;
        if (ld_allowed(k->str, allowed)) continue;
        char list[512] = "";
        size_t used = 0;
        for (int j = 0; allowed[j] && used < sizeof list; j++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", j ? ", " : "", allowed[j]);
        diag_error(c->d, k->pos, "unknown key '%.*s%s' in %s; expected one of: %s", SHOW(k), kind, list);
    }
    return true;
}

static bool ld_seq(ld *c, const yt_node *n, const char *field, const char *expect) {
    if (n->kind != YT_SEQUENCE) {
        ld_ferr(c, n, field, "expected %s, got %s", expect, ld_got(n));
        return false;
    }
    return ld_spend(c, n, n->count + 1);
}

static bool ld_scalar(ld *c, const yt_node *n, const char *field, const char *expect) {
    if (n->kind != YT_SCALAR) {
        ld_ferr(c, n, field, "expected %s, got %s", expect, ld_got(n));
        return false;
    }
    return ld_spend(c, n, 1);
}

/* ----------------------------------------------------------------- scalars */

static const char *ld_text(ld *c, const yt_node *n, const char *field) {
    return ld_scalar(c, n, field, "text") ? n->str : NULL;
}

static bool ld_int(ld *c, const yt_node *n, const char *field, long lo, long hi, int *out) {
    if (!ld_scalar(c, n, field, "a whole number")) return false;
    const char *s = n->str;
    size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    bool neg = s[0] == '-', big = false, ok = isdigit((unsigned char)s[i]) != 0;
    long long v = 0;
    for (; ok && s[i]; i++) {
        if (!isdigit((unsigned char)s[i])) ok = false;
        else if (!big && (v = v * 10 + (s[i] - '0')) > 1000000000000LL) big = true;
    }
    if (!ok) {
        ld_ferr(c, n, field, "expected a whole number, got '%.*s%s'", SHOW(n));
        return false;
    }
    if (neg) v = -v;
    if (big) {
        ld_ferr(c, n, field, "number out of range: '%.*s%s' (expected %ld..%ld)", SHOW(n), lo, hi);
        return false;
    }
    if (v < lo || v > hi) {
        ld_ferr(c, n, field, "expected %ld..%ld, got %lld", lo, hi, v);
        return false;
    }
    *out = (int)v;
    return true;
}

/* Durations: positive, at most a day, and whole slots. */
static bool ld_minutes(ld *c, const yt_node *n, const char *field, int *out) {
    int v;
    if (!ld_int(c, n, field, 1, 1440, &v)) return false;
    if (v % c->m->slot_minutes) {
        ld_ferr(c, n, field, "%d minutes is not a multiple of the %d-minute slot", v, c->m->slot_minutes);
        return false;
    }
    *out = v;
    return true;
}

static bool ld_number(ld *c, const yt_node *n, const char *field, double *out) {
    if (!ld_scalar(c, n, field, "a number")) return false;
    bool ok = n->len > 0 && strspn(n->str, "0123456789.eE+-") == n->len;
    char *end = NULL;
    double v = ok ? strtod(n->str, &end) : 0;
    if (!ok || *end || !isfinite(v)) {
        ld_ferr(c, n, field, "expected a number, got '%.*s%s'", SHOW(n));
        return false;
    }
    if (v < 0 || v > LD_MAX_WEIGHT) {
        ld_ferr(c, n, field, "number out of range: '%.*s%s' (expected 0 to 1000000000)", SHOW(n));
        return false;
    }
    *out = v;
    return true;
}

static bool ld_word_ok(const yt_node *n) {
    if (n->len < 1 || n->len > 64) return false;
    for (size_t i = 0; i < n->len; i++) {
        unsigned char ch = (unsigned char)n->str[i];
        if (!isalnum(ch) && ch != '_' && ch != '.' && ch != '-') return false;
    }
    return true;
}

static const char *ld_id(ld *c, const yt_node *n, const char *field) {
    if (!ld_scalar(c, n, field, "an id")) return NULL;
    if (!ld_word_ok(n)) {
        ld_ferr(c, n, field, "'%.*s%s' is not a valid id (1 to 64 letters, digits, '_', '.' or '-')", SHOW(n));
        return NULL;
    }
    return n->str;
}

/* Free-form names are case-insensitive: interned in lower case. */
static int ld_intern(ld *c, const yt_node *at, const char *s) {
    char low[65];
    size_t len = strlen(s);
    if (len >= sizeof low) len = sizeof low - 1;
    for (size_t i = 0; i < len; i++) low[i] = (char)tolower((unsigned char)s[i]);
    low[len] = '\0';
    model_programme *m = c->m;
    int got = model_table_get(&m->index->names, low);
    if (got >= 0) return got;
    if (m->n_names == c->names_cap) {
        int cap = c->names_cap ? c->names_cap * 2 : 64;
        const char **bigger = arena_array(c->a, (size_t)cap, sizeof *bigger);
        if (!bigger) { ld_oom(c, at); return -1; }
        if (m->n_names) memcpy(bigger, m->names, (size_t)m->n_names * sizeof *bigger);
        m->names = bigger;
        c->names_cap = cap;
    }
    char *key = arena_strdup(c->a, low);
    if (!key || !model_table_put(c->a, &m->index->names, key, m->n_names)) { ld_oom(c, at); return -1; }
    m->names[m->n_names] = key;
    return m->n_names++;
}

static int ld_word(ld *c, const yt_node *n, const char *field) {
    if (!ld_scalar(c, n, field, "a name")) return -1;
    if (!ld_word_ok(n)) {
        ld_ferr(c, n, field, "'%.*s%s' is not a valid name (1 to 64 letters, digits, '_', '.' or '-')", SHOW(n));
        return -1;
    }
    return ld_intern(c, n, n->str);
}

static bool ld_date(ld *c, const yt_node *n, const char *field, int *out) {
    if (!ld_scalar(c, n, field, "a date YYYY-MM-DD")) return false;
    const char *s = n->str;
    bool shape = n->len == 10 && s[4] == '-' && s[7] == '-';
    for (int i = 0; shape && i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i])) shape = false;
    if (!shape) {
        ld_ferr(c, n, field, "expected a date YYYY-MM-DD, got '%.*s%s'", SHOW(n));
        return false;
    }
    int year = (int)strtol(s, NULL, 10); /* the shape check above leaves 4 digits then '-' */
    if (year < 1900 || year > 2199) {
        ld_ferr(c, n, field, "the year of %s is outside 1900..2199", s);
        return false;
    }
    if (!cal_parse_date(s, out)) {
        ld_ferr(c, n, field, "%s is not a real date", s);
        return false;
    }
    return true;
}

static bool ld_time(ld *c, const yt_node *n, const char *field, int *out) {
    if (!ld_scalar(c, n, field, "a time \"HH:MM\"")) return false;
    const char *s = n->str;
    bool shape = n->len == 5 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && s[2] == ':' &&
                 isdigit((unsigned char)s[3]) && isdigit((unsigned char)s[4]);
    if (!shape) {
        ld_ferr(c, n, field, "expected a time \"HH:MM\", got '%.*s%s'", SHOW(n));
        return false;
    }
    if (!cal_parse_time(s, out)) {
        ld_ferr(c, n, field, "%s is not a time of day (00:00 to 24:00)", s);
        return false;
    }
    if (*out % c->m->slot_minutes) {
        ld_ferr(c, n, field, "%s is not on the %d-minute slot grid", s, c->m->slot_minutes);
        return false;
    }
    return true;
}

static bool ld_day_item(ld *c, const yt_node *n, const char *field, model_days *days) {
    model_days one;
    if (!ld_scalar(c, n, field, "a day such as mon, or a range such as mon-fri")) return false;
    if (!cal_parse_day_range(n->str, &one)) {
        ld_ferr(c, n, field, "'%.*s%s' is not a day (mon tue wed thu fri sat sun) or a range such as mon-fri",
                SHOW(n));
        return false;
    }
    *days |= one;
    return true;
}

/* A range string, a single day, or a list of days (each may be a range). */
static bool ld_days(ld *c, const yt_node *n, const char *field, model_days *out) {
    *out = 0;
    if (n->kind == YT_SCALAR) return ld_day_item(c, n, field, out);
    if (!ld_seq(c, n, field, "a list of days or a range such as mon-fri")) return false;
    if (n->count == 0) {
        ld_ferr(c, n, field, "the list of days is empty");
        return false;
    }
    bool ok = true;
    for (int i = 0; i < n->count; i++) ok &= ld_day_item(c, n->items[i], field, out);
    return ok;
}

/* --------------------------------------------------- windows and periods */

static const char *const ld_window_keys[] = {"days", "start", "end", "reason", NULL};
static const char *const ld_period_keys[] = {"from", "to", "date", "reason", NULL};

static const char *ld_reason(ld *c, const yt_node *map, const char *field) {
    const yt_node *r = ld_opt(map, "reason");
    return r ? ld_text(c, r, field) : NULL;
}

static bool ld_window(ld *c, const yt_node *n, const char *field, model_window *w) {
    w->node = n;
    if (!ld_map(c, n, field, "a window {days, start, end}", "window", ld_window_keys)) return false;
    const yt_node *days = ld_req(c, n, "days"), *start = ld_req(c, n, "start"), *end = ld_req(c, n, "end");
    bool ok = days && start && end;
    ok &= days && ld_days(c, days, field, &w->days);
    bool times = start && end && ld_time(c, start, field, &w->start);
    times &= end && ld_time(c, end, field, &w->end);
    if (times && w->start >= w->end) {
        ld_ferr(c, end, field, "end %s is not after start %s", end->str, start->str);
        times = false;
    }
    w->reason = ld_reason(c, n, field);
    return ok && times;
}

/* One window or a list of them. */
static bool ld_windows(ld *c, const yt_node *n, const char *field, model_window_list *out) {
    out->n = 0;
    if (n->kind == YT_MAPPING) {
        out->v = arena_alloc(c->a, sizeof *out->v);
        if (!out->v) { ld_oom(c, n); return false; }
        out->n = 1;
        return ld_window(c, n, field, &out->v[0]);
    }
    if (!ld_seq(c, n, field, "a list of windows")) return false;
    out->v = arena_array(c->a, (size_t)n->count, sizeof *out->v);
    if (!out->v) { ld_oom(c, n); return false; }
    out->n = n->count;
    bool ok = true;
    for (int i = 0; i < n->count; i++) ok &= ld_window(c, n->items[i], field, &out->v[i]);
    return ok;
}

static bool ld_period(ld *c, const yt_node *n, const char *field, model_period *p) {
    p->node = n;
    if (!ld_map(c, n, field, "a period {from, to} or {date}", "period", ld_period_keys)) return false;
    p->reason = ld_reason(c, n, field);
    const yt_node *date = yt_get(n, "date");
    if (date) {
        if (yt_get(n, "from") || yt_get(n, "to")) {
            ld_ferr(c, date, field, "give either date or from and to, not both");
            return false;
        }
        if (!ld_date(c, date, field, &p->from)) return false;
        p->to = p->from;
        return true;
    }
    const yt_node *from = ld_req(c, n, "from"), *to = ld_req(c, n, "to");
    bool ok = from && ld_date(c, from, field, &p->from);
    ok &= to && ld_date(c, to, field, &p->to);
    if (ok && p->from > p->to) {
        ld_ferr(c, to, field, "to %s is before from %s", to->str, from->str);
        return false;
    }
    return ok;
}

static bool ld_periods(ld *c, const yt_node *n, const char *field, model_period_list *out) {
    out->n = 0;
    if (n->kind == YT_MAPPING) {
        out->v = arena_alloc(c->a, sizeof *out->v);
        if (!out->v) { ld_oom(c, n); return false; }
        out->n = 1;
        return ld_period(c, n, field, &out->v[0]);
    }
    if (!ld_seq(c, n, field, "a list of periods")) return false;
    out->v = arena_array(c->a, (size_t)n->count, sizeof *out->v);
    if (!out->v) { ld_oom(c, n); return false; }
    out->n = n->count;
    bool ok = true;
    for (int i = 0; i < n->count; i++) ok &= ld_period(c, n->items[i], field, &out->v[i]);
    return ok;
}

static void ld_opt_periods(ld *c, const yt_node *map, const char *key, model_period_list *out) {
    const yt_node *v = ld_opt(map, key);
    if (v) ld_periods(c, v, key, out);
}

/* ------------------------------------------------------ levels and names */

/* {name: level, ...}; names are free-form words, levels 0..5. */
static void ld_levels(ld *c, const yt_node *n, const char *field, model_level_list *out) {
    out->n = 0;
    if (n->kind != YT_MAPPING) {
        ld_ferr(c, n, field, "expected a mapping of name: level, got %s", ld_got(n));
        return;
    }
    if (!ld_spend(c, n, n->count + 1)) return;
    out->v = arena_array(c->a, (size_t)n->count, sizeof *out->v);
    if (!out->v) { ld_oom(c, n); return; }
    for (int i = 0; i < n->count; i++) {
        int name = ld_word(c, n->pairs[i].key, field), level;
        if (!ld_int(c, n->pairs[i].value, field, 0, 5, &level) || name < 0) continue;
        bool dup = false;
        for (int j = 0; j < out->n && !dup; j++) dup = out->v[j].name == name;
        if (dup) {
            ld_ferr(c, n->pairs[i].key, field, "'%s' is given twice", n->pairs[i].key->str);
            continue;
        }
        out->v[out->n++] = (model_level){name, level, n->pairs[i].key};
    }
}

/* A list of free-form words (languages). Repeats are harmless and dropped. */
static void ld_words(ld *c, const yt_node *n, const char *field, model_index_list *out) {
    out->n = 0;
    if (!ld_seq(c, n, field, "a list of names")) return;
    out->v = arena_array(c->a, (size_t)n->count, sizeof *out->v);
    if (!out->v) { ld_oom(c, n); return; }
    for (int i = 0; i < n->count; i++) {
        int w = ld_word(c, n->items[i], field);
        bool seen = false;
        for (int j = 0; j < out->n && !seen; j++) seen = out->v[j] == w;
        if (w >= 0 && !seen) out->v[out->n++] = w;
    }
}

/* -------------------------------------------------------------- references */

typedef enum { LD_CALENDAR, LD_SCHOOL, LD_PLACE, LD_ADVOCATE, LD_COURSE } ld_ref_kind;

static const char *const ld_ref_noun[] = {"calendar", "school", "school or place", "advocate", "course"};
static const char *const ld_ref_plural[] = {"calendars", "schools", "schools and places", "advocates", "courses"};

static int ld_ref_count(const ld *c, ld_ref_kind k) {
    const model_programme *m = c->m;
    switch (k) {
    case LD_CALENDAR: return m->n_calendars;
    case LD_SCHOOL: return m->n_schools;
    case LD_PLACE: return m->n_places;
    case LD_ADVOCATE: return m->n_advocates;
    case LD_COURSE: return m->n_courses;
    }
    return 0;
}

/* The id of entry i of kind k, or NULL unless entry i owns that id (an
** entry whose id was malformed or a duplicate is not a reference target). */
static const char *ld_ref_id(const ld *c, ld_ref_kind k, int i) {
    const model_programme *m = c->m;
    const struct model_index *ix = m->index;
    const char *id = NULL;
    const model_table *t = NULL;
    switch (k) {
    case LD_CALENDAR: id = m->calendars[i].id, t = &ix->calendars; break;
    case LD_SCHOOL: id = m->schools[i].id, t = &ix->places; break;
    case LD_PLACE: id = m->places[i].id, t = &ix->places; break;
    case LD_ADVOCATE: id = m->advocates[i].id, t = &ix->advocates; break;
    case LD_COURSE: id = m->courses[i].id, t = &ix->courses; break;
    }
    return id && model_table_get(t, id) == i ? id : NULL;
}

/* Edit distance, for "did you mean" (ids are at most 64 characters). */
static int ld_distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return 99;
    int row[65], prev[65];
    for (size_t j = 0; j <= lb; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int best = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < best) best = prev[j] + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
        }
        memcpy(prev, row, (lb + 1) * sizeof *row);
    }
    return prev[lb];
}

/* What to say after "... is not defined": the defined ids when few, else
** the closest one. Skipped once the message would not be kept anyway. */
static void ld_ref_hint(const ld *c, ld_ref_kind k, const char *bad, char *out, size_t cap) {
    int n = 0, all = ld_ref_count(c, k), listed = 0;
    for (int i = 0; i < all; i++) n += ld_ref_id(c, k, i) != NULL;
    out[0] = '\0';
    if (n == 0) {
        snprintf(out, cap, " (no %s are defined)", ld_ref_plural[k]);
        return;
    }
    if (c->d->kept >= DIAG_MAX_KEPT) return;
    if (n <= LD_LIST_IDS) {
        size_t used = (size_t)snprintf(out, cap, " (%s: ", ld_ref_plural[k]);
        for (int i = 0; i < all && used < cap; i++) {
            const char *id = ld_ref_id(c, k, i);
            if (!id) continue;
            used += (size_t)snprintf(out + used, cap - used, "%s%s", listed++ ? ", " : "", id);
        }
        if (used < cap) snprintf(out + used, cap - used, ")");
        return;
    }
    const char *best = NULL;
    int best_d = 3;
    size_t lbad = strlen(bad);
    for (int i = 0; i < all; i++) {
        const char *id = ld_ref_id(c, k, i);
        if (!id) continue;
        size_t l = strlen(id);
        if (l + 2 < lbad || lbad + 2 < l) continue;
        int dist = ld_distance(bad, id);
        if (dist < best_d) best_d = dist, best = id;
    }
    if (best)
        snprintf(out, cap, " (did you mean '%s'?)", best);
    else
        snprintf(out, cap, " (%d %s are defined; none has this id)", n, ld_ref_plural[k]);
}

/* Resolve an id to an index of kind k (a school index for LD_SCHOOL). */
static int ld_ref(ld *c, const yt_node *n, const char *field, ld_ref_kind k) {
    const char *id = ld_id(c, n, field);
    if (!id) return -1;
    const struct model_index *ix = c->m->index;
    int got = -1;
    switch (k) {
    case LD_CALENDAR: got = model_table_get(&ix->calendars, id); break;
    case LD_PLACE: got = model_table_get(&ix->places, id); break;
    case LD_SCHOOL:
        got = model_table_get(&ix->places, id);
        if (got >= 0) got = c->m->places[got].school;
        break;
    case LD_ADVOCATE: got = model_table_get(&ix->advocates, id); break;
    case LD_COURSE: got = model_table_get(&ix->courses, id); break;
    }
    if (got >= 0) return got;
    char hint[800];
    ld_ref_hint(c, k, id, hint, sizeof hint);
    if (field && strcmp(field, ld_ref_noun[k]) != 0)
        ld_ferr(c, n, field, "%s '%s' is not defined%s", ld_ref_noun[k], id, hint);
    else
        ld_ferr(c, n, NULL, "%s '%s' is not defined%s", ld_ref_noun[k], id, hint);
    return -1;
}

static void ld_refs(ld *c, const yt_node *n, const char *field, ld_ref_kind k, bool no_repeats,
                    model_index_list *out) {
    out->n = 0;
    if (!ld_seq(c, n, field, "a list of ids")) return;
    out->v = arena_array(c->a, (size_t)n->count, sizeof *out->v);
    if (!out->v) { ld_oom(c, n); return; }
    for (int i = 0; i < n->count; i++) {
        int r = ld_ref(c, n->items[i], field, k);
        if (r < 0) continue;
        bool seen = false;
        for (int j = 0; j < out->n && !seen; j++) seen = out->v[j] == r;
        if (seen && no_repeats)
            ld_ferr(c, n->items[i], field, "'%s' is listed twice", n->items[i]->str);
        else if (!seen)
            out->v[out->n++] = r;
    }
}

static void ld_dbs(ld *c, const yt_node *n, model_dbs *dbs) {
    static const char *const keys[] = {"cleared", "expires", NULL};
    dbs->node = n;
    if (!ld_map(c, n, "dbs", "a mapping {cleared, expires}", "dbs", keys)) return;
    const yt_node *cl = ld_req(c, n, "cleared"), *ex = ld_req(c, n, "expires");
    bool ok = cl && ld_date(c, cl, "dbs", &dbs->cleared);
    ok &= ex && ld_date(c, ex, "dbs", &dbs->expires);
    if (ok && dbs->expires < dbs->cleared) {
        ld_ferr(c, ex, "dbs", "expires %s is before cleared %s", ex->str, cl->str);
        ok = false;
    }
    dbs->set = ok;
}

/* ------------------------------------------------------- collect sections */

static bool ld_push(ld *c, ld_nodes *l, const yt_node *n) {
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 64;
        const yt_node **v = realloc(l->v, (size_t)cap * sizeof(const yt_node *));
        if (!v) { ld_oom(c, n); return false; }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = n;
    return true;
}

static void ld_list_section(ld *c, ld_nodes *l, const yt_node *key, const yt_node *v) {
    if (ld_null(v)) return;
    if (!ld_seq(c, v, key->str, "a list")) return;
    for (int i = 0; i < v->count; i++)
        if (!ld_push(c, l, v->items[i])) return;
}

static void ld_once(ld *c, const yt_node **slot, const yt_node **slot_key, const yt_node *key,
                    const yt_node *v) {
    if (*slot_key) {
        const yt_node *first = *slot_key;
        diag_error(c->d, key->pos,
                   "'%s' is given a second time; it was first given at %s:%d (programme, travel and "
                   "university may each appear in only one file)",
                   key->str, first->pos.file, first->pos.line);
        return;
    }
    *slot_key = key;
    *slot = v;
}

static void ld_collect(ld *c, const yt_node *root) {
    static const char *const keys[] = {"programme", "calendars", "places",     "travel",
                                       "schools",   "pupils",    "advocates",  "university",
                                       "community_teachers",     "sessions",   NULL};
    c->ctx[0] = '\0';
    if (!ld_map(c, root, NULL, "a mapping of sections", "the top level", keys)) return;
    for (int i = 0; i < root->count; i++) {
        const yt_node *k = root->pairs[i].key, *v = root->pairs[i].value;
        const char *s = k->str;
        if (strcmp(s, "programme") == 0) ld_once(c, &c->programme, &c->programme_key, k, v);
        else if (strcmp(s, "travel") == 0) ld_once(c, &c->travel, &c->travel_key, k, v);
        else if (strcmp(s, "university") == 0) ld_once(c, &c->university, &c->university_key, k, v);
        else if (strcmp(s, "calendars") == 0) ld_list_section(c, &c->calendars, k, v);
        else if (strcmp(s, "places") == 0) ld_list_section(c, &c->places, k, v);
        else if (strcmp(s, "schools") == 0) ld_list_section(c, &c->schools, k, v);
        else if (strcmp(s, "pupils") == 0) ld_list_section(c, &c->pupils, k, v);
        else if (strcmp(s, "advocates") == 0) ld_list_section(c, &c->advocates, k, v);
        else if (strcmp(s, "community_teachers") == 0) ld_list_section(c, &c->teachers, k, v);
        else if (strcmp(s, "sessions") == 0) ld_list_section(c, &c->sessions, k, v);
    }
}

/* ------------------------------------------------------------- programme */

static void ld_weights(ld *c, const yt_node *n) {
    static const char *const keys[] = {"visit",  "match",      "continuity", "preference", "moved",
                                       "school_day", "session", "reassign",  "repattern",  NULL};
    if (!ld_map(c, n, "weights", "a mapping of weights", "weights", keys)) return;
    model_weights *w = &c->m->weights;
    double *slots[] = {&w->visit, &w->match, &w->continuity, &w->preference, &w->moved,
                       &w->school_day, &w->session, &w->reassign, &w->repattern};
    for (int i = 0; keys[i]; i++) {
        const yt_node *v = ld_opt(n, keys[i]);
        if (v) ld_number(c, v, "weights", slots[i]);
    }
}

static bool ld_slot_ok(int s) { return 60 % s == 0 || (s % 60 == 0 && 1440 % s == 0); }

static void ld_programme(ld *c) {
    static const char *const keys[] = {"name", "period", "slot_minutes", "weights", NULL};
    model_programme *m = c->m;
    m->slot_minutes = 15;
    m->weights = (model_weights){.visit = 100, .match = 10, .continuity = 50, .preference = 20, .moved = 10,
                                 .school_day = 5, .session = 100, .reassign = 200, .repattern = 20};
    m->name = "unnamed programme";
    ld_set_ctx(c, "programme", NULL);
    const yt_node *n = c->programme;
    m->node = n;
    if (!ld_map(c, n, NULL, "a mapping (name, period, slot_minutes, weights)", "programme", keys)) return;
    const yt_node *v;
    if ((v = ld_opt(n, "slot_minutes"))) {
        int s;
        if (ld_int(c, v, "slot_minutes", 1, 1440, &s)) {
            if (ld_slot_ok(s)) {
                m->slot_minutes = s;
            } else {
                ld_ferr(c, v, "slot_minutes", "%d does not divide an hour (nor, for whole hours, a day) evenly",
                        s);
                m->slot_minutes = 1; /* no grid errors cascading from this one */
            }
        }
    }
    if ((v = ld_opt(n, "name"))) {
        const char *name = ld_text(c, v, "name");
        if (name) m->name = name;
    }
    if ((v = ld_req(c, n, "period"))) {
        model_period p;
        if (ld_period(c, v, "period", &p)) {
            m->period_from = p.from;
            m->period_to = p.to;
            if (p.to - p.from + 1 > LD_MAX_PERIOD_DAYS)
                ld_ferr(c, v, "period", "the period is %d days long; at most %d days are supported",
                        p.to - p.from + 1, LD_MAX_PERIOD_DAYS);
        }
    }
    if ((v = ld_opt(n, "weights"))) ld_weights(c, v);
}

/* ------------------------------------------------------------ id registry */

static const yt_node *ld_id_node(const yt_node *item) {
    const yt_node *v = item->kind == YT_MAPPING ? yt_get(item, "id") : NULL;
    return v ? v : item;
}

/* The id of a list entry, validated, or NULL (missing ids are reported
** when the entry is loaded). */
static const char *ld_entry_id(ld *c, const yt_node *item, const char *noun) {
    if (item->kind != YT_MAPPING) return NULL;
    const yt_node *v = yt_get(item, "id");
    if (!v || ld_null(v)) return NULL;
    ld_set_ctx(c, noun, NULL);
    return ld_id(c, v, "id");
}

static void ld_dup_same(ld *c, const char *noun, const yt_node *item, const yt_node *first) {
    const yt_node *at = ld_id_node(item), *f = ld_id_node(first);
    diag_error(c->d, at->pos, "duplicate %s id '%s' (first defined at %s:%d:%d)", noun, at->str, f->pos.file,
               f->pos.line, f->pos.col);
}

static void ld_dup_shared(ld *c, const yt_node *item, const char *first_noun, const yt_node *first,
                          const char *namespace) {
    const yt_node *at = ld_id_node(item), *f = ld_id_node(first);
    diag_error(c->d, at->pos, "id '%s' is already used by %s at %s:%d:%d (%s share one set of ids)", at->str,
               first_noun, f->pos.file, f->pos.line, f->pos.col, namespace);
}

/* Calendars, courses, sessions: ids unique within their own list. */
static void ld_register_simple(ld *c, const ld_nodes *l, model_table *t, const char *noun,
                               const char **ids, size_t stride) {
    for (int i = 0; i < l->n && !c->stop; i++) {
        const char *id = ld_entry_id(c, l->v[i], noun);
        if (!id) continue;
        *(const char **)((char *)ids + (size_t)i * stride) = id;
        int got = model_table_get(t, id);
        if (got >= 0) {
            ld_dup_same(c, noun, l->v[i], l->v[got]);
            continue;
        }
        if (!model_table_put(c->a, t, id, i)) { ld_oom(c, l->v[i]); return; }
    }
}

static const char *const ld_places_ns = "schools, places and the university place";
static const char *const ld_people_ns = "pupils, advocates and community teachers";

static const char *ld_place_noun(const model_place *p) {
    return p->school >= 0 ? "a school" : p->node && p->node->kind == YT_SCALAR ? "the university place"
                                                                               : "a place";
}

static bool ld_claim_place(ld *c, const yt_node *item, const char *id, int place) {
    model_table *t = &c->m->index->places;
    int got = model_table_get(t, id);
    if (got >= 0) {
        const model_place *first = &c->m->places[got];
        ld_dup_shared(c, item, ld_place_noun(first), first->node, ld_places_ns);
        return false;
    }
    if (!model_table_put(c->a, t, id, place)) { ld_oom(c, item); return false; }
    return true;
}

static void ld_register_places(ld *c) {
    model_programme *m = c->m;
    for (int i = 0; i < c->schools.n; i++) {
        m->schools[i].place = i;
        m->places[i] = (model_place){NULL, NULL, i, c->schools.v[i]};
        m->schools[i].node = c->schools.v[i];
        const char *id = ld_entry_id(c, c->schools.v[i], "school");
        if (id) m->schools[i].id = id;
        if (id && ld_claim_place(c, c->schools.v[i], id, i)) m->places[i].id = id;
    }
    for (int i = 0; i < c->places.n; i++) {
        int p = c->schools.n + i;
        m->places[p] = (model_place){NULL, NULL, -1, c->places.v[i]};
        const char *id = ld_entry_id(c, c->places.v[i], "place");
        if (id && ld_claim_place(c, c->places.v[i], id, p)) m->places[p].id = id;
    }
    m->university_place = -1;
    const yt_node *u = c->university_place_node;
    if (!u) return;
    /* The last slot was reserved for the university's own place; give it
    ** back unless the place turns out to be new. */
    int p = --m->n_places;
    c->ctx[0] = '\0';
    const char *id = ld_id(c, u, "university: place");
    if (!id) return;
    int got = model_table_get(&m->index->places, id);
    if (got >= 0 && m->places[got].school < 0) {
        m->university_place = got; /* an existing venue: the university is there */
        return;
    }
    if (got >= 0) {
        ld_dup_shared(c, u, "a school", m->places[got].node, ld_places_ns);
        return;
    }
    m->n_places++;
    m->places[p] = (model_place){id, id, -1, u};
    if (model_table_put(c->a, &m->index->places, id, p)) m->university_place = p;
    else ld_oom(c, u);
}

static void ld_register_people(ld *c) {
    model_programme *m = c->m;
    struct model_index *ix = m->index;
    for (int i = 0; i < c->pupils.n && !c->stop; i++) {
        m->pupils[i].node = c->pupils.v[i];
        const char *id = ld_entry_id(c, c->pupils.v[i], "pupil");
        if (!id) continue;
        int got = model_table_get(&ix->pupils, id);
        m->pupils[i].id = id; /* kept for messages even when taken */
        if (got >= 0) { ld_dup_same(c, "pupil", c->pupils.v[i], c->pupils.v[got]); continue; }
        if (!model_table_put(c->a, &ix->pupils, id, i)) { ld_oom(c, c->pupils.v[i]); return; }
    }
    for (int i = 0; i < c->advocates.n && !c->stop; i++) {
        m->advocates[i].node = c->advocates.v[i];
        m->advocates[i].teacher = -1;
        const char *id = ld_entry_id(c, c->advocates.v[i], "advocate");
        if (!id) continue;
        m->advocates[i].id = id;
        int got;
        if ((got = model_table_get(&ix->pupils, id)) >= 0) {
            ld_dup_shared(c, c->advocates.v[i], "a pupil", c->pupils.v[got], ld_people_ns);
            continue;
        }
        if ((got = model_table_get(&ix->advocates, id)) >= 0) {
            ld_dup_same(c, "advocate", c->advocates.v[i], c->advocates.v[got]);
            continue;
        }
        if (!model_table_put(c->a, &ix->advocates, id, i)) { ld_oom(c, c->advocates.v[i]); return; }
    }
    for (int i = 0; i < c->teachers.n && !c->stop; i++) {
        m->teachers[i].node = c->teachers.v[i];
        m->teachers[i].advocate = -1;
        const char *id = ld_entry_id(c, c->teachers.v[i], "community teacher");
        if (!id) continue;
        m->teachers[i].id = id;
        int got;
        if ((got = model_table_get(&ix->pupils, id)) >= 0) {
            ld_dup_shared(c, c->teachers.v[i], "a pupil", c->pupils.v[got], ld_people_ns);
            continue;
        }
        if ((got = model_table_get(&ix->teachers, id)) >= 0) {
            ld_dup_same(c, "community teacher", c->teachers.v[i], c->teachers.v[got]);
            continue;
        }
        if (!model_table_put(c->a, &ix->teachers, id, i)) { ld_oom(c, c->teachers.v[i]); return; }
        /* The one allowed overlap: an advocate who also teaches sessions. */
        if ((got = model_table_get(&ix->advocates, id)) >= 0) {
            m->teachers[i].advocate = got;
            m->advocates[got].teacher = i;
        }
    }
}

/* ---------------------------------------------------------------- entities */

static void ld_calendar(ld *c, int i) {
    static const char *const keys[] = {"id", "open", "closed", NULL};
    model_calendar *cal = &c->m->calendars[i];
    const yt_node *n = c->calendars.v[i];
    cal->node = n;
    ld_set_ctx(c, "calendar", cal->id);
    if (!ld_map(c, n, NULL, "a mapping (id, open, closed)", "calendar", keys)) return;
    ld_req(c, n, "id");
    const yt_node *v = ld_req(c, n, "open");
    if (v) ld_periods(c, v, "open", &cal->open);
    ld_opt_periods(c, n, "closed", &cal->closed);
}

static void ld_place_entry(ld *c, int i) {
    static const char *const keys[] = {"id", "name", NULL};
    model_place *p = &c->m->places[c->m->n_schools + i];
    const yt_node *n = c->places.v[i];
    ld_set_ctx(c, "place", p->id);
    if (!ld_map(c, n, NULL, "a mapping (id, name)", "place", keys)) return;
    ld_req(c, n, "id");
    const yt_node *v = ld_opt(n, "name");
    p->name = v ? ld_text(c, v, "name") : NULL;
    if (!p->name) p->name = p->id;
}

static bool ld_phase(ld *c, const yt_node *n, model_phase *out) {
    static const char *const names[] = {"primary", "secondary", "all-through", "special", "college"};
    if (!ld_scalar(c, n, "phase", "a phase")) return false;
    for (int i = 0; i < 5; i++)
        if (strcmp(n->str, names[i]) == 0) { *out = (model_phase)i; return true; }
    ld_ferr(c, n, "phase", "'%.*s%s' is not a phase; expected one of: primary, secondary, all-through, special, "
            "college", SHOW(n));
    return false;
}

static void ld_school_windows(ld *c, model_school *s, const yt_node *n) {
    if (n->kind != YT_MAPPING) {
        ld_ferr(c, n, "windows", "expected a mapping of window name: window, got %s", ld_got(n));
        return;
    }
    if (!ld_spend(c, n, n->count + 1)) return;
    s->windows = arena_array(c->a, (size_t)n->count, sizeof *s->windows);
    if (!s->windows) { ld_oom(c, n); return; }
    bool core = false;
    for (int i = 0; i < n->count; i++) {
        const yt_node *k = n->pairs[i].key;
        int name = ld_word(c, k, "windows");
        if (name < 0) continue;
        if (model_school_window_named(s, name)) {
            ld_ferr(c, k, "windows", "window '%s' is given twice", k->str);
            continue;
        }
        model_school_window *w = &s->windows[s->n_windows++];
        w->name = name;
        w->node = k;
        core |= name == 0;
        char field[96];
        snprintf(field, sizeof field, "windows.%s", k->str);
        ld_windows(c, n->pairs[i].value, field, &w->entries);
    }
    if (!core) ld_ferr(c, n, "windows", "the 'core' window is required (the school day pupils are in)");
}

static void ld_school(ld *c, int i) {
    static const char *const keys[] = {"id",      "name",      "phase", "calendar", "closed",
                                       "windows", "no_visits", "rooms", NULL};
    model_school *s = &c->m->schools[i];
    const yt_node *n = c->schools.v[i], *v;
    ld_set_ctx(c, "school", s->id);
    s->rooms = 1;
    s->calendar = -1;
    if (!ld_map(c, n, NULL, "a mapping (id, name, phase, calendar, windows, ...)", "school", keys)) return;
    ld_req(c, n, "id");
    s->name = (v = ld_opt(n, "name")) ? ld_text(c, v, "name") : NULL;
    if (!s->name) s->name = s->id;
    c->m->places[i].name = s->name;
    if ((v = ld_req(c, n, "phase"))) ld_phase(c, v, &s->phase);
    if ((v = ld_req(c, n, "calendar"))) s->calendar = ld_ref(c, v, "calendar", LD_CALENDAR);
    ld_opt_periods(c, n, "closed", &s->closed);
    if ((v = ld_req(c, n, "windows"))) ld_school_windows(c, s, v);
    if ((v = ld_opt(n, "no_visits"))) ld_windows(c, v, "no_visits", &s->no_visits);
    if ((v = ld_opt(n, "rooms"))) ld_int(c, v, "rooms", 1, 1000, &s->rooms);
}

static void ld_course(ld *c, int i) {
    static const char *const keys[] = {"id", "name", "calendar", "release", "max_minutes_per_week", "blocks", NULL};
    model_course *k = &c->m->courses[i];
    const yt_node *n = c->courses.v[i], *v;
    k->node = n;
    k->calendar = -1;
    k->max_minutes_per_week = MODEL_NO_LIMIT;
    ld_set_ctx(c, "course", k->id);
    if (!ld_map(c, n, NULL, "a mapping (id, name, calendar, release, ...)", "course", keys)) return;
    ld_req(c, n, "id");
    k->name = (v = ld_opt(n, "name")) ? ld_text(c, v, "name") : NULL;
    if (!k->name) k->name = k->id;
    if ((v = ld_opt(n, "calendar"))) k->calendar = ld_ref(c, v, "calendar", LD_CALENDAR);
    if ((v = ld_req(c, n, "release"))) ld_windows(c, v, "release", &k->release);
    if ((v = ld_opt(n, "max_minutes_per_week"))) ld_int(c, v, "max_minutes_per_week", 0, 10080, &k->max_minutes_per_week);
    ld_opt_periods(c, n, "blocks", &k->blocks);
}

/* Reads the university mapping (name, place) and gathers its courses;
** runs before ids are registered since its place and courses have ids. */
static void ld_university_shape(ld *c) {
    static const char *const keys[] = {"name", "place", "courses", NULL};
    const yt_node *n = c->university, *v;
    if (!n) return;
    ld_set_ctx(c, "university", NULL);
    if (!ld_map(c, n, NULL, "a mapping (name, place, courses)", "university", keys)) return;
    c->m->university_name = (v = ld_opt(n, "name")) ? ld_text(c, v, "name") : NULL;
    if (!c->m->university_name) c->m->university_name = "university";
    if ((v = ld_opt(n, "place"))) {
        c->university_place_node = v;
    }
    if ((v = ld_opt(n, "courses")) && ld_seq(c, v, "courses", "a list of courses"))
        for (int i = 0; i < v->count; i++)
            if (!ld_push(c, &c->courses, v->items[i])) return;
}

static void ld_advocate(ld *c, int i) {
    static const char *const keys[] = {"id",       "name",      "kind",  "experience", "languages",
                                       "gender",   "max_pupils", "max_minutes_per_week", "available",
                                       "leave",    "dbs",       "base",  "course",     "schools", NULL};
    static const char *const kinds[] = {"staff", "student", "community", "volunteer"};
    model_advocate *a = &c->m->advocates[i];
    const yt_node *n = c->advocates.v[i], *v;
    a->gender = a->base = a->course = -1;
    a->max_pupils = a->max_minutes_per_week = MODEL_NO_LIMIT;
    ld_set_ctx(c, "advocate", a->id);
    if (!ld_map(c, n, NULL, "a mapping (id, kind, available, ...)", "advocate", keys)) return;
    ld_req(c, n, "id");
    a->name = (v = ld_opt(n, "name")) ? ld_text(c, v, "name") : NULL;
    if (!a->name) a->name = a->id;
    const yt_node *kind = ld_req(c, n, "kind");
    bool kind_ok = false;
    if (kind && ld_scalar(c, kind, "kind", "a kind")) {
        for (int k = 0; k < 4 && !kind_ok; k++)
            if (strcmp(kind->str, kinds[k]) == 0) a->kind = (model_advocate_kind)k, kind_ok = true;
        if (!kind_ok)
            ld_ferr(c, kind, "kind", "'%.*s%s' is not a kind of advocate; expected one of: staff, student, "
                    "community, volunteer", SHOW(kind));
    }
    if ((v = ld_opt(n, "experience"))) ld_levels(c, v, "experience", &a->experience);
    if ((v = ld_opt(n, "languages"))) ld_words(c, v, "languages", &a->languages);
    if ((v = ld_opt(n, "gender"))) a->gender = ld_word(c, v, "gender");
    if ((v = ld_opt(n, "max_pupils"))) ld_int(c, v, "max_pupils", 0, 100000, &a->max_pupils);
    if ((v = ld_opt(n, "max_minutes_per_week"))) ld_int(c, v, "max_minutes_per_week", 0, 10080, &a->max_minutes_per_week);
    if ((v = ld_req(c, n, "available"))) ld_windows(c, v, "available", &a->available);
    ld_opt_periods(c, n, "leave", &a->leave);
    if ((v = ld_opt(n, "dbs"))) ld_dbs(c, v, &a->dbs);
    if ((v = ld_opt(n, "base"))) a->base = ld_ref(c, v, "base", LD_PLACE);
    const yt_node *course = ld_opt(n, "course");
    if (course) a->course = ld_ref(c, course, "course", LD_COURSE);
    if (kind_ok && a->kind == MODEL_KIND_STUDENT && !course)
        ld_ferr(c, kind, NULL, "a student needs a course (the university course that releases them)");
    if (kind_ok && a->kind != MODEL_KIND_STUDENT && course)
        ld_ferr(c, course, NULL, "only a student has a course, but kind is %s", kinds[a->kind]);
    if ((v = ld_opt(n, "schools"))) ld_refs(c, v, "schools", LD_SCHOOL, false, &a->schools);
}

static void ld_teacher(ld *c, int i) {
    static const char *const keys[] = {"id",  "name", "skills", "available", "leave", "dbs",
                                       "max_sessions_per_week", "venues", NULL};
    model_teacher *t = &c->m->teachers[i];
    const yt_node *n = c->teachers.v[i], *v;
    t->max_sessions_per_week = MODEL_NO_LIMIT;
    ld_set_ctx(c, "community teacher", t->id);
    if (!ld_map(c, n, NULL, "a mapping (id, skills, available, ...)", "community teacher", keys)) return;
    ld_req(c, n, "id");
    t->name = (v = ld_opt(n, "name")) ? ld_text(c, v, "name") : NULL;
    if (!t->name) t->name = t->id;
    if ((v = ld_opt(n, "skills"))) ld_levels(c, v, "skills", &t->skills);
    if ((v = ld_req(c, n, "available"))) ld_windows(c, v, "available", &t->available);
    ld_opt_periods(c, n, "leave", &t->leave);
    if ((v = ld_opt(n, "dbs"))) ld_dbs(c, v, &t->dbs);
    if ((v = ld_opt(n, "max_sessions_per_week"))) ld_int(c, v, "max_sessions_per_week", 0, 1000, &t->max_sessions_per_week);
    if ((v = ld_opt(n, "venues"))) ld_refs(c, v, "venues", LD_PLACE, false, &t->venues);
}

/* Window names a pupil uses at school s; default [core]. */
static void ld_pupil_windows(ld *c, const yt_node *n, const char *field, int school, model_index_list *out) {
    if (!n) {
        out->v = arena_alloc(c->a, sizeof *out->v);
        if (!out->v) { ld_oom(c, c->m->node); return; }
        out->v[0] = 0; /* "core", interned first */
        out->n = 1;
        return;
    }
    if (!ld_seq(c, n, field, "a list of window names")) return;
    out->v = arena_array(c->a, (size_t)n->count, sizeof *out->v);
    if (!out->v) { ld_oom(c, n); return; }
    for (int i = 0; i < n->count; i++) {
        int w = ld_word(c, n->items[i], field);
        if (w < 0 || school < 0) continue;
        const model_school *s = &c->m->schools[school];
        if (!model_school_window_named(s, w)) {
            char have[512] = "";
            size_t used = 0;
            for (int j = 0; j < s->n_windows && used < sizeof have; j++)
                used += (size_t)snprintf(have + used, sizeof have - used, "%s%s", j ? ", " : "",
                                         c->m->names[s->windows[j].name]);
            ld_ferr(c, n->items[i], field, "window '%s' is not defined at school %s (windows: %s)",
                    n->items[i]->str, s->id ? s->id : "?", have);
            continue;
        }
        bool seen = false;
        for (int j = 0; j < out->n && !seen; j++) seen = out->v[j] == w;
        if (!seen) out->v[out->n++] = w;
    }
}

static void ld_requires(ld *c, model_pupil *p, const yt_node *n) {
    static const char *const keys[] = {"languages", "gender", "experience", NULL};
    if (!ld_map(c, n, "requires", "a mapping (languages, gender, experience)", "requires", keys)) return;
    const yt_node *v;
    if ((v = ld_opt(n, "languages"))) ld_words(c, v, "requires.languages", &p->req_languages);
    if ((v = ld_opt(n, "gender"))) p->req_gender = ld_word(c, v, "requires.gender");
    if ((v = ld_opt(n, "experience"))) ld_levels(c, v, "requires.experience", &p->req_experience);
}

static void ld_visits(ld *c, model_pupil *p, const yt_node *n) {
    static const char *const keys[] = {"per_week", "minutes", NULL};
    if (!ld_map(c, n, "visits", "a mapping (per_week, minutes)", "visits", keys)) return;
    const yt_node *v;
    if ((v = ld_opt(n, "per_week"))) ld_int(c, v, "visits.per_week", 1, 7, &p->per_week);
    if ((v = ld_opt(n, "minutes"))) ld_minutes(c, v, "visits.minutes", &p->minutes);
}

static void ld_moves(ld *c, model_pupil *p, const yt_node *n) {
    static const char *const keys[] = {"school", "windows", "on", NULL};
    if (!ld_map(c, n, "moves", "a mapping (school, windows, on)", "moves", keys)) return;
    const yt_node *school = ld_req(c, n, "school"), *on = ld_req(c, n, "on");
    p->moves_school = school ? ld_ref(c, school, "moves.school", LD_SCHOOL) : -1;
    bool ok = on && ld_date(c, on, "moves.on", &p->moves_on);
    ld_pupil_windows(c, ld_opt(n, "windows"), "moves.windows", p->moves_school, &p->moves_windows);
    p->moves = ok && p->moves_school >= 0;
}

static void ld_pupil(ld *c, int i) {
    static const char *const keys[] = {"id",       "school",   "year",              "windows", "needs",
                                       "requires", "visits",   "priority",          "previous_advocate",
                                       "prefers",  "avoid",    "unavailable",       "moves",   NULL};
    model_pupil *p = &c->m->pupils[i];
    const yt_node *n = c->pupils.v[i], *v;
    p->school = p->req_gender = p->previous_advocate = p->moves_school = -1;
    p->per_week = 1;
    p->minutes = 60;
    p->priority = 1;
    ld_set_ctx(c, "pupil", p->id);
    if (!ld_map(c, n, NULL, "a mapping (id, school, ...)", "pupil", keys)) return;
    ld_req(c, n, "id");
    if ((v = ld_req(c, n, "school"))) p->school = ld_ref(c, v, "school", LD_SCHOOL);
    if ((v = ld_opt(n, "year"))) ld_int(c, v, "year", 0, 14, &p->year);
    ld_pupil_windows(c, ld_opt(n, "windows"), "windows", p->school, &p->windows);
    if ((v = ld_opt(n, "needs"))) ld_levels(c, v, "needs", &p->needs);
    if ((v = ld_opt(n, "requires"))) ld_requires(c, p, v);
    if ((v = ld_opt(n, "visits"))) ld_visits(c, p, v);
    if (p->minutes % c->m->slot_minutes)
        ld_ferr(c, n, "visits.minutes", "the default of 60 minutes is not a multiple of the %d-minute slot; "
                "give visits.minutes", c->m->slot_minutes);
    if ((v = ld_opt(n, "priority"))) ld_int(c, v, "priority", 1, 5, &p->priority);
    if ((v = ld_opt(n, "previous_advocate"))) p->previous_advocate = ld_ref(c, v, "previous_advocate", LD_ADVOCATE);
    if ((v = ld_opt(n, "prefers"))) ld_refs(c, v, "prefers", LD_ADVOCATE, true, &p->prefers);
    if ((v = ld_opt(n, "avoid"))) ld_refs(c, v, "avoid", LD_ADVOCATE, false, &p->avoid);
    if ((v = ld_opt(n, "unavailable"))) ld_windows(c, v, "unavailable", &p->unavailable);
    if ((v = ld_opt(n, "moves"))) ld_moves(c, p, v);
}

static void ld_session(ld *c, int i) {
    static const char *const keys[] = {"id", "school", "subject", "min_level", "minutes", "when",
                                       "per_week", "priority", NULL};
    model_session *s = &c->m->sessions[i];
    const yt_node *n = c->sessions.v[i], *v;
    s->node = n;
    s->place = s->school = s->subject = -1;
    s->per_week = s->priority = 1;
    ld_set_ctx(c, "session", s->id);
    if (!ld_map(c, n, NULL, "a mapping (id, school, subject, minutes, when, ...)", "session", keys)) return;
    ld_req(c, n, "id");
    if ((v = ld_req(c, n, "school"))) {
        s->place = ld_ref(c, v, "school", LD_PLACE);
        if (s->place >= 0) s->school = c->m->places[s->place].school;
    }
    if ((v = ld_req(c, n, "subject"))) s->subject = ld_word(c, v, "subject");
    if ((v = ld_opt(n, "min_level"))) ld_int(c, v, "min_level", 0, 5, &s->min_level);
    if ((v = ld_req(c, n, "minutes"))) ld_minutes(c, v, "minutes", &s->minutes);
    if ((v = ld_req(c, n, "when"))) ld_windows(c, v, "when", &s->when);
    if ((v = ld_opt(n, "per_week"))) ld_int(c, v, "per_week", 1, 7, &s->per_week);
    if ((v = ld_opt(n, "priority"))) ld_int(c, v, "priority", 1, 5, &s->priority);
}

/* ------------------------------------------------------------------ travel */

static void ld_travel_pair(ld *c, const yt_node *t, int *set_at) {
    model_programme *m = c->m;
    if (t->kind != YT_SEQUENCE || t->count != 3) {
        ld_ferr(c, t, "minutes", "expected [place, place, minutes], got %s%s", ld_got(t),
                t->kind == YT_SEQUENCE ? " of a different length" : "");
        return;
    }
    if (!ld_spend(c, t, 4)) return;
    int a = ld_ref(c, t->items[0], "minutes", LD_PLACE), b = ld_ref(c, t->items[1], "minutes", LD_PLACE), mins;
    if (!ld_int(c, t->items[2], "minutes", 0, 1440, &mins) || a < 0 || b < 0) return;
    if (a == b) {
        if (mins != 0) ld_ferr(c, t->items[2], "minutes", "travel from %s to itself is always 0", m->places[a].id);
        return;
    }
    size_t ab = (size_t)a * (size_t)m->n_places + (size_t)b, ba = (size_t)b * (size_t)m->n_places + (size_t)a;
    if (set_at[ab]) {
        ld_ferr(c, t, "minutes", "travel between %s and %s is already given at line %d", m->places[a].id,
                m->places[b].id, set_at[ab]);
        return;
    }
    set_at[ab] = set_at[ba] = t->pos.line;
    m->travel[ab] = m->travel[ba] = mins;
}

static void ld_travel(ld *c) {
    static const char *const keys[] = {"default_minutes", "minutes", NULL};
    model_programme *m = c->m;
    m->travel_default = 30;
    const yt_node *n = c->travel, *v, *pairs = NULL;
    ld_set_ctx(c, "travel", NULL);
    if (n && ld_map(c, n, NULL, "a mapping (default_minutes, minutes)", "travel", keys)) {
        if ((v = ld_opt(n, "default_minutes"))) ld_int(c, v, "default_minutes", 0, 1440, &m->travel_default);
        pairs = ld_opt(n, "minutes");
    }
    size_t np = (size_t)m->n_places;
    m->travel = arena_array(c->a, np * np + 1, sizeof *m->travel);
    int *set_at = pairs ? calloc(np * np + 1, sizeof *set_at) : NULL;
    if (!m->travel || (pairs && !set_at)) { free(set_at); ld_oom(c, n ? n : m->node); return; }
    for (size_t a = 0; a < np; a++)
        for (size_t b = 0; b < np; b++) m->travel[a * np + b] = a == b ? 0 : m->travel_default;
    if (pairs && ld_seq(c, pairs, "minutes", "a list of [place, place, minutes]"))
        for (int i = 0; i < pairs->count && !c->stop; i++) ld_travel_pair(c, pairs->items[i], set_at);
    free(set_at);
}

/* -------------------------------------------------------------------- run */

static bool ld_alloc(ld *c) {
    model_programme *m = c->m;
    m->n_calendars = c->calendars.n;
    m->n_schools = c->schools.n;
    m->n_places = c->schools.n + c->places.n + (c->university_place_node ? 1 : 0);
    m->n_pupils = c->pupils.n;
    m->n_advocates = c->advocates.n;
    m->n_courses = c->courses.n;
    m->n_teachers = c->teachers.n;
    m->n_sessions = c->sessions.n;
    m->calendars = arena_array(c->a, (size_t)m->n_calendars, sizeof *m->calendars);
    m->schools = arena_array(c->a, (size_t)m->n_schools, sizeof *m->schools);
    m->places = arena_array(c->a, (size_t)m->n_places, sizeof *m->places);
    m->pupils = arena_array(c->a, (size_t)m->n_pupils, sizeof *m->pupils);
    m->advocates = arena_array(c->a, (size_t)m->n_advocates, sizeof *m->advocates);
    m->courses = arena_array(c->a, (size_t)m->n_courses, sizeof *m->courses);
    m->teachers = arena_array(c->a, (size_t)m->n_teachers, sizeof *m->teachers);
    m->sessions = arena_array(c->a, (size_t)m->n_sessions, sizeof *m->sessions);
    return m->calendars && m->schools && m->places && m->pupils && m->advocates && m->courses && m->teachers &&
           m->sessions;
}

static void ld_run(ld *c, const yt_node *const *roots, int n_roots) {
    model_programme *m = c->m;
    for (int i = 0; i < n_roots && !c->stop; i++) ld_collect(c, roots[i]);
    if (!c->programme) {
        diag_error(c->d, roots[0]->pos, "no 'programme' section in %s; it is required (name, period, ...)",
                   n_roots > 1 ? "any input file" : "the input file");
        /* keep checking the rest: its errors are worth reporting too */
        m->slot_minutes = 15;
        m->travel_default = 30;
    } else {
        ld_programme(c);
    }
    ld_university_shape(c);
    if (c->stop) return;
    if (m->n_places > LD_MAX_PLACES || c->schools.n + c->places.n + 1 > LD_MAX_PLACES) {
        diag_error(c->d, roots[0]->pos, "too many schools and places (%d); at most %d are supported",
                   c->schools.n + c->places.n, LD_MAX_PLACES);
        return;
    }
    if (!ld_alloc(c)) { ld_oom(c, roots[0]); return; }

    /* Pass 1: every id, so that references may point anywhere. */
    ld_register_simple(c, &c->calendars, &m->index->calendars, "calendar", &m->calendars[0].id,
                       sizeof *m->calendars);
    for (int i = 0; i < m->n_calendars; i++) m->calendars[i].node = c->calendars.v[i];
    ld_register_places(c);
    ld_register_simple(c, &c->courses, &m->index->courses, "course", &m->courses[0].id, sizeof *m->courses);
    ld_register_people(c);
    ld_register_simple(c, &c->sessions, &m->index->sessions, "session", &m->sessions[0].id, sizeof *m->sessions);

    /* Pass 2: every field. Schools before pupils (pupils name their windows). */
    for (int i = 0; i < m->n_calendars && !c->stop; i++) ld_calendar(c, i);
    for (int i = 0; i < c->places.n && !c->stop; i++) ld_place_entry(c, i);
    for (int i = 0; i < m->n_schools && !c->stop; i++) ld_school(c, i);
    for (int i = 0; i < m->n_courses && !c->stop; i++) ld_course(c, i);
    for (int i = 0; i < m->n_advocates && !c->stop; i++) ld_advocate(c, i);
    for (int i = 0; i < m->n_teachers && !c->stop; i++) ld_teacher(c, i);
    for (int i = 0; i < m->n_pupils && !c->stop; i++) ld_pupil(c, i);
    for (int i = 0; i < m->n_sessions && !c->stop; i++) ld_session(c, i);
    if (!c->stop) ld_travel(c);
}

static model_programme *ld_new(diag_list *d) {
    arena *a = arena_new();
    model_programme *m = a ? arena_alloc(a, sizeof *m) : NULL;
    if (m) m->index = arena_alloc(a, sizeof *m->index);
    if (!m || !m->index) {
        arena_free(a);
        diag_error(d, (diag_pos){NULL, 0, 0}, "out of memory");
        return NULL;
    }
    m->arena = a;
    m->university_place = -1;
    return m;
}

/* Which input file a diagnostic belongs to, for ordering: files keep the
** order given on the command line, positions sort within a file. */
static int ld_file_rank(const char *file, const yt_node *const *roots, int n) {
    for (int i = 0; i < n; i++)
        if (roots[i] && file && strcmp(file, roots[i]->pos.file) == 0) return i; /* diag copies names */
    return n;
}

static int ld_cmp_pos(diag_pos a, diag_pos b, const yt_node *const *roots, int n) {
    int fa = ld_file_rank(a.file, roots, n), fb = ld_file_rank(b.file, roots, n);
    if (fa != fb) return fa - fb;
    if (a.line != b.line) return a.line - b.line;
    return a.col - b.col;
}

/* Errors are found pass by pass; report them in reading order. Stable, and
** only over the (at most DIAG_MAX_KEPT) entries this load added. */
static void ld_sort_diags(diag_list *d, int from, const yt_node *const *roots, int n) {
    for (int i = from + 1; i < d->kept; i++) {
        diag_entry e = d->entries[i];
        int j = i;
        while (j > from && ld_cmp_pos(d->entries[j - 1].pos, e.pos, roots, n) > 0) {
            d->entries[j] = d->entries[j - 1];
            j--;
        }
        d->entries[j] = e;
    }
}

/* Positions name their file through a copy in the programme's arena; when
** loading fails that arena goes, so the errors are re-pointed at the
** caller's own names (which the caller keeps for as long as it keeps d). */
static void ld_rehome_diags(diag_list *d, int from, const char *const *names, int n) {
    for (int i = from; i < d->kept; i++) {
        const char *file = d->entries[i].pos.file;
        if (!file) continue;
        const char *owner = NULL;
        for (int k = 0; k < n && !owner; k++)
            if (strcmp(file, names[k]) == 0) owner = names[k];
        d->entries[i].pos.file = owner;
    }
}

static model_programme *ld_fail(model_programme *m, diag_list *d, int kept_before, const char *const *names,
                                int n) {
    ld_rehome_diags(d, kept_before, names, n);
    model_free(m);
    return NULL;
}

static model_programme *ld_finish(model_programme *m, const yt_node *const *roots, int n, bool parsed,
                                  long long bytes, diag_list *d, int errors_before, int kept_before,
                                  const char *const *names) {
    if (!parsed) return ld_fail(m, d, kept_before, names, n);
    ld c = {0};
    c.a = m->arena;
    c.m = m;
    c.d = d;
    c.budget = 1000000 + 8 * bytes; /* a few units per node suffice without aliases */
    /* "core" is interned first, so the default pupil windows are [0]. */
    if (ld_intern(&c, roots[0], "core") != 0) c.stop = true;
    if (!c.stop) ld_run(&c, roots, n);
    free(c.calendars.v);
    free(c.places.v);
    free(c.schools.v);
    free(c.pupils.v);
    free(c.advocates.v);
    free(c.teachers.v);
    free(c.sessions.v);
    free(c.courses.v);
    ld_sort_diags(d, kept_before, roots, n);
    if (diag_count(d) > errors_before) return ld_fail(m, d, kept_before, names, n);
    return m;
}

model_programme *model_load_buffers(const char *const *names, const char *const *buffers, const int *lengths,
                                    int n, diag_list *d) {
    int errors_before = diag_count(d), kept_before = d->kept;
    if (n < 1) {
        diag_error(d, (diag_pos){NULL, 0, 0}, "no input files given");
        return NULL;
    }
    model_programme *m = ld_new(d);
    if (!m) return NULL;
    const yt_node **roots = calloc((size_t)n, sizeof(const yt_node *));
    if (!roots) {
        model_free(m);
        diag_error(d, (diag_pos){NULL, 0, 0}, "out of memory");
        return NULL;
    }
    bool parsed = true;
    long long bytes = 0;
    for (int i = 0; i < n; i++) {
        size_t len = lengths[i] < 0 ? 0 : (size_t)lengths[i];
        roots[i] = yt_parse_buffer(m->arena, names[i], buffers[i], len, d);
        parsed &= roots[i] != NULL;
        bytes += (long long)len;
    }
    m = ld_finish(m, roots, n, parsed, bytes, d, errors_before, kept_before, names);
    free(roots);
    return m;
}

model_programme *model_load(const char *const *paths, int n_paths, diag_list *d) {
    int errors_before = diag_count(d), kept_before = d->kept;
    if (n_paths < 1) {
        diag_error(d, (diag_pos){NULL, 0, 0}, "no input files given");
        return NULL;
    }
    model_programme *m = ld_new(d);
    if (!m) return NULL;
    const yt_node **roots = calloc((size_t)n_paths, sizeof(const yt_node *));
    if (!roots) {
        model_free(m);
        diag_error(d, (diag_pos){NULL, 0, 0}, "out of memory");
        return NULL;
    }
    bool parsed = true;
    long long bytes = 0;
    for (int i = 0; i < n_paths; i++) {
        roots[i] = yt_parse_file(m->arena, paths[i], d);
        parsed &= roots[i] != NULL;
        struct stat st;
        if (roots[i] && stat(paths[i], &st) == 0) bytes += (long long)st.st_size;
    }
    m = ld_finish(m, roots, n_paths, parsed, bytes, d, errors_before, kept_before, paths);
    free(roots);
    return m;
}
