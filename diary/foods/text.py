"""Words of food names as the table and the patient write them, and numbers for people."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def fold(text: str) -> str:
    """Lower case without accents ("Crème" -> "creme")."""
    if text.isascii():  # nearly every description: no accents to strip (and 10x faster)
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def fold_name(text: str) -> str:
    """A name as remembered: lower case, single spaces ("  Orange  Squash" -> "orange squash")."""
    return " ".join(text.casefold().split())


_IRREGULAR = {"leaves": "leaf", "loaves": "loaf", "halves": "half", "knives": "knife", "calves": "calf"}


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light plural stemmer, enough to match "bananas" with "banana" ("cherries" -> "cherry")."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("oes", "shes", "ches", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=32768)
def _words(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _WORD.findall(fold(text)))


def words(text: str) -> list[str]:
    """Lower-case, accent-free, lightly stemmed words of a text (remembered: the table's
    descriptions share most of their parts, "cooked", "without salt")."""
    return list(_words(text))


def norm(text: str) -> str:
    """The words of a text joined by single spaces: the key names are looked up by."""
    return " ".join(words(text))


def format_ndb(ndb: int | str) -> str:
    """NDB numbers are 5 digits with leading zeros: 9040 -> "09040"."""
    return f"{int(ndb):05d}"


def fmt_amount(value: float) -> str:
    """A weight, volume or mg for people: 422.44 -> '422', 5.9 -> '5.9', 1840 -> '1,840'."""
    if value >= 10 or value == 0:
        return f"{value:,.0f}"
    return f"{value:.1f}".rstrip("0").rstrip(".")
