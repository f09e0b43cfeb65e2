"""diary drink: water by volume."""

from __future__ import annotations

import re

import click

from diary import entries
from diary.cli import db_option, diary, diary_timezone, now_utc, parsed
from diary.cli.render import describe, when_text
from diary.parse import parse_when

_VOLUME = re.compile(r"^(\d+(?:\.\d+)?)\s*(ml|l|cl|dl)$")
_ML = {"ml": 1.0, "cl": 10.0, "dl": 100.0, "l": 1000.0}


def parse_volume(text: str) -> tuple[float, str]:
    """Millilitres in "500ml", "0.5 l", "33cl"; and the amount as the user said it."""
    m = _VOLUME.match(" ".join(text.lower().split()))
    allowed = "use a volume like 500ml, 0.5l or 33cl"
    if text.strip().startswith("-"):
        raise ValueError(f"amount {text!r} is negative: {allowed}")
    if not m:
        raise ValueError(f"amount {text!r} not understood: {allowed}")
    ml = float(m.group(1)) * _ML[m.group(2)]
    if ml <= 0 or ml > 5000:
        raise ValueError(f"amount {text!r} is not between 1 ml and 5 l: log larger amounts as several drinks")
    return ml, f"{m.group(1)} {m.group(2)}"


DRINK_HELP = """Log a drink of water by its AMOUNT.

\b
Examples:
  diary drink 500ml
  diary drink 0.33l --at 14:00
"""


@click.command(help=DRINK_HELP)
@click.argument("amount")
@click.option("--at", "at", default="now", metavar="WHEN", help="When (default: now).")
@click.option("--note", metavar="TEXT", help="Anything worth remembering.")
@db_option
def drink(amount: str, at: str, note: str | None) -> None:
    now = now_utc()
    ml, said = parsed("AMOUNT", parse_volume, amount)
    tz = diary_timezone()
    when = parsed("--at", parse_when, at, now, tz)
    with diary() as store:
        entry_id = entries.log_intake(store, now, entries.water_intake(when, ml, said, note))
        entry = entries.get_entry(store, entry_id, tz)
    click.echo(f"Logged drink #{entry_id}: {describe(entry)}, {when_text(when, tz, now)}.")
