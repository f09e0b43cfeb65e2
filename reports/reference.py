"""The patient's reference intakes, as the fluid and electrolyte page uses them.

A thin adapter over `diary.targets.targets_for` (the one source of targets, shared with
`diary today`), so the report's pages depend on this small shape only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from diary import targets as shared
from diary.profile import Profile


@dataclass(frozen=True)
class NutrientTarget:
    """One nutrient's goal (AI or RDA) and upper line (CDRR or UL), in ml or mg."""

    key: str  # an intake column: water_ml, sodium_mg ...
    label: str
    unit: str  # "ml" or "mg"
    goal: float | None
    goal_kind: str | None  # "AI" or "RDA"
    upper: float | None
    upper_kind: str | None  # "CDRR" or "UL"
    upper_scope: str  # "total", or "supplements" (the magnesium UL)
    source: str
    caveat: str | None = None


@dataclass(frozen=True)
class Targets:
    nutrients: list[NutrientTarget]
    basis: str  # the DRI group: "female 31-50 y"
    assumed: str | None  # what was assumed for a profile without sex or birth year
    caveat: str | None = None


def targets_for(profile: Profile, on: dt.date) -> Targets:
    """The patient's targets on the day `on` (the report uses the period's last day)."""
    found = shared.targets_for(profile if profile.exists else None, on)
    nutrients = []
    for t in found:
        label = t.label + (" (total water)" if t.key == "water_ml" else "")
        sources = [f"{t.goal_kind} {_short(t.goal_source)}" if t.goal_kind and t.goal_source else None,
                   f"{t.upper_kind} {_short(t.upper_source)}" if t.upper_kind and t.upper_source else None]
        nutrients.append(NutrientTarget(
            key=t.key, label=label, unit=t.unit, goal=t.goal, goal_kind=t.goal_kind, upper=t.upper,
            upper_kind=t.upper_kind, upper_scope="supplements" if t.upper_supplements_only else "total",
            source="; ".join(s for s in sources if s) or "no reference value for this group", caveat=t.caveat or None,
        ))
    basis = found.group
    if "age" not in found.assumed:  # a birth year allows two ages: say both, and what the older would change
        basis += f", {found.age_text}" + (f". {found.age_note}" if found.age_note else "")
    return Targets(nutrients, basis, assumed_text(found), found.caveat)


def assumed_text(found: shared.Targets) -> str | None:
    """What the page says when the profile lacks sex or birth year: the default the targets
    assume, in words for the clinician ("no sex or birth year in the profile; targets for
    an adult woman aged 31-50 assumed"), never a command with example values, which would
    read like the patient's data."""
    if not found.assumed:
        return None
    missing = " or ".join({"sex": "sex", "age": "birth year"}[a] for a in found.assumed)
    person = {"female": "woman", "male": "man"}.get(found.sex, found.sex)
    if found.life_stage:
        person = f"{found.life_stage} {person}"
    if "age" in found.assumed:
        band = found.group.rsplit(" ", 2)[-2] if found.group.endswith(" y") else str(found.age)
        who = f"an adult {person} aged {band}"
    else:
        who = f"{'an' if person[0] in 'aeiou' else 'a'} {person}, {found.age_text}"
    return f"no {missing} in the profile; targets for {who} assumed"


def _short(key: str | None) -> str:
    """'NASEM2019-TableS-1' -> 'NASEM 2019': the report names the body and year."""
    head = (key or "").split("-", 1)[0]
    for body in ("NASEM", "IOM"):
        if head.startswith(body) and head[len(body):].isdigit():
            return f"{body} {head[len(body):]}"
    return head or "unknown"
