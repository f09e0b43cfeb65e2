"""The full database path: SQLAlchemy engines and sessions, Alembic upgrades with a backup
first, and PostgreSQL. The logging path never imports this module for a current SQLite
diary (see diary/session.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, text, update
from sqlalchemy.orm import Session

from diary import _schema, sqlitedb
from diary.errors import DatabaseLocked, DatabaseReadOnly, DiaryFileError, DiskFull, UpgradeFailed
from diary.models import Base
from diary.store import check_columns


def make_engine(url: str) -> Engine:
    """An engine for `url`; on SQLite, foreign keys on and the same busy timeout as the fast path."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": sqlitedb.busy_timeout()})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys = ON")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


class SessionStore:
    """A Store (diary/store.py) over a SQLAlchemy Session: the same behaviour on any dialect."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.batch: int | None = None

    def insert(self, table: str, values: Mapping[str, Any]) -> int:
        check_columns(table, values)
        t = Base.metadata.tables[table]
        result = self.session.execute(insert(t).values(**values))
        key = result.inserted_primary_key
        return int(key[0]) if key is not None and len(key) == 1 and key[0] is not None else 0

    def update(self, table: str, row_id: int, values: Mapping[str, Any]) -> int:
        check_columns(table, values)
        t = Base.metadata.tables[table]
        return self.session.execute(update(t).where(t.c.id == row_id).values(**values)).rowcount  # type: ignore[attr-defined, no-any-return]

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.session.execute(text(sql), dict(params or {}))]

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        return self.session.execute(text(sql), dict(params or {})).rowcount  # type: ignore[attr-defined, no-any-return]


# --- Alembic -----------------------------------------------------------------------


def alembic_config(url: str | None = None) -> Any:
    """An Alembic Config pointing at the installed migrations (no alembic.ini needed)."""
    from alembic.config import Config

    import diary.migrations

    cfg = Config()
    cfg.set_main_option("script_location", os.path.dirname(diary.migrations.__file__))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def script_revisions() -> tuple[str, ...]:
    """Every revision of the migrations, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return tuple(reversed([r.revision for r in script.walk_revisions()]))


def upgrade_connection(conn: Any, target: str = "head") -> None:
    """Run the migrations up to `target` on an open SQLAlchemy connection."""
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)


def column_rules() -> dict[str, dict[str, dict[str, Any]]]:
    """Per table and column, what a value must be, from the models: its type (instant, day,
    bool, int, float, text), whether it may be NULL, its default, its longest text, and the
    CHECK constraints' choices or range."""
    from sqlalchemy import Boolean, Float, Integer, String

    from diary.models import LocalDay, UTCInstant

    rules: dict[str, dict[str, dict[str, Any]]] = {}
    for table in Base.metadata.sorted_tables:
        cols: dict[str, dict[str, Any]] = {}
        for column in table.columns:
            kind = column.type
            if isinstance(kind, UTCInstant):
                type_name = "instant"
            elif isinstance(kind, LocalDay):
                type_name = "day"
            elif isinstance(kind, Boolean):
                type_name = "bool"
            elif isinstance(kind, Integer):
                type_name = "int"
            elif isinstance(kind, Float):
                type_name = "float"
            elif isinstance(kind, String):  # Text is a String without a length
                type_name = "text"
            else:  # pragma: no cover - a new column type needs a decision here
                raise TypeError(f"no rule for the type of {table.name}.{column.name} ({kind!r})")
            rule: dict[str, Any] = {"type": type_name, "nullable": bool(column.nullable)}
            if column.server_default is not None:
                rule["default"] = False  # the models' only defaults: flags that are off unless said
            length = getattr(kind, "length", None)
            if type_name == "text" and length:
                rule["max_length"] = length
            cols[column.name] = rule
        for constraint in table.constraints:
            found = constraint.info.get("rule")
            if found:
                cols[found["column"]].update({k: v for k, v in found.items() if k != "column"})
        rules[table.name] = cols
    return rules


def render_schema_module() -> str:
    """The text of diary/_schema.py: what the standard-library path needs from the models."""
    revisions = script_revisions()
    lines = [
        '"""Generated by scripts/gen_schema.py from diary/models.py and migrations/: do not edit.',
        "",
        "The standard-library logging path builds its statements from these names and checks",
        "the file's schema version against REVISIONS; every path in validates values with",
        "RULES (diary/rules.py). tests/test_fastpath.py fails if this file is out of date.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any",
        "",
        f"HEAD = {revisions[-1]!r}",
        f"REVISIONS = {revisions!r}",
        "COLUMNS: dict[str, tuple[str, ...]] = {",
    ]
    for table in Base.metadata.sorted_tables:
        lines.append(f"    {table.name!r}: {tuple(c.name for c in table.columns)!r},")
    lines.append("}")
    lines.append("RULES: dict[str, dict[str, dict[str, Any]]] = {")
    for table, cols in column_rules().items():
        lines.append(f"    {table!r}: {{")
        for name, rule in cols.items():
            lines.append(f"        {name!r}: {rule!r},")
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- SQLite files: create, upgrade with backup, restore ------------------------------


def backup_path(path: Path, now: dt.datetime | None = None) -> Path:
    """A dated backup name beside the diary that does not exist yet."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.{stamp}.bak")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.{stamp}-{n}.bak")
    return candidate


def backup_file(path: Path, dest: Path | None = None) -> Path:
    """Copy the diary to a dated backup (mode 0600) through SQLite's online backup, so a
    busy diary's write-ahead log is included and the copy is consistent."""
    dest = dest or backup_path(path)
    old_umask = os.umask(0o077)
    try:
        src = sqlitedb.connect(path)
        try:
            out = sqlite3.connect(dest)
            try:
                src.backup(out)
            finally:
                out.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise sqlitedb.translate(exc, path) from None
    finally:
        os.umask(old_umask)
    dest.chmod(0o600)
    return dest


def _byte_copy(src: Path, dest: Path) -> None:
    old_umask = os.umask(0o077)
    try:
        shutil.copyfile(src, dest)
    finally:
        os.umask(old_umask)
    dest.chmod(0o600)


def create_sqlite(path: Path) -> None:
    """Make a new diary file (folder 0700, file 0600) with the current schema."""
    if not path.parent.exists():
        old = os.umask(0o077)
        try:
            path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
        except OSError as exc:  # a read-only or full disk, a file in the way: one line, not a traceback
            raise DatabaseReadOnly(f"cannot make the folder {path.parent} for diary {path}: {exc.strerror or exc}") from None
        finally:
            os.umask(old)
    old_umask = os.umask(0o077)
    try:
        conn = sqlitedb.connect(path)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as exc:
            raise sqlitedb.translate(exc, path) from None
        finally:
            conn.close()
        _run_upgrade(path)
    except BaseException:
        # A diary that could not be made whole is not left behind half made.
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        raise
    finally:
        os.umask(old_umask)
    sqlitedb.secure(path)


def _upgrade_engine(path: Path) -> Engine:
    """An engine for migrating an SQLite diary: one real transaction, foreign keys off.

    pysqlite runs DDL outside any transaction, so a crash midway through a migration
    left a half-migrated file that every later upgrade then failed on; here SQLAlchemy's
    own BEGIN IMMEDIATE makes the whole upgrade one transaction (SQLAlchemy's documented
    pysqlite recipe). Foreign keys are off because a batch migration rebuilds a table by
    DROP TABLE, which with them on first deletes its rows and cascades (rebuilding
    `episode` deleted every episode's triggers); _run_upgrade checks them before commit.
    """
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": sqlitedb.busy_timeout()})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA foreign_keys = OFF")

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _run_upgrade(path: Path, target: str = "head") -> None:
    engine = _upgrade_engine(path)
    try:
        with engine.begin() as conn:
            upgrade_connection(conn, target)
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"the migration left {len(broken)} rows pointing at rows that do not exist "
                                   f"(first: {broken[0][0]} row {broken[0][1]})")
    except Exception as exc:
        if isinstance(exc, sqlite3.Error) or isinstance(getattr(exc, "orig", None), sqlite3.Error):
            raise sqlitedb.translate(getattr(exc, "orig", exc), path) from None
        raise
    finally:
        engine.dispose()


def _backup_whole(conn: sqlite3.Connection, path: Path) -> Path:
    """Copy the diary byte for byte to a dated backup that holds every committed entry.

    The write-ahead log is first checkpointed into the file; if another program's open
    snapshot keeps entries in the log, a byte copy would leave them out (and a failed
    upgrade's restore would then lose them), so the upgrade is refused until it closes.
    The copy is made holding the write lock, so nothing is committed meanwhile.
    """
    in_use = DatabaseLocked(f"diary {path} is open in another program, so it cannot be backed up before its "
                            "upgrade; close that program and try again; nothing was changed")
    try:
        busy, log, done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy or log != done:
            raise in_use
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise sqlitedb.translate(exc, path) from None
    try:
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:  # a commit slipped in after the checkpoint
            raise in_use
        backup = backup_path(path)
        try:
            _byte_copy(path, backup)
        except OSError as exc:
            # No room (or no permission) for the backup: nothing was changed, and no half
            # backup is left to be mistaken for a whole one.
            with contextlib.suppress(OSError):
                backup.unlink()
            if exc.errno == errno.ENOSPC:
                raise DiskFull(f"the disk holding diary {path} is full: there is no room for the backup an upgrade "
                               "makes first; nothing was changed; free some space and try again") from None
            raise DiaryFileError(f"cannot back up diary {path} to {backup} before upgrading it "
                                 f"({exc.strerror or exc}); nothing was changed") from None
        return backup
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _rolled_back_cleanly(path: Path, version: str) -> bool:
    """True when, after a failed upgrade, the diary is sound and still at its old version."""
    try:
        conn = sqlitedb.connect(path)
        try:
            sound = [r[0] for r in conn.execute("PRAGMA quick_check")] == ["ok"]
            return sound and sqlitedb.schema_version(conn, path) == version
        finally:
            conn.close()
    except Exception:
        return False


def _restore(path: Path, backup: Path) -> str:
    """Put the backup's bytes back in one rename (only for a diary a failed upgrade left damaged)."""
    # The failed transaction's -wal frames were never committed; drop them first (room on a
    # full disk), then put the old bytes back.
    for side in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            side.unlink()
    restoring = path.with_name(f".{path.name}.restoring")
    try:
        _byte_copy(backup, restoring)
        os.replace(restoring, path)
    except OSError:
        with contextlib.suppress(OSError):
            restoring.unlink()
        return f"the failed upgrade was rolled back, and the file as it was is also kept at {backup}"
    return f"the diary was restored from {backup}"


def upgrade_sqlite(path: Path, *, target: str = "head") -> Path | None:
    """Bring an older diary up to the current schema; return the backup made first.

    The file is checkpointed and copied byte for byte to a dated backup (0600) before any
    change. The upgrade is one transaction: if it fails, SQLite rolls it back and the diary
    is left as it is; only if it were then damaged or half upgraded is the backup copied
    back. UpgradeFailed says which, and names the backup.
    """
    conn = sqlitedb.connect(path)
    try:
        version = sqlitedb.schema_version(conn, path)
        sqlitedb.check_not_newer(version, path)
        if version is None:
            conn.close()
            create_sqlite(path)
            return None
        if version == script_revisions()[-1] and target == "head":
            return None
        backup = _backup_whole(conn, path)
    finally:
        conn.close()
    try:
        _run_upgrade(path, target)
    except BaseException as exc:
        if _rolled_back_cleanly(path, version):
            # The upgrade is one transaction: SQLite rolled it back and the diary is as it
            # was, including anything another program wrote since the backup was taken, so
            # copying the backup over it could only lose entries.
            restored = f"the diary is unchanged (a copy made before the upgrade is kept at {backup})"
        else:
            restored = _restore(path, backup)
        if isinstance(exc, DiaryFileError):
            raise
        raise UpgradeFailed(f"upgrading diary {path} failed ({type(exc).__name__}: {exc}); {restored}") from exc
    sqlitedb.secure(path)
    return backup


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
            sqlitedb.check_not_newer(current, _safe_url(url))
            if current != _schema.HEAD:  # the generated list, not a read of the migrations folder each time
                with engine.begin() as conn:
                    upgrade_connection(conn)
        except SQLAlchemyError as exc:
            raise DiaryFileError(f"cannot use database {_safe_url(url)}: {exc.__class__.__name__}: {exc.orig or exc}") from None  # type: ignore[attr-defined]
        except DiaryFileError:
            raise
        except Exception as exc:  # a migration's own error: PostgreSQL rolled its DDL back with it
            raise UpgradeFailed(f"upgrading database {_safe_url(url)} failed ({type(exc).__name__}: {exc}); "
                                "it was rolled back and is as it was") from exc
        try:
            with Session(engine) as session, session.begin():
                if write and engine.dialect.name == "postgresql":
                    session.execute(text("SELECT pg_advisory_xact_lock(:key, hashtext(current_schema()))"),
                                    {"key": WRITE_LOCK_KEY})
                yield SessionStore(session)
        except SQLAlchemyError as exc:
            # The command's transaction was rolled back; say why in one line (a read-only
            # role, a dropped connection ...) instead of a traceback.
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise DiaryFileError(f"database {_safe_url(url)} refused the command ({reason}); nothing was written") from None
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
    try:
        return _safe_url(url)
    except Exception:
        return url.split("@")[-1] if "@" in url else url


def _safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
