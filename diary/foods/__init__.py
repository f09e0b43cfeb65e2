"""The shipped food table (USDA SR28) and what an eaten or drunk amount contributes.

Standard library only: `diary eat` and `diary drink` import this on the fast logging
path. Its parts, each importing only those before it:

- `text`: words of names (plurals folded), NDB numbers, numbers for people;
- `food`: `Food` with its values per 100 g (None = unknown, never zero) and `Portion`s,
  `contribution(food, grams)`;
- `ranking`: how well a food fits typed words, its weights one named table;
- `table`: `open_foods()` -> `FoodTable` (`.get`, `.search`, `.everyday`), the
  everyday-names table's rows (`EverydayName`);
- `household`: how much a glass, mug, pint or handful is (one reviewed table);
- `servings`: `serving_for(food, amount)` -> `Serving` (grams and ml), the caps;
- `rows`: `intake_row`, the one builder of an intake row, and its uses.

Values per eaten amount are value_per_100g * grams / 100; water in g counts as ml
(1 g of water is about 1 ml). An empty cell in the source stays None all the way to the
diary, where totals that include it say "at least".
"""

from __future__ import annotations

from diary.foods.food import Food, Portion, contribution, contribution_text, unknown_labels
from diary.foods.rows import food_intake, intake_row, intake_values, water_row
from diary.foods.servings import Serving, check_caps, serving_for
from diary.foods.table import (
    DATA_PATH,
    DRINK_KINDS,
    UNCOUNTED,
    EverydayName,
    FoodTable,
    Match,
    dataset_line,
    get_food,
    open_foods,
)
from diary.foods.text import fmt_amount, fold_name, format_ndb, norm, words

__all__ = [
    "DATA_PATH", "DRINK_KINDS", "UNCOUNTED", "EverydayName", "Food", "FoodTable", "Match", "Portion", "Serving",
    "check_caps", "contribution", "contribution_text", "dataset_line", "fmt_amount", "fold_name", "food_intake",
    "format_ndb", "get_food", "intake_row", "intake_values", "norm", "open_foods", "serving_for", "unknown_labels",
    "water_row", "words",
]
