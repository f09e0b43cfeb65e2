"""Looking back and fixing: list, edit, delete, undo, restore."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from diary import entries
from diary.cli import db_option, diary, diary_timezone, now_utc, parsed
from diary.cli.render import entry_line
from diary.parse import (
    parse_day,
    parse_duration,
    parse_intensity,
    parse_note,
    parse_side,
    parse_site,
    parse_trigger,
    parse_when,
)
from diary.vocab import ENTRY_KINDS

LIST_HELP = """List entries with their ids (for edit and delete), oldest first.

\b
Examples:
  diary list                            (the last 7 days)
  diary list --since 2026-11-01 --kind spasm
  diary list --since monday --until today --deleted
"""


@click.command(help=LIST_HELP)
@click.option("--since", metavar="DAY", help="First day to show (default: 6 days ago).")
@click.option("--until", metavar="DAY", help="Last day to show (default: today).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(ENTRY_KINDS),
              help="Only this kind (repeat for more).")
@click.option("--deleted", is_flag=True, help="Show deleted entries too (marked [deleted]).")
@db_option
def list_entries(since: str | None, until: str | None, kinds: tuple[str, ...], deleted: bool) -> None:
    now = now_utc()
    tz = diary_timezone()
    today = now.astimezone(tz).date()
    first = parsed("--since", parse_day, since, now, tz) if since else today - dt.timedelta(days=6)
    last = parsed("--until", parse_day, until, now, tz) if until else today
    if last < first:
        raise click.BadParameter(f"--until {last} is before --since {first}", param_hint="--until")
    start, _ = entries.day_bounds(first, tz)
    _, end = entries.day_bounds(last, tz)
    with diary(write=False) as store:
        found = entries.list_entries(store, tz, start=start, end=end, kinds=kinds or None, include_deleted=deleted)
    if not found:
        click.echo(f"No entries from {first} to {last}.")
        return
    for entry in found:
        click.echo(entry_line(entry, tz, now))


EDIT_HELP = """Change an entry (find its ID with diary list). Only the options given change.

\b
Examples:
  diary edit 42 --intensity 5
  diary edit 42 --at "yesterday 21:30" --for 3m --site calf --side right
  diary edit 42 --trigger sleep --trigger cold      (replaces the triggers)
  diary edit 17 --by "Dr. Lee"                      (an adjustment)
  diary edit 42 --for unknown                       (forget a duration)
`diary undo` puts back the previous values. To change what or how much was eaten or drunk,
delete the entry and log it again.
"""


@click.command(help=EDIT_HELP)
@click.argument("entry_id", metavar="ID", type=int)
@click.option("--intensity", metavar="0-10")
@click.option("--at", "at", metavar="WHEN", help="A new time.")
@click.option("--for", "duration", metavar="DURATION")
@click.option("--site", metavar="SITE")
@click.option("--side", metavar="SIDE")
@click.option("--trigger", "triggers", multiple=True, metavar="WORD", help="Replaces the triggers.")
@click.option("--no-triggers", is_flag=True, help="Remove all triggers.")
@click.option("--relieved-by", metavar="TEXT")
@click.option("--note", metavar="TEXT")
@click.option("--by", "provider", metavar="NAME", help="An adjustment's provider.")
@click.option("--region", metavar="TEXT", help="An adjustment's region.")
@click.option("--score", metavar="1-7", help="An impression of change's answer.")
@click.option("--pain", metavar="0-10", help="A PEG's pain.")
@click.option("--enjoyment", metavar="0-10", help="A PEG's interference with enjoyment of life.")
@click.option("--activity", metavar="0-10", help="A PEG's interference with general activity.")
@click.option("--name", metavar="TEXT", help="A medication's name.")
@click.option("--dose", metavar="TEXT", help="A medication's dose.")
@click.option("--kind", "symptom", metavar="KIND", help="A reaction's kind (soreness, headache ...).")
@db_option
def edit(entry_id: int, intensity: str | None, at: str | None, duration: str | None, site: str | None,
         side: str | None, triggers: tuple[str, ...], no_triggers: bool, relieved_by: str | None,
         note: str | None, provider: str | None, region: str | None, score: str | None, pain: str | None,
         enjoyment: str | None, activity: str | None, name: str | None, dose: str | None,
         symptom: str | None) -> None:
    now = now_utc()
    tz = diary_timezone()
    changes: dict[str, Any] = {}
    if intensity is not None:
        changes["intensity"] = parsed("--intensity", parse_intensity, intensity)
    if duration is not None:
        unknown = duration.strip().lower() in ("", "unknown", "?", "none")
        changes["duration_s"] = None if unknown else parsed("--for", parse_duration, duration)
    if site is not None:
        changes["site"] = parsed("--site", parse_site, site)
    if side is not None:
        changes["side"] = parsed("--side", parse_side, side)
    if triggers or no_triggers:
        changes["triggers"] = [parsed("--trigger", parse_trigger, t) for t in triggers]
    for key, option, value in (("relieved_by", "--relieved-by", relieved_by), ("note", "--note", note),
                               ("provider", "--by", provider), ("region", "--region", region)):
        if value is not None:
            changes[key] = parsed(option, parse_note, value, option)
    changes.update(_measure_changes(score, pain, enjoyment, activity, name, dose, symptom))
    when = parsed("--at", parse_when, at, now, tz) if at is not None else None
    with diary(create=False) as store:
        kind = entries.get_entry(store, entry_id, tz, include_deleted=False).kind
        _check_options_fit(entry_id, kind, set(changes) | ({"at"} if when is not None else set()))
        if when is not None:
            changes[entries.KIND_TIME[kind]] = when
        entry = entries.edit_entry(store, now, entry_id, tz, changes)
        notices = entries.batch_notices(store, tz)
    click.echo(f"Changed {entry_line(entry, tz, now)}")
    for line in notices:
        click.echo(line)


def _measure_changes(score: str | None, pain: str | None, enjoyment: str | None, activity: str | None,
                     name: str | None, dose: str | None, symptom: str | None) -> dict[str, Any]:
    """The edit options of the measures (impression, PEG, medication, reaction), parsed."""
    from diary import measures

    changes: dict[str, Any] = {}
    if score is not None:
        changes["score"] = parsed("--score", measures.parse_pgic, score)
    for key, value in (("pain", pain), ("enjoyment", enjoyment), ("activity", activity)):
        if value is not None:
            changes[key] = parsed(f"--{key}", measures.parse_scale, value, key)
    if name is not None:
        changes["name"] = parsed("--name", lambda t: measures.parse_medication((t,))[0], name)
    if dose is not None:
        changes["dose"] = parsed("--dose", parse_note, dose, "--dose")
    if symptom is not None:
        changes["symptom"] = parsed("--kind", measures.parse_reaction_kind, symptom)
    return changes


# The option that changes each field, for messages in the user's own terms.
OPTION_OF = {
    "started_at": "--at", "taken_at": "--at", "at": "--at", "intensity": "--intensity", "duration_s": "--for",
    "site": "--site", "side": "--side", "triggers": "--trigger", "relieved_by": "--relieved-by", "note": "--note",
    "provider": "--by", "region": "--region", "score": "--score", "pain": "--pain", "enjoyment": "--enjoyment",
    "activity": "--activity", "name": "--name", "dose": "--dose", "symptom": "--kind",
    "duration_approximate": "--for",
}


def _check_options_fit(entry_id: int, kind: str, fields: set[str]) -> None:
    """Refuse options the entry's kind does not have, naming the ones it does."""
    editable = entries.EDITABLE[kind] | ({"at"} if kind not in entries.DAY_KINDS else set())
    bad = sorted({OPTION_OF[f] for f in fields - editable})
    if bad:
        allowed = sorted({OPTION_OF[f] for f in editable})
        article = "an" if kind[0] in "aeiou" else "a"
        raise click.UsageError(f"#{entry_id} is {article} {kind} entry, which has no {', '.join(bad)}; "
                               f"it can change {', '.join(allowed)}")


@click.command(help="Delete an entry by its ID (see diary list). `diary undo` brings it back.\n\n"
               "\b\nExample:\n  diary delete 42")
@click.argument("entry_id", metavar="ID", type=int)
@db_option
def delete(entry_id: int) -> None:
    now = now_utc()
    tz = diary_timezone()
    with diary(create=False) as store:
        entry = entries.delete_entry(store, now, entry_id, tz)
    click.echo(f"Deleted {entry_line(entry, tz, now)}")
    click.echo(f"(diary undo, or diary restore {entry_id}, brings it back)")


@click.command(help="Bring back a deleted entry by its ID (see diary list --deleted), however it was "
               "deleted.\n\n\b\nExamples:\n  diary list --deleted\n  diary restore 42")
@click.argument("entry_id", metavar="ID", type=int)
@db_option
def restore(entry_id: int) -> None:
    now = now_utc()
    tz = diary_timezone()
    with diary(create=False) as store:
        entry = entries.restore_entry(store, now, entry_id, tz)
        notices = entries.batch_notices(store, tz)
    click.echo(f"Restored {entry_line(entry, tz, now)}")
    for line in notices:
        click.echo(line)


@click.command(help="Reverse the last change: a new entry is removed, a deleted one comes back, "
               "an edit is put back. Run it again to go further back.\n\n\b\nExample:\n  diary undo")
@db_option
def undo() -> None:
    now = now_utc()
    tz = diary_timezone()
    with diary(create=False) as store:
        done = entries.undo(store, now, tz)
    what = {"add": "Removed the new entry", "delete": "Restored", "edit": "Put back",
            "restore": "Deleted again"}[done.action]
    click.echo(f"{what}: {entry_line(done.entry, tz, now)}")
    for line in done.notices:
        click.echo(line)
