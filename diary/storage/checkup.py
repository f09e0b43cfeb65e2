"""`diary db check` (storage's own connection, as it must read a diary the normal open refuses):
look a diary over without changing it, and list what is wrong.

What it looks at: SQLite's own integrity check, the schema version, objects the program
did not make (a planted trigger, view, table or index: diary/storage/objects.py), tables and
indexes whose definition is not the one this program makes (a table rebuilt with ON
CONFLICT REPLACE or another CHECK keeps its name but not its behaviour), and rows pointing
at rows that do not exist. The file is opened read-only: nothing is created, upgraded or
written, and no planted trigger can fire (only reads run).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import quote

from diary import schema
from diary.errors import DiaryFileError, NotADiary
from diary.storage.objects import normal_definition


@dataclass
class Checkup:
    """What a look at one diary found; `problems` is empty for a sound diary."""

    where: str
    version: str | None = None
    entries: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def check_sqlite(path: Path) -> Checkup:
    """Look the SQLite diary at `path` over, read-only; raise DiaryFileError if it cannot be read at all."""
    found = Checkup(str(path))
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise DiaryFileError(f"cannot read diary {path}: {exc}") from None
    try:
        _check(conn, found)
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise NotADiary(f"{path} is not a diary database (not SQLite, or damaged); nothing was changed") from None
        raise DiaryFileError(f"cannot read diary {path}: {exc}") from None
    finally:
        conn.close()
    return found


def _check(conn: sqlite3.Connection, found: Checkup) -> None:
    from diary.storage.objects import foreign_objects_sqlite

    integrity = [r[0] for r in conn.execute("PRAGMA quick_check")]
    if integrity != ["ok"]:
        found.problems.append(f"SQLite's integrity check fails: {'; '.join(integrity[:3])}")
        return
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        found.notes.append("the file is empty: the first command that writes makes the diary")
        return
    if "alembic_version" not in tables:
        raise NotADiary(f"{found.where} is an SQLite file but not a diary; nothing was changed")
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    found.version = None if row is None else str(row[0])
    if found.version not in schema.REVISIONS:
        found.problems.append(f"schema {found.version} is not one this version knows (a newer diary?): "
                              "upgrade diary to open it")
    elif found.version != schema.HEAD:
        found.notes.append(f"schema {found.version} is older than this version's {schema.HEAD}: the next command "
                           "that writes upgrades it (after a dated backup)")
    foreign = foreign_objects_sqlite(conn)
    if foreign:
        found.problems.append(f"objects this program did not make: {', '.join(foreign)}")
    if found.version == schema.HEAD:
        changed = _changed_definitions(conn)
        if changed:
            found.problems.append(f"not as this program makes them: {', '.join(changed)}")
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        where = sorted({r[0] for r in broken})
        found.problems.append(f"{len(broken)} rows point at rows that do not exist (in {', '.join(where)})")
    if "entry" in tables:
        found.entries = int(conn.execute("SELECT count(*) FROM entry").fetchone()[0])


@cache
def _made_definitions() -> dict[tuple[str, str], str]:
    """The definition of each table and index as this program makes a diary (through the migrations)."""
    from sqlalchemy import create_engine, pool

    from diary.storage.migrate import upgrade_connection

    conn = sqlite3.connect(":memory:", isolation_level=None)
    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=pool.StaticPool)
    try:
        with engine.begin() as c:
            upgrade_connection(c)
        return {(t, n): normal_definition(sql) for t, n, sql in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")}
    finally:
        engine.dispose()
        conn.close()


def _changed_definitions(conn: sqlite3.Connection) -> list[str]:
    made = _made_definitions()
    changed = []
    for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                                        "ORDER BY type, name"):
        expected = made.get((kind, name))
        if expected is not None and expected != normal_definition(sql):
            changed.append(f"{kind} {name}")
    return changed


def check_server(url: str) -> Checkup:
    """Look a PostgreSQL diary over (objects the program did not make, the schema version)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    from diary.storage import locations
    from diary.storage.engine import server_url
    from diary.storage.objects import foreign_objects_server

    url = server_url(url)
    locations.check_server_url(url)
    found = Checkup(locations.shown_url(url))
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = {r[0] for r in conn.execute(text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind = 'r'"))}
            if "alembic_version" not in tables:
                found.notes.append("no diary here yet: the first command that writes makes it")
                return found
            found.version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            foreign = foreign_objects_server(conn)
            if foreign:
                found.problems.append(f"objects this program did not make: {', '.join(foreign)}")
            if "entry" in tables:
                found.entries = int(conn.execute(text("SELECT count(*) FROM entry")).scalar() or 0)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise DiaryFileError(f"cannot read database {found.where}: {reason}") from None
    finally:
        engine.dispose()
    return found
