/*
** lpb.c: named columns and rows on a glp_prob (see lpb.h).
*/
#include "lpb.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lpb_init(lpb *b, glp_prob *P) {
    memset(b, 0, sizeof *b);
    b->P = P;
}

void lpb_free(lpb *b) {
    free(b->ind);
    free(b->val);
    b->ind = NULL, b->val = NULL, b->cap = b->n = 0;
}

static void vname(char *out, size_t cap, const char *fmt, va_list ap) {
    vsnprintf(out, cap, fmt, ap);
    for (char *s = out; *s; s++)
        if (*s == '-') *s = '~';
        else if (*s == ':') *s = '.';
}

int lpb_col_named(lpb *b, int kind, double lo, double hi, double obj, const char *name) {
    int j = glp_add_cols(b->P, 1);
    glp_set_col_name(b->P, j, name);
    glp_set_col_kind(b->P, j, kind);
    if (kind != GLP_BV) glp_set_col_bnds(b->P, j, lo == hi ? GLP_FX : GLP_DB, lo, hi);
    glp_set_obj_coef(b->P, j, obj);
    return j;
}

int lpb_vcol(lpb *b, int kind, double lo, double hi, double obj, const char *fmt, va_list ap) {
    char name[256];
    vname(name, sizeof name, fmt, ap);
    return lpb_col_named(b, kind, lo, hi, obj, name);
}

int lpb_col(lpb *b, int kind, double lo, double hi, double obj, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int j = lpb_vcol(b, kind, lo, hi, obj, fmt, ap);
    va_end(ap);
    return j;
}

void lpb_row_named(lpb *b, const char *name) {
    snprintf(b->name, sizeof b->name, "%s", name);
    b->n = 0;
    b->failed = 0;
}

void lpb_vrow(lpb *b, const char *fmt, va_list ap) {
    char name[sizeof b->name];
    vname(name, sizeof name, fmt, ap);
    lpb_row_named(b, name);
}

void lpb_row(lpb *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    lpb_vrow(b, fmt, ap);
    va_end(ap);
}

void lpb_term(lpb *b, int col, double coef) {
    if (b->n + 2 > b->cap) {
        int cap = b->cap ? b->cap * 2 : 256;
        int *ind = realloc(b->ind, sizeof(int) * (size_t)cap);
        if (ind) b->ind = ind;
        double *val = realloc(b->val, sizeof(double) * (size_t)cap);
        if (val) b->val = val;
        if (!ind || !val) {
            b->failed = 1;
            return;
        }
        b->cap = cap;
    }
    b->n++;
    b->ind[b->n] = col;
    b->val[b->n] = coef;
}

static int end_row(lpb *b, int type, double lb, double ub) {
    if (b->failed) return -1;
    if (b->n == 0) return 0;
    int i = glp_add_rows(b->P, 1);
    glp_set_row_name(b->P, i, b->name);
    glp_set_mat_row(b->P, i, b->n, b->ind, b->val);
    glp_set_row_bnds(b->P, i, type, lb, ub);
    b->n = 0;
    return i;
}

int lpb_upper(lpb *b, double ub) { return end_row(b, GLP_UP, 0.0, ub); }
int lpb_lower(lpb *b, double lb) { return end_row(b, GLP_LO, lb, 0.0); }
int lpb_fixed(lpb *b, double rhs) { return end_row(b, GLP_FX, rhs, rhs); }
