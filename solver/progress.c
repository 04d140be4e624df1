/*
** progress.c: the solve's progress line (see progress.h).
*/
#include "progress.h"

#include <math.h>

void progress_init(progress *p, FILE *out, bool terminal) {
    p->out = out;
    p->terminal = terminal;
    p->last_shown = -1;
    p->shown = false;
}

static double progress_gap(double best, double bound) {
    double scale = fabs(bound) > 1e-9 ? fabs(bound) : 1;
    return bound > best ? (bound - best) / scale * 100 : 0;
}

void progress_update(progress *p, double elapsed, bool has_best, double best, double bound) {
    if (!p->out || elapsed < 1 || (p->last_shown >= 0 && elapsed - p->last_shown < 1)) return;
    progress_show(p, elapsed, has_best, best, bound);
}

void progress_show(progress *p, double elapsed, bool has_best, double best, double bound) {
    if (!p->out || elapsed < 1) return;
    p->last_shown = elapsed;
    fputs(p->terminal ? "\r" : "", p->out);
    if (has_best && isfinite(bound))
        fprintf(p->out, "solving: %7.1f s  best %.10g  bound %.10g  gap %.2f%%", elapsed, best, bound,
                progress_gap(best, bound));
    else if (has_best)
        fprintf(p->out, "solving: %7.1f s  best %.10g  no bound yet", elapsed, best);
    else if (isfinite(bound))
        fprintf(p->out, "solving: %7.1f s  no roster yet  bound %.10g", elapsed, bound);
    else
        fprintf(p->out, "solving: %7.1f s  no roster or bound yet", elapsed);
    /* Pad over a longer previous line on a terminal; newline otherwise. */
    fputs(p->terminal ? "    " : "\n", p->out);
    fflush(p->out);
    p->shown = p->terminal;
}

void progress_finish(progress *p) {
    if (p->out && p->shown) fputc('\n', p->out);
    p->shown = false;
}
