"""Read-only queries the report is built from: SQLAlchemy Core selects over the models.

Each function takes an open SQLAlchemy `Connection` and fetches one kind of entry in a
time range, through the index on that kind's time column, so a month's report reads the
month and the windows around it, never the whole history. Deleted entries never count.
Instants are compared as the stored UTC text (diary/dbtime.py), which sorts in time order
on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Row, String, func, select, type_coerce

from diary import models

_entry = models.Entry.__table__
_episode = models.Episode.__table__
_intake = models.Intake.__table__
_adjustment = models.Adjustment.__table__
_quiet = models.QuietDay.__table__
_trigger = models.Trigger.__table__
_episode_trigger = models.EpisodeTrigger.__table__
_profile = models.Profile.__table__

# "Not deleted", written so that no database uses the index on deleted_at for it: nearly
# every entry is live, so that index would walk the whole history; the range on the
# kind's time column is what must drive each query (tests/test_queries.py checks the plan).
_live = func.coalesce(type_coerce(_entry.c.deleted_at, String), "") == ""


def profile(conn: Connection) -> Row[Any] | None:
    """The profile row (name, sex, life_stage, birth_year, timezone, clinician, logs_every_spasm), if saved."""
    return conn.execute(select(_profile).where(_profile.c.id == 1)).first()


def episodes_between(conn: Connection, start: dt.datetime, end: dt.datetime) -> list[Row[Any]]:
    """Live episodes that started in [start, end), oldest first, with when each was logged."""
    stmt = (
        select(
            _episode.c.id, _episode.c.started_at, _episode.c.intensity, _episode.c.duration_s,
            _episode.c.site, _episode.c.side, _episode.c.relieved_by, _episode.c.note,
            _entry.c.created_at,
        )
        .join(_entry, _entry.c.id == _episode.c.id)
        .where(_live, _episode.c.started_at >= start, _episode.c.started_at < end)
        .order_by(_episode.c.started_at, _episode.c.id)
    )
    return list(conn.execute(stmt))


def episode_triggers_between(conn: Connection, start: dt.datetime, end: dt.datetime) -> list[Row[Any]]:
    """(episode_id, name) for the triggers of live episodes that started in [start, end)."""
    stmt = (
        select(_episode_trigger.c.episode_id, _trigger.c.name)
        .select_from(_episode)
        .join(_entry, _entry.c.id == _episode.c.id)
        .join(_episode_trigger, _episode_trigger.c.episode_id == _episode.c.id)
        .join(_trigger, _trigger.c.id == _episode_trigger.c.trigger_id)
        .where(_live, _episode.c.started_at >= start, _episode.c.started_at < end)
        .order_by(_episode_trigger.c.episode_id, _trigger.c.name)
    )
    return list(conn.execute(stmt))


def intakes_between(conn: Connection, start: dt.datetime, end: dt.datetime) -> list[Row[Any]]:
    """Live intakes taken in [start, end), oldest first, with their nutrient snapshot (NULL = unknown)."""
    stmt = (
        select(
            _intake.c.id, _intake.c.taken_at, _intake.c.source, _intake.c.description,
            _intake.c.water_ml, _intake.c.sodium_mg, _intake.c.potassium_mg, _intake.c.magnesium_mg,
            _intake.c.calcium_mg, _intake.c.supplement_nutrient,
        )
        .join(_entry, _entry.c.id == _intake.c.id)
        .where(_live, _intake.c.taken_at >= start, _intake.c.taken_at < end)
        .order_by(_intake.c.taken_at, _intake.c.id)
    )
    return list(conn.execute(stmt))


_ADJUSTMENT_COLUMNS = (_adjustment.c.id, _adjustment.c.at, _adjustment.c.provider, _adjustment.c.region, _adjustment.c.note)


def adjustments_between(conn: Connection, start: dt.datetime, end: dt.datetime) -> list[Row[Any]]:
    """Live adjustments in [start, end), oldest first."""
    stmt = (
        select(*_ADJUSTMENT_COLUMNS)
        .join(_entry, _entry.c.id == _adjustment.c.id)
        .where(_live, _adjustment.c.at >= start, _adjustment.c.at < end)
        .order_by(_adjustment.c.at, _adjustment.c.id)
    )
    return list(conn.execute(stmt))


def adjustment_before(conn: Connection, instant: dt.datetime) -> Row[Any] | None:
    """The last live adjustment strictly before `instant` (a window's neighbour), if any."""
    stmt = (
        select(*_ADJUSTMENT_COLUMNS)
        .join(_entry, _entry.c.id == _adjustment.c.id)
        .where(_live, _adjustment.c.at < instant)
        .order_by(_adjustment.c.at.desc(), _adjustment.c.id.desc())
        .limit(1)
    )
    return conn.execute(stmt).first()


def adjustment_after(conn: Connection, instant: dt.datetime) -> Row[Any] | None:
    """The first live adjustment at or after `instant`, if any."""
    stmt = (
        select(*_ADJUSTMENT_COLUMNS)
        .join(_entry, _entry.c.id == _adjustment.c.id)
        .where(_live, _adjustment.c.at >= instant)
        .order_by(_adjustment.c.at, _adjustment.c.id)
        .limit(1)
    )
    return conn.execute(stmt).first()


def quiet_days_between(conn: Connection, first: dt.date, last: dt.date) -> list[dt.date]:
    """Local days from `first` to `last` (inclusive) the patient marked as without spasms."""
    stmt = (
        select(_quiet.c.day)
        .join(_entry, _entry.c.id == _quiet.c.id)
        .where(_live, _quiet.c.day >= first, _quiet.c.day <= last)
        .order_by(_quiet.c.day)
        .distinct()
    )
    return [r[0] for r in conn.execute(stmt)]
