"""The measures (PGIC, PEG, medication, reactions), complete days, remembered food names,
approximate durations, undo batches, the profile's new settings, and the phone page's
paired devices and sent-entry ids: the one schema change of this release.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = "kind IN ('spasm', 'intake', 'adjustment', 'quiet')"
NEW_KINDS = ("kind IN ('spasm', 'intake', 'adjustment', 'quiet', 'pgic', 'peg', 'medication', 'reaction', "
             "'complete')")
UNITS = "units IN ('uk', 'us')"


def upgrade() -> None:
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_entry_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_entry_kind"), NEW_KINDS)
        # Nearly every entry is live: this index only led the planner to read the whole history.
        batch_op.drop_index(batch_op.f("ix_entry_deleted_at"))

    op.create_table('device',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.String(length=26), nullable=False),
    sa.Column('last_seen_at', sa.String(length=26), nullable=True),
    sa.Column('revoked_at', sa.String(length=26), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device')),
    sa.UniqueConstraint('name', name=op.f('uq_device_name')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_device_token_hash'))
    )
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_device_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_device_last_seen_at'), ['last_seen_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_device_revoked_at'), ['revoked_at'], unique=False)

    op.create_table('complete_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_complete_day_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complete_day'))
    )
    with op.batch_alter_table('complete_day', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complete_day_day'), ['day'], unique=False)

    op.create_table('food_alias',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('food_ndb', sa.String(length=8), nullable=True),
    sa.Column('own_food_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.String(length=26), nullable=False),
    sa.Column('updated_at', sa.String(length=26), nullable=False),
    sa.CheckConstraint('(food_ndb IS NULL) <> (own_food_id IS NULL)', name=op.f('ck_food_alias_one_food')),
    sa.ForeignKeyConstraint(['own_food_id'], ['own_food.id'], name=op.f('fk_food_alias_own_food_id_own_food')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_alias')),
    sa.UniqueConstraint('name', name=op.f('uq_food_alias_name'))
    )
    with op.batch_alter_table('food_alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_alias_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_alias_own_food_id'), ['own_food_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_alias_updated_at'), ['updated_at'], unique=False)

    op.create_table('medication',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('taken_at', sa.String(length=26), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('dose', sa.String(length=64), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_medication_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_medication'))
    )
    with op.batch_alter_table('medication', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_medication_taken_at'), ['taken_at'], unique=False)

    op.create_table('peg',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=26), nullable=False),
    sa.Column('pain', sa.Integer(), nullable=False),
    sa.Column('enjoyment', sa.Integer(), nullable=False),
    sa.Column('activity', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint('activity BETWEEN 0 AND 10', name=op.f('ck_peg_activity')),
    sa.CheckConstraint('enjoyment BETWEEN 0 AND 10', name=op.f('ck_peg_enjoyment')),
    sa.CheckConstraint('pain BETWEEN 0 AND 10', name=op.f('ck_peg_pain')),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_peg_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peg'))
    )
    with op.batch_alter_table('peg', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peg_at'), ['at'], unique=False)

    op.create_table('pgic',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=26), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint('score BETWEEN 1 AND 7', name=op.f('ck_pgic_score')),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_pgic_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pgic'))
    )
    with op.batch_alter_table('pgic', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pgic_at'), ['at'], unique=False)

    op.create_table('reaction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=26), nullable=False),
    sa.Column('symptom', sa.String(length=16), nullable=False),
    sa.Column('intensity', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("symptom IN ('soreness', 'stiffness', 'headache', 'dizziness', 'tingling', 'tiredness', 'other')", name=op.f('ck_reaction_symptom')),
    sa.CheckConstraint('intensity BETWEEN 0 AND 10', name=op.f('ck_reaction_intensity')),
    sa.ForeignKeyConstraint(['id'], ['entry.id'], name=op.f('fk_reaction_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reaction'))
    )
    with op.batch_alter_table('reaction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reaction_at'), ['at'], unique=False)

    op.create_table('web_submission',
    sa.Column('client_id', sa.String(length=64), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('received_at', sa.String(length=26), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['entry.id'], name=op.f('fk_web_submission_entry_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('client_id', name=op.f('pk_web_submission'))
    )
    with op.batch_alter_table('web_submission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_submission_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_web_submission_received_at'), ['received_at'], unique=False)

    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.add_column(sa.Column('batch', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_change_batch'), ['batch'], unique=False)

    with op.batch_alter_table('episode', schema=None) as batch_op:
        batch_op.add_column(sa.Column('duration_approximate', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('always_complete', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('units', sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column('sleep_start', sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column('sleep_end', sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column('care_began', sa.String(length=10), nullable=True))
        batch_op.create_check_constraint(op.f("ck_profile_units"), UNITS)


def downgrade() -> None:
    # The older schema has no place for the new kinds of entry: they and their journal go.
    new = "('pgic', 'peg', 'medication', 'reaction', 'complete')"
    op.execute(f"DELETE FROM change WHERE entry_id IN (SELECT id FROM entry WHERE kind IN {new})")
    op.execute(f"DELETE FROM entry WHERE kind IN {new}")
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_profile_units"), type_="check")
        batch_op.drop_column('care_began')
        batch_op.drop_column('sleep_end')
        batch_op.drop_column('sleep_start')
        batch_op.drop_column('units')
        batch_op.drop_column('always_complete')

    with op.batch_alter_table('episode', schema=None) as batch_op:
        batch_op.drop_column('duration_approximate')

    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_batch'))
        batch_op.drop_column('batch')

    with op.batch_alter_table('web_submission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_submission_received_at'))
        batch_op.drop_index(batch_op.f('ix_web_submission_entry_id'))

    op.drop_table('web_submission')
    with op.batch_alter_table('reaction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reaction_at'))

    op.drop_table('reaction')
    with op.batch_alter_table('pgic', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pgic_at'))

    op.drop_table('pgic')
    with op.batch_alter_table('peg', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_peg_at'))

    op.drop_table('peg')
    with op.batch_alter_table('medication', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_medication_taken_at'))

    op.drop_table('medication')
    with op.batch_alter_table('food_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_alias_updated_at'))
        batch_op.drop_index(batch_op.f('ix_food_alias_own_food_id'))
        batch_op.drop_index(batch_op.f('ix_food_alias_created_at'))

    op.drop_table('food_alias')
    with op.batch_alter_table('complete_day', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complete_day_day'))

    op.drop_table('complete_day')
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_device_revoked_at'))
        batch_op.drop_index(batch_op.f('ix_device_last_seen_at'))
        batch_op.drop_index(batch_op.f('ix_device_created_at'))

    op.drop_table('device')
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_entry_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_entry_kind"), OLD_KINDS)
        batch_op.create_index(batch_op.f("ix_entry_deleted_at"), ["deleted_at"], unique=False)
