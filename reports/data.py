"""A report's data, fetched through diary/queries.py and laid out by local day.

The period is a range of local calendar days in the diary's timezone, and the period is
the period: nothing dated after its last day is read (nor after the moment the report is
made), so the same diary gives the same report of a finished month whenever it is made.
Besides the period the report reads only what it shows: the months of the trend (up to
12, through the time indexes), the days before the period that a visit's window reaches,
and the 28 days of the baseline before care began. Never the whole history.

Plain lists of small records, not DataFrames: the report then starts without pandas.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from diary import queries
from diary.profile import Profile, profile_from_row
from diary.vocab import KINDS

from .timeline import DAY, Day, Timeline, whole_days

UTC = dt.UTC
BASELINE_DAYS = 28
TREND_MONTHS = 12
POOLED_MONTHS = 3  # the visits of the last 3 months are pooled around each visit


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
        prev = today.replace(day=1) - DAY
        return cls.month(prev.year, prev.month)

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"period ends ({self.last}) before it starts ({self.first})")

    @property
    def n_days(self) -> int:
        return (self.last - self.first).days + 1

    def days(self) -> list[dt.date]:
        return whole_days(self.first, self.last)

    def is_month(self) -> bool:
        return self == Period.month(self.first.year, self.first.month)

    def previous(self) -> Period:
        """The calendar month before a month; else the same number of days before."""
        if self.is_month():
            before = self.first - DAY
            return Period.month(before.year, before.month)
        return Period(self.first - self.n_days * DAY, self.first - DAY)

    def label(self) -> str:
        """'November 2026' for a whole month, else '3 Nov 2026 to 20 Nov 2026' ('3 Nov 2026' for one day)."""
        if self.is_month():
            return f"{self.first:%B %Y}"
        if self.first == self.last:
            return day_label(self.first)
        return f"{day_label(self.first)} to {day_label(self.last)}"

    def short(self) -> str:
        """'Nov 2026' for a month, else '3–20 Nov' or '25 Oct–20 Nov' ('3 Nov' for one day): short
        enough for a column head of page 1's table, where '1 Nov to 25 Nov' wrapped."""
        if self.is_month():
            return f"{self.first:%b %Y}"
        if self.first == self.last:
            return f"{self.first.day} {self.first:%b}"
        if (self.first.year, self.first.month) == (self.last.year, self.last.month):
            return f"{self.first.day}–{self.last.day} {self.last:%b}"
        return f"{self.first.day} {self.first:%b}–{self.last.day} {self.last:%b}"

    def slug(self) -> str:
        """The file-name part: '2026-11' or '2026-11-03_2026-11-20'."""
        return f"{self.first:%Y-%m}" if self.is_month() else f"{self.first.isoformat()}_{self.last.isoformat()}"


def day_label(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def month_start(day: dt.date, back: int = 0) -> dt.date:
    """The first day of the month `back` months before the month of `day`."""
    y, m = divmod(day.year * 12 + day.month - 1 - back, 12)
    return dt.date(y, m + 1, 1)


def day_bounds(day: dt.date, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants where a local day starts and the next one starts (23 or 25 h apart across DST)."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=tz).astimezone(UTC)
    end = dt.datetime.combine(day + DAY, dt.time(0), tzinfo=tz).astimezone(UTC)
    return start, end


@dataclass(frozen=True)
class Adjustment:
    id: int
    at: dt.datetime
    provider: str | None
    region: str | None
    note: str | None


@dataclass(frozen=True)
class Episode:
    """One live episode of the period as the report shows it; `local` is in the diary's timezone."""

    id: int
    started_at: dt.datetime
    intensity: int
    duration_s: int | None  # None: unknown, never zero
    duration_approximate: bool
    site: str | None
    side: str | None
    relieved_by: str | None
    note: str | None
    created_at: dt.datetime
    triggers: tuple[str, ...]
    local: dt.datetime

    @property
    def day(self) -> dt.date:
        return self.local.date()


@dataclass(frozen=True)
class Measures:
    """The measures beside the counts (diary pgic, peg, med, reaction), as read for the report."""

    pgic: list[tuple[dt.datetime, int]] = field(default_factory=list)  # over the trend's months
    peg: list[tuple[dt.datetime, int, int, int]] = field(default_factory=list)  # the trend's months and the baseline
    medication: list[tuple[dt.datetime, str, str | None]] = field(default_factory=list)  # the same
    reactions: list[tuple[dt.datetime, str, int]] = field(default_factory=list)  # the period


@dataclass
class ReportData:
    """Everything one report shows."""

    period: Period  # cut at the day the report is made when it reaches past it
    requested: Period
    tz: ZoneInfo
    profile: Profile
    window_days: int
    cutoff: dt.datetime  # the moment the report is made: nothing after it counts
    timeline: Timeline  # from the trend's first month (or the visit windows before the period) to the period's end
    care_began: dt.date | None  # the first day of care
    care_source: str | None  # "profile" or "adjustment"
    baseline: Timeline | None  # the 28 days before care began
    adjustments: list[Adjustment]  # over the timeline's days, oldest first
    trend_first: dt.date  # the first month of the trend (up to 12 months, from the diary's first record)
    episodes: list[Episode] = field(default_factory=list)  # the period's, oldest first
    intakes: list[dict[str, Any]] = field(default_factory=list)  # the period's and the day before's, with `day`
    measures: Measures = field(default_factory=Measures)

    @property
    def observed_rule(self) -> str:
        if self.profile.logs_every_spasm:
            return ("a day counts as observed when anything was logged on it (the profile says every spasm is "
                    "logged on any day the diary is used)")
        return ("a day counts as observed when it has a spasm logged or is marked quiet (no spasms); a day with "
                "only food, drink, an adjustment or other entries is unobserved, not spasm-free")

    @property
    def label(self) -> str:
        """The period as the report names it: 'November 2026', or 'November 2026 so far' when
        the report is made before the month asked for has ended."""
        if self.period == self.requested:
            return self.period.label()
        if self.requested.is_month():
            return f"{self.requested.label()} so far"
        return f"{self.period.label()} so far"

    @property
    def made_at(self) -> dt.datetime:
        return self.cutoff

    @property
    def end(self) -> dt.datetime:
        """Where the period's data stop: its last day's end, or the moment the report is made."""
        return self.timeline.end

    @property
    def start(self) -> dt.datetime:
        return self.timeline.day(self.period.first).start

    def period_days(self) -> list[Day]:
        return self.timeline.between(self.period.first, self.period.last)

    @property
    def in_progress(self) -> Day | None:
        """The period's last day when the report is made during it: not a whole day of data."""
        last = self.timeline.day(self.period.last)
        return last if self.cutoff < last.end else None

    @property
    def in_progress_share(self) -> float:
        day = self.in_progress
        if day is None:
            return 1.0
        return max(0.0, (self.cutoff - day.start) / (day.end - day.start))

    def ended_days(self) -> list[dt.date]:
        """The period's days that have ended (all of them, unless one is still in progress)."""
        today = self.in_progress
        return [d for d in self.period.days() if today is None or d != today.day]

    def adjustments_between(self, start: dt.datetime, end: dt.datetime) -> list[Adjustment]:
        return [a for a in self.adjustments if start <= a.at < end]


def load_profile(conn: Connection) -> Profile:
    row = queries.profile(conn)
    return Profile() if row is None else profile_from_row(dict(row._mapping))


def build_timeline(first: dt.date, last: dt.date, tz: ZoneInfo, end: dt.datetime,
                   marks: Iterable[tuple[dt.datetime, int]], *, quiet: Iterable[dt.date] = (),
                   other: Iterable[dt.date] = (), complete: Iterable[dt.date] = (), every_spasm: bool = False,
                   always_complete: bool = False) -> Timeline:
    """Days `first` to `last` with the episodes `marks` (started_at, intensity; oldest
    first), quiet days, days with `other` entries and days marked complete, up to `end`."""
    days: dict[dt.date, Day] = {}
    for d in whole_days(first, last):
        s, e = day_bounds(d, tz)
        days[d] = Day(d, s, e)
    for d in quiet:
        if d in days:
            days[d].quiet = days[d].any_entry = True
    for d in other:
        if d in days:
            days[d].any_entry = True
    for d in complete:
        if d in days:
            days[d].complete = True
    times, intensities = [], []
    for at, intensity in marks:
        if at >= end:
            continue
        day = days.get(at.astimezone(tz).date())
        if day is None:
            continue
        times.append(at)
        intensities.append(intensity)
        day.episodes += 1
        day.any_entry = True
        day.worst = intensity if day.worst is None else max(day.worst, intensity)
    for info in days.values():
        info.observed = info.start < end and (info.episodes > 0 or info.quiet or (every_spasm and info.any_entry))
        info.complete = info.complete or always_complete
    return Timeline(list(days.values()), times, intensities, end)


def _local_day(at: dt.datetime, tz: ZoneInfo) -> dt.date:
    return at.astimezone(tz).date()


def load_timeline(conn: Connection, first: dt.date, last: dt.date, tz: ZoneInfo, end: dt.datetime,
                  profile: Profile) -> Timeline:
    """The days `first` to `last` of the diary on `conn`, nothing at or after `end`."""
    start = day_bounds(first, tz)[0]
    stop = min(day_bounds(last, tz)[1], end)
    marks = [(r.started_at, int(r.intensity)) for r in queries.episode_marks_between(conn, start, stop)]
    other: list[dt.date] = []
    if profile.logs_every_spasm:  # only then does a day with other entries count as observed
        for kind in KINDS:
            if kind.name == "spasm":
                continue
            if kind.time_column == "day":
                other += [d for d in queries.days_between(conn, kind.name, first, last)
                          if day_bounds(d, tz)[0] < stop]
            else:
                other += [_local_day(t, tz) for t in queries.entry_times_between(conn, kind.name, start, stop)]
    return build_timeline(
        first, last, tz, stop, marks, quiet=queries.quiet_days_between(conn, first, last), other=other,
        complete=queries.complete_days_between(conn, first, last), every_spasm=profile.logs_every_spasm,
        always_complete=profile.always_complete)


def care_began(conn: Connection, profile: Profile, tz: ZoneInfo,
               end: dt.datetime) -> tuple[dt.date | None, str | None]:
    """The first day of care: the profile's date, else the day of the first adjustment before
    `end` (the period is the period: an adjustment dated after it does not change its report)."""
    if profile.care_began is not None:
        return profile.care_began, "profile"
    first = queries.first_adjustment(conn, before=end)
    return (None, None) if first is None else (_local_day(first, tz), "adjustment")


def first_record(conn: Connection, tz: ZoneInfo) -> dt.date | None:
    """The first day with a spasm or a quiet mark (the first day anything could be observed)."""
    found = [d for d in (queries.first_quiet_day(conn),) if d is not None]
    episode = queries.first_episode(conn)
    if episode is not None:
        found.append(_local_day(episode, tz))
    return min(found) if found else None


def _adjustment(row: Any) -> Adjustment:
    return Adjustment(int(row.id), row.at, row.provider, row.region, row.note)


def load(conn: Connection, requested: Period, *, window_days: int, cutoff: dt.datetime,
         tz: ZoneInfo | None = None) -> ReportData:
    """Read what the report of `requested` shows from the diary on `conn`, as of `cutoff`."""
    profile = load_profile(conn)
    tz = tz or profile.zone()
    today = _local_day(cutoff, tz)
    if requested.first > today:
        raise ValueError(f"the period starts on {requested.first}, after today ({today}): nothing to report yet")
    period = Period(requested.first, min(requested.last, today))
    end = min(day_bounds(period.last, tz)[1], cutoff)
    began, source = care_began(conn, profile, tz, end)
    recorded = first_record(conn, tz) or period.first
    trend_first = max(month_start(period.last, TREND_MONTHS - 1), month_start(min(recorded, period.first)))
    first = min(trend_first, month_start(period.last, POOLED_MONTHS - 1), requested.previous().first,
                period.first - (window_days + 1) * DAY)
    timeline = load_timeline(conn, first, period.last, tz, end, profile)
    baseline = None
    if began is not None and began <= period.last:  # care that began after the period has no baseline for it
        b_first, b_last = began - BASELINE_DAYS * DAY, began - DAY
        if first <= b_first and b_last <= period.last:
            baseline = timeline.slice(b_first, b_last)
        elif b_first <= period.last:
            baseline = load_timeline(conn, b_first, b_last, tz, min(end, day_bounds(b_last, tz)[1]), profile)

    start = timeline.day(period.first).start
    triggers: dict[int, list[str]] = {}
    for r in queries.episode_triggers_between(conn, start, end):
        triggers.setdefault(int(r.episode_id), []).append(r.name)
    episodes = [
        Episode(int(r.id), r.started_at, int(r.intensity), None if r.duration_s is None else int(r.duration_s),
                bool(r.duration_approximate), r.site, r.side, r.relieved_by, r.note, r.created_at,
                tuple(triggers.get(int(r.id), ())), r.started_at.astimezone(tz))
        for r in queries.episodes_between(conn, start, end)
    ]
    intake_start = day_bounds(period.first - DAY, tz)[0]
    intakes = [dict(r._mapping, day=_local_day(r.taken_at, tz))
               for r in queries.intakes_between(conn, intake_start, end)]
    span_start = timeline.days[0].start
    adjustments = [_adjustment(r) for r in queries.adjustments_between(conn, span_start, end)]
    measures = load_measures(conn, span_start, start, end, baseline)
    return ReportData(
        period=period, requested=requested, tz=tz, profile=profile, window_days=window_days, cutoff=cutoff,
        timeline=timeline, care_began=began, care_source=source, baseline=baseline, adjustments=adjustments,
        trend_first=trend_first, episodes=episodes, intakes=intakes, measures=measures,
    )


def load_measures(conn: Connection, span_start: dt.datetime, period_start: dt.datetime, end: dt.datetime,
                  baseline: Timeline | None) -> Measures:
    """PGIC, PEG and medication over the timeline's months (and the baseline), reactions in the period."""
    spans = [(span_start, end)]
    if baseline is not None and baseline.days[0].start < span_start:
        spans.insert(0, (baseline.days[0].start, min(baseline.end, span_start)))
    peg, medication = [], []
    for s, e in spans:
        peg += [(r.at, int(r.pain), int(r.enjoyment), int(r.activity)) for r in queries.peg_between(conn, s, e)]
        medication += [(r.taken_at, r.name, r.dose) for r in queries.medication_between(conn, s, e)]
    pgic = [(r.at, int(r.score)) for r in queries.pgic_between(conn, span_start, end)]
    reactions = [(r.at, r.symptom, int(r.intensity)) for r in queries.reactions_between(conn, period_start, end)]
    return Measures(pgic, peg, medication, reactions)
