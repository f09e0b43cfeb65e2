"""Which food typed words name: never silently wrong (a property over generated phrasings),
and remembered choices."""

from __future__ import annotations

import datetime as dt
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diary.choosing import Pantry, offered
from diary.errors import ChoiceNeeded
from diary.foods import open_foods, words
from diary.intake import InputError, plan_intake

T = dt.datetime(2026, 11, 25, 19, 0, tzinfo=dt.UTC)


@cache
def _vocabulary() -> list[str]:
    """Words people type for foods: every word of the everyday names, words of common descriptions, and junk."""
    table = open_foods()
    found = {w for name, _, _ in table.everyday_names() for w in name.lower().split()}
    for ndb in ("09040", "01077", "14355", "02068", "14605", "14161", "09148", "18096", "05064", "11529"):
        food = table.get(ndb)
        assert food is not None
        found |= {w.strip(",()") for w in food.description.lower().split()}
    return sorted(found | {"xyzzy", "vinegar", "vitamin", "mineral", "sugar", "free", "diet", "fresh", "homemade"})


@cache
def _names_of(ndb: str) -> frozenset[str]:
    """A food's name words: its description and every everyday name the reviewed table gives it."""
    table = open_foods()
    food = table.get(ndb)
    assert food is not None
    return frozenset(words(food.description)) | frozenset(
        w for name, _, n in table.everyday_names() if n == ndb for w in words(name))


PREFIXES = ["", "a ", "an ", "2 ", "half a ", "a couple of ", "some ", "3 "]
MEASURES = ["", "glass of ", "mug of ", "bowl of ", "slice of ", "cup of ", "pint of ", "handful of ", "can of ",
            "bottle of ", "pot of ", "piece of "]
TAILS = ["", " 100g", " 250ml", " 2", " 1 cup"]


@cache
def _everyday_names() -> list[str]:
    return sorted({name for name, _, _ in open_foods().everyday_names()})


# Food words: one to three words of the vocabulary, or an everyday name with or without another word.
FOOD_WORDS = st.one_of(
    st.lists(st.sampled_from(_vocabulary()), min_size=1, max_size=3).map(" ".join),
    st.tuples(st.sampled_from(_everyday_names()), st.sampled_from(["", *_vocabulary()[:200]])).map(
        lambda t: f"{t[1]} {t[0]}".strip()),
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), measure=st.sampled_from(MEASURES), food=FOOD_WORDS,
       tail=st.sampled_from(TAILS), drink=st.booleans(), units=st.sampled_from([None, "uk", "us"]))
def test_nothing_is_logged_as_a_food_sharing_fewer_words_than_the_alternatives(
        prefix: str, measure: str, food: str, tail: str, drink: bool, units: str | None) -> None:
    """Whatever the words, a food taken without asking shares at least as many words with the typed name as
    every food a question about that name would have offered (a food's words: its description and its
    everyday names). So "mineral water" is never a vitamin water while plain bottled water is on offer."""
    phrase = f"{prefix}{measure}{food}{tail}"
    try:
        plan = plan_intake(phrase.split(), drink=drink, when=T, note=None, pantry=Pantry(units=units))
    except (ChoiceNeeded, InputError):
        return  # asked or refused: nothing logged
    if plan.row["source"] != "food":
        return  # plain water
    typed = set(words(plan.name))
    shared = len(typed & _names_of(plan.row["food_ndb"]))
    for other in offered(plan.name, drink=drink):
        assert shared >= len(typed & _names_of(other)), (phrase, plan.row["description"], other)
