"""The report of many small, odd diaries: each written through the domain functions, its
month reported by `diary report`, and the PDF read back (pypdf). Whatever the diary, the
report must be made, with all its parts, the period named, no "nan", "inf", "None" or
"-0", the counts of the record (episodes, observed days, adjustments, every episode's
local time), and words where a comparison cannot be made.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from diary.cli import cli
from diary.reports.words import fmt_delay
from diary.storage import open_diary
from tests.helpers.odd_diaries import DAY, Build, Expected, Writer, expected, local_time, random_diary, random_plan

EPOCH = "1765000000"
SECTIONS = ("2. Around each adjustment", "3. Fluid and electrolytes", "4. Measures beside the counts",
            "5. Where and why", "How the numbers are made", "6. Every episode of the period")
NOT_A_NUMBER = re.compile(r"\b(?:nan|inf|infinite|infinity)\b", re.IGNORECASE)
NEGATIVE_ZERO = re.compile(r"(?<![\w.-])-0(?:\.0+)?(?![\d.])")
PYTHON_NONE = re.compile(r"\bNone\b")  # "none given" is a word; "None" would be a value printed raw
CLAIMS = ("the interval runs", "times as often")  # words that only a computed change prints
NO_COMPARISON = ("too little data to compare", "no usable baseline")


@dataclass(frozen=True)
class Case:
    """One odd diary: what it holds, the month reported, when and where."""

    name: str
    build: Build
    month: str = "2026-11"
    now: str = "2026-12-10 10:00"  # local time in `tz`
    tz: str = "Europe/Berlin"
    says: tuple[str, ...] = ()  # phrases the PDF must hold
    never: tuple[str, ...] = ()  # phrases it must not


CASES: list[Case] = []


def case(**kwargs: object) -> Callable[[Build], Build]:
    def register(build: Build) -> Build:
        CASES.append(Case(build.__name__, build, **kwargs))  # type: ignore[arg-type]
        return build
    return register


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + i * DAY for i in range((last - first).days + 1)]


NOV = days(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
OCT = days(dt.date(2026, 10, 1), dt.date(2026, 10, 31))


def steady(w: Writer, span: list[dt.date], per_day: tuple[int, ...] = (1, 0, 2, 0, 1, 3, 0)) -> None:
    """Spasms by a weekly pattern over `span`, a quiet mark on days without."""
    for i, day in enumerate(span):
        n = per_day[i % len(per_day)]
        if n == 0:
            w.quiet(day)
        for k in range(n):
            w.spasm(w.local(day, 8 + 5 * k), 3 + (i + k) % 6)


# --- the cases of the brief ------------------------------------------------------------------------


@case(says=("No usable baseline", "No episodes in this period.", "No adjustment was logged in this period.",
            "too little data to compare"))
def empty_diary(w: Writer) -> None:
    """Nothing at all: not even a profile."""


@case(says=("No usable baseline", "No episodes in this period.", "0 of 30 days observed"))
def only_intakes(w: Writer) -> None:
    for day in NOV[::3]:
        w.water(w.local(day, 9), 1500)
        w.food(w.local(day, 13))
        w.complete(day)


@case(says=("No usable baseline", "30 of 30 days observed", "too little data to compare"))
def only_quiet_days(w: Writer) -> None:
    for day in OCT + NOV:
        w.quiet(day)


@case(says=("too little data to compare", "No body site was given for the 1 episode of this period.",
            "No trigger was given for the 1 episode of this period."), never=("0.00 (0.00 to",))
def one_episode(w: Writer) -> None:
    w.spasm(w.local(NOV[10], 14), 6)


@case(says=("no adjustment was logged", "against Oct 2026"))
def no_adjustment_at_all(w: Writer) -> None:
    w.profile()
    steady(w, OCT)
    steady(w, NOV, (0, 1, 0, 0, 1, 0, 0))


@case(says=("Care began 1 Jun 2026 (set in the profile)", "No usable baseline: 0 of the 28 days"))
def care_began_before_the_diary(w: Writer) -> None:
    w.profile(care_began=dt.date(2026, 6, 1))
    steady(w, OCT + NOV)
    for day in NOV[::7]:
        w.adjust(w.local(day, 11))


@case(says=("Care began 15 Nov 2026 (the first adjustment in the diary)", "against the 28 days before care began"))
def care_began_inside_the_month(w: Writer) -> None:
    w.profile()
    steady(w, days(dt.date(2026, 10, 10), dt.date(2026, 11, 14)), (2, 1, 3, 0, 2, 1, 2))
    steady(w, NOV[14:], (0, 1, 0, 0, 1, 0, 0))
    for day in NOV[14::7]:
        w.adjust(w.local(day, 11))


@case(says=("Care began 18 Nov 2026 (set in the profile)", "No usable baseline: 0 of the 28 days"))
def care_began_inside_the_month_by_the_profile(w: Writer) -> None:
    w.profile(care_began=dt.date(2026, 11, 18))
    steady(w, NOV[20:])


@case(says=("care began after this period (3 Dec 2026", "against Oct 2026"))
def care_began_after_the_month_by_the_profile(w: Writer) -> None:
    w.profile(care_began=dt.date(2026, 12, 3))
    steady(w, OCT + NOV)


@case(says=("no adjustment was logged up to the end of this period", "No adjustment was logged in this period."),
      never=("Care began 1 Dec", "Care began 8 Dec"))
def adjustments_only_after_the_month(w: Writer) -> None:
    """The first adjustment is in December: a report of November uses nothing dated after it."""
    w.profile()
    steady(w, OCT + NOV)
    for day in (dt.date(2026, 12, 1), dt.date(2026, 12, 8)):
        w.adjust(w.local(day, 11))
    steady(w, days(dt.date(2026, 12, 1), dt.date(2026, 12, 9)), (0, 0, 0, 1))


@case(says=("Care began 1 Nov 2026 (the first adjustment in the diary)", "against the 28 days before care began"))
def care_began_on_the_first_day(w: Writer) -> None:
    w.profile()
    steady(w, days(dt.date(2026, 10, 4), dt.date(2026, 10, 31)), (2, 1, 3, 1, 2, 1, 2))
    steady(w, NOV, (0, 1, 0, 0, 1, 0, 0))
    w.adjust(w.local(NOV[0], 0, 1))


@case(says=("Care began 30 Nov 2026 (the first adjustment in the diary)", "too little data to compare"))
def care_began_on_the_last_day(w: Writer) -> None:
    w.profile()
    steady(w, OCT + NOV)
    w.adjust(w.local(NOV[-1], 23, 59))


@case(says=("10 h apart, counted as one; is one a duplicate?",))
def visits_ten_hours_apart(w: Writer) -> None:
    w.profile()
    steady(w, OCT + NOV)
    w.adjust(w.local(NOV[11], 8))
    w.adjust(w.local(NOV[11], 18))


@case(says=("Visits close together: 12 Nov 08:00, 12 Nov 18:00 and 13 Nov 09:00, within 25 h, counted as one; are "
            "some duplicates?",))
def three_adjustments_in_a_day(w: Writer) -> None:
    w.profile()
    steady(w, OCT + NOV)
    for at in (w.local(NOV[11], 8), w.local(NOV[11], 18), w.local(NOV[12], 9)):
        w.adjust(at)


@case(says=("V13 Mon 30 Nov 10:00",), never=("Visits close together",))
def three_visits_a_week(w: Writer) -> None:
    """Monday, Wednesday and Friday at 10:00: 48 h apart, each a visit of its own."""
    w.profile()
    steady(w, OCT + NOV)
    for day in NOV:
        if day.weekday() in (0, 2, 4):
            w.adjust(w.local(day, 10))


@case(month="2026-10", now="2026-11-05 10:00", says=("25 Oct 02:30", "(Europe/Berlin)"))
def berlin_october_clocks_go_back(w: Writer) -> None:
    w.profile()
    steady(w, OCT)
    fall = dt.date(2026, 10, 25)
    w.spasm(w.local(fall, 2, 30, fold=0), 7)  # 02:30 summer time
    w.spasm(w.local(fall, 2, 30, fold=1), 8)  # 02:30 again, an hour later, winter time
    w.spasm(w.local(fall, 23, 59), 2)
    w.adjust(w.local(dt.date(2026, 10, 24), 23, 30))  # its first 24 h are 25 h long


@case(month="2026-03", now="2026-04-03 10:00", says=("29 Mar 03:30",))
def berlin_march_clocks_go_forward(w: Writer) -> None:
    w.profile()
    march = days(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    steady(w, march)
    w.spasm(w.local(dt.date(2026, 3, 29), 2, 30), 5)  # a time that does not exist: 03:30 summer time


@case(tz="America/New_York", says=("1 Nov 01:30", "(America/New_York)"))
def new_york_november_clocks_go_back(w: Writer) -> None:
    w.profile()
    steady(w, OCT[10:] + NOV)
    fall = dt.date(2026, 11, 1)
    w.spasm(w.local(fall, 1, 30, fold=0), 6)
    w.spasm(w.local(fall, 1, 30, fold=1), 6)
    w.adjust(w.local(fall, 1, 45, fold=1))


@case(says=("0 of 30 days observed", "Thin coverage: no day observed in Nov 2026."))
def month_with_no_observed_days(w: Writer) -> None:
    w.profile()
    steady(w, OCT)
    w.adjust(w.local(NOV[4], 10))
    w.water(w.local(NOV[4], 12))


@case(now="2026-11-12 15:00", says=("November 2026 so far", "12 Nov 2026 was still in progress"))
def the_current_unfinished_month(w: Writer) -> None:
    w.profile()
    steady(w, OCT + NOV[:12])
    w.adjust(w.local(NOV[3], 10))


@case(now="2026-11-01 00:30", says=("November 2026 so far", "1 of 1 days observed"))
def the_current_month_in_its_first_minutes(w: Writer) -> None:
    w.profile()
    steady(w, OCT)
    w.spasm(w.local(NOV[0], 0, 10), 4)


@case(says=("Latest: minimally improved (3)", "No PEG was answered", "No acute medication"))
def pgic_only(w: Writer) -> None:
    w.profile()
    w.pgic(w.local(NOV[5], 19), 4)
    w.pgic(w.local(NOV[20], 19), 3)


@case(says=("Mean weekly PEG score",))
def peg_only(w: Writer) -> None:
    w.profile()
    for day in (OCT + NOV)[::7]:
        w.peg(w.local(day, 19), 6, 5, 4)


@case(says=("ibuprofen", "Oct 2026: no observed day; Nov 2026: no observed day."))
def medication_only(w: Writer) -> None:
    w.profile()
    for day in NOV[::4]:
        w.med(w.local(day, 7))


@case(says=("soreness 4 (20 h after)",))
def reactions_only(w: Writer) -> None:
    w.profile()
    for day in NOV[2::7]:
        w.adjust(w.local(day, 10))
        w.reaction(w.local(day, 10) + dt.timedelta(hours=20))


@case(says=("started between 00:00 and 06:00 (the default window",))
def night_spasms_only(w: Writer) -> None:
    w.profile()
    for day in NOV[::2]:
        w.spasm(w.local(day, 3, 15), 6)


@case(says=("Logging delay: median 5.0 days",))
def entries_logged_late(w: Writer) -> None:
    w.profile()
    for day in NOV[::2]:
        w.spasm(w.local(day, 10), 5, late=5 * DAY)
    for day in NOV[1::2]:
        w.quiet(day)


@case(says=("No adjustment was logged in this period.",))
def deleted_entries(w: Writer) -> None:
    w.profile()
    steady(w, OCT + NOV)
    for entry_id in [w.adjust(w.local(NOV[4], 10)), *[e.id for e in w.live("spasm")[-6:]]]:
        w.delete(entry_id)
    w.delete(w.live("quiet")[-1].id)


@case(says=("started between 22:30 and 06:30 (the profile's sleep window)",))
def sleep_window_across_midnight(w: Writer) -> None:
    w.profile(sleep_start="22:30", sleep_end="06:30")
    for day in NOV[::3]:
        w.spasm(w.local(day, 23, 10), 5)
        w.spasm(w.local(day, 6, 30), 4)


@case(says=("started between 08:00 and 16:00 (the profile's sleep window)",))
def sleep_window_in_the_day(w: Writer) -> None:
    w.profile(sleep_start="08:00", sleep_end="16:00")  # a night-shift worker
    for day in NOV[::3]:
        w.spasm(w.local(day, 15, 59), 5)
        w.spasm(w.local(day, 16), 4)


@case(says=("the profile says every spasm is logged", "8 of 30 days observed"))
def logs_every_spasm(w: Writer) -> None:
    w.profile(logs_every_spasm=True, always_complete=True)
    for day in NOV[:5]:
        w.water(w.local(day, 9), 2000)
    for day in NOV[5:8]:
        w.spasm(w.local(day, 9), 3)


@case(says=("the profile says every day's food and drink is logged", "5 of them were complete",
            "No observed day followed a complete day with every value known: nothing to count."))
def always_complete(w: Writer) -> None:
    w.profile(always_complete=True)
    for day in NOV[:5]:
        w.water(w.local(day, 9), 2000)


@case(says=("1 of them was complete and is compared",))
def complete_marks_without_the_profile(w: Writer) -> None:
    w.profile()
    for day in NOV[:5]:
        w.water(w.local(day, 9), 2000)
    w.complete(NOV[2])


@case(month="2028-02", now="2028-03-02 10:00", tz="Pacific/Auckland", says=("February 2028", "29 days"))
def leap_february_far_east(w: Writer) -> None:
    w.profile()
    steady(w, days(dt.date(2028, 1, 1), dt.date(2028, 2, 29)))
    w.adjust(w.local(dt.date(2028, 2, 1), 9))


# --- the checks ------------------------------------------------------------------------------------


def pdf_text(path: Path) -> list[str]:
    """Each page's text, whitespace collapsed."""
    return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]


def month_label(month: str, w: Writer) -> str:
    first = dt.date.fromisoformat(month + "-01")
    label = f"{first:%B %Y}"
    last = (first + 32 * DAY).replace(day=1) - DAY
    return label if w.now.astimezone(w.tz).date() > last else f"{label} so far"


def run_report(location: str, month: str, now: dt.datetime, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", location, "report", "--month", month, "--out", str(out)],
                                env={"DIARY_NOW": now.isoformat(), "SOURCE_DATE_EPOCH": EPOCH},
                                catch_exceptions=False)
    return result.exit_code, result.output


def write(location: str, tz: ZoneInfo, now: dt.datetime, build: Callable[[Writer], None]) -> Writer:
    with open_diary(location) as store:
        w = Writer(store, tz, now)
        build(w)
    return w


def check(pages: list[str], exp: Expected, tz: ZoneInfo) -> str:
    """The checks every odd diary's PDF must pass; returns the whole text."""
    n = len(pages)
    for i, page in enumerate(pages, 1):
        assert f"Page {i} of {n}" in page
    assert pages[0].count(f"Spasm diary: {exp.label}") == 1, pages[0][:300]
    found = [next(i for i, p in enumerate(pages) if heading in p) for heading in SECTIONS]
    assert found == sorted(found) and found[0] >= 1, found
    text = " ".join(pages)
    for pattern in (NOT_A_NUMBER, NEGATIVE_ZERO, PYTHON_NONE):
        bad = pattern.search(text)
        assert bad is None, text[max(0, bad.start() - 80):bad.end() + 80]
    page1 = pages[0][:pages[0].find("The last")]
    if exp.observed < 3:
        assert any(words in page1.lower() for words in NO_COMPARISON), page1
        assert not any(words in page1 for words in CLAIMS), page1
    listing = text[text.find(SECTIONS[-1]):]
    shown = [f"{t:%a} {t.day} {t:%b} {t:%H:%M}" for t in (local_time(at, tz) for at in exp.episodes)]
    for started in set(shown):
        assert listing.count(started) >= shown.count(started), started
    if not exp.episodes:
        assert "No episodes in this period." in listing
        return text
    n, late = len(exp.episodes), sum(d >= DAY for d in exp.delays)
    delays = sorted(exp.delays)
    median = delays[n // 2] if n % 2 else (delays[n // 2 - 1] + delays[n // 2]) / 2
    assert (f"Logging delay: median {fmt_delay(median)}; {late} of {n} spasm{'s' if n != 1 else ''} "
            f"({100 * late / n:.0f}%) logged a day or more after it started.") in pages[0]
    assert f"{exp.night} of {n} episode{'s' if n != 1 else ''} ({100 * exp.night / n:.0f}%) started between" in text
    return text


def said_line(out: Path, pages: int, exp: Expected) -> str:
    n, a = len(exp.episodes), exp.adjustments
    return (f"Wrote {out} ({pages} pages): {exp.label}, {n} episode{'s' if n != 1 else ''}, {exp.observed} of "
            f"{exp.days} days observed, {a} adjustment{'s' if a != 1 else ''}.\n")


def report_of(c: Case, tmp_path: Path, location: str | None = None) -> tuple[Writer, list[str], str]:
    tz = ZoneInfo(c.tz)
    now = dt.datetime.fromisoformat(c.now).replace(tzinfo=tz)
    location = location or str(tmp_path / "odd.db")
    w = write(location, tz, now, c.build)
    out = tmp_path / "odd.pdf"
    code, output = run_report(location, c.month, now, out)
    assert code == 0, output
    pages = pdf_text(out)
    first = dt.date.fromisoformat(c.month + "-01")
    last = (first + 32 * DAY).replace(day=1) - DAY
    exp = expected(w, first, last, month_label(c.month, w))
    assert output == said_line(out, len(pages), exp)
    return w, pages, check(pages, exp, tz)


@pytest.mark.parametrize("c", CASES, ids=[c.name for c in CASES])
def test_odd_diary_makes_a_whole_honest_report(c: Case, tmp_path: Path) -> None:
    """An odd diary's month is reported with every part, its counts, and words where nothing can be compared."""
    _, _, text = report_of(c, tmp_path)
    for phrase in c.says:
        assert phrase in text, phrase
    for phrase in c.never:
        assert phrase not in text, phrase


@pytest.mark.parametrize("seed", range(12))  # 200 seeds pass; 12 keep the file well under a minute
def test_random_odd_diary_makes_a_whole_honest_report(seed: int, tmp_path: Path) -> None:
    """A seeded diary of many odd features at once is reported with every part and the counts of its record."""
    plan = random_plan(seed)
    month = f"{plan.month[0]}-{plan.month[1]:02d}"
    c = Case(f"random-{seed}", lambda w: random_diary(w, seed), month=month,
             now=plan.now.replace(tzinfo=None).isoformat(" "), tz=plan.tz.key)
    report_of(c, tmp_path)


def test_tour_diary_of_one_day_reports_the_month_before_care(tmp_path: Path) -> None:
    """The diary of a tour (one day of entries, care beginning that day, every measure logged) reports the month
    before it without using that day, and the month in progress with it."""
    db = str(tmp_path / "tour.db")
    runner = CliRunner()

    def diary(*args: str, now: str = "2026-12-01T20:00:00+01:00") -> str:
        result = runner.invoke(cli, ["--db", db, *args], env={"DIARY_NOW": now}, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout

    for at, intensity in (("08:00", "5"), ("12:00", "6"), ("15:00", "3")):
        diary("spasm", intensity, "--site", "calf", "--at", f"2026-12-01 {at}")
    for command in (["adjust"], ["pgic", "3"], ["peg", "5", "4", "3"], ["med", "ibuprofen", "400mg"],
                    ["reaction", "soreness", "4"]):
        diary(*command)
    later = "2026-12-01T21:00:00+01:00"
    out = tmp_path / "n.pdf"
    assert diary("report", "--month", "2026-11", "--out", str(out), now=later).endswith(
        ": November 2026, 0 episodes, 0 of 30 days observed, 0 adjustments.\n")
    text = " ".join(pdf_text(out))
    assert "No usable baseline: no adjustment was logged up to the end of this period" in text
    assert "Care began" not in text.split("How the numbers are made")[0]  # December's visit is after the period
    december = tmp_path / "d.pdf"
    assert diary("report", "--month", "this month", "--out", str(december), now=later).endswith(
        ": December 2026 so far, 3 episodes, 1 of 1 days observed, 1 adjustment.\n")
    text = " ".join(pdf_text(december))
    for said in ("Care began 1 Dec 2026 (the first adjustment in the diary)", "Latest: minimally improved (3)",
                 "ibuprofen", "soreness 4 (0 h after)", "Mean weekly PEG score (0-10) – – 4.0"):
        assert said in text, said


ON_POSTGRES = ("empty_diary", "berlin_october_clocks_go_back", "new_york_november_clocks_go_back",
               "the_current_unfinished_month", "deleted_entries", "logs_every_spasm", "visits_ten_hours_apart")


@pytest.mark.postgres
@pytest.mark.parametrize("c", [c for c in CASES if c.name in ON_POSTGRES], ids=lambda c: c.name)
def test_odd_diary_reads_the_same_on_postgresql(c: Case, server_db: str, tmp_path: Path) -> None:
    """An odd diary on a PostgreSQL server gives the PDF text the same diary gives on SQLite, word for word."""
    (tmp_path / "pg").mkdir()
    (tmp_path / "lite").mkdir()
    _, on_server, _ = report_of(c, tmp_path / "pg", server_db)
    _, on_file, _ = report_of(c, tmp_path / "lite")
    assert on_server == on_file
