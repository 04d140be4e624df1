/*
** textbuf.c: the bounded explanation buffer (see textbuf.h).
*/
#include "textbuf.h"

#include <stdarg.h>
#include <stdio.h>

void tb_add(textbuf *b, const char *fmt, ...) {
    if (b->n >= sizeof b->s - 1) return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
    va_end(ap);
    if (k > 0) b->n += (size_t)k;
    if (b->n > sizeof b->s - 1) b->n = sizeof b->s - 1;
}
