"""shared lists: services shared as one short link

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 09:00:00

A short code (derived from the ids), the services' ids in order, the day: nothing about who shared them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('shared_lists',
    sa.Column('code', sa.String(length=52), nullable=False),
    sa.Column('service_ids', sa.JSON(), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_shared_lists'))
    )


def downgrade() -> None:
    op.drop_table('shared_lists')
