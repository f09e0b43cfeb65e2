"""Complete days, the domain functions: marking a day, which days are complete, and the refusals."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from diary import entries
from diary.days import complete_days, completeness, mark_complete
from diary.errors import InvalidEntry
from diary.foods import water_row
from diary.storage import open_diary
from tests.helpers import Diary

BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 11, 25, 19, 0, tzinfo=dt.UTC)
NOW_TEXT = "2026-11-25T20:00:00+01:00"


def _drink(store, day: int, hour: int = 8) -> None:  # type: ignore[no-untyped-def]
    at = dt.datetime(2026, 11, day, hour, 0, tzinfo=BERLIN)
    entries.log_intake(store, NOW, water_row(at, 250, "250 ml"))


def test_mark_complete_journals_one_entry_per_day(diary_db: str) -> None:
    """Marking a day twice keeps the one mark; the mark is an entry of kind 'complete' with its add journaled."""
    with open_diary(diary_db) as store:
        _drink(store, 24)
        first = mark_complete(store, NOW, dt.date(2026, 11, 24), BERLIN, "all logged")
        again = mark_complete(store, NOW, dt.date(2026, 11, 24), BERLIN)
        assert again == (first[0], False) and first[1] is True
        assert store.rows("SELECT kind FROM entry WHERE id = :id", {"id": first[0]}) == [("complete",)]
        assert store.rows("SELECT action FROM change WHERE entry_id = :id", {"id": first[0]}) == [("add",)]


def test_complete_days_are_the_live_marks_in_the_range(diary_db: str) -> None:
    """complete_days gives the marked days from start to end (both included), not deleted ones."""
    with open_diary(diary_db) as store:
        for day in (20, 21, 22, 25):
            _drink(store, day)
            mark_complete(store, NOW, dt.date(2026, 11, day), BERLIN)
        gone = mark_complete(store, NOW, dt.date(2026, 11, 22), BERLIN)[0]
        entries.delete_entry(store, NOW, gone, BERLIN)
        assert complete_days(store, dt.date(2026, 11, 21), dt.date(2026, 11, 25)) == {
            dt.date(2026, 11, 21), dt.date(2026, 11, 25)}


def test_a_day_with_nothing_eaten_or_drunk_cannot_be_complete(diary_db: str) -> None:
    """A complete day with nothing logged would count as zero intake: refused (InvalidEntry), nothing written."""
    with open_diary(diary_db) as store:
        _drink(store, 25, hour=0)  # 00:00 Berlin on the 25th is the 24th in UTC, but the 25th locally
        with pytest.raises(InvalidEntry, match="nothing eaten or drunk is logged on 2026-11-24"):
            mark_complete(store, NOW, dt.date(2026, 11, 24), BERLIN)
        assert mark_complete(store, NOW, dt.date(2026, 11, 25), BERLIN)[1] is True


def test_completeness_says_why(diary_db: str) -> None:
    """A day is complete by its mark, or always by the profile's setting."""
    from diary.profile import set_profile

    with open_diary(diary_db) as store:
        _drink(store, 25)
        assert not completeness(store, dt.date(2026, 11, 25)).complete
        mark = mark_complete(store, NOW, dt.date(2026, 11, 25), BERLIN)[0]
        assert completeness(store, dt.date(2026, 11, 25)).mark == mark
        set_profile(store, NOW, {"always_complete": True})
        state = completeness(store, dt.date(2026, 11, 20))
        assert (state.complete, state.always, state.mark) == (True, True, None)


def test_complete_command_marks_several_days_and_refuses_an_empty_one(run: Diary) -> None:
    """`diary complete mon tue` marks each day; a day with nothing logged is refused in one line (exit 2) and no
    mark of the command is written."""
    run("drink", "250ml", "--at", "2026-11-23 08:00", now=NOW_TEXT)
    run("drink", "250ml", "--at", "2026-11-24 08:00", now=NOW_TEXT)
    done = run("complete", "mon", "tue", now=NOW_TEXT)
    assert done.stdout.splitlines() == [
        "Marked Mon 23 Nov 2026 as complete: all you ate and drank is logged (#3).",
        "Marked Tue 24 Nov 2026 as complete: all you ate and drank is logged (#4).",
    ]
    refused = run("complete", "sun", "today", now=NOW_TEXT)
    assert (refused.exit_code, refused.stderr) == (2, (
        "Error: nothing eaten or drunk is logged on 2026-11-22, so it cannot be a complete day (a complete day with "
        "nothing logged would count as zero intake): log what you had first\n"))
    assert run.count("complete_day") == 2


def test_complete_refuses_a_day_in_the_future(run: Diary) -> None:
    """A day not yet lived cannot be complete: the day parser refuses it, exit 2."""
    result = run("complete", "2026-11-26", now=NOW_TEXT)
    assert result.exit_code == 2 and "is in the future" in result.stderr
