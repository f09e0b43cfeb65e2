"""Page 1's answer: this month against the baseline, the 28 days before care began.

Four measures per stretch of days (a column of page 1's table): spasm days per 28
observed days, moderate-or-severe spasm days (the day's worst intensity 4 or more) per
28 observed days, episodes per observed day, and the mean of each spasm day's worst
intensity. Each is compared with the baseline (or, without a usable baseline, with the
previous month) with a 95% interval.

With four measures compared, chance alone would make one look changed in about one
month in seven. So page 1 calls a change in a fixed order, as trials read a primary
outcome before the secondary ones: episodes per observed day, then spasm days, then
moderate-or-severe days, then intensity; a measure is called changed only when its
interval excludes no change and every measure before it was called changed. Intensity,
the other half of the clinical question, is also called on its own when its 99%
interval excludes no change. Chance alone then calls a change in at most about 6% of
months (the simulations in tests/test_report_sim.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import measures, stats
from .data import BASELINE_DAYS, Period, ReportData, day_bounds
from .stats import MeanDifference, Ratio, Unit
from .timeline import DAY, Timeline

MIN_BASELINE_DAYS = 14  # observed days of the 28 for a usable baseline
MIN_SIDE_DAYS = 3  # observed days on each side of any comparison
MIN_EPISODES = 10  # on both sides together
MIN_INTENSITY_DAYS = 5  # spasm days on each side for the intensity comparison
STRICT = 0.99  # intensity is called on its own when this interval excludes no change
CID_POINTS = 2.0  # the clinically important change (Farrar et al. 2001; IMMPACT)
CID_FRACTION = 0.30
RESPONDER = 0.5  # spasm days at least halved: a 50% responder
PER = 28  # days: spasm days are given per 28 observed days
MIN_PEG = 3  # PEG answers on each side for the PEG comparison
MIN_MEDICATION_DAYS = 10  # acute-medication days on both sides together, as episodes for the counts
# The order page 1 reads the changes in (see the module's docstring); acute medication and
# the PEG, the measures beside the counts, come last and are read only after all four.
ORDER = ("episodes", "spasm_days", "moderate_days", "intensity", "medication_days", "peg")
DIFFERENCES = ("intensity", "peg")  # compared as a difference of means, the rest as ratios


@dataclass(frozen=True)
class Column:
    """A stretch of local days and its four measures."""

    label: str
    first: dt.date
    last: dt.date
    days: int  # calendar days (up to where the data stop)
    observed: int
    exposure: float  # observed days, a day still in progress by its elapsed part
    spasm_days: int
    moderate_days: int
    episodes: int
    worst: tuple[int, ...]  # each spasm day's worst intensity
    units: tuple[Unit, ...]  # one per observed day
    medication_days: int = 0  # observed days with acute medication taken
    peg: tuple[float, ...] = ()  # the PEG scores answered in these days

    def per_28(self, k: int) -> float | None:
        return PER * k / self.observed if self.observed else None

    @property
    def spasm_days_per_28(self) -> float | None:
        return self.per_28(self.spasm_days)

    @property
    def moderate_days_per_28(self) -> float | None:
        return self.per_28(self.moderate_days)

    @property
    def per_day(self) -> float | None:
        return self.episodes / self.exposure if self.exposure > 0 else None

    @property
    def mean_worst(self) -> float | None:
        return sum(self.worst) / len(self.worst) if self.worst else None

    @property
    def medication_days_per_28(self) -> float | None:
        return self.per_28(self.medication_days)

    @property
    def mean_peg(self) -> float | None:
        return sum(self.peg) / len(self.peg) if self.peg else None


def column(timeline: Timeline, first: dt.date, last: dt.date, label: str, data: ReportData | None = None) -> Column:
    """The measures of the days `first` to `last` of `timeline` (with `data`'s medication and PEG)."""
    days = [d for d in timeline.between(first, last) if d.start < timeline.end]
    observed = [d for d in days if d.observed]
    units = timeline.day_units(observed)
    return Column(
        label=label, first=first, last=last, days=len(days), observed=len(observed),
        exposure=sum(u.exposure for u in units), spasm_days=sum(d.spasm_day for d in observed),
        moderate_days=sum(d.moderate for d in observed), episodes=sum(d.episodes for d in observed),
        worst=tuple(d.worst for d in observed if d.worst is not None), units=tuple(units),
        medication_days=0 if data is None else measures.medication_days(data, timeline, first, last),
        peg=() if data is None else measures.peg_scores(data, timeline, first, last),
    )


@dataclass(frozen=True)
class Change:
    """One measure's change against the reference, and whether page 1 calls it a change."""

    key: str  # one of ORDER
    ratio: Ratio | None = None  # this / reference, for the frequencies of days and episodes
    difference: MeanDifference | None = None  # this - reference, for intensity and the PEG
    strict: MeanDifference | None = None  # the same at 99%
    too_little: str | None = None
    called: bool = False  # a change, by the fixed order
    held_back: bool = False  # its interval excludes no change, but an earlier measure showed none
    reference_mean: float | None = None  # the reference's mean (for intensity: the 30% of the threshold)

    @property
    def excludes_no_change(self) -> bool:
        if self.ratio is not None:
            return self.ratio.excludes(1.0)
        return self.difference is not None and self.difference.excludes_zero()

    @property
    def important(self) -> bool:
        """A called change of intensity of at least 2 points or 30% (Farrar et al. 2001); the
        PEG gets no threshold (none is cited for a single patient's change)."""
        return self.key == "intensity" and self.called and self.difference is not None and self.size_important

    @property
    def size_important(self) -> bool:
        d = self.difference
        return d is not None and important_size(d.difference, self.reference_mean)


def important_size(difference: float, reference_mean: float | None) -> bool:
    """A change of at least 2 points, or at least 30% of the value before, on the 0-10 scale."""
    size = abs(difference)
    if size >= CID_POINTS - 1e-9:
        return True
    return reference_mean is not None and reference_mean > 0 and size / reference_mean >= CID_FRACTION - 1e-9


@dataclass(frozen=True)
class Comparison:
    """`this` against `reference` ("baseline" or "previous"), measure by measure."""

    this: Column
    reference: Column
    against: str
    too_little: str | None
    changes: tuple[Change, ...]  # in ORDER

    def change(self, key: str) -> Change:
        return next(c for c in self.changes if c.key == key)

    @property
    def any_called(self) -> bool:
        return any(c.called for c in self.changes)


def too_little(this: Column, reference: Column) -> str | None:
    """Why two columns cannot be compared at all, or None."""
    fewest = min(this.observed, reference.observed)
    if fewest < MIN_SIDE_DAYS:
        return f"fewer than {MIN_SIDE_DAYS} observed days on a side"
    if this.episodes + reference.episodes < MIN_EPISODES:
        return f"fewer than {MIN_EPISODES} episodes on both sides together"
    return None


def compare(this: Column, reference: Column, against: str) -> Comparison:
    """Each measure of `this` against `reference`, called in the fixed order of ORDER."""
    why = too_little(this, reference)
    if why is not None:
        return Comparison(this, reference, against, why, tuple(Change(k, too_little=why) for k in ORDER))
    raw = [
        Change("episodes", ratio=stats.rate_ratio(this.units, reference.units)),
        Change("spasm_days", ratio=stats.proportion_ratio(this.spasm_days, this.observed, reference.spasm_days,
                                                            reference.observed)),
        Change("moderate_days", ratio=stats.proportion_ratio(this.moderate_days, this.observed,
                                                               reference.moderate_days, reference.observed)),
    ]
    if min(len(this.worst), len(reference.worst)) < MIN_INTENSITY_DAYS:
        raw.append(Change("intensity", too_little=f"fewer than {MIN_INTENSITY_DAYS} spasm days on a side"))
    else:
        usual, strict = stats.mean_differences(this.worst, reference.worst, (stats.CONFIDENCE, STRICT))
        raw.append(Change("intensity", difference=usual, strict=strict, reference_mean=reference.mean_worst))
    if this.medication_days + reference.medication_days < MIN_MEDICATION_DAYS:
        # One medication day against none would print "at least 0.25 times": the episodes' rule, on medication days.
        raw.append(Change("medication_days", too_little=f"fewer than {MIN_MEDICATION_DAYS} acute-medication days on "
                                                        "both sides together"))
    else:
        raw.append(Change("medication_days", ratio=stats.proportion_ratio(
            this.medication_days, this.observed, reference.medication_days, reference.observed)))
    if min(len(this.peg), len(reference.peg)) < MIN_PEG:
        raw.append(Change("peg", too_little=f"fewer than {MIN_PEG} PEG answers on a side"))
    else:
        raw.append(Change("peg", difference=stats.mean_difference(this.peg, reference.peg),
                          reference_mean=reference.mean_peg))
    changes, open_gate = [], True
    for c in raw:
        passes = c.excludes_no_change
        called = passes and open_gate
        if c.key == "intensity" and c.strict is not None and c.strict.excludes_zero():
            called = True
        changes.append(Change(c.key, c.ratio, c.difference, c.strict, c.too_little, called,
                              passes and not called, c.reference_mean))
        open_gate = open_gate and called
    return Comparison(this, reference, against, None, tuple(changes))


# --- care began, the baseline, and page 1's answer ------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """What page 1 shows: the columns, and the comparison it reads."""

    this: Column  # the period (from care began on, when care began inside it)
    previous: Column
    baseline: Column | None
    care_began: dt.date | None
    care_source: str | None
    baseline_usable: bool
    comparison: Comparison | None  # against the baseline, or the previous month without a usable one
    why_not_baseline: str | None  # when the comparison is not against the baseline


def answer(data: ReportData) -> Answer:
    period, began = data.period, data.care_began
    # From care began on when it began inside the period; a period wholly before care (care
    # began after it) is read whole, like a diary without care.
    first = began if began is not None and period.first < began <= period.last else period.first
    this = column(data.timeline, first, period.last, period.short(), data)
    # The month before the month asked for, even when this one is still in progress (its
    # first days are compared with the whole month before, per 28 observed days).
    prev = data.requested.previous()
    previous = column(data.timeline, prev.first, prev.last, prev.short(), data)
    baseline = None
    why = None
    if began is None:
        why = ("no adjustment was logged up to the end of this period, and the profile gives no date care "
               "began")
    elif began > period.last:
        why = f"care began after this period ({began.day} {began:%b %Y}, set in the profile)"
    elif data.baseline is not None:
        baseline = column(data.baseline, began - BASELINE_DAYS * DAY, began - DAY, "Baseline", data)
        if baseline.observed < MIN_BASELINE_DAYS:
            were = "was" if baseline.observed == 1 else "were"
            why = (f"{baseline.observed} of the {BASELINE_DAYS} days before care began {were} observed "
                   f"({MIN_BASELINE_DAYS} needed)")
    usable = baseline is not None and why is None
    if usable:
        assert baseline is not None
        comparison = compare(this, baseline, "baseline")
    else:
        # Without a usable baseline, month to month: when care began inside the period, its days
        # from care began on against the whole previous month (all of it before care).
        comparison = compare(this, previous, "previous")
    return Answer(this, previous, baseline, began, data.care_source, usable, comparison, why)


# --- the trend of the last 12 months -------------------------------------------------------------


@dataclass(frozen=True)
class TrendMonth:
    first: dt.date
    last: dt.date  # cut where the data stop
    days: int
    observed: int
    spasm_days: int
    visits: int

    @property
    def value(self) -> float | None:
        return PER * self.spasm_days / self.observed if self.observed >= MIN_SIDE_DAYS else None

    @property
    def interval(self) -> tuple[float, float] | None:
        if self.value is None:
            return None
        low, high = stats.clopper_pearson(self.spasm_days, self.observed)
        return PER * low, PER * high


def trend(data: ReportData, visits: list[dt.datetime]) -> list[TrendMonth]:
    """Spasm days per 28 observed days by calendar month, from the trend's first month to
    the period's month; `visits` are counted in the month they fall in."""
    out = []
    month = data.trend_first
    while month <= data.period.last:
        month_end = Period.month(month.year, month.month).last
        last = min(month_end, data.period.last)
        days = [d for d in data.timeline.between(month, last) if d.start < data.end]
        observed = [d for d in days if d.observed]
        start, end = day_bounds(month, data.tz)[0], day_bounds(last, data.tz)[1]
        out.append(TrendMonth(month, last, len(days), len(observed), sum(d.spasm_day for d in observed),
                              sum(start <= v < end for v in visits)))
        month = month_end + DAY
    return out


def baseline_band(answer: Answer) -> tuple[float, float, float] | None:
    """The baseline's spasm days per 28 observed days and its 95% interval, if usable."""
    b = answer.baseline
    if not answer.baseline_usable or b is None or b.spasm_days_per_28 is None:
        return None
    low, high = stats.clopper_pearson(b.spasm_days, b.observed)
    return b.spasm_days_per_28, PER * low, PER * high
