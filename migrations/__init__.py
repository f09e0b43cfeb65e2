"""Alembic migrations, installed as `diary.migrations`."""
