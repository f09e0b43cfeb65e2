"""diary eat and drink in kitchen words, as a patient uses them: questions in a terminal,
refusals without one, remembered choices, pints and cans by country, one-line replies,
and changing an amount afterwards.

Numbers are worked by hand from ../shared/data/foods.csv and portions.csv (rows quoted)."""

from __future__ import annotations

import re

import pytest

from tests.helpers import Diary

NOW = "2026-11-25T20:00:00+01:00"
FL_OZ = 29.5735295625


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A person at a terminal answers the questions (on standard input)."""
    monkeypatch.setenv("DIARY_INTERACTIVE", "1")


def _number_of(stderr: str, ndb: str) -> str:
    """The number a question gives the food with this NDB number."""
    return re.search(rf"^  (\d+)\. {ndb}  ", stderr, re.M).group(1)  # type: ignore[union-attr]


# --- questions and remembered choices -------------------------------------------------------------------


def test_in_a_terminal_a_weak_match_is_a_numbered_question_and_the_answer_is_logged(run: Diary, terminal: None) -> None:
    """`diary eat cake` asks which cake (1-5, Enter cancels), logs the one picked, and remembers it for "cake"."""
    asked = run("eat", "cake", now=NOW, input="\n")  # see the choices, then cancel
    assert asked.exit_code == 1 and run.count("intake") == 0
    assert asked.stderr.splitlines()[0] == "'cake' matches several foods."
    assert "Which did you mean? 1-5, or Enter to cancel" in asked.stderr
    assert asked.stderr.rstrip().endswith("Aborted: nothing was written.")
    pick = _number_of(asked.stderr, "18133")  # Cake, sponge, commercially prepared
    result = run("eat", "cake", now=NOW, input=f"{pick}\n")
    # portions 18133,2,1,piece (1/12 of 16 oz cake),38; foods.csv 18133: water 29.70, Na 623, K 99, Mg 11, Ca 70
    # -> 38 g: water 11.29 ml, Na 236.74, K 37.62, Mg 4.18, Ca 26.6
    assert result.stdout.splitlines() == [
        "Logged food #1: cake, taken as 1 piece (38 g) of Cake, sponge, commercially prepared: water 11 ml, "
        "Na 237 mg, K 38 mg, Mg 4.2 mg, Ca 27 mg (Wed 25 Nov 20:00).",
        "Note: from now on 'cake' means this (diary foods forget cake undoes it).",
    ]
    assert run.rows("SELECT name, food_ndb, own_food_id FROM food_alias") == [("cake", "18133", None)]
    assert run.rows("SELECT food_ndb, grams FROM intake") == [("18133", 38.0)]


def test_a_remembered_choice_is_used_without_asking_and_said(run: Diary, terminal: None) -> None:
    """After picking a food for "cake", `diary eat 2 pieces of cake` takes it without a question and says it is
    the remembered choice; `diary foods list` shows the name; `diary foods forget cake` makes it a question again."""
    first = run("eat", "cake", now=NOW, input="\n").stderr
    run("eat", "cake", now=NOW, input=_number_of(first, "18133") + "\n")
    again = run("eat", "2", "pieces", "of", "Cake", now=NOW, input="")
    assert again.exit_code == 0 and "Which did you mean" not in again.stderr
    assert again.stdout.splitlines()[1] == "Note: 'cake' is your remembered choice (diary foods forget cake)."
    assert run.rows("SELECT food_ndb, grams FROM intake ORDER BY id") == [("18133", 38.0), ("18133", 76.0)]
    listed = run("foods", "list", now=NOW).stdout.splitlines()
    assert listed[-2:] == ["Names you chose a food for (diary foods forget NAME):",
                           "  cake: 18133 Cake, sponge, commercially prepared"]
    forgot = run("foods", "forget", "cake", now=NOW)
    assert forgot.stdout == "Forgot your choice for 'cake'; next time it is looked up afresh.\n"
    assert run.count("food_alias") == 0
    assert run("eat", "cake", now=NOW, input="\n").exit_code == 1  # asked again (and cancelled)


def test_forgetting_a_name_never_chosen_is_one_line(run: Diary) -> None:
    """`diary foods forget NAME` for a name with no remembered choice: one line, exit 1, nothing changed."""
    run("drink", "500ml", now=NOW)
    result = run("foods", "forget", "squash", now=NOW)
    assert (result.exit_code, result.stderr) == (
        1, "Error: no choice is remembered for 'squash' (diary foods list shows them)\n")


def test_without_a_terminal_the_choices_are_listed_and_nothing_is_written(run_sqlite: Diary) -> None:
    """Without a terminal, a question is a refusal: the numbered choices on stderr, exit 2, and not even a new
    diary file."""
    from pathlib import Path

    result = run_sqlite("drink", "a glass of wine red", now=NOW)
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: 'wine red' matches several foods; nothing was logged."
    assert any("14096  Alcoholic beverage, wine, table, red" in line for line in lines)
    assert not Path(run_sqlite.location).exists()


# --- what the words mean ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "ndb", "grams"), [
    # the wrongs: vitamin water, 1 fl oz of beer, red wine vinegar, a kiwi juice drink
    (["drink", "mineral water"], "14555", 250 * 29.6 / FL_OZ),  # 14555,1,1,fl oz,29.6
    (["drink", "beer"], "14003", 12 * 29.7),  # 14003,1,1,fl oz,29.7: a 12 fl oz beer
    (["drink", "red wine", "150ml"], "14096", 150 * 29.4 / FL_OZ),  # 14096,1,1,fl oz,29.4
    (["eat", "kiwi"], "09148", 69),  # 09148,2,1,fruit (2" dia),69
    (["drink", "a", "mug", "of", "tea"], "14355", 350 * 29.6 / FL_OZ),  # 14355,1,1,fl oz,29.6
    (["eat", "a", "bowl", "of", "cornflakes"], "08020", 50),  # the household bowl of dry cereal: 50 g
    (["eat", "a", "handful", "of", "sultanas"], "09297", 30),
    (["eat", "a", "pinch", "of", "salt"], "02047", 6.0 / 16),  # 02047,1,1,tsp,6.0
])
def test_everyday_words_are_what_a_kitchen_means(run: Diary, args: list[str], ndb: str, grams: float) -> None:
    """The issue's examples: each is logged as the food a kitchen means, in the amount it means."""
    result = run(*args, now=NOW)
    assert result.exit_code == 0, result.stderr
    assert run.rows("SELECT food_ndb FROM intake") == [(ndb,)]
    assert run.rows("SELECT grams FROM intake")[0][0] == pytest.approx(grams, rel=1e-3)


def test_the_reply_is_one_line_and_says_how_much_was_taken(run: Diary) -> None:
    """"a mug of tea, taken as 350 ml": one line for what was logged, no note when nothing needs saying."""
    result = run("drink", "a", "mug", "of", "tea", now=NOW)
    assert result.stdout == ("Logged drink #1: a mug of tea, taken as 350 ml of tea, black, brewed: water 349 ml, "
                             "Na 11 mg, K 130 mg, Mg 11 mg, Ca 0 mg (Wed 25 Nov 20:00).\n")
    assert run.rows("SELECT amount_text, ml FROM intake") == [("a mug (350 ml)", 350.0)]


@pytest.mark.parametrize(("zone", "units", "ml"), [
    ("Europe/London", None, 568), ("America/New_York", None, 16 * FL_OZ), ("Europe/Berlin", "uk", 568),
    ("Europe/Berlin", "us", 16 * FL_OZ)])
def test_a_pint_follows_the_profile_or_the_timezone(run: Diary, monkeypatch: pytest.MonkeyPatch, zone: str,
                                                    units: str | None, ml: float) -> None:
    """A pint is 568 ml in the UK and 16 fl oz in the US: by `diary profile --units`, else by the timezone's
    country where that settles it (London, New York)."""
    monkeypatch.setenv("TZ", zone)
    if units:
        run("profile", "--units", units, now=NOW)
    result = run("drink", "a", "pint", "of", "lager", now=NOW)
    assert result.exit_code == 0, result.stderr
    # 14003,1,1,fl oz,29.7
    assert run.rows("SELECT ml, grams FROM intake") == [(pytest.approx(ml, abs=1e-3),
                                                         pytest.approx(ml * 29.7 / FL_OZ, abs=1e-3))]


def test_a_pint_where_the_timezone_does_not_settle_it_is_asked(run: Diary, terminal: None) -> None:
    """In Berlin without --units, "a pint" is a question (UK or US); the answer is used for that entry."""
    result = run("drink", "a", "pint", "of", "lager", now=NOW, input="1\n")
    assert result.stderr.splitlines()[:3] == [
        "'a pint' differs between the UK and the US (UK: 568 ml or US: 16 fl oz (473 ml)): set yours with diary "
        "profile --units uk|us, or give ml.",
        "  1. UK: 568 ml",
        "  2. US: 16 fl oz (473 ml)",
    ]
    assert run.rows("SELECT ml FROM intake") == [(568.0,)]


def test_a_pint_without_a_terminal_is_refused_with_both_sizes(run: Diary) -> None:
    """Without a terminal and without --units, "a can of coke" in Berlin is refused naming both sizes."""
    result = run("drink", "a", "can", "of", "coke", now=NOW)
    assert result.exit_code == 2 and run.count("intake") == 0
    assert result.stderr.splitlines()[0] == (
        "Error: 'a can' differs between the UK and the US (UK: 330 ml or US: 12 fl oz (355 ml)): set yours with diary "
        "profile --units uk|us, or give ml; nothing was logged.")


def test_a_name_meaning_another_food_in_the_uk_and_us(run: Diary, monkeypatch: pytest.MonkeyPatch) -> None:
    """"chips" is fries in the UK and crisps in the US: by the profile's units; asked where it is not settled."""
    refused = run("eat", "chips", now=NOW)
    assert refused.exit_code == 2
    assert refused.stderr.splitlines()[2:4] == [
        "  1. 11403  Potatoes, french fried, all types, salt added in processing, frozen, home-prepared, oven heated "
        "(UK chips)",
        "  2. 19411  Snacks, potato chips, plain, salted (US chips)"]
    run("profile", "--units", "uk", now=NOW)
    run("eat", "chips", now=NOW)
    run("profile", "--units", "us", now=NOW)
    run("eat", "chips", now=NOW)
    # 11403,1,10,fries,76 -> 20 fries 152 g; 19411,3,1,oz,28.35
    assert run.rows("SELECT food_ndb, grams FROM intake ORDER BY id") == [("11403", 152.0), ("19411", 28.35)]


def test_an_own_food_can_be_chosen_and_remembered(run: Diary, terminal: None) -> None:
    """An own food defined per "1 bar" is counted in bars, and a glass of an own drink is the household glass."""
    run("foods", "add", "my electrolyte drink", "--per", "500ml", "--sodium", "460", now=NOW)
    result = run("drink", "a", "glass", "of", "my", "electrolyte", "drink", now=NOW)
    assert result.stdout.startswith("Logged drink #1: a glass of my electrolyte drink, taken as 250 ml of my "
                                    "electrolyte drink: water 250 ml, Na 230 mg, ")
    assert run.rows("SELECT source, own_food_id, ml, sodium_mg FROM intake") == [("own_food", 1, 250.0, 230.0)]


# --- changing an amount ------------------------------------------------------------------------------


def test_edit_amount_recomputes_the_nutrients_and_undo_puts_them_back(run: Diary) -> None:
    """`diary edit ID --amount "2 cups"` of a banana becomes 2 x 225 g (its mashed cup), K 358 x 4.5 = 1,611 mg;
    the change is journaled, and undo restores the medium banana."""
    run("eat", "banana", now=NOW)
    result = run("edit", "1", "--amount", "2 cups", now=NOW)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Changed #1 ")
    assert run.rows("SELECT amount_text, grams, potassium_mg FROM intake") == [("2 cup, mashed", 450.0, 1611.0)]
    run("undo", now=NOW)
    assert run.rows("SELECT amount_text, grams, potassium_mg FROM intake") == [("1 medium", 118.0,
                                                                               pytest.approx(422.44))]


@pytest.mark.parametrize(("log", "amount", "expected"), [
    (["drink", "500ml"], "a glass", ("a glass (250 ml)", 250.0, 250.0)),  # water: the household glass
    (["drink", "tea"], "a mug", ("a mug (350 ml)", pytest.approx(350 * 29.6 / FL_OZ, abs=1e-3), 350.0)),
    (["supplement", "magnesium", "200mg"], "300mg", ("300 mg", None, None)),
])
def test_edit_amount_of_water_tea_and_a_supplement(run: Diary, log: list[str], amount: str, expected: tuple) -> None:
    """Water, a drink from the table and a supplement each take a new amount in their own terms."""
    run(*log, now=NOW)
    assert run("edit", "1", "--amount", amount, now=NOW).exit_code == 0
    assert run.rows("SELECT amount_text, grams, ml FROM intake") == [expected]


def test_edit_amount_refuses_what_the_food_cannot_take_and_other_kinds(run: Diary) -> None:
    """An amount the food cannot take, or --amount of a spasm: one line, exit 2, nothing changed."""
    run("eat", "banana", now=NOW)
    run("spasm", "4", now=NOW)
    bad = run("edit", "1", "--amount", "2 bottles", now=NOW)
    assert (bad.exit_code, bad.stderr) == (2, "Error: Invalid value for --amount: amount '2 bottles': Bananas, raw "
                                              "does not come in a bottle in the food table; give g, a count, or one "
                                              "of its portions (diary foods search shows them) (see 'diary edit "
                                              "--help')\n")
    spasm = run("edit", "2", "--amount", "2", now=NOW)
    assert (spasm.exit_code, spasm.stderr) == (2, "Error: #2 is a spasm entry, which has no --amount (see 'diary "
                                                  "edit --help')\n")
    assert run.rows("SELECT grams FROM intake") == [(118.0,)] and run.count("change") == 2


def test_an_amount_and_a_note_changed_together_are_undone_together(run: Diary) -> None:
    """`diary edit ID --amount 2 --note x` journals both in one batch: one undo puts back both."""
    run("eat", "banana", now=NOW)
    run("edit", "1", "--amount", "2", "--note", "two after all", now=NOW)
    assert run.rows("SELECT grams, note FROM intake") == [(236.0, "two after all")]
    run("undo", now=NOW)
    assert run.rows("SELECT grams, note FROM intake") == [(118.0, None)]
