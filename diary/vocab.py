"""The small fixed vocabularies of the domain.

Standard library only: the logging path and the models both read these, and the
models turn them into CHECK constraints.
"""

from __future__ import annotations

SITES: tuple[str, ...] = (
    "neck", "upper-back", "mid-back", "lower-back", "shoulder", "arm", "hand", "hip",
    "glute", "thigh", "hamstring", "calf", "foot", "abdomen", "other",
)

# What people type for a site, mapped onto the vocabulary.
SITE_ALIASES: dict[str, str] = {
    "lumbar": "lower-back", "low-back": "lower-back", "lowback": "lower-back", "lowerback": "lower-back",
    "back": "lower-back", "thoracic": "mid-back", "midback": "mid-back", "upperback": "upper-back",
    "cervical": "neck", "buttock": "glute", "butt": "glute", "bum": "glute", "leg": "thigh",
    "quad": "thigh", "quads": "thigh", "hamstrings": "hamstring", "calves": "calf", "belly": "abdomen",
    "stomach": "abdomen", "tummy": "abdomen", "feet": "foot", "hands": "hand", "arms": "arm",
}

SIDES: tuple[str, ...] = ("left", "right", "both", "centre")
SIDE_ALIASES: dict[str, str] = {"l": "left", "r": "right", "b": "both", "center": "centre", "middle": "centre", "c": "centre"}

ENTRY_KINDS: tuple[str, ...] = (
    "spasm", "intake", "adjustment", "quiet", "pgic", "peg", "medication", "reaction", "complete",
)
INTAKE_SOURCES: tuple[str, ...] = ("water", "food", "own_food", "supplement")
NUTRIENTS: tuple[str, ...] = ("water_ml", "sodium_mg", "potassium_mg", "magnesium_mg", "calcium_mg")
SUPPLEMENT_NUTRIENTS: tuple[str, ...] = ("sodium", "potassium", "magnesium", "calcium")
SEXES: tuple[str, ...] = ("female", "male")
# How "a pint" and "a can" are read: UK (568 ml pint, 330 ml can) or US (473 ml, 355 ml).
UNIT_SYSTEMS: tuple[str, ...] = ("uk", "us")
# What may follow an adjustment in the 72 h after a visit (diary reaction KIND 0-10).
REACTION_KINDS: tuple[str, ...] = (
    "soreness", "stiffness", "headache", "dizziness", "tingling", "tiredness", "other",
)
LIFE_STAGES: tuple[str, ...] = ("pregnant", "lactating")
CHANGE_ACTIONS: tuple[str, ...] = ("add", "edit", "delete", "restore")

# Longest episode accepted: a "spasm" lasting longer is almost surely a typo.
MAX_DURATION_S = 24 * 3600
