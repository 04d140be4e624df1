#!/bin/sh
# property.sh: safeguarding as a property. tests/property/gen_adversarial.py
# writes small programmes whose DBS dates, `avoid`, `requires` and leave are
# set to tempt the solver (the best match's check lapses in week 2, the only
# free advocate is avoided, leave covers the pupil's only day, ...); every
# roster `roster solve` writes for them must pass `roster verify`.
#
#   PROPERTY_N     how many cases (default 100; 20 under E2E_LIGHT);
#                  `make property N=2000` runs thousands
#   PROPERTY_SEED  generator seed (default 1)
#   PROPERTY_LIMIT --time-limit per solve (default 2 s)
set -u
: "${ROSTER:=build/roster}"
"$ROSTER" solve --help >/dev/null 2>&1 || exit 0
n=${PROPERTY_N:-100}
[ "${E2E_LIGHT:-0}" = 1 ] && [ -z "${PROPERTY_N:-}" ] && n=20
seed=${PROPERTY_SEED:-1}
limit=${PROPERTY_LIMIT:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 tests/property/gen_adversarial.py --count "$n" --seed "$seed" -o "$tmp/cases" ||
    { echo "property.sh: generator failed"; exit 1; }

fail=0; solved=0; visits=0; unmatched=0; optimal=0
for f in "$tmp"/cases/case-*.yaml; do
    name=$(basename "$f" .yaml)
    out="$tmp/out"
    if ! "$ROSTER" check "$f" >/dev/null 2>"$tmp/err"; then
        # a generator bug, not a solver one, but it must not pass silently
        echo "property.sh: $name (seed $seed) is not a valid input:"; head -3 "$tmp/err"; fail=1; continue
    fi
    if ! "$ROSTER" solve "$f" -o "$out" --time-limit "$limit" -q >/dev/null 2>"$tmp/err"; then
        echo "property.sh: $name (seed $seed): solve failed:"; head -3 "$tmp/err"; fail=1
        continue
    fi
    if ! "$ROSTER" verify "$f" --roster "$out/roster.yaml" >"$tmp/verify" 2>&1; then
        echo "property.sh: $name (seed $seed): verify rejects the roster:"; head -5 "$tmp/verify"; fail=1
        continue
    fi
    solved=$((solved + 1))
    grep -qx 'status: optimal' "$out/roster.yaml" && optimal=$((optimal + 1))
    v=$(sed -n 's/^roster valid: \([0-9]*\) visits.*/\1/p' "$tmp/verify")
    visits=$((visits + ${v:-0}))
    u=$(awk '/^unmatched:/ { on = 1; next } /^[a-z]/ { on = 0 } on && /^  - / { n++ } END { print n + 0 }' "$out/roster.yaml")
    unmatched=$((unmatched + u))
done
echo "property.sh: $solved of $n adversarial rosters verified (seed $seed, ${limit} s each; $optimal proven optimal; $visits visits delivered, $unmatched pupils left unmatched)"
exit $fail
