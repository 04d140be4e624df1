#!/bin/sh
# End-to-end test of `roster verify`: a hand-written programme and rosters
# under tests/verify/ give exit 0 (valid), 1 (violations, one stdout line
# each, compared exactly) and 2 (malformed roster or bad usage).
set -u
: "${ROSTER:=build/roster}"
dir=tests/verify
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# expect NAME STATUS [EXPECTED-STDOUT-FILE] -- ARGS...
expect() {
    name=$1 want=$2 lines=$3
    shift 4
    "$ROSTER" verify "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" != "$want" ]; then
        echo "$name: exit $got, expected $want"; cat "$tmp/out" "$tmp/err"; fail=1; return
    fi
    if [ -n "$lines" ] && ! diff -u "$lines" "$tmp/out"; then
        echo "$name: unexpected violation lines"; fail=1
    fi
}

expect valid 0 "" -- "$dir/programme.yaml" --roster "$dir/valid.yaml"
grep -qx 'roster valid: 10 visits, 4 sessions, Q = 2200' "$tmp/out" || { echo "valid: summary"; cat "$tmp/out"; fail=1; }

cat >"$tmp/leave" <<'OUT'
rule 5: visit 2026-09-16 11:00 P2/A1: A1 is on leave (2026-09-16, training)
objective: reported 2200 but the roster's Q is 2210
OUT
expect leave 1 "$tmp/leave" -- "$dir/programme.yaml" --roster "$dir/leave.yaml"

cat >"$tmp/rooms" <<'OUT'
rule 10: visit 2026-09-08 10:30 P5/A3: 2 engagements under way at north at 10:30 but it has 1 room
rule 11: session 2026-09-12 07:30 ART/A3: north is closed on 2026-09-12 (open day)
OUT
expect rooms 1 "$tmp/rooms" -- "$dir/programme.yaml" --roster="$dir/rooms.yaml"

cat >"$tmp/gap" <<'OUT'
status: optimal but bound 2500 and value 2200 differ
OUT
expect optimal-gap 1 "$tmp/gap" -- "$dir/programme.yaml" --roster "$dir/optimal-gap.yaml"

expect malformed 2 "" -- "$dir/programme.yaml" --roster "$dir/malformed.yaml"
grep -q "^$dir/malformed.yaml:9:13: error: unknown pupil 'P99'" "$tmp/err" || { echo "malformed: no positioned error"; cat "$tmp/err"; fail=1; }
[ -s "$tmp/out" ] && { echo "malformed: output on stdout"; fail=1; }

expect missing-roster-file 2 "" -- "$dir/programme.yaml" --roster "$tmp/none.yaml"
grep -q "none.yaml:1:1: error: cannot read" "$tmp/err" || { echo "missing roster: message"; cat "$tmp/err"; fail=1; }
expect no-roster-option 2 "" -- "$dir/programme.yaml"
expect no-programme 2 "" -- --roster "$dir/valid.yaml"
expect bad-programme 2 "" -- "$dir/valid.yaml" --roster "$dir/valid.yaml"

exit $fail
