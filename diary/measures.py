"""The measures beside the spasm counts (IMMPACT's core domains): the patient's global
impression of change (PGIC), the weekly PEG, acute medication, and reactions in the 72 h
after an adjustment.

Standard library only (these are logging commands). Each function takes a `Store` inside
the caller's transaction, never commits, and raises `InvalidEntry` for a request the
domain refuses; the wording of each scale is here, once, for every front end.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from diary.dbtime import instant_from_db, to_db
from diary.entries import delete_entry, new_entry, write_row
from diary.errors import InvalidEntry, PegThisWeek
from diary.storage.store import Store
from diary.vocab import REACTION_KINDS

# --- PGIC: Farrar et al., Pain 2001;94:149-158 (the scale the 2-point / 30% change was anchored to)

PGIC_QUESTION = "Since care began, my overall status is:"
PGIC_ANSWERS: tuple[str, ...] = (
    "very much improved", "much improved", "minimally improved", "no change",
    "minimally worse", "much worse", "very much worse",
)
# `diary adjust` does not remind when an impression was given in this long before the visit, nor for a visit
# typed in longer after it.
PGIC_REMINDER = dt.timedelta(days=7)
# Reminders come at most once in this long: 6 days, so that visits on the same weekday each remind even
# when one is at 09:30 and the week before's at 10:00.
REMIND_GAP = dt.timedelta(days=6)

# --- PEG: Krebs et al., J Gen Intern Med 2009;24:733-738 (three items, 0-10, over the past week)

PEG_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("pain", "What number best describes your pain on average in the past week?",
     "0 no pain, 10 pain as bad as you can imagine"),
    ("enjoyment", "What number best describes how, during the past week, pain has interfered with your "
     "enjoyment of life?", "0 does not interfere, 10 completely interferes"),
    ("activity", "What number best describes how, during the past week, pain has interfered with your "
     "general activity?", "0 does not interfere, 10 completely interferes"),
)
PEG_WEEK = dt.timedelta(days=7)

# --- medication and reactions

MAX_MEDICATION_NAME = 80
MAX_DOSE = 64
REACTION_WINDOW = dt.timedelta(hours=72)
REACTION_ALIASES = {
    "sore": "soreness", "soreness": "soreness", "ache": "soreness", "aching": "soreness",
    "stiff": "stiffness", "stiffness": "stiffness",
    "headache": "headache", "headaches": "headache", "head": "headache",
    "dizzy": "dizziness", "dizziness": "dizziness", "lightheaded": "dizziness", "light-headed": "dizziness",
    "tingling": "tingling", "tingle": "tingling", "numb": "tingling", "numbness": "tingling",
    "pins-and-needles": "tingling", "tired": "tiredness", "tiredness": "tiredness", "fatigue": "tiredness",
    "fatigued": "tiredness", "other": "other",
}


def pgic_answer(score: int) -> str:
    """The words of a PGIC score (1 very much improved ... 7 very much worse)."""
    return PGIC_ANSWERS[score - 1]


def parse_pgic(text: str) -> int:
    """A PGIC answer: its number 1-7 or its words ("much improved"); ValueError names both."""
    t = " ".join(text.strip().lower().split())
    if t.isdigit() and 1 <= int(t) <= 7:
        return int(t)
    if t in PGIC_ANSWERS:
        return PGIC_ANSWERS.index(t) + 1
    raise ValueError(f"impression {text!r} is not an answer: use 1 (very much improved) to 7 (very much worse), "
                     "4 is no change")


def parse_scale(text: str, what: str) -> int:
    """A whole number 0-10 ("8/10" is 8); ValueError names the value and the scale."""
    t = text.strip().lower()
    if t.endswith("/10"):
        t = t[:-3].strip()
    if t.isdigit() and 0 <= int(t) <= 10:
        return int(t)
    raise ValueError(f"{what} {text!r} is not on the scale: use a whole number from 0 to 10")


def parse_reaction_kind(text: str) -> str:
    """A reaction's kind from what people say ("sore", "numb"); ValueError lists the kinds."""
    t = "-".join(text.strip().lower().replace("/", " ").split())
    if t in REACTION_ALIASES:
        return REACTION_ALIASES[t]
    close = difflib.get_close_matches(t, list(REACTION_ALIASES), n=1, cutoff=0.75)
    hint = f"did you mean {REACTION_ALIASES[close[0]]}? " if close else ""
    raise ValueError(f"reaction {text!r} is not one of {', '.join(REACTION_KINDS)}: {hint}"
                     "use other with a --note for anything else")


def log_pgic(store: Store, now: dt.datetime, *, at: dt.datetime, score: int, note: str | None = None) -> int:
    """Record the patient's impression of change since care began (1-7); return its id."""
    if not 1 <= score <= 7:
        raise InvalidEntry(f"impression {score} is not an answer: use 1 to 7")
    entry_id = new_entry(store, "pgic", now)
    write_row(store, now, "pgic", {"id": entry_id, "at": at, "score": score, "note": note})
    return entry_id


def _instant(value: object) -> dt.datetime:
    """A stored instant as read back: text on the standard-library path, or a datetime."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    return instant_from_db(str(value))


def pgic_due(store: Store, now: dt.datetime, at: dt.datetime) -> bool:
    """Whether an adjustment at `at` should remind the patient to give their impression of
    change: a visit of this week (not one typed in long after), no answer in the 7 days
    before it, and no reminder in the REMIND_GAP before it.

    Which earlier visits reminded is not stored (the schema stays as it is): it is derived.
    Since the last answer before `at`, the visits are walked in time order, and one reminded
    when no answer fell in its 7 days before and no visit that reminded came within
    REMIND_GAP before it. So with weekly visits and no answer, every visit reminds (once a
    week); visits twice a week remind at every other one; an answer stops the reminders for 7
    days. (An earlier visit typed in long after it counts as having reminded: rare, and it
    only means one week without a reminder.)"""
    if now - at > PGIC_REMINDER:
        return False
    last = store.rows(
        "SELECT max(p.at) FROM pgic p JOIN entry e ON e.id = p.id WHERE e.deleted_at IS NULL AND p.at <= :at",
        {"at": to_db(at)})
    answered = _instant(last[0][0]) if last and last[0][0] is not None else None
    if answered is not None and at - answered <= PGIC_REMINDER:
        return False
    visits = store.rows(
        "SELECT a.at FROM adjustment a JOIN entry e ON e.id = a.id WHERE e.deleted_at IS NULL "
        "AND a.at > :since AND a.at < :at ORDER BY a.at",
        {"since": to_db(answered if answered is not None else dt.datetime(1900, 1, 1, tzinfo=dt.UTC)),
         "at": to_db(at)})
    reminded: dt.datetime | None = None
    for (value,) in visits:
        visit = _instant(value)
        quiet = answered is None or visit - answered > PGIC_REMINDER
        if quiet and (reminded is None or visit - reminded >= REMIND_GAP):
            reminded = visit
    return reminded is None or at - reminded >= REMIND_GAP


@dataclass(frozen=True)
class PegScore:
    """A PEG answer and its score (the mean of its three items)."""

    pain: int
    enjoyment: int
    activity: int

    @property
    def score(self) -> float:
        return (self.pain + self.enjoyment + self.activity) / 3


def peg_within_week(store: Store, at: dt.datetime) -> tuple[int, dt.datetime] | None:
    """The live PEG given in the 7 days up to `at` (or after it, within 7 days), if any."""
    rows = store.rows(
        "SELECT p.id, p.at FROM peg p JOIN entry e ON e.id = p.id WHERE e.deleted_at IS NULL "
        "AND p.at > :lo AND p.at < :hi ORDER BY p.at DESC LIMIT 1",
        {"lo": to_db(at - PEG_WEEK), "hi": to_db(at + PEG_WEEK)})
    return (int(rows[0][0]), instant_from_db(rows[0][1])) if rows else None


def log_peg(store: Store, now: dt.datetime, *, at: dt.datetime, answer: PegScore, note: str | None = None,
            replace: bool = False) -> int:
    """Record a weekly PEG; one within 7 days of another is refused (PegThisWeek) unless
    `replace`, which deletes the other in the same undo batch. Return the new id."""
    for value in (answer.pain, answer.enjoyment, answer.activity):
        if not 0 <= value <= 10:
            raise InvalidEntry(f"PEG item {value} is not on the scale: use 0 to 10")
    existing = peg_within_week(store, at)
    if existing is not None:
        if not replace:
            raise PegThisWeek(*existing)
        from diary.profile import get_profile

        delete_entry(store, now, existing[0], get_profile(store).zone())
    entry_id = new_entry(store, "peg", now)
    write_row(store, now, "peg", {"id": entry_id, "at": at, "pain": answer.pain, "enjoyment": answer.enjoyment,
                         "activity": answer.activity, "note": note})
    return entry_id


def parse_medication(words: tuple[str, ...]) -> tuple[str, str | None]:
    """("ibuprofen", "400mg") -> name and dose: the dose starts at the first word with a digit."""
    clean = [" ".join(w.split()) for w in words if w.strip()]
    for i, word in enumerate(clean):
        if i > 0 and word[0].isdigit():
            name, dose = " ".join(clean[:i]), " ".join(clean[i:])
            break
    else:
        name, dose = " ".join(clean), None
    if not name or name[0].isdigit():
        raise ValueError("say which medication first, like diary med ibuprofen 400mg")
    if len(name) > MAX_MEDICATION_NAME:
        raise ValueError(f"medication name is longer than {MAX_MEDICATION_NAME} characters")
    if dose is not None and len(dose) > MAX_DOSE:
        raise ValueError(f"dose {dose!r} is longer than {MAX_DOSE} characters")
    return name, dose


def medication_names(store: Store) -> list[str]:
    """The medication names used before, most often used first (for suggestions)."""
    rows = store.rows("SELECT m.name, count(*) AS n, max(m.taken_at) FROM medication m JOIN entry e ON e.id = m.id "
                      "WHERE e.deleted_at IS NULL GROUP BY m.name ORDER BY n DESC, max(m.taken_at) DESC")
    return [str(r[0]) for r in rows]


def known_medication(store: Store, name: str) -> tuple[str, str | None]:
    """The spelling to store for `name`, and a suggestion: a name used before that differs
    only in case is reused; one that is merely close is suggested, never merged."""
    known = medication_names(store)
    for k in known:
        if k.casefold() == name.casefold():
            return k, None
    close = difflib.get_close_matches(name.casefold(), [k.casefold() for k in known], n=1, cutoff=0.8)
    suggestion = next((k for k in known if close and k.casefold() == close[0]), None)
    return name, suggestion


def log_medication(store: Store, now: dt.datetime, *, taken_at: dt.datetime, name: str, dose: str | None = None,
                   note: str | None = None) -> int:
    """Record an acute medication taken; return its id."""
    entry_id = new_entry(store, "medication", now)
    write_row(store, now, "medication",
              {"id": entry_id, "taken_at": taken_at, "name": name, "dose": dose, "note": note})
    return entry_id


def adjustment_before(store: Store, at: dt.datetime) -> tuple[int, dt.datetime] | None:
    """The latest live adjustment in the 72 h before `at`, if any."""
    rows = store.rows(
        "SELECT a.id, a.at FROM adjustment a JOIN entry e ON e.id = a.id WHERE e.deleted_at IS NULL "
        "AND a.at <= :at AND a.at >= :lo ORDER BY a.at DESC LIMIT 1",
        {"at": to_db(at), "lo": to_db(at - REACTION_WINDOW)})
    return (int(rows[0][0]), instant_from_db(rows[0][1])) if rows else None


def log_reaction(store: Store, now: dt.datetime, *, at: dt.datetime, symptom: str, intensity: int,
                 note: str | None = None) -> tuple[int, int]:
    """Record an effect in the 72 h after an adjustment; return (its id, the adjustment's id).

    Refused when no adjustment was logged in the 72 h before, and for `other` without a note.
    """
    if symptom not in REACTION_KINDS:
        raise InvalidEntry(f"reaction {symptom!r} is not one of {', '.join(REACTION_KINDS)}")
    if not 0 <= intensity <= 10:
        raise InvalidEntry(f"reaction intensity {intensity} is not on the scale: use 0 to 10")
    visit = adjustment_before(store, at)
    if visit is None:
        raise InvalidEntry("no adjustment was logged in the 72 h before this reaction: log the visit first "
                           "(diary adjust --at WHEN), or give the reaction's time with --at")
    entry_id = new_entry(store, "reaction", now)
    write_row(store, now, "reaction",
              {"id": entry_id, "at": at, "symptom": symptom, "intensity": intensity, "note": note})
    return entry_id, visit[0]
