"""The measures: diary pgic, peg, med and reaction (standard library and click only)."""

from __future__ import annotations

import datetime as dt

import click

from diary import entries, measures
from diary.cli import NumberArgsCommand, db_option, diary_timezone, interactive, now_utc, opened_diary, parsed
from diary.cli.typed import read_at, when_said
from diary.describe import describe, when_text
from diary.errors import PegThisWeek
from diary.parse import parse_note

_ANSWERS = "\n".join(f"  {i}  {a}" for i, a in enumerate(measures.PGIC_ANSWERS, 1))
PGIC_HELP = f"""Record your impression of change since care began: ANSWER from 1 to 7.

\b
The question (the Patient Global Impression of Change, Farrar et al. 2001):
  {measures.PGIC_QUESTION}
{_ANSWERS}

\b
Examples:
  diary pgic 2                  (much improved)
  diary pgic "no change"
  diary pgic 3 --at yesterday --note "better mornings"
\b
Once a month is plenty; diary adjust reminds you when none was given for a week.
"""


@click.command(help=PGIC_HELP)
@click.argument("answer", metavar="ANSWER")
@click.option("--at", "at", default="now", metavar="WHEN", help="When (default: now).")
@click.option("--note", metavar="TEXT", help="Anything worth remembering.")
@db_option
def pgic(answer: str, at: str, note: str | None) -> None:
    now = now_utc()
    score = parsed("ANSWER", measures.parse_pgic, answer)
    note = parsed("--note", parse_note, note) if note is not None else None
    tz = diary_timezone()
    typed = read_at("--at", at, now, tz)
    when = typed.instant
    with opened_diary() as store:
        entry_id = measures.log_pgic(store, now, at=when, score=score, note=note)
    click.echo(f"Logged impression of change #{entry_id}: {score}, {measures.pgic_answer(score)} "
               f"({when_text(when, tz, now)}{when_said(typed)}).")


_ITEMS = "\n".join(f"  {i}. {q} ({scale})" for i, (_, q, scale) in enumerate(measures.PEG_ITEMS, 1))
PEG_HELP = f"""Answer the weekly PEG: three numbers from 0 to 10 about the past week.

\b
The questions (PEG, Krebs et al. 2009):
{_ITEMS}

The score is the mean of the three. Without numbers, the questions are asked one by one.

\b
Examples:
  diary peg 6 5 4
  diary peg
  diary peg 5 5 3 --replace       (this week's PEG was already given)
"""


@click.command(help=PEG_HELP)
@click.argument("answers", nargs=-1, metavar="[PAIN ENJOYMENT ACTIVITY]")
@click.option("--at", "at", default="now", metavar="WHEN", help="When (default: now).")
@click.option("--note", metavar="TEXT", help="Anything worth remembering.")
@click.option("--replace", is_flag=True, help="Replace the PEG already given in the same 7 days.")
@db_option
def peg(answers: tuple[str, ...], at: str, note: str | None, replace: bool) -> None:
    now = now_utc()
    if not answers:
        if not interactive():
            raise click.UsageError("give the three answers, like diary peg 6 5 4 (see diary peg --help for the "
                                   "questions)")
        answers = tuple(_ask(question, scale) for _, question, scale in measures.PEG_ITEMS)
    if len(answers) != 3:
        raise click.BadParameter(f"{len(answers)} answers given; the PEG has three: pain, enjoyment, activity, "
                                 "like diary peg 6 5 4", param_hint="ANSWERS")
    values = [parsed(name.upper(), measures.parse_scale, text, name)
              for (name, _, _), text in zip(measures.PEG_ITEMS, answers, strict=True)]
    answer = measures.PegScore(*values)
    note = parsed("--note", parse_note, note) if note is not None else None
    tz = diary_timezone()
    typed = read_at("--at", at, now, tz)
    when = typed.instant
    try:
        entry_id = _log_peg(now, when, answer, note, replace)
    except PegThisWeek as exc:
        if not interactive():
            raise
        click.echo(f"A PEG (#{exc.existing_id}) was already given on {when_text(exc.existing_at, tz, now)}; "
                   "it is weekly.")
        if not click.confirm("Replace it?", default=False):
            raise click.exceptions.Exit(1) from None
        entry_id = _log_peg(now, when, answer, note, True)
    click.echo(f"Logged PEG #{entry_id}: score {answer.score:.1f} (pain {answer.pain}, enjoyment "
               f"{answer.enjoyment}, activity {answer.activity}), {when_text(when, tz, now)}{when_said(typed)}.")


def _ask(question: str, scale: str) -> str:
    value: str = click.prompt(f"{question} ({scale})", type=str)
    return value


def _log_peg(now: dt.datetime, when: dt.datetime, answer: measures.PegScore, note: str | None,
             replace: bool) -> int:
    with opened_diary() as store:
        return measures.log_peg(store, now, at=when, answer=answer, note=note, replace=replace)


MED_HELP = """Log an acute medication you took: its NAME and, if you like, the DOSE.

Names are free words; one you used before is suggested when you type something close.
The report counts days with acute medication, which also change how often spasms come.

\b
Examples:
  diary med ibuprofen 400mg
  diary med "muscle relaxant"
  diary med paracetamol 1g --at "last night 23:00"
"""


@click.command(cls=NumberArgsCommand, help=MED_HELP)
@click.argument("words", nargs=-1, required=True, metavar="NAME [DOSE]")
@click.option("--at", "at", default="now", metavar="WHEN", help="When you took it (default: now).")
@click.option("--note", metavar="TEXT", help="Anything worth remembering.")
@db_option
def med(words: tuple[str, ...], at: str, note: str | None) -> None:
    now = now_utc()
    name, dose = parsed("NAME", measures.parse_medication, words)
    note = parsed("--note", parse_note, note) if note is not None else None
    tz = diary_timezone()
    typed = read_at("--at", at, now, tz)
    when = typed.instant
    with opened_diary() as store:
        name, suggestion = measures.known_medication(store, name)
        entry_id = measures.log_medication(store, now, taken_at=when, name=name, dose=dose, note=note)
        entry = entries.get_entry(store, entry_id, tz)
    click.echo(f"Logged medication #{entry_id}: {describe(entry)}, {when_text(when, tz, now)}{when_said(typed)}.")
    if suggestion:
        click.echo(f"Note: you logged {suggestion!r} before; if this is the same, diary edit {entry_id} "
                   f"--name {_quoted(suggestion)}.")


def _quoted(text: str) -> str:
    return text if text.replace("-", "").isalnum() else f'"{text}"'


REACTION_HELP = """Log an effect in the 72 hours after an adjustment: its KIND and INTENSITY (0-10).

\b
Kinds: soreness, stiffness, headache, dizziness, tingling (or numbness), tiredness, or
other with a --note saying what. The report lists them per visit for your clinician.
\b
Examples:
  diary reaction soreness 4
  diary reaction headache 6 --at "yesterday 20:00"
  diary reaction other 3 --note "nausea"
"""


@click.command(help=REACTION_HELP)
@click.argument("kind", metavar="KIND")
@click.argument("intensity", metavar="INTENSITY")
@click.option("--at", "at", default="now", metavar="WHEN", help="When it was (default: now).")
@click.option("--note", metavar="TEXT", help="Anything worth remembering (needed for other).")
@db_option
def reaction(kind: str, intensity: str, at: str, note: str | None) -> None:
    now = now_utc()
    symptom = parsed("KIND", measures.parse_reaction_kind, kind)
    value = parsed("INTENSITY", measures.parse_scale, intensity, "intensity")
    note = parsed("--note", parse_note, note) if note is not None else None
    tz = diary_timezone()
    typed = read_at("--at", at, now, tz)
    when = typed.instant
    with opened_diary() as store:
        entry_id, visit_id = measures.log_reaction(store, now, at=when, symptom=symptom, intensity=value, note=note)
        visit = entries.get_entry(store, visit_id, tz)
    click.echo(f"Logged reaction #{entry_id}: {symptom} {value}/10, {when_text(when, tz, now)}{when_said(typed)} "
               f"(after the adjustment #{visit_id} of {when_text(visit.when, tz, now)}).")
