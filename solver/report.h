/*
** report.h: the files people read, written from a programme and a solved
** roster.
**
** Writers only present what the roster holds (they never decide whether a
** visit is allowed). Every file is written atomically with mode 0600 under
** directories created 0700; the same inputs give byte-identical files.
**
**   DIR/advocates/ID.ics      each advocate's visits and sessions (RFC 5545)
**   DIR/teachers/ID.ics       community teachers who are not advocates
**   DIR/schools/ID.html       each school's timetable (printable)
**   DIR/university/COURSE.html and .csv   release of each course's students
**   DIR/report.html           the programme lead's overview
*/
#ifndef ROSTER_REPORT_H
#define ROSTER_REPORT_H

#include "diag.h"
#include "model.h"
#include "roster.h"

/* Write every file above under dir (created if missing). Returns 0, or -1
** with the reasons in d; files already written stay complete. */
int report_write_all(const model_programme *m, const roster *r, const char *dir, diag_list *d);

/* The same, with recruitment advice (advice.h) rendered in report.html's
** "What would help most" section; advice may be NULL. */
struct advice_list;
int report_write_all_advice(const model_programme *m, const roster *r, const struct advice_list *advice,
                            const char *dir, diag_list *d);

#endif
