"""Entries in words, the same on the terminal and the phone page (standard library only)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from diary.entries import EntryView
from diary.parse import format_duration
from diary.vocab import NUTRIENTS


def when_text(when: dt.datetime, tz: ZoneInfo, now: dt.datetime | None = None) -> str:
    """'Tue 24 Nov 21:30' in the diary's timezone (with the year when it is not this year)."""
    local = when.astimezone(tz)
    year = "" if now is None or now.astimezone(tz).year == local.year else f" {local.year}"
    return f"{local:%a} {local.day} {local:%b}{year} {local:%H:%M}"


def _num(value: float | None, unit: str) -> str:
    return "unknown " + unit.strip() if value is None else f"{value:,.0f}{unit}"


def _lines_joined(value: Any) -> Any:
    """Free text on one line: a note's line breaks would break the list's layout."""
    return " / ".join(value.splitlines()) if isinstance(value, str) else value


def describe(entry: EntryView) -> str:
    """One line of what an entry says, without its time."""
    f: dict[str, Any] = {k: _lines_joined(v) for k, v in entry.fields.items()}
    if entry.kind == "spasm":
        parts = [f"{f['intensity']}/10"]
        if f["site"]:
            parts.append(f["site"] + (f" {f['side']}" if f["side"] else ""))
        elif f["side"]:
            parts.append(f["side"])
        if f["duration_s"] is not None:
            parts.append(format_duration(f["duration_s"], bool(f.get("duration_approximate"))))
        if entry.triggers:
            parts.append("trigger " + ", ".join(entry.triggers))
        if f["relieved_by"]:
            parts.append(f"relieved by {f['relieved_by']}")
        if f["note"]:
            parts.append(f'"{f["note"]}"')
        return ", ".join(parts)
    if entry.kind == "intake":
        text = f"{f['description']}, {f['amount_text']}"
        if f["source"] == "supplement":
            return text
        bits = [f"water {_num(f['water_ml'], ' ml')}"]
        for n in NUTRIENTS[1:]:  # the electrolytes, after the water above
            if f[n.key]:
                bits.append(f"{n.short} {f[n.key]:,.0f} {n.unit}")
            elif f[n.key] is None:
                bits.append(f"{n.short} unknown")
        return f"{text} ({', '.join(bits)})"
    if entry.kind == "adjustment":
        parts = ["adjustment"]
        if f["region"]:
            parts.append(f"region {f['region']}")
        if f["provider"]:
            parts.append(f"by {f['provider']}")
        if f["note"]:
            parts.append(f'"{f["note"]}"')
        return ", ".join(parts)
    if entry.kind == "pgic":
        from diary.measures import pgic_answer

        return _with_note(f"impression of change {f['score']}, {pgic_answer(f['score'])}", f)
    if entry.kind == "peg":
        score = (f["pain"] + f["enjoyment"] + f["activity"]) / 3
        return _with_note(f"PEG {score:.1f} (pain {f['pain']}, enjoyment {f['enjoyment']}, activity {f['activity']})",
                          f)
    if entry.kind == "medication":
        return _with_note(f["name"] + (f" {f['dose']}" if f["dose"] else ""), f)
    if entry.kind == "reaction":
        return _with_note(f"{f['symptom']} {f['intensity']}/10", f)
    if entry.kind == "complete":
        return _with_note("all food and drink logged this day", f)
    return _with_note("no spasms this day", f)


def _with_note(text: str, f: dict[str, Any]) -> str:
    return text + (f' ("{f["note"]}")' if f.get("note") else "")


def entry_line(entry: EntryView, tz: ZoneInfo, now: dt.datetime | None = None) -> str:
    """'  #43  Tue 24 Nov 21:30  spasm       6/10, lower-back left, 5m'."""
    if entry.kind in ("quiet", "complete"):
        local = entry.fields["day"]
        same_year = now is None or now.astimezone(tz).year == local.year
        when = f"{local:%a} {local.day} {local:%b}" + ("" if same_year else f" {local.year}")
        when = f"{when} (day)"
    else:
        when = when_text(entry.when, tz, now)
    gone = "  [deleted]" if entry.deleted else ""
    return f"#{entry.id:<5} {when:<18} {entry.kind:<10} {describe(entry)}{gone}"
