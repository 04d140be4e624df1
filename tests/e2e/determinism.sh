#!/bin/sh
# determinism.sh: the same inputs give byte-identical outputs, run after run
# and whatever --threads says (docs/promises-faults.md). Each input is solved
# twice with --threads 1 and once with --threads 2 and the whole output
# directories are compared (diff -r). The inputs are ones that solve to
# proven optimality well inside the time limit: a run cut short by its time
# limit stops wherever the clock says, so only runs that finish are
# promised to repeat.
set -u
: "${ROSTER:=build/roster}"
"$ROSTER" solve --help >/dev/null 2>&1 || exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
say() { echo "determinism.sh: $*"; }

# A small generated programme (bench/gen.py) that solves in seconds.
python3 bench/gen.py --pupils 16 --advocates 5 --schools 2 --weeks 4 --seed 2 -o "$tmp/gen" >/dev/null ||
    { say "gen.py failed"; exit 1; }

limit=120
check() { # NAME FILE...
    name=$1; shift
    runs="a:1 b:1 c:2"
    [ "${E2E_LIGHT:-0}" = 1 ] && runs="a:1 c:2"   # the sanitizer build is slow
    for run in $runs; do
        tag=${run%%:*}; threads=${run#*:}
        out="$tmp/$name-$tag"
        if ! "$ROSTER" solve "$@" -o "$out" --time-limit $limit --threads "$threads" -q 2>"$tmp/err"; then
            say "$name: solve failed:"; cat "$tmp/err"; fail=1; return
        fi
        grep -qx 'status: optimal' "$out/roster.yaml" ||
            { say "$name: not solved to optimality within ${limit} s, so not a determinism check"; fail=1; return; }
    done
    for run in $runs; do
        tag=${run%%:*}
        [ "$tag" = a ] && continue
        if ! diff -r "$tmp/$name-a" "$tmp/$name-$tag" >"$tmp/diff"; then
            say "$name: outputs differ between run a (--threads 1) and run $tag:"; head -20 "$tmp/diff"; fail=1
        fi
    done
    n=$(find "$tmp/$name-a" -type f | wc -l)
    say "$name: $n files byte-identical across runs ($runs)"
}

check saturday inputs/saturday/*.yaml
check generated "$tmp"/gen/*.yaml
exit $fail
