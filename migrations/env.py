"""Alembic environment, used both by the program (diary/storage/migrate.py passes a connection in
`config.attributes`) and by developers running `alembic` in a checkout (-x db=...)."""

from __future__ import annotations

from logging.config import fileConfig
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import URL, Connection, TypeDecorator, create_engine, pool

from diary.models import Base

config = context.config
target_metadata = Base.metadata

# Only configure logging when a developer runs alembic from the command line; from inside
# the program, keep the program's logging as it is.
if config.config_file_name is not None and "connection" not in config.attributes:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _url() -> str | URL:
    db = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")
    if not db:
        raise SystemExit("give the database: alembic -x db=path/to/diary.db ...")
    # A file name is built into the URL, never parsed from it (old%41.db is not oldA.db).
    return db if "://" in db else URL.create("sqlite", database=db)


def _render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Write the models' stored types as plain SQLAlchemy types, so a migration never
    imports diary.models (which will have changed by the time an old migration runs)."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return repr(obj.impl).replace("String(", "sa.String(")
    return False


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds the table
        compare_type=True,
        render_item=_render_item,
    )


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
