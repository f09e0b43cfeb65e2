"""diary export and diary import: lossless round trips, all-or-nothing imports, exact refusals."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diary import entries, exchange
from diary.cli import cli
from diary.errors import ImportRejected, InvalidEntry
from diary.profile import set_profile
from diary.storage import open_diary
from diary.vocab import CHANGE_ACTIONS, SIDES, SITES
from tests.helpers import POSTGRES, Diary, dump_tables

NOW = "2026-11-25T10:00:00+01:00"
UTC = dt.UTC
BERLIN = ZoneInfo("Europe/Berlin")


def fill(run: Diary) -> None:
    """A small diary with every kind of thing in it, made through the commands."""
    run("profile", "--sex", "female", "--born", "1979", "--timezone", "Europe/Berlin", "--name", "A. Patient", now=NOW)
    run("spasm", "7", "--site", "calf", "--side", "left", "--for", "90s", "--trigger", "lifting",
        "--trigger", "cold weather", "--note", 'said "ouch", twice\nthen slept', "--at", "yesterday 21:30", now=NOW)
    run("spasm", "3", "--note", "", "--relieved-by", "  heat  ", "--at", "2h ago", now=NOW)
    run("spasm", "9", "--trigger", "lifting", "--at", "3 days ago 10:00", now=NOW)
    run("drink", "500ml", "--at", "08:00", now=NOW)
    run("adjust", "--by", "Dr. Lee", "--region", "lumbar", "--at", "2026-11-23 10:00", now=NOW)
    run("quiet", "2026-11-20", "--note", "long walk, felt fine", now=NOW)
    run("delete", "2", now=NOW)
    run("edit", "1", "--intensity", "6", now="2026-11-25T10:00:30+01:00")
    run("spasm", "2", now=NOW)
    run("undo", now=NOW)
    with open_diary(run.location) as store:
        food = store.insert("own_food", {
            "name": "my electrolyte drink", "basis": "serving", "serving_text": "500 ml", "serving_grams": 500.0,
            "serving_ml": 500.0, "is_drink": True, "water_ml": 480.0, "sodium_mg": 460.0, "potassium_mg": 380.0,
            "magnesium_mg": 24.0, "calcium_mg": None, "created_at": dt.datetime(2026, 11, 1, tzinfo=UTC),
            "updated_at": dt.datetime(2026, 11, 2, tzinfo=UTC)})
        entries.log_intake(store, dt.datetime(2026, 11, 24, 12, tzinfo=UTC), {
            "taken_at": dt.datetime(2026, 11, 24, 11, 59, 59, 123456, tzinfo=UTC), "source": "own_food",
            "own_food_id": food, "description": "my electrolyte drink", "amount_text": "1 serving",
            "grams": 500.0, "ml": 500.0, "water_ml": 480.0, "sodium_mg": 460.0, "potassium_mg": 380.0,
            "magnesium_mg": 24.0, "calcium_mg": None, "note": "after the run"})
        entries.log_intake(store, dt.datetime(2026, 11, 24, 20, tzinfo=UTC), {
            "taken_at": dt.datetime(2026, 11, 24, 20, tzinfo=UTC), "source": "supplement",
            "description": "magnesium", "amount_text": "200 mg", "magnesium_mg": 200.0,
            "supplement_nutrient": "magnesium"})


def counts(run: Diary) -> dict[str, int]:
    return {t: len(rows) for t, rows in run.dump().items()}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_then_import_into_an_empty_diary_gives_the_same_rows(
        run: Diary, new_diary_db: Callable[[], str], tmp_path: Path, fmt: str) -> None:
    """Every row of every table, deleted entries and the undo journal included, survives a round trip."""
    fill(run)
    out = tmp_path / f"export.{fmt}"
    result = run("export", "--out", str(out), now=NOW)
    assert result.stdout == f"Exported 9 entries (24 rows) to {out} ({fmt}).\n"
    copy = Diary(new_diary_db(), run.monkeypatch)
    result = copy("import", str(out), now=NOW)
    assert (result.exit_code, result.stdout) == (0, (
        f"Imported 1 profile, 1 own food, 2 triggers, 4 spasms, 3 intakes, 1 adjustment, 1 quiet day, "
        f"11 undo-journal changes (2 of the entries deleted, as in the file) from {out}.\n"))
    before, after = run.dump(), copy.dump()
    assert after == before
    assert sum(map(len, after.values())) == 1 + 1 + 2 + 9 + 4 + 3 + 1 + 1 + 3 + 11


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_imported_diary_goes_on_numbering_after_the_imported_ids(
        run: Diary, new_diary_db: Callable[[], str], tmp_path: Path, fmt: str) -> None:
    """After an import, the next entry, trigger and journal row get new ids (PostgreSQL sequences too)."""
    fill(run)
    out = tmp_path / f"export.{fmt}"
    run("export", "--out", str(out), now=NOW)
    copy = Diary(new_diary_db(), run.monkeypatch)
    copy("import", str(out), now=NOW)
    result = copy("spasm", "4", "--trigger", "stress", now=NOW)
    assert result.stdout.startswith("Logged spasm #10: 4/10, trigger stress")
    assert copy.rows("SELECT id FROM trigger WHERE name = 'stress'") == [(3,)]
    assert copy.rows("SELECT max(id) FROM change") == [(12,)]
    assert copy("undo", now=NOW).exit_code == 0
    assert copy.rows("SELECT deleted_at IS NOT NULL FROM entry WHERE id = 10") in ([(1,)], [(True,)])


def test_the_export_file_is_the_owners_only_and_never_clobbered(run: Diary, tmp_path: Path) -> None:
    """An export is written 0600 even with a permissive umask, and an existing file is kept unless --force."""
    fill(run)
    out = tmp_path / "export.json"
    old = os.umask(0)
    try:
        assert run("export", "--out", str(out), now=NOW).exit_code == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o600
    out.write_text("my own notes\n")
    out.chmod(0o644)
    result = run("export", "--out", str(out), now=NOW)
    assert (result.exit_code, result.stderr) == (
        2, f"Error: Invalid value for --out: {out} exists already: choose a new file, or add --force to replace it "
           "(see 'diary export --help')\n")
    assert out.read_text() == "my own notes\n"
    assert run("export", "--out", str(out), "--force", now=NOW).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o600
    assert json.loads(out.read_text())["format"] == "diary export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".export")] == []


def test_an_export_never_replaces_the_diary_itself(run_sqlite: Diary) -> None:
    """--out naming the diary (even with --force) is refused in one line, exit 2, and the diary keeps its bytes."""
    run_sqlite("spasm", "5", now=NOW)
    path = Path(run_sqlite.location)
    before = path.read_bytes()
    for out in (str(path), f"{path.parent}/../{path.parent.name}/{path.name}"):
        result = run_sqlite("export", "--out", out, "--force", now=NOW)
        assert (result.exit_code, result.stderr) == (
            2, f"Error: Invalid value for --out: {out} is the diary {path} or one of its own files (its -wal, -shm or "
               "-journal file, a backup): choose another file (see 'diary export --help')\n")
    assert path.read_bytes() == before


def test_export_to_the_terminal_reads_back(run: Diary, new_diary_db: Callable[[], str], tmp_path: Path) -> None:
    """Without --out the export goes to stdout, and that text imports to the same rows."""
    fill(run)
    result = run("export", "--format", "csv", now=NOW)
    assert result.stdout.startswith("kind,id,name,")
    path = tmp_path / "piped.csv"
    path.write_text(result.stdout, newline="")
    copy = Diary(new_diary_db(), run.monkeypatch)
    assert copy("import", str(path), now=NOW).exit_code == 0
    assert copy.dump() == run.dump()


def test_exporting_a_diary_that_does_not_exist_makes_nothing(run_sqlite: Diary, tmp_path: Path) -> None:
    """Export of a missing diary says so in one line, exit 1, and creates neither the diary nor the file."""
    out = tmp_path / "x.json"
    result = run_sqlite("export", "--out", str(out), now=NOW)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: there is no diary at {run_sqlite.location} yet: nothing to export\n")
    assert not out.exists() and not Path(run_sqlite.location).exists()


def test_export_help_documents_the_csv_format() -> None:
    """diary export --help says how the one-file CSV is laid out, so a person can read it."""
    text = CliRunner().invoke(cli, ["export", "--help"]).stdout
    for phrase in ("first\n  column, kind", "quoted empty cell", "UTC in ISO 8601", "one trigger per line", "0600"):
        assert phrase.replace("\n  ", " ") in " ".join(text.split()), phrase


# --- all or nothing ----------------------------------------------------------------------------


def _export(run: Diary, tmp_path: Path, fmt: str) -> Path:
    fill(run)
    out = tmp_path / f"good.{fmt}"
    assert run("export", "--out", str(out), now=NOW).exit_code == 0
    return out


@pytest.fixture(scope="module")
def good_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One good CSV export of `fill`'s diary, made once for the tests that spoil a copy of it."""
    folder = tmp_path_factory.mktemp("good")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TZ", "Europe/Berlin")
        return _export(Diary(str(folder / "source.db"), mp), folder, "csv")


def _csv_rows_of(path: Path) -> list[list[str]]:
    return [[cell for cell, _ in cells] for _, cells in exchange.csv_rows(path.read_text())]


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="") as f:
        for row in rows:
            f.write(",".join(exchange.csv_cell(c) if c != "" else "" for c in row) + "\r\n")


def _set(rows: list[list[str]], kind: str, n: int, column: str, value: str) -> None:
    """Set `column` of the n-th row of `kind` (0-based) in CSV rows."""
    col = rows[0].index(column)
    [r for r in rows if r[0] == kind][n][col] = value


CSV_BAD_ROWS = [
    ("spasm", 0, "intensity", "12", "intensity 12 is out of range: use 0 to 10"),
    ("spasm", 1, "intensity", "seven", "intensity 'seven' is not a whole number"),
    ("spasm", 0, "site", "lumbar", f"site 'lumbar' is not allowed: use one of {', '.join(SITES)}"),
    ("spasm", 0, "side", "up", f"side 'up' is not allowed: use one of {', '.join(SIDES)}"),
    ("spasm", 0, "duration_s", "-5", "duration_s -5 is negative"),
    ("spasm", 0, "started_at", "2026-11-24 21:30", "started_at '2026-11-24 21:30' has no UTC offset: write it as UTC with a Z, like 2026-11-20T08:30:00Z"),
    ("spasm", 0, "started_at", "", "started_at is missing: a spasm row needs one"),
    ("spasm", 0, "triggers", "Lifting", "triggers: trigger 'Lifting' must be written as 'lifting' (lower case, single spaces)"),
    ("spasm", 0, "basis", "serving", "a spasm row has no field 'basis'"),
    ("intake", 0, "sodium_mg", "-1.0", "sodium_mg -1.0 is negative"),
    ("intake", 0, "water_ml", "nan", "water_ml nan is not a finite number"),
    ("intake", 0, "own_food_id", "99", "own_food_id 99 names no own_food row of the file"),
    ("intake", 0, "source", "juice", "source 'juice' is not allowed: use one of water, food, own_food, supplement"),
    ("intake", 0, "amount_text", "x" * 65, "amount_text is longer than 64 characters"),
    ("quiet", 0, "day", "20.11.2026", "day '20.11.2026' is not a day like 2026-11-20"),
    ("profile", 0, "birth_year", "1850", "birth_year 1850 is out of range: use 1900 to 2100"),
    ("profile", 0, "timezone", "Mars/Olympus", "timezone 'Mars/Olympus' is unknown: use an IANA name like Europe/Berlin"),
    ("profile", 0, "logs_every_spasm", "yes", "logs_every_spasm 'yes' is not true or false"),
    ("own_food", 0, "basis", "cup", "basis 'cup' is not allowed: use one of serving, 100g"),
    ("change", 0, "action", "purge", f"action 'purge' is not allowed: use one of {', '.join(CHANGE_ACTIONS)}"),
    ("change", 0, "entry_id", "404", "entry_id 404 names no entry of the file"),
    ("change", 7, "before", '{"made_up": 1}', "before names made_up, which a spasm entry cannot have edited"),
    ("change", 7, "before", "not json", "before is not a JSON object of the values an edit replaced"),
    ("change", 1, "id", "1", "change id 1 appears twice (first on line 17)\nline {line}: batch 2 names no change of the file"),
    ("trigger", 1, "name", "lifting", "trigger name 'lifting' appears twice (first on line 4)"),
]


@pytest.mark.parametrize("kind, n, column, value, message", CSV_BAD_ROWS, ids=[f"{r[0]}-{r[2]}-{r[3][:12]}" for r in CSV_BAD_ROWS])
def test_a_bad_csv_row_is_reported_by_line_and_nothing_is_written(
        run_sqlite: Diary, good_csv: Path, tmp_path: Path, kind: str, n: int, column: str, value: str, message: str) -> None:
    """One bad cell: its line and what is wrong on stderr, exit 2, and the target diary is not even made."""
    rows = _csv_rows_of(good_csv)
    _set(rows, kind, n, column, value)
    bad = tmp_path / "bad.csv"
    _write_csv(bad, rows)
    lines = {cells[0][0] + str(i): start for i, (start, cells) in enumerate(exchange.csv_rows(bad.read_text()))}
    index = [i for i, r in enumerate(rows) if r[0] == kind][n]
    line = lines[kind + str(index)]
    result = run_sqlite("import", str(bad), now=NOW)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"line {line}: {message.format(line=line)}\n"
                             f"Error: nothing was imported: 1 bad row in {bad} (fix it and import again)\n")
    assert not Path(run_sqlite.location).exists()


def test_every_bad_row_is_reported_not_just_the_first(run: Diary, good_csv: Path, tmp_path: Path) -> None:
    """Several bad rows: each gets its own line, in file order, the count says how many rows, nothing is written."""
    run("spasm", "5", now=NOW)
    before = run.dump()
    rows = _csv_rows_of(good_csv)
    _set(rows, "spasm", 2, "intensity", "11")
    _set(rows, "spasm", 2, "site", "moon")
    _set(rows, "quiet", 0, "day", "yesterday")
    bad = tmp_path / "bad.csv"
    _write_csv(bad, rows)
    result = run("import", str(bad), now=NOW)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "line 10: intensity 11 is out of range: use 0 to 10",
        f"line 10: site 'moon' is not allowed: use one of {', '.join(SITES)}",
        "line 13: day 'yesterday' is not a day like 2026-11-20",
        f"Error: nothing was imported: 2 bad rows in {bad} (fix them and import again)",
    ]
    assert run.dump() == before


def test_a_bad_json_record_is_reported_by_its_line(run: Diary, new_diary_db: Callable[[], str], tmp_path: Path) -> None:
    """JSON records are reported by the line they start on, whatever the layout of the file."""
    data = json.loads(_export(run, tmp_path, "json").read_text())
    data["records"][5]["intensity"] = 12
    data["records"][6]["intensity"] = "7"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, indent=2))
    text = bad.read_text().splitlines()
    starts = [i + 1 for i, t in enumerate(text) if t == "    {"]
    target = Diary(new_diary_db(), run.monkeypatch)
    result = target("import", str(bad), now=NOW)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"line {starts[5]}: intensity 12 is out of range: use 0 to 10",
        f"line {starts[6]}: intensity \"7\" is not a whole number",
        f"Error: nothing was imported: 2 bad rows in {bad} (fix them and import again)",
    ]
    assert sum(map(len, target.dump().values())) == 0


@pytest.mark.parametrize("content, message", [
    (b"", "line 1 of {f}: the file is empty: not a diary export; nothing was imported"),
    (b"shopping list\nbananas\n", "line 1 of {f}: not a diary export: the first line must be the header, starting with kind; nothing was imported"),
    (b"kind,id,colour\n", "line 1 of {f}: unknown column 'colour' in the header (a newer diary's export? upgrade diary); nothing was imported"),
    (b'{"format": "diary export", "version": 1, "schema": "0001", "records": [\n{"kind": "spasm",}\n]}',
     "line 2 of {f}: not valid JSON: Expecting property name enclosed in double quotes (column 18); nothing was imported"),
    (b'{"format": "diary export", "version": 2, "schema": "0001", "records": []}',
     "line 1 of {f}: export format version 2 is not one this diary can read (it reads version 1): upgrade diary; nothing was imported"),
    (b'{"format": "diary export", "version": 1, "schema": "ffff", "records": []}',
     "line 1 of {f}: the export comes from a newer diary (schema 'ffff'): upgrade diary; nothing was imported"),
    (b'{"format": "diary export", "version": 1, "schema": "0001"}',
     "line 1 of {f}: not a diary export (no \"records\": [...] list); nothing was imported"),
    (b'{"format": "diary export", "version": 1, "schema": "0001", "records": [],\n "records": []}',
     "line 2 of {f}: \"records\" appears twice: merge the two lists into one; nothing was imported"),
    (b'{"name": "someone else\'s json"}', "line 1 of {f}: not a diary export (no \"format\": \"diary export\"); nothing was imported"),
    (b"kind,id\nspasm,\"1\n", "line 2 of {f}: a quoted cell is never closed (a \" is missing); nothing was imported"),
    (b"kind,id\nspasm,1\xff\n", "line 2 of {f} is not UTF-8 text; nothing was imported (export files are UTF-8)"),
    (b"\x00\x01SQLite format 3\x00", "line 1 of {f}: not a diary export: the first line must be the header, starting with kind; nothing was imported"),
])
def test_a_file_that_is_not_an_export_is_refused_in_one_line(
        run_sqlite: Diary, tmp_path: Path, content: bytes, message: str) -> None:
    """Whatever the file holds, a file that is not a readable export gets one line, exit 2, nothing written."""
    bad = tmp_path / "file.txt"
    bad.write_bytes(content)
    run_sqlite("spasm", "5", now=NOW)
    before = Path(run_sqlite.location).read_bytes()
    result = run_sqlite("import", str(bad), now=NOW)
    assert (result.exit_code, result.stderr) == (2, "Error: " + message.format(f=bad) + "\n")
    assert Path(run_sqlite.location).read_bytes() == before


def test_a_csv_row_with_the_wrong_number_of_cells_is_refused(run_sqlite: Diary, tmp_path: Path) -> None:
    """A row with a cell too many or too few is named by its line, not silently shifted."""
    bad = tmp_path / "short.csv"
    bad.write_text("kind,id,started_at,intensity,created_at,updated_at\r\nspasm,1,2026-11-20T08:00:00Z,5,2026-11-20T08:00:00Z\r\n")
    result = run_sqlite("import", str(bad), now=NOW)
    assert (result.exit_code, result.stderr) == (
        2, f"line 2: 5 cells, but the header has 6\nError: nothing was imported: 1 bad row in {bad} (fix it and import again)\n")


def test_a_hand_written_minimal_csv_imports(run: Diary, tmp_path: Path) -> None:
    """Only the columns a row needs: missing columns are no value, and a trigger without a row is made."""
    path = tmp_path / "mine.csv"
    path.write_text("kind,id,started_at,intensity,created_at,updated_at,triggers\n"
                    "spasm,40,2026-11-20T08:00:00+01:00,5,2026-11-20T08:00:00Z,2026-11-20T08:00:00Z,stress\n")
    result = run("import", str(path), now=NOW)
    assert result.stdout == f"Imported 1 trigger, 1 spasm from {path}.\n"
    assert run.rows("SELECT id, started_at, intensity, duration_s FROM episode") == [
        (40, "2026-11-20 07:00:00.000000", 5, None)]
    assert run.rows("SELECT name, created_at FROM trigger") == [("stress", "2026-11-20 08:00:00.000000")]


# --- refusing what is already there ---------------------------------------------------------------


def test_importing_the_same_file_twice_adds_nothing_the_second_time(run: Diary, tmp_path: Path) -> None:
    """Re-importing a diary's own export names every entry as already there and writes nothing."""
    out = _export(run, tmp_path, "csv")
    before = run.dump()
    result = run("import", str(out), now=NOW)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "line 6: this spasm is already in the diary as #1 (same time and content)"
    assert "line 13: this quiet day is already in the diary as #6 (same time and content)" in lines
    assert lines[-1] == f"Error: nothing was imported: 9 rows of {out} are already in this diary or clash with it"
    assert run.dump() == before


def test_an_entry_id_already_used_by_other_content_is_refused(
        run: Diary, new_diary_db: Callable[[], str], tmp_path: Path) -> None:
    """A different entry under an id the diary uses is refused (ids are kept, never silently renumbered)."""
    out = _export(run, tmp_path, "json")
    other = Diary(new_diary_db(), run.monkeypatch)
    other("drink", "250ml", now=NOW)
    before = other.dump()
    result = other("import", str(out), now=NOW)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "line 6: entry id 1 is already used in this diary by another intake (import into an empty diary)")
    assert other.dump() == before


def test_entries_with_free_ids_join_a_diary_and_the_journal_is_appended(
        run: Diary, new_diary_db: Callable[[], str], tmp_path: Path) -> None:
    """Importing into a diary whose ids are disjoint keeps every id and puts the imported journal after its own."""
    source = Diary(new_diary_db(), run.monkeypatch)
    source("spasm", "5", "--trigger", "sleep", now=NOW)
    out = tmp_path / "one.json"
    source("export", "--out", str(out), now=NOW)
    data = json.loads(out.read_text())
    data["records"][1]["id"] = 50
    data["records"][2]["entry_id"] = 50
    out.write_text(json.dumps(data))
    run("spasm", "7", "--trigger", "lifting", now=NOW)
    result = run("import", str(out), now=NOW)
    assert result.stdout == f"Imported 1 trigger, 1 spasm, 1 undo-journal change from {out}.\n"
    assert run.rows("SELECT id, intensity FROM episode ORDER BY id") == [(1, 7), (50, 5)]
    assert run.rows("SELECT id, action, entry_id FROM change ORDER BY id") == [(1, "add", 1), (2, "add", 50)]
    assert run.rows("SELECT t.name FROM episode_trigger et JOIN trigger t ON t.id = et.trigger_id "
                    "WHERE et.episode_id = 50") == [("sleep",)]


# --- the quiet-day rule: a day with a spasm is not quiet, whichever way the two arrive -------------


def _minimal_csv(path: Path, *rows: str) -> Path:
    path.write_text("kind,id,started_at,intensity,day,deleted_at,created_at,updated_at\n" + "".join(
        f"{row}\n" for row in rows))
    return path


SPASM_ROW = "spasm,{id},2026-11-20T23:30:00+01:00,5,,{deleted},2026-11-20T22:30:00Z,2026-11-20T22:30:00Z"
QUIET_ROW = "quiet,{id},,,2026-11-20,{deleted},2026-11-21T08:00:00Z,2026-11-21T08:00:00Z"


def test_a_file_with_a_spasm_and_a_quiet_mark_on_one_day_is_refused_before_the_diary_is_made(
        run: Diary, tmp_path: Path) -> None:
    """The late-evening spasm is on 20 Nov in the profile's timezone (Berlin), the day the file also marks quiet."""
    path = _minimal_csv(tmp_path / "both.csv", SPASM_ROW.format(id=40, deleted=""), QUIET_ROW.format(id=41, deleted=""))
    result = run("import", str(path), now=NOW)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "line 3: a quiet mark for 2026-11-20, a day with a spasm on line 2: a day with a spasm is not quiet",
        f"Error: nothing was imported: 1 bad row in {path} (fix it and import again)"]
    assert not os.path.exists(run.location) or run.count("entry") == 0


def test_a_deleted_spasm_or_mark_does_not_count_against_the_rule(run: Diary, tmp_path: Path) -> None:
    path = _minimal_csv(tmp_path / "both.csv", SPASM_ROW.format(id=40, deleted="2026-11-21T09:00:00Z"),
                        QUIET_ROW.format(id=41, deleted=""))
    assert run("import", str(path), now=NOW).exit_code == 0
    assert run.rows("SELECT id, day FROM quiet_day") == [(41, "2026-11-20")]


def test_a_quiet_mark_is_not_imported_onto_a_day_the_diary_has_a_spasm(run: Diary, tmp_path: Path) -> None:
    run("profile", "--timezone", "Europe/Berlin", now=NOW)
    run("spasm", "6", "--at", "2026-11-20 23:30", now=NOW)
    before = run.dump()
    path = _minimal_csv(tmp_path / "quiet.csv", QUIET_ROW.format(id=41, deleted=""))
    result = run("import", str(path), now=NOW)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "line 2: a quiet mark for 2026-11-20, a day with a spasm in this diary (#1): a day with a spasm is not quiet")
    assert run.dump() == before


def test_a_spasm_is_not_imported_onto_a_day_the_diary_marks_quiet(run: Diary, tmp_path: Path) -> None:
    run("profile", "--timezone", "Europe/Berlin", now=NOW)
    run("quiet", "2026-11-20", now=NOW)
    before = run.dump()
    path = _minimal_csv(tmp_path / "spasm.csv", SPASM_ROW.format(id=40, deleted=""))
    result = run("import", str(path), now=NOW)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "line 2: a spasm on 2026-11-20, a day this diary marks quiet (#1; diary delete 1 if it had a spasm after all)")
    assert run.dump() == before


def test_an_own_food_of_the_same_name_with_other_values_is_refused(run: Diary, tmp_path: Path) -> None:
    """Two different foods under one name would make intakes ambiguous: refused, nothing written."""
    out = _export(run, tmp_path, "json")
    data = json.loads(out.read_text())
    data["records"] = [r for r in data["records"] if r["kind"] == "own_food"]
    data["records"][0]["sodium_mg"] = 999.0
    out.write_text(json.dumps(data))
    before = run.dump()
    result = run("import", str(out), now=NOW)
    assert (result.exit_code, result.stderr) == (2, (
        "line 1: own food 'my electrolyte drink' is already in this diary with other values\n"
        f"Error: nothing was imported: 1 row of {out} is already in this diary or clash with it\n"))
    assert run.dump() == before


def test_a_different_profile_is_refused_and_the_same_one_is_fine(run: Diary, tmp_path: Path) -> None:
    """An import never overwrites the patient's settings; the same settings are simply kept."""
    out = _export(run, tmp_path, "json")
    data = json.loads(out.read_text())
    data["records"] = [r for r in data["records"] if r["kind"] == "profile"]
    out.write_text(json.dumps(data))
    assert run("import", str(out), now=NOW).stdout == f"Imported nothing new from {out}.\n"
    data["records"][0]["birth_year"] = 1980
    out.write_text(json.dumps(data))
    result = run("import", str(out), now=NOW)
    assert result.stderr.splitlines()[0] == (
        "line 1: this diary already has a profile with another birth_year (1979, the file says 1980)")
    assert run.rows("SELECT birth_year FROM profile") == [(1979,)]


# --- the property: any diary survives the round trip ------------------------------------------------

TEXT = st.one_of(st.none(), st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12))
WORD = st.text("abcxyz -é", min_size=1, max_size=8).map(lambda s: " ".join(s.split())).filter(bool)
T0 = dt.datetime(2026, 1, 1, tzinfo=UTC)
LATER = dt.datetime(2027, 1, 1, tzinfo=UTC)  # an import's clock after everything the tests make
MOMENT = st.integers(0, 300 * 86400 * 1000).map(lambda ms: T0 + dt.timedelta(milliseconds=ms, microseconds=ms % 997))
NUMBER = st.one_of(st.none(), st.floats(0, 5e4, allow_nan=False, allow_infinity=False))

OPS = st.lists(st.one_of(
    st.tuples(st.just("spasm"), MOMENT, st.integers(0, 10), st.one_of(st.none(), st.integers(0, 86400)),
              st.one_of(st.none(), st.sampled_from(SITES)), st.one_of(st.none(), st.sampled_from(SIDES)),
              st.lists(WORD, max_size=3), TEXT, TEXT),
    st.tuples(st.just("drink"), MOMENT, st.floats(1, 5000, allow_nan=False), TEXT),
    st.tuples(st.just("food"), MOMENT, WORD, NUMBER, NUMBER, st.booleans()),
    st.tuples(st.just("adjust"), MOMENT, TEXT, TEXT, TEXT),
    st.tuples(st.just("quiet"), MOMENT, TEXT),
    st.tuples(st.just("edit"), st.integers(0, 50), st.integers(0, 10), TEXT),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("profile"), st.sampled_from(["female", "male", None]), st.integers(1900, 2026), TEXT, st.booleans()),
), max_size=25)


def build(location: str, ops: list[tuple]) -> None:
    """A random diary made only through the domain functions, as the commands would."""
    with open_diary(location) as store:
        ids: list[int] = []
        for op in ops:
            now = T0 + dt.timedelta(days=301, seconds=len(ids))
            kind = op[0]
            if kind == "spasm":
                _, at, intensity, duration, site, side, triggers, relieved, note = op
                ids.append(entries.log_episode(store, now, started_at=at, intensity=intensity, duration_s=duration,
                                               site=site, side=side, triggers=triggers, relieved_by=relieved, note=note))
            elif kind == "drink":
                ids.append(entries.log_intake(store, now, entries.water_intake(op[1], op[2], f"{op[2]} ml", op[3])))
            elif kind == "food":
                _, at, name, sodium, water, drink = op
                found = store.rows("SELECT id FROM own_food WHERE name = :n", {"n": name})
                food = found[0][0] if found else store.insert("own_food", {
                    "name": name, "basis": "100g", "is_drink": drink, "sodium_mg": sodium, "water_ml": water,
                    "created_at": now, "updated_at": now})
                ids.append(entries.log_intake(store, now, {
                    "taken_at": at, "source": "own_food", "own_food_id": food, "description": name,
                    "amount_text": "100 g", "grams": 100.0, "sodium_mg": sodium, "water_ml": water}))
            elif kind == "adjust":
                ids.append(entries.log_adjustment(store, now, at=op[1], provider=op[2], region=op[3], note=op[4]))
            elif kind == "quiet":
                day = op[1].astimezone(BERLIN).date()
                if not entries.episodes_on(store, day, BERLIN):
                    ids.append(entries.mark_quiet(store, now, day, BERLIN, op[2])[0])
            elif kind in ("edit", "delete") and ids:
                target = ids[op[1] % len(ids)]
                with contextlib.suppress(InvalidEntry, entries.EntryNotFound):
                    if kind == "delete":
                        entries.delete_entry(store, now, target, BERLIN)
                    else:
                        kind_of = store.rows("SELECT kind FROM entry WHERE id = :i", {"i": target})[0][0]
                        changes = {"intensity": op[2]} if kind_of == "spasm" else {"note": op[3]}
                        entries.edit_entry(store, now, target, BERLIN, changes)
            elif kind == "undo":
                with contextlib.suppress(entries.NothingToUndo):
                    entries.undo(store, now, BERLIN)
            elif kind == "profile":
                set_profile(store, now, {"sex": op[1], "birth_year": op[2], "name": op[3],
                                                 "logs_every_spasm": op[4], "timezone": "Europe/Berlin"})


def round_trip(source: str, target: str, fmt: str) -> tuple[dict, dict]:
    with open_diary(source, write=False) as store:
        text = exchange.export_text(store, fmt, T0)
    imported = exchange.parse_import(text, f"x.{fmt}", now=LATER)
    with open_diary(target) as store:
        exchange.import_records(store, imported)
    return dump_tables(source), dump_tables(target)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=OPS, fmt=st.sampled_from(["csv", "json"]))
def test_any_diary_survives_export_and_import(ops: list[tuple], fmt: str) -> None:
    """A random diary made through the domain functions exports and imports into an empty one unchanged."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = os.path.join(folder, "a.db"), os.path.join(folder, "b.db")
        build(source, ops)
        before, after = round_trip(source, target, fmt)
    assert after == before
    assert len(before["entry"]) == len(before["change"]) - sum(1 for row in before["change"] if row[2] != "add")


@contextlib.contextmanager
def _two_postgres_databases() -> Iterator[tuple[str, str]]:
    from tests.helpers import drop_server_diary, new_server_diary

    made = [new_server_diary(), new_server_diary()]
    try:
        for url in made:
            with open_diary(url, write=False):
                pass  # create the schema once
        yield made[0], made[1]
    finally:
        for url in made:
            drop_server_diary(url)


def _empty(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text('TRUNCATE entry, episode, intake, adjustment, quiet_day, trigger, episode_trigger, '
                              'profile, own_food, change RESTART IDENTITY CASCADE'))
    finally:
        engine.dispose()


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES, reason="DIARY_TEST_POSTGRES is not set")
def test_any_diary_survives_export_and_import_on_postgres() -> None:
    """The same property on a PostgreSQL server (fewer examples: each one empties two databases)."""
    with _two_postgres_databases() as (source, target):

        @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(ops=OPS, fmt=st.sampled_from(["csv", "json"]))
        def check(ops: list[tuple], fmt: str) -> None:
            _empty(source)
            _empty(target)
            build(source, ops)
            before, after = round_trip(source, target, fmt)
            assert after == before

        check()


# --- hostile files: any change to an export imports whole or is refused by line ------------------------------------

JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False),
              st.text(max_size=12), st.sampled_from(["2026-11-20T08:00:00Z", "2026-11-20", "lifting", "calf", "add",
                                                     "1", "0", "-1", "true", "100g", "serving", "Europe/Berlin"])),
    lambda inner: st.lists(inner, max_size=3), max_leaves=4)
CELLS = st.one_of(st.text(max_size=12), st.sampled_from(
    ["", '""', "1", "0", "-1", "12", "1e308", "nan", "true", "2026-11-20T08:00:00Z", "2026-11-20", "spasm", "intake",
     "change", "trigger", "own_food", "profile", "lifting\nsleep", "Lifting", "calf", "add", "edit", "99", '{"note": 5}']))


@pytest.fixture(scope="module")
def good_json(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The JSON export of `fill`'s diary, as text."""
    folder = tmp_path_factory.mktemp("goodjson")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TZ", "Europe/Berlin")
        return _export(Diary(str(folder / "source.db"), mp), folder, "json").read_text()


def _import_or_refuse(text: str, name: str) -> None:
    """Import `text` into a new diary: it must go in whole, or be refused with one line per problem and no rows."""
    try:
        imported = exchange.parse_import(text, name, now=LATER)
    except ImportRejected as exc:
        assert all("\n" not in line and line.startswith(("line ", "...")) for line in exc.problems), exc.problems
        assert "\n" not in str(exc)
        return
    with tempfile.TemporaryDirectory() as folder:
        location = os.path.join(folder, "target.db")
        try:
            with open_diary(location) as store:
                exchange.import_records(store, imported)
        except ImportRejected as exc:
            assert all("\n" not in line for line in exc.problems)
            assert sum(map(len, dump_tables(location).values())) == 0
            return
        rows = dump_tables(location)
    assert len(rows["entry"]) == len(imported.of(*exchange.ENTRY_KINDS))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_change_to_a_csv_export_imports_whole_or_is_refused_by_line(good_csv: Path, data: st.DataObject) -> None:
    """Cells replaced with anything, lines dropped or doubled: the file imports whole, or each problem gets one
    `line N:` line and nothing is written; never a database error or a traceback."""
    rows = _csv_rows_of(good_csv)
    for _ in range(data.draw(st.integers(1, 3))):
        action = data.draw(st.sampled_from(["cell", "cell", "drop", "double"]))
        i = data.draw(st.integers(1, len(rows) - 1))
        if action == "cell":
            rows[i][data.draw(st.integers(0, len(rows[0]) - 1))] = data.draw(CELLS)
        elif action == "drop" and len(rows) > 2:
            del rows[i]
        else:
            rows.insert(i, list(rows[i]))
    out = io.StringIO()
    for row in rows:
        out.write(",".join(exchange.csv_cell(c) if c != "" else "" for c in row) + "\r\n")
    _import_or_refuse(out.getvalue(), "mutated.csv")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_change_to_a_json_export_imports_whole_or_is_refused_by_line(good_json: str, data: st.DataObject) -> None:
    """Fields set to any JSON value, added or removed: the file imports whole, or is refused line by line."""
    doc = json.loads(good_json)
    records = doc["records"]
    for _ in range(data.draw(st.integers(1, 3))):
        record = records[data.draw(st.integers(0, len(records) - 1))]
        key = data.draw(st.one_of(st.sampled_from(sorted(record)), st.text(max_size=6)))
        if data.draw(st.booleans()) and key in record:
            del record[key]
        else:
            record[key] = data.draw(JSON_VALUES)
    _import_or_refuse(json.dumps(doc), "mutated.json")


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES, reason="DIARY_TEST_POSTGRES is not set")
def test_a_spasm_logged_during_an_import_on_postgres_gets_a_free_id(tmp_path: Path) -> None:
    """Another terminal's spasm logged while an import is still open on a server waits for the import (writers
    take the diary's write lock in turn, as on SQLite) and then gets the id after the imported ones."""
    import threading

    from sqlalchemy.engine import make_url

    from tests.helpers import drop_server_diary, new_server_diary

    source, target = new_server_diary(), new_server_diary()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("TZ", "Europe/Berlin")
            fill(Diary(source, mp))
            with open_diary(source, write=False) as store:
                imported = exchange.parse_import(exchange.export_text(store, "json", T0), "x.json", now=LATER)
            url = make_url(target)
            impatient = url.update_query_dict({"options": url.query["options"] + " -clock_timeout=3000"})
            other = Diary(impatient.render_as_string(hide_password=False), mp)
            results = []

            class Interrupted:
                """The import's store, with another terminal logging right after the import's first entry."""

                def __init__(self, store: object) -> None:
                    self.store = store

                def __getattr__(self, name: str) -> object:
                    return getattr(self.store, name)

                def insert(self, table: str, values: dict) -> int:
                    new_id = self.store.insert(table, values)  # type: ignore[attr-defined]
                    if table == "entry" and not threads:
                        threads.append(threading.Thread(target=lambda: results.append(other("spasm", "4", now=NOW))))
                        threads[0].start()  # another connection, mid-import: it waits for the write lock
                    return new_id

            threads: list[threading.Thread] = []
            with open_diary(target) as store:
                exchange.import_records(Interrupted(store), imported)  # type: ignore[arg-type]
                threads[0].join(0.5)
                assert results == []  # still waiting while the import's transaction is open
            threads[0].join(10)
            assert (results[0].exit_code, results[0].stdout[:17]) == (0, "Logged spasm #10:"), results[0].output
            assert len(Diary(target, mp).dump()["entry"]) == 10
    finally:
        drop_server_diary(source)
        drop_server_diary(target)


# --- every kind of entry, food aliases, and what is never exported ---------------------------------------------


def _add(store: object, kind: str, now: dt.datetime, row: dict) -> int:
    """One entry of `kind` with its own row and its journal line, as the logging commands write them."""
    from diary.vocab import KIND_BY_NAME

    entry_id = store.insert("entry", {"kind": kind, "created_at": now, "updated_at": now})  # type: ignore[attr-defined]
    store.insert(KIND_BY_NAME[kind].table, row | {"id": entry_id})  # type: ignore[attr-defined]
    store.insert("change", {"made_at": now, "action": "add", "entry_id": entry_id, "batch": None})  # type: ignore[attr-defined]
    return entry_id


def fill_every_kind(location: str) -> None:
    """One entry of each kind of diary.vocab.KINDS, own foods with aliases, and phone-page sign-in rows."""
    at = dt.datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
    with open_diary(location) as store:
        entries.log_episode(store, at, started_at=at, intensity=5, duration_s=300, duration_approximate=True,
                            triggers=["sitting"])
        _add(store, "pgic", at, {"at": at, "score": 2, "note": "better"})
        _add(store, "peg", at, {"at": at, "pain": 6, "enjoyment": 5, "activity": 4, "note": None})
        _add(store, "medication", at, {"taken_at": at, "name": "ibuprofen", "dose": "400 mg", "note": None})
        _add(store, "adjustment", at, {"at": at - dt.timedelta(hours=20), "provider": "Dr. Lee", "region": "lumbar",
                                       "note": None})
        _add(store, "reaction", at, {"at": at, "symptom": "soreness", "intensity": 4, "note": "after the visit"})
        _add(store, "complete", at, {"day": dt.date(2026, 11, 19), "note": None})
        _add(store, "quiet", at, {"day": dt.date(2026, 11, 18), "note": None})
        food = store.insert("own_food", {"name": "squash drink", "basis": "serving", "is_drink": True,
                                         "water_ml": 250.0, "created_at": at, "updated_at": at})
        store.insert("food_alias", {"name": "squash", "own_food_id": food, "created_at": at, "updated_at": at})
        store.insert("food_alias", {"name": "cuppa", "food_ndb": "14355", "created_at": at, "updated_at": at})
        store.insert("device", {"name": "phone", "token_hash": "ab" * 32, "created_at": at})
        store.insert("web_submission", {"client_id": "c1", "entry_id": 1, "received_at": at})


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_every_kind_of_entry_and_food_aliases_survive_a_round_trip(
        run: Diary, new_diary_db: Callable[[], str], tmp_path: Path, fmt: str) -> None:
    """Each kind of entry of diary.vocab.KINDS and the food aliases export and import unchanged; the phone
    page's sign-in state (device, web_submission) is never exported."""
    fill_every_kind(run.location)
    out = tmp_path / f"all.{fmt}"
    result = run("export", "--out", str(out), now=NOW)
    assert result.stdout == f"Exported 8 entries (20 rows) to {out} ({fmt}).\n"
    assert "token_hash" not in out.read_text() and "client_id" not in out.read_text()
    copy = Diary(new_diary_db(), run.monkeypatch)
    result = copy("import", str(out), now=NOW)
    assert result.stdout == (f"Imported 1 own food, 2 food aliases, 1 trigger, 1 spasm, 1 adjustment, 1 quiet day, "
                             f"1 impression of change, 1 PEG, 1 medication, 1 reaction, 1 complete day, "
                             f"8 undo-journal changes from {out}.\n")
    before, after = run.dump(), copy.dump()
    assert (after["device"], after["web_submission"]) == ([], [])
    del before["device"], before["web_submission"], after["device"], after["web_submission"]
    assert after == before


# --- one validation for every path in: import refuses what the commands refuse ----------------------------------


def _one_spasm_export(run: Diary, tmp_path: Path) -> dict:
    """The JSON export of a diary with one spasm, a drink and a quiet day, as a dict to spoil."""
    run("spasm", "5", "--at", "2026-11-24 08:00", now=NOW)
    run("drink", "250ml", "--at", "2026-11-24 09:00", now=NOW)
    run("quiet", "2026-11-20", now=NOW)
    out = tmp_path / "one.json"
    assert run("export", "--out", str(out), now=NOW).exit_code == 0
    return json.loads(out.read_text())


def _second_day_mark(records: list[dict], kind: str) -> None:
    """Add a second live mark of `kind` for 2026-11-20 (as entry 11) with its journal line."""
    mark = {"kind": kind, "id": 11, "deleted_at": None, "created_at": "2026-11-25T08:00:00.000000Z",
            "updated_at": "2026-11-25T08:00:00.000000Z", "day": "2026-11-20", "note": None}
    records[3:3] = [dict(mark, id=10), mark]
    records.append({"kind": "change", "id": 10, "made_at": "2026-11-25T08:00:00.000000Z", "action": "add",
                    "entry_id": 10, "before": None, "undone_at": None})
    records.append({"kind": "change", "id": 11, "made_at": "2026-11-25T08:00:00.000000Z", "action": "add",
                    "entry_id": 11, "before": None, "undone_at": None})


REFUSED_ON_IMPORT = [
    ("sodium 1e308", lambda r: r[1].update(sodium_mg=1e308), "sodium_mg 1e+308 is more than 50,000 mg in one entry"),
    ("a 1 MB note", lambda r: r[0].update(note="x" * 1_000_000),
     "note is 1,000,000 characters long: keep it under 2,000"),
    ("a spasm in 2099", lambda r: r[0].update(started_at="2099-01-01T08:00:00Z"),
     "started_at 2099-01-01T08:00:00Z is in the future (it is now 2026-11-25T09:00:00Z)"),
    ("a quiet day in 2099", lambda r: r[2].update(day="2099-01-01"),
     "day 2099-01-01 is in the future (today is 2026-11-25)"),
    ("a duration of 2 days", lambda r: r[0].update(duration_s=172800),
     "duration_s 172800 is more than 86,400 seconds (24 hours)"),
    ("two quiet marks", lambda r: _second_day_mark(r, "quiet"),
     "a second quiet mark for 2026-11-20 (the first is on line 3): a day is marked once"),
    ("two complete marks", lambda r: _second_day_mark(r, "complete"),
     "a second complete mark for 2026-11-20 (the first is on line 4): a day is marked once"),
]


@pytest.mark.parametrize("spoil, message", [r[1:] for r in REFUSED_ON_IMPORT], ids=[r[0] for r in REFUSED_ON_IMPORT])
def test_import_refuses_what_the_commands_refuse(run_sqlite: Diary, tmp_path: Path,
                                                 spoil: Callable[[list[dict]], None], message: str) -> None:
    """A value no command would store (sodium 1e308, a 1 MB note, a time in the future of the import, a
    second quiet or complete mark for a day) is refused by line, exit 2, and the target diary is not made."""
    data = _one_spasm_export(run_sqlite, tmp_path)
    spoil(data["records"])
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, indent=None).replace(', {"kind"', ',\n{"kind"'))
    target = Diary(str(tmp_path / "target.db"), run_sqlite.monkeypatch)
    result = target("import", str(bad), now=NOW)
    assert (result.exit_code, result.stdout) == (2, "")
    first = result.stderr.splitlines()[0]
    assert first.split(": ", 1)[1] == message, result.stderr
    assert not Path(target.location).exists()


# --- a CSV export opened in a spreadsheet evaluates nothing -------------------------------------------------------

FORMULAS = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1", "'=x", "''", "'", "'quoted'", "=",
            "-", "a=b"]


def test_csv_cells_a_spreadsheet_would_evaluate_are_neutralised_and_read_back_exactly(
        run: Diary, new_diary_db: Callable[[], str], tmp_path: Path) -> None:
    """Notes starting with = + - @ tab or CR get a leading apostrophe in the CSV (so no spreadsheet runs them),
    and import takes exactly that apostrophe away: the round trip is exact."""
    for i in range(len(FORMULAS)):
        assert run("spasm", str(i % 11), "--note", "x", "--at", f"2026-11-2{i % 5} 0{i % 9}:00", now=NOW).exit_code == 0
    with open_diary(run.location) as store:  # the CLI trims notes; the data may hold any text
        for i, formula in enumerate(FORMULAS):
            store.execute("UPDATE episode SET note = :n WHERE id = :i", {"n": formula, "i": i + 1})
    out = tmp_path / "x.csv"
    assert run("export", "--out", str(out), now=NOW).exit_code == 0
    text = out.read_bytes().decode("utf-8")
    cells = [cell for _, row in exchange.csv_rows(text) for cell, _ in row]
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    notes = {row[CSV_NOTE][0] for _, row in list(exchange.csv_rows(text))[1:] if row[0][0] == "spasm"}
    assert {"'=1+1", "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(A1:A9)", "'\t=1", "'\r=1", "''=x", "'''", "'",
            "'quoted'", "'=", "'-", "a=b"} == notes
    copy = Diary(new_diary_db(), run.monkeypatch)
    assert copy("import", str(out), now=NOW).exit_code == 0
    assert copy.dump() == run.dump()


CSV_NOTE = exchange.CSV_COLUMNS.index("note")


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "a", " ", "\n"]), max_size=6) | st.text())
def test_any_text_cell_reads_back_exactly_and_never_starts_a_formula(text: str) -> None:
    """The text codec's CSV form of any text starts with no formula character and reads back to the same text."""
    from diary.exchange.codecs import CODECS

    codec = CODECS["text"]
    cell = codec.to_csv(text)
    assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert codec.from_csv(cell) == text


# --- files that are not exports at all: one line each, nothing read past the limit -------------------------------

HEAD_JSON = '{"format": "diary export", "version": 1, "schema": "0003", "records": [\n'


@pytest.mark.parametrize("content, message", [
    (HEAD_JSON + '{"kind": "spasm", "note": ' + "[" * 1000 + "]" * 1000 + "}\n]}",
     "line 2 of {f}: not valid JSON for an export: nested too deeply; nothing was imported"),
    ('{"format": ' + "[" * 100_000 + "]" * 100_000 + "}",
     "line 1 of {f}: not valid JSON for an export: nested too deeply; nothing was imported"),
    (HEAD_JSON + '{"kind": "spasm", "id": ' + "9" * 5000 + "}\n]}",
     "line 2 of {f}: not valid JSON: a number with more than 100 digits; nothing was imported"),
    (HEAD_JSON + '{"kind": "spasm", "id": 1e99999}\n]}', None),
])
def test_hostile_json_is_one_line(run_sqlite: Diary, tmp_path: Path, content: str, message: str | None) -> None:
    """JSON nested 1,000 (or 100,000) deep, or with a 5,000-digit number: one line, exit 2, nothing written."""
    bad = tmp_path / "deep.json"
    bad.write_text(content)
    result = run_sqlite("import", str(bad), now=NOW)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    if message is None:
        assert result.stderr.startswith("line 2: id ") and "is not a whole number" in result.stderr, result.stderr
    else:
        assert result.stderr == "Error: " + message.format(f=bad) + "\n"
    assert not Path(run_sqlite.location).exists()


def test_an_import_file_over_the_size_limit_is_refused_unread(run_sqlite: Diary, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A file larger than the stated limit is refused in one line naming the limit, before it is read."""
    from diary.exchange import readers

    monkeypatch.setattr(readers, "MAX_IMPORT_BYTES", 1000)
    big = tmp_path / "big.csv"
    big.write_text("kind,id\n" + "spasm,1\n" * 200)
    result = run_sqlite("import", str(big), now=NOW)
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {big} is larger than 1,000 bytes, more than any diary's export: not an export; "
           "nothing was imported\n")


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null", "fifo"])
def test_an_import_from_a_device_or_pipe_is_refused(run_sqlite: Diary, tmp_path: Path, special: str) -> None:
    """/dev/zero (endless), /dev/null and a FIFO (which would wait for a writer forever) are refused in one
    line, exit 2, without reading them."""
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "fifo"
        os.mkfifo(path)
    result = run_sqlite("import", str(path), now=NOW)
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path} is not a regular file (a device or a pipe): import reads an export file; "
           "nothing was imported\n")
    assert not Path(run_sqlite.location).exists()
