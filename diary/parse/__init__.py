"""Parsers for what a patient types: times, days, durations, intensities, sites and sides.

Standard library only (the logging path imports this). Each parser returns a value or
raises `ValueError` whose message is one line naming the value and what is allowed; the
CLI turns that into a usage error. `now` is always passed in, never read here, so tests
need no clock patching. Readings that involve a guess return it, for the reply to say.

Each name is loaded from its submodule when first used, so `diary spasm 7`, which reads
no time, does not load the time grammar.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diary.parse.episode import (
        INTENSITY_HELP,
        MAX_NOTE,
        parse_intensity,
        parse_note,
        parse_regions,
        parse_side,
        parse_site,
        parse_trigger,
        parse_triggers,
        site_choice_question,
        site_or_side,
    )
    from diary.parse.months import MONTH_HELP, parse_month
    from diary.parse.spans import DURATION_HELP, Duration, format_duration, parse_duration, read_duration, read_span
    from diary.parse.when import (
        DAY_HELP,
        FUTURE_SLACK,
        MIN_YEAR,
        TIME_HELP,
        WEEKDAYS,
        DayWithoutTime,
        When,
        local_instant,
        parse_clock,
        parse_day,
        parse_days,
        parse_time_on,
        parse_when,
        read_when,
    )

_HOME: dict[str, str] = {
    **dict.fromkeys(("INTENSITY_HELP", "MAX_NOTE", "parse_intensity", "parse_note", "parse_regions", "parse_side",
                     "parse_site", "parse_trigger", "parse_triggers", "site_choice_question", "site_or_side"),
                    "episode"),
    **dict.fromkeys(("MONTH_HELP", "parse_month"), "months"),
    **dict.fromkeys(("DURATION_HELP", "Duration", "format_duration", "parse_duration", "read_duration", "read_span"),
                    "spans"),
    **dict.fromkeys(("DAY_HELP", "FUTURE_SLACK", "MIN_YEAR", "TIME_HELP", "WEEKDAYS", "DayWithoutTime", "When",
                     "local_instant", "parse_clock", "parse_day", "parse_days", "parse_time_on", "parse_when",
                     "read_when"), "when"),
}

__all__ = [
    "DAY_HELP", "DURATION_HELP", "FUTURE_SLACK", "INTENSITY_HELP", "MAX_NOTE", "MIN_YEAR", "MONTH_HELP", "TIME_HELP",
    "WEEKDAYS", "DayWithoutTime", "Duration", "When", "format_duration", "local_instant", "parse_clock", "parse_day",
    "parse_days", "parse_duration", "parse_intensity", "parse_month", "parse_note", "parse_regions", "parse_side",
    "parse_site", "parse_time_on", "parse_trigger", "parse_triggers", "parse_when", "read_duration", "read_span",
    "read_when", "site_choice_question", "site_or_side",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'diary.parse' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"diary.parse.{home}"), name)
    globals()[name] = value
    return value
