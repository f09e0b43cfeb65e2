"""One food of the table, its household measures, and what an eaten weight of it contributes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from diary.amounts import CUP_ML, FL_OZ_ML, TBSP_ML, TSP_ML
from diary.foods.text import fmt_amount, fold, words
from diary.vocab import NUTRIENTS

# The food table's column (per 100 g) for each nutrient of an intake: water is kept in g
# there (1 g of water is about 1 ml), the minerals in mg like the intake.
COLUMN_OF: dict[str, str] = {n.key: ("water_g" if n.key == "water_ml" else n.key) for n in NUTRIENTS}
PER_100G: tuple[str, ...] = tuple(COLUMN_OF.values())

_VOLUME_UNITS = {
    "cup": CUP_ML, "tbsp": TBSP_ML, "tablespoon": TBSP_ML, "tsp": TSP_ML, "teaspoon": TSP_ML,
    "liter": 1000.0, "litre": 1000.0, "l": 1000.0, "ml": 1.0, "quart": 946.352946, "pint": 473.176473,
    "gallon": 3785.411784,
}
_FL_OZ_IN = re.compile(r"(\d+(?:\.\d+)?|\d+/\d+)\s*fl\.?\s*oz")
_ML_IN = re.compile(r"(\d+(?:\.\d+)?)\s*ml\b")
# "serving 1/2 cup", "serving 1 tbsp": a serving that says its volume
# ... also "serving (4 tbsp or 1 envelope)" of a powder, where a heaping spoon holds about two level ones
_SERVING_VOLUME = re.compile(r"^(?:individual )?serving\s+\(?(\d+/\d+|\d+(?:\.\d+)?)(?:-\d+)?\s+(heaping\s+)?"
                             r"(cups?|tbsp|tablespoons?|tsp|teaspoons?)\b")
# Words of a measure or description: the form as made ("prepared", "reconstituted") or as bought
# ("dry mix", "powder", "undiluted"); a measure of the one form never weighs the other.
_MADE_WORDS = frozenset({"prepared", "reconstituted", "diluted", "brewed"})
_INGREDIENT_WORDS = frozenset({"dry", "mix", "powder", "unprepared", "undiluted", "concentrate", "uncooked"})
_CONTAINERS = ("cup", "can", "bottle", "serving", "glass", "container", "drink", "carton", "box")


def _num(text: str) -> float:
    if "/" in text:
        a, b = text.split("/")
        return float(a) / float(b)
    return float(text)


@dataclass(frozen=True)
class Portion:
    """One USDA household measure: `gram_weight` g is the weight of `amount` x `unit`."""

    seq: int
    amount: float
    unit: str
    gram_weight: float

    @property
    def grams_each(self) -> float:
        """Grams of one unit (gram_weight / amount)."""
        return self.gram_weight / self.amount

    @cached_property
    def label(self) -> str:
        """The unit without USDA's parenthetical detail: 'medium (7" to 7-7/8" long)' -> 'medium'."""
        short = re.sub(r"\s*\([^)]*\)", "", self.unit).strip(" ,")
        return short or self.unit

    @cached_property
    def unit_words(self) -> list[str]:
        return words(re.sub(r"\([^)]*\)", " ", self.unit)) or words(self.unit)

    @cached_property
    def first_word(self) -> str:
        w = self.unit_words[0] if self.unit_words else ""
        return {"tablespoon": "tbsp", "teaspoon": "tsp", "c": "cup"}.get(w, w)

    @cached_property
    def ml_each(self) -> float | None:
        """The volume of one unit in ml when the measure is a volume, else None."""
        unit = fold(self.unit)
        m = _FL_OZ_IN.search(unit)
        if m and (unit.startswith(_CONTAINERS) or unit.startswith(m.group(0))):
            # "8 fl oz" inside the unit: that is the volume of one unit
            count = _num(m.group(1)) if not unit.startswith("fl") else 1.0
            return count * FL_OZ_ML
        if unit.startswith(("fl oz", "fl. oz")):
            return FL_OZ_ML
        m = _SERVING_VOLUME.match(unit)
        if m:
            return _num(m.group(1)) * (2 if m.group(2) else 1) * _VOLUME_UNITS[m.group(3).rstrip("s")]
        m = _ML_IN.search(unit)
        if m and unit.startswith(("serving", "bottle", "can", "container", "ml")):
            return float(m.group(1))
        return _VOLUME_UNITS.get(self.first_word)

    @cached_property
    def is_plain_volume(self) -> bool:
        """A volume measure without a preparation word (not "cup, chopped"): a real density."""
        if self.ml_each is None:
            return False
        if "fl oz" in fold(self.unit) or "ml" in self.unit_words:
            return True
        extra = [w for w in self.unit_words if w not in ("cup", "tbsp", "tsp", "tablespoon", "teaspoon", "liter",
                                                          "litre", "quart", "pint", "gallon", "nlea", "serving", "1")]
        return not extra

    def describe(self, quantity: float | None = None) -> str:
        """'1 medium (118 g)' for `quantity` units (default: USDA's own amount)."""
        q = self.amount if quantity is None else quantity
        return f"{q:g} {self.label} ({fmt_amount(q * self.grams_each)} g)"


@dataclass(frozen=True)
class Food:
    """One food of the table: values per 100 g (None = unknown, never zero) and its portions."""

    ndb: str
    description: str
    group: str
    per_100g: dict[str, float | None]
    portions: tuple[Portion, ...] = field(default=())

    @property
    def is_beverage(self) -> bool:
        return self.group == "Beverages" or any("fl oz" in fold(p.unit) for p in self.portions)

    @cached_property
    def density(self) -> tuple[float, Portion] | None:
        """(g per ml, the measure it comes from) when the table gives a volume measure.

        Prefers USDA's "1 fl oz" itself, then a measure that says its fluid ounces ("can
        8.4 fl oz", "cup (8 fl oz)"), then a plain volume ("cup"), over one with a
        preparation word ("cup, chopped", whose weight depends on how it is packed).
        """
        volumes = [(p, p.ml_each) for p in self.portions if p.ml_each]
        if not volumes:
            return None
        volumes.sort(key=lambda v: (self.other_form(v[0]), 0 if v[0].label == "fl oz" else 1 if "fl oz" in
                                    fold(v[0].unit) else 2 if v[0].is_plain_volume else 3, v[0].seq))
        best, ml = volumes[0]
        assert ml is not None
        return best.grams_each / ml, best

    @cached_property
    def _made(self) -> bool:
        return bool(_MADE_WORDS & set(words(self.description)))

    def other_form(self, portion: Portion) -> bool:
        """Whether a measure weighs another form of the food than this one: "cup dry mix" (98 g) of a
        drink prepared with milk (251 g a cup), or "cup prepared" of a powder."""
        said = set(portion.unit_words)
        return bool(_INGREDIENT_WORDS & said) if self._made else bool(_MADE_WORDS & said)

    def natural_portion(self, *, drink: bool = False, counted: bool = False) -> Portion | None:
        """One natural unit: its "medium" where it has one, else its first household measure.

        For a drink, a cup or a container (can, bottle) is preferred to USDA's "1 fl oz".
        Counted ("a pomegranate", "2 parsnips"), one whole of it is preferred: the measure
        named after the food itself or "fruit" ("pomegranate (4 in dia)", not "1/2 cup arils").
        """
        if not self.portions:
            return None
        portions = sorted(self.portions, key=self.other_form)  # never a drink's "cup dry mix"
        for p in portions:
            if p.first_word == "medium":
                return p
        if counted:
            named = set(words(self.description.split(",")[0])) | {"fruit", "whole"}
            for p in portions:
                if p.first_word in named:
                    return p
        if drink:
            for p in portions:
                if p.ml_each and p.ml_each * p.amount >= 100:
                    return p
        return portions[0]

    @cached_property
    def short_name(self) -> str:
        """The description without its category ("Beverages, ") and labelling parts: "tea, black, brewed"."""
        from diary.foods.ranking import plain_parts, split_name

        parts = plain_parts(self.description)
        category, _ = split_name(self.description)
        if category and len(parts) > 1:
            parts = parts[1:]
        return ", ".join(parts) or self.description


def contribution(food: Food, grams: float) -> dict[str, float | None]:
    """Water (ml) and minerals (mg) in `grams` of `food`; None where the table has no value."""
    out: dict[str, float | None] = {}
    for key, column in COLUMN_OF.items():
        per = food.per_100g[column]
        out[key] = None if per is None else round(per * grams / 100.0, 4)
    return out


def contribution_text(values: Mapping[str, float | None]) -> str:
    """'water 88 ml, Na 1.2 mg, K 422 mg, Mg 32 mg, Ca 5.9 mg' (unknown ones say so)."""
    bits = []
    for n in NUTRIENTS:
        v = values.get(n.key)
        bits.append(f"{n.short} unknown" if v is None else f"{n.short} {fmt_amount(v)} {n.unit}")
    return ", ".join(bits)


def unknown_labels(values: Mapping[str, float | None]) -> list[str]:
    """The short labels of the nutrients whose value is unknown (None): ['K', 'Mg']."""
    return [n.short for n in NUTRIENTS if values.get(n.key) is None]
