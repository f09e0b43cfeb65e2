"""Schema upgrades of an old diary: a dated backup first, every entry kept, the original back on failure,
and a diary from a newer version refused untouched.

The upgrade path runs against a temporary revision TEST_REVISION added after the real head to a
copy of the migrations (`newer_schema`), so a fixture made by the first schema goes through every
real migration and then: a real Alembic batch migration that rebuilds a table with
the diary's data in it, which is what a future upgrade will do to a patient's file.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import diary.migrations
from diary import schema
from diary.storage import migrate
from tests.fixtures.make_fixtures import make
from tests.helpers import Diary, dump_tables, fill_disk, sqlite_columns

NOW = "2026-11-25T10:00:00+01:00"
REPO = Path(__file__).resolve().parents[1]
_FIXTURE_COPIES = Path(tempfile.mkdtemp(prefix="diary-fixtures-"))
atexit.register(shutil.rmtree, _FIXTURE_COPIES, True)


def _fixture(name: str) -> Path:
    """A private copy of tests/fixtures/NAME to read: reading a WAL diary makes its -shm file beside
    it, which a checkout this user may not write (the suite's unprivileged run) cannot hold."""
    copy = _FIXTURE_COPIES / name
    if not copy.exists():
        shutil.copyfile(REPO / "tests" / "fixtures" / name, copy)
    return copy


FIXTURE = _fixture("diary-0001.db")
REAL_REVISIONS = schema.REVISIONS
REAL_HEAD = schema.HEAD
TEST_REVISION = "t999"

# A future migration: adds a column by rebuilding `episode` (batch mode copies every row into a new
# table, drops the old one and renames the new one, as any change SQLite cannot ALTER in place does).
MIGRATION = '''
"""test revision"""
import time
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite rebuilds the table (the risky case); PostgreSQL alters it in place.
    rebuild = "always" if op.get_bind().dialect.name == "sqlite" else "auto"
    with op.batch_alter_table("episode", recreate=rebuild) as batch:
        batch.add_column(sa.Column("pain_quality", sa.String(16), nullable=True))
    op.execute("UPDATE episode SET pain_quality = 'cramp'")
    {extra}


def downgrade() -> None:
    with op.batch_alter_table("episode") as batch:
        batch.drop_column("pain_quality")
'''

FAIL = 'op.execute("DELETE FROM episode_trigger"); raise RuntimeError("disk on fire")'
STALL = ('Path(__import__("os").environ["DIARY_TEST_MARK"]).write_text("inside"); '
         'time.sleep(60)')


def install_revision(folder: Path, extra: str = "pass") -> Path:
    """A copy of the migrations with the test revision (whose upgrade ends with `extra`) added."""
    scripts = folder / "migrations"
    if scripts.exists():
        shutil.rmtree(scripts)
    shutil.copytree(os.path.dirname(diary.migrations.__file__), scripts,
                    ignore=shutil.ignore_patterns("__pycache__"))
    text = MIGRATION.replace("{extra}", extra).replace("{revision}", TEST_REVISION).replace("{down}", REAL_HEAD)
    (scripts / "versions" / f"{TEST_REVISION}_test.py").write_text(text)
    return scripts


def use_scripts(monkeypatch: pytest.MonkeyPatch, scripts: Path) -> None:
    """Make this process's diary believe the migrations in `scripts` are its own (head TEST_REVISION)."""
    original = migrate.alembic_config

    def config(url: str | None = None):  # type: ignore[no-untyped-def]
        cfg = original(url)
        cfg.set_main_option("script_location", str(scripts))
        return cfg

    monkeypatch.setattr(migrate, "alembic_config", config)
    monkeypatch.setattr(schema, "REVISIONS", (*REAL_REVISIONS, TEST_REVISION))
    monkeypatch.setattr(schema, "HEAD", TEST_REVISION)


@pytest.fixture
def old_diary(tmp_path: Path) -> Path:
    """A copy of the first-schema fixture diary, as a patient would have it."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    path = folder / "diary.db"
    shutil.copyfile(FIXTURE, path)
    path.chmod(0o600)
    return path


@pytest.fixture
def newer_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """This process runs a diary whose migrations end at the test revision TEST_REVISION."""
    scripts = install_revision(tmp_path)
    use_scripts(monkeypatch, scripts)
    yield scripts


def _rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of the diary, in the columns the first schema has (later ones add columns)."""
    return dump_tables(str(path), sqlite_columns(FIXTURE))


def test_the_fixture_is_what_its_script_makes(tmp_path: Path) -> None:
    """tests/fixtures/diary-0001.db holds exactly the rows make_fixtures.py writes at revision 0001."""
    fresh = make(tmp_path / "fresh.db")
    assert _rows(FIXTURE) == _rows(fresh)
    conn = sqlite3.connect(FIXTURE)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert conn.execute("SELECT count(*) FROM entry").fetchone() == (7,)
    finally:
        conn.close()


def test_the_first_schema_diary_upgrades_through_the_real_migrations(old_diary: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """This program, as installed, upgrades a first-schema diary to its head: backup with the old bytes,
    every row and link kept, integrity and foreign keys intact."""
    original = old_diary.read_bytes()
    before = _rows(old_diary)
    run = Diary(str(old_diary), monkeypatch)
    result = run("list", "--since", "2026-10-01", "--deleted", now=NOW)
    backup = next(old_diary.parent.glob("*.bak"))
    assert result.stderr == f"Upgraded diary {old_diary} to schema {REAL_HEAD}; the previous file is kept at {backup}.\n"
    assert len(result.stdout.splitlines()) == 7
    assert backup.read_bytes() == original
    assert _rows(old_diary) == before
    conn = sqlite3.connect(old_diary)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(REAL_HEAD,)]
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


@pytest.mark.parametrize("revision", ["0002"])
def test_the_previous_release_diary_upgrades_keeping_every_row(revision: str, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A diary made by the previous release upgrades to this one: a backup with the old bytes first, every
    row of every old column kept, the new columns at their defaults, integrity and foreign keys intact."""
    fixture = _fixture(f"diary-{revision}.db")
    path = tmp_path / "diary.db"
    shutil.copyfile(fixture, path)
    path.chmod(0o600)
    old_columns = sqlite_columns(fixture)
    before = dump_tables(str(fixture), old_columns)
    assert sum(len(rows) for rows in before.values()) > 20
    result = Diary(str(path), monkeypatch)("list", "--since", "2026-10-01", "--deleted", now=NOW)
    backup = next(tmp_path.glob("*.bak"))
    assert result.stderr == f"Upgraded diary {path} to schema {REAL_HEAD}; the previous file is kept at {backup}.\n"
    assert backup.read_bytes() == fixture.read_bytes()
    assert dump_tables(str(path), old_columns) == before
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(REAL_HEAD,)]
        assert conn.execute("SELECT DISTINCT duration_approximate FROM episode").fetchall() == [(0,)]
        assert conn.execute("SELECT always_complete, units, care_began FROM profile").fetchall() == [(0, None, None)]
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_the_previous_release_fixture_is_what_its_script_makes(tmp_path: Path) -> None:
    """tests/fixtures/diary-0002.db holds exactly the rows make_fixtures.py writes at revision 0002."""
    fixture = _fixture("diary-0002.db")
    fresh = make(tmp_path / "fresh.db", "0002")
    columns = sqlite_columns(fixture)
    assert dump_tables(str(fixture), columns) == dump_tables(str(fresh), columns)
    assert columns == sqlite_columns(fresh)


def test_an_old_diary_upgrades_with_a_dated_backup_and_keeps_every_entry(
        old_diary: Path, newer_schema: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first command after an upgrade of the program backs the file up (dated name, 0600, the old
    bytes), migrates it, keeps every row, and then logs as usual."""
    original = old_diary.read_bytes()
    before = _rows(old_diary)
    run = Diary(str(old_diary), monkeypatch)
    result = run("spasm", "5", "--trigger", "sleep", now=NOW)
    backups = sorted(p for p in old_diary.parent.iterdir() if p.name.endswith(".bak"))
    assert len(backups) == 1
    backup = backups[0]
    assert re.fullmatch(r"diary\.db\.\d{8}-\d{6}\.bak", backup.name)
    assert result.stderr == f"Upgraded diary {old_diary} to schema {TEST_REVISION}; the previous file is kept at {backup}.\n"
    assert result.stdout.startswith("Logged spasm #8: 5/10, trigger sleep")
    assert backup.stat().st_mode & 0o777 == 0o600
    assert backup.read_bytes() == original
    after = _rows(old_diary)
    for table, rows in before.items():
        assert after[table][: len(rows)] == rows, table
    assert len(after["entry"]) == len(before["entry"]) + 1
    # Rebuilding `episode` must not cascade into the rows that point at it.
    assert after["episode_trigger"] == [(1, 1), (1, 2), (2, 1), (8, 2)]
    conn = sqlite3.connect(old_diary)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(TEST_REVISION,)]
        assert conn.execute("SELECT id, pain_quality FROM episode ORDER BY id").fetchall() == [
            (1, "cramp"), (2, "cramp"), (6, "cramp"), (8, None)]
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    assert old_diary.stat().st_mode & 0o777 == 0o600
    again = run("spasm", "4", now=NOW)
    assert (again.stderr, len(list(old_diary.parent.glob("*.bak")))) == ("", 1)


def test_a_failing_upgrade_leaves_the_diary_byte_identical(
        old_diary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration that changes data and then fails: one line naming the backup, exit 1, the diary's bytes
    exactly as before, and the old program still reads every entry."""
    use_scripts(monkeypatch, install_revision(tmp_path, FAIL))
    original = old_diary.read_bytes()
    run = Diary(str(old_diary), monkeypatch)
    result = run("spasm", "5", now=NOW)
    backup = next(old_diary.parent.glob("*.bak"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"Error: upgrading diary {old_diary} failed (RuntimeError: disk on fire); "
                             f"the diary is unchanged (a copy made before the upgrade is kept at {backup})\n")
    assert old_diary.read_bytes() == original
    assert sorted(p.name for p in old_diary.parent.iterdir()) == ["diary.db", backup.name]
    monkeypatch.undo()
    assert _rows(old_diary) == _rows(FIXTURE)
    assert run("list", "--since", "2026-10-01", now=NOW).stdout.count("\n") == 6


def test_an_upgrade_that_breaks_references_is_refused_and_restored(
        old_diary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration that leaves rows pointing at nothing (foreign keys are off while tables are rebuilt)
    fails the check before commit, and the diary is restored byte for byte."""
    use_scripts(monkeypatch, install_revision(tmp_path, 'op.execute("DELETE FROM entry WHERE id = 1")'))
    original = old_diary.read_bytes()
    result = Diary(str(old_diary), monkeypatch)("spasm", "5", now=NOW)
    backup = next(old_diary.parent.glob("*.bak"))
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: upgrading diary {old_diary} failed (RuntimeError: the migration left 3 rows pointing at rows that "
        f"do not exist (first: episode row 1)); the diary is unchanged (a copy made before the upgrade is kept at "
        f"{backup})\n"))
    assert old_diary.read_bytes() == original


def test_a_failing_upgrade_through_upgrade_connection_is_restored(
        old_diary: Path, newer_schema: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the upgrade dies after part of its work (here: data deleted, then an error), the file is restored."""
    real = migrate.upgrade_connection

    def half(conn, target="head"):  # type: ignore[no-untyped-def]
        real(conn, target)
        conn.exec_driver_sql("DELETE FROM episode")
        raise OSError("I/O error while upgrading")

    monkeypatch.setattr(migrate, "upgrade_connection", half)
    original = old_diary.read_bytes()
    result = Diary(str(old_diary), monkeypatch)("drink", "250ml", now=NOW)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: upgrading diary {old_diary} failed (OSError: I/O error while upgrading)")
    assert old_diary.read_bytes() == original


def test_an_upgrade_killed_midway_leaves_a_diary_that_upgrades_later(old_diary: Path, tmp_path: Path) -> None:
    """SIGKILL in the middle of a migration (after the table rebuild): the diary still opens with every entry
    and passes integrity_check, and the next run upgrades it."""
    scripts = install_revision(tmp_path, STALL)
    mark = tmp_path / "mark"
    child = textwrap.dedent(f"""
        import pytest, sys
        from pathlib import Path
        from tests.test_upgrade import use_scripts
        from diary.cli import cli
        use_scripts(pytest.MonkeyPatch(), Path({str(scripts)!r}))
        cli.main(["--db", {str(old_diary)!r}, "spasm", "5"])
    """)
    env = dict(os.environ, PYTHONPATH=str(REPO), DIARY_NOW=NOW, DIARY_TEST_MARK=str(mark))
    proc = subprocess.Popen([sys.executable, "-c", child], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not mark.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert mark.exists(), proc.communicate()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    before = _rows(FIXTURE)
    assert _rows(old_diary) == before
    conn = sqlite3.connect(old_diary)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    finally:
        conn.close()
    install_revision(tmp_path)  # the same test revision without the stall
    with pytest.MonkeyPatch.context() as mp:
        use_scripts(mp, scripts)
        result = Diary(str(old_diary), mp)("spasm", "5", now=NOW)
    assert result.exit_code == 0, result.output
    after = _rows(old_diary)
    assert after["entry"][:7] == before["entry"] and len(after["entry"]) == 8


COMMANDS = [["spasm", "7"], ["drink", "250ml"], ["adjust"], ["quiet", "2026-11-01"], ["list"], ["today"],
            ["edit", "1", "--intensity", "3"], ["delete", "2"], ["undo"], ["profile", "--sex", "male"], ["export"],
            ["db", "upgrade"]]  # (db backup copies any SQLite diary, a newer one too: that is what a backup is for)


def test_a_diary_from_a_newer_version_is_refused_by_every_command(old_diary: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    """A schema this program does not know ('ffff'): one line, exit 1, bytes and mtime untouched, for every command."""
    conn = sqlite3.connect(old_diary)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.commit()
    conn.close()
    before = (old_diary.read_bytes(), old_diary.stat().st_mtime_ns)
    run = Diary(str(old_diary), monkeypatch)
    export = tmp_path / "x.json"
    Diary(str(tmp_path / "other.db"), monkeypatch)("spasm", "3", now=NOW)
    Diary(str(tmp_path / "other.db"), monkeypatch)("export", "--out", str(export), now=NOW)
    for command in [*COMMANDS, ["import", str(export)]]:
        result = run(*command, now=NOW)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", (
            f"Error: diary {old_diary} was written by a newer version of diary (schema ffff); upgrade diary to open "
            "it; the file was not changed\n")), command
    assert (old_diary.read_bytes(), old_diary.stat().st_mtime_ns) == before
    assert sorted(p.name for p in old_diary.parent.iterdir()) == ["diary.db"]


def test_a_diary_without_a_schema_version_is_refused(old_diary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A diary whose version row is gone is not guessed at: one line, exit 1, untouched."""
    conn = sqlite3.connect(old_diary)
    conn.execute("DELETE FROM alembic_version")
    conn.commit()
    conn.close()
    before = old_diary.read_bytes()
    result = Diary(str(old_diary), monkeypatch)("spasm", "7", now=NOW)
    assert (result.exit_code, result.stderr) == (1, f"Error: {old_diary} has no schema version; nothing was changed\n")
    assert old_diary.read_bytes() == before


def test_no_room_for_the_backup_means_no_upgrade(small_disk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the disk has room to open the diary but not to back it up, the upgrade does not start: one line,
    exit 1, the diary's bytes as they were and no partial backup left behind."""
    path = small_disk / "diary.db"
    shutil.copyfile(FIXTURE, path)
    original = path.read_bytes()
    use_scripts(monkeypatch, install_revision(tmp_path))
    filler = fill_disk(small_disk, leave=80 * 1024)  # room for the -shm, not for a 140 KB copy
    result = Diary(str(path), monkeypatch)("spasm", "5", now=NOW)
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: the disk holding diary {path} is full: there is no room for the backup an upgrade makes first; "
        "nothing was changed; free some space and try again\n"))
    assert path.read_bytes() == original
    assert not list(small_disk.glob("*.bak"))
    filler.unlink()


def test_an_upgrade_while_another_program_reads_loses_nothing(
        old_diary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry still only in the write-ahead log (another program holds an old snapshot open) is neither left
    out of the backup nor lost when a failing upgrade restores the file."""
    monkeypatch.setenv("DIARY_BUSY_TIMEOUT", "0.3")  # the checkpoint waits this long for the reader
    migrate.upgrade_sqlite(old_diary)  # to the real head first: this test is about the next upgrade
    for made in old_diary.parent.glob("*.bak"):
        made.unlink()
    reader = sqlite3.connect(old_diary, isolation_level=None)
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM entry").fetchone() == (7,)  # pins the snapshot
        logged = Diary(str(old_diary), monkeypatch)("spasm", "9", "--note", "only in the WAL", now=NOW)
        assert logged.stdout.startswith("Logged spasm #8")
        use_scripts(monkeypatch, install_revision(tmp_path, FAIL))
        result = Diary(str(old_diary), monkeypatch)("spasm", "5", now=NOW)
        assert (result.exit_code, result.stderr) == (1, (
            f"Error: diary {old_diary} is open in another program, so it cannot be backed up before its upgrade; "
            "close that program and try again; nothing was changed\n"))
        assert list(old_diary.parent.glob("*.bak")) == []
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    monkeypatch.undo()
    conn = sqlite3.connect(old_diary)
    try:
        assert conn.execute("SELECT note FROM episode WHERE id = 8").fetchall() == [("only in the WAL",)]
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    with pytest.MonkeyPatch.context() as mp:  # once the other program is gone, the upgrade goes ahead
        use_scripts(mp, install_revision(tmp_path))
        assert Diary(str(old_diary), mp)("spasm", "5", now=NOW).exit_code == 0
    backup = next(old_diary.parent.glob("*.bak"))
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("SELECT note FROM episode WHERE id = 8").fetchall() == [("only in the WAL",)]
    finally:
        copy.close()


# --- a diary on a PostgreSQL server: no file to copy, one transaction instead -------------------------------------


@pytest.fixture
def old_server_diary(server_db: str) -> Iterator[str]:
    """A PostgreSQL diary at the first schema holding the fixture's rows."""
    from sqlalchemy import create_engine, text

    url = server_db
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            migrate.upgrade_connection(conn, "0001")
            first_schema = sqlite_columns(FIXTURE)
            for table, rows in _rows(FIXTURE).items():
                columns = first_schema[table]
                for row in rows:
                    values = dict(zip(columns, row, strict=True))
                    if table == "own_food":
                        values["is_drink"] = bool(values["is_drink"])
                    if table == "profile":
                        values["logs_every_spasm"] = bool(values["logs_every_spasm"])
                    conn.execute(text(f'INSERT INTO "{table}" ({", ".join(columns)}) '
                                      f'VALUES ({", ".join(":" + c for c in columns)})'), values)
            for table in ("entry", "trigger", "own_food", "change"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), MAX(id)) FROM \"{table}\""))
        yield url
    finally:
        engine.dispose()


def _server_version(url: str) -> list[tuple]:
    return Diary(url, pytest.MonkeyPatch()).rows("SELECT version_num FROM alembic_version")


@pytest.mark.postgres
def test_a_first_schema_server_diary_upgrades_and_keeps_every_row(old_server_diary: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL the first command after an upgrade of the program migrates the diary in one transaction,
    keeping every row, then logs as usual."""
    run = Diary(old_server_diary, monkeypatch)
    before = run.dump()
    result = run("spasm", "5", now=NOW)
    assert (result.exit_code, result.stdout[:16]) == (0, "Logged spasm #8:")
    assert _server_version(old_server_diary) == [(REAL_HEAD,)]
    after = run.dump()
    for table, rows in before.items():
        assert after[table][: len(rows)] == rows, table


@pytest.mark.postgres
def test_a_failing_server_upgrade_is_rolled_back_and_said_in_one_line(
        old_server_diary: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration that changes data and then fails on PostgreSQL: one line, exit 1, and the database is at the
    old schema with every row (the DDL and the data change are undone together)."""
    run = Diary(old_server_diary, monkeypatch)
    before = run.dump()
    use_scripts(monkeypatch, install_revision(tmp_path, FAIL))
    result = run("spasm", "5", now=NOW)
    shown = old_server_diary  # no password in it, so the message shows it as it is
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"Error: upgrading database {shown} failed (RuntimeError: disk on fire); "
                             "it was rolled back and is as it was\n")
    monkeypatch.undo()
    assert _server_version(old_server_diary) == [("0001",)]
    assert run.dump() == before


@pytest.mark.postgres
def test_a_server_diary_from_a_newer_version_is_refused(old_server_diary: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server diary stamped with a schema this program does not know: one line, exit 1, nothing changed."""
    run = Diary(old_server_diary, monkeypatch)
    from sqlalchemy import create_engine, text

    engine = create_engine(old_server_diary)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    finally:
        engine.dispose()
    before = run.dump()
    for command in (["spasm", "7"], ["list"], ["export"]):
        result = run(*command, now=NOW)
        assert (result.exit_code, result.stderr) == (1, (
            f"Error: diary {old_server_diary} was written by a newer version of diary (schema ffff); upgrade diary "
            "to open it; the file was not changed\n")), command
    assert run.dump() == before


def test_a_failed_upgrade_keeps_what_another_program_wrote_after_the_backup(
        old_diary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry an older program commits between the backup and a failing migration is kept: the rolled-back
    diary is left as it is, not overwritten by the older backup."""

    def late_write_then_fail(path: Path, target: str = "head") -> None:
        other = sqlite3.connect(path)
        other.execute("UPDATE episode SET note = 'written late' WHERE id = (SELECT min(id) FROM episode)")
        other.commit()
        other.close()
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(migrate, "_run_upgrade", late_write_then_fail)
    result = Diary(str(old_diary), monkeypatch)("spasm", "5", now=NOW)
    assert result.exit_code == 1
    assert "the diary is unchanged" in result.stderr
    conn = sqlite3.connect(old_diary)
    try:
        assert conn.execute("SELECT count(*) FROM episode WHERE note = 'written late'").fetchone() == (1,)
    finally:
        conn.close()
