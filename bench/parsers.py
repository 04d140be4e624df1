"""parsers.py: turn each solver's log into the numbers the benchmark reports.

Pure functions over text, so tests/e2e/bench.sh can check them on committed
log snippets without running any solver. A log here is "stamped": each line
is "SECONDS<TAB>TEXT", SECONDS being wall time since the run was launched
(bench.py writes these); parse_stamped() also accepts unstamped text.

Every parse_* returns a dict with the keys of EMPTY: `tool_status` is the
tool's own verdict in our words (optimal, time_limit, infeasible,
no_solution, unreadable, too_large, out_of_memory, error, or "" when the log
says nothing), the numbers are floats or None. classify() then joins that
with how the process ended (timeout, memory cap, signal) into the status
written in the results. Objective and bound are of the maximisation problem.
"""
import re

EMPTY = {
    "tool_status": "",
    "first_feasible_s": None,
    "first_objective": None,
    "objective": None,
    "bound": None,
    "reported_time_s": None,
    "message": "",
}

NUM = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
OOM_WORDS = re.compile(r"out of memory|bad_alloc|memory allocation (?:error|failure|failed)|no memory available|"
                       r"cannot enlarge memory|array buffer allocation failed|heap out of memory", re.I)


def _new():
    return dict(EMPTY)


def parse_stamped(text):
    """[(seconds or None, line)] from a stamped or plain log."""
    out = []
    for raw in text.splitlines():
        m = re.match(r"^(\d+\.\d+)\t(.*)$", raw)
        out.append((float(m.group(1)), m.group(2)) if m else (None, raw))
    return out


def _num(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def parse_time_v(text):
    """Wall seconds, peak RSS MB, exit status and signal from `/usr/bin/time -v -o`."""
    r = {"wall_s": None, "rss_mb": None, "exit": None, "signal": None}
    for line in text.splitlines():
        line = line.strip()
        m = re.match(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)", line)
        if m:
            parts = [float(p) for p in m.group(1).split(":")]
            secs = 0.0
            for p in parts:
                secs = secs * 60 + p
            r["wall_s"] = secs
        m = re.match(r"Maximum resident set size \(kbytes\): (\d+)", line)
        if m:
            r["rss_mb"] = int(m.group(1)) / 1024.0
        m = re.match(r"Exit status: (\d+)", line)
        if m:
            r["exit"] = int(m.group(1))
        m = re.match(r"Command terminated by signal (\d+)", line)
        if m:
            r["signal"] = int(m.group(1))
    return r


# --- glpsol -------------------------------------------------------------------
GLP_PROGRESS = re.compile(r"^\+\s*\d+: (?:mip =|>>>>>)\s+(not found yet|" + NUM + r")\s+(?:<=|>=)\s+"
                          r"(tree is empty|[-+]?inf|" + NUM + r")")


def parse_glpsol(text):
    """glpsol on a MathProg model: progress lines `+ N: mip = X <= B`,
    `>>>>>` and `Solution found by heuristic: X` mark incumbents."""
    r = _new()
    generated = lp_optimal = False
    lp_obj = None
    saw_tree_empty = False
    for t, line in parse_stamped(text):
        s = line.strip()
        if "Model has been successfully generated" in s:
            generated = True
        m = re.match(r"^\*\s*\d+: obj =\s*(" + NUM + ")", s)
        if m:
            lp_obj = _num(m.group(1))
        if s.startswith("OPTIMAL LP SOLUTION FOUND"):
            lp_optimal = True
        inc = None
        m = GLP_PROGRESS.match(s)
        if m:
            if m.group(1) != "not found yet":
                inc = _num(m.group(1))
            if m.group(2) == "tree is empty":
                saw_tree_empty = True
            elif "inf" not in m.group(2):
                r["bound"] = _num(m.group(2))
        m = re.match(r"^Solution found by heuristic: (" + NUM + ")", s)
        if m:
            inc = _num(m.group(1))
        if inc is not None:
            if r["first_feasible_s"] is None and (">>>>>" in s or s.startswith("Solution found")):
                r["first_feasible_s"] = t
                r["first_objective"] = inc
            r["objective"] = inc
        if s.startswith("INTEGER OPTIMAL SOLUTION FOUND"):
            r["tool_status"] = "optimal"
        elif s.startswith("TIME LIMIT EXCEEDED"):
            r["tool_status"] = "time_limit"
        elif "HAS NO INTEGER FEASIBLE SOLUTION" in s or "HAS NO PRIMAL FEASIBLE SOLUTION" in s:
            r["tool_status"] = "infeasible"
        m = re.match(r"^Time used:\s*(" + NUM + ") secs", s)
        if m:
            r["reported_time_s"] = _num(m.group(1))
        if OOM_WORDS.search(s):
            r["tool_status"], r["message"] = "out_of_memory", s
        elif re.search(r"MathProg model processing error|^Error|error:", s) and not r["tool_status"]:
            r["tool_status"], r["message"] = "error", s
    if r["tool_status"] == "optimal" and saw_tree_empty and r["objective"] is not None:
        r["bound"] = r["objective"]
    if r["bound"] is None and lp_optimal:
        r["bound"] = lp_obj        # the root LP relaxation bounds the MIP
    if not generated and r["tool_status"] in ("", "error"):
        r["message"] = r["message"] or "MathProg translation did not finish"
        if r["tool_status"] == "":
            r["tool_status"] = "too_large"
    return r


# --- CBC ----------------------------------------------------------------------
def parse_cbc(text):
    """cbc FILE.lp ... solve: `Cbc0012I Integer solution of` marks incumbents
    (in CBC's internal minimisation sign); the closing block gives
    `Result - ...`, `Objective value:` and `Upper bound:` (for a maximisation)."""
    r = _new()
    partial_bound = None
    no_solution = False
    for t, line in parse_stamped(text):
        s = line.strip()
        m = re.match(r"^Cbc00(?:12|04)I Integer solution of (" + NUM + r").*?\((" + NUM + r") seconds\)", s)
        if m and r["first_feasible_s"] is None:
            r["first_feasible_s"] = t if t is not None else _num(m.group(2))
            r["first_objective"] = abs(_num(m.group(1)))
        m = re.match(r"^Cbc0005I Partial search - best objective (" + NUM + r") \(best possible (" + NUM + r")\)", s)
        if m:
            partial_bound = abs(_num(m.group(2)))
        if s.startswith("Result - "):
            what = s[len("Result - "):].lower()
            if what.startswith("optimal"):
                r["tool_status"] = "optimal"
            elif "time" in what:
                r["tool_status"] = "time_limit"
            elif "infeasible" in what:
                r["tool_status"] = "infeasible"
            else:
                r["tool_status"], r["message"] = "error", s
        if s.startswith("No feasible solution found"):
            no_solution = True
        m = re.match(r"^Objective value:\s*(" + NUM + ")", s)
        if m:
            r["objective"] = _num(m.group(1))
        m = re.match(r"^(?:Upper|Lower) bound:\s*(" + NUM + ")", s)
        if m:
            r["bound"] = _num(m.group(1))
        m = re.match(r"^Total time \(CPU seconds\):.*\(Wallclock seconds\):\s*(" + NUM + ")", s)
        if m:
            r["reported_time_s"] = _num(m.group(1))
        if s.startswith("Unable to open file") or s.startswith("** Current model not valid"):
            r["tool_status"], r["message"] = "unreadable", r["message"] or s
        if OOM_WORDS.search(s):
            r["tool_status"], r["message"] = "out_of_memory", s
    if no_solution:
        r["objective"] = None
    if r["bound"] is None:
        r["bound"] = partial_bound
    if r["tool_status"] == "optimal" and r["bound"] is None:
        r["bound"] = r["objective"]
    return r


# --- HiGHS (bench/highs_run.mjs) ---------------------------------------------
HIGHS_STATUS = {"optimal": "optimal", "timeLimit": "time_limit", "infeasible": "infeasible",
                "unboundedOrInfeasible": "infeasible", "interrupted": "time_limit"}


def parse_highs(text):
    """The `highs_run: KEY: VALUE` lines of bench/highs_run.mjs."""
    r = _new()
    for _t, line in parse_stamped(text):
        m = re.match(r"^highs_run: (\w+): (.*)$", line.strip())
        if not m:
            if OOM_WORDS.search(line):
                r["tool_status"], r["message"] = "out_of_memory", line.strip()
            continue
        key, val = m.group(1), m.group(2).strip()
        if key == "first_feasible":
            mm = re.match(r"(" + NUM + r") objective (" + NUM + ")", val)
            if mm:
                r["first_feasible_s"], r["first_objective"] = _num(mm.group(1)), _num(mm.group(2))
        elif key == "status":
            r["tool_status"] = HIGHS_STATUS.get(val, "error")
            if r["tool_status"] == "error":
                r["message"] = "HiGHS status " + val
        elif key == "objective":
            r["objective"] = _num(val)
        elif key == "bound":
            r["bound"] = _num(val)
        elif key == "time":
            r["reported_time_s"] = _num(val)
        elif key == "error":
            r["message"] = val
            if OOM_WORDS.search(val):
                r["tool_status"] = "out_of_memory"
            elif re.search(r"cannot (read|load)", val):
                r["tool_status"] = "unreadable"
            elif re.search(r"string longer than|Invalid string length", val, re.I):
                r["tool_status"] = "too_large"
            else:
                r["tool_status"] = "error"
    return r


# --- roster solve -------------------------------------------------------------
def parse_roster(text, roster_yaml=""):
    """`roster solve` summary lines (`objective V (bound B, ...)`,
    `status S in T s`, and a first-feasible line if it prints one); the
    written roster.yaml, when given, is the authority for status and numbers."""
    r = _new()
    for t, line in parse_stamped(text):
        s = line.strip()
        m = re.search(r"first (?:feasible|roster|solution|incumbent)\b.*?(" + NUM + r")\s*s\b", s, re.I)
        if m and r["first_feasible_s"] is None:
            r["first_feasible_s"] = _num(m.group(1))
            mm = re.search(r"(?:objective|value)\s*[=:]?\s*(" + NUM + ")", s)
            if mm:
                r["first_objective"] = _num(mm.group(1))
        m = re.match(r"^objective\s+(" + NUM + r")\s*\(bound\s+(" + NUM + ")", s)
        if m:
            r["objective"], r["bound"] = _num(m.group(1)), _num(m.group(2))
        m = re.match(r"^status\s+(\w+) in (" + NUM + ") s", s)
        if m:
            r["tool_status"] = _roster_status(m.group(1))
            r["reported_time_s"] = _num(m.group(2))
        if OOM_WORDS.search(s):
            r["tool_status"], r["message"] = "out_of_memory", s
        elif re.match(r"^roster( solve)?: ", s) and not r["message"]:
            r["message"] = s
            if re.search(r"candidate visits .*more than this version can hold", s):
                r["tool_status"] = "too_large"  # PREP_MAX_VISITS: refused before any roster
    st = re.search(r"^status:\s*(\w+)", roster_yaml, re.M)
    if st:
        r["tool_status"] = _roster_status(st.group(1))
    ob = re.search(r"^objective:\s*\{\s*value:\s*(" + NUM + r")\s*,\s*bound:\s*(" + NUM + r")\s*\}", roster_yaml, re.M)
    if ob:
        r["objective"], r["bound"] = _num(ob.group(1)), _num(ob.group(2))
    if r["tool_status"] == "" and r["message"]:
        r["tool_status"] = "error"
    return r


def _roster_status(s):
    return {"optimal": "optimal", "feasible": "feasible", "time_limit": "time_limit",
            "no_roster": "no_solution"}.get(s, "error")


# --- joining the tool's verdict with how the process ended --------------------
def gap_pct(objective, bound):
    """Relative gap of a maximisation in percent of the incumbent, as the
    peers define it: (bound - objective) / |objective|."""
    if objective is None or bound is None:
        return None
    if bound == objective:
        return 0.0
    if objective == 0:
        return None
    return 100.0 * (bound - objective) / abs(objective)


def classify(parsed, run, limit_s):
    """The status shown in the results, from the parsed log and the run's
    end: run = {"timed_out", "mem_killed", "exit", "signal"}."""
    lim = "%g s" % limit_s
    ts = parsed["tool_status"]
    has = parsed["objective"] is not None
    if run.get("mem_killed") or ts == "out_of_memory":
        return "out of memory" + (" (best so far kept)" if has else "")
    if ts == "too_large":
        return "model too large to generate in %s" % lim if run.get("timed_out") else "model too large to generate"
    if ts == "unreadable":
        return "cannot read the file"
    if run.get("timed_out"):
        return "stopped by timeout, best from its log" if has else "no solution in %s" % lim
    if ts == "optimal":
        return "optimal"
    if ts in ("time_limit", "feasible"):
        return "feasible (time limit)" if has and ts == "time_limit" else ("feasible" if has else "no solution in %s" % lim)
    if ts == "infeasible":
        return "infeasible"
    if ts == "no_solution":
        return "no solution in %s" % lim
    if run.get("signal"):
        return "crashed (signal %d)" % run["signal"]
    if run.get("exit") not in (0, None):
        return "failed (exit %d)" % run["exit"]
    return "error" if not has else "feasible"
