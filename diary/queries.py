"""Read-only queries the report is built from: SQLAlchemy Core selects over the models.

Each function takes an open SQLAlchemy `Connection` and fetches one kind of entry in a
time range, through the index on that kind's time column, so a month's report reads the
months it shows and the baseline, never the whole history. Deleted entries never count.
Instants are compared as the stored UTC text (diary/dbtime.py), which sorts in time order
on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, Connection, FromClause, Row, exists, select

from diary import models
from diary.vocab import KIND_BY_NAME

_entry = models.Entry.__table__
_episode = models.Episode.__table__
_intake = models.Intake.__table__
_adjustment = models.Adjustment.__table__
_quiet = models.QuietDay.__table__
_trigger = models.Trigger.__table__
_episode_trigger = models.EpisodeTrigger.__table__
_profile = models.ProfileRow.__table__
_complete = models.CompleteDay.__table__
_pgic = models.Pgic.__table__
_peg = models.Peg.__table__
_medication = models.Medication.__table__
_reaction = models.Reaction.__table__


def _live(table: FromClause) -> ColumnElement[bool]:
    """The row's entry is live (not deleted): a look-up of that one entry by its key.

    Not a join: with a join the planner may start from `entry` (SQLite did, once its
    statistics said a small diary's tables were small), and a ten-year diary would then
    walk its whole history. With the entry in a subquery only, the range on the kind's
    time column drives each query whatever the statistics say (tests/test_queries.py
    checks the plans)."""
    return exists().where(_entry.c.id == table.c.id, _entry.c.deleted_at.is_(None))


def profile(conn: Connection) -> Row[Any] | None:
    """The profile row (every column of the profile table), if saved."""
    return conn.execute(select(_profile).where(_profile.c.id == 1)).first()


def episodes_between(conn: Connection, start: dt.datetime, end: dt.datetime) -> list[Row[Any]]:
    """Live episodes that started in [start, end), oldest first, with when each was logged."""
    logged = select(_entry.c.created_at).where(_entry.c.id == _episode.c.id).scalar_subquery()
    stmt = (
        select(
            _episode.c.id, _episode.c.started_at, _episode.c.intensity, _episode.c.duration_s,
            _episode.c.duration_approximate, _episode.c.site, _episode.c.side, _episode.c.relieved_by, _episode.c.note,
            logged.label("created_at"),
        )
        .where(_live(_episode), _episode.c.started_at >= start, _episode.c.started_at < end)
        .order_by(_episode.c.started_at, _episode.c.id)
    )
    return list(conn.execute(stmt))


def episode_marks_between(conn: Connection, start: dt.datetime, end: dt.datetime) -> list[Row[Any]]:
    """(started_at, intensity) of live episodes that started in [start, end), oldest first:
    what the months of the trend need, without the rest of each row."""
    stmt = (
        select(_episode.c.started_at, _episode.c.intensity)
        .where(_live(_episode), _episode.c.started_at >= start, _episode.c.started_at < end)
        .order_by(_episode.c.started_at, _episode.c.id)
    )
    return list(conn.execute(stmt))


def first_episode(conn: Connection) -> dt.datetime | None:
    """When the first live episode of the diary started, if there is one."""
    stmt = select(_episode.c.started_at).where(_live(_episode)).order_by(_episode.c.started_at).limit(1)
    return conn.execute(stmt).scalar()


def first_quiet_day(conn: Connection) -> dt.date | None:
    """The first local day the patient marked quiet, if any."""
    stmt = select(_quiet.c.day).where(_live(_quiet)).order_by(_quiet.c.day).limit(1)
    return conn.execute(stmt).scalar()


def first_adjustment(conn: Connection, before: dt.datetime | None = None) -> dt.datetime | None:
    """The first live adjustment of the diary, or of those before `before` (when care began,
    unless the profile says otherwise)."""
    stmt = select(_adjustment.c.at).where(_live(_adjustment))
    if before is not None:
        stmt = stmt.where(_adjustment.c.at < before)
    return conn.execute(stmt.order_by(_adjustment.c.at).limit(1)).scalar()


def entry_times_between(conn: Connection, kind: str, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """The instants of the live entries of `kind` (a name of diary.vocab.KINDS with an
    instant for its time) in [start, end): which days have anything logged."""
    k = KIND_BY_NAME[kind]
    table = models.Base.metadata.tables[k.table]
    column = table.c[k.time_column]
    stmt = select(column).where(_live(table), column >= start, column < end).order_by(column)
    return [r[0] for r in conn.execute(stmt)]


def days_between(conn: Connection, kind: str, first: dt.date, last: dt.date) -> list[dt.date]:
    """The local days (first to last, inclusive) with a live statement of `kind` ('quiet' or 'complete')."""
    table = {"quiet": _quiet, "complete": _complete}[kind]
    stmt = (
        select(table.c.day)
        .where(_live(table), table.c.day >= first, table.c.day <= last)
        .order_by(table.c.day)
        .distinct()
    )
    return [r[0] for r in conn.execute(stmt)]


def episode_triggers_between(conn: Connection, start: dt.datetime, end: dt.datetime) -> list[Row[Any]]:
    """(episode_id, name) for the triggers of live episodes that started in [start, end)."""
    stmt = (
        select(_episode_trigger.c.episode_id, _trigger.c.name)
        .select_from(_episode)
        .join(_episode_trigger, _episode_trigger.c.episode_id == _episode.c.id)
        .join(_trigger, _trigger.c.id == _episode_trigger.c.trigger_id)
        .where(_live(_episode), _episode.c.started_at >= start, _episode.c.started_at < end)
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
        .where(_live(_intake), _intake.c.taken_at >= start, _intake.c.taken_at < end)
        .order_by(_intake.c.taken_at, _intake.c.id)
    )
    return list(conn.execute(stmt))


_ADJUSTMENT_COLUMNS = (_adjustment.c.id, _adjustment.c.at, _adjustment.c.provider, _adjustment.c.region,
                       _adjustment.c.note)


def adjustments_between(conn: Connection, start: dt.datetime, end: dt.datetime) -> list[Row[Any]]:
    """Live adjustments in [start, end), oldest first."""
    stmt = (
        select(*_ADJUSTMENT_COLUMNS)
        .where(_live(_adjustment), _adjustment.c.at >= start, _adjustment.c.at < end)
        .order_by(_adjustment.c.at, _adjustment.c.id)
    )
    return list(conn.execute(stmt))


def quiet_days_between(conn: Connection, first: dt.date, last: dt.date) -> list[dt.date]:
    """Local days from `first` to `last` (inclusive) the patient marked as without spasms."""
    return days_between(conn, "quiet", first, last)


def complete_days_between(conn: Connection, first: dt.date, last: dt.date) -> list[dt.date]:
    """Local days from `first` to `last` (inclusive) whose food and drink the patient marked as all logged."""
    return days_between(conn, "complete", first, last)


# --- the measures beside the counts (PGIC, PEG, acute medication, reactions) -------------------


def pgic_between(conn: Connection, start: dt.datetime, end: dt.datetime) -> list[Row[Any]]:
    """Live impressions of change (at, score 1-7) in [start, end), oldest first."""
    stmt = (select(_pgic.c.id, _pgic.c.at, _pgic.c.score)
            .where(_live(_pgic), _pgic.c.at >= start, _pgic.c.at < end).order_by(_pgic.c.at, _pgic.c.id))
    return list(conn.execute(stmt))


def peg_between(conn: Connection, start: dt.datetime, end: dt.datetime) -> list[Row[Any]]:
    """Live PEG answers (at, pain, enjoyment, activity) in [start, end), oldest first."""
    stmt = (select(_peg.c.id, _peg.c.at, _peg.c.pain, _peg.c.enjoyment, _peg.c.activity)
            .where(_live(_peg), _peg.c.at >= start, _peg.c.at < end).order_by(_peg.c.at, _peg.c.id))
    return list(conn.execute(stmt))


def medication_between(conn: Connection, start: dt.datetime, end: dt.datetime) -> list[Row[Any]]:
    """Live acute medication taken (taken_at, name, dose) in [start, end), oldest first."""
    stmt = (select(_medication.c.id, _medication.c.taken_at, _medication.c.name, _medication.c.dose)
            .where(_live(_medication), _medication.c.taken_at >= start, _medication.c.taken_at < end)
            .order_by(_medication.c.taken_at, _medication.c.id))
    return list(conn.execute(stmt))


def reactions_between(conn: Connection, start: dt.datetime, end: dt.datetime) -> list[Row[Any]]:
    """Live reactions after visits (at, symptom, intensity) in [start, end), oldest first."""
    stmt = (select(_reaction.c.id, _reaction.c.at, _reaction.c.symptom, _reaction.c.intensity)
            .where(_live(_reaction), _reaction.c.at >= start, _reaction.c.at < end)
            .order_by(_reaction.c.at, _reaction.c.id))
    return list(conn.execute(stmt))
