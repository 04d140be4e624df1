/*
** textbuf.h: a bounded text buffer for one-line explanations.
**
** Reasons and explanations are built piece by piece with printf formats;
** they never need more than a few lines, so a fixed buffer that silently
** stops at its end is enough and needs no cleanup.
*/
#ifndef ROSTER_TEXTBUF_H
#define ROSTER_TEXTBUF_H

#include <stddef.h>

typedef struct {
    char s[2048];
    size_t n;
} textbuf;

/* Appends; text past the buffer's end is dropped, s stays NUL-terminated. */
void tb_add(textbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
