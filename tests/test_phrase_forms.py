"""Forms of kitchen words beyond the first table: no count, a size, two foods, whole things, cuts and warmth.

Each row: the command, the words, the patient's units, and the food (NDB number or "water")
with the grams worked by hand from ../shared/data/portions.csv (the row quoted beside it)
and the household table (glass 250 ml, mug 350 ml, large mug 450 ml, small glass 150 ml,
knob 10 g, UK pint 568 ml, UK tin of beans 400 g), or ASK where nothing may be logged.
"""

from __future__ import annotations

import datetime as dt

import pytest

from diary.choosing import Pantry
from diary.errors import ChoiceNeeded
from diary.intake import InputError, plan_intake

T = dt.datetime(2026, 11, 25, 19, 0, tzinfo=dt.UTC)
FL_OZ = 29.5735295625  # ml
CUP = 236.5882365  # ml
ASK = None


def per_fl_oz(grams: float, ml: float) -> float:
    """Grams of `ml` of a drink whose 1 fl oz weighs `grams` (its portions.csv row)."""
    return ml * grams / FL_OZ


FORMS: list[tuple[str, str, str | None, tuple[str, float] | None]] = [
    # a measure or a size without a count
    ("drink", "cup of tea", "uk", ("14355", 237)),  # 14355,3,1,cup (8 fl oz),237
    ("drink", "pint of lager", "uk", ("14003", per_fl_oz(29.7, 568))),  # 14003,1,1,fl oz,29.7
    ("drink", "glass of milk", "us", ("01077", per_fl_oz(30.5, 250))),  # 01077,2,1,fl oz,30.5
    ("eat", "bowl of porridge", "uk", ("08121", 1.5 * 234)),  # 08121,1,1,cup,234
    ("eat", "large fries", "us", ("21138", 154)),  # 21138,3,1,serving large,154
    # a drink's size the table lacks: a mug or glass of that size
    ("drink", "a large coffee", "uk", ("14209", per_fl_oz(29.6, 450))),  # 14209,1,1,fl oz,29.6
    ("drink", "a small orange juice", "uk", ("09209", per_fl_oz(31.1, 150))),  # 09209,2,1,fl oz,31.1
    ("drink", "a small beer", "uk", ASK),  # a half? a third? beer's sizes are pints
    # counts said another way
    ("drink", "tea x2", "uk", ("14355", 2 * 237)),
    ("eat", "2 x apples", "uk", ("09003", 2 * 182)),  # 09003,4,1,medium,182
    # a slice is not USDA's "cup, slices" (that would be 104 g of cucumber)
    ("eat", "a slice of cucumber", "uk", ASK),
    ("eat", "a slice of tomato", "uk", ("11529", 20)),  # 11529,7,1,"slice, medium (1/4"" thick)",20
    # household measures added
    ("drink", "a pot of tea", "uk", ("14355", 2 * 237)),  # a pot for one: two cups
    ("eat", "a knob of butter", "uk", ("01001", 10)),
    ("eat", "a dollop of ketchup", "uk", ("11935", 2 * 17)),  # 11935,1,1,tbsp,17
    ("eat", "a spoonful of jelly", "us", ("19300", 21)),  # 19300,1,1,serving 1 tbsp,21: a tbsp is 21 g
    ("eat", "a small bag of crisps", "uk", ("19411", 25)),
    # whole things
    ("eat", "a pomegranate", "uk", ("09286", 282)),  # 09286,2,1,pomegranate (4" dia),282
    ("eat", "half a cucumber", "uk", ("11205", 301 / 2)),  # 11205,2,1,cucumber (8-1/4"),301
    ("eat", "a pizza", "us", ASK),  # of what size?
    ("eat", "half a watermelon", "uk", ASK),
    ("eat", "a slice of pizza", "us", ("21299", 107)),  # 21299,1,1,slice,107
    ("eat", "a slice of chocolate cake", "uk", ("18096", 64)),  # 18096,3,1,piece (1/8 of 18 oz cake),64
    ("eat", "a slice of sourdough", "uk", ("18029", 50)),  # the reviewer's slice: USDA's is 139 g
    ("drink", "a carton of coconut water", "uk", ("14090", 330 * 245 / CUP)),  # 14090,1,1,cup,245
    # how it was cut or warmed is not its name
    ("eat", "pineapple chunks 100g", "us", ("09266", 100)),
    ("drink", "a cup of warm milk", "uk", ("01077", 244)),  # 01077,1,1,cup,244
    ("drink", "a mug of hot water", "uk", ("water", 350)),
    ("eat", "a hot dog", "us", ("21118", 98)),  # a name of its own: 21118,1,1,sandwich,98
    # a container alone is not water unless water is drunk from it
    ("drink", "a mug", "uk", ASK),
    ("drink", "a juice box", "us", ASK),
    ("drink", "a bottle", "uk", ("water", 500)),
    ("drink", "2 pints", "uk", ASK),  # of water or of beer?
    ("drink", "2 pints of water", "uk", ("water", 2 * 568)),
    # one country's word
    ("eat", "a tin of beans", "uk", ("16006", 400)),
    ("eat", "a can of beans", "us", ASK),
    # names added
    ("drink", "a glass of red", "uk", ("14096", 5 * 29.4)),  # 14096,2,1,serving (5 fl oz),147
    ("drink", "a glass of juice", "uk", ASK),  # orange or apple: twice the potassium or half
    ("drink", "prosecco", "uk", ("14106", per_fl_oz(29.4, 125))),  # 14106,1,1,fl oz,29.4
    ("eat", "a kitkat", "uk", ("19109", 42)),  # 19109,1,1,bar (1.5 oz),42
    ("eat", "a mars bar", "uk", ("19135", 58)),  # the UK Mars is the US Milky Way: 19135,1,1,serving 2.05 oz bar,58
    ("eat", "a mars bar", "us", ("19115", 50)),  # 19115,1,1,bar (1.76 oz),50
    ("eat", "salt and vinegar crisps", "uk", ("19411", 28.35)),  # one food, not salt then vinegar crisps
    ("eat", "cheese and onion crisps", "uk", ("19421", 28.35)),  # 19421,1,1,oz,28.35
    # two foods
    ("drink", "tea with milk", "uk", ASK),
    ("eat", "beans on toast", "uk", ASK),
    ("drink", "a cup of coffee with milk", "us", ASK),
]


def _logged(command: str, phrase: str, units: str | None) -> tuple[str, float] | None:
    try:
        plan = plan_intake(phrase.split(), drink=command == "drink", when=T, note=None, pantry=Pantry(units=units))
    except (ChoiceNeeded, InputError):
        return None
    return ("water" if plan.row["source"] == "water" else plan.row["food_ndb"]), float(plan.row["grams"])


@pytest.mark.parametrize(("command", "phrase", "units", "expected"), FORMS,
                         ids=[f"{c} {p} [{u}]" for c, p, u, _ in FORMS])
def test_a_form_of_kitchen_words_is_logged_as_worked_by_hand_or_asked(command: str, phrase: str, units: str | None,
                                                                      expected: tuple[str, float] | None) -> None:
    """Each form is logged as the food and grams worked by hand, or (ASK) nothing is logged."""
    logged = _logged(command, phrase, units)
    if expected is ASK:
        assert logged is None, f"{phrase!r} was logged as {logged}"
    else:
        assert logged is not None, f"{phrase!r} was asked"
        assert logged[0] == expected[0]
        assert logged[1] == pytest.approx(expected[1], abs=0.05)


@pytest.mark.parametrize(("command", "phrase", "message"), [
    ("drink", "tea, milk, no sugar", "'tea, milk, no sugar' is more than one food: log each on its own, like "
                                     "diary drink tea, then diary drink milk"),
    ("eat", "2 slices of toast with butter", "'2 slices of toast with butter' is more than one food: log each on "
                                             "its own, like diary eat 2 slices of toast, then diary eat butter"),
    ("drink", "a can", "say what was in the can, like diary drink a can of coke"),
    ("eat", "a pizza", "how much Pizza Chain, 14\" pizza, cheese topping, regular crust? One can be any size: say "
                       "how much, like 2 slices (214 g) or 100g"),
])
def test_a_refusal_says_what_to_type_instead(command: str, phrase: str, message: str) -> None:
    """A refused form says, in one line, what to type instead (the commands for each food, what was in the can,
    how much pizza)."""
    with pytest.raises(InputError) as info:
        plan_intake(phrase.split(), drink=command == "drink", when=T, note=None, pantry=Pantry(units="uk"))
    assert str(info.value) == message
