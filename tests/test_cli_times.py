"""Times typed to every logging command (spasm, eat, drink, supplement, adjust) as patients type
them: the stored instant, the guess said in the reply, the question for a day alone, and the
hint for a time or note typed in the wrong place. One mechanism for all commands, so the
same rows run through each."""

from __future__ import annotations

import pytest

from tests.helpers import Diary

NOW = "2026-11-25T10:00:00+01:00"  # Wednesday 25 Nov 2026, Berlin (CET, UTC+1)

# (command without --at, the table's SQL for the stored instant)
COMMANDS = {
    "spasm": (["spasm", "5"], "SELECT started_at FROM episode"),
    "eat": (["eat", "banana"], "SELECT taken_at FROM intake"),
    "drink": (["drink", "a mug of tea"], "SELECT taken_at FROM intake"),
    "supplement": (["supplement", "magnesium", "200mg"], "SELECT taken_at FROM intake"),
    "adjust": (["adjust"], "SELECT at FROM adjustment"),
}

# typed time, stored UTC instant, the guess the reply must say (or None)
STORED = [
    ("2am this morning", "2026-11-25 01:00:00", None),
    ("7:15 this morning", "2026-11-25 06:15:00", None),
    ("3 in the morning", "2026-11-25 02:00:00", None),
    ("1am last night", "2026-11-25 00:00:00", None),
    ("11pm last night", "2026-11-24 22:00:00", None),
    ("quarter to four this morning", "2026-11-25 02:45:00", None),
    ("after lunch yesterday", "2026-11-24 12:30:00", "after lunch yesterday, taken as 13:30"),
    ("last night", "2026-11-24 22:00:00", "last night, taken as 23:00"),
]


def _stored_at(run: Diary, sql: str) -> str:
    rows = run.rows(sql)
    assert len(rows) == 1
    return str(rows[0][0])[:19]


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize(("typed", "utc", "guess"), STORED)
def test_every_command_stores_the_typed_time_and_says_the_guess(run: Diary, command: str, typed: str, utc: str,
                                                                 guess: str | None) -> None:
    """The same typed time is the same instant for every command, and any guess is said in its reply."""
    args, sql = COMMANDS[command]
    result = run(*args, "--at", typed, now=NOW)
    assert result.exit_code == 0, result.stderr
    assert _stored_at(run, sql) == utc
    if guess is not None:
        assert guess in result.stdout
    else:
        assert "taken as" not in result.stdout.replace("taken as 1 medium", "").replace("taken as 350 ml", "")


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize(("typed", "message"), [
    ("dec 1 9am", "date 'dec 1' has no year: 1 Dec 2026 is still to come, and 1 Dec 2025 was 11 months ago"),
    ("Nov 25 3pm", "time 'Nov 25 3pm' is in the future (later today); for 25 Nov 2025 add the year"),
    ("2026-02-30 10:00", "date '2026-02-30' does not exist: February 2026 has 28 days"),
])
def test_every_command_refuses_a_date_the_same_way(run: Diary, command: str, typed: str, message: str) -> None:
    """A date without a year that would be last year, and a date that does not exist, are refused
    by every command with the same words; nothing is written."""
    args, _ = COMMANDS[command]
    result = run(*args, "--at", typed, now=NOW)
    assert result.exit_code == 2
    assert message in result.stderr
    assert run.count("entry") == 0


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIARY_INTERACTIVE", "1")


@pytest.mark.parametrize("command", ["eat", "drink", "supplement"])
def test_a_day_alone_asks_the_intake_commands_for_the_time(run: Diary, terminal: None, command: str) -> None:
    """`--at "nov 20"` at a terminal asks what time, as spasm does; the guessed answer is said."""
    args, sql = COMMANDS[command]
    result = run(*args, "-a", "nov 20", now=NOW, input="evening\n")
    assert result.exit_code == 0, result.stderr
    assert "What time on Fri 20 Nov?" in result.stdout
    assert "nov 20 evening, taken as 19:00" in result.stdout
    assert _stored_at(run, sql) == "2026-11-20 18:00:00"


@pytest.mark.parametrize("command", ["eat", "drink", "supplement"])
def test_a_day_alone_is_refused_without_a_terminal(run: Diary, command: str) -> None:
    args, _ = COMMANDS[command]
    result = run(*args, "--at", "nov 20", now=NOW)
    assert result.exit_code == 2
    assert "is a day without a time of day" in result.stderr
    assert run.count("entry") == 0


def test_eat_and_drink_take_the_short_options(run: Diary) -> None:
    """-a and -n on eat and drink, as on spasm."""
    first = run("eat", "banana", "-a", "yesterday 8pm", "-n", "very ripe", now=NOW)
    second = run("drink", "water", "-a", "2h ago", "-n", "after the walk", now=NOW)
    assert first.exit_code == 0 and second.exit_code == 0, first.stderr + second.stderr
    assert run.rows("SELECT taken_at FROM intake ORDER BY id") == [("2026-11-24 19:00:00.000000",),
                                                                   ("2026-11-25 07:00:00.000000",)]
    assert [n for (n,) in run.rows("SELECT note FROM intake ORDER BY id")] == ["very ripe", "after the walk"]


@pytest.mark.parametrize(("args", "stderr"), [
    (["eat", "banana", "--note", "very", "ripe"], 'put the note in quotes: --note "very ripe"'),
    (["drink", "water", "-n", "after", "the", "walk"], 'put the note in quotes: -n "after the walk"'),
    (["supplement", "magnesium", "200mg", "--note", "from", "the", "chemist"],
     'put the note in quotes: --note "from the chemist"'),
    (["drink", "water", "yesterday"], "'yesterday' looks like when, not what: did you mean --at yesterday? "
                                      "(diary drink water --at yesterday)"),
    (["drink", "2 beers last night"], "'last night' looks like when, not what: did you mean --at 'last night'? "
                                      "(diary drink 2 beers --at 'last night')"),
    (["eat", "porridge", "this", "morning"], "did you mean --at 'this morning'?"),
    (["eat", "toast", "at", "8am"], "did you mean --at 'at 8am'?"),
    (["drink", "yesterday", "a glass of milk"], "did you mean --at yesterday?"),
    (["eat", "soup", "2", "days", "ago"], "did you mean --at '2 days ago'?"),
    (["eat", "biscuits", "after", "lunch"], "did you mean --at 'after lunch'? (diary eat biscuits --at 'after lunch')"),
    (["eat", "toast", "for", "breakfast"], "did you mean --at breakfast? (diary eat toast --at breakfast)"),
    (["drink", "a pint of water on sunday night"], "did you mean --at 'on sunday night'?"),
    (["drink", "water", "2h", "ago"], "did you mean --at '2h ago'?"),
    (["drink", "tea", "yesterday", "-a", "9am"], "looks like a time, and --at '9am' was given too"),
    (["spasm", "6", "last", "night"], "did you mean --at 'last night'? (diary spasm 6 --at 'last night')"),
    (["spasm", "6", "calf", "2am", "this", "morning"],
     "did you mean --at '2am this morning'? (diary spasm 6 calf --at '2am this morning')"),
])
def test_a_note_or_time_in_the_wrong_place_names_the_fix(run: Diary, args: list[str], stderr: str) -> None:
    """Words that continue an unquoted note, or that say when, are refused naming the fix; nothing is logged."""
    result = run(*args, now=NOW)
    assert result.exit_code == 2
    assert stderr in result.stderr
    assert run.count("entry") == 0


@pytest.mark.parametrize("words", [["evening", "primrose", "oil"], ["english", "breakfast"], ["roast", "dinner"],
                                   ["after", "eight", "mints"], ["english breakfast tea"]])
def test_a_food_name_with_a_time_word_in_it_is_still_a_food(run: Diary, words: list[str]) -> None:
    """A run of words counts as a time only when it names a day or a clock time, or ends the
    words with a part of the day; a meal's name alone may be a dish."""
    result = run("eat", *words, now=NOW)
    assert "looks like when" not in result.stderr
