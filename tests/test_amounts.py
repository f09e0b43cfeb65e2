"""Amounts as patients type them: units, portions, fractions, and what is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diary.amounts import CUP_ML, FL_OZ_ML, OZ_G, TBSP_ML, TSP_ML, parse_amount, parse_dose


@pytest.mark.parametrize(
    ("text", "quantity", "unit", "said"),
    [
        ("330ml", 330, "ml", "330 ml"),
        ("330 ml", 330, "ml", "330 ml"),
        ("0.5l", 0.5, "l", "0.5 l"),
        ("0,5 l", 0.5, "l", "0.5 l"),
        ("1.5 litres", 1.5, "l", "1.5 l"),
        ("33cl", 33, "cl", "33 cl"),
        ("100g", 100, "g", "100 g"),
        ("100 grams", 100, "g", "100 g"),
        ("1 kg", 1, "kg", "1 kg"),
        ("3 oz", 3, "oz", "3 oz"),
        ("8 fl oz", 8, "fl oz", "8 fl oz"),
        ("8floz", 8, "fl oz", "8 fl oz"),
        ("1 cup", 1, "cup", "1 cup"),
        ("2 cups", 2, "cup", "2 cups"),
        ("1/2 cup", 0.5, "cup", "0.5 cup"),
        ("1 1/2 cups", 1.5, "cup", "1.5 cups"),
        ("½ cup", 0.5, "cup", "0.5 cup"),
        ("a cup", 1, "cup", "1 cup"),
        ("2 tbsp", 2, "tbsp", "2 tbsp"),
        ("1 tablespoon", 1, "tbsp", "1 tbsp"),
        ("3 tsp", 3, "tsp", "3 tsp"),
        ("2 Teaspoons", 2, "tsp", "2 tsp"),
    ],
)
def test_units_are_read_and_said_back_tidily(text: str, quantity: float, unit: str, said: str) -> None:
    """Each way of writing a unit gives the canonical unit, the number, and a tidy "as said" text."""
    amount = parse_amount(text)
    assert (amount.quantity, amount.unit, amount.text) == (pytest.approx(quantity), unit, said)


@pytest.mark.parametrize(
    ("text", "grams", "ml"),
    [
        ("250 g", 250, None),
        ("1.2 kg", 1200, None),
        ("2 oz", 2 * 28.349523125, None),
        ("330 ml", None, 330),
        ("1.5 l", None, 1500),
        ("8 fl oz", None, 8 * 29.5735295625),  # US fluid ounce
        ("1 cup", None, 236.5882365),  # US cup = 8 fl oz
        ("1 tbsp", None, 236.5882365 / 16),
        ("1 tsp", None, 236.5882365 / 48),
    ],
)
def test_weights_and_volumes_convert_to_grams_and_ml(text: str, grams: float | None, ml: float | None) -> None:
    """Mass units give grams, volume units ml (US cup 236.6 ml, fl oz 29.57 ml), never both."""
    amount = parse_amount(text)
    assert amount.grams == (None if grams is None else pytest.approx(grams))
    assert amount.ml == (None if ml is None else pytest.approx(ml))


def test_us_measures_are_consistent() -> None:
    """1 cup = 8 fl oz = 16 tbsp = 48 tsp, and 1 oz = 28.35 g."""
    assert CUP_ML == pytest.approx(8 * FL_OZ_ML) == pytest.approx(16 * TBSP_ML) == pytest.approx(48 * TSP_ML)
    assert round(OZ_G, 2) == 28.35


@pytest.mark.parametrize(
    ("text", "quantity", "portion", "said"),
    [
        ("1 medium", 1, "medium", "1 medium"),
        ("medium", 1, "medium", "medium"),
        ("2 slices", 2, "slices", "2 slices"),
        ("3 bananas", 3, "bananas", "3 bananas"),
        ("1 NLEA serving", 1, "nlea serving", "1 nlea serving"),
    ],
)
def test_other_words_are_kept_as_a_portion_for_the_food(text: str, quantity: float, portion: str, said: str) -> None:
    """A word that is not a unit is a portion name the food resolves ("medium", "2 slices")."""
    amount = parse_amount(text)
    assert (amount.quantity, amount.unit, amount.portion, amount.text) == (quantity, "", portion, said)


def test_cup_with_a_word_keeps_it_to_choose_the_foods_cup() -> None:
    """"1 cup sliced" is a cup, with "sliced" to pick the food's "cup, sliced" measure."""
    amount = parse_amount("1 cup, sliced")
    assert (amount.unit, amount.qualifier, amount.text) == ("cup", "sliced", "1 cup, sliced")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5g", "amount '-5g' is negative: use a number and a unit (g, kg, oz, ml, l, fl oz, cup, tbsp, tsp) or one "
                "of the food's portions, like 100g, 330ml, 1 cup or 2 medium"),
        ("0 g", "amount '0 g' is zero: use a number"),
        ("200", "amount '200' has no unit: use a number"),
        ("", "empty amount: use a number"),
        ("5 %", "amount '5 %' has an unknown unit '%': use a number"),
        ("12..5 g", "amount '12..5 g' has an unknown unit '..5 g'"),
        ("9999999 g", "amount '9999999 g' is far too large"),
        ("1,500 ml", "number '1,500' is ambiguous: write 1500 or 1.500"),
    ],
)
def test_bad_amounts_are_refused_naming_the_value(text: str, message: str) -> None:
    """Negative, zero, unitless and garbled amounts raise one line that names the value and what is allowed."""
    with pytest.raises(ValueError) as info:
        parse_amount(text)
    assert str(info.value).startswith(message)


def test_plain_water_takes_units_only() -> None:
    """For plain water a portion word is an unknown unit (water has no "medium")."""
    with pytest.raises(ValueError, match=r"^amount '2 bottles' has an unknown unit 'bottles': use a number and a unit"):
        parse_amount("2 bottles", portions_allowed=False)


@pytest.mark.parametrize(
    ("text", "nutrient", "mg", "said"),
    [("200mg", "magnesium", 200, "200 mg"), ("200 mg", "magnesium", 200, "200 mg"),
     ("0.5 g", "calcium", 500, "0.5 g"), ("1g", "potassium", 1000, "1 g"), ("99 milligrams", "potassium", 99, "99 mg")],
)
def test_supplement_doses_in_mg_or_g(text: str, nutrient: str, mg: float, said: str) -> None:
    """A dose is mg or g, converted to mg."""
    dose = parse_dose(text, nutrient)
    assert (dose.mg, dose.text) == (pytest.approx(mg), said)


@pytest.mark.parametrize(
    ("text", "nutrient", "message"),
    [
        ("200", "magnesium", "dose '200' has no unit: use a number with mg or g"),
        ("-200mg", "magnesium", "dose '-200mg' is negative"),
        ("200 ml", "magnesium", "dose '200 ml' not understood"),
        ("6 g", "magnesium", "dose '6 g' is more than 5,000 mg of magnesium at once"),
        ("0mg", "calcium", "dose '0mg' is zero"),
    ],
)
def test_bad_doses_are_refused(text: str, nutrient: str, message: str) -> None:
    """A dose without a unit, negative, in the wrong unit or absurdly large is refused."""
    with pytest.raises(ValueError) as info:
        parse_dose(text, nutrient)
    assert str(info.value).startswith(message)


@given(st.floats(min_value=0.01, max_value=99999, allow_nan=False), st.sampled_from(["g", "kg", "ml", "l", "cup", "tsp"]))
def test_any_positive_amount_round_trips_through_its_text(value: float, unit: str) -> None:
    """An amount written as "<number> <unit>" parses to that number and unit, and its text parses to the same."""
    amount = parse_amount(f"{value!r} {unit}")
    assert amount.unit == unit and amount.quantity == pytest.approx(value)
    again = parse_amount(amount.text)
    assert again.unit == unit and again.quantity == pytest.approx(value, rel=1e-5)


@given(st.text(max_size=30))
def test_any_text_parses_or_raises_valueerror(text: str) -> None:
    """Whatever is typed, the parser gives an amount or a ValueError, never another exception."""
    try:
        amount = parse_amount(text)
    except ValueError as exc:
        assert "\n" not in str(exc)
    else:
        assert amount.quantity > 0
