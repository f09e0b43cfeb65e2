"""The logging commands as a patient uses them: spasm, drink (water), adjust, quiet."""

from __future__ import annotations

import pytest

from diary.parse import TIME_HELP
from tests.helpers import Diary

NOW = "2026-11-25T10:00:00+01:00"  # Wednesday, Berlin


def test_spasm_with_every_option_is_stored_as_typed(run: Diary) -> None:
    """A full spasm line stores intensity, UTC start, duration, site, side, triggers and note."""
    result = run("spasm", "6", "--site", "lower-back", "--side", "left", "--for", "5m", "--trigger", "lifting",
                 "--trigger", "Cold", "--relieved-by", "stretching", "--note", "woke me up",
                 "--at", "yesterday 21:30", now=NOW)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Logged spasm #1: 6/10, lower-back left, 5m, trigger cold, lifting, relieved by stretching, "
        '"woke me up", Tue 24 Nov 21:30.\n'
    )
    assert run.rows("SELECT started_at, intensity, duration_s, site, side, relieved_by, note FROM episode") == [
        ("2026-11-24 20:30:00.000000", 6, 300, "lower-back", "left", "stretching", "woke me up")
    ]
    assert run.rows("SELECT t.name FROM trigger t JOIN episode_trigger et ON et.trigger_id = t.id ORDER BY 1") == [
        ("cold",), ("lifting",)
    ]
    assert run.rows("SELECT kind, created_at FROM entry") == [("spasm", "2026-11-25 09:00:00.000000")]


def test_spasm_with_only_intensity_is_now_with_unknown_duration(run: Diary) -> None:
    """`diary spasm 7` is an episode now, with no duration (unknown, not zero) and no site."""
    result = run("spasm", "7", now=NOW)
    assert result.stdout == "Logged spasm #1: 7/10, Wed 25 Nov 10:00.\n"
    assert run.rows("SELECT started_at, intensity, duration_s, site FROM episode") == [
        ("2026-11-25 09:00:00.000000", 7, None, None)
    ]


def test_triggers_are_reused_across_episodes(run: Diary) -> None:
    """The same trigger word on two episodes is one trigger row used twice."""
    run("spasm", "5", "--trigger", "sitting", now=NOW)
    run("spasm", "4", "--trigger", "sitting", now=NOW)
    assert run.count("trigger") == 1
    assert run.count("episode_trigger") == 2


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["spasm", "11"], "Error: Invalid value for INTENSITY: intensity 11 is out of range: use a whole number "
                          "from 0 (no pain) to 10 (worst imaginable) (see 'diary spasm --help')\n"),
        (["spasm", "7", "--at", "23:00"], "Error: Invalid value for --at: time '23:00' is in the future (for last "
                                           f"night say 'yesterday 23:00'): {TIME_HELP} (see 'diary spasm --help')\n"),
        (["spasm", "7", "--for", "-5m"], "Error: Invalid value for --for: duration '-5m' is negative: use a number "
                                          "with a unit, like 90s, 5m, 2 min, 1h30m, 'about 5 min' or '5-10 min' "
                                          "(see 'diary spasm --help')\n"),
        (["spasm", "7", "--for", "ages"], "Error: Invalid value for --for: duration 'ages' not understood: use a "
                                           "number with a unit, like 90s, 5m, 2 min, 1h30m, 'about 5 min' or "
                                           "'5-10 min' (see 'diary spasm --help')\n"),
        (["spasm", "7", "--site", "lowr-back"], "Error: Invalid value for --site: unknown site 'lowr-back': did you "
                                                 "mean lower-back? use one of neck, upper-back, mid-back, lower-back, "
                                                 "shoulder, arm, hand, hip, glute, thigh, hamstring, calf, foot, "
                                                 "abdomen, other (see 'diary spasm --help')\n"),
        (["spasm"], "Error: Missing argument 'INTENSITY'. (see 'diary spasm --help')\n"),
        (["adjust", "--at", "next week"], "Error: Invalid value for --at: time 'next week' is in the future (read as "
                                           f"Wed 2 Dec): {TIME_HELP} (see 'diary adjust --help')\n"),
        (["quiet", "2026-12-01"], "Error: Invalid value for DAYS: day '2026-12-01' is in the future: use today, "
                                   "yesterday, a weekday, 'N days ago' or an ISO date like 2026-11-03 "
                                   "(see 'diary quiet --help')\n"),
        (["spasm", "-1"], "Error: Invalid value for INTENSITY: intensity -1 is out of range: use a whole number "
                          "from 0 (no pain) to 10 (worst imaginable) (see 'diary spasm --help')\n"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(run: Diary, args: list[str], stderr: str) -> None:
    """Bad typed input gets one line naming the value and what is allowed, exit 2, and no rows."""
    run("spasm", "3", now=NOW)  # an existing diary, so "nothing written" is a real claim
    before = {t: run.count(t) for t in ("entry", "episode", "intake", "adjustment", "quiet_day", "change")}
    result = run(*args, now=NOW)
    assert result.exit_code == 2
    assert result.stderr == stderr
    assert result.stdout == ""
    assert {t: run.count(t) for t in before} == before


def test_bad_input_on_a_new_diary_does_not_create_the_file(run_sqlite: Diary) -> None:
    """A refused first command leaves no diary file behind."""
    from pathlib import Path

    result = run_sqlite("spasm", "12", now=NOW)
    assert result.exit_code == 2
    assert not Path(run_sqlite.location).exists()


def test_drink_logs_water_by_volume(run: Diary) -> None:
    """`diary drink 500ml` is 500 ml of fluid; plain water's minerals are not counted."""
    result = run("drink", "0.5l", "--at", "08:00", now=NOW)
    assert result.stdout == "Logged drink #1: Water, 0.5 l (water 500 ml), Wed 25 Nov 08:00.\n"
    assert run.rows("SELECT source, ml, water_ml, sodium_mg, amount_text FROM intake") == [
        ("water", 500.0, 500.0, 0.0, "0.5 l")
    ]


def test_adjust_records_provider_region_and_time(run: Diary) -> None:
    """An adjustment keeps who, where and when (stored in UTC)."""
    result = run("adjust", "--by", "Dr. Lee", "--region", "lumbar", "--at", "2026-11-03 10:00", now=NOW)
    assert result.stdout == "Logged adjustment #1: adjustment, region lumbar, by Dr. Lee, Tue 3 Nov 10:00.\n"
    assert run.rows("SELECT at, provider, region FROM adjustment") == [
        ("2026-11-03 09:00:00.000000", "Dr. Lee", "lumbar")]


def test_quiet_marks_a_day_once(run: Diary) -> None:
    """Marking a day quiet twice keeps one mark and says nothing changed."""
    first = run("quiet", "yesterday", now=NOW)
    second = run("quiet", "2026-11-24", now=NOW)
    assert first.stdout == "Marked Tue 24 Nov 2026 as a day without spasms (#1).\n"
    assert second.stdout == "Tue 24 Nov 2026 was already marked as a day without spasms (#1); nothing changed.\n"
    assert run.rows("SELECT day FROM quiet_day") == [("2026-11-24",)]


def test_quiet_is_refused_on_a_day_with_spasms(run: Diary) -> None:
    """A day with a spasm logged cannot be marked quiet (exit 2, nothing written)."""
    run("spasm", "5", "--at", "yesterday 23:30", now=NOW)
    result = run("quiet", "yesterday", now=NOW)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: 2026-11-24 has 1 spasm logged, so it cannot be a quiet day")
    assert run.count("quiet_day") == 0


def test_spasm_on_a_quiet_day_removes_the_mark_and_undo_takes_both_back(run: Diary) -> None:
    """A spasm on a day marked quiet removes the mark (a day cannot be both); one undo takes back the
    spasm and puts the mark back, and says so."""
    run("quiet", "yesterday", now=NOW)
    result = run("spasm", "4", "--at", "yesterday 09:00", now=NOW)
    assert result.stdout.splitlines()[1] == "Removed the quiet mark #1 of Tue 24 Nov, since it had a spasm after all."
    assert run.rows("SELECT id, deleted_at IS NOT NULL FROM entry ORDER BY id") == [(1, 1), (2, 0)]
    undone = run("undo", now=NOW)
    assert undone.stdout.splitlines()[1:] == ["Put back the quiet mark #1 of Tue 24 Nov."]
    assert run.rows("SELECT id, deleted_at IS NOT NULL FROM entry ORDER BY id") == [(1, 0), (2, 1)]
    again = run("undo", now=NOW)
    assert again.stdout.startswith("Removed the new entry: #1 ")
    assert run.rows("SELECT id, deleted_at IS NOT NULL FROM entry ORDER BY id") == [(1, 1), (2, 1)]


def test_moving_a_spasm_onto_a_quiet_day_removes_the_mark(run: Diary) -> None:
    """`edit --at` onto a quiet day removes that day's quiet mark."""
    run("quiet", "2026-11-20", now=NOW)
    run("spasm", "4", now=NOW)
    result = run("edit", "2", "--at", "2026-11-20 08:00", now=NOW)
    assert result.stdout.splitlines()[1] == "Removed the quiet mark #1 of Fri 20 Nov, since it had a spasm after all."
    assert run.rows("SELECT deleted_at IS NOT NULL FROM entry WHERE id = 1") == [(1,)]


def test_late_evening_spasm_belongs_to_the_local_day(run: Diary) -> None:
    """A spasm at 00:30 Berlin time (23:30 UTC the day before) is listed on the Berlin day."""
    run("spasm", "5", "--at", "00:30", now=NOW)
    result = run("today", now=NOW)
    assert "#1     Wed 25 Nov 00:30   spasm      5/10" in result.stdout


def test_db_option_works_after_the_command_name(run_sqlite: Diary, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`diary spasm 7 --db other.db` writes to other.db, not the group's diary."""
    from click.testing import CliRunner

    from diary.cli import cli

    other = tmp_path / "other.db"
    CliRunner().invoke(cli, ["spasm", "7", "--db", str(other)], env={"DIARY_NOW": NOW}, catch_exceptions=False)
    assert other.exists()
    import sqlite3

    assert sqlite3.connect(other).execute("SELECT intensity FROM episode").fetchall() == [(7,)]


def test_diary_db_environment_variable_chooses_the_file(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """DIARY_DB points every command at that file."""
    from click.testing import CliRunner

    from diary.cli import cli

    target = tmp_path / "env.db"
    monkeypatch.setenv("DIARY_DB", str(target))
    result = CliRunner().invoke(cli, ["db", "path"])
    assert result.stdout == f"{target}\n"


def test_default_diary_is_private_in_the_data_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Without --db the diary is made in the data folder: folder 0700, file 0600."""
    from click.testing import CliRunner

    from diary.cli import cli

    CliRunner().invoke(cli, ["spasm", "5"], env={"DIARY_NOW": NOW}, catch_exceptions=False)
    home = tmp_path / "home"
    assert (home.stat().st_mode & 0o777) == 0o700
    assert ((home / "diary.db").stat().st_mode & 0o777) == 0o600


def test_a_mistyped_option_gets_clicks_suggestion(run: Diary) -> None:
    """`--sit` is not taken as an argument: Click names the option and suggests --site."""
    result = run("spasm", "7", "--sit", "calf", now=NOW)
    assert result.exit_code == 2
    assert result.stderr == ("Error: No such option '--sit'. (Did you mean one of: '--at', '--side', '--site'?) "
                             "(see 'diary spasm --help')\n")
    assert run.count("episode") == 0


def test_a_negative_option_value_stays_with_its_option(run: Diary) -> None:
    """`--for -5m` is refused as a negative duration, not as a misplaced argument."""
    result = run("spasm", "3", "--for", "-5m", now=NOW)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Invalid value for --for: duration '-5m' is negative")


# --- issue 15: logging as people say it ----------------------------------------------------------------------


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A person answers at a terminal (the answers come through `input=`)."""
    monkeypatch.setenv("DIARY_INTERACTIVE", "1")


def test_cramp_is_spasm_and_loose_words_are_site_and_side(run: Diary) -> None:
    """`diary cramp 6 calf` logs a spasm at the calf; `spasm 5 lower back right` takes a two-word site and a side."""
    first = run("cramp", "6", "calf", now=NOW)
    second = run("spasm", "5", "lower", "back", "right", now=NOW)
    assert first.stdout == "Logged spasm #1: 6/10, calf, Wed 25 Nov 10:00.\n"
    assert second.stdout == "Logged spasm #2: 5/10, lower-back right, Wed 25 Nov 10:00.\n"
    assert run.rows("SELECT id, intensity, site, side FROM episode ORDER BY id") == [
        (1, 6, "calf", None), (2, 5, "lower-back", "right")]


def test_short_options_do_what_the_long_ones_do(run: Diary) -> None:
    """-s site, -a at, -f for, -t trigger, -n note."""
    result = run("spasm", "4", "-s", "calf", "-f", "90s", "-a", "2h ago", "-t", "cold", "-n", "woke me up", now=NOW)
    assert result.stdout == 'Logged spasm #1: 4/10, calf, 1m30s, trigger cold, "woke me up", Wed 25 Nov 08:00.\n'
    assert run.rows("SELECT started_at, site, duration_s, note FROM episode") == [
        ("2026-11-25 07:00:00.000000", "calf", 90, "woke me up")]


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["spasm", "6", "--note", "it", "hurt"], 'Error: put the note in quotes: --note "it hurt" '
                                                 "(see 'diary spasm --help')\n"),
        (["spasm", "6", "-n", "woke", "me", "up"], 'Error: put the note in quotes: -n "woke me up" '
                                                   "(see 'diary spasm --help')\n"),
        (["spasm", "6", "--trigger", "bending", "over"], 'Error: put the trigger in quotes: --trigger "bending over" '
                                                         "(see 'diary spasm --help')\n"),
        (["spasm", "6", "-t", "lifting", "calf"], "Error: 'calf' after -t lifting: for the site, put it before the "
                                                  "options (diary spasm 6 calf ...), or put the trigger in quotes: "
                                                  "-t \"lifting calf\" (see 'diary spasm --help')\n"),
        (["adjust", "--by", "Dr", "Lee"], "Error: put the name in quotes: --by \"Dr Lee\" "
                                          "(see 'diary adjust --help')\n"),
        (["spasm", "6", "blah"], "Error: 'blah' is not a site, a side or 'again': for a trigger use --trigger blah, "
                                 "for a note --note \"...\" (see 'diary spasm --help')\n"),
        (["spasm", "6", "5m"], "Error: '5m' is not a site, a side or 'again': for how long it lasted use --for 5m "
                               "(see 'diary spasm --help')\n"),
        (["spasm", "calf", "6"], "Error: put the intensity first: diary spasm 6 calf (see 'diary spasm --help')\n"),
        (["cramp", "6", "calf", "neck"], "Error: two sites, calf and neck: log each spasm on its own "
                                         "(see 'diary cramp --help')\n"),
        (["spasm", "6", "calf", "--site", "neck"], "Error: calf and --site neck: say it once "
                                                   "(see 'diary spasm --help')\n"),
        (["spasm", "7.5"], "Error: Invalid value for INTENSITY: intensity '7.5' is not a whole number: use 7 or 8 "
                           "(the 0-10 scale has whole numbers only) (see 'diary spasm --help')\n"),
        (["spasm", "seven"], "Error: Invalid value for INTENSITY: intensity 'seven' is a word: use 7 "
                             "(see 'diary spasm --help')\n"),
        (["spasm", "6", "--at", "yesterday"], "Error: Invalid value for --at: time 'yesterday' is a day without a time "
                                              "of day: add one, like 'yesterday 21:30' (a day alone is not taken as "
                                              "noon) (see 'diary spasm --help')\n"),
        (["spasm", "6", "--at", "05/11 10:00"], "Error: Invalid value for --at: date '05/11' could be 5 Nov or May 11: "
                                                "write it as '5 Nov' or 'May 11' (or 2026-11-05) "
                                                "(see 'diary spasm --help')\n"),
        (["spasm", "6", "again"], "Error: no earlier spasm to repeat: say it in full, like diary spasm 6 calf "
                                  "(see 'diary spasm --help')\n"),
        (["quiet", "wed..mon"], "Error: Invalid value for DAYS: range 'wed..mon' ends before it starts: write the "
                                "earlier day first (see 'diary quiet --help')\n"),
    ],
)
def test_what_cannot_be_read_names_the_fix_and_writes_nothing(run_sqlite: Diary, args: list[str], stderr: str) -> None:
    """Loose words, a misplaced intensity, a fraction, a day without a time, an ambiguous date: one line
    with the fix, exit 2, and no diary file made."""
    from pathlib import Path

    result = run_sqlite(*args, now=NOW)
    assert (result.exit_code, result.stderr, result.stdout) == (2, stderr, "")
    assert not Path(run_sqlite.location).exists()


def test_a_guessed_time_is_said_in_the_reply(run: Diary) -> None:
    """'last night' is logged at 23:00 and the reply says that was a guess."""
    result = run("spasm", "5", "--at", "last night", now=NOW)
    assert result.stdout == "Logged spasm #1: 5/10, Tue 24 Nov 23:00 (last night, taken as 23:00).\n"
    assert run.rows("SELECT started_at FROM episode") == [("2026-11-24 22:00:00.000000",)]


def test_the_hour_a_clock_change_repeats_is_said(run: Diary) -> None:
    """02:30 on the night the clocks went back happened twice: the first is taken and the reply says so."""
    result = run("spasm", "5", "--at", "02:30", now="2026-10-25T12:00:00+01:00")
    assert result.stdout == (
        "Logged spasm #1: 5/10, Sun 25 Oct 02:30 (02:30 happened twice on Sun 25 Oct (the clocks went back): taken as "
        "the first, 02:30 CEST; for the second say '2026-10-25 02:30 CET').\n")
    assert run.rows("SELECT started_at FROM episode") == [("2026-10-25 00:30:00.000000",)]
    run("spasm", "4", "--at", "2026-10-25 02:30 CET", now="2026-10-25T12:00:00+01:00")
    assert run.rows("SELECT started_at FROM episode WHERE id = 2") == [("2026-10-25 01:30:00.000000",)]


def test_a_day_alone_asks_for_the_time_in_a_terminal(run: Diary, terminal: None) -> None:
    """`--at yesterday` at a terminal asks what time; a bad answer is asked again; the reply says the time."""
    result = run("spasm", "5", "--at", "yesterday", now=NOW, input="soon\n21:30\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (  # the terminal as the person sees it, their answers included
        "What time on Tue 24 Nov? (like 21:30, 9pm, noon or evening): soon\n"
        "Error: 'soon' is not a time of day: use 21:30, 9pm, noon or evening\n"
        "What time on Tue 24 Nov? (like 21:30, 9pm, noon or evening): 21:30\n"
        "Logged spasm #1: 5/10, Tue 24 Nov 21:30.\n")
    assert run.rows("SELECT started_at FROM episode") == [("2026-11-24 20:30:00.000000",)]


def test_estimated_durations_are_kept_as_estimates(run: Diary) -> None:
    """'about 5 minutes' and '5-10 min' store a number with the approximate mark, shown as 'about'."""
    first = run("spasm", "5", "--for", "about 5 minutes", now=NOW)
    run("spasm", "4", "-f", "5-10 min", now=NOW)
    run("spasm", "3", "-f", "5m", now=NOW)
    assert first.stdout == "Logged spasm #1: 5/10, about 5 min, Wed 25 Nov 10:00.\n"
    rows = run.rows("SELECT id, duration_s, duration_approximate FROM episode ORDER BY id")
    assert [(i, s, bool(a)) for i, s, a in rows] == [(1, 300, True), (2, 450, True), (3, 300, False)]
    listed = run("list", now=NOW).stdout.splitlines()
    assert [line.split("spasm")[1].strip() for line in listed] == ["5/10, about 5 min", "4/10, about 8 min", "3/10, 5m"]


def test_an_intensity_out_of_10_is_the_number(run: Diary) -> None:
    """'8/10' is stored as 8."""
    run("spasm", "8/10", now=NOW)
    assert run.rows("SELECT intensity FROM episode") == [(8,)]


def test_spasm_alone_in_a_terminal_asks_intensity_when_and_where(run: Diary, terminal: None) -> None:
    """With no intensity at a terminal: intensity, when, then site (the last used first), each with a default."""
    run("spasm", "6", "calf", "--at", "yesterday 21:00", now=NOW)
    run("spasm", "4", "neck", "--at", "yesterday 22:00", now=NOW)
    result = run("spasm", now=NOW, input="11\n7\nlast night\n\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (  # the terminal as the person sees it, their answers included
        "How strong, 0 (no pain) to 10 (worst imaginable)? [4]: 11\n"
        "Error: intensity 11 is out of range: use a whole number from 0 (no pain) to 10 (worst imaginable)\n"
        "How strong, 0 (no pain) to 10 (worst imaginable)? [4]: 7\n"
        "When did it start? now, 15 min ago, 1 h ago, last night, or a time [now]: last night\n"
        "Where? neck, calf (used before), or upper-back, mid-back, lower-back, shoulder, arm, hand, hip, glute, thigh, "
        "hamstring, foot, abdomen, other; or none [neck]: \n"
        "Logged spasm #3: 7/10, neck, Tue 24 Nov 23:00 (last night, taken as 23:00).\n")
    assert run.rows("SELECT intensity, site, started_at FROM episode WHERE id = 3") == [
        (7, "neck", "2026-11-24 22:00:00.000000")]


def test_enter_takes_every_default(run_sqlite: Diary, terminal: None) -> None:
    """On a new diary, Enter three times logs intensity 5, now, no site."""
    result = run_sqlite("spasm", now=NOW, input="\n\n\n")
    assert result.stdout.endswith("Logged spasm #1: 5/10, Wed 25 Nov 10:00.\n")
    assert run_sqlite.rows("SELECT intensity, site, started_at FROM episode") == [
        (5, None, "2026-11-25 09:00:00.000000")]


def test_again_repeats_site_side_and_triggers(run: Diary) -> None:
    """`diary spasm 4 again` has the last spasm's site, side and triggers, and says where they came from."""
    run("spasm", "6", "calf", "left", "-t", "sleep", "-t", "cold", "--at", "yesterday 21:00", now=NOW)
    run("spasm", "5", "neck", "--at", "2026-11-20 10:00", now=NOW)  # logged later, but started earlier
    result = run("spasm", "4", "again", now=NOW)
    assert result.stdout == ("Logged spasm #3: 4/10, calf left, trigger cold, sleep, Wed 25 Nov 10:00.\n"
                             "(site, side and triggers as spasm #1)\n")
    assert run.rows("SELECT intensity, site, side FROM episode WHERE id = 3") == [(4, "calf", "left")]
    assert run.rows("SELECT t.name FROM episode_trigger et JOIN trigger t ON t.id = et.trigger_id "
                    "WHERE et.episode_id = 3 ORDER BY 1") == [("cold",), ("sleep",)]


def test_a_trigger_list_is_several_triggers(run: Diary) -> None:
    """`--trigger "bending over, stress"` stores two triggers, neither merged nor lost."""
    run("spasm", "5", "--trigger", "bending over, stress", now=NOW)
    assert run.rows("SELECT t.name FROM episode_trigger et JOIN trigger t ON t.id = et.trigger_id ORDER BY 1") == [
        ("bending over",), ("stress",)]


def test_a_trigger_close_to_a_known_one_is_kept_as_typed_and_suggested(run: Diary) -> None:
    """Without a terminal, 'lifitng' is stored as typed and the reply suggests 'lifting' with the fix."""
    run("spasm", "5", "-t", "lifting", now=NOW)
    result = run("spasm", "4", "-t", "lifitng", "-t", "cold", now=NOW)
    assert result.stdout == ("Logged spasm #2: 4/10, trigger cold, lifitng, Wed 25 Nov 10:00.\n"
                             "'lifitng' is a new trigger: did you mean lifting? "
                             "(diary edit 2 --trigger lifting --trigger cold)\n")
    assert run.rows("SELECT name FROM trigger ORDER BY name") == [("cold",), ("lifitng",), ("lifting",)]


def test_a_first_typo_of_a_common_trigger_is_caught_in_a_new_diary(run: Diary) -> None:
    """No history yet: 'liftng' is checked against the common triggers too, and suggested as lifting."""
    result = run("spasm", "5", "-t", "liftng", now=NOW)
    assert "'liftng' is a new trigger: did you mean lifting? (diary edit 1 --trigger lifting)" in result.stdout


def test_a_common_trigger_spelled_right_is_never_corrected_to_an_earlier_typo(run: Diary) -> None:
    """After a typo 'liftng' was kept, typing 'lifting' is not a slip for it: stored as typed, nothing asked."""
    run("spasm", "5", "-t", "liftng", now=NOW)
    result = run("spasm", "4", "-t", "lifting", now=NOW)
    assert "did you mean" not in result.stdout
    assert run.rows("SELECT name FROM trigger ORDER BY name") == [("lifting",), ("liftng",)]


@pytest.mark.parametrize(("answer", "stored"), [("\n", "lifting"), ("n\n", "lifitng")])
def test_a_trigger_close_to_a_known_one_is_asked_about_in_a_terminal(
        run: Diary, terminal: None, answer: str, stored: str) -> None:
    """At a terminal the near miss is a question: Enter takes the known trigger, 'n' keeps the new word."""
    run("spasm", "5", "-t", "lifting", now=NOW)
    result = run("spasm", "4", "-t", "lifitng", now=NOW, input=answer)
    assert result.stdout.startswith("'lifitng' is a new trigger; did you mean lifting? [Y/n]: ")
    assert run.rows("SELECT t.name FROM episode_trigger et JOIN trigger t ON t.id = et.trigger_id "
                    "WHERE et.episode_id = 2") == [(stored,)]


def test_adjust_keeps_every_region(run: Diary) -> None:
    """`--region lumbar --region pelvis` keeps both, in the one region column."""
    result = run("adjust", "--region", "lumbar", "--region", "pelvis", "-a", "2026-11-23 10:00", now=NOW)
    assert result.stdout.splitlines()[0] == "Logged adjustment #1: adjustment, region lumbar, pelvis, Mon 23 Nov 10:00."
    assert run.rows("SELECT region FROM adjustment") == [("lumbar, pelvis",)]


def test_quiet_takes_several_days_and_ranges(run: Diary) -> None:
    """`diary quiet mon wed` marks both; a range marks each day; a day marked before says so."""
    first = run("quiet", "mon", "wed", now=NOW)
    second = run("quiet", "2026-11-21..2026-11-23", now=NOW)
    assert first.stdout == ("Marked Mon 23 Nov 2026 as a day without spasms (#1).\n"
                            "Marked Wed 25 Nov 2026 as a day without spasms (#2).\n")
    assert second.stdout == ("Marked Sat 21 Nov 2026 as a day without spasms (#3).\n"
                             "Marked Sun 22 Nov 2026 as a day without spasms (#4).\n"
                             "Mon 23 Nov 2026 was already marked as a day without spasms (#1); nothing changed.\n")
    assert run.rows("SELECT day FROM quiet_day ORDER BY day") == [
        ("2026-11-21",), ("2026-11-22",), ("2026-11-23",), ("2026-11-25",)]


def test_quiet_over_days_with_a_spasm_marks_none(run: Diary) -> None:
    """All or none: a range that includes a day with a spasm is refused naming it, and nothing is marked."""
    run("spasm", "5", "--at", "2026-11-22 09:00", now=NOW)
    result = run("quiet", "2026-11-21..2026-11-23", now=NOW)
    assert (result.exit_code, result.stderr) == (
        2, "Error: Sun 22 Nov has 1 spasm logged, so it cannot be quiet; nothing was marked (leave it out, or see "
           "diary list)\n")
    assert run.count("quiet_day") == 0


def test_today_ends_with_the_recent_days_without_a_record(run: Diary) -> None:
    """Days since the diary was first used, in the last 7, with neither a spasm nor a quiet mark, are named
    with the command that marks them."""
    run("drink", "300ml", now="2026-11-20T09:00:00+01:00")  # first use: Fri 20
    run("spasm", "5", "--at", "2026-11-23 09:00", now=NOW)
    run("quiet", "2026-11-24", now=NOW)
    lines = run("today", now=NOW).stdout.splitlines()
    assert lines[-1] == ("Fri 20, Sat 21, Sun 22 and Wed 25 have no record: diary quiet fri sat sun wed "
                         "if they had no spasms")


def test_with_every_spasm_logged_a_day_with_any_entry_counts(run: Diary) -> None:
    """With --logs-every-spasm in the profile, a day with only a drink is a recorded day (DESIGN section 2)."""
    run("profile", "--logs-every-spasm", now="2026-11-18T09:00:00+01:00")
    run("drink", "300ml", "--at", "2026-11-18 09:00", now="2026-11-18T09:00:00+01:00")
    run("drink", "300ml", "--at", "2026-11-22 09:00", now=NOW)
    run("spasm", "5", now=NOW)
    lines = run("today", now=NOW).stdout.splitlines()
    # the last 7 days are Thu 19 .. Wed 25: Sun 22 has a drink, Wed 25 a spasm
    assert lines[-1] == ("Thu 19, Fri 20, Sat 21, Mon 23 and Tue 24 have no record: diary quiet thu fri sat mon tue "
                         "if they had no spasms")


def test_today_says_nothing_when_every_recent_day_has_a_record(run: Diary) -> None:
    """A diary whose only days all have a record gets no reminder line."""
    run("spasm", "5", now=NOW)
    assert "no record" not in run("today", now=NOW).stdout


@pytest.mark.parametrize(
    "command",
    [["cramp", "6", "calf"], ["spasm", "6", "left", "calf", "-f", "about 5 min", "-a", "last night", "-t", "a, b"],
     ["spasm", "6", "again"], ["spasm", "5", "-a", "nov 5 3pm"], ["spasm", "5", "-a", "2 weeks ago monday 9am"],
     ["spasm", "5", "-a", "2am this morning"], ["spasm", "5", "-a", "5 minutes before 9am"],
     ["quiet", "mon", "tue"], ["quiet", "2026-11-01..2026-11-03"],
     ["adjust", "--region", "lumbar", "--region", "pelvis", "-a", "sunday 9am"]],
)
def test_new_logging_forms_import_nothing_heavy(tmp_path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                command: list[str]) -> None:
    """Each new way of logging, on an existing diary, loads no pandas, numpy, scipy, matplotlib, SQLAlchemy or
    Alembic (the library for unusual times, parsedatetime, is light and loaded only for them)."""
    import datetime as dt

    from diary import entries
    from diary.storage.migrate import create_sqlite
    from diary.storage.sqlite_file import connect, transaction
    from diary.storage.store import SqliteStore
    from tests.helpers import HEAVY_MODULES, modules_after_command

    db = tmp_path / "d.db"
    create_sqlite(db)
    conn = connect(db)
    with transaction(conn, db):
        when = dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)
        entries.log_episode(SqliteStore(conn), when, started_at=when, intensity=5, site="calf")
    conn.close()
    monkeypatch.setenv("DIARY_NOW", NOW)
    code, loaded, stderr = modules_after_command(db, command)
    assert code == 0, stderr
    assert loaded.isdisjoint(HEAVY_MODULES), sorted(loaded & set(HEAVY_MODULES))
    assert ("parsedatetime" in loaded) == ("weeks ago monday" in " ".join(command))


def test_a_part_of_the_day_given_as_the_answer_is_said_as_a_guess(run: Diary, terminal: None) -> None:
    """`--at yesterday`, answered 'evening', is 19:00 and the reply says 'yesterday evening, taken as 19:00'."""
    result = run("spasm", "5", "--at", "yesterday", now=NOW, input="evening\n")
    assert result.stdout.splitlines()[-1] == (
        "Logged spasm #1: 5/10, Tue 24 Nov 19:00 (yesterday evening, taken as 19:00).")
    assert run.rows("SELECT started_at FROM episode") == [("2026-11-24 18:00:00.000000",)]


@pytest.mark.parametrize("typed", [["leg"], ["left", "leg"], ["--site", "leg"], ["legs"], ["upper", "leg"]])
def test_a_word_for_several_sites_is_asked_about_never_mapped(run: Diary, typed: list[str]) -> None:
    """'leg' is the calf, the thigh or the hamstring: refused naming them, nothing written (it was thigh)."""
    result = run("spasm", "6", *typed, now=NOW)
    assert result.exit_code == 2 and "could be the" in result.stderr and "say which, like --site" in result.stderr
    assert run.count("episode") == 0
