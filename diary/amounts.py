"""Amounts as a patient types them: "330ml", "1.5 l", "2 cups", "8 fl oz", "100g", "1 medium".

Standard library only (the logging path imports this). `parse_amount` reads the shape
of an amount without knowing the food; a word that is not a unit ("medium", "slices")
is kept as a portion name for the food to resolve (see diary.foods). `parse_dose` reads
a supplement dose in mg or g. Each raises `ValueError` with one line that names the
value and what is allowed; the CLI turns it into a usage error (exit status 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# US customary volumes, in ml (USDA's household measures are US measures).
FL_OZ_ML = 29.5735295625
CUP_ML = 236.5882365
TBSP_ML = 14.78676478125
TSP_ML = 4.92892159375
OZ_G = 28.349523125

MASS_G: dict[str, float] = {"g": 1.0, "kg": 1000.0, "oz": OZ_G}
VOLUME_ML: dict[str, float] = {
    "ml": 1.0, "cl": 10.0, "dl": 100.0, "l": 1000.0,
    "fl oz": FL_OZ_ML, "cup": CUP_ML, "tbsp": TBSP_ML, "tsp": TSP_ML,
}

# What people type for each unit (singular and plural), mapped to the canonical unit.
UNIT_ALIASES: dict[str, str] = {
    "g": "g", "gr": "g", "gram": "g", "grams": "g", "gramme": "g", "grammes": "g",
    "kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg", "kilograms": "kg",
    "oz": "oz", "ounce": "oz", "ounces": "oz",
    "ml": "ml", "millilitre": "ml", "millilitres": "ml", "milliliter": "ml", "milliliters": "ml",
    "cl": "cl", "dl": "dl",
    "l": "l", "litre": "l", "litres": "l", "liter": "l", "liters": "l", "ltr": "l",
    "fl oz": "fl oz", "floz": "fl oz", "fl. oz": "fl oz", "fl.oz": "fl oz", "fl. oz.": "fl oz",
    "fluid ounce": "fl oz", "fluid ounces": "fl oz", "fl ounce": "fl oz", "fl ounces": "fl oz",
    "cup": "cup", "cups": "cup", "c": "cup",
    "tbsp": "tbsp", "tbsps": "tbsp", "tbs": "tbsp", "tablespoon": "tbsp", "tablespoons": "tbsp",
    "tsp": "tsp", "tsps": "tsp", "teaspoon": "tsp", "teaspoons": "tsp",
}

UNITS_HELP = "g, kg, oz, ml, l, fl oz, cup, tbsp, tsp"
AMOUNT_HELP = (f"use a number and a unit ({UNITS_HELP}) or one of the food's portions, like 100g, 330ml, 1 cup or "
               "2 medium")

# What plain (tap) water is called; `diary drink 500ml` means the same. The one list:
# diary.cli.drink and diary.cli.food both read it from here.
WATER_WORDS = frozenset({"water", "tap water", "plain water", "drinking water", "still water", "filtered water",
                         "cold water", "hot water", "warm water", "ice water", "iced water", "boiled water",
                         "water from the tap", "glass of water"})

# How a typed word that is an amount starts ("330ml", ".5l", "½ cup", "-5g"); a word
# starting so is read as an amount, unless it is an NDB number (see `is_ndb`).
NUMBER_START = tuple("0123456789.½¼¾⅓⅔⅛-−")

# Caps against typos: a single entry above these is refused (log larger amounts as several).
MAX_FOOD_G = 5000.0
MAX_DRINK_ML = 5000.0
MAX_SODIUM_MG = 50_000.0
# ... and below these (0.0001 ml would be stored as 0 ml of water, which is nothing).
# 0.1 g still lets a pinch of salt through (1/8 tsp is 0.75 g); a drink's smallest is 1 ml.
MIN_FOOD_G = 0.1
MIN_DRINK_ML = 1.0

_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
_WORD_NUMBERS = {"a": 1.0, "an": 1.0, "one": 1.0, "half": 0.5, "half a": 0.5, "half an": 0.5, "two": 2.0, "three": 3.0}
_NUMBER = r"(?:\d+\s+\d+/\d+|\d+/\d+|\d+(?:[.,]\d+)?|\.\d+)"
_LEADING = re.compile(rf"^(?P<num>{_NUMBER})\s*(?P<rest>.*)$")


@dataclass(frozen=True)
class Amount:
    """One typed amount.

    `unit` is a canonical unit from UNIT_ALIASES' values, or "" when the words are a
    portion of the food (`portion`, e.g. "medium", "slice"). `qualifier` holds words
    after a cup/tbsp/tsp unit ("cup sliced" -> "sliced"). `text` is the amount as
    said, tidied ("330 ml", "2 medium").
    """

    quantity: float
    unit: str
    text: str
    portion: str | None = None
    qualifier: str | None = None
    number_given: bool = True

    @property
    def is_mass(self) -> bool:
        return self.unit in MASS_G

    @property
    def is_volume(self) -> bool:
        return self.unit in VOLUME_ML

    @property
    def grams(self) -> float | None:
        """The weight in g for a mass unit, else None."""
        return self.quantity * MASS_G[self.unit] if self.is_mass else None

    @property
    def ml(self) -> float | None:
        """The volume in ml for a volume unit, else None."""
        return self.quantity * VOLUME_ML[self.unit] if self.is_volume else None


def is_ndb(text: str) -> bool:
    """True for text that is an NDB number: 4 or 5 digits ("09040", "9040"; the lowest is 01001)."""
    t = text.strip()
    return t.isdigit() and 4 <= len(t) <= 5


def check_size(said: str, grams: float | None, ml: float | None, *, drink: bool, name: str | None = None) -> None:
    """Refuse one entry that is surely a typo: above 5 kg of food or 5 l of a drink, or
    below 0.1 g of food or 1 ml of a drink. `name` (the food) goes into the message."""
    of = f" of {name}" if name else ""
    if ml is not None and drink and ml > MAX_DRINK_ML:
        raise ValueError(f"amount {said!r}{of} is {ml:,.0f} ml, more than 5 l in one entry: "
                         "check the amount, or log it as several drinks")
    if grams is not None and grams > MAX_FOOD_G:
        raise ValueError(f"amount {said!r}{of} is {grams:,.0f} g, more than 5 kg in one entry: "
                         "check the amount, or log it as several entries")
    if drink and ml is not None:
        if ml < MIN_DRINK_ML:
            raise ValueError(f"amount {said!r}{of} is {_format_quantity(ml)} ml, less than 1 ml: "
                             "check the amount, like 250ml")
    elif grams is not None and grams < MIN_FOOD_G:
        raise ValueError(f"amount {said!r}{of} is {_format_quantity(grams)} g, less than 0.1 g: "
                         "check the amount, like 100g")


def _tidy(text: str) -> str:
    return " ".join(text.strip().lower().split())


def parse_number(text: str) -> float:
    """1, 1.5, 1,5 (decimal comma), 1/2, 1 1/2, .5, ½ -> float."""
    text = text.strip()
    if text in _FRACTIONS:
        return _FRACTIONS[text]
    if " " in text:
        whole, frac = text.split(None, 1)
        return float(whole.replace(",", ".")) + parse_number(frac)
    if "/" in text:
        num, den = text.split("/", 1)
        if float(den) == 0:
            raise ValueError("division by zero")
        return float(num) / float(den)
    return float(text.replace(",", "."))


def _format_quantity(q: float) -> str:
    return f"{q:g}" if q >= 0.01 or q == 0 else f"{q:.3g}"


def _split_number(text: str) -> tuple[float | None, str, str]:
    """(quantity or None, rest, the number as typed) of a tidied amount."""
    for ch, value in _FRACTIONS.items():
        if text.startswith(ch):
            return value, text[len(ch):].strip(), ch
    m = _LEADING.match(text)
    if m:
        # "1,500" is 1500 with a thousands comma or 1.5 with a decimal comma: refuse to guess.
        # "0,500" and "0,5" can only be decimals.
        if re.fullmatch(r"[1-9]\d{0,2},\d{3}", m.group("num")):
            raise ValueError(f"number {m.group('num')!r} is ambiguous: write {m.group('num').replace(',', '')} "
                             f"or {m.group('num').replace(',', '.')}")
        try:
            return parse_number(m.group("num")), m.group("rest").strip(), m.group("num")
        except (ValueError, ZeroDivisionError):
            return None, text, ""
    for words in sorted(_WORD_NUMBERS, key=len, reverse=True):
        if text.startswith(words + " "):
            return _WORD_NUMBERS[words], text[len(words) + 1:].strip(), words
    return None, text, ""


def _unit_of(rest: str) -> tuple[str, str | None] | None:
    """(canonical unit, qualifier words) if `rest` starts with a unit, else None."""
    rest = rest.strip()
    if rest in UNIT_ALIASES:
        return UNIT_ALIASES[rest], None
    # the longest alias that starts the text and is followed by a separator
    for alias in sorted(UNIT_ALIASES, key=len, reverse=True):
        if rest.startswith(alias) and len(rest) > len(alias) and rest[len(alias)] in " ,.(":
            unit = UNIT_ALIASES[alias]
            qualifier = rest[len(alias):].strip(" ,.()")
            if unit in ("cup", "tbsp", "tsp") and qualifier:
                return unit, qualifier  # "cup sliced", "cup, mashed": matched against the food's cups
            return None
    return None


def parse_amount(text: str, *, portions_allowed: bool = True) -> Amount:
    """Read an amount: a number with a unit, a number with a portion word, or a portion word.

    "330ml", "0,5 l", "1 1/2 cups", "8 fl oz", "2 tbsp", "100 g", "2 medium", "medium",
    "a cup", "2 slices". A bare number has no unit and is refused (is "200" grams, ml or
    bananas?). With `portions_allowed` False (plain water), only units are accepted.
    """
    raw = text
    text = _tidy(text)
    allowed = AMOUNT_HELP if portions_allowed else f"use a number and a unit ({UNITS_HELP}), like 500ml or 0.5l"
    if not text:
        raise ValueError(f"empty amount: {allowed}")
    if text.startswith("-") or text.startswith("−"):
        raise ValueError(f"amount {raw!r} is negative: {allowed}")
    quantity, rest, _ = _split_number(text)
    number_given = quantity is not None
    if quantity is None:
        if text[0].isdigit() or text[0] == ".":
            raise ValueError(f"amount {raw!r} not understood: {allowed}")
        quantity = 1.0
    if quantity <= 0:
        raise ValueError(f"amount {raw!r} is zero: {allowed}")
    if quantity > 1e6:
        raise ValueError(f"amount {raw!r} is far too large: {allowed}")
    if not rest:
        raise ValueError(f"amount {raw!r} has no unit: {allowed}")
    q = _format_quantity(quantity)
    unit = _unit_of(rest)
    if unit is not None:
        name, qualifier = unit
        said = f"{q} {name}" + (f", {qualifier}" if qualifier else "")
        if name == "cup" and quantity > 1 and not qualifier:
            said = f"{q} cups"
        return Amount(quantity, name, said, qualifier=qualifier, number_given=number_given)
    if not portions_allowed or not re.fullmatch(r"[a-z][a-z0-9 ,.'\"()/-]*", rest):
        raise ValueError(f"amount {raw!r} has an unknown unit {rest!r}: {allowed}")
    said = f"{q} {rest}" if number_given else rest
    return Amount(quantity, "", said, portion=rest, number_given=number_given)


@dataclass(frozen=True)
class Dose:
    """A supplement dose in mg, with the text as said ("200 mg")."""

    mg: float
    text: str


DOSE_HELP = "use a number with mg or g, like 200mg or 1 g (the elemental amount on the label)"
MIN_DOSE_MG = 1.0
# One dose above these is surely a typo, or the weight of the compound rather than of the
# element (500 mg of magnesium oxide holds about 300 mg of magnesium), so it is refused.
# Magnesium: 10 x the adults' 350 mg upper level for supplements (a laxative dose of milk
# of magnesia is about 1,000 mg). Calcium, potassium, sodium have no supplement UL to scale,
# so an absolute cap well above any tablet or prescribed dose: calcium 3,000 mg (more than
# the adults' 2,000-2,500 mg UL for a whole day from everything), potassium 3,000 mg
# (about 77 mmol; prescribed doses are 8-40 mmol), sodium 5,000 mg (12.7 g of salt; a salt
# tablet holds about 400 mg).
MAX_DOSE_MG = {"magnesium": 3_500.0, "calcium": 3_000.0, "potassium": 3_000.0, "sodium": 5_000.0}
_DOSE_CAP_WHY = {"magnesium": "10 times the 350 mg upper level for supplements"}


def parse_dose(text: str, nutrient: str) -> Dose:
    """A supplement dose in mg or g ("200mg", "0.5 g"), from 1 mg to a cap per nutrient."""
    raw = text
    text = _tidy(text)
    if text.startswith(("-", "−")):
        raise ValueError(f"dose {raw!r} is negative: {DOSE_HELP}")
    m = re.fullmatch(rf"({_NUMBER})\s*(mg|milligrams?|g|grams?)", text)
    if not m:
        if re.fullmatch(_NUMBER, text):
            raise ValueError(f"dose {raw!r} has no unit: {DOSE_HELP}")
        raise ValueError(f"dose {raw!r} not understood: {DOSE_HELP}")
    if re.fullmatch(r"[1-9]\d{0,2},\d{3}", m.group(1)):
        raise ValueError(f"number {m.group(1)!r} is ambiguous: write {m.group(1).replace(',', '')} "
                         f"or {m.group(1).replace(',', '.')}")
    value = parse_number(m.group(1))
    unit = "mg" if m.group(2).startswith("m") else "g"
    mg = value if unit == "mg" else value * 1000
    if mg <= 0:
        raise ValueError(f"dose {raw!r} is zero: {DOSE_HELP}")
    if mg < MIN_DOSE_MG:
        raise ValueError(f"dose {raw!r} is less than 1 mg of {nutrient}: {DOSE_HELP}")
    cap = MAX_DOSE_MG[nutrient]
    if mg > cap:
        why = f" ({_DOSE_CAP_WHY[nutrient]})" if nutrient in _DOSE_CAP_WHY else ""
        raise ValueError(
            f"dose {raw!r} is more than {cap:,.0f} mg of {nutrient} in one dose{why}: check the label for the "
            f"elemental {nutrient} (not the weight of the compound)"
        )
    return Dose(mg, f"{_format_quantity(value)} {unit}")
