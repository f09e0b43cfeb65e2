"""The README's tour works as typed: every command in it, in order, on its own scratch diary."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Commands that wait for the user to stop them: shown in the tour, not run here.
LONG_RUNNING = ("diary serve", "diary serve --lan")


def tour_commands() -> list[str]:
    """The `diary ...` lines of the README's tour, comments removed, in order."""
    text = (ROOT / "README.md").read_text()
    tour = text[text.index("## A short tour"):]
    tour = tour[:tour.index("\n## ", 1)]
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", tour, flags=re.S):
        for line in block.splitlines():
            line = re.split(r"\s+#\s", line)[0].strip()
            if line.startswith("diary ") and line not in LONG_RUNNING:
                commands.append(line)
    return commands


def test_the_tour_sets_a_scratch_diary_first() -> None:
    """Before its first diary command, the tour points DIARY_DB at a scratch file of its own."""
    text = (ROOT / "README.md").read_text()
    tour = text[text.index("## A short tour"):]
    assert tour.index("export DIARY_DB=$PWD/tour.db") < tour.index("diary profile")


def test_every_tour_command_works_as_typed(tmp_path: Path) -> None:
    """Each command of the tour, run in order as a shell would split it, succeeds without a word on
    stderr beyond the first command's new-diary notice, and the diary ends up holding what the tour logged."""
    commands = tour_commands()
    assert len(commands) > 25
    env = {**os.environ, "DIARY_DB": str(tmp_path / "tour.db"), "DIARY_NOW": "2026-12-01T20:00:00+01:00",
           "DIARY_HOME": str(tmp_path / "home"), "TZ": "Europe/Berlin"}
    env.pop("DIARY_INTERACTIVE", None)
    for i, command in enumerate(commands):
        args = shlex.split(command)[1:]
        result = subprocess.run([sys.executable, "-m", "diary.cli", *args], env=env, cwd=tmp_path,
                                capture_output=True, text=True, stdin=subprocess.DEVNULL)
        expected_stderr = f"Made a new diary at {tmp_path / 'tour.db'}.\n" if i == 0 else ""
        assert (result.returncode, result.stderr) == (0, expected_stderr), command
        assert result.stdout, command
    import sqlite3

    conn = sqlite3.connect(tmp_path / "tour.db")
    try:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("episode", "intake", "adjustment", "quiet_day", "pgic", "peg", "medication", "reaction",
                            "complete_day")}
    finally:
        conn.close()
    assert counts == {"episode": 4, "intake": 7, "adjustment": 1, "quiet_day": 1, "pgic": 1, "peg": 1,
                      "medication": 1, "reaction": 1, "complete_day": 1}
    assert (tmp_path / "november.pdf").read_bytes().startswith(b"%PDF")
