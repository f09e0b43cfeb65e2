"""Making and upgrading diaries: Alembic's migrations, a new SQLite diary, an upgrade with a
byte-for-byte backup first (restored if needed), and diary/schema.py's generator.

Never imported on the logging path for a current SQLite diary (see opening.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, pool

from diary.errors import DatabaseLocked, DatabaseReadOnly, DiaryFileError, DiskFull, OutputUnusable, UpgradeFailed
from diary.models import Base
from diary.storage import sqlite_file

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


def objects_by_revision(revisions: tuple[str, ...]) -> dict[str, dict[str, tuple[Any, ...]]]:
    """The tables and indexes a diary holds at each revision, read off an empty SQLite diary
    taken through the migrations one revision at a time."""
    conn = sqlite3.connect(":memory:")
    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=pool.StaticPool)
    from diary.storage.objects import normal_definition

    found: dict[str, dict[str, tuple[Any, ...]]] = {}
    try:
        for revision in revisions:
            with engine.begin() as sa_conn:
                upgrade_connection(sa_conn, revision)
            rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' "
                                "ESCAPE '\\' AND type IN ('table', 'index') ORDER BY name").fetchall()
            found[revision] = {kind: tuple(n for k, n, _ in rows if k == kind) for kind in ("table", "index")}
            found[revision]["index_sql"] = tuple((n, normal_definition(sql)) for k, n, sql in rows if k == "index")
    finally:
        engine.dispose()
    return found


def render_schema_module() -> str:
    """The text of diary/schema.py: what the standard-library path needs from the models."""
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
    for model_table in Base.metadata.sorted_tables:
        lines.append(f"    {model_table.name!r}: {tuple(c.name for c in model_table.columns)!r},")
    lines.append("}")
    lines.append("# What a diary file of each revision may hold (diary/storage/objects.py refuses anything else).")
    lines.append("OBJECTS: dict[str, dict[str, tuple[Any, ...]]] = {")
    for revision, objects in objects_by_revision(revisions).items():
        lines.append(f"    {revision!r}: {{")
        for kind, names in objects.items():
            lines.append(f"        {kind!r}: {names!r},")
        lines.append("    },")
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
    """A dated backup name beside the diary that is not taken yet (not even by a dangling link)."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.{stamp}.bak")
    n = 1
    while os.path.lexists(candidate):
        n += 1
        candidate = path.with_name(f"{path.name}.{stamp}-{n}.bak")
    return candidate


def backup_file(path: Path, dest: Path | None = None) -> Path:
    """Copy the diary to `dest` (a path the user gave: never the diary's own files) or a
    dated backup beside it, mode 0600, through SQLite's online backup, so a busy diary's
    write-ahead log is included and the copy is consistent. The copy is made in a temporary
    file and renamed (diary.outputs): never through a link, never left half made."""
    from diary import outputs

    target = dest or backup_path(path)
    with outputs.output(target, diary=path if dest is not None else None, what="the backup") as tmp:
        try:
            src = sqlite_file.connect(path)
            try:
                out = sqlite3.connect(tmp)
                try:
                    src.backup(out)
                finally:
                    out.close()
            finally:
                src.close()
        except sqlite3.Error as exc:
            if "full" in str(exc).lower() or outputs.disk_full(tmp.parent):  # the copy's disk, not the diary's
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from None
            raise sqlite_file.translate(exc, path) from None
    return target


def _byte_copy(src: Path, dest: Path, *, force: bool = False) -> None:
    """Copy `src` byte for byte to `dest` (0600), written through diary.outputs."""
    from diary import outputs

    with outputs.output(dest, force=force, what="the copy") as tmp:
        shutil.copyfile(src, tmp)


def sqlite_url(path: Path, *, read_only: bool = False) -> URL:
    """The SQLAlchemy URL of the SQLite file at `path`, built (never parsed), so a name with
    ?, # or %41 in it is that file and no other. With `read_only`, a diary in a folder nobody
    can write is read as immutable when no -wal holds unsaved pages (see opening._open_frozen)."""
    wal = Path(f"{path}-wal")
    if read_only and not os.access(path.parent, os.W_OK) and not (wal.exists() and wal.stat().st_size > 0):
        from urllib.parse import quote

        return URL.create("sqlite", database=f"file:{quote(str(path.resolve()))}",
                          query={"mode": "ro", "immutable": "1", "uri": "true"})
    return URL.create("sqlite", database=str(path))


def create_sqlite(path: Path) -> None:
    """Make a new diary file (folder 0700, file 0600) with the current schema."""
    if not path.parent.exists():
        old = os.umask(0o077)
        try:
            path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
        except OSError as exc:  # a read-only or full disk, a file in the way: one line, not a traceback
            raise DatabaseReadOnly(f"cannot make the folder {path.parent} for diary {path}: "
                                   f"{exc.strerror or exc}") from None
        finally:
            os.umask(old)
    old_umask = os.umask(0o077)
    # Only files this run makes may be removed if it fails (never a FIFO or device the path
    # named, nor another program's side file).
    made = [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if not os.path.lexists(p)]
    try:
        conn = sqlite_file.connect(path)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as exc:
            raise sqlite_file.translate(exc, path) from None
        finally:
            conn.close()
        _run_upgrade(path)
    except BaseException:
        # A diary that could not be made whole is not left behind half made.
        for p in made:
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        raise
    finally:
        os.umask(old_umask)
    sqlite_file.secure(path)


def _upgrade_engine(path: Path) -> Engine:
    """An engine for migrating an SQLite diary: one real transaction, foreign keys off.

    pysqlite runs DDL outside any transaction, so a crash midway through a migration
    left a half-migrated file that every later upgrade then failed on; here SQLAlchemy's
    own BEGIN IMMEDIATE makes the whole upgrade one transaction (SQLAlchemy's documented
    pysqlite recipe). Foreign keys are off because a batch migration rebuilds a table by
    DROP TABLE, which with them on first deletes its rows and cascades (rebuilding
    `episode` deleted every episode's triggers); _run_upgrade checks them before commit.
    """
    engine = create_engine(sqlite_url(path), connect_args={"timeout": sqlite_file.busy_timeout()})

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
            raise sqlite_file.translate(getattr(exc, "orig", exc), path) from None
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
        raise sqlite_file.translate(exc, path) from None
    try:
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:  # a commit slipped in after the checkpoint
            raise in_use
        backup = backup_path(path)
        try:
            _byte_copy(path, backup)
        except OutputUnusable as exc:
            # No room (or no permission) for the backup: nothing was changed, and no half
            # backup is left to be mistaken for a whole one (diary.outputs removed it).
            from diary.outputs import disk_full

            if disk_full(path.parent):
                raise DiskFull(f"the disk holding diary {path} is full: there is no room for the backup an upgrade "
                               "makes first; nothing was changed; free some space and try again") from None
            raise DiaryFileError(f"cannot back up diary {path} before upgrading it ({exc}); "
                                 "nothing was changed") from None
        return backup
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _rolled_back_cleanly(path: Path, version: str) -> bool:
    """True when, after a failed upgrade, the diary is sound and still at its old version."""
    try:
        conn = sqlite_file.connect(path)
        try:
            sound = [r[0] for r in conn.execute("PRAGMA quick_check")] == ["ok"]
            return sound and sqlite_file.schema_version(conn, path) == version
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
        _byte_copy(backup, restoring, force=True)
        os.replace(restoring, path)
    except (OSError, OutputUnusable):
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
    conn = sqlite_file.connect(path)
    try:
        version = sqlite_file.schema_version(conn, path)
        sqlite_file.check_not_newer(version, path)
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
    sqlite_file.secure(path)
    return backup


