"""The narrow storage interface the domain functions write through.

Two implementations with the same behaviour: `SqliteStore` (standard library, the fast
logging path) and `diary.storage.engine.SessionStore` (a SQLAlchemy Session, for PostgreSQL
and for tests that compare the two). SQL passed to `rows`/`execute` uses :name
parameters and only plain values; instants and days are bound as the text that
`diary.dbtime` defines, so both stores see the same stored form.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any, Protocol

from diary import schema
from diary.dbtime import to_db


class Store(Protocol):
    """What the domain functions need from a database, inside one transaction.

    `batch` is the undo batch of the command writing through this store (the id of its
    first journaled change; None until then): see diary.entries.journal.
    """

    batch: int | None

    def insert(self, table: str, values: Mapping[str, Any]) -> int:
        """Insert one row and return its id (0 for tables without an id column)."""

    def update(self, table: str, row_id: int, values: Mapping[str, Any]) -> int:
        """Set `values` on the row with this id; return the number of rows changed."""

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """Run a SELECT and return all its rows."""

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        """Run a statement and return the number of rows it changed."""


def check_columns(table: str, values: Mapping[str, Any]) -> list[str]:
    """The columns named by `values`, refusing any the models do not define."""
    known = schema.COLUMNS[table]
    unknown = [k for k in values if k not in known]
    if unknown:
        raise KeyError(f"table {table} has no column {', '.join(unknown)}")
    return list(values)


class SqliteStore:
    """A Store over a plain sqlite3 connection; statements come from diary/schema.py."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.batch: int | None = None

    def insert(self, table: str, values: Mapping[str, Any]) -> int:
        cols = check_columns(table, values)
        sql = f'INSERT INTO "{table}" ({", ".join(cols)}) VALUES ({", ".join(":" + c for c in cols)})'
        cur = self.conn.execute(sql, {k: to_db(v) for k, v in values.items()})
        return int(cur.lastrowid or 0)

    def update(self, table: str, row_id: int, values: Mapping[str, Any]) -> int:
        cols = check_columns(table, values)
        sets = ", ".join(f"{c} = :{c}" for c in cols)
        params = {k: to_db(v) for k, v in values.items()} | {"_id": row_id}
        return self.conn.execute(f'UPDATE "{table}" SET {sets} WHERE id = :_id', params).rowcount

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, dict(params or {})).fetchall()

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        return self.conn.execute(sql, dict(params or {})).rowcount
