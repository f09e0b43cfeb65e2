"""Parsers for what a patient types: times, days, durations, intensities, sites and sides.

Standard library only (the logging path imports this). Each parser returns a value or
raises `ValueError` whose message is one line naming the value and what is allowed; the
CLI turns that into a usage error. `now` is always passed in, never read here, so tests
need no clock patching.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from diary.vocab import MAX_DURATION_S, SIDE_ALIASES, SIDES, SITE_ALIASES, SITES

# Clock skew tolerated before a time counts as "in the future".
FUTURE_SLACK = dt.timedelta(minutes=1)
# A bare day given where an instant is needed ("--at yesterday") means its noon.
DEFAULT_HOUR = 12
# Nothing in a diary happened before this year (and exports refuse earlier dates).
MIN_YEAR = 1900
# "this morning", "last night" ...: the day offset and the clock time meant when none is given.
_PARTS_OF_DAY = {
    "this morning": (0, dt.time(8)), "this afternoon": (0, dt.time(15)), "this evening": (0, dt.time(19)),
    "tonight": (0, dt.time(21)), "last night": (-1, dt.time(23)), "yesterday morning": (-1, dt.time(8)),
    "yesterday afternoon": (-1, dt.time(15)), "yesterday evening": (-1, dt.time(19)),
}


def _part_of_day(text: str, today: dt.date) -> tuple[dt.date, dt.time] | None:
    """("this morning", "last night 23:30", "this evening 7pm") -> (day, clock), or None."""
    for words, (offset, default) in _PARTS_OF_DAY.items():
        if text == words or text.startswith(words + " "):
            rest = text[len(words):].strip()
            clock = parse_clock(rest) if rest else default
            if clock is None:
                return None
            day = today + dt.timedelta(days=offset)
            if words == "last night" and clock.hour < 12:
                day = today  # "last night 2:00", said in the morning, is early today
            return day, clock
    return None

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

TIME_HELP = (
    "use now, HH:MM, 'yesterday 21:30', 'last night 23:00', a weekday ('mon 8:00'), '2h ago', "
    "'3 days ago' or an ISO date/time like 2026-11-03 10:00"
)
DAY_HELP = "use today, yesterday, a weekday, 'N days ago' or an ISO date like 2026-11-03"

_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?\s*(am|pm)?$")
_AGO = re.compile(r"^(.+?)\s+ago$")
_UNIT_SECONDS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400,
}
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")


def _clean(text: str) -> str:
    return " ".join(text.strip().lower().split())


def parse_clock(text: str) -> dt.time | None:
    """Return the time of day in "21:30", "9", "9pm", "7:05am", or None if it is not one."""
    m = _CLOCK.match(text)
    if not m:
        return None
    hour, minute, second = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    ampm = m.group(4)
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    elif m.group(2) is None:
        return None  # a bare number is not a clock time
    if hour > 23 or minute > 59 or second > 59:
        return None
    return dt.time(hour, minute, second)


_SPAN_WORDS = {
    "half an hour": 1800, "an hour": 3600, "a minute": 60, "a few minutes": 180, "a quarter of an hour": 900,
    "quarter of an hour": 900, "a day": 86400, "a moment": 60,
}


def _span_seconds(text: str) -> float | None:
    """Seconds in "90s", "5m", "1h30m", "2 min", "1.5 h", "half an hour"; None if not a span."""
    if text in _SPAN_WORDS:
        return float(_SPAN_WORDS[text])
    text = re.sub(r"(?<=\d),(?=\d)", ".", text).replace(" ", "")
    if not text:
        return None
    pos, total = 0, 0.0
    for m in _DURATION_PART.finditer(text):
        if m.start() != pos or m.group(2) not in _UNIT_SECONDS:
            return None
        total += float(m.group(1)) * _UNIT_SECONDS[m.group(2)]
        pos = m.end()
    return total if pos == len(text) else None


def _day_of(text: str, today: dt.date, *, today_counts: bool = True) -> dt.date | None:
    """The day named by "today", "yesterday", a weekday ("mon", "last friday") or an ISO date.

    A weekday means the most recent such day, today included when `today_counts`
    (a caller whose time turns out to be in the future asks again without today).
    """
    if text == "today":
        return today
    if text == "yesterday":
        return today - dt.timedelta(days=1)
    last = text.startswith("last ")
    word = text.removeprefix("last ")
    for i, name in enumerate(WEEKDAYS):
        if word in (name, name[:3]):
            back = (today.weekday() - i) % 7
            if back == 0 and (last or not today_counts):
                back = 7
            return today - dt.timedelta(days=back)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def local_instant(day: dt.date, clock: dt.time, tz: ZoneInfo) -> dt.datetime:
    """The instant at a local wall-clock time; refuse a time skipped by a daylight-saving change."""
    naive = dt.datetime.combine(day, clock)
    aware = naive.replace(tzinfo=tz)
    back = aware.astimezone(dt.timezone.utc).astimezone(tz).replace(tzinfo=None)
    if back != naive:
        raise ValueError(
            f"{naive:%Y-%m-%d %H:%M} does not exist in {tz.key} (the clocks went forward); "
            f"use {back:%H:%M} or an earlier time"
        )
    return aware


def parse_when(text: str, now: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """Turn a typed time into an aware instant in `tz`; refuse times in the future."""
    try:
        return _parse_when(text, now, tz)
    except (OverflowError, OSError):
        raise ValueError(f"time {text!r} is out of range: {TIME_HELP}") from None


def _parse_when(text: str, now: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    raw = text
    text = _clean(text)
    if not text:
        raise ValueError(f"empty time: {TIME_HELP}")
    local_now = now.astimezone(tz)
    today = local_now.date()
    when: dt.datetime | None = None
    if text == "now":
        when = local_now
    elif m := _AGO.match(text):
        seconds = _span_seconds(m.group(1))
        if seconds is None:
            raise ValueError(f"time {raw!r} not understood: {TIME_HELP}")
        when = local_now - dt.timedelta(seconds=seconds)
    elif (clock := parse_clock(text)) is not None:
        when = local_instant(today, clock, tz)
    elif (part := _part_of_day(text, today)) is not None:
        day, clock = part
        when = local_instant(day, clock, tz)
    else:
        when = _parse_iso_instant(text, tz)
        if when is None:
            head, _, tail = text.rpartition(" ")
            day = _day_of(head, today) if head else _day_of(tail, today)
            clock = parse_clock(tail) if head else dt.time(DEFAULT_HOUR)
            if day is None or clock is None:
                raise ValueError(f"time {raw!r} not understood: {TIME_HELP}")
            when = local_instant(day, clock, tz)
            if when > now + FUTURE_SLACK and day == today and (head or tail) not in ("today",):
                # "wed 8:00" said on a Wednesday before 8:00 means last week's
                earlier = _day_of(head or tail, today, today_counts=False)
                if earlier is not None and earlier != today:
                    when = local_instant(earlier, clock, tz)
    if when.year < MIN_YEAR:
        raise ValueError(f"time {raw!r} is before {MIN_YEAR}: {TIME_HELP}")
    if when > now + FUTURE_SLACK:
        hint = ""
        if parse_clock(text) is not None:
            hint = f" (for last night say 'yesterday {text}')"
        raise ValueError(f"time {raw!r} is in the future{hint}: {TIME_HELP}")
    return when


def _parse_iso_instant(text: str, tz: ZoneInfo) -> dt.datetime | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}[ t]\d", text):
        return None
    try:
        parsed = dt.datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        return parsed
    return local_instant(parsed.date(), parsed.time(), tz)


def parse_day(text: str, now: dt.datetime, tz: ZoneInfo) -> dt.date:
    """Turn a typed day ("yesterday", "mon", "2 days ago", "2026-11-03") into a local date."""
    try:
        return _parse_day(text, now, tz)
    except (OverflowError, OSError):
        raise ValueError(f"day {text!r} is out of range: {DAY_HELP}") from None


def _parse_day(text: str, now: dt.datetime, tz: ZoneInfo) -> dt.date:
    raw = text
    text = _clean(text)
    today = now.astimezone(tz).date()
    day: dt.date | None
    if m := _AGO.match(text):
        seconds = _span_seconds(m.group(1))
        day = None if seconds is None or seconds % 86400 else today - dt.timedelta(days=int(seconds // 86400))
    else:
        day = _day_of(text, today)
    if day is None:
        raise ValueError(f"day {raw!r} not understood: {DAY_HELP}")
    if day.year < MIN_YEAR:
        raise ValueError(f"day {raw!r} is before {MIN_YEAR}: {DAY_HELP}")
    if day > today:
        raise ValueError(f"day {raw!r} is in the future: {DAY_HELP}")
    return day


def parse_duration(text: str) -> int:
    """Seconds in "90s", "5m", "1h30m", "2 min"; refuse negatives, bare numbers and > 24 h."""
    raw = text
    text = _clean(text)
    allowed = "use a number with a unit, like 90s, 5m, 2 min or 1h30m"
    if text.startswith("-"):
        raise ValueError(f"duration {raw!r} is negative: {allowed}")
    if re.fullmatch(r"\d+(\.\d+)?", text):
        raise ValueError(f"duration {raw!r} has no unit: {allowed}")
    seconds = _span_seconds(text)
    if seconds is None:
        raise ValueError(f"duration {raw!r} not understood: {allowed}")
    if seconds > MAX_DURATION_S:
        raise ValueError(f"duration {raw!r} is longer than 24 hours: log separate episodes instead")
    return round(seconds)


def parse_intensity(text: str | int) -> int:
    """An integer 0-10 on the numeric rating scale."""
    allowed = "use a whole number from 0 (no pain) to 10 (worst imaginable)"
    try:
        value = int(str(text).strip())
    except ValueError:
        raise ValueError(f"intensity {text!r} is not a whole number: {allowed}") from None
    if not 0 <= value <= 10:
        raise ValueError(f"intensity {value} is out of range: {allowed}")
    return value


def _from_vocabulary(kind: str, text: str, words: tuple[str, ...], aliases: dict[str, str]) -> str:
    word = _clean(text).replace(" ", "-").replace("_", "-")
    if word in words:
        return word
    if word in aliases:
        return aliases[word]
    if word.replace("-", "") in aliases:
        return aliases[word.replace("-", "")]
    import difflib  # only on the error path

    close = difflib.get_close_matches(word, list(words) + list(aliases), n=3, cutoff=0.6)
    close = list(dict.fromkeys(aliases.get(c, c) for c in close))
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise ValueError(f"unknown {kind} {text!r}: {hint}use one of {', '.join(words)}")


def parse_site(text: str) -> str:
    """A body site from the vocabulary, accepting common aliases ("lumbar", "low back")."""
    return _from_vocabulary("site", text, SITES, SITE_ALIASES)


def parse_side(text: str) -> str:
    """left, right, both or centre (also "l", "r", "center")."""
    return _from_vocabulary("side", text, SIDES, SIDE_ALIASES)


def parse_trigger(text: str) -> str:
    """A trigger word: free text, lower-cased, one to 40 characters."""
    word = _clean(text)
    if not word or len(word) > 40:
        raise ValueError(f"trigger {text!r} must be 1 to 40 characters, like lifting or sleep")
    return word


MAX_NOTE = 2000


def parse_note(text: str, what: str = "note") -> str | None:
    """Free text (a note, what relieved it, a provider): trimmed, empty means none, at most 2,000 characters."""
    cleaned = text.strip()
    if len(cleaned) > MAX_NOTE:
        raise ValueError(f"{what} is {len(cleaned):,} characters long: keep it under {MAX_NOTE:,}")
    return cleaned or None


def format_duration(seconds: int | None) -> str:
    """Human text for a duration: 90 -> "1m30s"; None -> "?"."""
    if seconds is None:
        return "?"
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    parts = [f"{h}h" if h else "", f"{m}m" if m else "", f"{s}s" if s else ""]
    return "".join(parts) or "0s"
