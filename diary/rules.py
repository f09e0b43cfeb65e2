"""One validation for every path in: whether a row may be stored, whoever wrote it.

`check_row(table, values, now)` refuses a value the command line would refuse, whether the
row came from a typed command, an import file or the phone page. The rules come from two
places and are copied from neither:

- the models' constraints (type, NULL or not, maximum length, allowed values, numeric
  range), generated into `diary.schema.RULES` from diary/models.py;
- the domain's caps, the limits the commands apply to what is typed (diary/parse/,
  diary/amounts.py, diary/vocab.py), imported here by name.

Standard library only: the logging path may call it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from diary import schema
from diary.amounts import MAX_DOSE_MG, MAX_DRINK_ML, MAX_FOOD_G, MAX_SODIUM_MG
from diary.errors import InvalidEntry
from diary.vocab import FUTURE_SLACK, MAX_DURATION_S, MAX_NOTE, MIN_YEAR

# Integer columns are 32-bit on PostgreSQL (the smaller of the two databases' integers).
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
# No local calendar day is more than 14 hours ahead of UTC (Pacific/Kiritimati).
MAX_ZONE_AHEAD = dt.timedelta(hours=14)
# Nothing in a diary is dated after this year (the models' birth_year range ends there too).
MAX_YEAR = 2100
# Any other amount: far beyond anything real (a 10-year diary's sum stays finite and printable),
# and past anything the commands can make (an own food's "100 bars" has no weight to cap).
MAX_AMOUNT = 1e9

# The domain's caps, by table and column: the largest value the commands let through.
CAPS: dict[str, dict[str, tuple[float, str]]] = {
    "episode": {"duration_s": (MAX_DURATION_S, " seconds (24 hours)")},
    "intake": {"grams": (MAX_FOOD_G, " g in one entry"), "sodium_mg": (MAX_SODIUM_MG, " mg in one entry")},
    "own_food": {"serving_grams": (MAX_FOOD_G, " g"), "sodium_mg": (MAX_SODIUM_MG, " mg")},
}
# Free text the models do not bound (Text columns) is bounded as a typed note is; the undo
# journal's `before` holds a JSON object of earlier values, each checked on its own.
UNBOUNDED_TEXT_EXEMPT = {("change", "before")}
_CLOCK = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
_TYPE_WORDS = {"int": "a whole number", "float": "a number", "bool": "true or false", "text": "text",
               "instant": "a time", "day": "a day"}


def column_rules() -> dict[str, dict[str, dict[str, Any]]]:
    """Every table's column rules: type, nullable, max_length, choices, min, max, default."""
    return schema.RULES


def problems(table: str, values: Mapping[str, Any], now: dt.datetime, *,
             partial: bool = False) -> list[tuple[str, str]]:
    """Every (column, message) that keeps `values` from being a row of `table`.

    A column the row leaves out counts as NULL, unless `partial` (only the given columns
    are checked, as for an edit). Values are Python values: int, float, bool, str, aware
    datetime for an instant, date for a local day.
    """
    rules = column_rules()[table]
    found: list[tuple[str, str]] = []
    for column in values:
        if column not in rules:
            found.append((column, f"{column}: table {table} has no such column"))
    for column, rule in rules.items():
        if partial and column not in values:
            continue
        value = values.get(column)
        if value is None:
            if not rule["nullable"] and "default" not in rule:
                found.append((column, f"{column} is missing"))
            continue
        message = _value_problem(table, column, rule, value, now)
        if message:
            found.append((column, message))
    found.extend(_row_problems(table, values, partial, now))
    return found


def check_changed_row(table: str, current: Mapping[str, Any], changes: Mapping[str, Any], now: dt.datetime) -> None:
    """Raise InvalidEntry when `changes` are fine alone but make the row as a whole one no
    path may write (a reaction changed to 'other' without a note, half a sleep window)."""
    found = _row_problems(table, dict(current) | dict(changes), False, now)
    if found:
        raise InvalidEntry(found[0][1])


def check_row(table: str, values: Mapping[str, Any], now: dt.datetime, *, partial: bool = False) -> None:
    """Raise InvalidEntry naming the first field of `values` that `table` may not hold."""
    found = problems(table, values, now, partial=partial)
    if found:
        raise InvalidEntry(found[0][1])


def check_trigger_names(names: Any) -> str | None:
    """Why a spasm's list of trigger names may not be stored, or None."""
    if not isinstance(names, list | tuple) or not all(isinstance(n, str) for n in names):
        return "triggers must be a list of names"
    for name in names:
        try:
            from diary.parse import parse_trigger  # only rows that name triggers need the parser

            clean = parse_trigger(name)
        except ValueError:
            return f"trigger {_shown(name)} must be 1 to 40 characters, like lifting or sleep"
        if clean != name:
            return f"trigger {_shown(name)} must be written as {clean!r} (lower case, single spaces)"
    if len(set(names)) != len(names):
        return "triggers name the same trigger twice"
    return None


# --- one value --------------------------------------------------------------------------------


def _shown(value: Any) -> str:
    """A value as a message shows it: a long text cut short."""
    if isinstance(value, str) and len(value) > 40:
        return repr(value[:40])[:-1] + "...'"
    return repr(value)


def _value_problem(table: str, column: str, rule: Mapping[str, Any], value: Any, now: dt.datetime) -> str | None:
    kind = rule["type"]
    check: Callable[[str, Mapping[str, Any], Any, dt.datetime], str | None] = _CHECKS[kind]
    if not _is_type(kind, value):
        return f"{column} {_shown(value)} is not {_TYPE_WORDS[kind]}"
    message = check(column, rule, value, now)
    if message:
        return message
    if "choices" in rule and value not in rule["choices"]:
        return f"{column} {_shown(value)} is not allowed: use one of {', '.join(rule['choices'])}"
    low, high = rule.get("min"), rule.get("max")
    if low is not None and value < low:
        if high is not None:
            return f"{column} {_shown(value)} is out of range: use {low} to {high}"
        return f"{column} {_shown(value)} is negative" if low == 0 else f"{column} {_shown(value)} is less than {low}"
    if high is not None and value > high:
        return f"{column} {_shown(value)} is out of range: use {low} to {high}" if low is not None else \
            f"{column} {_shown(value)} is more than {high}"
    if kind == "text" and "max_length" not in rule and (table, column) not in UNBOUNDED_TEXT_EXEMPT \
            and len(value) > MAX_NOTE:
        return f"{column} is {len(value):,} characters long: keep it under {MAX_NOTE:,}"
    cap = CAPS.get(table, {}).get(column)
    if cap is not None and value > cap[0]:
        return f"{column} {_shown(value)} is more than {cap[0]:,g}{cap[1]}"
    if kind == "float" and value > MAX_AMOUNT:
        return f"{column} {_shown(value)} is more than {MAX_AMOUNT:,g}: surely a mistake"
    return _domain_problem(table, column, value)


def _is_type(kind: str, value: Any) -> bool:
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "text":
        return isinstance(value, str)
    if kind == "instant":
        return isinstance(value, dt.datetime) and value.utcoffset() is not None
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _int(column: str, rule: Mapping[str, Any], value: int, now: dt.datetime) -> str | None:
    if not INT_MIN <= value <= INT_MAX:
        return f"{column} {value} is too large for the diary: use a number from {INT_MIN:,} to {INT_MAX:,}"
    return None


def _float(column: str, rule: Mapping[str, Any], value: float, now: dt.datetime) -> str | None:
    if not math.isfinite(value):
        return f"{column} {_shown(value)} is not a finite number"
    return None


def _text(column: str, rule: Mapping[str, Any], value: str, now: dt.datetime) -> str | None:
    if "\x00" in value:
        return f"{column} contains a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"{column} is not valid Unicode text"
    limit = rule.get("max_length")
    if limit is not None and len(value) > limit:
        return f"{column} is longer than {limit:,} characters"
    return None


def _instant(column: str, rule: Mapping[str, Any], value: dt.datetime, now: dt.datetime) -> str | None:
    shown = value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if value.year < MIN_YEAR or value.astimezone(dt.UTC).year > MAX_YEAR:
        return f"{column} {shown} is not between the years {MIN_YEAR} and {MAX_YEAR}"
    if value > now + FUTURE_SLACK:
        return f"{column} {shown} is in the future (it is now {now.astimezone(dt.UTC):%Y-%m-%dT%H:%M:%SZ})"
    return None


def _day(column: str, rule: Mapping[str, Any], value: dt.date, now: dt.datetime) -> str | None:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return f"{column} {value.isoformat()} is not between the years {MIN_YEAR} and {MAX_YEAR}"
    latest = (now.astimezone(dt.UTC) + MAX_ZONE_AHEAD).date()
    if value > latest:
        return f"{column} {value.isoformat()} is in the future (today is {now.date().isoformat()})"
    return None


def _bool(column: str, rule: Mapping[str, Any], value: bool, now: dt.datetime) -> str | None:
    return None


_CHECKS: dict[str, Callable[[str, Mapping[str, Any], Any, dt.datetime], str | None]] = {
    "int": _int, "float": _float, "bool": _bool, "text": _text, "instant": _instant, "day": _day,
}


def _domain_problem(table: str, column: str, value: Any) -> str | None:
    """The rules of single values the models cannot state as a constraint."""
    if table == "profile" and column == "timezone":
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of the tz database
            return f"timezone {_shown(value)} is unknown: use an IANA name like Europe/Berlin"
    if table == "profile" and column in ("sleep_start", "sleep_end") and not _CLOCK.fullmatch(value):
        return f"{column} {_shown(value)} is not a clock time like 23:00"
    if table == "trigger" and column == "name":
        return check_trigger_names([value])
    return None


# The domain's rules between values of one row, said as the commands say them.
REACTION_OTHER_NEEDS_NOTE = "say what the other reaction was with --note, like --note \"nausea\""


def _row_problems(table: str, values: Mapping[str, Any], partial: bool, now: dt.datetime) -> list[tuple[str, str]]:
    """The rules between values of one row (and of one value against the time now)."""
    found: list[tuple[str, str]] = []
    if table == "profile" and values.get("id", 1) != 1:
        found.append(("id", f"id {values['id']!r} is not allowed: a diary has one profile, with id 1"))
    born = values.get("birth_year")
    if table == "profile" and isinstance(born, int) and not isinstance(born, bool) and born > now.year:
        found.append(("birth_year", f"birth year {born} is in the future"))
    if table == "profile" and not partial:
        start, end = values.get("sleep_start"), values.get("sleep_end")
        if (start is None) != (end is None):
            found.append(("sleep_start", "sleep_start and sleep_end are set together, as a window like 23:00-07:00"))
        elif start is not None and start == end:
            found.append(("sleep_start", f"the sleep window {start}-{end} has no length: use two clock times, "
                                         "like 23:00-07:00"))
    if table == "reaction" and not partial and values.get("symptom") == "other" and not values.get("note"):
        found.append(("note", REACTION_OTHER_NEEDS_NOTE))
    one_food = (values.get("food_ndb") is None) != (values.get("own_food_id") is None)
    if table == "food_alias" and not partial and not one_food:
        found.append(("food_ndb", "a food alias names either a food_ndb or an own_food_id, not both or neither"))
    if table == "intake" and values.get("source") == "supplement" and values.get("supplement_nutrient") in MAX_DOSE_MG:
        nutrient = values["supplement_nutrient"]
        dose = values.get(f"{nutrient}_mg")
        cap = MAX_DOSE_MG[nutrient]
        if isinstance(dose, int | float) and not isinstance(dose, bool) and dose > cap:
            found.append((f"{nutrient}_mg", f"{nutrient}_mg {dose!r} is more than {cap:,g} mg in one supplement dose"))
    if table == "intake" and values.get("source") == "water":
        ml = values.get("ml")
        if isinstance(ml, int | float) and not isinstance(ml, bool) and ml > MAX_DRINK_ML:
            found.append(("ml", f"ml {ml!r} is more than {MAX_DRINK_ML:,g} ml of water in one entry"))
    for column in ("id", "entry_id", "own_food_id", "batch"):
        value = values.get(column)
        if isinstance(value, int) and not isinstance(value, bool) and value < 1 and table != "profile":
            found.append((column, f"{column} {value} is not allowed: ids are whole numbers from 1"))
    return found
