/*
** stop.c: GLPK runs that an interrupt can stop (see stop.h).
*/
#include "stop.h"

#include <limits.h>
#include <time.h>

bool stop_requested(volatile sig_atomic_t *stop) { return stop && *stop; }

double stop_clock(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int stop_simplex(glp_prob *P, glp_smcp *sm, volatile sig_atomic_t *stop, double deadline) {
    sm->it_lim = STOP_SIMPLEX_SLICE;
    for (;;) {
        if (stop_requested(stop)) return GLP_ESTOP;
        if (deadline > 0) {
            double left = deadline - stop_clock();
            if (left < 0.001) return GLP_ETMLIM;
            sm->tm_lim = stop_ms(left);
        }
        int rc = glp_simplex(P, sm);
        if (rc != GLP_EITLIM) return rc;
    }
}

void stop_tree(glp_tree *T, void *flag) {
    if (stop_requested(flag)) glp_ios_terminate(T);
}

void stop_tree_when(glp_tree *T, void *when) {
    const stop_when *w = when;
    if (stop_requested(w->stop) || (w->deadline > 0 && stop_clock() >= w->deadline)) glp_ios_terminate(T);
}

void stop_track_bound(glp_tree *T, double *bound, bool *have) {
    int best = glp_ios_best_node(T);
    if (!best) return;
    double b = glp_ios_node_bound(T, best);
    if (!*have || b < *bound) *bound = b;
    *have = true;
}

int stop_ms(double seconds) {
    double ms = seconds * 1000.0;
    if (!(ms >= 1.0)) return 1; /* also NaN */
    return ms >= (double)INT_MAX ? INT_MAX : (int)ms;
}
