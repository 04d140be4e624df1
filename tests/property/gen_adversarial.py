#!/usr/bin/env python3
"""gen_adversarial.py: small roster inputs built to tempt a solver into
breaking the safeguarding and matching rules.

    tests/property/gen_adversarial.py --count 100 --seed 1 -o DIR

writes DIR/case-0000.yaml ... each a complete programme (2 to 4 weeks, one
or two schools, a handful of pupils and advocates, sometimes a community
session). Every case plants traps around the rules that protect pupils:

  - the advocate who matches best (needs x experience, preferred, previous)
    has a DBS check that expires in week 2, is cleared only in week 3, or
    has none at all;
  - the only advocate free in a pupil's window is in the pupil's `avoid`;
  - the advocates who meet `requires` (language, gender, experience level)
    are the ones with lapsed checks or on leave; the others are tempting;
  - leave covers the pupil's only possible day; the school closes that day;
  - an advocate limited to other schools, max_pupils 1, tiny weekly minutes;
  - a student released only on a day the school is shut or blocked;
  - a session whose only skilled teacher's DBS lapses mid-term, and a
    teacher who is also an advocate (one person, engagements overlap).

Only random.Random(seed + index) decides, so a case can be regenerated from
its number. Standard library only. The property under test
(tests/e2e/property.sh) is that `roster verify` accepts every roster
`roster solve` writes for these inputs.
"""
import argparse
import datetime
import os
import random
import sys

DAYS = ["mon", "tue", "wed", "thu", "fri"]
LANGS = ["urdu", "polish", "somali", "arabic"]
NEEDS = ["literacy", "numeracy", "sen", "family"]
START = datetime.date(2026, 9, 7)  # a Monday


def d(days):
    return (START + datetime.timedelta(days=days)).isoformat()


def t(minutes):
    return f'"{minutes // 60:02d}:{minutes % 60:02d}"'


class Case:
    def __init__(self, rng, weeks):
        self.rng = rng
        self.weeks = weeks
        self.last = 7 * weeks - 1  # last day offset of the period
        self.lines = []

    def dbs(self, trap):
        """A DBS line (or None) for the chosen trap."""
        r = self.rng
        if trap == "missing":
            return None
        if trap == "expires-week2":
            return f"{{cleared: 2025-01-01, expires: {d(7 + r.randrange(5))}}}"
        if trap == "cleared-late":
            return f"{{cleared: {d(14 + r.randrange(5))}, expires: 2029-01-01}}"
        if trap == "expired":
            return "{cleared: 2020-01-01, expires: 2026-09-01}"
        return "{cleared: 2025-01-01, expires: 2029-01-01}"


def window(day, start, end):
    return f"{{days: [{day}], start: {t(start)}, end: {t(end)}}}"


def make_case(rng, index):
    weeks = rng.randint(2, 4)
    c = Case(rng, weeks)
    out = []
    out.append(f"# adversarial case {index}")
    out.append("programme:")
    out.append(f"  name: Adversarial {index}")
    out.append(f"  period: {{from: {d(0)}, to: {d(c.last)}}}")
    out.append("  slot_minutes: 15")
    if rng.random() < 0.5:
        out.append(f"  weights: {{moved: {rng.choice([0, 10, 40])}, school_day: {rng.choice([0, 5, 300])}}}")

    # Calendars: term time with a closure that may hit the pupil's only day.
    key_day = rng.randrange(5)  # the weekday the traps concentrate on
    closed = [f"{{date: {d(7 * w + key_day)}, reason: INSET}}" for w in range(weeks) if rng.random() < 0.3]
    out.append("calendars:")
    out.append("  - id: term")
    out.append(f"    open: [{{from: 2026-09-01, to: 2026-12-18}}]")
    if closed:
        out.append(f"    closed: [{', '.join(closed)}]")
    uni_closed = rng.random() < 0.5
    out.append("  - id: uni")
    out.append(f"    open: [{{from: 2026-09-01, to: 2026-12-18}}]")
    if uni_closed:
        out.append(f"    closed: [{{from: {d(7)}, to: {d(13)}, reason: reading week}}]")

    n_schools = rng.randint(1, 2)
    schools = [f"S{k}" for k in range(n_schools)]
    out.append("schools:")
    for s in schools:
        out.append(f"  - id: {s}")
        out.append(f"    phase: {rng.choice(['primary', 'secondary', 'special'])}")
        out.append("    calendar: term")
        out.append("    windows:")
        out.append("      core: {days: mon-fri, start: \"09:00\", end: \"15:00\"}")
        out.append(f"      late: {{days: [{DAYS[key_day]}], start: \"15:00\", end: \"17:00\"}}")
        if rng.random() < 0.4:
            nd = DAYS[(key_day + 1) % 5]
            out.append(f"    no_visits: [{{days: [{nd}], start: \"09:00\", end: \"12:00\", reason: assembly}}]")
        if rng.random() < 0.3:
            out.append(f"    closed: [{{date: {d(rng.randrange(c.last + 1))}, reason: INSET}}]")
        out.append(f"    rooms: {rng.choice([1, 1, 2])}")
    out.append("travel:")
    out.append(f"  default_minutes: {rng.choice([0, 30, 90])}")

    # Advocates: each gets a DBS trap; the attractive ones get the worst.
    n_adv = rng.randint(3, 5)
    advs = []
    traps = ["ok", "expires-week2", "cleared-late", "missing", "expired"]
    for k in range(n_adv):
        a = {
            "id": f"A{k}",
            "kind": rng.choice(["staff", "volunteer", "community", "student"]),
            "exp": {n: rng.randint(0, 5) for n in rng.sample(NEEDS, rng.randint(1, 3))},
            "langs": rng.sample(LANGS, rng.randint(0, 2)),
            "gender": rng.choice(["female", "male", "nonbinary"]),
            # A0, the star, always lapses; the others often hold a valid check
            "dbs": rng.choice(traps[1:]) if k == 0 else ("ok" if rng.random() < 0.5 else rng.choice(traps)),
            "day": key_day if rng.random() < 0.7 else rng.randrange(5),
        }
        if k == 0:  # the star: highest experience in everything, every language
            a["exp"] = {n: 5 for n in NEEDS}
            a["langs"] = list(LANGS)
        advs.append(a)
    # A student is released on the key day only, sometimes blocked.
    has_student = any(a["kind"] == "student" for a in advs)

    out.append("advocates:")
    for a in advs:
        out.append(f"  - id: {a['id']}")
        out.append(f"    kind: {a['kind']}")
        if a["kind"] == "student":
            out.append("    course: c1")
        out.append("    experience: {" + ", ".join(f"{n}: {v}" for n, v in a["exp"].items()) + "}")
        out.append("    languages: [" + ", ".join(["english"] + a["langs"]) + "]")
        out.append(f"    gender: {a['gender']}")
        start = rng.choice([9 * 60, 10 * 60, 13 * 60])
        days = sorted({a["day"]} | set(rng.sample(range(5), rng.randint(0, 2))))
        out.append("    available: [" + ", ".join(window(DAYS[x], start, start + rng.choice([60, 120, 240, 300]))
                                        for x in days) + "]")
        if rng.random() < 0.4:
            w = rng.randrange(weeks)
            out.append(f"    leave: [{{from: {d(7 * w)}, to: {d(7 * w + 4)}}}]")
        elif rng.random() < 0.3:  # leave on exactly the key day of one week
            out.append(f"    leave: [{{date: {d(7 * rng.randrange(weeks) + key_day)}}}]")
        db = c.dbs(a["dbs"])
        if db:
            out.append(f"    dbs: {db}")
        if rng.random() < 0.3:
            out.append(f"    max_pupils: {rng.choice([0, 1, 2])}")
        if rng.random() < 0.3:
            out.append(f"    max_minutes_per_week: {rng.choice([0, 30, 60, 90])}")
        if n_schools > 1 and rng.random() < 0.3:
            out.append(f"    schools: [{rng.choice(schools)}]")

    if has_student:
        out.append("university:")
        out.append("  name: Test University")
        out.append("  place: uni-campus")
        out.append("  courses:")
        out.append("    - id: c1")
        out.append("      calendar: uni")
        out.append(f"      release: [{window(DAYS[key_day], 8 * 60, 17 * 60)}]")
        out.append(f"      max_minutes_per_week: {rng.choice([60, 120, 360])}")
        if rng.random() < 0.5:
            w = rng.randrange(weeks)
            out.append(f"      blocks: [{{from: {d(7 * w)}, to: {d(7 * w + 6)}, reason: placement}}]")

    # Pupils: their windows squeeze onto the key day; avoid the one who is free.
    n_pup = rng.randint(3, 6)
    out.append("pupils:")
    for k in range(n_pup):
        free_there = [a for a in advs if a["day"] == key_day]
        star = advs[0]
        out.append(f"  - id: P{k}")
        out.append(f"    school: {rng.choice(schools)}")
        out.append(f"    windows: [{rng.choice(['core', 'late', 'core, late'])}]")
        out.append("    needs: {" + ", ".join(f"{n}: {rng.randint(1, 5)}" for n in rng.sample(NEEDS, 2)) + "}")
        req = []
        r = rng.random()
        if r < 0.3:  # a language only the star (lapsing) and maybe one other speak
            req.append(f"languages: [{rng.choice(LANGS)}]")
        if rng.random() < 0.3:
            req.append(f"gender: {star['gender'] if rng.random() < 0.7 else rng.choice(['female', 'male'])}")
        if rng.random() < 0.3:
            n = rng.choice(NEEDS)
            req.append(f"experience: {{{n}: {rng.choice([3, 4, 5])}}}")
        if req:
            out.append("    requires: {" + ", ".join(req) + "}")
        out.append(f"    visits: {{per_week: {rng.choice([1, 1, 2])}, minutes: {rng.choice([30, 45, 60])}}}")
        out.append(f"    priority: {rng.randint(1, 5)}")
        # avoid: the only advocate free on the key day, else a random one
        avoid = [free_there[0]["id"]] if len(free_there) == 1 else rng.sample([a["id"] for a in advs], 1)
        if rng.random() < 0.7:
            out.append(f"    avoid: [{avoid[0]}]")
        pref = [a["id"] for a in rng.sample(advs, min(len(advs), 3)) if a["id"] not in avoid]
        if pref and rng.random() < 0.6:
            out.append(f"    prefers: [{', '.join(pref)}]")
        if rng.random() < 0.5:
            out.append(f"    previous_advocate: {star['id'] if rng.random() < 0.7 else avoid[0]}")
        if rng.random() < 0.4:  # unavailable on every day but the key day
            other = [DAYS[i] for i in range(5) if i != key_day]
            out.append(f"    unavailable: [{{days: [{', '.join(other)}], start: \"08:00\", end: \"18:00\"}}]")

    # Sometimes a session whose skilled teacher lapses; the teacher may be
    # an advocate too (one person: visits and sessions must not overlap).
    if rng.random() < 0.5:
        shared = rng.random() < 0.5
        tid = advs[rng.randrange(n_adv)]["id"] if shared else "T0"
        out.append("community_teachers:")
        out.append(f"  - id: {tid}")
        out.append(f"    skills: {{maths: {rng.randint(1, 4)}}}")
        out.append(f"    available: [{window(DAYS[key_day], 8 * 60, 17 * 60)}]")
        db = c.dbs(rng.choice(traps))
        if db:
            out.append(f"    dbs: {db}")
        if rng.random() < 0.3:
            out.append(f"    leave: [{{date: {d(7 * rng.randrange(weeks) + key_day)}}}]")
        out.append("sessions:")
        out.append("  - id: SES0")
        out.append(f"    school: {rng.choice(schools)}")
        out.append("    subject: maths")
        out.append(f"    min_level: {rng.randint(1, 4)}")
        out.append(f"    minutes: {rng.choice([60, 90])}")
        out.append(f"    when: [{window(DAYS[key_day], 9 * 60, 17 * 60)}]")
        out.append("    per_week: 1")
        out.append(f"    priority: {rng.randint(1, 5)}")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--first", type=int, default=0, help="index of the first case")
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    os.makedirs(a.output, exist_ok=True)
    for i in range(a.first, a.first + a.count):
        rng = random.Random(a.seed * 1_000_003 + i)
        with open(os.path.join(a.output, f"case-{i:04d}.yaml"), "w", encoding="utf-8") as f:
            f.write(make_case(rng, i))
    return 0


if __name__ == "__main__":
    sys.exit(main())
