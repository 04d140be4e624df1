/*
** diag.h: positioned diagnostics ("FILE:LINE:COL: error: MESSAGE").
**
** Every stage reports problems into a diag list instead of printing or
** exiting; main decides what to print and which exit status to use. The list
** keeps the first DIAG_MAX_KEPT errors and counts the rest, so hostile input
** with millions of mistakes cannot flood the terminal or memory.
*/
#ifndef ROSTER_DIAG_H
#define ROSTER_DIAG_H

#include <stdio.h>

#define DIAG_MAX_KEPT 100

/* A place in an input file. file is NULL when the position is unknown. */
typedef struct {
    const char *file;
    int line; /* 1-based */
    int col;  /* 1-based */
} diag_pos;

typedef struct {
    diag_pos pos;
    char *message;
} diag_entry;

typedef struct {
    diag_entry *entries; /* the first DIAG_MAX_KEPT errors, in report order */
    int kept;
    int total;           /* including those not kept */
} diag_list;

void diag_init(diag_list *d);
void diag_clear(diag_list *d);
/* Adds an error; pos.file is copied, so it may name a buffer about to go. */
void diag_error(diag_list *d, diag_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int diag_count(const diag_list *d);
/* One line per kept error, then "... and N more errors" when some were cut. */
void diag_print(const diag_list *d, FILE *out);

#endif
