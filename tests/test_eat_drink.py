"""diary eat, drink, supplement and foods as a patient uses them.

Nutrient numbers are worked by hand from the CSV rows quoted beside them (foods.csv,
portions.csv in ../shared/data), never copied from the program's output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import HEAVY_MODULES, Diary, modules_after_command

NOW = "2026-11-25T20:00:00+01:00"
CUP_ML = 236.5882365
FL_OZ_ML = 29.5735295625
INTAKE = "SELECT source, food_ndb, description, amount_text, grams, ml, water_ml, sodium_mg, potassium_mg, " \
         "magnesium_mg, calcium_mg, supplement_nutrient FROM intake ORDER BY id"


def only_row(run: Diary) -> dict:
    rows = run.rows(INTAKE)
    assert len(rows) == 1
    keys = ("source", "food_ndb", "description", "amount_text", "grams", "ml", "water_ml", "sodium_mg",
            "potassium_mg", "magnesium_mg", "calcium_mg", "supplement_nutrient")
    return dict(zip(keys, rows[0], strict=True))


# foods.csv 09040,"Bananas, raw",...,74.91,1,358,27,5 ; portions.csv 09040,5,1,"medium (...)",118
def test_eat_banana_is_one_medium_banana(run: Diary) -> None:
    """`diary eat banana` logs one medium banana (118 g) and says in one line what it was taken as and added."""
    result = run("eat", "banana", now=NOW)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Logged food #1: banana, taken as 1 medium (118 g) of Bananas, raw: water 88 ml, Na 1.2 mg, K 422 mg, "
        "Mg 32 mg, Ca 5.9 mg (Wed 25 Nov 20:00).",
    ]
    row = only_row(run)
    assert (row["source"], row["food_ndb"], row["description"], row["amount_text"], row["grams"]) == \
        ("food", "09040", "Bananas, raw", "1 medium", 118)
    assert row["potassium_mg"] == pytest.approx(358 * 118 / 100)  # 422.44
    assert row["magnesium_mg"] == pytest.approx(27 * 118 / 100)  # 31.86
    assert row["water_ml"] == pytest.approx(74.91 * 118 / 100)  # 88.39 (1 g water = 1 ml)
    assert row["ml"] is None


# foods.csv 11457,"Spinach, raw",...,91.40,79,558,79,99
def test_eat_spinach_by_exact_name_with_grams_and_time(run: Diary) -> None:
    """`diary eat "spinach, raw" 100g --at 12:30` logs 100 g at 12:30 with the table's per-100 g values."""
    result = run("eat", "spinach, raw", "100g", "--at", "12:30", now=NOW)
    assert result.stdout == ("Logged food #1: 100 g of Spinach, raw: water 91 ml, Na 79 mg, K 558 mg, Mg 79 mg, "
                             "Ca 99 mg (Wed 25 Nov 12:30).\n")
    row = only_row(run)
    assert [row[k] for k in ("water_ml", "sodium_mg", "potassium_mg", "magnesium_mg", "calcium_mg")] == \
        pytest.approx([91.4, 79, 558, 79, 99])
    assert run.rows("SELECT taken_at FROM intake") == [("2026-11-25 11:30:00.000000",)]


# foods.csv 14090,"Beverages, Coconut water, ready-to-drink, unsweetened",...,95.03,26,165,6,7
# portions.csv 14090,1,1,cup,245
def test_drink_coconut_water_converts_volume_by_its_density(run: Diary) -> None:
    """330 ml of coconut water weighs 330 x 245 g / 236.59 ml = 341.7 g; its minerals follow from that."""
    result = run("drink", "coconut water", "330ml", now=NOW)
    grams = 330 * 245 / CUP_ML  # 341.73
    assert result.stdout.splitlines() == [
        "Logged drink #1: 330 ml of Coconut water, ready-to-drink, unsweetened: water 325 ml, Na 89 mg, K 564 mg, "
        "Mg 21 mg, Ca 24 mg (Wed 25 Nov 20:00).",
    ]
    row = only_row(run)
    assert (row["food_ndb"], row["ml"], row["amount_text"]) == ("14090", 330, "330 ml")
    assert row["grams"] == pytest.approx(grams, abs=1e-3)
    assert row["sodium_mg"] == pytest.approx(26 * grams / 100, abs=1e-3)  # 88.85
    assert row["water_ml"] == pytest.approx(95.03 * grams / 100, abs=1e-3)  # 324.75


def test_amount_may_come_first(run: Diary) -> None:
    """`diary drink 330ml coconut water` (unquoted, amount first) is the same drink."""
    run("drink", "330ml", "coconut", "water", now=NOW)
    assert run.rows("SELECT food_ndb, ml FROM intake") == [("14090", 330.0)]


# foods.csv 01077,"Milk, whole, 3.25% milkfat, with added vitamin D",...,88.13,43,132,10,113 ; 01077,1,1,cup,244
def test_a_cup_of_milk_uses_its_cup_weight(run: Diary) -> None:
    """1 cup of whole milk is its USDA cup, 244 g: Ca 113 x 244 / 100 = 275.72 mg."""
    result = run("eat", "01077", "1", "cup", now=NOW)
    assert result.stdout == ("Logged food #1: 1 cup (237 ml) of Milk, whole: water 215 ml, Na 105 mg, K 322 mg, "
                             "Mg 24 mg, Ca 276 mg (Wed 25 Nov 20:00).\n")
    row = only_row(run)
    assert row["calcium_mg"] == pytest.approx(275.72)
    assert row["ml"] == pytest.approx(CUP_ML, abs=1e-3)


# portions.csv 01077,2,1,fl oz,30.5
def test_millilitres_of_milk_use_its_fluid_ounce_weight(run: Diary) -> None:
    """250 ml of milk = 250 x 30.5 g / 29.57 ml = 257.83 g: Ca 113 x 257.83 / 100 = 291.35 mg."""
    run("drink", "01077", "250ml", now=NOW)
    grams = 250 * 30.5 / FL_OZ_ML
    row = only_row(run)
    assert row["grams"] == pytest.approx(257.83, abs=0.01)
    assert row["calcium_mg"] == pytest.approx(113 * grams / 100, abs=1e-3)  # 291.35


# foods.csv 02047,"Salt, table",...,0.20,38758,8,1,24 ; portions.csv 02047,1,1,tsp,6.0
def test_a_teaspoon_of_salt(run: Diary) -> None:
    """1 tsp of table salt is 6.0 g: Na 38758 x 6 / 100 = 2,325.48 mg."""
    result = run("eat", "salt", "1", "tsp", now=NOW)
    assert result.stdout.splitlines()[0] == ("Logged food #1: 1 tsp (6 g) of Salt, table: water 0 ml, Na 2,325 mg, "
                                             "K 0.5 mg, Mg 0.1 mg, Ca 1.4 mg (Wed 25 Nov 20:00).")
    assert only_row(run)["sodium_mg"] == pytest.approx(2325.48)


def test_unknown_values_are_stored_as_unknown_and_said(run: Diary) -> None:
    """A food with empty potassium and magnesium cells stores NULL for them and the reply says they are unknown."""
    # foods.csv 16259,SILK Banana-Strawberry soy yogurt,...,78.18,15,,,176
    result = run("eat", "16259", "100g", now=NOW)
    assert result.stdout.splitlines() == [
        "Logged food #1: 100 g of SILK Banana-Strawberry soy yogurt: water 78 ml, Na 15 mg, K unknown, Mg unknown, "
        "Ca 176 mg (Wed 25 Nov 20:00).",
        "Note: K, Mg unknown: the table has no value (not zero), so totals say 'at least'.",
    ]
    row = only_row(run)
    assert (row["potassium_mg"], row["magnesium_mg"], row["calcium_mg"]) == (None, None, 176)


@pytest.mark.parametrize(
    ("args", "grams", "amount_text"),
    [
        (["banana", "2", "medium"], 2 * 118, "2 medium"),
        (["2", "bananas"], 2 * 118, "2 medium"),
        (["banana", "2"], 2 * 118, "2 medium"),
        (["half", "a", "banana"], 118 / 2, "0.5 medium"),
        (["a", "large", "banana"], 136, "1 large"),  # 09040,6,1,"large (8"" to 8-7/8"" long)",136
        (["a", "couple", "of", "bananas"], 2 * 118, "2 medium"),
        (["banana", "2 medium"], 2 * 118, "2 medium"),
        (["banana", "medium"], 118, "1 medium"),  # no number: the last word is the portion
        (["banana", "3 bananas"], 3 * 118, "3 medium"),
        (["banana", "1 cup sliced"], 150, "1 cup, sliced"),  # 09040,2,1,"cup, sliced",150
        (["banana", "1/2", "cup"], 225 / 2, "0.5 cup, mashed"),  # 09040,1,1,"cup, mashed",225
        (["9040", "150g"], 150, "150 g"),
    ],
)
def test_amount_forms(run: Diary, args: list[str], grams: float, amount_text: str) -> None:
    """Portions, counts, cups with a word, fractions and NDB numbers all resolve to the right grams."""
    result = run("eat", *args, now=NOW)
    assert result.exit_code == 0, result.stderr
    row = only_row(run)
    assert (row["grams"], row["amount_text"]) == (pytest.approx(grams), amount_text)


# --- water -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "ml", "said"), [(["drink", "500ml"], 500, "500 ml"),
                                                  (["drink", "water", "500ml"], 500, "500 ml"),
                                                  (["drink", "tap", "water", "0.5l"], 500, "0.5 l"),
                                                  (["drink", "2", "cups"], 2 * CUP_ML, "2 cups"),
                                                  (["eat", "water", "250 ml"], 250, "250 ml"),
                                                  (["drink", "water"], 250, "1 glass (250 ml)"),
                                                  (["drink", "a glass of water"], 250, "a glass (250 ml)"),
                                                  (["drink", "3", "glasses", "of", "water"], 750, "3 glasses (750 ml)"),
                                                  (["drink", "2 glasses"], 500, "2 glasses (500 ml)"),
                                                  (["drink", "a", "bottle", "of", "water"], 500, "a bottle (500 ml)"),
                                                  (["drink", "half a glass"], 125, "half a glass (125 ml)")])
def test_plain_water(run: Diary, args: list[str], ml: float, said: str) -> None:
    """Plain water without questions: `diary drink 500ml`, `drink water` (one 250 ml glass), `3 glasses of water`,
    `a bottle of water` (500 ml), `eat water 250 ml`: fluid only."""
    result = run(*args, now=NOW)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Logged {'drink' if args[0] == 'drink' else 'food'} #1: ")
    assert result.stdout.endswith(", Wed 25 Nov 20:00.\n") and len(result.stdout.splitlines()) == 1
    row = only_row(run)
    assert (row["source"], row["amount_text"], row["sodium_mg"]) == ("water", said, 0.0)
    assert row["water_ml"] == pytest.approx(ml, abs=1e-3) and row["ml"] == pytest.approx(ml, abs=1e-3)


# --- refusing bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["eat", "banana", "2", "bottles"],
         "Error: Invalid value for AMOUNT: amount '2 bottles': Bananas, raw does not come in a bottle in the food "
         "table; give g, a count, or one of its portions (diary foods search shows them) (see 'diary eat --help')"),
        (["eat", "2", "slices", "of", "banana"],
         "Error: Invalid value for AMOUNT: amount '2 slice': Bananas, raw has no 'slice' portion; use g, kg, oz, "
         "ml, l, fl oz, cup, tbsp, tsp, or one of its portions: 1 cup, mashed (225 g); 1 cup, sliced (150 g); "
         "1 extra small (81 g); 1 small (101 g); 1 medium (118 g); 1 large (136 g); and 2 more (diary foods search "
         "09040) (see 'diary eat --help')"),
        (["eat", "a", "few", "biscuits"],
         "Error: Invalid value for AMOUNT: amount 'a few' is not a number: say how many or how much, like 3 biscuits "
         "or 250ml (see 'diary eat --help')"),
        (["drink", "a", "bottle", "of", "vodka"],
         "Error: Invalid value for AMOUNT: amount 'a bottle': a bottle of spirits holds 70-75 cl: say how many shots "
         "or ml (see 'diary drink --help')"),
        (["eat", "banana", "-5g"],
         "Error: Invalid value for AMOUNT: amount '-5g' is negative: use a number and a unit (g, kg, oz, ml, l, fl oz, "
         "cup, tbsp, tsp) or one of the food's portions, like 100g, 330ml, 1 cup or 2 medium (see 'diary eat --help')"),
        (["eat", "banana", "5 %"],
         "Error: Invalid value for AMOUNT: amount '5 %' has an unknown unit '%': use a number and a unit (g, kg, oz, "
         "ml, l, fl oz, cup, tbsp, tsp) or one of the food's portions, like 100g, 330ml, 1 cup or 2 medium "
         "(see 'diary eat --help')"),
        (["eat", "salt", "10kg"],
         "Error: Invalid value for AMOUNT: amount '10 kg' of Salt, table is 10,000 g, more than 5 kg in one entry: "
         "check the amount, or log it as several entries (see 'diary eat --help')"),
        (["eat", "salt", "150g"],  # 38758 x 150 / 100 = 58,137 mg sodium
         "Error: Invalid value for AMOUNT: amount '150 g' of Salt, table has 58,137 mg sodium, more than 50 g in one "
         "entry: check the amount (see 'diary eat --help')"),
        (["drink", "01077", "6l"],
         "Error: Invalid value for AMOUNT: amount '6 l' of Milk, whole, 3.25% milkfat, with added vitamin D is 6,000 "
         "ml, more than 5 l in one entry: check the amount, or log it as several drinks (see 'diary drink --help')"),
        (["drink", "500"],
         "Error: Invalid value for AMOUNT: amount '500' has no unit: use a number and a unit (g, kg, oz, ml, l, fl oz, "
         "cup, tbsp, tsp), like 500ml or 0.5l (see 'diary drink --help')"),
        (["drink", "-200ml"],
         "Error: Invalid value for AMOUNT: amount '-200ml' is negative: use a number and a unit (g, kg, oz, ml, l, "
         "fl oz, cup, tbsp, tsp), like 500ml or 0.5l (see 'diary drink --help')"),
        (["eat", "12"],
         "Error: Invalid value for WHAT: '12' is not a food: put the food first, like diary eat banana 2 medium "
         "(see 'diary eat --help')"),
        (["eat", "16259", "100 ml"],
         "Error: Invalid value for AMOUNT: amount '100 ml': SILK Banana-Strawberry soy yogurt has no volume measure "
         "in the food table, so give its weight (g, oz) or one of its portions: 1 container (170 g) "
         "(see 'diary eat --help')"),
        (["supplement", "iron", "20mg"],
         "Error: Invalid value for NUTRIENT: unknown supplement 'iron': use sodium, potassium, magnesium or calcium "
         "(the element, with its elemental dose from the label) (see 'diary supplement --help')"),
        (["supplement", "magnesium", "200"],
         "Error: Invalid value for DOSE: dose '200' has no unit: use a number with mg or g, like 200mg or 1 g (the "
         "elemental amount on the label) (see 'diary supplement --help')"),
        (["supplement", "magnesium", "6g"],
         "Error: Invalid value for DOSE: dose '6g' is more than 3,500 mg of magnesium in one dose (10 times the 350 mg "
         "upper level for supplements): check the label for the elemental magnesium (not the weight of the compound) "
         "(see 'diary supplement --help')"),
        (["supplement", "magnesium", "5000mg"],  # was logged, with only a note about the UL
         "Error: Invalid value for DOSE: dose '5000mg' is more than 3,500 mg of magnesium in one dose (10 times the "
         "350 mg upper level for supplements): check the label for the elemental magnesium (not the weight of the "
         "compound) (see 'diary supplement --help')"),
        (["supplement", "calcium", "5g"],
         "Error: Invalid value for DOSE: dose '5g' is more than 3,000 mg of calcium in one dose: check the label for "
         "the elemental calcium (not the weight of the compound) (see 'diary supplement --help')"),
        (["supplement", "magnesium", "-1mg"],  # a negative dose, not an unknown option -1
         "Error: Invalid value for DOSE: dose '-1mg' is negative: use a number with mg or g, like 200mg or 1 g (the "
         "elemental amount on the label) (see 'diary supplement --help')"),
        (["supplement", "potassium", "0.5mg"],
         "Error: Invalid value for DOSE: dose '0.5mg' is less than 1 mg of potassium: use a number with mg or g, like "
         "200mg or 1 g (the elemental amount on the label) (see 'diary supplement --help')"),
        (["supplement", "calcium", "1,500mg"],  # was logged as 1.5 mg
         "Error: Invalid value for DOSE: number '1,500' is ambiguous: write 1500 or 1.500 "
         "(see 'diary supplement --help')"),
        (["drink", "0.0001ml"],  # was logged as water 0 ml
         "Error: Invalid value for AMOUNT: amount '0.0001ml' is 0.0001 ml, less than 1 ml: check the amount, like "
         "250ml (see 'diary drink --help')"),
        (["drink", "01077", "0.5ml"],
         "Error: Invalid value for AMOUNT: amount '0.5 ml' of Milk, whole, 3.25% milkfat, with added vitamin D is "
         "0.5 ml, less than 1 ml: check the amount, like 250ml (see 'diary drink --help')"),
        (["eat", "salt", "0.01g"],
         "Error: Invalid value for AMOUNT: amount '0.01 g' of Salt, table is 0.01 g, less than 0.1 g: check the "
         "amount, like 100g (see 'diary eat --help')"),
        (["drink", "1,500ml"],
         "Error: Invalid value for AMOUNT: number '1,500' is ambiguous: write 1500 or 1.500 "
         "(see 'diary drink --help')"),
        (["eat", "banana", "--att", "8:00"],  # a mistyped option is not taken as part of the amount
         "Error: No such option '--att'. Did you mean '--at'? (see 'diary eat --help')"),
        (["drink", "500ml", "--nte", "x"],
         "Error: No such option '--nte'. (Did you mean one of: '--at', '--note'?) (see 'diary drink --help')"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(run: Diary, args: list[str], stderr: str) -> None:
    """Unknown units, negative or absurd amounts, missing portions: one line on stderr, exit 2, no rows added."""
    run("spasm", "3", now=NOW)  # an existing diary, to count its rows before and after
    before = (run.count("entry"), run.count("intake"), run.count("change"))
    result = run(*args, now=NOW)
    assert (result.exit_code, result.stderr) == (2, stderr + "\n")
    assert (run.count("entry"), run.count("intake"), run.count("change")) == before


def test_an_ambiguous_food_lists_the_closest_matches_and_writes_nothing(run: Diary) -> None:
    """`diary eat chicken` (no terminal) lists numbered choices with NDB numbers on stderr, the everyday meanings
    first, exits 2 and logs nothing."""
    run("spasm", "3", now=NOW)
    result = run("eat", "chicken", now=NOW)
    lines = result.stderr.splitlines()
    assert result.exit_code == 2
    assert lines[0] == "Error: 'chicken' matches several foods; nothing was logged."
    assert lines[1] == "Closest matches (give the NDB number, or a more exact name):"
    listed = lines[2:-1]
    assert len(listed) == 5
    pattern = r"  {}\. \d{{5}}  Chicken, .*\(.*chicken.*\)"
    assert all(re.fullmatch(pattern.format(i), line) for i, line in enumerate(listed, 1)), listed
    assert lines[-1] == "For example: diary eat 05069 [AMOUNT]"
    assert run.count("intake") == 0


def test_the_ndb_number_from_the_list_then_logs_it(run: Diary) -> None:
    """After an ambiguous name, the NDB number from the list logs exactly that food."""
    listed = run("eat", "chicken", now=NOW).stderr.splitlines()
    assert listed[2] == ("  1. 05069  Chicken, broilers or fryers, drumstick, meat and skin, cooked, roasted "
                         "(chicken leg)")
    run("eat", "05069", "100g", now=NOW)
    assert run.rows("SELECT food_ndb, grams FROM intake") == [("05069", 100.0)]


# foods.csv 09003,"Apples, raw, with skin",...,85.56,1,107,5,6 ; portions.csv 09003,4,1,"medium (3"" dia)",182
def test_eat_apple_takes_the_everyday_apple(run: Diary) -> None:
    """`diary eat apple` logs one medium raw apple with skin, 182 g, in one line."""
    result = run("eat", "apple", now=NOW)
    assert result.exit_code == 0 and "Error" not in result.stderr
    # water 85.56 x 1.82 = 155.72; Na 1 x 1.82 = 1.82; K 107 x 1.82 = 194.74; Mg 5 x 1.82 = 9.1; Ca 6 x 1.82 = 10.92
    assert result.stdout.splitlines() == [
        "Logged food #1: apple, taken as 1 medium (182 g) of Apples, raw, with skin: water 156 ml, Na 1.8 mg, "
        "K 195 mg, Mg 9.1 mg, Ca 11 mg (Wed 25 Nov 20:00).",
    ]
    row = only_row(run)
    assert (row["food_ndb"], row["grams"], row["amount_text"]) == ("09003", 182, "1 medium")
    assert row["potassium_mg"] == pytest.approx(194.74)


# foods.csv 14209,"Beverages, coffee, brewed, prepared with tap water",...,99.39,2,49,3,2
# portions.csv 14209,1,1,fl oz,29.6
def test_drink_coffee_takes_brewed_coffee(run: Diary) -> None:
    """`diary drink coffee 250ml` logs brewed coffee: 250 ml x 29.6 g / 29.5735 ml = 250.22 g, K 49 x 2.5022 =
    122.6 mg."""
    result = run("drink", "coffee", "250ml", now=NOW)
    grams = 250 * 29.6 / FL_OZ_ML
    assert result.stdout.splitlines() == [
        "Logged drink #1: 250 ml of coffee, brewed: water 249 ml, Na 5 mg, K 123 mg, Mg 7.5 mg, Ca 5 mg "
        "(Wed 25 Nov 20:00).",
    ]
    row = only_row(run)
    assert (row["food_ndb"], row["ml"]) == ("14209", 250)
    assert row["grams"] == pytest.approx(grams, abs=1e-3)
    assert row["potassium_mg"] == pytest.approx(49 * grams / 100, abs=1e-3)  # 122.61
    assert row["water_ml"] == pytest.approx(99.39 * grams / 100, abs=1e-3)  # 248.70


def test_eat_milk_takes_whole_milk(run: Diary) -> None:
    """`diary eat milk` logs a cup of whole milk (01077, 244 g: Ca 113 x 2.44 = 275.72 mg) instead of refusing."""
    result = run("eat", "milk", now=NOW)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("Logged food #1: milk, taken as 1 cup (237 ml) of Milk, whole: ")
    row = only_row(run)
    assert (row["food_ndb"], row["grams"]) == ("01077", 244)
    assert row["calcium_mg"] == pytest.approx(275.72)


def test_a_decimal_comma_in_a_drink(run: Diary) -> None:
    """`diary drink 0,5l` is half a litre of water."""
    assert run("drink", "0,5l", now=NOW).exit_code == 0
    assert run.rows("SELECT amount_text, water_ml FROM intake") == [("0.5 l", 500.0)]


@pytest.mark.parametrize(("args", "what"), [(["eat", "xyzzyq"], "no food matches 'xyzzyq'"),
                                           (["drink", "0000"], "no food has NDB number 00000"),
                                           (["eat", "99999", "10g"], "no food has NDB number 99999")])
def test_an_unknown_food_says_how_to_find_or_add_one(run: Diary, args: list[str], what: str) -> None:
    """A name or NDB number matching nothing: one line on how to find or add a food, exit 2, nothing logged."""
    result = run(*args, now=NOW)
    assert (result.exit_code, result.stderr) == (2, (
        f"Error: {what}; nothing was logged: try diary foods search WORD, or add your own with diary foods add NAME "
        "--per AMOUNT ...\n"))
    assert run.count("intake") == 0


def test_a_typo_offers_the_right_food_but_logs_nothing(run: Diary) -> None:
    """`diary eat bananna` does not guess: it offers Bananas, raw first and writes nothing."""
    result = run("eat", "bananna", now=NOW)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[2] == "  1. 09040  Bananas, raw"
    assert run.count("intake") == 0


def test_bad_input_on_a_new_diary_leaves_no_file(run_sqlite: Diary) -> None:
    """A refused first `eat` (ambiguous food or bad amount) does not create the diary file."""
    assert run_sqlite("eat", "cake", now=NOW).exit_code == 2
    assert run_sqlite("eat", "banana", "-1g", now=NOW).exit_code == 2
    assert not Path(run_sqlite.location).exists()


# --- supplements ---------------------------------------------------------------------------------------


def test_supplement_magnesium(run: Diary) -> None:
    """`diary supplement magnesium 200mg` stores a supplement intake of 200 mg magnesium and zero of the others."""
    result = run("supplement", "magnesium", "200mg", now=NOW)
    assert result.stdout == "Logged supplement #1: Magnesium supplement, 200 mg (Wed 25 Nov 20:00).\n"
    row = only_row(run)
    assert (row["source"], row["supplement_nutrient"], row["magnesium_mg"], row["sodium_mg"], row["amount_text"]) == \
        ("supplement", "magnesium", 200.0, 0.0, "200 mg")


@pytest.mark.parametrize(("args", "nutrient", "mg"), [(["potassium", "0.5", "g"], "potassium", 500),
                                                       (["Ca", "500 mg"], "calcium", 500),
                                                       (["sodium", "1g"], "sodium", 1000)])
def test_supplement_names_and_units(run: Diary, args: list[str], nutrient: str, mg: float) -> None:
    """Nutrient names or symbols, doses in mg or g (also split over two words)."""
    run("supplement", *args, now=NOW)
    assert run.rows("SELECT supplement_nutrient, " + nutrient + "_mg FROM intake") == [(nutrient, mg)]


def test_supplement_magnesium_above_the_ul_is_pointed_out(run: Diary) -> None:
    """A second 200 mg magnesium dose the same day (400 mg > 350 mg UL for supplements) gets a note."""
    run("supplement", "magnesium", "200mg", "--at", "08:00", now=NOW)
    result = run("supplement", "magnesium", "200mg", now=NOW)
    assert result.stdout.splitlines()[1] == (
        "Note: supplement magnesium that day is 400 mg, above the 350 mg upper level for supplements (it can cause "
        "diarrhoea); check the dose with your clinician.")


# --- own foods ----------------------------------------------------------------------------------------------


def test_own_drink_is_defined_per_serving_and_found_first(run: Diary) -> None:
    """A drink defined per 500 ml is found by a close name; 250 ml of it adds half of each value."""
    added = run("foods", "add", "my electrolyte drink", "--per", "500ml", "--sodium", "460", "--potassium", "380",
                "--magnesium", "24", now=NOW)
    assert added.stdout.splitlines() == [
        "Added your drink 'my electrolyte drink' (#1), per 500 ml: water 500 ml, Na 460 mg, K 380 mg, Mg 24 mg, "
        "Ca unknown.",
        "Note: water taken as the whole 500 ml (give --water to change it).",
        "Note: calcium unknown (give e.g. --calcium 0 if it has none).",
    ]
    assert run.rows("SELECT name, basis, serving_text, serving_ml, is_drink, water_ml, sodium_mg, calcium_mg "
                    "FROM own_food") == [("my electrolyte drink", "serving", "500 ml", 500.0, 1, 500.0, 460.0, None)]
    result = run("drink", "electrolyte drink", "250ml", now=NOW)
    assert result.stdout.splitlines()[0] == ("Logged drink #1: 250 ml of my electrolyte drink: water 250 ml, "
                                             "Na 230 mg, "
                                             "K 190 mg, Mg 12 mg, Ca unknown (Wed 25 Nov 20:00).")
    row = run.rows("SELECT source, own_food_id, food_ndb, sodium_mg, potassium_mg, calcium_mg, ml FROM intake")
    assert row == [("own_food", 1, None, 230.0, 190.0, None, 250.0)]


def test_own_food_per_100g_and_per_piece(run: Diary) -> None:
    """Per 100 g values scale by weight; a food per "1 bar" counts bars; no amount is one serving."""
    run("foods", "add", "grandma's soup", "--per", "100g", "--water", "85", "--sodium", "390", now=NOW)
    run("foods", "add", "protein bar", "--per", "1 bar", "--sodium", "210", now=NOW)
    run("eat", "grandma's soup", "300g", now=NOW)
    run("eat", "protein bar", "2", "bars", now=NOW)
    run("eat", "protein bar", now=NOW)
    assert run.rows("SELECT description, amount_text, water_ml, sodium_mg FROM intake ORDER BY id") == [
        ("grandma's soup", "300 g", 255.0, 1170.0),  # 85 x 3, 390 x 3
        ("protein bar", "2 bars", None, 420.0),
        ("protein bar", "1 bar", None, 210.0),
    ]


def test_own_food_name_before_the_usda_table(run: Diary) -> None:
    """An own food called "banana" wins over the USDA banana."""
    run("foods", "add", "banana", "--per", "1 piece", "--potassium", "400", now=NOW)
    run("eat", "banana", now=NOW)
    assert run.rows("SELECT source, potassium_mg FROM intake") == [("own_food", 400.0)]


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["--per", "500ml"], "Error: Invalid value for --per: give at least one value per serving: --water, --sodium, "
                             "--potassium, --magnesium or --calcium (in mg; --water in ml) "
                             "(see 'diary foods add --help')"),
        (["--per", "500ml", "--sodium", "-4"], "Error: Invalid value for --sodium: --sodium '-4' is negative: use "
                                               "milligrams, like 460 or 460mg or 0.46g (see 'diary foods add --help')"),
        (["--per", "lots", "--sodium", "4"], "Error: Invalid value for --per: --per 'lots' needs a number: the "
                                             "amount the values are for, like 500ml, 30g, 100g or '1 bar' "
                                             "(see 'diary foods add --help')"),
    ],
)
def test_foods_add_refuses_bad_definitions(run: Diary, args: list[str], stderr: str) -> None:
    """A definition without values, with a negative value or a bad --per is refused and nothing is saved."""
    result = run("foods", "add", "my drink", *args, now=NOW)
    assert (result.exit_code, result.stderr) == (2, stderr + "\n")
    assert run.count("own_food") == 0


def test_foods_add_twice_needs_replace(run: Diary) -> None:
    """Adding a name twice is refused; --replace changes the values, and past intakes keep theirs."""
    run("foods", "add", "my drink", "--per", "500ml", "--sodium", "100", now=NOW)
    run("drink", "my drink", now=NOW)
    again = run("foods", "add", "My Drink", "--per", "500ml", "--sodium", "200", now=NOW)
    assert (again.exit_code, again.stderr) == (2, "Error: Invalid value for NAME: 'My Drink' is already one of your "
                                                  "foods: add --replace to change it (see 'diary foods add --help')\n")
    changed = run("foods", "add", "my drink", "--per", "500ml", "--sodium", "200", "--replace", now=NOW)
    assert changed.stdout.startswith("Changed your drink 'my drink' (#1)")
    run("drink", "my drink", now=NOW)
    assert run.rows("SELECT sodium_mg FROM intake ORDER BY id") == [(100.0,), (200.0,)]


def test_foods_list_shows_own_foods(run: Diary) -> None:
    """`diary foods list` shows each own food with its basis and values."""
    assert run("foods", "list", now=NOW).stdout.startswith("No foods of your own yet")
    run("foods", "add", "my electrolyte drink", "--per", "500ml", "--sodium", "460", "--water", "480", now=NOW)
    assert run("foods", "list", now=NOW).stdout == (
        "#1    my electrolyte drink (drink, per 500 ml): water 480 ml, Na 460 mg, K unknown, Mg unknown, Ca unknown\n")


# --- search and info ----------------------------------------------------------------------------------------


def test_foods_search_banana(run: Diary) -> None:
    """`diary foods search banana` shows Bananas, raw first, with its values per 100 g and its portions."""
    result = run("foods", "search", "banana", "--limit", "2", now=NOW)
    assert result.stdout.splitlines() == [
        "USDA SR28 (May 2016 revision), per 100 g; best match first:",
        " 1. 09040  Bananas, raw",
        "           water 74.91 g, Na 1 mg, K 358 mg, Mg 27 mg, Ca 5 mg",
        '           portions: 1 cup, mashed = 225 g; 1 cup, sliced = 150 g; 1 extra small (less than 6" long) = 81 g; '
        '1 small (6" to 6-7/8" long) = 101 g; 1 medium (7" to 7-7/8" long) = 118 g; 1 large (8" to 8-7/8" long) = '
        '136 g; 1 extra large (9" or longer) = 152 g; 1 NLEA serving = 126 g',
        " 2. 09041  Bananas, dehydrated, or banana powder",
        "           water 3 g, Na 3 mg, K 1491 mg, Mg 108 mg, Ca 22 mg",
        "           portions: 1 cup = 100 g; 1 tbsp = 6.2 g",  # portions.csv 09041,1,1,cup,100 / 09041,2,1,tbsp,6.2
        "Log one with: diary eat 09040 [AMOUNT]",
    ]


def test_foods_search_shows_unknown_values(run: Diary) -> None:
    """Search results say "unknown" for an empty cell, never 0."""
    result = run("foods", "search", "16259", now=NOW)
    assert result.stdout.splitlines()[2] == "           water 78.18 g, Na 15 mg, K unknown, Mg unknown, Ca 176 mg"


def test_foods_search_without_matches(run: Diary) -> None:
    """A search that finds nothing says so on stderr (exit 2)."""
    result = run("foods", "search", "qqqqzzzz", now=NOW)
    assert (result.exit_code, result.stderr) == (2, "Error: Invalid value for TEXT: no food matches 'qqqqzzzz': try "
                                                    "fewer or other words (see 'diary foods search --help')\n")


def test_foods_info_and_help_name_the_dataset_and_version(run: Diary) -> None:
    """`diary foods info` and `diary foods --help` name USDA SR28 (May 2016 revision) and the DRIs."""
    info = run("foods", "info", now=NOW).stdout.splitlines()
    assert info[0] == "Foods:    USDA National Nutrient Database for Standard Reference, Release 28 (SR28)"
    assert info[1].startswith("Version:  SR28, May 2016 revision")
    assert info[3] == "Size:     8,790 foods, 15,438 household measures"
    assert info[4].startswith("Targets:  Dietary Reference Intakes")
    assert "USDA SR28, May 2016 revision" in run("foods", "--help").stdout
    assert re.fullmatch(r"Everyday: [\d,]+ names people use for foods, reviewed by hand \(diary foods search NAME "
                        r"shows what one means\)", info[-2])


def test_amount_words_water_words_and_ndb_numbers_are_defined_once() -> None:
    """The domain reads one NUMBER_START, one WATER_WORDS and one is_ndb, from diary.amounts, and the eat and
    drink commands hold no copy of what the words mean (they call diary.intake)."""
    from diary import amounts, choosing, intake, phrase
    from diary.cli import drink, food

    assert intake.WATER_WORDS is amounts.WATER_WORDS and intake.NUMBER_START is amounts.NUMBER_START
    assert phrase.NUMBER_START is amounts.NUMBER_START and choosing.is_ndb is amounts.is_ndb
    for module in (drink, food):
        assert not {"WATER_WORDS", "NUMBER_START", "plan_intake", "water_row"} & set(vars(module))


# --- the fast logging path ------------------------------------------------------------------------------------

HEAVY = HEAVY_MODULES


@pytest.mark.parametrize("command", [["eat", "banana"], ["drink", "coconut water", "330ml"],
                                     ["supplement", "magnesium", "200mg"], ["eat", "milk"], ["eat", "cake"],
                                     ["supplement", "magnesium", "-1mg"], ["drink", "a", "mug", "of", "tea"],
                                     ["drink", "water"], ["complete"]])
def test_food_logging_imports_nothing_heavy(tmp_path: Path, command: list[str]) -> None:
    """eat, drink, supplement and complete on an existing diary load no pandas, numpy, scipy, matplotlib,
    SQLAlchemy or Alembic."""
    from diary.storage.migrate import create_sqlite

    db = tmp_path / "d.db"
    create_sqlite(db)
    if command == ["complete"]:  # a day with an intake, so that it may be marked complete
        assert modules_after_command(db, ["drink", "500ml"])[0] == 0
    code, loaded, stderr = modules_after_command(db, command)
    refused = command in (["eat", "cake"], ["supplement", "magnesium", "-1mg"])
    assert code == (2 if refused else 0), stderr
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


@pytest.mark.parametrize("command", ["eat", "drink", "supplement", "foods add", "complete"])
def test_every_example_in_the_help_works(run: Diary, command: str) -> None:
    """Each example line of the command's --help runs without error on a fresh diary (with a drink on each of the
    last week's days, so that any of them may be marked complete)."""
    import shlex

    for day in range(19, 26):
        run("drink", "250ml", "--at", f"2026-11-{day} 08:00", now=NOW)

    help_text = run(*command.split(), "--help").stdout
    examples = [line.strip() for line in help_text.splitlines() if line.strip().startswith(f"diary {command} ")]
    assert examples
    for example in examples:
        words = shlex.split(re.sub(r"\s{2,}\(.*\)$", "", example))[1:]
        result = run(*words, now=NOW)
        assert result.exit_code == 0, (example, result.stderr)
