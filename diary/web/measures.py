"""The Measures page: the impression of change (PGIC), the weekly PEG, acute medication,
and reactions after an adjustment, each through diary.measures as `diary pgic|peg|med|
reaction` does, once per browser-made id."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from diary import measures, submissions
from diary.errors import PegThisWeek
from diary.vocab import REACTION_KINDS
from diary.web import display, forms
from diary.web.app import Visit
from diary.web.pages import answer_saved, banner, client_id, day_choices, new_client_id

PAGE = "/measures"


def measures_page(visit: Visit, error: str | None = None, form: Any = None) -> Response:
    values: Any = form if form is not None else {}
    with visit.opened_diary(write=False) as store:
        medications = measures.medication_names(store)
        visit_before = measures.adjustment_before(store, visit.now)
        message = None if error else banner(visit, store)
    return visit.render(
        "measures.html", title="Measures", error=error, banner=message, values=values, new_id=new_client_id,
        pgic_question=measures.PGIC_QUESTION, pgic_answers=list(enumerate(measures.PGIC_ANSWERS, 1)),
        peg_items=measures.PEG_ITEMS, medications=medications[:20], reaction_kinds=REACTION_KINDS,
        visit_before=visit_before, when_choices=forms.WHEN_CHOICES, days=day_choices(visit),
        value=lambda name, default="": display.verbatim(forms.text(values, name) if form is not None else default),
        back_here=PAGE,
    )


def log_pgic(visit: Visit) -> Response:
    try:
        cid = client_id(visit)
        score = measures.parse_pgic(forms.text(visit.form, "score"))
        when = forms.when(visit.form, visit.now, visit.tz)
    except ValueError as exc:
        return visit.refuse(str(exc), page=measures_page)
    with visit.opened_diary() as store:
        entry_id, _new = submissions.once(store, visit.now, cid,
                                          lambda: measures.log_pgic(store, visit.now, at=when, score=score))
        return answer_saved(visit, store, entry_id)


def log_peg(visit: Visit) -> Response:
    try:
        cid = client_id(visit)
        values = [measures.parse_scale(forms.text(visit.form, name), name) for name, _, _ in measures.PEG_ITEMS]
        when = forms.when(visit.form, visit.now, visit.tz)
        note = forms.note(visit.form)
    except ValueError as exc:
        return visit.refuse(str(exc), page=measures_page, form=visit.form)
    answer = measures.PegScore(*values)
    replace = forms.text(visit.form, "replace") == "yes"
    try:
        with visit.opened_diary() as store:
            entry_id, _new = submissions.once(store, visit.now, cid, lambda: measures.log_peg(
                store, visit.now, at=when, answer=answer, note=note, replace=replace))
            return answer_saved(visit, store, entry_id)
    except PegThisWeek:
        return visit.refuse("A PEG was already given in these 7 days; it is weekly. Tick \u201cReplace this week's "
                            "PEG\u201d to replace it.", page=measures_page, form=visit.form)


def log_medication(visit: Visit) -> Response:
    try:
        cid = client_id(visit)
        name, _ = measures.parse_medication((forms.text(visit.form, "name"),))
        dose = forms.text(visit.form, "dose").strip() or None
        if dose is not None and len(dose) > measures.MAX_DOSE:
            raise ValueError(f"dose {dose[:20]!r}... is longer than {measures.MAX_DOSE} characters")
        when = forms.when(visit.form, visit.now, visit.tz)
    except ValueError as exc:
        return visit.refuse(str(exc), page=measures_page, form=visit.form)
    with visit.opened_diary() as store:
        def log() -> int:
            spelled, _suggestion = measures.known_medication(store, name)  # "Ibuprofen" is the "ibuprofen" used before
            return measures.log_medication(store, visit.now, taken_at=when, name=spelled, dose=dose)

        entry_id, _new = submissions.once(store, visit.now, cid, log)
        return answer_saved(visit, store, entry_id)


def log_reaction(visit: Visit) -> Response:
    try:
        cid = client_id(visit)
        symptom = measures.parse_reaction_kind(forms.text(visit.form, "symptom") or "?")
        intensity = measures.parse_scale(forms.text(visit.form, "intensity"), "intensity")
        note = forms.note(visit.form)
        when = forms.when(visit.form, visit.now, visit.tz)
    except ValueError as exc:
        return visit.refuse(str(exc), page=measures_page, form=visit.form)
    with visit.opened_diary() as store:
        entry_id, _new = submissions.once(store, visit.now, cid, lambda: measures.log_reaction(
            store, visit.now, at=when, symptom=symptom, intensity=intensity, note=note)[0])
        return answer_saved(visit, store, entry_id)


ROUTES = (
    ("GET", PAGE, measures_page),
    ("POST", "/pgic", log_pgic),
    ("POST", "/peg", log_peg),
    ("POST", "/med", log_medication),
    ("POST", "/reaction", log_reaction),
)
