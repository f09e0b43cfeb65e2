"""Dry forms of the food table (diary.foods.forms): powders, dry mixes and concentrates, told
from the words of their descriptions and their water, and never logged by a served amount."""

from __future__ import annotations

import datetime as dt

import pytest

from diary.choosing import Pantry
from diary.errors import ChoiceNeeded
from diary.foods import open_foods
from diary.foods.forms import core_words, dry_form, dry_source, prepared_forms
from diary.intake import InputError, plan_intake

T = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(("ndb", "form"), [
    ("14309", "powder"),  # Beverages, OVALTINE, Classic Malt powder (water 1.43 g)
    ("14192", "powder"),  # Beverages, Cocoa mix, powder
    ("19165", "powder"),  # Cocoa, dry powder, unsweetened
    ("09214", "concentrate"),  # Orange juice, frozen concentrate, unsweetened, undiluted
    ("06159", "concentrate"),  # Soup, tomato, canned, condensed (made up with its can of water)
    ("01095", None),  # Milk, canned, condensed, sweetened (eaten as it is)
    ("06080", "dry mix"),  # Soup, chicken broth or bouillon, dry
    ("01091", "dry mix"),  # Milk, dry, nonfat, regular
    ("14194", None),  # Beverages, Cocoa mix, powder, prepared with water
    ("09215", None),  # Orange juice, frozen concentrate, unsweetened, diluted with 3 volume water
    ("14057", None),  # Alcoholic beverage, wine, dessert, sweet ("dry" wines are wet)
    ("15016", None),  # Fish, cod, Atlantic, cooked, dry heat
    ("16090", None),  # Peanuts, all types, dry-roasted, with salt
])
def test_a_dry_form_is_told_by_its_words_and_water(ndb: str, form: str | None) -> None:
    food = open_foods().get(ndb)
    assert food is not None
    assert dry_form(food) == form


def test_what_is_made_from_a_powder_shares_its_core_words() -> None:
    table = open_foods()
    ovaltine = table.get("14309")
    assert ovaltine is not None and core_words(ovaltine.description) == {"malt"}
    made = prepared_forms(table, ovaltine)
    assert made and all("prepared" in f.description and "alt" in f.description for f in made)
    dry_milk = table.get("01091")
    assert dry_milk is not None and prepared_forms(table, dry_milk) == []  # no reconstituted dry milk in SR28


def test_a_made_drink_knows_its_powder() -> None:
    table = open_foods()
    malted = table.get("14312")  # Beverages, Malted drink mix, natural, powder, prepared with whole milk
    assert malted is not None
    source = dry_source(table, malted)
    assert source is not None and source.ndb == "14311"  # ..., natural, powder, dairy based.


def _dry_foods() -> list[str]:
    table = open_foods()
    ids = [int(r[0]) for r in table.conn.execute("SELECT id FROM food")]
    return [f.ndb for f in table.foods(ids, with_portions=False) if dry_form(f)]


def test_no_dry_form_of_the_table_is_ever_logged_by_a_served_amount() -> None:
    """Every powder, dry mix and concentrate of SR28 (by its NDB number, so no everyday name helps) said by the
    mug, glass or litre, or drunk without an amount, is a question or a refusal: nothing is logged."""
    dry = _dry_foods()
    assert len(dry) > 300
    for ndb in dry:
        for command, phrase in (("drink", f"a mug of {ndb}"), ("drink", f"{ndb} 250ml"), ("drink", ndb),
                                ("eat", f"a glass of {ndb}")):
            with pytest.raises((ChoiceNeeded, InputError)):
                plan_intake(phrase.split(), drink=command == "drink", when=T, note=None, pantry=Pantry(units="uk"))


@pytest.mark.parametrize("ndb", ["14197", "14195", "08640", "22959"])
def test_a_mix_said_only_in_its_name_is_a_dry_form(ndb: str) -> None:
    """"Cocoa mix, NESTLE, Rich Chocolate Hot Cocoa Mix" (water 3.73 g), QUAKER Instant Oatmeal, a boxed macaroni
    and cheese "uncooked": dry forms too, though no comma part says "dry"; trail mix is not (eaten as it is)."""
    table = open_foods()
    food = table.get(ndb)
    assert food is not None and dry_form(food) == "dry mix"
    trail = table.get("19059")  # Snacks, trail mix, regular
    assert trail is not None and dry_form(trail) is None


def test_a_prepared_drink_is_never_weighed_by_its_powders_cup() -> None:
    """14164 (chocolate malt powder, prepared with 1% milk) has "cup dry mix" 98 g before "cup prepared" 251 g
    (portions.csv): a mug of the drink is 350 ml at 251 g a cup, 371 g, never 145 g; alone it is a prepared cup."""
    mug = plan_intake(["a", "mug", "of", "14164"], drink=True, when=T, note=None, pantry=Pantry(units="uk"))
    assert mug.row["grams"] == pytest.approx(350 * 251 / 236.5882365, abs=0.5)
    alone = plan_intake(["14164"], drink=True, when=T, note=None, pantry=Pantry(units="uk"))
    assert alone.row["grams"] == pytest.approx(251)
