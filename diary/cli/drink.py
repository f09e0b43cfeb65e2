"""diary drink: water by volume, or any drink from your own foods or the food table."""

from __future__ import annotations

import click

from diary.amounts import UNITS_HELP, parse_amount
from diary.cli import db_option, diary_timezone, now_utc, parsed
from diary.cli.food import _NUMBER_START, log_planned, plan_intake, report_lookup_error
from diary.foods import FoodLookupError, is_ndb
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
  diary drink "whole milk" 1 cup
  diary drink 14209 250ml                   (by NDB number, see diary foods search --drink)
\b
Amounts: {UNITS_HELP} (oz is weight; say fl oz for volume).
"""


# ignore_unknown_options: "-5ml" is a (negative) amount to refuse clearly, not an option
@click.command(help=DRINK_HELP, context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, required=True, metavar="[WHAT] AMOUNT")
@click.option("--at", "at", default="now", metavar="WHEN", help="When (default: now).")
@click.option("--note", metavar="TEXT", help="Anything worth remembering.")
@db_option
def drink(args: tuple[str, ...], at: str, note: str | None) -> None:
    now = now_utc()
    if args and args[0].strip().startswith(_NUMBER_START) and not is_ndb(args[0]):
        # `diary drink 500ml` (or "2 cups") is plain water, as it always was
        whole = " ".join(args)
        try:
            parse_amount(whole, portions_allowed=False)
            args = ("water", whole)
        except ValueError:
            if len(args) == 1:
                args = ("water", whole)  # let the water path say what is wrong with it
    tz = diary_timezone()
    when = parsed("--at", parse_when, at, now, tz)
    try:
        plan = plan_intake(args, drink=True, when=when, note=note)
    except FoodLookupError as exc:
        report_lookup_error(exc, "drink")
    log_planned(plan, kind="drink", now=now)
