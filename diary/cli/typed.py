"""What the logging commands share about typed input: a time that may need a question, the
loose words of `diary spasm 6 left calf`, and the fix for a note or name typed without quotes.

Standard library and click only (the logging path imports this).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import click

from diary.cli import NumberArgsCommand, interactive

if TYPE_CHECKING:
    from diary.parse import When

TIME_QUESTION_HELP = "like 21:30, 9pm, noon or evening"


def guesses(*notes: str | None) -> str | None:
    """Several guesses said as one ("last night, taken as 23:00; ...")."""
    said = [n for n in notes if n]
    return "; ".join(said) or None


def read_at(param: str, text: str, now: dt.datetime, tz: ZoneInfo) -> When:
    """The instant typed for `param` and what was guessed. A day without a time is asked
    about in a terminal and refused otherwise (exit 2); other bad input is refused."""
    from diary.parse import DayWithoutTime, read_when

    try:
        return read_when(text, now, tz)
    except DayWithoutTime as exc:
        if not interactive():
            raise click.BadParameter(str(exc), param_hint=param) from None
        return ask_time_on(exc.day, now, tz, exc.guess, exc.raw)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=param) from None


def ask_time_on(day: dt.date, now: dt.datetime, tz: ZoneInfo, guess: str | None = None,
                said_day: str | None = None) -> When:
    """Ask for the time of day on a day typed without one ("What time on Tue 24 Nov?")."""
    from diary.parse import When, parse_time_on

    today = now.astimezone(tz).date()
    label = "today" if day == today else f"on {day:%a} {day.day} {day:%b}" + (
        "" if day.year == today.year else f" {day.year}")

    def convert(answer: str) -> When:
        try:
            return parse_time_on(day, answer, now, tz, said_day)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    when: When = click.prompt(f"What time {label}? ({TIME_QUESTION_HELP})", value_proc=convert)
    return When(when.instant, guesses(guess, when.guess))


def when_said(when: When) -> str:
    """What to add to a reply about the time: " (last night, taken as 23:00)", or nothing."""
    return f" ({when.guess})" if when.guess else ""


# The free-text options, and what their value is called in "put the note in quotes".
FREE_TEXT = {"note": "note", "relieved_by": "text", "triggers": "trigger", "provider": "name", "region": "region",
             "add_triggers": "trigger"}


class WordsCommand(NumberArgsCommand):
    """A command that keeps the words as typed, so loose words after an option can be told
    apart from words meant on their own (`--note it hurt` against `spasm 6 calf`)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["diary.typed"] = list(args)
        return super().parse_args(ctx, args)


def words_after_text_option(ctx: click.Context, word: str) -> tuple[str, str, list[str]] | None:
    """(option as typed, its value, the loose words after it) when `word` followed the value
    of a free-text option, as in `--note it hurt`; else None."""
    command = ctx.command
    text_options = {name: p.name for p in command.params if isinstance(p, click.Option) and p.name in FREE_TEXT
                    for name in p.opts}
    value_options = {name for p in command.params if isinstance(p, click.Option) and not p.is_flag
                     for name in p.opts}
    typed: list[str] = ctx.meta.get("diary.typed", [])
    runs: list[tuple[str, str, list[str]]] = []
    run: tuple[str, str, list[str]] | None = None
    skip = False
    for i, token in enumerate(typed):
        if skip:
            skip = False
            continue
        name, has_value, value = token.partition("=")
        if token.startswith("-") and name in text_options:
            run = (name, value, []) if has_value else (name, typed[i + 1] if i + 1 < len(typed) else "", [])
            runs.append(run)
            skip = not has_value
        elif token.startswith("-") and len(token) > 1 and not token[1].isdigit():
            run = None
            skip = name in value_options and not has_value
        elif run is not None:
            run[2].append(token)
    return next((r for r in runs if word in r[2]), None)


def quote_fix(ctx: click.Context, word: str) -> click.UsageError | None:
    """The usage error for a loose word that continued a free-text option, naming the fix
    ('put the note in quotes: --note "it hurt"'); None if `word` did not follow one."""
    from diary.parse import site_or_side

    found = words_after_text_option(ctx, word)
    if found is None:
        return None
    option, value, loose = found
    param = next(p for p in ctx.command.params if isinstance(p, click.Option) and option in p.opts)
    what = FREE_TEXT[param.name or ""]
    whole = " ".join([value, *loose])
    quoted = f'put the {what} in quotes: {option} "{whole}"'
    takes_site = any(p.name == "words" for p in ctx.command.params)
    if takes_site and all(site_or_side([w])[2] for w in loose):
        # "-t lifting calf": calf may be the spasm's site or part of the trigger; say both
        before = f"{ctx.command_path} {ctx.params.get('intensity') or 'INTENSITY'} {' '.join(loose)} ..."
        return click.UsageError(f"{' '.join(loose)!r} after {option} {value}: for the site, put it before the options "
                                f"({before}), or {quoted}", ctx=ctx)
    return click.UsageError(quoted, ctx=ctx)


def loose_word_hint(word: str, now: dt.datetime, tz: ZoneInfo) -> str:
    """How to say what a loose word probably meant: a duration, a time, or text for an option."""
    from diary.parse import parse_duration, parse_when

    try:
        parse_duration(word)
        return f"for how long it lasted use --for {word}"
    except ValueError:
        pass
    try:
        parse_when(word, now, tz)
        return f"for when it started use --at {word}"
    except ValueError:
        pass
    return f"for a trigger use --trigger {word}, for a note --note \"...\""
