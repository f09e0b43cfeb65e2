"""Build diary/data/foods.sqlite from the reference CSVs (USDA SR28 and the DRIs) and the
hand-reviewed everyday-names table (scripts/data/everyday_names.csv).

Run from the repository root after the CSVs change:
    python scripts/build_foods.py                      # reads ../shared/data
    python scripts/build_foods.py SRC_DIR OUT_FILE
    python scripts/build_foods.py --review             # every everyday name with its food and serving

The file is never edited by hand; tests/test_foods_data.py rebuilds it and checks the
shipped copy has the same content. Standard library only.

What it keeps (only what the program needs, so the file stays small and loads fast):
- food: NDB number (as the integer rowid; shown zero-padded to 5 digits), description,
  food group, and water (g), sodium, potassium, magnesium, calcium (mg) per 100 g.
  An empty CSV cell becomes NULL: unknown, never zero. Energy is not used and left out.
- portion: USDA's household measures with their gram weights.
- food_fts: an FTS5 index over the descriptions (external content, porter stemming, so
  "banana" finds "Bananas, raw").
- dri: the Dietary Reference Intakes rows as they are in dri.csv.
- everyday: what people call foods ("jacket potato", "crisps", "a beer") and the SR28 food
  a kitchen means, with its natural serving weighed from portions.csv (see
  scripts/everyday.py, which checks every row against the CSVs).
- meta: the datasets' names, versions, sources and the SHA-256 of each input CSV.
"""

from __future__ import annotations

import csv
import hashlib
import os
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import everyday

# Bump when the layout of the built file changes (diary.foods checks it).
FORMAT_VERSION = "2"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE food_group (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE food (
    id INTEGER PRIMARY KEY,          -- the NDB number; shown as %05d
    description TEXT NOT NULL,
    group_id INTEGER REFERENCES food_group(id),
    water_g REAL,                    -- per 100 g; NULL = unknown, never zero
    sodium_mg REAL,
    potassium_mg REAL,
    magnesium_mg REAL,
    calcium_mg REAL
);
CREATE TABLE portion (
    food_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    amount REAL NOT NULL,            -- gram_weight is the weight of amount x unit
    unit TEXT NOT NULL,
    gram_weight REAL NOT NULL,
    PRIMARY KEY (food_id, seq)
) WITHOUT ROWID;
CREATE TABLE dri (
    nutrient TEXT NOT NULL,
    kind TEXT NOT NULL,
    sex TEXT NOT NULL,
    age_min REAL NOT NULL,
    age_max REAL,                    -- exclusive; NULL = no upper limit
    amount REAL NOT NULL,
    unit TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE TABLE everyday (
    name TEXT NOT NULL,              -- the words people say, as diary.foods.text.norm reads them
    locale TEXT NOT NULL,            -- 'any', or 'uk' / 'us' where the name means another food there
    said TEXT NOT NULL,              -- the name as written in the source table
    food_id INTEGER NOT NULL REFERENCES food(id),
    serving TEXT NOT NULL,           -- the natural serving: "1 medium", "12 fl oz", "1 cup"
    grams REAL NOT NULL,             -- its weight
    ml REAL,                         -- its volume (drinks and volume servings)
    each TEXT NOT NULL,              -- one of it, for counts ("1 medium" strawberry)
    each_grams REAL NOT NULL,
    each_ml REAL,
    kind TEXT NOT NULL,              -- which household measures fit it (beer, cereal ...)
    PRIMARY KEY (name, locale)
) WITHOUT ROWID;
CREATE INDEX everyday_food ON everyday (food_id);
CREATE VIRTUAL TABLE food_fts USING fts5(
    description, content='food', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2', detail=none, columnsize=0
);
"""

META = {
    "format": FORMAT_VERSION,
    "foods.name": "USDA National Nutrient Database for Standard Reference, Release 28 (SR28)",
    "foods.version": "SR28, May 2016 revision (nutrient values from the revised ABBREV file; "
                     "descriptions and household measures from the September 2015 FOOD_DES and WEIGHT files)",
    "foods.short": "USDA SR28 (May 2016 revision)",
    "foods.publisher": "US Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory",
    "foods.licence": "public domain (work of the U.S. Government, 17 U.S.C. 105)",
    "dri.name": "Dietary Reference Intakes (National Academies of Sciences, Engineering, and Medicine; "
                "formerly Institute of Medicine), Food and Nutrition Board",
    "dri.short": "DRI: NASEM 2019 (sodium, potassium, magnesium, calcium), NASEM 2011 (total water, "
                 "calcium UL), IOM 2005 (fluids), IOM 2000 (magnesium UL)",
    "dri.sources": "NASEM2019-TableS-1; NASEM2019-AppJ-Elements; NASEM2019-CDRR-quoted; NASEM2011-TotalWater; "
                   "NASEM2011-CaUL-copies; IOM2005-p145+PMC4207053; PMC4207053+NICE-CG99; "
                   "IOM2005-p142+NICE-CG99; IOM2000-ULtable (see SOURCES.md)",
    "built_by": "scripts/build_foods.py from foods.csv, portions.csv and dri.csv (see SOURCES.md) and the reviewed "
                "scripts/data/everyday_names.csv",
}

NUTRIENT_COLUMNS = ("water_g", "sodium_mg", "potassium_mg", "magnesium_mg", "calcium_mg")


def _number(text: str) -> float | None:
    """A CSV cell as a number; an empty cell is unknown (None), never zero."""
    text = text.strip()
    return None if text == "" else float(text)


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(src: Path, out: Path, names: Path = everyday.SOURCE) -> Path:
    """Build the food database at `out` from the CSVs in `src` and the everyday-names
    table `names`; return `out`.

    Written to a temporary file first and moved into place, so a failed build never
    leaves a half-written database behind.
    """
    src, out = Path(src), Path(out)
    foods = _read(src / "foods.csv")
    portions = _read(src / "portions.csv")
    dri = _read(src / "dri.csv")

    ids = set()
    for row in foods:
        ndb = row["ndb_no"]
        if not (len(ndb) == 5 and ndb.isdigit()):
            raise ValueError(f"foods.csv: NDB number {ndb!r} is not 5 digits")
        if ndb in ids:
            raise ValueError(f"foods.csv: NDB number {ndb} appears twice")
        ids.add(ndb)
    for row in portions:
        if row["ndb_no"] not in ids:
            raise ValueError(f"portions.csv: NDB number {row['ndb_no']} is not in foods.csv")

    everyday_rows = everyday.resolve(everyday.read(names), foods, portions)

    groups = sorted({r["food_group"] for r in foods if r["food_group"]})
    group_id = {name: i + 1 for i, name in enumerate(groups)}

    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    conn = sqlite3.connect(tmp)
    try:
        conn.execute("PRAGMA page_size = 4096")
        conn.execute("PRAGMA journal_mode = OFF")
        conn.executescript(SCHEMA)
        with conn:
            meta = dict(META)
            meta["foods.count"] = str(len(foods))
            meta["portions.count"] = str(len(portions))
            meta["dri.count"] = str(len(dri))
            meta["everyday.count"] = str(len(everyday_rows))
            for name in ("foods.csv", "portions.csv", "dri.csv"):
                meta[f"sha256.{name}"] = _sha256(src / name)
            meta["sha256.everyday_names.csv"] = _sha256(names)
            conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
            conn.executemany("INSERT INTO food_group VALUES (?, ?)", [(i, n) for n, i in group_id.items()])
            conn.executemany(
                "INSERT INTO food VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (int(r["ndb_no"]), r["description"], group_id.get(r["food_group"]),
                     *(_number(r[c]) for c in NUTRIENT_COLUMNS))
                    for r in foods
                ],
            )
            conn.executemany(
                "INSERT INTO portion VALUES (?, ?, ?, ?, ?)",
                [
                    (int(r["ndb_no"]), int(r["seq"]), float(r["amount"]), r["unit"], float(r["gram_weight"]))
                    for r in portions
                ],
            )
            conn.executemany(
                "INSERT INTO dri VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (r["nutrient"], r["kind"], r["sex"], float(r["age_min_years"]), _number(r["age_max_years"]),
                     float(r["amount"]), r["unit"], r["note"])
                    for r in dri
                ],
            )
            conn.executemany(
                "INSERT INTO everyday VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(r.key, r.locale, r.said, int(r.ndb), r.serving, r.grams, r.ml, r.each, r.each_grams, r.each_ml,
                  r.kind) for r in everyday_rows],
            )
            conn.execute("INSERT INTO food_fts(food_fts) VALUES ('rebuild')")
            conn.execute("INSERT INTO food_fts(food_fts) VALUES ('optimize')")
        conn.execute("VACUUM")
    finally:
        conn.close()
    os.chmod(tmp, 0o644)
    os.replace(tmp, out)
    return out


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    if argv[1:2] == ["--review"]:
        src = Path(argv[2]) if len(argv) > 2 else root.parent / "shared" / "data"
        print(everyday.review(everyday.resolve(everyday.read(everyday.SOURCE), _read(src / "foods.csv"),
                                               _read(src / "portions.csv")), _read(src / "foods.csv")))
        return 0
    src = Path(argv[1]) if len(argv) > 1 else root.parent / "shared" / "data"
    out = Path(argv[2]) if len(argv) > 2 else root / "diary" / "data" / "foods.sqlite"
    build(src, out)
    print(f"wrote {out} ({out.stat().st_size:,} bytes) from {src}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
