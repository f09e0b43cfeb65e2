"""Local days and the episodes in them: what every rate of the report is counted on.

A `Timeline` holds consecutive local calendar days (each with its UTC start and end, so
a 23- or 25-hour day of a daylight-saving change is one day) and the instants and
intensities of the episodes in them. It ends at `end`, the moment its data stop (the end
of the report's period, or the moment the report is made when that comes first): a day
still running then counts by its elapsed part, and nothing after `end` is there.

Exposure is counted in observed days: an observed day inside a window counts by the
share of it that falls inside, an unobserved day counts nothing, so an unobserved day is
never a day without spasms.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .stats import Unit

DAY = dt.timedelta(days=1)
MODERATE = 4  # a day's worst intensity from which it is a moderate-or-severe spasm day (bands 1-3 / 4-6 / 7-10)


@dataclass
class Day:
    """One local day: its instants, its episodes, and whether it counts as observed."""

    day: dt.date
    start: dt.datetime
    end: dt.datetime
    episodes: int = 0
    worst: int | None = None  # the day's worst intensity, None without an episode
    quiet: bool = False  # marked as without spasms
    any_entry: bool = False
    observed: bool = False
    complete: bool = False  # its food and drink were all logged (marked, or the profile says always)

    @property
    def spasm_day(self) -> bool:
        return self.episodes > 0

    @property
    def moderate(self) -> bool:
        """A spasm day whose worst intensity is moderate or severe (4 or more)."""
        return self.worst is not None and self.worst >= MODERATE


class Timeline:
    """Consecutive local days with their episodes, up to the instant `end`."""

    def __init__(self, days: Sequence[Day], times: Sequence[dt.datetime], intensities: Sequence[int],
                 end: dt.datetime) -> None:
        self.days = list(days)
        self.times = list(times)
        self.intensities = list(intensities)
        self.end = end
        self._index = {d.day: i for i, d in enumerate(self.days)}
        self._starts = [d.start for d in self.days]

    @property
    def first(self) -> dt.date:
        return self.days[0].day

    @property
    def last(self) -> dt.date:
        return self.days[-1].day

    def __contains__(self, day: dt.date) -> bool:
        return day in self._index

    def day(self, day: dt.date) -> Day:
        return self.days[self._index[day]]

    def between(self, first: dt.date, last: dt.date) -> list[Day]:
        """The days from `first` to `last` (inclusive) that the timeline has."""
        lo = self._index.get(first, 0 if first < self.first else len(self.days))
        hi = self._index.get(last, len(self.days) - 1 if last > self.last else -1)
        return self.days[lo:hi + 1]

    def slice(self, first: dt.date, last: dt.date) -> Timeline:
        """The part from `first` to `last` as a timeline of its own."""
        days = self.between(first, last)
        if not days:
            raise ValueError(f"the timeline has no day from {first} to {last}")
        lo, hi = bisect.bisect_left(self.times, days[0].start), bisect.bisect_left(self.times, days[-1].end)
        return Timeline(days, self.times[lo:hi], self.intensities[lo:hi], min(self.end, days[-1].end))

    # --- counting over instants ---------------------------------------------------------

    def count(self, start: dt.datetime, end: dt.datetime) -> int:
        """Episodes that started in [start, end)."""
        if end <= start:
            return 0
        return bisect.bisect_left(self.times, end) - bisect.bisect_left(self.times, start)

    def spasm_days(self, start: dt.datetime, end: dt.datetime) -> int:
        """Local days with an episode that started in [start, end)."""
        lo, hi = bisect.bisect_left(self.times, start), bisect.bisect_left(self.times, end)
        return len({bisect.bisect_right(self._starts, t) for t in self.times[lo:hi]})

    def intensities_between(self, start: dt.datetime, end: dt.datetime) -> list[int]:
        lo, hi = bisect.bisect_left(self.times, start), bisect.bisect_left(self.times, end)
        return self.intensities[lo:hi]

    def day_share(self, day: Day) -> float:
        """How much of an observed day there is: 1, or its elapsed part when `end` cuts it, 0 unobserved."""
        if not day.observed or day.start >= self.end:
            return 0.0
        if day.end <= self.end:
            return 1.0
        return (self.end - day.start) / (day.end - day.start)

    def exposure(self, start: dt.datetime, end: dt.datetime) -> float:
        """Observed days in [start, end): each observed day by the share of its length
        (23, 24 or 25 h) inside, none after `end`."""
        end = min(end, self.end)
        if end <= start:
            return 0.0
        total = 0.0
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        while i < len(self.days):
            d = self.days[i]
            if d.start >= end:
                break
            if d.observed:
                overlap = (min(end, d.end) - max(start, d.start)).total_seconds()
                if overlap > 0:
                    total += overlap / (d.end - d.start).total_seconds()
            i += 1
        return total

    def unit(self, start: dt.datetime, end: dt.datetime) -> Unit:
        return Unit(self.count(start, end), self.exposure(start, end))

    def day_units(self, days: Iterable[Day]) -> list[Unit]:
        """One unit per observed day: its episodes over its observed share."""
        return [Unit(d.episodes, share) for d in days if (share := self.day_share(d)) > 0]

    def window_units(self, windows: Sequence[tuple[dt.datetime, dt.datetime]]) -> list[Unit]:
        """One unit per window (start, end), in the order given."""
        return [self.unit(s, e) for s, e in windows if e > s]

    def gap_units(self, windows: Sequence[tuple[dt.datetime, dt.datetime]], start: dt.datetime,
                  end: dt.datetime) -> list[Unit]:
        """The time in [start, end) outside every window, one unit per stretch between windows."""
        out, at = [], start
        for s, e in sorted(windows):
            if s > at:
                out.append(self.unit(at, min(s, end)))
            at = max(at, e)
            if at >= end:
                break
        if at < end:
            out.append(self.unit(at, end))
        return [u for u in out if u.exposure > 0 or u.episodes > 0]


def whole_days(first: dt.date, last: dt.date) -> list[dt.date]:
    n = (last - first).days + 1
    return [first + i * DAY for i in range(max(0, n))]
