"""Looking back and fixing: list, edit, delete, undo, today and the profile."""

from __future__ import annotations

import pytest

from tests.helpers import Diary

NOW = "2026-11-25T10:00:00+01:00"


@pytest.fixture
def filled(run: Diary) -> Diary:
    """A diary with a spasm, a drink, an adjustment and a quiet day."""
    run("spasm", "6", "--site", "calf", "--for", "90s", "--trigger", "sleep", "--at", "yesterday 21:30", now=NOW)
    run("drink", "300ml", "--at", "09:00", now=NOW)
    run("adjust", "--by", "Dr. Lee", "--at", "2026-11-20 15:00", now=NOW)
    run("quiet", "2026-11-22", now=NOW)
    return run


def test_list_shows_ids_oldest_first(filled: Diary) -> None:
    """`diary list` shows the last 7 days with ids, in time order."""
    result = filled("list", now=NOW)
    assert result.stdout.splitlines() == [
        "#3     Fri 20 Nov 15:00   adjustment adjustment, by Dr. Lee",
        "#4     Sun 22 Nov (day)   quiet      no spasms this day",
        "#1     Tue 24 Nov 21:30   spasm      6/10, calf, 1m30s, trigger sleep",
        "#2     Wed 25 Nov 09:00   intake     Water, 300 ml (water 300 ml)",
    ]


def test_list_filters_by_kind_and_days(filled: Diary) -> None:
    """--kind and --since/--until narrow the list."""
    result = filled("list", "--kind", "spasm", "--kind", "quiet", "--since", "2026-11-22", "--until", "2026-11-24",
                    now=NOW)
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["#4", "#1"]


def test_edit_changes_only_the_given_fields(filled: Diary) -> None:
    """`diary edit 1 --intensity 5` changes the intensity and keeps everything else."""
    result = filled("edit", "1", "--intensity", "5", now=NOW)
    assert result.stdout == "Changed #1     Tue 24 Nov 21:30   spasm      5/10, calf, 1m30s, trigger sleep\n"
    assert filled.rows("SELECT intensity, duration_s, site FROM episode WHERE id = 1") == [(5, 90, "calf")]


def test_edit_refuses_a_field_the_entry_does_not_have(filled: Diary) -> None:
    """An adjustment has no intensity: the edit is refused naming the options it does have, nothing changes."""
    before = filled.rows("SELECT * FROM change")
    result = filled("edit", "3", "--intensity", "5", now=NOW)
    assert result.exit_code == 2
    assert result.stderr == ("Error: #3 is an adjustment entry, which has no --intensity; it can change --at, --by, "
                             "--note, --region (see 'diary edit --help')\n")
    assert filled.rows("SELECT * FROM change") == before


def test_edit_can_forget_a_duration(filled: Diary) -> None:
    """`--for unknown` sets a duration back to unknown (NULL), not zero."""
    filled("edit", "1", "--for", "unknown", now=NOW)
    assert filled.rows("SELECT duration_s FROM episode WHERE id = 1") == [(None,)]


def test_notes_are_trimmed_empty_is_none_and_multiline_lists_on_one_line(run: Diary) -> None:
    """An empty note is stored as none, and a note with line breaks stays on one list line."""
    run("spasm", "4", "--note", "  ", now=NOW)
    run("spasm", "5", "--note", "first line\nsecond line", now=NOW)
    assert run.rows("SELECT note FROM episode ORDER BY id") == [(None,), ("first line\nsecond line",)]
    lines = run("list", now=NOW).stdout.splitlines()
    assert lines[-1].endswith('5/10, "first line / second line"')


def test_a_note_over_2000_characters_is_refused(run: Diary) -> None:
    """A note longer than 2,000 characters is one line, exit 2, nothing written."""
    result = run("spasm", "4", "--note", "x" * 2500, now=NOW)
    assert (result.exit_code, result.stderr) == (
        2, "Error: Invalid value for --note: note is 2,500 characters long: keep it under 2,000 "
           "(see 'diary spasm --help')\n")
    assert run.count("episode") == 0


def test_delete_then_undo_restores_the_entry(filled: Diary) -> None:
    """A delete is soft: the row stays, `undo` brings it back, and list shows it again."""
    deleted = filled("delete", "1", now=NOW)
    assert deleted.stdout.splitlines()[1] == "(diary undo, or diary restore 1, brings it back)"
    assert filled.rows("SELECT deleted_at IS NOT NULL FROM entry WHERE id = 1") == [(1,)]
    assert "#1 " not in filled("list", now=NOW).stdout
    undone = filled("undo", now=NOW)
    assert undone.stdout.startswith("Restored: #1 ")
    assert filled.rows("SELECT deleted_at FROM entry WHERE id = 1") == [(None,)]


def test_undo_reverses_an_edit_including_triggers(filled: Diary) -> None:
    """Undo after an edit puts back the previous values and triggers."""
    filled("edit", "1", "--intensity", "2", "--trigger", "cold", "--at", "yesterday 20:00", now=NOW)
    result = filled("undo", now=NOW)
    assert result.stdout == "Put back: #1     Tue 24 Nov 21:30   spasm      6/10, calf, 1m30s, trigger sleep\n"
    assert filled.rows("SELECT intensity, started_at FROM episode WHERE id = 1") == [(6, "2026-11-24 20:30:00.000000")]


def test_undo_removes_the_newest_entry_and_walks_back(filled: Diary) -> None:
    """Undo twice removes the quiet mark, then the adjustment; a third finds the drink."""
    assert filled("undo", now=NOW).stdout.startswith("Removed the new entry: #4 ")
    assert filled("undo", now=NOW).stdout.startswith("Removed the new entry: #3 ")
    assert filled.rows("SELECT id FROM entry WHERE deleted_at IS NULL ORDER BY id") == [(1,), (2,)]


def test_undo_with_nothing_left_is_one_line(run: Diary) -> None:
    """Undo on an empty diary says so, exit 1."""
    run("list", now=NOW)
    result = run("undo", now=NOW)
    assert (result.exit_code, result.stderr) == (1, "Error: nothing to undo\n")


@pytest.mark.parametrize("command", [["edit", "99", "--intensity", "3"], ["delete", "99"]])
def test_unknown_entry_id_is_exit_1_and_changes_nothing(filled: Diary, command: list[str]) -> None:
    """An id that names no entry is one line, exit 1, and the diary is unchanged."""
    before = filled.rows("SELECT * FROM change")
    result = filled(*command, now=NOW)
    assert (result.exit_code, result.stderr) == (1, "Error: no entry #99: see diary list for the ids\n")
    assert filled.rows("SELECT * FROM change") == before


def test_deleting_twice_says_it_is_deleted(filled: Diary) -> None:
    """A deleted entry cannot be deleted again; the message says how to restore it."""
    filled("delete", "2", now=NOW)
    result = filled("delete", "2", now=NOW)
    assert (result.exit_code, result.stderr) == (1, "Error: entry #2 is deleted (diary restore 2 brings it back)\n")


def test_restore_brings_back_an_entry_that_undo_walked_past(run: Diary) -> None:
    """Undo past an add deletes the entry; `diary restore ID` brings it back, and undo deletes it again."""
    run("spasm", "5", now=NOW)
    run("spasm", "6", now=NOW)
    run("undo", now=NOW)
    run("undo", now=NOW)
    assert run("undo", now=NOW).stderr == "Error: nothing to undo\n"
    result = run("restore", "1", now=NOW)
    assert result.stdout == "Restored #1     Wed 25 Nov 10:00   spasm      5/10\n"
    assert run.rows("SELECT id FROM entry WHERE deleted_at IS NULL") == [(1,)]
    assert run.rows("SELECT action FROM change ORDER BY id DESC LIMIT 1") == [("restore",)]
    assert run("undo", now=NOW).stdout.startswith("Deleted again: #1 ")
    assert run.rows("SELECT id FROM entry WHERE deleted_at IS NULL") == []


def test_restore_of_a_live_entry_is_refused(run: Diary) -> None:
    """Restoring an entry that is not deleted says so, exit 2, and journals nothing."""
    run("spasm", "5", now=NOW)
    result = run("restore", "1", now=NOW)
    assert (result.exit_code, result.stderr) == (2, "Error: entry #1 is not deleted: nothing to restore\n")
    assert run.count("change") == 1


def test_today_lists_the_day_and_totals_fluid(filled: Diary) -> None:
    """`diary today` shows today's entries and the fluid drunk."""
    result = filled("today", now=NOW)
    assert "#2     Wed 25 Nov 09:00   intake     Water, 300 ml (water 300 ml)" in result.stdout
    assert "Fluid: 300 ml" in result.stdout


def test_profile_saves_and_changes_the_timezone_of_times(run: Diary) -> None:
    """A profile timezone decides how typed times are read: 21:30 in New York is 02:30 UTC next day."""
    saved = run("profile", "--sex", "female", "--born", "1979", "--timezone", "America/New_York",
                "--name", "A. Patient", now=NOW)
    assert saved.stdout.splitlines()[:4] == ["Profile saved.", "name:          A. Patient", "sex:           female",
                                             "born:          1979"]
    run("spasm", "5", "--at", "yesterday 21:30", now=NOW)
    assert run.rows("SELECT started_at FROM episode") == [("2026-11-25 02:30:00.000000",)]


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["--timezone", "Mars/Olympus"], "Error: Invalid value for --timezone: unknown timezone 'Mars/Olympus': use "
                                         "an IANA name like Europe/Berlin or America/New_York "
                                         "(see 'diary profile --help')\n"),
        (["--born", "1850"], "Error: Invalid value for '--born': 1850 is not in the range 1900<=x<=2100. "
                             "(see 'diary profile --help')\n"),
        (["--sex", "x"], "Error: Invalid value for '--sex': 'x' is not one of 'female', 'male'. "
                         "(see 'diary profile --help')\n"),
    ],
)
def test_profile_refuses_bad_values(run: Diary, args: list[str], stderr: str) -> None:
    """Bad profile values are one line, exit 2, and no profile row is written."""
    result = run("profile", *args, now=NOW)
    assert (result.exit_code, result.stderr) == (2, stderr)
    assert run.count("profile") == 0


@pytest.mark.parametrize("command", [["list"], ["today"], ["undo"], ["profile"]])
def test_reading_commands_do_not_create_a_diary(run_sqlite: Diary, command: list[str]) -> None:
    """Looking at a diary that does not exist yet answers from an empty one and makes no file."""
    from pathlib import Path

    result = run_sqlite(*command, now=NOW)
    assert not Path(run_sqlite.location).exists()
    assert "Made a new diary" not in result.stderr


# --- issue 15: quick fixes -----------------------------------------------------------------------------------


def test_edit_last_changes_the_entry_logged_last(filled: Diary) -> None:
    """`diary edit last` edits the newest entry (here a spasm logged after the fixture's entries)."""
    filled("spasm", "3", "neck", now=NOW)
    result = filled("edit", "last", "--intensity", "5", now=NOW)
    assert result.stdout == "Changed #5     Wed 25 Nov 10:00   spasm      5/10, neck\n"
    assert filled.rows("SELECT id, intensity FROM episode ORDER BY id") == [(1, 6), (5, 5)]


def test_edit_last_of_another_kind_names_the_last_entry_that_fits(filled: Diary) -> None:
    """When the last entry cannot take the option, nothing changes and the last one that can is named."""
    before = filled.rows("SELECT * FROM change")
    result = filled("edit", "last", "--intensity", "5", now=NOW)
    assert (result.exit_code, result.stderr) == (
        2, "Error: #4 is a quiet entry, which has no --intensity; it can change --note (the last spasm is #1: "
           "diary edit 1 ...) (see 'diary edit --help')\n")
    assert filled.rows("SELECT * FROM change") == before


def test_delete_last_deletes_the_entry_logged_last(filled: Diary) -> None:
    """`diary delete last` soft-deletes the newest entry and says which it was."""
    result = filled("delete", "last", now=NOW)
    assert result.stdout == ("Deleted #4     Sun 22 Nov (day)   quiet      no spasms this day\n"
                             "(diary undo, or diary restore 4, brings it back)\n")
    assert filled.rows("SELECT id FROM entry WHERE deleted_at IS NOT NULL") == [(4,)]


@pytest.mark.parametrize("command", [["edit", "last", "--note", "x"], ["delete", "last"]])
def test_last_in_an_empty_diary_is_one_line(run: Diary, command: list[str]) -> None:
    """`last` with nothing logged is exit 1 and one line."""
    run("list", now=NOW)
    result = run(*command, now=NOW)
    assert (result.exit_code, result.stderr) == (1, "Error: no entry yet: nothing is the last one\n")


def test_an_id_that_is_not_a_number_is_refused(filled: Diary) -> None:
    """An ID that is neither a number nor `last` is a usage error naming both."""
    result = filled("delete", "first", now=NOW)
    assert (result.exit_code, result.stderr) == (
        2, "Error: Invalid value for ID: 'first' is not an entry id: use a number from diary list, or last "
           "(see 'diary delete --help')\n")


def test_add_trigger_keeps_the_others_and_undo_takes_it_back(filled: Diary) -> None:
    """`--add-trigger cold` adds to the spasm's triggers instead of replacing them; undo restores the old list."""
    result = filled("edit", "1", "--add-trigger", "cold, stress", now=NOW)
    assert result.stdout == ("Changed #1     Tue 24 Nov 21:30   spasm      6/10, calf, 1m30s, "
                             "trigger cold, sleep, stress\n")
    filled("undo", now=NOW)
    assert filled.rows("SELECT t.name FROM episode_trigger et JOIN trigger t ON t.id = et.trigger_id") == [("sleep",)]


def test_replacing_and_adding_triggers_at_once_is_refused(filled: Diary) -> None:
    """--trigger (replace) with --add-trigger (add) is ambiguous and refused."""
    result = filled("edit", "1", "--trigger", "cold", "--add-trigger", "stress", now=NOW)
    assert (result.exit_code, result.stderr) == (
        2, "Error: use one of --trigger (replaces), --add-trigger (adds) or --no-triggers (see 'diary edit --help')\n")


def test_edit_can_make_a_duration_an_estimate_and_undo_puts_it_back(filled: Diary) -> None:
    """`--for "about 3 min"` stores 180 s marked approximate; undo restores the exact 90 s."""
    result = filled("edit", "1", "--for", "about 3 min", now=NOW)
    assert result.stdout == "Changed #1     Tue 24 Nov 21:30   spasm      6/10, calf, about 3 min, trigger sleep\n"
    assert [(s, bool(a)) for s, a in filled.rows("SELECT duration_s, duration_approximate FROM episode")] == [
        (180, True)]
    filled("undo", now=NOW)
    assert [(s, bool(a)) for s, a in filled.rows("SELECT duration_s, duration_approximate FROM episode")] == [
        (90, False)]


def test_edit_keeps_every_region_and_says_a_guessed_time(filled: Diary) -> None:
    """An adjustment's regions are all kept; a new time that was a guess is said."""
    result = filled("edit", "3", "--region", "lumbar", "--region", "pelvis", "--at", "friday afternoon", now=NOW)
    assert result.stdout == ("Changed #3     Fri 20 Nov 15:00   adjustment adjustment, region lumbar, pelvis, "
                             "by Dr. Lee  (friday afternoon, taken as 15:00)\n")
    assert filled.rows("SELECT region FROM adjustment") == [("lumbar, pelvis",)]


def test_edit_names_the_fix_for_a_note_without_quotes(filled: Diary) -> None:
    """`edit 1 --note it hurt` is refused with the quoted form, nothing changed."""
    result = filled("edit", "1", "--note", "it", "hurt", now=NOW)
    assert (result.exit_code, result.stderr) == (
        2, "Error: put the note in quotes: --note \"it hurt\" (see 'diary edit --help')\n")
    assert filled.rows("SELECT note FROM episode") == [(None,)]


@pytest.mark.parametrize(
    ("kinds", "ids"),
    [(["drink"], ["#2"]), (["food"], ["#5"]), (["foods", "drinks"], ["#2", "#5"]), (["intake"], ["#2", "#5"]),
     (["cramps"], ["#1"]), (["visit"], ["#3"]), (["quiet-days"], ["#4"]), (["Spasm", "quiet"], ["#4", "#1"]),
     (["meds"], ["#6"])],
)
def test_list_kind_takes_the_words_the_commands_use(filled: Diary, kinds: list[str], ids: list[str]) -> None:
    """--kind accepts kind names and the commands' words; food and drink split the intakes (a drink has a volume)."""
    filled("eat", "banana", "--at", "09:30", now=NOW)
    filled("med", "ibuprofen", "400mg", "--at", "09:40", now=NOW)
    args = [a for k in kinds for a in ("--kind", k)]
    assert [line.split()[0] for line in filled("list", *args, now=NOW).stdout.splitlines()] == ids


def test_list_kind_names_the_words_it_takes(filled: Diary) -> None:
    """An unknown kind lists what is accepted."""
    result = filled("list", "--kind", "naps", now=NOW)
    assert (result.exit_code, result.stderr) == (
        2, "Error: Invalid value for --kind: unknown kind 'naps': use spasm, intake, adjustment, quiet, pgic, peg, "
           "medication, reaction, complete, drink, eat, food, meal, supplement, water (see 'diary list --help')\n")


def test_list_since_takes_the_same_words_as_times(filled: Diary) -> None:
    """--since 'a week ago' and --until 'last tuesday' are days."""
    result = filled("list", "--since", "a week ago", "--until", "last tuesday", now=NOW)
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["#3", "#4", "#1"]
