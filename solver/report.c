/*
** report.c: write every file people read from a solved roster (see
** report.h): prepare the shared views once, make the private directories,
** then run each writer. A failing writer does not stop the others, so one
** unwritable file costs only that file.
*/
#include "report.h"

#include "fsio.h"
#include "report_util.h"

int report_write_all(const model_programme *m, const roster *r, const char *dir, diag_list *d) {
    return report_write_all_advice(m, r, NULL, dir, d);
}

int report_write_all_advice(const model_programme *m, const roster *r, const struct advice_list *advice,
                            const char *dir, diag_list *d) {
    static const char *const subs[] = {"advocates", "teachers", "schools", "university"};
    char path[4096];
    if (fsio_mkdir_private(dir, d) != 0) return -1;
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        if (snprintf(path, sizeof path, "%s/%s", dir, subs[i]) >= (int)sizeof path) {
            diag_error(d, (diag_pos){dir, 1, 1}, "output directory path too long");
            return -1;
        }
        if (fsio_mkdir_private(path, d) != 0) return -1;
    }
    report_ctx c;
    if (report_ctx_init(&c, m, r) != 0) {
        report_ctx_free(&c);
        diag_error(d, (diag_pos){dir, 1, 1}, "out of memory preparing the reports");
        return -1;
    }
    c.advice = advice;
    int rc = 0;
    rc |= report_write_calendars(&c, dir, d);
    rc |= report_write_schools(&c, dir, d);
    rc |= report_write_university(&c, dir, d);
    rc |= report_write_lead(&c, dir, d);
    report_ctx_free(&c);
    return rc ? -1 : 0;
}
