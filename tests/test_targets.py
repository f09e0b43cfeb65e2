"""Daily targets from the DRIs: the right row for sex, life stage and age, and honest defaults.

Expected values are the rows of ../shared/data/dri.csv quoted beside each case.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from diary.profile import Profile
from diary.targets import band_text, possible_ages, source_key, targets_for

DAY = dt.date(2026, 11, 25)


def person(sex: str | None = None, born: int | None = None, life_stage: str | None = None) -> Profile:
    return Profile(exists=True, sex=sex, birth_year=born, life_stage=life_stage)


def test_adult_woman_1979() -> None:
    """A woman born 1979 (46 or 47 in November 2026) gets the female 31-50 rows: water 2.7 L, Na 1500/2300,
    K 2600, Mg 320/350, Ca 1000/2500."""
    t = targets_for(person("female", 1979), DAY)
    got = {x.key: (x.goal, x.goal_kind, x.upper, x.upper_kind) for x in t}
    assert got == {
        "water_ml": (2700, "AI", None, None),  # water_total,AI,female,31,51,2.7,L/day
        "sodium_mg": (1500, "AI", 2300, "CDRR"),  # sodium,AI,female,31,51,1500 / sodium,CDRR,any,14,,2300
        "potassium_mg": (2600, "AI", None, None),  # potassium,AI,female,31,51,2600
        "magnesium_mg": (320, "RDA", 350, "UL"),  # magnesium,RDA,female,31,51,320 / magnesium,UL,any,9,,350
        "calcium_mg": (1000, "RDA", 2500, "UL"),  # calcium,RDA,female,31,51,1000 / calcium,UL,any,31,51,2500
    }
    assert (t.age, t.ages, t.age_text, t.age_note) == (46, (46, 47), "age 46 or 47", None)
    assert (t.group, t.assumed, t.assumption) == ("female 31-50 y", (), None)


def test_older_man() -> None:
    """A man born 1950 (76) gets the male 71+ rows: water 3.7 L, K 3400, Mg 420, Ca 1200 with the 2000 mg UL."""
    t = targets_for(person("male", 1950), DAY)
    assert [t[k].goal for k in ("water_ml", "potassium_mg", "magnesium_mg", "calcium_mg")] == [3700, 3400, 420, 1200]
    assert t["calcium_mg"].upper == 2000  # calcium,UL,any,71,,2000
    assert t.group == "male 71+ y"


NEW_YEARS_EVE = dt.date(2026, 12, 31)  # every birthday of 2026 has passed: the age is certain


@pytest.mark.parametrize(
    ("born", "magnesium", "calcium"),
    [
        (1996, 310, 1000),  # 30: magnesium,RDA,female,19,31,310
        (1995, 320, 1000),  # 31: magnesium,RDA,female,31,51,320
        (1976, 320, 1000),  # 50: still 31-50
        (1975, 320, 1200),  # 51: calcium,RDA,female,51,71,1200
    ],
)
def test_age_band_upper_bound_is_exclusive(born: int, magnesium: float, calcium: float) -> None:
    """age_min <= age < age_max: 30 is in 19-30, 31 in 31-50, 51 in 51-70."""
    t = targets_for(person("female", born), NEW_YEARS_EVE)
    assert (t["magnesium_mg"].goal, t["calcium_mg"].goal) == (magnesium, calcium)


@pytest.mark.parametrize(
    ("born", "on", "ages"),
    [
        (1979, dt.date(2026, 11, 25), (46, 47)),
        (1979, dt.date(2026, 1, 1), (46, 47)),  # born 1 January 1979, 47 that day; born later, still 46
        (1979, dt.date(2026, 12, 31), (47, 47)),
        (2026, dt.date(2026, 6, 1), (0, 0)),  # born this year: 0 (never -1)
        (2030, dt.date(2026, 6, 1), (0, 0)),
    ],
)
def test_a_birth_year_allows_two_ages_until_new_years_eve(born: int, on: dt.date, ages: tuple[int, int]) -> None:
    """On a day of year Y, someone born in B is Y-B-1 or Y-B; on 31 December only Y-B."""
    assert possible_ages(born, on) == ages


def test_at_a_band_edge_the_younger_age_is_used_and_said() -> None:
    """Born 1975, on 25 Nov 2026 she is 50 or 51: the 31-50 y targets (calcium RDA 1,000 mg, UL 2,500 mg) are used,
    and the note says what 51 would change (calcium,RDA,female,51,71,1200 / calcium,UL,any,51,71,2000)."""
    t = targets_for(person("female", 1975), DAY)
    assert (t.age, t.age_text, t.group) == (50, "age 50 or 51", "female 31-50 y")
    assert (t["calcium_mg"].goal, t["calcium_mg"].upper) == (1000, 2500)
    assert t.age_note == ("born 1975, so 50 or 51 (no birthday in the profile): the targets are for 50 (31-50 y) "
                          "until 31 December; at 51 (51-70 y): calcium 1,200 mg (RDA), calcium UL 2,000 mg")


def test_on_new_years_eve_the_older_band_applies() -> None:
    """On 31 Dec 2026 a woman born 1975 is surely 51: calcium 1,200 mg with the 2,000 mg UL, and no age note."""
    t = targets_for(person("female", 1975), NEW_YEARS_EVE)
    assert (t.age, t.age_text, t.group, t.age_note) == (51, "age 51", "female 51-70 y", None)
    assert (t["calcium_mg"].goal, t["calcium_mg"].upper) == (1200, 2000)


def test_no_age_note_when_both_ages_share_the_targets() -> None:
    """Born 1979 (46 or 47), both ages are in 31-50 y, so there is nothing to say about the birthday."""
    assert targets_for(person("male", 1979), DAY).age_note is None


def test_pregnant_woman_uses_pregnancy_rows_and_falls_back() -> None:
    """Pregnant at 31 (born 1994): water 3.0 L, K 2900, Mg 360 from the pregnant rows; the magnesium UL from `any`."""
    t = targets_for(person("female", 1994, "pregnant"), DAY)
    assert t["water_ml"].goal == 3000  # water_total,AI,pregnant,31,51,3.0
    assert t["potassium_mg"].goal == 2900  # potassium,AI,pregnant,31,51,2900
    assert t["magnesium_mg"].goal == 360  # magnesium,RDA,pregnant,31,51,360
    assert t["magnesium_mg"].upper == 350  # magnesium,UL,any,9,,350
    assert t["calcium_mg"].upper == 2500  # calcium,UL,pregnant,19,51,2500
    assert t.group == "pregnant female 31-50 y"


def test_lactating_teen_without_a_water_row_falls_back_to_female() -> None:
    """Lactation 14-18 has no total-water row, so the female 14-18 row (2.3 L) is used."""
    t = targets_for(person("female", 2010, "lactating"), DAY)  # 16
    assert t["water_ml"].goal == 2300  # water_total,AI,female,14,19,2.3
    assert t["potassium_mg"].goal == 2500  # potassium,AI,lactating,14,19,2500


def test_child_has_no_sodium_cdrr() -> None:
    """At 12 there is no sodium CDRR in the data (it starts at 14), so no upper line is invented."""
    t = targets_for(person("male", 2014), DAY)
    assert (t["sodium_mg"].goal, t["sodium_mg"].upper) == (1200, None)  # sodium,AI,male,9,14,1200
    assert t["magnesium_mg"].goal == 240


def test_no_profile_assumes_an_adult_woman_and_says_so() -> None:
    """Without sex and birth year the targets are those of a woman aged 31-50, and the text says how to change it."""
    t = targets_for(Profile(), DAY)
    assert (t.sex, t.age, t.assumed, t.ages, t.age_text) == ("female", 40, ("sex", "age"), None, "age 40 assumed")
    assert t.assumption == "adult female, 31-50 y (no sex or birth year in your profile)"
    assert t.how_to_set == "diary profile --sex female|male --born YEAR"  # placeholders, not example data
    assert t["potassium_mg"].goal == 2600


def test_only_sex_missing_keeps_the_age() -> None:
    """A birth year without sex uses that age with the female rows and names only the sex as assumed."""
    t = targets_for(SimpleNamespace(sex=None, birth_year=1950, life_stage=None), DAY)
    assert t.assumed == ("sex",)
    assert t.assumption == "female, 71+ y (no sex in your profile)"
    assert t["calcium_mg"].goal == 1200


def test_targets_name_their_sources_and_caveats() -> None:
    """Each goal and upper line carries dri.csv's src key; the caveats say what the clinician must know."""
    t = targets_for(person("female", 1979), DAY)
    assert t["potassium_mg"].source == "NASEM2019-TableS-1"
    assert t["sodium_mg"].upper_source == "NASEM2019-CDRR-quoted"
    assert t["magnesium_mg"].upper_source == "IOM2000-ULtable"
    assert t["water_ml"].goal_source == "NASEM2011-TotalWater"
    assert "kidney disease" in t["potassium_mg"].caveat
    assert "not been shown to prevent muscle cramps" in t["magnesium_mg"].caveat
    assert "supplements and medicines only" in t["magnesium_mg"].caveat


def test_only_the_magnesium_ul_is_for_supplements_only() -> None:
    """The magnesium UL applies to supplements only; the calcium UL and sodium CDRR to everything."""
    t = targets_for(person("male", 1980), DAY)
    assert [x.key for x in t if x.upper_supplements_only] == ["magnesium_mg"]


def test_fluid_is_total_water() -> None:
    """Fluid is compared as total water (drinks and food), and the targets say so."""
    assert targets_for(Profile(), DAY).fluid_basis == "water_total"


@pytest.mark.parametrize(("lo", "hi", "text"), [(31, 51, "31-50 y"), (71, None, "71+ y"), (0, 0.5, "0-6 mo"),
                                                (0.5, 1, "7-12 mo"), (9, None, "9+ y")])
def test_age_bands_read_like_the_dri_tables(lo: float, hi: float | None, text: str) -> None:
    """Bands are shown as the DRI tables write them (the upper bound is exclusive in the data)."""
    assert band_text(lo, hi) == text


def test_source_key_is_read_from_the_note() -> None:
    """'src=KEY; caveat' gives KEY."""
    assert source_key("src=NASEM2019-TableS-1; 2019 update") == "NASEM2019-TableS-1"
    assert source_key("no source here") is None
