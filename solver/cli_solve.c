/*
** cli_solve.c: `roster solve FILE... -o DIR [--time-limit S] [--threads N]
** [--write-lp FILE] [-q] [--previous ROSTER [--from DATE]]`: load, prepare,
** solve, write the roster files and print a short summary. With --previous
** the solve re-rosters against that roster (previous.h).
**
** SIGINT or SIGTERM stops the search: the best roster found so far is
** written with status time_limit. Every output goes to a staging directory
** that replaces DIR as a whole (fsio_dir), so DIR holds the complete
** previous set or the complete new one whatever moment the run dies.
*/
#include <glpk.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "advice.h"
#include "cal.h"
#include "cli.h"
#include "report.h"
#include "fsio.h"
#include "model.h"
#include "prepare.h"
#include "previous.h"
#include "roster.h"
#include "solve.h"
#include "stop.h"

typedef struct {
    const char **files;
    int n_files;
    const char *out_dir;
    solve_options so;
    bool quiet;
    const char *previous;   /* --previous ROSTER, or NULL */
    bool has_from;
    int from;               /* --from DATE */
    bool advice;            /* --advice: what-if re-solves for the lead's report */
    bool progress;          /* --progress: show it even when stderr is not a terminal */
} solve_args;

static void solve_usage(FILE *out) {
    fprintf(out, "usage: roster solve FILE... -o DIR [--time-limit SECONDS] [--threads N] [--write-lp FILE] [--advice] [-q] [--progress]\n"
                 "                    [--strategy relax|full|greedy] [--previous OLD/roster.yaml [--from YYYY-MM-DD]]\n"
                 "                    [--max-candidates N]\n");
}

static bool parse_number(const char *s, double *v) {
    char *end;
    *v = strtod(s, &end);
    return *s && !*end && *v >= 0 && *v < 1e9;
}

/* 0 ok, 1 help printed, -1 bad usage (message printed). */
static int parse_args(int argc, char **argv, solve_args *a) {
    memset(a, 0, sizeof *a);
    a->so.threads = 1;
    a->files = calloc((size_t)argc + 1, sizeof *a->files);
    if (!a->files) return -1;
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        bool has_value = i + 1 < argc;
        double v;
        if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            solve_usage(stdout);
            return 1;
        } else if (strcmp(s, "--progress") == 0) {
            a->progress = true;
        } else if (strcmp(s, "-q") == 0 || strcmp(s, "--quiet") == 0) {
            a->quiet = true;
        } else if (strcmp(s, "--advice") == 0) {
            a->advice = true;
        } else if (strcmp(s, "-v") == 0 || strcmp(s, "--verbose") == 0) {
            a->so.verbose = true;
        } else if ((strcmp(s, "-o") == 0 || strcmp(s, "--output") == 0) && has_value) {
            a->out_dir = argv[++i];
        } else if (strcmp(s, "--time-limit") == 0 && has_value) {
            if (!parse_number(argv[++i], &v)) return fprintf(stderr, "roster solve: bad --time-limit '%s'\n", argv[i]), -1;
            a->so.time_limit = v;
        } else if (strcmp(s, "--threads") == 0 && has_value) {
            if (!parse_number(argv[++i], &v) || v < 1 || v != (int)v)
                return fprintf(stderr, "roster solve: bad --threads '%s'\n", argv[i]), -1;
            a->so.threads = (int)v;
        } else if (strcmp(s, "--strategy") == 0 && has_value) {
            const char *val = argv[++i];
            if (strcmp(val, "relax") == 0) a->so.strategy = SOLVE_STRATEGY_RELAX;
            else if (strcmp(val, "full") == 0) a->so.strategy = SOLVE_STRATEGY_FULL;
            else if (strcmp(val, "greedy") == 0) a->so.strategy = SOLVE_STRATEGY_GREEDY;
            else return fprintf(stderr, "roster solve: bad --strategy '%s' (relax, full or greedy)\n", val), -1;
        } else if (strcmp(s, "--max-candidates") == 0 && has_value) {
            /* 12 bytes each in prepare, about twice that in a solve (docs/solve.md) */
            if (!parse_number(argv[++i], &v) || v < 1 || v != (int)v || v > SOLVE_SPARSE_ABOVE)
                return fprintf(stderr, "roster solve: bad --max-candidates '%s' (a whole number, 1 to %d)\n", argv[i],
                               SOLVE_SPARSE_ABOVE),
                       -1;
            a->so.max_candidates = (int)v;
        } else if (strcmp(s, "--write-lp") == 0 && has_value) {
            a->so.write_lp = argv[++i];
        } else if (strcmp(s, "--previous") == 0 && has_value) {
            a->previous = argv[++i];
        } else if (strcmp(s, "--from") == 0 && has_value) {
            if (!cal_parse_date(argv[++i], &a->from))
                return fprintf(stderr, "roster solve: bad --from '%s' (YYYY-MM-DD)\n", argv[i]), -1;
            a->has_from = true;
        } else if (s[0] == '-' && s[1]) {
            return fprintf(stderr, "roster solve: unknown or incomplete option '%s'\n", s), -1;
        } else {
            a->files[a->n_files++] = s;
        }
    }
    if (a->has_from && !a->previous)
        return fprintf(stderr, "roster solve: --from needs --previous\n"), -1;
    if (a->n_files == 0 || !a->out_dir) {
        solve_usage(stderr);
        return -1;
    }
    return 0;
}

/* ---- per-person and per-school CSV files -------------------------------- */

typedef struct {
    const roster *r;
    const model_programme *m;
    int advocate, school;   /* one of them is -1 */
} csv_ctx;

static void csv_row(FILE *out, int date, int start, int end, const char *kind, const char *what, const char *who,
                    const char *where) {
    char d[11], s[6], e[6];
    cal_format_date(date, d);
    cal_format_time(start, s);
    cal_format_time(end, e);
    fprintf(out, "%s,%s,%s,%s,%s,%s,%s\n", d, s, e, kind, what, who, where);
}

static int write_csv(FILE *out, void *vctx) {
    const csv_ctx *c = vctx;
    const roster *r = c->r;
    const model_programme *m = c->m;
    fputs("date,start,end,kind,pupil_or_session,advocate_or_teacher,school_or_place\n", out);
    for (int i = 0; i < r->n_visits; i++) {
        const roster_visit *v = &r->visits[i];
        if (v->advocate == c->advocate || v->school == c->school)
            csv_row(out, v->date, v->start, v->end, "visit", m->pupils[v->pupil].id, m->advocates[v->advocate].id,
                    m->schools[v->school].id);
    }
    for (int i = 0; i < r->n_sessions; i++) {
        const roster_session_occurrence *s = &r->sessions[i];
        bool mine = c->advocate >= 0 && m->teachers[s->teacher].advocate == c->advocate;
        if (mine || (c->school >= 0 && m->sessions[s->session].school == c->school))
            csv_row(out, s->date, s->start, s->end, "session", m->sessions[s->session].id, m->teachers[s->teacher].id,
                    m->places[s->place].id);
    }
    return ferror(out) ? -1 : 0;
}

/* Writes every file under dir (the staging directory). */
static int write_files(const char *dir, const roster *r, const model_programme *m, const advice_list *adv,
                       diag_list *d) {
    size_t cap = strlen(dir) + 200;
    char *path = malloc(cap);
    if (!path) return -1;
    int rc = -1;
    snprintf(path, cap, "%s/advocates", dir);
    if (fsio_mkdir_private(path, d)) goto out;
    snprintf(path, cap, "%s/schools", dir);
    if (fsio_mkdir_private(path, d)) goto out;
    snprintf(path, cap, "%s/roster.yaml", dir);
    if (roster_write_yaml(r, m, path, d)) goto out;
    for (int a = 0; a < m->n_advocates; a++) {
        csv_ctx c = {r, m, a, -1};
        snprintf(path, cap, "%s/advocates/%s.csv", dir, m->advocates[a].id);
        if (fsio_write_atomic(path, write_csv, &c, d)) goto out;
    }
    for (int s = 0; s < m->n_schools; s++) {
        csv_ctx c = {r, m, -1, s};
        snprintf(path, cap, "%s/schools/%s.csv", dir, m->schools[s].id);
        if (fsio_write_atomic(path, write_csv, &c, d)) goto out;
    }
    /* Calendars, timetables, release schedules and the lead's report. */
    if (report_write_all_advice(m, r, adv, dir, d)) goto out;
    rc = 0;
out:
    free(path);
    return rc;
}

/* The first failure of a staged write, told against DIR rather than the
** staging directory the user never sees (one full disk fails every file
** after it; the first says why). */
static void report_write_failure(const fsio_dir *t, const char *dir, const diag_list *w, diag_list *d) {
    const diag_entry *first = w->kept ? &w->entries[0] : NULL;
    size_t sl = strlen(t->stage);
    if (first && first->pos.file && strncmp(first->pos.file, t->stage, sl) == 0) {
        size_t cap = strlen(dir) + strlen(first->pos.file) + 1;
        char *shown = malloc(cap);
        if (shown) snprintf(shown, cap, "%s%s", dir, first->pos.file + sl);
        diag_error(d, (diag_pos){shown ? shown : dir, 1, 1}, "%s", first->message);
        free(shown);
    } else if (first) {
        diag_error(d, first->pos, "%s", first->message);
    }
    diag_error(d, (diag_pos){NULL, 0, 0}, "nothing written (%d file%s failed): %s is as it was", diag_count(w),
               diag_count(w) == 1 ? "" : "s", dir);
}

/* Fill the staging directory t and swap it in; t is released either way. */
static int write_outputs(fsio_dir *t, const char *dir, const roster *r, const model_programme *m,
                         const advice_list *adv, diag_list *d) {
    diag_list w;
    diag_init(&w);
    int rc = write_files(t->stage, r, m, adv, &w);
    if (rc) {
        report_write_failure(t, dir, &w, d);
        fsio_dir_abort(t);
    } else {
        rc = fsio_dir_commit(t, d);
    }
    diag_clear(&w);
    return rc;
}

/* ---- interrupts ------------------------------------------------------------- */

/* The one piece of process-wide state: a signal handler can reach nothing
** else. The handler only stores; solve polls it through solve_options.stop. */
static volatile sig_atomic_t solve_interrupted;

static void on_stop_signal(int sig) {
    (void)sig;
    solve_interrupted = 1;
    signal(SIGINT, SIG_DFL); /* async-signal-safe: a second signal of either kind kills */
    signal(SIGTERM, SIG_DFL);
}

/* First SIGINT/SIGTERM: finish with the best roster so far. A second one
** kills as usual; the staging directory keeps DIR whole even then. */
static void install_stop_handlers(solve_options *so) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    so->stop = &solve_interrupted;
}

static void print_summary(const solve_args *a, const roster *r, const model_programme *m, const prep *p,
                          const solve_stats *st) {
    int weeks = prep_n_weeks(p), required = 0, sess_required = 0;
    for (int i = 0; i < r->n_assignments; i++) required += m->pupils[r->assignments[i].pupil].per_week * weeks;
    for (int s = 0; s < m->n_sessions; s++) sess_required += m->sessions[s].per_week * weeks;
    double gap = r->bound > r->value ? (r->bound - r->value) / (r->bound != 0 ? r->bound : 1) * 100 : 0;
    printf("%s: roster written to %s/roster.yaml\n", m->name, a->out_dir);
    printf("  for people       %s/report.html (the lead), schools/, advocates/, university/\n", a->out_dir);
    printf("  pupils matched   %d of %d\n", r->n_assignments, m->n_pupils);
    printf("  visits           %d delivered of %d required for matched pupils (%d weeks)\n", r->n_visits, required,
           weeks);
    printf("  sessions         %d delivered of %d required\n", r->n_sessions, sess_required);
    printf("  objective        %.10g (bound %.10g, gap %.3g%%)\n", r->value, r->bound, gap);
    printf("  status           %s in %.2f s (%d rows, %d columns, %d nonzeros, threads %d)\n",
           roster_status_name(r->status), st->seconds, st->rows, st->cols, st->nonzeros, a->so.threads);
    if (st->first_seconds >= 0)
        printf("  first roster     value %.10g after %.2f s (from the start of the run)\n", st->first_q,
               st->first_seconds);
    if (r->has_changes) {
        int adv = 0, pat = 0;
        for (int i = 0; i < r->n_changes; i++) {
            adv += strcmp(r->changes[i].what, "advocate") == 0;
            pat += strcmp(r->changes[i].what, "pattern") == 0;
        }
        printf("  changes          %d advocate, %d pattern, %d other against %s\n", adv, pat, r->n_changes - adv - pat,
               a->previous);
    }
    if (st->large) {
        printf("  greedy strategy  the exact program was not built (--strategy greedy, or too many candidate "
               "visits): greedy roster, assignment bound\n");
        if (st->from_bound_q > -HUGE_VAL && st->plain_q > -HUGE_VAL)
            printf("  greedy rosters   %.10g planned alone, %.10g from the assignment bound's matching\n", st->plain_q,
                   st->from_bound_q);
        else if (st->from_bound_q > -HUGE_VAL) /* one thread, and the time went to the plan from A's matching */
            printf("  greedy rosters   %.10g from the assignment bound's matching (no time left to plan alone)\n",
                   st->from_bound_q);
    }
    if (prep_is_sparse(p))
        printf("  sparse           more than %d candidate visits: the search kept %d of %d usable pairs (%d "
               "candidates), chosen per pupil and advocate; the bound counts every pair (coarse bound: %d steps in %.2f s)\n",
               solve_candidate_cap(a->so.max_candidates), prep_n_pairs(p),
               prep_n_pairs(p) + prep_n_left(p), prep_n_visits(p),
               st->coarse_steps, st->coarse_seconds);
    if (st->assign_cols > 0 || st->large)
        printf("  assignment bound %.1f in %.2f s (%d rows, %d columns)%s%s\n", st->assign_bound, st->assign_seconds,
               st->assign_rows, st->assign_cols, prep_is_sparse(p) ? " over the kept pairs only: not a bound" : "",
               st->assign_cut_short ? "; cut short by its time share (a quarter of the limit, 60 s without one): more time may tighten it" : "");
    if (st->relax_cols > 0)
        printf("  relaxation       bound %.10g in %.2f s (%d rows, %d columns); restricted program %d rows, %d "
               "columns: Q %.10g in %.2f s, pattern free %.10g in %.2f s%s\n",
               st->relax_bound, st->relax_seconds, st->relax_rows, st->relax_cols, st->restricted_rows,
               st->restricted_cols, st->realise_value[0], st->realise_seconds[0], st->realise_value[1],
               st->realise_seconds[1], st->full_search ? "; full search ran" : "");
    if (a->so.stop && *a->so.stop) printf("  interrupted      the search was stopped: this is the best roster found by then\n");
}

int cli_solve(int argc, char **argv) {
    solve_args a;
    int pr = parse_args(argc, argv, &a);
    if (pr != 0) {
        free(a.files);
        return pr > 0 ? CLI_OK : CLI_BAD_INPUT;
    }
    install_stop_handlers(&a.so);
    double started = stop_clock();
    diag_list d;
    diag_init(&d);
    int rc = CLI_FAILED;
    prep *p = NULL;
    roster *r = NULL, *old = NULL;
    prev_plan *pv = NULL;
    advice_list adv = {0};
    fsio_dir staged = {NULL, NULL, -1};
    model_programme *m = model_load(a.files, a.n_files, &d);
    if (!m) {
        diag_print(&d, stderr);
        rc = CLI_BAD_INPUT;
        goto out;
    }
    /* Before the solve: a read-only or foreign output directory is
    ** reported now, not after minutes of search. */
    if (fsio_dir_begin(&staged, a.out_dir, &d)) {
        diag_print(&d, stderr);
        goto out;
    }
    if (a.previous) {
        if (!(old = roster_read_yaml_lenient(m, a.previous, &d))) {
            diag_print(&d, stderr);
            rc = CLI_BAD_INPUT;
            goto out;
        }
        if (!(pv = prev_new(m, old, a.has_from, a.from))) {
            fprintf(stderr, "roster solve: out of memory\n");
            goto out;
        }
        a.so.previous = pv;
    }
    prep_status ps;
    p = solve_prepare_within(m, a.so.max_candidates, &ps); /* 0: the default threshold */
    r = roster_new();
    solve_stats st;
    if (!p || !r) {
        cli_prep_failed("roster solve", p ? PREP_NO_MEMORY : ps);
        goto out;
    }
    /* Advice re-solves for at most 5 s each (less when the solve itself was shorter). */
    advice_options ao = {4, a.so.time_limit > 0 && a.so.time_limit < 5 ? a.so.time_limit : 5};
    /* Progress on a terminal unless -q; elsewhere only when asked. */
    progress prog;
    bool tty = isatty(STDERR_FILENO);
    progress_init(&prog, !a.quiet && (tty || a.progress) ? stderr : NULL, tty);
    a.so.progress = &prog;
    /* --time-limit counts from the start: loading and preparing a city take
    ** seconds of it (the search keeps at least one) */
    double solve_from = stop_clock() - started; /* loading and preparing */
    if (a.so.time_limit > 0) {
        double left = a.so.time_limit - solve_from;
        a.so.time_limit = left > 1.0 ? left : 1.0;
    }
    int solved = solve_run(m, p, &a.so, r, &st, &d);
    st.first_seconds = st.first_seconds >= 0 ? st.first_seconds + solve_from : -1;
    progress_finish(&prog);
    a.so.progress = NULL; /* the advice's what-if re-solves stay quiet */
    if (solved ||
        (a.advice && advice_compute(m, a.files, a.n_files, r, &a.so, &ao, &adv, &d)) ||
        write_outputs(&staged, a.out_dir, r, m, a.advice ? &adv : NULL, &d)) {
        diag_print(&d, stderr);
        goto out;
    }
    if (!a.quiet) print_summary(&a, r, m, p, &st);
    if (!a.quiet && a.advice) advice_print(&adv, stdout);
    rc = CLI_OK;
out:
    if (staged.stage) fsio_dir_abort(&staged); /* nothing written: DIR untouched */
    advice_free(&adv);
    roster_free(r);
    prev_free(pv);
    roster_free(old);
    prep_free(p);
    model_free(m);
    diag_clear(&d);
    free(a.files);
    glp_free_env();
    return rc;
}

void cli_prep_failed(const char *command, prep_status st) {
    if (st == PREP_TOO_MANY_VISITS)
        fprintf(stderr,
                "%s: the programme has more than %d candidate visits (pupils x compatible advocates x dates x "
                "start times), more than this version can hold; solve its localities (schools that share no "
                "advocate) as separate programmes\n",
                command, PREP_MAX_VISITS);
    else
        fprintf(stderr, "%s: out of memory\n", command);
}
