"""diary today: the day's entries and fluid."""

from __future__ import annotations

import click

from diary import entries
from diary.cli import db_option, diary, diary_timezone, now_utc, parsed
from diary.cli.render import entry_line
from diary.parse import parse_day

TODAY_HELP = """Show a day's entries and what you drank and ate (default: today).

\b
Examples:
  diary today
  diary today --date yesterday
"""


@click.command(help=TODAY_HELP)
@click.option("--date", "day", default="today", metavar="DAY", help="Another day, e.g. yesterday, 2026-11-03.")
@db_option
def today(day: str) -> None:
    now = now_utc()
    tz = diary_timezone()
    the_day = parsed("--date", parse_day, day, now, tz)
    start, end = entries.day_bounds(the_day, tz)
    with diary(write=False) as store:
        found = entries.list_entries(store, tz, start=start, end=end)
    click.echo(f"{the_day:%A %d %B %Y} ({tz.key})")
    if not found:
        click.echo("Nothing logged yet.")
    for entry in found:
        click.echo(entry_line(entry, tz, now))
    spasms = [e for e in found if e.kind == "spasm"]
    fluid = sum(e.fields["water_ml"] or 0 for e in found if e.kind == "intake")
    click.echo(f"Spasms: {len(spasms)}" + (f", highest {max(e.fields['intensity'] for e in spasms)}/10" if spasms else ""))
    click.echo(f"Fluid: {fluid:,.0f} ml")
