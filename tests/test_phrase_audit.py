"""The second audit of everyday food words: powders by the cup, two amounts in one phrase, size
words, spoons of a drink's name, port by the glass, useless questions and refusals that quote
what the patient never typed.

tests/data/audit_phrasings.csv holds the phrasings of each class (written from
../shared/data/foods.csv and portions.csv, the grams worked by hand in each row's note);
bench/phrasings_score.py scores the same table through the installed command.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from diary.choosing import Pantry, key_words, offered
from diary.errors import AmbiguousFood, ChoiceNeeded, FoodLookupError
from diary.foods import open_foods, words
from diary.foods.forms import dry_form, prepared_forms
from diary.intake import InputError, plan_intake
from tests.helpers import Diary

TABLE = Path(__file__).resolve().parent / "data" / "audit_phrasings.csv"
T = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
NOW = "2026-11-25T10:00:00+01:00"


def _rows() -> list[dict[str, str]]:
    with open(TABLE, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


ROWS = _rows()


def _plan(phrase: str, command: str = "eat", units: str = "uk", answers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return plan_intake(phrase.split(), drink=command == "drink", when=T, note=None, pantry=Pantry(units=units),
                       answers=answers)


def _logged(row: dict[str, str]) -> tuple[str, float] | None:
    try:
        plan = _plan(row["phrase"], row["command"], row["units"])
    except (ChoiceNeeded, InputError):
        return None
    food = "water" if plan.row["source"] == "water" else plan.row["food_ndb"]
    return food, float(plan.row["grams"])


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['command']} {r['phrase']} [{r['units']}]" for r in ROWS])
def test_each_audited_phrasing_is_logged_as_a_kitchen_means_it_or_asked(row: dict[str, str]) -> None:
    """Logged as one of the row's foods within its grams, or (row "ask") nothing logged."""
    logged = _logged(row)
    if row["ndb"] == "ask":
        assert logged is None, f"{row['phrase']!r} was logged as {logged}: it must be asked ({row['note']})"
        return
    assert logged is not None, f"{row['phrase']!r} was asked, but a kitchen means {row['ndb']} ({row['note']})"
    food, grams = logged
    assert food in row["ndb"].split("|"), f"{row['phrase']!r} logged {food}, expected {row['ndb']}"
    assert float(row["grams_min"]) - 0.5 <= grams <= float(row["grams_max"]) + 0.5, (row["phrase"], grams)


def test_the_table_covers_every_class_uk_and_us() -> None:
    assert len(ROWS) >= 90 and {r["units"] for r in ROWS} == {"uk", "us"}
    assert len({(r["phrase"], r["units"], r["command"]) for r in ROWS}) == len(ROWS)


# --- 1. a powder by the cup is what is made with it ------------------------------------------------------


@pytest.mark.parametrize("ndb", ["14309", "14315", "14192", "14214", "06080", "09214"])
def test_a_powder_or_concentrate_by_the_cup_is_asked_as_what_is_made_with_it(ndb: str) -> None:
    """A drink's amount of a powder, dry mix or concentrate (by its NDB number, so no name helps) is a question
    whose choices are all foods made with it (prepared, diluted), never the powder itself."""
    with pytest.raises(ChoiceNeeded) as asked:
        _plan(f"a mug of {ndb}", "drink")
    assert asked.value.slot == "prepared" and asked.value.choices
    table = open_foods()
    for choice, _ in asked.value.choices:
        food = table.get(choice)
        assert food is not None and dry_form(food) is None, food


def test_the_answer_is_logged_as_the_drink_made_with_it_and_never_remembered_for_a_number() -> None:
    """Picking the drink logs a mug of it (350 ml), not 350 ml of powder."""
    plan = _plan("a mug of 14309", "drink", answers={"prepared": "14312"})
    assert plan.row["food_ndb"] == "14312" and plan.row["ml"] == pytest.approx(350, abs=1)
    # 14312 per 100 g: Na 79 mg (foods.csv); 350 ml at 265 g per cup (8 fl oz, 236.6 ml) = 392 g: 310 mg of
    # sodium, where 350 ml of the powder (14309, Na 636 mg per 100 g) would be over 2,000 mg
    assert plan.row["grams"] == pytest.approx(392, abs=1) and plan.row["sodium_mg"] == pytest.approx(310, abs=1)
    assert plan.remember is None


def test_a_dry_food_the_table_makes_nothing_from_is_refused_asking_for_its_weight() -> None:
    """Dry nonfat milk by the glass: the table has no reconstituted form, so the powder's weight is asked."""
    with pytest.raises(InputError, match=r"is a dry mix, and the food table has nothing made with it: "
                                         r"'a glass' of it would be the dry mix itself; log the dry mix by weight"):
        _plan("a glass of 01091", "drink")


def test_a_powder_by_weight_or_spoon_is_the_powder() -> None:
    """Spoons and grams are measures of the powder itself: 2 tbsp of Ovaltine is 2 tbsp of powder."""
    plan = _plan("14309 2 tbsp", "eat")
    # serving (4 tbsp or 1 envelope) = 21 g (portions.csv 14309): 2 tbsp = 10.5 g
    assert plan.row["food_ndb"] == "14309" and plan.row["grams"] == pytest.approx(10.5, abs=0.1)


def test_every_prepared_form_offered_shares_a_word_with_its_powder() -> None:
    """The table's dry forms' prepared forms share a core word with them (no coconut water for cocoa)."""
    table = open_foods()
    cocoa = table.get("14192")
    assert cocoa is not None
    made = [f.description for f in prepared_forms(table, cocoa)]
    assert made and all("ocoa" in d for d in made)


def test_in_a_terminal_the_powder_question_is_asked_and_the_answer_logged(run: Diary,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """`diary drink a mug of 14315` in a terminal asks which drink made with it, logs the pick, remembers nothing."""
    monkeypatch.setenv("DIARY_INTERACTIVE", "1")
    result = run("drink", "a", "mug", "of", "14315", now=NOW, input="1\n")
    assert result.exit_code == 0, result.output
    assert "chocolate malt powder is a powder: 'a mug' of it would be the powder itself" in result.stderr
    (ndb, ml), = run.rows("SELECT food_ndb, ml FROM intake")
    assert ndb != "14315" and ml == pytest.approx(350, abs=1)
    assert run.count("food_alias") == 0


def test_without_a_terminal_the_powder_is_refused_with_the_drinks(run: Diary) -> None:
    result = run("drink", "a", "glass", "of", "14309", now=NOW)
    assert result.exit_code == 2 and run.count("intake") == 0
    assert "prepared with" in result.stderr and "Classic Malt powder\n" not in result.stderr


# --- 2. two amounts in one phrase ------------------------------------------------------------------------------


def test_a_count_after_a_measured_drink_multiplies_it_and_the_diary_says_so(run: Diary) -> None:
    result = run("drink", "a", "mug", "of", "tea", "2", now=NOW)
    assert result.exit_code == 0, result.output
    assert "a mug of tea 2, taken as 700 ml of tea" in result.stdout
    assert run.rows("SELECT amount_text, ml FROM intake") == [("a mug x 2 (700 ml)", pytest.approx(700))]


def test_two_counts_of_a_measure_are_a_question_naming_both() -> None:
    with pytest.raises(InputError, match=r"two amounts, '2 mugs' and '3': say one"):
        _plan("2 mugs of tea 3", "drink")


# --- 3. size words ---------------------------------------------------------------------------------------------


def test_small_and_large_portions_differ_and_the_reply_says_how() -> None:
    small, large = _plan("a small portion of chips"), _plan("a large portion of chips")
    assert small.row["grams"] == pytest.approx(152 * 2 / 3, abs=0.01)
    assert large.row["grams"] == pytest.approx(152 * 1.5, abs=0.01)
    assert "taken as 2/3 x 20 fries (101 g)" in small.line and small.note is not None and "2/3" in small.note


# --- 4. port and spoons -------------------------------------------------------------------------------------------


def test_port_by_the_glass_is_not_a_wine_glass() -> None:
    plan = _plan("a glass of port", "drink")
    assert plan.row["ml"] == pytest.approx(75) and "taken as 75 ml" in plan.line


def test_a_spoonful_of_cocoa_is_cocoa_powder() -> None:
    plan = _plan("a spoonful of cocoa")
    assert plan.row["food_ndb"] == "19165" and plan.row["grams"] == pytest.approx(5.4)  # portions.csv 19165 tbsp 5.4


# --- 5. questions share the typed words -------------------------------------------------------------------------

PHRASES = ["san pellegrino", "g&t", "shepherd's pie", "tuna in brine", "toast with marmite", "sausage roll",
           "lucozade", "pb&j", "cottage pie", "chicken tikka masala", "toad in the hole", "fish finger sandwich",
           "spotted dick", "bakewell tart", "ribena", "irn bru", "vimto", "haggis", "black pudding", "jaffa cakes",
           "hobnobs", "scotch egg", "pork pie", "ploughman's lunch", "bubble and squeak", "eton mess", "quavers",
           "wotsits", "custard creams", "bananna", "brocoli", "yoghurt with honey"]


@pytest.mark.parametrize("phrase", PHRASES)
def test_every_choice_offered_shares_a_key_word_of_the_phrase(phrase: str) -> None:
    """No question offers a food that shares none of the phrase's words (typos allowed): Sangiovese is never a
    choice for San Pellegrino, nor apples for toast with marmite."""
    keys = key_words(words(phrase))
    table = open_foods()
    for drink in (False, True):
        for ndb in offered(phrase, drink=drink):
            food = table.get(ndb)
            assert food is not None
            theirs = set(words(food.description))
            theirs |= {w for said, _, food_id in table.everyday_names() if f"{int(food_id):05d}" == ndb
                       for w in words(said)}
            assert any(k in theirs or any(w[:3] == k[:3] for w in theirs) for k in keys), (phrase, food.description)


@pytest.mark.parametrize("phrase", PHRASES)
def test_several_is_never_said_of_one_choice(phrase: str) -> None:
    try:
        _plan(phrase)
    except AmbiguousFood as asked:
        assert "several" not in str(asked) or len(asked.choices) > 1
    except (FoodLookupError, ChoiceNeeded, InputError):
        pass


def test_a_food_not_in_the_table_says_how_to_add_it(run: Diary) -> None:
    result = run("drink", "san", "pellegrino", now=NOW)
    assert result.exit_code == 2
    assert "no drink matches 'san pellegrino'" in result.stderr and "diary foods add" in result.stderr
    assert "Sangiovese" not in result.stderr


# --- 6. refusals quote what was typed -----------------------------------------------------------------------------


@pytest.mark.parametrize(("phrase", "command", "said"), [
    ("a bowl of spag bol", "eat", "amount 'a bowl' (taken as 1.5 cups)"),
    ("water 30", "drink", "amount '30' of water: 30 glasses or 30 ml?"),
    ("grapes 30", "eat", "30 of them or 30 g?"),
    ("a huge portion of chips", "eat", "amount 'a huge portion'"),
])
def test_a_refusal_quotes_the_amount_as_typed(phrase: str, command: str, said: str) -> None:
    with pytest.raises(InputError) as refused:
        _plan(phrase, command)
    assert said in str(refused.value)
    assert not re.search(r"'\d+ (glass|cup|medium)'", str(refused.value))


def test_a_large_bare_number_is_grams_or_ml() -> None:
    assert _plan("apple 150").row["grams"] == pytest.approx(150)
    assert _plan("water 750", "drink").row["ml"] == pytest.approx(750)
    assert _plan("tea 350", "drink").row["ml"] == pytest.approx(350)


def test_changing_a_powders_amount_to_a_mug_is_refused(run: Diary) -> None:
    """`diary edit ID --amount "a mug"` of a logged powder is refused, the entry unchanged: never a mug of powder."""
    assert run("eat", "14309", "2", "tsp", now=NOW).exit_code == 0
    result = run("edit", "1", "--amount", "a mug", now=NOW)
    assert result.exit_code == 2 and "is a powder, so that would be the powder itself" in result.stderr
    assert run.rows("SELECT amount_text FROM intake") == [("2 tsp",)]


@pytest.mark.parametrize(("phrase", "command", "expected"), [
    ("a small cup of tea", "drink", "2/3 cup (158 ml) of tea"),
    ("a large slice of pizza", "eat", "taken as 1.5 x 1 slice (160 g)"),
    ("a thick slice of bread", "eat", "taken as 1 slice, large (30 g)"),
    ("a glass of milk 300", "drink", "taken as 300 ml of Milk"),
    ("a third of a pint of milk", "drink", "taken as 189 ml of Milk"),
])
def test_the_reply_says_how_a_sized_or_combined_amount_was_taken(phrase: str, command: str, expected: str) -> None:
    assert expected in _plan(phrase, command).line


def test_the_food_page_asks_which_drink_a_powder_made_and_logs_the_answer(rig: Any, rig_db: Diary) -> None:
    """On the phone page too, a mug of a powder is a question (nothing written); the answer logs the drink."""
    browser, csrf = rig.paired()
    form = {"what": "a mug of 14309", "kind": "drink", "client_id": "powder-0001", "csrf": csrf}
    question = browser.post("/eat", data=form)
    assert question.status_code == 409 and rig_db.count("intake") == 0
    choices = re.findall(r'name="answer_prepared" value="(\d+)"', question.text)
    assert choices and "14309" not in choices
    answer = browser.post("/eat", data={**form, "answer_prepared": choices[0]})
    assert answer.status_code == 200, answer.text
    assert rig_db.rows("SELECT food_ndb FROM intake") == [(choices[0],)]


def test_a_refusal_of_a_size_the_food_lacks_quotes_it_as_typed() -> None:
    """'a small beer' is refused as 'a small', never as '1 small'; 'a jug' is not 'taken as 1 jug'."""
    with pytest.raises(InputError) as refused:
        _plan("a small beer", "drink")
    assert str(refused.value).startswith("amount 'a small': ")
    with pytest.raises(InputError) as jug:
        _plan("a jug of water", "drink")
    assert str(jug.value).startswith("amount 'a jug' of water")


@pytest.mark.parametrize(("typo", "command", "named"), [
    ("bananna", "eat", "banana"), ("brocoli", "eat", "broccoli"), ("youghurt", "eat", "yogurt"),
    ("tomatoe", "eat", "tomato"), ("mlik", "drink", "milk"), ("avacado", "eat", "avocado"),
])
def test_a_typo_still_offers_the_food_it_misspells(typo: str, command: str, named: str) -> None:
    """The choices sharing the typed words allow typos: the food misspelt is offered, nothing is logged."""
    with pytest.raises(FoodLookupError) as asked:
        _plan(typo, command)
    assert asked.value.choices and all(named in words(label) for _, label in asked.value.choices[:1])


@pytest.mark.parametrize(("phrase", "command"), [("tang", "eat"), ("a pint of shandy", "drink"),
                                                 ("a glass of dandelion and burdock", "drink")])
def test_another_word_is_not_a_typo(phrase: str, command: str) -> None:
    """'tang' is not 'tangy' sauce, 'shandy' not shad, and no greens are offered to drink: not in the table."""
    with pytest.raises(FoodLookupError) as refused:
        _plan(phrase, command)
    assert refused.value.choices == ()


def test_changing_an_amount_to_a_large_bare_number_is_grams_or_ml(run: Diary) -> None:
    """`diary edit ID --amount 150` of an apple is 150 g, not 150 apples; of tea, 350 is 350 ml."""
    run("eat", "apple", now=NOW)
    run("drink", "tea", now=NOW)
    assert run("edit", "1", "--amount", "150", now=NOW).exit_code == 0
    assert run("edit", "2", "--amount", "350", now=NOW).exit_code == 0
    assert run.rows("SELECT grams, ml FROM intake ORDER BY id") == [
        (pytest.approx(150), None), (pytest.approx(350, abs=1), pytest.approx(350))]
