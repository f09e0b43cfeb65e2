"""The shipped food table: built by scripts/build_foods.py from ../shared/data, never by hand."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import sqlite3
from pathlib import Path

import pytest

from diary.foods import DATA_PATH

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
needs_csvs = pytest.mark.skipif(not (SHARED / "foods.csv").exists(), reason=f"{SHARED} is not there")

# Every table of the built file except FTS5's own shadow tables (checked by searching).
TABLES = {
    "meta": "SELECT * FROM meta ORDER BY key",
    "food_group": "SELECT * FROM food_group ORDER BY id",
    "food": "SELECT * FROM food ORDER BY id",
    "portion": "SELECT * FROM portion ORDER BY food_id, seq",
    "dri": "SELECT * FROM dri ORDER BY rowid",
    "everyday": "SELECT * FROM everyday ORDER BY name, locale",
}


def _builder():  # scripts/ is not a package
    spec = importlib.util.spec_from_file_location("build_foods", ROOT / "scripts" / "build_foods.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _content(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in TABLES.items()}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The food table built afresh from ../shared/data."""
    if not (SHARED / "foods.csv").exists():
        pytest.skip(f"{SHARED} is not there")
    return _builder().build(SHARED, tmp_path_factory.mktemp("foods") / "foods.sqlite")


@needs_csvs
def test_shipped_file_has_the_content_a_rebuild_gives(rebuilt: Path) -> None:
    """diary/data/foods.sqlite holds exactly what scripts/build_foods.py makes from the CSVs."""
    shipped, fresh = _content(DATA_PATH), _content(rebuilt)
    for table in TABLES:
        assert shipped[table] == fresh[table], f"table {table} differs: rerun python scripts/build_foods.py"


@needs_csvs
def test_shipped_file_records_the_csvs_it_was_built_from() -> None:
    """The meta table holds the SHA-256 of each input CSV, and they match the CSVs now in ../shared/data."""
    meta = dict(_content(DATA_PATH)["meta"])
    for name in ("foods.csv", "portions.csv", "dri.csv"):
        assert meta[f"sha256.{name}"] == hashlib.sha256((SHARED / name).read_bytes()).hexdigest()


def test_meta_names_the_datasets_and_their_versions() -> None:
    """The file says which datasets it holds: USDA SR28 (May 2016 revision) and the DRIs."""
    meta = dict(_content(DATA_PATH)["meta"])
    assert meta["foods.short"] == "USDA SR28 (May 2016 revision)"
    assert meta["foods.name"] == "USDA National Nutrient Database for Standard Reference, Release 28 (SR28)"
    assert meta["dri.name"].startswith("Dietary Reference Intakes")
    assert (meta["foods.count"], meta["portions.count"], meta["dri.count"]) == ("8790", "15438", "136")


@needs_csvs
def test_every_food_row_matches_the_csv_with_empty_cells_unknown() -> None:
    """Each food's five values equal the CSV's numbers, and an empty CSV cell is NULL, never 0."""
    conn = sqlite3.connect(f"file:{DATA_PATH}?mode=ro", uri=True)
    stored = {r[0]: r[1:] for r in conn.execute(
        "SELECT id, description, water_g, sodium_mg, potassium_mg, magnesium_mg, calcium_mg FROM food")}
    conn.close()
    empty = 0
    with open(SHARED / "foods.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            cols = ("water_g", "sodium_mg", "potassium_mg", "magnesium_mg", "calcium_mg")
            expected = tuple(None if row[c] == "" else float(row[c]) for c in cols)
            empty += sum(v is None for v in expected)
            assert stored[int(row["ndb_no"])] == (row["description"], *expected), row["ndb_no"]
    assert empty == 1 + 83 + 426 + 739 + 348  # SOURCES.md: empty cells of water, Na, K, Mg, Ca


def test_full_text_index_is_consistent_and_finds_plurals(tmp_path: Path) -> None:
    """FTS5's integrity check passes on the shipped index, and "banana" finds "Bananas, raw" (porter stemming)."""
    copy = tmp_path / "foods.sqlite"  # the check needs a writable handle
    copy.write_bytes(DATA_PATH.read_bytes())
    conn = sqlite3.connect(copy)
    try:
        conn.execute("INSERT INTO food_fts(food_fts, rank) VALUES ('integrity-check', 1)")
        ids = [r[0] for r in conn.execute("SELECT rowid FROM food_fts WHERE food_fts MATCH 'banana'")]
    finally:
        conn.close()
    assert 9040 in ids and 19400 in ids


def test_shipped_file_stays_small() -> None:
    """The built file keeps only what the program needs (well under 2 MB)."""
    assert DATA_PATH.stat().st_size < 2_000_000


@needs_csvs
def test_a_build_failure_leaves_no_half_written_file(tmp_path: Path) -> None:
    """A CSV with a bad NDB number stops the build with a message, and no output file appears."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("portions.csv", "dri.csv"):
        (src / name).write_bytes((SHARED / name).read_bytes())
    (src / "foods.csv").write_text(
        "ndb_no,description,food_group,water_g,sodium_mg,potassium_mg,magnesium_mg,calcium_mg,energy_kcal\n"
        "9040,\"Bananas, raw\",Fruits and Fruit Juices,74.91,1,358,27,5,89\n"
    )
    out = tmp_path / "foods.sqlite"
    with pytest.raises(ValueError, match="NDB number '9040' is not 5 digits"):
        _builder().build(src, out)
    assert not out.exists()


def _everyday_module():  # scripts/ is not a package
    spec = importlib.util.spec_from_file_location("everyday", ROOT / "scripts" / "everyday.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("row", "message"), [
    ("banana,any,99999,1 medium,,fruit,a reason", "line 2 (banana): NDB number '99999' is not in foods.csv"),
    ("banana,any,09040,1 slice,,fruit,a reason", "line 2 (banana): 0 measures of NDB 09040 are 'slice'"),
    ("water thing,any,14411,0 ml,,water,a reason", "line 2 (water thing): a serving weighs nothing"),
    ("banana,any,09040,1 medium,,fruit,a reason\nbanana,uk,09040,1 large,,fruit,a reason",
     "name 'banana' is given for ['any', 'uk']: use 'any' alone, or 'uk' and 'us'"),
    ("banana,any,09040,1 medium,,fruit,", "everyday_names.csv line 2: needs names, a locale of"),
])
@needs_csvs
def test_the_everyday_names_builder_refuses_a_bad_row(tmp_path: Path, row: str, message: str) -> None:
    """A row naming no food of foods.csv, a serving without grams, a name for any country and one country at once
    or a row without its reason stops the build with a message naming the line."""
    source = tmp_path / "everyday_names.csv"
    source.write_text("names,locale,ndb,serving,each,kind,why\n" + row + "\n")
    out = tmp_path / "foods.sqlite"
    with pytest.raises(ValueError) as info:
        _builder().build(SHARED, out, source)
    assert message in str(info.value)
    assert not out.exists()


def test_without_the_food_table_eat_is_one_line_not_a_traceback(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """With diary/data/foods.sqlite missing, `diary eat banana` says so in one line (exit 1) and writes nothing."""
    from click.testing import CliRunner

    from diary.cli import cli
    from diary.foods import table

    missing = tmp_path / "foods.sqlite"
    monkeypatch.setattr(table, "DATA_PATH", missing)
    monkeypatch.setattr(table, "_OPEN", {})
    db = tmp_path / "diary.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "eat", "banana"])
    assert (result.exit_code, result.stderr) == (
        1, f"Error: the food table {missing} is missing: reinstall diary or run scripts/build_foods.py\n")
    assert not db.exists()
