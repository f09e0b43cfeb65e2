"""The words `diary list --kind` accepts: every kind's name and the words the commands use
for it (diary.vocab.KINDS), and, within intakes, food, drink and supplement.

Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from diary.vocab import KINDS

# Within intakes: a drink has a volume (ml), a food has none, a supplement is its own source.
INTAKE_PARTS: dict[str, str] = {"drink": "drink", "water": "drink", "food": "food", "eat": "food",
                                "meal": "food", "supplement": "supplement"}


class KindChoice(NamedTuple):
    """An entry kind to list, and for intakes which part of them (None: all)."""

    kind: str
    part: str | None = None


def kind_words(listable: Iterable[str]) -> dict[str, KindChoice]:
    """Every word for a kind that can be listed, singular and plural -> what it chooses."""
    allowed = set(listable)
    words: dict[str, KindChoice] = {}
    for kind in KINDS:
        if kind.name not in allowed:
            continue
        for word in (kind.name, *kind.words):
            part = INTAKE_PARTS.get(word) if kind.name == "intake" else None
            choice = KindChoice(kind.name, part)
            words.setdefault(word, choice)
            words.setdefault(word + "s" if not word.endswith("s") else word, choice)
        if kind.name == "intake":
            for word, part in INTAKE_PARTS.items():
                words.setdefault(word, KindChoice("intake", part))
                words.setdefault(word + "s", KindChoice("intake", part))
    return words


def parse_kind(text: str, listable: Iterable[str]) -> KindChoice:
    """The kind a typed word names ("spasm", "cramps", "food", "drink", "visits" ...)."""
    words = kind_words(listable)
    word = "-".join(text.strip().lower().split())
    if word in words:
        return words[word]
    names = [k.name for k in KINDS if k.name in set(listable)]
    extra = sorted({w for w, c in words.items() if c.part is not None and not w.endswith("s")})
    raise ValueError(f"unknown kind {text!r}: use {', '.join(names + extra)}")


def is_part(choice: KindChoice, kind: str, fields: Mapping[str, Any]) -> bool:
    """Whether an entry of `kind` with these fields is what `choice` names."""
    if choice.kind != kind:
        return False
    if choice.part is None:
        return True
    if fields.get("source") == "supplement":
        return choice.part == "supplement"
    has_volume = fields.get("ml") is not None
    return choice.part == ("drink" if has_volume else "food")
