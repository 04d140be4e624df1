/*
** test_solve.c: the solver keeps every hard rule even where breaking one
** would raise Q, delivers what the rules allow, and reports Q honestly.
**
** Each test is a tiny programme in which the tempting roster breaks one
** rule; the assertions check the rule holds and that the solver still does
** the best the rule leaves (so a solver that delivers nothing fails too).
*/
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "model.h"
#include "prepare.h"
#include "roster.h"
#include "solve.h"

/* Two weeks (Mon 7 Sep - Sun 20 Sep 2026), two schools, one room each
** unless a test says otherwise. */
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

typedef struct {
    model_programme *m;
    prep *p;
    roster *r;
    solve_stats st;
} run;

static int date_of(const char *s) {
    int d = 0;
    assert_true(cal_parse_date(s, &d));
    return d;
}

/* The rules any roster must keep, checked independently of the solver. */
static void assert_general_rules(const run *x) {
    const model_programme *m = x->m;
    const roster *r = x->r;
    for (int i = 0; i < r->n_visits; i++) {
        const roster_visit *a = &r->visits[i];
        assert_int_equal(a->end - a->start, m->pupils[a->pupil].minutes);
        int same_week = 0;
        for (int j = 0; j < r->n_visits; j++) {
            const roster_visit *b = &r->visits[j];
            if (b->pupil == a->pupil && cal_week_start(b->date) == cal_week_start(a->date)) same_week++;
            if (j == i) continue;
            if (b->pupil == a->pupil) assert_int_not_equal(a->date, b->date);
            if (b->date != a->date || b->advocate != a->advocate) continue;
            bool overlap = a->start < b->end && b->start < a->end;
            assert_false(overlap);
            if (a->school != b->school && a->end <= b->start) {
                int tau = model_travel(m, m->schools[a->school].place, m->schools[b->school].place);
                assert_true(b->start - a->end >= tau);
            }
        }
        assert_true(same_week <= m->pupils[a->pupil].per_week);
        /* rooms */
        int under_way = 0;
        for (int j = 0; j < r->n_visits; j++) {
            const roster_visit *b = &r->visits[j];
            if (b->date == a->date && b->school == a->school && b->start <= a->start && a->start < b->end) under_way++;
        }
        assert_true(under_way <= m->schools[a->school].rooms);
    }
    /* pattern: exactly per_week entries on distinct weekdays per matched pupil */
    for (int i = 0; i < r->n_assignments; i++) {
        int pupil = r->assignments[i].pupil, n = 0, days = 0;
        for (int j = 0; j < r->n_pattern; j++)
            if (r->pattern[j].pupil == pupil) {
                assert_false(days >> r->pattern[j].weekday & 1);
                days |= 1 << r->pattern[j].weekday;
                n++;
            }
        assert_int_equal(n, m->pupils[pupil].per_week);
    }
    /* honesty: Q of the roster equals the program's objective, bound >= value */
    double q = solve_objective(m, r);
    assert_true(fabs(q - r->value) < 1e-6);
    assert_true(fabs(q - x->st.mip_value) < 1e-6);
    assert_true(r->bound >= r->value - 1e-9);
}

static void solve_text(run *x, const char *yaml) {
    memset(x, 0, sizeof *x);
    diag_list d;
    diag_init(&d);
    x->m = testutil_load(yaml);
    assert_non_null(x->m);
    x->p = prep_new(x->m);
    assert_non_null(x->p);
    x->r = roster_new();
    solve_options o = {0};
    int rc = solve_run(x->m, x->p, &o, x->r, &x->st, &d);
    if (rc) diag_print(&d, stderr);
    assert_int_equal(rc, 0);
    diag_clear(&d);
    assert_int_equal(x->r->status, ROSTER_OPTIMAL);
    assert_general_rules(x);
}

static void run_free(run *x) {
    roster_free(x->r);
    prep_free(x->p);
    model_free(x->m);
}

static int visits_of(const run *x, const char *pupil) {
    int p = model_find_pupil(x->m, pupil), n = 0;
    for (int i = 0; i < x->r->n_visits; i++) n += x->r->visits[i].pupil == p;
    return n;
}

static const char *missed_reason(const run *x, const char *pupil, const char *week) {
    int p = model_find_pupil(x->m, pupil), w = date_of(week);
    for (int i = 0; i < x->r->n_missed; i++)
        if (x->r->missed[i].pupil == p && x->r->missed[i].week == w) return x->r->missed[i].reason;
    return NULL;
}

/* Rule 9: one advocate free 09:00-10:30 on Wednesdays, two 60-minute
** pupils: both every week would double Q but would overlap. */
static void test_no_overlap(void **state) {
    (void)state;
    run x;
    solve_text(&x, HEAD SCHOOLS(2)
        "pupils:\n  - {id: P1, school: s1}\n  - {id: P2, school: s1}\n"
        "advocates:\n  - {id: A1, kind: staff, available: [{days: wed, start: \"09:00\", end: \"10:30\"}], " DBS "}\n");
    assert_int_equal(x.r->n_visits, 2); /* one a Wednesday */
    assert_int_equal(x.r->n_assignments, 1);
    run_free(&x);
}

/* Rule 9: 09:00-11:15 fits two visits at one school, not at two schools
** 30 minutes apart. */
static void test_travel_gap(void **state) {
    (void)state;
    run x;
    solve_text(&x, HEAD SCHOOLS(2)
        "pupils:\n  - {id: P1, school: s1}\n  - {id: P2, school: s2}\n"
        "advocates:\n  - {id: A1, kind: staff, available: [{days: wed, start: \"09:00\", end: \"11:15\"}], " DBS "}\n");
    assert_int_equal(x.r->n_visits, 2);
    run_free(&x);
    /* with room for the journey both pupils are seen every week */
    solve_text(&x, HEAD SCHOOLS(2)
        "pupils:\n  - {id: P1, school: s1}\n  - {id: P2, school: s2}\n"
        "advocates:\n  - {id: A1, kind: staff, available: [{days: wed, start: \"09:00\", end: \"11:30\"}], " DBS "}\n");
    assert_int_equal(x.r->n_visits, 4);
    run_free(&x);
}

/* Rule 10: two advocates free at the same hour, one room. */
static void test_rooms(void **state) {
    (void)state;
    run x;
    solve_text(&x, HEAD SCHOOLS(1)
        "pupils:\n  - {id: P1, school: s1}\n  - {id: P2, school: s1}\n"
        "advocates:\n"
        "  - {id: A1, kind: staff, available: [{days: wed, start: \"09:00\", end: \"10:00\"}], " DBS "}\n"
        "  - {id: A2, kind: staff, available: [{days: wed, start: \"09:00\", end: \"10:00\"}], " DBS "}\n");
    assert_int_equal(x.r->n_visits, 2);
    run_free(&x);
    solve_text(&x, HEAD SCHOOLS(2)
        "pupils:\n  - {id: P1, school: s1}\n  - {id: P2, school: s1}\n"
        "advocates:\n"
        "  - {id: A1, kind: staff, available: [{days: wed, start: \"09:00\", end: \"10:00\"}], " DBS "}\n"
        "  - {id: A2, kind: staff, available: [{days: wed, start: \"09:00\", end: \"10:00\"}], " DBS "}\n");
    assert_int_equal(x.r->n_visits, 4);
    run_free(&x);
}

/* Rule 8: weekly minutes and max_pupils. */
static void test_advocate_caps(void **state) {
    (void)state;
    run x;
    solve_text(&x, HEAD SCHOOLS(2)
        "pupils:\n  - {id: P1, school: s1}\n  - {id: P2, school: s1}\n"
        "advocates:\n  - {id: A1, kind: staff, max_minutes_per_week: 60, available: [{days: mon-fri, start: \"09:00\", end: \"15:00\"}], " DBS "}\n");
    assert_int_equal(x.r->n_visits, 2);
    run_free(&x);
    solve_text(&x, HEAD SCHOOLS(2)
        "pupils:\n  - {id: P1, school: s1}\n  - {id: P2, school: s1}\n  - {id: P3, school: s2}\n"
        "advocates:\n  - {id: A1, kind: staff, max_pupils: 2, available: [{days: mon-fri, start: \"09:00\", end: \"15:00\"}], " DBS "}\n");
    assert_int_equal(x.r->n_assignments, 2);
    assert_int_equal(x.r->n_unmatched, 1);
    assert_string_equal(x.r->unmatched[0].reasons[0], "every compatible advocate is at max_pupils: A1 (2: P1, P2)");
    run_free(&x);
}

/* Rule 5: DBS expiry and leave; rule 6: a student's placement block. */
static void test_dbs_leave_block(void **state) {
    (void)state;
    run x;
    solve_text(&x, HEAD SCHOOLS(2)
        "pupils:\n  - {id: P1, school: s1}\n"
        "advocates:\n  - {id: A1, kind: staff, available: [{days: mon-fri, start: \"09:00\", end: \"15:00\"}], "
        "dbs: {cleared: 2026-01-01, expires: 2026-09-11}}\n");
    assert_int_equal(visits_of(&x, "P1"), 1);
    assert_true(x.r->visits[0].date <= date_of("2026-09-11"));
    assert_non_null(strstr(missed_reason(&x, "P1", "2026-09-14"), "DBS expired"));
    run_free(&x);
    solve_text(&x, HEAD SCHOOLS(2)
        "pupils:\n  - {id: P1, school: s1}\n"
        "advocates:\n  - {id: A1, kind: staff, available: [{days: mon-fri, start: \"09:00\", end: \"15:00\"}], "
        "leave: [{from: 2026-09-07, to: 2026-09-13}], " DBS "}\n");
    assert_int_equal(visits_of(&x, "P1"), 1);
    assert_true(x.r->visits[0].date >= date_of("2026-09-14"));
    assert_non_null(strstr(missed_reason(&x, "P1", "2026-09-07"), "A1 on leave"));
    run_free(&x);
    solve_text(&x, HEAD SCHOOLS(2)
        "university:\n  name: U\n  place: uni\n  courses:\n"
        "    - {id: c1, release: [{days: mon-fri, start: \"08:00\", end: \"17:00\"}], "
        "blocks: [{from: 2026-09-14, to: 2026-09-20, reason: placement}]}\n"
        "pupils:\n  - {id: P1, school: s1}\n"
        "advocates:\n  - {id: A1, kind: student, course: c1, available: [{days: mon-fri, start: \"09:00\", end: \"15:00\"}], " DBS "}\n");
    assert_int_equal(visits_of(&x, "P1"), 1);
    assert_true(x.r->visits[0].date < date_of("2026-09-14"));
    assert_non_null(strstr(missed_reason(&x, "P1", "2026-09-14"), "placement"));
    run_free(&x);
}

/* Rule 4: the pattern day is closed in week two; the visit moves to
** Thursday (the advocate's only other day, on leave in week one) and pays
** weights.moved, which is still worth a visit. */
static void test_closure_moves_visit(void **state) {
    (void)state;
    run x;
    solve_text(&x,
        "programme:\n  name: T\n  period: {from: 2026-09-07, to: 2026-09-20}\n"
        "calendars:\n  - id: term\n    open: [{from: 2026-09-01, to: 2026-12-18}]\n"
        "    closed: [{date: 2026-09-16, reason: INSET}]\n"
        "schools:\n  - {id: s1, phase: primary, calendar: term, windows: {core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}}}\n"
        "pupils:\n  - {id: P1, school: s1, unavailable: [{days: thu, start: \"09:00\", end: \"10:00\"}]}\n"
        "advocates:\n  - {id: A1, kind: staff, available: [{days: wed, start: \"09:00\", end: \"10:00\"}, "
        "{days: thu, start: \"09:00\", end: \"11:00\"}], leave: [{date: 2026-09-10}], " DBS "}\n");
    assert_int_equal(x.r->n_visits, 2);
    int wed = date_of("2026-09-16");
    int moved = 0;
    for (int i = 0; i < x.r->n_visits; i++) {
        assert_int_not_equal(x.r->visits[i].date, wed);
        bool on = false;
        for (int j = 0; j < x.r->n_pattern; j++)
            on |= x.r->pattern[j].weekday == cal_weekday(x.r->visits[i].date) && x.r->pattern[j].start == x.r->visits[i].start;
        moved += !on;
    }
    assert_int_equal(moved, 1);
    const model_weights *w = &x.m->weights;
    assert_true(fabs(x.r->value - (2 * w->visit - w->moved - 2 * w->school_day)) < 1e-9);
    run_free(&x);
}

/* Rule 2: avoid and requires beat a better fit and a preference. */
static void test_avoid_requires(void **state) {
    (void)state;
    run x;
    solve_text(&x, HEAD SCHOOLS(2)
        "pupils:\n"
        "  - {id: P1, school: s1, needs: {literacy: 5}, prefers: [A1], avoid: [A1]}\n"
        "  - {id: P2, school: s1, needs: {literacy: 5}, prefers: [A1], requires: {languages: [urdu]}}\n"
        "  - {id: P3, school: s1, requires: {gender: female}}\n"
        "advocates:\n"
        "  - {id: A1, kind: staff, experience: {literacy: 5}, gender: male, available: [{days: mon-fri, start: \"09:00\", end: \"15:00\"}], " DBS "}\n"
        "  - {id: A2, kind: staff, languages: [urdu], gender: male, available: [{days: mon-fri, start: \"09:00\", end: \"15:00\"}], " DBS "}\n");
    int a1 = model_find_advocate(x.m, "A1");
    for (int i = 0; i < x.r->n_assignments; i++) assert_int_not_equal(x.r->assignments[i].advocate, a1);
    assert_int_equal(x.r->n_assignments, 2);
    assert_int_equal(x.r->n_unmatched, 1);
    assert_string_equal(x.r->unmatched[0].reasons[0], "no advocate meets requires.gender female");
    run_free(&x);
}

/* Rule 11: sessions keep per_week, the teacher's weekly cap, and do not
** overlap the teacher's own visits when the teacher is also an advocate. */
static void test_sessions(void **state) {
    (void)state;
    run x;
    solve_text(&x, HEAD SCHOOLS(2)
        "pupils:\n  - {id: P1, school: s1}\n"
        "advocates:\n  - {id: C1, kind: staff, available: [{days: tue, start: \"09:00\", end: \"10:00\"}], " DBS "}\n"
        "community_teachers:\n  - {id: C1, skills: {maths: 3}, max_sessions_per_week: 1, "
        "available: [{days: [tue, wed], start: \"09:00\", end: \"12:00\"}], " DBS "}\n"
        "sessions:\n"
        "  - {id: M1, school: s1, subject: maths, min_level: 2, minutes: 60, per_week: 2, "
        "when: [{days: [tue, wed], start: \"09:00\", end: \"10:00\"}]}\n");
    /* the cap allows one session a week; the visit still happens on Tuesday */
    assert_int_equal(x.r->n_sessions, 2);
    assert_int_equal(x.r->n_visits, 2);
    for (int i = 0; i < x.r->n_sessions; i++) assert_int_equal(cal_weekday(x.r->sessions[i].date), 2);
    assert_int_equal(x.r->n_unfilled, 2);
    run_free(&x);
}

/* The tiny example file: unmatched reasons and missed reasons from data. */
static void test_reasons_tiny(void **state) {
    (void)state;
    diag_list d;
    diag_init(&d);
    const char *path = "tests/solve/tiny.yaml";
    model_programme *m = model_load(&path, 1, &d);
    assert_non_null(m);
    prep *p = prep_new(m);
    roster *r = roster_new();
    solve_options o = {0};
    solve_stats st;
    assert_int_equal(solve_run(m, p, &o, r, &st, &d), 0);
    assert_int_equal(r->status, ROSTER_OPTIMAL);
    assert_true(fabs(solve_objective(m, r) - st.mip_value) < 1e-6);
    assert_int_equal(r->n_unmatched, 1);
    assert_string_equal(r->unmatched[0].reasons[0], "no advocate meets requires.gender female");
    assert_int_equal(r->n_missed, 2);
    assert_string_equal(r->missed[0].reason, "school closed: INSET");
    roster_free(r);
    prep_free(p);
    model_free(m);
    diag_clear(&d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_overlap),       cmocka_unit_test(test_travel_gap),
        cmocka_unit_test(test_rooms),            cmocka_unit_test(test_advocate_caps),
        cmocka_unit_test(test_dbs_leave_block),  cmocka_unit_test(test_closure_moves_visit),
        cmocka_unit_test(test_avoid_requires),   cmocka_unit_test(test_sessions),
        cmocka_unit_test(test_reasons_tiny),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
