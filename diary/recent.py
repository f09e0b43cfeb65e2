"""What the quick logging commands need to know of the recent diary: the last entry and the
last spasm (`edit last`, `spasm 6 again`), the sites and triggers used before (questions and
suggestions), the recent days without a record, and marking several quiet days at once.

Standard library only (the logging path imports this). Functions take a Store inside the
caller's transaction and never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple
from zoneinfo import ZoneInfo

from diary import entries
from diary.dbtime import day_from_db, instant_from_db, to_db
from diary.errors import InvalidEntry
from diary.storage.store import Store
from diary.vocab import COMMON_TRIGGERS, KINDS

# How close a new trigger word must be to a known one to ask "did you mean ...?" (difflib ratio).
TRIGGER_CUTOFF = 0.75


def last_entry(store: Store, kinds: Iterable[str] | None = None) -> tuple[int, str] | None:
    """(id, kind) of the entry logged last that is not deleted, of one of `kinds` if given."""
    wanted = list(kinds) if kinds is not None else None
    where = "deleted_at IS NULL"
    params: dict[str, object] = {}
    if wanted is not None:
        where += f" AND kind IN ({', '.join(f':k{i}' for i in range(len(wanted)))})"
        params = {f"k{i}": k for i, k in enumerate(wanted)}
    rows = store.rows(f"SELECT id, kind FROM entry WHERE {where} ORDER BY id DESC LIMIT 1", params)
    return (int(rows[0][0]), str(rows[0][1])) if rows else None


class PastSpasm(NamedTuple):
    """The parts of an earlier spasm that `diary spasm 6 again` repeats."""

    id: int
    intensity: int
    site: str | None
    side: str | None
    triggers: tuple[str, ...]


def last_spasm(store: Store) -> PastSpasm | None:
    """The spasm that started last (not deleted), or None."""
    rows = store.rows(
        "SELECT p.id, p.intensity, p.site, p.side FROM episode p JOIN entry e ON e.id = p.id "
        "WHERE e.deleted_at IS NULL ORDER BY p.started_at DESC, p.id DESC LIMIT 1"
    )
    if not rows:
        return None
    episode_id, intensity, site, side = rows[0]
    names = store.rows(
        "SELECT t.name FROM episode_trigger et JOIN trigger t ON t.id = et.trigger_id "
        "WHERE et.episode_id = :id ORDER BY t.name", {"id": episode_id},
    )
    return PastSpasm(int(episode_id), int(intensity), site, side, tuple(n for (n,) in names))


def recent_sites(store: Store, limit: int = 20) -> list[str]:
    """Body sites of spasms, the most recently used first, each once."""
    rows = store.rows(
        "SELECT p.site, max(p.started_at) AS latest FROM episode p JOIN entry e ON e.id = p.id "
        "WHERE e.deleted_at IS NULL AND p.site IS NOT NULL GROUP BY p.site ORDER BY latest DESC LIMIT :limit",
        {"limit": limit},
    )
    return [str(site) for site, _ in rows]


def known_triggers(store: Store) -> list[str]:
    """Every trigger word used before, in alphabetical order."""
    return [str(name) for (name,) in store.rows("SELECT name FROM trigger ORDER BY name")]


def close_trigger(word: str, known: Sequence[str]) -> str | None:
    """The trigger a new word is probably a slip for ("lifitng" -> "lifting"), among the known
    ones and the common ones (so a first typo is caught in a new diary, and a well-spelled
    common word is never "corrected" to an earlier typo); or None. Never applied by itself:
    the caller asks (default no), or suggests."""
    if word in known or word in COMMON_TRIGGERS:
        return None
    import difflib

    candidates = list(dict.fromkeys([*known, *COMMON_TRIGGERS]))
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=TRIGGER_CUTOFF)
    return close[0] if close else None


def days_without_record(store: Store, today: dt.date, tz: ZoneInfo, logs_every_spasm: bool,
                        days: int = 7) -> list[dt.date]:
    """The last `days` local days (today included) that count as not observed: no spasm and
    no quiet mark (with `logs_every_spasm`, no entry at all), since the diary was first used."""
    first_use = store.rows("SELECT min(created_at) FROM entry WHERE deleted_at IS NULL")[0][0]
    if first_use is None:
        return []
    first_day = max(today - dt.timedelta(days=days - 1), instant_from_db(first_use).astimezone(tz).date())
    start, _ = entries.day_bounds(first_day, tz)
    _, end = entries.day_bounds(today, tz)
    span = {"start": to_db(start), "end": to_db(end), "first": to_db(first_day), "last": to_db(today)}
    recorded: set[dt.date] = set()
    kinds = KINDS if logs_every_spasm else [k for k in KINDS if k.name in ("spasm", "quiet")]
    for kind in kinds:
        column = f"x.{kind.time_column}"
        is_day = kind.time_column == "day"
        where = f"{column} >= :first AND {column} <= :last" if is_day else f"{column} >= :start AND {column} < :end"
        rows = store.rows(
            f'SELECT {column} FROM "{kind.table}" x JOIN entry e ON e.id = x.id WHERE e.deleted_at IS NULL AND {where}',
            span,
        )
        for (value,) in rows:
            recorded.add(day_from_db(value) if is_day else instant_from_db(value).astimezone(tz).date())
    count = (today - first_day).days + 1
    return [d for d in (first_day + dt.timedelta(days=i) for i in range(count)) if d not in recorded]


class QuietMark(NamedTuple):
    """One day of `diary quiet`: its mark's id and whether this command made it."""

    day: dt.date
    entry_id: int
    new: bool


def mark_quiet_days(store: Store, now: dt.datetime, days: Sequence[dt.date], tz: ZoneInfo,
                    note: str | None = None) -> list[QuietMark]:
    """Say each of `days` had no spasms. All or none: a day with a spasm logged refuses the
    whole command, naming every such day."""
    if len(days) == 1:  # one day: mark_quiet's own refusal says it
        entry_id, new = entries.mark_quiet(store, now, days[0], tz, note)
        return [QuietMark(days[0], entry_id, new)]
    busy = [(d, entries.episodes_on(store, d, tz)) for d in days]
    busy = [(d, n) for d, n in busy if n]
    if busy:
        said = ", ".join(f"{d:%a} {d.day} {d:%b} has {n} spasm{'s' if n != 1 else ''}" for d, n in busy)
        hint = " (leave it out" if len(busy) == 1 else " (leave them out"
        raise InvalidEntry(f"{said} logged, so {'it' if len(busy) == 1 else 'they'} cannot be quiet; "
                           f"nothing was marked{hint}, or see diary list)")
    marks = []
    for day in days:
        entry_id, new = entries.mark_quiet(store, now, day, tz, note)
        marks.append(QuietMark(day, entry_id, new))
    return marks


def no_record_line(days: Sequence[dt.date]) -> str | None:
    """'Mon 23 and Wed 25 have no record: diary quiet mon wed if they had no spasms', or None."""
    if not days:
        return None
    names = [f"{d:%a} {d.day}" for d in days]
    said = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    words = " ".join(f"{d:%a}".lower() for d in days)
    if len(days) == 1:
        return f"{said} has no record: diary quiet {words} if it had no spasms"
    return f"{said} have no record: diary quiet {words} if they had no spasms"
