"""The shipped food table (USDA SR28) and what an eaten or drunk amount contributes.

Standard library only: `diary eat` and `diary drink` import this on the fast logging
path, so the table is a read-only SQLite file (diary/data/foods.sqlite, built by
scripts/build_foods.py) with a full-text index, read with `sqlite3`.

Main entry points (also used by the report and the sample-diary generator):

- `open_foods()` -> `FoodTable`: `.get(ndb)`, `.search(text)`, `.choose(text)` /
  `.resolve(text)` (the food a typed name means, see `FoodTable.choose`), `.meta`.
- `Food`: one food with its values per 100 g (None = unknown, never zero) and portions.
- `serving_for(food, amount, drink=...)` -> `Serving`: grams (and ml) for a typed amount.
- `contribution(food, grams)`: water ml and minerals mg for an eaten weight.
- `intake_values(ndb, grams, amount_text, taken_at, ml=...)`: a complete `intake` row
  for `diary.entries.log_intake`.

Values per eaten amount are value_per_100g * grams / 100; water in g counts as ml
(1 g of water is about 1 ml). An empty cell in the source stays None all the way
to the diary, where totals that include it say "at least".
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from diary.amounts import (
    AMOUNT_HELP,
    CUP_ML,
    FL_OZ_ML,
    MAX_SODIUM_MG,
    TBSP_ML,
    TSP_ML,
    UNITS_HELP,
    Amount,
    check_size,
    is_ndb,
)

DATA_PATH = Path(__file__).resolve().parent / "data" / "foods.sqlite"
FORMAT_VERSION = "1"

# Food-table columns (per 100 g) and the intake columns they feed.
PER_100G = ("water_g", "sodium_mg", "potassium_mg", "magnesium_mg", "calcium_mg")
INTAKE_KEYS = ("water_ml", "sodium_mg", "potassium_mg", "magnesium_mg", "calcium_mg")
SHORT_LABELS = {"water_ml": "water", "sodium_mg": "Na", "potassium_mg": "K", "magnesium_mg": "Mg", "calcium_mg": "Ca"}

# Drinking water in the table (SOURCES.md); plain "water" (amounts.WATER_WORDS) is logged as tap water.
TAP_WATER_NDB = "14411"

# A clearly best match must lead the runner-up by this many points (see `_score`).
CLEAR_LEAD = 15.0


class FoodLookupError(ValueError):
    """Raised when typed text names no food or several; `candidates` are the closest matches.

    A ValueError, so the CLI reports it as bad input (exit status 2) and writes nothing.
    """

    def __init__(self, message: str, candidates: list[Food]):
        super().__init__(message)
        self.candidates = candidates


class UnknownFood(FoodLookupError):
    """Raised when no food in the table matches the typed words."""


class AmbiguousFood(FoodLookupError):
    """Raised when several foods match and none is clearly the best."""


class FoodDataError(RuntimeError):
    """Raised when the shipped food table is missing or was built for another version."""


# --- text helpers ----------------------------------------------------------------------


def _fold(text: str) -> str:
    if text.isascii():  # nearly every description: no accents to strip (and 10x faster)
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


_IRREGULAR = {"leaves": "leaf", "loaves": "loaf", "halves": "half", "knives": "knife", "calves": "calf"}


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    """A light plural stemmer, enough to match "bananas" with "banana" when scoring."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("oes", "shes", "ches", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-case, accent-free, lightly stemmed words of a text."""
    return [_stem(w) for w in re.findall(r"[a-z0-9]+", _fold(text))]


def _norm(text: str) -> str:
    return " ".join(words(text))


def format_ndb(ndb: int | str) -> str:
    """NDB numbers are 5 digits with leading zeros: 9040 -> "09040"."""
    return f"{int(ndb):05d}"


# --- portions ----------------------------------------------------------------------------

_VOLUME_UNITS = {
    "cup": CUP_ML, "tbsp": TBSP_ML, "tablespoon": TBSP_ML, "tsp": TSP_ML, "teaspoon": TSP_ML,
    "liter": 1000.0, "litre": 1000.0, "l": 1000.0, "ml": 1.0, "quart": 946.352946, "pint": 473.176473,
    "gallon": 3785.411784,
}
_FL_OZ_IN = re.compile(r"(\d+(?:\.\d+)?|\d+/\d+)\s*fl\.?\s*oz")
_ML_IN = re.compile(r"(\d+(?:\.\d+)?)\s*ml\b")
_SERVING_CUP = re.compile(r"^serving\s+(\d+/\d+|\d+(?:\.\d+)?)\s+cups?\b")


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
        unit = _fold(self.unit)
        m = _FL_OZ_IN.search(unit)
        if m and (unit.startswith(("cup", "can", "bottle", "serving", "glass", "container", "drink", "carton", "box"))
                  or unit.startswith(m.group(0))):
            # "8 fl oz" inside the unit: that is the volume of one unit
            count = _num(m.group(1)) if not unit.startswith("fl") else 1.0
            return count * FL_OZ_ML
        if unit.startswith("fl oz") or unit.startswith("fl. oz"):
            return FL_OZ_ML
        m = _SERVING_CUP.match(unit)
        if m:
            return _num(m.group(1)) * CUP_ML
        m = _ML_IN.search(unit)
        if m and unit.startswith(("serving", "bottle", "can", "container", "ml")):
            return float(m.group(1))
        first = self.first_word
        return _VOLUME_UNITS.get(first)

    @cached_property
    def is_plain_volume(self) -> bool:
        """A volume measure without a preparation word (not "cup, chopped"): a real density."""
        if self.ml_each is None:
            return False
        if "fl oz" in _fold(self.unit) or "ml" in self.unit_words:
            return True
        extra = [w for w in self.unit_words if w not in ("cup", "tbsp", "tsp", "tablespoon", "teaspoon", "liter",
                                                          "litre", "quart", "pint", "gallon", "nlea", "serving", "1")]
        return not extra

    def describe(self, quantity: float | None = None) -> str:
        """'1 medium (118 g)' for `quantity` units (default: USDA's own amount)."""
        q = self.amount if quantity is None else quantity
        return f"{q:g} {self.label} ({fmt_amount(q * self.grams_each)} g)"


# --- foods ---------------------------------------------------------------------------------


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
        return self.group == "Beverages" or any("fl oz" in _fold(p.unit) for p in self.portions)

    @cached_property
    def density(self) -> tuple[float, Portion] | None:
        """(g per ml, the measure it comes from) when the table gives a volume measure.

        Prefers a plain volume measure ("fl oz", "cup", "cup (8 fl oz)") over one with a
        preparation word ("cup, chopped", whose weight depends on how it is packed).
        """
        volumes = [p for p in self.portions if p.ml_each]
        if not volumes:
            return None
        volumes.sort(key=lambda p: (0 if "fl oz" in _fold(p.unit) else 1 if p.is_plain_volume else 2, p.seq))
        best = volumes[0]
        return best.grams_each / best.ml_each, best  # type: ignore[operator]

    def natural_portion(self, *, drink: bool = False) -> Portion | None:
        """One natural unit: its "medium" where it has one, else its first household measure.

        For a drink, a cup or a container (can, bottle) is preferred to USDA's "1 fl oz".
        """
        if not self.portions:
            return None
        for p in self.portions:
            if p.first_word == "medium":
                return p
        if drink:
            for p in self.portions:
                if p.ml_each and p.ml_each * p.amount >= 100:
                    return p
        return self.portions[0]


def fmt_amount(value: float) -> str:
    """A weight, volume or mg for people: 422.44 -> '422', 5.9 -> '5.9', 1840 -> '1,840'."""
    if value >= 10 or value == 0:
        return f"{value:,.0f}"
    return f"{value:.1f}".rstrip("0").rstrip(".")


def contribution(food: Food, grams: float) -> dict[str, float | None]:
    """Water (ml) and minerals (mg) in `grams` of `food`; None where the table has no value."""
    out: dict[str, float | None] = {}
    for col, key in zip(PER_100G, INTAKE_KEYS):
        per = food.per_100g[col]
        out[key] = None if per is None else round(per * grams / 100.0, 4)
    return out


def contribution_text(values: dict[str, Any]) -> str:
    """'water 88 ml, Na 1.2 mg, K 422 mg, Mg 32 mg, Ca 5.9 mg' (unknown ones say so)."""
    bits = []
    for key in INTAKE_KEYS:
        label, unit = SHORT_LABELS[key], ("ml" if key == "water_ml" else "mg")
        v = values.get(key)
        bits.append(f"{label} unknown" if v is None else f"{label} {fmt_amount(v)} {unit}")
    return ", ".join(bits)


# --- the table ---------------------------------------------------------------------------------


@dataclass
class Match:
    """A search result: the food and its score (higher is better)."""

    food: Food
    score: float


class FoodTable:
    """Read-only access to diary/data/foods.sqlite."""

    def __init__(self, path: Path | str = DATA_PATH):
        self.path = Path(path)
        if not self.path.exists():
            raise FoodDataError(f"the food table {self.path} is missing: reinstall diary or run scripts/build_foods.py")
        self.conn = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True)
        self.meta: dict[str, str] = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        if self.meta.get("format") != FORMAT_VERSION:
            raise FoodDataError(f"the food table {self.path} has format {self.meta.get('format')!r}, "
                                f"this program reads {FORMAT_VERSION!r}: run scripts/build_foods.py")

    def close(self) -> None:
        self.conn.close()

    # -- single foods

    def _foods(self, ids: list[int], with_portions: bool = True) -> list[Food]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT f.id, f.description, coalesce(g.name, ''), f.water_g, f.sodium_mg, f.potassium_mg, "
            f"f.magnesium_mg, f.calcium_mg FROM food f LEFT JOIN food_group g ON g.id = f.group_id "
            f"WHERE f.id IN ({marks})", ids,
        ).fetchall()
        portions: dict[int, list[Portion]] = {}
        if with_portions:
            for fid, seq, amount, unit, grams in self.conn.execute(
                f"SELECT food_id, seq, amount, unit, gram_weight FROM portion WHERE food_id IN ({marks}) "
                "ORDER BY food_id, seq", ids,
            ):
                portions.setdefault(fid, []).append(Portion(seq, amount, unit, grams))
        by_id = {
            r[0]: Food(format_ndb(r[0]), r[1], r[2], dict(zip(PER_100G, r[3:8])), tuple(portions.get(r[0], ())))
            for r in rows
        }
        return [by_id[i] for i in ids if i in by_id]

    def get(self, ndb: str | int) -> Food | None:
        """The food with this NDB number ("09040", "9040" or 9040), or None."""
        try:
            found = self._foods([int(ndb)])
        except ValueError:
            return None
        return found[0] if found else None

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM food").fetchone()[0])

    # -- search

    def _fts_ids(self, query_words: list[str], mode: str) -> list[int]:
        if not query_words:
            return []
        if mode == "and":
            q = " ".join(f'"{w}"' for w in query_words)
        elif mode == "prefix":
            q = " ".join(f'"{w}"*' for w in query_words)
        else:
            q = " OR ".join(f'"{w}"*' for w in query_words)
        try:
            return [r[0] for r in self.conn.execute("SELECT rowid FROM food_fts WHERE food_fts MATCH ?", (q,))]
        except sqlite3.OperationalError:  # no FTS5 in this SQLite: scan (slower, same results)
            ids = []
            for fid, desc in self.conn.execute("SELECT id, description FROM food"):
                dw = words(desc)
                hits = [any(d.startswith(w) for d in dw) for w in query_words]
                if (mode == "or" and any(hits)) or (mode != "or" and all(hits)):
                    ids.append(fid)
            return ids

    def _spelling(self, query_words: list[str]) -> list[str]:
        """Query words corrected against the table's vocabulary (for typos like "bananna")."""
        import difflib

        try:
            self.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.food_vocab USING fts5vocab(main, food_fts, row)")
            vocab = [r[0] for r in self.conn.execute("SELECT term FROM temp.food_vocab")]
        except sqlite3.OperationalError:
            vocab = sorted({w for (d,) in self.conn.execute("SELECT description FROM food") for w in words(d)})
        fixed = []
        for w in query_words:
            close = difflib.get_close_matches(w, vocab, n=1, cutoff=0.75)
            if close:
                fixed.append(close[0])
        return fixed

    def search(self, text: str, *, limit: int = 10, drink: bool = False) -> list[Match]:
        """Foods matching `text`, best first.

        Every typed word must appear (plurals and stems match: "bananas" ~ "banana"); if
        none does, foods matching most of the words, then spelling-corrected words, are
        offered instead. Ranking (see `_score`): the exact description, the everyday food
        of an everyday name ("milk": whole milk), then foods whose name starts with the
        words ("Bananas, raw" before "Snacks, banana chips"), raw and plain forms, fewer
        qualifiers; unusual variants (sheep's milk, low sodium), baby foods, brands and
        fast food last unless asked.
        """
        qw = words(text)
        if not qw:
            return []
        ids = self._fts_ids(qw, "and") or self._fts_ids(qw, "prefix")
        if not ids:
            ids = self._fts_ids(qw, "or")
        if not ids:
            fixed = self._spelling(qw)
            if fixed:
                ids = self._fts_ids(fixed, "and") or self._fts_ids(fixed, "or")
                qw = fixed
        foods = self._foods(ids, with_portions=False)
        scored = [Match(f, _score(f, qw, text, drink)) for f in foods]
        scored.sort(key=lambda m: (-m.score, m.food.ndb))
        top = scored[:limit]
        full = {f.ndb: f for f in self._foods([int(m.food.ndb) for m in top])}
        return [Match(full[m.food.ndb], m.score) for m in top]

    def choose(self, text: str, *, drink: bool = False) -> Choice:
        """The one food `text` names, and how it was chosen. The rule, in order:

        1. an NDB number ("09040") names that food;
        2. an everyday name from EVERYDAY ("milk", "coffee", "apple") is taken as its
           everyday food, with the next matches in `Choice.others` so the reply can name
           them: for these names the choice is not a guess between equals but what the
           word means in a kitchen (cow's whole milk, brewed coffee);
        3. the exact description, or a match leading the next by CLEAR_LEAD points
           (e.g. "banana", "spinach, raw"), is taken;
        4. anything else that several foods fit about equally ("cheese") is ambiguous.

        Raises UnknownFood (nothing matches all the words) or AmbiguousFood; both carry
        the closest matches.
        """
        if is_ndb(text):
            food = self.get(text)
            if food is None:
                raise UnknownFood(f"no food has NDB number {format_ndb(text)}", [])
            return Choice(food)
        matches = self.search(text, limit=8, drink=drink)
        qw = words(text)
        if not matches:
            raise UnknownFood(f"no food matches {text.strip()!r}", [])
        all_found = all(w in words(matches[0].food.description) or
                        any(d.startswith(w) for d in words(matches[0].food.description)) for w in qw)
        if not all_found:
            raise UnknownFood(f"no food matches all of {text.strip()!r}", [m.food for m in matches])
        everyday = everyday_ndb(text, drink=drink)
        if everyday is not None and matches[0].food.ndb == everyday:
            return Choice(matches[0].food, everyday=True, others=tuple(m.food for m in matches[1:4]))
        if len(matches) == 1 or matches[0].score >= matches[1].score + CLEAR_LEAD:
            return Choice(matches[0].food)
        raise AmbiguousFood(f"{text.strip()!r} matches several foods", [m.food for m in matches])

    def resolve(self, text: str, *, drink: bool = False) -> Food:
        """The one food `text` names (see `choose` for the rule); raises UnknownFood or
        AmbiguousFood with the closest matches."""
        return self.choose(text, drink=drink).food


@dataclass(frozen=True)
class Choice:
    """The food a typed name was taken to mean: `everyday` when it is the everyday food for
    that name (EVERYDAY), with `others`, the next matches, for the reply."""

    food: Food
    everyday: bool = False
    others: tuple[Food, ...] = ()

# Everyday names: what a name means in a kitchen when the table has dozens of foods for
# it. Hand-kept and short on purpose; each NDB number is checked against foods.csv in
# tests/test_foods.py. A name here ranks its food first and `choose` takes it without
# asking (the reply names the others). Keys are typed names as `words` reads them
# ("apples" -> "apple"); `True` marks a drink, the only kind `diary drink` takes this way.
EVERYDAY: dict[str, tuple[str, bool]] = {
    "milk": ("01077", True),  # Milk, whole, 3.25% milkfat, with added vitamin D
    "whole milk": ("01077", True),
    "coffee": ("14209", True),  # Beverages, coffee, brewed, prepared with tap water
    "tea": ("14355", True),  # Beverages, tea, black, brewed, prepared with tap water
    "beer": ("14003", True),  # Alcoholic beverage, beer, regular, all
    "wine": ("14084", True),  # Alcoholic beverage, wine, table, all
    "apple": ("09003", False),  # Apples, raw, with skin
    "orange": ("09200", False),  # Oranges, raw, all commercial varieties
    "tomato": ("11529", False),  # Tomatoes, red, ripe, raw, year round average
    "potato": ("11352", False),  # Potatoes, flesh and skin, raw
    "egg": ("01123", False),  # Egg, whole, raw, fresh
    "bread": ("18069", False),  # Bread, white, commercially prepared (includes soft bread crumbs)
    "white bread": ("18069", False),
    "rice": ("20045", False),  # Rice, white, long-grain, regular, enriched, cooked
    "pasta": ("20121", False),  # Pasta, cooked, enriched, without added salt
    "butter": ("01001", False),  # Butter, salted
    "yogurt": ("01116", False),  # Yogurt, plain, whole milk, 8 grams protein per 8 ounce
}
EVERYDAY_BOOST = 100.0


def everyday_ndb(text: str, *, drink: bool = False) -> str | None:
    """The NDB number of the everyday food a typed name means (EVERYDAY), or None.
    For a drink only the drinks of the list count ("drink apple" is not an apple)."""
    found = EVERYDAY.get(_norm(text))
    if found is None or (drink and not found[1]):
        return None
    return found[0]


_CATEGORY_HEADS = frozenset({
    "beverage", "nut", "seed", "spice", "snack", "candie", "candy", "fast food", "babyfood", "cereal",
    "cereals ready-to-eat", "alcoholic beverage", "restaurant", "infant formula",
})
_LESS_PLAIN = frozenset({
    "dehydrated", "dried", "dry", "powder", "mix", "concentrate", "frozen", "canned", "syrup", "sweetened",
    "imitation", "substitute", "formula", "flavored", "prepared", "industrial", "commercial", "instant",
})
# Variants few people mean unless they say so: other animals' milk and eggs, low-sodium
# versions, chicory coffee, milk straight from the farm ("producer").
_UNUSUAL = frozenset({"sheep", "goat", "buffalo", "human", "camel", "duck", "goose", "quail", "emu", "ostrich",
                      "chicory", "producer"})
_LOW_SODIUM = re.compile(r"\b(?:(?:very )?low|reduced|lower) sodium\b|\bno salt\b|\bsalt[- ]free\b")
_SIDELINED_GROUPS = {"Baby Foods": 40.0, "Fast Foods": 20.0, "Restaurant Foods": 20.0,
                     "American Indian/Alaska Native Foods": 20.0}
_BRAND = re.compile(r"\b[A-Z][A-Z'&.-]{2,}\b")
# Comma parts that label a food rather than make it another one: they cost nothing.
_LABEL_PART = re.compile(
    r"^(?:fluid|fresh|regular|enriched|all|all types|all varieties|all commercial varieties|year round average"
    r"|prepared with tap water|\d+(?:\.\d+)?% milkfat|with added vitamin.*|includes .*)$"
)


def _plain_parts(desc: str) -> list[str]:
    """The comma parts of a description that say what the food is: parenthetical detail
    and labelling parts ("fluid", "3.25% milkfat", "with added vitamin D") left out."""
    parts = [p.strip() for p in re.sub(r"\s*\([^)]*\)", "", desc).split(",") if p.strip()]
    return parts[:1] + [p for p in parts[1:] if not _LABEL_PART.match(_fold(p))]


def _score(food: Food, qw: list[str], text: str, drink: bool) -> float:
    """Points for how well `food` fits the query words `qw` (higher is better).

    The food's *name* is its first comma part, or the first two when the first is a
    category such as "Beverages" or "Nuts". Its *plain parts* are the comma parts
    without labelling ones ("fluid", "3.25% milkfat", "with added vitamin D", "year
    round average", "(includes ...)"), which cost nothing. Points: +1000 the exact
    description; +200 the same words in any order; +50 all words in the name (+15 more
    when the name is exactly those words); -8 per other word in the name (at most 4);
    +30 the name starts with the first word (+20 after a category); +15 "raw" when
    eating (+10 more for just "<name>, raw"); +20 a beverage, -30 a food under 60 %
    water, when drinking; -6 per further plain part and -0.15 per character of them
    (plainer, shorter first); -8 per processing word not asked for ("dried", "instant");
    -15 an unusual variant not asked for (sheep's milk, a duck egg, low sodium); -20..-40
    baby, fast and restaurant foods and -25 brand names (a word in capitals), unless
    asked for; +100 the everyday food of an everyday name (EVERYDAY: "milk" is 01077).
    """
    desc = food.description
    parts = [p.strip() for p in desc.split(",") if p.strip()]
    plain = _plain_parts(desc)
    dw = words(desc)
    q = set(qw)
    score = 0.0
    if _norm(desc) == _norm(text):
        score += 1000
    elif q == set(dw):
        score += 200
    first = words(parts[0]) if parts else []
    is_category = " ".join(first) in _CATEGORY_HEADS and len(parts) > 1
    head = first + (words(parts[1]) if is_category else [])
    name = [w for w in head if w not in first] if is_category else head
    if q <= set(head):
        score += 50
        if set(name) == q:
            score += 15  # the name is just what was typed ("Beverages, Coconut water")
    elif q <= set(first + (words(parts[1]) if len(parts) > 1 else [])):
        score += 35
    score -= 8 * min(4, len(set(name) - q))  # "Milk and cereal bar" is not milk
    lead = words(parts[1])[:1] if is_category else first[:1]
    if lead and lead[0] == qw[0]:
        score += 20 if is_category else 30
    if drink:
        if food.group == "Beverages":
            score += 20
        water = food.per_100g.get("water_g")
        if water is not None and water < 60:
            score -= 30
    elif "raw" in dw and "raw" not in q:
        score += 15
        if len(plain) == 2 and _norm(plain[1]) == "raw":
            score += 10  # "Carrots, raw": the plainest form of the food
    score -= 6 * (len(plain) - 1)
    score -= 0.15 * len(", ".join(plain))
    plain_words = set(words(" ".join(plain)))
    score -= 8 * sum(1 for w in plain_words if w in _LESS_PLAIN and w not in q)
    if any(w in _UNUSUAL and w not in q for w in plain_words):
        score -= 15
    if _LOW_SODIUM.search(_fold(desc)) and not q & {"low", "sodium", "salt", "reduced"}:
        score -= 15
    penalty = _SIDELINED_GROUPS.get(food.group)
    if penalty and not q & {"baby", "babyfood", "fast", "restaurant", "infant"}:
        score -= penalty
    brands = [b for b in _BRAND.findall(desc) if b not in ("NFS", "USDA", "NLEA", "II")]
    if brands and not any(w in q for b in brands for w in words(b)):
        score -= 25
    everyday = EVERYDAY.get(" ".join(qw))
    if everyday is not None and everyday[0] == food.ndb and (everyday[1] or not drink):
        score += EVERYDAY_BOOST
    return round(score, 3)


_OPEN: dict[Path, FoodTable] = {}


def open_foods(path: Path | str | None = None) -> FoodTable:
    """The shipped food table (opened once per process, read-only)."""
    key = Path(path) if path else DATA_PATH
    table = _OPEN.get(key)
    if table is None:
        table = _OPEN[key] = FoodTable(key)
    return table


def get_food(ndb: str | int) -> Food | None:
    """The food with this NDB number from the shipped table, or None."""
    return open_foods().get(ndb)


# --- amounts of a food ------------------------------------------------------------------------


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


def _match_portion(food: Food, wanted: list[str], pool: list[Portion] | None = None) -> Portion | None:
    """The portion whose words contain all `wanted` words; the one starting with the first
    wanted word, with fewest other words, then USDA's order, wins."""
    pool = list(food.portions) if pool is None else pool
    fits = [p for p in pool if set(wanted) <= set(p.unit_words) or
            (wanted and wanted[0] == p.first_word and set(wanted[1:]) <= set(p.unit_words))]
    if not fits:
        return None
    fits.sort(key=lambda p: (p.first_word != wanted[0] if wanted else False, len(p.unit_words), p.seq))
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
        grams = amount.grams  # type: ignore[assignment]
        text = amount.text
        detail = f"{amount.text}" if amount.unit == "g" else f"{amount.text} ({fmt_amount(grams)} g)"
        if drink and food.density:
            ml = grams / food.density[0]
    elif amount.is_volume:
        ml = amount.ml
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
                plain = [p for p in pool if p.is_plain_volume]
                own = (plain or pool)[0]
        if own is not None:
            grams = amount.quantity * own.grams_each
            ml = amount.quantity * (own.ml_each or 0) or ml
            detail = f"{amount.quantity:g} {own.label} ({fmt_amount(grams)} g)"
            text = f"{amount.quantity:g} {own.label}"
        elif food.density:
            density, source = food.density
            grams = ml * density  # type: ignore[operator]
            detail = f"{amount.text} ({fmt_amount(grams)} g)"
            notes.append(f"{amount.text} converted at {density:.3g} g/ml, from its measure "
                         f"{source.amount:g} {source.unit} = {source.gram_weight:g} g")
        elif drink or food.is_beverage:
            grams = ml  # type: ignore[assignment]
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


def check_caps(name: str, said: str, grams: float | None, ml: float | None, values: dict[str, Any],
               *, drink: bool) -> None:
    """Refuse one entry above 5 kg of food, 5 l of a drink or 50 g of sodium, or below
    0.1 g of food or 1 ml of a drink (a typo, surely): see `diary.amounts.check_size`."""
    check_size(said, grams, ml, drink=drink, name=name)
    sodium = values.get("sodium_mg")
    if sodium is not None and sodium > MAX_SODIUM_MG:
        raise ValueError(f"amount {said!r} of {name} has {fmt_amount(sodium)} mg sodium, more than 50 g in one "
                         "entry: check the amount")


def intake_values(ndb: str, grams: float, amount_text: str, taken_at: dt.datetime, *,
                  ml: float | None = None, note: str | None = None) -> dict[str, Any]:
    """A complete `intake` row for `grams` of the food with this NDB number, ready for
    `diary.entries.log_intake`: source 'food', the description, the amount as said, and
    the snapshot of water (ml) and minerals (mg) it contributed (None where unknown).

    Raises KeyError for an unknown NDB number, ValueError for a negative amount.
    """
    food = get_food(ndb)
    if food is None:
        raise KeyError(f"no food has NDB number {ndb}")
    if grams < 0 or (ml is not None and ml < 0):
        raise ValueError(f"amount {amount_text!r} is negative")
    return food_intake(food, grams, amount_text, taken_at, ml=ml, note=note)


def food_intake(food: Food, grams: float, amount_text: str, taken_at: dt.datetime, *,
                ml: float | None = None, note: str | None = None) -> dict[str, Any]:
    """The `intake` row for `grams` of `food` (see `intake_values`)."""
    return {
        "taken_at": taken_at, "source": "food", "food_ndb": food.ndb, "own_food_id": None,
        "description": food.description, "amount_text": amount_text[:64], "grams": round(grams, 3),
        "ml": None if ml is None else round(ml, 3), **contribution(food, grams),
        "supplement_nutrient": None, "note": note,
    }


def dataset_line(table: FoodTable | None = None) -> str:
    """One line naming the food data and its version, for help texts and the report."""
    meta = (table or open_foods()).meta
    return f"{meta['foods.short']}, {int(meta['foods.count']):,} foods; targets: {meta['dri.short']}"


__all__ = [
    "AMOUNT_HELP", "AmbiguousFood", "Choice", "EVERYDAY", "Food", "FoodLookupError", "FoodTable", "Match", "Portion",
    "Serving", "UnknownFood", "contribution", "contribution_text", "dataset_line", "everyday_ndb", "fmt_amount", "food_intake",
    "format_ndb", "get_food", "intake_values", "open_foods", "serving_for", "words",
]
