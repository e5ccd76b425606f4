"""Callbacks: a URL per API client, the events to deliver (an outbox), each attempt.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "callback_subscriptions",
        sa.Column("client_name", sa.String(100), primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("secret", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "callback_events",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("client_name", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("dedupe_key", sa.String(120), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("client_name", "dedupe_key"),
    )
    op.create_index(
        "ix_callback_events_due", "callback_events", ["state", "next_attempt_at"]
    )
    op.create_table(
        "callback_deliveries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("client_name", sa.String(100), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
    )
    op.create_index(
        "ix_callback_deliveries_event_id", "callback_deliveries", ["event_id"]
    )
    op.create_index(
        "ix_callback_deliveries_client_name", "callback_deliveries", ["client_name"]
    )


def downgrade() -> None:
    op.drop_index(
        "ix_callback_deliveries_client_name", table_name="callback_deliveries"
    )
    op.drop_index("ix_callback_deliveries_event_id", table_name="callback_deliveries")
    op.drop_table("callback_deliveries")
    op.drop_index("ix_callback_events_due", table_name="callback_events")
    op.drop_table("callback_events")
    op.drop_table("callback_subscriptions")
