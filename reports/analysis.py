"""The period's own numbers: its summary and logging delay, fluid and electrolytes on
complete days, and where and why. Pure functions from `ReportData` to small records.

Page 1's comparison is in reports/baseline.py, the visits' in reports/visits.py.
A day still in progress when the report is made counts in rates by its elapsed part and
is left out of the intake targets and the day-after-a-low-day counts (its totals and its
episodes are not all in yet).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from diary.nutrition import DayIntake, day_totals

from . import stats
from .data import ReportData
from .timeline import DAY

LATE = dt.timedelta(days=1)
AFTER_LOW = (("water_ml", "fluid"), ("potassium_mg", "potassium"), ("magnesium_mg", "magnesium"))


@dataclass(frozen=True)
class Summary:
    days: int
    observed_days: int
    spasm_days: int  # observed days with an episode
    quiet_days: int  # marked quiet and without any live episode
    episodes: int
    median_delay: dt.timedelta | None
    late: int  # logged a day or more after the episode started
    adjustments: int
    known_minutes: float
    unknown_durations: int


def summary(data: ReportData) -> Summary:
    days = [d for d in data.period_days() if d.start < data.end]
    delays = sorted(max(dt.timedelta(0), e.created_at - e.started_at) for e in data.episodes)
    median_delay = None
    if delays:
        mid = len(delays) // 2
        median_delay = delays[mid] if len(delays) % 2 else (delays[mid - 1] + delays[mid]) / 2
    known = [e.duration_s for e in data.episodes if e.duration_s is not None]
    return Summary(
        days=len(days), observed_days=sum(d.observed for d in days),
        # A quiet mark on a day that has an episode (old data, or an edit) says nothing: it has episodes.
        spasm_days=sum(d.spasm_day for d in days), quiet_days=sum(d.quiet and d.episodes == 0 for d in days),
        episodes=len(data.episodes),
        median_delay=median_delay, late=sum(d >= LATE for d in delays),
        adjustments=len(data.adjustments_between(data.start, data.end)),
        known_minutes=sum(known) / 60.0, unknown_durations=len(data.episodes) - len(known),
    )


# --- fluid and electrolytes, on complete days -------------------------------------------------------


def daily_intake(data: ReportData, days: Iterable[dt.date] | None = None) -> dict[dt.date, DayIntake]:
    """Each day's totals (diary.nutrition.day_totals, the sums `diary today` shows) for the
    days of `days` (default: the period's ended days) that have any intake logged. A day
    without intake is absent, never zero."""
    wanted = set(data.ended_days() if days is None else days)
    rows: dict[dt.date, list[Mapping[str, Any]]] = {}
    for row in data.intakes:
        if row["day"] in wanted:
            rows.setdefault(row["day"], []).append(row)
    return {day: day_totals(rows[day]) for day in sorted(rows)}


def complete_days(data: ReportData, days: Iterable[dt.date] | None = None) -> list[dt.date]:
    """The days (default: the period's ended days) whose food and drink were all logged:
    marked complete, or every day when the profile says so."""
    wanted = data.ended_days() if days is None else list(days)
    return [d for d in wanted if d in data.timeline and data.timeline.day(d).complete]


def complete_intake(data: ReportData) -> dict[dt.date, DayIntake]:
    """The totals of the period's complete days (a complete day with nothing logged is
    not counted: it has no intake to compare)."""
    return daily_intake(data, complete_days(data))


@dataclass(frozen=True)
class TargetCount:
    key: str
    days: int  # complete days with intake
    below: int  # known total below the goal, with no unknown values
    unclassified: int  # below the goal so far, but some values unknown: cannot say
    above_upper: int  # above the upper line (for magnesium: from supplements)
    median: float | None  # of the days with every value known
    known_days: int  # the days the median is of


def target_counts(daily: Mapping[dt.date, DayIntake], targets: Sequence[Any]) -> list[TargetCount]:
    """Per nutrient target (diary.targets.Target): days below the goal, above the upper line, the median day."""
    out = []
    for t in targets:
        below = unclassified = above = 0
        known: list[float] = []
        for day in daily.values():
            total = day[t.key]
            if t.goal is not None and total.total < t.goal:
                if total.at_least:
                    unclassified += 1
                else:
                    below += 1
            if t.upper is not None:
                value = total.supplements if t.upper_supplements_only else total.total
                above += value > t.upper  # a lower bound is enough to be above
            if not total.at_least:
                known.append(total.total)
        out.append(TargetCount(t.key, len(daily), below, unclassified, above, stats.median(known), len(known)))
    return out


@dataclass(frozen=True)
class AfterLowRow:
    label: str
    key: str
    low_days: int  # observed days whose previous day was complete and below the goal
    low_episodes: int
    other_days: int  # observed days whose previous day was complete and at or above the goal
    other_episodes: int
    unknown_days: int  # observed days whose previous day was not complete, or had unknown values


def after_low_days(data: ReportData, targets: Sequence[Any]) -> list[AfterLowRow]:
    """For fluid, potassium and magnesium: episodes on observed days after a complete day
    below the goal, against observed days after a complete day at or above it.
    Descriptive only. A day still in progress is not counted."""
    goals = {t.key: t.goal for t in targets}
    days = [data.timeline.day(d) for d in data.ended_days()]
    before = [d.day - DAY for d in days]
    previous = daily_intake(data, complete_days(data, [d for d in before if d in data.timeline]))
    out = []
    for key, label in AFTER_LOW:
        goal = goals.get(key)
        if goal is None:
            continue
        low_d = low_e = other_d = other_e = unknown = 0
        for day in days:
            if not day.observed:
                continue
            prev = previous.get(day.day - DAY)
            if prev is None or prev[key].at_least:
                unknown += 1
            elif prev[key].total < goal:
                low_d += 1
                low_e += day.episodes
            else:
                other_d += 1
                other_e += day.episodes
        out.append(AfterLowRow(label, key, low_d, low_e, other_d, other_e, unknown))
    return out


# --- where and why ---------------------------------------------------------------------------------


def by_site_side(data: ReportData) -> tuple[list[str], list[str], dict[tuple[str, str], int], dict[str, float | None]]:
    """Sites (most frequent first), sides, counts by (site, side), median intensity by site."""
    counts: Counter[tuple[str, str]] = Counter()
    by_site: dict[str, list[int]] = {}
    for e in data.episodes:
        s = e.site or "not given"
        counts[(s, e.side or "not given")] += 1
        by_site.setdefault(s, []).append(e.intensity)
    sites = sorted(by_site, key=lambda s: (-len(by_site[s]), s == "not given", s))
    side_order = ["left", "right", "both", "centre", "not given"]
    sides = [s for s in side_order if any(k[1] == s for k in counts)]
    return sites, sides, dict(counts), {s: stats.median(v) for s, v in by_site.items()}


def by_trigger(data: ReportData) -> list[tuple[str, int, float | None]]:
    """(trigger, episodes, median intensity), most frequent first; 'none given' last."""
    found: dict[str, list[int]] = {}
    for e in data.episodes:
        for name in e.triggers or ("none given",):
            found.setdefault(name, []).append(e.intensity)
    names = sorted(found, key=lambda s: (s == "none given", -len(found[s]), s))
    return [(n, len(found[n]), stats.median(found[n])) for n in names]
