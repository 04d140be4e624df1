/*
** test_explain.c: `roster explain` names, for each person, the first rule
** that rules them out with the data behind it, ranks the usable ones, and
** with a roster says why an unmatched pupil's compatible advocates were
** not used.
**
** Each advocate (teacher) below is constructed to fail exactly one rule
** and otherwise be perfect, so the line for them must name that rule.
*/
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "model.h"
#include "prepare.h"
#include "roster.h"
#include "solve.h"

/* Two weeks, Mon 7 Sep - Sun 20 Sep 2026. */
#define HEAD                                                                                          \
    "programme:\n  name: T\n  period: {from: 2026-09-07, to: 2026-09-20}\n"                           \
    "calendars:\n  - id: term\n    open: [{from: 2026-09-01, to: 2026-12-18}]\n"                     \
    "places: [{id: lib}]\n"                                                                           \
    "schools:\n"                                                                                      \
    "  - {id: s1, phase: primary, calendar: term, windows: {core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}}}\n" \
    "  - {id: s2, phase: primary, calendar: term, windows: {core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}}}\n"
#define DBS "dbs: {cleared: 2026-01-01, expires: 2029-01-01}"
#define WEEKDAYS "available: [{days: mon-fri, start: \"09:00\", end: \"15:00\"}]"
/* A perfect advocate for P1 apart from what the caller adds or leaves out. */
#define FIT "kind: staff, gender: female, languages: [urdu], "

static const char *const pupil_programme =
    HEAD
    "university:\n  name: U\n  place: uni\n  courses:\n"
    "    - {id: c1, release: [{days: mon-fri, start: \"09:00\", end: \"15:00\"}], "
    "blocks: [{from: 2026-09-01, to: 2026-09-30, reason: placement}]}\n"
    "pupils:\n"
    "  - {id: P1, school: s1, needs: {literacy: 3}, previous_advocate: AOK1, avoid: [AAV],\n"
    "     requires: {languages: [urdu], gender: female, experience: {sen: 2}}}\n"
    "advocates:\n"
    "  - {id: AAV, " FIT "experience: {sen: 2}, " WEEKDAYS ", " DBS "}\n"
    "  - {id: ALANG, kind: staff, gender: female, languages: [english], experience: {sen: 2}, " WEEKDAYS ", " DBS "}\n"
    "  - {id: AGEN, kind: staff, gender: male, languages: [urdu], experience: {sen: 2}, " WEEKDAYS ", " DBS "}\n"
    "  - {id: AEXP, " FIT "experience: {sen: 1}, " WEEKDAYS ", " DBS "}\n"
    "  - {id: ASCH, " FIT "experience: {sen: 2}, schools: [s2], " WEEKDAYS ", " DBS "}\n"
    "  - {id: ANODBS, " FIT "experience: {sen: 2}, " WEEKDAYS "}\n"
    "  - {id: AEXPD, " FIT "experience: {sen: 2}, " WEEKDAYS ", dbs: {cleared: 2023-01-01, expires: 2026-08-31}}\n"
    "  - {id: ATIME, " FIT "experience: {sen: 2}, available: [{days: sat, start: \"09:00\", end: \"12:00\"}], " DBS "}\n"
    "  - {id: ALEAVE, " FIT "experience: {sen: 2}, " WEEKDAYS ", leave: [{from: 2026-09-01, to: 2026-09-30, reason: sabbatical}], " DBS "}\n"
    "  - {id: ASTU, kind: student, course: c1, gender: female, languages: [urdu], experience: {sen: 2}, " WEEKDAYS ", " DBS "}\n"
    "  - {id: AOK2, " FIT "experience: {sen: 2, literacy: 1}, " WEEKDAYS ", " DBS "}\n"
    "  - {id: AOK1, " FIT "experience: {sen: 3, literacy: 3}, " WEEKDAYS ", " DBS "}\n";

static model_programme *load_text(const char *yaml) {
    model_programme *m = testutil_load(yaml);
    assert_non_null(m);
    return m;
}

static const explain_line *line_of(const explain_result *e, const model_programme *m, const char *id, bool teacher) {
    for (int i = 0; i < e->n_lines; i++)
        if (strcmp(teacher ? m->teachers[e->lines[i].who].id : m->advocates[e->lines[i].who].id, id) == 0)
            return &e->lines[i];
    fail_msg("no line for %s", id);
    return NULL;
}

static void assert_line(const explain_result *e, const model_programme *m, const char *id, bool teacher,
                        prep_rule rule, const char *words) {
    const explain_line *l = line_of(e, m, id, teacher);
    if (!strstr(l->text, words)) fail_msg("%s: expected \"%s\" in \"%s\"", id, words, l->text);
    assert_int_equal(l->rule, rule);
    assert_false(l->usable);
}

static void test_pupil_rules(void **state) {
    (void)state;
    model_programme *m = load_text(pupil_programme);
    prep *p = prep_new(m);
    assert_non_null(p);
    explain_result e;
    assert_int_equal(explain_pupil(m, p, NULL, model_find_pupil(m, "P1"), &e), 0);
    assert_int_equal(e.n_lines, m->n_advocates);
    assert_line(&e, m, "AAV", false, PREP_RULE_AVOID, "avoid (pupil P1 avoids AAV)");
    assert_line(&e, m, "ALANG", false, PREP_RULE_LANGUAGES, "requires.languages [urdu]: ALANG speaks english");
    assert_line(&e, m, "AGEN", false, PREP_RULE_GENDER, "requires.gender female: AGEN is male");
    assert_line(&e, m, "AEXP", false, PREP_RULE_EXPERIENCE, "requires.experience sen >= 2: AEXP has sen 1");
    assert_line(&e, m, "ASCH", false, PREP_RULE_SCHOOLS, "schools [s2] does not include s1");
    assert_line(&e, m, "ANODBS", false, PREP_RULE_DBS, "no DBS check recorded");
    assert_line(&e, m, "AEXPD", false, PREP_RULE_NO_DATE, "AEXPD DBS expired 2026-08-31 (10 dates)");
    assert_line(&e, m, "ATIME", false, PREP_RULE_NO_TIME, "no common time: ATIME is available sat 09:00-12:00");
    assert_line(&e, m, "ATIME", false, PREP_RULE_NO_TIME, "(0 feasible visit slots in the period)");
    assert_line(&e, m, "ALEAVE", false, PREP_RULE_NO_DATE, "ALEAVE on leave: sabbatical (10 dates)");
    assert_line(&e, m, "ASTU", false, PREP_RULE_NO_DATE, "ASTU not released: placement (10 dates)");
    /* Ranking: AOK1 brings 9 match points and continuity, AOK2 3 points. */
    assert_true(e.lines[0].usable && e.lines[1].usable);
    assert_false(e.lines[2].usable);
    assert_string_equal(m->advocates[e.lines[0].who].id, "AOK1");
    assert_string_equal(m->advocates[e.lines[1].who].id, "AOK2");
    assert_true(e.lines[0].value > e.lines[1].value);
    /* 10 weekdays x 21 starts (09:00..14:00 every 15 minutes) */
    assert_int_equal(e.lines[0].slots, 210);
    assert_int_equal(e.lines[0].weeks, 2);
    assert_non_null(strstr(e.lines[0].text, "continuity"));
    assert_non_null(strstr(e.lines[0].text, "literacy 3x3"));
    explain_free(&e);
    prep_free(p);
    model_free(m);
}

/* With a roster: the compatible advocate is at max_pupils, and says whom
** they have. */
static void test_pupil_roster_notes(void **state) {
    (void)state;
    model_programme *m = load_text(HEAD "pupils:\n"
                                        "  - {id: P1, school: s1, priority: 2}\n"
                                        "  - {id: P2, school: s1}\n"
                                        "advocates:\n  - {id: A1, kind: staff, max_pupils: 1, " WEEKDAYS ", " DBS "}\n");
    prep *p = prep_new(m);
    roster *r = roster_new();
    solve_options o = {0};
    solve_stats st;
    diag_list d;
    diag_init(&d);
    assert_int_equal(solve_run(m, p, &o, r, &st, &d), 0);
    assert_int_equal(r->n_unmatched, 1);
    assert_string_equal(m->pupils[r->unmatched[0].pupil].id, "P2"); /* P1 has the higher priority */
    explain_result e;
    assert_int_equal(explain_pupil(m, p, r, model_find_pupil(m, "P2"), &e), 0);
    bool said = false;
    for (int i = 0; i < e.n_notes; i++) said |= strstr(e.notes[i], "A1 is at max_pupils 1 (P1)") != NULL;
    assert_true(said);
    explain_free(&e);
    assert_int_equal(explain_pupil(m, p, r, model_find_pupil(m, "P1"), &e), 0);
    assert_true(e.n_notes >= 1);
    assert_non_null(strstr(e.notes[0], "now: A1, 2 visits delivered"));
    explain_free(&e);
    diag_clear(&d);
    roster_free(r);
    prep_free(p);
    model_free(m);
}

static void test_session_rules(void **state) {
    (void)state;
    model_programme *m = load_text(
        HEAD "community_teachers:\n"
             "  - {id: TSK, skills: {maths: 1}, available: [{days: tue, start: \"09:00\", end: \"12:00\"}], " DBS "}\n"
             "  - {id: TVEN, skills: {maths: 3}, venues: [lib], available: [{days: tue, start: \"09:00\", end: \"12:00\"}], " DBS "}\n"
             "  - {id: TNOT, skills: {maths: 3}, available: [{days: sat, start: \"09:00\", end: \"12:00\"}], " DBS "}\n"
             "  - {id: TDBS, skills: {maths: 3}, available: [{days: tue, start: \"09:00\", end: \"12:00\"}]}\n"
             "  - {id: TLV, skills: {maths: 3}, available: [{days: tue, start: \"09:00\", end: \"12:00\"}], "
             "leave: [{from: 2026-09-01, to: 2026-09-30, reason: surgery}], " DBS "}\n"
             "  - {id: TMAX, skills: {maths: 3}, max_sessions_per_week: 0, available: [{days: tue, start: \"09:00\", end: \"12:00\"}], " DBS "}\n"
             "  - {id: TOK, skills: {maths: 3}, available: [{days: [tue, wed], start: \"09:00\", end: \"12:00\"}], " DBS "}\n"
             "sessions:\n"
             "  - {id: M1, school: s1, subject: maths, min_level: 2, minutes: 60, "
             "when: [{days: tue, start: \"09:00\", end: \"11:00\"}]}\n");
    prep *p = prep_new(m);
    explain_result e;
    assert_int_equal(explain_session(m, p, NULL, model_find_session(m, "M1"), &e), 0);
    assert_line(&e, m, "TSK", true, PREP_RULE_EXPERIENCE, "requires maths >= 2: TSK has maths 1");
    assert_line(&e, m, "TVEN", true, PREP_RULE_SCHOOLS, "venues [lib] does not include s1");
    assert_line(&e, m, "TNOT", true, PREP_RULE_NO_TIME, "no common time: TNOT is available sat 09:00-12:00");
    assert_line(&e, m, "TDBS", true, PREP_RULE_DBS, "no DBS check recorded for TDBS");
    assert_line(&e, m, "TLV", true, PREP_RULE_NO_DATE, "TLV on leave: surgery (2 dates)");
    assert_line(&e, m, "TMAX", true, PREP_RULE_OK, "max_sessions_per_week is 0");
    assert_true(e.lines[0].usable);
    assert_string_equal(m->teachers[e.lines[0].who].id, "TOK");
    assert_int_equal(e.lines[0].slots, 10); /* 2 Tuesdays x 09:00..10:00 every 15 minutes */
    assert_int_equal(e.lines[0].weeks, 2);
    assert_false(e.lines[1].usable);
    explain_free(&e);
    prep_free(p);
    model_free(m);
}

/* The roster's own reasons name the advocates behind them. */
static void test_unmatched_reasons_name_advocates(void **state) {
    (void)state;
    model_programme *m = load_text(pupil_programme);
    prep *p = prep_new(m);
    const char **why;
    /* AOK1/AOK2 are compatible, so there is nothing static to say... */
    assert_int_equal(prep_unmatched_static(p, model_find_pupil(m, "P1"), &why), 0);
    prep_free(p);
    model_free(m);
    /* ...but without them every reason names who fails what. */
    char *text = strdup(pupil_programme);
    *strstr(text, "  - {id: AOK2") = '\0';
    char *prev = strstr(text, "previous_advocate: AOK1, ");
    memmove(prev, prev + 25, strlen(prev + 25) + 1);
    m = load_text(text);
    p = prep_new(m);
    int n = prep_unmatched_static(p, model_find_pupil(m, "P1"), &why);
    bool lang = false, time = false, date = false;
    for (int i = 0; i < n; i++) {
        lang |= strstr(why[i], "1 advocate lack requires.languages [urdu] (ALANG)") != NULL;
        time |= strstr(why[i], "no common free time with the compatible advocate (ATIME)") != NULL;
        date |= strstr(why[i], "ALEAVE: ALEAVE on leave: sabbatical") != NULL;
    }
    assert_true(lang);
    assert_true(time);
    assert_true(date);
    free(text);
    prep_free(p);
    model_free(m);
}

static void test_suggest(void **state) {
    (void)state;
    model_programme *m = load_text(pupil_programme);
    char out[128];
    explain_suggest(m, false, "p1", out, sizeof out);
    assert_string_equal(out, "P1");
    explain_suggest(m, false, "Q-unknown-id", out, sizeof out);
    assert_string_equal(out, "");
    model_free(m);
}

static roster *solve_model(const model_programme *m, const prep *p) {
    roster *r = roster_new();
    solve_options o = {0};
    solve_stats st;
    diag_list d;
    diag_init(&d);
    assert_int_equal(solve_run(m, p, &o, r, &st, &d), 0);
    diag_clear(&d);
    assert_int_equal(r->status, ROSTER_OPTIMAL);
    return r;
}

/* One slot a week, two pupils who both gain from being matched: they take
** turns, and each missed week names the other pupil's visit. */
static void test_missed_reason_names_the_clash(void **state) {
    (void)state;
    model_programme *m = load_text(HEAD "pupils:\n"
                                        "  - {id: P1, school: s1, needs: {literacy: 1}}\n"
                                        "  - {id: P2, school: s1, needs: {literacy: 1}}\n"
                                        "advocates:\n  - {id: A1, kind: staff, experience: {literacy: 1}, "
                                        "available: [{days: wed, start: \"09:00\", end: \"10:00\"}], " DBS "}\n");
    prep *p = prep_new(m);
    roster *r = solve_model(m, p);
    assert_int_equal(r->n_assignments, 2);
    assert_int_equal(r->n_missed, 2);
    arena *a = arena_new();
    explain_index *ix = explain_index_new(m, r);
    assert_non_null(ix);
    for (int i = 0; i < r->n_missed; i++) {
        const char *other = strcmp(m->pupils[r->missed[i].pupil].id, "P1") == 0 ? "P2" : "P1";
        const char *why = explain_missed_reason(m, p, r, NULL, r->missed[i].pupil, 0, r->missed[i].week, a);
        assert_non_null(why);
        char want[96];
        snprintf(want, sizeof want, "of 1 slots, 1 taken by A1's other engagements or travel (%s)", other);
        if (!strstr(why, want)) fail_msg("expected \"%s\" in \"%s\"", want, why);
        /* the index (the solver's way) reads the same visits */
        assert_string_equal(explain_missed_reason(m, p, r, ix, r->missed[i].pupil, 0, r->missed[i].week, a), why);
    }
    explain_index_free(ix);
    arena_free(a);
    roster_free(r);
    prep_free(p);
    model_free(m);
}

/* A teacher allowed one session a week, two sessions wanting them: the
** unfilled one names the session that took the week. */
static void test_unfilled_reason_names_the_cap(void **state) {
    (void)state;
    model_programme *m = load_text(
        HEAD "community_teachers:\n"
             "  - {id: T1, skills: {maths: 3}, max_sessions_per_week: 1, available: [{days: [tue, wed], start: \"09:00\", end: \"12:00\"}], " DBS "}\n"
             "sessions:\n"
             "  - {id: M1, school: s1, subject: maths, min_level: 2, minutes: 60, priority: 2, when: [{days: tue, start: \"09:00\", end: \"10:00\"}]}\n"
             "  - {id: M2, school: s1, subject: maths, min_level: 2, minutes: 60, when: [{days: wed, start: \"09:00\", end: \"10:00\"}]}\n");
    prep *p = prep_new(m);
    roster *r = solve_model(m, p);
    assert_int_equal(r->n_unfilled, 2);
    arena *a = arena_new();
    for (int i = 0; i < r->n_unfilled; i++) {
        assert_string_equal(m->sessions[r->unfilled[i].session].id, "M2");
        const char *why = explain_unfilled_reason(m, p, r, r->unfilled[i].session, r->unfilled[i].week, a);
        assert_non_null(why);
        assert_non_null(strstr(why, "T1 is at max_sessions_per_week 1 (M1 2026-09-"));
    }
    arena_free(a);
    roster_free(r);
    prep_free(p);
    model_free(m);
}

static void test_full_reason_names_advocates(void **state) {
    (void)state;
    model_programme *m = load_text(HEAD "pupils:\n  - {id: P1, school: s1, priority: 2}\n  - {id: P2, school: s1}\n"
                                        "advocates:\n  - {id: A1, kind: staff, max_pupils: 1, " WEEKDAYS ", " DBS "}\n");
    prep *p = prep_new(m);
    roster *r = solve_model(m, p);
    arena *a = arena_new();
    assert_int_equal(r->n_unmatched, 1);
    assert_string_equal(explain_full_reason(m, p, r, r->unmatched[0].pupil, a),
                        "every compatible advocate is at max_pupils: A1 (1: P1)");
    arena_free(a);
    roster_free(r);
    prep_free(p);
    model_free(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pupil_rules),
        cmocka_unit_test(test_pupil_roster_notes),
        cmocka_unit_test(test_session_rules),
        cmocka_unit_test(test_unmatched_reasons_name_advocates),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_missed_reason_names_the_clash),
        cmocka_unit_test(test_unfilled_reason_names_the_cap),
        cmocka_unit_test(test_full_reason_names_advocates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
