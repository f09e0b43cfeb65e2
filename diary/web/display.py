"""How the page words things: days, times, entries and messages (the same descriptions
as the terminal's, from diary.describe)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup

from diary.describe import describe
from diary.entries import EntryView
from diary.text import escape_controls


class Verbatim(str):
    """Text a template puts in a form field as it is (so saving the form keeps it), where
    everything else is shown with its control characters written out (`shown`)."""


def verbatim(value: str) -> Verbatim:
    return Verbatim(value)


def shown(value: Any) -> Any:
    """The templates' finalize hook: a text value with every control character written out
    as the terminal shows it (an escape from a note never reaches the page as itself)."""
    if isinstance(value, Verbatim) or not isinstance(value, str):
        return value
    if isinstance(value, Markup):
        return Markup(escape_controls(str(value)))
    return escape_controls(value)


def day_words(day: dt.date, today: dt.date | None = None) -> str:
    """'Today', 'Yesterday' or 'Mon 23 Nov' (with the year when it is not this year)."""
    if today is not None:
        if day == today:
            return "Today"
        if day == today - dt.timedelta(days=1):
            return "Yesterday"
    year = "" if today is None or today.year == day.year else f" {day.year}"
    return f"{day:%a} {day.day} {day:%b}{year}"


def clock(when: dt.datetime, tz: ZoneInfo) -> str:
    return when.astimezone(tz).strftime("%H:%M")


def when_words(when: dt.datetime, tz: ZoneInfo, now: dt.datetime) -> str:
    """'today 21:30', 'yesterday 08:00', 'Mon 23 Nov 21:30'."""
    local = when.astimezone(tz)
    day = day_words(local.date(), now.astimezone(tz).date())
    return f"{day if day not in ('Today', 'Yesterday') else day.lower()} {local:%H:%M}"


def entry_what(entry: EntryView) -> str:
    """What an entry says, without its time: 'spasm 7/10, lower-back left'."""
    what = describe(entry)
    return "spasm " + what if entry.kind == "spasm" else what


def entry_words(entry: EntryView, tz: ZoneInfo, now: dt.datetime) -> str:
    """What an entry says and when: 'spasm 7/10, lower-back left, today 21:30'."""
    if entry.kind == "quiet":
        return f"{day_words(entry.fields['day'], now.astimezone(tz).date())}: no spasms"
    if entry.kind == "complete":
        return f"{day_words(entry.fields['day'], now.astimezone(tz).date())}: all food and drink logged"
    return f"{entry_what(entry)}, {when_words(entry.when, tz, now)}"


def saved_message(entry: EntryView, tz: ZoneInfo, now: dt.datetime, done: str) -> str:
    """The sentence the page shows after a change (the same for the script and without it)."""
    words = entry_words(entry, tz, now)
    if entry.kind == "complete" and done == "add":
        return f"Saved: {day_words(entry.fields['day'], now.astimezone(tz).date())}, all food and drink is logged."
    if entry.kind == "quiet" and done in ("add", "again"):
        day = day_words(entry.fields["day"], now.astimezone(tz).date())
        if done == "again":
            return f"{day} was already marked as a day without spasms."
        return f"Saved: {day} had no spasms."
    return {
        "add": f"Saved: {words}.",
        "delete": f"Deleted: {words}.",
        "edit": f"Changed: {words}.",
        "undone-add": f"Undone: {words} is removed.",
        "undone-delete": f"Undone: {words} is back.",
        "undone-edit": f"Undone: {words} as before.",
        "undone-restore": f"Undone: {words} is removed again.",
    }.get(done, f"{words}.")


def month_words(year: int, month: int) -> str:
    return dt.date(year, month, 1).strftime("%B %Y")


def number(value: float | None) -> str:
    return "unknown" if value is None else f"{value:,.0f}"


FILTERS: dict[str, Any] = {"number": number}


def nutrient_rows(targets: Any, intake: Any, complete: bool = True) -> list[dict[str, Any]]:
    """A day's fluid and electrolytes against the targets, one row each, in the words of
    `diary today` (`targets`: diary.targets.Targets; `intake`: diary.nutrition.DayIntake).
    On a day not marked complete the totals are so far, and no verdict is given on the goal."""
    rows = []
    for target in targets:
        total = intake[target.key]
        unit = target.unit
        so_far = "" if complete else " so far"
        row: dict[str, Any] = {
            "label": target.label,
            "amount": f"{'at least ' if total.at_least else ''}{total.total:,.0f} {unit}{so_far}",
            "goal": None, "share": None, "verdict": "", "upper": "",
        }
        if target.goal is not None:
            row["goal"] = f"{target.goal:,.0f} {unit} ({target.goal_kind})"
            row["share"] = round(100 * total.total / target.goal)
            met = total.total >= target.goal
            if complete:
                row["verdict"] = "met" if met else ("below, or unknown" if total.at_least else "below")
        if target.upper is not None:
            line = f"{target.upper:,.0f} {unit} ({target.upper_kind})"
            if target.key == "sodium_mg":
                row["upper"] = f"above {line}: reduce" if total.total > target.upper else f"keep under {line}"
            elif target.upper_supplements_only:
                row["upper"] = (f"supplements {total.supplements:,.0f} {unit}, above the {line} for supplements"
                                if total.supplements > target.upper else f"supplements count towards the {line}")
            else:
                row["upper"] = f"above the {line}" if total.total > target.upper else f"upper level {line}"
            row["over"] = (total.supplements if target.upper_supplements_only else total.total) > target.upper
        rows.append(row)
    return rows
