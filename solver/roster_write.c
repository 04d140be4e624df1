/*
** roster_write.c: roster.yaml in the exact layout of the format's section 3.
**
** Flow style, one entry per line; ids are written plain unless YAML would
** read them as something other than a string; reasons are always quoted.
** The file is written atomically with mode 0600 (fsio_write_atomic).
*/
#include <ctype.h>
#include <strings.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cal.h"
#include "fsio.h"
#include "roster.h"

typedef struct {
    const roster *r;
    const model_programme *m;
} write_ctx;

/* Plain unless YAML 1.1/1.2 would read a number, boolean, null, or the
** scalar starts with an indicator. */
static bool id_needs_quotes(const char *s) {
    static const char *const words[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"};
    if (!*s || *s == '-' || *s == '.' || strchr(s, ':') || strchr(s, '#')) return true;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasecmp(s, words[i]) == 0) return true;
    bool numeric = true;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p) && *p != '.' && *p != '_' && *p != 'e' && *p != 'E' && *p != '+' &&
            *p != '-' && *p != 'x' && *p != 'o')
            numeric = false;
    return numeric;
}

static void put_quoted(FILE *out, const char *s) {
    fputc('"', out);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') fprintf(out, "\\%c", ch);
        else if (ch == '\n') fputs("\\n", out);
        else if (ch == '\t') fputs("\\t", out);
        else if (ch < 0x20 || ch == 0x7f) fprintf(out, "\\x%02x", ch);
        else fputc(ch, out);
    }
    fputc('"', out);
}

static void put_id(FILE *out, const char *s) {
    if (id_needs_quotes(s)) put_quoted(out, s);
    else fputs(s, out);
}

static void put_number(FILE *out, double v) {
    if (v == floor(v) && fabs(v) < 1e15) fprintf(out, "%.0f", v);
    else fprintf(out, "%.17g", v);
}

static void put_date(FILE *out, int date) {
    char b[11];
    cal_format_date(date, b);
    fputs(b, out);
}

static void put_time(FILE *out, int t) {
    char b[6];
    cal_format_time(t, b);
    fprintf(out, "\"%s\"", b);
}

static void put_section(FILE *out, const char *key, int n) { fprintf(out, "%s:%s\n", key, n ? "" : " []"); }

static void write_entities(FILE *out, const roster *r, const model_programme *m) {
    put_section(out, "assignments", r->n_assignments);
    for (int i = 0; i < r->n_assignments; i++) {
        fputs("  - {pupil: ", out);
        put_id(out, m->pupils[r->assignments[i].pupil].id);
        fputs(", advocate: ", out);
        put_id(out, m->advocates[r->assignments[i].advocate].id);
        fputs("}\n", out);
    }
    put_section(out, "pattern", r->n_pattern);
    for (int i = 0; i < r->n_pattern; i++) {
        fputs("  - {pupil: ", out);
        put_id(out, m->pupils[r->pattern[i].pupil].id);
        fprintf(out, ", day: %s, start: ", cal_day_name(r->pattern[i].weekday));
        put_time(out, r->pattern[i].start);
        fputs("}\n", out);
    }
    put_section(out, "visits", r->n_visits);
    for (int i = 0; i < r->n_visits; i++) {
        const roster_visit *v = &r->visits[i];
        fputs("  - {date: ", out);
        put_date(out, v->date);
        fputs(", start: ", out);
        put_time(out, v->start);
        fputs(", end: ", out);
        put_time(out, v->end);
        fputs(", pupil: ", out);
        put_id(out, m->pupils[v->pupil].id);
        fputs(", advocate: ", out);
        put_id(out, m->advocates[v->advocate].id);
        fputs(", school: ", out);
        put_id(out, m->schools[v->school].id);
        fputs("}\n", out);
    }
    put_section(out, "sessions", r->n_sessions);
    for (int i = 0; i < r->n_sessions; i++) {
        const roster_session_occurrence *s = &r->sessions[i];
        fputs("  - {date: ", out);
        put_date(out, s->date);
        fputs(", start: ", out);
        put_time(out, s->start);
        fputs(", end: ", out);
        put_time(out, s->end);
        fputs(", session: ", out);
        put_id(out, m->sessions[s->session].id);
        fputs(", teacher: ", out);
        put_id(out, m->teachers[s->teacher].id);
        fputs(", place: ", out);
        put_id(out, m->places[s->place].id);
        fputs("}\n", out);
    }
}

static void write_shortfalls(FILE *out, const roster *r, const model_programme *m) {
    put_section(out, "unmatched", r->n_unmatched);
    for (int i = 0; i < r->n_unmatched; i++) {
        fputs("  - {pupil: ", out);
        put_id(out, m->pupils[r->unmatched[i].pupil].id);
        fputs(", reasons: [", out);
        for (int k = 0; k < r->unmatched[i].n_reasons; k++) {
            if (k) fputs(", ", out);
            put_quoted(out, r->unmatched[i].reasons[k]);
        }
        fputs("]}\n", out);
    }
    put_section(out, "missed", r->n_missed);
    for (int i = 0; i < r->n_missed; i++) {
        fputs("  - {pupil: ", out);
        put_id(out, m->pupils[r->missed[i].pupil].id);
        fputs(", week: ", out);
        put_date(out, r->missed[i].week);
        fputs(", reason: ", out);
        put_quoted(out, r->missed[i].reason ? r->missed[i].reason : "");
        fputs("}\n", out);
    }
    put_section(out, "unfilled", r->n_unfilled);
    for (int i = 0; i < r->n_unfilled; i++) {
        fputs("  - {session: ", out);
        put_id(out, m->sessions[r->unfilled[i].session].id);
        fputs(", week: ", out);
        put_date(out, r->unfilled[i].week);
        fputs(", reason: ", out);
        put_quoted(out, r->unfilled[i].reason ? r->unfilled[i].reason : "");
        fputs("}\n", out);
    }
}

static void put_opt_id(FILE *out, const char *s) {
    if (s) put_id(out, s);
    else fputs("null", out);
}

/* `changes:` (docs/rerostering.md), only for rosters made with --previous. */
static void write_changes(FILE *out, const roster *r) {
    if (!r->has_changes) return;
    put_section(out, "changes", r->n_changes);
    for (int i = 0; i < r->n_changes; i++) {
        const roster_change *c = &r->changes[i];
        fputs("  - {what: ", out);
        put_id(out, c->what);
        fputs(c->pupil ? ", pupil: " : ", session: ", out);
        put_id(out, c->pupil ? c->pupil : c->session ? c->session : "");
        fputs(", from: ", out);
        if (c->from && strcmp(c->what, "pattern") == 0) put_quoted(out, c->from);
        else put_opt_id(out, c->from);
        fputs(", to: ", out);
        if (c->to && strcmp(c->what, "pattern") == 0) put_quoted(out, c->to);
        else put_opt_id(out, c->to);
        fputs(", reason: ", out);
        put_quoted(out, c->reason ? c->reason : "");
        fputs("}\n", out);
    }
}

static int write_roster(FILE *out, void *vctx) {
    const write_ctx *w = vctx;
    fprintf(out, "format: roster/1\nstatus: %s\nobjective: {value: ", roster_status_name(w->r->status));
    put_number(out, w->r->value);
    fputs(", bound: ", out);
    put_number(out, w->r->bound);
    fputs("}\n", out);
    write_entities(out, w->r, w->m);
    write_shortfalls(out, w->r, w->m);
    write_changes(out, w->r);
    return ferror(out) ? -1 : 0;
}

int roster_write_yaml(const roster *r, const model_programme *m, const char *path, diag_list *d) {
    write_ctx w = {r, m};
    return fsio_write_atomic(path, write_roster, &w, d);
}
