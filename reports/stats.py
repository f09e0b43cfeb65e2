"""The report's statistics: small pure functions, each checked in tests against an
independent computation (scipy.stats, statsmodels called another way, a published
worked example, a hand count).

Counts of spasms are clustered and overdispersed, so a rate or a rate ratio is not read
as Poisson. Its interval comes from a quasi-Poisson regression (Poisson GLM with a group
term, Pearson scale; closed form, as the model is saturated in its groups, and checked
against statsmodels' GLM in the tests) of the counts of "units" (an observed day, or a window around a
visit) with the observed days as exposure (offset), widened for the correlation of
neighbouring units, and never narrower than the exact Poisson interval. Proportions of
days get binomial (score) intervals; the intensity of days gets a permutation interval.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import special

CONFIDENCE = 0.95
MIN_UNIT_DAYS = 0.5  # a window piece shorter than this is pooled with its neighbour (see `pooled_units`)
MAX_CORRELATION = 0.8  # the lag-1 correlation the widening allows for at most
MIN_PAIRS = 20  # neighbouring units needed to estimate that correlation at all
PERMUTATIONS = 4000  # random reassignments when exact enumeration would take more
PERMUTATION_SEED = 20261  # fixed: the same diary always gives the same interval


def _z(confidence: float) -> float:
    return float(special.ndtri(0.5 + confidence / 2))


# --- proportions ------------------------------------------------------------------------------


def clopper_pearson(k: float, n: float, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The exact (Clopper-Pearson) interval of a binomial proportion k/n (k may be fractional)."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n and n > 0, got k={k}, n={n}")
    alpha = 1.0 - confidence
    low = 0.0 if k == 0 else float(special.betaincinv(k, n - k + 1, alpha / 2))
    high = 1.0 if k == n else float(special.betaincinv(k + 1, n - k, 1 - alpha / 2))
    return low, high


@dataclass(frozen=True)
class Ratio:
    """A ratio (this side over the other) with its interval; `estimate` and `high` may be
    math.inf (none on the other side) and `estimate` 0 (none on this side)."""

    estimate: float
    low: float
    high: float

    def excludes(self, value: float = 1.0) -> bool:
        return self.high < value or self.low > value


def _restricted_p0(x1: int, n1: int, x0: int, n0: int, theta: float) -> float:
    """The maximum-likelihood p0 under p1 = theta * p0 (Farrington and Manning 1990)."""
    n = n1 + n0
    a = n * theta
    b = -(n1 * theta + x1 + n0 + x0 * theta)
    c = x1 + x0
    disc = max(0.0, b * b - 4 * a * c)
    return (-b - math.sqrt(disc)) / (2 * a)


def _score_z(x1: int, n1: int, x0: int, n0: int, theta: float) -> float:
    """Miettinen and Nurminen's score statistic for p1 / p0 = theta (with their n/(n-1))."""
    p0 = _restricted_p0(x1, n1, x0, n0, theta)
    p1 = theta * p0
    n = n1 + n0
    var = (p1 * (1 - p1) / n1 + theta * theta * p0 * (1 - p0) / n0) * n / (n - 1)
    diff = x1 / n1 - theta * x0 / n0
    if var <= 0:
        return 0.0 if abs(diff) < 1e-12 else math.copysign(math.inf, diff)
    return diff / math.sqrt(var)


def _root(f: Callable[[float], float], inside: float, outside: float) -> float:
    """Where f crosses 0 between `inside` (f < 0) and `outside` (f >= 0), by bisection to 1e-12
    (scipy.optimize would cost a quarter of a second to import for this)."""
    while abs(outside - inside) > 1e-12:
        mid = (inside + outside) / 2
        if f(mid) < 0:
            inside = mid
        else:
            outside = mid
    return (inside + outside) / 2


def proportion_ratio(x1: int, n1: int, x0: int, n0: int, confidence: float = CONFIDENCE) -> Ratio | None:
    """(x1/n1) / (x0/n0) with the Miettinen-Nurminen score interval; None when neither
    side has any (or a side has no days)."""
    if n1 <= 0 or n0 <= 0 or x1 + x0 == 0:
        return None
    z = _z(confidence)
    estimate = math.inf if x0 == 0 else (x1 / n1) / (x0 / n0)

    def excess(log_theta: float) -> float:
        return abs(_score_z(x1, n1, x0, n0, math.exp(log_theta))) - z

    # Inside the interval |Z| < z; step out from the estimate until it is not, then solve.
    # With none on a side the estimate is 0 or infinite: start far out, where Z tends to 0.
    centre = 30.0 if x0 == 0 else -30.0 if x1 == 0 else math.log(estimate)

    def end(step: float) -> float:
        far = centre + step
        while excess(far) < 0:
            if abs(far) > 60:
                return math.inf if step > 0 else 0.0
            far += step
        return math.exp(_root(excess, centre, far))

    low = 0.0 if x1 == 0 else end(-1.0)
    high = math.inf if x0 == 0 else end(1.0)
    return Ratio(estimate, low, high)


# --- rates --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """Episodes over some observed time: an observed day, or a window around a visit."""

    episodes: int
    exposure: float  # observed days


def pooled_units(units: Sequence[Unit], minimum: float = MIN_UNIT_DAYS) -> list[Unit]:
    """Units in time order with those under `minimum` observed days pooled into the next
    (the last into the one before): a sliver of a day would count as a whole unit in the
    scale estimate and inflate it. Units without observed time are dropped."""
    out: list[Unit] = []
    n, t = 0, 0.0
    for u in units:
        if u.exposure <= 0:
            continue
        n, t = n + u.episodes, t + u.exposure
        if t >= minimum:
            out.append(Unit(n, t))
            n, t = 0, 0.0
    if t > 0:
        if out:
            last = out.pop()
            out.append(Unit(last.episodes + n, last.exposure + t))
        else:
            out.append(Unit(n, t))
    return out


def exact_rate(n: float, t: float, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The exact (Garwood) interval of a Poisson rate n/t (n may be fractional)."""
    alpha = 1.0 - confidence
    low = 0.0 if n == 0 else float(special.gammaincinv(n, alpha / 2)) / t
    high = float(special.gammaincinv(n + 1, 1 - alpha / 2)) / t
    return low, high


def exact_rate_ratio(n1: float, t1: float, n0: float, t0: float, confidence: float = CONFIDENCE) -> Ratio | None:
    """(n1/t1) / (n0/t0) with the exact conditional interval: given the total, n1 is
    binomial with p = r t1 / (r t1 + t0), so the Clopper-Pearson limits of p give those
    of r. None when there is no exposure on a side or no episode at all."""
    if t1 <= 0 or t0 <= 0 or n1 + n0 == 0:
        return None
    p_low, p_high = clopper_pearson(n1, n1 + n0, confidence)
    scale = t0 / t1
    low = p_low / (1 - p_low) * scale
    high = math.inf if p_high >= 1.0 else p_high / (1 - p_high) * scale
    estimate = math.inf if n0 == 0 else (n1 / t1) / (n0 / t0)
    return Ratio(estimate, low, high)


@dataclass(frozen=True)
class Dispersion:
    """How much wider than Poisson an interval is: the Pearson scale (at least 1) times
    (1 + r) / (1 - r) for the lag-1 correlation r of neighbouring units (at least 0)."""

    scale: float
    correlation: float

    @property
    def factor(self) -> float:
        return self.scale * (1 + self.correlation) / (1 - self.correlation)


def _lag1(residuals: Sequence[np.ndarray]) -> float:
    """The lag-1 correlation of Pearson residuals within each group's time order; 0 with
    fewer than MIN_PAIRS neighbouring pairs, too few to estimate it (a handful of visits'
    windows would otherwise widen an interval by chance)."""
    if sum(max(len(r) - 1, 0) for r in residuals) < MIN_PAIRS:
        return 0.0
    num = sum(float(np.dot(r[1:], r[:-1])) for r in residuals if len(r) > 1)
    den = sum(float(np.dot(r, r)) for r in residuals)
    return min(max(num / den, 0.0), MAX_CORRELATION) if den > 0 else 0.0


def _dispersion(groups: Sequence[Sequence[Unit]]) -> Dispersion:
    """The dispersion of units around their group's own rate (the model's fit)."""
    residuals, chi2, n = [], 0.0, 0
    for units in groups:
        total_n = sum(u.episodes for u in units)
        total_t = sum(u.exposure for u in units)
        rate = total_n / total_t if total_t > 0 else 0.0
        r = np.array([(u.episodes - rate * u.exposure) / math.sqrt(rate * u.exposure) if rate > 0 else 0.0
                      for u in units])
        residuals.append(r)
        chi2 += float(np.dot(r, r))
        n += len(units)
    df = n - len(groups)
    scale = max(1.0, chi2 / df) if df > 0 else 1.0
    return Dispersion(scale, _lag1(residuals))


@dataclass(frozen=True)
class RateRatio(Ratio):
    """A rate ratio with its overdispersion-aware interval and what widened it."""

    episodes: tuple[int, int]  # this side, the other
    exposure: tuple[float, float]
    dispersion: Dispersion


def _log_rate_variance(*episodes: int) -> float:
    """The Poisson (scale 1) variance of a GLM coefficient when each group has its own rate.

    A Poisson GLM with a log(exposure) offset and one indicator per group is saturated in the
    groups: its maximum-likelihood rates are the group totals over their exposures, and the
    inverse Fisher information gives var(log rate) = 1/n for one group and var(log ratio) =
    1/n1 + 1/n0 for the group term. This closed form is what statsmodels' GLM returns for the
    same model (tests/test_stats.py fits it there); computing it here spares the report the
    second it takes to import statsmodels. The quasi-Poisson scale is applied by the caller
    (`_dispersion`: Pearson chi-square / df, statsmodels' scale="X2")."""
    return sum(1.0 / n for n in episodes)


def _t(confidence: float, df: int) -> float:
    """The two-sided Student t quantile (scipy.special, without importing scipy.stats)."""
    return float(special.stdtrit(df, 0.5 + confidence / 2)) if df > 0 else _z(confidence)


def rate_ratio(this: Sequence[Unit], other: Sequence[Unit], confidence: float = CONFIDENCE) -> RateRatio | None:
    """The rate of `this` over the rate of `other` (episodes per observed day), from a
    quasi-Poisson GLM with a group term, widened for correlation of neighbouring units,
    and joined with the exact conditional interval (never narrower than it).

    With no episode on one side the model has no finite estimate: the exact interval of
    the counts divided by the dispersion factor stands in. None when a side has no
    observed time or there is no episode at all."""
    this, other = pooled_units(this), pooled_units(other)
    n1, t1 = sum(u.episodes for u in this), sum(u.exposure for u in this)
    n0, t0 = sum(u.episodes for u in other), sum(u.exposure for u in other)
    exact = exact_rate_ratio(n1, t1, n0, t0, confidence)
    if exact is None:
        return None
    disp = _dispersion([this, other])
    if n1 == 0 or n0 == 0:
        widened = exact_rate_ratio(n1 / disp.factor, t1, n0 / disp.factor, t0, confidence)
        assert widened is not None
        low, high = min(exact.low, widened.low), max(exact.high, widened.high)
        return RateRatio(exact.estimate, low, high, (n1, n0), (t1, t0), disp)
    if len(this) + len(other) <= 2:  # one unit a side: no scale can be estimated, only the exact interval stands
        return RateRatio(exact.estimate, exact.low, exact.high, (n1, n0), (t1, t0), disp)
    beta = math.log((n1 / t1) / (n0 / t0))
    se = math.sqrt(_log_rate_variance(n1, n0) * disp.factor)
    q = _t(confidence, len(this) + len(other) - 2)
    low, high = min(exact.low, math.exp(beta - q * se)), max(exact.high, math.exp(beta + q * se))
    return RateRatio(math.exp(beta), low, high, (n1, n0), (t1, t0), disp)


@dataclass(frozen=True)
class Rate:
    """Episodes per observed day with its overdispersion-aware interval."""

    episodes: int
    exposure: float
    low: float
    high: float

    @property
    def estimate(self) -> float:
        return self.episodes / self.exposure


def rate(units: Sequence[Unit], confidence: float = CONFIDENCE) -> Rate | None:
    """The rate over `units` from an intercept-only quasi-Poisson GLM, widened like
    `rate_ratio` and joined with the exact (Garwood) interval; None without observed time."""
    units = pooled_units(units)
    n, t = sum(u.episodes for u in units), sum(u.exposure for u in units)
    if t <= 0:
        return None
    exact_low, exact_high = exact_rate(n, t, confidence)
    disp = _dispersion([units])
    if len(units) < 2:  # one unit: no scale can be estimated from it, only the exact interval stands
        return Rate(n, t, exact_low, exact_high)
    if n == 0:
        _, high = exact_rate(0, t / disp.factor, confidence)
        return Rate(n, t, 0.0, max(exact_high, high))
    se = math.sqrt(_log_rate_variance(n) * disp.factor)
    q = _t(confidence, len(units) - 1)
    log_rate = math.log(n / t)
    return Rate(n, t, min(exact_low, math.exp(log_rate - q * se)), max(exact_high, math.exp(log_rate + q * se)))


def rates(groups: Sequence[Sequence[Unit]], confidence: float = CONFIDENCE) -> list[Rate | None]:
    """The rate of each group (say, each day since a visit, its units the visits' windows)
    with the exact (Garwood) interval widened by one dispersion estimated from all groups
    together; None for a group without observed time.

    A group of two or three units gives a scale estimate with one or two degrees of freedom
    and, with a t quantile, intervals running to thousands a day. So no group estimates its
    own: the Pearson scale (at least 1) and the lag-1 correlation come from the units of
    every group around its own group's rate (`_dispersion`, the same fit as `rate_ratio`),
    and each group's interval is the exact one for its counts deflated by that factor
    (n/phi episodes over t/phi days: the same estimate, a Poisson variance phi times
    larger), never narrower than the plain exact interval. With too few units to
    estimate anything (no degree of freedom) the factor is 1 and the exact interval stands."""
    pooled = [pooled_units(units) for units in groups]
    disp = _dispersion([units for units in pooled if units])
    factor = disp.factor
    out: list[Rate | None] = []
    for units in pooled:
        n, t = sum(u.episodes for u in units), sum(u.exposure for u in units)
        if t <= 0:
            out.append(None)
            continue
        exact_low, exact_high = exact_rate(n, t, confidence)
        wide_low, wide_high = exact_rate(n / factor, t / factor, confidence)
        out.append(Rate(n, t, min(exact_low, wide_low), max(exact_high, wide_high)))
    return out


# --- intensity: one value per day ---------------------------------------------------------------


@dataclass(frozen=True)
class MeanDifference:
    """mean(this) - mean(other) with a permutation interval (inverting the permutation
    test of a shift), and that test's two-sided p-value for no difference."""

    difference: float
    low: float
    high: float
    p_value: float
    exact: bool  # every reassignment enumerated (else PERMUTATIONS random ones, fixed seed)

    def excludes_zero(self) -> bool:
        return self.high < 0 or self.low > 0


@functools.lru_cache(maxsize=16)
def _shuffles(n: int) -> np.ndarray:
    """PERMUTATIONS random orders of n positions (fixed seed), the first the identity; read-only."""
    shuffled = np.random.default_rng(PERMUTATION_SEED).permuted(np.tile(np.arange(n), (PERMUTATIONS, 1)), axis=1)
    rows = np.vstack([np.arange(n), shuffled])
    rows.setflags(write=False)
    return rows


def _assignments(n1: int, n: int) -> tuple[np.ndarray, bool]:
    """Rows of 0/1 marking which of n pooled values go to the first group: every way when
    there are at most PERMUTATIONS, else the observed one and PERMUTATIONS random ones."""
    if math.comb(n, n1) <= PERMUTATIONS:
        rows = np.zeros((math.comb(n, n1), n), dtype=bool)
        for i, chosen in enumerate(itertools.combinations(range(n), n1)):
            rows[i, list(chosen)] = True
        return rows, True
    return _shuffles(n) < n1, False


def mean_difference(this: Sequence[float], other: Sequence[float],
                    confidence: float = CONFIDENCE) -> MeanDifference:
    """Difference of the means of two small samples full of ties (a day's worst intensity
    on a 0-10 scale), with a permutation test and the interval of shifts it does not reject."""
    return mean_differences(this, other, (confidence,))[0]


def mean_differences(this: Sequence[float], other: Sequence[float],
                     confidences: Sequence[float]) -> list[MeanDifference]:
    """`mean_difference` at several confidence levels, sharing the permutations.

    Shifting `this` by d makes each reassignment's statistic a - d*b (a, b fixed per
    reassignment), so the p-value of any shift is cheap; the interval's ends are found by
    bisection to 0.001 points."""
    x, y = np.asarray(this, dtype=float), np.asarray(other, dtype=float)
    n1, n0 = len(x), len(y)
    if n1 == 0 or n0 == 0:
        raise ValueError("both samples need at least one value")
    pooled = np.r_[x, y]
    group = np.r_[np.ones(n1), np.zeros(n0)]
    rows, exact = _assignments(n1, n1 + n0)
    a = rows @ pooled / n1 - (~rows) @ pooled / n0
    b = rows @ group / n1 - (~rows) @ group / n0
    observed = float(x.mean() - y.mean())
    tolerance = 1e-9

    def p_value(shift: float) -> float:
        extreme = np.abs(a - shift * b) >= abs(observed - shift) - tolerance
        return int(extreme.sum()) / len(rows)

    span = float(pooled.max() - pooled.min()) + 1.0

    def end(direction: float, alpha: float) -> float:
        inside, outside = observed, observed + direction * span
        if p_value(outside) > alpha:
            return outside
        while abs(outside - inside) > 1e-3:
            mid = (inside + outside) / 2
            if p_value(mid) > alpha:
                inside = mid
            else:
                outside = mid
        return inside

    p0 = p_value(0.0)
    out = []
    for c in confidences:
        low, high = end(-1.0, 1 - c), end(1.0, 1 - c)
        if p0 > 1 - c:
            # With tied values the p-value jumps at a shift of exactly 0 (ties count as extreme there),
            # so the bisection can step over it: the interval holds no change whenever the test does.
            low, high = min(low, 0.0), max(high, 0.0)
        out.append(MeanDifference(observed, low, high, p0, exact))
    return out


def median(values: Sequence[float]) -> float | None:
    """The median (mean of the middle two for an even count); None for no values."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    mid = n // 2
    return float(ordered[mid]) if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2.0
