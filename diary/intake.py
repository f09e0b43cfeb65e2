"""What a patient ate or drank, in their own words, as an intake: the domain of `diary eat`,
`diary drink` and `diary supplement` (and of the phone page).

`plan_intake(words, ...)` reads "a mug of tea" or "2 bananas" (diary.phrase), finds the
food (diary.choosing) and weighs the amount (diary.measuring), and returns the intake
row with the words of the reply; nothing is written, so a front end can refuse, or ask
which food was meant and plan again with the answer, before it opens the diary for
writing. Two foods in one phrase ("beans on toast") are refused with the command for
each: one intake is one food. `log_planned(store, now, plan)` writes it (and the choice to remember).
Domain functions take a Store and never commit; they raise ValueError for a bad shape of
input (`InputError` says which argument) and diary.errors classes otherwise.
Standard library only (the logging path imports this).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from diary import entries
from diary.amounts import NUMBER_START, WATER_WORDS, Dose, is_ndb, parse_amount
from diary.choosing import CHOICES_SHOWN, Found, Pantry, find_food, remember_choice
from diary.dbtime import to_db
from diary.errors import AmbiguousFood, ChoiceNeeded, EntryNotFound, FoodLookupError, InvalidEntry, UnknownFood
from diary.foods import fmt_amount, fold_name, get_food, intake_row, open_foods, unknown_labels, water_row
from diary.foods.forms import dry_form, dry_forms_named, dry_source, prepared_forms
from diary.foods.ranking import split_name
from diary.foods.text import words
from diary.measuring import SPOON_MEASURES, SPOON_UNITS, Taken, measure_reading, served, weigh_text
from diary.nutrition import own_food_by_id
from diary.phrase import Reading, read_phrase
from diary.storage.store import Store


class InputError(ValueError):
    """A typed value has a bad shape; `param` names the argument ("WHAT" or "AMOUNT")."""

    def __init__(self, message: str, param: str = "AMOUNT") -> None:
        super().__init__(message)
        self.param = param


@dataclass(frozen=True)
class IntakePlan:
    """An intake ready to write: its row, the reply's line ("a mug of tea, taken as 350 ml
    of tea, black, brewed") and at most one line of note, and the name whose choice the
    patient just made (remembered when the intake is logged)."""

    row: dict[str, Any]
    line: str
    note: str | None = None
    remember: tuple[str, str | None, int | None] | None = None  # (name, NDB number, own food id)
    name: str = ""  # the food's name as typed ("tea" of "a mug of tea")
    how: str = ""  # how the food was found: "everyday", "exact", "remembered" ... (diary.choosing.Found)


def plan_intake(args: tuple[str, ...] | list[str], *, drink: bool, when: dt.datetime, note: str | None,
                pantry: Pantry, answers: Mapping[str, str] | None = None) -> IntakePlan:
    """The intake the words name: plain water, a remembered choice, an own food, an NDB
    number, an everyday name ("a mug of tea", "crisps"), or a description with nothing in
    it beyond the typed words. Anything else is a question (ChoiceNeeded and its food
    lookup kin, with the choices), never a guess. `answers` holds the patient's answers to
    earlier questions: {"food": NDB number or "own:ID", "units": "uk" or "us"}.

    Raises InputError (a ValueError) for bad words or amounts, ChoiceNeeded when the
    patient must say which.
    """
    answers = answers or {}
    text = " ".join(" ".join(args).split())
    command = "drink" if drink else "eat"
    if not text:
        raise InputError(f"say what, like diary {command} banana", "WHAT")
    try:
        readings = read_phrase(text.split())
    except ValueError as exc:
        raise InputError(str(exc)) from None
    if text.startswith(NUMBER_START) and not is_ndb(text.split()[0]) and not _is_known_name(text, pantry) and (
            not readings or readings[0].what == text):
        # "-200ml", "500µl", "12": an amount gone wrong, or a number where the food should be
        if drink:
            _parsed(lambda: parse_amount(text, portions_allowed=False))
        raise InputError(f"{text!r} is not a food: put the food first, like diary {command} banana 2 medium", "WHAT")
    if not readings or (not readings[0].what and not drink):
        raise InputError(f"{text!r} is not a food: put the food first, like diary {command} banana 2 medium",
                         "WHAT")
    whole = Reading(text, text)
    if whole not in readings and _is_known_name(text, pantry):
        readings.insert(0, whole)  # "half and half", "7 up": a name that reads like an amount
    first_error: Exception | None = None
    for reading in readings:
        try:
            return _plan(reading, drink=drink, when=when, note=note, pantry=pantry, answers=answers)
        except (ValueError, ChoiceNeeded) as exc:
            if isinstance(exc, ValueError) and not isinstance(exc, InputError):
                exc = InputError(str(exc))
            first_error = first_error or exc
    assert first_error is not None
    if isinstance(first_error, (UnknownFood, AmbiguousFood)):
        # "beans on toast", "tea with milk": no one food, so one entry each (where the words are
        # a question anyway, a phrase whose every part is a known name, "coffee with milk", too)
        parts = _foods_named(text, pantry, every=isinstance(first_error, AmbiguousFood))
        if parts:
            then = ", then ".join(f"diary {command} {p}" for p in parts)
            raise InputError(f"{text!r} is more than one food: log each on its own, like {then}", "WHAT")
    raise first_error


# Containers plain water is drunk from, so "2 glasses" or "a bottle" alone is water. Not a pint:
# "2 pints" alone is beer as often as water, so it is asked.
WATER_CONTAINERS = ("glass", "bottle")


# Words joining two foods in one phrase: "beans on toast", "tea with milk", "fish and chips".
_JOINED = re.compile(r"\s+(?:and|with|on|plus|n|'n'|&|\+)\s+|\s*,\s*", re.IGNORECASE)
_NOT_TAKEN = re.compile(r"(?:^|\s)(?:no|without|minus)\b.*$", re.IGNORECASE)


def _foods_named(text: str, pantry: Pantry, *, every: bool = False) -> list[str]:
    """The parts of a phrase that joins foods ("2 slices of toast with butter" -> ["2 slices of
    toast", "butter"]; "tea, milk, no sugar" -> ["tea", "milk"]) when the last of them (`every`:
    each of them) is a name the program knows; else []."""
    parts = [_NOT_TAKEN.sub("", p).strip() for p in _JOINED.split(text)]
    parts = [p for p in parts if p]  # "no sugar" is not a food to log
    if len(parts) < 2:
        return []
    # the last part must be a food of its own: "cheese and onion crisps" is one food, not cheese
    known = [_names_a_food(part, pantry) for part in parts]
    return parts if (all(known) if every else known[-1]) else []


def _names_a_food(part: str, pantry: Pantry) -> bool:
    try:
        readings = read_phrase(part.split())
    except ValueError:
        return False
    return any(r.what and (fold_name(r.what) in WATER_WORDS or _is_known_name(r.what, pantry)) for r in readings)


def _parsed(parse: Any) -> Any:
    try:
        return parse()
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _is_known_name(text: str, pantry: Pantry) -> bool:
    return bool(pantry.alias_for(text) or pantry.own_named(text) or open_foods().everyday(text))


def _plan(reading: Reading, *, drink: bool, when: dt.datetime, note: str | None, pantry: Pantry,
          answers: Mapping[str, str]) -> IntakePlan:
    what = reading.what
    if not what and reading.measure not in (None, *WATER_CONTAINERS):
        # "a mug", "a can", "a juice box": water is drunk by the glass, bottle or pint, not from these
        example = {"mug": "tea", "can": "coke", "carton": "orange juice", "shot": "vodka", "double": "whisky",
                   "pint": "water"}
        raise InputError(f"say what was in the {reading.measure}, like diary {'drink' if drink else 'eat'} a "
                         f"{reading.measure} of {example.get(reading.measure, 'milk')}", "WHAT")
    if not what or fold_name(what) in WATER_WORDS:
        found = Found(water=True)
    else:
        if what[:1].isdigit() and not is_ndb(what) and not _is_known_name(what, pantry):
            raise InputError(f"{what!r} is not a food: put the food first, like diary "
                             f"{'drink' if drink else 'eat'} banana 2 medium", "WHAT")
        try:
            found = find_food(what, drink=drink, pantry=pantry, answers=answers)
        except FoodLookupError as exc:
            raise _as_made(exc, reading, drink) from None
        found = _made_from_dry(found, reading, drink=drink, answers=answers)
        found = _dry_of_spoonful(found, reading, what, answers=answers)
    taken = measure_reading(found, reading, drink=drink, units=answers.get("units") or pantry.units)
    row = _row(found, taken, when, note)
    return IntakePlan(row, _line(reading, found, taken), _note(found, taken, row, what), _remembered(found, what),
                      what, "water" if found.water else found.how)


# --- dry forms: a powder, dry mix or concentrate is not what is made with it ----------------------

# Drinks often made by stirring a powder into water or milk (instant coffee, cocoa, malted drinks):
# a spoonful of them is of the powder. Not tea: a spoonful of tea is leaves, never eaten.
MADE_FROM_POWDER = frozenset({"cocoa", "chocolate", "malt", "malted", "coffee", "ovaltine", "horlick"})
PREPARED_SLOT = "prepared"  # the question "which drink made with it?" (answers[PREPARED_SLOT]: an NDB number)
DRY_SLOT = "dry"  # the question "which powder?" of a spoonful of a drink's name


def _made_from_dry(found: Found, reading: Reading, *, drink: bool, answers: Mapping[str, str]) -> Found:
    """The food itself, unless it is a dry form ("OVALTINE, Classic Malt powder") said in an amount
    of the food as served ("a cup of ovaltine"): then what is made with it, as the patient answers
    (a question listing the table's foods made from it); where the table has none, a refusal asking
    for the powder's weight."""
    food = found.food
    if food is None:
        return found
    form = dry_form(food)
    kind = found.everyday.kind if found.everyday is not None else None
    if form is None or not served(reading, drink, kind, food):
        return found
    table = open_foods()
    picked = answers.get(PREPARED_SLOT)
    if picked:
        made = table.get(picked)
        if made is not None:
            return Found(made, everyday=table.everyday_of(made.ndb), how="chosen")
    said = reading.how_much or ("a drink" if drink else "a serving")
    made_from = prepared_forms(table, food)
    if made_from:
        raise ChoiceNeeded(f"{food.short_name} is a {form}: {said!r} of it would be the {form} itself, so which was "
                           f"made with it", tuple((f.ndb, f"{f.ndb}  {f.description}") for f in made_from),
                           slot=PREPARED_SLOT)
    raise InputError(f"{food.short_name} is a {form}, and the food table has nothing made with it: {said!r} of it "
                     f"would be the {form} itself; log the {form} by weight or spoon (like 20g or 2 tsp), and what it "
                     "was mixed with on its own (like a glass of milk)")


def _as_made(exc: FoodLookupError, reading: Reading, drink: bool) -> FoodLookupError:
    """The question of which food, with each dry form among its choices replaced by what is made
    with it when the amount is one of the food as served ("a cup of ovaltine": the malted drinks
    made with milk, not the two powders)."""
    if not exc.choices:
        return exc
    table = open_foods()
    choices: dict[str, str] = {}
    replaced = False
    for ndb, label in exc.choices:
        food = table.get(ndb)
        made = prepared_forms(table, food) if food is not None and dry_form(food) and served(
            reading, drink, None, food) else []
        if made:
            replaced = True
            for f in made:
                choices.setdefault(f.ndb, f"{f.description} (made from {food.short_name})" if food else f.description)
        else:
            choices.setdefault(ndb, label)
    if not replaced:
        return exc
    return type(exc)(f"{exc}; the powders and concentrates are shown as what is made with them",
                     tuple(list(choices.items())[:CHOICES_SHOWN]))


def _dry_of_spoonful(found: Found, reading: Reading, what: str, *, answers: Mapping[str, str]) -> Found:
    """A spoonful of a made drink named in everyday words ("a spoonful of cocoa", "a tsp of coffee")
    is a spoonful of its dry form: the one whose name is the words (cocoa powder), or the patient's
    pick of several; a drink with no dry form of that name keeps its spoonful (milk, juice)."""
    spoon = reading.measure in SPOON_MEASURES or (reading.amount is not None and reading.amount.unit in SPOON_UNITS)
    food = found.food
    if not spoon or food is None or found.how not in ("everyday", "exact", "remembered") or dry_form(food):
        return found
    drunk = food.is_beverage or (found.everyday is not None and found.everyday.is_drink)
    made_drink = drunk and bool(MADE_FROM_POWDER & set(words(food.description)))
    if not made_drink:
        return found  # a spoonful of milk or juice is milk or juice
    table = open_foods()
    picked = answers.get(DRY_SLOT)
    if picked and table.get(picked) is not None:
        chosen = table.get(picked)
        assert chosen is not None
        return Found(chosen, everyday=table.everyday_of(chosen.ndb), how="chosen")
    dry = [f for f in dry_forms_named(table, what) if dry_form(f) == "powder"]
    if not dry:
        source = dry_source(table, food)  # "2 tsp of horlicks": the malted drink's own powder
        if source is None:
            return found
        return Found(source, everyday=table.everyday_of(source.ndb), how="everyday")
    named = [f for f in dry if split_name(f.description)[1] and set(split_name(f.description)[1]) <= set(words(what))]
    if named:
        return Found(named[0], everyday=table.everyday_of(named[0].ndb), how="everyday")
    if len(dry) == 1:
        return Found(dry[0], everyday=table.everyday_of(dry[0].ndb), how="everyday")
    raise ChoiceNeeded(f"a spoonful of {what.strip()!r} is its powder, not the drink: which one",
                       tuple((f.ndb, f"{f.ndb}  {f.description}") for f in dry), slot=DRY_SLOT)


def _row(found: Found, taken: Taken, when: dt.datetime, note: str | None) -> dict[str, Any]:
    if found.water:
        assert taken.ml is not None
        return water_row(when, taken.ml, taken.amount_text, note)
    if found.own is not None:
        return intake_row(taken_at=when, source="own_food", description=found.own.name,
                          amount_text=taken.amount_text, grams=taken.grams, ml=taken.ml, values=taken.values,
                          own_food_id=found.own.id, note=note)
    assert found.food is not None
    return intake_row(taken_at=when, source="food", description=found.food.description,
                      amount_text=taken.amount_text, grams=taken.grams, ml=taken.ml, values=taken.values,
                      food_ndb=found.food.ndb, note=note)


def _line(reading: Reading, found: Found, taken: Taken) -> str:
    """'a mug of tea, taken as 350 ml of tea, black, brewed'; '330 ml of coconut water, ...'."""
    label = found.label
    if found.water and reading.exact:  # as `diary list` shows it: "Water, 0.5 l (water 500 ml)"
        return f"Water, {taken.amount_text} (water {fmt_amount(taken.ml or 0)} ml)"
    if reading.exact:
        return f"{taken.detail} of {label}"
    return f"{reading.said}, taken as {taken.detail}" + (f" of {label}" if not found.water else "")


def _note(found: Found, taken: Taken, row: Mapping[str, Any], what: str) -> str | None:
    """At most one line: a choice remembered or used, values the table lacks, an assumption."""
    notes = []
    name = fold_name(what)
    if found.how == "chosen" and not is_ndb(what):
        notes.append(f"from now on {name!r} means this (diary foods forget {_quoted(name)} undoes it)")
    elif found.how == "remembered":
        notes.append(f"{name!r} is your remembered choice (diary foods forget {_quoted(name)})")
    unknown = unknown_labels(row)
    if unknown:
        notes.append(f"{', '.join(unknown)} unknown: the table has no value (not zero), so totals say 'at least'")
    notes.extend(taken.notes)
    return "; ".join(notes) or None


def _remembered(found: Found, what: str) -> tuple[str, str | None, int | None] | None:
    if found.how != "chosen" or is_ndb(what):  # an NDB number already names one food
        return None
    return (fold_name(what), found.food.ndb if found.food else None, found.own.id if found.own else None)


def _quoted(name: str) -> str:
    return name if name.replace("-", "").isalnum() else f'"{name}"'


def log_planned(store: Store, now: dt.datetime, plan: IntakePlan) -> int:
    """Write the planned intake (and remember the choice the patient made for its name);
    return the entry id."""
    entry_id = entries.log_intake(store, now, plan.row)
    if plan.remember is not None:
        name, ndb, own_id = plan.remember
        remember_choice(store, now, name, food_ndb=ndb, own_food_id=own_id)
    return entry_id


# --- changing an intake's amount -----------------------------------------------------------------


def edit_amount(store: Store, now: dt.datetime, entry_id: int, tz: ZoneInfo, amount_text: str,
                *, units: str | None = None) -> entries.EntryView:
    """Change how much an intake was ("2 cups", "a mug", "330ml"), with its nutrient snapshot
    recomputed from the food table (or the own food, or water); the previous values go to
    the undo journal. Raises InputError for an amount the food cannot take, InvalidEntry
    for an entry that is not an intake of a food, water or own food."""
    entry = entries.get_entry(store, entry_id, tz, include_deleted=False)
    if units is None:
        from diary.foods.household import units_from_timezone
        from diary.profile import get_profile

        units = get_profile(store).units or units_from_timezone(tz.key)
    if entry.kind != "intake":
        raise InvalidEntry(f"#{entry_id} is a {entry.kind} entry, which has no amount")
    rows = store.rows("SELECT source, food_ndb, own_food_id, supplement_nutrient FROM intake WHERE id = :id",
                      {"id": entry_id})
    source, ndb, own_id, nutrient = rows[0]
    if source == "supplement":
        from diary.amounts import parse_dose

        dose = _parsed(lambda: parse_dose(amount_text, nutrient))
        changes: dict[str, Any] = {"amount_text": dose.text, f"{nutrient}_mg": round(dose.mg, 4)}
    else:
        if source == "water":
            found = Found(water=True)
        elif source == "own_food":
            own = own_food_by_id(store, int(own_id))
            if own is None:
                raise EntryNotFound(f"the own food of #{entry_id} is gone, so its amount cannot be recomputed")
            found = Found(own=own)
        else:
            food = get_food(ndb)
            if food is None:
                raise EntryNotFound(f"NDB {ndb} of #{entry_id} is not in the food table any more")
            found = Found(food=food, everyday=open_foods().everyday_of(food.ndb))
        taken = _parsed(lambda: weigh_text(found, amount_text, drink=False, units=units))  # its kind says drink
        row = _row(found, taken, entry.fields["taken_at"], None)
        changes = {k: row[k] for k in ("amount_text", "grams", "ml", "water_ml", "sodium_mg", "potassium_mg",
                                      "magnesium_mg", "calcium_mg")}
    before = {k: to_db(entry.fields.get(k)) for k in changes}
    entries.change_row(store, now, "intake", entry_id, changes)
    store.update("entry", entry_id, {"updated_at": now})
    entries.journal(store, now, "edit", entry_id, json.dumps(before))  # in this command's batch: one undo
    return entries.get_entry(store, entry_id, tz)


# --- supplements ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SupplementLogged:
    """A logged supplement: its entry id and row, and a note when the day's supplement
    magnesium went above the upper level for supplements."""

    entry_id: int
    row: dict[str, Any]
    note: str | None


def log_supplement(store: Store, now: dt.datetime, nutrient: str, dose: Dose, when: dt.datetime, tz: ZoneInfo,
                   note: str | None = None) -> SupplementLogged:
    """Log a supplement of one element at its dose; for magnesium, say when that day's
    supplement magnesium is above the upper level for supplements (the UL counts
    supplements only)."""
    from diary.nutrition import supplement_intake
    from diary.profile import get_profile
    from diary.targets import targets_for

    row = supplement_intake(nutrient, dose, when, note)
    entry_id = entries.log_intake(store, now, row)
    if nutrient != "magnesium":
        return SupplementLogged(entry_id, row, None)
    day = when.astimezone(tz).date()
    start, end = entries.day_bounds(day, tz)
    taken = store.rows(
        "SELECT coalesce(sum(i.magnesium_mg), 0) FROM intake i JOIN entry e ON e.id = i.id "
        "WHERE e.deleted_at IS NULL AND i.source = 'supplement' AND i.taken_at >= :a AND i.taken_at < :b",
        {"a": to_db(start), "b": to_db(end)},
    )
    total = float(taken[0][0] or 0)
    upper = targets_for(get_profile(store), day)["magnesium_mg"].upper
    if upper is None or total <= upper:
        return SupplementLogged(entry_id, row, None)
    return SupplementLogged(entry_id, row, f"supplement magnesium that day is {fmt_amount(total)} mg, above the "
                                           f"{fmt_amount(upper)} mg upper level for supplements (it can cause "
                                           "diarrhoea); check the dose with your clinician")
