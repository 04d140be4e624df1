#!/bin/sh
# regress.sh: every input in tests/regress/ (minimised fuzzer finds and the
# inputs of fixed robustness bugs, see docs/fuzzing.md) goes through
# `roster check` and must end normally: exit 0 (valid) or 2 (refused, with a
# FILE:LINE:COL error), within 20 seconds, with no sanitizer report.
# Runs from the repository root with $ROSTER set (see tests/e2e.sh).
set -u
: "${ROSTER:?set ROSTER to the roster binary}"
fail=0
err=$(mktemp)
trap 'rm -f "$err"' EXIT

bad() { echo "regress.sh: $*" >&2; fail=1; }

n=0
for f in tests/regress/*; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    timeout 20 "$ROSTER" check "$f" >/dev/null 2>"$err"
    rc=$?
    case $rc in
    0) ;;
    2) grep -q "^$f:[0-9][0-9]*:[0-9][0-9]*: error: " "$err" || bad "$f: exit 2 without a $f:LINE:COL error line" ;;
    124) bad "$f: still running after 20 s" ;;
    *) bad "$f: exit $rc (a crash or internal failure)"; head -n 20 "$err" >&2 ;;
    esac
    if grep -q -e "Sanitizer" -e "runtime error:" "$err"; then
        bad "$f: sanitizer report"
        head -n 20 "$err" >&2
    fi
done
[ "$n" -gt 0 ] || bad "no inputs in tests/regress/"
exit $fail
