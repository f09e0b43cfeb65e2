"""The one way to open a diary: for one command's transaction (`open_diary`), or to look
without changing anything (`peek`). The fast standard-library path when it can, the full
SQLAlchemy/Alembic path when it must (a new file, an older schema, a server URL).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from diary import schema
from diary.errors import DatabaseReadOnly, DiaryError, NotADiary
from diary.storage import locations, sqlite_file
from diary.storage.store import SqliteStore, Store


@contextlib.contextmanager
def open_diary(location: str, *, write: bool = True, create: bool = True,
               notice: Callable[[str], None] | None = None) -> Iterator[Store]:
    """Yield a Store inside one transaction on the diary at `location` (a path or URL).

    Commits when the block ends, rolls back if it raises. Creates a missing diary
    (folder 0700, file 0600) and upgrades an older one after backing it up; `notice`
    is told of either in one sentence. Without `write` or `create`, a diary that does
    not exist yet is read as an empty one and no file is made.
    """
    os.umask(0o077)  # anything this process writes beside the diary is the owner's only
    if locations.is_server_url(location):
        from diary.storage.engine import server_session

        with server_session(location, write=write) as store:
            yield store
        return
    path = locations.sqlite_path(location)
    if not (write and create) and not (path.exists() and path.stat().st_size > 0) and not path.is_dir():
        # Reading a diary that does not exist yet: answer from an empty one, make no file.
        conn = _empty_in_memory()
        try:
            yield SqliteStore(conn)
        finally:
            conn.close()
        return
    # A diary this call makes is only kept if the command's transaction commits: a refused
    # command (an import with a bad row, say) leaves no new empty file behind, and says
    # nothing of having made one.
    new = write and not path.exists()
    said: list[str] = []
    if write:
        # Before connecting, not only after: SQLite gives the -wal and -shm files the diary's
        # mode, so a diary someone loosened to 0644 would spill this command's entry.
        sqlite_file.secure(path)
    try:
        conn = _open_current(path, said.append if new else notice)
    except DatabaseReadOnly:
        frozen = None if write else _open_frozen(path)
        if frozen is None:
            raise
        conn = frozen
    committed = False
    try:
        with sqlite_file.transaction(conn, path, write=write):
            yield SqliteStore(conn)
        committed = True
    finally:
        conn.close()
        if new and not committed:
            for made in (path, *(Path(f"{path}{side}") for side in ("-wal", "-shm", "-journal"))):
                made.unlink(missing_ok=True)
    for text in said:
        if notice is not None:
            notice(text)
    if write:
        sqlite_file.secure(path)


def _open_frozen(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to a current diary in a folder nobody can write (a read-only
    mount, a locked-down copy), or None.

    A WAL diary normally needs its -shm file even to be read, which such a folder cannot
    hold; when no -wal file with unsaved pages lies beside it, nothing can be writing it,
    so SQLite may read the file as immutable.
    """
    from urllib.parse import quote

    wal = Path(f"{path}-wal")
    if os.access(path.parent, os.W_OK) or (wal.exists() and wal.stat().st_size > 0):
        return None
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1", uri=True,
                               isolation_level=None)
        version = sqlite_file.schema_version(conn, path)
    except (sqlite3.Error, DiaryError):
        return None
    if version != schema.HEAD:
        conn.close()
        return None
    return conn


def _empty_in_memory() -> sqlite3.Connection:
    """An empty diary in memory, with the current schema."""

    from sqlalchemy import create_engine, pool

    from diary.models import Base

    conn = sqlite3.connect(":memory:", isolation_level=None)
    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=pool.StaticPool)
    Base.metadata.create_all(engine)
    return conn


def _open_current(path: Path, notice: Callable[[str], None] | None = None) -> sqlite3.Connection:
    """A connection to a diary at the current schema, creating or upgrading it first."""
    if path.is_dir():
        raise NotADiary(f"{path} is a folder, not a diary file")
    if path.exists() and path.stat().st_size > 0:
        conn = sqlite_file.connect(path)
        try:
            version = sqlite_file.schema_version(conn, path)
        except BaseException:
            conn.close()  # a damaged file: do not leave the connection (and its -wal/-shm) open
            raise
        if version == schema.HEAD:
            return conn
        conn.close()
        sqlite_file.check_not_newer(version, path)
    from diary.storage.migrate import create_sqlite, upgrade_sqlite

    if path.exists() and path.stat().st_size > 0:
        backup = upgrade_sqlite(path)
        if notice and backup is not None:
            notice(f"Upgraded diary {path} to schema {schema.HEAD}; the previous file is kept at {backup}.")
    else:
        create_sqlite(path)
        if notice:
            notice(f"Made a new diary at {path}.")
    return sqlite_file.connect(path)


@contextlib.contextmanager
def peek(location: str) -> Iterator[Store | None]:
    """A read-only look at the diary at `location` as it is, before anything is written:
    None when there is no diary yet; an SQLite diary of an older schema is read as it is
    (not upgraded: a command refused for bad input changes nothing). Raises the
    DiaryFileErrors of a file that is not a usable diary."""
    if locations.is_server_url(location):
        with open_diary(location, write=False) as store:
            yield store
        return
    path = locations.sqlite_path(location)
    if not path.exists() or path.stat().st_size == 0:
        yield None
        return
    if path.is_dir():
        raise NotADiary(f"{path} is a folder, not a diary file")
    conn = sqlite_file.connect(path)
    try:
        try:
            version = sqlite_file.schema_version(conn, path)
        except DatabaseReadOnly:
            frozen = _open_frozen(path)
            if frozen is None:
                raise
            conn.close()
            conn, version = frozen, schema.HEAD
        sqlite_file.check_not_newer(version, path)
        yield None if version is None else SqliteStore(conn)
    finally:
        conn.close()
