/*
** test_stop.c: the search callbacks of stop.c stop GLPK's branch and
** bound when told to: a raised flag or a passed deadline, with GLPK's
** presolve on (where its own tm_lim does not count the root LP).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glpk.h>

#include "stop.h"

/* max sum v_j x_j over 12 binaries with one knapsack row: the LP optimum is
** fractional, so the search has a root node to call back from. */
static glp_prob *knapsack(void) {
    static const double w[] = {23, 31, 29, 44, 53, 38, 63, 85, 89, 82, 41, 37};
    static const double v[] = {92, 57, 49, 68, 60, 43, 67, 84, 87, 72, 51, 40};
    int n = (int)(sizeof w / sizeof w[0]);
    glp_prob *P = glp_create_prob();
    glp_set_obj_dir(P, GLP_MAX);
    glp_add_rows(P, 1);
    glp_set_row_bnds(P, 1, GLP_UP, 0, 165);
    glp_add_cols(P, n);
    int ind[13];
    double val[13];
    for (int j = 1; j <= n; j++) {
        glp_set_col_kind(P, j, GLP_BV);
        glp_set_obj_coef(P, j, v[j - 1]);
        ind[j] = j, val[j] = w[j - 1];
    }
    glp_set_mat_row(P, 1, n, ind, val);
    return P;
}

static int search(glp_prob *P, stop_when *when) {
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.presolve = GLP_ON;
    io.cb_func = stop_tree_when;
    io.cb_info = when;
    return glp_intopt(P, &io);
}

static void test_no_deadline_solves(void **state) {
    (void)state;
    glp_prob *P = knapsack();
    stop_when when = {NULL, 0};
    assert_int_equal(search(P, &when), 0);
    assert_int_equal(glp_mip_status(P), GLP_OPT);
    assert_true(glp_mip_obj_val(P) == 309.0); /* items 1, 2, 3, 4, 6: weight 165 */
    glp_delete_prob(P);
}

static void test_passed_deadline_stops(void **state) {
    (void)state;
    glp_prob *P = knapsack();
    stop_when when = {NULL, stop_clock() - 1};
    assert_int_equal(search(P, &when), GLP_ESTOP);
    glp_delete_prob(P);
}

static void test_future_deadline_solves(void **state) {
    (void)state;
    glp_prob *P = knapsack();
    stop_when when = {NULL, stop_clock() + 3600};
    assert_int_equal(search(P, &when), 0);
    assert_int_equal(glp_mip_status(P), GLP_OPT);
    glp_delete_prob(P);
}

static void test_raised_flag_stops(void **state) {
    (void)state;
    glp_prob *P = knapsack();
    volatile sig_atomic_t flag = 1;
    stop_when when = {&flag, 0};
    assert_int_equal(search(P, &when), GLP_ESTOP);
    glp_delete_prob(P);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_deadline_solves),
        cmocka_unit_test(test_passed_deadline_stops),
        cmocka_unit_test(test_future_deadline_solves),
        cmocka_unit_test(test_raised_flag_stops),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    glp_free_env();
    return rc;
}
