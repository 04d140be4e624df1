/*
** diag.c: the positioned error list (see diag.h).
*/
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_init(diag_list *d) { memset(d, 0, sizeof *d); }

void diag_clear(diag_list *d) {
    for (int i = 0; i < d->kept; i++) free(d->entries[i].message);
    free(d->entries);
    diag_init(d);
}

/* The formatted message in fresh memory, or NULL. ap is left unused so the
** caller's va_list needs no second va_start. */
static char *diag_format(const char *fmt, va_list ap) {
    va_list probe;
    va_copy(probe, ap);
    int n = vsnprintf(NULL, 0, fmt, probe);
    va_end(probe);
    if (n < 0) return NULL;
    char *msg = malloc((size_t)n + 1);
    if (!msg) return NULL;
    va_list fill;
    va_copy(fill, ap);
    vsnprintf(msg, (size_t)n + 1, fmt, fill);
    va_end(fill);
    return msg;
}

void diag_error(diag_list *d, diag_pos pos, const char *fmt, ...) {
    d->total++;
    if (d->kept >= DIAG_MAX_KEPT) return;
    if (!d->entries) {
        d->entries = calloc(DIAG_MAX_KEPT, sizeof *d->entries);
        if (!d->entries) return;
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = diag_format(fmt, ap);
    va_end(ap);
    if (!msg) return;
    if (pos.file) { /* copied behind the message: callers often name a path buffer gone by print time */
        size_t n = strlen(msg) + 1, flen = strlen(pos.file) + 1;
        char *both = realloc(msg, n + flen);
        if (!both) {
            free(msg);
            return;
        }
        msg = both;
        pos.file = memcpy(msg + n, pos.file, flen);
    }
    d->entries[d->kept].pos = pos;
    d->entries[d->kept].message = msg;
    d->kept++;
}

int diag_count(const diag_list *d) { return d->total; }

void diag_print(const diag_list *d, FILE *out) {
    for (int i = 0; i < d->kept; i++) {
        const diag_entry *e = &d->entries[i];
        if (e->pos.file)
            fprintf(out, "%s:%d:%d: error: %s\n", e->pos.file, e->pos.line, e->pos.col, e->message);
        else
            fprintf(out, "error: %s\n", e->message);
    }
    if (d->total > d->kept)
        fprintf(out, "... and %d more errors\n", d->total - d->kept);
}
