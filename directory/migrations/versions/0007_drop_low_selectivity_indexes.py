"""drop indexes on columns nearly every row shares

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 11:50:00

`attributes.link_entity` ("service" for nearly every row) and `services.status` ("active" for nearly every
row) had indexes of their own. Without statistics SQLite took them for `link_entity = 'service' AND link_id
IN (...)` and `id IN (...) AND status IN (...)` and read nearly the whole table: 14 ms and 25 ms for 200
services at 10,000, against 0.3 ms through `link_id` and the primary key. Running ANALYZE instead is no cure:
it then scans `schedules` for `service_at_location_id IN (...)`, a column NULL in nearly every row.
"""

from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('attributes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attributes_link_entity'))
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_services_status'))


def downgrade() -> None:
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_services_status'), ['status'], unique=False)
    with op.batch_alter_table('attributes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attributes_link_entity'), ['link_entity'], unique=False)
