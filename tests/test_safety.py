"""Faults: a process killed mid-write, damaged files, read-only files and folders, a full disk,
a server that refuses writes. Each gets one clear line (exit 1) and loses nothing."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from diary import entries
from diary.storage import open_diary
from tests.conftest import POSTGRES, Diary, fill_disk

NOW = "2026-11-25T10:00:00+01:00"
REPO = Path(__file__).resolve().parents[1]
KILL_SEED = 20261125
KILL_WRITES = 200
KILL_WRITES_ON_A_SERVER = 100  # a server command costs ~30 ms of client CPU; fewer keep the suite fast
MIN_KILLS = 10


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# --- SIGKILL at random points -------------------------------------------------------------------

# Logs spasms through the CLI's code path until killed; each success prints "Logged spasm #N".
KILL_WRITER = """
import sys
from diary.cli import cli

location = sys.argv[1]
# Load what the first command would, so kills land in writes rather than in imports.
import diary.cli.log, diary.cli.render, diary.storage, diary.measures, diary.recent  # noqa: E401
import diary.parse.when, diary.parse.spans, diary.parse.episode, diary.cli.typed  # noqa: E401
if "://" in location:
    import diary.storage.engine, alembic.runtime.migration, sqlalchemy.orm  # noqa: E401
print("ready", flush=True)
sys.stdin.readline()
i = 0
while True:
    i += 1
    try:
        cli.main(["--db", location, "spasm", str(i % 11), "--trigger", "kill", "--trigger", f"w{i % 5}",
                  "--note", f"n{i}"], standalone_mode=False)
    except SystemExit as exc:
        if exc.code:
            raise
"""


def _spawn_writer(location: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-c", KILL_WRITER, location], env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    return proc


def _one_write_seconds(location: str) -> float:
    """How long a started writer takes to log its first spasm on this machine now."""
    proc = _spawn_writer(location)
    assert proc.stdin is not None and proc.stdout is not None
    start = time.monotonic()
    proc.stdin.write("go\n")
    proc.stdin.flush()
    proc.stdout.readline()
    took = time.monotonic() - start
    proc.kill()
    proc.communicate(timeout=60)
    return took


def _check_whole(run: Diary, reported: set[int]) -> int:
    """The diary is consistent, holds every reported entry and no half entry; return its episode count."""
    if "://" not in run.location:
        conn = sqlite3.connect(run.location)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()
    found = {row[0] for row in run.rows("SELECT id FROM episode")}
    assert reported <= found, f"reported but missing: {sorted(reported - found)}"
    assert {row[0] for row in run.rows("SELECT id FROM entry")} == found
    assert {row[0] for row in run.rows("SELECT entry_id FROM change WHERE action = 'add'")} == found
    per_episode = run.rows("SELECT episode_id, count(*) FROM episode_trigger GROUP BY episode_id")
    assert {row[0] for row in per_episode} == found and {row[1] for row in per_episode} <= {2}
    return len(found)


def test_a_writer_killed_at_random_points_loses_no_reported_entry(run: Diary) -> None:
    """SIGKILL at seeded random moments during 200 writes (100 on PostgreSQL): the diary opens, passes
    integrity_check, and holds every entry whose command printed its id, each one whole (entry, episode,
    triggers, journal)."""
    with open_diary(run.location):
        pass
    rng = random.Random(KILL_SEED)
    # A write takes a few ms on SQLite and a few tens of ms on a server (a new connection each);
    # on a busy machine longer, so the kill window is at least a few times one measured write.
    longest = max(0.025 if "://" not in run.location else 0.5, 3 * _one_write_seconds(run.location))
    writes = KILL_WRITES if "://" not in run.location else KILL_WRITES_ON_A_SERVER
    reported: set[int] = set()
    kills = 0
    spare = _spawn_writer(run.location)
    try:
        while len(reported) < writes or kills < MIN_KILLS:
            assert kills < 1000, f"only {len(reported)} writes reported after {kills} kills"
            proc, spare = spare, _spawn_writer(run.location)  # the next one starts up while this one writes
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
            time.sleep(rng.uniform(0.0, longest))
            proc.kill()
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == -9 and "Traceback" not in err and "Error" not in err, err
            reported |= {int(line.split("#")[1].split(":")[0]) for line in out.splitlines()
                         if line.startswith("Logged spasm #")}
            kills += 1
            if "://" not in run.location:  # on a server, rollback of a lost client is the server's job
                found = _check_whole(run, reported)
        found = _check_whole(run, reported)
    finally:
        spare.kill()
        spare.communicate()
    assert found >= len(reported) >= writes
    assert kills >= MIN_KILLS
    assert run("spasm", "3", now=NOW).exit_code == 0
    assert run.count("episode") == found + 1
    print(f"kills survived: {kills}; writes reported: {len(reported)}; episodes found: {found}")


IMPORTER = """
import sys
from diary.cli import cli
import diary.exchange, diary.cli.exchange  # noqa: E401
print("ready", flush=True)
sys.stdin.readline()
cli.main(["--db", sys.argv[1], "import", sys.argv[2]])
"""


def test_an_import_killed_at_random_points_is_all_or_nothing(run_sqlite: Diary, tmp_path: Path) -> None:
    """SIGKILL during an import of 3,000 entries, at seeded random moments: the diary always opens, passes
    integrity_check, and holds none of the file's entries or all of them."""
    source = Diary(str(tmp_path / "source.db"), run_sqlite.monkeypatch)
    now = "2026-11-25T10:00:00+01:00"
    source("spasm", "1", now=now)
    with open_diary(source.location) as store:
        t0 = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
        for i in range(3000):
            entries.log_episode(store, t0, started_at=t0 + dt.timedelta(minutes=i), intensity=i % 11,
                                triggers=[f"t{i % 9}"], note=f"#{i}")
    export = tmp_path / "all.csv"
    assert source("export", "--out", str(export), now=now).exit_code == 0
    with open_diary(run_sqlite.location):
        pass  # an empty diary to import into
    env = dict(os.environ, PYTHONPATH=str(REPO), DIARY_NOW=now)
    rng = random.Random(KILL_SEED)
    outcomes = []
    for attempt in range(8):
        proc = subprocess.Popen([sys.executable, "-c", IMPORTER, run_sqlite.location, str(export)], env=env,
                                text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
        time.sleep(rng.uniform(0.0, 0.25 * (attempt + 1)))
        proc.kill()
        out, err = proc.communicate(timeout=60)
        assert "Traceback" not in err
        conn = sqlite3.connect(run_sqlite.location)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            n = conn.execute("SELECT count(*) FROM episode").fetchone()[0]
            assert conn.execute("SELECT count(*) FROM entry").fetchone()[0] == n
            assert conn.execute("SELECT count(*) FROM change").fetchone()[0] == n
        finally:
            conn.close()
        assert n in (0, 3001), n
        outcomes.append(n)
        if n:
            break
    print(f"import kills: {outcomes}")
    assert outcomes[0] == 0 and len(outcomes) >= 2
    if not outcomes[-1]:
        assert run_sqlite("import", str(export), now=now).exit_code == 0
    assert run_sqlite.count("episode") == 3001


# --- damaged files ----------------------------------------------------------------------------------


def _a_diary_with_entries(run: Diary, n: int = 30) -> Path:
    for i in range(n):
        run("spasm", str(i % 11), "--note", f"entry {i} " + "." * 200, now=NOW)
    return Path(run.location)


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how.startswith("truncated"):
        path.write_bytes(data[: int(len(data) * float(how.split("-")[1]))])
    elif how == "zeroed-schema":
        path.write_bytes(data[:100] + b"\0" * 4000 + data[4100:])
    elif how == "garbage-after-header":
        path.write_bytes(data[:16] + bytes(random.Random(1).randrange(256) for _ in range(len(data) - 16)))
    elif how == "bad-header":
        path.write_bytes(b"SQLite format 2\0" + data[16:])
    elif how == "empty-pages-beyond":
        path.write_bytes(data[:4096])


DAMAGES = ["truncated-0.01", "truncated-0.5", "truncated-0.97", "zeroed-schema", "garbage-after-header", "bad-header",
           "empty-pages-beyond"]
COMMANDS = [["spasm", "7"], ["drink", "250ml"], ["list"], ["today"], ["delete", "3"], ["undo"], ["export"],
            ["db", "backup"], ["db", "upgrade"]]


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_diary_gets_one_line_and_keeps_its_bytes(run_sqlite: Diary, how: str) -> None:
    """A truncated or scrambled diary: every command says so in one line, exit 1, and the file is not touched."""
    path = _a_diary_with_entries(run_sqlite)
    _damage(path, how)
    before = snapshot(path)
    for command in COMMANDS:
        result = run_sqlite(*command, now=NOW)
        assert (result.exit_code, result.stdout) == (1, ""), (command, result.output)
        assert result.stderr == f"Error: {path} is not a diary database (not SQLite, or damaged); nothing was changed\n", command
    assert snapshot(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["diary.db"]


def test_a_folder_where_the_diary_should_be_is_refused(run_sqlite: Diary) -> None:
    """--db naming a folder gets one line, exit 1, and nothing is made inside it."""
    folder = Path(run_sqlite.location)
    folder.mkdir()
    result = run_sqlite("spasm", "7", now=NOW)
    assert (result.exit_code, result.stderr) == (1, f"Error: {folder} is a folder, not a diary file\n")
    assert list(folder.iterdir()) == []


# --- read-only, as a user who really cannot write ----------------------------------------------------


@pytest.fixture
def unprivileged(tmp_path: Path) -> Iterator[tuple[Path, list[str]]]:
    """A folder owned by an unprivileged user and the command prefix that runs as that user.

    Root writes through any mode bits, so as root the commands run as `nobody` (setpriv);
    as any other user they run as that user."""
    if os.geteuid() != 0:
        folder = tmp_path / "mine"
        folder.mkdir(mode=0o700)
        yield folder, []
        for p in [folder, *folder.iterdir()]:
            p.chmod(0o700)
        return
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot run as an unprivileged user to test permissions")
    folder = Path(tempfile.mkdtemp(prefix="diary-perm-"))
    try:
        os.chown(folder, 65534, 65534)
        yield folder, ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _as_user(prefix: list[str], folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DIARY_NOW=NOW, DIARY_HOME=str(folder), PYTHONPATH=str(REPO), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([*prefix, sys.executable, "-m", "diary", "--db", str(folder / "diary.db"), *args],
                          env=env, capture_output=True, text=True, cwd=folder, timeout=60)


@pytest.mark.parametrize("protect", ["file", "folder", "both"])
def test_a_read_only_diary_refuses_writes_in_one_line_and_still_reads(
        unprivileged: tuple[Path, list[str]], protect: str) -> None:
    """Without write permission (file, folder or both): logging is refused in one line, exit 1, the bytes
    and mtime stay as they were, and listing and exporting still work (in a read-only folder, where
    SQLite cannot make the shared-memory file a WAL diary needs, the diary is read as immutable)."""
    folder, prefix = unprivileged
    for i in range(3):
        assert _as_user(prefix, folder, "spasm", str(i + 4)).returncode == 0
    path = folder / "diary.db"
    if protect in ("file", "both"):
        path.chmod(0o400)
    if protect in ("folder", "both"):
        folder.chmod(0o500)
    before = snapshot(path)
    try:
        for command in (["spasm", "7"], ["delete", "1"], ["undo"], ["profile", "--sex", "male"]):
            result = _as_user(prefix, folder, *command)
            assert (result.returncode, result.stdout, result.stderr) == (
                1, "", f"Error: diary {path} is read-only: check the permissions of the file and its folder\n"), command
        listed = _as_user(prefix, folder, "list")
        exported = _as_user(prefix, folder, "export", "--format", "csv")
        assert (listed.returncode, len(listed.stdout.splitlines()), listed.stderr) == (0, 3, "")
        assert (exported.returncode, exported.stdout.count("\nspasm,")) == (0, 3)
    finally:
        folder.chmod(0o700)
    assert snapshot(path) == before


def test_a_diary_in_a_folder_that_cannot_be_made_is_one_line(unprivileged: tuple[Path, list[str]]) -> None:
    """A new diary inside a read-only folder: one line, exit 1, nothing made."""
    folder, prefix = unprivileged
    folder.chmod(0o500)
    try:
        env = dict(os.environ, DIARY_NOW=NOW, PYTHONPATH=str(REPO), PYTHONDONTWRITEBYTECODE="1")
        target = folder / "sub" / "diary.db"
        result = subprocess.run([*prefix, sys.executable, "-m", "diary", "--db", str(target), "spasm", "7"],
                                env=env, capture_output=True, text=True, timeout=60)
    finally:
        folder.chmod(0o700)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    assert str(target.parent) in result.stderr
    assert list(folder.iterdir()) == []


# --- a full disk -----------------------------------------------------------------------------------------


def test_a_full_disk_loses_nothing_and_says_so(small_disk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the disk fills up, logging fails in one line (exit 1), every earlier entry stays, the failed one is
    not half there, and after space is freed the diary works and passes integrity_check."""
    run = Diary(str(small_disk / "diary.db"), monkeypatch)
    for i in range(5):
        assert run("spasm", str(i), now=NOW).exit_code == 0
    filler = fill_disk(small_disk)
    failures = []
    for i in range(40):  # big notes fill any slack the last pages had
        result = run("spasm", "9", "--note", "x" * 1990, "--trigger", f"full{i}", now=NOW)
        if result.exit_code:
            failures.append(result)
    assert failures, "the disk never filled up"
    for result in failures:
        assert (result.exit_code, result.stderr) == (
            1, f"Error: the disk holding diary {run.location} is full: nothing was written; free some space and try again\n")
    filler.unlink()
    conn = sqlite3.connect(run.location)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute("SELECT count(*) FROM episode").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM entry").fetchone()[0] == rows
        assert conn.execute("SELECT count(*) FROM episode_trigger").fetchone()[0] == rows - 5
    finally:
        conn.close()
    assert rows == 5 + 40 - len(failures)
    assert run("spasm", "1", now=NOW).exit_code == 0
    assert run.count("episode") == rows + 1


def test_an_export_to_a_full_disk_leaves_no_partial_file(run_sqlite: Diary, small_disk: Path) -> None:
    """Exporting onto a full disk: one line, exit 1, and neither the export nor its temporary file is left."""
    for i in range(20):
        run_sqlite("spasm", str(i % 11), "--note", "n" * 500, now=NOW)
    filler = fill_disk(small_disk)
    out = small_disk / "x.json"
    result = run_sqlite("export", "--out", str(out), now=NOW)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: cannot write {out}: No space left on device; nothing was exported\n")
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]
    filler.unlink()


def test_a_new_diary_on_a_full_disk_is_not_left_half_made(small_disk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Creating a diary where there is no room: one line, exit 1, and no half-made diary file left behind."""
    filler = fill_disk(small_disk)
    run = Diary(str(small_disk / "diary.db"), monkeypatch)
    result = run("spasm", "7", now=NOW)
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1, result.stderr
    assert "full" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]
    filler.unlink()


# --- a server that refuses writes ----------------------------------------------------------------------------


@pytest.fixture
def server_diary() -> Iterator[str]:
    """A fresh PostgreSQL diary location (the test is about servers only)."""
    if not POSTGRES:
        pytest.skip("DIARY_TEST_POSTGRES is not set")
    from tests.conftest import _create_postgres_database, _drop_postgres_database

    url = _create_postgres_database()
    try:
        yield url
    finally:
        _drop_postgres_database(url)


@pytest.mark.postgres
def test_a_read_only_server_connection_is_one_line(server_diary: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PostgreSQL diary reached read-only (a standby, a read-only role): logging gets one line, exit 1,
    nothing written; reading still works."""
    url = server_diary
    writer = Diary(url, monkeypatch)
    assert writer("spasm", "5", now=NOW).exit_code == 0
    from sqlalchemy.engine import make_url

    base = make_url(url)
    read_only = base.update_query_dict(
        {"options": base.query["options"] + " -cdefault_transaction_read_only=on"}).render_as_string(hide_password=False)
    reader = Diary(read_only, monkeypatch)
    shown = make_url(read_only).render_as_string(hide_password=True)
    result = reader("spasm", "7", now=NOW)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: database {shown} refused the command (cannot execute INSERT in a read-only transaction); "
           "nothing was written\n")
    assert writer.count("episode") == 1
    assert reader("list", now=NOW).stdout.count("spasm") == 1
