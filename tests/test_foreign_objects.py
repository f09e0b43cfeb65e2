"""A diary holding objects the program did not make (a planted trigger, view, table or index)
is refused on opening, untouched, in one line that names them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.helpers import PLANTED, Diary, plant_zero_trigger

NOW = "2026-11-25T10:00:00+01:00"

@pytest.mark.parametrize(("named", "sql"), PLANTED, ids=[p[0] for p in PLANTED])
@pytest.mark.parametrize("command", [["spasm", "5"], ["list"], ["today"], ["export", "--format", "json"]])
def test_a_planted_object_is_refused_and_the_file_left_as_it_was(
        run_sqlite: Diary, named: str, sql: str, command: list[str]) -> None:
    """Writing and reading commands refuse a diary with a planted object, name it, exit 1, change no byte."""
    run_sqlite("spasm", "7", now=NOW)
    path = Path(run_sqlite.location)
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = path.read_bytes()
    result = run_sqlite(*command, now=NOW)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: diary {path} holds objects this program did not make ({named}),")
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""
    assert path.read_bytes() == before
    assert run_sqlite.rows("SELECT intensity FROM episode") == [(7,)]


def test_a_planted_trigger_on_a_server_diary_is_refused(server_db: str) -> None:
    """On PostgreSQL, a trigger planted on a diary table is refused before anything is written."""
    url = server_db
    run = Diary(url, pytest.MonkeyPatch())
    run("spasm", "7", now=NOW)
    plant_zero_trigger(url)
    result = run("spasm", "5", now=NOW)
    assert result.exit_code == 1
    assert "holds objects this program did not make (trigger zero_intensity on episode)" in result.stderr
    assert run.rows("SELECT intensity FROM episode") == [(7,)]
