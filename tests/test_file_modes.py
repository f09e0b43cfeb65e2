"""Health data stays the owner's: every file diary writes is 0600 and its folder 0700, whatever the umask."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from diary import entries
from diary.storage import open_diary
from tests.helpers import Diary

NOW = "2026-11-25T10:00:00+01:00"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Run the test under umask 000, the worst a user's shell could have."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_the_default_diary_and_its_folder_are_the_owners_only(open_umask: None, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """On first use the data folder is made 0700 and the diary 0600, even under umask 000."""
    home = tmp_path / "home" / "nested"
    monkeypatch.setenv("DIARY_HOME", str(home))
    from click.testing import CliRunner

    from diary.cli import cli

    result = CliRunner().invoke(cli, ["spasm", "6"], env={"DIARY_NOW": NOW})
    assert result.exit_code == 0
    assert (mode(home), mode(home / "diary.db")) == (0o700, 0o600)
    assert sorted(p.name for p in home.iterdir()) == ["diary.db"]


def test_wal_and_shm_are_the_owners_only_while_a_command_runs(open_umask: None, run_sqlite: Diary) -> None:
    """While a command holds the diary open, its -wal and -shm files exist and are 0600; afterwards only
    the 0600 diary remains."""
    path = Path(run_sqlite.location)
    run_sqlite("spasm", "5", now=NOW)
    now = dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC)
    with open_diary(str(path)) as store:
        entries.log_episode(store, now, started_at=now, intensity=4)
        inside = {p.name: mode(p) for p in path.parent.iterdir()}
    assert inside == {"diary.db": 0o600, "diary.db-wal": 0o600, "diary.db-shm": 0o600}
    assert {p.name: mode(p) for p in path.parent.iterdir()} == {"diary.db": 0o600}


def test_a_loosened_diary_is_tightened_before_its_wal_is_written(open_umask: None, run_sqlite: Diary) -> None:
    """A diary someone made 0644 (a copy, a sync tool) is 0600 again before the next entry reaches its -wal."""
    path = Path(run_sqlite.location)
    run_sqlite("spasm", "5", now=NOW)
    path.chmod(0o644)
    now = dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC)
    with open_diary(str(path)) as store:
        entries.log_episode(store, now, started_at=now, intensity=4)
        inside = {p.name: mode(p) for p in path.parent.iterdir()}
    assert inside == {"diary.db": 0o600, "diary.db-wal": 0o600, "diary.db-shm": 0o600}


def test_backups_and_exports_are_the_owners_only(open_umask: None, run_sqlite: Diary, tmp_path: Path) -> None:
    """diary db backup and diary export (csv and json) write files that are 0600 under umask 000."""
    run_sqlite("spasm", "5", "--note", "private", now=NOW)
    made = {
        "backup": tmp_path / "copy.db",
        "csv": tmp_path / "out.csv",
        "json": tmp_path / "out.json",
    }
    assert run_sqlite("db", "backup", "--out", str(made["backup"]), now=NOW).exit_code == 0
    assert run_sqlite("db", "backup", now=NOW).exit_code == 0
    assert run_sqlite("export", "--out", str(made["csv"]), now=NOW).exit_code == 0
    assert run_sqlite("export", "--format", "json", "--out", str(made["json"]), now=NOW).exit_code == 0
    dated = list(Path(run_sqlite.location).parent.glob("diary.db.*.bak"))
    assert len(dated) == 1
    assert {name: mode(p) for name, p in [*made.items(), ("dated backup", dated[0])]} == {
        "backup": 0o600, "csv": 0o600, "json": 0o600, "dated backup": 0o600}
    assert "private" in made["csv"].read_text()
