/*
** test_cal.c: calendar arithmetic (cal.h): civil dates and weekdays, strict
** date/time/day parsing, day ranges, windows, calendars and school closures.
*/
#include <string.h>

#include "testutil.h"

#include "cal.h"

static void test_dates_and_weekdays(void **state) {
    (void)state;
    assert_int_equal(cal_from_ymd(1970, 1, 1), 0);
    assert_int_equal(cal_weekday(0), 3); /* a Thursday */
    int d;
    assert_true(cal_parse_date("2026-09-07", &d));
    assert_int_equal(cal_weekday(d), 0); /* Monday */
    assert_int_equal(cal_week_start(d), d);
    assert_int_equal(cal_week_start(d + 6), d);
    assert_int_equal(cal_week_start(d + 7), d + 7);
    assert_int_equal(cal_weekday(cal_from_ymd(1900, 1, 1)), 0);   /* Monday, before the epoch */
    assert_int_equal(cal_week_start(cal_from_ymd(1969, 12, 31)), cal_from_ymd(1969, 12, 29));
    int y, m, dd;
    cal_to_ymd(cal_from_ymd(2028, 2, 29), &y, &m, &dd);
    assert_true(y == 2028 && m == 2 && dd == 29);
    cal_to_ymd(cal_from_ymd(1969, 12, 31), &y, &m, &dd);
    assert_true(y == 1969 && m == 12 && dd == 31);
    assert_int_equal(cal_from_ymd(2027, 1, 1) - cal_from_ymd(2026, 1, 1), 365);
    assert_int_equal(cal_from_ymd(2029, 1, 1) - cal_from_ymd(2028, 1, 1), 366);
    char buf[11];
    cal_format_date(cal_from_ymd(2026, 3, 4), buf);
    assert_string_equal(buf, "2026-03-04");
}

static void test_parse_date_strict(void **state) {
    (void)state;
    int d;
    assert_true(cal_parse_date("2028-02-29", &d)); /* leap */
    assert_true(cal_parse_date("2000-02-29", &d)); /* divisible by 400 */
    assert_false(cal_parse_date("1900-02-29", &d)); /* divisible by 100 */
    assert_false(cal_parse_date("2027-02-29", &d));
    assert_false(cal_parse_date("2026-02-30", &d));
    assert_false(cal_parse_date("2026-04-31", &d));
    assert_true(cal_parse_date("2026-12-31", &d));
    assert_false(cal_parse_date("2026-13-01", &d));
    assert_false(cal_parse_date("2026-00-10", &d));
    assert_false(cal_parse_date("2026-01-00", &d));
    assert_false(cal_parse_date("2026-9-07", &d));
    assert_false(cal_parse_date("2026-09-07x", &d));
    assert_false(cal_parse_date("2026/09/07", &d));
    assert_false(cal_parse_date("", &d));
    assert_false(cal_parse_date("+026-09-07", &d));
}

static void test_parse_time(void **state) {
    (void)state;
    int t;
    assert_true(cal_parse_time("00:00", &t));
    assert_int_equal(t, 0);
    assert_true(cal_parse_time("24:00", &t));
    assert_int_equal(t, 1440);
    assert_true(cal_parse_time("08:45", &t));
    assert_int_equal(t, 525);
    assert_true(cal_parse_time("23:59", &t));
    assert_false(cal_parse_time("24:15", &t));
    assert_false(cal_parse_time("24:01", &t));
    assert_false(cal_parse_time("25:00", &t));
    assert_false(cal_parse_time("12:60", &t));
    assert_false(cal_parse_time("8:45", &t));
    assert_false(cal_parse_time("08:45:00", &t));
    assert_false(cal_parse_time("08-45", &t));
    assert_false(cal_parse_time("-1:00", &t));
    assert_false(cal_parse_time("", &t));
    char buf[6];
    cal_format_time(525, buf);
    assert_string_equal(buf, "08:45");
    cal_format_time(1440, buf);
    assert_string_equal(buf, "24:00");
}

static void test_days(void **state) {
    (void)state;
    model_days s;
    assert_int_equal(cal_parse_day("mon"), 0);
    assert_int_equal(cal_parse_day("sun"), 6);
    assert_int_equal(cal_parse_day("Mon"), -1);
    assert_int_equal(cal_parse_day("monday"), -1);
    assert_true(cal_parse_day_range("mon-fri", &s));
    assert_int_equal(s, 0x1f);
    assert_true(cal_parse_day_range("fri-mon", &s)); /* wraps over the weekend */
    assert_int_equal(s, (1 << 4) | (1 << 5) | (1 << 6) | 1);
    assert_true(cal_parse_day_range("wed", &s));
    assert_int_equal(s, 1 << 2);
    assert_true(cal_parse_day_range("tue-tue", &s));
    assert_int_equal(s, 1 << 1);
    assert_true(cal_parse_day_range("sat-fri", &s));
    assert_int_equal(s, 0x7f);
    assert_false(cal_parse_day_range("mon-fry", &s));
    assert_false(cal_parse_day_range("mon--fri", &s));
    assert_false(cal_parse_day_range("mon fri", &s));
    assert_false(cal_parse_day_range("", &s));
    assert_string_equal(cal_day_name(3), "thu");
    assert_string_equal(cal_day_name(7), "?");
}

static void test_windows(void **state) {
    (void)state;
    model_window w[2] = {{.days = 0x1f, .start = 525, .end = 915}, {.days = 1 << 5, .start = 600, .end = 720}};
    model_window_list l = {w, 2};
    assert_true(cal_window_covers(&w[0], 0, 525, 915));   /* exactly the window */
    assert_true(cal_window_covers(&w[0], 4, 600, 645));
    assert_false(cal_window_covers(&w[0], 5, 600, 645));  /* Saturday */
    assert_false(cal_window_covers(&w[0], 0, 510, 570));  /* starts early */
    assert_false(cal_window_covers(&w[0], 0, 900, 930));  /* runs late */
    assert_true(cal_window_overlaps(&w[0], 0, 900, 930));
    assert_false(cal_window_overlaps(&w[0], 0, 915, 960)); /* half-open: touching is not overlapping */
    assert_false(cal_window_overlaps(&w[0], 0, 480, 525));
    assert_ptr_equal(cal_windows_covering(&l, 5, 600, 660), &w[1]);
    assert_null(cal_windows_covering(&l, 6, 600, 660));
    assert_ptr_equal(cal_windows_overlapping(&l, 2, 500, 530), &w[0]);
    assert_null(cal_windows_overlapping(&l, 5, 720, 780));
}

static void test_calendars_and_schools(void **state) {
    (void)state;
    int d0 = cal_from_ymd(2026, 9, 3), d1 = cal_from_ymd(2026, 12, 18);
    model_period open = {d0, d1, NULL, NULL};
    model_period closed[2] = {{cal_from_ymd(2026, 10, 26), cal_from_ymd(2026, 10, 30), "half term", NULL},
                              {cal_from_ymd(2026, 11, 27), cal_from_ymd(2026, 11, 27), NULL, NULL}};
    model_calendar cal = {"c", {&open, 1}, {closed, 2}, NULL};
    const char *why = NULL;
    assert_true(cal_calendar_open(&cal, d0, &why));
    assert_true(cal_calendar_open(&cal, d1, NULL));
    assert_false(cal_calendar_open(&cal, d0 - 1, &why));
    assert_string_equal(why, "outside term");
    assert_false(cal_calendar_open(&cal, d1 + 1, &why));
    assert_false(cal_calendar_open(&cal, cal_from_ymd(2026, 10, 28), &why));
    assert_string_equal(why, "half term");
    assert_false(cal_calendar_open(&cal, cal_from_ymd(2026, 11, 27), &why));
    assert_string_equal(why, "closed");
    assert_true(cal_calendar_open(&cal, cal_from_ymd(2026, 10, 31), &why));
    assert_true(cal_period_contains(&closed[0], cal_from_ymd(2026, 10, 30)));
    assert_false(cal_period_contains(&closed[0], cal_from_ymd(2026, 10, 31)));

    model_period own = {cal_from_ymd(2026, 10, 9), cal_from_ymd(2026, 10, 9), "INSET", NULL};
    model_period own2 = {cal_from_ymd(2026, 10, 12), cal_from_ymd(2026, 10, 12), NULL, NULL};
    model_school schools[2] = {{.id = "a", .calendar = 0, .closed = {&own, 1}},
                               {.id = "b", .calendar = 0, .closed = {&own2, 1}}};
    model_programme m = {.calendars = &cal, .n_calendars = 1, .schools = schools, .n_schools = 2};
    assert_false(cal_school_open(&m, 0, cal_from_ymd(2026, 10, 9), &why));
    assert_string_equal(why, "INSET");
    assert_true(cal_school_open(&m, 1, cal_from_ymd(2026, 10, 9), &why));
    assert_false(cal_school_open(&m, 1, cal_from_ymd(2026, 10, 12), &why));
    assert_string_equal(why, "school closed");
    assert_false(cal_school_open(&m, 0, cal_from_ymd(2026, 10, 27), &why)); /* the calendar's half term */
    assert_string_equal(why, "half term");
    assert_true(cal_school_open(&m, 0, cal_from_ymd(2026, 10, 8), NULL));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates_and_weekdays), cmocka_unit_test(test_parse_date_strict),
        cmocka_unit_test(test_parse_time),         cmocka_unit_test(test_days),
        cmocka_unit_test(test_windows),            cmocka_unit_test(test_calendars_and_schools),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
