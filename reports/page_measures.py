"""Part 4, the measures beside the counts: the patient's impression of change (PGIC) over
the months, the weekly PEG against the baseline, acute medication, night spasms and the
reactions logged after each visit. Counts and answers as given; no advice."""

from __future__ import annotations

import datetime as dt

from . import charts, measures
from .baseline import MIN_SIDE_DAYS, Answer
from .data import ReportData, day_label
from .layout import Column, Document
from .page_answer import change_line
from .page_visits import when
from .words import NO_VALUE, fmt_pct, plural


def _pgic(doc: Document, data: ReportData) -> None:
    doc.subheading("Impression of change since care began (PGIC, 1 very much improved ... 7 very much worse)", keep=0.9)
    found = measures.impressions(data)
    if not found:
        doc.paragraph("No impression of change was given in these months.")
        return
    latest = found[-1]
    doc.paragraph(f"Latest: {latest.words} ({latest.score}) on {day_label(latest.at.astimezone(data.tz).date())}. "
                  f"{plural(len(found), 'answer')} from {day_label(found[0].at.astimezone(data.tz).date())}.",
                  after=0.03)
    doc.table([Column("Given", 1.4), Column("Answer", 0.6, "right"), Column("", doc.width - 2.0)],
              [[when(data, i.at, weekday=False), str(i.score), i.words] for i in found], size=7.5)


def _peg(doc: Document, data: ReportData, answer: Answer) -> None:
    doc.subheading("Weekly PEG: average pain and its interference with enjoyment and activity (0-10)", keep=2.0)
    if not data.measures.peg:
        doc.paragraph("No PEG was answered in these months.")
        return
    first = min(at for at, *_ in data.measures.peg).astimezone(data.tz).date()
    first = min(first, data.timeline.first)

    def x(day: dt.date) -> float:
        return float((day - first).days)

    points = [(x(at.astimezone(data.tz).date()), (p + e + a) / 3) for at, p, e, a in data.measures.peg]
    last = data.period.last
    months = [first.replace(day=1)]
    while months[-1] < last.replace(day=1):
        m = months[-1]
        months.append(m.replace(year=m.year + m.month // 12, month=m.month % 12 + 1))
    labels = [(x(m), f"{m:%b}") for m in months if m >= first]
    base = answer.baseline.mean_peg if answer.baseline is not None and answer.baseline.peg else None
    began = x(data.care_began) if data.care_began is not None and data.care_began >= first else None
    doc.chart(1.75, lambda fig, rect: charts.peg_chart(fig, rect, points, base, began, labels, doc.width))
    if answer.comparison is not None and answer.comparison.too_little is None:
        doc.paragraph(change_line(answer.comparison.change("peg"), answer.comparison), after=0.03)
    doc.paragraph("The PEG (Krebs et al., J Gen Intern Med 2009) scores the mean of its three items. No threshold "
                  "of a clinically important change is claimed for one patient's PEG.", size=7.5)


def _medication(doc: Document, data: ReportData, answer: Answer) -> None:
    doc.subheading("Acute medication", keep=1.0)
    if not data.measures.medication:
        doc.paragraph("No acute medication was logged in these months.")
        return
    columns = [c for c in (answer.baseline, answer.previous, answer.this) if c is not None]
    parts = []
    for c in columns:
        name = c.label if c.label != "Baseline" else "the baseline"
        if not c.observed:
            parts.append(f"{name}: no observed day")
            continue
        per_28 = f"{c.medication_days_per_28:.1f} per 28" if c.observed >= MIN_SIDE_DAYS else "too few for a rate"
        parts.append(f"{name}: {c.medication_days} of {plural(c.observed, 'observed day')} ({per_28})")
    doc.paragraph("Days with acute medication taken, among observed days: " + "; ".join(parts) + ". Medication "
                  "taken for spasms can make them fewer or milder, so it is read beside their counts.", after=0.03)
    rows = [[t.name, ", ".join(t.doses) or NO_VALUE, str(t.times), str(t.days)] for t in measures.taken(data)]
    if rows:
        doc.table([Column("Taken in the period", 2.2), Column("Doses as logged", 2.4), Column("Times", 0.7, "right"),
                   Column("Days", doc.width - 5.3, "right")], rows, size=7.5)


def _nights(doc: Document, data: ReportData) -> None:
    n = measures.nights(data)
    start, end = n.window
    source = "the profile's sleep window" if n.from_profile else "the default window, as the profile sets none"
    doc.subheading("Night spasms", keep=2.0)
    if not n.episodes:
        doc.paragraph("No episodes in this period.")
        return
    doc.paragraph(f"{n.night} of {plural(n.episodes, 'episode')} ({fmt_pct(n.night, n.episodes)}) started between "
                  f"{start:%H:%M} and {end:%H:%M} ({source}).", after=0.03)
    doc.chart(1.6, lambda fig, rect: charts.hours_chart(fig, rect, n.by_hour, (start.hour, end.hour), doc.width))


def _reactions(doc: Document, data: ReportData) -> None:
    doc.subheading("Reactions logged in the 72 h after each visit", keep=1.0)
    rows, symptoms = measures.reactions_by_visit(data)
    if not rows:
        doc.paragraph("No visit in this period.")
        return
    table = []
    for i, r in enumerate(rows, 1):
        said = "; ".join(f"{symptom} {intensity} ({(at - r.visit.at).total_seconds() / 3600:.0f} h after)"
                         for at, symptom, intensity in r.reactions) or "none logged"
        table.append([f"V{i}  {when(data, r.visit.at, year=False)}", said])
    doc.table([Column("Visit", 1.6), Column("Reactions (0-10, hours after the visit)", doc.width - 1.6)], table,
              size=7.5)
    if symptoms:
        counts = ", ".join(f"{name} {n}" for name, n in symptoms.most_common())
        doc.paragraph(f"In all: {counts} (as the patient logged them).", size=7.5)


def measures_part(doc: Document, data: ReportData, answer: Answer, number: int) -> None:
    m = data.measures
    nothing = not (m.pgic or m.peg or m.medication or data.episodes or measures.reactions_by_visit(data)[0])
    doc.part(f"{number}. Measures beside the counts", short=nothing)
    _pgic(doc, data)
    _peg(doc, data, answer)
    _medication(doc, data, answer)
    _nights(doc, data)
    _reactions(doc, data)
