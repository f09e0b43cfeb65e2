"""diary profile: the settings of this release (complete days, units, sleep, care began) and a
timezone change that would move entries."""

from __future__ import annotations

import pytest

from tests.helpers import Diary

NOW = "2026-11-26T10:00:00+01:00"


def test_new_settings_are_saved_and_shown(run: Diary) -> None:
    """--always-complete, --units, --sleep and --care-began are stored and listed in plain words."""
    result = run("profile", "--always-complete", "--units", "uk", "--sleep", "23:00-07:00", "--care-began",
                 "2026-09-01", now=NOW)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "complete days: every day (you log all you eat and drink)" in lines
    assert "units:         uk" in lines
    assert "sleep:         23:00-07:00" in lines
    assert "care began:    2026-09-01" in lines
    assert run.rows("SELECT always_complete, units, sleep_start, sleep_end, care_began FROM profile") == [
        (True if "://" in run.location else 1, "uk", "23:00", "07:00", "2026-09-01")]


def test_defaults_are_named_when_nothing_is_set(run: Diary) -> None:
    """An empty profile says which default each new setting uses."""
    lines = run("profile", now=NOW).stdout.splitlines()
    assert "sleep:         00:00-06:00 (the default)" in lines
    assert "care began:    at the first adjustment logged" in lines
    assert "units:         (from the timezone)" in lines


def test_settings_go_back_to_their_defaults(run: Diary) -> None:
    """--units auto, --sleep default and --care-began none clear what was set."""
    run("profile", "--units", "us", "--sleep", "22:30-06:30", "--care-began", "2026-10-01", now=NOW)
    run("profile", "--units", "auto", "--sleep", "default", "--care-began", "none", now=NOW)
    assert run.rows("SELECT units, sleep_start, sleep_end, care_began FROM profile") == [(None, None, None, None)]


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["--sleep", "late"], "Error: Invalid value for --sleep: sleep window 'late' not understood: use two clock "
                              "times, like 23:00-07:00 (see 'diary profile --help')\n"),
        (["--sleep", "25:00-07:00"], "Error: Invalid value for --sleep: sleep window '25:00-07:00' not understood: "
                                     "use two clock times, like 23:00-07:00 (see 'diary profile --help')\n"),
        (["--care-began", "2027-01-01"], "Error: Invalid value for --care-began: day '2027-01-01' is in the future: "
                                         "use today, yesterday, a weekday, 'N days ago' or an ISO date like "
                                         "2026-11-03 (see 'diary profile --help')\n"),
    ],
)
def test_bad_settings_are_refused_and_nothing_is_written(run: Diary, args: list[str], stderr: str) -> None:
    """A bad sleep window or a future care start is one line, exit 2, no profile row."""
    result = run("profile", *args, now=NOW)
    assert (result.exit_code, result.stderr) == (2, stderr)
    assert run.count("profile") == 0


def test_a_timezone_change_that_moves_entries_needs_yes_without_a_terminal(run: Diary) -> None:
    """With entries logged, a new timezone says how many would show at another time and changes
    nothing unless --yes is given."""
    run("profile", "--timezone", "Europe/Berlin", now=NOW)
    run("spasm", "5", "--at", "2026-11-25 23:30", now=NOW)
    run("spasm", "4", "--at", "2026-11-25 12:00", now=NOW)
    refused = run("profile", "--timezone", "America/New_York", now=NOW)
    assert refused.exit_code == 2
    assert refused.stderr == ("Error: Changing the timezone from Europe/Berlin to America/New_York shows 2 of 2 "
                              "entries "
                              "at another local time (0 on another day). Add --yes to change it; nothing was changed "
                              "(see 'diary profile --help')\n")
    assert run.rows("SELECT timezone FROM profile") == [("Europe/Berlin",)]
    done = run("profile", "--timezone", "America/New_York", "--yes", now=NOW)
    assert done.exit_code == 0
    assert run.rows("SELECT timezone FROM profile") == [("America/New_York",)]


def test_a_timezone_change_counts_entries_that_move_to_another_day(run: Diary) -> None:
    """23:30 in Berlin is 17:30 in New York on the same day, 05:30 in Tokyo on the next: one moves a day."""
    run("profile", "--timezone", "Europe/Berlin", now=NOW)
    run("spasm", "5", "--at", "2026-11-25 23:30", now=NOW)
    refused = run("profile", "--timezone", "Asia/Tokyo", now=NOW)
    assert "shows 1 of 1 entries at another local time (1 on another day)" in refused.stderr


def test_a_timezone_change_in_a_terminal_asks(run: Diary, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a terminal the change is asked about; answering no keeps the old timezone, yes changes it."""
    run("profile", "--timezone", "Europe/Berlin", now=NOW)
    run("spasm", "5", "--at", "2026-11-25 23:30", now=NOW)
    monkeypatch.setenv("DIARY_INTERACTIVE", "1")
    answered = run("profile", "--timezone", "Asia/Tokyo", now=NOW, input="n\n")
    assert "Change it? [y/N]" in answered.stdout
    assert answered.exit_code == 1
    assert run.rows("SELECT timezone FROM profile") == [("Europe/Berlin",)]
    run("profile", "--timezone", "Asia/Tokyo", now=NOW, input="y\n")
    assert run.rows("SELECT timezone FROM profile") == [("Asia/Tokyo",)]


@pytest.mark.parametrize(("typed", "meant"), [("Berlin", "Europe/Berlin"), ("europe/berlin", "Europe/Berlin"),
                                              ("new york", "America/New_York"), ("Berlin, Germany", "Europe/Berlin")])
def test_a_loosely_typed_timezone_is_refused_with_the_name_it_likely_means(run: Diary, typed: str, meant: str) -> None:
    """Never applied silently (a wrong zone moves every entry's day): refused, naming the likely zone."""
    result = run("profile", "--timezone", typed, now=NOW)
    assert result.exit_code == 2
    assert f"unknown timezone {typed!r}: did you mean {meant}?" in result.stderr
    assert run.count("profile") == 0
