"""diary report (the clinician's monthly PDF) and diary sample (a realistic sample diary).

Parse, call one function, print. The report's heavy libraries (matplotlib, scipy and
pandas) are imported inside the command, never when the logging commands load.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time

import click

from diary.cli import db_option, diary_timezone, location, now_utc, opened_diary, parsed
from diary.parse import parse_day, parse_month

REPORT_HELP = """Make the PDF for your clinician. Page 1 answers whether spasms came less
often or less hard than in the 28 days before care began (the baseline), with 95%
intervals and a 12-month trend; then what happens around each adjustment, fluid and
electrolytes on complete days against your targets, your PEG, impressions of change,
medication, night spasms and reactions, where and why, and every episode. Default: the
last full month.

\b
Examples:
  diary report
  diary report --month 2026-11 --out november.pdf
  diary report --month "last month" --out last-month.pdf
  diary report --from 2026-10-15 --to 2026-11-14 --window 10

Care began at the first adjustment in the diary, unless diary profile --care-began says
otherwise. The table of visits counts the 7 days before and after each one (cut at the
neighbouring visit); --window changes that. A report uses nothing dated after its period
and nothing after the moment it is made, so a finished month gives the same report
whenever it is made. SOURCE_DATE_EPOCH fixes only the creation date in the PDF's metadata.
"""


def pdf_creation_date(now: dt.datetime) -> dt.datetime:
    """The CreationDate in the PDF's metadata: SOURCE_DATE_EPOCH (reproducible files) or now.

    Only the metadata: the page's "Made" and the moment the data are cut at are both `now`,
    one clock (DIARY_NOW fixes it), so a report can never say it was made on one day and
    count the data of another."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise click.UsageError(f"SOURCE_DATE_EPOCH {epoch!r} is not a whole number of seconds since 1970") from None
    return now


@click.command(help=REPORT_HELP)
@click.option("--month", metavar="MONTH", help="The month to report: 2026-11, november, nov 2026, last month, this "
              "month (default: the last full month).")
@click.option("--from", "start", metavar="DAY", help="First day of a custom period (with --to).")
@click.option("--to", "end", metavar="DAY", help="Last day of a custom period (with --from).")
@click.option("--window", type=click.IntRange(1, 31), default=7, show_default=True, metavar="DAYS",
              help="Days before and after each visit in the table of visits.")
@click.option("--out", metavar="FILE", help="Where to write the PDF (default: diary-report-YYYY-MM.pdf here).")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@db_option
def report(month: str | None, start: str | None, end: str | None, window: int, out: str | None,
           force: bool) -> None:
    now = now_utc()
    if month is not None and (start or end):
        raise click.UsageError("give either --month or --from and --to, not both")
    if bool(start) != bool(end):
        raise click.UsageError("--from and --to go together: give both days of the period")
    where = location()
    _require_diary(where)
    tz = diary_timezone()
    today = now.astimezone(tz).date()

    from diary.reports.data import Period

    period = None
    if month is not None:
        year, mon = parsed("--month", parse_month, month, today)
        period = Period.month(year, mon)
        if not _begun(period.first, now, tz):
            raise click.BadParameter(f"month {month!r} has not started yet: nothing to report", param_hint="--month")
    elif start and end:
        first = parsed("--from", parse_day, start, now, tz)
        last = parsed("--to", parse_day, end, now, tz)
        if last < first:
            raise click.BadParameter(f"day {end!r} is before --from {start!r}", param_hint="--to")
        period = Period(first, last)
        if not _begun(period.first, now, tz):
            raise click.BadParameter(f"day {start!r} has not started yet: nothing to report", param_hint="--from")
    from diary.cli.outfile import check_out, output_to
    from diary.reports.build import default_out, make_report

    period = period or Period.last_full_month(today)
    target = out or default_out(period)
    # never the diary or its files, a link, a FIFO; an existing file only with --force
    check_out(target, force=force, what="the report")
    with opened_diary(write=False):
        pass  # refuses a diary of a newer version; brings an older one up to date (with a backup)
    with output_to(target, force=force, what="the report") as tmp:
        made = make_report(where, period=period, window_days=window, now=now, out=str(tmp),
                           creation=pdf_creation_date(now))
    coverage = f"{made.observed_days} of {made.days} days observed"
    click.echo(f"Wrote {target} ({made.pages} pages): {made.label}, {made.episodes} episode"
               f"{'s' if made.episodes != 1 else ''}, {coverage}, {made.adjustments} adjustment"
               f"{'s' if made.adjustments != 1 else ''}.")


def _begun(first: dt.date, now: dt.datetime, tz: dt.tzinfo) -> bool:
    """Whether any moment of a period starting on `first` has passed (at its first midnight, none has)."""
    return dt.datetime.combine(first, dt.time(0), tzinfo=tz) < now


def _require_diary(where: str) -> None:
    """A report reads a diary; it never makes an empty one."""
    from diary.storage import locations

    if locations.is_server_url(where):
        return
    path = locations.sqlite_path(where)
    if not path.exists() or path.stat().st_size == 0:
        raise click.ClickException(
            f"no diary at {path}: log something first, or make one with diary sample --db {path}")


SAMPLE_HELP = """Write a realistic sample diary (spasms, food and drink, adjustments, quiet
days, some unobserved days) into an empty diary, to try the report.

\b
Examples:
  diary sample --db sample.db
  diary sample --months 3 --seed 1 --db sample.db
  diary sample --months 6 --seed 7 --end 2026-10-31 --db sample.db
\b
The same --seed and --end give the same diary. It refuses a diary that already has
entries, so it never mixes with real ones.
"""


@click.command(help=SAMPLE_HELP)
@click.option("--months", type=click.IntRange(1, 24), default=3, show_default=True, help="How many months.")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the random diary.")
@click.option("--end", metavar="DAY", default="today", help="Last day of the sample (default: today).")
@click.option("--timezone", default="Europe/Berlin", show_default=True, metavar="ZONE",
              help="The sample patient's timezone.")
@db_option
def sample(months: int, seed: int, end: str, timezone: str) -> None:
    from diary import sample as samples
    from diary.profile import validate_timezone
    from diary.storage import locations, open_diary

    now = now_utc()
    zone = parsed("--timezone", validate_timezone, timezone)
    from zoneinfo import ZoneInfo

    last = parsed("--end", parse_day, end, now, ZoneInfo(zone))
    plan = samples.plan_sample(months=months, seed=seed, end=last, timezone=zone)
    began = time.monotonic()
    to_terminal = sys.stderr.isatty()  # progress is for a person watching; a log or a pipe gets the summary only

    def progress(done: int, total: int) -> None:
        if to_terminal and time.monotonic() - began > 0.5:
            click.echo(f"  {done:,} of {total:,} entries written ...", err=True)

    where = location()
    shown = _shown(where)
    # A new file is what a sample is for, and the line below names it: no "Made a new diary" first.
    quiet = not locations.is_server_url(where) and not locations.sqlite_path(where).exists()
    with open_diary(where, notice=None if quiet else lambda text: click.echo(text, err=True)) as store:
        if not samples.is_empty(store):
            raise click.ClickException(
                f"diary {shown} already has entries: a sample goes only into an empty diary "
                "(give a new file with --db, e.g. --db sample.db)")
        counts = samples.write_sample(store, plan, now, progress)
    click.echo(
        f"Wrote a sample diary to {shown}: {plan.first:%d %b %Y} to {plan.last:%d %b %Y}, "
        f"{counts['spasm']} spasms, {counts['intake']} intakes, {counts['adjustment']} adjustments, "
        f"{counts['quiet']} quiet days (seed {seed})."
    )
    click.echo(f"Make its report with: diary report --db {shown}")


def _shown(where: str) -> str:
    """The diary's location as printed: a server URL without its password."""
    from diary.storage import locations

    # shown_url: a password holding an @ defeats the URL parser's hiding
    return locations.shown_url(where) if locations.is_server_url(where) else where
