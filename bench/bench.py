#!/usr/bin/env python3
"""bench.py: solve each instance size with `roster solve` and with the peers a
user could pick instead (glpsol on the reference MathProg model, CBC and HiGHS
on the exported LP), under one time limit and memory cap, and write
bench/results.md, bench/results.csv and bench/time-vs-size.svg.

Run it through bench/run.sh (which checks the tools are installed):

    bench/run.sh [--sizes field-trial,area] [--time-limit 60]

Every run is recorded, including the ones that fail: a peer that cannot read
the file, runs out of memory or time is a result, never dropped. Runs are
sequential so they do not compete with each other for the cores.
"""
import argparse
import csv
import datetime
import glob
import json
import os
import platform
import shlex
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gen  # noqa: E402
import parsers  # noqa: E402
import plot  # noqa: E402

SIZES = ["field-trial", "area", "city", "county"]
SOLVERS = ["roster", "glpsol", "cbc", "highs"]
SOLVER_NAMES = {"roster": "roster solve", "glpsol": "glpsol (roster.mod)", "cbc": "CBC (LP)", "highs": "HiGHS wasm (LP)"}
CSV_FIELDS = ["size", "pupils", "solver", "status", "first_feasible_s", "time_s", "objective", "bound",
              "gap_pct", "peak_rss_mb", "note"]


# --- running one command ------------------------------------------------------
def _children(pid):
    """All descendants of pid, from /proc (no psutil on the machine)."""
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read()
            ppid = int(st[st.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(d))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        for c in kids.get(p, []):
            out.append(c)
            todo.append(c)
    return out


def _rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_cmd(cmd, log_path, limit_s, mem_cap_mb, cwd=ROOT):
    """Run cmd under /usr/bin/time -v and `timeout limit_s`, stamping every
    output line with the wall seconds since launch into log_path. A watchdog
    kills the command's process tree when its summed RSS passes mem_cap_mb:
    the memory cap that applies alike to native tools and to node."""
    time_path = log_path + ".time"
    argv = ["/usr/bin/time", "-v", "-o", time_path, "timeout", "-k", "5", "%g" % limit_s,
            "stdbuf", "-oL", "-eL"] + cmd
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    state = {"mem_killed": False, "peak_kb": 0}

    def pump():
        with open(log_path, "w") as log:
            for raw in iter(proc.stdout.readline, b""):
                log.write("%.3f\t%s" % (time.monotonic() - t0, raw.decode("utf-8", "replace")))
                log.flush()

    reader = threading.Thread(target=pump)
    reader.start()
    while proc.poll() is None:
        kids = _children(proc.pid)
        total = sum(_rss_kb(k) for k in kids)
        state["peak_kb"] = max(state["peak_kb"], total)
        if total > mem_cap_mb * 1024 and not state["mem_killed"]:
            state["mem_killed"] = True
            for k in kids:          # not /usr/bin/time itself: it still reports
                try:
                    os.kill(k, signal.SIGKILL)
                except OSError:
                    pass
        time.sleep(0.2)
    reader.join()
    wall = time.monotonic() - t0
    tv = parsers.parse_time_v(open(time_path).read() if os.path.exists(time_path) else "")
    run = {"wall_s": tv["wall_s"] if tv["wall_s"] is not None else wall,
           "rss_mb": tv["rss_mb"] if tv["rss_mb"] is not None else state["peak_kb"] / 1024.0,
           "exit": tv["exit"], "signal": tv["signal"], "mem_killed": state["mem_killed"],
           "timed_out": tv["exit"] in (124, 137) and not state["mem_killed"]}
    if state["mem_killed"]:
        run["rss_mb"] = max(run["rss_mb"] or 0, state["peak_kb"] / 1024.0)
    return run


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


# --- one size -----------------------------------------------------------------
def show(cmd, files=()):
    """A command line as a reader would type it: the input files as a glob."""
    out, globbed = [], False
    for c in cmd:
        if c in files:
            if not globbed:
                out.append(os.path.join(os.path.dirname(c), "*.yaml"))
                globbed = True
            continue
        out.append(shlex.quote(c))
    return " ".join(out)


def bench_size(size, a, work, report):
    d = os.path.join(work, size)
    inp = os.path.join(d, "input")
    os.makedirs(d, exist_ok=True)
    gen_cmd = ["python3", "bench/gen.py", "--size", size, "--seed", str(a.seed), "-o", inp]
    subprocess.run(gen_cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    report["commands"].append(show(gen_cmd))
    files = sorted(glob.glob(os.path.join(inp, "*.yaml")))
    pupils = gen.SIZES[size][0]
    lim = size_limit(a, size)
    margin = a.margin if a.margin is not None else max(15.0, 0.25 * lim)
    rows = []

    def record(solver, cmd, run, parsed, log_path, note=""):
        status = parsers.classify(parsed, run, lim)
        if run.get("timed_out"):
            # Where it was when killed: tells reading time from solving time.
            said = [(t, line.strip()) for t, line in parsers.parse_stamped(read(log_path)) if line.strip()]
            note = "killed by timeout at %.0f s" % (run["wall_s"] or 0) + (
                "; last output at %.1f s: %s" % (said[-1][0] or 0, said[-1][1][:100]) if said else "; no output")
        gap = parsers.gap_pct(parsed["objective"], parsed["bound"])
        if parsed["message"] and not note:
            note = parsed["message"][:160]
        row = {"size": size, "pupils": pupils, "solver": SOLVER_NAMES[solver], "status": status,
               "first_feasible_s": parsed["first_feasible_s"], "time_s": run["wall_s"],
               "objective": parsed["objective"], "bound": parsed["bound"], "gap_pct": gap,
               "peak_rss_mb": run["rss_mb"], "note": note}
        rows.append(row)
        if cmd:
            report["commands"].append(show(cmd, files))
        print("  %-22s %-40s %8s s  obj %s  bound %s" % (row["solver"], status, fmt(row["time_s"], 2),
                                                        fmt(row["objective"]), fmt(row["bound"])), flush=True)

    def not_run(solver, why):
        rows.append({"size": size, "pupils": pupils, "solver": SOLVER_NAMES[solver], "status": why,
                     "first_feasible_s": None, "time_s": None, "objective": None, "bound": None,
                     "gap_pct": None, "peak_rss_mb": None, "note": "not run: no input for it"})
        print("  %-22s %s" % (SOLVER_NAMES[solver], why), flush=True)

    print("%s (%d pupils): %s" % (size, pupils, d), flush=True)
    if "roster" in a.solvers:
        out = os.path.join(d, "roster")
        cmd = [a.roster, "solve"] + files + ["-o", out, "--time-limit", "%g" % lim] + (
            ["--threads", str(a.threads)] if a.threads else [])
        run = run_cmd(cmd, os.path.join(d, "roster.log"), lim + margin, a.mem_cap_mb)
        log_path = os.path.join(d, "roster.log")
        record("roster", cmd, run, parsers.parse_roster(read(log_path), read(os.path.join(out, "roster.yaml"))),
               log_path)

    # The peers' inputs, written by roster itself: the same program for all.
    lp = os.path.join(d, "roster.lp")
    lp_ok = dat_ok = False
    if {"cbc", "highs"} & set(a.solvers):
        cmd = [a.roster, "solve"] + files + ["-o", os.path.join(d, "export"), "--time-limit",
                                             "%g" % a.export_solve_limit, "--write-lp", lp]
        run = run_cmd(cmd, os.path.join(d, "export-lp.log"), a.export_limit, a.mem_cap_mb)
        lp_ok = os.path.exists(lp) and os.path.getsize(lp) > 0 and run["exit"] == 0
        report["exports"].append((size, "LP (roster solve --write-lp)", run, os.path.getsize(lp) if lp_ok else 0))
        report["commands"].append(show(cmd, files))
        lp_why = export_failure(run, a, os.path.join(d, "export-lp.log"))
    dat = os.path.join(d, "mathprog", "roster.dat")
    if "glpsol" in a.solvers:
        cmd = [a.roster, "mathprog"] + files + ["-o", os.path.join(d, "mathprog")]
        run = run_cmd(cmd, os.path.join(d, "export-dat.log"), a.export_limit, a.mem_cap_mb)
        dat_ok = os.path.exists(dat) and os.path.getsize(dat) > 0 and run["exit"] == 0
        report["exports"].append((size, "MathProg data (roster mathprog)", run,
                                  os.path.getsize(dat) if dat_ok else 0))
        report["commands"].append(show(cmd, files))
        dat_why = export_failure(run, a, os.path.join(d, "export-dat.log"))

    if "glpsol" in a.solvers:
        if dat_ok:
            cmd = ["glpsol", "-m", a.model, "-d", dat, "--tmlim", "%g" % lim, "-o", os.path.join(d, "glpsol.sol")]
            run = run_cmd(cmd, os.path.join(d, "glpsol.log"), lim + margin, a.mem_cap_mb)
            record("glpsol", cmd, run, parsers.parse_glpsol(read(os.path.join(d, "glpsol.log"))),
                   os.path.join(d, "glpsol.log"))
        else:
            not_run("glpsol", dat_why)
    if "cbc" in a.solvers:
        if lp_ok:
            cmd = ["cbc", lp, "timeMode", "elapsed", "sec", "%g" % lim, "solve", "solu", os.path.join(d, "cbc.sol")]
            run = run_cmd(cmd, os.path.join(d, "cbc.log"), lim + margin, a.mem_cap_mb)
            record("cbc", cmd, run, parsers.parse_cbc(read(os.path.join(d, "cbc.log"))), os.path.join(d, "cbc.log"))
        else:
            not_run("cbc", lp_why)
    if "highs" in a.solvers:
        if lp_ok:
            cmd = ["node", "bench/highs_run.mjs", lp, "%g" % lim]
            run = run_cmd(cmd, os.path.join(d, "highs.log"), lim + margin, a.mem_cap_mb)
            text = read(os.path.join(d, "highs.log"))
            record("highs", cmd, run, parsers.parse_highs(text), os.path.join(d, "highs.log"))
            for _t, line in parsers.parse_stamped(text):
                if line.startswith("highs_run: version: "):
                    report["versions"]["HiGHS (npm highs)"] = line[len("highs_run: version: "):]
        else:
            not_run("highs", lp_why)
    return rows


def bench_scaling(size, lim, a, work, report):
    """The same instance solved on 1 and on 2 threads with a limit long
    enough for the search to converge: the rosters must be byte-identical
    (--threads changes only when a roster is ready), so the ratio of wall
    times is the speed-up for the same result. Wall times of one build
    vary by a few percent from run to run (a 1-thread city took 200.7 s
    and 205.3 s), so the pair runs --scaling-repeats times, alternating,
    and the speed-up compares each count's fastest run: noise only adds."""
    d = os.path.join(work, size)
    inp = os.path.join(d, "input")
    if not glob.glob(os.path.join(inp, "*.yaml")):
        gen_cmd = ["python3", "bench/gen.py", "--size", size, "--seed", str(a.seed), "-o", inp]
        subprocess.run(gen_cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        report["commands"].append(show(gen_cmd))
    files = sorted(glob.glob(os.path.join(inp, "*.yaml")))
    runs = []
    print("threads on %s (--time-limit %g):" % (size, lim), flush=True)
    for rep, threads in [(rep, t) for rep in range(a.scaling_repeats) for t in (1, 2)]:
        out = os.path.join(d, "threads-%d" % threads if rep == 0 else "threads-%d-%d" % (threads, rep + 1))
        log_path = out + ".log"
        cmd = [a.roster, "solve"] + files + ["-o", out, "--time-limit", "%g" % lim, "--threads", str(threads)]
        run = run_cmd(cmd, log_path, lim + max(15.0, 0.25 * lim), a.mem_cap_mb)
        parsed = parsers.parse_roster(read(log_path), read(os.path.join(out, "roster.yaml")))
        runs.append({"threads": threads, "repeat": rep + 1, "time_s": run["wall_s"], "peak_rss_mb": run["rss_mb"],
                     "objective": parsed["objective"], "status": parsed["tool_status"],
                     "roster": read(os.path.join(out, "roster.yaml"))})
        report["commands"].append(show(cmd, files))
        print("  --threads %d  %8s s  obj %s  %s" % (threads, fmt(run["wall_s"], 2), fmt(parsed["objective"]),
                                                    parsed["tool_status"]), flush=True)
    same = bool(runs[0]["roster"]) and all(r["roster"] == runs[0]["roster"] for r in runs)
    converged = all(r["status"] in ("feasible", "optimal") for r in runs)
    fastest = {}
    for r in runs:
        if r["time_s"]:
            fastest[r["threads"]] = min(fastest.get(r["threads"], r["time_s"]), r["time_s"])
    speedup = fastest[1] / fastest[2] if 1 in fastest and 2 in fastest else None
    report["scaling"] = {"size": size, "limit": lim, "runs": runs, "same": same, "converged": converged,
                         "speedup": speedup}


def size_limit(a, size):
    """The time limit of one size: --size-time-limit SIZE=S, else --time-limit."""
    return a.size_limits.get(size, a.time_limit)


def export_failure(run, a, log_path):
    """Why a peer's input could not be written, for its row in the results."""
    if run.get("mem_killed"):
        return "model too large to generate (export passed %d MB)" % a.mem_cap_mb
    if run.get("timed_out"):
        return "model too large to generate in %g s" % a.export_limit
    if run.get("signal"):
        return "export crashed (signal %d)" % run["signal"]
    said = [line for _t, line in parsers.parse_stamped(read(log_path)) if line.strip()]
    return "export failed (exit %s%s)" % (run.get("exit"), ": " + said[0].strip()[:120] if said else "")


# --- writing the results ------------------------------------------------------
def fmt(v, digits=None):
    if v is None or v == "":
        return "n/a"
    if isinstance(v, float):
        if digits is not None:
            return "%.*f" % (digits, v)
        return "%.10g" % v
    return str(v)


def machine_info(a):
    cpu = "unknown"
    for line in read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = next((line.split(":", 1)[1].strip() for line in read("/proc/meminfo").splitlines()
                if line.startswith("MemTotal")), "unknown")

    def first_line(cmd, pick=None):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)
            lines = (out.stdout + out.stderr).splitlines()
            for line in lines:
                if pick is None or pick in line:
                    return line.strip()
        except (OSError, subprocess.TimeoutExpired):
            pass
        return "not installed"

    pkg = os.path.join(HERE, "node_modules", "highs", "package.json")
    highs = json.load(open(pkg))["version"] if os.path.exists(pkg) else "not installed"
    commit = first_line(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
    return {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpu": cpu, "nproc": str(os.cpu_count()), "memory": mem, "kernel": platform.release(),
        "versions": {
            "roster": "commit " + commit,
            "glpsol": first_line(["glpsol", "--version"]),
            "cbc": first_line(["cbc", "-quit"], "Version"),
            "HiGHS (npm highs)": highs,
            "node": first_line(["node", "--version"]),
            "python3": platform.python_version(),
        },
    }


def write_csv(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=CSV_FIELDS)
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if r[k] is None else (("%.6g" % r[k]) if isinstance(r[k], float) else r[k]))
                        for k in CSV_FIELDS})


def write_md(path, rows, report, a, info):
    L = []
    L.append("# Benchmark: roster solve against the solvers a user could pick instead")
    L.append("")
    L.append("Written by `bench/run.sh %s` on %s. Each size is a fixed instance from" % (
        " ".join(shlex.quote(x) for x in report["argv"]), info["date"]))
    L.append("`bench/gen.py` (seed %d, 12-week term). Every solver gets the same program:" % a.seed)
    L.append("glpsol the reference MathProg model `%s` with the data `roster mathprog` exports," % a.model)
    L.append("CBC and HiGHS the CPLEX LP file `roster solve --write-lp` exports. Time limit %g s%s" % (
        a.time_limit, "".join(" (%s: %g s)" % kv for kv in sorted(a.size_limits.items()))))
    L.append("for every solver; each run is under `timeout` (limit + %s margin) and a %d MB" % (
        "%g s" % a.margin if a.margin is not None else "the larger of 15 s and a quarter of the limit", a.mem_cap_mb))
    L.append("memory cap. A run that fails is a result and is listed.")
    L.append("")
    L.append("Columns: time to first feasible (wall seconds from launch until the tool")
    L.append("reports its first integer solution; n/a when it does not say), time to final")
    L.append("(wall seconds from launch to exit, reading the input included), objective")
    L.append("and bound of the maximisation as the tool reports them, gap = (bound -")
    L.append("objective) / |objective|, peak RSS from `/usr/bin/time -v`.")
    for size in [s for s in SIZES if any(r["size"] == s for r in rows)]:
        rs = [r for r in rows if r["size"] == size]
        L.append("")
        L.append("## %s (%s pupils)" % (size, rs[0]["pupils"]))
        L.append("")
        L.append("| solver | status | first feasible s | final s | objective | bound | gap % | peak RSS MB | note |")
        L.append("|---|---|---|---|---|---|---|---|---|")
        for r in rs:
            L.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                r["solver"], r["status"], fmt(r["first_feasible_s"], 2), fmt(r["time_s"], 2),
                fmt(r["objective"]), fmt(r["bound"]), fmt(r["gap_pct"], 3), fmt(r["peak_rss_mb"], 1),
                (r["note"] or "").replace("|", "\\|")))
    sc = report.get("scaling")
    if sc:
        L.append("")
        L.append("## Threads: the same roster on 1 and 2 threads (%s, `--time-limit %g`)" % (sc["size"], sc["limit"]))
        L.append("")
        L.append("The limit is long enough for the local search to converge (status feasible, not")
        L.append("time_limit), so every run does the same work and must write the same roster.")
        L.append("")
        L.append("| threads | run | status | final s | objective | peak RSS MB |")
        L.append("|---|---|---|---|---|---|")
        for r in sc["runs"]:
            L.append("| %d | %d | %s | %s | %s | %s |" % (r["threads"], r["repeat"], r["status"] or "error",
                                                    fmt(r["time_s"], 2), fmt(r["objective"]), fmt(r["peak_rss_mb"], 1)))
        L.append("")
        L.append("Runs alternate 1, 2, 1, 2 threads; the speed-up is the fastest 1-thread run over the fastest")
        L.append("2-thread run (run-to-run noise only adds time).")
        L.append("")
        L.append("Rosters byte-identical: %s. All converged: %s. Speed-up of 2 threads: %s." % (
            "yes" if sc["same"] else "**no**", "yes" if sc["converged"] else "**no** (the clock cut a run: the ratio is not for the same work)",
            "%.3fx" % sc["speedup"] if sc["speedup"] else "n/a"))
    if report["exports"]:
        L.append("")
        L.append("## Exports (not counted in the peers' times)")
        L.append("")
        L.append("| size | file | wall s | peak RSS MB | bytes |")
        L.append("|---|---|---|---|---|")
        for size, what, run, nbytes in report["exports"]:
            L.append("| %s | %s | %s | %s | %d |" % (size, what, fmt(run["wall_s"], 2), fmt(run["rss_mb"], 1), nbytes))
    L.append("")
    L.append("![time to final roster against instance size](time-vs-size.svg)")
    L.append("")
    L.append("## Machine")
    L.append("")
    L.append("- CPU: %s; nproc %s (shared with other jobs while measuring); memory %s" % (
        info["cpu"], info["nproc"], info["memory"]))
    L.append("- kernel %s; date %s" % (info["kernel"], info["date"]))
    for k, v in info["versions"].items():
        L.append("- %s: %s" % (k, report["versions"].get(k, v)))
    L.append("")
    L.append("## Commands")
    L.append("")
    L.append("Run from the repository root, in order (WORK = `%s`):" % shown_work(a.work))
    L.append("")
    L.append("```")
    for c in report["commands"]:
        L.append(c.replace(a.work, "$WORK"))
    L.append("```")
    L.append("")
    L.append("Each solver command ran as `/usr/bin/time -v -o FILE timeout -k 5 LIMIT stdbuf -oL -eL COMMAND`")
    L.append("with a watchdog summing the RSS of its process tree. `timeMode elapsed` makes")
    L.append("CBC's limit wall-clock like the others'. HiGHS is the npm package `highs`")
    L.append("(WebAssembly, single-threaded) run by `bench/highs_run.mjs` with")
    L.append("`time_limit` and `mip_rel_gap: 0`.")
    with open(path, "w") as f:
        f.write("\n".join(L) + "\n")


def shown_work(work):
    rel = os.path.relpath(work, ROOT)
    return work if rel.startswith("..") else rel


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=",".join(SIZES), help="comma list of " + ", ".join(SIZES))
    ap.add_argument("--solvers", default=",".join(SOLVERS), help="comma list of " + ", ".join(SOLVERS))
    ap.add_argument("--time-limit", type=float, default=60.0, help="seconds per solver run (default 60)")
    ap.add_argument("--size-time-limit", action="append", default=None, metavar="SIZE=SECONDS",
                    help="a size's own time limit, for every solver (default county=600: the issue's 10 minutes)")
    ap.add_argument("--margin", type=float, default=None,
                    help="seconds past the time limit before timeout kills a run (default max(15, 25%%))")
    ap.add_argument("--mem-cap-mb", type=int, default=8000, help="memory cap per run (default 8000)")
    ap.add_argument("--threads", type=int, default=0, help="pass --threads N to roster solve (default: its own)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--roster", default="build/roster")
    ap.add_argument("--model", default="models/roster.mod")
    ap.add_argument("--export-limit", type=float, default=600.0, help="seconds allowed to write the LP / data")
    ap.add_argument("--export-solve-limit", type=float, default=1.0,
                    help="--time-limit of the roster solve that writes the LP")
    ap.add_argument("--scaling-repeats", type=int, default=2, metavar="N",
                    help="run the 1- and 2-thread pair N times, alternating (default 2)")
    ap.add_argument("--scaling", default="city=300", metavar="SIZE=SECONDS",
                    help="solve SIZE on 1 and 2 threads with this limit and compare (default city=300; none: skip)")
    ap.add_argument("--work", default=os.path.join(ROOT, "bench", "out"))
    ap.add_argument("--results", default=HERE, help="directory for results.md, results.csv, time-vs-size.svg")
    a = ap.parse_args(argv)
    a.size_limits = {}
    for item in a.size_time_limit if a.size_time_limit is not None else ["county=600"]:
        size, _, secs = item.partition("=")
        if size not in SIZES or not secs:
            ap.error("--size-time-limit wants SIZE=SECONDS with SIZE one of %s, not %r" % (", ".join(SIZES), item))
        a.size_limits[size] = float(secs)
    a.sizes = [s for s in a.sizes.split(",") if s]
    a.solvers = [s for s in a.solvers.split(",") if s]
    for s in a.sizes:
        if s not in SIZES:
            ap.error("unknown size %r (choose from %s)" % (s, ", ".join(SIZES)))
    for s in a.solvers:
        if s not in SOLVERS:
            ap.error("unknown solver %r (choose from %s)" % (s, ", ".join(SOLVERS)))
    a.work = os.path.abspath(a.work)
    report = {"argv": argv, "commands": [], "exports": [], "versions": {}}
    info = machine_info(a)
    rows = []
    for size in a.sizes:
        rows += bench_size(size, a, a.work, report)
        # Written after every size so an interrupted run still leaves results.
        write_csv(os.path.join(a.results, "results.csv"), rows)
        write_md(os.path.join(a.results, "results.md"), rows, report, a, info)
        plot.write_svg(os.path.join(a.results, "time-vs-size.svg"), rows, a.time_limit)
    if a.scaling != "none":
        size, _, secs = a.scaling.partition("=")
        if size not in SIZES or not secs:
            ap.error("--scaling wants SIZE=SECONDS or none, not %r" % a.scaling)
        bench_scaling(size, float(secs), a, a.work, report)
        write_md(os.path.join(a.results, "results.md"), rows, report, a, info)
    print("wrote %s/results.md, results.csv, time-vs-size.svg" % shown_work(a.results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
