#!/usr/bin/env python3
"""gen.py: write a deterministic, realistic roster input of a chosen size.

    bench/gen.py --size county --seed 1 -o /tmp/county
    bench/gen.py --pupils 500 --advocates 50 --schools 10 --weeks 12 --seed 3 -o DIR

Schools sit in localities (clusters); travel is short inside a locality and
longer to the nearest others. Primary and secondary calendars carry half
term, each school adds INSET days, some schools run early or late windows,
students are released by their course (with calendar, caps and placement
blocks), DBS checks clear or lapse mid-term, and pupils carry the usual
requires / avoid / prefers / unavailable / moves. Output is split across
the files a real programme keeps (programme, calendars, schools, pupils,
advocates, university, community). Same arguments => byte-identical files:
only random.Random(seed) decides, and nothing iterates an unordered set.
Standard library only.
"""
import argparse
import datetime
import math
import os
import random
import sys

SIZES = {
    "field-trial": (60, 15, 2),
    "area": (400, 40, 12),
    "city": (2000, 150, 60),
    "county": (10000, 700, 300),
}
TERM_START = datetime.date(2026, 9, 7)  # a Monday
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
NEEDS = ["literacy", "numeracy", "confidence", "attendance", "family", "aspiration", "sen", "wellbeing"]
LANGUAGES = ["urdu", "punjabi", "polish", "romanian", "somali", "arabic", "bengali", "gujarati", "slovak", "tigrinya"]
SUBJECTS = ["maths", "english", "science", "homework", "art", "gardening", "cooking", "music", "coding", "breakfast"]
PREFIX = ["Ash", "Oak", "Mill", "Brook", "Elm", "Wood", "Stan", "Chad", "Alder", "Nor", "Sin", "Spon",
          "Little", "Mickle", "Hazel", "Dar", "Al", "Bel", "Kirk", "Wil", "Ched", "Ock", "Ris", "Bur"]
SUFFIX = ["field", "ton", "bury", "ley", "over", "wick", "by", "thorpe", "dale", "ford", "well", "hurst",
          "more", "stone"]
STREETS = ["Church", "Park", "Mill", "Station", "Green", "Hill", "Brook", "Queen's", "King's", "Meadow",
           "Grange", "Moor", "Orchard", "Bridge", "Forest", "Abbey"]
# Holidays that may intersect a generated period (all school calendars).
HOLIDAYS = [
    ("2026-10-26", "2026-10-30", "October half term"),
    ("2026-12-21", "2027-01-01", "Christmas"),
    ("2027-02-15", "2027-02-19", "February half term"),
    ("2027-03-29", "2027-04-09", "Easter"),
    ("2027-05-31", "2027-06-04", "May half term"),
]
COURSES = [
    # id, name, release days, start, end, cap minutes, phase restriction, block?
    ("youth-community-2", "BA Youth and Community Work, year 2", ["wed", "thu"], "08:00", "17:00", 360, None, False),
    ("social-work-2", "BA Social Work, year 2", ["mon", "tue"], "08:30", "16:00", 240, None, True),
    ("pgce-primary", "PGCE Primary with QTS", ["fri"], "08:30", "15:30", 180, "primary", False),
    ("pgce-secondary", "PGCE Secondary with QTS", ["thu", "fri"], "08:30", "15:30", 240, "secondary", True),
    ("education-studies-1", "BA Education Studies, year 1", ["tue", "wed"], "09:00", "15:00", 180, None, False),
    ("psychology-3", "BSc Psychology, year 3", ["mon", "fri"], "09:00", "16:00", 120, None, False),
]


def d(date):
    return date.isoformat()


def t(minutes):
    return '"%02d:%02d"' % (minutes // 60, minutes % 60)


def hm(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def days_list(days):
    return "[" + ", ".join(days) + "]"


def window(days, start, end, reason=None):
    s = "{days: %s, start: %s, end: %s" % (days if isinstance(days, str) else days_list(days), t(start), t(end))
    if reason:
        s += ", reason: %s" % reason
    return s + "}"


def levels(m):
    return "{" + ", ".join("%s: %d" % kv for kv in m) + "}"


class Gen:
    def __init__(self, n_pupils, n_advocates, n_schools, weeks, seed):
        self.r = random.Random(seed)
        self.np, self.na, self.ns, self.weeks, self.seed = n_pupils, n_advocates, n_schools, weeks, seed
        self.start = TERM_START
        self.end = TERM_START + datetime.timedelta(days=7 * weeks - 3)  # the last Friday
        self.period_days = [self.start + datetime.timedelta(days=i) for i in range((self.end - self.start).days + 1)]
        self.weekdays = [x for x in self.period_days if x.weekday() < 5]
        self.near_cache = {}

    # ---------------------------------------------------------------- helpers
    def weekday_in_period(self):
        return self.r.choice(self.weekdays)

    def holidays(self):
        out = []
        for a, b, why in HOLIDAYS:
            fa, fb = datetime.date.fromisoformat(a), datetime.date.fromisoformat(b)
            if fa <= self.end and fb >= self.start:
                out.append((fa, fb, why))
        return out

    def open_weekday(self, avoid=()):
        """A weekday in the period outside holidays (for INSET days, leave)."""
        hol = self.holidays()
        for _ in range(100):
            x = self.weekday_in_period()
            if all(not (a <= x <= b) for a, b, _w in hol) and x not in avoid:
                return x
        return self.weekdays[0]

    def ids(self, prefix, n):
        w = max(3, len(str(n)))
        return ["%s%0*d" % (prefix, w, i + 1) for i in range(n)]

    # ---------------------------------------------------------------- places
    def build_localities(self):
        r = self.r
        n_loc = max(1, (self.ns + 5) // 6)
        names, seen = [], set()
        while len(names) < n_loc:
            nm = r.choice(PREFIX) + r.choice(SUFFIX)
            if nm not in seen:
                seen.add(nm)
                names.append(nm)
            if len(seen) >= len(PREFIX) * len(SUFFIX):
                names.append("%s%d" % (nm, len(names)))
        side = 8.0 * math.sqrt(n_loc)  # km: a county is wider than a town
        self.localities = [(nm, r.uniform(0, side), r.uniform(0, side)) for nm in names]

        self.schools = []  # dicts
        used = set()
        for i in range(self.ns):
            li = i % n_loc
            loc = self.localities[li][0]
            # Each locality has a secondary; the rest are mostly primaries.
            if self.ns == 2:
                phase = ["primary", "secondary"][i]
            elif i < n_loc:
                phase = "secondary"
            else:
                phase = r.choices(["primary", "secondary", "special", "all-through"], [80, 12, 5, 3])[0]
            label = {"primary": "Primary School", "secondary": "Academy", "special": "Special School",
                     "all-through": "All-through School"}[phase]
            base = loc if phase == "secondary" and i < n_loc else "%s %s" % (loc, r.choice(STREETS))
            name = "%s %s" % (base, label)
            sid = name.lower().replace("'", "").replace(" school", "").replace(" ", "-")
            k = 2
            while sid in used:
                sid = "%s-%d" % (name.lower().replace("'", "").replace(" ", "-"), k)
                k += 1
            used.add(sid)
            self.schools.append({"id": sid, "name": name, "phase": phase, "loc": li})
        self.by_loc = [[s for s in self.schools if s["loc"] == li] for li in range(n_loc)]
        n_lib = max(1, n_loc // 3)
        self.libraries = []
        for k in range(n_lib):
            li = (k * 3) % n_loc
            self.libraries.append({"id": "library-%s" % self.localities[li][0].lower(),
                                   "name": "%s Library" % self.localities[li][0], "loc": li})
        self.uni_xy = (self.localities[0][1] + 2.0, self.localities[0][2] + 2.0)

    def minutes_between(self, la, lb):
        (_, xa, ya), (_, xb, yb) = self.localities[la], self.localities[lb]
        km = math.hypot(xa - xb, ya - yb)
        return int(round((12 + 2.2 * km) / 5.0)) * 5

    def nearest_localities(self, li, k):
        if li not in self.near_cache:
            order = sorted(range(len(self.localities)), key=lambda lj: (self.minutes_between(li, lj), lj))
            self.near_cache[li] = [lj for lj in order if lj != li][:4]
        return self.near_cache[li][:k]

    def travel(self):
        r = self.r
        pairs = []
        for li, group in enumerate(self.by_loc):
            for a in range(len(group)):
                for b in range(a + 1, len(group)):
                    pairs.append((group[a]["id"], group[b]["id"], r.choice([5, 10, 10, 15])))
            for lj in self.nearest_localities(li, 2):
                if lj < li and li in self.nearest_localities(lj, 2):
                    continue  # already listed from the other side
                m = self.minutes_between(li, lj)
                for sa in group:
                    for sb in self.by_loc[lj]:
                        pairs.append((sa["id"], sb["id"], m + r.choice([0, 5])))
        for s in self.schools:
            _, x, y = self.localities[s["loc"]]
            km = math.hypot(x - self.uni_xy[0], y - self.uni_xy[1])
            if km < 25:
                pairs.append(("university", s["id"], int(round((15 + 2.0 * km) / 5.0)) * 5))
        for lib in self.libraries:
            for s in self.by_loc[lib["loc"]]:
                pairs.append((lib["id"], s["id"], r.choice([5, 10, 15])))
        return pairs

    # ---------------------------------------------------------------- writers
    def programme_yaml(self):
        out = [self.header("programme, places and travel"),
               "programme:",
               "  name: Generated programme (%d pupils, %d advocates, %d schools, seed %d)"
               % (self.np, self.na, self.ns, self.seed),
               "  period: {from: %s, to: %s}" % (d(self.start), d(self.end)),
               "  slot_minutes: 15",
               "",
               "places:"]
        for lib in self.libraries:
            out.append('  - {id: %s, name: "%s"}' % (lib["id"], lib["name"]))
        out += ["", "travel:", "  default_minutes: 45", "  minutes:"]
        for a, b, m in self.travel():
            out.append("    - [%s, %s, %d]" % (a, b, m))
        return out

    def calendars_yaml(self):
        out = [self.header("calendars: the local authority's term dates and the university's"), "calendars:"]
        hol = self.holidays()
        trust_inset = self.open_weekday()
        term_end = d(max(self.end, datetime.date(2026, 12, 18)))
        for cid, extra in (("la-primary", []), ("la-secondary", [(trust_inset, "trust INSET")])):
            closed = ["{from: %s, to: %s, reason: %s}" % (d(a), d(b), w) for a, b, w in hol]
            closed += ["{date: %s, reason: %s}" % (d(a), w) for a, w in extra]
            out.append("  - id: %s" % cid)
            out.append("    open: [{from: 2026-09-03, to: %s, reason: term}]" % term_end)
            if closed:
                out.append("    closed: [%s]" % ", ".join(closed))
        rw = self.start + datetime.timedelta(weeks=min(8, self.weeks - 1))
        out += ["  - id: uod",
                "    open: [{from: 2026-09-21, to: %s, reason: teaching}]"
                % d(max(self.end, datetime.date(2026, 12, 11))),
                "    closed: [{from: %s, to: %s, reason: reading week}]"
                % (d(rw), d(rw + datetime.timedelta(days=4)))]
        return out

    def build_schools(self):
        r = self.r
        for s in self.schools:
            sec = s["phase"] in ("secondary", "all-through")
            s["calendar"] = "la-secondary" if sec else "la-primary"
            s["core"] = (hm("08:30"), hm("15:00")) if sec else (hm("08:45"), hm("15:15"))
            s["windows"] = ["core"]
            s["early"] = s["late"] = None
            if sec and r.random() < 0.3:
                s["early"] = (hm("07:30"), r.choice([hm("08:30"), hm("13:00")]))
                s["windows"].append("early")
            if r.random() < (0.4 if sec else 0.15):
                s["late"] = ("mon-thu", s["core"][1], s["core"][1] + r.choice([120, 150, 180]))
                s["windows"].append("late")
            insets = sorted({self.open_weekday() for _ in range(r.randint(0, 2))})
            s["closed"] = insets
            s["no_visits"] = []
            if r.random() < 0.25:
                s["no_visits"].append(("mon", s["core"][0], s["core"][0] + 45, "assembly"))
            if sec and r.random() < 0.1:
                s["no_visits"].append(("fri", hm("12:00"), s["core"][1], "flexible Friday"))
            s["rooms"] = r.randint(2, 4) if sec else r.randint(1, 2)

    def schools_yaml(self):
        out = [self.header("schools: one entry per school, as the timetablers gave them"), "schools:"]
        for s in self.schools:
            out.append("  - id: %s" % s["id"])
            out.append('    name: "%s"' % s["name"])
            out.append("    phase: %s" % s["phase"])
            out.append("    calendar: %s" % s["calendar"])
            if s["closed"]:
                out.append("    closed: [%s]" % ", ".join("{date: %s, reason: INSET}" % d(x) for x in s["closed"]))
            out.append("    windows:")
            out.append("      core: %s" % window("mon-fri", *s["core"]))
            if s["early"]:
                out.append("      early: %s" % window("mon-fri", *s["early"]))
            if s["late"]:
                out.append("      late: %s" % window(*s["late"]))
            if s["no_visits"]:
                out.append("    no_visits: [%s]" % ", ".join(window(*nv) for nv in s["no_visits"]))
            out.append("    rooms: %d" % s["rooms"])
        return out

    # ---------------------------------------------------------------- people
    def build_advocates(self):
        r = self.r
        n_courses = min(len(COURSES), max(2, self.na // 25 + 2))
        self.courses = COURSES[:n_courses]
        ratio = max(1.0, self.np / max(1, self.na))
        ids = self.ids("A", self.na)
        self.advocates = []
        for i, aid in enumerate(ids):
            kind = r.choices(["staff", "student", "community", "volunteer"], [35, 40, 15, 10])[0]
            if self.na >= 4 and i < 4:
                kind = ["staff", "student", "community", "volunteer"][i]
            a = {"id": aid, "kind": kind}
            a["experience"] = [(n, r.randint(1, 4)) for n in sorted(r.sample(NEEDS, r.randint(1, 3)))]
            a["languages"] = ["english"] + (sorted(r.sample(LANGUAGES, r.randint(1, 2))) if r.random() < 0.25 else [])
            a["gender"] = r.choices(["female", "male", "non-binary"], [68, 30, 2])[0]
            home = r.randrange(len(self.localities))
            a["home"] = home
            cap = {"staff": 1.6, "student": 0.6, "community": 1.0, "volunteer": 0.5}[kind]
            a["max_pupils"] = max(2, int(round(ratio * cap)))
            if kind == "student":
                c = r.randrange(len(self.courses))
                a["course"] = self.courses[c][0]
                days = list(self.courses[c][2])
                if len(days) > 1 and r.random() < 0.3:
                    days = [r.choice(days)]
                a["available"] = [window(days_list(days), hm("09:00"), hm(r.choice(["15:00", "15:30", "16:00"])))]
                a["base"] = "university"
                phase = self.courses[c][6]
                if phase:
                    a["schools"] = [s["id"] for s in self.schools if s["phase"] == phase
                                    and s["loc"] in [home] + self.nearest_localities(home, 3)]
                    if not a["schools"]:
                        a["schools"] = [s["id"] for s in self.schools if s["phase"] == phase][:5]
                        if not a["schools"]:
                            del a["schools"]
            else:
                n_days = {"staff": r.randint(3, 5), "community": r.randint(2, 4), "volunteer": r.randint(1, 2)}[kind]
                days = sorted(r.sample(range(5), n_days))
                start = hm("07:30") if kind == "community" and r.random() < 0.4 else hm("08:30")
                end = r.choice([hm("13:00"), hm("15:30"), hm("17:30")])
                a["available"] = [window(days_list([DAYS[x] for x in days]), start, end)]
                if kind == "staff" and self.ns > 2:
                    near = [home] + self.nearest_localities(home, 1)
                    a["schools"] = [s["id"] for s in self.schools if s["loc"] in near]
                if kind == "staff" or r.random() < 0.5:
                    mins = 45 if r.random() < 0.5 else 60
                    a["max_minutes_per_week"] = a["max_pupils"] * mins + 60
            a["leave"] = []
            if r.random() < 0.15:
                x = self.open_weekday()
                a["leave"].append("{from: %s, to: %s, reason: leave}" % (d(x), d(x + datetime.timedelta(days=r.randint(0, 4)))))
            u = r.random()
            if u < 0.01:
                a["dbs"] = None  # check not back yet: cannot visit at all
            elif u < 0.06 or kind == "student" and u < 0.3:
                cl = self.weekday_in_period() if u < 0.06 else self.start - datetime.timedelta(days=r.randint(1, 14))
                a["dbs"] = (cl, cl + datetime.timedelta(days=3 * 365))
            elif u < 0.09:
                ex = self.weekday_in_period()
                a["dbs"] = (ex - datetime.timedelta(days=3 * 365), ex)
            else:
                cl = self.start - datetime.timedelta(days=r.randint(30, 900))
                a["dbs"] = (cl, cl + datetime.timedelta(days=3 * 365))
            self.advocates.append(a)
        self.spoken = sorted({l for a in self.advocates for l in a["languages"] if l != "english"})

    def advocates_yaml(self):
        out = [self.header("advocates: staff, students, community workers and volunteers"), "advocates:"]
        for a in self.advocates:
            out.append("  - id: %s" % a["id"])
            out.append("    kind: %s" % a["kind"])
            out.append("    experience: %s" % levels(a["experience"]))
            out.append("    languages: %s" % days_list(a["languages"]))
            out.append("    gender: %s" % a["gender"])
            out.append("    max_pupils: %d" % a["max_pupils"])
            if "max_minutes_per_week" in a:
                out.append("    max_minutes_per_week: %d" % a["max_minutes_per_week"])
            out.append("    available: [%s]" % ", ".join(a["available"]))
            if a["leave"]:
                out.append("    leave: [%s]" % ", ".join(a["leave"]))
            if a["dbs"]:
                out.append("    dbs: {cleared: %s, expires: %s}" % (d(a["dbs"][0]), d(a["dbs"][1])))
            if "base" in a:
                out.append("    base: %s" % a["base"])
            if "course" in a:
                out.append("    course: %s" % a["course"])
            if a.get("schools"):
                out.append("    schools: %s" % days_list(a["schools"]))
        return out

    def university_yaml(self):
        r = self.r
        out = [self.header("university: courses that release students to schools"),
               "university:", "  name: University of Derby", "  place: university", "  courses:"]
        for cid, name, days, a, b, cap, _phase, block in self.courses:
            out.append("    - id: %s" % cid)
            out.append('      name: "%s"' % name)
            out.append("      calendar: uod")
            out.append("      release: [%s]" % window(days_list(days), hm(a), hm(b)))
            out.append("      max_minutes_per_week: %d" % cap)
            if block:
                first = self.start + datetime.timedelta(weeks=r.randint(max(1, self.weeks // 2), max(1, self.weeks - 1)))
                out.append("      blocks: [{from: %s, to: %s, reason: placement}]"
                           % (d(first), d(max(first, self.end))))
        return out

    def pupils_yaml(self):
        r = self.r
        out = [self.header("pupils: pseudonymous referrals from each school"), "pupils:"]
        weights = [{"primary": 3, "secondary": 8, "all-through": 8, "special": 2}[s["phase"]] for s in self.schools]
        # Every school gets at least one pupil when there are enough to go round.
        homes = list(range(len(self.schools)))[: self.np]
        homes += r.choices(range(len(self.schools)), weights, k=self.np - len(homes))
        homes.sort()
        adv_ids = [a["id"] for a in self.advocates]
        for pid, si in zip(self.ids("P", self.np), homes):
            s = self.schools[si]
            sec = s["phase"] in ("secondary", "all-through")
            year = r.randint(7, 11) if sec else r.randint(3, 6)
            f = ["id: %s" % pid, "school: %s" % s["id"], "year: %d" % year]
            wins = ["core"]
            if s["early"] and r.random() < 0.5:
                wins = ["early"] if r.random() < 0.5 else ["early", "core"]
            elif s["late"] and r.random() < 0.3:
                wins = ["core", "late"]
            if wins != ["core"]:
                f.append("windows: %s" % days_list(wins))
            needs = [(n, r.randint(1, 5)) for n in sorted(r.sample(NEEDS, r.randint(1, 3)))]
            f.append("needs: %s" % levels(needs))
            req = []
            u = r.random()
            if u < 0.05 and self.spoken:
                req.append("languages: [%s]" % r.choice(self.spoken))
            elif u < 0.10:
                req.append("gender: %s" % r.choice(["female", "male"]))
            elif u < 0.13:
                req.append("experience: {sen: 2}")
            if req:
                f.append("requires: {%s}" % ", ".join(req))
            per_week = 2 if r.random() < 0.08 else 1
            minutes = 45 if not sec else r.choice([45, 60, 60])
            if (per_week, minutes) != (1, 60):
                f.append("visits: {per_week: %d, minutes: %d}" % (per_week, minutes))
            pr = r.choices([1, 2, 3, 4, 5], [70, 18, 8, 3, 1])[0]
            if pr > 1:
                f.append("priority: %d" % pr)
            chosen = []  # never avoid someone the pupil had or asked for
            if year >= 7 and r.random() < 0.1:
                chosen.append(r.choice(adv_ids))
                f.append("previous_advocate: %s" % chosen[-1])
            if r.random() < 0.06:
                ranked = r.sample(adv_ids, min(len(adv_ids), r.randint(1, 3)))
                chosen += ranked
                f.append("prefers: %s" % days_list(ranked))
            if r.random() < 0.03:
                other = r.choice(adv_ids)
                if other not in chosen:
                    f.append("avoid: [%s]" % other)
            if r.random() < 0.1:
                day = DAYS[r.randrange(5)]
                st = s["core"][0] + 15 * r.randint(8, 16)
                why = "swimming" if not sec else r.choice(["PE practical", "music lesson", "college link course"])
                f.append("unavailable: [%s]" % window(day, st, min(st + 90, s["core"][1]), why))
            if year == 6 and not sec:
                targets = [x for x in self.by_loc[s["loc"]] if x["phase"] == "secondary"]
                if targets:
                    f.append("moves: {school: %s, windows: [core], on: 2027-09-01}" % r.choice(targets)["id"])
            out.append("  - {%s}" % ", ".join(f))
        return out

    def community_yaml(self):
        r = self.r
        n_t = max(2, self.na // 8)
        out = [self.header("community teachers and the sessions schools asked for"), "community_teachers:"]
        # One community advocate in five also teaches: same id, one person.
        dual = [a for a in self.advocates if a["kind"] == "community"][: n_t // 5]
        teachers = [{"id": a["id"], "advocate": a} for a in dual]
        teachers += [{"id": tid, "advocate": None} for tid in self.ids("C", n_t - len(dual))]
        venues_all = [s["id"] for s in self.schools] + [lib["id"] for lib in self.libraries]
        for tc in teachers:
            skills = sorted(r.sample(SUBJECTS, r.randint(1, 3)))
            tc["skills"] = skills
            out.append("  - id: %s" % tc["id"])
            out.append("    skills: %s" % levels([(k, r.randint(2, 4)) for k in skills]))
            sat = r.random() < 0.2
            days = ["sat"] if sat else [DAYS[x] for x in sorted(r.sample(range(5), r.randint(2, 4)))]
            out.append("    available: [%s, %s]" % (window(days_list(days), hm("07:00"), hm("10:00")),
                                                  window(days_list(days), hm("14:30"), hm("18:30"))))
            if r.random() < 0.1:
                x = self.open_weekday()
                out.append("    leave: [{from: %s, to: %s}]" % (d(x), d(x + datetime.timedelta(days=4))))
            if tc["advocate"] and tc["advocate"]["dbs"]:
                cl, ex = tc["advocate"]["dbs"]
            else:
                cl = self.start - datetime.timedelta(days=r.randint(10, 700))
                ex = cl + datetime.timedelta(days=3 * 365)
            out.append("    dbs: {cleared: %s, expires: %s}" % (d(cl), d(ex)))
            if r.random() < 0.5:
                out.append("    max_sessions_per_week: %d" % r.randint(1, 3))
            if r.random() < 0.6:
                out.append("    venues: %s" % days_list(sorted(r.sample(venues_all, min(len(venues_all), r.randint(1, 4))))))
        out.append("")
        out.append("sessions:")
        n = 0
        for s in self.schools:
            for kind in ("early", "late"):
                if not s[kind]:
                    continue
                subj = r.choice(SUBJECTS)
                n += 1
                if kind == "early":
                    lo, hi, days = s["early"][0], min(s["early"][1], hm("10:00")), "mon-fri"
                else:
                    days, lo, hi = s["late"]
                minutes = r.choice([45, 60]) if hi - lo >= 60 else hi - lo
                out.append("  - {id: SES-%04d, school: %s, subject: %s, min_level: %d, minutes: %d, when: [%s], per_week: %d, priority: %d}"
                           % (n, s["id"], subj, r.randint(1, 3), minutes, window(days, lo, hi),
                              r.randint(1, 2), r.randint(1, 3)))
        for lib in self.libraries:
            for subj in sorted(r.sample(SUBJECTS, 2)):
                n += 1
                days = "sat" if r.random() < 0.5 else r.choice(["tue", "wed", "thu"])
                lo, hi = (hm("09:30"), hm("12:30")) if days == "sat" else (hm("15:30"), hm("18:00"))
                out.append("  - {id: SES-%04d, school: %s, subject: %s, min_level: 2, minutes: 90, when: [%s], priority: %d}"
                           % (n, lib["id"], subj, window(days, lo, hi), r.randint(1, 3)))
        if n == 0:
            out[-1] = "sessions: []"
        return out

    def header(self, what):
        return ("# Generated by bench/gen.py (--pupils %d --advocates %d --schools %d --weeks %d --seed %d):\n# %s.\n"
                % (self.np, self.na, self.ns, self.weeks, self.seed, what))

    def write(self, outdir):
        self.build_localities()
        self.build_schools()
        self.build_advocates()
        files = [
            ("programme.yaml", self.programme_yaml()),
            ("calendars.yaml", self.calendars_yaml()),
            ("schools.yaml", self.schools_yaml()),
            ("advocates.yaml", self.advocates_yaml()),
            ("university.yaml", self.university_yaml()),
            ("pupils.yaml", self.pupils_yaml()),
            ("community.yaml", self.community_yaml()),
        ]
        os.makedirs(outdir, exist_ok=True)
        for name, lines in files:
            with open(os.path.join(outdir, name), "w", encoding="utf-8", newline="\n") as fh:
                fh.write("\n".join(lines) + "\n")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", choices=sorted(SIZES))
    ap.add_argument("--pupils", type=int)
    ap.add_argument("--advocates", type=int)
    ap.add_argument("--schools", type=int)
    ap.add_argument("--weeks", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True, help="directory to write the YAML files into")
    a = ap.parse_args(argv)
    if a.size:
        if a.pupils or a.advocates or a.schools:
            ap.error("--size excludes --pupils/--advocates/--schools")
        a.pupils, a.advocates, a.schools = SIZES[a.size]
    if not (a.pupils and a.advocates and a.schools):
        ap.error("give --size NAME or all of --pupils, --advocates, --schools")
    if min(a.pupils, a.advocates, a.schools) < 1 or not 1 <= a.weeks <= 40:
        ap.error("counts must be positive and --weeks between 1 and 40")
    Gen(a.pupils, a.advocates, a.schools, a.weeks, a.seed).write(a.output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
