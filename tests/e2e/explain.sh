#!/bin/sh
# End-to-end: `roster explain` names the first rule that rules each advocate
# out (from the data) on the bundled Derby example, reads a roster, refuses
# unknown ids with exit 2 and a suggestion; `roster advise` and `roster
# solve --advice` report a what-if on a small fixture.
set -u
: "${ROSTER:=build/roster}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "explain.sh: $*"; fail=1; }
has() { # file, fixed string
    grep -qF -- "$2" "$1" || no "expected '$2' in $1: $(head -c 2000 "$1")"
}

# P023 requires sen 2: A01 has none; P007 requires urdu.
$ROSTER explain inputs/derby/*.yaml --pupil P023 >"$tmp/p023" 2>&1 || no "explain P023 failed"
has "$tmp/p023" "A01: requires.experience sen >= 2: A01 has sen 0"
has "$tmp/p023" "usable, best first:"
$ROSTER explain inputs/derby/*.yaml --pupil P007 >"$tmp/p007" 2>&1 || no "explain P007 failed"
has "$tmp/p007" "requires.languages [urdu]: A01 speaks english"
$ROSTER explain inputs/derby/*.yaml --session AST-FAMILY >"$tmp/sess" 2>&1 || no "explain session failed"
has "$tmp/sess" "session AST-FAMILY"

# unknown ids: exit 2 with a suggestion
$ROSTER explain inputs/derby/*.yaml --pupil P0233 >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || no "unknown pupil: exit status not 2"
has "$tmp/err" "no pupil 'P0233' in the input (did you mean P023"
$ROSTER explain inputs/derby/*.yaml --session NOPE >/dev/null 2>&1
[ $? -eq 2 ] || no "unknown session: exit status not 2"
$ROSTER explain inputs/derby/*.yaml >/dev/null 2>&1
[ $? -eq 2 ] || no "no --pupil/--session: exit status not 2"

# with a roster: the fixture leaves the urdu pupils unmatched
f=tests/explain/urdu.yaml
$ROSTER solve "$f" -o "$tmp/out" --time-limit 20 -q || no "solve fixture failed"
$ROSTER explain "$f" --pupil P4 --roster "$tmp/out/roster.yaml" >"$tmp/p4" 2>&1 || no "explain P4 failed"
has "$tmp/p4" "now: A1"
$ROSTER explain "$f" --pupil P1 --roster "$tmp/out/roster.yaml" >"$tmp/p1" 2>&1 || no "explain P1 failed"
has "$tmp/p1" "now: unmatched"
has "$tmp/p1" "A1: requires.languages [urdu]: A1 speaks english"

$ROSTER advise "$f" --roster "$tmp/out/roster.yaml" >"$tmp/advice" 2>&1 || no "advise failed"
has "$tmp/advice" "speaking urdu"
has "$tmp/advice" "would cover 3 more pupils (P1, P2, P3)"
$ROSTER solve "$f" -o "$tmp/out2" --time-limit 20 --advice >"$tmp/solve-advice" 2>&1 || no "solve --advice failed"
has "$tmp/solve-advice" "would cover 3 more pupils"
has "$tmp/out2/report.html" "What would help most"
$ROSTER verify "$f" --roster "$tmp/out2/roster.yaml" >/dev/null || no "solve --advice: roster fails verify"
exit $fail
