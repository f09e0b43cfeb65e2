"""Export: every row of a diary as records, written as JSON or CSV."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from typing import IO, Any

from diary import schema
from diary.errors import DiaryError
from diary.exchange.codecs import instant_text
from diary.exchange.fields import (
    CSV_COLUMNS,
    ENTRY_TABLES,
    FIELD_BY_NAME,
    RECORD_FIELDS,
    THINGS_AFTER,
    THINGS_BEFORE,
    Record,
)
from diary.exchange.formats import csv_cell
from diary.storage.store import Store

FORMAT_NAME = "diary export"
FORMAT_VERSION = 1
FORMATS = ("csv", "json")


def _rows(store: Store, kind: str, table: str) -> list[Record]:
    fields = RECORD_FIELDS[kind]
    sql = f'SELECT {", ".join(f.name for f in fields)} FROM "{table}" ORDER BY id'
    return [Record(kind, {f.name: None if v is None else f.codec.from_db(v) for f, v in zip(fields, row, strict=True)})
            for row in store.rows(sql)]


def export_records(store: Store) -> list[Record]:
    """Every row of the diary as records, in the order an import needs them."""
    out: list[Record] = []
    for kind, table in THINGS_BEFORE.items():
        out.extend(_rows(store, kind, table))
    missing = " OR ".join(
        f"(e.kind = '{kind}' AND NOT EXISTS (SELECT 1 FROM {table} x WHERE x.id = e.id))"
        for kind, table in ENTRY_TABLES.items())
    orphans = store.rows(f"SELECT count(*) FROM entry e WHERE {missing}")[0][0]
    if orphans:
        raise DiaryError(f"the diary has {orphans} entries without their details; nothing was exported "
                         "(check the file with sqlite3 and PRAGMA integrity_check)")
    triggers: dict[int, list[str]] = {}
    for episode_id, name in store.rows(
        "SELECT et.episode_id, t.name FROM episode_trigger et JOIN trigger t ON t.id = et.trigger_id ORDER BY t.name"
    ):
        triggers.setdefault(int(episode_id), []).append(name)
    entries: list[Record] = []
    entry_columns = set(schema.COLUMNS["entry"])
    for kind, table in ENTRY_TABLES.items():
        fields = [f for f in RECORD_FIELDS[kind] if f.table != "episode_trigger"]
        cols = ", ".join(("e." if f.name in entry_columns else "x.") + f.name for f in fields)
        for row in store.rows(f"SELECT {cols} FROM entry e JOIN {table} x ON x.id = e.id WHERE e.kind = '{kind}'"):
            values: dict[str, Any] = {
                f.name: None if v is None else f.codec.from_db(v) for f, v in zip(fields, row, strict=True)}
            if kind == "spasm":
                values["triggers"] = triggers.get(values["id"], [])
            entries.append(Record(kind, values))
    entries.sort(key=lambda r: r.values["id"])
    out.extend(entries)
    for kind, table in THINGS_AFTER.items():
        out.extend(_rows(store, kind, table))
    return out


# Characters json.dumps(ensure_ascii=False) leaves as they are but a terminal acts on (DEL,
# C1 controls, bidi overrides): written as \u escapes, which read back to the same text.
_TERMINAL_ACTS = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return _TERMINAL_ACTS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_json(records: Iterable[Record], out: IO[str], *, exported_at: dt.datetime) -> None:
    """Write records as the JSON export format (one record per line). Every control
    character is a JSON escape, so the text is safe on a terminal and still exact."""
    head = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "schema": schema.HEAD,
            "exported_at": instant_text(exported_at)}
    out.write(_json(head)[:-1] + ', "records": [')
    first = True
    for record in records:
        fields = FIELD_BY_NAME[record.kind]
        body = {"kind": record.kind} | {
            k: None if v is None else fields[k].codec.to_json(v) for k, v in record.values.items()}
        out.write(("\n" if first else ",\n") + _json(body))
        first = False
    out.write("\n]}\n")


def _csv_text(record: Record, column: str) -> str | None:
    field = FIELD_BY_NAME[record.kind].get(column)
    value = None if field is None else record.values.get(column)
    if value is None or field is None:
        return None
    text = field.codec.to_csv(value)
    return None if field.codec.name == "names" and text == "" else text  # no triggers: an empty cell


def write_csv(records: Iterable[Record], out: IO[str]) -> None:
    """Write records as the CSV export format (one header, a `kind` column)."""
    out.write(",".join(CSV_COLUMNS) + "\r\n")
    for record in records:
        cells = [record.kind] + [_csv_text(record, c) for c in CSV_COLUMNS[1:]]
        out.write(",".join(csv_cell(c) for c in cells) + "\r\n")


def write_export(records: list[Record], fmt: str, out: IO[str], *, exported_at: dt.datetime) -> None:
    if fmt == "json":
        write_json(records, out, exported_at=exported_at)
    elif fmt == "csv":
        write_csv(records, out)
    else:
        raise ValueError(f"unknown export format {fmt!r}: use {' or '.join(FORMATS)}")


def export_text(store: Store, fmt: str, exported_at: dt.datetime) -> str:
    """The whole export as text (for tests and small diaries)."""
    out = io.StringIO(newline="")
    write_export(export_records(store), fmt, out, exported_at=exported_at)
    return out.getvalue()
