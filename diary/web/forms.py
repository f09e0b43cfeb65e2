"""Reading the page's forms: each field through the same parser the command line uses
(diary.parse), so a value refused in a terminal is refused on the phone with the same
words. Every function raises ValueError naming the bad value; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from diary.parse import (
    parse_day,
    parse_intensity,
    parse_note,
    parse_side,
    parse_site,
    parse_trigger,
    parse_when,
    read_duration,
)

# The "when" choices offered as chips, as diary.parse reads them.
WHEN_CHOICES: tuple[tuple[str, str], ...] = (
    ("now", "Now"), ("15 min ago", "15 min ago"), ("1 h ago", "1 h ago"), ("last night", "Last night"),
)
# Duration chips, in seconds: a patient's estimate, so stored as approximate.
DURATION_CHOICES: tuple[tuple[int, str], ...] = (
    (30, "30 s"), (60, "1 min"), (120, "2 min"), (300, "5 min"), (600, "10 min"), (1800, "30 min"),
)
WATER_CHOICES: dict[str, tuple[float, str]] = {
    "glass": (250.0, "1 glass (250 ml)"),
    "bottle": (500.0, "1 bottle (500 ml)"),
}
MAX_TRIGGERS = 12


class Form(Protocol):
    """What the handlers read from a request's form (Starlette's FormData fits)."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def getlist(self, key: str) -> list[Any]: ...


def text(form: Form | Mapping[str, Any], name: str) -> str:
    """A field as text ('' when absent; an uploaded file is not text)."""
    value = form.get(name)
    return value if isinstance(value, str) else ""


def texts(form: Form | Mapping[str, Any], name: str) -> list[str]:
    """Every value of a field given several times (ticked chips)."""
    values = form.getlist(name) if hasattr(form, "getlist") else [form.get(name)]
    return [v for v in values if isinstance(v, str)]


def tapped_at(form: Form, now: dt.datetime) -> dt.datetime:
    """When the patient tapped: the page's script sends the phone's clock at the tap, so
    an entry kept on the phone while the computer was unreachable keeps its own time.
    Without it (no script) the tap is now; a phone clock ahead of the computer's counts as now."""
    raw = text(form, "tapped_at").strip()
    if not raw:
        return now
    try:
        tapped = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"tap time {raw[:40]!r} is not an ISO instant: reload the page and try again") from None
    if tapped.tzinfo is None:
        raise ValueError(f"tap time {raw[:40]!r} has no timezone: reload the page and try again")
    return min(tapped.astimezone(dt.UTC), now)


def when(form: Form, now: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """The instant the form's "when" names: a chip (now, 15 min ago, 1 h ago, last night)
    or a day and a clock time (which wins when typed), counted from the moment of the tap."""
    base = tapped_at(form, now)
    choice = text(form, "when").strip() or "now"
    clock = text(form, "time").strip()
    if clock or choice == "time":  # a typed time is what the patient meant, whichever chip is lit
        if not clock:
            raise ValueError("give the time of day, like 21:30, or pick Now")
        day = text(form, "day").strip() or "today"
        return parse_when(f"{day} {clock}", base, tz)
    if choice not in dict(WHEN_CHOICES):
        raise ValueError(f"when {choice[:40]!r} is not one of the choices: pick one, or give a time")
    return parse_when(choice, base, tz)


@dataclass(frozen=True)
class SpasmForm:
    """The arguments of entries.log_episode, read from the spasm form."""

    intensity: int
    started_at: dt.datetime
    duration_s: int | None = None
    duration_approximate: bool = False
    site: str | None = None
    side: str | None = None
    triggers: list[str] = field(default_factory=list)
    relieved_by: str | None = None
    note: str | None = None

    def arguments(self) -> dict[str, Any]:
        return dict(self.__dict__)


def intensity(form: Form) -> int:
    raw = text(form, "intensity").strip()
    if not raw:
        raise ValueError("tap how strong the spasm was, from 0 (no pain) to 10 (worst imaginable), then Log spasm")
    return parse_intensity(raw)


def duration(form: Form) -> tuple[int | None, bool]:
    """Seconds and whether they are an estimate: a chip (approximate) or typed text."""
    typed = text(form, "duration_text").strip()
    if typed:
        return read_duration(typed)  # "90s" exact; "about 5 min", "5-10 min" an estimate
    chip = text(form, "duration").strip()
    if not chip:
        return None, False
    if chip not in {str(s) for s, _ in DURATION_CHOICES}:
        raise ValueError(f"duration {chip[:20]!r} is not one of the choices: pick one, or type it like 90s or 5m")
    return int(chip), True


def triggers(form: Form) -> list[str]:
    """The ticked trigger chips and the words typed beside them (comma-separated)."""
    words = texts(form, "trigger")
    words += text(form, "trigger_text").split(",")
    out = list(dict.fromkeys(parse_trigger(w) for w in words if w.strip()))
    if len(out) > MAX_TRIGGERS:
        raise ValueError(f"{len(out)} triggers given: keep it to {MAX_TRIGGERS} or fewer")
    return out


def optional(form: Form, name: str, parser: Any) -> Any:
    value = text(form, name).strip()
    return parser(value) if value else None


def spasm(form: Form, now: dt.datetime, tz: ZoneInfo) -> SpasmForm:
    """Everything the spasm form says, checked."""
    value = intensity(form)
    seconds, approximate = duration(form)
    return SpasmForm(
        intensity=value, started_at=when(form, now, tz), duration_s=seconds, duration_approximate=approximate,
        site=optional(form, "site", parse_site), side=optional(form, "side", parse_side), triggers=triggers(form),
        relieved_by=parse_note(text(form, "relieved_by"), "what helped"), note=parse_note(text(form, "note")),
    )


def day(form: Form, now: dt.datetime, tz: ZoneInfo, name: str = "day") -> dt.date:
    """A local day from a field (an ISO date, 'today', 'yesterday')."""
    return parse_day(text(form, name).strip() or "today", now, tz)


def water(form: Form) -> tuple[float, str]:
    """The millilitres and the words of a water button."""
    choice = text(form, "water").strip()
    if choice not in WATER_CHOICES:
        raise ValueError(f"water {choice[:20]!r} is not one of the buttons: pick a glass or a bottle")
    return WATER_CHOICES[choice]


def entry_id(form: Form | Mapping[str, Any], name: str = "entry") -> int:
    raw = form.get(name)
    if not isinstance(raw, str) or not raw.strip().isdigit():
        raise ValueError(f"entry {str(raw)[:20]!r} is not an entry number: reload the page and try again")
    return int(raw)


def note(form: Form, name: str = "note", what: str = "note") -> str | None:
    return parse_note(text(form, name), what)


# --- editing an entry ---------------------------------------------------------------------------


def edit_values(entry: Any, tz: ZoneInfo) -> dict[str, str]:
    """An entry's fields as the edit form shows them (text)."""
    from diary.parse import format_duration

    f = entry.fields
    values: dict[str, str] = {"note": f.get("note") or ""}
    if entry.kind != "quiet":
        local = entry.when.astimezone(tz)
        values |= {"day": local.date().isoformat(), "time": local.strftime("%H:%M")}
    if entry.kind == "spasm":
        values |= {
            "intensity": str(f["intensity"]), "site": f["site"] or "", "side": f["side"] or "",
            "duration_text": "" if f["duration_s"] is None else format_duration(
                f["duration_s"], bool(f.get("duration_approximate"))),
            "triggers": ", ".join(entry.triggers), "relieved_by": f["relieved_by"] or "",
        }
    if entry.kind == "adjustment":
        values |= {"provider": f["provider"] or "", "region": f["region"] or ""}
    if entry.kind == "intake":
        values["amount"] = f["amount_text"] or ""
    return values


def edit_changes(entry: Any, form: Form, now: dt.datetime, tz: ZoneInfo) -> dict[str, Any]:
    """The fields the edit form changed, parsed, as entries.edit_entry takes them."""
    from diary.entries import KIND_TIME

    current = edit_values(entry, tz)
    changed = {name for name in current if text(form, name).strip() != current[name].strip()}
    out: dict[str, Any] = {}
    if {"day", "time"} & changed:
        clock = text(form, "time").strip()
        if not clock:
            raise ValueError("give the time of day, like 21:30")
        out[KIND_TIME[entry.kind]] = parse_when(f"{text(form, 'day').strip() or 'today'} {clock}", now, tz)
    if "note" in changed:
        out["note"] = parse_note(text(form, "note"))
    if entry.kind == "spasm":
        if "intensity" in changed:
            out["intensity"] = parse_intensity(text(form, "intensity"))
        if "site" in changed:
            out["site"] = optional(form, "site", parse_site)
        if "side" in changed:
            out["side"] = optional(form, "side", parse_side)
        if "duration_text" in changed:
            typed = optional(form, "duration_text", read_duration)
            out["duration_s"] = None if typed is None else typed.seconds
            out["duration_approximate"] = bool(typed and typed.approximate)
        if "triggers" in changed:
            out["triggers"] = list(dict.fromkeys(parse_trigger(w) for w in text(form, "triggers").split(",")
                                                 if w.strip()))
        if "relieved_by" in changed:
            out["relieved_by"] = parse_note(text(form, "relieved_by"), "what helped")
    if entry.kind == "adjustment":
        for name in ("provider", "region"):
            if name in changed:
                out[name] = parse_note(text(form, name), name)
    if entry.kind == "intake" and "amount" in changed:
        amount = text(form, "amount").strip()
        if not amount:
            raise ValueError("give the amount, like 250ml, 2 cups or 1 medium")
        out["amount"] = amount  # read by diary.intake.edit_amount, which knows the food's portions
    return out
