"""Amounts as patients type them: units, portions, fractions, and what is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diary.amounts import CUP_ML, FL_OZ_ML, OZ_G, TBSP_ML, TSP_ML, check_size, is_ndb, parse_amount, parse_dose


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
        ("12,500ml", "number '12,500' is ambiguous: write 12500 or 12.500"),
        ("1,500", "number '1,500' is ambiguous: write 1500 or 1.500"),
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
        ("6 g", "magnesium", "dose '6 g' is more than 3,500 mg of magnesium in one dose"),
        ("0mg", "calcium", "dose '0mg' is zero"),
        ("-1mg", "magnesium", "dose '-1mg' is negative"),
        ("1,500mg", "calcium", "number '1,500' is ambiguous: write 1500 or 1.500"),
    ],
)
def test_bad_doses_are_refused(text: str, nutrient: str, message: str) -> None:
    """A dose without a unit, negative, in the wrong unit or absurdly large is refused."""
    with pytest.raises(ValueError) as info:
        parse_dose(text, nutrient)
    assert str(info.value).startswith(message)


@given(st.floats(min_value=0.01, max_value=99999, allow_nan=False),
       st.sampled_from(["g", "kg", "ml", "l", "cup", "tsp"]))
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


@pytest.mark.parametrize(
    ("text", "nutrient", "message"),
    [
        # 10 x the adults' 350 mg magnesium UL for supplements (dri.csv magnesium,UL,any,9,,350)
        ("5000mg", "magnesium", "dose '5000mg' is more than 3,500 mg of magnesium in one dose (10 times the 350 mg "
                                "upper level for supplements): check the label for the elemental magnesium (not the "
                                "weight of the compound)"),
        ("3501 mg", "magnesium", "dose '3501 mg' is more than 3,500 mg of magnesium in one dose (10 times"),
        ("3.1 g", "calcium", "dose '3.1 g' is more than 3,000 mg of calcium in one dose: check the label for the "
                             "elemental calcium (not the weight of the compound)"),
        ("3001mg", "potassium", "dose '3001mg' is more than 3,000 mg of potassium in one dose: check the label"),
        ("5001mg", "sodium", "dose '5001mg' is more than 5,000 mg of sodium in one dose: check the label"),
        ("0.5mg", "magnesium", "dose '0.5mg' is less than 1 mg of magnesium: use a number with mg or g"),
        ("0.0009 g", "calcium", "dose '0.0009 g' is less than 1 mg of calcium"),
    ],
)
def test_implausible_doses_are_refused_with_a_hint(text: str, nutrient: str, message: str) -> None:
    """A dose above the nutrient's cap or below 1 mg is refused, the cap's reason and the label hint named."""
    with pytest.raises(ValueError) as info:
        parse_dose(text, nutrient)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(("text", "nutrient", "mg"), [("3500mg", "magnesium", 3500), ("3 g", "calcium", 3000),
                                                      ("3000 mg", "potassium", 3000), ("5 g", "sodium", 5000),
                                                      ("1mg", "magnesium", 1), ("0,5 g", "calcium", 500)])
def test_doses_at_the_limits_are_accepted(text: str, nutrient: str, mg: float) -> None:
    """Doses exactly at a cap or at 1 mg, and a decimal comma, are accepted."""
    assert parse_dose(text, nutrient).mg == pytest.approx(mg)


@pytest.mark.parametrize(("text", "quantity", "unit"), [("0,5l", 0.5, "l"), ("0,500 l", 0.5, "l"),
                                                         ("1,5 kg", 1.5, "kg"), ("2,25 cups", 2.25, "cup")])
def test_a_decimal_comma_is_a_decimal_point(text: str, quantity: float, unit: str) -> None:
    """"0,5l" is half a litre; "0,500" cannot be a thousands comma, so it is 0.5 too."""
    amount = parse_amount(text)
    assert (amount.quantity, amount.unit) == (pytest.approx(quantity), unit)


@pytest.mark.parametrize(
    ("said", "grams", "ml", "drink", "message"),
    [
        ("0.0001ml", None, 0.0001, True,
         "amount '0.0001ml' is 0.0001 ml, less than 1 ml: check the amount, like 250ml"),
        ("0.5 ml", 0.5, 0.5, True, "amount '0.5 ml' is 0.5 ml, less than 1 ml"),
        ("0.05 g", 0.05, None, False, "amount '0.05 g' is 0.05 g, less than 0.1 g: check the amount, like 100g"),
        ("6 l", 6000, 6000, True, "amount '6 l' is 6,000 ml, more than 5 l in one entry"),
        ("6 kg", 6000, None, False, "amount '6 kg' is 6,000 g, more than 5 kg in one entry"),
    ],
)
def test_entries_too_small_or_too_large_are_refused(said: str, grams: float | None, ml: float | None, drink: bool,
                                                    message: str) -> None:
    """Below 1 ml of a drink or 0.1 g of food, or above 5 l / 5 kg, one entry is surely a typo."""
    with pytest.raises(ValueError) as info:
        check_size(said, grams, ml, drink=drink)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(("grams", "ml", "drink"), [(None, 1.0, True), (0.1, None, False), (0.75, 0.6, False),
                                                    (5000, None, False), (None, 5000, True)])
def test_entries_at_the_limits_pass(grams: float | None, ml: float | None, drink: bool) -> None:
    """1 ml of a drink, 0.1 g of food and 1/8 tsp of salt (0.75 g, 0.6 ml) are allowed, as are 5 kg and 5 l."""
    check_size("x", grams, ml, drink=drink)


@pytest.mark.parametrize(("text", "ndb"), [("09040", True), ("9040", True), (" 01077 ", True), ("123", False),
                                           ("123456", False), ("500ml", False), ("", False)])
def test_ndb_numbers_are_four_or_five_digits(text: str, ndb: bool) -> None:
    """An NDB number is 4 or 5 digits (the leading zero may be left off)."""
    assert is_ndb(text) is ndb
