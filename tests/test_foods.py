"""The food table API: search ranking, choosing a food, amounts of a food, and intake rows.

Expected numbers are worked by hand from the rows of ../shared/data/foods.csv and
portions.csv quoted beside them, never taken from the code's own output.
"""

from __future__ import annotations

import datetime as dt

import pytest

from diary.amounts import parse_amount
from diary.foods import intake_row, intake_values, open_foods, serving_for, water_row
from diary.foods.ranking import WEIGHTS, extra_words

T = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def table():
    return open_foods()


# foods.csv: 09040,"Bananas, raw",...,74.91,1,358,27,5,89
# portions.csv: 09040,5,1,"medium (7"" to 7-7/8"" long)",118
def test_banana_row_is_read_as_in_the_csv(table) -> None:
    """NDB 09040 carries the CSV's per-100 g values and its eight household measures in USDA's order."""
    banana = table.get("09040")
    assert banana.description == "Bananas, raw"
    assert banana.per_100g == {"water_g": 74.91, "sodium_mg": 1, "potassium_mg": 358, "magnesium_mg": 27,
                               "calcium_mg": 5}
    assert [(p.unit, p.gram_weight) for p in banana.portions][:2] == [("cup, mashed", 225), ("cup, sliced", 150)]
    assert len(banana.portions) == 8


def test_lookup_by_ndb_accepts_the_number_with_or_without_its_leading_zero(table) -> None:
    """"09040", "9040" and 9040 name the same food; an unknown number gives None."""
    assert table.get("9040").ndb == table.get(9040).ndb == "09040"
    assert table.get("99999") is None


def test_empty_cells_are_unknown_not_zero(table) -> None:
    """A food with empty potassium and magnesium cells (16259) has None for them, and a real 0 stays 0."""
    # foods.csv: 16259,SILK Banana-Strawberry soy yogurt,...,78.18,15,,,176,88
    silk = table.get("16259")
    assert (silk.per_100g["potassium_mg"], silk.per_100g["magnesium_mg"]) == (None, None)
    # foods.csv: 14411,"Beverages, water, tap, drinking",...,99.90,4,0,1,3,0
    assert table.get("14411").per_100g["potassium_mg"] == 0


@pytest.mark.parametrize(
    ("query", "first", "before"),
    [
        ("banana", "09040", "19400"),  # Bananas, raw before Snacks, banana chips
        ("bananas", "09040", "09041"),  # plural; raw before dehydrated
        ("spinach", "11457", "11658"),  # Spinach, raw before Spinach souffle
        ("salt", "02047", "01145"),  # Salt, table before Butter, without salt
        ("carrot", "11124", "11960"),  # Carrots, raw before Carrots, baby, raw
        ("coconut", "12104", "19922"),  # Nuts, coconut meat, raw before a coconut candy bar
        ("olive oil", "04053", "04708"),  # Oil, olive before mayonnaise with olive oil
    ],
)
def test_search_ranks_plain_raw_foods_first(table, query: str, first: str, before: str) -> None:
    """The plain (raw, short, name starts with the word) food comes first, before processed or compound ones."""
    found = [m.food.ndb for m in table.search(query, limit=50)]
    assert found[0] == first
    assert found.index(first) < found.index(before)


def test_search_puts_baby_food_and_brands_last(table) -> None:
    """Baby foods and brand-name products rank below every generic banana food."""
    found = [m.food for m in table.search("banana", limit=100)]
    generic = [i for i, f in enumerate(found) if f.group != "Baby Foods" and not any(w.isupper() and len(w) > 2
                                                                                   for w in f.description.split())]
    baby = [i for i, f in enumerate(found) if f.group == "Baby Foods"]
    assert max(generic[:3]) < min(baby)


def test_search_for_a_drink_prefers_beverages(table) -> None:
    """Searching as a drink puts the ready-to-drink coconut water (14090) first."""
    assert table.search("coconut water", drink=True)[0].food.ndb == "14090"


def test_search_corrects_a_typo(table) -> None:
    """A misspelt word ("bananna") still finds bananas, by the closest word of the table."""
    assert table.search("bananna")[0].food.ndb == "09040"


def test_search_puts_the_everyday_food_of_a_name_first(table) -> None:
    """A name no description holds ("crisps") finds the food the everyday-names table gives it."""
    assert table.search("crisps")[0].food.description == "Snacks, potato chips, plain, salted"
    assert table.search("courgette")[0].food.ndb == "11477"  # Squash, summer, zucchini, includes skin, raw


def test_milk_ranks_cows_milk_first(table) -> None:
    """"milk" lists cow's whole, 1 %, skim and 2 % milk first, and no sheep, buffalo, human or low-sodium milk in
    the top 10 (before the ranking rules: sheep, low sodium, buffalo, human were the first four)."""
    top = [m.food.ndb for m in table.search("milk", limit=10)]
    assert top[:4] == ["01077", "01082", "01085", "01079"]
    # 01109 sheep, 01089 low sodium, 01108 indian buffalo, 01107 human
    assert not {"01109", "01089", "01108", "01107"} & set(top)


def test_coffee_ranks_brewed_coffee_first(table) -> None:
    """"coffee" puts brewed coffee (14209) first, and instant chicory (14223, first before) out of the top 5:
    "instant" is a processing word, chicory an unusual variant."""
    top = [m.food.ndb for m in table.search("coffee", limit=5)]
    assert top[0] == "14209"
    assert "14223" not in top


@pytest.mark.parametrize(("query", "ndb"), [("orange", "09200"), ("egg", "01123")])
def test_plain_forms_lead(table, query: str, ndb: str) -> None:
    """Labelling parts ("all commercial varieties", "fresh") cost nothing, and other birds' eggs rank lower."""
    top = [m.food.ndb for m in table.search(query, limit=4)]
    assert ndb in top
    assert not {"01138", "01139", "01140"} & set(top)  # duck, goose, quail eggs


def test_ranking_sidelines_brands_baby_and_fast_foods_unless_asked(table) -> None:
    """Brand names, baby foods and fast foods come after the generic foods, but asking for them finds them."""
    top = [m.food for m in table.search("milk", limit=10)]
    assert all(f.group not in ("Baby Foods", "Fast Foods") for f in top)
    assert all(not any(w.isupper() and len(w) > 2 for w in f.description.split()) for f in top)
    assert table.search("babyfood banana")[0].food.group == "Baby Foods"


def test_the_ranking_weights_are_one_named_table() -> None:
    """Every weight has a name and a number, and the sign says whether it helps or costs."""
    assert WEIGHTS["exact_description"] > WEIGHTS["same_words"] > WEIGHTS["all_in_name"] > 0
    assert all(WEIGHTS[k] < 0 for k in ("brand", "unusual_variant", "low_sodium", "processing_word",
                                         "dry_when_drinking", "other_name_word"))


@pytest.mark.parametrize(("ndb", "typed", "extra"), [
    ("09040", "banana", set()),  # Bananas, raw: "raw" leaves it the same food
    ("14605", "mineral water", {"added", "vitamin", "bottle", "sweetened", "assorted", "fruit", "flavor"}),
    ("02068", "red wine", {"vinegar"}),  # Vinegar, red wine
    ("14161", "kiwi", {"kiwi", "strawberry", "juice", "drink"} - {"kiwi"}),  # Beverages, Kiwi Strawberry Juice Drink
])
def test_extra_words_say_what_makes_a_food_another_one(table, ndb: str, typed: str, extra: set[str]) -> None:
    """The words of a description beyond the typed ones: none for "banana", "vinegar" for red wine vinegar."""
    from diary.foods import words

    assert extra_words(table.get(ndb), words(typed)) == extra


def test_short_names_leave_out_the_category_and_labels(table) -> None:
    """The reply's name of a food: "tea, black, brewed" (no "Beverages", no "prepared with tap water")."""
    assert table.get("14355").short_name == "tea, black, brewed"
    assert table.get("01077").short_name == "Milk, whole"
    assert table.get("09040").short_name == "Bananas, raw"


# --- amounts of a food ---------------------------------------------------------------------------


def test_no_amount_is_one_medium_banana(table) -> None:
    """`eat banana` without an amount is its "medium" portion, 118 g, not a cup mashed."""
    serving = serving_for(table.get("09040"), None)
    assert (serving.grams, serving.text, serving.detail) == (118, "1 medium", "1 medium (118 g)")


def test_no_amount_without_a_medium_is_the_first_measure(table) -> None:
    """A food without a "medium" portion gets its first household measure (spinach: 1 cup, 30 g)."""
    # portions.csv: 11457,1,1,cup,30
    serving = serving_for(table.get("11457"), None)
    assert (serving.grams, serving.text) == (30, "1 cup")


@pytest.mark.parametrize(
    ("ndb", "amount", "grams", "text"),
    [
        ("09040", "2 medium", 2 * 118, "2 medium"),
        ("09040", "large", 136, "1 large"),  # 09040,6,1,"large (8"" to 8-7/8"" long)",136
        ("09040", "3 bananas", 3 * 118, "3 medium"),  # the food's own name: its natural unit
        ("09040", "1 cup", 225, "1 cup, mashed"),  # its first cup measure
        ("09040", "1 cup sliced", 150, "1 cup, sliced"),  # 09040,2,1,"cup, sliced",150
        ("01077", "1 cup", 244, "1 cup"),  # 01077,1,1,cup,244
        ("01077", "2 tbsp", 2 * 15, "2 tbsp"),  # 01077,3,1,tbsp,15
        ("02047", "1 tsp", 6.0, "1 tsp"),  # 02047,1,1,tsp,6.0
        ("11457", "2 leaves", 2 * 10.0, "2 leaf"),  # 11457,3,1,leaf,10.0
        ("11457", "150 g", 150, "150 g"),
        ("11457", "2 oz", 2 * 28.349523125, "2 oz"),
    ],
)
def test_amounts_in_portions_units_and_weights(table, ndb: str, amount: str, grams: float, text: str) -> None:
    """Portions use their USDA gram weight; cups/tbsp/tsp the food's own measure; weights are as given."""
    serving = serving_for(table.get(ndb), parse_amount(amount))
    assert serving.grams == pytest.approx(grams)
    assert serving.text == text


def test_a_tablespoon_of_spinach_comes_from_its_cup_by_volume(table) -> None:
    """Spinach has a cup (30 g) but no tbsp: 1 tbsp = 30 g / 16 = 1.875 g, and the reply says how."""
    serving = serving_for(table.get("11457"), parse_amount("1 tbsp"))
    assert serving.grams == pytest.approx(30 / 16)
    assert serving.notes == ("1 tbsp converted at 0.127 g/ml, from its measure 1 cup = 30 g",)


def test_millilitres_of_milk_use_its_density(table) -> None:
    """250 ml of whole milk = 250 ml x 30.5 g per fl oz / 29.5735 ml = 257.83 g (portions.csv 01077,2,1,fl oz,30.5)."""
    serving = serving_for(table.get("01077"), parse_amount("250ml"), drink=True)
    assert serving.grams == pytest.approx(250 * 30.5 / 29.5735295625)
    assert round(serving.grams, 2) == 257.83
    assert serving.ml == 250
    assert serving.notes == ("250 ml converted at 1.03 g/ml, from its measure 1 fl oz = 30.5 g",)


def test_a_drink_without_a_volume_measure_is_taken_as_one_gram_per_ml(table) -> None:
    """A drink whose table row has no volume measure (16259 has only "container") is 1 g/ml, said aloud."""
    serving = serving_for(table.get("16259"), parse_amount("200 ml"), drink=True)
    assert (serving.grams, serving.ml) == (200, 200)
    assert serving.notes == ("assumed 1 g/ml: the food table gives no volume measure for SILK Banana-Strawberry "
                             "soy yogurt",)


@pytest.mark.parametrize(
    ("ndb", "amount", "message"),
    [
        ("09040", "2 slices", "amount '2 slices': Bananas, raw has no 'slices' portion; use g, kg, oz, ml, l, fl oz, "
                              "cup, tbsp, tsp, or one of its portions: 1 cup, mashed (225 g);"),
        ("09040", "1 cup chopped", "amount '1 cup, chopped': Bananas, raw has no such cup measure; use one of its "
                                   "portions: 1 cup, mashed (225 g);"),
        ("16259", "100 ml", "amount '100 ml': SILK Banana-Strawberry soy yogurt has no volume measure in the food "
                            "table, so give its weight (g, oz) or one of its portions: 1 container (170 g)"),
        ("02047", "10 kg", "amount '10 kg' of Salt, table is 10,000 g, more than 5 kg in one entry"),
        # 38758 mg/100 g x 150 g / 100 = 58,137 mg of sodium
        ("02047", "150 g", "amount '150 g' of Salt, table has 58,137 mg sodium, more than 50 g in one entry"),
    ],
)
def test_impossible_or_absurd_amounts_are_refused(table, ndb: str, amount: str, message: str) -> None:
    """A portion the food lacks, a volume of a solid without density, or an absurd amount raises a clear ValueError."""
    with pytest.raises(ValueError) as info:
        serving_for(table.get(ndb), parse_amount(amount))
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(("ndb", "amount", "drink", "message"), [
    ("02047", "0.01 g", False, "amount '0.01 g' of Salt, table is 0.01 g, less than 0.1 g"),
    ("01077", "0.5 ml", True, "amount '0.5 ml' of Milk, whole, 3.25% milkfat, with added vitamin D is 0.5 ml, "
                              "less than 1 ml"),
])
def test_tiny_amounts_are_refused(table, ndb: str, amount: str, drink: bool, message: str) -> None:
    """Below 0.1 g of a food or 1 ml of a drink an entry would store next to nothing: refused as a typo."""
    with pytest.raises(ValueError) as info:
        serving_for(table.get(ndb), parse_amount(amount), drink=drink)
    assert str(info.value).startswith(message)


def test_an_eighth_of_a_teaspoon_of_salt_is_allowed(table) -> None:
    """1/8 tsp of salt is 6.0 g / 8 = 0.75 g (above the 0.1 g minimum although only 0.6 ml)."""
    assert serving_for(table.get("02047"), parse_amount("1/8 tsp")).grams == pytest.approx(0.75)


def test_more_than_five_litres_of_a_drink_is_refused(table) -> None:
    """6 l of milk in one entry is refused as a typo."""
    with pytest.raises(ValueError, match=r"^amount '6 l' of Milk, whole, .* is 6,000 ml, more than 5 l in one entry"):
        serving_for(table.get("01077"), parse_amount("6 l"), drink=True)


# --- intake rows -------------------------------------------------------------------------------------


def test_one_builder_makes_every_intake_row() -> None:
    """Water and food rows have the same columns, the intake table's (the one builder, intake_row)."""
    from diary import schema

    columns = set(schema.COLUMNS["intake"]) - {"id"}
    assert set(water_row(T, 250, "250 ml")) == columns
    assert set(intake_values("09040", 118, "1 medium", T)) == columns
    assert water_row(T, 250, "250 ml")["water_ml"] == 250 and water_row(T, 250, "250 ml")["sodium_mg"] == 0


def test_an_unknown_value_is_none_in_the_row() -> None:
    """intake_row keeps a missing or None nutrient as None (unknown), never 0."""
    row = intake_row(taken_at=T, source="food", description="x", amount_text="1 g", grams=1, ml=None,
                     values={"water_ml": 1.0, "sodium_mg": None})
    assert (row["water_ml"], row["sodium_mg"], row["potassium_mg"]) == (1.0, None, None)


def test_intake_values_for_one_medium_banana() -> None:
    """118 g of banana: K 358*118/100 = 422.44 mg, Mg 27*118/100 = 31.86, Ca 5*118/100 = 5.9,
    Na 1*118/100 = 1.18, water 74.91*118/100 = 88.39 ml."""
    row = intake_values("09040", 118, "1 medium", T)
    assert row["potassium_mg"] == pytest.approx(422.44)
    assert row["magnesium_mg"] == pytest.approx(31.86)
    assert row["calcium_mg"] == pytest.approx(5.9)
    assert row["sodium_mg"] == pytest.approx(1.18)
    assert row["water_ml"] == pytest.approx(88.3938)
    assert {k: row[k] for k in ("source", "food_ndb", "description", "amount_text", "grams", "ml", "taken_at")} == {
        "source": "food", "food_ndb": "09040", "description": "Bananas, raw", "amount_text": "1 medium",
        "grams": 118, "ml": None, "taken_at": T,
    }


def test_intake_values_for_a_teaspoon_of_salt() -> None:
    """6 g of table salt (1 tsp): Na 38758*6/100 = 2325.48 mg, Ca 24*6/100 = 1.44 mg, water 0.2*6/100 = 0.012 ml."""
    row = intake_values("02047", 6.0, "1 tsp", T)
    assert row["sodium_mg"] == pytest.approx(2325.48)
    assert row["calcium_mg"] == pytest.approx(1.44)
    assert row["water_ml"] == pytest.approx(0.012)


def test_intake_values_for_raw_spinach() -> None:
    """100 g of raw spinach (11457: 91.40, 79, 558, 79, 99) gives exactly its per-100 g values."""
    row = intake_values("11457", 100, "100 g", T)
    assert [row[k] for k in ("water_ml", "sodium_mg", "potassium_mg", "magnesium_mg", "calcium_mg")] == \
        pytest.approx([91.4, 79, 558, 79, 99])


def test_intake_values_for_a_cup_of_whole_milk() -> None:
    """1 cup of whole milk = 244 g: Ca 113*244/100 = 275.72 mg, K 132*244/100 = 322.08, water 88.13*244/100 = 215.04."""
    row = intake_values("01077", 244, "1 cup", T, ml=236.5882365)
    assert row["calcium_mg"] == pytest.approx(275.72)
    assert row["potassium_mg"] == pytest.approx(322.08)
    assert row["water_ml"] == pytest.approx(215.0372)
    assert row["ml"] == pytest.approx(236.588)


def test_intake_values_keep_unknown_as_none() -> None:
    """A food with empty cells contributes None (unknown) for them, not 0."""
    row = intake_values("16259", 170, "1 container", T)
    assert (row["potassium_mg"], row["magnesium_mg"]) == (None, None)
    assert row["calcium_mg"] == pytest.approx(176 * 170 / 100)


def test_intake_values_refuse_unknown_foods_and_negative_amounts() -> None:
    """An NDB number not in the table is a KeyError; a negative weight a ValueError."""
    with pytest.raises(KeyError):
        intake_values("99999", 10, "10 g", T)
    with pytest.raises(ValueError, match="negative"):
        intake_values("09040", -1, "-1 g", T)
