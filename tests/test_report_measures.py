"""The measures beside the counts (issue 12) in the report: page 1's acute-medication days
and PEG rows against statsmodels and brute-force permutations, and the measures page
(impressions of change, weekly PEG, medication taken, night spasms, reactions per visit)
against hand counts, on the care diary of tests/helpers/report.py with measures added
through diary.measures."""

from __future__ import annotations

import datetime as dt
import statistics
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from diary import measures as logged
from diary.cli import cli
from diary.profile import set_profile
from diary.reports import baseline as page1
from diary.reports import measures
from diary.reports.data import Period, ReportData, load
from diary.storage import open_diary
from diary.storage.engine import read_connection
from tests.helpers.reference_stats import brute_p
from tests.helpers.report import BERLIN, build_care_diary, care_plan

PEG_BASELINE = {6: (7, 6, 6), 13: (6, 6, 5), 20: (7, 7, 6), 27: (6, 5, 5)}  # September, Sundays 20:00
PEG_NOVEMBER = {1: (4, 3, 3), 8: (3, 3, 2), 15: (4, 4, 3), 22: (3, 2, 2), 29: (3, 3, 3)}
MEDICATION = [("2026-09-04 18:00", "ibuprofen", "400 mg"), ("2026-09-08 18:00", "ibuprofen", "400 mg"),
              ("2026-09-15 21:00", "muscle relaxant", None), ("2026-09-15 22:00", "ibuprofen", "200 mg"),
              ("2026-11-03 18:00", "ibuprofen", "400 mg"), ("2026-11-03 23:00", "ibuprofen", "400 mg"),
              ("2026-11-14 12:00", "ibuprofen", "400 mg")]  # 14 Nov is unobserved: not a counted day
PGIC = [("2026-10-15 19:00", 4), ("2026-11-12 19:00", 3), ("2026-11-26 19:00", 2)]
REACTIONS = [("2026-11-05 15:00", "soreness", 4), ("2026-11-13 09:00", "headache", 3),
             ("2026-11-28 12:00", "stiffness", 2)]


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def add_measures(location: str) -> None:
    """PEG, medication, impressions of change and reactions as the tables above; a sleep window
    of 07:00-09:00, so the 08:00 spasms are the night ones."""
    now = at("2026-12-01 09:00")
    with open_diary(location) as store:
        set_profile(store, now, {"sleep_start": "07:00", "sleep_end": "09:00"})
        for month, table in ((9, PEG_BASELINE), (11, PEG_NOVEMBER)):
            for day, (p, e, a) in table.items():
                when = at(f"2026-{month:02d}-{day:02d} 20:00")
                logged.log_peg(store, when, at=when, answer=logged.PegScore(p, e, a))
        for text, name, dose in MEDICATION:
            logged.log_medication(store, at(text), taken_at=at(text), name=name, dose=dose)
        for text, score in PGIC:
            logged.log_pgic(store, at(text), at=at(text), score=score)
        for text, symptom, intensity in REACTIONS:
            logged.log_reaction(store, at(text), at=at(text), symptom=symptom, intensity=intensity)


@pytest.fixture(scope="module")
def care_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("measures") / "care.db")
    build_care_diary(path)
    add_measures(path)
    return path


@pytest.fixture(scope="module")
def care(care_db: str) -> ReportData:
    with read_connection(care_db) as conn:
        return load(conn, Period.month(2026, 11), window_days=7, cutoff=at("2026-12-10 10:00"))


def test_page_one_medication_and_peg_against_independent_numbers(care: ReportData) -> None:
    """Medication days: 3 of the baseline's 24 observed days (4, 8, 15 Sep) against 1 of November's 27 (3 Nov,
    twice; 14 Nov is unobserved), too few to compare; PEG: the means of the scores and an
    interval whose ends a brute-force permutation test puts at the edge of rejection."""
    comparison = page1.answer(care).comparison
    assert comparison is not None
    answer = page1.answer(care)
    assert answer.baseline is not None
    assert (answer.baseline.medication_days, answer.this.medication_days) == (3, 1)
    # 4 medication days on both sides together: too few for a ratio (10 needed).
    assert comparison.change("medication_days").ratio is None
    assert comparison.change("medication_days").too_little == (
        "fewer than 10 acute-medication days on both sides together")
    before = [sum(v) / 3 for v in PEG_BASELINE.values()]
    now = [sum(v) / 3 for v in PEG_NOVEMBER.values()]
    d = comparison.change("peg").difference
    assert d is not None and d.exact
    assert d.difference == pytest.approx(statistics.mean(now) - statistics.mean(before))
    assert d.p_value == pytest.approx(brute_p(now, before))
    assert brute_p(now, before, d.high + 0.01) <= 0.05 < brute_p(now, before, d.high - 0.01)
    assert not comparison.change("peg").important  # no threshold is claimed for the PEG


def test_measures_page_reads(care: ReportData) -> None:
    """What was taken in November, the impressions in order, the night spasms in the 07:00-09:00 window,
    and each November visit's reactions in the 72 h after it."""
    assert [(t.name, t.doses, t.times, t.days) for t in measures.taken(care)] == [
        ("ibuprofen", ("400 mg",), 3, 2)]
    assert [(i.score, i.words) for i in measures.impressions(care)] == [
        (4, "no change"), (3, "minimally improved"), (2, "much improved")]
    nights = measures.nights(care)
    november = [care_plan(dt.date(2026, 11, d)) for d in range(1, 31)]
    first_of_day = sum(1 for p in november if p)  # each spasm day's first spasm is at 08:00
    assert (nights.night, nights.episodes, nights.from_profile) == (first_of_day, 19, True)
    assert nights.by_hour[8] == first_of_day and nights.by_hour[14] == 19 - first_of_day and sum(nights.by_hour) == 19
    rows, symptoms = measures.reactions_by_visit(care)
    assert [(r.visit.at.astimezone(BERLIN).day, [s for _, s, _ in r.reactions]) for r in rows] == [
        (5, ["soreness"]), (12, ["headache"]), (19, []), (26, ["stiffness"])]
    assert dict(symptoms) == {"soreness": 1, "headache": 1, "stiffness": 1}


def test_measures_in_the_pdf(care_db: str, tmp_path: Path) -> None:
    """Page 1 has the medication and PEG rows with their changes; part 4 says the latest impression, the night
    share, what was taken and the reactions per visit, with no advice."""
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(cli, ["--db", care_db, "report", "--month", "2026-11", "--out", str(out)],
                                env={"DIARY_NOW": "2026-12-10T10:00:00+01:00", "SOURCE_DATE_EPOCH": "1765000000"},
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(out).pages]
    first = pages[0]
    before = statistics.mean(sum(v) / 3 for v in PEG_BASELINE.values())
    now = statistics.mean(sum(v) / 3 for v in PEG_NOVEMBER.values())
    assert f"Acute-medication days per 28 observed days {28 * 3 / 24:.1f} " in first
    assert f"{28 * 1 / 27:.1f} too little data" in first
    assert "Acute medication: too little data to compare (fewer than 10 acute-medication days on both sides" in first
    assert f"Mean weekly PEG score (0-10) {before:.1f} " in first and f"{now:.1f} -{before - now:.1f} points" in first
    part = " ".join(pages[1:])
    assert "Latest: much improved (2) on 26 Nov 2026. 3 answers from 15 Oct 2026." in part
    first_of_day = sum(1 for d in range(1, 31) if care_plan(dt.date(2026, 11, d)))
    assert (f"{first_of_day} of 19 episodes ({100 * first_of_day / 19:.0f}%) started between 07:00 and 09:00 "
            "(the profile's sleep window)") in part
    assert "ibuprofen 400 mg 3 2" in part
    assert "V2 Thu 12 Nov 10:00 headache 3 (23 h after)" in part
    assert "In all: soreness 1, headache 1, stiffness 1 (as the patient logged them)." in part
    assert "should" not in part.replace("should not", "")
