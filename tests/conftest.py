"""Shared fixtures: every test gets its own diary and never touches a real one."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from diary.cli import cli

POSTGRES = os.environ.get("DIARY_TEST_POSTGRES")  # e.g. postgresql+psycopg://diary@127.0.0.1/postgres


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the default diary folder at the test's temporary folder, and fix the clock's zone."""
    monkeypatch.setenv("DIARY_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DIARY_DB", raising=False)
    monkeypatch.delenv("DIARY_NOW", raising=False)
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.setenv("DIARY_BUSY_TIMEOUT", "2")


def _create_postgres_database() -> str:
    """A fresh, empty PostgreSQL diary location: its own schema on the server named by
    DIARY_TEST_POSTGRES, chosen through the URL's search_path. (A schema costs a few
    milliseconds where CREATE DATABASE costs about 300, and isolates just as well.)"""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = make_url(POSTGRES)
    name = f"diary_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
    finally:
        admin.dispose()
    return admin_url.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(hide_password=False)


def _drop_postgres_database(url: str) -> None:
    """Remove a location made by _create_postgres_database, with everything in it."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = make_url(url).query["options"].split("=", 1)[1]
    admin = create_engine(make_url(POSTGRES), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def diary_backend(request: pytest.FixtureRequest) -> str:
    """Which database the test runs on: sqlite, and postgres too when DIARY_TEST_POSTGRES names a server."""
    if request.param == "postgres" and not POSTGRES:
        pytest.skip("DIARY_TEST_POSTGRES is not set")
    return str(request.param)


@pytest.fixture
def new_diary_db(diary_backend: str, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Make fresh, empty diary locations on the test's backend (for tests that need two diaries)."""
    made: list[str] = []

    def make() -> str:
        if diary_backend == "sqlite":
            location = str(tmp_path / ("diary.db" if not made else f"diary-{len(made) + 1}.db"))
        else:
            location = _create_postgres_database()
        made.append(location)
        return location

    yield make
    if diary_backend == "postgres":
        for location in made:
            _drop_postgres_database(location)


@pytest.fixture
def diary_db(new_diary_db: Callable[[], str]) -> str:
    """A fresh, empty diary location: an SQLite file, and a PostgreSQL database too when
    DIARY_TEST_POSTGRES names a server (tests using this fixture run on both)."""
    return new_diary_db()


@pytest.fixture
def small_disk() -> Iterator[Path]:
    """An empty 1 MiB tmpfs, so a real ENOSPC can happen (needs root and permission to mount)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill it needs root")
    folder = Path(tempfile.mkdtemp(prefix="diary-full-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()


def fill_disk(folder: Path, leave: int = 0) -> Path:
    """Fill the file system holding `folder` with a file named filler, then free `leave` bytes of it."""
    filler = folder / "filler"
    with contextlib.suppress(OSError), filler.open("wb", buffering=0) as f:
        while True:
            f.write(b"x" * 4096)
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh SQLite diary path (for tests about the file itself)."""
    return tmp_path / "diary.db"


class Diary:
    """Run diary commands against one diary and look at its rows."""

    def __init__(self, location: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.location = location
        self.monkeypatch = monkeypatch

    def __call__(self, *args: str, now: str | None = None, input: str | None = None) -> Result:
        env = {"DIARY_NOW": now} if now else {}
        return CliRunner().invoke(cli, ["--db", self.location, *args], env=env, input=input, catch_exceptions=False)

    def rows(self, sql: str, params: dict | None = None) -> list[tuple]:
        if "://" in self.location:
            from sqlalchemy import create_engine, text

            engine = create_engine(self.location)
            try:
                with engine.connect() as conn:
                    return [tuple(r) for r in conn.execute(text(sql), params or {})]
            finally:
                engine.dispose()
        if not Path(self.location).exists():
            return []
        conn = sqlite3.connect(self.location)
        try:
            return conn.execute(sql, params or {}).fetchall()
        finally:
            conn.close()

    def count(self, table: str) -> int:
        """Rows in `table` (0 while the diary does not exist); a table the models do not have is an error."""
        from diary import _schema

        if table not in _schema.COLUMNS:
            raise KeyError(f"the models have no table {table!r}")
        if "://" not in self.location and not Path(self.location).exists():
            return 0
        if "://" in self.location and self.rows(f"SELECT to_regclass('\"{table}\"')") == [(None,)]:
            return 0  # a server diary gets its tables with its first write
        return int(self.rows(f'SELECT count(*) FROM "{table}"')[0][0])

    def dump(self) -> dict[str, list[tuple]]:
        """Every row of every table of the models, in key order (empty lists for a missing diary)."""
        return dump_tables(self.location)


def dump_tables(location: str, columns: dict[str, tuple[str, ...]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every diary table at `location` (a path or URL), ordered by primary key:
    the `columns` given (an older schema's, to compare a diary before and after its upgrade),
    else the current models' columns."""
    from diary import _schema

    reader = Diary(location, pytest.MonkeyPatch())
    out: dict[str, list[tuple]] = {}
    for table, names in (columns or _schema.COLUMNS).items():
        order = {"episode_trigger": "episode_id, trigger_id", "web_submission": "client_id"}.get(table, "id")
        try:
            out[table] = reader.rows(f'SELECT {", ".join(names)} FROM "{table}" ORDER BY {order}')
        except Exception:
            out[table] = []
    return out


def sqlite_columns(path: Path) -> dict[str, tuple[str, ...]]:
    """The columns of each table of an SQLite diary file, as that file's schema has them."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT IN ('alembic_version', 'sqlite_sequence')")]
        return {t: tuple(r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')) for t in tables}
    finally:
        conn.close()


@pytest.fixture
def run(diary_db: str, monkeypatch: pytest.MonkeyPatch) -> Diary:
    """Run commands on a fresh diary (SQLite, and PostgreSQL when available)."""
    return Diary(diary_db, monkeypatch)


@pytest.fixture
def run_sqlite(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Diary:
    """Run commands on a fresh SQLite diary file."""
    return Diary(str(db_path), monkeypatch)


HEAVY_MODULES = ("pandas", "numpy", "scipy", "matplotlib", "sqlalchemy", "alembic")


def modules_after_command(db: Path, command: list[str]) -> tuple[int, set[str], str]:
    """Run `diary COMMAND` on `db` in a fresh Python process; return its exit code, the
    top-level modules it had loaded by the end, and its stderr (for the logging-path checks)."""
    import json
    import subprocess
    import sys

    probe = (
        "import sys, json\n"
        "from diary.cli import cli\n"
        "try:\n"
        f"    cli.main({command!r})\n"
        "except SystemExit as e:\n"
        "    code = e.code\n"
        "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
    )
    env = {**os.environ, "DIARY_DB": str(db)}
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    return report["code"], {m.split(".")[0] for m in report["modules"]}, out.stderr
