"""The small fixed vocabularies of the domain.

Standard library only: the logging path and the models both read these, and the
models turn them into CHECK constraints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SITES: tuple[str, ...] = (
    "neck", "upper-back", "mid-back", "lower-back", "shoulder", "arm", "hand", "hip",
    "glute", "thigh", "hamstring", "calf", "foot", "abdomen", "other",
)

# What people type for a site, mapped onto the vocabulary. Only words with one meaning: "leg" is
# calf, thigh or hamstring, so it is asked about (or refused naming them), never guessed.
SITE_ALIASES: dict[str, str] = {
    "lumbar": "lower-back", "low-back": "lower-back", "lowback": "lower-back", "lowerback": "lower-back",
    "back": "lower-back", "thoracic": "mid-back", "midback": "mid-back", "upperback": "upper-back",
    "cervical": "neck", "buttock": "glute", "butt": "glute", "bum": "glute",
    "quad": "thigh", "quads": "thigh", "hamstrings": "hamstring", "calves": "calf", "belly": "abdomen",
    "stomach": "abdomen", "tummy": "abdomen", "feet": "foot", "hands": "hand", "arms": "arm",
}

# Words for more than one site: asked which, never mapped.
SITE_CHOICES: dict[str, tuple[str, ...]] = {
    "leg": ("calf", "thigh", "hamstring"), "legs": ("calf", "thigh", "hamstring"),
    "upper-leg": ("thigh", "hamstring"), "lower-leg": ("calf", "foot"),
}

SIDES: tuple[str, ...] = ("left", "right", "both", "centre")
SIDE_ALIASES: dict[str, str] = {
    "l": "left", "r": "right", "b": "both", "center": "centre", "middle": "centre", "c": "centre",
}



@dataclass(frozen=True)
class EntryKind:
    """One kind of entry: the name stored in `entry.kind`, its own table and time column
    (a local day for the day statements), and the words people use for it."""

    name: str
    table: str
    time_column: str
    word: str  # in a sentence: "a quiet day"
    words: tuple[str, ...]  # what `diary list --kind` accepts besides the name


# The one list of entry kinds; everything else (models' CHECK, list, export) derives from it.
KINDS: tuple[EntryKind, ...] = (
    EntryKind("spasm", "episode", "started_at", "spasm", ("spasms", "cramp", "cramps", "episode", "episodes")),
    EntryKind("intake", "intake", "taken_at", "intake", ("intakes", "food", "drink", "eat", "supplement")),
    EntryKind("adjustment", "adjustment", "at", "adjustment", ("adjustments", "adjust", "visit", "visits")),
    EntryKind("quiet", "quiet_day", "day", "quiet day", ("quiet-day", "quiet-days")),
    EntryKind("pgic", "pgic", "at", "impression of change", ("impression",)),
    EntryKind("peg", "peg", "at", "PEG", ("pegs",)),
    EntryKind("medication", "medication", "taken_at", "medication", ("med", "meds", "medications")),
    EntryKind("reaction", "reaction", "at", "reaction", ("reactions",)),
    EntryKind("complete", "complete_day", "day", "complete day", ("complete-day", "complete-days")),
)
KIND_BY_NAME: dict[str, EntryKind] = {k.name: k for k in KINDS}
# Kinds that mark a whole local day (quiet, complete): one live mark a day, no time of day.
DAY_KINDS: tuple[str, ...] = tuple(k.name for k in KINDS if k.time_column == "day")
ENTRY_KINDS: tuple[str, ...] = tuple(k.name for k in KINDS)
INTAKE_SOURCES: tuple[str, ...] = ("water", "food", "own_food", "supplement")


@dataclass(frozen=True)
class Nutrient:
    """One of the five nutrients an intake's snapshot holds: its column, names and unit."""

    key: str  # the column in intake and own_food
    label: str  # "Sodium"
    short: str  # "Na"
    unit: str  # "mg"


# The one list of the nutrients the diary totals, in the order they are shown.
NUTRIENTS: tuple[Nutrient, ...] = (
    Nutrient("water_ml", "Fluid", "water", "ml"),
    Nutrient("sodium_mg", "Sodium", "Na", "mg"),
    Nutrient("potassium_mg", "Potassium", "K", "mg"),
    Nutrient("magnesium_mg", "Magnesium", "Mg", "mg"),
    Nutrient("calcium_mg", "Calcium", "Ca", "mg"),
)
NUTRIENT_KEYS: tuple[str, ...] = tuple(n.key for n in NUTRIENTS)
# An intake's food and the snapshot of its nutrients, taken when it was logged: they change
# together or not at all (edit --amount goes through diary.intake; "again" copies them whole).
INTAKE_SNAPSHOT: tuple[str, ...] = ("source", "food_ndb", "own_food_id", "description", "amount_text", "grams", "ml",
                                    *NUTRIENT_KEYS, "supplement_nutrient")
SUPPLEMENT_NUTRIENTS: tuple[str, ...] = ("sodium", "potassium", "magnesium", "calcium")
SEXES: tuple[str, ...] = ("female", "male")
# How "a pint" and "a can" are read: UK (568 ml pint, 330 ml can) or US (473 ml, 355 ml).
UNIT_SYSTEMS: tuple[str, ...] = ("uk", "us")
# Triggers offered while the patient has no history of their own (DESIGN section 2's examples),
# and the spellings a new trigger word is checked against besides the patient's own.
COMMON_TRIGGERS: tuple[str, ...] = ("sitting", "lifting", "sleep", "exercise", "stress", "cold", "dehydration")
# What may follow an adjustment in the 72 h after a visit (diary reaction KIND 0-10).
REACTION_KINDS: tuple[str, ...] = (
    "soreness", "stiffness", "headache", "dizziness", "tingling", "tiredness", "other",
)
LIFE_STAGES: tuple[str, ...] = ("pregnant", "lactating")
CHANGE_ACTIONS: tuple[str, ...] = ("add", "edit", "delete", "restore")

# Longest episode accepted: a "spasm" lasting longer is almost surely a typo.
MAX_DURATION_S = 24 * 3600
# Clock skew tolerated before a time counts as "in the future".
FUTURE_SLACK = dt.timedelta(minutes=1)
# Nothing in a diary happened before this year.
MIN_YEAR = 1900
# The longest note (or other free text) a patient can type.
MAX_NOTE = 2000
