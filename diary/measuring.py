"""How much a reading of the patient's words comes to, for the food they name: grams, ml
for a drink, and the nutrients it contributed.

"a mug" is the household table's mug (diary.foods.household), "2 slices" the food's own
slices, "2 strawberries" two of the everyday-names table's strawberries, nothing at all
its natural serving, "330 ml" exactly that. A pint or a can whose size depends on the
country is a question (ChoiceNeeded, slot "units") when the unit system is not known.
Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from diary.amounts import Amount, check_size, parse_amount
from diary.choosing import Found
from diary.errors import ChoiceNeeded
from diary.foods import (
    DRINK_KINDS,
    UNCOUNTED,
    EverydayName,
    Food,
    check_caps,
    contribution,
    fmt_amount,
    norm,
    serving_for,
)
from diary.foods.forms import dry_form
from diary.foods.household import (
    DRINK_CONTAINERS,
    MEASURE_WORDS,
    OWN_PORTION_WORDS,
    SIZE_FACTORS,
    UNITS_NAMES,
    Measure,
    choose_measure,
    measure_options,
)
from diary.foods.text import words
from diary.nutrition import own_serving
from diary.phrase import SERVING, Reading, read_phrase

GLASS_OF_WATER = "250 ml"  # `diary drink water`: one glass (the household table's glass)
# Measures the household table decides before the food's own portion of that name: USDA's
# "bag (8 oz)" of potato chips is a family bag, "a bag of crisps" a single one.
HOUSEHOLD_FIRST = frozenset({"packet"})
# Drinks whose container the food table knows better than the household table (a can of
# Red Bull is 8.4 fl oz, not a soft-drink can).
OWN_CONTAINERS = frozenset({"energy"})
# Foods that are poured or spooned like a drink, so a glass or mug of them makes sense.
POURED_FOODS = frozenset({"soup", "yogurt", "ice cream"})


# Measures a food is served in as eaten or drunk, never a measure of a powder or concentrate
# ("a mug of cocoa mix" is the drink); a bowl or plate of a breakfast cereal is the dry cereal.
SERVED_MEASURES = frozenset({"glass", "mug", "can", "bottle", "pint", "carton", "shot", "double", "bowl", "plate"})
SPOON_MEASURES = frozenset({"spoonful", "dessertspoon"})
SPOON_UNITS = frozenset({"tsp", "tbsp"})


# Groups whose dry forms are made into something poured: a cup of them is the drink or soup
# ("diary eat a cup of cocoa mix"), where a cup of another dry food is that food (a cup of flour).
POURED_GROUPS = frozenset({"Beverages", "Soups, Sauces, and Gravies"})


def served(reading: Reading, drink: bool, kind: str | None, food: Food | None = None) -> bool:
    """Whether the amount is one of the food as served: a drink's container or volume, a bowl, or
    (drinking) no amount at all; not a weight, a spoon or the food's own portion."""
    amount = reading.amount
    if amount is not None:
        if amount.unit:
            poured = drink or (food is not None and food.group in POURED_GROUPS)
            return amount.is_volume and amount.unit not in SPOON_UNITS and (poured or amount.unit != "cup")
        return drink and amount.portion in ("small", "medium", "large")  # "a large ovaltine"
    if reading.measure in SERVED_MEASURES:
        return not (reading.measure in ("bowl", "plate") and kind == "cereal")
    return drink and reading.measure in (None, "serving")


@dataclass(frozen=True)
class Taken:
    """What was taken: grams and ml, the nutrients, `detail` for the reply ("350 ml",
    "1 medium (118 g)"), `amount_text` for the diary ("a mug (350 ml)"), and notes."""

    grams: float | None
    ml: float | None
    values: dict[str, float | None]
    detail: str
    amount_text: str
    notes: tuple[str, ...] = ()


def kind_of(found: Found) -> str:
    """Which household measures fit the food: the everyday-names table's kind, else one
    guessed from the table's group ("beer" for a beer, "soft" for another beverage)."""
    if found.water:
        return "water"
    if found.everyday is not None:
        return found.everyday.kind
    if found.own is not None:
        return "soft" if found.own.is_drink else "food"
    assert found.food is not None
    desc = found.food.description.lower()
    if found.food.group != "Beverages":
        return "food"
    # SR28's "dessert" wines are the fortified ones (port, sherry, over 15 % alcohol), poured
    # like liqueurs in small glasses
    for kind, word in (("beer", "beer"), ("fortified", "wine, dessert"), ("fortified", "liqueur"), ("wine", "wine"),
                       ("spirit", "distilled"), ("cider", "cider"), ("hot", "coffee"), ("hot", "tea,")):
        if word in desc:
            return kind
    return "soft"


_FRACTIONS = {0.0625: "1/16", 0.125: "1/8", 0.25: "1/4", 0.5: "1/2", 0.75: "3/4"}
_PLURALS = {w: w + "s" for w in ("cup", "tablespoon", "teaspoon", "slice", "piece", "cracker", "link", "stick",
                                 "wedge", "pat", "fillet", "bagel", "muffin", "roll", "cookie", "spear", "leaf",
                                 "date", "prune", "container", "bar", "cake", "pancake", "waffle", "rasher",
                                 "carton", "can", "bottle", "pot", "packet", "bag", "jar", "pastry", "item")}
_PLURALS.update({"patty": "patties", "large": "large", "medium": "medium", "small": "small"})


def _spoken(text: str) -> str:
    """A measure as people say it: '0.0625 tsp' -> '1/16 tsp', '1.5 cup' -> '1.5 cups'."""
    count, _, unit = text.partition(" ")
    try:
        q = float(count)
    except ValueError:
        return text
    first, _, rest = unit.partition(" ")
    if q > 1 and first.rstrip(",") in _PLURALS:
        unit = _PLURALS[first.rstrip(",")] + first[len(first.rstrip(",")):] + (f" {rest}" if rest else "")
    return f"{_FRACTIONS.get(q) or _thirds(q) or count} {unit}"


def _thirds(q: float) -> str | None:
    """"2/3" for 0.666667 (a small cup, a third of a pint); None for other numbers."""
    for n, d in ((1, 3), (2, 3), (4, 3)):
        if abs(q - n / d) < 1e-4:
            return f"{n}/{d}"
    return None


def _detail(text: str, grams: float | None, ml: float | None, drink: bool) -> str:
    """'350 ml', '12 fl oz (355 ml)', '1 medium (118 g)', '100 g'."""
    text = _spoken(text)
    if drink and ml is not None:
        return text if text.endswith(" ml") else f"{text} ({fmt_amount(ml)} ml)"
    if grams is None or text.endswith(" g"):
        return text
    return f"{text} ({fmt_amount(grams)} g)"


def measure_reading(found: Found, reading: Reading, *, drink: bool, units: str | None) -> Taken:
    """What `reading` comes to for `found` (see the module's rules). Raises ValueError for an
    amount the food cannot take and ChoiceNeeded for a pint or can of unknown size."""
    kind = kind_of(found)
    drinkish = drink or kind in DRINK_KINDS or (found.own is not None and found.own.is_drink)
    q = reading.quantity
    form = dry_form(found.food) if found.food is not None else None
    if form is not None and served(reading, drink, kind, found.food):
        # "a mug" of a powder is never a mug of powder (diary.intake asks which drink was made with it)
        raise ValueError(f"amount {reading.how_much or reading.said!r}: {found.label} is a {form}, so that would be "
                         f"the {form} itself; give the {form} by weight or spoon (like 20g or 2 tsp)")
    container = _sized_container(found, reading.amount, kind) if drinkish and reading.amount else None
    if container is not None and reading.amount is not None:  # "a large coffee": a large mug of it
        size = None if kind == "spirit" else DRINK_SIZES[reading.amount.portion or ""]
        amount = _measure_amount(found, container, size, reading.amount.quantity, kind, drinkish, units,
                                 reading.how_much)
        taken = _weigh_said(found, amount, drinkish, reading.how_much)
        return replace(taken, amount_text=_said(reading.how_much, taken.amount_text))
    if reading.amount is not None:  # units or the food's own portion: stored as the table reads it
        if not reading.amount.unit and reading.how_much:  # "a small": refused as said, never as "1 small"
            return _weigh_said(found, reading.amount, drinkish, reading.how_much)
        return _weigh(found, reading.amount, drinkish, reading.how_much or reading.amount.text)
    if reading.bare and q is not None and q >= BARE_COUNT_MAX:  # "apple 150", "water 750"
        return _bare_number(found, reading, q, drinkish)
    if reading.measure == SERVING and reading.size is not None:  # "a small portion of chips"
        return _sized_serving(found, reading, q if q is not None else 1.0, drinkish)
    if reading.measure is None and q == 0.5 and kind in ("beer", "cider") and units == "uk" and not reading.bare:
        # "a half of lager", "half a cider": in the UK a half is half a pint
        taken = _weigh_said(found, _measure_amount(found, "pint", None, 0.5, kind, drinkish, units,
                                                   reading.how_much), drinkish, reading.how_much)
        return replace(taken, amount_text=_said(reading.how_much, taken.amount_text))
    if reading.measure in (None, SERVING):
        return _natural(found, q if q is not None else 1.0, count=q is not None and reading.measure is None,
                        drinkish=drinkish)
    assert reading.measure is not None and q is not None
    row = found.everyday
    one = _one_portion(row, reading.measure) if row is not None and reading.size is None else None
    if one is not None and found.food is not None:
        # "2 slices of toast": two of the everyday table's slices of toast (22 g), not USDA's first slice
        text, grams, ml = one
        taken = _scaled(found.food, text, q * grams, None if ml is None else q * ml, q, drinkish)
        return replace(taken, amount_text=_said(reading.how_much, taken.amount_text))
    if reading.size is not None and reading.measure not in MEASURE_WORDS.values():
        return _sized_portion(found, reading, q, kind, drinkish, units)
    amount = _measure_amount(found, reading.measure, reading.size, q, kind, drinkish, units, reading.how_much)
    taken = _weigh_said(found, amount, drinkish, reading.how_much)
    return replace(taken, amount_text=_said(reading.how_much, taken.amount_text))


def _sized_portion(found: Found, reading: Reading, q: float, kind: str, drinkish: bool,
                   units: str | None) -> Taken:
    """"a thin slice of ham", "a large piece of cake": the food's own portion of that size ("slice,
    large") where the table has one, else its portion times the household table's factor."""
    size, measure = reading.size or "", reading.measure or ""
    if size not in SIZE_FACTORS:
        raise ValueError(f"amount {reading.how_much!r} of {found.label}: how much is that? Say how much, like "
                         f"2 {measure}s or 100g")
    food = found.food
    if food is not None:
        own = [p for p in food.portions if p.first_word in SAME_PORTIONS.get(measure, (measure,))
               and size in p.unit_words]
        if own:
            p = sorted(own, key=lambda p: (len(p.unit_words), p.seq))[0]
            amount = Amount(q, "", f"{q:g} {p.label}", portion=" ".join(p.unit_words))
            taken = _weigh_said(found, amount, drinkish, reading.how_much)
            return replace(taken, amount_text=_said(reading.how_much, taken.amount_text))
    base = measure_reading(found, replace(reading, size=None), drink=drinkish, units=units)
    return _scaled_by(found, base, size, reading.how_much, drinkish)


def _scaled_by(found: Found, base: Taken, size: str, said: str, drinkish: bool) -> Taken:
    """`base` times the household table's factor for `size` ("a small portion": 2/3 of one)."""
    factor, factor_text, _ = SIZE_FACTORS[size]
    grams = None if base.grams is None else base.grams * factor
    ml = None if base.ml is None else base.ml * factor
    values = {k: (None if v is None else v * factor) for k, v in base.values.items()}
    check_caps(found.label, said, grams, ml, values, drink=drinkish)
    plain = base.amount_text.split(" (")[0] if base.amount_text.startswith(said) and "(" in base.amount_text else (
        base.amount_text)
    inner = base.amount_text[len(said):].strip(" ()") if base.amount_text.startswith(said + " (") else plain
    size_of = f"{factor_text} x {inner}"
    detail = f"{size_of} ({fmt_amount(ml)} ml)" if drinkish and ml is not None else (
        f"{size_of} ({fmt_amount(grams or 0)} g)")
    return Taken(grams, ml, values, detail, f"{said} ({size_of})",
                 (f"assumed a {size} one is {factor_text} x the usual one",))


# A drink said by its size ("a large coffee", "a small orange juice") that the food table has
# no such size of is a container of that size from the household table: a mug for a hot
# drink, else a glass; a spirit's a single or a double. Beer and cider are not: their sizes are
# pints and halves.
DRINK_SIZES: dict[str, str | None] = {"small": "small", "medium": None, "large": "large"}
SIZED_KINDS = frozenset({"water", "hot", "soft", "juice", "milk", "wine", "fortified", "spirit"})
# A large spirit is a double, a small one a single (UK pub words: "a large whisky").
SPIRIT_SIZES = {"small": "shot", "large": "double"}


def _sized_container(found: Found, amount: Amount, kind: str) -> str | None:
    """The household container ("mug", "glass") a drink said by its size is taken in, or None
    when the words are not a size or the food has a portion of that size (a large cola)."""
    if amount.unit or amount.portion not in DRINK_SIZES or kind not in SIZED_KINDS:
        return None
    if found.food is not None and any(amount.portion in p.unit_words for p in found.food.portions):
        return None
    if kind == "spirit":
        return SPIRIT_SIZES.get(amount.portion or "")
    return "mug" if kind == "hot" else "glass"


# Portion words that name the same cut of a food: a slice of cake is a piece, of melon a wedge.
SAME_PORTIONS: dict[str, tuple[str, ...]] = {"slice": ("slice", "piece", "wedge"), "piece": ("piece", "slice", "wedge"),
                                             "wedge": ("wedge", "slice", "piece"), "stick": ("stick", "stalk"),
                                             "stalk": ("stalk", "stick")}


def _one_portion(row: EverydayName, unit: str) -> tuple[str, float, float | None] | None:
    """("1 slice", grams, ml) of one `unit` of an everyday food, when its one-of-it or its
    serving is that portion ("pizza": 2 slices, so a slice is 107 g); else None."""
    if row.each != UNCOUNTED and _same_portion(unit, row.each):
        return row.each, row.each_grams, row.each_ml
    count, _, named = row.serving.partition(" ")
    try:
        n = float(count)
    except ValueError:
        return None
    if n <= 0 or not _same_portion(unit, row.serving):
        return None
    return f"1 {named}", row.grams / n, None if row.ml is None else row.ml / n


def _same_portion(unit: str, each: str) -> bool:
    """Whether the everyday table's one-of-it ("1 slice", "1 piece") is a `unit` of the food."""
    named = set(each.lower().replace(",", " ").split()[1:2])
    return bool(named & set(SAME_PORTIONS.get(unit, (unit,))))


def _said(said: str, text: str) -> str:
    """The amount for the diary: as said, with what it was taken as ("a mug (350 ml)")."""
    text = _spoken(text)
    if norm(said) == norm(text):  # "2 bars" said, "2 bar" measured: the same
        return said
    return text if not said else f"{said} ({text})"


def _measure_amount(found: Found, unit: str, size: str | None, q: float, kind: str, drinkish: bool,
                    units: str | None, said: str) -> Amount:
    """The amount a household measure or portion word comes to: the food's own portion of
    that name first (a yoghurt's "container" for a pot), except for a drink in a container
    whose size the household table decides; then the household table."""
    food = found.food
    own_words = OWN_PORTION_WORDS.get(unit, SAME_PORTIONS.get(unit, (unit,)))
    own = found.own
    if own is not None and own.serving_text and unit in {w.rstrip("s") for w in own.serving_text.lower().split()}:
        return Amount(q, "", f"{q:g} {unit}", portion=unit)  # "2 bars" of an own food defined per "1 bar"
    household_first = unit in HOUSEHOLD_FIRST and any(m.kind == kind for m in measure_options(unit, kind, size))
    household_container = drinkish and unit in DRINK_CONTAINERS and kind not in OWN_CONTAINERS
    if food is not None and not household_container and size is None and not household_first:
        # the food's own measure of that name, the plainest first ("slice" before "slice, large")
        own_portions = sorted((p for p in food.portions if p.first_word in own_words),
                              key=lambda p: (own_words.index(p.first_word), len(p.unit_words),
                                             "medium" not in p.unit_words, p.seq))
        if own_portions:
            p = own_portions[0]
            return Amount(q, "", f"{q:g} {p.label}", portion=" ".join(p.unit_words))
    specific = any(m.kind == kind for m in measure_options(unit, kind, size))  # "a tin" of baked beans
    if unit in DRINK_CONTAINERS and not drinkish and kind not in POURED_FOODS and not specific:
        raise ValueError(f"amount {said!r}: {found.label} does not come in a {unit} in the food table; give g, a "
                         "count, or one of its portions (diary foods search shows them)")
    if unit not in MEASURE_WORDS.values():
        # a portion word of the food's own ("2 slices", "an ear"): the food says whether it has one
        return Amount(q, "", f"{q:g} {unit}", portion=unit)
    options = measure_options(unit, kind, size)
    if not options:
        sized = f"{size} {unit}" if size else unit
        raise ValueError(f"amount {said!r}: there is no {sized} of {found.label} in the household measures; give ml "
                         "or g, like 250ml or 30g")
    measure = choose_measure(options, units)
    if measure is None:
        raise ChoiceNeeded(_units_question(said, options), tuple((m.units, _units_label(m)) for m in options),
                           slot="units")
    if measure.amount is None:
        raise ValueError(f"amount {said!r}: {measure.reason}")
    base = parse_amount(measure.amount)
    total = q * base.quantity
    return Amount(total, base.unit, f"{fmt_amount(total) if base.unit == 'ml' else f'{total:g}'} {base.unit}")


def _units_label(m: Measure) -> str:
    return f"{UNITS_NAMES[m.units]}: {m.amount}" + ("" if m.amount is None or m.amount.endswith("ml") else
                                                    f" ({fmt_amount(parse_amount(m.amount).ml or 0)} ml)")


def _units_question(said: str, options: list[Measure]) -> str:
    sizes = " or ".join(_units_label(m) for m in options)
    return f"{said!r} differs between the UK and the US ({sizes}): set yours with diary profile --units uk|us, " \
           "or give ml"


def _weigh(found: Found, amount: Amount, drinkish: bool, said: str | None = None) -> Taken:
    """Grams, ml and nutrients of `amount` of the food (or water, or an own food); `said`
    is the amount as typed, for messages."""
    if found.water:
        ml = amount.ml if amount.is_volume else amount.grams
        if ml is None:
            raise ValueError(f"amount {said or amount.text!r} of water: use a number and a unit, like 500ml or 0.5l")
        check_size(said or amount.text, None, ml, drink=True)
        text = f"{fmt_amount(ml)} ml" if amount.unit not in ("ml", "l") else amount.text
        return Taken(ml, ml, {}, text if amount.unit in ("ml", "l") else f"{amount.text} ({fmt_amount(ml)} ml)",
                     amount.text)
    if found.own is not None:
        share = own_serving(found.own, amount, drink=drinkish)
        values = {k: (None if v is None else v * share.fraction) for k, v in found.own.values.items()}
        check_caps(found.own.name, share.text, share.grams, share.ml, values, drink=drinkish)
        return Taken(share.grams, share.ml, values, _detail(share.text, share.grams, share.ml, drinkish),
                     share.text, _kept(share.notes))
    assert found.food is not None
    serving = serving_for(found.food, amount, drink=drinkish)
    return Taken(serving.grams, serving.ml, contribution(found.food, serving.grams),
                 _detail(serving.text, serving.grams, serving.ml, drinkish), serving.text, _kept(serving.notes))


def _weigh_said(found: Found, amount: Amount, drinkish: bool, said: str) -> Taken:
    """`_weigh` of a measure the patient said in words ("a bowl"), whose refusal quotes what was
    said and what it was taken as ("amount 'a bowl' (taken as 1.5 cups): ..."), never only the
    table's amount the patient did not type."""
    try:
        return _weigh(found, amount, drinkish)
    except ValueError as exc:
        message = str(exc)
        quoted = f"amount {amount.text!r}"
        if said and message.startswith(quoted) and norm(said) != norm(amount.text):
            taken_as = "" if _measure_words(said) == _measure_words(amount.text) else (
                f" (taken as {_spoken(amount.text)})")  # "a jug" is "1 jug": no need to say so
            message = f"amount {said!r}{taken_as}" + message[len(quoted):]
        raise ValueError(message) from None


def _measure_words(text: str) -> set[str]:
    """The words of an amount without its count: "a jug" and "1 jug" are both {"jug"}."""
    return set(words(text)) - {"a", "an", "one"} - {w for w in words(text) if w[:1].isdigit()}


# A bare number after a food ("apple 150", "water 750", "grapes 30") up to this is a count
# (of its natural one, or of glasses or cups); from it, it may be grams or ml.
BARE_COUNT_MAX = 20.0
# ... grams of a food from 20, ml of a drink from 50 (20 to 49 ml is a sip, and 20 to 49
# glasses is no day's drinking: asked). As a count, it must come to no more than this.
BARE_MIN_G = 20.0
BARE_MIN_ML = 50.0
COUNT_MAX_G = 1500.0
SMALL_THING_G = 15.0


def _bare_number(found: Found, reading: Reading, q: float, drinkish: bool) -> Taken:
    """A bare number of 20 or more after a food: grams (ml for a drink) when that many of it
    could not be eaten at once; a count when that many of it is plausible and the number is too
    small for grams or ml; else a question (ValueError naming both readings)."""
    unit = "ml" if drinkish or found.water else "g"
    unit_ok = q >= (BARE_MIN_ML if unit == "ml" else BARE_MIN_G)
    try:
        counted: Taken | None = _natural(found, q, count=True, drinkish=drinkish)
    except ValueError:
        counted = None
    # twenty or more of a thing are eaten only of small things (grapes, almonds, crisps: 15 g or less
    # each); never twenty cups of a drink
    count_ok = unit == "g" and counted is not None and (counted.grams or 0) <= COUNT_MAX_G and (
        (counted.grams or 0) / q <= SMALL_THING_G)
    said = reading.how_much or f"{q:g}"
    if unit_ok and not count_ok:
        amount = Amount(q, unit, f"{q:g} {unit}")
        taken = _weigh(found, amount, drinkish, said)
        return replace(taken, amount_text=_said(said, taken.amount_text))
    if count_ok and not unit_ok and counted is not None:
        return counted
    one = "glasses" if found.water else "servings" if unit == "ml" else "of them"
    raise ValueError(f"amount {said!r} of {found.label}: {q:g} {one} or {q:g} {unit}? say which, like "
                     f"{q:g}{unit}" + ("" if unit == "ml" or not reading.what else f" or {q:g} {reading.what}"))


def _sized_serving(found: Found, reading: Reading, q: float, drinkish: bool) -> Taken:
    """"a small portion", "a large helping": the food's own portion of that size where the table has
    one (a small serving of fries), else its natural serving times the household table's factor
    for the size; a size with no factor ("a huge portion") is asked."""
    size = reading.size or ""
    said = reading.how_much
    food = found.food
    if food is not None and size in SIZE_FACTORS:
        sized = [p for p in food.portions if size in p.unit_words and p.first_word in (size, "serving")]
        if sized:
            p = sorted(sized, key=lambda p: (p.first_word != "serving", p.seq))[0]
            amount = Amount(q, "", f"{q:g} {p.label}", portion=" ".join(p.unit_words))
            taken = _weigh(found, amount, drinkish, said)
            return replace(taken, amount_text=_said(said, taken.amount_text))
    if size not in SIZE_FACTORS:
        raise ValueError(f"amount {said!r} of {found.label}: how much is that? Say how much, like 2 portions, "
                         "300g or 2 cups")
    return _scaled_by(found, _natural(found, q, count=False, drinkish=drinkish), size, said, drinkish)


def _kept(notes: tuple[str, ...]) -> tuple[str, ...]:
    """The notes worth the reply's one line: assumptions, not how a volume was converted."""
    return tuple(n for n in notes if n.startswith("assumed"))


def _natural(found: Found, q: float, *, count: bool, drinkish: bool) -> Taken:
    """`q` natural servings (or, for a count, `q` of one of it: "2 strawberries")."""
    if found.water:
        base = parse_amount(GLASS_OF_WATER)
        ml = q * (base.ml or 0)
        check_size(f"{q:g} glass", None, ml, drink=True)
        text = "1 glass" if q == 1 else f"{q:g} glasses"
        return Taken(ml, ml, {}, f"{fmt_amount(ml)} ml", f"{text} ({fmt_amount(ml)} ml)")
    if found.own is not None:
        amount = None if q == 1 else Amount(q, "", f"{q:g} serving", portion="serving")
        return _weigh(found, amount, drinkish) if amount else _one_own_serving(found, drinkish)
    food = found.food
    assert food is not None
    row = found.everyday
    if row is not None:
        if count and row.each == UNCOUNTED:
            raise ValueError(f"how much {found.label}? One can be any size: say how much, like "
                             f"{_spoken(row.serving)} ({fmt_amount(row.grams)} g) or 100g")
        text, grams, volume = (row.each, row.each_grams, row.each_ml) if count else (row.serving, row.grams, row.ml)
        return _scaled(food, text, q * grams, None if volume is None else q * volume, q, drinkish or row.is_drink)
    portion = food.natural_portion(drink=drinkish, counted=count)
    if portion is None:
        raise ValueError(f"{food.description} has no household measures in the food table: give an amount, like "
                         "100g" + (" or 250ml" if drinkish else ""))
    n = q * portion.amount
    return _weigh(found, Amount(n, "", f"{n:g} {portion.label}", portion=" ".join(portion.unit_words)), drinkish)


def _one_own_serving(found: Found, drinkish: bool) -> Taken:
    assert found.own is not None
    serving = own_serving(found.own, None, drink=drinkish)
    values = dict(found.own.values)
    check_caps(found.own.name, serving.text, serving.grams, serving.ml, values, drink=drinkish)
    return Taken(serving.grams, serving.ml, values, _detail(serving.text, serving.grams, serving.ml, drinkish),
                 serving.text)


def _scaled(food: Food, serving: str, grams: float, ml: float | None, q: float, drink: bool) -> Taken:
    """`q` times an everyday serving ("1 medium", "12 fl oz"), said as one amount ("2 medium")."""
    count, _, unit = serving.partition(" ")
    try:
        text = f"{float(count) * q:g} {unit}"
    except ValueError:
        text = serving if q == 1 else f"{q:g} x {serving}"
    values = contribution(food, grams)
    check_caps(food.description, text, grams, ml, values, drink=drink)
    return Taken(grams, ml if drink else None, values, _detail(text, grams, ml, drink), text)


def weigh_text(found: Found, amount_text: str, *, drink: bool, units: str | None) -> Taken:
    """What a typed amount alone ("2 cups", "a mug", "330ml", "1 cup sliced", "2") comes to for
    `found` (for `diary edit ID --amount`). Raises ValueError, or ChoiceNeeded for a pint
    of unknown size."""
    text = " ".join(amount_text.split())
    if text.replace(".", "", 1).isdigit():  # "2": two servings (or two of it)
        return measure_reading(found, Reading("", text, float(text), how_much=text, bare=True), drink=drink,
                               units=units)  # "150": grams or ml when large, as after a food
    readings = read_phrase(text.split()) if text else []
    if readings and readings[0].measure is not None and not readings[0].what:
        return measure_reading(found, readings[0], drink=drink, units=units)  # "a mug", "half a pint"
    amount = parse_amount(text)
    return measure_reading(found, Reading("", text, amount=amount, how_much=text), drink=drink, units=units)
