"""Storage: the one way to open a diary, on both drivers.

- `open_diary(location, write=..., create=...)`: a Store inside one transaction (opening.py).
- `peek(location)`: look without creating, upgrading or writing anything.
- `read_connection(location)`: a read-only SQLAlchemy Connection, for the report's queries.
- store.py: the Store interface and its standard-library implementation (the fast path);
  engine.py: SQLAlchemy's (PostgreSQL, and the report's read connection);
  sqlite_file.py: an SQLite diary file (connect, schema version, errors in one line);
  migrate.py: new diaries and upgrades with a backup first; locations.py: where a diary is.

Importing this package loads only the standard library; SQLAlchemy comes in when needed.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from diary.storage.opening import open_diary, peek
from diary.storage.store import Store

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ["Store", "open_diary", "peek", "read_connection"]


def read_connection(location: str) -> AbstractContextManager[Connection]:
    """A read-only SQLAlchemy connection to the diary at `location` (loads SQLAlchemy, so only
    the report calls it; see engine.read_connection)."""
    from diary.storage.engine import read_connection as connect

    return connect(location)
