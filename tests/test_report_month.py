"""`diary report --month`: the forms a patient types for a month, and one line for a bad one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from diary import entries
from diary.cli import cli
from diary.parse import MONTH_HELP, parse_month
from diary.storage import open_diary
from tests.helpers.hand_diary import TZ, local

TODAY = dt.date(2026, 12, 10)


@pytest.mark.parametrize(("typed", "month"), [
    ("2026-11", (2026, 11)), ("2026-1", (2026, 1)), (" 2026/11 ", (2026, 11)), ("11/2026", (2026, 11)),
    ("11-2026", (2026, 11)), ("2026.11", (2026, 11)), ("november", (2026, 11)), ("November", (2026, 11)),
    ("nov", (2026, 11)), ("Nov.", (2026, 11)), ("nov 2026", (2026, 11)), ("November 2025", (2025, 11)),
    ("2026 november", (2026, 11)), ("Nov, 2026", (2026, 11)), ("sept", (2026, 9)), ("december", (2026, 12)),
    ("january", (2026, 1)), ("last month", (2026, 11)), ("Last Month", (2026, 11)), ("this month", (2026, 12)),
])
def test_month_forms(typed: str, month: tuple[int, int]) -> None:
    """A month typed as digits, a name (alone: the latest such month that has begun) or last/this month."""
    assert parse_month(typed, TODAY) == month


def test_a_month_name_alone_in_january_is_last_year() -> None:
    """In January, 'december' is the month just ended, not the one eleven months ahead."""
    assert parse_month("december", dt.date(2027, 1, 3)) == (2026, 12)
    assert parse_month("last month", dt.date(2027, 1, 3)) == (2026, 12)


@pytest.mark.parametrize("typed", ["2026-13", "13/2026", "novembre", "ma", "ju", "jun 26", "11", "2026", "nov 5",
                                   "", "next month", "2026-11-05", "2026-00", "nov dec"])
def test_bad_month_forms_are_refused_with_the_forms(typed: str) -> None:
    """Anything else is refused, naming the value and the forms that work."""
    with pytest.raises(ValueError) as error:
        parse_month(typed, TODAY)
    assert str(error.value) == f"month {typed!r} not understood: {MONTH_HELP}"


def test_without_today_only_a_month_with_its_year_is_understood() -> None:
    """The phone page's month field passes no day: '2026-11' and 'nov 2026' are read, 'november' is refused."""
    assert parse_month("2026-11") == parse_month("nov 2026") == (2026, 11)
    for typed in ("november", "last month"):
        with pytest.raises(ValueError, match=r"not understood"):
            parse_month(typed)


def test_a_month_out_of_range_is_refused() -> None:
    """A year outside 1900-2100 is out of range."""
    with pytest.raises(ValueError, match=r"^month '1899-12' is out of range: use YYYY-MM"):
        parse_month("1899-12", TODAY)


def _diary(path: Path) -> str:
    db = str(path / "d.db")
    with open_diary(db) as store:
        entries.mark_quiet(store, local("2026-11-05 22:00"), dt.date(2026, 11, 5), TZ)
    return db


def _report(db: str, folder: Path, *args: str, now: str = "2026-12-10T10:00:00+01:00") -> tuple[int, str, str]:
    import os

    old = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, ["--db", db, "report", *args], env={"DIARY_NOW": now},
                                    catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("typed", ["2026-11", "november", "Nov 2026", "last month"])
def test_report_of_a_month_typed_as_a_patient_types_it(typed: str, tmp_path: Path) -> None:
    """Each form makes November's report under November's file name."""
    db = _diary(tmp_path)
    code, out, err = _report(db, tmp_path, "--month", typed)
    assert (code, err) == (0, "")
    assert out.startswith("Wrote diary-report-2026-11.pdf (") and ": November 2026, 0 episodes, 1 of 30 days" in out
    assert [p.name for p in tmp_path.glob("*.pdf")] == ["diary-report-2026-11.pdf"]


def test_this_month_is_the_month_so_far(tmp_path: Path) -> None:
    """'this month' reports December up to the moment the report is made, and says so."""
    db = _diary(tmp_path)
    code, out, _ = _report(db, tmp_path, "--month", "this month")
    assert code == 0
    assert ": December 2026 so far, 0 episodes, 0 of 10 days observed, 0 adjustments.\n" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--month", "novembre"], f"Error: Invalid value for --month: month 'novembre' not understood: {MONTH_HELP}"),
    (["--month", ""], f"Error: Invalid value for --month: month '' not understood: {MONTH_HELP}"),
    (["--month", "january 2027"], "Error: Invalid value for --month: month 'january 2027' has not started yet: "
                                  "nothing to report"),
])
def test_bad_months_are_one_line_and_write_nothing(args: list[str], message: str, tmp_path: Path) -> None:
    """A month not understood, empty or not begun: one line, exit status 2, no PDF."""
    db = _diary(tmp_path)
    code, _, err = _report(db, tmp_path, *args)
    assert code == 2
    assert err == message + " (see 'diary report --help')\n"
    assert not list(tmp_path.glob("*.pdf"))


def test_a_month_at_its_first_instant_has_not_started(tmp_path: Path) -> None:
    """At midnight on the 1st no moment of the month has passed: nothing to report yet (a minute later there is)."""
    db = _diary(tmp_path)
    code, _, err = _report(db, tmp_path, "--month", "2026-12", now="2026-12-01T00:00:00+01:00")
    assert (code, err) == (2, "Error: Invalid value for --month: month '2026-12' has not started yet: nothing to "
                              "report (see 'diary report --help')\n")
    code, out, _ = _report(db, tmp_path, "--month", "2026-12", now="2026-12-01T00:01:00+01:00")
    assert code == 0 and ": December 2026 so far, 0 episodes, 0 of 1 days observed, 0 adjustments.\n" in out
