"""The report's statistics against independent computations: scipy.stats, statsmodels
called another way, a published worked example, a closed-form quasi-Poisson worked in the
test, brute-force permutations, and answers worked by hand."""

from __future__ import annotations

import itertools
import math
import random
import statistics

import numpy as np
import pytest
from scipy import stats as sps
from statsmodels.genmod import families
from statsmodels.genmod.generalized_linear_model import GLM
from statsmodels.stats.proportion import confint_proportions_2indep

from diary.reports import stats
from diary.reports.stats import Unit
from tests.helpers.reference_stats import brute_p, quasi_poisson_by_hand, scipy_rate_ratio_ci


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
def test_exact_rate_ratio_matches_scipy(n1: int, t1: float, n0: int, t0: float) -> None:
    """The exact conditional rate ratio interval equals scipy's binomial interval converted with the exposures."""
    rr = stats.exact_rate_ratio(n1, t1, n0, t0)
    assert rr is not None
    low, high = scipy_rate_ratio_ci(n1, t1, n0, t0)
    assert rr.estimate == pytest.approx((n1 / t1) / (n0 / t0), rel=1e-12)
    assert rr.low == pytest.approx(low, rel=1e-9, abs=1e-12)
    assert rr.high == pytest.approx(high, rel=1e-9)


def test_exact_rate_ratio_matches_published_example() -> None:
    """R's documented poisson.test example gives RR 1.971488, 95% CI 0.8584264 to 4.2772659.

    Source: R `stats::poisson.test` help page, example "eba1977, compare Fredericia to
    other three cities for ages 55-59": poisson.test(c(11, 6+8+7), c(800, 1083+1050+878)),
    i.e. 11 lung cancer cases in 800 person-years against 21 in 3011 (Andersen 1977).
    """
    rr = stats.exact_rate_ratio(11, 800, 21, 3011)
    assert rr is not None
    assert rr.estimate == pytest.approx(1.971488, abs=5e-7)
    assert rr.low == pytest.approx(0.8584264, abs=5e-8)
    assert rr.high == pytest.approx(4.2772659, abs=5e-8)


def test_exact_rate_ratio_not_estimable() -> None:
    """No episodes at all, or no observed time on a side, gives no ratio rather than a number."""
    assert stats.exact_rate_ratio(0, 5.0, 0, 5.0) is None
    assert stats.exact_rate_ratio(3, 0.0, 2, 5.0) is None


@pytest.mark.parametrize(("n", "t"), [(0, 10.0), (1, 3.0), (17, 28.0), (60, 31.5)])
def test_exact_rate_matches_the_chi_square_formula(n: int, t: float) -> None:
    """Garwood's interval: chi2(2n, 2.5%)/2t to chi2(2n+2, 97.5%)/2t, from scipy.stats.chi2."""
    low, high = stats.exact_rate(n, t)
    assert low == pytest.approx(sps.chi2.ppf(0.025, 2 * n) / (2 * t) if n else 0.0, abs=1e-12)
    assert high == pytest.approx(sps.chi2.ppf(0.975, 2 * n + 2) / (2 * t), rel=1e-10)


# --- proportions of days -------------------------------------------------------------------------


@pytest.mark.parametrize(("x1", "n1", "x0", "n0"),
                         [(12, 30, 24, 28), (25, 31, 20, 28), (3, 30, 3, 28), (30, 30, 20, 28), (7, 26, 19, 25)])
def test_proportion_ratio_matches_statsmodels(x1: int, n1: int, x0: int, n0: int) -> None:
    """The Miettinen-Nurminen score interval of p1/p0 equals statsmodels' confint_proportions_2indep
    (method 'score', compare 'ratio') away from its numerical edge cases."""
    r = stats.proportion_ratio(x1, n1, x0, n0)
    low, high = confint_proportions_2indep(x1, n1, x0, n0, method="score", compare="ratio")
    assert r is not None
    assert r.estimate == pytest.approx((x1 / n1) / (x0 / n0))
    assert (r.low, r.high) == (pytest.approx(float(low), rel=1e-7), pytest.approx(float(high), rel=1e-7))


def test_proportion_ratio_edges() -> None:
    """Every day a spasm day on both sides is no change (statsmodels' root finder puts 1 just outside); none
    on one side gives an open end; none at all, no ratio."""
    both_full = stats.proportion_ratio(30, 30, 28, 28)
    assert both_full is not None and both_full.low < 1 < both_full.high and not both_full.excludes(1.0)
    none_now = stats.proportion_ratio(0, 30, 10, 28)
    assert none_now is not None and none_now.estimate == 0 and none_now.low == 0
    assert none_now.high == pytest.approx(float(confint_proportions_2indep(0, 30, 10, 28, method="score",
                                                                             compare="ratio")[1]), rel=1e-7)
    none_before = stats.proportion_ratio(10, 30, 0, 28)
    assert none_before is not None and math.isinf(none_before.estimate) and math.isinf(none_before.high)
    assert stats.proportion_ratio(0, 30, 0, 28) is None


# --- rates from the quasi-Poisson model -------------------------------------------------------------


def _units(rng: random.Random, n: int, rate: float, clumped: bool) -> list[Unit]:
    out = []
    for _ in range(n):
        lam = rate * (rng.gammavariate(0.7, 1 / 0.7) if clumped else 1.0)
        out.append(Unit(int(np.random.default_rng(rng.randrange(10**9)).poisson(lam)), 1.0))
    return out


@pytest.mark.parametrize("seed", range(8))
def test_rate_ratio_matches_a_quasi_poisson_worked_by_hand(seed: int) -> None:
    """The GLM's ratio and interval equal the closed-form quasi-Poisson of two groups (with its scale,
    correlation widening and t quantile), joined with the exact interval."""
    rng = random.Random(seed)
    this, other = _units(rng, 30, 1.3, seed % 2 == 0), _units(rng, 28, 2.0, seed % 2 == 0)
    rr = stats.rate_ratio(this, other)
    estimate, low, high = quasi_poisson_by_hand(this, other)
    assert rr is not None
    assert (rr.estimate, rr.low, rr.high) == (pytest.approx(estimate, rel=1e-8), pytest.approx(low, rel=1e-7),
                                              pytest.approx(high, rel=1e-7))


def test_rate_ratio_scale_is_statsmodels_pearson_scale() -> None:
    """The scale the interval is widened by is statsmodels' own Pearson chi-square / df of the same model."""
    rng = random.Random(3)
    this, other = _units(rng, 30, 1.5, True), _units(rng, 28, 2.0, True)
    rr = stats.rate_ratio(this, other)
    y = np.array([u.episodes for u in this + other], dtype=float)
    x = np.column_stack([np.ones(len(y)), np.r_[np.ones(30), np.zeros(28)]])
    fit = GLM(y, x, family=families.Poisson()).fit(scale="X2")
    assert rr is not None and fit.scale > 1
    assert rr.dispersion.scale == pytest.approx(fit.scale, rel=1e-9)
    assert rr.estimate == pytest.approx(math.exp(fit.params[1]), rel=1e-9)


@pytest.mark.parametrize("seed", range(6))
def test_rate_ratio_and_rate_standard_errors_are_statsmodels_glm(seed: int) -> None:
    """With uneven exposures (an offset), the Poisson variances the intervals start from are those of
    statsmodels' GLM of the same model: the group term's for the ratio, the intercept's for one rate.
    Checked on data where neither the correlation widening nor the exact interval decides the ends."""
    rng = np.random.default_rng(seed)
    t1, t0 = rng.choice([0.5, 1.0], 40), rng.choice([0.5, 1.0], 35)
    this = [Unit(int(k), float(t)) for k, t in zip(rng.poisson(3.0 * t1), t1, strict=True)]
    other = [Unit(int(k), float(t)) for k, t in zip(rng.poisson(4.5 * t0), t0, strict=True)]
    units = this + other
    y = np.array([u.episodes for u in units], dtype=float)
    x = np.column_stack([np.ones(len(y)), np.r_[np.ones(len(this)), np.zeros(len(other))]])
    fit = GLM(y, x, family=families.Poisson(), offset=np.log([u.exposure for u in units])).fit(scale="X2")
    rr = stats.rate_ratio(this, other)
    assert rr is not None
    widen = rr.dispersion.factor / max(1.0, fit.scale)  # the correlation part of the widening
    q = sps.t.ppf(0.975, len(units) - 2)
    se = math.sqrt(max(1.0, fit.scale) / fit.scale) * fit.bse[1] * math.sqrt(widen)
    exact_low, exact_high = scipy_rate_ratio_ci(sum(u.episodes for u in this), float(t1.sum()),
                                                sum(u.episodes for u in other), float(t0.sum()))
    assert rr.estimate == pytest.approx(math.exp(fit.params[1]), rel=1e-9)
    assert rr.low == pytest.approx(min(exact_low, math.exp(fit.params[1] - q * se)), rel=1e-8)
    assert rr.high == pytest.approx(max(exact_high, math.exp(fit.params[1] + q * se)), rel=1e-8)
    one = GLM(np.array([u.episodes for u in this], dtype=float), np.ones((len(this), 1)), family=families.Poisson(),
              offset=np.log(t1)).fit(scale="X2")
    rate = stats.rate(this)
    assert rate is not None and rate.estimate == pytest.approx(math.exp(one.params[0]), rel=1e-9)
    factor = stats.rate([Unit(u.episodes, u.exposure) for u in this])
    assert factor is not None
    q1 = sps.t.ppf(0.975, len(this) - 1)
    disp = stats._dispersion([stats.pooled_units(this)])
    se1 = one.bse[0] / math.sqrt(one.scale) * math.sqrt(disp.factor)
    assert rate.high == pytest.approx(max(sps.chi2.ppf(0.975, 2 * sum(u.episodes for u in this) + 2) / (2 * t1.sum()),
                                          math.exp(one.params[0] + q1 * se1)), rel=1e-8)


@pytest.mark.parametrize("seed", range(40))
def test_rate_ratio_is_never_narrower_than_the_exact_interval(seed: int) -> None:
    """Whatever the data, under- or overdispersed, the interval contains the exact Poisson interval."""
    rng = random.Random(seed)
    this = [Unit(rng.choice([0, 1, 1, 2, 2, 3]), 1.0) for _ in range(rng.randint(5, 30))]
    other = [Unit(rng.choice([0, 1, 2, 2, 3, 5]), rng.choice([0.5, 1.0])) for _ in range(rng.randint(5, 30))]
    rr = stats.rate_ratio(this, other)
    exact = stats.exact_rate_ratio(sum(u.episodes for u in this), sum(u.exposure for u in this),
                                   sum(u.episodes for u in other), sum(u.exposure for u in other))
    assert rr is not None and exact is not None
    assert rr.low <= exact.low + 1e-12 and rr.high >= exact.high - 1e-12


def test_rate_ratio_with_none_on_a_side() -> None:
    """No episode this side: the ratio is 0 and its upper end the exact one of the counts divided by the
    dispersion factor (wider than exact when the other side is overdispersed)."""
    other = [Unit(k, 1.0) for k in (0, 5, 0, 6, 1, 0, 7, 2, 0, 4)]
    rr = stats.rate_ratio([Unit(0, 1.0)] * 10, other)
    assert rr is not None and rr.estimate == 0 and rr.low == 0
    exact = stats.exact_rate_ratio(0, 10.0, 25, 10.0)
    assert exact is not None and rr.high > exact.high
    f = rr.dispersion.factor
    assert rr.high == pytest.approx(scipy_rate_ratio_ci(0, 10.0, 25, 10.0)[1] if f == 1 else
                                    (lambda p: p / (1 - p))(sps.beta.ppf(0.975, 1, 25 / f)), rel=1e-9)


def test_rate_matches_an_intercept_only_quasi_poisson_by_hand() -> None:
    """One rate: mean count, Pearson scale, lag-1 widening, t quantile with n-1 df, joined with Garwood's."""
    units = [Unit(k, 1.0) for k in (3, 0, 1, 4, 2, 2, 0, 5, 1, 1, 3, 0)]
    rate = stats.rate(units)
    n, t = sum(u.episodes for u in units), float(len(units))
    m = n / t
    res = [(u.episodes - m) / math.sqrt(m) for u in units]
    phi = max(1.0, sum(r * r for r in res) / (len(units) - 1))
    r = min(max(sum(a * b for a, b in itertools.pairwise(res)) / sum(x * x for x in res), 0.0), 0.8)
    se = math.sqrt(phi * (1 + r) / (1 - r) / n)
    q = sps.t.ppf(0.975, len(units) - 1)
    assert rate is not None and rate.estimate == pytest.approx(m)
    assert rate.low == pytest.approx(min(sps.chi2.ppf(0.025, 2 * n) / (2 * t), m * math.exp(-q * se)), rel=1e-8)
    assert rate.high == pytest.approx(max(sps.chi2.ppf(0.975, 2 * n + 2) / (2 * t), m * math.exp(q * se)), rel=1e-8)


def test_pooled_units_join_slivers_of_a_day() -> None:
    """Pieces under half an observed day are pooled with the next (the last with the one before); empty ones go."""
    got = stats.pooled_units([Unit(1, 0.2), Unit(0, 0.2), Unit(2, 0.4), Unit(0, 0.0), Unit(3, 1.0), Unit(1, 0.1)])
    assert got == [Unit(3, pytest.approx(0.8)), Unit(4, pytest.approx(1.1))]


# --- intensity: the permutation interval -----------------------------------------------------------


def test_mean_difference_exact_against_brute_force() -> None:
    """Small samples: every reassignment is enumerated; p and the interval's ends agree with a brute-force
    permutation test (the ends are where it stops rejecting)."""
    x, y = [6, 7, 8, 7, 9], [3, 4, 3, 4, 5]
    d = stats.mean_difference(x, y)
    assert d.exact and d.difference == pytest.approx(3.6)
    assert d.p_value == pytest.approx(brute_p(x, y), abs=1e-12)
    assert brute_p(x, y, d.low + 0.01) > 0.05 and brute_p(x, y, d.high - 0.01) > 0.05
    assert brute_p(x, y, d.low - 0.01) <= 0.05 and brute_p(x, y, d.high + 0.01) <= 0.05


def test_mean_difference_sampled_against_scipy() -> None:
    """Large samples: random reassignments with a fixed seed give scipy's permutation test p within Monte
    Carlo error, and the same answer every time."""
    rng = random.Random(5)
    x = [min(10, max(1, round(rng.gauss(6.0, 1.6)))) for _ in range(26)]
    y = [min(10, max(1, round(rng.gauss(5.0, 1.6)))) for _ in range(24)]
    d = stats.mean_difference(x, y)
    # Two-sided as the report takes it: how often |difference| is at least the observed one.
    ref = sps.permutation_test((x, y), lambda a, b: abs(np.mean(a) - np.mean(b)), n_resamples=20000,
                               alternative="greater", random_state=1)
    assert not d.exact
    assert d.p_value == pytest.approx(ref.pvalue, abs=0.01)
    assert stats.mean_difference(x, y) == d
    assert d.low < d.difference < d.high


def test_mean_difference_holds_no_change_whenever_the_test_does() -> None:
    """With tied values the p-value jumps at a shift of exactly 0; the interval still holds 0 whenever
    the test does not reject (the decision and the interval never disagree)."""
    rng = random.Random(11)
    for _ in range(60):
        x = [min(10, max(1, round(rng.gauss(6.5, 1.5)))) for _ in range(rng.randint(20, 30))]
        y = [min(10, max(1, round(rng.gauss(6.5, 1.5)))) for _ in range(rng.randint(20, 28))]
        for level in (0.95, 0.99):
            d = stats.mean_difference(x, y, level)
            assert d.excludes_zero() == (d.p_value <= 1 - level)


@pytest.mark.parametrize("values", [[3], [3, 5], [7, 1, 4], [2, 9, 4, 4], [6, 6, 7, 6, 7, 8, 7, 8, 9, 7, 8]])
def test_median_matches_statistics(values: list[int]) -> None:
    """The median is the middle value, or the mean of the middle two."""
    assert stats.median(values) == statistics.median(values)
    assert stats.median([]) is None


def test_rates_share_one_dispersion_and_stay_near_the_exact_interval() -> None:
    """Days since a visit with two windows each (two visits): no day scales its own interval (one degree
    of freedom, t = 12.7), all days share the Pearson scale of every window around its own day's rate, and
    each interval is Garwood's for n/phi episodes over t/phi days, computed here with scipy's chi-square."""
    groups = [[Unit(3, 1.0), Unit(0, 1.0)], [Unit(1, 1.0), Unit(0, 1.0)], [Unit(5, 1.0), Unit(0, 1.0)],
              [Unit(1, 1.0), Unit(1, 1.0)], [Unit(0, 1.0), Unit(0, 0.9)], []]
    got = stats.rates(groups)
    chi2, units = 0.0, 0
    for g in groups[:5]:
        m = sum(u.episodes for u in g) / sum(u.exposure for u in g)
        chi2 += sum((u.episodes - m * u.exposure) ** 2 / (m * u.exposure) for u in g if m > 0)
        units += len(g)
    phi = max(1.0, chi2 / (units - 5))  # 10 windows, 5 days: 5 degrees of freedom
    assert phi > 1.5
    assert got[5] is None
    for g, r in zip(groups[:5], got[:5], strict=True):
        n, t = sum(u.episodes for u in g), sum(u.exposure for u in g)
        assert r is not None and (r.episodes, r.exposure) == (n, pytest.approx(t))
        low = 0.0 if n == 0 else sps.chi2.ppf(0.025, 2 * n / phi) / (2 * t / phi)
        high = sps.chi2.ppf(0.975, 2 * n / phi + 2) / (2 * t / phi)
        assert r.low == pytest.approx(min(low, 0.0 if n == 0 else sps.chi2.ppf(0.025, 2 * n) / (2 * t)), rel=1e-8)
        assert r.high == pytest.approx(max(high, sps.chi2.ppf(0.975, 2 * n + 2) / (2 * t)), rel=1e-8)
        assert r.high < 25  # the old per-day t interval ran to thousands a day here
    # One window a day: no degree of freedom to estimate a scale from; the exact interval stands.
    single = stats.rates([[Unit(5, 2.0)], [Unit(0, 1.0)]])
    assert single[0] is not None and single[0].high == pytest.approx(sps.chi2.ppf(0.975, 12) / 4, rel=1e-9)
    assert single[1] is not None and single[1].high == pytest.approx(sps.chi2.ppf(0.975, 2) / 2, rel=1e-9)
