"""Who made a letter, whether it still waits for a second check, and who approved it;
and drafts of the caseworkers' forms.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("letters") as batch:
        batch.add_column(
            sa.Column(
                "status", sa.String(20), nullable=False, server_default="definitief"
            )
        )
        batch.add_column(sa.Column("made_by", sa.String(100), nullable=True))
        batch.add_column(sa.Column("approved_by", sa.String(100), nullable=True))
        batch.add_column(
            sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True)
        )
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("template_id", sa.String(100), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("user_name", "template_id", name="uq_drafts_user_template"),
    )


def downgrade() -> None:
    op.drop_table("drafts")
    with op.batch_alter_table("letters") as batch:
        for column in ("approved_at", "approved_by", "made_by", "status"):
            batch.drop_column(column)
