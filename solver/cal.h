/*
** cal.h: dates, times of day, day sets, windows and calendars.
**
** Pure arithmetic over the conventions of model.h (dates as days since
** 1970-01-01, times as minutes since midnight, weekday 0 = Monday). No
** allocation, no I/O: every stage (loader, prepare, verify, writers) uses
** these so that "is this date open" has exactly one answer.
*/
#ifndef ROSTER_CAL_H
#define ROSTER_CAL_H

#include <stdbool.h>

#include "model.h"

/* Civil calendar (proleptic Gregorian). */
int cal_from_ymd(int y, int m, int d);
void cal_to_ymd(int date, int *y, int *m, int *d);
/* 0 = Monday. Inline: the greedy's candidate loops ask it for every
** candidate. 1970-01-01 was a Thursday (weekday 3). */
static inline int cal_weekday(int date) {
    int w = (date + 3) % 7;
    return w < 0 ? w + 7 : w;
}
int cal_week_start(int date);           /* the Monday on or before date */

/* Strict parsers: the whole string must match. */
bool cal_parse_date(const char *s, int *date);    /* YYYY-MM-DD, a real date */
bool cal_parse_time(const char *s, int *minutes); /* HH:MM, 00:00..24:00 */
/* "mon", "mon-fri", "fri-mon" (wraps) ; returns false if malformed. */
bool cal_parse_day_range(const char *s, model_days *days);
int cal_parse_day(const char *s);       /* "mon".."sun" -> 0..6, else -1 */

/* Formatting by value, for use inside printf argument lists. */
typedef struct {
    char s[11];
} cal_date_text;
typedef struct {
    char s[6];
} cal_time_text;
cal_date_text cal_date_str(int date);
cal_time_text cal_time_str(int minutes);

/* Formatting into caller buffers. */
void cal_format_date(int date, char out[11]);      /* 2026-09-07 */
void cal_format_time(int minutes, char out[6]);    /* 08:45 */
const char *cal_day_name(int weekday);             /* "mon" */

/* Periods and windows. */
bool cal_period_contains(const model_period *p, int date);
/* The first period containing date, or NULL. */
const model_period *cal_periods_find(const model_period_list *l, int date);
bool cal_window_covers(const model_window *w, int weekday, int start, int end);
bool cal_window_overlaps(const model_window *w, int weekday, int start, int end);
/* The first window covering [start, end) on weekday, or NULL. */
const model_window *cal_windows_covering(const model_window_list *l, int weekday, int start, int end);
/* The first window overlapping [start, end) on weekday, or NULL. */
const model_window *cal_windows_overlapping(const model_window_list *l, int weekday, int start, int end);

/* Open in a calendar: inside some `open` period and in no `closed` one.
** When closed, *why (if not NULL) is the closing period's reason or a
** phrase such as "outside term". */
bool cal_calendar_open(const model_calendar *c, int date, const char **why);
/* A school is open on a date when its calendar is open and the date is not
** in the school's own `closed`. */
bool cal_school_open(const model_programme *m, int school, int date, const char **why);

#endif
