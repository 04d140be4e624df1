#!/bin/sh
# End-to-end: across terms, the move to secondary (tests/transition/).
# Last term's roster, given as --previous, keeps a moving pupil with their
# advocate when that advocate can reach the new school (P1 with A1, although
# from scratch A2 matches a little better), and changes the advocate, with a
# reason, when they cannot (P2's A3 works only at the primary).
set -u
: "${ROSTER:=build/roster}"
T=tests/transition
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
err() { echo "transition.sh: $*"; fail=1; }
has() { grep -qF "$2" "$1" || err "$1: expected '$2'"; }

$ROSTER solve $T/term-summer.yaml $T/people.yaml -o "$tmp/summer" -q --time-limit 30 || { err "summer solve failed"; exit 1; }
has "$tmp/summer/roster.yaml" "{pupil: P1, advocate: A1}"
has "$tmp/summer/roster.yaml" "{pupil: P2, advocate: A3}"

$ROSTER solve $T/term-autumn.yaml $T/people.yaml -o "$tmp/scratch" -q --time-limit 30 || { err "scratch solve failed"; exit 1; }
has "$tmp/scratch/roster.yaml" "{pupil: P1, advocate: A2}"

$ROSTER solve $T/term-autumn.yaml $T/people.yaml -o "$tmp/autumn" -q --time-limit 30 \
    --previous "$tmp/summer/roster.yaml" || { err "autumn solve with --previous failed"; exit 1; }
f="$tmp/autumn/roster.yaml"
has "$f" "status: optimal"
has "$f" "{pupil: P1, advocate: A1}"
has "$f" "{pupil: P2, advocate: A2}"
has "$f" "{what: advocate, pupil: P2, from: A3, to: A2, reason: \"A3 does not visit elm-secondary\"}"
grep -q "what: advocate, pupil: P1" "$f" && err "P1 should keep A1"
# every autumn visit is at the new school
grep -E '^  - \{date: ' "$f" | grep -v 'school: elm-secondary' | grep -q . && err "a visit outside elm-secondary"
$ROSTER verify $T/term-autumn.yaml $T/people.yaml --roster "$f" --previous "$tmp/summer/roster.yaml" >"$tmp/v" 2>&1 ||
    { err "verify rejects the autumn roster"; cat "$tmp/v"; }
exit $fail
