"""diary today: the day's fluid and electrolytes against the profile's targets.

Totals are worked by hand from the CSV rows (banana 09040: 74.91 g water, Na 1, K 358,
Mg 27, Ca 5 per 100 g; medium = 118 g) and dri.csv (female 31-50 y).
"""

from __future__ import annotations

import pytest

from tests.helpers import Diary

NOW = "2026-11-25T20:00:00+01:00"

SOURCES = ("Sources: fluid AI NASEM2011-TotalWater; sodium AI NASEM2019-AppJ-Elements, CDRR NASEM2019-CDRR-quoted; "
           "potassium AI NASEM2019-TableS-1; magnesium RDA NASEM2019-AppJ-Elements, UL IOM2000-ULtable; "
           "calcium RDA NASEM2019-AppJ-Elements, UL NASEM2011-CaUL-copies (see diary foods info).")
# Placeholders, not example values that could be taken for the patient's data.
DEFAULT = ("Targets assume an adult female, 31-50 y (no sex or birth year in your profile): set yours with "
           "diary profile --sex female|male --born YEAR.")


def block(stdout: str) -> list[str]:
    """The lines from the targets heading on."""
    lines = stdout.splitlines()
    return lines[lines.index("") + 1:]


def test_a_day_against_the_default_targets(run: Diary) -> None:
    """A banana, 500 ml water and 200 mg magnesium: each total against the female 31-50 targets, sources named."""
    run("eat", "banana", "--at", "08:00", now=NOW)
    run("drink", "500ml", "--at", "09:00", now=NOW)
    run("supplement", "magnesium", "200mg", "--at", "10:00", now=NOW)
    run("complete", now=NOW)
    result = run("today", now=NOW)
    # fluid 74.91*118/100 + 500 = 588.39 ml (22% of 2,700); Na 1.18; K 358*1.18 = 422.44 (16% of 2,600);
    # Mg 27*1.18 + 200 = 231.86 (72% of 320; supplements 200 of the 350 UL); Ca 5*1.18 = 5.9 (1% of 1,000)
    assert block(result.stdout) == [
        "Against your daily targets (Dietary Reference Intakes, female 31-50 y):",
        "  Fluid: 588 ml of 2,700 ml (AI), 22%, below; all water, drinks and food",
        "  Sodium: 1 mg of 1,500 mg (AI), 0%, below; reduce if above 2,300 mg (CDRR)",
        "  Potassium: 422 mg of 2,600 mg (AI), 16%, below",
        "  Magnesium: 232 mg of 320 mg (RDA), 72%, below; supplements 200 mg of the 350 mg (UL), which counts "
        "supplements only",
        "  Calcium: 6 mg of 1,000 mg (RDA), 1%, below; upper level 2,500 mg (UL)",
        SOURCES,
        "Note: The potassium AI does not apply with kidney disease or with drugs that impair potassium excretion "
        "(e.g. ACE inhibitors, potassium-sparing diuretics). Magnesium supplements have not been shown to prevent "
        "muscle cramps.",
        DEFAULT,
        "Wed 25 has no record: diary quiet wed if it had no spasms",
    ]


def test_unknown_values_make_the_total_a_lower_bound(run: Diary) -> None:
    """With a food whose K and Mg are unknown, those totals read "at least" and the reason is given."""
    run("eat", "banana", "--at", "08:00", now=NOW)
    run("eat", "16259", "100g", "--at", "09:00", now=NOW)  # SILK soy yogurt: K and Mg empty in foods.csv
    run("complete", now=NOW)
    lines = block(run("today", now=NOW).stdout)
    assert lines[3] == "  Potassium: at least 422 mg of 2,600 mg (AI), 16%, below, or unknown"
    assert lines[4].startswith("  Magnesium: at least 32 mg of 320 mg (RDA), 10%, below, or unknown;")
    assert lines[5].startswith("  Calcium: 182 mg of 1,000 mg (RDA)")  # 5.9 + 176
    assert lines[6] == "  'At least': no value in the food table (unknown, not zero) for K in 1 entry, Mg in 1 entry."


def test_sodium_above_the_cdrr_says_reduce(run: Diary) -> None:
    """Two teaspoons of salt (2 x 38758 x 6 / 100 = 4,650.96 mg) are flagged above the 2,300 mg CDRR."""
    run("eat", "salt", "2 tsp", "--at", "08:00", now=NOW)
    run("complete", now=NOW)
    assert block(run("today", now=NOW).stdout)[2] == \
        "  Sodium: 4,651 mg of 1,500 mg (AI), 310%, met; ABOVE 2,300 mg (CDRR): reduce"


def test_magnesium_ul_counts_supplements_only(run: Diary) -> None:
    """Food magnesium above 350 mg is not flagged; supplement magnesium above it is."""
    run("eat", "11457", "500g", "--at", "08:00", now=NOW)  # spinach: 79 x 5 = 395 mg from food
    run("complete", now=NOW)
    food_only = block(run("today", now=NOW).stdout)[4]
    assert food_only == ("  Magnesium: 395 mg of 320 mg (RDA), 123%, met; supplements 0 mg of the 350 mg (UL), which "
                         "counts supplements only")
    run("supplement", "magnesium", "400mg", "--at", "09:00", now=NOW)
    assert block(run("today", now=NOW).stdout)[4] == \
        "  Magnesium: 795 mg of 320 mg (RDA), 248%, met; supplements 400 mg, ABOVE the 350 mg (UL) for supplements"


def test_profile_chooses_the_targets(run: Diary) -> None:
    """A man born 1950 (75 or 76) gets the male 71+ targets, his two possible ages, and no default note."""
    run("profile", "--sex", "male", "--born", "1950", now=NOW)
    run("drink", "1l", "--at", "08:00", now=NOW)
    run("complete", now=NOW)
    lines = block(run("today", now=NOW).stdout)
    assert lines[0] == "Against your daily targets (Dietary Reference Intakes, male 71+ y; age 75 or 76):"
    assert lines[1] == "  Fluid: 1,000 ml of 3,700 ml (AI), 27%, below; all water, drinks and food"
    assert lines[5] == "  Calcium: 0 mg of 1,200 mg (RDA), 0%, below; upper level 2,000 mg (UL)"
    assert not any(line.startswith(("Targets assume", "Age:")) for line in lines)


def test_a_birth_year_at_a_band_edge_says_which_age_was_used(run: Diary) -> None:
    """Born 1975, on 25 Nov 2026 she is 50 or 51: the 31-50 y calcium (1,000 mg, UL 2,500 mg) is used, and a line
    says so and what 51 would give (dri.csv calcium,RDA,female,51,71,1200 and calcium,UL,any,51,71,2000)."""
    run("profile", "--sex", "female", "--born", "1975", now=NOW)
    run("eat", "01077", "1 cup", "--at", "08:00", now=NOW)  # Ca 113 x 2.44 = 275.72 mg
    run("complete", now=NOW)
    lines = block(run("today", now=NOW).stdout)
    assert lines[0] == "Against your daily targets (Dietary Reference Intakes, female 31-50 y; age 50 or 51):"
    assert lines[5] == "  Calcium: 276 mg of 1,000 mg (RDA), 28%, below; upper level 2,500 mg (UL)"
    assert lines[-2] == ("Age: born 1975, so 50 or 51 (no birthday in the profile): the targets are for 50 (31-50 y) "
                         "until 31 December; at 51 (51-70 y): calcium 1,200 mg (RDA), calcium UL 2,000 mg.")


def test_on_new_years_eve_the_age_is_certain(run: Diary) -> None:
    """On 31 Dec 2026 a woman born 1975 is 51: calcium 1,200 mg (RDA) and 2,000 mg (UL), no age line."""
    eve = "2026-12-31T20:00:00+01:00"
    run("profile", "--sex", "female", "--born", "1975", now=eve)
    run("drink", "250ml", "--at", "08:00", now=eve)
    run("complete", now=eve)
    lines = block(run("today", now=eve).stdout)
    assert lines[0] == "Against your daily targets (Dietary Reference Intakes, female 51-70 y; age 51):"
    assert lines[5] == "  Calcium: 0 mg of 1,200 mg (RDA), 0%, below; upper level 2,000 mg (UL)"
    assert not any(line.startswith("Age:") for line in lines)


def test_a_day_without_intake_is_not_zero_intake(run: Diary) -> None:
    """With nothing drunk or eaten, today shows no totals, says so, and lists the targets."""
    run("spasm", "4", "--at", "08:00", now=NOW)
    assert block(run("today", now=NOW).stdout)[:3] == [
        "Against your daily targets (Dietary Reference Intakes, female 31-50 y):",
        "  Nothing drunk or eaten logged: a day with nothing logged is not a day of zero intake.",
        "  Targets: fluid 2,700 ml (AI); sodium 1,500 mg (AI); potassium 2,600 mg (AI); magnesium 320 mg (RDA); "
        "calcium 1,000 mg (RDA).",
    ]


@pytest.mark.parametrize(("day", "fluid"), [("yesterday", "  Fluid: 250 ml"), ("2026-11-25", "  Fluid: 400 ml")])
def test_date_picks_the_local_day(run: Diary, day: str, fluid: str) -> None:
    """--date shows that local day only: 23:30 yesterday and 00:30 today (Berlin) fall on their own days."""
    run("drink", "250ml", "--at", "yesterday 23:30", now=NOW)
    run("drink", "400ml", "--at", "00:30", now=NOW)
    run("complete", "yesterday", "today", now=NOW)
    assert block(run("today", "--date", day, now=NOW).stdout)[1].startswith(fluid + " of 2,700 ml")


def test_deleted_intake_is_not_counted(run: Diary) -> None:
    """A deleted drink no longer counts towards the day's fluid."""
    run("drink", "300ml", "--at", "08:00", now=NOW)
    run("drink", "200ml", "--at", "09:00", now=NOW)
    run("delete", "2", now=NOW)
    run("complete", now=NOW)
    assert block(run("today", now=NOW).stdout)[1].startswith("  Fluid: 300 ml of 2,700 ml")


def test_bad_date_is_refused(run: Diary) -> None:
    """An unreadable --date is one line on stderr, exit 2."""
    result = run("today", "--date", "someday", now=NOW)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Invalid value for --date: day 'someday' not understood")


# --- complete days ------------------------------------------------------------------------------------


def test_a_day_not_marked_complete_shows_totals_so_far_without_a_verdict(run: Diary) -> None:
    """A day with only a glass of water logged is not a day of 0 mg potassium: until it is marked complete, today
    shows the totals "so far" with their share and no met/below verdict, and says how to mark it."""
    run("drink", "a glass of water", "--at", "08:00", now=NOW)
    out = run("today", now=NOW).stdout
    assert "Food and drink: not marked complete." in out.splitlines()
    assert block(out)[:4] == [
        "Against your daily targets (Dietary Reference Intakes, female 31-50 y):",
        "  Day not marked complete, so these are totals so far: diary complete marks it when all you ate and drank "
        "is logged.",
        "  Fluid: 250 ml so far of 2,700 ml (AI), 9%; all water, drinks and food",
        "  Sodium: 0 mg so far of 1,500 mg (AI), 0%; reduce if above 2,300 mg (CDRR)",
    ]
    assert not any(line.endswith(("below", "met")) or ", below;" in line for line in block(out))


def test_marking_the_day_complete_gives_the_verdicts_and_undo_takes_it_back(run: Diary) -> None:
    """`diary complete` marks today (an entry of kind 'complete', listed by today); the targets then get their
    verdicts; `diary undo` removes the mark and the verdicts go again."""
    run("drink", "a glass of water", "--at", "08:00", now=NOW)
    marked = run("complete", now=NOW)
    assert marked.stdout == "Marked Wed 25 Nov 2026 as complete: all you ate and drank is logged (#2).\n"
    assert run.rows("SELECT e.kind, c.day FROM complete_day c JOIN entry e ON e.id = c.id") == [
        ("complete", "2026-11-25")]
    out = run("today", now=NOW).stdout
    assert "#2     Wed 25 Nov (day)   complete   all food and drink logged this day" in out.splitlines()
    assert "Food and drink: complete (marked #2)." in out.splitlines()
    assert block(out)[1] == "  Fluid: 250 ml of 2,700 ml (AI), 9%, below; all water, drinks and food"
    run("undo", now=NOW)
    assert block(run("today", now=NOW).stdout)[2].startswith("  Fluid: 250 ml so far")


def test_always_complete_in_the_profile_makes_every_day_complete(run: Diary) -> None:
    """With `diary profile --always-complete`, every day's totals get verdicts without a mark, and today says why."""
    run("profile", "--always-complete", now=NOW)
    run("drink", "1l", "--at", "08:00", now=NOW)
    out = run("today", now=NOW).stdout
    assert "Food and drink: complete (your profile says you log everything every day)." in out.splitlines()
    assert block(out)[1] == "  Fluid: 1,000 ml of 2,700 ml (AI), 37%, below; all water, drinks and food"
