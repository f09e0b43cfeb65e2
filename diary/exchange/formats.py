"""The two file formats at the level of text: RFC 4180 CSV records and the JSON export's
top-level object, each with the line every record starts on (for "line 7: ...").

This module reads and writes CSV itself because the csv module of Python 3.11 cannot tell
a quoted empty cell ("", empty text) from an empty one (no value).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

# Longest number a file may hold: a diary's largest is a 10-digit id or a float's 17 digits,
# and Python refuses to read integers past 4,300 digits anyway (a ValueError mid-decode).
MAX_DIGITS = 100


class FileProblem(Exception):
    """A problem that stops the whole file from being read (raised with its line)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def csv_cell(text: str | None) -> str:
    """A CSV cell for `text`: None (no value) is an empty cell, "" a quoted empty one."""
    if text is None:
        return ""
    if text == "" or text != text.strip() or any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


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
                        raise FileProblem(start, "a quoted cell is never closed (a \" is missing)")
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
                    raise FileProblem(line, "a quoted cell must end at a comma or the end of the line")
                cells.append((value, True))
            else:
                m = _UNQUOTED.match(text, i)
                assert m is not None
                i = m.end()
                if i < n and text[i] == '"':
                    raise FileProblem(line, 'a " inside a cell that does not start with one')
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


class _TooManyDigits(Exception):
    pass


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _TooManyDigits
    return int(text)


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def json_records(text: str) -> tuple[dict[str, Any], list[tuple[int, Any]] | None]:
    """The head and the records of a JSON export, each record with its line number.

    json.loads gives no positions, so the top-level object is walked here and each value
    decoded with raw_decode; any layout of the file is accepted."""
    decoder = json.JSONDecoder(parse_int=_int)
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
            raise FileProblem(exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
        except RecursionError:
            # A record holds at most a list of names; Python's decoder stops at its recursion limit.
            raise FileProblem(line_of(pos), "not valid JSON for an export: nested too deeply") from None
        except _TooManyDigits:
            raise FileProblem(line_of(pos), f"not valid JSON: a number with more than {MAX_DIGITS} digits") from None

    head: dict[str, Any] = {}
    records: list[tuple[int, Any]] | None = None
    i = _skip_ws(text, 0)
    if not text.startswith("{", i):
        raise FileProblem(line_of(i), "not a diary export: a JSON export starts with {")
    i = _skip_ws(text, i + 1)
    if text.startswith("}", i):
        return head, records
    while True:
        key, i = decode(i)
        if not isinstance(key, str):
            raise FileProblem(line_of(i), "not valid JSON: a key must be a string")
        i = _skip_ws(text, i)
        if not text.startswith(":", i):
            raise FileProblem(line_of(i), "not valid JSON: ':' expected after a key")
        i = _skip_ws(text, i + 1)
        if key == "records" and records is not None:
            raise FileProblem(line_of(i), "\"records\" appears twice: merge the two lists into one")
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
                    raise FileProblem(line_of(i), "not valid JSON: ',' or ']' expected between records")
        else:
            head[key], i = decode(i)
        i = _skip_ws(text, i)
        if text.startswith(",", i):
            i = _skip_ws(text, i + 1)
            continue
        if text.startswith("}", i):
            i = _skip_ws(text, i + 1)
            if i != len(text):
                raise FileProblem(line_of(i), "not valid JSON: text after the closing }")
            return head, records
        raise FileProblem(line_of(i), "not valid JSON: ',' or '}' expected")
