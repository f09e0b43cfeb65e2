"""How long `diary spasm 7` takes end to end, against a floor and a peer, in one run.

DESIGN section 6: faster than jrnl adding one entry, and within 4x of the floor (a bare
Python process that opens the same SQLite file with the standard library and inserts one
row). The three are run interleaved (floor, diary, jrnl, floor, ...) so machine noise hits
them alike; the script prints each median and the ratios.

    python bench/log_latency.py [--runs 40]

jrnl comes from `pip install jrnl` (in the test extras); without it the peer is skipped.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _timing import interleaved_medians  # bench/ is on sys.path when a script here runs

JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: true
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r %p'
version: v4.6
"""

RICH = "diary spasm 6 calf -a 'last night' ..."

FLOOR = (
    "import sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1])\n"
    "c.execute(\"INSERT INTO trigger (name, created_at) VALUES (hex(randomblob(8)), '2026-01-01 00:00:00.000000')\")\n"
    "c.commit()\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()

    bindir = Path(sys.executable).parent
    diary_cmd = shutil.which("diary", path=str(bindir)) or shutil.which("diary")
    jrnl_cmd = shutil.which("jrnl", path=str(bindir)) or shutil.which("jrnl")
    if not diary_cmd:
        raise SystemExit("diary is not installed in this environment: pip install -e .")

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        db = tmpdir / "diary.db"
        env = {**os.environ, "DIARY_DB": str(db), "XDG_CONFIG_HOME": str(tmpdir / "config"),
               "XDG_DATA_HOME": str(tmpdir / "data"), "HOME": str(tmpdir)}
        (tmpdir / "config" / "jrnl").mkdir(parents=True)
        (tmpdir / "config" / "jrnl" / "jrnl.yaml").write_text(JRNL_CONFIG.format(journal=tmpdir / "journal.txt"))
        # Make the diary first (its first use takes the full path: schema creation), then warm up.
        subprocess.run([diary_cmd, "spasm", "1"], env=env, check=True, stdout=subprocess.DEVNULL)
        commands = {
            "floor (python + sqlite3 insert)": [sys.executable, "-c", FLOOR, str(db)],
            "diary spasm 7": [diary_cmd, "spasm", "7"],
            # the richer line a patient types (a guessed time, an estimate, a site word, a trigger)
            RICH: [diary_cmd, "spasm", "6", "calf", "-a", "last night", "-f", "about 5 min", "-t", "cold"],
        }
        if jrnl_cmd:
            commands["jrnl (add one entry)"] = [jrnl_cmd, "Spasm 7 in the calf."]
        else:
            print("jrnl not found: pip install jrnl to compare with the peer")
        medians = interleaved_medians(commands, env, args.runs, width=40)
    floor = medians["floor (python + sqlite3 insert)"]
    ours = medians["diary spasm 7"]
    print(f"  diary / floor = {ours / floor:.2f}x (target: within 4x)")
    print(f"  rich  / floor = {medians[RICH] / floor:.2f}x (the longer line, for comparison)")
    if "jrnl (add one entry)" in medians:
        peer = medians["jrnl (add one entry)"]
        print(f"  diary / jrnl  = {ours / peer:.2f}x (target: below 1, faster than jrnl)")


if __name__ == "__main__":
    main()
