"""Export a whole diary to one CSV or JSON file, and import such a file, losslessly.

An export is a list of *records*, each a `kind` and its fields: the profile, own foods,
triggers, every entry (spasm, intake, adjustment, quiet, deleted ones too, with their
created/updated/deleted times) and the undo journal (`change`). The fields of each kind
are derived from the models (diary/_schema.py and diary/models.py), so a new column is
exported without anyone remembering to add it here.

Values: instants are UTC in ISO 8601 ("2026-11-20T08:30:00.000000Z"), local days
"YYYY-MM-DD", numbers as Python writes them (a float reads back to the same float),
booleans true/false, a spasm's triggers a list of trigger names.

CSV: one file, one header, a `kind` column and the union of every kind's fields; a row
leaves the fields of other kinds empty. An empty unquoted cell is "no value" (NULL); a
quoted empty cell ("") is empty text, so nothing is lost. A spasm's triggers are one cell
with one name per line (a trigger name never holds a line break). Quoting follows RFC
4180; this module reads and writes it itself because the csv module of Python 3.11
cannot tell "" from an empty cell.

JSON: {"format": "diary export", "version": 1, "schema": ..., "exported_at": ...,
"records": [...]}, written one record per line.

Import is all or nothing: the whole file is read and checked before the diary is
touched, and every bad row is reported with its line number (`ImportRejected`). Entry
ids are kept, so `diary edit 42` means the same entry after a move; a file whose entries
are already in the diary (the same id, or the same kind, time and content) is refused.
Standard library only, no Click (the CLI is diary/cli/exchange.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from diary import _schema
from diary.dbtime import day_from_db, instant_from_db
from diary.errors import DiaryError, InvalidEntry
from diary.parse import parse_intensity, parse_trigger
from diary.storage.store import Store
from diary.vocab import (
    CHANGE_ACTIONS,
    INTAKE_SOURCES,
    LIFE_STAGES,
    MAX_DURATION_S,
    SEXES,
    SIDES,
    SITES,
    SUPPLEMENT_NUTRIENTS,
)

FORMAT_NAME = "diary export"
FORMAT_VERSION = 1
FORMATS = ("csv", "json")
# How many bad rows an ImportRejected lists before it only counts the rest.
MAX_REPORTED = 20

ENTRY_TABLES = {"spasm": "episode", "intake": "intake", "adjustment": "adjustment", "quiet": "quiet_day"}
ENTRY_TIME = {"spasm": "started_at", "intake": "taken_at", "adjustment": "at", "quiet": "day"}
ENTRY_KINDS = tuple(ENTRY_TABLES)
KIND_WORDS = {"spasm": "spasm", "intake": "intake", "adjustment": "adjustment", "quiet": "quiet day"}
# File order: what others refer to comes first.
KINDS = ("profile", "own_food", "trigger", *ENTRY_KINDS, "change")


class ImportRejected(InvalidEntry):
    """Raised when an import file cannot be imported: `problems` holds one line per bad row
    ("line 7: ..."); nothing was written."""

    def __init__(self, summary: str, problems: Sequence[str] = ()) -> None:
        super().__init__(summary)
        self.problems = list(problems)


class ExportFailed(DiaryError):
    """Raised when the export file cannot be written; no partial file is left behind."""


# --- the fields of each kind, from the models ----------------------------------------------


@dataclass(frozen=True)
class Field:
    """One field of a record: its name and how its value is typed and checked."""

    name: str
    type: str  # int, float, bool, text, instant, day, names
    nullable: bool
    max_length: int | None = None
    default: Any = None  # what a row without this field gets (a column the models give a default)


def _column_fields(table: str, skip: Iterable[str] = ()) -> list[Field]:
    from sqlalchemy import Boolean, Float, Integer, String

    from diary.models import Base, LocalDay, UTCInstant

    columns = Base.metadata.tables[table].columns
    out = []
    for name in _schema.COLUMNS[table]:
        if name in skip:
            continue
        column = columns[name]
        kind = column.type
        if isinstance(kind, UTCInstant):
            ftype, length = "instant", None
        elif isinstance(kind, LocalDay):
            ftype, length = "day", None
        elif isinstance(kind, Boolean):
            ftype, length = "bool", None
        elif isinstance(kind, Integer):
            ftype, length = "int", None
        elif isinstance(kind, Float):
            ftype, length = "float", None
        elif isinstance(kind, String):  # Text is a String without a length
            ftype, length = "text", kind.length
        else:  # pragma: no cover - a new column type needs a decision here
            raise TypeError(f"export does not know how to write {table}.{name} ({kind!r})")
        default = None
        if column.server_default is not None and ftype == "bool":
            default = False  # the only defaults the models have: a flag that is off unless said
        optional = bool(column.nullable) and not column.primary_key or default is not None
        out.append(Field(name, ftype, optional, length, default))
    return out


def _kind_fields() -> dict[str, list[Field]]:
    entry = _column_fields("entry", skip=("kind",))
    fields = {
        "profile": _column_fields("profile"),
        "own_food": _column_fields("own_food"),
        "trigger": _column_fields("trigger"),
        "change": _column_fields("change"),
    }
    for kind, table in ENTRY_TABLES.items():
        fields[kind] = entry + _column_fields(table, skip=("id",))
    fields["spasm"].append(Field("triggers", "names", True))
    return {kind: fields[kind] for kind in KINDS}


KIND_FIELDS: dict[str, list[Field]] = _kind_fields()
KIND_FIELD_NAMES: dict[str, dict[str, Field]] = {k: {f.name: f for f in fs} for k, fs in KIND_FIELDS.items()}
CSV_COLUMNS: tuple[str, ...] = ("kind", *dict.fromkeys(f.name for fs in KIND_FIELDS.values() for f in fs))


@dataclass
class Record:
    """One row of an export: its kind, its typed values, and where it was read from."""

    kind: str
    values: dict[str, Any]
    line: int = 0
    ok: bool = True  # False: a bad row, kept only so other rows' references to it resolve


# --- export ---------------------------------------------------------------------------------


def _typed(f: Field, raw: Any) -> Any:
    """A value as the database stores it, as Python (instants and days parsed, bools bool)."""
    if raw is None:
        return None
    if f.type == "instant":
        return instant_from_db(raw)
    if f.type == "day":
        return day_from_db(raw)
    if f.type == "bool":
        return bool(raw)
    if f.type == "float":
        return float(raw)
    if f.type == "int":
        return int(raw)
    return raw


def export_records(store: Store) -> list[Record]:
    """Every row of the diary as records, in the order an import needs them."""
    out: list[Record] = []
    for kind, table in (("profile", "profile"), ("own_food", "own_food"), ("trigger", "trigger")):
        fields = KIND_FIELDS[kind]
        for row in store.rows(f'SELECT {", ".join(f.name for f in fields)} FROM "{table}" ORDER BY id'):
            out.append(Record(kind, {f.name: _typed(f, v) for f, v in zip(fields, row)}))
    orphans = store.rows(
        "SELECT count(*) FROM entry e WHERE NOT EXISTS (SELECT 1 FROM episode x WHERE x.id = e.id) "
        "AND NOT EXISTS (SELECT 1 FROM intake x WHERE x.id = e.id) "
        "AND NOT EXISTS (SELECT 1 FROM adjustment x WHERE x.id = e.id) "
        "AND NOT EXISTS (SELECT 1 FROM quiet_day x WHERE x.id = e.id)"
    )[0][0]
    if orphans:
        raise DiaryError(f"the diary has {orphans} entries without their details; nothing was exported "
                         "(check the file with sqlite3 and PRAGMA integrity_check)")
    triggers: dict[int, list[str]] = {}
    for episode_id, name in store.rows(
        "SELECT et.episode_id, t.name FROM episode_trigger et JOIN trigger t ON t.id = et.trigger_id ORDER BY t.name"
    ):
        triggers.setdefault(int(episode_id), []).append(name)
    entries: list[Record] = []
    for kind, table in ENTRY_TABLES.items():
        fields = [f for f in KIND_FIELDS[kind] if f.type != "names"]
        cols = ", ".join(("e." if f.name in _schema.COLUMNS["entry"] else "x.") + f.name for f in fields)
        for row in store.rows(f"SELECT {cols} FROM entry e JOIN {table} x ON x.id = e.id"):
            values = {f.name: _typed(f, v) for f, v in zip(fields, row)}
            if kind == "spasm":
                values["triggers"] = triggers.get(values["id"], [])
            entries.append(Record(kind, values))
    entries.sort(key=lambda r: r.values["id"])
    out.extend(entries)
    fields = KIND_FIELDS["change"]
    for row in store.rows(f'SELECT {", ".join(f.name for f in fields)} FROM change ORDER BY id'):
        out.append(Record("change", {f.name: _typed(f, v) for f, v in zip(fields, row)}))
    return out


def _instant_text(value: dt.datetime) -> str:
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _json_value(f: Field, value: Any) -> Any:
    if value is None:
        return None
    if f.type == "instant":
        return _instant_text(value)
    if f.type == "day":
        return value.isoformat()
    if f.type == "names":
        return list(value)
    return value


def _csv_text(f: Field, value: Any) -> str | None:
    """The cell for a value: None for no value (an empty unquoted cell)."""
    if value is None:
        return None
    if f.type == "instant":
        return _instant_text(value)
    if f.type == "day":
        return value.isoformat()
    if f.type == "bool":
        return "true" if value else "false"
    if f.type == "float":
        return repr(float(value))
    if f.type == "names":
        return "\n".join(value) or None  # no triggers: an empty cell, read back as none
    return str(value)


def _csv_cell(text: str | None) -> str:
    if text is None:
        return ""
    if text == "" or text != text.strip() or any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_json(records: Iterable[Record], out: IO[str], *, exported_at: dt.datetime) -> None:
    """Write records as the JSON export format (one record per line)."""
    head = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "schema": _schema.HEAD,
            "exported_at": _instant_text(exported_at)}
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "records": [')
    first = True
    for record in records:
        fields = KIND_FIELD_NAMES[record.kind]
        body = {"kind": record.kind} | {k: _json_value(fields[k], v) for k, v in record.values.items()}
        out.write(("\n" if first else ",\n") + json.dumps(body, ensure_ascii=False, allow_nan=False))
        first = False
    out.write("\n]}\n")


def write_csv(records: Iterable[Record], out: IO[str]) -> None:
    """Write records as the CSV export format (one header, a `kind` column)."""
    out.write(",".join(CSV_COLUMNS) + "\r\n")
    for record in records:
        fields = KIND_FIELD_NAMES[record.kind]
        cells = [record.kind] + [
            _csv_text(fields[c], record.values.get(c)) if c in fields else None for c in CSV_COLUMNS[1:]
        ]
        out.write(",".join(_csv_cell(c) for c in cells) + "\r\n")


def write_export(records: list[Record], fmt: str, out: IO[str], *, exported_at: dt.datetime) -> None:
    if fmt == "json":
        write_json(records, out, exported_at=exported_at)
    elif fmt == "csv":
        write_csv(records, out)
    else:
        raise ValueError(f"unknown export format {fmt!r}: use {' or '.join(FORMATS)}")


def save_export(records: list[Record], fmt: str, path: Path, *, exported_at: dt.datetime, replace: bool = False) -> None:
    """Write the export to `path`, readable by the owner only (0600), all or nothing:
    it is written beside the target and renamed into place only when complete."""
    path = Path(path)
    if path.exists() and not replace:
        raise ExportFailed(f"{path} exists already: choose a new file (or --force to replace it)")
    if path.exists() and not path.is_file():
        raise ExportFailed(f"{path} is not a regular file: choose a file name to export to")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)  # mode 0600
    except OSError as exc:
        raise ExportFailed(f"cannot write {path}: {exc.strerror or exc}; nothing was exported") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            write_export(records, fmt, f, exported_at=exported_at)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportFailed(f"cannot write {path}: {exc.strerror or exc}; nothing was exported") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# --- reading a file -------------------------------------------------------------------------


class _FileProblem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


_UNQUOTED = re.compile(r'[^,\r\n"]*')


def csv_rows(text: str) -> Iterator[tuple[int, list[tuple[str, bool]]]]:
    """RFC 4180 records of `text`: (line where the record starts, [(cell, was it quoted)])."""
    i, n, line = 0, len(text), 1
    while i < n:
        start = line
        cells: list[tuple[str, bool]] = []
        while True:
            if i < n and text[i] == '"':
                parts = []
                i += 1
                while True:
                    j = text.find('"', i)
                    if j < 0:
                        raise _FileProblem(start, "a quoted cell is never closed (a \" is missing)")
                    parts.append(text[i:j])
                    if text.startswith('"', j + 1):
                        parts.append('"')
                        i = j + 2
                        continue
                    i = j + 1
                    break
                value = "".join(parts)
                line += value.count("\n")
                if i < n and text[i] not in ",\r\n":
                    raise _FileProblem(line, "a quoted cell must end at a comma or the end of the line")
                cells.append((value, True))
            else:
                m = _UNQUOTED.match(text, i)
                assert m is not None
                i = m.end()
                if i < n and text[i] == '"':
                    raise _FileProblem(line, 'a " inside a cell that does not start with one')
                cells.append((m.group(), False))
            if i < n and text[i] == ",":
                i += 1
                continue
            if text.startswith("\r\n", i):
                i += 2
            elif i < n:
                i += 1
            line += 1
            break
        if cells == [("", False)]:
            continue  # a blank line
        yield start, cells


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _json_records(text: str) -> tuple[dict[str, Any], list[tuple[int, Any]] | None]:
    """The head and the records of a JSON export, each record with its line number.

    json.loads gives no positions, so the top-level object is walked here and each value
    decoded with raw_decode; any layout of the file is accepted."""
    decoder = json.JSONDecoder()
    seen = [0, 1]  # a position and its line: positions only move forward, so counting stays linear

    def line_of(pos: int) -> int:
        if pos < seen[0]:
            return text.count("\n", 0, pos) + 1
        seen[1] += text.count("\n", seen[0], pos)
        seen[0] = pos
        return seen[1]

    def decode(pos: int) -> tuple[Any, int]:
        try:
            return decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise _FileProblem(exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})") from None

    head: dict[str, Any] = {}
    records: list[tuple[int, Any]] | None = None
    i = _skip_ws(text, 0)
    if not text.startswith("{", i):
        raise _FileProblem(line_of(i), "not a diary export: a JSON export starts with {")
    i = _skip_ws(text, i + 1)
    if text.startswith("}", i):
        return head, records
    while True:
        key, i = decode(i)
        if not isinstance(key, str):
            raise _FileProblem(line_of(i), "not valid JSON: a key must be a string")
        i = _skip_ws(text, i)
        if not text.startswith(":", i):
            raise _FileProblem(line_of(i), "not valid JSON: ':' expected after a key")
        i = _skip_ws(text, i + 1)
        if key == "records" and records is not None:
            raise _FileProblem(line_of(i), "\"records\" appears twice: merge the two lists into one")
        if key == "records" and text.startswith("[", i):
            records = []
            i = _skip_ws(text, i + 1)
            if text.startswith("]", i):
                i += 1
            else:
                while True:
                    at = line_of(i)
                    value, i = decode(i)
                    records.append((at, value))
                    i = _skip_ws(text, i)
                    if text.startswith(",", i):
                        i = _skip_ws(text, i + 1)
                        continue
                    if text.startswith("]", i):
                        i += 1
                        break
                    raise _FileProblem(line_of(i), "not valid JSON: ',' or ']' expected between records")
        else:
            head[key], i = decode(i)
        i = _skip_ws(text, i)
        if text.startswith(",", i):
            i = _skip_ws(text, i + 1)
            continue
        if text.startswith("}", i):
            i = _skip_ws(text, i + 1)
            if i != len(text):
                raise _FileProblem(line_of(i), "not valid JSON: text after the closing }")
            return head, records
        raise _FileProblem(line_of(i), "not valid JSON: ',' or '}' expected")


# --- checking values ---------------------------------------------------------------------------


def _instant(text: str) -> dt.datetime:
    value = None
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            value = None
    if value is None:
        raise ValueError(f"{text!r} is not a time like 2026-11-20T08:30:00.000000Z")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{text!r} has no UTC offset: write it as UTC with a Z, like 2026-11-20T08:30:00Z")
    value = value.astimezone(dt.timezone.utc)
    if not 1900 <= value.year <= 2100:
        raise ValueError(f"{text!r} is not between the years 1900 and 2100")
    return value


def _day(text: str) -> dt.date:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            value = dt.date.fromisoformat(text)
            if 1900 <= value.year <= 2100:
                return value
        except ValueError:
            pass
    raise ValueError(f"{text!r} is not a day like 2026-11-20")


def _from_csv(f: Field, cell: str) -> Any:
    """A typed value from a CSV cell's text; ValueError says why it is not one."""
    if f.type == "text":
        return cell
    if f.type == "names":
        return cell.split("\n") if cell else []
    if f.type == "instant":
        return _instant(cell)
    if f.type == "day":
        return _day(cell)
    if f.type == "bool":
        if cell in ("true", "false"):
            return cell == "true"
        raise ValueError(f"{cell!r} is not true or false")
    if f.type == "int":
        if re.fullmatch(r"-?\d{1,18}", cell):
            return int(cell)
        raise ValueError(f"{cell!r} is not a whole number")
    try:
        value = float(cell)
    except ValueError:
        raise ValueError(f"{cell!r} is not a number") from None
    return value


def _from_json(f: Field, value: Any) -> Any:
    """A typed value from a JSON value; ValueError says why it is not one."""
    if f.type in ("text",):
        if isinstance(value, str):
            return value
        raise ValueError(f"{json.dumps(value)} is not text")
    if f.type == "names":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        raise ValueError(f"{json.dumps(value)} is not a list of names")
    if f.type in ("instant", "day"):
        if not isinstance(value, str):
            raise ValueError(f"{json.dumps(value)} is not a {'time' if f.type == 'instant' else 'day'} in quotes")
        return _instant(value) if f.type == "instant" else _day(value)
    if f.type == "bool":
        if isinstance(value, bool):
            return value
        raise ValueError(f"{json.dumps(value)} is not true or false")
    if f.type == "int":
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**18:
            return value
        raise ValueError(f"{json.dumps(value)} is not a whole number")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise ValueError(f"{json.dumps(value)} is not a number")


def _one_of(name: str, allowed: Sequence[str]) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if value not in allowed:
            raise ValueError(f"{name} {value!r} is not allowed: use one of {', '.join(allowed)}")
    return check


def _at_least_zero(name: str) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if value < 0:
            raise ValueError(f"{name} {value!r} is negative")
    return check


def _intensity(value: Any) -> None:
    parse_intensity(value)


def _duration(value: Any) -> None:
    if not 0 <= value <= MAX_DURATION_S:
        raise ValueError(f"duration_s {value} is out of range: use 0 to {MAX_DURATION_S} seconds (24 hours)")


def _birth_year(value: Any) -> None:
    if not 1900 <= value <= 2100:
        raise ValueError(f"birth_year {value} is out of range: use a year from 1900 to 2100")


def _timezone(value: Any) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"timezone {value!r} is unknown: use an IANA name like Europe/Berlin") from None


def _trigger_names(value: Any) -> None:
    for name in value:
        try:
            clean = parse_trigger(name)
        except ValueError as exc:
            raise ValueError(str(exc)) from None
        if clean != name:
            raise ValueError(f"trigger {name!r} must be written as {clean!r} (lower case, single spaces)")
    if len(set(value)) != len(value):
        raise ValueError("triggers name the same trigger twice")


def _profile_id(value: Any) -> None:
    if value != 1:
        raise ValueError(f"id {value} is not allowed: a diary has one profile, with id 1")


def _positive_id(value: Any) -> None:
    if value < 1:
        raise ValueError(f"id {value} is not allowed: ids are whole numbers from 1")


def _basis(value: Any) -> None:
    _one_of("basis", ("serving", "100g"))(value)


_NUTRIENT_CHECKS = {n: _at_least_zero(n) for n in (
    "grams", "ml", "water_ml", "sodium_mg", "potassium_mg", "magnesium_mg", "calcium_mg",
    "serving_grams", "serving_ml")}

# The models' CHECK constraints, and the rules the logging commands apply, for each kind.
CHECKS: dict[str, dict[str, Callable[[Any], None]]] = {
    "profile": {"id": _profile_id, "sex": _one_of("sex", SEXES), "life_stage": _one_of("life_stage", LIFE_STAGES),
                "birth_year": _birth_year, "timezone": _timezone},
    "own_food": {"id": _positive_id, "basis": _basis, **_NUTRIENT_CHECKS},
    "trigger": {"id": _positive_id, "name": lambda v: _trigger_names([v])},
    "spasm": {"id": _positive_id, "intensity": _intensity, "duration_s": _duration, "site": _one_of("site", SITES),
              "side": _one_of("side", SIDES), "triggers": _trigger_names},
    "intake": {"id": _positive_id, "source": _one_of("source", INTAKE_SOURCES),
               "supplement_nutrient": _one_of("supplement_nutrient", SUPPLEMENT_NUTRIENTS), **_NUTRIENT_CHECKS},
    "adjustment": {"id": _positive_id},
    "quiet": {"id": _positive_id},
    "change": {"id": _positive_id, "action": _one_of("action", CHANGE_ACTIONS), "entry_id": _positive_id},
}


def _check_value(kind: str, f: Field, value: Any) -> Any:
    """The value if it may be stored in this field, else ValueError naming it and the rule."""
    if value is None:
        if not f.nullable:
            raise ValueError(f"{f.name} is missing: a {kind} row needs one")
        return None
    if f.type == "float" and not math.isfinite(value):
        raise ValueError(f"{f.name} {value!r} is not a finite number")
    texts = value if f.type == "names" else [value] if f.type == "text" else []
    for text in texts:
        if "\x00" in text:
            raise ValueError(f"{f.name} contains a NUL character")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"{f.name} is not valid Unicode text") from None
        if f.max_length is not None and len(text) > f.max_length:
            raise ValueError(f"{f.name} is longer than {f.max_length} characters")
    check = CHECKS[kind].get(f.name)
    if check is not None:
        check(value)
    return value


def _record(line: int, kind: Any, given: Mapping[str, Any], convert: Callable[[Field, Any], Any],
            problems: list[tuple[int, str]]) -> Record | None:
    """A checked record from one row's raw values (missing or None means no value)."""
    if not isinstance(kind, str) or kind not in KIND_FIELDS:
        problems.append((line, f"kind {json.dumps(kind)} is not one of {', '.join(KINDS)}"))
        return None
    fields = KIND_FIELD_NAMES[kind]
    values: dict[str, Any] = {}
    ok = True
    for name in given:
        if name not in fields:
            problems.append((line, f"a {kind} row has no field {name!r}"))
            ok = False
    for f in KIND_FIELDS[kind]:
        raw = given.get(f.name)
        try:
            value = f.default if raw is None else convert(f, raw)
            values[f.name] = _check_value(kind, f, value)
        except ValueError as exc:
            values[f.name] = None
            message = str(exc)
            if message.startswith(("'", '"')):
                message = f"{f.name} {message}"
            elif not message.startswith(f.name + " "):
                message = f"{f.name}: {message}"
            problems.append((line, message))
            ok = False
    if kind == "spasm" and values.get("triggers") is None:
        values["triggers"] = []
    return Record(kind, values, line, ok)


@dataclass
class ImportFile:
    """The checked records of an import file."""

    path: str
    format: str
    records: list[Record] = field(default_factory=list)

    def of(self, *kinds: str, bad_too: bool = False) -> list[Record]:
        return [r for r in self.records if r.kind in kinds and (r.ok or bad_too)]


def _problem_lines(problems: Sequence[tuple[int, str]]) -> list[str]:
    ordered = sorted(problems, key=lambda p: p[0])
    lines = [f"line {n}: {m}" for n, m in ordered[:MAX_REPORTED]]
    if len(ordered) > MAX_REPORTED:
        lines.append(f"... and {len(ordered) - MAX_REPORTED} more")
    return lines


def _reject(path: str, problems: Sequence[tuple[int, str]], clash: bool = False) -> ImportRejected:
    rows = len({n for n, _ in problems})
    s = "s" if rows != 1 else ""
    if clash:
        summary = (f"nothing was imported: {rows} row{s} of {path} {'are' if s else 'is'} already in this diary "
                   "or clash with it")
    else:
        summary = f"nothing was imported: {rows} bad row{s} in {path} (fix {'them' if s else 'it'} and import again)"
    return ImportRejected(summary, _problem_lines(problems))


def sniff_format(text: str) -> str:
    return "json" if text.lstrip().startswith("{") else "csv"


def read_import(path: str | Path) -> ImportFile:
    """Read and check a whole export file; ImportRejected lists every bad row.

    Nothing here touches a diary: a bad file is refused before any diary is opened."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImportRejected(f"cannot read {name}: {exc.strerror or exc}; nothing was imported") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportRejected(f"line {line} of {name} is not UTF-8 text; nothing was imported "
                             "(export files are UTF-8)") from None
    return parse_import(text, name)


def parse_import(text: str, name: str = "the file") -> ImportFile:
    """Check the text of an export (CSV or JSON, told apart by its first character)."""
    fmt = sniff_format(text)
    problems: list[tuple[int, str]] = []
    records: list[Record] = []
    try:
        if fmt == "json":
            head, raw = _json_records(text)
            if head.get("format") != FORMAT_NAME:
                raise _FileProblem(1, f"not a diary export (no \"format\": \"{FORMAT_NAME}\")")
            version = head.get("version")
            if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION or version < 1:
                raise _FileProblem(1, f"export format version {version!r} is not one this diary can read "
                                      f"(it reads version {FORMAT_VERSION}): upgrade diary")
            schema = head.get("schema")
            if schema not in _schema.REVISIONS:
                raise _FileProblem(1, f"the export comes from a newer diary (schema {schema!r}): upgrade diary")
            if raw is None:
                raise _FileProblem(1, "not a diary export (no \"records\": [...] list)")
            for line, item in raw:
                if not isinstance(item, dict):
                    problems.append((line, "a record must be a JSON object {...}"))
                    continue
                given = {k: v for k, v in item.items() if k != "kind"}
                rec = _record(line, item.get("kind"), given, _from_json, problems)
                if rec:
                    records.append(rec)
        else:
            rows = csv_rows(text)
            first = next(rows, None)
            if first is None:
                raise _FileProblem(1, "the file is empty: not a diary export")
            header = [cell for cell, _ in first[1]]
            if not header or header[0] != "kind":
                raise _FileProblem(first[0], "not a diary export: the first line must be the header, starting with kind")
            unknown = [c for c in header if c not in CSV_COLUMNS]
            if unknown:
                raise _FileProblem(first[0], f"unknown column {unknown[0]!r} in the header (a newer diary's export? "
                                             "upgrade diary)")
            if len(set(header)) != len(header):
                raise _FileProblem(first[0], "a column appears twice in the header")
            for line, cells in rows:
                if len(cells) != len(header):
                    problems.append((line, f"{len(cells)} cells, but the header has {len(header)}"))
                    continue
                kind = cells[0][0]
                given = {c: cell for c, (cell, quoted) in zip(header[1:], cells[1:]) if cell or quoted}
                rec = _record(line, kind, given, _from_csv, problems)
                if rec:
                    records.append(rec)
    except _FileProblem as exc:
        raise ImportRejected(f"line {exc.line} of {name}: {exc}; nothing was imported") from None
    imported = ImportFile(name, fmt, records)
    problems.extend(_cross_check(imported))
    if problems:
        raise _reject(name, problems)
    return imported


def _cross_check(f: ImportFile) -> list[tuple[int, str]]:
    """Rules between rows of the file: unique ids and names, references that resolve."""
    problems: list[tuple[int, str]] = []

    def unique(records: list[Record], key: str, what: str) -> None:
        seen: dict[Any, int] = {}
        for r in records:
            value = r.values[key]
            if value in seen:
                problems.append((r.line, f"{what} {value!r} appears twice (first on line {seen[value]})"))
            else:
                seen[value] = r.line

    profiles = f.of("profile")
    for extra in profiles[1:]:
        problems.append((extra.line, f"a diary has one profile (the first is on line {profiles[0].line})"))
    unique(f.of("own_food"), "id", "own food id")
    unique(f.of("own_food"), "name", "own food name")
    unique(f.of("trigger"), "id", "trigger id")
    unique(f.of("trigger"), "name", "trigger name")
    unique(f.of(*ENTRY_KINDS), "id", "entry id")
    unique(f.of("change"), "id", "change id")
    foods = {r.values["id"] for r in f.of("own_food", bad_too=True)}
    for r in f.of("intake"):
        ref = r.values["own_food_id"]
        if ref is not None and ref not in foods:
            problems.append((r.line, f"own_food_id {ref} names no own_food row of the file"))
    kinds = {r.values["id"]: r.kind for r in f.of(*ENTRY_KINDS, bad_too=True)}
    good = {r.values["id"] for r in f.of(*ENTRY_KINDS)}
    from diary.entries import EDITABLE

    for r in f.of("change"):
        entry_id, before = r.values["entry_id"], r.values["before"]
        if entry_id not in kinds:
            problems.append((r.line, f"entry_id {entry_id} names no entry of the file"))
            continue
        if entry_id not in good:
            continue  # that entry's own row is reported already
        if before is None:
            if r.values["action"] == "edit":
                problems.append((r.line, "an edit change needs before (the values the edit replaced)"))
            continue
        try:
            previous = json.loads(before)
        except ValueError:
            previous = None
        if not isinstance(previous, dict):
            problems.append((r.line, "before is not a JSON object of the values an edit replaced"))
            continue
        kind = kinds[entry_id]
        bad = sorted(set(previous) - EDITABLE[kind])
        if bad:
            problems.append((r.line, f"before names {', '.join(bad)}, which a {kind} entry cannot have edited"))
            continue
        fields = KIND_FIELD_NAMES[kind]
        for key, value in previous.items():
            try:
                if fields[key].type == "instant":
                    if value is not None:
                        instant_from_db(value)
                else:
                    _check_value(kind, fields[key], _from_json(fields[key], value) if value is not None else None)
            except (ValueError, TypeError) as exc:
                problems.append((r.line, f"before: {exc}"))
    return problems


# --- writing into a diary --------------------------------------------------------------------


def _content_key(kind: str, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What makes two entries the same entry: kind, time and content (not ids or stamps)."""
    skip = {"id", "created_at", "updated_at", "deleted_at", "own_food_id"}
    if kind == "quiet":  # a day is quiet or not: a second mark is the same statement
        return (kind, values["day"])
    out: list[Any] = [kind]
    for f in KIND_FIELDS[kind]:
        if f.name not in skip:
            value = values.get(f.name)
            out.append(tuple(sorted(value)) if f.type == "names" else value)
    return tuple(out)


def _own_food_key(values: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(values[f.name] for f in KIND_FIELDS["own_food"] if f.name not in ("id", "created_at", "updated_at"))


@dataclass
class ImportSummary:
    """What an import added, by kind (entries also counted by how many are deleted)."""

    counts: dict[str, int]
    deleted: int


def import_records(store: Store, imported: ImportFile) -> ImportSummary:
    """Add every record of a checked file to the diary, or raise ImportRejected and add none.

    Refused: an entry id the diary already uses, an entry with the same kind, time and
    content as one already there, an own food of the same name with other values, a
    profile that differs from the diary's. The caller's transaction makes it all or
    nothing; this function writes only after every check has passed.
    """
    problems: list[tuple[int, str]] = []
    existing = export_records(store)
    by_kind: dict[str, list[Record]] = {}
    for r in existing:
        by_kind.setdefault(r.kind, []).append(r)

    # Profile: the same settings are fine; other settings would silently replace the patient's.
    new_profile = imported.of("profile")
    if new_profile and by_kind.get("profile"):
        old, new = by_kind["profile"][0].values, new_profile[0].values
        differ = [k for k in ("name", "sex", "life_stage", "birth_year", "timezone", "clinician", "logs_every_spasm")
                  if old[k] != new[k]]
        if differ:
            problems.append((new_profile[0].line, f"this diary already has a profile with another {differ[0]} "
                                                  f"({old[differ[0]]!r}, the file says {new[differ[0]]!r})"))
        new_profile = []

    # Own foods: by name; the same food is reused, a different one under the same name refused.
    food_by_name = {r.values["name"]: r.values for r in by_kind.get("own_food", [])}
    used_food_ids = {r.values["id"] for r in by_kind.get("own_food", [])}
    food_plan: list[Record] = []
    food_ids: dict[int, int | None] = {}
    for r in imported.of("own_food"):
        old_food = food_by_name.get(r.values["name"])
        if old_food is None:
            food_plan.append(r)
            food_ids[r.values["id"]] = None if r.values["id"] in used_food_ids else r.values["id"]
        elif _own_food_key(old_food) != _own_food_key(r.values):
            problems.append((r.line, f"own food {r.values['name']!r} is already in this diary with other values"))
        else:
            food_ids[r.values["id"]] = old_food["id"]

    # Entries: ids are kept, so they must be free; and no entry may already be there.
    by_id = {r.values["id"]: r for k in ENTRY_KINDS for r in by_kind.get(k, [])}
    by_content = {_content_key(r.kind, r.values): r.values["id"] for k in ENTRY_KINDS for r in by_kind.get(k, [])}
    for r in imported.of(*ENTRY_KINDS):
        same = by_content.get(_content_key(r.kind, r.values))
        if same is not None:
            problems.append((r.line, f"this {KIND_WORDS[r.kind]} is already in the diary as #{same} (same time and content)"))
        elif r.values["id"] in by_id:
            problems.append((r.line, f"entry id {r.values['id']} is already used in this diary by another "
                                     f"{KIND_WORDS[by_id[r.values['id']].kind]} (import into an empty diary)"))
    if problems:
        raise _reject(imported.path, problems, clash=True)

    changes = imported.of("change")
    taken = {r.values["id"] for r in by_kind.get("change", [])}
    keep_ids = not any(r.values["id"] in taken for r in changes)
    _advance_sequences(store, {
        "entry": max((r.values["id"] for r in imported.of(*ENTRY_KINDS)), default=0),
        "own_food": max((i for i in food_ids.values() if i is not None), default=0),
        "trigger": max((r.values["id"] for r in imported.of("trigger")), default=0),
        "change": max((r.values["id"] for r in changes), default=0) if keep_ids else 0,
    })
    if new_profile:
        store.insert("profile", new_profile[0].values)
    for r in food_plan:
        values = dict(r.values)
        if food_ids[r.values["id"]] is None:
            values.pop("id")
        food_ids[r.values["id"]] = store.insert("own_food", values)

    # Triggers: by name; a name the diary has is reused, a new one keeps its id if free.
    trigger_by_name = {r.values["name"]: r.values["id"] for r in by_kind.get("trigger", [])}
    used_trigger_ids = set(trigger_by_name.values())
    trigger_created = {r.values["name"]: r.values for r in imported.of("trigger")}
    for r in imported.of("spasm"):  # a trigger named by a spasm but without a row of its own
        for name in r.values["triggers"]:
            trigger_created.setdefault(name, {"id": None, "name": name, "created_at": r.values["created_at"]})
    counts: dict[str, int] = {k: 0 for k in ("profile", "own_food", "trigger", *ENTRY_KINDS, "change")}
    for name, values in trigger_created.items():
        if name in trigger_by_name:
            continue
        row = dict(values)
        if row["id"] is None or row["id"] in used_trigger_ids:
            row.pop("id")
        trigger_by_name[name] = store.insert("trigger", row)
        used_trigger_ids.add(trigger_by_name[name])
        counts["trigger"] += 1
    counts["profile"] = len(new_profile)
    counts["own_food"] = len(food_plan)
    deleted = 0
    entry_columns = set(_schema.COLUMNS["entry"])
    for r in sorted(imported.of(*ENTRY_KINDS), key=lambda r: r.values["id"]):
        values = r.values
        store.insert("entry", {"kind": r.kind} | {k: v for k, v in values.items() if k in entry_columns})
        row = {k: v for k, v in values.items() if k not in entry_columns and k != "triggers"}
        if r.kind == "intake" and row.get("own_food_id") is not None:
            row["own_food_id"] = food_ids[row["own_food_id"]]
        store.insert(ENTRY_TABLES[r.kind], row | {"id": values["id"]})
        for name in values.get("triggers") or ():
            store.insert("episode_trigger", {"episode_id": values["id"], "trigger_id": trigger_by_name[name]})
        counts[r.kind] += 1
        deleted += values["deleted_at"] is not None

    # The undo journal: kept as it was when the diary has none, else appended after its own.
    for r in sorted(changes, key=lambda r: r.values["id"]):
        values = dict(r.values)
        if not keep_ids:
            values.pop("id")
        store.insert("change", values)
        counts["change"] += 1
    _advance_sequences(store)
    return ImportSummary(counts, deleted)


def _advance_sequences(store: Store, floors: Mapping[str, int] | None = None) -> None:
    """On PostgreSQL, move each id sequence past the ids in the table and past `floors`
    (ids about to be written explicitly), so no `diary spasm` collides with an imported id,
    not even one running at the same time: setval is not undone by a rollback, so it is
    called before the import's inserts as well as after. SQLite needs nothing."""
    session = getattr(store, "session", None)
    if session is None or session.get_bind().dialect.name != "postgresql":
        return
    for table in ("entry", "own_food", "trigger", "change"):
        floor = int((floors or {}).get(table, 0))
        store.rows(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), GREATEST(COALESCE(MAX(id), 0), :floor, 1), "
            f'GREATEST(COALESCE(MAX(id), 0), :floor) > 0) FROM "{table}"',
            {"floor": floor},
        )


def describe_summary(summary: ImportSummary) -> str:
    """'12 spasms, 30 intakes, ... (2 of the entries deleted)' for the CLI."""
    names = {"spasm": ("spasm", "spasms"), "intake": ("intake", "intakes"),
             "adjustment": ("adjustment", "adjustments"), "quiet": ("quiet day", "quiet days"),
             "own_food": ("own food", "own foods"), "trigger": ("trigger", "triggers"),
             "change": ("undo-journal change", "undo-journal changes"), "profile": ("profile", "profiles")}
    parts = [f"{n} {names[k][n != 1]}" for k, n in summary.counts.items() if n]
    text = ", ".join(parts) if parts else "nothing new"
    if summary.deleted:
        text += f" ({summary.deleted} of the entries deleted, as in the file)"
    return text


def export_text(store: Store, fmt: str, exported_at: dt.datetime) -> str:
    """The whole export as text (for tests and small diaries)."""
    out = io.StringIO(newline="")
    write_export(export_records(store), fmt, out, exported_at=exported_at)
    return out.getvalue()
