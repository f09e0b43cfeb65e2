"""Page 1, the answer: is it better than before care began, by how much, how sure.

Readable in 30 seconds by the clinician and by the patient: who and when, data quality,
a table of this month, the previous month and the baseline with the change and its 95%
interval, each change in plain words, the 50% responder statement, the 12-month trend,
flags in words, and one sentence on natural course and regression to the mean.
"""

from __future__ import annotations

from . import baseline as b
from . import charts, visits
from .analysis import Summary, summary
from .baseline import Answer, Change, Column, Comparison
from .data import ReportData, day_label
from .layout import Column as Col
from .layout import Document
from .timeline import DAY
from .words import (
    NO_VALUE,
    TOO_LITTLE,
    end_words,
    fmt_delay,
    fmt_interval,
    fmt_pct,
    fmt_ratio,
    fmt_signed,
    interval_words,
    plural,
    points_interval_words,
    points_words,
    ratio_words,
    share_words,
)

NAMES = {
    "spasm_days": "Spasm days per 28 observed days",
    "moderate_days": "Moderate-or-severe spasm days (day's worst 4+) per 28 observed days",
    "episodes": "Episodes per observed day",
    "intensity": "Mean of each spasm day's worst intensity (0-10)",
    "medication_days": "Acute-medication days per 28 observed days",
    "peg": "Mean weekly PEG score (0-10)",
}
SHORT = {"spasm_days": "Spasm days", "moderate_days": "Moderate-or-severe spasm days", "episodes": "Episodes",
         "intensity": "Intensity (each spasm day's worst)", "medication_days": "Acute medication",
         "peg": "PEG"}
NOUNS = {"spasm_days": "spasm days", "moderate_days": "moderate-or-severe spasm days", "episodes": "episodes",
         "medication_days": "days with acute medication"}
NATURAL_COURSE = (
    "A change in one patient over time can reflect the natural course of spasms and back pain, or regression to "
    "the mean (care often begins when symptoms are at their worst, so later months tend to look better even "
    "without any effect); these figures describe this diary and do not show what caused a change.")
THIN = 2 / 3  # observed share of a column's days below which coverage is called thin


def reference_words(comparison: Comparison) -> str:
    if comparison.against == "baseline":
        return "before care began"
    return f"in {comparison.reference.label}"


RATES = ("spasm_days", "moderate_days", "episodes", "medication_days")  # per observed day or per 28 of them


def _value(column: Column, key: str) -> str:
    if key in RATES and column.observed < b.MIN_SIDE_DAYS:
        return NO_VALUE  # a rate of one or two days (or of a few hours of today) would read as a month's
    if key == "spasm_days":
        v = column.spasm_days_per_28
    elif key == "moderate_days":
        v = column.moderate_days_per_28
    elif key == "episodes":
        return NO_VALUE if column.per_day is None else f"{column.per_day:.2f}"
    elif key == "medication_days":
        v = column.medication_days_per_28
    elif key == "peg":
        v = column.mean_peg
    else:
        v = column.mean_worst
    return NO_VALUE if v is None else f"{v:.1f}"


def days_text(c: Column) -> str:
    """'1–30 Nov', '13 Oct–9 Nov', '30 Nov': the days a column covers (up to where the data stop)."""
    last = c.first + (c.days - 1) * DAY if c.days else c.last
    if last == c.first:
        return f"{c.first.day} {c.first:%b}"
    if (c.first.year, c.first.month) == (last.year, last.month):
        return f"{c.first.day}–{last.day} {last:%b}"
    return f"{c.first.day} {c.first:%b}–{last.day} {last:%b}"


def change_cell(c: Change) -> str:
    """The change as the table gives it: a ratio or a difference, and its 95% interval."""
    if c.too_little is not None:
        return "too little data"
    if c.key in b.DIFFERENCES:
        d = c.difference
        assert d is not None
        return f"{fmt_signed(d.difference)} points ({fmt_signed(d.low)} to {fmt_signed(d.high)})"
    r = c.ratio
    if r is None:
        return "none on either side"
    if r.estimate == float("inf"):
        return f"none before; at least {fmt_ratio(r.low)} times"
    return f"{fmt_ratio(r.estimate)} ({fmt_interval(r.low, r.high)})"


def change_line(c: Change, comparison: Comparison) -> str:
    """One measure's change in plain words, with what it means for the claim."""
    name = SHORT[c.key]
    if c.too_little is not None:
        return f"{name}: {TOO_LITTLE} ({c.too_little})."
    ref = reference_words(comparison)
    if c.key in b.DIFFERENCES:
        d = c.difference
        assert d is not None
        same = points_words(d.difference) == "the same"
        text = f"{name}: {'the same as' if same else points_words(d.difference) + ' than'} {ref} on average; "
        text += points_interval_words(d.low, d.high)
    else:
        r = c.ratio
        if r is None:
            return f"{name}: none {ref} and none now."
        text = f"{name}: {ratio_words(r.estimate, NOUNS[c.key], ref)}; {interval_words(r.low, r.high)}"
    if c.called:
        if c.key == "peg":
            return text + " (no threshold of importance is cited for one patient's PEG)."
        if c.key == "intensity":
            if c.size_important:
                return text + ". This reaches the size patients rate as important (2 points or 30%)."
            far = c.difference
            assert far is not None
            if not b.important_size(max(abs(far.low), abs(far.high)), c.reference_mean):
                return text + ". This is smaller than the size patients rate as important (2 points or 30%)."
            return (text + ". The estimate is below the size patients rate as important (2 points or 30%), but "
                    "the interval does not rule a change of that size out.")
        return text + "."
    if c.held_back:
        keys = [k.key for k in comparison.changes]
        earlier = next((k for k in comparison.changes[:keys.index(c.key)] if not k.called), None) \
            if c.key in keys else None
        which = f"{SHORT[earlier.key].lower()} did not clearly change" if earlier is not None else \
            "an earlier line did not clearly change"
        return (text + f". On its own this would look like a real change, but {which}, and this page counts a "
                "change only when the lines above it changed too, to keep chance findings out (see \"How the "
                "numbers are made\").")
    return text + ": this could be chance."


def responder_line(comparison: Comparison | None) -> str:
    """The 50% responder statement of headache-prevention trials: spasm days at least halved against the baseline."""
    rule = "a 50% responder as headache-prevention trials count it (spasm days at least halved against the baseline)"
    if comparison is None or comparison.against != "baseline":
        return f"Whether this is {rule}: not assessed without a usable baseline."
    c = comparison.change("spasm_days")
    if c.too_little is not None or c.ratio is None:
        return f"Whether this is {rule}: {TOO_LITTLE}."
    r = c.ratio
    ratio = f"ratio {fmt_ratio(r.estimate)}, 95% interval {fmt_interval(r.low, r.high)}"
    if r.estimate <= b.RESPONDER:
        fell = f"Spasm days fell by {share_words(1 - r.estimate)} against the baseline ({ratio})"
        if c.called and r.high <= b.RESPONDER:
            return f"{fell}: {rule}, and the whole interval lies at half or fewer."
        if c.called:
            return f"{fell}: {rule} by the estimate, though the interval also allows a fall of less than half."
        return f"{fell}, but this could be chance, so it does not show {rule}."
    if r.estimate < 1:
        said = f"Spasm days fell by {share_words(1 - r.estimate)} against the baseline ({ratio}): less than half"
    else:
        said = f"Spasm days did not fall against the baseline ({end_words(r.estimate)}; {ratio})"
    if r.low > b.RESPONDER:
        return f"{said}; the whole interval lies above half, so not {rule}."
    return (f"{said}, so not {rule} by the estimate, though the interval reaches a fall of half or more and "
            "does not rule it out.")


def flags(data: ReportData, answer: Answer) -> list[str]:
    """Reactions after visits, flares before visits, visits close together, thin coverage."""
    out = []
    for name, pooled, what in (("Reaction after visits", visits.reaction(data), "in the first 24 h after a visit"),
                               ("Flare before visits", visits.flare(data), "in the 3 days before a visit")):
        if pooled.flagged:
            assert pooled.ratio is not None
            r = pooled.ratio
            out.append(f"{name}: episodes came {fmt_ratio(r.estimate)} times as often {what} as on other days of "
                       f"care (95% interval {fmt_interval(r.low, r.high)}; {plural(pooled.visits, 'visit')} from "
                       f"{day_label(pooled.first)} to {day_label(pooled.last)}).")
    for v in visits.close_visits(data):
        times = [a.at.astimezone(data.tz) for a in v.adjustments]
        gap = (times[-1] - times[0]).total_seconds() / 3600
        said = [f"{t.day} {t:%b %H:%M}" for t in times]
        if len(said) == 2:
            out.append(f"Visits close together: {said[0]} and {said[1]}, {gap:.0f} h apart, counted as one; is one "
                       "a duplicate?")
        else:
            out.append(f"Visits close together: {', '.join(said[:-1])} and {said[-1]}, within {gap:.0f} h, counted "
                       "as one; are some duplicates?")
    for column in (answer.this, answer.previous, answer.baseline):
        if column is not None and column.days and column.observed < THIN * column.days:
            name = "the baseline" if column.label == "Baseline" else column.label
            seen = f"{column.observed} of {column.days} days observed" if column.observed else "no day observed"
            out.append(f"Thin coverage: {seen} in {name}.")
    return out


def _header(doc: Document, data: ReportData, s: Summary, answer: Answer) -> None:
    doc.space(0.05)
    doc.paragraph(f"Spasm diary: {data.label}", size=16, bold=True, after=0.06)
    who = [f"Patient: {data.profile.name}"] if data.profile.name else []
    if data.profile.clinician:
        who.append(f"Clinician: {data.profile.clinician}")
    days = day_label(data.period.first)
    if data.period.last != data.period.first:
        days += f" to {day_label(data.period.last)}"
    period = f"Period: {days} ({plural(s.days, 'day')})"
    if data.period != data.requested:
        period += f"; the requested period runs to {day_label(data.requested.last)}, which has not ended yet"
    made = data.made_at.astimezone(data.tz)
    lines = [". ".join([*who, period]) + f". Made {day_label(made.date())} {made:%H:%M}; times are local "
             f"({data.tz.key})."]
    if answer.care_began is not None:
        source = "set in the profile" if answer.care_source == "profile" else "the first adjustment in the diary"
        began = f"Care began {day_label(answer.care_began)} ({source})"
        if answer.baseline is not None:
            began += (f"; the baseline is the 28 days before it, {day_label(answer.baseline.first)} to "
                      f"{day_label(answer.baseline.last)}")
        lines.append(began + ".")
    for line in lines:
        doc.paragraph(line, size=8, after=0.0)
    doc.space(0.04)
    kinds = [plural(s.spasm_days, "with spasms", "with spasms"), f"{s.quiet_days} marked quiet"]
    if (other := s.observed_days - s.spasm_days - s.quiet_days) > 0:
        kinds.append(f"{other} with other entries")
    quality = (f"Data quality: {s.observed_days} of {s.days} days observed ({fmt_pct(s.observed_days, s.days)}: "
               f"{', '.join(kinds)}); {data.observed_rule}.")
    if s.episodes:
        quality += (f" Logging delay: median {fmt_delay(s.median_delay)}; {s.late} of {plural(s.episodes, 'spasm')} "
                    f"({fmt_pct(s.late, s.episodes)}) logged a day or more after it started.")
    if data.in_progress is not None:
        quality += (f" {day_label(data.in_progress.day)} was still in progress when this report was made: it "
                    f"counts by the part that had passed ({data.in_progress_share:.2f} of a day).")
    doc.paragraph(quality, size=7.5)


def shown_measures(data: ReportData, answer: Answer) -> list[str]:
    """The rows page 1 shows: the four spasm measures, and medication and the PEG when the
    diary has any (a measure never logged is not a zero)."""
    keys = [k for k in b.ORDER if k not in ("medication_days", "peg")]
    if data.measures.medication:
        keys.append("medication_days")
    if data.measures.peg:
        keys.append("peg")
    return keys


def dash_note(columns: list[Column], keys: list[str]) -> str | None:
    """What a dash in page 1's table means, for the reasons that put one there."""
    reasons = []
    if any(c.observed == 0 for c in columns):
        reasons.append("no observed day")
    if any(0 < c.observed < b.MIN_SIDE_DAYS for c in columns):
        reasons.append(f"a rate needs at least {b.MIN_SIDE_DAYS} observed days")
    if any(c.observed and not c.worst for c in columns):
        reasons.append("no spasm day, so no worst intensity")
    if "peg" in keys and any(c.observed and not c.peg for c in columns):
        reasons.append("no PEG answered")
    if not reasons:
        return None
    return f"{NO_VALUE}: no value ({'; '.join(reasons)})."


def _table(doc: Document, data: ReportData, answer: Answer) -> None:
    columns = [c for c in (answer.baseline, answer.previous, answer.this) if c is not None]
    if all(c.observed == 0 and not c.peg for c in columns):
        names = [("the baseline" if c is answer.baseline else c.label) for c in columns]
        listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
        doc.paragraph(f"No day of {listed} was observed (no spasm logged and no day marked quiet): there is "
                      "nothing to count or compare.", size=8.5)
        return
    comparison = answer.comparison
    if comparison is not None and comparison.too_little:
        comparison = None  # the line under the table says why: no column of "too little data"
    changes = {c.key: c for c in comparison.changes} if comparison is not None else {}
    heads = []
    for c in columns:
        head = c.label
        if c is answer.baseline and not answer.baseline_usable:
            head += " (not usable)"
        heads.append(head)
    against = ""
    if comparison is not None:
        against = "baseline" if comparison.against == "baseline" else comparison.reference.label
    value_w = 0.85
    change_w = 1.6 if comparison is not None else 0.0
    label_w = doc.width - value_w * len(columns) - change_w
    cols = [Col("", label_w)] + [Col(h, value_w, "right") for h in heads]
    if comparison is not None:
        cols.append(Col(f"Change against {against} (95% interval)", change_w, "right"))
    rows = [["Days"] + [days_text(c) for c in columns],
            ["Observed days"] + [f"{c.observed} of {c.days}" for c in columns]]
    if comparison is not None:
        rows[0].append("")
        rows[1].append("")
    for key in shown_measures(data, answer):
        row = [NAMES[key]] + [_value(c, key) for c in columns]
        if comparison is not None:
            row.append(change_cell(changes[key]))
        rows.append(row)
    doc.table(cols, rows, size=7.5, keep_last=0, pad=0.03)
    if any(NO_VALUE in cell for row in rows[2:] for cell in row[1:len(columns) + 1]):
        note = dash_note(columns, shown_measures(data, answer))
        if note:
            doc.paragraph(note, size=7, after=0.03)


def answer_page(doc: Document, data: ReportData) -> Answer:
    """Lay out page 1; return its answer (the later pages refer to it)."""
    s = summary(data)
    answer = b.answer(data)
    _header(doc, data, s, answer)
    comparison = answer.comparison
    if comparison is None:
        title = f"{data.label}: no comparison"
    elif comparison.against == "baseline":
        title = f"{answer.this.label} against the 28 days before care began"
    else:
        title = f"{answer.this.label} against {comparison.reference.label}"
    doc.subheading(title, size=10.5, keep=2.0)
    if answer.why_not_baseline:
        instead = ""
        if comparison is not None:
            what, verb = ("this month", "is") if data.requested.is_month() else ("the period", "is")
            if answer.this.first > data.period.first:  # care began inside it
                what, verb = f"its days from care began on ({days_text(answer.this)})", "are"
            before = ("the previous month" if data.requested.is_month() else
                      f"the {plural(data.requested.n_days, 'day')} before the period")
            instead = f"; so {what} {verb} compared with {before}"
        doc.paragraph(f"No usable baseline: {answer.why_not_baseline}{instead}.", size=8.5, bold=True)
    _table(doc, data, answer)
    if comparison is not None:
        if comparison.too_little:
            doc.paragraph(f"The change: {TOO_LITTLE} ({comparison.too_little}).", size=8.5, bold=True)
        else:
            for key in shown_measures(data, answer):
                doc.paragraph("\u2022 " + change_line(comparison.change(key), comparison), size=8, after=0.015)
        doc.space(0.04)
    doc.paragraph(responder_line(comparison), size=8, bold=True)

    band = b.baseline_band(answer)
    months = b.trend(data, [v.at for v in visits.group_visits(data.adjustments)])
    doc.subheading(f"The last {plural(len(months), 'month')}: spasm days per 28 observed days", keep=2.3)
    doc.chart(2.2, lambda fig, rect: charts.trend_chart(fig, rect, data, months, band, doc.width))

    doc.subheading("Flags", size=9, keep=0.5)
    found = flags(data, answer)
    if found:
        for line in found:
            doc.paragraph("\u2022 " + line, size=8, after=0.02)
    else:
        doc.paragraph("No flags: no reaction after visits or flare before them stood out, no visits were close "
                      "together, and coverage was not thin.", size=8)
    doc.space(0.04)
    doc.paragraph(NATURAL_COURSE, size=7.5)
    return answer
