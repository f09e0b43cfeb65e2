"""The words the parsers know: numbers, weekdays, months, parts of the day, hedges.

Standard library only, no logic: the tables the time, duration and intensity parsers share.
"""

from __future__ import annotations

import datetime as dt

# Whole numbers people spell out in times and durations ("two days ago", "ten minutes").
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
}

# Counts that are estimates: the number is stored, marked as approximate.
FUZZY_COUNTS: dict[str, int] = {"a couple of": 2, "a couple": 2, "couple of": 2, "couple": 2, "a few": 3, "few": 3}

# Words before (or after) a time or duration that say it is an estimate.
HEDGES: tuple[str, ...] = ("approximately", "approx.", "approx", "about", "around", "roughly", "circa", "ca.",
                           "ca", "maybe", "sometime", "some time", "~")
HEDGE_SUFFIXES: tuple[str, ...] = ("or so", "-ish", "ish")

WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Every spelling of a weekday -> 0 (Monday) .. 6 (Sunday).
WEEKDAY_WORDS: dict[str, int] = {}
for _i, _name in enumerate(WEEKDAYS):
    for _word in (_name, _name[:3], _name + "s"):
        WEEKDAY_WORDS[_word] = _i
WEEKDAY_WORDS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

MONTHS: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july", "august",
                           "september", "october", "november", "december")
# Every spelling of a month -> 1 .. 12.
MONTH_WORDS: dict[str, int] = {}
for _i, _name in enumerate(MONTHS, start=1):
    MONTH_WORDS[_name] = _i
    MONTH_WORDS[_name[:3]] = _i
MONTH_WORDS.update({"sept": 9})


class PartOfDay:
    """A part of the day: the clock time meant when none is given, and the hours it covers
    (`late` True for the night, whose small hours belong to the next calendar day)."""

    def __init__(self, name: str, default: dt.time, first_hour: int, last_hour: int, late: bool = False) -> None:
        self.name = name
        self.default = default
        self.first_hour = first_hour
        self.last_hour = last_hour
        self.late = late


PARTS_OF_DAY: dict[str, PartOfDay] = {
    # from midnight: "3 in the morning", "2am this morning" (the night's small hours are the morning's too)
    "morning": PartOfDay("morning", dt.time(8), 0, 12),
    "lunchtime": PartOfDay("lunchtime", dt.time(12, 30), 11, 15),
    "afternoon": PartOfDay("afternoon", dt.time(15), 12, 18),
    "evening": PartOfDay("evening", dt.time(19), 16, 23),
    "night": PartOfDay("night", dt.time(23), 18, 23, late=True),
    # "tonight", said of something that already happened, is earlier this evening
    "tonight": PartOfDay("tonight", dt.time(21), 18, 23, late=True),
    "early-morning": PartOfDay("early morning", dt.time(6), 0, 9),
    "late-morning": PartOfDay("late morning", dt.time(11), 9, 12),
    "mid-morning": PartOfDay("mid-morning", dt.time(10, 30), 9, 12),
    "early-afternoon": PartOfDay("early afternoon", dt.time(13), 12, 15),
    "mid-afternoon": PartOfDay("mid-afternoon", dt.time(15), 13, 17),
    "late-afternoon": PartOfDay("late afternoon", dt.time(17), 15, 18),
    "early-evening": PartOfDay("early evening", dt.time(18), 16, 20),
    "late-evening": PartOfDay("late evening", dt.time(22), 20, 23),
    # kept before midnight, so "late last night" stays on last night's day unless a time says otherwise
    "late-night": PartOfDay("late night", dt.time(23, 30), 21, 23, late=True),
    # "in the early hours", "the small hours of last night"
    "small-hours": PartOfDay("small hours", dt.time(3), 0, 5),
    "breakfast": PartOfDay("breakfast", dt.time(8), 5, 11),
    "dinner": PartOfDay("dinner", dt.time(19), 16, 22),
    "bedtime": PartOfDay("bedtime", dt.time(22, 30), 20, 23, late=True),
}
PART_ALIASES: dict[str, str] = {"lunch": "lunchtime", "noontime": "lunchtime", "eve": "evening",
                                "breakfast-time": "breakfast", "brekkie": "breakfast", "supper": "dinner",
                                "dinnertime": "dinner", "suppertime": "dinner", "teatime": "dinner",
                                "bed": "bedtime", "midmorning": "mid-morning", "midafternoon": "mid-afternoon"}
# The meals (and bed) that "after"/"before" may go with: "after lunch" is an hour after lunchtime.
MEALS: tuple[str, ...] = ("breakfast", "lunchtime", "dinner", "bedtime")
for _meal in MEALS:
    _part = PARTS_OF_DAY[_meal]
    _at = dt.datetime.combine(dt.date(2000, 1, 3), _part.default)
    for _word, _shift in (("after", 1), ("before", -1)):
        _time = (_at + dt.timedelta(hours=_shift)).time()
        PARTS_OF_DAY[f"{_word}-{_meal}"] = PartOfDay(
            f"{_word} {_meal.removesuffix('time') if _meal == 'lunchtime' else _meal}", _time,
            max(0, _part.first_hour + min(_shift, 0)), min(23, _part.last_hour + max(_shift, 0)), _part.late)

# Units of a span of time, in seconds.
UNITS_OF_TIME: dict[str, int] = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400,
    "w": 604800, "wk": 604800, "wks": 604800, "week": 604800, "weeks": 604800,
}
# Calendar units: only for "a month ago" (a day), never for a duration.
CALENDAR_UNITS: dict[str, int] = {"month": 1, "months": 1, "mo": 1, "year": 12, "years": 12, "yr": 12, "yrs": 12}
