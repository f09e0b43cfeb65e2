"""A month as a patient types it: "2026-11", "nov 2026", "november", "last month" (the report's
--month, on the command line and the phone page). Standard library only."""

from __future__ import annotations

import datetime as dt
import re

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
MONTH_HELP = "use YYYY-MM (2026-11), a month's name (november, nov 2026) or last month / this month"
_NUMBERS = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$|^(\d{1,2})\s*[-/.]\s*(\d{4})$")


def _month_number(word: str) -> int | None:
    """1-12 for a month's English name or its first three letters or more ("nov", "sept")."""
    word = word.rstrip(".")
    if len(word) < 3:
        return None
    found = [i for i, name in enumerate(MONTH_NAMES, 1) if name.startswith(word)]
    return found[0] if len(found) == 1 else None


def parse_month(text: str, today: dt.date | None = None) -> tuple[int, int]:
    """(year, month) from what a patient types for a month: "2026-11", "2026/11", "11/2026",
    "november", "Nov 2026", "november 2026", "last month", "this month". A month's name
    alone is the latest such month that has begun (in December, "november" is last month,
    "december" this one); without `today` only the forms with a year are understood.
    ValueError names the value and the forms."""
    words = " ".join(text.lower().replace(",", " ").split())
    bad = ValueError(f"month {text!r} not understood: {MONTH_HELP}")
    year: int | None = None
    month: int | None = None
    if words in ("this month", "this", "last month", "last", "previous month"):
        if today is None:
            raise bad
        if words.startswith("this"):
            year, month = today.year, today.month
        else:
            before = today.replace(day=1) - dt.timedelta(days=1)
            year, month = before.year, before.month
    elif m := _NUMBERS.match(words):
        year, month = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(4)), int(m.group(3)))
    else:
        parts = words.split()
        if len(parts) == 2 and parts[0].isdigit() and not parts[1].isdigit():
            parts.reverse()  # "2026 november"
        if not 1 <= len(parts) <= 2 or (month := _month_number(parts[0])) is None:
            raise bad
        if len(parts) == 2:
            if not re.fullmatch(r"\d{4}", parts[1]):
                raise bad
            year = int(parts[1])
        elif today is None:
            raise bad
        else:
            year = today.year if month <= today.month else today.year - 1
    if not 1 <= month <= 12:
        raise bad
    if not 1900 <= year <= 2100:
        raise ValueError(f"month {text!r} is out of range: {MONTH_HELP}")
    return year, month
