/*
** report_util.c: shared views of a roster and HTML/CSV helpers for the
** report writers (see report_util.h).
*/
#include "report_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"

static int report_cmp_int(int a, int b) { return (a > b) - (a < b); }

static int report_cmp_visit(const void *x, const void *y) {
    const roster_visit *a = x, *b = y;
    int c = report_cmp_int(a->date, b->date);
    if (!c) c = report_cmp_int(a->start, b->start);
    if (!c) c = report_cmp_int(a->pupil, b->pupil);
    if (!c) c = report_cmp_int(a->advocate, b->advocate);
    if (!c) c = report_cmp_int(a->school, b->school);
    return c ? c : report_cmp_int(a->end, b->end);
}

static int report_cmp_session(const void *x, const void *y) {
    const roster_session_occurrence *a = x, *b = y;
    int c = report_cmp_int(a->date, b->date);
    if (!c) c = report_cmp_int(a->start, b->start);
    if (!c) c = report_cmp_int(a->session, b->session);
    if (!c) c = report_cmp_int(a->teacher, b->teacher);
    if (!c) c = report_cmp_int(a->place, b->place);
    return c ? c : report_cmp_int(a->end, b->end);
}

static int report_cmp_pattern(const void *x, const void *y) {
    const roster_pattern_entry *a = x, *b = y;
    int c = report_cmp_int(a->pupil, b->pupil);
    if (!c) c = report_cmp_int(a->weekday, b->weekday);
    return c ? c : report_cmp_int(a->start, b->start);
}

/* Copy n items of size sz into the arena; NULL only when out of memory. */
static void *report_copy(arena *a, const void *src, int n, size_t sz) {
    void *dst = arena_array(a, n > 0 ? (size_t)n : 1, sz);
    if (dst && n > 0) memcpy(dst, src, (size_t)n * sz);
    return dst;
}

static bool report_in_pattern(const report_ctx *c, const roster_visit *v) {
    if (v->pupil < 0 || v->pupil >= c->m->n_pupils) return false;
    int first = c->pattern_first[v->pupil];
    for (int i = 0; i < c->pattern_count[v->pupil]; i++) {
        const roster_pattern_entry *e = &c->pattern[first + i];
        if (e->weekday == cal_weekday(v->date) && e->start == v->start) return true;
    }
    return false;
}

static int report_index_pattern(report_ctx *c) {
    const model_programme *m = c->m;
    c->pattern_first = arena_array(c->a, (size_t)m->n_pupils + 1, sizeof(int));
    c->pattern_count = arena_array(c->a, (size_t)m->n_pupils + 1, sizeof(int));
    if (!c->pattern_first || !c->pattern_count) return -1;
    for (int i = c->r->n_pattern - 1; i >= 0; i--) {
        int p = c->pattern[i].pupil;
        if (p < 0 || p >= m->n_pupils) continue;
        c->pattern_first[p] = i;
        c->pattern_count[p]++;
    }
    return 0;
}

int report_ctx_init(report_ctx *c, const model_programme *m, const roster *r) {
    memset(c, 0, sizeof *c);
    c->m = m;
    c->r = r;
    c->a = arena_new();
    if (!c->a) return -1;
    c->visits = report_copy(c->a, r->visits, r->n_visits, sizeof *r->visits);
    c->sessions = report_copy(c->a, r->sessions, r->n_sessions, sizeof *r->sessions);
    c->pattern = report_copy(c->a, r->pattern, r->n_pattern, sizeof *r->pattern);
    c->visit_moved = arena_array(c->a, (size_t)r->n_visits + 1, sizeof(bool));
    c->advocate_of = arena_array(c->a, (size_t)m->n_pupils + 1, sizeof(int));
    if (!c->visits || !c->sessions || !c->pattern || !c->visit_moved || !c->advocate_of) return -1;
    c->n_visits = r->n_visits;
    c->n_sessions = r->n_sessions;
    qsort(c->visits, (size_t)c->n_visits, sizeof *c->visits, report_cmp_visit);
    qsort(c->sessions, (size_t)c->n_sessions, sizeof *c->sessions, report_cmp_session);
    qsort(c->pattern, (size_t)r->n_pattern, sizeof *c->pattern, report_cmp_pattern);
    if (report_index_pattern(c) != 0) return -1;
    for (int p = 0; p < m->n_pupils; p++) c->advocate_of[p] = -1;
    for (int i = 0; i < r->n_assignments; i++) {
        int p = r->assignments[i].pupil;
        if (p >= 0 && p < m->n_pupils) c->advocate_of[p] = r->assignments[i].advocate;
    }
    for (int i = 0; i < c->n_visits; i++) c->visit_moved[i] = !report_in_pattern(c, &c->visits[i]);
    c->week0 = cal_week_start(m->period_from);
    c->n_weeks = (cal_week_start(m->period_to) - c->week0) / 7 + 1;
    return 0;
}

void report_ctx_free(report_ctx *c) {
    arena_free(c->a);
    c->a = NULL;
}

int report_week_of(const report_ctx *c, int date) {
    int w = (cal_week_start(date) - c->week0) / 7;
    return date >= c->week0 && w < c->n_weeks ? w : -1;
}

int report_first_visit_on(const report_ctx *c, int date) {
    int lo = 0, hi = c->n_visits;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (c->visits[mid].date < date) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

int report_first_session_on(const report_ctx *c, int date) {
    int lo = 0, hi = c->n_sessions;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (c->sessions[mid].date < date) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

const char *report_place_name(const model_programme *m, int place) {
    if (place < 0 || place >= m->n_places) return "?";
    const model_place *p = &m->places[place];
    return p->name ? p->name : p->id;
}

const char *report_advocate_name(const model_programme *m, int advocate) {
    if (advocate < 0 || advocate >= m->n_advocates) return "?";
    const model_advocate *a = &m->advocates[advocate];
    return a->name ? a->name : a->id;
}

const char *report_teacher_name(const model_programme *m, int teacher) {
    if (teacher < 0 || teacher >= m->n_teachers) return "?";
    const model_teacher *t = &m->teachers[teacher];
    return t->name ? t->name : t->id;
}

void report_number(double v, char out[32]) {
    if (fabs(v - round(v)) < 1e-9 && fabs(v) < 1e15)
        snprintf(out, 32, "%.0f", round(v) == 0 ? 0.0 : round(v)); /* never "-0" */
    else
        snprintf(out, 32, "%.2f", v);
}

void report_time_range(int start, int end, char out[32]) {
    char a[6], b[6];
    cal_format_time(start, a);
    cal_format_time(end, b);
    snprintf(out, 32, "%s\xE2\x80\x93%s", a, b);
}

void report_long_date(int date, char out[32]) {
    static const char *const days[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, mo, d;
    cal_to_ymd(date, &y, &mo, &d);
    snprintf(out, 32, "%s %d %s %d", days[cal_weekday(date)], d, months[mo - 1], y);
}

void report_html_text(FILE *out, const char *s) {
    if (!s) return;
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
    }
}

/* One stylesheet for every page: screen and print. */
static const char report_css[] =
    "body{font-family:system-ui,'Segoe UI',Arial,sans-serif;margin:1.5em auto;max-width:78em;"
    "padding:0 1em;color:#1d2125;line-height:1.4}\n"
    "h1{font-size:1.6em;margin-bottom:0.2em}h2{margin-top:1.6em;border-bottom:2px solid #d0d7de}\n"
    "h3{margin-bottom:0.3em}.sub{color:#57606a;margin-top:0}\n"
    "table{border-collapse:collapse;margin:0.5em 0 1.2em}\n"
    "th,td{border:1px solid #c4ccd4;padding:0.25em 0.55em;vertical-align:top;text-align:left}\n"
    "th{background:#eef2f6}td.num,th.num{text-align:right}\n"
    "table.grid td{min-width:9em}table.grid ul{margin:0;padding-left:1.1em}\n"
    ".moved{background:#fff4cc}.closed{background:#f6e0e0;color:#7a1f1f}.over{background:#f8d0d0}\n"
    ".session{background:#e3f1e6}.blocked{background:#e6e6e6;color:#555}.none{color:#8c959f}\n"
    ".tag{display:inline-block;font-size:0.8em;padding:0 0.35em;border-radius:0.3em;"
    "background:#ffe08a;color:#5c4400;margin-left:0.3em}\n"
    ".ok{color:#1a7f37}.warn{color:#9a6700}.bad{color:#cf222e}\n"
    "svg{max-width:100%;height:auto;display:block;margin:0.5em 0 1.2em}\n"
    "svg text{font-family:system-ui,Arial,sans-serif;font-size:11px;fill:#1d2125}\n"
    "nav a{margin-right:1em}footer{margin-top:2em;color:#57606a;font-size:0.85em}\n"
    "@page{size:A4 landscape;margin:12mm}\n"
    "@media print{body{margin:0;max-width:none;font-size:9.5pt}nav{display:none}"
    "h2{break-after:avoid}tr,li{break-inside:avoid}thead{display:table-header-group}"
    "th{background:#eee!important;-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    ".moved,.closed,.over,.session,.blocked{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "a{color:inherit;text-decoration:none}}\n";

void report_html_begin(FILE *out, const char *title) {
    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"robots\" content=\"noindex\">\n<title>",
          out);
    report_html_text(out, title);
    fputs("</title>\n<style>\n", out);
    fputs(report_css, out);
    fputs("</style>\n</head>\n<body>\n", out);
}

void report_html_end(FILE *out) {
    fputs("<footer>Written by roster from the programme's inputs and roster.yaml. "
          "Pupils appear only by pseudonym.</footer>\n</body>\n</html>\n",
          out);
}

void report_csv_field(FILE *out, const char *s) {
    if (!s) s = "";
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t';
    if (quote || formula) fputc('"', out);
    if (formula) fputc('\'', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"') fputc('"', out);
        fputc(*p, out);
    }
    if (quote || formula) fputc('"', out);
}

unsigned long long report_hash(const char *const *parts, int n) {
    unsigned long long h = 1469598103934665603ULL;
    for (int i = 0; i < n; i++) {
        for (const unsigned char *p = (const unsigned char *)parts[i]; p && *p; p++) {
            h ^= *p;
            h *= 1099511628211ULL;
        }
        h ^= 0xFF; /* a separator no UTF-8 text contains, so "ab","c" != "a","bc" */
        h *= 1099511628211ULL;
    }
    return h;
}

static int report_window_rank(const model_programme *m, int name) {
    const char *s = name >= 0 && name < m->n_names ? m->names[name] : "";
    if (strcmp(s, "early") == 0) return 0;
    if (strcmp(s, "core") == 0) return 1;
    if (strcmp(s, "late") == 0) return 2;
    if (strcmp(s, "saturday") == 0 || strcmp(s, "sat") == 0 || strcmp(s, "Saturday") == 0) return 3;
    return 4;
}

void report_window_order(const model_programme *m, const model_school *s, int *order) {
    int k = 0;
    for (int rank = 0; rank <= 4; rank++)
        for (int i = 0; i < s->n_windows; i++)
            if (report_window_rank(m, s->windows[i].name) == rank) order[k++] = i;
}

int report_path(char *path, size_t size, const char *dir, const char *sub, const char *name,
                const char *ext, diag_list *d) {
    int n = sub ? snprintf(path, size, "%s/%s/%s%s", dir, sub, name, ext)
                : snprintf(path, size, "%s/%s%s", dir, name, ext);
    if (n < 0 || (size_t)n >= size) {
        diag_error(d, (diag_pos){dir, 1, 1}, "output path too long for %s%s", name, ext);
        return -1;
    }
    return 0;
}

void report_days(model_days days, char out[64]) {
    static const char *const names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    int first = -1, last = -1, count = 0;
    for (int d = 0; d < 7; d++)
        if (days & (1u << d)) {
            if (first < 0) first = d;
            last = d;
            count++;
        }
    out[0] = '\0';
    if (count == 0) return;
    if (count >= 3 && last - first + 1 == count) {
        snprintf(out, 64, "%s\xE2\x80\x93%s", names[first], names[last]);
        return;
    }
    size_t n = 0;
    for (int d = 0; d < 7; d++)
        if (days & (1u << d)) n += (size_t)snprintf(out + n, 64 - n, "%s%s", n ? ", " : "", names[d]);
}

void report_html_windows(FILE *out, const model_window_list *l) {
    for (int i = 0; i < l->n; i++) {
        char days[64], times[32];
        report_days(l->v[i].days, days);
        report_time_range(l->v[i].start, l->v[i].end, times);
        fprintf(out, "%s%s %s", i ? "; " : "", days, times);
        if (l->v[i].reason) {
            fputs(" (", out);
            report_html_text(out, l->v[i].reason);
            fputs(")", out);
        }
    }
    if (l->n == 0) fputs("<span class=\"none\">none</span>", out);
}

void report_html_periods(FILE *out, const model_period_list *l) {
    for (int i = 0; i < l->n; i++) {
        char a[11], b[11];
        cal_format_date(l->v[i].from, a);
        cal_format_date(l->v[i].to, b);
        if (l->v[i].from == l->v[i].to) fprintf(out, "%s%s", i ? "; " : "", a);
        else fprintf(out, "%s%s to %s", i ? "; " : "", a, b);
        if (l->v[i].reason) {
            fputs(" (", out);
            report_html_text(out, l->v[i].reason);
            fputs(")", out);
        }
    }
    if (l->n == 0) fputs("<span class=\"none\">none</span>", out);
}
