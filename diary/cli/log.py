"""The quick logging commands: spasm, adjust, quiet (standard library and click only)."""

from __future__ import annotations

import click

from diary import entries, measures
from diary.cli import NumberArgsCommand, db_option, diary, diary_timezone, now_utc, parsed
from diary.cli.render import describe, when_text
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

SPASM_HELP = """Log a spasm with its INTENSITY from 0 (no pain) to 10 (worst imaginable).

\b
Examples:
  diary spasm 7
  diary spasm 6 --site lower-back --side left --for 5m --trigger lifting --at "yesterday 21:30"
  diary spasm 4 --site calf --for 90s --at "2h ago" --note "woke me up"
\b
Times (--at): now (default), 21:30, "yesterday 21:30", "mon 8:00", "2h ago", 2026-11-03 10:00.
Durations (--for): 90s, 5m, "2 min", 1h30m. Leave it out when you do not know it.
Sites: neck, upper-back, mid-back, lower-back, shoulder, arm, hand, hip, glute, thigh,
hamstring, calf, foot, abdomen, other.
"""


@click.command(cls=NumberArgsCommand, help=SPASM_HELP)
@click.argument("intensity")
@click.option("--at", "at", default="now", metavar="WHEN", help="When it started (default: now).")
@click.option("--for", "duration", metavar="DURATION", help="How long it lasted, e.g. 90s, 5m, 1h30m.")
@click.option("--site", metavar="SITE", help="Where in the body, e.g. lower-back, calf, neck.")
@click.option("--side", metavar="SIDE", help="left, right, both or centre.")
@click.option("--trigger", "triggers", multiple=True, metavar="WORD", help="What set it off (repeat for more).")
@click.option("--relieved-by", metavar="TEXT", help="What relieved it, e.g. stretching, heat.")
@click.option("--note", metavar="TEXT", help="Anything else worth remembering.")
@db_option
def spasm(intensity: str, at: str, duration: str | None, site: str | None, side: str | None,
          triggers: tuple[str, ...], relieved_by: str | None, note: str | None) -> None:
    now = now_utc()
    value = parsed("INTENSITY", parse_intensity, intensity)
    seconds = parsed("--for", parse_duration, duration) if duration is not None else None
    site_name = parsed("--site", parse_site, site) if site is not None else None
    side_name = parsed("--side", parse_side, side) if side is not None else None
    words = [parsed("--trigger", parse_trigger, t) for t in triggers]
    note = parsed("--note", parse_note, note) if note is not None else None
    relieved_by = parsed("--relieved-by", parse_note, relieved_by, "--relieved-by") if relieved_by is not None else None
    tz = diary_timezone()
    started = parsed("--at", parse_when, at, now, tz)
    with diary() as store:
        entry_id = entries.log_episode(
            store, now, started_at=started, intensity=value, duration_s=seconds, site=site_name,
            side=side_name, triggers=words, relieved_by=relieved_by, note=note, tz=tz,
        )
        entry = entries.get_entry(store, entry_id, tz)
        notices = entries.batch_notices(store, tz)
    click.echo(f"Logged spasm #{entry_id}: {describe(entry)}, {when_text(started, tz, now)}.")
    for line in notices:
        click.echo(line)


ADJUST_HELP = """Log a chiropractic adjustment (the report compares before and after each one).

\b
Examples:
  diary adjust
  diary adjust --by "Dr. Lee" --region lumbar --at "2026-11-03 10:00"
"""


@click.command(help=ADJUST_HELP)
@click.option("--at", "at", default="now", metavar="WHEN", help="When it was (default: now).")
@click.option("--by", "provider", metavar="NAME", help="Who adjusted you.")
@click.option("--region", metavar="TEXT", help="Region adjusted, e.g. lumbar, cervical, pelvis.")
@click.option("--note", metavar="TEXT", help="Anything else worth remembering.")
@db_option
def adjust(at: str, provider: str | None, region: str | None, note: str | None) -> None:
    now = now_utc()
    note = parsed("--note", parse_note, note) if note is not None else None
    provider = parsed("--by", parse_note, provider, "--by") if provider is not None else None
    region = parsed("--region", parse_note, region, "--region") if region is not None else None
    tz = diary_timezone()
    when = parsed("--at", parse_when, at, now, tz)
    with diary() as store:
        entry_id = entries.log_adjustment(store, now, at=when, provider=provider, region=region, note=note)
        entry = entries.get_entry(store, entry_id, tz)
        remind = measures.pgic_due(store, now, when)
    click.echo(f"Logged adjustment #{entry_id}: {describe(entry)}, {when_text(when, tz, now)}.")
    if remind:
        click.echo("How are things since care began? diary pgic 1-7 (1 very much improved, 4 no change, "
                   "7 very much worse; diary pgic --help)")


QUIET_HELP = """Say that DAY had no spasms (default: today).

Without this, a day with no entries counts as not observed, never as spasm-free.

\b
Examples:
  diary quiet
  diary quiet yesterday
  diary quiet 2026-11-20 --note "long walk, felt fine"
"""


@click.command(help=QUIET_HELP)
@click.argument("day", default="today")
@click.option("--note", metavar="TEXT", help="Anything worth remembering about the day.")
@db_option
def quiet(day: str, note: str | None) -> None:
    now = now_utc()
    note = parsed("--note", parse_note, note) if note is not None else None
    tz = diary_timezone()
    the_day = parsed("DAY", parse_day, day, now, tz)
    with diary() as store:
        entry_id, new = entries.mark_quiet(store, now, the_day, tz, note)
    label = f"{the_day:%a} {the_day.day} {the_day:%b %Y}"
    if new:
        click.echo(f"Marked {label} as a day without spasms (#{entry_id}).")
    else:
        click.echo(f"{label} was already marked as a day without spasms (#{entry_id}); nothing changed.")
