"""Looking back and fixing: list, edit, delete, undo, restore."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from diary import editing, entries, recent
from diary.cli import db_option, diary_timezone, now_utc, opened_diary, parsed
from diary.cli.typed import WordsCommand, quote_fix, read_at
from diary.describe import entry_line
from diary.errors import EntryNotFound
from diary.parse import (
    parse_day,
    parse_intensity,
    parse_note,
    parse_regions,
    parse_side,
    parse_site,
    parse_triggers,
    read_duration,
)
from diary.parse.kinds import is_part, parse_kind
from diary.vocab import DAY_KINDS

LIST_HELP = """List entries with their ids (for edit and delete), oldest first.

\b
Examples:
  diary list                            (the last 7 days)
  diary list --since 2026-11-01 --kind spasm
  diary list --since "last monday" --kind food --kind drink
  diary list --since "a week ago" --until yesterday --deleted
\b
Kinds: the kind's name or the words the commands use (spasm, cramp, food, drink,
supplement, adjustment, visit, quiet ...); food, drink and supplement are parts of intake.
"""


def _listable() -> list[str]:
    """The kinds `list` can show (those the entries module reads)."""
    return list(entries.KIND_TABLE)


@click.command(help=LIST_HELP)
@click.option("--since", metavar="DAY", help="First day to show (default: 6 days ago).")
@click.option("--until", metavar="DAY", help="Last day to show (default: today).")
@click.option("-k", "--kind", "kinds", multiple=True, metavar="KIND", help="Only this kind (repeat for more).")
@click.option("--deleted", is_flag=True, help="Show deleted entries too (marked [deleted]).")
@db_option
def list_entries(since: str | None, until: str | None, kinds: tuple[str, ...], deleted: bool) -> None:
    now = now_utc()
    choices = [parsed("--kind", parse_kind, k, _listable()) for k in kinds]
    tz = diary_timezone()
    today = now.astimezone(tz).date()
    first = parsed("--since", parse_day, since, now, tz) if since else today - dt.timedelta(days=6)
    last = parsed("--until", parse_day, until, now, tz) if until else today
    if last < first:
        raise click.BadParameter(f"--until {last} is before --since {first}", param_hint="--until")
    start, _ = entries.day_bounds(first, tz)
    _, end = entries.day_bounds(last, tz)
    wanted = list(dict.fromkeys(c.kind for c in choices)) or None
    with opened_diary(write=False) as store:
        found = entries.list_entries(store, tz, start=start, end=end, kinds=wanted, include_deleted=deleted)
    if choices:
        found = [e for e in found if any(is_part(c, e.kind, e.fields) for c in choices)]
    if not found:
        click.echo(f"No entries from {first} to {last}.")
        return
    for entry in found:
        click.echo(entry_line(entry, tz, now))


EDIT_HELP = """Change an entry (ID from diary list, or last for the one logged last).
Only the options given change.

\b
Examples:
  diary edit 42 --intensity 5
  diary edit last --intensity 5
  diary edit 42 --at "yesterday 21:30" --for "about 3 min" --site calf --side right
  diary edit 42 --add-trigger cold                  (keeps the other triggers)
  diary edit 42 --trigger sleep --trigger cold      (replaces the triggers)
  diary edit 17 --by "Dr. Lee" --region lumbar --region pelvis   (an adjustment)
  diary edit 42 --for unknown                       (forget a duration)
  diary edit 23 --amount "2 cups"                   (an intake: its nutrients follow)
`diary undo` puts back the previous values. To change what was eaten or drunk, delete
the entry and log it again.
"""

LAST = "last"


def _entry_id(text: str) -> int | None:
    """An entry id as typed, or None for `last`."""
    if text.strip().lower() == LAST:
        return None
    try:
        return int(text.strip().lstrip("#"))
    except ValueError:
        raise click.BadParameter(f"{text!r} is not an entry id: use a number from diary list, or last",
                                 param_hint="ID") from None


def _resolve(store: Any, entry_id: int | None) -> int:
    """The id typed, or the id of the entry logged last."""
    if entry_id is not None:
        return entry_id
    found = recent.last_entry(store)
    if found is None:
        raise EntryNotFound("no entry yet: nothing is the last one")
    return found[0]


@click.command(cls=WordsCommand, help=EDIT_HELP, context_settings={"allow_extra_args": True})
@click.argument("entry_id", metavar="ID")
@click.option("-i", "--intensity", metavar="0-10")
@click.option("-a", "--at", "at", metavar="WHEN", help="A new time.")
@click.option("-f", "--for", "duration", metavar="DURATION")
@click.option("-s", "--site", metavar="SITE")
@click.option("--side", metavar="SIDE")
@click.option("-t", "--trigger", "triggers", multiple=True, metavar="WORD", help="Replaces the triggers.")
@click.option("--add-trigger", "add_triggers", multiple=True, metavar="WORD",
              help="Adds a trigger, keeping the others.")
@click.option("--no-triggers", is_flag=True, help="Remove all triggers.")
@click.option("--relieved-by", metavar="TEXT")
@click.option("-n", "--note", metavar="TEXT")
@click.option("--by", "provider", metavar="NAME", help="An adjustment's provider.")
@click.option("--region", "regions", multiple=True, metavar="TEXT", help="An adjustment's regions (repeat for more).")
@click.option("--score", metavar="1-7", help="An impression of change's answer.")
@click.option("--pain", metavar="0-10", help="A PEG's pain.")
@click.option("--enjoyment", metavar="0-10", help="A PEG's interference with enjoyment of life.")
@click.option("--activity", metavar="0-10", help="A PEG's interference with general activity.")
@click.option("--name", metavar="TEXT", help="A medication's name.")
@click.option("--dose", metavar="TEXT", help="A medication's dose.")
@click.option("--kind", "symptom", metavar="KIND", help="A reaction's kind (soreness, headache ...).")
@click.option("--amount", metavar="AMOUNT", help="How much of an intake, e.g. '2 cups' (its nutrients are recomputed).")
@db_option
def edit(entry_id: str, intensity: str | None, at: str | None, duration: str | None, site: str | None,
         side: str | None, triggers: tuple[str, ...], add_triggers: tuple[str, ...], no_triggers: bool,
         relieved_by: str | None, note: str | None, provider: str | None, regions: tuple[str, ...],
         score: str | None, pain: str | None, enjoyment: str | None, activity: str | None, name: str | None,
         dose: str | None, symptom: str | None, amount: str | None) -> None:
    ctx = click.get_current_context()
    now = now_utc()
    for word in ctx.args:  # loose words: a note or name typed without quotes
        raise quote_fix(ctx, word) or click.UsageError(f"{word!r} is not understood: give options only", ctx=ctx)
    wanted = _entry_id(entry_id)
    tz = diary_timezone()
    changes: dict[str, Any] = {}
    if intensity is not None:
        changes["intensity"] = parsed("--intensity", parse_intensity, intensity)
    if duration is not None:
        unknown = duration.strip().lower() in ("", "unknown", "?", "none")
        span = None if unknown else parsed("--for", read_duration, duration)
        changes["duration_s"] = span.seconds if span else None
        changes["duration_approximate"] = bool(span and span.approximate)
    if site is not None:
        changes["site"] = parsed("--site", parse_site, site)
    if side is not None:
        changes["side"] = parsed("--side", parse_side, side)
    if sum(map(bool, (triggers, add_triggers, no_triggers))) > 1:
        raise click.UsageError("use one of --trigger (replaces), --add-trigger (adds) or --no-triggers", ctx=ctx)
    if triggers or no_triggers:
        changes["triggers"] = [w for t in triggers for w in parsed("--trigger", parse_triggers, t)]
    added = [w for t in add_triggers for w in parsed("--add-trigger", parse_triggers, t)]
    for key, option, value in (("relieved_by", "--relieved-by", relieved_by), ("note", "--note", note),
                               ("provider", "--by", provider)):
        if value is not None:
            changes[key] = parsed(option, parse_note, value, option)
    if regions:
        changes["region"] = parsed("--region", parse_regions, regions)
    changes.update(_measure_changes(score, pain, enjoyment, activity, name, dose, symptom))
    when = read_at("--at", at, now, tz) if at is not None else None
    fields = set(changes) | ({"at"} if when is not None else set()) | ({"triggers"} if added else set())
    with opened_diary(create=False) as store:
        the_id = _resolve(store, wanted)
        found = entries.get_entry(store, the_id, tz, include_deleted=False)
        _check_options_fit(store, the_id, found.kind, fields, wanted is None)
        if amount is not None and found.kind != "intake":
            raise click.UsageError(f"#{the_id} is a {found.kind} entry, which has no --amount")
        try:
            entry, notices = editing.edit(store, now, the_id, tz, changes, at=when.instant if when else None,
                                          add_triggers=added, amount=amount)
        except _amount_refused() as exc:  # the food cannot take the amount typed: a usage error naming it
            raise click.BadParameter(str(exc), param_hint="--amount") from None
    click.echo(f"Changed {entry_line(entry, tz, now)}" + (f"  ({when.guess})" if when and when.guess else ""))
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
    "duration_approximate": "--for", "site": "--site", "side": "--side", "triggers": "--trigger",
    "relieved_by": "--relieved-by", "note": "--note", "provider": "--by", "region": "--region", "score": "--score",
    "pain": "--pain", "enjoyment": "--enjoyment", "activity": "--activity", "name": "--name", "dose": "--dose",
    "symptom": "--kind",
}


def _amount_refused() -> tuple[type[Exception], ...]:
    """What diary.intake raises for an amount a food cannot take (loaded only when raised)."""
    from diary.errors import ChoiceNeeded
    from diary.intake import InputError

    return InputError, ChoiceNeeded


def _check_options_fit(store: Any, entry_id: int, kind: str, fields: set[str], was_last: bool) -> None:
    """Refuse options the entry's kind does not have, naming the ones it does (and, for
    `last`, the last entry that has them)."""
    editable = entries.EDITABLE[kind] | ({"at"} if kind not in DAY_KINDS else set())
    bad = sorted({OPTION_OF[f] for f in fields - editable})
    if bad:
        allowed = sorted({OPTION_OF[f] for f in editable})
        article = "an" if kind[0] in "aeiou" else "a"
        hint = ""
        if was_last:
            fitting = [k for k, can in entries.EDITABLE.items()
                       if fields <= can | ({"at"} if k not in DAY_KINDS else set())]
            other = recent.last_entry(store, fitting) if fitting else None
            if other is not None:
                hint = f" (the last {other[1]} is #{other[0]}: diary edit {other[0]} ...)"
        raise click.UsageError(f"#{entry_id} is {article} {kind} entry, which has no {', '.join(bad)}; "
                               f"it can change {', '.join(allowed)}{hint}")


@click.command(help="Delete an entry by its ID (see diary list), or last for the one logged last. "
               "`diary undo` brings it back.\n\n\b\nExamples:\n  diary delete 42\n  diary delete last")
@click.argument("entry_id", metavar="ID")
@db_option
def delete(entry_id: str) -> None:
    now = now_utc()
    wanted = _entry_id(entry_id)
    tz = diary_timezone()
    with opened_diary(create=False) as store:
        the_id = _resolve(store, wanted)
        entry = entries.delete_entry(store, now, the_id, tz)
    click.echo(f"Deleted {entry_line(entry, tz, now)}")
    click.echo(f"(diary undo, or diary restore {the_id}, brings it back)")


@click.command(help="Bring back a deleted entry by its ID (see diary list --deleted), however it was "
               "deleted.\n\n\b\nExamples:\n  diary list --deleted\n  diary restore 42")
@click.argument("entry_id", metavar="ID", type=int)
@db_option
def restore(entry_id: int) -> None:
    now = now_utc()
    tz = diary_timezone()
    with opened_diary(create=False) as store:
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
    with opened_diary(create=False) as store:
        done = entries.undo(store, now, tz)
    what = {"add": "Removed the new entry", "delete": "Restored", "edit": "Put back",
            "restore": "Deleted again"}[done.action]
    click.echo(f"{what}: {entry_line(done.entry, tz, now)}")
    for line in done.notices:
        click.echo(line)
