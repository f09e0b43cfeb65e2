"""The domain's errors. The CLI turns each into one line and exit status 1.

Bad *shapes* of typed input (a future time, intensity 11) are `ValueError`s raised by
`diary.parse` and become Click usage errors (exit status 2) at the CLI edge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence


class DiaryError(Exception):
    """Base of every error the program reports to the user as one line (exit status 1)."""

    exit_code = 1


class DiaryFileError(DiaryError):
    """Raised when the diary file itself cannot be used; the file is left as it was."""


class DatabaseLocked(DiaryFileError):
    """Raised when another program holds the diary's write lock past the busy timeout."""


class DatabaseReadOnly(DiaryFileError):
    """Raised when the diary file or its folder cannot be written."""


class NotADiary(DiaryFileError):
    """Raised when the file is not SQLite, is damaged, or is an SQLite file of another program."""


class DiaryTooNew(DiaryFileError):
    """Raised when the diary was written by a newer version of this program."""


class UpgradeFailed(DiaryFileError):
    """Raised when a schema upgrade failed; the original file has been restored from its backup."""


class ForeignObjects(DiaryFileError):
    """Raised when a diary holds tables, views, triggers or indexes the program did not make."""


class DiskFull(DiaryFileError):
    """Raised when the disk is full; the transaction was rolled back and nothing was written."""


class EntryNotFound(DiaryError):
    """Raised when an entry id names no entry (or a deleted one, for edit and delete)."""


class NothingToUndo(DiaryError):
    """Raised by undo when there is no change left to reverse."""


class InvalidEntry(DiaryError):
    """Raised when a domain rule refuses an otherwise well-formed request (exit status 2)."""

    exit_code = 2


class AliasNotFound(DiaryError):
    """Raised by `diary foods forget NAME` when no choice is remembered for that name."""


class FoodDataError(DiaryError):
    """Raised when the shipped food table is missing or was built for another version."""


class ChoiceNeeded(InvalidEntry):
    """Raised when typed words fit several things about equally (which food, which pint).

    `choices` are (value, label) pairs, best first; `slot` names what is chosen ("food",
    "units"). A front end with a person at a terminal asks which one and tries again with
    the answer; any other refuses, listing the choices (exit status 2, nothing written).
    """

    def __init__(self, message: str, choices: tuple[tuple[str, str], ...] = (), *, slot: str = "food") -> None:
        super().__init__(message)
        self.choices = choices
        self.slot = slot


class FoodLookupError(ChoiceNeeded):
    """Raised when typed words name no food clearly; `choices` are the closest foods (NDB number, description)."""


class UnknownFood(FoodLookupError):
    """Raised when no food matches all the typed words (a misspelling offers the close ones)."""


class AmbiguousFood(FoodLookupError):
    """Raised when several foods fit the typed words and none is what a kitchen means by them."""


class DeviceNotFound(DiaryError):
    """Raised by `diary serve --revoke NAME` when no paired browser has that name."""


class OutputRefused(DiaryError):
    """Raised when a file the user pointed at (--out) may not be written: it exists (and
    --force was not given), or it is the diary, one of its side files or its backups;
    nothing was written (exit status 2, as for other bad input)."""

    exit_code = 2


class OutputUnusable(DiaryFileError):
    """Raised when an output cannot be written there: --out is a folder, a device, a pipe or
    a link, its folder is missing, cannot be entered or written, or its disk is full; nothing
    was written and nothing is left behind."""


class ImportRejected(InvalidEntry):
    """Raised when an import file cannot be imported: `problems` holds one line per bad row
    ("line 7: ..."); nothing was written."""

    def __init__(self, summary: str, problems: Sequence[str] = ()) -> None:
        super().__init__(summary)
        self.problems = list(problems)


class PegThisWeek(InvalidEntry):
    """Raised when a PEG is logged within 7 days of another without `replace`: ask first."""

    def __init__(self, existing_id: int, existing_at: dt.datetime) -> None:
        self.existing_id = existing_id
        self.existing_at = existing_at
        super().__init__(f"a PEG (#{existing_id}) was already given in the 7 days before; it is weekly: "
                         "add --replace to replace it")
