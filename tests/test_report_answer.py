"""Page 1's answer on a diary with a baseline (tests/helpers/report.py `care_plan`), every
number against an independent computation: counts from the plan itself, the quasi-Poisson
worked by hand (tests/test_stats.py), statsmodels' score interval, scipy's binomial
interval, brute-force window counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from scipy import stats as sps
from statsmodels.stats.proportion import confint_proportions_2indep

from diary import entries
from diary.profile import set_profile
from diary.reports import baseline as page1
from diary.reports import stats, visits
from diary.reports.data import Period, ReportData, load
from diary.reports.stats import Unit
from diary.storage import open_diary
from diary.storage.engine import read_connection
from tests.helpers.reference_stats import quasi_poisson_by_hand
from tests.helpers.report import (
    BASELINE,
    BERLIN,
    CARE_BEGAN,
    CARE_VISITS,
    build_care_diary,
    care_days,
    care_plan,
)

NOVEMBER = Period.month(2026, 11)
CUTOFF = dt.datetime(2026, 12, 10, 10, 0, tzinfo=BERLIN)


@pytest.fixture(scope="module")
def care_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("care") / "care.db")
    build_care_diary(path)
    return path


def load_november(location: str, cutoff: dt.datetime = CUTOFF) -> ReportData:
    with read_connection(location) as conn:
        return load(conn, NOVEMBER, window_days=7, cutoff=cutoff)


@pytest.fixture(scope="module")
def care(care_db: str) -> ReportData:
    return load_november(care_db)


def planned(first: dt.date, last: dt.date) -> list[list[int]]:
    """The plan's observed days from `first` to `last`: each day's intensities."""
    return [p for d in care_days(first, last) if (p := care_plan(d)) is not None]


def units(days: list[list[int]]) -> list[Unit]:
    return [Unit(len(p), 1.0) for p in days]


BASE = planned(*BASELINE)
NOV = planned(dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def test_columns_count_what_the_plan_holds(care: ReportData) -> None:
    """Observed days, spasm days, moderate-or-severe days, episodes and the days' worst intensities of the
    baseline, October and November are those of the plan."""
    answer = page1.answer(care)
    assert (answer.care_began, answer.care_source, answer.baseline_usable) == (CARE_BEGAN, "adjustment", True)
    october = planned(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    for column, days, calendar_days in ((answer.baseline, BASE, 28), (answer.previous, october, 31),
                                        (answer.this, NOV, 30)):
        assert column is not None
        assert (column.days, column.observed) == (calendar_days, len(days))
        assert column.spasm_days == sum(bool(p) for p in days)
        assert column.moderate_days == sum(bool(p) and max(p) >= 4 for p in days)
        assert column.episodes == sum(len(p) for p in days)
        assert sorted(column.worst) == sorted(max(p) for p in days if p)
    assert answer.baseline is not None and (answer.baseline.observed, answer.baseline.spasm_days) == (24, 20)
    assert (answer.this.observed, answer.this.spasm_days, answer.this.episodes) == (27, 15, 19)


def test_changes_against_independent_computations(care: ReportData) -> None:
    """Episodes: the quasi-Poisson worked by hand; spasm days and moderate days: statsmodels' score interval;
    intensity: the difference of the plan's means with its permutation interval."""
    comparison = page1.answer(care).comparison
    assert comparison is not None and comparison.against == "baseline" and comparison.too_little is None
    episodes = comparison.change("episodes").ratio
    estimate, low, high = quasi_poisson_by_hand(units(NOV), units(BASE))
    assert episodes is not None
    assert (episodes.estimate, episodes.low, episodes.high) == (pytest.approx(estimate), pytest.approx(low),
                                                                pytest.approx(high))
    for key, k1, k0 in (("spasm_days", sum(bool(p) for p in NOV), sum(bool(p) for p in BASE)),
                        ("moderate_days", sum(bool(p) and max(p) >= 4 for p in NOV),
                         sum(bool(p) and max(p) >= 4 for p in BASE))):
        r = comparison.change(key).ratio
        ref = confint_proportions_2indep(k1, len(NOV), k0, len(BASE), method="score", compare="ratio")
        assert r is not None
        assert r.estimate == pytest.approx((k1 / len(NOV)) / (k0 / len(BASE)))
        assert (r.low, r.high) == (pytest.approx(float(ref[0]), rel=1e-6), pytest.approx(float(ref[1]), rel=1e-6))
    worst_now, worst_before = [max(p) for p in NOV if p], [max(p) for p in BASE if p]
    d = comparison.change("intensity").difference
    assert d is not None
    assert d.difference == pytest.approx(sum(worst_now) / len(worst_now) - sum(worst_before) / len(worst_before))
    assert (d.low, d.high) == (stats.mean_difference(worst_now, worst_before).low,
                               stats.mean_difference(worst_now, worst_before).high)


def test_the_fixed_order_calls_every_change_here(care: ReportData) -> None:
    """Every interval excludes no change, so each measure is called in turn; intensity fell by more than
    2 points, the size patients rate as important; spasm days fell by a third, not a 50% responder."""
    comparison = page1.answer(care).comparison
    assert comparison is not None
    assert [(c.key, c.called, c.held_back) for c in comparison.changes] == [
        ("episodes", True, False), ("spasm_days", True, False), ("moderate_days", True, False),
        ("intensity", True, False), ("medication_days", False, False), ("peg", False, False)]
    assert comparison.change("medication_days").ratio is None  # no medication logged on either side
    assert comparison.change("peg").too_little == "fewer than 3 PEG answers on a side"
    assert comparison.change("intensity").important
    spasm_days = comparison.change("spasm_days").ratio
    assert spasm_days is not None and spasm_days.estimate > page1.RESPONDER


def test_trend_months_and_their_intervals(care: ReportData) -> None:
    """September to November: observed days, spasm days per 28 with scipy's exact binomial interval, and
    visits per month (the two visits of 12 Nov count once)."""
    months = page1.trend(care, [v.at for v in visits.group_visits(care.adjustments)])
    assert [m.first for m in months] == [dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)]
    assert [m.visits for m in months] == [0, 5, 4]
    for m in months:
        days = planned(m.first, m.last)
        assert (m.days, m.observed, m.spasm_days) == ((m.last - m.first).days + 1, len(days),
                                                      sum(bool(p) for p in days))
        ci = sps.binomtest(m.spasm_days, m.observed).proportion_ci(method="exact")
        assert m.value == pytest.approx(28 * m.spasm_days / m.observed)
        assert m.interval == (pytest.approx(28 * ci.low), pytest.approx(28 * ci.high))
    band = page1.baseline_band(page1.answer(care))
    ci = sps.binomtest(20, 24).proportion_ci(method="exact")
    assert band == (pytest.approx(28 * 20 / 24), pytest.approx(28 * ci.low), pytest.approx(28 * ci.high))


def _brute_reaction() -> tuple[int, float, int, float]:
    """The first 24 h after each visit against the rest of October and November, counted hour by hour."""
    visit_starts = [v for v in CARE_VISITS if v.month in (10, 11)]
    this_n = other_n = 0
    this_t = other_t = 0.0
    for day in care_days(dt.date(2026, 10, 1), dt.date(2026, 11, 30)):
        plan = care_plan(day)
        if plan is None:
            continue
        hours = 25 if day == dt.date(2026, 10, 25) else 24
        start = dt.datetime.combine(day, dt.time(0), tzinfo=BERLIN)
        for h in range(hours):
            at = (start.astimezone(dt.UTC) + dt.timedelta(hours=h))
            inside = any(v <= at < v + dt.timedelta(hours=24) for v in visit_starts)
            if inside:
                this_t += 1 / hours
            else:
                other_t += 1 / hours
        for hour, _ in zip((8, 14, 20), plan, strict=False):
            at = dt.datetime.combine(day, dt.time(hour), tzinfo=BERLIN)
            if any(v <= at < v + dt.timedelta(hours=24) for v in visit_starts):
                this_n += 1
            else:
                other_n += 1
    return this_n, this_t, other_n, other_t


def test_reaction_windows_counted_by_brute_force(care: ReportData) -> None:
    """Episodes and observed days in the first 24 h after the visits of October and November (the 20:00
    duplicate of 12 Nov inside its visit's window) and outside them, counted hour by hour."""
    reaction = visits.reaction(care)
    this_n, this_t, other_n, other_t = _brute_reaction()
    assert (reaction.visits, reaction.first, reaction.last) == (9, CARE_BEGAN, dt.date(2026, 11, 30))
    assert (reaction.this.episodes, reaction.other.episodes) == (this_n, other_n)
    assert (reaction.this.exposure, reaction.other.exposure) == (pytest.approx(this_t), pytest.approx(other_t))
    assert reaction.ratio is not None
    assert reaction.ratio.estimate == pytest.approx((this_n / this_t) / (other_n / other_t))
    exact = stats.exact_rate_ratio(this_n, this_t, other_n, other_t)
    assert exact is not None and reaction.ratio.low <= exact.low + 1e-9 and reaction.ratio.high >= exact.high - 1e-9
    assert reaction.flagged == (reaction.ratio.low > 1)


def test_care_began_in_the_profile_overrides_the_first_adjustment(care_db: str, tmp_path: Path) -> None:
    """A profile date of 1 Sep makes the baseline 4-31 Aug, which has no observed day: no usable baseline, and
    November is compared with October instead."""
    path = tmp_path / "copy.db"
    path.write_bytes(Path(care_db).read_bytes())
    with open_diary(str(path)) as store:
        set_profile(store, CUTOFF, {"care_began": dt.date(2026, 9, 1)})
    answer = page1.answer(load_november(str(path)))
    assert (answer.care_began, answer.care_source, answer.baseline_usable) == (dt.date(2026, 9, 1), "profile", False)
    assert answer.why_not_baseline == "0 of the 28 days before care began were observed (14 needed)"
    assert answer.comparison is not None and answer.comparison.against == "previous"
    assert answer.comparison.reference.label == "Oct 2026"


def test_a_baseline_long_ago_is_read_on_its_own(tmp_path: Path) -> None:
    """Care that began years before the month: the baseline's 28 days are read by themselves (the trend's
    months do not reach them), with their episodes and quiet days."""
    path = str(tmp_path / "old.db")
    with open_diary(path) as store:
        set_profile(store, CUTOFF, {"timezone": "Europe/Berlin"})
        for i in range(28):
            day = dt.date(2023, 2, 1) + dt.timedelta(days=i)
            at = dt.datetime.combine(day, dt.time(9), tzinfo=BERLIN)
            if i % 4:
                entries.log_episode(store, at, started_at=at, intensity=6)
            else:
                entries.mark_quiet(store, at, day, BERLIN)
        entries.log_adjustment(store, CUTOFF, at=dt.datetime(2023, 3, 1, 10, tzinfo=BERLIN))
        for day in care_days(dt.date(2026, 11, 1), dt.date(2026, 11, 30)):
            at = dt.datetime.combine(day, dt.time(9), tzinfo=BERLIN)
            entries.log_episode(store, at, started_at=at, intensity=3)
    data = load_november(path)
    assert data.baseline is not None and (data.baseline.first, data.baseline.last) == (
        dt.date(2023, 2, 1), dt.date(2023, 2, 28))
    assert data.timeline.first == dt.date(2025, 12, 1)  # 12 months of trend, not the years between
    answer = page1.answer(data)
    assert answer.baseline is not None and (answer.baseline.observed, answer.baseline.spasm_days) == (28, 21)
    assert answer.comparison is not None and answer.comparison.against == "baseline"
