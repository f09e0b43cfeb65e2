"""diary db: where the diary is, a backup, an explicit upgrade."""

from __future__ import annotations

from pathlib import Path

import click

from diary.cli import db_option, location
from diary.errors import DiaryFileError, OutputRefused


@click.group(help="The diary file itself: where it is, a backup, a schema upgrade.\n\n"
             "\b\nExamples:\n  diary db path\n  diary db backup\n  diary db upgrade")
def db() -> None:
    pass


@db.command(help="Print where the diary is (it is made on first use).")
@db_option
def path() -> None:
    from diary.storage import locations

    where = location()
    if locations.is_server_url(where):
        where = locations.shown_url(where)  # never print a password
    click.echo(where)


@db.command(help="Copy the diary to a dated backup beside it (readable by you only), or to --out.")
@click.option("--out", type=click.Path(), help="Where to write the copy (a new file).")
@db_option
def backup(out: str | None) -> None:
    from diary.storage import locations

    where = location()
    if locations.is_server_url(where):
        raise DiaryFileError("a server database is backed up with the server's tools (pg_dump), not by diary")
    source = locations.sqlite_path(where)
    if not source.exists():
        raise DiaryFileError(f"there is no diary at {source} yet: nothing to back up")
    from diary.cli.outfile import check_out

    if out is not None:
        # never the diary's own files, a link or a FIFO; never an existing file
        check_out(out, force=False, what="the backup")
    from diary.storage import sqlite_file
    from diary.storage.migrate import backup_file

    # Any sound SQLite diary can be copied, even one from a newer version (a backup is
    # exactly what one wants before switching versions); a file that is not SQLite or is
    # damaged is refused rather than copied into a backup that looks whole.
    sqlite_file.check_sound(source)
    try:
        dest = backup_file(source, None if out is None else Path(out))
    except OutputRefused as exc:
        raise click.BadParameter(str(exc), param_hint="--out") from None
    click.echo(f"Backed up {source} to {dest}")


@db.command(help="Bring the diary to this version's schema (commands also do this by themselves, "
            "after a dated backup).")
@db_option
def upgrade() -> None:
    from diary import schema
    from diary.storage import locations

    where = location()
    if locations.is_server_url(where):
        from diary.storage import open_diary

        with open_diary(where, write=False):
            pass
        click.echo(f"Database is at schema {schema.HEAD}.")
        return
    from diary.storage.migrate import create_sqlite, upgrade_sqlite

    source = locations.sqlite_path(where)
    if not source.exists() or source.stat().st_size == 0:
        create_sqlite(source)
        click.echo(f"Made a new diary at {source} (schema {schema.HEAD}).")
        return
    made = upgrade_sqlite(source)
    if made is None:
        click.echo(f"Diary {source} is already at schema {schema.HEAD}; nothing to do.")
    else:
        click.echo(f"Upgraded diary {source} to schema {schema.HEAD}; the previous file is kept at {made}.")


CHECK_HELP = """Look the diary over without changing it, and list what is wrong.

It checks SQLite's integrity, the schema version, objects this program did not make
(a trigger, view, table or index someone planted, which every other command refuses),
tables rebuilt other than this program makes them, and rows pointing at rows that do
not exist. Exit status 0 when the diary is sound, 1 when something is listed.

\b
Example:
  diary db check
"""


@db.command(help=CHECK_HELP)
@db_option
def check() -> None:
    from diary.storage import checkup, locations

    where = location()
    if locations.is_server_url(where):
        found = checkup.check_server(where)
    else:
        path = locations.sqlite_path(where)
        if not path.exists():
            raise DiaryFileError(f"there is no diary at {path} yet: nothing to check")
        if path.is_dir():
            raise DiaryFileError(f"{path} is a folder, not a diary file")
        found = checkup.check_sqlite(path)
    version = f"schema {found.version}" if found.version else "no schema yet"
    click.echo(f"Diary {found.where}: {version}, {found.entries} entr{'y' if found.entries == 1 else 'ies'}.")
    for note in found.notes:
        click.echo(f"Note: {note}.")
    if not found.problems:
        click.echo("No problems found.")
        return
    for problem in found.problems:
        click.echo(f"Problem: {problem}.")
    raise click.exceptions.Exit(1)
