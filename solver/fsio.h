/*
** fsio.h: files that are either complete or absent.
**
** Outputs are written to a temporary file in the target's directory with
** mode 0600, flushed, fsync'd and renamed over the target, then the
** directory is fsync'd: a crash or kill at any moment leaves the previous
** complete file or the new complete file, never a partial one.
*/
#ifndef ROSTER_FSIO_H
#define ROSTER_FSIO_H

#include <stdio.h>

#include "diag.h"

/* Called with an open stream; returns 0 on success. */
typedef int (*fsio_writer)(FILE *out, void *ctx);

/* Write path atomically through fn. Returns 0, or -1 with a message in d
** naming the path and the system's reason (disk full, read-only, ...). */
int fsio_write_atomic(const char *path, fsio_writer fn, void *ctx, diag_list *d);

/* Create a directory (and parents) with mode 0700 if missing. */
int fsio_mkdir_private(const char *path, diag_list *d);

/*
** A whole output directory replaced at once. fsio_dir_begin makes a fresh
** staging directory DIR.new-XXXXXX (mode 0700) beside DIR; the caller writes
** every file under fsio_dir.stage; fsio_dir_commit fsyncs the staging tree
** and swaps it into place with renameat2(RENAME_EXCHANGE), then removes the
** previous directory. Readers of DIR see the complete previous set or the
** complete new one, never a mixture. Where the file system cannot exchange
** (not Linux >= 3.15, or e.g. some network file systems), the old DIR is
** renamed aside and the new one renamed in: between those two renames DIR
** is briefly absent (never mixed), and a crash there leaves the previous set
** in DIR.old-XXXXXX.
**
** DIR belongs to the solver: it must be absent, empty, or hold a roster.yaml
** (a previous output), else begin refuses rather than delete someone's files.
** Staging directories left by killed runs (DIR.new-*, DIR.old-*) are removed
** by the next begin; a live run keeps an flock on its staging directory so a
** concurrent run never removes it.
*/
typedef struct {
    char *target;   /* DIR, resolved through symlinks when it exists */
    char *stage;    /* write everything under this path */
    int lock_fd;    /* flock held on stage while this run owns it, or -1 */
} fsio_dir;

/* Returns 0 with t ready, or -1 with a message in d (t then needs no abort). */
int fsio_dir_begin(fsio_dir *t, const char *dir, diag_list *d);

/* Swap the staging directory in. Returns 0, or -1 with a message in d and
** DIR as it was; t is released either way. */
int fsio_dir_commit(fsio_dir *t, diag_list *d);

/* Throw the staging directory away; DIR is untouched. */
void fsio_dir_abort(fsio_dir *t);

#endif
