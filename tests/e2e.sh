#!/bin/sh
# End-to-end tests: run every tests/e2e/*.sh against $ROSTER (the binary
# under test: build/roster or the sanitizer build). Each script exits non-zero
# on failure and says why.
set -u
cd "$(dirname "$0")/.."
: "${ROSTER:=build/roster}"
export ROSTER
failed=0
for t in tests/e2e/*.sh; do
    [ -e "$t" ] || continue
    if sh "$t"; then echo "ok   $t ($ROSTER)"; else echo "FAIL $t ($ROSTER)"; failed=1; fi
done
exit $failed
