"""diary drink: water, or any drink, in your own words.

Standard library and click only (the fast logging path); the work is shared with
`diary eat` (diary.cli.asking) and done by the domain (diary.intake).
"""

from __future__ import annotations

import click

from diary.amounts import UNITS_HELP
from diary.cli import db_option
from diary.cli.asking import log_words
from diary.cli.typed import WordsCommand

DRINK_HELP = f"""Log a drink in your own words: water by the glass or ml, or WHAT you drank.

Plain water needs no name: diary drink 500ml, diary drink 2 glasses; diary drink water
alone is one glass (250 ml). Everyday names mean what a kitchen means ("tea" is brewed
black tea, "beer" a 12 fl oz beer, "squash" in the UK a diluted fruit squash), and
without an amount it is one drink; the reply says how much was taken. A glass is 250 ml,
a mug 350 ml; a pint and a can follow diary profile --units uk|us. When the words fit
several drinks you are asked which (in a terminal), else they are listed and nothing is
logged; what you pick is what that name means next time.

\b
Examples:
  diary drink 500ml                         (water)
  diary drink water                         (a glass, 250 ml)
  diary drink 3 glasses of water
  diary drink a mug of tea
  diary drink 2 beers
  diary drink "coconut water" 330ml
  diary drink half a glass of milk --at 14:00
  diary drink 01077 1 cup                   (whole milk, by NDB number)
\b
Amounts: {UNITS_HELP}
(oz is weight; say fl oz for volume); glass, mug, cup, can, bottle, pint,
shot, carton; counts (2 beers, half a glass).
"""


# WordsCommand (a NumberArgsCommand): "-5ml" is a (negative) amount to refuse clearly, not an option
@click.command(cls=WordsCommand, help=DRINK_HELP)
@click.argument("args", nargs=-1, required=True, metavar="[WHAT] [AMOUNT]")
@click.option("-a", "--at", "at", default="now", metavar="WHEN", help="When (default: now).")
@click.option("-n", "--note", metavar="TEXT", help="Anything worth remembering.")
@db_option
def drink(args: tuple[str, ...], at: str, note: str | None) -> None:
    log_words(args, drink=True, at=at, note=note)
