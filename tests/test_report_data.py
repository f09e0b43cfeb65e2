"""A hand-built November diary whose every number is worked out (tests/helpers/hand_diary.py), and the report's
data layer and analysis checked against it (counts, coverage, windows, exposures, the
DST autumn change), with the statistics checked against scipy.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from diary import entries
from diary.profile import set_profile
from diary.reports import analysis, visits
from diary.reports import baseline as page1
from diary.reports.data import Adjustment, Period, ReportData
from diary.storage import open_diary
from diary.targets import targets_for
from tests.helpers.hand_diary import (
    NOVEMBER,
    TZ,
    build_hand_diary,
    load_month,
    local,
)


@pytest.fixture
def hand(tmp_path: Path) -> ReportData:
    path = str(tmp_path / "hand.db")
    build_hand_diary(path)
    return load_month(path)


def test_summary_counts_and_coverage(hand: ReportData) -> None:
    """Days, observed days, quiet days, episodes, minutes and logging delay are the hand-worked ones."""
    s = analysis.summary(hand)
    assert (s.days, s.observed_days, s.quiet_days, s.episodes, s.adjustments) == (30, 25, 11, 20, 1)
    assert (s.known_minutes, s.unknown_durations) == (18.0, 2)
    assert (s.median_delay, s.late) == (dt.timedelta(minutes=10), 2)
    unobserved = [d.day.day for d in hand.period_days() if not d.observed]
    assert unobserved == [1, 2, 5, 14, 20]


def test_a_day_with_only_an_adjustment_or_a_drink_is_not_observed(tmp_path: Path) -> None:
    """By DESIGN section 2, an adjustment alone (Nov 14) or a drink alone (Nov 20) leaves a day unobserved;
    only when the profile says every spasm is logged does any entry make a day observed."""
    path = str(tmp_path / "hand.db")
    build_hand_diary(path)
    with open_diary(path) as store:
        entries.log_adjustment(store, local("2026-11-14 11:00"), at=local("2026-11-14 10:00"))
    data = load_month(path)
    assert not data.timeline.day(dt.date(2026, 11, 14)).observed
    assert not data.timeline.day(dt.date(2026, 11, 20)).observed
    assert "a day with only food, drink, an adjustment or other entries is unobserved" in data.observed_rule
    with open_diary(path) as store:
        set_profile(store, local("2026-11-30 09:00"), {"logs_every_spasm": True})
    data = load_month(path)
    assert analysis.summary(data).observed_days == 27
    assert "anything was logged" in data.observed_rule


def test_visit_table_counts_the_windows_by_hand(hand: ReportData) -> None:
    """7 x 24 h each side of A1: 11 episodes on 7 spasm days and 6.0 observed days before, 7 on 7 and 6.0 after."""
    (row,) = visits.visit_rows(hand)
    assert (row.before.start, row.before.end) == (local("2026-11-03 12:00"), local("2026-11-10 12:00"))
    assert (row.after.start, row.after.end) == (local("2026-11-10 12:00"), local("2026-11-17 12:00"))
    assert (row.before.episodes, row.before.spasm_days, row.before.observed_days) == (11, 7, pytest.approx(6.0))
    assert (row.after.episodes, row.after.spasm_days, row.after.observed_days) == (7, 7, pytest.approx(6.0))


def test_no_usable_baseline_and_care_inside_the_month(hand: ReportData) -> None:
    """Care began on 10 Nov (the first adjustment); its 28 days before have 6 observed days, so there is no usable
    baseline; the days from care began on are compared with October, which has no observed day: too little."""
    answer = page1.answer(hand)
    assert (answer.care_began, answer.care_source) == (dt.date(2026, 11, 10), "adjustment")
    assert answer.baseline is not None and (answer.baseline.first, answer.baseline.last) == (
        dt.date(2026, 10, 13), dt.date(2026, 11, 9))
    assert (answer.baseline.observed, answer.baseline.days) == (6, 28)
    assert not answer.baseline_usable and answer.comparison is not None
    assert answer.comparison.against == "previous"
    assert answer.comparison.too_little == "fewer than 3 observed days on a side"
    assert answer.why_not_baseline == "6 of the 28 days before care began were observed (14 needed)"
    assert (answer.this.first, answer.this.observed, answer.this.episodes) == (dt.date(2026, 11, 10), 19, 9)


def test_care_began_inside_the_month_without_baseline_compares_with_the_month_before(tmp_path: Path) -> None:
    """The hand diary with 1-12 Oct observed (2 episodes a day, before the baseline's 28 days, which keep their
    6 observed days): no usable baseline, so 10-30 Nov (9 episodes on 19 observed days) is compared with October
    (24 on 12), the ratio worked by hand; page 1's words say so."""
    path = str(tmp_path / "hand.db")
    build_hand_diary(path)
    with open_diary(path) as store:
        for day in range(1, 13):
            for hour in (8, 14):
                at = local(f"2026-10-{day:02d} {hour:02d}:00")
                entries.log_episode(store, at, started_at=at, intensity=5, duration_s=60, site="calf", side="left",
                                    triggers=[], note=None)
    data = load_month(path)
    answer = page1.answer(data)
    assert not answer.baseline_usable and answer.why_not_baseline is not None
    assert (answer.previous.observed, answer.previous.episodes) == (12, 24)
    comparison = answer.comparison
    assert comparison is not None and comparison.against == "previous" and comparison.too_little is None
    episodes = comparison.change("episodes").ratio
    assert episodes is not None and episodes.estimate == pytest.approx((9 / 19) / (24 / 12))
    spasm_days = comparison.change("spasm_days").ratio
    assert spasm_days is not None and spasm_days.estimate == pytest.approx((answer.this.spasm_days / 19) / (12 / 12))


def test_pooled_windows_by_hand_and_the_too_little_rule(hand: ReportData) -> None:
    """From care began to the month's end: 2 episodes on 1.0 observed day in the first 24 h, 7 on 18.0 outside;
    one observed day is too few to compare (no ratio); day by day since the visit as counted by hand."""
    reaction = visits.reaction(hand)
    assert (reaction.this.episodes, reaction.this.exposure) == (2, pytest.approx(1.0))
    assert (reaction.other.episodes, reaction.other.exposure) == (7, pytest.approx(18.0))
    assert reaction.ratio is None and reaction.too_little == "fewer than 3 observed days on a side"
    assert not reaction.flagged
    days = visits.cycle_days(hand)
    assert [(d.day, d.rate.episodes if d.rate else 0) for d in days] == [
        (0, 2), (1, 1), (2, 1), (3, 0), (4, 1), (5, 1), (6, 1), (7, 0)]
    assert [d.rate.exposure if d.rate else 0 for d in days] == pytest.approx([1.0, 1.0, 1.0, 0.5, 0.5, 1.0, 1.0, 1.0])


def test_intake_counts_complete_days_only(hand: ReportData) -> None:
    """Nov 20 has only 500 ml of water logged and is not marked complete: it is not a day below the fluid goal
    (only Nov 7 is), and the day after it is not counted; an unknown magnesium leaves Nov 12 unclassified."""
    targets = list(targets_for(hand.profile, NOVEMBER.last))
    assert [d.day for d in analysis.daily_intake(hand)] == [7, 11, 12, 20, 24]
    daily = analysis.complete_intake(hand)
    assert [d.day for d in daily] == [7, 11, 12, 24]
    counts = {c.key: c for c in analysis.target_counts(daily, targets)}
    assert (counts["water_ml"].days, counts["water_ml"].below, counts["water_ml"].unclassified) == (4, 1, 0)
    assert (counts["magnesium_mg"].below, counts["magnesium_mg"].unclassified, counts["magnesium_mg"].known_days) == (
        3, 1, 3)
    after = {r.key: r for r in analysis.after_low_days(hand, targets)}
    fluid = after["water_ml"]
    # Nov 8 follows the low Nov 7 (3 spasms); Nov 12, 13 and 25 follow complete days at or above the goal.
    assert (fluid.low_days, fluid.low_episodes, fluid.other_days, fluid.other_episodes, fluid.unknown_days) == (
        1, 3, 3, 3, 21)
    assert (after["potassium_mg"].low_days, after["potassium_mg"].low_episodes) == (4, 6)
    assert (after["magnesium_mg"].low_days, after["magnesium_mg"].low_episodes, after["magnesium_mg"].unknown_days) == (
        3, 5, 22)


def test_always_complete_profile_counts_every_day_with_intake(tmp_path: Path) -> None:
    """With the profile saying every day's food and drink is logged, Nov 20's 500 ml is a day below the goal."""
    path = str(tmp_path / "hand.db")
    build_hand_diary(path)
    with open_diary(path) as store:
        set_profile(store, local("2026-11-30 09:00"), {"always_complete": True})
    data = load_month(path)
    daily = analysis.complete_intake(data)
    assert [d.day for d in daily] == [7, 11, 12, 20, 24]
    fluid = next(c for c in analysis.target_counts(daily, list(targets_for(data.profile, NOVEMBER.last)))
                 if c.key == "water_ml")
    assert (fluid.days, fluid.below) == (5, 2)


def test_sites_and_triggers(hand: ReportData) -> None:
    """Episodes are counted by site and side, and by each trigger (with 'none given')."""
    sites, _, counts, medians = analysis.by_site_side(hand)
    assert sites == ["lower-back", "calf"]
    assert sum(counts.values()) == 20
    assert counts[("calf", "left")] == 3 and counts[("calf", "right")] == 4
    assert medians["calf"] == 3
    assert analysis.by_trigger(hand) == [("lifting", 3, 7.0), ("sleep", 2, 7.0), ("none given", 16, 5.0)]


def test_the_period_is_the_period(tmp_path: Path) -> None:
    """Nothing dated after the month is read: a November report made on 1 Dec and on 20 Dec has the same days,
    episodes and visits, though December has spasms and visits; a November spasm typed on 5 Dec does count."""
    path = str(tmp_path / "edges.db")
    with open_diary(path) as store:
        set_profile(store, local("2026-10-01 09:00"), {"timezone": "Europe/Berlin"})
        day = dt.date(2026, 10, 24)
        while day <= dt.date(2026, 12, 9):
            at = local(f"{day.isoformat()} 07:00")
            entries.log_episode(store, at, started_at=at, intensity=5)
            day += dt.timedelta(days=1)
        for when in ("2026-11-01 08:00", "2026-11-30 20:00", "2026-12-02 10:00"):
            entries.log_adjustment(store, local(when), at=local(when))
    early, late = load_month(path, cutoff=local("2026-12-01 00:30")), load_month(path, cutoff=local("2026-12-20 12:00"))
    for data in (early, late):
        assert data.timeline.last == dt.date(2026, 11, 30) and data.end == local("2026-12-01 00:00")
        assert len(data.episodes) == 30 and max(data.timeline.times) < local("2026-12-01 00:00")
        assert [a.at for a in data.adjustments][-1] == local("2026-11-30 20:00")
    first, last = visits.visit_rows(late)
    assert first.before.start == local("2026-10-25 08:00")  # 7 x 24 h back, after that night's DST change
    assert first.before.episodes == 7  # Oct 26 to Nov 1 at 07:00 (Oct 25 07:00 is before the window)
    assert last.after.end == local("2026-12-01 00:00") and last.after.episodes == 0
    with open_diary(path) as store:
        entries.log_episode(store, local("2026-12-05 09:00"), started_at=local("2026-11-20 18:00"), intensity=7)
    again = load_month(path, cutoff=local("2026-12-20 12:00"))
    assert len(again.episodes) == 31 and analysis.summary(again).late == 1


def test_daylight_saving_change_keeps_local_days(tmp_path: Path) -> None:
    """On 25 Oct 2026 (25 hours in Berlin) late-evening spasms stay on their local day and the day counts once."""
    path = str(tmp_path / "dst.db")
    with open_diary(path) as store:
        set_profile(store, local("2026-10-01 09:00"), {"timezone": "Europe/Berlin"})
        for text in ("2026-10-25 01:30", "2026-10-25 23:30", "2026-10-26 00:30", "2026-10-24 23:59"):
            at = local(text)
            entries.log_episode(store, at, started_at=at, intensity=4)
        entries.log_adjustment(store, local("2026-10-22 12:00"), at=local("2026-10-22 12:00"))
    data = load_month(path, Period.month(2026, 10), cutoff=local("2026-11-20 12:00"))
    timeline = data.timeline
    assert [timeline.day(dt.date(2026, 10, d)).episodes for d in (24, 25, 26)] == [1, 2, 1]
    d25 = timeline.day(dt.date(2026, 10, 25))
    assert (d25.end - d25.start) == dt.timedelta(hours=25)
    assert timeline.exposure(d25.start, d25.end) == pytest.approx(1.0)
    (row,) = visits.visit_rows(data)
    # After: 22 Oct 12:00 CEST + 168 h = 29 Oct 11:00 CET; observed Oct 24, 25, 26 only.
    assert row.after.end == local("2026-10-29 11:00")
    assert (row.after.episodes, row.after.spasm_days, row.after.observed_days) == (4, 3, pytest.approx(3.0))
    assert analysis.summary(data).observed_days == 3


def test_day_in_progress_counts_by_its_elapsed_part(tmp_path: Path) -> None:
    """Made at 06:00 on 25 Nov, that day counts 0.25 in the rate, and is left out of the intake days and of
    the day-after-a-low-day counts."""
    path = str(tmp_path / "now.db")
    with open_diary(path) as store:
        set_profile(store, local("2026-10-01 09:00"), {"timezone": "Europe/Berlin", "always_complete": True})
        for day in range(1, 26):
            at = local(f"2026-11-{day:02d} {'05' if day == 25 else '10'}:00")
            entries.log_episode(store, at, started_at=at, intensity=5)
            entries.log_intake(store, at, entries.water_intake(at, 3000 if day < 25 else 200, "water"))
    data = load_month(path, cutoff=local("2026-11-25 06:00"))
    assert data.period.last == dt.date(2026, 11, 25)
    assert data.in_progress is not None and data.in_progress.day == dt.date(2026, 11, 25)
    assert data.in_progress_share == pytest.approx(0.25)
    this = page1.answer(data).this
    assert (this.episodes, this.observed, this.exposure) == (25, 25, pytest.approx(24.25))
    daily = analysis.complete_intake(data)
    assert len(daily) == 24 and dt.date(2026, 11, 25) not in daily
    fluid = {r.key: r for r in analysis.after_low_days(data, list(targets_for(data.profile, data.period.last)))}
    # Nov 2-24 follow a 3 l day; Nov 1 follows a day without intake; Nov 25 is not over yet.
    assert (fluid["water_ml"].other_days, fluid["water_ml"].low_days, fluid["water_ml"].unknown_days) == (23, 0, 1)


def test_quiet_mark_does_not_count_on_a_day_with_an_episode(tmp_path: Path) -> None:
    """The summary's quiet days are the days marked quiet that have no live episode."""
    path = str(tmp_path / "both.db")
    build_hand_diary(path)
    with open_diary(path) as store:
        (episode_id,) = store.rows("SELECT id FROM episode WHERE started_at LIKE '2026-11-03%' ORDER BY id")[0]
        store.update("episode", episode_id, {"started_at": local("2026-11-18 10:00")})  # Nov 18 is marked quiet
    data = load_month(path)
    day = data.timeline.day(dt.date(2026, 11, 18))
    assert day.quiet and day.episodes == 1 and day.spasm_day
    assert analysis.summary(data).quiet_days == 10


def test_visits_are_joined_counting_from_the_first_of_a_visit() -> None:
    """Adjustments under 48 h after a visit's first join it; a chain two days apart (three visits a week) stays
    separate visits, and two days later at the same hour is a visit of its own."""
    def at(day: int, hour: int) -> dt.datetime:
        return dt.datetime(2026, 11, day, hour, tzinfo=TZ)

    def grouped(*times: dt.datetime) -> list[list[dt.datetime]]:
        adjustments = [Adjustment(i, t, None, None, None) for i, t in enumerate(times, 1)]
        return [[a.at for a in v.adjustments] for v in visits.group_visits(adjustments)]

    assert grouped(at(2, 10), at(4, 10), at(6, 10)) == [[at(2, 10)], [at(4, 10)], [at(6, 10)]]
    assert grouped(at(2, 10), at(2, 20), at(4, 9)) == [[at(2, 10), at(2, 20), at(4, 9)]]
    assert grouped(at(2, 10), at(3, 20), at(5, 8)) == [[at(2, 10), at(3, 20)], [at(5, 8)]]  # 70 h after the first
