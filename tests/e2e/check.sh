#!/bin/sh
# check.sh: `roster check` on every inputs/invalid case (exit 2, stderr exactly
# as in NAME.expected) and on every example directory (exit 0); plus the
# command-line failures: a directory, a missing file, an unreadable file.
# Runs from the repository root with $ROSTER set (see tests/e2e.sh).
set -u
: "${ROSTER:?set ROSTER to the roster binary}"
fail=0
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

bad() { echo "check.sh: $*" >&2; fail=1; }

# expect_fail EXPECTED_FILE ARGS...: exit 2 and stderr equal to the file.
expect_fail() {
    want=$1
    shift
    "$ROSTER" check "$@" >"$out" 2>"$err"
    rc=$?
    [ "$rc" -eq 2 ] || bad "check $*: exit $rc, expected 2"
    if ! cmp -s "$err" "$want"; then
        bad "check $*: stderr differs from $want:"
        diff "$want" "$err" >&2
    fi
}

for f in inputs/invalid/*.yaml; do
    [ -e "$f" ] || continue
    expect_fail "${f%.yaml}.expected" "$f"
done
for d in inputs/invalid/*/; do
    [ -d "$d" ] || continue
    d=${d%/}
    expect_fail "$d.expected" "$d"/*.yaml
done

# Every example directory must be valid as a whole.
for d in inputs/*/; do
    d=${d%/}
    [ "$d" = inputs/invalid ] && continue
    set -- "$d"/*.yaml
    [ -e "$1" ] || continue
    "$ROSTER" check "$@" >"$out" 2>"$err" || { bad "check $d/*.yaml failed:"; cat "$err" >&2; }
done

# expect_message MESSAGE ARGS...: exit 2 and MESSAGE somewhere in stderr.
expect_message() {
    msg=$1
    shift
    "$ROSTER" check "$@" >"$out" 2>"$err"
    rc=$?
    [ "$rc" -eq 2 ] || bad "check $*: exit $rc, expected 2"
    grep -qF -- "$msg" "$err" || { bad "check $*: no '$msg' in:"; cat "$err" >&2; }
}

expect_message "inputs/invalid:1:1: error: this is a directory" inputs/invalid
expect_message "inputs/invalid/no-such-file.yaml:1:1: error: cannot read the file: No such file or directory" \
    inputs/invalid/no-such-file.yaml
expect_message "usage: roster check FILE..."

# Root reads any file whatever its mode, so the unreadable case only means
# something for an ordinary user.
if [ "$(id -u)" -ne 0 ]; then
    tmp=$(mktemp)
    cp inputs/invalid/empty-file.yaml "$tmp"
    chmod 000 "$tmp"
    expect_message "$tmp:1:1: error: cannot read the file: Permission denied" "$tmp"
    rm -f "$tmp"
fi
exit $fail
