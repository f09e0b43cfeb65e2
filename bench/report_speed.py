"""How long `diary report` takes for one heavy month with 12 months of trend, alone and
inside ten years.

DESIGN.md section 6: one month of a heavy diary (20 episodes and 30 intakes a day), with
the 12 months of its trend and its baseline, under 3 s; the same month inside a 10-year
diary no slower than 1.2x that (the queries read the months shown and the baseline
through the time indexes, never the whole history); peak memory of the report under
300 MB. In both diaries care begins five weeks after the first day (weekly adjustments
from then on), so the 10-year diary's baseline lies ten years before the month.

Both diaries are built fast with executemany straight into new SQLite files (made with
the current schema by diary.migrate.create_sqlite), not through the CLI. Each report
is run as its own process (`python -m diary report ...`), several times; the script
prints the medians, their ratio and the child's peak resident memory (ru_maxrss), and
the child's CPU time (user + system), which varies less than the wall clock when other
work shares the machine.
No assertion: a benchmark reports, the reader judges.

    python bench/report_speed.py [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from diary.dbtime import instant_to_db
from diary.storage.migrate import create_sqlite

TZ = ZoneInfo("Europe/Berlin")
MONTH = (2026, 10)
NOW = "2026-11-25T10:00:00+01:00"
EPISODES_PER_DAY = 20
INTAKES_PER_DAY = 30
SITES = ["lower-back", "calf", "neck", "hamstring", "thigh", "foot"]
SIDES = ["left", "right", "both", "centre"]
TRIGGERS = ["sitting", "lifting", "sleep", "exercise", "stress", "cold", "dehydration"]
# (description, water ml, Na, K, Mg, Ca) per portion; a few unknowns (None) like real foods.
FOODS = [
    ("Bananas, raw", 88.4, 1.2, 422.4, 31.9, 5.9), ("Milk, whole", 215.0, 105.0, 322.1, 24.4, 275.7),
    ("Spinach, raw", 54.8, 47.4, 334.8, 47.4, 59.4), ("Bread, wheat", 10.2, 137.2, 40.9, 11.9, 36.3),
    ("Salad dressing, KRAFT Mayo Light Mayonnaise", 8.3, 95.0, 7.8, None, 0.9),
]


def build(path: Path, first: dt.date, last: dt.date, seed: int = 5) -> int:
    """A heavy diary from `first` to `last`: every day 20 episodes, 30 intakes, and weekly
    adjustments from five weeks in (the 28 days before them are the baseline)."""
    rng = random.Random(seed)
    create_sqlite(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    entry, episode, intake, adjustment, episode_trigger = [], [], [], [], []
    next_id = 1
    day = first
    n_days = 0
    while day <= last:
        midnight = dt.datetime.combine(day, dt.time(0), tzinfo=TZ)
        for _ in range(EPISODES_PER_DAY):
            started = midnight + dt.timedelta(seconds=rng.randrange(86400))
            t = instant_to_db(started)
            logged = instant_to_db(started + dt.timedelta(minutes=rng.randrange(5, 600)))
            entry.append((next_id, "spasm", logged, logged))
            episode.append((next_id, t, rng.randint(1, 10), rng.choice([None, 30, 90, 300]), rng.choice(SITES),
                            rng.choice(SIDES), None, rng.choice([None, None, "after sitting at the desk all day"])))
            if rng.random() < 0.5:
                episode_trigger.append((next_id, rng.randint(1, len(TRIGGERS))))
            next_id += 1
        for _ in range(INTAKES_PER_DAY):
            taken = midnight + dt.timedelta(seconds=rng.randrange(6 * 3600, 23 * 3600))
            t = instant_to_db(taken)
            entry.append((next_id, "intake", t, t))
            if rng.random() < 0.4:
                intake.append((next_id, t, "water", None, "Water", "250 ml", 250.0, 250.0, 250.0, 0.0, 0.0, 0.0, 0.0,
                               None))
            else:
                name, water, na, k, mg, ca = rng.choice(FOODS)
                intake.append((next_id, t, "food", "09040", name, "1 portion", 100.0, None, water, na, k, mg, ca, None))
            next_id += 1
        if day.weekday() == 1 and day >= first + dt.timedelta(days=35):
            at = instant_to_db(midnight + dt.timedelta(hours=10))
            entry.append((next_id, "adjustment", at, at))
            adjustment.append((next_id, at, "Dr. Lee", "lumbar", None))
            next_id += 1
        day += dt.timedelta(days=1)
        n_days += 1
    stamp = instant_to_db(dt.datetime(2016, 1, 1, tzinfo=dt.UTC))
    with conn:
        conn.executemany("INSERT INTO trigger (id, name, created_at) VALUES (?, ?, ?)",
                         [(i, name, stamp) for i, name in enumerate(TRIGGERS, 1)])
        conn.execute("INSERT INTO profile (id, name, sex, birth_year, timezone, logs_every_spasm, created_at, "
                     "updated_at) VALUES (1, 'Bench Patient', 'female', 1979, 'Europe/Berlin', 0, ?, ?)",
                     (stamp, stamp))
        conn.executemany("INSERT INTO entry (id, kind, created_at, updated_at) VALUES (?, ?, ?, ?)", entry)
        conn.executemany("INSERT INTO episode (id, started_at, intensity, duration_s, site, side, relieved_by, note) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", episode)
        conn.executemany("INSERT INTO episode_trigger (episode_id, trigger_id) VALUES (?, ?)", episode_trigger)
        conn.executemany("INSERT INTO intake (id, taken_at, source, food_ndb, description, amount_text, grams, ml, "
                         "water_ml, sodium_mg, potassium_mg, magnesium_mg, calcium_mg, supplement_nutrient) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", intake)
        conn.executemany("INSERT INTO adjustment (id, at, provider, region, note) VALUES (?, ?, ?, ?, ?)", adjustment)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return len(entry)


def run_report(db: Path, out: Path) -> tuple[float, float, float]:
    """Wall-clock seconds, peak resident memory (MB) and CPU seconds of one `diary report` process."""
    env = dict(os.environ, DIARY_NOW=NOW, SOURCE_DATE_EPOCH="1764000000")
    cmd = [sys.executable, "-m", "diary", "--db", str(db), "report", "--month", f"{MONTH[0]}-{MONTH[1]:02d}",
           "--out", str(out), "--force"]  # each run replaces the last run's file
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"diary report failed ({proc.returncode}): {err}")
    return seconds, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the diaries in this folder and keep them")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="diary-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    month_last = dt.date(MONTH[0], MONTH[1] + 1, 1) - dt.timedelta(days=1)
    alone, decade = folder / "twelve-months.db", folder / "ten-years.db"
    for p in (alone, decade):
        for side in (p, Path(f"{p}-wal"), Path(f"{p}-shm")):
            side.unlink(missing_ok=True)
    t = time.perf_counter()
    n_alone = build(alone, dt.date(MONTH[0] - 1, MONTH[1], 1), month_last)  # the baseline month and 12 of trend
    n_decade = build(decade, dt.date(2016, 11, 1), month_last)
    print(f"built {n_alone:,} entries (13 months) and {n_decade:,} entries (10 years) in "
          f"{time.perf_counter() - t:.1f} s", file=sys.stderr)

    results = {}
    for name, db in (("month in 13 months", alone), ("month in 10 years", decade)):
        run_report(db, folder / "warm-up.pdf")  # fill the OS file cache and Python's bytecode cache
        runs = [run_report(db, folder / f"{db.stem}.pdf") for _ in range(args.runs)]
        seconds = [s for s, _, _ in runs]
        cpu = [c for _, _, c in runs]
        results[name] = (statistics.median(seconds), max(m for _, m, _ in runs))
        print(f"{name:18s} median {results[name][0]:.2f} s over {args.runs} runs "
              f"(min {min(seconds):.2f}, max {max(seconds):.2f}); CPU median {statistics.median(cpu):.2f} s; "
              f"peak memory {results[name][1]:.0f} MB")
    base, big = results["month in 13 months"][0], results["month in 10 years"][0]
    print(f"ratio 10 years / 13 months: {big / base:.2f} (target <= 1.2); "
          f"month with 12 months of trend {base:.2f} s (target < 3 s); "
          f"peak memory {max(m for _, m in results.values()):.0f} MB (target < 300 MB)")
    if not args.keep:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
