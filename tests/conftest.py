"""Shared fixtures: every test gets its own diary and never touches a real one.
(The helpers the tests share are in tests/helpers/.)"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import POSTGRES, Diary, drop_server_diary, new_server_diary


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the default diary folder at the test's temporary folder, and fix the clock's zone."""
    monkeypatch.setenv("DIARY_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DIARY_DB", raising=False)
    monkeypatch.delenv("DIARY_NOW", raising=False)
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.setenv("DIARY_BUSY_TIMEOUT", "2")


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
            location = new_server_diary()
        made.append(location)
        return location

    yield make
    if diary_backend == "postgres":
        for location in made:
            drop_server_diary(location)


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


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh SQLite diary path (for tests about the file itself)."""
    return tmp_path / "diary.db"


@pytest.fixture
def server_db() -> Iterator[str]:
    """A fresh PostgreSQL diary location (skipped when DIARY_TEST_POSTGRES names no server)."""
    if not POSTGRES:
        pytest.skip("DIARY_TEST_POSTGRES is not set")
    url = new_server_diary()
    yield url
    drop_server_diary(url)


@pytest.fixture
def rig(diary_db: str) -> Any:
    """The phone page's application on a fresh diary (both backends), at tests.helpers.web.NOW."""
    from tests.helpers.web import NOW, Rig

    return Rig(diary_db, NOW)


@pytest.fixture
def rig_db(rig: Any, monkeypatch: pytest.MonkeyPatch) -> Diary:
    """Commands and rows of the diary behind `rig`."""
    return Diary(rig.location, monkeypatch)


@pytest.fixture
def run(diary_db: str, monkeypatch: pytest.MonkeyPatch) -> Diary:
    """Run commands on a fresh diary (SQLite, and PostgreSQL when available)."""
    return Diary(diary_db, monkeypatch)


@pytest.fixture
def run_sqlite(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Diary:
    """Run commands on a fresh SQLite diary file."""
    return Diary(str(db_path), monkeypatch)


