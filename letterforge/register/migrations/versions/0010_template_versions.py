"""Template versions of the municipality, and which version made each letter.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "template_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("template_id", sa.String(100), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("files", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("based_on", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewer", sa.String(120), nullable=True),
        sa.Column("review_reason", sa.Text(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint(
            "template_id", "number", name="uq_template_versions_number"
        ),
    )
    op.create_index(
        "ix_template_versions_status", "template_versions", ["template_id", "status"]
    )
    with op.batch_alter_table("letters") as batch:
        batch.add_column(sa.Column("template_version_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("template_version_number", sa.Integer(), nullable=True)
        )
        batch.add_column(
            sa.Column("template_content_hash", sa.String(64), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("letters") as batch:
        batch.drop_column("template_content_hash")
        batch.drop_column("template_version_number")
        batch.drop_column("template_version_id")
    op.drop_index("ix_template_versions_status", table_name="template_versions")
    op.drop_table("template_versions")
