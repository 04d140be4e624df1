/*
** test_relax.c: the relaxed master R bounds Q, and the relaxation path
** reaches the same optimum as the one exact program.
**
** Each tiny programme is solved twice, with --strategy full (the exact
** program alone) and relax (R's bound, realisations, then the full search
** if unproven). R's bound must be at least the exact optimum (contention
** for time, travel and rooms is what R relaxes, so those are the cases),
** the relax path must end at the same Q, and it may say optimal only when
** value and bound agree.
*/
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "prepare.h"
#include "relax.h"
#include "roster.h"
#include "solve.h"

#define HEAD                                                                                          \
    "programme:\n  name: T\n  period: {from: 2026-09-07, to: 2026-09-20}\n"                           \
    "calendars:\n  - id: term\n    open: [{from: 2026-09-01, to: 2026-12-18}]\n"                     \
    "travel: {default_minutes: 30}\n"
#define SCHOOLS(rooms)                                                                                \
    "schools:\n"                                                                                      \
    "  - {id: s1, phase: primary, calendar: term, rooms: " #rooms                                     \
    ", windows: {core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}}}\n"                         \
    "  - {id: s2, phase: primary, calendar: term, rooms: " #rooms                                     \
    ", windows: {core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}}}\n"
#define DBS "dbs: {cleared: 2026-01-01, expires: 2029-01-01}"
#define WED(from, to) "available: [{days: wed, start: \"" from "\", end: \"" to "\"}], " DBS

static model_programme *load(const char *yaml) {
    model_programme *m = testutil_load(yaml);
    assert_non_null(m);
    return m;
}

static roster *solve_with(const model_programme *m, const prep *p, solve_strategy s, solve_stats *st) {
    diag_list d;
    diag_init(&d);
    roster *r = roster_new();
    solve_options o = {0};
    o.strategy = s;
    int rc = solve_run(m, p, &o, r, st, &d);
    if (rc) diag_print(&d, stderr);
    diag_clear(&d);
    assert_int_equal(rc, 0);
    assert_true(r->bound >= r->value - 1e-9);
    assert_true(fabs(solve_objective(m, r) - r->value) < 1e-6);
    if (r->status == ROSTER_OPTIMAL) assert_true(fabs(r->bound - r->value) <= 1e-6 * fmax(1, fabs(r->value)));
    return r;
}

/* R alone, the exact program alone, and the relax path on one programme. */
static void compare(const char *yaml) {
    model_programme *m = load(yaml);
    prep *p = prep_new(m);
    assert_non_null(p);
    solve_stats sf, sr;
    roster *full = solve_with(m, p, SOLVE_STRATEGY_FULL, &sf);
    assert_int_equal(full->status, ROSTER_OPTIMAL);
    relax_result rr;
    assert_int_equal(relax_solve(m, p, 0, false, NULL, &rr), 0);
    assert_true(rr.optimal);
    assert_true(rr.bound >= full->value - 1e-6);   /* R bounds Q */
    relax_result_free(&rr);
    roster *rel = solve_with(m, p, SOLVE_STRATEGY_RELAX, &sr);
    assert_int_equal(rel->status, ROSTER_OPTIMAL);
    assert_true(fabs(rel->value - full->value) < 1e-6);
    /* A (bound.c) runs first; when the greedy roster meets its bound the
    ** roster is proven and R never runs (relax_rows 0) */
    assert_true(sr.assign_bound >= full->value - 1e-6);
    if (sr.relax_rows > 0) assert_true(sr.relax_bound >= full->value - 1e-6);
    roster_free(full);
    roster_free(rel);
    prep_free(p);
    model_free(m);
}

/* One advocate, 90 minutes on Wednesdays, two 60-minute pupils: the
** minute budget (90) lets R see only one visit a date as well. */
static void test_overlap(void **state) {
    (void)state;
    compare(HEAD SCHOOLS(2) "pupils:\n  - {id: P1, school: s1}\n  - {id: P2, school: s1, priority: 2}\n"
                            "advocates:\n  - {id: A1, kind: staff, " WED("09:00", "10:30") "}\n");
}

/* Travel: R drops it, so R may think two schools fit where they do not;
** the exact optimum must still be found and R's bound stay above it. */
static void test_travel(void **state) {
    (void)state;
    compare(HEAD SCHOOLS(2) "pupils:\n  - {id: P1, school: s1}\n  - {id: P2, school: s2}\n"
                            "advocates:\n  - {id: A1, kind: staff, " WED("09:00", "11:15") "}\n");
    compare(HEAD SCHOOLS(2) "pupils:\n  - {id: P1, school: s1}\n  - {id: P2, school: s2}\n"
                            "advocates:\n  - {id: A1, kind: staff, " WED("09:00", "11:30") "}\n");
}

/* Rooms: two advocates, one room, the same hour. */
static void test_rooms(void **state) {
    (void)state;
    compare(HEAD SCHOOLS(1) "pupils:\n  - {id: P1, school: s1}\n  - {id: P2, school: s1}\n"
                            "advocates:\n  - {id: A1, kind: staff, " WED("09:00", "10:00") "}\n"
                            "  - {id: A2, kind: staff, " WED("09:00", "10:00") "}\n");
}

/* Patterns, preferences, caps and a per_week 2 pupil together. */
static void test_mixed(void **state) {
    (void)state;
    compare(HEAD SCHOOLS(1)
            "pupils:\n"
            "  - {id: P1, school: s1, needs: {literacy: 2}, prefers: [A2]}\n"
            "  - {id: P2, school: s1, visits: {per_week: 2, minutes: 45}, priority: 3}\n"
            "  - {id: P3, school: s2, previous_advocate: A1}\n"
            "advocates:\n"
            "  - {id: A1, kind: staff, experience: {literacy: 3}, max_minutes_per_week: 120,"
            " available: [{days: [tue, wed], start: \"09:00\", end: \"11:00\"}], " DBS "}\n"
            "  - {id: A2, kind: staff, max_pupils: 1, available: [{days: [wed, thu], start: \"09:00\", end: \"10:30\"}], " DBS "}\n");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overlap),
        cmocka_unit_test(test_travel),
        cmocka_unit_test(test_rooms),
        cmocka_unit_test(test_mixed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
