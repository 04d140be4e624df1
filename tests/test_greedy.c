/*
** test_greedy.c: the greedy start is feasible, its Q is the roster's Q, and
** its local search repairs what first-come construction gets wrong.
**
** Each greedy result is turned into a roster the way solve.c does (pattern:
** the most frequent visit times on distinct weekdays) and checked with
** verify_roster and solve_objective.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "greedy.h"
#include "stop.h"
#include "model.h"
#include "prepare.h"
#include "roster.h"
#include "solve.h"
#include "verify.h"

#define HEAD                                                                                          \
    "programme:\n  name: T\n  period: {from: 2026-09-07, to: 2026-09-20}\n"                           \
    "calendars:\n  - id: term\n    open: [{from: 2026-09-01, to: 2026-12-18}]\n"                     \
    "travel: {default_minutes: 30}\n"                                                                 \
    "schools:\n"                                                                                      \
    "  - {id: s1, phase: primary, calendar: term, rooms: 1"                                           \
    ", windows: {core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}}}\n"                         \
    "  - {id: s2, phase: primary, calendar: term, rooms: 2"                                           \
    ", windows: {core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}}}\n"
#define DBS "dbs: {cleared: 2026-01-01, expires: 2029-01-01}"
#define WED(from, to) "available: [{days: wed, start: \"" from "\", end: \"" to "\"}], " DBS

static model_programme *load(const char *yaml) {
    model_programme *m = testutil_load(yaml);
    assert_non_null(m);
    return m;
}

/* The roster of a greedy result, its pattern as solve.c derives it. */
static roster *to_roster(const model_programme *m, const prep *p, const char *von, const char *oon) {
    const prep_pair *pairs = prep_pairs(p);
    const prep_visit *vis = prep_visits(p);
    const prep_occurrence *occ = prep_occurrences(p);
    roster *r = roster_new();
    size_t nv = (size_t)prep_n_visits(p) + 1, no = (size_t)prep_n_occurrences(p) + 1;
    r->assignments = arena_array(r->arena, (size_t)m->n_pupils + 1, sizeof *r->assignments);
    r->visits = arena_array(r->arena, nv, sizeof *r->visits);
    r->pattern = arena_array(r->arena, (size_t)m->n_pupils * 7 + 1, sizeof *r->pattern);
    r->sessions = arena_array(r->arena, no, sizeof *r->sessions);
    assert_non_null(r->assignments);
    for (int i = 0; i < prep_n_pairs(p); i++) {
        const prep_pair *pr = &pairs[i];
        int from = r->n_visits;
        for (int k = pr->first; k < pr->first + pr->n; k++)
            if (von[k])
                r->visits[r->n_visits++] = (roster_visit){vis[k].date, vis[k].start, vis[k].end, pr->pupil, pr->advocate,
                                                          vis[k].school};
        if (r->n_visits == from) continue;
        r->assignments[r->n_assignments++] = (roster_assignment){pr->pupil, pr->advocate};
        bool used[7] = {false};
        int per_week = m->pupils[pr->pupil].per_week, got = 0;
        for (; got < per_week; got++) {
            int best = -1, best_n = 0;
            for (int q = from; q < r->n_visits; q++) {
                int wd = cal_weekday(r->visits[q].date), n = 0;
                if (used[wd]) continue;
                for (int q2 = from; q2 < r->n_visits; q2++)
                    n += cal_weekday(r->visits[q2].date) == wd && r->visits[q2].start == r->visits[q].start;
                if (n > best_n) best_n = n, best = q;
            }
            if (best < 0) break;
            used[cal_weekday(r->visits[best].date)] = true;
            r->pattern[r->n_pattern++] =
                (roster_pattern_entry){pr->pupil, cal_weekday(r->visits[best].date), r->visits[best].start};
        }
        for (int wd = 0; wd < 7 && got < per_week; wd++) /* padding: a time no visit uses */
            if (!used[wd]) r->pattern[r->n_pattern++] = (roster_pattern_entry){pr->pupil, wd, 23 * 60}, got++;
    }
    for (int k = 0; k < prep_n_occurrences(p); k++)
        if (oon[k])
            r->sessions[r->n_sessions++] = (roster_session_occurrence){occ[k].date, occ[k].start, occ[k].end,
                                                                       occ[k].session, occ[k].teacher, occ[k].place};
    return r;
}

/* Run the greedy with the given passes; the roster must verify and its Q
** equal the greedy's own account. Returns that Q. */
static double greedy_q_from(const model_programme *m, const prep *p, int passes, const char *prefer) {
    char *von = malloc((size_t)prep_n_visits(p) + 1), *oon = malloc((size_t)prep_n_occurrences(p) + 1);
    assert_non_null(von);
    assert_non_null(oon);
    greedy_options o = {passes, prefer, 0, NULL, NULL, NULL, NULL, NULL, 1};
    double q = -1;
    assert_int_equal(greedy_roster_opts(m, p, &o, von, oon, &q), 0);
    roster *r = to_roster(m, p, von, oon);
    assert_true(fabs(verify_objective(m, r) - q) < 1e-6);
    assert_true(fabs(solve_objective(m, r) - q) < 1e-6);
    r->value = q;
    r->bound = q + 1e6; /* no claim: feasible only */
    r->status = ROSTER_FEASIBLE;
    assert_int_equal(verify_roster(m, r, stderr), 0);
    /* the default entry point is the full search, and deterministic */
    char *von2 = malloc((size_t)prep_n_visits(p) + 1), *oon2 = malloc((size_t)prep_n_occurrences(p) + 1);
    if (passes == GREEDY_PASSES) {
        assert_int_equal(greedy_roster(m, p, von2, oon2), 0);
        assert_memory_equal(von, von2, (size_t)prep_n_visits(p));
        assert_memory_equal(oon, oon2, (size_t)prep_n_occurrences(p));
    }
    /* the local search on threads writes the roster of one thread */
    for (int t = 2; t <= 3; t++) {
        double qt = -1;
        o.threads = t;
        assert_int_equal(greedy_roster_opts(m, p, &o, von2, oon2, &qt), 0);
        assert_memory_equal(von, von2, (size_t)prep_n_visits(p));
        assert_memory_equal(oon, oon2, (size_t)prep_n_occurrences(p));
        assert_true(qt == q);
    }
    free(von2);
    free(oon2);
    roster_free(r);
    free(von);
    free(oon);
    return q;
}

static double greedy_q(const model_programme *m, const prep *p, int passes) {
    return greedy_q_from(m, p, passes, NULL);
}

#define FIRST_COME                                                                                     \
    HEAD "pupils:\n"                                                                                  \
         "  - {id: P1, school: s1, priority: 2, prefers: [A1]}\n"                                     \
         "  - {id: P2, school: s1, requires: {languages: [urdu]}}\n"                                  \
         "advocates:\n"                                                                               \
         "  - {id: A1, kind: staff, languages: [urdu], max_pupils: 1, " WED("09:00", "12:00") "}\n"   \
         "  - {id: A2, kind: staff, max_pupils: 1, " WED("09:00", "12:00") "}\n"

/* P1 (priority 2, planned first) likes A1 best and takes it; P2 speaks
** only urdu, which only A1 does, and each advocate takes one pupil. First
** come leaves P2 unmatched; giving P1 to A2 and P2 to A1 is worth more
** (two visits of P2 against P1's preference bonus). */
static void test_bump_beats_first_come(void **state) {
    (void)state;
    model_programme *m = load(FIRST_COME);
    prep *p = prep_new(m);
    assert_non_null(p);
    double q0 = greedy_q(m, p, 0), q = greedy_q(m, p, GREEDY_PASSES);
    assert_true(q > q0 + 1);
    /* both pupils matched, two visits each: 2*100*2 + 2*100 - school days */
    assert_true(q >= 600 - 4 * 5);
    prep_free(p);
    model_free(m);
}

/* A few small programmes (rooms, travel, caps, sessions): every greedy
** roster, with and without the local search, verifies and is no worse. */
static void test_small_programmes_verify(void **state) {
    (void)state;
    const char *inputs[] = {
        HEAD "pupils:\n  - {id: P1, school: s1}\n  - {id: P2, school: s2, priority: 2}\n"
             "  - {id: P3, school: s1, visits: {per_week: 2, minutes: 45}}\n"
             "advocates:\n  - {id: A1, kind: staff, " WED("09:00", "11:30") "}\n"
             "  - {id: A2, kind: staff, max_minutes_per_week: 60, "
             "available: [{days: [tue, wed], start: \"09:00\", end: \"10:30\"}], " DBS "}\n",
        HEAD "pupils:\n  - {id: P1, school: s1}\n  - {id: P2, school: s1}\n  - {id: P3, school: s1, priority: 3}\n"
             "advocates:\n  - {id: A1, kind: staff, " WED("09:00", "10:00") "}\n"
             "  - {id: A2, kind: staff, " WED("09:00", "10:00") "}\n"
             "  - {id: A3, kind: staff, max_pupils: 1, " WED("09:00", "11:00") "}\n",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        model_programme *m = load(inputs[i]);
        prep *p = prep_new(m);
        assert_non_null(p);
        double q0 = greedy_q(m, p, 0), q = greedy_q(m, p, GREEDY_PASSES);
        assert_true(q >= q0 - 1e-9);
        prep_free(p);
        model_free(m);
    }
}

/* A pair is skipped only when its advocate's weekly minute cap leaves no
** room at all (room_upper): A1 may work 120 minutes a week and P1
** (planned first) takes 60 of them; one more 60-minute visit still fits,
** so P2, who prefers A1, must get A1, not A2. A2 comes first, so A1 is
** judged against A2's plan: an off-by-one in the room (cap - taken - 1)
** skipped A1 and gave P2 to A2. */
static void test_room_left_under_the_cap(void **state) {
    (void)state;
    model_programme *m = load(HEAD "pupils:\n  - {id: P1, school: s1, priority: 2, prefers: [A1]}\n"
                                   "  - {id: P2, school: s1, prefers: [A1]}\n"
                                   "advocates:\n  - {id: A2, kind: staff, " WED("09:00", "12:00") "}\n"
                                   "  - {id: A1, kind: staff, max_minutes_per_week: 120, "
                                   WED("09:00", "12:00") "}\n");
    prep *p = prep_new(m);
    assert_non_null(p);
    for (int passes = 0; passes <= GREEDY_PASSES; passes += GREEDY_PASSES) {
        char *von = malloc((size_t)prep_n_visits(p) + 1), *oon = malloc((size_t)prep_n_occurrences(p) + 1);
        assert_non_null(von);
        assert_non_null(oon);
        greedy_options o = {passes, NULL, 0, NULL, NULL, NULL, NULL, NULL, 1};
        assert_int_equal(greedy_roster_opts(m, p, &o, von, oon, NULL), 0);
        roster *r = to_roster(m, p, von, oon);
        int p2 = model_find_pupil(m, "P2"), with = -1;
        for (int i = 0; i < r->n_assignments; i++)
            if (r->assignments[i].pupil == p2) with = r->assignments[i].advocate;
        assert_true(with >= 0);
        assert_string_equal(m->advocates[with].id, "A1");
        roster_free(r);
        free(von);
        free(oon);
    }
    greedy_q(m, p, GREEDY_PASSES); /* verifies, and the same on 2 and 3 threads */
    prep_free(p);
    model_free(m);
}

/* A deadline already passed stops the local search before its first move:
** the roster is the construction's (which first-come leaves P2 out of, see
** test_bump_beats_first_come), cut_short says so, and it still verifies. */
static void test_deadline_stops_local_search(void **state) {
    (void)state;
    model_programme *m = load(FIRST_COME);
    prep *p = prep_new(m);
    assert_non_null(p);
    char *von = malloc((size_t)prep_n_visits(p) + 1), *oon = malloc((size_t)prep_n_occurrences(p) + 1);
    assert_non_null(von);
    assert_non_null(oon);
    bool cut = false;
    greedy_options o = {GREEDY_PASSES, NULL, stop_clock() - 1.0, NULL, &cut, NULL, NULL, NULL, 1};
    double q = -1;
    assert_int_equal(greedy_roster_opts(m, p, &o, von, oon, &q), 0);
    assert_true(cut);
    assert_true(fabs(q - greedy_q(m, p, 0)) < 1e-9);
    roster *r = to_roster(m, p, von, oon);
    r->value = q, r->bound = q + 1e6, r->status = ROSTER_FEASIBLE;
    assert_int_equal(verify_roster(m, r, stderr), 0);
    /* no deadline: the local search runs and cut stays false */
    cut = false;
    o.deadline = 0;
    assert_int_equal(greedy_roster_opts(m, p, &o, von, oon, &q), 0);
    assert_false(cut);
    assert_true(q > greedy_q(m, p, 0) + 1);
    roster_free(r);
    free(von);
    free(oon);
    prep_free(p);
    model_free(m);
}

/* School days: P1 (priority 2, planned first) may be seen Monday or
** Tuesday and takes the earliest time, Monday 09:00; P2 can only be seen on
** Tuesday. First come opens two school days a week: P1's 2 visits * 200
** + P2's 2 * 100 - 4 days * 5 = 580. Moving P1 to Tuesday 10:00 keeps
** every visit on the pattern and opens one day a week: 590. Only the last polish (repattern_days) sees it: re-planning P1 by
** counts alone picks Monday again. */
/* The greedy's Q without local search (*before) and with it (*after). */
static void q_before_after(const char *yaml, double *before, double *after) {
    model_programme *m = load(yaml);
    prep *p = prep_new(m);
    assert_non_null(p);
    *before = greedy_q(m, p, 0);
    *after = greedy_q(m, p, GREEDY_PASSES);
    prep_free(p);
    model_free(m);
}

static void test_polish_shares_school_days(void **state) {
    (void)state;
    double before, after;
    q_before_after(HEAD "pupils:\n  - {id: P1, school: s1, priority: 2}\n"
                        "  - {id: P2, school: s1, unavailable: [{days: mon, start: \"09:00\", end: "
                        "\"15:00\", reason: swimming}]}\n"
                        "advocates:\n  - {id: A1, kind: staff, available: [{days: [mon, tue], "
                        "start: \"09:00\", end: \"12:00\"}], " DBS "}\n",
                   &before, &after);
    assert_true(fabs(before - 580) < 1e-9);
    assert_true(fabs(after - 590) < 1e-9);
}

/* A1 sees P1 and P2 (priority 2, planned first) on Monday, where its
** morning holds two 60-minute visits, so P3 and P4 go to Thursday: two
** school days a week. No one pupil can close a day (its partner keeps it
** open); moved together, all four fit in Thursday's four hours: one day a
** week, 5 (school_day) more a week. */
#define MON_THU_PUPILS                                                                                 \
    "pupils:\n  - {id: P1, school: s1, priority: 2}\n  - {id: P2, school: s1, priority: 2}\n"              \
    "  - {id: P3, school: s1}\n  - {id: P4, school: s1}\n"
#define MON_THU_A1                                                                                     \
    "advocates:\n  - {id: A1, kind: staff, available: [{days: mon, start: \"09:00\", end: \"11:00\"}, "    \
    "{days: thu, start: \"09:00\", end: \"13:00\"}], " DBS "}\n"

static void test_gather_closes_shared_days(void **state) {
    (void)state;
    double before, after;
    q_before_after(HEAD MON_THU_PUPILS MON_THU_A1, &before, &after);
    assert_true(fabs(before - 1180) < 1e-9); /* 2 x 2 visits x 200 + 2 x 2 x 100 - 4 days x 5 */
    assert_true(fabs(after - 1190) < 1e-9);  /* 2 days x 5 */
}

/* As above, and P5 needs two hours, on a Monday only (Thursdays it is
** away): while P1 and P2 hold A1's Monday it goes unmatched (1180). No
** one pupil can free Monday (bump_pupil clears one), and gathering all
** four on Thursday only pays 10 (1190), so the last polish alone leaves
** P5 out. Gathered between the passes, the next pass gives P5 the freed
** Monday: 1190 + 2 visits x 100 - 2 days x 5 = 1380. */
static void test_gather_frees_time_for_the_next_pass(void **state) {
    (void)state;
    double before, after;
    q_before_after(HEAD MON_THU_PUPILS "  - {id: P5, school: s1, visits: {per_week: 1, minutes: 120}, "
                                       "unavailable: [{days: thu, start: \"09:00\", end: \"15:00\", reason: trip}]}\n"
                                       MON_THU_A1,
                   &before, &after);
    assert_true(fabs(before - 1180) < 1e-9);
    assert_true(fabs(after - 1380) < 1e-9);
}

/* P1 (priority 2, planned first) takes A1's only hour; P2 speaks urdu,
** which only A1 does, and A1 has a place left but no time. Re-planning
** P2 alone fails; P2 taking A1 while P1 moves to A2 (free later that
** morning) matches both: 2 x 200 + 2 x 100 - 4 days x 5 = 580, against
** 2 x 200 - 2 x 5 = 390. */
static void test_bump_into_time(void **state) {
    (void)state;
    double before, after;
    q_before_after(HEAD "pupils:\n  - {id: P1, school: s1, priority: 2}\n"
                        "  - {id: P2, school: s1, requires: {languages: [urdu]}}\n"
                        "advocates:\n  - {id: A1, kind: staff, languages: [urdu], max_pupils: 2, "
                        WED("09:00", "10:00") "}\n  - {id: A2, kind: staff, " WED("10:00", "11:00") "}\n",
                   &before, &after);
    assert_true(fabs(before - 390) < 1e-9);
    assert_true(fabs(after - 580) < 1e-9);
}

/* A week short of the pattern takes its best visit, not the first that
** gains. A1 is free on Monday in week 1 and on Tuesday and Wednesday in
** week 2 (leave). P1 (priority 2, away Mondays and Tuesdays) takes
** Wednesday 09:00 of week 2: 200 - 5. P2's weekly time is Monday 09:00
** (each time fits one week; the earliest), so week 2 is filled: Tuesday
** 09:00 gains 100 - 10 moved - 5 for a new school day, Wednesday 10:00,
** beside P1, 100 - 10. Construction alone: 195 + 2 x 100 - 10 - 5 = 380
** (375 with Tuesday). best_visit_in_week stops early only at a visit
** worth the most one visit can add (100 here), which neither is. */
static void test_short_week_takes_best_visit(void **state) {
    (void)state;
    double before, after;
    q_before_after(HEAD "pupils:\n  - {id: P1, school: s1, priority: 2, unavailable: [{days: [mon, tue], "
                        "start: \"09:00\", end: \"15:00\", reason: clubs}]}\n"
                        "  - {id: P2, school: s1}\n"
                        "advocates:\n  - {id: A1, kind: staff, available: [{days: mon, start: \"09:00\", end: "
                        "\"10:00\"}, {days: tue, start: \"09:00\", end: \"10:00\"}, {days: wed, start: \"09:00\", "
                        "end: \"11:00\"}], leave: [{from: 2026-09-08, to: 2026-09-09}, {from: 2026-09-14, to: "
                        "2026-09-14}], " DBS "}\n",
                   &before, &after);
    assert_true(fabs(before - 380) < 1e-9);
    assert_true(after >= before - 1e-9);
}

/* An exchange that gains 10 only. P1 (priority 2, planned first) takes
** A1, its first choice with 4 x 3 points of literacy: 2 x 200 + 120 + 60
** - 2 days x 5 = 570. P2 speaks urdu, which only A1 (one place) does.
** P2 taking A1 (190) while P1 moves to A2 (390, no match terms) makes
** 580: P1's new plan must win back 380 of the 570 it gave up, and wins
** back 390. bump_pupil re-plans P1 with that floor: one set 10 too high
** would keep P1 where it was. */
static void test_bump_thin_margin(void **state) {
    (void)state;
    double before, after;
    q_before_after(HEAD "pupils:\n  - {id: P1, school: s1, priority: 2, needs: {literacy: 3}, prefers: [A1]}\n"
                        "  - {id: P2, school: s1, requires: {languages: [urdu]}}\n"
                        "advocates:\n  - {id: A1, kind: staff, languages: [urdu], max_pupils: 1, "
                        "experience: {literacy: 4}, " WED("09:00", "10:00") "}\n"
                        "  - {id: A2, kind: staff, " WED("10:00", "11:00") "}\n",
                   &before, &after);
    assert_true(fabs(before - 570) < 1e-9);
    assert_true(fabs(after - 580) < 1e-9);
}

/* A1 has two places and one Wednesday hour a week. P1 (first in order)
** takes both Wednesdays: 2 x 100 + 60 match - 2 days x 5 = 250, and P2,
** for whom A1 is the only advocate, has no time left. Neither re-planning
** nor bumping helps (either pupil alone makes 250). Sharing does: P2 takes
** one Wednesday from P1, and both are matched: 2 x (100 + 60) - 10 = 310. */
static void test_share_a_full_week(void **state) {
    (void)state;
    double before, after;
    q_before_after(HEAD "pupils:\n  - {id: P1, school: s1, needs: {literacy: 3}}\n"
                        "  - {id: P2, school: s1, needs: {literacy: 3}}\n"
                        "advocates:\n  - {id: A1, kind: staff, experience: {literacy: 2}, max_pupils: 2, "
                        WED("09:00", "10:00") "}\n",
                   &before, &after);
    assert_true(fabs(before - 250) < 1e-9);
    assert_true(fabs(after - 310) < 1e-9);
}

/* Planned from a matching (A's), every pupil tries its own pair before any
** pupil falls back to another. P0 (priority 3) takes A0's only hour; P1's
** pair in the matching is A0 too, which has no time left. Falling back at
** once, P1 took A2's one place, which the matching gave P2, whose only
** advocate it is (construction: 590 + 190 = 780). Now P2 takes A2 first
** (2 x 100 + 120 match - 10) and P1 has nowhere to go: 590 + 310 = 900. */
static void test_matching_before_fallbacks(void **state) {
    (void)state;
    model_programme *m = load(HEAD "pupils:\n  - {id: P0, school: s1, priority: 3, requires: {languages: [urdu]}}\n"
                                   "  - {id: P1, school: s1}\n"
                                   "  - {id: P2, school: s1, needs: {literacy: 3}, requires: {languages: [polish]}}\n"
                                   "advocates:\n  - {id: A0, kind: staff, languages: [urdu], max_pupils: 2, "
                                   WED("09:00", "10:00") "}\n"
                                   "  - {id: A2, kind: staff, languages: [polish], experience: {literacy: 4}, "
                                   "max_pupils: 1, " WED("10:00", "11:00") "}\n");
    prep *p = prep_new(m);
    assert_non_null(p);
    assert_int_equal(prep_n_pairs(p), 4); /* P0-A0, P1-A0, P1-A2, P2-A2 */
    char prefer[4] = {1, 1, 0, 1};
    assert_true(fabs(greedy_q_from(m, p, 0, prefer) - 900) < 1e-9);
    assert_true(fabs(greedy_q(m, p, 0) - 780) < 1e-9); /* without the matching: pupils in order */
    prep_free(p);
    model_free(m);
}

/* A programme where many pupils' moves are kept in one pass: 48 pupils at
** two schools, some needing a language or literacy, 8 advocates on
** different days with too few places and minutes for all. */
static char *crowded_programme(void) {
    static const char *days[] = {"mon", "tue", "wed", "thu", "fri"};
    size_t cap = 1 << 15, len = 0;
    char *y = malloc(cap);
    assert_non_null(y);
    len += (size_t)snprintf(y + len, cap - len, "%s", HEAD "pupils:\n");
    for (int i = 0; i < 48; i++)
        len += (size_t)snprintf(y + len, cap - len,
                                "  - {id: P%d, school: s%d, priority: %d, needs: {literacy: %d}%s%s}\n", i,
                                1 + i % 2, 1 + i % 3, i % 5, i % 4 == 0 ? ", visits: {per_week: 2, minutes: 45}" : "",
                                i % 7 == 0 ? ", requires: {languages: [urdu]}" : "");
    len += (size_t)snprintf(y + len, cap - len, "advocates:\n");
    for (int a = 0; a < 8; a++)
        len += (size_t)snprintf(y + len, cap - len,
                                "  - {id: A%d, kind: staff, max_pupils: %d, experience: {literacy: %d},%s "
                                "available: [{days: [%s, %s], start: \"%s\", end: \"%s\"}], " DBS "}\n",
                                a, 3 + a % 4, a % 5, a % 3 == 0 ? " languages: [urdu]," : "", days[a % 5],
                                days[(a + 2) % 5], a % 2 ? "09:00" : "10:30", a % 2 ? "11:30" : "14:00");
    assert_true(len < cap);
    return y;
}

/* The local search on 2, 3 and 4 threads keeps exactly the moves one
** thread keeps (each try sees the state the sequential search would), so
** the roster is byte-identical; and the search kept moves, so rounds ended
** early and replicas were synchronised, which a wrong replay would show. */
static void test_threads_same_roster(void **state) {
    (void)state;
    char *yaml = crowded_programme();
    model_programme *m = load(yaml);
    prep *p = prep_new(m);
    assert_non_null(p);
    size_t nv = (size_t)prep_n_visits(p), no = (size_t)prep_n_occurrences(p);
    char *von1 = malloc(nv + 1), *oon1 = malloc(no + 1), *von = malloc(nv + 1), *oon = malloc(no + 1);
    assert_non_null(von1);
    assert_non_null(von);
    double q0 = greedy_q(m, p, 0), q1 = -1;
    greedy_options o = {GREEDY_PASSES, NULL, 0, NULL, NULL, NULL, NULL, NULL, 1};
    assert_int_equal(greedy_roster_opts(m, p, &o, von1, oon1, &q1), 0);
    assert_true(q1 > q0 + 100); /* the search kept moves */
    for (int t = 2; t <= 4; t++) {
        double q = -1;
        o.threads = t;
        assert_int_equal(greedy_roster_opts(m, p, &o, von, oon, &q), 0);
        assert_true(q == q1);
        assert_memory_equal(von, von1, nv);
        assert_memory_equal(oon, oon1, no);
    }
    assert_true(fabs(greedy_q(m, p, GREEDY_PASSES) - q1) < 1e-9); /* and it verifies (greedy_q checks) */
    free(von1), free(oon1), free(von), free(oon), free(yaml);
    prep_free(p);
    model_free(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bump_beats_first_come),
        cmocka_unit_test(test_small_programmes_verify),
        cmocka_unit_test(test_deadline_stops_local_search),
        cmocka_unit_test(test_polish_shares_school_days),
        cmocka_unit_test(test_gather_closes_shared_days),
        cmocka_unit_test(test_bump_into_time),
        cmocka_unit_test(test_bump_thin_margin),
        cmocka_unit_test(test_short_week_takes_best_visit),
        cmocka_unit_test(test_gather_frees_time_for_the_next_pass),
        cmocka_unit_test(test_share_a_full_week),
        cmocka_unit_test(test_matching_before_fallbacks),
        cmocka_unit_test(test_threads_same_roster),
        cmocka_unit_test(test_room_left_under_the_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
