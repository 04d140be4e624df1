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
#include "verify.h"

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

/* The moved tests below share one shape: three weeks (Mon 7 - Sun 27 Sep
** 2026), one pupil of 60 minutes, one advocate free only Wednesdays and
** Thursdays 09:00-10:00, so each week offers at most Wed and Thu at 09:00.
** The cause under test blocks the pattern's date in one week while the other
** day of that week stays feasible; in the other weeks the other day is
** blocked, so exactly one pattern is best and exactly one visit is moved. */
#define HEAD3                                                                                         \
    "programme:\n  name: T\n  period: {from: 2026-09-07, to: 2026-09-27}\n"                           \
    "calendars:\n  - id: term\n    open: [{from: 2026-09-01, to: 2026-12-18}]\n"
#define SCHOOL3 "schools:\n  - {id: s1, phase: primary, calendar: term, windows: {core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}}}\n"
#define WED_THU "available: [{days: [wed, thu], start: \"09:00\", end: \"10:00\"}]"

static bool on_pattern(const roster *r, const roster_visit *v) {
    for (int j = 0; j < r->n_pattern; j++)
        if (r->pattern[j].pupil == v->pupil && r->pattern[j].weekday == cal_weekday(v->date) &&
            r->pattern[j].start == v->start)
            return true;
    return false;
}

/* The roster delivers one visit on each of dates[0..2] (one a week) at
** 09:00, the pattern is `day` 09:00, the visit of week `moved_week` is the
** only one off it, Q is what that costs, and the independent verifier
** accepts the roster. Returns the moved visit. */
static const roster_visit *assert_one_moved(const run *x, const char *const dates[3], int moved_week,
                                            const char *day) {
    const roster *r = x->r;
    const model_weights *w = &x->m->weights;
    /* the premise: a moved visit is worth more than missing the week */
    assert_true(w->visit > w->moved + w->school_day);
    assert_int_equal(r->n_assignments, 1);
    assert_int_equal(r->n_missed, 0);
    assert_int_equal(r->n_pattern, 1);
    assert_int_equal(r->pattern[0].weekday, cal_parse_day(day));
    assert_int_equal(r->pattern[0].start, 9 * 60);
    assert_int_equal(r->n_visits, 3);
    const roster_visit *moved_visit = NULL;
    int moved = 0;
    for (int i = 0; i < r->n_visits; i++) moved += !on_pattern(r, &r->visits[i]);
    assert_int_equal(moved, 1);
    for (int k = 0; k < 3; k++) {
        const roster_visit *v = NULL;
        for (int i = 0; i < r->n_visits; i++)
            if (r->visits[i].date == date_of(dates[k])) v = &r->visits[i];
        if (!v) fail_msg("no visit on %s", dates[k]);
        assert_int_equal(v->start, 9 * 60);
        if (k == moved_week) {
            assert_false(on_pattern(r, v));
            moved_visit = v;
        } else {
            assert_true(on_pattern(r, v));
        }
    }
    /* Q = 3 * visit - 1 * moved - 3 * school_day = 300 - 10 - 15 = 275 with
    ** the default weights (no needs, previous advocate or prefers) */
    assert_true(fabs(r->value - (3 * w->visit - w->moved - 3 * w->school_day)) < 1e-9);
    assert_true(fabs(r->value - 275) < 1e-9);
    assert_int_equal(verify_roster(x->m, r, stderr), 0);
    return moved_visit;
}

/* Rule 5, leave: on leave Wed 16 Sep (week two) the visit moves to Thu 17;
** leave on Thu 10 and Thu 24 makes Wednesday the only best pattern. */
static void test_leave_moves_visit(void **state) {
    (void)state;
    run x;
    solve_text(&x, HEAD3 SCHOOL3
        "pupils:\n  - {id: P1, school: s1}\n"
        "advocates:\n  - {id: A1, kind: staff, " WED_THU ", "
        "leave: [{date: 2026-09-10}, {date: 2026-09-16}, {date: 2026-09-24}], " DBS "}\n");
    const char *const dates[3] = {"2026-09-09", "2026-09-17", "2026-09-23"};
    assert_one_moved(&x, dates, 1, "wed");
    run_free(&x);
}

/* Rule 6: a student's placement block on Wed 16 Sep moves the visit to
** Thu 17; then the same with the course calendar closed on those dates. */
static void test_block_moves_visit(void **state) {
    (void)state;
    const char *const dates[3] = {"2026-09-09", "2026-09-17", "2026-09-23"};
    run x;
    solve_text(&x, HEAD3 SCHOOL3
        "university:\n  name: U\n  place: uni\n  courses:\n"
        "    - {id: c1, release: [{days: mon-fri, start: \"08:00\", end: \"17:00\"}], "
        "blocks: [{date: 2026-09-10, reason: placement}, {date: 2026-09-16, reason: placement}, "
        "{date: 2026-09-24, reason: placement}]}\n"
        "pupils:\n  - {id: P1, school: s1}\n"
        "advocates:\n  - {id: A1, kind: student, course: c1, " WED_THU ", " DBS "}\n");
    assert_one_moved(&x, dates, 1, "wed");
    run_free(&x);
    solve_text(&x,
        "programme:\n  name: T\n  period: {from: 2026-09-07, to: 2026-09-27}\n"
        "calendars:\n  - id: term\n    open: [{from: 2026-09-01, to: 2026-12-18}]\n"
        "  - id: uni\n    open: [{from: 2026-09-01, to: 2026-12-18}]\n"
        "    closed: [{date: 2026-09-10, reason: exams}, {date: 2026-09-16, reason: exams}, "
        "{date: 2026-09-24, reason: exams}]\n" SCHOOL3
        "university:\n  name: U\n  place: uni\n  courses:\n"
        "    - {id: c1, calendar: uni, release: [{days: mon-fri, start: \"08:00\", end: \"17:00\"}]}\n"
        "pupils:\n  - {id: P1, school: s1}\n"
        "advocates:\n  - {id: A1, kind: student, course: c1, " WED_THU ", " DBS "}\n");
    assert_one_moved(&x, dates, 1, "wed");
    run_free(&x);
}

/* Rule 5, DBS: cleared on Thu 10 Sep, so Wed 9 is not allowed and the
** first visit moves to Thu 10 (leave on the later Thursdays keeps the
** pattern on Wednesday); then expiring on Wed 23 Sep, so Thu 24 is not
** allowed and the last visit moves to Wed 23 (leave on the earlier
** Wednesdays keeps the pattern on Thursday). */
static void test_dbs_moves_visit(void **state) {
    (void)state;
    run x;
    solve_text(&x, HEAD3 SCHOOL3
        "pupils:\n  - {id: P1, school: s1}\n"
        "advocates:\n  - {id: A1, kind: staff, " WED_THU ", leave: [{date: 2026-09-17}, {date: 2026-09-24}], "
        "dbs: {cleared: 2026-09-10, expires: 2029-01-01}}\n");
    const char *const cleared[3] = {"2026-09-10", "2026-09-16", "2026-09-23"};
    assert_one_moved(&x, cleared, 0, "wed");
    run_free(&x);
    solve_text(&x, HEAD3 SCHOOL3
        "pupils:\n  - {id: P1, school: s1}\n"
        "advocates:\n  - {id: A1, kind: staff, " WED_THU ", leave: [{date: 2026-09-09}, {date: 2026-09-16}], "
        "dbs: {cleared: 2026-01-01, expires: 2026-09-23}}\n");
    const char *const expires[3] = {"2026-09-10", "2026-09-17", "2026-09-23"};
    assert_one_moved(&x, expires, 2, "thu");
    run_free(&x);
}

/* Rule 3 with moves: s1 has pupils on Wednesdays only, s2 on Thursdays
** only. From moves.on, Wed 23 Sep, the pupil belongs to s2, so that very
** date is not possible (s2 has no Wednesday window) and the week's visit is
** on Thu 24 at s2. The first two weeks are Wednesdays at s1, so the pattern
** is Wednesday and only the last visit is moved. */
static void test_school_move_moves_visit(void **state) {
    (void)state;
    run x;
    solve_text(&x, HEAD3
        "schools:\n"
        "  - {id: s1, phase: primary, calendar: term, windows: {core: {days: wed, start: \"09:00\", end: \"15:00\"}}}\n"
        "  - {id: s2, phase: secondary, calendar: term, windows: {core: {days: thu, start: \"09:00\", end: \"15:00\"}}}\n"
        "pupils:\n  - {id: P1, school: s1, moves: {school: s2, windows: [core], on: 2026-09-23}}\n"
        "advocates:\n  - {id: A1, kind: staff, " WED_THU ", " DBS "}\n");
    const char *const dates[3] = {"2026-09-09", "2026-09-16", "2026-09-24"};
    const roster_visit *v = assert_one_moved(&x, dates, 2, "wed");
    int s1 = model_find_school(x.m, "s1"), s2 = model_find_school(x.m, "s2");
    assert_int_equal(v->school, s2);
    for (int i = 0; i < x.r->n_visits; i++)
        if (&x.r->visits[i] != v) assert_int_equal(x.r->visits[i].school, s1);
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

/* The cap on candidate visits: one pupil, one advocate free Wednesdays
** 09:00-10:00, a 60-minute visit: one start a Wednesday, 2 candidates over
** the two weeks. A cap of 2 holds them; a cap of 1 says the programme is too
** large (it used to hang at 2^30: an int doubled past it). */
static void test_candidate_cap(void **state) {
    (void)state;
    model_programme *m = testutil_load(HEAD SCHOOLS(1) "pupils:\n  - {id: P1, school: s1}\n"
                                                      "advocates:\n  - {id: A1, kind: staff, available: [{days: wed, "
                                                      "start: \"09:00\", end: \"10:00\"}], " DBS "}\n");
    assert_non_null(m);
    prep_status st = PREP_NO_MEMORY;
    prep *p = prep_new_capped(m, 2, &st);
    assert_non_null(p);
    assert_int_equal(st, PREP_OK);
    assert_int_equal(prep_n_visits(p), 2);
    prep_free(p);
    assert_null(prep_new_capped(m, 1, &st));
    assert_int_equal(st, PREP_TOO_MANY_VISITS);
    /* the default cap is the library's own */
    assert_non_null(p = prep_new_status(m, &st));
    assert_int_equal(st, PREP_OK);
    prep_free(p);
    model_free(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_overlap),       cmocka_unit_test(test_travel_gap),
        cmocka_unit_test(test_rooms),            cmocka_unit_test(test_advocate_caps),
        cmocka_unit_test(test_dbs_leave_block),  cmocka_unit_test(test_closure_moves_visit),
        cmocka_unit_test(test_leave_moves_visit), cmocka_unit_test(test_block_moves_visit),
        cmocka_unit_test(test_dbs_moves_visit),   cmocka_unit_test(test_school_move_moves_visit),
        cmocka_unit_test(test_avoid_requires),   cmocka_unit_test(test_sessions),
        cmocka_unit_test(test_reasons_tiny),     cmocka_unit_test(test_candidate_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
