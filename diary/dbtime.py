"""How instants and days are written in the database, shared by the models and the
standard-library write path.

Instants are stored as UTC text 'YYYY-MM-DD HH:MM:SS.ffffff' in every dialect, so the
ORM, the standard-library path and raw SQL all write, compare and index them the same way
(text in this fixed form sorts in time order). Local days are stored as 'YYYY-MM-DD'.
"""

from __future__ import annotations

import datetime as dt

UTC = dt.UTC
INSTANT_LENGTH = 26


def instant_to_db(value: dt.datetime) -> str:
    """Text for an aware instant; a naive datetime is a bug and is refused."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: instants must be timezone-aware")
    utc = value.astimezone(UTC)
    # Zero-padded by hand: strftime's %Y gives '1' for year 1 on some platforms.
    return f"{utc.year:04d}-{utc:%m-%d %H:%M:%S}.{utc.microsecond:06d}"


def instant_from_db(text: str) -> dt.datetime:
    """The aware UTC instant stored as `text`."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def day_to_db(value: dt.date) -> str:
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def day_from_db(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def to_db(value: object) -> object:
    """A Python value as the standard-library path binds it."""
    if isinstance(value, dt.datetime):
        return instant_to_db(value)
    if isinstance(value, dt.date):
        return day_to_db(value)
    return value
