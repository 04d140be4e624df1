#!/usr/bin/env python3
"""plot.py: draw time to final roster against instance size as an SVG, by hand
(standard library only): log-scale axes, one line per solver, a legend.

    python3 bench/plot.py bench/results.csv bench/time-vs-size.svg [TIME_LIMIT]

Filled marker: proven optimal. Hollow: a solution, not proven optimal.
Cross: no solution (timed out, out of memory, unreadable...), drawn at the
time the run ended. The dashed line is the time limit.
"""
import csv
import math
import sys
from xml.sax.saxutils import escape

COLOURS = ["#1b6ca8", "#d1495b", "#2a9d4b", "#e08e0b", "#7b4fa0", "#444444"]
W, H = 760, 480
LEFT, RIGHT, TOP, BOTTOM = 80, 220, 40, 70


def _f(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _decades(lo, hi):
    a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    if a == b:
        b += 1
    return a, b


def write_svg(path, rows, time_limit=None):
    """rows: dicts with size, pupils, solver, status, time_s, objective."""
    pts = []
    for r in rows:
        x, y = _f(r.get("pupils")), _f(r.get("time_s"))
        if x and y is not None:
            pts.append((r["solver"], x, max(y, 0.01), r.get("status", ""), _f(r.get("objective"))))
    solvers = []
    for p in pts:
        if p[0] not in solvers:
            solvers.append(p[0])
    xs = [p[1] for p in pts] or [10, 1000]
    ys = [p[2] for p in pts] + ([time_limit] if time_limit else []) or [0.1, 100]
    xa, xb = _decades(min(xs), max(xs))
    ya, yb = _decades(min(ys), max(ys))
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def sx(x):
        return LEFT + (math.log10(x) - xa) / (xb - xa) * pw

    def sy(y):
        return TOP + ph - (math.log10(y) - ya) / (yb - ya) * ph

    o = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
         'font-family="sans-serif" font-size="12">' % (W, H, W, H),
         '<rect width="100%" height="100%" fill="white"/>',
         '<text x="%d" y="22" font-size="15" font-weight="bold">Time to final roster against instance size</text>'
         % LEFT]
    for e in range(xa, xb + 1):            # x grid: decades labelled, 2 and 5 faint
        for m in (1, 2, 5):
            v = m * 10 ** e
            if e == xb and m > 1:
                continue
            X = sx(v)
            o.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"/>' % (
                X, TOP, X, TOP + ph, "#cccccc" if m == 1 else "#eeeeee"))
            if m == 1 or xb - xa <= 2:
                o.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (X, TOP + ph + 18, "%g" % v))
    for e in range(ya, yb + 1):
        for m in (1, 2, 5):
            v = m * 10 ** e
            if e == yb and m > 1:
                continue
            Y = sy(v)
            o.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s"/>' % (
                LEFT, Y, LEFT + pw, Y, "#cccccc" if m == 1 else "#eeeeee"))
            if m == 1 or yb - ya <= 2:
                o.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (LEFT - 6, Y + 4, "%g" % v))
    o.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="black"/>' % (LEFT, TOP, pw, ph))
    o.append('<text x="%.1f" y="%d" text-anchor="middle">pupils in the instance (log scale)</text>' % (
        LEFT + pw / 2, H - 25))
    o.append('<text transform="translate(22,%.1f) rotate(-90)" text-anchor="middle">'
             'wall seconds to final (log scale)</text>' % (TOP + ph / 2))
    if time_limit:
        Y = sy(time_limit)
        o.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#888888" stroke-dasharray="6,4"/>' % (
            LEFT, Y, LEFT + pw, Y))
        o.append('<text x="%d" y="%.1f" fill="#666666">time limit %g s</text>' % (LEFT + 4, Y - 4, time_limit))
    for i, s in enumerate(solvers):
        c = COLOURS[i % len(COLOURS)]
        mine = sorted((p for p in pts if p[0] == s), key=lambda p: p[1])
        if len(mine) > 1:
            o.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (
                c, " ".join("%.1f,%.1f" % (sx(p[1]), sy(p[2])) for p in mine)))
        for p in mine:
            X, Y = sx(p[1]), sy(p[2])
            o.append(_marker(X, Y, c, p[3], p[4]) + "<title>%s</title>" % escape("%s, %g pupils: %s, %.2f s" % (
                s, p[1], p[3], p[2])))
        ly = TOP + 10 + 22 * i
        lx = LEFT + pw + 16
        o.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>' % (lx, ly, lx + 24, ly, c))
        o.append('<text x="%d" y="%d">%s</text>' % (lx + 30, ly + 4, escape(s)))
    ly = TOP + 10 + 22 * len(solvers) + 12
    lx = LEFT + pw + 16
    for j, (label, st, obj) in enumerate((("proven optimal", "optimal", 1.0), ("solution, not proven", "feasible", 1.0),
                                         ("no solution", "no solution", None))):
        o.append(_marker(lx + 12, ly + 22 * j, "#444444", st, obj))
        o.append('<text x="%d" y="%d">%s</text>' % (lx + 30, ly + 22 * j + 4, label))
    o.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(o) + "\n")


def _marker(x, y, c, status, objective):
    if objective is None:
        return ('<path d="M%.1f %.1fl10 10m0 -10l-10 10" stroke="%s" stroke-width="2.5" fill="none"/>'
                % (x - 5, y - 5, c))
    fill = c if status == "optimal" else "white"
    return '<circle cx="%.1f" cy="%.1f" r="5" fill="%s" stroke="%s" stroke-width="2"/>' % (x, y, fill, c)


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write(__doc__)
        return 2
    with open(argv[0], newline="") as f:
        rows = list(csv.DictReader(f))
    write_svg(argv[1], rows, float(argv[2]) if len(argv) == 3 else None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
