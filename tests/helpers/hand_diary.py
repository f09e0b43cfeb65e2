"""The hand-built November diary of tests/test_report_data.py, whose every number is worked out
here, shared by the report's tests (data, layout, month, the PDF).

The hand diary (Europe/Berlin, November 2026 = UTC+1 throughout), window 7 days:

- One adjustment A1 on Tue 10 Nov 12:00 (Dr. Lee, lumbar).
- Nothing logged on Nov 1, 2, 5, 14 (unobserved); Nov 20 has only a drink (unobserved:
  a day counts when it has a spasm or a quiet mark).
- Quiet marks on Nov 18, 19, 21-24, 26-30 (11 days); one spasm on Nov 25.
- Spasms (local time, intensity):
  Nov 3 09:00 (5), Nov 3 15:00 (6), Nov 4 10:00 (6), Nov 6 10:00 (7), Nov 7 10:00 (6),
  Nov 8 08:00 (7), 14:00 (8), 20:00 (7), Nov 9 08:00 (8), 13:00 (9), 21:00 (7),
  Nov 10 09:00 (8) | Nov 10 18:00 (4), Nov 11 08:00 (3), Nov 12 10:00 (4),
  Nov 13 10:00 (2), Nov 15 10:00 (3), Nov 16 10:00 (4), Nov 17 10:00 (3), Nov 25 10:00 (5).

So: 30 days, 25 observed (13 with spasms from Nov 3 to 17, 11 quiet, Nov 25), 20 spasms,
median intensity 6. Durations 60 s except Nov 13 and Nov 25 (unknown): 18 known minutes,
2 unknown. Logged 10 min after starting except Nov 4 and Nov 12 (30 h later): median
delay 10 min, 2 of 20 logged a day or more late.

Care began with A1 (10 Nov): the baseline, 13 Oct to 9 Nov, has 6 observed days (Nov 3,
4, 6-9), fewer than 14: no usable baseline, and since care began inside the month there is
nothing fair to compare the month with.

Before A1 (3 Nov 12:00 to 10 Nov 12:00): 11 spasms on 7 spasm days (Nov 3, 4, 6-10);
observed days 0.5 (Nov 3 from noon) + 1 (Nov 4) + 0 (Nov 5) + 4 (Nov 6-9) + 0.5 (Nov 10
to noon) = 6.0. After A1 (10 Nov 12:00 to 17 Nov 12:00): 7 spasms on 7 spasm days (Nov
10-13, 15-17); 0.5 + 3 (Nov 11-13) + 0 (Nov 14) + 2 (Nov 15-16) + 0.5 = 6.0.
Pooled from care began (10 Nov 00:00) to 1 Dec: the first 24 h hold 2 spasms on 1.0
observed day; the rest 7 spasms on 18.0 observed days: one observed day is too few to compare.
Intake: Nov 7 water 1000 ml; Nov 11 water 3000 ml; Nov 12 water 3000 ml and 15 g of a
mayonnaise whose magnesium is unknown (04011); Nov 20 water 500 ml; Nov 24 water 3000 ml
and a banana (09040, 118 g). Nov 7, 11, 12 and 24 are marked complete; Nov 20 (only the
water) is not.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from diary import entries
from diary.foods import intake_values
from diary.profile import set_profile
from diary.reports.data import Period, ReportData, load
from diary.storage import open_diary, read_connection
from tests.helpers.report import mark_complete

TZ = ZoneInfo("Europe/Berlin")
NOVEMBER = Period.month(2026, 11)
CUTOFF = dt.datetime(2026, 12, 10, 10, 0, tzinfo=TZ)

SPASMS = [  # local time, intensity, triggers
    ("2026-11-03 09:00", 5, ()), ("2026-11-03 15:00", 6, ("lifting",)), ("2026-11-04 10:00", 6, ()),
    ("2026-11-06 10:00", 7, ("lifting", "sleep")), ("2026-11-07 10:00", 6, ()), ("2026-11-08 08:00", 7, ("sleep",)),
    ("2026-11-08 14:00", 8, ()), ("2026-11-08 20:00", 7, ()), ("2026-11-09 08:00", 8, ()),
    ("2026-11-09 13:00", 9, ("lifting",)), ("2026-11-09 21:00", 7, ()), ("2026-11-10 09:00", 8, ()),
    ("2026-11-10 18:00", 4, ()), ("2026-11-11 08:00", 3, ()), ("2026-11-12 10:00", 4, ()),
    ("2026-11-13 10:00", 2, ()), ("2026-11-15 10:00", 3, ()), ("2026-11-16 10:00", 4, ()),
    ("2026-11-17 10:00", 3, ()), ("2026-11-25 10:00", 5, ()),
]
QUIET = [18, 19, 21, 22, 23, 24, 26, 27, 28, 29, 30]
LATE = {"2026-11-04 10:00", "2026-11-12 10:00"}
UNKNOWN_DURATION = {"2026-11-13 10:00", "2026-11-25 10:00"}


def local(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=TZ)


def build_hand_diary(location: str, *, adjustment: bool = True, note: str | None = None) -> None:
    """Write the hand diary of this module's docstring into an empty diary at `location`."""
    with open_diary(location) as store:
        set_profile(store, local("2026-10-01 09:00"), {
            "name": "Test Patient", "sex": "female", "birth_year": 1979, "timezone": "Europe/Berlin"})
        for when, intensity, triggers in SPASMS:
            started = local(when)
            logged = started + (dt.timedelta(hours=30) if when in LATE else dt.timedelta(minutes=10))
            entries.log_episode(
                store, logged, started_at=started, intensity=intensity,
                duration_s=None if when in UNKNOWN_DURATION else 60, site="calf" if intensity < 5 else "lower-back",
                side="left" if intensity % 2 else "right", triggers=list(triggers),
                note=note if when == "2026-11-25 10:00" else None,
            )
        for day in QUIET:
            entries.mark_quiet(store, local(f"2026-11-{day:02d} 22:00"), dt.date(2026, 11, day), TZ)
        if adjustment:
            entries.log_adjustment(store, local("2026-11-10 13:00"), at=local("2026-11-10 12:00"),
                                   provider="Dr. Lee", region="lumbar")
        for day, ml in ((7, 1000), (11, 3000), (12, 3000), (20, 500), (24, 3000)):
            at = local(f"2026-11-{day:02d} 09:00")
            entries.log_intake(store, at, entries.water_intake(at, ml, f"{ml} ml"))
        at = local("2026-11-12 12:30")
        entries.log_intake(store, at, intake_values("04011", 15, "1 tbsp", at))
        at = local("2026-11-24 16:00")
        entries.log_intake(store, at, intake_values("09040", 118, "1 medium", at))
        for day in (7, 11, 12, 24):
            mark_complete(store, local(f"2026-11-{day:02d} 22:30"), dt.date(2026, 11, day))


def load_month(location: str, period: Period = NOVEMBER, window: int = 7,
               cutoff: dt.datetime = CUTOFF) -> ReportData:
    with read_connection(location) as conn:
        return load(conn, period, window_days=window, cutoff=cutoff)
