"""diary profile: show or change the patient's settings."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import click

from diary.cli import db_option, diary_timezone, interactive, location, now_utc, opened_diary, parsed
from diary.parse import parse_day
from diary.profile import Profile, get_profile, set_profile, timezone_change, validate_timezone
from diary.vocab import LIFE_STAGES, SEXES, UNIT_SYSTEMS

PROFILE_HELP = """Show or set your profile: sex and birth year choose your reference intakes,
the timezone decides what "today" means, the name and clinician appear on the PDF.

\b
Examples:
  diary profile
  diary profile --sex female --born 1979 --timezone Europe/Berlin --name "A. Patient"
  diary profile --logs-every-spasm      (days with any entry count as observed)
  diary profile --always-complete       (you log everything you eat and drink, every day)
  diary profile --units uk              (a pint is 568 ml, a can 330 ml; us: 473 ml, 355 ml)
  diary profile --sleep 23:00-07:00     (spasms starting then count as night spasms)
  diary profile --care-began 2026-09-01 (care began before this diary did)
"""

_SLEEP = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–to ]+\s*(\d{1,2}):(\d{2})\s*$")


def parse_sleep(text: str) -> tuple[str, str] | None:
    """A sleep window "23:00-07:00" as ('23:00', '07:00'); "default" gives None (00:00-06:00)."""
    if text.strip().lower() in ("default", "none"):
        return None
    m = _SLEEP.match(text)
    if m:
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        if h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60 and (h1, m1) != (h2, m2):
            return f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}"
    raise ValueError(f"sleep window {text!r} not understood: use two clock times, like 23:00-07:00")


def _care_began(text: str, now: dt.datetime, tz: Any) -> dt.date | None:
    if text.strip().lower() in ("none", "auto", "first-adjustment"):
        return None
    return parse_day(text, now, tz)


def _confirm_timezone(old: Profile, new_name: str, yes: bool) -> None:
    """Say how many entries will show at another local time; ask in a terminal, else need --yes."""
    from diary.storage import open_diary

    old_zone = old.zone()
    with open_diary(location(), write=False, create=False) as store:
        effect = timezone_change(store, old_zone, validate_timezone(new_name))
    if effect.moved == 0 or yes:
        return
    message = (f"Changing the timezone from {old_zone.key} to {new_name} shows {effect.moved} of {effect.total} "
               f"entries at another local time ({effect.other_day} on another day).")
    if not interactive():
        raise click.UsageError(f"{message} Add --yes to change it; nothing was changed")
    click.echo(message)
    if not click.confirm("Change it?", default=False):
        raise click.exceptions.Exit(1)


@click.command(help=PROFILE_HELP)
@click.option("--sex", type=click.Choice(SEXES), help="For the reference intakes.")
@click.option("--born", "birth_year", type=click.IntRange(1900, 2100), metavar="YEAR", help="Birth year.")
@click.option("--life-stage", type=click.Choice([*LIFE_STAGES, "none"]), help="pregnant or lactating (or none).")
@click.option("--timezone", metavar="ZONE", help="IANA name, e.g. Europe/Berlin.")
@click.option("--name", metavar="TEXT", help="Shown on the PDF (optional; empty to remove).")
@click.option("--clinician", metavar="TEXT", help="Shown on the PDF (optional; empty to remove).")
@click.option("--logs-every-spasm/--not-every-spasm", default=None,
              help="Whether you log every spasm on any day you use the diary.")
@click.option("--always-complete/--not-always-complete", default=None,
              help="Whether every day's food and drink is logged in full (else mark days: diary complete).")
@click.option("--units", type=click.Choice([*UNIT_SYSTEMS, "auto"]),
              help="How a pint and a can are read (auto: from the timezone's country).")
@click.option("--sleep", metavar="HH:MM-HH:MM", help="Your usual sleep, e.g. 23:00-07:00 (default 00:00-06:00).")
@click.option("--care-began", metavar="DAY", help="When chiropractic care began, if before this diary (none: the "
              "first adjustment logged).")
@click.option("--yes", is_flag=True, help="Change the timezone without asking.")
@db_option
def profile(sex: str | None, birth_year: int | None, life_stage: str | None, timezone: str | None,
            name: str | None, clinician: str | None, logs_every_spasm: bool | None, always_complete: bool | None,
            units: str | None, sleep: str | None, care_began: str | None, yes: bool) -> None:
    now = now_utc()
    changes: dict[str, Any] = {}
    if timezone is not None:
        changes["timezone"] = parsed("--timezone", validate_timezone, timezone)
    for key, value in (("sex", sex), ("birth_year", birth_year), ("logs_every_spasm", logs_every_spasm),
                       ("always_complete", always_complete)):
        if value is not None:
            changes[key] = value
    if life_stage is not None:
        changes["life_stage"] = None if life_stage == "none" else life_stage
    if units is not None:
        changes["units"] = None if units == "auto" else units
    if sleep is not None:
        window = parsed("--sleep", parse_sleep, sleep)
        changes["sleep_start"], changes["sleep_end"] = window or (None, None)
    if care_began is not None:
        changes["care_began"] = parsed("--care-began", _care_began, care_began, now, diary_timezone())
    for key, value in (("name", name), ("clinician", clinician)):
        if value is not None:
            changes[key] = value.strip() or None
    if birth_year is not None and birth_year > now.year:
        raise click.BadParameter(f"birth year {birth_year} is in the future", param_hint="--born")
    if "timezone" in changes:
        from diary.cli import location
        from diary.profile import read_profile

        _confirm_timezone(read_profile(location()), changes["timezone"], yes)
    with opened_diary(write=bool(changes)) as store:
        current = set_profile(store, now, changes) if changes else get_profile(store)
    if changes:
        click.echo("Profile saved.")
    for label, value in profile_lines(current):
        click.echo(f"{label + ':':<15}{value}")


def profile_lines(current: Profile) -> list[tuple[str, str]]:
    """The profile as (label, value) lines, saying which default applies where nothing is set."""
    zone = current.zone()
    start, end = current.sleep_window()
    sleep = f"{start:%H:%M}-{end:%H:%M}" + ("" if current.sleep_start else " (the default)")
    return [
        ("name", current.name or "(not set)"),
        ("sex", current.sex or "(not set: targets use adult female values)"),
        ("born", str(current.birth_year) if current.birth_year else "(not set: targets use ages 31-50)"),
        ("life stage", current.life_stage or "-"),
        ("timezone", current.timezone or f"{zone.key} (the system's)"),
        ("clinician", current.clinician or "(not set)"),
        ("observed days", "any day with an entry" if current.logs_every_spasm
         else "days with a spasm or a quiet mark"),
        ("complete days", "every day (you log all you eat and drink)" if current.always_complete
         else "days you mark with diary complete"),
        ("units", current.units or "(from the timezone)"),
        ("sleep", sleep),
        ("care began", current.care_began.isoformat() if current.care_began else "at the first adjustment logged"),
    ]
