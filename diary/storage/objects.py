"""What a diary file may hold: the tables and indexes the models make, nothing else.

A diary shared, synced or handed over can carry objects planted in it: a trigger runs on
every new entry (one set every new intensity to 0), a view or an extra table can stand
in for the program's own. Such a diary is refused on opening, untouched, in one line that
names them; `diary db check` lists them. Standard library only (every command checks).
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from diary import schema
from diary.errors import ForeignObjects


def foreign_objects_sqlite(conn: sqlite3.Connection, revision: str | None = None) -> list[str]:
    """The objects of an SQLite diary at `revision` (default: this program's) that the
    program did not make, as "trigger name" words."""
    rows = conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                        "ORDER BY type, name").fetchall()
    newest = list(schema.OBJECTS.values())[-1]  # a revision this file was not generated with: the newest
    made = schema.OBJECTS.get(revision or schema.HEAD, newest)
    expected = {("table", t) for t in made["table"]} | {("index", i) for i in made["index"]}
    found = [f"{kind} {name}" for kind, name in rows if (kind, name) not in expected]
    # Under the program's own names: an index made UNIQUE or on other columns refuses or reorders
    # writes, and a table rebuilt with ON CONFLICT REPLACE silently deletes rows.
    indexes: dict[str, str] = dict(made.get("index_sql", ()))
    for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                                        "AND type IN ('table', 'index') ORDER BY type, name"):
        if kind == "index" and name in indexes and normal_definition(sql) != indexes[name]:
            found.append(f"index {name} (changed)")
        elif kind == "table" and (kind, name) in expected and "on conflict" in sql.lower():
            found.append(f"table {name} (changed: ON CONFLICT)")
    return found


def normal_definition(sql: str | None) -> str:
    """A definition as compared: case, quoting, spacing and the order of a table's columns and
    constraints do not count (a batch migration rebuilds a table in no fixed order)."""
    text = re.sub(r"[\"`\[\]]", "", (sql or "").lower())
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r" ?([(),]) ?", r"\1", text).strip()
    head, paren, body = text.partition("(")
    if not paren or not body.endswith(")"):
        return text
    return head + "(" + ",".join(sorted(_top_level_items(body[:-1]))) + ")"


def _top_level_items(body: str) -> list[str]:
    """The comma-separated items of a definition's outer parentheses (commas inside quotes or
    inner parentheses belong to their item)."""
    items, depth, quoted, start = [], 0, False, 0
    for i, c in enumerate(body):
        if c == "'":
            quoted = not quoted
        elif not quoted and c == "(":
            depth += 1
        elif not quoted and c == ")":
            depth -= 1
        elif not quoted and depth == 0 and c == ",":
            items.append(body[start:i])
            start = i + 1
    items.append(body[start:])
    return items


def foreign_objects_server(conn: Any) -> list[str]:
    """The same for a PostgreSQL diary (a SQLAlchemy connection): tables, views, sequences
    of other tables, triggers and rules in the diary's schema that the program did not make."""
    from sqlalchemy import text

    tables = set(list(schema.OBJECTS.values())[-1]["table"])
    found: list[str] = []
    for kind, name, owner in conn.execute(text(
        "SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'view' "
        "WHEN 'p' THEN 'table' WHEN 'f' THEN 'table' ELSE 'other' END, c.relname, NULL "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'p', 'f') "
        "UNION ALL SELECT 'trigger', t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT t.tgisinternal "
        "UNION ALL SELECT 'rule', r.rulename, r.tablename FROM pg_rules r WHERE r.schemaname = current_schema() "
        "ORDER BY 1, 2")):
        if kind == "table" and name in tables:
            continue
        found.append(f"{kind} {name}" + (f" on {owner}" if owner else ""))
    return found


def refuse_foreign(found: list[str], where: str) -> None:
    """Raise ForeignObjects naming what was found (nothing when the list is empty)."""
    if found:
        raise ForeignObjects(f"diary {where} holds objects this program did not make ({', '.join(found)}), which "
                             "could change what is written; it was not opened and nothing was changed. Remove them "
                             "(diary db check lists them) or restore a backup")
