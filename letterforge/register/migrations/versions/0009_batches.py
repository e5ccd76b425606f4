"""Batches: many letters posted at once through the API, one row per line.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batches",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("client_name", sa.String(120), nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_batches_client_name", "batches", ["client_name"])
    op.create_table(
        "batch_lines",
        sa.Column(
            "batch_id", sa.String(36), sa.ForeignKey("batches.id"), primary_key=True
        ),
        sa.Column("line", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("request_json", sa.Text(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("letter_id", sa.String(36), nullable=True),
        sa.Column("errors", sa.JSON(), nullable=True),
    )
    op.create_index("ix_batch_lines_state", "batch_lines", ["state", "claimed_until"])


def downgrade() -> None:
    op.drop_index("ix_batch_lines_state", table_name="batch_lines")
    op.drop_table("batch_lines")
    op.drop_index("ix_batches_client_name", table_name="batches")
    op.drop_table("batches")
