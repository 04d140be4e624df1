#!/bin/sh
# End-to-end: re-rostering (docs/rerostering.md). From a solved base roster
# of tests/reroster/, each scenario changes the input and re-solves twice:
# with --previous/--from (minimal disruption) and from scratch. In each:
#   - both rosters pass `roster verify` (the first with --previous/--from);
#   - the visits and sessions dated before --from are exactly the base's;
#   - `roster compare` counts the reassigned pupils of each against the
#     base; the minimal-disruption roster never reassigns more, and strictly
#     fewer where the scenario tempts a from-scratch solve into a chain of
#     moves (said per scenario below).
# Also: across terms (--previous without --from) and the extension section
# `changes:` read back by verify.
set -u
: "${ROSTER:=build/roster}"
B=tests/reroster
FROM=2026-09-16
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
err() { echo "reroster.sh: $*"; fail=1; }

BASE="$B/common.yaml $B/schools.yaml $B/pupils.yaml $B/advocates.yaml $B/university.yaml $B/community.yaml"
$ROSTER solve $BASE -o "$tmp/base" -q --time-limit 60 || { echo "reroster.sh: base solve failed"; exit 1; }
grep -qx 'status: optimal' "$tmp/base/roster.yaml" || err "base: not optimal"

# Entries dated before FROM, as text lines (the roster is sorted canonically).
before() {
    grep -E '^  - \{date: ' "$1" | awk -v from="$FROM" '{ d = $3; sub(/,$/, "", d); if (d < from) print }'
}

reassigned() { # base, other, inputs...
    a=$1; b=$2; shift 2
    $ROSTER compare "$a" "$b" --input "$@" | sed -n 's/^summary: \([0-9]*\) pupils reassigned.*/\1/p'
}

# scenario NAME STRICT WHY FILE-SWAP... ; a swap is old=new, or add=new
scenario() {
    name=$1; strict=$2; why=$3; shift 3
    in=$BASE
    for kv in "$@"; do
        k=${kv%%=*}; v=${kv#*=}
        if [ "$k" = add ]; then in="$in $B/$v"; else in=$(echo "$in" | sed "s|$B/$k|$B/$v|"); fi
    done
    out="$tmp/$name"
    # shellcheck disable=SC2086
    $ROSTER solve $in -o "$out/min" -q --time-limit 60 --previous "$tmp/base/roster.yaml" --from $FROM ||
        { err "$name: re-roster failed"; return; }
    # shellcheck disable=SC2086
    $ROSTER solve $in -o "$out/scratch" -q --time-limit 60 || { err "$name: scratch solve failed"; return; }
    grep -qx 'status: optimal' "$out/min/roster.yaml" || err "$name: re-roster not optimal"
    grep -q '^changes:' "$out/min/roster.yaml" || err "$name: no changes section"
    # shellcheck disable=SC2086
    $ROSTER verify $in --roster "$out/min/roster.yaml" --previous "$tmp/base/roster.yaml" --from $FROM >"$out/v1" 2>&1 ||
        { err "$name: verify --previous rejects the re-roster"; cat "$out/v1"; }
    # shellcheck disable=SC2086
    $ROSTER verify $in --roster "$out/scratch/roster.yaml" >"$out/v2" 2>&1 ||
        { err "$name: verify rejects the scratch roster"; cat "$out/v2"; }
    if [ "$name" != removed ]; then
        before "$tmp/base/roster.yaml" >"$out/b0"
        before "$out/min/roster.yaml" >"$out/b1"
        [ -s "$out/b0" ] || err "$name: the base has nothing before $FROM (test is vacuous)"
        cmp -s "$out/b0" "$out/b1" || { err "$name: entries before $FROM changed"; diff "$out/b0" "$out/b1"; }
    fi
    # shellcheck disable=SC2086
    n_min=$(reassigned "$tmp/base/roster.yaml" "$out/min/roster.yaml" $in)
    # shellcheck disable=SC2086
    n_new=$(reassigned "$tmp/base/roster.yaml" "$out/scratch/roster.yaml" $in)
    [ -n "$n_min" ] && [ -n "$n_new" ] || { err "$name: compare printed no summary"; return; }
    if [ "$n_min" -gt "$n_new" ]; then err "$name: re-roster reassigns $n_min > scratch $n_new"; fi
    if [ "$strict" = 1 ] && [ "$n_min" -ge "$n_new" ]; then
        err "$name: re-roster reassigns $n_min, not fewer than scratch $n_new ($why)"
    fi
}

# A1 leaves: P1 must move. From scratch A1 still covers two weeks, so P1 goes
# to A2 (better literacy) and P2 on to another advocate: two moves; the
# re-roster moves only P1.
scenario leaves 1 "chain P1->A2, P2->A3 from scratch" advocates.yaml=advocates-leaves.yaml
grep -q 'pupil: P1, from: A1, to: A[0-9], reason: "A1 on leave from 2026-09-16 (left the programme)"' "$tmp/leaves/min/roster.yaml" ||
    err "leaves: no change entry naming A1's leave"
# A1 removed from the input altogether: the base roster reads leniently
# (A1's entries are left out) and the change says why.
scenario removed 0 "A1's history leaves with A1" advocates.yaml=advocates-removed.yaml
grep -q 'reason: "A1 no longer in the input"' "$tmp/removed/min/roster.yaml" || err "removed: no 'no longer in the input' change"
# A2's DBS expires: keeping P2 with A2 for the one remaining date beats
# paying weights.reassign; from scratch A2's two weeks lose to A3's four.
scenario dbs 1 "scratch moves P2 to an advocate with more weeks" advocates.yaml=advocates-dbs.yaml
# P6 needs literacy 5: from scratch P6 takes A1 and P1 and P2 shuffle along.
scenario newpupil 1 "scratch chain P6->A1, P1->A2, P2->A3" add=pupils-new.yaml
grep -q 'pupil: P6, from: null, to: A[0-9], reason: "P6 is new in the input"' "$tmp/newpupil/min/roster.yaml" ||
    err "newpupil: P6 not matched as new"
# A school closes for a week: it closes for every advocate alike, so no
# reassignment is needed; a scratch solve may still reshuffle between equal
# rosters, so only "never more" is asserted.
scenario closed 0 "closure hits every advocate alike" schools.yaml=schools-closed.yaml
grep -q 'week: 2026-09-28, reason: "school closed: boiler repair"' "$tmp/closed/min/roster.yaml" ||
    err "closed: missed visits do not name the closure"
# A4's placement block moves into week 3: one lost week is cheaper than a
# reassignment; from scratch the pupils go to an advocate free every week.
scenario block 1 "scratch moves A4's pupils to advocates free all term" university.yaml=university-moved.yaml
# C1 drops out: sessions go to C2 from the date; pupils are untouched, so
# only "never more" is asserted.
scenario dropout 0 "sessions do not touch pupils" community.yaml=community-dropout.yaml
grep -q 'what: teacher, session: LIB-ART, from: C1, to: C2' "$tmp/dropout/min/roster.yaml" || err "dropout: no teacher change"
after=$(grep -E 'session: LIB-ART, teacher: C1' "$tmp/dropout/min/roster.yaml" | awk -v from="$FROM" '{ d = $3; sub(/,$/, "", d); if (d >= from) print }')
[ -z "$after" ] || err "dropout: C1 still teaches after leaving"

# verify --previous catches a pinned visit that was moved (P1's first visit, by A1).
sed 's/{date: 2026-09-07, start: "09:00", end: "10:00", pupil: P1, advocate: A1/{date: 2026-09-07, start: "09:30", end: "10:30", pupil: P1, advocate: A1/' \
    "$tmp/leaves/min/roster.yaml" >"$tmp/tampered.yaml"
cmp -s "$tmp/tampered.yaml" "$tmp/leaves/min/roster.yaml" && err "tamper: the sed did not change the roster (test is vacuous)"
# shellcheck disable=SC2086
if $ROSTER verify $B/common.yaml $B/schools.yaml $B/pupils.yaml $B/advocates-leaves.yaml $B/university.yaml $B/community.yaml \
    --roster "$tmp/tampered.yaml" --previous "$tmp/base/roster.yaml" --from $FROM >"$tmp/t.out" 2>&1; then
    err "tamper: verify accepts a moved pinned visit"
fi
grep -q '^previous: ' "$tmp/t.out" || { err "tamper: no 'previous:' line"; cat "$tmp/t.out"; }

# Across terms: the same programme again, last term's roster as --previous:
# every pupil keeps its advocate (continuity) and its pattern (repattern),
# and verify recomputes the same Q.
$ROSTER solve $BASE -o "$tmp/next" -q --time-limit 60 --previous "$tmp/base/roster.yaml" || err "across: solve failed"
# shellcheck disable=SC2086
$ROSTER verify $BASE --roster "$tmp/next/roster.yaml" --previous "$tmp/base/roster.yaml" >/dev/null || err "across: verify failed"
# shellcheck disable=SC2086
n=$(reassigned "$tmp/base/roster.yaml" "$tmp/next/roster.yaml" $BASE)
[ "$n" = 0 ] || err "across: $n pupils reassigned against last term's roster"
grep -qx 'changes: \[\]' "$tmp/next/roster.yaml" || err "across: expected no changes"

[ $fail = 0 ] && echo "reroster.sh: ok"
exit $fail
