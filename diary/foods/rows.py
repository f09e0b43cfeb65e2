"""The intake row: the one function that builds it, for water, a food of the table, an own
food and a supplement alike, so every intake has the same columns and rounding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from diary.foods.food import Food, contribution
from diary.foods.table import get_food
from diary.vocab import NUTRIENT_KEYS

MAX_AMOUNT_TEXT = 64  # the intake.amount_text column


def intake_row(*, taken_at: dt.datetime, source: str, description: str, amount_text: str,
               grams: float | None, ml: float | None, values: Mapping[str, float | None],
               food_ndb: str | None = None, own_food_id: int | None = None,
               supplement_nutrient: str | None = None, note: str | None = None) -> dict[str, Any]:
    """A complete `intake` row, ready for `diary.entries.log_intake`: what it was (`source`
    'water', 'food', 'own_food' or 'supplement', and which), the amount as said, its grams
    and ml, and the snapshot of water (ml) and minerals (mg) it contributed; a nutrient
    missing from `values` or None is unknown, never zero."""
    return {
        "taken_at": taken_at, "source": source, "food_ndb": food_ndb, "own_food_id": own_food_id,
        "description": description, "amount_text": amount_text[:MAX_AMOUNT_TEXT],
        "grams": None if grams is None else round(grams, 3), "ml": None if ml is None else round(ml, 3),
        **{k: _rounded(values.get(k)) for k in NUTRIENT_KEYS},
        "supplement_nutrient": supplement_nutrient, "note": note,
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def water_row(taken_at: dt.datetime, ml: float, amount_text: str, note: str | None = None) -> dict[str, Any]:
    """The row for plain water: fluid only (its minerals vary by source and are not counted)."""
    values = dict.fromkeys(NUTRIENT_KEYS, 0.0) | {"water_ml": ml}
    return intake_row(taken_at=taken_at, source="water", description="Water", amount_text=amount_text, grams=ml,
                      ml=ml, values=values, note=note)


def food_intake(food: Food, grams: float, amount_text: str, taken_at: dt.datetime, *,
                ml: float | None = None, note: str | None = None) -> dict[str, Any]:
    """The row for `grams` of a food of the table (its values scaled from per 100 g)."""
    return intake_row(taken_at=taken_at, source="food", description=food.description, amount_text=amount_text,
                      grams=grams, ml=ml, values=contribution(food, grams), food_ndb=food.ndb, note=note)


def intake_values(ndb: str, grams: float, amount_text: str, taken_at: dt.datetime, *,
                  ml: float | None = None, note: str | None = None) -> dict[str, Any]:
    """The row for `grams` of the food with this NDB number.

    Raises KeyError for an unknown NDB number, ValueError for a negative amount.
    """
    food = get_food(ndb)
    if food is None:
        raise KeyError(f"no food has NDB number {ndb}")
    if grams < 0 or (ml is not None and ml < 0):
        raise ValueError(f"amount {amount_text!r} is negative")
    return food_intake(food, grams, amount_text, taken_at, ml=ml, note=note)
