"""A realistic sample diary, for trying the report without logging for months.

`plan_sample` is pure and deterministic: the same seed, length and end day give the same
entries (one `random.Random(seed)` drives everything, and nothing reads the clock).
`write_sample` writes a plan through the ordinary domain functions (diary/entries.py),
so a sample diary is exactly what a patient's logging would have made.

The model, roughly: spasms come at about 1.6 a day, fewer and milder in the days after an
adjustment (the effect wears off over about a week), more in the two days before the next
visit (patients book when it is worst), and more the day after a day with little fluid,
potassium or magnesium; about half of the adjustments are followed by a short reaction
(a few milder episodes within 24 h). Some days nothing is logged (unobserved), a short
stretch away from home has no entries at all, and most spasm-free days are marked quiet.
Foods are real USDA SR28 foods, by NDB number, logged through diary.foods as `diary eat`
would log them.

Standard library only.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from diary import entries
from diary.amounts import Dose
from diary.nutrition import supplement_intake
from diary.profile import set_profile
from diary.storage.store import Store

DAY = dt.timedelta(days=1)

# Portions: (ndb, grams, amount as said, ml for drinks)
BREAKFASTS = [
    [("08120", 40, "40 g", None), ("01077", 244, "1 cup", 236.6)],
    [("18064", 58, "2 slices", None), ("01009", 28, "1 oz", None)],
    [("01117", 170, "170 g", None), ("09040", 118, "1 medium", None)],
    [("01123", 100, "2 large", None), ("18064", 29, "1 slice", None)],
]
LUNCHES = [
    [("20045", 158, "1 cup", None), ("05064", 120, "120 g", None), ("11090", 91, "1 cup", None),
     ("02047", 1.5, "1/4 tsp", None)],
    [("20121", 140, "1 cup", None), ("11529", 123, "1 medium", None), ("01009", 20, "20 g", None),
     ("02047", 1.5, "1/4 tsp", None)],
    [("11674", 173, "1 medium", None), ("15237", 120, "120 g", None), ("11457", 60, "2 cups", None),
     ("02047", 1.5, "1/4 tsp", None)],
    [("16057", 164, "1 cup", None), ("20045", 158, "1 cup", None), ("11529", 123, "1 medium", None),
     ("02047", 1.5, "1/4 tsp", None)],
    [("06419", 482, "2 cups", 480.0), ("18064", 29, "1 slice", None)],
]
DINNERS = [
    [("18064", 58, "2 slices", None), ("01009", 40, "40 g", None), ("11529", 123, "1 medium", None)],
    [("18064", 58, "2 slices", None), ("07028", 56, "2 slices", None), ("04011", 15, "1 tbsp", None)],
    [("20121", 140, "1 cup", None), ("11457", 60, "2 cups", None), ("02047", 1.5, "1/4 tsp", None)],
    [("18064", 58, "2 slices", None), ("07028", 56, "2 slices", None), ("11529", 123, "1 medium", None)],
]
SNACKS = [("09040", 118, "1 medium", None), ("09003", 182, "1 medium", None), ("12061", 28, "1 oz", None),
          ("19904", 20, "20 g", None)]

SITES = [("lower-back", 34), ("calf", 24), ("neck", 10), ("hamstring", 8), ("upper-back", 7), ("thigh", 6),
         ("foot", 5), ("glute", 4), ("shoulder", 2)]
SIDES = {"lower-back": ["left", "right", "both", "centre"], "neck": ["left", "right", "centre"],
         "upper-back": ["left", "right", "centre"]}
TRIGGERS = ["sitting", "lifting", "exercise", "stress", "cold", "bending", "driving"]
RELIEF = ["stretching", "heat", "walking", "massage", "rest"]
NOTES = ["woke me up", "after a long day at the desk", "during the walk home", "had to stop and stretch",
         "came on while carrying shopping", "eased after a warm shower", "felt it coming for an hour",
         "right after getting out of the car"]
REGIONS = ["lumbar", "lumbar", "thoracic", "cervical", "pelvis"]


@dataclass
class Planned:
    """One entry to write: its kind, when it was logged, and its values."""

    kind: str  # spasm, intake, adjustment, quiet, profile
    logged_at: dt.datetime
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class SamplePlan:
    first: dt.date
    last: dt.date
    timezone: str
    entries: list[Planned]

    def count(self, kind: str) -> int:
        return sum(e.kind == kind for e in self.entries)


def _months_before(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(y, m, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw (Knuth's method; lam is small here)."""
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _at(day: dt.date, hours: float, tz: ZoneInfo) -> dt.datetime:
    """The instant `hours` after local midnight of `day` (wall clock; a skipped hour moves on)."""
    minutes = int(round(hours * 60))
    local = dt.datetime.combine(day, dt.time(0), tzinfo=tz) + dt.timedelta(minutes=minutes)
    # Adding a timedelta to an aware datetime is wall-clock arithmetic; round-trip through
    # UTC to get a real instant (a time inside a skipped hour maps past it).
    return local.astimezone(dt.timezone.utc)


def food_values(ndb: str, grams: float, amount_text: str, taken_at: dt.datetime, ml: float | None = None) -> dict[str, Any]:
    """The intake row for `grams` of a food of the USDA table, as `diary eat` would log it."""
    from diary.foods import intake_values

    return intake_values(ndb, grams, amount_text, taken_at, ml=ml)


def plan_sample(*, months: int, seed: int, end: dt.date, timezone: str = "Europe/Berlin") -> SamplePlan:
    """Every entry of a sample diary of `months` months ending on `end` (inclusive)."""
    if months < 1:
        raise ValueError(f"months {months} must be at least 1")
    rng = random.Random(seed)
    tz = ZoneInfo(timezone)
    first = _months_before(end, months) + DAY
    days = [first + i * DAY for i in range(((end - first).days + 1))]
    plan: list[Planned] = []
    start_instant = _at(first, 7.0, tz)
    plan.append(Planned("profile", start_instant, {
        "name": "Sample Patient", "sex": "female", "birth_year": 1979, "timezone": timezone,
        "logs_every_spasm": False,
    }))

    # Adjustments about weekly; a stretch away from home with nothing logged.
    adjustments: list[dt.datetime] = []
    i = rng.randint(1, 4)
    while i < len(days):
        adjustments.append(_at(days[i], rng.choice([8.5, 9.0, 10.0, 11.5, 14.0, 16.5, 17.0]), tz))
        i += rng.choice([6, 7, 7, 7, 8])
    away_start = rng.randint(len(days) // 3, max(len(days) // 3, len(days) - 5))
    away = set(range(away_start, away_start + rng.randint(3, 4)))
    for a in adjustments:
        plan.append(Planned("adjustment", a + dt.timedelta(minutes=rng.randint(30, 240)), {
            "at": a, "provider": "Dr. Lee", "region": rng.choice(REGIONS),
            "note": rng.choice([None, None, None, "stiff afterwards", "felt looser"]),
        }))
        if rng.random() < 0.5:  # a short reaction within the first 24 h
            for _ in range(max(1, _poisson(rng, 1.5))):
                started = a + dt.timedelta(hours=rng.uniform(2, 20))
                plan.append(_episode(rng, started, intensity=rng.randint(3, 5), site=None, triggers=[],
                                     note=rng.choice([None, "sore after the adjustment"])))

    yesterday_low = {"fluid": False, "potassium": False, "magnesium": False}
    for index, day in enumerate(days):
        if index in away or rng.random() < 0.06:
            yesterday_low = {"fluid": False, "potassium": False, "magnesium": False}
            continue  # nothing logged: an unobserved day
        midnight = _at(day, 0.0, tz)
        since = [(midnight - a).total_seconds() / 86400 for a in adjustments if a <= midnight]
        until = [(a - midnight).total_seconds() / 86400 for a in adjustments if a > midnight]
        k = min(since) if since else 10.0
        effect = 1 - 0.55 * math.exp(-k / 4)
        flare = 1.3 if until and min(until) < 2 else 1.0
        lam = 1.6 * effect * flare
        lam *= 1.5 if yesterday_low["fluid"] else 1.0
        lam *= 1.25 if yesterday_low["potassium"] else 1.0
        lam *= 1.15 if yesterday_low["magnesium"] else 1.0
        lam *= rng.gammavariate(6.0, 1 / 6)
        n = _poisson(rng, lam)
        for _ in range(n):
            night = rng.random() < 0.2
            hours = rng.uniform(1.5, 5.5) if night else rng.uniform(6.5, 23.0)
            started = _at(day, hours, tz)
            intensity = round(rng.gauss(5.6, 1.4) - 2.0 * math.exp(-k / 4) + (0.8 if yesterday_low["fluid"] else 0))
            intensity = max(1, min(10, intensity))
            site = "calf" if night and rng.random() < 0.7 else None
            triggers = ["sleep"] if night else []
            if yesterday_low["fluid"] and rng.random() < 0.4:
                triggers.append("dehydration")
            if rng.random() < 0.55:
                triggers.append(rng.choice(TRIGGERS))
            plan.append(_episode(rng, started, intensity=intensity, site=site, triggers=triggers,
                                 note=rng.choice(NOTES) if rng.random() < 0.1 else None))
        if n == 0 and rng.random() < 0.8:
            plan.append(Planned("quiet", _at(day, rng.uniform(21.0, 23.5), tz), {"day": day}))

        # What was drunk and eaten; on some days intake is not logged at all.
        low_fluid = rng.random() < 0.2
        low_fruit = rng.random() < 0.3
        intake_logged = rng.random() < 0.85
        items: list[tuple[float, dict[str, Any]]] = []
        glasses = rng.randint(1, 3) if low_fluid else rng.randint(4, 7)
        for _ in range(glasses):
            hours = rng.uniform(7.0, 22.0)
            ml = float(rng.choice([200, 250, 300, 330, 500]))
            items.append((hours, entries.water_intake(_at(day, hours, tz), ml, f"{ml:.0f} ml")))
        for _ in range(rng.randint(1, 3)):
            hours = rng.uniform(7.0, 16.0)
            items.append((hours, food_values("14209", 237, "1 cup", _at(day, hours, tz), ml=236.6)))
        if not low_fluid and rng.random() < 0.25:
            hours = rng.uniform(10.0, 18.0)
            items.append((hours, food_values("12119", 330, "330 ml", _at(day, hours, tz), ml=330.0)))
        if rng.random() < 0.2:
            hours = rng.uniform(14.0, 18.0)
            items.append((hours, food_values("14278", 245, "1 cup", _at(day, hours, tz), ml=236.6)))
        for meal, hours in ((rng.choice(BREAKFASTS), rng.uniform(7.0, 9.0)), (rng.choice(LUNCHES), rng.uniform(12.0, 13.5)),
                            (rng.choice(DINNERS), rng.uniform(18.5, 20.5))):
            for ndb, grams, said, ml in meal:
                items.append((hours, food_values(ndb, grams, said, _at(day, hours, tz), ml=ml)))
        if not low_fruit:
            for _ in range(rng.randint(1, 2)):
                ndb, grams, said, ml = rng.choice(SNACKS)
                hours = rng.uniform(10.0, 21.0)
                items.append((hours, food_values(ndb, grams, said, _at(day, hours, tz), ml=ml)))
            if rng.random() < 0.3:
                hours = rng.uniform(7.0, 9.0)
                items.append((hours, food_values("09206", 249, "1 cup", _at(day, hours, tz), ml=236.6)))
        if rng.random() < 0.3:
            hours = rng.uniform(20.0, 22.5)
            taken = _at(day, hours, tz)
            items.append((hours, supplement_intake("magnesium", Dose(200.0, "200 mg"), taken)))
        if intake_logged:
            for hours, values in items:
                late = rng.choice([2, 5, 10, 30, 90, 240])
                plan.append(Planned("intake", values["taken_at"] + dt.timedelta(minutes=late), values))
        water = sum(v.get("water_ml") or 0 for _, v in items)
        potassium = sum(v.get("potassium_mg") or 0 for _, v in items)
        magnesium = sum(v.get("magnesium_mg") or 0 for _, v in items if v.get("source") != "supplement")
        yesterday_low = {"fluid": water < 2000, "potassium": potassium < 2000, "magnesium": magnesium < 250}

    # A reaction episode can fall on a day otherwise without spasms: that day is not quiet.
    spasm_days = {e.values["started_at"].astimezone(tz).date() for e in plan if e.kind == "spasm"}
    plan = [e for e in plan if not (e.kind == "quiet" and e.values["day"] in spasm_days)]
    plan.sort(key=lambda e: e.logged_at)
    return SamplePlan(first, end, timezone, plan)


def _episode(rng: random.Random, started: dt.datetime, *, intensity: int, site: str | None,
             triggers: list[str], note: str | None) -> Planned:
    if site is None:
        site = rng.choices([s for s, _ in SITES], weights=[w for _, w in SITES])[0]
    side = rng.choice(SIDES.get(site, ["left", "right", "right", "left", "both"]))
    duration = None if rng.random() < 0.15 else int(min(3600, max(10, rng.lognormvariate(math.log(90), 0.9))))
    roll = rng.random()
    if roll < 0.75:
        delay = dt.timedelta(minutes=rng.lognormvariate(math.log(8), 0.9))
    elif roll < 0.93:
        delay = dt.timedelta(hours=rng.uniform(1, 10))
    else:
        delay = dt.timedelta(hours=rng.uniform(24, 40))
    return Planned("spasm", started + delay, {
        "started_at": started, "intensity": intensity, "duration_s": duration, "site": site, "side": side,
        "triggers": triggers, "relieved_by": rng.choice(RELIEF) if rng.random() < 0.3 else None, "note": note,
    })


def is_empty(store: Store) -> bool:
    """True for a diary with no entries and no profile (the only kind `write_sample` fills)."""
    entries_n = store.rows("SELECT count(*) FROM entry")[0][0]
    profiles = store.rows("SELECT count(*) FROM profile")[0][0]
    return int(entries_n) == 0 and int(profiles) == 0


def write_sample(store: Store, plan: SamplePlan, now: dt.datetime,
                 progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Write `plan` through the domain functions; entries logged after `now` are left out
    (a sample ending today stops at the present). Returns counts by kind."""
    tz = ZoneInfo(plan.timezone)
    written = {"spasm": 0, "intake": 0, "adjustment": 0, "quiet": 0}
    todo = [e for e in plan.entries if e.logged_at <= now]
    for n, e in enumerate(todo, 1):
        v = e.values
        if e.kind == "profile":
            set_profile(store, e.logged_at, v)
        elif e.kind == "spasm":
            entries.log_episode(store, e.logged_at, **v)
        elif e.kind == "intake":
            entries.log_intake(store, e.logged_at, v)
        elif e.kind == "adjustment":
            entries.log_adjustment(store, e.logged_at, **v)
        elif e.kind == "quiet":
            entries.mark_quiet(store, e.logged_at, v["day"], tz)
        if e.kind in written:
            written[e.kind] += 1
        if progress is not None and n % 500 == 0:
            progress(n, len(todo))
    return written
