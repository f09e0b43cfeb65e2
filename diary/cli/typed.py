"""What the logging commands share about typed input: a time that may need a question, the
loose words of `diary spasm 6 left calf`, and the fix for a note or name typed without quotes.

Standard library and click only (the logging path imports this).
"""

from __future__ import annotations

import datetime as dt
import re
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


def when_said(when: When, inside: bool = False) -> str:
    """What to add to a reply about the time: " (last night, taken as 23:00)", or nothing;
    `inside` a parenthesis already, "; last night, taken as 23:00"."""
    if not when.guess:
        return ""
    return f"; {when.guess}" if inside else f" ({when.guess})"


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


# Words that make a run of typed words a time rather than part of a food's name.
_DAY_WORDS = {"yesterday", "today", "tonight", "ago", "last", "noon", "midnight", "monday", "tuesday", "wednesday",
              "thursday", "friday", "saturday", "sunday"}
# At the end only: "porridge this morning", "biscuits after lunch" (a meal alone may be a dish: "english breakfast")
_PART_WORDS = {"night", "morning", "afternoon", "evening", "lunchtime", "after", "before"}
_MEALS = {"breakfast", "lunch", "dinner", "supper"}
_JOINING = {"a", "an", "the", "of", "and", "with"}
_CLOCK_WORD = re.compile(r"^\d{1,2}([:.]\d{2})?(am|pm)$|^\d{1,2}:\d{2}$")


def _reads_as_time(text: str, now: dt.datetime, tz: ZoneInfo) -> bool:
    from diary.parse import DayWithoutTime, read_when

    try:
        read_when(text, now, tz)
    except DayWithoutTime:
        return True
    except ValueError as exc:
        return "not understood" not in str(exc) and "does not exist" not in str(exc)
    return True


def time_in_words(words: tuple[str, ...] | list[str], now: dt.datetime, tz: ZoneInfo,
                  whole: bool = False) -> tuple[str, list[str]] | None:
    """(the time, the other words) when the words typed for WHAT end (or start) with a time,
    as in `diary drink water yesterday` or `diary eat "porridge this morning"`; else None.
    A run at the start must name a day or a clock time ("evening primrose oil" is a name);
    `whole`: all the words may be the time (`diary spasm 6 last night`)."""
    split = " ".join(words).split()
    if len(split) > 2 and split[-2].lower() == "for" and split[-1].lower() in _MEALS:
        return split[-1], split[:-2]  # "toast for breakfast"
    for n in range(min(len(split) - (0 if whole else 1), 6), 0, -1):
        for run, rest, at_end in ((split[-n:], split[:-n], True), (split[:n], split[n:], False)):
            lower = [w.lower().strip(",") for w in run]
            if lower[0 if at_end else -1] in _JOINING:  # "yesterday a glass of milk": "a" goes with the milk
                continue
            strong = any(w in _DAY_WORDS or _CLOCK_WORD.match(w) for w in lower)
            if (strong or (at_end and any(w in _PART_WORDS for w in lower))) and _reads_as_time(" ".join(run), now, tz):
                return " ".join(run), rest
    return None


def check_what_words(ctx: click.Context, words: tuple[str, ...], at: str | None, now: dt.datetime,
                     tz: ZoneInfo) -> None:
    """Refuse, naming the fix, the words typed for WHAT (a food, a dose) that hold a note typed
    without quotes (`--note very ripe`) or a time (`drink water yesterday`): never logged
    as something else, now."""
    first_option = next((i for i, t in enumerate(ctx.meta.get("diary.typed", [])) if t.startswith("-")
                         and len(t) > 1 and not t[1].isdigit()), None)
    for word in words:
        found = words_after_text_option(ctx, word)
        if found is not None and first_option not in (None, 0):  # not `eat --note "ripe" banana`: WHAT came first
            fix = quote_fix(ctx, word)
            if fix is not None:
                raise fix
    said = time_in_words(words, now, tz)
    if said is None:
        return
    time, rest = said
    while rest and rest[-1].lower() in ("for", "at", "on", "in", "around", "about"):  # "toast for breakfast"
        rest = rest[:-1]
    quoted = f"'{time}'" if " " in time else time
    if at not in (None, "now"):
        raise click.UsageError(f"{time!r} looks like a time, and --at {at!r} was given too: say when once, with --at",
                               ctx=ctx)
    raise click.UsageError(f"{time!r} looks like when, not what: did you mean --at {quoted}? "
                           f"({ctx.command_path} {' '.join(rest)} --at {quoted})", ctx=ctx)
