"""The clinician's PDF: page 1 the answer, then around each adjustment, fluid and
electrolytes, where and why, how the numbers are made, and every episode.

Wording is careful on purpose: counts and rates are described, never causes, and "too
little data to compare" stands where a number would claim more than the data carry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from diary import __version__

from .data import ReportData, day_label
from .layout import Document, report_style
from .page_answer import answer_page
from .page_detail import episode_list, method, where_and_why
from .page_intake import intake_part
from .page_measures import measures_part
from .page_visits import visits_part


@dataclass(frozen=True)
class Written:
    path: str
    pages: int


def write_report(data: ReportData, path: str, *, creation: dt.datetime | None = None) -> Written:
    """Lay out the whole report for `data` and write it to `path`.

    The page says it was made at `data.made_at`, the moment its data are cut at (one clock
    for both); `creation` is only the PDF's CreationDate metadata (SOURCE_DATE_EPOCH, for
    reproducible files), `data.made_at` when not given."""
    with report_style():
        who = data.profile.name
        header = "Spasm diary" + (f": {who}" if who else "") + f" - {data.label}"
        made = data.made_at.astimezone(data.tz)
        footer = (f"Made {day_label(made.date())} with diary {__version__}. Times are local ({data.tz.key}). "
                  "Descriptive statistics of one patient's diary: not a diagnosis.")
        doc = Document(header, footer)
        answer = answer_page(doc, data)
        visits_part(doc, data)
        intake_part(doc, data)
        measures_part(doc, data, answer, 4)
        where_and_why(doc, data, 5)
        method(doc, data)
        episode_list(doc, data, 6)
        metadata = {
            "Title": f"Spasm diary report, {data.label}" + (f", {who}" if who else ""),
            "Author": who or "diary (patient not named)",
            "Subject": "Spasms against the baseline before care began and around each adjustment; fluid and "
                       "electrolytes",
            "Creator": f"diary {__version__}",
            "CreationDate": creation or data.made_at,
        }
        pages = doc.save(path, metadata)
    return Written(path, pages)
