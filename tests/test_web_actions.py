"""What each tap on the phone page writes: the same rows and refusals as the command line,
each entry once however often it is sent, and Undo."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from typing import Any

import pytest

from diary import entries
from diary.parse import DURATION_HELP, TIME_HELP
from diary.storage import open_diary
from tests.helpers import Diary
from tests.helpers.web import JSON, NOW, NOW_DB, Rig


@pytest.fixture
def phone(rig: Rig) -> Any:
    """A paired browser whose posts carry its CSRF token."""
    browser, csrf = rig.paired()

    def post(path: str, data: dict[str, Any] | list[tuple[str, str]] | None = None, **kwargs: Any) -> Any:
        form: dict[str, list[str]] = {"csrf": [csrf]}
        for name, value in (data.items() if isinstance(data, dict) else data or []):
            form.setdefault(name, []).append(value)
        return browser.post(path, data=form, **kwargs)

    browser.tap = post
    return browser


def _entry_rows(rig_db: Diary) -> list[tuple]:
    return rig_db.rows("SELECT id, kind, deleted_at FROM entry ORDER BY id")


# --- a spasm ----------------------------------------------------------------------------------


def test_two_taps_log_a_spasm_now_once_per_client_id(phone: Any, rig_db: Diary) -> None:
    """Intensity and Log spasm write one episode now with nothing else, and the browser's id beside it."""
    response = phone.tap("/spasm", {"intensity": "7", "client_id": "3f1c9d2e-aaaa-4bbb-8ccc-123456789abc"},
                          headers=JSON)
    assert response.json() == {"ok": True, "message": "Saved: spasm 7/10, today 10:00.", "entry": 1,
                               "undo": {"entry": 1, "action": "add"}}
    assert rig_db.rows("SELECT id, started_at, intensity, duration_s, duration_approximate, site, side, note "
                   "FROM episode") == [(1, NOW_DB, 7, None, False, None, None, None)]
    assert rig_db.rows("SELECT client_id, entry_id, received_at FROM web_submission") == [
        ("3f1c9d2e-aaaa-4bbb-8ccc-123456789abc", 1, NOW_DB)]


def test_a_resent_entry_is_logged_once_and_answers_as_the_first(phone: Any, rig: Rig, rig_db: Diary) -> None:
    """The same client id sent again (an answer lost on the way) writes nothing more and gets the first reply."""
    first = phone.tap("/spasm", {"intensity": "6", "client_id": "retry-0001"}, headers=JSON).json()
    rig.clock.now = NOW + dt.timedelta(minutes=30)
    second = phone.tap("/spasm", {"intensity": "6", "client_id": "retry-0001"}, headers=JSON).json()
    assert second == first == {"ok": True, "message": "Saved: spasm 6/10, today 10:00.", "entry": 1,
                               "undo": {"entry": 1, "action": "add"}}
    assert rig_db.count("episode") == 1 and rig_db.count("web_submission") == 1 and rig_db.count("change") == 1


def test_the_full_spasm_form_is_stored_as_given(phone: Any, rig_db: Diary) -> None:
    """Time, site, side, a duration chip (an estimate), trigger chips and words, what helped and a note."""
    response = phone.tap("/spasm", [
        ("intensity", "6"), ("when", "time"), ("day", "2026-11-24"), ("time", "21:30"), ("site", "lower-back"),
        ("side", "left"), ("duration", "300"), ("trigger", "lifting"), ("trigger", "sleep"),
        ("trigger_text", "Cold, lifting"), ("relieved_by", "heat"), ("note", "woke me up"),
    ], headers=JSON)
    assert response.json()["message"] == (
        'Saved: spasm 6/10, lower-back left, about 5 min, trigger cold, lifting, sleep, relieved by heat, '
        '"woke me up", yesterday 21:30.')
    assert rig_db.rows("SELECT started_at, intensity, duration_s, duration_approximate, site, side, relieved_by, note "
                   "FROM episode") == [("2026-11-24 20:30:00.000000", 6, 300, True, "lower-back", "left", "heat",
                                        "woke me up")]
    assert rig_db.rows("SELECT t.name FROM trigger t JOIN episode_trigger et ON et.trigger_id = t.id ORDER BY 1") == [
        ("cold",), ("lifting",), ("sleep",)]


@pytest.mark.parametrize(("fields", "started_at"), [
    ({"when": "15 min ago"}, "2026-11-25 08:45:00.000000"),
    ({"when": "1 h ago"}, "2026-11-25 08:00:00.000000"),
    ({"when": "last night"}, "2026-11-24 22:00:00.000000"),
    ({"when": "now", "time": "08:15"}, "2026-11-25 07:15:00.000000"),  # a typed time wins over the chip
    ({"duration_text": "90s"}, NOW_DB),
])
def test_when_chips_and_typed_times(phone: Any, rig_db: Diary, fields: dict[str, str], started_at: str) -> None:
    """Each 'when' choice gives the instant diary spasm --at would (Berlin is UTC+1 in November)."""
    assert phone.tap("/spasm", {"intensity": "4", **fields}, headers=JSON).status_code == 200
    assert rig_db.rows("SELECT started_at FROM episode") == [(started_at,)]


def test_a_typed_estimate_is_stored_as_one(phone: Any, rig_db: Diary) -> None:
    """'about 5 minutes' typed as the duration is 300 s marked approximate, as diary spasm --for stores it."""
    response = phone.tap("/spasm", {"intensity": "4", "duration_text": "about 5 minutes"}, headers=JSON)
    assert response.json()["message"] == "Saved: spasm 4/10, about 5 min, today 10:00."
    assert rig_db.rows("SELECT duration_s, duration_approximate FROM episode") == [(300, True)]


def test_an_entry_kept_on_the_phone_keeps_the_time_it_was_tapped(phone: Any, rig_db: Diary) -> None:
    """Sent two hours late, '15 min ago' counts from the tap (the phone's clock), not from the send."""
    tapped = (NOW - dt.timedelta(hours=2)).isoformat().replace("+00:00", "Z")
    phone.tap("/spasm", {"intensity": "5", "when": "15 min ago", "tapped_at": tapped}, headers=JSON)
    assert rig_db.rows("SELECT started_at FROM episode") == [("2026-11-25 06:45:00.000000",)]
    assert rig_db.rows("SELECT created_at FROM entry") == [(NOW_DB,)]


def test_a_phone_clock_ahead_of_the_computer_counts_as_now(phone: Any, rig_db: Diary) -> None:
    """A tap time after the computer's now is taken as now, so the entry is not refused as in the future."""
    phone.tap("/spasm", {"intensity": "5", "tapped_at": (NOW + dt.timedelta(minutes=5)).isoformat()}, headers=JSON)
    assert rig_db.rows("SELECT started_at FROM episode") == [(NOW_DB,)]


@pytest.mark.parametrize(("fields", "error"), [
    ({"intensity": "11"}, "intensity 11 is out of range: use a whole number from 0 (no pain) to 10 (worst imaginable)"),
    ({"intensity": ""}, "tap how strong the spasm was, from 0 (no pain) to 10 (worst imaginable), then Log spasm"),
    ({"intensity": "5", "when": "time", "day": "2026-11-25", "time": "23:00"},
     f"time '2026-11-25 23:00' is in the future: {TIME_HELP}"),
    ({"intensity": "5", "duration_text": "ages"}, f"duration 'ages' not understood: {DURATION_HELP}"),
    ({"intensity": "5", "site": "elbow"},
     "unknown site 'elbow': use one of neck, upper-back, mid-back, lower-back, shoulder, arm, hand, hip, glute, "
     "thigh, hamstring, calf, foot, abdomen, other"),
    ({"intensity": "5", "note": "x" * 2001}, "note is 2,001 characters long: keep it under 2,000"),
    ({"intensity": "5", "client_id": "<script>"},
     "entry id '<script>' is not one the page makes: reload the page and try again"),
])
def test_bad_input_is_refused_with_the_clis_words_and_writes_nothing(phone: Any, rig_db: Diary, fields: dict[str, str],
                                                                     error: str) -> None:
    """A refused spasm answers 400 with the same message as the terminal, and no row is written."""
    response = phone.tap("/spasm", fields, headers=JSON)
    assert (response.status_code, response.json()) == (400, {"ok": False, "error": error})
    assert _entry_rows(rig_db) == [] and rig_db.count("web_submission") == 0


def test_a_refused_form_comes_back_as_it_was(phone: Any, rig_db: Diary) -> None:
    """Without the script, a refused spasm shows the message on the page with the note and site kept."""
    response = phone.tap("/spasm", {"intensity": "12", "note": "after the stairs", "site": "calf"})
    assert response.status_code == 400
    assert "intensity 12 is out of range" in response.text and "Nothing was saved." in response.text
    assert ">after the stairs</textarea>" in response.text
    assert 'id="s-site-calf" name="site" value="calf" checked' in response.text
    assert rig_db.count("entry") == 0


def test_without_the_script_tapping_a_number_picks_it_and_writes_nothing(phone: Any, rig_db: Diary) -> None:
    """The intensity buttons post to /pick, which shows the page again with that number chosen and the rest kept."""
    response = phone.tap("/pick", {"pick": "7", "intensity": "", "note": "stairs"})
    assert response.status_code == 200
    assert 'value="7" formaction="/pick" class="level level-7"\n      aria-pressed="true"' in response.text
    assert '<input type="hidden" name="intensity" value="7" id="intensity">' in response.text
    assert ">stairs</textarea>" in response.text
    assert rig_db.count("entry") == 0
    done = phone.tap("/spasm", {"intensity": "7", "note": "stairs"}, follow_redirects=False)
    assert (done.status_code, done.headers["location"]) == (303, "/?done=add&entry=1")
    page = phone.get("/?done=add&entry=1").text
    assert '<p>Saved: spasm 7/10, &#34;stairs&#34;, today 10:00.</p>' in page
    assert '<input type="hidden" name="action" value="add">' in page


def test_a_spasm_on_a_quiet_day_removes_the_mark_and_undo_puts_it_back(phone: Any, rig_db: Diary) -> None:
    """Logging a spasm on a day marked quiet takes the mark away and says so, as diary spasm does;
    its Undo brings the mark back with it."""
    phone.tap("/quiet", {"day": "2026-11-24"})
    saved = phone.tap("/spasm", {"intensity": "3", "when": "time", "day": "2026-11-24", "time": "08:00"},
                      headers=JSON).json()
    assert saved["message"] == ("Saved: spasm 3/10, yesterday 08:00. Removed the quiet mark #1 of Tue 24 Nov, since "
                                "it had a spasm after all.")
    assert rig_db.rows("SELECT e.kind, e.deleted_at IS NOT NULL FROM entry e ORDER BY id") == [
        ("quiet", True), ("spasm", False)]
    undone = phone.tap("/undo", {"entry": "2", "action": "add"}, headers=JSON).json()
    assert undone["message"] == ("Undone: spasm 3/10, yesterday 08:00 is removed. Put back the quiet mark #1 of "
                                 "Tue 24 Nov.")
    assert rig_db.rows("SELECT e.kind, e.deleted_at IS NOT NULL FROM entry e ORDER BY id") == [
        ("quiet", False), ("spasm", True)]


def test_undo_of_an_older_spasm_still_puts_its_quiet_mark_back(phone: Any, rig_db: Diary) -> None:
    """With another entry logged since, Undo deletes just the spasm and restores the mark it had removed."""
    phone.tap("/quiet", {"day": "2026-11-24"})
    phone.tap("/spasm", {"intensity": "3", "when": "time", "day": "2026-11-24", "time": "08:00"})
    phone.tap("/water", {"water": "glass"})
    undone = phone.tap("/undo", {"entry": "2", "action": "add"}, headers=JSON).json()
    assert undone["message"].endswith("is removed. Put back the quiet mark #1 of Tue 24 Nov.")
    assert rig_db.rows("SELECT e.kind, e.deleted_at IS NOT NULL FROM entry e ORDER BY id") == [
        ("quiet", False), ("spasm", True), ("intake", False)]


# --- quiet days, water, again, adjustment --------------------------------------------------------


def test_no_spasms_today_marks_the_day_once(phone: Any, rig_db: Diary) -> None:
    """One tap marks the day quiet; tapping again says it already was and writes nothing."""
    first = phone.tap("/quiet", {"day": "2026-11-25", "client_id": "quiet-0001"}, headers=JSON).json()
    assert first == {"ok": True, "message": "Saved: Today had no spasms.", "entry": 1,
                     "undo": {"entry": 1, "action": "add"}}
    second = phone.tap("/quiet", {"day": "2026-11-25", "client_id": "quiet-0002"}, headers=JSON).json()
    assert second == {"ok": True, "message": "Today was already marked as a day without spasms.", "entry": 1,
                      "undo": None}
    assert rig_db.rows("SELECT id, day, note FROM quiet_day") == [(1, "2026-11-25", None)]


def test_no_spasms_today_comes_back_after_its_undo(phone: Any) -> None:
    """Undoing the only entry leaves a diary without live entries, where today is offered again."""
    assert "No spasms today</button>" in phone.get("/").text
    phone.tap("/quiet", {"day": "2026-11-25"})
    assert "No spasms today</button>" not in phone.get("/").text
    phone.tap("/undo", {"entry": "1", "action": "add"})
    assert "No spasms today</button>" in phone.get("/").text


def test_a_day_with_a_spasm_cannot_be_quiet(phone: Any, rig_db: Diary) -> None:
    """The domain's refusal reaches the page word for word."""
    phone.tap("/spasm", {"intensity": "3"})
    response = phone.tap("/quiet", {"day": "2026-11-25"}, headers=JSON)
    assert response.status_code == 400
    assert response.json()["error"] == ("2026-11-25 has 1 spasm logged, so it cannot be a quiet day (see diary list, "
                                        "and diary delete ID if one is wrong)")
    assert rig_db.count("quiet_day") == 0


def test_recent_days_without_a_record_are_offered(rig: Rig, phone: Any) -> None:
    """The page offers today and each earlier day since the first entry that has neither a spasm nor a mark."""
    with open_diary(rig.location) as store:
        first = NOW - dt.timedelta(days=3)
        entries.log_episode(store, first, started_at=first, intensity=2)  # Sun 22 Nov: a spasm
    phone.tap("/quiet", {"day": "2026-11-23"})
    page = phone.get("/").text
    assert "No spasms today</button>" in page
    assert "Tue 24 Nov: no spasms</button>" not in page  # yesterday is worded as such
    assert "Yesterday: no spasms</button>" in page
    assert "Mon 23 Nov: no spasms" not in page and "Sun 22 Nov: no spasms" not in page


@pytest.mark.parametrize(("water", "ml", "words"), [("glass", 250.0, "1 glass (250 ml)"),
                                                   ("bottle", 500.0, "1 bottle (500 ml)")])
def test_a_glass_or_bottle_of_water_in_one_tap(phone: Any, rig_db: Diary, water: str, ml: float, words: str) -> None:
    """The water buttons log plain water now: fluid only, as diary drink does."""
    response = phone.tap("/water", {"water": water}, headers=JSON)
    assert response.json()["message"] == f"Saved: Water, {words} (water {ml:,.0f} ml), today 10:00."
    assert rig_db.rows("SELECT taken_at, source, description, amount_text, ml, water_ml, sodium_mg, potassium_mg "
                   "FROM intake") == [(NOW_DB, "water", "Water", words, ml, ml, 0.0, 0.0)]


def test_a_recent_food_again_copies_its_amount_and_snapshot(rig: Rig, phone: Any, rig_db: Diary) -> None:
    """A recent food is offered as a button and logs the same amount and nutrients again, now."""
    with open_diary(rig.location) as store:
        earlier = NOW - dt.timedelta(days=2)
        entries.log_intake(store, earlier, {
            "taken_at": earlier, "source": "food", "food_ndb": "09040", "description": "Bananas, raw",
            "amount_text": "1 medium", "grams": 118.0, "ml": None, "water_ml": 88.4, "sodium_mg": 1.2,
            "potassium_mg": 422.4, "magnesium_mg": 31.9, "calcium_mg": None, "note": "ripe"})
    page = phone.get("/").text
    assert 'name="entry" value="1"' in page and "Bananas, raw <span class=\"small\">1 medium</span>" in page
    phone.tap("/again", {"entry": "1"})
    assert rig_db.rows("SELECT id, taken_at, source, food_ndb, description, amount_text, grams, water_ml, sodium_mg, "
                   "potassium_mg, magnesium_mg, calcium_mg, note FROM intake ORDER BY id")[1] == (
        2, NOW_DB, "food", "09040", "Bananas, raw", "1 medium", 118.0, 88.4, 1.2, 422.4, 31.9, None, None)


def test_an_adjustment_remembers_provider_and_region(phone: Any, rig_db: Diary) -> None:
    """An adjustment is stored, and the next page offers the same provider and region."""
    phone.tap("/adjust", {"provider": "Dr. Lee", "region": "lumbar", "when": "1 h ago", "note": ""})
    assert rig_db.rows("SELECT at, provider, region, note FROM adjustment") == [
        ("2026-11-25 08:00:00.000000", "Dr. Lee", "lumbar", None)]
    page = phone.get("/").text
    assert 'name="provider" value="Dr. Lee"' in page and 'name="region" value="lumbar"' in page


def test_recent_triggers_come_first(rig: Rig, phone: Any) -> None:
    """The trigger chips are the patient's own, most used first, then the common ones."""
    for words in (["stairs"], ["stairs", "cold"], ["stairs"]):
        phone.tap("/spasm", [("intensity", "3"), *[("trigger", w) for w in words]])
    page = phone.get("/").text
    chips = [line.split('value="')[1].split('"')[0] for line in page.splitlines() if 'name="trigger" value=' in line]
    assert chips == ["stairs", "cold", "sitting", "lifting", "sleep", "exercise", "stress", "dehydration"]


# --- undo, delete, edit -------------------------------------------------------------------------------


def test_undo_takes_back_what_was_just_saved(phone: Any, rig_db: Diary) -> None:
    """Undo after logging removes that entry (soft delete); a second Undo says it already was."""
    phone.tap("/spasm", {"intensity": "7"})
    response = phone.tap("/undo", {"entry": "1", "action": "add"}, headers=JSON)
    assert response.json() == {"ok": True, "message": "Undone: spasm 7/10, today 10:00 is removed.", "entry": 1,
                               "undo": None}
    assert _entry_rows(rig_db) == [(1, "spasm", NOW_DB)]
    again = phone.tap("/undo", {"entry": "1", "action": "add"}, headers=JSON)
    assert (again.status_code, again.json()["error"]) == (400, "#1 was already undone")


def test_undo_touches_only_its_entry_when_more_came_after(phone: Any, rig_db: Diary) -> None:
    """Undoing an earlier entry after another was logged deletes just that one."""
    phone.tap("/spasm", {"intensity": "7"})
    phone.tap("/water", {"water": "glass"})
    phone.tap("/undo", {"entry": "1", "action": "add"})
    assert _entry_rows(rig_db) == [(1, "spasm", NOW_DB), (2, "intake", None)]


def test_delete_and_its_undo_on_the_today_page(phone: Any, rig_db: Diary) -> None:
    """Delete removes an entry from Today; the Undo in its message brings it back."""
    phone.tap("/spasm", {"intensity": "7"})
    done = phone.tap("/entry/1/delete", {"back": "/today?day=2026-11-25"}, follow_redirects=False)
    assert done.headers["location"] == "/today?day=2026-11-25&done=delete&entry=1"
    page = phone.get(done.headers["location"]).text
    assert "<p>Deleted: spasm 7/10, today 10:00.</p>" in page and "Nothing logged on this day." in page
    assert _entry_rows(rig_db) == [(1, "spasm", NOW_DB)]
    phone.tap("/undo", {"entry": "1", "action": "delete"})
    assert _entry_rows(rig_db) == [(1, "spasm", None)]


def test_editing_a_spasm_changes_only_what_was_changed(phone: Any, rig_db: Diary) -> None:
    """The edit form sends every field; only the changed ones reach the journal, and Undo puts them back."""
    phone.tap("/spasm", {"intensity": "7", "note": "stairs"})
    form = {"day": "2026-11-25", "time": "10:00", "intensity": "5", "site": "calf", "side": "", "duration_text": "",
            "triggers": "", "relieved_by": "", "note": "stairs"}
    response = phone.tap("/entry/1", form, headers=JSON)
    assert response.json()["message"] == 'Changed: spasm 5/10, calf, "stairs", today 10:00.'
    assert rig_db.rows("SELECT intensity, site, note FROM episode") == [(5, "calf", "stairs")]
    assert rig_db.rows("SELECT action, before FROM change ORDER BY id") == [
        ("add", None), ("edit", '{"intensity": 7, "site": null}')]
    unchanged = phone.tap("/entry/1", {**form, "intensity": "5", "site": "calf"}, headers=JSON)
    assert unchanged.status_code == 400 and unchanged.json()["error"].startswith("Nothing was changed")
    phone.tap("/undo", {"entry": "1", "action": "edit"})
    assert rig_db.rows("SELECT intensity, site, note FROM episode") == [(7, None, "stairs")]


def test_an_old_edit_is_not_undone_over_a_newer_change(phone: Any, rig_db: Diary) -> None:
    """Undo of an edit that is no longer the newest change is refused, so a later change is kept."""
    phone.tap("/spasm", {"intensity": "7"})
    phone.tap("/entry/1", {"day": "2026-11-25", "time": "10:00", "intensity": "5"})
    phone.tap("/water", {"water": "glass"})
    response = phone.tap("/undo", {"entry": "1", "action": "edit"}, headers=JSON)
    assert (response.status_code, response.json()["error"]) == (
        400, "#1 was changed again since: change it back on its Edit page")
    assert rig_db.rows("SELECT intensity FROM episode") == [(5,)]


def test_the_edit_page_shows_the_entry_as_it_is(phone: Any) -> None:
    """Edit opens with the entry's own values filled in."""
    phone.tap("/spasm", {"intensity": "6", "site": "neck", "trigger_text": "desk", "duration_text": "2m"})
    page = phone.get("/entry/1").text
    assert '<option value="6" selected>6</option>' in page and '<option value="neck" selected>neck</option>' in page
    assert 'name="triggers" value="desk"' in page and 'name="duration_text" value="2m"' in page
    assert phone.get("/entry/99").status_code == 400


# --- today ---------------------------------------------------------------------------------------


def test_today_shows_the_days_intake_against_the_targets(phone: Any, rig_db: Diary) -> None:
    """Fluid adds up every intake's water; until the day is marked complete it is a total so far, with no
    verdict; marked complete (one tap), the share of the 2,700 ml AI is judged as diary today judges it."""
    phone.tap("/water", {"water": "glass"})
    phone.tap("/water", {"water": "bottle"})
    total = 250 + 500
    share = round(100 * total / 2700)
    page = phone.get("/today").text
    assert f'<span class="amount">{total} ml so far</span> of 2,700 ml (AI)' in page
    assert f'<span class="verdict below">{share}%</span>' in page
    assert "Water, 1 bottle (500 ml) (water 500 ml)" in page
    done = phone.tap("/complete", {"day": "2026-11-25", "back": "/today?day=2026-11-25"}, headers=JSON)
    assert done.json()["message"] == "Saved: Today, all food and drink is logged."
    assert rig_db.rows("SELECT day FROM complete_day") == [("2026-11-25",)]
    page = phone.get("/today").text
    assert f'<span class="amount">{total} ml</span> of 2,700 ml (AI)' in page and f"{share}%, below" in page
    assert "Food and drink: all logged for this day." in page


def test_a_day_with_nothing_eaten_cannot_be_complete(phone: Any, rig_db: Diary) -> None:
    """Marking a day complete with nothing logged is refused (it would count as zero intake)."""
    response = phone.tap("/complete", {"day": "2026-11-24"}, headers=JSON)
    assert response.status_code == 400 and response.json()["error"].startswith(
        "nothing eaten or drunk is logged on 2026-11-24, so it cannot be a complete day")
    assert rig_db.count("complete_day") == 0


def test_an_intakes_amount_is_edited_with_its_nutrients(phone: Any, rig_db: Diary) -> None:
    """Changing how much water was drunk recomputes its fluid; Undo puts the old amount back."""
    phone.tap("/water", {"water": "glass"})
    form = {"day": "2026-11-25", "time": "10:00", "amount": "400ml", "note": ""}
    response = phone.tap("/entry/1", form, headers=JSON)
    assert response.json()["message"] == "Changed: Water, 400 ml (water 400 ml), today 10:00."
    assert rig_db.rows("SELECT amount_text, ml, water_ml FROM intake") == [("400 ml", 400.0, 400.0)]
    phone.tap("/undo", {"entry": "1", "action": "edit"})
    assert rig_db.rows("SELECT amount_text, ml, water_ml FROM intake") == [("1 glass (250 ml)", 250.0, 250.0)]


def test_another_day_is_shown_on_its_own(phone: Any) -> None:
    """Today for yesterday lists only yesterday's entries and offers the way forward."""
    phone.tap("/spasm", {"intensity": "4", "when": "time", "day": "2026-11-24", "time": "09:00"})
    phone.tap("/spasm", {"intensity": "8"})
    page = phone.get("/today?day=2026-11-24").text
    assert "spasm 4/10" in page and "spasm 8/10" not in page
    assert 'href="/today?day=2026-11-25"' in page


# --- the terminal and the page together ------------------------------------------------------------


def test_the_terminal_and_the_page_write_the_same_diary(phone: Any, rig_db: Diary) -> None:
    """Entries from diary spasm and from the page land in one diary, in order."""
    rig_db("spasm", "5", now=NOW.isoformat())
    phone.tap("/spasm", {"intensity": "6"})
    drank = rig_db("drink", "300ml", now=NOW.isoformat())
    assert drank.output == "Logged drink #3: Water, 300 ml (water 300 ml), Wed 25 Nov 10:00.\n", drank.stderr
    assert rig_db.rows("SELECT id, kind FROM entry ORDER BY id") == [(1, "spasm"), (2, "spasm"), (3, "intake")]


def test_a_page_write_waits_for_a_terminal_holding_the_diary(rig: Rig, phone: Any, rig_db: Diary) -> None:
    """While another program holds the write lock, the page's entry waits and then is written."""
    if "://" in rig.location:
        pytest.skip("the SQLite write lock")
    holder = sqlite3.connect(rig.location, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        response = phone.tap("/spasm", {"intensity": "6"}, headers=JSON)
    finally:
        release.join()
        holder.close()
    assert response.json()["ok"] is True and rig_db.count("episode") == 1


def test_a_diary_locked_too_long_answers_503_and_writes_nothing(rig: Rig, phone: Any, rig_db: Diary,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A diary locked past the busy timeout gets one line on the page (503); the entry can be sent again."""
    if "://" in rig.location:
        pytest.skip("the SQLite write lock")
    monkeypatch.setenv("DIARY_BUSY_TIMEOUT", "0.2")
    holder = sqlite3.connect(rig.location, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        response = phone.tap("/spasm", {"intensity": "6"}, headers=JSON)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert response.status_code == 503
    assert response.json()["error"].startswith(f"diary {rig.location} is locked by another program")
    assert rig_db.count("episode") == 0


# --- the report and signing out ------------------------------------------------------------------------


@pytest.mark.slow
def test_the_months_pdf_downloads(rig: Rig, phone: Any) -> None:
    """Report makes the chosen month's PDF and sends it as a download."""
    if "://" in rig.location:
        pytest.skip("one backend is enough for the PDF")
    phone.tap("/spasm", {"intensity": "5", "when": "time", "day": "2026-11-20", "time": "09:00"})
    response = phone.tap("/report", {"month": "2026-11"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'attachment; filename="diary-report-2026-11.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_a_report_of_a_month_not_begun_is_refused(phone: Any) -> None:
    """A month in the future is refused in words."""
    response = phone.tap("/report", {"month": "2026-12"}, headers=JSON)
    assert (response.status_code, response.json()["error"]) == (
        400, "December 2026 has not started yet: nothing to report.")


def test_signing_out_from_the_page(phone: Any, rig_db: Diary) -> None:
    """Sign out revokes this browser and clears its cookie; its next request gets the sign-in page."""
    response = phone.tap("/signout")
    assert "Signed out" in response.text
    assert rig_db.rows("SELECT revoked_at FROM device") == [(NOW_DB,)]
    assert phone.get("/").status_code == 401
