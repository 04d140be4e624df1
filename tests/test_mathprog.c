/*
** test_mathprog.c: the data file for models/roster.mod (mathprog_write_dat
** and mathprog_write): dates as YYYYMMDD with weekday and week, windows
** expanded per weekday, the "none" sentinels, the travel matrix,
** and the owner-only file in a new directory.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "mathprog.h"
#include "model.h"

static const char *const INPUT =
    "programme:\n"
    "  name: T */ x\n"
    "  period: {from: 2026-09-06, to: 2026-09-08}\n"
    "  slot_minutes: 30\n"
    "  weights: {visit: 7.5}\n"
    "calendars:\n"
    "  - id: cal\n"
    "    open: [{from: 2026-09-01, to: 2026-12-18}]\n"
    "    closed: [{date: 2026-09-07}]\n"
    "places: [{id: hall}]\n"
    "travel: {default_minutes: 20, minutes: [[s1, hall, 5]]}\n"
    "schools:\n"
    "  - id: s1\n"
    "    phase: primary\n"
    "    calendar: cal\n"
    "    rooms: 2\n"
    "    windows:\n"
    "      core: {days: mon-tue, start: \"09:00\", end: \"12:00\"}\n"
    "advocates:\n"
    "  - id: A1\n"
    "    kind: staff\n"
    "    languages: [urdu, o.k]\n"
    "    available: [{days: [tue], start: \"09:00\", end: \"10:00\"}]\n"
    "  - id: A2\n"
    "    kind: staff\n"
    "    available: [{days: [mon], start: \"09:00\", end: \"10:00\"}]\n"
    "    dbs: {cleared: 2025-01-01, expires: 2027-03-04}\n"
    "pupils:\n"
    "  - {id: P1, school: s1, prefers: [A2, A1], visits: {per_week: 2, minutes: 30}}\n";

static model_programme *load_input(void) {
    const char *names[] = {"t.yaml"};
    const char *texts[] = {INPUT};
    int lens[] = {(int)strlen(INPUT)};
    diag_list d;
    diag_init(&d);
    model_programme *m = model_load_buffers(names, texts, lens, 1, &d);
    if (!m) diag_print(&d, stderr);
    diag_clear(&d);
    return m;
}

static char *write_to_string(const model_programme *m) {
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    assert_int_equal(mathprog_write_dat(m, out), 0);
    fclose(out);
    return buf;
}

static void assert_contains(const char *text, const char *needle) {
    if (!strstr(text, needle)) fail_msg("missing in the data file: %s", needle);
}

static void test_dates_and_grid(void **state) {
    (void)state;
    model_programme *m = load_input();
    assert_non_null(m);
    char *dat = write_to_string(m);
    assert_contains(dat, "set D := 20260906 20260907 20260908;");
    assert_contains(dat, "20260906 sun");
    assert_contains(dat, "20260908 tue");
    /* Sunday 6 September belongs to the week of Monday 31 August. */
    assert_contains(dat, "20260906 20260831");
    assert_contains(dat, "20260908 20260907");
    assert_contains(dat, "param slot_minutes := 30;");
    assert_contains(dat, "param w_visit := 7.5;");
    assert_contains(dat, "param w_moved := 10;");
    assert_contains(dat, "set CAL_CLOSED['cal'] := (20260907, 20260907);");
    free(dat);
    model_free(m);
}

static void test_people_and_places(void **state) {
    (void)state;
    model_programme *m = load_input();
    assert_non_null(m);
    char *dat = write_to_string(m);
    /* Windows: one row per weekday, times in minutes. */
    assert_contains(dat, "('core', mon, 540, 720)");
    assert_contains(dat, "('core', tue, 540, 720)");
    assert_contains(dat, "set AVAILABLE['A1'] := (tue, 540, 600);");
    /* No DBS recorded: a cleared date after every date, so never valid. */
    assert_contains(dat, "'A1' 99999999");
    assert_contains(dat, "'A2' 20250101");
    assert_contains(dat, "'A2' 20270304");
    assert_contains(dat, "set SPEAKS['A1'] := 'urdu' 'o.k';");
    /* The free-text programme name cannot close the comment it sits in. */
    assert_contains(dat, "/* programme: T / x */\n");
    /* Travel: listed pair both ways, default elsewhere, 0 to itself. */
    assert_contains(dat, "'s1' 'hall' 5");
    assert_contains(dat, "'hall' 's1' 5");
    assert_contains(dat, "'s1' 's1' 0");
    assert_contains(dat, "'s1' 2");                     /* rooms */
    assert_contains(dat, "'P1' 'A2' 1");                /* first choice */
    assert_contains(dat, "'P1' 'A1' 2");
    assert_contains(dat, "param moves_school :=\n  'P1' '';");
    free(dat);
    model_free(m);
}

static void test_write_file(void **state) {
    (void)state;
    model_programme *m = load_input();
    assert_non_null(m);
    char dir[] = "/tmp/test_mathprog_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[64], path[96];
    snprintf(sub, sizeof sub, "%s/out", dir);
    snprintf(path, sizeof path, "%s/roster.dat", sub);
    diag_list d;
    diag_init(&d);
    assert_int_equal(mathprog_write(m, sub, &d), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_true(st.st_size > 100);
    /* A directory that cannot be made is an error with a message, not a crash. */
    char blocked[96];
    snprintf(blocked, sizeof blocked, "%s/roster.dat/x", sub);
    assert_int_equal(mathprog_write(m, blocked, &d), -1);
    assert_true(diag_count(&d) > 0);
    diag_clear(&d);
    unlink(path);
    rmdir(sub);
    rmdir(dir);
    model_free(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates_and_grid),
        cmocka_unit_test(test_people_and_places),
        cmocka_unit_test(test_write_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
