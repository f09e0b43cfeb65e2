"""`diary report`: the PDF's text read back (pypdf) against independent computations,
"too little data to compare" where the data are thin, the edge cases of a month, and
the command's errors."""

from __future__ import annotations

import datetime as dt
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader
from statsmodels.stats.proportion import confint_proportions_2indep

from diary import entries
from diary.cli import cli
from diary.foods import intake_values
from diary.profile import set_profile
from diary.reports.stats import Unit
from diary.storage import open_diary
from tests.helpers.hand_diary import TZ, build_hand_diary, local
from tests.helpers.reference_stats import quasi_poisson_by_hand
from tests.helpers.report import BASELINE, build_care_diary, care_days, care_plan

NOW = "2026-12-10T10:00:00+01:00"
EPOCH = "1765000000"  # 2025-12-06 05:46:40 UTC


def report(db: str, *args: str, now: str = NOW, epoch: str | None = EPOCH, cwd: Path | None = None) -> Result:
    env = {"DIARY_NOW": now}
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(cli, ["--db", db, "report", *args], env=env, catch_exceptions=False)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(cli, ["--db", db, "report", *args], env=env, catch_exceptions=False)
    finally:
        os.chdir(old)


def text_of(path: Path) -> str:
    """All pages' text, whitespace collapsed (a wrapped line reads as one)."""
    reader = PdfReader(path)
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


@pytest.fixture(scope="module")
def hand_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    """The hand diary's November report, made once for the tests that only read it."""
    folder = tmp_path_factory.mktemp("hand")
    db = str(folder / "hand.db")
    build_hand_diary(db)
    out = folder / "november.pdf"
    return report(db, "--month", "2026-11", "--out", str(out)), out


@pytest.fixture(scope="module")
def care_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The care diary's November report (a baseline in September, weekly visits from 1 Oct)."""
    folder = tmp_path_factory.mktemp("care")
    db = str(folder / "care.db")
    build_care_diary(db)
    out = folder / "november.pdf"
    assert report(db, "--month", "2026-11", "--out", str(out)).exit_code == 0
    return out


def page_text(path: Path, number: int) -> str:
    return " ".join(PdfReader(path).pages[number - 1].extract_text().split())


def test_report_says_where_it_wrote_and_what(hand_pdf: tuple[Result, Path]) -> None:
    """One line names the file, its pages, the period, episodes, coverage and adjustments."""
    result, out = hand_pdf
    pages = len(PdfReader(out).pages)
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Wrote {out} ({pages} pages): November 2026, 20 episodes, 25 of 30 days observed, "
                             "1 adjustment.\n")


def test_page_one_header_and_data_quality(care_pdf: Path) -> None:
    """Who, the period, when made, when care began and the baseline's days, coverage with the rule, and the
    logging delay counted from the plan (the 14:00 spasm of each Tuesday is logged 30 h late)."""
    text = page_text(care_pdf, 1)
    late = sum(1 for d in care_days(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
               if d.weekday() == 1 and len(care_plan(d) or []) >= 2)
    assert late == 4  # the Tuesdays of November are the pattern's days with two spasms
    for expected in (
        "Patient: Care Patient. Period: 1 Nov 2026 to 30 Nov 2026 (30 days). Made 10 Dec 2026 10:00; times are "
        "local (Europe/Berlin).",
        "Care began 1 Oct 2026 (the first adjustment in the diary); the baseline is the 28 days before it, 3 Sep "
        "2026 to 30 Sep 2026.",
        "Data quality: 27 of 30 days observed (90%: 15 with spasms, 12 marked quiet); a day counts as observed when "
        "it has a spasm logged or is marked quiet (no spasms); a day with only food, drink, an adjustment or other "
        "entries is unobserved, not spasm-free.",
        f"Logging delay: median 10 min; {late} of 19 spasms ({100 * late / 19:.0f}%) logged a day or more after "
        "it started.",
    ):
        assert expected in text, expected


def test_page_one_table_against_independent_numbers(care_pdf: Path) -> None:
    """The table's values and changes are those computed from the plan with scipy and statsmodels."""
    text = page_text(care_pdf, 1)
    base = [p for d in care_days(*BASELINE) if (p := care_plan(d)) is not None]
    nov = [p for d in care_days(dt.date(2026, 11, 1), dt.date(2026, 11, 30)) if (p := care_plan(d)) is not None]
    estimate, low, high = quasi_poisson_by_hand([Unit(len(p), 1.0) for p in nov], [Unit(len(p), 1.0) for p in base])
    k1, k0 = sum(bool(p) for p in nov), sum(bool(p) for p in base)
    s_low, s_high = confint_proportions_2indep(k1, len(nov), k0, len(base), method="score", compare="ratio")
    w1, w0 = [max(p) for p in nov if p], [max(p) for p in base if p]
    diff = statistics.mean(w1) - statistics.mean(w0)
    for expected in (
        "Observed days 24 of 28 31 of 31 27 of 30",
        f"Episodes per observed day {44 / 24:.2f} {31 / 31:.2f} {19 / 27:.2f} "
        f"{estimate:.2f} ({low:.2f} to {high:.2f})",
        f"Spasm days per 28 observed days {28 * 20 / 24:.1f} ",
        f"{28 * k1 / len(nov):.1f} {(k1 / len(nov)) / (k0 / len(base)):.2f} ({s_low:.2f} to {s_high:.2f})",
        f"intensity (0-10) {statistics.mean(w0):.1f} ",
        f"{statistics.mean(w1):.1f} -{abs(diff):.1f} points",
    ):
        assert expected in text, expected


def test_page_one_words_responder_flags_and_natural_course(care_pdf: Path) -> None:
    """Each change in plain words, the responder statement, the duplicate visit flagged, and the sentence
    on natural course and regression to the mean, all on page 1."""
    text = page_text(care_pdf, 1)
    for expected in (
        "\u2022 Episodes: about 60% fewer episodes than before care began; the interval runs from",
        "\u2022 Intensity (each spasm day's worst): 2.9 points lower than before care began on average;",
        "This reaches the size patients rate as important (2 points or 30%).",
        "Spasm days fell by a third against the baseline (ratio 0.67, 95% interval",
        "less than half, so not a 50% responder as headache-prevention trials count it",
        "Visits close together: 12 Nov 10:00 and 12 Nov 20:00, 10 h apart, counted as one; is one a duplicate?",
        "regression to the mean",
        "do not show what caused a change",
    ):
        assert expected in text, expected
    assert "*" not in text and "CLINICALLY" not in text and "infinite" not in text


def test_around_each_visit_counts_only(care_pdf: Path) -> None:
    """Part 2 gives per-visit counts (no ratio per visit) and the pooled comparisons with their intervals."""
    text = text_of(care_pdf)
    part = section(text, "2. Around each adjustment", "3. Fluid and electrolytes")
    assert "V2 Thu 12 Nov 10:00, Dr. Lee (with 1 more within 48 h)" in part
    assert "Within the cycle (9 visits, 1 Oct 2026 to 30 Nov 2026): days 1-3 after a visit:" in part
    assert "Reaction (9 visits, 1 Oct 2026 to 30 Nov 2026): the first 24 h after a visit:" in part
    assert "Flare (9 visits, 1 Oct 2026 to 30 Nov 2026): the 3 days before a visit:" in part
    assert "Rate ratio after/before" not in text


def test_intake_page_counts_complete_days_not_zeros(hand_pdf: tuple[Result, Path]) -> None:
    """Only the 4 complete days are compared with targets (Nov 20's lone glass of water is not), and the
    page says why; caveats for potassium and magnesium are there."""
    text = text_of(hand_pdf[1])
    assert ("Intake was logged on 5 of 30 days; 4 of them were complete and are compared with the targets below"
            in text)
    assert "so a day with only a glass of water logged is never read as a day of no potassium" in text
    at = local("2026-11-12 12:30")
    water = [1000, 3000, 3000 + intake_values("04011", 15, "1 tbsp", at)["water_ml"],
             3000 + intake_values("09040", 118, "1 medium", at)["water_ml"]]
    assert f"Fluid (total water) 2,700 ml (AI) 4 {statistics.median(water):,.0f} (4 days) 1 0" in text
    assert "fluid 1 3 3.00 3 3 1.00" in text
    assert "does not apply with kidney disease" in text
    assert "have not been shown to prevent muscle cramps" in text
    assert "does not show that intake raised or lowered the number of spasms" in text


def test_no_usable_baseline_is_said(hand_pdf: tuple[Result, Path]) -> None:
    """The hand diary's care began on 10 Nov with 6 observed days before it: page 1 says there is no usable
    baseline and why, compares the days since care began with October (no observed day there: too little data,
    said in words), and gives no responder statement."""
    text = page_text(hand_pdf[1], 1)
    assert ("No usable baseline: 6 of the 28 days before care began were observed (14 needed); so its days from "
            "care began on (10–30 Nov) are compared with the previous month.") in text
    assert "no comparison" not in text
    assert "The change: too little data to compare (fewer than 3 observed days on a side)." in text
    assert "not assessed without a usable baseline" in text
    assert not re.search(r"\(\d\.\d\d to \d", text)  # no interval on page 1


def test_where_and_why_and_episode_list(hand_pdf: tuple[Result, Path]) -> None:
    """Sites, triggers and every episode appear, times in local time."""
    text = text_of(hand_pdf[1])
    assert "lifting 3 15% 7" in text
    assert "none given 16 80% 5" in text
    assert "Tue 10 Nov 18:00 4 1 min calf (right)" in text
    assert "Wed 25 Nov 10:00 5 unknown lower-back (left)" in text


def test_pdf_metadata_pages_and_reproducibility(hand_pdf: tuple[Result, Path], tmp_path: Path) -> None:
    """Title and author are set, pages are numbered, and the same diary gives the same bytes."""
    _, out = hand_pdf
    reader = PdfReader(out)
    meta = reader.metadata
    assert meta is not None
    assert (meta.title, meta.author) == ("Spasm diary report, November 2026, Test Patient", "Test Patient")
    assert meta.creation_date == dt.datetime.fromtimestamp(int(EPOCH), dt.UTC)
    n = len(reader.pages)
    assert f"Page 1 of {n}" in reader.pages[0].extract_text()
    assert f"Page {n} of {n}" in reader.pages[-1].extract_text()
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    again = tmp_path / "again.pdf"
    report(str(out.parent / "hand.db"), "--month", "2026-11", "--out", str(again))
    assert again.read_bytes() == out.read_bytes()


def test_thin_diary_says_too_little_data(tmp_path: Path) -> None:
    """Two observed days around an adjustment: no usable baseline, nothing compared, and every pooled
    comparison says 'too little data to compare' with no interval anywhere."""
    db = str(tmp_path / "thin.db")
    with open_diary(db) as store:
        for when in ("2026-11-09 10:00", "2026-11-11 10:00"):
            entries.log_episode(store, local(when), started_at=local(when), intensity=6)
        entries.log_adjustment(store, local("2026-11-10 12:00"), at=local("2026-11-10 12:00"))
    out = tmp_path / "thin.pdf"
    assert report(db, "--month", "2026-11", "--out", str(out)).exit_code == 0
    text = text_of(out)
    assert ("No usable baseline: 1 of the 28 days before care began was observed (14 needed); so its days from "
            "care began on (10–30 Nov) are compared with the previous month.") in text
    assert "The change: too little data to compare (fewer than 3 observed days on a side)." in text
    assert text.count("Rate ratio: too little data to compare (fewer than 3 observed days on a side).") == 3
    assert "V1 Tue 10 Nov 12:00 1 1 1.0 of 7.0 1 1 1.0 of 7.0" in text  # Nov 9 and Nov 11; Nov 10 unobserved
    assert not re.search(r"95% interval \d", text)


def test_one_episode_never_prints_a_ratio(tmp_path: Path) -> None:
    """A baseline of quiet days and one spasm this month: 'too little data to compare', never '0.00 (0.00 to
    39.00)' or 'infinite'."""
    db = str(tmp_path / "one.db")
    with open_diary(db) as store:
        for i in range(20):
            day = dt.date(2026, 10, 1) + dt.timedelta(days=i)
            entries.mark_quiet(store, local(f"{day.isoformat()} 22:00"), day, TZ)
        entries.log_adjustment(store, local("2026-10-29 10:00"), at=local("2026-10-29 10:00"))
        for day in range(2, 20):
            entries.mark_quiet(store, local(f"2026-11-{day:02d} 22:00"), dt.date(2026, 11, day), TZ)
        entries.log_episode(store, local("2026-11-20 10:00"), started_at=local("2026-11-20 10:00"), intensity=6)
    out = tmp_path / "one.pdf"
    assert report(db, "--month", "2026-11", "--out", str(out)).exit_code == 0
    text = page_text(out, 1)
    assert "The change: too little data to compare (fewer than 10 episodes on both sides together)." in text
    assert "Change against" not in text  # no column of "too little data": the line under the table says it once
    assert "0.00 (0.00" not in text and "infinite" not in text and "inf" not in text.replace("information", "")


def test_month_without_adjustments(tmp_path: Path) -> None:
    """Without adjustments there is no baseline: the month is compared with the previous one (which has no
    data: too little), and part 2 says no adjustment was logged."""
    db = str(tmp_path / "noadj.db")
    build_hand_diary(db, adjustment=False)
    out = tmp_path / "r.pdf"
    result = report(db, "--month", "2026-11", "--out", str(out))
    assert result.stdout.endswith("20 episodes, 25 of 30 days observed, 0 adjustments.\n")
    text = text_of(out)
    assert ("No usable baseline: no adjustment was logged up to the end of this period, and the profile gives no "
            "date care began; so this month is compared with the previous month.") in text
    assert "The change: too little data to compare (fewer than 3 observed days on a side)." in text
    assert "No adjustment was logged in this period." in text
    assert f"Episodes per observed day \u2013 {20 / 25:.2f}" in text  # October has no observed day: no rate


def test_month_without_episodes(tmp_path: Path) -> None:
    """Quiet days and an adjustment but no spasm: zero episodes on 30 observed days, and no comparison claimed."""
    db = str(tmp_path / "none.db")
    with open_diary(db) as store:
        for day in range(1, 31):
            entries.mark_quiet(store, local(f"2026-11-{day:02d} 22:00"), dt.date(2026, 11, day), TZ)
        entries.log_adjustment(store, local("2026-11-10 12:00"), at=local("2026-11-10 12:00"))
    out = tmp_path / "r.pdf"
    result = report(db, "--month", "2026-11", "--out", str(out))
    assert result.exit_code == 0
    text = text_of(out)
    assert "Data quality: 30 of 30 days observed (100%: 0 with spasms, 30 marked quiet)" in text
    assert "Rate ratio: too little data to compare (fewer than 10 episodes on both sides together)." in text
    assert "No episodes in this period." in text


def test_month_with_only_unobserved_days(tmp_path: Path) -> None:
    """A month with nothing logged reports 0 observed days, never 0 spasms a day."""
    db = str(tmp_path / "empty.db")
    with open_diary(db) as store:
        entries.log_episode(store, local("2026-10-05 10:00"), started_at=local("2026-10-05 10:00"), intensity=3)
    out = tmp_path / "r.pdf"
    result = report(db, "--month", "2026-11", "--out", str(out))
    assert result.exit_code == 0
    text = text_of(out)
    assert "Data quality: 0 of 30 days observed (0%: 0 with spasms, 0 marked quiet)" in text
    assert "Intake was logged on 0 of 30 days" in text
    assert "Observed days 1 of 31 0 of 30" in text
    assert "0.00" not in page_text(out, 1)


def test_adjustments_on_the_first_and_last_day(tmp_path: Path) -> None:
    """A visit on the first day counts the week before from October; one on the last day counts after it only
    to the month's end (the period is the period), though December has spasms."""
    db = str(tmp_path / "edges.db")
    with open_diary(db) as store:
        day = dt.date(2026, 10, 24)
        while day <= dt.date(2026, 12, 9):
            at = local(f"{day.isoformat()} 07:00")
            entries.log_episode(store, at, started_at=at, intensity=5)
            day += dt.timedelta(days=1)
        entries.log_adjustment(store, local("2026-11-01 08:00"), at=local("2026-11-01 08:00"))
        entries.log_adjustment(store, local("2026-11-30 20:00"), at=local("2026-11-30 20:00"))
    out = tmp_path / "r.pdf"
    assert report(db, "--month", "2026-11", "--out", str(out)).exit_code == 0
    text = text_of(out)
    # Before V1: 25 Oct 08:00 (16 of that 25-hour day) to 1 Nov 08:00 (8 of 24 h): 0.64 + 6 + 0.33 observed days.
    assert "V1 Sun 1 Nov 08:00 7 7 7.0 of 7.0 7 7 7.0 of 7.0" in text
    assert "V2 Mon 30 Nov 20:00 7 7 7.0 of 7.0 0 0 0.2 of 0.2" in text


def test_daylight_saving_month(tmp_path: Path) -> None:
    """October in Berlin: episodes around the change are listed on their local day and time."""
    db = str(tmp_path / "dst.db")
    with open_diary(db) as store:
        set_profile(store, local("2026-10-01 09:00"), {"timezone": "Europe/Berlin"})
        for text in ("2026-10-25 01:30", "2026-10-25 23:30", "2026-10-26 00:30"):
            entries.log_episode(store, local(text), started_at=local(text), intensity=4)
    out = tmp_path / "r.pdf"
    assert report(db, "--month", "2026-10", "--out", str(out)).exit_code == 0
    text = text_of(out)
    assert "Sun 25 Oct 01:30 4" in text and "Sun 25 Oct 23:30 4" in text and "Mon 26 Oct 00:30 4" in text
    assert "Data quality: 2 of 31 days observed" in text


def test_long_note_wraps_inside_the_page(tmp_path: Path) -> None:
    """A 300-character note is wrapped over several lines of its column, none past the right margin (each
    word's box as poppler's pdftotext measures it, independently of the layout code)."""
    note = ("Started while carrying the shopping up the stairs, then came back twice in the evening; "
            "stretching the calf against the wall helped a little, a warm shower helped more, and it was "
            "still sore the next morning when I got up. Drank less than usual that day because of the "
            "long meeting in the afternoon!")
    note += "!" * (300 - len(note))
    assert len(note) == 300
    db = str(tmp_path / "note.db")
    build_hand_diary(db, note=note)
    out = tmp_path / "r.pdf"
    assert report(db, "--month", "2026-11", "--out", str(out)).exit_code == 0
    pages = len(PdfReader(out).pages)
    last = PdfReader(out).pages[-1]
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", str(pages), "-l", str(pages), str(out), "-"],
                           capture_output=True, text=True, check=True).stdout
    words = re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', boxes)
    assert len(words) > 50
    right_margin = float(last.mediabox.width) - 0.65 * 72
    for x_max, word in words:
        assert float(x_max) <= right_margin + 1, f"{word!r} runs past the margin"
    segments: list[str] = []
    last.extract_text(visitor_text=lambda t, cm, tm, fd, size: segments.append(t.strip()) if t.strip() else None)
    note_lines = [t for t in segments if t in note and len(t) > 10]  # not the "Started" header
    assert len(note_lines) >= 4
    assert " ".join(" ".join(note_lines).split()) == note


def test_text_beyond_latin_is_kept(tmp_path: Path) -> None:
    """A note in Greek is embedded with a Unicode font, not replaced by question marks."""
    db = str(tmp_path / "greek.db")
    build_hand_diary(db, note="κράμπα στη γάμπα")
    out = tmp_path / "r.pdf"
    assert report(db, "--month", "2026-11", "--out", str(out)).exit_code == 0
    assert "κράμπα στη γάμπα" in text_of(out)


def test_default_month_and_file_name(tmp_path: Path) -> None:
    """Without options the last full month is written to diary-report-YYYY-MM.pdf in the current folder."""
    db = str(tmp_path / "hand.db")
    build_hand_diary(db)
    result = report(db, now="2026-12-03T09:00:00+01:00", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout.startswith("Wrote diary-report-2026-11.pdf (")
    assert (tmp_path / "diary-report-2026-11.pdf").exists()
    assert oct(os.stat(tmp_path / "diary-report-2026-11.pdf").st_mode & 0o777) == "0o600"


def test_custom_period_and_window(tmp_path: Path) -> None:
    """--from/--to report those days; --window 3 narrows each visit's counts to 3 days each side."""
    db = str(tmp_path / "hand.db")
    build_hand_diary(db)
    out = tmp_path / "r.pdf"
    result = report(db, "--from", "2026-11-05", "--to", "2026-11-16", "--window", "3", "--out", str(out))
    assert result.stdout.startswith(f"Wrote {out} (")
    assert "5 Nov 2026 to 16 Nov 2026" in result.stdout
    text = text_of(out)
    assert "Windows: 3 x 24 h before and after each visit" in text
    # Before: 7 spasms on Nov 8-10 over 3.0 observed days; after: 4 on Nov 10-13 over 3.0.
    assert "V1 Tue 10 Nov 12:00, Dr. Lee, region lumbar 7 3 3.0 of 3.0 4 4 3.0 of 3.0" in text


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--month", "2026-13"], 2,
         "Error: Invalid value for --month: month '2026-13' not understood: use YYYY-MM (2026-11), a month's name "
         "(november, nov 2026) or last month / this month"),
        (["--month", "2027-01"], 2,
         "Error: Invalid value for --month: month '2027-01' has not started yet: nothing to report"),
        (["--month", "2026-11", "--from", "2026-11-01"], 2, "Error: give either --month or --from and --to, not both"),
        (["--from", "2026-11-01"], 2, "Error: --from and --to go together: give both days of the period"),
        (["--from", "2026-11-10", "--to", "2026-11-01"], 2,
         "Error: Invalid value for --to: day '2026-11-01' is before --from '2026-11-10'"),
        (["--window", "0"], 2, "Error: Invalid value for '--window': 0 is not in the range 1<=x<=31."),
    ],
)
def test_bad_options_are_one_line_and_write_nothing(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    """Each bad option gets one line naming the value, exit status 2, and no PDF."""
    db = str(tmp_path / "hand.db")
    build_hand_diary(db)
    result = report(db, *args, cwd=tmp_path)
    assert result.exit_code == code
    assert result.stderr.startswith(message), result.stderr
    assert result.stderr.count("\n") == 1
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*part"))


def test_missing_diary_is_not_created(tmp_path: Path) -> None:
    """A report of a diary that does not exist says so and makes no empty diary."""
    db = tmp_path / "nothing.db"
    result = report(str(db), "--month", "2026-11", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: no diary at {db}: log something first, or make one with "
                             f"diary sample --db {db}\n")
    assert not db.exists()


def test_report_works_on_every_database(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The care diary gives the same page 1 on SQLite and on PostgreSQL: its episodes ratio as worked by hand."""
    build_care_diary(run.location)
    out = tmp_path / "r.pdf"
    result = run("report", "--month", "2026-11", "--out", str(out), now=NOW)
    assert result.exit_code == 0, result.output
    base = [p for d in care_days(*BASELINE) if (p := care_plan(d)) is not None]
    nov = [p for d in care_days(dt.date(2026, 11, 1), dt.date(2026, 11, 30)) if (p := care_plan(d)) is not None]
    estimate, low, high = quasi_poisson_by_hand([Unit(len(p), 1.0) for p in nov], [Unit(len(p), 1.0) for p in base])
    assert f"{estimate:.2f} ({low:.2f} to {high:.2f})" in page_text(out, 1)


def test_logging_path_imports_no_report_libraries() -> None:
    """Loading the report and sample commands, the query layer and the logging commands imports no pandas,
    matplotlib, scipy, statsmodels or numpy: those load only when a report is made."""
    code = ("import sys, diary.cli.report, diary.cli.log, diary.sample; print(sorted(m for m in "
            "('pandas', 'matplotlib', 'scipy', 'numpy', 'statsmodels') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _help_examples(command: str) -> list[list[str]]:
    import shlex

    help_text = CliRunner().invoke(cli, [command, "--help"]).stdout
    return [shlex.split(line.strip())[1:] for line in help_text.splitlines()
            if line.strip().startswith(f"diary {command}")]


def test_help_examples_work_as_typed(tmp_path: Path) -> None:
    """Every example in `diary sample --help` and `diary report --help` runs as typed (in a fresh folder)."""
    samples = _help_examples("sample")
    reports = _help_examples("report")
    assert len(samples) == 3 and len(reports) == 4
    for i, args in enumerate(samples):
        folder = tmp_path / f"s{i}"
        folder.mkdir()
        old = os.getcwd()
        os.chdir(folder)
        try:
            result = CliRunner().invoke(cli, args, env={"DIARY_NOW": NOW}, catch_exceptions=False)
        finally:
            os.chdir(old)
        assert result.exit_code == 0, (args, result.output)
        assert (folder / "sample.db").exists()
    db = str(tmp_path / "s1" / "sample.db")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        for args in reports:
            result = CliRunner().invoke(cli, ["--db", db, *args], env={"DIARY_NOW": NOW}, catch_exceptions=False)
            assert result.exit_code == 0, (args, result.output)
    finally:
        os.chdir(old)
    assert {p.name for p in tmp_path.glob("*.pdf")} == {"diary-report-2026-11.pdf", "november.pdf", "last-month.pdf",
                                                         "diary-report-2026-10-15_2026-11-14.pdf"}


def test_unwritable_output_is_one_line(tmp_path: Path) -> None:
    """A report into a folder that does not exist fails with one line and leaves no partial file."""
    db = str(tmp_path / "hand.db")
    build_hand_diary(db)
    out = tmp_path / "missing" / "r.pdf"
    result = report(db, "--month", "2026-11", "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write the report to {out}: No such file or directory\n"
    assert not (tmp_path / "missing").exists()


# --- what a clinician sees: review fixes ------------------------------------------------------------


def positioned_text(path: Path) -> list[tuple[int, str, float]]:
    """(page number, text, baseline height in points from the page's bottom) of every piece of text."""
    found: list[tuple[int, str, float]] = []
    for number, page in enumerate(PdfReader(path).pages, 1):
        page.extract_text(visitor_text=lambda t, cm, tm, fd, size, n=number: found.append(
            (n, t.strip(), tm[5] * cm[3] + cm[5])) if t.strip() else None)
    return found


def section(text: str, start: str, end: str) -> str:
    """The part of the PDF's text from `start` up to `end`."""
    i = text.index(start)
    return text[i:text.index(end, i)]


def test_a_very_long_note_is_cut_and_nothing_runs_into_the_footer(tmp_path: Path) -> None:
    """A note of the longest length allowed (2,000 characters), with line breaks and Greek, shows its first
    few hundred characters and '… (full note: diary list)', and no text runs below the margin or off the page."""
    first = "Woke at 3 with the calf locked; κράμπα στη γάμπα again."
    note = first + "\n\nSecond line after a blank one.\n" + " ".join(f"word{i:04d}" for i in range(700))
    note = note[:1992] + " THE-END"
    assert len(note) == 2000
    db = str(tmp_path / "long.db")
    build_hand_diary(db, note=note)
    out = tmp_path / "r.pdf"
    assert report(db, "--month", "2026-11", "--out", str(out)).exit_code == 0
    text = text_of(out)
    shown = section(text, first, "\u2026 (full note: diary list)")
    assert shown.startswith(f"{first} / Second line after a blank one. / word0000 word0001")
    assert 300 <= len(shown) <= 500
    assert "THE-END" not in text and "word0600" not in text
    bottom_margin = 0.75 * 72
    for page, piece, y in positioned_text(out):
        if piece.startswith("Made 10 Dec 2026 with diary"):
            continue  # the footer itself, below the margin on purpose
        assert bottom_margin - 1 <= y <= 842, f"page {page}: {piece!r} at {y:.0f} pt"


def test_month_in_progress_counts_today_by_its_elapsed_part(tmp_path: Path) -> None:
    """Made at noon on 25 Nov, today counts as half an observed day in the rate and is left out of the
    intake targets (its 500 ml so far is not a day below the fluid goal), and the page says so."""
    db = str(tmp_path / "now.db")
    with open_diary(db) as store:
        set_profile(store, local("2026-10-01 09:00"), {"sex": "female", "birth_year": 1979,
                                                      "timezone": "Europe/Berlin", "always_complete": True})
        for day in range(1, 25):
            at = local(f"2026-11-{day:02d} 10:00")
            entries.log_episode(store, at, started_at=at, intensity=5)
            entries.log_intake(store, at, entries.water_intake(at, 3000, "3 l"))
        for when in ("2026-11-25 08:00", "2026-11-25 09:00"):
            entries.log_episode(store, local(when), started_at=local(when), intensity=5)
        entries.log_intake(store, local("2026-11-25 09:00"), entries.water_intake(local("2026-11-25 09:00"), 500,
                                                                                   "500 ml"))
    out = tmp_path / "r.pdf"
    result = report(db, "--month", "2026-11", "--out", str(out), now="2026-11-25T12:00:00+01:00")
    assert result.exit_code == 0, result.output
    text = text_of(out)
    assert f"Episodes per observed day \u2013 {26 / (24 + 12 / 24):.2f}" in text
    assert ("25 Nov 2026 was still in progress when this report was made: it counts by the part that had passed "
            "(0.50 of a day).") in text
    assert "Intake was logged on 24 of 24 days (25 Nov 2026, still in progress, is left out); 24 of them" in text
    assert "Fluid (total water) 2,700 ml (AI) 24 3,000 (24 days) 0 0" in text
    assert "Data quality: 25 of 25 days observed (100%: 25 with spasms, 0 marked quiet)" in text


def test_quiet_mark_on_a_day_with_a_spasm_is_not_a_quiet_day(tmp_path: Path) -> None:
    """A day marked quiet that also has an episode (old data, or an edit) counts as a day with spasms, not
    as a quiet day."""
    db = str(tmp_path / "both.db")
    build_hand_diary(db)
    with open_diary(db) as store:
        entries.mark_quiet(store, local("2026-11-20 22:00"), dt.date(2026, 11, 20), TZ)
        (episode_id,) = store.rows("SELECT id FROM episode WHERE started_at LIKE '2026-11-25%'")[0]
        store.update("episode", episode_id, {"started_at": local("2026-11-20 10:00")})  # as an old edit left it
    out = tmp_path / "r.pdf"
    assert report(db, "--month", "2026-11", "--out", str(out)).exit_code == 0
    # 11 quiet days in the hand diary; Nov 20 is now marked but has the spasm, Nov 25 has nothing.
    assert "Data quality: 25 of 30 days observed (83%: 14 with spasms, 11 marked quiet)" in text_of(out)


def test_made_date_and_cutoff_come_from_one_clock(tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH in September only fixes the PDF's creation date: a December report made on
    10 Dec says 'Made 10 Dec 2026' and ends its period there, and the same inputs give the same bytes."""
    db = str(tmp_path / "hand.db")
    build_hand_diary(db)
    september = "1789992000"  # 2026-09-21 12:00 UTC
    out, again = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for path in (out, again):
        assert report(db, "--month", "2026-12", "--out", str(path), epoch=september).exit_code == 0
    text = text_of(out)
    assert "Made 10 Dec 2026 10:00;" in text and "Made 10 Dec 2026 with diary" in text
    assert "21 Sep" not in text
    assert "Period: 1 Dec 2026 to 10 Dec 2026 (10 days); the requested period runs to 31 Dec 2026" in text
    assert "10 Dec 2026 was still in progress when this report was made" in text
    meta = PdfReader(out).metadata
    assert meta is not None and meta.creation_date == dt.datetime(2026, 9, 21, 12, 0, tzinfo=dt.UTC)
    assert out.read_bytes() == again.read_bytes()


def test_missing_profile_states_the_assumed_targets_without_example_values(tmp_path: Path) -> None:
    """Without sex or birth year the intake page names the default assumed, and no command with example
    values that could be read as the patient's data."""
    db = str(tmp_path / "noprofile.db")
    with open_diary(db) as store:
        entries.log_episode(store, local("2026-11-05 10:00"), started_at=local("2026-11-05 10:00"), intensity=4)
    out = tmp_path / "r.pdf"
    assert report(db, "--month", "2026-11", "--out", str(out)).exit_code == 0
    text = text_of(out)
    assert "(no sex or birth year in the profile; targets for an adult woman aged 31-50 assumed)" in text
    assert "diary profile" not in text and "1979" not in text


def test_timeline_legend_calls_unobserved_days_no_spasm_record(hand_pdf: tuple[Result, Path]) -> None:
    """The timeline's legend says an unobserved day has no spasm record (it may still have intake logged)."""
    text = text_of(hand_pdf[1])
    assert "no spasm record (not observed; not zero)" in text
    assert "no data, not zero" not in text


def test_median_day_says_how_many_days_it_covers(hand_pdf: tuple[Result, Path]) -> None:
    """Magnesium on the 4 complete days is known on 3 (a mayonnaise without a value): its median is of those 3."""
    text = text_of(hand_pdf[1])
    # Magnesium per complete day: Nov 7 and 11 water only (0), Nov 12 unknown, Nov 24 a banana.
    assert "Magnesium 320 mg (RDA) 4 0 (3 days) 3 1 0 above 350 mg (UL for supplements)" in text


def test_characters_the_font_lacks_are_kept_and_said_without_warnings(tmp_path: Path) -> None:
    """A note in Chinese with an emoji keeps its characters in the PDF's text, the page says they may show
    as boxes, and the terminal gets no warnings."""
    db = str(tmp_path / "cjk.db")
    build_hand_diary(db, note="抽筋\n小腿 😣")
    out = tmp_path / "r.pdf"
    result = report(db, "--month", "2026-11", "--out", str(out))
    assert result.exit_code == 0 and result.stderr == ""
    text = text_of(out)
    assert "抽筋 / 小腿 😣" in text
    assert "Characters the report's font cannot draw (some scripts and emoji) show as boxes" in text


def test_thin_coverage_is_flagged_in_words(hand_pdf: tuple[Result, Path]) -> None:
    """The hand diary's baseline has 6 of 28 days observed and October none: page 1 flags both in words."""
    text = page_text(hand_pdf[1], 1)
    assert "Thin coverage: no day observed in Oct 2026." in text
    assert "Thin coverage: 6 of 28 days observed in the baseline." in text


def test_a_period_short_of_a_month_heads_its_column_on_one_line(tmp_path: Path) -> None:
    """1-25 Nov: page 1's column head read "1 Nov to 25 / Nov" (wrapped in its narrow column); it reads
    "1–25 Nov" on one line, as the Days row does, and the previous 25 days "7–31 Oct"."""
    db = str(tmp_path / "hand.db")
    build_hand_diary(db)
    out = tmp_path / "part.pdf"
    assert report(db, "--from", "2026-11-01", "--to", "2026-11-25", "--out", str(out)).exit_code == 0
    lines = PdfReader(out).pages[0].extract_text().splitlines()
    assert "7\u201331 Oct 1\u201325 Nov" in lines  # the heads: the 25 days before and the period
    assert not any(line.rstrip().endswith(("to 25", "to 31")) for line in lines)
