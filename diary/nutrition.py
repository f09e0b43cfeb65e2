"""The patient's own foods, supplements, and a day's totals of fluid and electrolytes.

Standard library only (`diary eat`, `drink` and `supplement` import it). Functions that
touch the diary take a `Store` (diary/storage/store.py) inside the caller's transaction and
never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from diary.amounts import Amount, Dose, parse_amount
from diary.foods import check_caps, fmt_amount, intake_row, words
from diary.storage.store import Store
from diary.vocab import NUTRIENT_KEYS, NUTRIENTS

OWN_FOOD_COLUMNS = ("id", "name", "basis", "serving_text", "serving_grams", "serving_ml", "is_drink", *NUTRIENT_KEYS)
MAX_NAME = 120
_SERVING_WORDS = frozenset({"serving", "portion", "helping"})


@dataclass(frozen=True)
class OwnFood:
    """A food or drink the patient defined (`diary foods add`).

    `values` (water_ml and minerals in mg; None = unknown) are per serving when `basis`
    is 'serving' (of `serving_text`, e.g. "500 ml", with its grams or ml if known), or
    per 100 g when `basis` is '100g'.
    """

    id: int
    name: str
    basis: str
    serving_text: str | None
    serving_grams: float | None
    serving_ml: float | None
    is_drink: bool
    values: dict[str, float | None]

    @property
    def per_text(self) -> str:
        return "100 g" if self.basis == "100g" else (self.serving_text or "serving")


def _own_food(row: tuple[Any, ...]) -> OwnFood:
    d = dict(zip(OWN_FOOD_COLUMNS, row, strict=True))
    return OwnFood(int(d["id"]), d["name"], d["basis"], d["serving_text"], d["serving_grams"], d["serving_ml"],
                   bool(d["is_drink"]), {k: d[k] for k in NUTRIENT_KEYS})


def list_own_foods(store: Store) -> list[OwnFood]:
    """All own foods, by name."""
    rows = store.rows(f"SELECT {', '.join(OWN_FOOD_COLUMNS)} FROM own_food ORDER BY name")
    return [_own_food(r) for r in rows]


def own_food_by_id(store: Store, food_id: int) -> OwnFood | None:
    """The own food with this id, or None."""
    rows = store.rows(f"SELECT {', '.join(OWN_FOOD_COLUMNS)} FROM own_food WHERE id = :id", {"id": food_id})
    return _own_food(rows[0]) if rows else None


def find_own_food(foods: Iterable[OwnFood], text: str) -> OwnFood | None:
    """The own food `text` names: the same name (ignoring case and spacing), else the one
    own food whose name holds all the typed words, else None (then the USDA table is asked)."""
    wanted = " ".join(text.casefold().split())
    foods = list(foods)
    for f in foods:
        if " ".join(f.name.casefold().split()) == wanted:
            return f
    typed = set(words(text))
    if not typed:
        return None
    holding = [f for f in foods if typed <= set(words(f.name))]
    return holding[0] if len(holding) == 1 else None


# --- defining own foods ------------------------------------------------------------------------

# The option of `diary foods add` that gives each nutrient: --water, --sodium ...
NUTRIENT_OPTION = {n.key: "--" + ("water" if n.key == "water_ml" else n.label.lower()) for n in NUTRIENTS}


def parse_name(text: str) -> str:
    """An own food's name: 1-120 characters, not a bare number (that is an NDB number)."""
    name = " ".join(text.split())
    if not name or len(name) > MAX_NAME:
        raise ValueError(f"name {text!r} must be 1 to {MAX_NAME} characters, like \"my electrolyte drink\"")
    if name.isdigit():
        raise ValueError(f"name {text!r} is a number, which would be read as an NDB number: use words")
    if name.casefold() in ("water", "tap water", "plain water"):
        raise ValueError(f"name {text!r} is taken by plain water: choose another name")
    return name


def parse_per(text: str) -> Amount:
    """The --per of an own food: "100g" (values per 100 g), or a serving like "500ml",
    "30 g", "1 bar"."""
    amount = parse_amount(text)
    if not amount.number_given:
        raise ValueError(f"--per {text!r} needs a number: the amount the values are for, like 500ml, 30g, 100g "
                         "or '1 bar'")
    return amount


def parse_nutrient_value(text: str, option: str) -> float:
    """A nutrient amount for `foods add`: mg (or ml for --water) as a plain number, or with
    mg / g (ml / l for water). Zero is allowed (a real zero); negative is not."""
    raw = text
    t = " ".join(text.strip().lower().split()).replace(" ", "")
    water = option == "--water"
    allowed = ("use millilitres, like 480 or 480ml" if water else "use milligrams, like 460 or 460mg or 0.46g")
    if t.startswith("-"):
        raise ValueError(f"{option} {raw!r} is negative: {allowed}")
    units = {"ml": 1.0, "l": 1000.0, "": 1.0} if water else {"mg": 1.0, "g": 1000.0, "": 1.0}
    for unit in sorted(units, key=len, reverse=True):
        if t.endswith(unit):
            number = t[: len(t) - len(unit)] if unit else t
            try:
                value = float(number.replace(",", "."))
            except ValueError:
                continue
            value *= units[unit]
            if value > 100_000:
                raise ValueError(f"{option} {raw!r} is too large for one serving: {allowed}")
            return value
    raise ValueError(f"{option} {raw!r} not understood: {allowed}")


def own_food_row(name: str, per: Amount, values: Mapping[str, float | None], is_drink: bool | None,
                 now: dt.datetime) -> tuple[dict[str, Any], list[str]]:
    """The `own_food` row for a definition, and notes on what was assumed.

    A drink defined per volume without --water counts its whole volume as water (said
    in the notes); any other value not given is unknown (None), never zero.
    """
    notes: list[str] = []
    drink = per.is_volume if is_drink is None else is_drink
    if per.unit == "g" and abs(per.quantity - 100) < 1e-9:
        basis, serving_text, grams, ml = "100g", None, None, None
    else:
        basis, serving_text, grams, ml = "serving", per.text, per.grams, per.ml
    row_values = dict(values)
    if row_values.get("water_ml") is None and drink and ml is not None:
        row_values["water_ml"] = ml
        notes.append(f"water taken as the whole {fmt_amount(ml)} ml (give --water to change it)")
    given = [k for k in NUTRIENT_KEYS if values.get(k) is not None]
    if not given:
        raise ValueError("give at least one value per serving: --water, --sodium, --potassium, --magnesium "
                         "or --calcium (in mg; --water in ml)")
    unknown = [NUTRIENT_OPTION[k][2:] for k in NUTRIENT_KEYS if row_values.get(k) is None]
    if unknown:
        notes.append(f"{', '.join(unknown)} unknown (give e.g. --{unknown[0]} 0 if it has none)")
    sodium = row_values.get("sodium_mg")
    check_caps(name, per.text, grams, ml, {"sodium_mg": sodium}, drink=drink)
    row = {
        "name": name, "basis": basis, "serving_text": serving_text, "serving_grams": grams, "serving_ml": ml,
        "is_drink": drink, **{k: row_values.get(k) for k in NUTRIENT_KEYS}, "updated_at": now,
    }
    return row, notes


def save_own_food(store: Store, now: dt.datetime, row: Mapping[str, Any], *, replace: bool = False) -> tuple[int, bool]:
    """Insert the own food, or with `replace` update the one of the same name (past
    intakes keep their snapshots). Returns (id, created). ValueError if the name is
    taken and `replace` is False."""
    from diary.rules import check_row

    check_row("own_food", dict(row) | {"created_at": now, "updated_at": row.get("updated_at", now)}, now,
              partial=True)  # the id is the database's to give
    existing = [f for f in list_own_foods(store) if f.name.casefold() == str(row["name"]).casefold()]
    if existing:
        if not replace:
            raise ValueError(f"{row['name']!r} is already one of your foods: add --replace to change it")
        store.update("own_food", existing[0].id, dict(row))
        return existing[0].id, False
    return store.insert("own_food", dict(row) | {"created_at": now}), True


# --- amounts of own foods ------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnServing:
    """What a typed amount of an own food comes to: the share of its basis, grams/ml, notes."""

    fraction: float
    grams: float | None
    ml: float | None
    text: str
    detail: str
    notes: tuple[str, ...] = ()


def own_serving(food: OwnFood, amount: Amount | None, *, drink: bool = False) -> OwnServing:
    """The share of the food's basis (one serving, or 100 g) in `amount` (None: one serving).

    Weights and volumes convert through the serving's own weight or volume; a drink
    with only one of them is taken as 1 g/ml (said in the notes). Raises ValueError
    naming the amount and what is allowed.
    """
    notes: list[str] = []
    per = food.per_text
    drinkish = drink or food.is_drink
    if amount is None:
        if food.basis == "100g":
            raise ValueError(f"{food.name} is defined per 100 g: give an amount, like 50g")
        return OwnServing(1.0, food.serving_grams, food.serving_ml, food.serving_text or "1 serving",
                          f"1 serving ({food.serving_text})" if food.serving_text else "1 serving",
                          ("no amount given, so one serving",))
    allowed = f"use g or ml, or servings (it is defined per {per})"
    if amount.is_mass:
        grams = amount.grams
        assert grams is not None
        ml = None
        if food.basis == "100g":
            fraction = grams / 100
        elif food.serving_grams:
            fraction = grams / food.serving_grams
        elif food.serving_ml and drinkish:
            fraction = grams / food.serving_ml
            ml = grams
            notes.append("assumed 1 g/ml")
        else:
            raise ValueError(f"amount {amount.text!r}: {food.name} has no weight for its serving; {allowed}")
        detail = amount.text
    elif amount.is_volume:
        ml = amount.ml
        assert ml is not None
        grams = None
        if food.basis == "serving" and food.serving_ml:
            fraction = ml / food.serving_ml
        elif food.basis == "serving" and food.serving_grams and drinkish:
            fraction = ml / food.serving_grams
            grams = ml
            notes.append("assumed 1 g/ml")
        elif food.basis == "100g" and drinkish:
            fraction = ml / 100
            grams = ml
            notes.append("assumed 1 g/ml")
        else:
            raise ValueError(f"amount {amount.text!r}: {food.name} has no volume for its serving; {allowed}")
        detail = amount.text
    else:
        wanted = set(words(amount.portion or ""))
        serving_words = set(words(food.serving_text or "")) - set("0123456789")
        serving_count = 1.0
        if food.serving_text:
            try:
                serving_count = parse_amount(food.serving_text).quantity
            except ValueError:
                serving_count = 1.0
        if wanted <= _SERVING_WORDS:
            if food.basis == "100g":
                raise ValueError(f"amount {amount.text!r}: {food.name} is defined per 100 g; give grams, like 50g")
            fraction = amount.quantity
        elif food.basis == "serving" and wanted and wanted <= serving_words:
            fraction = amount.quantity / serving_count
        else:
            raise ValueError(f"amount {amount.text!r}: {food.name} has no {amount.portion!r} portion; {allowed}")
        grams = food.serving_grams * fraction if food.serving_grams else None
        ml = food.serving_ml * fraction if food.serving_ml else None
        detail = amount.text
    if grams is None and food.serving_grams and food.basis == "serving":
        grams = food.serving_grams * fraction
    if ml is None and food.serving_ml and food.basis == "serving":
        ml = food.serving_ml * fraction
    return OwnServing(fraction, grams, ml, amount.text, detail, tuple(notes))


def own_food_intake(food: OwnFood, amount: Amount | None, taken_at: dt.datetime, *, drink: bool = False,
                    note: str | None = None) -> tuple[dict[str, Any], OwnServing]:
    """The `intake` row (source 'own_food') for `amount` of an own food, and how it was read."""
    serving = own_serving(food, amount, drink=drink)
    values = {k: (None if v is None else round(v * serving.fraction, 4)) for k, v in food.values.items()}
    check_caps(food.name, serving.text, serving.grams, serving.ml, values, drink=drink or food.is_drink)
    row = intake_row(taken_at=taken_at, source="own_food", description=food.name, amount_text=serving.text,
                     grams=serving.grams, ml=serving.ml, values=values, own_food_id=food.id, note=note)
    return row, serving


# --- supplements ------------------------------------------------------------------------------------

SUPPLEMENT_ALIASES = {"magnesium": "magnesium", "mg": "magnesium", "magnesium citrate": "magnesium",
                      "potassium": "potassium", "k": "potassium", "sodium": "sodium", "na": "sodium",
                      "salt tablet": "sodium", "calcium": "calcium", "ca": "calcium"}


def parse_supplement_nutrient(text: str) -> str:
    """sodium, potassium, magnesium or calcium (also Na, K, Mg, Ca)."""
    word = " ".join(text.strip().lower().split())
    if word in SUPPLEMENT_ALIASES:
        return SUPPLEMENT_ALIASES[word]
    raise ValueError(f"unknown supplement {text!r}: use sodium, potassium, magnesium or calcium "
                     "(the element, with its elemental dose from the label)")


def supplement_intake(nutrient: str, dose: Dose, taken_at: dt.datetime, note: str | None = None) -> dict[str, Any]:
    """The `intake` row for a supplement: the stated nutrient at its dose, the other
    minerals and water zero (the supplement is of that element only)."""
    values = dict.fromkeys(NUTRIENT_KEYS, 0.0) | {f"{nutrient}_mg": dose.mg}
    return intake_row(taken_at=taken_at, source="supplement", description=f"{nutrient.capitalize()} supplement",
                      amount_text=dose.text, grams=None, ml=None, values=values, supplement_nutrient=nutrient,
                      note=note)


# --- a day's totals ------------------------------------------------------------------------------


@dataclass
class NutrientTotal:
    """One nutrient over some intakes: the sum of the known values, how many intakes had
    no value (so the sum is a lower bound), and the part from supplements."""

    key: str
    total: float = 0.0
    unknown: int = 0
    supplements: float = 0.0
    entries: int = 0

    @property
    def at_least(self) -> bool:
        """True when some intake's value is unknown, so `total` is only a lower bound."""
        return self.unknown > 0


@dataclass
class DayIntake:
    """Totals of fluid and electrolytes over a day's intakes (`entries` = how many)."""

    entries: int = 0
    totals: dict[str, NutrientTotal] = field(default_factory=lambda: {k: NutrientTotal(k) for k in NUTRIENT_KEYS})

    def __getitem__(self, key: str) -> NutrientTotal:
        return self.totals[key]


def day_totals(intakes: Iterable[Mapping[str, Any]]) -> DayIntake:
    """Totals over intake rows (mappings with `source` and the NUTRIENT_KEYS columns).

    A NULL value is unknown: it adds nothing to the sum and is counted in `unknown`, so
    the total reads "at least". A day with no intakes has `entries` 0: no intake logged,
    which is not zero intake.
    """
    day = DayIntake()
    for row in intakes:
        day.entries += 1
        for key in NUTRIENT_KEYS:
            t = day.totals[key]
            t.entries += 1
            value = row.get(key)
            if value is None:
                t.unknown += 1
                continue
            t.total += float(value)
            if row.get("source") == "supplement":
                t.supplements += float(value)
    return day
