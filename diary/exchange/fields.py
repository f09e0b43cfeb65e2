"""The records of an export and their fields, derived from the models.

A record is one thing of the diary: the profile, an own food, a food alias, a trigger, an
entry of any kind of `diary.vocab.KINDS` (its `entry` row and its own row as one record),
or a change of the undo journal. Each field is a column of the models (diary/schema.py),
typed by the column's rule, so a new column or a new kind of entry is exported and
imported without anyone remembering to add it here. The phone page's sign-in state
(`device`, `web_submission`) is not part of a diary's content and is never exported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from diary import schema
from diary.exchange.codecs import CODECS, Codec
from diary.rules import column_rules
from diary.vocab import KINDS

# Entry kinds, in the order of diary.vocab.KINDS, and the table holding each one's own row.
ENTRY_KINDS: tuple[str, ...] = tuple(k.name for k in KINDS)
ENTRY_TABLES: dict[str, str] = {k.name: k.table for k in KINDS}
# Things that are not entries: record kind -> table. What others refer to comes first.
THINGS_BEFORE = {"profile": "profile", "own_food": "own_food", "food_alias": "food_alias", "trigger": "trigger"}
THINGS_AFTER = {"change": "change"}
# File order: what others refer to comes first.
RECORD_KINDS: tuple[str, ...] = (*THINGS_BEFORE, *ENTRY_KINDS, *THINGS_AFTER)
TABLE_OF: dict[str, str] = {**THINGS_BEFORE, **ENTRY_TABLES, **THINGS_AFTER}
# Columns that name a row of another record kind (the models' foreign keys, tested against them).
REFERENCES: dict[tuple[str, str], str] = {
    ("intake", "own_food_id"): "own_food",
    ("food_alias", "own_food_id"): "own_food",
    ("change", "entry_id"): "entry",
    ("change", "batch"): "change",
}
# Tables exported as part of other records: episode_trigger as a spasm's `triggers`.
NOT_RECORDS = frozenset({"entry", "episode_trigger", "device", "web_submission"})


@dataclass(frozen=True)
class Field:
    """One field of a record: its name, the table holding it, how it is typed, whether it may be empty."""

    name: str
    table: str
    codec: Codec
    nullable: bool
    default: Any = None  # what a record without this field gets (a column with a default)


def _table_fields(table: str, skip: tuple[str, ...] = ()) -> list[Field]:
    rules = column_rules()[table]
    out = []
    for name in schema.COLUMNS[table]:
        if name in skip:
            continue
        rule = rules[name]
        default = rule.get("default")
        out.append(Field(name, table, CODECS[rule["type"]], bool(rule["nullable"]) or default is not None, default))
    return out


def _record_fields() -> dict[str, list[Field]]:
    entry = _table_fields("entry", skip=("kind",))
    fields = {kind: _table_fields(table) for kind, table in {**THINGS_BEFORE, **THINGS_AFTER}.items()}
    for kind, table in ENTRY_TABLES.items():
        fields[kind] = entry + _table_fields(table, skip=("id",))
    fields["spasm"].append(Field("triggers", "episode_trigger", CODECS["names"], True))
    return {kind: fields[kind] for kind in RECORD_KINDS}


RECORD_FIELDS: dict[str, list[Field]] = _record_fields()
FIELD_BY_NAME: dict[str, dict[str, Field]] = {k: {f.name: f for f in fs} for k, fs in RECORD_FIELDS.items()}
# The CSV file's columns: `kind`, then every field of every record kind, in file order.
CSV_COLUMNS: tuple[str, ...] = ("kind", *dict.fromkeys(f.name for fs in RECORD_FIELDS.values() for f in fs))


@dataclass
class Record:
    """One thing of an export: its kind, its typed values, and the line it was read from."""

    kind: str
    values: dict[str, Any]
    line: int = 0
    ok: bool = True  # False: a bad row, kept only so other rows' references to it resolve

    def table_values(self, table: str) -> dict[str, Any]:
        """The values that go into `table` (for an entry: its `entry` row or its own row)."""
        return {f.name: self.values.get(f.name) for f in RECORD_FIELDS[self.kind] if f.table == table}


def kind_word(kind: str, count: int = 1) -> str:
    """How a record kind is said: "quiet day", "impressions of change", "own foods"."""
    words = {k.name: k.word for k in KINDS} | {
        "profile": "profile", "own_food": "own food", "food_alias": "food alias", "trigger": "trigger",
        "change": "undo-journal change"}
    word = words[kind]
    if count == 1:
        return word
    head, sep, tail = word.partition(" of ")
    head = head + ("es" if head.endswith(("s", "sh", "ch")) else "s")
    return head + sep + tail
