"""Where the diary lives. One function decides, so tests can point it at a temporary folder.

Order: an explicit --db, then DIARY_DB, then diary.db in DIARY_HOME, then in the user's
data folder (platformdirs).
"""

from __future__ import annotations

import os
from pathlib import Path

DB_FILENAME = "diary.db"


def data_dir() -> Path:
    """The folder for the default diary: $DIARY_HOME, else the platform's user data folder."""
    home = os.environ.get("DIARY_HOME")
    if home:
        return Path(home)
    import platformdirs

    return Path(platformdirs.user_data_dir("diary", appauthor=False))


def resolve_location(option: str | None) -> str:
    """The diary's path or database URL from --db, DIARY_DB or the default folder."""
    if option:
        return option
    env = os.environ.get("DIARY_DB")
    if env:
        return env
    return str(data_dir() / DB_FILENAME)


def is_server_url(location: str) -> bool:
    """True for a database URL other than SQLite (a clinic's PostgreSQL server)."""
    return "://" in location and not location.startswith("sqlite")


def sqlite_path(location: str) -> Path:
    """The file behind a plain path or an sqlite:/// URL."""
    if location.startswith("sqlite:///"):
        return Path(location.removeprefix("sqlite:///"))
    return Path(location).expanduser()
