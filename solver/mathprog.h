/*
** mathprog.h: write a programme as a GNU MathProg data file for the
** reference model models/roster.mod.
**
** The data file holds elementary facts only (dates with weekday and week,
** the slot grid, calendar periods, windows per weekday, leave, DBS dates,
** release windows, blocks, travel minutes, levels, weights); every rule of
** the format lives in the model, so glpsol's optimum is an independent
** check of the C solver's.
*/
#ifndef ROSTER_MATHPROG_H
#define ROSTER_MATHPROG_H

#include <stdio.h>

#include "diag.h"
#include "model.h"

/* Write the data section for m to out. Returns 0, or -1 on a write error. */
int mathprog_write_dat(const model_programme *m, FILE *out);

/* Create dir (owner-only) if missing and write dir/roster.dat atomically.
** Returns 0, or -1 with the reason in d. */
int mathprog_write(const model_programme *m, const char *dir, diag_list *d);

#endif
