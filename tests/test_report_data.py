"""A hand-built November diary whose every number is worked out below, and the report's
data layer and analysis checked against it (counts, coverage, windows, exposures, the
DST autumn change), with the statistics checked against scipy.

The hand diary (Europe/Berlin, November 2026 = UTC+1 throughout), window 7 days:

- One adjustment A1 on Tue 10 Nov 12:00 (Dr. Lee, lumbar).
- Nothing logged on Nov 1, 2, 5, 14 (unobserved); Nov 20 has only a drink (unobserved:
  a day counts when it has a spasm or a quiet mark).
- Quiet marks on Nov 18, 19, 21-24, 26-30 (11 days); one spasm on Nov 25.
- Spasms (local time, intensity):
  Nov 3 09:00 (5), Nov 3 15:00 (6), Nov 4 10:00 (6), Nov 6 10:00 (7), Nov 7 10:00 (6),
  Nov 8 08:00 (7), 14:00 (8), 20:00 (7), Nov 9 08:00 (8), 13:00 (9), 21:00 (7),
  Nov 10 09:00 (8) | Nov 10 18:00 (4), Nov 11 08:00 (3), Nov 12 10:00 (4),
  Nov 13 10:00 (2), Nov 15 10:00 (3), Nov 16 10:00 (4), Nov 17 10:00 (3), Nov 25 10:00 (5).

So: 30 days, 25 observed (13 with spasms from Nov 3 to 17, 11 quiet, Nov 25), 20 spasms,
0.80 per observed day, median intensity 6, mean 5.6. Durations 60 s except Nov 13 and
Nov 25 (unknown): 18 known minutes, 2 unknown. Logged 10 min after starting except Nov 4
and Nov 12 (30 h later): median delay 10 min, 2 of 20 logged a day or more late.

Before A1 (3 Nov 12:00 to 10 Nov 12:00): 11 spasms; observed days 0.5 (Nov 3 from noon)
+ 1 (Nov 4) + 0 (Nov 5) + 4 (Nov 6-9) + 0.5 (Nov 10 to noon) = 6.0.
After A1 (10 Nov 12:00 to 17 Nov 12:00): 7 spasms; 0.5 + 3 (Nov 11-13) + 0 (Nov 14)
+ 2 (Nov 15-16) + 0.5 = 6.0. Rate ratio 7/11 = 0.64.
First 24 h: 2 spasms (Nov 10 18:00, Nov 11 08:00) on 1.0 observed day; without them 5
spasms on 5.0 observed days: rate ratio (5/5)/(11/6) = 0.55.
Median intensity 7 before, 3 after: difference -4 (-57%), clinically important.
Flare: last 3 days (7 Nov 12:00 to 10 Nov 12:00) 7 spasms on 3.0 observed days against
(20 - 7) / (25 - 3) = 13/22 usually: flagged.
Intake: Nov 7 water 1000 ml; Nov 11 water 3000 ml; Nov 12 water 3000 ml and 15 g of a
mayonnaise whose magnesium is unknown (04011); Nov 20 water 500 ml; Nov 24 water 3000 ml
and a banana (09040, 118 g).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from scipy import stats as sps

from diary import entries
from diary.foods import intake_values
from diary.profile import set_profile
from diary.reports import analysis
from diary.reports.data import Period, ReportData, load
from diary.reports.reference import targets_for
from diary.storage import open_diary
from diary.storage.engine import read_connection

TZ = ZoneInfo("Europe/Berlin")
NOVEMBER = Period.month(2026, 11)
CUTOFF = dt.datetime(2026, 12, 10, 10, 0, tzinfo=TZ)

SPASMS = [  # local time, intensity, triggers
    ("2026-11-03 09:00", 5, ()), ("2026-11-03 15:00", 6, ("lifting",)), ("2026-11-04 10:00", 6, ()),
    ("2026-11-06 10:00", 7, ("lifting", "sleep")), ("2026-11-07 10:00", 6, ()), ("2026-11-08 08:00", 7, ("sleep",)),
    ("2026-11-08 14:00", 8, ()), ("2026-11-08 20:00", 7, ()), ("2026-11-09 08:00", 8, ()),
    ("2026-11-09 13:00", 9, ("lifting",)), ("2026-11-09 21:00", 7, ()), ("2026-11-10 09:00", 8, ()),
    ("2026-11-10 18:00", 4, ()), ("2026-11-11 08:00", 3, ()), ("2026-11-12 10:00", 4, ()),
    ("2026-11-13 10:00", 2, ()), ("2026-11-15 10:00", 3, ()), ("2026-11-16 10:00", 4, ()),
    ("2026-11-17 10:00", 3, ()), ("2026-11-25 10:00", 5, ()),
]
QUIET = [18, 19, 21, 22, 23, 24, 26, 27, 28, 29, 30]
LATE = {"2026-11-04 10:00", "2026-11-12 10:00"}
UNKNOWN_DURATION = {"2026-11-13 10:00", "2026-11-25 10:00"}


def local(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=TZ)


def build_hand_diary(location: str, *, adjustment: bool = True, note: str | None = None) -> None:
    """Write the hand diary of this module's docstring into an empty diary at `location`."""
    with open_diary(location) as store:
        set_profile(store, local("2026-10-01 09:00"), {
            "name": "Test Patient", "sex": "female", "birth_year": 1979, "timezone": "Europe/Berlin"})
        for when, intensity, triggers in SPASMS:
            started = local(when)
            logged = started + (dt.timedelta(hours=30) if when in LATE else dt.timedelta(minutes=10))
            entries.log_episode(
                store, logged, started_at=started, intensity=intensity,
                duration_s=None if when in UNKNOWN_DURATION else 60, site="calf" if intensity < 5 else "lower-back",
                side="left" if intensity % 2 else "right", triggers=list(triggers),
                note=note if when == "2026-11-25 10:00" else None,
            )
        for day in QUIET:
            entries.mark_quiet(store, local(f"2026-11-{day:02d} 22:00"), dt.date(2026, 11, day), TZ)
        if adjustment:
            entries.log_adjustment(store, local("2026-11-10 13:00"), at=local("2026-11-10 12:00"),
                                   provider="Dr. Lee", region="lumbar")
        for day, ml in ((7, 1000), (11, 3000), (12, 3000), (20, 500), (24, 3000)):
            at = local(f"2026-11-{day:02d} 09:00")
            entries.log_intake(store, at, entries.water_intake(at, ml, f"{ml} ml"))
        at = local("2026-11-12 12:30")
        entries.log_intake(store, at, intake_values("04011", 15, "1 tbsp", at))
        at = local("2026-11-24 16:00")
        entries.log_intake(store, at, intake_values("09040", 118, "1 medium", at))


def load_month(location: str, period: Period = NOVEMBER, window: int = 7,
               cutoff: dt.datetime = CUTOFF) -> ReportData:
    with read_connection(location) as conn:
        return load(conn, period, window_days=window, cutoff=cutoff)


@pytest.fixture
def hand(tmp_path: Path) -> ReportData:
    path = str(tmp_path / "hand.db")
    build_hand_diary(path)
    return load_month(path)


def test_summary_counts_and_coverage(hand: ReportData) -> None:
    """Days, observed days, episodes, rate, intensities, minutes and logging delay are the hand-worked ones."""
    s = analysis.summary(hand)
    assert (s.days, s.observed_days, s.quiet_days, s.episodes) == (30, 25, 11, 20)
    assert s.per_observed_day == pytest.approx(0.80)
    assert (s.median_intensity, s.mean_intensity) == (6.0, pytest.approx(5.6))
    assert (s.known_minutes, s.unknown_durations) == (18.0, 2)
    assert (s.median_delay, s.late, s.adjustments) == (dt.timedelta(minutes=10), 2, 1)
    unobserved = [d.day.day for d in hand.period_days() if not d.observed]
    assert unobserved == [1, 2, 5, 14, 20]


def test_before_after_windows_and_exposures(hand: ReportData) -> None:
    """Windows are 7 x 24 h from the adjustment; half-covered observed days count 0.5."""
    (c,) = analysis.comparisons(hand)
    assert (c.before.start, c.before.end) == (local("2026-11-03 12:00"), local("2026-11-10 12:00"))
    assert (c.after.start, c.after.end) == (local("2026-11-10 12:00"), local("2026-11-17 12:00"))
    assert (c.before.episodes, c.before.observed_days) == (11, pytest.approx(6.0))
    assert (c.after.episodes, c.after.observed_days) == (7, pytest.approx(6.0))
    assert c.too_little is None
    assert (c.reaction_episodes, c.reaction_observed_days) == (2, pytest.approx(1.0))
    later = c.after_without_reaction
    assert later is not None and (later.episodes, later.observed_days) == (5, pytest.approx(5.0))


def test_rate_ratios_against_scipy(hand: ReportData) -> None:
    """RR 7/11 with and 6/11 without the first 24 h, CIs from scipy's exact binomial interval."""
    (c,) = analysis.comparisons(hand)
    for rr, (n1, t1, n0, t0) in ((c.rate_ratio, (7, 6.0, 11, 6.0)), (c.rate_ratio_without_reaction, (5, 5.0, 11, 6.0))):
        ci = sps.binomtest(n1, n1 + n0).proportion_ci(method="exact")
        assert rr is not None
        assert rr.estimate == pytest.approx((n1 / t1) / (n0 / t0))
        assert rr.low == pytest.approx(ci.low / (1 - ci.low) * t0 / t1)
        assert rr.high == pytest.approx(ci.high / (1 - ci.high) * t0 / t1)
    assert c.rate_ratio is not None and round(c.rate_ratio.estimate, 2) == 0.64
    assert c.rate_ratio_without_reaction is not None and round(c.rate_ratio_without_reaction.estimate, 2) == 0.55


def test_intensity_and_flare_against_scipy(hand: ReportData) -> None:
    """Medians 7 and 3, Mann-Whitney p as scipy gives it, and the flare of the three days before."""
    (c,) = analysis.comparisons(hand)
    before = [6, 6, 7, 6, 7, 8, 7, 8, 9, 7, 8]
    after = [4, 3, 4, 2, 3, 4, 3]
    i = c.intensity
    assert (i.median_before, i.median_after, i.difference) == (7.0, 3.0, -4.0)
    assert i.clinically_important is True
    ref = sps.mannwhitneyu(after, before, alternative="two-sided", method="asymptotic", use_continuity=True)
    assert i.p_value == pytest.approx(ref.pvalue, rel=1e-9)
    f = c.flare
    assert (f.episodes, f.observed_days, f.flagged) == (7, pytest.approx(3.0), True)
    assert f.usual_rate == pytest.approx(13 / 22)
    assert f.p_value == pytest.approx(sps.poisson.sf(6, 13 / 22 * 3.0), rel=1e-9)


def test_pooled_days_since_adjustment(hand: ReportData) -> None:
    """Day k counts the spasms in [A + k days, A + k + 1 days) over the observed time there."""
    pooled = analysis.pooled(hand)
    assert [(p.day, p.episodes) for p in pooled] == [(0, 2), (1, 1), (2, 1), (3, 0), (4, 1), (5, 1), (6, 1)]
    assert [p.observed_days for p in pooled] == pytest.approx([1.0, 1.0, 1.0, 0.5, 0.5, 1.0, 1.0])


def test_intake_days_and_the_day_after(hand: ReportData) -> None:
    """Days without intake are absent (not zero); an unknown magnesium leaves that day unclassified."""
    targets = targets_for(hand.profile, NOVEMBER.last)
    daily = analysis.daily_intake(hand)
    assert [d.day for d in daily] == [7, 11, 12, 20, 24]
    assert daily[dt.date(2026, 11, 12)]["magnesium_mg"].unknown == 1
    counts = {c.target.key: c for c in analysis.target_counts(daily, targets.nutrients)}
    assert (counts["water_ml"].days_logged, counts["water_ml"].below, counts["water_ml"].unclassified) == (5, 2, 0)
    assert (counts["magnesium_mg"].below, counts["magnesium_mg"].unclassified) == (4, 1)
    assert (counts["magnesium_mg"].days_logged, counts["magnesium_mg"].complete_days) == (5, 4)
    after = {r.key: r for r in analysis.after_low_days(hand, targets.nutrients)}
    fluid = after["water_ml"]
    assert (fluid.low_days, fluid.low_episodes, fluid.other_days, fluid.other_episodes, fluid.unknown_days) == (2, 3, 3, 3, 20)
    k = after["potassium_mg"]
    assert (k.low_days, k.low_episodes, k.other_days) == (5, 6, 0)
    mg = after["magnesium_mg"]
    assert (mg.low_days, mg.low_episodes, mg.unknown_days) == (4, 5, 21)


def test_sites_and_triggers(hand: ReportData) -> None:
    """Episodes are counted by site and side, and by each trigger (with 'none given')."""
    sites, sides, counts, medians = analysis.by_site_side(hand)
    assert sites == ["lower-back", "calf"]
    assert sum(counts.values()) == 20
    assert counts[("calf", "left")] == 3 and counts[("calf", "right")] == 4
    assert medians["calf"] == 3
    assert analysis.by_trigger(hand) == [("lifting", 3, 7.0), ("sleep", 2, 7.0), ("none given", 16, 5.0)]


def test_windows_reach_outside_the_period_and_stop_at_the_cutoff(tmp_path: Path) -> None:
    """Adjustments on the first and last day compare with October and December data; nothing after 'now' counts."""
    path = str(tmp_path / "edges.db")
    with open_diary(path) as store:
        set_profile(store, local("2026-10-01 09:00"), {"timezone": "Europe/Berlin"})
        day = dt.date(2026, 10, 24)
        while day <= dt.date(2026, 12, 9):
            at = local(f"{day.isoformat()} 07:00")
            entries.log_episode(store, at, started_at=at, intensity=5)
            day += dt.timedelta(days=1)
        entries.log_adjustment(store, local("2026-11-01 08:00"), at=local("2026-11-01 08:00"))
        entries.log_adjustment(store, local("2026-11-30 20:00"), at=local("2026-11-30 20:00"))
    data = load_month(path, cutoff=local("2026-12-04 19:00"))
    first, last = analysis.comparisons(data)
    assert first.before.start == local("2026-10-25 08:00")  # 7 x 24 h back, after that night's DST change
    assert first.before.episodes == 7  # Oct 26 to Nov 1 at 07:00 (Oct 25 07:00 is before the window)
    assert last.after.end == local("2026-12-04 19:00")  # cut at the moment the report is made
    assert last.after.episodes == 4  # Dec 1-4 at 07:00
    assert last.after.observed_days == pytest.approx(4 / 24 + 3 + 19 / 24)


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
    assert data.days[dt.date(2026, 10, 25)].episodes == 2
    assert data.days[dt.date(2026, 10, 26)].episodes == 1
    assert data.days[dt.date(2026, 10, 24)].episodes == 1
    d25 = data.days[dt.date(2026, 10, 25)]
    assert (d25.end - d25.start) == dt.timedelta(hours=25)
    assert data.exposure(d25.start, d25.end) == pytest.approx(1.0)
    (c,) = analysis.comparisons(data)
    # After: 22 Oct 12:00 CEST + 168 h = 29 Oct 11:00 CET; observed Oct 24, 25, 26 only.
    assert c.after.end == local("2026-10-29 11:00")
    assert (c.after.episodes, c.after.observed_days) == (4, pytest.approx(3.0))
    assert analysis.summary(data).observed_days == 3


def test_logs_every_spasm_rule_counts_any_logged_day(tmp_path: Path) -> None:
    """When the profile says every spasm is logged, a day with only a drink (Nov 20) counts as observed."""
    path = str(tmp_path / "every.db")
    build_hand_diary(path)
    with open_diary(path) as store:
        set_profile(store, local("2026-11-30 09:00"), {"logs_every_spasm": True})
    data = load_month(path)
    assert analysis.summary(data).observed_days == 26
    assert data.days[dt.date(2026, 11, 20)].observed
    assert "anything was logged" in data.observed_rule


def test_day_in_progress_counts_by_its_elapsed_part(tmp_path: Path) -> None:
    """Made at 06:00 on 25 Nov, that day counts 0.25 in the rate, and is left out of the intake days and of
    the day-after-a-low-day counts."""
    path = str(tmp_path / "now.db")
    with open_diary(path) as store:
        set_profile(store, local("2026-10-01 09:00"), {"timezone": "Europe/Berlin"})
        for day in range(1, 26):
            at = local(f"2026-11-{day:02d} {'05' if day == 25 else '10'}:00")
            entries.log_episode(store, at, started_at=at, intensity=5)
            entries.log_intake(store, at, entries.water_intake(at, 3000 if day < 25 else 200, "water"))
    data = load_month(path, cutoff=local("2026-11-25 06:00"))
    assert data.period.last == dt.date(2026, 11, 25)
    assert data.in_progress is not None and data.in_progress.day == dt.date(2026, 11, 25)
    assert data.in_progress_share == pytest.approx(0.25)
    s = analysis.summary(data)
    assert (s.episodes, s.observed_days) == (25, 25)
    assert s.per_observed_day == pytest.approx(25 / 24.25)
    daily = analysis.daily_intake(data)
    assert len(daily) == 24 and dt.date(2026, 11, 25) not in daily
    targets = targets_for(data.profile, data.period.last)
    fluid = {r.key: r for r in analysis.after_low_days(data, targets.nutrients)}["water_ml"]
    # Nov 2-24 follow a 3 l day; Nov 1 follows a day without intake; Nov 25 is not over yet.
    assert (fluid.other_days, fluid.other_episodes, fluid.low_days, fluid.unknown_days) == (23, 23, 0, 1)


def test_quiet_mark_does_not_count_on_a_day_with_an_episode(tmp_path: Path) -> None:
    """The summary's quiet days are the days marked quiet that have no live episode."""
    path = str(tmp_path / "both.db")
    build_hand_diary(path)
    with open_diary(path) as store:
        (episode_id,) = store.rows("SELECT id FROM episode WHERE started_at LIKE '2026-11-03%' ORDER BY id")[0]
        store.update("episode", episode_id, {"started_at": local("2026-11-18 10:00")})  # Nov 18 is marked quiet
    data = load_month(path)
    assert data.days[dt.date(2026, 11, 18)].quiet and data.days[dt.date(2026, 11, 18)].episodes == 1
    assert analysis.summary(data).quiet_days == 10


def test_report_targets_name_both_possible_ages_and_a_band_edge() -> None:
    """A birth year allows two ages: the report's target basis says both and what the older age would change."""
    import datetime as dt

    from diary.profile import Profile
    from reports.reference import targets_for

    found = targets_for(Profile(exists=True, sex="female", birth_year=1975), dt.date(2026, 10, 15))
    assert "age 50 or 51" in found.basis
    assert "calcium 1,200 mg (RDA)" in found.basis  # the 51-70 y RDA, 1,200 mg, in dri.csv
