"""The Food page: kitchen words read as `diary eat` and `diary drink` read them, a question
(never a guess) when several foods fit, the answer remembered, each entry once."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers import Diary
from tests.helpers.web import NOW, Rig

INTAKE = ("source, food_ndb, description, amount_text, grams, ml, water_ml, sodium_mg, potassium_mg, magnesium_mg, "
          "calcium_mg")




@pytest.fixture
def tap(rig: Rig) -> Any:
    browser, csrf = rig.paired()

    def post(data: dict[str, str], **kwargs: Any) -> Any:
        return browser.post("/eat", data={**data, "csrf": csrf}, **kwargs)

    return post


@pytest.mark.parametrize(("words", "kind", "command"), [
    ("a mug of tea", "drink", ["drink", "a", "mug", "of", "tea"]),
    ("2 bananas", "eat", ["eat", "2", "bananas"]),
    ("coconut water 330ml", "drink", ["drink", "coconut water", "330ml"]),
    ("a glass of milk", "drink", ["drink", "a", "glass", "of", "milk"]),
])
def test_kitchen_words_log_what_diary_eat_logs(tap: Any, rig_db: Diary, new_diary_db: Callable[[], str],
                                              monkeypatch: pytest.MonkeyPatch, words: str, kind: str,
                                              command: list[str]) -> None:
    """The page's row (food, amount, grams, nutrients) is the one the terminal writes for the same words."""
    page = tap({"what": words, "kind": kind})
    assert page.status_code == 200 and "Saved: " in page.text
    terminal = Diary(new_diary_db(), monkeypatch)
    assert terminal(*command, now=NOW.isoformat()).exit_code == 0
    assert rig_db.rows(f"SELECT {INTAKE} FROM intake") == terminal.rows(f"SELECT {INTAKE} FROM intake")
    assert rig_db.count("intake") == 1


def test_the_reply_says_what_the_words_were_taken_as(tap: Any) -> None:
    """The answer names the food and amount as diary eat does, with Undo."""
    page = tap({"what": "a mug of tea", "kind": "drink"}).text
    assert "<p>Saved: a mug of tea, taken as 350 ml of tea, black, brewed, today 10:00.</p>" in page
    assert '<input type="hidden" name="action" value="add">' in page


def test_words_that_fit_several_foods_are_a_question_and_the_answer_is_remembered(tap: Any, rig_db: Diary) -> None:
    """'cake' asks which cake (nothing written); the chosen one is logged and remembered for next time."""
    question = tap({"what": "cake", "kind": "eat", "client_id": "cake-0001"})
    assert question.status_code == 409
    assert "&#39;cake&#39; matches several foods. Which did you mean?" in question.text
    choices = re.findall(r'name="answer_food" value="(\d+)"', question.text)
    assert len(choices) >= 2 and rig_db.count("intake") == 0
    assert '<input type="hidden" name="what" value="cake">' in question.text
    answer = tap({"what": "cake", "kind": "eat", "client_id": "cake-0001", "answer_food": choices[1]})
    assert answer.status_code == 200 and "from now on &#39;cake&#39; means this" in answer.text
    assert rig_db.rows("SELECT food_ndb FROM intake") == [(choices[1],)]
    assert rig_db.rows("SELECT name, food_ndb FROM food_alias") == [("cake", choices[1])]
    again = tap({"what": "cake", "kind": "eat", "client_id": "cake-0002"})
    assert again.status_code == 200 and "is your remembered choice" in again.text
    assert rig_db.rows("SELECT food_ndb FROM intake ORDER BY id") == [(choices[1],), (choices[1],)]


def test_an_answer_sent_twice_logs_once(tap: Any, rig_db: Diary) -> None:
    """The same entry id (a double tap on a choice) writes one intake."""
    for _ in range(2):
        tap({"what": "2 bananas", "kind": "eat", "client_id": "banana-0001"})
    assert rig_db.count("intake") == 1 and rig_db.count("web_submission") == 1


@pytest.mark.parametrize(("words", "error"), [
    ("", "say what, like diary eat banana"),
    ("xyzzy", "no food matches &#39;xyzzy&#39;"),
    ("banana -2", "amount &#39;-2&#39; is negative"),
])
def test_words_that_name_nothing_are_refused_and_write_nothing(tap: Any, rig_db: Diary, words: str, error: str) -> None:
    """Unknown words and bad amounts are refused in the terminal's words; nothing is written."""
    response = tap({"what": words, "kind": "eat"})
    assert response.status_code == 400 and error in response.text
    assert rig_db.count("intake") == 0


def test_the_question_page_lights_the_food_tab(tap: Any) -> None:
    """The question is answered at /eat: the Food tab is the one highlighted, and 'start again' is a button."""
    page = tap({"what": "cake", "kind": "eat"}).text
    assert '<a href="/food" aria-current="page">Food</a>' in page
    assert '<a class="button secondary wide" href="/food">None of these: start again</a>' in page


def test_the_script_is_told_that_the_words_are_a_question(tap: Any, rig_db: Diary) -> None:
    """Asked by the page's script, words that fit several foods answer 409 marked as a question (the script then
    shows the question page), and nothing is written."""
    answer = tap({"what": "cake", "kind": "eat"}, headers={"accept": "application/json"})
    assert answer.status_code == 409
    assert answer.json()["question"] is True and answer.json()["error"].startswith("'cake' matches several foods")
    assert rig_db.count("intake") == 0
