"""The letter date is a date, not text.

Existing rows hold ISO dates ("2026-11-24") as text. PostgreSQL converts them with
a cast. SQLite must not cast: CAST('2026-11-24' AS DATE) gives the number 2026
there (DATE has numeric affinity), which is what Alembic's batch mode would do on a
type change. So the text is copied as it is into a new DATE column, where SQLite
keeps it as the same ISO text that SQLAlchemy's Date reads.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(
            "letters",
            "letter_date",
            existing_type=sa.String(10),
            type_=sa.Date(),
            existing_nullable=False,
            postgresql_using="letter_date::date",
        )
        return
    with op.batch_alter_table("letters") as batch:
        batch.add_column(sa.Column("letter_day", sa.Date(), nullable=True))
    op.execute("UPDATE letters SET letter_day = letter_date")
    with op.batch_alter_table("letters") as batch:
        batch.drop_column("letter_date")
        batch.alter_column(
            "letter_day",
            new_column_name="letter_date",
            existing_type=sa.Date(),
            nullable=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("letters") as batch:
        batch.alter_column(
            "letter_date",
            existing_type=sa.Date(),
            type_=sa.String(10),
            existing_nullable=False,
            postgresql_using="to_char(letter_date, 'YYYY-MM-DD')",
        )
