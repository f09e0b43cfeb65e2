"""diary.rules: one validation for every path in, from the models' constraints and the commands' caps."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from diary import rules, schema
from diary.amounts import MAX_SODIUM_MG
from diary.errors import InvalidEntry
from diary.parse import MAX_NOTE
from diary.vocab import MAX_DURATION_S, SITES

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
SPASM = {"id": 1, "started_at": NOW - dt.timedelta(hours=1), "intensity": 5}
WATER = {"id": 2, "taken_at": NOW, "source": "water", "description": "Water", "amount_text": "250 ml", "ml": 250.0,
         "grams": 250.0, "water_ml": 250.0, "sodium_mg": 0.0}


def test_a_row_the_commands_would_write_passes() -> None:
    """A spasm and a glass of water as the commands write them have no problems."""
    assert rules.problems("episode", SPASM, NOW) == []
    assert rules.problems("intake", WATER, NOW) == []
    rules.check_row("episode", SPASM, NOW)


REFUSED = [
    ("episode", {"intensity": 11}, "intensity", "intensity 11 is out of range: use 0 to 10"),
    ("episode", {"intensity": "7"}, "intensity", "intensity '7' is not a whole number"),
    ("episode", {"intensity": True}, "intensity", "intensity True is not a whole number"),
    ("episode", {"duration_s": MAX_DURATION_S + 1}, "duration_s",
     "duration_s 86401 is more than 86,400 seconds (24 hours)"),
    ("episode", {"duration_s": -1}, "duration_s", "duration_s -1 is negative"),
    ("episode", {"site": "moon"}, "site", f"site 'moon' is not allowed: use one of {', '.join(SITES)}"),
    ("episode", {"note": "x" * (MAX_NOTE + 1)}, "note", "note is 2,001 characters long: keep it under 2,000"),
    ("episode", {"note": "a\x00b"}, "note", "note contains a NUL character"),
    ("episode", {"note": "\udc80"}, "note", "note is not valid Unicode text"),
    ("episode", {"started_at": dt.datetime(2099, 1, 1, tzinfo=dt.UTC)}, "started_at",
     "started_at 2099-01-01T00:00:00Z is in the future (it is now 2026-11-25T09:00:00Z)"),
    ("episode", {"started_at": dt.datetime(1899, 12, 31, tzinfo=dt.UTC)}, "started_at",
     "started_at 1899-12-31T00:00:00Z is not between the years 1900 and 2100"),
    ("episode", {"started_at": dt.datetime(2026, 1, 1)}, "started_at",
     "started_at datetime.datetime(2026, 1, 1, 0, 0) is not a time"),
    ("episode", {"id": 2**40}, "id", "id 1099511627776 is too large for the diary: use a number from -2,147,483,648 "
                                     "to 2,147,483,647"),
    ("episode", {"id": 0}, "id", "id 0 is not allowed: ids are whole numbers from 1"),
    ("intake", {"sodium_mg": 1e308}, "sodium_mg", "sodium_mg 1e+308 is more than 50,000 mg in one entry"),
    ("intake", {"sodium_mg": MAX_SODIUM_MG + 0.5}, "sodium_mg",
     "sodium_mg 50000.5 is more than 50,000 mg in one entry"),
    ("intake", {"potassium_mg": float("inf")}, "potassium_mg", "potassium_mg inf is not a finite number"),
    ("intake", {"potassium_mg": 2e9}, "potassium_mg", "potassium_mg 2000000000.0 is more than 1e+09: surely a mistake"),
    ("intake", {"ml": 6000.0}, "ml", "ml 6000.0 is more than 5,000 ml of water in one entry"),
    ("intake", {"grams": 5001.0}, "grams", "grams 5001.0 is more than 5,000 g in one entry"),
    ("intake", {"amount_text": "x" * 65}, "amount_text", "amount_text is longer than 64 characters"),
    ("intake", {"source": "supplement", "supplement_nutrient": "magnesium", "magnesium_mg": 4000.0}, "magnesium_mg",
     "magnesium_mg 4000.0 is more than 3,500 mg in one supplement dose"),
    ("intake", {"description": None}, "description", "description is missing"),
]


@pytest.mark.parametrize("table, change, column, message", REFUSED,
                         ids=[f"{r[0]}-{r[2]}-{i}" for i, r in enumerate(REFUSED)])
def test_a_value_the_commands_refuse_is_named(table: str, change: dict, column: str, message: str) -> None:
    """Each value a command would refuse is one problem naming its column, and check_row raises InvalidEntry."""
    row = (SPASM if table == "episode" else WATER) | change
    assert rules.problems(table, row, NOW) == [(column, message)]
    with pytest.raises(InvalidEntry, match="^" + message.replace("(", r"\(").replace(")", r"\)").replace("+", r"\+")
                       .replace(".", r"\.").replace("[", r"\[") + "$"):
        rules.check_row(table, row, NOW)


@pytest.mark.parametrize("table, values, message", [
    ("quiet_day", {"id": 1, "day": dt.date(2026, 11, 27)}, "day 2026-11-27 is in the future (today is 2026-11-25)"),
    ("profile", {"id": 2, "logs_every_spasm": False, "created_at": NOW, "updated_at": NOW},
     "id 2 is not allowed: a diary has one profile, with id 1"),
    ("profile", {"id": 1, "timezone": "Europe", "logs_every_spasm": False, "created_at": NOW, "updated_at": NOW},
     "timezone 'Europe' is unknown: use an IANA name like Europe/Berlin"),
    ("profile", {"id": 1, "sleep_start": "25:00", "sleep_end": "07:00", "logs_every_spasm": False,
                 "created_at": NOW, "updated_at": NOW},
     "sleep_start '25:00' is not a clock time like 23:00"),
    ("profile", {"id": 1, "sleep_start": "23:00", "logs_every_spasm": False, "created_at": NOW, "updated_at": NOW},
     "sleep_start and sleep_end are set together, as a window like 23:00-07:00"),
    ("profile", {"id": 1, "sleep_start": "23:00", "sleep_end": "23:00", "logs_every_spasm": False,
                 "created_at": NOW, "updated_at": NOW},
     "the sleep window 23:00-23:00 has no length: use two clock times, like 23:00-07:00"),
    ("profile", {"id": 1, "birth_year": NOW.year + 1, "logs_every_spasm": False, "created_at": NOW,
                 "updated_at": NOW},
     f"birth year {NOW.year + 1} is in the future"),
    ("reaction", {"id": 1, "at": NOW, "symptom": "other", "intensity": 3},
     'say what the other reaction was with --note, like --note "nausea"'),
    ("trigger", {"id": 1, "name": "Lifting", "created_at": NOW},
     "trigger 'Lifting' must be written as 'lifting' (lower case, single spaces)"),
    ("food_alias", {"id": 1, "name": "squash", "created_at": NOW, "updated_at": NOW},
     "a food alias names either a food_ndb or an own_food_id, not both or neither"),
    ("pgic", {"id": 1, "at": NOW, "score": 0}, "score 0 is out of range: use 1 to 7"),
])
def test_rules_of_other_tables(table: str, values: dict, message: str) -> None:
    """Rules of the other tables: days not in the future (the zone furthest ahead), one profile, a known
    timezone (not a folder of the tz database), clock times, a whole sleep window, a birth year not yet to
    come, an 'other' reaction that says what it was, tidy trigger names, an alias naming one food."""
    assert [m for _, m in rules.problems(table, values, NOW)] == [message]


def test_a_day_may_be_today_in_the_zone_furthest_ahead() -> None:
    """At 09:00 UTC it is already the next day on Kiritimati (UTC+14): that day is not in the future."""
    assert rules.problems("quiet_day", {"id": 1, "day": dt.date(2026, 11, 25)}, NOW) == []
    late = NOW.replace(hour=11)
    assert rules.problems("quiet_day", {"id": 1, "day": dt.date(2026, 11, 26)}, late) == []


def test_partial_rows_check_only_what_is_given() -> None:
    """An edit's values (partial) are checked alone: no 'missing' for the columns it leaves out."""
    assert rules.problems("episode", {"intensity": 3}, NOW, partial=True) == []
    assert rules.problems("episode", {"intensity": 12}, NOW, partial=True) == [
        ("intensity", "intensity 12 is out of range: use 0 to 10")]


def test_every_column_of_the_models_has_a_rule() -> None:
    """The rules cover every column of every table of the models, with a type the codecs know."""
    table_rules = rules.column_rules()
    assert set(table_rules) == set(schema.COLUMNS)
    for table, columns in schema.COLUMNS.items():
        assert set(table_rules[table]) == set(columns), table
        assert {r["type"] for r in table_rules[table].values()} <= {"int", "float", "bool", "text", "instant", "day"}


def test_rules_import_nothing_heavy() -> None:
    """diary.rules is standard library only, so the logging path may call it."""
    probe = "import sys, diary.rules; print(sorted({m.split('.')[0] for m in sys.modules}))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    for heavy in ("sqlalchemy", "pandas", "numpy", "matplotlib", "alembic", "click"):
        assert f"'{heavy}'" not in loaded, heavy
