"""diary export and diary import: the whole diary to one file and back (diary/exchange/)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from diary.cli import db_option, location, now_utc, opened_diary
from diary.errors import ImportRejected

EXPORT_HELP = """Write everything in the diary to one CSV or JSON file, losslessly.

Everything: the profile, your own foods, triggers, every entry (deleted ones too, with
when each was made, changed and deleted) and the undo journal. `diary import` reads the
file back into another diary, for example on a new computer or a clinic's server.
Without --out the export goes to the terminal (standard output).

\b
Examples:
  diary export --out diary-2026-11.json
  diary export --format csv --out diary.csv
  diary --db new.db import diary-2026-11.json

\b
The CSV file has one header and one row per thing, told apart by its first
column, kind: profile, own_food, trigger, spasm, intake, adjustment, quiet,
change. A row fills in the columns of its kind and leaves the others empty.
An empty cell means "no value"; a quoted empty cell ("") is empty text.
Times are UTC in ISO 8601 (2026-11-20T08:30:00.000000Z), days are
YYYY-MM-DD, yes/no values are true/false, and a spasm's triggers are one
cell with one trigger per line. A text cell that starts with = + - @ (or a
tab or carriage return) starts with an apostrophe, so a spreadsheet shows it
as text instead of running it; import takes the apostrophe away again. The
JSON file holds the same records as objects with the same names, one per line.

The file is readable by you only (mode 0600): it holds health data.
"""

IMPORT_HELP = """Add everything in FILE (made by diary export, CSV or JSON) to the diary.

All or nothing: the whole file is checked first, each bad row is reported
with its line number, and if any row is bad nothing is written. Entries
keep their ids; a file whose entries are already in the diary (the same id,
or the same kind, time and content) is refused, so importing twice adds
nothing twice. The rules the commands keep hold here too (no quiet mark on a
day with a spasm, a reaction within 72 h of a visit). A file over 512 MiB, far
more than any diary's export, is refused unread. Import into a new, empty
diary to move a diary:

\b
  diary --db new.db import diary-2026-11.json
"""


def _format_of(fmt: str | None, out: str | None) -> str:
    if fmt:
        return fmt
    if out is not None and Path(out).suffix.lower() == ".csv":
        return "csv"
    return "json"


@click.command(help=EXPORT_HELP)
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]),
              help="csv or json (default: from the --out name, else json).")
@click.option("--out", type=click.Path(), metavar="FILE",
              help="Write to FILE (mode 0600) instead of the terminal.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@db_option
def export(fmt: str | None, out: str | None, force: bool) -> None:
    from diary import exchange
    from diary.cli.outfile import check_out, output_to
    from diary.errors import DiaryFileError
    from diary.storage import locations

    now = now_utc()
    fmt = _format_of(fmt, out)
    if out is not None:
        check_out(out, force=force, what="the export")  # before the diary is read: a bad --out costs nothing
    where = location()
    if not locations.is_server_url(where):
        source = locations.sqlite_path(where)
        if not source.exists() or source.stat().st_size == 0:
            raise DiaryFileError(f"there is no diary at {source} yet: nothing to export")
    with opened_diary(write=False) as store:
        records = exchange.export_records(store)
    if out is None:
        # To a person at a terminal through the escaping stream; into a pipe or a file the exact
        # text (JSON escapes control characters itself; CSV keeps them, neutralised for spreadsheets).
        from diary.cli.terminal import StreamFailed, raw_stdout

        stream = sys.stdout if sys.stdout.isatty() else raw_stdout()
        if stream is None:
            raise DiaryFileError("cannot write the export to standard output: it is closed (give --out FILE)")
        try:
            exchange.write_export(records, fmt, stream, exported_at=now)
            stream.flush()
        except OSError as exc:  # a full disk, a reader that went away: said as for any output
            raise StreamFailed(exc.errno, exc.strerror) from None
        return
    with output_to(out, force=force, what="the export") as tmp, tmp.open("w", encoding="utf-8", newline="") as f:
        exchange.write_export(records, fmt, f, exported_at=now)
    entries = sum(1 for r in records if r.kind in exchange.ENTRY_KINDS)
    click.echo(f"Exported {entries} entr{'y' if entries == 1 else 'ies'} ({len(records)} rows) to {out} ({fmt}).")


@click.command("import", help=IMPORT_HELP)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
def import_(file: Path) -> None:
    from diary import exchange

    try:
        imported = exchange.read_import(file, now=now_utc())  # checked before the diary is even opened
        with opened_diary() as store:
            summary = exchange.import_records(store, imported)
    except ImportRejected as exc:
        for line in exc.problems:
            click.echo(line, err=True)
        raise
    click.echo(f"Imported {exchange.describe_summary(summary)} from {file}.")
