/*
** report_lead.c: the programme lead's overview, DIR/report.html.
**
** Coverage (pupils matched, visits delivered of required, by school and by
** need), a need-by-experience heatmap of the matches, advocate utilisation,
** everything the roster reports as unmatched, missed or unfilled grouped by
** reason, and the objective: each term of Q recomputed from the roster for
** display beside the value and bound the solver reported. Charts are inline
** SVG; the page needs no script and no network.
**
** "Required" visits of matched pupils are those delivered plus those the
** roster lists as missed: the roster is the authority on what was required.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "cal.h"
#include "fsio.h"
#include "report_util.h"

typedef struct {
    double match, continuity, preference, visits, moved, school_day, sessions;
    int n_moved, n_school_days;
} lead_terms;

static int lead_cmp_triple(const void *x, const void *y) {
    const int *a = x, *b = y;
    for (int i = 0; i < 3; i++)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* Distinct (advocate, date, school) with a visit. */
static int lead_school_days(const report_ctx *c) {
    if (!c->n_visits) return 0;
    int *t = malloc((size_t)c->n_visits * 3 * sizeof *t);
    if (!t) return 0;
    for (int i = 0; i < c->n_visits; i++) {
        size_t k = 3 * (size_t)i;
        t[k] = c->visits[i].advocate;
        t[k + 1] = c->visits[i].date;
        t[k + 2] = c->visits[i].school;
    }
    qsort(t, (size_t)c->n_visits, 3 * sizeof *t, lead_cmp_triple);
    int n = 1;
    for (int i = 1; i < c->n_visits; i++) n += lead_cmp_triple(t + 3 * (size_t)i, t + 3 * (size_t)(i - 1)) != 0;
    free(t);
    return n;
}

static lead_terms lead_objective(const report_ctx *c) {
    const model_programme *m = c->m;
    const model_weights *w = &m->weights;
    lead_terms q = {0};
    for (int i = 0; i < c->r->n_assignments; i++) {
        const model_pupil *p = &m->pupils[c->r->assignments[i].pupil];
        int a = c->r->assignments[i].advocate;
        for (int n = 0; n < p->needs.n; n++)
            q.match += w->match * p->needs.v[n].level * model_level_of(&m->advocates[a].experience, p->needs.v[n].name);
        if (p->previous_advocate == a) q.continuity += w->continuity;
        for (int k = 0; k < p->prefers.n && k < 3; k++)
            if (p->prefers.v[k] == a) q.preference += w->preference * (3 - k);
    }
    for (int i = 0; i < c->n_visits; i++) {
        q.visits += w->visit * m->pupils[c->visits[i].pupil].priority;
        q.n_moved += c->visit_moved[i];
    }
    q.moved = -w->moved * q.n_moved;
    q.n_school_days = lead_school_days(c);
    q.school_day = -w->school_day * q.n_school_days;
    for (int i = 0; i < c->n_sessions; i++) q.sessions += w->session * m->sessions[c->sessions[i].session].priority;
    return q;
}

static void lead_term_row(FILE *out, const char *name, const char *basis, double v) {
    char num[32];
    report_number(v, num);
    fprintf(out, "<tr><td>%s</td><td>%s</td><td class=\"num\">%s</td></tr>\n", name, basis, num);
}

static void lead_summary(FILE *out, const report_ctx *c) {
    const roster *r = c->r;
    lead_terms q = lead_objective(c);
    double sum = q.match + q.continuity + q.preference + q.visits + q.moved + q.school_day + q.sessions;
    char v[32], b[32], s[32], basis[96];
    report_number(r->value, v);
    report_number(r->bound, b);
    report_number(sum, s);
    const char *cls = r->status == ROSTER_OPTIMAL ? "ok" : r->status == ROSTER_NO_ROSTER ? "bad" : "warn";
    fprintf(out, "<h2 id=\"objective\">Status and objective</h2>\n<p>Status: <b class=\"%s\">%s</b> &middot; "
                 "objective value <b>%s</b> &middot; proven bound <b>%s</b>",
            cls, roster_status_name(r->status), v, b);
    if (r->bound != 0 && r->status != ROSTER_NO_ROSTER)
        fprintf(out, " &middot; gap %.2f%%", 100.0 * fabs(r->bound - r->value) / fmax(1e-9, fabs(r->bound)));
    fputs("</p>\n<table>\n<thead><tr><th>Term</th><th>From the roster</th><th class=\"num\">Contribution</th>"
          "</tr></thead>\n<tbody>\n",
          out);
    snprintf(basis, sizeof basis, "%d matched pupils: need &times; experience", c->r->n_assignments);
    lead_term_row(out, "match", basis, q.match);
    lead_term_row(out, "continuity", "pupils kept with their previous advocate", q.continuity);
    lead_term_row(out, "preference", "pupils matched to a ranked choice", q.preference);
    snprintf(basis, sizeof basis, "%d delivered visits &times; priority", c->n_visits);
    lead_term_row(out, "visits", basis, q.visits);
    snprintf(basis, sizeof basis, "%d visits outside the weekly pattern", q.n_moved);
    lead_term_row(out, "moved", basis, q.moved);
    snprintf(basis, sizeof basis, "%d (advocate, date, school) days", q.n_school_days);
    lead_term_row(out, "school_day", basis, q.school_day);
    snprintf(basis, sizeof basis, "%d delivered sessions &times; priority", c->n_sessions);
    lead_term_row(out, "sessions", basis, q.sessions);
    fprintf(out, "<tr><th colspan=\"2\">Sum of the terms</th><th class=\"num\">%s</th></tr>\n"
                 "<tr><th colspan=\"2\">Reported objective value</th><th class=\"num\">%s</th></tr>\n"
                 "</tbody></table>\n",
            s, v);
    if (fabs(sum - r->value) > 1e-6 * fmax(1.0, fabs(r->value)))
        fputs("<p class=\"warn\">The sum differs from the reported value: with <code>--previous</code> the "
              "reassign and repattern terms also count, and they are not shown here.</p>\n",
              out);
}

/* Coverage by school and by need. */
static void lead_coverage(FILE *out, const report_ctx *c) {
    const model_programme *m = c->m;
    int matched = 0, missed = c->r->n_missed;
    for (int p = 0; p < m->n_pupils; p++) matched += c->advocate_of[p] >= 0;
    int required = c->n_visits + missed;
    fprintf(out, "<h2 id=\"coverage\">Coverage</h2>\n<p><b>%d</b> of <b>%d</b> pupils matched &middot; "
                 "<b>%d</b> of <b>%d</b> required visits delivered (%.1f%%) &middot; <b>%d</b> community sessions "
                 "delivered, %d unfilled.</p>\n",
            matched, m->n_pupils, c->n_visits, required, required ? 100.0 * c->n_visits / required : 100.0,
            c->n_sessions, c->r->n_unfilled);
    fputs("<h3>By school</h3>\n<table>\n<thead><tr><th>School</th><th class=\"num\">Pupils</th>"
          "<th class=\"num\">Matched</th><th class=\"num\">Visits delivered</th><th class=\"num\">Missed</th>"
          "<th class=\"num\">Delivered</th></tr></thead>\n<tbody>\n",
          out);
    for (int s = 0; s < m->n_schools; s++) {
        int pupils = 0, mt = 0, del = 0, mis = 0;
        for (int p = 0; p < m->n_pupils; p++)
            if (model_pupil_school_on(m, &m->pupils[p], m->period_from) == s) {
                pupils++;
                mt += c->advocate_of[p] >= 0;
            }
        for (int i = 0; i < c->n_visits; i++) del += c->visits[i].school == s;
        for (int i = 0; i < c->r->n_missed; i++) {
            const roster_missed *x = &c->r->missed[i];
            int when = x->week < m->period_from ? m->period_from : x->week;
            mis += model_pupil_school_on(m, &m->pupils[x->pupil], when) == s;
        }
        fputs("<tr><td>", out);
        report_html_text(out, m->schools[s].name ? m->schools[s].name : m->schools[s].id);
        fprintf(out, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                     "<td class=\"num\">%d</td><td class=\"num\">%.0f%%</td></tr>\n",
                pupils, mt, del, mis, del + mis ? 100.0 * del / (del + mis) : 100.0);
    }
    fputs("</tbody></table>\n<h3>By need</h3>\n<table>\n<thead><tr><th>Need</th><th class=\"num\">Pupils</th>"
          "<th class=\"num\">Matched</th><th class=\"num\">Visits delivered</th><th class=\"num\">Missed</th>"
          "</tr></thead>\n<tbody>\n",
          out);
    for (int n = 0; n < m->n_names; n++) {
        int pupils = 0, mt = 0, del = 0, mis = 0;
        for (int p = 0; p < m->n_pupils; p++)
            if (model_level_of(&m->pupils[p].needs, n) > 0) {
                pupils++;
                mt += c->advocate_of[p] >= 0;
            }
        if (!pupils) continue;
        for (int i = 0; i < c->n_visits; i++) del += model_level_of(&m->pupils[c->visits[i].pupil].needs, n) > 0;
        for (int i = 0; i < c->r->n_missed; i++) mis += model_level_of(&m->pupils[c->r->missed[i].pupil].needs, n) > 0;
        fputs("<tr><td>", out);
        report_html_text(out, m->names[n]);
        fprintf(out, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                     "<td class=\"num\">%d</td></tr>\n",
                pupils, mt, del, mis);
    }
    fputs("</tbody></table>\n", out);
}

/* Matched pupils by need (rows) and their advocate's experience level in
** that need (columns 0..5), shaded by count. */
static void lead_heatmap(FILE *out, const report_ctx *c) {
    const model_programme *m = c->m;
    fputs("<h2 id=\"needs\">Needs and experience of the matches</h2>\n<p>Each matched pupil counts once per "
          "need, in the column of their advocate's experience in that need (0 = none).</p>\n<table>\n"
          "<thead><tr><th>Need</th>",
          out);
    for (int l = 0; l <= 5; l++) fprintf(out, "<th class=\"num\">%d</th>", l);
    fputs("</tr></thead>\n<tbody>\n", out);
    int max = 1;
    for (int pass = 0; pass < 2; pass++)
        for (int n = 0; n < m->n_names; n++) {
            int count[6] = {0}, any = 0;
            for (int i = 0; i < c->r->n_assignments; i++) {
                const model_pupil *p = &m->pupils[c->r->assignments[i].pupil];
                if (model_level_of(&p->needs, n) <= 0) continue;
                int lvl = model_level_of(&m->advocates[c->r->assignments[i].advocate].experience, n);
                count[lvl < 0 ? 0 : lvl > 5 ? 5 : lvl]++;
                any++;
            }
            if (!any) continue;
            if (pass == 0) {
                for (int l = 0; l <= 5; l++) max = count[l] > max ? count[l] : max;
                continue;
            }
            fputs("<tr><th>", out);
            report_html_text(out, m->names[n]);
            fputs("</th>", out);
            for (int l = 0; l <= 5; l++) {
                double alpha = 0.08 + 0.82 * count[l] / max;
                if (count[l])
                    fprintf(out, "<td class=\"num\" style=\"background:rgba(9,105,218,%.2f);color:%s\">%d</td>", alpha,
                            alpha > 0.5 ? "#fff" : "#1d2125", count[l]);
                else fputs("<td class=\"num none\">&middot;</td>", out);
            }
            fputs("</tr>\n", out);
        }
    fputs("</tbody></table>\n", out);
}

static void lead_week_chart(FILE *out, const report_ctx *c) {
    int *visits = calloc((size_t)c->n_weeks + 1, sizeof *visits);
    int *sessions = calloc((size_t)c->n_weeks + 1, sizeof *sessions);
    if (!visits || !sessions) {
        free(visits);
        free(sessions);
        return;
    }
    int max = 1;
    for (int i = 0; i < c->n_visits; i++) {
        int w = report_week_of(c, c->visits[i].date);
        if (w >= 0) visits[w]++;
    }
    for (int i = 0; i < c->n_sessions; i++) {
        int w = report_week_of(c, c->sessions[i].date);
        if (w >= 0) sessions[w]++;
    }
    for (int w = 0; w < c->n_weeks; w++) max = visits[w] + sessions[w] > max ? visits[w] + sessions[w] : max;
    const double left = 40, top = 10, plot_w = 700, plot_h = 180;
    double bw = plot_w / c->n_weeks;
    fprintf(out, "<h2 id=\"weeks\">Visits and sessions by week</h2>\n<svg viewBox=\"0 0 760 240\" width=\"760\" "
                 "height=\"240\" role=\"img\" aria-label=\"Visits and sessions per week\">\n"
                 "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#57606a\"/>\n"
                 "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%d</text>\n"
                 "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">0</text>\n",
            left, top + plot_h, left + plot_w, top + plot_h, left - 4, top + 10, max, left - 4, top + plot_h);
    int step = c->n_weeks > 12 ? (c->n_weeks + 11) / 12 : 1;
    for (int w = 0; w < c->n_weeks; w++) {
        double x = left + w * bw + bw * 0.1, hv = plot_h * visits[w] / max, hs = plot_h * sessions[w] / max;
        double y = top + plot_h - hv;
        fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#0969da\">"
                     "<title>%d visits</title></rect>\n",
                x, y, bw * 0.8, hv, visits[w]);
        if (sessions[w])
            fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2da44e\">"
                         "<title>%d sessions</title></rect>\n",
                    x, y - hs, bw * 0.8, hs, sessions[w]);
        if (w % step == 0) {
            int yy, mo, d;
            cal_to_ymd(c->week0 + 7 * w, &yy, &mo, &d);
            fprintf(out, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%02d/%02d</text>\n", x + bw * 0.4,
                    top + plot_h + 16, d, mo);
        }
    }
    fprintf(out, "<rect x=\"%.0f\" y=\"222\" width=\"10\" height=\"10\" fill=\"#0969da\"/><text x=\"%.0f\" "
                 "y=\"231\">visits</text>\n<rect x=\"%.0f\" y=\"222\" width=\"10\" height=\"10\" fill=\"#2da44e\"/>"
                 "<text x=\"%.0f\" y=\"231\">sessions</text>\n</svg>\n",
            left, left + 14, left + 70, left + 84);
    free(visits);
    free(sessions);
}

/* Busiest-week minutes and pupils of each advocate against their caps. */
static void lead_utilisation(FILE *out, const report_ctx *c) {
    const model_programme *m = c->m;
    int na = m->n_advocates, nw = c->n_weeks;
    int *minutes = calloc((size_t)na * (size_t)nw + 1, sizeof *minutes);
    int *pupils = calloc((size_t)na + 1, sizeof *pupils);
    if (!minutes || !pupils) {
        free(minutes);
        free(pupils);
        return;
    }
    for (int i = 0; i < c->n_visits; i++) {
        int w = report_week_of(c, c->visits[i].date);
        if (w >= 0) minutes[c->visits[i].advocate * nw + w] += c->visits[i].end - c->visits[i].start;
    }
    for (int i = 0; i < c->r->n_assignments; i++) pupils[c->r->assignments[i].advocate]++;
    int scale = 60;
    for (int a = 0; a < na; a++) {
        int cap = m->advocates[a].max_minutes_per_week;
        if (cap > scale) scale = cap;
        for (int w = 0; w < nw; w++) scale = minutes[a * nw + w] > scale ? minutes[a * nw + w] : scale;
    }
    fputs("<h2 id=\"advocates\">Advocate utilisation</h2>\n<table>\n<thead><tr><th>Advocate</th><th>Name</th>"
          "<th>Kind</th><th class=\"num\">Pupils</th><th class=\"num\">Max pupils</th>"
          "<th class=\"num\">Average minutes a week</th><th class=\"num\">Busiest week</th>"
          "<th class=\"num\">Cap a week</th></tr></thead>\n<tbody>\n",
          out);
    double row_h = 18, left = 90, plot_w = 600;
    for (int a = 0; a < na; a++) {
        int total = 0, peak = 0;
        for (int w = 0; w < nw; w++) {
            total += minutes[a * nw + w];
            peak = minutes[a * nw + w] > peak ? minutes[a * nw + w] : peak;
        }
        const model_advocate *ad = &m->advocates[a];
        fprintf(out, "<tr><td>%s</td><td>", ad->id);
        report_html_text(out, report_advocate_name(m, a));
        fprintf(out, "</td><td>%s</td><td class=\"num\">%d</td><td class=\"num\">", model_kind_name(ad->kind), pupils[a]);
        if (ad->max_pupils == MODEL_NO_LIMIT) fputs("&ndash;", out);
        else fprintf(out, "%d", ad->max_pupils);
        fprintf(out, "</td><td class=\"num\">%.0f</td><td class=\"num\">%d</td><td class=\"num\">", (double)total / nw,
                peak);
        if (ad->max_minutes_per_week == MODEL_NO_LIMIT) fputs("&ndash;", out);
        else fprintf(out, "%d", ad->max_minutes_per_week);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
    fprintf(out, "<svg viewBox=\"0 0 760 %.0f\" width=\"760\" height=\"%.0f\" role=\"img\" "
                 "aria-label=\"Busiest-week minutes per advocate against the weekly cap\">\n",
            na * row_h + 30, na * row_h + 30);
    for (int a = 0; a < na; a++) {
        int peak = 0, total = 0;
        for (int w = 0; w < nw; w++) {
            peak = minutes[a * nw + w] > peak ? minutes[a * nw + w] : peak;
            total += minutes[a * nw + w];
        }
        double y = 5 + a * row_h;
        int cap = m->advocates[a].max_minutes_per_week;
        fprintf(out, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", left - 6, y + 12,
                m->advocates[a].id);
        fprintf(out, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" fill=\"#0969da\">"
                     "<title>busiest week %d min</title></rect>\n",
                left, y + 2, plot_w * peak / scale, row_h - 6, peak);
        fprintf(out, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" fill=\"#9ecbff\">"
                     "<title>average %.0f min</title></rect>\n",
                left, y + 2 + (row_h - 6) / 3, plot_w * total / nw / scale, (row_h - 6) / 3, (double)total / nw);
        if (cap != MODEL_NO_LIMIT)
            fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#cf222e\" stroke-width=\"2\">"
                         "<title>cap %d min</title></line>\n",
                    left + plot_w * cap / scale, y, left + plot_w * cap / scale, y + row_h - 2, cap);
    }
    fprintf(out, "<text x=\"%.0f\" y=\"%.0f\">bar: busiest week (inner: average), red line: weekly cap; "
                 "full width = %d minutes</text>\n</svg>\n",
            left, na * row_h + 22, scale);
    free(minutes);
    free(pupils);
}

/* Reasons in order of count (most first), ties by text: deterministic.
** A county has tens of thousands of missed weeks and nearly as many
** distinct reasons (they name advocates and numbers), so the reasons are
** grouped by sorting (reason, position) pairs once, not by comparing every
** reason with every other. */
typedef struct {
    const char *reason;
    int pos; /* the unmatched pupil, missed week or unfilled session it was given for */
} lead_item;

typedef struct {
    const char *reason;
    int first, n; /* its items: items[first .. first + n), in position order */
} lead_group;

static const char *lead_reason_text(const char *reason) { return reason ? reason : "(no reason given)"; }

static int lead_cmp_item(const void *x, const void *y) {
    const lead_item *a = x, *b = y;
    int c = strcmp(a->reason, b->reason);
    return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

static int lead_cmp_group(const void *x, const void *y) {
    const lead_group *a = x, *b = y;
    if (a->n != b->n) return a->n > b->n ? -1 : 1;
    return strcmp(a->reason, b->reason);
}

/* The items of one kind: every reason of every unmatched pupil (a pupil
** with none counts once), or the one reason of each missed week or
** unfilled session. Returns their number, or -1 when memory runs out. */
static int lead_collect(const roster *r, int kind, lead_item **out) {
    int total = kind == 0 ? r->n_unmatched : kind == 1 ? r->n_missed : r->n_unfilled, n = 0, cap = 0;
    for (int i = 0; i < total; i++) cap += kind == 0 && r->unmatched[i].n_reasons ? r->unmatched[i].n_reasons : 1;
    lead_item *v = malloc(sizeof *v * ((size_t)cap + 1));
    if (!v) return -1;
    for (int i = 0; i < total; i++) {
        if (kind == 0 && r->unmatched[i].n_reasons) {
            for (int k = 0; k < r->unmatched[i].n_reasons; k++) v[n++] = (lead_item){lead_reason_text(r->unmatched[i].reasons[k]), i};
        } else {
            const char *why = kind == 0 ? NULL : kind == 1 ? r->missed[i].reason : r->unfilled[i].reason;
            v[n++] = (lead_item){lead_reason_text(why), i};
        }
    }
    qsort(v, (size_t)n, sizeof *v, lead_cmp_item);
    *out = v;
    return n;
}

/* The runs of one reason, most items first. */
static int lead_sort_groups(const lead_item *v, int n, lead_group **out) {
    lead_group *g = malloc(sizeof *g * ((size_t)n + 1));
    if (!g) return -1;
    int ng = 0;
    for (int i = 0; i < n; i++) {
        if (i == 0 || strcmp(v[i].reason, v[i - 1].reason) != 0) g[ng++] = (lead_group){v[i].reason, i, 0};
        g[ng - 1].n++;
    }
    qsort(g, (size_t)ng, sizeof *g, lead_cmp_group);
    *out = g;
    return ng;
}

static void lead_who(FILE *out, const report_ctx *c, int kind, const lead_item *v, lead_group g) {
    const roster *r = c->r;
    for (int j = g.first; j < g.first + g.n; j++) {
        int i = v[j].pos;
        if (j > g.first && v[j - 1].pos == i) continue; /* a pupil given the same reason twice is named once */
        char wk[11] = "";
        const char *who;
        if (kind == 0) {
            who = c->m->pupils[r->unmatched[i].pupil].id;
        } else if (kind == 1) {
            who = c->m->pupils[r->missed[i].pupil].id;
            cal_format_date(r->missed[i].week, wk);
        } else {
            who = c->m->sessions[r->unfilled[i].session].id;
            cal_format_date(r->unfilled[i].week, wk);
        }
        fprintf(out, "%s%s%s%s", j > g.first ? ", " : "", who, wk[0] ? " wk " : "", wk);
    }
}

static void lead_reasons(FILE *out, const report_ctx *c) {
    const roster *r = c->r;
    fputs("<h2 id=\"problems\">Unmatched pupils, missed visits, unfilled sessions</h2>\n", out);
    for (int kind = 0; kind < 3; kind++) {
        int total = kind == 0 ? r->n_unmatched : kind == 1 ? r->n_missed : r->n_unfilled;
        static const char *const titles[3] = {"Unmatched pupils", "Missed visits", "Unfilled sessions"};
        fprintf(out, "<h3>%s: %d</h3>\n", titles[kind], total);
        if (!total) continue;
        lead_item *v = NULL;
        lead_group *g = NULL;
        int n = lead_collect(r, kind, &v), ng = n < 0 ? -1 : lead_sort_groups(v, n, &g);
        if (ng < 0) {
            free(v);
            return;
        }
        fputs("<table>\n<thead><tr><th>Reason</th><th class=\"num\">Count</th><th>Who</th></tr></thead>\n<tbody>\n", out);
        for (int k = 0; k < ng; k++) {
            fputs("<tr><td>", out);
            report_html_text(out, g[k].reason);
            fprintf(out, "</td><td class=\"num\">%d</td><td>", g[k].n);
            lead_who(out, c, kind, v, g[k]);
            fputs("</td></tr>\n", out);
        }
        fputs("</tbody></table>\n", out);
        free(g);
        free(v);
    }
}

/* Advice is computed elsewhere (advice.c, from what-if re-solves); this
** only shows it. */
static void lead_advice(FILE *out, const report_ctx *c) {
    const advice_list *l = c->advice;
    if (!l) return;
    fputs("<h2 id=\"advice\">What would help most</h2>\n", out);
    fprintf(out, "<p>Each proposal was added to a copy of the inputs and re-solved; the numbers are what that "
                 "re-solve delivered (now: %d of %d pupils matched, %d visits, %d sessions).</p>\n",
            l->matched_before, l->n_pupils, l->visits_before, l->sessions_before);
    if (l->n_items == 0) fputs("<p>Nothing: no shortfall that one more person could make up.</p>\n", out);
    else fputs("<ol>\n", out);
    for (int i = 0; i < l->n_items; i++) {
        const advice_item *it = &l->items[i];
        fputs("<li><p><strong>", out);
        report_html_text(out, it->outcome);
        fputs("</strong></p><p>Why: ", out);
        report_html_text(out, it->evidence);
        fprintf(out, "</p><p>Whole programme with it: %d of %d pupils matched, %d visits, %d sessions.</p><pre>",
                it->matched_after, l->n_pupils, it->visits_after, it->sessions_after);
        report_html_text(out, it->yaml);
        fputs("</pre></li>\n", out);
    }
    if (l->n_items) fputs("</ol>\n", out);
    if (l->n_groups > l->n_items)
        fprintf(out, "<p>%d more shortfall group%s not tried (<code>roster advise --what-ifs N</code> tries more).</p>\n",
                l->n_groups - l->n_items, l->n_groups - l->n_items == 1 ? "" : "s");
}

static int lead_write(FILE *out, void *ctx) {
    const report_ctx *c = ctx;
    const model_programme *m = c->m;
    char from[11], to[11], title[300];
    cal_format_date(m->period_from, from);
    cal_format_date(m->period_to, to);
    snprintf(title, sizeof title, "%s: roster report", m->name ? m->name : "Programme");
    report_html_begin(out, title);
    fputs("<h1>", out);
    report_html_text(out, m->name);
    fprintf(out, "</h1>\n<p class=\"sub\">Roster report &middot; %s to %s &middot; %d schools, %d pupils, "
                 "%d advocates, %d community teachers, %d sessions</p>\n",
            from, to, m->n_schools, m->n_pupils, m->n_advocates, m->n_teachers, m->n_sessions);
    fputs("<nav><a href=\"#objective\">Objective</a><a href=\"#coverage\">Coverage</a><a href=\"#weeks\">By week</a>"
          "<a href=\"#needs\">Needs</a><a href=\"#advocates\">Advocates</a><a href=\"#problems\">Problems</a>", out);
    if (c->advice) fputs("<a href=\"#advice\">What would help</a>", out);
    fputs("</nav>\n", out);
    lead_summary(out, c);
    lead_coverage(out, c);
    lead_week_chart(out, c);
    lead_heatmap(out, c);
    lead_utilisation(out, c);
    lead_reasons(out, c);
    lead_advice(out, c);
    report_html_end(out);
    return 0;
}

int report_write_lead(const report_ctx *c, const char *dir, diag_list *d) {
    char path[4096];
    if (report_path(path, sizeof path, dir, NULL, "report", ".html", d) != 0) return -1;
    return fsio_write_atomic(path, lead_write, (void *)c, d);
}
