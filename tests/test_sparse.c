/*
** test_sparse.c: a programme too large to keep every candidate is prepared
** sparse (prep_new_sparse), and its roster stays feasible and its bound
** honest: the pairs left out still count in the bound and in the reasons.
**
** The programme: eight pupils at one school, six advocates with one place
** each. A1-A5 can visit both weeks (A5 Mondays only); A6 is free Mondays and
** on leave the first week, so every pupil ranks it last (by candidates). With a budget of one candidate every pupil keeps
** exactly PREP_SPARSE_MIN_PAIRS (4) of its 6 pairs.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>

#include "cal.h"
#include "coarse.h"
#include "explain.h"
#include "prepare.h"
#include "roster.h"
#include "solve.h"
#include "verify.h"

#define ADV(id, days, extra)                                                                          \
    "  - {id: " id ", kind: staff, max_pupils: 1, available: [{days: " days ", start: \"09:00\", "   \
    "end: \"15:00\"}], dbs: {cleared: 2026-01-01, expires: 2029-01-01}" extra "}\n"

static const char *programme =
    "programme:\n  name: T\n  period: {from: 2026-09-07, to: 2026-09-20}\n"
    "calendars:\n  - id: term\n    open: [{from: 2026-09-01, to: 2026-12-18}]\n"
    "schools:\n  - {id: s1, phase: primary, calendar: term, rooms: 8, windows: {core: {days: mon-fri, "
    "start: \"09:00\", end: \"15:00\"}}}\n"
    "pupils:\n"
    "  - {id: P1, school: s1}\n  - {id: P2, school: s1}\n  - {id: P3, school: s1}\n  - {id: P4, school: s1}\n"
    "  - {id: P5, school: s1}\n  - {id: P6, school: s1}\n  - {id: P7, school: s1}\n  - {id: P8, school: s1}\n"
    "advocates:\n" ADV("A1", "mon-fri", "") ADV("A2", "mon-thu", "") ADV("A3", "mon-wed", "")
        ADV("A4", "mon-tue", "") ADV("A5", "mon", "")
            ADV("A6", "mon", ", leave: [{from: 2026-09-07, to: 2026-09-13}]");

typedef struct {
    model_programme *m;
    prep *full, *sparse;
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    f->m = testutil_load(programme);
    if (!f->m) return -1;
    f->full = prep_new(f->m);
    prep_status st = PREP_NO_MEMORY;
    /* keep nothing whole: every pupil its 4 best; each advocate marks 4 x its one place */
    prep_sparse sp = {1, 1, NULL, NULL, 4};
    f->sparse = prep_new_sparse(f->m, &sp, &st);
    *state = f;
    return f->full && f->sparse && st == PREP_OK ? 0 : -1;
}

static int teardown(void **state) {
    fixture *f = *state;
    prep_free(f->full);
    prep_free(f->sparse);
    model_free(f->m);
    free(f);
    return 0;
}

/* The full prep's pair (pupil, adv), or NULL. */
static const prep_pair *full_pair(const prep *p, int pupil, int adv) {
    int first, n;
    prep_pupil_pairs(p, pupil, &first, &n);
    for (int i = first; i < first + n; i++)
        if (prep_pairs(p)[i].advocate == adv) return &prep_pairs(p)[i];
    return NULL;
}

/* Kept and left pairs are the full prep's pairs, each once; kept pairs
** have exactly its candidates, left pairs its dates per week. */
static void test_kept_and_left_are_every_pair(void **state) {
    fixture *f = *state;
    const model_programme *m = f->m;
    assert_false(prep_is_sparse(f->full));
    assert_true(prep_is_sparse(f->sparse));
    assert_int_equal(prep_n_pairs(f->sparse) + prep_n_left(f->sparse), prep_n_pairs(f->full));
    for (int pu = 0; pu < m->n_pupils; pu++) {
        int first, n, lf, ln, ff, fn;
        prep_pupil_pairs(f->sparse, pu, &first, &n);
        prep_pupil_left(f->sparse, pu, &lf, &ln);
        prep_pupil_pairs(f->full, pu, &ff, &fn);
        assert_int_equal(fn, 6);
        assert_int_equal(n, PREP_SPARSE_MIN_PAIRS);
        assert_int_equal(n + ln, fn);
        for (int i = first; i < first + n; i++) {
            const prep_pair *k = &prep_pairs(f->sparse)[i], *g = full_pair(f->full, pu, k->advocate);
            assert_non_null(g);
            assert_int_equal(k->n, g->n);
            assert_memory_equal(prep_visits(f->sparse) + k->first, prep_visits(f->full) + g->first,
                                sizeof(prep_visit) * (size_t)k->n);
        }
        for (int i = lf; i < lf + ln; i++) {
            const prep_left_pair *l = &prep_left(f->sparse)[i];
            const prep_pair *g = full_pair(f->full, pu, l->advocate);
            assert_non_null(g);
            assert_int_equal(l->pupil, pu);
            assert_int_equal(l->n, g->n);
            const char *why = "";
            assert_int_equal(prep_pair_rule(f->sparse, pu, l->advocate, &why), PREP_RULE_OK);
            for (int w = 0; w < prep_n_weeks(f->full); w++) {
                int dates = 0, last = -1;
                for (int k = g->first; k < g->first + g->n; k++) {
                    const prep_visit *v = &prep_visits(f->full)[k];
                    if (prep_week_of(f->full, v->date) == w && v->date != last) dates++, last = v->date;
                }
                assert_int_equal(prep_left_dates(f->sparse, i)[w], dates);
            }
        }
    }
}

/* The census measures each advocate's day as the union of its candidates:
** 09:00-15:00 at the school (360 minutes); none on leave; unknown (-1)
** for a prep that kept everything. */
static void test_day_union(void **state) {
    fixture *f = *state;
    int mon1 = 0, mon2 = 0;
    assert_true(cal_parse_date("2026-09-07", &mon1));
    assert_true(cal_parse_date("2026-09-14", &mon2));
    int a1 = 0, a6 = f->m->n_advocates - 1;
    assert_int_equal(prep_day_union_minutes(f->sparse, a1, mon1), 360);
    assert_int_equal(prep_day_union_minutes(f->sparse, a6, mon1), 0);
    assert_int_equal(prep_day_union_minutes(f->sparse, a6, mon2), 360);
    assert_int_equal(prep_day_union_minutes(f->sparse, a6, mon2 + 1), 0); /* a Tuesday: A6 works Mondays */
    assert_int_equal(prep_day_union_minutes(f->full, a1, mon1), -1);
}

/* A6 is every pupil's last choice; with one place it still gets its four
** best pupils (the fixture's spread, 4, x max_pupils), or no pupil could have it. */
static void test_every_advocate_keeps_pupils(void **state) {
    fixture *f = *state;
    int a6 = f->m->n_advocates - 1, kept = 0;
    for (int i = 0; i < prep_n_pairs(f->sparse); i++) kept += prep_pairs(f->sparse)[i].advocate == a6;
    assert_int_equal(kept, 4 * 1);
}

/* The roster from the kept pairs passes verify; its bound covers the best
** roster over every pair; unmatched pupils are told the search was partial. */
static void test_sparse_solve_is_honest(void **state) {
    fixture *f = *state;
    diag_list d;
    diag_init(&d);
    solve_options o = {0};
    solve_stats st;
    roster *full = roster_new(), *sparse = roster_new();
    assert_int_equal(solve_run(f->m, f->full, &o, full, &st, &d), 0);
    assert_int_equal(full->status, ROSTER_OPTIMAL);
    assert_int_equal(solve_run(f->m, f->sparse, &o, sparse, &st, &d), 0);
    assert_true(st.large);
    assert_int_equal(verify_roster(f->m, sparse, stderr), 0);
    assert_true(sparse->bound >= full->value - 1e-6);
    /* every pupil alone could have 2 visits (200): 1600 without prices.
    ** Five advocates with two weeks and A6 with one hold at most 1100:
    ** the coarse bound's prices on places find it (to within its steps) */
    assert_true(sparse->bound < 1200);
    assert_true(sparse->value <= full->value + 1e-6);
    /* six places for eight pupils: two are unmatched, each with left pairs */
    assert_int_equal(sparse->n_unmatched, 2);
    for (int i = 0; i < sparse->n_unmatched; i++)
        assert_non_null(strstr(sparse->unmatched[i].reasons[0], "the search tried 4 of its 6 usable advocates"));
    roster_free(full);
    roster_free(sparse);
    diag_clear(&d);
}

/* The coarse bound alone: above the best roster over every pair (1045,
** the full solve's optimum), below the candidate bound, and the same on
** one thread or two. Only the clock or the interrupt cut it short (the
** solve's status then says time_limit), not its own step count. */
static void test_coarse_bound(void **state) {
    fixture *f = *state;
    int s1 = -1, s2 = -1, s3 = -1, s4 = -1;
    bool cut1 = false, cut3 = false, cut4 = false;
    coarse_options one = {1045, 0, NULL, 500, 1, &s1, &cut1}, two = {1045, 0, NULL, 500, 2, &s2, NULL};
    double b1 = coarse_bound(f->m, f->sparse, &one), b2 = coarse_bound(f->m, f->sparse, &two);
    assert_true(b1 >= 1045 - 1e-6);
    assert_true(b1 < 1200);
    assert_true(b1 == b2);
    assert_int_equal(s1, s2);
    assert_true(s1 > 3 && s1 <= 500);
    assert_false(cut1);
    /* a few steps only: still a bound, and no lower */
    coarse_options short_run = {1045, 0, NULL, 3, 1, &s3, &cut3};
    assert_true(coarse_bound(f->m, f->sparse, &short_run) >= b1);
    assert_int_equal(s3, 3);
    assert_false(cut3);
    /* interrupted after its first price: a bound still, and cut short */
    volatile sig_atomic_t raised = 1;
    coarse_options stopped = {1045, 0, &raised, 500, 1, &s4, &cut4};
    assert_true(coarse_bound(f->m, f->sparse, &stopped) >= b1);
    assert_int_equal(s4, 0);
    assert_true(cut4);
}

/* `roster explain` on a sparse prep: every usable advocate gets a line, the
** left ones saying the search never tried them (it failed on them before:
** no line was written, which explain took for running out of memory). */
static void test_explain_left_pairs(void **state) {
    fixture *f = *state;
    explain_result e;
    assert_int_equal(explain_pupil(f->m, f->sparse, NULL, 0, &e), 0);
    int usable = 0, not_searched = 0;
    for (int i = 0; i < e.n_lines; i++) {
        usable += e.lines[i].usable;
        not_searched += strstr(e.lines[i].text, "not searched") != NULL;
    }
    assert_int_equal(usable, 6);
    assert_int_equal(not_searched, 6 - PREP_SPARSE_MIN_PAIRS);
    explain_free(&e);
}

/* The sessions' part of a sparse programme's bound is A's session program,
** which every occurrence still reaches (a sparse prep keeps them all), not
** the plain count: two sessions of priority 5 (500 each) share C1, who
** gives one a week. The count says 2000 over the two weeks, the program
** 1000; the roster gives 1000 (the full solve's optimum 1045 + 1000). */
static void test_sparse_sessions_bound(void **state) {
    (void)state;
    char *text = malloc(strlen(programme) + 1024);
    assert_non_null(text);
    strcpy(text, programme);
    strcat(text, "community_teachers:\n"
                 "  - {id: C1, skills: {art: 3}, max_sessions_per_week: 1, available: [{days: mon, start: \"07:00\", "
                 "end: \"10:00\"}], dbs: {cleared: 2026-01-01, expires: 2029-01-01}}\n"
                 "sessions:\n"
                 "  - {id: S1, school: s1, subject: art, minutes: 60, per_week: 1, priority: 5, "
                 "when: [{days: mon, start: \"07:30\", end: \"09:00\"}]}\n"
                 "  - {id: S2, school: s1, subject: art, minutes: 60, per_week: 1, priority: 5, "
                 "when: [{days: mon, start: \"07:30\", end: \"09:00\"}]}\n");
    model_programme *m = testutil_load(text);
    assert_non_null(m);
    prep_status ps = PREP_NO_MEMORY;
    prep_sparse sp = {1, 1, NULL, NULL, 4};
    prep *full = prep_new(m), *sparse = prep_new_sparse(m, &sp, &ps);
    assert_non_null(full);
    assert_non_null(sparse);
    diag_list d;
    diag_init(&d);
    solve_options o = {0};
    solve_stats st;
    roster *rf = roster_new(), *rs = roster_new();
    assert_int_equal(solve_run(m, full, &o, rf, &st, &d), 0);
    assert_int_equal(rf->status, ROSTER_OPTIMAL);
    assert_true(fabs(rf->value - 2045) < 1e-6);
    assert_int_equal(solve_run(m, sparse, &o, rs, &st, &d), 0);
    assert_int_equal(verify_roster(m, rs, stderr), 0);
    assert_true(rs->bound >= rf->value - 1e-6);
    assert_true(rs->bound < 1200 + 1000); /* the count would give at least 1045 + 2000 */
    roster_free(rf);
    roster_free(rs);
    diag_clear(&d);
    prep_free(full);
    prep_free(sparse);
    model_free(m);
    free(text);
}

/* text with its one occurrence of from replaced by to (a new string). */
static char *replaced(const char *text, const char *from, const char *to) {
    const char *at = strstr(text, from);
    assert_non_null(at);
    char *out = malloc(strlen(text) - strlen(from) + strlen(to) + 1);
    assert_non_null(out);
    size_t head = (size_t)(at - text);
    memcpy(out, text, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    return out;
}

/* A rank in which priority counts: a pupil's dates times its priority. */
static double rank_by_priority(const model_programme *m, int pupil, int adv, const unsigned char *dates, int n_weeks,
                               void *unused) {
    (void)adv, (void)unused;
    double sum = 0;
    for (int w = 0; w < n_weeks; w++) sum += dates[w];
    return sum * m->pupils[pupil].priority;
}

/* An advocate marks the pupils marked least so far first: P1 and P2 (priority
** 5) rank first for every advocate, and marking by rank alone gave them
** every mark, so A6, everyone's last choice, kept P1 or P2, whom the others
** take (on the county 86 students kept only such pupils and stayed idle).
** With one mark each (spread 1), A1..A6 mark P1..P6 in turn, and A6 keeps P6. */
static void test_marks_go_to_the_least_marked(void **state) {
    (void)state;
    char *p1 = replaced(programme, "{id: P1, school: s1}", "{id: P1, school: s1, priority: 5}");
    char *text = replaced(p1, "{id: P2, school: s1}", "{id: P2, school: s1, priority: 5}");
    free(p1);
    model_programme *m = testutil_load(text);
    assert_non_null(m);
    prep_status ps = PREP_NO_MEMORY;
    prep_sparse sp = {1, 1, rank_by_priority, NULL, 1};
    prep *p = prep_new_sparse(m, &sp, &ps);
    assert_non_null(p);
    int a6 = m->n_advocates - 1, kept = 0, pupil = -1;
    for (int i = 0; i < prep_n_pairs(p); i++)
        if (prep_pairs(p)[i].advocate == a6) kept++, pupil = prep_pairs(p)[i].pupil;
    assert_int_equal(m->pupils[0].priority, 5);
    assert_int_equal(kept, 1);
    assert_string_equal(m->pupils[pupil].id, "P6");
    prep_free(p);
    model_free(m);
    free(text);
}

/* Re-rostering and --write-lp need every candidate: refused, with a reason. */
static void test_exact_program_refused(void **state) {
    fixture *f = *state;
    diag_list d;
    diag_init(&d);
    solve_options o = {0};
    o.write_lp = "/dev/null";
    solve_stats st;
    roster *r = roster_new();
    assert_int_equal(solve_run(f->m, f->sparse, &o, r, &st, &d), -1);
    assert_true(d.kept > 0);
    assert_non_null(strstr(d.entries[0].message, "--write-lp needs every candidate visit"));
    roster_free(r);
    diag_clear(&d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kept_and_left_are_every_pair),
        cmocka_unit_test(test_every_advocate_keeps_pupils),
        cmocka_unit_test(test_day_union),
        cmocka_unit_test(test_sparse_solve_is_honest),
        cmocka_unit_test(test_coarse_bound),
        cmocka_unit_test(test_explain_left_pairs),
        cmocka_unit_test(test_exact_program_refused),
        cmocka_unit_test(test_sparse_sessions_bound),
        cmocka_unit_test(test_marks_go_to_the_least_marked),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
