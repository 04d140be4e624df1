/*
** test_advice.c: recruitment advice proposes the person the shortfall
** needs and reports what a real re-solve with that person delivered.
*/
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "model.h"
#include "prepare.h"
#include "roster.h"
#include "solve.h"

#define HEAD                                                                                          \
    "programme:\n  name: T\n  period: {from: 2026-09-07, to: 2026-09-20}\n"                           \
    "calendars:\n  - id: term\n    open: [{from: 2026-09-01, to: 2026-12-18}]\n"                     \
    "schools:\n"                                                                                      \
    "  - {id: s1, phase: primary, calendar: term, rooms: 3, windows: {core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}}}\n" \
    "  - {id: s2, phase: primary, calendar: term, rooms: 3, windows: {core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}}}\n"
#define DBS "dbs: {cleared: 2026-01-01, expires: 2029-01-01}"

typedef struct {
    const char *text;
    model_programme *m;
    prep *p;
    roster *r;
} solved;

static void solve_text(solved *x, const char *yaml) {
    memset(x, 0, sizeof *x);
    x->text = yaml;
    diag_list d;
    diag_init(&d);
    x->m = testutil_load(yaml);
    assert_non_null(x->m);
    x->p = prep_new(x->m);
    x->r = roster_new();
    solve_options o = {0};
    solve_stats st;
    assert_int_equal(solve_run(x->m, x->p, &o, x->r, &st, &d), 0);
    diag_clear(&d);
}

static void solved_free(solved *x) {
    roster_free(x->r);
    prep_free(x->p);
    model_free(x->m);
}

static void advise(const solved *x, advice_list *out) {
    diag_list d;
    diag_init(&d);
    const char *names[] = {"test.yaml"};
    const char *bufs[] = {x->text};
    int lens[] = {(int)strlen(x->text)};
    solve_options base = {.threads = 1};
    advice_options ao = {4, 5};
    int rc = advice_compute_buffers(x->m, names, bufs, lens, 1, x->r, &base, &ao, out, &d);
    if (rc || d.total) diag_print(&d, stderr);
    assert_int_equal(rc, 0);
    assert_int_equal(d.total, 0);
    diag_clear(&d);
}

/* Three pupils at s1 need an urdu speaker; the only advocate speaks
** english (and is free for a fourth pupil, who is matched). */
static void test_urdu_speaker(void **state) {
    (void)state;
    solved x;
    solve_text(&x, HEAD "pupils:\n"
                        "  - {id: P1, school: s1, requires: {languages: [urdu]}, unavailable: [{days: mon-thu, start: \"09:00\", end: \"15:00\"}]}\n"
                        "  - {id: P2, school: s1, requires: {languages: [urdu]}}\n"
                        "  - {id: P3, school: s1, requires: {languages: [urdu]}}\n"
                        "  - {id: P4, school: s2}\n"
                        "advocates:\n"
                        "  - {id: A1, kind: staff, languages: [english], available: [{days: mon-fri, start: \"09:00\", end: \"15:00\"}], " DBS "}\n");
    assert_int_equal(x.r->n_unmatched, 3);
    advice_list adv;
    advise(&x, &adv);
    assert_int_equal(adv.n_items, 1);
    const advice_item *it = &adv.items[0];
    assert_int_equal(it->kind, ADVICE_UNMATCHED);
    assert_int_equal(it->targets, 3);
    assert_non_null(strstr(it->yaml, "languages: [urdu]"));
    assert_non_null(strstr(it->yaml, "schools: [s1]"));
    /* P1 can only be seen on Fridays, so the hours must include Friday */
    assert_non_null(strstr(it->yaml, "fri"));
    /* from the re-solve: all three covered, and the programme's totals */
    assert_int_equal(it->covered, 3);
    assert_int_equal(it->n_covered_ids, 3);
    assert_int_equal(it->matched_after, 4);
    assert_non_null(strstr(it->outcome, "would cover 3 more pupils (P1, P2, P3)"));
    assert_non_null(strstr(it->evidence, "1 lack a required language"));
    advice_free(&adv);
    solved_free(&x);
}

/* A session nobody can teach: the advice is a teacher with the subject at
** min_level, and the re-solve fills both weeks. */
static void test_teacher_for_session(void **state) {
    (void)state;
    solved x;
    solve_text(&x, HEAD "community_teachers:\n"
                        "  - {id: T1, skills: {art: 3}, available: [{days: tue, start: \"09:00\", end: \"12:00\"}], " DBS "}\n"
                        "sessions:\n"
                        "  - {id: M1, school: s1, subject: maths, min_level: 2, minutes: 60, "
                        "when: [{days: wed, start: \"09:00\", end: \"11:00\"}]}\n");
    assert_int_equal(x.r->n_unfilled, 2);
    advice_list adv;
    advise(&x, &adv);
    assert_int_equal(adv.n_items, 1);
    const advice_item *it = &adv.items[0];
    assert_int_equal(it->kind, ADVICE_UNFILLED);
    assert_non_null(strstr(it->yaml, "skills: {maths: 2}"));
    assert_non_null(strstr(it->yaml, "venues: [s1]"));
    assert_int_equal(it->covered, 2);
    assert_int_equal(it->sessions_after, 2);
    assert_non_null(strstr(it->outcome, "fill 2 of the 2 unfilled weeks of M1"));
    advice_free(&adv);
    solved_free(&x);
}

/* Nothing short: no advice and no re-solve. */
static void test_nothing_short(void **state) {
    (void)state;
    solved x;
    solve_text(&x, HEAD "pupils:\n  - {id: P1, school: s1}\n"
                        "advocates:\n  - {id: A1, kind: staff, available: [{days: mon-fri, start: \"09:00\", end: \"15:00\"}], " DBS "}\n");
    advice_list adv;
    advise(&x, &adv);
    assert_int_equal(adv.n_items, 0);
    assert_int_equal(adv.n_groups, 0);
    advice_free(&adv);
    solved_free(&x);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urdu_speaker),
        cmocka_unit_test(test_teacher_for_session),
        cmocka_unit_test(test_nothing_short),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
