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

#endif
