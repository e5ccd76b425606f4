"""Idempotency-Key for POST /api/v1/batches (issue 18): a retried batch POST
finds the batch it made instead of making every letter twice.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("batches") as batch:
        batch.add_column(sa.Column("idempotency_key", sa.String(200), nullable=True))
        batch.add_column(sa.Column("request_sha256", sa.String(64), nullable=True))
        batch.create_unique_constraint(
            "uq_batches_idempotency", ["client_name", "idempotency_key"]
        )


def downgrade() -> None:
    with op.batch_alter_table("batches") as batch:
        batch.drop_constraint("uq_batches_idempotency", type_="unique")
        batch.drop_column("request_sha256")
        batch.drop_column("idempotency_key")
