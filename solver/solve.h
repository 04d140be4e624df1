/*
** solve.h: one GLPK integer program for a whole programme, and its roster.
**
** solve_run builds an integer program with exactly the hard rules of the
** format (section 4) over the candidates prepare found, maximises exactly Q
** (section 5), and turns the best solution into a roster with reasons for
** everything left undone. The reported value is Q recomputed from the
** roster (solve_objective) and must equal the program's objective; the bound
** is one GLPK proved.
*/
#ifndef ROSTER_SOLVE_H
#define ROSTER_SOLVE_H

#include <stdbool.h>

#include "diag.h"
#include "model.h"
#include "prepare.h"
#include "roster.h"

typedef struct {
    double time_limit;      /* seconds; <= 0 means none */
    int threads;            /* accepted and recorded; the roster does not depend on it */
    const char *write_lp;   /* write the program in CPLEX LP format here, or NULL */
    bool verbose;           /* GLPK's own progress messages */
    const struct prev_plan *previous; /* re-roster against it (previous.h), or NULL */
} solve_options;

typedef struct {
    int rows, cols, nonzeros;
    double mip_value;       /* the program's objective for the written roster */
    double seconds;
} solve_stats;

/* Fill r (an empty roster from roster_new). Returns 0 when r holds a roster
** (status optimal, feasible or time_limit), -1 with a message in d on an
** internal failure. */
int solve_run(const model_programme *m, const prep *p, const solve_options *o, roster *r,
              solve_stats *stats, diag_list *d);

/* Q of a roster, straight from section 5 of the format. */
double solve_objective(const model_programme *m, const roster *r);

#endif
