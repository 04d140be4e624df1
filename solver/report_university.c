/*
** report_university.c: for the university admin, one page and one CSV per
** course: when each student is released (every dated visit of the course's
** students), minutes per week against the course cap, the dates blocked by
** placement, and students the roster did not use at all.
**
** The university sees no pupil ids: a release is a student, a date, a time
** and a school, which is what an admin needs to sign off absence from class.
*/
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "fsio.h"
#include "report_util.h"

typedef struct {
    const report_ctx *c;
    int course;
} course_job;

/* Minutes the course's release windows give a student in a full week,
** capped by the course's and the student's weekly limits. */
static int course_released_minutes(const model_programme *m, int course, int advocate) {
    const model_course *co = &m->courses[course];
    int minutes = 0;
    for (int i = 0; i < co->release.n; i++) {
        int days = 0;
        for (int d = 0; d < 7; d++) days += (co->release.v[i].days >> d) & 1;
        minutes += days * (co->release.v[i].end - co->release.v[i].start);
    }
    if (co->max_minutes_per_week != MODEL_NO_LIMIT && minutes > co->max_minutes_per_week)
        minutes = co->max_minutes_per_week;
    int own = m->advocates[advocate].max_minutes_per_week;
    if (own != MODEL_NO_LIMIT && minutes > own) minutes = own;
    return minutes;
}

/* minutes[s * n_weeks + w] for each student of the course (in advocate order). */
static int *course_week_minutes(const report_ctx *c, int course, int *n_students) {
    const model_programme *m = c->m;
    int *slot = calloc((size_t)m->n_advocates + 1, sizeof *slot), n = 0;
    if (!slot) return NULL;
    for (int a = 0; a < m->n_advocates; a++) slot[a] = m->advocates[a].course == course ? n++ : -1;
    int *minutes = calloc((size_t)n * (size_t)c->n_weeks + 1, sizeof *minutes);
    if (minutes)
        for (int i = 0; i < c->n_visits; i++) {
            const roster_visit *v = &c->visits[i];
            int w = report_week_of(c, v->date);
            if (v->advocate >= 0 && v->advocate < m->n_advocates && slot[v->advocate] >= 0 && w >= 0)
                minutes[slot[v->advocate] * c->n_weeks + w] += v->end - v->start;
        }
    free(slot);
    *n_students = n;
    return minutes;
}

static bool course_week_blocked(const model_programme *m, const model_course *co, int monday) {
    for (int d = monday; d < monday + 7; d++)
        if (d >= m->period_from && d <= m->period_to && cal_periods_find(&co->blocks, d)) return true;
    return false;
}

static void course_rules(FILE *out, const report_ctx *c, const model_course *co) {
    const model_programme *m = c->m;
    fputs("<h2>Release rules</h2>\n<table>\n<tbody>\n<tr><th>Release windows</th><td>", out);
    report_html_windows(out, &co->release);
    fputs("</td></tr>\n<tr><th>Cap per student</th><td>", out);
    if (co->max_minutes_per_week == MODEL_NO_LIMIT) fputs("no limit", out);
    else fprintf(out, "%d minutes a week", co->max_minutes_per_week);
    fputs("</td></tr>\n<tr><th>Calendar</th><td>", out);
    if (co->calendar >= 0) report_html_text(out, m->calendars[co->calendar].id);
    else fputs("<span class=\"none\">none: any date in the programme</span>", out);
    fputs("</td></tr>\n<tr><th>Blocked (placement)</th><td>", out);
    report_html_periods(out, &co->blocks);
    fputs("</td></tr>\n</tbody></table>\n", out);
    int blocked = 0;
    for (int d = m->period_from; d <= m->period_to; d++) blocked += cal_periods_find(&co->blocks, d) != NULL;
    fprintf(out, "<p>%d date%s of the programme period %s blocked by placement: no student of this course is "
                 "released on %s.</p>\n",
            blocked, blocked == 1 ? "" : "s", blocked == 1 ? "is" : "are", blocked == 1 ? "it" : "them");
}

static void course_weeks(FILE *out, const report_ctx *c, int course, const int *minutes) {
    const model_programme *m = c->m;
    const model_course *co = &m->courses[course];
    fputs("<h2 id=\"weeks\">Minutes released per week</h2>\n<p>Visit minutes of each student by week "
          "(Monday's date). Shaded weeks contain placement dates; a red cell would exceed the cap.</p>\n"
          "<table>\n<thead><tr><th>Student</th>",
          out);
    for (int w = 0; w < c->n_weeks; w++) {
        int y, mo, d, monday = c->week0 + 7 * w;
        cal_to_ymd(monday, &y, &mo, &d);
        fprintf(out, "<th class=\"num%s\">%02d/%02d</th>", course_week_blocked(m, co, monday) ? " blocked" : "", d,
                mo);
    }
    fputs("<th class=\"num\">Cap</th></tr></thead>\n<tbody>\n", out);
    int s = 0;
    for (int a = 0; a < m->n_advocates; a++) {
        if (m->advocates[a].course != course) continue;
        int cap = co->max_minutes_per_week;
        int own = m->advocates[a].max_minutes_per_week;
        if (own != MODEL_NO_LIMIT && (cap == MODEL_NO_LIMIT || own < cap)) cap = own;
        fprintf(out, "<tr><th>%s</th>", m->advocates[a].id);
        for (int w = 0; w < c->n_weeks; w++) {
            int v = minutes[s * c->n_weeks + w];
            const char *cls = cap != MODEL_NO_LIMIT && v > cap ? " over" : "";
            if (v) fprintf(out, "<td class=\"num%s\">%d</td>", cls, v);
            else fputs("<td class=\"num none\">&middot;</td>", out);
        }
        if (cap == MODEL_NO_LIMIT) fputs("<td class=\"num\">&ndash;</td></tr>\n", out);
        else fprintf(out, "<td class=\"num\">%d</td></tr>\n", cap);
        s++;
    }
    fputs("</tbody></table>\n", out);
}

static void course_releases(FILE *out, const report_ctx *c, int course) {
    const model_programme *m = c->m;
    fputs("<h2 id=\"dates\">Releases by date</h2>\n<table>\n<thead><tr><th>Date</th><th>Time</th><th>Student</th>"
          "<th>Name</th><th>School</th></tr></thead>\n<tbody>\n",
          out);
    int n = 0;
    for (int i = 0; i < c->n_visits; i++) {
        const roster_visit *v = &c->visits[i];
        if (m->advocates[v->advocate].course != course) continue;
        char day[32], times[32];
        report_long_date(v->date, day);
        report_time_range(v->start, v->end, times);
        fprintf(out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>", day, times, m->advocates[v->advocate].id);
        report_html_text(out, report_advocate_name(m, v->advocate));
        fputs("</td><td>", out);
        report_html_text(out, report_place_name(m, m->schools[v->school].place));
        fputs("</td></tr>\n", out);
        n++;
    }
    if (!n) fputs("<tr><td colspan=\"5\" class=\"none\">No releases in this roster.</td></tr>\n", out);
    fputs("</tbody></table>\n", out);
}

static void course_students(FILE *out, const report_ctx *c, int course, const int *minutes) {
    const model_programme *m = c->m;
    fputs("<h2 id=\"students\">Students</h2>\n<table>\n<thead><tr><th>Student</th><th>Name</th>"
          "<th class=\"num\">Visits</th><th class=\"num\">Minutes</th><th class=\"num\">Busiest week</th>"
          "<th class=\"num\">Released a week</th></tr></thead>\n<tbody>\n",
          out);
    int s = 0, unused = 0;
    for (int a = 0; a < m->n_advocates; a++) {
        if (m->advocates[a].course != course) continue;
        int visits = 0, total = 0, peak = 0;
        for (int i = 0; i < c->n_visits; i++) visits += c->visits[i].advocate == a;
        for (int w = 0; w < c->n_weeks; w++) {
            int v = minutes[s * c->n_weeks + w];
            total += v;
            if (v > peak) peak = v;
        }
        unused += visits == 0;
        fprintf(out, "<tr><td>%s</td><td>", m->advocates[a].id);
        report_html_text(out, report_advocate_name(m, a));
        fprintf(out, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                     "<td class=\"num\">%d</td></tr>\n",
                visits, total, peak, course_released_minutes(m, course, a));
        s++;
    }
    if (!s) fputs("<tr><td colspan=\"6\" class=\"none\">No advocate is on this course.</td></tr>\n", out);
    fputs("</tbody></table>\n<h2 id=\"unused\">Students not used</h2>\n", out);
    if (!unused) {
        fputs("<p class=\"none\">Every student of this course has visits in the roster.</p>\n", out);
        return;
    }
    fputs("<p>The roster gives these students no visits: the release below is not needed this period.</p>\n"
          "<table>\n<thead><tr><th>Student</th><th>Name</th><th class=\"num\">Released minutes a week, unused</th>"
          "</tr></thead>\n<tbody>\n",
          out);
    for (int a = 0; a < m->n_advocates; a++) {
        if (m->advocates[a].course != course) continue;
        bool used = false;
        for (int i = 0; i < c->n_visits && !used; i++) used = c->visits[i].advocate == a;
        if (used) continue;
        fprintf(out, "<tr><td>%s</td><td>", m->advocates[a].id);
        report_html_text(out, report_advocate_name(m, a));
        fprintf(out, "</td><td class=\"num\">%d</td></tr>\n", course_released_minutes(m, course, a));
    }
    fputs("</tbody></table>\n", out);
}

static int course_html(FILE *out, void *ctx) {
    const course_job *j = ctx;
    const report_ctx *c = j->c;
    const model_programme *m = c->m;
    const model_course *co = &m->courses[j->course];
    int n_students = 0;
    int *minutes = course_week_minutes(c, j->course, &n_students);
    if (!minutes) return -1;
    char title[300], from[11], to[11];
    snprintf(title, sizeof title, "%s: student release", co->name ? co->name : co->id);
    cal_format_date(m->period_from, from);
    cal_format_date(m->period_to, to);
    report_html_begin(out, title);
    fputs("<h1>", out);
    report_html_text(out, co->name ? co->name : co->id);
    fputs("</h1>\n<p class=\"sub\">", out);
    report_html_text(out, m->university_name ? m->university_name : "University");
    fprintf(out, " &middot; course %s &middot; ", co->id);
    report_html_text(out, m->name);
    fprintf(out, " &middot; %s to %s &middot; %d student%s</p>\n", from, to, n_students, n_students == 1 ? "" : "s");
    fputs("<nav><a href=\"#students\">Students</a><a href=\"#weeks\">Minutes per week</a>"
          "<a href=\"#dates\">Releases by date</a><a href=\"#unused\">Not used</a></nav>\n",
          out);
    course_rules(out, c, co);
    course_students(out, c, j->course, minutes);
    course_weeks(out, c, j->course, minutes);
    course_releases(out, c, j->course);
    report_html_end(out);
    free(minutes);
    return 0;
}

static int course_csv(FILE *out, void *ctx) {
    const course_job *j = ctx;
    const report_ctx *c = j->c;
    const model_programme *m = c->m;
    fputs("course,student,name,date,day,start,end,minutes,school\r\n", out);
    for (int i = 0; i < c->n_visits; i++) {
        const roster_visit *v = &c->visits[i];
        if (m->advocates[v->advocate].course != j->course) continue;
        char date[11], start[6], end[6];
        cal_format_date(v->date, date);
        cal_format_time(v->start, start);
        cal_format_time(v->end, end);
        report_csv_field(out, m->courses[j->course].id);
        fputc(',', out);
        report_csv_field(out, m->advocates[v->advocate].id);
        fputc(',', out);
        report_csv_field(out, report_advocate_name(m, v->advocate));
        fprintf(out, ",%s,%s,%s,%s,%d,", date, cal_day_name(cal_weekday(v->date)), start, end, v->end - v->start);
        report_csv_field(out, report_place_name(m, m->schools[v->school].place));
        fputs("\r\n", out);
    }
    return 0;
}

int report_write_university(const report_ctx *c, const char *dir, diag_list *d) {
    char path[4096];
    int rc = 0;
    for (int k = 0; k < c->m->n_courses; k++) {
        course_job j = {c, k};
        const char *id = c->m->courses[k].id;
        if (report_path(path, sizeof path, dir, "university", id, ".html", d) != 0 ||
            fsio_write_atomic(path, course_html, &j, d) != 0)
            rc = -1;
        if (report_path(path, sizeof path, dir, "university", id, ".csv", d) != 0 ||
            fsio_write_atomic(path, course_csv, &j, d) != 0)
            rc = -1;
    }
    return rc;
}
