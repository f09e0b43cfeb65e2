"""One validation for every path in: the domain's writes check each row with diary/rules.py, so a
front end that skips the command line's parsers (the phone page, a script) cannot store what the
command line refuses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from diary import entries, measures
from diary.errors import InvalidEntry
from diary.storage import Store, open_diary
from tests.helpers import Diary

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)

WRITES: list[tuple[str, Callable[[Store], Any], str]] = [
    ("a 3,000-character note", lambda s: entries.log_episode(s, NOW, started_at=NOW, intensity=5, note="x" * 3000),
     "note is 3,000 characters long"),
    ("a spasm next year", lambda s: entries.log_episode(s, NOW, started_at=NOW + dt.timedelta(days=400), intensity=5),
     "is in the future"),
    ("a two-day spasm", lambda s: entries.log_episode(s, NOW, started_at=NOW, intensity=5, duration_s=2 * 86400),
     "duration_s"),
    ("sodium 1e308", lambda s: entries.log_intake(s, NOW, {
        "taken_at": NOW, "source": "water", "description": "Water", "amount_text": "1 l", "grams": 1000.0,
        "ml": 1000.0, "water_ml": 1000.0, "sodium_mg": 1e308, "potassium_mg": 0.0, "magnesium_mg": 0.0,
        "calcium_mg": 0.0}), "sodium_mg"),
    ("a site off the list", lambda s: entries.log_episode(s, NOW, started_at=NOW, intensity=5, site="elbow"),
     "site"),
    ("an adjustment provider of 10,000 characters",
     lambda s: entries.log_adjustment(s, NOW, at=NOW, provider="Dr. " + "L" * 10_000), "provider"),
    ("a medication name of 200 characters",
     lambda s: measures.log_medication(s, NOW, taken_at=NOW, name="m" * 200), "name"),
]


@pytest.mark.parametrize(("what", "write", "named"), WRITES, ids=[w[0] for w in WRITES])
def test_the_domain_refuses_what_the_command_line_refuses(run: Diary, what: str, write: Callable[[Store], Any],
                                                          named: str) -> None:
    """A domain write with a value the commands refuse raises InvalidEntry naming the field, and the
    command's transaction leaves nothing behind."""
    run("spasm", "3", now="2026-11-25T10:00:00+01:00")
    before = run.dump()
    with pytest.raises(InvalidEntry, match=named), open_diary(run.location) as store:
        write(store)
    assert run.dump() == before
