/*
** report_ics.c: each person's calendar as an iCalendar file (RFC 5545).
**
** One VEVENT per visit and per community session of that person, times in
** Europe/London (a VTIMEZONE with the EU summer-time rules is included so
** any client shows the right wall-clock time). Lines end in CRLF and are
** folded at 75 octets without splitting a UTF-8 sequence; TEXT values are
** escaped. UIDs hash the programme, the person, the date, the start and the
** pupil or session, so re-running the solver updates events in place rather
** than duplicating them. DTSTAMP is the period's first day (no clock reads:
** the same roster gives byte-identical files).
*/
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "fsio.h"
#include "report_util.h"

#define ICS_MAX_OCTETS 75

typedef struct {
    char *s;
    size_t n, cap;
    bool oom;
} ics_line;

static void ics_put(ics_line *l, const char *s, size_t len) {
    if (l->oom) return;
    if (l->n + len + 1 > l->cap) {
        size_t cap = l->cap ? l->cap : 128;
        while (cap < l->n + len + 1) cap *= 2;
        char *grown = realloc(l->s, cap);
        if (!grown) {
            l->oom = true;
            return;
        }
        l->s = grown;
        l->cap = cap;
    }
    memcpy(l->s + l->n, s, len);
    l->n += len;
    l->s[l->n] = '\0';
}

static void ics_puts(ics_line *l, const char *s) { ics_put(l, s, strlen(s)); }

/* TEXT escaping (RFC 5545 3.3.11); control characters other than newline
** cannot appear in TEXT, so tabs become spaces and the rest are dropped. */
static void ics_text(ics_line *l, const char *s) {
    for (; s && *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '\\' || ch == ';' || ch == ',') {
            char esc[2] = {'\\', (char)ch};
            ics_put(l, esc, 2);
        } else if (ch == '\n') {
            ics_puts(l, "\\n");
        } else if (ch == '\t') {
            ics_puts(l, " ");
        } else if (ch >= 0x20 && ch != 0x7F) {
            ics_put(l, s, 1);
        }
    }
}

/* Length of the UTF-8 sequence starting with lead byte b (1 if invalid). */
static size_t ics_seq_len(unsigned char b) {
    if (b >= 0xF0 && b <= 0xF7) return 4;
    if (b >= 0xE0) return b <= 0xEF ? 3 : 1;
    if (b >= 0xC0) return 2;
    return 1;
}

/* Emit one content line, folded (RFC 5545 3.1): no physical line exceeds 75
** octets; continuation lines start with one space, which counts. */
static void ics_emit(FILE *out, const ics_line *l) {
    size_t used = 0;
    for (size_t i = 0; i < l->n;) {
        size_t k = ics_seq_len((unsigned char)l->s[i]);
        if (i + k > l->n) k = l->n - i;
        for (size_t j = 1; j < k; j++) /* a truncated sequence: emit byte by byte */
            if (((unsigned char)l->s[i + j] & 0xC0) != 0x80) k = 1;
        if (used + k > ICS_MAX_OCTETS) {
            fputs("\r\n ", out);
            used = 1;
        }
        fwrite(l->s + i, 1, k, out);
        used += k;
        i += k;
    }
    fputs("\r\n", out);
}

/* A property whose value is already valid (no escaping needed). */
static void ics_prop(FILE *out, ics_line *l, const char *name, const char *value) {
    l->n = 0;
    ics_puts(l, name);
    ics_puts(l, ":");
    ics_puts(l, value);
    ics_emit(out, l);
}

/* A TEXT property, escaped. */
static void ics_prop_text(FILE *out, ics_line *l, const char *name, const char *value) {
    l->n = 0;
    ics_puts(l, name);
    ics_puts(l, ":");
    ics_text(l, value);
    ics_emit(out, l);
}

/* Europe/London since 1996: BST from the last Sunday of March 01:00 UTC
** (01:00 GMT local) to the last Sunday of October 01:00 UTC (02:00 BST). */
static const char ics_vtimezone[] =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/London\r\n"
    "X-LIC-LOCATION:Europe/London\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0000\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:BST\r\n"
    "DTSTART:19810329T010000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0000\r\n"
    "TZNAME:GMT\r\n"
    "DTSTART:19961027T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

/* Local date-time "20260908T100000"; 24:00 is the next day's 00:00. */
static void ics_local(int date, int minutes, char out[48]) {
    int y, mo, d;
    if (minutes < 0) minutes = 0;
    if (minutes >= 1440) {
        date += minutes / 1440;
        minutes %= 1440;
    }
    cal_to_ymd(date, &y, &mo, &d);
    snprintf(out, 48, "%04d%02d%02dT%02d%02d00", y % 10000, mo, d, minutes / 60, minutes % 60);
}

typedef struct {
    const report_ctx *c;
    const char *person_id;
    const char *person_name;
    int advocate; /* or -1 */
    int teacher;  /* or -1 */
} ics_job;

static void ics_uid(FILE *out, ics_line *l, const ics_job *j, const char *kind, int date, int start,
                    const char *what) {
    char ds[11], ts[6], uid[80];
    cal_format_date(date, ds);
    cal_format_time(start, ts);
    const char *parts[] = {j->c->m->name ? j->c->m->name : "", kind, j->person_id, ds, ts, what};
    snprintf(uid, sizeof uid, "%016llx-%s@learning-advocate-roster",
             report_hash(parts, (int)(sizeof parts / sizeof parts[0])), kind);
    ics_prop(out, l, "UID", uid);
}

static void ics_times(FILE *out, ics_line *l, const report_ctx *c, int date, int start, int end) {
    char when[48], stamp[56];
    ics_local(c->m->period_from, 0, when);
    snprintf(stamp, sizeof stamp, "%sZ", when);
    ics_prop(out, l, "DTSTAMP", stamp);
    ics_local(date, start, when);
    ics_prop(out, l, "DTSTART;TZID=Europe/London", when);
    ics_local(date, end, when);
    ics_prop(out, l, "DTEND;TZID=Europe/London", when);
}

static void ics_visit(FILE *out, ics_line *l, const ics_job *j, int vi) {
    const report_ctx *c = j->c;
    const roster_visit *v = &c->visits[vi];
    const char *pupil = c->m->pupils[v->pupil].id;
    const char *place = report_place_name(c->m, c->m->schools[v->school].place);
    char text[512];
    fputs("BEGIN:VEVENT\r\n", out);
    ics_uid(out, l, j, "visit", v->date, v->start, pupil);
    ics_times(out, l, c, v->date, v->start, v->end);
    snprintf(text, sizeof text, "Visit %s at %s", pupil, place);
    ics_prop_text(out, l, "SUMMARY", text);
    ics_prop_text(out, l, "LOCATION", place);
    snprintf(text, sizeof text, "Learning advocate visit with pupil %s (%d minutes).%s", pupil,
             v->end - v->start,
             c->visit_moved[vi] ? "\nMoved: not at the pupil's usual weekly time." : "");
    ics_prop_text(out, l, "DESCRIPTION", text);
    ics_prop(out, l, "CATEGORIES", "Visit");
    ics_prop(out, l, "STATUS", "CONFIRMED");
    ics_prop(out, l, "TRANSP", "OPAQUE");
    fputs("END:VEVENT\r\n", out);
}

static void ics_session(FILE *out, ics_line *l, const ics_job *j, int si) {
    const report_ctx *c = j->c;
    const roster_session_occurrence *o = &c->sessions[si];
    const model_session *s = &c->m->sessions[o->session];
    const char *subject = s->subject >= 0 && s->subject < c->m->n_names ? c->m->names[s->subject] : "";
    const char *place = report_place_name(c->m, o->place);
    char text[512];
    fputs("BEGIN:VEVENT\r\n", out);
    ics_uid(out, l, j, "session", o->date, o->start, s->id);
    ics_times(out, l, c, o->date, o->start, o->end);
    snprintf(text, sizeof text, "Session %s (%s) at %s", s->id, subject, place);
    ics_prop_text(out, l, "SUMMARY", text);
    ics_prop_text(out, l, "LOCATION", place);
    snprintf(text, sizeof text, "Community session %s: %s, %d minutes.", s->id, subject, o->end - o->start);
    ics_prop_text(out, l, "DESCRIPTION", text);
    ics_prop(out, l, "CATEGORIES", "Session");
    ics_prop(out, l, "STATUS", "CONFIRMED");
    ics_prop(out, l, "TRANSP", "OPAQUE");
    fputs("END:VEVENT\r\n", out);
}

/* Visits and sessions merged in time order (both lists are date-sorted). */
static int ics_write(FILE *out, void *ctx) {
    const ics_job *j = ctx;
    const report_ctx *c = j->c;
    ics_line l = {0};
    char name[512];
    fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Learning Advocate Roster//roster 1//EN\r\n"
          "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n",
          out);
    snprintf(name, sizeof name, "%s: %s", c->m->name ? c->m->name : "Roster", j->person_name);
    ics_prop_text(out, &l, "X-WR-CALNAME", name);
    ics_prop(out, &l, "X-WR-TIMEZONE", "Europe/London");
    fputs(ics_vtimezone, out);
    int vi = 0, si = 0;
    for (;;) {
        while (vi < c->n_visits && (j->advocate < 0 || c->visits[vi].advocate != j->advocate)) vi++;
        while (si < c->n_sessions && (j->teacher < 0 || c->sessions[si].teacher != j->teacher)) si++;
        if (vi >= c->n_visits && si >= c->n_sessions) break;
        bool visit_first = si >= c->n_sessions ||
                           (vi < c->n_visits &&
                            (c->visits[vi].date < c->sessions[si].date ||
                             (c->visits[vi].date == c->sessions[si].date &&
                              c->visits[vi].start <= c->sessions[si].start)));
        if (visit_first) ics_visit(out, &l, j, vi++);
        else ics_session(out, &l, j, si++);
    }
    fputs("END:VCALENDAR\r\n", out);
    bool oom = l.oom;
    free(l.s);
    return oom ? -1 : 0;
}

int report_write_calendars(const report_ctx *c, const char *dir, diag_list *d) {
    const model_programme *m = c->m;
    char path[4096];
    int rc = 0;
    for (int a = 0; a < m->n_advocates; a++) {
        ics_job j = {c, m->advocates[a].id, report_advocate_name(m, a), a, m->advocates[a].teacher};
        if (report_path(path, sizeof path, dir, "advocates", m->advocates[a].id, ".ics", d) != 0 ||
            fsio_write_atomic(path, ics_write, &j, d) != 0)
            rc = -1;
    }
    for (int t = 0; t < m->n_teachers; t++) {
        if (m->teachers[t].advocate >= 0) continue; /* already in advocates/ */
        ics_job j = {c, m->teachers[t].id, report_teacher_name(m, t), -1, t};
        if (report_path(path, sizeof path, dir, "teachers", m->teachers[t].id, ".ics", d) != 0 ||
            fsio_write_atomic(path, ics_write, &j, d) != 0)
            rc = -1;
    }
    return rc;
}
