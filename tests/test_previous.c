/*
** test_previous.c: re-rostering pieces that the end-to-end scenarios
** (tests/e2e/reroster.sh) do not isolate: the lenient reader drops and
** lists entries naming people who left, `changes:` round-trips through the
** writer and the reader, and the disruption terms of Q are the same in the
** solver's plan (prev_objective) and the verifier (verify_objective_previous).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "cal.h"
#include "model.h"
#include "previous.h"
#include "roster.h"
#include "solve.h"
#include "verify.h"

static const char programme_yaml[] =
    "programme:\n"
    "  name: Previous fixture\n"
    "  period: {from: 2026-09-07, to: 2026-09-20}\n"
    "  weights: {reassign: 200, repattern: 20, continuity: 50}\n"
    "calendars:\n"
    "  - id: c\n"
    "    open: [{from: 2026-09-01, to: 2026-12-18}]\n"
    "schools:\n"
    "  - id: north\n"
    "    phase: primary\n"
    "    calendar: c\n"
    "    windows:\n"
    "      core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}\n"
    "pupils:\n"
    "  - {id: P1, school: north}\n"
    "  - {id: P2, school: north}\n"
    "advocates:\n"
    "  - id: A1\n"
    "    kind: staff\n"
    "    available: [{days: mon-fri, start: \"08:00\", end: \"17:00\"}]\n"
    "    dbs: {cleared: 2026-09-01, expires: 2029-08-31}\n"
    "  - id: A2\n"
    "    kind: staff\n"
    "    available: [{days: mon-fri, start: \"08:00\", end: \"17:00\"}]\n"
    "    dbs: {cleared: 2026-09-01, expires: 2029-08-31}\n";

/* P1 with A1 (still here), P2 with A9 (gone), P9 (gone) with A1. */
static const char old_yaml[] =
    "format: roster/1\n"
    "status: optimal\n"
    "objective: {value: 0, bound: 0}\n"
    "assignments:\n"
    "  - {pupil: P1, advocate: A1}\n"
    "  - {pupil: P2, advocate: A9}\n"
    "  - {pupil: P9, advocate: A1}\n"
    "pattern:\n"
    "  - {pupil: P1, day: tue, start: \"10:00\"}\n"
    "  - {pupil: P9, day: wed, start: \"10:00\"}\n"
    "visits:\n"
    "  - {date: 2026-09-08, start: \"10:00\", end: \"11:00\", pupil: P1, advocate: A1, school: north}\n"
    "  - {date: 2026-09-08, start: \"12:00\", end: \"13:00\", pupil: P2, advocate: A9, school: north}\n"
    "unmatched: []\n"
    "missed: []\n"
    "unfilled: []\n"
    "changes:\n"
    "  - {what: advocate, pupil: P0, from: null, to: A1, reason: \"P0 is new in the input\"}\n";

typedef struct {
    model_programme *m;
    char path[64];
    diag_list d;
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    diag_init(&f->d);
    const char *names[] = {"programme.yaml"};
    const char *bufs[] = {programme_yaml};
    int lens[] = {(int)strlen(programme_yaml)};
    f->m = model_load_buffers(names, bufs, lens, 1, &f->d);
    if (!f->m) {
        diag_print(&f->d, stderr);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "/tmp/test_previous_XXXXXX");
    int fd = mkstemp(f->path);
    if (fd < 0) return -1;
    close(fd);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    unlink(f->path);
    diag_clear(&f->d);
    model_free(f->m);
    free(f);
    return 0;
}

static void put(fixture *f, const char *text) {
    FILE *out = fopen(f->path, "w");
    assert_non_null(out);
    fputs(text, out);
    fclose(out);
    diag_clear(&f->d);
}

static void test_strict_reader_refuses_gone_ids(void **state) {
    fixture *f = *state;
    put(f, old_yaml);
    assert_null(roster_read_yaml(f->m, f->path, &f->d));
    assert_true(diag_count(&f->d) >= 3); /* A9 twice, P9 once */
}

static void test_lenient_reader_drops_and_lists(void **state) {
    fixture *f = *state;
    put(f, old_yaml);
    roster *r = roster_read_yaml_lenient(f->m, f->path, &f->d);
    if (!r) diag_print(&f->d, stderr);
    assert_non_null(r);
    assert_int_equal(r->n_assignments, 1);
    assert_int_equal(r->assignments[0].pupil, model_find_pupil(f->m, "P1"));
    assert_int_equal(r->n_pattern, 1);
    assert_int_equal(r->n_visits, 1);
    assert_int_equal(r->n_dropped, 4); /* two assignments, one pattern entry, one visit */
    int gone_a9 = 0, gone_p9 = 0;
    for (int i = 0; i < r->n_dropped; i++) {
        gone_a9 += strcmp(r->dropped[i].missing, "A9") == 0;
        gone_p9 += strcmp(r->dropped[i].missing, "P9") == 0;
    }
    assert_int_equal(gone_a9, 2);
    assert_int_equal(gone_p9, 2);
    assert_true(r->has_changes);
    assert_int_equal(r->n_changes, 1);
    assert_null(r->changes[0].from);
    assert_string_equal(r->changes[0].to, "A1");
    roster_free(r);
}

static void test_changes_round_trip(void **state) {
    fixture *f = *state;
    roster *r = roster_new();
    assert_non_null(r);
    roster_change ch[] = {{"advocate", "P1", NULL, "A1", NULL, "A1 on leave from 2026-09-14"},
                          {"pattern", "P1", NULL, "tue 10:00", "wed 13:00", "north closed every tue from 2026-09-14"},
                          {"teacher", NULL, "ART", "C1", "C2", "C1 no longer in the input"}};
    r->changes = ch;
    r->n_changes = 3;
    r->has_changes = true;
    assert_int_equal(roster_write_yaml(r, f->m, f->path, &f->d), 0);
    r->changes = NULL;
    roster_free(r);
    roster *back = roster_read_yaml(f->m, f->path, &f->d);
    if (!back) diag_print(&f->d, stderr);
    assert_non_null(back);
    assert_int_equal(back->n_changes, 3);
    for (int i = 0; i < 3; i++) {
        assert_string_equal(back->changes[i].what, ch[i].what);
        assert_string_equal(back->changes[i].reason, ch[i].reason);
        if (ch[i].to) assert_string_equal(back->changes[i].to, ch[i].to);
        else assert_null(back->changes[i].to);
    }
    assert_string_equal(back->changes[1].from, "tue 10:00");
    assert_string_equal(back->changes[2].session, "ART");
    assert_null(back->changes[2].pupil);
    roster_free(back);
}

/* The new roster: P1 moves to A2 with a new pattern (wed 10:00), P2 with A1. */
static roster *new_roster(const model_programme *m) {
    roster *r = roster_new();
    int p1 = model_find_pupil(m, "P1"), p2 = model_find_pupil(m, "P2");
    int a1 = model_find_advocate(m, "A1"), a2 = model_find_advocate(m, "A2");
    r->assignments = arena_array(r->arena, 2, sizeof *r->assignments);
    r->assignments[0] = (roster_assignment){p1, a2};
    r->assignments[1] = (roster_assignment){p2, a1};
    r->n_assignments = 2;
    r->pattern = arena_array(r->arena, 2, sizeof *r->pattern);
    r->pattern[0] = (roster_pattern_entry){p1, 2, 600};
    r->pattern[1] = (roster_pattern_entry){p2, 0, 600};
    r->n_pattern = 2;
    return r;
}

static void test_disruption_terms_agree(void **state) {
    fixture *f = *state;
    put(f, old_yaml);
    roster *old = roster_read_yaml_lenient(f->m, f->path, &f->d);
    assert_non_null(old);
    roster *r = new_roster(f->m);
    double plain = verify_objective(f->m, r);
    int from = cal_from_ymd(2026, 9, 14);
    /* mid-term: P1 leaves A1 (-200), P2's advocate A9 left (-200), P1's tue 10:00 is gone (-20) */
    double mid = verify_objective_previous(f->m, r, old, true, from);
    assert_true(fabs(mid - (plain - 420)) < 1e-9);
    prev_plan *pv = prev_new(f->m, old, true, from);
    assert_non_null(pv);
    assert_true(prev_mid_term(pv));
    assert_true(fabs(prev_objective(pv, r) - mid) < 1e-9);
    prev_free(pv);
    /* across terms: no reassign; P1 did not keep A1 (no continuity); repattern -20 */
    double across = verify_objective_previous(f->m, r, old, false, 0);
    assert_true(fabs(across - (plain - 20)) < 1e-9);
    pv = prev_new(f->m, old, false, 0);
    assert_false(prev_mid_term(pv));
    assert_true(fabs(prev_objective(pv, r) - across) < 1e-9);
    prev_free(pv);
    /* across terms, P1 kept by A1: continuity +50 and no repattern */
    r->assignments[0].advocate = model_find_advocate(f->m, "A1");
    r->pattern[0].weekday = 1;
    pv = prev_new(f->m, old, false, 0);
    assert_true(fabs(prev_objective(pv, r) - (verify_objective(f->m, r) + 50)) < 1e-9);
    assert_true(fabs(verify_objective_previous(f->m, r, old, false, 0) - prev_objective(pv, r)) < 1e-9);
    prev_free(pv);
    roster_free(r);
    roster_free(old);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_strict_reader_refuses_gone_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lenient_reader_drops_and_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changes_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disruption_terms_agree, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
