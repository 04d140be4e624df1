/*
** explain.h: why a pupil has (or has not) a given advocate, and why a
** community session has (or has not) a given teacher, in the user's words.
**
** For a pupil, every advocate gets one line: the FIRST rule that rules them
** out for this pupil with the data behind it (from prepare's own rule
** checks, so an explanation can never disagree with what the solver was
** offered), or, when usable, their feasible visit slots and what using them
** would contribute to the objective, best first. With a roster, notes say
** whom the pupil has now and, for an unmatched pupil, why each usable
** advocate was not used (max_pupils, weekly minutes, time taken by other
** engagements or rooms). Sessions are explained the same way per teacher.
*/
#ifndef ROSTER_EXPLAIN_H
#define ROSTER_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "model.h"
#include "prepare.h"
#include "roster.h"

typedef struct {
    int who;            /* advocate (pupil explanation) or teacher (session explanation) */
    prep_rule rule;     /* the first failing rule; PREP_RULE_OK when usable or capped out */
    bool usable;
    const char *text;   /* one line, starting with the person's id */
    double value;       /* usable: estimated gain in Q from using them */
    int slots;          /* usable: feasible visit slots / session occurrences */
    int dates;          /* usable: distinct dates of those */
    int weeks;          /* usable: weeks with enough dates for per_week */
} explain_line;

typedef struct {
    arena *arena;
    const char *title;
    explain_line *lines;    /* usable people best first, then the others in input order */
    int n_lines;
    const char **notes;     /* with a roster: what it holds and why */
    int n_notes;
} explain_result;

/* Explain pupil (an index into m->pupils); r may be NULL. Returns 0, or -1
** when memory runs out. Free with explain_free. */
int explain_pupil(const model_programme *m, const prep *p, const roster *r, int pupil, explain_result *out);
/* The same for a session and the community teachers. */
int explain_session(const model_programme *m, const prep *p, const roster *r, int session, explain_result *out);
void explain_print(const explain_result *e, FILE *out);
void explain_free(explain_result *e);

/* Up to three ids close to an unknown one ("P017, P071"), for "did you
** mean"; empty when none is close. sessions selects session ids, else pupils. */
void explain_suggest(const model_programme *m, bool sessions, const char *id, char *out, size_t size);

/* Reasons for the roster's own lists, named from what the roster holds
** (which engagements took the time, which caps are reached), for the
** solver to use where it writes missed, unfilled and unmatched entries.
** NULL when there is nothing specific to say (or memory runs out). */
/* The roster's visits indexed by advocate, pupil and school, for a caller
** that asks for many reasons (the solver: one per missed week; a county
** has tens of thousands, and each would otherwise scan every visit). It
** reads r as it is: build it again when r's visits change. */
typedef struct explain_index explain_index;
explain_index *explain_index_new(const model_programme *m, const roster *r);
void explain_index_free(explain_index *ix);

/* A matched pupil's missed visit in the week of monday, with advocate;
** ix may be NULL (every visit is scanned), and gives the same reason. */
const char *explain_missed_reason(const model_programme *m, const prep *p, const roster *r, const explain_index *ix,
                                  int pupil, int advocate, int monday, arena *a);
/* An unfilled occurrence of session in the week of monday. */
const char *explain_unfilled_reason(const model_programme *m, const prep *p, const roster *r, int session, int monday,
                                    arena *a);
/* An unmatched pupil whose compatible advocates are all at max_pupils:
** names them and their pupils; NULL unless that is the case. */
const char *explain_full_reason(const model_programme *m, const prep *p, const roster *r, int pupil, arena *a);

#endif
