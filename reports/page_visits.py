"""Part 2, around each adjustment: the month at a glance, a descriptive table per visit,
and the pooled comparisons (within the cycle, reaction, flare) with their intervals."""

from __future__ import annotations

import datetime as dt

from . import charts, figures, visits
from .data import ReportData, day_label
from .layout import Column, Document
from .visits import Pooled, Side
from .words import TOO_LITTLE, fmt_days, fmt_interval, fmt_ratio, interval_words, plural, ratio_words


def when(data: ReportData, instant: dt.datetime, *, weekday: bool = True, year: bool = True) -> str:
    local = instant.astimezone(data.tz)
    text = f"{local:%a} " if weekday else ""
    text += f"{local.day} {local:%b}"
    if year:
        text += f" {local.year}"
    return text + f" {local:%H:%M}"


def _side_cells(side: Side) -> list[str]:
    return [str(side.episodes), str(side.spasm_days), f"{fmt_days(side.observed_days)} of {fmt_days(side.length_days)}"]


def pooled_line(name: str, p: Pooled, this: str, other: str, against: str) -> str:
    """A pooled comparison in words: counts, the ratio and its interval, and what it may mean
    (`against` names the other side in a sentence: "in days 4-7")."""
    counts = (f"{this}: {plural(p.this.episodes, 'episode')} over {fmt_days(p.this.exposure)} observed days; "
              f"{other}: {plural(p.other.episodes, 'episode')} over {fmt_days(p.other.exposure)} observed days")
    head = f"{name} ({plural(p.visits, 'visit')}, {day_label(p.first)} to {day_label(p.last)}): {counts}. "
    if p.too_little is not None or p.ratio is None:
        return head + f"Rate ratio: {TOO_LITTLE} ({p.too_little or 'no estimate'})."
    r = p.ratio
    text = head + (f"Rate ratio {fmt_ratio(r.estimate)} (95% interval {fmt_interval(r.low, r.high)}): "
                   f"{ratio_words(r.estimate, 'episodes', against)}; {interval_words(r.low, r.high)}")
    if r.excludes(1.0):
        return text + "."
    return text + ": this could be chance."


def visits_part(doc: Document, data: ReportData) -> None:
    doc.part("2. Around each adjustment")
    rows = visits.visit_rows(data)
    if not rows and not any(d.observed for d in data.period_days()):
        doc.subheading("The month at a glance", keep=0.6)
        doc.paragraph("No day of the period was observed and no visit was logged in it: nothing to draw.")
    else:
        doc.subheading("The month at a glance", keep=3.8)
        doc.chart(3.75, lambda fig, rect: figures.timeline(fig, rect, data, doc.width))
        doc.space(0.25)  # the chart's legend hangs below it
    w = data.window_days
    doc.subheading(f"Each visit: the {w} days before and after (counts only)", keep=1.2)
    if not rows:
        doc.paragraph("No adjustment was logged in this period.", bold=True)
    else:
        table = []
        for r in rows:
            first = r.visit.adjustments[0]
            label = f"V{r.number}  {when(data, r.visit.at, year=False)}"
            label += "".join(f", {x}" for x in (first.provider, first.region and f"region {first.region}") if x)
            if r.visit.merged:
                label += f" (with {len(r.visit.adjustments) - 1} more within 48 h)"
            table.append([label, *_side_cells(r.before), *_side_cells(r.after)])
        doc.table(
            [Column("Visit", 2.35), Column("Before: episodes", 0.75, "right"), Column("spasm days", 0.6, "right"),
             Column("observed days", 0.85, "right"), Column("After: episodes", 0.75, "right"),
             Column("spasm days", 0.6, "right"), Column("observed days", doc.width - 5.9, "right")],
            table, size=7.5)
        doc.paragraph(
            f"Windows: {w} x 24 h before and after each visit, cut at the neighbouring visit and at the end of the "
            "period. These windows overlap from one visit to the next (with weekly visits the days after one visit "
            "are the days before the next), so the table gives counts only: no ratio and no verdict per visit. "
            "Adjustments less than 48 h after a visit's first are taken as one visit.", size=7.5)

    doc.subheading("All visits of the last 3 months together", keep=2.0)
    span = visits.pooled_span(data)
    if not visits.visits_between(data, *span):
        since, until = visits.span_days(data, span)
        doc.paragraph(f"No visit from {day_label(since)} to {day_label(until)}: nothing to pool around visits, "
                      "and no reaction or flare to look for.")
        return
    cycle = visits.within_cycle(data)
    reaction = visits.reaction(data)
    flare = visits.flare(data)
    for line in (pooled_line("Within the cycle", cycle, "days 1-3 after a visit", "days 4-7", "in days 4-7"),
                 pooled_line("Reaction", reaction, "the first 24 h after a visit", "other days of care",
                             "on other days of care"),
                 pooled_line("Flare", flare, "the 3 days before a visit", "other days of care",
                             "on other days of care")):
        doc.paragraph("\u2022 " + line, size=8, after=0.03)
    doc.paragraph(
        "Page 1 flags a reaction or a flare only when the whole 95% interval lies above 1. Day 1-3 against day 4-7 "
        "asks whether spasms are fewer early in the cycle between visits than late in it; day 0 (the first 24 h) "
        "is set apart as the reaction window.", size=7.5)
    days = visits.cycle_days(data)
    if not any(charts.drawn(d) for d in days):
        doc.subheading("Episodes by day since a visit (the last 3 months' visits pooled)", keep=0.6)
        doc.paragraph("No day since a visit has an observed day or more to count on: no bar to draw.")
        return
    doc.subheading("Episodes by day since a visit (the last 3 months' visits pooled)", keep=2.6)
    doc.chart(2.35, lambda fig, rect: charts.cycle_chart(fig, rect, days, doc.width))
    doc.paragraph("Day k runs from k x 24 h to (k+1) x 24 h after a visit, up to the next visit; under each bar its "
                  "episodes and observed days. Bars over less than 1 observed day are not drawn.", size=7.5)
