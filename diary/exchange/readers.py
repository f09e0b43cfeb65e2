"""Import, first half: read an export file and check every record, before any diary is opened.

Every value goes through its field's codec (diary/exchange/codecs.py) and then the same
rules as a typed entry (diary/rules.py); the rules between records (unique ids and names,
references that resolve, one mark per day) are checked here. Every bad row is reported
with its line number (`ImportRejected`); nothing is written while any row is bad.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from diary import rules, schema
from diary.dbtime import day_from_db, instant_from_db
from diary.errors import ImportRejected
from diary.exchange.codecs import Codec, shown, shown_cell
from diary.exchange.fields import (
    ENTRY_KINDS,
    ENTRY_TABLES,
    FIELD_BY_NAME,
    RECORD_FIELDS,
    RECORD_KINDS,
    TABLE_OF,
    Field,
    Record,
)
from diary.exchange.formats import FileProblem, csv_rows, json_records
from diary.exchange.writers import FORMAT_NAME, FORMAT_VERSION
from diary.profile import Profile
from diary.vocab import DAY_KINDS

# How many bad rows an ImportRejected lists before it only counts the rest.
MAX_REPORTED = 20
# The largest file import reads: a ten-year diary of 20 spasms and 30 intakes a day (the
# heaviest the report is built for) exports to about 60 MB of CSV and 110 MB of JSON
# (measured: 310 and 590 bytes an entry with its journal line); this leaves room for
# long notes and keeps a wrong file from filling the memory.
MAX_IMPORT_BYTES = 512 * 2**20
# Entry kinds that state something about a local day: one live mark per day.


@dataclass
class ImportFile:
    """The checked records of an import file."""

    path: str
    format: str
    records: list[Record] = field(default_factory=list)

    def of(self, *kinds: str, bad_too: bool = False) -> list[Record]:
        return [r for r in self.records if r.kind in kinds and (r.ok or bad_too)]


def read_import(path: str | Path, *, now: dt.datetime) -> ImportFile:
    """Read and check a whole export file; ImportRejected lists every bad row.

    Nothing here touches a diary: a bad file is refused before any diary is opened."""
    name = str(path)
    data = _read_limited(name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportRejected(f"line {line} of {name} is not UTF-8 text; nothing was imported "
                             "(export files are UTF-8)") from None
    return parse_import(text, name, now=now)


def _read_limited(name: str) -> bytes:
    """The bytes of a regular file of at most MAX_IMPORT_BYTES, or ImportRejected.

    Opened without blocking and checked before reading: a FIFO would wait for a writer
    forever, /dev/zero never ends, and a huge file would fill the memory."""
    nothing = "nothing was imported"
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ImportRejected(f"cannot read {name}: {exc.strerror or exc}; {nothing}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ImportRejected(f"{name} is not a regular file (a device or a pipe): import reads an export file; "
                                 f"{nothing}")
        if info.st_size > MAX_IMPORT_BYTES:
            raise ImportRejected(f"{name} is larger than {MAX_IMPORT_BYTES:,} bytes, more than any diary's export: "
                                 f"not an export; {nothing}")
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= MAX_IMPORT_BYTES:  # a file growing while it is read is cut short and refused
            chunk = os.read(fd, min(1 << 20, MAX_IMPORT_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_IMPORT_BYTES:
            raise ImportRejected(f"{name} is larger than {MAX_IMPORT_BYTES:,} bytes, more than any diary's export: "
                                 f"not an export; {nothing}")
        return b"".join(chunks)
    except OSError as exc:
        raise ImportRejected(f"cannot read {name}: {exc.strerror or exc}; {nothing}") from None
    finally:
        os.close(fd)


def sniff_format(text: str) -> str:
    return "json" if text.lstrip().startswith("{") else "csv"


def parse_import(text: str, name: str = "the file", *, now: dt.datetime) -> ImportFile:
    """Check the text of an export (CSV or JSON, told apart by its first character).

    `now` is the import's clock: nothing in the file may lie after it."""
    fmt = sniff_format(text)
    problems: list[tuple[int, str]] = []
    records: list[Record] = []

    def add(line: int, kind: Any, given: Mapping[str, Any], decode: Callable[[Codec, Any], Any]) -> None:
        record = _record(line, kind, given, decode, problems, now)
        if record:
            records.append(record)

    try:
        if fmt == "json":
            for line, kind, given in _json_items(text, problems):
                add(line, kind, given, lambda codec, v: codec.from_json(v))
        else:
            for line, kind, given in _csv_items(text, problems):
                add(line, kind, given, lambda codec, v: codec.from_csv(v))
    except FileProblem as exc:
        raise ImportRejected(f"line {exc.line} of {name}: {exc}; nothing was imported") from None
    imported = ImportFile(name, fmt, records)
    problems.extend(_cross_check(imported, now))
    if problems:
        raise reject(name, problems)
    return imported


def _json_items(text: str, problems: list[tuple[int, str]]) -> list[tuple[int, Any, dict[str, Any]]]:
    head, raw = json_records(text)
    if head.get("format") != FORMAT_NAME:
        raise FileProblem(1, f"not a diary export (no \"format\": \"{FORMAT_NAME}\")")
    version = head.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION or version < 1:
        raise FileProblem(1, f"export format version {version!r} is not one this diary can read "
                             f"(it reads version {FORMAT_VERSION}): upgrade diary")
    revision = head.get("schema")
    if revision not in schema.REVISIONS:
        raise FileProblem(1, f"the export comes from a newer diary (schema {revision!r}): upgrade diary")
    if raw is None:
        raise FileProblem(1, "not a diary export (no \"records\": [...] list)")
    items = []
    for line, item in raw:
        if not isinstance(item, dict):
            problems.append((line, "a record must be a JSON object {...}"))
            continue
        items.append((line, item.get("kind"), {k: v for k, v in item.items() if k != "kind"}))
    return items


def _csv_items(text: str, problems: list[tuple[int, str]]) -> list[tuple[int, Any, dict[str, Any]]]:
    from diary.exchange.fields import CSV_COLUMNS

    rows = csv_rows(text)
    first = next(rows, None)
    if first is None:
        raise FileProblem(1, "the file is empty: not a diary export")
    header = [cell for cell, _ in first[1]]
    if not header or header[0] != "kind":
        raise FileProblem(first[0], "not a diary export: the first line must be the header, starting with kind")
    unknown = [c for c in header if c not in CSV_COLUMNS]
    if unknown:
        raise FileProblem(first[0], f"unknown column {shown_cell(unknown[0])} in the header (a newer diary's export? "
                                    "upgrade diary)")
    if len(set(header)) != len(header):
        raise FileProblem(first[0], "a column appears twice in the header")
    items = []
    for line, cells in rows:
        if len(cells) != len(header):
            problems.append((line, f"{len(cells)} cells, but the header has {len(header)}"))
            continue
        # An empty unquoted cell is no value; a quoted empty one ("") is empty text.
        given = {c: cell for c, (cell, quoted) in zip(header[1:], cells[1:], strict=True) if cell or quoted}
        items.append((line, cells[0][0], given))
    return items


def _message(f: Field, kind: str, text: str) -> str:
    """A rule's problem in words that start with the field's name."""
    if text == f"{f.name} is missing":
        return f"{text}: a {kind} row needs one"
    if not text.startswith(f.name + " ") and not text.startswith(f.name + ":"):
        return f"{f.name}: {text}"
    return text


def _record(line: int, kind: Any, given: Mapping[str, Any], decode: Callable[[Codec, Any], Any],
            problems: list[tuple[int, str]], now: dt.datetime) -> Record | None:
    """A checked record from one row's raw values (missing or None means no value)."""
    if not isinstance(kind, str) or kind not in RECORD_FIELDS:
        problems.append((line, f"kind {shown(kind)} is not one of {', '.join(RECORD_KINDS)}"))
        return None
    fields = FIELD_BY_NAME[kind]
    values: dict[str, Any] = {}
    bad: set[str] = set()
    found: list[tuple[int, str]] = []
    for name in given:
        if name not in fields:
            found.append((line, f"a {kind} row has no field {shown_cell(name)}"))
            bad.add(name)
    for f in RECORD_FIELDS[kind]:
        raw = given.get(f.name)
        try:
            values[f.name] = f.default if raw is None else decode(f.codec, raw)
        except ValueError as exc:
            values[f.name] = None
            bad.add(f.name)
            found.append((line, f"{f.name} {exc}"))  # a codec's reason starts with the value it refused
    if kind == "spasm":
        if values.get("triggers") is None:
            values["triggers"] = []
        elif "triggers" not in bad:
            why = rules.check_trigger_names(values["triggers"])
            if why:
                found.append((line, f"triggers: {why}"))
    record = Record(kind, values, line)
    for table in ("entry", ENTRY_TABLES[kind]) if kind in ENTRY_TABLES else (TABLE_OF[kind],):
        row = record.table_values(table)
        if table == "entry":
            row["kind"] = kind
        elif kind in ENTRY_TABLES:
            row["id"] = values.get("id")
        for column, text in rules.problems(table, row, now):
            if column not in bad:
                bad.add(column)
                found.append((line, _message(fields.get(column) or fields["id"], kind, text)))
    problems.extend(found)
    record.ok = not found
    return record


def _problem_lines(problems: Sequence[tuple[int, str]]) -> list[str]:
    ordered = sorted(problems, key=lambda p: p[0])
    lines = [f"line {n}: {m}" for n, m in ordered[:MAX_REPORTED]]
    if len(ordered) > MAX_REPORTED:
        lines.append(f"... and {len(ordered) - MAX_REPORTED} more")
    return lines


def reject(path: str, problems: Sequence[tuple[int, str]], clash: bool = False) -> ImportRejected:
    """The ImportRejected for these (line, message) problems of the file at `path`."""
    rows = len({n for n, _ in problems})
    s = "s" if rows != 1 else ""
    if clash:
        summary = (f"nothing was imported: {rows} row{s} of {path} {'are' if s else 'is'} already in this diary "
                   "or clash with it")
    else:
        summary = f"nothing was imported: {rows} bad row{s} in {path} (fix {'them' if s else 'it'} and import again)"
    return ImportRejected(summary, _problem_lines(problems))


# --- rules between records ---------------------------------------------------------------------


def spasm_days(records: list[Record], zone: ZoneInfo) -> dict[dt.date, Record]:
    """The local days (in `zone`) of live spasm records, each with its first record."""
    days: dict[dt.date, Record] = {}
    for r in records:
        if r.values["deleted_at"] is None:
            days.setdefault(r.values["started_at"].astimezone(zone).date(), r)
    return days


def live_marks(records: list[Record]) -> dict[dt.date, Record]:
    """The days of live quiet marks, each with its record."""
    return {r.values["day"]: r for r in records if r.values["deleted_at"] is None}


def _cross_check(f: ImportFile, now: dt.datetime) -> list[tuple[int, str]]:
    """Rules between rows of the file: unique ids and names, references that resolve, one mark a day."""
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
    for kind in ("own_food", "food_alias", "trigger"):
        unique(f.of(kind), "id", f"{kind.replace('_', ' ')} id")
        unique(f.of(kind), "name", f"{kind.replace('_', ' ')} name")
    unique(f.of(*ENTRY_KINDS), "id", "entry id")
    unique(f.of("change"), "id", "change id")
    for kind in DAY_KINDS:  # one live mark a day, as the commands keep it
        marked: dict[Any, int] = {}
        for r in f.of(kind):
            if r.values["deleted_at"] is None:
                day = r.values["day"]
                if day in marked:
                    problems.append((r.line, f"a second {kind} mark for {day.isoformat()} (the first is on line "
                                             f"{marked[day]}): a day is marked once"))
                marked.setdefault(day, r.line)
    profile = f.of("profile")
    zone = Profile(timezone=profile[0].values.get("timezone") if profile else None).zone()
    spasms = spasm_days(f.of("spasm"), zone)
    problems += [(mark.line, f"a quiet mark for {day.isoformat()}, a day with a spasm on line {spasms[day].line}: "
                             "a day with a spasm is not quiet")
                 for day, mark in sorted(live_marks(f.of("quiet")).items()) if day in spasms]
    foods = {r.values["id"] for r in f.of("own_food", bad_too=True)}
    for r in f.of("intake", "food_alias"):
        ref = r.values["own_food_id"]
        if ref is not None and ref not in foods:
            problems.append((r.line, f"own_food_id {ref} names no own_food row of the file"))
    changes = {r.values["id"] for r in f.of("change", bad_too=True)}
    for r in f.of("change"):
        batch = r.values.get("batch")
        if batch is not None and batch not in changes:
            problems.append((r.line, f"batch {batch} names no change of the file"))
    problems.extend(_check_changes(f, now))
    return problems


def _check_changes(f: ImportFile, now: dt.datetime) -> list[tuple[int, str]]:
    """Each change names an entry of the file, and an edit's `before` holds values that entry could have had."""
    from diary.entries import EDITABLE

    problems: list[tuple[int, str]] = []
    kinds = {r.values["id"]: r.kind for r in f.of(*ENTRY_KINDS, bad_too=True)}
    good = {r.values["id"] for r in f.of(*ENTRY_KINDS)}
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
        except (ValueError, RecursionError):
            previous = None
        if not isinstance(previous, dict):
            problems.append((r.line, "before is not a JSON object of the values an edit replaced"))
            continue
        kind = kinds[entry_id]
        bad = sorted(set(previous) - set(EDITABLE.get(kind, ())))
        if bad:
            problems.append((r.line, f"before names {', '.join(bad)}, which a {kind} entry cannot have edited"))
            continue
        problems.extend((r.line, f"before: {why}") for why in _before_problems(kind, previous, now))
    return problems


def _before_problems(kind: str, previous: dict[str, Any], now: dt.datetime) -> list[str]:
    """Why the earlier values an edit journaled could not be put back by undo."""
    found: list[str] = []
    table = ENTRY_TABLES[kind]
    column_rules = rules.column_rules()[table]
    typed: dict[str, Any] = {}
    for key, value in previous.items():
        if key == "triggers":
            why = rules.check_trigger_names(value)
            if why:
                found.append(why)
            continue
        if value is None:
            typed[key] = None
            continue
        kind_of_value = column_rules[key]["type"]
        try:
            if kind_of_value in ("instant", "day"):
                if not isinstance(value, str):
                    raise ValueError(f"{key} {shown(value)} is not stored text")
                typed[key] = instant_from_db(value) if kind_of_value == "instant" else day_from_db(value)
            else:
                typed[key] = FIELD_BY_NAME[kind][key].codec.from_json(value)
        except (ValueError, TypeError) as exc:
            text = str(exc)
            found.append(text if text.startswith(key) else f"{key} {text}")
    found.extend(text for _, text in rules.problems(table, typed, now, partial=True))
    return found
