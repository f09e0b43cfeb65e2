"""Text from the diary never acts on the terminal: every command shows control characters escaped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diary.text import CONTROL
from diary.text import escape_controls as escape
from tests.helpers import Diary

NOW = "2026-11-25T10:00:00+01:00"
REPO = Path(__file__).resolve().parents[1]
# Clear the screen, set the window title, hide text, a C1 CSI, DEL, a right-to-left override.
HOSTILE = "a\x1b[2J\x1b]0;pwned\x07b\x9b31mc\x7f\u202eevil\u2066d\re"
SHOWN = "a\\x1b[2J\\x1b]0;pwned\\x07b\\x9b31mc\\x7f\\u202eevil\\u2066d\\x0de"
LISTED = SHOWN.replace("\\x0d", " / ")  # a list shows an entry on one line: a line break becomes " / "


def test_escape_shows_every_control_character_and_keeps_the_rest() -> None:
    """C0 (but line feed and tab), DEL, C1 and the bidi overrides are written out; other text is unchanged."""
    assert escape(HOSTILE) == SHOWN
    assert escape("tab\tand\nnewline, é, 🦵, \\x1b as typed") == "tab\tand\nnewline, é, 🦵, \\x1b as typed"
    assert escape("\x00\x08\x0b\x1f\x80\x9f\u202a\u2069") == "\\x00\\x08\\x0b\\x1f\\x80\\x9f\\u202a\\u2069"


@given(st.text())
def test_escaped_text_holds_no_control_character(text: str) -> None:
    """Whatever the text, its escaped form has no character a terminal acts on (besides line feed and tab)."""
    assert CONTROL.search(escape(text)) is None


def _hostile_diary(run: Diary) -> None:
    for args in (["spasm", "5", "--note", HOSTILE, "--trigger", "x\x1b[8my", "--relieved-by", "\u202eheat"],
                 ["adjust", "--by", "Dr.\x1b]0;x\x07Lee", "--region", "lumbar\x9b2J"],
                 ["profile", "--name", "A.\x1b[2JPatient"]):
        assert run(*args, now=NOW).exit_code == 0


def test_list_today_and_profile_show_diary_text_escaped_and_keep_it_in_the_data(run: Diary) -> None:
    """A note, trigger, provider, region and profile name with escape sequences: `list`, `today`, `profile` and
    the confirmations show them escaped (the output holds no control character); the diary keeps them as typed."""
    result = run("spasm", "4", "--note", HOSTILE, now=NOW)
    assert result.stdout.startswith("Logged spasm #1: 4/10") and LISTED in result.stdout
    _hostile_diary(run)
    for command in (["list"], ["today"], ["profile"], ["list", "--deleted"]):
        out = run(*command, now=NOW).stdout
        assert CONTROL.search(out) is None, (command, out)
    listed = run("list", now=NOW).stdout
    assert LISTED in listed and "x\\x1b[8my" in listed and "\\u202eheat" in listed
    assert "Dr.\\x1b]0;x\\x07Lee" in listed and "lumbar\\x9b2J" in listed
    assert "A.\\x1b[2JPatient" in run("profile", now=NOW).stdout
    assert run.rows("SELECT note FROM episode WHERE id = 1") == [(HOSTILE,)]
    assert run.rows("SELECT name FROM profile") == [("A.\x1b[2JPatient",)]


def test_errors_show_typed_text_escaped(run: Diary) -> None:
    """An error message quoting what was typed (a bad site) shows its control characters escaped on stderr."""
    result = run("spasm", "5", "--site", "calf\x1b[2J", now=NOW)
    assert result.exit_code == 2 and CONTROL.search(result.stderr) is None
    assert "calf\\x1b[2J" in result.stderr


def test_a_json_export_to_standard_output_is_exact_and_holds_no_control_character(run: Diary, tmp_path: Path,
                                                                                  ) -> None:
    """`diary export` (JSON) to stdout escapes every control character the JSON way (\\u001b), so the text is safe
    on a terminal and still reads back to exactly the diary's text."""
    _hostile_diary(run)
    out = run("export", now=NOW).stdout
    assert CONTROL.search(out) is None
    notes = [r.get("note") for r in json.loads(out)["records"] if r["kind"] == "spasm"]
    assert notes == [HOSTILE]


def test_a_piped_csv_export_is_exact(run_sqlite: Diary, tmp_path: Path) -> None:
    """`diary export --format csv > file` (a real pipe) writes the exact bytes: imported, the diary is the same."""
    _hostile_diary(run_sqlite)
    env = dict(os.environ, DIARY_NOW=NOW, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "diary", "--db", run_sqlite.location, "export", "--format", "csv"],
                          env=env, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert HOSTILE.replace("\r", "\r").encode() in done.stdout
    piped = tmp_path / "piped.csv"
    piped.write_bytes(done.stdout)
    copy = Diary(str(tmp_path / "copy.db"), run_sqlite.monkeypatch)
    assert copy("import", str(piped), now=NOW).exit_code == 0
    assert copy.dump() == run_sqlite.dump()


@pytest.mark.parametrize("command", [["list"], ["today"], ["profile"]])
def test_a_real_pipe_carries_no_raw_escape(run_sqlite: Diary, command: list[str]) -> None:
    """Run as a separate program whose stdout is a pipe (as `diary list | less`): the bytes hold no ESC, C1 or
    bidi override either."""
    _hostile_diary(run_sqlite)
    env = dict(os.environ, DIARY_NOW=NOW, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "diary", "--db", run_sqlite.location, *command], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert CONTROL.search(done.stdout) is None and "\\x1b" in done.stdout
