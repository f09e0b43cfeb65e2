"""The undo journal records restores (diary restore ID).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE = "action IN ('add', 'edit', 'delete')"
AFTER = "action IN ('add', 'edit', 'delete', 'restore')"


def upgrade() -> None:
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_change_action"), type_="check")
        batch_op.create_check_constraint(op.f("ck_change_action"), AFTER)


def downgrade() -> None:
    # A restore is, for the older schema, the undoable re-adding of an entry.
    op.execute("UPDATE change SET action = 'add' WHERE action = 'restore'")
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_change_action"), type_="check")
        batch_op.create_check_constraint(op.f("ck_change_action"), BEFORE)
