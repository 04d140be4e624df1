#!/bin/sh
# hostile.sh: files built to break a parser, given to `roster check`. Each
# must be refused (exit 2) with a FILE:LINE:COL error line naming the file,
# within 20 seconds (5 for the oversized file, which must be refused before
# it is read), under a memory cap when the binary allows one, and with no
# sanitizer report. The files are generated here into a temporary directory,
# never committed. Runs from the repository root with $ROSTER set (see
# tests/e2e.sh). What each case protects is in docs/promises.md.
set -u
: "${ROSTER:?set ROSTER to the roster binary}"
fail=0
dir=$(mktemp -d)
trap 'chmod -R u+rwx "$dir" 2>/dev/null; rm -rf "$dir"' EXIT
err=$dir/stderr

bad() { echo "hostile.sh: $*" >&2; fail=1; }

# A memory cap (virtual memory, KiB) for binaries that run under one:
# AddressSanitizer reserves terabytes of address space and cannot.
# Such a sanitized build is also 3-4 times slower: it gets the same cases
# at a tenth of the size (the 100 MB refusal excepted), which reach the same
# code; the full sizes run against the release build.
MEMCAP=3000000
if sh -c "ulimit -v $MEMCAP && exec \"\$0\" help" "$ROSTER" >/dev/null 2>&1; then
    capped=yes scale=1
else
    capped=no scale=10
fi

# run SECONDS FILE...: `roster check FILE...` under the limits; sets rc.
run() {
    secs=$1
    shift
    [ -n "${HOSTILE_VERBOSE:-}" ] && echo "hostile.sh: check $*" >&2
    if [ $capped = yes ]; then
        (ulimit -v $MEMCAP && exec timeout "$secs" "$ROSTER" check "$@") >/dev/null 2>"$err"
    else
        timeout "$secs" "$ROSTER" check "$@" >/dev/null 2>"$err"
    fi
    rc=$?
}

sanitizer_clean() {
    if grep -q -e "Sanitizer" -e "runtime error:" -e "LeakSanitizer" "$err"; then
        bad "$1: sanitizer report:"
        head -n 30 "$err" >&2
    fi
}

# refuse NAME SECONDS PATTERN FILE: exit 2 and a "FILE:L:C: error: ..." line
# matching PATTERN (grep -E, case-insensitive).
refuse() {
    name=$1 secs=$2 pattern=$3 file=$4
    run "$secs" "$file"
    case $rc in
    2) ;;
    124) bad "$name: still running after $secs s"; return ;;
    *) bad "$name: exit $rc, expected 2"; head -n 20 "$err" >&2 ;;
    esac
    grep -q -F "$file:" "$err" && grep -E "^.*:[0-9]+:[0-9]+: error: " "$err" | grep -q -F "$file:" ||
        bad "$name: no $file:LINE:COL error line"
    grep -E "^.*:[0-9]+:[0-9]+: error: " "$err" | grep -q -i -E -e "$pattern" ||
        { bad "$name: no error matching '$pattern':"; head -n 5 "$err" >&2; }
    sanitizer_clean "$name"
}

# bounded NAME FILE: loads (exit 0) or is refused with a positioned error
# (exit 2), within 20 s.
bounded() {
    name=$1 file=$2
    run 20 "$file"
    case $rc in
    0) ;;
    2) grep -q -E "^$file:[0-9]+:[0-9]+: error: " "$err" || bad "$name: exit 2 without a $file:LINE:COL error" ;;
    124) bad "$name: still running after 20 s" ;;
    *) bad "$name: exit $rc, expected 0 or 2"; head -n 20 "$err" >&2 ;;
    esac
    sanitizer_clean "$name"
}

PROG='programme: {name: Hostile, period: {from: 2026-09-07, to: 2026-12-18}}'

# --- size ------------------------------------------------------------------
printf '%s\n' "$PROG" > "$dir/huge.yaml"
truncate -s 100M "$dir/huge.yaml"
refuse "100 MB file" 5 "too large" "$dir/huge.yaml"

python3 - "$dir" "$PROG" "$scale" <<'PY'
import sys
d, prog, scale = sys.argv[1], sys.argv[2], int(sys.argv[3])
target = 60 * 1000 * 1000 // scale
with open(d + "/comments.yaml", "w") as f:
    f.write(prog + "\n")
    line = "# " + "a legitimate-looking comment about the programme " * 2 + "\n"
    f.write(line * (target // len(line)))
with open(d + "/long-list.yaml", "w") as f:
    f.write(prog + "\n")
    f.write("calendars: [{id: c, open: [{from: 2026-09-01, to: 2026-12-31}]}]\n")
    f.write("schools:\n  - {id: s1, phase: primary, calendar: c,"
            " windows: {core: {days: mon-fri, start: '08:45', end: '15:15'}}}\n")
    f.write("pupils:\n")
    n, size = 0, 0
    while size < target - 100:
        row = ("  - {id: P%07d, school: s1, year: 6, unavailable: [{days: wed, start: '13:00',"
               " end: '15:15', reason: 'swimming at the leisure centre, walking there and back"
               " with the class teacher and two helpers'}]}\n" % n)
        f.write(row)
        size += len(row)
        n += 1
PY
bounded "$((60 / scale)) MB of comments" "$dir/comments.yaml"
bounded "$((60 / scale)) MB list of pupils" "$dir/long-list.yaml"

# --- structure -------------------------------------------------------------
{
    printf '%s\n' "$PROG"
    printf 'calendars:\n  - id: c\n    open: &a0 [{date: 2026-09-07}, {date: 2026-09-08}, {date: 2026-09-09}]\n'
    for i in 1 2 3 4 5 6 7 8 9; do
        printf '    closed: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n' \
            $i $((i-1)) $((i-1)) $((i-1)) $((i-1)) $((i-1)) $((i-1)) $((i-1)) $((i-1)) $((i-1)) $((i-1))
    done
} > "$dir/alias-bomb.yaml"
refuse "alias bomb" 20 "duplicate key|alias|mapping|list" "$dir/alias-bomb.yaml"

python3 - "$dir" "$PROG" "$scale" <<'PY'
import sys
d, prog, scale = sys.argv[1], sys.argv[2], int(sys.argv[3])
w = lambda name, text: open(d + "/" + name, "w").write(text)
w("deep.yaml", "pupils: " + "[" * 10000 + "]" * 10000 + "\n")
w("deep-block.yaml", "".join(" " * i + "k:\n" for i in range(3000)))
w("scalar.yaml", prog + "\nplaces: [{id: lib, name: " + "x" * (1 << 20) + "}]\n")
w("dupkeys.yaml", prog + "\nplaces: [{id: a, name: x, id: b}]\n")
w("bigint.yaml", prog + "\nschools:\n  - {id: s, phase: primary, calendar: c, rooms: 99999999999999999999999,"
  " windows: {core: {days: mon-fri, start: '08:45', end: '15:15'}}}\n"
  "calendars: [{id: c, open: [{from: 2026-09-01, to: 2026-12-31}]}]\n")
w("bad-date.yaml", "programme: {name: x, period: {from: 2026-02-30, to: 2026-12-18}}\n")
w("bad-time.yaml", prog + "\ncalendars: [{id: c, open: [{from: 2026-09-01, to: 2026-12-31}]}]\n"
  "schools:\n  - {id: s, phase: primary, calendar: c, windows: {core: {days: mon-fri, start: '08:45', end: '24:15'}}}\n")
# Quadratic traps for a naive tree builder: many mappings of 10,000 keys
# each (duplicate-key check), many anchors then many aliases to the first.
with open(d + "/many-keys.yaml", "w") as f:
    f.write(prog + "\nx:\n")
    for j in range(200 // scale):
        f.write("  - {" + ", ".join("k%04d: 1" % i for i in range(10000)) + "}\n")
with open(d + "/many-anchors.yaml", "w") as f:
    f.write(prog + "\nx:\n")
    for i in range(1000000 // scale):
        f.write("  - &a%d v\n" % i)
    f.write("y: [" + ", ".join(["*a0"] * 10000) + "]\n")
# Amplification through the loader's own walk: ten thousand advocates all
# aliasing one advocate whose `available` is a long list.
with open(d + "/amplify.yaml", "w") as f:
    f.write(prog + "\nadvocates:\n  - &adv\n    id: A\n    kind: staff\n    available:\n")
    for i in range(100000 // scale):
        f.write("      - {days: mon, start: '08:00', end: '09:00'}\n")
    f.write("  - " + "\n  - ".join(["*adv"] * 9999) + "\n")
PY
refuse "10,000-deep flow nesting" 20 "nested too deeply" "$dir/deep.yaml"
refuse "3,000-deep block nesting" 20 "nested too deeply" "$dir/deep-block.yaml"
refuse "1 MB scalar" 20 "too long" "$dir/scalar.yaml"
refuse "duplicate keys" 20 "duplicate key" "$dir/dupkeys.yaml"
refuse "integer past 64 bits" 20 "rooms|integer|number|range" "$dir/bigint.yaml"
refuse "2026-02-30" 20 "date" "$dir/bad-date.yaml"
refuse "24:15" 20 "time|24:15" "$dir/bad-time.yaml"
refuse "$((200 / scale)) mappings of 10,000 keys" 20 "unknown key" "$dir/many-keys.yaml"
refuse "$((1000000 / scale)) anchors, 10,000 aliases" 20 "unknown key" "$dir/many-anchors.yaml"
refuse "alias amplification" 20 "alias|duplicate|id" "$dir/amplify.yaml"

printf '%s\nplaces: [{id: lib, name: "caf\351"}]\n' "$PROG" > "$dir/utf8.yaml"
refuse "invalid UTF-8" 20 "UTF-8" "$dir/utf8.yaml"

# --- not a readable YAML file ---------------------------------------------
: > "$dir/empty.yaml"
refuse "empty file" 20 "programme" "$dir/empty.yaml"
mkdir "$dir/adir"
refuse "a directory" 20 "directory" "$dir/adir"
refuse "a missing file" 20 "no such file|cannot read" "$dir/missing.yaml"
if [ "$(id -u)" != 0 ]; then
    printf '%s\n' "$PROG" > "$dir/secret.yaml"
    chmod 000 "$dir/secret.yaml"
    refuse "an unreadable file" 20 "permission|cannot read" "$dir/secret.yaml"
else
    echo "hostile.sh: skipped the unreadable-file case (root reads everything)"
fi
refuse "/dev/zero" 5 "not a regular file" /dev/zero
mkfifo "$dir/fifo.yaml"
refuse "a FIFO with no writer" 5 "not a regular file" "$dir/fifo.yaml"

exit $fail
