"""Changes in plain words (reports/words.py, reports/page_answer.py): fractions where they
are close, percentages otherwise, never a capital or an asterisk, and "could be chance"
wherever the interval includes no change."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from statsmodels.stats.proportion import confint_proportions_2indep

from diary.reports.baseline import Change, Column, Comparison, compare
from diary.reports.page_answer import change_cell, change_line, days_text, responder_line
from diary.reports.stats import MeanDifference, Ratio, Unit
from diary.reports.words import end_words, fmt_duration, fmt_signed, interval_words, ratio_words, share_words


@pytest.mark.parametrize(("share", "words"), [(0.5, "half"), (0.34, "a third"), (0.66, "two thirds"),
                                              (0.26, "a quarter"), (0.76, "three quarters"), (0.4, "40%"),
                                              (0.43, "45%"), (0.02, "2%"), (0.034, "3%"), (0.004, "less than 1%"),
                                              (0.0, "0%"), (0.9, "90%")])
def test_share_words(share: float, words: str) -> None:
    """A simple fraction within 2.5 points of the share, else the share rounded to 5% (under 10%: to 1%, so a
    ratio of 0.97 is never said as "fell by 5%")."""
    assert share_words(share) == words


@pytest.mark.parametrize(("ratio", "end", "line"), [
    (0.0, "all fewer", "no episodes, where there were some before care began"),
    (0.004, "more than 99% fewer", "more than 99% fewer episodes than before care began"),
    (0.01, "99% fewer", "about 99% fewer episodes than before care began"),
    (0.015, "98% fewer", "about 98% fewer episodes than before care began"),
    (0.02, "98% fewer", "about 98% fewer episodes than before care began"),
    (0.03, "95% fewer", "about 95% fewer episodes than before care began"),
])
def test_a_change_short_of_all_never_reads_as_all(ratio: float, end: str, line: str) -> None:
    """Ratios of 0.01-0.02 read "100% fewer" and 0.004 "all fewer": only a ratio of exactly 0 is all; a share
    rounded to 5% that would reach 100% is given to the whole percent below instead (1 - 0.015 = 98.5%: 98%)."""
    assert end_words(ratio) == end
    assert ratio_words(ratio, "episodes", "before care began") == line
    assert "100%" not in interval_words(ratio, 0.5)
    assert change_cell(Change("episodes", ratio=Ratio(ratio, ratio / 2, 0.5))) == (
        f"{'0.00' if ratio == 0 else '<0.01' if ratio < 0.005 else f'{ratio:.2f}'} "
        f"({'0.00' if ratio == 0 else '<0.01' if ratio < 0.01 else f'{ratio / 2:.2f}'} to 0.50)")


def test_the_issue_example_reads_as_written() -> None:
    """A ratio of 0.5 with an interval of 0.33 to 0.67 reads as issue 11's example sentence."""
    assert (f"{ratio_words(0.5, 'spasm days', 'before care began')}; {interval_words(0.33, 0.67)}"
            == "about half as many spasm days as before care began; the interval runs from a third fewer to two "
               "thirds fewer")


@pytest.mark.parametrize(("ratio", "words"), [
    (1.0, "about as many episodes as before care began"),
    (0.6, "about 40% fewer episodes than before care began"),
    (1.3, "about 30% more episodes than before care began"),
    (2.0, "about twice as many episodes as before care began"),
    (3.14, "about 3.1 times as many episodes as before care began"),
    (0.0, "no episodes, where there were some before care began"),
])
def test_ratio_words(ratio: float, words: str) -> None:
    """Fewer, more, about as many, twice, n times."""
    assert ratio_words(ratio, "episodes", "before care began") == words


def test_interval_across_no_change() -> None:
    """An interval that holds 1 runs from fewer to more."""
    assert interval_words(0.8, 1.45) == "the interval runs from 20% fewer to 45% more"
    assert interval_words(0.8, 1.35) == "the interval runs from 20% fewer to a third more"
    assert end_words(float("inf")) == "no upper limit"


def _column(label: str) -> Column:
    return Column(label, dt.date(2026, 11, 1), dt.date(2026, 11, 30), 30, 28, 28.0, 10, 6, 14,
                  (5,) * 10, ())


def _comparison(*changes: Change) -> Comparison:
    return Comparison(_column("Nov 2026"), _column("Baseline"), "baseline", None, changes)


def test_change_lines_say_what_is_called_and_what_could_be_chance() -> None:
    """A called change ends with a full stop; one whose interval holds no change says it could be chance; one
    held back by the fixed order says so; an intensity change reaching 2 points says it is important."""
    called = Change("episodes", ratio=Ratio(0.6, 0.45, 0.8), called=True)
    chance = Change("spasm_days", ratio=Ratio(0.8, 0.55, 1.15))
    held = Change("moderate_days", ratio=Ratio(0.5, 0.3, 0.85), held_back=True)
    strong = Change("intensity", difference=MeanDifference(-2.2, -3.0, -1.4, 0.001, False), called=True,
                    reference_mean=6.5)
    comparison = _comparison(called, chance, held, strong)
    assert change_line(called, comparison) == ("Episodes: about 40% fewer episodes than before care began; the "
                                               "interval runs from 20% fewer to 55% fewer.")
    assert change_line(chance, comparison).endswith("the interval runs from 45% fewer to 15% more: this could be "
                                                     "chance.")
    assert change_line(held, comparison).endswith(
        "the interval runs from 15% fewer to 70% fewer. On its own this would look like a real change, but spasm "
        "days did not clearly change, and this page counts a change only when the lines above it changed too, to "
        "keep chance findings out (see \"How the numbers are made\").")
    assert "taken alone" not in change_line(held, comparison)
    assert change_line(strong, comparison) == (
        "Intensity (each spasm day's worst): 2.2 points lower than before care began on average; the interval runs "
        "from 1.4 to 3.0 points lower. This reaches the size patients rate as important (2 points or 30%).")
    assert change_cell(strong) == "-2.2 points (-3.0 to -1.4)"
    assert change_cell(called) == "0.60 (0.45 to 0.80)"


@pytest.mark.parametrize(("low", "high", "reference", "smaller"), [
    (-2.4, -0.6, 6.0, False),  # the far end, 2.4 points, reaches 2 points
    (-1.9, -0.6, 7.0, True),  # 1.9 points and 27% of 7.0: within both
    (-1.9, -0.6, 6.0, False),  # 1.9 points is 32% of 6.0: the 30% reaches it
    (0.4, 1.8, 7.0, True),  # a rise, wholly under 2 points and 30%
])
def test_intensity_smaller_than_important_only_when_the_whole_interval_is(low: float, high: float, reference: float,
                                                                          smaller: bool) -> None:
    """A called intensity change under 2 points and 30%: "smaller than the size patients rate as important" only
    when both ends of its interval are (2 points, or 30% of the reference mean, worked here by hand); otherwise
    the estimate is below it and the interval does not rule an important change out."""
    estimate = (low + high) / 2
    c = Change("intensity", difference=MeanDifference(estimate, low, high, 0.001, False), called=True,
               reference_mean=reference)
    line = change_line(c, _comparison(c))
    assert not c.important
    if smaller:
        assert line.endswith("This is smaller than the size patients rate as important (2 points or 30%).")
    else:
        assert "smaller than" not in line
        assert line.endswith("The estimate is below the size patients rate as important (2 points or 30%), but the "
                             "interval does not rule a change of that size out.")


def test_intensity_whose_interval_holds_no_change_is_never_called_important() -> None:
    """A 2.5-point fall whose interval reaches past 0 gets no importance statement, only 'could be chance'."""
    wide = Change("intensity", difference=MeanDifference(-2.5, -5.1, 0.2, 0.08, True), reference_mean=6.0)
    line = change_line(wide, _comparison(wide))
    assert line.endswith(": this could be chance.") and "important" not in line
    assert not wide.important


@pytest.mark.parametrize(("ratio", "called", "text"), [
    (Ratio(0.4, 0.25, 0.45), True, "Spasm days fell by 60% against the baseline (ratio 0.40, 95% interval 0.25 to "
                                   "0.45): a 50% responder as headache-prevention trials count it (spasm days at "
                                   "least halved against the baseline), and the whole interval lies at half or "
                                   "fewer."),
    (Ratio(0.45, 0.3, 0.7), True, "by the estimate, though the interval also allows a fall of less than half."),
    (Ratio(0.45, 0.2, 1.1), False, "but this could be chance, so it does not show a 50% responder"),
    (Ratio(0.7, 0.55, 0.9), True, "fell by 30% against the baseline (ratio 0.70, 95% interval 0.55 to 0.90): less "
                                  "than half; the whole interval lies above half, so not a 50% responder"),
    (Ratio(0.72, 0.5, 0.96), True, "against the baseline (ratio 0.72, 95% interval 0.50 to 0.96): less "
                                   "than half, so not a 50% responder as headache-prevention trials count it (spasm "
                                   "days at least halved against the baseline) by the estimate, though the interval "
                                   "reaches a fall of half or more and does not rule it out."),
    (Ratio(1.1, 0.4, 2.0), False, "did not fall against the baseline (10% more; ratio 1.10, 95% interval 0.40 to "
                                  "2.00), so not a 50% responder"),
])
def test_responder_statement(ratio: Ratio, called: bool, text: str) -> None:
    """Spasm days at least halved: said as a responder only when called, with how sure; otherwise not."""
    line = responder_line(_comparison(Change("spasm_days", ratio=ratio, called=called)))
    assert text in line


def test_days_and_durations_as_written() -> None:
    """A column's days read '1–30 Nov' or across months '13 Oct–9 Nov'; an approximate duration says 'about'."""
    assert days_text(_column("x")) == "1\u201330 Nov"
    across = Column("b", dt.date(2026, 10, 13), dt.date(2026, 11, 9), 28, 20, 20.0, 5, 2, 6, (5,) * 5, ())
    assert days_text(across) == "13 Oct\u20139 Nov"
    assert fmt_duration(300, approximate=True) == "about 5 min" and fmt_duration(None) == "unknown"


@pytest.mark.parametrize(("value", "text"), [(-1.25, "-1.2"), (0.35, "+0.3"), (-0.04, "0.0"), (-0.0, "0.0"),
                                             (0.0, "0.0"), (0.049, "0.0"), (0.06, "+0.1")])
def test_signed_numbers_never_show_a_signed_zero(value: float, text: str) -> None:
    """A difference is written with its sign, and one that rounds to zero as 0.0 (never -0.0)."""
    assert fmt_signed(value) == text


def _days(label: str, medication_days: int) -> Column:
    """28 observed days, 14 of them spasm days with one episode of intensity 5 each."""
    units = tuple(Unit(1 if i % 2 else 0, 1.0) for i in range(28))
    return Column(label, dt.date(2026, 11, 1), dt.date(2026, 11, 28), 28, 28, 28.0, 14, 14, 14, (5,) * 14,
                  units, medication_days=medication_days)


@pytest.mark.parametrize(("now", "before", "compared"), [(1, 0, False), (5, 4, False), (7, 3, True), (10, 0, True)])
def test_medication_days_compared_only_with_enough_of_them(now: int, before: int, compared: bool) -> None:
    """One acute-medication day against none printed "none before; at least 0.25 times": the ratio needs 10
    medication days on both sides together, like the episodes, else the row says too little data."""
    c = compare(_days("Nov 2026", now), _days("Baseline", before), "baseline").change("medication_days")
    comparison = _comparison(c)
    if compared:
        low, high = confint_proportions_2indep(now, 28, before, 28, method="score", compare="ratio")
        assert c.ratio is not None and c.too_little is None
        assert (c.ratio.low, c.ratio.high) == (pytest.approx(float(low), rel=1e-6),
                                               pytest.approx(float(high), rel=1e-6) if before else math.inf)
        assert change_cell(c) != "too little data"
    else:
        assert c.ratio is None
        assert change_cell(c) == "too little data"
        assert change_line(c, comparison) == ("Acute medication: too little data to compare (fewer than 10 "
                                              "acute-medication days on both sides together).")
