"""The everyday-names table: read the hand-reviewed source, check it against the CSVs, and
weigh each natural serving from portions.csv. Used by scripts/build_foods.py.

Source: scripts/data/everyday_names.csv, one row per food a kitchen means, with columns

- names: what people call it, separated by ';' ("courgette;zucchini");
- locale: 'any', or 'uk' / 'us' for a name that means another food there ("chips"), or
  that means one food in one country only ("beans" are baked beans in the UK; in the US
  the word is a question, as if the table did not have it);
- ndb: the SR28 food (5 digits, as in foods.csv);
- serving: its natural serving (what "banana" or "a beer" alone means), one of: a
  household measure of the food as portions.csv names it, with a count ("1 medium",
  "2 slice", "1 cup, chopped"; "#3" for its measure of seq 3 where labels repeat,
  "0.5 #4" for half of it); a weight ("30 g", "1 oz"); a volume ("12 fl oz",
  "150 ml", "1 cup"), weighed by the food's own measure of that unit, else by its
  density from another volume measure, and for a drink without any volume measure at
  1 g/ml; or a measure the reviewer weighed where portions.csv has none fit to eat
  ("1 slice = 50 g": USDA's slice of French bread is 139 g), or the container a drink
  comes in ("1 carton = 330 ml", so "a carton of coconut water" is that carton);
- each: one of it, for counts ("2 strawberries": two medium strawberries, where
  "strawberries" alone is a cup of them), in the same forms; empty: the serving; "-":
  a count says no amount ("a pizza" is any size, "a watermelon" no one eats whole), so
  the patient is asked for slices or grams;
- kind: which household measures fit it (beer, wine, hot, cereal, berries ...);
- why: the reviewer's reasoning, for the next reviewer.

Every row must name a food of foods.csv, every serving must come to grams, every name
may appear once per locale, and a name is either for 'any' locale or for one or both of
'uk' and 'us'. Standard library only.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from diary.foods.text import norm  # noqa: E402  (the same folding the program looks names up with)

SOURCE = Path(__file__).resolve().parent / "data" / "everyday_names.csv"
LOCALES = ("any", "uk", "us")
KINDS = ("water", "hot", "soft", "juice", "milk", "beer", "cider", "wine", "fortified", "spirit",
         "food", "fruit", "berries", "veg", "cereal", "soup", "yogurt", "nuts", "crisps", "chocolate", "ice cream",
         "seasoning", "bread", "dish", "tinned", "energy")
DRINKS = ("water", "hot", "soft", "juice", "milk", "beer", "cider", "wine", "fortified", "spirit", "energy")
FL_OZ_ML = 29.5735295625
CUP_ML = 236.5882365
VOLUME_ML = {"ml": 1.0, "l": 1000.0, "fl oz": FL_OZ_ML, "cup": CUP_ML, "tbsp": CUP_ML / 16, "tsp": CUP_ML / 48}
MASS_G = {"g": 1.0, "oz": 28.349523125}
UNCOUNTED = "-"  # the `each` of a food a count gives no amount of (diary.foods.table.UNCOUNTED)


@dataclass(frozen=True)
class Source:
    """One row of the source table, as written."""

    line: int
    names: tuple[str, ...]
    locale: str
    ndb: str
    serving: str
    each: str
    kind: str
    why: str


@dataclass(frozen=True)
class Row:
    """One name of the built table: its lookup key, the food and the weighed serving."""

    key: str
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
    how: str  # how the serving was weighed, for the review


def read(path: Path = SOURCE) -> list[Source]:
    """The source rows; ValueError names the line of a malformed one."""
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != ["names", "locale", "ndb", "serving", "each", "kind", "why"]:
            raise ValueError(f"{path.name}: columns must be names,locale,ndb,serving,each,kind,why")
        for line, r in enumerate(reader, 2):
            names = tuple(n.strip() for n in r["names"].split(";") if n.strip())
            if not names or r["locale"] not in LOCALES or r["kind"] not in KINDS or not r["why"].strip():
                raise ValueError(f"{path.name} line {line}: needs names, a locale of {LOCALES}, a kind of "
                                 f"{KINDS} and a reason")
            serving = r["serving"].strip()
            out.append(Source(line, names, r["locale"], r["ndb"], serving, r["each"].strip() or serving, r["kind"],
                              r["why"].strip()))
    return out


def _label(unit: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", unit).strip(" ,")


def _density(portions: list[dict[str, str]]) -> tuple[float, str] | None:
    """(g per ml, from which measure): USDA's "fl oz" itself, then a measure that says its
    fluid ounces ("can 8.4 fl oz"), then a plain cup, tbsp or tsp."""
    for p in portions:
        if _label(p["unit"]) == "fl oz":
            ml = float(p["amount"]) * FL_OZ_ML
            return float(p["gram_weight"]) / ml, f"{p['amount']} fl oz = {p['gram_weight']} g"
    for p in portions:
        m = re.search(r"(\d+(?:\.\d+)?) fl oz", p["unit"])
        if m:
            ml = float(p["amount"]) * float(m.group(1)) * FL_OZ_ML
            return float(p["gram_weight"]) / ml, f"{p['amount']} {p['unit']} = {p['gram_weight']} g"
    for unit_name in ("cup", "tbsp", "tsp"):
        for p in portions:
            if _label(p["unit"]) == unit_name:
                ml = float(p["amount"]) * VOLUME_ML[unit_name]
                return float(p["gram_weight"]) / ml, f"{p['amount']} {p['unit']} = {p['gram_weight']} g"
    return None


def weigh(source: Source, spec: str, portions: list[dict[str, str]]) -> tuple[float, float | None, str]:
    """(grams, ml or None, how) of a serving `spec` of the row's food; ValueError when it
    cannot be weighed."""
    where = f"line {source.line} ({source.names[0]})"
    drink = source.kind in DRINKS
    m = re.fullmatch(r"(?:(\d+(?:\.\d+)?) )?#(\d+)", spec)
    if m:
        found = [p for p in portions if p["seq"] == m.group(2)]
        if not found:
            raise ValueError(f"{where}: NDB {source.ndb} has no measure of seq {m.group(2)}")
        p = found[0]
        # "#4" is the measure as USDA gives it; "0.5 #4" a share of one of its units
        factor = 1.0 if m.group(1) is None else float(m.group(1)) / float(p["amount"])
        label = _label(p["unit"])
        ml = float(p["amount"]) * VOLUME_ML[label] * factor if label in VOLUME_ML else None
        return float(p["gram_weight"]) * factor, ml, f"{spec}: {p['amount']} {p['unit']} = {p['gram_weight']} g"
    m = re.fullmatch(r"(\d+(?:\.\d+)?) ([a-z][a-z ,]*) = (\d+(?:\.\d+)?) (g|ml)", spec)
    if m and m.group(4) == "g":  # the reviewer's weight of a measure: "1 slice = 50 g"
        grams = float(m.group(3))
        return grams, (grams if drink else None), f"{spec} (the reviewer's weight)"
    if m:  # the reviewer's volume of a container: "1 carton = 330 ml", weighed by the food's density
        ml = float(m.group(3))
        density = _density(portions)
        grams = ml * density[0] if density else ml
        return grams, ml, f"{spec} (the reviewer's volume)" + (f" at {density[0]:.4g} g/ml" if density else "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s+(.+)", spec)
    if not m:
        raise ValueError(f"{where}: serving {spec!r} is not 'COUNT UNIT', 'COUNT UNIT = GRAMS g' or '#SEQ'")
    count, unit = float(m.group(1)), m.group(2)
    if unit in MASS_G:
        grams = count * MASS_G[unit]
        return grams, (grams if drink else None), f"{spec} = {grams:.4g} g"
    if unit in VOLUME_ML:
        ml = count * VOLUME_ML[unit]
        # the food's own measure of the unit, one of exactly "1 cup" before "1.25 cup (1 NLEA serving)"
        own = sorted((p for p in portions if _label(p["unit"]) == unit),
                     key=lambda p: (p["unit"] != unit, float(p["amount"]) != 1.0))
        if own:
            p = own[0]
            grams = count * float(p["gram_weight"]) / float(p["amount"])
            return grams, ml, f"{count:g} x its {p['amount']} {p['unit']} = {p['gram_weight']} g"
        density = _density(portions)
        if density:
            return ml * density[0], ml, f"{ml:.4g} ml at {density[0]:.4g} g/ml from {density[1]}"
        if drink:
            return ml, ml, f"{ml:.4g} ml at 1 g/ml (no volume measure)"
        raise ValueError(f"{where}: NDB {source.ndb} has no volume measure to weigh {spec!r}")
    fits = [p for p in portions if _label(p["unit"]) == unit or p["unit"] == unit]
    if len(fits) != 1:
        labels = "; ".join(f"#{p['seq']} {p['amount']} {p['unit']}" for p in portions)
        raise ValueError(f"{where}: {len(fits)} measures of NDB {source.ndb} are {unit!r}; it has: {labels}")
    p = fits[0]
    grams = count * float(p["gram_weight"]) / float(p["amount"])
    ml = count * VOLUME_ML[_label(p["unit"])] / float(p["amount"]) if _label(p["unit"]) in VOLUME_ML else None
    how = f"{count:g} x {p['amount']} {p['unit']} = {p['gram_weight']} g"
    if ml is None and drink:  # a drink served by weight ("container (10.6 oz)"): its volume by its density
        density = _density(portions)
        ml = grams / density[0] if density else grams
        how += f", {ml:.4g} ml" + (f" at {density[0]:.4g} g/ml" if density else " at 1 g/ml")
    return grams, ml, how


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _spelled(spec: str, portions: list[dict[str, str]]) -> str:
    """A serving as the reply says it: "#3" becomes its measure ("1 roll"), "0.5 #4" half of one,
    "1 slice = 50 g" its measure ("1 slice")."""
    spec = spec.split(" = ")[0]
    m = re.fullmatch(r"(?:(\d+(?:\.\d+)?) )?#(\d+)", spec)
    if not m:
        return spec
    p = next(p for p in portions if p["seq"] == m.group(2))
    return f"{float(m.group(1) or p['amount']):g} {_label(p['unit'])}"


def resolve(sources: list[Source], foods: list[dict[str, str]], portions: list[dict[str, str]]) -> list[Row]:
    """The built rows, one per name and locale; ValueError on any problem (an unknown NDB
    number, a serving without grams, a name given twice or for 'any' and a country)."""
    known = {r["ndb_no"] for r in foods}
    by_food: dict[str, list[dict[str, str]]] = {}
    for p in portions:
        by_food.setdefault(p["ndb_no"], []).append(p)
    rows: list[Row] = []
    seen: dict[tuple[str, str], int] = {}
    for s in sources:
        if s.ndb not in known:
            raise ValueError(f"line {s.line} ({s.names[0]}): NDB number {s.ndb!r} is not in foods.csv")
        grams, ml, how = weigh(s, s.serving, by_food.get(s.ndb, []))
        each_grams, each_ml = weigh(s, s.each, by_food.get(s.ndb, []))[:2] if s.each != UNCOUNTED else (0.0, None)
        if not (grams > 0 and (each_grams > 0 or s.each == UNCOUNTED)):
            raise ValueError(f"line {s.line} ({s.names[0]}): a serving weighs nothing")
        serving, each = (_spelled(spec, by_food.get(s.ndb, [])) for spec in (s.serving, s.each))
        for name in s.names:
            key = norm(name)
            if not key:
                raise ValueError(f"line {s.line}: name {name!r} has no words")
            if seen.get((key, s.locale)) == s.line:
                continue  # the same name twice in a row ("apple;apples"): written both ways for the reader
            if (key, s.locale) in seen:
                raise ValueError(f"line {s.line}: {name!r} is already on line {seen[(key, s.locale)]}")
            seen[(key, s.locale)] = s.line
            rows.append(Row(key, name, s.locale, s.ndb, serving, round(grams, 3), _round(ml), each,
                            round(each_grams, 3), _round(each_ml), s.kind, how))
    locales: dict[str, set[str]] = {}
    for key, locale in seen:
        locales.setdefault(key, set()).add(locale)
    for key, found in locales.items():
        if "any" in found and len(found) > 1:
            raise ValueError(f"name {key!r} is given for {sorted(found)}: use 'any' alone, or 'uk' and 'us'")
    return sorted(rows, key=lambda r: (r.key, r.locale))


def review(rows: list[Row], foods: list[dict[str, str]]) -> str:
    """A listing for the reviewer: each name, its food's description and its serving in grams."""
    described = {r["ndb_no"]: r["description"] for r in foods}
    lines = []
    for r in rows:
        amount = f"{r.grams:g} g" + (f", {r.ml:g} ml" if r.ml is not None else "")
        each = "" if r.each == r.serving else f"; each {r.each} ({r.each_grams:g} g)"
        lines.append(f"{r.said:<28} {r.locale:<3} {r.kind:<9} {r.ndb} {described[r.ndb][:60]:<60} "
                     f"{r.serving} ({amount}){each} [{r.how}]")
    return "\n".join(lines)
