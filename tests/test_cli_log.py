"""The logging commands as a patient uses them: spasm, drink (water), adjust, quiet."""

from __future__ import annotations

import pytest

from tests.conftest import Diary

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
                                           "night say 'yesterday 23:00'): use now, HH:MM, 'yesterday 21:30', 'last night "
                                           "23:00', a weekday ('mon 8:00'), '2h ago', '3 days ago' or an ISO date/time "
                                           "like 2026-11-03 10:00 (see 'diary spasm --help')\n"),
        (["spasm", "7", "--for", "-5m"], "Error: Invalid value for --for: duration '-5m' is negative: use a number "
                                          "with a unit, like 90s, 5m, 2 min or 1h30m (see 'diary spasm --help')\n"),
        (["spasm", "7", "--for", "ages"], "Error: Invalid value for --for: duration 'ages' not understood: use a "
                                           "number with a unit, like 90s, 5m, 2 min or 1h30m (see 'diary spasm --help')\n"),
        (["spasm", "7", "--site", "lowr-back"], "Error: Invalid value for --site: unknown site 'lowr-back': did you "
                                                 "mean lower-back? use one of neck, upper-back, mid-back, lower-back, "
                                                 "shoulder, arm, hand, hip, glute, thigh, hamstring, calf, foot, "
                                                 "abdomen, other (see 'diary spasm --help')\n"),
        (["spasm"], "Error: Missing argument 'INTENSITY'. (see 'diary spasm --help')\n"),
        (["adjust", "--at", "next week"], "Error: Invalid value for --at: time 'next week' not understood: use now, "
                                           "HH:MM, 'yesterday 21:30', 'last night 23:00', a weekday ('mon 8:00'), "
                                           "'2h ago', '3 days ago' or an ISO date/time like 2026-11-03 10:00 "
                                           "(see 'diary adjust --help')\n"),
        (["quiet", "2026-12-01"], "Error: Invalid value for DAY: day '2026-12-01' is in the future: use today, "
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
    assert run.rows("SELECT at, provider, region FROM adjustment") == [("2026-11-03 09:00:00.000000", "Dr. Lee", "lumbar")]


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
