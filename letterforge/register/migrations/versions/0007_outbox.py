"""The PDF/A of each final letter, and the outbox of filings in the zaak (ZGW).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("letters") as batch:
        batch.add_column(sa.Column("pdf", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("pdf_sha256", sa.String(64), nullable=True))
    op.create_table(
        "filing_jobs",
        sa.Column("id", sa.Integer(), primary_key=True),
        # No foreign key: like the other tables, letters are never deleted, and
        # a job row must not block repairs of the letters table.
        sa.Column("letter_id", sa.String(36), nullable=False, unique=True),
        sa.Column("zaak_url", sa.String(1000), nullable=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("results", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index(
        "ix_filing_jobs_state_next", "filing_jobs", ["state", "next_attempt_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_filing_jobs_state_next", table_name="filing_jobs")
    op.drop_table("filing_jobs")
    with op.batch_alter_table("letters") as batch:
        batch.drop_column("pdf_sha256")
        batch.drop_column("pdf")
