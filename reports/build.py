"""One call from the CLI: read a period from a diary and write its PDF.

One clock: `now`, passed in from the CLI edge (diary.cli.now_utc, which DIARY_NOW fixes),
is both the moment the data are cut at (nothing later counts; a day still running is a
day in progress) and the moment the page says the report was made. `creation` is only
the PDF's CreationDate metadata, which SOURCE_DATE_EPOCH fixes so that the same diary
made with the same DIARY_NOW gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from diary.storage import read_connection

from . import analysis
from .data import Period, load, load_profile
from .pdf import write_report


@dataclass(frozen=True)
class Made:
    """What the CLI tells the user about the report it made."""

    path: Path
    pages: int
    period: Period
    label: str  # the period as the report names it ("November 2026 so far")
    episodes: int
    observed_days: int
    days: int
    adjustments: int


def default_out(period: Period) -> str:
    return f"diary-report-{period.slug()}.pdf"


def make_report(location: str, *, period: Period | None, window_days: int, now: dt.datetime,
                out: str, creation: dt.datetime | None = None) -> Made:
    """Write the report of `period` (default: the last full month in the diary's timezone)
    of the diary at `location` to `out`: a temporary path the caller puts in place whole or
    not at all (diary.outputs), never the target itself."""
    with read_connection(location) as conn:
        tz = load_profile(conn).zone()
        period = period or Period.last_full_month(now.astimezone(tz).date())
        data = load(conn, period, window_days=window_days, cutoff=now, tz=tz)
    written = write_report(data, out, creation=creation or now)
    s = analysis.summary(data)
    return Made(Path(out), written.pages, data.period, data.label, s.episodes, s.observed_days, s.days,
                s.adjustments)
