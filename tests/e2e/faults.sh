#!/bin/sh
# faults.sh: `roster solve` under interrupts, kills and failing disks
# (docs/promises-faults.md).
#   1. SIGINT during a solve: exits promptly with 0 and a roster that has
#      status time_limit and passes `roster verify`; a second signal while
#      finishing leaves the output directory old-complete or new-complete.
#   2. kill -9 at random moments with a previous output present: the
#      directory is always the previous set byte for byte, or a complete new
#      set that verify accepts; the next run sweeps the killed runs' staging
#      directories.
#   3. a read-only output location: a clear error, exit 1, previous outputs
#      intact.
#   4. a full disk (a 200k tmpfs): "No space left on device", exit 1,
#      previous outputs intact, no temporary files left.
# Under E2E_LIGHT (the sanitizer build) the loops are shorter.
set -u
: "${ROSTER:=build/roster}"
"$ROSTER" solve --help >/dev/null 2>&1 || exit 0
tmp=$(mktemp -d)
mounts=""
cleanup() {
    for m in $mounts; do umount "$m" 2>/dev/null; done
    chmod -R u+w "$tmp" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail=0
light=${E2E_LIGHT:-0}
say() { echo "faults.sh: $*"; }
bad() { say "$*"; fail=1; }

small=inputs/saturday
set -- "$small"/*.yaml
small_files="$*"

# The file names of a complete output set, relative to its directory.
listing() { (cd "$1" && find . -type f | LC_ALL=C sort); }
# Seconds since the epoch with fractions.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
staging_left() { # DIR: names of DIR.new-* / DIR.old-* beside it
    (cd "$(dirname "$1")" && ls -d "$(basename "$1")".new-* "$(basename "$1")".old-* 2>/dev/null)
}

# A reference output: what a complete set holds, and how long a run takes
# here (the kills below are spread over that time, writing included).
ref="$tmp/ref"
t0=$(now)
# shellcheck disable=SC2086
if ! "$ROSTER" solve $small_files -o "$ref" --time-limit 1 -q; then
    bad "reference solve failed"; exit 1
fi
run_time=$(elapsed "$t0" "$(now)")
listing "$ref" >"$tmp/ref.list"

# --- 1. interrupt ------------------------------------------------------------
# A generated field-trial programme builds a program large enough that the
# signal lands mid-build or mid-search (the bundled examples now finish in
# under 2 s). The sanitizer build is slower to react.
python3 bench/gen.py --size field-trial --seed 1 -o "$tmp/ft" >/dev/null || { bad "gen.py failed"; exit 1; }
set -- "$tmp/ft"/*.yaml
sig_files="$*"; sig_wait=30
[ "$light" = 1 ] && sig_wait=90
for sig in INT TERM; do
    out="$tmp/sig-$sig"
    # shellcheck disable=SC2086
    "$ROSTER" solve $sig_files -o "$out" >"$tmp/sig.log" 2>&1 &
    pid=$!
    sleep 2
    kill -"$sig" "$pid" 2>/dev/null
    t0=$(now)
    # Wait at most sig_wait seconds for the exit.
    waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt $((sig_wait * 10)) ]; do sleep 0.1; waited=$((waited + 1)); done
    if kill -0 "$pid" 2>/dev/null; then
        bad "SIG$sig: still running $sig_wait s after the signal"; kill -9 "$pid"; wait "$pid"; continue
    fi
    wait "$pid"; rc=$?
    took=$(elapsed "$t0" "$(now)")
    [ "$rc" = 0 ] || { bad "SIG$sig: exit $rc, not 0"; cat "$tmp/sig.log"; continue; }
    grep -qx 'status: time_limit' "$out/roster.yaml" 2>/dev/null ||
        bad "SIG$sig: roster.yaml missing or status not time_limit"
    grep -q interrupted "$tmp/sig.log" || bad "SIG$sig: the summary does not say the search was interrupted"
    # shellcheck disable=SC2086
    "$ROSTER" verify $sig_files --roster "$out/roster.yaml" >/dev/null || bad "SIG$sig: verify rejects the roster"
    say "SIG$sig after 2 s: exit 0 in $took s, $(grep '^status:' "$out/roster.yaml")"
done

# A second signal while the first is being honoured: the process may die,
# but the directory is the previous set or a complete new one. The previous
# set is the interrupted roster from above (same inputs, so verifiable).
out="$tmp/twice"
if [ -f "$tmp/sig-INT/roster.yaml" ]; then
    cp -a "$tmp/sig-INT" "$out"
    listing "$out" >"$tmp/twice.list"
    # shellcheck disable=SC2086
    "$ROSTER" solve $sig_files -o "$out" -q >/dev/null 2>&1 &
    pid=$!
    sleep 2
    kill -INT "$pid" 2>/dev/null; sleep 0.05; kill -INT "$pid" 2>/dev/null
    wait "$pid"
    if ! diff -r "$tmp/sig-INT" "$out" >/dev/null; then
        listing "$out" | cmp -s - "$tmp/twice.list" || bad "two signals: $out is neither the previous nor a complete set"
        # shellcheck disable=SC2086
        "$ROSTER" verify $sig_files --roster "$out/roster.yaml" >/dev/null || bad "two signals: verify rejects"
    fi
fi

# --- 2. kill -9 at random moments -------------------------------------------
# Every file of the previous set carries a marker line a run never writes,
# so a mixture of old and new files cannot pass for either whole set (the
# same roster is often found again, byte for byte).
mark() { find "$1" -type f -exec sh -c 'for f; do echo "#previous-set" >>"$f"; done' sh {} +; }
iterations=30
[ "$light" = 1 ] && iterations=6
out="$tmp/kill"
cp -a "$ref" "$out"
mark "$out"
prev="$tmp/prev"
cp -a "$out" "$prev"
old=0; new=0; i=0
while [ $i -lt $iterations ]; do
    i=$((i + 1))
    # Odd iterations anywhere in the run; even ones near its end, where the
    # files are being written.
    delay=$(awk -v s="$i" -v t="$run_time" 'BEGIN { srand(s); m = 1.2 * t; if (m < 1.5) m = 1.5;
        printf "%.2f", s % 2 ? rand() * m : t * (0.8 + 0.3 * rand()) }')
    # shellcheck disable=SC2086
    "$ROSTER" solve $small_files -o "$out" --time-limit 1 -q >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if diff -r "$prev" "$out" >/dev/null 2>&1; then
        old=$((old + 1))
    elif ! grep -rq '^#previous-set' "$out" && listing "$out" | cmp -s - "$tmp/ref.list" &&
        "$ROSTER" verify $small_files --roster "$out/roster.yaml" >/dev/null 2>&1; then
        new=$((new + 1))
        mark "$out"; rm -rf "$prev"; cp -a "$out" "$prev"
    else
        bad "kill after $delay s (iteration $i): $out is neither the previous set nor a complete verified new one"
        break
    fi
done
# One clean run sweeps what the killed runs left beside the directory.
# shellcheck disable=SC2086
"$ROSTER" solve $small_files -o "$out" --time-limit 1 -q >/dev/null || bad "solve after the kills failed"
left=$(staging_left "$out")
[ -z "$left" ] || bad "staging directories left after a clean run: $left"
[ $fail = 0 ] && say "kill -9 x$i (a run takes $run_time s): $old left the previous set, $new a complete new one; none mixed"

# --- 3. read-only location ----------------------------------------------------
ro="$tmp/ro"
mkdir "$ro"
ro_ok=0
if [ "$(id -u)" != 0 ]; then
    cp -a "$ref" "$ro/out" && chmod 500 "$ro" && ro_ok=1
elif mount -t tmpfs -o size=2m tmpfs "$ro" 2>/dev/null; then
    mounts="$ro $mounts"
    cp -a "$ref" "$ro/out" && mount -o remount,ro "$ro" && ro_ok=1
else
    say "skip read-only: running as root and mount is not permitted"
fi
if [ $ro_ok = 1 ]; then
    # shellcheck disable=SC2086
    "$ROSTER" solve $small_files -o "$ro/out" --time-limit 1 -q >/dev/null 2>"$tmp/ro.err"
    rc=$?
    [ $rc = 1 ] || bad "read-only: exit $rc, not 1"
    grep -Eq 'Read-only file system|Permission denied' "$tmp/ro.err" || { bad "read-only: unclear error:"; cat "$tmp/ro.err"; }
    diff -r "$ref" "$ro/out" >/dev/null || bad "read-only: previous outputs changed"
    say "read-only: exit $rc, $(head -1 "$tmp/ro.err")"
fi

# A directory holding someone else's files is never replaced, and that is
# said before any solving.
mkdir "$tmp/foreign" && echo precious >"$tmp/foreign/thesis.tex"
# shellcheck disable=SC2086
"$ROSTER" solve $small_files -o "$tmp/foreign" -q >/dev/null 2>"$tmp/foreign.err"
rc=$?
[ $rc = 1 ] || bad "foreign directory: exit $rc, not 1"
grep -q 'refusing to replace it' "$tmp/foreign.err" || { bad "foreign directory: unclear error:"; cat "$tmp/foreign.err"; }
[ "$(cat "$tmp/foreign/thesis.tex")" = precious ] && [ "$(ls -A "$tmp/foreign")" = thesis.tex ] ||
    bad "foreign directory: its contents changed"

# --- 4. disk full ---------------------------------------------------------------
full="$tmp/full"
mkdir "$full"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=200k tmpfs "$full" 2>/dev/null; then
    mounts="$full $mounts"
    # The previous output: the tiny programme's, which fits.
    tiny=tests/solve/tiny.yaml
    if ! "$ROSTER" solve "$tiny" -o "$full/out" --time-limit 10 -q; then
        bad "disk full: the first (small) solve did not fit in 200k"
    else
        cp -a "$full/out" "$tmp/full-prev"
        # derby's outputs are several times 200k
        "$ROSTER" solve inputs/derby/*.yaml -o "$full/out" --time-limit 1 -q >/dev/null 2>"$tmp/full.err"
        rc=$?
        [ $rc = 1 ] || bad "disk full: exit $rc, not 1"
        grep -q 'No space left on device' "$tmp/full.err" || { bad "disk full: error does not say so:"; cat "$tmp/full.err"; }
        diff -r "$tmp/full-prev" "$full/out" >/dev/null || bad "disk full: previous outputs changed"
        extra=$(ls -A "$full" | grep -vx out)
        [ -z "$extra" ] || bad "disk full: left behind: $extra"
        [ -z "$(find "$full/out" -name '*.tmp*')" ] || bad "disk full: temporary files inside the output"
        say "disk full: exit $rc, $(head -1 "$tmp/full.err")"
    fi
else
    say "skip disk full: mounting a tmpfs needs root (or it is not permitted here)"
fi

exit $fail
