"""One edit of an entry, as every front end asks for it (`diary edit`, the phone page's edit form).

The front end parses what was typed into column values; this module applies them in one undo
batch: the entry's own fields, its new time (whatever its kind calls its time), triggers added
to a spasm's, and a new amount of a food or drink with its nutrients recomputed from the food.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from diary import entries
from diary.errors import InvalidEntry
from diary.storage import Store


def edit(store: Store, now: dt.datetime, entry_id: int, tz: ZoneInfo, changes: Mapping[str, Any], *,
         at: dt.datetime | None = None, add_triggers: Iterable[str] = (), amount: str | None = None,
         units: str | None = None) -> tuple[entries.EntryView, list[str]]:
    """Change a live entry; return it as changed and what the same batch did besides (a quiet
    mark a spasm moved onto was removed), in words. InvalidEntry for a change its kind does
    not have; diary.intake's InputError or ChoiceNeeded for an amount the food cannot take."""
    found = entries.get_entry(store, entry_id, tz, include_deleted=False)
    wanted = dict(changes)
    added = list(add_triggers)
    if added:
        wanted["triggers"] = list(dict.fromkeys([*found.triggers, *added]))
    if at is not None:
        wanted[entries.KIND_TIME[found.kind]] = at
    entry = found
    if amount is not None:
        if found.kind != "intake":
            raise InvalidEntry(f"#{entry_id} is a {found.kind} entry, which has no amount")
        from diary.intake import edit_amount  # the nutrients come from the food table

        entry = edit_amount(store, now, entry_id, tz, amount, units=units)
    if wanted or amount is None:
        entry = entries.edit_entry(store, now, entry_id, tz, wanted)
    return entry, entries.batch_notices(store, tz)
