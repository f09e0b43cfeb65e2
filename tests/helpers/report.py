"""Simulated diaries for the report's statistical checks, built straight into the report's
data structures (no database), so hundreds of them take seconds.

A simulated diary: 4 weeks of baseline (4-31 Jan 2026), then care from 1 Feb with 8 weekly
visits (1 Feb to 22 Mar, 10:00), and days to 31 Mar, in UTC; the report is of March.
Each day has a Poisson (or negative binomial) number of episodes at random times, each
with an intensity drawn from the same distribution throughout; about 5% of days have
nothing logged (unobserved).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np

from diary.profile import Profile
from diary.reports import baseline as page1
from diary.reports import visits
from diary.reports.data import Adjustment, Period, ReportData, build_timeline

UTC = ZoneInfo("UTC")
FIRST = dt.date(2026, 1, 1)
CARE = dt.date(2026, 2, 1)
LAST = dt.date(2026, 3, 31)
MARCH = Period.month(2026, 3)
VISITS = [dt.datetime(2026, 2, 1, 10, tzinfo=UTC) + dt.timedelta(weeks=k) for k in range(8)]


def simulate(seed: int, *, rate: float = 2.0, after: float | None = None, nb: bool = False,
             unobserved: float = 0.05) -> ReportData:
    """One simulated diary: `rate` episodes a day, `after` a day from care on (default the
    same); negative binomial with variance twice the mean when `nb`."""
    rng = np.random.default_rng(seed)
    after = rate if after is None else after
    days = [FIRST + dt.timedelta(days=i) for i in range((LAST - FIRST).days + 1)]
    lam = np.array([after if d >= CARE else rate for d in days])
    if nb:  # a gamma-distributed day rate with mean lam and variance lam: counts with variance 2 lam
        lam = rng.gamma(lam, 1.0)
    counts = rng.poisson(lam)
    logged = (rng.random(len(days)) >= unobserved) & np.array([d >= dt.date(2026, 1, 4) for d in days])
    total = int(counts.sum())
    seconds, intensities = rng.integers(0, 86400, total), np.clip(np.round(rng.normal(5.5, 1.8, total)), 1, 10)
    marks, quiet, k = [], [], 0
    for day, n, seen in zip(days, counts.tolist(), logged.tolist(), strict=True):
        if seen:
            midnight = dt.datetime.combine(day, dt.time(0), tzinfo=UTC)
            marks += sorted((midnight + dt.timedelta(seconds=int(s)), int(i))
                            for s, i in zip(seconds[k:k + n], intensities[k:k + n], strict=True))
            if n == 0:
                quiet.append(day)
        k += n
    end = dt.datetime(2026, 4, 1, tzinfo=UTC)
    timeline = build_timeline(FIRST, LAST, UTC, end, marks, quiet=quiet)
    return ReportData(
        period=MARCH, requested=MARCH, tz=UTC, profile=Profile(), window_days=7, cutoff=end, timeline=timeline,
        care_began=CARE, care_source="adjustment", baseline=timeline.slice(dt.date(2026, 1, 4), dt.date(2026, 1, 31)),
        adjustments=[Adjustment(k + 1, at, None, None, None) for k, at in enumerate(VISITS)], trend_first=FIRST,
    )


@dataclass(frozen=True)
class Said:
    """What the report says about one simulated diary."""

    claims_change: bool  # page 1 calls any measure changed against the baseline
    flags: bool  # page 1 flags a reaction after visits or a flare before them
    important: bool  # "reaches the size patients rate as important"
    fewer_episodes: bool  # episodes per observed day called lower (the interval below 1)


def said(data: ReportData) -> Said:
    answer = page1.answer(data)
    comparison = answer.comparison
    assert comparison is not None and comparison.against == "baseline"
    episodes = comparison.change("episodes")
    return Said(
        claims_change=comparison.any_called,
        flags=visits.reaction(data).flagged or visits.flare(data).flagged,
        important=comparison.change("intensity").important,
        fewer_episodes=episodes.called and episodes.ratio is not None and episodes.ratio.high < 1,
    )


# --- a diary with a baseline, for the PDF's numbers ------------------------------------------------

BERLIN = ZoneInfo("Europe/Berlin")
CARE_BEGAN = dt.date(2026, 10, 1)
BASELINE = (dt.date(2026, 9, 3), dt.date(2026, 9, 30))
CARE_VISITS = [dt.datetime(2026, 10, 1, 10, tzinfo=BERLIN) + dt.timedelta(weeks=k) for k in range(9)]
DUPLICATE_VISIT = dt.datetime(2026, 11, 12, 20, tzinfo=BERLIN)  # 10 h after the visit that morning
EPISODE_HOURS = (8, 14, 20)
# Intensities of a day's episodes by how many it has, in each stretch.
INTENSITIES = {"baseline": {1: [6], 2: [7, 5], 3: [8, 6, 5]}, "october": {1: [5], 2: [6, 4]},
               "november": {1: [4], 2: [5, 3]}}
PATTERNS = {"baseline": (2, 3, 1, 2, 0, 3, 1), "october": (1, 2, 0, 1, 2, 1, 0), "november": (1, 0, 2, 0, 0, 1, 1)}
UNOBSERVED = {dt.date(2026, 9, d) for d in (5, 12, 19, 26)} | {dt.date(2026, 11, d) for d in (14, 19, 28)}


def care_plan(day: dt.date) -> list[int] | None:
    """The intensities of the episodes on `day` ([] for a quiet day), or None for a day with
    no spasm record (19 Nov has only its visit)."""
    if day < BASELINE[0] or day in UNOBSERVED:
        return None
    stretch = "baseline" if day < CARE_BEGAN else "october" if day.month == 10 else "november"
    first = {"baseline": BASELINE[0], "october": CARE_BEGAN, "november": dt.date(2026, 11, 1)}[stretch]
    if day.month == 12:
        stretch, first = "november", dt.date(2026, 12, 1)
    n = PATTERNS[stretch][(day - first).days % 7]
    return list(INTENSITIES[stretch][n]) if n else []


def care_days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def build_care_diary(location: str, *, last: dt.date = dt.date(2026, 12, 9)) -> None:
    """Write the diary of `care_plan` from 3 Sep to `last` into an empty diary at `location`:
    episodes at 08:00, 14:00 and 20:00 logged 10 minutes later (the 14:00 one of each
    Tuesday 30 h later), quiet marks on days without spasms, weekly visits from 1 Oct."""
    from diary import entries
    from diary.profile import set_profile
    from diary.storage import open_diary

    def at(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour), tzinfo=BERLIN)

    with open_diary(location) as store:
        set_profile(store, at(BASELINE[0], 7), {"name": "Care Patient", "sex": "female", "birth_year": 1979,
                                                "timezone": "Europe/Berlin"})
        for day in care_days(BASELINE[0], last):
            planned = care_plan(day)
            if planned is None:
                continue
            if not planned:
                entries.mark_quiet(store, at(day, 22), day, BERLIN)
            for hour, intensity in zip(EPISODE_HOURS, planned, strict=False):
                started = at(day, hour)
                late = day.weekday() == 1 and hour == 14
                logged = started + (dt.timedelta(hours=30) if late else dt.timedelta(minutes=10))
                entries.log_episode(store, logged, started_at=started, intensity=intensity, duration_s=60,
                                    site="lower-back", side="left")
        for visit in [*CARE_VISITS, DUPLICATE_VISIT]:
            if visit.date() <= last:
                entries.log_adjustment(store, visit + dt.timedelta(hours=1), at=visit, provider="Dr. Lee")


def mark_complete(store: object, now: dt.datetime, day: dt.date) -> int:
    """Say `day`'s food and drink were all logged (diary.days.mark_complete, in Berlin)."""
    from diary.days import mark_complete as mark

    entry_id, _ = mark(store, now, day, BERLIN)  # type: ignore[arg-type]
    return entry_id
