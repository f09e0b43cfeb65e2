"""A report period's data: fetched through diary/queries.py, laid out by local day.

The period is a range of local calendar days in the diary's timezone. Besides the
period itself the report reads the windows around it (the before/after comparisons of an
adjustment near the period's edges reach outside it), and nothing else: never the whole
history. Everything after `cutoff` (the moment the report is made) is left out, so days
that have not happened yet are neither observed nor unobserved: they are not there, and
the day the report is made on (when the period reaches it) is a day still in progress.

Plain lists of small records, not DataFrames: a month is a few hundred rows, and the
report then starts without importing pandas.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from diary import queries
from diary.entries import day_bounds
from diary.profile import Profile, profile_from_row
from diary.vocab import NUTRIENT_KEYS

DAY = dt.timedelta(days=1)
UTC = dt.timezone.utc
NUTRIENTS = NUTRIENT_KEYS  # water_ml, sodium_mg, potassium_mg, magnesium_mg, calcium_mg


@dataclass(frozen=True)
class Period:
    """Local calendar days from `first` to `last`, both included."""

    first: dt.date
    last: dt.date

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def last_full_month(cls, today: dt.date) -> Period:
        first_of_this = today.replace(day=1)
        prev = first_of_this - DAY
        return cls.month(prev.year, prev.month)

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"period ends ({self.last}) before it starts ({self.first})")

    @property
    def n_days(self) -> int:
        return (self.last - self.first).days + 1

    def days(self) -> list[dt.date]:
        return [self.first + i * DAY for i in range(self.n_days)]

    def is_month(self) -> bool:
        return self == Period.month(self.first.year, self.first.month)

    def label(self) -> str:
        """'November 2026' for a whole month, else '3 Nov 2026 to 20 Nov 2026'."""
        if self.is_month():
            return f"{self.first:%B %Y}"
        return f"{day_label(self.first)} to {day_label(self.last)}"

    def slug(self) -> str:
        """The file-name part: '2026-11' or '2026-11-03_2026-11-20'."""
        return f"{self.first:%Y-%m}" if self.is_month() else f"{self.first.isoformat()}_{self.last.isoformat()}"


def day_label(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


@dataclass(frozen=True)
class Adjustment:
    id: int
    at: dt.datetime
    provider: str | None
    region: str | None
    note: str | None


@dataclass(frozen=True)
class Episode:
    """One live episode as the report shows it; `day` and `local` are in the diary's timezone."""

    id: int
    started_at: dt.datetime
    intensity: int
    duration_s: int | None  # None: unknown, never zero
    site: str | None
    side: str | None
    relieved_by: str | None
    note: str | None
    created_at: dt.datetime
    triggers: tuple[str, ...]
    day: dt.date
    local: dt.datetime


@dataclass
class Day:
    """One local day: its instants, and whether it counts as observed for spasm counting."""

    day: dt.date
    start: dt.datetime
    end: dt.datetime
    episodes: int = 0
    quiet: bool = False
    any_entry: bool = False
    intake_rows: int = 0
    observed: bool = False


@dataclass
class ReportData:
    """Everything one report shows, for the period and the windows around it."""

    period: Period  # cut at the cutoff's day when it reaches past it
    requested: Period
    tz: ZoneInfo
    profile: Profile
    window_days: int
    cutoff: dt.datetime
    episodes: list[Episode]  # the span's episodes, oldest first
    intakes: list[dict[str, Any]]  # the span's intakes (queries.intakes_between's columns and `day`), oldest first
    adjustments: list[Adjustment]  # in the period
    previous_adjustment: Adjustment | None  # the last one before the period
    next_adjustment: Adjustment | None  # the first one after the period
    days: dict[dt.date, Day]  # every day of the span
    span_first: dt.date
    span_last: dt.date
    _times: list[dt.datetime] = field(default_factory=list, repr=False)
    _day_list: list[Day] = field(default_factory=list, repr=False)
    _day_starts: list[dt.datetime] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._times = [e.started_at for e in self.episodes]
        self._day_list = [self.days[d] for d in sorted(self.days)]
        self._day_starts = [d.start for d in self._day_list]

    # --- the observed-day rule -------------------------------------------------------

    @property
    def observed_rule(self) -> str:
        if self.profile.logs_every_spasm:
            return ("a day counts as observed if anything was logged on it (the profile says every "
                    "spasm is logged on any day the diary is used)")
        return ("a day counts as observed if it has a spasm logged or is marked quiet (no spasms); "
                "other days are unobserved, not spasm-free")

    def period_days(self) -> list[Day]:
        return [self.days[d] for d in self.period.days()]

    # --- the report is made at `cutoff`, which is also the moment it says it was made ----

    @property
    def made_at(self) -> dt.datetime:
        return self.cutoff

    @property
    def in_progress(self) -> Day | None:
        """The period's last day when the report is made during it (a month still running):
        that day has not ended, so it is not a whole day of data."""
        last = self.days[self.period.last]
        return last if self.cutoff < last.end else None

    @property
    def in_progress_share(self) -> float:
        """How much of the day in progress had passed when the report was made (0 to 1)."""
        day = self.in_progress
        if day is None:
            return 1.0
        return max(0.0, (self.cutoff - day.start).total_seconds() / (day.end - day.start).total_seconds())

    def complete_days(self) -> list[dt.date]:
        """The period's days that have ended (all of them, unless one is still in progress)."""
        today = self.in_progress
        return [d for d in self.period.days() if today is None or d != today.day]

    # --- counting over instants ---------------------------------------------------------

    def count(self, start: dt.datetime, end: dt.datetime) -> int:
        """Episodes that started in [start, end)."""
        if end <= start:
            return 0
        return bisect.bisect_left(self._times, end) - bisect.bisect_left(self._times, start)

    def episode_rows(self, start: dt.datetime, end: dt.datetime) -> list[Episode]:
        """Episodes that started in [start, end), oldest first."""
        lo, hi = bisect.bisect_left(self._times, start), bisect.bisect_left(self._times, end)
        return self.episodes[lo:hi]

    def exposure(self, start: dt.datetime, end: dt.datetime) -> float:
        """Observed days in [start, end): each observed local day counts by the share of
        its length (23, 24 or 25 h) that falls inside, unobserved days count nothing."""
        if end <= start:
            return 0.0
        total = 0.0
        i = max(0, bisect.bisect_right(self._day_starts, start) - 1)
        while i < len(self._day_list):
            d = self._day_list[i]
            if d.start >= end:
                break
            if d.observed:
                overlap = (min(end, d.end) - max(start, d.start)).total_seconds()
                if overlap > 0:
                    total += overlap / (d.end - d.start).total_seconds()
            i += 1
        return total


def load_profile(conn: Connection) -> Profile:
    row = queries.profile(conn)
    if row is None:
        return Profile()
    return profile_from_row(row._mapping)


def _adjustment(row: Any) -> Adjustment | None:
    if row is None:
        return None
    return Adjustment(int(row.id), row.at, row.provider, row.region, row.note)


def load(conn: Connection, requested: Period, *, window_days: int, cutoff: dt.datetime,
         tz: ZoneInfo | None = None) -> ReportData:
    """Read the period and the `window_days` around it from the diary on `conn`, as of
    `cutoff` (the moment the report is made: nothing after it counts)."""
    profile = load_profile(conn)
    tz = tz or profile.zone()
    today = cutoff.astimezone(tz).date()
    if requested.first > today:
        raise ValueError(f"the period starts on {requested.first}, after today ({today}): nothing to report yet")
    period = Period(requested.first, min(requested.last, today))
    span_first = period.first - (window_days + 1) * DAY
    span_last = min(period.last + (window_days + 1) * DAY, today)
    start = day_bounds(span_first, tz)[0]
    end = min(day_bounds(span_last, tz)[1], cutoff)

    episode_rows = queries.episodes_between(conn, start, end)
    triggers: dict[int, list[str]] = {}
    for eid, name in queries.episode_triggers_between(conn, start, end):
        triggers.setdefault(int(eid), []).append(name)
    episodes = [
        Episode(int(r.id), r.started_at, int(r.intensity), None if r.duration_s is None else int(r.duration_s),
                r.site, r.side, r.relieved_by, r.note, r.created_at, tuple(triggers.get(int(r.id), ())),
                (local := r.started_at.astimezone(tz)).date(), local)
        for r in episode_rows
    ]
    intakes = [dict(r._mapping, day=r.taken_at.astimezone(tz).date()) for r in queries.intakes_between(conn, start, end)]
    all_adjustments = [_adjustment(r) for r in queries.adjustments_between(conn, start, end)]
    period_start, period_end = day_bounds(period.first, tz)[0], min(day_bounds(period.last, tz)[1], cutoff)
    in_period = [a for a in all_adjustments if a is not None and period_start <= a.at < period_end]
    previous = _adjustment(queries.adjustment_before(conn, period_start))
    following = _adjustment(queries.adjustment_after(conn, period_end))
    quiet = set(queries.quiet_days_between(conn, span_first, span_last))

    days: dict[dt.date, Day] = {}
    d = span_first
    while d <= span_last:
        s, e = day_bounds(d, tz)
        days[d] = Day(d, s.astimezone(UTC), e.astimezone(UTC), quiet=d in quiet, any_entry=d in quiet)
        d += DAY
    for e in episodes:
        if e.day in days:
            days[e.day].episodes += 1
            days[e.day].any_entry = True
    for i in intakes:
        if i["day"] in days:
            days[i["day"]].intake_rows += 1
            days[i["day"]].any_entry = True
    for a in all_adjustments:
        if a is not None and (day := a.at.astimezone(tz).date()) in days:
            days[day].any_entry = True
    for info in days.values():
        info.observed = info.episodes > 0 or info.quiet or (profile.logs_every_spasm and info.any_entry)

    return ReportData(
        period=period, requested=requested, tz=tz, profile=profile, window_days=window_days, cutoff=cutoff,
        episodes=episodes, intakes=intakes, adjustments=in_period, previous_adjustment=previous,
        next_adjustment=following, days=days, span_first=span_first, span_last=span_last,
    )
