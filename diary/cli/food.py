"""diary eat, diary supplement and diary foods (search, info, add, list).

Standard library and click only: eat and supplement are on the fast logging path. Every
typed value is checked, and the food found, before the diary is opened for writing, so
bad input writes nothing (not even a new empty diary file).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import click

from diary import entries
from diary.amounts import NUMBER_START, UNITS_HELP, WATER_WORDS, Amount, is_ndb, parse_amount, parse_dose
from diary.cli import NumberArgsCommand, db_option, diary, diary_timezone, location, now_utc, parsed
from diary.cli.render import when_text
from diary.dbtime import to_db
from diary.foods import (
    EVERYDAY,
    FoodLookupError,
    contribution_text,
    fmt_amount,
    food_intake,
    open_foods,
    serving_for,
    words,
)
from diary.parse import parse_when


@dataclass
class Planned:
    """An intake row ready to write, with the words of the reply."""

    row: dict[str, Any]
    head: str
    notes: list[str] = field(default_factory=list)
    water: bool = False


def _attempts(args: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """Ways to read WHAT [AMOUNT] from the typed words, most likely first.

    "banana" | "banana 2 medium" | "coconut water 330ml" | "330ml coconut water" |
    "banana medium" (no number: the whole is tried as a food, then the last word as
    its portion).
    """
    args = tuple(a for a in (" ".join(x.split()) for x in args) if a)
    if not args:
        return []
    if len(args) == 1:
        return [(args[0], None)]
    first = args[0]
    if first.startswith(NUMBER_START) and not is_ndb(first):
        rest = " ".join(args[1:])
        try:
            if parse_amount(first).unit or not parse_amount(first).number_given:
                return [(rest, first)]  # "330ml coconut water"
        except ValueError:
            pass
        if re.fullmatch(r"[\d.,/ ½¼¾⅓⅔⅛]+", first):
            return [(rest, f"{first} {rest}")]  # "2 bananas": two of its natural unit
        return [(rest, first)]
    for i in range(1, len(args)):
        if args[i].startswith(NUMBER_START):
            return [(" ".join(args[:i]), " ".join(args[i:]))]
    return [(" ".join(args), None), (" ".join(args[:-1]), args[-1])]


def _amount(text: str | None, *, portions: bool = True) -> Amount | None:
    if text is None:
        return None
    return parsed("AMOUNT", lambda t: parse_amount(t, portions_allowed=portions), text)


def _water(amount_text: str | None, when: dt.datetime, note: str | None, command: str) -> Planned:
    from diary.cli.drink import water_row

    return Planned(water_row(amount_text, when, note, command), "", water=True)


def plan_intake(args: tuple[str, ...], *, drink: bool, when: dt.datetime, note: str | None) -> Planned:
    """Find the food and amount the words name, and the intake row they make.

    Order: plain water, then the patient's own foods (exact or close name), then the
    USDA table (an NDB number, the exact description, or a clearly best match).
    Raises click.BadParameter for a bad amount and FoodLookupError for a food not found.
    """
    from diary.nutrition import find_own_food, own_food_intake, peek_own_foods

    command = "drink" if drink else "eat"
    attempts = _attempts(args)
    if not attempts:
        raise click.BadParameter(f"say what, like diary {command} banana", param_hint="WHAT")
    own_foods = None
    first_error: FoodLookupError | None = None
    for what, amount_text in attempts:
        if what.casefold() in WATER_WORDS:
            return _water(amount_text, when, note, command)
        if own_foods is None:
            own_foods = peek_own_foods(location())
        own = find_own_food(own_foods, what)
        if own is not None:
            amount = _amount(amount_text)
            try:
                row, serving = own_food_intake(own, amount, when, drink=drink, note=note)
            except ValueError as exc:
                raise click.BadParameter(str(exc), param_hint="AMOUNT") from None
            head = f"{own.name}, {serving.detail}"
            notes = list(serving.notes)
            if own.name.casefold() != what.casefold():
                notes.append(f"{what!r} is your own food {own.name!r} (diary foods list shows them)")
            return Planned(row, head, notes + _unknown_notes(row))
        if not what or what[0].isdigit() and not is_ndb(what):
            raise click.BadParameter(f"{what!r} is not a food: put the food first, like diary {command} banana 2 medium",
                                     param_hint="WHAT")
        try:
            choice = open_foods().choose(what, drink=drink)
        except FoodLookupError as exc:
            first_error = first_error or exc
            continue
        food = choice.food
        amount = _amount(amount_text)
        try:
            serving = serving_for(food, amount, drink=drink)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="AMOUNT") from None
        row = food_intake(food, serving.grams, serving.text, when, ml=serving.ml, note=note)
        notes = list(serving.notes)
        if choice.everyday:
            example = choice.others[0].ndb if choice.others else "NDB"
            notes.append(f"{what!r} taken as the everyday choice, NDB {food.ndb}; to log another, give its NDB "
                         f"number, like diary {command} {example} [AMOUNT]")
            if choice.others:
                others = "; ".join(f"{f.ndb} {f.description}" for f in choice.others)
                notes.append(f"others: {others} (more: diary foods search {_quoted(what)})")
        elif not is_ndb(what) and words(what) != words(food.description):
            notes.append(f"matched {what!r} to NDB {food.ndb}; others: diary foods search {_quoted(what)}")
        return Planned(row, f"{food.description}, {serving.detail}", notes + _unknown_notes(row))
    assert first_error is not None
    raise first_error


def _quoted(text: str) -> str:
    return text if text.replace("-", "").isalnum() else f'"{text}"'


def _unknown_notes(row: dict[str, Any]) -> list[str]:
    from diary.foods import INTAKE_KEYS, SHORT_LABELS

    unknown = [SHORT_LABELS[k] for k in INTAKE_KEYS if row.get(k) is None]
    if not unknown:
        return []
    return [f"{', '.join(unknown)} unknown: the table has no value (not zero), so today's totals say 'at least'"]


def report_lookup_error(exc: FoodLookupError, command: str) -> None:
    """Tell the user which foods came close, on stderr, and stop with exit status 2.

    With nothing close to list, it is one line, as for any other bad input."""
    if not exc.candidates:
        click.echo(f"Error: {exc}; nothing was logged: try diary foods search WORD, or add your own with "
                   "diary foods add NAME --per AMOUNT ...", err=True)
        raise click.exceptions.Exit(2)
    click.echo(f"Error: {exc}; nothing was logged.", err=True)
    click.echo("Closest matches (give the NDB number, or a more exact name):", err=True)
    for i, food in enumerate(exc.candidates, 1):
        click.echo(f"  {i}. {food.ndb}  {food.description}", err=True)
    click.echo(f"For example: diary {command} {exc.candidates[0].ndb} [AMOUNT]", err=True)
    raise click.exceptions.Exit(2)


def log_planned(plan: Planned, *, kind: str, now: dt.datetime) -> None:
    """Write the planned intake in one transaction and print what it added."""
    from diary.cli.render import describe

    tz = diary_timezone()
    with diary() as store:
        entry_id = entries.log_intake(store, now, plan.row)
        entry = entries.get_entry(store, entry_id, tz) if plan.water else None
    when = when_text(plan.row["taken_at"], tz, now)
    if entry is not None:
        click.echo(f"Logged {kind} #{entry_id}: {describe(entry)}, {when}.")
        return
    click.echo(f"Logged {kind} #{entry_id}: {plan.head}: {contribution_text(plan.row)} ({when}).")
    for line in plan.notes:
        click.echo(f"Note: {line}.")


EAT_HELP = f"""Log something you ate: WHAT (a food's name or NDB number) and an optional AMOUNT.

Without an amount it is one natural unit: the food's "medium" portion if it has one,
else its first household measure (the reply says which). Your own foods (diary foods
add) are found first, then the USDA table. A food is taken without asking when you give
its NDB number or exact description, or when it is clearly the best match. A few
everyday names mean their everyday food ("milk" is whole milk, "apple" a raw apple with
its skin; diary foods info lists them), and the reply names the others. When several
foods fit about equally ("cheese"), the closest are listed with their NDB numbers and
nothing is logged.

\b
Examples:
  diary eat banana                  (1 medium, 118 g)
  diary eat "spinach, raw" 100g --at 12:30
  diary eat banana 2 medium
  diary eat "raw spinach" 1 cup
  diary eat 01077 1 cup             (whole milk, by NDB number: see diary foods search)
\b
Amounts: {UNITS_HELP} (oz is weight), or the food's own portions
("1 medium", "2 slices", "cup sliced").
"""


# NumberArgsCommand: "-5g" is a (negative) amount to refuse clearly, not an option
@click.command(cls=NumberArgsCommand, help=EAT_HELP)
@click.argument("args", nargs=-1, required=True, metavar="WHAT [AMOUNT]")
@click.option("--at", "at", default="now", metavar="WHEN", help="When (default: now).")
@click.option("--note", metavar="TEXT", help="Anything worth remembering.")
@db_option
def eat(args: tuple[str, ...], at: str, note: str | None) -> None:
    now = now_utc()
    tz = diary_timezone()
    when = parsed("--at", parse_when, at, now, tz)
    try:
        plan = plan_intake(args, drink=False, when=when, note=note)
    except FoodLookupError as exc:
        report_lookup_error(exc, "eat")
    log_planned(plan, kind="food", now=now)


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


@click.command(cls=NumberArgsCommand, help=SUPPLEMENT_HELP)
@click.argument("nutrient")
@click.argument("dose", nargs=-1, required=True)
@click.option("--at", "at", default="now", metavar="WHEN", help="When (default: now).")
@click.option("--note", metavar="TEXT", help="Anything worth remembering, e.g. the product.")
@db_option
def supplement(nutrient: str, dose: tuple[str, ...], at: str, note: str | None) -> None:
    from diary.nutrition import parse_supplement_nutrient, supplement_intake

    now = now_utc()
    name = parsed("NUTRIENT", parse_supplement_nutrient, nutrient)
    amount = parsed("DOSE", parse_dose, " ".join(dose), name)
    tz = diary_timezone()
    when = parsed("--at", parse_when, at, now, tz)
    row = supplement_intake(name, amount, when, note)
    day_start, day_end = entries.day_bounds(when.astimezone(tz).date(), tz)
    with diary() as store:
        entry_id = entries.log_intake(store, now, row)
        taken = store.rows(
            "SELECT coalesce(sum(i.magnesium_mg), 0) FROM intake i JOIN entry e ON e.id = i.id "
            "WHERE e.deleted_at IS NULL AND i.source = 'supplement' AND i.taken_at >= :a AND i.taken_at < :b",
            {"a": to_db(day_start), "b": to_db(day_end)},
        )
    click.echo(f"Logged supplement #{entry_id}: {row['description']}, {amount.text} ({when_text(when, tz, now)}).")
    if name == "magnesium":
        from diary.profile import read_profile
        from diary.targets import targets_for

        upper = targets_for(read_profile(location()), when.astimezone(tz).date())["magnesium_mg"].upper
        total = float(taken[0][0] or 0)
        if upper is not None and total > upper:
            click.echo(f"Note: supplement magnesium that day is {fmt_amount(total)} mg, above the {fmt_amount(upper)} mg "
                       "upper level for supplements (it can cause diarrhoea); check the dose with your clinician.")


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
    bits = []
    for key, label, unit in (("water_g", "water", "g"), ("sodium_mg", "Na", "mg"), ("potassium_mg", "K", "mg"),
                             ("magnesium_mg", "Mg", "mg"), ("calcium_mg", "Ca", "mg")):
        v = per[key]
        bits.append(f"{label} unknown" if v is None else f"{label} {v:g} {unit}")
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
    everyday = ", ".join(f"{name} {ndb}" for name, (ndb, _) in EVERYDAY.items())
    click.echo(f"Everyday: names taken as one food without asking: {everyday}")
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
@click.option("--per", "per", required=True, metavar="AMOUNT", help="The amount the values are for: 500ml, 30g, 100g, '1 bar'.")
@click.option("--water", metavar="ML", help="Water in ml (a drink per volume: its volume).")
@click.option("--sodium", metavar="MG", help="Sodium in mg.")
@click.option("--potassium", metavar="MG", help="Potassium in mg.")
@click.option("--magnesium", metavar="MG", help="Magnesium in mg.")
@click.option("--calcium", metavar="MG", help="Calcium in mg.")
@click.option("--drink/--food", "is_drink", default=None, help="A drink or a food (default: a drink when --per is a volume).")
@click.option("--replace", is_flag=True, help="Change the food of this name if you have one.")
@db_option
def add(name: str, per: str, water: str | None, sodium: str | None, potassium: str | None, magnesium: str | None,
        calcium: str | None, is_drink: bool | None, replace: bool) -> None:
    from diary.nutrition import own_food_row, parse_name, parse_nutrient_value, parse_per, save_own_food

    now = now_utc()
    clean = parsed("NAME", parse_name, name)
    amount = parsed("--per", parse_per, per)
    values: dict[str, float | None] = {}
    for key, option, text in (("water_ml", "--water", water), ("sodium_mg", "--sodium", sodium),
                              ("potassium_mg", "--potassium", potassium), ("magnesium_mg", "--magnesium", magnesium),
                              ("calcium_mg", "--calcium", calcium)):
        values[key] = None if text is None else parsed(option, parse_nutrient_value, text, option)
    row, notes = parsed("--per", own_food_row, clean, amount, values, is_drink, now)
    try:
        with diary() as store:
            food_id, created = save_own_food(store, now, row, replace=replace)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="NAME") from None
    what = "drink" if row["is_drink"] else "food"
    per_text = "100 g" if row["basis"] == "100g" else row["serving_text"]
    click.echo(f"{'Added' if created else 'Changed'} your {what} {clean!r} (#{food_id}), per {per_text}: "
               f"{contribution_text(row)}.")
    for line in notes:
        click.echo(f"Note: {line}.")


LIST_HELP = """List your own foods and drinks with their values per serving or per 100 g.

\b
Example:
  diary foods list
"""


@click.command("list", help=LIST_HELP)
@db_option
def list_foods() -> None:
    from diary.nutrition import peek_own_foods

    mine = peek_own_foods(location())
    if not mine:
        click.echo('No foods of your own yet: diary foods add "my electrolyte drink" --per 500ml --sodium 460 ...')
        return
    for f in mine:
        kind = "drink" if f.is_drink else "food"
        click.echo(f"#{f.id:<4} {f.name} ({kind}, per {f.per_text}): {contribution_text(f.values)}")


foods.add_command(search)
foods.add_command(info)
foods.add_command(add)
foods.add_command(list_foods)
