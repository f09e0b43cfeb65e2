"""The patient's profile: the one list of its fields, reading and saving it, the timezone.

Standard library only (every logging command reads the timezone). Functions take a
`Store` inside the caller's transaction and never commit.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from diary.dbtime import day_from_db
from diary.storage.store import Store

# When no sleep window is set, night spasms are those starting between midnight and 6:00.
DEFAULT_SLEEP = (dt.time(0), dt.time(6))


@dataclass(frozen=True)
class Profile:
    """The patient's settings; `exists` is False when none has been saved yet.

    The fields after `exists` are the profile table's columns (the one list of them).
    """

    exists: bool = False
    name: str | None = None
    sex: str | None = None
    life_stage: str | None = None
    birth_year: int | None = None
    timezone: str | None = None
    clinician: str | None = None
    logs_every_spasm: bool = False
    always_complete: bool = False
    units: str | None = None  # 'uk' or 'us'; None: decided from the timezone
    sleep_start: str | None = None  # 'HH:MM'
    sleep_end: str | None = None
    care_began: dt.date | None = None  # None: the first adjustment in the diary

    def zone(self) -> ZoneInfo:
        """The diary's timezone: the profile's, else the system's."""
        if self.timezone:
            try:
                return ZoneInfo(self.timezone)
            except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of the tz database
                pass
        return system_timezone()

    def sleep_window(self) -> tuple[dt.time, dt.time]:
        """The local clock times the patient's sleep starts and ends (default 00:00-06:00)."""
        if self.sleep_start and self.sleep_end:
            return dt.time.fromisoformat(self.sleep_start), dt.time.fromisoformat(self.sleep_end)
        return DEFAULT_SLEEP


PROFILE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Profile) if f.name != "exists")
_FLAGS = ("logs_every_spasm", "always_complete")


def system_timezone() -> ZoneInfo:
    """The machine's IANA timezone ($TZ, /etc/localtime, /etc/timezone), else UTC."""
    candidates = []
    if os.environ.get("TZ"):
        candidates.append(os.environ["TZ"].lstrip(":"))
    try:
        target = os.readlink("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    try:
        with open("/etc/timezone", encoding="utf-8") as f:
            candidates.append(f.read().strip())
    except OSError:
        pass
    for name in candidates:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            continue
    return ZoneInfo("UTC")


def profile_from_row(values: Mapping[str, Any]) -> Profile:
    """A Profile from the profile table's columns (as stored: flags as 0/1, days as text)."""
    known = {k: values[k] for k in PROFILE_FIELDS if k in values}
    for flag in _FLAGS:
        if flag in known:
            known[flag] = bool(known[flag])
    if isinstance(known.get("care_began"), str):
        known["care_began"] = day_from_db(known["care_began"])
    return Profile(exists=True, **known)


def get_profile(store: Store) -> Profile:
    """The saved profile, or the default one (exists=False) when none was saved."""
    rows = store.rows(f"SELECT {', '.join(PROFILE_FIELDS)} FROM profile WHERE id = 1")
    if not rows:
        return Profile()
    return profile_from_row(dict(zip(PROFILE_FIELDS, rows[0], strict=True)))


def read_profile(location: str) -> Profile:
    """The profile of the diary at `location`, read before anything is written (a missing
    diary has the default profile; an older one is read as it is, not upgraded)."""
    from diary.storage import peek

    with peek(location) as store:
        if store is None:
            return Profile()
        try:
            return get_profile(store)
        except Exception:  # an older schema's profile: read the columns it has
            names = [r[0] for r in store.rows("SELECT name FROM pragma_table_info('profile')")]
            rows = store.rows(f"SELECT {', '.join(names)} FROM profile WHERE id = 1") if names else []
            return profile_from_row(dict(zip(names, rows[0], strict=True))) if rows else Profile()


def set_profile(store: Store, now: dt.datetime, changes: Mapping[str, Any]) -> Profile:
    """Create or update the profile with `changes` (already validated by the caller)."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise KeyError(f"profile has no field {', '.join(sorted(unknown))}")
    if "timezone" in changes and changes["timezone"] is not None:
        validate_timezone(changes["timezone"])
    from diary.rules import check_changed_row, check_row

    check_row("profile", dict(changes), now, partial=True)
    current = get_profile(store)
    check_changed_row("profile", {f: getattr(current, f) for f in PROFILE_FIELDS}, changes, now)
    if current.exists:
        if changes:
            store.update("profile", 1, dict(changes) | {"updated_at": now})
    else:
        values = {f: getattr(current, f) for f in PROFILE_FIELDS} | dict(changes)
        store.insert("profile", values | {"id": 1, "created_at": now, "updated_at": now})
    return get_profile(store)


def validate_timezone(name: str) -> str:
    """An IANA timezone name ("Europe/Berlin"); ValueError names the bad value."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a name that is a folder of the tz database ("Europe") on some systems
        from diary.parse.zones import suggest_timezone  # only when refusing: it reads the zone list

        hint = suggest_timezone(name)
        if hint and hint != name:
            raise ValueError(f"unknown timezone {name!r}: did you mean {hint}?") from None
        raise ValueError(f"unknown timezone {name!r}: use an IANA name like Europe/Berlin or "
                         "America/New_York") from None
    return name


@dataclass(frozen=True)
class TimezoneChange:
    """What a change of the diary's timezone does to how entries are shown."""

    total: int  # entries with a time of day
    moved: int  # shown at another local clock time
    other_day: int  # of those, shown on another local day


def timezone_change(store: Store, old: ZoneInfo, new_name: str) -> TimezoneChange:
    """Count the live entries whose local time (and day) would differ in the timezone `new_name`.

    Stored instants do not change: only what "21:30" and "today" mean for them.
    """
    from diary.dbtime import instant_from_db
    from diary.vocab import KINDS

    new = ZoneInfo(new_name)
    total = moved = other_day = 0
    for kind in KINDS:
        if kind.time_column == "day":
            continue  # a day statement is about a local day, whatever the zone
        rows = store.rows(f"SELECT x.{kind.time_column} FROM {kind.table} x JOIN entry e ON e.id = x.id "
                          "WHERE e.deleted_at IS NULL")
        for (text,) in rows:
            at = instant_from_db(text)
            a, b = at.astimezone(old), at.astimezone(new)
            total += 1
            if a.replace(tzinfo=None) != b.replace(tzinfo=None):
                moved += 1
                other_day += a.date() != b.date()
    return TimezoneChange(total, moved, other_day)
