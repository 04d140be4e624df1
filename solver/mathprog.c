/*
** mathprog.c: write a programme as data for models/roster.mod (see
** mathprog.h). The order and names of the statements follow the model's
** declarations; nothing here applies a rule of the format, it only restates
** the validated input in MathProg's data syntax.
*/
#include "mathprog.h"

#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "fsio.h"

/* A date as the integer YYYYMMDD, whose numeric order is date order. */
static long mathprog_date(int date) {
    int y, mo, d;
    cal_to_ymd(date, &y, &mo, &d);
    return (long)y * 10000L + mo * 100L + d;
}

/* A MathProg string literal: single quotes, a quote doubled. */
static void mathprog_str(FILE *out, const char *s) {
    fputc('\'', out);
    for (; *s; s++) {
        if (*s == '\'') fputc('\'', out);
        fputc(*s, out);
    }
    fputc('\'', out);
}

static void mathprog_name(FILE *out, const model_programme *m, int name) {
    mathprog_str(out, name >= 0 && name < m->n_names ? m->names[name] : "");
}

/* (day, start, end) for every weekday of every window. */
static void mathprog_windows(FILE *out, const model_window_list *l) {
    for (int i = 0; i < l->n; i++)
        for (int day = 0; day < 7; day++)
            if (l->v[i].days & (1u << day))
                fprintf(out, " (%s, %d, %d)", cal_day_name(day), l->v[i].start, l->v[i].end);
}

static void mathprog_periods(FILE *out, const model_period_list *l) {
    for (int i = 0; i < l->n; i++)
        fprintf(out, " (%ld, %ld)", mathprog_date(l->v[i].from), mathprog_date(l->v[i].to));
}

/* `set NAME['key'] := ...;` opening. */
static void mathprog_set_of(FILE *out, const char *set, const char *key) {
    fprintf(out, "set %s[", set);
    mathprog_str(out, key);
    fputs("] :=", out);
}

static void mathprog_ids(FILE *out, const char *set, const char *const *ids, int n, size_t stride) {
    fprintf(out, "set %s :=", set);
    for (int i = 0; ids && i < n; i++) {
        fputc(' ', out);
        mathprog_str(out, *(const char *const *)((const char *)ids + (size_t)i * stride));
    }
    fputs(";\n", out);
}

#define MATHPROG_IDS(out, set, arr, n) \
    mathprog_ids(out, set, (arr) ? &(arr)[0].id : NULL, n, sizeof (arr)[0])

static void mathprog_time(FILE *out, const model_programme *m) {
    fputs("set D :=", out);
    for (int d = m->period_from; d <= m->period_to; d++) fprintf(out, " %ld", mathprog_date(d));
    fputs(";\nparam wday :=", out);
    for (int d = m->period_from; d <= m->period_to; d++)
        fprintf(out, "\n  %ld %s", mathprog_date(d), cal_day_name(cal_weekday(d)));
    fputs(";\nparam week :=", out);
    for (int d = m->period_from; d <= m->period_to; d++)
        fprintf(out, "\n  %ld %ld", mathprog_date(d), mathprog_date(cal_week_start(d)));
    fprintf(out, ";\nparam slot_minutes := %d;\n\n", m->slot_minutes);
    const model_weights *w = &m->weights;
    fprintf(out,
            "param w_visit := %.17g;\nparam w_match := %.17g;\nparam w_continuity := %.17g;\n"
            "param w_preference := %.17g;\nparam w_moved := %.17g;\nparam w_school_day := %.17g;\n"
            "param w_session := %.17g;\n\n",
            w->visit, w->match, w->continuity, w->preference, w->moved, w->school_day, w->session);
}

static void mathprog_places(FILE *out, const model_programme *m) {
    MATHPROG_IDS(out, "L", m->places, m->n_places);
    fputs("param travel :=", out);
    for (int i = 0; i < m->n_places; i++)
        for (int j = 0; j < m->n_places; j++) {
            fputs("\n  ", out);
            mathprog_str(out, m->places[i].id);
            fputc(' ', out);
            mathprog_str(out, m->places[j].id);
            fprintf(out, " %d", model_travel(m, i, j));
        }
    fputs(";\n\n", out);
    MATHPROG_IDS(out, "CAL", m->calendars, m->n_calendars);
    for (int c = 0; c < m->n_calendars; c++) {
        mathprog_set_of(out, "CAL_OPEN", m->calendars[c].id);
        mathprog_periods(out, &m->calendars[c].open);
        fputs(";\n", out);
        mathprog_set_of(out, "CAL_CLOSED", m->calendars[c].id);
        mathprog_periods(out, &m->calendars[c].closed);
        fputs(";\n", out);
    }
    fputc('\n', out);
}

static void mathprog_schools(FILE *out, const model_programme *m) {
    MATHPROG_IDS(out, "S", m->schools, m->n_schools);
    fputs("param school_cal :=", out);
    for (int s = 0; s < m->n_schools; s++) {
        fputs("\n  ", out);
        mathprog_str(out, m->schools[s].id);
        fputc(' ', out);
        mathprog_str(out, m->calendars[m->schools[s].calendar].id);
    }
    fputs(";\nparam rooms :=", out);
    for (int s = 0; s < m->n_schools; s++) {
        fputs("\n  ", out);
        mathprog_str(out, m->schools[s].id);
        fprintf(out, " %d", m->schools[s].rooms);
    }
    fputs(";\n", out);
    for (int s = 0; s < m->n_schools; s++) {
        const model_school *sc = &m->schools[s];
        mathprog_set_of(out, "SCHOOL_CLOSED", sc->id);
        mathprog_periods(out, &sc->closed);
        fputs(";\n", out);
        mathprog_set_of(out, "SCHOOL_WIN", sc->id);
        for (int w = 0; w < sc->n_windows; w++) {
            const model_window_list *l = &sc->windows[w].entries;
            for (int i = 0; i < l->n; i++)
                for (int day = 0; day < 7; day++)
                    if (l->v[i].days & (1u << day)) {
                        fputs("\n  (", out);
                        mathprog_name(out, m, sc->windows[w].name);
                        fprintf(out, ", %s, %d, %d)", cal_day_name(day), l->v[i].start, l->v[i].end);
                    }
        }
        fputs(";\n", out);
        mathprog_set_of(out, "NO_VISITS", sc->id);
        mathprog_windows(out, &sc->no_visits);
        fputs(";\n", out);
    }
    fputc('\n', out);
}

/* Every interned name serves as a level name and as a language: names that
** are neither only add zero entries. */
static void mathprog_names(FILE *out, const model_programme *m) {
    for (int pass = 0; pass < 2; pass++) {
        fputs(pass ? "set LANGUAGES :=" : "set SKILLS :=", out);
        for (int i = 0; i < m->n_names; i++) {
            fputc(' ', out);
            mathprog_str(out, m->names[i]);
        }
        fputs(";\n", out);
    }
    fputc('\n', out);
}

/* `param NAME := 'owner' 'level-name' level ...;` for one owner's list. */
static void mathprog_levels(FILE *out, const model_programme *m, const char *owner,
                            const model_level_list *l) {
    for (int i = 0; i < l->n; i++) {
        fputs("\n  ", out);
        mathprog_str(out, owner);
        fputc(' ', out);
        mathprog_name(out, m, l->v[i].name);
        fprintf(out, " %d", l->v[i].level);
    }
}

static void mathprog_name_list(FILE *out, const model_programme *m, const model_index_list *l) {
    for (int i = 0; i < l->n; i++) {
        fputc(' ', out);
        mathprog_name(out, m, l->v[i]);
    }
}

/* One `param NAME := key value ...;` over n owners, value written by fn. */
typedef void (*mathprog_value_fn)(FILE *out, const model_programme *m, int i);

static void mathprog_param(FILE *out, const model_programme *m, const char *param, int n,
                           const char *(*id)(const model_programme *m, int i), mathprog_value_fn fn) {
    fprintf(out, "param %s :=", param);
    for (int i = 0; i < n; i++) {
        fputs("\n  ", out);
        mathprog_str(out, id(m, i));
        fputc(' ', out);
        fn(out, m, i);
    }
    fputs(";\n", out);
}

static const char *mathprog_advocate_id(const model_programme *m, int i) { return m->advocates[i].id; }
static const char *mathprog_pupil_id(const model_programme *m, int i) { return m->pupils[i].id; }
static const char *mathprog_teacher_id(const model_programme *m, int i) { return m->teachers[i].id; }
static const char *mathprog_session_id(const model_programme *m, int i) { return m->sessions[i].id; }
static const char *mathprog_course_id(const model_programme *m, int i) { return m->courses[i].id; }

static void mathprog_v_gender(FILE *out, const model_programme *m, int i) {
    mathprog_name(out, m, m->advocates[i].gender);
}
static void mathprog_v_max_pupils(FILE *out, const model_programme *m, int i) {
    fprintf(out, "%d", m->advocates[i].max_pupils);
}
static void mathprog_v_max_minutes(FILE *out, const model_programme *m, int i) {
    fprintf(out, "%d", m->advocates[i].max_minutes_per_week);
}
static void mathprog_v_dbs_cleared(FILE *out, const model_programme *m, int i) {
    const model_dbs *b = &m->advocates[i].dbs;
    fprintf(out, "%ld", b->set ? mathprog_date(b->cleared) : 99999999L);
}
static void mathprog_v_dbs_expires(FILE *out, const model_programme *m, int i) {
    const model_dbs *b = &m->advocates[i].dbs;
    fprintf(out, "%ld", b->set ? mathprog_date(b->expires) : 0L);
}
static void mathprog_v_course(FILE *out, const model_programme *m, int i) {
    int k = m->advocates[i].course;
    mathprog_str(out, k >= 0 ? m->courses[k].id : "");
}

static void mathprog_advocates(FILE *out, const model_programme *m) {
    MATHPROG_IDS(out, "A", m->advocates, m->n_advocates);
    fputs("param experience :=", out);
    for (int a = 0; a < m->n_advocates; a++)
        mathprog_levels(out, m, m->advocates[a].id, &m->advocates[a].experience);
    fputs(";\n", out);
    mathprog_param(out, m, "gender", m->n_advocates, mathprog_advocate_id, mathprog_v_gender);
    mathprog_param(out, m, "max_pupils", m->n_advocates, mathprog_advocate_id, mathprog_v_max_pupils);
    mathprog_param(out, m, "max_minutes", m->n_advocates, mathprog_advocate_id, mathprog_v_max_minutes);
    mathprog_param(out, m, "dbs_cleared", m->n_advocates, mathprog_advocate_id, mathprog_v_dbs_cleared);
    mathprog_param(out, m, "dbs_expires", m->n_advocates, mathprog_advocate_id, mathprog_v_dbs_expires);
    mathprog_param(out, m, "course", m->n_advocates, mathprog_advocate_id, mathprog_v_course);
    for (int a = 0; a < m->n_advocates; a++) {
        const model_advocate *v = &m->advocates[a];
        mathprog_set_of(out, "SPEAKS", v->id);
        mathprog_name_list(out, m, &v->languages);
        fputs(";\n", out);
        mathprog_set_of(out, "AVAILABLE", v->id);
        mathprog_windows(out, &v->available);
        fputs(";\n", out);
        mathprog_set_of(out, "LEAVE", v->id);
        mathprog_periods(out, &v->leave);
        fputs(";\n", out);
        mathprog_set_of(out, "ADV_SCHOOLS", v->id);
        for (int i = 0; i < v->schools.n; i++) {
            fputc(' ', out);
            mathprog_str(out, m->schools[v->schools.v[i]].id);
        }
        fputs(";\n", out);
    }
    fputc('\n', out);
}

static void mathprog_v_course_cal(FILE *out, const model_programme *m, int i) {
    int c = m->courses[i].calendar;
    mathprog_str(out, c >= 0 ? m->calendars[c].id : "");
}
static void mathprog_v_course_max(FILE *out, const model_programme *m, int i) {
    fprintf(out, "%d", m->courses[i].max_minutes_per_week);
}

static void mathprog_courses(FILE *out, const model_programme *m) {
    MATHPROG_IDS(out, "K", m->courses, m->n_courses);
    mathprog_param(out, m, "course_cal", m->n_courses, mathprog_course_id, mathprog_v_course_cal);
    mathprog_param(out, m, "course_max_minutes", m->n_courses, mathprog_course_id, mathprog_v_course_max);
    for (int k = 0; k < m->n_courses; k++) {
        mathprog_set_of(out, "RELEASE", m->courses[k].id);
        mathprog_windows(out, &m->courses[k].release);
        fputs(";\n", out);
        mathprog_set_of(out, "BLOCKS", m->courses[k].id);
        mathprog_periods(out, &m->courses[k].blocks);
        fputs(";\n", out);
    }
    fputc('\n', out);
}

static void mathprog_v_t_dbs_cleared(FILE *out, const model_programme *m, int i) {
    const model_dbs *b = &m->teachers[i].dbs;
    fprintf(out, "%ld", b->set ? mathprog_date(b->cleared) : 99999999L);
}
static void mathprog_v_t_dbs_expires(FILE *out, const model_programme *m, int i) {
    const model_dbs *b = &m->teachers[i].dbs;
    fprintf(out, "%ld", b->set ? mathprog_date(b->expires) : 0L);
}
static void mathprog_v_max_sessions(FILE *out, const model_programme *m, int i) {
    fprintf(out, "%d", m->teachers[i].max_sessions_per_week);
}

static void mathprog_teachers(FILE *out, const model_programme *m) {
    MATHPROG_IDS(out, "C", m->teachers, m->n_teachers);
    fputs("param skill :=", out);
    for (int c = 0; c < m->n_teachers; c++) mathprog_levels(out, m, m->teachers[c].id, &m->teachers[c].skills);
    fputs(";\n", out);
    mathprog_param(out, m, "t_dbs_cleared", m->n_teachers, mathprog_teacher_id, mathprog_v_t_dbs_cleared);
    mathprog_param(out, m, "t_dbs_expires", m->n_teachers, mathprog_teacher_id, mathprog_v_t_dbs_expires);
    mathprog_param(out, m, "max_sessions", m->n_teachers, mathprog_teacher_id, mathprog_v_max_sessions);
    for (int c = 0; c < m->n_teachers; c++) {
        const model_teacher *t = &m->teachers[c];
        mathprog_set_of(out, "T_AVAILABLE", t->id);
        mathprog_windows(out, &t->available);
        fputs(";\n", out);
        mathprog_set_of(out, "T_LEAVE", t->id);
        mathprog_periods(out, &t->leave);
        fputs(";\n", out);
        mathprog_set_of(out, "VENUES", t->id);
        for (int i = 0; i < t->venues.n; i++) {
            fputc(' ', out);
            mathprog_str(out, m->places[t->venues.v[i]].id);
        }
        fputs(";\n", out);
    }
    fputc('\n', out);
}

static void mathprog_v_s_place(FILE *out, const model_programme *m, int i) {
    mathprog_str(out, m->places[m->sessions[i].place].id);
}
static void mathprog_v_subject(FILE *out, const model_programme *m, int i) {
    mathprog_name(out, m, m->sessions[i].subject);
}
static void mathprog_v_min_level(FILE *out, const model_programme *m, int i) {
    fprintf(out, "%d", m->sessions[i].min_level);
}
static void mathprog_v_s_minutes(FILE *out, const model_programme *m, int i) {
    fprintf(out, "%d", m->sessions[i].minutes);
}
static void mathprog_v_s_per_week(FILE *out, const model_programme *m, int i) {
    fprintf(out, "%d", m->sessions[i].per_week);
}
static void mathprog_v_s_priority(FILE *out, const model_programme *m, int i) {
    fprintf(out, "%d", m->sessions[i].priority);
}

static void mathprog_sessions(FILE *out, const model_programme *m) {
    MATHPROG_IDS(out, "O", m->sessions, m->n_sessions);
    mathprog_param(out, m, "s_place", m->n_sessions, mathprog_session_id, mathprog_v_s_place);
    mathprog_param(out, m, "subject", m->n_sessions, mathprog_session_id, mathprog_v_subject);
    mathprog_param(out, m, "min_level", m->n_sessions, mathprog_session_id, mathprog_v_min_level);
    mathprog_param(out, m, "s_minutes", m->n_sessions, mathprog_session_id, mathprog_v_s_minutes);
    mathprog_param(out, m, "s_per_week", m->n_sessions, mathprog_session_id, mathprog_v_s_per_week);
    mathprog_param(out, m, "s_priority", m->n_sessions, mathprog_session_id, mathprog_v_s_priority);
    for (int o = 0; o < m->n_sessions; o++) {
        mathprog_set_of(out, "WHEN", m->sessions[o].id);
        mathprog_windows(out, &m->sessions[o].when);
        fputs(";\n", out);
    }
    fputc('\n', out);
}

static void mathprog_v_school(FILE *out, const model_programme *m, int i) {
    mathprog_str(out, m->schools[m->pupils[i].school].id);
}
static void mathprog_v_moves_on(FILE *out, const model_programme *m, int i) {
    const model_pupil *p = &m->pupils[i];
    fprintf(out, "%ld", p->moves ? mathprog_date(p->moves_on) : 99999999L);
}
static void mathprog_v_moves_school(FILE *out, const model_programme *m, int i) {
    const model_pupil *p = &m->pupils[i];
    mathprog_str(out, p->moves ? m->schools[p->moves_school].id : "");
}
static void mathprog_v_req_gender(FILE *out, const model_programme *m, int i) {
    mathprog_name(out, m, m->pupils[i].req_gender);
}
static void mathprog_v_per_week(FILE *out, const model_programme *m, int i) {
    fprintf(out, "%d", m->pupils[i].per_week);
}
static void mathprog_v_minutes(FILE *out, const model_programme *m, int i) {
    fprintf(out, "%d", m->pupils[i].minutes);
}
static void mathprog_v_priority(FILE *out, const model_programme *m, int i) {
    fprintf(out, "%d", m->pupils[i].priority);
}
static void mathprog_v_previous(FILE *out, const model_programme *m, int i) {
    int a = m->pupils[i].previous_advocate;
    mathprog_str(out, a >= 0 ? m->advocates[a].id : "");
}

static void mathprog_pupil_sets(FILE *out, const model_programme *m, const model_pupil *p) {
    mathprog_set_of(out, "PUPIL_WIN", p->id);
    mathprog_name_list(out, m, &p->windows);
    fputs(";\n", out);
    if (p->moves) {
        mathprog_set_of(out, "PUPIL_WIN_MOVED", p->id);
        mathprog_name_list(out, m, &p->moves_windows);
        fputs(";\n", out);
    }
    mathprog_set_of(out, "REQ_LANG", p->id);
    mathprog_name_list(out, m, &p->req_languages);
    fputs(";\n", out);
    mathprog_set_of(out, "AVOID", p->id);
    for (int i = 0; i < p->avoid.n; i++) {
        fputc(' ', out);
        mathprog_str(out, m->advocates[p->avoid.v[i]].id);
    }
    fputs(";\n", out);
    mathprog_set_of(out, "UNAVAILABLE", p->id);
    mathprog_windows(out, &p->unavailable);
    fputs(";\n", out);
}

static void mathprog_pupils(FILE *out, const model_programme *m) {
    MATHPROG_IDS(out, "P", m->pupils, m->n_pupils);
    mathprog_param(out, m, "school", m->n_pupils, mathprog_pupil_id, mathprog_v_school);
    mathprog_param(out, m, "moves_on", m->n_pupils, mathprog_pupil_id, mathprog_v_moves_on);
    mathprog_param(out, m, "moves_school", m->n_pupils, mathprog_pupil_id, mathprog_v_moves_school);
    mathprog_param(out, m, "req_gender", m->n_pupils, mathprog_pupil_id, mathprog_v_req_gender);
    mathprog_param(out, m, "per_week", m->n_pupils, mathprog_pupil_id, mathprog_v_per_week);
    mathprog_param(out, m, "minutes", m->n_pupils, mathprog_pupil_id, mathprog_v_minutes);
    mathprog_param(out, m, "priority", m->n_pupils, mathprog_pupil_id, mathprog_v_priority);
    mathprog_param(out, m, "previous", m->n_pupils, mathprog_pupil_id, mathprog_v_previous);
    fputs("param need :=", out);
    for (int p = 0; p < m->n_pupils; p++) mathprog_levels(out, m, m->pupils[p].id, &m->pupils[p].needs);
    fputs(";\nparam req_exp :=", out);
    for (int p = 0; p < m->n_pupils; p++)
        mathprog_levels(out, m, m->pupils[p].id, &m->pupils[p].req_experience);
    fputs(";\nparam prefers_rank :=", out);
    for (int p = 0; p < m->n_pupils; p++)
        for (int r = 0; r < m->pupils[p].prefers.n; r++) {
            fputs("\n  ", out);
            mathprog_str(out, m->pupils[p].id);
            fputc(' ', out);
            mathprog_str(out, m->advocates[m->pupils[p].prefers.v[r]].id);
            fprintf(out, " %d", r + 1);
        }
    fputs(";\n", out);
    for (int p = 0; p < m->n_pupils; p++) mathprog_pupil_sets(out, m, &m->pupils[p]);
    fputc('\n', out);
}

int mathprog_write_dat(const model_programme *m, FILE *out) {
    fputs("/* Data for models/roster.mod, written by `roster mathprog`.\n", out);
    fputs("** Run: glpsol -m models/roster.mod -d roster.dat */\n", out);
    if (m->name) {
        fputs("/* programme: ", out);
        for (const char *s = m->name; *s; s++)
            if (!(s[0] == '*' && s[1] == '/')) fputc(*s == '\n' ? ' ' : *s, out);
        fputs(" */\n", out);
    }
    fputs("data;\n\n", out);
    mathprog_time(out, m);
    mathprog_places(out, m);
    mathprog_schools(out, m);
    mathprog_names(out, m);
    mathprog_advocates(out, m);
    mathprog_courses(out, m);
    mathprog_teachers(out, m);
    mathprog_sessions(out, m);
    mathprog_pupils(out, m);
    fputs("end;\n", out);
    return ferror(out) ? -1 : 0;
}

static int mathprog_writer(FILE *out, void *ctx) { return mathprog_write_dat(ctx, out); }

int mathprog_write(const model_programme *m, const char *dir, diag_list *d) {
    if (fsio_mkdir_private(dir, d) != 0) return -1;
    size_t len = strlen(dir) + sizeof "/roster.dat";
    char *path = malloc(len);
    if (!path) {
        diag_error(d, (diag_pos){dir, 1, 1}, "out of memory");
        return -1;
    }
    snprintf(path, len, "%s/roster.dat", dir);
    int rc = fsio_write_atomic(path, mathprog_writer, (void *)m, d);
    free(path);
    return rc;
}
