/*
** test_progress.c: the progress line's timing, content and quiet mode.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "progress.h"

static char *drain(FILE *f) {
    long n = ftell(f);
    rewind(f);
    char *s = calloc((size_t)n + 1, 1);
    if (s && n > 0 && fread(s, 1, (size_t)n, f) != (size_t)n) s[0] = '\0';
    return s;
}

static void test_silent_first_second_and_between_updates(void **state) {
    (void)state;
    FILE *f = tmpfile();
    progress p;
    progress_init(&p, f, false);
    progress_update(&p, 0.5, true, 10, 20);   /* under a second: nothing */
    progress_update(&p, 1.2, true, 10, 20);   /* shown */
    progress_update(&p, 1.9, true, 15, 20);   /* too soon: nothing */
    progress_update(&p, 2.3, true, 15, 16);   /* shown */
    progress_finish(&p);
    char *s = drain(f);
    assert_string_equal(s, "solving:     1.2 s  best 10  bound 20  gap 50.00%\n"
                           "solving:     2.3 s  best 15  bound 16  gap 6.25%\n");
    free(s);
    fclose(f);
}

/* progress_show is the last word: no once-a-second limit, still quiet
** under a second. */
static void test_show_ignores_the_rate_limit(void **state) {
    (void)state;
    FILE *f = tmpfile();
    progress p;
    progress_init(&p, f, false);
    progress_show(&p, 0.4, true, 10, 20);     /* under a second: nothing */
    progress_update(&p, 1.2, true, 10, 1.0 / 0.0);
    progress_show(&p, 1.3, true, 12, 20);     /* shown although 0.1 s later */
    progress_update(&p, 1.9, true, 15, 20);   /* too soon after the show: nothing */
    char *s = drain(f);
    assert_string_equal(s, "solving:     1.2 s  best 10  no bound yet\n"
                           "solving:     1.3 s  best 12  bound 20  gap 40.00%\n");
    free(s);
    fclose(f);
}

static void test_terminal_rewrites_one_line(void **state) {
    (void)state;
    FILE *f = tmpfile();
    progress p;
    progress_init(&p, f, true);
    progress_update(&p, 1.0, false, 0, 99);
    progress_update(&p, 2.0, true, 98, 99);
    progress_finish(&p);
    char *s = drain(f);
    assert_non_null(strstr(s, "\rsolving:     1.0 s  no roster yet  bound 99    "));
    assert_non_null(strstr(s, "\rsolving:     2.0 s  best 98  bound 99  gap 1.01%    \n"));
    assert_null(strchr(s, '\n') == s + strlen(s) - 1 ? NULL : strchr(s, '\n'));
    free(s);
    fclose(f);
}

static void test_unknown_bound_has_no_gap(void **state) {
    (void)state;
    FILE *f = tmpfile();
    progress p;
    progress_init(&p, f, false);
    progress_update(&p, 1.5, true, 67901, 1.0 / 0.0);
    char *s = drain(f);
    assert_string_equal(s, "solving:     1.5 s  best 67901  no bound yet\n");
    free(s);
    fclose(f);
}

static void test_disabled_writes_nothing(void **state) {
    (void)state;
    progress p;
    progress_init(&p, NULL, true);
    progress_update(&p, 5, true, 1, 2); /* must not touch a NULL stream */
    progress_finish(&p);
    assert_false(p.shown);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_silent_first_second_and_between_updates),
        cmocka_unit_test(test_show_ignores_the_rate_limit),
        cmocka_unit_test(test_terminal_rewrites_one_line),
        cmocka_unit_test(test_unknown_bound_has_no_gap),
        cmocka_unit_test(test_disabled_writes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
