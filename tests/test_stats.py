"""The report's statistics against independent computations: scipy.stats, a published
worked example, and answers worked by hand."""

from __future__ import annotations

import math
import random
import statistics

import pytest
from scipy import stats as sps

from diary.reports import stats


def scipy_rate_ratio_ci(n1: int, t1: float, n0: int, t0: float) -> tuple[float, float]:
    """The conditional exact CI of (n1/t1)/(n0/t0) through scipy's own binomial interval."""
    ci = sps.binomtest(n1, n1 + n0).proportion_ci(confidence_level=0.95, method="exact")
    low = ci.low / (1 - ci.low) * t0 / t1
    high = math.inf if ci.high >= 1 else ci.high / (1 - ci.high) * t0 / t1
    return low, high


@pytest.mark.parametrize(("k", "n"), [(0, 1), (1, 1), (0, 10), (3, 10), (10, 10), (7, 18), (50, 120), (1, 400)])
def test_clopper_pearson_matches_scipy(k: int, n: int) -> None:
    """The exact binomial interval equals scipy's binomtest(...).proportion_ci(method='exact')."""
    ci = sps.binomtest(k, n).proportion_ci(method="exact")
    low, high = stats.clopper_pearson(k, n)
    assert low == pytest.approx(ci.low, abs=1e-12)
    assert high == pytest.approx(ci.high, abs=1e-12)


@pytest.mark.parametrize(
    ("n1", "t1", "n0", "t0"),
    [(7, 6.0, 11, 6.0), (5, 5.0, 11, 6.0), (1, 2.5, 9, 6.75), (30, 7.0, 12, 6.2), (3, 4.0, 3, 4.0), (0, 7.0, 8, 7.0)],
)
def test_rate_ratio_ci_matches_scipy(n1: int, t1: float, n0: int, t0: float) -> None:
    """Rate ratio and exact CI equal scipy's binomial interval converted with the exposures."""
    rr = stats.rate_ratio(n1, t1, n0, t0)
    assert rr is not None
    low, high = scipy_rate_ratio_ci(n1, t1, n0, t0)
    assert rr.estimate == pytest.approx((n1 / t1) / (n0 / t0), rel=1e-12)
    assert rr.low == pytest.approx(low, rel=1e-9, abs=1e-12)
    assert rr.high == pytest.approx(high, rel=1e-9)


def test_rate_ratio_matches_published_example() -> None:
    """R's documented poisson.test example gives RR 1.971488, 95% CI 0.8584264 to 4.2772659.

    Source: R `stats::poisson.test` help page, example "eba1977, compare Fredericia to
    other three cities for ages 55-59": poisson.test(c(11, 6+8+7), c(800, 1083+1050+878)),
    i.e. 11 lung cancer cases in 800 person-years against 21 in 3011 (data of Andersen
    1977, in Dalgaard's ISwR package). R prints: 95 percent confidence interval
    0.8584264 4.2772659; sample estimates: rate ratio 1.971488. Its two-sample CI is the
    same conditional binomial (Clopper-Pearson) interval converted with the exposures.
    """
    rr = stats.rate_ratio(11, 800, 21, 3011)
    assert rr is not None
    assert rr.estimate == pytest.approx(1.971488, abs=5e-7)
    assert rr.low == pytest.approx(0.8584264, abs=5e-8)
    assert rr.high == pytest.approx(4.2772659, abs=5e-8)


def test_rate_ratio_without_episodes_before_is_open_ended() -> None:
    """With none before, the ratio and the upper limit are infinite and the lower limit stays exact."""
    rr = stats.rate_ratio(4, 5.0, 0, 6.0)
    assert rr is not None
    assert math.isinf(rr.estimate) and math.isinf(rr.high)
    low, _ = scipy_rate_ratio_ci(4, 5.0, 0, 6.0)
    assert rr.low == pytest.approx(low, rel=1e-9)


@pytest.mark.parametrize(("n1", "t1", "n0", "t0"), [(0, 5.0, 0, 5.0), (3, 0.0, 2, 5.0), (3, 5.0, 2, 0.0)])
def test_rate_ratio_not_estimable(n1: int, t1: float, n0: int, t0: float) -> None:
    """No episodes at all, or no observed time on a side, gives no ratio rather than a number."""
    assert stats.rate_ratio(n1, t1, n0, t0) is None


def _random_intensities(rng: random.Random, n: int, centre: float) -> list[int]:
    return [max(0, min(10, round(rng.gauss(centre, 1.8)))) for _ in range(n)]


@pytest.mark.parametrize("seed", range(12))
def test_mann_whitney_matches_scipy(seed: int) -> None:
    """U and the two-sided p equal scipy's mannwhitneyu (normal approximation, tie and continuity corrections)."""
    rng = random.Random(seed)
    x = _random_intensities(rng, rng.randint(5, 40), rng.uniform(3, 7))
    y = _random_intensities(rng, rng.randint(5, 40), rng.uniform(3, 7))
    u, p = stats.mann_whitney(x, y)
    ref = sps.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True)
    assert u == pytest.approx(ref.statistic, abs=1e-9)
    assert p == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-15)


def test_mann_whitney_by_hand() -> None:
    """x = 1,2,3 against y = 4,5,6: U = 0; z = (4.5 - 0.5)/sqrt(5.25); p = 2 * Phi(-z) = 0.0809."""
    u, p = stats.mann_whitney([1, 2, 3], [4, 5, 6])
    assert u == 0
    z = 4.0 / math.sqrt(3 * 3 * 7 / 12)
    assert p == pytest.approx(math.erfc(z / math.sqrt(2)), rel=1e-12)
    assert p == pytest.approx(0.0809, abs=5e-5)


def test_mann_whitney_all_tied_is_one() -> None:
    """When every value is the same there is no evidence of a difference: p = 1."""
    assert stats.mann_whitney([5] * 6, [5] * 7) == (21.0, 1.0)


@pytest.mark.parametrize("values", [[3], [3, 5], [7, 1, 4], [2, 9, 4, 4], [6, 6, 7, 6, 7, 8, 7, 8, 9, 7, 8]])
def test_median_matches_statistics(values: list[int]) -> None:
    """The median is the middle value, or the mean of the middle two."""
    assert stats.median(values) == statistics.median(values)
    assert stats.median([]) is None


@pytest.mark.parametrize(
    ("before", "after", "important"),
    [(6, 4, True), (5, 4, False), (3, 2, True), (10, 8, True), (7, 5.5, False), (2, 2, False), (4, 6, True),
     (0, 1, False), (9, 7.5, False), (10, 7.5, True)],
)
def test_clinically_important_difference(before: float, after: float, important: bool) -> None:
    """2 points or 30% of the value before (Farrar et al. 2001) marks a clinically important change."""
    assert stats.clinically_important(before, after) is important


def test_intensity_comparison_needs_five_episodes_a_side() -> None:
    """Medians are given from one episode on; the difference and the test only with five on each side."""
    few = stats.compare_intensity([6, 7, 8, 7], [3, 4, 3, 4, 5])
    assert (few.median_before, few.median_after, few.difference, few.p_value) == (7.0, 4.0, None, None)
    enough = stats.compare_intensity([6, 7, 8, 7, 9], [3, 4, 3, 4, 5])
    ref = sps.mannwhitneyu([3, 4, 3, 4, 5], [6, 7, 8, 7, 9], method="asymptotic")
    assert (enough.median_before, enough.median_after, enough.difference) == (7.0, 4.0, -3.0)
    assert enough.relative == pytest.approx(-3 / 7)
    assert enough.p_value == pytest.approx(ref.pvalue, rel=1e-12)
    assert enough.clinically_important is True


@pytest.mark.parametrize(("k", "mu"), [(0, 1.0), (1, 0.5), (7, 1.7727), (3, 3.0), (12, 4.2)])
def test_poisson_upper_tail_matches_scipy(k: int, mu: float) -> None:
    """P(X >= k) equals scipy's poisson.sf(k - 1, mu)."""
    assert stats.poisson_upper_tail(k, mu) == pytest.approx(sps.poisson.sf(k - 1, mu), rel=1e-10)


def test_flare_rule() -> None:
    """7 episodes in 3 observed days against 13 in 22 usually is a flare; a mild excess or thin data is not."""
    flare = stats.flare_check(7, 3.0, 13, 22.0)
    assert flare.flagged and flare.checkable
    assert flare.p_value == pytest.approx(sps.poisson.sf(6, 13 / 22 * 3.0), rel=1e-10)
    assert not stats.flare_check(3, 3.0, 22, 22.0).flagged  # rate 1.0 against 1.0
    assert not stats.flare_check(2, 3.0, 1, 22.0).flagged  # fewer than 3 episodes
    thin = stats.flare_check(5, 1.5, 10, 20.0)
    assert not thin.checkable and not thin.flagged
