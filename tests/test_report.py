"""`diary report`: the PDF's text read back (pypdf) against independent computations,
"too little data to compare" where the data are thin, the edge cases of a month, and
the command's errors."""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader
from scipy import stats as sps

from diary import entries
from diary.cli import cli
from diary.profile import set_profile
from diary.storage import open_diary
from tests.test_report_data import TZ, build_hand_diary, local

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


def rr_text(n1: int, t1: float, n0: int, t0: float) -> str:
    """The rate ratio as the report must print it, computed with scipy."""
    ci = sps.binomtest(n1, n1 + n0).proportion_ci(method="exact")
    low, high = (ci.low / (1 - ci.low) * t0 / t1, ci.high / (1 - ci.high) * t0 / t1)
    return f"{(n1 / t1) / (n0 / t0):.2f} (95% CI {low:.2f} to {high:.2f})"


@pytest.fixture(scope="module")
def hand_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    """The hand diary's November report, made once for the tests that only read it."""
    folder = tmp_path_factory.mktemp("hand")
    db = str(folder / "hand.db")
    build_hand_diary(db)
    out = folder / "november.pdf"
    return report(db, "--month", "2026-11", "--out", str(out)), out


def test_report_says_where_it_wrote_and_what(hand_pdf: tuple[Result, Path]) -> None:
    """One line names the file, its pages, the period, episodes, coverage and adjustments."""
    result, out = hand_pdf
    pages = len(PdfReader(out).pages)
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Wrote {out} ({pages} pages): November 2026, 20 episodes, 25 of 30 days observed, "
                             "1 adjustment.\n")


def test_summary_page_numbers(hand_pdf: tuple[Result, Path]) -> None:
    """Coverage with its rule, logging delay, counts, intensities and minutes are the hand-worked ones."""
    text = text_of(hand_pdf[1])
    for expected in (
        "Patient: Test Patient",
        "Period: 1 Nov 2026 to 30 Nov 2026 (30 days)",
        "Observed days: 25 of 30 (83%). Rule: a day counts as observed if it has a spasm logged or is marked quiet",
        "median 10 min; 2 of 20 episodes (10%) were logged a day or more later",
        "Episodes 20", "Episodes per observed day 0.80", "Median intensity (0-10) 6", "Mean intensity (0-10) 5.6",
        "Total minutes 18 (known durations only: 2 of 20 episodes have no duration, which is unknown, not zero)",
        "Quiet days (marked spasm-free) 11",
        "A1 Tue 10 Nov 2026 12:00, Dr. Lee, region lumbar",
    ):
        assert expected in text, expected


def test_before_after_numbers_against_scipy(hand_pdf: tuple[Result, Path]) -> None:
    """Rate ratios with exact CIs, the rank test's p and the flare are printed as scipy computes them."""
    text = text_of(hand_pdf[1])
    before = [6, 6, 7, 6, 7, 8, 7, 8, 9, 7, 8]
    after = [4, 3, 4, 2, 3, 4, 3]
    p = sps.mannwhitneyu(after, before, alternative="two-sided", method="asymptotic").pvalue
    p_text = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    flare_p = sps.poisson.sf(6, 13 / 22 * 3)
    for expected in (
        f"Rate ratio after/before: {rr_text(7, 6.0, 11, 6.0)}.",
        "Reaction window: 2 episodes in the first 24 h after the adjustment (1.0 observed days). "
        f"Without them, rate ratio: {rr_text(5, 5.0, 11, 6.0)}.",
        f"Intensity: median 7 before, 3 after; difference -4.0 points, -57%; Mann-Whitney {p_text}. "
        "CLINICALLY IMPORTANT: lower by at least 2 points or 30%",
        f"FLARE BEFORE THE VISIT: 2.33 episodes per observed day in the last 3 days against {13 / 22:.2f} usually "
        f"({'p < 0.001' if flare_p < 0.001 else f'p = {flare_p:.3f}'})",
        "Observed days 6.0 of 7.0 6.0 of 7.0 5.0 of 6.0",
        "Episodes 11 7 5",
        "Episodes per observed day 1.83 1.17 1.00",
    ):
        assert expected in text, expected


def test_intake_page_counts_days_not_zeros(hand_pdf: tuple[Result, Path]) -> None:
    """Only the 5 days with intake are compared with targets; caveats for potassium and magnesium are there."""
    text = text_of(hand_pdf[1])
    assert "Intake was logged on 5 of 30 days; a day with no intake logged is left out (hatched), not counted as zero" in text
    assert "Fluid (total water) 2,700 ml (AI) 5 3,000 (5 days) 2 0" in text  # median of 500, 1000, 3000, 3008, 3088
    assert "fluid 2 3 1.50 3 3 1.00" in text
    assert "does not apply with kidney disease" in text
    assert "have not been shown to prevent muscle cramps" in text
    assert "does not show that intake raised or lowered the number of spasms" in text


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
    assert meta.creation_date == dt.datetime.fromtimestamp(int(EPOCH), dt.timezone.utc)
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
    """Two observed days around an adjustment give no rate ratio but 'too little data to compare'."""
    db = str(tmp_path / "thin.db")
    with open_diary(db) as store:
        for when in ("2026-11-09 10:00", "2026-11-11 10:00"):
            entries.log_episode(store, local(when), started_at=local(when), intensity=6)
        entries.log_adjustment(store, local("2026-11-10 12:00"), at=local("2026-11-10 12:00"))
    out = tmp_path / "thin.pdf"
    assert report(db, "--month", "2026-11", "--out", str(out)).exit_code == 0
    text = text_of(out)
    assert "Rate ratio after/before: too little data to compare (fewer than 3 observed days on a side)." in text
    assert "Intensity: too little data to compare (the test needs 5 episodes on each side; 1 before, 1 after)." in text
    assert not re.search(r"95% CI \d", text)  # no interval anywhere


def test_month_without_adjustments(tmp_path: Path) -> None:
    """Without adjustments the summary is still right and part 2 says there is nothing to compare."""
    db = str(tmp_path / "noadj.db")
    build_hand_diary(db, adjustment=False)
    out = tmp_path / "r.pdf"
    result = report(db, "--month", "2026-11", "--out", str(out))
    assert result.stdout.endswith("20 episodes, 25 of 30 days observed, 0 adjustments.\n")
    text = text_of(out)
    assert "No adjustment was logged in this period, so there is nothing to compare before and after." in text
    assert "Adjustments in the period: 0" in text and "Episodes per observed day 0.80" in text


def test_month_without_episodes(tmp_path: Path) -> None:
    """Quiet days and an adjustment but no spasm: zero episodes, and no comparison is claimed."""
    db = str(tmp_path / "none.db")
    with open_diary(db) as store:
        for day in range(1, 31):
            entries.mark_quiet(store, local(f"2026-11-{day:02d} 22:00"), dt.date(2026, 11, day), TZ)
        entries.log_adjustment(store, local("2026-11-10 12:00"), at=local("2026-11-10 12:00"))
    out = tmp_path / "r.pdf"
    result = report(db, "--month", "2026-11", "--out", str(out))
    assert result.exit_code == 0
    text = text_of(out)
    assert "Observed days: 30 of 30 (100%)" in text
    assert "Episodes 0 Quiet days (marked spasm-free) 30" in text
    assert "Rate ratio after/before: too little data to compare (no episodes on either side)." in text
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
    assert "Observed days: 0 of 30 (0%)" in text
    assert "Episodes 0 (and no day was observed: no data, not spasm-free)" in text
    assert "Intake was logged on 0 of 30 days" in text
    assert "per observed day 0.00" not in text


def test_adjustments_on_the_first_and_last_day(tmp_path: Path) -> None:
    """Both get a full comparison, using the days before and after the month."""
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
    assert "A1 Sun 1 Nov 2026 08:00" in text and "A2 Mon 30 Nov 2026 20:00" in text
    assert "Window 25 Oct 08:00 to 1 Nov 08:00 1 Nov 08:00 to 8 Nov 08:00" in text
    assert "Window 23 Nov 20:00 to 30 Nov 20:00 30 Nov 20:00 to 7 Dec 20:00" in text
    assert text.count("Rate ratio after/before: 1.00 (95% CI") == 2


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
    assert "Observed days: 2 of 31" in text


def test_long_note_wraps_inside_the_page(tmp_path: Path) -> None:
    """A 300-character note is wrapped over several lines of its column, none past the right margin."""
    from matplotlib import font_manager
    from matplotlib._afm import AFM
    from matplotlib.font_manager import FontProperties

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
    last = PdfReader(out).pages[-1]
    with open(font_manager.findfont(FontProperties(family="Helvetica"), fontext="afm"), "rb") as fh:
        helvetica = AFM(fh)
    segments: list[tuple[str, float, float]] = []
    last.extract_text(visitor_text=lambda t, cm, tm, fd, size: segments.append((t.strip(), tm[4], size))
                      if t.strip() else None)
    right_margin = float(last.mediabox.width) - 0.65 * 72
    for text, x, size in segments:
        width = sum(helvetica.get_width_char(ord(c)) for c in text) * size / 1000
        assert x + width <= right_margin + 1, f"{text!r} runs past the margin"
    note_lines = [t for t, _, _ in segments if t in note and len(t) > 10]  # not the "Started" header
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
    """--from/--to report those days; --window 3 narrows the comparison to 3 days each side."""
    db = str(tmp_path / "hand.db")
    build_hand_diary(db)
    out = tmp_path / "r.pdf"
    result = report(db, "--from", "2026-11-05", "--to", "2026-11-16", "--window", "3", "--out", str(out))
    assert result.stdout.startswith(f"Wrote {out} (")
    assert "5 Nov 2026 to 16 Nov 2026" in result.stdout
    text = text_of(out)
    assert "Windows: 3 days (3 x 24 h)" in text
    assert "Window 7 Nov 12:00 to 10 Nov 12:00 10 Nov 12:00 to 13 Nov 12:00" in text
    # Before: 7 spasms on 3.0 observed days; after: 4 on 3.0 (Nov 10 18:00 to Nov 13 10:00).
    assert f"Rate ratio after/before: {rr_text(4, 3.0, 7, 3.0)}." in text


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--month", "2026-13"], 2, "Error: Invalid value for --month: month '2026-13' not understood: use YYYY-MM, like 2026-11"),
        (["--month", "2027-01"], 2, "Error: Invalid value for --month: month '2027-01' has not started yet: nothing to report"),
        (["--month", "2026-11", "--from", "2026-11-01"], 2, "Error: give either --month or --from and --to, not both"),
        (["--from", "2026-11-01"], 2, "Error: --from and --to go together: give both days of the period"),
        (["--from", "2026-11-10", "--to", "2026-11-01"], 2, "Error: Invalid value for --to: day '2026-11-01' is before --from '2026-11-10'"),
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
    """The same hand diary gives the same rate ratio on SQLite and on PostgreSQL."""
    build_hand_diary(run.location)
    out = tmp_path / "r.pdf"
    result = run("report", "--month", "2026-11", "--out", str(out), now=NOW)
    assert result.exit_code == 0, result.output
    assert f"Rate ratio after/before: {rr_text(7, 6.0, 11, 6.0)}." in text_of(out)


def test_logging_path_imports_no_report_libraries() -> None:
    """Loading the report and sample commands, the query layer and the logging commands imports no pandas,
    matplotlib, scipy or numpy: those load only when a report is made."""
    code = ("import sys, diary.cli.report, diary.cli.log, diary.sample; "
            "print(sorted(m for m in ('pandas', 'matplotlib', 'scipy', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_rr_text_helper_matches_published_example() -> None:
    """The tests' own scipy formula reproduces R's poisson.test example (11/800 vs 21/3011: 1.97, 0.86 to 4.28)."""
    assert rr_text(11, 800, 21, 3011) == "1.97 (95% CI 0.86 to 4.28)"
    assert not math.isnan(float(re.findall(r"[\d.]+", rr_text(7, 6.0, 11, 6.0))[0]))


def _help_examples(command: str) -> list[list[str]]:
    import shlex

    help_text = CliRunner().invoke(cli, [command, "--help"]).stdout
    return [shlex.split(line.strip())[1:] for line in help_text.splitlines() if line.strip().startswith(f"diary {command}")]


def test_help_examples_work_as_typed(tmp_path: Path) -> None:
    """Every example in `diary sample --help` and `diary report --help` runs as typed (in a fresh folder)."""
    samples = _help_examples("sample")
    reports = _help_examples("report")
    assert len(samples) == 3 and len(reports) == 3
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
    assert {p.name for p in tmp_path.glob("*.pdf")} == {"diary-report-2026-11.pdf", "november.pdf",
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
        page.extract_text(visitor_text=lambda t, cm, tm, fd, size, n=number: found.append((n, t.strip(), tm[5] * cm[3] + cm[5]))
                          if t.strip() else None)
    return found


def section(text: str, start: str, end: str) -> str:
    """The part of the PDF's text from `start` up to `end`."""
    i = text.index(start)
    return text[i:text.index(end, i)]


def test_a_very_long_note_is_cut_and_nothing_runs_into_the_footer(tmp_path: Path) -> None:
    """A 5,000-character note with line breaks and Greek shows its first few hundred characters and
    '… (full note: diary list)', and no text of any page runs below the bottom margin or off the page."""
    first = "Woke at 3 with the calf locked; κράμπα στη γάμπα again."
    note = first + "\n\nSecond line after a blank one.\n" + " ".join(f"word{i:04d}" for i in range(700))
    note = note[:4990] + " THE-END"
    assert len(note) >= 4995
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


def test_thin_windows_show_no_rate_next_to_too_little_data(tmp_path: Path) -> None:
    """With 1.4 observed days before and 1.6 after an adjustment, the overview and the window table show
    a dash for every rate and no rate number, only the counts and observed days."""
    db = str(tmp_path / "thin.db")
    with open_diary(db) as store:
        for when in ("2026-11-09 10:00", "2026-11-10 08:00", "2026-11-10 18:00", "2026-11-11 10:00"):
            entries.log_episode(store, local(when), started_at=local(when), intensity=6)
        entries.log_adjustment(store, local("2026-11-10 09:36"), at=local("2026-11-10 09:36"))
    out = tmp_path / "thin.pdf"
    assert report(db, "--month", "2026-11", "--out", str(out)).exit_code == 0
    text = text_of(out)
    # Before: Nov 9 and 0.4 of Nov 10; after: 0.6 of Nov 10 and Nov 11; without the first 24 h: 0.6 of Nov 11.
    assert "A1 Tue 10 Nov 09:36 \u2013 \u2013 too little data" in text
    block = section(section(text, "2. Before and after each adjustment", "3. Fluid"), "A1 Tue 10 Nov 2026 09:36",
                    "All adjustments together")
    assert "Observed days 1.4 of 7.0 1.6 of 7.0 0.6 of 6.0" in block
    assert "Episodes 2 2 1" in block
    assert "Episodes per observed day \u2013 \u2013 \u2013" in block
    assert "too little data to compare (fewer than 3 observed days on a side)" in block
    assert not re.findall(r"\d\.\d\d", block), block  # 2/1.4 = 1.43, 2/1.6 = 1.25, 1/0.6 = 1.67: none shown


def test_month_in_progress_counts_today_by_its_elapsed_part(tmp_path: Path) -> None:
    """Made at noon on 25 Nov, today counts as half an observed day in the rate and is left out of the
    intake targets (its 500 ml so far is not a day below the fluid goal), and the page says so."""
    db = str(tmp_path / "now.db")
    with open_diary(db) as store:
        set_profile(store, local("2026-10-01 09:00"), {"sex": "female", "birth_year": 1979,
                                                              "timezone": "Europe/Berlin"})
        for day in range(1, 25):
            at = local(f"2026-11-{day:02d} 10:00")
            entries.log_episode(store, at, started_at=at, intensity=5)
            entries.log_intake(store, at, entries.water_intake(at, 3000, "3 l"))
        for when in ("2026-11-25 08:00", "2026-11-25 09:00"):
            entries.log_episode(store, local(when), started_at=local(when), intensity=5)
        entries.log_intake(store, local("2026-11-25 09:00"), entries.water_intake(local("2026-11-25 09:00"), 500, "500 ml"))
    out = tmp_path / "r.pdf"
    result = report(db, "--month", "2026-11", "--out", str(out), now="2026-11-25T12:00:00+01:00")
    assert result.exit_code == 0, result.output
    text = text_of(out)
    rate = 26 / (24 + 12 / 24)
    assert f"Episodes per observed day {rate:.2f} (26 over 24.50 observed days, today counted by its elapsed part)" in text
    assert "25 Nov 2026 was still in progress when this report was made (at 12:00)" in text
    assert "it counts as 0.50 of a day" in text
    assert ("Intake was logged on 24 of 24 complete days (25 Nov 2026, still in progress, is left out)") in text
    assert "Fluid (total water) 2,700 ml (AI) 24 3,000 (24 days) 0 0" in text
    assert "Observed days: 25 of 25 (100%)" in text


def test_quiet_mark_on_a_day_with_a_spasm_is_not_a_quiet_day(tmp_path: Path) -> None:
    """A day marked quiet that also has an episode (old data, or an edit) counts as a day with episodes, not
    as a quiet day."""
    db = str(tmp_path / "both.db")
    build_hand_diary(db)
    with open_diary(db) as store:
        entries.mark_quiet(store, local("2026-11-20 22:00"), dt.date(2026, 11, 20), TZ)
        (episode_id,) = store.rows("SELECT id FROM episode WHERE started_at LIKE '2026-11-25%'")[0]
        store.update("episode", episode_id, {"started_at": local("2026-11-20 10:00")})  # as an old edit left it
    out = tmp_path / "r.pdf"
    assert report(db, "--month", "2026-11", "--out", str(out)).exit_code == 0
    text = text_of(out)
    # 11 quiet days in the hand diary; Nov 20 is now marked but has the spasm, Nov 25 has nothing.
    assert "Quiet days (marked spasm-free) 11" in text
    assert "Observed days: 25 of 30" in text


def test_made_date_and_cutoff_come_from_one_clock(tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH in September only fixes the PDF's creation date: a December report made on
    10 Dec says 'Made: 10 Dec 2026' and ends its period there, and the same inputs give the same bytes."""
    db = str(tmp_path / "hand.db")
    build_hand_diary(db)
    september = "1789992000"  # 2026-09-21 12:00 UTC
    out, again = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for path in (out, again):
        assert report(db, "--month", "2026-12", "--out", str(path), epoch=september).exit_code == 0
    text = text_of(out)
    assert "Made: 10 Dec 2026 10:00." in text and "Made 10 Dec 2026 with diary" in text
    assert "21 Sep" not in text
    assert "Period: 1 Dec 2026 to 10 Dec 2026 (10 days); the requested period runs to 31 Dec 2026" in text
    assert "10 Dec 2026 was still in progress when this report was made (at 10:00)" in text
    meta = PdfReader(out).metadata
    assert meta is not None and meta.creation_date == dt.datetime(2026, 9, 21, 12, 0, tzinfo=dt.timezone.utc)
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


def test_median_day_says_how_many_complete_days_it_covers(hand_pdf: tuple[Result, Path]) -> None:
    """Magnesium is logged on 5 days but known on 4 (a mayonnaise without a value): its median is of those 4."""
    from diary.foods import intake_values

    at = local("2026-11-24 16:00")
    banana = intake_values("09040", 118, "1 medium", at)["magnesium_mg"]
    # Magnesium per day: water has none; Nov 12 has the unknown; Nov 24 has the banana.
    median = statistics.median([0.0, 0.0, 0.0, banana])
    text = text_of(hand_pdf[1])
    assert f"Magnesium 320 mg (RDA) 5 {median:,.0f} (4 days) 4 1 0 above 350 mg (UL for supplements)" in text


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
