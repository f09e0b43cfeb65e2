"""How long `diary foods search` takes end to end, against a floor, in one run.

DESIGN section 6: under 150 ms end to end over the whole food table. The floor is a bare
Python process that only imports sqlite3 (what any Python command costs before it does
anything). They are run interleaved (floor, each query, floor, ...) so machine noise hits
them alike; the script prints each median, its ratio to the floor, and whether 150 ms
was met. The default queries: a typical one (banana, 58 matches), an everyday name
(milk, 212) and the broadest single word in the table (cooked, 1,804 foods to rank).

    python bench/foods_search.py [--runs 40] [--query banana --query milk ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from _timing import interleaved_medians  # bench/ is on sys.path when a script here runs

TARGET_MS = 150.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--query", action="append", help="a search (repeat for several; default: banana, milk, cooked)")
    args = parser.parse_args()
    queries = args.query or ["banana", "milk", "cooked"]

    bindir = Path(sys.executable).parent
    diary_cmd = shutil.which("diary", path=str(bindir)) or shutil.which("diary")
    if not diary_cmd:
        raise SystemExit("diary is not installed in this environment: pip install -e .")

    with tempfile.TemporaryDirectory() as tmp:
        # A diary folder of its own, so nothing here can touch a real diary.
        env = {**os.environ, "DIARY_HOME": tmp, "DIARY_DB": str(Path(tmp) / "diary.db")}
        floor_name = "floor (python -c 'import sqlite3')"
        commands = {floor_name: [sys.executable, "-c", "import sqlite3"]}
        for query in queries:
            commands[f"diary foods search {query}"] = [diary_cmd, "foods", "search", query]
        medians = interleaved_medians(commands, env, args.runs, width=38)
    floor = medians.pop(floor_name)
    for name, ours in medians.items():
        verdict = "met" if ours < TARGET_MS else "NOT met"
        print(f"  {name}: {ours / floor:.2f}x the floor; under {TARGET_MS:.0f} ms end to end {verdict}")


if __name__ == "__main__":
    main()
