"""Days as a patient types them: today, yesterday, a weekday, "last tuesday", "tuesday last
week", "3 days ago", "a week ago", "nov 5", "5th of november 2026", "2026-11-5", "25/11",
"24.11.2026". Standard library only; the words come already split (diary/parse/when.py).

A date without a year is the most recent one, today included, when that is in this year
or at most about two months back (the reply says "taken as Mon 28 Dec 2026"); further back
("dec 1" said in November) it is refused naming both readings, so a date meant this year
never silently becomes last year. A date that does not exist (2026-02-30, 31 nov) is
refused as such. A slashed date that reads two ways (05/11) is refused naming both.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from diary.parse.spans import read_span
from diary.parse.words import MONTH_WORDS, WEEKDAY_WORDS

_ISO_DAY = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_DOTTED_DAY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})?$")  # "24.11.2026", "24.11."
_SLASHED_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_ORDINAL_ONLY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")


class Day(NamedTuple):
    """A day as read, and how: a bare weekday may move back a week; a fuzzy count is a guess."""

    day: dt.date
    weekday: bool = False
    guessed: bool = False
    yearless: bool = False  # a day and month without a year ("nov 25"): the year was chosen


# How far back a date without a year may be taken from an earlier year ("dec 28" said in January).
YEARLESS_BACK = dt.timedelta(days=62)


def day_named(words: list[str], today: dt.date) -> Day | None:
    """The day named by all of `words`, or None."""
    text = " ".join(words)
    if text == "today":
        return Day(today)
    if text == "yesterday":
        return Day(today - dt.timedelta(days=1))
    if len(words) >= 2 and words[-1] == "ago":
        return _days_ago(words[:-1], today)
    found = _weekday(words, today) or _date(words, today)
    if found is None and len(words) > 1 and words[0] in WEEKDAY_WORDS:  # "tue 24 nov", "tuesday the 24th"
        found = _date(words[1:], today)
        if found is not None and found.day.weekday() != WEEKDAY_WORDS[words[0]]:
            d = found.day
            raise ValueError(f"date {text!r}: {d.day} {d:%b %Y} is a {d:%A}, not a "
                             f"{dt.date(2024, 1, 1 + WEEKDAY_WORDS[words[0]]):%A}: say the date or the weekday")
    return found


def _days_ago(words: list[str], today: dt.date) -> Day | None:
    """"3 days ago", "a week ago", "a couple of days ago", "a month ago": the day, whole days only."""
    span = read_span(" ".join(words))
    if span is None or span.sub_day:
        return None
    if span.months:
        month = today.month - span.months
        year = today.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        day = min(today.day, _month_length(year, month))
        return Day(dt.date(year, month, day), guessed=span.approximate)
    if span.seconds % 86400:
        return None
    return Day(today - dt.timedelta(days=int(span.seconds // 86400)), guessed=span.approximate)


def _month_length(year: int, month: int) -> int:
    return ((dt.date(year + month // 12, month % 12 + 1, 1)) - dt.date(year, month, 1)).days


def _weekday(words: list[str], today: dt.date) -> Day | None:
    """"sunday", "last tuesday", "this friday": the most recent such day; "tuesday last week"
    and "friday before last" the ones a week before."""
    if len(words) == 3 and words[1:] == ["last", "week"] and words[0] in WEEKDAY_WORDS:
        monday_last_week = today - dt.timedelta(days=today.weekday() + 7)
        return Day(monday_last_week + dt.timedelta(days=WEEKDAY_WORDS[words[0]]))
    if len(words) == 3 and words[1:] == ["before", "last"] and words[0] in WEEKDAY_WORDS:
        back = (today.weekday() - WEEKDAY_WORDS[words[0]]) % 7 or 7
        return Day(today - dt.timedelta(days=back + 7))
    last = len(words) == 2 and words[0] == "last"
    this = len(words) == 2 and words[0] == "this"
    if not (len(words) == 1 or last or this) or words[-1] not in WEEKDAY_WORDS:
        return None
    back = (today.weekday() - WEEKDAY_WORDS[words[-1]]) % 7
    if back == 0 and last:
        back = 7
    return Day(today - dt.timedelta(days=back), weekday=not last)


def _date(words: list[str], today: dt.date) -> Day | None:
    """"2026-11-05", "2026-11-5", "nov 5", "5 nov", "5th of november 2026", "25/11", "25.11.2026"."""
    if len(words) == 1:
        word = words[0]
        if m := _ISO_DAY.match(word):
            return _existing(word, int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DOTTED_DAY.match(word):
            if m.group(3) is None:
                return _most_recent(int(m.group(2)), int(m.group(1)), today, word)
            return _existing(word, int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := _SLASHED_DAY.match(word):
            return _slashed(word, m, today)
        if m := _ORDINAL_ONLY.match(word):
            return _day_of_month(word, int(m.group(1)), today)
        return None
    if len(words) not in (2, 3):
        return None
    year = None
    if len(words) == 3:
        if not re.fullmatch(r"\d{4}", words[2]):
            return None
        year = int(words[2])
    first, second = words[0], words[1]
    if first in MONTH_WORDS and (m := _ORDINAL.match(second)):
        month, day = MONTH_WORDS[first], int(m.group(1))
    elif second in MONTH_WORDS and (m := _ORDINAL.match(first)):
        month, day = MONTH_WORDS[second], int(m.group(1))
    else:
        return None
    if year is not None:
        return _existing(" ".join(words), year, month, day)
    return _most_recent(month, day, today, " ".join(words))


def _day_of_month(word: str, day: int, today: dt.date) -> Day:
    """"the 24th": this month's when not in the future, else last month's (said as a guess)."""
    if not 1 <= day <= 31:
        raise ValueError(f"date {word!r} does not exist: a month has at most 31 days")
    if day <= today.day:
        return Day(today.replace(day=day))
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    if day > _month_length(year, month):
        raise ValueError(f"date {word!r}: {dt.date(year, month, 1):%B} had {_month_length(year, month)} days and "
                         f"the {word} of {today:%B} is still to come: say the date, like '{day} {today:%b}'")
    return Day(dt.date(year, month, day), guessed=True)


def _valid(year: int, month: int, day: int) -> Day | None:
    try:
        return Day(dt.date(year, month, day))
    except ValueError:
        return None


def _existing(text: str, year: int, month: int, day: int) -> Day:
    """The date, or a refusal saying it does not exist ("2026-02-30": February 2026 has 28 days)."""
    found = _valid(year, month, day)
    if found is not None:
        return found
    if 1 <= month <= 12 and day >= 1 and 1 <= year <= 9999:
        month_day = dt.date(year, month, 1)
        raise ValueError(f"date {text!r} does not exist: {month_day:%B} {year} has {_month_length(year, month)} days")
    raise ValueError(f"date {text!r} does not exist: a date is year, month (1-12), day")


def _most_recent(month: int, day: int, today: dt.date, text: str) -> Day:
    """A day and month without a year: this year's when it is not in the future; else the
    one before, when it is at most YEARLESS_BACK ago (a guess the reply names); else refused
    naming both readings."""
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise ValueError(f"date {text!r} does not exist: a month has at most 31 days")
    if day > _month_length(2024, month):  # 2024: a leap year, so 29 Feb is a date
        raise ValueError(f"date {text!r} does not exist: {dt.date(2024, month, 1):%B} has "
                         f"{'at most ' if month == 2 else ''}{_month_length(2024, month)} days")
    this = _valid(today.year, month, day)
    if this is not None and this.day <= today:
        return this._replace(yearless=True)
    before = next(found for year in range(today.year - 1, today.year - 9, -1)
                  if (found := _valid(year, month, day)) is not None)
    if today - before.day <= YEARLESS_BACK:
        return before._replace(guessed=True, yearless=True)
    label = f"{day} {dt.date(2024, month, 1):%b}"
    this_year = (f"{label} {today.year} is still to come" if this is not None
                 else f"there is no {label} in {today.year}")
    raise ValueError(f"date {text!r} has no year: {this_year}, and {label} {before.day.year} was "
                     f"{_ago(today, before.day)} ago: add the year, like '{label.lower()} {before.day.year}'")


def _ago(today: dt.date, then: dt.date) -> str:
    months = (today.year - then.year) * 12 + today.month - then.month - (today.day < then.day)
    if months >= 24:
        return f"{months // 12} years"
    return f"{months} months" if months != 1 else "a month"


def _slashed(word: str, m: re.Match[str], today: dt.date) -> Day | None:
    """"25/11" or "11/25" (only one can be a date); "05/11" reads two ways and is refused."""
    a, b = int(m.group(1)), int(m.group(2))
    year_text = m.group(3)
    year = None if year_text is None else int(year_text) + (2000 if len(year_text) == 2 else 0)

    def reading(month: int, day: int) -> Day | ValueError | None:
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        try:
            return _existing(word, year, month, day) if year is not None else _most_recent(month, day, today, word)
        except ValueError as exc:
            return exc  # a date that does not exist, or too far back without a year

    day_first, month_first = reading(b, a), reading(a, b)
    if day_first is not None and month_first is not None and day_first != month_first:
        d1, d2 = (dt.date(2024, b, a), dt.date(2024, a, b))
        first = day_first.day.isoformat() if isinstance(day_first, Day) else None
        raise ValueError(f"date {word!r} could be {d1.day} {d1:%b} or {d2:%b} {d2.day}: write it as "
                         f"'{d1.day} {d1:%b}' or '{d2:%b} {d2.day}'" + (f" (or {first})" if first else ""))
    found = day_first or month_first
    if isinstance(found, ValueError):
        raise found
    if found is None:
        raise ValueError(f"date {word!r} does not exist: write it as day/month, like 25/11")
    return found
