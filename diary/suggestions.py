"""What the phone page offers from the patient's own history, so most entries are one tap:
their usual triggers, what they ate and drank lately, the days still without a record,
the provider and region of the last adjustment.

Standard library only; every query reads a bounded, indexed slice of the diary (never the
whole history), so the page stays fast in a ten-year diary. The joins are written
`x CROSS JOIN entry e WHERE e.id = x.id`: the same inner join on PostgreSQL, and on SQLite
the order that reads the time index first (without statistics SQLite would start from
`entry`'s deleted_at index and read every live entry). Functions take a `Store` inside
the caller's transaction; `repeat_intake` writes, the others only read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from diary import entries, recent
from diary.dbtime import instant_from_db, to_db
from diary.errors import EntryNotFound
from diary.storage import Store
from diary.vocab import COMMON_TRIGGERS, INTAKE_SNAPSHOT

TRIGGER_HISTORY = dt.timedelta(days=365)
RECENT_INTAKES = dt.timedelta(days=30)


def usual_triggers(store: Store, now: dt.datetime, limit: int = 8) -> list[str]:
    """The triggers of the patient's episodes in the last year, most used first, topped up
    with the common ones while there are fewer than `limit`."""
    rows = store.rows(
        "SELECT t.name, count(*) AS uses, max(p.started_at) AS last FROM episode p "
        "CROSS JOIN entry e CROSS JOIN episode_trigger et CROSS JOIN trigger t "
        "WHERE e.id = p.id AND et.episode_id = p.id AND t.id = et.trigger_id AND e.deleted_at IS NULL "
        "AND p.started_at >= :since "
        "GROUP BY t.name ORDER BY uses DESC, last DESC, t.name LIMIT :limit",
        {"since": to_db(now - TRIGGER_HISTORY), "limit": limit},
    )
    names = [str(r[0]) for r in rows]
    for word in COMMON_TRIGGERS:
        if len(names) >= limit:
            break
        if word not in names:
            names.append(word)
    return names


@dataclass(frozen=True)
class RecentIntake:
    """Something eaten or drunk lately, offered as a one-tap "again": the newest intake of
    each description and amount."""

    entry_id: int
    description: str
    amount_text: str
    source: str
    taken_at: dt.datetime


def recent_intakes(store: Store, now: dt.datetime, limit: int = 6) -> list[RecentIntake]:
    """The foods, drinks and supplements of the last 30 days, newest first, one per
    description and amount (plain water has its own buttons)."""
    rows = store.rows(
        "SELECT i.id, i.description, i.amount_text, i.source, i.taken_at FROM intake i CROSS JOIN entry e "
        "WHERE e.id = i.id AND e.deleted_at IS NULL AND i.source <> 'water' AND i.taken_at >= :since "
        "AND i.taken_at <= :now ORDER BY i.taken_at DESC LIMIT 500",
        {"since": to_db(now - RECENT_INTAKES), "now": to_db(now)},
    )
    seen: set[tuple[str, str]] = set()
    out: list[RecentIntake] = []
    for entry_id, description, amount_text, source, taken_at in rows:
        key = (str(description).casefold(), str(amount_text).casefold())
        if key in seen:
            continue
        seen.add(key)
        out.append(RecentIntake(int(entry_id), str(description), str(amount_text), str(source),
                                instant_from_db(str(taken_at))))
        if len(out) == limit:
            break
    return out


def repeat_intake(store: Store, now: dt.datetime, entry_id: int, taken_at: dt.datetime) -> int:
    """Log the same food or drink as intake #`entry_id` again at `taken_at`, with the same
    amount and the same nutrient snapshot; return the new entry's id."""
    columns = INTAKE_SNAPSHOT
    rows = store.rows(f"SELECT {', '.join('i.' + c for c in columns)} FROM intake i JOIN entry e ON e.id = i.id "
                      "WHERE i.id = :id AND e.deleted_at IS NULL", {"id": entry_id})
    if not rows:
        raise EntryNotFound(f"no food or drink #{entry_id} to log again: pick it from the list")
    values = dict(zip(columns, rows[0], strict=True)) | {"taken_at": taken_at, "note": None}
    return entries.log_intake(store, now, values)


@dataclass(frozen=True)
class DayRecord:
    """What a local day has for spasm counting: its spasms and whether it is marked quiet."""

    day: dt.date
    spasms: int
    quiet: bool


def day_record(store: Store, day: dt.date, tz: ZoneInfo) -> DayRecord:
    """The spasms and the quiet mark of one local day."""
    start, end = entries.day_bounds(day, tz)
    spasms = store.rows("SELECT count(*) FROM episode p CROSS JOIN entry e WHERE e.id = p.id "
                        "AND e.deleted_at IS NULL AND p.started_at >= :start AND p.started_at < :end",
                        {"start": to_db(start), "end": to_db(end)})[0][0]
    quiet = store.rows("SELECT count(*) FROM quiet_day q CROSS JOIN entry e WHERE e.id = q.id "
                       "AND e.deleted_at IS NULL AND q.day = :day", {"day": to_db(day)})[0][0]
    return DayRecord(day, int(spasms), bool(quiet))


def days_to_mark(store: Store, now: dt.datetime, tz: ZoneInfo, logs_every_spasm: bool) -> list[dt.date]:
    """The recent days the page offers to mark quiet, today first: those without a record
    (diary.recent's rule, the one `diary quiet` and `diary today` use), and today in a
    diary that has no live entry yet."""
    today = now.astimezone(tz).date()
    days = recent.days_without_record(store, today, tz, logs_every_spasm)
    if not days and not store.rows("SELECT id FROM entry WHERE deleted_at IS NULL LIMIT 1"):
        days = [today]
    return sorted(days, reverse=True)


@dataclass(frozen=True)
class LastAdjustment:
    """Who adjusted the patient last and where, to offer the same again."""

    provider: str | None
    region: str | None
    at: dt.datetime | None


def last_adjustment(store: Store) -> LastAdjustment:
    """The provider and region of the newest adjustment (all None when there is none)."""
    rows = store.rows("SELECT a.provider, a.region, a.at FROM adjustment a CROSS JOIN entry e WHERE e.id = a.id "
                      "AND e.deleted_at IS NULL ORDER BY a.at DESC LIMIT 1")
    if not rows:
        return LastAdjustment(None, None, None)
    provider, region, at = rows[0]
    return LastAdjustment(provider, region, instant_from_db(str(at)))
