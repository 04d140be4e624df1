#!/bin/sh
# outputs.sh: the files people get are readable by other software. Solves a
# bundled example, parses every calendar with python3-icalendar (events in
# Europe/London, unique UIDs, one event per visit) and loads every HTML page
# in headless Chromium, failing if a page does not render. With
# SCREENSHOTS_DIR set, keeps one PNG of each kind of page there.
set -u
: "${ROSTER:=build/roster}"
"$ROSTER" solve --help >/dev/null 2>&1 || exit 0   # solve not built yet

example=inputs/derby
[ -d "$example" ] || { echo "outputs.sh: no bundled example at $example"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
out="$tmp/out"

if ! "$ROSTER" solve "$example"/*.yaml -o "$out" --time-limit 10 >"$tmp/solve.log" 2>&1; then
    echo "outputs.sh: solve failed:"; cat "$tmp/solve.log"; exit 1
fi
[ -f "$out/report.html" ] || { echo "outputs.sh: no report.html written"; exit 1; }

# Debian's python3-icalendar lives with Debian's interpreter.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
"$py" -c 'import icalendar' 2>/dev/null || { echo "outputs.sh: python3-icalendar missing (make deps)"; exit 1; }

"$py" - "$out" <<'PY' || exit 1
import glob, os, re, sys
import icalendar

out = sys.argv[1]
files = sorted(glob.glob(os.path.join(out, "advocates", "*.ics")) + glob.glob(os.path.join(out, "teachers", "*.ics")))
if not files:
    sys.exit("outputs.sh: no calendars written")
visit_events = 0
for path in files:
    raw = open(path, "rb").read()
    if b"\n" in raw.replace(b"\r\n", b""):
        sys.exit(f"{path}: line ending other than CRLF")
    for line in raw.split(b"\r\n"):
        if len(line) > 75:
            sys.exit(f"{path}: unfolded line of {len(line)} octets")
    cal = icalendar.Calendar.from_ical(raw)
    uids = set()
    for ev in cal.walk("VEVENT"):
        for prop in ("DTSTART", "DTEND"):
            if ev[prop].params.get("TZID") != "Europe/London":
                sys.exit(f"{path}: {prop} without TZID=Europe/London")
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        if start.utcoffset() is None or not end > start:
            sys.exit(f"{path}: event {ev['UID']} has bad times")
        if ev["UID"] in uids:
            sys.exit(f"{path}: duplicate UID {ev['UID']}")
        uids.add(ev["UID"])
        if "advocates" in path and str(ev.get("CATEGORIES").to_ical(), "ascii") == "Visit":
            visit_events += 1
# every visit in roster.yaml is in exactly one advocate's calendar
text = open(os.path.join(out, "roster.yaml"), encoding="utf-8").read()
section = re.search(r"^visits:\n((?:[ -].*\n)*)", text, re.M)
listed = len(re.findall(r"^  - ", section.group(1), re.M)) if section else 0
if listed and listed != visit_events:
    sys.exit(f"outputs.sh: roster.yaml lists {listed} visits, calendars hold {visit_events}")
print(f"outputs.sh: {len(files)} calendars parse, {visit_events} visit events")
PY

# The sanitizer pass (E2E_LIGHT=1) has already proven the pages render with
# the plain build; the browser adds nothing but minutes there.
[ "${E2E_LIGHT:-0}" = 1 ] && exit 0
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "outputs.sh: chromium missing (make deps)"; exit 1; }
render() { # render MODE FILE OUTPUT
    profile=$(mktemp -d "$tmp/profile.XXXXXX")
    timeout 90 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --window-size=1280,1800 "$1" "file://$2" >"$3" 2>"$tmp/browser.log"
}
pages=0
for page in "$out"/report.html "$out"/schools/*.html "$out"/university/*.html; do
    [ -f "$page" ] || continue
    render --dump-dom "$page" "$tmp/dom.html"
    if ! grep -q '<h1' "$tmp/dom.html" || ! grep -q '<table' "$tmp/dom.html"; then
        echo "outputs.sh: $page did not render in Chromium"; cat "$tmp/browser.log"; exit 1
    fi
    pages=$((pages + 1))
done
echo "outputs.sh: $pages pages render in Chromium"

# One screenshot of each kind of page, kept when asked for (docs/screenshots).
[ -n "${SCREENSHOTS_DIR:-}" ] || exit 0
for kind in report schools university; do
    if [ "$kind" = report ]; then page="$out/report.html"; else page=$(ls "$out/$kind"/*.html 2>/dev/null | head -n 1); fi
    [ -n "$page" ] || continue
    shot="$tmp/$kind.png"
    render "--screenshot=$shot" "$page" /dev/null
    [ -s "$shot" ] || { echo "outputs.sh: no screenshot of $page"; cat "$tmp/browser.log"; exit 1; }
    mkdir -p "$SCREENSHOTS_DIR" && cp "$shot" "$SCREENSHOTS_DIR/$kind.png"
done
exit 0
