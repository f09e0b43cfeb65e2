"""The one way the program writes a file the user points at: a report, an export, a backup.

Rules (DESIGN.md section 7, issue 10):

- Only a new path or an existing regular file, and an existing one only when the user said
  `--force`. A folder, a FIFO, a device, a socket or a symbolic link is refused in one line
  (a link: the program never writes through one).
- Never the diary, its -wal/-shm/-journal files or its backups, whatever path leads there
  (relative, `..`, a symlink, a hard link): resolved paths and (st_dev, st_ino) are compared.
- The file is written to a hidden temporary file in the same folder (mode 0600) and renamed
  into place only when whole, so a killed program never leaves a half file under the final
  name; SIGTERM, SIGINT and SIGHUP remove the temporary file on the way out, and the next
  output into that folder clears such files that an earlier, harder kill left behind.
- A full disk or an unwritable folder is one line naming the destination, nothing left behind.

Standard library only, no Click: the front ends turn the errors into their messages.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import signal
import stat
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from diary.errors import OutputRefused, OutputUnusable

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
PART_SUFFIX = ".part"
# Temporary files this program makes: ".NAME.PID.TOKEN.part" (and an SQLite backup's
# "-journal" beside one); older versions made ".NAME.XXXXXXXX.part" without the pid.
_OURS = re.compile(r"^\..+\.(?P<pid>\d+)\.[A-Za-z0-9_-]{8}\.part(?:-journal)?$")
_OLDER = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.part$")
# A temporary file untouched this long is left over, whoever made it (a live writer keeps
# touching its file; an export of the largest diary takes seconds).
STALE_AFTER_S = 3600
# ... and one whose process is gone, after this long (it may be on another machine sharing the folder).
DEAD_AFTER_S = 60

_pending: set[Path] = set()  # temporary files of this process, removed on SIGTERM/SIGINT/SIGHUP


def protected_files(diary: Path | None) -> list[Path]:
    """The diary's files no output may replace: itself, its side files, its dated backups."""
    if diary is None:
        return []
    base = Path(os.path.abspath(diary))
    found = [base, *(Path(f"{base}{s}") for s in SIDE_SUFFIXES), base.with_name(f".{base.name}.restoring")]
    with contextlib.suppress(OSError):
        found.extend(p for p in base.parent.iterdir() if _is_backup_name(base.name, p.name))
    real = Path(os.path.realpath(base))
    if real != base:  # the diary is reached through a link: its real files count too
        found.extend(protected_files(real))
    return found


def _is_backup_name(diary_name: str, name: str) -> bool:
    return name.startswith(diary_name + ".") and name.endswith(".bak")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _folder_of(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def check_target(target: Path | str, *, force: bool, diary: Path | None, what: str = "the file") -> None:
    """Refuse a target no output may go to (see the module's rules); return when it may be written.
    `what` names the output in messages ("the report"). Give the path as typed: a trailing /
    says it names a folder."""
    if str(target).endswith(os.sep) or str(target) in ("", ".", ".."):
        raise OutputUnusable(f"{target} is a folder: give a file name, like {Path(target) / 'file'}")
    target = Path(target)
    folder = _folder_of(target)
    try:
        folder_info = os.stat(folder)
    except PermissionError:
        raise OutputUnusable(f"cannot write {what} to {target}: Permission denied (cannot enter the folder "
                             f"{folder})") from None
    except OSError as exc:
        raise OutputUnusable(f"cannot write {what} to {target}: {exc.strerror or exc}") from None
    if not stat.S_ISDIR(folder_info.st_mode):
        raise OutputUnusable(f"cannot write {what} to {target}: {folder} is not a folder")
    if _is_protected(target, diary):
        raise OutputRefused(f"{target} is the diary {diary} or one of its own files (its -wal, -shm or -journal "
                            "file, a backup): choose another file")
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    except PermissionError:
        raise OutputUnusable(f"cannot write {what} to {target}: Permission denied (cannot enter the folder "
                             f"{folder})") from None
    except OSError as exc:
        raise OutputUnusable(f"cannot write {what} to {target}: {exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputUnusable(f"{target} is a symbolic link: name the file itself (diary never writes through a link)")
    if stat.S_ISDIR(info.st_mode):
        raise OutputUnusable(f"{target} is a folder: give a file name, like {target / 'file'}")
    if not stat.S_ISREG(info.st_mode):
        raise OutputUnusable(f"{target} is not a regular file (a device, a pipe or a socket): diary writes only a "
                             "new file or replaces a regular one")
    if _is_database(target):
        raise OutputRefused(f"{target} is an SQLite database (a diary, or a copy of one): diary never replaces one, "
                            "not even with --force; choose another file")
    if not force:
        raise OutputRefused(f"{target} exists already: choose a new file, or add --force to replace it")


def _is_database(path: Path) -> bool:
    """Whether a regular file starts as every SQLite database does: a diary kept under another
    name (a copy made with db backup --out, a moved diary) is as precious as the diary itself."""
    try:
        with open(path, "rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _is_protected(target: Path, diary: Path | None) -> bool:
    files = protected_files(diary)
    if diary is None or not files:
        return False
    # The path as typed (made absolute) and as the kernel will resolve it (links and .. followed).
    paths = {Path(os.path.abspath(target)), Path(os.path.realpath(target))}
    known = set(files) | {Path(os.path.realpath(p)) for p in files}
    if paths & known:
        return True
    for base in {Path(os.path.abspath(diary)), Path(os.path.realpath(diary))}:
        for path in paths:
            if path.parent != base.parent:
                continue
            if _is_backup_name(base.name, path.name):  # a dated backup, even one not made yet
                return True
            if _case_blind(base) and path.name.casefold() in {p.name.casefold() for p in known}:
                return True
    mine = _identity(target)
    return mine is not None and mine in {i for i in map(_identity, files) if i is not None}


def _case_blind(diary: Path) -> bool:
    """True when the file system holding the diary ignores case (macOS, Windows shares)."""
    swapped = diary.with_name(diary.name.swapcase())
    return swapped.name != diary.name and _identity(diary) is not None and _identity(swapped) == _identity(diary)


def clear_stale_parts(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files an earlier, killed output left in `folder`; return them.

    Only this user's regular files named as this program names them, and only when their
    process is gone (or they have lain untouched for an hour)."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        ours, older = _OURS.match(name), _OLDER.match(name)
        if not ours and not older:
            continue
        path = folder / name
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            continue
        age = now - info.st_mtime
        gone = bool(ours) and age > DEAD_AFTER_S and not _alive(int(ours.group("pid")) if ours else 0)
        if path in _pending or not (gone or age > STALE_AFTER_S):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def _temporary(target: Path, what: str) -> Path:
    """A new hidden file beside `target`, mode 0600, made here and now (never an existing one)."""
    folder = _folder_of(target)
    for _ in range(10):
        path = folder / f".{target.name}.{os.getpid()}.{secrets.token_urlsafe(6)[:8]}{PART_SUFFIX}"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _unusable(exc, target, what) from None
        os.close(fd)
        _pending.add(path)
        return path
    raise OutputUnusable(f"cannot write {what} to {target}: no free name for a temporary file beside it")


def _unusable(exc: BaseException, target: Path, what: str) -> OutputUnusable:
    """The one line for a failed write: the destination's disk is full, its folder is not writable, ..."""
    folder = _folder_of(target)
    if (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)) or disk_full(folder):
        return OutputUnusable(f"cannot write {what} to {target}: the disk holding it is full; nothing was written; "
                              "free some space and try again")
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputUnusable(f"cannot write {what} to {target}: {exc.strerror} (the folder {folder} cannot be "
                              "written)")
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
    return OutputUnusable(f"cannot write {what} to {target}: {reason}")


def disk_full(folder: Path) -> bool:
    """True when the file system holding `folder` has (almost) no room left for this user."""
    try:
        st = os.statvfs(folder)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 64 * 1024


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}-journal")):
        with contextlib.suppress(OSError):
            p.unlink()
    _pending.discard(path)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    """SIGTERM or SIGHUP while an output is being written: leave through the cleanup below."""
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def _signals_clean_up() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {s: signal.signal(s, _on_signal) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def output(target: Path | str, *, force: bool = False, diary: Path | None = None,
           what: str = "the file") -> Iterator[Path]:
    """Yield a temporary path beside `target` to write the whole output to; when the block
    ends without an error, put it in place as `target` (0600). On any error or signal the
    temporary file goes and `target` is as it was.

    `diary` is the diary's path (None for a server diary): its files are never a target.
    Raises OutputRefused or OutputUnusable (before anything is written, or after cleaning up).
    """
    check_target(target, force=force, diary=diary, what=what)
    target = Path(target)
    clear_stale_parts(_folder_of(target))
    with _signals_clean_up():
        tmp = _temporary(target, what)
        try:
            yield tmp
            _sync(tmp)
            os.chmod(tmp, 0o600)
            _put_in_place(tmp, target, force=force, diary=diary, what=what)
        except (OSError, zlib.error) as exc:  # zlib.error: matplotlib's PDF writer on a full disk
            _remove(tmp)
            raise _unusable(exc, target, what) from None
        except BaseException:
            _remove(tmp)
            raise
        finally:
            _pending.discard(tmp)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _put_in_place(tmp: Path, target: Path, *, force: bool, diary: Path | None, what: str) -> None:
    """Rename `tmp` to `target`: without --force only if nothing has appeared there meanwhile."""
    check_target(target, force=force, diary=diary, what=what)  # again: the target may have changed while writing
    if force:
        os.replace(tmp, target)
    else:
        try:
            os.link(tmp, target)  # fails if anything (even a dangling link) is there now
        except FileExistsError:
            raise OutputRefused(f"{target} exists already: choose a new file, or add --force to replace it") from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
            os.rename(tmp, target)  # a file system without hard links (FAT, some shares)
        else:
            os.unlink(tmp)
    with contextlib.suppress(OSError):  # the rename itself survives a power cut
        fd = os.open(_folder_of(target), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def pending() -> set[Path]:
    """The temporary files this process is writing now (removed if it is interrupted)."""
    return set(_pending)


def remove_pending() -> None:
    """Remove this process's temporary files (the CLI calls it on the way out after an interrupt)."""
    for path in list(_pending):
        _remove(path)
