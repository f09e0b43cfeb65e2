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
