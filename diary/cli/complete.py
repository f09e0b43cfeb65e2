"""diary complete: "I logged everything I ate and drank that day" (standard library and click only)."""

from __future__ import annotations

import click

from diary.cli import db_option, diary_timezone, now_utc, opened_diary, parsed
from diary.parse import parse_day, parse_note

COMPLETE_HELP = """Say that everything you ate and drank on DAY is logged (default: today).

Only complete days count towards your intake targets (diary today) and the report's
fluid and electrolyte pages: a day with only a glass of water logged is not a day of
0 mg potassium. If you always log everything, set it once instead:
diary profile --always-complete. diary undo takes a mark back.

\b
Examples:
  diary complete
  diary complete yesterday
  diary complete mon tue wed
"""


@click.command(help=COMPLETE_HELP)
@click.argument("days", nargs=-1, metavar="[DAY]...")
@click.option("--note", metavar="TEXT", help="Anything worth remembering about the day.")
@db_option
def complete(days: tuple[str, ...], note: str | None) -> None:
    from diary.days import mark_complete

    now = now_utc()
    note = parsed("--note", parse_note, note) if note is not None else None
    tz = diary_timezone()
    wanted = list(dict.fromkeys(parsed("DAY", parse_day, d, now, tz) for d in days or ("today",)))
    with opened_diary() as store:
        marked = [(day, *mark_complete(store, now, day, tz, note)) for day in wanted]
    for day, entry_id, new in marked:
        label = f"{day:%a} {day.day} {day:%b %Y}"
        if new:
            click.echo(f"Marked {label} as complete: all you ate and drank is logged (#{entry_id}).")
        else:
            click.echo(f"{label} was already marked complete (#{entry_id}); nothing changed.")
