"""The Alembic migrations create exactly what diary/models.py says."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from diary import schema
from diary.models import Base
from diary.storage.engine import make_engine
from diary.storage.migrate import script_revisions, upgrade_connection


def _url(location: str) -> str:
    return location if "://" in location else f"sqlite:///{location}"


def test_migrations_match_the_models(diary_db: str) -> None:
    """After upgrading an empty database to head, autogenerate finds no difference from the models."""
    engine = make_engine(_url(diary_db))
    try:
        with engine.begin() as conn:
            upgrade_connection(conn)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_every_table_of_the_models_exists_with_its_indexes(db_path: Path) -> None:
    """The migrated file has every model table, and every time column is indexed."""
    engine = make_engine(f"sqlite:///{db_path}")
    try:
        with engine.begin() as conn:
            upgrade_connection(conn)
        inspector = inspect(engine)
        assert set(inspector.get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}
        for table in Base.metadata.sorted_tables:
            indexed = {col for ix in inspector.get_indexes(table.name) for col in ix["column_names"]}
            for column in table.columns:
                # entry.deleted_at is left out on purpose: nearly every entry is live (see models.py)
                if (column.name.endswith(("_at", "day")) or column.name == "at") and column.name != "deleted_at":
                    assert column.name in indexed, f"{table.name}.{column.name} has no index"
    finally:
        engine.dispose()


def test_downgrade_to_base_and_up_again(db_path: Path) -> None:
    """Every migration can be undone and redone (a developer's safety net)."""
    from alembic import command

    from diary.storage.migrate import alembic_config

    engine = make_engine(f"sqlite:///{db_path}")
    try:
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            command.downgrade(cfg, "base")
            assert inspect(conn).get_table_names() == ["alembic_version"]
            command.upgrade(cfg, "head")
            assert "episode" in inspect(conn).get_table_names()
    finally:
        engine.dispose()


def test_the_fast_path_knows_every_revision() -> None:
    """diary/schema.py lists the same revisions, oldest first, as the migrations folder."""
    assert script_revisions() == schema.REVISIONS
    assert script_revisions()[-1] == schema.HEAD


@pytest.mark.parametrize("table", sorted(Base.metadata.tables))
def test_models_use_the_naming_convention(table: str) -> None:
    """Every constraint has a convention name, so batch migrations on SQLite can find it."""
    for constraint in Base.metadata.tables[table].constraints:
        assert constraint.name, f"unnamed constraint on {table}"
