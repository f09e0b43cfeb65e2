"""One codec per field type: how a value is read from the database, written to and read
from a JSON export and a CSV export.

Types: int, float, bool, text, instant (UTC, ISO 8601 with a Z), day (YYYY-MM-DD), and
names (a spasm's trigger names: a JSON list, one CSV cell with one name per line).
Readers raise ValueError with a one-line reason; the value checks (ranges, lengths,
allowed words) are diary.rules', not the codecs'.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from diary.dbtime import day_from_db, instant_from_db

# A spreadsheet evaluates a cell that starts with one of these (=1+1, +cmd, -2+3, @SUM, and
# tab or carriage return before any of them), so a text cell starting so is written with a
# leading apostrophe, as spreadsheets themselves mark text. A text starting with an
# apostrophe followed by one of these, or by a second apostrophe, gets one more, so reading
# takes exactly one away and the round trip is exact.
FORMULA_START = frozenset("=+-@\t\r")
_ESCAPED_START = FORMULA_START | {"'"}


def neutralise(text: str) -> str:
    """The CSV cell text for `text` that no spreadsheet evaluates (`restore` undoes it)."""
    if text[:1] in FORMULA_START or (text[:1] == "'" and text[1:2] in _ESCAPED_START):
        return "'" + text
    return text


def restore(cell: str) -> str:
    """The text `neutralise` made `cell` from (a cell it did not change comes back as it is)."""
    if cell[:1] == "'" and cell[1:2] in _ESCAPED_START:
        return cell[1:]
    return cell


def shown(value: Any) -> str:
    """A JSON value as a message shows it: short, whatever the file held."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return json.dumps(value[:40], ensure_ascii=False)[:-1] + ('..."' if len(value) > 40 else '"')
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:40] + "..."


def shown_cell(cell: str) -> str:
    """A CSV cell as a message shows it."""
    return repr(cell) if len(cell) <= 40 else repr(cell[:40])[:-1] + "...'"


def instant_text(value: dt.datetime) -> str:
    """An instant as an export writes it: UTC, microseconds, a Z."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_instant(text: str) -> dt.datetime:
    """An aware UTC instant from ISO 8601 text with an offset or Z."""
    value = None
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            value = None
    if value is None:
        raise ValueError(f"{shown_cell(text)} is not a time like 2026-11-20T08:30:00.000000Z")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{shown_cell(text)} has no UTC offset: write it as UTC with a Z, like 2026-11-20T08:30:00Z")
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError(f"{shown_cell(text)} is not a time the diary can hold") from None


def parse_day(text: str) -> dt.date:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"{shown_cell(text)} is not a day like 2026-11-20")


class Codec:
    """How values of one field type travel; subclasses override what differs."""

    name = "?"
    word = "a value"  # for "... is not a whole number"

    def from_db(self, raw: Any) -> Any:
        return raw

    def to_json(self, value: Any) -> Any:
        return value

    def from_json(self, value: Any) -> Any:
        raise NotImplementedError

    def to_csv(self, value: Any) -> str:
        return str(value)

    def from_csv(self, cell: str) -> Any:
        raise NotImplementedError

    def _not(self, shown: str) -> ValueError:
        return ValueError(f"{shown} is not {self.word}")


class IntCodec(Codec):
    name, word = "int", "a whole number"

    def from_db(self, raw: Any) -> int:
        return int(raw)

    def from_json(self, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise self._not(shown(value))

    def from_csv(self, cell: str) -> int:
        if re.fullmatch(r"-?\d{1,18}", cell):
            return int(cell)
        raise self._not(shown_cell(cell))


class FloatCodec(Codec):
    name, word = "float", "a number"

    def from_db(self, raw: Any) -> float:
        return float(raw)

    def from_json(self, value: Any) -> float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                return float(value)
            except OverflowError:
                raise ValueError(f"{shown(value)} is too large a number") from None
        raise self._not(shown(value))

    def to_csv(self, value: Any) -> str:
        return repr(float(value))  # a float reads back to the same float

    def from_csv(self, cell: str) -> float:
        try:
            return float(cell)
        except ValueError:
            raise self._not(shown_cell(cell)) from None


class BoolCodec(Codec):
    name, word = "bool", "true or false"

    def from_db(self, raw: Any) -> bool:
        return bool(raw)

    def from_json(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        raise self._not(shown(value))

    def to_csv(self, value: Any) -> str:
        return "true" if value else "false"

    def from_csv(self, cell: str) -> bool:
        if cell in ("true", "false"):
            return cell == "true"
        raise self._not(shown_cell(cell))


class TextCodec(Codec):
    name, word = "text", "text"

    def from_json(self, value: Any) -> str:
        if isinstance(value, str):
            return value
        raise self._not(shown(value))

    def to_csv(self, value: Any) -> str:
        return neutralise(value)

    def from_csv(self, cell: str) -> str:
        return restore(cell)


class InstantCodec(Codec):
    name, word = "instant", "a time in quotes"

    def from_db(self, raw: Any) -> dt.datetime:
        return raw if isinstance(raw, dt.datetime) else instant_from_db(raw)

    def to_json(self, value: Any) -> str:
        return instant_text(value)

    def from_json(self, value: Any) -> dt.datetime:
        if isinstance(value, str):
            return parse_instant(value)
        raise self._not(shown(value))

    def to_csv(self, value: Any) -> str:
        return instant_text(value)

    def from_csv(self, cell: str) -> dt.datetime:
        return parse_instant(cell)


class DayCodec(Codec):
    name, word = "day", "a day in quotes"

    def from_db(self, raw: Any) -> dt.date:
        return raw if isinstance(raw, dt.date) else day_from_db(raw)

    def to_json(self, value: Any) -> str:
        return str(value.isoformat())

    def from_json(self, value: Any) -> dt.date:
        if isinstance(value, str):
            return parse_day(value)
        raise self._not(shown(value))

    def to_csv(self, value: Any) -> str:
        return str(value.isoformat())

    def from_csv(self, cell: str) -> dt.date:
        return parse_day(cell)


class NamesCodec(Codec):
    """A list of names (a trigger name never holds a line break)."""

    name, word = "names", "a list of names"

    def to_json(self, value: Any) -> list[str]:
        return list(value)

    def from_json(self, value: Any) -> list[str]:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        raise self._not(shown(value))

    def to_csv(self, value: Any) -> str:
        return neutralise("\n".join(value))

    def from_csv(self, cell: str) -> list[str]:
        text = restore(cell)
        return text.split("\n") if text else []


CODECS: dict[str, Codec] = {c.name: c for c in (IntCodec(), FloatCodec(), BoolCodec(), TextCodec(), InstantCodec(),
                                                 DayCodec(), NamesCodec())}
