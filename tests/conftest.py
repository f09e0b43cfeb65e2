"""Shared fixtures: every test gets its own diary and never touches a real one."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
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


def _fresh_postgres_database() -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = make_url(POSTGRES)
    name = f"diary_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def diary_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty diary location: an SQLite file, and a PostgreSQL database too when
    DIARY_TEST_POSTGRES names a server (tests using this fixture run on both)."""
    if request.param == "sqlite":
        yield str(tmp_path / "diary.db")
        return
    if not POSTGRES:
        pytest.skip("DIARY_TEST_POSTGRES is not set")
    yield from _fresh_postgres_database()


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
        try:
            return int(self.rows(f'SELECT count(*) FROM "{table}"')[0][0])
        except Exception:
            return 0


@pytest.fixture
def run(diary_db: str, monkeypatch: pytest.MonkeyPatch) -> Diary:
    """Run commands on a fresh diary (SQLite, and PostgreSQL when available)."""
    return Diary(diary_db, monkeypatch)


@pytest.fixture
def run_sqlite(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Diary:
    """Run commands on a fresh SQLite diary file."""
    return Diary(str(db_path), monkeypatch)
