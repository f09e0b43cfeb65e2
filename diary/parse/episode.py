"""What a patient types about a spasm besides its time: intensity, site, side, triggers,
free text, and the loose words of `diary spasm 6 left calf again`.

Standard library only (the logging path imports this). Each parser returns a value or
raises `ValueError` whose message is one line naming the value and what is allowed.
"""

from __future__ import annotations

import math
import re

from diary.parse.spans import clean
from diary.parse.words import NUMBER_WORDS
from diary.vocab import SIDE_ALIASES, SIDES, SITE_ALIASES, SITE_CHOICES, SITES

INTENSITY_HELP = "use a whole number from 0 (no pain) to 10 (worst imaginable)"
_NUMBER = re.compile(r"^(-?\d+(?:[.,]\d+)?)(?:\s*/\s*(\d+))?$")
_RANGE = re.compile(r"^(\d+)\s*(?:-|–|to|or)\s*(\d+)$")


def parse_intensity(text: str | int) -> int:
    """A whole number 0-10 on the numeric rating scale; "8/10" is 8. A fraction ("7.5"), a
    word ("seven") or a range ("7-8") is refused naming the whole numbers nearest to it."""
    raw = str(text).strip()
    said = " ".join(raw.lower().split())
    if m := _NUMBER.match(said):
        if m.group(2) is not None and m.group(2) != "10":
            raise ValueError(f"intensity {text!r} is not out of 10: {INTENSITY_HELP}")
        value = float(m.group(1).replace(",", "."))
        if not value.is_integer():
            low, high = max(0, min(10, math.floor(value))), max(0, min(10, math.ceil(value)))
            choice = f"{low} or {high}" if low != high else str(low)
            raise ValueError(f"intensity {text!r} is not a whole number: use {choice} "
                             "(the 0-10 scale has whole numbers only)")
        whole = int(value)
        if not 0 <= whole <= 10:
            raise ValueError(f"intensity {whole} is out of range: {INTENSITY_HELP}")
        return whole
    if said in NUMBER_WORDS and NUMBER_WORDS[said] <= 10:
        raise ValueError(f"intensity {text!r} is a word: use {NUMBER_WORDS[said]}")
    if (m := _RANGE.match(said)) and int(m.group(1)) <= 10 and int(m.group(2)) <= 10:
        raise ValueError(f"intensity {text!r} is a range: pick one, {m.group(1)} or {m.group(2)}")
    raise ValueError(f"intensity {text!r} is not a whole number: {INTENSITY_HELP}")


def _word_of(text: str) -> str:
    return clean(text).replace(" ", "-").replace("_", "-")


def _known(word: str, words: tuple[str, ...], aliases: dict[str, str]) -> str | None:
    if word in words:
        return word
    if word in aliases:
        return aliases[word]
    if word.replace("-", "") in aliases:
        return aliases[word.replace("-", "")]
    return None


def _from_vocabulary(kind: str, text: str, words: tuple[str, ...], aliases: dict[str, str]) -> str:
    word = _word_of(text)
    found = _known(word, words, aliases)
    if found is not None:
        return found
    import difflib  # only on the error path

    close = difflib.get_close_matches(word, list(words) + list(aliases), n=3, cutoff=0.6)
    close = list(dict.fromkeys(aliases.get(c, c) for c in close))
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise ValueError(f"unknown {kind} {text!r}: {hint}use one of {', '.join(words)}")


def parse_site(text: str) -> str:
    """A body site from the vocabulary, accepting common aliases ("lumbar", "low back"); a word
    for several sites ("leg") is refused naming them."""
    which = site_choice_question(text)
    if which:
        raise ValueError(which)
    return _from_vocabulary("site", text, SITES, SITE_ALIASES)


def site_choice_question(text: str) -> str | None:
    """For a word that names several sites ("leg"): which one, in words; else None."""
    choices = SITE_CHOICES.get(_word_of(text))
    if not choices:
        return None
    listed = ", ".join(choices[:-1]) + " or " + choices[-1]
    return f"{text!r} could be the {listed}: say which, like --site {choices[0]}"


def parse_side(text: str) -> str:
    """left, right, both or centre (also "l", "r", "center")."""
    return _from_vocabulary("side", text, SIDES, SIDE_ALIASES)


def site_or_side(words: list[str]) -> tuple[str | None, str | None, int]:
    """The site or side that the first one or two `words` name ("calf", "left", "lower back"):
    (site, side, words used); (None, None, 0) when they name neither."""
    if len(words) >= 2:
        site = _known(_word_of(" ".join(words[:2])), SITES, SITE_ALIASES)
        if site is not None:
            return site, None, 2
    if not words:
        return None, None, 0
    word = _word_of(words[0])
    site = _known(word, SITES, SITE_ALIASES)
    if site is not None:
        return site, None, 1
    side = _known(word, SIDES, SIDE_ALIASES) if len(word) > 1 else None  # "l" alone is too easily a typo
    return None, side, 1 if side else 0


def parse_trigger(text: str) -> str:
    """A trigger word: free text, lower-cased, one to 40 characters."""
    word = clean(text)
    if not word or len(word) > 40:
        raise ValueError(f"trigger {text!r} must be 1 to 40 characters, like lifting or sleep")
    return word


def parse_triggers(text: str) -> list[str]:
    """One or more triggers: "bending over, stress" is two, each kept whole."""
    parts = [p for p in re.split(r"[,;]", text) if p.strip()]
    if not parts:
        raise ValueError(f"trigger {text!r} must be 1 to 40 characters, like lifting or sleep")
    return list(dict.fromkeys(parse_trigger(p) for p in parts))


from diary.vocab import MAX_NOTE as MAX_NOTE  # noqa: E402 (kept beside the note's parser for readers; defined with the limits)


def parse_note(text: str, what: str = "note") -> str | None:
    """Free text (a note, what relieved it, a provider): trimmed, empty means none, at most 2,000 characters."""
    cleaned = text.strip()
    if len(cleaned) > MAX_NOTE:
        raise ValueError(f"{what} is {len(cleaned):,} characters long: keep it under {MAX_NOTE:,}")
    return cleaned or None


def parse_regions(texts: tuple[str, ...] | list[str]) -> str | None:
    """Adjusted regions, each kept: ("lumbar", "pelvis") is stored as "lumbar, pelvis"."""
    regions: list[str] = []
    for text in texts:
        for part in re.split(r"[,;]", text):
            region = parse_note(part, "--region")
            if region is not None and region.lower() not in (r.lower() for r in regions):
                regions.append(region)
    joined = ", ".join(regions)
    return parse_note(joined, "--region")
