"""Statements about a whole local day: "I logged everything I ate and drank that day".

Only complete days count towards intake targets: a day with one glass of water logged is
not a day of 0 mg potassium. A day is complete when the patient marked it (`diary
complete`, an entry of kind 'complete', journaled and undoable like a quiet day) or
when their profile says they always log everything (`Profile.always_complete`).

Standard library only. Functions take a Store inside the caller's transaction and never
commit; `now` is passed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from diary import entries
from diary.dbtime import day_from_db, to_db
from diary.errors import InvalidEntry
from diary.storage.store import Store


def complete_mark(store: Store, day: dt.date) -> int | None:
    """The id of the live 'complete' mark on `day`, if any."""
    rows = store.rows(
        "SELECT c.id FROM complete_day c JOIN entry e ON e.id = c.id WHERE c.day = :day AND e.deleted_at IS NULL",
        {"day": to_db(day)},
    )
    return int(rows[0][0]) if rows else None


def intakes_on(store: Store, day: dt.date, tz: ZoneInfo) -> int:
    """How many live intakes (food, drink, water, supplements) fall on the local `day`."""
    start, end = entries.day_bounds(day, tz)
    rows = store.rows(
        "SELECT count(*) FROM intake i JOIN entry e ON e.id = i.id "
        "WHERE e.deleted_at IS NULL AND i.taken_at >= :start AND i.taken_at < :end",
        {"start": to_db(start), "end": to_db(end)},
    )
    return int(rows[0][0])


def mark_complete(store: Store, now: dt.datetime, day: dt.date, tz: ZoneInfo,
                  note: str | None = None) -> tuple[int, bool]:
    """Say everything eaten and drunk on `day` is logged; return (entry id, whether it was
    newly marked). Refused for a day with nothing eaten or drunk logged, which would
    otherwise count as a day of zero intake."""
    existing = complete_mark(store, day)
    if existing is not None:
        return existing, False
    if not intakes_on(store, day, tz):
        raise InvalidEntry(f"nothing eaten or drunk is logged on {day.isoformat()}, so it cannot be a complete day "
                           "(a complete day with nothing logged would count as zero intake): log what you had first")
    entry_id = entries.new_entry(store, "complete", now)
    entries.write_row(store, now, "complete_day", {"id": entry_id, "day": day, "note": note})
    return entry_id, True


def complete_days(store: Store, start_day: dt.date, end_day: dt.date) -> set[dt.date]:
    """The days from `start_day` to `end_day` (both included) marked complete. A profile
    with `always_complete` makes every day complete: see `Completeness`."""
    rows = store.rows(
        "SELECT c.day FROM complete_day c JOIN entry e ON e.id = c.id "
        "WHERE e.deleted_at IS NULL AND c.day >= :a AND c.day <= :b",
        {"a": to_db(start_day), "b": to_db(end_day)},
    )
    return {day_from_db(r[0]) for r in rows}


@dataclass(frozen=True)
class Completeness:
    """Whether a day counts towards targets, and why: marked (`mark` is the entry id) or
    always (the profile's setting)."""

    mark: int | None
    always: bool

    @property
    def complete(self) -> bool:
        return self.always or self.mark is not None


def completeness(store: Store, day: dt.date) -> Completeness:
    """Whether everything eaten and drunk on `day` is logged (marked, or the profile's always)."""
    from diary.profile import get_profile

    return Completeness(complete_mark(store, day), get_profile(store).always_complete)
