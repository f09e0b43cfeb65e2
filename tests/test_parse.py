"""The parsers for what a patient types: times, days, durations, intensities, sites."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diary.parse import (
    format_duration,
    parse_day,
    parse_duration,
    parse_intensity,
    parse_side,
    parse_site,
    parse_when,
)

BERLIN = ZoneInfo("Europe/Berlin")
# Wednesday 25 November 2026, 10:00 in Berlin (09:00 UTC).
NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.timezone.utc)


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", berlin(2026, 11, 25, 10, 0)),
        ("NOW", berlin(2026, 11, 25, 10, 0)),
        ("08:15", berlin(2026, 11, 25, 8, 15)),
        ("8:15", berlin(2026, 11, 25, 8, 15)),
        ("7am", berlin(2026, 11, 25, 7, 0)),
        ("yesterday 21:30", berlin(2026, 11, 24, 21, 30)),
        ("Yesterday  9pm", berlin(2026, 11, 24, 21, 0)),
        ("today 06:00", berlin(2026, 11, 25, 6, 0)),
        ("yesterday", berlin(2026, 11, 24, 12, 0)),
        ("2h ago", berlin(2026, 11, 25, 8, 0)),
        ("90 min ago", berlin(2026, 11, 25, 8, 30)),
        ("1h30m ago", berlin(2026, 11, 25, 8, 30)),
        ("3 days ago", berlin(2026, 11, 22, 10, 0)),
        ("mon 8:00", berlin(2026, 11, 23, 8, 0)),
        ("monday", berlin(2026, 11, 23, 12, 0)),
        ("wednesday 09:00", berlin(2026, 11, 25, 9, 0)),  # today's weekday: today, when not in the future
        ("wed 11:00", berlin(2026, 11, 18, 11, 0)),  # ... else last week's
        ("last wednesday 09:00", berlin(2026, 11, 18, 9, 0)),
        ("8.30", berlin(2026, 11, 25, 8, 30)),
        ("this morning", berlin(2026, 11, 25, 8, 0)),
        ("this morning 7:15", berlin(2026, 11, 25, 7, 15)),
        ("last night 23:30", berlin(2026, 11, 24, 23, 30)),
        ("last night 2:00", berlin(2026, 11, 25, 2, 0)),  # after midnight: early today
        ("yesterday evening", berlin(2026, 11, 24, 19, 0)),
        ("half an hour ago", berlin(2026, 11, 25, 9, 30)),
        ("1,5h ago", berlin(2026, 11, 25, 8, 30)),
        ("last friday 18:45", berlin(2026, 11, 20, 18, 45)),
        ("2026-11-03 10:00", berlin(2026, 11, 3, 10, 0)),
        ("2026-11-03T10:00", berlin(2026, 11, 3, 10, 0)),
        ("2026-11-03", berlin(2026, 11, 3, 12, 0)),
        ("2026-11-03 10:00:30", berlin(2026, 11, 3, 10, 0, 30)),
        ("2026-11-03T09:00Z", dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.timezone.utc)),
    ],
)
def test_parse_when_understands_the_documented_forms(text: str, expected: dt.datetime) -> None:
    """Each documented way of saying a time gives the instant a patient means, in their timezone."""
    assert parse_when(text, NOW, BERLIN) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("11:00", "time '11:00' is in the future (for last night say 'yesterday 11:00')"),
        ("2026-11-26 08:00", "time '2026-11-26 08:00' is in the future"),
        ("tomorrow", "time 'tomorrow' not understood"),
        ("25:00", "time '25:00' not understood"),
        ("", "empty time"),
        ("soon ago", "time 'soon ago' not understood"),
        ("99999 days ago", "time '99999 days ago' is before 1900"),
        ("1850-01-01 10:00", "time '1850-01-01 10:00' is before 1900"),
        ("0001-01-01 00:00", "time '0001-01-01 00:00' is out of range"),
        ("this evening", "time 'this evening' is in the future"),
    ],
)
def test_parse_when_refuses_future_and_nonsense(text: str, message: str) -> None:
    """A future time or an unreadable one is refused with a message naming the value."""
    with pytest.raises(ValueError) as err:
        parse_when(text, NOW, BERLIN)
    assert str(err.value).startswith(message)


def test_a_minute_of_clock_skew_is_allowed() -> None:
    """A time up to one minute ahead (clock skew between devices) is accepted."""
    assert parse_when("10:01", NOW, BERLIN) == berlin(2026, 11, 25, 10, 1)


def test_a_time_skipped_by_daylight_saving_is_refused() -> None:
    """02:30 on the spring-forward night does not exist in Berlin and is refused, not shifted."""
    later = dt.datetime(2026, 4, 1, 12, 0, tzinfo=dt.timezone.utc)
    with pytest.raises(ValueError, match="does not exist in Europe/Berlin"):
        parse_when("2026-03-29 02:30", later, BERLIN)


def test_local_times_across_the_autumn_change_keep_their_day() -> None:
    """An evening time on the autumn-change day is stored at the right UTC instant (UTC+1 after)."""
    later = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.timezone.utc)
    when = parse_when("2026-10-25 21:00", later, BERLIN)
    assert when.astimezone(dt.timezone.utc) == dt.datetime(2026, 10, 25, 20, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", dt.date(2026, 11, 25)),
        ("yesterday", dt.date(2026, 11, 24)),
        ("2 days ago", dt.date(2026, 11, 23)),
        ("sun", dt.date(2026, 11, 22)),
        ("2026-11-03", dt.date(2026, 11, 3)),
    ],
)
def test_parse_day(text: str, expected: dt.date) -> None:
    """Days are local calendar days of the diary's timezone."""
    assert parse_day(text, NOW, BERLIN) == expected


def test_parse_day_uses_the_local_date_not_the_utc_date() -> None:
    """At 00:30 in Berlin it is still the previous day in UTC, but 'today' is the Berlin day."""
    just_after_midnight = dt.datetime(2026, 11, 24, 23, 30, tzinfo=dt.timezone.utc)
    assert parse_day("today", just_after_midnight, BERLIN) == dt.date(2026, 11, 25)


@pytest.mark.parametrize("text", ["2026-11-26", "tomorrow", "someday"])
def test_parse_day_refuses_future_and_nonsense(text: str) -> None:
    """A future or unreadable day is refused."""
    with pytest.raises(ValueError, match=f"day '{text}'"):
        parse_day(text, NOW, BERLIN)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90s", 90), ("5m", 300), ("1h30m", 5400), ("2 min", 120), ("1.5h", 5400), ("1,5h", 5400), ("45 seconds", 45),
     ("0s", 0)],
)
def test_parse_duration(text: str, seconds: int) -> None:
    """Durations with units become seconds."""
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5m", "duration '-5m' is negative"),
        ("90", "duration '90' has no unit"),
        ("five minutes", "duration 'five minutes' not understood"),
        ("5x", "duration '5x' not understood"),
        ("25h", "duration '25h' is longer than 24 hours"),
    ],
)
def test_parse_duration_refuses(text: str, message: str) -> None:
    """Negative, unit-less, unreadable and absurd durations are refused, naming the value."""
    with pytest.raises(ValueError) as err:
        parse_duration(text)
    assert str(err.value).startswith(message)


@given(st.integers(min_value=0, max_value=24 * 3600))
def test_format_and_parse_duration_round_trip(seconds: int) -> None:
    """Any duration shown by the program can be typed back and means the same."""
    assert parse_duration(format_duration(seconds)) == seconds


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("7", 7), (" 10 ", 10)])
def test_parse_intensity(text: str, value: int) -> None:
    """Whole numbers 0-10 are intensities."""
    assert parse_intensity(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [("11", "intensity 11 is out of range"), ("-1", "intensity -1 is out of range"),
     ("6.5", "intensity '6.5' is not a whole number"), ("high", "intensity 'high' is not a whole number")],
)
def test_parse_intensity_refuses(text: str, message: str) -> None:
    """Anything but a whole number 0-10 is refused."""
    with pytest.raises(ValueError) as err:
        parse_intensity(text)
    assert str(err.value).startswith(message)


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


@given(st.text(max_size=30))
def test_parsers_raise_only_value_errors(text: str) -> None:
    """Whatever is typed, the parsers either return a value or raise a ValueError with one line."""
    for parser in (
        lambda t: parse_when(t, NOW, BERLIN),
        lambda t: parse_day(t, NOW, BERLIN),
        parse_duration,
        parse_intensity,
        parse_site,
        parse_side,
    ):
        try:
            parser(text)
        except ValueError as exc:
            assert "\n" not in str(exc)
