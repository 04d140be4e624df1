/*
** test_verify.c: the verifier accepts a hand-checked valid roster with the
** right Q, and reports each hard rule (every sub-clause), the objective,
** the bound and the status when a copy of that roster is broken in exactly
** one way.
**
** The programme is inline (the same one as tests/verify/programme.yaml);
** the valid roster is read through roster_read_yaml, then mutated in
** memory. Mutations that change Q re-sync the reported value so that only
** the rule under test is broken.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "cal.h"
#include "model.h"
#include "roster.h"
#include "verify.h"

static const char programme_yaml[] =
    "# A small programme for the verifier's tests: two schools (one pupil moves\n"
    "# between them), a staff advocate, a student, an advocate who is also a\n"
    "# community teacher, one without DBS, and two community sessions.\n"
    "programme:\n"
    "  name: Verify fixture\n"
    "  period: {from: 2026-09-07, to: 2026-09-20}\n"
    "  slot_minutes: 15\n"
    "  weights: {visit: 100, match: 10, continuity: 50, preference: 20, moved: 10, school_day: 5, session: 100}\n"
    "calendars:\n"
    "  - id: schools\n"
    "    open: [{from: 2026-09-01, to: 2026-12-18}]\n"
    "    closed: [{date: 2026-09-12, reason: open day}, {date: 2026-09-18, reason: INSET}]\n"
    "  - id: uni\n"
    "    open: [{from: 2026-09-01, to: 2026-12-18}]\n"
    "    closed: [{date: 2026-09-17, reason: reading day}]\n"
    "places: [{id: library, name: Central Library}]\n"
    "travel:\n"
    "  default_minutes: 30\n"
    "  minutes: [[north, south, 20]]\n"
    "schools:\n"
    "  - id: north\n"
    "    phase: primary\n"
    "    calendar: schools\n"
    "    closed: [{date: 2026-09-10, reason: sports day}]\n"
    "    windows:\n"
    "      core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}\n"
    "      late: {days: mon-thu, start: \"15:00\", end: \"18:00\"}\n"
    "    no_visits: [{days: fri, start: \"13:00\", end: \"15:00\", reason: assembly}]\n"
    "    rooms: 1\n"
    "  - id: south\n"
    "    phase: primary\n"
    "    calendar: schools\n"
    "    windows:\n"
    "      core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}\n"
    "    rooms: 2\n"
    "pupils:\n"
    "  - id: P1\n"
    "    school: north\n"
    "    needs: {literacy: 3}\n"
    "    requires: {languages: [urdu], gender: female, experience: {sen: 2}}\n"
    "    visits: {per_week: 1, minutes: 60}\n"
    "    priority: 2\n"
    "    previous_advocate: A1\n"
    "    prefers: [A2, A1]\n"
    "    avoid: [A3]\n"
    "    unavailable: [{days: wed, start: \"09:00\", end: \"10:00\", reason: swimming}]\n"
    "  - id: P2\n"
    "    school: north\n"
    "    windows: [core, late]\n"
    "    visits: {per_week: 2, minutes: 45}\n"
    "    moves: {school: south, windows: [core], on: 2026-09-14}\n"
    "  - id: P3\n"
    "    school: south\n"
    "    needs: {maths: 2}\n"
    "  - id: P4\n"
    "    school: south\n"
    "  - id: P5\n"
    "    school: north\n"
    "    prefers: [A3]\n"
    "advocates:\n"
    "  - id: A1\n"
    "    kind: staff\n"
    "    experience: {literacy: 2, sen: 3}\n"
    "    languages: [english, urdu]\n"
    "    gender: female\n"
    "    max_pupils: 2\n"
    "    max_minutes_per_week: 210\n"
    "    available: [{days: mon-fri, start: \"08:00\", end: \"17:00\"}]\n"
    "    leave: [{date: 2026-09-16, reason: training}]\n"
    "    dbs: {cleared: 2026-09-01, expires: 2029-08-31}\n"
    "    schools: [north, south]\n"
    "  - id: A2\n"
    "    kind: student\n"
    "    experience: {maths: 3}\n"
    "    available: [{days: mon-fri, start: \"08:00\", end: \"18:00\"}]\n"
    "    dbs: {cleared: 2026-09-09, expires: 2029-08-31}\n"
    "    course: yc2\n"
    "  - id: A3\n"
    "    kind: community\n"
    "    gender: male\n"
    "    available: [{days: mon-sat, start: \"08:00\", end: \"18:00\"}]\n"
    "    dbs: {cleared: 2026-01-01, expires: 2030-12-31}\n"
    "  - id: A4\n"
    "    kind: volunteer\n"
    "    available: [{days: mon-fri, start: \"08:00\", end: \"17:00\"}]\n"
    "university:\n"
    "  name: Test University\n"
    "  place: uni\n"
    "  courses:\n"
    "    - id: yc2\n"
    "      calendar: uni\n"
    "      release: [{days: [tue, wed, thu], start: \"09:00\", end: \"16:00\"}]\n"
    "      max_minutes_per_week: 120\n"
    "      blocks: [{date: 2026-09-10, reason: exam}]\n"
    "community_teachers:\n"
    "  - id: A3\n"
    "    skills: {art: 3}\n"
    "    available: [{days: [tue, sat], start: \"07:00\", end: \"13:00\"}]\n"
    "    leave: [{date: 2026-09-19}]\n"
    "    dbs: {cleared: 2026-01-01, expires: 2030-12-31}\n"
    "    max_sessions_per_week: 2\n"
    "  - id: C2\n"
    "    skills: {art: 1, music: 4}\n"
    "    available: [{days: mon-sat, start: \"07:00\", end: \"19:00\"}]\n"
    "    dbs: {cleared: 2026-09-01, expires: 2030-12-31}\n"
    "    max_sessions_per_week: 3\n"
    "    venues: [north, library]\n"
    "sessions:\n"
    "  - id: ART\n"
    "    school: north\n"
    "    subject: art\n"
    "    min_level: 2\n"
    "    minutes: 60\n"
    "    when: [{days: [tue, sat], start: \"07:00\", end: \"09:00\"}]\n"
    "    per_week: 1\n"
    "    priority: 3\n"
    "  - id: MUSIC\n"
    "    school: library\n"
    "    subject: music\n"
    "    min_level: 3\n"
    "    minutes: 60\n"
    "    when: [{days: mon-sat, start: \"10:00\", end: \"18:00\"}]\n"
    "    per_week: 2\n";

static const char valid_yaml[] =
    "# Hand-checked valid roster for programme.yaml.\n"
    "# Q = match terms 270 (P1: 10*3*2 + 50 + 20*2 = 150; P3: 10*2*3 = 60; P5: 20*3 = 60)\n"
    "#   + visits 1200 (P1 2 x 200, P2 4 x 100, P3 2 x 100, P5 2 x 100)\n"
    "#   - moved 20 (P2's visits on Mon 14 and Thu 17 are off its pattern)\n"
    "#   - school days 50 (10 distinct advocate-date-school)\n"
    "#   + sessions 800 (ART 2 x 300, MUSIC 2 x 100)\n"
    "#   = 2200\n"
    "format: roster/1\n"
    "status: feasible\n"
    "objective: {value: 2200, bound: 2500}\n"
    "assignments:\n"
    "  - {pupil: P1, advocate: A1}\n"
    "  - {pupil: P2, advocate: A1}\n"
    "  - {pupil: P3, advocate: A2}\n"
    "  - {pupil: P5, advocate: A3}\n"
    "pattern:\n"
    "  - {pupil: P1, day: tue, start: \"10:00\"}\n"
    "  - {pupil: P2, day: mon, start: \"15:00\"}\n"
    "  - {pupil: P2, day: wed, start: \"11:00\"}\n"
    "  - {pupil: P3, day: wed, start: \"09:00\"}\n"
    "  - {pupil: P5, day: tue, start: \"11:00\"}\n"
    "visits:\n"
    "  - {date: 2026-09-07, start: \"15:00\", end: \"15:45\", pupil: P2, advocate: A1, school: north}\n"
    "  - {date: 2026-09-08, start: \"10:00\", end: \"11:00\", pupil: P1, advocate: A1, school: north}\n"
    "  - {date: 2026-09-08, start: \"11:00\", end: \"12:00\", pupil: P5, advocate: A3, school: north}\n"
    "  - {date: 2026-09-09, start: \"09:00\", end: \"10:00\", pupil: P3, advocate: A2, school: south}\n"
    "  - {date: 2026-09-09, start: \"11:00\", end: \"11:45\", pupil: P2, advocate: A1, school: north}\n"
    "  - {date: 2026-09-14, start: \"11:00\", end: \"11:45\", pupil: P2, advocate: A1, school: south}\n"
    "  - {date: 2026-09-15, start: \"10:00\", end: \"11:00\", pupil: P1, advocate: A1, school: north}\n"
    "  - {date: 2026-09-15, start: \"11:00\", end: \"12:00\", pupil: P5, advocate: A3, school: north}\n"
    "  - {date: 2026-09-16, start: \"09:00\", end: \"10:00\", pupil: P3, advocate: A2, school: south}\n"
    "  - {date: 2026-09-17, start: \"11:00\", end: \"11:45\", pupil: P2, advocate: A1, school: south}\n"
    "sessions:\n"
    "  - {date: 2026-09-07, start: \"10:00\", end: \"11:00\", session: MUSIC, teacher: C2, place: library}\n"
    "  - {date: 2026-09-08, start: \"07:30\", end: \"08:30\", session: ART, teacher: A3, place: north}\n"
    "  - {date: 2026-09-12, start: \"10:00\", end: \"11:00\", session: MUSIC, teacher: C2, place: library}\n"
    "  - {date: 2026-09-15, start: \"07:00\", end: \"08:00\", session: ART, teacher: A3, place: north}\n"
    "unmatched:\n"
    "  - {pupil: P4, reasons: [\"no advocate has time at south\"]}\n"
    "missed: []\n"
    "unfilled:\n"
    "  - {session: MUSIC, week: 2026-09-14, reason: \"no teacher free\"}\n";

typedef struct {
    model_programme *m;
    char path[64];
} fixture;

static int group_setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    diag_list d;
    diag_init(&d);
    const char *names[] = {"programme.yaml"};
    const char *bufs[] = {programme_yaml};
    int lens[] = {(int)strlen(programme_yaml)};
    f->m = model_load_buffers(names, bufs, lens, 1, &d);
    if (!f->m) diag_print(&d, stderr);
    diag_clear(&d);
    snprintf(f->path, sizeof f->path, "/tmp/test_verify_XXXXXX");
    int fd = mkstemp(f->path);
    if (!f->m || fd < 0) return -1;
    ssize_t want = (ssize_t)strlen(valid_yaml);
    if (write(fd, valid_yaml, (size_t)want) != want) return -1;
    close(fd);
    *state = f;
    return 0;
}

static int group_teardown(void **state) {
    fixture *f = *state;
    unlink(f->path);
    model_free(f->m);
    free(f);
    return 0;
}

static roster *fresh(const fixture *f) {
    diag_list d;
    diag_init(&d);
    roster *r = roster_read_yaml(f->m, f->path, &d);
    if (!r) diag_print(&d, stderr);
    diag_clear(&d);
    assert_non_null(r);
    return r;
}

static int date_of(const char *s) {
    int d = 0;
    assert_true(cal_parse_date(s, &d));
    return d;
}

static int time_of(const char *s) {
    int t = 0;
    assert_true(cal_parse_time(s, &t));
    return t;
}

/* Run the verifier; returns its count and leaves its output in *text. */
static int run(const fixture *f, const roster *r, char **text) {
    size_t size = 0;
    FILE *out = open_memstream(text, &size);
    assert_non_null(out);
    int n = verify_roster(f->m, r, out);
    fclose(out);
    return n;
}

/* Exactly n violations, every one a line starting with prefix. */
static void expect(const fixture *f, const roster *r, int n, const char *prefix) {
    char *text = NULL;
    int got = run(f, r, &text);
    int lines = 0, matching = 0;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        lines++;
        matching += strncmp(line, prefix, strlen(prefix)) == 0;
        line = nl ? nl + 1 : NULL;
    }
    if (got != n || matching != n || lines != n)
        fprintf(stderr, "expected %d x '%s', got %d:\n%s", n, prefix, got, text);
    assert_int_equal(got, n);
    assert_int_equal(lines, n);
    assert_int_equal(matching, n);
    free(text);
}

/* The reported value follows a mutation, so only the rule under test breaks. */
static void resync(const fixture *f, roster *r) {
    r->value = verify_objective(f->m, r);
    if (r->bound < r->value) r->bound = r->value;
}

static roster_visit *visit_of(const fixture *f, roster *r, const char *pupil, const char *date) {
    int p = model_find_pupil(f->m, pupil), d = date_of(date);
    for (int i = 0; i < r->n_visits; i++)
        if (r->visits[i].pupil == p && r->visits[i].date == d) return &r->visits[i];
    fail_msg("no visit for %s on %s", pupil, date);
    return NULL;
}

static roster_session_occurrence *occurrence_of(const fixture *f, roster *r, const char *session, const char *date) {
    int s = model_find_session(f->m, session), d = date_of(date);
    for (int i = 0; i < r->n_sessions; i++)
        if (r->sessions[i].session == s && r->sessions[i].date == d) return &r->sessions[i];
    fail_msg("no %s on %s", session, date);
    return NULL;
}

static void move_visit(roster_visit *v, const char *date, const char *start, const char *end) {
    v->date = date_of(date);
    v->start = time_of(start);
    v->end = time_of(end);
}

static void move_occurrence(roster_session_occurrence *o, const char *date, const char *start, const char *end) {
    o->date = date_of(date);
    o->start = time_of(start);
    o->end = time_of(end);
}

/* Grow one of the roster's arrays by one zeroed entry (in its arena). */
static void *grow(roster *r, void *old, int n, size_t size) {
    char *v = arena_array(r->arena, (size_t)n + 1, size);
    assert_non_null(v);
    if (n) memcpy(v, old, (size_t)n * size);
    return v + (size_t)n * size;
}

static void add_visit(const fixture *f, roster *r, const char *date, const char *start, const char *end,
                      const char *pupil, const char *advocate, const char *school) {
    roster_visit *v = grow(r, r->visits, r->n_visits, sizeof *v);
    r->visits = v - r->n_visits++;
    move_visit(v, date, start, end);
    v->pupil = model_find_pupil(f->m, pupil);
    v->advocate = model_find_advocate(f->m, advocate);
    v->school = model_find_school(f->m, school);
}

static void add_assignment(const fixture *f, roster *r, const char *pupil, const char *advocate) {
    roster_assignment *a = grow(r, r->assignments, r->n_assignments, sizeof *a);
    r->assignments = a - r->n_assignments++;
    a->pupil = model_find_pupil(f->m, pupil);
    a->advocate = model_find_advocate(f->m, advocate);
}

static void add_pattern(const fixture *f, roster *r, const char *pupil, const char *day, const char *start) {
    roster_pattern_entry *e = grow(r, r->pattern, r->n_pattern, sizeof *e);
    r->pattern = e - r->n_pattern++;
    e->pupil = model_find_pupil(f->m, pupil);
    e->weekday = cal_parse_day(day);
    e->start = time_of(start);
}

static void add_occurrence(const fixture *f, roster *r, const char *date, const char *start, const char *end,
                           const char *session, const char *teacher, const char *place) {
    roster_session_occurrence *o = grow(r, r->sessions, r->n_sessions, sizeof *o);
    r->sessions = o - r->n_sessions++;
    move_occurrence(o, date, start, end);
    o->session = model_find_session(f->m, session);
    o->teacher = model_find_teacher(f->m, teacher);
    o->place = model_find_place(f->m, place);
}

/* Match P4 to an advocate with one visit and a pattern entry, and drop the
** unmatched entry that would otherwise contradict it. */
static void match_p4(const fixture *f, roster *r, const char *advocate, const char *date, const char *start,
                     const char *end) {
    add_assignment(f, r, "P4", advocate);
    add_visit(f, r, date, start, end, "P4", advocate, "south");
    add_pattern(f, r, "P4", cal_day_name(cal_weekday(date_of(date))), start);
    r->n_unmatched = 0;
}

static model_advocate *advocate(const fixture *f, const char *id) {
    return &f->m->advocates[model_find_advocate(f->m, id)];
}

static model_teacher *teacher(const fixture *f, const char *id) {
    return &f->m->teachers[model_find_teacher(f->m, id)];
}

/* ---- the valid roster -------------------------------------------------- */

static void test_valid_roster(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    assert_int_equal(r->n_visits, 10);
    assert_int_equal(r->n_sessions, 4);
    /* Worked by hand in tests/verify/valid.yaml's header. */
    assert_true(verify_objective(f->m, r) == 2200.0);
    expect(f, r, 0, "");
    roster_free(r);
}

/* ---- rule 1 ------------------------------------------------------------ */

static void test_rule1_second_advocate(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    add_assignment(f, r, "P3", "A1");
    expect(f, r, 1, "rule 1: assignment P3/A1");
    roster_free(r);
}

static void test_rule1_visit_by_other_advocate(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    visit_of(f, r, "P1", "2026-09-08")->advocate = model_find_advocate(f->m, "A3");
    resync(f, r);
    expect(f, r, 1, "rule 1: visit 2026-09-08 10:00 P1/A3");
    roster_free(r);
}

static void test_rule1_visit_without_assignment(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    add_visit(f, r, "2026-09-07", "10:00", "11:00", "P4", "A3", "south");
    resync(f, r);
    expect(f, r, 1, "rule 1: visit 2026-09-07 10:00 P4/A3");
    roster_free(r);
}

static void test_rule1_assignment_without_visits(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    int p3 = model_find_pupil(f->m, "P3"), n = 0;
    for (int i = 0; i < r->n_visits; i++)
        if (r->visits[i].pupil != p3) r->visits[n++] = r->visits[i];
    r->n_visits = n;
    resync(f, r);
    expect(f, r, 1, "rule 1: assignment P3/A2");
    roster_free(r);
}

static void test_rule1_pattern_size(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    r->n_pattern--; /* P5's only entry */
    resync(f, r);
    expect(f, r, 1, "rule 1: pupil P5");
    roster_free(r);
}

static void test_rule1_pattern_weekdays(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    r->pattern[2].weekday = 0; /* P2: mon 15:00 and now mon 11:00 */
    resync(f, r);
    expect(f, r, 1, "rule 1: pattern P2 mon 11:00");
    roster_free(r);
}

static void test_rule1_pattern_unmatched(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    add_pattern(f, r, "P4", "mon", "10:00");
    expect(f, r, 1, "rule 1: pattern P4 mon 10:00");
    roster_free(r);
}

/* ---- rule 2 ------------------------------------------------------------ */

static void test_rule2_language(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    model_advocate *a = advocate(f, "A1");
    model_index_list keep = a->languages;
    int urdu = model_find_name(f->m, "urdu"), english = model_find_name(f->m, "english");
    a->languages.v = &english;
    a->languages.n = 1;
    assert_true(urdu >= 0);
    expect(f, r, 1, "rule 2: assignment P1/A1");
    a->languages = keep;
    roster_free(r);
}

static void test_rule2_gender(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    model_advocate *a = advocate(f, "A1");
    int keep = a->gender;
    a->gender = model_find_name(f->m, "male");
    expect(f, r, 1, "rule 2: assignment P1/A1");
    a->gender = keep;
    roster_free(r);
}

static void test_rule2_experience(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    model_advocate *a = advocate(f, "A1");
    int sen = model_find_name(f->m, "sen"), k = 0;
    while (a->experience.v[k].name != sen) k++;
    a->experience.v[k].level = 1; /* P1 requires sen 2 */
    expect(f, r, 1, "rule 2: assignment P1/A1");
    a->experience.v[k].level = 3;
    roster_free(r);
}

static void test_rule2_avoid(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    /* P1 avoids A3: give P5 (matched to A3) the same wish. */
    model_pupil *p5 = &f->m->pupils[model_find_pupil(f->m, "P5")];
    int a3 = model_find_advocate(f->m, "A3");
    model_index_list keep = p5->avoid;
    p5->avoid.v = &a3;
    p5->avoid.n = 1;
    expect(f, r, 1, "rule 2: assignment P5/A3");
    p5->avoid = keep;
    roster_free(r);
}

static void test_rule2_schools(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    model_advocate *a = advocate(f, "A1");
    int keep = a->schools.n, north = model_find_school(f->m, "north");
    assert_int_equal(a->schools.v[0], north);
    a->schools.n = 1; /* north only: P2's two visits at south after the move */
    expect(f, r, 2, "rule 2: visit 2026-09-1");
    a->schools.n = keep;
    roster_free(r);
}

/* ---- rule 3 ------------------------------------------------------------ */

static void test_rule3_period(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_visit(visit_of(f, r, "P1", "2026-09-15"), "2026-09-22", "10:00", "11:00");
    expect(f, r, 1, "rule 3: visit 2026-09-22 10:00 P1/A1");
    roster_free(r);
}

static void test_rule3_minutes(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    visit_of(f, r, "P1", "2026-09-08")->end = time_of("10:45");
    expect(f, r, 1, "rule 3: visit 2026-09-08 10:00 P1/A1");
    roster_free(r);
}

static void test_rule3_slot_grid(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_visit(visit_of(f, r, "P1", "2026-09-08"), "2026-09-08", "09:55", "10:55");
    resync(f, r);
    expect(f, r, 1, "rule 3: visit 2026-09-08 09:55 P1/A1");
    roster_free(r);
}

static void test_rule3_school_field(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    visit_of(f, r, "P2", "2026-09-14")->school = model_find_school(f->m, "north");
    expect(f, r, 1, "rule 3: visit 2026-09-14 11:00 P2/A1");
    roster_free(r);
}

static void test_rule3_window(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    /* north has a late window, but P1 uses only core */
    move_visit(visit_of(f, r, "P1", "2026-09-08"), "2026-09-08", "15:00", "16:00");
    resync(f, r);
    expect(f, r, 1, "rule 3: visit 2026-09-08 15:00 P1/A1");
    roster_free(r);
}

static void test_rule3_window_after_move(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    /* P2 had the late window at north; at south from the 14th it has core only */
    move_visit(visit_of(f, r, "P2", "2026-09-14"), "2026-09-14", "15:00", "15:45");
    resync(f, r);
    expect(f, r, 1, "rule 3: visit 2026-09-14 15:00 P2/A1");
    roster_free(r);
}

static void test_rule3_unavailable(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_visit(visit_of(f, r, "P1", "2026-09-08"), "2026-09-09", "09:45", "10:45");
    resync(f, r);
    expect(f, r, 1, "rule 3: visit 2026-09-09 09:45 P1/A1");
    roster_free(r);
}

static void test_rule3_no_visits_partial_overlap(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_visit(visit_of(f, r, "P1", "2026-09-08"), "2026-09-11", "12:30", "13:30");
    resync(f, r);
    expect(f, r, 1, "rule 3: visit 2026-09-11 12:30 P1/A1");
    roster_free(r);
}

/* ---- rule 4 ------------------------------------------------------------ */

static void test_rule4_calendar(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_visit(visit_of(f, r, "P1", "2026-09-15"), "2026-09-18", "10:00", "11:00");
    resync(f, r);
    expect(f, r, 1, "rule 4: visit 2026-09-18 10:00 P1/A1");
    roster_free(r);
}

static void test_rule4_school_closed(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_visit(visit_of(f, r, "P1", "2026-09-08"), "2026-09-10", "10:00", "11:00");
    resync(f, r);
    expect(f, r, 1, "rule 4: visit 2026-09-10 10:00 P1/A1");
    roster_free(r);
}

/* ---- rule 5 ------------------------------------------------------------ */

static void test_rule5_available(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_visit(visit_of(f, r, "P2", "2026-09-07"), "2026-09-07", "16:30", "17:15");
    resync(f, r);
    expect(f, r, 1, "rule 5: visit 2026-09-07 16:30 P2/A1");
    roster_free(r);
}

static void test_rule5_leave(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_visit(visit_of(f, r, "P2", "2026-09-17"), "2026-09-16", "11:00", "11:45");
    resync(f, r);
    expect(f, r, 1, "rule 5: visit 2026-09-16 11:00 P2/A1");
    roster_free(r);
}

static void test_rule5_dbs_not_yet(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_visit(visit_of(f, r, "P3", "2026-09-09"), "2026-09-08", "09:00", "10:00");
    resync(f, r);
    expect(f, r, 1, "rule 5: visit 2026-09-08 09:00 P3/A2");
    roster_free(r);
}

static void test_rule5_dbs_expired(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    model_advocate *a = advocate(f, "A1");
    int keep = a->dbs.expires;
    a->dbs.expires = date_of("2026-09-13");
    expect(f, r, 3, "rule 5: visit 2026-09-1");
    a->dbs.expires = keep;
    roster_free(r);
}

static void test_rule5_no_dbs(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    match_p4(f, r, "A4", "2026-09-07", "10:00", "11:00");
    resync(f, r);
    expect(f, r, 1, "rule 5: visit 2026-09-07 10:00 P4/A4");
    roster_free(r);
}

/* ---- rule 6 ------------------------------------------------------------ */

static void test_rule6_release(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_visit(visit_of(f, r, "P3", "2026-09-16"), "2026-09-14", "09:00", "10:00");
    resync(f, r);
    expect(f, r, 1, "rule 6: visit 2026-09-14 09:00 P3/A2");
    roster_free(r);
}

static void test_rule6_block(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_visit(visit_of(f, r, "P3", "2026-09-09"), "2026-09-10", "09:00", "10:00");
    resync(f, r);
    expect(f, r, 1, "rule 6: visit 2026-09-10 09:00 P3/A2");
    roster_free(r);
}

static void test_rule6_course_calendar(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_visit(visit_of(f, r, "P3", "2026-09-16"), "2026-09-17", "09:00", "10:00");
    resync(f, r);
    expect(f, r, 1, "rule 6: visit 2026-09-17 09:00 P3/A2");
    roster_free(r);
}

/* ---- rule 7 ------------------------------------------------------------ */

static void test_rule7_per_week(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    add_visit(f, r, "2026-09-11", "10:00", "11:00", "P1", "A1", "north");
    resync(f, r);
    expect(f, r, 1, "rule 7: visit 2026-09-11 10:00 P1/A1");
    roster_free(r);
}

static void test_rule7_per_date(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_visit(visit_of(f, r, "P2", "2026-09-09"), "2026-09-07", "11:00", "11:45");
    resync(f, r);
    expect(f, r, 1, "rule 7: visit 2026-09-07 15:00 P2/A1");
    roster_free(r);
}

/* ---- rule 8 ------------------------------------------------------------ */

static void test_rule8_max_pupils(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    advocate(f, "A1")->max_pupils = 1;
    expect(f, r, 1, "rule 8: advocate A1");
    advocate(f, "A1")->max_pupils = 2;
    roster_free(r);
}

static void test_rule8_minutes(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    /* A1 has 150 visit minutes in each of the two weeks. */
    advocate(f, "A1")->max_minutes_per_week = 149;
    expect(f, r, 2, "rule 8: advocate A1");
    advocate(f, "A1")->max_minutes_per_week = 150;
    expect(f, r, 0, "");
    advocate(f, "A1")->max_minutes_per_week = 210;
    roster_free(r);
}

static void test_rule8_course_cap(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    model_course *k = &f->m->courses[model_find_course(f->m, "yc2")];
    k->max_minutes_per_week = 59;
    expect(f, r, 2, "rule 8: advocate A2");
    k->max_minutes_per_week = 120;
    roster_free(r);
}

/* ---- rule 9 ------------------------------------------------------------ */

static void test_rule9_overlap(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_visit(visit_of(f, r, "P1", "2026-09-15"), "2026-09-14", "11:00", "12:00");
    resync(f, r);
    expect(f, r, 1, "rule 9: visit 2026-09-14 11:00 P");
    roster_free(r);
}

static void test_rule9_travel(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    /* north 09:45-10:45, then south at 11:00: 15 minutes, travel is 20 */
    move_visit(visit_of(f, r, "P1", "2026-09-15"), "2026-09-14", "09:45", "10:45");
    resync(f, r);
    expect(f, r, 1, "rule 9: visit 2026-09-14 11:00 P2/A1");
    /* 20 minutes is enough */
    move_visit(visit_of(f, r, "P1", "2026-09-14"), "2026-09-14", "09:30", "10:30");
    resync(f, r);
    expect(f, r, 0, "");
    roster_free(r);
}

static void test_rule9_advocate_who_teaches(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    /* A3 teaches ART at north until 09:00, then visits P4 at south at 09:00 */
    match_p4(f, r, "A3", "2026-09-08", "09:00", "10:00");
    move_occurrence(occurrence_of(f, r, "ART", "2026-09-08"), "2026-09-08", "08:00", "09:00");
    resync(f, r);
    expect(f, r, 1, "rule 9: visit 2026-09-08 09:00 P4/A3");
    roster_free(r);
}

/* ---- rule 10 ----------------------------------------------------------- */

static void test_rule10_rooms(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    /* north has one room: P5 with A3 now overlaps P1 with A1 */
    move_visit(visit_of(f, r, "P5", "2026-09-08"), "2026-09-08", "10:30", "11:30");
    resync(f, r);
    expect(f, r, 1, "rule 10: visit 2026-09-08 10:30 P5/A3");
    roster_free(r);
}

static void test_rule10_rooms_with_session(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    /* MUSIC moved to north (C2 may teach there) at the time of P1's visit */
    model_session *s = &f->m->sessions[model_find_session(f->m, "MUSIC")];
    int keep_place = s->place, keep_school = s->school;
    s->place = model_find_place(f->m, "north");
    s->school = model_find_school(f->m, "north");
    roster_session_occurrence *o = occurrence_of(f, r, "MUSIC", "2026-09-07");
    move_occurrence(o, "2026-09-08", "10:00", "11:00");
    o->place = s->place;
    r->sessions[2].place = s->place; /* the other MUSIC, Saturday 12th */
    r->sessions[2].date = date_of("2026-09-11");
    expect(f, r, 1, "rule 10: ");
    s->place = keep_place;
    s->school = keep_school;
    roster_free(r);
}

/* ---- rule 11 ----------------------------------------------------------- */

static void test_rule11_place_field(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    occurrence_of(f, r, "ART", "2026-09-08")->place = model_find_place(f->m, "library");
    expect(f, r, 1, "rule 11: session 2026-09-08 07:30 ART/A3");
    roster_free(r);
}

static void test_rule11_period(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_occurrence(occurrence_of(f, r, "ART", "2026-09-15"), "2026-09-22", "07:00", "08:00");
    expect(f, r, 1, "rule 11: session 2026-09-22 07:00 ART/A3");
    roster_free(r);
}

static void test_rule11_slot_grid(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_occurrence(occurrence_of(f, r, "ART", "2026-09-15"), "2026-09-15", "07:10", "08:10");
    expect(f, r, 1, "rule 11: session 2026-09-15 07:10 ART/A3");
    roster_free(r);
}

static void test_rule11_minutes(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    occurrence_of(f, r, "ART", "2026-09-15")->end = time_of("08:15");
    expect(f, r, 1, "rule 11: session 2026-09-15 07:00 ART/A3");
    roster_free(r);
}

static void test_rule11_when(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_occurrence(occurrence_of(f, r, "ART", "2026-09-15"), "2026-09-15", "09:00", "10:00");
    expect(f, r, 1, "rule 11: session 2026-09-15 09:00 ART/A3");
    roster_free(r);
}

static void test_rule11_school_closed(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_occurrence(occurrence_of(f, r, "ART", "2026-09-08"), "2026-09-12", "07:30", "08:30");
    expect(f, r, 1, "rule 11: session 2026-09-12 07:30 ART/A3");
    roster_free(r);
}

static void test_rule11_skill(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    occurrence_of(f, r, "ART", "2026-09-15")->teacher = model_find_teacher(f->m, "C2");
    expect(f, r, 1, "rule 11: session 2026-09-15 07:00 ART/C2");
    roster_free(r);
}

static void test_rule11_available(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    model_teacher *t = teacher(f, "A3");
    t->available.v[0].start = time_of("07:15");
    expect(f, r, 1, "rule 11: session 2026-09-15 07:00 ART/A3");
    t->available.v[0].start = time_of("07:00");
    roster_free(r);
}

static void test_rule11_leave(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_occurrence(occurrence_of(f, r, "ART", "2026-09-15"), "2026-09-19", "07:00", "08:00");
    expect(f, r, 1, "rule 11: session 2026-09-19 07:00 ART/A3");
    roster_free(r);
}

static void test_rule11_dbs(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    model_teacher *t = teacher(f, "C2");
    int keep = t->dbs.cleared;
    t->dbs.cleared = date_of("2026-09-10");
    expect(f, r, 1, "rule 11: session 2026-09-07 10:00 MUSIC/C2");
    t->dbs.set = false;
    t->dbs.cleared = keep;
    expect(f, r, 2, "rule 11: session 2026-09-");
    t->dbs.set = true;
    roster_free(r);
}

static void test_rule11_venue(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    model_teacher *t = teacher(f, "C2");
    assert_int_equal(t->venues.v[0], model_find_place(f->m, "north"));
    t->venues.n = 1; /* north only */
    expect(f, r, 2, "rule 11: session 2026-09-");
    t->venues.n = 0; /* any school, and the library is not one */
    expect(f, r, 2, "rule 11: session 2026-09-");
    t->venues.n = 2;
    roster_free(r);
}

static void test_rule11_per_week(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    add_occurrence(f, r, "2026-09-09", "10:00", "11:00", "MUSIC", "C2", "library");
    resync(f, r);
    expect(f, r, 1, "rule 11: session 2026-09-12 10:00 MUSIC/C2");
    roster_free(r);
}

static void test_rule11_per_date(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    move_occurrence(occurrence_of(f, r, "MUSIC", "2026-09-12"), "2026-09-07", "14:00", "15:00");
    expect(f, r, 1, "rule 11: session 2026-09-07 14:00 MUSIC/C2");
    roster_free(r);
}

static void test_rule11_teacher_per_week(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    model_teacher *t = teacher(f, "C2");
    t->max_sessions_per_week = 1;
    expect(f, r, 1, "rule 11: session 2026-09-12 10:00 MUSIC/C2");
    t->max_sessions_per_week = 3;
    roster_free(r);
}

/* ---- objective and status ---------------------------------------------- */

static void test_objective_mismatch(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    r->value = 2210;
    r->bound = 2210;
    expect(f, r, 1, "objective: reported 2210 but the roster's Q is 2200");
    r->value = 2200 * (1 + 1e-9); /* within 1e-6 relative */
    expect(f, r, 0, "");
    roster_free(r);
}

static void test_objective_terms(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    double q = verify_objective(f->m, r);
    /* One more visit off the pattern at a new school day: +100 visit,
    ** -10 moved, -5 school day. */
    add_visit(f, r, "2026-09-10", "09:00", "10:00", "P4", "A3", "south");
    assert_true(verify_objective(f->m, r) == q + 100 - 10 - 5);
    /* P5's preference for A3 and the weights are read from the model. */
    f->m->weights.preference = 0;
    assert_true(verify_objective(f->m, r) == q + 100 - 10 - 5 - 3 * 20 - 2 * 20);
    f->m->weights.preference = 20;
    roster_free(r);
}

static void test_bound_below_value(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    r->bound = 2100;
    expect(f, r, 1, "objective: bound 2100 is below value 2200");
    roster_free(r);
}

static void test_optimal_with_gap(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    r->status = ROSTER_OPTIMAL;
    expect(f, r, 1, "status: optimal");
    r->bound = INFINITY; /* written as .inf: no bound known */
    expect(f, r, 1, "status: optimal");
    r->bound = 2200;
    expect(f, r, 0, "");
    roster_free(r);
}

static void test_no_roster_with_visits(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    r->status = ROSTER_NO_ROSTER;
    expect(f, r, 1, "status: no_roster");
    roster_free(r);
}

static void test_unmatched_but_matched(void **state) {
    fixture *f = *state;
    roster *r = fresh(f);
    r->unmatched[0].pupil = model_find_pupil(f->m, "P5");
    expect(f, r, 1, "unmatched: pupil P5");
    roster_free(r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_roster),
        cmocka_unit_test(test_rule1_second_advocate),
        cmocka_unit_test(test_rule1_visit_by_other_advocate),
        cmocka_unit_test(test_rule1_visit_without_assignment),
        cmocka_unit_test(test_rule1_assignment_without_visits),
        cmocka_unit_test(test_rule1_pattern_size),
        cmocka_unit_test(test_rule1_pattern_weekdays),
        cmocka_unit_test(test_rule1_pattern_unmatched),
        cmocka_unit_test(test_rule2_language),
        cmocka_unit_test(test_rule2_gender),
        cmocka_unit_test(test_rule2_experience),
        cmocka_unit_test(test_rule2_avoid),
        cmocka_unit_test(test_rule2_schools),
        cmocka_unit_test(test_rule3_period),
        cmocka_unit_test(test_rule3_minutes),
        cmocka_unit_test(test_rule3_slot_grid),
        cmocka_unit_test(test_rule3_school_field),
        cmocka_unit_test(test_rule3_window),
        cmocka_unit_test(test_rule3_window_after_move),
        cmocka_unit_test(test_rule3_unavailable),
        cmocka_unit_test(test_rule3_no_visits_partial_overlap),
        cmocka_unit_test(test_rule4_calendar),
        cmocka_unit_test(test_rule4_school_closed),
        cmocka_unit_test(test_rule5_available),
        cmocka_unit_test(test_rule5_leave),
        cmocka_unit_test(test_rule5_dbs_not_yet),
        cmocka_unit_test(test_rule5_dbs_expired),
        cmocka_unit_test(test_rule5_no_dbs),
        cmocka_unit_test(test_rule6_release),
        cmocka_unit_test(test_rule6_block),
        cmocka_unit_test(test_rule6_course_calendar),
        cmocka_unit_test(test_rule7_per_week),
        cmocka_unit_test(test_rule7_per_date),
        cmocka_unit_test(test_rule8_max_pupils),
        cmocka_unit_test(test_rule8_minutes),
        cmocka_unit_test(test_rule8_course_cap),
        cmocka_unit_test(test_rule9_overlap),
        cmocka_unit_test(test_rule9_travel),
        cmocka_unit_test(test_rule9_advocate_who_teaches),
        cmocka_unit_test(test_rule10_rooms),
        cmocka_unit_test(test_rule10_rooms_with_session),
        cmocka_unit_test(test_rule11_place_field),
        cmocka_unit_test(test_rule11_period),
        cmocka_unit_test(test_rule11_slot_grid),
        cmocka_unit_test(test_rule11_minutes),
        cmocka_unit_test(test_rule11_when),
        cmocka_unit_test(test_rule11_school_closed),
        cmocka_unit_test(test_rule11_skill),
        cmocka_unit_test(test_rule11_available),
        cmocka_unit_test(test_rule11_leave),
        cmocka_unit_test(test_rule11_dbs),
        cmocka_unit_test(test_rule11_venue),
        cmocka_unit_test(test_rule11_per_week),
        cmocka_unit_test(test_rule11_per_date),
        cmocka_unit_test(test_rule11_teacher_per_week),
        cmocka_unit_test(test_objective_mismatch),
        cmocka_unit_test(test_objective_terms),
        cmocka_unit_test(test_bound_below_value),
        cmocka_unit_test(test_optimal_with_gap),
        cmocka_unit_test(test_no_roster_with_visits),
        cmocka_unit_test(test_unmatched_but_matched),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
