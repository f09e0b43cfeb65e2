"""Odd diaries for the report's robustness tests: written through the domain functions
(as the commands write them), with a record of everything written, so each test can
count what the report must say (episodes, observed days, adjustments, the episode list)
without the report's code.

A `Writer` logs entries into one diary and remembers them; `expected` counts from that
record; `random_diary` makes a seeded odd diary of many features at once.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from diary import entries
from diary.days import mark_complete
from diary.foods import intake_values
from diary.measures import PegScore, log_medication, log_peg, log_pgic, log_reaction
from diary.profile import set_profile
from diary.storage.store import Store

DAY = dt.timedelta(days=1)


@dataclass
class Logged:
    """One entry as written: its kind and id, its instant (None for a day statement), its local day."""

    kind: str
    id: int
    at: dt.datetime | None
    day: dt.date
    intensity: int | None = None
    deleted: bool = False
    typed: dt.datetime | None = None  # when it was logged (created_at)


@dataclass
class Writer:
    """Writes one diary through the domain functions and remembers what it wrote.

    Every entry is logged `delay` after its time (created_at), never after `now`, the
    moment the report will be made: an entry cannot have been typed after that."""

    store: Store
    tz: ZoneInfo
    now: dt.datetime
    delay: dt.timedelta = dt.timedelta(minutes=5)
    logged: list[Logged] = field(default_factory=list)
    every_spasm: bool = False
    sleep: tuple[str, str] | None = None  # the profile's sleep window, if set

    def local(self, day: dt.date, hour: int = 10, minute: int = 0, fold: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute, fold=fold), tzinfo=self.tz)

    def _typed(self, at: dt.datetime, late: dt.timedelta | None) -> dt.datetime:
        return min(at + (self.delay if late is None else late), self.now)

    def _day(self, at: dt.datetime) -> dt.date:
        return local_time(at, self.tz).date()

    def profile(self, **changes: object) -> None:
        set_profile(self.store, self.now, {"timezone": self.tz.key, **changes})
        self.every_spasm = bool(changes.get("logs_every_spasm", self.every_spasm))
        if changes.get("sleep_start"):
            self.sleep = (str(changes["sleep_start"]), str(changes["sleep_end"]))

    def spasm(self, at: dt.datetime, intensity: int = 5, *, late: dt.timedelta | None = None, **more: object) -> int:
        day = self._day(at)
        for q in self.live("quiet"):
            if q.day == day:  # logging a spasm takes the day's quiet mark away
                q.deleted = True
        typed = self._typed(at, late)
        entry_id = entries.log_episode(self.store, typed, started_at=at, intensity=intensity,
                                       tz=self.tz, **more)  # type: ignore[arg-type]
        self.logged.append(Logged("spasm", entry_id, at, day, intensity, typed=typed))
        return entry_id

    def quiet(self, day: dt.date) -> int | None:
        if any(e.day == day for e in self.live("spasm")):
            return None  # a day with a spasm is not quiet (the domain refuses it)
        entry_id, new = entries.mark_quiet(self.store, min(self.local(day, 22), self.now), day, self.tz)
        if new:
            self.logged.append(Logged("quiet", entry_id, None, day))
        return entry_id

    def water(self, at: dt.datetime, ml: float = 500) -> int:
        entry_id = entries.log_intake(self.store, self._typed(at, None), entries.water_intake(at, ml, f"{ml:g} ml"))
        self.logged.append(Logged("intake", entry_id, at, self._day(at)))
        return entry_id

    def food(self, at: dt.datetime, ndb: str = "04011", grams: float = 15) -> int:
        """A food of the table (04011, a mayonnaise, has no magnesium value: a total with unknowns)."""
        row = intake_values(ndb, grams, f"{grams:g} g", at)
        entry_id = entries.log_intake(self.store, self._typed(at, None), row)
        self.logged.append(Logged("intake", entry_id, at, self._day(at)))
        return entry_id

    def complete(self, day: dt.date) -> int:
        entry_id, new = mark_complete(self.store, min(self.local(day, 23), self.now), day, self.tz)
        if new:
            self.logged.append(Logged("complete", entry_id, None, day))
        return entry_id

    def adjust(self, at: dt.datetime, **more: object) -> int:
        entry_id = entries.log_adjustment(self.store, self._typed(at, None), at=at, **more)  # type: ignore[arg-type]
        self.logged.append(Logged("adjustment", entry_id, at, self._day(at)))
        return entry_id

    def pgic(self, at: dt.datetime, score: int) -> int:
        entry_id = log_pgic(self.store, self._typed(at, None), at=at, score=score)
        self.logged.append(Logged("pgic", entry_id, at, self._day(at)))
        return entry_id

    def peg(self, at: dt.datetime, pain: int, enjoyment: int, activity: int) -> int:
        entry_id = log_peg(self.store, self._typed(at, None), at=at, answer=PegScore(pain, enjoyment, activity))
        self.logged.append(Logged("peg", entry_id, at, self._day(at)))
        return entry_id

    def med(self, at: dt.datetime, name: str = "ibuprofen", dose: str | None = "400mg") -> int:
        entry_id = log_medication(self.store, self._typed(at, None), taken_at=at, name=name, dose=dose)
        self.logged.append(Logged("medication", entry_id, at, self._day(at)))
        return entry_id

    def reaction(self, at: dt.datetime, symptom: str = "soreness", intensity: int = 4) -> int:
        entry_id, _ = log_reaction(self.store, self._typed(at, None), at=at, symptom=symptom, intensity=intensity)
        self.logged.append(Logged("reaction", entry_id, at, self._day(at)))
        return entry_id

    def delete(self, entry_id: int) -> None:
        entries.delete_entry(self.store, self.now, entry_id, self.tz)
        for e in self.logged:
            if e.id == entry_id:
                e.deleted = True

    def live(self, kind: str) -> list[Logged]:
        return [e for e in self.logged if e.kind == kind and not e.deleted]


# --- what the report must say, counted from the record -------------------------------------------


def local_time(at: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """The wall-clock time of an instant in `tz` (through UTC: a local time that does not exist,
    in the hour the clocks skip, becomes the time it is)."""
    return at.astimezone(dt.UTC).astimezone(tz)


@dataclass(frozen=True)
class Expected:
    label: str  # the period as the report names it
    days: int  # the period's days up to when the report is made
    observed: int
    episodes: list[dt.datetime]  # the period's live episodes, oldest first
    adjustments: int
    delays: list[dt.timedelta]  # each of those episodes' logging delay
    night: int  # those of them that started in the sleep window


def day_start(day: dt.date, tz: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=tz)


def expected(w: Writer, first: dt.date, last: dt.date, label: str) -> Expected:
    """The period's counts from what `w` wrote, for a report made at `w.now`."""
    today = w.now.astimezone(w.tz).date()
    last = min(last, today)
    end = min(day_start(last + DAY, w.tz), w.now)
    start = day_start(first, w.tz)
    days = [first + i * DAY for i in range((last - first).days + 1)]
    days = [d for d in days if day_start(d, w.tz) < end]
    live = [e for e in w.logged if not e.deleted and (e.at is None or e.at < end)]

    def observed(day: dt.date) -> bool:
        on_day = [e for e in live if e.day == day]
        if w.every_spasm:
            return bool(on_day)
        return any(e.kind in ("spasm", "quiet") for e in on_day)

    spasms = sorted((e for e in live if e.kind == "spasm" and e.at is not None and start <= e.at),
                    key=lambda e: e.at or start)
    adjustments = sum(1 for e in live if e.kind == "adjustment" and e.at is not None and start <= e.at)
    begins, ends = (dt.time.fromisoformat(t) for t in w.sleep or ("00:00", "06:00"))

    def at_night(t: dt.time) -> bool:
        return begins <= t < ends if begins <= ends else (t >= begins or t < ends)

    return Expected(label, len(days), sum(observed(d) for d in days), [e.at for e in spasms if e.at], adjustments,
                    [max(dt.timedelta(0), (e.typed or end) - (e.at or end)) for e in spasms],
                    sum(at_night(local_time(e.at, w.tz).time()) for e in spasms if e.at))


# --- a seeded odd diary ----------------------------------------------------------------------------

SYSTEM_ZONE = "Europe/Berlin"  # the TZ tests/conftest.py gives every test
ZONES = ("Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata", "Pacific/Auckland", "Australia/Lord_Howe")
MONTHS = ((2026, 3), (2026, 10), (2026, 11), (2026, 2), (2028, 2), (2026, 12))


@dataclass(frozen=True)
class RandomDiary:
    """What `random_diary` chose: the report's month, the moment it is made and the zone."""

    month: tuple[int, int]
    now: dt.datetime
    tz: ZoneInfo
    profile: bool  # without one, the diary's zone is the system's (tests/conftest.py: Europe/Berlin)


def random_plan(seed: int) -> RandomDiary:
    rng = random.Random(seed)
    profile = rng.random() > 0.1
    tz = ZoneInfo(rng.choice(ZONES) if profile else SYSTEM_ZONE)
    year, month = rng.choice(MONTHS)
    first = dt.date(year, month, 1)
    if rng.random() < 0.3:  # made during the month, sometimes in its first minutes
        day = first + rng.randrange(0, 27) * DAY
        now = dt.datetime.combine(day, dt.time(rng.choice([0, 0, 7, 12, 23]), rng.choice([0, 1, 30])), tzinfo=tz)
    else:
        after = first.replace(day=28) + rng.randrange(4, 60) * DAY
        now = dt.datetime.combine(after, dt.time(rng.randrange(24), 0), tzinfo=tz)
    return RandomDiary((year, month), now, tz, profile)


def random_diary(w: Writer, seed: int) -> None:
    """Write a seeded odd diary: any mix of spasms (intensity 0 to 10, some logged days late),
    quiet days, intakes with complete marks, adjustments (some 10 h apart), measures,
    deleted entries and profile settings, over the four months up to the report's month and
    the month after; nothing after the moment the report is made."""
    rng = random.Random(seed * 7919 + 1)
    plan = random_plan(seed)
    year, month = plan.month
    first = (dt.date(year, month, 1) - 95 * DAY)
    span = [first + i * DAY for i in range(130)]
    profile: dict[str, object] = {}
    if rng.random() < 0.3:
        profile["logs_every_spasm"] = True
    if rng.random() < 0.3:
        profile["always_complete"] = True
    if rng.random() < 0.4:
        profile["sleep_start"], profile["sleep_end"] = rng.choice([("22:30", "06:30"), ("13:00", "15:00"),
                                                                   ("00:00", "08:00"), ("08:00", "16:00")])
    if rng.random() < 0.25:  # a day that has begun (the profile refuses a day in the future)
        profile["care_began"] = rng.choice([d for d in span if day_start(d, w.tz) <= w.now])
    if plan.profile:
        w.profile(**profile)
    density = rng.choice([0.0, 0.05, 0.3, 0.7, 0.95, 0.95])  # share of days with a spasm record
    rate = rng.choice([0.3, 1.0, 2.5])
    written: list[int] = []
    for day in span:
        if rng.random() >= density:
            continue
        n = min(8, int(rng.expovariate(1 / rate)))
        if n == 0:
            if day_start(day + DAY, w.tz) < w.now:
                w.quiet(day)
            continue
        for _ in range(n):
            at = w.local(day, rng.randrange(24), rng.randrange(60), fold=rng.randrange(2))
            if at.astimezone(dt.UTC) >= w.now.astimezone(dt.UTC):
                continue
            late = rng.choice([None, None, None, dt.timedelta(days=rng.randrange(1, 9))])
            written.append(w.spasm(at, rng.randrange(11), late=late,
                                   duration_s=rng.choice([None, 45, 300]),
                                   site=rng.choice([None, "calf", "lower-back"]),
                                   triggers=rng.sample(["lifting", "sleep", "stress"], rng.randrange(3))))
    intake_days = rng.sample(span, rng.randrange(0, 25))
    for day in intake_days:
        at = w.local(day, 9)
        if at >= w.now:
            continue
        written.append(w.water(at, rng.choice([250, 1500, 3000])))
        if rng.random() < 0.3:
            written.append(w.food(at))
        if rng.random() < 0.5 and day_start(day + DAY, w.tz) <= w.now:
            w.complete(day)
    visits = sorted(rng.sample(span, rng.choice([0, 1, 3, 8, 14, 14])))
    for k, day in enumerate(visits):
        at = w.local(day, rng.choice([8, 12, 18]))
        if at >= w.now:
            continue
        written.append(w.adjust(at, provider=rng.choice([None, "Dr. Lee"])))
        if k % 4 == 1 and at + dt.timedelta(hours=10) < w.now:
            written.append(w.adjust(at + dt.timedelta(hours=10)))  # a likely duplicate
        if rng.random() < 0.3 and at + dt.timedelta(hours=20) < w.now:
            w.reaction(at + dt.timedelta(hours=20), rng.choice(["soreness", "stiffness"]), rng.randrange(11))
    for week in range(0, len(span), 7):
        at = w.local(span[week], 19)
        if at >= w.now:
            break
        if rng.random() < 0.3:
            w.peg(at, rng.randrange(11), rng.randrange(11), rng.randrange(11))
        if rng.random() < 0.2:
            w.pgic(at, rng.randrange(1, 8))
        if rng.random() < 0.3:
            w.med(at - dt.timedelta(hours=3), rng.choice(["ibuprofen", "Paracetamol"]), rng.choice([None, "1g"]))
    for entry_id in rng.sample(written, min(len(written), rng.randrange(0, 4))):
        w.delete(entry_id)


Build = Callable[[Writer], None]
