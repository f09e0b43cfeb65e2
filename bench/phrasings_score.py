"""Score everyday phrasings through the real `diary` command: right, asked or wrong.

Each row of a phrasings CSV (phrase, command, ndb, grams_min, grams_max, note, units) is
typed as a patient would (`diary eat a bowl of porridge`, words unquoted) into a scratch
diary whose profile has the row's units, with no terminal (so a question is a refusal with
the choices, exit 2). Then:

- right: logged, as one of the row's NDB numbers ("water" is plain water), grams in range;
- asked: nothing logged, a question or refusal with choices (exit 2), and the row allows it
  ("ask" among its numbers), or the row expects a food (then it is a needless question);
- wrong: logged anything else, or a food outside the grams range.

    python bench/phrasings_score.py [tests/data/heldout_style_phrasings.csv] [--show all|bad] [--exe CMD]

--exe runs another build of the program (to measure before a change), for example
--exe "env PYTHONPATH=/tmp/old .venv/bin/python -m diary".
"""

from __future__ import annotations

import argparse
import csv
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "data" / "heldout_style_phrasings.csv"


@dataclass
class Outcome:
    """What the command did with one phrasing, and how that is judged."""

    phrase: str
    command: str
    units: str
    verdict: str  # right, asked (allowed), needless (asked where a food was expected), wrong
    logged: str  # "NDB grams description" or the first line of the refusal


def diary_executable() -> str:
    """The `diary` of this checkout's virtual environment (else the one on PATH)."""
    local = ROOT / ".venv" / "bin" / "diary"
    return str(local) if local.exists() else (shutil.which("diary") or "diary")


def score(rows: list[dict[str, str]], exe: list[str] | None = None) -> list[Outcome]:
    """Run every row through the CLI (`exe`, default this checkout's), in two scratch diaries
    (uk and us units)."""
    exe = exe or [diary_executable()]
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="diary-phrasings-") as scratch:
        env = dict(os.environ, DIARY_HOME=str(Path(scratch) / "home"), TZ="Etc/UTC")
        env.pop("DIARY_INTERACTIVE", None)
        dbs = {}
        for units in ("uk", "us"):
            db = str(Path(scratch) / f"{units}.db")
            subprocess.run([*exe, "--db", db, "profile", "--units", units], env=env, check=True, cwd=scratch,
                           capture_output=True, text=True)
            dbs[units] = db
        for row in rows:
            db = dbs[row["units"]]
            before = last_intake(db)
            done = subprocess.run([*exe, "--db", db, row["command"], *row["phrase"].split()], env=env, cwd=scratch,
                                  capture_output=True, text=True, stdin=subprocess.DEVNULL)
            after = last_intake(db)
            outcomes.append(judge(row, done, after if after != before else None))
    return outcomes


def last_intake(db: str) -> tuple[int, str, str | None, float | None, str] | None:
    """The newest intake of the diary: (id, source, NDB, grams, description)."""
    with sqlite3.connect(db) as conn:
        got = conn.execute("SELECT id, source, food_ndb, grams, description FROM intake ORDER BY id DESC LIMIT 1"
                           ).fetchone()
    conn.close()
    return None if got is None else (int(got[0]), str(got[1]), got[2], got[3], str(got[4]))


def judge(row: dict[str, str], done: subprocess.CompletedProcess[str],
          logged: tuple[int, str, str | None, float | None, str] | None) -> Outcome:
    """right / asked / needless / wrong for one row (see the module's docstring)."""
    allowed = row["ndb"].split("|")
    base = Outcome(row["phrase"], row["command"], row["units"], "wrong", "")
    if logged is None:
        base.logged = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[0]
        if done.returncode == 2 and "ask" in allowed:
            base.verdict = "asked"
        elif done.returncode == 2:
            base.verdict = "needless"
        return base
    _, source, ndb, grams, description = logged
    food = "water" if source == "water" else (ndb or source)
    base.logged = f"{food} {grams or 0:g} g {description[:60]}"
    low = float(row["grams_min"]) if row["grams_min"] else None
    high = float(row["grams_max"]) if row["grams_max"] else None
    in_range = grams is not None and low is not None and high is not None and low - 0.5 <= grams <= high + 0.5
    if food in allowed and in_range:
        base.verdict = "right"
    return base


def shares(outcomes: list[Outcome]) -> dict[str, int]:
    """How many rows ended each way."""
    counts = {"right": 0, "asked": 0, "needless": 0, "wrong": 0}
    for o in outcomes:
        counts[o.verdict] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", nargs="?", default=str(DEFAULT))
    parser.add_argument("--show", choices=["all", "bad", "none"], default="bad",
                        help="which rows to list (bad: needless questions and wrong entries)")
    parser.add_argument("--exe", help="the diary command to run (default: this checkout's)")
    args = parser.parse_args()
    with open(args.csv, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    outcomes = score(rows, shlex.split(args.exe) if args.exe else None)
    for o in outcomes:
        if args.show == "all" or (args.show == "bad" and o.verdict in ("needless", "wrong")):
            print(f"{o.verdict:8} {o.units} {o.command:5} {o.phrase!r:38} -> {o.logged}")
    counts = shares(outcomes)
    n = len(outcomes)
    print(f"{n} phrasings: " + ", ".join(f"{k} {v} ({100 * v / n:.1f}%)" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
