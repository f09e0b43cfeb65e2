"""Reading what a patient types after eat or drink: what, how many, which measure, how much."""

from __future__ import annotations

import pytest

from diary.phrase import read_phrase


@pytest.mark.parametrize(("typed", "what", "quantity", "measure", "amount"), [
    ("a mug of tea", "tea", 1, "mug", None),
    ("2 bananas", "bananas", 2, None, None),
    ("banana 2", "banana", 2, None, None),
    ("half a glass of milk", "milk", 0.5, "glass", None),
    ("3 glasses of water", "water", 3, "glass", None),
    ("a couple of biscuits", "biscuits", 2, None, None),
    ("a pint of cider", "cider", 1, "pint", None),
    ("2 slices of toast", "toast", 2, "slice", None),
    ("toast 2 slices", "toast", 2, "slice", None),
    ("beer 2 pints", "beer", 2, "pint", None),
    ("an ear of corn", "corn", 1, "ear", None),  # a measure only the food's own portions know
    ("2 rashers of bacon", "bacon", 2, "slice", None),
    ("one and a half mugs of coffee", "coffee", 1.5, "mug", None),
    ("some grapes", "grapes", None, None, None),
    ("coconut water 330ml", "coconut water", None, None, "330 ml"),
    ("330ml coconut water", "coconut water", None, None, "330 ml"),
    ("a 330ml can of coke", "coke", None, None, "330 ml"),
    ("a cup of tea", "tea", None, None, "1 cup"),
    ("2 cups", "", None, None, "2 cups"),
    ("500ml", "", None, None, "500 ml"),
    ("banana 1 cup sliced", "banana", None, None, "1 cup, sliced"),
    ("spinach, raw 100g", "spinach, raw", None, None, "100 g"),
    ("09040 150g", "09040", None, None, "150 g"),
    ("a large banana", "banana", None, None, "1 large"),
    ("an apple 150g", "apple", None, None, "150 g"),
    ("1% milk", "1% milk", None, None, None),
])
def test_the_first_reading(typed: str, what: str, quantity: float | None, measure: str | None,
                           amount: str | None) -> None:
    """The likeliest reading of the words: the food's words, the count, the measure, or a unit amount."""
    first = read_phrase(typed.split())[0]
    assert (first.what, first.quantity, first.measure, first.amount.text if first.amount else None) == \
        (what, quantity, measure, amount)


def test_a_size_goes_with_the_measure_after_it() -> None:
    """"a large glass of red wine": the size of the glass, not of the wine."""
    first = read_phrase(["a", "large", "glass", "of", "red", "wine"])[0]
    assert (first.what, first.size, first.measure, first.how_much) == ("red wine", "large", "glass", "a large glass")


def test_a_guessed_measure_keeps_the_whole_as_a_second_reading() -> None:
    """"an ear of corn" is also read as the name "ear of corn" (in case the food has no "ear")."""
    assert [r.what for r in read_phrase(["an", "ear", "of", "corn"])] == ["corn", "ear of corn"]


def test_a_last_word_that_may_be_a_portion_gives_two_readings() -> None:
    """"banana medium": the whole as a name first, then "banana" in its medium portion."""
    readings = read_phrase(["banana", "medium"])
    assert [(r.what, r.amount.text if r.amount else None) for r in readings] == [
        ("banana medium", None), ("banana", "medium")]


@pytest.mark.parametrize(("typed", "message"), [
    ("a few grapes", "amount 'a few' is not a number: say how many or how much, like 3 biscuits or 250ml"),
    ("a little milk", "amount 'a little' is not a number: say how many or how much, like 3 biscuits or 250ml"),
    ("banana -5g", "amount '-5g' is negative"),
    ("banana 5 %", "amount '5 %' has an unknown unit '%'"),
])
def test_vague_or_malformed_amounts_are_refused(typed: str, message: str) -> None:
    """A vague amount or a malformed one after the food is a ValueError naming it."""
    with pytest.raises(ValueError) as info:
        read_phrase(typed.split())
    assert str(info.value).startswith(message)
