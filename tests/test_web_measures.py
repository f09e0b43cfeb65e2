"""The Measures page: each measure writes the row `diary pgic|peg|med|reaction` writes, with
the same refusals."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import Diary
from tests.helpers.web import JSON, NOW_DB, Rig


@pytest.fixture
def tap(rig: Rig) -> Any:
    """Post a form from a paired browser, with its CSRF token, asking for JSON."""
    browser, csrf = rig.paired()

    def post(path: str, data: dict[str, str]) -> Any:
        return browser.post(path, data={**data, "csrf": csrf}, headers=JSON)

    post.browser = browser  # type: ignore[attr-defined]
    return post


def test_the_page_asks_the_questions_in_their_published_words(tap: Any) -> None:
    """PGIC's question and seven answers and PEG's three questions are on the page as diary.measures words them."""
    page = tap.browser.get("/measures").text
    assert "Since care began, my overall status is:" in page
    assert "1 · very much improved</button>" in page and "7 · very much worse</button>" in page
    assert "What number best describes your pain on average in the past week?" in page
    assert "no adjustment was\n    logged in the last 72 hours" in page


def test_one_tap_gives_the_impression_of_change(tap: Any, rig_db: Diary) -> None:
    """A PGIC answer button logs that score now."""
    response = tap("/pgic", {"score": "2", "back": "/measures"})
    assert response.json()["message"] == "Saved: impression of change 2, much improved, today 10:00."
    assert rig_db.rows("SELECT at, score, note FROM pgic") == [(NOW_DB, 2, None)]


def test_the_peg_is_weekly_and_can_be_replaced(tap: Any, rig_db: Diary) -> None:
    """A PEG logs its three answers; a second in the same week is refused unless Replace is ticked."""
    assert tap("/peg", {"pain": "6", "enjoyment": "5", "activity": "4"}).json()["message"] == (
        "Saved: PEG 5.0 (pain 6, enjoyment 5, activity 4), today 10:00.")
    again = tap("/peg", {"pain": "3", "enjoyment": "3", "activity": "3"})
    assert (again.status_code, again.json()["error"]) == (
        400, "A PEG was already given in these 7 days; it is weekly. Tick \u201cReplace this week's PEG\u201d to "
             "replace it.")
    tap("/peg", {"pain": "3", "enjoyment": "3", "activity": "3", "replace": "yes"})
    assert rig_db.rows("SELECT p.pain, e.deleted_at IS NOT NULL FROM peg p JOIN entry e ON e.id = p.id ORDER BY p.id") \
        == [(6, True), (3, False)]


def test_a_peg_without_an_answer_is_refused(tap: Any, rig_db: Diary) -> None:
    """Each of the three answers is needed, as the terminal says."""
    response = tap("/peg", {"pain": "6", "enjoyment": "5"})
    assert response.json()["error"] == "activity '' is not on the scale: use a whole number from 0 to 10"
    assert rig_db.count("peg") == 0


def test_medication_reuses_an_earlier_spelling(tap: Any, rig_db: Diary) -> None:
    """A medication name used before in another case is stored as it was first written."""
    tap("/med", {"name": "Ibuprofen", "dose": "400mg"})
    tap("/med", {"name": "ibuprofen", "dose": ""})
    assert rig_db.rows("SELECT name, dose FROM medication ORDER BY id") == [("Ibuprofen", "400mg"), ("Ibuprofen", None)]
    assert '<option value="Ibuprofen">' in tap.browser.get("/measures").text


def test_a_reaction_needs_an_adjustment_in_the_72_hours_before(tap: Any, rig_db: Diary) -> None:
    """Without a recent adjustment the domain refuses; after one, the reaction is stored."""
    refused = tap("/reaction", {"symptom": "soreness", "intensity": "4"})
    assert refused.json()["error"].startswith("no adjustment was logged in the 72 h before this reaction")
    tap("/adjust", {"when": "1 h ago"})
    assert 'id="r-soreness"' in tap.browser.get("/measures").text
    saved = tap("/reaction", {"symptom": "soreness", "intensity": "4"})
    assert saved.json()["message"] == "Saved: soreness 4/10, today 10:00."
    assert rig_db.rows("SELECT at, symptom, intensity FROM reaction") == [(NOW_DB, "soreness", 4)]
