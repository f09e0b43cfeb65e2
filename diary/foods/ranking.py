"""How well a food of the table fits typed words: the ranking of `diary foods search` and
of the choices a question offers.

The points are one named table, `WEIGHTS`, so a change of the ranking is a change of one
number with its reason beside it. Ranking only orders foods: which food is *taken*
without asking is decided in diary.intake (an everyday name, a remembered choice, or a
description with nothing in it beyond the typed words), never by points alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diary.foods.text import fold, norm, words

if TYPE_CHECKING:
    from diary.foods.food import Food

# Points of `score`, higher is better.
WEIGHTS: dict[str, float] = {
    "exact_description": 1000.0,  # the text is the description ("Spinach, raw")
    "same_words": 200.0,  # the same words in another order ("raw spinach")
    "all_in_name": 50.0,  # every typed word is in the food's name (its first part, after a category)
    "name_is_typed": 15.0,  # ... and the name is just those words ("Beverages, Coconut water")
    "all_in_first_two_parts": 35.0,  # otherwise every typed word within the first two comma parts
    "other_name_word": -8.0,  # per other word in the name, at most 4: "Milk and cereal bar" is not milk
    "starts_with_first_word": 30.0,  # the name starts with the first typed word
    "starts_after_category": 20.0,  # ... after a category such as "Beverages, "
    "raw_when_eating": 15.0,  # eating: the raw form first ...
    "just_raw": 10.0,  # ... and "<name>, raw" most of all: the plainest form
    "beverage_when_drinking": 20.0,  # drinking: the Beverages group first
    "dry_when_drinking": -30.0,  # drinking: a food under 60 % water last
    "per_plain_part": -6.0,  # per further comma part that says what the food is (plainer first)
    "per_plain_character": -0.15,  # per character of those parts (shorter first)
    "processing_word": -8.0,  # per processing word not asked for ("dried", "instant")
    "unusual_variant": -15.0,  # sheep's milk, a duck egg, chicory coffee, unless asked for
    "low_sodium": -15.0,  # a low-sodium version, unless asked for
    "brand": -25.0,  # a brand name (a word in capitals), unless asked for
}
# Groups few people mean unless they say so, and what each costs.
SIDELINED_GROUPS: dict[str, float] = {"Baby Foods": -40.0, "Fast Foods": -20.0, "Restaurant Foods": -20.0,
                                      "American Indian/Alaska Native Foods": -20.0}

CATEGORY_HEADS = frozenset({
    "beverage", "nut", "seed", "spice", "snack", "candie", "candy", "fast food", "babyfood", "cereal",
    "cereals ready-to-eat", "cereals ready to eat", "alcoholic beverage", "restaurant", "infant formula",
})
PROCESSING_WORDS = frozenset({
    "dehydrated", "dried", "dry", "powder", "mix", "concentrate", "frozen", "canned", "syrup", "sweetened",
    "imitation", "substitute", "formula", "flavored", "prepared", "industrial", "commercial", "instant",
})
# Variants few people mean unless they say so: other animals' milk and eggs, chicory
# coffee, milk straight from the farm ("producer").
UNUSUAL_WORDS = frozenset({"sheep", "goat", "buffalo", "human", "camel", "duck", "goose", "quail", "emu", "ostrich",
                           "chicory", "producer"})
_LOW_SODIUM = re.compile(r"\b(?:(?:very )?low|reduced|lower) sodium\b|\bno salt\b|\bsalt[- ]free\b")
_BRAND = re.compile(r"\b[A-Z][A-Z'&.-]{2,}\b")
_NOT_BRANDS = ("NFS", "USDA", "NLEA", "II")
# Comma parts that label a food rather than make it another one: they cost nothing.
_LABEL_PART = re.compile(
    r"^(?:fluid|fresh|regular|enriched|all|all types|all varieties|all commercial varieties|year round average"
    r"|prepared with tap water|\d+(?:\.\d+)?% milkfat|with added vitamin.*|includes .*)$"
)
# Words that leave a food the same food: a description whose other words are all typed
# (or are these) names exactly what was typed ("Bananas, raw" for "banana").
NEUTRAL_WORDS = frozenset({"raw", "beverage", "alcoholic", "and", "with", "or", "of", "in", "the"})


# Words that say nothing of which food is meant: a choice must share another word with what was typed.
NOT_KEY_WORDS = frozenset({"a", "an", "the", "of", "in", "with", "and", "or", "on", "for", "my", "some", "to", "from",
                           "no", "without", "plus", "n", "s", "x", "bit", "little", "lot", "made", "homemade",
                           "home", "fresh", "hot", "cold", "warm", "glass", "cup", "mug", "bowl", "slice", "piece",
                           "portion", "serving", "small", "large", "big", "medium", "plain", "regular", "normal"})


def key_words(typed: list[str]) -> set[str]:
    """The words of a phrase that say which food is meant: not "of", "with", "hot", a container or
    a size, and not a letter alone ("g&t" has none)."""
    return {w for w in typed if len(w) > 2 and w not in NOT_KEY_WORDS}


def split_name(description: str) -> tuple[list[str], list[str]]:
    """(category words, name words) of a description: "Beverages, Coconut water, ..." ->
    (["beverage"], ["coconut", "water"]); no category: ([], the first part's words)."""
    parts = [p.strip() for p in description.split(",") if p.strip()]
    first = words(parts[0]) if parts else []
    if " ".join(first) in CATEGORY_HEADS and len(parts) > 1:
        return first, words(parts[1])
    return [], first


def plain_parts(description: str) -> list[str]:
    """The comma parts of a description that say what the food is: parenthetical detail
    and labelling parts ("fluid", "3.25% milkfat", "with added vitamin D") left out."""
    parts = [p.strip() for p in re.sub(r"\s*\([^)]*\)", "", description).split(",") if p.strip()]
    return parts[:1] + [p for p in parts[1:] if not _LABEL_PART.match(fold(p))]


def extra_words(food: Food, typed: list[str]) -> set[str]:
    """The words of the food's plain parts that were not typed and are not neutral: what
    would make it another food than the one typed ("vitamin" in a vitamin water)."""
    plain = set(words(" ".join(plain_parts(food.description))))
    return plain - set(typed) - NEUTRAL_WORDS


def brands(description: str) -> list[str]:
    """The brand names in a description (words in capitals, not USDA's abbreviations)."""
    return [b for b in _BRAND.findall(description) if b not in _NOT_BRANDS]


@dataclass(frozen=True)
class _Shape:
    """What scoring needs of a description, worked out once (each word list found once)."""

    words: list[str]
    norm: str
    category: list[str]
    name: list[str]
    first_two: list[str]
    plain: list[str]
    plain_words: set[str]
    low_sodium: bool
    brand_words: set[str]


def _shape(description: str) -> _Shape:
    parts = [p.strip() for p in description.split(",") if p.strip()]
    part_words = [words(p) for p in parts]
    dw = [w for pw in part_words for w in pw]
    first = part_words[0] if part_words else []
    second = part_words[1] if len(part_words) > 1 else []
    is_category = " ".join(first) in CATEGORY_HEADS and len(parts) > 1
    plain = plain_parts(description)
    return _Shape(dw, " ".join(dw), first if is_category else [], second if is_category else first, first + second,
                  plain, set(words(" ".join(plain))), bool(_LOW_SODIUM.search(fold(description))),
                  {bw for b in brands(description) for bw in words(b)})


def score(food: Food, qw: list[str], text: str, drink: bool) -> float:
    """Points for how well `food` fits the query words `qw` (higher is better; see WEIGHTS).

    The food's *name* is its first comma part, or the second when the first is a
    category such as "Beverages" or "Nuts". Its *plain parts* are the comma parts
    without labelling ones ("fluid", "3.25% milkfat", "with added vitamin D", "year
    round average", "(includes ...)"), which cost nothing.
    """
    w = WEIGHTS
    shape = _shape(food.description)
    category, name, plain = shape.category, shape.name, shape.plain
    q = set(qw)
    points = 0.0
    if shape.norm == norm(text):
        points += w["exact_description"]
    elif q == set(shape.words):
        points += w["same_words"]
    if q <= set(category + name):
        points += w["all_in_name"]
        if set(name) == q:
            points += w["name_is_typed"]
    elif q <= set(shape.first_two):
        points += w["all_in_first_two_parts"]
    points += w["other_name_word"] * min(4, len(set(name) - q))
    if name[:1] == qw[:1]:
        points += w["starts_after_category"] if category else w["starts_with_first_word"]
    if drink:
        if food.group == "Beverages":
            points += w["beverage_when_drinking"]
        water = food.per_100g.get("water_g")
        if water is not None and water < 60:
            points += w["dry_when_drinking"]
    elif "raw" in shape.words and "raw" not in q:
        points += w["raw_when_eating"]
        if len(plain) == 2 and norm(plain[1]) == "raw":
            points += w["just_raw"]
    points += w["per_plain_part"] * (len(plain) - 1)
    points += w["per_plain_character"] * len(", ".join(plain))
    points += w["processing_word"] * sum(1 for pw in shape.plain_words if pw in PROCESSING_WORDS and pw not in q)
    if any(pw in UNUSUAL_WORDS and pw not in q for pw in shape.plain_words):
        points += w["unusual_variant"]
    if shape.low_sodium and not q & {"low", "sodium", "salt", "reduced"}:
        points += w["low_sodium"]
    sidelined = SIDELINED_GROUPS.get(food.group)
    if sidelined and not q & {"baby", "babyfood", "fast", "restaurant", "infant"}:
        points += sidelined
    if shape.brand_words and not shape.brand_words & q:
        points += w["brand"]
    return round(points, 3)
