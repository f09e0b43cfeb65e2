"""The long tail of typed times, read by parsedatetime (the library jrnl uses), imported
only when the hand grammar (diary/parse/when.py) could not read the text.

The library reads some text wrongly without a word ("the day before yesterday" as
yesterday, skipping words it does not know), so its reading is used only when its matches
cover every word typed, and the reply always says how the text was read ("read as Tue 17
Nov 15:00"), so a wrong reading is seen at once and fixed with `diary edit last --at`.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from diary.parse.when import When

# Words the library may pass over without changing what the text means.
_SKIPPABLE = {"at", "on", "in", "the", "of", "and", "a"}


@lru_cache(maxsize=1)
def _calendar() -> Any:
    import parsedatetime

    constants = parsedatetime.Constants(usePyICU=False)
    constants.DOWParseStyle = -1  # "monday" is today or the last Monday, as in jrnl
    return parsedatetime.Calendar(constants, version=parsedatetime.VERSION_CONTEXT_STYLE)


def _reading(text: str, local_now: dt.datetime) -> tuple[dt.datetime, bool, bool, bool] | None:
    """(naive local datetime, has a date, has a time, the time is only a part of the day) as
    the library reads all of `text`, or None when it reads none or only part of it."""
    text = " ".join(text.lower().split())
    if not text or len(text) > 60:
        return None
    source = local_now.replace(tzinfo=None).timetuple()
    try:
        calendar = _calendar()
        matches = calendar.nlp(text, source) or ()
        covered: set[int] = set()
        for match in matches:
            covered.update(range(match[2], match[3]))
        rest = "".join(" " if i in covered else ch for i, ch in enumerate(text))
        if any(word not in _SKIPPABLE for word in re.findall(r"[^\s,.]+", rest)):
            return None
        struct, context = calendar.parse(text, source)
        found = dt.datetime(*struct[:6])
    except Exception:  # the library's own failures on odd text: it did not read it
        return None
    if not (context.hasDate or context.hasTime) or not _agrees(text, found):
        return None
    only_part = bool(context.accuracy & context.ACU_HALFDAY) and not context.accuracy & (
        context.ACU_HOUR | context.ACU_MIN | context.ACU_SEC | context.ACU_NOW)
    return found, bool(context.hasDate), bool(context.hasTime), only_part


def _agrees(text: str, found: dt.datetime) -> bool:
    """Whether a weekday or month named in the text is the reading's (the library has read
    "monday ... last week" as a Wednesday)."""
    from diary.parse.words import MONTH_WORDS, WEEKDAY_WORDS

    for word in re.findall(r"[a-z]+", text):
        if word in WEEKDAY_WORDS and WEEKDAY_WORDS[word] != found.weekday():
            return False
        if word in MONTH_WORDS and word != "may" and MONTH_WORDS[word] != found.month:
            return False
    return True


# A clock time written out: "2am", "7:15", "19.30", "3 pm"; noon and midnight.
_TYPED_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)"
                          r"|(?<![\d./-])(\d{1,2})[:.](\d{2})(?![\d./-])|\b(noon|midday|midnight)\b")
# Words the library reads as changing a time by an amount it may not have read ("after lunch").
_SHIFTS = {"after", "before", "past", "to", "till", "until", "since", "from"}


def _typed_clocks(text: str) -> set[tuple[int, int]]:
    """The (hour, minute) pairs a clock time written in `text` could mean."""
    found: set[tuple[int, int]] = set()
    for m in _TYPED_CLOCK.finditer(text.lower()):
        if m.group(6):
            found.add((12, 0) if m.group(6) in ("noon", "midday") else (0, 0))
        elif m.group(3):
            hour = int(m.group(1)) % 12 + (12 if m.group(3).startswith("p") else 0)
            found.add((hour, int(m.group(2) or 0)))
        else:
            found.update({(int(m.group(4)), int(m.group(5))), ((int(m.group(4)) + 12) % 24, int(m.group(5)))})
    return found


def _untrusted(raw: str, found: dt.datetime, has_time: bool, local_now: dt.datetime) -> str | None:
    """Why the library's reading of `raw` must not be used, or None: it differs from a clock
    time written in the text, the text has a word that shifts a time ("after lunch"), which
    the library drops without a word, or it put a date typed without a year in an earlier
    year further back than the grammar would (diary/parse/dates.py)."""
    from diary.parse.dates import YEARLESS_BACK

    if (found.year < local_now.year and not re.search(r"\b\d{4}\b|'\d{2}\b", raw)
            and local_now.date() - found.date() > YEARLESS_BACK):
        return f"it would read as {found:%-d %b %Y}, a year not typed: add the year"
    clocks = _typed_clocks(raw)
    if clocks and (not has_time or (found.hour, found.minute) not in clocks):
        return f"it would read as {found:%H:%M}, not the time typed"
    shifts = _SHIFTS.intersection(re.findall(r"[a-z]+", raw.lower()))
    if shifts:
        return f"{sorted(shifts)[0]!r} is read only after a span, like 'an hour after lunch' or '10 min before 3am'"
    return None


def library_when(raw: str, local_now: dt.datetime, tz: ZoneInfo) -> When | None:
    """A `When` for text only the library reads, saying how it was read; None if it cannot.
    Raises DayWithoutTime for a day without a time, as the grammar does."""
    from diary.parse.when import TIME_HELP, DayWithoutTime, When, local_instant  # here: when.py imports this module

    reading = _reading(raw, local_now)
    if reading is None:
        return None
    found, _, has_time, _ = reading
    why = _untrusted(raw, found, has_time, local_now)
    if why is not None:
        raise ValueError(f"time {raw!r} not understood ({why}): {TIME_HELP}")
    label = f"{found:%a} {found.day} {found:%b}" + ("" if found.year == local_now.year else f" {found.year}")
    if not has_time:
        if found.date() > local_now.date():
            raise ValueError(f"time {raw!r} is in the future (read as {label}): {TIME_HELP}")
        raise DayWithoutTime(raw, found.date(), f"{raw.strip()}, read as {label}")
    instant, twice = local_instant(found.date(), found.time().replace(microsecond=0), tz)
    note = f"{raw.strip()}, read as {label} {found:%H:%M}" + (f"; {twice}" if twice else "")
    return When(instant, note)


def library_day(raw: str, local_now: dt.datetime) -> dt.date | None:
    """The day in text only the library reads as a day (with no time of day), else None."""
    reading = _reading(raw, local_now)
    if reading is None or reading[2] or not reading[1]:
        return None
    why = _untrusted(raw, reading[0], False, local_now)
    if why is not None:
        raise ValueError(f"day {raw!r} not understood ({why})")
    return reading[0].date()
