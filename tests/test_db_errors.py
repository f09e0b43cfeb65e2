"""Problems with the diary file itself: one clear line, exit 1, the file untouched."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.helpers import Diary

NOW = "2026-11-25T10:00:00+01:00"


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_a_file_that_is_not_sqlite_is_refused_untouched(run_sqlite: Diary) -> None:
    """A text file given as the diary is refused in one line and not changed."""
    path = Path(run_sqlite.location)
    path.write_text("shopping list: bananas, salt\n" * 100)
    before = snapshot(path)
    result = run_sqlite("spasm", "7", now=NOW)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: {path} is not a diary database (not SQLite, or damaged); nothing was changed\n")
    assert snapshot(path) == before


def test_another_programs_sqlite_file_is_refused(run_sqlite: Diary) -> None:
    """An SQLite file without the diary's schema is not taken over."""
    path = Path(run_sqlite.location)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = snapshot(path)
    result = run_sqlite("spasm", "7", now=NOW)
    assert (result.exit_code, result.stderr) == (1, f"Error: {path} is an SQLite file but not a diary; nothing was changed\n")
    assert snapshot(path) == before


def test_a_diary_from_a_newer_version_is_refused_untouched(run_sqlite: Diary) -> None:
    """A schema version this program does not know is refused, naming the version, file unchanged."""
    run_sqlite("spasm", "5", now=NOW)
    path = Path(run_sqlite.location)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.commit()
    conn.close()
    before = snapshot(path)
    for command in (["spasm", "7"], ["list"], ["today"], ["db", "upgrade"]):
        result = run_sqlite(*command, now=NOW)
        assert (result.exit_code, result.stderr) == (
            1, f"Error: diary {path} was written by a newer version of diary (schema ffff); upgrade diary to open it; "
               "the file was not changed\n")
    assert snapshot(path) == before


def test_a_locked_diary_fails_after_the_busy_timeout(run_sqlite: Diary, monkeypatch: pytest.MonkeyPatch) -> None:
    """While another program holds the write lock past the timeout, logging fails in one line and writes nothing."""
    run_sqlite("spasm", "5", now=NOW)
    monkeypatch.setenv("DIARY_BUSY_TIMEOUT", "0.2")
    holder = sqlite3.connect(run_sqlite.location, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run_sqlite("spasm", "7", now=NOW)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (result.exit_code, result.stderr) == (
        1, f"Error: diary {run_sqlite.location} is locked by another program (waited 0.2 s); try again\n")
    assert run_sqlite.count("episode") == 1


@pytest.fixture
def read_only(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Make a path unwritable even for root (chattr +i), or by mode bits for other users."""
    made: list[Path] = []

    def protect(path: Path) -> None:
        if os.geteuid() == 0:
            done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
            if done.returncode != 0:
                pytest.skip(f"running as root and chattr +i is not available here: {done.stderr!r}")
            made.append(path)
        else:
            path.chmod(0o555 if path.is_dir() else 0o444)

    yield protect
    for path in reversed(made):
        subprocess.run(["chattr", "-i", str(path)], check=False)


def test_a_read_only_diary_is_one_line_and_unchanged(run_sqlite: Diary, read_only) -> None:  # type: ignore[no-untyped-def]
    """A diary its user may not write gets one line, exit 1, and keeps its bytes."""
    run_sqlite("spasm", "5", now=NOW)
    path = Path(run_sqlite.location)
    read_only(path)
    read_only(path.parent)
    before = snapshot(path)
    result = run_sqlite("spasm", "7", now=NOW)
    assert result.exit_code == 1
    assert result.stderr == f"Error: diary {path} is read-only: check the permissions of the file and its folder\n"
    assert snapshot(path) == before
