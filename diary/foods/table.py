"""The shipped food table: a read-only SQLite file (diary/data/foods.sqlite, built by
scripts/build_foods.py) with USDA SR28's foods and portions, a full-text index over the
descriptions, the everyday-names table and the Dietary Reference Intakes.

Standard library only: `diary eat` and `diary drink` read it on the fast logging path.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diary.errors import FoodDataError
from diary.foods.food import PER_100G, Food, Portion
from diary.foods.ranking import score
from diary.foods.text import format_ndb, norm, words

DATA_PATH = Path(__file__).resolve().parent.parent / "data" / "foods.sqlite"
FORMAT_VERSION = "2"

# The `each` of an everyday name a count gives no amount of ("a pizza": of what size?).
UNCOUNTED = "-"

# What each kind of the everyday-names table is; the drinks among them are logged in ml.
DRINK_KINDS = frozenset({"water", "hot", "soft", "juice", "milk", "beer", "cider", "wine", "fortified", "spirit",
                         "energy"})


@dataclass(frozen=True)
class EverydayName:
    """One row of the everyday-names table: what people call a food (`said`), in which
    locale ('any', 'uk' or 'us'), the food a kitchen means by it and its natural serving
    (`serving`, e.g. "1 medium" or "12 fl oz", weighing `grams`, holding `ml` for a drink),
    and one of it for counts (`each`: "2 strawberries" are two medium ones, where
    "strawberries" alone is a cup; UNCOUNTED where a count says no amount, "a pizza").
    `kind` ("beer", "cereal", ...) chooses the household measures that fit it."""

    said: str
    locale: str
    ndb: str
    serving: str
    grams: float
    ml: float | None
    each: str
    each_grams: float
    each_ml: float | None
    kind: str

    @property
    def is_drink(self) -> bool:
        return self.kind in DRINK_KINDS


_EVERYDAY = "said, locale, food_id, serving, grams, ml, each, each_grams, each_ml, kind"


def _everyday(r: tuple[Any, ...]) -> EverydayName:
    return EverydayName(r[0], r[1], format_ndb(r[2]), *r[3:])


@dataclass
class Match:
    """A search result: the food and its score (higher is better)."""

    food: Food
    score: float


class FoodTable:
    """Read-only access to diary/data/foods.sqlite."""

    def __init__(self, path: Path | str = DATA_PATH):
        self.path = Path(path)
        if not self.path.exists():
            raise FoodDataError(f"the food table {self.path} is missing: reinstall diary or run scripts/build_foods.py")
        try:
            # Shared by the threads of diary serve's handlers: safe, the file is read-only and
            # immutable, and the sqlite3 module serializes each connection (threadsafety 3).
            self.conn = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self.meta: dict[str, str] = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            raise FoodDataError(f"the food table {self.path} cannot be read ({exc}): reinstall diary or run "
                                "scripts/build_foods.py") from None
        self._names: list[tuple[list[str], EverydayName]] | None = None
        if self.meta.get("format") != FORMAT_VERSION:
            raise FoodDataError(f"the food table {self.path} has format {self.meta.get('format')!r}, "
                                f"this program reads {FORMAT_VERSION!r}: run scripts/build_foods.py")

    def close(self) -> None:
        self.conn.close()

    # -- single foods

    def foods(self, ids: list[int], with_portions: bool = True) -> list[Food]:
        """The foods with these NDB numbers (as integers), in the same order; unknown ones left out."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT f.id, f.description, coalesce(g.name, ''), {', '.join('f.' + c for c in PER_100G)} "
            f"FROM food f LEFT JOIN food_group g ON g.id = f.group_id WHERE f.id IN ({marks})", ids,
        ).fetchall()
        portions: dict[int, list[Portion]] = {}
        if with_portions:
            for fid, seq, amount, unit, grams in self.conn.execute(
                f"SELECT food_id, seq, amount, unit, gram_weight FROM portion WHERE food_id IN ({marks}) "
                "ORDER BY food_id, seq", ids,
            ):
                portions.setdefault(fid, []).append(Portion(seq, amount, unit, grams))
        by_id = {
            r[0]: Food(format_ndb(r[0]), r[1], r[2], dict(zip(PER_100G, r[3:], strict=True)),
                       tuple(portions.get(r[0], ())))
            for r in rows
        }
        return [by_id[i] for i in ids if i in by_id]

    def get(self, ndb: str | int) -> Food | None:
        """The food with this NDB number ("09040", "9040" or 9040), or None."""
        try:
            found = self.foods([int(ndb)])
        except ValueError:
            return None
        return found[0] if found else None

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM food").fetchone()[0])

    # -- everyday names

    def everyday(self, text: str) -> list[EverydayName]:
        """The everyday-names rows for what was typed (plural or singular, any case): one
        row, or one per locale where a name means another food in the UK and the US."""
        rows = self.conn.execute(f"SELECT {_EVERYDAY} FROM everyday WHERE name = ? ORDER BY locale",
                                 (norm(text),)).fetchall()
        return [_everyday(r) for r in rows]

    def everyday_of(self, ndb: str) -> EverydayName | None:
        """The first everyday-names row of a food, if it has one (for its kind and serving)."""
        r = self.conn.execute(f"SELECT {_EVERYDAY} FROM everyday WHERE food_id = ? ORDER BY locale <> 'any', name "
                              "LIMIT 1", (int(ndb),)).fetchone()
        return None if r is None else _everyday(r)

    def everyday_holding(self, typed: list[str]) -> list[EverydayName]:
        """The everyday-names rows whose name holds all the typed words ("chicken" -> chicken breast,
        chicken thigh ...), shortest name first: the likeliest meanings of a word too broad to take."""
        if self._names is None:
            self._names = [(words(r[0]), _everyday(r)) for r in
                           self.conn.execute(f"SELECT {_EVERYDAY} FROM everyday ORDER BY length(name), name")]
        wanted = set(typed)
        return [row for name, row in self._names if wanted <= set(name) and wanted != set(name)]

    def everyday_names(self) -> list[tuple[str, str, str]]:
        """Every (name as said, locale, NDB number) of the everyday-names table."""
        return [(r[0], r[1], format_ndb(r[2]))
                for r in self.conn.execute("SELECT said, locale, food_id FROM everyday ORDER BY name, locale")]

    # -- search

    def _fts_ids(self, query_words: list[str], mode: str) -> list[int]:
        if not query_words:
            return []
        if mode == "and":
            q = " ".join(f'"{w}"' for w in query_words)
        elif mode == "prefix":
            q = " ".join(f'"{w}"*' for w in query_words)
        else:
            q = " OR ".join(f'"{w}"*' for w in query_words)
        try:
            return [r[0] for r in self.conn.execute("SELECT rowid FROM food_fts WHERE food_fts MATCH ?", (q,))]
        except sqlite3.OperationalError:  # no FTS5 in this SQLite: scan (slower, same results)
            ids = []
            for fid, desc in self.conn.execute("SELECT id, description FROM food"):
                dw = words(desc)
                hits = [any(d.startswith(w) for d in dw) for w in query_words]
                if (mode == "or" and any(hits)) or (mode != "or" and all(hits)):
                    ids.append(fid)
            return ids

    def _spelling(self, query_words: list[str]) -> list[str]:
        """Query words corrected against the table's vocabulary (for typos like "bananna")."""
        import difflib

        try:
            self.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.food_vocab USING fts5vocab(main, food_fts, row)")
            vocab = [r[0] for r in self.conn.execute("SELECT term FROM temp.food_vocab")]
        except sqlite3.OperationalError:
            vocab = sorted({w for (d,) in self.conn.execute("SELECT description FROM food") for w in words(d)})
        fixed = []
        for w in query_words:
            close = difflib.get_close_matches(w, vocab, n=1, cutoff=0.75)
            if close:
                fixed.append(close[0])
        return fixed

    def search(self, text: str, *, limit: int = 10, drink: bool = False) -> list[Match]:
        """Foods matching `text`, best first.

        The foods the everyday-names table gives the words come first ("crisps": potato
        chips). Then every typed word must appear (plurals and stems match: "bananas" ~
        "banana"); if none does, foods matching most of the words, then spelling-corrected
        words, are offered instead. Ranking: see diary.foods.ranking.
        """
        qw = words(text)
        if not qw:
            return []
        ids = self._fts_ids(qw, "and") or self._fts_ids(qw, "prefix")
        if not ids:
            ids = self._fts_ids(qw, "or")
        if not ids:
            fixed = self._spelling(qw)
            if fixed:
                ids = self._fts_ids(fixed, "and") or self._fts_ids(fixed, "or")
                qw = fixed
        found = self.foods(ids, with_portions=False)
        scored = sorted((Match(f, score(f, qw, text, drink)) for f in found), key=lambda m: (-m.score, m.food.ndb))
        everyday = list(dict.fromkeys(int(e.ndb) for e in self.everyday(text)))
        top_ids = everyday + [int(m.food.ndb) for m in scored if int(m.food.ndb) not in everyday]
        top_ids = top_ids[:limit]
        points = {m.food.ndb: m.score for m in scored}
        return [Match(f, points.get(f.ndb, 0.0)) for f in self.foods(top_ids)]


_OPEN: dict[Path, FoodTable] = {}


def open_foods(path: Path | str | None = None) -> FoodTable:
    """The shipped food table (opened once per process, read-only)."""
    key = Path(path) if path else DATA_PATH
    table = _OPEN.get(key)
    if table is None:
        table = _OPEN[key] = FoodTable(key)
    return table


def get_food(ndb: str | int) -> Food | None:
    """The food with this NDB number from the shipped table, or None."""
    return open_foods().get(ndb)


def dataset_line(table: FoodTable | None = None) -> str:
    """One line naming the food data and its version, for help texts and the report."""
    meta = (table or open_foods()).meta
    return f"{meta['foods.short']}, {int(meta['foods.count']):,} foods; targets: {meta['dri.short']}"
