"""Around each visit (adjustment): a descriptive table per visit, and pooled comparisons.

With weekly visits the 7 days after one visit are the 7 days before the next, so
per-visit ratios telescope into week-to-week noise; the report gives per visit only the
counts, and compares windows pooled over the visits of the last 3 months:

- within the cycle: days 1-3 after a visit (24 to 96 h) against days 4-7 (96 to 192 h),
  day 0 (the first 24 h) set apart;
- reaction: the first 24 h after visits against the other observed time of care in
  those months;
- flare: the 3 days before visits against the other observed time of care in those months.

Windows are measured in hours from the visit and cut at the neighbouring visit and where
the data stop. Adjustments less than 48 h after a visit's first are analysed as one visit
(at the first's time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from . import stats
from .data import POOLED_MONTHS, Adjustment, ReportData, day_bounds, month_start
from .stats import Rate, RateRatio, Unit
from .timeline import DAY, Timeline

MERGE = dt.timedelta(hours=48)
REACTION = dt.timedelta(hours=24)
EARLY = (1, 4)  # days since the visit: day 1 to day 3 (24 h to 96 h)
LATE = (4, 8)  # day 4 to day 7 (96 h to 192 h)
FLARE = dt.timedelta(days=3)
CYCLE_DAYS = 8  # the days-since-visit chart: day 0 (the first 24 h) to day 7
MIN_SIDE_DAYS = 3.0
MIN_EPISODES = 10


@dataclass(frozen=True)
class Visit:
    """One visit, or several within 48 h of each other analysed as one."""

    adjustments: tuple[Adjustment, ...]

    @property
    def at(self) -> dt.datetime:
        return self.adjustments[0].at

    @property
    def merged(self) -> bool:
        return len(self.adjustments) > 1


def group_visits(adjustments: Sequence[Adjustment]) -> list[Visit]:
    """Adjustments in time order, those less than 48 h after the first of a visit joined to it.

    Counted from the visit's first adjustment, not the one before, so a chain of visits two
    days apart (three a week) is never one visit; and two days later at the same hour
    (Monday 10:00, Wednesday 10:00) is a visit of its own."""
    groups: list[list[Adjustment]] = []
    for a in sorted(adjustments, key=lambda a: (a.at, a.id)):
        if groups and a.at - groups[-1][0].at < MERGE:
            groups[-1].append(a)
        else:
            groups.append([a])
    return [Visit(tuple(g)) for g in groups]


# --- per visit: counts only -----------------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    start: dt.datetime
    end: dt.datetime
    episodes: int
    spasm_days: int
    observed_days: float

    @property
    def length_days(self) -> float:
        return (self.end - self.start) / DAY


@dataclass(frozen=True)
class VisitRow:
    number: int
    visit: Visit
    before: Side
    after: Side


def _side(timeline: Timeline, start: dt.datetime, end: dt.datetime) -> Side:
    end = max(start, min(end, timeline.end))
    return Side(start, end, timeline.count(start, end), timeline.spasm_days(start, end), timeline.exposure(start, end))


def visit_rows(data: ReportData) -> list[VisitRow]:
    """Each visit of the period with the episodes, spasm days and observed days in the
    `window_days` x 24 h before and after it, cut at the neighbouring visits, at the start
    of what the report read and where the data stop."""
    visits = group_visits(data.adjustments)
    width = data.window_days * DAY
    floor = data.timeline.days[0].start
    rows: list[VisitRow] = []
    for i, v in enumerate(visits):
        if not data.start <= v.at < data.end:
            continue
        before_start = max(v.at - width, floor, visits[i - 1].at if i > 0 else floor)
        after_end = min(v.at + width, visits[i + 1].at if i + 1 < len(visits) else data.end)
        rows.append(VisitRow(len(rows) + 1, v, _side(data.timeline, before_start, v.at),
                             _side(data.timeline, v.at, after_end)))
    return rows


def close_visits(data: ReportData) -> list[Visit]:
    """The period's visits made of adjustments within 48 h of each other."""
    return [r.visit for r in visit_rows(data) if r.visit.merged]


# --- pooled over the visits of the last 3 months ---------------------------------------------------


@dataclass(frozen=True)
class Pooled:
    """Windows around the visits of the pooled months against other observed time."""

    visits: int
    first: dt.date  # the pooled stretch of days
    last: dt.date
    this: Unit
    other: Unit
    ratio: RateRatio | None  # this / other
    too_little: str | None

    @property
    def flagged(self) -> bool:
        """Flagged only when the whole interval lies above 1."""
        return self.too_little is None and self.ratio is not None and self.ratio.low > 1.0


def pooled_span(data: ReportData) -> tuple[dt.datetime, dt.datetime]:
    """From the first day of the month two months before the period's last (or the day
    care began, when later) to where the data stop."""
    first = month_start(data.period.last, POOLED_MONTHS - 1)
    if data.care_began is not None and data.care_began > first:
        first = data.care_began
    first = max(first, data.timeline.first)
    return day_bounds(first, data.tz)[0], data.end


def visits_between(data: ReportData, start: dt.datetime, end: dt.datetime) -> list[Visit]:
    """The visits in [start, end)."""
    return [v for v, _, _ in _visits_in(data, start, end)]


def span_days(data: ReportData, span: tuple[dt.datetime, dt.datetime]) -> tuple[dt.date, dt.date]:
    """The first and last local day of a span of instants."""
    return span[0].astimezone(data.tz).date(), (span[1] - dt.timedelta(microseconds=1)).astimezone(data.tz).date()


def _visits_in(data: ReportData, start: dt.datetime, end: dt.datetime) -> list[tuple[Visit, dt.datetime | None,
                                                                                   dt.datetime]]:
    """(visit, the previous visit's time or None, the next visit's time or `end`) in [start, end)."""
    visits = group_visits(data.adjustments)
    out = []
    for i, v in enumerate(visits):
        if start <= v.at < end:
            prev = visits[i - 1].at if i > 0 else None
            nxt = visits[i + 1].at if i + 1 < len(visits) else end
            out.append((v, prev, min(nxt, end)))
    return out


def _sum(units: Sequence[Unit]) -> Unit:
    return Unit(sum(u.episodes for u in units), sum(u.exposure for u in units))


def _compare(this: list[Unit], other: list[Unit], visits: int, span: tuple[dt.datetime, dt.datetime],
             data: ReportData) -> Pooled:
    a, b = _sum(this), _sum(other)
    why = None
    if visits == 0:
        why = "no visit in these months"
    elif min(a.exposure, b.exposure) < MIN_SIDE_DAYS:
        why = f"fewer than {MIN_SIDE_DAYS:g} observed days on a side"
    elif a.episodes + b.episodes < MIN_EPISODES:
        why = f"fewer than {MIN_EPISODES} episodes on both sides together"
    ratio = None if why else stats.rate_ratio(this, other)
    first, last = span_days(data, span)
    return Pooled(visits, first, last, a, b, ratio, why)


def _windows(data: ReportData, from_k: float, to_k: float) -> tuple[list[tuple[dt.datetime, dt.datetime]], int]:
    """[visit + from_k days, visit + to_k days) for each visit of the pooled span, cut at the next visit."""
    start, end = pooled_span(data)
    visits = _visits_in(data, start, end)
    windows = []
    for v, _, nxt in visits:
        s, e = v.at + from_k * DAY, min(v.at + to_k * DAY, nxt)
        if e > s:
            windows.append((s, e))
    return windows, len(visits)


def within_cycle(data: ReportData) -> Pooled:
    """Days 1-3 after the visits against days 4-7 (the first 24 h apart)."""
    early, n = _windows(data, *EARLY)
    late, _ = _windows(data, *LATE)
    span = pooled_span(data)
    return _compare(data.timeline.window_units(early), data.timeline.window_units(late), n, span, data)


def reaction(data: ReportData) -> Pooled:
    """The first 24 h after the visits against the other observed time of care in those months."""
    windows, n = _windows(data, 0, REACTION / DAY)
    span = pooled_span(data)
    other = data.timeline.gap_units(windows, *span)
    return _compare(data.timeline.window_units(windows), other, n, span, data)


def flare(data: ReportData) -> Pooled:
    """The 3 days before the visits against the other observed time of care in those months."""
    span = pooled_span(data)
    windows = []
    visits = _visits_in(data, *span)
    for v, prev, _ in visits:
        s = max(v.at - FLARE, span[0], prev if prev is not None else span[0])
        if v.at > s:
            windows.append((s, v.at))
    other = data.timeline.gap_units(windows, *span)
    return _compare(data.timeline.window_units(windows), other, len(visits), span, data)


@dataclass(frozen=True)
class CycleDay:
    day: int  # 0 = the first 24 h after a visit
    visits: int  # visits whose cycle reaches this day
    rate: Rate | None


def cycle_days(data: ReportData) -> list[CycleDay]:
    """Episodes per observed day by day since the visit, pooled over the last 3 months' visits
    (up to the last day that any visit's cycle reaches: with weekly visits, day 6), each day's
    interval the exact one widened by the dispersion of all the days' windows together
    (`stats.rates`: a day has only as many windows as visits, too few to scale on its own)."""
    counted, groups = [], []
    for k in range(CYCLE_DAYS):
        windows, _ = _windows(data, k, k + 1)
        counted.append(len(windows))
        groups.append(data.timeline.window_units(windows))
    out = [CycleDay(k, n, r) for k, (n, r) in enumerate(zip(counted, stats.rates(groups), strict=True))]
    while out and out[-1].visits == 0:
        out.pop()
    return out
