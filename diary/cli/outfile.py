"""--out for every command that writes a file the user names (report, export, db backup).

The rules are diary.outputs'; here they meet the command line: a refused target is a usage
error naming the option (exit 2), a target that cannot be written one line (exit 1).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import click

from diary.cli import location
from diary.errors import OutputRefused


def diary_path() -> Path | None:
    """The diary's file for this command (None for a server diary): never an output."""
    from diary.storage import locations

    where = location()
    return None if locations.is_server_url(where) else locations.sqlite_path(where)


def check_out(target: Path | str, *, force: bool, what: str, option: str = "--out") -> None:
    """Refuse a bad --out before any work is done (output_to checks again when writing)."""
    from diary import outputs

    try:
        outputs.check_target(target, force=force, diary=diary_path(), what=what)
    except OutputRefused as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


@contextlib.contextmanager
def output_to(target: Path | str, *, force: bool, what: str, option: str = "--out") -> Iterator[Path]:
    """A temporary path to write the whole output to; it becomes `target` when the block ends
    (see diary.outputs.output). `what` names the output in messages ("the report")."""
    from diary import outputs

    try:
        with outputs.output(target, force=force, diary=diary_path(), what=what) as tmp:
            yield tmp
    except OutputRefused as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None
