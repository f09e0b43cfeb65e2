"""diary db: path, backup and upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from diary.cli import cli
from tests.helpers import PLANTED, Diary, plant_zero_trigger

NOW = "2026-11-25T10:00:00+01:00"


def test_db_path_never_prints_a_server_password() -> None:
    """`diary db path` on a server URL hides its password."""
    result = CliRunner().invoke(cli, ["--db", "postgresql+psycopg://ann:s3cret@db.example/diary", "db", "path"])
    assert result.stdout == "postgresql+psycopg://ann:***@db.example/diary\n"


def test_backup_is_a_private_copy_with_every_entry(run_sqlite: Diary, tmp_path: Path) -> None:
    """`diary db backup --out` writes a 0600 copy holding the same entries."""
    run_sqlite("spasm", "5", now=NOW)
    out = tmp_path / "copy.db"
    result = run_sqlite("db", "backup", "--out", str(out), now=NOW)
    assert result.stdout == f"Backed up {run_sqlite.location} to {out}\n"
    assert out.stat().st_mode & 0o777 == 0o600
    assert sqlite3.connect(out).execute("SELECT intensity FROM episode").fetchall() == [(5,)]


def test_backup_works_for_a_diary_from_a_newer_version(run_sqlite: Diary, tmp_path: Path) -> None:
    """A diary this version cannot open can still be backed up (before switching versions)."""
    run_sqlite("spasm", "5", now=NOW)
    conn = sqlite3.connect(run_sqlite.location)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.commit()
    conn.close()
    out = tmp_path / "copy.db"
    result = run_sqlite("db", "backup", "--out", str(out), now=NOW)
    assert result.exit_code == 0
    assert sqlite3.connect(out).execute("SELECT version_num FROM alembic_version").fetchall() == [("ffff",)]


def test_backup_refuses_a_file_that_is_not_sqlite(run_sqlite: Diary, tmp_path: Path) -> None:
    """A text file is not copied as if it were a diary."""
    Path(run_sqlite.location).write_text("not a diary\n" * 50)
    result = run_sqlite("db", "backup", "--out", str(tmp_path / "copy.db"), now=NOW)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {run_sqlite.location} is not a diary database (not SQLite, or damaged); nothing was changed\n"


def test_upgrade_on_a_current_diary_does_nothing(run_sqlite: Diary) -> None:
    """`diary db upgrade` on a current diary says so and makes no backup."""
    from diary import schema

    run_sqlite("spasm", "5", now=NOW)
    result = run_sqlite("db", "upgrade", now=NOW)
    assert result.stdout == f"Diary {run_sqlite.location} is already at schema {schema.HEAD}; nothing to do.\n"
    assert list(Path(run_sqlite.location).parent.glob("*.bak")) == []


def test_a_mistyped_database_url_is_one_line() -> None:
    """An unsupported URL scheme gets one line saying what is supported, exit 1."""
    result = CliRunner().invoke(cli, ["--db", "mysql://a:b@h/d", "spasm", "3"])
    assert result.exit_code == 1
    assert result.stderr == ("Error: cannot use database mysql://a:***@h/d (No module named 'MySQLdb'): give a file "
                             "path, or a PostgreSQL URL like postgresql+psycopg://user@host/dbname (needs pip install "
                             "'diary[postgres]')\n")


def test_postgres_scheme_means_the_psycopg_driver() -> None:
    """postgres:// and postgresql:// are taken as postgresql+psycopg:// (the driver diary installs)."""
    from diary.storage.engine import server_url

    assert server_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert server_url("postgresql://u@h:5/d") == "postgresql+psycopg://u@h:5/d"
    assert server_url("postgresql+psycopg://u@h/d") == "postgresql+psycopg://u@h/d"


def test_backup_refuses_a_damaged_diary_and_leaves_no_copy(run_sqlite: Diary, tmp_path: Path) -> None:
    """A diary that fails SQLite's quick check is not copied into a backup that looks whole."""
    run_sqlite("spasm", "5", now=NOW)
    path = Path(run_sqlite.location)
    data = bytearray(path.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)  # scribble over every page but the header's
    path.write_bytes(bytes(data))
    out = tmp_path / "copy.db"
    result = run_sqlite("db", "backup", "--out", str(out), now=NOW)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path} is not a diary database (not SQLite, or damaged); nothing was changed\n"
    assert not out.exists()


# --- server URLs: the password is never shown, a bad URL is one line --------------------------------------------------

AT_PASSWORD = "postgresql://ann:s3cr3t@part2@127.0.0.1:5433/diary"


@pytest.mark.parametrize("command", [["spasm", "3"], ["list"], ["db", "path"], ["export"], ["db", "upgrade"],
                                     ["report"], ["sample"]])
def test_a_password_with_an_at_sign_is_never_printed(command: list[str]) -> None:
    """A PostgreSQL URL whose password holds a raw @: no command prints any part of the password; the commands
    that connect refuse in one line (exit 1) saying to write @ as %40, before anything is sent."""
    args = ["--db", AT_PASSWORD, *command] if command != ["sample"] else ["sample", "--db", AT_PASSWORD]
    result = CliRunner().invoke(cli, args, env={"DIARY_NOW": NOW})
    assert "s3cr3t" not in result.output and "part2" not in result.output, result.output
    if command == ["db", "path"]:
        assert result.stdout == "postgresql://ann:***@127.0.0.1:5433/diary\n"
        return
    assert (result.exit_code, result.stderr) == (1, (
        "Error: the user name or password of database postgresql+psycopg://ann:***@127.0.0.1:5433/diary holds an @: "
        "write it as %40 (nothing was sent to the server)\n"))


@pytest.mark.parametrize("url, shown", [
    ("postgresql://ann:pw@127.0.0.1:abc/diary", "postgresql+psycopg://ann:***@127.0.0.1:abc/diary"),
    ("postgresql://127.0.0.1:99999999999/diary", "postgresql+psycopg://127.0.0.1:99999999999/diary"),
])
def test_a_port_that_is_not_a_number_is_one_line(url: str, shown: str) -> None:
    """A non-numeric (or impossible) port in a server URL: one line naming the URL without its password, exit 1."""
    result = CliRunner().invoke(cli, ["--db", url, "spasm", "3"], env={"DIARY_NOW": NOW})
    assert (result.exit_code, result.stderr) == (
        1, f"Error: the port of database {shown} is not a number from 1 to 65535 (nothing was sent to the server)\n")


# --- a file name is a file name: never read as part of a URL ----------------------------------------------------------

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "diary-0002.db"


@pytest.mark.parametrize("name", ["old%41.db", "what?mode=ro.db", "a#b.db", "sp ace%20.db"])
def test_an_upgrade_changes_the_file_named_and_no_other(tmp_path: Path, name: str) -> None:
    """`db upgrade` of old%41.db (or a name with ? or #) upgrades that very file: it used to migrate oldA.db
    (made new) and say it had upgraded old%41.db."""
    import shutil

    from diary import schema

    path = tmp_path / name
    shutil.copyfile(FIXTURE, path)
    result = CliRunner().invoke(cli, ["--db", str(path), "db", "upgrade"], env={"DIARY_NOW": NOW})
    assert result.exit_code == 0, result.output
    made = sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".bak"))
    assert made == [name]
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(schema.HEAD,)]
    finally:
        conn.close()


def test_a_report_reads_the_file_named(tmp_path: Path) -> None:
    """A report of r%41.db reads r%41.db (not rA.db, which it used to make empty)."""
    diary = Diary(str(tmp_path / "r%41.db"), pytest.MonkeyPatch())
    diary("spasm", "6", "--at", "2026-11-10 08:00", now=NOW)
    out = tmp_path / "r.pdf"
    result = diary("report", "--month", "2026-11", "--out", str(out), now=NOW)
    assert result.exit_code == 0 and "1 episode," in result.stdout, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r%41.db", "r.pdf"]


# --- db check ------------------------------------------------------------------------------------------------

def _plant(path: Path, *statements: str) -> bytes:
    conn = sqlite3.connect(path)
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path.read_bytes()


def test_db_check_of_a_sound_diary(run_sqlite: Diary) -> None:
    """A diary made by the commands: its schema and entries, 'No problems found.', exit 0."""
    from diary import schema

    run_sqlite("spasm", "5", now=NOW)
    run_sqlite("drink", "250ml", now=NOW)
    result = run_sqlite("db", "check", now=NOW)
    assert (result.exit_code, result.stdout) == (
        0, f"Diary {run_sqlite.location}: schema {schema.HEAD}, 2 entries.\nNo problems found.\n")


def test_db_check_of_an_upgraded_diary_finds_nothing(tmp_path: Path) -> None:
    """A first-schema diary brought up to date by the migrations is as this program makes a diary: no false alarm."""
    import shutil

    path = tmp_path / "old.db"
    shutil.copyfile(Path(__file__).resolve().parent / "fixtures" / "diary-0001.db", path)
    run = Diary(str(path), pytest.MonkeyPatch())
    assert run("db", "upgrade", now=NOW).exit_code == 0
    result = run("db", "check", now=NOW)
    assert result.exit_code == 0 and result.stdout.endswith("No problems found.\n"), result.output


def test_db_check_lists_every_planted_object_and_changes_nothing(run_sqlite: Diary) -> None:
    """A planted trigger, view, table and index are all listed (exit 1) and the file keeps every byte; the other
    commands refuse the diary, as before."""
    run_sqlite("spasm", "7", now=NOW)
    path = Path(run_sqlite.location)
    before = _plant(path, *(sql for _, sql in PLANTED))
    result = run_sqlite("db", "check", now=NOW)
    named = ", ".join(sorted(n for n, _ in PLANTED))
    assert (result.exit_code, result.stdout) == (1, (
        f"Diary {path}: schema 0003, 1 entry.\nProblem: objects this program did not make: {named}.\n"))
    assert path.read_bytes() == before
    assert run_sqlite("spasm", "5", now=NOW).exit_code == 1
    assert run_sqlite.rows("SELECT intensity FROM episode") == [(7,)]


def test_db_check_finds_a_table_rebuilt_with_another_definition(run_sqlite: Diary) -> None:
    """A table with its own name but another definition (ON CONFLICT REPLACE deletes rows silently) is listed."""
    run_sqlite("spasm", "7", "--trigger", "cold", now=NOW)
    path = Path(run_sqlite.location)
    _plant(path, "PRAGMA foreign_keys = OFF", "ALTER TABLE episode_trigger RENAME TO old_et",
           "CREATE TABLE episode_trigger (episode_id INTEGER NOT NULL, trigger_id INTEGER NOT NULL UNIQUE "
           "ON CONFLICT REPLACE, PRIMARY KEY (episode_id, trigger_id))",
           "INSERT INTO episode_trigger SELECT * FROM old_et", "DROP TABLE old_et",
           "CREATE INDEX ix_episode_trigger_trigger_id ON episode_trigger (trigger_id)")
    result = run_sqlite("db", "check", now=NOW)
    assert result.exit_code == 1
    assert "Problem: not as this program makes them: table episode_trigger." in result.stdout, result.stdout


def test_db_check_of_a_missing_diary_makes_nothing(run_sqlite: Diary) -> None:
    """db check of a diary that does not exist says so in one line (exit 1) and makes no file."""
    result = run_sqlite("db", "check", now=NOW)
    assert (result.exit_code, result.stderr) == (1, f"Error: there is no diary at {run_sqlite.location} yet: "
                                                    "nothing to check\n")
    assert not Path(run_sqlite.location).exists()


@pytest.mark.postgres
def test_db_check_on_a_server_lists_a_planted_trigger(server_db: str) -> None:
    """On PostgreSQL, db check lists a trigger planted on a diary table (exit 1) and a clean diary passes."""
    url = server_db
    run = Diary(url, pytest.MonkeyPatch())
    run("spasm", "7", now=NOW)
    clean = run("db", "check", now=NOW)
    assert clean.exit_code == 0 and clean.stdout.endswith("1 entry.\nNo problems found.\n"), clean.output
    plant_zero_trigger(url)
    result = run("db", "check", now=NOW)
    assert result.exit_code == 1
    assert "Problem: objects this program did not make: trigger zero_intensity on episode." in result.stdout
