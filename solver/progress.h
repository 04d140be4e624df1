/*
** progress.h: a one-line progress display for long solves.
**
** A solve that runs longer than a second shows, on one rewritten line,
** elapsed time, the best objective, the proven bound and the gap. The
** caller decides whether it is shown at all (not with -q; only when stderr
** is a terminal unless --progress asks for it) and supplies the elapsed
** time, so the display is deterministic and testable.
*/
#ifndef ROSTER_PROGRESS_H
#define ROSTER_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>

typedef struct {
    FILE *out;          /* NULL: show nothing */
    bool terminal;      /* rewrite one line with \r; otherwise one line per update */
    double last_shown;  /* elapsed seconds at the last line, or -1 */
    bool shown;         /* something is on screen and needs a final newline */
} progress;

/* out NULL disables everything; terminal chooses \r-rewriting. */
void progress_init(progress *p, FILE *out, bool terminal);
/* Shows a line when elapsed >= 1 s and at least a second has passed since
** the last one. has_best false: no roster yet. */
void progress_update(progress *p, double elapsed, bool has_best, double best, double bound);
/* The same without the once-a-second limit: a solve's last word (its
** final bound) is shown even when a line went out just before. */
void progress_show(progress *p, double elapsed, bool has_best, double best, double bound);
/* Ends the line so the summary starts on a fresh one. */
void progress_finish(progress *p);

#endif
