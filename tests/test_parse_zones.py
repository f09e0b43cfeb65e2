"""The timezone suggested for a name typed loosely (`diary profile --timezone Berlin`)."""

from __future__ import annotations

import pytest

from diary.parse.zones import suggest_timezone


@pytest.mark.parametrize(("typed", "meant"), [
    ("Berlin", "Europe/Berlin"), ("europe/berlin", "Europe/Berlin"), ("EUROPE/BERLIN", "Europe/Berlin"),
    ("Europe/Berln", "Europe/Berlin"), ("berlin, germany", "Europe/Berlin"), ("Europe/Berlín", "Europe/Berlin"),
    ("new york", "America/New_York"), ("New-York", "America/New_York"), ("london", "Europe/London"),
    ("sao paulo", "America/Sao_Paulo"), ("kolkata", "Asia/Kolkata"), ("america/los angeles", "America/Los_Angeles"),
    ("Europe/Berlin", "Europe/Berlin"),
])
def test_a_loosely_typed_zone_suggests_its_iana_name(typed: str, meant: str) -> None:
    assert suggest_timezone(typed) == meant


@pytest.mark.parametrize("typed", ["", "xyz", "Europe", "not a place at all"])
def test_nothing_close_suggests_nothing(typed: str) -> None:
    assert suggest_timezone(typed) is None
