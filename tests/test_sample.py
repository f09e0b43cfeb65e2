"""`diary sample`: a realistic, reproducible sample diary, only ever into an empty diary."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from diary.sample import plan_sample

FOODS_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "foods.csv"
NOW = "2026-11-25T10:00:00+01:00"
TZ = ZoneInfo("Europe/Berlin")


def _food_descriptions() -> dict[str, str]:
    """NDB number -> description from the USDA CSV when the shared data sit beside the checkout,
    else from the table the package ships (built from that CSV and checked against it elsewhere)."""
    if FOODS_CSV.exists():
        with open(FOODS_CSV, encoding="utf-8") as fh:
            return {row["ndb_no"]: row["description"] for row in csv.DictReader(fh)}
    import sqlite3

    import diary

    conn = sqlite3.connect(Path(diary.__file__).parent / "data" / "foods.sqlite")
    try:
        return {f"{i:05d}": d for i, d in conn.execute("SELECT id, description FROM food")}
    finally:
        conn.close()


def _rows(plan):  # type: ignore[no-untyped-def]
    return [(e.kind, e.logged_at, sorted((k, repr(v)) for k, v in e.values.items())) for e in plan.entries]


def test_same_seed_and_end_give_the_same_plan() -> None:
    """The plan depends only on seed, months and end day; another seed gives another diary."""
    a = plan_sample(months=2, seed=1, end=dt.date(2026, 10, 31))
    b = plan_sample(months=2, seed=1, end=dt.date(2026, 10, 31))
    c = plan_sample(months=2, seed=2, end=dt.date(2026, 10, 31))
    assert _rows(a) == _rows(b)
    assert _rows(a) != _rows(c)
    assert (a.first, a.last) == (dt.date(2026, 9, 1), dt.date(2026, 10, 31))


def test_plan_looks_like_a_patients_diary() -> None:
    """Five weeks of baseline, then about weekly adjustments, spasms on a 0-10 scale, quiet and unobserved days,
    and foods from the USDA table."""
    plan = plan_sample(months=3, seed=1, end=dt.date(2026, 11, 24))
    days = (plan.last - plan.first).days + 1
    adjustments = sorted(e.values["at"] for e in plan.entries if e.kind == "adjustment")
    gaps = [(b - a).days for a, b in itertools.pairwise(adjustments)]
    assert all(5 <= g <= 9 for g in gaps) and len(adjustments) >= 7
    assert 35 <= (adjustments[0].astimezone(TZ).date() - plan.first).days <= 37
    spasms = [e.values for e in plan.entries if e.kind == "spasm"]
    assert 0.8 * days < len(spasms) < 2.5 * days
    assert all(0 <= s["intensity"] <= 10 for s in spasms)
    assert any(s["duration_s"] is None for s in spasms)  # some durations unknown
    logged_days = {e.values["started_at"].astimezone(TZ).date() for e in plan.entries if e.kind == "spasm"}
    logged_days |= {e.values["day"] for e in plan.entries if e.kind == "quiet"}
    logged_days |= {e.values["taken_at"].astimezone(TZ).date() for e in plan.entries if e.kind == "intake"}
    assert days - len(logged_days) >= 3  # some days with nothing at all
    assert plan.count("quiet") >= 3
    table = _food_descriptions()
    foods = [e.values for e in plan.entries if e.kind == "intake" and e.values["source"] == "food"]
    assert foods and all(table[f["food_ndb"]] == f["description"] for f in foods)
    assert any(f["magnesium_mg"] is None for f in foods)  # a real food with an unknown value
    profile = next(e.values for e in plan.entries if e.kind == "profile")
    assert profile["name"] == "Sample Patient" and profile["timezone"] == "Europe/Berlin"


def test_sample_command_writes_the_plan(run_sqlite) -> None:  # type: ignore[no-untyped-def]
    """`diary sample` writes every planned entry through the domain functions and says what it wrote, once (no
    'Made a new diary' before its own line naming the new file)."""
    result = run_sqlite("sample", "--months", "1", "--seed", "3", "--end", "2026-10-31", now=NOW)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    plan = plan_sample(months=1, seed=3, end=dt.date(2026, 10, 31))
    counts = {k: plan.count(k) for k in ("spasm", "intake", "adjustment", "quiet")}
    assert result.stdout.splitlines()[0] == (
        f"Wrote a sample diary to {run_sqlite.location}: 01 Oct 2026 to 31 Oct 2026, {counts['spasm']} spasms, "
        f"{counts['intake']} intakes, {counts['adjustment']} adjustments, {counts['quiet']} quiet days (seed 3)."
    )
    assert run_sqlite.count("episode") == counts["spasm"]
    assert run_sqlite.count("intake") == counts["intake"]
    assert run_sqlite.rows("SELECT name, sex, birth_year, timezone FROM profile") == [
        ("Sample Patient", "female", 1979, "Europe/Berlin")]
    first = run_sqlite.rows("SELECT min(started_at) FROM episode")[0][0]
    assert first >= "2026-09-30 22:00:00"  # 1 Oct 00:00 in Berlin


def test_two_sample_diaries_are_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same seed and end day write the same rows into two diaries."""
    from tests.helpers import Diary

    a, b = Diary(str(tmp_path / "a.db"), monkeypatch), Diary(str(tmp_path / "b.db"), monkeypatch)
    for d in (a, b):
        assert d("sample", "--months", "1", "--seed", "9", "--end", "2026-10-31", now=NOW).exit_code == 0
    query = ("SELECT e.created_at, p.started_at, p.intensity, p.duration_s, p.site, p.side, p.note "
             "FROM episode p JOIN entry e ON e.id = p.id ORDER BY p.id")
    assert a.rows(query) == b.rows(query)
    intake = "SELECT taken_at, description, water_ml, potassium_mg FROM intake ORDER BY id"
    assert a.rows(intake) == b.rows(intake)


def test_sample_refuses_a_diary_with_entries(run_sqlite) -> None:  # type: ignore[no-untyped-def]
    """A diary with anything in it is refused with one line, and nothing is added."""
    assert run_sqlite("spasm", "5", now=NOW).exit_code == 0
    result = run_sqlite("sample", "--end", "2026-10-31", now=NOW)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: diary {run_sqlite.location} already has entries: a sample goes only into an "
                             "empty diary (give a new file with --db, e.g. --db sample.db)\n")
    assert run_sqlite.count("episode") == 1 and run_sqlite.count("intake") == 0


def test_sample_ending_today_stops_at_now(run_sqlite) -> None:  # type: ignore[no-untyped-def]
    """A sample that ends today holds nothing logged after the present moment."""
    assert run_sqlite("sample", "--months", "1", "--seed", "1", now=NOW).exit_code == 0
    latest = run_sqlite.rows("SELECT max(created_at) FROM entry")[0][0]
    assert latest <= "2026-11-25 09:00:00.000000"


def test_sample_report_end_to_end(run_sqlite, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The sample's last full month makes a report with adjustments, episodes and most days observed."""
    assert run_sqlite("sample", "--months", "2", "--seed", "1", "--end", "2026-11-24", now=NOW).exit_code == 0
    out = tmp_path / "sample.pdf"
    result = run_sqlite("report", "--out", str(out), now=NOW)
    assert result.exit_code == 0, result.output
    words = result.stdout.split()
    assert words[words.index("episodes,") - 1].isdigit() and int(words[words.index("episodes,") - 1]) > 20
    assert "October 2026" in result.stdout
    observed, total = int(words[words.index("of") - 1]), int(words[words.index("of") + 1])
    assert total == 31 and 20 <= observed < 31


def test_sample_gets_better_after_care_began(run_sqlite) -> None:  # type: ignore[no-untyped-def]
    """The demo's pattern: its last full month has a usable baseline and fewer episodes per observed day than
    the 28 days before care began (a plausible course of care to look at, not a test of the statistics)."""
    from diary.reports import baseline
    from diary.reports.data import Period, load
    from diary.storage.engine import read_connection

    assert run_sqlite("sample", "--months", "3", "--seed", "1", "--end", "2026-11-30",
                      now="2026-12-01T09:00:00+01:00").exit_code == 0
    with read_connection(run_sqlite.location) as conn:
        data = load(conn, Period.month(2026, 11), window_days=7, cutoff=dt.datetime(2026, 12, 1, 9, tzinfo=TZ))
    answer = baseline.answer(data)
    assert answer.baseline_usable and answer.baseline is not None
    assert answer.this.per_day is not None and answer.baseline.per_day is not None
    assert answer.this.per_day < 0.85 * answer.baseline.per_day


def test_server_password_is_never_printed() -> None:
    """A server URL's password is masked wherever the sample command names the diary."""
    from diary.cli.report import _shown

    assert _shown("postgresql+psycopg://ann:s3cret@db.example/diary") == "postgresql+psycopg://ann:***@db.example/diary"
    assert _shown("/home/ann/diary.db") == "/home/ann/diary.db"


def test_sample_has_every_measure_with_a_course(run_sqlite) -> None:  # type: ignore[no-untyped-def]
    """The sample logs all five measures through diary.measures and marks complete days: a weekly PEG that falls
    over care, impressions of change from 'no change' towards improved, ibuprofen on bad days, soreness after
    some visits, and most days with intake marked complete."""
    assert run_sqlite("sample", "--months", "3", "--seed", "1", "--end", "2026-11-30",
                      now="2026-12-01T09:00:00+01:00").exit_code == 0
    counts = {t: run_sqlite.count(t) for t in ("pgic", "peg", "medication", "reaction", "complete_day")}
    assert all(n > 0 for n in counts.values()), counts
    assert 12 <= counts["peg"] <= 14  # weekly over 13 weeks
    peg = run_sqlite.rows("SELECT pain + enjoyment + activity FROM peg ORDER BY at")
    assert sum(p for (p,) in peg[-3:]) < sum(p for (p,) in peg[:3])
    scores = [s for (s,) in run_sqlite.rows("SELECT score FROM pgic ORDER BY at")]
    assert scores[0] == 4 and min(scores) <= 3
    days_with_intake = run_sqlite.rows("SELECT count(DISTINCT substr(taken_at, 1, 10)) FROM intake")[0][0]
    assert counts["complete_day"] <= days_with_intake + 1
