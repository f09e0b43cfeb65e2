"""The everyday-names table and the household measures, checked against the CSVs they come from.

The shipped table (diary/data/foods.sqlite, built by scripts/build_foods.py from
scripts/data/everyday_names.csv) must name only foods of foods.csv, weigh every serving
from portions.csv, cover UK and US words, and serve a drink as a drink."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from diary.amounts import parse_amount
from diary.foods import DRINK_KINDS, UNCOUNTED, norm, open_foods
from diary.foods.household import MEASURE_WORDS, MEASURES, choose_measure, measure_options, units_from_timezone

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
NAMES_SOURCE = Path(__file__).resolve().parents[1] / "scripts" / "data" / "everyday_names.csv"
needs_csvs = pytest.mark.skipif(not (SHARED / "foods.csv").exists(), reason=f"{SHARED} is not there")


def _rows() -> list[tuple]:
    return open_foods().conn.execute(
        "SELECT name, locale, said, food_id, serving, grams, ml, each, each_grams, each_ml, kind FROM everyday"
    ).fetchall()


def test_the_table_has_several_hundred_names_in_both_countries() -> None:
    """Several hundred names, with UK words (courgette, crisps, jacket potato) and US ones (zucchini, fries)."""
    names = {r[2] for r in _rows()}
    assert len(names) >= 500
    assert {"courgette", "zucchini", "crisps", "jacket potato", "semi-skimmed", "fizzy water", "squash",
            "builder's tea", "chips", "porridge", "aubergine", "eggplant", "fries", "oatmeal"} <= names


@needs_csvs
def test_every_food_exists_in_foods_csv_and_every_serving_has_grams() -> None:
    """Each row's NDB number is a food of foods.csv; each serving and each one-of-it weighs more than nothing, but
    where a count says no amount ("a pizza": its one-of-it is UNCOUNTED, and the patient is asked)."""
    with open(SHARED / "foods.csv", encoding="utf-8", newline="") as f:
        known = {r["ndb_no"] for r in csv.DictReader(f)}
    for name, _locale, _said, food_id, serving, grams, _ml, each, each_grams, _each_ml, _kind in _rows():
        assert f"{food_id:05d}" in known, name
        assert grams > 0 and (each_grams > 0 or each == UNCOUNTED), (name, serving, each)


@needs_csvs
def test_servings_named_after_a_portion_weigh_what_portions_csv_says() -> None:
    """A serving like "1 medium" or "2 slice" weighs its count times the portions.csv row of that name (worked
    here from the CSV, apart from the builder)."""
    by_food: dict[str, list[dict[str, str]]] = {}
    with open(SHARED / "portions.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            by_food.setdefault(r["ndb_no"], []).append(r)
    checked = 0
    weighed = _reviewer_weighed()
    for name, _locale, _said, food_id, serving, grams, *_ in _rows():
        count, _, unit = serving.partition(" ")
        if name in weighed:
            assert 0 < grams < 5000, name  # "1 slice = 50 g": the reviewer's weight, on purpose not USDA's
            continue
        fits = [p for p in by_food.get(f"{food_id:05d}", []) if p["unit"].split(" (")[0].strip(" ,") == unit]
        if len(fits) == 1 and unit not in ("cup", "fl oz", "oz", "g", "ml", "tbsp", "tsp"):
            p = fits[0]
            assert grams == pytest.approx(float(count) * float(p["gram_weight"]) / float(p["amount"]), abs=0.01), name
            checked += 1
    assert checked > 150


def _reviewer_weighed() -> set[str]:
    """The names (as looked up) whose serving is a measure the reviewer weighed ("1 slice = 50 g")."""
    with open(NAMES_SOURCE, encoding="utf-8", newline="") as f:
        return {norm(n) for r in csv.DictReader(f) if " = " in r["serving"] for n in r["names"].split(";") if n}


def test_a_drink_is_served_as_a_drink_never_one_fluid_ounce() -> None:
    """The natural serving of every drink is a drink: at least 200 ml, but a shot of spirits or espresso (30-50
    ml), a glass of sherry or port (75 ml), a flute of sparkling wine (125 ml) or a splash of cream (30 ml)."""
    small = {"espresso", "single espresso", "shot of espresso", "double espresso", "doppio", "port", "sherry",
             "dessert wine", "sweet wine"}
    flutes = {"prosecco", "champagne", "cava", "sparkling wine", "bubbly", "glass of prosecco", "glass of champagne"}
    for _name, _locale, said, _food, serving, _grams, ml, _each, _eg, _em, kind in _rows():
        if kind not in DRINK_KINDS:
            continue
        assert ml is not None, said
        if kind in ("spirit", "fortified") or said in small:  # port, sherry, liqueurs by the small glass
            assert 25 <= ml <= 80, (said, serving)
        elif kind == "milk" and "tbsp" in serving:
            assert ml >= 29, (said, serving)  # cream for coffee
        elif said in flutes:
            assert 100 <= ml <= 150, (said, serving)  # a flute of sparkling wine holds 125 ml
        else:
            assert ml >= 140, (said, serving)


def test_a_name_is_for_any_country_or_for_countries_alone() -> None:
    """A name is for any country, or has a UK and a US row ("chips", "squash", "biscuit"), or is one country's
    word only ("beans": baked beans in the UK), never both 'any' and a country."""
    by_name: dict[str, set[str]] = {}
    for name, locale, *_ in _rows():
        by_name.setdefault(name, set()).add(locale)
    assert all(found in ({"any"}, {"uk", "us"}, {"uk"}, {"us"}) for found in by_name.values())
    assert by_name["chip"] == {"uk", "us"} and by_name["biscuit"] == {"uk", "us"} and by_name["bean"] == {"uk"}


# --- household measures --------------------------------------------------------------------------------


def test_every_household_measure_has_a_reason_and_an_amount_the_table_can_weigh() -> None:
    """Each row of the reviewed table says why, and its amount is a unit amount (or None: refused, with why)."""
    for m in MEASURES:
        assert len(m.reason) > 20, m
        assert m.units in ("any", "uk", "us") and m.size in (None, "small", "large")
        if m.amount is not None:
            assert parse_amount(m.amount, portions_allowed=False).unit, m
    assert set(MEASURE_WORDS.values()) == {m.unit for m in MEASURES}


@pytest.mark.parametrize(("unit", "kind", "units", "amount"), [
    ("glass", "water", None, "250 ml"), ("mug", "hot", None, "350 ml"), ("pint", "beer", "uk", "568 ml"),
    ("pint", "beer", "us", "16 fl oz"), ("can", "soft", "uk", "330 ml"), ("can", "soft", "us", "12 fl oz"),
    ("can", "beer", "uk", "440 ml"), ("can", "beer", "us", "12 fl oz"), ("glass", "wine", None, "5 fl oz"),
    ("bowl", "soup", None, "1.5 cup"), ("handful", "berries", None, "80 g"), ("handful", "nuts", None, "30 g"),
    ("pinch", "seasoning", None, "0.0625 tsp"), ("bottle", "wine", None, "750 ml"), ("bottle", "spirit", None, None),
])
def test_household_measures(unit: str, kind: str, units: str | None, amount: str | None) -> None:
    """A glass 250 ml, a mug 350 ml, a pint 568 ml (UK) or 16 fl oz (US), a can 330 ml or 12 fl oz (UK beer 440
    ml), a glass of wine 5 fl oz, a bowl of soup 1.5 cups; a bottle of spirits is not a serving."""
    chosen = choose_measure(measure_options(unit, kind, None), units)
    assert chosen is not None and chosen.amount == amount


def test_a_pint_of_unknown_country_has_no_one_size() -> None:
    """Without a unit system, a pint and a can are asked: their UK and US rows differ."""
    assert choose_measure(measure_options("pint", "beer", None), None) is None
    assert {m.units for m in measure_options("can", "soft", None)} == {"uk", "us"}


@pytest.mark.parametrize(("zone", "units"), [
    ("Europe/London", "uk"), ("Europe/Dublin", "uk"), ("America/New_York", "us"), ("America/Los_Angeles", "us"),
    ("Pacific/Honolulu", "us"), ("Europe/Berlin", None), ("America/Toronto", None), ("Australia/Sydney", None),
    ("UTC", None)])
def test_units_from_the_timezones_country_where_it_settles_them(zone: str, units: str | None) -> None:
    """UK and Ireland zones are 'uk', US ones 'us'; Canada (US cans, imperial pints) and the rest are unknown."""
    assert units_from_timezone(zone) == units
