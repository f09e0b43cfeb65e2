"""What a typed amount of a food comes to: grams, ml for a drink, and how it was worked out.

`serving_for(food, amount)` reads an amount in units (g, ml, cup, tbsp ...) or in the
food's own portions ("1 medium", "2 slices"); `check_caps` refuses amounts that are
surely typos. Household measures ("a mug", "a pint") are turned into such amounts by
diary.intake with the table of diary.foods.household.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from diary.amounts import MAX_SODIUM_MG, UNITS_HELP, Amount, check_size
from diary.foods.food import Food, Portion, contribution
from diary.foods.text import fmt_amount, words


@dataclass(frozen=True)
class Serving:
    """What a typed amount of a food comes to: grams, ml (for volumes and drinks) and notes.

    `text` is the amount as stored with the intake ("1 medium", "330 ml");
    `detail` is how it was worked out, for the reply ("1 medium (118 g)").
    """

    grams: float
    ml: float | None
    text: str
    detail: str
    notes: tuple[str, ...] = ()


def _portion_list(food: Food, n: int = 6) -> str:
    if not food.portions:
        return "its portions: none in the table (give g, kg or oz)"
    shown = "; ".join(p.describe() for p in food.portions[:n])
    more = f"; and {len(food.portions) - n} more (diary foods search {food.ndb})" if len(food.portions) > n else ""
    return f"its portions: {shown}{more}"


# Measures of volume, by which USDA also measures cut foods ("cup, slices"): one slice is not one.
_SPOONS_AND_CUPS = frozenset({"cup", "tbsp", "tsp", "fl", "pint", "quart", "liter", "ml"})


def _match_portion(food: Food, wanted: list[str], pool: list[Portion] | None = None) -> Portion | None:
    """The portion whose words contain all `wanted` words; the one starting with the first
    wanted word, with fewest other words, then a medium one, then USDA's order, wins."""
    pool = list(food.portions) if pool is None else pool
    if wanted and wanted[0] not in _SPOONS_AND_CUPS:  # "a slice" is not USDA's "cup, slices"
        pool = [p for p in pool if p.first_word not in _SPOONS_AND_CUPS]
    fits = [p for p in pool if set(wanted) <= set(p.unit_words) or
            (wanted and wanted[0] == p.first_word and set(wanted[1:]) <= set(p.unit_words))]
    if not fits:
        return None
    # of "slice, large", "slice, medium" and "slice, thin", the medium one
    fits.sort(key=lambda p: (p.first_word != wanted[0] if wanted else False, len(p.unit_words),
                             "medium" not in p.unit_words, p.seq))
    return fits[0]


def serving_for(food: Food, amount: Amount | None, *, drink: bool = False) -> Serving:
    """Grams (and ml) of `food` for a typed `amount` (None: one natural unit).

    - g, kg, oz: the weight as given.
    - cup, tbsp, tsp: the food's own cup/tbsp/tsp measure when it has one ("1 cup" of
      banana is its "cup, mashed", 225 g, unless a word like "sliced" picks another);
      otherwise the volume is converted by the food's density.
    - ml, l, fl oz: by the food's density from a volume measure in the table (e.g. milk,
      "fl oz" = 30.5 g: 1.031 g/ml); a drink without one is taken as 1 g/ml, and the
      reply says so; a solid without one is refused.
    - a portion word ("medium", "2 slices"): that household measure.

    Raises ValueError naming the amount and what is allowed; also for amounts above the
    caps (5 kg of food, 5 l of a drink, 50 g of sodium in one entry).
    """
    notes: list[str] = []
    ml: float | None = None
    if amount is None:
        p = food.natural_portion(drink=drink)
        if p is None:
            raise ValueError(f"{food.description} ({food.ndb}) has no household measures in the food table: "
                             "give an amount, like 100g" + (" or 250ml" if drink else ""))
        grams = p.gram_weight
        text = f"{p.amount:g} {p.label}"
        detail = f"{text} ({fmt_amount(grams)} g)"
        if p.ml_each:
            ml = p.ml_each * p.amount
        which = "its medium size" if p.first_word == "medium" else "its first household measure"
        if drink and p is not food.portions[0] and p.first_word != "medium":
            which = "a drink-sized measure"
        notes.append(f"no amount given, so {text} ({fmt_amount(grams)} g), {which}; give an amount to change it")
    elif amount.is_mass:
        mass = amount.grams
        assert mass is not None
        grams = mass
        text = amount.text
        detail = f"{amount.text}" if amount.unit == "g" else f"{amount.text} ({fmt_amount(grams)} g)"
        if drink and food.density:
            ml = grams / food.density[0]
    elif amount.is_volume:
        ml = amount.ml
        assert ml is not None
        text = amount.text
        own = None
        if amount.unit in ("cup", "tbsp", "tsp"):
            pool = [p for p in food.portions if p.first_word == amount.unit]
            if amount.qualifier:
                own = _match_portion(food, [amount.unit, *words(amount.qualifier)], pool)
                if own is None:
                    raise ValueError(f"amount {amount.text!r}: {food.description} has no such {amount.unit} measure; "
                                     f"use one of {_portion_list(food)}")
            elif pool:
                pool = sorted(pool, key=food.other_form)  # "cup prepared" of a drink before its "cup dry mix"
                plain = [p for p in pool if p.is_plain_volume]
                own = (plain or pool)[0]
        if own is not None:
            grams = amount.quantity * own.grams_each
            ml = amount.quantity * (own.ml_each or 0) or ml
            detail = f"{amount.quantity:g} {own.label} ({fmt_amount(grams)} g)"
            text = f"{amount.quantity:g} {own.label}"
        elif food.density:
            density, source = food.density
            grams = ml * density
            detail = f"{amount.text} ({fmt_amount(grams)} g)"
            notes.append(f"{amount.text} converted at {density:.3g} g/ml, from its measure "
                         f"{source.amount:g} {source.unit} = {source.gram_weight:g} g")
        elif drink or food.is_beverage:
            grams = ml
            detail = f"{amount.text} ({fmt_amount(grams)} g)"
            notes.append(f"assumed 1 g/ml: the food table gives no volume measure for {food.description}")
        else:
            raise ValueError(f"amount {amount.text!r}: {food.description} has no volume measure in the food table, "
                             f"so give its weight (g, oz) or one of {_portion_list(food)}")
    else:
        wanted = words(amount.portion or "")
        p = _match_portion(food, wanted)
        if p is None and wanted and set(wanted) <= set(words(food.description.split(",")[0])):
            p = food.natural_portion(drink=drink)  # "2 bananas": two of its natural unit
            if p is not None:
                notes.append(f"{amount.text} taken as {amount.quantity:g} x {p.amount:g} {p.label}")
                grams = amount.quantity * p.gram_weight
                text = f"{amount.quantity * p.amount:g} {p.label}"
                detail = f"{text} ({fmt_amount(grams)} g)"
                ml = amount.quantity * p.amount * p.ml_each if p.ml_each else None
                return _checked(food, grams, ml, text, detail, notes, drink)
        if p is None:
            raise ValueError(f"amount {amount.text!r}: {food.description} has no {amount.portion!r} portion; use "
                             f"{UNITS_HELP}, or one of {_portion_list(food)}")
        grams = amount.quantity * p.grams_each
        text = f"{amount.quantity:g} {p.label}"
        detail = f"{text} ({fmt_amount(grams)} g)"
        if p.ml_each:
            ml = amount.quantity * p.ml_each
    return _checked(food, grams, ml, text, detail, notes, drink)


def _checked(food: Food, grams: float, ml: float | None, text: str, detail: str, notes: list[str],
             drink: bool) -> Serving:
    if drink and ml is None and not food.density and grams:
        ml = grams
    check_caps(food.description, text, grams, ml, contribution(food, grams), drink=drink)
    return Serving(grams, None if ml is None else round(ml, 3), text, detail, tuple(notes))


def check_caps(name: str, said: str, grams: float | None, ml: float | None, values: Mapping[str, Any],
               *, drink: bool) -> None:
    """Refuse one entry above 5 kg of food, 5 l of a drink or 50 g of sodium, or below
    0.1 g of food or 1 ml of a drink (a typo, surely): see `diary.amounts.check_size`."""
    check_size(said, grams, ml, drink=drink, name=name)
    sodium = values.get("sodium_mg")
    if sodium is not None and sodium > MAX_SODIUM_MG:
        raise ValueError(f"amount {said!r} of {name} has {fmt_amount(sodium)} mg sodium, more than 50 g in one "
                         "entry: check the amount")

