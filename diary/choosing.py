"""Which food typed words name, and the patient's remembered choices.

Never silently wrong: a food is taken without asking only when the words are plain
water, a name the patient chose before (table `food_alias`), one of their own foods, an
NDB number, an everyday name (the reviewed table in diary/data/foods.sqlite), or a
description with nothing in it beyond the typed words ("spinach, raw", "raw spinach").
Anything else is a question whose choices are the closest foods, best first
(AmbiguousFood, UnknownFood): a front end asks it, or refuses listing the choices.

Standard library only (the logging path imports this). Functions that touch the diary
take a Store and never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from diary.amounts import is_ndb
from diary.errors import AliasNotFound, AmbiguousFood, UnknownFood
from diary.foods import EverydayName, Food, Match, fold_name, format_ndb, norm, open_foods, words
from diary.foods.household import UNITS_NAMES, units_from_timezone
from diary.foods.ranking import extra_words, key_words
from diary.nutrition import OwnFood, find_own_food, list_own_foods
from diary.storage.store import Store

CHOICES_SHOWN = 5  # "Which did you mean? 1-5"


@dataclass(frozen=True)
class Alias:
    """A name the patient chose a food for ("squash"): folded (lower case, single spaces),
    with the food of the table or their own food it means for them."""

    name: str
    food_ndb: str | None
    own_food_id: int | None


@dataclass(frozen=True)
class Pantry:
    """What the diary knows about food before anything is written: the patient's own foods,
    remembered choices, and the unit system for pints and cans ('uk', 'us' or None)."""

    own_foods: tuple[OwnFood, ...] = ()
    aliases: tuple[Alias, ...] = ()
    units: str | None = None

    def alias_for(self, text: str) -> Alias | None:
        key = norm(text)
        return next((a for a in self.aliases if norm(a.name) == key), None)

    def own_named(self, text: str) -> OwnFood | None:
        wanted = fold_name(text)
        return next((f for f in self.own_foods if fold_name(f.name) == wanted), None)


def read_pantry(store: Store | None, zone: str) -> Pantry:
    """The own foods, remembered choices and unit system of the diary (`zone`: its timezone's
    name, which settles the unit system when the profile does not). `store` None: no diary
    yet. A diary of an older schema is read as it is: what it lacks, it has none of."""
    from diary.profile import get_profile

    if store is None:
        return Pantry(units=units_from_timezone(zone))
    try:
        own = tuple(list_own_foods(store))
    except Exception:  # an older schema (the upgrade comes with the first write)
        own = ()
    try:
        aliases = tuple(Alias(r[0], r[1], r[2]) for r in
                        store.rows("SELECT name, food_ndb, own_food_id FROM food_alias ORDER BY name"))
        units = get_profile(store).units
    except Exception:  # before schema 0003: no remembered choices, no unit setting
        aliases, units = (), None
    return Pantry(own, aliases, units or units_from_timezone(zone))


@dataclass(frozen=True)
class Found:
    """The food typed words name, and how it was found: `how` is "water", "chosen" (the
    answer to a question just asked), "remembered", "own", "ndb", "everyday" or "exact"."""

    food: Food | None = None
    own: OwnFood | None = None
    everyday: EverydayName | None = None
    water: bool = False
    how: str = field(default="exact")

    @property
    def label(self) -> str:
        """What the reply calls it: "tea, black, brewed", "my electrolyte drink", "water"."""
        if self.water:
            return "water"
        if self.own is not None:
            return self.own.name
        assert self.food is not None
        return self.food.short_name


def find_food(what: str, *, drink: bool, pantry: Pantry, answers: Mapping[str, str]) -> Found:
    """The food `what` names (see the module's rule). `answers["food"]` is the patient's
    pick for it ("09040" or "own:3"). Raises UnknownFood or AmbiguousFood with the closest
    foods as choices."""
    table = open_foods()
    picked = answers.get("food")
    if picked:
        return _picked(picked, pantry)
    alias = pantry.alias_for(what)
    if alias is not None:
        found = _picked(f"own:{alias.own_food_id}" if alias.own_food_id else str(alias.food_ndb), pantry)
        return Found(found.food, found.own, found.everyday, how="remembered")
    own = find_own_food(pantry.own_foods, what)
    if own is not None:
        return Found(own=own, how="own")
    if is_ndb(what):
        food = table.get(what)
        if food is None:
            raise UnknownFood(f"no food has NDB number {format_ndb(what)}")
        return Found(food, everyday=table.everyday_of(food.ndb), how="ndb")
    rows = [r for r in table.everyday(what) if r.is_drink or not drink]
    if not rows and _plain_name(what) != what:  # "pineapple chunks", "warm milk": however cut or warmed
        rows = [r for r in table.everyday(_plain_name(what)) if r.is_drink or not drink]
    named = _everyday(what, rows, pantry.units) if rows else None
    return named or _searched(what, drink)


# Words after a food that say how it was cut, not what it is: "pineapple chunks", "orange segments";
# and before it, how warm it was: "warm milk", "cold pizza" (a "hot dog" is a name of its own, found first).
CUT_WORDS = frozenset({"chunk", "chunks", "slice", "slices", "piece", "pieces", "cube", "cubes", "wedge", "wedges",
                       "segment", "segments", "floret", "florets", "half", "halves", "quarters", "bits"})
WARMTH_WORDS = frozenset({"hot", "warm", "warmed", "cold", "chilled", "room-temperature"})


def _plain_name(what: str) -> str:
    """The name without a last word saying how the food was cut ("pineapple chunks" -> "pineapple") or a
    first word saying how warm it was ("warm milk" -> "milk")."""
    name = what.split()
    if len(name) > 1 and name[-1].lower() in CUT_WORDS:
        name = name[:-1]
    if len(name) > 1 and name[0].lower() in WARMTH_WORDS:
        name = name[1:]
    return " ".join(name)


def _picked(value: str, pantry: Pantry) -> Found:
    if value.startswith("own:"):
        own = next((f for f in pantry.own_foods if f.id == int(value[4:])), None)
        if own is None:
            raise UnknownFood(f"your own food #{value[4:]} is gone (diary foods list shows yours)")
        return Found(own=own, how="chosen")
    table = open_foods()
    food = table.get(value)
    if food is None:
        raise UnknownFood(f"no food has NDB number {format_ndb(value)}")
    return Found(food, everyday=table.everyday_of(food.ndb), how="chosen")


def _everyday(what: str, rows: list[EverydayName], units: str | None) -> Found | None:
    """The food of the everyday name for the patient's country; None when the name is one
    country's only ("beans" are baked beans in the UK) and the patient lives in the other."""
    table = open_foods()
    if any(r.locale != "any" for r in rows):
        mine = [r for r in rows if r.locale == units]
        if not mine and (units is not None or {r.locale for r in rows} != {"uk", "us"}):
            return None  # the other country's word (or unknown country): asked as if not in the table
        if not mine:
            foods = {f.ndb: f for f in table.foods([int(r.ndb) for r in rows], with_portions=False)}
            raise AmbiguousFood(
                f"{what.strip()!r} means one food in the UK and another in the US (diary profile --units uk|us "
                "says which is yours)",
                tuple((r.ndb, f"{foods[r.ndb].description} ({UNITS_NAMES[r.locale]} {r.said})") for r in rows),
            )
        rows = mine
    row = rows[0]
    food = table.get(row.ndb)
    assert food is not None  # the build checks every NDB number
    return Found(food, everyday=row, how="everyday")


def _searched(what: str, drink: bool) -> Found:
    """The one food whose description holds every typed word and nothing that would make it
    another food ("Bananas, raw" for "bananas"); else a question with the closest foods."""
    table = open_foods()
    typed = words(what)
    matches = table.search(what, limit=8, drink=drink)
    for m in matches:
        described = words(m.food.description)
        # drinking: only a drink is taken so ("drink orange" is not an orange, and is asked)
        if set(typed) <= set(described) and not extra_words(m.food, typed) and (m.food.is_beverage or not drink):
            return Found(m.food, everyday=table.everyday_of(m.food.ndb), how="exact")
    choices = _choices(what, typed, matches, drink=drink)
    if not choices:
        raise UnknownFood(f"no {'drink' if drink else 'food'} matches {what.strip()!r}")
    has_all = any(set(typed) <= set(words(m.food.description)) for m in matches) or bool(
        open_foods().everyday_holding(typed))
    if len(choices) == 1:
        raise UnknownFood(f"{what.strip()!r} is not in the food table as such; the nearest food is below "
                          "(or add your own with diary foods add)", choices)
    if has_all:
        raise AmbiguousFood(f"{what.strip()!r} matches several foods", choices)
    raise UnknownFood(f"no food matches all of {what.strip()!r}", choices)


def _sharing(typed: list[str], choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The choices that share the most key words with what was typed (at least one): a food that
    shares none ("Sangiovese" for "san pellegrino", apples for "toast with marmite") is never
    offered, nor one sharing fewer words than another choice does."""
    keys = key_words(typed)
    if not keys:
        return []
    # the words before "in", "with", "on" ... name the food; those after may be left out ("tuna in
    # brine" may offer tinned tuna), those before may not ("shepherd's pie" never offers apple pie)
    cut = next((i for i, w in enumerate(typed) if i and w in JOINING_WORDS), len(typed))
    core = key_words(typed[:cut])
    shared = []
    for ndb, label in choices:
        theirs = set(words(label))
        held = {k for k in keys if k in theirs or any(_misspelt(k, w) for w in theirs)}
        if core <= held:
            shared.append((len(held), (ndb, label)))
    best = max((n for n, _ in shared), default=0)
    return [c for n, c in shared if n and n == best]


def _misspelt(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with a typo ("bananna", "brocoli", "youghurt"): the same first
    letter, a letter more or less at most (two in a long word), and nearly the same letters
    (difflib's ratio 0.85 or more)."""
    if len(typed) < 4 or typed[:1] != word[:1] or abs(len(typed) - len(word)) > (2 if len(typed) >= 7 else 1):
        return False
    if word.startswith(typed):
        return False  # "tang" and "tangy": another word, not a typo ("tomatoe" is "tomato" mistyped)
    if len(typed) == len(word):
        wrong = [i for i in range(len(word)) if typed[i] != word[i]]
        if len(wrong) == 2 and wrong[1] == wrong[0] + 1 and typed[wrong[0]] == word[wrong[1]] and (
                typed[wrong[1]] == word[wrong[0]]):
            return True  # two letters swapped: "mlik"
    import difflib

    return difflib.SequenceMatcher(None, typed, word).ratio() >= 0.85


JOINING_WORDS = frozenset({"in", "with", "on", "and", "plus", "n", "without", "no"})


def offered(what: str, *, drink: bool) -> list[str]:
    """The NDB numbers a question about `what` would offer, best first (for checks and tests)."""
    typed = words(what)
    return [ndb for ndb, _ in _choices(what, typed, open_foods().search(what, limit=8, drink=drink), drink=drink)]


def _choices(what: str, typed: list[str], matches: list[Match], *, drink: bool = False) -> tuple[tuple[str, str], ...]:
    """The choices of a question, best first: the everyday meanings of the words ("chicken":
    chicken breast, chicken thigh ...), then the closest foods of the search. Drinking, only
    what can be drunk (no dandelion greens for dandelion and burdock)."""
    table = open_foods()
    found: dict[str, str] = {}
    rows = table.everyday_holding(typed)
    described = {f.ndb: f.description for f in table.foods(list(dict.fromkeys(int(r.ndb) for r in rows)),
                                                             with_portions=False)}
    # a food whose description starts with the word first ("Cake, sponge" before "Snacks, rice cakes")
    rows = sorted(rows, key=lambda r: words(described[r.ndb].split(",")[0])[:1] != typed[:1])
    for r in rows:
        if r.ndb not in found:
            found[r.ndb] = f"{described[r.ndb]} ({r.said})"
    for m in matches:
        found.setdefault(m.food.ndb, m.food.description)
    keys = key_words(typed)
    if len(keys) > 1 and not any(keys <= set(words(label)) for label in found.values()):
        # "tuna in brine": no food has every word; the everyday meaning of each word alone ("tuna":
        # tinned tuna) comes first, then the closest foods of each word
        ordered = sorted(keys, key=typed.index)
        alone: dict[str, str] = {}
        for key in ordered:
            for r in table.everyday(key):
                food = table.get(r.ndb)
                if food is not None:
                    alone.setdefault(r.ndb, f"{food.description} ({r.said})")
        for ndb, label in found.items():
            alone.setdefault(ndb, label)
        for m in table.search(" ".join(ordered), limit=8):  # "hot chocolate powder": chocolate powder
            alone.setdefault(m.food.ndb, m.food.description)
        for key in ordered:
            for m in table.search(key, limit=4):
                alone.setdefault(m.food.ndb, m.food.description)
        found = alone
    shared = _sharing(typed, list(found.items()))
    if drink:
        foods = {f.ndb: f for f in table.foods([int(n) for n, _ in shared], with_portions=True)}
        shared = [(n, label) for n, label in shared if n in foods and drinkable(foods[n])]
    return tuple(shared[:CHOICES_SHOWN])


# Words of a description that make a food something drunk, whatever its group.
DRINK_WORDS = frozenset({"juice", "milk", "drink", "beverage", "soup", "shake", "smoothie", "water", "nectar", "broth",
                         "tea", "coffee", "cocoa", "lemonade", "soda", "cola", "beer", "wine", "liqueur", "whiskey",
                         "vodka", "rum", "gin", "brandy", "cider", "kefir", "buttermilk", "eggnog", "punch"})


def drinkable(food: Food) -> bool:
    """Whether a food is drunk: a beverage, or named a juice, milk, soup, shake ..."""
    return food.is_beverage or bool(DRINK_WORDS & set(words(food.description)))


# --- remembered choices ---------------------------------------------------------------------------


def remember_choice(store: Store, now: dt.datetime, name: str, *, food_ndb: str | None = None,
                    own_food_id: int | None = None) -> None:
    """Remember that `name` means this food for the patient (replacing an earlier choice)."""
    key = fold_name(name)[:120]
    from diary.rules import check_row

    values = {"food_ndb": food_ndb, "own_food_id": own_food_id, "updated_at": now}
    check_row("food_alias", values | {"name": key, "created_at": now}, now, partial=True)  # id: the database's
    rows = store.rows("SELECT id FROM food_alias WHERE name = :name", {"name": key})
    if rows:
        store.update("food_alias", int(rows[0][0]), values)
    else:
        store.insert("food_alias", values | {"name": key, "created_at": now})


def forget_choice(store: Store, name: str) -> Alias:
    """Forget what `name` was chosen to mean; return what it meant. Raises AliasNotFound."""
    key = norm(name)
    for r in store.rows("SELECT id, name, food_ndb, own_food_id FROM food_alias"):
        if norm(r[1]) == key:
            store.execute("DELETE FROM food_alias WHERE id = :id", {"id": r[0]})
            return Alias(r[1], r[2], r[3])
    raise AliasNotFound(f"no choice is remembered for {name.strip()!r} (diary foods list shows them)")


def list_choices(store: Store) -> list[Alias]:
    """Every remembered choice, by name."""
    return [Alias(r[0], r[1], r[2]) for r in
            store.rows("SELECT name, food_ndb, own_food_id FROM food_alias ORDER BY name")]
