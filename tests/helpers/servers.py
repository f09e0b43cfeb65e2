"""PostgreSQL diaries for tests: each one a schema of its own on the server that
DIARY_TEST_POSTGRES names (tests that need one skip without it)."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator

POSTGRES = os.environ.get("DIARY_TEST_POSTGRES")  # e.g. postgresql+psycopg://diary@127.0.0.1/postgres


def new_server_diary() -> str:
    """A fresh, empty PostgreSQL diary location (DIARY_TEST_POSTGRES must be set): its own schema on the server named by
    DIARY_TEST_POSTGRES, chosen through the URL's search_path. (A schema costs a few
    milliseconds where CREATE DATABASE costs about 300, and isolates just as well.)"""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = make_url(POSTGRES)
    name = f"diary_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
    finally:
        admin.dispose()
    return admin_url.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(hide_password=False)


def drop_server_diary(url: str) -> None:
    """Remove a location made by new_server_diary, with everything in it."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = make_url(url).query["options"].split("=", 1)[1]
    admin = create_engine(make_url(POSTGRES), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    finally:
        admin.dispose()


@contextlib.contextmanager
def server_diary() -> Iterator[str]:
    """A fresh PostgreSQL diary location for the block, removed after it."""
    url = new_server_diary()
    try:
        yield url
    finally:
        drop_server_diary(url)


def plant_zero_trigger(url: str) -> None:
    """Plant in the server diary at `url` what an attacker would: a trigger that sets every
    new spasm's intensity to 0 (the program must refuse to open such a diary)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE FUNCTION zero() RETURNS trigger AS $$ BEGIN NEW.intensity := 0; RETURN NEW; "
                              "END $$ LANGUAGE plpgsql"))
            conn.execute(text("CREATE TRIGGER zero_intensity BEFORE INSERT ON episode FOR EACH ROW "
                              "EXECUTE FUNCTION zero()"))
    finally:
        engine.dispose()
