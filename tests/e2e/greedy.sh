#!/bin/sh
# greedy.sh: the strategy for programmes too large for the exact program
# (--strategy greedy; chosen by itself beyond SOLVE_EXACT_MAX_VISITS), and
# for those too large to keep every candidate (sparse, --max-candidates). Its
# roster must pass `roster verify`, its bound must be a proven bound (at
# least the optimum the exact strategy proves on saturday) and its status
# optimal only when value meets bound. Also: a time limit of months must not
# overflow GLPK's millisecond limit (it once aborted the run).
set -u
: "${ROSTER:=build/roster}"
"$ROSTER" solve --help >/dev/null 2>&1 || exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
say() { echo "greedy.sh: $*"; }

field() { # FILE KEY: status, or objective value/bound
    python3 - "$1" "$2" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
if sys.argv[2] == "status":
    print(re.search(r"^status: (\w+)", t, re.M).group(1))
else:
    print(re.search(r"^objective: \{value: ([-0-9.e+]+), bound: ([-0-9.e+]+)\}", t, re.M).group(1 if sys.argv[2] == "value" else 2))
PY
}

for ex in saturday derby; do
    out="$tmp/$ex"
    if ! "$ROSTER" solve inputs/$ex/*.yaml -o "$out" --strategy greedy -q >"$tmp/$ex.out" 2>&1; then
        say "$ex: solve --strategy greedy failed:"; cat "$tmp/$ex.out"; fail=1; continue
    fi
    "$ROSTER" verify inputs/$ex/*.yaml --roster "$out/roster.yaml" >"$tmp/$ex.verify" 2>&1 ||
        { say "$ex: roster verify rejects the greedy roster:"; head -5 "$tmp/$ex.verify"; fail=1; }
    st=$(field "$out/roster.yaml" status) v=$(field "$out/roster.yaml" value) b=$(field "$out/roster.yaml" bound)
    case $st in optimal|feasible) ;; *) say "$ex: status $st (expected feasible or optimal)"; fail=1 ;; esac
    awk -v v="$v" -v b="$b" 'BEGIN { exit !(v <= b) }' || { say "$ex: value $v above bound $b"; fail=1; }
    [ "$st" != optimal ] || awk -v v="$v" -v b="$b" 'BEGIN { exit !(v == b) }' ||
        { say "$ex: optimal but value $v != bound $b"; fail=1; }
    [ -s "$out/report.html" ] || { say "$ex: no report.html"; fail=1; }
done
# the same roster whatever --threads says (the two rosters are planned side by side)
if "$ROSTER" solve inputs/derby/*.yaml -o "$tmp/derby2" --strategy greedy --threads 2 -q >"$tmp/derby2.out" 2>&1; then
    cmp -s "$tmp/derby/roster.yaml" "$tmp/derby2/roster.yaml" ||
        { say "derby: --threads 2 wrote a different roster.yaml than --threads 1"; fail=1; }
else
    say "derby: --threads 2 failed:"; tail -3 "$tmp/derby2.out"; fail=1
fi
# saturday's optimum is 23800, proven by the exact strategy (tests/e2e/examples.sh)
b=$(field "$tmp/saturday/roster.yaml" bound)
awk -v b="$b" 'BEGIN { exit !(b >= 23800) }' || { say "saturday: greedy bound $b below the proven optimum 23800"; fail=1; }

# the summary says when the first roster was ready and what it was worth:
# no more than the roster written (the search only improves on it)
if "$ROSTER" solve inputs/early-window/*.yaml -o "$tmp/ew" --strategy greedy >"$tmp/ew.out" 2>&1; then
    first=$(sed -n 's/^  first roster     value \([-0-9.e+]*\) after [0-9.]* s.*/\1/p' "$tmp/ew.out")
    v=$(field "$tmp/ew/roster.yaml" value)
    if [ -z "$first" ]; then say "early-window: no 'first roster' line:"; cat "$tmp/ew.out"; fail=1
    else awk -v f="$first" -v v="$v" 'BEGIN { exit !(f <= v) }' || { say "early-window: first roster $first above the final $v"; fail=1; }
    fi
else
    say "early-window: solve failed:"; tail -3 "$tmp/ew.out"; fail=1
fi

# A mid-sized programme (160 pupils, 12 advocates, 10 schools) whose A is
# small enough for GLPK but whose LP GLPK does not finish in A's 5 s: the
# Lagrangian, run first on half that time, must still bound it. Without it
# the bound was the plain candidate bound, 273790 against a roster of
# 221280 (24% over the value); with it the gap is about 8.5%.
if [ "${E2E_LIGHT:-0}" != 1 ]; then
    python3 bench/gen.py --pupils 160 --advocates 12 --schools 10 --weeks 12 --seed 2 -o "$tmp/mid-in" >/dev/null ||
        { say "gen.py failed for the mid-sized programme"; fail=1; }
    if "$ROSTER" solve "$tmp/mid-in"/*.yaml -o "$tmp/mid" --strategy greedy --time-limit 20 --threads 2 -q \
        >"$tmp/mid.out" 2>&1; then
        "$ROSTER" verify "$tmp/mid-in"/*.yaml --roster "$tmp/mid/roster.yaml" >"$tmp/mid.verify" 2>&1 ||
            { say "mid-sized: roster verify rejects the roster:"; head -5 "$tmp/mid.verify"; fail=1; }
        v=$(field "$tmp/mid/roster.yaml" value) b=$(field "$tmp/mid/roster.yaml" bound)
        awk -v v="$v" -v b="$b" 'BEGIN { exit !(v <= b && b - v <= 0.10 * v) }' ||
            { say "mid-sized: value $v, bound $b: gap above 10%"; fail=1; }
        # A's GLPK program is cut by its time share: the roster depends on
        # the clock, and the status must say so even though the local search ended
        st=$(field "$tmp/mid/roster.yaml" status)
        [ "$st" = time_limit ] || { say "mid-sized: status $st, but A was cut by its time share"; fail=1; }
        # not proven: an unmatched pupil's reason says where the places are and where to look
        grep -Eq 'pupil: (P[0-9]+), reasons: \["not matched in the best roster found within the search: [0-9]+ of its [0-9]+ usable advocates? (is|are) at max_pupils, [0-9]+ with places left \(`roster explain --pupil \1 --roster`' \
            "$tmp/mid/roster.yaml" ||
            { say "mid-sized: no unmatched pupil's reason counts its advocates' places:"; grep -A3 '^unmatched' "$tmp/mid/roster.yaml"; fail=1; }
    else
        say "mid-sized: solve failed:"; tail -3 "$tmp/mid.out"; fail=1
    fi
fi

# The default strategy keeps the exact program for Derby's size and below
# (SOLVE_EXACT_MAX_VISITS) and plans early-window (about 400,000 candidate
# visits) with the greedy strategy, where the exact program only cost time.
if "$ROSTER" solve inputs/early-window/*.yaml -o "$tmp/ew-auto" --time-limit 30 >"$tmp/ew-auto.out" 2>&1; then
    grep -q "^  greedy strategy" "$tmp/ew-auto.out" ||
        { say "early-window: the default strategy built the exact program:"; tail -4 "$tmp/ew-auto.out"; fail=1; }
else
    say "early-window: default solve failed:"; tail -3 "$tmp/ew-auto.out"; fail=1
fi
if "$ROSTER" solve inputs/derby/*.yaml -o "$tmp/derby-auto" --time-limit 30 >"$tmp/derby-auto.out" 2>&1; then
    ! grep -q "^  greedy strategy" "$tmp/derby-auto.out" ||
        { say "derby: the default strategy skipped the exact program"; fail=1; }
else
    say "derby: default solve failed:"; tail -3 "$tmp/derby-auto.out"; fail=1
fi
# Where R's LP does not finish, the full program (many times larger) is not
# searched either: its simplex overran the time limit by seconds.
# --write-lp makes the solve build the exact program whatever its size.
if "$ROSTER" solve inputs/early-window/*.yaml -o "$tmp/ew-relax" --write-lp /dev/null --time-limit 8 \
    >"$tmp/ew-relax.out" 2>&1; then
    if grep -q "^  relaxation       bound inf" "$tmp/ew-relax.out"; then
        ! grep -q "full search ran" "$tmp/ew-relax.out" ||
            { say "early-window: the full search ran although R's LP did not finish"; fail=1; }
    else
        say "early-window: R's LP finished in 8 s (it did not before): pick a larger programme for this check"
        grep "^  relaxation" "$tmp/ew-relax.out"; fail=1
    fi
    "$ROSTER" verify inputs/early-window/*.yaml --roster "$tmp/ew-relax/roster.yaml" >/dev/null 2>&1 ||
        { say "early-window (relax): roster verify rejects the roster"; fail=1; }
else
    say "early-window: solve --strategy relax failed:"; tail -3 "$tmp/ew-relax.out"; fail=1
fi

# The path a county takes (more candidate visits than solve keeps, a
# sparse prep), through the command line on Derby with --max-candidates.
# Its bound comes from the coarse bound over every pair, and must be a
# proven bound: at least Derby's optimum, 67981, which the full candidate
# set proves. The roster must not depend on --threads; programs that need
# every candidate refuse it; a bad cap is an error, not a default.
# Derby has about 190,000 candidate visits: a cap of 50,000 makes it sparse
for t in 1 2; do
    if ! "$ROSTER" solve inputs/derby/*.yaml -o "$tmp/sparse-t$t" --max-candidates 50000 --threads $t >"$tmp/sparse-t$t.out" 2>&1; then
        say "sparse: solve --max-candidates 50000 --threads $t failed:"; cat "$tmp/sparse-t$t.out"; fail=1
    fi
done
grep -q "^  sparse           more than 50000 candidate visits: the search kept" "$tmp/sparse-t1.out" ||
    { say "sparse: the summary does not say the programme was prepared sparse:"; cat "$tmp/sparse-t1.out"; fail=1; }
grep -q "over the kept pairs only: not a bound" "$tmp/sparse-t1.out" ||
    { say "sparse: the summary does not say A covers the kept pairs only"; fail=1; }
"$ROSTER" verify inputs/derby/*.yaml --roster "$tmp/sparse-t1/roster.yaml" >"$tmp/sparse.verify" 2>&1 ||
    { say "sparse: roster verify rejects the sparse roster:"; head -5 "$tmp/sparse.verify"; fail=1; }
st=$(field "$tmp/sparse-t1/roster.yaml" status) v=$(field "$tmp/sparse-t1/roster.yaml" value) b=$(field "$tmp/sparse-t1/roster.yaml" bound)
case $st in optimal|feasible) ;; *) say "sparse: status $st (expected feasible or optimal)"; fail=1 ;; esac
awk -v v="$v" -v b="$b" 'BEGIN { exit !(v <= b) }' || { say "sparse: value $v above bound $b"; fail=1; }
awk -v b="$b" 'BEGIN { exit !(b >= 67981) }' || { say "sparse: bound $b below Derby's proven optimum 67981"; fail=1; }
[ "$st" != optimal ] || awk -v v="$v" -v b="$b" 'BEGIN { exit !(v == b) }' ||
    { say "sparse: optimal but value $v != bound $b"; fail=1; }
cmp -s "$tmp/sparse-t1/roster.yaml" "$tmp/sparse-t2/roster.yaml" ||
    { say "sparse: --threads 2 wrote a different roster.yaml than --threads 1"; fail=1; }

# the exact program over the kept pairs would prove nothing: --write-lp refuses
if "$ROSTER" solve inputs/derby/*.yaml -o "$tmp/sparse-lp" --max-candidates 50000 --write-lp "$tmp/sparse.lp" -q >"$tmp/sparse-lp.out" 2>&1; then
    say "sparse: --write-lp on a sparse programme succeeded"; fail=1
elif ! grep -q "needs every candidate visit.*more than 50000.*raise --max-candidates" "$tmp/sparse-lp.out"; then
    say "sparse: --write-lp on a sparse programme: unexpected message:"; cat "$tmp/sparse-lp.out"; fail=1
fi

for bad in 0 -5 1.5 many 134217729; do
    "$ROSTER" solve inputs/derby/*.yaml -o "$tmp/sparse-bad" --max-candidates "$bad" >"$tmp/sparse-bad.out" 2>&1
    rc=$?
    [ $rc -eq 2 ] && grep -q "bad --max-candidates" "$tmp/sparse-bad.out" ||
        { say "sparse: --max-candidates $bad: exit $rc, expected 2 with a message:"; cat "$tmp/sparse-bad.out"; fail=1; }
    [ ! -e "$tmp/sparse-bad/roster.yaml" ] || { say "sparse: --max-candidates $bad wrote a roster"; fail=1; }
done

# --time-limit far beyond int milliseconds (1e7 s = 1e10 ms)
if ! "$ROSTER" solve tests/mathprog/max_pupils.yaml -o "$tmp/long" --time-limit 1e7 -q >"$tmp/long.out" 2>&1; then
    say "--time-limit 1e7 failed:"; tail -3 "$tmp/long.out"; fail=1
else
    [ "$(field "$tmp/long/roster.yaml" status)" = optimal ] || { say "--time-limit 1e7: not optimal"; fail=1; }
fi
exit $fail
