"""Domain functions for entries: log, list, edit, delete, undo, restore.

Standard library only, so the logging commands stay fast. Each function takes a `Store`
(diary/storage/store.py) already inside a transaction and never commits; `now` is passed in.

Every change is journaled in `change`; the changes one command makes share a batch (the
store's `batch`, the id of its first change), and `undo` reverses a whole batch: a spasm
and the quiet mark its logging removed come back together.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from diary import schema
from diary.dbtime import day_from_db, instant_from_db, to_db
from diary.errors import EntryNotFound, InvalidEntry, NothingToUndo
from diary.storage.store import Store
from diary.vocab import DAY_KINDS, INTAKE_SNAPSHOT, KIND_BY_NAME, KINDS

KIND_TABLE = {k.name: k.table for k in KINDS}
KIND_TIME = {k.name: k.time_column for k in KINDS}
# Kinds that state something about a local day (quiet, complete) rather than an instant.
_KIND_COLUMNS = {k.name: tuple(c for c in schema.COLUMNS[k.table] if c != "id") for k in KINDS}

QUIET_REMOVED = "Removed the quiet mark #{id} of {day}, since it had a spasm after all."
QUIET_BACK = "Put back the quiet mark #{id} of {day}."


# --- the journal ----------------------------------------------------------------------


def journal(store: Store, now: dt.datetime, action: str, entry_id: int, before: str | None = None) -> int:
    """Record one change of an entry in the undo journal, in this command's batch."""
    change_id = store.insert("change", {"made_at": now, "action": action, "entry_id": entry_id, "before": before,
                                        "batch": store.batch})
    if store.batch is None:
        store.update("change", change_id, {"batch": change_id})
        store.batch = change_id
    return change_id


def write_row(store: Store, now: dt.datetime, table: str, values: Mapping[str, Any]) -> int:
    """Insert one row of the patient's data after the one validation every path in shares
    (diary/rules.py: the models' constraints and the commands' caps); return its id."""
    from diary.rules import check_row

    check_row(table, values, now)
    return store.insert(table, values)


def change_row(store: Store, now: dt.datetime, table: str, row_id: int, values: Mapping[str, Any]) -> int:
    """Set `values` on one row after the same validation: of the columns given, then of the
    row they make with the columns kept (the rules between columns)."""
    from diary import schema
    from diary.rules import check_changed_row, check_row

    check_row(table, values, now, partial=True)
    columns = schema.COLUMNS[table]
    current = store.rows(f"SELECT {', '.join(columns)} FROM {table} WHERE id = :id", {"id": row_id})
    if current:
        check_changed_row(table, dict(zip(columns, current[0], strict=True)), values, now)
    return store.update(table, row_id, values)


def new_entry(store: Store, kind: str, now: dt.datetime) -> int:
    """Make the `entry` row of a new entry of `kind` and journal its adding; return its id."""
    entry_id = store.insert("entry", {"kind": kind, "created_at": now, "updated_at": now})
    journal(store, now, "add", entry_id)
    return entry_id


def batch_notices(store: Store, tz: ZoneInfo) -> list[str]:
    """What this command's batch did besides its main change, in words (a quiet mark removed)."""
    if store.batch is None:
        return []
    rows = store.rows(
        "SELECT c.entry_id, q.day FROM change c JOIN quiet_day q ON q.id = c.entry_id "
        "WHERE c.batch = :batch AND c.action = 'delete' ORDER BY c.id", {"batch": store.batch})
    return [QUIET_REMOVED.format(id=int(i), day=_day_words(day_from_db(d))) for i, d in rows]


def _day_words(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _when_words(when: dt.datetime, tz: ZoneInfo) -> str:
    local = when.astimezone(tz)
    return f"{_day_words(local.date())} {local:%H:%M}"


# --- logging ------------------------------------------------------------------------


def _trigger_id(store: Store, name: str, now: dt.datetime) -> int:
    found = store.rows("SELECT id FROM trigger WHERE name = :name", {"name": name})
    if found:
        return int(found[0][0])
    # Another terminal may be adding the same new trigger right now: on PostgreSQL both
    # transactions run side by side and a plain INSERT would fail on the unique name.
    # ON CONFLICT waits for the other and then reuses its row (SQLite >= 3.24 and PostgreSQL).
    store.execute(
        "INSERT INTO trigger (name, created_at) VALUES (:name, :created_at) ON CONFLICT (name) DO NOTHING",
        {"name": name, "created_at": to_db(now)},
    )
    return int(store.rows("SELECT id FROM trigger WHERE name = :name", {"name": name})[0][0])


def _set_triggers(store: Store, episode_id: int, triggers: Iterable[str], now: dt.datetime) -> None:
    store.execute("DELETE FROM episode_trigger WHERE episode_id = :id", {"id": episode_id})
    for name in dict.fromkeys(triggers):
        store.insert("episode_trigger", {"episode_id": episode_id, "trigger_id": _trigger_id(store, name, now)})


def log_episode(
    store: Store,
    now: dt.datetime,
    *,
    started_at: dt.datetime,
    intensity: int,
    duration_s: int | None = None,
    duration_approximate: bool = False,
    site: str | None = None,
    side: str | None = None,
    triggers: Sequence[str] = (),
    relieved_by: str | None = None,
    note: str | None = None,
    tz: ZoneInfo | None = None,
) -> int:
    """Record one spasm episode; return its entry id.

    A day with a spasm is not a quiet day: the quiet mark of its local day (in `tz`, else
    the profile's timezone) goes, in the same batch (see `batch_notices`).
    """
    unmark_quiet(store, now, started_at, tz or _zone(store))
    entry_id = new_entry(store, "spasm", now)
    write_row(
        store, now, "episode",
        {
            "id": entry_id, "started_at": started_at, "intensity": intensity, "duration_s": duration_s,
            "duration_approximate": duration_approximate and duration_s is not None,
            "site": site, "side": side, "relieved_by": relieved_by, "note": note,
        },
    )
    _set_triggers(store, entry_id, triggers, now)
    return entry_id


def _zone(store: Store) -> ZoneInfo:
    from diary.profile import get_profile

    return get_profile(store).zone()


def log_intake(store: Store, now: dt.datetime, values: Mapping[str, Any]) -> int:
    """Record one intake row (its nutrient snapshot already computed); return its id."""
    entry_id = new_entry(store, "intake", now)
    write_row(store, now, "intake", dict(values) | {"id": entry_id})
    return entry_id


def water_intake(taken_at: dt.datetime, ml: float, amount_text: str, note: str | None = None) -> dict[str, Any]:
    """The intake row for plain water (diary.foods.water_row, the one builder of intake rows)."""
    from diary.foods.rows import water_row

    return water_row(taken_at, ml, amount_text, note)


def log_adjustment(
    store: Store, now: dt.datetime, *, at: dt.datetime, provider: str | None = None,
    region: str | None = None, note: str | None = None,
) -> int:
    """Record one chiropractic adjustment; return its entry id."""
    entry_id = new_entry(store, "adjustment", now)
    write_row(store, now, "adjustment",
              {"id": entry_id, "at": at, "provider": provider, "region": region, "note": note})
    return entry_id


def quiet_mark(store: Store, day: dt.date) -> int | None:
    """The id of the live quiet mark on `day`, if any."""
    rows = store.rows(
        "SELECT q.id FROM quiet_day q JOIN entry e ON e.id = q.id WHERE q.day = :day AND e.deleted_at IS NULL",
        {"day": to_db(day)},
    )
    return int(rows[0][0]) if rows else None


def episodes_on(store: Store, day: dt.date, tz: ZoneInfo) -> int:
    start, end = day_bounds(day, tz)
    rows = store.rows(
        "SELECT count(*) FROM episode p JOIN entry e ON e.id = p.id "
        "WHERE e.deleted_at IS NULL AND p.started_at >= :start AND p.started_at < :end",
        {"start": to_db(start), "end": to_db(end)},
    )
    return int(rows[0][0])


def unmark_quiet(store: Store, now: dt.datetime, when: dt.datetime, tz: ZoneInfo) -> int | None:
    """Remove the quiet mark of the local day of `when`, if any (a spasm is about to be
    logged on it); return the mark's id. Journaled as a delete, so undo brings it back."""
    mark = quiet_mark(store, when.astimezone(tz).date())
    if mark is not None:
        delete_entry(store, now, mark, tz)
    return mark


def mark_quiet(store: Store, now: dt.datetime, day: dt.date, tz: ZoneInfo, note: str | None = None) -> tuple[int, bool]:
    """Say `day` had no spasms; return (entry id, whether it was newly marked).

    Refused for a day that has episodes logged: a quiet day has none.
    """
    existing = quiet_mark(store, day)
    if existing is not None:
        return existing, False
    count = episodes_on(store, day, tz)
    if count:
        raise InvalidEntry(
            f"{day.isoformat()} has {count} spasm{'s' if count != 1 else ''} logged, so it cannot be a quiet day "
            "(see diary list, and diary delete ID if one is wrong)"
        )
    entry_id = new_entry(store, "quiet", now)
    write_row(store, now, "quiet_day", {"id": entry_id, "day": day, "note": note})
    return entry_id, True


def day_bounds(day: dt.date, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The instants where a local day starts and the next one starts (23 or 25 h across DST)."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    return start, end


# --- reading entries -----------------------------------------------------------------


@dataclass
class EntryView:
    """One entry as the CLI shows it."""

    id: int
    kind: str
    when: dt.datetime  # for a quiet day, the start of that local day
    fields: dict[str, Any]
    triggers: list[str] = field(default_factory=list)
    deleted: bool = False


def list_entries(
    store: Store,
    tz: ZoneInfo,
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    kinds: Iterable[str] | None = None,
    include_deleted: bool = False,
    ids: Iterable[int] | None = None,
) -> list[EntryView]:
    """Entries whose time falls in [start, end), oldest first."""
    out: list[EntryView] = []
    id_list = list(ids) if ids is not None else None
    for kind in kinds or KIND_TABLE:
        table, time_col, cols = KIND_TABLE[kind], KIND_TIME[kind], _KIND_COLUMNS[kind]
        where = [] if include_deleted else ["e.deleted_at IS NULL"]
        params: dict[str, Any] = {}
        lo = hi = None
        if kind in DAY_KINDS:
            lo = start.astimezone(tz).date() if start else None
            hi = end.astimezone(tz).date() if end else None
            if lo is not None and start is not None and dt.datetime.combine(lo, dt.time(0), tzinfo=tz) < start:
                lo += dt.timedelta(days=1)
        else:
            lo, hi = start, end
        if lo is not None:
            where.append(f"x.{time_col} >= :lo")
            params["lo"] = to_db(lo)
        if hi is not None:
            where.append(f"x.{time_col} < :hi")
            params["hi"] = to_db(hi)
        if id_list is not None:
            if not id_list:
                continue
            where.append(f"x.id IN ({', '.join(str(int(i)) for i in id_list)})")
        sql = (
            f"SELECT x.id, e.deleted_at, {', '.join('x.' + c for c in cols)} FROM {table} x "
            f"JOIN entry e ON e.id = x.id {'WHERE ' + ' AND '.join(where) if where else ''}"
        )
        for row in store.rows(sql, params):
            values = dict(zip(cols, row[2:], strict=True))
            if kind in DAY_KINDS:
                values["day"] = day_from_db(values["day"])
                when = dt.datetime.combine(values["day"], dt.time(0), tzinfo=tz)
            else:
                values[time_col] = instant_from_db(values[time_col])
                when = values[time_col]
            out.append(EntryView(int(row[0]), kind, when, values, deleted=row[1] is not None))
    spasms = [v for v in out if v.kind == "spasm"]
    if spasms:
        trig = store.rows(
            "SELECT et.episode_id, t.name FROM episode_trigger et JOIN trigger t ON t.id = et.trigger_id "
            f"WHERE et.episode_id IN ({', '.join(str(v.id) for v in spasms)}) ORDER BY t.name"
        )
        by_id: dict[int, list[str]] = {}
        for eid, name in trig:
            by_id.setdefault(int(eid), []).append(name)
        for v in spasms:
            v.triggers = by_id.get(v.id, [])
    out.sort(key=lambda v: (v.when, v.id))
    return out


def get_entry(store: Store, entry_id: int, tz: ZoneInfo, *, include_deleted: bool = True) -> EntryView:
    # An id past any database integer (diary delete 99999999999999999999) names no entry; binding
    # it would fail in the driver instead (OverflowError on SQLite).
    rows = store.rows("SELECT kind FROM entry WHERE id = :id", {"id": entry_id}) if 0 < entry_id < 2**31 else []
    if not rows:
        raise EntryNotFound(f"no entry #{entry_id}: see diary list for the ids")
    found = list_entries(store, tz, kinds=[rows[0][0]], ids=[entry_id], include_deleted=include_deleted)
    if not found:
        raise EntryNotFound(f"entry #{entry_id} is deleted (diary restore {entry_id} brings it back)")
    return found[0]


# --- changing entries ------------------------------------------------------------------

# What `edit` may change, per kind: every column but these (an intake's food and its
# nutrient snapshot change together, through diary.intake; a day statement is about its day).
_FIXED = {
    "intake": set(INTAKE_SNAPSHOT),
    "quiet": {"day"},
    "complete": {"day"},
}
EDITABLE: dict[str, set[str]] = {
    k.name: set(_KIND_COLUMNS[k.name]) - _FIXED.get(k.name, set()) | ({"triggers"} if k.name == "spasm" else set())
    for k in KINDS
}


def edit_entry(store: Store, now: dt.datetime, entry_id: int, tz: ZoneInfo, changes: Mapping[str, Any]) -> EntryView:
    """Change fields of a live entry; the previous values go to the undo journal."""
    entry = get_entry(store, entry_id, tz, include_deleted=False)
    if not changes:
        raise InvalidEntry(f"nothing to change for #{entry_id}: give an option such as --intensity 5 "
                           "(see diary edit --help)")
    bad = sorted(set(changes) - EDITABLE[entry.kind])
    if bad:
        allowed = ", ".join(sorted(EDITABLE[entry.kind]))
        word = KIND_BY_NAME[entry.kind].word
        article = "an" if word[0] in "aeiou" else "a"
        raise InvalidEntry(f"{article} {word} entry has no {', '.join(bad)} to edit: it has {allowed}")
    before: dict[str, Any] = {}
    columns = {k: v for k, v in changes.items() if k != "triggers"}
    for k in columns:
        before[k] = to_db(entry.fields[k])
    if "triggers" in changes:
        before["triggers"] = entry.triggers
        _set_triggers(store, entry_id, changes["triggers"], now)
    if entry.kind == "spasm" and "started_at" in columns:
        unmark_quiet(store, now, columns["started_at"], tz)  # moved onto a quiet day: it is not quiet
    if entry.kind == "reaction" and "at" in columns:
        from diary.measures import adjustment_before  # (measures builds on this module)

        if adjustment_before(store, columns["at"]) is None:
            raise InvalidEntry(f"no adjustment was logged in the 72 h before {_when_words(columns['at'], tz)}: "
                               "a reaction is an effect of a visit (log the visit first with diary adjust --at WHEN)")
    if columns:
        change_row(store, now, KIND_TABLE[entry.kind], entry_id, columns)
    store.update("entry", entry_id, {"updated_at": now})
    journal(store, now, "edit", entry_id, json.dumps(before))
    return get_entry(store, entry_id, tz)


def delete_entry(store: Store, now: dt.datetime, entry_id: int, tz: ZoneInfo) -> EntryView:
    """Soft-delete a live entry (`undo` brings it back)."""
    entry = get_entry(store, entry_id, tz, include_deleted=False)
    store.update("entry", entry_id, {"deleted_at": now, "updated_at": now})
    journal(store, now, "delete", entry_id)
    return entry


def restore_entry(store: Store, now: dt.datetime, entry_id: int, tz: ZoneInfo) -> EntryView:
    """Bring back a deleted entry, whichever way it was deleted (delete, or undo of its add)."""
    entry = get_entry(store, entry_id, tz)
    if not entry.deleted:
        raise InvalidEntry(f"entry #{entry_id} is not deleted: nothing to restore")
    if entry.kind == "quiet" and episodes_on(store, entry.fields["day"], tz):
        raise InvalidEntry(f"{entry.fields['day'].isoformat()} has spasms logged now, so its quiet mark "
                           f"#{entry_id} cannot come back")
    if entry.kind == "spasm":
        unmark_quiet(store, now, entry.when, tz)
    store.update("entry", entry_id, {"deleted_at": None, "updated_at": now})
    journal(store, now, "restore", entry_id)
    return get_entry(store, entry_id, tz)


@dataclass(frozen=True)
class Undone:
    """What one undo reversed: the command's main change, and what else it had done."""

    action: str
    entry: EntryView
    notices: tuple[str, ...] = ()


def undo(store: Store, now: dt.datetime, tz: ZoneInfo) -> Undone:
    """Reverse the newest command's changes not yet undone (its whole batch): an add (or a
    restore) is deleted, a delete restored, an edit put back to its previous values."""
    rows = store.rows("SELECT id, batch FROM change WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1")
    if not rows:
        raise NothingToUndo("nothing to undo")
    batch = rows[0][1] if rows[0][1] is not None else rows[0][0]
    changes = store.rows(
        "SELECT id, action, entry_id, before FROM change WHERE undone_at IS NULL AND (batch = :b OR id = :b) "
        "ORDER BY id DESC", {"b": batch})
    main = changes[0]
    notices = []
    for change_id, action, entry_id, before in changes:
        _reverse(store, now, action, entry_id, before)
        store.update("change", change_id, {"undone_at": now})
        if change_id != main[0] and action == "delete":
            back = get_entry(store, entry_id, tz)
            if back.kind == "quiet":
                notices.append(QUIET_BACK.format(id=entry_id, day=_day_words(back.fields["day"])))
    return Undone(main[1], get_entry(store, main[2], tz), tuple(notices))


def _reverse(store: Store, now: dt.datetime, action: str, entry_id: int, before: str | None) -> None:
    kind = store.rows("SELECT kind FROM entry WHERE id = :id", {"id": entry_id})[0][0]
    if action in ("add", "restore"):
        store.update("entry", entry_id, {"deleted_at": now, "updated_at": now})
    elif action == "delete":
        store.update("entry", entry_id, {"deleted_at": None, "updated_at": now})
    else:
        previous = json.loads(before or "{}")
        for key in ("started_at", "taken_at", "at"):
            if previous.get(key) is not None:
                previous[key] = instant_from_db(previous[key])
        triggers = previous.pop("triggers", None)
        if triggers is not None:
            _set_triggers(store, entry_id, triggers, now)
        if previous:
            store.update(KIND_TABLE[kind], entry_id, previous)
        store.update("entry", entry_id, {"updated_at": now})
