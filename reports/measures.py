"""The measures beside the counts (issue 12): the impression of change (PGIC), the weekly
PEG, acute medication, night spasms and reactions after visits, from `ReportData.measures`
and the period's episodes. Pure functions; page 1 reads medication days and PEG as two
more rows of its table (reports/baseline.py), the measures page the rest.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from diary.measures import REACTION_WINDOW, pgic_answer

from .data import ReportData
from .timeline import Timeline
from .visits import Visit, group_visits


def medication_days(data: ReportData, timeline: Timeline, first: dt.date, last: dt.date) -> int:
    """Observed days from `first` to `last` with any acute medication taken (the headache-diary
    standard counts days, not doses)."""
    days = {at.astimezone(data.tz).date() for at, _, _ in data.measures.medication}
    return sum(1 for d in timeline.between(first, last) if d.observed and d.day in days and d.start < timeline.end)


def peg_scores(data: ReportData, timeline: Timeline, first: dt.date, last: dt.date) -> tuple[float, ...]:
    """The PEG scores (the mean of the three items) answered from `first` to `last` (the
    days of them the timeline has)."""
    days = timeline.between(first, last)
    if not days:
        return ()
    start, end = days[0].start, min(days[-1].end, timeline.end)
    return tuple((p + e + a) / 3 for at, p, e, a in data.measures.peg if start <= at < end)


@dataclass(frozen=True)
class Impression:
    at: dt.datetime
    score: int

    @property
    def words(self) -> str:
        return pgic_answer(self.score)


def impressions(data: ReportData) -> list[Impression]:
    """Every impression of change given over the months the report reads, oldest first."""
    return [Impression(at, score) for at, score in data.measures.pgic]


@dataclass(frozen=True)
class Taken:
    name: str
    doses: tuple[str, ...]  # as said, each once
    times: int
    days: int


def taken(data: ReportData) -> list[Taken]:
    """What acute medication was taken in the period, most often first."""
    by_name: dict[str, list[tuple[dt.date, str | None]]] = {}
    for at, name, dose in data.measures.medication:
        if data.start <= at < data.end:
            by_name.setdefault(name, []).append((at.astimezone(data.tz).date(), dose))
    out = [Taken(name, tuple(dict.fromkeys(d for _, d in rows if d)), len(rows), len({day for day, _ in rows}))
           for name, rows in by_name.items()]
    return sorted(out, key=lambda t: (-t.times, t.name))


@dataclass(frozen=True)
class Nights:
    window: tuple[dt.time, dt.time]
    from_profile: bool
    night: int
    episodes: int
    by_hour: tuple[int, ...]  # 24 counts of start times by local hour


def in_window(t: dt.time, start: dt.time, end: dt.time) -> bool:
    """Whether a clock time is in [start, end), a window that may run past midnight."""
    return start <= t < end if start <= end else t >= start or t < end


def nights(data: ReportData) -> Nights:
    """Episodes of the period that started in the sleep window, and all starts by hour."""
    start, end = data.profile.sleep_window()
    hours = [0] * 24
    night = 0
    for e in data.episodes:
        hours[e.local.hour] += 1
        night += in_window(e.local.time(), start, end)
    from_profile = bool(data.profile.sleep_start and data.profile.sleep_end)
    return Nights((start, end), from_profile, night, len(data.episodes), tuple(hours))


@dataclass(frozen=True)
class VisitReactions:
    visit: Visit
    reactions: tuple[tuple[dt.datetime, str, int], ...]  # at, symptom, intensity


def reactions_by_visit(data: ReportData) -> tuple[list[VisitReactions], Counter[str]]:
    """The period's visits, each with the reactions logged in the 72 h after it (a reaction
    belongs to the latest visit before it), and the count of each symptom."""
    visits = [v for v in group_visits(data.adjustments) if data.start <= v.at < data.end]
    found: dict[int, list[tuple[dt.datetime, str, int]]] = {i: [] for i in range(len(visits))}
    for r in sorted(data.measures.reactions):
        before = [i for i, v in enumerate(visits) if v.at <= r[0] < v.at + REACTION_WINDOW]
        if before:
            found[before[-1]].append(r)
    symptoms: Counter[str] = Counter(symptom for rows in found.values() for _, symptom, _ in rows)
    return [VisitReactions(v, tuple(found[i])) for i, v in enumerate(visits)], symptoms
