#!/usr/bin/env python3
"""check_parsers.py: the benchmark's log parsers, classifier and plot, checked
on committed log snippets of each peer (tests/bench/*.log, captured from real
runs of glpsol 5.0, CBC 2.10.8 and bench/highs_run.mjs), without running any
solver. Run by tests/e2e/bench.sh."""
import os
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bench"))
import parsers  # noqa: E402
import plot  # noqa: E402

passed = failed = 0


def log(name):
    with open(os.path.join(HERE, name)) as f:
        return f.read()


def expect(what, got, want):
    global passed, failed
    ok = abs(got - want) < 1e-9 if isinstance(want, float) and isinstance(got, float) else got == want
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s: got %r, want %r" % (what, got, want))


def fields(what, r, **want):
    for k, v in want.items():
        expect("%s %s" % (what, k), r[k], v)


# glpsol: optimal at the root, then a time limit with heuristic incumbents,
# then no incumbent at all (the bound is the last progress line's).
fields("glpsol optimal", parsers.parse_glpsol(log("glpsol-optimal.log")), tool_status="optimal",
       objective=322.0, bound=322.0, first_feasible_s=0.072, first_objective=322.0, reported_time_s=0.0)
fields("glpsol time limit", parsers.parse_glpsol(log("glpsol-time-limit.log")), tool_status="time_limit",
       objective=2727.0, bound=2744.0, first_feasible_s=0.175, first_objective=2636.0, reported_time_s=3.1)
fields("glpsol no solution", parsers.parse_glpsol(log("glpsol-no-solution.log")), tool_status="time_limit",
       objective=None, bound=13369.0, first_feasible_s=None)
# A translation cut off by the timeout: only the reading lines are there.
cut = "\n".join(log("glpsol-optimal.log").splitlines()[:6])
fields("glpsol cut in translation", parsers.parse_glpsol(cut), tool_status="too_large", objective=None)

# CBC: signs flip back to the maximisation; first incumbent from Cbc0012I.
fields("cbc optimal", parsers.parse_cbc(log("cbc-optimal.log")), tool_status="optimal", objective=2736.0,
       bound=2736.0, first_feasible_s=0.383, first_objective=2731.0, reported_time_s=0.39)
fields("cbc time limit", parsers.parse_cbc(log("cbc-time-limit.log")), tool_status="time_limit",
       objective=13140.0, bound=13349.694, first_feasible_s=0.898, first_objective=13001.0)
fields("cbc unreadable", parsers.parse_cbc(log("cbc-unreadable.log")), tool_status="unreadable",
       objective=None, bound=None)

# HiGHS through bench/highs_run.mjs.
fields("highs optimal", parsers.parse_highs(log("highs-optimal.log")), tool_status="optimal", objective=322.0,
       bound=322.0, first_feasible_s=1.111, first_objective=0.0, reported_time_s=1.437)
fields("highs time limit", parsers.parse_highs(log("highs-time-limit.log")), tool_status="time_limit",
       objective=12346.0, bound=13370.0, first_feasible_s=2.675)
fields("highs unreadable", parsers.parse_highs(log("highs-unreadable.log")), tool_status="unreadable",
       objective=None)

# roster solve: its summary, and roster.yaml as the authority.
fields("roster summary", parsers.parse_roster(log("roster-summary.log")), tool_status="time_limit",
       objective=523410.0, bound=530012.5, reported_time_s=60.02, first_feasible_s=None)
fields("roster yaml", parsers.parse_roster("", log("roster-summary.yaml")), tool_status="time_limit",
       objective=523410.0, bound=530012.5)
fields("roster first feasible", parsers.parse_roster("1.0\tfirst feasible roster after 2.5 s (objective 1200)\n"),
       first_feasible_s=2.5, first_objective=1200.0)
# the summary line roster solve prints (value, then seconds from the start of the run)
fields("roster first roster", parsers.parse_roster("9.1\t  first roster     value 2899045 after 7.35 s (from the "
                                                   "start of the run)\n"),
       first_feasible_s=7.35, first_objective=2899045.0)
# a programme past PREP_MAX_VISITS is refused: too large, not a crash
too = parsers.parse_roster("17.1\troster solve: the programme has more than 268435456 candidate visits (pupils x "
                           "compatible advocates x dates x start times), more than this version can hold; solve "
                           "its localities (schools that share no advocate) as separate programmes\n")
fields("roster too large", too, tool_status="too_large", objective=None)
expect("roster too large: status", parsers.classify(too, {"exit": 1}, 60), "model too large to generate")

# /usr/bin/time -v: a normal exit and a command killed by SIGSEGV.
tv = parsers.parse_time_v(log("time-v.txt"))
fields("time -v", tv, wall_s=3.15, rss_mb=75636 / 1024.0, exit=0, signal=None)
fields("time -v signal", parsers.parse_time_v(log("time-v-signal.txt")), signal=11)
fields("time -v h:mm:ss", parsers.parse_time_v("\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02:03.5\n"),
       wall_s=3723.5)

# The gap and the status the results show.
expect("gap", parsers.gap_pct(13140.0, 13349.694), 100.0 * 209.694 / 13140.0)
expect("gap equal", parsers.gap_pct(5.0, 5.0), 0.0)
expect("gap none", parsers.gap_pct(None, 5.0), None)
cbc_tl = parsers.parse_cbc(log("cbc-time-limit.log"))
ok_run = {"exit": 0, "signal": None, "timed_out": False, "mem_killed": False}
expect("status feasible", parsers.classify(cbc_tl, ok_run, 60), "feasible (time limit)")
expect("status optimal", parsers.classify(parsers.parse_cbc(log("cbc-optimal.log")), ok_run, 60), "optimal")
expect("status no solution", parsers.classify(parsers.parse_glpsol(log("glpsol-no-solution.log")), ok_run, 60),
       "no solution in 60 s")
expect("status memory", parsers.classify(cbc_tl, dict(ok_run, mem_killed=True), 60),
       "out of memory (best so far kept)")
expect("status timeout", parsers.classify(parsers.EMPTY, dict(ok_run, timed_out=True, exit=124), 60),
       "no solution in 60 s")
expect("status timeout with incumbent", parsers.classify(cbc_tl, dict(ok_run, timed_out=True, exit=124), 60),
       "stopped by timeout, best from its log")
expect("status crash", parsers.classify(parsers.EMPTY, dict(ok_run, signal=11), 60), "crashed (signal 11)")
expect("status unreadable", parsers.classify(parsers.parse_cbc(log("cbc-unreadable.log")), ok_run, 60),
       "cannot read the file")
expect("status too large", parsers.classify(parsers.parse_glpsol(cut), dict(ok_run, timed_out=True), 60),
       "model too large to generate in 60 s")

# The plot: one line per solver that has two sizes, points on log axes.
rows = [{"size": s, "pupils": n, "solver": v, "status": st, "time_s": t, "objective": o}
        for s, n, v, st, t, o in [("field-trial", 60, "A", "optimal", 0.5, 1.0),
                                  ("area", 400, "A", "feasible", 60.0, 2.0),
                                  ("field-trial", 60, "B", "optimal", 2.0, 1.0),
                                  ("area", 400, "B", "no solution", 75.0, None)]]
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "p.svg")
    plot.write_svg(path, rows, 60.0)
    svg = ET.parse(path).getroot()
ns = "{http://www.w3.org/2000/svg}"
lines = svg.findall(ns + "polyline")
expect("plot lines", len(lines), 2)
pts = [[tuple(map(float, p.split(","))) for p in line.get("points").split()] for line in lines]
# log x from 10 (the first decade): 60 -> 400 spans log10(400/60) against log10(60/10)
expect("plot x log", round((pts[0][1][0] - pts[0][0][0]) / (pts[0][0][0] - plot.LEFT), 2),
       round((2.60206 - 1.778151) / (1.778151 - 1), 2))
expect("plot y up", pts[0][1][1] < pts[0][0][1], True)
texts = [t.text for t in svg.iter(ns + "text")]
expect("plot legend A", "A" in texts, True)
expect("plot legend B", "B" in texts, True)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
