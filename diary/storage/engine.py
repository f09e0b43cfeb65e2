"""SQLAlchemy's side of storage: engines, a Store over a Session, PostgreSQL server diaries
(upgraded in place, one writer at a time), and the read connection the report uses.

Never imported on the logging path for a current SQLite diary (see opening.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import URL, Connection, CursorResult, Engine, Result, create_engine, event, insert, text, update
from sqlalchemy.orm import Session

from diary import schema
from diary.errors import DiaryFileError, UpgradeFailed
from diary.models import Base
from diary.storage import locations, migrate, sqlite_file
from diary.storage.store import check_columns


def make_engine(url: str | URL) -> Engine:
    """An engine for `url`; on SQLite, foreign keys on and the same busy timeout as the fast path."""
    if (url if isinstance(url, str) else url.drivername).startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": sqlite_file.busy_timeout()})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys = ON")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


class SessionStore:
    """A Store (diary/storage/store.py) over a SQLAlchemy Session: the same behaviour on any dialect."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.batch: int | None = None

    def insert(self, table: str, values: Mapping[str, Any]) -> int:
        check_columns(table, values)
        t = Base.metadata.tables[table]
        result: Any = self.session.execute(insert(t).values(**values))
        key = result.inserted_primary_key
        # 0 for a table whose key is not an integer id (web_submission's client_id), as SqliteStore does
        return key[0] if key is not None and len(key) == 1 and isinstance(key[0], int) else 0

    def update(self, table: str, row_id: int, values: Mapping[str, Any]) -> int:
        check_columns(table, values)
        t = Base.metadata.tables[table]
        return _rowcount(self.session.execute(update(t).where(t.c.id == row_id).values(**values)))

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.session.execute(text(sql), dict(params or {}))]

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        return _rowcount(self.session.execute(text(sql), dict(params or {})))




# --- Servers (PostgreSQL) ------------------------------------------------------------


def server_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


# Writing commands on one server diary take this transaction-scoped advisory lock, so they
# run one after another as they do on SQLite (BEGIN IMMEDIATE): two terminals cannot both
# mark a day quiet or both undo the same change. The lock is per schema, so diaries kept in
# separate schemas of one database do not wait for each other.
WRITE_LOCK_KEY = 0x64696172  # "diar"


@contextlib.contextmanager
def server_session(url: str, *, write: bool = True) -> Iterator[SessionStore]:
    """A Store on a database server, upgraded to the current schema, inside one transaction
    (a writing one holds the diary's write lock until it ends).

    A server diary is not backed up by copying a file: the message says to use the
    server's own tools (pg_dump) before an upgrade.
    """
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    url = server_url(url)
    locations.check_server_url(url)
    try:
        engine = make_engine(url)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DiaryFileError(
            f"cannot use database {_safe_url_or_text(url)} ({reason}): give a file path, or a PostgreSQL URL like "
            "postgresql+psycopg://user@host/dbname (needs pip install 'diary[postgres]')"
        ) from None
    try:
        try:
            current = server_revision(engine)
            sqlite_file.check_not_newer(current, _safe_url(url))
            if current != schema.HEAD:  # the generated list, not a read of the migrations folder each time
                with engine.begin() as conn:
                    migrate.upgrade_connection(conn)
        except SQLAlchemyError as exc:
            cause = getattr(exc, "orig", None) or exc
            raise DiaryFileError(f"cannot use database {_safe_url(url)}: {exc.__class__.__name__}: {cause}") from None
        except DiaryFileError:
            raise
        except Exception as exc:  # a migration's own error: PostgreSQL rolled its DDL back with it
            raise UpgradeFailed(f"upgrading database {_safe_url(url)} failed ({type(exc).__name__}: {exc}); "
                                "it was rolled back and is as it was") from exc
        try:
            with Session(engine) as session, session.begin():
                if engine.dialect.name == "postgresql":
                    from diary.storage.objects import foreign_objects_server, refuse_foreign

                    refuse_foreign(foreign_objects_server(session.connection()), _safe_url(url))
                if write and engine.dialect.name == "postgresql":
                    session.execute(text("SELECT pg_advisory_xact_lock(:key, hashtext(current_schema()))"),
                                    {"key": WRITE_LOCK_KEY})
                yield SessionStore(session)
                # The commit follows as the block ends: a Ctrl-C during it leaves the outcome
                # to the server (sqlite_file.COMMITS tells the CLI).
                sqlite_file.COMMITS.in_doubt += write
            if write:
                sqlite_file.COMMITS.in_doubt -= 1
                sqlite_file.COMMITS.committed += 1
        except SQLAlchemyError as exc:
            # The command's transaction was rolled back; say why in one line (a read-only
            # role, a dropped connection ...) instead of a traceback.
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise DiaryFileError(f"database {_safe_url(url)} refused the command ({reason}); "
                                 "nothing was written") from None
    finally:
        engine.dispose()


def server_url(url: str) -> str:
    """The URL SQLAlchemy should use: the common postgres:// and postgresql:// forms mean
    the psycopg (3) driver this program installs, not psycopg2."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _safe_url_or_text(url: str) -> str:
    """The URL without its password, or as typed when it is not a URL at all."""
    return locations.shown_url(url)


def _safe_url(url: str) -> str:
    """The URL without its password, for messages (never parsed: see locations.shown_url)."""
    return locations.shown_url(url)


@contextlib.contextmanager
def read_connection(location: str) -> Iterator[Connection]:
    """A SQLAlchemy connection to the diary at `location` (path or URL) inside one read
    transaction, so every query of a report sees the same snapshot. The diary must exist."""
    if locations.is_server_url(location):
        url: str | URL = location
    else:
        url = migrate.sqlite_url(locations.sqlite_path(location), read_only=True)
    engine = make_engine(url)
    try:
        with engine.connect() as conn, conn.begin():
            yield conn
    finally:
        engine.dispose()


def _rowcount(result: Result[Any]) -> int:
    """The rows an UPDATE or DELETE matched: Session.execute is typed as returning a Result, but
    for these statements it is a CursorResult, which has the count."""
    assert isinstance(result, CursorResult)
    return int(result.rowcount)
