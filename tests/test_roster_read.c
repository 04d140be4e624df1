/*
** test_roster_read.c: roster_read_yaml reads a well-formed roster.yaml into
** indices and refuses malformed ones with FILE:LINE:COL errors (unknown ids,
** bad dates and times, unknown keys, wrong types, missing fields).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "cal.h"
#include "model.h"
#include "roster.h"

static const char programme_yaml[] =
    "programme:\n"
    "  name: Reader fixture\n"
    "  period: {from: 2026-09-07, to: 2026-09-20}\n"
    "calendars:\n"
    "  - id: c\n"
    "    open: [{from: 2026-09-01, to: 2026-12-18}]\n"
    "places: [{id: library}]\n"
    "schools:\n"
    "  - id: north\n"
    "    phase: primary\n"
    "    calendar: c\n"
    "    windows:\n"
    "      core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}\n"
    "pupils:\n"
    "  - id: P1\n"
    "    school: north\n"
    "advocates:\n"
    "  - id: A1\n"
    "    kind: staff\n"
    "    available: [{days: mon-fri, start: \"08:00\", end: \"17:00\"}]\n"
    "    dbs: {cleared: 2026-09-01, expires: 2029-08-31}\n"
    "community_teachers:\n"
    "  - id: C1\n"
    "    skills: {art: 3}\n"
    "    available: [{days: [tue], start: \"07:00\", end: \"13:00\"}]\n"
    "    dbs: {cleared: 2026-09-01, expires: 2029-08-31}\n"
    "sessions:\n"
    "  - id: ART\n"
    "    school: north\n"
    "    subject: art\n"
    "    min_level: 1\n"
    "    minutes: 60\n"
    "    when: [{days: [tue], start: \"07:00\", end: \"09:00\"}]\n";

static const char good_yaml[] =
    "format: roster/1\n"
    "status: time_limit\n"
    "objective: {value: 145.5, bound: .inf}\n"
    "assignments:\n"
    "  - {pupil: P1, advocate: A1}\n"
    "pattern:\n"
    "  - {pupil: P1, day: tue, start: \"10:00\"}\n"
    "visits:\n"
    "  - {date: 2026-09-08, start: \"10:00\", end: \"11:00\", pupil: P1, advocate: A1, school: north}\n"
    "sessions:\n"
    "  - {date: 2026-09-08, start: \"07:00\", end: \"08:00\", session: ART, teacher: C1, place: north}\n"
    "unmatched: []\n"
    "missed:\n"
    "  - {pupil: P1, week: 2026-09-14, reason: \"school closed: half term\"}\n"
    "unfilled:\n"
    "  - {session: ART, week: 2026-09-14, reason: no teacher}\n";

/* The head every malformed case shares: lines 1-3. */
#define HEAD "format: roster/1\nstatus: feasible\nobjective: {value: 0, bound: 0}\n"

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
    diag_clear(&f->d);
    snprintf(f->path, sizeof f->path, "/tmp/test_roster_read_XXXXXX");
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

static roster *read_text(fixture *f, const char *text) {
    FILE *out = fopen(f->path, "w");
    assert_non_null(out);
    fputs(text, out);
    fclose(out);
    diag_clear(&f->d);
    return roster_read_yaml(f->m, f->path, &f->d);
}

/* The roster is refused and some error sits at line:col mentioning words. */
static void expect_error(fixture *f, const char *text, int line, int col, const char *words) {
    roster *r = read_text(f, text);
    assert_null(r);
    assert_true(diag_count(&f->d) >= 1);
    for (int i = 0; i < f->d.kept; i++) {
        const diag_entry *e = &f->d.entries[i];
        if (e->pos.line == line && e->pos.col == col && strstr(e->message, words)) {
            assert_string_equal(e->pos.file, f->path);
            return;
        }
    }
    diag_print(&f->d, stderr);
    fail_msg("no error at %d:%d mentioning '%s'", line, col, words);
}

static void test_reads_every_section(void **state) {
    fixture *f = *state;
    roster *r = read_text(f, good_yaml);
    if (!r) diag_print(&f->d, stderr);
    assert_non_null(r);
    assert_int_equal(r->status, ROSTER_TIME_LIMIT);
    assert_true(r->value == 145.5);
    assert_true(r->bound > 1e300);
    assert_int_equal(r->n_assignments, 1);
    assert_int_equal(r->assignments[0].advocate, model_find_advocate(f->m, "A1"));
    assert_int_equal(r->n_pattern, 1);
    assert_int_equal(r->pattern[0].weekday, 1);
    assert_int_equal(r->pattern[0].start, 600);
    assert_int_equal(r->n_visits, 1);
    assert_int_equal(r->visits[0].date, cal_from_ymd(2026, 9, 8));
    assert_int_equal(r->visits[0].end, 660);
    assert_int_equal(r->visits[0].school, model_find_school(f->m, "north"));
    assert_int_equal(r->n_sessions, 1);
    assert_int_equal(r->sessions[0].teacher, model_find_teacher(f->m, "C1"));
    assert_int_equal(r->sessions[0].place, model_find_place(f->m, "north"));
    assert_int_equal(r->n_unmatched, 0);
    assert_int_equal(r->n_missed, 1);
    assert_int_equal(r->missed[0].week, cal_from_ymd(2026, 9, 14));
    assert_string_equal(r->missed[0].reason, "school closed: half term");
    assert_int_equal(r->n_unfilled, 1);
    assert_string_equal(r->unfilled[0].reason, "no teacher");
    roster_free(r);
}

static void test_unmatched_reasons(void **state) {
    fixture *f = *state;
    roster *r = read_text(f, HEAD "unmatched:\n  - {pupil: P1, reasons: [\"no advocate speaks urdu\", far]}\n");
    assert_non_null(r);
    assert_int_equal(r->n_unmatched, 1);
    assert_int_equal(r->unmatched[0].n_reasons, 2);
    assert_string_equal(r->unmatched[0].reasons[0], "no advocate speaks urdu");
    assert_string_equal(r->unmatched[0].reasons[1], "far");
    roster_free(r);
}

static void test_unknown_pupil(void **state) {
    expect_error(*state, HEAD "assignments:\n  - {pupil: P9, advocate: A1}\n", 5, 13, "unknown pupil 'P9'");
}

static void test_unknown_advocate_in_visit(void **state) {
    expect_error(*state,
                 HEAD "visits:\n"
                      "  - date: 2026-09-08\n"
                      "    start: \"10:00\"\n"
                      "    end: \"11:00\"\n"
                      "    pupil: P1\n"
                      "    advocate: C1\n"
                      "    school: north\n",
                 9, 15, "unknown advocate 'C1'");
}

static void test_unknown_teacher_and_place(void **state) {
    const char *text = HEAD "sessions:\n"
                            "  - {date: 2026-09-08, start: \"07:00\", end: \"08:00\", session: ART, teacher: A1, place: nowhere}\n";
    expect_error(*state, text, 5, 77, "unknown community teacher 'A1'");
    expect_error(*state, text, 5, 88, "unknown place 'nowhere'");
}

static void test_bad_date(void **state) {
    expect_error(*state,
                 HEAD "visits:\n  - {date: 2026-02-30, start: \"10:00\", end: \"11:00\", pupil: P1, advocate: A1, school: north}\n",
                 5, 12, "'2026-02-30' is not a date");
}

static void test_bad_time(void **state) {
    expect_error(*state, HEAD "pattern:\n  - {pupil: P1, day: tue, start: \"25:00\"}\n", 5, 34, "'25:00' is not a time");
}

static void test_bad_day(void **state) {
    expect_error(*state, HEAD "pattern:\n  - {pupil: P1, day: tuesday, start: \"10:00\"}\n", 5, 22, "'tuesday' is not a day");
}

static void test_end_before_start(void **state) {
    expect_error(*state,
                 HEAD "visits:\n  - {date: 2026-09-08, start: \"10:00\", end: \"09:00\", pupil: P1, advocate: A1, school: north}\n",
                 5, 45, "is not after start");
}

static void test_unknown_key_in_entry(void **state) {
    expect_error(*state, HEAD "assignments:\n  - {pupil: P1, advocate: A1, room: 3}\n", 5, 31, "unknown key 'room'");
}

static void test_unknown_top_level_key(void **state) {
    expect_error(*state, HEAD "summary: nice\n", 4, 1, "unknown key 'summary'");
}

static void test_missing_field(void **state) {
    expect_error(*state, HEAD "assignments:\n  - {pupil: P1}\n", 5, 5, "missing 'advocate'");
}

static void test_missing_status(void **state) {
    expect_error(*state, "format: roster/1\nobjective: {value: 0, bound: 0}\n", 1, 1, "missing 'status'");
}

static void test_wrong_format(void **state) {
    expect_error(*state, "format: roster/2\nstatus: feasible\nobjective: {value: 0, bound: 0}\n", 1, 9,
                 "unsupported format");
}

static void test_unknown_status(void **state) {
    expect_error(*state, "format: roster/1\nstatus: great\nobjective: {value: 0, bound: 0}\n", 2, 9,
                 "unknown status 'great'");
}

static void test_bad_number(void **state) {
    expect_error(*state, "format: roster/1\nstatus: feasible\nobjective: {value: lots, bound: 0}\n", 3, 20,
                 "'lots' is not a number");
}

static void test_value_may_not_be_infinite(void **state) {
    expect_error(*state, "format: roster/1\nstatus: feasible\nobjective: {value: .inf, bound: .inf}\n", 3, 20,
                 "is not a number");
}

static void test_list_of_wrong_type(void **state) {
    expect_error(*state, HEAD "visits: {date: 2026-09-08}\n", 4, 9, "'visits' must be a list");
}

static void test_entry_of_wrong_type(void **state) {
    expect_error(*state, HEAD "visits:\n  - just a visit\n", 5, 5, "must be a mapping");
}

static void test_scalar_id_expected(void **state) {
    expect_error(*state, HEAD "assignments:\n  - {pupil: [P1], advocate: A1}\n", 5, 13, "must be a single value");
}

static void test_week_not_monday(void **state) {
    expect_error(*state, HEAD "missed:\n  - {pupil: P1, week: 2026-09-15, reason: x}\n", 5, 23, "not a Monday");
}

static void test_yaml_syntax_error(void **state) {
    fixture *f = *state;
    assert_null(read_text(f, HEAD "visits: [\n"));
    assert_true(diag_count(&f->d) >= 1);
    assert_string_equal(f->d.entries[0].pos.file, f->path);
    assert_true(f->d.entries[0].pos.line >= 4);
}

static void test_missing_file(void **state) {
    fixture *f = *state;
    diag_clear(&f->d);
    assert_null(roster_read_yaml(f->m, "/nonexistent/roster.yaml", &f->d));
    assert_int_equal(diag_count(&f->d), 1);
    assert_string_equal(f->d.entries[0].pos.file, "/nonexistent/roster.yaml");
}

static void test_every_error_reported(void **state) {
    fixture *f = *state;
    assert_null(read_text(f, HEAD "assignments:\n  - {pupil: P8, advocate: A8}\n  - {pupil: P9, advocate: A1}\n"));
    assert_int_equal(diag_count(&f->d), 3);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_every_section),
        cmocka_unit_test(test_unmatched_reasons),
        cmocka_unit_test(test_unknown_pupil),
        cmocka_unit_test(test_unknown_advocate_in_visit),
        cmocka_unit_test(test_unknown_teacher_and_place),
        cmocka_unit_test(test_bad_date),
        cmocka_unit_test(test_bad_time),
        cmocka_unit_test(test_bad_day),
        cmocka_unit_test(test_end_before_start),
        cmocka_unit_test(test_unknown_key_in_entry),
        cmocka_unit_test(test_unknown_top_level_key),
        cmocka_unit_test(test_missing_field),
        cmocka_unit_test(test_missing_status),
        cmocka_unit_test(test_wrong_format),
        cmocka_unit_test(test_unknown_status),
        cmocka_unit_test(test_bad_number),
        cmocka_unit_test(test_value_may_not_be_infinite),
        cmocka_unit_test(test_list_of_wrong_type),
        cmocka_unit_test(test_entry_of_wrong_type),
        cmocka_unit_test(test_scalar_id_expected),
        cmocka_unit_test(test_week_not_monday),
        cmocka_unit_test(test_yaml_syntax_error),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_every_error_reported),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
