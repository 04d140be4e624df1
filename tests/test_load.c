/*
** test_load.c: the loader (model_load_buffers): values and defaults of every
** section, merge rules across files, every validation error at its exact
** line and column, and hostile input.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"

#include "cal.h"
#include "model.h"

/* 13 lines: a valid programme, one calendar and one school (s1) with
** windows core and late. Error tests append to it, so their lines are
** BASE_LINES + n. */
#define BASE                                                   \
    "programme:\n"                                             \
    "  name: T\n"                                              \
    "  period: {from: 2026-09-07, to: 2026-12-18}\n"           \
    "calendars:\n"                                             \
    "  - id: cal\n"                                            \
    "    open: [{from: 2026-09-01, to: 2026-12-18}]\n"         \
    "schools:\n"                                               \
    "  - id: s1\n"                                             \
    "    phase: primary\n"                                     \
    "    calendar: cal\n"                                      \
    "    windows:\n"                                           \
    "      core: {days: mon-fri, start: \"08:45\", end: \"15:15\"}\n" \
    "      late: {days: mon-thu, start: \"13:00\", end: \"19:00\"}\n"
#define BASE_LINES 13

static model_programme *load_n(const char *const *texts, int n, diag_list *d) {
    const char *names[8];
    int lens[8];
    static const char *const file_names[8] = {"a.yaml", "b.yaml", "c.yaml", "d.yaml",
                                              "e.yaml", "f.yaml", "g.yaml", "h.yaml"};
    for (int i = 0; i < n; i++) {
        names[i] = file_names[i];
        lens[i] = (int)strlen(texts[i]);
    }
    return model_load_buffers(names, texts, lens, n, d);
}

static model_programme *load1(const char *text, diag_list *d) { return load_n(&text, 1, d); }

static void print_diags(const diag_list *d) { diag_print(d, stderr); }

/* Loads text, which must fail; the first error must be at line:col in
** a.yaml and contain msg. */
static void expect_error_at(const char *text, int line, int col, const char *msg, const char *where) {
    diag_list d;
    diag_init(&d);
    model_programme *m = load1(text, &d);
    if (m || d.kept == 0 || d.entries[0].pos.line != line || d.entries[0].pos.col != col ||
        !strstr(d.entries[0].message, msg) || !d.entries[0].pos.file ||
        strcmp(d.entries[0].pos.file, "a.yaml") != 0) {
        fprintf(stderr, "%s: expected %d:%d '%s', got:\n", where, line, col, msg);
        print_diags(&d);
        model_free(m);
        diag_clear(&d);
        fail();
    }
    diag_clear(&d);
}
#define ERR(text, line, col, msg) expect_error_at(text, line, col, msg, __FILE__ ":" _STR(__LINE__))
#define _STR(x) _STR2(x)
#define _STR2(x) #x

static bool has_error(const diag_list *d, const char *msg) {
    for (int i = 0; i < d->kept; i++)
        if (strstr(d->entries[i].message, msg)) return true;
    return false;
}

static model_programme *load_ok(const char *text) {
    diag_list d;
    diag_init(&d);
    model_programme *m = load1(text, &d);
    if (!m) print_diags(&d);
    diag_clear(&d);
    assert_non_null(m);
    return m;
}

static int date(const char *s) {
    int v = -1;
    assert_true(cal_parse_date(s, &v));
    return v;
}

/* ------------------------------------------------------------ full example */

static const char *const full_example =
    "programme:\n"
    "  name: Derby Area 1 Learning Advocates\n"
    "  period: {from: 2026-09-07, to: 2026-12-18}\n"
    "  slot_minutes: 15\n"
    "  weights: {visit: 120, match: 12.5}\n"
    "calendars:\n"
    "  - id: derby-schools\n"
    "    open:   [{from: 2026-09-03, to: 2026-12-18}]\n"
    "    closed: [{from: 2026-10-26, to: 2026-10-30, reason: half term},\n"
    "             {date: 2026-11-27, reason: INSET}]\n"
    "  - id: uod-2026\n"
    "    open: [{from: 2026-09-01, to: 2026-12-18}]\n"
    "places: [{id: library-central, name: Central Library}]\n"
    "travel:\n"
    "  default_minutes: 35\n"
    "  minutes: [[asterdale, west-park, 10], [university, asterdale, 25]]\n"
    "schools:\n"
    "  - id: asterdale\n"
    "    name: Asterdale Primary School\n"
    "    phase: primary\n"
    "    calendar: derby-schools\n"
    "    closed: [{date: 2026-10-09, reason: INSET}]\n"
    "    windows:\n"
    "      core:  {days: mon-fri, start: \"08:45\", end: \"15:15\"}\n"
    "      early: {days: mon-fri, start: 07:30, end: \"13:00\"}\n"
    "      late:  {days: mon-thu, start: \"13:00\", end: \"19:00\"}\n"
    "    no_visits: [{days: fri, start: \"08:45\", end: \"15:15\", reason: flexible Friday}]\n"
    "    rooms: 2\n"
    "  - id: west-park\n"
    "    phase: all-through\n"
    "    calendar: derby-schools\n"
    "    windows:\n"
    "      core: [{days: mon-thu, start: \"08:30\", end: \"15:00\"}, {days: [fri], start: \"08:30\", end: \"12:00\"}]\n"
    "      late: {days: fri-mon, start: \"15:00\", end: \"18:00\"}\n"
    "pupils:\n"
    "  - id: P017\n"
    "    school: asterdale\n"
    "    year: 6\n"
    "    windows: [core, late]\n"
    "    needs: {literacy: 3, aspiration: 2}\n"
    "    requires: {languages: [Urdu], gender: female, experience: {sen: 2}}\n"
    "    visits: {per_week: 2, minutes: 45}\n"
    "    priority: 2\n"
    "    previous_advocate: A03\n"
    "    prefers: [A01, A04]\n"
    "    avoid: [A07]\n"
    "    unavailable: [{days: wed, start: \"13:00\", end: \"15:15\", reason: swimming}]\n"
    "    moves: {school: west-park, windows: [late], on: 2027-09-01}\n"
    "  - {id: P018, school: west-park}\n"
    "advocates:\n"
    "  - id: A01\n"
    "    name: Ann\n"
    "    kind: staff\n"
    "    experience: {literacy: 3, family: 2}\n"
    "    languages: [english, urdu]\n"
    "    gender: female\n"
    "    max_pupils: 10\n"
    "    max_minutes_per_week: 600\n"
    "    available: [{days: [mon, tue, thu], start: \"08:00\", end: \"16:00\"}]\n"
    "    leave: [{from: 2026-11-16, to: 2026-11-20}]\n"
    "    dbs: {cleared: 2026-09-14, expires: 2029-09-13}\n"
    "    base: university\n"
    "    schools: [asterdale, west-park]\n"
    "  - {id: A03, kind: volunteer, available: []}\n"
    "  - {id: A04, kind: student, course: youth-community-2, available: []}\n"
    "  - {id: A07, kind: community, available: {days: sat, start: \"09:00\", end: \"12:00\"}}\n"
    "  - {id: C01, kind: staff, available: []}\n"
    "university:\n"
    "  name: University of Derby\n"
    "  place: university\n"
    "  courses:\n"
    "    - id: youth-community-2\n"
    "      name: BA Youth and Community Work, year 2\n"
    "      calendar: uod-2026\n"
    "      release: [{days: [wed, thu], start: \"08:00\", end: \"17:00\"}]\n"
    "      max_minutes_per_week: 360\n"
    "      blocks: [{from: 2026-11-02, to: 2026-11-27, reason: placement}]\n"
    "community_teachers:\n"
    "  - id: C01\n"
    "    skills: {gardening: 3, art: 2}\n"
    "    available: [{days: [tue, sat], start: \"07:00\", end: \"13:00\"}]\n"
    "    leave: []\n"
    "    dbs: {cleared: 2026-08-01, expires: 2029-07-31}\n"
    "    max_sessions_per_week: 2\n"
    "    venues: [asterdale, library-central]\n"
    "  - {id: C02, name: Carl, available: []}\n"
    "sessions:\n"
    "  - id: BRI-EARLY-MATHS\n"
    "    school: asterdale\n"
    "    subject: maths\n"
    "    min_level: 2\n"
    "    minutes: 90\n"
    "    when: [{days: [tue, wed], start: \"07:30\", end: \"10:00\"}]\n"
    "    per_week: 2\n"
    "    priority: 3\n"
    "  - {id: LIB, school: library-central, subject: Art, minutes: 60,\n"
    "     when: {days: sat, start: \"10:00\", end: \"12:00\"}}\n";

static void test_full_example_values(void **state) {
    (void)state;
    model_programme *m = load_ok(full_example);
    assert_string_equal(m->name, "Derby Area 1 Learning Advocates");
    assert_int_equal(m->period_from, date("2026-09-07"));
    assert_int_equal(m->period_to, date("2026-12-18"));
    assert_int_equal(m->slot_minutes, 15);
    assert_true(m->weights.visit == 120 && m->weights.match == 12.5);
    assert_true(m->weights.continuity == 50 && m->weights.preference == 20 && m->weights.moved == 10);
    assert_true(m->weights.school_day == 5 && m->weights.session == 100);
    assert_true(m->weights.reassign == 200 && m->weights.repattern == 20);

    /* calendars */
    assert_int_equal(m->n_calendars, 2);
    int dc = model_find_calendar(m, "derby-schools");
    assert_int_equal(dc, 0);
    const model_calendar *cal = &m->calendars[dc];
    assert_int_equal(cal->open.n, 1);
    assert_int_equal(cal->closed.n, 2);
    assert_string_equal(cal->closed.v[0].reason, "half term");
    assert_int_equal(cal->closed.v[1].from, date("2026-11-27"));
    assert_int_equal(cal->closed.v[1].to, date("2026-11-27"));

    /* places: two schools, the library, the university (added) */
    assert_int_equal(m->n_schools, 2);
    assert_int_equal(m->n_places, 4);
    int lib = model_find_place(m, "library-central"), uni = model_find_place(m, "university");
    int ast = model_find_school(m, "asterdale"), wp = model_find_school(m, "west-park");
    assert_true(lib >= 0 && uni >= 0 && ast >= 0 && wp >= 0);
    assert_string_equal(m->places[lib].name, "Central Library");
    assert_int_equal(m->places[lib].school, -1);
    assert_int_equal(m->university_place, uni);
    assert_string_equal(m->university_name, "University of Derby");
    assert_int_equal(model_find_school(m, "library-central"), -1);

    /* travel: symmetric, 0 to itself, default otherwise */
    int pa = m->schools[ast].place, pw = m->schools[wp].place;
    assert_int_equal(m->travel_default, 35);
    assert_int_equal(model_travel(m, pa, pw), 10);
    assert_int_equal(model_travel(m, pw, pa), 10);
    assert_int_equal(model_travel(m, uni, pa), 25);
    assert_int_equal(model_travel(m, pa, uni), 25);
    assert_int_equal(model_travel(m, pa, pa), 0);
    assert_int_equal(model_travel(m, lib, pw), 35);

    /* schools */
    const model_school *s = &m->schools[ast];
    assert_string_equal(s->name, "Asterdale Primary School");
    assert_int_equal(s->phase, MODEL_PHASE_PRIMARY);
    assert_int_equal(s->calendar, dc);
    assert_int_equal(s->closed.n, 1);
    assert_string_equal(s->closed.v[0].reason, "INSET");
    assert_int_equal(s->n_windows, 3);
    const model_school_window *early = model_school_window_named(s, model_find_name(m, "early"));
    assert_non_null(early);
    assert_int_equal(early->entries.n, 1);
    assert_int_equal(early->entries.v[0].start, 7 * 60 + 30); /* plain 07:30 as good as quoted */
    assert_int_equal(early->entries.v[0].end, 13 * 60);
    assert_int_equal(early->entries.v[0].days, 0x1f);
    assert_int_equal(s->no_visits.n, 1);
    assert_int_equal(s->no_visits.v[0].days, 1 << 4);
    assert_string_equal(s->no_visits.v[0].reason, "flexible Friday");
    assert_int_equal(s->rooms, 2);
    const model_school *w = &m->schools[wp];
    assert_string_equal(w->name, "west-park");
    assert_int_equal(w->phase, MODEL_PHASE_ALL_THROUGH);
    assert_int_equal(w->rooms, 1);
    const model_school_window *core = model_school_window_named(w, model_find_name(m, "core"));
    assert_int_equal(core->entries.n, 2);
    assert_int_equal(core->entries.v[1].days, 1 << 4);
    const model_school_window *late = model_school_window_named(w, model_find_name(m, "late"));
    assert_int_equal(late->entries.v[0].days, (1 << 4) | (1 << 5) | (1 << 6) | 1); /* fri-mon wraps */

    /* pupils */
    int p17 = model_find_pupil(m, "P017");
    const model_pupil *p = &m->pupils[p17];
    assert_int_equal(p->school, ast);
    assert_int_equal(p->year, 6);
    assert_int_equal(p->windows.n, 2);
    assert_int_equal(p->windows.v[1], model_find_name(m, "late"));
    assert_int_equal(model_level_of(&p->needs, model_find_name(m, "literacy")), 3);
    assert_int_equal(model_level_of(&p->needs, model_find_name(m, "aspiration")), 2);
    assert_int_equal(model_level_of(&p->needs, model_find_name(m, "family")), 0);
    assert_int_equal(p->req_languages.n, 1);
    assert_int_equal(p->req_languages.v[0], model_find_name(m, "urdu")); /* names fold case */
    assert_int_equal(p->req_gender, model_find_name(m, "female"));
    assert_int_equal(model_level_of(&p->req_experience, model_find_name(m, "sen")), 2);
    assert_int_equal(p->per_week, 2);
    assert_int_equal(p->minutes, 45);
    assert_int_equal(p->priority, 2);
    assert_int_equal(p->previous_advocate, model_find_advocate(m, "A03"));
    assert_int_equal(p->prefers.n, 2);
    assert_int_equal(p->prefers.v[0], model_find_advocate(m, "A01"));
    assert_int_equal(p->prefers.v[1], model_find_advocate(m, "A04"));
    assert_int_equal(p->avoid.n, 1);
    assert_int_equal(p->avoid.v[0], model_find_advocate(m, "A07"));
    assert_int_equal(p->unavailable.n, 1);
    assert_string_equal(p->unavailable.v[0].reason, "swimming");
    assert_true(p->moves);
    assert_int_equal(p->moves_school, wp);
    assert_int_equal(p->moves_on, date("2027-09-01"));
    assert_int_equal(model_pupil_school_on(m, p, date("2027-08-31")), ast);
    assert_int_equal(model_pupil_school_on(m, p, date("2027-09-01")), wp);
    assert_int_equal(model_pupil_windows_on(p, date("2026-09-07"))->n, 2);
    assert_int_equal(model_pupil_windows_on(p, date("2027-09-01"))->v[0], model_find_name(m, "late"));
    /* defaults */
    const model_pupil *q = &m->pupils[model_find_pupil(m, "P018")];
    assert_int_equal(q->windows.n, 1);
    assert_int_equal(q->windows.v[0], model_find_name(m, "core"));
    assert_int_equal(q->per_week, 1);
    assert_int_equal(q->minutes, 60);
    assert_int_equal(q->priority, 1);
    assert_int_equal(q->year, 0);
    assert_int_equal(q->previous_advocate, -1);
    assert_int_equal(q->req_gender, -1);
    assert_false(q->moves);
    assert_int_equal(model_pupil_school_on(m, q, date("2030-01-01")), wp);

    /* advocates */
    const model_advocate *a = &m->advocates[model_find_advocate(m, "A01")];
    assert_string_equal(a->name, "Ann");
    assert_int_equal(a->kind, MODEL_KIND_STAFF);
    assert_int_equal(model_level_of(&a->experience, model_find_name(m, "family")), 2);
    assert_int_equal(a->languages.n, 2);
    assert_int_equal(a->gender, model_find_name(m, "female"));
    assert_int_equal(a->max_pupils, 10);
    assert_int_equal(a->max_minutes_per_week, 600);
    assert_int_equal(a->available.n, 1);
    assert_int_equal(a->available.v[0].days, 1 | 2 | 8);
    assert_int_equal(a->leave.n, 1);
    assert_true(a->dbs.set);
    assert_int_equal(a->dbs.cleared, date("2026-09-14"));
    assert_int_equal(a->dbs.expires, date("2029-09-13"));
    assert_int_equal(a->base, uni);
    assert_int_equal(a->course, -1);
    assert_int_equal(a->schools.n, 2);
    assert_int_equal(a->schools.v[1], wp);
    assert_int_equal(a->teacher, -1);
    const model_advocate *a3 = &m->advocates[model_find_advocate(m, "A03")];
    assert_string_equal(a3->name, "A03");
    assert_int_equal(a3->kind, MODEL_KIND_VOLUNTEER);
    assert_int_equal(a3->max_pupils, MODEL_NO_LIMIT);
    assert_int_equal(a3->max_minutes_per_week, MODEL_NO_LIMIT);
    assert_false(a3->dbs.set);
    assert_int_equal(a3->base, -1);
    assert_int_equal(a3->gender, -1);
    const model_advocate *a4 = &m->advocates[model_find_advocate(m, "A04")];
    assert_int_equal(a4->kind, MODEL_KIND_STUDENT);
    assert_int_equal(a4->course, model_find_course(m, "youth-community-2"));
    assert_int_equal(m->advocates[model_find_advocate(m, "A07")].available.n, 1); /* one window, not a list */

    /* course */
    const model_course *k = &m->courses[model_find_course(m, "youth-community-2")];
    assert_string_equal(k->name, "BA Youth and Community Work, year 2");
    assert_int_equal(k->calendar, model_find_calendar(m, "uod-2026"));
    assert_int_equal(k->release.n, 1);
    assert_int_equal(k->max_minutes_per_week, 360);
    assert_int_equal(k->blocks.n, 1);
    assert_string_equal(k->blocks.v[0].reason, "placement");

    /* teachers; C01 is also an advocate: one person */
    int c1 = model_find_teacher(m, "C01"), ac1 = model_find_advocate(m, "C01");
    const model_teacher *t = &m->teachers[c1];
    assert_int_equal(t->advocate, ac1);
    assert_int_equal(m->advocates[ac1].teacher, c1);
    assert_int_equal(model_level_of(&t->skills, model_find_name(m, "gardening")), 3);
    assert_int_equal(t->max_sessions_per_week, 2);
    assert_int_equal(t->venues.n, 2);
    assert_int_equal(t->venues.v[0], pa);
    assert_int_equal(t->venues.v[1], lib);
    assert_true(t->dbs.set);
    assert_int_equal(t->leave.n, 0);
    const model_teacher *t2 = &m->teachers[model_find_teacher(m, "C02")];
    assert_string_equal(t2->name, "Carl");
    assert_int_equal(t2->advocate, -1);
    assert_int_equal(t2->max_sessions_per_week, MODEL_NO_LIMIT);
    assert_int_equal(t2->venues.n, 0);

    /* sessions */
    const model_session *se = &m->sessions[model_find_session(m, "BRI-EARLY-MATHS")];
    assert_int_equal(se->place, pa);
    assert_int_equal(se->school, ast);
    assert_int_equal(se->subject, model_find_name(m, "maths"));
    assert_int_equal(se->min_level, 2);
    assert_int_equal(se->minutes, 90);
    assert_int_equal(se->when.n, 1);
    assert_int_equal(se->per_week, 2);
    assert_int_equal(se->priority, 3);
    const model_session *lb = &m->sessions[model_find_session(m, "LIB")];
    assert_int_equal(lb->place, lib);
    assert_int_equal(lb->school, -1);
    assert_int_equal(lb->subject, model_find_name(m, "art"));
    assert_int_equal(lb->per_week, 1);
    assert_int_equal(lb->priority, 1);
    assert_int_equal(lb->min_level, 0);

    /* lookups of what is absent */
    assert_int_equal(model_find_pupil(m, "P999"), -1);
    assert_int_equal(model_find_advocate(m, "P017"), -1);
    assert_int_equal(model_find_name(m, "klingon"), -1);
    assert_int_equal(model_find_session(m, "nope"), -1);
    assert_string_equal(model_phase_name(MODEL_PHASE_ALL_THROUGH), "all-through");
    assert_string_equal(model_kind_name(MODEL_KIND_STUDENT), "student");
    diag_pos pos = model_pos(p->node);
    assert_string_equal(pos.file, "a.yaml");
    assert_int_equal(pos.line, 36);
    model_free(m);
}

static void test_minimal_defaults(void **state) {
    (void)state;
    model_programme *m = load_ok(BASE);
    assert_string_equal(m->name, "T");
    assert_int_equal(m->slot_minutes, 15);
    assert_true(m->weights.visit == 100 && m->weights.match == 10 && m->weights.reassign == 200 &&
                m->weights.repattern == 20);
    assert_int_equal(m->travel_default, 30);
    assert_int_equal(m->n_places, 1);
    assert_null(m->university_name);
    assert_int_equal(m->university_place, -1);
    assert_int_equal(m->n_pupils + m->n_advocates + m->n_teachers + m->n_sessions + m->n_courses, 0);
    model_free(m);
    /* an unnamed programme still loads */
    m = load_ok("programme: {period: {from: 2026-09-07, to: 2026-09-07}, slot_minutes: 120}\n");
    assert_int_equal(m->slot_minutes, 120);
    assert_non_null(m->name);
    model_free(m);
}

/* -------------------------------------------------------------- merge rules */

static void test_merge_lists_and_cross_file_refs(void **state) {
    (void)state;
    const char *files[3] = {
        "pupils:\n  - {id: P1, school: s2, prefers: [A1]}\n",
        BASE "advocates: [{id: A1, kind: staff, available: []}]\n",
        "schools:\n  - {id: s2, phase: special, calendar: cal, windows: {core: {days: mon, start: \"09:00\", end: "
        "\"10:00\"}}}\npupils: [{id: P2, school: s1}]\n",
    };
    diag_list d;
    diag_init(&d);
    model_programme *m = load_n(files, 3, &d);
    if (!m) print_diags(&d);
    assert_non_null(m);
    assert_int_equal(m->n_schools, 2);
    assert_int_equal(m->n_pupils, 2);
    assert_int_equal(m->pupils[model_find_pupil(m, "P1")].school, model_find_school(m, "s2"));
    assert_int_equal(m->pupils[model_find_pupil(m, "P1")].prefers.v[0], 0);
    assert_int_equal(m->pupils[model_find_pupil(m, "P2")].school, model_find_school(m, "s1"));
    assert_string_equal(m->pupils[0].node->pos.file, "a.yaml");
    assert_string_equal(m->schools[1].node->pos.file, "c.yaml");
    model_free(m);
    diag_clear(&d);
}

static void test_second_programme_rejected(void **state) {
    (void)state;
    const char *files[2] = {BASE, "# again\nprogramme: {period: {from: 2026-09-07, to: 2026-12-18}}\n"};
    diag_list d;
    diag_init(&d);
    assert_null(load_n(files, 2, &d));
    assert_int_equal(d.total, 1);
    assert_string_equal(d.entries[0].pos.file, "b.yaml");
    assert_int_equal(d.entries[0].pos.line, 2);
    assert_int_equal(d.entries[0].pos.col, 1);
    assert_non_null(strstr(d.entries[0].message, "first given at a.yaml:1"));
    diag_clear(&d);

    const char *t2[2] = {BASE "travel: {default_minutes: 5}\n", "travel: {default_minutes: 6}\n"};
    diag_init(&d);
    assert_null(load_n(t2, 2, &d));
    assert_non_null(strstr(d.entries[0].message, "'travel' is given a second time; it was first given at a.yaml:14"));
    diag_clear(&d);
    const char *u2[2] = {BASE "university: {name: U}\n", "university: {name: V}\n"};
    diag_init(&d);
    assert_null(load_n(u2, 2, &d));
    assert_non_null(strstr(d.entries[0].message, "'university' is given a second time"));
    diag_clear(&d);
}

static void test_programme_required(void **state) {
    (void)state;
    ERR("", 1, 1, "no 'programme' section in the input file");
    const char *files[2] = {"pupils: []\n", "places: []\n"};
    diag_list d;
    diag_init(&d);
    assert_null(load_n(files, 2, &d));
    assert_non_null(strstr(d.entries[0].message, "no 'programme' section in any input file"));
    assert_string_equal(d.entries[0].pos.file, "a.yaml");
    diag_clear(&d);
}

/* ------------------------------------------------------------ validation */

static void test_unknown_keys(void **state) {
    (void)state;
    ERR(BASE "pupils:\n  - id: P017\n    school: s1\n    windws: [core]\n", 17, 5,
        "unknown key 'windws' in pupil; expected one of: id, school, year, windows, needs, requires");
    ERR(BASE "sesions: []\n", 14, 1, "unknown key 'sesions' in the top level; expected one of: programme,");
    ERR("programme: {period: {from: 2026-09-07, to: 2026-12-18}, slots: 5}\n", 1, 57,
        "unknown key 'slots' in programme");
    ERR(BASE "advocates: [{id: A, kind: staff, available: [{days: mon, start: \"09:00\", end: \"10:00\", fin: 1}]}]\n",
        14, 88, "unknown key 'fin' in window; expected one of: days, start, end, reason");
    ERR(BASE "advocates: [{id: A, kind: staff, available: [], leave: [{date: 2026-01-01, form: 2026-01-02}]}]\n", 14, 76,
        "unknown key 'form' in period");
    ERR("programme: {period: {from: 2026-09-07, to: 2026-12-18}, weights: {vist: 1}}\n", 1, 67,
        "unknown key 'vist' in weights");
}

static void test_wrong_types(void **state) {
    (void)state;
    ERR(BASE "pupils:\n  - id: P1\n    school: s1\n    unavailable: swimming\n", 17, 18,
        "pupil P1: unavailable: expected a list of windows, got a single value");
    ERR(BASE "pupils: {id: P1}\n", 14, 9, "pupils: expected a list, got a mapping");
    ERR(BASE "pupils: [P1]\n", 14, 10, "pupil: expected a mapping");
    ERR(BASE "pupils: [{id: P1, school: s1, needs: [literacy]}]\n", 14, 38, "expected a mapping of name: level, got a list");
    ERR(BASE "pupils: [{id: P1, school: [s1]}]\n", 14, 27, "expected an id, got a list");
    ERR("programme: [1]\n", 1, 12, "programme: expected a mapping");
    ERR(BASE "travel: {minutes: [[s1, 5]]}\n", 14, 20, "expected [place, place, minutes]");
}

static void test_missing_required(void **state) {
    (void)state;
    ERR(BASE "pupils:\n  - id: P1\n", 15, 5, "pupil P1: missing required key 'school'");
    ERR(BASE "advocates: [{id: A1, kind: staff}]\n", 14, 13, "advocate A1: missing required key 'available'");
    ERR(BASE "community_teachers: [{id: C1}]\n", 14, 22, "missing required key 'available'");
    ERR("programme: {name: x}\n", 1, 12, "programme: missing required key 'period'");
    ERR(BASE "pupils:\n  - id: P1\n    school:\n", 16, 12, "school: a value is required");
}

static void test_bad_ids(void **state) {
    (void)state;
    ERR(BASE "pupils: [{id: \"P 1\", school: s1}]\n", 14, 15, "'P 1' is not a valid id (1 to 64 letters");
    ERR(BASE "pupils: [{id: "
             "P12345678901234567890123456789012345678901234567890123456789012345, school: s1}]\n",
        14, 15, "is not a valid id");
    model_programme *m = load_ok(BASE "pupils: [{id: "
                                      "P123456789012345678901234567890123456789012345678901234567890123, "
                                      "school: s1}]\n"); /* exactly 64 */
    model_free(m);
    ERR(BASE "pupils: [{id: \"\", school: s1}]\n", 14, 15, "is not a valid id");
}

static void test_dates(void **state) {
    (void)state;
    ERR("programme: {period: {from: 2026-02-30, to: 2026-12-18}}\n", 1, 28, "2026-02-30 is not a real date");
    ERR("programme: {period: {from: 2026-9-7, to: 2026-12-18}}\n", 1, 28,
        "expected a date YYYY-MM-DD, got '2026-9-7'");
    ERR("programme: {period: {from: 2300-01-01, to: 2300-12-18}}\n", 1, 28, "outside 1900..2199");
    ERR("programme: {period: {from: 2026-12-18, to: 2026-09-07}}\n", 1, 44, "to 2026-09-07 is before from 2026-12-18");
    ERR("programme: {period: {from: 2026-01-01, to: 2029-01-01}}\n", 1, 21, "at most 731 days");
    ERR("programme: {period: {date: 2026-09-07, to: 2026-09-08}}\n", 1, 28, "give either date or from and to");
    model_programme *m = load_ok("programme: {period: {from: 2028-02-29, to: 2028-03-01}}\n"); /* leap day */
    assert_int_equal(m->period_to - m->period_from, 1);
    model_free(m);
    ERR("programme: {period: {from: 2027-02-29, to: 2027-03-01}}\n", 1, 28, "2027-02-29 is not a real date");
    ERR(BASE "advocates: [{id: A, kind: staff, available: [], dbs: {cleared: 2026-09-14, expires: 2025-01-01}}]\n",
        14, 85, "dbs: expires 2025-01-01 is before cleared 2026-09-14");
}

#define AVAIL(days, start, end)                                                                              \
    BASE "advocates: [{id: A, kind: staff, available: [{days: " days ", start: " start ", end: " end "}]}]\n"
/* column of the start value in AVAIL lines with days "mon" */
#define AV_START 65
#define AV_END (AV_START + 14)

static void test_times_and_days(void **state) {
    (void)state;
    ERR(AVAIL("mon", "\"24:15\"", "\"10:00\""), 14, AV_START, "24:15 is not a time of day (00:00 to 24:00)");
    ERR(AVAIL("mon", "\"08:50\"", "\"10:00\""), 14, AV_START, "08:50 is not on the 15-minute slot grid");
    ERR(AVAIL("mon", "\"8:45\"", "\"10:00\""), 14, AV_START, "expected a time \"HH:MM\", got '8:45'");
    ERR(AVAIL("mon", "\"10:00\"", "\"10:00\""), 14, AV_END, "end 10:00 is not after start 10:00");
    ERR(AVAIL("mon", "\"11:00\"", "\"10:00\""), 14, AV_END, "end 10:00 is not after start 11:00");
    ERR(AVAIL("mun", "\"09:00\"", "\"10:00\""), 14, 53, "'mun' is not a day (mon tue wed thu fri sat sun)");
    ERR(AVAIL("mon-fry", "\"09:00\"", "\"10:00\""), 14, 53, "'mon-fry' is not a day");
    ERR(AVAIL("[mon, Tue]", "\"09:00\"", "\"10:00\""), 14, 59, "'Tue' is not a day");
    ERR(AVAIL("[]", "\"09:00\"", "\"10:00\""), 14, 53, "the list of days is empty");
    model_programme *m = load_ok(AVAIL("[mon, thu-fri]", "09:00", "\"24:00\""));
    assert_int_equal(m->advocates[0].available.v[0].days, 1 | 8 | 16);
    assert_int_equal(m->advocates[0].available.v[0].start, 540);
    assert_int_equal(m->advocates[0].available.v[0].end, 1440);
    model_free(m);
}

static void test_numbers(void **state) {
    (void)state;
    ERR(BASE "pupils: [{id: P1, school: s1, needs: {literacy: 6}}]\n", 14, 49, "needs: expected 0..5, got 6");
    ERR(BASE "pupils: [{id: P1, school: s1, priority: 0}]\n", 14, 41, "priority: expected 1..5, got 0");
    ERR(BASE "pupils: [{id: P1, school: s1, priority: 6}]\n", 14, 41, "priority: expected 1..5, got 6");
    ERR(BASE "pupils: [{id: P1, school: s1, visits: {per_week: 8}}]\n", 14, 50, "visits.per_week: expected 1..7, got 8");
    ERR(BASE "pupils: [{id: P1, school: s1, visits: {minutes: 50}}]\n", 14, 49,
        "50 minutes is not a multiple of the 15-minute slot");
    ERR(BASE "pupils: [{id: P1, school: s1, visits: {minutes: 0}}]\n", 14, 49, "expected 1..1440, got 0");
    ERR(BASE "pupils: [{id: P1, school: s1, year: 3x}]\n", 14, 37, "expected a whole number, got '3x'");
    ERR(BASE "pupils: [{id: P1, school: s1, year: 99999999999999999999}]\n", 14, 37,
        "number out of range: '99999999999999999999'");
    ERR(BASE "pupils: [{id: P1, school: s1, year: 1180591620717411303424}]\n", 14, 37, "number out of range"); /* 2^70 */
    ERR(BASE "pupils: [{id: P1, school: s1, year: 15}]\n", 14, 37, "year: expected 0..14, got 15");
    ERR(BASE "pupils: [{id: P1, school: s1, year: 0x10}]\n", 14, 37, "expected a whole number");
    ERR("programme: {period: {date: 2026-09-07}, slot_minutes: 7}\n", 1, 55, "7 does not divide an hour");
    ERR("programme: {period: {date: 2026-09-07}, slot_minutes: 0}\n", 1, 55, "expected 1..1440, got 0");
    ERR("programme: {period: {date: 2026-09-07}, slot_minutes: 90}\n", 1, 55, "90 does not divide");
    ERR("programme: {period: {date: 2026-09-07}, weights: {visit: -1}}\n", 1, 58, "number out of range: '-1'");
    ERR("programme: {period: {date: 2026-09-07}, weights: {visit: lots}}\n", 1, 58, "expected a number, got 'lots'");
    ERR("programme: {period: {date: 2026-09-07}, weights: {visit: .inf}}\n", 1, 58, "expected a number");
    ERR("programme: {period: {date: 2026-09-07}, weights: {visit: 1e400}}\n", 1, 58, "expected a number");
    ERR(BASE "    rooms: 0\n", 14, 12, "school s1: rooms: expected 1..1000, got 0");
    ERR(BASE "sessions: [{id: S, school: s1, subject: art, minutes: 60, when: [], per_week: 8}]\n", 14, 79,
        "per_week: expected 1..7, got 8");
    ERR(BASE "advocates: [{id: A, kind: staff, available: [], max_pupils: -1}]\n", 14, 61, "expected 0..100000, got -1");
    /* with 10-minute slots the default 60-minute visit is fine, 45 is not */
    ERR("programme: {period: {date: 2026-09-07}, slot_minutes: 10}\n"
        "calendars: [{id: cal, open: []}]\n"
        "schools: [{id: s1, phase: primary, calendar: cal, windows: {core: {days: mon, start: \"08:40\", end: \"09:00\"}}}]\n"
        "pupils: [{id: P1, school: s1, visits: {minutes: 45}}]\n",
        4, 49, "45 minutes is not a multiple of the 10-minute slot");
}

static void test_duplicates(void **state) {
    (void)state;
    ERR(BASE "pupils: [{id: P1, school: s1}, {id: P1, school: s1}]\n", 14, 37,
        "duplicate pupil id 'P1' (first defined at a.yaml:14:15)");
    ERR(BASE "pupils: [{id: P1, school: s1}]\nadvocates: [{id: P1, kind: staff, available: []}]\n", 15, 18,
        "id 'P1' is already used by a pupil at a.yaml:14:15 (pupils, advocates and community teachers");
    ERR(BASE "pupils: [{id: P1, school: s1}]\ncommunity_teachers: [{id: P1, available: []}]\n", 15, 27,
        "already used by a pupil");
    ERR(BASE "community_teachers: [{id: C, available: []}, {id: C, available: []}]\n", 14, 51,
        "duplicate community teacher id 'C'");
    ERR(BASE "advocates: [{id: A, kind: staff, available: []}, {id: A, kind: staff, available: []}]\n", 14, 55,
        "duplicate advocate id 'A'");
    ERR(BASE "places: [{id: s1}]\n", 14, 15, "id 's1' is already used by a school at a.yaml:8:9 (schools, places and the university place");
    ERR(BASE "university: {place: s1}\n", 14, 21, "id 's1' is already used by a school");
    ERR("programme: {period: {date: 2026-09-07}}\ncalendars:\n  - {id: cal, open: []}\n  - {id: cal, open: []}\n", 4, 10,
        "duplicate calendar id 'cal' (first defined at a.yaml:3:10)");
    ERR(BASE "university: {courses: [{id: k, release: []}, {id: k, release: []}]}\n", 14, 51, "duplicate course id 'k'");
    ERR(BASE "sessions: [{id: S, school: s1, subject: art, minutes: 60, when: []}, {id: S, school: s1, subject: "
             "art, minutes: 60, when: []}]\n",
        14, 75, "duplicate session id 'S'");
    ERR(BASE "      Core: {days: mon, start: \"09:00\", end: \"10:00\"}\n", 14, 7, "window 'Core' is given twice");
    ERR(BASE "pupils: [{id: P1, school: s1, needs: {art: 1, Art: 2}}]\n", 14, 47, "'Art' is given twice");
    ERR(BASE "pupils: [{id: P1, school: s1, prefers: [A, A]}]\nadvocates: [{id: A, kind: staff, available: []}]\n",
        14, 44, "'A' is listed twice");
    ERR(BASE "travel: {minutes: [[s1, lib, 5], [lib, s1, 6]]}\nplaces: [{id: lib}]\n", 14, 34,
        "travel between lib and s1 is already given at line 14");
    /* a university place that is a `places` id is that place, not a duplicate */
    model_programme *m = load_ok(BASE "places: [{id: campus}]\nuniversity: {place: campus}\n");
    assert_int_equal(m->n_places, 2); /* s1 and campus; no extra place */
    assert_int_equal(m->university_place, model_find_place(m, "campus"));
    model_free(m);
}

static void test_dangling_references(void **state) {
    (void)state;
    ERR(BASE "pupils: [{id: P017, school: astredale}]\n", 14, 29,
        "pupil P017: school 'astredale' is not defined (schools: s1)");
    ERR(BASE "  - {id: s2, phase: primary, calendar: cl, windows: {core: {days: mon, start: \"09:00\", end: \"10:00\"}}}\n",
        14, 40, "school s2: calendar 'cl' is not defined (calendars: cal)");
    ERR(BASE "pupils: [{id: P1, school: s1, moves: {school: s9, on: 2027-09-01}}]\n", 14, 47,
        "moves.school: school 's9' is not defined");
    ERR(BASE "pupils: [{id: P1, school: s1, windows: [core, early]}]\n", 14, 47,
        "pupil P1: windows: window 'early' is not defined at school s1 (windows: core, late)");
    ERR(BASE "pupils: [{id: P1, school: s1, moves: {school: s1, windows: [erly], on: 2027-09-01}}]\n", 14, 61,
        "moves.windows: window 'erly' is not defined at school s1");
    ERR(BASE "university: {courses: [{id: k, calendar: nope, release: []}]}\n", 14, 42,
        "course k: calendar 'nope' is not defined");
    ERR(BASE "advocates: [{id: A, kind: student, course: k, available: []}]\n", 14, 44,
        "advocate A: course 'k' is not defined (no courses are defined)");
    ERR(BASE "advocates: [{id: A, kind: staff, available: [], base: home}]\n", 14, 55,
        "advocate A: base: school or place 'home' is not defined (schools and places: s1)");
    ERR(BASE "advocates: [{id: A, kind: staff, available: [], schools: [s1, s2]}]\n", 14, 63,
        "advocate A: schools: school 's2' is not defined");
    ERR(BASE "places: [{id: lib}]\nadvocates: [{id: A, kind: staff, available: [], schools: [lib]}]\n", 15, 59,
        "school 'lib' is not defined");
    ERR(BASE "pupils: [{id: P1, school: s1, previous_advocate: A9}]\n", 14, 50,
        "previous_advocate: advocate 'A9' is not defined");
    ERR(BASE "pupils: [{id: P1, school: s1, prefers: [A9]}]\n", 14, 41, "prefers: advocate 'A9' is not defined");
    ERR(BASE "pupils: [{id: P1, school: s1, avoid: [P1]}]\n", 14, 39, "avoid: advocate 'P1' is not defined");
    ERR(BASE "community_teachers: [{id: C, available: [], venues: [s1, libary]}]\n", 14, 58,
        "venues: school or place 'libary' is not defined");
    ERR(BASE "sessions: [{id: S, school: hall, subject: art, minutes: 60, when: []}]\n", 14, 28,
        "session S: school: school or place 'hall' is not defined");
    ERR(BASE "travel: {minutes: [[s1, nowhere, 5]]}\n", 14, 25, "travel: minutes: school or place 'nowhere' is not defined");
}

static void test_did_you_mean(void **state) {
    (void)state;
    /* with many schools the message suggests the closest id */
    char *text = malloc(20000);
    size_t used = (size_t)snprintf(text, 20000, "%s", BASE);
    for (int i = 0; i < 12; i++)
        used += (size_t)snprintf(text + used, 20000 - used,
                                 "  - {id: school-%02d, phase: primary, calendar: cal, windows: {core: {days: mon, "
                                 "start: \"09:00\", end: \"10:00\"}}}\n",
                                 i);
    snprintf(text + used, 20000 - used, "pupils: [{id: P1, school: schol-07}]\n");
    ERR(text, BASE_LINES + 13, 27, "school 'schol-07' is not defined (did you mean 'school-07'?)");
    free(text);
}

static void test_enums_and_rules(void **state) {
    (void)state;
    ERR(BASE "advocates: [{id: A, kind: teacher, available: []}]\n", 14, 27,
        "kind: 'teacher' is not a kind of advocate; expected one of: staff, student, community, volunteer");
    ERR(BASE "  - {id: s2, phase: infant, calendar: cal, windows: {core: {days: mon, start: \"09:00\", end: \"10:00\"}}}\n",
        14, 21, "'infant' is not a phase; expected one of: primary, secondary, all-through, special, college");
    ERR(BASE "advocates: [{id: A, kind: staff, available: [], gender: \"fe male\"}]\n", 14, 57,
        "gender: 'fe male' is not a valid name");
    ERR(BASE "pupils: [{id: P1, school: s1, requires: {gender: [f]}}]\n", 14, 50, "requires.gender: expected a name, got a list");
    ERR(BASE "advocates: [{id: A, kind: student, available: []}]\n", 14, 27, "a student needs a course");
    ERR(BASE "university: {courses: [{id: k, release: []}]}\nadvocates: [{id: A, kind: staff, course: k, available: []}]\n",
        15, 42, "only a student has a course, but kind is staff");
    ERR(BASE "  - {id: s2, phase: primary, calendar: cal, windows: {late: {days: mon, start: \"09:00\", end: \"10:00\"}}}\n",
        14, 54, "school s2: windows: the 'core' window is required");
    ERR(BASE "travel: {minutes: [[s1, s1, 5]]}\n", 14, 29, "travel from s1 to itself is always 0");
}

static void test_all_problems_reported(void **state) {
    (void)state;
    diag_list d;
    diag_init(&d);
    const char *text = BASE "pupils:\n"
                            "  - {id: P1, school: nope, priority: 9}\n"
                            "  - {id: P2, school: s1, year: x}\n"
                            "advocates: [{id: A1, kind: boss, available: [{days: mon, start: \"09:10\", end: \"10:00\"}]}]\n";
    assert_null(load1(text, &d));
    assert_int_equal(d.total, 5);
    /* reported in reading order */
    for (int i = 1; i < d.kept; i++) assert_true(d.entries[i - 1].pos.line <= d.entries[i].pos.line);
    assert_true(has_error(&d, "school 'nope'"));
    assert_true(has_error(&d, "expected 1..5, got 9"));
    assert_true(has_error(&d, "got 'x'"));
    assert_true(has_error(&d, "'boss' is not a kind"));
    assert_true(has_error(&d, "09:10 is not on the 15-minute slot grid"));
    diag_clear(&d);
}

/* ---------------------------------------------------------------- hostile */

static void test_hostile_billion_laughs(void **state) {
    (void)state;
    const char *text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                       "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                       "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                       "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                       "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                       "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
                       "pupils: *i\n";
    clock_t t0 = clock();
    diag_list d;
    diag_init(&d);
    assert_null(load1(text, &d));
    assert_true(has_error(&d, "unknown key 'a' in the top level"));
    assert_true(has_error(&d, "pupil: expected a mapping"));
    diag_clear(&d);
    assert_true((double)(clock() - t0) < testutil_cpu_seconds(1.0) * CLOCKS_PER_SEC);
}

/* Aliases that make the schema walk itself expensive: ten thousand pupils
** all aliasing one large needs mapping. */
static void test_hostile_alias_amplification(void **state) {
    (void)state;
    size_t cap = 1u << 20, used = 0;
    char *text = malloc(cap);
    used += (size_t)snprintf(text + used, cap - used, BASE "needs: &n\n");
    for (int i = 0; i < 1000; i++) used += (size_t)snprintf(text + used, cap - used, "  n%d: 1\n", i);
    used += (size_t)snprintf(text + used, cap - used, "pupils:\n");
    for (int i = 0; i < 9999; i++)
        used += (size_t)snprintf(text + used, cap - used, "  - {id: P%d, school: s1, needs: *n}\n", i);
    clock_t t0 = clock();
    diag_list d;
    diag_init(&d);
    assert_null(load1(text, &d));
    assert_true(has_error(&d, "aliased values (*name) too often"));
    diag_clear(&d);
    assert_true((double)(clock() - t0) < testutil_cpu_seconds(2.0) * CLOCKS_PER_SEC);
    free(text);
}

static void test_hostile_deep_nesting(void **state) {
    (void)state;
    char text[1000];
    size_t used = (size_t)snprintf(text, sizeof text, "pupils: ");
    for (int i = 0; i < 100; i++) text[used++] = '[';
    for (int i = 0; i < 100; i++) text[used++] = ']';
    text[used++] = '\n';
    text[used] = '\0';
    ERR(text, 1, 40, "nested too deeply");
}

static void test_hostile_long_scalar(void **state) {
    (void)state;
    size_t n = 10 * 1024;
    char *text = malloc(n + 100);
    memcpy(text, "pupils: [{id: ", 14);
    memset(text + 14, 'x', n);
    strcpy(text + 14 + n, "}]\n");
    ERR(text, 1, 15, "a value is too long");
    free(text);
}

static void test_hostile_invalid_utf8(void **state) {
    (void)state;
    ERR("programme:\n  name: caf\xc3\x28\n", 2, 13, "not valid UTF-8");
    ERR("programme:\n  name: \xff\xfe\n", 2, 9, "not valid UTF-8");
}

static void test_hostile_duplicate_keys(void **state) {
    (void)state;
    ERR("programme:\n  name: a\n  name: b\n", 3, 3, "duplicate key 'name' (first given at line 2)");
    ERR(BASE "pupils: [{id: P1, school: s1, school: s2}]\n", 14, 31, "duplicate key 'school'");
}

static void test_hostile_syntax_and_top_level(void **state) {
    (void)state;
    ERR("programme: {name: [}\n", 1, 20, "YAML syntax error");
    ERR("- just\n- a list\n", 1, 1, "the top level of an input file must be a mapping");
    ERR("pupils: *nothing\n", 1, 9, "refers to no anchor");
}

static void test_big_programme_is_fast(void **state) {
    (void)state;
    /* 10,000 pupils, 700 advocates, 300 schools: loads in well under a second */
    size_t cap = 8u << 20, used = 0;
    char *text = malloc(cap);
    used += (size_t)snprintf(text + used, cap - used,
                             "programme: {name: Big, period: {from: 2026-09-07, to: 2026-12-18}}\n"
                             "calendars: [{id: cal, open: [{from: 2026-09-01, to: 2026-12-18}]}]\nschools:\n");
    for (int s = 0; s < 300; s++)
        used += (size_t)snprintf(text + used, cap - used,
                                 "  - {id: S%d, phase: primary, calendar: cal, windows: {core: {days: mon-fri, start: "
                                 "\"08:45\", end: \"15:15\"}, late: {days: mon-thu, start: \"13:00\", end: \"19:00\"}}}\n",
                                 s);
    used += (size_t)snprintf(text + used, cap - used, "advocates:\n");
    for (int a = 0; a < 700; a++)
        used += (size_t)snprintf(text + used, cap - used,
                                 "  - {id: A%d, kind: staff, experience: {literacy: %d}, languages: [english], "
                                 "available: [{days: [mon, tue], start: \"08:00\", end: \"16:00\"}], dbs: {cleared: "
                                 "2026-01-01, expires: 2029-01-01}, schools: [S%d]}\n",
                                 a, a % 6, a % 300);
    used += (size_t)snprintf(text + used, cap - used, "pupils:\n");
    for (int p = 0; p < 10000; p++)
        used += (size_t)snprintf(text + used, cap - used,
                                 "  - {id: P%d, school: S%d, windows: [core, late], needs: {literacy: 3}, "
                                 "previous_advocate: A%d, prefers: [A%d, A%d], unavailable: [{days: wed, start: "
                                 "\"13:00\", end: \"15:15\"}]}\n",
                                 p, p % 300, p % 700, (p + 1) % 700, (p + 2) % 700);
    clock_t t0 = clock(); /* CPU time: the machine may be shared */
    model_programme *m = load_ok(text);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_int_equal(m->n_pupils, 10000);
    assert_int_equal(m->n_advocates, 700);
    assert_int_equal(m->n_schools, 300);
    assert_int_equal(m->pupils[9999].prefers.v[1], model_find_advocate(m, "A201"));
    model_free(m);
    free(text);
    /* generous: the sanitizer build is several times slower */
    assert_true(secs < testutil_cpu_seconds(3.0));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_example_values),
        cmocka_unit_test(test_minimal_defaults),
        cmocka_unit_test(test_merge_lists_and_cross_file_refs),
        cmocka_unit_test(test_second_programme_rejected),
        cmocka_unit_test(test_programme_required),
        cmocka_unit_test(test_unknown_keys),
        cmocka_unit_test(test_wrong_types),
        cmocka_unit_test(test_missing_required),
        cmocka_unit_test(test_bad_ids),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_times_and_days),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_dangling_references),
        cmocka_unit_test(test_did_you_mean),
        cmocka_unit_test(test_enums_and_rules),
        cmocka_unit_test(test_all_problems_reported),
        cmocka_unit_test(test_hostile_billion_laughs),
        cmocka_unit_test(test_hostile_alias_amplification),
        cmocka_unit_test(test_hostile_deep_nesting),
        cmocka_unit_test(test_hostile_long_scalar),
        cmocka_unit_test(test_hostile_invalid_utf8),
        cmocka_unit_test(test_hostile_duplicate_keys),
        cmocka_unit_test(test_hostile_syntax_and_top_level),
        cmocka_unit_test(test_big_programme_is_fast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
