"""The report's statistics: small pure functions, each checked in tests against an
independent computation (scipy.stats and published worked examples).

Only `scipy.special` is imported (a fraction of `scipy.stats`' import time); the tests
compare against `scipy.stats` itself.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import special

CONFIDENCE = 0.95

# Thresholds the report states in its method note.
MIN_OBSERVED_DAYS = 3.0  # per side of a before/after comparison
MIN_EPISODES_FOR_INTENSITY = 5  # per side, for the intensity difference and the rank test
CID_POINTS = 2.0  # clinically important change on the 0-10 scale (Farrar et al. 2001; IMMPACT)
CID_FRACTION = 0.30
FLARE_DAYS = 3  # the last days of a before-window checked for a flare
FLARE_MIN_OBSERVED_DAYS = 2.0
FLARE_MIN_EPISODES = 3
FLARE_MIN_RATIO = 1.5
FLARE_MAX_P = 0.05


def clopper_pearson(k: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The exact (Clopper-Pearson) confidence interval for a binomial proportion k/n."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n and n > 0, got k={k}, n={n}")
    alpha = 1.0 - confidence
    low = 0.0 if k == 0 else float(special.betaincinv(k, n - k + 1, alpha / 2))
    high = 1.0 if k == n else float(special.betaincinv(k + 1, n - k, 1 - alpha / 2))
    return low, high


@dataclass(frozen=True)
class RateRatio:
    """Rate after / rate before with its exact conditional 95% confidence interval.

    `estimate` and `high` are `math.inf` when there were no episodes before.
    """

    estimate: float
    low: float
    high: float


def rate_ratio(n_after: int, t_after: float, n_before: int, t_before: float,
               confidence: float = CONFIDENCE) -> RateRatio | None:
    """The ratio of two Poisson rates (episodes per observed day), after over before.

    Exact CI by conditioning on the total: given n = n_after + n_before, n_after is
    binomial with p = r t_after / (r t_after + t_before) where r is the rate ratio, so the
    Clopper-Pearson limits [pL, pU] of p give r in [pL/(1-pL), pU/(1-pU)] * t_before/t_after.
    None when it cannot be estimated (no exposure on a side, or no episodes at all).
    """
    if t_after <= 0 or t_before <= 0 or n_after + n_before == 0:
        return None
    p_low, p_high = clopper_pearson(n_after, n_after + n_before, confidence)
    scale = t_before / t_after
    low = p_low / (1 - p_low) * scale
    high = math.inf if p_high >= 1.0 else p_high / (1 - p_high) * scale
    estimate = math.inf if n_before == 0 else (n_after / t_after) / (n_before / t_before)
    return RateRatio(estimate, low, high)


def median(values: Sequence[float]) -> float | None:
    """The median (mean of the middle two for an even count); None for no values."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    mid = n // 2
    return float(ordered[mid]) if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2.0


def mann_whitney(x: Sequence[float], y: Sequence[float]) -> tuple[float, float]:
    """Mann-Whitney U of x against y and its two-sided p-value.

    Normal approximation with the tie correction of the variance and a continuity
    correction (intensities on a 0-10 scale are full of ties, where exact tables do not
    apply). U counts pairs with x > y, plus half the ties. p is 1 when every value is tied.
    """
    n1, n2 = len(x), len(y)
    if n1 == 0 or n2 == 0:
        raise ValueError("both samples need at least one value")
    pooled = sorted([(v, 0) for v in x] + [(v, 1) for v in y])
    ranks = [0.0] * len(pooled)
    tie_term = 0.0
    i = 0
    while i < len(pooled):
        j = i
        while j + 1 < len(pooled) and pooled[j + 1][0] == pooled[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2.0 + 1.0
        t = j - i + 1
        tie_term += t**3 - t
        i = j + 1
    rank_sum_x = sum(r for r, (_, group) in zip(ranks, pooled) if group == 0)
    u = rank_sum_x - n1 * (n1 + 1) / 2.0
    n = n1 + n2
    mean = n1 * n2 / 2.0
    variance = n1 * n2 / 12.0 * ((n + 1) - tie_term / (n * (n - 1))) if n > 1 else 0.0
    if variance <= 0:
        return u, 1.0
    z = (abs(u - mean) - 0.5) / math.sqrt(variance)
    p = 2.0 * float(special.ndtr(-z)) if z > 0 else 1.0
    return u, min(1.0, p)


@dataclass(frozen=True)
class IntensityChange:
    """Median intensity before and after, and whether they can be compared."""

    n_before: int
    n_after: int
    median_before: float | None
    median_after: float | None
    difference: float | None  # after - before, only when both sides have enough episodes
    relative: float | None  # difference / median before (None when that median is 0)
    p_value: float | None
    clinically_important: bool | None


def compare_intensity(before: Sequence[int], after: Sequence[int]) -> IntensityChange:
    """Medians of the two sides; the difference, its clinical importance and the rank
    test only when each side has MIN_EPISODES_FOR_INTENSITY episodes or more."""
    mb, ma = median(before), median(after)
    if len(before) < MIN_EPISODES_FOR_INTENSITY or len(after) < MIN_EPISODES_FOR_INTENSITY:
        return IntensityChange(len(before), len(after), mb, ma, None, None, None, None)
    assert mb is not None and ma is not None
    diff = ma - mb
    relative = diff / mb if mb > 0 else None
    _, p = mann_whitney(after, before)
    return IntensityChange(len(before), len(after), mb, ma, diff, relative, p, clinically_important(mb, ma))


def clinically_important(median_before: float, median_after: float) -> bool:
    """A change of at least 2 points, or at least 30% of the value before, on the 0-10 scale."""
    diff = abs(median_after - median_before)
    if diff >= CID_POINTS:
        return True
    return median_before > 0 and diff / median_before >= CID_FRACTION - 1e-12


def poisson_upper_tail(k: int, mu: float) -> float:
    """P(X >= k) for X ~ Poisson(mu)."""
    if k <= 0:
        return 1.0
    if mu <= 0:
        return 0.0
    return float(special.pdtrc(k - 1, mu))


@dataclass(frozen=True)
class FlareCheck:
    """The last days of a before-window against the patient's usual rate."""

    episodes: int
    observed_days: float
    rate: float | None
    usual_rate: float | None
    p_value: float | None
    flagged: bool
    checkable: bool


def flare_check(episodes: int, observed_days: float, usual_episodes: int, usual_days: float) -> FlareCheck:
    """Flag a flare before a visit: over the last FLARE_DAYS days before it (at least
    FLARE_MIN_OBSERVED_DAYS observed), at least FLARE_MIN_EPISODES episodes, a rate at least
    FLARE_MIN_RATIO times the usual rate, and a one-sided Poisson p below FLARE_MAX_P
    against the usual rate (so a chance cluster of a few episodes is not called a flare)."""
    if observed_days < FLARE_MIN_OBSERVED_DAYS or usual_days < MIN_OBSERVED_DAYS:
        rate = episodes / observed_days if observed_days > 0 else None
        usual = usual_episodes / usual_days if usual_days > 0 else None
        return FlareCheck(episodes, observed_days, rate, usual, None, False, False)
    rate = episodes / observed_days
    usual = usual_episodes / usual_days
    p = poisson_upper_tail(episodes, usual * observed_days)
    flagged = episodes >= FLARE_MIN_EPISODES and rate >= FLARE_MIN_RATIO * usual and p < FLARE_MAX_P
    return FlareCheck(episodes, observed_days, rate, usual, p, flagged, True)
