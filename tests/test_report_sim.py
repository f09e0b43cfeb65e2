"""The report's statistical properties, checked on simulated diaries with fixed seeds
(tests/helpers/report.py: 4 weeks of baseline, 8 weekly visits, the report of the last month).

At a constant rate (Poisson, and negative binomial with variance twice the mean) the report
must call a change against the baseline, flag a reaction or a flare, or say "reaches the size
patients rate as important" in at most 7% of diaries; with a real, sustained 40% fewer
episodes at 2 a day it must find the fall (the interval below 1) in at least 50%.
"""

from __future__ import annotations

import functools

import pytest

from tests.helpers.report import Said, said, simulate

DIARIES = 200
SEEDS = range(DIARIES)


@functools.cache
def outcomes(rate: float, after: float | None, nb: bool) -> tuple[Said, ...]:
    return tuple(said(simulate(seed, rate=rate, after=after, nb=nb)) for seed in SEEDS)


def share(found: tuple[Said, ...], what: str) -> float:
    return sum(getattr(s, what) for s in found) / len(found)


@pytest.mark.parametrize("nb", [False, True], ids=["poisson", "negative-binomial"])
@pytest.mark.parametrize("what", ["claims_change", "flags", "important"])
def test_constant_rate_rarely_claims_anything(nb: bool, what: str) -> None:
    """Over 200 diaries at a constant 2 episodes a day, page 1 calls a change against the baseline,
    flags a reaction or flare, or calls an intensity change important in at most 7%."""
    assert share(outcomes(2.0, None, nb), what) <= 0.07


def test_a_real_40_percent_fall_is_found_in_at_least_half() -> None:
    """Over 200 diaries going from 2 to 1.2 episodes a day when care begins, the baseline comparison calls
    fewer episodes (the whole interval below 1) in at least half."""
    assert share(outcomes(2.0, 1.2, False), "fewer_episodes") >= 0.5


def test_the_simulated_diaries_are_what_they_claim() -> None:
    """The simulation itself: 2 episodes a day on average, about 95% of days observed, variance about the mean
    (Poisson) or twice it (negative binomial), and a 40% lower rate from care on when asked."""
    for nb, ratio in ((False, 1.0), (True, 2.0)):
        counts = [d.episodes for seed in range(20) for d in simulate(seed, nb=nb).timeline.days if d.observed]
        mean = sum(counts) / len(counts)
        variance = sum((c - mean) ** 2 for c in counts) / (len(counts) - 1)
        assert mean == pytest.approx(2.0, rel=0.06)
        assert variance / mean == pytest.approx(ratio, rel=0.15)
    data = simulate(1, after=1.2)
    days = [d for d in data.timeline.days if d.observed]
    before = [d.episodes for d in days if d.day < data.care_began] if data.care_began else []
    after = [d.episodes for d in days if data.care_began and d.day >= data.care_began]
    assert len(days) / 87 == pytest.approx(0.95, abs=0.05)
    assert sum(after) / len(after) / (sum(before) / len(before)) == pytest.approx(0.6, abs=0.15)
