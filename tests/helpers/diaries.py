"""Running diary commands in tests and looking at what they wrote."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from diary.cli import cli


class Diary:
    """Run diary commands against one diary and look at its rows."""

    def __init__(self, location: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.location = location
        self.monkeypatch = monkeypatch

    def __call__(self, *args: str, now: str | None = None, input: str | None = None) -> Result:
        env = {"DIARY_NOW": now} if now else {}
        return CliRunner().invoke(cli, ["--db", self.location, *args], env=env, input=input, catch_exceptions=False)

    def rows(self, sql: str, params: dict | None = None) -> list[tuple]:
        if "://" in self.location:
            from sqlalchemy import create_engine, text

            engine = create_engine(self.location)
            try:
                with engine.connect() as conn:
                    return [tuple(r) for r in conn.execute(text(sql), params or {})]
            finally:
                engine.dispose()
        if not Path(self.location).exists():
            return []
        conn = sqlite3.connect(self.location)
        try:
            return conn.execute(sql, params or {}).fetchall()
        finally:
            conn.close()

    def count(self, table: str) -> int:
        """Rows in `table` (0 while the diary does not exist); a table the models do not have is an error."""
        from diary import schema

        if table not in schema.COLUMNS:
            raise KeyError(f"the models have no table {table!r}")
        if "://" not in self.location and not Path(self.location).exists():
            return 0
        if "://" in self.location and self.rows(f"SELECT to_regclass('\"{table}\"')") == [(None,)]:
            return 0  # a server diary gets its tables with its first write
        return int(self.rows(f'SELECT count(*) FROM "{table}"')[0][0])

    def dump(self) -> dict[str, list[tuple]]:
        """Every row of every table of the models, in key order (empty lists for a missing diary)."""
        return dump_tables(self.location)


def dump_tables(location: str, columns: dict[str, tuple[str, ...]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every diary table at `location` (a path or URL), ordered by primary key:
    the `columns` given (an older schema's, to compare a diary before and after its upgrade),
    else the current models' columns."""
    from diary import schema

    reader = Diary(location, pytest.MonkeyPatch())
    out: dict[str, list[tuple]] = {}
    for table, names in (columns or schema.COLUMNS).items():
        order = {"episode_trigger": "episode_id, trigger_id", "web_submission": "client_id"}.get(table, "id")
        try:
            out[table] = reader.rows(f'SELECT {", ".join(names)} FROM "{table}" ORDER BY {order}')
        except Exception:
            out[table] = []
    return out


def sqlite_columns(path: Path) -> dict[str, tuple[str, ...]]:
    """The columns of each table of an SQLite diary file, as that file's schema has them."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT IN ('alembic_version', 'sqlite_sequence')")]
        return {t: tuple(r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')) for t in tables}
    finally:
        conn.close()


def fill_disk(folder: Path, leave: int = 0) -> Path:
    """Fill the file system holding `folder` with a file named filler, then free `leave` bytes of it."""
    filler = folder / "filler"
    with contextlib.suppress(OSError), filler.open("wb", buffering=0) as f:
        while True:
            f.write(b"x" * 4096)
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


HEAVY_MODULES = ("pandas", "numpy", "scipy", "matplotlib", "sqlalchemy", "alembic")


def modules_after_command(db: Path, command: list[str]) -> tuple[int, set[str], str]:
    """Run `diary COMMAND` on `db` in a fresh Python process; return its exit code, the
    top-level modules it had loaded by the end, and its stderr (for the logging-path checks)."""
    import json
    import sys

    probe = (
        "import sys, json\n"
        "from diary.cli import cli\n"
        "try:\n"
        f"    cli.main({command!r})\n"
        "except SystemExit as e:\n"
        "    code = e.code\n"
        "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
    )
    env = {**os.environ, "DIARY_DB": str(db)}
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    return report["code"], {m.split(".")[0] for m in report["modules"]}, out.stderr


# Objects a program other than diary might plant in an SQLite diary, (what `db check` names, SQL):
# each must be refused before use and listed by `diary db check` (tests/test_foreign_objects.py,
# tests/test_cli_db.py).
PLANTED = [
    ("trigger zero_intensity", "CREATE TRIGGER zero_intensity AFTER INSERT ON episode "
                               "BEGIN UPDATE episode SET intensity = 0 WHERE id = new.id; END"),
    ("view spasms", "CREATE VIEW spasms AS SELECT * FROM episode"),
    ("table notes", "CREATE TABLE notes (x TEXT)"),
    ("index ix_spy", "CREATE INDEX ix_spy ON episode (note)"),
]
