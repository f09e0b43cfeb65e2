"""The Today page (a day's entries, fluid and electrolytes against targets), editing and
deleting an entry, the month's PDF, and the More page (this browser, signing out)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from starlette.responses import Response

from diary import devices, editing, entries, submissions
from diary.parse import format_duration, parse_day
from diary.vocab import SIDES, SITES
from diary.web import display, forms, security
from diary.web.app import Visit
from diary.web.pages import answer_saved, back_to, banner, client_id, new_client_id


def _day(visit: Visit) -> dt.date:
    raw = visit.query("day")
    return parse_day(raw, visit.now, visit.tz) if raw else visit.now.astimezone(visit.tz).date()


def today_page(visit: Visit, error: str | None = None, **_: Any) -> Response:
    """One day's entries, with Edit and Delete, and its intake against the targets."""
    from diary.days import completeness
    from diary.nutrition import day_totals
    from diary.profile import get_profile
    from diary.targets import targets_for

    day = _day(visit)
    start, end = entries.day_bounds(day, visit.tz)
    with visit.opened_diary(write=False) as store:
        found = entries.list_entries(store, visit.tz, start=start, end=end)
        profile = get_profile(store)
        state = completeness(store, day)
        message = None if error else banner(visit, store)
    targets = targets_for(profile, day)
    intake = day_totals(e.fields for e in found if e.kind == "intake")
    today = visit.now.astimezone(visit.tz).date()
    spasms = [e for e in found if e.kind == "spasm"]
    return visit.render(
        "today.html", title=display.day_words(day, today), day=day, today=today, entries=found, error=error,
        banner=message, spasms=spasms, worst=max((e.fields["intensity"] for e in spasms), default=None),
        nutrients=display.nutrient_rows(targets, intake, state.complete) if intake.entries else [],
        state=state, new_id=new_client_id,
        targets=targets, intake=intake, previous=day - dt.timedelta(days=1),
        next=day + dt.timedelta(days=1) if day < today else None,
        describe=display.entry_what,
        clock=lambda e: display.clock(e.when, visit.tz),
    )


def edit_page(visit: Visit, error: str | None = None, form: Any = None) -> Response:
    entry_id = int(visit.request.path_params["entry_id"])
    with visit.opened_diary(write=False) as store:
        entry = entries.get_entry(store, entry_id, visit.tz, include_deleted=False)
    local = entry.when.astimezone(visit.tz)
    today = visit.now.astimezone(visit.tz).date()
    days = [today - dt.timedelta(days=n) for n in range(max(7, (today - local.date()).days + 1))]
    current = forms.edit_values(entry, visit.tz)
    values: Any = form if form is not None else current
    return visit.render(
        "edit.html", title="Change an entry", entry=entry, error=error, sites=SITES, sides=SIDES,
        value=lambda name: display.verbatim(forms.text(values, name)),
        days=[(d.isoformat(), display.day_words(d, today)) for d in days],
        words=display.entry_words(entry, visit.tz, visit.now), back=f"/today?day={local.date().isoformat()}",
        format_duration=format_duration,
    )


def edit(visit: Visit) -> Response:
    entry_id = int(visit.request.path_params["entry_id"])
    with visit.opened_diary(write=False) as store:
        entry = entries.get_entry(store, entry_id, visit.tz, include_deleted=False)
    try:
        changes = forms.edit_changes(entry, visit.form, visit.now, visit.tz)
    except ValueError as exc:
        return visit.refuse(str(exc), page=edit_page, form=visit.form)
    if not changes:
        return visit.refuse("Nothing was changed: change a value first, or go back.", page=edit_page, form=visit.form)
    amount = changes.pop("amount", None)
    with visit.opened_diary() as store:  # the amount's nutrients recomputed, a contradicted quiet mark removed
        changed, notices = editing.edit(store, visit.now, entry_id, visit.tz, changes, amount=amount)
    day = changed.when.astimezone(visit.tz).date()
    message = " ".join([display.saved_message(changed, visit.tz, visit.now, "edit"), *notices])
    return visit.done(message, entry=entry_id, action="edit", back=f"/today?day={day.isoformat()}")


def delete(visit: Visit) -> Response:
    entry_id = int(visit.request.path_params["entry_id"])
    with visit.opened_diary() as store:
        gone = entries.delete_entry(store, visit.now, entry_id, visit.tz)
    return visit.done(display.saved_message(gone, visit.tz, visit.now, "delete"), entry=entry_id, action="delete",
                      back=back_to(visit, "/today"))


def mark_complete(visit: Visit) -> Response:
    """Say all that was eaten and drunk on a day is logged (diary complete): then its totals count."""
    from diary.days import mark_complete as mark

    try:
        cid = client_id(visit)
        day = forms.day(visit.form, visit.now, visit.tz)
    except ValueError as exc:
        return visit.refuse(str(exc), page=today_page)
    with visit.opened_diary() as store:
        entry_id, _new = submissions.once(store, visit.now, cid, lambda: mark(store, visit.now, day, visit.tz)[0])
        return answer_saved(visit, store, entry_id)


# --- the month's PDF ------------------------------------------------------------------------


def _months(visit: Visit) -> list[tuple[str, str]]:
    today = visit.now.astimezone(visit.tz).date()
    year, month = today.year, today.month
    out = []
    for _ in range(13):
        label = display.month_words(year, month) + (" (so far)" if (year, month) == (today.year, today.month) else "")
        out.append((f"{year:04d}-{month:02d}", label))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out


def report_page(visit: Visit, error: str | None = None, **_: Any) -> Response:
    months = _months(visit)
    return visit.render("report.html", title="Report", months=months, chosen=months[1][0], error=error)


def make_report(visit: Visit) -> Response:
    """The month's PDF for the clinician, as a download (the report's heavy libraries are
    loaded here only, on the first report)."""
    from diary.parse import parse_month

    try:
        year, month = parse_month(forms.text(visit.form, "month"))
    except ValueError as exc:
        return visit.refuse(str(exc), page=report_page)
    from diary.reports.build import make_report as build
    from diary.reports.data import Period

    period = Period.month(year, month)
    if period.first > visit.now.astimezone(visit.tz).date():
        return visit.refuse(f"{display.month_words(year, month)} has not started yet: nothing to report.",
                            page=report_page)
    with tempfile.TemporaryDirectory(prefix="diary-report-") as folder:
        out = Path(folder) / f"diary-report-{year:04d}-{month:02d}.pdf"
        with visit.opened_diary(write=False):
            pass  # a diary from a newer version is refused here, in one line
        made = build(visit.web.config.location, period=period, window_days=7, now=visit.now, out=str(out),
                     creation=visit.now)
        content = Path(made.path).read_bytes()
    return Response(content, media_type="application/pdf",
                    headers={"content-disposition": f'attachment; filename="{out.name}"'})


# --- this browser ------------------------------------------------------------------------------


def more_page(visit: Visit, **_: Any) -> Response:
    return visit.render("more.html", title="More")


def sign_out(visit: Visit) -> Response:
    """Sign this browser out (as diary serve --revoke would); it needs a new pairing link."""
    with visit.opened_diary() as store:
        devices.revoke_device(store, visit.now, visit.device.name)
    response = visit.web.render("signin.html", 200, signed_out=True)
    response.headers.append("set-cookie", security.clear_cookie_header(secure=visit.web.config.secure))
    return response


ROUTES = (
    ("GET", "/today", today_page),
    ("GET", "/entry/{entry_id:int}", edit_page),
    ("POST", "/entry/{entry_id:int}", edit),
    ("POST", "/entry/{entry_id:int}/delete", delete),
    ("POST", "/complete", mark_complete),
    ("GET", "/report", report_page),
    ("POST", "/report", make_report),
    ("GET", "/more", more_page),
    ("POST", "/signout", sign_out),
)
