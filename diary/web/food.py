"""The Food page: what was eaten or drunk, in kitchen words, as `diary eat` and `diary
drink` read them (diary.intake): "a mug of tea", "2 bananas", "coconut water 330ml".

Words that fit several foods are a question, never a guess: the page lists the choices
as buttons, and the answer is sent with the same words (and the same entry id, so a
double tap logs once). The answer becomes the patient's remembered choice, as in the
terminal.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response

from diary import submissions
from diary.errors import ChoiceNeeded
from diary.web import display, forms
from diary.web.app import Visit
from diary.web.pages import client_id, day_choices, new_client_id

PAGE = "/food"
MAX_WORDS = 200
SLOTS = ("food", "units", "prepared", "dry")  # diary.intake asks: which food, which pint, made with a powder


def food_page(visit: Visit, error: str | None = None, form: Any = None, question: ChoiceNeeded | None = None,
              saved: dict[str, Any] | None = None, **_: Any) -> Response:
    from diary.web.pages import banner

    values: Any = form if form is not None else {}
    with visit.opened_diary(write=False) as store:
        message = saved or (None if error or question else banner(visit, store))
    answers = {slot: forms.text(values, f"answer_{slot}") for slot in SLOTS if forms.text(values, f"answer_{slot}")}
    return visit.render(
        "food.html", title="Food", error=error, banner=message, question=question, answers=answers,
        values=values, new_id=new_client_id, when_choices=forms.WHEN_CHOICES, days=day_choices(visit),
        value=lambda name, default="": display.verbatim(forms.text(values, name) if form is not None else default),
        client=forms.text(values, "client_id") or new_client_id(), back_here=PAGE,
    )


def log_food(visit: Visit) -> Response:
    """Plan the intake from the words (nothing written), ask when it is not clear which food
    was meant, else log it once."""
    from diary.choosing import read_pantry
    from diary.intake import log_planned, plan_intake

    try:
        cid = client_id(visit)
        words = forms.text(visit.form, "what").strip()
        if len(words) > MAX_WORDS:
            raise ValueError(f"that is {len(words)} characters: say what in fewer words, like \"a mug of tea\"")
        drink = forms.text(visit.form, "kind") == "drink"
        when = forms.when(visit.form, visit.now, visit.tz)
        note = forms.note(visit.form)
        answers = {slot: forms.text(visit.form, f"answer_{slot}") for slot in SLOTS
                   if forms.text(visit.form, f"answer_{slot}")}
        with visit.opened_diary(write=False) as store:
            pantry = read_pantry(store, visit.tz.key)
        plan = plan_intake(words.split(), drink=drink, when=when, note=note, pantry=pantry, answers=answers)
    except ChoiceNeeded as question:
        if question.choices and question.slot not in answers:
            if visit.wants_json:  # the page's script sends the form itself, and gets this page back
                return JSONResponse({"ok": False, "question": True, "error": _choices_text(question)}, 409)
            response = food_page(visit, form=visit.form, question=question)
            response.status_code = 409  # nothing written yet: the patient says which
            return response
        return visit.refuse(_choices_text(question), page=food_page, form=visit.form)
    except ValueError as exc:
        return visit.refuse(str(exc), page=food_page, form=visit.form)
    with visit.opened_diary() as store:
        entry_id, _new = submissions.once(store, visit.now, cid, lambda: log_planned(store, visit.now, plan))
    # As diary eat says it: what the words were taken as, and at most one line of note. Shown
    # on the answer itself (no redirect): sending the form again logs nothing twice (its id).
    message = f"Saved: {plan.line}, {display.when_words(when, visit.tz, visit.now)}."
    if plan.note:
        message += f" Note: {plan.note}."
    if visit.wants_json:
        return visit.done(message, entry=entry_id, action="add")
    return food_page(visit, saved={"message": message, "undo": {"entry": entry_id, "action": "add"}})


def _choices_text(question: ChoiceNeeded) -> str:
    if not question.choices:
        return f"{question}."
    return f"{question}: " + "; ".join(label for _value, label in question.choices[:8]) + "."


ROUTES = (
    ("GET", PAGE, food_page),
    ("POST", "/eat", log_food),
)
