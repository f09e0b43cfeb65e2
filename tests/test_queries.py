"""The report's query layer: time ranges, deleted entries, neighbours, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import sqlite3
from zoneinfo import ZoneInfo

from diary import entries, queries
from diary.profile import set_profile
from diary.storage import open_diary
from diary.storage.engine import read_connection

TZ = ZoneInfo("Europe/Berlin")


def local(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=TZ)


def _diary(location: str) -> dict[str, int]:
    """Three episodes (one deleted), two intakes, three adjustments, two quiet days."""
    ids: dict[str, int] = {}
    now = local("2026-11-20 12:00")
    with open_diary(location) as store:
        set_profile(store, now, {"name": "Q", "sex": "male", "birth_year": 1970, "timezone": "Europe/Berlin"})
        ids["early"] = entries.log_episode(store, now, started_at=local("2026-11-01 00:00"), intensity=4,
                                           triggers=["sleep", "cold"], note="first")
        ids["late"] = entries.log_episode(store, now, started_at=local("2026-11-09 23:59"), intensity=6,
                                          duration_s=90, site="calf", side="left")
        ids["gone"] = entries.log_episode(store, now, started_at=local("2026-11-05 10:00"), intensity=9,
                                          triggers=["lifting"])
        entries.delete_entry(store, now, ids["gone"], TZ)
        ids["after"] = entries.log_episode(store, now, started_at=local("2026-11-10 00:00"), intensity=2)
        entries.log_intake(store, now, entries.water_intake(local("2026-11-03 09:00"), 500, "500 ml"))
        entries.log_intake(store, now, entries.water_intake(local("2026-11-12 09:00"), 250, "250 ml"))
        for day in ("2026-10-20", "2026-11-04", "2026-11-15"):
            entries.log_adjustment(store, now, at=local(f"{day} 10:00"), provider="Dr. Lee")
        entries.mark_quiet(store, now, dt.date(2026, 11, 2), TZ)
        entries.mark_quiet(store, now, dt.date(2026, 11, 12), TZ)
    return ids


def test_episodes_between_is_half_open_and_skips_deleted(diary_db: str) -> None:
    """[start, end) in local time: the midnight start is in, the next midnight out, a deleted episode never."""
    ids = _diary(diary_db)
    with read_connection(diary_db) as conn:
        rows = queries.episodes_between(conn, local("2026-11-01 00:00"), local("2026-11-10 00:00"))
        trig = queries.episode_triggers_between(conn, local("2026-11-01 00:00"), local("2026-11-10 00:00"))
    assert [r.id for r in rows] == [ids["early"], ids["late"]]
    assert rows[0].started_at == local("2026-11-01 00:00")
    assert rows[0].started_at.tzinfo is not None
    assert (rows[1].intensity, rows[1].duration_s, rows[1].site, rows[1].side) == (6, 90, "calf", "left")
    assert rows[0].duration_s is None  # unknown stays unknown
    assert [(r.episode_id, r.name) for r in trig] == [(ids["early"], "cold"), (ids["early"], "sleep")]


def test_intakes_adjustments_quiet_days_in_range(diary_db: str) -> None:
    """Each kind is fetched for its own range only; the diary's first adjustment, episode and quiet day are found."""
    ids = _diary(diary_db)
    start, end = local("2026-11-01 00:00"), local("2026-11-11 00:00")
    with read_connection(diary_db) as conn:
        intakes = queries.intakes_between(conn, start, end)
        adjustments = queries.adjustments_between(conn, start, end)
        quiet = queries.quiet_days_between(conn, dt.date(2026, 11, 1), dt.date(2026, 11, 10))
        profile = queries.profile(conn)
        firsts = (queries.first_adjustment(conn), queries.first_episode(conn), queries.first_quiet_day(conn))
        first_before = [queries.first_adjustment(conn, before=local(t)) for t in ("2026-10-20 10:00",
                                                                                 "2026-10-20 10:01")]
        marks = queries.episode_marks_between(conn, start, end)
        times = queries.entry_times_between(conn, "adjustment", start, end)
    assert [(r.water_ml, r.source) for r in intakes] == [(500.0, "water")]
    assert [a.at for a in adjustments] == [local("2026-11-04 10:00")] == times
    assert firsts == (local("2026-10-20 10:00"), local("2026-11-01 00:00"), dt.date(2026, 11, 2))
    assert first_before == [None, local("2026-10-20 10:00")]  # none before the first; it, just after it
    assert [(m.started_at, m.intensity) for m in marks] == [(local("2026-11-01 00:00"), 4),
                                                            (local("2026-11-09 23:59"), 6),
                                                            (local("2026-11-10 00:00"), 2)]
    assert ids["gone"] not in [r.id for r in queries_rows(diary_db)]
    assert quiet == [dt.date(2026, 11, 2)]
    assert profile is not None and (profile.name, profile.sex, profile.timezone) == ("Q", "male", "Europe/Berlin")


def queries_rows(location: str) -> list:  # type: ignore[type-arg]
    with read_connection(location) as conn:
        return queries.episodes_between(conn, local("2026-11-01 00:00"), local("2026-12-01 00:00"))


def test_measures_and_complete_days_in_range(diary_db: str) -> None:
    """PGIC, PEG, medication, reactions and complete days: live rows of their range only, oldest first."""
    now = local("2026-11-20 12:00")
    with open_diary(diary_db) as store:
        def entry(kind: str, table: str, values: dict) -> int:  # type: ignore[type-arg]
            entry_id = store.insert("entry", {"kind": kind, "created_at": now, "updated_at": now})
            store.insert(table, {"id": entry_id, **values})
            return entry_id

        entry("pgic", "pgic", {"at": local("2026-11-05 09:00"), "score": 2, "note": None})
        entry("peg", "peg", {"at": local("2026-11-06 09:00"), "pain": 6, "enjoyment": 5, "activity": 4, "note": None})
        entry("medication", "medication", {"taken_at": local("2026-11-07 09:00"), "name": "ibuprofen",
                                           "dose": "400 mg", "note": None})
        gone = entry("reaction", "reaction", {"at": local("2026-11-08 09:00"), "symptom": "headache",
                                              "intensity": 3, "note": None})
        entry("reaction", "reaction", {"at": local("2026-11-08 10:00"), "symptom": "soreness", "intensity": 4,
                                       "note": None})
        entry("complete", "complete_day", {"day": dt.date(2026, 11, 7), "note": None})
        entry("medication", "medication", {"taken_at": local("2026-12-07 09:00"), "name": "late", "dose": None,
                                           "note": None})
        store.update("entry", gone, {"deleted_at": now})
    start, end = local("2026-11-01 00:00"), local("2026-12-01 00:00")
    with read_connection(diary_db) as conn:
        assert [(r.at, r.score) for r in queries.pgic_between(conn, start, end)] == [(local("2026-11-05 09:00"), 2)]
        assert [(r.pain, r.enjoyment, r.activity) for r in queries.peg_between(conn, start, end)] == [(6, 5, 4)]
        assert [(r.name, r.dose) for r in queries.medication_between(conn, start, end)] == [("ibuprofen", "400 mg")]
        assert [(r.symptom, r.intensity) for r in queries.reactions_between(conn, start, end)] == [("soreness", 4)]
        assert queries.complete_days_between(conn, dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == [
            dt.date(2026, 11, 7)]


def test_queries_read_through_the_time_indexes(db_path) -> None:  # type: ignore[no-untyped-def]
    """SQLite plans each range query as an index search on the time column, not a scan of the history."""
    _diary(str(db_path))
    start, end = local("2026-11-01 00:00"), local("2026-11-11 00:00")
    with read_connection(str(db_path)) as conn:
        statements = {
            "ix_episode_started_at": queries.episodes_between,
            "ix_intake_taken_at": queries.intakes_between,
            "ix_adjustment_at": queries.adjustments_between,
            "ix_quiet_day_day": lambda c, s, e: queries.quiet_days_between(c, s.date(), e.date()),
            "ix_episode_started_at ": queries.episode_marks_between,
            "ix_complete_day_day": lambda c, s, e: queries.complete_days_between(c, s.date(), e.date()),
            "ix_pgic_at": queries.pgic_between,
            "ix_peg_at": queries.peg_between,
            "ix_medication_taken_at": queries.medication_between,
            "ix_reaction_at": queries.reactions_between,
        }
        for index, fn in statements.items():
            compiled = _compiled(conn, fn, start, end)
            raw = sqlite3.connect(db_path)
            try:
                plan = " ".join(str(r[-1]) for r in raw.execute(f"EXPLAIN QUERY PLAN {compiled[0]}", compiled[1]))
            finally:
                raw.close()
            assert f"USING INDEX {index.strip()}" in plan or f"USING COVERING INDEX {index.strip()}" in plan, plan
            assert "SCAN" not in plan, plan


def test_first_entries_read_the_time_index_in_order(db_path) -> None:  # type: ignore[no-untyped-def]
    """The diary's first adjustment (of all, or before an instant), episode and quiet day walk their time index
    from the start and stop at the first live row: no sort, no scan of the table."""
    _diary(str(db_path))
    with read_connection(str(db_path)) as conn:
        before = local("2026-12-01 00:00")
        for index, fn in (("ix_adjustment_at", queries.first_adjustment),
                          ("ix_adjustment_at", lambda c: queries.first_adjustment(c, before=before)),
                          ("ix_episode_started_at", queries.first_episode),
                          ("ix_quiet_day_day", queries.first_quiet_day)):
            compiled = _compiled(conn, lambda c, s, e, fn=fn: fn(c), None, None)
            raw = sqlite3.connect(db_path)
            try:
                plan = " ".join(str(r[-1]) for r in raw.execute(f"EXPLAIN QUERY PLAN {compiled[0]}", compiled[1]))
            finally:
                raw.close()
            assert f"INDEX {index}" in plan and "TEMP B-TREE" not in plan, plan


def _compiled(conn, fn, start, end):  # type: ignore[no-untyped-def]
    """The SQL and parameters `fn` sends, captured from SQLAlchemy's before_cursor_execute event."""
    from sqlalchemy import event

    seen = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        seen.append((statement, parameters))

    event.listen(conn, "before_cursor_execute", capture)
    try:
        fn(conn, start, end)
    finally:
        event.remove(conn, "before_cursor_execute", capture)
    return seen[-1]
