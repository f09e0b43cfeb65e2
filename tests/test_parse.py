"""The parsers for what a patient types: times, days, durations, intensities, sites.

The big table gives, for each typed form at a fixed "now", the exact instant (in UTC, worked
out by hand from the zone's offsets), the guess the reply must say, or the refusal; the
"now"s include both daylight-saving changes of 2026 in Berlin and New York.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diary.parse import (
    DayWithoutTime,
    Duration,
    format_duration,
    parse_day,
    parse_days,
    parse_duration,
    parse_intensity,
    parse_regions,
    parse_side,
    parse_site,
    parse_time_on,
    parse_triggers,
    parse_when,
    read_duration,
    read_when,
    site_or_side,
)

UTC = dt.UTC
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
# Wednesday 25 November 2026, 10:00 in Berlin (CET, UTC+1) = 09:00 UTC.
NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

NOWS = {
    "berlin": (BERLIN, NOW),
    # Sun 10 Jan 2027 10:00 CET: a date without a year may be last December's
    "january": (BERLIN, dt.datetime(2027, 1, 10, 9, 0, tzinfo=UTC)),
    # Sun 25 Oct 2026 12:00 CET: at 01:00 UTC the clocks went back from 03:00 CEST (UTC+2) to 02:00 CET (UTC+1).
    "berlin-autumn": (BERLIN, dt.datetime(2026, 10, 25, 11, 0, tzinfo=UTC)),
    # Sun 29 Mar 2026 12:00 CEST: at 01:00 UTC the clocks went forward from 02:00 CET to 03:00 CEST.
    "berlin-spring": (BERLIN, dt.datetime(2026, 3, 29, 10, 0, tzinfo=UTC)),
    # Sun 1 Nov 2026 09:00 EST: at 06:00 UTC the clocks went back from 02:00 EDT (UTC-4) to 01:00 EST (UTC-5).
    "ny-autumn": (NEW_YORK, dt.datetime(2026, 11, 1, 14, 0, tzinfo=UTC)),
    # Sun 8 Mar 2026 12:00 EDT: at 07:00 UTC the clocks went forward from 02:00 EST to 03:00 EDT.
    "ny-spring": (NEW_YORK, dt.datetime(2026, 3, 8, 16, 0, tzinfo=UTC)),
}


@dataclass(frozen=True)
class At:
    """The instant expected, as UTC 'YYYY-MM-DD HH:MM[:SS]', and the guess the reply must say."""

    utc: str
    guess: str | None = None


@dataclass(frozen=True)
class DayOnly:
    """A day without a time: asked about in a terminal, refused otherwise."""

    day: str


@dataclass(frozen=True)
class Refused:
    """Refused with a message starting so."""

    message: str


BERLIN_TWICE = ("02:30 happened twice on Sun 25 Oct (the clocks went back): taken as the first, 02:30 CEST; "
                "for the second say '2026-10-25 02:30 CET'")
NY_TWICE = ("01:30 happened twice on Sun 1 Nov (the clocks went back): taken as the first, 01:30 EDT; "
            "for the second say '2026-11-01 01:30 EST'")

TIMES: list[tuple[str, str, At | DayOnly | Refused]] = [
    # Berlin, Wed 25 Nov 2026 10:00 CET (UTC+1)
    ("berlin", "now", At("2026-11-25 09:00")),
    ("berlin", "NOW", At("2026-11-25 09:00")),
    ("berlin", "08:15", At("2026-11-25 07:15")),
    ("berlin", "8:15", At("2026-11-25 07:15")),
    ("berlin", "8.30", At("2026-11-25 07:30")),
    ("berlin", "7am", At("2026-11-25 06:00")),
    ("berlin", "7 am", At("2026-11-25 06:00")),
    ("berlin", "7 a.m.", At("2026-11-25 06:00")),
    ("berlin", "10:01", At("2026-11-25 09:01")),  # a minute of clock skew is allowed
    ("berlin", "midnight", At("2026-11-24 23:00")),
    ("berlin", "today 06:00", At("2026-11-25 05:00")),
    ("berlin", "yesterday at 6pm", At("2026-11-24 17:00")),
    ("berlin", "yesterday 21:30", At("2026-11-24 20:30")),
    ("berlin", "Yesterday  9pm", At("2026-11-24 20:00")),
    ("berlin", "yesterday noon", At("2026-11-24 11:00")),
    ("berlin", "yesterday 14", At("2026-11-24 13:00")),
    ("berlin", "noon yesterday", At("2026-11-24 11:00")),
    ("berlin", "6pm yesterday", At("2026-11-24 17:00")),
    ("berlin", "last night", At("2026-11-24 22:00", "last night, taken as 23:00")),
    ("berlin", "last night 23:30", At("2026-11-24 22:30")),
    ("berlin", "last night at 11", At("2026-11-24 22:00")),
    ("berlin", "last night 2:00", At("2026-11-25 01:00")),  # after midnight: early today
    ("berlin", "last night at midnight", At("2026-11-24 23:00")),
    ("berlin", "sunday night", At("2026-11-22 22:00", "sunday night, taken as 23:00")),
    ("berlin", "sunday night 1am", At("2026-11-23 00:00")),
    ("berlin", "this morning", At("2026-11-25 07:00", "this morning, taken as 08:00")),
    ("berlin", "this morning 7:15", At("2026-11-25 06:15")),
    ("berlin", "yesterday evening", At("2026-11-24 18:00", "yesterday evening, taken as 19:00")),
    ("berlin", "yesterday evening 7", At("2026-11-24 18:00")),
    ("berlin", "yesterday afternoon", At("2026-11-24 14:00", "yesterday afternoon, taken as 15:00")),
    ("berlin", "7 in the evening yesterday", At("2026-11-24 18:00")),
    ("berlin", "last tuesday 8:00", At("2026-11-24 07:00")),
    ("berlin", "tuesday last week 9pm", At("2026-11-17 20:00")),
    ("berlin", "mon 8:00", At("2026-11-23 07:00")),
    ("berlin", "wednesday 09:00", At("2026-11-25 08:00")),  # today's weekday: today, when not in the future
    ("berlin", "wed 11:00", At("2026-11-18 10:00", "wed 11:00, taken as last Wednesday, 18 Nov")),
    ("berlin", "last wednesday 09:00", At("2026-11-18 08:00")),
    ("berlin", "last friday 18:45", At("2026-11-20 17:45")),
    ("berlin", "friday at noon", At("2026-11-20 11:00")),
    ("berlin", "a week ago 14:00", At("2026-11-18 13:00")),
    ("berlin", "3 days ago 14:00", At("2026-11-22 13:00")),
    ("berlin", "3 days ago at 2pm", At("2026-11-22 13:00")),
    ("berlin", "three days ago 14:00", At("2026-11-22 13:00")),
    ("berlin", "the day before yesterday 8pm", At("2026-11-23 19:00")),
    ("berlin", "a couple of days ago 9am",
     At("2026-11-23 08:00", "a couple of days ago 9am, taken as Mon 23 Nov")),
    ("berlin", "a couple of days ago evening",
     At("2026-11-23 18:00", "a couple of days ago evening, taken as Mon 23 Nov 19:00")),
    ("berlin", "early this morning", At("2026-11-25 05:00", "early this morning, taken as 06:00")),
    ("berlin", "late last night", At("2026-11-24 22:30", "late last night, taken as 23:30")),
    ("berlin", "late last night 0:30", At("2026-11-24 23:30")),
    ("berlin", "yesterday early evening", At("2026-11-24 17:00", "yesterday early evening, taken as 18:00")),
    ("berlin", "monday 10am last week", At("2026-11-16 09:00")),  # the time between the day's words
    ("berlin", "wednesday night", At("2026-11-18 22:00", "wednesday night, taken as last Wednesday, 18 Nov, 23:00")),
    ("berlin", "a month ago 9am", At("2026-10-25 08:00")),  # 25 Oct 09:00 is after that day's change: CET
    ("berlin", "nov 5 3pm", At("2026-11-05 14:00")),
    ("berlin", "Nov 5 3 pm", At("2026-11-05 14:00")),
    ("berlin", "5 Nov 15:00", At("2026-11-05 14:00")),
    ("berlin", "5th of November 15:00", At("2026-11-05 14:00")),
    ("berlin", "november 5th, 3pm", At("2026-11-05 14:00")),
    ("berlin", "15:00 5 nov", At("2026-11-05 14:00")),
    ("berlin", "3pm on nov 5", At("2026-11-05 14:00")),
    ("berlin", "5 nov 2026 10:00", At("2026-11-05 09:00")),
    ("berlin", "nov 5 2025 10:00", At("2025-11-05 09:00")),
    # without a year: this year's, or up to about two months back (said), else refused naming both
    ("berlin", "dec 24 20:00", Refused("date 'dec 24' has no year: 24 Dec 2026 is still to come, and 24 Dec 2025 "
                                       "was 11 months ago: add the year, like '24 dec 2025'")),
    ("berlin", "dec 1 9am", Refused("date 'dec 1' has no year: 1 Dec 2026 is still to come, and 1 Dec 2025")),
    ("berlin", "1st of december at 9am", Refused("date '1st december' has no year")),
    ("berlin", "24 dec 2025 20:00", At("2025-12-24 19:00")),
    ("berlin", "feb 29 10:00", Refused("date 'feb 29' has no year: there is no 29 Feb in 2026, and 29 Feb 2024")),
    ("berlin", "Nov 25 3pm", Refused("time 'Nov 25 3pm' is in the future (later today); for 25 Nov 2025 add the "
                                     "year, like '25 nov 2025 15:00'")),
    ("berlin", "25/11 9pm", Refused("time '25/11 9pm' is in the future (later today); for 25 Nov 2025")),
    ("berlin", "nov 25 9am", At("2026-11-25 08:00")),
    ("berlin", "oct 1 10:00", At("2026-10-01 08:00")),
    ("berlin", "12/01 10:00", Refused("date '12/01' could be 12 Jan or Dec 1")),
    ("berlin", "12/25 9am", Refused("date '12/25' has no year: 25 Dec 2026 is still to come")),
    ("berlin", "25.12. 9am", Refused("date '25.12.' has no year: 25 Dec 2026 is still to come")),
    ("berlin", "20.11. 9am", At("2026-11-20 08:00")),
    ("berlin", "december 1st", Refused("date 'december 1st' has no year")),
    ("berlin", "nov 26 9am", Refused("date 'nov 26' has no year: 26 Nov 2026 is still to come")),
    ("berlin", "26th 9am", At("2026-10-26 08:00", "26th 9am, taken as Mon 26 Oct")),
    ("january", "dec 28 9pm", At("2026-12-28 20:00", "dec 28 9pm, taken as Mon 28 Dec 2026")),
    ("january", "28/12 21:00", At("2026-12-28 20:00", "28/12 21:00, taken as Mon 28 Dec 2026")),
    ("january", "dec 28", DayOnly("2026-12-28")),
    ("january", "jan 2 8am", At("2027-01-02 07:00")),
    ("january", "nov 1 9am", Refused("date 'nov 1' has no year: 1 Nov 2027 is still to come, and 1 Nov 2026 was "
                                     "2 months ago")),
    ("january", "jan 10 3pm", Refused("time 'jan 10 3pm' is in the future (later today); for 10 Jan 2026")),
    ("january", "2am this morning", At("2027-01-10 01:00")),
    # dates that do not exist
    ("berlin", "2026-02-30 10:00", Refused("date '2026-02-30' does not exist: February 2026 has 28 days")),
    ("berlin", "2025-02-29", Refused("date '2025-02-29' does not exist: February 2025 has 28 days")),
    ("berlin", "31/11 10:00", Refused("date '31/11' does not exist: November has 30 days")),
    ("berlin", "nov 31 9am", Refused("date 'nov 31' does not exist: November has 30 days")),
    ("berlin", "30 feb", Refused("date '30 feb' does not exist: February has at most 29 days")),
    ("berlin", "31.04.2026 08:00", Refused("date '31.04.2026' does not exist: April 2026 has 30 days")),
    ("berlin", "2026-13-01 10:00", Refused("date '2026-13-01' does not exist: a date is year, month (1-12), day")),
    ("berlin", "2026-11-5 10:00", At("2026-11-05 09:00")),
    ("berlin", "2026-11-05 10:00", At("2026-11-05 09:00")),
    ("berlin", "2026-11-05T10:00", At("2026-11-05 09:00")),
    ("berlin", "2026-11-03 10:00:30", At("2026-11-03 09:00:30")),
    ("berlin", "2026-11-03T09:00Z", At("2026-11-03 09:00")),
    ("berlin", "2026-11-03 10:00+01:00", At("2026-11-03 09:00")),
    ("berlin", "25/11 08:00", At("2026-11-25 07:00")),  # 25 cannot be a month: one reading
    ("berlin", "11/24 21:00", At("2026-11-24 20:00")),
    ("berlin", "24.11.2026 21:00", At("2026-11-24 20:00")),
    ("berlin", "about 9am", At("2026-11-25 08:00", "about 9am, taken as 09:00")),
    ("berlin", "~8:30", At("2026-11-25 07:30", "~8:30, taken as 08:30")),
    ("berlin", "yesterday around 6pm", At("2026-11-24 17:00", "yesterday around 6pm, taken as 18:00")),
    ("berlin", "2h ago", At("2026-11-25 07:00")),
    ("berlin", "90 min ago", At("2026-11-25 07:30")),
    ("berlin", "1h30m ago", At("2026-11-25 07:30")),
    ("berlin", "1,5h ago", At("2026-11-25 07:30")),
    ("berlin", "half an hour ago", At("2026-11-25 08:30")),
    ("berlin", "an hour ago", At("2026-11-25 08:00")),
    ("berlin", "15 min ago", At("2026-11-25 08:45")),  # the answers `diary spasm` offers for "when?"
    ("berlin", "1 h ago", At("2026-11-25 08:00")),
    ("berlin", "a quarter of an hour ago", At("2026-11-25 08:45")),
    ("berlin", "five minutes ago", At("2026-11-25 08:55")),
    ("berlin", "a few minutes ago", At("2026-11-25 08:57", "a few minutes ago, taken as 09:57")),
    # a clock time with the part of the day, in either order: night spasms are the main use
    ("berlin", "2am this morning", At("2026-11-25 01:00")),
    ("berlin", "5am this morning", At("2026-11-25 04:00")),
    ("berlin", "7:15 this morning", At("2026-11-25 06:15")),
    ("berlin", "at 4 this morning", At("2026-11-25 03:00")),
    ("berlin", "3 in the morning", At("2026-11-25 02:00")),
    ("berlin", "three in the morning", At("2026-11-25 02:00")),
    ("berlin", "early this morning at 5:40", At("2026-11-25 04:40")),
    ("berlin", "1am last night", At("2026-11-25 00:00")),  # after midnight: early today
    ("berlin", "11pm last night", At("2026-11-24 22:00")),
    ("berlin", "2:30 in the night", At("2026-11-25 01:30")),
    ("berlin", "3ish last night", At("2026-11-25 02:00", "3ish last night, taken as 03:00")),
    ("berlin", "4pm yesterday afternoon", At("2026-11-24 15:00")),
    ("berlin", "8 yesterday evening", At("2026-11-24 19:00")),
    ("berlin", "1:30am sunday night", At("2026-11-23 00:30")),
    ("berlin", "10pm on monday night", At("2026-11-23 21:00")),
    ("berlin", "9pm tonight", Refused("time '9pm tonight' is in the future")),
    ("berlin", "3pm this afternoon", Refused("time '3pm this afternoon' is in the future")),
    ("berlin", "2am this afternoon", Refused("time '2am this afternoon': 2am is not in the afternoon")),
    ("berlin", "half past two this morning", At("2026-11-25 01:30")),
    ("berlin", "quarter to 3 last night", At("2026-11-25 01:45")),
    ("berlin", "twenty past eleven last night", At("2026-11-24 22:20")),
    ("berlin", "ten to four yesterday afternoon", At("2026-11-24 14:50")),
    ("berlin", "two am", At("2026-11-25 01:00")),
    ("berlin", "half past two", Refused("time 'half past two': 2:30 could be 02:30 or 14:30: say 2:30am or 2:30pm")),
    # meals, and a span from a time
    ("berlin", "after lunch yesterday", At("2026-11-24 12:30", "after lunch yesterday, taken as 13:30")),
    ("berlin", "yesterday after dinner", At("2026-11-24 19:00", "yesterday after dinner, taken as 20:00")),
    ("berlin", "before breakfast", At("2026-11-25 06:00", "before breakfast, taken as 07:00")),
    ("berlin", "after my breakfast", At("2026-11-25 08:00", "after my breakfast, taken as 09:00")),
    ("berlin", "before bed last night", At("2026-11-24 20:30", "before bed last night, taken as 21:30")),
    ("berlin", "after dinner last night", At("2026-11-24 19:00", "after dinner last night, taken as 20:00")),
    ("berlin", "before breakfast this morning",
     At("2026-11-25 06:00", "before breakfast this morning, taken as 07:00")),
    ("berlin", "mid-morning yesterday", At("2026-11-24 09:30", "mid-morning yesterday, taken as 10:30")),
    ("berlin", "an hour after lunch yesterday",
     At("2026-11-24 12:30", "an hour after lunch yesterday, taken as Tue 24 Nov 13:30")),
    ("berlin", "10 min before 3am", At("2026-11-25 01:50")),
    ("berlin", "20 minutes after 11pm last night", At("2026-11-24 22:20")),
    ("berlin", "2 hours after lunch", Refused("time '2 hours after lunch' is in the future")),
    ("berlin", "in the early hours", At("2026-11-25 02:00", "in the early hours, taken as 03:00")),
    ("berlin", "the small hours of last night", At("2026-11-25 02:00", "the small hours of last night, taken as 03:00")),
    ("berlin", "early hours of sunday", At("2026-11-22 02:00", "early hours of sunday, taken as 03:00")),
    ("berlin", "night before last 2am", At("2026-11-24 01:00")),
    ("berlin", "the night before last", At("2026-11-23 22:00", "the night before last, taken as 23:00")),
    ("berlin", "2 nights ago", At("2026-11-23 22:00", "2 nights ago, taken as 23:00")),
    ("berlin", "8 pm last evening", At("2026-11-24 19:00")),
    ("berlin", "just before midnight", At("2026-11-24 22:55", "just before midnight, taken as Tue 24 Nov 23:55")),
    ("berlin", "shortly after 3am", At("2026-11-25 02:05", "shortly after 3am, taken as 03:05")),
    ("berlin-autumn", "2:30am this morning", At("2026-10-25 00:30", BERLIN_TWICE)),
    ("berlin-spring", "2:30 this morning", Refused("2026-03-29 02:30 does not exist in Europe/Berlin")),
    ("ny-autumn", "1:30 in the morning", At("2026-11-01 05:30", NY_TWICE)),
    ("ny-spring", "quarter past 1 last night", At("2026-03-08 06:15")),
    ("berlin", "in the middle of the night", At("2026-11-25 02:00", "in the middle of the night, taken as 03:00")),
    ("berlin", "overnight", At("2026-11-25 02:00", "overnight, taken as 03:00")),
    ("berlin", "during the night 4:10", At("2026-11-25 03:10")),
    ("berlin", "sometime last night", At("2026-11-24 22:00", "sometime last night, taken as 23:00")),
    ("berlin", "earlier today", DayOnly("2026-11-25")),
    ("berlin", "just now", At("2026-11-25 09:00")),
    ("berlin", "couple hours ago", At("2026-11-25 07:00", "couple hours ago, taken as 08:00")),
    ("berlin", "2-3 hours ago", At("2026-11-25 06:30", "2-3 hours ago, taken as 07:30")),
    # the library is never trusted against a clock time typed, nor for words it passes over
    ("berlin", "5am on the 24th", At("2026-11-24 04:00")),
    ("berlin", "since breakfast", Refused("time 'since breakfast' not understood")),
    ("berlin", "yesterday", DayOnly("2026-11-24")),
    ("berlin", "today", DayOnly("2026-11-25")),
    ("berlin", "monday", DayOnly("2026-11-23")),
    ("berlin", "tuesday", DayOnly("2026-11-24")),
    ("berlin", "last tuesday", DayOnly("2026-11-24")),
    ("berlin", "tuesday last week", DayOnly("2026-11-17")),
    ("berlin", "friday before last", DayOnly("2026-11-13")),
    ("berlin", "a week ago", DayOnly("2026-11-18")),
    ("berlin", "2 weeks ago", DayOnly("2026-11-11")),
    ("berlin", "3 days ago", DayOnly("2026-11-22")),
    ("berlin", "the day before yesterday", DayOnly("2026-11-23")),
    ("berlin", "Nov 5", DayOnly("2026-11-05")),
    ("berlin", "5 Nov", DayOnly("2026-11-05")),
    ("berlin", "Dec 24", Refused("date 'dec 24' has no year")),
    ("berlin", "2026-11-03", DayOnly("2026-11-03")),
    ("berlin", "noon", Refused("time 'noon' is in the future (for yesterday say 'yesterday noon')")),
    ("berlin", "11:00", Refused("time '11:00' is in the future (for yesterday say 'yesterday 11:00')")),
    ("berlin", "23:00", Refused("time '23:00' is in the future (for last night say 'yesterday 23:00')")),
    ("berlin", "this evening", Refused("time 'this evening' is in the future")),
    ("berlin", "2026-11-26 08:00", Refused("time '2026-11-26 08:00' is in the future")),
    ("berlin", "2026-12-01", Refused("time '2026-12-01' is in the future")),
    ("berlin", "tomorrow", Refused("time 'tomorrow' is in the future")),
    ("berlin", "next week", Refused("time 'next week' is in the future")),
    ("berlin", "5 minutes before noon", Refused("time '5 minutes before noon' is in the future")),
    ("berlin", "yesterday midnight", Refused("time 'yesterday midnight' could be the start of Tue 24 Nov or its "
                                             "end: say '2026-11-24 00:00' or '2026-11-25 00:00'")),
    ("berlin", "05/11", Refused("date '05/11' could be 5 Nov or May 11: write it as '5 Nov' or 'May 11'")),
    ("berlin", "05/11 10:00", Refused("date '05/11' could be 5 Nov or May 11")),
    ("berlin", "5/11/2026", Refused("date '5/11/2026' could be 5 Nov or May 11")),
    ("berlin", "at 7", Refused("time 'at 7': 7 could be 07:00 or 19:00: say 7am or 7pm")),
    ("berlin", "yesterday 9", Refused("time 'yesterday 9': 9 could be 09:00 or 21:00: say 9am or 9pm")),
    ("berlin", "yesterday 12", Refused("time 'yesterday 12': 12 could be noon or midnight")),
    ("berlin", "this morning 7pm", Refused("time 'this morning 7pm': 7pm is not in the morning")),
    ("berlin", "25:00", Refused("time '25:00' not understood")),
    ("berlin", "", Refused("empty time")),
    ("berlin", "soon ago", Refused("time 'soon ago' not understood")),
    ("berlin", "eod", Refused("time 'eod' not understood")),
    ("berlin", "the 5th", DayOnly("2026-11-05")),  # a day of the month alone: the most recent
    ("berlin", "2am on the 24th", At("2026-11-24 01:00")),
    ("berlin", "the 30th 9am", At("2026-10-30 08:00", "the 30th 9am, taken as Fri 30 Oct")),
    ("berlin", "tuesday 24th 2am", At("2026-11-24 01:00")),
    ("berlin", "Tue 24 Nov 2am", At("2026-11-24 01:00")),
    ("berlin", "Mon 24 Nov 2am", Refused("date 'mon 24 nov': 24 Nov 2026 is a Tuesday, not a Monday")),
    ("berlin", "2am-ish this morning", At("2026-11-25 01:00", "2am-ish this morning, taken as 02:00")),
    ("berlin", "99999 days ago 10:00", Refused("time '99999 days ago 10:00' is before 1900")),
    ("berlin", "1850-01-01 10:00", Refused("time '1850-01-01 10:00' is before 1900")),
    ("berlin", "0001-01-01 00:00", Refused("time '0001-01-01 00:00' is out of range")),
    # Berlin, Sun 25 Oct 2026 12:00 CET, the day the clocks went back (02:00-03:00 happened twice)
    ("berlin-autumn", "02:30", At("2026-10-25 00:30", BERLIN_TWICE)),
    ("berlin-autumn", "2026-10-25 02:30", At("2026-10-25 00:30", BERLIN_TWICE)),
    ("berlin-autumn", "last night 2:30", At("2026-10-25 00:30", BERLIN_TWICE)),
    ("berlin-autumn", "02:30 cet", At("2026-10-25 01:30")),
    ("berlin-autumn", "2:30am CEST", At("2026-10-25 00:30")),
    ("berlin-autumn", "01:30", At("2026-10-24 23:30")),
    ("berlin-autumn", "03:30", At("2026-10-25 02:30")),
    ("berlin-autumn", "2h ago", At("2026-10-25 09:00")),
    ("berlin-autumn", "10h ago", At("2026-10-25 01:00")),  # counted in real time, not on the wall clock
    ("berlin-autumn", "11h ago", At("2026-10-25 00:00")),
    ("berlin-autumn", "last night", At("2026-10-24 21:00", "last night, taken as 23:00")),
    ("berlin-autumn", "this morning", At("2026-10-25 07:00", "this morning, taken as 08:00")),
    ("berlin-autumn", "yesterday 12:00", At("2026-10-24 10:00")),
    ("berlin-autumn", "a week ago 12:00", At("2026-10-18 10:00")),
    ("berlin-autumn", "02:30 est", Refused("time '02:30 est' not understood")),
    # Berlin, Sun 29 Mar 2026 12:00 CEST, the day the clocks went forward (02:00-03:00 never happened)
    ("berlin-spring", "02:30", Refused("2026-03-29 02:30 does not exist in Europe/Berlin (the clocks went forward): "
                                       "use 03:30, the same moment on the changed clocks, or an earlier time")),
    ("berlin-spring", "2026-03-29 02:30", Refused("2026-03-29 02:30 does not exist in Europe/Berlin")),
    ("berlin-spring", "last night 2:30", Refused("2026-03-29 02:30 does not exist in Europe/Berlin")),
    ("berlin-spring", "01:59", At("2026-03-29 00:59")),
    ("berlin-spring", "03:00", At("2026-03-29 01:00")),
    ("berlin-spring", "3h ago", At("2026-03-29 07:00")),
    ("berlin-spring", "11h ago", At("2026-03-28 23:00")),
    ("berlin-spring", "yesterday 12:00", At("2026-03-28 11:00")),
    ("berlin-spring", "midnight", At("2026-03-28 23:00")),
    # New York, Sun 1 Nov 2026 09:00 EST, the day the clocks went back (01:00-02:00 happened twice)
    ("ny-autumn", "1:30", At("2026-11-01 05:30", NY_TWICE)),
    ("ny-autumn", "01:30 est", At("2026-11-01 06:30")),
    ("ny-autumn", "1:30am edt", At("2026-11-01 05:30")),
    ("ny-autumn", "last night", At("2026-11-01 03:00", "last night, taken as 23:00")),
    ("ny-autumn", "2h ago", At("2026-11-01 12:00")),
    ("ny-autumn", "8h ago", At("2026-11-01 06:00")),
    ("ny-autumn", "yesterday 6pm", At("2026-10-31 22:00")),
    ("ny-autumn", "midnight", At("2026-11-01 04:00")),
    ("ny-autumn", "10/31 18:00", At("2026-10-31 22:00")),
    # New York, Sun 8 Mar 2026 12:00 EDT, the day the clocks went forward (02:00-03:00 never happened)
    ("ny-spring", "2:30", Refused("2026-03-08 02:30 does not exist in America/New_York")),
    ("ny-spring", "1:30", At("2026-03-08 06:30")),
    ("ny-spring", "3:30", At("2026-03-08 07:30")),
    ("ny-spring", "2h ago", At("2026-03-08 14:00")),
    ("ny-spring", "last night", At("2026-03-08 04:00", "last night, taken as 23:00")),
    ("ny-spring", "this morning", At("2026-03-08 12:00", "this morning, taken as 08:00")),
    ("ny-spring", "3/7 9pm", Refused("date '3/7' could be 3 Jul or Mar 7")),
]


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(("now_key", "text", "expected"), TIMES, ids=[f"{k}:{t}" for k, t, _ in TIMES])
def test_typed_times(now_key: str, text: str, expected: At | DayOnly | Refused) -> None:
    """Each typed time gives the instant a patient means (and says any guess), asks for the time
    of a day typed alone, or is refused naming the problem; never silently something else."""
    tz, now = NOWS[now_key]
    if isinstance(expected, At):
        when = read_when(text, now, tz)
        assert (when.instant.astimezone(UTC), when.guess) == (_utc(expected.utc), expected.guess)
        assert when.instant.utcoffset() is not None
    elif isinstance(expected, DayOnly):
        with pytest.raises(DayWithoutTime) as asked:
            read_when(text, now, tz)
        assert asked.value.day == dt.date.fromisoformat(expected.day)
        assert "is a day without a time of day" in str(asked.value)
    else:
        with pytest.raises(ValueError) as refused:
            read_when(text, now, tz)
        assert not isinstance(refused.value, DayWithoutTime)
        assert str(refused.value).startswith(expected.message)


def test_the_table_has_at_least_100_forms_across_both_clock_changes() -> None:
    """The table covers at least 100 typed forms, some at each daylight-saving change."""
    assert len(TIMES) >= 100
    assert {k for k, _, _ in TIMES} == set(NOWS)


def test_a_day_alone_never_becomes_noon() -> None:
    """`parse_when` (the instant only) refuses a day alone too, with the fix named."""
    with pytest.raises(DayWithoutTime) as asked:
        parse_when("yesterday", NOW, BERLIN)
    assert str(asked.value) == ("time 'yesterday' is a day without a time of day: add one, like 'yesterday 21:30' "
                                "(a day alone is not taken as noon)")


@pytest.mark.parametrize(
    ("day", "answer", "expected"),
    [
        ("2026-11-24", "21:30", At("2026-11-24 20:30")),
        ("2026-11-24", "9pm", At("2026-11-24 20:00")),
        ("2026-11-24", "evening", At("2026-11-24 18:00", "evening, taken as 19:00")),
        ("2026-11-25", "11:00", Refused("time '11:00' is in the future")),
        ("2026-11-24", "9", Refused("9 could be 09:00 or 21:00")),
        ("2026-11-24", "soon", Refused("'soon' is not a time of day")),
    ],
)
def test_the_answer_to_what_time_on_a_day(day: str, answer: str, expected: At | Refused) -> None:
    """The time typed for a known day ("What time on Tue 24 Nov?") is read like any time of day."""
    if isinstance(expected, At):
        when = parse_time_on(dt.date.fromisoformat(day), answer, NOW, BERLIN)
        assert (when.instant.astimezone(UTC), when.guess) == (_utc(expected.utc), expected.guess)
    else:
        with pytest.raises(ValueError, match="^" + expected.message.replace("(", r"\(").replace(")", r"\)")):
            parse_time_on(dt.date.fromisoformat(day), answer, NOW, BERLIN)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", dt.date(2026, 11, 25)),
        ("yesterday", dt.date(2026, 11, 24)),
        ("2 days ago", dt.date(2026, 11, 23)),
        ("sun", dt.date(2026, 11, 22)),
        ("wednesday", dt.date(2026, 11, 25)),
        ("last wednesday", dt.date(2026, 11, 18)),
        ("last tuesday", dt.date(2026, 11, 24)),
        ("a week ago", dt.date(2026, 11, 18)),
        ("a month ago", dt.date(2026, 10, 25)),
        ("the day before yesterday", dt.date(2026, 11, 23)),
        ("nov 5", dt.date(2026, 11, 5)),
        ("5 Nov", dt.date(2026, 11, 5)),
        ("oct 1", dt.date(2026, 10, 1)),
        ("24 dec 2025", dt.date(2025, 12, 24)),
        ("2026-11-3", dt.date(2026, 11, 3)),
        ("2026-11-03", dt.date(2026, 11, 3)),
        ("25/11", dt.date(2026, 11, 25)),
    ],
)
def test_parse_day(text: str, expected: dt.date) -> None:
    """Days (for --since, --until, today --date, quiet) take the same words, as local calendar days."""
    assert parse_day(text, NOW, BERLIN) == expected


def test_parse_day_uses_the_local_date_not_the_utc_date() -> None:
    """At 00:30 in Berlin it is still the previous day in UTC, but 'today' is the Berlin day."""
    just_after_midnight = dt.datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    assert parse_day("today", just_after_midnight, BERLIN) == dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "message"),
    [("2026-11-26", "day '2026-11-26' is in the future"), ("tomorrow", "day 'tomorrow' is in the future"),
     ("someday", "day 'someday' not understood"), ("05/11", "date '05/11' could be 5 Nov or May 11"),
     ("1850-01-01", "day '1850-01-01' is before 1900"),
     # the same rule for a date without a year as for times: never silently last year
     ("dec 24", "date 'dec 24' has no year: 24 Dec 2026 is still to come, and 24 Dec 2025 was 11 months ago"),
     ("2026-02-30", "date '2026-02-30' does not exist: February 2026 has 28 days")],
)
def test_parse_day_refuses_future_ambiguous_and_nonsense(text: str, message: str) -> None:
    """A future, ambiguous or unreadable day is refused, naming it."""
    with pytest.raises(ValueError) as err:
        parse_day(text, NOW, BERLIN)
    assert str(err.value).startswith(message)


@pytest.mark.parametrize(
    ("texts", "days"),
    [
        (["mon", "wed"], ["2026-11-23", "2026-11-25"]),
        (["2026-11-01..2026-11-03"], ["2026-11-01", "2026-11-02", "2026-11-03"]),
        (["mon..wed", "tue"], ["2026-11-23", "2026-11-24", "2026-11-25"]),
    ],
)
def test_parse_days_takes_several_days_and_ranges(texts: list[str], days: list[str]) -> None:
    """`diary quiet mon wed` and `diary quiet A..B` give each day once, in order."""
    assert parse_days(texts, NOW, BERLIN) == [dt.date.fromisoformat(d) for d in days]


@pytest.mark.parametrize(
    ("texts", "message"),
    [(["wed..mon"], "range 'wed..mon' ends before it starts"),
     (["2026-01-01..2026-11-05"], "range '2026-01-01..2026-11-05' is 309 days: give at most 31 at once")],
)
def test_parse_days_refuses_backward_and_overlong_ranges(texts: list[str], message: str) -> None:
    """A range written backwards, or longer than a month (a likely typo), is refused."""
    with pytest.raises(ValueError, match="^" + message):
        parse_days(texts, NOW, BERLIN)


DURATIONS: list[tuple[str, Duration | str]] = [
    ("90s", Duration(90)), ("5m", Duration(300)), ("1h30m", Duration(5400)), ("1h30", Duration(5400)),
    ("2 min", Duration(120)), ("1.5h", Duration(5400)), ("1,5h", Duration(5400)), ("45 seconds", Duration(45)),
    ("0s", Duration(0)), ("half an hour", Duration(1800)), ("ten minutes", Duration(600)),
    ("1 hour and 30 minutes", Duration(5400)),
    ("about 5 minutes", Duration(300, True)), ("~5m", Duration(300, True)), ("around 2 h", Duration(7200, True)),
    ("approx. 20 min", Duration(1200, True)), ("5 minutes or so", Duration(300, True)),
    ("5ish min", Duration(300, True)), ("a few minutes", Duration(180, True)),
    ("a couple of minutes", Duration(120, True)), ("a moment", Duration(60, True)),
    ("5-10 min", Duration(450, True)), ("5 to 10 minutes", Duration(450, True)),
    ("between 5 and 10 min", Duration(450, True)), ("5m-10m", Duration(450, True)), ("30s-1m", Duration(45, True)),
    ("-5m", "duration '-5m' is negative"), ("90", "duration '90' has no unit"),
    ("5-10", "duration '5-10' has no unit"), ("ages", "duration 'ages' not understood"),
    ("5x", "duration '5x' not understood"), ("25h", "duration '25h' is longer than 24 hours"),
    ("a month", "duration 'a month' is longer than 24 hours"),
]


@pytest.mark.parametrize(("text", "expected"), DURATIONS)
def test_durations(text: str, expected: Duration | str) -> None:
    """Durations with units become seconds; estimates keep their number and are marked as estimates;
    negative, unit-less, unreadable and absurd ones are refused naming the value."""
    if isinstance(expected, Duration):
        assert read_duration(text) == expected
        assert parse_duration(text) == expected.seconds
    else:
        with pytest.raises(ValueError) as err:
            read_duration(text)
        assert str(err.value).startswith(expected)


@pytest.mark.parametrize(
    ("seconds", "approximate", "text"),
    [(90, False, "1m30s"), (300, True, "about 5 min"), (450, True, "about 8 min"), (5400, True, "about 1 h 30 min"),
     (7200, True, "about 2 h"), (45, True, "about 45 s"), (None, False, "?")],
)
def test_format_duration(seconds: int | None, approximate: bool, text: str) -> None:
    """An estimate is shown as 'about ...' in whole minutes, an exact duration as typed."""
    assert format_duration(seconds, approximate) == text


@given(st.integers(min_value=0, max_value=24 * 3600))
def test_format_and_parse_duration_round_trip(seconds: int) -> None:
    """Any duration shown by the program can be typed back and means the same."""
    assert read_duration(format_duration(seconds)) == Duration(seconds)


@given(st.integers(min_value=0, max_value=24 * 3600))
def test_an_estimate_shown_reads_back_as_an_estimate_of_the_shown_number(seconds: int) -> None:
    """'about 8 min' typed back is an estimate of what it says, within the rounding shown."""
    back = read_duration(format_duration(seconds, approximate=True))
    assert back.approximate
    assert abs(back.seconds - seconds) <= (0 if seconds < 60 else 30)


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("7", 7), (" 10 ", 10), ("8/10", 8), ("8 / 10", 8),
                                             ("7.0", 7)])
def test_parse_intensity(text: str, value: int) -> None:
    """Whole numbers 0-10 are intensities, also written out of 10."""
    assert parse_intensity(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [("11", "intensity 11 is out of range"), ("-1", "intensity -1 is out of range"),
     ("7.5", "intensity '7.5' is not a whole number: use 7 or 8"),
     ("6,5", "intensity '6,5' is not a whole number: use 6 or 7"),
     ("10.5", "intensity '10.5' is not a whole number: use 10 "),
     ("seven", "intensity 'seven' is a word: use 7"), ("7-8", "intensity '7-8' is a range: pick one, 7 or 8"),
     ("8/5", "intensity '8/5' is not out of 10"), ("high", "intensity 'high' is not a whole number")],
)
def test_parse_intensity_refuses_naming_the_nearest_whole_numbers(text: str, message: str) -> None:
    """Anything but a whole number 0-10 is refused, and a near miss names the whole numbers to use."""
    with pytest.raises(ValueError) as err:
        parse_intensity(text)
    assert str(err.value).startswith(message)


@given(st.integers(min_value=1, max_value=999).filter(lambda n: n % 100))
def test_a_fraction_is_refused_naming_the_two_whole_numbers_around_it(hundredths: int) -> None:
    """Any fraction between 0 and 10 is refused naming the whole numbers just below and above it."""
    with pytest.raises(ValueError) as err:
        parse_intensity(f"{hundredths // 100}.{hundredths % 100:02d}")
    assert f"use {hundredths // 100} or {hundredths // 100 + 1} " in str(err.value)


@pytest.mark.parametrize(
    ("text", "site"),
    [("lower-back", "lower-back"), ("Lower Back", "lower-back"), ("lumbar", "lower-back"),
     ("calves", "calf"), ("upper_back", "upper-back"), ("neck", "neck")],
)
def test_parse_site_accepts_vocabulary_and_aliases(text: str, site: str) -> None:
    """Sites come from the vocabulary; common words for them are accepted."""
    assert parse_site(text) == site


def test_parse_site_suggests_close_matches() -> None:
    """A misspelt site is refused with the close match suggested."""
    with pytest.raises(ValueError) as err:
        parse_site("lowr-back")
    assert str(err.value).startswith("unknown site 'lowr-back': did you mean lower-back? use one of neck,")


@pytest.mark.parametrize(("text", "side"), [("left", "left"), ("R", "right"), ("center", "centre"), ("both", "both")])
def test_parse_side(text: str, side: str) -> None:
    """Sides accept short forms and the American spelling."""
    assert parse_side(text) == side


@pytest.mark.parametrize(
    ("words", "found"),
    [(["calf"], ("calf", None, 1)), (["left", "calf"], (None, "left", 1)), (["lower", "back"], ("lower-back", None, 2)),
     (["hurt"], (None, None, 0)), (["l"], (None, None, 0))],
)
def test_site_or_side_reads_loose_words(words: list[str], found: tuple[str | None, str | None, int]) -> None:
    """Loose words after the intensity are a site (one or two words) or a side; a lone letter is not."""
    assert site_or_side(words) == found


def test_a_trigger_list_is_several_triggers_each_whole() -> None:
    """'bending over, stress' is two triggers; repeats are kept once."""
    assert parse_triggers("bending over, Stress; stress") == ["bending over", "stress"]


def test_regions_are_all_kept() -> None:
    """Several regions are stored together, each once, in the order given."""
    assert parse_regions(["lumbar", "pelvis, Lumbar"]) == "lumbar, pelvis"


DAYS_BACK = st.integers(min_value=1, max_value=3000)
CLOCKS = st.times().map(lambda t: t.replace(second=0, microsecond=0))
ZONES = st.sampled_from([BERLIN, NEW_YORK, ZoneInfo("Australia/Lord_Howe"), ZoneInfo("UTC")])
FORMATS = ["{d:%Y-%m-%d} {t:%H:%M}", "{d.day} {d:%b %Y} {t:%H:%M}", "{d:%B} {d.day} {d.year} at {t:%I:%M%p}",
           "{d.day}.{d.month}.{d.year} {t:%H:%M}", "{d.year}-{d.month}-{d.day}T{t:%H:%M}"]


@settings(max_examples=200, deadline=None)
@given(back=DAYS_BACK, clock=CLOCKS, zone=ZONES, form=st.sampled_from(FORMATS))
def test_any_written_date_and_time_reads_back_as_that_wall_clock_time(
        back: int, clock: dt.time, zone: ZoneInfo, form: str) -> None:
    """A past date and clock time written in any of the usual ways reads as exactly that local
    time, with nothing guessed, unless a clock change skipped it (refused) or repeated it (said)."""
    day = NOW.astimezone(zone).date() - dt.timedelta(days=back)
    text = form.format(d=day, t=clock)
    naive = dt.datetime.combine(day, clock)
    first = naive.replace(tzinfo=zone)
    exists = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive
    if not exists:
        with pytest.raises(ValueError, match="does not exist"):
            read_when(text, NOW, zone)
        return
    when = read_when(text, NOW, zone)
    assert when.instant.astimezone(zone).replace(tzinfo=None) == naive
    repeated = first.utcoffset() != naive.replace(tzinfo=zone, fold=1).utcoffset()
    assert (when.guess is not None) == repeated
    assert when.instant.astimezone(UTC) == first.astimezone(UTC)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40), zone=ZONES)
def test_any_text_is_a_past_instant_a_question_or_one_line(text: str, zone: ZoneInfo) -> None:
    """Whatever is typed, a time reads as an aware instant no later than a minute from now, or a
    day to ask about, or one line saying why not."""
    try:
        when = read_when(text, NOW, zone)
    except DayWithoutTime as asked:
        assert asked.day <= NOW.astimezone(zone).date()
    except ValueError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert when.instant.utcoffset() is not None and when.instant <= NOW + dt.timedelta(minutes=1)
        assert when.guess is None or "\n" not in when.guess


@given(st.text(max_size=30))
def test_parsers_raise_only_value_errors(text: str) -> None:
    """Whatever is typed, the other parsers either return a value or raise a ValueError with one line."""
    for parser in (
        lambda t: parse_day(t, NOW, BERLIN),
        parse_duration,
        parse_intensity,
        parse_site,
        parse_side,
        parse_triggers,
    ):
        try:
            parser(text)
        except ValueError as exc:
            assert "\n" not in str(exc)


@pytest.mark.parametrize("text", ["2am this morning", "7:15 this morning", "after lunch yesterday",
                                  "yesterday after dinner", "5am on the 24th"])
def test_the_library_is_not_trusted_against_a_typed_clock_time_or_a_word_it_passes_over(text: str) -> None:
    """parsedatetime reads "2am this morning" as 06:00 and "after lunch" as lunch; its reading
    is refused, never stored, when a clock time typed differs or a shifting word is in the text."""
    from diary.parse.fallback import library_when

    try:
        assert library_when(text, NOW.astimezone(BERLIN), BERLIN) is None
    except ValueError as exc:
        assert "not understood" in str(exc)


@pytest.mark.parametrize("typed", ["last week", "this weekend", "the past few days", "last month", "past fortnight",
                                   "the last 3 days"])
def test_a_stretch_of_days_is_not_taken_as_one_of_them(typed: str) -> None:
    """`diary quiet "last week"` marked one day (7 days ago): a stretch of days is refused, naming a range."""
    with pytest.raises(ValueError, match=r"is more than one day: name each day, or a range like mon\.\.fri"):
        parse_day(typed, NOW, BERLIN)


@pytest.mark.parametrize(("typed", "day"), [("a week ago", dt.date(2026, 11, 18)), ("2 days ago", dt.date(2026, 11, 23)),
                                             ("last monday", dt.date(2026, 11, 23))])
def test_one_day_said_with_week_words_is_still_one_day(typed: str, day: dt.date) -> None:
    assert parse_day(typed, NOW, BERLIN) == day
