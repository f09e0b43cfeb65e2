"""Two terminals logging into one diary at the same time: every entry lands, nobody sees an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from diary.storage import open_diary
from tests.helpers import Diary

PER_PROCESS = 300
# A server command costs ~30 ms of client CPU (two sessions: the profile, then the write), so
# on PostgreSQL the same race runs with fewer entries to keep the suite fast.
PER_PROCESS_ON_A_SERVER = 100

# One "terminal": the same code path as `diary spasm ...`, 300 times in one process (a new
# process per command would make the test take a minute). Waits on stdin so both start together.
WRITER = """
import sys
from diary.cli import cli

location, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
sys.stdin.readline()
for i in range(count):
    try:
        cli.main(["--db", location, "spasm", str(i % 11), "--trigger", f"t{i % 7}", "--trigger", tag,
                  "--note", f"{tag}-{i}"], standalone_mode=False)
    except SystemExit as exc:
        if exc.code:
            print(f"exit {exc.code} on {tag}-{i}", file=sys.stderr, flush=True)
"""


def _writers(location: str, tags: list[str], count: int) -> list[subprocess.CompletedProcess[str]]:
    env = dict(os.environ, DIARY_BUSY_TIMEOUT="30", PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, location, tag, str(count)], env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for tag in tags]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def test_two_processes_logging_at_once_both_succeed(run: Diary) -> None:
    """2 x 300 spasms logged at the same time: 600 episodes, each with its note and triggers, no error shown
    (2 x 100 on PostgreSQL, where both writers also race to create the same new triggers)."""
    n = PER_PROCESS_ON_A_SERVER if "://" in run.location else PER_PROCESS
    with open_diary(run.location):
        pass  # made beforehand, so neither writer announces a new diary on stderr
    results = _writers(run.location, ["left", "right"], n)
    for result in results:
        assert (result.returncode, result.stderr) == (0, "")
        logged = [line for line in result.stdout.splitlines() if line.startswith("Logged spasm #")]
        assert len(logged) == n
    assert run.count("episode") == run.count("entry") == 2 * n
    notes = sorted(row[0] for row in run.rows("SELECT note FROM episode"))
    assert notes == sorted(f"{tag}-{i}" for tag in ("left", "right") for i in range(n))
    assert run.count("trigger") == 7 + 2
    assert run.count("episode_trigger") == 2 * 2 * n
    assert run.count("change") == 2 * n
    ids = {int(line.split("#")[1].split(":")[0]) for r in results for line in r.stdout.splitlines()
           if line.startswith("Logged spasm #")}
    assert ids == {row[0] for row in run.rows("SELECT id FROM episode")}


def test_two_terminals_marking_the_same_day_quiet_make_one_mark(run: Diary) -> None:
    """Two overlapping `quiet` commands for one day leave one quiet mark: writing commands run one after
    another (BEGIN IMMEDIATE on SQLite, a per-diary advisory lock on PostgreSQL)."""
    import datetime as dt
    import threading
    import time
    from zoneinfo import ZoneInfo

    from diary import entries

    tz = ZoneInfo("Europe/Berlin")
    now = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
    day = dt.date(2026, 11, 24)
    run("list")  # make the diary first
    run("spasm", "3", "--at", "2026-11-20 10:00", now="2026-11-25T10:00:00+01:00")
    first_inside = threading.Event()
    results: list[bool] = []

    def slow_first() -> None:
        with open_diary(run.location) as store:
            results.append(entries.mark_quiet(store, now, day, tz)[1])
            first_inside.set()
            time.sleep(0.5)  # still inside its transaction when the second one starts

    def second() -> None:
        first_inside.wait(5)
        with open_diary(run.location) as store:
            results.append(entries.mark_quiet(store, now, day, tz)[1])

    threads = [threading.Thread(target=slow_first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert sorted(results) == [False, True]
    assert run.rows("SELECT count(*) FROM quiet_day") == [(1,)]
