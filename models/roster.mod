/*
** roster.mod: the Learning Advocate roster as one integer program, written
** in GNU MathProg straight from the format (shared/spec/format.md, sections
** 4 "Hard rules" and 5 "Objective").
**
** This is the project's REFERENCE formulation. It is deliberately independent
** of the C solver: the data file (written by `roster mathprog FILE... -o DIR`)
** carries only elementary facts (the dates of the period with their weekday
** and week, the slot grid, calendars' open and closed periods, windows as
** weekday/start/end, leave, DBS dates, release windows, blocks, travel
** minutes, levels, weights), and every rule of the format is stated HERE, as
** a filter on candidate engagements or as a constraint. Solving it with
** glpsol (or exporting it with --wlp and solving with CBC or HiGHS) gives the
** optimal Q, which must equal the C solver's reported optimum.
**
**   glpsol -m models/roster.mod -d DIR/roster.dat
**
** prints "Q = <value>" and the optimal roster. Only small inputs are
** practical (a few pupils and advocates, a week or three): candidates are
** enumerated over every pupil x advocate x date x slot.
**
** Conventions of the data file:
**   dates     integers YYYYMMDD (so numeric order is date order, and a period
**             {from, to} is the pair (from, to), inclusive);
**   times     minutes since midnight, 0..1440; an interval [start, end) is
**             half-open, as windows are in the format;
**   weekdays  mon tue wed thu fri sat sun;
**   ''        (the empty string) means "none" for an optional name;
**   -1        means "no limit" for a limit.
**
** Rule numbers in comments are those of section 4 of the format.
*/

/* ------------------------------------------------------------------ */
/* Time: the period, its weeks and the slot grid                       */
/* ------------------------------------------------------------------ */

set DAYS := {'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'};

/* The dates of programme.period, each with its weekday and the Monday that
** starts its week (weeks run Monday to Sunday; the first and last may be
** partial). */
set D;
param wday{D} symbolic in DAYS;
param week{D};
set WEEKS := setof{d in D} week[d];

/* Every time is a multiple of slot_minutes; engagements start on the grid. */
param slot_minutes > 0, integer;
set T := 0 .. 1440 - slot_minutes by slot_minutes;

/* ------------------------------------------------------------------ */
/* Weights of the objective (section 5)                                */
/* ------------------------------------------------------------------ */

param w_visit, default 100;
param w_match, default 10;
param w_continuity, default 50;
param w_preference, default 20;
param w_moved, default 10;
param w_school_day, default 5;
param w_session, default 100;

/* ------------------------------------------------------------------ */
/* Places, travel, calendars and schools                               */
/* ------------------------------------------------------------------ */

/* Schools, `places` and the university's place: anything travel is measured
** between. travel[x, y] is the travel minutes (symmetric, 0 on the diagonal,
** default_minutes where the input lists no pair). */
set L;
param travel{L, L} >= 0;

set CAL;
set CAL_OPEN{CAL} dimen 2;                       /* (from, to) */
set CAL_CLOSED{CAL} dimen 2, default setof{i in 1..0} (i, i);

set S within L;                                  /* schools */
param school_cal{S} symbolic in CAL;
set SCHOOL_CLOSED{S} dimen 2, default setof{i in 1..0} (i, i);
param rooms{S} integer, >= 0, default 1;
/* A school's named windows, one row per weekday: (name, day, start, end). */
set SCHOOL_WIN{S} dimen 4;
set NO_VISITS{S} dimen 3, default setof{i in 1..0} (i, i, i);   /* (day, start, end) */

/* Free-form level names (needs, experience, skills, subjects) and languages. */
set SKILLS, default {};
set LANGUAGES, default {};

/* ------------------------------------------------------------------ */
/* People                                                              */
/* ------------------------------------------------------------------ */

set A;                                           /* advocates */
set C, default {};                               /* community teachers */
/* Pupils, advocates and teachers share one namespace, except that one id may
** be both an advocate and a teacher: then it is ONE person (rule 9). */
set U := A union C;

set P;                                           /* pupils */
param school{P} symbolic in S;
set PUPIL_WIN{P}, default {'core'};              /* window names at school[p] */
param moves_on{P}, default 99999999;             /* from this date ... */
param moves_school{P} symbolic, default '';      /* ... the pupil is at this school */
set PUPIL_WIN_MOVED{P}, default {'core'};        /* ... with these windows */
param need{P, SKILLS} >= 0, default 0;
set REQ_LANG{P} within LANGUAGES, default {};
param req_gender{P} symbolic, default '';
param req_exp{P, SKILLS} >= 0, default 0;
param per_week{P} integer, >= 1, default 1;
param minutes{P} integer, > 0, default 60;
param priority{P}, default 1;
param previous{P} symbolic, default '';
param prefers_rank{P, A} integer, >= 0, default 0;   /* 1 = first choice; 0 = not listed */
set AVOID{P} within A, default {};
set UNAVAILABLE{P} dimen 3, default setof{i in 1..0} (i, i, i);   /* (day, start, end) */

param experience{A, SKILLS} >= 0, default 0;
set SPEAKS{A} within LANGUAGES, default {};
param gender{A} symbolic, default '';
param max_pupils{A}, default -1;
param max_minutes{A}, default -1;
set AVAILABLE{A} dimen 3, default setof{i in 1..0} (i, i, i);    /* (day, start, end) */
set LEAVE{A} dimen 2, default setof{i in 1..0} (i, i);
param dbs_cleared{A}, default 99999999;          /* no DBS recorded: no date qualifies */
param dbs_expires{A}, default 0;
param course{A} symbolic, default '';
set ADV_SCHOOLS{A} within S, default {};         /* empty: any school */

set K, default {};                               /* university courses */
param course_cal{K} symbolic, default '';
set RELEASE{K} dimen 3, default setof{i in 1..0} (i, i, i);
param course_max_minutes{K}, default -1;
set BLOCKS{K} dimen 2, default setof{i in 1..0} (i, i);

param skill{C, SKILLS} >= 0, default 0;
set T_AVAILABLE{C} dimen 3, default setof{i in 1..0} (i, i, i);
set T_LEAVE{C} dimen 2, default setof{i in 1..0} (i, i);
param t_dbs_cleared{C}, default 99999999;
param t_dbs_expires{C}, default 0;
param max_sessions{C}, default -1;
set VENUES{C} within L, default {};              /* empty: any school */

set O, default {};                               /* community sessions */
param s_place{O} symbolic in L;
param subject{O} symbolic;
param min_level{O}, default 0;
param s_minutes{O} integer, > 0;
set WHEN{O} dimen 3;                             /* (day, start, end) */
param s_per_week{O} integer, >= 1, default 1;
param s_priority{O}, default 1;

/* ------------------------------------------------------------------ */
/* Derived facts: which dates are open, where a pupil is on a date     */
/* ------------------------------------------------------------------ */

/* A date is open in a calendar if it lies in some open period and in no
** closed one. */
set CAL_OK dimen 2 := setof{c in CAL, d in D:
        (exists{(lo, hi) in CAL_OPEN[c]} (lo <= d and d <= hi))
    and not (exists{(lo, hi) in CAL_CLOSED[c]} (lo <= d and d <= hi))} (c, d);

/* Rule 4: a school is open when its calendar is and it is not in its own
** `closed`. */
set OPEN dimen 2 := setof{s in S, d in D:
        (school_cal[s], d) in CAL_OK
    and not (exists{(lo, hi) in SCHOOL_CLOSED[s]} (lo <= d and d <= hi))} (s, d);

/* The school a pupil belongs to on a date, honouring `moves`. */
param at{p in P, d in D} symbolic :=
    if moves_school[p] != '' and d >= moves_on[p] then moves_school[p] else school[p];

/* Every visit length that occurs. */
set DUR := setof{p in P} minutes[p];

/* ------------------------------------------------------------------ */
/* Candidate engagements: rules 2-6 and 11 as filters                  */
/* ------------------------------------------------------------------ */

/* (p, d, t): pupil p could be visited on date d from t for minutes[p]
** as far as the pupil and the school are concerned.
**   rule 3: date in the period (D is the period), start on the grid (T),
**           inside ONE of the pupil's windows at the pupil's school on d,
**           overlapping none of the pupil's `unavailable` and none of the
**           school's `no_visits`;
**   rule 4: the school is open on d. */
set PUPIL_SLOT dimen 3 := setof{p in P, d in D, t in T:
        (at[p, d], d) in OPEN
    and (exists{(wn, dy, lo, hi) in SCHOOL_WIN[at[p, d]]}
            (dy == wday[d] and lo <= t and t + minutes[p] <= hi
             and ((d >= moves_on[p] and wn in PUPIL_WIN_MOVED[p])
                  or (d < moves_on[p] and wn in PUPIL_WIN[p]))))
    and not (exists{(dy, lo, hi) in UNAVAILABLE[p]}
            (dy == wday[d] and lo < t + minutes[p] and t < hi))
    and not (exists{(dy, lo, hi) in NO_VISITS[at[p, d]]}
            (dy == wday[d] and lo < t + minutes[p] and t < hi))} (p, d, t);

/* (a, d, t, m): advocate a could make an m-minute visit on d from t.
**   rule 5: inside ONE of the advocate's `available` windows, not on leave,
**           dbs.cleared <= d <= dbs.expires;
**   rule 6: a student (course != ''): inside one of the course's release
**           windows, in no block, open in the course calendar if any. */
set ADV_SLOT dimen 4 := setof{a in A, d in D, t in T, m in DUR:
        dbs_cleared[a] <= d and d <= dbs_expires[a]
    and not (exists{(lo, hi) in LEAVE[a]} (lo <= d and d <= hi))
    and (exists{(dy, lo, hi) in AVAILABLE[a]} (dy == wday[d] and lo <= t and t + m <= hi))
    and (course[a] == ''
         or ((exists{(dy, lo, hi) in RELEASE[course[a]]} (dy == wday[d] and lo <= t and t + m <= hi))
             and not (exists{(lo, hi) in BLOCKS[course[a]]} (lo <= d and d <= hi))
             and (course_cal[course[a]] == '' or (course_cal[course[a]], d) in CAL_OK)))}
    (a, d, t, m);

/* Rule 2: advocate a may be matched to pupil p: every required language,
** the required gender, each required experience level; not avoided. */
set SUITABLE dimen 2 := setof{p in P, a in A:
        a not in AVOID[p]
    and (forall{l in REQ_LANG[p]} l in SPEAKS[a])
    and (req_gender[p] == '' or req_gender[p] == gender[a])
    and (forall{n in SKILLS} experience[a, n] >= req_exp[p, n])} (p, a);

/* V: every possible visit (pupil, advocate, date, start). Rule 2's
** `schools` restriction is on the visit's school, which may change with
** `moves`, so it is checked per date. */
set V dimen 4 := setof{(p, d, t) in PUPIL_SLOT, a in A:
        (p, a) in SUITABLE
    and (a, d, t, minutes[p]) in ADV_SLOT
    and (card(ADV_SCHOOLS[a]) == 0 or at[p, d] in ADV_SCHOOLS[a])} (p, a, d, t);

/* SO: every possible session occurrence (session, teacher, date, start).
** Rule 11: start on the grid, inside one of `when`; on an open date when at
** a school; the teacher has the subject at min_level or above, is available
** (one window covers it), not on leave, DBS-valid, and may teach at the venue
** (listed in `venues`, or any school when the list is empty). */
set SO dimen 4 := setof{o in O, c in C, d in D, t in T:
        skill[c, subject[o]] >= min_level[o]
    and (exists{(dy, lo, hi) in WHEN[o]} (dy == wday[d] and lo <= t and t + s_minutes[o] <= hi))
    and (s_place[o] not in S or (s_place[o], d) in OPEN)
    and (exists{(dy, lo, hi) in T_AVAILABLE[c]} (dy == wday[d] and lo <= t and t + s_minutes[o] <= hi))
    and not (exists{(lo, hi) in T_LEAVE[c]} (lo <= d and d <= hi))
    and t_dbs_cleared[c] <= d and d <= t_dbs_expires[c]
    and ((card(VENUES[c]) == 0 and s_place[o] in S) or s_place[o] in VENUES[c])} (o, c, d, t);

/* E: every engagement of a person, in one list so that rules 9 and 10 treat
** visits and sessions alike: ('v', advocate, pupil, date, start) or
** ('s', teacher, session, date, start). */
set E dimen 5 := setof{(p, a, d, t) in V} ('v', a, p, d, t)
           union setof{(o, c, d, t) in SO} ('s', c, o, d, t);
param e_place{(k, u, i, d, t) in E} symbolic := if k == 'v' then at[i, d] else s_place[i];
param e_end{(k, u, i, d, t) in E} := t + (if k == 'v' then minutes[i] else s_minutes[i]);

/* A person's engagements on a date, and the engagements at a school on a date. */
/* (Sums and sets below test membership, "(p, a, d, t) in V", rather than
** filter V, because glpsol looks members up quickly but scans when filtering.) */
set E_OF{u in U, d in D} dimen 3 :=
      setof{p in P, t in T: (p, u, d, t) in V} ('v', p, t)
    union setof{o in O, t in T: (o, u, d, t) in SO} ('s', o, t);
set E_AT{s in S, d in D} dimen 4 :=
      setof{p in P, a in A, t in T: at[p, d] == s and (p, a, d, t) in V} ('v', a, p, t)
    union setof{o in O, c in C, t in T: s_place[o] == s and (o, c, d, t) in SO} ('s', c, o, t);

/* ------------------------------------------------------------------ */
/* Decision variables                                                  */
/* ------------------------------------------------------------------ */

/* z[e] = 1: engagement e is delivered (a dated visit or session occurrence). */
var z{E} binary;

/* assign[p, a] = 1: pupil p is matched to advocate a for the whole period. */
set PA dimen 2 := setof{(p, a, d, t) in V} (p, a);
var assign{PA} binary;

/* The weekly pattern of a matched pupil: per_week entries (weekday, start) on
** distinct weekdays. pat[p, dy, t] is an entry at a (weekday, start) where a
** visit of p is possible at all; pat_elsewhere[p, dy] is an entry on weekday
** dy at a start where no visit of p can happen. Entries of the second kind
** never match a visit, so which start they have does not change Q; splitting
** them off keeps the program small without losing any pattern. */
set PW dimen 3 := setof{(p, a, d, t) in V} (p, wday[d], t);
var pat{PW} binary;
var pat_elsewhere{P, DAYS} binary;

/* visited[p, d, t] = 1 when p has a visit on d starting at t (by anyone);
** in_pattern[p, d, t] = 1 when moreover (weekday of d, t) is in p's pattern. */
set PDT dimen 3 := setof{(p, a, d, t) in V} (p, d, t);
var in_pattern{PDT} >= 0, <= 1;

/* school_day[a, d, s] = 1 when a visits at least one pupil at school s on d. */
set ADS dimen 3 := setof{(p, a, d, t) in V} (a, d, at[p, d]);
var school_day{ADS} binary;

/* ------------------------------------------------------------------ */
/* Rule 1: one advocate per pupil; matched only with a visit; pattern   */
/* ------------------------------------------------------------------ */

s.t. one_advocate{p in P}:
    sum{a in A: (p, a) in PA} assign[p, a] <= 1;

/* Every visit of p is by p's advocate (at most one visit a date, rule 7, so
** the day's visits can share one bound). */
set PAD dimen 3 := setof{(p, a, d, t) in V} (p, a, d);
s.t. visit_by_advocate{(p, a, d) in PAD}:
    sum{t in T: (p, a, d, t) in V} z['v', a, p, d, t] <= assign[p, a];

s.t. matched_only_if_visited{(p, a) in PA}:
    assign[p, a] <= sum{d in D, t in T: (p, a, d, t) in V} z['v', a, p, d, t];

s.t. pattern_size{p in P}:
    sum{dy in DAYS, t in T: (p, dy, t) in PW} pat[p, dy, t] + sum{dy in DAYS} pat_elsewhere[p, dy]
    = per_week[p] * sum{a in A: (p, a) in PA} assign[p, a];

s.t. pattern_distinct_days{p in P, dy in DAYS}:
    sum{t in T: (p, dy, t) in PW} pat[p, dy, t] + pat_elsewhere[p, dy] <= 1;

/* in_pattern = visited AND pat, exactly (so Q is right whatever the sign of
** w_moved). */
s.t. in_pattern_visited{(p, d, t) in PDT}:
    in_pattern[p, d, t] <= sum{a in A: (p, a, d, t) in V} z['v', a, p, d, t];
s.t. in_pattern_pat{(p, d, t) in PDT}:
    in_pattern[p, d, t] <= pat[p, wday[d], t];
s.t. in_pattern_both{(p, d, t) in PDT}:
    in_pattern[p, d, t] >= sum{a in A: (p, a, d, t) in V} z['v', a, p, d, t] + pat[p, wday[d], t] - 1;

/* Rules 2-6 are in V. */

/* ------------------------------------------------------------------ */
/* Rule 7: per_week visits a week, one a date                          */
/* ------------------------------------------------------------------ */

s.t. pupil_week{p in P, w in WEEKS}:
    sum{a in A, d in D, t in T: week[d] == w and (p, a, d, t) in V} z['v', a, p, d, t] <= per_week[p];

s.t. pupil_date{p in P, d in D}:
    sum{a in A, t in T: (p, a, d, t) in V} z['v', a, p, d, t] <= 1;

/* ------------------------------------------------------------------ */
/* Rule 8: advocates' pupils and weekly visit minutes                  */
/* ------------------------------------------------------------------ */

s.t. advocate_pupils{a in A: max_pupils[a] >= 0}:
    sum{p in P: (p, a) in PA} assign[p, a] <= max_pupils[a];

s.t. advocate_minutes{a in A, w in WEEKS: max_minutes[a] >= 0}:
    sum{p in P, d in D, t in T: week[d] == w and (p, a, d, t) in V} minutes[p] * z['v', a, p, d, t]
    <= max_minutes[a];

s.t. student_minutes{a in A, w in WEEKS: course[a] != '' and course_max_minutes[course[a]] >= 0}:
    sum{p in P, d in D, t in T: week[d] == w and (p, a, d, t) in V} minutes[p] * z['v', a, p, d, t]
    <= course_max_minutes[course[a]];

/* ------------------------------------------------------------------ */
/* Rule 9: a person's engagements never overlap, and consecutive ones   */
/* at different places leave at least the travel time                  */
/* ------------------------------------------------------------------ */

/* Intervals start on the grid, so the most engagements under way at once is
** reached at some engagement's start: checking those moments suffices. */
s.t. no_overlap{u in U, d in D, (k0, i0, tau) in E_OF[u, d]}:
    sum{(k, i, t) in E_OF[u, d]: t <= tau and tau < e_end[k, u, i, d, t]} z[k, u, i, d, t] <= 1;

/* e1 ends before e2 starts, at different places, with less than the travel
** time between: they may both happen only if something else of the same
** person lies between them (then e1 and e2 are not consecutive, and the
** consecutive pairs are checked by their own constraints). */
s.t. travel_gap{u in U, d in D, (k1, i1, t1) in E_OF[u, d], (k2, i2, t2) in E_OF[u, d]:
        e_end[k1, u, i1, d, t1] <= t2
    and e_place[k1, u, i1, d, t1] != e_place[k2, u, i2, d, t2]
    and t2 - e_end[k1, u, i1, d, t1] < travel[e_place[k1, u, i1, d, t1], e_place[k2, u, i2, d, t2]]}:
    z[k1, u, i1, d, t1] + z[k2, u, i2, d, t2]
    <= 1 + sum{(k3, i3, t3) in E_OF[u, d]:
                   t3 >= e_end[k1, u, i1, d, t1] and e_end[k3, u, i3, d, t3] <= t2}
               z[k3, u, i3, d, t3];

/* ------------------------------------------------------------------ */
/* Rule 10: rooms                                                       */
/* ------------------------------------------------------------------ */

s.t. room_limit{s in S, d in D, (k0, u0, i0, tau) in E_AT[s, d]}:
    sum{(k, u, i, t) in E_AT[s, d]: t <= tau and tau < e_end[k, u, i, d, t]} z[k, u, i, d, t]
    <= rooms[s];

/* ------------------------------------------------------------------ */
/* Rule 11: session occurrences                                         */
/* ------------------------------------------------------------------ */

s.t. session_week{o in O, w in WEEKS}:
    sum{c in C, d in D, t in T: week[d] == w and (o, c, d, t) in SO} z['s', c, o, d, t] <= s_per_week[o];

s.t. session_date{o in O, d in D}:
    sum{c in C, t in T: (o, c, d, t) in SO} z['s', c, o, d, t] <= 1;

s.t. teacher_week{c in C, w in WEEKS: max_sessions[c] >= 0}:
    sum{o in O, d in D, t in T: week[d] == w and (o, c, d, t) in SO} z['s', c, o, d, t] <= max_sessions[c];

/* ------------------------------------------------------------------ */
/* School days: school_day = OR of the advocate's visits there that day */
/* ------------------------------------------------------------------ */

s.t. school_day_if_visit{(p, a, d, t) in V}:
    school_day[a, d, at[p, d]] >= z['v', a, p, d, t];
s.t. school_day_only_if_visit{(a, d, s) in ADS}:
    school_day[a, d, s] <= sum{p in P, t in T: at[p, d] == s and (p, a, d, t) in V} z['v', a, p, d, t];

/* ------------------------------------------------------------------ */
/* Objective (section 5)                                                */
/* ------------------------------------------------------------------ */

/* What matching p to a brings once: need x experience, continuity, the
** pupil's own ranked preference (3, 2, 1 for 1st, 2nd, 3rd choice). */
param match_value{(p, a) in PA} :=
      w_match * sum{n in SKILLS} need[p, n] * experience[a, n]
    + w_continuity * (if previous[p] == a then 1 else 0)
    + w_preference * (if prefers_rank[p, a] >= 1 and prefers_rank[p, a] <= 3
                      then 4 - prefers_rank[p, a] else 0);

maximize Q:
      sum{(p, a) in PA} match_value[p, a] * assign[p, a]
    + sum{(p, a, d, t) in V} w_visit * priority[p] * z['v', a, p, d, t]
    - w_moved * sum{(p, d, t) in PDT}
          (sum{a in A: (p, a, d, t) in V} z['v', a, p, d, t] - in_pattern[p, d, t])
    - w_school_day * sum{(a, d, s) in ADS} school_day[a, d, s]
    + sum{(o, c, d, t) in SO} w_session * s_priority[o] * z['s', c, o, d, t];

solve;

/* ------------------------------------------------------------------ */
/* Report: Q first (tests read it), then the roster                     */
/* ------------------------------------------------------------------ */

printf "Q = %.6f\n", Q;
printf "candidates: %d visits, %d session occurrences\n", card(V), card(SO);
printf {(p, a) in PA: assign[p, a] > 0.5} "assignment %s %s\n", p, a;
printf {(p, dy, t) in PW: pat[p, dy, t] > 0.5} "pattern %s %s %02d:%02d\n", p, dy, t div 60, t mod 60;
printf {p in P, dy in DAYS: pat_elsewhere[p, dy] > 0.5} "pattern %s %s (no visit possible at its start)\n", p, dy;
printf {(p, a, d, t) in V: z['v', a, p, d, t] > 0.5}
    "visit %04d-%02d-%02d %02d:%02d %02d:%02d %s %s %s\n",
    d div 10000, (d div 100) mod 100, d mod 100, t div 60, t mod 60,
    (t + minutes[p]) div 60, (t + minutes[p]) mod 60, p, a, at[p, d];
printf {(o, c, d, t) in SO: z['s', c, o, d, t] > 0.5}
    "session %04d-%02d-%02d %02d:%02d %02d:%02d %s %s %s\n",
    d div 10000, (d div 100) mod 100, d mod 100, t div 60, t mod 60,
    (t + s_minutes[o]) div 60, (t + s_minutes[o]) mod 60, o, c, s_place[o];

/* The same roster in the format's roster.yaml form (section 3), between
** marker lines, so that `roster verify` can check this model's optimum
** independently (tests/e2e/mathprog.sh does). glpsol reports whether the
** optimum is proven; `status: optimal` here assumes it was. A pattern entry
** of the second kind gets the first start on the grid where p can have no
** visit on that weekday. */
printf "--- roster.yaml\n";
printf "format: roster/1\nstatus: optimal\n";
printf "objective: {value: %.12g, bound: %.12g}\n", Q, Q;
printf "assignments:%s\n", if card({(p, a) in PA: assign[p, a] > 0.5}) == 0 then " []" else "";
printf {(p, a) in PA: assign[p, a] > 0.5} "  - {pupil: ""%s"", advocate: ""%s""}\n", p, a;
printf "pattern:%s\n",
    if card({(p, dy, t) in PW: pat[p, dy, t] > 0.5}) + sum{p in P, dy in DAYS} round(pat_elsewhere[p, dy]) == 0
    then " []" else "";
printf {(p, dy, t) in PW: pat[p, dy, t] > 0.5}
    "  - {pupil: ""%s"", day: %s, start: ""%02d:%02d""}\n", p, dy, t div 60, t mod 60;
printf {p in P, dy in DAYS: pat_elsewhere[p, dy] > 0.5}
    "  - {pupil: ""%s"", day: %s, start: ""%02d:%02d""}\n", p, dy,
    (min{t in T: (p, dy, t) not in PW} t) div 60, (min{t in T: (p, dy, t) not in PW} t) mod 60;
printf "visits:%s\n", if card({(p, a, d, t) in V: z['v', a, p, d, t] > 0.5}) == 0 then " []" else "";
for {(p, a, d, t) in V: z['v', a, p, d, t] > 0.5} {
    printf "  - {date: %04d-%02d-%02d, ", d div 10000, (d div 100) mod 100, d mod 100;
    printf "start: ""%02d:%02d"", ", t div 60, t mod 60;
    printf "end: ""%02d:%02d"", ", (t + minutes[p]) div 60, (t + minutes[p]) mod 60;
    printf "pupil: ""%s"", advocate: ""%s"", school: ""%s""}\n", p, a, at[p, d];
}
printf "sessions:%s\n", if card({(o, c, d, t) in SO: z['s', c, o, d, t] > 0.5}) == 0 then " []" else "";
for {(o, c, d, t) in SO: z['s', c, o, d, t] > 0.5} {
    printf "  - {date: %04d-%02d-%02d, ", d div 10000, (d div 100) mod 100, d mod 100;
    printf "start: ""%02d:%02d"", ", t div 60, t mod 60;
    printf "end: ""%02d:%02d"", ", (t + s_minutes[o]) div 60, (t + s_minutes[o]) mod 60;
    printf "session: ""%s"", teacher: ""%s"", place: ""%s""}\n", o, c, s_place[o];
}
printf "--- end\n";

end;
