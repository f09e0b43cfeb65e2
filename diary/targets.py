"""A patient's daily targets for fluid and electrolytes, from the Dietary Reference Intakes.

Standard library only. `targets_for(profile, on)` picks the DRI rows (shipped in
diary/data/foods.sqlite from dri.csv, see SOURCES.md) for the profile's sex, life stage
and age on a given day:

- a *goal* per nutrient: the RDA where there is one, else the AI;
- an *upper line* where the DRIs set one: sodium's CDRR (2,300 mg from 14 y: "reduce
  intakes if above"), the magnesium UL (for supplements and medicines only, never food
  and water), the calcium UL (total intake);
- the source key of each number (from dri.csv's note, `src=...`) and its caveats.

Fluid uses the *total-water* AI, compared with all water logged: drinks and the water
in food (every intake's `water_ml`). The DRI's beverage share of it (about 80 %) is
approximate and not a DRI of its own, so it is not used.

Lookup rule (SOURCES.md): the row whose age band holds the age (age_min <= age <
age_max) and whose sex is the person's own; else the `any` row. Pregnant and lactating
women use their life-stage rows, falling back to `female`, then `any`. Without a sex
the default is female; without a birth year, age 40 (the 31-50 y group); the Targets
say which default was assumed and how to set the profile.

Age from a birth year alone: the birthday is not stored, so on a day of year Y someone
born in B is Y-B-1 (birthday still to come) or Y-B (already had it); only on 31 December
is it surely Y-B. The rule: the *younger* possible age is used, until 31 December. It is
never a year too old, it changes once a year on the same day for everyone, and
`Targets.age_text` says both ages ("age 46 or 47"). Where the two ages fall in different
DRI bands (in 2026 a woman born 1975 is 50 or 51: calcium 1,000 or 1,200 mg a day),
`Targets.age_note` says which was used and what the older age would change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from diary.vocab import NUTRIENT_KEYS
from diary.vocab import NUTRIENTS as VOCAB_NUTRIENTS

# The one list of the nutrients, their labels and units (diary.vocab).
NUTRIENTS: tuple[str, ...] = NUTRIENT_KEYS
LABELS = {n.key: n.label for n in VOCAB_NUTRIENTS}
UNITS = {n.key: n.unit for n in VOCAB_NUTRIENTS}
_DRI_NUTRIENT = {"water_ml": "water_total", "sodium_mg": "sodium", "potassium_mg": "potassium",
                 "magnesium_mg": "magnesium", "calcium_mg": "calcium"}
_UPPER_KIND = {"sodium_mg": "CDRR", "magnesium_mg": "UL", "calcium_mg": "UL"}

DEFAULT_SEX = "female"
DEFAULT_AGE = 40  # in the 31-50 y group
HOW_TO_SET = "diary profile --sex female|male --born YEAR"
FLUID_BASIS = "water_total"

GENERAL_CAVEAT = (
    "Reference values for healthy people. With kidney disease, heart failure, or on diuretics or "
    "drugs that affect potassium, your clinician's targets come first."
)


@dataclass(frozen=True)
class Target:
    """One nutrient's daily target.

    `goal` (ml or mg) is an RDA or AI (`goal_kind`); `upper` is the line above which to
    cut down (`upper_kind` CDRR or UL), compared with supplements only when
    `upper_supplements_only`. `goal_source` / `upper_source` are dri.csv's `src=` keys;
    `caveat` is plain text for the patient and the clinician.
    """

    key: str
    label: str
    unit: str
    goal: float | None
    goal_kind: str | None
    goal_source: str | None
    band: str | None
    upper: float | None = None
    upper_kind: str | None = None
    upper_source: str | None = None
    upper_supplements_only: bool = False
    caveat: str = ""

    @property
    def source(self) -> str | None:
        """The source key of the goal (e.g. 'NASEM2019-TableS-1')."""
        return self.goal_source


@dataclass(frozen=True)
class Targets:
    """All five targets for one person on one day, and what was assumed to choose them.

    `assumed` lists the profile fields that were missing and defaulted ('sex', 'age');
    `assumption` says it in words ("adult female, 31-50 y") and `how_to_set` is the
    command that sets the profile. `group` names the DRI group used ("female 31-50 y").
    `age` is the age the targets are for: the younger of `ages`, the two ages a birth
    year allows on the day (the same twice on 31 December; None when the age was
    assumed). `age_note` is set when the older age would give other targets.
    """

    on: dt.date
    sex: str
    life_stage: str | None
    age: int
    group: str
    items: dict[str, Target]
    assumed: tuple[str, ...] = ()
    assumption: str | None = None
    how_to_set: str | None = None
    fluid_basis: str = FLUID_BASIS
    caveat: str = GENERAL_CAVEAT
    ages: tuple[int, int] | None = None
    age_note: str | None = None

    @property
    def age_text(self) -> str:
        """'age 46 or 47' from a birth year ('age 47' on 31 December), or 'age 40 assumed'."""
        if self.ages is None:
            return f"age {self.age} assumed"
        young, old = self.ages
        return f"age {young}" if young == old else f"age {young} or {old}"

    def __getitem__(self, key: str) -> Target:
        return self.items[key]

    def __iter__(self) -> Iterator[Target]:
        return iter(self.items[k] for k in NUTRIENTS)


_DRI_ROWS: list[tuple[Any, ...]] | None = None


def dri_rows() -> list[tuple[Any, ...]]:
    """dri.csv's rows: (nutrient, kind, sex, age_min, age_max or None, amount, unit, note)."""
    global _DRI_ROWS
    if _DRI_ROWS is None:
        from diary.foods import open_foods

        _DRI_ROWS = open_foods().conn.execute(
            "SELECT nutrient, kind, sex, age_min, age_max, amount, unit, note FROM dri"
        ).fetchall()
    return _DRI_ROWS


def _sexes(sex: str, life_stage: str | None) -> list[str]:
    if sex == "female" and life_stage in ("pregnant", "lactating"):
        return [life_stage, "female", "any"]
    return [sex, "any"]


def _lookup(nutrient: str, kinds: tuple[str, ...], sexes: list[str], age: float) -> tuple[Any, ...] | None:
    for kind in kinds:
        for sex in sexes:
            for row in dri_rows():
                n, k, s, lo, hi, *_ = row
                if n == nutrient and k == kind and s == sex and lo <= age and (hi is None or age < hi):
                    return row
    return None


def source_key(note: str) -> str | None:
    """'src=NASEM2019-TableS-1; 2019 update' -> 'NASEM2019-TableS-1'."""
    head = note.split(";", 1)[0].strip()
    return head[4:].strip() if head.startswith("src=") else None


def band_text(lo: float, hi: float | None) -> str:
    """An age band as the DRI tables write it: (31, 51) -> '31-50 y', (71, None) -> '71+ y'."""
    if hi is not None and hi <= 1:
        return f"{round(lo * 12) + (1 if lo else 0)}-{round(hi * 12)} mo"  # 0-6 mo, 7-12 mo
    if hi is None:
        return f"{lo:g}+ y"
    return f"{lo:g}-{hi - 1:g} y"


def _caveat(key: str, upper: float | None) -> str:
    if key == "water_ml":
        return ("All water counts: drinks and the water in food (the DRI total-water AI). Heat, exercise and "
                "illness raise the need; with heart or kidney disease follow your clinician's fluid limit.")
    if key == "sodium_mg":
        if upper is None:
            return "No CDRR for this age in the source data."
        return f"Reduce intakes above {upper:,.0f} mg (the CDRR, for lower chronic-disease risk)."
    if key == "potassium_mg":
        return ("The potassium AI does not apply with kidney disease or with drugs that impair potassium "
                "excretion (e.g. ACE inhibitors, potassium-sparing diuretics).")
    if key == "magnesium_mg":
        ul = f"The UL ({upper:,.0f} mg) counts" if upper else "The UL counts"
        return (f"{ul} magnesium from supplements and medicines only, not from food and water. "
                "Magnesium supplements have not been shown to prevent muscle cramps.")
    if key == "calcium_mg":
        return "The UL is for total calcium from food, water and supplements."
    return ""


def possible_ages(birth_year: int, on: dt.date) -> tuple[int, int]:
    """(younger, older): the ages someone born in `birth_year` can be on the day `on`.

    The same twice on 31 December, when every birthday of the year has passed; never
    below 0 (a birth year in the future counts as a newborn).
    """
    older = on.year - int(birth_year)
    younger = older if (on.month, on.day) == (12, 31) else older - 1
    return max(0, younger), max(0, older)


def _items(sexes: list[str], age: float) -> dict[str, Target]:
    items: dict[str, Target] = {}
    for key in NUTRIENTS:
        nutrient = _DRI_NUTRIENT[key]
        goal = _lookup(nutrient, ("RDA", "AI"), sexes, age)
        upper = _lookup(nutrient, (_UPPER_KIND[key],), sexes, age) if key in _UPPER_KIND else None
        scale = 1000.0 if key == "water_ml" else 1.0
        upper_amount = upper[5] * scale if upper else None
        items[key] = Target(
            key=key, label=LABELS[key], unit=UNITS[key],
            goal=goal[5] * scale if goal else None,
            goal_kind=goal[1] if goal else None,
            goal_source=source_key(goal[7]) if goal else None,
            band=band_text(goal[3], goal[4]) if goal else None,
            upper=upper_amount,
            upper_kind=upper[1] if upper else None,
            upper_source=source_key(upper[7]) if upper else None,
            upper_supplements_only=key == "magnesium_mg" and upper is not None,
            caveat=_caveat(key, upper_amount),
        )
    return items


def _group_band(sexes: list[str], age: float) -> str:
    potassium = _lookup("potassium", ("AI",), sexes, age)
    return band_text(potassium[3], potassium[4]) if potassium else f"{age:g} y"


def _age_note(birth_year: int, ages: tuple[int, int], sexes: list[str], used: dict[str, Target]) -> str | None:
    """What the older possible age would change, or None when both ages share the targets."""
    young, old = ages
    if young == old:
        return None
    other = _items(sexes, old)
    changes = []
    for key in NUTRIENTS:
        a, b = used[key], other[key]
        if (a.goal, a.goal_kind) != (b.goal, b.goal_kind) and b.goal is not None:
            changes.append(f"{b.label.lower()} {b.goal:,.0f} {b.unit} ({b.goal_kind})")
        if (a.upper, a.upper_kind) != (b.upper, b.upper_kind) and b.upper is not None:
            changes.append(f"{b.label.lower()} {b.upper_kind} {b.upper:,.0f} {b.unit}")
    if not changes:
        return None
    return (f"born {birth_year}, so {young} or {old} (no birthday in the profile): the targets are for {young} "
            f"({_group_band(sexes, young)}) until 31 December; at {old} ({_group_band(sexes, old)}): "
            + ", ".join(changes))


def targets_for(profile: Any, on: dt.date) -> Targets:
    """The daily targets for `profile` (anything with sex, life_stage and birth_year, e.g.
    `diary.profile.Profile`; None for no profile) on the day `on`.

    Missing sex or birth year fall back to female and age 40 (31-50 y); `Targets.assumed`
    and `Targets.assumption` say so. With a birth year the age is the younger of the two
    it allows (see the module's docstring, `Targets.age_text` and `Targets.age_note`).
    """
    sex = getattr(profile, "sex", None)
    birth_year = getattr(profile, "birth_year", None)
    life_stage = getattr(profile, "life_stage", None)
    assumed: list[str] = []
    if sex not in ("female", "male"):
        sex = DEFAULT_SEX
        assumed.append("sex")
    ages: tuple[int, int] | None = None
    if birth_year:
        ages = possible_ages(int(birth_year), on)
        age = ages[0]
    else:
        age = DEFAULT_AGE
        assumed.append("age")
    if sex != "female":
        life_stage = None
    sexes = _sexes(sex, life_stage)
    items = _items(sexes, age)
    band = _group_band(sexes, age)
    who = sex if not life_stage else f"{life_stage} female"
    assumption = how = None
    if assumed:
        missing = " or ".join({"sex": "sex", "age": "birth year"}[a] for a in assumed)
        assumption = (f"{'adult ' if 'age' in assumed else ''}{who}, {band} (no {missing} in your profile)")
        how = HOW_TO_SET
    note = _age_note(int(birth_year), ages, sexes, items) if ages and birth_year is not None else None
    return Targets(on=on, sex=sex, life_stage=life_stage, age=age, group=f"{who} {band}", items=items,
                   assumed=tuple(assumed), assumption=assumption, how_to_set=how, ages=ages, age_note=note)
