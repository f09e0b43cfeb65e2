"""Import, second half: add a checked file's records to a diary, all of them or none.

Entry ids are kept, so `diary edit 42` means the same entry after a move; a file whose
entries are already in the diary (the same id, or the same kind, time and content) is
refused. Own foods, food aliases and triggers are matched by name; the undo journal is
kept as it was when the diary has none, else appended after the diary's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from diary import schema
from diary.exchange.fields import ENTRY_KINDS, ENTRY_TABLES, RECORD_FIELDS, RECORD_KINDS, Record, kind_word
from diary.exchange.readers import ImportFile, live_marks, reject, spasm_days
from diary.exchange.writers import export_records
from diary.measures import REACTION_WINDOW
from diary.profile import Profile
from diary.storage.store import Store
from diary.vocab import DAY_KINDS

_STAMPS = ("id", "created_at", "updated_at")
# Tables whose ids an import writes explicitly (PostgreSQL's sequences must move past them).
_SEQUENCES = ("entry", "own_food", "food_alias", "trigger", "change")


def _content_key(record: Record) -> tuple[Any, ...]:
    """What makes two entries the same entry: kind, time and content (not ids or stamps)."""
    kind, values = record.kind, record.values
    if kind in DAY_KINDS and values["deleted_at"] is None:  # a day is quiet or not: a second mark says it again
        return (kind, values["day"], "live")
    skip = {*_STAMPS, "deleted_at", "own_food_id"}
    out: list[Any] = [kind]
    for f in RECORD_FIELDS[kind]:
        if f.name not in skip:
            value = values.get(f.name)
            out.append(tuple(sorted(value or ())) if f.codec.name == "names" else value)
    return tuple(out)


def _same_thing(kind: str, values: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(values[f.name] for f in RECORD_FIELDS[kind] if f.name not in _STAMPS)


@dataclass
class ImportSummary:
    """What an import added, by kind (entries also counted by how many are deleted)."""

    counts: dict[str, int]
    deleted: int


class _Plan:
    """What an import will write, worked out before anything is written."""

    def __init__(self, existing: list[Record]) -> None:
        self.by_kind: dict[str, list[Record]] = {}
        for r in existing:
            self.by_kind.setdefault(r.kind, []).append(r)
        self.problems: list[tuple[int, str]] = []
        self.new: dict[str, list[Record]] = {}
        self.ids: dict[str, dict[int, int | None]] = {}  # file id -> diary id (None: a new id)

    def there(self, kind: str) -> list[Record]:
        return self.by_kind.get(kind, [])

    def match_by_name(self, kind: str, records: list[Record], food_ids: Mapping[int, Any] | None = None) -> None:
        """Things matched by name: the same thing is reused, a different one under the name refused.
        `food_ids` maps the file's own food ids to the diary's (for a food alias)."""
        by_name = {r.values["name"]: r.values for r in self.there(kind)}
        used = {r.values["id"] for r in self.there(kind)}
        self.new[kind], self.ids[kind] = [], {}
        for r in records:
            values = dict(r.values)
            if food_ids is not None and values.get("own_food_id") is not None:
                values["own_food_id"] = food_ids[values["own_food_id"]]
            old = by_name.get(values["name"])
            if old is None:
                self.new[kind].append(r)
                self.ids[kind][values["id"]] = None if values["id"] in used else values["id"]
            elif _same_thing(kind, old) != _same_thing(kind, values):
                self.problems.append((r.line, f"{kind_word(kind)} {values['name']!r} is already in this diary "
                                              "with other values"))
            else:
                self.ids[kind][values["id"]] = old["id"]


def import_records(store: Store, imported: ImportFile) -> ImportSummary:
    """Add every record of a checked file to the diary, or raise ImportRejected and add none.

    Refused: an entry id the diary already uses, an entry with the same kind, time and
    content as one already there, an own food or food alias of the same name with other
    values, a profile that differs from the diary's. The caller's transaction makes it all
    or nothing; this function writes only after every check has passed.
    """
    plan = _Plan(export_records(store))
    problems = plan.problems

    # Profile: the same settings are fine; other settings would silently replace the patient's.
    new_profile = imported.of("profile")
    if new_profile and plan.there("profile"):
        old, new = plan.there("profile")[0].values, new_profile[0].values
        differ = [f.name for f in RECORD_FIELDS["profile"] if f.name not in _STAMPS and old[f.name] != new[f.name]]
        if differ:
            problems.append((new_profile[0].line, f"this diary already has a profile with another {differ[0]} "
                                                  f"({old[differ[0]]!r}, the file says {new[differ[0]]!r})"))
        new_profile = []

    plan.match_by_name("own_food", imported.of("own_food"))
    food_ids = plan.ids["own_food"]
    # A food alias of the file names an own food by the file's id: the diary's id where the
    # food is already there or keeps its id, else a new food no alias of the diary can name.
    plan.match_by_name("food_alias", imported.of("food_alias"),
                       {i: ("new", i) if d is None else d for i, d in food_ids.items()})

    # Entries: ids are kept, so they must be free; and no entry may already be there.
    by_id = {r.values["id"]: r for r in (x for k in ENTRY_KINDS for x in plan.there(k))}
    by_content = {_content_key(r): r.values["id"] for k in ENTRY_KINDS for r in plan.there(k)}
    for r in imported.of(*ENTRY_KINDS):
        same = by_content.get(_content_key(r))
        if same is not None:
            problems.append((r.line, f"this {kind_word(r.kind)} is already in the diary as #{same} "
                                     "(same time and content)"))
        elif r.values["id"] in by_id:
            problems.append((r.line, f"entry id {r.values['id']} is already used in this diary by another "
                                     f"{kind_word(by_id[r.values['id']].kind)} (import into an empty diary)"))
    if problems:
        raise reject(imported.path, problems, clash=True)
    _no_quiet_day_with_a_spasm(plan, imported)
    _reactions_follow_a_visit(plan, imported)

    changes = imported.of("change")
    taken = {r.values["id"] for r in plan.there("change")}
    keep_change_ids = not any(r.values["id"] in taken for r in changes)
    _advance_sequences(store, {
        "entry": max((r.values["id"] for r in imported.of(*ENTRY_KINDS)), default=0),
        "own_food": max((i for i in food_ids.values() if i is not None), default=0),
        "food_alias": max((r.values["id"] for r in imported.of("food_alias")), default=0),
        "trigger": max((r.values["id"] for r in imported.of("trigger")), default=0),
        "change": max((r.values["id"] for r in changes), default=0) if keep_change_ids else 0,
    })
    counts: dict[str, int] = dict.fromkeys(RECORD_KINDS, 0)
    if new_profile:
        store.insert("profile", new_profile[0].values)
        counts["profile"] = 1
    for r in plan.new["own_food"]:
        values = dict(r.values)
        if food_ids[r.values["id"]] is None:
            values.pop("id")
        food_ids[r.values["id"]] = store.insert("own_food", values)
        counts["own_food"] += 1

    # Food aliases point at the own foods as they are numbered in this diary.
    for r in plan.new["food_alias"]:
        values = dict(r.values)
        if values["own_food_id"] is not None:
            values["own_food_id"] = food_ids[values["own_food_id"]]
        if plan.ids["food_alias"][r.values["id"]] is None:
            values.pop("id")
        store.insert("food_alias", values)
        counts["food_alias"] += 1

    trigger_ids = _insert_triggers(store, plan, imported, counts)
    deleted = 0
    entry_columns = set(schema.COLUMNS["entry"])
    for r in sorted(imported.of(*ENTRY_KINDS), key=lambda r: r.values["id"]):
        values = r.values
        store.insert("entry", {"kind": r.kind} | {k: v for k, v in values.items() if k in entry_columns})
        row = r.table_values(ENTRY_TABLES[r.kind])
        if row.get("own_food_id") is not None:
            row["own_food_id"] = food_ids[row["own_food_id"]]
        store.insert(ENTRY_TABLES[r.kind], row | {"id": values["id"]})
        for name in values.get("triggers") or ():
            store.insert("episode_trigger", {"episode_id": values["id"], "trigger_id": trigger_ids[name]})
        counts[r.kind] += 1
        deleted += values["deleted_at"] is not None
    counts["change"] = _insert_changes(store, changes, keep_change_ids)
    _advance_sequences(store)
    return ImportSummary(counts, deleted)


def _no_quiet_day_with_a_spasm(plan: _Plan, imported: ImportFile) -> None:
    """The quiet-day rule the logging commands keep (diary.entries) between the file and the
    diary: a day with a live spasm has no live quiet mark (inside the file: readers). Local
    days are the diary's timezone (its profile's, else the file's, else the system's)."""
    profile = plan.there("profile") or imported.of("profile")
    zone = Profile(timezone=profile[0].values.get("timezone") if profile else None).zone()

    file_spasms, file_marks = spasm_days(imported.of("spasm"), zone), live_marks(imported.of("quiet"))
    diary_spasms, diary_marks = spasm_days(plan.there("spasm"), zone), live_marks(plan.there("quiet"))
    clashes = [(mark.line, f"a quiet mark for {day.isoformat()}, a day with a spasm in this diary "
                           f"(#{diary_spasms[day].values['id']}): a day with a spasm is not quiet")
               for day, mark in sorted(file_marks.items()) if day in diary_spasms]
    clashes += [(spasm.line, f"a spasm on {day.isoformat()}, a day this diary marks quiet "
                             f"(#{diary_marks[day].values['id']}; diary delete {diary_marks[day].values['id']} "
                             "if it had a spasm after all)")
                for day, spasm in sorted(file_spasms.items()) if day in diary_marks]
    if clashes:
        raise reject(imported.path, sorted(clashes), clash=True)


def _reactions_follow_a_visit(plan: _Plan, imported: ImportFile) -> None:
    """A live reaction has a live adjustment (in the file or the diary) in the 72 h before it,
    as `diary reaction` requires: the report counts reactions per visit."""
    visits = sorted(r.values["at"] for r in (*imported.of("adjustment"), *plan.there("adjustment"))
                    if r.values["deleted_at"] is None)
    orphans = []
    for r in imported.of("reaction"):
        at = r.values["at"]
        if r.values["deleted_at"] is None and not any(at - REACTION_WINDOW <= v <= at for v in visits):
            orphans.append((r.line, f"a reaction at {at:%Y-%m-%d %H:%M} UTC has no adjustment in the 72 h before it, "
                                    "in the file or the diary: a reaction is an effect of a visit"))
    if orphans:
        raise reject(imported.path, orphans)


def _insert_triggers(store: Store, plan: _Plan, imported: ImportFile, counts: dict[str, int]) -> dict[str, int]:
    """Triggers by name: a name the diary has is reused, a new one keeps its id if free."""
    by_name = {r.values["name"]: r.values["id"] for r in plan.there("trigger")}
    used = set(by_name.values())
    wanted = {r.values["name"]: r.values for r in imported.of("trigger")}
    for r in imported.of("spasm"):  # a trigger named by a spasm but without a row of its own
        for name in r.values["triggers"]:
            wanted.setdefault(name, {"id": None, "name": name, "created_at": r.values["created_at"]})
    for name, values in wanted.items():
        if name in by_name:
            continue
        row = dict(values)
        if row["id"] is None or row["id"] in used:
            row.pop("id")
        by_name[name] = store.insert("trigger", row)
        used.add(by_name[name])
        counts["trigger"] += 1
    return by_name


def _insert_changes(store: Store, changes: list[Record], keep_ids: bool) -> int:
    """The undo journal: as it was, or renumbered after the diary's own (batches follow the renumbering)."""
    new_id: dict[int, int] = {}
    for r in sorted(changes, key=lambda r: r.values["id"]):
        values = dict(r.values)
        if not keep_ids:
            values.pop("id")
            values["batch"] = None  # set below, once the batch's first change has its new id
        new_id[r.values["id"]] = store.insert("change", values)
    if not keep_ids:
        for r in changes:
            if r.values.get("batch") is not None:
                store.update("change", new_id[r.values["id"]], {"batch": new_id[r.values["batch"]]})
    return len(changes)


def _advance_sequences(store: Store, floors: Mapping[str, int] | None = None) -> None:
    """On PostgreSQL, move each id sequence past the ids in the table and past `floors`
    (ids about to be written explicitly), so no `diary spasm` collides with an imported id,
    not even one running at the same time: setval is not undone by a rollback, so it is
    called before the import's inserts as well as after. SQLite needs nothing."""
    session = getattr(store, "session", None)
    if session is None or session.get_bind().dialect.name != "postgresql":
        return
    for table in _SEQUENCES:
        floor = int((floors or {}).get(table, 0))
        store.rows(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), GREATEST(COALESCE(MAX(id), 0), :floor, 1), "
            f'GREATEST(COALESCE(MAX(id), 0), :floor) > 0) FROM "{table}"',
            {"floor": floor},
        )


def describe_summary(summary: ImportSummary) -> str:
    """'12 spasms, 30 intakes, ... (2 of the entries deleted)' for the CLI."""
    parts = [f"{n} {kind_word(k, n)}" for k, n in summary.counts.items() if n]
    text = ", ".join(parts) if parts else "nothing new"
    if summary.deleted:
        text += f" ({summary.deleted} of the entries deleted, as in the file)"
    return text
