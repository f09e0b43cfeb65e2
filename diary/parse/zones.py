"""The IANA timezone meant by a name typed loosely: "Berlin", "europe/berlin", "new york",
"Europe/Berlín", "Europe/Berln". Standard library only; used only when a name is refused,
to say "did you mean Europe/Berlin?". Never applied silently: the caller suggests it.
"""

from __future__ import annotations

import difflib
import unicodedata
from functools import lru_cache

# Regions of the canonical names, preferred to the old aliases ("US/Eastern", "Etc/...").
_REGIONS = ("Europe", "America", "Asia", "Africa", "Australia", "Pacific", "Atlantic", "Indian", "Antarctica",
            "Arctic")


def _key(text: str) -> str:
    """Lower case, accents gone, spaces and hyphens as underscores: "New York" -> "new_york"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "_".join(plain.strip().lower().replace("-", " ").replace("_", " ").split()).replace(" ", "_")


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, str], dict[str, str]]:
    """(every IANA name by its key, the preferred name for each city's key)."""
    from zoneinfo import available_timezones

    full: dict[str, str] = {}
    cities: dict[str, str] = {}
    for name in sorted(available_timezones()):
        full["/".join(_key(part) for part in name.split("/"))] = name
        city = _key(name.rsplit("/", 1)[-1])
        current = cities.get(city)
        if current is None or (_preferred(name) and not _preferred(current)):
            cities[city] = name
    return full, cities


def _preferred(name: str) -> bool:
    return name.split("/", 1)[0] in _REGIONS


def suggest_timezone(text: str) -> str | None:
    """The IANA name `text` most likely meant ("Berlin" -> "Europe/Berlin"), or None when
    nothing is close. `text` itself when it is already a name."""
    if "," in text:  # "Berlin, Germany": the city
        return next((found for part in text.split(",") if (found := suggest_timezone(part))), None)
    typed = "/".join(_key(part) for part in text.replace("\\", "/").split("/") if part.strip())
    if not typed:
        return None
    full, cities = _names()
    if typed in full:
        return full[typed]
    if typed in cities:
        return cities[typed]
    close = difflib.get_close_matches(typed, list(full), n=1, cutoff=0.85)
    if close:
        return full[close[0]]
    city = typed.rsplit("/", 1)[-1]
    close = difflib.get_close_matches(city, list(cities), n=1, cutoff=0.8)
    return cities[close[0]] if close else None


__all__ = ["suggest_timezone"]
