#!/bin/sh
# load.sh: how fast and how lean is `roster check` on a county-sized input?
#
# Generates the county instance (10,000 pupils, 700 advocates, 300 schools,
# 12 weeks) with bench/gen.py, runs `roster check` on it RUNS times under
# /usr/bin/time -v, and writes bench/results-load.md with wall time and peak
# RSS per run, the machine, and the method. Targets: < 1 s, < 200 MB.
#
#   bench/load.sh            (uses build/roster; ROSTER=... to override)
set -eu
cd "$(dirname "$0")/.."
: "${ROSTER:=build/roster}"
: "${RUNS:=5}"
: "${SEED:=1}"
OUT=bench/results-load.md

if [ ! -x /usr/bin/time ]; then
    echo "load.sh: /usr/bin/time missing: apt-get install -y time" >&2
    exit 2
fi
[ -x "$ROSTER" ] || { echo "load.sh: $ROSTER not built (run make)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
python3 bench/gen.py --size county --seed "$SEED" -o "$tmp/county"
bytes=$(cat "$tmp"/county/*.yaml | wc -c)
lines=$(cat "$tmp"/county/*.yaml | wc -l)

# One untimed run warms the page cache so every timed run reads from memory.
"$ROSTER" check "$tmp"/county/*.yaml >"$tmp/summary" 2>"$tmp/err" || {
    echo "load.sh: roster check failed on the county instance:" >&2
    head -20 "$tmp/err" >&2
    exit 1
}

rows=""
i=1
while [ "$i" -le "$RUNS" ]; do
    /usr/bin/time -v "$ROSTER" check "$tmp"/county/*.yaml >/dev/null 2>"$tmp/time.$i"
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time.$i")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time.$i")
    user=$(sed -n 's/.*User time (seconds): //p' "$tmp/time.$i")
    sys=$(sed -n 's/.*System time (seconds): //p' "$tmp/time.$i")
    rows="$rows$i $wall $rss $user $sys
"
    i=$((i + 1))
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
cores=$(nproc)
mem=$(sed -n 's/^MemTotal:[[:space:]]*//p' /proc/meminfo)
loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

printf '%s' "$rows" | awk -v cpu="$cpu" -v cores="$cores" -v mem="$mem" -v loadavg="$loadavg" -v commit="$commit" \
    -v bytes="$bytes" -v lines="$lines" -v seed="$SEED" -v summary="$(cat "$tmp/summary")" '
function secs(s,   n, a) {   # m:ss.ss or h:mm:ss -> seconds
    n = split(s, a, ":")
    return n == 3 ? a[1] * 3600 + a[2] * 60 + a[3] : a[1] * 60 + a[2]
}
NF == 5 {
    w = secs($2); r = $3 / 1024
    line[NR] = sprintf("| %d | %.3f | %.1f | %.2f | %.2f |", $1, w, r, $4, $5)
    ws[NR] = w; cpu_s = $4 + $5
    if (NR == 1 || cpu_s > cmax) cmax = cpu_s
    if (NR == 1 || w > wmax) wmax = w
    if (NR == 1 || w < wmin) wmin = w
    if (NR == 1 || r > rmax) rmax = r
    n = NR
}
END {
    for (i = 2; i <= n; i++) {          # insertion sort for the median
        v = ws[i]
        for (j = i - 1; j >= 1 && ws[j] > v; j--) ws[j + 1] = ws[j]
        ws[j + 1] = v
    }
    med = n % 2 ? ws[(n + 1) / 2] : (ws[n / 2] + ws[n / 2 + 1]) / 2
    print "# Load benchmark: `roster check` on the county instance"
    print ""
    print "Written by `bench/load.sh` (commit " commit "). Targets: wall time under 1 s,"
    print "peak RSS under 200 MB."
    print ""
    print "## Result"
    print ""
    printf "- wall time: median %.3f s, best %.3f s, worst %.3f s over %d runs (target < 1 s: %s)\n", med, wmin, wmax, n, (wmax < 1 ? "met in every run" : (med < 1 ? "met by the median, not by every run" : "NOT met"))
    printf "- CPU time (user + sys): at most %.2f s per run\n", cmax
    printf "- peak RSS: at most %.1f MB (target < 200 MB: %s)\n", rmax, (rmax < 200 ? "met" : "NOT met")
    print ""
    print "| run | wall s | peak RSS MB | user s | sys s |"
    print "|---|---|---|---|---|"
    for (i = 1; i <= n; i++) print line[i]
    print ""
    print "## Input"
    print ""
    printf "`bench/gen.py --size county --seed %s`: 10,000 pupils, 700 advocates,\n", seed
    printf "300 schools, 12 weeks; %d lines, %.1f MB of YAML over 7 files. `roster check` said:\n", lines, bytes / 1048576
    print ""
    print "```"
    print summary
    print "```"
    print ""
    print "## Machine"
    print ""
    print "- CPU: " cpu
    print "- cores (nproc): " cores " (shared with other jobs while measuring)"
    print "- memory: " mem
    print "- load average when measured (1, 5, 15 min): " loadavg
    print ""
    print "## Method"
    print ""
    print "One untimed run first, so the input is in the page cache. Then each run is"
    print "`/usr/bin/time -v build/roster check DIR/*.yaml`; wall time is \"Elapsed"
    print "(wall clock) time\" and peak RSS is \"Maximum resident set size\". The"
    print "check parses all files, builds and validates the whole model (every"
    print "reference, window, period and travel entry), prints a summary and frees it."
    print "The machine is shared with other jobs, so wall time can exceed CPU time;"
    print "CPU time (user + sys) is the better measure of the loader itself."
}' >"$OUT"
cat "$OUT"
