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
    """Each kind is fetched for its own range only; neighbours are the nearest outside it."""
    _diary(diary_db)
    start, end = local("2026-11-01 00:00"), local("2026-11-11 00:00")
    with read_connection(diary_db) as conn:
        intakes = queries.intakes_between(conn, start, end)
        adjustments = queries.adjustments_between(conn, start, end)
        before = queries.adjustment_before(conn, start)
        after = queries.adjustment_after(conn, end)
        none_before = queries.adjustment_before(conn, local("2026-10-20 10:00"))
        quiet = queries.quiet_days_between(conn, dt.date(2026, 11, 1), dt.date(2026, 11, 10))
        profile = queries.profile(conn)
    assert [(r.water_ml, r.source) for r in intakes] == [(500.0, "water")]
    assert [a.at for a in adjustments] == [local("2026-11-04 10:00")]
    assert before is not None and before.at == local("2026-10-20 10:00")
    assert after is not None and after.at == local("2026-11-15 10:00")
    assert none_before is None
    assert quiet == [dt.date(2026, 11, 2)]
    assert profile is not None and (profile.name, profile.sex, profile.timezone) == ("Q", "male", "Europe/Berlin")


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
            "ix_adjustment_at ": lambda c, s, e: queries.adjustment_before(c, s),
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
