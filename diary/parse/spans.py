"""Spans of time as people say them: durations ("5m", "about 5 minutes", "5-10 min") and
the span before "ago" ("2h ago", "a week ago").

Standard library only (the logging path imports this). A span that is an estimate ("about",
"a few", a range) is marked approximate: its number is kept, never passed off as measured.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from diary.parse.words import CALENDAR_UNITS, FUZZY_COUNTS, HEDGE_SUFFIXES, HEDGES, NUMBER_WORDS, UNITS_OF_TIME
from diary.vocab import MAX_DURATION_S

DURATION_HELP = "use a number with a unit, like 90s, 5m, 2 min, 1h30m, 'about 5 min' or '5-10 min'"

# Whole spans said in words: (seconds, whether the words are an estimate).
_PHRASES: dict[str, tuple[int, bool]] = {
    "half an hour": (1800, False), "half hour": (1800, False), "a half hour": (1800, False),
    "a quarter of an hour": (900, False), "quarter of an hour": (900, False), "a quarter hour": (900, False),
    "quarter hour": (900, False), "an hour and a half": (5400, False), "a day and a half": (129600, False),
    "a moment": (60, True), "a little while": (600, True),
}
_PART = re.compile(r"(\d+(?:\.\d+)?)([a-z]*)")
_SMALL_UNITS = {"s": 1, "m": 60, "h": 3600}


def clean(text: str) -> str:
    """Lower case, single spaces, no space at either end."""
    return " ".join(text.strip().lower().split())


def strip_hedge(text: str) -> tuple[str, bool]:
    """Remove "about", "~", "or so", "ish" ...; return the rest and whether a hedge was there."""
    hedged = False
    changed = True
    while changed:
        changed = False
        for word in HEDGES:
            if text.startswith(word) and (word == "~" or text[len(word):len(word) + 1] in (" ", "")):
                text, hedged, changed = text[len(word):].strip(), True, True
        for word in HEDGE_SUFFIXES:
            if text.endswith(word) and len(text) > len(word):
                text, hedged, changed = text[: -len(word)].strip(), True, True
    ish = re.sub(r"(?<=[ap]m)-?ish\b", "", re.sub(r"(?<=\d)-?ish\b", "", text))
    return ish, hedged or ish != text


class Span(NamedTuple):
    """A span of time: its seconds, or calendar months ("a month ago"), and how it was said."""

    seconds: float
    approximate: bool = False
    months: int = 0
    sub_day: bool = False  # it has a unit shorter than a day, so "ago" names an instant, not a day


def read_span(text: str) -> Span | None:
    """The span in "90s", "5m", "1h30m", "2 min", "1.5 h", "half an hour", "two days", "a few
    minutes", "about an hour"; None if the text is not one."""
    text, approx = strip_hedge(clean(text))
    if text in _PHRASES:
        seconds, fuzzy = _PHRASES[text]
        return Span(seconds, approx or fuzzy, sub_day=seconds % 86400 != 0)
    for phrase in sorted(FUZZY_COUNTS, key=len, reverse=True):
        if text.startswith(phrase + " "):
            text, approx = f"{FUZZY_COUNTS[phrase]} {text[len(phrase) + 1:]}", True
            break
    words = re.sub(r"(?<!\d),|,(?!\d)", " , ", text).split()
    out: list[str] = []
    for i, word in enumerate(words):
        if word in NUMBER_WORDS:
            out.append(str(NUMBER_WORDS[word]))
        elif word in ("a", "an") and i + 1 < len(words) and words[i + 1] in {*UNITS_OF_TIME, *CALENDAR_UNITS}:
            out.append("1")
        elif word in ("and", ","):
            continue
        else:
            out.append(word)
    compact = re.sub(r"(?<=\d),(?=\d)", ".", "".join(out))
    return _compact_span(compact, approx)


def _compact_span(text: str, approx: bool) -> Span | None:
    if not text:
        return None
    pos, seconds, months, sub_day = 0, 0.0, 0, False
    previous = ""
    for m in _PART.finditer(text):
        if m.start() != pos:
            return None
        number, unit = float(m.group(1)), m.group(2)
        if not unit and m.end() == len(text) and previous in ("h", "m"):
            unit = "m" if previous == "h" else "s"  # "1h30" is 1 h 30 min
        if unit in UNITS_OF_TIME:
            seconds += number * UNITS_OF_TIME[unit]
            sub_day = sub_day or UNITS_OF_TIME[unit] < 86400
            previous = unit[0] if UNITS_OF_TIME[unit] in _SMALL_UNITS.values() else ""
        elif unit in CALENDAR_UNITS and number.is_integer():
            months += int(number) * CALENDAR_UNITS[unit]
        else:
            return None
        pos = m.end()
    if pos != len(text) or (months and (seconds or sub_day)):
        return None
    return Span(seconds, approx, months, sub_day)


class Duration(NamedTuple):
    """How long an episode lasted: whole seconds, and whether that is the patient's estimate."""

    seconds: int
    approximate: bool = False


_RANGE = re.compile(r"^(?:between\s+)?(.+?)\s*(?:-|–|—|\bto\b|\band\b)\s*(.+)$")


def read_duration(text: str) -> Duration:
    """Seconds in "90s", "5m", "1h30m", "2 min", and estimates ("about 5 minutes", "~5m",
    "5-10 min", "a few minutes"); refuse negatives, bare numbers and more than 24 h."""
    raw = text
    text = clean(text)
    if text.startswith(("-", "−")):
        raise ValueError(f"duration {raw!r} is negative: {DURATION_HELP}")
    span = read_span(text)
    if span is None:
        span = span_range(text)
    if span is None:
        bare, _ = strip_hedge(text)
        if re.fullmatch(r"\d+([.,]\d+)?", bare) or re.fullmatch(r"\d+\s*(-|–|to)\s*\d+", bare):
            raise ValueError(f"duration {raw!r} has no unit: {DURATION_HELP}")
        raise ValueError(f"duration {raw!r} not understood: {DURATION_HELP}")
    if span.months or span.seconds > MAX_DURATION_S:
        raise ValueError(f"duration {raw!r} is longer than 24 hours: log separate episodes instead")
    return Duration(round(span.seconds), span.approximate)


def span_range(text: str) -> Span | None:
    """"5-10 min", "5 to 10 minutes", "between 5 and 10 min": the middle, as an estimate."""
    text, _ = strip_hedge(text)
    m = _RANGE.match(text)
    if not m:
        return None
    low_text, high_text = m.group(1).strip(), m.group(2).strip()
    high = read_span(high_text)
    if high is None or high.months:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", low_text):  # "5-10 min": the unit comes once, at the end
        unit = re.sub(r"^[\d.\s]+", "", high_text)
        low_text = f"{low_text} {unit}"
    low = read_span(low_text)
    if low is None or low.months or low.seconds > high.seconds:
        return None
    return Span((low.seconds + high.seconds) / 2, True, sub_day=True)


def parse_duration(text: str) -> int:
    """Whole seconds in a typed duration (exact or estimated); see `read_duration`."""
    return read_duration(text).seconds


def format_duration(seconds: int | None, approximate: bool = False) -> str:
    """Human text for a duration: 90 -> "1m30s"; an estimate of 300 -> "about 5 min"; None -> "?"."""
    if seconds is None:
        return "?"
    if approximate:
        if seconds < 60:
            return f"about {int(seconds)} s"
        hours, minutes = divmod(round(seconds / 60), 60)
        if not hours:
            return f"about {minutes} min"
        return f"about {hours} h" + (f" {minutes} min" if minutes else "")
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    parts = [f"{h}h" if h else "", f"{m}m" if m else "", f"{s}s" if s else ""]
    return "".join(parts) or "0s"
