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


def shown_url(url: str) -> str:
    """A database URL as messages show it: without its password, even one holding an @ (or
    a / ? : #) that no URL parser reads right; everything between :// and the last @ but the
    user name is hidden."""
    scheme, sep, rest = url.partition("://")
    userinfo, at, host = rest.rpartition("@")
    if not sep or not at:
        return url
    user, colon, _ = userinfo.partition(":")
    return f"{scheme}://{user.split('@')[0]}{':***' if colon or '@' in user else ''}@{host}"


def check_server_url(url: str) -> None:
    """Refuse, before anything is sent, a server URL that would be read wrongly: an @ in the
    user name or password (the parser would take the rest of the password for the host and
    show it in its error) or a port that is not a number."""
    from diary.errors import DiaryFileError

    rest = url.partition("://")[2]
    userinfo, at, after = rest.partition("@")
    host_and_port = after if at else userinfo
    host_end = len(host_and_port)
    for c in "/?":
        if c in host_and_port:
            host_end = min(host_end, host_and_port.index(c))
    netloc = host_and_port[:host_end]
    if at and "@" in netloc.split(":")[0]:
        raise DiaryFileError(f"the user name or password of database {shown_url(url)} holds an @: write it as %40 "
                             "(nothing was sent to the server)")
    port = netloc.rpartition("]")[2].partition(":")[2] if netloc.startswith("[") else netloc.partition(":")[2]
    if ":" in netloc.rpartition("]")[2] and not (port.isdigit() and len(port) <= 5 and 1 <= int(port) <= 65535):
        raise DiaryFileError(f"the port of database {shown_url(url)} is not a number from 1 to 65535 "
                             "(nothing was sent to the server)")


def sqlite_path(location: str) -> Path:
    """The file behind a plain path or an sqlite:/// URL.

    Refuses (one line) a path that is there but is no file a diary can be (a FIFO, a device,
    a socket: they must never be "created" over, or deleted as half made), or that lies in a
    folder this user cannot enter (left root-owned by an earlier `sudo diary`)."""
    if location.startswith("sqlite:///"):
        path = Path(location.removeprefix("sqlite:///"))
    else:
        path = Path(location).expanduser()
    _check_usable(path)
    return path


def _check_usable(path: Path) -> None:
    import stat

    from diary.errors import DatabaseReadOnly, NotADiary

    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except NotADirectoryError:
        blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), path.parent)
        raise NotADiary(f"cannot use diary {path}: {blocking} is a file, not a folder; nothing was changed") from None
    except PermissionError:
        raise DatabaseReadOnly(f"cannot reach diary {path}: this user may not enter its folder {path.parent} "
                               "(check the folder's owner and permissions); nothing was changed") from None
    except OSError as exc:
        raise DatabaseReadOnly(f"cannot reach diary {path}: {exc.strerror or exc}; nothing was changed") from None
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        raise NotADiary(f"{path} is not a regular file (a FIFO, a device or a socket): not a diary")
