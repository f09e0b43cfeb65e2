"""diary drink: water by volume, or any drink from your own foods or the food table.

Plain water (`diary drink 500ml`) is handled here with the standard library and click
only; a named drink loads the food lookup (diary.cli.food) when it is needed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from diary import entries
from diary.amounts import NUMBER_START, UNITS_HELP, WATER_WORDS, check_size, is_ndb, parse_amount
from diary.cli import NumberArgsCommand, db_option, diary, diary_timezone, now_utc, parsed
from diary.cli.render import describe, when_text
from diary.parse import parse_when

DRINK_HELP = f"""Log a drink: an AMOUNT of water, or WHAT you drank and how much.

A drink is looked up in your own foods (diary foods add), then in the USDA table, where
drinks rank first. Volumes become grams by the drink's density from the table (milk:
1.03 g/ml); where the table has none, 1 g/ml is assumed and the reply says so. Without
an amount it is one natural serving (a cup or a can), as the reply says.

\b
Examples:
  diary drink 500ml                         (water)
  diary drink 0.33l --at 14:00
  diary drink "coconut water" 330ml
  diary drink 01077 1 cup                   (whole milk, by NDB number)
  diary drink 14209 250ml                   (see diary foods search --drink coffee)
\b
Amounts: {UNITS_HELP} (oz is weight; say fl oz for volume).
"""


def water_row(amount_text: str | None, when: dt.datetime, note: str | None, command: str = "drink") -> dict[str, Any]:
    """The intake row for plain water (fluid only), or a usage error naming the bad amount."""
    if amount_text is None:
        raise click.BadParameter(f"give how much water, like diary {command} water 500ml", param_hint="AMOUNT")
    amount = parsed("AMOUNT", lambda t: parse_amount(t, portions_allowed=False), amount_text)
    ml = amount.ml if amount.is_volume else amount.grams  # a gram of water is a millilitre
    assert ml is not None
    parsed("AMOUNT", lambda: check_size(amount_text, None, ml, drink=True))
    return entries.water_intake(when, round(ml, 3), amount.text, note)


def _water_amount(args: tuple[str, ...]) -> str | None | bool:
    """The amount text when the words mean plain water, False when they name something else.

    "500ml", "2 cups", "water 500ml", "water" (None: no amount given).
    """
    words = [" ".join(a.split()) for a in args if a.strip()]
    if not words:
        return False
    if words[0].startswith(NUMBER_START) and not is_ndb(words[0]):
        whole = " ".join(words)
        try:
            parse_amount(whole, portions_allowed=False)
        except ValueError:
            return whole if len(words) == 1 else False  # one word: let the water path say what is wrong
        return whole
    for n in range(len(words), 0, -1):
        if " ".join(words[:n]).casefold() in WATER_WORDS:
            return " ".join(words[n:]) or None
    return False


# NumberArgsCommand: "-5ml" is a (negative) amount to refuse clearly, not an option
@click.command(cls=NumberArgsCommand, help=DRINK_HELP)
@click.argument("args", nargs=-1, required=True, metavar="[WHAT] AMOUNT")
@click.option("--at", "at", default="now", metavar="WHEN", help="When (default: now).")
@click.option("--note", metavar="TEXT", help="Anything worth remembering.")
@db_option
def drink(args: tuple[str, ...], at: str, note: str | None) -> None:
    now = now_utc()
    water = _water_amount(args)
    tz = diary_timezone()
    when = parsed("--at", parse_when, at, now, tz)
    if water is not False:
        row = water_row(water, when, note)  # type: ignore[arg-type]
        with diary() as store:
            entry_id = entries.log_intake(store, now, row)
            entry = entries.get_entry(store, entry_id, tz)
        click.echo(f"Logged drink #{entry_id}: {describe(entry)}, {when_text(when, tz, now)}.")
        return
    from diary.cli.food import log_planned, plan_intake, report_lookup_error
    from diary.foods import FoodLookupError

    try:
        plan = plan_intake(args, drink=True, when=when, note=note)
    except FoodLookupError as exc:
        report_lookup_error(exc, "drink")
    log_planned(plan, kind="drink", now=now)
