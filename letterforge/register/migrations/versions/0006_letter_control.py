"""Letter control: an append-only audit trail per letter, and a session version per
user so that signing out ends the session on the server too.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letter_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "letter_id",
            sa.String(36),
            sa.ForeignKey("letters.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
    )
    _append_only()
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column(
                "session_version", sa.Integer(), nullable=False, server_default="0"
            )
        )


_SQLITE_TRIGGER = """
CREATE TRIGGER letter_events_append_only_{op}
BEFORE {op} ON letter_events
BEGIN SELECT RAISE(ABORT, 'letter_events is append-only'); END
"""
_POSTGRES_FUNCTION = """
CREATE FUNCTION letter_events_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'letter_events is append-only'; END
$$ LANGUAGE plpgsql
"""
_POSTGRES_TRIGGER = """
CREATE TRIGGER letter_events_append_only
BEFORE UPDATE OR DELETE ON letter_events
FOR EACH ROW EXECUTE FUNCTION letter_events_append_only()
"""


def _append_only() -> None:
    """The audit trail is append-only in the database too, not just in our code."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in ("UPDATE", "DELETE"):
            op.execute(_SQLITE_TRIGGER.format(op=statement))
    elif dialect == "postgresql":
        op.execute(_POSTGRES_FUNCTION)
        op.execute(_POSTGRES_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER letter_events_append_only ON letter_events")
        op.execute("DROP FUNCTION letter_events_append_only()")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_version")
    op.drop_table("letter_events")
