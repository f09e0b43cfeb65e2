"""When something happened, as a patient types it, in the diary's timezone.

A small hand grammar reads the common forms fast (standard library only: the logging path
imports this): now, "21:30", "9pm", noon, midnight, "yesterday at 6pm", "last night",
"sunday night", "last tuesday", "a week ago", "3 days ago 14:00", "Nov 5", "5 Nov 15:00",
"nov 5 3pm", "2026-11-5 10:00", "2h ago"; a clock time with the part of the day in either
order ("2am this morning", "1am last night", "3 in the morning", "half past two last
night"); meals ("after lunch yesterday", taken as 13:30); a span from a time ("10 min before
3am"). Only text it cannot read goes to the library jrnl uses (diary/parse/fallback.py),
imported then, and never trusted against a clock time typed.

Nothing is guessed silently. A reading returns the instant and what was guessed on the way
("last night, taken as 23:00"), for the reply to say. A day without a time raises
`DayWithoutTime` (the CLI asks for the time, or refuses): it never becomes noon. Text that
reads two ways (05/11, "at 7", the hour a clock change repeats) is refused naming both
readings, or, for the repeated hour, the first is taken and the reply says so.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import NamedTuple
from zoneinfo import ZoneInfo

from diary.parse.dates import Day, day_named
from diary.parse.spans import Span, clean, read_span, span_range, strip_hedge
from diary.parse.words import MEALS, PART_ALIASES, PARTS_OF_DAY, WEEKDAYS, PartOfDay
from diary.vocab import FUTURE_SLACK as FUTURE_SLACK  # the domain's limits, kept with the others
from diary.vocab import MIN_YEAR as MIN_YEAR

TIME_HELP = (
    "use now, 21:30, 9pm, noon, '2am this morning', 'yesterday at 6pm', 'last night', 'sunday night', "
    "'last tuesday 8:00', '3 days ago 14:00', 'nov 5 3pm', '2h ago' or 2026-11-05 10:00"
)
DAY_HELP = "use today, yesterday, a weekday, 'N days ago' or an ISO date like 2026-11-03"


class When(NamedTuple):
    """A typed time read as an aware instant in the diary's timezone, and what was guessed in
    reading it ("last night, taken as 23:00"), or None when nothing was."""

    instant: dt.datetime
    guess: str | None = None


class DayWithoutTime(ValueError):
    """Raised when a day was typed where a time is needed ("yesterday", "Nov 5"): the CLI
    asks for the time in a terminal and refuses otherwise; it is never taken as noon."""

    def __init__(self, raw: str, day: dt.date, guess: str | None = None) -> None:
        self.raw = raw
        self.day = day
        self.guess = guess
        example = f"{clean(raw)} 21:30" if len(raw) < 30 else f"{day.isoformat()} 21:30"
        super().__init__(f"time {raw!r} is a day without a time of day: add one, like '{example}' "
                         "(a day alone is not taken as noon)")


class _Clock(NamedTuple):
    """A time of day as read: the clock time, and whether it was a guess or belongs to the next day."""

    time: dt.time
    guessed: bool = False  # a part of the day without a clock time ("evening")
    next_day: bool = False  # the small hours of a night ("last night 2:00")
    midnight: bool = False  # "midnight": with a day, it could be that day's start or its end


_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?(am|pm|ʰ)?$")
# The mark _words puts on a clock time said in words ("half past two"): on a 12-hour clock.
_SPOKEN = "ʰ"
_HOUR_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12}
_HOUR = r"(\d{1,2}|" + "|".join(_HOUR_WORDS) + ")"
# "half past two", "quarter to 3", "20 past 11", "ten to four"
_PAST_TO = re.compile(r"\b(half|quarter|a quarter|\d{1,2}|" + "|".join(_HOUR_WORDS) + r"|twenty|twenty-five)"
                      r"(?: minutes)? (past|after|to|before) " + _HOUR + r"\b(\s*(?:am|pm)\b)?")
_ISO_WITH_ZONE = re.compile(
    r"^(\d{4}-\d{1,2}-\d{1,2})[t ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(z|[+-]\d{2}:?\d{2})$"
)
_FILLER = {"at", "on", "in", "the", "of", "around", "about"}
# The words for a meal (or bed) after "after"/"before", and the part of the day each is.
_MEAL_WORDS = {word: PART_ALIASES.get(word, word) for word in
               (*MEALS, *(a for a, name in PART_ALIASES.items() if name in MEALS), "lunch")}
_MEAL_WORDS["tea"] = "dinner"
# "an hour after lunch", "5 minutes before noon yesterday": a span counted from a time
_RELATIVE = re.compile(r"^(.+?) (before|after) (.+)$")


def parse_clock(text: str) -> dt.time | None:
    """The time of day in "21:30", "9pm", "7:05am", "8.30"; None if it is not one (a bare
    number is not a clock time: "9" could be morning or evening)."""
    m = _CLOCK.match(clean(text).replace(" ", "").replace("a.m.", "am").replace("p.m.", "pm"))
    if not m or (m.group(2) is None and m.group(4) is None) or m.group(4) == _SPOKEN:
        return None
    return _clock_of(m)


def _clock_of(m: re.Match[str]) -> dt.time | None:
    hour, minute, second = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    if m.group(4) in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m.group(4) == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return dt.time(hour, minute, second)


def local_instant(day: dt.date, clock: dt.time, tz: ZoneInfo,
                  zone_word: str | None = None) -> tuple[dt.datetime, str | None]:
    """The instant at a local wall-clock time and, when the clocks went back and that time
    happened twice, a note saying the first was taken (or `zone_word`, "CET", chose one).
    A time skipped when the clocks went forward is refused."""
    naive = dt.datetime.combine(day, clock)
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    back = first.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None)
    if back != naive:
        raise ValueError(
            f"{naive:%Y-%m-%d %H:%M} does not exist in {tz.key} (the clocks went forward): use {back:%H:%M}, "
            "the same moment on the changed clocks, or an earlier time"
        )
    names = {(first.tzname() or "").lower(): first, (second.tzname() or "").lower(): second}
    if zone_word is not None:
        if zone_word not in names:
            raise ValueError(f"{zone_word.upper()} is not the time in {tz.key} at {naive:%Y-%m-%d %H:%M}: "
                             f"it was {' or '.join(sorted({n.upper() for n in names}))}")
        return names[zone_word], None
    if first.utcoffset() == second.utcoffset():
        return first, None
    note = (f"{naive:%H:%M} happened twice on {naive:%a} {naive.day} {naive:%b} (the clocks went back): taken as "
            f"the first, {naive:%H:%M} {first.tzname()}; for the second say "
            f"'{naive:%Y-%m-%d %H:%M} {second.tzname()}'")
    return first, note


def read_when(text: str, now: dt.datetime, tz: ZoneInfo) -> When:
    """Read a typed time as an instant in `tz` and say what was guessed; refuse times in the
    future (beyond a minute of clock skew), before 1900, skipped by a clock change, or that
    read two ways. A day without a time raises DayWithoutTime."""
    try:
        when = _read_when(text, now, tz)
        _check_range(text, when.instant, now, tz)
    except _Unclear as exc:
        raise ValueError(f"time {text!r}: {exc}") from None
    except (OverflowError, OSError):
        raise ValueError(f"time {text!r} is out of range: {TIME_HELP}") from None
    return when


def parse_when(text: str, now: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """The instant of a typed time (see `read_when`; what was guessed is dropped)."""
    return read_when(text, now, tz).instant


def _check_range(raw: str, instant: dt.datetime, now: dt.datetime, tz: ZoneInfo) -> None:
    if instant.astimezone(tz).year < MIN_YEAR:
        raise ValueError(f"time {raw!r} is before {MIN_YEAR}: {TIME_HELP}")
    if instant > now + FUTURE_SLACK:
        hint = ""
        clock = dt.time(12) if clean(raw) == "noon" else parse_clock(raw)
        if clock is not None:
            hint = f" (for {'last night' if clock.hour >= 18 else 'yesterday'} say 'yesterday {clean(raw)}')"
        raise ValueError(f"time {raw!r} is in the future{hint}: {TIME_HELP}")


def _words(text: str) -> tuple[list[str], bool]:
    """The words of a typed time (am/pm joined to their number, commas and "at"/"on" gone),
    and whether a hedge ("around 6pm") was among them."""
    text = clean(text).replace("a.m.", "am").replace("p.m.", "pm").replace("o'clock", "")
    text = re.sub(r",(?!\d)|(?<!\d),", " ", text)
    text = re.sub(r"(\d{4}-\d{1,2}-\d{1,2})t(?=\d)", r"\1 ", text)
    text = re.sub(r"\b(the )?day before yesterday\b", "2 days ago", text)
    text = re.sub(r"\b(?:the )?night before last\b", "2 days ago night", text)
    text = re.sub(r"\b(\w+) nights ago\b", r"\1 days ago night", text)
    text = re.sub(r"\b(?:in )?(?:the )?(?:early|small|wee) hours(?: of)?\b", "small-hours", text)
    # "in the middle of the night", "during the night", "overnight": the small hours (of today unless a day is said)
    text = re.sub(r"\b(?:in |during )?(?:the )?middle of the night\b|\b(?:during|in) the night\b|\bovernight\b",
                  "small-hours", text)
    text = re.sub(r"\bearlier (today|this)\b", r"\1", text)
    text = re.sub(r"\blast (night|evening)\b", r"yesterday \1", text)
    # "late last night", "early this morning": the modifier goes with the part of the day
    text = re.sub(r"\b(early|late) (.*?)\b(morning|afternoon|evening|night)\b",
                  lambda m: f"{m.group(2).strip()} {m.group(1)}-{m.group(3)}".strip(), text)
    text = re.sub(r"\bthis ((?:early-|late-)?(?:morning|afternoon|evening|lunchtime))\b", r"today \1", text)
    text = re.sub(r"\bmid[- ]?(morning|afternoon)\b", r"mid-\1", text)
    # "after lunch", "before my breakfast", "after tea": an hour from the meal, said as a guess
    text = re.sub(r"\b(after|before) (?:the |my |our )?(" + "|".join(_MEAL_WORDS) + r")\b",
                  lambda m: f"{m.group(1)}-{_MEAL_WORDS[m.group(2)]}", text)
    text = _PAST_TO.sub(_past_to, text)
    text = re.sub(r"\b(" + "|".join(_HOUR_WORDS) + r")(?=\s*(?:am|pm)\b|\s+(?:in the|at night|this|last|tonight))",
                  lambda m: str(_HOUR_WORDS[m.group(1)]), text)
    text = re.sub(r"\b(\d{1,2}(?:[:.]\d{2})?)\s+(am|pm)\b", r"\1\2", text)
    words = text.split()
    return [w for w in words if w not in _FILLER], any(w in ("around", "about") for w in words)


def _past_to(m: re.Match[str]) -> str:
    """"half past two" -> "2:30" on a 12-hour clock (marked, unless am/pm follows)."""
    minutes = {"half": 30, "quarter": 15, "a quarter": 15, "twenty": 20, "twenty-five": 25}.get(m.group(1))
    if minutes is None:
        minutes = _HOUR_WORDS.get(m.group(1)) or int(m.group(1))
    hour = _HOUR_WORDS.get(m.group(3)) or int(m.group(3))
    if minutes >= 60 or not 1 <= hour <= 12:
        return m.group(0)
    if m.group(2) in ("to", "before"):
        hour, minutes = (hour - 2) % 12 + 1, 60 - minutes
    suffix = (m.group(4) or "").strip() or _SPOKEN
    return f"{hour}:{minutes:02d}{suffix}"


def _read_when(text: str, now: dt.datetime, tz: ZoneInfo) -> When:
    raw = text
    cleaned = clean(text)
    if not cleaned:
        raise ValueError(f"empty time: {TIME_HELP}")
    local_now = now.astimezone(tz)
    today = local_now.date()
    if cleaned in ("now", "just now", "right now"):
        return When(local_now)
    iso = _ISO_WITH_ZONE.match(cleaned)
    if iso:
        try:
            y, mo, d = (int(x) for x in re.split("[-/]", iso.group(1)))
            stamp = f"{y:04d}-{mo:02d}-{d:02d}T{int(iso.group(2).split(':')[0]):02d}:{iso.group(2).split(':', 1)[1]}"
            return When(dt.datetime.fromisoformat(stamp + iso.group(3).upper().replace("Z", "+00:00")).astimezone(tz))
        except ValueError:
            pass
    bare, hedged = strip_hedge(cleaned)
    ago = _ago_instant(bare, now)
    if ago is not None:
        instant, fuzzy = ago
        guess = f"{raw.strip()}, taken as {instant.astimezone(tz):%H:%M}" if fuzzy or hedged else None
        return When(instant.astimezone(tz), guess)
    relative = _relative(raw, bare, hedged, now, tz)
    if relative is not None:
        return relative
    words, hedged_inside = _words(bare)
    hedged = hedged or hedged_inside
    zone_word = None
    if len(words) > 1 and words[-1] in _zone_words(tz, today):
        zone_word = words.pop()  # "02:30 cet": which side of a clock change
    reading = _day_and_clock(words, today)
    if reading is None:
        from diary.parse.fallback import library_when

        found = library_when(raw, local_now, tz)
        if found is None:
            raise ValueError(f"time {raw!r} not understood: {TIME_HELP}")
        return found
    day, clock = reading
    if clock is None:
        the_day = day.day if day is not None else today
        if the_day > today:
            raise ValueError(f"time {raw!r} is in the future: {TIME_HELP}")
        if the_day.year < MIN_YEAR:
            raise ValueError(f"time {raw!r} is before {MIN_YEAR}: {TIME_HELP}")
        raise DayWithoutTime(raw, the_day, _day_guess(raw, day, today))
    return _combine(raw, day, clock, hedged, zone_word, now, tz)


def _relative(raw: str, bare: str, hedged: bool, now: dt.datetime, tz: ZoneInfo) -> When | None:
    """"an hour after lunch", "10 min before 3am", "half an hour after dinner yesterday": a
    span counted from a time the grammar reads; None if the text is not one."""
    m = _RELATIVE.match(bare)
    span = (Span(300, approximate=True, sub_day=True) if m.group(1) in ("just", "shortly", "right", "not long")
            else read_span(m.group(1))) if m else None  # "just before midnight": a few minutes, a guess
    if m is None or span is None or span.months or not span.sub_day:
        return None
    base = _read_when(m.group(3), now, tz)
    instant = base.instant + dt.timedelta(seconds=span.seconds) * (-1 if m.group(2) == "before" else 1)
    if not (base.guess or span.approximate or hedged):
        return When(instant)
    local = instant.astimezone(tz)
    today = now.astimezone(tz).date()
    day = "" if local.date() == today else f"{_day_text(local.date(), today)} "
    return When(instant, f"{raw.strip()}, taken as {day}{local:%H:%M}")


def _zone_words(tz: ZoneInfo, today: dt.date) -> set[str]:
    """The zone abbreviations a time may end with ("cet", "cest"), naming a side of a clock change."""
    names = {"utc", "gmt"}
    for month in (1, 7):
        name = dt.datetime(today.year, month, 1, 12, tzinfo=tz).tzname()
        if name and name.isalpha():
            names.add(name.lower())
    return names


def _combine(raw: str, day: Day | None, clock: _Clock, hedged: bool, zone_word: str | None,
             now: dt.datetime, tz: ZoneInfo) -> When:
    today = now.astimezone(tz).date()
    if clock.midnight and day is not None:
        start, end = day.day, day.day + dt.timedelta(days=1)
        raise ValueError(f"time {raw!r} could be the start of {_day_text(start)} or its end: say "
                         f"'{start.isoformat()} 00:00' or '{end.isoformat()} 00:00'")
    the_day = day.day if day is not None else today
    taken: list[str] = []  # what the reply says was guessed: the day, the clock time
    if day is not None and day.weekday and the_day == today:
        instant, _ = local_instant(the_day + dt.timedelta(days=1 if clock.next_day else 0), clock.time, tz, zone_word)
        if instant > now + FUTURE_SLACK:  # "wed 11:00" said on a Wednesday before 11:00: last week's
            the_day -= dt.timedelta(days=7)
            taken.append(f"last {the_day:%A}, {the_day.day} {the_day:%b}")
    elif day is not None and day.guessed:
        taken.append(_day_text(the_day, today))
    if clock.guessed or hedged:
        taken.append(f"{clock.time:%H:%M}")
    if clock.next_day and day is not None:
        the_day += dt.timedelta(days=1)  # "sunday night 1am": the small hours after that day
    instant, twice = local_instant(the_day, clock.time, tz, zone_word)
    if day is not None and day.yearless and instant > now + FUTURE_SLACK:  # "nov 25 3pm" said at 10:00 on 25 Nov
        said = f"{day.day.day} {day.day:%b} {day.day.year - 1}"
        raise ValueError(f"time {raw!r} is in the future (later today); for {said} add the year, like "
                         f"'{said.lower()} {clock.time:%H:%M}'")
    notes = [f"{raw.strip()}, taken as {(', ' if len(taken) > 1 and taken[0].startswith('last') else ' ').join(taken)}"]
    return When(instant, "; ".join(notes[: 1 if taken else 0] + ([twice] if twice else [])) or None)


def _day_text(day: dt.date, today: dt.date | None = None) -> str:
    """"Tue 24 Nov", with the year when it is not `today`'s ("Mon 28 Dec 2026")."""
    year = "" if today is None or day.year == today.year else f" {day.year}"
    return f"{day:%a} {day.day} {day:%b}{year}"


def _day_guess(raw: str, day: Day | None, today: dt.date) -> str | None:
    return f"{raw.strip()}, taken as {_day_text(day.day, today)}" if day is not None and day.guessed else None


def _ago_instant(text: str, now: dt.datetime) -> tuple[dt.datetime, bool] | None:
    """"2h ago", "90 min ago", "a few minutes ago": an instant counted back from now (in UTC,
    so a clock change in between does not shift it). Spans of whole days name a day instead."""
    if not text.endswith(" ago"):
        return None
    span = read_span(text[: -len(" ago")]) or span_range(text[: -len(" ago")])  # "2-3 hours ago": the middle, a guess
    if span is None or not span.sub_day:
        return None
    return now - dt.timedelta(seconds=span.seconds), span.approximate


def _day_and_clock(words: list[str], today: dt.date) -> tuple[Day | None, _Clock | None] | None:
    """Split the words into a day and a time of day, in either order; None if they are not."""
    if not words:
        return None
    for n in range(len(words), 0, -1):  # the longest day first: "nov 5 2026" before "nov 5"
        day = day_named(words[:n], today)
        if day is not None:
            rest = words[n:]
            clock = _clock(rest) if rest else None
            if rest and clock is None:
                continue
            return day, clock
    # the clock time's words anywhere among the day's, in either order: "2am this morning",
    # "1am last night", "monday 10am last week", "4 yesterday afternoon"
    for size in (1, 2):
        for picks in itertools.combinations(range(len(words)), size):
            rest = [w for i, w in enumerate(words) if i not in picks]
            clock = _clock([words[i] for i in picks], bare_hour=False) if rest else None
            day = day_named(rest, today) if clock is not None else None
            if clock is not None and day is not None:
                return day, clock
    clock = _clock(words)
    return (None, clock) if clock is not None else None


def _clock(words: list[str], bare_hour: bool = True) -> _Clock | None:
    """A time of day: "21:30", "9pm", "noon", "midnight", "evening", "evening 7", "7 in the
    evening"; a bare hour ("yesterday 14") only where `bare_hour` allows it."""
    part: PartOfDay | None = None
    rest: list[str] = []
    for w in words:
        name = PART_ALIASES.get(w, w)
        if name in PARTS_OF_DAY and part is None:
            part = PARTS_OF_DAY[name]
        elif name in PARTS_OF_DAY and part is not None and _within(part, PARTS_OF_DAY[name]) is not None:
            part = _within(part, PARTS_OF_DAY[name])  # "after dinner last night": the meal, in the night
        else:
            rest.append(w)
    if len(rest) > 1:
        return None
    if not rest:
        if part is None:
            return None
        return _Clock(part.default, guessed=True, next_day=part.late and part.default.hour < 6)
    word = rest[0]
    if word in ("noon", "midday"):
        return _Clock(dt.time(12)) if part is None else None
    if word == "midnight":
        return _Clock(dt.time(0), next_day=part is not None and part.late, midnight=part is None)
    m = _CLOCK.match(word)
    if not m:
        return None
    clock = _clock_of(m)
    if clock is None:
        return None
    spoken = m.group(4) == _SPOKEN
    suffix = None if spoken else m.group(4)
    twelve_hour = suffix is None and 1 <= int(m.group(1)) <= 12
    if part is None:
        if (m.group(2) is None or spoken) and suffix is None:
            if not bare_hour:
                return None
            if twelve_hour:
                raise _Ambiguous(clock)
            if int(m.group(1)) == 0:
                return None
        return _Clock(clock)
    return _in_part(clock, part, twelve_hour, word.removesuffix(_SPOKEN))


def _within(one: PartOfDay, other: PartOfDay) -> PartOfDay | None:
    """Of two parts of the day said together ("after dinner last night", "the small hours of
    last night"), the narrower when its usual time falls in the wider; else None."""
    narrow, wide = sorted((one, other), key=_breadth)
    hour = narrow.default.hour
    fits = wide.first_hour <= hour <= wide.last_hour or (wide.late and hour < 6)
    if _breadth(narrow) == _breadth(wide) or not fits:
        return None
    if wide.late and hour < 6:  # the small hours of a night: after midnight, the next calendar day
        return PartOfDay(narrow.name, narrow.default, narrow.first_hour, narrow.last_hour, late=True)
    return narrow


def _breadth(part: PartOfDay) -> int:
    """How many hours a part of the day covers (a night, its small hours too)."""
    return part.last_hour - part.first_hour + (6 if part.late else 0)


class _Unclear(ValueError):
    """A part of a typed time that reads two ways or contradicts itself; the caller names the whole text."""


class _Ambiguous(_Unclear):
    """A bare hour from 1 to 12: morning or evening."""

    def __init__(self, clock: dt.time) -> None:
        hour, minute = clock.hour, clock.minute
        said = f"{hour}" if not minute else f"{hour}:{minute:02d}"
        if hour == 12 and not minute:
            super().__init__("12 could be noon or midnight: say noon, midnight, 12:00 or 00:00")
        elif hour == 12:
            super().__init__(f"{said} could be 12:{minute:02d} or 00:{minute:02d}: say {said}pm or {said}am")
        else:
            super().__init__(f"{said} could be {hour:02d}:{minute:02d} or {hour + 12:02d}:{minute:02d}: "
                             f"say {said}am or {said}pm")


def _in_part(clock: dt.time, part: PartOfDay, twelve_hour: bool, word: str) -> _Clock:
    """A clock time said with a part of the day: "evening 7" is 19:00, "night 2:00" the next day's 02:00."""
    hour = clock.hour
    if twelve_hour and part.first_hour >= 12 and hour < 12 and not (part.late and hour < 6):
        hour += 12  # "this evening 7", "last night 11"
    if twelve_hour and part.late and clock.hour == 12:
        hour = 0
    fits_late = part.late and hour < 6
    if not (part.first_hour <= hour <= part.last_hour or fits_late):
        raise _Unclear(f"{word} is not in the {part.name}")
    return _Clock(clock.replace(hour=hour), next_day=fits_late)


def parse_time_on(day: dt.date, text: str, now: dt.datetime, tz: ZoneInfo, said_day: str | None = None) -> When:
    """The instant of a time of day typed for a known day (the answer to "what time on Tue
    24 Nov?"): "21:30", "9pm", "evening"; refused if it is not a time of day or is in the future.
    `said_day`, the day as the patient typed it, makes the guess read "yesterday evening, taken as 19:00"."""
    bare, hedged = strip_hedge(clean(text))
    words, hedged_inside = _words(bare)
    try:
        clock = _clock(words) if words else None
    except _Unclear as exc:
        raise ValueError(str(exc)) from None
    if clock is None:
        raise ValueError(f"{text!r} is not a time of day: use 21:30, 9pm, noon or evening")
    hedged = hedged or hedged_inside
    said = f"{said_day.strip()} {text.strip()}" if said_day else text
    when = _combine(said, Day(day), clock, hedged, None, now, tz)
    _check_range(said, when.instant, now, tz)
    return when


# Words that name a stretch of days, not one (a form the grammar reads, "a week ago", comes first).
_SPANS_OF_DAYS = frozenset({"week", "weeks", "weekend", "weekends", "month", "months", "year", "years", "days",
                            "fortnight"})


def parse_day(text: str, now: dt.datetime, tz: ZoneInfo) -> dt.date:
    """Turn a typed day ("yesterday", "mon", "last tuesday", "a week ago", "nov 5",
    "2026-11-03") into a local date; refuse days in the future or before 1900."""
    raw = text
    today = now.astimezone(tz).date()
    try:
        words, _ = _words(strip_hedge(clean(text))[0])
        found = day_named(words, today) if words else None
    except (OverflowError, OSError):
        raise ValueError(f"day {raw!r} is out of range: {DAY_HELP}") from None
    day = found.day if found is not None else None
    if day is None and words and _SPANS_OF_DAYS & set(words):
        # "last week", "this weekend", "the past few days": the library would pick one day of it
        raise ValueError(f"{raw!r} is more than one day: name each day, or a range like mon..fri or "
                         f"{(today - dt.timedelta(days=6)).isoformat()}..{today.isoformat()}")
    if day is None and words:
        from diary.parse.fallback import library_day

        day = library_day(raw, now.astimezone(tz))
    if day is None:
        raise ValueError(f"day {raw!r} not understood: {DAY_HELP}")
    if day.year < MIN_YEAR:
        raise ValueError(f"day {raw!r} is before {MIN_YEAR}: {DAY_HELP}")
    if day > today:
        raise ValueError(f"day {raw!r} is in the future: {DAY_HELP}")
    return day


# Longest run of days one `diary quiet A..B` marks: a typo in a year should not mark months.
MAX_RANGE_DAYS = 31


def parse_days(texts: list[str], now: dt.datetime, tz: ZoneInfo) -> list[dt.date]:
    """Days and ranges ("mon wed", "2026-11-01..2026-11-05", "mon..wed"), in order, each once."""
    days: list[dt.date] = []
    for text in texts:
        if ".." in text:
            first_text, _, last_text = text.partition("..")
            first, last = parse_day(first_text, now, tz), parse_day(last_text, now, tz)
            if last < first:
                raise ValueError(f"range {text!r} ends before it starts: write the earlier day first")
            count = (last - first).days + 1
            if count > MAX_RANGE_DAYS:
                raise ValueError(f"range {text!r} is {count} days: give at most {MAX_RANGE_DAYS} at once")
            days.extend(first + dt.timedelta(days=i) for i in range(count))
        else:
            days.append(parse_day(text, now, tz))
    return sorted(set(days))


__all__ = ["DAY_HELP", "FUTURE_SLACK", "MIN_YEAR", "TIME_HELP", "WEEKDAYS", "DayWithoutTime", "When", "local_instant",
           "parse_clock", "parse_day", "parse_days", "parse_time_on", "parse_when", "read_when"]
