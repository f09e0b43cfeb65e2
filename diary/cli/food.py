"""diary eat, diary supplement and diary foods (search, info, add, list, forget).

Standard library and click only: eat and supplement are on the fast logging path. Every
typed value is checked, and the food found, before the diary is opened for writing, so
bad input writes nothing (not even a new empty diary file).
"""

from __future__ import annotations

import click

from diary.amounts import UNITS_HELP, is_ndb, parse_dose
from diary.cli import db_option, diary_timezone, now_utc, opened_diary, parsed
from diary.cli.typed import WordsCommand
from diary.foods import contribution_text, open_foods

EAT_HELP = f"""Log something you ate, in your own words: WHAT and, if you like, how much.

Everyday names mean what a kitchen means by them ("banana" is a raw banana, "crisps" a
bag of potato chips, "jacket potato" a baked potato), and without an amount it is one
natural serving; the reply always says what was taken and how much. Your own foods
(diary foods add) and names you chose before come first. When the words fit several
foods, you are asked which (in a terminal), else they are listed and nothing is logged;
what you pick is what that name means next time (diary foods forget NAME undoes it).

\b
Examples:
  diary eat banana                  (1 medium, 118 g)
  diary eat 2 bananas
  diary eat a bowl of cornflakes
  diary eat 2 slices of toast
  diary eat "spinach, raw" 100g --at 12:30
  diary eat a handful of sultanas
  diary eat 09040 150g              (by NDB number: see diary foods search)
\b
Amounts: {UNITS_HELP} (oz is weight);
counts (2, a couple of, half a, x2); household measures (glass, mug, cup, can,
bottle, pint, bowl, slice, piece, pot, handful, pinch, spoonful, knob, dollop);
and the food's own portions ("1 medium", "2 slices", "cup sliced").
Two foods in one ("beans on toast") are logged one at a time.
"""


# WordsCommand (a NumberArgsCommand): "-5g" is a (negative) amount to refuse clearly, not an option
@click.command(cls=WordsCommand, help=EAT_HELP)
@click.argument("args", nargs=-1, required=True, metavar="WHAT [AMOUNT]")
@click.option("-a", "--at", "at", default="now", metavar="WHEN", help="When (default: now).")
@click.option("-n", "--note", metavar="TEXT", help="Anything worth remembering.")
@db_option
def eat(args: tuple[str, ...], at: str, note: str | None) -> None:
    from diary.cli.asking import log_words  # not needed by diary foods search, which must be quick

    log_words(args, drink=False, at=at, note=note)


SUPPLEMENT_HELP = """Log a supplement: the NUTRIENT (sodium, potassium, magnesium or calcium)
and its DOSE in mg or g, the elemental amount on the label.

\b
Examples:
  diary supplement magnesium 200mg
  diary supplement potassium 99 mg --at 08:00
  diary supplement calcium 0.5g

The magnesium upper level (350 mg a day for adults) counts supplements only; diary
today compares your supplement magnesium with it.
"""


@click.command(cls=WordsCommand, help=SUPPLEMENT_HELP)
@click.argument("nutrient")
@click.argument("dose", nargs=-1, required=True)
@click.option("-a", "--at", "at", default="now", metavar="WHEN", help="When (default: now).")
@click.option("-n", "--note", metavar="TEXT", help="Anything worth remembering, e.g. the product.")
@db_option
def supplement(nutrient: str, dose: tuple[str, ...], at: str, note: str | None) -> None:
    from diary.cli.typed import check_what_words, read_at, when_said
    from diary.describe import when_text
    from diary.intake import log_supplement
    from diary.nutrition import parse_supplement_nutrient

    now = now_utc()
    tz = diary_timezone()
    check_what_words(click.get_current_context(), dose, at, now, tz)
    name = parsed("NUTRIENT", parse_supplement_nutrient, nutrient)
    amount = parsed("DOSE", parse_dose, " ".join(dose), name)
    said = read_at("--at", at, now, tz)  # a day alone asks the time in a terminal
    when = said.instant
    with opened_diary() as store:
        logged = log_supplement(store, now, name, amount, when, tz, note)
    click.echo(f"Logged supplement #{logged.entry_id}: {logged.row['description']}, {amount.text} "
               f"({when_text(when, tz, now)}{when_said(said, inside=True)}).")
    if logged.note:
        click.echo(f"Note: {logged.note}.")


# --- diary foods ----------------------------------------------------------------------------------

FOODS_HELP = """The food table (USDA SR28, May 2016 revision, 8,790 foods) and your own foods.

Values are per 100 g. An empty value in the USDA table is unknown, never zero: a day's
total that includes one says "at least". See diary foods info for the datasets.

\b
Examples:
  diary foods search banana
  diary foods info
  diary foods add "my electrolyte drink" --per 500ml --sodium 460 --potassium 380 --magnesium 24
  diary foods list
"""


@click.group(help=FOODS_HELP)
def foods() -> None:
    pass


def _per_100g_text(per: dict[str, float | None]) -> str:
    from diary.foods.food import COLUMN_OF
    from diary.vocab import NUTRIENTS

    bits = []
    for n in NUTRIENTS:
        v = per[COLUMN_OF[n.key]]
        unit = "g" if n.key == "water_ml" else n.unit  # the table keeps water in g per 100 g
        bits.append(f"{n.short} unknown" if v is None else f"{n.short} {v:g} {unit}")
    return ", ".join(bits)


SEARCH_HELP = """Find foods in the USDA table by words of their name, best match first, with
their water and minerals per 100 g and their household portions.

\b
Examples:
  diary foods search banana
  diary foods search "coconut water" --limit 3
  diary foods search 09040          (one food by NDB number)
"""


@click.command(help=SEARCH_HELP)
@click.argument("text", nargs=-1, required=True)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100), help="How many foods to show.")
@click.option("--drink", is_flag=True, help="Rank drinks first (as diary drink does).")
@db_option
def search(text: tuple[str, ...], limit: int, drink: bool) -> None:
    query = " ".join(text)
    table = open_foods()
    if is_ndb(query):
        food = table.get(query)
        found = [food] if food else []
    else:
        found = [m.food for m in table.search(query, limit=limit, drink=drink)]
    if not found:
        raise click.BadParameter(f"no food matches {query!r}: try fewer or other words", param_hint="TEXT")
    click.echo(f"{table.meta['foods.short']}, per 100 g; best match first:")
    for i, food in enumerate(found, 1):
        click.echo(f"{i:>2}. {food.ndb}  {food.description}")
        click.echo(f"           {_per_100g_text(food.per_100g)}")
        if food.portions:
            shown = "; ".join(f"{p.amount:g} {p.unit} = {p.gram_weight:g} g" for p in food.portions[:8])
            more = f"; +{len(food.portions) - 8} more" if len(food.portions) > 8 else ""
            click.echo(f"           portions: {shown}{more}")
        else:
            click.echo("           portions: none (give grams)")
    click.echo(f"Log one with: diary eat {found[0].ndb} [AMOUNT]")


INFO_HELP = """Show which datasets the food table and the targets come from, and their versions.

\b
Example:
  diary foods info
"""


@click.command(help=INFO_HELP)
def info() -> None:
    table = open_foods()
    m = table.meta
    click.echo(f"Foods:    {m['foods.name']}")
    click.echo(f"Version:  {m['foods.version']}")
    click.echo(f"By:       {m['foods.publisher']}; {m['foods.licence']}")
    click.echo(f"Size:     {int(m['foods.count']):,} foods, {int(m['portions.count']):,} household measures")
    click.echo(f"Targets:  {m['dri.name']}")
    click.echo(f"          {m['dri.short']}")
    click.echo(f"Sources:  {m['dri.sources']}")
    click.echo(f"File:     {table.path}")
    click.echo(f"Built:    by {m['built_by']}")
    click.echo(f"Everyday: {int(m['everyday.count']):,} names people use for foods, reviewed by hand "
               "(diary foods search NAME shows what one means)")
    click.echo("An empty value in the table is unknown, not zero: totals that include one say 'at least'.")


ADD_HELP = """Add your own food or drink with its values per serving (--per 500ml, --per "1 bar")
or per 100 g (--per 100g). Minerals in mg, water in ml; a value left out is unknown
(not zero). A drink given per volume counts its whole volume as water unless --water
says otherwise. diary eat and diary drink find your foods before the USDA table.

\b
Examples:
  diary foods add "my electrolyte drink" --per 500ml --sodium 460 --potassium 380 --magnesium 24
  diary foods add "protein bar" --per "1 bar" --sodium 210 --potassium 180 --calcium 120
  diary foods add "grandma's soup" --per 100g --water 85 --sodium 390 --replace
"""


@click.command(help=ADD_HELP)
@click.argument("name")
@click.option("--per", "per", required=True, metavar="AMOUNT",
              help="The amount the values are for: 500ml, 30g, 100g, '1 bar'.")
@click.option("--water", metavar="ML", help="Water in ml (a drink per volume: its volume).")
@click.option("--sodium", metavar="MG", help="Sodium in mg.")
@click.option("--potassium", metavar="MG", help="Potassium in mg.")
@click.option("--magnesium", metavar="MG", help="Magnesium in mg.")
@click.option("--calcium", metavar="MG", help="Calcium in mg.")
@click.option("--drink/--food", "is_drink", default=None,
              help="A drink or a food (default: a drink when --per is a volume).")
@click.option("--replace", is_flag=True, help="Change the food of this name if you have one.")
@db_option
def add(name: str, per: str, water: str | None, sodium: str | None, potassium: str | None, magnesium: str | None,
        calcium: str | None, is_drink: bool | None, replace: bool) -> None:
    from diary.nutrition import (
        NUTRIENT_OPTION,
        own_food_row,
        parse_name,
        parse_nutrient_value,
        parse_per,
        save_own_food,
    )

    now = now_utc()
    clean = parsed("NAME", parse_name, name)
    amount = parsed("--per", parse_per, per)
    given = {"water_ml": water, "sodium_mg": sodium, "potassium_mg": potassium, "magnesium_mg": magnesium,
             "calcium_mg": calcium}
    values = {key: None if text is None else parsed(NUTRIENT_OPTION[key], parse_nutrient_value, text,
                                                     NUTRIENT_OPTION[key]) for key, text in given.items()}
    row, notes = parsed("--per", own_food_row, clean, amount, values, is_drink, now)
    try:
        with opened_diary() as store:
            food_id, created = save_own_food(store, now, row, replace=replace)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="NAME") from None
    what = "drink" if row["is_drink"] else "food"
    per_text = "100 g" if row["basis"] == "100g" else row["serving_text"]
    click.echo(f"{'Added' if created else 'Changed'} your {what} {clean!r} (#{food_id}), per {per_text}: "
               f"{contribution_text(row)}.")
    for line in notes:
        click.echo(f"Note: {line}.")


LIST_HELP = """List your own foods and drinks with their values per serving or per 100 g, and
the names whose food you chose (what they mean next time).

\b
Example:
  diary foods list
"""


@click.command("list", help=LIST_HELP)
@db_option
def list_foods() -> None:
    from diary.choosing import list_choices
    from diary.nutrition import list_own_foods

    with opened_diary(write=False, create=False) as store:
        mine = list_own_foods(store)
        chosen = list_choices(store)
    if not mine:
        click.echo('No foods of your own yet: diary foods add "my electrolyte drink" --per 500ml --sodium 460 ...')
    for f in mine:
        kind = "drink" if f.is_drink else "food"
        click.echo(f"#{f.id:<4} {f.name} ({kind}, per {f.per_text}): {contribution_text(f.values)}")
    if chosen:
        own = {f.id: f.name for f in mine}
        table = open_foods()
        click.echo("Names you chose a food for (diary foods forget NAME):")
        for alias in chosen:
            if alias.own_food_id is not None:
                meant = f"your own {own.get(alias.own_food_id, '#' + str(alias.own_food_id))}"
            else:
                food = table.get(str(alias.food_ndb))
                meant = f"{alias.food_ndb} {food.description if food else '(not in the table)'}"
            click.echo(f"  {alias.name}: {meant}")


FORGET_HELP = """Forget the food you chose for NAME, so that it is asked about again next time.

\b
Example:
  diary foods forget squash
"""


@click.command(help=FORGET_HELP)
@click.argument("name", nargs=-1, required=True)
@db_option
def forget(name: tuple[str, ...]) -> None:
    from diary.choosing import forget_choice

    with opened_diary(create=False) as store:
        alias = forget_choice(store, " ".join(name))
    click.echo(f"Forgot your choice for {alias.name!r}; next time it is looked up afresh.")


foods.add_command(search)
foods.add_command(info)
foods.add_command(add)
foods.add_command(list_foods)
foods.add_command(forget)
