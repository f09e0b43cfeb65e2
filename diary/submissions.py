"""Entries sent from the phone page: logged once however often they are sent, and taken
back by the page's Undo.

Every entry the page sends carries an id made in the browser (a random UUID). The id is
stored in `web_submission` in the same transaction as the entry, so a send that is
retried (the answer was lost, the phone was offline and sends its queue later) finds the
first one's entry instead of logging a second. Standard library only; functions take a
`Store` inside the caller's transaction and never commit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

from diary import entries
from diary.dbtime import to_db
from diary.errors import EntryNotFound, InvalidEntry, NothingToUndo
from diary.storage import Store

_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def parse_client_id(text: str) -> str:
    """A browser-made entry id: 8 to 64 letters, digits, '-' or '_' (a UUID fits)."""
    value = text.strip()
    if not _CLIENT_ID.match(value):
        raise ValueError(f"entry id {text[:80]!r} is not one the page makes: reload the page and try again")
    return value


def sent_before(store: Store, client_id: str) -> int | None:
    """The entry an earlier send with this id logged, or None if it is new."""
    rows = store.rows("SELECT entry_id FROM web_submission WHERE client_id = :id", {"id": client_id})
    if not rows or rows[0][0] is None:
        return None
    return int(rows[0][0])


def once(store: Store, now: dt.datetime, client_id: str | None, log: Callable[[], int]) -> tuple[int, bool]:
    """Run `log` (which writes one entry and returns its id) unless an earlier send with
    `client_id` already did; return the entry id and whether it is new. Without an id
    (an old page) the entry is simply logged."""
    if client_id is not None:
        earlier = sent_before(store, client_id)
        if earlier is not None:
            return earlier, False
    entry_id = log()
    if client_id is not None:
        # Plain SQL, not store.insert: the key is text, which SessionStore.insert would read back as an int.
        store.execute("INSERT INTO web_submission (client_id, entry_id, received_at) VALUES (:id, :entry, :at)",
                      {"id": client_id, "entry": entry_id, "at": to_db(now)})
    return entry_id, True


def take_back(store: Store, now: dt.datetime, tz: ZoneInfo, entry_id: int, action: str) -> entries.Undone:
    """Reverse the page's last `action` ('add', 'delete' or 'edit') on one entry: its Undo.

    When that change's batch is still the newest in the diary this is `entries.undo`,
    exactly (a spasm and the quiet mark its logging removed come back together). When
    something was changed since (another tap, the terminal), an added entry is deleted,
    with whatever its batch deleted put back, and a deleted one restored, which touches
    nothing else; an edit that is no longer the newest change is refused, since putting
    its old values back could undo a later edit.
    """
    rows = store.rows("SELECT id, undone_at, batch FROM change WHERE entry_id = :e AND action = :a "
                      "ORDER BY id DESC LIMIT 1", {"e": entry_id, "a": action})
    if not rows:
        raise EntryNotFound(f"no entry #{entry_id} to undo")
    change_id, undone_at, batch = rows[0]
    batch = int(batch if batch is not None else change_id)
    entry = entries.get_entry(store, entry_id, tz)
    if undone_at is not None:
        raise NothingToUndo(f"#{entry_id} was already undone")
    newest = store.rows("SELECT id, batch FROM change WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1")
    if newest and int(newest[0][1] if newest[0][1] is not None else newest[0][0]) == batch:
        return entries.undo(store, now, tz)
    if action == "add":
        if entry.deleted:
            raise NothingToUndo(f"#{entry_id} is already deleted")
        entries.delete_entry(store, now, entry_id, tz)
        return entries.Undone("add", entries.get_entry(store, entry_id, tz), tuple(_put_back(store, now, tz, batch)))
    if action == "delete":
        if not entry.deleted:
            raise NothingToUndo(f"#{entry_id} is already back")
        return entries.Undone("delete", entries.restore_entry(store, now, entry_id, tz))
    raise InvalidEntry(f"#{entry_id} was changed again since: change it back on its Edit page")


def _put_back(store: Store, now: dt.datetime, tz: ZoneInfo, batch: int) -> list[str]:
    """Restore what a batch deleted besides its main change (the quiet mark a spasm
    removed, the PEG a new one replaced), where that still holds; say so for quiet marks."""
    notices = []
    rows = store.rows("SELECT c.entry_id FROM change c JOIN entry e ON e.id = c.entry_id WHERE c.batch = :b "
                      "AND c.action = 'delete' AND c.undone_at IS NULL AND e.deleted_at IS NOT NULL ORDER BY c.id",
                      {"b": batch})
    for (deleted_id,) in rows:
        try:
            back = entries.restore_entry(store, now, int(deleted_id), tz)
        except InvalidEntry:
            continue  # the day has another spasm now: its quiet mark stays away
        if back.kind == "quiet":
            day = back.fields["day"]
            notices.append(entries.QUIET_BACK.format(id=back.id, day=f"{day:%a} {day.day} {day:%b}"))
    return notices
