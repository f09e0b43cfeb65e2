"""Browsers paired with `diary serve`: pair one, sign it in, list them, sign one out.

Standard library only. A paired browser holds a random secret in a cookie; the diary
keeps only its SHA-256 (`device.token_hash`), so a copy of the diary file signs nobody
in. Functions take a `Store` inside the caller's transaction and never commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from diary.dbtime import instant_from_db
from diary.errors import DeviceNotFound
from diary.storage import Store

MAX_NAME = 80
# last_seen_at is refreshed at most this often, so reading a page rarely writes.
SEEN_EVERY = dt.timedelta(minutes=10)
_COLUMNS = "id, name, created_at, last_seen_at, revoked_at"


@dataclass(frozen=True)
class Device:
    """One paired browser; `revoked_at` is set once it has been signed out."""

    id: int
    name: str
    created_at: dt.datetime
    last_seen_at: dt.datetime | None
    revoked_at: dt.datetime | None

    @property
    def signed_in(self) -> bool:
        return self.revoked_at is None


def _device(row: tuple[object, ...]) -> Device:
    def instant(value: object) -> dt.datetime | None:
        return None if value is None else instant_from_db(str(value))

    created = instant(row[2])
    assert created is not None
    return Device(int(str(row[0])), str(row[1]), created, instant(row[3]), instant(row[4]))


def new_secret() -> str:
    """A fresh cookie secret: 256 random bits, URL-safe text."""
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    """What the diary stores for a secret: its SHA-256, in hex."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def parse_device_name(text: str) -> str:
    """A device's name: 1 to 80 printable characters on one line ("Anna's phone")."""
    name = " ".join(text.split())
    if not name or len(name) > MAX_NAME or not name.isprintable():
        raise ValueError(f"device name {text!r} must be 1 to {MAX_NAME} characters on one line, like \"my phone\"")
    return name


def _free_name(store: Store, name: str) -> str:
    """`name`, or `name (2)`, `name (3)` ... when a device (even a signed-out one) has it."""
    taken = {str(r[0]).casefold() for r in store.rows("SELECT name FROM device")}
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = name[: MAX_NAME - len(suffix)] + suffix
    return candidate


def pair_device(store: Store, now: dt.datetime, name: str, secret: str) -> Device:
    """Remember a newly paired browser by the hash of its secret; its name is made unique."""
    name = _free_name(store, parse_device_name(name))
    device_id = store.insert("device", {"name": name, "token_hash": secret_hash(secret), "created_at": now,
                                        "last_seen_at": now})
    return Device(device_id, name, now, now, None)


def device_for_secret(store: Store, secret: str) -> Device | None:
    """The signed-in device holding `secret`, or None (unknown, or signed out)."""
    rows = store.rows(f"SELECT {_COLUMNS} FROM device WHERE token_hash = :hash AND revoked_at IS NULL",
                      {"hash": secret_hash(secret)})
    return _device(rows[0]) if rows else None


def needs_seen(device: Device, now: dt.datetime) -> bool:
    """Whether `last_seen_at` is stale enough to be written again."""
    return device.last_seen_at is None or now - device.last_seen_at >= SEEN_EVERY


def mark_seen(store: Store, now: dt.datetime, device_id: int) -> None:
    """Record that the device was just used."""
    store.update("device", device_id, {"last_seen_at": now})


def list_devices(store: Store) -> list[Device]:
    """Every paired browser, signed-out ones too, oldest first."""
    return [_device(r) for r in store.rows(f"SELECT {_COLUMNS} FROM device ORDER BY created_at, id")]


def revoke_device(store: Store, now: dt.datetime, name: str) -> tuple[Device, bool]:
    """Sign out the device called `name` (ignoring case); return it and whether it was
    signed in until now. Raises DeviceNotFound naming the devices there are."""
    wanted = " ".join(name.split()).casefold()
    devices = list_devices(store)
    found = [d for d in devices if d.name.casefold() == wanted]
    if not found:
        known = ", ".join(repr(d.name) for d in devices if d.signed_in)
        hint = f"paired now: {known}" if known else "no browser is paired"
        raise DeviceNotFound(f"no paired browser is called {name!r} ({hint}; see diary serve --devices)")
    device = found[0]
    if not device.signed_in:
        return device, False
    store.update("device", device.id, {"revoked_at": now})
    return Device(device.id, device.name, device.created_at, device.last_seen_at, now), True
