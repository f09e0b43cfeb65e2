"""The standard-library side of an SQLite diary: connect, check the schema version
without Alembic, run one transaction, and turn SQLite's errors into one-line DiaryErrors.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from diary import schema
from diary.errors import (
    DatabaseLocked,
    DatabaseReadOnly,
    DiaryError,
    DiaryFileError,
    DiaryTooNew,
    DiskFull,
    NotADiary,
)

DEFAULT_BUSY_TIMEOUT_S = 10.0


def busy_timeout() -> float:
    """Seconds to wait for another writer (DIARY_BUSY_TIMEOUT overrides, for tests)."""
    try:
        return float(os.environ.get("DIARY_BUSY_TIMEOUT", DEFAULT_BUSY_TIMEOUT_S))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT_S


def translate(exc: BaseException, path: Path | str) -> DiaryError:
    """The DiaryError a user should see for an sqlite3 error on the diary at `path`."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLocked(f"diary {path} is locked by another program (waited {busy_timeout():g} s); try again")
    if "readonly" in text or "read-only" in text or ("unable to open" in text and Path(path).exists()):
        return DatabaseReadOnly(f"diary {path} is read-only: check the permissions of the file and its folder")
    if "unable to open" in text:
        return DatabaseReadOnly(f"cannot open diary {path}: check that its folder exists and is writable")
    if "disk is full" in text or "database or disk is full" in text or ("disk i/o error" in text and _disk_full(path)):
        # A fresh connection on a full disk fails to grow its -shm file: SQLite says only
        # "disk I/O error" (SQLITE_IOERR_SHMSIZE), so the free space decides.
        return DiskFull(f"the disk holding diary {path} is full: nothing was written; free some space and try again")
    if "not a database" in text or "malformed" in text or "disk image" in text:
        return NotADiary(f"{path} is not a diary database (not SQLite, or damaged); nothing was changed")
    return DiaryFileError(f"diary {path}: {exc}")


def _disk_full(path: Path | str) -> bool:
    """True when the file system holding `path` has (almost) no space left for this user."""
    try:
        st = os.statvfs(Path(path).parent)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 64 * 1024


def connect(path: Path) -> sqlite3.Connection:
    """Open the diary in autocommit mode; transactions are explicit (see `transaction`)."""
    try:
        conn = sqlite3.connect(path, timeout=busy_timeout(), isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    return conn


def schema_version(conn: sqlite3.Connection, path: Path, *, check_objects: bool = True) -> str | None:
    """The Alembic revision stamped in the file; None for an empty file.

    Raises NotADiary for a file that is not SQLite or holds another program's tables, and
    (unless `check_objects` is False) ForeignObjects for one holding a trigger, view, table
    or index the program did not make (diary/storage/objects.py).
    """
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not names:
            return None
        if "alembic_version" not in names:
            raise NotADiary(f"{path} is an SQLite file but not a diary; nothing was changed")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    if row is None:
        raise NotADiary(f"{path} has no schema version; nothing was changed")
    if check_objects and str(row[0]) in schema.REVISIONS:  # a newer diary is refused as such instead
        from diary.storage.objects import foreign_objects_sqlite, refuse_foreign

        try:
            refuse_foreign(foreign_objects_sqlite(conn, str(row[0])), str(path))
        except sqlite3.Error as exc:
            raise translate(exc, path) from None
    return str(row[0])


def check_not_newer(version: str | None, path: Path | str) -> None:
    """Refuse a diary whose schema this program does not know (written by a newer version)."""
    if version is not None and version not in schema.REVISIONS:
        raise DiaryTooNew(
            f"diary {path} was written by a newer version of diary (schema {version}); "
            "upgrade diary to open it; the file was not changed"
        )


class CommitLog:
    """What this command's writing transactions came to, so the CLI can say what is true on
    Ctrl-C: an interrupt can land after COMMIT has returned (a big import), and must then not
    be reported as "nothing was written". The counts only grow: the CLI compares them before
    and after a command."""

    def __init__(self) -> None:
        self.committed = 0
        self.in_doubt = 0  # a server was saving when the command was interrupted


COMMITS = CommitLog()


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, path: Path, *, write: bool = True) -> Iterator[sqlite3.Connection]:
    """One transaction: all of the block's statements, or none of them.

    A writing transaction takes the write lock up front (BEGIN IMMEDIATE), so two
    terminals logging at once queue on the busy timeout instead of failing midway.
    """
    try:
        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    committing = False
    try:
        yield conn
        committing = True
        conn.execute("COMMIT")
        if write:
            COMMITS.committed += 1
    except BaseException as exc:
        if committing and not conn.in_transaction:
            # COMMIT had returned when this (a Ctrl-C) landed: everything was written.
            if write:
                COMMITS.committed += 1
            raise
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise translate(exc, path) from None
        raise


def secure(path: Path) -> None:
    """Make the diary and the files SQLite keeps beside it readable by the owner only."""
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            if p.stat().st_mode & 0o077:
                p.chmod(0o600)


def check_sound(path: Path) -> None:
    """Raise NotADiary unless `path` is an SQLite file that passes SQLite's quick check."""
    conn = connect(path)
    try:
        result = [r[0] for r in conn.execute("PRAGMA quick_check")]
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    finally:
        conn.close()
    if result != ["ok"]:
        raise NotADiary(f"{path} is not a diary database (not SQLite, or damaged); nothing was changed")
