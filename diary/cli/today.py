"""diary today: a day's entries, and its fluid and electrolytes against the patient's targets."""

from __future__ import annotations

from typing import Any

import click

from diary import entries
from diary.cli import db_option, diary_timezone, now_utc, opened_diary, parsed
from diary.describe import entry_line
from diary.parse import parse_day
from diary.profile import get_profile
from diary.recent import days_without_record, no_record_line

TODAY_HELP = """Show a day's entries, and its fluid, sodium, potassium, magnesium and calcium
against your daily targets (default: today).

Targets are the Dietary Reference Intakes for your sex and age (diary profile): the RDA
or adequate intake as the goal; for sodium, 2,300 mg as the line to stay under (CDRR);
the magnesium upper level counts supplements only, the calcium one everything. Fluid is
all water, from drinks and the water in food, against the total-water intake. A total
that includes a food without a value in the table reads "at least". A birth year allows
two ages (before and after the birthday): the younger is used until 31 December, and
the output says so where the older one would change a target. Until a day is marked
complete (diary complete, or diary profile --always-complete) its totals are shown as
"so far", without a verdict: a day with one glass of water logged is not a day of
0 mg potassium.

\b
Examples:
  diary today
  diary today --date yesterday
  diary today --date 2026-11-03
"""


def _mg(value: float) -> str:
    return f"{value:,.0f}"


def nutrient_line(target: Any, total: Any, complete: bool = True) -> str:
    """One line of a day's intake of a nutrient against its target.

    'Potassium: at least 1,840 mg of 2,600 mg (AI), 71%, below'. `target` is a
    diary.targets.Target, `total` a diary.nutrition.NutrientTotal. On a day not marked
    complete the total is what is logged so far, and no verdict is given on the goal
    (an upper line crossed is still said).
    """
    unit = target.unit
    amount = f"{'at least ' if total.at_least else ''}{_mg(total.total)} {unit}{'' if complete else ' so far'}"
    parts = [f"{target.label}: {amount}"]
    if target.goal is not None:
        share = round(100 * total.total / target.goal)
        if not complete:
            verdict = ""
        elif total.total >= target.goal:
            verdict = ", met"
        else:
            verdict = ", below, or unknown" if total.at_least else ", below"
        parts[0] += f" of {_mg(target.goal)} {unit} ({target.goal_kind}), {share}%{verdict}"
    else:
        parts[0] += " (no reference intake for this group)"
    if target.key == "water_ml":
        parts.append("all water, drinks and food")
    if target.upper is not None:
        line = f"{_mg(target.upper)} {unit} ({target.upper_kind})"
        if target.key == "sodium_mg":
            parts.append(f"ABOVE {line}: reduce" if total.total > target.upper else f"reduce if above {line}")
        elif target.upper_supplements_only:
            taken = total.supplements
            if taken > target.upper:
                parts.append(f"supplements {_mg(taken)} {unit}, ABOVE the {line} for supplements")
            else:
                parts.append(f"supplements {_mg(taken)} {unit} of the {line}, which counts supplements only")
        else:
            parts.append(f"ABOVE the {line}" if total.total > target.upper else f"upper level {line}")
    return "; ".join(parts)


def _sources(targets: Any) -> str:
    bits = []
    for t in targets:
        text = f"{t.label.lower()} {t.goal_kind} {t.goal_source}" if t.goal_source else f"{t.label.lower()} none"
        if t.upper_source:
            text += f", {t.upper_kind} {t.upper_source}"
        bits.append(text)
    return "; ".join(bits)


@click.command(help=TODAY_HELP)
@click.option("--date", "day", default="today", metavar="DAY", help="Another day, e.g. yesterday, 2026-11-03.")
@db_option
def today(day: str) -> None:
    from diary.days import completeness
    from diary.nutrition import day_totals
    from diary.targets import targets_for
    from diary.vocab import NUTRIENTS

    now = now_utc()
    tz = diary_timezone()
    the_day = parsed("--date", parse_day, day, now, tz)
    start, end = entries.day_bounds(the_day, tz)
    with opened_diary(write=False) as store:
        found = entries.list_entries(store, tz, start=start, end=end)
        profile = get_profile(store)
        state = completeness(store, the_day)
        unrecorded = days_without_record(store, now.astimezone(tz).date(), tz, profile.logs_every_spasm)
    click.echo(f"{the_day:%A %d %B %Y} ({tz.key})")
    if not found:
        click.echo("Nothing logged yet.")
    for entry in found:
        click.echo(entry_line(entry, tz, now))
    spasms = [e for e in found if e.kind == "spasm"]
    highest = f", highest {max(e.fields['intensity'] for e in spasms)}/10" if spasms else ""
    click.echo(f"Spasms: {len(spasms)}{highest}")
    if state.always:
        click.echo("Food and drink: complete (your profile says you log everything every day).")
    elif state.mark is not None:
        click.echo(f"Food and drink: complete (marked #{state.mark}).")
    else:
        click.echo("Food and drink: not marked complete.")

    targets = targets_for(profile, the_day)
    day_intake = day_totals(e.fields for e in found if e.kind == "intake")
    click.echo("")
    age = f"; {targets.age_text}" if targets.ages else ""
    click.echo(f"Against your daily targets (Dietary Reference Intakes, {targets.group}{age}):")
    if day_intake.entries == 0:
        click.echo("  Nothing drunk or eaten logged: a day with nothing logged is not a day of zero intake.")
        goals = "; ".join(f"{t.label.lower()} {_mg(t.goal)} {t.unit} ({t.goal_kind})" for t in targets
                          if t.goal is not None)
        click.echo(f"  Targets: {goals}.")
    else:
        if not state.complete:
            click.echo("  Day not marked complete, so these are totals so far: diary complete marks it when all you "
                       "ate and drank is logged.")
        for t in targets:
            click.echo("  " + nutrient_line(t, day_intake[t.key], state.complete))
        counts = {n.short: day_intake[n.key].unknown for n in NUTRIENTS if day_intake[n.key].unknown}
        unknown = [f"{short} in {count} {'entry' if count == 1 else 'entries'}" for short, count in counts.items()]
        if unknown:
            click.echo(f"  'At least': no value in the food table (unknown, not zero) for {', '.join(unknown)}.")
    click.echo(f"Sources: {_sources(targets)} (see diary foods info).")
    click.echo(f"Note: {targets['potassium_mg'].caveat} {targets['magnesium_mg'].caveat.split('. ')[-1]}")
    if targets.age_note:
        click.echo(f"Age: {targets.age_note}.")
    if targets.assumption:
        click.echo(f"Targets assume an {targets.assumption}: set yours with {targets.how_to_set}.")
    if unrecorded:
        click.echo(no_record_line(unrecorded))
