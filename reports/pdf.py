"""The clinician's PDF: the five parts of DESIGN section 5 and the method note.

`write_report` lays out the numbers of reports/analysis.py with reports/layout.py and
the charts of reports/figures.py. Wording is careful on purpose: counts and rates are
described, never causes, and "too little data to compare" stands where a number would
claim more than the data carry.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from diary import __version__
from diary.reports import analysis, figures, stats
from diary.reports.analysis import Comparison, Side
from diary.reports.data import ReportData, day_label
from diary.reports.layout import Column, Document, drawable, report_style
from diary.reports.reference import Targets

TOO_LITTLE = "too little data to compare"
NO_RATE = "\u2013"  # an en dash: no rate is shown (no observed days, or too few for a comparison)
NOTE_CHARS = 400  # of a note shown in the episode list; the full note is in `diary list`
NOTE_MORE = "\u2026 (full note: diary list)"


# --- number formats (tests format their independent numbers with these too) ----------------


def fmt_rate(x: float | None) -> str:
    return NO_RATE if x is None else f"{x:.2f}"


def side_rate(side: Side | None) -> str:
    """A before/after side's rate, or a dash when the side has fewer observed days than a
    comparison needs: next to "too little data to compare" a rate would claim too much."""
    if side is None or not side.enough_days:
        return NO_RATE
    return fmt_rate(side.rate)


def shown_note(note: str | None) -> str:
    """A note as the episode list shows it: its lines joined with " / ", control characters
    dropped, and at most NOTE_CHARS characters (cut at a word) then a pointer to the full note."""
    if not note:
        return ""
    # A tab, a no-break space or a stray control character is a space here; a zero-width
    # joiner stays (it holds an emoji sequence together).
    lines = ["".join(c if c.isprintable() or c == "\u200d" else " " for c in line) for line in note.splitlines()]
    text = " / ".join(" ".join(line.split()) for line in lines if line.strip())
    if len(text) <= NOTE_CHARS:
        return text
    cut = text[:NOTE_CHARS]
    space = cut.rfind(" ")
    if space > NOTE_CHARS * 0.8:
        cut = cut[:space]
    return cut.rstrip(" /") + " " + NOTE_MORE


def fmt_ratio(x: float) -> str:
    return "infinite" if math.isinf(x) else f"{x:.2f}"


def fmt_ci(rr: stats.RateRatio) -> str:
    high = "infinity" if math.isinf(rr.high) else f"{rr.high:.2f}"
    return f"95% CI {rr.low:.2f} to {high}"


def fmt_rr(rr: stats.RateRatio) -> str:
    if math.isinf(rr.estimate):
        return f"not finite (no episodes before; {fmt_ci(rr)})"
    return f"{fmt_ratio(rr.estimate)} ({fmt_ci(rr)})"


def fmt_p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def fmt_num(x: float | None, digits: int = 1) -> str:
    """A median or mean: whole numbers without decimals, else `digits` decimals."""
    if x is None:
        return "-"
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.{digits}f}"


def fmt_days(x: float) -> str:
    return f"{x:.1f}"


def fmt_delay(d: dt.timedelta | None) -> str:
    if d is None:
        return "-"
    s = d.total_seconds()
    if s < 60:
        return f"{s:.0f} s"
    if s < 3600:
        return f"{s / 60:.0f} min"
    if s < 86400 * 2:
        return f"{s / 3600:.1f} h"
    return f"{s / 86400:.1f} days"


def fmt_pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def fmt_duration(seconds: object) -> str:
    if seconds is None or (isinstance(seconds, float) and math.isnan(seconds)):
        return "unknown"
    s = int(seconds)  # type: ignore[call-overload]
    if s < 60:
        return f"{s} s"
    m, r = divmod(s, 60)
    return f"{m} min" + (f" {r} s" if r else "") if m < 60 else f"{m // 60} h {m % 60} min"


@dataclass(frozen=True)
class Written:
    path: str
    pages: int


# --- the document ---------------------------------------------------------------------------


def write_report(data: ReportData, targets: Targets, path: str, *, creation: dt.datetime | None = None) -> Written:
    """Lay out the whole report for `data` and write it to `path`.

    The page says it was made at `data.made_at`, the moment its data are cut at (one clock
    for both); `creation` is only the PDF's CreationDate metadata (SOURCE_DATE_EPOCH, for
    reproducible files), `data.made_at` when not given."""
    with report_style():
        local_made = data.made_at.astimezone(data.tz)
        who = data.profile.name
        header = "Spasm diary" + (f": {who}" if who else "") + f" - {data.period.label()}"
        footer = (f"Made {day_label(local_made.date())} with diary {__version__}. Times are local ({data.tz.key}). "
                  "Descriptive statistics of one patient's diary: not a diagnosis.")
        doc = Document(header, footer)
        _summary(doc, data)
        comps = analysis.comparisons(data)
        _comparisons(doc, data, comps)
        _intake(doc, data, targets)
        _where_and_why(doc, data)
        _episode_list(doc, data)
        metadata = {
            "Title": f"Spasm diary report, {data.period.label()}" + (f", {who}" if who else ""),
            "Author": who or "diary (patient not named)",
            "Subject": "Spasms before and after chiropractic adjustments; fluid and electrolytes",
            "Creator": f"diary {__version__}",
            "CreationDate": creation or data.made_at,
        }
        pages = doc.save(path, metadata)
    return Written(path, pages)


def _when(data: ReportData, instant: dt.datetime, *, weekday: bool = True, year: bool = True) -> str:
    local = instant.astimezone(data.tz)
    text = f"{local:%a} " if weekday else ""
    text += f"{local.day} {local:%b}"
    if year:
        text += f" {local.year}"
    return text + f" {local:%H:%M}"


# --- 1. summary -------------------------------------------------------------------------------


def _summary(doc: Document, data: ReportData) -> None:
    s = analysis.summary(data)
    doc.space(0.1)
    doc.paragraph(f"Spasm diary: {data.period.label()}", size=17, bold=True, after=0.08)
    lines = []
    if data.profile.name:
        lines.append(f"Patient: {data.profile.name}")
    if data.profile.clinician:
        lines.append(f"Clinician: {data.profile.clinician}")
    period = f"Period: {day_label(data.period.first)} to {day_label(data.period.last)} ({s.days} days)"
    if data.period != data.requested:
        period += f"; the requested period runs to {day_label(data.requested.last)}, which has not ended yet"
    lines.append(period)
    made = data.made_at.astimezone(data.tz)
    lines.append(f"Made: {day_label(made.date())} {made:%H:%M}. Times are local ({data.tz.key}).")
    for line in lines:
        doc.paragraph(line, size=9.5, after=0.0)
    doc.space(0.05)

    doc.subheading("Data quality")
    doc.paragraph(
        f"Observed days: {s.observed_days} of {s.days} ({fmt_pct(s.observed_days, s.days)}). "
        f"Rule: {data.observed_rule}. Rates below are per observed day."
    )
    if data.in_progress is not None:
        doc.paragraph(in_progress_text(data), bold=True)
    if s.episodes:
        doc.paragraph(
            f"Logging delay (time from a spasm's start to its entry): median {fmt_delay(s.median_delay)}; "
            f"{s.late} of {s.episodes} episodes ({fmt_pct(s.late, s.episodes)}) were logged a day or more later."
        )
    doc.subheading("Spasms")
    if s.episodes:
        minutes = f"{s.known_minutes:,.0f}"
        if s.unknown_durations:
            minutes += (f" (known durations only: {s.unknown_durations} of {s.episodes} episodes have no duration, "
                        "which is unknown, not zero)")
        rows = [
            ["Episodes", str(s.episodes)],
            ["Episodes per observed day", per_day_text(data, s)],
            ["Median intensity (0-10)", fmt_num(s.median_intensity)],
            ["Mean intensity (0-10)", f"{s.mean_intensity:.1f}" if s.mean_intensity is not None else "-"],
            ["Total minutes", minutes],
            ["Quiet days (marked spasm-free)", str(s.quiet_days)],
        ]
    else:
        rows = [
            ["Episodes", "0" if s.observed_days else "0 (and no day was observed: no data, not spasm-free)"],
            ["Quiet days (marked spasm-free)", str(s.quiet_days)],
        ]
    doc.table([Column("", 2.3), Column("", doc.width - 2.3)], rows, size=8.5, zebra=False)

    doc.subheading(f"Adjustments in the period: {len(data.adjustments)}")
    if data.adjustments:
        for k, adj in enumerate(data.adjustments, 1):
            bits = [f"A{k}  {_when(data, adj.at)}"]
            bits += [b for b in (adj.provider, adj.region and f"region {adj.region}") if b]
            doc.paragraph(", ".join(bits) + (f". {adj.note}" if adj.note else ""), after=0.0)
        doc.space(0.05)
    else:
        doc.paragraph("No adjustment was logged in the period.")

    doc.subheading("The month at a glance", keep=3.8)
    doc.chart(3.75, lambda fig, rect: figures.timeline(fig, rect, data, doc.width))


def in_progress_text(data: ReportData) -> str:
    """What the page says about a period that reaches the day the report is made on."""
    day = data.in_progress
    assert day is not None
    until = data.made_at.astimezone(data.tz)
    if day.observed:
        counted = (f"in every rate per observed day it counts as {data.in_progress_share:.2f} of a day (the part "
                   "that had passed)")
    else:
        counted = "nothing on it makes it an observed day yet, so it adds nothing to the rates"
    return (f"{day_label(day.day)} was still in progress when this report was made (at {until:%H:%M}): {counted}, "
            "and it is left out of the fluid and electrolyte targets, since its intake is not all logged yet.")


def per_day_text(data: ReportData, s: analysis.Summary) -> str:
    if s.per_observed_day is None:
        return "not defined (no observed days)"
    text = fmt_rate(s.per_observed_day)
    if data.in_progress is not None and data.in_progress.observed:
        text += f" ({s.episodes} over {s.observed_exposure:.2f} observed days, today counted by its elapsed part)"
    return text


# --- 2. before and after each adjustment ---------------------------------------------------------


def _rr_text(rr: stats.RateRatio | None, why: str | None) -> str:
    if why is not None or rr is None:
        return f"{TOO_LITTLE} ({why or 'no estimate'})"
    return fmt_rr(rr)


def _intensity_text(c: Comparison) -> str:
    i = c.intensity
    if i.difference is None:
        need = stats.MIN_EPISODES_FOR_INTENSITY
        return (f"Intensity: {TOO_LITTLE} (the test needs {need} episodes on each side; "
                f"{i.n_before} before, {i.n_after} after).")
    assert i.p_value is not None and i.median_before is not None and i.median_after is not None
    rel = f", {i.relative * 100:+.0f}%" if i.relative is not None else ""
    text = (f"Intensity: median {fmt_num(i.median_before)} before, {fmt_num(i.median_after)} after; "
            f"difference {i.difference:+.1f} points{rel}; Mann-Whitney {fmt_p(i.p_value)}. ")
    if i.clinically_important:
        direction = "lower" if i.difference < 0 else "higher"
        text += (f"CLINICALLY IMPORTANT: {direction} by at least 2 points or 30% "
                 "(Farrar et al. 2001; IMMPACT).")
    else:
        text += "Smaller than the clinically important difference (2 points or 30%)."
    return text


def _flare_text(c: Comparison) -> str:
    f = c.flare
    days = stats.FLARE_DAYS
    if not f.checkable:
        return (f"Flare before the visit: not checkable (fewer than {stats.FLARE_MIN_OBSERVED_DAYS:g} observed days "
                f"in the last {days} days, or too few observed days in the period).")
    assert f.rate is not None and f.usual_rate is not None and f.p_value is not None
    if f.flagged:
        return (f"FLARE BEFORE THE VISIT: {fmt_rate(f.rate)} episodes per observed day in the last {days} days against "
                f"{fmt_rate(f.usual_rate)} usually ({fmt_p(f.p_value)}). Part of any improvement after it may be "
                "regression to the mean.")
    return (f"Flare before the visit: no ({fmt_rate(f.rate)} per observed day in the last {days} days, "
            f"{fmt_rate(f.usual_rate)} usually).")


def _side_cells(data: ReportData, side: Side | None) -> list[str]:
    if side is None:
        return ["-", "-", "-", NO_RATE, "-"]
    length = (side.end - side.start).total_seconds() / 86400
    med = stats.median(side.intensities)
    return [
        f"{_when(data, side.start, weekday=False, year=False)} to {_when(data, side.end, weekday=False, year=False)}",
        f"{fmt_days(side.observed_days)} of {fmt_days(length)}",
        str(side.episodes),
        side_rate(side),
        f"{fmt_num(med)} (n={len(side.intensities)})" if side.intensities else "-",
    ]


def _comparisons(doc: Document, data: ReportData, comps: list[Comparison]) -> None:
    doc.new_page()
    doc.heading("2. Before and after each adjustment")
    w = data.window_days
    doc.paragraph(
        f"Windows: {w} days ({w} x 24 h) before and after each adjustment, cut at the neighbouring adjustment "
        f"and at the time this report was made. Rates are episodes per observed day; a day partly inside a window "
        f"counts by the part inside. Rate ratio = rate after / rate before, with an exact 95% confidence interval. "
        f"\"{TOO_LITTLE.capitalize()}\" stands where a side has fewer than {stats.MIN_OBSERVED_DAYS:g} observed days "
        f"or neither side has an episode; a side with fewer than {stats.MIN_OBSERVED_DAYS:g} observed days shows no "
        f"rate ({NO_RATE})."
    )
    if not comps:
        doc.paragraph("No adjustment was logged in this period, so there is nothing to compare before and after.",
                      bold=True)
        _method(doc, data)
        return

    rows = []
    for c in comps:
        rr = "too little data" if c.too_little or c.rate_ratio is None else (
            f"{fmt_ratio(c.rate_ratio.estimate)} ({c.rate_ratio.low:.2f} to "
            f"{'inf.' if math.isinf(c.rate_ratio.high) else f'{c.rate_ratio.high:.2f}'})")
        i = c.intensity
        inten = f"{fmt_num(i.median_before)} / {fmt_num(i.median_after)}"
        if i.clinically_important:
            inten += " *"
        flags = []
        if c.flare.flagged:
            flags.append("flare before")
        if c.reaction_episodes:
            flags.append(f"{c.reaction_episodes} in first 24 h")
        rows.append([f"A{c.number}", _when(data, c.adjustment.at, year=False), side_rate(c.before),
                     side_rate(c.after), rr, inten, "; ".join(flags) or "-"])
    doc.subheading("Overview")
    doc.table(
        [Column("", 0.35), Column("Adjustment", 1.15), Column("Rate before", 0.7, "right"),
         Column("Rate after", 0.7, "right"), Column("Rate ratio (95% CI)", 1.45), Column("Median intensity before / after", 1.2),
         Column("Notes", doc.width - 5.55)],
        rows, size=7.5,
    )
    doc.paragraph("* a change of at least 2 points or 30% on the 0-10 scale: the clinically important difference "
                  "(Farrar et al. 2001; IMMPACT).", size=7, after=0.1)
    _method(doc, data)

    for c in comps:
        adj = c.adjustment
        title = f"A{c.number}  {_when(data, adj.at)}"
        title += "".join(f", {b}" for b in (adj.provider, adj.region and f"region {adj.region}") if b)
        doc.subheading(title, keep=2.2)
        rows = [
            [label, b, a, l]
            for label, b, a, l in zip(
                ["Window", "Observed days", "Episodes", "Episodes per observed day", "Median intensity"],
                _side_cells(data, c.before), _side_cells(data, c.after), _side_cells(data, c.after_without_reaction),
            )
        ]
        doc.table([Column("", 1.55), Column("Before", 1.8), Column("After", 1.8),
                   Column("After, without the first 24 h", doc.width - 5.15)], rows, size=7.5,
                  bold_first_column=True)
        doc.paragraph(f"Rate ratio after/before: {_rr_text(c.rate_ratio, c.too_little)}.", bold=True, after=0.02)
        doc.paragraph(
            f"Reaction window: {c.reaction_episodes} episode{'s' if c.reaction_episodes != 1 else ''} in the first 24 h "
            f"after the adjustment ({fmt_days(c.reaction_observed_days)} observed days). Without them, rate ratio: "
            f"{_rr_text(c.rate_ratio_without_reaction, c.too_little_without_reaction)}.", after=0.02)
        doc.paragraph(_intensity_text(c), after=0.02)
        doc.paragraph(_flare_text(c), after=0.06)

    pooled = analysis.pooled(data)
    start, end = analysis.period_bounds(data)
    t = data.exposure(start, end)
    usual = data.count(start, end) / t if t > 0 else None
    doc.subheading("All adjustments together: episodes by day since the adjustment", keep=2.6)
    doc.chart(2.35, lambda fig, rect: figures.pooled_chart(fig, rect, pooled, usual, doc.width))
    doc.paragraph("Each bar pools every adjustment of the period: episodes on day k after an adjustment (k x 24 h "
                  "to (k+1) x 24 h), divided by the observed days there (the numbers under the bars), up to the next "
                  "adjustment. Bars over fewer than 1 observed day are not drawn.", size=7.5)


def _method(doc: Document, data: ReportData) -> None:
    doc.subheading("Method", size=8.5, keep=1.4)
    doc.paragraph(
        f"Observed days: {data.observed_rule}. Rate ratio: exact conditional binomial interval (given the total "
        "count, the after-count is binomial; Clopper-Pearson limits converted with the observed days of each side); "
        "it assumes episodes come independently of each other, so when they cluster the real uncertainty is larger. "
        f"Intensity: medians; difference and two-sided Mann-Whitney U test (normal approximation with tie and "
        f"continuity correction) only when each side has at least {stats.MIN_EPISODES_FOR_INTENSITY} episodes; "
        "p-values are not adjusted for comparing several adjustments. "
        f"Clinically important difference: 2 points or 30% on the 0-10 scale (Farrar et al. 2001; IMMPACT). "
        f"Reaction window: the first 24 h after an adjustment, when about half of patients have a short-lived "
        f"reaction; the rate ratio is repeated without it. Flare before the visit: the last {stats.FLARE_DAYS} days "
        f"before an adjustment (at least {stats.FLARE_MIN_OBSERVED_DAYS:g} observed) with at least "
        f"{stats.FLARE_MIN_EPISODES} episodes, a rate at least {stats.FLARE_MIN_RATIO:g} times the period's rate "
        f"without those days, and a one-sided Poisson p below {stats.FLARE_MAX_P:g}. "
        "A before/after difference in one patient can reflect the natural course of the condition or regression to "
        "the mean (visits are booked when it is worst), not only the adjustment; these numbers describe this diary "
        "and do not show cause.", size=7,
    )


# --- 3. fluid and electrolytes ----------------------------------------------------------------------


def _intake(doc: Document, data: ReportData, targets: Targets) -> None:
    doc.new_page()
    doc.heading("3. Fluid and electrolytes against targets")
    daily = analysis.daily_intake(data)
    n_logged = len(daily)
    basis = f"Targets: Dietary Reference Intakes for {targets.basis}"
    if targets.assumed:
        basis += f" ({targets.assumed})"
    complete = len(data.complete_days())
    of_days = f"{complete} days" if data.in_progress is None else (
        f"{complete} complete days ({day_label(data.in_progress.day)}, still in progress, is left out)")
    doc.paragraph(
        f"{basis}. Intake was logged on {n_logged} of {of_days}; a day with no intake logged is left "
        "out (hatched), not counted as zero. Totals count only what was logged, so a day logged in part looks "
        "lower than it was; a total that includes foods with unknown values is a lower bound (open triangle)."
    )
    if n_logged == 0:
        doc.paragraph("No intake was logged in this period.", bold=True)
    else:
        doc.chart(figures.intake_height(targets.nutrients), lambda fig, rect: figures.intake_panels(fig, rect, data, daily, targets.nutrients,
                                                                 doc.width))
    counts = analysis.target_counts(daily, targets.nutrients)
    rows = []
    for c in counts:
        t = c.target
        unit = t.unit
        goal = f"{t.goal:,.0f} {unit} ({t.goal_kind})" if t.goal is not None else "none"
        upper = "-"
        if t.upper is not None:
            scope = " for supplements" if t.upper_scope == "supplements" else ""
            upper = f"{c.above_upper} above {t.upper:,.0f} mg ({t.upper_kind}{scope})"
        if c.median is None:
            median = "- (0 days)"
        else:
            median = f"{c.median:,.0f} ({c.complete_days} day{'s' if c.complete_days != 1 else ''})"
        rows.append([t.label, goal, str(c.days_logged), median,
                     str(c.below) if t.goal is not None else "-", str(c.unclassified) if t.goal is not None else "-",
                     upper])
    doc.subheading("Days below target", keep=1.2)
    doc.table(
        [Column("Nutrient", 1.05), Column("Daily goal", 0.95), Column("Days logged", 0.5, "right"),
         Column("Median day (complete days)", 0.95, "right"), Column("Days below goal", 0.45, "right"),
         Column("Below, with unknowns (not counted)", 0.9, "right"), Column("Upper line", doc.width - 4.8)],
        rows, size=7.5,
    )
    after = analysis.after_low_days(data, targets.nutrients)
    if after:
        doc.subheading("Episodes on the day after a low day (descriptive only)", keep=1.3)
        rows = []
        for r in after:
            rows.append([r.label, str(r.low_days), str(r.low_episodes),
                         fmt_rate(r.low_episodes / r.low_days) if r.low_days else NO_RATE,
                         str(r.other_days), str(r.other_episodes),
                         fmt_rate(r.other_episodes / r.other_days) if r.other_days else NO_RATE])
        doc.table([Column("Previous day's", 1.0), Column("Days after a day below goal", 1.0, "right"),
                   Column("Episodes", 0.65, "right"), Column("Per day", 0.6, "right"),
                   Column("Days after a day at or above goal", 1.15, "right"), Column("Episodes", 0.65, "right"),
                   Column("Per day", 0.6, "right")], rows, size=7.5)
        unknown = after[0].unknown_days
        today = "" if data.in_progress is None else " The day still in progress is not counted."
        doc.paragraph(
            f"Observed days whose previous day had no intake logged, or foods with unknown values, are left out "
            f"({unknown} days for fluid).{today} This compares days in one diary; it does not show that intake "
            "raised or lowered the number of spasms, since such days can differ in many other ways.", size=7.5)
    doc.subheading("About the targets", size=8.5, keep=0.7)
    notes = [f"{t.label.split(' (')[0]}: {t.caveat}" for t in targets.nutrients if t.caveat]
    sources = "; ".join(f"{t.label.split(' (')[0]} {t.source}" for t in targets.nutrients)
    doc.paragraph(" ".join(notes) + (f" {targets.caveat}" if targets.caveat else "") + f" Sources: {sources}.",
                  size=7)


# --- 4. where and why ---------------------------------------------------------------------------------


def _where_and_why(doc: Document, data: ReportData) -> None:
    doc.new_page()
    doc.heading("4. Where and why")
    sites, sides, counts, medians = analysis.by_site_side(data)
    if not sites:
        doc.paragraph("No episodes in this period.", bold=True)
        return
    doc.subheading("By body site and side", keep=2.5)
    height = 0.85 + 0.24 * len(sites)
    doc.chart(height, lambda fig, rect: figures.site_chart(fig, rect, sites, sides, counts, doc.width, height))
    side_w = min(0.75, (doc.width - 2.6) / max(len(sides), 1))
    columns = [Column("Site", 1.1)] + [Column(s, side_w, "right") for s in sides] + [
        Column("Total", 0.6, "right"), Column("Median intensity", 0.9, "right")]
    rows = []
    for site in sites:
        row = [site] + [str(counts.get((site, s), 0) or "-") for s in sides]
        row += [str(sum(counts.get((site, s), 0) for s in sides)), fmt_num(medians[site])]
        rows.append(row)
    doc.table(columns, rows, size=7.5)
    doc.subheading("By trigger", keep=1.0)
    trig = analysis.by_trigger(data)
    total = sum(counts.values())
    doc.table([Column("Trigger", 1.8), Column("Episodes", 0.8, "right"), Column("Share of episodes", 1.0, "right"),
               Column("Median intensity", 1.0, "right")],
              [[name, str(n), fmt_pct(n, total), fmt_num(med)] for name, n, med in trig], size=7.5)
    doc.paragraph("An episode can have several triggers, so the shares can add up to more than 100%.", size=7)


# --- 5. episode list ----------------------------------------------------------------------------------


def _episode_list(doc: Document, data: ReportData) -> None:
    doc.new_page()
    doc.heading("5. Every episode of the period")
    start, end = analysis.period_bounds(data)
    eps = data.episode_rows(start, end)
    if not eps:
        doc.paragraph("No episodes in this period.", bold=True)
        return
    rows = []
    for r in eps:
        site = r.site or "-"
        if r.side:
            site += f" ({r.side})"
        note = shown_note(r.note)
        if r.relieved_by:
            note = f"Relieved by {r.relieved_by}." + (f" {note}" if note else "")
        rows.append([_when(data, r.started_at, year=False), str(r.intensity), fmt_duration(r.duration_s), site,
                     ", ".join(r.triggers) or "-", note or "-"])
    doc.table([Column("Started", 1.15), Column("Int.", 0.35, "right"), Column("Duration", 0.75),
               Column("Site (side)", 1.2), Column("Triggers", 1.1), Column("Note", doc.width - 4.55)],
              rows, size=7.5, pad=0.025)
    said = []
    if any(row[-1].endswith(NOTE_MORE) for row in rows):
        said.append(f"A note longer than {NOTE_CHARS} characters is cut where it says \"{NOTE_MORE}\"; "
                    "line breaks in a note show as \" / \".")
    if any(not drawable(c) for row in rows for cell in row for c in cell):
        said.append("Characters the report's font cannot draw (some scripts and emoji) show as boxes; they are "
                    "kept in the PDF's text, and diary list shows them.")
    if said:
        doc.paragraph(" ".join(said), size=7)
