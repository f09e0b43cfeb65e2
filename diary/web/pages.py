"""The logging page and its actions: a spasm, a day without spasms, water, a recent food
or drink again, an adjustment, and Undo.

Each action parses its form (diary.web.forms), calls one domain function inside
`submissions.once` (so a retried send logs nothing twice), and answers with what was
saved; a refusal is shown on the page with the form as it was, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from starlette.responses import Response

from diary import entries, submissions, suggestions
from diary.profile import get_profile
from diary.storage import Store
from diary.vocab import SIDES, SITES
from diary.web import display, forms
from diary.web.app import Visit

DAYS_BACK = 7  # the days a time can be given on


def new_client_id() -> str:
    """An entry id for a form rendered without the page's script (the script makes its own)."""
    return str(uuid.uuid4())


def client_id(visit: Visit) -> str | None:
    raw = forms.text(visit.form, "client_id")
    return submissions.parse_client_id(raw) if raw else None


def back_to(visit: Visit, default: str = "/") -> str:
    """Where to go after a change: a path of this site named by the form, else `default`."""
    back = forms.text(visit.form, "back")
    return back if back.startswith("/") and not back.startswith("//") and "\\" not in back else default


def banner(visit: Visit, store: Store) -> dict[str, Any] | None:
    """The message of the change this page was redirected from (?done=...&entry=...)."""
    done = visit.query("done")
    if done == "paired":
        return {"message": f"This browser is paired as \u201c{visit.device.name}\u201d. Add this page to your home "
                           "screen to log in one tap.", "undo": None}
    raw = visit.query("entry")
    if not done or not raw.isdigit():
        return None
    try:
        entry = entries.get_entry(store, int(raw), visit.tz)
    except Exception:  # an entry id from an old link: nothing to say
        return None
    undo = {"entry": entry.id, "action": done} if done in ("add", "delete", "edit") else None
    return {"message": display.saved_message(entry, visit.tz, visit.now, done), "undo": undo}


def day_choices(visit: Visit) -> list[tuple[str, str]]:
    today = visit.now.astimezone(visit.tz).date()
    days = [today - dt.timedelta(days=n) for n in range(DAYS_BACK)]
    return [(d.isoformat(), display.day_words(d, today)) for d in days]


def log_page(visit: Visit, error: str | None = None, form: Any = None, picked: str = "") -> Response:
    """The logging page: the spasm form first, then quiet days, drinks, an adjustment."""
    today = visit.now.astimezone(visit.tz).date()
    with visit.opened_diary(write=False) as store:
        record = suggestions.day_record(store, today, visit.tz)
        context: dict[str, Any] = {
            "banner": None if error else banner(visit, store),
            "triggers": suggestions.usual_triggers(store, visit.now),
            "recent": suggestions.recent_intakes(store, visit.now),
            "unmarked": suggestions.days_to_mark(store, visit.now, visit.tz, get_profile(store).logs_every_spasm),
            "quiet_today": record.quiet,
            "spasms_today": record.spasms,
            "last": suggestions.last_adjustment(store),
        }
    values: Any = form if form is not None else {}
    if not picked and form is not None:
        picked = forms.text(form, "intensity")
    return visit.render(
        "log.html", title="Log", error=error, values=values, picked=picked, today=today,
        day_words=lambda d: display.day_words(d, today), new_id=new_client_id, sites=SITES, sides=SIDES,
        when_choices=forms.WHEN_CHOICES, duration_choices=forms.DURATION_CHOICES, days=day_choices(visit),
        value=lambda name, default="": display.verbatim(forms.text(values, name) if form is not None else default),
        chosen=lambda name: forms.texts(values, name) if form is not None else [],
        **context,
    )


def pick(visit: Visit) -> Response:
    """Without the page's script, tapping an intensity comes here: the page again, with
    that intensity chosen and everything else as it was; nothing is written."""
    return log_page(visit, form=visit.form, picked=forms.text(visit.form, "pick"))


def answer_saved(visit: Visit, store: Store, entry_id: int, done: str = "add") -> Response:
    entry = entries.get_entry(store, entry_id, visit.tz)
    message = " ".join([display.saved_message(entry, visit.tz, visit.now, done),
                        *entries.batch_notices(store, visit.tz)])
    return visit.done(message, entry=entry_id, action="add" if done == "add" else None, done=done,
                      back=back_to(visit))


def log_spasm(visit: Visit) -> Response:
    try:
        cid = client_id(visit)
        spasm = forms.spasm(visit.form, visit.now, visit.tz)
    except ValueError as exc:
        return visit.refuse(str(exc), page=log_page, form=visit.form)
    with visit.opened_diary() as store:
        entry_id, _new = submissions.once(store, visit.now, cid, lambda: entries.log_episode(
            store, visit.now, tz=visit.tz, **spasm.arguments()))  # a quiet mark of that day goes in the same batch
        return answer_saved(visit, store, entry_id)


def mark_quiet(visit: Visit) -> Response:
    try:
        cid = client_id(visit)
        day = forms.day(visit.form, forms.tapped_at(visit.form, visit.now), visit.tz)
    except ValueError as exc:
        return visit.refuse(str(exc), page=log_page)
    with visit.opened_diary() as store:
        fresh: list[bool] = []

        def mark() -> int:
            entry_id, new = entries.mark_quiet(store, visit.now, day, visit.tz)
            fresh.append(new)
            return entry_id

        entry_id, _new = submissions.once(store, visit.now, cid, mark)
        return answer_saved(visit, store, entry_id, "add" if fresh != [False] else "again")


def drink_water(visit: Visit) -> Response:
    try:
        cid = client_id(visit)
        ml, words = forms.water(visit.form)
        when = forms.when(visit.form, visit.now, visit.tz)
    except ValueError as exc:
        return visit.refuse(str(exc), page=log_page)
    with visit.opened_diary() as store:
        entry_id, _new = submissions.once(
            store, visit.now, cid, lambda: entries.log_intake(store, visit.now, entries.water_intake(when, ml, words)))
        return answer_saved(visit, store, entry_id)


def again(visit: Visit) -> Response:
    """A recent food or drink once more, now (or at the form's time)."""
    try:
        cid = client_id(visit)
        earlier = forms.entry_id(visit.form)
        when = forms.when(visit.form, visit.now, visit.tz)
    except ValueError as exc:
        return visit.refuse(str(exc), page=log_page)
    with visit.opened_diary() as store:
        entry_id, _new = submissions.once(
            store, visit.now, cid, lambda: suggestions.repeat_intake(store, visit.now, earlier, when))
        return answer_saved(visit, store, entry_id)


def log_adjustment(visit: Visit) -> Response:
    try:
        cid = client_id(visit)
        when = forms.when(visit.form, visit.now, visit.tz)
        provider = forms.note(visit.form, "provider", "provider")
        region = forms.note(visit.form, "region", "region")
        note = forms.note(visit.form)
    except ValueError as exc:
        return visit.refuse(str(exc), page=log_page, form=visit.form)
    with visit.opened_diary() as store:
        entry_id, _new = submissions.once(store, visit.now, cid, lambda: entries.log_adjustment(
            store, visit.now, at=when, provider=provider, region=region, note=note))
        return answer_saved(visit, store, entry_id)


def undo(visit: Visit) -> Response:
    """The Undo of a message: take back that one change (see submissions.take_back)."""
    entry_id = forms.entry_id(visit.form)
    action = forms.text(visit.form, "action")
    if action not in ("add", "delete", "edit"):
        raise ValueError(f"nothing to undo for {action[:20]!r}: reload the page")
    with visit.opened_diary() as store:
        undone = submissions.take_back(store, visit.now, visit.tz, entry_id, action)
        message = " ".join([display.saved_message(undone.entry, visit.tz, visit.now, f"undone-{undone.action}"),
                            *undone.notices])
    return visit.done(message, entry=entry_id, done=f"undone-{undone.action}", back=back_to(visit))


ROUTES = (
    ("GET", "/", log_page),
    ("POST", "/pick", pick),
    ("POST", "/spasm", log_spasm),
    ("POST", "/quiet", mark_quiet),
    ("POST", "/water", drink_water),
    ("POST", "/again", again),
    ("POST", "/adjust", log_adjustment),
    ("POST", "/undo", undo),
)
