#!/bin/sh
# End-to-end: progress on stderr. A solve longer than a second shows
# "solving: ... best ... bound ... gap" lines when asked (--progress); with
# stderr not a terminal and no --progress it stays silent; -q silences it.
set -u
: "${ROSTER:=build/roster}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
in="inputs/derby/*.yaml"
# shellcheck disable=SC2086
$ROSTER solve $in -o "$tmp/a" --time-limit 12 --progress >/dev/null 2>"$tmp/err" || { echo "progress.sh: solve failed"; exit 1; }
grep -Eq '^solving: +[0-9.]+ s  best [0-9]+  (bound [0-9]+  gap [0-9.]+%|no bound yet)$' "$tmp/err" ||
    { echo "progress.sh: no progress line with --progress:"; cat "$tmp/err"; fail=1; }
# shellcheck disable=SC2086
$ROSTER solve $in -o "$tmp/b" --time-limit 2 >/dev/null 2>"$tmp/err2"
[ -s "$tmp/err2" ] && { echo "progress.sh: progress written to a non-terminal without --progress"; cat "$tmp/err2"; fail=1; }
# shellcheck disable=SC2086
$ROSTER solve $in -o "$tmp/c" --time-limit 2 --progress -q >/dev/null 2>"$tmp/err3"
[ -s "$tmp/err3" ] && { echo "progress.sh: -q did not silence progress"; fail=1; }
# the greedy strategy reports too: Q as its rosters improve, then the bound
# shellcheck disable=SC2086
$ROSTER solve inputs/early-window/*.yaml -o "$tmp/d" --strategy greedy --threads 2 --progress >/dev/null 2>"$tmp/err4" ||
    { echo "progress.sh: greedy solve failed"; exit 1; }
grep -Eq '^solving: +[0-9.]+ s  best [0-9]+  no bound yet$' "$tmp/err4" ||
    { echo "progress.sh: no greedy progress line:"; cat "$tmp/err4"; fail=1; }
grep -Eq '^solving: +[0-9.]+ s  best [0-9]+  bound [0-9]+  gap [0-9.]+%$' "$tmp/err4" ||
    { echo "progress.sh: no greedy line with the bound:"; cat "$tmp/err4"; fail=1; }
exit $fail
