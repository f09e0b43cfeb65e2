"""Dry forms of foods and what is made from them: a powder, dry mix or concentrate is not the
drink or dish made with it.

SR28 keeps both: "Beverages, Cocoa mix, powder" (1.5 g water per 100 g) and "Beverages, Cocoa
mix, powder, prepared with water" (86 g). A household volume of the drink ("a cup of ovaltine",
"a mug of cocoa mix", "a bowl of soup mix") is never a volume of the powder: 1 cup of a malt
powder holds 1,500 mg of sodium. `dry_form` says whether a food is such a form (from the words
of its description and its water), `prepared_forms` which foods of the table are made from it,
and `dry_forms_named` which dry foods a spoonful of a named drink means ("a spoonful of cocoa"
is cocoa powder, not a spoonful of hot cocoa).

Standard library only (the logging path reads it).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from diary.foods.ranking import CATEGORY_HEADS, brands, key_words, plain_parts
from diary.foods.text import fold, words

if TYPE_CHECKING:
    from diary.foods.food import Food
    from diary.foods.table import FoodTable

# Words of a description that say the food is ready as eaten or drunk ("prepared with water",
# "diluted with 3 volume water", "brewed"), so not a dry form, whatever else it says.
_PREPARED = re.compile(r"\b(?:prepared|made with|made from|diluted|(?<!not )reconstituted|ready[- ]to[- ]"
                       r"(?:drink|serve|feed|eat)|brewed|cooked|boiled|from concentrate)\b")
# Words that make a food a dry form: a powder, crystals, a concentrate, a dehydrated food.
_DRY = re.compile(r"\b(?:powder|powdered|dehydrated|concentrated?|crystals|granules|freeze[- ]dried|dry mix|unprepared"
                  r"|uncooked)\b")
# "Mix" or "instant" anywhere in the description ("Cocoa mix, NESTLE, Rich Chocolate Hot Cocoa Mix",
# "QUAKER, Instant Oatmeal") with the water of a powder (under 15 g), in groups whose mixes are
# made up with water or milk; not a snack's trail mix or a seasoning mix, eaten as they are.
_MIX = re.compile(r"\b(?:mix|instant)\b")
MIX_WATER_MAX = 15.0
MIX_GROUPS = frozenset({"Beverages", "Soups, Sauces, and Gravies", "Breakfast Cereals",
                        "Meals, Entrees, and Side Dishes", "Cereal Grains and Pasta", "Dairy and Egg Products",
                        "Baby Foods", "Sweets"})
# Comma parts alone that say the same ("Milk, dry, nonfat"; "Soup, onion, dry, mix"; "Coffee, instant").
_DRY_PARTS = frozenset({"dry", "instant", "mix", "dry mix", "mix, dry"})
# A dry form has little water: powders and dry mixes hold under 15 g per 100 g; under 60 keeps
# the wettest mixes (a pudding mix) in, and leaves out a "dry" wine (86 g) and "dry" fish.
DRY_WATER_MAX = 60.0
# Words that say how a dry form is bought or made, not which food it is: left out when a dry
# food is matched with what is made from it.
_FORM_WORDS = frozenset({"powder", "powdered", "dry", "mix", "instant", "concentrate", "concentrated", "crystal",
                         "granule", "dehydrated", "frozen", "undiluted", "not", "reconstituted", "regular",
                         "beverage", "drink", "with", "and", "added", "nutrient", "fortified", "flavor", "flavored",
                         "sweetened", "unsweetened", "type", "based", "dairy", "prepared",
                         "the", "of", "in", "a", "commercial", "home", "classic", "original", "all", "variety",
                         "without", "vitamin", "calcium", "sugar", "low", "calorie", "reduced", "fat", "free", "style",
                         "rich", "hot", "marshmallow", "unprepared", "uncooked", "boxed", "condensed", "canned"})


def dry_form(food: Food) -> str | None:
    """"powder", "concentrate" or "dry mix" when the food is bought dry or concentrated and made
    into something else before it is eaten or drunk; else None."""
    text = fold(food.description)
    if _PREPARED.search(text.replace("not reconstituted", "").replace("undiluted", "")):
        return None
    found = _DRY.search(text)
    word = found.group(0) if found else None
    water = food.per_100g.get("water_g")
    if word is None and any(p.strip() in _DRY_PARTS for p in text.split(",")):
        word = "dry mix"
    if word is None and food.group in MIX_GROUPS and water is not None and water < MIX_WATER_MAX and (
            _MIX.search(text)):
        word = "dry mix"
    if word is None and food.group == "Soups, Sauces, and Gravies" and re.search(r"\bcondensed\b", text):
        word = "concentrate"  # a condensed soup is made up with its can of water or milk
    if word is None:
        return None
    if word.startswith("concentrat"):
        return "concentrate"
    if water is not None and water >= DRY_WATER_MAX:
        return None
    return "powder" if word in ("powder", "powdered", "crystals", "granules") else "dry mix"


def _stem4(word: str) -> str:
    """"malted" and "malt": the same word for matching forms."""
    return word[:-2] if len(word) > 5 and word.endswith("ed") else word


def core_words(description: str, *, with_brand: bool = False) -> set[str]:
    """The words that say which food it is, without its category, brand, form or preparation:
    "Beverages, OVALTINE, Classic Malt powder" -> {"malt"}."""
    parts = plain_parts(re.split(r",\s*(?:prepared|made|diluted|reconstituted)\b", description)[0])
    if parts and " ".join(words(parts[0])) in CATEGORY_HEADS:
        parts = parts[1:]
    brand = set() if with_brand else {w for b in brands(description) for w in words(b)}
    return {_stem4(w) for w in words(" ".join(parts)) if w not in brand and w not in _FORM_WORDS and len(w) > 2}


@lru_cache(maxsize=4)
def _made_foods(table: FoodTable) -> tuple[tuple[int, str, str | None], ...]:
    """(NDB number, description, food group) of every food made from a dry form: prepared,
    diluted or reconstituted, with the water of a food as eaten."""
    rows = table.conn.execute(
        "SELECT f.id, f.description, g.name FROM food f LEFT JOIN food_group g ON g.id = f.group_id "
        f"WHERE f.water_g >= {DRY_WATER_MAX}").fetchall()
    return tuple((int(r[0]), str(r[1]), r[2]) for r in rows if _PREPARED.search(fold(str(r[1]))))


def prepared_forms(table: FoodTable, food: Food, limit: int = 5) -> list[Food]:
    """The foods of the table made from `food` (a dry form), closest first: those sharing most of
    its core words (all of one or two, else at least two), then with fewest other words
    ("OVALTINE, Classic Malt powder": the malted drinks made with milk). Empty when the table
    has none."""
    core = core_words(food.description)
    if not core:
        return []
    scored = []
    for ndb, description, group in _made_foods(table):
        if group not in (food.group, "Beverages"):
            continue
        theirs = core_words(description)
        shared = len(core & theirs)
        # all of one or two core words, else two ("malt"; "orange juice"); or nothing but its words
        # ("Cocoa mix, prepared" of "Cocoa mix, NESTLE, Rich Chocolate Hot Cocoa Mix")
        if shared >= min(len(core), 2) or (shared and theirs <= core):
            scored.append((-shared, len(theirs - core), len(description), ndb))
    scored.sort()
    return table.foods([s[3] for s in scored[:limit]], with_portions=True)


def dry_forms_named(table: FoodTable, what: str, limit: int = 5) -> list[Food]:
    """The dry forms whose name is the typed words ("cocoa": "Cocoa, dry powder, unsweetened" and its
    kin; "coffee": instant coffee powder), best first; empty when there are none."""
    keys = {_stem4(w) for w in key_words(words(what))} - {"hot", "warm", "drink", "drinking", "cup", "mug"}
    if not keys:
        return []
    out = []
    for m in table.search(f"{what} powder", limit=20) + table.search(what, limit=20):
        if dry_form(m.food) is None or m.food in out:
            continue
        if keys <= core_words(m.food.description, with_brand=True):
            out.append(m.food)
    return out[:limit]


def dry_source(table: FoodTable, food: Food) -> Food | None:
    """The dry form a made food is described as made from: "Beverages, Malted drink mix, natural,
    powder, prepared with whole milk" -> "Beverages, Malted drink mix, natural, powder"; else None."""
    head = re.split(r",\s*(?:prepared|made|diluted|reconstituted)\b", food.description)[0].strip()
    if head == food.description:
        return None
    rows = table.conn.execute("SELECT id FROM food WHERE description = ? OR description LIKE ? "
                              "ORDER BY length(description)", (head, head.replace("%", "") + ",%")).fetchall()
    for (ndb,) in rows:
        source = table.get(int(ndb))
        if source is not None and dry_form(source) == "powder":
            return source
    return None
