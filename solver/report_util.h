/*
** report_util.h: what the report writers share (internal to report_*.c).
**
** A report_ctx holds views of the roster prepared once for every writer:
** canonically sorted copies of the visits and sessions, each pupil's
** advocate and weekly pattern, which visits are outside the pattern, and the
** period's weeks. Plus HTML escaping and the common page frame.
*/
#ifndef ROSTER_REPORT_UTIL_H
#define ROSTER_REPORT_UTIL_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "roster.h"

typedef struct {
    const model_programme *m;
    const roster *r;
    arena *a;
    roster_visit *visits;               /* sorted by date, start, pupil, advocate */
    bool *visit_moved;                  /* per sorted visit: outside the pupil's pattern */
    int n_visits;
    roster_session_occurrence *sessions; /* sorted by date, start, session, teacher */
    int n_sessions;
    int *advocate_of;                   /* per pupil: advocate index, or -1 */
    roster_pattern_entry *pattern;      /* sorted by pupil, weekday, start */
    int *pattern_first, *pattern_count; /* per pupil: slice of pattern */
    int week0;                          /* Monday of the period's first week */
    int n_weeks;
    const struct advice_list *advice;   /* recruitment advice for the lead, or NULL */
} report_ctx;

int report_ctx_init(report_ctx *c, const model_programme *m, const roster *r);
void report_ctx_free(report_ctx *c);
/* Index of date's week in the period (0..n_weeks-1), or -1. */
int report_week_of(const report_ctx *c, int date);
/* First index in c->visits / c->sessions dated on or after date. */
int report_first_visit_on(const report_ctx *c, int date);
int report_first_session_on(const report_ctx *c, int date);
/* Display name of a place, school or person; never NULL. */
const char *report_place_name(const model_programme *m, int place);
const char *report_advocate_name(const model_programme *m, int advocate);
const char *report_teacher_name(const model_programme *m, int teacher);

/* Numbers as people read them: integers without decimals. */
void report_number(double v, char out[32]);
/* "10:00–10:45" with an en dash. */
void report_time_range(int start, int end, char out[32]);
/* "Tue 8 Sep 2026" */
void report_long_date(int date, char out[32]);

/* A day set for people: "Mon–Fri", "Tue, Thu", "Sat". */
void report_days(model_days days, char out[64]);
/* A window list as "Mon–Fri 08:45–15:15; Sat 09:00–12:00" (HTML-escaped). */
void report_html_windows(FILE *out, const model_window_list *l);
/* A period list as "2026-10-26 to 2026-10-30 (half term)" items (HTML). */
void report_html_periods(FILE *out, const model_period_list *l);

/* HTML: text escaped for element content and attribute values. */
void report_html_text(FILE *out, const char *s);
void report_html_begin(FILE *out, const char *title);
void report_html_end(FILE *out);

/* CSV: one field, quoted when needed; text that a spreadsheet would run as
** a formula gets a leading apostrophe. */
void report_csv_field(FILE *out, const char *s);

/* Stable 64-bit FNV-1a hash over a sequence of strings. */
unsigned long long report_hash(const char *const *parts, int n);

/* Ordering of a school's windows for display: early, core, late, Saturday,
** then the others in input order. Fills order[n_windows]. */
void report_window_order(const model_programme *m, const model_school *s, int *order);

/* The writers (one per kind of recipient); each returns 0 or -1 with d set.
** dir is the output directory, which exists. */
int report_write_calendars(const report_ctx *c, const char *dir, diag_list *d);
int report_write_schools(const report_ctx *c, const char *dir, diag_list *d);
int report_write_university(const report_ctx *c, const char *dir, diag_list *d);
int report_write_lead(const report_ctx *c, const char *dir, diag_list *d);

/* path = dir/sub/name.ext, checked for length; 0 or -1 with d set. */
int report_path(char *path, size_t size, const char *dir, const char *sub, const char *name,
                const char *ext, diag_list *d);

#endif
