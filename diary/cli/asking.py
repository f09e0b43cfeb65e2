"""What `diary eat` and `diary drink` share: plan the intake from the words, ask which food
(or which pint) was meant when a person is at the terminal, else refuse with the
choices; then write it and say in one line what was logged.

Standard library and click only: both commands are on the fast logging path.
"""

from __future__ import annotations

from typing import NoReturn

import click

from diary.cli import diary_timezone, interactive, location, now_utc, opened_diary
from diary.describe import when_text
from diary.errors import ChoiceNeeded, FoodLookupError


def log_words(args: tuple[str, ...], *, drink: bool, at: str, note: str | None) -> None:
    """Log WHAT [AMOUNT] as an intake: one line for what was logged, at most one of note."""
    from diary.choosing import read_pantry
    from diary.cli.typed import check_what_words, read_at, when_said
    from diary.foods import contribution_text
    from diary.intake import InputError, log_planned, plan_intake
    from diary.storage import peek

    command = "drink" if drink else "eat"
    now = now_utc()
    tz = diary_timezone()
    check_what_words(click.get_current_context(), args, at, now, tz)
    said = read_at("--at", at, now, tz)  # a day alone asks the time in a terminal
    when = said.instant
    with peek(location()) as store:  # read before anything is written: bad words leave no trace
        pantry = read_pantry(store, tz.key)
    answers: dict[str, str] = {}
    while True:
        try:
            plan = plan_intake(args, drink=drink, when=when, note=note, pantry=pantry, answers=answers)
            break
        except InputError as exc:
            raise click.BadParameter(str(exc), param_hint=exc.param) from None
        except ChoiceNeeded as question:
            if question.choices and question.slot not in answers and interactive():
                answers[question.slot] = ask(question)
                continue
            refuse(question, command)
    with opened_diary() as store:
        entry_id = log_planned(store, now, plan)
    kind = "drink" if drink else "food"
    if plan.row["source"] == "water":
        click.echo(f"Logged {kind} #{entry_id}: {plan.line}, {when_text(when, tz, now)}{when_said(said)}.")
    else:
        click.echo(f"Logged {kind} #{entry_id}: {plan.line}: {contribution_text(plan.row)} "
                   f"({when_text(when, tz, now)}{when_said(said, inside=True)}).")
    if plan.note:
        click.echo(f"Note: {plan.note}.")


def ask(question: ChoiceNeeded) -> str:
    """Ask a numbered question on the terminal; return the chosen value (Enter cancels)."""
    click.echo(f"{question}.", err=True)
    for i, (value, label) in enumerate(question.choices, 1):
        click.echo(f"  {i}. {_choice_text(question, value, label)}", err=True)
    last = len(question.choices)
    while True:
        answer = click.prompt(f"Which did you mean? 1-{last}, or Enter to cancel", default="", show_default=False,
                              err=True).strip()
        if not answer:
            raise click.Abort()
        if answer.isdigit() and 1 <= int(answer) <= last:
            return question.choices[int(answer) - 1][0]
        click.echo(f"Please give a number from 1 to {last}, or press Enter to cancel.", err=True)


def _choice_text(question: ChoiceNeeded, value: str, label: str) -> str:
    return f"{value}  {label}" if isinstance(question, FoodLookupError) else label


def refuse(question: ChoiceNeeded, command: str) -> NoReturn:
    """Say on stderr why nothing was logged and which choices there are; exit status 2."""
    if not question.choices:
        hint = ("try diary foods search WORD, or add your own with diary foods add NAME --per AMOUNT ..."
                if isinstance(question, FoodLookupError) else "give the amount in ml or g")
        click.echo(f"Error: {question}; nothing was logged: {hint}", err=True)
        raise click.exceptions.Exit(2)
    click.echo(f"Error: {question}; nothing was logged.", err=True)
    if isinstance(question, FoodLookupError):
        click.echo("Closest matches (give the NDB number, or a more exact name):", err=True)
    else:
        click.echo("Choices:", err=True)
    for i, (value, label) in enumerate(question.choices, 1):
        click.echo(f"  {i}. {_choice_text(question, value, label)}", err=True)
    if isinstance(question, FoodLookupError):
        click.echo(f"For example: diary {command} {question.choices[0][0]} [AMOUNT]", err=True)
    raise click.exceptions.Exit(2)


