/*
** lpb.h: named columns and rows on a glp_prob, one row at a time.
**
** Every program this solver hands to GLPK carries readable names, so that
** glp_write_lp output can be read and diffed. lpb keeps the scratch arrays
** a row is assembled in and the name formatting in one place: a row is
** begun with a printf-style name, given terms, and ended with its bound.
** Names map '-' to '~' and ':' to '.', which CPLEX LP names allow and ids
** never contain. An lpb owns no glp_prob; lpb_free releases its scratch.
*/
#ifndef ROSTER_LPB_H
#define ROSTER_LPB_H

#include <glpk.h>
#include <stdarg.h>

typedef struct {
    glp_prob *P;
    int *ind;
    double *val;
    int n, cap;             /* terms of the open row, room in ind/val */
    int failed;             /* a realloc failed: the open row is incomplete */
    char name[256];
} lpb;

void lpb_init(lpb *b, glp_prob *P);
void lpb_free(lpb *b);

/* A new column: kind GLP_BV, GLP_IV or GLP_CV with bounds [lo, hi]. */
int lpb_col(lpb *b, int kind, double lo, double hi, double obj, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

void lpb_row(lpb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same with a va_list, for builders that wrap them, and with a name a
** builder formatted itself (used as it is: it must already be mangled). */
int lpb_vcol(lpb *b, int kind, double lo, double hi, double obj, const char *fmt, va_list ap);
void lpb_vrow(lpb *b, const char *fmt, va_list ap);
int lpb_col_named(lpb *b, int kind, double lo, double hi, double obj, const char *name);
void lpb_row_named(lpb *b, const char *name);
void lpb_term(lpb *b, int col, double coef);
/* Ends the row as "terms <= ub" (lpb_upper), "terms >= lb" (lpb_lower) or
** "terms = rhs" (lpb_fixed);
** a row without terms is dropped. Returns the row, 0 when dropped, -1 when
** memory ran out while it was assembled. */
int lpb_upper(lpb *b, double ub);
int lpb_lower(lpb *b, double lb);
int lpb_fixed(lpb *b, double rhs);

#endif
