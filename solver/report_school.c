/*
** report_school.c: each school's timetable as a static, printable HTML page.
**
** Only that school's pupils, visits and sessions appear: a weekly pattern
** grid by window, the dated list (moved visits marked, closed dates shown,
** a room number for each engagement), the pupils and their advocates,
** visits the roster reports as missed and sessions it reports as unfilled.
** Room numbers are a presentation only: the roster already keeps at most
** `rooms` engagements under way, so numbering them in start order never
** needs more rooms than the school has.
*/
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "fsio.h"
#include "report_util.h"

typedef struct {
    const report_ctx *c;
    int school;
} school_job;

/* A pupil is shown at a school it belongs to at some point of the period. */
static bool school_has_pupil(const model_programme *m, int s, int p) {
    const model_pupil *pu = &m->pupils[p];
    if (model_pupil_school_on(m, pu, m->period_from) == s) return true;
    if (model_pupil_school_on(m, pu, m->period_to) == s) return true;
    return false;
}

/* The weekly grid row of [start, end) on weekday: the first window (in
** display order) of the pupil's windows covering it, else any window
** covering it, else the "other times" row (n_windows). */
static int school_row(const model_programme *m, const model_school *s, const int *order,
                      const model_index_list *names, int weekday, int start, int end) {
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < s->n_windows; k++) {
            const model_school_window *w = &s->windows[order[k]];
            bool named = false;
            for (int i = 0; names && i < names->n; i++) named |= names->v[i] == w->name;
            if (pass == 0 && !named) continue;
            if (cal_windows_covering(&w->entries, weekday, start, end)) return k;
        }
    (void)m;
    return s->n_windows;
}

typedef struct {
    int row, weekday, start, end;
    int pupil;   /* or -1 for a session */
    int session, teacher, count;
} school_item;

static int school_cmp_item(const void *x, const void *y) {
    const school_item *a = x, *b = y;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->pupil != b->pupil) return a->pupil < b->pupil ? -1 : 1;
    if (a->session != b->session) return a->session < b->session ? -1 : 1;
    return (a->teacher > b->teacher) - (a->teacher < b->teacher);
}

/* "C01" or "A03 (Name)" when the person has a name of their own. */
static void school_person(FILE *out, const char *id, const char *name) {
    report_html_text(out, id);
    if (name && strcmp(name, id) != 0) {
        fputs(" (", out);
        report_html_text(out, name);
        fputs(")", out);
    }
}

static void school_item_html(FILE *out, const report_ctx *c, const school_item *it) {
    const model_programme *m = c->m;
    char times[32];
    report_time_range(it->start, it->end, times);
    if (it->pupil >= 0) {
        int a = c->advocate_of[it->pupil];
        fprintf(out, "<li><b>%s</b> %s with ", times, m->pupils[it->pupil].id);
        if (a >= 0) {
            fprintf(out, "%s (", m->advocates[a].id);
            report_html_text(out, report_advocate_name(m, a));
            fputs(")</li>\n", out);
        } else {
            fputs("<span class=\"none\">no advocate</span></li>\n", out);
        }
        return;
    }
    const model_session *s = &m->sessions[it->session];
    fprintf(out, "<li class=\"session\"><b>%s</b> session %s (", times, s->id);
    report_html_text(out, m->names[s->subject]);
    fputs(") with ", out);
    school_person(out, m->teachers[it->teacher].id, report_teacher_name(m, it->teacher));
    fprintf(out, ", %d date%s</li>\n", it->count, it->count == 1 ? "" : "s");
}

/* Pattern entries of the school's pupils, and its sessions grouped by
** weekday and time; returns the number of items (caller frees *items). */
static int school_collect(const report_ctx *c, int s, const int *order, school_item **items) {
    const model_programme *m = c->m;
    const model_school *sc = &m->schools[s];
    int cap = c->r->n_pattern + c->n_sessions + 1, n = 0;
    school_item *v = calloc((size_t)cap, sizeof *v);
    if (!v) return -1;
    for (int p = 0; p < m->n_pupils; p++) {
        if (!school_has_pupil(m, s, p)) continue;
        const model_pupil *pu = &m->pupils[p];
        const model_index_list *names = pu->school == s ? &pu->windows : &pu->moves_windows;
        for (int i = 0; i < c->pattern_count[p]; i++) {
            const roster_pattern_entry *e = &c->pattern[c->pattern_first[p] + i];
            int end = e->start + pu->minutes;
            v[n++] = (school_item){school_row(m, sc, order, names, e->weekday, e->start, end), e->weekday,
                                   e->start, end, p, -1, -1, 1};
        }
    }
    for (int i = 0; i < c->n_sessions; i++) {
        const roster_session_occurrence *o = &c->sessions[i];
        if (o->place != sc->place) continue;
        int wd = cal_weekday(o->date), k;
        for (k = 0; k < n; k++)
            if (v[k].pupil < 0 && v[k].session == o->session && v[k].teacher == o->teacher &&
                v[k].weekday == wd && v[k].start == o->start && v[k].end == o->end)
                break;
        if (k < n) {
            v[k].count++;
            continue;
        }
        v[n++] = (school_item){school_row(m, sc, order, NULL, wd, o->start, o->end), wd, o->start, o->end,
                               -1, o->session, o->teacher, 1};
    }
    qsort(v, (size_t)n, sizeof *v, school_cmp_item);
    *items = v;
    return n;
}

static void school_grid(FILE *out, const report_ctx *c, int s, const int *order) {
    const model_programme *m = c->m;
    const model_school *sc = &m->schools[s];
    school_item *items = NULL;
    int n = school_collect(c, s, order, &items);
    if (n < 0) return;
    unsigned shown = 0;
    bool other = false;
    for (int k = 0; k < sc->n_windows; k++)
        for (int e = 0; e < sc->windows[k].entries.n; e++) shown |= sc->windows[k].entries.v[e].days;
    for (int i = 0; i < n; i++) {
        shown |= 1u << items[i].weekday;
        other |= items[i].row == sc->n_windows;
    }
    static const char *const days[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                        "Sunday"};
    fputs("<h2 id=\"week\">Weekly pattern</h2>\n<p>Each matched pupil's regular weekly visits and the "
          "community sessions held here, by window.</p>\n<table class=\"grid\">\n<thead><tr><th>Window</th>",
          out);
    for (int d = 0; d < 7; d++)
        if (shown & (1u << d)) fprintf(out, "<th>%s</th>", days[d]);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (int row = 0; row <= sc->n_windows; row++) {
        if (row == sc->n_windows && !other) break;
        fputs("<tr><th>", out);
        if (row < sc->n_windows) {
            const model_school_window *w = &sc->windows[order[row]];
            report_html_text(out, m->names[w->name]);
            fputs("<br><small>", out);
            report_html_windows(out, &w->entries);
            fputs("</small>", out);
        } else {
            fputs("Other times", out);
        }
        fputs("</th>", out);
        for (int d = 0; d < 7; d++) {
            if (!(shown & (1u << d))) continue;
            fputs("<td>", out);
            bool any = false;
            for (int i = 0; i < n; i++) {
                if (items[i].row != row || items[i].weekday != d) continue;
                if (!any) fputs("<ul>\n", out);
                any = true;
                school_item_html(out, c, &items[i]);
            }
            fputs(any ? "</ul>" : "", out);
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
    free(items);
}

static void school_pupils(FILE *out, const report_ctx *c, int s) {
    const model_programme *m = c->m;
    fputs("<h2 id=\"pupils\">Pupils</h2>\n<table>\n<thead><tr><th>Pupil</th><th>Year</th><th>Visits a week</th>"
          "<th>Advocate</th><th class=\"num\">Visits here</th><th class=\"num\">Missed</th></tr></thead>\n<tbody>\n",
          out);
    for (int p = 0; p < m->n_pupils; p++) {
        if (!school_has_pupil(m, s, p)) continue;
        const model_pupil *pu = &m->pupils[p];
        int visits = 0, missed = 0, a = c->advocate_of[p];
        for (int i = 0; i < c->n_visits; i++) visits += c->visits[i].pupil == p && c->visits[i].school == s;
        for (int i = 0; i < c->r->n_missed; i++) missed += c->r->missed[i].pupil == p;
        fprintf(out, "<tr><td>%s</td><td>", pu->id);
        if (pu->year) fprintf(out, "%d", pu->year);
        fprintf(out, "</td><td>%d &times; %d min</td><td>", pu->per_week, pu->minutes);
        if (a >= 0) {
            fprintf(out, "%s (", m->advocates[a].id);
            report_html_text(out, report_advocate_name(m, a));
            fputs(")", out);
        } else {
            fputs("<span class=\"bad\">not matched</span>", out);
        }
        fprintf(out, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>\n", visits, missed);
    }
    fputs("</tbody></table>\n", out);
    bool any = false;
    for (int i = 0; i < c->r->n_unmatched; i++) {
        const roster_unmatched *u = &c->r->unmatched[i];
        if (u->pupil < 0 || !school_has_pupil(m, s, u->pupil)) continue;
        if (!any) fputs("<h3>Pupils without an advocate this period</h3>\n<ul>\n", out);
        any = true;
        fprintf(out, "<li>%s: ", m->pupils[u->pupil].id);
        for (int k = 0; k < u->n_reasons; k++) {
            if (k) fputs("; ", out);
            report_html_text(out, u->reasons[k]);
        }
        fputs("</li>\n", out);
    }
    if (any) fputs("</ul>\n", out);
}

/* One engagement of the dated list. */
typedef struct {
    int start, end, visit, session, room;
} school_slot;

static void school_rooms(school_slot *v, int n) {
    int busy_until[64] = {0};
    for (int i = 0; i < n; i++) {
        int r = 0;
        while (r < 63 && busy_until[r] > v[i].start) r++;
        busy_until[r] = v[i].end;
        v[i].room = r + 1;
    }
}

static void school_day(FILE *out, const report_ctx *c, int s, int date, school_slot *slots) {
    const model_programme *m = c->m;
    const model_school *sc = &m->schools[s];
    int n = 0;
    for (int i = report_first_visit_on(c, date); i < c->n_visits && c->visits[i].date == date; i++)
        if (c->visits[i].school == s)
            slots[n++] = (school_slot){c->visits[i].start, c->visits[i].end, i, -1, 0};
    for (int i = report_first_session_on(c, date); i < c->n_sessions && c->sessions[i].date == date; i++)
        if (c->sessions[i].place == sc->place)
            slots[n++] = (school_slot){c->sessions[i].start, c->sessions[i].end, -1, i, 0};
    /* insertion sort by start keeps visits before sessions at equal times */
    for (int i = 1; i < n; i++)
        for (int k = i; k > 0 && slots[k - 1].start > slots[k].start; k--) {
            school_slot t = slots[k];
            slots[k] = slots[k - 1];
            slots[k - 1] = t;
        }
    school_rooms(slots, n);
    const char *why = NULL;
    bool open = cal_school_open(m, s, date, &why);
    char day[32], times[32];
    report_long_date(date, day);
    if (!open && n == 0) {
        bool has_window = false;
        for (int k = 0; k < sc->n_windows; k++)
            for (int e = 0; e < sc->windows[k].entries.n; e++)
                has_window |= (sc->windows[k].entries.v[e].days >> cal_weekday(date)) & 1;
        if (!has_window) return;
        fprintf(out, "<tr class=\"closed\"><td>%s</td><td colspan=\"4\">School closed: ", day);
        report_html_text(out, why);
        fputs("</td></tr>\n", out);
        return;
    }
    for (int i = 0; i < n; i++) {
        report_time_range(slots[i].start, slots[i].end, times);
        if (slots[i].visit >= 0) {
            const roster_visit *v = &c->visits[slots[i].visit];
            bool moved = c->visit_moved[slots[i].visit];
            fprintf(out, "<tr%s><td>%s</td><td>%s</td><td>%d</td><td>Visit: %s with %s (", moved ? " class=\"moved\"" : "",
                    day, times, slots[i].room, m->pupils[v->pupil].id, m->advocates[v->advocate].id);
            report_html_text(out, report_advocate_name(m, v->advocate));
            fprintf(out, ")</td><td>%s</td></tr>\n", moved ? "moved from the weekly pattern" : "");
        } else {
            const roster_session_occurrence *o = &c->sessions[slots[i].session];
            fprintf(out, "<tr class=\"session\"><td>%s</td><td>%s</td><td>%d</td><td>Session: %s with ", day,
                    times, slots[i].room, m->sessions[o->session].id);
            school_person(out, m->teachers[o->teacher].id, report_teacher_name(m, o->teacher));
            fputs("</td><td></td></tr>\n", out);
        }
    }
}

static void school_dated(FILE *out, const report_ctx *c, int s) {
    const model_programme *m = c->m;
    school_slot *slots = calloc((size_t)c->n_visits + (size_t)c->n_sessions + 1, sizeof *slots);
    if (!slots) return;
    fputs("<h2 id=\"dates\">Dated timetable</h2>\n<p>Every visit and session here, week by week. "
          "<span class=\"tag\">moved</span> rows are visits outside the pupil's weekly pattern; "
          "closed dates are shaded.</p>\n",
          out);
    for (int w = 0; w < c->n_weeks; w++) {
        int monday = c->week0 + 7 * w;
        char day[32];
        report_long_date(monday, day);
        fprintf(out, "<h3>Week of %s</h3>\n<table>\n<thead><tr><th>Date</th><th>Time</th><th>Room</th>"
                     "<th>What</th><th>Note</th></tr></thead>\n<tbody>\n",
                day);
        for (int date = monday; date < monday + 7; date++)
            if (date >= m->period_from && date <= m->period_to) school_day(out, c, s, date, slots);
        fputs("</tbody></table>\n", out);
    }
    free(slots);
}

/* Closed dates (on weekdays the school has windows), as ranges by reason. */
static void school_closed(FILE *out, const report_ctx *c, int s) {
    const model_programme *m = c->m;
    const model_school *sc = &m->schools[s];
    unsigned days = 0;
    for (int k = 0; k < sc->n_windows; k++)
        for (int e = 0; e < sc->windows[k].entries.n; e++) days |= sc->windows[k].entries.v[e].days;
    fputs("<h2 id=\"closed\">Dates the school is closed</h2>\n<ul>\n", out);
    int run_from = -1, run_to = -1;
    const char *run_why = NULL;
    bool any = false;
    for (int date = m->period_from; date <= m->period_to + 1; date++) {
        const char *why = NULL;
        bool relevant = date <= m->period_to && ((days >> cal_weekday(date)) & 1);
        if (date <= m->period_to && !relevant) continue;
        bool closed = relevant && !cal_school_open(m, s, date, &why);
        if (run_from >= 0 && (!closed || strcmp(why, run_why) != 0)) {
            char a[32], b[32];
            report_long_date(run_from, a);
            report_long_date(run_to, b);
            if (run_from == run_to) fprintf(out, "<li>%s: ", a);
            else fprintf(out, "<li>%s to %s: ", a, b);
            report_html_text(out, run_why);
            fputs("</li>\n", out);
            any = true;
            run_from = -1;
        }
        if (closed) {
            if (run_from < 0) run_from = date, run_why = why;
            run_to = date;
        }
    }
    if (!any) fputs("<li class=\"none\">none in the period</li>\n", out);
    fputs("</ul>\n", out);
}

static void school_missed(FILE *out, const report_ctx *c, int s) {
    const model_programme *m = c->m;
    const model_school *sc = &m->schools[s];
    fputs("<h2 id=\"missed\">Missed visits and unfilled sessions</h2>\n", out);
    bool any = false;
    for (int i = 0; i < c->r->n_missed; i++) {
        const roster_missed *x = &c->r->missed[i];
        int when = x->week < m->period_from ? m->period_from : x->week;
        if (x->pupil < 0 || model_pupil_school_on(m, &m->pupils[x->pupil], when) != s) continue;
        if (!any) fputs("<table>\n<thead><tr><th>Week of</th><th>Pupil or session</th><th>Reason</th></tr></thead>\n<tbody>\n", out);
        any = true;
        char wk[11];
        cal_format_date(x->week, wk);
        fprintf(out, "<tr><td>%s</td><td>%s</td><td>", wk, m->pupils[x->pupil].id);
        report_html_text(out, x->reason);
        fputs("</td></tr>\n", out);
    }
    for (int i = 0; i < c->r->n_unfilled; i++) {
        const roster_unfilled *x = &c->r->unfilled[i];
        if (x->session < 0 || m->sessions[x->session].place != sc->place) continue;
        if (!any) fputs("<table>\n<thead><tr><th>Week of</th><th>Pupil or session</th><th>Reason</th></tr></thead>\n<tbody>\n", out);
        any = true;
        char wk[11];
        cal_format_date(x->week, wk);
        fprintf(out, "<tr><td>%s</td><td>session %s</td><td>", wk, m->sessions[x->session].id);
        report_html_text(out, x->reason);
        fputs("</td></tr>\n", out);
    }
    fputs(any ? "</tbody></table>\n" : "<p class=\"none\">None: every required visit and session is in the roster.</p>\n",
          out);
}

static void school_header(FILE *out, const report_ctx *c, int s, const int *order) {
    const model_programme *m = c->m;
    const model_school *sc = &m->schools[s];
    char from[11], to[11];
    cal_format_date(m->period_from, from);
    cal_format_date(m->period_to, to);
    fputs("<h1>", out);
    report_html_text(out, sc->name ? sc->name : sc->id);
    fputs("</h1>\n<p class=\"sub\">", out);
    report_html_text(out, m->name);
    fprintf(out, " &middot; %s to %s &middot; %s school &middot; %d room%s &middot; calendar ", from, to,
            model_phase_name(sc->phase), sc->rooms, sc->rooms == 1 ? "" : "s");
    report_html_text(out, m->calendars[sc->calendar].id);
    fputs("</p>\n<nav><a href=\"#week\">Weekly pattern</a><a href=\"#pupils\">Pupils</a>"
          "<a href=\"#dates\">Dated timetable</a><a href=\"#closed\">Closed dates</a>"
          "<a href=\"#missed\">Missed</a></nav>\n<h2>Windows</h2>\n<table>\n<tbody>\n",
          out);
    for (int k = 0; k < sc->n_windows; k++) {
        const model_school_window *w = &sc->windows[order[k]];
        fputs("<tr><th>", out);
        report_html_text(out, m->names[w->name]);
        fputs("</th><td>", out);
        report_html_windows(out, &w->entries);
        fputs("</td></tr>\n", out);
    }
    fputs("<tr><th>No visits</th><td>", out);
    report_html_windows(out, &sc->no_visits);
    fputs("</td></tr>\n</tbody></table>\n", out);
}

static int school_write(FILE *out, void *ctx) {
    const school_job *j = ctx;
    const model_school *sc = &j->c->m->schools[j->school];
    int *order = calloc((size_t)sc->n_windows + 1, sizeof *order);
    if (!order) return -1;
    report_window_order(j->c->m, sc, order);
    char title[300];
    snprintf(title, sizeof title, "%s: timetable", sc->name ? sc->name : sc->id);
    report_html_begin(out, title);
    school_header(out, j->c, j->school, order);
    school_grid(out, j->c, j->school, order);
    school_pupils(out, j->c, j->school);
    school_dated(out, j->c, j->school);
    school_closed(out, j->c, j->school);
    school_missed(out, j->c, j->school);
    report_html_end(out);
    free(order);
    return 0;
}

int report_write_schools(const report_ctx *c, const char *dir, diag_list *d) {
    char path[4096];
    int rc = 0;
    for (int s = 0; s < c->m->n_schools; s++) {
        school_job j = {c, s};
        if (report_path(path, sizeof path, dir, "schools", c->m->schools[s].id, ".html", d) != 0 ||
            fsio_write_atomic(path, school_write, &j, d) != 0)
            rc = -1;
    }
    return rc;
}
