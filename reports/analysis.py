"""What the report says, computed from a period's data (reports/data.py).

Pure functions from `ReportData` to small dataclasses of numbers; the PDF only formats
them. Windows around an adjustment are measured in hours from the adjustment itself
(7 days = 7 x 24 h), and exposure in observed days, a day counting by the share of it
inside the window (so an adjustment at 10:00 splits its day between before and after).

A day still in progress when the report is made (a month reported before it ends) counts
in every rate by the part of it that had passed, and is left out of the intake targets
and of the day-after-a-low-day counts, since its totals and its episodes are not in yet.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from diary.nutrition import DayIntake, day_totals
from diary.reports import stats
from diary.reports.data import DAY, Adjustment, ReportData
from diary.reports.reference import NutrientTarget

LATE = dt.timedelta(days=1)
REACTION = dt.timedelta(hours=24)


# --- 1. summary --------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    days: int
    observed_days: int  # days counted whole, a day still in progress included when observed
    observed_exposure: float  # the observed days the rate divides by: a day in progress by its elapsed part
    quiet_days: int  # marked quiet and without any live episode
    episodes: int
    per_observed_day: float | None
    median_intensity: float | None
    mean_intensity: float | None
    known_minutes: float
    unknown_durations: int
    median_delay: dt.timedelta | None
    late: int  # logged a day or more after the episode started
    adjustments: int


def summary(data: ReportData) -> Summary:
    days = data.period_days()
    observed = sum(d.observed for d in days)
    start, end = period_bounds(data)
    eps = data.episode_rows(start, end)
    n = len(eps)
    exposure = data.exposure(start, end)
    intensities = [e.intensity for e in eps]
    known = [e.duration_s for e in eps if e.duration_s is not None]
    delays = sorted(max(dt.timedelta(0), e.created_at - e.started_at) for e in eps)
    median_delay = None
    if delays:
        mid = len(delays) // 2
        median_delay = delays[mid] if len(delays) % 2 else (delays[mid - 1] + delays[mid]) / 2
    return Summary(
        days=len(days), observed_days=observed, observed_exposure=exposure,
        # A quiet mark on a day that has an episode (old data, or an edit) says nothing: it has episodes.
        quiet_days=sum(d.quiet and d.episodes == 0 for d in days), episodes=n,
        per_observed_day=n / exposure if exposure > 0 else None,
        median_intensity=stats.median(intensities), mean_intensity=sum(intensities) / n if n else None,
        known_minutes=sum(known) / 60.0, unknown_durations=n - len(known), median_delay=median_delay,
        late=sum(d >= LATE for d in delays), adjustments=len(data.adjustments),
    )


def period_bounds(data: ReportData) -> tuple[dt.datetime, dt.datetime]:
    """The instants the (cut) period starts and ends."""
    first, last = data.days[data.period.first], data.days[data.period.last]
    return first.start, min(last.end, data.cutoff)


# --- 2. before and after each adjustment -------------------------------------------------


@dataclass(frozen=True)
class Side:
    start: dt.datetime
    end: dt.datetime
    observed_days: float
    episodes: int
    intensities: tuple[int, ...]

    @property
    def rate(self) -> float | None:
        return self.episodes / self.observed_days if self.observed_days > 0 else None

    @property
    def enough_days(self) -> bool:
        """Whether this side has the observed days a rate needs to be shown at all."""
        return self.observed_days >= stats.MIN_OBSERVED_DAYS


@dataclass(frozen=True)
class Comparison:
    number: int
    adjustment: Adjustment
    before: Side
    after: Side
    too_little: str | None  # why the rates cannot be compared, or None
    rate_ratio: stats.RateRatio | None
    reaction_episodes: int  # in the first 24 h after the adjustment
    reaction_observed_days: float
    after_without_reaction: Side | None  # the after-window from 24 h on
    too_little_without_reaction: str | None
    rate_ratio_without_reaction: stats.RateRatio | None
    intensity: stats.IntensityChange
    flare: stats.FlareCheck


def _side(data: ReportData, start: dt.datetime, end: dt.datetime) -> Side:
    rows = data.episode_rows(start, end)
    return Side(start, end, data.exposure(start, end), len(rows), tuple(e.intensity for e in rows))


def _too_little(before: Side, after: Side) -> str | None:
    if before.observed_days < stats.MIN_OBSERVED_DAYS or after.observed_days < stats.MIN_OBSERVED_DAYS:
        return f"fewer than {stats.MIN_OBSERVED_DAYS:g} observed days on a side"
    if before.episodes == 0 and after.episodes == 0:
        return "no episodes on either side"
    return None


def windows(data: ReportData) -> list[tuple[Adjustment, dt.datetime, dt.datetime]]:
    """(adjustment, before-window start, after-window end) for each adjustment of the
    period: `window_days` x 24 h each way, cut at the neighbouring adjustments and at the
    moment the report is made."""
    width = data.window_days * DAY
    out = []
    adjustments = data.adjustments
    for i, adj in enumerate(adjustments):
        prev = adjustments[i - 1] if i > 0 else data.previous_adjustment
        nxt = adjustments[i + 1] if i + 1 < len(adjustments) else data.next_adjustment
        start = adj.at - width
        if prev is not None:
            start = max(start, prev.at)
        end = min(adj.at + width, data.cutoff)
        if nxt is not None:
            end = min(end, nxt.at)
        out.append((adj, start, max(end, adj.at)))
    return out


def comparisons(data: ReportData) -> list[Comparison]:
    start_p, end_p = period_bounds(data)
    total_n = data.count(start_p, end_p)
    total_t = data.exposure(start_p, end_p)
    out = []
    for number, (adj, start, end) in enumerate(windows(data), 1):
        before = _side(data, start, adj.at)
        after = _side(data, adj.at, end)
        too_little = _too_little(before, after)
        rr = None if too_little else stats.rate_ratio(after.episodes, after.observed_days,
                                                      before.episodes, before.observed_days)
        reaction_end = min(adj.at + REACTION, end)
        reaction_n = data.count(adj.at, reaction_end)
        reaction_t = data.exposure(adj.at, reaction_end)
        later = _side(data, reaction_end, end) if end > reaction_end else None
        too_little_later = _too_little(before, later) if later is not None else "the after-window is 24 h or shorter"
        rr_later = None
        if later is not None and too_little_later is None:
            rr_later = stats.rate_ratio(later.episodes, later.observed_days, before.episodes, before.observed_days)
        # Flare: the last days before the visit against the period's rate without them.
        flare_start = max(adj.at - stats.FLARE_DAYS * DAY, start)
        k = data.count(flare_start, adj.at)
        t = data.exposure(flare_start, adj.at)
        overlap_start, overlap_end = max(flare_start, start_p), min(adj.at, end_p)
        k_in = data.count(overlap_start, overlap_end)
        t_in = data.exposure(overlap_start, overlap_end)
        flare = stats.flare_check(k, t, total_n - k_in, total_t - t_in)
        out.append(Comparison(
            number=number, adjustment=adj, before=before, after=after, too_little=too_little, rate_ratio=rr,
            reaction_episodes=reaction_n, reaction_observed_days=reaction_t, after_without_reaction=later,
            too_little_without_reaction=too_little_later, rate_ratio_without_reaction=rr_later,
            intensity=stats.compare_intensity(before.intensities, after.intensities), flare=flare,
        ))
    return out


@dataclass(frozen=True)
class PooledDay:
    day: int  # 0 = the first 24 h after an adjustment
    episodes: int
    observed_days: float
    adjustments: int  # how many adjustments' windows reach this day

    @property
    def rate(self) -> float | None:
        return self.episodes / self.observed_days if self.observed_days > 0 else None


def pooled(data: ReportData) -> list[PooledDay]:
    """Episodes per observed day by day since the adjustment (0, 1, 2 ...), over every
    adjustment of the period, each followed until its after-window ends."""
    out = []
    spans = windows(data)
    for k in range(data.window_days):
        n, t, m = 0, 0.0, 0
        for adj, _, end in spans:
            s = adj.at + k * DAY
            e = min(adj.at + (k + 1) * DAY, end)
            if e <= s:
                continue
            m += 1
            n += data.count(s, e)
            t += data.exposure(s, e)
        out.append(PooledDay(k, n, t, m))
    return out


# --- 3. fluid and electrolytes -----------------------------------------------------------


def daily_intake(data: ReportData, days: Iterable[dt.date] | None = None) -> dict[dt.date, DayIntake]:
    """Each day's totals (diary.nutrition.day_totals, the same sums `diary today` shows) for
    the days of `days` (default: the period's complete days) that have any intake logged.
    A day without intake is absent, never zero; a day still in progress is left out by
    default, since its total is not in yet."""
    wanted = set(data.complete_days() if days is None else days)
    rows: dict[dt.date, list[Mapping[str, object]]] = {}
    for row in data.intakes:
        if row["day"] in wanted:
            rows.setdefault(row["day"], []).append(row)
    return {day: day_totals(rows[day]) for day in sorted(rows)}


@dataclass(frozen=True)
class TargetCount:
    target: NutrientTarget
    days_logged: int
    below: int  # known total below the goal, with no unknown values
    unclassified: int  # below the goal so far, but some values unknown: cannot say
    above_upper: int  # above the upper line (for magnesium: from supplements)
    median: float | None  # of the days with every value known
    complete_days: int  # the days the median is of


def target_counts(daily: Mapping[dt.date, DayIntake], targets: list[NutrientTarget]) -> list[TargetCount]:
    out = []
    for t in targets:
        below = unclassified = above = 0
        complete: list[float] = []
        for day in daily.values():
            total = day[t.key]
            if t.goal is not None and total.total < t.goal:
                if total.at_least:
                    unclassified += 1
                else:
                    below += 1
            if t.upper is not None:
                value = total.supplements if t.upper_scope == "supplements" else total.total
                above += value > t.upper  # a lower bound is enough to be above
            if not total.at_least:
                complete.append(total.total)
        out.append(TargetCount(t, len(daily), below, unclassified, above, stats.median(complete), len(complete)))
    return out


@dataclass(frozen=True)
class AfterLowRow:
    label: str
    key: str
    low_days: int  # observed days whose previous day was low
    low_episodes: int
    other_days: int  # observed days whose previous day was at or above target
    other_episodes: int
    unknown_days: int  # observed days whose previous day had no intake logged or unknown values


def after_low_days(data: ReportData, targets: list[NutrientTarget]) -> list[AfterLowRow]:
    """For fluid, potassium and magnesium: episodes on observed days after a day below
    the target, against observed days after a day at or above it. Descriptive only. A day
    still in progress is not counted (its episodes are not all in yet)."""
    out = []
    by_key = {t.key: t for t in targets}
    days = [data.days[d] for d in data.complete_days()]
    previous = daily_intake(data, [d.day - DAY for d in days])
    for key, label in (("water_ml", "fluid"), ("potassium_mg", "potassium"), ("magnesium_mg", "magnesium")):
        t = by_key.get(key)
        if t is None or t.goal is None:
            continue
        low_d = low_e = other_d = other_e = unknown = 0
        for day in days:
            if not day.observed:
                continue
            prev = previous.get(day.day - DAY)
            if prev is None or prev[key].at_least:
                unknown += 1
            elif prev[key].total < t.goal:
                low_d += 1
                low_e += day.episodes
            else:
                other_d += 1
                other_e += day.episodes
        out.append(AfterLowRow(label, key, low_d, low_e, other_d, other_e, unknown))
    return out


# --- 4. where and why ---------------------------------------------------------------------


def by_site_side(data: ReportData) -> tuple[list[str], list[str], dict[tuple[str, str], int], dict[str, float | None]]:
    """Sites (most frequent first), sides, counts by (site, side), median intensity by site."""
    start, end = period_bounds(data)
    eps = data.episode_rows(start, end)
    counts: Counter[tuple[str, str]] = Counter()
    by_site: dict[str, list[int]] = {}
    for e in eps:
        s = e.site or "not given"
        counts[(s, e.side or "not given")] += 1
        by_site.setdefault(s, []).append(e.intensity)
    sites = sorted(by_site, key=lambda s: (-len(by_site[s]), s == "not given", s))
    side_order = ["left", "right", "both", "centre", "not given"]
    sides = [s for s in side_order if any(k[1] == s for k in counts)]
    return sites, sides, dict(counts), {s: stats.median(v) for s, v in by_site.items()}


def by_trigger(data: ReportData) -> list[tuple[str, int, float | None]]:
    """(trigger, episodes, median intensity), most frequent first; 'none given' last."""
    start, end = period_bounds(data)
    eps = data.episode_rows(start, end)
    found: dict[str, list[int]] = {}
    for e in eps:
        for name in e.triggers or ("none given",):
            found.setdefault(name, []).append(e.intensity)
    names = sorted(found, key=lambda s: (s == "none given", -len(found[s]), s))
    return [(n, len(found[n]), stats.median(found[n])) for n in names]


def finite(x: float | None) -> bool:
    return x is not None and math.isfinite(x)
