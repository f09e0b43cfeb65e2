"""Numbers and changes as the report writes them: formats, and changes in plain words.

A ratio becomes "about half as many spasm days as before care began" and its interval
"the interval runs from a third fewer to two thirds fewer": simple fractions where the
number is within 2.5 points of one, else percentages rounded to 5. No capitals, no
asterisks, no causal words ("after", never "because of").
"""

from __future__ import annotations

import datetime as dt
import math

TOO_LITTLE = "too little data to compare"
NO_VALUE = "\u2013"  # an en dash: no number (no observed days, or too few)
FRACTIONS = ((1 / 4, "a quarter"), (1 / 3, "a third"), (1 / 2, "half"), (2 / 3, "two thirds"),
             (3 / 4, "three quarters"))


# --- number formats (tests format their independent numbers with these too) -------------------


def fmt_rate(x: float | None, digits: int = 2) -> str:
    return NO_VALUE if x is None else f"{x:.{digits}f}"


def fmt_signed(x: float, digits: int = 1) -> str:
    """-1.3, +0.4: a hyphen-minus, since U+2212 is outside Windows-1252 and would make the
    page embed a font (a quarter of a second). A value that rounds to zero is '0.0', never
    '-0.0' or '+0.0'."""
    text = f"{x:+.{digits}f}"
    return text[1:] if float(text) == 0 else text


def fmt_ratio(x: float) -> str:
    """0.72; a ratio above 0 but under 0.005 is '<0.01', never '0.00' (which would read as none)."""
    return "<0.01" if 0 < x < 0.005 else f"{x:.2f}"


def fmt_num(x: float | None, digits: int = 1) -> str:
    """A median or mean: whole numbers without decimals, else `digits` decimals."""
    if x is None:
        return NO_VALUE
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.{digits}f}"


def fmt_days(x: float) -> str:
    return f"{x:.1f}"


def fmt_pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole else NO_VALUE


def fmt_delay(d: dt.timedelta | None) -> str:
    if d is None:
        return NO_VALUE
    s = d.total_seconds()
    if s < 60:
        return f"{s:.0f} s"
    if s < 3600:
        return f"{s / 60:.0f} min"
    if s < 86400 * 2:
        return f"{s / 3600:.1f} h"
    return f"{s / 86400:.1f} days"


def fmt_duration(seconds: int | None, approximate: bool = False) -> str:
    if seconds is None:
        return "unknown"
    s = int(seconds)
    if s < 60:
        text = f"{s} s"
    else:
        m, r = divmod(s, 60)
        text = f"{m} min" + (f" {r} s" if r else "") if m < 60 else f"{m // 60} h {m % 60} min"
    return f"about {text}" if approximate else text


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


# --- changes in words ------------------------------------------------------------------------------


def share_words(f: float) -> str:
    """A share as a simple fraction ("a third") when close to one, else a percentage: to 5 points
    ("40%"), under 10% to the point ("3%"), so the words never say more than the ratio beside them."""
    for value, words in FRACTIONS:
        if abs(f - value) <= 0.025:
            return words
    if f < 0.095:  # a small share to the whole percent: rounding 3% to 5% would overstate it
        whole = round(100 * f)
        return f"{whole}%" if whole else ("less than 1%" if f > 0 else "0%")
    pct = 5 * round(f * 20)
    if pct >= 100 and f < 1:  # never round a share short of all up to all: 97%, 98%, 99%, more than 99%
        whole = math.floor(round(100 * f, 6))
        return "more than 99%" if whole >= 99 and f > 0.99 else f"{whole}%"
    return f"{pct:.0f}%"


def end_words(r: float) -> str:
    """One end of a ratio's interval in words: "a third fewer", "20% more", "2.4 times as many"."""
    if math.isinf(r):
        return "no upper limit"
    if r < 1:
        if r == 0:
            return "all fewer"
        return f"{share_words(1 - r)} fewer"
    if r == 1:
        return "no change"
    if r >= 1.95:
        return "twice as many" if r < 2.05 else f"{r:.1f} times as many"
    return f"{share_words(r - 1)} more"


def ratio_words(r: float, noun: str, reference: str) -> str:
    """'about half as many spasm days as before care began', 'about 30% more episodes than ...'."""
    if math.isinf(r):
        return f"{noun} where there were none {reference}"
    if r == 0:
        return f"no {noun}, where there were some {reference}"
    if 0.975 <= r <= 1.025:
        return f"about as many {noun} as {reference}"
    if r < 1:
        fewer = 1 - r
        if abs(fewer - 0.5) <= 0.025:
            return f"about half as many {noun} as {reference}"
        share = share_words(fewer)
        return f"{'' if share.startswith('more than') else 'about '}{share} fewer {noun} than {reference}"
    if r >= 1.95:
        times = "twice" if r < 2.05 else f"{r:.1f} times"
        return f"about {times} as many {noun} as {reference}"
    return f"about {share_words(r - 1)} more {noun} than {reference}"


def interval_words(low: float, high: float) -> str:
    """'the interval runs from a third fewer to two thirds fewer' (for a ratio's interval)."""
    if high < 1:  # both ends fewer: the nearer to no change first
        return f"the interval runs from {end_words(high)} to {end_words(low)}"
    return f"the interval runs from {end_words(low)} to {end_words(high)}"


def points_words(d: float) -> str:
    """'1.3 points lower', '0.4 points higher', 'the same'."""
    if abs(d) < 0.05:
        return "the same"
    return f"{abs(d):.1f} point{'s' if round(abs(d), 1) != 1 else ''} {'lower' if d < 0 else 'higher'}"


def points_interval_words(low: float, high: float) -> str:
    if high < 0:
        return f"the interval runs from {abs(high):.1f} to {abs(low):.1f} points lower"
    if low > 0:
        return f"the interval runs from {low:.1f} to {high:.1f} points higher"
    return f"the interval runs from {abs(low):.1f} points lower to {high:.1f} points higher"


def fmt_interval(low: float, high: float, digits: int = 2) -> str:
    """'0.38 to 0.79'; an open end is 'no upper limit'."""
    top = "no upper limit" if math.isinf(high) else f"{high:.{digits}f}"
    bottom = f"<{10 ** -digits:.{digits}f}" if 0 < low < 0.5 * 10 ** -digits else f"{low:.{digits}f}"
    return f"{bottom} to {top}"
