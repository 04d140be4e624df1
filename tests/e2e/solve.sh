#!/bin/sh
# End-to-end: `roster solve` on the tiny inputs (tests/solve/*.yaml) and the
# bundled examples (inputs/*/). Each run must exit 0 and write an owner-only
# roster.yaml; tiny inputs must be solved to proven optimality; when
# `roster verify` exists, every roster must pass it.
set -u
: "${ROSTER:=build/roster}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
have_verify=0
$ROSTER verify --help >/dev/null 2>&1 && have_verify=1

check_one() { # name, expect-optimal, time limit, files...
    name=$1; opt=$2; limit=$3; shift 3
    out="$tmp/$name"
    if ! $ROSTER solve "$@" -o "$out" --time-limit "$limit" -q; then
        echo "solve.sh: $name: solve failed"; fail=1; return
    fi
    f="$out/roster.yaml"
    [ -f "$f" ] || { echo "solve.sh: $name: no roster.yaml"; fail=1; return; }
    mode=$(stat -c %a "$f")
    [ "$mode" = 600 ] || { echo "solve.sh: $name: roster.yaml mode $mode"; fail=1; }
    dmode=$(stat -c %a "$out")
    [ "$dmode" = 700 ] || { echo "solve.sh: $name: output dir mode $dmode"; fail=1; }
    head -1 "$f" | grep -qx 'format: roster/1' || { echo "solve.sh: $name: bad first line"; fail=1; }
    if [ "$opt" = 1 ] && ! grep -qx 'status: optimal' "$f"; then
        echo "solve.sh: $name: not optimal"; fail=1
    fi
    if [ $have_verify = 1 ] && ! $ROSTER verify "$@" --roster "$f"; then
        echo "solve.sh: $name: verify rejects the roster"; fail=1
    fi
}

for f in tests/solve/*.yaml; do
    [ -e "$f" ] || continue
    check_one "tiny-$(basename "$f" .yaml)" 1 30 "$f"
done
for d in inputs/*/; do
    [ -d "$d" ] || continue
    [ "$(basename "$d")" = invalid ] && continue   # inputs the loader must reject
    set -- "$d"*.yaml
    [ -e "$1" ] || continue
    check_one "example-$(basename "$d")" 0 5 "$@"
done

# bad input: exit 2 with a positioned error
printf 'programme: {name: x}\nbogus: 1\n' > "$tmp/bad.yaml"
$ROSTER solve "$tmp/bad.yaml" -o "$tmp/bad" -q 2>"$tmp/err"
rc=$?
[ $rc = 2 ] || { echo "solve.sh: bad input gave exit $rc, want 2"; fail=1; }
grep -q 'bad.yaml:[0-9]*:[0-9]*: error' "$tmp/err" || { echo "solve.sh: no positioned error"; fail=1; }

# usage errors
$ROSTER solve tests/solve/tiny.yaml 2>/dev/null; [ $? = 2 ] || { echo "solve.sh: missing -o not exit 2"; fail=1; }
exit $fail
