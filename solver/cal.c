/*
** cal.c: date, time, day-set, window and calendar arithmetic (see cal.h).
**
** Day numbers use the days-from-civil method described by Howard Hinnant
** ("chrono-Compatible Low-Level Date Algorithms"), which is exact for the
** proleptic Gregorian calendar without tables or loops.
*/
#include "cal.h"

#include <stdio.h>
#include <string.h>

static const char *const cal_days[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int cal_from_ymd(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void cal_to_ymd(int date, int *y, int *m, int *d) {
    int z = date + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

int cal_week_start(int date) { return date - cal_weekday(date); }

static bool cal_digits(const char *s, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static bool cal_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int cal_month_days(int y, int m) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && cal_leap(y) ? 29 : days[m - 1];
}

bool cal_parse_date(const char *s, int *date) {
    int y, m, d;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    if (!cal_digits(s, 4, &y) || !cal_digits(s + 5, 2, &m) || !cal_digits(s + 8, 2, &d)) return false;
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > cal_month_days(y, m)) return false;
    *date = cal_from_ymd(y, m, d);
    return true;
}

bool cal_parse_time(const char *s, int *minutes) {
    int h, mi;
    if (strlen(s) != 5 || s[2] != ':') return false;
    if (!cal_digits(s, 2, &h) || !cal_digits(s + 3, 2, &mi)) return false;
    if (mi > 59 || h > 24 || (h == 24 && mi != 0)) return false;
    *minutes = h * 60 + mi;
    return true;
}

int cal_parse_day(const char *s) {
    for (int i = 0; i < 7; i++)
        if (strcmp(s, cal_days[i]) == 0) return i;
    return -1;
}

bool cal_parse_day_range(const char *s, model_days *days) {
    size_t len = strlen(s);
    if (len == 3) {
        int d = cal_parse_day(s);
        if (d < 0) return false;
        *days = (model_days)(1u << d);
        return true;
    }
    if (len != 7 || s[3] != '-') return false;
    char a[4] = {s[0], s[1], s[2], 0}, b[4] = {s[4], s[5], s[6], 0};
    int from = cal_parse_day(a), to = cal_parse_day(b);
    if (from < 0 || to < 0) return false;
    model_days set = 0;
    for (int d = from;; d = (d + 1) % 7) {
        set |= (model_days)(1u << d);
        if (d == to) break;
    }
    *days = set;
    return true;
}

void cal_format_date(int date, char out[11]) {
    int y, m, d;
    cal_to_ymd(date, &y, &m, &d);
    unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
    snprintf(out, 11, "%04u-%02u-%02u", uy, um, ud);
}

void cal_format_time(int minutes, char out[6]) {
    unsigned m = minutes < 0 ? 0u : (unsigned)minutes;
    snprintf(out, 6, "%02u:%02u", (m / 60u) % 100u, m % 60u);
}

cal_date_text cal_date_str(int date) {
    cal_date_text t = {{0}};
    cal_format_date(date, t.s);
    return t;
}

cal_time_text cal_time_str(int minutes) {
    cal_time_text t = {{0}};
    cal_format_time(minutes, t.s);
    return t;
}

const char *cal_day_name(int weekday) { return weekday >= 0 && weekday < 7 ? cal_days[weekday] : "?"; }

bool cal_period_contains(const model_period *p, int date) { return p->from <= date && date <= p->to; }

const model_period *cal_periods_find(const model_period_list *l, int date) {
    for (int i = 0; i < l->n; i++)
        if (cal_period_contains(&l->v[i], date)) return &l->v[i];
    return NULL;
}

bool cal_window_covers(const model_window *w, int weekday, int start, int end) {
    return (w->days >> weekday & 1u) && w->start <= start && end <= w->end;
}

bool cal_window_overlaps(const model_window *w, int weekday, int start, int end) {
    return (w->days >> weekday & 1u) && w->start < end && start < w->end;
}

const model_window *cal_windows_covering(const model_window_list *l, int weekday, int start, int end) {
    for (int i = 0; i < l->n; i++)
        if (cal_window_covers(&l->v[i], weekday, start, end)) return &l->v[i];
    return NULL;
}

const model_window *cal_windows_overlapping(const model_window_list *l, int weekday, int start, int end) {
    for (int i = 0; i < l->n; i++)
        if (cal_window_overlaps(&l->v[i], weekday, start, end)) return &l->v[i];
    return NULL;
}

bool cal_calendar_open(const model_calendar *c, int date, const char **why) {
    if (!cal_periods_find(&c->open, date)) {
        if (why) *why = "outside term";
        return false;
    }
    const model_period *closed = cal_periods_find(&c->closed, date);
    if (closed) {
        if (why) *why = closed->reason ? closed->reason : "closed";
        return false;
    }
    return true;
}

bool cal_school_open(const model_programme *m, int school, int date, const char **why) {
    const model_school *s = &m->schools[school];
    if (!cal_calendar_open(&m->calendars[s->calendar], date, why)) return false;
    const model_period *closed = cal_periods_find(&s->closed, date);
    if (closed) {
        if (why) *why = closed->reason ? closed->reason : "school closed";
        return false;
    }
    return true;
}
