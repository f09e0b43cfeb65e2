"""Reference computations for the report's statistics, worked without the report's code (scipy's
binomial interval, the quasi-Poisson by hand, brute-force permutations): shared by test_stats and
the report's tests, which check the report's numbers against them."""

from __future__ import annotations

import itertools
import math
import statistics

from scipy import stats as sps

from diary.reports.stats import Unit


def scipy_rate_ratio_ci(n1: int, t1: float, n0: int, t0: float) -> tuple[float, float]:
    """The conditional exact CI of (n1/t1)/(n0/t0) through scipy's own binomial interval."""
    ci = sps.binomtest(n1, n1 + n0).proportion_ci(confidence_level=0.95, method="exact")
    low = ci.low / (1 - ci.low) * t0 / t1
    high = math.inf if ci.high >= 1 else ci.high / (1 - ci.high) * t0 / t1
    return low, high


def quasi_poisson_by_hand(this: list[Unit], other: list[Unit]) -> tuple[float, float, float]:
    """Rate ratio and its 95% limits worked without the report's code: group rates, Pearson
    chi-square over df, lag-1 correlation of Pearson residuals, t quantile, then joined with
    scipy's exact conditional interval."""
    n1, t1 = sum(u.episodes for u in this), sum(u.exposure for u in this)
    n0, t0 = sum(u.episodes for u in other), sum(u.exposure for u in other)
    r1, r0 = n1 / t1, n0 / t0
    res1 = [(u.episodes - r1 * u.exposure) / math.sqrt(r1 * u.exposure) for u in this]
    res0 = [(u.episodes - r0 * u.exposure) / math.sqrt(r0 * u.exposure) for u in other]
    df = len(this) + len(other) - 2
    phi = max(1.0, (sum(x * x for x in res1) + sum(x * x for x in res0)) / df)
    lag = sum(a * b for res in (res1, res0) for a, b in itertools.pairwise(res))
    r = min(max(lag / sum(x * x for x in res1 + res0), 0.0), 0.8)
    se = math.sqrt(phi * (1 + r) / (1 - r) * (1 / n1 + 1 / n0))
    q = sps.t.ppf(0.975, df)
    beta = math.log(r1 / r0)
    low, high = scipy_rate_ratio_ci(n1, t1, n0, t0)
    return math.exp(beta), min(low, math.exp(beta - q * se)), max(high, math.exp(beta + q * se))


def brute_p(x: list[float], y: list[float], shift: float = 0.0) -> float:
    """Two-sided permutation p of mean(x - shift) - mean(y), over every reassignment."""
    xs = [v - shift for v in x]
    pooled = xs + y
    observed = abs(statistics.mean(xs) - statistics.mean(y))
    hits = total = 0
    for chosen in itertools.combinations(range(len(pooled)), len(x)):
        a = [pooled[i] for i in chosen]
        b = [pooled[i] for i in range(len(pooled)) if i not in chosen]
        total += 1
        hits += abs(statistics.mean(a) - statistics.mean(b)) >= observed - 1e-9
    return hits / total
