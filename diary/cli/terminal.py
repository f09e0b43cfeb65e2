"""Text from the diary never acts on the terminal: control characters are shown escaped.

A note, a provider, a trigger, a food or profile name can hold escape sequences (erase the
screen, set the window title, hide text with bidi overrides). `DiaryGroup.main` wraps
standard output and error in `EscapingStream` for every command, so every line the program
prints shows such characters as `\\x1b`, `\\x9b` or `\\u202e`: on a terminal and in a pipe
alike (a piped `diary list` read later with `less -R` or `cat` must not act either). The
data keep them: exports write files (or, piped, the exact bytes through `raw_stdout`).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

from diary.text import escape_controls


class StreamFailed(OSError):
    """Raised when standard output or error cannot be written (closed, full, a reader gone)."""


class EscapingStream(io.TextIOBase):
    """A text stream that escapes control characters on their way to the stream it wraps.

    It has the wrapped stream's encoding and tty-ness (so Click uses it as it is) but no
    `buffer`: nothing can write around it by accident. `raw` is the stream it wraps.
    """

    def __init__(self, raw: IO[str] | None) -> None:
        super().__init__()
        self.raw = raw
        self.failed: StreamFailed | None = None  # the first error writing to `raw`, if any

    def _stream(self) -> IO[str]:
        if self.raw is None:  # the program was started with this stream closed (diary list >&-)
            raise OSError(9, "Bad file descriptor")
        return self.raw

    @property
    def encoding(self) -> str:  # type: ignore[override]  # a read-only property over TextIO's attribute
        return str(getattr(self.raw, "encoding", None) or "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]  # the same, following the wrapped stream
        return getattr(self.raw, "errors", None)

    def writable(self) -> bool:
        return True

    def _failed(self, exc: OSError) -> StreamFailed:
        self.failed = self.failed or StreamFailed(exc.errno, exc.strerror)
        return self.failed

    def write(self, text: str) -> int:
        try:
            self._stream().write(escape_controls(text))
        except OSError as exc:
            raise self._failed(exc) from None
        return len(text)

    def flush(self) -> None:
        if self.raw is not None and not getattr(self.raw, "closed", False):
            try:
                self.raw.flush()
            except OSError as exc:
                raise self._failed(exc) from None

    def isatty(self) -> bool:
        return bool(self.raw is not None and self.raw.isatty())

    def fileno(self) -> int:
        return self._stream().fileno()

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # Click would write around the escaping through it
            raise AttributeError(name)
        return getattr(self._stream(), name)


@contextlib.contextmanager
def escaping_streams(saved: Callable[[], bool] = lambda: False) -> Iterator[None]:
    """Standard output and error escape control characters inside the block; a standard
    output that cannot be written (closed, on a full disk, its reader gone) ends the command
    with one line (or, for a reader that left, quietly) instead of a traceback. `saved` tells
    whether the command's changes were saved all the same, which that line then says."""
    old_out, old_err = sys.stdout, sys.stderr
    out, err = EscapingStream(old_out), EscapingStream(old_err)
    sys.stdout, sys.stderr = out, err
    try:
        try:
            yield
        except StreamFailed as exc:
            out.failed = out.failed or exc  # (an export writes around the wrapper) said below
        finally:
            # Click may have caught the error itself (an EPIPE becomes its own exit 1 and
            # leaves the unflushed text for Python's last flush, which then complains):
            # whatever happened, a failed stream decides how the command ends.
            with contextlib.suppress(StreamFailed):
                out.flush()
            if err.failed is not None:
                _silence(err)
            if out.failed is not None:
                _stream_failed(out.failed, saved())
    finally:
        sys.stdout, sys.stderr = old_out, old_err


def _stream_failed(exc: OSError, saved: bool) -> None:
    """End the command after standard output failed: EPIPE (`diary list | head -1`) quietly
    with 141 as the shell's SIGPIPE would, anything else in one line on stderr, exit 1."""
    _silence(sys.stdout)
    if exc.errno == errno.EPIPE:
        raise SystemExit(141)
    outcome = " (its changes were saved: see diary list)" if saved else ""
    with contextlib.suppress(OSError):
        sys.stderr.write(f"Error: cannot write to standard output: {exc.strerror or exc}; the command's output "
                         f"is incomplete{outcome}\n")
        sys.stderr.flush()
    raise SystemExit(1)


def _silence(stream: object) -> None:
    """Point a failed stream at /dev/null, so Python's last flush at exit has nothing to complain about."""
    raw = stream.raw if isinstance(stream, EscapingStream) else stream
    try:
        fd = raw.fileno()  # type: ignore[attr-defined]  # any stream object; one without fileno() is caught below
    except (AttributeError, OSError, ValueError):
        return
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)


def raw_stdout() -> IO[str] | None:
    """Standard output without the escaping: only for output whose every byte the program
    made or must keep exact (a piped export), never for diary text shown to a person."""
    out = sys.stdout
    return out.raw if isinstance(out, EscapingStream) else out
