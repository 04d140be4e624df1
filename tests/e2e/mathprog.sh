#!/bin/sh
# mathprog.sh: the reference model models/roster.mod against hand-computed
# optima and against `roster solve`.
#
#  1. Every tests/mathprog/NAME.yaml: `roster mathprog` + glpsol must prove
#     optimality with Q equal to NAME.expected (computed by hand; the
#     reasoning is in the comment at the top of NAME.yaml).
#  2. ~20 random tiny inputs from tests/mathprog/gen_tiny.py (fixed seeds):
#     glpsol must prove an optimum.
#  2b. When cbc (coinor-cbc) is installed: the same program exported with
#     `glpsol --wlp` and solved by CBC must reach the same optimum on the
#     hand-computed cases (a peer solver on the identical program).
#  2c. When `roster verify` exists: the optimal roster glpsol printed (in
#     roster.yaml form) must pass verify, objective included: the model and
#     the verifier state the rules independently, so each checks the other.
#  3. When `roster solve` exists: on all of the above its roster.yaml must say
#     status optimal with objective value equal to glpsol's Q; when
#     `roster verify` exists, its roster must pass verify.
#
# Runs from the repository root with $ROSTER set (see tests/e2e.sh). Needs
# glpsol (Debian package glpk-utils) and python3.
set -u
: "${ROSTER:?set ROSTER to the roster binary}"
MODEL=models/roster.mod
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bad() { echo "mathprog.sh: $*" >&2; fail=1; }

if ! command -v glpsol >/dev/null 2>&1; then
    echo "mathprog.sh: glpsol not found (install glpk-utils: make deps)" >&2
    exit 1
fi

# Which subcommands this binary has: the usage lists them as "roster NAME".
has_command() { "$ROSTER" --help 2>/dev/null | grep -q "^  roster $1 "; }
has_solve=0
has_verify=0
has_command solve && has_solve=1
has_command verify && has_verify=1

# glpsol_q YAML DIR: write DIR/roster.dat, solve it; prints Q or fails.
glpsol_q() {
    if ! "$ROSTER" mathprog "$1" -o "$2" >"$2.mathprog.out" 2>&1; then
        bad "roster mathprog $1 failed:"
        cat "$2.mathprog.out" >&2
        return 1
    fi
    if ! glpsol --tmlim 30 -m "$MODEL" -d "$2/roster.dat" >"$2.glpsol.out" 2>&1; then
        bad "glpsol on $1 failed:"
        tail -5 "$2.glpsol.out" >&2
        return 1
    fi
    if ! grep -q "^INTEGER OPTIMAL SOLUTION FOUND" "$2.glpsol.out"; then
        bad "glpsol did not prove an optimum on $1:"
        grep -E "SOLUTION|LIMIT" "$2.glpsol.out" >&2
        return 1
    fi
    sed -n 's/^Q = //p' "$2.glpsol.out"
}

# same_value A B: equal within 1e-6 relative (the format's tolerance).
same_value() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        d = a - b; if (d < 0) d = -d;
        m = a < 0 ? -a : a; if ((b < 0 ? -b : b) > m) m = (b < 0 ? -b : b);
        exit !(d <= 1e-6 * (m > 1 ? m : 1)) }'
}

# roster_field FILE: prints "STATUS VALUE" read from a roster.yaml (flow or
# block style objective mapping).
roster_field() {
    python3 - "$1" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
status = re.search(r'^status:\s*([A-Za-z_]+)', text, re.M)
value = re.search(r'^objective:\s*(?:\{[^}]*?\bvalue:\s*|\n(?:[ \t]+\S.*\n)*?[ \t]+value:\s*)([-+0-9.eE]+)',
                  text, re.M)
print(status.group(1) if status else "?", value.group(1) if value else "?")
EOF
}

# verify_glpsol YAML DIR: roster verify on the roster glpsol printed.
verify_glpsol() {
    [ "$has_verify" -eq 1 ] || return 0
    sed -n '/^--- roster.yaml$/,/^--- end$/p' "$2.glpsol.out" | sed '1d;$d' >"$2.glpsol.yaml"
    if ! "$ROSTER" verify "$1" --roster "$2.glpsol.yaml" >"$2.verify-glpsol.out" 2>&1; then
        bad "roster verify rejects glpsol's optimal roster for $1:"
        head -5 "$2.verify-glpsol.out" >&2
    fi
}

# cross_check YAML DIR Q: roster solve must agree with glpsol's Q.
cross_check() {
    [ "$has_solve" -eq 1 ] || return 0
    if ! "$ROSTER" solve "$1" -o "$2/solve" --time-limit 60 >"$2.solve.out" 2>&1; then
        bad "roster solve $1 failed:"
        tail -5 "$2.solve.out" >&2
        return 1
    fi
    set -- "$1" "$2" "$3" $(roster_field "$2/solve/roster.yaml")
    [ "$4" = optimal ] || bad "roster solve $1: status $4, expected optimal"
    if [ "$5" = "?" ] || ! same_value "$5" "$3"; then
        bad "roster solve $1: objective value $5, glpsol's optimum is $3"
    fi
    if [ "$has_verify" -eq 1 ] && ! "$ROSTER" verify "$1" --roster "$2/solve/roster.yaml" >"$2.verify.out" 2>&1; then
        bad "roster verify rejects solve's roster for $1:"
        head -5 "$2.verify.out" >&2
    fi
}

# cbc_check DIR Q: CBC on the exported LP must find Q as well.
cbc_check() {
    command -v cbc >/dev/null 2>&1 || return 0
    if ! glpsol --check -m "$MODEL" -d "$1/roster.dat" --wlp "$1/roster.lp" >"$1.wlp.out" 2>&1; then
        bad "glpsol --wlp failed for $1"
        return 1
    fi
    cbc "$1/roster.lp" solve >"$1.cbc.out" 2>&1
    grep -q "^Result - Optimal solution found" "$1.cbc.out" || bad "cbc found no proven optimum for $1"
    v=$(sed -n 's/^Objective value: *//p' "$1.cbc.out")
    if [ -z "$v" ] || ! same_value "$v" "$2"; then bad "cbc's optimum for $1 is '$v', glpsol's $2"; fi
}

# 1. Hand-computed optima.
n=0
for f in tests/mathprog/*.yaml; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .yaml)
    want=$(cat "tests/mathprog/$name.expected")
    q=$(glpsol_q "$f" "$tmp/$name") || { fail=1; continue; }
    same_value "$q" "$want" || bad "$f: glpsol's optimum Q = $q, computed by hand: $want"
    cbc_check "$tmp/$name" "$q"
    verify_glpsol "$f" "$tmp/$name"
    cross_check "$f" "$tmp/$name" "$q"
    n=$((n + 1))
done
[ "$n" -ge 8 ] || bad "only $n hand-computed cases ran (expected at least 8)"

# 2. Random tiny inputs, fixed seeds.
if ! python3 tests/mathprog/gen_tiny.py "$tmp/tiny" 20 1; then
    bad "gen_tiny.py failed"
else
    for f in "$tmp"/tiny/*.yaml; do
        name=$(basename "$f" .yaml)
        q=$(glpsol_q "$f" "$tmp/tiny/$name") || { fail=1; continue; }
        verify_glpsol "$f" "$tmp/tiny/$name"
        cross_check "$f" "$tmp/tiny/$name" "$q"
    done
fi

[ "$has_solve" -eq 1 ] || echo "mathprog.sh: note: no 'roster solve' yet: glpsol checked against hand-computed optima, CBC and verify only"
exit $fail
