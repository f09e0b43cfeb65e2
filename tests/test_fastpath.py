"""The standard-library write path: derived from the models, same rows as SQLAlchemy, light imports."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from diary import entries
from diary.models import Base
from diary.profile import set_profile
from diary.storage.engine import SessionStore, make_engine
from diary.storage.migrate import create_sqlite, render_schema_module
from diary.storage.sqlite_file import connect, transaction
from diary.storage.store import SqliteStore, Store
from tests.helpers import HEAVY_MODULES, modules_after_command

ROOT = Path(__file__).resolve().parents[1]
UTC = dt.UTC
TZ = ZoneInfo("Europe/Berlin")


def test_schema_module_is_generated_from_the_models() -> None:
    """diary/schema.py is exactly what scripts/gen_schema.py makes from the models now."""
    assert (ROOT / "diary" / "schema.py").read_text() == render_schema_module()


def _session_of_work(store: Store) -> None:
    now = dt.datetime(2026, 11, 25, 9, 0, 12, 345678, tzinfo=UTC)
    t = dt.datetime(2026, 11, 24, 20, 30, tzinfo=UTC)
    a = entries.log_episode(store, now, started_at=t, intensity=6, duration_s=300, site="calf", side="left",
                            triggers=["sleep", "cold"], relieved_by="heat", note="ouch")
    entries.log_episode(store, now, started_at=t, intensity=3, triggers=["sleep"])
    entries.log_intake(store, now, entries.water_intake(t, 500.0, "500 ml"))
    entries.log_adjustment(store, now, at=t, provider="Dr. Lee", region="lumbar")
    entries.mark_quiet(store, now, dt.date(2026, 11, 20), TZ, "fine")
    set_profile(store, now, {"sex": "female", "birth_year": 1979, "timezone": "Europe/Berlin"})
    entries.edit_entry(store, now, a, TZ, {"intensity": 5, "triggers": ["stress"]})
    entries.delete_entry(store, now, a, TZ)
    entries.undo(store, now, TZ)


def _dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1, 2').fetchall() for t in Base.metadata.tables}
    finally:
        conn.close()


def test_stdlib_store_writes_the_same_rows_as_sqlalchemy(tmp_path: Path) -> None:
    """The same domain calls through sqlite3 and through a SQLAlchemy Session leave identical tables."""
    fast, full = tmp_path / "fast.db", tmp_path / "full.db"
    create_sqlite(fast)
    create_sqlite(full)
    conn = connect(fast)
    with transaction(conn, fast):
        _session_of_work(SqliteStore(conn))
    conn.close()
    engine = make_engine(f"sqlite:///{full}")
    with Session(engine) as session, session.begin():
        _session_of_work(SessionStore(session))
    engine.dispose()
    fast_rows, full_rows = _dump(fast), _dump(full)
    assert fast_rows == full_rows
    assert len(fast_rows["episode"]) == 2 and len(fast_rows["change"]) == 7


def test_orm_reads_what_the_stdlib_path_wrote(tmp_path: Path) -> None:
    """Instants written by the standard-library path come back timezone-aware and equal through the ORM."""
    from sqlalchemy import select

    from diary.models import Episode

    path = tmp_path / "d.db"
    create_sqlite(path)
    conn = connect(path)
    when = dt.datetime(2026, 3, 29, 1, 30, 5, tzinfo=UTC)
    with transaction(conn, path):
        entries.log_episode(SqliteStore(conn), when, started_at=when, intensity=4, triggers=["cold"])
    conn.close()
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        episode = session.scalars(select(Episode)).one()
        assert episode.started_at == when and episode.started_at.tzinfo is not None
        assert [t.name for t in episode.triggers] == ["cold"]
    engine.dispose()


def test_the_store_refuses_a_column_the_models_do_not_have(tmp_path: Path) -> None:
    """A statement can only name columns the models define."""
    path = tmp_path / "d.db"
    create_sqlite(path)
    conn = connect(path)
    with pytest.raises(KeyError, match="table episode has no column mood"):
        SqliteStore(conn).insert("episode", {"mood": "bad"})
    conn.close()


HEAVY = HEAVY_MODULES


@pytest.mark.parametrize(
    "command",
    [["spasm", "7", "--site", "calf", "--trigger", "cold"], ["drink", "500ml"], ["adjust", "--by", "Dr. Lee"],
     ["quiet", "yesterday"]],
)
def test_logging_commands_import_nothing_heavy(tmp_path: Path, command: list[str]) -> None:
    """A logging command on an existing diary loads no pandas, numpy, scipy, matplotlib, SQLAlchemy or Alembic."""
    db = tmp_path / "d.db"
    create_sqlite(db)
    code, loaded, stderr = modules_after_command(db, command)
    assert code == 0, stderr
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


@pytest.mark.parametrize("year", [5, 1900, 2026, 9999])
def test_instants_of_any_year_round_trip_through_their_stored_text(year: int) -> None:
    """The stored text of an instant has a four-digit year and reads back to the same instant."""
    from diary.dbtime import instant_from_db, instant_to_db

    when = dt.datetime(year, 3, 4, 5, 6, 7, 890, tzinfo=UTC)
    text = instant_to_db(when)
    assert text == f"{year:04d}-03-04 05:06:07.000890"
    assert instant_from_db(text) == when
