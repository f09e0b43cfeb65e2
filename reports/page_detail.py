"""The detail: where and why, how the numbers are made (the method note), and every
episode of the period."""

from __future__ import annotations

from . import analysis, baseline, charts, figures, stats, visits
from .data import BASELINE_DAYS, POOLED_MONTHS, ReportData
from .layout import Column, Document, drawable
from .page_visits import when
from .words import NO_VALUE, fmt_duration, fmt_num, fmt_pct, plural

NOTE_CHARS = 400  # of a note shown in the episode list; the full note is in `diary list`
SHORT_LIST = 5  # episodes: a list this short follows the method note on its page
NOTE_MORE = "\u2026 (full note: diary list)"


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


def where_and_why(doc: Document, data: ReportData, number: int) -> None:
    doc.part(f"{number}. Where and why", short=len(data.episodes) <= SHORT_LIST)
    sites, sides, counts, medians = analysis.by_site_side(data)
    if not sites:
        doc.paragraph("No episodes in this period.", bold=True)
        return
    n = plural(len(data.episodes), "episode")
    doc.subheading("By body site and side", keep=2.5)
    if sites == ["not given"]:  # a chart of one empty bar would say nothing
        doc.paragraph(f"No body site was given for the {n} of this period.")
    else:
        _sites(doc, sites, sides, counts, medians)
    doc.subheading("By trigger", keep=1.0)
    triggers = analysis.by_trigger(data)
    if [name for name, _, _ in triggers] == ["none given"]:
        doc.paragraph(f"No trigger was given for the {n} of this period.")
        return
    total = sum(counts.values())
    doc.table([Column("Trigger", 1.8), Column("Episodes", 0.8, "right"), Column("Share of episodes", 1.0, "right"),
               Column("Median intensity", 1.0, "right")],
              [[name, str(k), fmt_pct(k, total), fmt_num(med)] for name, k, med in triggers], size=7.5)
    doc.paragraph("An episode can have several triggers, so the shares can add up to more than 100%.", size=7)


def _sites(doc: Document, sites: list[str], sides: list[str], counts: dict[tuple[str, str], int],
           medians: dict[str, float | None]) -> None:
    height = 0.85 + 0.24 * len(sites)
    doc.chart(height, lambda fig, rect: figures.site_chart(fig, rect, sites, sides, counts, doc.width, height))
    side_w = min(0.75, (doc.width - 2.6) / max(len(sides), 1))
    columns = [Column("Site", 1.1)] + [Column(s, side_w, "right") for s in sides] + [
        Column("Total", 0.6, "right"), Column("Median intensity", 0.9, "right")]
    rows = []
    for site in sites:
        row = [site] + [str(counts.get((site, s), 0) or NO_VALUE) for s in sides]
        row += [str(sum(counts.get((site, s), 0) for s in sides)), fmt_num(medians[site])]
        rows.append(row)
    doc.table(columns, rows, size=7.5)


METHOD = (
    "Days and observation. A day is a local calendar day ({tz}); {rule}. An unobserved day is never counted as a "
    "day without spasms. A report of a finished month uses no entry dated after it, so it stays the same whenever it "
    "is made; entries typed later about the month do change it (the logging delay on page 1 says how late they "
    "were).",
    "Baseline. Care began on the first adjustment in the diary, or the date set in the profile. The baseline is the "
    "{baseline} days before that day; with fewer than {min_baseline} of them observed it is not usable, and page 1 "
    "compares the month with the previous month instead.",
    "Measures. A spasm day has at least one episode; a moderate-or-severe spasm day has a worst intensity of 4 or "
    "more (bands 1-3 mild, 4-6 moderate, 7-10 severe); intensity is compared one value per day, the day's worst. "
    "No change is computed when a side has fewer than {min_days} observed days or both sides together fewer than "
    "{min_episodes} episodes, nor for intensity with fewer than {min_intensity} spasm days on a side: page 1 then "
    "says \"too little data to compare\".",
    "Intervals. Episodes per observed day: a quasi-Poisson regression of daily counts with the observed days as "
    "offset (Poisson GLM, Pearson scale of at least 1), widened by (1 + r)/(1 - r) for the lag-1 correlation r "
    "of neighbouring days (at most {max_r}; only with {pairs} or more neighbouring pairs to estimate it from), with "
    "a t quantile, and never narrower than the exact Poisson interval. "
    "In the chart by day since a visit a day has only as many windows as there were visits, too few to "
    "estimate a scale from: each day's interval is the exact Poisson interval widened by one dispersion "
    "estimated from the windows of all the days together (each around its own day's rate), never narrower than "
    "the exact one; an interval reaching past {off_chart:g} times the tallest bar runs off the chart, its upper "
    "end written beside it. "
    "Spasm days and moderate-or-severe days: the ratio of the two proportions with the Miettinen-Nurminen score "
    "interval; a month's spasm days per 28 observed days in the trend: the Clopper-Pearson interval. Intensity: the "
    "difference of the means of daily worst intensity, with the permutation interval (all reassignments of the days "
    "when they are at most {perms}, else {perms} random ones with a fixed seed). Runs of bad days that last longer "
    "than a day or two are only partly allowed for, so a change can look clearer than it is; the trend shows "
    "whether it lasts.",
    "Calling a change. With several measures compared, page 1 reads them in a fixed order, as trials read a primary "
    "outcome before the secondary ones: episodes per observed day, spasm days, moderate-or-severe days, intensity, "
    "then acute-medication days and the PEG. A measure is called changed when its 95% interval excludes no change "
    "and every measure before it was called changed; intensity is also called changed on its own when its 99% "
    "interval excludes no change. Chance alone then calls a change in at most about 6% of months (checked on "
    "simulated diaries). A called change of intensity of at least 2 points or 30% "
    "reaches the size patients rate as important (Farrar et al., Pain 2001; IMMPACT). The 50% responder statement "
    "(spasm days at least halved) follows headache-prevention trials.",
    "Around visits. Adjustments less than {merge} h after a visit's first are one visit (at the first's time). "
    "Windows are counted in "
    "hours from the visit and cut at the next visit. Pooled over the visits of the last {pooled} months (from care "
    "began): days 1-3 (24 to 96 h) against days 4-7 (96 to 192 h); the first 24 h against the other observed time "
    "of care in those months (reaction); the 3 days before a visit against the other observed time (flare). Each "
    "is a rate ratio with the interval above; page 1 flags a reaction or a flare only when the whole interval lies "
    "above 1.",
    "Measures beside the counts. Acute-medication days are observed days with any acute medication logged, per 28 "
    "observed days (as headache diaries count them), compared like spasm days when both sides together have at "
    "least {min_medication} of them (else \"too little data to compare\"). The PEG score is the mean of its "
    "three items (Krebs et al., J Gen Intern Med 2009), compared as a difference of means with the permutation "
    "interval when each side has at least {min_peg} answers; no threshold of importance is claimed for it. The "
    "impression of change is the 7-point PGIC (Farrar et al. 2001). Night spasms start in the profile's sleep "
    "window (00:00 to 06:00 when none is set). Reactions are listed as logged in the 72 h after a visit, each with "
    "the latest visit before it.",
    "Fluid and electrolytes. Only complete days count towards the targets, the days below target and the day "
    "after a low day: days the patient marked as having all food and drink logged, or every day when the profile "
    "says so. A day still in progress is left out.",
    "A change in one patient can reflect the natural course of the condition or regression to the mean (visits "
    "and care begin when it is worst), not only the care; these numbers describe this diary and do not show cause.",
)


def method(doc: Document, data: ReportData) -> None:
    doc.part("How the numbers are made")
    values = {
        "tz": data.tz.key, "rule": data.observed_rule, "baseline": BASELINE_DAYS,
        "min_baseline": baseline.MIN_BASELINE_DAYS, "min_days": baseline.MIN_SIDE_DAYS,
        "min_episodes": baseline.MIN_EPISODES, "min_intensity": baseline.MIN_INTENSITY_DAYS,
        "min_peg": baseline.MIN_PEG, "min_medication": baseline.MIN_MEDICATION_DAYS,
        "max_r": stats.MAX_CORRELATION, "pairs": stats.MIN_PAIRS, "perms": f"{stats.PERMUTATIONS:,}",
        "pooled": POOLED_MONTHS, "off_chart": charts.OFF_CHART,
        "merge": f"{visits.MERGE.total_seconds() / 3600:.0f}",
    }
    for paragraph in METHOD:
        doc.paragraph(paragraph.format(**values), size=8, after=0.08)


def episode_list(doc: Document, data: ReportData, number: int) -> None:
    doc.part(f"{number}. Every episode of the period", short=len(data.episodes) <= SHORT_LIST)
    if not data.episodes:
        doc.paragraph("No episodes in this period.", bold=True)
        return
    rows = []
    for r in data.episodes:
        site = r.site or "-"
        if r.side:
            site += f" ({r.side})"
        note = shown_note(r.note)
        if r.relieved_by:
            note = f"Relieved by {r.relieved_by}." + (f" {note}" if note else "")
        rows.append([when(data, r.started_at, year=False), str(r.intensity),
                     fmt_duration(r.duration_s, r.duration_approximate), site, ", ".join(r.triggers) or "-",
                     note or "-"])
    doc.table([Column("Started", 1.15), Column("Int.", 0.35, "right"), Column("Duration", 0.8),
               Column("Site (side)", 1.2), Column("Triggers", 1.1), Column("Note", doc.width - 4.6)],
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
