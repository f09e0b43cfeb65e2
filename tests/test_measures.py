"""The measures: impression of change (PGIC), weekly PEG, acute medication and reactions after
an adjustment, logged, validated, listed, edited and undone like every other entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from diary.measures import PGIC_ANSWERS
from tests.helpers import HEAVY_MODULES, Diary, modules_after_command

NOW = "2026-11-25T10:00:00+01:00"


@pytest.fixture(autouse=True)
def berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")


def test_pgic_records_the_answer_and_says_its_words(run: Diary) -> None:
    """diary pgic 2 stores 2 and answers with the scale's words."""
    result = run("pgic", "2", now=NOW)
    assert result.stdout == "Logged impression of change #1: 2, much improved (Wed 25 Nov 10:00).\n"
    assert run.rows("SELECT score FROM pgic") == [(2,)]


@pytest.mark.parametrize(("typed", "score"), [("1", 1), ("no change", 4), ("Very much worse", 7), (" 5 ", 5)])
def test_pgic_takes_the_number_or_the_words(run: Diary, typed: str, score: int) -> None:
    """An answer is its number or its words, in any case."""
    assert run("pgic", typed, now=NOW).exit_code == 0
    assert run.rows("SELECT score FROM pgic") == [(score,)]


@pytest.mark.parametrize("typed", ["0", "8", "better", "2.5", "-1"])
def test_pgic_refuses_what_is_not_an_answer(run: Diary, typed: str) -> None:
    """Outside 1-7 is one line, exit 2, nothing written."""
    result = run("pgic", "--", typed, now=NOW)
    assert result.exit_code == 2
    assert f"impression {typed!r} is not an answer: use 1 (very much improved) to 7 (very much worse)" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert run.count("entry") == 0


def test_pgic_help_prints_the_question_and_the_seven_answers() -> None:
    """--help carries the question and all seven answers word for word, numbered."""
    from click.testing import CliRunner

    from diary.cli import cli

    text = CliRunner().invoke(cli, ["pgic", "--help"]).stdout
    assert "Since care began, my overall status is:" in text
    for i, answer in enumerate(PGIC_ANSWERS, 1):
        assert f"  {i}  {answer}\n" in text


def test_adjust_reminds_about_pgic_once_a_week_at_most(run: Diary) -> None:
    """The first adjustment reminds; another within 7 days does not; after 7 days without an answer it does."""
    first = run("adjust", now="2026-11-10T10:00:00+01:00")
    assert first.stdout.splitlines()[1].startswith("How are things since care began? diary pgic 1-7")
    second = run("adjust", now="2026-11-13T10:00:00+01:00")
    assert len(second.stdout.splitlines()) == 1
    third = run("adjust", now="2026-11-21T10:00:00+01:00")
    assert len(third.stdout.splitlines()) == 2


def _reminds(result: object) -> bool:
    lines = result.stdout.splitlines()  # type: ignore[attr-defined]
    return any(line.startswith("How are things since care began? diary pgic 1-7") for line in lines)


def test_weekly_visits_remind_at_each_visit_until_an_answer(run: Diary) -> None:
    """Six weekly visits (Mondays, one at 09:30 after a 10:00): with no answer each one reminds (the old rule
    reminded at the first only, as a visit fell in every 7 days before); an answer on Wed 25 Nov silences the
    visit of 30 Nov (5 days later) and the visits from 7 Dec (12 days later) remind again."""
    visits = ["2026-11-02T10:00", "2026-11-09T10:00", "2026-11-16T09:30", "2026-11-23T10:00", "2026-11-30T10:00",
              "2026-12-07T10:00", "2026-12-14T10:00"]
    said = []
    for when in visits:
        if when.startswith("2026-11-30"):
            run("pgic", "3", now="2026-11-25T18:00:00+01:00")
        said.append(_reminds(run("adjust", now=when + ":00+01:00")))
    assert said == [True, True, True, True, False, True, True]


def test_visits_twice_a_week_remind_once_a_week(run: Diary) -> None:
    """Mondays and Thursdays over three weeks, no answer: the Monday visits remind, the Thursday ones (3 days
    after a reminder) do not."""
    said = [_reminds(run("adjust", now=f"2026-11-{day:02d}T10:00:00+01:00")) for day in (2, 5, 9, 12, 16, 19)]
    assert said == [True, False, True, False, True, False]


def test_a_visit_typed_in_weeks_later_does_not_remind(run: Diary) -> None:
    """Logging an old visit after the fact asks nothing about how things are now."""
    assert len(run("adjust", "--at", "2026-11-03 10:00", now=NOW).stdout.splitlines()) == 1


def test_adjust_does_not_remind_when_an_answer_was_given_this_week(run: Diary) -> None:
    """A PGIC in the 7 days before the visit means no reminder."""
    run("pgic", "3", "--at", "2026-11-20 09:00", now=NOW)
    assert len(run("adjust", "--at", "2026-11-24 10:00", now=NOW).stdout.splitlines()) == 1


def test_peg_records_three_items_and_their_mean(run: Diary) -> None:
    """diary peg 6 5 4 stores the three items and reports the score 5.0."""
    result = run("peg", "6", "5", "4", now=NOW)
    assert result.stdout == "Logged PEG #1: score 5.0 (pain 6, enjoyment 5, activity 4), Wed 25 Nov 10:00.\n"
    assert run.rows("SELECT pain, enjoyment, activity FROM peg") == [(6, 5, 4)]


@pytest.mark.parametrize(("args", "message"), [
    (["6", "5"], "2 answers given; the PEG has three"),
    (["6", "5", "11"], "activity '11' is not on the scale: use a whole number from 0 to 10"),
    (["6", "x", "1"], "enjoyment 'x' is not on the scale"),
])
def test_peg_refuses_bad_answers(run: Diary, args: list[str], message: str) -> None:
    """A missing or out-of-scale item is one line, exit 2, nothing written."""
    result = run("peg", *args, now=NOW)
    assert result.exit_code == 2
    assert message in result.stderr
    assert run.count("entry") == 0


def test_a_second_peg_in_a_week_is_refused_without_a_terminal_and_replaced_with_replace(run: Diary) -> None:
    """Weekly: a second PEG within 7 days is refused (exit 2) unless --replace, which deletes the first;
    one undo brings the first back."""
    run("peg", "6", "5", "4", "--at", "2026-11-20 10:00", now=NOW)
    refused = run("peg", "3", "3", "3", now=NOW)
    assert refused.exit_code == 2
    assert "a PEG (#1) was already given in the 7 days before; it is weekly: add --replace" in refused.stderr
    assert run.count("peg") == 1
    replaced = run("peg", "3", "3", "3", "--replace", now=NOW)
    assert replaced.exit_code == 0
    assert run.rows("SELECT p.id, e.deleted_at IS NOT NULL FROM peg p JOIN entry e ON e.id = p.id ORDER BY p.id") == [
        (1, 1), (2, 0)]
    run("undo", now=NOW)
    assert run.rows("SELECT p.id, e.deleted_at IS NOT NULL FROM peg p JOIN entry e ON e.id = p.id ORDER BY p.id") == [
        (1, 0), (2, 1)]


def test_peg_alone_asks_the_three_questions_in_a_terminal(run: Diary, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a terminal, diary peg asks each question in turn and stores the answers."""
    monkeypatch.setenv("DIARY_INTERACTIVE", "1")
    result = run("peg", now=NOW, input="7\n6\n5\n")
    assert "What number best describes your pain on average in the past week?" in result.stdout
    assert "interfered with your general activity?" in result.stdout
    assert run.rows("SELECT pain, enjoyment, activity FROM peg") == [(7, 6, 5)]


def test_peg_alone_without_a_terminal_is_a_usage_error(run: Diary) -> None:
    """Without a terminal nothing can be asked: one line, exit 2."""
    result = run("peg", now=NOW)
    assert result.exit_code == 2
    assert "give the three answers, like diary peg 6 5 4" in result.stderr


def test_med_records_name_and_dose(run: Diary) -> None:
    """diary med ibuprofen 400mg splits the name from the dose; a name alone has no dose."""
    run("med", "ibuprofen", "400mg", now=NOW)
    run("med", "muscle relaxant", now=NOW)
    run("med", "Ibuprofen", "200", "mg", now=NOW)
    assert run.rows("SELECT name, dose FROM medication ORDER BY id") == [
        ("ibuprofen", "400mg"), ("muscle relaxant", None), ("ibuprofen", "200 mg")]


def test_med_suggests_a_close_name_used_before_without_merging(run: Diary) -> None:
    """A name close to one used before is kept as typed, with a note naming the known one."""
    run("med", "ibuprofen", now=NOW)
    result = run("med", "ibuprofin", now=NOW)
    assert result.stdout.splitlines()[1] == ("Note: you logged 'ibuprofen' before; if this is the same, "
                                             "diary edit 2 --name ibuprofen.")
    assert run.rows("SELECT name FROM medication ORDER BY id") == [("ibuprofen",), ("ibuprofin",)]


def test_reaction_needs_an_adjustment_in_the_72_hours_before(run: Diary) -> None:
    """A reaction is tied to the visit before it; without one in 72 h it is refused and nothing written."""
    refused = run("reaction", "soreness", "4", now=NOW)
    assert refused.exit_code == 2
    assert "no adjustment was logged in the 72 h before this reaction" in refused.stderr
    run("adjust", "--at", "2026-11-23 16:00", now=NOW)
    done = run("reaction", "numb", "3", "--at", "yesterday 20:00", now=NOW)
    assert done.stdout == ("Logged reaction #2: tingling 3/10, Tue 24 Nov 20:00 (after the adjustment #1 of "
                           "Mon 23 Nov 16:00).\n")
    assert run.rows("SELECT symptom, intensity FROM reaction") == [("tingling", 3)]


@pytest.mark.parametrize(("args", "message"), [
    (["itchy", "3"], "reaction 'itchy' is not one of soreness, stiffness, headache"),
    (["headach", "3"], "did you mean headache?"),
    (["soreness", "11"], "intensity '11' is not on the scale"),
    (["other", "3"], "say what the other reaction was with --note"),
])
def test_reaction_refuses_bad_input(run: Diary, args: list[str], message: str) -> None:
    """An unknown kind, an intensity off the scale, or other without a note: one line, nothing written."""
    run("adjust", "--at", "2026-11-24 16:00", now=NOW)
    result = run("reaction", *args, now=NOW)
    assert result.exit_code == 2
    assert message in result.stderr
    assert run.count("reaction") == 0


def test_measures_are_listed_edited_deleted_and_undone(run: Diary) -> None:
    """list shows each measure in words; edit, delete, undo and restore work on them."""
    run("pgic", "3", now=NOW)
    run("peg", "6", "5", "4", now=NOW)
    run("med", "ibuprofen", "400mg", now=NOW)
    listing = run("list", now=NOW).stdout
    assert "pgic       impression of change 3, minimally improved" in listing
    assert "peg        PEG 5.0 (pain 6, enjoyment 5, activity 4)" in listing
    assert "medication ibuprofen 400mg" in listing
    edited = run("edit", "1", "--score", "2", now=NOW)
    assert "impression of change 2, much improved" in edited.stdout
    refused = run("edit", "2", "--score", "2", now=NOW)
    assert refused.exit_code == 2 and "which has no --score" in refused.stderr
    run("edit", "3", "--name", "naproxen", now=NOW)
    assert run.rows("SELECT name FROM medication") == [("naproxen",)]
    run("undo", now=NOW)
    assert run.rows("SELECT name FROM medication") == [("ibuprofen",)]
    run("delete", "2", now=NOW)
    run("restore", "2", now=NOW)
    assert run.rows("SELECT deleted_at FROM entry WHERE id = 2") == [(None,)]


@pytest.mark.parametrize("command", [["pgic", "2"], ["peg", "6", "5", "4"], ["med", "ibuprofen", "400mg"]])
def test_measures_stay_on_the_light_logging_path(tmp_path: Path, command: list[str]) -> None:
    """Logging a measure imports nothing heavy (no pandas, numpy, scipy, matplotlib, sqlalchemy, alembic)."""
    db = tmp_path / "d.db"
    modules_after_command(db, ["spasm", "3"])  # the diary exists, so the fast path applies
    code, loaded, stderr = modules_after_command(db, command)
    assert (code, stderr) == (0, "")
    assert not loaded & set(HEAVY_MODULES)


def test_a_measure_s_guessed_time_is_said_and_a_day_alone_refused(run: Diary) -> None:
    """Times not given to the minute are said as guesses; a day without a time is refused, nothing written."""
    said = run("med", "ibuprofen", "--at", "last night", now=NOW)
    assert said.stdout == "Logged medication #1: ibuprofen, Tue 24 Nov 23:00 (last night, taken as 23:00).\n"
    refused = run("pgic", "2", "--at", "yesterday", now=NOW)
    assert refused.exit_code == 2
    assert run.count("pgic") == 0
