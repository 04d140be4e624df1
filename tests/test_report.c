/*
** test_report.c: the report writers keep each recipient to their own
** people, write owner-only files, produce valid folded/escaped iCalendar,
** and are deterministic (stable UIDs, byte-identical re-runs).
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "cal.h"
#include "model.h"
#include "report.h"
#include "roster.h"

static const char programme_yaml[] =
    "programme:\n"
    "  name: Test Programme\n"
    "  period: {from: 2026-09-07, to: 2026-09-20}\n"
    "calendars:\n"
    "  - id: term\n"
    "    open: [{from: 2026-09-01, to: 2026-12-18}]\n"
    "    closed: [{date: 2026-09-18, reason: INSET}]\n"
    "schools:\n"
    "  - id: asterdale\n"
    "    name: \"Asterdale Primary, Upper; School of the Ravensworth Valley Trust (Junior Site)\"\n"
    "    phase: primary\n"
    "    calendar: term\n"
    "    windows:\n"
    "      core: {days: mon-fri, start: \"08:45\", end: \"15:15\"}\n"
    "  - id: brook\n"
    "    name: \"Brookside Acad\xC3\xA9mie \xC3\x86r\xC3\xB8 \xE2\x80\x94 Secondary Campus \xE2\x80\x94 "
    "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\"\n"
    "    phase: secondary\n"
    "    calendar: term\n"
    "    rooms: 2\n"
    "    windows:\n"
    "      core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}\n"
    "      early: {days: mon-fri, start: \"07:30\", end: \"08:45\"}\n"
    "pupils:\n"
    "  - {id: P017, school: asterdale, year: 6, needs: {literacy: 3}, visits: {per_week: 1, minutes: 45}}\n"
    "  - {id: P018, school: asterdale, year: 5, needs: {family: 2}}\n"
    "  - {id: P031, school: brook, year: 8, needs: {literacy: 1}}\n"
    "advocates:\n"
    "  - id: A01\n"
    "    name: Sam Staff\n"
    "    kind: staff\n"
    "    experience: {literacy: 3}\n"
    "    available: [{days: mon-fri, start: \"08:00\", end: \"16:00\"}]\n"
    "    dbs: {cleared: 2026-01-01, expires: 2029-01-01}\n"
    "  - id: A02\n"
    "    name: Sasha Student\n"
    "    kind: student\n"
    "    course: yc2\n"
    "    experience: {family: 2}\n"
    "    available: [{days: mon-fri, start: \"08:00\", end: \"17:00\"}]\n"
    "    dbs: {cleared: 2026-01-01, expires: 2029-01-01}\n"
    "university:\n"
    "  name: Test University\n"
    "  place: campus\n"
    "  courses:\n"
    "    - id: yc2\n"
    "      name: BA Youth and Community Work, year 2\n"
    "      release: [{days: [wed, thu], start: \"08:00\", end: \"17:00\"}]\n"
    "      max_minutes_per_week: 360\n"
    "      blocks: [{from: 2026-09-14, to: 2026-09-18, reason: placement}]\n"
    "community_teachers:\n"
    "  - id: C01\n"
    "    skills: {maths: 3}\n"
    "    available: [{days: [tue], start: \"07:00\", end: \"13:00\"}]\n"
    "    dbs: {cleared: 2026-01-01, expires: 2029-01-01}\n"
    "    venues: [brook]\n"
    "sessions:\n"
    "  - {id: BRK-EARLY-MATHS, school: brook, subject: maths, min_level: 2, minutes: 60,\n"
    "     when: [{days: [tue], start: \"07:30\", end: \"08:45\"}]}\n";

static model_programme *load_programme(void) {
    const char *names[] = {"test.yaml"};
    const char *bufs[] = {programme_yaml};
    int lens[] = {(int)strlen(programme_yaml)};
    diag_list d;
    diag_init(&d);
    model_programme *m = model_load_buffers(names, bufs, lens, 1, &d);
    if (!m) diag_print(&d, stderr);
    diag_clear(&d);
    assert_non_null(m);
    return m;
}

static int day(const char *s) {
    int d = 0;
    assert_true(cal_parse_date(s, &d));
    return d;
}

static void add_visit(const model_programme *m, roster *r, const char *date, int start, int end, const char *pupil,
                      const char *advocate, const char *school) {
    r->visits[r->n_visits++] = (roster_visit){day(date), start, end, model_find_pupil(m, pupil),
                                              model_find_advocate(m, advocate), model_find_school(m, school)};
}

/* A valid roster for the programme above: P017 and P031 with A01, P018
** with the student A02 (whose week 2 is a placement, so that visit is
** missed); P031's second visit is moved; two maths sessions at brook. */
static roster *make_roster(const model_programme *m) {
    roster *r = roster_new();
    assert_non_null(r);
    r->status = ROSTER_OPTIMAL;
    r->value = r->bound = 825;
    r->assignments = arena_array(r->arena, 3, sizeof *r->assignments);
    r->assignments[r->n_assignments++] = (roster_assignment){model_find_pupil(m, "P017"), model_find_advocate(m, "A01")};
    r->assignments[r->n_assignments++] = (roster_assignment){model_find_pupil(m, "P018"), model_find_advocate(m, "A02")};
    r->assignments[r->n_assignments++] = (roster_assignment){model_find_pupil(m, "P031"), model_find_advocate(m, "A01")};
    r->pattern = arena_array(r->arena, 3, sizeof *r->pattern);
    r->pattern[r->n_pattern++] = (roster_pattern_entry){model_find_pupil(m, "P017"), 1, 600};
    r->pattern[r->n_pattern++] = (roster_pattern_entry){model_find_pupil(m, "P018"), 2, 540};
    r->pattern[r->n_pattern++] = (roster_pattern_entry){model_find_pupil(m, "P031"), 2, 600};
    r->visits = arena_array(r->arena, 5, sizeof *r->visits);
    add_visit(m, r, "2026-09-15", 600, 645, "P017", "A01", "asterdale"); /* out of order on purpose */
    add_visit(m, r, "2026-09-08", 600, 645, "P017", "A01", "asterdale");
    add_visit(m, r, "2026-09-09", 540, 600, "P018", "A02", "asterdale");
    add_visit(m, r, "2026-09-09", 600, 660, "P031", "A01", "brook");
    add_visit(m, r, "2026-09-17", 660, 720, "P031", "A01", "brook");
    r->sessions = arena_array(r->arena, 2, sizeof *r->sessions);
    int s = model_find_session(m, "BRK-EARLY-MATHS"), t = model_find_teacher(m, "C01"), p = model_find_place(m, "brook");
    r->sessions[r->n_sessions++] = (roster_session_occurrence){day("2026-09-08"), 450, 510, s, t, p};
    r->sessions[r->n_sessions++] = (roster_session_occurrence){day("2026-09-15"), 450, 510, s, t, p};
    r->missed = arena_array(r->arena, 1, sizeof *r->missed);
    r->missed[r->n_missed++] = (roster_missed){model_find_pupil(m, "P018"), day("2026-09-14"), "advocate on placement"};
    return r;
}

/* Read a whole file; *len gets its size. */
static char *slurp(const char *dir, const char *name, size_t *len) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("missing output %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    if (len) *len = (size_t)n;
    return s;
}

static void assert_mentions(const char *dir, const char *file, const char *const *yes, const char *const *no) {
    char *s = slurp(dir, file, NULL);
    for (int i = 0; yes && yes[i]; i++)
        if (!strstr(s, yes[i])) fail_msg("%s should mention %s", file, yes[i]);
    for (int i = 0; no && no[i]; i++)
        if (strstr(s, no[i])) fail_msg("%s must not mention %s", file, no[i]);
    free(s);
}

static const char *const files[] = {"advocates/A01.ics", "advocates/A02.ics", "teachers/C01.ics",
                                    "schools/asterdale.html", "schools/brook.html", "university/yc2.html",
                                    "university/yc2.csv", "report.html", NULL};

typedef struct {
    model_programme *m;
    roster *r;
    char dir1[64], dir2[64];
} fixture;

static void rm_tree(const char *dir) {
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    f->m = load_programme();
    f->r = make_roster(f->m);
    char tmpl[] = "/tmp/test_report_XXXXXX";
    if (!mkdtemp(tmpl)) return -1;
    snprintf(f->dir1, sizeof f->dir1, "%s/one/out", tmpl);
    snprintf(f->dir2, sizeof f->dir2, "%s/two", tmpl);
    diag_list d;
    diag_init(&d);
    int rc = report_write_all(f->m, f->r, f->dir1, &d);
    rc |= report_write_all(f->m, f->r, f->dir2, &d);
    if (rc) diag_print(&d, stderr);
    diag_clear(&d);
    *state = f;
    return rc;
}

static int teardown(void **state) {
    fixture *f = *state;
    char *slash = strrchr(f->dir2, '/');
    *slash = '\0';
    rm_tree(f->dir2);
    roster_free(f->r);
    model_free(f->m);
    free(f);
    return 0;
}

static void test_calendars_hold_only_own_pupils(void **state) {
    fixture *f = *state;
    assert_mentions(f->dir1, "advocates/A01.ics", (const char *[]){"P017", "P031", NULL},
                    (const char *[]){"P018", "BRK-EARLY-MATHS", NULL});
    assert_mentions(f->dir1, "advocates/A02.ics", (const char *[]){"P018", NULL}, (const char *[]){"P017", "P031", NULL});
    assert_mentions(f->dir1, "teachers/C01.ics", (const char *[]){"BRK-EARLY-MATHS", NULL},
                    (const char *[]){"P017", "P018", "P031", NULL});
    /* the teacher is not an advocate, so has no file among advocates */
    char path[128];
    snprintf(path, sizeof path, "%s/advocates/C01.ics", f->dir1);
    assert_int_not_equal(access(path, F_OK), 0);
}

static void test_schools_hold_only_own_pupils(void **state) {
    fixture *f = *state;
    assert_mentions(f->dir1, "schools/asterdale.html", (const char *[]){"P017", "P018", "INSET", NULL},
                    (const char *[]){"P031", "BRK-EARLY-MATHS", "moved from the weekly pattern", NULL});
    assert_mentions(f->dir1, "schools/brook.html", (const char *[]){"P031", "BRK-EARLY-MATHS", "moved from the weekly pattern", NULL},
                    (const char *[]){"P017", "P018", NULL});
    /* the university sees students and dates, never pupils */
    assert_mentions(f->dir1, "university/yc2.html", (const char *[]){"A02", "placement", NULL},
                    (const char *[]){"P017", "P018", "P031", "A01", NULL});
    assert_mentions(f->dir1, "university/yc2.csv", (const char *[]){"A02,Sasha Student,2026-09-09,wed,09:00,10:00,60", NULL},
                    (const char *[]){"P01", "P03", "A01", NULL});
}

static void test_lead_report_recomputes_objective(void **state) {
    fixture *f = *state;
    /* match 90+40+30, visits 5x100, one moved -10, five school days -25, two sessions +200 */
    assert_mentions(f->dir1, "report.html",
                    (const char *[]){"Sum of the terms</th><th class=\"num\">825<", "<svg", "advocate on placement",
                                     "<b>3</b> of <b>3</b> pupils matched", "<b>5</b> of <b>6</b> required visits", NULL},
                    NULL);
}

static void check_mode(const char *dir, const char *name, mode_t want) {
    char path[1024];
    struct stat st;
    snprintf(path, sizeof path, "%s%s%s", dir, name[0] ? "/" : "", name);
    assert_int_equal(stat(path, &st), 0);
    if ((st.st_mode & 07777) != want) fail_msg("%s has mode %o, want %o", path, st.st_mode & 07777, (unsigned)want);
}

static void test_owner_only(void **state) {
    fixture *f = *state;
    for (int i = 0; files[i]; i++) check_mode(f->dir1, files[i], 0600);
    const char *dirs[] = {"", "advocates", "teachers", "schools", "university"};
    for (int i = 0; i < 5; i++) check_mode(f->dir1, dirs[i], 0700);
    /* no temporary files left beside the outputs */
    DIR *dp;
    char path[256];
    snprintf(path, sizeof path, "%s/advocates", f->dir1);
    assert_non_null(dp = opendir(path));
    for (struct dirent *e; (e = readdir(dp));) assert_null(strstr(e->d_name, ".tmp"));
    closedir(dp);
}

/* Unfold an iCalendar file after checking its physical lines. */
static char *check_and_unfold(const char *s, size_t len) {
    char *out = malloc(len + 1);
    assert_non_null(out);
    size_t n = 0, line_start = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n') fail_msg("bare LF at byte %zu", i);
        if (s[i] != '\r') continue;
        assert_true(i + 1 < len && s[i + 1] == '\n');
        size_t octets = i - line_start;
        if (octets > 75) fail_msg("line of %zu octets at byte %zu", octets, line_start);
        /* a fold never splits a UTF-8 sequence: the next line's first
        ** content byte (after the space) is not a continuation byte */
        if (i + 2 < len && s[i + 2] == ' ' && i + 3 < len) assert_int_not_equal((unsigned char)s[i + 3] & 0xC0, 0x80);
        if (line_start > 0 && s[line_start] == ' ') {
            memcpy(out + n, s + line_start + 1, octets - 1); /* continuation: drop CRLF + space */
            n += octets - 1;
        } else {
            if (n) out[n++] = '\n';
            memcpy(out + n, s + line_start, octets);
            n += octets;
        }
        line_start = i + 2;
        i++;
    }
    assert_int_equal(line_start, len); /* the file ends with CRLF */
    out[n] = '\0';
    return out;
}

static void test_ics_folding_and_escaping(void **state) {
    fixture *f = *state;
    size_t len;
    char *a01 = slurp(f->dir1, "advocates/A01.ics", &len);
    char *u = check_and_unfold(a01, len);
    assert_non_null(strstr(a01, "\r\n ")); /* the long school names force folding */
    assert_non_null(strstr(u, "\nSUMMARY:Visit P017 at Asterdale Primary\\, Upper\\; School of the Ravensworth Valley "
                              "Trust (Junior Site)\n"));
    assert_non_null(strstr(u, "\nLOCATION:Brookside Acad\xC3\xA9mie \xC3\x86r\xC3\xB8"));
    assert_non_null(strstr(u, "\nDTSTART;TZID=Europe/London:20260908T100000\n"));
    assert_non_null(strstr(u, "\nDTEND;TZID=Europe/London:20260908T104500\n"));
    assert_non_null(strstr(u, "\nTZID:Europe/London\n"));
    assert_non_null(strstr(u, "\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n"));
    assert_non_null(strstr(u, "Moved: not at the pupil's usual weekly time."));
    int events = 0;
    for (const char *p = u; (p = strstr(p, "BEGIN:VEVENT")); p++) events++;
    assert_int_equal(events, 4);
    free(u);
    free(a01);
    for (int i = 0; i < 3; i++) {
        char *s = slurp(f->dir1, files[i], &len);
        free(check_and_unfold(s, len));
        free(s);
    }
}

/* The UID lines of a calendar, in order, joined. */
static char *uids(const char *dir, const char *file) {
    size_t len;
    char *s = slurp(dir, file, &len);
    char *u = check_and_unfold(s, len);
    char *out = calloc(1, strlen(u) + 1);
    assert_non_null(out);
    for (const char *p = u; (p = strstr(p, "\nUID:")); p++) {
        const char *e = strchr(p + 1, '\n');
        strncat(out, p + 1, (size_t)(e - p));
    }
    free(u);
    free(s);
    return out;
}

static void test_deterministic(void **state) {
    fixture *f = *state;
    for (int i = 0; files[i]; i++) {
        size_t n1, n2;
        char *a = slurp(f->dir1, files[i], &n1), *b = slurp(f->dir2, files[i], &n2);
        if (n1 != n2 || memcmp(a, b, n1) != 0) fail_msg("%s differs between two runs", files[i]);
        free(a);
        free(b);
    }
    char *u1 = uids(f->dir1, "advocates/A01.ics"), *u2 = uids(f->dir2, "advocates/A01.ics");
    assert_string_equal(u1, u2);
    /* four distinct UIDs */
    int count = 0;
    for (char *line = strtok(u1, "\n"); line; line = strtok(NULL, "\n")) {
        count++;
        char *first = strstr(u2, line);
        assert_null(strstr(first + 1, line));
    }
    assert_int_equal(count, 4);
    free(u1);
    free(u2);
}

/* The same roster rewritten over existing files gives the same bytes. */
static void test_rewrite_in_place(void **state) {
    fixture *f = *state;
    size_t n1, n2;
    char *before = slurp(f->dir1, "schools/brook.html", &n1);
    diag_list d;
    diag_init(&d);
    assert_int_equal(report_write_all(f->m, f->r, f->dir1, &d), 0);
    diag_clear(&d);
    char *after = slurp(f->dir1, "schools/brook.html", &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(before, after, n1);
    free(before);
    free(after);
}

/* The lead's problems table groups equal reasons: most first, ties by text,
** each listing who in roster order; a pupil given one reason twice is
** named once, and entries without a reason share one row. */
static void test_lead_reasons_grouped(void **state) {
    fixture *f = *state;
    roster *r = make_roster(f->m);
    int p17 = model_find_pupil(f->m, "P017"), p18 = model_find_pupil(f->m, "P018"), p31 = model_find_pupil(f->m, "P031");
    r->missed = arena_array(r->arena, 5, sizeof *r->missed);
    r->n_missed = 0;
    r->missed[r->n_missed++] = (roster_missed){p31, day("2026-09-21"), "school closed"};
    r->missed[r->n_missed++] = (roster_missed){p18, day("2026-09-14"), "advocate on placement"};
    r->missed[r->n_missed++] = (roster_missed){p17, day("2026-09-21"), "school closed"};
    r->missed[r->n_missed++] = (roster_missed){p17, day("2026-09-28"), NULL};
    r->missed[r->n_missed++] = (roster_missed){p18, day("2026-09-28"), "advocate at max_pupils"};
    r->unmatched = arena_array(r->arena, 2, sizeof *r->unmatched);
    const char **twice = arena_array(r->arena, 3, sizeof *twice);
    twice[0] = "no advocate", twice[1] = "no DBS", twice[2] = "no advocate";
    r->unmatched[r->n_unmatched++] = (roster_unmatched){p31, twice, 3};
    r->unmatched[r->n_unmatched++] = (roster_unmatched){p18, NULL, 0};
    char dir[96];
    snprintf(dir, sizeof dir, "%s-reasons", f->dir2);
    diag_list d;
    diag_init(&d);
    assert_int_equal(report_write_all(f->m, r, dir, &d), 0);
    diag_clear(&d);
    char *html = slurp(dir, "report.html", NULL);
    const char *rows[] = {
        "<h3>Unmatched pupils: 2</h3>",
        "<tr><td>no advocate</td><td class=\"num\">2</td><td>P031</td></tr>",
        "<tr><td>(no reason given)</td><td class=\"num\">1</td><td>P018</td></tr>",
        "<tr><td>no DBS</td><td class=\"num\">1</td><td>P031</td></tr>",
        "<h3>Missed visits: 5</h3>",
        "<tr><td>school closed</td><td class=\"num\">2</td><td>P031 wk 2026-09-21, P017 wk 2026-09-21</td></tr>",
        "<tr><td>(no reason given)</td><td class=\"num\">1</td><td>P017 wk 2026-09-28</td></tr>",
        "<tr><td>advocate at max_pupils</td><td class=\"num\">1</td><td>P018 wk 2026-09-28</td></tr>",
        "<tr><td>advocate on placement</td><td class=\"num\">1</td><td>P018 wk 2026-09-14</td></tr>",
        "<h3>Unfilled sessions: 0</h3>",
        NULL};
    const char *at = html;
    for (int i = 0; rows[i]; i++) {
        const char *hit = strstr(at, rows[i]);
        if (!hit) fail_msg("report.html lacks, or misorders, %s", rows[i]);
        at = hit + strlen(rows[i]);
    }
    free(html);
    roster_free(r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calendars_hold_only_own_pupils),
        cmocka_unit_test(test_schools_hold_only_own_pupils),
        cmocka_unit_test(test_lead_report_recomputes_objective),
        cmocka_unit_test(test_owner_only),
        cmocka_unit_test(test_ics_folding_and_escaping),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_rewrite_in_place),
        cmocka_unit_test(test_lead_reasons_grouped),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
