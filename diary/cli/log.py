"""The quick logging commands: spasm (and cramp), adjust, quiet (standard library and click only)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

import click

from diary import entries, measures
from diary.cli import db_option, diary_timezone, interactive, now_utc, opened_diary, parsed
from diary.cli.typed import (
    WordsCommand,
    ask_time_on,
    loose_word_hint,
    quote_fix,
    read_at,
    time_in_words,
    when_said,
)
from diary.describe import describe, when_text
from diary.parse import (
    parse_intensity,
    parse_note,
    parse_regions,
    parse_side,
    parse_site,
    parse_triggers,
    read_duration,
    site_choice_question,
    site_or_side,
)
from diary.vocab import SITES

if TYPE_CHECKING:
    from diary.parse import Duration, When
    from diary.recent import PastSpasm

SPASM_HELP = """Log a spasm with its INTENSITY from 0 (no pain) to 10 (worst imaginable).

\b
Examples:
  diary spasm 7
  diary spasm 6 calf left                 (a site and side may follow the intensity)
  diary spasm 6 --site lower-back --side left --for 5m --trigger lifting --at "yesterday 21:30"
  diary spasm 4 -s calf -f "about 5 min" -a "last night" -n "woke me up"
  diary spasm 6 again                     (site, side and triggers as the last spasm)
  diary cramp 6 calf                      (the same as spasm)
\b
In a terminal, `diary spasm` alone asks for the intensity, when, and where.
Times (--at, -a): now (default), 21:30, 9pm, noon, "yesterday at 6pm", "last night",
"sunday night", "last tuesday 8:00", "3 days ago 14:00", "nov 5 3pm", "2h ago", 2026-11-05 10:00.
A time not given to the minute is said in the reply as a guess; a day alone asks the time.
Durations (--for, -f): 90s, 5m, "2 min", 1h30m; estimates "about 5 min", "5-10 min",
"a few minutes" are kept as estimates. Leave it out when you do not know it.
Triggers (--trigger, -t): repeat it, or "bending over, stress" for two.
Sites: neck, upper-back, mid-back, lower-back, shoulder, arm, hand, hip, glute, thigh,
hamstring, calf, foot, abdomen, other.
"""

# The answers offered for "when?" in a terminal, each a time the parser reads.
WHEN_CHOICES = "now, 15 min ago, 1 h ago, last night, or a time"
DEFAULT_INTENSITY = 5  # offered on Enter when no spasm was logged before


class LooseWords:
    """What the words after the intensity said: a site, a side, and "again"."""

    def __init__(self) -> None:
        self.site: str | None = None
        self.side: str | None = None
        self.again = False


def _loose_words(ctx: click.Context, words: tuple[str, ...], now: dt.datetime) -> LooseWords:
    """Read `diary spasm 6 left calf again`; a word that continued a note or trigger typed
    without quotes is refused naming the fix."""
    found = LooseWords()
    rest = list(words)
    while rest:
        word = rest[0]
        fix = quote_fix(ctx, word)
        if fix is not None:
            raise fix
        if word.lower() == "again":
            found.again, rest = True, rest[1:]
            continue
        site, side, used = site_or_side(rest)
        said = time_in_words(rest, now, diary_timezone(), whole=True) if not used else None
        if said is not None:  # `diary spasm 6 last night`: the time, typed without --at
            time = f"'{said[0]}'" if " " in said[0] else said[0]
            kept = [ctx.params.get("intensity") or "", *words[:len(words) - len(rest)], *said[1]]
            raise click.UsageError(f"{said[0]!r} looks like when it started: did you mean --at {time}? "
                                   f"({ctx.command_path} {' '.join(w for w in kept if w)} --at {time})", ctx=ctx)
        if not used and (which := site_choice_question(" ".join(rest[:2])) or site_choice_question(word)):
            raise click.UsageError(which, ctx=ctx)
        if not used:
            hint = loose_word_hint(word, now, diary_timezone())
            raise click.UsageError(f"{word!r} is not a site, a side or 'again': {hint}", ctx=ctx)
        if site is not None:
            if found.site is not None and found.site != site:
                raise click.UsageError(f"two sites, {found.site} and {site}: log each spasm on its own", ctx=ctx)
            found.site = site
        if side is not None:
            if found.side is not None and found.side != side:
                raise click.UsageError(f"two sides, {found.side} and {side}: use both", ctx=ctx)
            found.side = side
        rest = rest[used:]
    return found


def _split_intensity(ctx: click.Context, intensity: str | None,
                     words: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """`diary spasm calf 6`: the intensity must come first; `diary spasm calf` (asking the
    intensity in a terminal) has none."""
    if intensity is None:
        return None, words
    try:
        parse_intensity(intensity)
        return intensity, words
    except ValueError:
        pass
    numbers = [w for w in words if w.strip().isdigit()]
    if numbers:
        rest = [w for w in (intensity, *words) if w != numbers[0]]
        raise click.UsageError(f"put the intensity first: {ctx.command_path} {numbers[0]} {' '.join(rest)}", ctx=ctx)
    if intensity.lower() == "again" or site_or_side([intensity])[2]:
        return None, (intensity, *words)
    return intensity, words


class Recalled(NamedTuple):
    """What the diary knows that a question or `again` needs, read before writing."""

    last: PastSpasm | None = None
    sites: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()


def _recall() -> Recalled:
    from diary import recent

    with opened_diary(write=False, create=False) as store:
        return Recalled(recent.last_spasm(store), tuple(recent.recent_sites(store)),
                        tuple(recent.known_triggers(store)))


def _ask_intensity(recalled: Recalled) -> int:
    default = recalled.last.intensity if recalled.last is not None else DEFAULT_INTENSITY

    def convert(answer: str) -> int:
        try:
            return parse_intensity(answer)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    value: int = click.prompt("How strong, 0 (no pain) to 10 (worst imaginable)?", default=str(default),
                              value_proc=convert)
    return value


def _ask_when(now: dt.datetime, tz: ZoneInfo) -> When:
    from diary.parse import DayWithoutTime, read_when

    def convert(answer: str) -> When:
        try:
            return read_when(answer, now, tz)
        except DayWithoutTime as exc:
            return ask_time_on(exc.day, now, tz, exc.guess, exc.raw)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    when: When = click.prompt(f"When did it start? {WHEN_CHOICES}", default="now", value_proc=convert)
    return when


NO_SITE = "none"


def _ask_site(recalled: Recalled) -> str | None:
    used = [s for s in recalled.sites if s in SITES]
    others = [s for s in SITES if s not in used]
    offer = (f"{', '.join(used)} (used before), or {', '.join(others)}" if used else ", ".join(SITES))
    default = used[0] if used else NO_SITE

    def convert(answer: str) -> str | None:
        if answer.strip().lower() in (NO_SITE, "-", "no", "skip"):
            return None
        try:
            return parse_site(answer)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    site: str | None = click.prompt(f"Where? {offer}; or {NO_SITE}", default=default, value_proc=convert)
    return site


def _checked_triggers(words: list[str], recalled: Recalled) -> tuple[list[str], list[str]]:
    """The triggers to store, and the new words close to known ones (to suggest). In a
    terminal each such word is asked about; never merged without a yes."""
    from diary.recent import close_trigger

    kept: list[str] = []
    suggest: list[str] = []
    for word in words:
        close = close_trigger(word, recalled.triggers)
        if close is not None and interactive():
            if click.confirm(f"{word!r} is a new trigger; did you mean {close}?", default=True):
                word = close
        elif close is not None:
            suggest.append(word)
        kept.append(word)
    return list(dict.fromkeys(kept)), suggest


@click.command(cls=WordsCommand, help=SPASM_HELP)
@click.argument("intensity", required=False)
@click.argument("words", nargs=-1, metavar="[SITE] [SIDE] [again]")
@click.option("-a", "--at", "at", metavar="WHEN", help="When it started (default: now).")
@click.option("-f", "--for", "duration", metavar="DURATION", help="How long it lasted, e.g. 90s, 5m, 'about 5 min'.")
@click.option("-s", "--site", metavar="SITE", help="Where in the body, e.g. lower-back, calf, neck.")
@click.option("--side", metavar="SIDE", help="left, right, both or centre.")
@click.option("-t", "--trigger", "triggers", multiple=True, metavar="WORD",
              help="What set it off (repeat, or 'a, b' for more).")
@click.option("--relieved-by", metavar="TEXT", help="What relieved it, e.g. stretching, heat.")
@click.option("-n", "--note", metavar="TEXT", help="Anything else worth remembering.")
@db_option
def spasm(intensity: str | None, words: tuple[str, ...], at: str | None, duration: str | None, site: str | None,
          side: str | None, triggers: tuple[str, ...], relieved_by: str | None, note: str | None) -> None:
    ctx = click.get_current_context()
    now = now_utc()
    intensity, words = _split_intensity(ctx, intensity, words)
    value = parsed("INTENSITY", parse_intensity, intensity) if intensity is not None else None
    loose = _loose_words(ctx, words, now)
    span: Duration | None = parsed("--for", read_duration, duration) if duration is not None else None
    site_name = parsed("--site", parse_site, site) if site is not None else None
    side_name = parsed("--side", parse_side, side) if side is not None else None
    for given, said, option in ((site_name, loose.site, "--site"), (side_name, loose.side, "--side")):
        if given is not None and said is not None and given != said:
            raise click.UsageError(f"{said} and {option} {given}: say it once", ctx=ctx)
    site_name, side_name = site_name or loose.site, side_name or loose.side
    typed_triggers = [w for t in triggers for w in parsed("--trigger", parse_triggers, t)]
    note = parsed("--note", parse_note, note) if note is not None else None
    relieved_by = parsed("--relieved-by", parse_note, relieved_by, "--relieved-by") if relieved_by is not None else None
    if value is None and not interactive():
        raise click.UsageError("Missing argument 'INTENSITY'.", ctx=ctx)
    tz = diary_timezone()
    when = read_at("--at", at, now, tz) if at is not None else None
    # Questions and `again` need the diary before writing (no lock held while a person
    # thinks); without them, known triggers are read in the writing transaction.
    asks = value is None or loose.again or (bool(typed_triggers) and interactive())
    recalled = _recall() if asks else None
    if value is None:
        assert recalled is not None
        value = _ask_intensity(recalled)
        when = when or _ask_when(now, tz)
        if site_name is None and not loose.again:
            site_name = _ask_site(recalled)
    # now, unless a time was typed or answered (the time grammar is not even loaded then)
    started = when.instant if when is not None else now.astimezone(tz)
    repeated = None
    if loose.again:
        assert recalled is not None
        repeated = recalled.last
        if repeated is None:
            raise click.UsageError("no earlier spasm to repeat: say it in full, like diary spasm 6 calf", ctx=ctx)
        site_name = site_name or repeated.site
        side_name = side_name or repeated.side
        typed_triggers = typed_triggers or list(repeated.triggers)
    words_kept, suggest = _checked_triggers(typed_triggers, recalled) if recalled else (typed_triggers, [])
    with opened_diary() as store:
        if recalled is None and typed_triggers:
            from diary.recent import close_trigger, known_triggers

            recalled = Recalled(triggers=tuple(known_triggers(store)))
            suggest = [w for w in words_kept if close_trigger(w, recalled.triggers)]
        entry_id = entries.log_episode(
            store, now, started_at=started, intensity=value, duration_s=span.seconds if span else None,
            duration_approximate=bool(span and span.approximate), site=site_name, side=side_name,
            triggers=words_kept, relieved_by=relieved_by, note=note, tz=tz,
        )
        entry = entries.get_entry(store, entry_id, tz)
        notices = entries.batch_notices(store, tz)
    said = when_text(started, tz, now) + (when_said(when) if when is not None else "")
    click.echo(f"Logged spasm #{entry_id}: {describe(entry)}, {said}.")
    if repeated is not None:
        click.echo(f"(site, side and triggers as spasm #{repeated.id})")
    for word in suggest:
        from diary.recent import close_trigger

        close = close_trigger(word, recalled.triggers if recalled else ())
        fixed = " ".join(f"--trigger {_quoted(close if w == word else w)}" for w in words_kept)
        click.echo(f"{word!r} is a new trigger: did you mean {close}? (diary edit {entry_id} {fixed})")
    for line in notices:
        click.echo(line)


def _quoted(word: str | None) -> str:
    word = word or ""
    return f'"{word}"' if " " in word else word


ADJUST_HELP = """Log a chiropractic adjustment (the report compares before and after each one).

\b
Examples:
  diary adjust
  diary adjust --by "Dr. Lee" --region lumbar --region pelvis --at "2026-11-03 10:00"
  diary adjust -a "yesterday 5pm" -n "first visit"
"""


@click.command(cls=WordsCommand, help=ADJUST_HELP, context_settings={"allow_extra_args": True})
@click.option("-a", "--at", "at", default="now", metavar="WHEN", help="When it was (default: now).")
@click.option("--by", "provider", metavar="NAME", help="Who adjusted you.")
@click.option("--region", "regions", multiple=True, metavar="TEXT",
              help="Region adjusted, e.g. lumbar, cervical, pelvis (repeat for more).")
@click.option("-n", "--note", metavar="TEXT", help="Anything else worth remembering.")
@db_option
def adjust(at: str, provider: str | None, regions: tuple[str, ...], note: str | None) -> None:
    ctx = click.get_current_context()
    now = now_utc()
    for word in ctx.args:  # loose words: a name or note typed without quotes
        raise quote_fix(ctx, word) or click.UsageError(
            f"{word!r} is not understood: adjust takes options only (see --help)", ctx=ctx)
    note = parsed("--note", parse_note, note) if note is not None else None
    provider = parsed("--by", parse_note, provider, "--by") if provider is not None else None
    region = parsed("--region", parse_regions, regions) if regions else None
    tz = diary_timezone()
    when = read_at("--at", at, now, tz)
    with opened_diary() as store:
        entry_id = entries.log_adjustment(store, now, at=when.instant, provider=provider, region=region, note=note)
        entry = entries.get_entry(store, entry_id, tz)
        remind = measures.pgic_due(store, now, when.instant)
    said = f"{when_text(when.instant, tz, now)}{when_said(when)}"
    click.echo(f"Logged adjustment #{entry_id}: {describe(entry)}, {said}.")
    if remind:
        click.echo("How are things since care began? diary pgic 1-7 (1 very much improved, 4 no change, "
                   "7 very much worse; diary pgic --help)")


QUIET_HELP = """Say that DAYS had no spasms (default: today): one day, several, or a range.

Without this, a day with no entries counts as not observed, never as spasm-free.

\b
Examples:
  diary quiet
  diary quiet yesterday
  diary quiet mon wed
  diary quiet 2026-11-01..2026-11-05
  diary quiet 2026-11-20 --note "long walk, felt fine"
"""


@click.command(help=QUIET_HELP)
@click.argument("days", nargs=-1, metavar="[DAYS]...")
@click.option("-n", "--note", metavar="TEXT", help="Anything worth remembering about the day.")
@db_option
def quiet(days: tuple[str, ...], note: str | None) -> None:
    now = now_utc()
    note = parsed("--note", parse_note, note) if note is not None else None
    tz = diary_timezone()
    from diary.parse import parse_days

    the_days = parsed("DAYS", parse_days, list(days) or ["today"], now, tz)
    from diary.recent import mark_quiet_days

    with opened_diary() as store:
        marks = mark_quiet_days(store, now, the_days, tz, note)
    for mark in marks:
        label = f"{mark.day:%a} {mark.day.day} {mark.day:%b %Y}"
        if mark.new:
            click.echo(f"Marked {label} as a day without spasms (#{mark.entry_id}).")
        else:
            click.echo(f"{label} was already marked as a day without spasms (#{mark.entry_id}); nothing changed.")
