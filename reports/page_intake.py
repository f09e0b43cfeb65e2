"""Part 3, fluid and electrolytes: on complete days only, daily totals against the
patient's targets (diary.targets.targets_for, the same as `diary today`), the days below
target, and a cautious look at the day after a low day."""

from __future__ import annotations

from diary.targets import Target, Targets, targets_for

from . import analysis, figures
from .data import ReportData, day_label
from .layout import Column, Document
from .words import NO_VALUE, fmt_rate


def label(t: Target) -> str:
    return t.label + (" (total water)" if t.key == "water_ml" else "")


def short_source(key: str | None) -> str:
    """'NASEM2019-TableS-1' -> 'NASEM 2019': the page names the body and year."""
    head = (key or "").split("-", 1)[0]
    for body in ("NASEM", "IOM"):
        if head.startswith(body) and head[len(body):].isdigit():
            return f"{body} {head[len(body):]}"
    return head or "unknown"


def basis_text(found: Targets) -> str:
    """The DRI group, with both ages a birth year allows and what the older would change."""
    basis = found.group
    if "age" not in found.assumed:
        basis += f", {found.age_text}" + (f". {found.age_note}" if found.age_note else "")
    return basis


def assumed_text(found: Targets) -> str | None:
    """What the page says when the profile lacks sex or birth year, in words for the
    clinician, never a command with example values (which would read like the patient's data)."""
    if not found.assumed:
        return None
    missing = " or ".join({"sex": "sex", "age": "birth year"}[a] for a in found.assumed)
    person = {"female": "woman", "male": "man"}.get(found.sex, found.sex)
    if found.life_stage:
        person = f"{found.life_stage} {person}"
    if "age" in found.assumed:
        band = found.group.rsplit(" ", 2)[-2] if found.group.endswith(" y") else str(found.age)
        who = f"an adult {person} aged {band}"
    else:
        who = f"{'an' if person[0] in 'aeiou' else 'a'} {person}, {found.age_text}"
    return f"no {missing} in the profile; targets for {who} assumed"


def intake_part(doc: Document, data: ReportData) -> None:
    logged = analysis.daily_intake(data)
    daily = analysis.complete_intake(data)
    doc.part("3. Fluid and electrolytes against targets, on complete days", short=not daily)
    found = targets_for(data.profile if data.profile.exists else None, data.period.last)
    targets = list(found)
    basis = f"Targets: Dietary Reference Intakes for {basis_text(found)}"
    if (assumed := assumed_text(found)) is not None:
        basis += f" ({assumed})"
    rule = ("the profile says every day's food and drink is logged" if data.profile.always_complete else
            "a day counts only when the patient marked its food and drink as all logged")
    ended = len(data.ended_days())
    today = "" if data.in_progress is None else f" ({day_label(data.in_progress.day)}, still in progress, is left out)"
    doc.paragraph(
        f"{basis}. Only complete days count: {rule}, so a day with only a glass of water logged is never read as "
        f"a day of no potassium. Intake was logged on {len(logged)} of {ended} days{today}; {len(daily)} of them "
        f"{'was' if len(daily) == 1 else 'were'} complete and {'is' if len(daily) == 1 else 'are'} compared with "
        "the targets below (the others are hatched: not counted, never zero). "
        "A total that includes foods with unknown values is a lower bound (open triangle).")
    if not daily:
        doc.paragraph("No complete day in this period: intake is not compared with targets.", bold=True)
        _about(doc, found, targets)
        return
    doc.chart(figures.intake_height(targets),
              lambda fig, rect: figures.intake_panels(fig, rect, data, daily, targets, doc.width))
    rows = []
    for c, t in zip(analysis.target_counts(daily, targets), targets, strict=True):
        goal = f"{t.goal:,.0f} {t.unit} ({t.goal_kind})" if t.goal is not None else "none"
        upper = NO_VALUE
        if t.upper is not None:
            scope = " for supplements" if t.upper_supplements_only else ""
            upper = f"{c.above_upper} above {t.upper:,.0f} mg ({t.upper_kind}{scope})"
        median = f"{NO_VALUE} (0 days)" if c.median is None else (
            f"{c.median:,.0f} ({c.known_days} day{'s' if c.known_days != 1 else ''})")
        has_goal = t.goal is not None
        rows.append([label(t), goal, str(c.days), median, str(c.below) if has_goal else NO_VALUE,
                     str(c.unclassified) if has_goal else NO_VALUE, upper])
    doc.subheading("Days below target (complete days)", keep=1.2)
    doc.table(
        [Column("Nutrient", 1.05), Column("Daily goal", 0.95), Column("Complete days", 0.75, "right"),
         Column("Median day (all values known)", 0.95, "right"), Column("Days below goal", 0.5, "right"),
         Column("Below, with unknowns (not counted)", 0.9, "right"), Column("Upper line", doc.width - 5.1)],
        rows, size=7.5)
    after = analysis.after_low_days(data, targets)
    if after and not any(r.low_days or r.other_days for r in after):
        doc.subheading("Episodes on the day after a low day (descriptive only)", keep=0.6)
        doc.paragraph("No observed day followed a complete day with every value known: nothing to count.", size=8)
    elif after:
        doc.subheading("Episodes on the day after a low day (descriptive only)", keep=1.3)
        table = []
        for r in after:
            table.append([r.label, str(r.low_days), str(r.low_episodes),
                          fmt_rate(r.low_episodes / r.low_days) if r.low_days else NO_VALUE,
                          str(r.other_days), str(r.other_episodes),
                          fmt_rate(r.other_episodes / r.other_days) if r.other_days else NO_VALUE])
        doc.table([Column("Previous day's", 1.0), Column("Days after a complete day below goal", 1.1, "right"),
                   Column("Episodes", 0.65, "right"), Column("Per day", 0.6, "right"),
                   Column("Days after a complete day at or above goal", 1.25, "right"),
                   Column("Episodes", 0.65, "right"), Column("Per day", 0.6, "right")], table, size=7.5)
        unknown = after[0].unknown_days
        doc.paragraph(
            f"Observed days whose previous day was not complete, or had foods with unknown values, are left out "
            f"({unknown} days for fluid). This compares days in one diary; it does not show that intake raised or "
            "lowered the number of spasms, since such days can differ in many other ways.", size=7.5)
    _about(doc, found, targets)


def _about(doc: Document, found: Targets, targets: list[Target]) -> None:
    doc.subheading("About the targets", size=8.5, keep=0.7)
    notes = [f"{t.label}: {t.caveat}" for t in targets if t.caveat]
    sources = []
    for t in targets:
        parts = [f"{kind} {short_source(src)}" for kind, src in ((t.goal_kind, t.goal_source),
                                                                  (t.upper_kind, t.upper_source)) if kind and src]
        sources.append(f"{t.label} {'; '.join(parts) or 'no reference value for this group'}")
    doc.paragraph(" ".join(notes) + (f" {found.caveat}" if found.caveat else "") + f" Sources: {'; '.join(sources)}.",
                  size=7)
